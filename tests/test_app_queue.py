"""The review queue on a real database: order, filters, full-text search, status, progress."""

from __future__ import annotations

import pytest
from app_helpers import add_disagreements, build_db, sorted_ids

from annotator.review import actions, queue
from annotator.review.queue import Filters


@pytest.fixture
def db(tmp_path):
    return build_db(tmp_path / "a.db")


def ids(rows):
    return [r["id"] for r in rows]


def test_document_order_and_lowest_confidence_order(db):
    in_text = sorted_ids(db)
    assert ids(queue.page(db, "dana")) == in_text
    by_confidence = ids(queue.page(db, "dana", order="confidence"))
    confidences = [actions.get_attribution(db, i)["confidence"] for i in by_confidence]
    assert confidences == sorted(confidences) and by_confidence != in_text


def test_untouched_first_then_skipped_then_decided(db):
    first, second, third = sorted_ids(db)[:3]
    actions.save(db, first, "dana")
    actions.skip(db, second, "dana")
    everything = ids(queue.page(db, "dana", Filters(status="all"), limit=100))
    assert everything[-1] == first and everything[-2] == second
    assert everything[0] == third
    # someone else's decisions do not reorder my queue
    assert ids(queue.page(db, "eve", Filters(status="all")))[:3] == [first, second, third]


def test_to_do_is_per_reviewer_and_counts_skips_as_not_done(db):
    first, second = sorted_ids(db)[:2]
    actions.save(db, first, "dana")
    actions.skip(db, second, "dana")
    assert queue.count(db, "dana") == 13
    assert first not in ids(queue.page(db, "dana", limit=100))
    assert queue.count(db, "eve") == 14


def test_pages_run_across_the_untouched_skipped_and_decided_groups(db):
    items = sorted_ids(db)
    actions.save(db, items[2], "dana")
    actions.skip(db, items[5], "dana")
    actions.skip(db, items[7], "dana")
    actions.reject(db, items[9], "dana")
    for status in ("all", "to do"):
        everything = ids(queue.page(db, "dana", Filters(status=status), limit=100))
        for offset in range(len(everything) + 2):
            assert ids(queue.page(db, "dana", Filters(status=status), limit=3,
                                  offset=offset)) == everything[offset:offset + 3]
    assert [r["mine"] for r in queue.page(db, "dana", Filters(status="all"))][-5:] == \
        [0, 1, 1, 2, 2]


def test_status_follows_the_export_rules(db):
    a, b, c, d = sorted_ids(db)[:4]
    actions.save(db, a, "dana")
    actions.reject(db, b, "dana")
    actions.save(db, b, "eve")  # the latest review wins: b is accepted
    actions.reject(db, c, "dana")
    actions.undo(db, "dana")  # retracted: c is pre-annotated again
    actions.skip(db, d, "dana")  # skipping does not count
    assert queue.status_of(db, a) == "accepted"
    assert queue.status_of(db, b) == "accepted"
    assert queue.status_of(db, c) == queue.status_of(db, d) == "pre-annotated"
    accepted = ids(queue.page(db, "zed", Filters(status="accepted")))
    assert sorted(accepted) == sorted([a, b])
    assert queue.count(db, "zed", Filters(status="pre-annotated")) == 12


def test_adjudication_beats_a_later_review(db):
    a = sorted_ids(db)[0]
    actions.save(db, a, "dana")
    first = actions.reject(db, a, "eve")
    actions.ensure_reviewer(db, "judge", is_adjudicator=True)
    actions.adjudicate(db, "judge", first)
    actions.save(db, a, "fay")
    assert queue.status_of(db, a) == "rejected"
    assert ids(queue.page(db, "zed", Filters(status="rejected"))) == [a]


def test_filters_by_kind_document_speaker_and_reviewer(db):
    direct = ids(queue.page(db, "dana", Filters(kind="direct")))
    assert len(direct) == 5
    assert all(actions.get_attribution(db, i)["kind"] == "direct" for i in direct)
    assert queue.count(db, "dana", Filters(doc_id="aktobe-attack")) == 14
    assert queue.count(db, "dana", Filters(doc_id="elsewhere")) == 0
    kasymov = ids(queue.page(db, "dana", Filters(speaker="kasymov")))
    assert len(kasymov) == 3
    a = sorted_ids(db)[5]
    actions.save(db, a, "eve")
    assert ids(queue.page(db, "dana", Filters(reviewer="eve"))) == [a]
    assert queue.count(db, "dana", Filters(kind="direct", speaker="Peskov")) == 1


def test_full_text_search_is_stemmed_and_safe_with_syntax(db):
    found = queue.page(db, "dana", Filters(search="criminal"))  # porter: criminals
    assert [r["content"][:16] for r in found] == ["The criminals wa"]
    assert queue.count(db, "dana", Filters(search="peskov")) == 2  # the speaker's name
    assert queue.count(db, "dana", Filters(search="arsenal guards")) == 1  # all words
    # FTS operators and quotes are searched for as words, not parsed
    assert queue.count(db, "dana", Filters(search='big" OR spark*')) == 0
    assert queue.count(db, "dana", Filters(search="big spark")) == 1


def test_unknown_status_is_refused(db):
    with pytest.raises(ValueError):
        queue.page(db, "dana", Filters(status="maybe"))


def test_progress_overall_and_per_reviewer(db):
    add_disagreements(db)
    p = queue.progress(db)
    assert (p["total"], p["done"], p["remaining"]) == (14, 7, 7)
    by = {r["reviewer"]: r for r in p["reviewers"]}
    assert (by["alice"]["done"], by["alice"]["remaining"]) == (6, 8)
    assert by["carol"]["done"] == 1  # the skip and the undone review do not count
    assert by["bob"]["median_seconds"] is None  # no timings recorded by the helper
    actions.save(db, sorted_ids(db)[9], "bob", seconds=4.0)
    actions.save(db, sorted_ids(db)[10], "bob", seconds=10.0)
    actions.save(db, sorted_ids(db)[11], "bob", seconds=12.0)
    bob = next(r for r in queue.progress(db)["reviewers"] if r["reviewer"] == "bob")
    assert bob["median_seconds"] == 10.0 and bob["done"] == 9
