"""The SQLite store, through sqlite-utils: documents, attributions, speakers, reviews.

One file holds everything the review app and the export need. The schema is created
and upgraded by sqlite-utils migrations; a database written by a newer version of the
annotator (a migration we do not know) is refused and left untouched.

Tables
- documents: the articles (text stored unmodified; offsets index it)
- attributions: engine predictions and reviewer-added items (origin), never overwritten
- speakers: canonical speakers per document
- reviews: one row per attribution and reviewer decision; corrections live here
- reviewers: names, and who adjudicates
- runs, errors: what each batch did and what went wrong

Writes for one document happen in one ``BEGIN IMMEDIATE`` transaction
(``save_analysis``), so a killed batch loses at most the document in flight.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils
from sqlite_utils import Migrations

from annotator.records import Analysis, Attribution, Document

MIGRATIONS = Migrations("annotator")
BUSY_TIMEOUT_MS = 10_000
SQLITE_MAGIC = b"SQLite format 3\x00"

# Fields a reviewer may correct; a review row carries its own copy of each.
CORRECTABLE = (
    "kind", "content", "content_start", "content_end", "cue", "cue_start", "cue_end",
    "speaker", "speaker_start", "speaker_end", "speaker_name", "speaker_role", "speaker_type",
)
DECISIONS = ("accepted", "corrected", "rejected", "skipped")


class StoreError(RuntimeError):
    """The database cannot be used; the message says why. The file is left untouched."""


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def attribution_id(doc_id: str, kind: str, content_start: int, content_end: int) -> str:
    """A stable id: the same document span and kind get the same id in every run."""
    key = f"{doc_id}\x1f{kind}\x1f{content_start}\x1f{content_end}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@MIGRATIONS()
def m001_initial(db: sqlite_utils.Database) -> None:
    db["documents"].create(
        {"id": str, "text": str, "title": str, "url": str, "source": str, "published": str,
         "sha256": str, "words": int, "added_at": str, "annotated_at": str,
         "model_version": str},
        pk="id", not_null={"text"},
    )
    db["attributions"].create(
        {"id": str, "doc_id": str, "kind": str, "content": str, "content_start": int,
         "content_end": int, "cue": str, "cue_start": int, "cue_end": int, "speaker": str,
         "speaker_start": int, "speaker_end": int, "speaker_name": str, "speaker_role": str,
         "speaker_type": str, "certainty_cues": str, "certainty": str, "confidence": float,
         "origin": str, "model_version": str, "run_id": int, "created_at": str},
        pk="id", foreign_keys=[("doc_id", "documents", "id")],
    )
    db["attributions"].create_index(["doc_id", "content_start"])
    db["attributions"].create_index(["confidence"])
    db["speakers"].create(
        {"id": int, "doc_id": str, "name": str, "role": str, "type": str, "mentions": str},
        pk="id", foreign_keys=[("doc_id", "documents", "id")],
    )
    db["speakers"].create_index(["doc_id"])
    db["reviewers"].create(
        {"name": str, "is_adjudicator": int, "created_at": str}, pk="name"
    )
    review_cols = {"id": int, "attribution_id": str, "doc_id": str, "reviewer": str,
                   "decision": str}
    review_cols.update({f: (int if f.endswith(("_start", "_end")) else str)
                        for f in CORRECTABLE})
    review_cols.update({"stance": str, "stance_target": str, "certainty": str, "note": str,
                        "seconds": float, "is_adjudication": int, "retracted": int,
                        "created_at": str, "updated_at": str})
    db["reviews"].create(review_cols, pk="id",
                         foreign_keys=[("attribution_id", "attributions", "id")],
                         defaults={"is_adjudication": 0, "retracted": 0})
    db["reviews"].create_index(["attribution_id"])
    db["reviews"].create_index(["reviewer", "created_at"])
    db["runs"].create(
        {"id": int, "started_at": str, "finished_at": str, "command": str,
         "annotator_version": str, "model_version": str, "stanza_version": str,
         "documents_done": int, "documents_skipped": int, "documents_failed": int,
         "attributions": int, "words": int, "seconds": float, "status": str},
        pk="id",
    )
    db["errors"].create(
        {"id": int, "run_id": int, "doc_id": str, "location": str, "stage": str,
         "message": str, "created_at": str},
        pk="id",
    )
    db["documents"].enable_fts(["title", "text"], create_triggers=True, tokenize="porter")
    db["attributions"].enable_fts(["content", "speaker_name"], create_triggers=True,
                                  tokenize="porter")


def _check_file(path: Path) -> None:
    if not path.exists():
        return
    if path.is_dir():
        raise StoreError(f"{path} is a directory, not a database file.")
    with path.open("rb") as f:
        head = f.read(16)
    if head and head != SQLITE_MAGIC:
        raise StoreError(f"{path} is not a SQLite database; refusing to touch it.")


def open_db(path: str | Path, create: bool = True) -> sqlite_utils.Database:
    """Open (and create or upgrade) the annotations database at ``path``.

    WAL mode and a busy timeout let several reviewers and one writer share the file.
    Raises StoreError for a non-SQLite file, a database from a newer annotator, or a
    missing file when ``create`` is False.
    """
    path = Path(path)
    _check_file(path)
    if not create and not path.exists():
        raise StoreError(f"{path}: no such database. Create one with `annotator preannotate`.")
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000,
                               check_same_thread=False)
        db = sqlite_utils.Database(conn)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        known = {m.name for m in MIGRATIONS._migrations}
        applied = {m.name for m in MIGRATIONS.applied(db)}
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path} cannot be read as a SQLite database: {exc}") from exc
    unknown = applied - known
    if unknown:
        conn.close()
        raise StoreError(
            f"{path} was written by a newer version of the annotator (schema "
            f"{', '.join(sorted(unknown))}); upgrade the annotator to use it."
        )
    if db.table_names() and not applied:
        conn.close()
        raise StoreError(f"{path} is a SQLite database but not an annotations database.")
    if MIGRATIONS.pending(db):
        db.execute("PRAGMA journal_mode = WAL")
        MIGRATIONS.apply(db)
    db.execute("PRAGMA foreign_keys = ON")
    return db


def decode(row: dict) -> dict:
    """An attributions row with its JSON list column decoded."""
    row = dict(row)
    if isinstance(row.get("certainty_cues"), str):
        row["certainty_cues"] = json.loads(row["certainty_cues"] or "[]")
    return row


# ---- writing engine output -------------------------------------------------------------

DOC_FIELDS = ("title", "url", "source", "published")
# (start, end, text) field triples whose offsets must slice the document text exactly
SPANS = (("content_start", "content_end", "content"), ("cue_start", "cue_end", "cue"),
         ("speaker_start", "speaker_end", "speaker"))


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def word_count(text: str) -> int:
    return len(text.split())


@contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One ``BEGIN IMMEDIATE`` transaction: it takes the write lock up front, so a reviewer
    writing at the same moment makes us wait (busy timeout) instead of failing midway."""
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        with db.atomic():  # a savepoint: sqlite-utils writes nest inside it
            yield db
    except BaseException:
        db.rollback()
        raise
    db.commit()


