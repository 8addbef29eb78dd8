"""Build a development gold set of attributions from the GUM treebank's news and interviews.

Usage:  python data/devset/build_gum_devset.py /work/shared/data/ud data/devset [--log]

Reads en_gum-ud-train.conllu and en_gum-ud-dev.conllu (UD English GUM), keeps the
Wikinews documents (GUM_news_*, GUM_interview_*) and writes, deterministically:

  <out>/gum/<doc_id>.txt   the rebuilt text of every document with at least one gold item
  <out>/gum.gold.jsonl     one attribution per line, schema of tests/data/*.gold.jsonl
  <out>/gum.docs.jsonl     per document: source file, title, Wikinews URL, counts

Text. Each "# text =" line is a sentence; "# newpar" starts a paragraph. Sentences of a
paragraph are joined with one space, paragraphs with "\n" (no final newline). Every word
is located by searching its form forward in its sentence text (the words of a multi-word
token inside the token's surface form), which gives exact character offsets.

Discourse. The MISC field "Discourse=REL:SRC->HEAD:DEPTH:SIGNALS" sits on the first word
of each elementary discourse unit (EDU) and gives that EDU's relation to its head EDU in
GUM's dependency form of the eRST tree ("ROOT:ID:0" for the root; secondary eRST edges
follow ";" as REL:SRC->TGT:...). DEPTH is how high up the head's projection the relation
attaches. For attribution-positive / attribution-negative, SRC is the attributing unit
("X said") and HEAD the attributed content. Signals name document word numbers
(1-based): sem-atsrc = the source, lex-indwd = the indicative word (the cue).

Content. The EDUs of the span the relation attaches to: HEAD, every dependent of HEAD
attached below DEPTH (same-unit continuations at any depth) and their whole subtrees,
minus the attributing unit and its same-unit parts. An attributing unit inside the content
brings its own content along ("According to ABC News, Basya also believes ..."), unless it
modifies the outer source ("According to Yonhap, quoting KCNA, ..." - then it joins the
attributing unit). The content words are cut into contiguous stretches (a gap with words
splits them: '"A," he said, "B."' gives two items; a stretch of fewer than three unquoted
words joins the next one across the gap, "Institutional recipients, said Mauer, are ...";
a subject GUM left in the attributing unit is taken back). Stretches are split again at a
sentence boundary (outside quotation marks) between quoted and unquoted text. Each piece
is trimmed of edge punctuation, a leading conjunction or "that", and short bracketed notes
like Wikinews' "((it))".

Kind. Quotation marks are paired from the XPOS tags (`` opens, '' closes), across one
paragraph break at most; an unclosed one ends with its paragraph. A piece whose words are
all inside quotation marks is "direct" and its content is the whole text between the marks
(trailing comma included, as in the example gold file); a piece with some quoted words is
"mixed" (widened so that its quotation marks stay balanced, never over the attributing
unit); otherwise "indirect".

Cue. The attributing unit's syntactic root (HEAD/DEPREL) when it is a speech or cognition
verb (SPEECH_VERBS, COGNITION_VERBS), else GUM's lex-indwd word, else the highest such
verb in the unit; "according to X" and "in the words of X" are phrase cues. Relations
without one (photo credits, "I mean", "I remember", "the findings show", "— Rick
Santorum") are left out, and so are, by rule: a cue inside a quotation (nested in a direct
quote, which already carries it), questions ("Do you think ...?"), conditional or
comparative cues ("if you think", "than I think"), cues inside relative clauses or with
a wh-word extracted from the content ("what we think will ..."), infinitival cues ("to
know"), second-person speakers ("you say"), and embedded questions as content ("I don't
know what happened"). One relation is excluded by hand (EXCLUDED).

Speaker. The nsubj of the cue verb (through conj / advcl / xcomp to the governing verb;
the object of "let me say"; the antecedent of a relative "who"; the agent of a passive;
the subject of a passive "was quoted"), or X of "according to X"; the phrase is the
subtree without appositions, relative and participial clauses, edge punctuation.

Name, role, type (GUM entities: "Entity=(ID-TYPE-..." opens a mention of chain ID, "ID)"
closes it). The speaker mention is the largest mention holding the speaker head inside the
speaker's phrase. speaker_name is the longest name among the chain's mentions that contain
a proper noun: for persons the run of proper nouns tied to the mention head by flat /
appos / compound, cut after its last title word ("US President Barack Obama" -> "Barack
Obama"); for organisations and places the mention without determiner, apposition or final
possessive. Without one: a common-noun speaker keeps its own words ("officials"), a
personal pronoun the nearest full mention before it in the chain, and "I" in an interview
the sentence's "# speaker =" label when that name occurs in the text. speaker_role (persons
only) is the first title or apposition in the chain: the words before a name ("Interior
Minister" Kalmukanbet Kasymov), an appositive mention, or a title noun with a name in
apposition ("Malaysia's Prime Minister, Najib Razak"); honorifics alone (Mr, Ms) are not
roles. speaker_type: person chains are "person", or "group" for plural common nouns,
"we" / "they" and coordinations; organization and place chains (countries, governments)
are "organization"; everything else (reports, studies, websites) is "unknown".

Unattributed quotations. Direct quotations that no kept relation covers are added only
when the speaker is clear: the quotation hangs off a speech verb with a subject in the same
sentence (or is the second half of a split quotation whose first half is attributed), or
it fills its sentence(s) on its own and the sentence just before it holds a kept
attribution with a named speaker (the quotation goes on in the next sentence or paragraph;
cue and speaker are then null, name / role / type are copied) or ends in ":" or "," after
a speech verb with a subject ("Rathbun stated, / "Daniel was ...").

Duplicates (same span) keep the attribution whose cue comes first. Every record is checked:
text[content_start:content_end] == content.
"""
from __future__ import annotations

import json
import re
import sys
import urllib.parse
from collections import defaultdict
from pathlib import Path

SOURCES = ("en_gum-ud-train.conllu", "en_gum-ud-dev.conllu")
DOC_PREFIXES = ("GUM_news_", "GUM_interview_")

# ---------------------------------------------------------------------------------------
# Lexicons
# ---------------------------------------------------------------------------------------

SPEECH_VERBS = frozenset("""
say tell add claim state announce report explain note warn deny insist argue confirm
describe ask assert declare write comment remark reply respond answer acknowledge admit
allege concede contend maintain mention observe point reveal stress emphasise emphasize
suggest urge demand predict promise vow pledge threaten estimate recall testify caution
complain accuse boast conclude disclose indicate inform quote reiterate repeat shout
tweet post agree disagree dispute recount recommend propose order instruct clarify
counter lament praise criticise criticize condemn specify underline highlight assure
reassure joke advise request rule reason speculate hypothesize hypothesise theorize theorise
posit proclaim protest question wonder inquire enquire
""".split())

COGNITION_VERBS = frozenset("""
believe think feel consider expect hope fear suspect doubt know guess reckon assume
presume suppose understand worry find imagine figure
""".split())

CUE_LEMMAS = SPEECH_VERBS | COGNITION_VERBS

DOUBLE_QUOTES = frozenset('"“”') | {"``", "''"}
QUOTE_CHARS = set('"“”‘’\'`«»') | {"``", "''"}


