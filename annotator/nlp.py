"""Find and load the Stanza models: the project's shipped compact set, or the official ones.

The compact English models live in ``data/models/en-compact/`` (see its MODEL_CARD.md)
and load with no network access. Users with internet may fetch Stanza's official
English models (``annotator models download``) and select them with
``ANNOTATOR_MODELS=official`` or ``--model-dir official``.

Each distinct pipeline is loaded once per process and cached.
"""

from __future__ import annotations

import json
import os
import re
import threading
from functools import lru_cache
from pathlib import Path

from annotator import transformer

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MODEL_DIR = ROOT / "data" / "models" / "en-compact"
PROCESSORS = ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")
# processor -> file in the compact model directory; these also need the word vectors
FILES = {p: f"{p}.pt" for p in PROCESSORS}
NEEDS_PRETRAIN = ("pos", "depparse", "ner")
# a processor's own word vectors, used instead of pretrain.pt when the set has them
OWN_PRETRAIN = {"ner": "ner_pretrain.pt"}
NEEDS_TRANSFORMER = ("pos", "depparse")  # in a set that has one (annotator/transformer.py)
OFFICIAL = "official"


class ModelError(RuntimeError):
    """The models cannot be found or loaded; the message says what to do."""


def model_dir(value: str | os.PathLike | None = None) -> str | Path:
    """The model directory to use: an argument, $ANNOTATOR_MODELS, or the shipped set."""
    value = value or os.environ.get("ANNOTATOR_MODELS") or DEFAULT_MODEL_DIR
    if str(value) == OFFICIAL:
        return OFFICIAL
    return Path(value).expanduser().resolve()


def official_dir() -> Path:
    return Path(os.environ.get("STANZA_RESOURCES_DIR", Path.home() / "stanza_resources"))


def pipeline_kwargs(directory: str | Path, processors: tuple[str, ...] = PROCESSORS) -> dict:
    """The keyword arguments for ``stanza.Pipeline`` that load ``processors`` offline."""
    if directory == OFFICIAL:
        res = official_dir()
        if not (res / "resources.json").exists() or not (res / "en").is_dir():
            raise ModelError(
                f"The official Stanza English models are not in {res}. Run "
                "`annotator models download` on a machine with internet access, or use the "
                "shipped compact models (leave ANNOTATOR_MODELS unset)."
            )
        return dict(lang="en", dir=str(res), processors=",".join(processors),
                    download_method=None)
    directory = Path(directory)
    missing = [FILES[p] for p in processors if not (directory / FILES[p]).exists()]
    if any(p in NEEDS_PRETRAIN for p in processors) and not (directory / "pretrain.pt").exists():
        missing.append("pretrain.pt")
    if missing:
        raise ModelError(
            f"Model directory {directory} lacks {', '.join(missing)}. Rebuild the models "
            "with `training/train.sh all` or point --model-dir / ANNOTATOR_MODELS at a "
            "directory that has them."
        )
    if not (directory / "resources.json").exists():
        raise ModelError(f"Model directory {directory} lacks resources.json (a file with {{}}).")
    kwargs: dict = dict(lang="en", dir=str(directory), processors=",".join(processors),
                        download_method=None, allow_unknown_language=True)
    for p in processors:
        kwargs[f"{p}_model_path"] = str(directory / FILES[p])
        if p in NEEDS_PRETRAIN:
            kwargs[f"{p}_pretrain_path"] = str(pretrain_file(directory, p))
    return kwargs


def pretrain_file(directory: Path, processor: str) -> Path:
    """The word vectors ``processor`` reads: its own file if the set has one (the NER
    model's, training/make_ner_vectors.py), else the shared pretrain.pt."""
    own = directory / OWN_PRETRAIN.get(processor, "pretrain.pt")
    return own if own.exists() else directory / "pretrain.pt"


_lock = threading.Lock()


def keep_its_whole(sentences: list[list]) -> list[list]:
    """Stanza's tokenize_postprocessor: the possessive "its" is one word. EWT's web text
    often writes "its" for "it's" and annotates it as two words; a tokenizer trained on
    EWT as released learns to split "its" into "it" + "s", which breaks the parse of
    "said its profits rose". The shipped tokenizer is trained without those
    (training/merge_its.py); this guards the other models the annotator can load (the
    official ones among them): an MWT mark (``(text, True)``) on "its" is dropped."""
    return [[w[0] if isinstance(w, tuple) and w[0].lower() == "its" else w for w in sent]
            for sent in sentences]


