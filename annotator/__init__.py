"""Claims-and-attribution annotator: quotes and reported claims in news, with speakers."""

from annotator.records import Analysis, Attribution, Document, Speaker

__version__ = "0.1.0"

__all__ = ["Analysis", "Attribution", "Document", "Speaker", "annotate", "annotate_many",
           "__version__"]


def annotate(text: str) -> list[Attribution]:
    """Find every quote and reported claim in ``text`` (see ``annotator.engine``)."""
    from annotator.engine import annotate as _annotate

    return _annotate(text)


def annotate_many(texts, **kwargs):
    """Stream many texts through one loaded pipeline (see ``annotator.engine``)."""
    from annotator.engine import annotate_many as _annotate_many

    return _annotate_many(texts, **kwargs)
