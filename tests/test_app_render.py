"""Highlighting (escaped HTML, code-point offsets) and boundary moves, on awkward text."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from app_helpers import HOSTILE_TEXT, SAMPLE

from annotator.review import render, spans


class Marks(HTMLParser):
    """Collects the tags and, per <mark>, its classes and (unescaped) text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.marks, self.text, self._open = [], [], [], None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "mark":
            self._open = [dict(attrs)["class"], ""]

    def handle_endtag(self, tag):
        if tag == "mark":
            self.marks.append(tuple(self._open))
            self._open = None

    def handle_data(self, data):
        self.text.append(data)
        if self._open is not None:
            self._open[1] += data


def parse(html: str) -> Marks:
    m = Marks()
    m.feed(html)
    return m


def test_article_html_and_script_are_shown_as_text():
    start = HOSTILE_TEXT.index("<img")
    html = render.highlight(HOSTILE_TEXT, [(start, start + 40, "content")])
    parsed = parse(html)
    assert set(parsed.tags) == {"div", "mark"}  # no script, img or b element
    assert "".join(parsed.text) == HOSTILE_TEXT  # every character shown, as text
    assert "&lt;script&gt;" in html and "<script" not in html
    assert 'onerror=&quot;window' in html


def test_spans_land_on_code_point_offsets_with_emoji_and_newlines():
    text = "🙂🙂 Intro.\n“Big 👍 news,” she said. Then 🎉 more."
    content, cue, speaker = "Big 👍 news,", "said", "she"
    spans_ = [(text.index(content), text.index(content) + len(content), "content"),
              (text.index(cue), text.index(cue) + len(cue), "cue"),
              (text.index(" she") + 1, text.index(" she") + 4, "speaker")]
    marks = parse(render.highlight(text, spans_)).marks
    assert marks == [("hl hl-content", content), ("hl hl-speaker", speaker),
                     ("hl hl-cue", cue)]


def test_overlapping_spans_are_cut_into_segments_with_every_role():
    text = "He said the minister said no."
    marks = parse(render.highlight(text, [(0, 25, "content"), (8, 20, "speaker")])).marks
    assert marks == [("hl hl-content", "He said "), ("hl hl-content hl-speaker", "the minister"),
                     ("hl hl-content", " said")]


def test_window_and_bad_spans():
    text = SAMPLE.read_text(encoding="utf-8")
    start = text.index("“We have now 12")
    window = render.paragraph_bounds(text, start, start + 20)
    assert text[window[0]:window[1]].startswith("“We have now 12")
    assert text[window[0]:window[1]].endswith("Kalmukanbet Kasymov said.")
    html = render.highlight(text, [(start, start + 5, "content"), (0, 3, "cue"),
                                   (9, 9, "speaker"), (None, None, "cue"),
                                   (start, start + 2, "bogus")], window)
    assert parse(html).marks == [("hl hl-content", "“We h")]
    assert render.paragraph_bounds("one\ntwo\nthree", 4, 13) == (4, 13)


def test_attribution_spans_skip_missing_cue_and_speaker():
    values = {"content_start": 3, "content_end": 9, "cue_start": None, "speaker_start": 0,
              "speaker_end": 2}
    assert render.attribution_spans(values) == [(3, 9, "content"), (0, 2, "speaker")]


TEXT = "Officials said: “The city, he claimed, is safe.” Don’t panic."


def span_of(s):
    return TEXT.index(s), TEXT.index(s) + len(s)


@pytest.mark.parametrize("edge, step, expected", [
    ("start", -1, "“The city, he claimed, is safe"),
    ("start", 1, "city, he claimed, is safe"),
    ("end", 1, "The city, he claimed, is safe."),
    ("end", -1, "The city, he claimed, is"),
])
def test_a_boundary_moves_one_word_or_mark(edge, step, expected):
    start, end = spans.move(TEXT, *span_of("The city, he claimed, is safe"), edge, step)
    assert TEXT[start:end] == expected


def test_moves_skip_whitespace_and_keep_words_whole():
    start, end = span_of("Don’t")
    assert spans.move(TEXT, start, end, "start", -1) == (TEXT.index("”"), end)
    assert spans.move(TEXT, start, end, "end", 1)[1] == TEXT.index(" panic") + 6
    one = span_of("safe")
    assert spans.move(TEXT, *one, "start", 1) == one  # never empties the span
    assert spans.move(TEXT, *one, "end", -1) == one
    assert spans.move(TEXT, 0, 9, "start", -1) == (0, 9)  # nothing before the text
    last = (len(TEXT) - 1, len(TEXT))
    assert spans.move(TEXT, *last, "end", 1) == last
    with pytest.raises(ValueError):
        spans.move(TEXT, 0, 9, "middle", 1)


def test_find_picks_the_nearest_whole_occurrence():
    text = "He said it. Then the other said it again, and he left."
    assert spans.find(text, "said it", near=30) == (text.index("said it again"),
                                                    text.index("said it again") + 7)
    assert spans.find(text, "said it", near=0) == (3, 10)
    he = spans.find(text, " he ", near=20)
    assert text[he[0]:he[1]] == "he" and he[0] == text.index("and he") + 4  # not in "the"
    assert spans.find(text, "she", near=0) is None
    assert spans.find(text, "   ", near=0) is None


def test_moves_and_finds_agree_with_python_offsets_on_emoji():
    text = "🙂 “Big 👍 news,” she said."
    start, end = spans.find(text, "Big 👍 news", near=0)
    assert text[start:end] == "Big 👍 news"
    start, end = spans.move(text, start, end, "end", -1)
    assert text[start:end] == "Big 👍"  # the emoji is a token of its own
