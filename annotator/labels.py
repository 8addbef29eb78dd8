"""The certainty and stance label sets, with an optional JSON file to change them.

Projects disagree on label sets (FactBank's certainty scale, Emergent's for/against/
observing), so the lists live in one place: the engine suggests certainty labels from
here and the review app offers both lists. A config file is a JSON object with either or
both keys, e.g. ``{"stance": ["for", "against", "observing"]}``; it is named by the
``path`` argument or the ``ANNOTATOR_LABELS`` environment variable.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

CERTAINTY = ("certain", "probable", "possible", "uncommitted")
STANCE = ("supports", "opposes", "neutral", "unclear")
ENV_VAR = "ANNOTATOR_LABELS"


class LabelsError(ValueError):
    """The label config file cannot be used; the message says which file and why."""


@dataclass(frozen=True)
class Labels:
    certainty: tuple[str, ...] = CERTAINTY
    stance: tuple[str, ...] = STANCE


def _label_list(value: object, key: str, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise LabelsError(f"{where}: {key!r} must be a non-empty list of strings.")
    if not all(isinstance(v, str) and v.strip() for v in value):
        raise LabelsError(f"{where}: every {key!r} label must be a non-empty string.")
    labels = tuple(v.strip() for v in value)
    if len(set(labels)) != len(labels):
        raise LabelsError(f"{where}: {key!r} lists a label twice.")
    return labels


def load_labels(path: str | Path | None = None) -> Labels:
    """The label sets: the defaults, overridden by ``path`` or $ANNOTATOR_LABELS if set.

    Raises LabelsError for a missing, unreadable or malformed file, so a typo in the
    config stops the program at start instead of mislabelling a day's work.
    """
    path = path or os.environ.get(ENV_VAR) or None
    if path is None:
        return Labels()
    where = f"label config {path}"
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise LabelsError(f"{where}: no such file.") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise LabelsError(f"{where}: cannot be read ({exc}).") from exc
    except json.JSONDecodeError as exc:
        raise LabelsError(f"{where}: not valid JSON ({exc}).") from exc
    if not isinstance(data, dict):
        raise LabelsError(f"{where}: must be a JSON object with 'certainty' and/or 'stance'.")
    unknown = set(data) - {"certainty", "stance"}
    if unknown:
        raise LabelsError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}; "
                          "only 'certainty' and 'stance' can be set.")
    return Labels(
        certainty=_label_list(data["certainty"], "certainty", where)
        if "certainty" in data else CERTAINTY,
        stance=_label_list(data["stance"], "stance", where) if "stance" in data else STANCE,
    )
