"""Evaluation (issue 8): matching and figures on small hand-made cases with answers
worked out by hand, the CLI, and a round trip through a real database and the export."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator import evaluate, store
from annotator.cli import cli
from annotator.evaluate import match, score


def att(content: str, kind: str = "direct", doc_id: str = "d1", start: int = 0,
        **fields) -> dict:
    item = {"doc_id": doc_id, "kind": kind, "content": content, "content_start": start,
            "content_end": start + len(content), "cue": "said", "speaker": None,
            "speaker_name": None, "speaker_role": None, "speaker_type": "unknown"}
    item.update(fields)
    return item


def write_jsonl(path: Path, items: list[dict]) -> Path:
    path.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    return path


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


# --- matching ---------------------------------------------------------------------------

def test_words_ignore_case_punctuation_and_repeats():
    assert evaluate.words("We WON, we won!  It's 3-0.") == {"we", "won", "it", "s", "3", "0"}


def test_perfect_match():
    gold = [att("alpha beta gamma"), att("delta epsilon", kind="indirect", start=40)]
    report = score(gold, [dict(g) for g in gold])
    assert (report.overall.precision, report.overall.recall, report.overall.f1) == (1, 1, 1)
    assert report.matched == 2 and report.misses == [] and report.spurious == []


def test_one_miss():
    gold = [att("alpha beta gamma"), att("delta epsilon zeta", start=40)]
    report = score(gold, [att("alpha beta gamma")])
    assert report.overall.precision == 1.0
    assert report.overall.recall == 0.5
    assert report.overall.f1 == pytest.approx(2 / 3)
    assert report.misses == [{"doc_id": "d1", "kind": "direct",
                              "content": "delta epsilon zeta"}]


def test_one_spurious():
    report = score([att("alpha beta gamma")],
                   [att("alpha beta gamma"), att("nothing like it", kind="mixed", start=50)])
    assert (report.overall.precision, report.overall.recall) == (0.5, 1.0)
    assert report.overall.f1 == pytest.approx(2 / 3)
    assert report.spurious == [{"doc_id": "d1", "kind": "mixed",
                                "content": "nothing like it"}]


def test_jaccard_exactly_one_half_matches_and_just_below_does_not():
    # {alpha, beta} shared of {alpha, beta, gamma, delta}: 2/4 = 0.5
    assert match([att("Alpha, beta gamma.")], [att("alpha BETA delta")]) == [(0, 0, 0.5)]
    # {alpha, beta} shared of {alpha, beta, gamma, delta, epsilon}: 2/5 = 0.4
    assert match([att("alpha beta gamma")], [att("alpha beta delta epsilon")]) == []
    # 3 shared of 6 distinct words: exactly 0.5 again, with longer texts
    assert match([att("one two three four five")], [att("one two three six")]) == [
        (0, 0, 0.5)]


def test_matching_is_one_to_one_and_best_first():
    gold = [att("a b c d")]
    pred = [att("a b c"), att("a b c d", start=10)]  # J = 0.75 and J = 1.0
    assert match(gold, pred) == [(0, 1, 1.0)]
    report = score(gold, pred)
    assert (report.overall.precision, report.overall.recall) == (0.5, 1.0)
    assert report.spurious == [{"doc_id": "d1", "kind": "direct", "content": "a b c"}]
    # Best first, not file order: G1 would take P1 (J 0.75) if it went first; the
    # better pair G2-P1 (J 1.0) wins and G1 stays unmatched.
    gold = [att("a b c"), att("a b c d", start=20)]
    assert match(gold, [att("a b c d", start=20)]) == [(1, 0, 1.0)]


def test_only_the_same_document_matches():
    assert match([att("alpha beta", doc_id="d1")], [att("alpha beta", doc_id="d2")]) == []


def test_ties_go_to_the_nearer_span():
    gold = [att("no comment", start=0), att("no comment", start=500)]
    pred = [att("no comment", start=502)]
    assert match(gold, pred) == [(1, 0, 1.0)]


# --- per-kind figures -------------------------------------------------------------------

def test_groups_use_gold_kind_for_recall_and_predicted_kind_for_precision():
    gold = [att("a b c", kind="direct"), att("d e f", kind="indirect", start=10),
            att("g h i", kind="mixed", start=20)]
    pred = [att("a b c", kind="mixed"),  # direct gold found, but called reported
            att("d e f", kind="indirect", start=10),
            att("x y z", kind="direct", start=30)]  # spurious direct
    report = score(gold, pred)
    direct, reported = report.groups["direct"], report.groups["reported"]
    # direct: gold 1 (matched) -> R 1; predicted direct 1 (spurious) -> P 0
    assert (direct.gold, direct.predicted, direct.recall, direct.precision) == (1, 1, 1.0, 0.0)
    # reported: gold 2 (1 matched) -> R 0.5; predicted 2 (both matched) -> P 1
    assert (reported.gold, reported.predicted) == (2, 2)
    assert (reported.recall, reported.precision) == (0.5, 1.0)
    assert reported.f1 == pytest.approx(2 / 3)
    assert (report.overall.precision, report.overall.recall) == (pytest.approx(2 / 3),
                                                                 pytest.approx(2 / 3))


# --- speakers and roles -----------------------------------------------------------------

def test_speaker_accuracy_with_name_normalisation():
    gold = [att("a b c", speaker_name="the Police"),
            att("d e f", start=10, speaker_name="Dmitry Peskov"),
            att("g h i", start=20, speaker_name="Kazakh authorities")]
    pred = [att("a b c", speaker_name=" police."),
            att("d e f", start=10, speaker_name="Vladimir Putin"),
            att("g h i", start=20, speaker_name="KAZAKH   authorities")]
    report = score(gold, pred)
    assert (report.speaker_correct, report.matched) == (2, 3)
    assert report.speaker_accuracy == pytest.approx(2 / 3)
    assert report.wrong_speakers == [{"doc_id": "d1", "content": "d e f",
                                      "gold": "Dmitry Peskov", "predicted": "Vladimir Putin"}]


def test_gold_without_a_name_compares_speaker_mentions():
    gold = [att("a b c", speaker="a source", speaker_start=10, speaker_end=18),
            att("d e f", start=30, speaker="officials", speaker_start=40, speaker_end=49),
            att("g h i", start=60, speaker="The witness"),
            att("j k l", start=90)]  # no speaker at all
    pred = [att("a b c", speaker="source", speaker_start=12, speaker_end=18),  # overlaps
            att("d e f", start=30, speaker="officials", speaker_start=70, speaker_end=79),
            att("g h i", start=60, speaker="witness"),  # no offsets: texts compared
            att("j k l", start=90, speaker_name="Somebody")]
    report = score(gold, pred)
    assert report.speaker_correct == 2 and report.matched == 4
    assert [(w["content"], w["gold"], w["predicted"]) for w in report.wrong_speakers] == [
        ("d e f", "officials", "officials"), ("j k l", None, "Somebody")]


def test_role_accuracy_counts_only_matches_with_a_gold_role():
    gold = [att("a b c", speaker_role="Interior Minister"),
            att("d e f", start=10, speaker_role="Kremlin spokesman"),
            att("g h i", start=20),  # no gold role: not counted
            att("j k l", start=30, speaker_role="director")]  # missed: not counted
    pred = [att("a b c", speaker_role="interior minister"),
            att("d e f", start=10, speaker_role="president"),
            att("g h i", start=20, speaker_role="anything")]
    report = score(gold, pred)
    assert (report.role_correct, report.role_total, report.role_accuracy) == (1, 2, 0.5)
    assert report.wrong_roles == [{"doc_id": "d1", "content": "d e f",
                                   "gold": "Kremlin spokesman", "predicted": "president"}]


# --- empty inputs -----------------------------------------------------------------------

def test_empty_gold_and_predictions():
    report = score([], [])
    assert (report.overall.precision, report.overall.recall, report.overall.f1) == (1, 1, 1)
    assert report.speaker_accuracy is None and report.role_accuracy is None
    assert report.to_dict()["speaker_accuracy"] is None


def test_no_predictions_and_no_gold():
    gold = [att("alpha beta")]
    nothing_found = score(gold, [])
    assert (nothing_found.overall.precision, nothing_found.overall.recall) == (1.0, 0.0)
    assert nothing_found.overall.f1 == 0.0
    empty_doc = {"doc_id": "quiet", "no_attributions": True}
    all_wrong = score([empty_doc], [att("alpha beta", doc_id="quiet")])
    assert (all_wrong.overall.precision, all_wrong.overall.recall) == (0.0, 1.0)
    assert all_wrong.overall.f1 == 0.0 and all_wrong.documents == 1
    quiet = score([empty_doc], [])
    assert (quiet.overall.precision, quiet.overall.recall, quiet.overall.f1) == (1, 1, 1)


def test_predictions_for_other_documents_are_ignored_and_counted():
    report = score([att("alpha beta")],
                   [att("alpha beta"), att("x y", doc_id="d2"), att("z", doc_id="d3"),
                    att("w", doc_id="d3")])
    assert report.overall.predicted == 1 and report.overall.precision == 1.0
    assert (report.ignored_predictions, report.ignored_documents) == (3, 2)


# --- loading and the CLI ----------------------------------------------------------------

def test_load_errors_name_the_file_and_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(att("a b")) + "\n\n{not json\n")
    with pytest.raises(evaluate.EvalError, match=r"bad.jsonl, line 3: not valid JSON"):
        evaluate.load_jsonl(bad)
    partial = {k: v for k, v in att("a b").items() if k != "speaker_name"}
    write_jsonl(bad, [att("a b"), partial])
    with pytest.raises(evaluate.EvalError, match="line 2: missing field.*speaker_name"):
        evaluate.load_jsonl(bad)
    assert len(evaluate.load_jsonl(bad, evaluate.PRED_FIELDS)) == 2
    write_jsonl(bad, [att("a b", kind="quote")])
    with pytest.raises(evaluate.EvalError, match="line 1: kind 'quote'"):
        evaluate.load_jsonl(bad)
    with pytest.raises(evaluate.EvalError, match="no such file"):
        evaluate.load_jsonl(tmp_path / "missing.jsonl")


def test_cli_text_report_and_verbose_lists(tmp_path):
    gold = write_jsonl(tmp_path / "gold.jsonl", [
        att("alpha beta gamma", speaker_name="Ann", speaker_role="mayor"),
        att("the missed one entirely", kind="indirect", start=40)])
    pred = write_jsonl(tmp_path / "pred.jsonl", [
        att("alpha beta gamma", speaker_name="Bob", speaker_role="mayor"),
        att("something invented", kind="mixed", start=80),
        att("elsewhere", doc_id="other")])
    result = run("eval", "--gold", str(gold), "--pred", str(pred))
    assert result.exit_code == 0, result.output
    assert re.search(r"overall\s+0\.500\s+0\.500\s+0\.500\s+2\s+2", result.output)
    assert "ignored: 1 predictions for 1 documents not in the gold file" in result.output
    assert "speaker accuracy 0.000 (0/1 matches)" in result.output
    assert "role accuracy    1.000 (1/1" in result.output
    assert "the missed one entirely" not in result.output
    verbose = run("eval", "--gold", str(gold), "--pred", str(pred), "-v").output
    assert "misses (1):\n  d1  indirect  the missed one entirely" in verbose
    assert "spurious (1):\n  d1  mixed     something invented" in verbose
    assert "gold 'Ann', predicted 'Bob'" in verbose
    data = json.loads(run("eval", "--gold", str(gold), "--pred", str(pred), "--json").output)
    assert (data["precision"], data["recall"], data["f1"]) == (0.5, 0.5, 0.5)
    assert data["reported"]["recall"] == 0.0 and "misses" not in data
    detailed = json.loads(run("eval", "--gold", str(gold), "--pred", str(pred), "--json",
                              "-v").output)
    assert [m["content"] for m in detailed["misses"]] == ["the missed one entirely"]


def test_cli_bad_input(tmp_path):
    gold = write_jsonl(tmp_path / "gold.jsonl", [att("a b")])
    missing = run("eval", "--gold", str(tmp_path / "nope.jsonl"), "--pred", str(gold))
    assert missing.exit_code == 2 and "does not exist" in missing.output
    bad = tmp_path / "pred.jsonl"
    bad.write_text(json.dumps(att("a b")) + "\n{\"doc_id\": \n")
    result = run("eval", "--gold", str(gold), "--pred", str(bad))
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {bad}, line 2: not valid JSON")
    neither = run("eval", "--gold", str(gold))
    assert neither.exit_code == 2 and "exactly one of --pred" in neither.output
    both = run("eval", "--gold", str(gold), "--pred", str(gold), "--db", "x.db")
    assert both.exit_code == 2
    no_db = run("eval", "--gold", str(gold), "--db", str(tmp_path / "none.db"))
    assert no_db.exit_code == 1 and "no such database" in no_db.output
    assert not (tmp_path / "none.db").exists()


# --- round trip: database -> export -> eval ---------------------------------------------

def gold_db(path: Path, text: str, gold: list[dict]):
    """The sample article and its 14 gold attributions as preannotate would store them."""
    db = store.open_db(path)
    db["documents"].insert({"id": "aktobe-attack", "text": text})
    for g in gold:
        row = dict(g, id=store.attribution_id(g["doc_id"], g["kind"], g["content_start"],
                                               g["content_end"]),
                   origin="engine", certainty_cues="[]", model_version="test")
        db["attributions"].insert(row, alter=False)
    return db


def test_round_trip_through_a_database(tmp_path, sample_text, gold, gold_path):
    db_path = tmp_path / "annotations.db"
    db = gold_db(db_path, sample_text, gold)
    exported = tmp_path / "export.jsonl"

    def evaluate_export() -> dict:
        result = run("export", "--db", str(db_path), "-o", str(exported))
        assert result.exit_code == 0, result.output
        result = run("eval", "--gold", str(gold_path), "--pred", str(exported), "--json")
        assert result.exit_code == 0, result.output
        return json.loads(result.output)

    perfect = evaluate_export()
    assert (perfect["gold"], perfect["predicted"], perfect["matched"]) == (14, 14, 14)
    for name in ("precision", "recall", "f1", "speaker_accuracy", "role_accuracy"):
        assert perfect[name] == 1.0, name
    assert perfect["direct"]["f1"] == perfect["reported"]["f1"] == 1.0
    assert perfect["role_total"] == sum(1 for g in gold if g["speaker_role"])

    ids = [store.attribution_id(g["doc_id"], g["kind"], g["content_start"], g["content_end"])
           for g in gold]
    rejected = gold[1]
    renamed = gold[3]
    assert renamed["kind"] == "direct" and rejected["kind"] == "indirect"
    db["reviews"].insert_all([
        {"attribution_id": ids[1], "doc_id": "aktobe-attack", "reviewer": "ana",
         "decision": "rejected", "created_at": "2026-02-01T00:00:00+00:00"},
        {"attribution_id": ids[3], "doc_id": "aktobe-attack", "reviewer": "ana",
         "decision": "corrected", "speaker_name": "Someone Else",
         "created_at": "2026-02-01T00:01:00+00:00"},
    ], alter=False)
    db.conn.close()

    records = [json.loads(line) for line in
               (run("export", "--db", str(db_path)).stdout.splitlines())]
    assert len(records) == 13 and ids[1] not in {r["attribution_id"] for r in records}
    assert next(r for r in records if r["attribution_id"] == ids[3])["speaker_name"] == (
        "Someone Else")

    after = evaluate_export()
    assert (after["predicted"], after["matched"]) == (13, 13)
    assert after["precision"] == 1.0
    assert after["recall"] == pytest.approx(13 / 14)
    assert after["f1"] == pytest.approx(2 * (13 / 14) / (1 + 13 / 14))
    assert after["reported"]["recall"] == pytest.approx(8 / 9)
    assert after["direct"]["recall"] == 1.0
    assert (after["speaker_correct"], after["speaker_accuracy"]) == (12, pytest.approx(12 / 13))
    assert after["role_accuracy"] == 1.0  # the correction changed the name only

    # Scoring the database directly gives the same figures as scoring its export.
    direct = run("eval", "--gold", str(gold_path), "--db", str(db_path), "--json")
    assert json.loads(direct.output) == after


def test_cli_gold_file_can_declare_a_document_without_attributions(tmp_path):
    gold = write_jsonl(tmp_path / "gold.jsonl", [
        att("alpha beta"), {"doc_id": "quiet", "no_attributions": True}])
    pred = write_jsonl(tmp_path / "pred.jsonl", [
        att("alpha beta"), att("made up", doc_id="quiet"), att("x", doc_id="unscored")])
    data = json.loads(run("eval", "--gold", str(gold), "--pred", str(pred), "--json").output)
    assert (data["documents"], data["gold"], data["predicted"]) == (2, 1, 2)
    assert (data["precision"], data["recall"]) == (0.5, 1.0)
    assert data["ignored_predictions"] == 1
