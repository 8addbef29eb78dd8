"""Reading the INPUT list: every input kind, configurable fields, and bad input that is
reported with its file and line while the rest is still read."""

from __future__ import annotations

import gzip
import io
import json

import pytest

from annotator.inputs import Fields, InputError, count_inputs, read_inputs
from annotator.records import Document


def jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def docs(items):
    return [(where, d.id, d.text) for where, d in items if isinstance(d, Document)]


def errors(items):
    return [(where, d.message) for where, d in items if isinstance(d, InputError)]


def test_txt_file_uses_its_stem_and_keeps_the_text_exactly(tmp_path):
    text = "\ufeffLine one.\r\nLine two said \u201cquoted\u201d.\n"
    (tmp_path / "story-1.txt").write_bytes(text.encode("utf-8"))
    items = list(read_inputs([str(tmp_path / "story-1.txt")]))
    assert docs(items) == [(str(tmp_path / "story-1.txt"), "story-1", text[1:])]


def test_directory_is_walked_recursively_in_a_stable_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / "a" / "deep" / "one.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "b" / "two.txt").write_text("Two.", encoding="utf-8")
    jsonl(tmp_path / "a" / "more.jsonl", [{"id": "three", "text": "Three."}])
    with gzip.open(tmp_path / "b" / "gz.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write(json.dumps({"id": "four", "text": "Four."}) + "\n")
    (tmp_path / "b" / "notes.md").write_text("ignored", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text("ignored", encoding="utf-8")
    items = list(read_inputs([str(tmp_path)]))
    # a folder's own files first, then its subfolders, each sorted by name
    assert [(d.id, d.text) for _, d in items] == [
        ("three", "Three."), ("one", "One."), ("four", "Four."), ("two", "Two.")]
    assert items[2][0] == f"{tmp_path / 'b' / 'gz.jsonl.gz'}:1"
    assert count_inputs([str(tmp_path)]) == 4


def test_jsonl_documents_carry_metadata_and_line_locations(tmp_path):
    path = jsonl(tmp_path / "news.jsonl", [
        {"id": "a", "text": "Alpha.", "title": "A", "url": "https://x/a", "source": "Wire",
         "published": "2026-01-02"},
        {"id": 7, "text": "Seven.", "published": 2026},
    ])
    with path.open("a", encoding="utf-8") as f:
        f.write("\n   \n")  # blank lines are not documents
    jsonl(tmp_path / "tail.jsonl", [{"id": "z", "text": "Zed."}])
    items = list(read_inputs([str(path), str(tmp_path / "tail.jsonl")]))
    assert [where for where, _ in items] == [f"{path}:1", f"{path}:2",
                                             f"{tmp_path / 'tail.jsonl'}:1"]
    assert items[0][1] == Document("a", "Alpha.", "A", "https://x/a", "Wire", "2026-01-02")
    assert items[1][1] == Document("7", "Seven.", published="2026")
    assert count_inputs([str(path)]) == 2


def test_jsonl_gz_and_stdin(tmp_path):
    path = tmp_path / "batch.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        for i in range(3):
            f.write(json.dumps({"id": f"g{i}", "text": f"Text {i}."}) + "\n")
    stdin = io.BytesIO(b'{"id": "s1", "text": "From stdin."}\n{"id": "s2"}\n')
    items = list(read_inputs([str(path), "-"], stdin=stdin))
    assert [d.id for _, d in items if isinstance(d, Document)] == ["g0", "g1", "g2", "s1"]
    assert errors(items) == [("<stdin>:2", "no 'text' field")]
    assert count_inputs([str(path)]) == 3 and count_inputs([str(path), "-"]) is None


def test_field_names_are_configurable(tmp_path):
    path = jsonl(tmp_path / "x.jsonl", [{"uid": "u1", "body": "Body text.",
                                         "headline": "Head", "link": "https://x"}])
    fields = Fields.from_options("uid", "body", ["title=headline", "url=link"])
    [(_, doc)] = list(read_inputs([str(path)], fields))
    assert doc == Document("u1", "Body text.", title="Head", url="https://x")
    # with the default names the same line has neither id nor text
    [(_, err)] = list(read_inputs([str(path)]))
    assert isinstance(err, InputError) and "'id'" in err.message
    with pytest.raises(ValueError, match="NAME=FIELD"):
        Fields.from_options(pairs=["author=by"])


def test_bad_lines_are_reported_with_file_and_line_and_reading_goes_on(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\n".join([
        b'{"id": "ok1", "text": "Fine."}',
        b'{"id": "broken", "text": "no closing brace"',
        b'{"id": "latin", "text": "caf\xe9"}',
        b'["a", "list"]',
        b'{"id": "nt"}',
        b'{"text": "no id"}',
        b'{"id": "blank", "text": "  \\n\\t "}',
        b'{"id": "num", "text": 42}',
        b'{"id": "ok2", "text": "Also fine."}',
    ]) + b"\n")
    items = list(read_inputs([str(path)]))
    assert docs(items) == [(f"{path}:1", "ok1", "Fine."), (f"{path}:9", "ok2", "Also fine.")]
    found = errors(items)
    assert [where for where, _ in found] == [f"{path}:{n}" for n in range(2, 9)]
    messages = [m for _, m in found]
    assert messages[0].startswith("malformed JSON")
    assert messages[1].startswith("not UTF-8")
    assert messages[2] == "expected a JSON object, got list"
    assert messages[3] == "no 'text' field"
    assert messages[4].startswith("no 'id' field")
    assert messages[5] == "empty text"
    assert messages[6] == "'text' is not a string"
    # errors name the document when its id is known
    assert [d.doc_id for _, d in items if isinstance(d, InputError)] == [
        None, None, None, "nt", None, "blank", "num"]


