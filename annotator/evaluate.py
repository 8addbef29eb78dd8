"""Score predicted attributions against gold ones (both in the export schema).

Matching. A prediction matches a gold attribution of the same document when their
content words overlap with Jaccard >= 0.5. Words are the distinct tokens of
``re.findall(r"\\w+", content.lower())`` (letters, digits and underscore, any script),
so punctuation, case and repeated words do not matter. Matching is one to one and
greedy, best pair first: pairs are taken by descending Jaccard (ties: the nearer
content_start, then file order) and each item is used at most once.

Figures.
- precision = matched predictions / predictions, recall = matched gold / gold; by
  convention precision is 1.0 when there are no predictions and recall is 1.0 when
  there is no gold (nothing was wrongly claimed / nothing was missed); F1 is 0.0 when
  both are 0.
- "direct" and "reported" (indirect + mixed): recall counts gold items by their gold
  kind, precision counts predictions by their predicted kind. A match counts in both
  when the kinds differ, so a direct quote predicted as mixed is a direct hit for
  recall and a reported hit for precision.
- speaker accuracy, over matches: the resolved speaker_name equals the gold name after
  normalisation (see ``norm``). For gold without a name the speaker mention decides:
  the spans overlap when both have speaker offsets, else the normalised mention texts
  are equal; gold with no speaker at all wants a prediction with none either.
- role accuracy, over matches whose gold speaker_role is set: normalised roles equal.
- accuracies over zero matches are None ("n/a"), not 0 or 1.

Only documents present in the gold file are scored; predictions for other documents
are counted as ignored. A document whose gold has no attributions at all is declared
with a line ``{"doc_id": "...", "no_attributions": true}``, so that whatever is
predicted for it counts as spurious.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from annotator.records import KINDS

GOLD_FIELDS = ("doc_id", "kind", "content", "content_start", "content_end", "cue",
               "speaker", "speaker_name", "speaker_role", "speaker_type")
PRED_FIELDS = ("doc_id", "kind", "content")
GROUPS = {"direct": ("direct",), "reported": ("indirect", "mixed")}
THRESHOLD = (1, 2)  # Jaccard >= 1/2, compared in integers so 0.5 is exactly 0.5
SNIPPET = 80


class EvalError(ValueError):
    """An input file cannot be scored; the message names the file and line."""


def load_jsonl(path: str | Path, required: Iterable[str] = GOLD_FIELDS) -> list[dict]:
    """Read a JSON Lines file of attributions, checking each has the ``required`` fields
    and a known kind. Blank lines are skipped."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise EvalError(f"{path}: no such file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalError(f"{path}: cannot read it ({exc})") from exc
    required = tuple(required)
    items = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvalError(f"{path}, line {lineno}: not valid JSON ({exc.msg})") from exc
        if not isinstance(item, dict):
            raise EvalError(f"{path}, line {lineno}: expected a JSON object")
        if item.get("no_attributions") is True and isinstance(item.get("doc_id"), str):
            items.append(item)  # declares a scored document without attributions
            continue
        missing = [f for f in required if f not in item]
        if missing:
            raise EvalError(f"{path}, line {lineno}: missing field(s) {', '.join(missing)}")
        if item.get("kind") not in KINDS:
            raise EvalError(f"{path}, line {lineno}: kind {item.get('kind')!r} is not one "
                            f"of {', '.join(KINDS)}")
        if not isinstance(item.get("content"), str):
            raise EvalError(f"{path}, line {lineno}: content must be a string")
        items.append(item)
    return items


def words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", text.lower()))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def _close_enough(a: frozenset[str], b: frozenset[str]) -> bool:
    union = len(a | b)
    return union > 0 and len(a & b) * THRESHOLD[1] >= union * THRESHOLD[0]


def _distance(g: dict, p: dict) -> int:
    gs, ps = g.get("content_start"), p.get("content_start")
    return abs(gs - ps) if isinstance(gs, int) and isinstance(ps, int) else 0


