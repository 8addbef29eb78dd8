"""Export (issue 6): final values after review, filters, JSON Lines and CSV, the schema doc.

Every test builds a real SQLite file with store.open_db and inserts rows the way
preannotate does (the engine is not needed), then exports it through the library or
the real CLI.
"""

from __future__ import annotations

import csv
import io
import json
import re
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator import export, store
from annotator.cli import cli

ROOT = Path(__file__).resolve().parent.parent
DOC_ID = "aktobe-attack"
KASYMOV = "Kalmukanbet Kasymov"


def locate(text: str, needle: str, start: int, end: int) -> tuple[int, int]:
    """The occurrence of ``needle`` (as whole words) nearest to the span start..end."""
    best = None
    for m in re.finditer(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", text):
        if m.start() >= end:
            gap = m.start() - end
        elif m.end() <= start:
            gap = start - m.end()
        else:
            continue
        if best is None or gap < best[0]:
            best = (gap, m.start(), m.end())
    assert best is not None, needle
    return best[1], best[2]


def attribution_row(text: str, gold: dict, **extra) -> dict:
    """An attributions row as preannotate writes it, from one gold attribution."""
    row = {k: v for k, v in gold.items()}
    row["cue_start"], row["cue_end"] = locate(text, gold["cue"], gold["content_start"],
                                              gold["content_end"])
    row["speaker_start"], row["speaker_end"] = locate(text, gold["speaker"],
                                                      gold["content_start"],
                                                      gold["content_end"])
    row.update(id=store.attribution_id(gold["doc_id"], gold["kind"], gold["content_start"],
                                       gold["content_end"]),
               origin="engine", certainty_cues="[]", model_version="test",
               confidence=0.9, created_at="2026-01-01T00:00:00+00:00")
    row.update(extra)
    return row


def build_db(path: Path, text: str, gold: list[dict]):
    db = store.open_db(path)
    db["documents"].insert({"id": DOC_ID, "text": text, "title": "Aktobe attack",
                            "url": "https://example.org/aktobe", "source": "seed",
                            "published": "2016-06-06"})
    db["attributions"].insert_all([attribution_row(text, g) for g in gold], alter=False)
    return db


def add_review(db, attribution_id: str, decision: str, reviewer: str = "ana",
               created_at: str = "2026-02-01T10:00:00+00:00", **fields) -> int:
    row = {"attribution_id": attribution_id, "doc_id": DOC_ID, "reviewer": reviewer,
           "decision": decision, "created_at": created_at, **fields}
    return db["reviews"].insert(row, alter=False).last_pk


def aid(g: dict) -> str:
    return store.attribution_id(g["doc_id"], g["kind"], g["content_start"], g["content_end"])


@pytest.fixture
def db_path(tmp_path, sample_text, gold) -> Path:
    path = tmp_path / "annotations.db"
    build_db(path, sample_text, gold).conn.close()
    return path


def run(*args: str):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result


def export_jsonl(db_path: Path, *args: str) -> list[dict]:
    result = run("export", "--db", str(db_path), *args)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


# --- the pure final-values rule ---------------------------------------------------------

PREDICTION = {"kind": "direct", "content": "We won", "content_start": 0, "content_end": 6,
              "cue": "said", "cue_start": 8, "cue_end": 12, "speaker": "he",
              "speaker_start": 13, "speaker_end": 15, "speaker_name": "Tom Jones",
              "speaker_role": "coach", "speaker_type": "person",
              "certainty_cues": '["clearly"]', "certainty": "certain", "confidence": 0.8}


def review(decision: str, rid: int = 1, when: str = "2026-01-01T00:00:00", **fields) -> dict:
    return {"id": rid, "reviewer": f"r{rid}", "decision": decision, "created_at": when,
            **fields}


def test_final_values_without_reviews_is_the_prediction():
    values = export.final_values(PREDICTION, [])
    assert values["status"] == "pre-annotated"
    assert values["reviewer"] is None and values["reviewed_at"] is None
    assert values["stance"] is None and values["stance_target"] is None
    assert values["certainty_cues"] == ["clearly"]
    assert {f: values[f] for f in store.CORRECTABLE} == {f: PREDICTION[f]
                                                          for f in store.CORRECTABLE}


def test_accepted_keeps_prediction_but_takes_stance_and_certainty_from_review():
    values = export.final_values(PREDICTION, [review(
        "accepted", speaker_name="Someone Else", stance="supports", stance_target="team",
        certainty="hedged")])
    assert values["status"] == "accepted" and values["reviewer"] == "r1"
    assert values["speaker_name"] == "Tom Jones"  # accepted: corrections ignored
    assert (values["stance"], values["stance_target"]) == ("supports", "team")
    assert values["certainty"] == "hedged"
    fallback = export.final_values(PREDICTION, [review("accepted", certainty=None)])
    assert fallback["certainty"] == "certain"


def test_corrected_replaces_every_non_null_correctable_field():
    values = export.final_values(PREDICTION, [review(
        "corrected", speaker_name="Ann Lee", speaker_start=20, speaker_end=27,
        speaker_role=None, kind="mixed")])
    assert values["status"] == "corrected"
    assert values["speaker_name"] == "Ann Lee"
    assert (values["speaker_start"], values["speaker_end"]) == (20, 27)
    assert values["kind"] == "mixed"
    assert values["speaker_role"] == "coach"  # null in the review: prediction stays
    assert values["content"] == "We won"


def test_latest_review_wins_unless_an_adjudication_exists():
    early = review("accepted", 1, "2026-01-01T00:00:00")
    late = review("rejected", 2, "2026-01-02T00:00:00")
    assert export.final_values(PREDICTION, [late, early])["status"] == "rejected"
    adjudicated = review("corrected", 3, "2025-12-31T00:00:00", is_adjudication=1,
                         speaker_name="Judge Call")
    values = export.final_values(PREDICTION, [early, late, adjudicated])
    assert values["status"] == "corrected" and values["speaker_name"] == "Judge Call"
    assert values["reviewer"] == "r3"


def test_retracted_and_skipped_reviews_do_not_count():
    values = export.final_values(PREDICTION, [
        review("accepted", 1, "2026-01-01T00:00:00"),
        review("rejected", 2, "2026-01-02T00:00:00", retracted=1),
        review("skipped", 3, "2026-01-03T00:00:00"),
    ])
    assert values["status"] == "accepted" and values["reviewer"] == "r1"
    only_skips = [review("skipped", 1), review("rejected", 2, retracted=1)]
    assert export.final_values(PREDICTION, only_skips)["status"] == "pre-annotated"


# --- export of a real database ----------------------------------------------------------

def test_export_writes_every_attribution_with_all_fields_in_order(db_path, gold,
                                                                  sample_text):
    records = export_jsonl(db_path)
    assert len(records) == len(gold) == 14
    for record in records:
        assert list(record) == list(export.FIELDS)
        assert record["status"] == "pre-annotated"
        assert record["attribution_id"] == store.attribution_id(
            record["doc_id"], record["kind"], record["content_start"], record["content_end"])
        assert sample_text[record["content_start"]:record["content_end"]] == record["content"]
        assert sample_text[record["speaker_start"]:record["speaker_end"]] == record["speaker"]
        assert sample_text[record["cue_start"]:record["cue_end"]] == record["cue"]
        assert record["certainty_cues"] == []
        assert record["title"] == "Aktobe attack" and record["published"] == "2016-06-06"
        assert record["model_version"] == "test" and record["origin"] == "engine"
    by_id = {r["attribution_id"]: r for r in records}
    for g in gold:
        record = by_id[aid(g)]
        assert {k: record[k] for k in g} == g
    assert [r["content_start"] for r in records] == sorted(g["content_start"] for g in gold)
    assert export_jsonl(db_path) == records  # stable across runs


def test_reviews_change_status_and_values(db_path, gold):
    db = store.open_db(db_path)
    add_review(db, aid(gold[0]), "accepted", stance="neutral", certainty="certain")
    add_review(db, aid(gold[1]), "corrected", speaker_name="Counter-terrorism HQ")
    add_review(db, aid(gold[2]), "rejected")
    db.conn.close()
    records = {r["attribution_id"]: r for r in export_jsonl(db_path)}
    assert len(records) == 13 and aid(gold[2]) not in records
    first, second = records[aid(gold[0])], records[aid(gold[1])]
    assert (first["status"], first["stance"], first["certainty"]) == ("accepted", "neutral",
                                                                      "certain")
    assert first["reviewer"] == "ana" and first["reviewed_at"] == "2026-02-01T10:00:00+00:00"
    assert second["status"] == "corrected"
    assert second["speaker_name"] == "Counter-terrorism HQ"
    assert second["speaker"] == gold[1]["speaker"]


@pytest.fixture
def reviewed_db(db_path, gold, sample_text) -> Path:
    """Accepted gold[0], corrected gold[3], rejected gold[2]; a second document."""
    db = store.open_db(db_path)
    add_review(db, aid(gold[0]), "accepted")
    add_review(db, aid(gold[3]), "corrected", speaker_name="Kasymov, K.")
    add_review(db, aid(gold[2]), "rejected")
    db["documents"].insert({"id": "other", "text": "Rain is coming, she said."})
    other = {"doc_id": "other", "kind": "indirect", "content": "Rain is coming",
             "content_start": 0, "content_end": 14, "cue": "said", "speaker": "she",
             "speaker_name": None, "speaker_role": None, "speaker_type": "person"}
    db["attributions"].insert(attribution_row("Rain is coming, she said.", other),
                              alter=False)
    db.conn.close()
    return db_path


@pytest.mark.parametrize("args, expected", [
    ((), {"pre-annotated": 12, "accepted": 1, "corrected": 1}),
    (("--status", "rejected"), {"rejected": 1}),
    (("--status", "accepted", "--status", "corrected"), {"accepted": 1, "corrected": 1}),
    (("--status", "pre-annotated"), {"pre-annotated": 12}),
    (("--reviewed-only",), {"accepted": 1, "corrected": 1}),
    (("--reviewed-only", "--status", "rejected", "--status", "pre-annotated"),
     {"rejected": 1}),
])
def test_status_filters(reviewed_db, args, expected):
    records = export_jsonl(reviewed_db, *args)
    found: dict[str, int] = {}
    for r in records:
        found[r["status"]] = found.get(r["status"], 0) + 1
    assert found == expected


def test_doc_filter(reviewed_db):
    records = export_jsonl(reviewed_db, "--doc", "other")
    assert [(r["doc_id"], r["content"]) for r in records] == [("other", "Rain is coming")]
    both = export_jsonl(reviewed_db, "--doc", "other", "--doc", DOC_ID)
    assert {r["doc_id"] for r in both} == {"other", DOC_ID} and len(both) == 14
    assert export_jsonl(reviewed_db, "--doc", "no-such-doc") == []


def test_speaker_filter_uses_the_final_name(reviewed_db, gold):
    records = export_jsonl(reviewed_db, "--speaker", "kalmukanbet KASYMOV")
    # Three gold attributions name him; the review renamed one of them.
    assert len(records) == 2 and {r["speaker_name"] for r in records} == {KASYMOV}
    renamed = export_jsonl(reviewed_db, "--speaker", "Kasymov, K.")
    assert [r["attribution_id"] for r in renamed] == [aid(gold[3])]


def test_adjudication_beats_a_later_review(db_path, gold):
    db = store.open_db(db_path)
    add_review(db, aid(gold[5]), "corrected", reviewer="judge", is_adjudication=1,
               created_at="2026-03-01T00:00:00+00:00", speaker_role="Minister")
    add_review(db, aid(gold[5]), "rejected", reviewer="bob",
               created_at="2026-03-02T00:00:00+00:00")
    db.conn.close()
    record = next(r for r in export_jsonl(db_path) if r["attribution_id"] == aid(gold[5]))
    assert (record["status"], record["reviewer"], record["speaker_role"]) == (
        "corrected", "judge", "Minister")


def test_retracted_reviews_are_ignored(db_path, gold):
    db = store.open_db(db_path)
    add_review(db, aid(gold[4]), "accepted", created_at="2026-03-01T00:00:00+00:00")
    add_review(db, aid(gold[4]), "rejected", retracted=1,
               created_at="2026-03-02T00:00:00+00:00")
    add_review(db, aid(gold[6]), "rejected", retracted=1)
    db.conn.close()
    records = {r["attribution_id"]: r for r in export_jsonl(db_path)}
    assert records[aid(gold[4])]["status"] == "accepted"
    assert records[aid(gold[6])]["status"] == "pre-annotated"


def test_reviews_export_one_record_per_live_review(reviewed_db, gold):
    db = store.open_db(reviewed_db)
    add_review(db, aid(gold[0]), "skipped", reviewer="bob", seconds=3.5)
    add_review(db, aid(gold[0]), "rejected", reviewer="bob", retracted=1)
    db.conn.close()
    records = export_jsonl(reviewed_db, "--reviews")
    assert all(list(r) == list(export.REVIEW_FIELDS) for r in records)
    assert sorted((r["reviewer"], r["decision"]) for r in records) == [
        ("ana", "accepted"), ("ana", "corrected"), ("ana", "rejected"), ("bob", "skipped")]
    corrected = next(r for r in records if r["decision"] == "corrected")
    assert corrected["speaker_name"] == "Kasymov, K." and corrected["doc_id"] == DOC_ID
    assert corrected["attribution_id"] == aid(gold[3]) and corrected["is_adjudication"] == 0
    assert export_jsonl(reviewed_db, "--reviews", "--doc", "other") == []
    bad = run("export", "--db", str(reviewed_db), "--reviews", "--status", "accepted")
    assert bad.exit_code != 0 and "--reviews" in bad.output


def test_csv_has_the_same_columns_and_values(db_path, gold, tmp_path):
    db = store.open_db(db_path)
    db["attributions"].update(aid(gold[3]), {"certainty_cues": '["believe", "apparently"]'})
    db.conn.close()
    records = export_jsonl(db_path)
    out = tmp_path / "out.csv"
    result = run("export", "--db", str(db_path), "--format", "csv", "-o", str(out))
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8", newline="") as fp:
        reader = csv.DictReader(fp)
        rows = list(reader)
    assert reader.fieldnames == list(export.FIELDS)
    assert len(rows) == len(records)
    for row, record in zip(rows, records, strict=True):
        for name, value in record.items():
            if isinstance(value, list):
                expected = "; ".join(value)
            else:
                expected = "" if value is None else str(value)
            assert row[name] == expected, name
    assert rows[[r["attribution_id"] for r in records].index(aid(gold[3]))][
        "certainty_cues"] == "believe; apparently"
    stdout = run("export", "--db", str(db_path), "--format", "csv").stdout
    assert list(csv.DictReader(io.StringIO(stdout))) == rows


def test_output_file_is_replaced_whole(db_path, tmp_path):
    out = tmp_path / "export.jsonl"
    out.write_text("old contents\n")
    result = run("export", "--db", str(db_path), "-o", str(out))
    assert result.exit_code == 0 and "14 records" in result.stderr
    assert [json.loads(line)["doc_id"] for line in out.read_text().splitlines()] == [
        DOC_ID] * 14
    assert not list(tmp_path.glob(".export.jsonl.*"))  # no temporary file left behind


def test_missing_database_is_a_clear_error(tmp_path):
    missing = tmp_path / "nope.db"
    out = tmp_path / "out.jsonl"
    result = run("export", "--db", str(missing), "-o", str(out))
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"Error: {missing}: no such database. Create one with `annotator preannotate`.")
    assert not missing.exists() and not out.exists()