TITLE_WORDS = frozenset("""
mr mrs ms miss dr doctor prof professor sir lord lady dame president minister secretary
general major colonel captain lieutenant commander sergeant admiral governor mayor
senator rep representative congressman congresswoman judge justice chief king queen
prince princess pope father reverend rev bishop archbishop cardinal rabbi imam sheikh
chairman chairwoman ceo director spokesman spokeswoman spokesperson deputy vice prime
premier chancellor ambassador coach coauthor co-author author officer inspector
superintendent detective constable sheriff attorney lawyer prosecutor commissioner sc qc
emeritus undersecretary manager
""".split())


# ---------------------------------------------------------------------------------------
# CoNLL-U reading
# ---------------------------------------------------------------------------------------


class Tok:
    """One syntactic word of a document (multi-word tokens are split into their words)."""

    __slots__ = ("i", "sid", "id", "form", "lemma", "upos", "xpos", "feats", "head", "deprel",
                 "misc", "start", "end", "children", "para")

    def __repr__(self):
        return f"Tok({self.i}:{self.form})"


def parse_misc(field):
    out = {}
    if field == "_":
        return out
    for kv in field.split("|"):
        k, _, v = kv.partition("=")
        out[k] = v
    return out


def read_docs(path):
    """Documents of one CoNLL-U file: dicts with id, source, sents (text, newpar, toks, mwt)."""
    docs, doc, sent, newpar, speaker = [], None, None, False, None
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("# newdoc id = "):
                doc = {"id": line[len("# newdoc id = "):].strip(), "source": Path(path).name,
                       "sents": []}
                docs.append(doc)
                newpar = False
            elif line == "# newpar" or line.startswith("# newpar "):
                newpar = True
            elif line.startswith("# meta::title = ") and doc is not None:
                doc["title"] = line[len("# meta::title = "):].strip()
            elif line.startswith("# meta::sourceURL = ") and doc is not None:
                doc["url"] = line[len("# meta::sourceURL = "):].strip()
            elif line.startswith("# meta::dateCreated = ") and doc is not None:
                doc["date"] = line[len("# meta::dateCreated = "):].strip()
            elif line.startswith("# speaker = "):
                speaker = line[len("# speaker = "):].strip()
            elif line.startswith("# text = "):
                sent = {"text": line[len("# text = "):], "newpar": newpar, "toks": [],
                        "mwt": {}, "speaker": speaker}
                newpar, speaker = False, None
                doc["sents"].append(sent)
            elif line and not line.startswith("#"):
                c = line.split("\t")
                if "-" in c[0]:
                    a, b = c[0].split("-")
                    sent["mwt"][int(a)] = (int(b), c[1])
                elif "." not in c[0]:
                    t = Tok()
                    t.id, t.form, t.lemma, t.upos, t.xpos, t.feats = (
                        int(c[0]), c[1], c[2], c[3], c[4], c[5])
                    t.head, t.deprel, t.misc = int(c[6]), c[7], parse_misc(c[9])
                    sent["toks"].append(t)
    return docs


# ---------------------------------------------------------------------------------------
# Document model: text, token offsets, tree, entities, discourse units
# ---------------------------------------------------------------------------------------

ENTITY_RE = re.compile(r"\((\d+)-([^()]*)(\))?|(\d+)\)")


class Mention:
    __slots__ = ("chain", "etype", "link", "identity", "first", "last")

    def __repr__(self):
        return f"Mention({self.chain},{self.etype},{self.first}-{self.last})"


class Doc:
    def __init__(self, raw):
        self.id = raw["id"]
        self.source = raw["source"]
        self.sents = raw["sents"]
        self.title = raw.get("title")
        self.url = raw.get("url")
        self.date = raw.get("date")
        self.toks: list[Tok] = []
        self._build_text()
        self._build_tree()
        self._build_entities()
        self._build_edus()
        self._build_quotes()

    # text and offsets
    def _build_text(self):
        paras = []
        for s in self.sents:
            if s["newpar"] or not paras:
                paras.append([])
            paras[-1].append(s)
        out, pos = [], 0
        for pi, para in enumerate(paras):
            if pi:
                out.append("\n")
                pos += 1
            for si, s in enumerate(para):
                if si:
                    out.append(" ")
                    pos += 1
                s["start"] = pos
                s["para"] = pi
                self._locate(s, pos)
                out.append(s["text"])
                pos += len(s["text"])
        self.text = "".join(out)
        for t in self.toks:
            assert self.text[t.start:t.end] in (t.form, ) or t.end > t.start, (self.id, t)

    def _locate(self, s, base):
        text, cur = s["text"], 0
        toks = s["toks"]
        k = 0
        while k < len(toks):
            t = toks[k]
            if t.id in s["mwt"]:
                last, surface = s["mwt"][t.id]
                idx = text.find(surface, cur)
                if idx < 0:
                    raise ValueError(f"{self.id}: cannot find {surface!r} in {text!r}")
                group = [u for u in toks[k:] if u.id <= last]
                inner = idx
                for u in group:  # words of a contraction: locate each inside the surface form
                    j = surface.lower().find(u.form.lower(), inner - idx)
                    if j < 0:
                        u.start, u.end = idx + (inner - idx), idx + len(surface)
                    else:
                        u.start, u.end = idx + j, idx + j + len(u.form)
                        inner = idx + j + len(u.form)
                for u in group:
                    u.start, u.end = base + u.start, base + u.end
                cur = idx + len(surface)
                k += len(group)
                continue
            idx = text.find(t.form, cur)
            if idx < 0:
                raise ValueError(f"{self.id}: cannot find {t.form!r} in {text!r} after {cur}")
            t.start, t.end = base + idx, base + idx + len(t.form)
            cur = idx + len(t.form)
            k += 1
        for t in toks:
            t.i = len(self.toks)
            t.sid = s
            t.para = s["para"]
            self.toks.append(t)

    def _build_tree(self):
        for s in self.sents:
            by_id = {t.id: t for t in s["toks"]}
            for t in s["toks"]:
                t.children = []
            for t in s["toks"]:
                t.head = by_id.get(t.head) if t.head else None
                if t.head is not None:
                    t.head.children.append(t)

    def _build_entities(self):
        self.mentions: list[Mention] = []
        open_by_chain = defaultdict(list)
        for t in self.toks:
            ent = t.misc.get("Entity")
            if not ent:
                continue
            for m in ENTITY_RE.finditer(ent):
                if m.group(1):
                    parts = m.group(2).split("-", 6)
                    men = Mention()
                    men.chain = int(m.group(1))
                    men.etype = parts[0]
                    men.link = parts[5] if len(parts) > 5 else ""
                    men.identity = parts[6] if len(parts) > 6 else ""
                    men.first = t.i
                    men.last = None
                    self.mentions.append(men)
                    if m.group(3):
                        men.last = t.i
                    else:
                        open_by_chain[men.chain].append(men)
                else:
                    men = open_by_chain[int(m.group(4))].pop()
                    men.last = t.i
        assert not any(open_by_chain.values()), self.id
        self.chains = defaultdict(list)
        for men in self.mentions:
            self.chains[men.chain].append(men)

    def _build_edus(self):
        self.edu_toks = defaultdict(list)
        self.rels = {}
        self.secondary = []
        cur = None
        for t in self.toks:
            d = t.misc.get("Discourse")
            if d:
                items = d.split(";")
                prim = items[0].split(":")
                if prim[0] == "ROOT":
                    cur = int(prim[1])
                    self.rels[cur] = ("ROOT", None, 0, "")
                else:
                    a, b = prim[1].split("->")
                    cur = int(a)
                    self.rels[cur] = (prim[0], int(b), int(prim[2]), ":".join(prim[3:]))
                for sec in items[1:]:
                    p = sec.split(":")
                    a, b = p[1].split("->")
                    self.secondary.append((p[0], int(a), int(b), ":".join(p[2:])))
            self.edu_toks[cur].append(t.i)
        self.deps = defaultdict(list)
        for e, (rel, h, depth, _sig) in self.rels.items():
            if h is not None:
                self.deps[h].append((e, rel, depth))

    def _build_quotes(self):
        """Pair opening (``) and closing ('') quotation marks. A quotation may run on into
        the next paragraph when that one has the closing mark; one left open ends with its
        paragraph. Regions are (opening token, closing token) index pairs; an open one
        ends one past the last token of its paragraph."""
        para_end = {}
        for t in self.toks:
            para_end[t.para] = t.i + 1
        regions, stack = [], []
        for t in self.toks:
            for o in [o for o in stack if self.toks[o].para < t.para - 1]:
                stack.remove(o)
                regions.append((o, para_end[self.toks[o].para]))
            if t.upos == "PUNCT" and t.form in QUOTE_CHARS:
                if t.xpos == "``":
                    if stack and t.i > 0 and self.toks[t.i - 1].para != t.para:
                        # a new paragraph opening a quotation closes the open ones
                        for o in stack:
                            regions.append((o, para_end[self.toks[o].para]))
                        stack = []
                    stack.append(t.i)
                elif t.xpos == "''" and stack:
                    regions.append((stack.pop(), t.i))
                elif t.xpos == "''" and t.form in DOUBLE_QUOTES and any(
                        u.para == t.para and u.form in DOUBLE_QUOTES and u.upos == "PUNCT"
                        for u in self.toks[t.i + 1:t.i + 200]):
                    stack.append(t.i)  # a mis-tagged opening mark ('said," [Warhol] ...')
        for o in stack:
            regions.append((o, para_end[self.toks[o].para]))
        self.quote_regions = sorted(regions)

    # helpers
    def span_text(self, a, b):
        return self.text[self.toks[a].start:self.toks[b].end]

    def subtree(self, t, skip=frozenset()):
        out = [t]
        for c in t.children:
            if c.deprel in skip:
                continue
            out.extend(self.subtree(c, skip))
        return out


