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
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from pathlib import Path

import sqlite_utils
from sqlite_utils import Migrations

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
         "attributions": int, "seconds": float},
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
