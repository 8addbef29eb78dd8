"""How long the review app takes to compute a queue page on a large database.

Builds a temporary database of synthetic attributions (100,000 over 2,000 documents by
default; a share of them reviewed by several people, with skips, undos and
adjudications) and prints the median and 95th percentile milliseconds to compute one
page (50 rows) and its count, for the main orderings and filters. The target is under
150 ms per page. Prints figures only; nothing is asserted.

    python benchmarks/app_queue.py [--attributions N] [--documents N] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

from annotator import store
from annotator.records import KINDS
from annotator.review import queue
from annotator.review.queue import Filters

WORDS = ("government officials said the minister police attack security forces border "
         "election economy reform protest court ruling investigation spokesman claims "
         "villagers troops ceasefire talks budget inflation health hospital vaccine "
         "refugees drought harvest prices energy pipeline sanctions trade deal").split()
NAMES = [f"{first} {last}" for first in ("Anna", "Boris", "Chen", "Dana", "Emeka", "Farah",
                                         "Goran", "Hana", "Ivan", "Jamal")
         for last in ("Abenov", "Baker", "Costa", "Diaz", "Eriksen", "Fofana", "Gupta",
                      "Haddad", "Ito", "Jones")]
REVIEWERS = ("ana", "ben", "cleo")


def build(path: Path, attributions: int, documents: int, reviewed: float,
          seed: int = 1) -> None:
    rng = random.Random(seed)
    db = store.open_db(path)
    per_doc = max(1, attributions // documents)
    db["documents"].insert_all(
        ({"id": f"doc{d:05d}", "text": "x" * 2000, "added_at": store.now()}
         for d in range(documents)), batch_size=1000)
    ids = []

    def rows():
        for i in range(attributions):
            doc, k = f"doc{i // per_doc:05d}", i % per_doc
            kind = rng.choice(KINDS)
            start = k * 40
            aid = store.attribution_id(doc, kind, start, start + 30)
            ids.append((aid, doc))
            yield {"id": aid, "doc_id": doc, "kind": kind,
                   "content": " ".join(rng.choices(WORDS, k=12)), "content_start": start,
                   "content_end": start + 30, "speaker_name": rng.choice(NAMES),
                   "speaker_type": "person", "certainty_cues": json.dumps([]),
                   "certainty": "certain", "confidence": round(rng.random(), 4),
                   "origin": "engine", "model_version": "bench", "created_at": store.now()}

    db["attributions"].insert_all(rows(), batch_size=2000)
    for r in REVIEWERS:
        db["reviewers"].insert({"name": r, "is_adjudicator": int(r == "cleo"),
                                "created_at": store.now()})

    def reviews():
        for aid, doc in rng.sample(ids, int(len(ids) * reviewed)):
            for r in rng.sample(REVIEWERS, rng.randint(1, 3)):
                decision = rng.choices(("accepted", "corrected", "rejected", "skipped"),
                                       (6, 2, 2, 1))[0]
                yield {"attribution_id": aid, "doc_id": doc, "reviewer": r,
                       "decision": decision, "is_adjudication": int(rng.random() < 0.02),
                       "retracted": int(rng.random() < 0.05), "seconds": rng.random() * 30,
                       "created_at": store.now()}

    db["reviews"].insert_all(reviews(), batch_size=2000)
    db.execute("ANALYZE")
    db.conn.commit()
    db.conn.close()


def timed(fn, repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attributions", type=int, default=100_000)
    parser.add_argument("--documents", type=int, default=2_000)
    parser.add_argument("--reviewed", type=float, default=0.3,
                        help="share of attributions with reviews")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        t = time.perf_counter()
        build(path, args.attributions, args.documents, args.reviewed)
        db = store.open_db(path, create=False)
        print(f"built {db['attributions'].count:,} attributions, "
              f"{db['reviews'].count:,} reviews, {db['documents'].count:,} documents "
              f"in {time.perf_counter() - t:.1f} s")
        cases = [
            ("to do, by position", Filters(), "position", 0),
            ("to do, lowest confidence", Filters(), "confidence", 0),
            ("all, by position", Filters(status="all"), "position", 0),
            ("all, page at offset 50,000", Filters(status="all"), "position", 50_000),
            ("status accepted", Filters(status="accepted"), "position", 0),
            ("status pre-annotated, confidence", Filters(status="pre-annotated"),
             "confidence", 0),
            ("kind direct", Filters(kind="direct"), "position", 0),
            ("one document", Filters(doc_id="doc01000"), "position", 0),
            ("speaker contains 'haddad'", Filters(speaker="haddad"), "position", 0),
            ("reviewed by ben", Filters(status="all", reviewer="ben"), "position", 0),
            ("search 'ceasefire talks'", Filters(search="ceasefire talks"), "position", 0),
        ]
        print(f"\n{'queue page (50 rows) for reviewer ana':40} {'page ms':>16} "
              f"{'page+count ms':>18}")
        print(f"{'':40} {'median':>8}{'p95':>8} {'median':>10}{'p95':>8}")
        for label, filters, order, offset in cases:
            page = timed(lambda f=filters, o=order, s=offset:
                         queue.page(db, "ana", f, o, 50, s), args.repeat)
            both = timed(lambda f=filters, o=order, s=offset:
                         (queue.page(db, "ana", f, o, 50, s), queue.count(db, "ana", f)),
                         args.repeat)
            print(f"{label:40} {page[0]:8.1f}{page[1]:8.1f} {both[0]:10.1f}{both[1]:8.1f}")
        progress = timed(lambda: queue.progress(db), max(3, args.repeat // 4))
        print(f"\nprogress view (all reviewers): median {progress[0]:.1f} ms, "
              f"p95 {progress[1]:.1f} ms")


if __name__ == "__main__":
    main()
