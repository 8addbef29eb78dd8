"""Escaped HTML of article text with the content, cue and speaker highlighted.

Article text is untrusted: every piece goes through html.escape, so an article holding
<script> or markup is shown as text and runs nothing. Offsets are code points into the
stored text, the same unit everywhere else, so highlights land where the store says.
"""

from __future__ import annotations

import html

ROLES = ("content", "cue", "speaker")
COLOURS = {"content": "#fff1a8", "cue": "#c9f0c2", "speaker": "#cfe2ff"}
LABELS = {"content": "content", "cue": "cue", "speaker": "speaker mention"}
BOX = ("white-space: pre-wrap; line-height: 1.7; font-size: 1.05rem; padding: 0.8rem 1rem; "
       "border: 1px solid #e3e3e3; border-radius: 0.5rem; background: #fff; color: #222")


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph(s) around [start, end): from the line break before to the one after."""
    after = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, (len(text) if after == -1 else after)


def _style(roles: set[str]) -> str:
    top = next(r for r in ("speaker", "cue", "content") if r in roles)
    style = f"background: {COLOURS[top]}; border-radius: 0.2rem; padding: 0.05rem 0"
    if top != "content" and "content" in roles:
        style += f"; box-shadow: inset 0 -3px 0 {COLOURS['content']}"
    if top != "content":
        style += "; font-weight: 600"
    return style


def highlight(text: str, spans: list[tuple[int, int, str]],
              window: tuple[int, int] | None = None) -> str:
    """HTML for text[window] with each (start, end, role) span marked; all text escaped.

    Overlapping spans are cut into segments, each marked with every role it belongs to
    (class ``hl-<role>``); spans outside the window, empty or reversed, are ignored.
    """
    lo, hi = window if window is not None else (0, len(text))
    spans = [(max(s, lo), min(e, hi), r) for s, e, r in spans
             if s is not None and e is not None and r in ROLES and max(s, lo) < min(e, hi)]
    cuts = sorted({lo, hi, *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    parts = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = html.escape(text[a:b], quote=True)
        roles = {r for s, e, r in spans if s <= a and b <= e}
        if not roles:
            parts.append(piece)
            continue
        classes = " ".join(f"hl-{r}" for r in ROLES if r in roles)
        parts.append(f'<mark class="hl {classes}" style="{_style(roles)}">{piece}</mark>')
    return f'<div class="article" style="{BOX}">{"".join(parts)}</div>'


def attribution_spans(values: dict) -> list[tuple[int, int, str]]:
    """The (start, end, role) spans of an attribution's content, cue and speaker."""
    return [(values.get(f"{r}_start"), values.get(f"{r}_end"), r) for r in ROLES
            if values.get(f"{r}_start") is not None]


def legend() -> str:
    """A one-line key to the colours."""
    keys = "".join(
        f'<mark style="background: {COLOURS[r]}; padding: 0.05rem 0.4rem; '
        f'margin-right: 0.6rem; border-radius: 0.2rem">{LABELS[r]}</mark>' for r in ROLES)
    return f'<div style="font-size: 0.85rem; color: #555">{keys}</div>'
