"""The attribution engine: text in, attributions and canonical speakers out.

INTERFACE (stable; the implementation is being filled in):
- analyse(text, model_dir=None) -> Analysis        attributions + speakers of one text
- annotate(text, model_dir=None) -> list[Attribution]
- analyse_many(texts, model_dir=None) -> Iterator[Analysis]   one loaded pipeline, in order
- model_version(model_dir=None) -> str              identifies engine + models, for the store
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from annotator.records import Analysis, Attribution


def analyse(text: str, model_dir=None) -> Analysis:
    raise NotImplementedError("the attribution engine (issue #4) has not landed yet")


def annotate(text: str, model_dir=None) -> list[Attribution]:
    return analyse(text, model_dir=model_dir).attributions


def analyse_many(texts: Iterable[str], model_dir=None) -> Iterator[Analysis]:
    for text in texts:
        yield analyse(text, model_dir=model_dir)


def model_version(model_dir=None) -> str:
    raise NotImplementedError("the attribution engine (issue #4) has not landed yet")