def document_row(db: sqlite_utils.Database, doc_id: str) -> dict | None:
    """The stored document (without its text), or None."""
    rows = db.query("select id, sha256, words, model_version, annotated_at from documents "
                    "where id = ?", [doc_id])
    return next(iter(rows), None)


def needs_annotation(db: sqlite_utils.Database, doc_id: str, sha256: str,
                     model_version: str) -> bool:
    """False when this exact text was already annotated by this model version."""
    row = document_row(db, doc_id)
    return not (row and row["annotated_at"] and row["sha256"] == sha256
                and row["model_version"] == model_version)


def review_count(db: sqlite_utils.Database, doc_id: str) -> int:
    return db.execute("select count(*) from reviews where doc_id = ?", [doc_id]).fetchone()[0]


def check_offsets(text: str, attribution: Attribution) -> None:
    """Raise ValueError unless every span of ``attribution`` slices ``text`` to its string:
    the review app highlights by offset, so a shifted span would mislead reviewers."""
    for start_f, end_f, text_f in SPANS:
        start, end, value = (getattr(attribution, f) for f in (start_f, end_f, text_f))
        if start is None and end is None:
            continue
        if start is None or end is None or not 0 <= start <= end <= len(text):
            raise ValueError(f"{start_f}/{end_f} = {start}/{end} out of range")
        if value is not None and text[start:end] != value:
            raise ValueError(f"{text_f} {value[:40]!r} != text[{start}:{end}] "
                             f"{text[start:end][:40]!r}")


