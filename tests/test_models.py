"""The shipped compact Stanza models: they load offline and analyse news sensibly."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from annotator import nlp
from annotator.cli import cli

SENTENCE = "Interior Minister Kalmukanbet Kasymov said the attackers had been stopped."


def test_shipped_models_load_and_parse_offline(no_network):
    nlp._load.cache_clear()  # load for real with the network blocked
    pipe = nlp.load_pipeline()
    doc = pipe(SENTENCE)
    words = {w.text: w for s in doc.sentences for w in s.words}
    kasymov, said = words["Kasymov"], words["said"]
    assert kasymov.upos == "PROPN" and words["Kalmukanbet"].upos == "PROPN"
    assert said.upos == "VERB" and said.lemma == "say"
    # the subject of "said" is the phrase "Interior Minister Kalmukanbet Kasymov",
    # whichever of its words UD makes the head ("flat" and "compound" for the rest)
    sent = doc.sentences[0].words
    subjects = {w.id for w in sent if w.deprel == "nsubj" and w.head == said.id}
    node = kasymov
    while node.id not in subjects:
        assert node.head not in (0, said.id), "Kasymov is not inside the subject of said"
        node = sent[node.head - 1]
    assert node.text in ("Interior", "Minister", "Kalmukanbet", "Kasymov")
    assert any(e.type == "PERSON" and "Kasymov" in e.text for e in doc.ents)


def test_pipeline_is_loaded_once_per_process():
    assert nlp.load_pipeline() is nlp.load_pipeline()


def test_models_info_json_has_absolute_paths_that_rebuild_the_pipeline():
    result = CliRunner().invoke(cli, ["models", "info", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert Path(data["dir"]).is_absolute() and Path(data["dir"]).is_dir()
    for proc in nlp.PROCESSORS:
        entry = data["processors"][proc]
        assert Path(entry["model_path"]).is_absolute() and Path(entry["model_path"]).exists()
    for proc in ("pos", "depparse", "ner"):
        assert Path(data["processors"][proc]["pretrain_path"]).exists()
    assert data["total_size_mb"] <= 60


def test_models_info_text_lists_processors_and_scores():
    result = CliRunner().invoke(cli, ["models", "info"])
    assert result.exit_code == 0
    for proc in nlp.PROCESSORS:
        assert proc in result.output
    assert "score" in result.output


def test_download_fails_fast_and_clearly_offline(no_network):
    result = CliRunner().invoke(cli, ["models", "download"])
    assert result.exit_code != 0
    assert "offline" in result.output


def test_missing_model_directory_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(cli, ["models", "info", "--model-dir", str(tmp_path)])
    assert result.exit_code != 0
    assert "lacks" in result.output and "tokenize.pt" in result.output


def test_official_models_absent_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path))
    result = CliRunner().invoke(cli, ["annotate", "-", "--model-dir", "official"],
                                input="He said “yes, indeed we will”.")
    assert result.exit_code != 0
    assert "annotator models download" in result.output
