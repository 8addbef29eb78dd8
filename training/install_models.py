"""Copy trained models from the training work dir into the shipped model directory.

Usage: python training/install_models.py build/train data/models/en-compact

Only final models are copied (never ``*_checkpoint.pt`` optimizer state). Stanza's
``Pipeline`` insists on a ``resources.json`` even with ``download_method=None``; an
empty ``{}`` is enough when every processor gets an explicit model path.
"""

import shutil
import sys
from pathlib import Path

# shipped name -> glob under saved_models/
MODELS = {
    "tokenize.pt": "tokenize/*tokenizer*.pt",
    "mwt.pt": "mwt/*mwt*.pt",
    "pos.pt": "pos/*tagger*.pt",
    "lemma.pt": "lemma/*lemma*.pt",
    "depparse.pt": "depparse/*parser*.pt",
    "ner.pt": "ner/*ner*.pt",
}


def main() -> None:
    work, dest = Path(sys.argv[1]), Path(sys.argv[2])
    only = set(sys.argv[3:])  # optional: install just these, e.g. "ner.pt"
    dest.mkdir(parents=True, exist_ok=True)
    for name, pattern in MODELS.items():
        if only and name not in only:
            continue
        found = [p for p in (work / "saved_models").glob(pattern) if "checkpoint" not in p.name]
        if not found:
            print(f"skip {name}: nothing matches saved_models/{pattern}")
            continue
        src = max(found, key=lambda p: p.stat().st_mtime)
        shutil.copy2(src, dest / name)
        print(f"{src} -> {dest / name} ({src.stat().st_size / 1e6:.1f} MB)")
    if not only or "pretrain.pt" in only:
        shutil.copy2(work / "pretrain" / "en_ud.pretrain.pt", dest / "pretrain.pt")
    (dest / "resources.json").write_text("{}\n")


if __name__ == "__main__":
    main()
