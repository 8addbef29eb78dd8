"""The review app: `streamlit run app.py -- --db annotations.db`, or `annotator review`.

Widgets and layout only; queue, decisions, highlighting and agreement live in
annotator.review and are tested there. The database path comes from `--db` after `--`,
else $ANNOTATOR_DB, else annotations.db. Each browser session opens its own connection
(SQLite objects must not be shared between sessions' threads), and every decision is a
new row in the reviews table, so several reviewers can work on one file at once.

Keys (when the cursor is not in a text field): A accept / save correction, X reject,
S skip, N next, P previous, Backspace undo, 1-9 certainty, Q W E T Y... stance.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import time

import pandas as pd
import sqlite_utils
import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from annotator import store
from annotator.labels import Labels, LabelsError, load_labels
from annotator.records import KINDS, SPEAKER_TYPES
from annotator.review import actions, agreement, queue, render, spans
from annotator.store import CORRECTABLE

PAGE = 50
CERTAINTY_KEYS = "123456789"
STANCE_KEYS = "QWETYUIO"  # R and C are Streamlit's own
ss = st.session_state


def db_path() -> str:
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    parser.add_argument("--db")
    args, _ = parser.parse_known_args(sys.argv[1:])
    return args.db or os.environ.get("ANNOTATOR_DB") or "annotations.db"


def connect() -> sqlite_utils.Database:
    """This session's own connection, opened once; a clear message if the file is wrong."""
    path = db_path()
    if ss.get("db_path") != path:
        try:
            ss.db = store.open_db(path, create=False)
        except store.StoreError as exc:
            st.error(f"Cannot open the annotations database: {exc}")
            st.info("Start the app with `annotator review --db PATH` or "
                    "`streamlit run app.py -- --db PATH` (or set ANNOTATOR_DB).")
            st.stop()
        ss.db_path = path
    return ss.db


def flash(kind: str, message: str) -> None:
    ss.flash = (kind, message)


def show_flash() -> None:
    kind, message = ss.pop("flash", (None, None))
    if kind == "error":
        st.error(message)
    elif kind:
        st.toast(message)


# --- who is reviewing ---------------------------------------------------------------

def login_configured() -> bool:
    """True when .streamlit/secrets.toml has an [auth] section (OIDC for st.login)."""
    try:
        return "auth" in st.secrets
    except StreamlitSecretNotFoundError:
        return False


def who(db) -> str:
    """The reviewer's name: asked once, kept for the session (and in the URL on reload).

    When Streamlit's login is configured, the logged-in identity is the name instead.
    """
    if ss.get("reviewer"):
        return ss.reviewer
    if login_configured():
        if not st.user.get("is_logged_in"):
            st.title("Review quotes and claims")
            st.button("Log in", key="btn:login", type="primary", on_click=st.login)
            st.stop()
        name = str(st.user.get("email") or st.user.get("name") or "").strip()
        actions.ensure_reviewer(db, name)
        ss.reviewer = name
        return name
    from_url = st.query_params.get("reviewer", "").strip()
    if from_url:
        actions.ensure_reviewer(db, from_url)
        ss.reviewer = from_url
        return from_url
    st.title("Review quotes and claims")
    with st.form("name_form"):
        name = st.text_input("Your name", key="name_input", placeholder="e.g. Dana",
                             help="Every decision is stored under this name.")
        adjudicates = st.checkbox("I adjudicate disagreements", key="name_adjudicator")
        if st.form_submit_button("Start reviewing", type="primary"):
            if not name.strip():
                st.error("Type your name first.")
            else:
                actions.ensure_reviewer(db, name, True if adjudicates else None)
                ss.reviewer = name.strip()
                st.query_params["reviewer"] = ss.reviewer
                st.rerun()
    st.stop()


def forget_name() -> None:
    for key in ("reviewer", "nav", "ready_for"):
        ss.pop(key, None)
    st.query_params.clear()
    if login_configured():
        st.logout()


# --- navigation -----------------------------------------------------------------------

def nav() -> dict:
    if "nav" not in ss:
        ss.nav = {"current": None, "back": [], "offset": 0, "following": None, "ids": []}
    return ss.nav


def reset_queue() -> None:
    ss.nav = {"current": None, "back": [], "offset": 0, "following": None, "ids": []}


