"""A reviewer's decisions, written as rows of the reviews table.

Nothing here overwrites anything: each decision is a new review row, the engine's
prediction stays untouched in attributions, and undo only marks a row retracted. So
several reviewers can work on one database at once without losing each other's work,
and the history of who decided what stays readable. Each write is one short
``BEGIN IMMEDIATE`` transaction, which waits (busy timeout) instead of failing when
another reviewer is writing at the same moment.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

import sqlite_utils

from annotator.records import KINDS, SPEAKER_TYPES
from annotator.store import CORRECTABLE, DECISIONS, attribution_id, now


class ReviewError(ValueError):
    """A decision cannot be recorded; the message says why, in the reviewer's terms."""


@contextmanager
def _write(db: sqlite_utils.Database) -> Iterator[None]:
    # IMMEDIATE takes the write lock up front, so the busy timeout applies to it.
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.conn.rollback()
        raise
    db.execute("COMMIT")


def ensure_reviewer(db: sqlite_utils.Database, name: str,
                    is_adjudicator: bool | None = None) -> dict:
    """The reviewers row for ``name``, created on first use; sets the adjudicator flag
    when ``is_adjudicator`` is given."""
    name = name.strip()
    if not name:
        raise ReviewError("A reviewer needs a name.")
    with _write(db):
        rows = list(db.query("SELECT * FROM reviewers WHERE name = ?", [name]))
        if not rows:
            db["reviewers"].insert({"name": name, "is_adjudicator": int(bool(is_adjudicator)),
                                    "created_at": now()})
        elif is_adjudicator is not None:
            db.execute("UPDATE reviewers SET is_adjudicator = ? WHERE name = ?",
                       [int(is_adjudicator), name])
    return next(db.query("SELECT * FROM reviewers WHERE name = ?", [name]))


def is_adjudicator(db: sqlite_utils.Database, name: str) -> bool:
    rows = list(db.query("SELECT is_adjudicator FROM reviewers WHERE name = ?", [name]))
    return bool(rows and rows[0]["is_adjudicator"])


def get_attribution(db: sqlite_utils.Database, aid: str) -> dict:
    rows = list(db.query("SELECT * FROM attributions WHERE id = ?", [aid]))
    if not rows:
        raise ReviewError(f"No attribution {aid!r} in this database.")
    return rows[0]


def document_text(db: sqlite_utils.Database, doc_id: str) -> str:
    rows = list(db.query("SELECT text FROM documents WHERE id = ?", [doc_id]))
    if not rows:
        raise ReviewError(f"No document {doc_id!r} in this database.")
    return rows[0]["text"]


def check_fields(text: str, fields: dict) -> None:
    """Refuse fields whose offsets do not index ``text`` exactly, or unknown kinds/types.

    Every span is [start, end) in code points and its text must equal text[start:end],
    so a stored correction can always be found again in the article.
    """
    if fields.get("kind") not in KINDS:
        raise ReviewError(f"Kind must be one of {', '.join(KINDS)}.")
    if fields.get("speaker_type") not in SPEAKER_TYPES:
        raise ReviewError(f"Speaker type must be one of {', '.join(SPEAKER_TYPES)}.")
    for name, required in (("content", True), ("cue", False), ("speaker", False)):
        value, start, end = (fields.get(name), fields.get(f"{name}_start"),
                             fields.get(f"{name}_end"))
        if value is None and start is None and end is None and not required:
            continue
        if not isinstance(start, int) or not isinstance(end, int) \
                or not 0 <= start < end <= len(text):
            raise ReviewError(f"The {name} needs a non-empty span inside the article.")
        if text[start:end] != value:
            raise ReviewError(f"The {name} text does not match the article at "
                              f"{start}-{end}.")


def decision_for(original: dict, fields: dict | None) -> str:
    """'accepted' when the fields equal the prediction, else 'corrected'."""
    if fields is None or all(fields.get(f) == original.get(f) for f in CORRECTABLE):
        return "accepted"
    return "corrected"


def record(db: sqlite_utils.Database, aid: str, reviewer: str, decision: str,
           fields: dict | None = None, *, stance: str | None = None,
           stance_target: str | None = None, certainty: str | None = None,
           note: str | None = None, seconds: float | None = None,
           is_adjudication: bool = False) -> int:
    """Write one review row and return its id.

    A 'corrected' review carries the full corrected copy of every CORRECTABLE field;
    other decisions refer to the prediction as it is.
    """
    if decision not in DECISIONS:
        raise ReviewError(f"Unknown decision {decision!r}; expected one of {DECISIONS}.")
    att = get_attribution(db, aid)
    row = {"attribution_id": aid, "doc_id": att["doc_id"], "reviewer": reviewer.strip(),
           "decision": decision, "stance": stance or None,
           "stance_target": (stance_target or "").strip() or None, "certainty": certainty,
           "note": (note or "").strip() or None, "seconds": seconds,
           "is_adjudication": int(is_adjudication), "retracted": 0,
           "created_at": now(), "updated_at": None}
    if decision == "corrected":
        if fields is None:
            raise ReviewError("A correction needs the corrected fields.")
        check_fields(document_text(db, att["doc_id"]), fields)
        row.update({f: fields.get(f) for f in CORRECTABLE})
    ensure_reviewer(db, reviewer)
    with _write(db):
        return db["reviews"].insert(row).last_pk