def save_analysis(db: sqlite_utils.Database, doc: Document, analysis: Analysis,
                  model_version: str, run_id: int | None = None) -> int:
    """Store ``doc`` and what the engine found in it, in one transaction.

    Earlier engine predictions for the document are replaced, except those that carry
    reviews: they stay, with their reviews, and a new prediction with the same id (same
    kind and content span) is merged into them instead of inserted. Returns the number of
    predictions in ``analysis`` that are now stored (new or merged).
    Raises ValueError (and writes nothing) if an offset does not index ``doc.text``.
    """
    for a in analysis.attributions:
        check_offsets(doc.text, a)
    stamp = now()
    row = {"id": doc.id, "text": doc.text, "sha256": text_sha256(doc.text),
           "words": word_count(doc.text), "annotated_at": stamp, "model_version": model_version}
    row.update({f: getattr(doc, f) for f in DOC_FIELDS if getattr(doc, f) is not None})
    with write_transaction(db):
        if document_row(db, doc.id) is None:
            db["documents"].insert({**row, "added_at": stamp})
        else:
            db["documents"].update(doc.id, row)
        db.execute(
            "delete from attributions where doc_id = ? and origin = 'engine' and id not in "
            "(select attribution_id from reviews where attribution_id is not null)", [doc.id])
        kept = {r[0] for r in db.execute("select id from attributions where doc_id = ?",
                                          [doc.id])}
        new: dict[str, dict] = {}
        merged: set[str] = set()
        for a in analysis.attributions:
            aid = attribution_id(doc.id, a.kind, a.content_start, a.content_end)
            if aid in kept:
                merged.add(aid)  # the reviewed row stays as it is, with its reviews
                continue
            if aid in new:
                continue  # the same span twice in one analysis
            new[aid] = {**a.to_dict(), "id": aid, "doc_id": doc.id,
                        "certainty_cues": json.dumps(a.certainty_cues, ensure_ascii=False),
                        "origin": "engine", "model_version": model_version,
                        "run_id": run_id, "created_at": stamp}
        db["attributions"].insert_all(new.values())
        db.execute("delete from speakers where doc_id = ?", [doc.id])
        db["speakers"].insert_all(
            {"doc_id": doc.id, "name": s.name, "role": s.role, "type": s.type,
             "mentions": json.dumps([list(m) for m in s.mentions])}
            for s in analysis.speakers)
    return len(new) + len(merged)


# ---- runs and errors -------------------------------------------------------------------

def start_run(db: sqlite_utils.Database, command: str, model_version: str) -> int:
    """Record the start of a batch; returns the run id that errors and rows point to."""
    from importlib.metadata import PackageNotFoundError, version

    from annotator import __version__

    try:
        stanza_version = version("stanza")
    except PackageNotFoundError:
        stanza_version = None
    with write_transaction(db):
        table = db["runs"].insert({
            "started_at": now(), "command": command, "annotator_version": __version__,
            "model_version": model_version, "stanza_version": stanza_version,
            "documents_done": 0, "documents_skipped": 0, "documents_failed": 0,
            "attributions": 0, "words": 0, "status": "running"})
    return table.last_pk


def finish_run(db: sqlite_utils.Database, run_id: int, *, status: str = "finished",
               **counts: int | float) -> None:
    """Close a run row with its counts (documents_done, ..., seconds) and a status:
    finished, interrupted or aborted."""
    with write_transaction(db):
        db["runs"].update(run_id, {**counts, "status": status, "finished_at": now()})


def record_error(db: sqlite_utils.Database, run_id: int | None, location: str, stage: str,
                 message: str, doc_id: str | None = None) -> None:
    """One errors row; ``location`` names the file and line ("news.jsonl:17")."""
    with write_transaction(db):
        db["errors"].insert({"run_id": run_id, "doc_id": doc_id, "location": location,
                             "stage": stage, "message": message, "created_at": now()})
