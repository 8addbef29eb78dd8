"""The store on real database files: schema, refusal of foreign files, save_analysis with
its merge rules, runs and errors, full-text search. Analyses are built by hand."""

from __future__ import annotations

import json
import sqlite3

import pytest
import sqlite_utils

from annotator import store
from annotator.records import Analysis, Attribution, Document, Speaker

TEXT = ('The minister said the budget was "balanced and fair". '
        "Critics claimed it would hurt schools, according to the union.")


def span(text: str, piece: str, start: int = 0) -> tuple[int, int]:
    i = text.index(piece, start)
    return i, i + len(piece)


def attribution(text: str, kind: str, content: str, cue: str | None = None,
                speaker: str | None = None, **extra) -> Attribution:
    cs, ce = span(text, content)
    a = Attribution(kind=kind, content=content, content_start=cs, content_end=ce, **extra)
    if cue:
        a.cue = cue
        a.cue_start, a.cue_end = span(text, cue)
    if speaker:
        a.speaker = speaker
        a.speaker_start, a.speaker_end = span(text, speaker)
    return a


def sample_analysis(text: str = TEXT) -> Analysis:
    return Analysis(
        attributions=[
            attribution(text, "direct", "balanced and fair", "said", "The minister",
                        speaker_name="Minister", speaker_type="person", confidence=0.9,
                        certainty_cues=["said"]),
            attribution(text, "indirect", "it would hurt schools", "claimed", "Critics",
                        speaker_name="Critics", speaker_type="group", confidence=0.6,
                        certainty_cues=["claimed", "would"], certainty="uncertain"),
        ],
        speakers=[Speaker("Minister", role="minister", type="person",
                          mentions=[span(text, "The minister")]),
                  Speaker("Critics", type="group", mentions=[span(text, "Critics")])],
    )


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "annotations.db"


@pytest.fixture
def db(db_path):
    database = store.open_db(db_path)
    yield database
    database.close()


def add_review(db, aid: str, doc_id: str, decision: str = "accepted", **fields) -> None:
    db["reviews"].insert({"attribution_id": aid, "doc_id": doc_id, "reviewer": "ana",
                          "decision": decision, "created_at": store.now(), **fields})


def test_new_database_has_schema_and_wal(db, db_path):
    assert {"documents", "attributions", "speakers", "reviews", "reviewers", "runs",
            "errors", "documents_fts", "attributions_fts"} <= set(db.table_names())
    assert db.execute("pragma journal_mode").fetchone()[0] == "wal"
    db.close()
    again = store.open_db(db_path)  # reopening applies nothing twice
    assert [m.name for m in store.MIGRATIONS.applied(again)] == ["m001_initial"]
    again.close()


def test_save_analysis_stores_document_predictions_and_speakers(db):
    doc = Document("d1", TEXT, title="Budget", url="https://example.org/b", source="Wire",
                   published="2026-05-01")
    assert store.save_analysis(db, doc, sample_analysis(), "v1", run_id=None) == 2

    row = db["documents"].get("d1")
    assert row["text"] == TEXT and row["title"] == "Budget" and row["source"] == "Wire"
    assert row["sha256"] == store.text_sha256(TEXT)
    assert row["words"] == len(TEXT.split()) == 19
    assert row["model_version"] == "v1" and row["added_at"] and row["annotated_at"]

    rows = list(db["attributions"].rows_where("doc_id = ?", ["d1"], order_by="content_start"))
    assert [r["kind"] for r in rows] == ["direct", "indirect"]
    for r in rows:
        assert r["id"] == store.attribution_id("d1", r["kind"], r["content_start"],
                                               r["content_end"])
        assert r["origin"] == "engine" and r["model_version"] == "v1"
        assert TEXT[r["content_start"]:r["content_end"]] == r["content"]
        assert TEXT[r["cue_start"]:r["cue_end"]] == r["cue"]
        assert TEXT[r["speaker_start"]:r["speaker_end"]] == r["speaker"]
    assert json.loads(rows[1]["certainty_cues"]) == ["claimed", "would"]
    assert store.decode(rows[1])["certainty_cues"] == ["claimed", "would"]
    assert rows[0]["speaker_name"] == "Minister" and rows[1]["certainty"] == "uncertain"

    speakers = list(db["speakers"].rows_where("doc_id = ?", ["d1"], order_by="id"))
    assert [(s["name"], s["role"], s["type"]) for s in speakers] == [
        ("Minister", "minister", "person"), ("Critics", None, "group")]
    assert json.loads(speakers[0]["mentions"]) == [[0, 12]]


def test_needs_annotation_follows_text_and_model_version(db):
    sha = store.text_sha256(TEXT)
    assert store.needs_annotation(db, "d1", sha, "v1")
    store.save_analysis(db, Document("d1", TEXT), sample_analysis(), "v1")
    assert not store.needs_annotation(db, "d1", sha, "v1")
    assert store.needs_annotation(db, "d1", sha, "v2")
    assert store.needs_annotation(db, "d1", store.text_sha256(TEXT + " More."), "v1")
    assert store.needs_annotation(db, "d2", sha, "v1")