@lru_cache(maxsize=8)
def _load(directory: str | Path, processors: tuple[str, ...]):
    import logging

    import stanza
    import torch

    torch.set_num_threads(max(1, int(os.environ.get("ANNOTATOR_THREADS", "1"))))
    logging.getLogger("stanza").setLevel(logging.ERROR)  # "unsupported language": ours
    kwargs = pipeline_kwargs(directory, processors)
    if "lemma" in processors:
        kwargs["lemma_store_results"] = True  # cache (word, tag) -> lemma across calls
    if "tokenize" in processors:
        kwargs["tokenize_postprocessor"] = keep_its_whole
    try:
        if directory != OFFICIAL and any(p in NEEDS_TRANSFORMER for p in processors):
            kwargs["foundation_cache"] = transformer.foundation_cache(Path(directory))
        pipeline = stanza.Pipeline(use_gpu=False, logging_level="ERROR", **kwargs)
    except Exception as exc:  # stanza raises many kinds; say which directory failed
        raise ModelError(f"Could not load Stanza models from {directory}: {exc}") from exc
    if "depparse" in pipeline.processors:
        from annotator import fastparse

        fastparse.install(pipeline.processors["depparse"])  # same trees, 1.6x faster
    return pipeline


def load_pipeline(directory: str | os.PathLike | None = None,
                  processors: tuple[str, ...] = PROCESSORS):
    """A ``stanza.Pipeline`` for ``processors``, loaded once per process."""
    with _lock:
        return _load(model_dir(directory), tuple(processors))


def model_card_scores(directory: Path) -> dict:
    """The scores table of MODEL_CARD.md as {model: {metric: value}}."""
    card = directory / "MODEL_CARD.md"
    scores: dict = {}
    if not card.exists():
        return scores
    # rows like "| pos | UPOS | 94.1 | en_ewt test |" in the "## Scores" section
    text = card.read_text(encoding="utf-8")
    section = text.split("## Scores", 1)[-1].split("\n## ", 1)[0] if "## Scores" in text else ""
    for line in section.splitlines():
        m = re.match(r"\|\s*(tokenize|mwt|pos|lemma|depparse|ner)\s*\|\s*([^|]+?)\s*\|\s*"
                     r"([0-9.]+)\s*\|", line)
        if m:
            scores.setdefault(m.group(1), {})[m.group(2)] = float(m.group(3))
    return scores


def info(directory: str | os.PathLike | None = None) -> dict:
    """What would be loaded and from where, with absolute paths and the card's scores."""
    d = model_dir(directory)
    out: dict = {"source": "official" if d == OFFICIAL else "compact"}
    if d == OFFICIAL:
        out["dir"] = str(official_dir())
        out["processors"] = {p: {} for p in PROCESSORS}
        return out
    kwargs = pipeline_kwargs(d)
    out["dir"] = str(d)
    out["processors"] = {}
    for p in PROCESSORS:
        entry = {"model_path": kwargs[f"{p}_model_path"]}
        if p in NEEDS_PRETRAIN:
            entry["pretrain_path"] = kwargs[f"{p}_pretrain_path"]
        entry["size_mb"] = round(Path(entry["model_path"]).stat().st_size / 1e6, 2)
        out["processors"][p] = entry
    folder = d / transformer.FOLDER
    if (folder / transformer.WEIGHTS).exists():
        # Stanza looks this name up in the foundation cache that
        # annotator.transformer.foundation_cache(dir) fills from this folder.
        out["transformer"] = {"name": transformer.NAME, "path": str(folder),
                              "used_by": list(NEEDS_TRANSFORMER)}
    files = [f for f in d.rglob("*") if f.is_file()]
    out["total_size_mb"] = round(sum(f.stat().st_size for f in files) / 1e6, 1)
    out["scores"] = model_card_scores(d)
    out["pipeline_kwargs"] = kwargs
    return out


def download(timeout: float = 20.0) -> Path:
    """Fetch the official English models with ``stanza.download``; fail fast when offline."""
    import socket

    import stanza

    try:
        socket.create_connection(("raw.githubusercontent.com", 443), timeout=timeout).close()
    except OSError as exc:
        raise ModelError(
            f"Cannot reach the Stanza model server ({exc}). This machine seems to be offline; "
            "the shipped compact models in data/models/en-compact/ work without a network."
        ) from exc
    stanza.download("en", model_dir=str(official_dir()))
    return official_dir()


def dump_info(directory=None) -> str:
    return json.dumps(info(directory), indent=2)