def load(ud_dir):
    docs = []
    for name in SOURCES:
        for raw in read_docs(Path(ud_dir) / name):
            if raw["id"].startswith(DOC_PREFIXES):
                docs.append(Doc(raw))
    return docs



# ---------------------------------------------------------------------------------------
# Discourse: which units an attribution covers
# ---------------------------------------------------------------------------------------


def signal_tokens(sig, kind):
    """Document token indices (0-based) named by the eRST signals of one type."""
    out = []
    for m in re.finditer(re.escape(kind) + r"-([\d,\-]+)", sig):
        for part in m.group(1).strip("-,").split(","):
            a, _, b = part.partition("-")
            if a:
                out.extend(range(int(a) - 1, int(b or a)))
    return out


def attribution_relations(doc):
    """(source EDU, relation, target EDU, depth, signals) for every attribution edge,
    primary and secondary."""
    rels = [(e, rel, h, dp, sig) for e, (rel, h, dp, sig) in sorted(doc.rels.items())
            if rel.startswith("attribution")]
    for rel, a, b, rest in doc.secondary:
        if rel.startswith("attribution"):
            bits = rest.split(":")
            rels.append((a, rel, b, int(bits[0]) if bits[0].isdigit() else 0,
                         ":".join(bits[2:])))
    return rels


def span_edus(doc, head, depth, exclude):
    """The EDUs of the span a relation attached at ``depth`` covers: the head EDU, its
    dependents attached below that depth (and same-unit continuations at any depth), with
    their whole subtrees; ``exclude`` (the attributing unit) is left out."""
    out = {head}
    todo = [e for e, r, dp in doc.deps[head]
            if (dp < depth or r.startswith("same-unit")) and e not in exclude]
    while todo:
        e = todo.pop()
        if e in out or e in exclude:
            continue
        out.add(e)
        todo.extend(x for x, _r, _dp in doc.deps[e])
    return out


def unit_edus(doc, src):
    """The attributing unit: the source EDU and its same-unit continuations."""
    edus, todo = {src}, [src]
    while todo:
        e = todo.pop()
        for x, r, _dp in doc.deps[e]:
            if r.startswith("same-unit") and x not in edus:
                edus.add(x)
                todo.append(x)
    return edus


def edu_depends_on(doc, edu, region):
    """The EDU's syntactic head hangs off a noun or pronoun of ``region`` ("According to
    Yonhap, quoting KCNA, ...": "quoting" modifies "Yonhap")."""
    toks = set(doc.edu_toks[edu])
    for i in sorted(toks):
        t = doc.toks[i]
        if t.head is not None and t.head.i not in toks:
            return t.head.i in region and t.head.upos in ("NOUN", "PROPN", "PRON")
    return False


def content_edus(doc, src, head, depth, attr_by_src):
    """Content EDUs of an attribution; an attributing unit found inside the content
    ("According to X, Y believes Z") brings its own content along, and one that modifies
    the outer attributing unit ("According to X, quoting Y, Z") joins that unit."""
    src_edus = unit_edus(doc, src)
    out = span_edus(doc, head, depth, src_edus)
    changed = True
    while changed:
        changed = False
        region = {i for e in src_edus for i in doc.edu_toks[e]}
        for e in sorted(out):
            for _rel, h2, d2 in attr_by_src.get(e, ()):
                if h2 not in out and h2 not in src_edus:
                    inner = unit_edus(doc, e)
                    if any(edu_depends_on(doc, x, region) for x in inner):
                        src_edus = src_edus | inner
                        out -= inner
                    out |= span_edus(doc, h2, d2, src_edus | inner)
                    changed = True
                    break
            if changed:
                break
    return out - src_edus, src_edus


# ---------------------------------------------------------------------------------------
# Cue, speaker, name, role, type
# ---------------------------------------------------------------------------------------

QUESTION_CUES = frozenset("ask wonder inquire enquire question".split())
WH_WORDS = frozenset("what which who whom whose how why where when whether if".split())
HEDGE_MARKS = frozenset("if than unless whether".split())
HONORIFICS = frozenset("mr mrs ms miss sir madam dame".split())
PERSONAL_PRONOUNS = frozenset("i me we us you he him she her they them it".split())


