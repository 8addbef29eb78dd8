"""The attribution engine: text in, attributions and canonical speakers out.

Each step is a function of the document, in the spirit of spaCy's pipeline components:

    parse (Stanza)  ->  entities (names the NER missed)  ->  quotes (raw text)
        ->  attribution (cues, contents)
        ->  speakers (mentions, roles, one name per speaker)  ->  certainty, confidence

``analyse(text)`` runs them on one text; ``analyse_many(texts)`` streams many texts
through one loaded pipeline, batching them for Stanza.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import islice
from pathlib import Path

from annotator import __version__, certainty, entities, nlp
from annotator.attribution import Candidate, find_candidates
from annotator.labels import ENV_VAR, load_labels
from annotator.parse import ParsedText, parse_texts
from annotator.quotes import find_quotes
from annotator.records import Analysis, Attribution
from annotator.speakers import resolve

BATCH_DOCS = 16


def analyse(text: str, model_dir=None) -> Analysis:
    """Every quote and reported claim of ``text``, with speakers named across it."""
    return next(analyse_many([text], model_dir=model_dir))


def annotate(text: str, model_dir=None) -> list[Attribution]:
    return analyse(text, model_dir=model_dir).attributions


def analyse_many(texts: Iterable[str], model_dir=None, batch_size: int = BATCH_DOCS
                 ) -> Iterator[Analysis]:
    """Analyses of ``texts`` in order; Stanza sees them in batches of ``batch_size``."""
    it = iter(texts)
    while batch := list(islice(it, batch_size)):
        if not all(isinstance(t, str) for t in batch):
            raise TypeError("analyse_many expects str texts")
        parsed = parse_texts(batch, model_dir=model_dir)
        for pt in parsed:
            yield attributions_of(pt)


def annotate_many(texts: Iterable[str], model_dir=None) -> Iterator[list[Attribution]]:
    for analysis in analyse_many(texts, model_dir=model_dir):
        yield analysis.attributions


def attributions_of(pt: ParsedText) -> Analysis:
    """The steps after parsing, on one parsed text."""
    if not pt.words:
        return Analysis([], [])
    entities.complete(pt)
    quotes = find_quotes(pt.text)
    cands = find_candidates(pt, quotes)
    speaker_fields, speakers = resolve(pt, cands)
    labels = certainty_labels(os.environ.get(ENV_VAR))
    out = []
    for cand, sf in zip(cands, speaker_fields, strict=True):
        cues = certainty.cues_in(pt, cand.content.start, cand.content.end,
                                 cand.cue_word.lemma if cand.cue_word else None)
        if cand.cue is not None:
            cue_text = pt.text[cand.cue.start : cand.cue.end]
        else:
            cue_text = None
        out.append(Attribution(
            kind=cand.kind,
            content=pt.text[cand.content.start : cand.content.end],
            content_start=cand.content.start, content_end=cand.content.end,
            cue=cue_text,
            cue_start=cand.cue.start if cand.cue else None,
            cue_end=cand.cue.end if cand.cue else None,
            speaker=sf["speaker"], speaker_start=sf["speaker_start"],
            speaker_end=sf["speaker_end"], speaker_name=sf["speaker_name"],
            speaker_role=sf["speaker_role"], speaker_type=sf["speaker_type"],
            certainty_cues=cues, certainty=certainty.suggest(cues, labels),
            confidence=confidence(cand, sf),
        ))
    return Analysis(out, speakers)


@lru_cache(maxsize=4)
def certainty_labels(config: str | None) -> tuple[str, ...]:
    """The configured certainty labels (read once per config file)."""
    return load_labels(config).certainty


def confidence(cand: Candidate, sf: dict) -> float:
    """How sure the engine is, from the construction and how the speaker was found.
    Orders the review queue: low scores are checked first."""
    score = 0.55
    if cand.kind == "direct":
        score += 0.15
    if cand.cue is not None:
        score += 0.15
    if "surface" in cand.construction or "nearest" in cand.construction:
        score -= 0.1
    if sf["speaker_name"] is None:
        score -= 0.3
    elif sf.get("mention_kind") == "name":
        score += 0.1
    elif sf.get("resolved"):
        score += 0.05
    if cand.inherited:
        score -= 0.15
    if sf["speaker_type"] == "unknown":
        score -= 0.1
    return round(max(0.05, min(0.99, score)), 2)


@lru_cache(maxsize=4)
def _models_digest(directory: str) -> str:
    if directory == nlp.OFFICIAL:
        return "official"
    h = hashlib.sha256()
    for f in sorted(Path(directory).glob("*.pt")):
        st = f.stat()
        h.update(f"{f.name}:{st.st_size}".encode())
        with f.open("rb") as fh:  # the head of each file is enough to tell models apart
            h.update(fh.read(1 << 16))
    return h.hexdigest()[:12]


def model_version(model_dir=None) -> str:
    """Identifies the engine and the models; stored with every prediction."""
    d = nlp.model_dir(model_dir)
    name = "official" if d == nlp.OFFICIAL else Path(d).name
    return f"annotator-{__version__}+{name}-{_models_digest(str(d))}"