def go(target: str | None) -> None:
    n = nav()
    if n["current"] is not None:
        n["back"].append(n["current"])
    n["current"] = target


def go_next() -> None:
    n = nav()
    if n["following"] is None and n["current"] in n["ids"] and len(n["ids"]) == PAGE:
        n["offset"] += PAGE  # past the end of this page: on to the next one
    go(n["following"])


def go_previous() -> None:
    n = nav()
    if n["back"]:
        n["current"] = n["back"].pop()
    elif n["current"] in n["ids"] and n["ids"].index(n["current"]) > 0:
        n["current"] = n["ids"][n["ids"].index(n["current"]) - 1]
    elif n["offset"] > 0:
        n["offset"] -= PAGE
        n["current"] = None


# --- the current item's editable state ---------------------------------------------------

def load_item(db, item: dict, me: str) -> None:
    """Fill the form from my standing review of the item, else from the prediction."""
    if ss.get("ready_for") == item["id"]:
        return
    mine = actions.my_latest(db, item["id"], me)
    base = {f: (mine[f] if mine and mine["decision"] == "corrected" else item[f])
            for f in CORRECTABLE}
    ss["f:base"] = base
    ss["f:span"] = (base["content_start"], base["content_end"])
    ss["f:kind"] = base["kind"] if base["kind"] in KINDS else KINDS[0]
    ss["f:speaker_name"] = base["speaker_name"]
    ss["f:speaker_role"] = base["speaker_role"] or ""
    ss["f:speaker_type"] = base["speaker_type"] if base["speaker_type"] in SPEAKER_TYPES \
        else "unknown"
    ss["f:cue"] = base["cue"] or ""
    ss["f:speaker"] = base["speaker"] or ""
    ss["f:stance"] = mine["stance"] if mine else None
    ss["f:stance_target"] = (mine["stance_target"] if mine else None) or ""
    ss["f:certainty"] = (mine["certainty"] if mine else None) or item["certainty"]
    ss["f:note"] = (mine["note"] if mine else None) or ""
    ss["f:reselect"] = ""
    ss.shown_at = time.monotonic()
    ss.ready_for = item["id"]


def locate(text: str, name: str, typed: str, near: int) -> tuple:
    """(text, start, end) for the cue or speaker mention typed in the form."""
    base = ss["f:base"]
    typed = typed.strip()
    if typed == (base[name] or ""):
        return base[name], base[f"{name}_start"], base[f"{name}_end"]
    if not typed:
        return None, None, None
    found = spans.find(text, typed, near)
    if found is None:
        raise actions.ReviewError(f"The {name} “{typed}” is not in the article as typed.")
    return typed, *found


def edited_fields(text: str) -> dict:
    start, end = ss["f:span"]
    cue, cue_start, cue_end = locate(text, "cue", ss["f:cue"], start)
    speaker, sp_start, sp_end = locate(text, "speaker", ss["f:speaker"], start)
    return {"kind": ss["f:kind"], "content": text[start:end], "content_start": start,
            "content_end": end, "cue": cue, "cue_start": cue_start, "cue_end": cue_end,
            "speaker": speaker, "speaker_start": sp_start, "speaker_end": sp_end,
            "speaker_name": (ss["f:speaker_name"] or "").strip() or None,
            "speaker_role": ss["f:speaker_role"].strip() or None,
            "speaker_type": ss["f:speaker_type"]}


def review_labels() -> dict:
    return {"stance": ss["f:stance"], "stance_target": ss["f:stance_target"],
            "certainty": ss["f:certainty"], "note": ss["f:note"],
            "seconds": round(time.monotonic() - ss.get("shown_at", time.monotonic()), 1)}


# --- callbacks (run before the script, so they may change any widget's state) -----------

def decide(decision: str, aid: str, text: str) -> None:
    db, me, labels = ss.db, ss.reviewer, review_labels()
    try:
        if decision == "save":
            review_id = actions.save(db, aid, me, edited_fields(text), **labels)
            done = next(db.query("SELECT decision FROM reviews WHERE id = ?",
                                 [review_id]))["decision"]
        elif decision == "reject":
            actions.reject(db, aid, me, **labels)
            done = "rejected"
        else:
            actions.skip(db, aid, me, **labels)
            done = "skipped"
    except (actions.ReviewError, sqlite3.Error) as exc:
        flash("error", str(exc))
        return
    ss.last_seconds = labels["seconds"]
    flash("ok", f"{done.capitalize()}.")
    go(nav()["following"])


