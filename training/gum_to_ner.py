"""Convert GUM's Entity= annotations into stanza's NER json (PERSON, ORG, GPE).

GUM marks every mention (pronouns and common noun phrases too) with nested spans:
``Entity=(ID-type-...`` opens, ``ID)`` closes, ``(ID-type-...)`` is one word. We keep the
outermost person/organization/place spans that look like names: leading determiners
and lower-case modifiers stripped ("the younger John Edleston" -> "John Edleston"), cut at
the first comma or at a bracket that ends the mention, at least one PROPN, first and last
word capitalised, every word capitalised or a function word, no pronoun ("Isabel and
I"). Coordinated people ("Morris and Goscinny") and groups named by a plural ("Americans",
"the Tagbanuas") are not one person's name; GUM marks the conjuncts as mentions of their
own, which are kept. A person's affiliation is cut off ("Nick Rhodes of Duran Duran").
GUM does not separate GPE from LOC, so every place becomes GPE.

Usage: python training/gum_to_ner.py GUM.conllu OUT.json
"""

import json
import re
import sys

from annotator.lexicon import TITLE_NOUNS

LABELS = {"person": "PERSON", "organization": "ORG", "place": "GPE"}
FUNCTION_UPOS = {"ADP", "CCONJ", "DET", "PUNCT", "PART"}
ITEM = re.compile(r"\((?P<attrs>[^()]*)(?P<single>\)?)|(?P<close>\d+)\)")


def read_sentences(path):
    sent = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line:
            if sent:
                yield sent
            sent = []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            sent.append(cols)
    if sent:
        yield sent


def spans(sent):
    """All (start, end_inclusive, type) entity spans of a sentence."""
    open_at: dict[str, list[tuple[int, str]]] = {}
    found = []
    for i, cols in enumerate(sent):
        m = re.search(r"Entity=([^|]*)", cols[9])
        if not m:
            continue
        for item in ITEM.finditer(m.group(1)):
            if item.group("attrs") is not None:
                eid, _, rest = item.group("attrs").partition("-")
                etype = rest.split("-", 1)[0]
                if item.group("single"):
                    found.append((i, i, etype))
                else:
                    open_at.setdefault(eid, []).append((i, etype))
            elif open_at.get(item.group("close")):
                start, etype = open_at[item.group("close")].pop()
                found.append((start, i, etype))
    return found


def name_like(sent, start, end, label_is_person=False):
    """Trim a mention to its name part, or return None when it is not a name."""
    while start <= end and sent[start][3] == "DET":
        start += 1
    for j in range(start, end + 1):
        if sent[j][1] == ",":
            end = j - 1
            break
    # a bracket closing the mention, or cut open by the comma, is an aside:
    # "Joshua Abraham Norton ( c. 1818 – January 8 , 1880 )"
    brackets = [j for j in range(start, end + 1) if sent[j][1] in "()"]
    if brackets and sent[brackets[0]][1] == "(" and (sent[end][1] == ")" or len(brackets) == 1):
        end = brackets[0] - 1
    # "the younger John Edleston", "interviewee David Titley": modifiers, not the name
    while start < end and sent[start][1][:1].islower() and sent[start][3] in ("ADJ", "NOUN"):
        start += 1
    if label_is_person:
        # "Youngspiration 's Baggio Leung", "Nick Rhodes of Duran Duran": the person only
        owner = [j for j in range(start, end + 1) if sent[j][4] == "POS"]
        start = owner[-1] + 1 if owner else start
        after = [j for j in range(start, end + 1) if sent[j][1] in ("of", "from", "for")]
        if after and after[0] - 1 == start:
            return None  # one word before "of" is a role: "Emperor of the United States"
        end = after[0] - 1 if after else end
    # titles are roles, not names: "US President Barack Obama" -> "Barack Obama"
    last_title = max((j for j in range(start, end + 1) if sent[j][1].lower().strip(".") in
                      TITLE_NOUNS), default=None)
    if label_is_person and last_title is not None:
        if last_title == end or sent[last_title + 1][1] in ("of", ","):
            return None  # a role only: "President of the United States"
        start = last_title + 1
    if start > end:
        return None
    words = sent[start : end + 1]
    if not any(w[3] == "PROPN" for w in words):
        return None
    if not (words[0][1][:1].isupper() and words[-1][1][:1].isupper()):
        return None
    for w in words:
        if not (w[1][:1].isupper() or w[3] in FUNCTION_UPOS) or w[3] == "PRON":
            return None
    if label_is_person and (any(w[3] == "CCONJ" for w in words)
                            or all(w[4] == "NNPS" for w in words if w[3] == "PROPN")):
        return None  # "Morris and Goscinny", "Americans": not one person's name
    return start, end


def convert(path):
    out = []
    for sent in read_sentences(path):
        tags = ["O"] * len(sent)
        cands = []
        for start, end, etype in spans(sent):
            if etype in LABELS:
                trimmed = name_like(sent, start, end, etype == "person")
                if trimmed:
                    cands.append((trimmed[0], trimmed[1], LABELS[etype]))
        # outermost first: longer spans win, overlapping shorter ones are dropped
        for start, end, label in sorted(cands, key=lambda c: (c[0] - c[1], c[0])):
            if all(t == "O" for t in tags[start : end + 1]):
                tags[start] = "B-" + label
                for j in range(start + 1, end + 1):
                    tags[j] = "I-" + label
        out.append([{"text": cols[1], "ner": tag} for cols, tag in zip(sent, tags, strict=True)])
    return out


def main():
    sents = convert(sys.argv[1])
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        json.dump(sents, f, ensure_ascii=False)
    counts = {}
    for s in sents:
        for w in s:
            if w["ner"].startswith("B-"):
                counts[w["ner"][2:]] = counts.get(w["ner"][2:], 0) + 1
    print(f"{sys.argv[2]}: {len(sents)} sentences, entities {counts}")


if __name__ == "__main__":
    main()
