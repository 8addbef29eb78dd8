"""Acceptance on the sample article: the whole main job, from the batch command through
the SQLite store and the export to `annotator eval`, against the 14 gold attributions."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from annotator.evaluate import norm, score

ANNOTATOR = [sys.executable, "-m", "annotator.cli"]


def test_engine_finds_every_gold_attribution_and_nothing_else(sample_analysis, gold):
    pred = [{"doc_id": "aktobe-attack", **a.to_dict()} for a in sample_analysis.attributions]
    report = score(gold, pred)
    assert report.overall.recall == 1.0, report.misses
    assert report.overall.precision == 1.0, report.spurious
    assert report.speaker_correct == 14, report.wrong_speakers
    assert (report.role_correct, report.role_total) == (9, 9), report.wrong_roles


def test_canonical_speakers_of_the_sample(sample_analysis):
    names = {s.name: s for s in sample_analysis.speakers}
    assert names["Kalmukanbet Kasymov"].role == "Interior Minister"
    assert names["Kalmukanbet Kasymov"].type == "person"
    # "Interior Minister Kalmukanbet Kasymov", "The minister" and "he": one speaker
    assert len(names["Kalmukanbet Kasymov"].mentions) == 3
    assert names["Dmitry Peskov"].role == "Kremlin spokesman"


@pytest.fixture(scope="module")
def exported(tmp_path_factory, sample_path):
    """A real database built by `annotator preannotate`, exported by `annotator export`."""
    tmp = tmp_path_factory.mktemp("acceptance")
    db = tmp / "annotations.db"
    run = subprocess.run([*ANNOTATOR, "preannotate", str(sample_path), "--db", str(db)],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    out = tmp / "export.jsonl"
    run = subprocess.run([*ANNOTATOR, "export", "--db", str(db), "-o", str(out)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return db, out, records


def test_exported_fields_match_the_gold_file(exported, gold, sample_text):
    _, _, records = exported
    by_start = {r["content_start"]: r for r in records}
    assert len(records) == len(gold)
    for g in gold:
        r = by_start[g["content_start"]]
        for field in ("doc_id", "kind", "content", "content_start", "content_end", "cue",
                      "speaker", "speaker_type"):
            assert r[field] == g[field], (field, r[field], g[field])
        assert norm(r["speaker_name"]) == norm(g["speaker_name"])
        assert norm(r["speaker_role"]) == norm(g["speaker_role"])
        assert sample_text[r["content_start"] : r["content_end"]] == r["content"]
        assert sample_text[r["cue_start"] : r["cue_end"]] == r["cue"]
        assert sample_text[r["speaker_start"] : r["speaker_end"]] == r["speaker"]
        assert r["status"] == "pre-annotated" and r["certainty"] in (
            "certain", "probable", "possible", "uncommitted")
        assert 0 < r["confidence"] <= 1 and r["model_version"]


def test_export_round_trips_through_eval(exported, gold_path):
    _, out, _ = exported
    run = subprocess.run([*ANNOTATOR, "eval", "--gold", str(gold_path), "--pred", str(out),
                          "--json"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["precision"] == report["recall"] == 1.0
    assert report["speaker_accuracy"] == 1.0 and report["role_accuracy"] == 1.0
