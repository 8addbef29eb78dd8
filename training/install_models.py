"""Copy trained models from the training work dir into the shipped model directory.

Usage: python training/install_models.py build/train data/models/en-compact [NAME.pt ...]
       python training/install_models.py --bert build/train DIR   (the transformer set)

The tagger and NER weights are stored as float16 (stanza loads them into its
float32 models; the scores in MODEL_CARD.md were measured on these files): half the size,
same predictions to within rounding. Only final models are copied (never
``*_checkpoint.pt`` optimizer state). Stanza's ``Pipeline`` insists on a
``resources.json`` even with ``download_method=None``; an empty ``{}`` is enough when
every processor gets an explicit model path.
"""

import shutil
import sys
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from annotator import nlp, transformer  # noqa: E402

# shipped name -> globs under saved_models/, the second stage (train.sh ner_more) first.
# The parser continued on predicted tags (saved_models/depparse_pred) is not installed: it
# parsed EWT better but attributed quotes worse (docs/model-experiments.md).
MODELS = {
    "tokenize.pt": ["tokenize/*tokenizer*.pt"],
    "mwt.pt": ["mwt/*mwt*.pt"],
    "pos.pt": ["pos_more/*tagger*.pt", "pos/*tagger*.pt"],
    "lemma.pt": ["lemma/*lemma*.pt"],
    "depparse.pt": ["depparse/*parser*.pt"],
    # the NER model on word vectors of its own (train.sh ner_minilm; eleventh session);
    # the earlier one on the shared vectors (train.sh ner, ner_more) if that is all there is
    "ner.pt": ["ner_minilm/*ner*.pt", "ner_more/*ner*.pt", "ner/*ner*.pt"],
}
HALF = {"pos.pt", "ner.pt"}
# the vectors the ner_minilm model reads (train.sh ner_vectors)
NER_VECTORS = "ner.pretrain.pt"
# `--bert`: the tagger and parser that read a frozen transformer (train.sh pos_bert,
# depparse_bert), and that transformer as int8: an experiment, not the shipped set
# (docs/model-experiments.md, ninth session). Both files float16.
BERT_MODELS = {"pos.pt": "pos_bert/*tagger*.pt", "depparse.pt": "depparse_bert/*parser*.pt"}
TRANSFORMER_SRC = "minilm"


def save_half(src: Path, dest: Path) -> None:
    """Copy a stanza model file with its floating-point weights as float16, and the name
    of its transformer, if it reads one, as the name ``annotator.transformer`` loads."""
    checkpoint = torch.load(src, map_location="cpu", weights_only=True)
    checkpoint["model"] = {k: v.half() if torch.is_floating_point(v) else v
                           for k, v in checkpoint["model"].items()}
    if checkpoint["config"].get("bert_model"):
        checkpoint["config"]["bert_model"] = transformer.NAME
    torch.save(checkpoint, dest, _use_new_zipfile_serialization=False)


def save_transformer(src: Path, dest: Path) -> None:
    """The transformer's config and tokenizer as they are, its weights as int8."""
    from transformers import AutoModel

    dest.mkdir(parents=True, exist_ok=True)
    for name in ("config.json", "vocab.txt", "tokenizer.json", "tokenizer_config.json",
                 "special_tokens_map.json"):
        shutil.copy2(src / name, dest / name)
    model = AutoModel.from_pretrained(src, local_files_only=True)
    torch.save(transformer.quantize(model.state_dict()), dest / transformer.WEIGHTS)
    print(f"{src} -> {dest} ({(dest / transformer.WEIGHTS).stat().st_size / 1e6:.1f} MB)")


def newest_model(work: Path, pattern: str) -> Path | None:
    """The newest final model under saved_models/ matching ``pattern`` (never a
    ``*_checkpoint.pt`` with optimizer state)."""
    found = [p for p in (work / "saved_models").glob(pattern) if "checkpoint" not in p.name]
    return max(found, key=lambda p: p.stat().st_mtime) if found else None


def required_model(work: Path, pattern: str) -> Path:
    """:func:`newest_model`, for an experiment's set that cannot be built without it."""
    src = newest_model(work, pattern)
    if src is None:
        raise SystemExit(f"nothing matches saved_models/{pattern}")
    return src


def install_bert(work: Path, dest: Path) -> None:
    """The transformer-reading tagger and parser, and the transformer, into ``dest``."""
    for name, pattern in BERT_MODELS.items():
        save_half(required_model(work, pattern), dest / name)
    save_transformer(work / TRANSFORMER_SRC, dest / transformer.FOLDER)


def main() -> None:
    if sys.argv[1] == "--bert":
        install_bert(Path(sys.argv[2]), Path(sys.argv[3]))
        return
    work, dest = Path(sys.argv[1]), Path(sys.argv[2])
    only = set(sys.argv[3:])  # optional: install just these, e.g. "ner.pt"
    dest.mkdir(parents=True, exist_ok=True)
    own_vectors = dest / nlp.OWN_PRETRAIN["ner"]  # the NER vectors' name annotator.nlp looks for
    for name, patterns in MODELS.items():
        if only and name not in only:
            continue
        src = next(filter(None, (newest_model(work, p) for p in patterns)), None)
        if src is None:
            print(f"skip {name}: nothing matches saved_models/{' or '.join(patterns)}")
            continue
        if name in HALF:
            save_half(src, dest / name)
        else:
            shutil.copy2(src, dest / name)
        print(f"{src} -> {dest / name} ({(dest / name).stat().st_size / 1e6:.1f} MB)")
        if name == "ner.pt" and "ner_minilm" in src.parts:
            shutil.copy2(work / "pretrain" / NER_VECTORS, own_vectors)
        elif name == "ner.pt":  # a NER model on the shared vectors reads pretrain.pt
            own_vectors.unlink(missing_ok=True)
    if not only or "pretrain.pt" in only:
        shutil.copy2(work / "pretrain" / "en_ud.pretrain.pt", dest / "pretrain.pt")
    (dest / "resources.json").write_text("{}\n")


if __name__ == "__main__":
    main()
