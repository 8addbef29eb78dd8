"""Export the final attributions (predictions with the reviewers' decisions applied).

The field list and order are a contract (docs/export-schema.md): downstream tools read
these files by column name, so fields may be added at the end but never removed.

Rows are streamed from one SQL statement (attributions joined to their documents and
their counting reviews), so memory stays constant on any database size and the export
reads one consistent snapshot even while reviewers keep writing.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Sequence
from itertools import groupby
from typing import IO

import jsonlines
import sqlite_utils

from annotator.store import CORRECTABLE

FIELDS = (
    "doc_id", "attribution_id", "kind", "content", "content_start", "content_end",
    "cue", "cue_start", "cue_end", "speaker", "speaker_start", "speaker_end",
    "speaker_name", "speaker_role", "speaker_type", "certainty", "certainty_cues",
    "stance", "stance_target", "confidence", "status", "reviewer", "reviewed_at",
    "model_version", "title", "url", "source", "published", "origin",
)
REVIEW_FIELDS = (
    "review_id", "attribution_id", "doc_id", "reviewer", "decision", *CORRECTABLE,
    "stance", "stance_target", "certainty", "note", "seconds", "is_adjudication",
    "created_at", "updated_at",
)
STATUSES = ("pre-annotated", "accepted", "corrected", "rejected")
DOC_FIELDS = ("title", "url", "source", "published")
LIST_SEPARATOR = "; "

_REVIEW_COLS = ("id", "reviewer", "decision", *CORRECTABLE, "stance", "stance_target",
                "certainty", "is_adjudication", "retracted", "created_at", "updated_at")


def counts(review: dict) -> bool:
    """A review counts unless it was retracted (undone) or only skipped the item."""
    return not review.get("retracted") and review.get("decision") in ("accepted", "corrected",
                                                                       "rejected")


def _when(review: dict) -> tuple:
    # An edited review was decided when it was last saved; the id breaks ties in a second.
    return (review.get("updated_at") or review.get("created_at") or "", review.get("id") or 0)


def final_review(reviews: Iterable[dict]) -> dict | None:
    """The review whose decision stands: the latest adjudication, else the latest review.

    Retracted and skipped reviews are ignored; None when no review counts.
    """
    counting = [r for r in reviews if counts(r)]
    adjudications = [r for r in counting if r.get("is_adjudication")]
    pool = adjudications or counting
    return max(pool, key=_when) if pool else None


def final_values(attribution_row: dict, reviews: list[dict]) -> dict:
    """The values an attribution ends up with after review, and its status.

    ``attribution_row`` is a row of the attributions table (``certainty_cues`` as JSON
    text or a list); ``reviews`` are its rows of the reviews table, in any order. Returns
    the CORRECTABLE fields plus certainty, certainty_cues, stance, stance_target,
    confidence, status, reviewer and reviewed_at. Pure, so the review app shows exactly
    what the export will write.
    """
    row = attribution_row
    cues = row.get("certainty_cues")
    if isinstance(cues, str):
        cues = json.loads(cues or "[]")
    values = {f: row.get(f) for f in CORRECTABLE}
    values.update(certainty=row.get("certainty"), certainty_cues=list(cues or []),
                  stance=None, stance_target=None, confidence=row.get("confidence"),
                  status="pre-annotated", reviewer=None, reviewed_at=None)
    review = final_review(reviews)
    if review is None:
        return values
    if review["decision"] == "corrected":
        values.update({f: review[f] for f in CORRECTABLE if review.get(f) is not None})
    values.update(
        stance=review.get("stance"),
        stance_target=review.get("stance_target"),
        certainty=review.get("certainty") if review.get("certainty") is not None
        else row.get("certainty"),
        status=review["decision"],
        reviewer=review.get("reviewer"),
        reviewed_at=review.get("updated_at") or review.get("created_at"),
    )
    return values


def _rows(db: sqlite_utils.Database, sql: str, params: Sequence) -> Iterator[dict]:
    cursor = db.execute(sql, params)
    names = [d[0] for d in cursor.description]
    try:
        for values in cursor:
            yield dict(zip(names, values, strict=True))
    finally:
        cursor.close()


def _doc_filter(alias: str, docs: Sequence[str]) -> tuple[str, list]:
    if not docs:
        return "", []
    marks = ", ".join("?" for _ in docs)
    return f"WHERE {alias}.doc_id IN ({marks})", list(docs)


def _same_speaker(a: str | None, b: str) -> bool:
    return a is not None and a.strip().casefold() == b.strip().casefold()


def final_records(
    db: sqlite_utils.Database,
    statuses: Sequence[str] = (),
    docs: Sequence[str] = (),
    speaker: str | None = None,
    reviewed_only: bool = False,
) -> Iterator[dict]:
    """One export record (FIELDS, in order) per attribution, in document order.

    ``statuses`` keeps only those statuses; without it every status but 'rejected' is
    kept. ``docs`` keeps only those document ids; ``speaker`` only that final
    speaker_name (case-insensitive); ``reviewed_only`` drops 'pre-annotated' records.
    """
    wanted = set(statuses) if statuses else set(STATUSES) - {"rejected"}
    if reviewed_only:
        wanted.discard("pre-annotated")
    where, params = _doc_filter("a", docs)
    review_cols = ", ".join(f"r.[{c}] AS [r.{c}]" for c in _REVIEW_COLS)
    doc_cols = ", ".join(f"d.[{c}] AS [d.{c}]" for c in DOC_FIELDS)
    sql = f"""
        SELECT a.*, {doc_cols}, {review_cols}
        FROM attributions a
        JOIN documents d ON d.id = a.doc_id
        LEFT JOIN reviews r ON r.attribution_id = a.id
            AND coalesce(r.retracted, 0) = 0
            AND r.decision IN ('accepted', 'corrected', 'rejected')
        {where}
        ORDER BY a.doc_id, a.content_start, a.id, r.id
    """
    for _, group in groupby(_rows(db, sql, params), key=lambda row: row["id"]):
        rows = list(group)  # one row per counting review of this attribution
        first = rows[0]
        reviews = [{c: row[f"r.{c}"] for c in _REVIEW_COLS} for row in rows
                   if row["r.id"] is not None]
        values = final_values(first, reviews)
        if values["status"] not in wanted:
            continue
        if speaker is not None and not _same_speaker(values["speaker_name"], speaker):
            continue
        record = {"doc_id": first["doc_id"], "attribution_id": first["id"]}
        record.update({f: values[f] for f in FIELDS if f in values})
        record["model_version"] = first["model_version"]
        record.update({f: first[f"d.{f}"] for f in DOC_FIELDS})
        record["origin"] = first["origin"]
        yield {f: record[f] for f in FIELDS}


def review_records(db: sqlite_utils.Database, docs: Sequence[str] = ()) -> Iterator[dict]:
    """One record (REVIEW_FIELDS) per review that was not retracted, skips included,
    oldest first: the raw material for agreement studies."""
    where, params = _doc_filter("r", docs)
    where = f"{where} AND" if where else "WHERE"
    sql = f"""
        SELECT r.id AS review_id, r.* FROM reviews r
        {where} coalesce(r.retracted, 0) = 0
        ORDER BY r.doc_id, r.attribution_id, r.created_at, r.id
    """
    for row in _rows(db, sql, params):
        yield {f: row.get(f) for f in REVIEW_FIELDS}


def write_jsonl(records: Iterable[dict], fp: IO) -> int:
    """Write records as JSON Lines (UTF-8, one compact object a line); returns the count."""
    n = 0
    writer = jsonlines.Writer(fp, compact=True)
    for record in records:
        writer.write(record)
        n += 1
    writer.close()  # closes the writer only; fp stays open
    return n


def _cell(value: object) -> object:
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return "" if value is None else value


def write_csv(records: Iterable[dict], fp: IO, fields: Sequence[str] = FIELDS) -> int:
    """Write records as CSV with a header row; lists are joined with "; ". ``fp`` should
    be opened with newline=""; returns the count."""
    writer = csv.writer(fp)
    writer.writerow(fields)
    n = 0
    for record in records:
        writer.writerow([_cell(record.get(f)) for f in fields])
        n += 1
    return n