def test_non_sqlite_file_is_refused_and_left_untouched(tmp_path):
    bogus = tmp_path / "notes.db"
    bogus.write_bytes(b"these are my notes, not a database\n")
    out = tmp_path / "out.jsonl"
    out.write_text("previous export\n")
    result = run("export", "--db", str(bogus), "-o", str(out))
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1 and "not a SQLite" in result.output
    assert bogus.read_bytes() == b"these are my notes, not a database\n"
    assert out.read_text() == "previous export\n"


def test_export_streams_in_constant_memory(tmp_path):
    """Memory while exporting must not grow with the database (no fetchall)."""
    db = store.open_db(tmp_path / "big.db")
    text = "x" * 2000
    db["documents"].insert({"id": "big", "text": text})
    content = "y" * 1000

    def rows(n):
        for i in range(n):
            yield {"id": f"a{i}", "doc_id": "big", "kind": "direct", "content": content,
                   "content_start": i, "content_end": i + 1, "certainty_cues": "[]",
                   "origin": "engine"}

    db["attributions"].insert_all(rows(4000), batch_size=1000)
    tracemalloc.start()
    try:
        n = sum(1 for _ in export.final_records(db))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert n == 4000
    assert peak < 1_000_000  # all rows together hold over 4 MB of content


# --- the schema document ----------------------------------------------------------------

def doc_table(heading: str) -> list[str]:
    """The first column of the first table after ``heading`` in docs/export-schema.md."""
    text = (ROOT / "docs" / "export-schema.md").read_text(encoding="utf-8")
    section = text.split(heading, 1)[1]
    names, in_table = [], False
    for line in section.splitlines():
        if line.startswith("|"):
            in_table = True
            cell = line.strip("|").split("|")[0].strip()
            if cell.startswith("`"):
                names.append(cell.strip("`"))
        elif in_table:
            break
    return names


def test_schema_doc_lists_exactly_the_exported_fields(db_path):
    documented = doc_table("## Attribution records")
    assert documented == list(export.FIELDS)
    assert documented == list(export_jsonl(db_path)[0])


def test_schema_doc_lists_exactly_the_review_fields(reviewed_db):
    documented = doc_table("## Review records")
    assert documented == list(export.REVIEW_FIELDS)
    assert documented == list(export_jsonl(reviewed_db, "--reviews")[0])


def test_output_into_a_missing_directory_is_a_clear_error(db_path, tmp_path):
    result = run("export", "--db", str(db_path), "-o", str(tmp_path / "no" / "out.jsonl"))
    assert result.exit_code == 1 and "not a file in an existing directory" in result.output