def save(db: sqlite_utils.Database, aid: str, reviewer: str, fields: dict | None = None,
         **labels) -> int:
    """Accept the item as shown: 'accepted' if unchanged, 'corrected' if edited."""
    decision = decision_for(get_attribution(db, aid), fields)
    return record(db, aid, reviewer, decision,
                  fields if decision == "corrected" else None, **labels)


def reject(db: sqlite_utils.Database, aid: str, reviewer: str, **labels) -> int:
    """Not an attribution at all."""
    return record(db, aid, reviewer, "rejected", **labels)


def skip(db: sqlite_utils.Database, aid: str, reviewer: str, **labels) -> int:
    """Seen but not decided: it moves down the reviewer's queue and does not count."""
    return record(db, aid, reviewer, "skipped", **labels)


def undo(db: sqlite_utils.Database, reviewer: str) -> dict | None:
    """Retract ``reviewer``'s latest standing review and return it (None if none left).

    The row stays, marked retracted, so the history shows what was undone.
    """
    with _write(db):
        rows = list(db.query(
            "SELECT * FROM reviews WHERE reviewer = ? AND retracted = 0 "
            "ORDER BY id DESC LIMIT 1", [reviewer.strip()]))
        if not rows:
            return None
        db.execute("UPDATE reviews SET retracted = 1, updated_at = ? WHERE id = ?",
                   [now(), rows[0]["id"]])
    return rows[0]


def my_latest(db: sqlite_utils.Database, aid: str, reviewer: str) -> dict | None:
    """``reviewer``'s standing review of one item, to show their answer when they return."""
    rows = list(db.query(
        "SELECT * FROM reviews WHERE attribution_id = ? AND reviewer = ? AND retracted = 0 "
        "AND is_adjudication = 0 ORDER BY id DESC LIMIT 1", [aid, reviewer]))
    return rows[0] if rows else None


def add_missed(db: sqlite_utils.Database, doc_id: str, reviewer: str, fields: dict,
               **labels) -> str:
    """Add an attribution the engine missed, accepted by its creator; returns its id.

    The row gets origin 'reviewer' and no model version, so evaluation and the export
    can tell it from a prediction.
    """
    text = document_text(db, doc_id)
    check_fields(text, fields)
    aid = attribution_id(doc_id, fields["kind"], fields["content_start"],
                         fields["content_end"])
    if list(db.query("SELECT 1 FROM attributions WHERE id = ?", [aid])):
        raise ReviewError("This attribution is already in the queue; review it there.")
    ensure_reviewer(db, reviewer)
    row = {"id": aid, "doc_id": doc_id, **{f: fields.get(f) for f in CORRECTABLE},
           "certainty_cues": json.dumps([]), "certainty": labels.get("certainty"),
           "confidence": None, "origin": "reviewer", "model_version": None,
           "run_id": None, "created_at": now()}
    with _write(db):
        db["attributions"].insert(row)
        db["reviews"].insert({
            "attribution_id": aid, "doc_id": doc_id, "reviewer": reviewer.strip(),
            "decision": "accepted", "stance": labels.get("stance") or None,
            "stance_target": (labels.get("stance_target") or "").strip() or None,
            "certainty": labels.get("certainty"),
            "note": (labels.get("note") or "").strip() or None,
            "seconds": labels.get("seconds"), "is_adjudication": 0, "retracted": 0,
            "created_at": now(), "updated_at": None})
    return aid


def adjudicate(db: sqlite_utils.Database, adjudicator: str, review_id: int) -> int:
    """Make one reviewer's answer (review ``review_id``) the final one for its item.

    Only a reviewer marked as adjudicator may do this. The answer is copied into a new
    review with is_adjudication=1, which the export prefers over every other review.
    """
    if not is_adjudicator(db, adjudicator):
        raise ReviewError(f"{adjudicator} is not an adjudicator.")
    rows = list(db.query("SELECT * FROM reviews WHERE id = ?", [review_id]))
    if not rows or rows[0]["retracted"] or rows[0]["decision"] == "skipped":
        raise ReviewError("That answer no longer stands; reload the disagreements.")
    chosen = rows[0]
    fields = {f: chosen[f] for f in CORRECTABLE} if chosen["decision"] == "corrected" else None
    return record(db, chosen["attribution_id"], adjudicator, chosen["decision"], fields,
                  stance=chosen["stance"], stance_target=chosen["stance_target"],
                  certainty=chosen["certainty"], note=f"adjudicated: answer of "
                  f"{chosen['reviewer']} (review {review_id})", is_adjudication=True)
