"""Throughput of `annotator preannotate` end to end: words/s, documents/s and peak memory
for 1 and 2 worker processes, on real text from the UD treebanks in /work/shared/data/ud.

Each setting runs the real command (process start, model loading, the writer) into a
fresh database. Usage:

    .venv/bin/python benchmarks/throughput.py                 # >= 100,000 words
    .venv/bin/python benchmarks/throughput.py --words 5000    # a quick check
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

UD = Path(os.environ.get("ANNOTATOR_UD_DIR",
                        Path(__file__).resolve().parent.parent.parent / "shared/data/ud"))
# held-out splits first; GUM train only when more words are asked for than they hold
FILES = ("en_ewt-ud-test.conllu", "en_ewt-ud-dev.conllu", "en_gum-ud-dev.conllu",
         "en_gum-ud-train.conllu")
ANNOTATOR = str(Path(sys.executable).with_name("annotator"))


def ud_documents(path: Path):
    """(doc id, text) for each `# newdoc id` of a CoNLL-U file; `# newpar` starts a
    paragraph (a blank line), sentences of a paragraph are joined by a space."""
    doc_id, paragraphs = None, []
    for line in path.read_text(encoding="utf-8").splitlines():
        if m := re.match(r"# newdoc id = (.+)", line):
            if doc_id and paragraphs:
                yield doc_id, "\n\n".join(" ".join(p) for p in paragraphs if p)
            doc_id, paragraphs = m.group(1).strip(), [[]]
        elif re.match(r"# newpar\b", line) and not line.startswith("# newpar_"):
            if paragraphs and paragraphs[-1]:
                paragraphs.append([])
        elif line.startswith("# text = "):
            if not paragraphs:
                paragraphs = [[]]
            paragraphs[-1].append(line[len("# text = "):])
    if doc_id and paragraphs:
        yield doc_id, "\n\n".join(" ".join(p) for p in paragraphs if p)


def corpus(words: int) -> list[dict]:
    docs, total = [], 0
    for name in FILES:
        for doc_id, text in ud_documents(UD / name):
            if total >= words:
                return docs
            docs.append({"id": f"{name.split('.')[0]}/{doc_id}", "text": text})
            total += len(text.split())
    return docs


def tree_rss(pid: int) -> int:
    """Resident memory of ``pid`` and all its descendants, in bytes."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        p = int(stat.parent.name)
        parents[p], rss[p] = int(fields[1]), int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    family, grew = {pid}, True
    while grew:
        more = {p for p, pp in parents.items() if pp in family} - family
        family |= more
        grew = bool(more)
    return sum(rss.get(p, 0) for p in family)


def steady_rate(stamps: list[tuple[str, int]]) -> int | None:
    """Words per second after the first document was written (models loaded), from the
    documents' annotated_at times (whole seconds, so meant for runs of a minute or so)."""
    times = sorted((datetime.fromisoformat(t).timestamp(), w) for t, w in stamps)
    first, last = times[0][0], times[-1][0]
    later = sum(w for t, w in times if t > first)
    return round(later / (last - first)) if last - first >= 5 else None  # too short


def run(corpus_file: Path, db: Path, workers: int, model_dir: str | None) -> dict:
    """One timed `annotator preannotate` run, with its memory watched from outside."""
    args = [ANNOTATOR, "preannotate", str(corpus_file), "--db", str(db),
            "--workers", str(workers)]
    if model_dir:
        args += ["--model-dir", model_dir]
    # a small wrapper reports the largest single process (getrusage of its children)
    # and the CPU time of all of them: CPU s / wall s near the number of CPUs means the
    # run had the machine to itself; far below it, something else was competing
    wrapper = ("import resource, subprocess, sys; rc = subprocess.call(sys.argv[1:]); "
               "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
               "print(u.ru_maxrss, u.ru_utime + u.ru_stime, file=sys.stderr); sys.exit(rc)")
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-c", wrapper, *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    peak, done = 0, threading.Event()

    def watch() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(proc.pid))
            done.wait(0.25)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    _, err = proc.communicate()
    seconds = time.monotonic() - started
    done.set()
    watcher.join()
    if proc.returncode != 0:
        raise SystemExit(f"preannotate failed ({proc.returncode}):\n{err}")
    max_process_kb, cpu_seconds = err.strip().splitlines()[-1].split()
    with sqlite3.connect(db) as conn:
        words, docs, found = conn.execute(
            "select sum(documents.words), count(*), (select count(*) from attributions) "
            "from documents").fetchone()
        stamps = conn.execute("select annotated_at, words from documents").fetchall()
    return {"workers": workers, "documents": docs, "words": words, "attributions": found,
            "seconds": round(seconds, 2), "words_per_s": round(words / seconds),
            "documents_per_s": round(docs / seconds, 2),
            "steady_words_per_s": steady_rate(stamps),
            "peak_rss_total_mb": round(peak / 2**20),
            "peak_rss_largest_process_mb": round(int(max_process_kb) / 1024),
            "cpus_busy": round(float(cpu_seconds) / seconds, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=100_000,
                        help="at least this many words of UD text (default 100,000)")
    parser.add_argument("--workers", default="1,2", help="settings to compare (default 1,2)")
    parser.add_argument("--model-dir", default=None)
    parser.add_argument("--json", action="store_true", help="print one JSON object a line")
    args = parser.parse_args()

    docs = corpus(args.words)
    words = sum(len(d["text"].split()) for d in docs)
    print(f"corpus: {len(docs)} documents, {words:,} words, "
          f"{sum(len(d['text']) for d in docs):,} characters; {os.cpu_count()} CPUs",
          flush=True)
    with tempfile.TemporaryDirectory(prefix="annotator-bench-") as tmp:
        corpus_file = Path(tmp) / "corpus.jsonl"
        corpus_file.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
        for n in [int(w) for w in args.workers.split(",")]:
            result = run(corpus_file, Path(tmp) / f"workers-{n}.db", n, args.model_dir)
            if args.json:
                print(json.dumps(result), flush=True)
                continue
            steady = f"{result['steady_words_per_s']:,}" if result["steady_words_per_s"] else "n/a"
            print(f"workers {n}: {result['words_per_s']:,} words/s, "
                  f"{result['documents_per_s']} documents/s "
                  f"({result['words']:,} words, {result['documents']} documents, "
                  f"{result['attributions']} attributions in {result['seconds']} s, model "
                  f"start-up included; {steady} words/s once "
                  f"running); peak RSS {result['peak_rss_total_mb']} MB all processes, "
                  f"{result['peak_rss_largest_process_mb']} MB largest process; "
                  f"{result['cpus_busy']} CPUs busy on average", flush=True)


if __name__ == "__main__":
    main()