def undo() -> None:
    undone = actions.undo(ss.db, ss.reviewer)
    if undone is None:
        flash("error", "Nothing to undo.")
        return
    go(undone["attribution_id"])
    ss.ready_for = None
    flash("ok", f"Undid “{undone['decision']}”.")


def toggle(key: str, label: str) -> None:
    ss[key] = None if ss.get(key) == label else label


def nudge(text: str, edge: str, step: int) -> None:
    ss["f:span"] = spans.move(text, *ss["f:span"], edge, step)


def reselect(text: str) -> None:
    found = spans.find(text, ss["f:reselect"], ss["f:span"][0])
    if found is None:
        flash("error", "That text is not in the article exactly as typed.")
    else:
        ss["f:span"] = found


def add_missed(doc_id: str, text: str) -> None:
    db, me = ss.db, ss.reviewer
    try:
        near = ss["f:span"][0] if "f:span" in ss else 0
        found = spans.find(text, ss["add:content"], near)
        if found is None:
            raise actions.ReviewError("Paste the content exactly as it is in the article.")
        fields = {"kind": ss["add:kind"], "content": text[found[0]:found[1]],
                  "content_start": found[0], "content_end": found[1],
                  "speaker_name": ss["add:speaker_name"].strip() or None,
                  "speaker_role": ss["add:speaker_role"].strip() or None,
                  "speaker_type": ss["add:speaker_type"]}
        for name in ("cue", "speaker"):
            typed = ss[f"add:{name}"].strip()
            where = spans.find(text, typed, found[0]) if typed else None
            if typed and where is None:
                raise actions.ReviewError(f"The {name} “{typed}” is not in the article.")
            fields.update({name: typed or None, f"{name}_start": where and where[0],
                           f"{name}_end": where and where[1]})
        aid = actions.add_missed(db, doc_id, me, fields, stance=ss["add:stance"],
                                 certainty=ss["add:certainty"])
    except (actions.ReviewError, sqlite3.Error) as exc:
        flash("error", str(exc))  # the form keeps what was typed, to fix it
        return
    for key in ("add:content", "add:speaker", "add:cue", "add:speaker_name",
                "add:speaker_role"):
        ss[key] = ""
    flash("ok", f"Added {aid}.")


# --- the review view --------------------------------------------------------------------

ANY = "(any)"  # a filter option of its own: a selectbox reads None as "nothing chosen"


def filters_sidebar(db, me: str) -> tuple[queue.Filters, str]:
    def pick(label: str, options: list[str], key: str, **kwargs) -> str | None:
        value = st.selectbox(label, [ANY, *options], key=key, on_change=reset_queue,
                             **kwargs)
        return None if value == ANY else value

    with st.sidebar:
        st.subheader("Queue")
        status = st.selectbox("Status", queue.STATUSES, key="q:status",
                              on_change=reset_queue,
                              help="“to do”: not yet decided by you. The others are the "
                                   "final status, as the export will write it.")
        order = st.radio("Order", list(queue.ORDERS), key="q:order", on_change=reset_queue,
                         format_func={"position": "document and position",
                                      "confidence": "lowest confidence first"}.get)
        search = st.text_input("Search", key="q:search", on_change=reset_queue,
                               placeholder="words in the content or speaker name")
        kind = pick("Kind", list(KINDS), "q:kind")
        doc = pick("Document", queue.document_ids(db), "q:doc")
        speaker = st.text_input("Speaker", key="q:speaker", on_change=reset_queue,
                                placeholder="part of a name")
        reviewer = pick("Reviewed by", queue.reviewer_names(db), "q:reviewer")
    return queue.Filters(status=status, kind=kind, doc_id=doc, speaker=speaker or None,
                         reviewer=reviewer, search=search or None), order


