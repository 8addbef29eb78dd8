"""The label sets: defaults, a JSON config file overriding either list, clear errors."""

from __future__ import annotations

import json

import pytest

from annotator.labels import CERTAINTY, STANCE, Labels, LabelsError, load_labels


def test_defaults_without_a_config(monkeypatch):
    monkeypatch.delenv("ANNOTATOR_LABELS", raising=False)
    labels = load_labels()
    assert labels == Labels(CERTAINTY, STANCE)
    assert labels.certainty == ("certain", "probable", "possible", "uncommitted")
    assert labels.stance == ("supports", "opposes", "neutral", "unclear")


def test_a_file_overrides_only_the_lists_it_names(tmp_path):
    path = tmp_path / "labels.json"
    path.write_text(json.dumps({"stance": ["for", " against ", "observing"]}))
    labels = load_labels(path)
    assert labels.stance == ("for", "against", "observing")
    assert labels.certainty == CERTAINTY


def test_the_environment_variable_names_the_file(tmp_path, monkeypatch):
    path = tmp_path / "labels.json"
    path.write_text(json.dumps({"certainty": ["CT+", "PR+", "PS+", "Uu"]}))
    monkeypatch.setenv("ANNOTATOR_LABELS", str(path))
    assert load_labels().certainty == ("CT+", "PR+", "PS+", "Uu")


def test_an_explicit_path_wins_over_the_environment(tmp_path, monkeypatch):
    env, explicit = tmp_path / "env.json", tmp_path / "explicit.json"
    env.write_text(json.dumps({"stance": ["a", "b"]}))
    explicit.write_text(json.dumps({"stance": ["x", "y"]}))
    monkeypatch.setenv("ANNOTATOR_LABELS", str(env))
    assert load_labels(explicit).stance == ("x", "y")


@pytest.mark.parametrize("content, message", [
    ("{not json", "not valid JSON"),
    ('["certain"]', "must be a JSON object"),
    ('{"certainty": []}', "non-empty list"),
    ('{"certainty": "certain"}', "non-empty list"),
    ('{"stance": ["for", ""]}', "non-empty string"),
    ('{"stance": ["for", 3]}', "non-empty string"),
    ('{"stance": ["for", "for"]}', "twice"),
    ('{"stances": ["for"]}', "unknown key(s) stances"),
])
def test_a_malformed_file_is_refused_with_the_reason(tmp_path, content, message):
    path = tmp_path / "labels.json"
    path.write_text(content)
    with pytest.raises(LabelsError) as err:
        load_labels(path)
    assert message in str(err.value)
    assert str(path) in str(err.value)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(LabelsError, match="no such file"):
        load_labels(tmp_path / "nope.json")