def find_cue(doc, region, sig):
    """The cue of an attributing unit: (kind, [tokens]) or None. Kinds: "according"
    ("according to X", "in the words of X") and "verb"."""
    rset = set(region)
    toks = [doc.toks[i] for i in region]
    for t in toks:
        nxt = doc.toks[t.i + 1] if t.i + 1 < len(doc.toks) else None
        if t.form.lower() == "according" and nxt is not None and nxt.form.lower() == "to":
            return "according", [t, nxt]
        if (t.form.lower() == "words" and t.i >= 2 and doc.toks[t.i - 2].form.lower() == "in"
                and nxt is not None and nxt.form.lower() == "of"):
            return "according", [doc.toks[t.i - 2], doc.toks[t.i - 1], t, nxt]
    # the unit's syntactic head, when it is a cue verb
    for t in toks:
        if (t.head is None or t.head.i not in rset) and t.upos == "VERB" \
                and t.lemma.lower() in CUE_LEMMAS:
            return "verb", [t]
    # the word GUM's eRST signals mark as the indicative word
    for i in signal_tokens(sig, "lex-indwd"):
        if i in rset and doc.toks[i].upos == "VERB" and doc.toks[i].lemma.lower() in CUE_LEMMAS:
            return "verb", [doc.toks[i]]

    def height(t):
        n = 0
        while t.head is not None and t.head.i in rset:
            t, n = t.head, n + 1
        return n
    cands = sorted((t for t in toks if t.upos == "VERB" and t.lemma.lower() in CUE_LEMMAS),
                   key=lambda t: (height(t), t.i))
    return ("verb", [cands[0]]) if cands else None


def speaker_head(cue_kind, cue):
    """The head word of the speaker phrase, or None."""
    if cue_kind == "according":
        # "according to X": "according" hangs off X ("to" off "according");
        # "in the words of X": "of" hangs off X
        return cue[0].head if cue[0].form.lower() == "according" else cue[-1].head
    v = cue[0]
    for _ in range(4):
        kids = v.children
        subj = [c for c in kids if c.deprel in ("nsubj", "nsubj:outer")]
        if subj:
            s = subj[0]
            if "PronType=Rel" in s.feats and v.deprel.startswith("acl") and v.head is not None:
                return v.head  # "X, who said ..."
            return s
        passive = [c for c in kids if c.deprel == "nsubj:pass"]
        if passive and v.lemma.lower() == "quote":
            return passive[0]  # "he was quoted (by X) as saying"
        agent = [c for c in kids if c.deprel == "obl:agent"]
        if agent:
            return agent[0]
        if passive or any(c.deprel in ("expl", "csubj", "csubj:pass") for c in kids):
            return None
        rel = v.deprel.split(":")[0]
        if rel in ("conj", "advcl", "xcomp") and v.head is not None \
                and v.head.upos in ("VERB", "AUX", "ADJ"):
            if rel == "xcomp":  # object control: "let me say"
                obj = [c for c in v.head.children if c.deprel == "obj"]
                if obj:
                    return obj[0]
            v = v.head
            continue
        if rel == "acl" and v.head is not None and v.head.upos in ("NOUN", "PROPN", "PRON"):
            return v.head  # "with one poster writing ...", "a message stating ..."
        return None
    return None


SPEAKER_SKIP = frozenset({"appos", "acl", "acl:relcl", "parataxis", "punct", "case", "fixed",
                          "dep", "discourse", "reparandum", "cc:preconj", "mark", "nsubj",
                          "cop", "aux"})


def contiguous(doc, head, toks):
    """The contiguous stretch of ``toks`` (token objects) around ``head``."""
    idx = {t.i for t in toks}
    a = b = head.i
    while a - 1 in idx:
        a -= 1
    while b + 1 in idx:
        b += 1
    return a, b


def np_tokens(doc, head, skip=SPEAKER_SKIP):
    toks = [head]
    for c in head.children:
        if c.deprel in skip:
            continue
        if c.deprel == "conj":
            toks.extend(np_tokens(doc, c, skip) + [x for x in c.children if x.deprel == "cc"])
            continue
        toks.extend(doc.subtree(c))
    return toks


def np_span(doc, head, skip=SPEAKER_SKIP):
    """(first, last) token indices of a noun phrase without appositions, relative clauses,
    participial modifiers, punctuation at the edges and case markers."""
    a, b = contiguous(doc, head, np_tokens(doc, head, skip))
    while a < b and doc.toks[a].upos == "PUNCT" and doc.toks[a].form not in "([":
        a += 1
    while b > a and doc.toks[b].upos == "PUNCT" and doc.toks[b].form not in ")]":
        b -= 1
    return balance_brackets(doc, a, b)


def strip_det(doc, a, b):
    """Drop leading determiners, predeterminers ("both the") and possessive pronouns."""
    while a < b and (doc.toks[a].upos == "DET" or doc.toks[a].deprel in ("det", "det:predet",
                                                                         "cc:preconj")
                     or (doc.toks[a].upos == "PRON" and "Poss=Yes" in doc.toks[a].feats)):
        a += 1
    return a, b


def strip_possessive_end(doc, a, b):
    while b > a and (doc.toks[b].xpos == "POS" or doc.toks[b].upos == "PUNCT"):
        b -= 1
    return a, b


def speaker_mention(doc, head):
    """The largest entity mention that contains the speaker head and lies inside the
    speaker's full phrase (appositions included)."""
    full = doc.subtree(head)
    lo, hi = min(t.i for t in full), max(t.i for t in full)
    best = None
    for m in doc.mentions:
        if m.first <= head.i <= m.last and lo <= m.first and m.last <= hi:
            if best is None or (m.last - m.first) > (best.last - best.first):
                best = m
    return best


def mention_head(doc, m):
    for i in range(m.first, m.last + 1):
        t = doc.toks[i]
        if t.head is None or not (m.first <= t.head.i <= m.last):
            return t
    return doc.toks[m.first]


def is_title(t):
    return t.form.lower().rstrip(".") in TITLE_WORDS or t.form.lower().rstrip(".") in HONORIFICS




def name_run(doc, m):
    """(first, last) of the personal name in a mention, or None.

    Candidates are runs of adjacent proper nouns (hyphens and flat parts included) linked
    to the mention head through flat / compound / appos / nmod:desc only (so not "Texas"
    in "University of Texas president Sehar Memon"), and a run must hold the head or a
    word tied to it by flat / appos (so not "Panama" in "Panama coach"). A run loses
    everything up to its last title word ("US President Barack Obama" -> "Barack Obama");
    the last non-empty run wins."""
    h = mention_head(doc, m)
    inside = range(m.first, m.last + 1)
    linked, core = {h.i}, {h.i}
    todo = [h]
    while todo:
        t = todo.pop()
        for c in t.children:
            if c.i not in inside or c.i in linked:
                continue
            rel = c.deprel.split(":")[0]
            if rel in ("flat", "compound", "appos") or c.deprel == "nmod:desc":
                linked.add(c.i)
                todo.append(c)
                if t.i in core and (rel in ("flat", "appos") or
                                    (rel == "compound" and c.upos == "PROPN" == t.upos)):
                    core.add(c.i)
    runs, cur = [], []
    for i in inside:
        t = doc.toks[i]
        ok = i in linked and (t.upos == "PROPN" or (cur and t.deprel.startswith("flat")
                                                    and t.upos != "PUNCT"))
        hyphen = (cur and t.form in ("-", "–") and i + 1 in linked
                  and doc.toks[i + 1].upos == "PROPN")
        if ok or hyphen:
            cur.append(i)
        else:
            if cur:
                runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    best = None
    for run in runs:
        if not core & set(run):
            continue
        cut = [k for k, i in enumerate(run) if is_title(doc.toks[i])]
        if cut:
            run = run[cut[-1] + 1:]
        if run:
            best = (run[0], run[-1])
    return best


