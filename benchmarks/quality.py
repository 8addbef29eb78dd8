"""Attribution quality on the development gold sets; writes docs/quality.md.

    python benchmarks/quality.py [--model-dir DIR] [--no-write]

Runs the engine over the sample article (seeds/aktobe-attack.txt, gold in
tests/data/), the GUM Wikinews development set (data/devset/) and the news test set
(data/newsset/), scores the output with
``annotator.evaluate`` (the same metric as ``annotator eval``) and writes the table into
docs/quality.md. A benchmark: prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import time
from pathlib import Path

from annotator import engine
from annotator.evaluate import load_jsonl, score

ROOT = Path(__file__).resolve().parent.parent
SETS = {
    "sample article (aktobe-attack)": (ROOT / "tests/data/aktobe-attack.gold.jsonl",
                                       {"aktobe-attack": ROOT / "seeds/aktobe-attack.txt"}),
    "GUM Wikinews dev set": (ROOT / "data/devset/gum.gold.jsonl",
                             {p.stem: p for p in (ROOT / "data/devset/gum").glob("*.txt")}),
    "news test set (20 articles)": (
        ROOT / "data/newsset/news.gold.jsonl",
        {p.stem: p for p in (ROOT / "data/newsset/news").glob("*.txt")}),
}


def predict(docs: dict[str, Path], model_dir=None) -> list[dict]:
    ids = sorted(docs)
    texts = [docs[i].read_text(encoding="utf-8") for i in ids]
    out = []
    for doc_id, analysis in zip(ids, engine.analyse_many(texts, model_dir=model_dir), strict=True):
        out.extend({"doc_id": doc_id, **a.to_dict()} for a in analysis.attributions)
    return out


def unseen_ids() -> set[str]:
    """The development documents taken from GUM dev: no shipped model was trained on them."""
    lines = (ROOT / "data/devset/gum.docs.jsonl").read_text(encoding="utf-8").splitlines()
    return {d["doc_id"] for d in map(json.loads, lines) if "-dev." in d["source"]}


def row(name: str, gold: list[dict], pred: list[dict], secs: float | None) -> str:
    r = score(gold, pred).to_dict()
    time_cell = "—" if secs is None else f"{secs:.1f} s"
    return (f"| {name} | {len(gold)} | {pct(r['precision'])} | "
            f"{pct(r['recall'])} | {pct(r['f1'])} | {pct(r['direct']['f1'])} | "
            f"{pct(r['reported']['f1'])} | {pct(r['speaker_accuracy'])} | "
            f"{pct(r['role_accuracy'])} | {time_cell} |")


def oracle_row() -> str:
    """The same rules on GUM's gold parses (benchmarks/oracle.py): errors left are the
    rules' own; the gap to the row above is what the compact models cost."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import oracle

    from annotator.engine import attributions_of

    gold = load_jsonl(ROOT / "data/devset/gum.gold.jsonl")
    wanted = {g["doc_id"] for g in gold}
    pred = []
    for doc in oracle._builder().load(ROOT.parent / "shared/data/ud"):
        if doc.id in wanted:
            for a in attributions_of(oracle.parsed_from_gold(doc)).attributions:
                pred.append({"doc_id": doc.id, **a.to_dict()})
    return row("GUM dev set, gold parses (upper bound)", gold, pred, None)


def pct(x) -> str:
    return "n/a" if x is None else f"{100 * x:.1f}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model-dir", default=None)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    rows = []
    for name, (gold_path, docs) in SETS.items():
        gold = load_jsonl(gold_path)
        t0 = time.perf_counter()
        pred = predict(docs, args.model_dir)
        secs = time.perf_counter() - t0
        r = score(gold, pred).to_dict()
        rows.append(row(name, gold, pred, secs))
        print(name, json.dumps({k: r[k] for k in ("precision", "recall", "f1",
                                                  "speaker_accuracy", "role_accuracy")}))
        if name == "GUM Wikinews dev set":  # its documents no model has seen
            unseen = unseen_ids()
            rows.append(row(f"GUM dev set, the {len(unseen)} documents from GUM dev only",
                            [g for g in gold if g["doc_id"] in unseen],
                            [p for p in pred if p["doc_id"] in unseen], None))
    rows.append(oracle_row())
    table = "\n".join([
        "| data | gold | P | R | F1 | direct F1 | reported F1 | speaker acc. | role acc. "
        "| time |",
        "|---|---|---|---|---|---|---|---|---|---|",
        *rows,
    ])
    print(table)
    if args.no_write:
        return
    doc = ROOT / "docs" / "quality.md"
    doc.write_text(
        "# Attribution quality\n\n"
        "Written by `benchmarks/quality.py` (do not edit by hand). Metric: "
        "`annotator eval` — a prediction matches a gold attribution of the same document "
        "when their content words overlap with Jaccard ≥ 0.5 (one to one, best first); "
        "speaker accuracy is over matches, role accuracy over matches whose gold has a "
        "role. 'reported' = indirect + mixed.\n\n"
        f"{table}\n\n"
        f"Run on {dt.date.today().isoformat()}, {platform.machine()}, "
        f"models `{engine.model_version(args.model_dir)}`.\n\n"
        "The GUM set (data/devset/README.md) is Wikinews news and interviews with gold "
        "attributions derived from GUM's discourse relations; its content spans follow "
        "GUM's discourse units, so some boundary disagreements are annotation "
        "conventions rather than errors. Most of its documents come from GUM train, which "
        "the shipped tokenizer, tagger, parser and NER were trained on: its figures flatter "
        "the models (the gold-parse row shows what the rules alone reach). The row 'from "
        "GUM dev only' scores the documents no model has seen (few, so a wide margin). The "
        "sample article is unseen text. The news test set (data/newsset/README.md) is 20 "
        "articles written for the project with hand-made gold; it was unseen text once "
        "(F1 93.3, speaker 78.4, role 55.3 at the start of the eighth session) and has "
        "guided fixes since; its gold leaves requests out and drops a role's owner "
        "(\"chief executive\" for \"the federation's chief executive\"), which the annotator "
        "keeps, so part of its role errors are that convention.\n",
        encoding="utf-8")
    print(f"wrote {doc}")


if __name__ == "__main__":
    main()