def match(gold: list[dict], pred: list[dict]) -> list[tuple[int, int, float]]:
    """Greedy one-to-one matching: (gold index, prediction index, Jaccard) triples,
    best first. Only items of the same doc_id are paired."""
    gold_words = [words(g["content"]) for g in gold]
    pred_by_doc: dict[str, list[int]] = defaultdict(list)
    for j, p in enumerate(pred):
        pred_by_doc[p["doc_id"]].append(j)
    pred_words = {j: words(pred[j]["content"]) for js in pred_by_doc.values() for j in js}
    candidates = []
    for i, g in enumerate(gold):
        for j in pred_by_doc.get(g["doc_id"], ()):
            if _close_enough(gold_words[i], pred_words[j]):
                score = jaccard(gold_words[i], pred_words[j])
                candidates.append((-score, _distance(g, pred[j]), i, j))
    candidates.sort()
    used_gold, used_pred, pairs = set(), set(), []
    for neg_score, _, i, j in candidates:
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
            pairs.append((i, j, -neg_score))
    return pairs


def norm(value: str | None) -> str:
    """Normalise a name or role for comparison: case-folded, surrounding whitespace and
    punctuation stripped, a leading "the " dropped, inner whitespace collapsed."""
    if not value:
        return ""
    text = re.sub(r"^[\W_]+|[\W_]+$", "", value.casefold())
    text = re.sub(r"^the\s+", "", text)
    return " ".join(text.split())


def _overlap(g: dict, p: dict) -> bool | None:
    spans = (g.get("speaker_start"), g.get("speaker_end"),
             p.get("speaker_start"), p.get("speaker_end"))
    if not all(isinstance(x, int) for x in spans):
        return None
    gs, ge, ps, pe = spans
    return gs < pe and ps < ge


def speaker_correct(g: dict, p: dict) -> bool:
    """Whether a matched prediction names the gold speaker (rules in the module doc)."""
    if norm(g.get("speaker_name")):
        return norm(g.get("speaker_name")) == norm(p.get("speaker_name"))
    if g.get("speaker"):
        overlap = _overlap(g, p)
        if overlap is not None:
            return overlap
        return norm(g.get("speaker")) == norm(p.get("speaker"))
    return not norm(p.get("speaker_name")) and not norm(p.get("speaker"))


def _ratio(num: int, den: int, empty: float | None) -> float | None:
    return num / den if den else empty


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scores:
    """Precision, recall and F1 of one group of attributions."""

    gold: int
    predicted: int
    matched_gold: int
    matched_predicted: int
    precision: float = field(init=False)
    recall: float = field(init=False)
    f1: float = field(init=False)

    def __post_init__(self) -> None:
        self.precision = _ratio(self.matched_predicted, self.predicted, 1.0)
        self.recall = _ratio(self.matched_gold, self.gold, 1.0)
        self.f1 = _f1(self.precision, self.recall)

    def to_dict(self) -> dict:
        return dict(vars(self))


def _item(a: dict) -> dict:
    return {"doc_id": a["doc_id"], "kind": a["kind"], "content": a["content"][:SNIPPET]}


def _disagreement(g: dict, p: dict, name: str) -> dict:
    return {"doc_id": g["doc_id"], "content": g["content"][:SNIPPET],
            "gold": g.get(name), "predicted": p.get(name)}


@dataclass
class Report:
    """Everything ``score`` found; ``to_dict`` is what ``annotator eval --json`` prints."""

    overall: Scores
    groups: dict[str, Scores]
    documents: int
    speaker_correct: int
    role_correct: int
    role_total: int
    ignored_predictions: int
    ignored_documents: int
    misses: list[dict] = field(default_factory=list)
    spurious: list[dict] = field(default_factory=list)
    wrong_speakers: list[dict] = field(default_factory=list)
    wrong_roles: list[dict] = field(default_factory=list)

    @property
    def matched(self) -> int:
        return self.overall.matched_gold

    @property
    def speaker_accuracy(self) -> float | None:
        return _ratio(self.speaker_correct, self.matched, None)

    @property
    def role_accuracy(self) -> float | None:
        return _ratio(self.role_correct, self.role_total, None)

    def to_dict(self, details: bool = False) -> dict:
        """The figures as plain JSON types; ``details`` adds the lists of errors."""
        data = {
            "documents": self.documents,
            "gold": self.overall.gold,
            "predicted": self.overall.predicted,
            "matched": self.matched,
            "precision": self.overall.precision,
            "recall": self.overall.recall,
            "f1": self.overall.f1,
            **{name: s.to_dict() for name, s in self.groups.items()},
            "speaker_accuracy": self.speaker_accuracy,
            "speaker_correct": self.speaker_correct,
            "role_accuracy": self.role_accuracy,
            "role_correct": self.role_correct,
            "role_total": self.role_total,
            "ignored_predictions": self.ignored_predictions,
            "ignored_documents": self.ignored_documents,
        }
        if details:
            data.update(misses=self.misses, spurious=self.spurious,
                        wrong_speakers=self.wrong_speakers, wrong_roles=self.wrong_roles)
        return data