def test_reannotation_replaces_unreviewed_and_keeps_reviewed_predictions(db):
    doc = Document("d1", TEXT, title="Budget")
    store.save_analysis(db, doc, sample_analysis(), "v1")
    first = db["documents"].get("d1")
    direct, indirect = sorted(db["attributions"].rows_where("doc_id = 'd1'"),
                              key=lambda r: r["content_start"])
    add_review(db, direct["id"], "d1", "corrected", speaker_name="The minister of finance",
               note="full title")

    # the new run finds the reviewed span again (with another confidence) and a new one
    again = sample_analysis()
    again.attributions[0].confidence = 0.1
    again.attributions[1] = attribution(TEXT, "indirect", "hurt schools", "claimed")
    again.attributions.append(attribution(TEXT, "direct", "balanced and fair", "said"))
    assert store.save_analysis(db, Document("d1", TEXT), again, "v2") == 2

    rows = {r["id"]: r for r in db["attributions"].rows_where("doc_id = 'd1'")}
    assert direct["id"] in rows and indirect["id"] not in rows  # unreviewed one replaced
    assert len(rows) == 2  # reviewed + the one new prediction, no duplicate
    assert rows[direct["id"]] == direct  # merged: the original prediction is untouched
    new = next(r for r in rows.values() if r["id"] != direct["id"])
    assert new["content"] == "hurt schools" and new["model_version"] == "v2"
    review = db.execute("select attribution_id, speaker_name, note from reviews").fetchall()
    assert review == [(direct["id"], "The minister of finance", "full title")]

    doc_row = db["documents"].get("d1")
    assert doc_row["added_at"] == first["added_at"] and doc_row["model_version"] == "v2"
    assert doc_row["title"] == "Budget"  # metadata not given again is kept
    assert db["speakers"].count_where("doc_id = 'd1'") == 2  # replaced, not appended


def test_reviewer_added_attributions_survive(db):
    store.save_analysis(db, Document("d1", TEXT), sample_analysis(), "v1")
    cs, ce = span(TEXT, "the budget was")
    aid = store.attribution_id("d1", "indirect", cs, ce)
    db["attributions"].insert({"id": aid, "doc_id": "d1", "kind": "indirect",
                               "content": "the budget was", "content_start": cs,
                               "content_end": ce, "origin": "reviewer"})
    store.save_analysis(db, Document("d1", TEXT), Analysis([], []), "v2")
    assert [r["id"] for r in db["attributions"].rows_where("doc_id = 'd1'")] == [aid]


def test_bad_offsets_are_refused_and_nothing_is_written(db):
    bad = sample_analysis()
    bad.attributions[0].content_start += 1
    with pytest.raises(ValueError, match="content"):
        store.save_analysis(db, Document("d1", TEXT), bad, "v1")
    assert db["documents"].count == 0 and db["attributions"].count == 0


def test_a_failure_inside_the_transaction_rolls_back_the_whole_document(db):
    analysis = sample_analysis()
    analysis.speakers.append(Speaker(object(), type="person"))  # sqlite cannot bind this
    with pytest.raises((sqlite3.Error, TypeError, ValueError)):
        store.save_analysis(db, Document("d1", TEXT), analysis, "v1")
    assert not db.conn.in_transaction
    assert db["documents"].count == 0 and db["attributions"].count == 0
    assert db["speakers"].count == 0


def test_runs_and_errors(db):
    run_id = store.start_run(db, "annotator preannotate x.jsonl", "v1")
    store.record_error(db, run_id, "x.jsonl:3", "input", "malformed JSON", doc_id=None)
    store.finish_run(db, run_id, documents_done=4, documents_skipped=1, documents_failed=1,
                     attributions=9, words=1200, seconds=2.5)
    run = db["runs"].get(run_id)
    assert run["status"] == "finished" and run["finished_at"] >= run["started_at"]
    assert (run["documents_done"], run["attributions"], run["model_version"]) == (4, 9, "v1")
    assert run["annotator_version"] and run["stanza_version"]
    [error] = db["errors"].rows
    assert (error["run_id"], error["location"], error["stage"]) == (run_id, "x.jsonl:3", "input")


def test_full_text_search_finds_documents_and_attributions(db):
    store.save_analysis(db, Document("d1", TEXT, title="Budget"), sample_analysis(), "v1")
    store.save_analysis(db, Document("d2", "Nothing to see here."), Analysis([], []), "v1")
    assert [r["id"] for r in db["documents"].search("union")] == ["d1"]
    assert [r["content"] for r in db["attributions"].search("schools")] == [
        "it would hurt schools"]
    assert [r["speaker_name"] for r in db["attributions"].search("minister")] == ["Minister"]
    # a replaced prediction leaves the index too (the FTS triggers follow deletes)
    store.save_analysis(db, Document("d1", TEXT), Analysis([], []), "v2")
    assert list(db["attributions"].search("schools")) == []


def test_non_sqlite_file_is_refused_and_untouched(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are my notes, not a database\n" * 100)
    before = path.read_bytes()
    with pytest.raises(store.StoreError, match="not a SQLite database"):
        store.open_db(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_newer_schema_is_refused_and_untouched(db_path):
    db = store.open_db(db_path)
    store.save_analysis(db, Document("d1", TEXT), sample_analysis(), "v1")
    db["_sqlite_migrations"].insert({"migration_set": "annotator", "name": "m999_future",
                                     "applied_at": "2030-01-01"})
    db.execute("pragma wal_checkpoint(truncate)")
    db.close()
    before = db_path.read_bytes()
    with pytest.raises(store.StoreError, match="newer version"):
        store.open_db(db_path)
    assert db_path.read_bytes() == before


def test_other_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "other.db"
    sqlite_utils.Database(path)["things"].insert({"a": 1})
    before = path.read_bytes()
    with pytest.raises(store.StoreError, match="not an annotations database"):
        store.open_db(path)
    assert path.read_bytes() == before
