"""The parser's prediction step: Stanza's own against annotator/fastparse.py.

    python benchmarks/fastparse.py [--sentences 2001] [--model-dir DIR]

Parses EWT dev (gold tokens, tags and lemmas, so only the parser differs) with both
prediction steps of the same loaded model, prints CPU seconds for each and how many
words got the same head and label (the fast step is meant to agree on every word).
A benchmark: it prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
UD = Path(os.environ.get("ANNOTATOR_UD_DIR", ROOT.parent / "shared/data/ud"))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sentences", type=int, default=2001)
    ap.add_argument("--model-dir", default=None)
    args = ap.parse_args()

    import stanza
    import torch
    from stanza.models.depparse.data import DataLoader
    from stanza.utils.conll import CoNLL

    from annotator import nlp

    torch.set_num_threads(1)
    proc = nlp.load_pipeline(args.model_dir).processors["depparse"]
    trainer = proc.trainer
    gold = CoNLL.conll2doc(str(UD / "en_ewt-ud-dev.conllu")).sentences[: args.sentences]
    doc = stanza.Document([[{"id": w.id, "text": w.text, "upos": w.upos, "xpos": w.xpos,
                             "feats": w.feats, "lemma": w.lemma} for w in s.words]
                           for s in gold])
    batches = DataLoader(doc, proc.config["batch_size"], proc.config, proc.pretrain,
                         vocab=proc.vocab, evaluation=True, sort_during_eval=True)
    stock_predict = type(trainer).predict
    with torch.no_grad():
        start = time.process_time()
        fast = [p for b in batches for p in trainer.predict(b, resolve_head_constraints=True)]
        fast_s = time.process_time() - start
        start = time.process_time()
        stock = [p for b in batches
                 for p in stock_predict(trainer, b, resolve_head_constraints=True)]
        stock_s = time.process_time() - start
    words = sum(len(s) for s in stock)
    same = sum(int(a[0]) == int(b[0]) and a[1] == b[1]
               for fs, ss in zip(fast, stock, strict=True) for a, b in zip(fs, ss, strict=True))
    print(f"{len(gold)} sentences, {words} words, 1 torch thread")
    print(f"stanza's prediction step: {stock_s:.2f} s CPU ({words / stock_s:,.0f} words/s)")
    print(f"fastparse:                {fast_s:.2f} s CPU ({words / fast_s:,.0f} words/s), "
          f"{stock_s / fast_s:.2f}x")
    print(f"same head and label: {same}/{words} words")


if __name__ == "__main__":
    main()
