"""Direct quotation finding on raw text (no models needed)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.quotes import find_quotes


def texts(s: str) -> list[str]:
    return [q.text(s) for q in find_quotes(s)]


def test_straight_and_curly_marks():
    assert texts('He said "it works fine".') == ["it works fine"]
    assert texts("She said “we are ready now”.") == ["we are ready now"]
    assert texts("Il a dit « nous sommes prêts ».") == ["nous sommes prêts"]
    assert texts("Er sagte „wir sind bereit“.") == ["wir sind bereit"]


def test_quotation_spanning_sentences_with_nested_quote():
    s = "“We have to say, ‘Could this be the big spark?’ This is one region,” he said."
    assert texts(s) == ["We have to say, ‘Could this be the big spark?’ This is one region,"]


def test_split_quote_gives_two_pieces():
    s = "“The first part,” he said, “and the second part.”"
    assert texts(s) == ["The first part,", "and the second part."]


def test_quote_continued_over_paragraphs():
    s = "“This is the first paragraph of it.\n“And this one closes it,” she said.\nNext."
    quotes = find_quotes(s)
    assert len(quotes) == 1 and quotes[0].paragraphs == 2
    assert quotes[0].text(s).endswith("closes it,")


def test_quote_continued_without_a_new_opening_mark():
    # the next paragraph only closes it: the same quotation, not a stray mark
    s = 'The coach said, "We learned a lot.\nIt was an emotional day." Then he left.\nNext.'
    quotes = find_quotes(s)
    assert len(quotes) == 1 and quotes[0].closed and quotes[0].paragraphs == 2
    assert quotes[0].text(s) == "We learned a lot.\nIt was an emotional day."


def test_unbalanced_mark_stays_in_its_paragraph():
    s = "A stray “mark opens here and never closes\nThe next paragraph says “hello there,” ok."
    quotes = find_quotes(s)
    assert not quotes[0].closed
    assert "\n" not in quotes[0].text(s)
    assert quotes[1].text(s) == "hello there,"


def test_apostrophes_are_not_quotes():
    s = "Kazakhstan’s partner didn’t say the workers’ union was 'wrong' about it."
    found = texts(s)
    assert "s partner didn" not in " ".join(found)
    assert found == ["wrong"]


def test_colon_introduced_quote():
    assert texts('The minister said: "We will act."') == ["We will act."]


MARKS = st.sampled_from(list("\"“”‘’'«»„ \n\n.,:;") + ["said", "he", "😀", "Ж", "中文", "’s"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(MARKS, st.text(max_size=5)), max_size=60).map("".join))
def test_never_raises_and_offsets_slice(s):
    for q in find_quotes(s):
        assert 0 <= q.start < q.end <= len(s)
        assert q.text(s) == s[q.start : q.end]