def other_name(doc, m):
    """(first, last) of an organisation / place name: the mention without a leading
    determiner, appositions, relative clauses and a final possessive; a common-noun head
    with a proper-noun apposition ("the firm Secunia.com") gives the apposition."""
    h = mention_head(doc, m)
    if h.upos != "PROPN":
        names = [c for c in h.children if c.deprel == "appos" and c.upos == "PROPN"
                 and m.first <= c.i <= m.last]
        if names:
            h = names[0]
    a, b = np_span(doc, h)
    a, b = max(a, m.first), min(b, m.last)
    return strip_possessive_end(doc, *strip_det(doc, a, b))


def has_propn(doc, a, b):
    return any(doc.toks[i].upos == "PROPN" for i in range(a, b + 1))


def canonical_name(doc, chain, etype):
    """The longest name among the mentions of a chain that contain a proper noun (one
    that spells GUM's identity link, e.g. "Simon_Li%C4%8Den", first)."""
    best = None
    for m in doc.chains.get(chain, ()):
        if not has_propn(doc, m.first, m.last):
            continue
        h = mention_head(doc, m)
        if h.upos == "PROPN" and any(c.deprel == "conj" and c.upos == "PROPN" and
                                     m.first <= c.i <= m.last for c in h.children):
            a, b = np_span(doc, h)  # "Jonathan M. Stan and John-Christian G. Rauschenberg"
            span = strip_det(doc, max(a, m.first), min(b, m.last))
        elif etype == "person":
            span = name_run(doc, m)
        else:
            span = other_name(doc, m)
        if span is None or not has_propn(doc, *span):
            continue
        text = doc.span_text(*span)
        key = (any(text == urllib.parse.unquote(x.identity).replace("_", " ")
                   for x in doc.chains[chain]), len(text))
        if best is None or key > best[0]:
            best = (key, text)
    return best[1] if best else None


def meta_speaker_name(doc, t):
    """The interview's "# speaker = FirstLast" for a first-person pronoun, when the same
    name occurs in the text as adjacent proper nouns ("First Last")."""
    meta = t.sid.get("speaker")
    if not meta:
        return None
    props = [u for u in doc.toks if u.upos == "PROPN"]
    for k in range(len(props)):
        for n in (1, 2, 3, 4):
            run = props[k:k + n]
            if len(run) < n or any(run[j + 1].i != run[j].i + 1 for j in range(n - 1)):
                break
            if "".join(u.form for u in run) == meta:
                return doc.span_text(run[0].i, run[-1].i)
    return None


def fallback_name(doc, chain, sp_span, sp_head):
    """Without a proper-noun mention: a common-noun speaker keeps its own words; a
    personal pronoun takes the nearest full mention before it in its chain (or, for "I"
    in an interview, the speaker the sentence is labelled with)."""
    if not (sp_head.upos == "PRON" and sp_head.lemma.lower() in PERSONAL_PRONOUNS):
        a, b = strip_det(doc, *sp_span)
        return doc.span_text(*strip_possessive_end(doc, a, b))
    best = None
    for m in doc.chains.get(chain, ()) if chain is not None else ():
        h = mention_head(doc, m)
        if h.upos == "PRON" or m.first > sp_head.i:
            continue
        best = m
    if best is None:
        if sp_head.lemma.lower() == "i":
            return meta_speaker_name(doc, sp_head)
        return None
    a, b = np_span(doc, mention_head(doc, best))
    a, b = max(a, best.first), min(b, best.last)
    return doc.span_text(*strip_possessive_end(doc, *strip_det(doc, a, b)))


def clean_role(doc, a, b):
    a, b = strip_det(doc, a, b)
    while a <= b and doc.toks[a].upos == "PUNCT":
        a += 1
    while b >= a and doc.toks[b].upos in ("PUNCT", "ADP", "CCONJ") and \
            doc.toks[b].form not in ")]":
        b -= 1
    if a > b:
        return None
    a, b = balance_brackets(doc, a, b)
    words = [doc.toks[i] for i in range(a, b + 1)]
    if not any(w.upos in ("NOUN", "PROPN") for w in words):
        return None
    if all(w.form.lower().rstrip(".") in HONORIFICS or w.upos == "PUNCT" for w in words):
        return None
    while a < b and doc.toks[a].form.lower().rstrip(".") in HONORIFICS:
        a += 1
    while b > a and doc.toks[b].form.lower().rstrip(".") in HONORIFICS:
        b -= 1
    return a, b


def role_of_mention(doc, m):
    """A title or apposition in one mention: the words before the name ("Interior
    Minister" Kalmukanbet Kasymov), or an appositive mention that is not a name."""
    run = name_run(doc, m)
    if run is not None:
        if run[0] > m.first:
            return clean_role(doc, m.first, run[0] - 1)
        return None
    h = mention_head(doc, m)
    if (h.upos == "NOUN" or is_title(h)) and \
            any(c.deprel == "appos" and c.upos == "PROPN" for c in h.children):
        a, b = np_span(doc, h)  # "the Afghan team's coach, Alireza Mehraban"
        return clean_role(doc, max(a, m.first), min(b, m.last))
    if m.link == "appos" and h.upos in ("NOUN", "PROPN"):
        a, b = np_span(doc, h)
        return clean_role(doc, max(a, m.first), min(b, m.last))
    return None


def speaker_role(doc, chain):
    """The first title or apposition in the chain (appositions first within a sentence)."""
    cands = []
    for m in doc.chains.get(chain, ()):
        r = role_of_mention(doc, m)
        if r:
            sent_start = doc.toks[m.first].sid["start"]
            cands.append((sent_start, m.link != "appos", m.first, r))
    if not cands:
        return None
    return doc.span_text(*min(cands)[3])


def speaker_type(doc, chain_type, chain, sp_head):
    if chain_type in ("organization", "place"):
        return "organization"
    if chain_type == "person":
        if any(c.deprel == "conj" for c in sp_head.children):
            return "group"
        if sp_head.upos == "PRON" and sp_head.lemma.lower() in ("we", "they"):
            return "group"
        heads = [sp_head] + [mention_head(doc, m) for m in doc.chains.get(chain, ())]
        for h in heads:
            if h.upos == "NOUN":
                return "group" if "Number=Plur" in h.feats else "person"
            if h.upos == "PROPN":
                return "person"
        return "group" if "Number=Plur" in sp_head.feats and \
            sp_head.lemma.lower() not in ("we", "you") else "person"
    return "unknown"