def test_bad_files_are_reported_and_reading_goes_on(tmp_path):
    (tmp_path / "latin1.txt").write_bytes(b"Line one.\nCaf\xe9 society.\n")
    (tmp_path / "empty.txt").write_text(" \n\t\n", encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    (tmp_path / "blob.jsonl").write_bytes(b"\x00\x01\x02garbage\n" * 10)
    (tmp_path / "fake.jsonl.gz").write_bytes(b'{"id": "x", "text": "not gzipped"}\n')
    good = gzip.compress(b'{"id": "t1", "text": "Kept."}\n' + b'{"id": "t2", "text": "Lost."}\n')
    (tmp_path / "truncated.jsonl.gz").write_bytes(good[: len(good) - 12])
    (tmp_path / "zz.txt").write_text("The last one.", encoding="utf-8")
    given = [str(tmp_path), str(tmp_path / "missing.jsonl"), str(tmp_path / "data.csv")]
    (tmp_path / "data.csv").write_text("a,b\n", encoding="utf-8")
    items = list(read_inputs(given))
    assert [d.id for _, d in items if isinstance(d, Document)][-1] == "zz"
    found = dict(errors(items))
    assert found[f"{tmp_path / 'latin1.txt'}:2"].startswith("not UTF-8 text (byte 0xe9")
    assert found[str(tmp_path / "empty.txt")] == "empty text"
    assert found[str(tmp_path / "image.txt")] == "binary file, not text"
    assert found[str(tmp_path / "blob.jsonl")] == "binary file, not JSON Lines"
    assert found[f"{tmp_path / 'fake.jsonl.gz'}:1"].startswith("cannot read further")
    assert found[str(tmp_path / "missing.jsonl")] == "no such file or directory"
    assert found[str(tmp_path / "data.csv")].startswith("not an input file")
    truncated = [(w, d) for w, d in items if w.startswith(str(tmp_path / "truncated"))]
    assert isinstance(truncated[-1][1], InputError)
    assert "cannot read further" in truncated[-1][1].message


def test_a_large_document_is_read_whole(tmp_path):
    paragraph = "The mayor said the bridge would reopen in May. " * 40
    text = "\n\n".join([paragraph] * 2700)  # about 5 MB
    assert len(text.encode("utf-8")) > 5_000_000
    path = jsonl(tmp_path / "big.jsonl", [{"id": "big", "text": text}])
    [(_, doc)] = list(read_inputs([str(path)]))
    assert doc.text == text