def speaker_choices(db, doc_id: str) -> list[str]:
    return [r["name"] for r in db.query("""
        SELECT name FROM speakers WHERE doc_id = :d AND name IS NOT NULL
        UNION SELECT speaker_name FROM attributions WHERE doc_id = :d AND speaker_name IS NOT NULL
        UNION SELECT speaker_name FROM reviews WHERE doc_id = :d AND speaker_name IS NOT NULL
        ORDER BY 1""", {"d": doc_id})]


def label_buttons(title: str, key: str, labels: tuple[str, ...], keys: str) -> None:
    row = st.container(horizontal=True, vertical_alignment="center")
    row.markdown(f"**{title}**")
    for i, label in enumerate(labels):
        row.button(label, key=f"{key}:{label}", shortcut=keys[i] if i < len(keys) else None,
                   type="primary" if ss.get(f"f:{key}") == label else "secondary",
                   on_click=toggle, args=(f"f:{key}", label))


def review_view(db, me: str, labels: Labels) -> None:
    filters, order = filters_sidebar(db, me)
    n = nav()
    rows = queue.page(db, me, filters, order, PAGE, n["offset"])
    total = queue.count(db, me, filters)
    n["ids"] = [r["id"] for r in rows]
    if n["current"] is None and n["ids"]:
        n["current"] = n["ids"][0]
    with st.sidebar:
        st.caption(f"{total} in this queue · {queue.count(db, me, queue.Filters())} "
                   f"left for you" + (f" · last item {ss.last_seconds:.0f} s"
                                      if ss.get("last_seconds") is not None else ""))
    if n["current"] is None:
        st.success("Nothing left in this queue. Change the filters to see more.")
        st.button("Undo last decision", key="btn:undo", shortcut="Backspace", on_click=undo)
        return
    try:
        item = actions.get_attribution(db, n["current"])
    except actions.ReviewError:
        reset_queue()
        st.rerun()
    idx = n["ids"].index(item["id"]) if item["id"] in n["ids"] else None
    n["following"] = n["ids"][idx + 1] if idx is not None and idx + 1 < len(n["ids"]) \
        else None
    text = actions.document_text(db, item["doc_id"])
    load_item(db, item, me)
    start, end = ss["f:span"]

    where = f"{n['offset'] + idx + 1} of {total}" if idx is not None else "outside this queue"
    conf = "" if item["confidence"] is None else f" · confidence {item['confidence']:.2f}"
    st.caption(f"Item {where} · document **{item['doc_id']}** · {item['origin']}{conf} · "
               f"status **{queue.status_of(db, item['id'])}**")

    try:
        fields, problem = edited_fields(text), None
    except actions.ReviewError as exc:
        fields, problem = None, str(exc)
    shown = fields or {**ss["f:base"], "content_start": start, "content_end": end}
    window = render.paragraph_bounds(
        text, min(s for s, _, _ in render.attribution_spans(shown)),
        max(e for _, e, _ in render.attribution_spans(shown)))
    st.html(render.legend())
    st.html(render.highlight(text, render.attribution_spans(shown), window))
    with st.expander("Whole article"):
        st.html(render.highlight(text, render.attribution_spans(shown)))
    if problem:
        st.warning(problem)

    edited = fields is not None and actions.decision_for(item, fields) == "corrected"
    row = st.container(horizontal=True)
    row.button("Save correction" if edited else "Accept", key="btn:accept", shortcut="A",
               type="primary", on_click=decide, args=("save", item["id"], text),
               disabled=problem is not None)
    row.button("Reject", key="btn:reject", shortcut="X", on_click=decide,
               args=("reject", item["id"], text), help="Not a quote or claim at all.")
    row.button("Skip", key="btn:skip", shortcut="S", on_click=decide,
               args=("skip", item["id"], text))
    row.button("Previous", key="btn:prev", shortcut="P", on_click=go_previous)
    row.button("Next", key="btn:next", shortcut="N", on_click=go_next)
    row.button("Undo", key="btn:undo", shortcut="Backspace", on_click=undo,
               help="Take back your last decision.")

    label_buttons("Stance", "stance", labels.stance, STANCE_KEYS)
    st.text_input("Stance target (optional)", key="f:stance_target",
                  placeholder="what the speaker supports or opposes")
    label_buttons("Certainty", "certainty", labels.certainty, CERTAINTY_KEYS)
    cues = store.decode(item)["certainty_cues"]
    st.caption(f"Suggested: **{item['certainty'] or 'none'}**"
               + (f" · cues: {', '.join(cues)}" if cues else " · no certainty cues"))

    c1, c2, c3, c4 = st.columns([1, 2, 2, 1])
    c1.selectbox("Kind", KINDS, key="f:kind")
    names = speaker_choices(db, item["doc_id"])
    if ss["f:speaker_name"] and ss["f:speaker_name"] not in names:
        names.append(ss["f:speaker_name"])
    c2.selectbox("Speaker name", names, key="f:speaker_name", accept_new_options=True,
                 placeholder="pick or type a new name")
    c3.text_input("Role", key="f:speaker_role", placeholder="e.g. Interior Minister")
    c4.selectbox("Speaker type", SPEAKER_TYPES, key="f:speaker_type")
    c1, c2, c3 = st.columns([1, 2, 3])
    c1.text_input("Cue", key="f:cue")
    c2.text_input("Speaker mention", key="f:speaker", help="As written in the text.")
    c3.text_input("Note", key="f:note")

    st.markdown("**Content boundaries**")
    row = st.container(horizontal=True, vertical_alignment="bottom")
    for label, edge, step in (("⟵ start", "start", -1), ("start ⟶", "start", 1),
                              ("⟵ end", "end", -1), ("end ⟶", "end", 1)):
        row.button(label, key=f"move:{edge}:{step}", on_click=nudge, args=(text, edge, step),
                   help=f"Move the {edge} of the content one word "
                        f"{'left' if step < 0 else 'right'}.")
    row.text_input("Or type the exact content", key="f:reselect",
                   placeholder="paste the exact text")
    row.button("Use this text", key="btn:reselect", on_click=reselect, args=(text,))

    with st.expander("Add an attribution the engine missed"):
        add_form(item["doc_id"], text, labels)


