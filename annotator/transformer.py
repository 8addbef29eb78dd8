"""Load a model set whose tagger and parser read a small transformer stored as int8.

The shipped compact set has no transformer. ``training/train.sh ... bert_set`` builds one
that has (docs/model-experiments.md, ninth session: EWT test LAS 84.35 against 79.98, but
pre-annotation 2.5x slower): its tagger and parser also take the frozen features of a
6-layer MiniLM (all-MiniLM-L6-v2, Apache-2.0), kept in the set's ``transformer/`` folder
with each weight matrix as int8 and one float16 scale per row (23 MB instead of 91; the
features differ from float32 by about 2 % in norm, and that set's scores were measured
with the int8 file). Such a set needs the ``transformers`` package (the ``transformer``
extra).

Stanza finds a transformer by the name saved in a model file and loads it with
``AutoModel.from_pretrained(name)``. These models are saved with ``NAME``; this module
builds the model from the folder and puts it in a Stanza ``FoundationCache`` under that
name, which ``stanza.Pipeline(foundation_cache=...)`` then reuses.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import torch

NAME = "annotator/minilm-l6-int8"  # the ``bert_model`` saved in pos.pt and depparse.pt
FOLDER = "transformer"  # inside the model directory
WEIGHTS = "weights.int8.pt"


def quantize(state: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """Matrices as int8 with a float16 scale per row (``KEY.scale``); the rest float16."""
    import torch

    out: dict[str, torch.Tensor] = {}
    for key, value in state.items():
        value = value.float()
        if value.dim() == 2:
            scale = (value.abs().amax(dim=1, keepdim=True) / 127).clamp(min=1e-8).half()
            out[key] = torch.round(value / scale.float()).clamp(-127, 127).to(torch.int8)
            out[key + ".scale"] = scale
        else:
            out[key] = value.half()
    return out


def dequantize(stored: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """The float32 weights back from :func:`quantize`'s output."""
    import torch

    state = {}
    for key, value in stored.items():
        if key.endswith(".scale"):
            continue
        if value.dtype == torch.int8:
            state[key] = value.float() * stored[key + ".scale"].float()
        else:
            state[key] = value.float()
    return state


def load(folder: Path):
    """The transformer and its tokenizer from a model directory's ``transformer/``."""
    import torch

    try:
        from transformers import AutoConfig, AutoModel, AutoTokenizer
    except ImportError as exc:
        raise ImportError(
            f"The models in {folder.parent} read a transformer and need the transformers "
            "package: pip install 'transformers>=4.46,<5' (the annotator's 'transformer' "
            "extra)."
        ) from exc

    config = AutoConfig.from_pretrained(folder, local_files_only=True)
    model = AutoModel.from_config(config)
    stored = torch.load(folder / WEIGHTS, map_location="cpu", weights_only=True)
    model.load_state_dict(dequantize(stored))
    model.eval()
    tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
    return model, tokenizer


def foundation_cache(directory: Path):
    """A Stanza ``FoundationCache`` holding the directory's transformer, or None if the
    directory has none (older model sets, the official models)."""
    folder = Path(directory) / FOLDER
    if not (folder / WEIGHTS).exists():
        return None
    from stanza.models.common.foundation_cache import BertRecord, FoundationCache

    cache = FoundationCache(local_files_only=True)
    model, tokenizer = load(folder)
    cache.bert[NAME] = BertRecord(model, tokenizer, {})
    return cache
