"""Build real annotation databases for the review app's tests, without the engine.

The sample article goes in as a document and its gold attributions as engine
predictions, so the app is tested on a real article with real offsets.
"""

from __future__ import annotations

import json
import re
import socket
from pathlib import Path

import sqlite_utils

from annotator import store

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "seeds" / "aktobe-attack.txt"
GOLD = Path(__file__).resolve().parent / "data" / "aktobe-attack.gold.jsonl"
DOC_ID = "aktobe-attack"
APP = ROOT / "app.py"

HOSTILE_TEXT = (
    'Officials said <script>window.__pwned = 1</script> nothing & <b>bold</b> claims.\n'
    '“It is <img src=x onerror="window.__pwned = 2"> fine,” the mayor said.'
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gold_rows() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()
            if line]


def nearest(text: str, needle: str | None, start: int, end: int) -> tuple:
    """Offsets of the whole-word occurrence of ``needle`` nearest to, and outside, a span."""
    if not needle:
        return None, None
    best = None
    for m in re.finditer(rf"(?<!\w){re.escape(needle)}(?!\w)", text):
        if m.start() < end and m.end() > start:
            continue
        gap = start - m.end() if m.end() <= start else m.start() - end
        if best is None or gap < best[0]:
            best = (gap, m.start(), m.end())
    assert best is not None, f"{needle!r} not in the text"
    return best[1], best[2]


def prediction(text: str, doc_id: str, g: dict, i: int) -> dict:
    """An attributions row for gold item ``g``: lower confidence further down the text,
    so the two queue orders differ; one hedged item carries certainty cues."""
    assert text[g["content_start"]:g["content_end"]] == g["content"]
    cue_start, cue_end = nearest(text, g.get("cue"), g["content_start"], g["content_end"])
    sp_start, sp_end = nearest(text, g.get("speaker"), g["content_start"], g["content_end"])
    hedged = "doubtfully" in g["content"]
    return {
        "id": store.attribution_id(doc_id, g["kind"], g["content_start"], g["content_end"]),
        "doc_id": doc_id, "kind": g["kind"], "content": g["content"],
        "content_start": g["content_start"], "content_end": g["content_end"],
        "cue": g.get("cue"), "cue_start": cue_start, "cue_end": cue_end,
        "speaker": g.get("speaker"), "speaker_start": sp_start, "speaker_end": sp_end,
        "speaker_name": g.get("speaker_name"), "speaker_role": g.get("speaker_role"),
        "speaker_type": g.get("speaker_type") or "unknown",
        "certainty_cues": json.dumps(["doubtfully"] if hedged else []),
        "certainty": "possible" if hedged else "certain",
        "confidence": round(0.95 - 0.05 * i, 2), "origin": "engine", "model_version": "test",
        "run_id": None, "created_at": store.now(),
    }


def build_db(path: Path) -> sqlite_utils.Database:
    """A database holding the sample article and its gold attributions as predictions."""
    db = store.open_db(path)
    text = SAMPLE.read_text(encoding="utf-8")
    db["documents"].insert({"id": DOC_ID, "text": text, "title": "Aktobe attack",
                            "words": len(text.split()), "added_at": store.now()})
    rows = [prediction(text, DOC_ID, g, i) for i, g in enumerate(gold_rows())]
    db["attributions"].insert_all(rows)
    names = sorted({r["speaker_name"] for r in rows if r["speaker_name"]})
    db["speakers"].insert_all({"doc_id": DOC_ID, "name": n, "type": "unknown",
                               "mentions": "[]"} for n in names)
    return db


def add_hostile(db: sqlite_utils.Database, doc_id: str = "hostile") -> str:
    """A document whose text is HTML and script, with one attribution over it."""
    text = HOSTILE_TEXT
    db["documents"].insert({"id": doc_id, "text": text, "added_at": store.now()})
    content = "It is <img src=x onerror=\"window.__pwned = 2\"> fine,"
    start = text.index(content)
    g = {"kind": "direct", "content": content, "content_start": start,
         "content_end": start + len(content), "cue": "said", "speaker": "the mayor",
         "speaker_name": "the mayor", "speaker_type": "person"}
    row = prediction(text, doc_id, g, 0)
    row["confidence"] = 0.01  # first in the lowest-confidence order
    db["attributions"].insert(row)
    return row["id"]


def sorted_ids(db: sqlite_utils.Database) -> list[str]:
    """Attribution ids in document order."""
    return [r["id"] for r in db.query(
        "SELECT id FROM attributions ORDER BY doc_id, content_start, id")]


def add_disagreements(db: sqlite_utils.Database) -> list[str]:
    """Two reviewers on six items with known disagreements; returns the item ids.

    alice / bob, decision: A A R A A R / A A A A A R; stance (where accepted):
    s o - n s - / s s n n s -; certainty: c c - p c - / c c p ps c -. Bob corrects
    the role on item 4. Carol's answers never pair: a skip, an undone review, and an
    item nobody else saw. Hand-computed values are in tests/test_agreement.py.
    """
    from annotator.review import actions
    from annotator.store import CORRECTABLE

    ids = sorted_ids(db)
    plan = {
        "alice": [("A", "supports", "certain"), ("A", "opposes", "certain"), ("R", None, None),
                  ("A", "neutral", "probable"), ("A", "supports", "certain"), ("R", None, None)],
        "bob": [("A", "supports", "certain"), ("A", "supports", "certain"),
                ("A", "neutral", "probable"), ("A", "neutral", "possible"),
                ("C", "supports", "certain"), ("R", None, None)],
    }
    for who, answers in plan.items():
        actions.ensure_reviewer(db, who)
        for aid, (decision, stance, certainty) in zip(ids, answers, strict=False):
            if decision == "R":
                actions.reject(db, aid, who)
            elif decision == "C":
                fields = {f: actions.get_attribution(db, aid)[f] for f in CORRECTABLE}
                fields["speaker_role"] = "spokesman"
                actions.save(db, aid, who, fields, stance=stance, certainty=certainty)
            else:
                actions.save(db, aid, who, stance=stance, certainty=certainty)
    actions.skip(db, ids[0], "carol")
    actions.save(db, ids[1], "carol", stance="opposes", certainty="possible")
    actions.undo(db, "carol")
    actions.save(db, ids[6], "carol", stance="supports", certainty="certain")
    return ids