def describe_speaker(doc, sp_head):
    """speaker, speaker_name, speaker_role, speaker_type for a speaker head word."""
    out = dict(speaker=None, speaker_name=None, speaker_role=None, speaker_type="unknown")
    if sp_head is None:
        return out
    sp_span = np_span(doc, sp_head)
    m = speaker_mention(doc, sp_head)
    chain = m.chain if m else None
    etype = m.etype if m else None
    coordinated = any(c.deprel == "conj" for c in sp_head.children)
    name = None
    if m is not None and not coordinated:
        name = canonical_name(doc, chain, etype)
    if name is None:
        name = fallback_name(doc, chain, sp_span, sp_head)
    role = speaker_role(doc, chain) if etype == "person" and not coordinated else None
    if role is not None and name is not None and role.lower() == name.lower():
        role = None
    out.update(speaker=doc.span_text(*sp_span), speaker_name=name, speaker_role=role,
               speaker_type=speaker_type(doc, etype, chain, sp_head))
    return out


# ---------------------------------------------------------------------------------------
# Content spans and kinds
# ---------------------------------------------------------------------------------------


def is_word(t):
    return any(ch.isalnum() for ch in t.form)


def outer_quotes(doc):
    regs = []
    for o, c in doc.quote_regions:
        if any(o2 < o and c <= c2 for o2, c2 in doc.quote_regions):
            continue
        regs.append((o, c))
    return regs


def quote_of(regs, i):
    for o, c in regs:
        if o < i < c:
            return (o, c)
    return None


def segments(doc, tok_ids, regs):
    """Split content tokens into contiguous stretches (gaps with words split them); a
    stretch of fewer than three unquoted words joins the next one across the gap ("One of
    the highlights, Wikinews observed, was ...")."""
    tok_ids = sorted(tok_ids)
    segs, cur = [], [tok_ids[0]]
    for i in tok_ids[1:]:
        gap = range(cur[-1] + 1, i)
        if any(is_word(doc.toks[g]) for g in gap):
            segs.append((cur[0], cur[-1]))
            cur = [i]
        else:
            cur.extend(list(gap) + [i])
    segs.append((cur[0], cur[-1]))
    out = []
    for a, b in segs:
        if out and out[-1][2]:
            a = out.pop()[0]
        words = [i for i in range(a, b + 1) if is_word(doc.toks[i])]
        short = len(words) < 3 and not any(quote_of(regs, i) for i in words)
        out.append((a, b, short))
    return [(a, b) for a, b, _s in out]


def split_by_quote(doc, a, b, regs):
    """Split a stretch at sentence boundaries (outside quotation marks) where it passes
    between quoted and unquoted text ('X said Y. "Z."' -> 'Y.' and 'Z.')."""
    pieces = []
    start = a
    for i in range(a + 1, b + 1):
        if doc.toks[i].sid is not doc.toks[i - 1].sid and quote_of(regs, i) is None:
            pieces.append((start, i - 1))
            start = i
    pieces.append((start, b))

    def cls(p):
        words = [i for i in range(p[0], p[1] + 1) if is_word(doc.toks[i])]
        inside = [quote_of(regs, i) is not None for i in words]
        if words and all(inside):
            return "q"
        return "n" if not any(inside) else "m"
    out = []
    for p in pieces:
        if out and (cls(p) == "q") == (out[-1][2] == "q"):
            out[-1] = (out[-1][0], p[1], out[-1][2] if cls(p) == out[-1][2] else "m")
        else:
            out.append((p[0], p[1], cls(p)))
    return [(x, y) for x, y, _c in out]


def trim(doc, a, b):
    """Strip leading and trailing punctuation (quotation marks and brackets are dealt with
    later), a leading conjunction or complementiser "that", a leading bracketed note of at
    most three words ("(KCNA), the country's ...") and a trailing one after a quotation
    ('..." ((it))')."""
    def keep(t):
        return is_quote_mark(t) or t.form in "()[]"
    while a <= b:
        t = doc.toks[a]
        if t.upos == "PUNCT" and not keep(t):
            a += 1
        elif t.lemma.lower() == "that" and t.deprel == "mark":
            a += 1
        elif t.upos == "CCONJ" and a < b:
            a += 1
        elif t.form == "(" and a < b:
            close = next((k for k in range(a + 1, b + 1) if doc.toks[k].form == ")"), None)
            if close is None or len([k for k in range(a, close) if is_word(doc.toks[k])]) > 3:
                break
            a = close + 1
        else:
            break
    while True:
        while b >= a and doc.toks[b].upos == "PUNCT" and not keep(doc.toks[b]):
            b -= 1
        if b >= a and doc.toks[b].form == ")":
            k = b
            while k >= a and doc.toks[k].form == ")":
                k -= 1
            opener = k
            while opener >= a and doc.toks[opener].form not in "(":
                opener -= 1
            while opener - 1 >= a and doc.toks[opener - 1].form == "(":
                opener -= 1
            words = [i for i in range(opener, b) if is_word(doc.toks[i])]
            if opener > a and len(words) <= 3 and (is_quote_mark(doc.toks[opener - 1])
                                                   or doc.toks[opener - 1].form in ".!?"):
                b = opener - 1
                continue
        break
    return balance_brackets(doc, a, b)


def balance_brackets(doc, a, b):
    """Drop an unmatched bracket at either edge."""
    while True:
        unmatched_open, unmatched_close = [], []
        for i in range(a, b + 1):
            f = doc.toks[i].form
            if f in ("(", "["):
                unmatched_open.append(i)
            elif f in (")", "]"):
                if unmatched_open:
                    unmatched_open.pop()
                else:
                    unmatched_close.append(i)
        if unmatched_close and unmatched_close[-1] == b:
            b -= 1
        elif unmatched_open and unmatched_open[0] == a:
            a += 1
        else:
            return a, b
        while a <= b and doc.toks[a].upos == "PUNCT" and not is_quote_mark(doc.toks[a]) \
                and doc.toks[a].form not in "([":
            a += 1
        while b >= a and doc.toks[b].upos == "PUNCT" and not is_quote_mark(doc.toks[b]) \
                and doc.toks[b].form not in ")]":
            b -= 1


def piece_record(doc, a, b, regs, avoid=frozenset()):
    """(kind, start char, end char) of one content piece, or None.

    All words inside quotation marks: "direct", and the content is the whole text between
    the marks (a quotation is attributed as a unit). Some: "mixed", widened to the
    partner of a quotation mark that would otherwise be left unbalanced at an edge
    (never over the words in ``avoid``, the attributing unit). None: "indirect"."""
    a, b = trim(doc, a, b)
    words = [i for i in range(a, b + 1) if is_word(doc.toks[i])]
    if not words:
        return None
    qs = [quote_of(regs, i) for i in words]
    if all(qs):
        (o1, _c1), (_o2, c2) = qs[0], qs[-1]
        s_tok, e_tok = o1 + 1, min(c2, len(doc.toks)) - 1
        while e_tok > s_tok and not doc.toks[e_tok].form.strip():
            e_tok -= 1
        return "direct", doc.toks[s_tok].start, doc.toks[e_tok].end
    for o, c in regs:  # keep quotation marks balanced at the edges
        last = min(c, len(doc.toks) - 1)
        if a <= o <= b < c and not any(k in avoid for k in range(b + 1, last + 1)):
            b = last
        if o < a <= c <= b and not any(k in avoid for k in range(o, a)):
            a = o
    while a <= b and is_quote_mark(doc.toks[a]) and \
            not any(o == a and c <= b for o, c in doc.quote_regions):
        a += 1
    while b >= a and is_quote_mark(doc.toks[b]) and \
            not any(c == b and o >= a for o, c in doc.quote_regions):
        b -= 1
    while b >= a and doc.toks[b].upos == "PUNCT" and not is_quote_mark(doc.toks[b]) \
            and doc.toks[b].form not in ")]":
        b -= 1
    if a > b:
        return None
    words = [i for i in range(a, b + 1) if is_word(doc.toks[i])]
    qs = [quote_of(regs, i) for i in words]
    if all(qs):
        return piece_record(doc, a, b, regs, avoid)
    kind = "mixed" if any(qs) else "indirect"
    return kind, doc.toks[a].start, doc.toks[b].end


