"""The gold sets: the GUM development set (data/devset), valid and reproducible from the
treebank, and the news test set (data/newsset), valid."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.evaluate import load_jsonl
from annotator.records import KINDS

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "data" / "devset"
GOLD = DEVSET / "gum.gold.jsonl"
DOCS = DEVSET / "gum.docs.jsonl"
TEXTS = DEVSET / "gum"
SCRIPT = DEVSET / "build_gum_devset.py"
UD = next((p for p in (ROOT.parent / "shared" / "data" / "ud", Path("/work/shared/data/ud"))
           if p.is_dir()), ROOT.parent / "shared" / "data" / "ud")
SOURCES = ("en_gum-ud-train.conllu", "en_gum-ud-dev.conllu")
NEWS = ROOT / "data" / "newsset"
SETS = {"gum": (GOLD, TEXTS), "news": (NEWS / "news.gold.jsonl", NEWS / "news")}

FIELDS = ("doc_id", "kind", "content", "content_start", "content_end", "cue", "speaker",
          "speaker_name", "speaker_role", "speaker_type")
SPEAKER_TYPES = {"person", "organization", "group", "unknown"}


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(scope="module", params=sorted(SETS))
def gold_set(request) -> tuple[list[dict], dict[str, str]]:
    """Each gold set's attributions and the texts of its documents."""
    gold_path, text_dir = SETS[request.param]
    gold = read_jsonl(gold_path)
    texts = {p.stem: p.read_text(encoding="utf-8") for p in text_dir.glob("*.txt")}
    return gold, texts


@pytest.fixture(scope="module")
def gold() -> list[dict]:
    return read_jsonl(GOLD)


def test_enough_attributions(gold_set):
    gold, _ = gold_set
    assert len(gold) >= 150
    assert {g["kind"] for g in gold} == set(KINDS)  # every kind is represented


def test_every_text_has_gold_and_every_gold_a_text(gold_set):
    gold, texts = gold_set
    assert {g["doc_id"] for g in gold} == set(texts)


def test_fields_and_values(gold_set):
    gold, _ = gold_set
    for n, g in enumerate(gold, 1):
        assert tuple(g) == FIELDS, f"line {n}: fields {tuple(g)}"
        assert g["kind"] in KINDS, f"line {n}"
        assert g["speaker_type"] in SPEAKER_TYPES, f"line {n}"
        assert isinstance(g["content"], str) and g["content"].strip() == g["content"], n
        assert g["content"], f"line {n}: empty content"
        assert isinstance(g["content_start"], int) and isinstance(g["content_end"], int)
        for key in ("cue", "speaker", "speaker_name", "speaker_role"):
            assert g[key] is None or (isinstance(g[key], str) and g[key].strip()), (n, key)


def test_offsets_slice_the_text(gold_set):
    gold, texts = gold_set
    for n, g in enumerate(gold, 1):
        text = texts[g["doc_id"]]
        assert 0 <= g["content_start"] < g["content_end"] <= len(text), f"line {n}"
        assert text[g["content_start"]:g["content_end"]] == g["content"], f"line {n}"


def test_speakers_and_cues_occur_in_the_text(gold_set):
    gold, texts = gold_set
    for n, g in enumerate(gold, 1):
        text = texts[g["doc_id"]]
        for key in ("cue", "speaker"):
            if g[key] is not None:
                assert g[key] in text, f"line {n}: {key} {g[key]!r} not in the text"


def test_sorted_without_duplicate_spans(gold_set):
    gold, _ = gold_set
    keys = [(g["doc_id"], g["content_start"], g["content_end"]) for g in gold]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)


@pytest.mark.parametrize("name", sorted(SETS))
def test_the_scorer_accepts_the_file(name):
    path = SETS[name][0]
    assert len(load_jsonl(path)) == len(read_jsonl(path))


def test_manifest_matches(gold):
    docs = read_jsonl(DOCS)
    assert {d["doc_id"] for d in docs} == {g["doc_id"] for g in gold}
    assert {p.stem for p in TEXTS.glob("*.txt")} == {d["doc_id"] for d in docs}
    for d in docs:
        assert d["source"] in SOURCES
        assert d["attributions"] == sum(g["doc_id"] == d["doc_id"] for g in gold)


@pytest.mark.skipif(not all((UD / s).exists() for s in SOURCES),
                    reason="the GUM CoNLL-U files are not on this machine")
def test_rebuild_is_byte_identical(tmp_path):
    subprocess.run([sys.executable, str(SCRIPT), str(UD), str(tmp_path)], check=True,
                   capture_output=True, text=True, timeout=600)
    assert (tmp_path / "gum.gold.jsonl").read_bytes() == GOLD.read_bytes()
    assert (tmp_path / "gum.docs.jsonl").read_bytes() == DOCS.read_bytes()
    built = sorted(p.name for p in (tmp_path / "gum").glob("*.txt"))
    assert built == sorted(p.name for p in TEXTS.glob("*.txt"))
    for name in built:
        assert (tmp_path / "gum" / name).read_bytes() == (TEXTS / name).read_bytes(), name
