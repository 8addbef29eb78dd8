"""Agreement: Cohen's kappa and Krippendorff's alpha against hand-computed values, and
the answers, scores and disagreements read from a real database."""

from __future__ import annotations

from fractions import Fraction

import pytest
from app_helpers import add_disagreements, build_db, sorted_ids

from annotator.review import actions, agreement
from annotator.review.agreement import cohen_kappa, krippendorff_alpha


def test_cohen_kappa_textbook_example():
    # 50 items: yes/yes 20, yes/no 5, no/yes 10, no/no 15. po = 0.7, pe = 0.5 -> 0.4
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.4)


def test_cohen_kappa_small_cases():
    # po = 2/3, pe = (2*1 + 1*2)/9 = 4/9 -> (2/9)/(5/9) = 0.4
    assert cohen_kappa("aab", "abb") == pytest.approx(0.4)
    assert cohen_kappa("abab", "abab") == pytest.approx(1.0)
    assert cohen_kappa("abab", "baba") == pytest.approx(-1.0)
    assert cohen_kappa("aaa", "aaa") is None  # chance agreement is 1: undefined
    assert cohen_kappa([], []) is None
    with pytest.raises(ValueError):
        cohen_kappa("ab", "a")


def test_krippendorff_alpha_published_example():
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": 4 observers,
    # 12 units, missing values; nominal alpha = 0.743.
    n = None
    observers = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, n, n, n],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, n, 3],
        [n, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, n],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, n],
    ]
    units = [[v for v in unit if v is not None] for unit in zip(*observers, strict=True)]
    assert krippendorff_alpha(units) == pytest.approx(0.743, abs=5e-4)


def test_krippendorff_alpha_small_cases():
    # o_aa = 2, o_ab = o_ba = 1, o_bb = 2; n = 6; 1 - 5 * 2 / (36 - 9 - 9) = 4/9
    assert krippendorff_alpha([["a", "a"], ["a", "b"], ["b", "b"]]) == pytest.approx(4 / 9)
    assert krippendorff_alpha([["a", "a"], ["b", "b"], ["a"]]) == pytest.approx(1.0)
    assert krippendorff_alpha([["a", "a"], ["a", "a"]]) is None  # one label throughout
    assert krippendorff_alpha([["a"], ["b"]]) is None  # nothing pairable


@pytest.fixture
def db(tmp_path):
    db = build_db(tmp_path / "a.db")
    add_disagreements(db)
    return db


def test_answers_are_standing_reviews_of_items_with_two_reviewers(db):
    rows = agreement.answers(db)
    assert {r["reviewer"] for r in rows} == {"alice", "bob"}  # carol never pairs
    assert len(rows) == 12


# Hand-computed from the plan in app_helpers.add_disagreements:
# decision: po 5/6, pe 22/36 -> kappa 4/7; alpha 1 - 11 * 2 / 54 = 16/27
# stance (4 paired): po 3/4, pe 7/16 -> 5/9; alpha 1 - 7 * 2 / 34 = 10/17
# certainty (4 paired): po 3/4, pe 9/16 -> 3/7; alpha 1 - 7 * 2 / 26 = 6/13
EXPECTED = {
    "decision": (6, Fraction(16, 27), Fraction(4, 7)),
    "stance": (4, Fraction(10, 17), Fraction(5, 9)),
    "certainty": (4, Fraction(6, 13), Fraction(3, 7)),
}


def test_summary_matches_hand_computed_values(db):
    for row in agreement.summary(agreement.answers(db)):
        items, alpha, kappa = EXPECTED[row["dimension"]]
        assert row["items"] == items
        assert row["alpha"] == pytest.approx(float(alpha))
        assert row["mean_kappa"] == pytest.approx(float(kappa))


def test_per_label_and_per_document(db):
    rows = agreement.answers(db)
    supports = next(r for r in agreement.per_label(rows, "stance", ["supports"]))
    # supports vs other on 4 pairs: (y,y) (n,y) (n,n) (y,y): kappa 0.5, alpha 8/15
    assert supports["used"] == 5
    assert supports["mean_kappa"] == pytest.approx(0.5)
    assert supports["alpha"] == pytest.approx(8 / 15)
    docs = agreement.per_document(rows)
    assert {d["doc_id"] for d in docs} == {"aktobe-attack"}
    assert next(d for d in docs if d["dimension"] == "stance")["alpha"] == \
        pytest.approx(10 / 17)


def test_disagreements_list_each_item_and_why(db):
    found = {d["attribution_id"]: d["on"] for d in agreement.disagreements(db)}
    items = sorted_ids(db)
    assert found == {items[1]: ["stance"], items[2]: ["decision"],
                     items[3]: ["certainty"], items[4]: ["fields"]}


def test_adjudication_is_shown_on_the_disagreement(db):
    actions.ensure_reviewer(db, "judge", is_adjudicator=True)
    item = agreement.disagreements(db)[0]
    bobs = next(a for a in item["answers"] if a["reviewer"] == "bob")
    actions.adjudicate(db, "judge", bobs["review_id"])
    again = next(d for d in agreement.disagreements(db)
                 if d["attribution_id"] == item["attribution_id"])
    assert (again["adjudicated_by"], again["adjudicated"]) == ("judge", bobs["decision"])
    # the adjudication is not a third rater
    assert {r["reviewer"] for r in agreement.answers(db)} == {"alice", "bob"}