def add_form(doc_id: str, text: str, labels: Labels) -> None:
    with st.form("add_form"):
        st.caption(f"In document **{doc_id}**: copy the content from the text above and "
                   "paste it here exactly.")
        st.text_area("Content", key="add:content", height=80)
        c1, c2, c3 = st.columns(3)
        c1.selectbox("Kind", KINDS, key="add:kind")
        c2.text_input("Speaker mention (as written)", key="add:speaker")
        c3.text_input("Cue", key="add:cue", placeholder="said, told, according to")
        c1, c2, c3 = st.columns(3)
        c1.text_input("Speaker name", key="add:speaker_name")
        c2.text_input("Role", key="add:speaker_role")
        c3.selectbox("Speaker type", SPEAKER_TYPES, key="add:speaker_type")
        c1, c2 = st.columns(2)
        c1.selectbox("Stance", [None, *labels.stance], key="add:stance",
                     format_func=lambda v: "—" if v is None else v)
        c2.selectbox("Certainty", [None, *labels.certainty], key="add:certainty",
                     format_func=lambda v: "—" if v is None else v)
        st.form_submit_button("Add", on_click=add_missed, args=(doc_id, text))


# --- progress and agreement ---------------------------------------------------------------

def progress_view(db) -> None:
    p = queue.progress(db)
    c1, c2, c3 = st.columns(3)
    c1.metric("Attributions", p["total"])
    c2.metric("Reviewed by someone", p["done"])
    c3.metric("Not reviewed yet", p["remaining"])
    st.subheader("Per reviewer")
    st.dataframe(pd.DataFrame(p["reviewers"], columns=[
        "reviewer", "adjudicator", "done", "remaining", "median_seconds",
        "last_decision_at"]), hide_index=True, key="progress_table", column_config={
            "median_seconds": st.column_config.NumberColumn("seconds per item (median)"),
            "last_decision_at": "last decision"})


SCORE_COLUMNS = {"alpha": "Krippendorff's alpha", "mean_kappa": "Cohen's kappa (mean of pairs)",
                 "kappa": "Cohen's kappa", "items": "items (2+ reviewers)",
                 "used": "times used"}


def _rounded(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows)
    for col in ("alpha", "mean_kappa", "kappa"):
        if col in frame:
            frame[col] = frame[col].map(lambda v: None if v is None else round(v, 3))
    return frame


