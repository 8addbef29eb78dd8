"""Tag a treebank with the shipped tagger, to train and choose a parser that expects its errors.

    python training/tag_confusion.py GOLD.conllu OUT.conllu OUT-confusion.json [MODEL_DIR]

The parser was trained on gold tags and loses most of its LAS to the tagger's mistakes
(EWT test: 84.83 with gold tags, 81.28 with predicted UPOS alone, 80.03 with all tags
predicted; docs/model-experiments.md, twelfth session). This writes GOLD with the tagger's UPOS,
XPOS, features and lemmas in place of the gold ones (heads and relations kept: a dev set
that scores the parser as the pipeline runs it) and counts how often each gold
(UPOS, XPOS, features) becomes each predicted one: the table `PARSER_TAG_NOISE`
(training/stz_run.py) samples from, so that the parser sees such errors in training.
Tagging errors depend on the word ("that", "like", "US"), so a word seen at least
FREQUENT times with one gold analysis gets its own counts; all other words share the
counts of their gold analysis, made from the rarer words only (open-class words, which
the tagger gets wrong more often than "the").
"""

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import stanza

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from annotator import nlp  # noqa: E402

FREQUENT = 5


def read_sentences(path: Path) -> list[list[str]]:
    """The CoNLL-U file as blocks of lines, one block per sentence."""
    blocks, cur = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line:
            cur.append(line)
        elif cur:
            blocks.append(cur)
            cur = []
    if cur:
        blocks.append(cur)
    return blocks


def is_word(line: str) -> bool:
    first = line.split("\t", 1)[0]
    return not line.startswith("#") and first.isdigit()


def main() -> None:
    gold_path, out_path, table_path = map(Path, sys.argv[1:4])
    directory = nlp.model_dir(sys.argv[4] if len(sys.argv) > 4 else None)
    kwargs = nlp.pipeline_kwargs(directory, ("tokenize", "pos", "lemma"))
    kwargs.pop("processors")
    tagger = stanza.Pipeline(processors="tokenize,pos,lemma", tokenize_pretokenized=True,
                             use_gpu=False, logging_level="WARN", **kwargs)
    blocks = read_sentences(gold_path)
    words = [[ln.split("\t")[1] for ln in b if is_word(ln)] for b in blocks]
    doc = tagger(words)
    pairs: list[tuple[str, str, str]] = []  # (word, gold analysis, predicted analysis)
    out = []
    for block, sent in zip(blocks, doc.sentences, strict=True):
        predicted = iter(sent.words)
        for line in block:
            if is_word(line):
                cols = line.split("\t")
                w = next(predicted)
                gold = "\t".join(cols[3:6])
                cols[2:6] = w.lemma or "_", w.upos, w.xpos or "_", w.feats or "_"
                pairs.append((cols[1].lower(), gold, "\t".join(cols[3:6])))
                line = "\t".join(cols)
            out.append(line)
        out.append("")
    out_path.write_text("\n".join(out) + "\n", encoding="utf-8")
    table = confusion_table(pairs)
    table_path.write_text(json.dumps(table, indent=0, sort_keys=True), encoding="utf-8")
    wrong = sum(g.split("\t")[0] != p.split("\t")[0] for _, g, p in pairs)
    print(f"{len(pairs)} words, UPOS wrong {wrong} ({100 * wrong / len(pairs):.2f} %); "
          f"{len(table['word'])} frequent words with counts of their own")


def confusion_table(pairs: list[tuple[str, str, str]]) -> dict:
    """{"word": {"word\tgold": {predicted: n}}, "class": {gold: {predicted: n}}}."""
    seen = Counter((w, g) for w, g, _ in pairs)
    word: dict[str, Counter] = defaultdict(Counter)
    cls: dict[str, Counter] = defaultdict(Counter)
    for w, g, p in pairs:
        if seen[w, g] >= FREQUENT:
            word[f"{w}\t{g}"][p] += 1
        else:
            cls[g][p] += 1
    return {"word": word, "class": cls}


if __name__ == "__main__":
    main()
