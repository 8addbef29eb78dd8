"""Certainty cues: hedges and boosters in a claim or its cue, and a suggested label.

The labels follow FactBank's commitment of the source to what it says: ``certain``
(no hedge, or a booster), ``probable`` (believe, likely, apparently), ``possible``
(may, could, doubtfully), ``uncommitted`` (reportedly, allegedly, according to).
"""

from __future__ import annotations

from annotator.labels import CERTAINTY as LEVELS
from annotator.lexicon import BOOSTERS, HEDGES_POSSIBLE, HEDGES_PROBABLE, UNCOMMITTED
from annotator.parse import ParsedText


def cues_in(pt: ParsedText, start: int, end: int, cue_lemma: str | None = None
            ) -> list[str]:
    """Hedge and booster words (as written) in text[start:end], plus the cue's own."""
    found: list[str] = []
    if cue_lemma and cue_lemma.lower() in (HEDGES_POSSIBLE | HEDGES_PROBABLE | UNCOMMITTED):
        found.append(cue_lemma.lower())
    for w in pt.words:
        if w.start >= end:
            break
        if w.start < start:
            continue
        low, lemma = w.lower, w.lemma.lower()
        if low in ("not", "n't") or low in BOOSTERS or lemma in BOOSTERS \
                or low in HEDGES_POSSIBLE or lemma in HEDGES_POSSIBLE \
                or low in HEDGES_PROBABLE or lemma in HEDGES_PROBABLE \
                or low in UNCOMMITTED:
            if low not in ("not", "n't") and w.text not in found:
                found.append(w.text)
    return found


def suggest(cues: list[str], labels: tuple[str, ...] = LEVELS) -> str:
    """The suggested certainty label for the cues found.

    ``labels`` lists the project's certainty labels from most to least committed; a
    configured set with other names maps onto the same four levels by position.
    """
    low = {c.lower() for c in cues}
    if low & UNCOMMITTED:
        level = 3
    elif low & HEDGES_POSSIBLE:
        level = 2
    elif low & HEDGES_PROBABLE:
        level = 1
    else:
        level = 0
    return labels[min(level, len(labels) - 1)]