def agreement_view(db, me: str, labels: Labels) -> None:
    rows = agreement.answers(db)
    if not rows:
        st.info("No attribution has been reviewed by two or more people yet.")
        return
    st.subheader("Overall")
    st.caption("Krippendorff's alpha over all reviewers; Cohen's kappa per pair of "
               "reviewers (mean shown here). 1 is perfect agreement, 0 is chance.")
    st.dataframe(_rounded(agreement.summary(rows)), hide_index=True, key="agree_summary",
                 column_config=SCORE_COLUMNS)
    st.subheader("Pairs")
    st.dataframe(_rounded([{"dimension": d, **p} for d in agreement.DIMENSIONS
                           for p in agreement.pair_kappas(agreement.ratings(rows, d))]),
                 hide_index=True, key="agree_pairs",
                 column_config=SCORE_COLUMNS)
    st.subheader("Per label")
    st.dataframe(_rounded(agreement.per_label(rows, "decision", ("accept", "reject"))
                          + agreement.per_label(rows, "stance", labels.stance)
                          + agreement.per_label(rows, "certainty", labels.certainty)),
                 hide_index=True, key="agree_labels",
                 column_config=SCORE_COLUMNS)
    st.subheader("Per document")
    st.dataframe(_rounded(agreement.per_document(rows)), hide_index=True, key="agree_docs",
                 column_config=SCORE_COLUMNS)

    found = agreement.disagreements(db, rows)
    st.subheader(f"Disagreements ({len(found)})")

    def describe(a: dict) -> str:
        return (f"{a['reviewer']}: {a['decision']} · stance {a['stance'] or '—'} · "
                f"certainty {a['certainty'] or '—'}")

    st.dataframe(pd.DataFrame([{
        "doc_id": d["doc_id"], "content": d["content"][:80], "on": ", ".join(d["on"]),
        "answers": " | ".join(describe(a) for a in d["answers"]),
        "final": d["adjudicated"] and f"{d['adjudicated']} (by {d['adjudicated_by']})",
    } for d in found], columns=["doc_id", "content", "on", "answers", "final"]),
        hide_index=True, key="agree_disagreements")
    if not found or not actions.is_adjudicator(db, me):
        return
    st.subheader("Adjudicate")
    by_id = {d["attribution_id"]: d for d in found}
    aid = st.selectbox("Disagreement", list(by_id), key="adj:item",
                       format_func=lambda a: f"{by_id[a]['doc_id']}: "
                                             f"{by_id[a]['content'][:70]}")
    answers = {a["review_id"]: a for a in by_id[aid]["answers"]}
    chosen = st.radio("Final answer", list(answers), key="adj:answer",
                      format_func=lambda r: describe(answers[r]))
    if st.button("Make this the final decision", key="btn:adjudicate", type="primary"):
        actions.adjudicate(db, me, chosen)
        flash("ok", "Final decision saved.")
        st.rerun()


# --- the page ---------------------------------------------------------------------------

def keep_widget_state() -> None:
    """Keep filters and the open item's fields while another view hides their widgets
    (Streamlit drops the state of widgets that a run does not draw)."""
    for key in [k for k in ss if k.startswith(("q:", "f:"))]:
        ss[key] = ss[key]


def main() -> None:
    st.set_page_config(page_title="Review · annotator", layout="wide")
    keep_widget_state()
    try:
        labels = load_labels()
    except LabelsError as exc:
        st.error(str(exc))
        st.stop()
    db = connect()
    try:
        me = who(db)
        show_flash()
        with st.sidebar:
            st.markdown(f"Reviewing as **{me}**"
                        + (" (adjudicator)" if actions.is_adjudicator(db, me) else ""))
            st.button("Not you?", key="btn:forget", on_click=forget_name, type="tertiary")
            view = st.radio("View", ["Review", "Progress", "Agreement"], key="view")
        if view == "Review":
            review_view(db, me, labels)
        elif view == "Progress":
            progress_view(db)
        else:
            agreement_view(db, me, labels)
    except sqlite3.Error as exc:
        st.error(f"The database {ss.db_path} could not be read or written: {exc}. "
                 "If another program is writing to it, try again in a moment.")


main()
