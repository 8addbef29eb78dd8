"""The plain data model passed between the pipeline steps, the store and the exports.

Offsets are Python string (code point) offsets into the original, unmodified text.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

KINDS = ("direct", "indirect", "mixed")
SPEAKER_TYPES = ("person", "organization", "group", "unknown")


@dataclass
class Attribution:
    """One quote or reported claim and who it is attributed to."""

    kind: str  # "direct" | "indirect" | "mixed"
    content: str
    content_start: int
    content_end: int
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker: str | None = None  # the mention as written ("he", "The minister")
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_name: str | None = None  # the resolved canonical name of the speaker
    speaker_role: str | None = None
    speaker_type: str = "unknown"
    certainty_cues: list[str] = field(default_factory=list)
    certainty: str | None = None  # suggested certainty label
    confidence: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Attribution:
        names = {f for f in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass
class Speaker:
    """A canonical speaker of one document: every mention that refers to them."""

    name: str
    role: str | None = None
    type: str = "unknown"
    mentions: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Document:
    """An input article. ``id`` is unique within a database."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None


@dataclass
class Analysis:
    """What the engine found in one document."""

    attributions: list[Attribution]
    speakers: list[Speaker]
