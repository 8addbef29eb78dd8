"""Train word2vec vectors on the UD training text and convert them to a stanza pretrain.

No pretrained English vectors can be downloaded here, so the tagger, parser and NER
share 100-dimensional skip-gram vectors trained on EWT train + GUM train forms.
Stanza looks words up lower-cased, so the text is lower-cased too.

Usage: python training/make_pretrain.py OUT.pt CONLLU [CONLLU ...]
"""

import sys
from pathlib import Path

import gensim
from stanza.models.common.pretrain import Pretrain


def sentences(path: Path):
    words: list[str] = []
    for line in path.open(encoding="utf-8"):
        line = line.rstrip("\n")
        if not line:
            if words:
                yield words
            words = []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue  # multi-word token ranges and empty nodes
            words.append(cols[1].lower())
    if words:
        yield words


def main() -> None:
    out = Path(sys.argv[1])
    sents = [s for p in sys.argv[2:] for s in sentences(Path(p))]
    model = gensim.models.Word2Vec(
        sents, vector_size=100, window=5, min_count=2, sg=1, workers=2, epochs=15, seed=1
    )
    text = out.with_suffix(".vec.txt")
    model.wv.save_word2vec_format(str(text), binary=False)
    Pretrain(str(out), str(text)).load()
    text.unlink()
    print(f"{len(sents)} sentences, vocab {len(model.wv)} -> {out}")


if __name__ == "__main__":
    main()