def is_quote_mark(t):
    return t.upos == "PUNCT" and t.form in QUOTE_CHARS


# ---------------------------------------------------------------------------------------
# Putting it together
# ---------------------------------------------------------------------------------------


def sentence_is_question(doc, t, regs):
    """The sentence of ``t`` ends in a question mark outside quotation marks."""
    toks = t.sid["toks"]
    for u in reversed(toks):
        if u.form in QUOTE_CHARS or u.upos != "PUNCT":
            if u.form in QUOTE_CHARS:
                continue
            return False
        if "?" in u.form:
            return quote_of(regs, u.i) is None
    return False


def drop_reason(doc, cue_kind, cue, region, content_ids, sp_head, regs):
    """Why an attribution is not a claim worth keeping, or None."""
    v = cue[0]
    rset = set(region)
    if quote_of(regs, v.i) is not None:
        return "cue inside a quotation"
    if cue_kind != "verb":
        return None
    lemma = v.lemma.lower()
    if sentence_is_question(doc, v, regs) and lemma not in QUESTION_CUES:
        return "question"
    if v.deprel == "acl:relcl" and not any(c.deprel.startswith("nsubj") and
                                           "PronType=Rel" in c.feats for c in v.children):
        return "inside a relative clause"
    if any(c.deprel == "mark" and c.lemma.lower() in HEDGE_MARKS for c in v.children):
        return "conditional or comparative"
    for i in region:
        t = doc.toks[i]
        if ("PronType=Rel" in t.feats or "PronType=Int" in t.feats) and t.head is not None \
                and t.head.i not in rset:
            return "relative or interrogative extraction"
    if "VerbForm=Inf" in v.feats and lemma not in ("say", "tell", "add") and \
            (v.deprel.startswith("xcomp") or any(c.lemma == "to" for c in v.children)):
        return "infinitive"
    if sp_head is not None and sp_head.lemma.lower() == "you":
        return "addressee or generic you"
    cset = set(content_ids)
    first_word = next((doc.toks[i] for i in content_ids if is_word(doc.toks[i])), None)
    if first_word is not None and first_word.deprel == "det" and first_word.head is not None:
        wh_lemma, first_word = first_word.lemma.lower(), first_word.head
    else:
        wh_lemma = first_word.lemma.lower() if first_word is not None else ""
    if first_word is not None and wh_lemma in WH_WORDS and \
            lemma not in QUESTION_CUES and quote_of(regs, first_word.i) is None and \
            (first_word.head is None or first_word.head.i not in cset
             or (first_word.head.head is None or first_word.head.head.i not in cset)
             and not any(c.deprel == "acl:relcl" for c in first_word.children)):
        return "embedded question"
    return None


# Attribution relations left out by hand after review, with the reason.
EXCLUDED = {
    ("GUM_interview_dungeon", 26): "the quoted advertisement is interleaved with the "
                                   "interviewee's own asides; its quoted parts are kept as "
                                   "unattributed quotations instead",
}


def extract(doc, log=None):
    """Gold attributions of one document (dicts in the export schema, plus "_" keys for
    diagnostics)."""
    regs = outer_quotes(doc)
    rels = attribution_relations(doc)
    attr_by_src = defaultdict(list)
    for src, rel, head, depth, _sig in rels:
        attr_by_src[src].append((rel, head, depth))
    out = []
    for src, rel, head, depth, sig in rels:
        if (doc.id, src) in EXCLUDED:
            if log is not None:
                log.append((doc.id, src, "excluded by hand", EXCLUDED[(doc.id, src)]))
            continue
        cedus, src_edus = content_edus(doc, src, head, depth, attr_by_src)
        region = sorted(i for e in src_edus for i in doc.edu_toks[e])
        content_ids = sorted(i for e in cedus for i in doc.edu_toks[e])
        if not content_ids:
            continue
        found = find_cue(doc, region, sig)
        if found is None:
            if log is not None:
                log.append((doc.id, src, "no speech/cognition cue",
                            doc.span_text(region[0], region[-1])))
            continue
        cue_kind, cue = found
        sp_head = speaker_head(cue_kind, cue)
        why = drop_reason(doc, cue_kind, cue, region, content_ids, sp_head, regs)
        if why:
            if log is not None:
                log.append((doc.id, src, why, doc.span_text(region[0], region[-1])))
            continue
        speaker = describe_speaker(doc, sp_head)
        if cue_kind == "according":
            cue_text = doc.text[cue[0].start:cue[-1].end]
        else:
            cue_text = cue[0].form
        region_set = set(region)
        for a, b in segments(doc, content_ids, regs):
            a = fronted_subject(doc, a, b, cue[0].i)
            for pa, pb in split_by_quote(doc, a, b, regs):
                rec = piece_record(doc, pa, pb, regs, region_set)
                if rec is None:
                    continue
                kind, start, end = rec
                content = doc.text[start:end]
                if kind != "direct" and len(re.findall(r"\w+", content)) < 3:
                    continue
                out.append(dict(doc_id=doc.id, kind=kind, content=content,
                                content_start=start, content_end=end, cue=cue_text,
                                **speaker, _src=src, _rel=rel, _cue=cue[0].i,
                                _origin="relation"))
    out.extend(unattributed_quotes(doc, out, regs))
    out.sort(key=lambda r: (r["content_start"], r["content_end"],
                            r["_cue"] if r["_cue"] is not None else 1 << 30))
    seen, unique = set(), []
    for r in out:  # one record per span: the outermost attribution (earliest cue) wins
        key = (r["content_start"], r["content_end"])
        if key not in seen:
            seen.add(key)
            unique.append(r)
    return unique


def fronted_subject(doc, a, b, cue_i):
    """Start of a content stretch widened over a subject that GUM left in the attributing
    unit ("The big hit of the evening, Wikinews observed, was the Polaroid-room ...")."""
    ids = range(a, b + 1)
    for i in ids:
        t = doc.toks[i]
        if t.head is None or t.head.i not in ids:
            subj = [c for c in t.children if c.deprel.startswith("nsubj") and c.i < a]
            if subj:
                sub = [x.i for x in doc.subtree(subj[0])]
                if cue_i not in sub and min(sub) < cue_i:
                    return min(sub)
            break
    return a


def bracketed(doc, t):
    """A word alone in brackets, like the "it" of Wikinews' "((it))" translation notes."""
    return 0 < t.i < len(doc.toks) - 1 and doc.toks[t.i - 1].form in "([" and \
        doc.toks[t.i + 1].form in ")]"


