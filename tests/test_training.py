"""The training recipe's data conversion: GUM mentions -> NER labels (training/gum_to_ner.py).

The NER model learns whatever this conversion calls a name, so each case here is a
mention shape from GUM that once gave a wrong or missing label."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("gum_to_ner", ROOT / "training" / "gum_to_ner.py")
gum_to_ner = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gum_to_ner)


def conllu(words: list[tuple[str, str, str, str]]) -> str:
    """(form, upos, xpos, Entity value or "") -> one CoNLL-U sentence."""
    lines = ["# text = " + " ".join(w[0] for w in words)]
    for i, (form, upos, xpos, entity) in enumerate(words, 1):
        misc = f"Entity={entity}" if entity else "_"
        lines.append(f"{i}\t{form}\t{form.lower()}\t{upos}\t{xpos}\t_\t0\tdep\t_\t{misc}")
    return "\n".join(lines) + "\n\n"


def names(tmp_path: Path, words) -> list[tuple[str, str]]:
    path = tmp_path / "s.conllu"
    path.write_text(conllu(words), encoding="utf-8")
    [sent] = gum_to_ner.convert(str(path))
    found, current = [], None
    for w in sent:
        if w["ner"].startswith("B-"):
            current = [w["ner"][2:], w["text"]]
            found.append(current)
        elif w["ner"].startswith("I-"):
            current[1] += " " + w["text"]
    return [tuple(f) for f in found]


def test_modifiers_before_a_name_are_not_part_of_it(tmp_path):
    words = [("met", "VERB", "VBD", ""), ("the", "DET", "DT", "(1-person"),
             ("younger", "ADJ", "JJR", ""), ("John", "PROPN", "NNP", ""),
             ("Edleston", "PROPN", "NNP", "1)")]
    assert names(tmp_path, words) == [("PERSON", "John Edleston")]


def test_a_closing_bracket_aside_is_cut(tmp_path):
    words = [("Joshua", "PROPN", "NNP", "(1-person"), ("Norton", "PROPN", "NNP", ""),
             ("(", "PUNCT", "-LRB-", ""), ("c.", "ADV", "RB", ""), ("1818", "NUM", "CD", ""),
             (")", "PUNCT", "-RRB-", "1)"), ("died", "VERB", "VBD", "")]
    assert names(tmp_path, words) == [("PERSON", "Joshua Norton")]


def test_a_bracket_inside_a_longer_mention_keeps_it_unnamed(tmp_path):
    words = [("California", "PROPN", "NNP", "(1-place"), ("(", "PUNCT", "-LRB-", ""),
             ("now", "ADV", "RB", ""), ("Grant", "PROPN", "NNP", ""),
             (")", "PUNCT", "-RRB-", ""), ("streets", "NOUN", "NNS", "1)")]
    assert names(tmp_path, words) == []


def test_coordinated_people_are_labelled_one_by_one(tmp_path):
    words = [("Isabel", "PROPN", "NNP", "(1-person(2-person)"), ("and", "CCONJ", "CC", ""),
             ("Mario", "PROPN", "NNP", "(3-person)1)"), ("met", "VERB", "VBD", "")]
    assert names(tmp_path, words) == [("PERSON", "Isabel"), ("PERSON", "Mario")]


def test_a_pronoun_is_never_part_of_a_name(tmp_path):
    words = [("Isabel", "PROPN", "NNP", "(1-person"), ("and", "CCONJ", "CC", ""),
             ("I", "PRON", "PRP", "1)"), ("met", "VERB", "VBD", "")]
    assert names(tmp_path, words) == []


@pytest.mark.parametrize("form", ["Americans", "Tagbanuas"])
def test_a_group_named_by_a_plural_is_not_a_person(tmp_path, form):
    words = [("The", "DET", "DT", "(1-person"), (form, "PROPN", "NNPS", "1)"),
             ("voted", "VERB", "VBD", "")]
    assert names(tmp_path, words) == []


def test_affiliation_after_a_person_is_its_own_entity(tmp_path):
    words = [("Nick", "PROPN", "NNP", "(1-person"), ("Rhodes", "PROPN", "NNP", ""),
             ("of", "ADP", "IN", ""), ("Duran", "PROPN", "NNP", "(2-organization"),
             ("Duran", "PROPN", "NNP", "2)1)"), ("said", "VERB", "VBD", "")]
    assert names(tmp_path, words) == [("PERSON", "Nick Rhodes"), ("ORG", "Duran Duran")]


def test_one_word_before_of_is_a_role(tmp_path):
    words = [("Emperor", "PROPN", "NNP", "(1-person"), ("of", "ADP", "IN", ""),
             ("Mexico", "PROPN", "NNP", "(2-place)1)")]
    assert names(tmp_path, words) == [("GPE", "Mexico")]


def test_a_title_before_a_name_is_stripped(tmp_path):
    words = [("President", "PROPN", "NNP", "(1-person"), ("Barack", "PROPN", "NNP", ""),
             ("Obama", "PROPN", "NNP", "1)"), ("spoke", "VERB", "VBD", "")]
    assert names(tmp_path, words) == [("PERSON", "Barack Obama")]
