"""How far reviewers agree: Cohen's kappa per pair, Krippendorff's alpha over everyone.

Both are the plain nominal versions, written out here (a few lines each) so they can be
checked against hand-computed values instead of trusted from a dependency. Ratings are
each reviewer's standing answer per attribution (latest review that counts, not an
adjudication) on three dimensions:
- decision: accept (accepted or corrected) or reject
- stance and certainty: only where the reviewer did not reject the item
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from itertools import combinations
from statistics import mean

import sqlite_utils

from annotator.store import CORRECTABLE

DIMENSIONS = ("decision", "stance", "certainty")
Ratings = dict[str, dict[str, str]]  # attribution id -> reviewer -> label


def cohen_kappa(a: Sequence[Hashable], b: Sequence[Hashable]) -> float | None:
    """Cohen's kappa of two raters' labels for the same items, in the same order.

    None when it is undefined: no items, or both raters used one and the same label for
    everything (chance agreement is then 1).
    """
    if len(a) != len(b):
        raise ValueError("both raters must label the same items")
    n = len(a)
    if n == 0:
        return None
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[label] * cb[label] for label in ca) / (n * n)
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


def krippendorff_alpha(units: Iterable[Sequence[Hashable]]) -> float | None:
    """Krippendorff's alpha (nominal) over units, each the labels its raters gave it.

    Units with fewer than two labels carry no pairable information and are dropped;
    raters may differ from unit to unit (missing data is allowed). None when undefined
    (no pairable values, or a single label used throughout).
    """
    coincidence: Counter = Counter()
    for unit in units:
        m = len(unit)
        if m < 2:
            continue
        counts = Counter(unit)
        for c in counts:
            for k in counts:
                pairs = counts[c] * (counts[k] - (c == k))
                coincidence[c, k] += pairs / (m - 1)
    n_c: Counter = Counter()
    for (c, _k), value in coincidence.items():
        n_c[c] += value
    n = sum(n_c.values())
    if n <= 1:
        return None
    disagree_observed = n - sum(coincidence[c, c] for c in n_c)
    disagree_expected = (n * n - sum(v * v for v in n_c.values())) / (n - 1)
    if disagree_expected == 0:
        return None
    return 1 - disagree_observed / disagree_expected


def answers(db: sqlite_utils.Database) -> list[dict]:
    """Each reviewer's standing answer, for attributions answered by two or more people."""
    return list(db.query(f"""
WITH latest AS (
  SELECT r.*, ROW_NUMBER() OVER (PARTITION BY attribution_id, reviewer
                                 ORDER BY COALESCE(updated_at, created_at) DESC, id DESC) AS rn
  FROM reviews r
  WHERE retracted = 0 AND is_adjudication = 0
    AND decision IN ('accepted', 'corrected', 'rejected')
), standing AS (SELECT * FROM latest WHERE rn = 1)
SELECT s.id AS review_id, s.attribution_id, s.doc_id, s.reviewer, s.decision, s.stance,
       s.certainty, {", ".join(f"s.{f} AS r_{f}" for f in CORRECTABLE)},
       {", ".join(f"a.{f}" for f in CORRECTABLE)}
FROM standing s JOIN attributions a ON a.id = s.attribution_id
WHERE s.attribution_id IN (SELECT attribution_id FROM standing
                           GROUP BY attribution_id HAVING COUNT(*) >= 2)
ORDER BY s.doc_id, a.content_start, s.attribution_id, s.reviewer"""))


def value(answer: dict, dimension: str) -> str | None:
    """One answer's label on a dimension (None: not rated on it)."""
    if dimension == "decision":
        return "reject" if answer["decision"] == "rejected" else "accept"
    if answer["decision"] == "rejected":
        return None
    return answer[dimension]


def fields_of(answer: dict) -> tuple:
    """The attribution as this answer leaves it (corrected copy, else the prediction)."""
    if answer["decision"] == "corrected":
        return tuple(answer[f"r_{f}"] for f in CORRECTABLE)
    return tuple(answer[f] for f in CORRECTABLE)


def ratings(rows: Iterable[dict], dimension: str) -> Ratings:
    out: Ratings = defaultdict(dict)
    for row in rows:
        label = value(row, dimension)
        if label is not None:
            out[row["attribution_id"]][row["reviewer"]] = label
    return dict(out)


def pair_kappas(r: Ratings) -> list[dict]:
    """Cohen's kappa for every pair of reviewers, over the items both rated."""
    reviewers = sorted({name for item in r.values() for name in item})
    out = []
    for x, y in combinations(reviewers, 2):
        both = [item for item in r.values() if x in item and y in item]
        if both:
            out.append({"pair": f"{x} / {y}", "items": len(both),
                        "kappa": cohen_kappa([i[x] for i in both], [i[y] for i in both])})
    return out


def _mean_kappa(pairs: list[dict]) -> float | None:
    values = [p["kappa"] for p in pairs if p["kappa"] is not None]
    return mean(values) if values else None


def scores(r: Ratings) -> dict:
    """Items rated by 2+ people, Krippendorff's alpha, and the mean pairwise kappa."""
    units = [list(item.values()) for item in r.values() if len(item) >= 2]
    return {"items": len(units), "alpha": krippendorff_alpha(units),
            "mean_kappa": _mean_kappa(pair_kappas(r))}


def summary(rows: list[dict]) -> list[dict]:
    return [{"dimension": d, **scores(ratings(rows, d))} for d in DIMENSIONS]


def per_label(rows: list[dict], dimension: str, labels: Sequence[str]) -> list[dict]:
    """Agreement on each label alone (that label versus any other), and how often used."""
    r = ratings(rows, dimension)
    out = []
    for label in labels:
        binary = {aid: {who: ("yes" if v == label else "no") for who, v in item.items()}
                  for aid, item in r.items()}
        used = sum(v == label for item in r.values() for v in item.values())
        out.append({"dimension": dimension, "label": label, "used": used, **scores(binary)})
    return out


def per_document(rows: list[dict]) -> list[dict]:
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_doc[row["doc_id"]].append(row)
    return [{"doc_id": doc, "dimension": d, **scores(ratings(doc_rows, d))}
            for doc, doc_rows in sorted(by_doc.items()) for d in DIMENSIONS]


def disagreements(db: sqlite_utils.Database, rows: list[dict] | None = None) -> list[dict]:
    """Items whose reviewers differ on the decision, stance, certainty or the fields.

    Each entry lists every reviewer's answer and, if an adjudicator already decided,
    the adjudicated decision and who made it.
    """
    rows = answers(db) if rows is None else rows
    by_item: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_item[row["attribution_id"]].append(row)
    adjudicated = {r["attribution_id"]: r for r in db.query(
        "SELECT attribution_id, reviewer, decision FROM reviews WHERE is_adjudication = 1 "
        "AND retracted = 0 ORDER BY id")}
    out = []
    for aid, items in by_item.items():
        on = [d for d in DIMENSIONS if len({value(a, d) for a in items} - {None}) > 1]
        if len({fields_of(a) for a in items if a["decision"] != "rejected"}) > 1:
            on.append("fields")
        if not on:
            continue
        adj = adjudicated.get(aid)
        out.append({"attribution_id": aid, "doc_id": items[0]["doc_id"],
                    "content": items[0]["content"], "on": on, "answers": items,
                    "adjudicated_by": adj["reviewer"] if adj else None,
                    "adjudicated": adj["decision"] if adj else None})
    return out
