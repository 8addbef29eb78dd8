"""The review app driven through streamlit.testing.v1.AppTest on real SQLite files."""

from __future__ import annotations

import json
import re

import pytest
from app_helpers import APP, DOC_ID, add_disagreements, add_hostile, build_db, sorted_ids
from streamlit.testing.v1 import AppTest

from annotator import store
from annotator.review import actions

TIMEOUT = 30


@pytest.fixture
def db_path(tmp_path, monkeypatch):
    path = tmp_path / "a.db"
    build_db(path).conn.close()
    monkeypatch.setenv("ANNOTATOR_DB", str(path))
    monkeypatch.delenv("ANNOTATOR_LABELS", raising=False)
    return path


def start(name: str | None = "alice") -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    if name:
        at.query_params["reviewer"] = name
    at.run()
    assert not at.exception, at.exception
    return at


def reviews(path) -> list[dict]:
    return list(store.open_db(path, create=False).query("SELECT * FROM reviews ORDER BY id"))


def current(at: AppTest) -> str:
    return at.session_state["nav"]["current"]


def click(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click().run()
    assert not at.exception, at.exception
    return at


def marked(at: AppTest, role: str) -> list[str]:
    """The texts highlighted with ``role`` in the paragraph view."""
    html = at.html[1].value
    return re.findall(rf'<mark class="hl[^"]*hl-{role}[^"]*"[^>]*>([^<]*)</mark>', html)


# --- opening the database ----------------------------------------------------------------

def test_a_missing_database_gives_a_message_not_a_traceback(tmp_path, monkeypatch):
    monkeypatch.setenv("ANNOTATOR_DB", str(tmp_path / "nowhere.db"))
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert "no such database" in at.error[0].value
    assert not (tmp_path / "nowhere.db").exists()  # not created by accident


def test_a_file_that_is_not_a_database_gives_a_message(tmp_path, monkeypatch):
    path = tmp_path / "notes.db"
    path.write_text("shopping list")
    monkeypatch.setenv("ANNOTATOR_DB", str(path))
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert "not a SQLite database" in at.error[0].value
    assert path.read_text() == "shopping list"


def test_a_malformed_label_config_gives_a_message(db_path, tmp_path, monkeypatch):
    bad = tmp_path / "labels.json"
    bad.write_text('{"stance": "for"}')
    monkeypatch.setenv("ANNOTATOR_LABELS", str(bad))
    at = start()
    assert "non-empty list" in at.error[0].value


def test_configured_labels_become_the_buttons(db_path, tmp_path, monkeypatch):
    path = tmp_path / "labels.json"
    path.write_text(json.dumps({"stance": ["for", "against", "observing"]}))
    monkeypatch.setenv("ANNOTATOR_LABELS", str(path))
    at = start()
    assert [b.label for b in at.button if b.key.startswith("stance:")] == \
        ["for", "against", "observing"]


# --- naming -----------------------------------------------------------------------------

def test_a_reviewer_names_themselves_once(db_path):
    at = start(name=None)
    assert at.text_input(key="name_input")
    at.form_submit_button[0].click().run()
    assert "Type your name first." in at.error[0].value
    at.text_input(key="name_input").input("  Dana ")
    at.checkbox(key="name_adjudicator").check()
    at.form_submit_button[0].click().run()
    assert at.session_state["reviewer"] == "Dana"
    assert at.query_params["reviewer"] == "Dana"  # survives a reload of the page
    assert "name_input" not in [w.key for w in at.text_input]
    assert "Reviewing as **Dana** (adjudicator)" in [m.value for m in at.sidebar.markdown]
    click(at, "btn:accept")  # later runs keep the name
    assert [r["reviewer"] for r in reviews(db_path)] == ["Dana"]
    rows = list(store.open_db(db_path, create=False).query("SELECT * FROM reviewers"))
    assert [(r["name"], r["is_adjudicator"]) for r in rows] == [("Dana", 1)]


def test_forgetting_the_name_asks_again(db_path):
    at = start()
    click(at, "btn:forget")
    assert at.text_input(key="name_input").label == "Your name"


# --- reviewing --------------------------------------------------------------------------

def test_accept_with_stance_and_certainty_then_the_next_item(db_path):
    at = start()
    first, second = sorted_ids(store.open_db(db_path, create=False))[:2]
    assert current(at) == first
    assert at.button(key="certainty:certain").proto.type == "primary"  # the suggestion
    click(at, "stance:opposes")
    click(at, "certainty:probable")
    at.text_input(key="f:stance_target").input("the lockdown").run()
    at.text_input(key="f:note").input("hedged").run()
    assert at.button(key="btn:accept").label == "Accept"
    click(at, "btn:accept")
    [row] = reviews(db_path)
    assert (row["attribution_id"], row["reviewer"], row["decision"]) == \
        (first, "alice", "accepted")
    assert (row["stance"], row["stance_target"], row["certainty"], row["note"]) == \
        ("opposes", "the lockdown", "probable", "hedged")
    assert row["seconds"] >= 0
    assert current(at) == second
    assert at.caption[0].value.startswith("Item 1 of 13")
    assert at.button(key="stance:opposes").proto.type == "secondary"  # fresh item


def test_a_suggested_certainty_shows_its_cues(db_path):
    at = start()
    at.text_input(key="q:search").input("doubtfully").run()
    assert "Suggested: **possible** · cues: doubtfully" in [c.value for c in at.caption]
    assert at.button(key="certainty:possible").proto.type == "primary"


def test_correct_the_speaker_role_and_boundaries(db_path):
    at = start()
    db = store.open_db(db_path, create=False)
    aid = current(at)
    before = actions.get_attribution(db, aid)
    at.text_input(key="f:speaker_role").input("national staff").run()
    assert at.button(key="btn:accept").label == "Save correction"
    click(at, "move:end:-1")  # "... for at least 40 days" -> "... for at least 40"
    assert marked(at, "content") == ["The nationwide alert is to remain in place for at "
                                     "least 40"]
    click(at, "move:start:1")
    click(at, "btn:accept")
    [row] = reviews(db_path)
    assert row["decision"] == "corrected"
    assert row["speaker_role"] == "national staff"
    assert row["content"] == "nationwide alert is to remain in place for at least 40"
    text = actions.document_text(db, DOC_ID)
    assert text[row["content_start"]:row["content_end"]] == row["content"]
    assert (row["cue"], row["cue_start"]) == (before["cue"], before["cue_start"])
    assert actions.get_attribution(db, aid) == before  # the prediction is kept


def test_reselect_content_and_cue_by_typing_them(db_path):
    at = start()
    at.text_input(key="f:reselect").input("The nationwide alert").run()
    click(at, "btn:reselect")
    assert marked(at, "content") == ["The nationwide alert"]
    at.text_input(key="f:reselect").input("not in the article").run()
    click(at, "btn:reselect")
    assert "not in the article exactly as typed" in at.error[0].value
    at.text_input(key="f:cue").input("said on Monday").run()
    assert marked(at, "cue") == ["said on Monday"]
    at.text_input(key="f:cue").input("declared loudly").run()
    assert "is not in the article as typed" in at.warning[0].value
    assert at.button(key="btn:accept").disabled
    at.text_input(key="f:cue").input("said").run()
    click(at, "btn:accept")
    [row] = reviews(db_path)
    assert (row["decision"], row["content"], row["cue"]) == \
        ("corrected", "The nationwide alert", "said")


def test_reject_skip_and_undo(db_path):
    at = start()
    first, second, third = sorted_ids(store.open_db(db_path, create=False))[:3]
    click(at, "btn:reject")
    click(at, "btn:skip")
    assert current(at) == third
    assert [(r["attribution_id"], r["decision"]) for r in reviews(db_path)] == \
        [(first, "rejected"), (second, "skipped")]
    click(at, "btn:undo")
    assert current(at) == second  # back on the item whose decision was undone
    click(at, "btn:undo")
    assert current(at) == first
    assert [r["retracted"] for r in reviews(db_path)] == [1, 1]
    assert at.caption[0].value.startswith("Item 1 of 14")
    click(at, "btn:undo")
    assert "Nothing to undo." in at.error[0].value


def test_next_previous_and_returning_to_a_decided_item(db_path):
    at = start()
    first, second, third = sorted_ids(store.open_db(db_path, create=False))[:3]
    click(at, "btn:next")
    assert current(at) == second
    click(at, "btn:prev")
    assert current(at) == first
    click(at, "stance:supports")
    click(at, "btn:accept")
    assert current(at) == second
    click(at, "btn:prev")  # back to the decided item: my answer is shown
    assert current(at) == first
    assert "outside this queue" in at.caption[0].value
    assert at.button(key="stance:supports").proto.type == "primary"
    click(at, "btn:next")
    assert current(at) == second


def test_filters_narrow_the_queue(db_path):
    at = start()
    at.selectbox(key="q:kind").set_value("direct").run()
    assert at.caption[0].value.startswith("Item 1 of 5")
    assert at.selectbox(key="f:kind").value == "direct"
    at.text_input(key="q:speaker").input("peskov").run()
    assert at.caption[0].value.startswith("Item 1 of 1")
    assert "Dmitry Peskov" == at.selectbox(key="f:speaker_name").value
    at.selectbox(key="q:kind").set_value("(any)").run()
    at.text_input(key="q:speaker").input("").run()
    at.text_input(key="q:search").input("arsenal").run()
    assert marked(at, "content")[0].startswith("The criminals wanted")
    at.text_input(key="q:search").input("").run()
    click(at, "btn:accept")
    bob = start("bob")
    bob.selectbox(key="q:reviewer").set_value("alice").run()
    assert bob.caption[0].value.startswith("Item 1 of 1")
    bob.selectbox(key="q:status").set_value("accepted").run()
    assert bob.caption[0].value.startswith("Item 1 of 1")
    bob.selectbox(key="q:reviewer").set_value("(any)").run()
    bob.selectbox(key="q:status").set_value("rejected").run()
    assert bob.success[0].value.startswith("Nothing left in this queue")


def test_lowest_confidence_first(db_path):
    at = start()
    at.radio(key="q:order").set_value("confidence").run()
    assert current(at) == sorted_ids(store.open_db(db_path, create=False))[-1]


def test_add_an_attribution_the_engine_missed(db_path):
    at = start()
    at.text_area(key="add:content").input("The police ramped up patrols throughout the "
                                          "country")
    at.selectbox(key="add:kind").set_value("indirect")
    at.text_input(key="add:speaker_name").input("the police")
    at.selectbox(key="add:speaker_type").set_value("organization")
    at.selectbox(key="add:certainty").set_value("certain")
    at.form_submit_button[0].click().run()
    assert not at.exception
    db = store.open_db(db_path, create=False)
    [row] = db.query("SELECT * FROM attributions WHERE origin = 'reviewer'")
    assert row["content"] == "The police ramped up patrols throughout the country"
    assert row["model_version"] is None
    [review] = reviews(db_path)
    assert (review["attribution_id"], review["decision"], review["reviewer"]) == \
        (row["id"], "accepted", "alice")
    assert at.text_area(key="add:content").value == ""  # cleared after success
    at.text_area(key="add:content").input("no such sentence")
    at.form_submit_button[0].click().run()
    assert "exactly as it is in the article" in at.error[0].value
    assert at.text_area(key="add:content").value == "no such sentence"  # kept to fix


def test_article_html_is_shown_escaped(db_path):
    db = store.open_db(db_path, create=False)
    add_hostile(db)
    at = start()
    at.selectbox(key="q:doc").set_value("hostile").run()
    paragraph, article = at.html[1].value, at.html[2].value
    for html in (paragraph, article):
        assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in article
    assert marked(at, "content") == ['It is &lt;img src=x onerror=&quot;window.__pwned = '
                                     '2&quot;&gt; fine,']


def test_two_reviewers_at_once_keep_their_own_rows(db_path):
    alice, bob = start("alice"), start("bob")
    first = current(alice)
    assert current(bob) == first  # each has the whole queue
    click(alice, "btn:accept")
    click(bob, "btn:reject")
    click(alice, "btn:accept")
    rows = reviews(db_path)
    assert [(r["reviewer"], r["decision"]) for r in rows] == \
        [("alice", "accepted"), ("bob", "rejected"), ("alice", "accepted")]
    assert rows[0]["attribution_id"] == rows[1]["attribution_id"] == first
    assert alice.session_state["db"] is not bob.session_state["db"]


# --- progress and agreement -----------------------------------------------------------------

def test_progress_numbers(db_path):
    add_disagreements(store.open_db(db_path, create=False))
    at = start()
    at.radio(key="view").set_value("Progress").run()
    assert {m.label: m.value for m in at.metric} == {
        "Attributions": "14", "Reviewed by someone": "7", "Not reviewed yet": "7"}
    table = at.dataframe[0].value.set_index("reviewer")
    assert table.loc["alice", "done"] == 6 and table.loc["carol", "done"] == 1


def test_agreement_numbers_on_known_disagreements(db_path):
    add_disagreements(store.open_db(db_path, create=False))
    at = start()
    at.radio(key="view").set_value("Agreement").run()
    summary = at.dataframe[0].value.set_index("dimension")
    # hand-computed in tests/test_agreement.py
    assert summary.loc["decision", "alpha"] == round(16 / 27, 3)
    assert summary.loc["decision", "mean_kappa"] == round(4 / 7, 3)
    assert summary.loc["stance", "alpha"] == round(10 / 17, 3)
    assert summary.loc["stance", "mean_kappa"] == round(5 / 9, 3)
    assert summary.loc["certainty", "alpha"] == round(6 / 13, 3)
    assert summary.loc["certainty", "items"] == 4
    pairs = at.dataframe[1].value
    assert set(pairs["pair"]) == {"alice / bob"}
    disagreements = at.dataframe[4].value
    assert list(disagreements["on"]) == ["stance", "decision", "certainty", "fields"]
    assert "adj:item" not in [w.key for w in at.selectbox]  # alice does not adjudicate


def test_an_adjudicator_settles_a_disagreement(db_path):
    db = store.open_db(db_path, create=False)
    ids = add_disagreements(db)
    actions.ensure_reviewer(db, "judge", is_adjudicator=True)
    alice = start("alice")
    alice.radio(key="view").set_value("Agreement").run()
    assert len(alice.button) == 1  # only "Not you?": alice does not adjudicate
    at = start("judge")
    at.radio(key="view").set_value("Agreement").run()
    at.selectbox(key="adj:item").set_value(ids[2]).run()
    assert len(at.radio(key="adj:answer").options) == 2  # alice's and bob's answers
    review_ids = [r["id"] for r in reviews(db_path) if r["attribution_id"] == ids[2]]
    bob_review = next(r["id"] for r in reviews(db_path)
                      if r["attribution_id"] == ids[2] and r["reviewer"] == "bob")
    at.radio(key="adj:answer").set_value(bob_review).run()
    click(at, "btn:adjudicate")
    final = reviews(db_path)[-1]
    assert (final["reviewer"], final["is_adjudication"], final["decision"]) == \
        ("judge", 1, "accepted")
    assert final["attribution_id"] == ids[2] and final["id"] not in review_ids
    table = at.dataframe[4].value
    assert "accepted (by judge)" in list(table["final"])


def test_with_streamlit_login_the_identity_names_the_reviewer(db_path):
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback",
                          "cookie_secret": "test", "client_id": "x", "client_secret": "y",
                          "server_metadata_url": "https://id.example.org/.well-known/"
                                                 "openid-configuration"}
    at.user = {"is_logged_in": False}
    at.run()
    assert [b.label for b in at.button] == ["Log in"]
    assert "name_input" not in [w.key for w in at.text_input]  # no typed names
    at.user = {"is_logged_in": True, "email": "dana@example.org", "name": "Dana"}
    at.run()
    click(at, "btn:accept")
    assert [r["reviewer"] for r in reviews(db_path)] == ["dana@example.org"]
