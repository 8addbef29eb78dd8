"""Documents from the INPUT list of `annotator preannotate`: .txt files, directories,
JSON Lines files (plain or gzipped) and ``-`` for JSON Lines on stdin.

Reading never stops at bad input: each item comes with its location ("news.jsonl:17")
and is either a Document or an InputError saying what is wrong there, so the batch can
record the problem and go on with the rest.
"""

from __future__ import annotations

import gzip
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import IO

import jsonlines

from annotator.records import Document

STDIN = "-"
SUFFIXES = (".txt", ".jsonl", ".jsonl.gz")
SNIFF_BYTES = 8192


@dataclass
class InputError:
    """Why the input at ``location`` is not a usable document."""

    location: str
    message: str
    doc_id: str | None = None

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


@dataclass
class Fields:
    """Which JSON field holds each part of a document (``--id-field``, ``--field``)."""

    id: str = "id"
    text: str = "text"
    title: str = "title"
    url: str = "url"
    source: str = "source"
    published: str = "published"

    @classmethod
    def from_options(cls, id_field: str = "id", text_field: str = "text",
                     pairs: Iterable[str] = ()) -> Fields:
        """Build from CLI options; ``pairs`` are "name=json_field" strings."""
        values = {"id": id_field, "text": text_field}
        names = [f.name for f in fields(cls)]
        for pair in pairs:
            name, sep, field = pair.partition("=")
            if not sep or name not in names or not field:
                raise ValueError(f"--field {pair!r}: expected NAME=FIELD with NAME one of "
                                 f"{', '.join(names)}")
            values[name] = field
        return cls(**values)


Item = tuple[str, Document | InputError]


def kind_of(path: Path) -> str | None:
    """".txt", ".jsonl" or ".jsonl.gz" for a file we read, else None."""
    name = path.name.lower()
    return next((s for s in reversed(SUFFIXES) if name.endswith(s)), None)


def walk(directory: Path) -> Iterator[Path]:
    """The input files under ``directory``, in a stable order, hidden ones left out."""
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if not name.startswith(".") and kind_of(path):
                yield path


def read_inputs(inputs: Iterable[str], fields: Fields | None = None,
                stdin: IO[bytes] | None = None) -> Iterator[Item]:
    """Every document (or input error) in ``inputs``, in order, with its location."""
    fields = fields or Fields()
    for given in inputs:
        if given == STDIN:
            yield from read_jsonl(stdin or sys.stdin.buffer, "<stdin>", fields)
            continue
        path = Path(given)
        if path.is_dir():
            for file in walk(path):
                yield from read_file(file, fields)
        elif not path.exists():
            yield given, InputError(given, "no such file or directory")
        else:
            yield from read_file(path, fields)


def read_file(path: Path, fields: Fields) -> Iterator[Item]:
    kind, where = kind_of(path), str(path)
    if kind is None:
        yield where, InputError(where, "not an input file (expected .txt, .jsonl, "
                                       ".jsonl.gz, a directory, or - for stdin)")
        return
    try:
        if kind == ".txt":
            yield read_txt(path)
        elif kind == ".jsonl":
            with path.open("rb") as fp:
                if b"\x00" in fp.read(SNIFF_BYTES):
                    yield where, InputError(where, "binary file, not JSON Lines")
                    return
                fp.seek(0)
                yield from read_jsonl(fp, where, fields)
        else:
            with gzip.open(path, "rb") as fp:
                yield from read_jsonl(fp, where, fields)
    except OSError as exc:
        yield where, InputError(where, f"cannot read: {exc.strerror or exc}")


def read_txt(path: Path) -> Item:
    """One document: the whole file, its stem as id."""
    where, doc_id = str(path), path.stem
    data = path.read_bytes()
    if b"\x00" in data[:SNIFF_BYTES]:
        return where, InputError(where, "binary file, not text", doc_id)
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return f"{where}:{line}", InputError(
            f"{where}:{line}", f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset "
                               f"{exc.start})", doc_id)
    if not text.strip():
        return where, InputError(where, "empty text", doc_id)
    return where, Document(doc_id, text)


class _CountedLines:
    """Iterates a file's lines and remembers the number of the last one read."""

    def __init__(self, fp: IO[bytes]):
        self.fp, self.lineno, self.done = fp, 0, False

    def __iter__(self) -> Iterator[bytes]:
        for line in self.fp:
            self.lineno += 1
            yield line
        self.done = True


def read_jsonl(fp: IO[bytes], name: str, fields: Fields) -> Iterator[Item]:
    """One document per JSON object line; blank lines are ignored."""
    lines = _CountedLines(fp)
    reader = jsonlines.Reader(lines)
    while True:
        try:
            value = reader.read(skip_empty=True)
        except jsonlines.InvalidLineError as exc:
            where = f"{name}:{exc.lineno}"
            if isinstance(exc.__cause__, UnicodeDecodeError):
                yield where, InputError(where, f"not UTF-8: {exc.__cause__}")
            else:
                yield where, InputError(where, f"malformed JSON: {exc.__cause__ or exc}")
            continue
        except (OSError, EOFError, zlib.error) as exc:
            if isinstance(exc, EOFError) and lines.done:
                return  # the normal end of the file
            where = f"{name}:{lines.lineno + 1}"  # a corrupt or truncated .gz
            yield where, InputError(where, f"cannot read further: {exc}")
            return
        where = f"{name}:{lines.lineno}"
        yield where, document_from_json(value, where, fields)


def document_from_json(value: object, where: str, fields: Fields) -> Document | InputError:
    """A Document from one decoded JSON line, or what is wrong with it."""
    if not isinstance(value, dict):
        return InputError(where, f"expected a JSON object, got {type(value).__name__}")
    doc_id = value.get(fields.id)
    if isinstance(doc_id, bool) or not isinstance(doc_id, str | int) or doc_id == "":
        return InputError(where, f"no {fields.id!r} field (a string or a number)")
    doc_id = str(doc_id)
    text = value.get(fields.text)
    if text is None:
        return InputError(where, f"no {fields.text!r} field", doc_id)
    if not isinstance(text, str):
        return InputError(where, f"{fields.text!r} is not a string", doc_id)
    if not text.strip():
        return InputError(where, "empty text", doc_id)
    extra = {}
    for name in ("title", "url", "source", "published"):
        v = value.get(getattr(fields, name))
        extra[name] = None if v is None else str(v)
    return Document(doc_id, text, **extra)


def count_inputs(inputs: Iterable[str]) -> int | None:
    """How many items ``read_inputs`` will yield (for a progress bar's ETA); None when
    stdin is among the inputs. Cheap: counts files and non-blank lines, parses nothing."""
    total = 0
    for given in inputs:
        if given == STDIN:
            return None
        path = Path(given)
        files = walk(path) if path.is_dir() else [path]
        for file in files:
            kind = kind_of(file)
            try:
                if kind == ".jsonl":
                    with file.open("rb") as fp:
                        total += sum(1 for line in fp if line.strip())
                    continue
                if kind == ".jsonl.gz":
                    with gzip.open(file, "rb") as fp:
                        total += sum(1 for line in fp if line.strip())
                    continue
            except (OSError, EOFError, zlib.error):
                pass
            total += 1
    return total
