"""Undo EWT's multi-word token "its" = "it" + "s" (the typo for "it's") in a CoNLL-U file.

Usage: python training/merge_its.py IN.conllu OUT.conllu

Why: EWT writes 57 typos "its" for "it's" in its train split as a multi-word token. From
them the tokenizer learnt to mark *every* "its" as one (the mwt model then splits the
possessive "its profits" into "it s profits"). In the tokenizer's training data each
such token becomes the single word "its" (the annotation of "it"; the copula "s" is
dropped and the word ids and heads renumbered), so the tokenizer sees "its" only as one
word, which is what news text means by it.
"""

from __future__ import annotations

import re
import sys

MWT_ITS = re.compile(r"^(\d+)-(\d+)\t[Ii]ts\t")


def _renumber(value: str, gone: int) -> str:
    """A word id or head after word ``gone`` was merged into the word before it."""
    n = int(value)
    return str(n - 1 if n >= gone else n)


def merge_sentence(lines: list[str]) -> tuple[list[str], int]:
    """The sentence's lines with each "its" MWT made one word; and how many were merged."""
    merged = 0
    while True:
        at = next((i for i, line in enumerate(lines) if MWT_ITS.match(line)), None)
        if at is None:
            return lines, merged
        first, last = map(int, MWT_ITS.match(lines[at]).groups())
        if last != first + 1:
            raise SystemExit(f"unexpected MWT span {first}-{last}: {lines[at]!r}")
        it = lines[at + 1].split("\t")
        it[1] = lines[at].split("\t")[1]  # keep the capitalisation: "Its"
        out = []
        for i, line in enumerate(lines):
            if i in (at, at + 2):  # the MWT line and the word "s"
                continue
            if i == at + 1:
                line = "\t".join(it)
            cols = line.split("\t")
            if len(cols) == 10 and not line.startswith("#"):
                ids = cols[0]
                if "-" in ids:
                    a, b = ids.split("-")
                    cols[0] = f"{_renumber(a, last)}-{_renumber(b, last)}"
                elif "." not in ids:
                    cols[0] = _renumber(ids, last)
                    cols[6] = _renumber(cols[6], last) if cols[6] not in ("_", "0") else cols[6]
                    cols[8] = "_"  # enhanced graph: not used by the tokenizer
                line = "\t".join(cols)
            out.append(line)
        lines, merged = out, merged + 1


def main() -> None:
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    total, sentence, out = 0, [], []
    for line in open(sys.argv[1], encoding="utf-8"):
        line = line.rstrip("\n")
        if line:
            sentence.append(line)
            continue
        fixed, n = merge_sentence(sentence)
        total += n
        out.extend(fixed + [""])
        sentence = []
    if sentence:
        fixed, n = merge_sentence(sentence)
        total += n
        out.extend(fixed + [""])
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    print(f"{sys.argv[2]}: merged {total} 'its' multi-word tokens")


if __name__ == "__main__":
    main()
