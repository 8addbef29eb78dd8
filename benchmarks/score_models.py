"""Score the shipped Stanza models on held-out data with the UD and stanza scorers.

    python benchmarks/score_models.py [--model-dir DIR] [--ud ../shared/data/ud]

Prints, as a markdown table (the one in data/models/en-compact/MODEL_CARD.md):
- tokenizer sentence/token F1, UPOS, LAS end to end from raw EWT test text;
- UPOS, lemma, UAS, LAS on EWT test with gold tokenization (what stanza's run_* report);
- NER entity P/R/F1 on GUM dev (PERSON, ORG, GPE), gold tokens;
- pipeline load time and words per second (full pipeline, every sentence parsed).
This is a benchmark: it prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def read_conllu(path: Path) -> list[dict]:
    """Sentences as {"text", "newpar", "words": [(form, misc)]}."""
    sents, cur = [], {"text": "", "newpar": False, "words": []}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# text = "):
            cur["text"] = line[9:]
        elif line.startswith("# newpar") or line.startswith("# newdoc"):
            cur["newpar"] = True
        elif line and not line.startswith("#"):
            cols = line.split("\t")
            if "." not in cols[0] and "-" not in cols[0]:
                cur["words"].append(cols[1])
        elif not line and cur["words"]:
            sents.append(cur)
            cur = {"text": "", "newpar": False, "words": []}
    return sents


def raw_text(sents: list[dict]) -> str:
    out = []
    for s in sents:
        if s["newpar"] and out:
            out.append("\n\n")
        elif out:
            out.append(" ")
        out.append(s["text"])
    return "".join(out)


def ud(gold: Path, doc) -> dict:
    from stanza.models.common.utils import ud_scores
    from stanza.utils.conll import CoNLL

    with tempfile.NamedTemporaryFile("w", suffix=".conllu", delete=False) as f:
        sys_path = f.name
    CoNLL.write_doc2conll(doc, sys_path)
    ev = ud_scores(str(gold), sys_path)
    return {k: round(ev[k].f1 * 100, 2) for k in
            ("Tokens", "Sentences", "Words", "UPOS", "Lemmas", "UAS", "LAS")}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model-dir", default=None)
    ap.add_argument("--ud", default=str(ROOT.parent / "shared" / "data" / "ud"))
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--threads", type=int, default=2,
                    help="torch threads (use 1 while other jobs keep the cores busy)")
    args = ap.parse_args()

    import stanza
    import torch

    from annotator import nlp, transformer

    torch.set_num_threads(args.threads)
    ud_dir = Path(args.ud)
    test = ud_dir / "en_ewt-ud-test.conllu"
    sents = read_conllu(test)
    kwargs = nlp.pipeline_kwargs(nlp.model_dir(args.model_dir))
    kwargs.pop("processors")
    t0 = time.perf_counter()
    # the tagger's and parser's transformer, if the set has one (annotator/transformer.py)
    kwargs["foundation_cache"] = transformer.foundation_cache(Path(kwargs["dir"]))
    full = stanza.Pipeline(processors="tokenize,mwt,pos,lemma,depparse", use_gpu=False,
                           logging_level="WARN", **{k: v for k, v in kwargs.items()
                                                    if not k.startswith("ner")})
    load_s = time.perf_counter() - t0
    text = raw_text(sents)
    t0 = time.perf_counter()
    doc = full(text)
    speed = doc.num_words / (time.perf_counter() - t0)
    for token in (t for sent in doc.sentences for t in sent.tokens):
        if token.text == "<UNK>":  # stanza masks very long tokens (URLs) in its output
            token.text = text[token.start_char : token.end_char]
            for word in token.words:
                word.text = token.text
    e2e = ud(test, doc)

    pretok = stanza.Pipeline(processors="tokenize,pos,lemma,depparse", use_gpu=False,
                             tokenize_pretokenized=True, logging_level="WARN",
                             **{k: v for k, v in kwargs.items()
                                if not k.startswith(("ner", "mwt"))})
    gold_tok = ud(test, pretok([s["words"] for s in sents]))

    ner_scores = score_ner(ud_dir, kwargs)
    result = {"end_to_end": e2e, "gold_tokens": gold_tok, "ner": ner_scores,
              "load_seconds": round(load_s, 2), "words_per_second": round(speed),
              "model_dir": kwargs["dir"]}
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print("| model | metric | score | data |")
    print("|---|---|---|---|")
    print(f"| tokenize | sentence F1 | {e2e['Sentences']} | en_ewt test, raw text |")
    print(f"| tokenize | token F1 | {e2e['Tokens']} | en_ewt test, raw text |")
    print(f"| mwt | word F1 | {e2e['Words']} | en_ewt test, raw text |")
    print(f"| pos | UPOS | {gold_tok['UPOS']} | en_ewt test, gold tokens |")
    print(f"| lemma | lemma F1 | {gold_tok['Lemmas']} | en_ewt test, gold tokens |")
    print(f"| depparse | UAS | {gold_tok['UAS']} | en_ewt test, gold tokens |")
    print(f"| depparse | LAS | {gold_tok['LAS']} | en_ewt test, gold tokens |")
    print(f"| pos | UPOS end-to-end | {e2e['UPOS']} | en_ewt test, raw text |")
    print(f"| depparse | LAS end-to-end | {e2e['LAS']} | en_ewt test, raw text |")
    for label, s in ner_scores.items():
        print(f"| ner | {label} F1 | {s['f1']} | GUM dev, gold tokens |")
    print(f"\nload {load_s:.2f} s; full pipeline {speed:.0f} words/s (every sentence parsed)")


def score_ner(ud_dir: Path, kwargs: dict) -> dict:
    import stanza
    from stanza.models.ner.scorer import score_by_entity

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "dev.json"
        subprocess.run([sys.executable, str(ROOT / "training" / "gum_to_ner.py"),
                        str(ud_dir / "en_gum-ud-dev.conllu"), str(out)], check=True,
                       capture_output=True)
        gold = json.loads(out.read_text())
    ner = stanza.Pipeline(processors="tokenize,ner", tokenize_pretokenized=True,
                          use_gpu=False, logging_level="WARN",
                          **{k: v for k, v in kwargs.items()
                             if k.startswith(("ner", "tokenize")) or k in ("lang", "dir",
                                                                           "download_method",
                                                                           "allow_unknown_language")})
    doc = ner([[w["text"] for w in s] for s in gold])
    pred = [[t.ner for t in s.tokens] for s in doc.sentences]
    gold_tags = [[_bioes(s, i) for i in range(len(s))] for s in gold]
    result = {}
    p, r, f, _ = score_by_entity(pred, gold_tags, verbose=False)
    result["all"] = {"p": round(p * 100, 2), "r": round(r * 100, 2), "f1": round(f * 100, 2)}
    for label in ("PERSON", "ORG", "GPE"):
        keep = {label}
        pp = [[t if t[2:] in keep else "O" for t in s] for s in pred]
        gg = [[t if t[2:] in keep else "O" for t in s] for s in gold_tags]
        p, r, f, _ = score_by_entity(pp, gg, verbose=False)
        result[label] = {"p": round(p * 100, 2), "r": round(r * 100, 2), "f1": round(f * 100, 2)}
    return result


def _bioes(sent: list[dict], i: int) -> str:
    tag = sent[i]["ner"]
    if tag == "O":
        return tag
    nxt = sent[i + 1]["ner"] if i + 1 < len(sent) else "O"
    cont = nxt.startswith("I-")
    if tag.startswith("B-"):
        return ("B-" if cont else "S-") + tag[2:]
    return ("I-" if cont else "E-") + tag[2:]


if __name__ == "__main__":
    main()
