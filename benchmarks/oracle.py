"""The engine's attribution logic on gold GUM parses: an upper bound free of model errors.

    python benchmarks/oracle.py [--ud ../shared/data/ud] [-v]

Builds each development document's ParsedText from the GUM CoNLL-U (gold tokens, tags,
trees, and PERSON/ORG/GPE entities from GUM's entity layer) instead of running Stanza,
then scores the engine's output against data/devset/gum.gold.jsonl. Comparing this with
benchmarks/quality.py separates errors of the rules from errors of the models.
"""

from __future__ import annotations

import argparse
import importlib.util
from pathlib import Path

from annotator.engine import attributions_of
from annotator.evaluate import format_report, load_jsonl, score
from annotator.parse import Entity, ParsedText, Word

ROOT = Path(__file__).resolve().parent.parent
TYPES = {"person": "PERSON", "organization": "ORG", "place": "GPE"}


def _builder():
    spec = importlib.util.spec_from_file_location(
        "build_gum_devset", ROOT / "data/devset/build_gum_devset.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def parsed_from_gold(doc) -> ParsedText:
    pt = ParsedText(doc.text)
    index = {}
    for s_i, s in enumerate(doc.sents):
        base = len(pt.words)
        for t in s["toks"]:
            index[id(t)] = len(pt.words)
            pt.words.append(Word(len(pt.words), t.form, t.lemma, t.upos, t.xpos, t.feats,
                                 t.start, t.end, s_i, deprel=t.deprel))
        pt.sents.append((base, len(pt.words)))
        pt.parsed.append(True)
    for s in doc.sents:
        for t in s["toks"]:
            if t.head is not None:
                pt.words[index[id(t)]].head = index[id(t.head)]
    pt.children = [[] for _ in pt.words]
    for w in pt.words:
        if w.head is not None:
            pt.children[w.head].append(w.i)
    for m in doc.mentions:
        label = TYPES.get(m.etype)
        if label and any(doc.toks[j].upos == "PROPN" for j in range(m.first, m.last + 1)):
            a, b = m.first, m.last + 1
            pt.entities.append(Entity(a, b, label, pt.words[a].start, pt.words[b - 1].end))
    pt.entities.sort(key=lambda e: e.start)
    return pt


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ud", default=str(ROOT.parent / "shared/data/ud"))
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    mod = _builder()
    gold = load_jsonl(ROOT / "data/devset/gum.gold.jsonl")
    wanted = {g["doc_id"] for g in gold}
    pred = []
    for doc in mod.load(args.ud):
        if doc.id in wanted:
            analysis = attributions_of(parsed_from_gold(doc))
            pred.extend({"doc_id": doc.id, **a.to_dict()} for a in analysis.attributions)
    report = score(gold, pred)
    print(format_report(report, verbose=args.verbose))


if __name__ == "__main__":
    main()