def quote_piece(doc, o, c):
    """The record span of a whole quotation (opening mark o, closing mark / end c)."""
    last = min(c, len(doc.toks)) - 1 if c >= len(doc.toks) or \
        not is_quote_mark(doc.toks[c]) else c
    return piece_record(doc, o, last, outer_quotes(doc))


def unattributed_quotes(doc, records, regs):
    """Direct quotations GUM gives no attribution relation, kept only where the speaker is
    clear:

    (a) the quotation hangs off a speech verb outside it, in the same sentence, that has a
        speaker ('"...," team member Rodaba Noori told the press, "to show ..."');
    (b) it fills its sentence(s) on its own (no words outside the marks), and the
        sentence just before it either holds a kept attribution with a named speaker
        (a quotation continued in the next sentence or paragraph) or ends in ":" or ","
        after a speech verb with a speaker ("Rathbun stated, / "Daniel was ...").
    """
    out = []
    covered = [(r["content_start"], r["content_end"]) for r in records]
    sents = doc.sents
    sent_index = {id(s): k for k, s in enumerate(sents)}
    for o, c in regs:
        end_tok = min(c, len(doc.toks) - 1)
        inner = [i for i in range(o + 1, min(c, len(doc.toks))) if is_word(doc.toks[i])]
        if len(inner) < 3:
            continue
        s_char, e_char = doc.toks[o].start, doc.toks[end_tok].end
        if any(a < e_char and s_char < b for a, b in covered):
            continue
        found = None
        # (a) a speech verb in the same sentence governs the quotation
        for i in range(o + 1, min(c, len(doc.toks))):
            t = doc.toks[i]
            v = t.head
            if v is None or o < v.i < c or t.upos == "PUNCT":
                continue
            if t.deprel.split(":")[0] not in ("ccomp", "parataxis", "obj", "dep", "conj"):
                break
            q = quote_of(regs, v.i)
            if q is None and v.upos == "VERB" and v.lemma.lower() in SPEECH_VERBS:
                sp = speaker_head("verb", [v])
                if sp is not None:
                    found = dict(cue=v.form, _cue=v.i, **describe_speaker(doc, sp))
            elif q is not None:
                # the second half of a split quotation ('"A," X told the press, "B."')
                same = [r for r in records if r.get("_cue") is not None and
                        doc.toks[r["_cue"]].sid is t.sid and
                        r["content_start"] < doc.toks[q[1] - 1].end and
                        doc.toks[q[0]].start < r["content_end"]]
                if same:
                    r = same[0]
                    found = {k: r[k] for k in ("cue", "_cue", "speaker", "speaker_name",
                                               "speaker_role", "speaker_type")}
            break
        if found is None:
            first_sent = doc.toks[o].sid
            if first_sent["toks"][0].i != o:
                continue
            k0 = sent_index[id(first_sent)]
            k1 = sent_index[id(doc.toks[end_tok].sid)]
            words_out = [t for k in range(k0, k1 + 1) for t in sents[k]["toks"]
                         if is_word(t) and not (o < t.i < c) and not bracketed(doc, t)]
            if words_out or k0 == 0:
                continue
            prev = sents[k0 - 1]
            prev_ids = {t.i for t in prev["toks"]}
            before = [r for r in records + out if r.get("_cue") in prev_ids and
                      r["speaker_name"]]
            if before:
                r = before[-1]
                found = dict(cue=None, speaker=None, _cue=None,
                             **{k: r[k] for k in ("speaker_name", "speaker_role",
                                                  "speaker_type")})
            elif prev["toks"][-1].form in (":", ","):
                verbs = [t for t in prev["toks"] if t.upos == "VERB" and
                         t.lemma.lower() in SPEECH_VERBS | {"call"} and
                         quote_of(regs, t.i) is None]
                for v in reversed(verbs):
                    sp = speaker_head("verb", [v])
                    if sp is not None:
                        found = dict(cue=v.form, _cue=v.i, **describe_speaker(doc, sp))
                        break
        if found is None:
            continue
        rec = quote_piece(doc, o, c)
        if rec is None or rec[0] != "direct":
            continue
        kind, start, end = rec
        out.append(dict(doc_id=doc.id, kind=kind, content=doc.text[start:end],
                        content_start=start, content_end=end, cue=found["cue"],
                        speaker=found["speaker"], speaker_name=found["speaker_name"],
                        speaker_role=found["speaker_role"], speaker_type=found["speaker_type"],
                        _src=None, _rel=None, _cue=found["_cue"], _origin="quote"))
    return out


# ---------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------

FIELDS = ("doc_id", "kind", "content", "content_start", "content_end", "cue", "speaker",
          "speaker_name", "speaker_role", "speaker_type")


def build(ud_dir, out_dir, log=None):
    """Write <out_dir>/gum/<doc_id>.txt, <out_dir>/gum.gold.jsonl and
    <out_dir>/gum.docs.jsonl; return (documents, attributions)."""
    out_dir = Path(out_dir)
    text_dir = out_dir / "gum"
    text_dir.mkdir(parents=True, exist_ok=True)
    for old in text_dir.glob("GUM_*.txt"):
        old.unlink()
    gold, manifest = [], []
    for doc in load(ud_dir):
        recs = extract(doc, log)
        if not recs:
            continue
        for r in recs:
            assert doc.text[r["content_start"]:r["content_end"]] == r["content"], r
        (text_dir / f"{doc.id}.txt").write_text(doc.text, encoding="utf-8", newline="")
        gold.extend({k: r[k] for k in FIELDS} for r in recs)
        manifest.append(dict(doc_id=doc.id, source=doc.source,
                             genre=doc.id.split("_")[1], title=doc.title, url=doc.url,
                             date=doc.date, chars=len(doc.text), attributions=len(recs),
                             from_relations=sum(r["_origin"] == "relation" for r in recs),
                             from_quotes=sum(r["_origin"] == "quote" for r in recs)))
    gold.sort(key=lambda r: (r["doc_id"], r["content_start"], r["content_end"]))
    manifest.sort(key=lambda r: r["doc_id"])
    with open(out_dir / "gum.gold.jsonl", "w", encoding="utf-8", newline="\n") as fh:
        for r in gold:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(out_dir / "gum.docs.jsonl", "w", encoding="utf-8", newline="\n") as fh:
        for r in manifest:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return manifest, gold


def main(argv=None):
    import argparse
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("ud_dir", help="folder with en_gum-ud-train.conllu and en_gum-ud-dev.conllu")
    ap.add_argument("out_dir", help="where gum/, gum.gold.jsonl and gum.docs.jsonl go")
    ap.add_argument("--log", action="store_true",
                    help="list the attribution relations left out, and why, on stderr")
    args = ap.parse_args(argv)
    log = [] if args.log else None
    manifest, gold = build(args.ud_dir, args.out_dir, log)
    kinds = defaultdict(int)
    for r in gold:
        kinds[r["kind"]] += 1
    print(f"{len(manifest)} documents, {len(gold)} attributions "
          f"({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))})")
    for item in log or ():
        print("left out: {} EDU {} ({}): {}".format(*item), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
