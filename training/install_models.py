"""Copy trained models from the training work dir into the shipped model directory.

Usage: python training/install_models.py build/train data/models/en-compact [NAME.pt ...]

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

# shipped name -> globs under saved_models/, the second stage (train.sh ner_more) first.
# The parser continued on predicted tags (saved_models/depparse_pred) is not installed: it
# parsed EWT better but attributed quotes worse (MODEL_CARD.md).
MODELS = {
    "tokenize.pt": ["tokenize/*tokenizer*.pt"],
    "mwt.pt": ["mwt/*mwt*.pt"],
    "pos.pt": ["pos_more/*tagger*.pt", "pos/*tagger*.pt"],
    "lemma.pt": ["lemma/*lemma*.pt"],
    "depparse.pt": ["depparse/*parser*.pt"],
    "ner.pt": ["ner_more/*ner*.pt", "ner/*ner*.pt"],
}
HALF = {"pos.pt", "ner.pt"}


def save_half(src: Path, dest: Path) -> None:
    """Copy a stanza model file with its floating-point weights as float16."""
    checkpoint = torch.load(src, map_location="cpu", weights_only=True)
    checkpoint["model"] = {k: v.half() if torch.is_floating_point(v) else v
                           for k, v in checkpoint["model"].items()}
    torch.save(checkpoint, dest, _use_new_zipfile_serialization=False)


def main() -> None:
    work, dest = Path(sys.argv[1]), Path(sys.argv[2])
    only = set(sys.argv[3:])  # optional: install just these, e.g. "ner.pt"
    dest.mkdir(parents=True, exist_ok=True)
    for name, patterns in MODELS.items():
        if only and name not in only:
            continue
        for pattern in patterns:
            found = [p for p in (work / "saved_models").glob(pattern) if "checkpoint" not in p.name]
            if found:
                break
        if not found:
            print(f"skip {name}: nothing matches saved_models/{' or '.join(patterns)}")
            continue
        src = max(found, key=lambda p: p.stat().st_mtime)
        if name in HALF:
            save_half(src, dest / name)
        else:
            shutil.copy2(src, dest / name)
        print(f"{src} -> {dest / name} ({(dest / name).stat().st_size / 1e6:.1f} MB)")
    if not only or "pretrain.pt" in only:
        shutil.copy2(work / "pretrain" / "en_ud.pretrain.pt", dest / "pretrain.pt")
    (dest / "resources.json").write_text("{}\n")


if __name__ == "__main__":
    main()
