"""Moving and re-selecting span boundaries, in code-point offsets into the stored text.

Reviewers complain most about boundaries that cannot be nudged (Label Studio #3394):
here a boundary moves by one word or punctuation mark at a time, or the span is
re-selected by typing its exact text. Python string offsets are code points, the same
unit the engine and the export use, so emoji and newlines cannot shift anything.
"""

from __future__ import annotations

import re

# A word (with inner apostrophes: don't, Kazakhstan’s) or one punctuation mark.
TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")


def move(text: str, start: int, end: int, edge: str, step: int) -> tuple[int, int]:
    """Move the ``edge`` ("start" or "end") of [start, end) one token left (-1) or right (+1).

    The start lands on a token's first character and the end after a token's last, so
    whitespace never ends up inside a boundary. A move that would empty the span, or
    run past the text, leaves it unchanged.
    """
    if edge not in ("start", "end") or step not in (-1, 1):
        raise ValueError("edge must be 'start' or 'end' and step -1 or 1")
    toks = [(m.start(), m.end()) for m in TOKEN.finditer(text)]
    if edge == "start":
        if step < 0:
            before = [s for s, _ in toks if s < start]
            return (before[-1] if before else start), end
        after = [s for s, _ in toks if start < s < end]
        return (after[0] if after else start), end
    if step > 0:
        after = [e for _, e in toks if e > end]
        return start, (after[0] if after else end)
    before = [e for _, e in toks if start < e < end]
    return start, (before[-1] if before else end)


def _cuts_word(text: str, start: int, end: int) -> bool:
    """True when [start, end) starts or ends inside a word ("he" inside "the")."""
    return (start > 0 and text[start].isalnum() and text[start - 1].isalnum()) or \
        (end < len(text) and text[end - 1].isalnum() and text[end].isalnum())


def find(text: str, needle: str, near: int) -> tuple[int, int] | None:
    """The occurrence of ``needle`` nearest to ``near``, as (start, end).

    Exact text, surrounding blanks ignored; occurrences that start or end inside a word
    are skipped, so "he" never matches inside "the". None when there is no occurrence:
    the caller says so instead of guessing.
    """
    needle = needle.strip()
    if not needle:
        return None
    best = None
    at = text.find(needle)
    while at != -1:
        if not _cuts_word(text, at, at + len(needle)) and \
                (best is None or abs(at - near) < abs(best - near)):
            best = at
        at = text.find(needle, at + 1)
    return None if best is None else (best, best + len(needle))
