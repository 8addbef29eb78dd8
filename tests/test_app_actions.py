"""Reviewer decisions on a real SQLite file: rows written, originals kept, undo, added
items, adjudication, and several reviewers writing at once."""

from __future__ import annotations

import random
import threading

import pytest
from app_helpers import DOC_ID, build_db, sorted_ids

from annotator import export, store
from annotator.review import actions, queue
from annotator.store import CORRECTABLE


@pytest.fixture
def db(tmp_path):
    return build_db(tmp_path / "a.db")


def reviews(db, aid=None):
    sql, params = "SELECT * FROM reviews ORDER BY id", []
    if aid:
        sql, params = "SELECT * FROM reviews WHERE attribution_id = ? ORDER BY id", [aid]
    return list(db.query(sql, params))


def fields_of(row):
    return {f: row[f] for f in CORRECTABLE}


def test_accepting_unchanged_fields_records_an_acceptance(db):
    aid = sorted_ids(db)[0]
    before = actions.get_attribution(db, aid)
    actions.save(db, aid, "dana", fields_of(before), stance="supports", certainty="probable",
                 note="  fine  ", seconds=3.5)
    [row] = reviews(db)
    assert row["decision"] == "accepted" and row["reviewer"] == "dana"
    assert (row["stance"], row["certainty"], row["note"], row["seconds"]) == \
        ("supports", "probable", "fine", 3.5)
    assert all(row[f] is None for f in CORRECTABLE)  # an acceptance refers to the prediction
    assert actions.get_attribution(db, aid) == before
    assert [r["name"] for r in db.query("SELECT name FROM reviewers")] == ["dana"]


def test_a_correction_keeps_the_prediction_beside_it(db):
    aid = sorted_ids(db)[3]  # the Kasymov quote
    before = actions.get_attribution(db, aid)
    text = actions.document_text(db, DOC_ID)
    fields = fields_of(before)
    start = before["content_start"] + 1  # drop the opening quotation mark
    fields.update(content_start=start, content=text[start:before["content_end"]],
                  speaker_role="Interior Minister")
    actions.save(db, aid, "dana", fields)
    [row] = reviews(db)
    assert row["decision"] == "corrected"
    assert fields_of(row) == fields
    assert actions.get_attribution(db, aid) == before


@pytest.mark.parametrize("change, message", [
    ({"content_start": 0}, "content text does not match"),
    ({"content_end": 10**6}, "span inside the article"),
    ({"cue_start": None}, "cue needs a non-empty span"),
    ({"kind": "rumour"}, "Kind must be"),
    ({"speaker_type": "robot"}, "Speaker type must be"),
])
def test_a_correction_must_index_the_stored_text(db, change, message):
    aid = sorted_ids(db)[0]
    fields = {**fields_of(actions.get_attribution(db, aid)), **change}
    with pytest.raises(actions.ReviewError, match=message):
        actions.record(db, aid, "dana", "corrected", fields)
    assert reviews(db) == []


def test_reject_skip_and_unknown_decisions(db):
    a, b = sorted_ids(db)[:2]
    actions.reject(db, a, "dana", note="a headline, not a claim")
    actions.skip(db, b, "dana")
    assert [(r["attribution_id"], r["decision"]) for r in reviews(db)] == \
        [(a, "rejected"), (b, "skipped")]
    with pytest.raises(actions.ReviewError):
        actions.record(db, a, "dana", "maybe")
    with pytest.raises(actions.ReviewError):
        actions.reject(db, "no-such-id", "dana")
    with pytest.raises(actions.ReviewError):
        actions.ensure_reviewer(db, "   ")


def test_undo_retracts_my_latest_decision_and_keeps_history(db):
    a, b = sorted_ids(db)[:2]
    actions.save(db, a, "dana")
    actions.reject(db, b, "dana")
    actions.save(db, b, "eve")
    undone = actions.undo(db, "dana")
    assert (undone["attribution_id"], undone["decision"]) == (b, "rejected")
    assert actions.undo(db, "dana")["attribution_id"] == a
    assert actions.undo(db, "dana") is None
    rows = reviews(db)
    assert len(rows) == 3  # nothing deleted
    assert [(r["reviewer"], r["retracted"]) for r in rows] == \
        [("dana", 1), ("dana", 1), ("eve", 0)]
    assert rows[0]["updated_at"] is not None
    assert queue.status_of(db, b) == "accepted"  # eve's review stands


