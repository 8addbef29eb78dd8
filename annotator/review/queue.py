"""The review queue: which attributions a reviewer sees, in what order, and progress.

Everything is one SQL statement per page, so a queue of 100,000 attributions stays fast
(see benchmarks/app_queue.py). An item's status is computed the way the export
computes it (annotator.export.final_review): the latest adjudication, else the latest
review; retracted (undone) and skipped reviews do not count.

Items the reviewer has not touched come first, then items they skipped, then items they
decided; within each group by document and position, or by lowest confidence.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

import sqlite_utils

# "to do" is per reviewer (not yet decided by me); the others are the final status.
STATUSES = ("to do", "all", "pre-annotated", "accepted", "corrected", "rejected")
# rowid breaks ties: it is the last column of every index, so the index order serves.
# Reviewer-added items have no confidence and come first in the confidence order.
ORDERS = {
    "position": "a.doc_id, a.content_start, a.rowid",
    "confidence": "a.confidence, a.rowid",
}
COUNTING = "retracted = 0 AND decision IN ('accepted', 'corrected', 'rejected')"

# The final decision of attribution a: latest adjudication, else latest review.
_FINAL = f"""(SELECT decision FROM reviews r WHERE r.attribution_id = a.id AND r.{COUNTING}
  ORDER BY r.is_adjudication DESC, COALESCE(r.updated_at, r.created_at) DESC, r.id DESC
  LIMIT 1)"""
_MINE = "SELECT 1 FROM reviews r WHERE r.attribution_id = a.id AND r.reviewer = :me " \
        "AND r.retracted = 0"
# The reviewer's queue in three groups, shown in this order.
GROUPS = (
    f"NOT EXISTS ({_MINE})",  # untouched
    f"EXISTS ({_MINE}) AND NOT EXISTS ({_MINE} AND r.decision != 'skipped')",  # skipped
    f"EXISTS ({_MINE} AND r.decision != 'skipped')",  # decided
)


@dataclass(frozen=True)
class Filters:
    """What the reviewer narrowed the queue to; None means no filter."""

    status: str = "to do"
    kind: str | None = None
    doc_id: str | None = None
    speaker: str | None = None  # part of the engine's speaker name, any case
    reviewer: str | None = None  # reviewed by this person
    search: str | None = None  # full-text search of content and speaker name


def fts_query(text: str) -> str:
    """Quote each word so user input is searched for, never parsed as FTS syntax."""
    return " ".join('"' + word.replace('"', '""') + '"' for word in text.split())


def _where(filters: Filters, me: str) -> tuple[list[str], dict]:
    """Conditions on attributions ``a`` for every filter except the "to do" status."""
    if filters.status not in STATUSES:
        raise ValueError(f"unknown status {filters.status!r}; expected one of {STATUSES}")
    conds, params = [], {"me": me}
    if filters.status == "pre-annotated":
        conds.append("NOT EXISTS (SELECT 1 FROM reviews r WHERE r.attribution_id = a.id "
                     f"AND r.{COUNTING})")
    elif filters.status not in ("to do", "all"):
        # only items with such a review can end with that status: check those alone
        conds.append("+a.id IN (SELECT attribution_id FROM reviews WHERE decision = :status "
                     f"AND retracted = 0) AND {_FINAL} = :status")
        params["status"] = filters.status
    if filters.kind:
        conds.append("a.kind = :kind")
        params["kind"] = filters.kind
    if filters.doc_id:
        conds.append("a.doc_id = :doc_id")
        params["doc_id"] = filters.doc_id
    if filters.speaker and filters.speaker.strip():
        conds.append("a.speaker_name LIKE :speaker")
        params["speaker"] = f"%{filters.speaker.strip()}%"
    if filters.reviewer:
        conds.append("+a.id IN (SELECT attribution_id FROM reviews "
                     "WHERE reviewer = :reviewer AND retracted = 0)")
        params["reviewer"] = filters.reviewer
    if filters.search and filters.search.strip():
        conds.append("a.rowid IN (SELECT rowid FROM attributions_fts "
                     "WHERE attributions_fts MATCH :search)")
        params["search"] = fts_query(filters.search)
    return conds, params


def _sql_where(conds: list[str]) -> str:
    return ("WHERE " + " AND ".join(conds)) if conds else ""


def _count_where(db: sqlite_utils.Database, conds: list[str], params: dict) -> int:
    return next(db.query(f"SELECT COUNT(*) AS n FROM attributions a {_sql_where(conds)}",
                         params))["n"]


def page(db: sqlite_utils.Database, me: str, filters: Filters = Filters(),
         order: str = "position", limit: int = 50, offset: int = 0) -> list[dict]:
    """One page of the queue for reviewer ``me``: short rows for listing and navigation.

    Each row has id, doc_id, kind, content, content_start, speaker_name, confidence,
    origin, status (final) and mine (0 untouched, 1 skipped, 2 decided by ``me``).
    Each group is read in index order and stops at ``limit`` rows, so a page costs
    about the same on any database size.
    """
    conds, params = _where(filters, me)
    groups = GROUPS[:2] if filters.status == "to do" else GROUPS
    ids: list[str] = []
    for group in groups:
        if len(ids) >= limit:
            break
        found = [r["id"] for r in db.query(
            f"SELECT a.id FROM attributions a {_sql_where([*conds, group])} "
            f"ORDER BY {ORDERS[order]} LIMIT :limit OFFSET :offset",
            {**params, "limit": limit - len(ids), "offset": offset})]
        if offset and not found:  # the whole group lies before the page
            offset = max(0, offset - _count_where(db, [*conds, group], params))
        else:
            offset = 0
        ids += found
    return _details(db, me, ids)


def _details(db: sqlite_utils.Database, me: str, ids: list[str]) -> list[dict]:
    """The listing fields of ``ids``, in that order."""
    if not ids:
        return []
    marks = {f"id{i}": aid for i, aid in enumerate(ids)}
    rows = {r["id"]: r for r in db.query(f"""
