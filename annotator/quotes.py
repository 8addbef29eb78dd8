"""Find direct quotations in raw text, before any linguistic analysis.

Works on characters only, paragraph by paragraph, so that an unbalanced or stray mark
can never swallow more than its own paragraph. Handles straight and typographic marks
(" “ ” ‘ ’ « » „ ‚ ‹ ›), nested quotes, and the news convention of a quotation running
over several paragraphs (a paragraph ends without a closing mark and the next one opens
again, or, less tidily, only closes). Deciding whether a span is a real quotation or a
scare quote ("a ‘yellow’ alert") needs the cue, so that is left to the attribution step;
``Quote.words`` helps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# opening mark -> the closing marks that may end it
PAIRS = {
    "“": "”",
    "„": "“”",
    "«": "»",
    "»": "«",  # Danish/Swedish order, rare in English but seen in wire copy
    "‹": "›",
    '"': '"',
    "‘": "’",
    "‚": "‘’",
    "'": "'",
}
DOUBLE_OPEN = "“„«\""
SINGLE_OPEN = "‘‚‹'"
ALL_MARKS = set("“”„«»‹›\"‘’‚'")
WORD = re.compile(r"\w+(?:[’'-]\w+)*")


@dataclass
class Quote:
    """A quotation: ``start``/``end`` index the text inside the marks."""

    start: int
    end: int
    open_mark: str
    closed: bool = True  # False when the paragraph ended before a closing mark
    paragraphs: int = 1  # > 1 for a quotation continued over paragraphs

    def text(self, source: str) -> str:
        return source[self.start : self.end]

    def words(self, source: str) -> int:
        return len(WORD.findall(source[self.start : self.end]))


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line-delimited paragraph."""
    spans = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip():
            spans.append((pos, pos + len(body)))
        pos += len(line)
    return spans


def _is_opening(text: str, i: int, lo: int, hi: int) -> bool:
    """A mark opens a quotation when it starts a word: space or punctuation before it."""
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    if after.isspace() and text[i] not in "«»‹›":  # French style allows « a space
        return False
    return before.isspace() or before in "([{—–-:;,/" or before in ALL_MARKS


def _is_closing(text: str, i: int, lo: int, hi: int) -> bool:
    """A mark closes when it ends a word: no letter or digit right after it."""
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    if before.isspace() and text[i] not in "«»‹›":
        return False
    return not after.isalnum()


def _find_close(text: str, i: int, hi: int, open_mark: str) -> int | None:
    """Index of the mark closing the quotation opened at ``i``, skipping nested quotes."""
    closers = PAIRS[open_mark]
    j = i + 1
    while j < hi:
        c = text[j]
        if c in closers and _is_closing(text, j, i + 1, hi):
            return j
        # a nested quotation of the other kind: skip to its end
        nested = (SINGLE_OPEN if open_mark in DOUBLE_OPEN else DOUBLE_OPEN)
        if c in nested and c not in closers and _is_opening(text, j, i + 1, hi):
            k = _find_close(text, j, hi, c)
            if k is not None:
                j = k + 1
                continue
        j += 1
    return None


def _scan(text: str, lo: int, hi: int, marks: str) -> list[tuple[int, int | None, str]]:
    """(open index, close index or None, mark) of outermost quotations in text[lo:hi]."""
    found = []
    i = lo
    while i < hi:
        c = text[i]
        if c in marks and _is_opening(text, i, lo, hi):
            j = _find_close(text, i, hi, c)
            found.append((i, j, c))
            if j is None:
                break  # unclosed: runs to the end of the paragraph, nothing after it
            i = j + 1
            continue
        i += 1
    return found


def find_quotes(text: str) -> list[Quote]:
    """All outermost quotations of ``text``, in order, as offsets into ``text``."""
    quotes: list[Quote] = []
    paras = paragraphs(text)
    carry: Quote | None = None  # an unclosed quotation that may continue
    for lo, hi in paras:
        found = _scan(text, lo, hi, DOUBLE_OPEN)
        # single marks are outer quotations only where no double marks are used
        if not found:
            found = [f for f in _scan(text, lo, hi, SINGLE_OPEN) if f[1] is not None
                     or text[f[0]] != "'"]
        if carry is not None:
            first_at_start = found and found[0][0] == lo + (len(text[lo:hi]) -
                                                            len(text[lo:hi].lstrip()))
            if first_at_start and PAIRS[found[0][2]] == PAIRS[carry.open_mark]:
                i, j, _ = found.pop(0)
                carry.end = j if j is not None else hi
                carry.closed = j is not None
                carry.paragraphs += 1
                if j is None:
                    continue  # still open: may continue again
                quotes.append(carry)
                carry = None
            else:
                k = _lone_close(text, lo, hi, carry.open_mark)
                if k is not None:  # no opening mark again, but the closing one comes
                    carry.end, carry.closed = k, True
                    carry.paragraphs += 1
                    found = [f for f in found if f[0] > k]
                quotes.append(carry)
                carry = None
        for i, j, mark in found:
            if j is None:
                carry = Quote(i + 1, _rstrip(text, i + 1, hi), mark, closed=False)
            else:
                quotes.append(Quote(i + 1, j, mark))
    if carry is not None:
        quotes.append(carry)
    out = []
    for q in quotes:  # offsets exclude spaces just inside the marks (« like this »)
        while q.start < q.end and text[q.start].isspace():
            q.start += 1
        q.end = _rstrip(text, q.start, q.end)
        if q.end > q.start:
            out.append(q)
    return out


def _lone_close(text: str, lo: int, hi: int, open_mark: str) -> int | None:
    """A closing mark for ``open_mark`` that is the first double mark of the paragraph:
    the quotation of the paragraph before runs on without a new opening mark."""
    for k in range(lo, hi):
        if text[k] in DOUBLE_OPEN or text[k] in "”»›":
            if text[k] in PAIRS[open_mark] and _is_closing(text, k, lo, hi) \
                    and not _is_opening(text, k, lo, hi):
                return k
            return None
    return None


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