def score(gold: list[dict], pred: Iterable[dict]) -> Report:
    """Match ``pred`` to ``gold`` and compute the figures. Predictions for documents
    absent from ``gold`` are skipped (and counted), so ``pred`` may be a whole export
    streamed from a database."""
    gold_docs = {g["doc_id"] for g in gold}
    gold = [g for g in gold if g.get("no_attributions") is not True]
    kept: list[dict] = []
    ignored_docs: set[str] = set()
    ignored = 0
    for p in pred:
        if p["doc_id"] in gold_docs:
            kept.append(p)
        else:
            ignored += 1
            ignored_docs.add(p["doc_id"])
    pairs = match(gold, kept)
    matched_gold = {i for i, _, _ in pairs}
    matched_pred = {j for _, j, _ in pairs}

    def scores(kinds: tuple[str, ...]) -> Scores:
        gi = [i for i, g in enumerate(gold) if g["kind"] in kinds]
        pj = [j for j, p in enumerate(kept) if p["kind"] in kinds]
        return Scores(gold=len(gi), predicted=len(pj),
                      matched_gold=len(matched_gold.intersection(gi)),
                      matched_predicted=len(matched_pred.intersection(pj)))

    report = Report(
        overall=scores(tuple(KINDS)),
        groups={name: scores(kinds) for name, kinds in GROUPS.items()},
        documents=len(gold_docs),
        speaker_correct=0, role_correct=0, role_total=0,
        ignored_predictions=ignored, ignored_documents=len(ignored_docs),
        misses=[_item(g) for i, g in enumerate(gold) if i not in matched_gold],
        spurious=[_item(p) for j, p in enumerate(kept) if j not in matched_pred],
    )
    for i, j, _ in sorted(pairs):
        g, p = gold[i], kept[j]
        if speaker_correct(g, p):
            report.speaker_correct += 1
        elif norm(g.get("speaker_name")):
            report.wrong_speakers.append(_disagreement(g, p, "speaker_name"))
        else:  # judged by the mention; show what the prediction has instead
            wrong = _disagreement(g, p, "speaker")
            wrong["predicted"] = p.get("speaker") or p.get("speaker_name")
            report.wrong_speakers.append(wrong)
        if norm(g.get("speaker_role")):
            report.role_total += 1
            if norm(g.get("speaker_role")) == norm(p.get("speaker_role")):
                report.role_correct += 1
            else:
                report.wrong_roles.append(_disagreement(g, p, "speaker_role"))
    return report


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def format_report(report: Report, verbose: bool = False) -> str:
    """The plain-text report ``annotator eval`` prints."""
    lines = [
        f"documents scored: {report.documents}; gold {report.overall.gold}, "
        f"predicted {report.overall.predicted}, matched {report.matched}",
        f"ignored: {report.ignored_predictions} predictions for "
        f"{report.ignored_documents} documents not in the gold file",
        "",
        f"{'':9} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}",
    ]
    for name, s in [("overall", report.overall), *report.groups.items()]:
        lines.append(f"{name:9} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} "
                     f"{s.gold:6d} {s.predicted:6d}")
    lines += [
        "",
        f"speaker accuracy {_fmt(report.speaker_accuracy)} "
        f"({report.speaker_correct}/{report.matched} matches)",
        f"role accuracy    {_fmt(report.role_accuracy)} "
        f"({report.role_correct}/{report.role_total} matches with a gold role)",
    ]
    if verbose:
        for title, items in (("misses", report.misses), ("spurious", report.spurious)):
            lines += ["", f"{title} ({len(items)}):"]
            lines += [f"  {a['doc_id']}  {a['kind']:8}  {a['content']}" for a in items]
        for title, items in (("wrong speakers", report.wrong_speakers),
                             ("wrong roles", report.wrong_roles)):
            lines += ["", f"{title} ({len(items)}):"]
            lines += [f"  {d['doc_id']}  gold {d['gold']!r}, predicted {d['predicted']!r}: "
                      f"{d['content']}" for d in items]
    return "\n".join(lines)
