"""Names the NER model missed, found from the document (annotator/entities.py), on real
parses with the shipped models. Where the shipped model finds a name anyway, a test
drops the model's entities first, to stand for a model that misses them (as the NER model
of the tenth session, with word vectors of its own, misses "Brightwater Energy Inc.")."""

from pathlib import Path

import pytest

from annotator import engine, entities
from annotator.parse import _entity, parse_texts

NEWS = Path(__file__).parent.parent / "data" / "newsset" / "news"
COMPANY = ("Zorvath Quillon Ltd. said on Monday it would cut 200 jobs. Zorvath said the "
           "market was weak.")
SURNAME = ("Mayor Desmond Okonkwo-Pryce spoke first. Housing officer John Tull said rents "
           "were rising. Okonkwo-Pryce disagreed, and he said rents had fallen.")
GOVERNOR = ("State Senator Carl Benning debated Governor Marisa Quintero on Tuesday. "
            "Governor Quintero said crime had fallen. The Quintero Foundation paid for the "
            "ad. Ana Quintero, her cousin, agreed.")
COMMON_WORD = ("Margaret Young chairs the committee. Young said young people were hit "
               "hardest. Young voters agreed.")
SPACED_HYPHEN = ("Executive director of the Leeds branch of the Council on British - Polish "
                 "Relations Sarah Jones said the grant would be renewed.")


@pytest.fixture(scope="module")
def parsed():
    texts = [COMPANY, SURNAME, GOVERNOR, COMMON_WORD, SPACED_HYPHEN]
    return dict(zip(texts, parse_texts(texts), strict=True))


def names(pt):
    return [(pt.text[e.char_start:e.char_end], e.type) for e in pt.entities]


def test_a_capitalised_run_before_ltd_is_a_company_and_so_is_its_first_word(parsed):
    # a model that takes the first two words for a person, and misses the second "Zorvath"
    pt = with_entities(COMPANY, ("Zorvath Quillon", "PERSON", ""))
    assert names(entities.complete(pt)) == [("Zorvath Quillon Ltd.", "ORG"), ("Zorvath", "ORG")]
    # and with the shipped model, whatever it finds
    first, short = engine.analyse(COMPANY).attributions
    assert first.speaker_name == short.speaker_name == "Zorvath Quillon Ltd"
    assert first.speaker_type == short.speaker_type == "organization"


def test_a_surname_alone_is_the_person_the_document_named_in_full(parsed):
    pt = parsed[GOVERNOR]
    pt.entities = [e for e in pt.entities
                   if pt.text[e.char_start:e.char_end] in ("Carl Benning", "Marisa Quintero")]
    found = names(entities.complete(pt))
    assert found.count(("Quintero", "PERSON")) == 1  # "Governor Quintero" only
    # not the first word of another name, nor another person's surname
    start = GOVERNOR.index("Quintero Foundation")
    assert not any(e.char_start == start for e in pt.entities)
    assert not any(e.char_start == GOVERNOR.index("Quintero,") for e in pt.entities)


def test_a_surname_that_is_also_a_common_word_in_the_text_stays_a_word(parsed):
    pt = parsed[COMMON_WORD]
    pt.entities = [e for e in pt.entities
                   if pt.text[e.char_start:e.char_end] == "Margaret Young"]
    assert names(entities.complete(pt)) == [("Margaret Young", "PERSON")]


def test_he_after_a_hyphenated_surname_the_ner_missed_alone_is_that_person():
    *_, he = engine.analyse(SURNAME).attributions
    assert (he.speaker, he.speaker_name) == ("he", "Desmond Okonkwo-Pryce")


def test_a_hyphenated_surname_is_one_mention():
    text = ("Kwabena Oteng-Darko, a farmer, said prices had doubled. Oteng-Darko said he "
            "could not afford seed.")
    _, second = engine.analyse(text).attributions
    assert (second.speaker, second.speaker_name) == ("Oteng-Darko", "Kwabena Oteng-Darko")


def test_a_spaced_hyphen_joins_an_organisations_name_the_ner_missed(parsed):
    pt = parsed[SPACED_HYPHEN]
    pt.entities = [e for e in pt.entities if e.type == "PERSON"]
    (a,) = engine.attributions_of(pt).attributions
    assert (a.speaker_name, a.speaker_role) == (
        "Sarah Jones",
        "Executive director of the Leeds branch of the Council on British - Polish Relations")


def test_she_after_a_bare_surname_two_people_share_is_the_one_named_first():
    # the news test set's obituary: "Fairley married twice" after Margot Fairley and her
    # son, the director Thomas Fairley, were named; then "she replied"
    text = (NEWS / "15-obituary-margot-fairley.txt").read_text(encoding="utf-8")
    (replied,) = [a for a in engine.analyse(text).attributions if a.cue == "replied"]
    assert (replied.speaker, replied.speaker_name) == ("she", "Margot Fairley")


def with_entities(text: str, *found: tuple[str, str, str]):
    """A real parse of ``text`` whose entities are replaced by ``found`` (name, type, the
    words before it): what a model that reads the names so would give."""
    pt = parse_texts([text])[0]
    starts = [w.start for w in pt.words]
    pt.entities = []
    for name, etype, before in found:
        start = text.index(before + name) + len(before)
        pt.entities.append(_entity(pt, starts, etype, start, start + len(name)))
    return pt


def test_a_surname_taken_for_a_place_is_the_person_named_in_full():
    text = ("“It is pocket change,” said Ursula Kent of the European Consumer Organisation. "
            "According to Kent, only a ban would change the company's behaviour. Farmers "
            "in Kent were not consulted.")
    pt = with_entities(text, ("Ursula Kent", "PERSON", ""), ("Kent", "GPE", "According to "),
                       ("Kent", "GPE", "Farmers in "))
    *_, according = engine.attributions_of(pt).attributions
    assert (according.speaker_name, according.speaker_type) == ("Ursula Kent", "person")
    # the county stays a place where the text puts someone in it
    assert [e.type for e in pt.entities] == ["PERSON", "PERSON", "GPE"]


def test_an_organisation_named_for_a_place_keeps_its_first_word():
    text = ("Agri Western Cape, which represents 8,000 farms, said in a statement that "
            "thousands of seasonal jobs were at risk.")
    pt = with_entities(text, ("Western Cape", "GPE", "Agri "))
    (a,) = engine.attributions_of(pt).attributions
    assert (a.speaker_name, a.speaker_type) == ("Agri Western Cape", "organization")


def test_the_name_an_acronym_in_brackets_spells_out_is_one_organisation():
    text = ("The Digital Markets and Safety Authority (DMSA) has opened an investigation into "
            "Nimbus AI. The DMSA said it expected to reach a decision within nine months.")
    pt = with_entities(text, ("Digital Markets", "ORG", "The "),
                       ("Safety Authority", "ORG", "and "), ("DMSA", "ORG", "The "))
    (a,) = engine.attributions_of(pt).attributions
    assert (a.speaker, a.speaker_name) == ("The DMSA", "Digital Markets and Safety Authority")
    # not a name whose initials are not the acronym's
    text = "Officials at Safety Authority headquarters (DMSA) said little."
    pt = with_entities(text, ("Safety Authority", "ORG", "at "))
    assert [pt.text[e.char_start:e.char_end] for e in entities.complete(pt).entities] == \
        ["Safety Authority"]