SELECT a.id, a.doc_id, a.kind, a.content, a.content_start, a.speaker_name, a.confidence,
       a.origin, COALESCE({_FINAL}, 'pre-annotated') AS status,
       CASE WHEN {GROUPS[2]} THEN 2 WHEN {GROUPS[1]} THEN 1 ELSE 0 END AS mine
FROM attributions a WHERE a.id IN ({", ".join(":" + m for m in marks)})""",
        {"me": me, **marks})}
    return [rows[i] for i in ids]


def count(db: sqlite_utils.Database, me: str, filters: Filters = Filters()) -> int:
    """How many attributions the queue holds with these filters.

    "To do" is counted as all matching items minus those ``me`` decided, the latter
    read from the reviewer's own reviews, so it needs no pass over every review.
    """
    conds, params = _where(filters, me)
    total = _count_where(db, conds, params)
    if filters.status != "to do":
        return total
    decided = [*conds, "a.id IN (SELECT attribution_id FROM reviews WHERE reviewer = :me "
                       "AND retracted = 0 AND decision != 'skipped')"]
    return total - _count_where(db, decided, params)


def status_of(db: sqlite_utils.Database, attribution_id: str) -> str:
    """The final status of one attribution (pre-annotated when no review counts)."""
    rows = list(db.query(
        f"SELECT decision FROM reviews WHERE attribution_id = ? AND {COUNTING} "
        "ORDER BY is_adjudication DESC, COALESCE(updated_at, created_at) DESC, id DESC "
        "LIMIT 1", [attribution_id]))
    return rows[0]["decision"] if rows else "pre-annotated"


def progress(db: sqlite_utils.Database) -> dict:
    """Done and remaining overall, and per reviewer with the median seconds per item.

    "Done" overall means at least one counting review; per reviewer it means that
    reviewer decided the item (each reviewer reviews the whole queue).
    """
    total = db["attributions"].count
    done = next(db.query(
        f"SELECT COUNT(DISTINCT attribution_id) AS n FROM reviews WHERE {COUNTING}"))["n"]
    seconds: dict[str, list[float]] = {}
    for row in db.query(f"SELECT reviewer, seconds FROM reviews WHERE {COUNTING} "
                        "AND seconds IS NOT NULL"):
        seconds.setdefault(row["reviewer"], []).append(row["seconds"])
    reviewers = []
    for row in db.query("""
        SELECT r.name AS reviewer, r.is_adjudicator,
               COUNT(DISTINCT v.attribution_id) AS done, MAX(v.created_at) AS last_at
        FROM reviewers r LEFT JOIN reviews v ON v.reviewer = r.name AND v.retracted = 0
             AND v.decision IN ('accepted', 'corrected', 'rejected')
        GROUP BY r.name ORDER BY r.name"""):
        times = seconds.get(row["reviewer"], [])
        reviewers.append({
            "reviewer": row["reviewer"], "adjudicator": bool(row["is_adjudicator"]),
            "done": row["done"], "remaining": total - row["done"],
            "median_seconds": round(statistics.median(times), 1) if times else None,
            "last_decision_at": row["last_at"],
        })
    return {"total": total, "done": done, "remaining": total - done, "reviewers": reviewers}


def document_ids(db: sqlite_utils.Database) -> list[str]:
    """Ids of the documents that have attributions, for the document filter."""
    return [r["doc_id"] for r in db.query(
        "SELECT DISTINCT doc_id FROM attributions ORDER BY doc_id")]


def reviewer_names(db: sqlite_utils.Database) -> list[str]:
    return [r["name"] for r in db.query("SELECT name FROM reviewers ORDER BY name")]