def test_adding_an_attribution_the_engine_missed(db):
    text = actions.document_text(db, DOC_ID)
    content = "The police ramped up patrols throughout the country"
    start = text.index(content)
    fields = {"kind": "indirect", "content": content, "content_start": start,
              "content_end": start + len(content), "cue": None, "cue_start": None,
              "cue_end": None, "speaker": None, "speaker_start": None, "speaker_end": None,
              "speaker_name": "the police", "speaker_role": None,
              "speaker_type": "organization"}
    aid = actions.add_missed(db, DOC_ID, "dana", fields, stance="neutral",
                             certainty="certain")
    assert aid == store.attribution_id(DOC_ID, "indirect", start, start + len(content))
    row = actions.get_attribution(db, aid)
    assert (row["origin"], row["model_version"], row["content"]) == \
        ("reviewer", None, content)
    [review] = reviews(db, aid)
    assert (review["reviewer"], review["decision"], review["stance"]) == \
        ("dana", "accepted", "neutral")
    assert queue.status_of(db, aid) == "accepted"
    assert aid in [r["id"] for r in queue.page(db, "eve", queue.Filters(search="patrols"))]
    with pytest.raises(actions.ReviewError, match="already in the queue"):
        actions.add_missed(db, DOC_ID, "eve", fields)
    with pytest.raises(actions.ReviewError, match="does not match"):
        actions.add_missed(db, DOC_ID, "eve", {**fields, "content": "The police"})


def test_only_an_adjudicator_adjudicates_and_the_export_follows(db):
    aid = sorted_ids(db)[0]
    keep = actions.reject(db, aid, "dana")
    actions.save(db, aid, "eve")
    actions.ensure_reviewer(db, "dana")
    with pytest.raises(actions.ReviewError, match="not an adjudicator"):
        actions.adjudicate(db, "dana", keep)
    actions.ensure_reviewer(db, "judge", is_adjudicator=True)
    actions.adjudicate(db, "judge", keep)
    actions.save(db, aid, "fay")  # later, but not an adjudication
    att = actions.get_attribution(db, aid)
    assert export.final_values(att, reviews(db, aid))["status"] == "rejected"
    assert queue.status_of(db, aid) == "rejected"


def test_queue_status_agrees_with_the_export_on_random_histories(db):
    rng = random.Random(7)
    items = sorted_ids(db)
    actions.ensure_reviewer(db, "judge", is_adjudicator=True)
    for _ in range(120):
        aid, who = rng.choice(items), rng.choice(["dana", "eve", "fay"])
        step = rng.choice(["save", "reject", "skip", "undo", "adjudicate"])
        if step == "undo":
            actions.undo(db, who)
        elif step == "adjudicate":
            standing = [r for r in reviews(db, aid) if not r["retracted"]
                        and r["decision"] != "skipped"]
            if standing:
                actions.adjudicate(db, "judge", rng.choice(standing)["id"])
        else:
            getattr(actions, step)(db, aid, who)
    seen = set()
    for aid in items:
        expected = export.final_values(actions.get_attribution(db, aid), reviews(db, aid))
        assert queue.status_of(db, aid) == expected["status"], aid
        seen.add(expected["status"])
    assert {"accepted", "rejected"} <= seen  # the histories were not trivial
    assert db["reviews"].count_where("is_adjudication = 1 AND retracted = 0") > 0


def test_several_reviewers_write_at_once_without_losing_rows(tmp_path):
    path = tmp_path / "a.db"
    items = sorted_ids(build_db(path))
    errors = []

    def work(name):
        db = store.open_db(path, create=False)  # one connection per session
        try:
            for i in range(40):
                actions.save(db, items[i % len(items)], name, note=f"{name} {i}")
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(f"r{n}",)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    db = store.open_db(path, create=False)
    assert db["reviews"].count == 160
    assert len({r["note"] for r in reviews(db)}) == 160
    assert next(db.query("PRAGMA journal_mode"))["journal_mode"] == "wal"
