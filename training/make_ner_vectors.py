"""Word vectors for the NER model, from a small transformer's input embeddings.

The shared word vectors (make_pretrain.py) know only the 12.6k words of the treebanks'
training text: "Athens", "Melanie" or "Byron" are unknown words to them, and the NER
model must guess from the letters. all-MiniLM-L6-v2 (Apache-2.0; `train.sh transformer`
fetches it) has a 30k-piece vocabulary whose *input* embeddings, read as a lookup table
with no transformer run at all, put such words among their kind (the nearest words to
"athens" are "greece", "thessaloniki", "crete"; to "melanie", "michelle", "suzanne").

The vocabulary is the shared vectors' words plus MiniLM's whole-word pieces (about 25k
words); a word's vector is the mean of its pieces' embeddings, reduced from 384 to 100
dimensions (PCA) and scaled to the shared vectors' spread. Only the NER model reads
these (`ner_pretrain.pt`); the tagger and parser keep the shared vectors. Stored as
float16: stanza copies them into its float32 embedding.

Usage: python training/make_ner_vectors.py MINILM_DIR SHARED.pretrain.pt OUT.pretrain.pt
"""

import re
import sys
from pathlib import Path

import numpy as np
import torch
from safetensors.torch import load_file
from stanza.models.common.pretrain import PretrainedWordVocab
from stanza.models.common.vocab import VOCAB_PREFIX
from transformers import AutoTokenizer

DIM = 100
WHOLE_WORD = re.compile(r"[a-z][a-z'\-]+")  # not "##ing" pieces, numbers or symbols


def vocabulary(minilm: Path, shared: dict) -> list[str]:
    shared_words = shared["vocab"]["_id2unit"][len(VOCAB_PREFIX):]
    pieces = (line.strip() for line in (minilm / "vocab.txt").open(encoding="utf-8"))
    return list(dict.fromkeys([*shared_words, *(p for p in pieces if WHOLE_WORD.fullmatch(p))]))


def piece_means(minilm: Path, words: list[str]) -> np.ndarray:
    weights = load_file(str(minilm / "model.safetensors"))
    table = next(v for k, v in weights.items() if k.endswith("word_embeddings.weight"))
    table = table.float().numpy()
    tokenizer = AutoTokenizer.from_pretrained(str(minilm))
    out = np.zeros((len(words), table.shape[1]), dtype=np.float32)
    for i, ids in enumerate(tokenizer(words, add_special_tokens=False)["input_ids"]):
        if ids:
            out[i] = table[ids].mean(0)
    return out


def reduce(vectors: np.ndarray, dim: int, spread: float) -> np.ndarray:
    centred = vectors - vectors.mean(0)
    _, _, components = np.linalg.svd(centred, full_matrices=False)
    reduced = centred @ components[:dim].T
    return reduced / reduced.std() * spread


def make(minilm: Path, shared_path: Path, out: Path) -> None:
    shared = torch.load(shared_path, map_location="cpu", weights_only=False)
    words = vocabulary(minilm, shared)
    spread = float(torch.as_tensor(shared["emb"])[len(VOCAB_PREFIX) :].std())
    emb = torch.zeros(len(VOCAB_PREFIX) + len(words), DIM, dtype=torch.float16)
    emb[len(VOCAB_PREFIX) :] = torch.from_numpy(reduce(piece_means(minilm, words), DIM, spread))
    # the layout stanza's Pretrain reads: a vocabulary state and the matrix
    torch.save({"vocab": PretrainedWordVocab(words).state_dict(), "emb": emb}, out)
    print(f"{len(words)} words x {DIM} -> {out} ({out.stat().st_size / 1e6:.1f} MB)")


def main() -> None:
    make(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))


if __name__ == "__main__":
    main()
