"""Find reported claims and attach cues and speakers to quotations.

Input: a ``ParsedText`` (words with dependency heads on the sentences that can hold an
attribution) and the direct quotations found in the raw text. Output: ``Candidate``
attributions with character spans; naming the speakers across the document is the job
of ``annotator.speakers``.

The constructions, each a small function:
- a cue verb with a clausal complement: "X said (that) ...", "X told RT ...",
  "X believes ...", "X warned ...";
- the reporting clause after its content: "..., X said." (parataxis in UD), or set off
  inside it: "The rules, said X, will apply"; "As X told Y, ...";
- requests: "X asked the people to ...";
- participial continuations: "..., adding that ..." (speaker of the cue before it);
- "according to X, ..." (also without a comma, and inside a relative clause);
- direct quotations: the nearest cue in the quotation's own sentence ("“A,” he said,
  “B.”", "X said: “...”", or a paragraph ending "X stated," before it), "in the words
  of X, “...”", else the speaker of the neighbouring attribution;
- mixed quotations: reported speech containing a partial quotation.

A compact parser often splits a clause ("said that losing the final | had been a lesson")
or hangs one on the wrong word; several helpers put the pieces back together, each
named for the split it repairs. Not claims: the question put to a speaker ("Asked
whether ..., X said"), a clause after the cue that says when or why (", X said, as
..."), and what a coordinated cue follows (", and the company responded").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from annotator.lexicon import (
    CUE_LEMMAS,
    ORGANIZATION_NOUNS,
    PERSON_NOUNS,
    REQUEST_VERBS,
    STATEMENT_NOUNS,
)
from annotator.parse import ParsedText, Word
from annotator.quotes import ALL_MARKS, Quote

SUBJECT = ("nsubj", "nsubj:pass", "csubj")
NOT_IN_MENTION = {"appos", "acl", "acl:relcl", "punct", "parataxis", "dep", "advcl",
                  "conj", "cc", "list"}
EDGE_PUNCT = set(",;:.-–—()[]“”\"‘’'«»!?…")
SCARE_MAX_WORDS = 3
EMBEDDED_QUESTION = {"what", "which", "who", "whom", "whose", "how", "why", "when", "where",
                     "whether", "if"}


@dataclass
class Span:
    start: int
    end: int

    def text(self, source: str) -> str:
        return source[self.start : self.end]


@dataclass
class Candidate:
    """An attribution before speakers are resolved across the document."""

    kind: str
    content: Span
    cue: Span | None = None
    cue_word: Word | None = None
    speaker_head: Word | None = None  # head word of the speaker mention
    speaker: Span | None = None
    apposition: Span | None = None  # "Ricardo Baretzky, president of ..., told RT"
    inherited: bool = False  # speaker taken from a neighbouring attribution
    construction: str = ""
    quotes: list[Quote] = field(default_factory=list)


# ---------------------------------------------------------------- tree helpers


def subtree(pt: ParsedText, i: int, skip: set[int] | None = None) -> list[int]:
    """Indices of word ``i`` and its descendants, not descending into ``skip``."""
    out, stack = [], [i]
    while stack:
        j = stack.pop()
        if skip and j in skip:
            continue
        out.append(j)
        stack.extend(pt.children[j])
    return sorted(out)


def child(pt: ParsedText, i: int, *deprels: str) -> Word | None:
    for j in pt.children[i]:
        if pt.words[j].deprel in deprels:
            return pt.words[j]
    return None


def trim(pt: ParsedText, idx: list[int], drop_marks: bool = False) -> list[int]:
    """Drop punctuation (and a leading "that") from both edges of a word list."""
    idx = sorted(idx)
    while idx and (pt.words[idx[0]].text in EDGE_PUNCT or pt.words[idx[0]].upos == "PUNCT"
                   or (drop_marks and pt.words[idx[0]].lower == "that"
                       and pt.words[idx[0]].upos in ("SCONJ", "PRON", "DET")
                       and len(idx) > 3)
                   or pt.words[idx[0]].deprel == "cc"):
        idx = idx[1:]
    while idx and (pt.words[idx[-1]].text in EDGE_PUNCT or pt.words[idx[-1]].upos == "PUNCT"):
        idx = idx[:-1]
    return idx


def contiguous(idx: list[int], around: int) -> list[int]:
    """The run of consecutive indices in ``idx`` that contains ``around``."""
    s = set(idx)
    if around not in s:
        return []
    a = b = around
    while a - 1 in s:
        a -= 1
    while b + 1 in s:
        b += 1
    return list(range(a, b + 1))


def span_of(pt: ParsedText, idx: list[int]) -> Span | None:
    if not idx:
        return None
    return Span(pt.words[idx[0]].start, pt.words[idx[-1]].end)


def in_quote_word(pt: ParsedText, w: Word) -> bool:
    return in_quote(w.start, pt.quotes) is not None


def in_quote(pos: int, quotes: list[Quote]) -> Quote | None:
    for q in quotes:
        if q.start <= pos < q.end:
            return q
    return None


# ---------------------------------------------------------------- cues and speakers


def is_cue(w: Word) -> bool:
    return w.upos == "VERB" and w.lemma.lower() in (CUE_LEMMAS | REQUEST_VERBS)


def speaker_of(pt: ParsedText, v: Word, quotes: list[Quote]) -> Word | None:
    """The speaker's head for cue ``v`` from the parse, else from word order; never a
    word inside a quotation (that is the quoted speech talking)."""
    paren = _parenthetical_speaker(pt, v)
    if paren is not None:
        return paren
    earlier = _cue_before(pt, v, quotes) if v.lower.endswith("ing") or v.xpos == "VBG" \
        else None
    if earlier is not None and v.xpos == "VBG":
        # "..., noting that ...": the speaker of the cue before it in the sentence, even
        # when the parse hangs the participle on a verb inside that cue's claim
        return speaker_of(pt, earlier, quotes)
    subj = subject_of(pt, v) if pt.parsed[v.sent] else None
    if subj is not None and in_quote(subj.start, quotes):
        subj = None
    if subj is not None and subj.i > v.i and not subj.deprel.startswith("obl"):
        # a subject after the cue is an inversion ("..., said Kasymov") only when no
        # speaker stands before the cue, and never after "told" (that is the hearer)
        before = subject_before(pt, v, quotes)
        if before is not None or v.lemma.lower() in OBJECT_FIRST:
            subj = before
    if subj is None and earlier is not None:
        # "..., adding that ...": the speaker of the cue before it in the sentence
        return speaker_of(pt, earlier, quotes)
    if subj is not None and subj.i < v.i and pt.words[v.i - 1].text == ",":
        # "X, director of the ... Center for Studies, told RT": a noun inside the
        # apposition is not the speaker; the name before the apposition is
        k = v.i - 2
        while k > pt.sents[v.sent][0] and pt.words[k].text != ",":
            k -= 1
        if k < subj.i:
            subj = subject_before(pt, v, quotes) or subj
    if subj is not None and subj.i < v.i and (subj.upos == "NOUN" or (
            subj.upos == "PROPN" and subj.lower in PERSON_NOUNS)):
        # "The mayor of Faenza, Massimo Isola, said": the name set off after the subject
        # (before the subject's own verb: "..., Grant Shapps, called ... and urged")
        own = pt.words[subj.head] if subj.head is not None else v
        subj = _name_in_apposition(pt, subj, own if subj.i < own.i <= v.i else v) or subj
    if subj is not None and subj.lower in ("who", "which", "that") and \
            v.deprel.startswith("acl") and v.head is not None and \
            pt.words[v.head].upos in ("NOUN", "PROPN"):
        # "Devocht, who had told Montalvo he would help": the relative pronoun's
        # antecedent speaks
        subj = pt.words[v.head]
    if subj is not None and subj.lemma.lower() in ("hour", "day", "minute", "week", "month",
                                                   "moment") and subj.i < v.i:
        # "..., hours after a newspaper reported that ...": the parse made the time the
        # subject and the reporter an "after" phrase
        after = [pt.words[j] for j in pt.children[v.i] if subj.i < j < v.i
                 and pt.words[j].deprel.startswith("obl") and child(pt, j, "case") is not None
                 and child(pt, j, "case").lower in ("after", "before")]
        if after:
            subj = after[0]
    if subj is not None and subj.upos in ("NUM", "PRON", "DET"):
        # "One of them, economist Lars Berg, argued": the name in apposition speaks
        # ("One of them, retired teacher Anne Kowalski, 71, said", parsed as an nmod)
        # (or hung on "them": "One of them, former Royal Marine Steve Doyle, 64, said")
        named = [pt.words[j] for j in subtree(pt, subj.i)
                 if pt.words[j].upos in ("PROPN", "NOUN") and pt.words[j].head is not None
                 and pt.words[pt.words[j].head].upos in ("NUM", "PRON", "DET") and (
                     pt.words[j].deprel == "appos" or (
                         pt.words[j].deprel in ("nmod", "conj") and pt.words[min(
                             k for k in subtree(pt, j) if pt.words[k].upos != "PUNCT") - 1
                         ].text == ","))]
        if named:
            subj = named[0]
    fronted = _fronted_name(pt, v)
    if fronted is not None and (subj is None or fronted.i + 1 < subj.i < v.i):
        # "Russia, Kazakhstan's partner ... - a security organization which includes
        # ... Kyrgyzstan - said": the parse took a noun from the aside
        return fronted
    return subj or surface_subject(pt, v, quotes)


def _cue_before(pt: ParsedText, v: Word, quotes: list[Quote]) -> Word | None:
    """For a participle after a comma ("..., adding that ..."): the last cue before it in
    its sentence, outside quotations."""
    if v.i == 0 or pt.words[v.i - 1].text != ",":
        return None
    a = pt.sents[v.sent][0]
    earlier = [w for w in pt.words[a : v.i] if is_cue(w) and not in_quote(w.start, quotes)]
    return earlier[-1] if earlier else None


def _parenthetical_speaker(pt: ParsedText, v: Word) -> Word | None:
    """The name in a cue set off by commas inside the claim: "Recipients, said Mauer,
    must show the photographs" (the words before the first comma are not the speaker)."""
    a, b = pt.sents[v.sent]
    if v.i - 1 <= a or pt.words[v.i - 1].text != "," or v.lemma.lower() in OBJECT_FIRST:
        return None
    j = v.i + 1
    while j < b and (pt.words[j].upos == "PROPN" or _inside_word(pt, j)):
        j += 1
    if j == v.i + 1 or j + 1 >= b or pt.words[j].text != ",":
        return None
    if not any(w.upos in ("VERB", "AUX") for w in pt.words[j + 1 : b]):
        return None
    return pt.words[j - 1]


def _inserted_clause(pt: ParsedText, v: Word, subj: Word | None) -> bool:
    """ "Climate models, she said, had predicted this": a reporting clause in subject
    order set off by commas inside the claim (the parse makes the claim's own subject a
    second subject of the cue). Not where quotation marks stand: they mark the claim."""
    if subj is None or subj.i >= v.i:
        return False
    a, b = pt.sents[v.sent]
    k = subj.i
    while k - 1 > a and pt.words[k - 1].upos == "PROPN":
        k -= 1
    if k - 1 <= a or pt.words[k - 1].text != "," or v.i + 2 >= b or \
            pt.words[v.i + 1].text != ",":
        return False
    if any(pt.words[j].upos not in ("PROPN", "AUX", "ADV", "PART") for j in range(subj.i + 1, v.i)):
        return False
    if any(in_quote(w.start, pt.quotes) for w in pt.words[a:b]):
        return False
    # before: a subject, no clause of its own ("Markets had expected the move, analysts
    # said, and ..."); after: its verb ("had predicted"), not "and ..." or "a move that"
    if any(w.xpos in FINITE for w in pt.words[a : k - 1]):
        return False
    nxt = pt.words[v.i + 2]
    if nxt.upos == "ADV" and v.i + 3 < b:
        nxt = pt.words[v.i + 3]
    return nxt.upos in ("VERB", "AUX")


def _fronted_name(pt: ParsedText, v: Word) -> Word | None:
    """The name opening the sentence when only asides stand between it and the cue:
    "NAME, <apposition, relative clauses, brackets> - said"."""
    a = pt.sents[v.sent][0]
    if v.i - 1 <= a or pt.words[v.i - 1].text not in (",", "-", "—", "–", ")"):
        return None
    r = a
    while r + 1 < v.i and pt.words[r + 1].upos == "PROPN":
        r += 1
    if pt.words[a].upos != "PROPN" or pt.words[r + 1].text != ",":
        return None
    for k in range(r + 2, v.i):
        w = pt.words[k]
        relative = any(pt.words[j].lower in RELATIVE for j in range(max(a, k - 3), k))
        if w.xpos in FINITE and not relative:
            return None  # a clause of its own: not an aside
    return pt.words[r]


def subject_of(pt: ParsedText, v: Word, depth: int = 0) -> Word | None:
    """The speaker's head word for cue ``v``: its subject, the agent of a passive, or
    the subject of the governing verb for "..., adding that ..." and "and added"."""
    subjects = [pt.words[j] for j in pt.children[v.i] if pt.words[j].deprel in SUBJECT]
    # several "subjects" are a name the parse did not join: take the one nearest the cue
    before = [w for w in subjects if w.i < v.i]
    subj = before[-1] if before else (subjects[0] if subjects else None)
    if len(before) >= 2 and _apposition_as_subject(pt, before[-2], before[-1], v):
        subj = before[-2]
    if subj is not None and subj.deprel == "nsubj:pass" and depth and \
            v.lemma.lower() in ("quote", "report", "cite"):
        return subj  # "X was quoted as saying ...": the one quoted speaks
    if subj is not None and subj.deprel == "nsubj:pass":
        agent = child(pt, v.i, "obl:agent")
        if agent is None:
            for j in pt.children[v.i]:
                w = pt.words[j]
                if w.deprel.startswith("obl") and child(pt, j, "case") and \
                        child(pt, j, "case").lower == "by":
                    agent = w
        return agent
    if subj is not None:
        return subj
    if depth and v.i and any(e.type == "PERSON" and e.end == v.i for e in pt.entities):
        # "... after Finance Minister Suresh Bhandari rejected demands, saying ...": the
        # parse took the person for part of the phrase before; the name stands right
        # before the verb
        return pt.words[v.i - 1]
    if depth < 2 and v.head is not None and _continues(pt, v):
        return subject_of(pt, pt.words[v.head], depth + 1)
    return None


def _apposition_as_subject(pt: ParsedText, name: Word, noun: Word, v: Word) -> bool:
    """ "Valeska Paris, an Australian woman and former Scientologist, has claimed": the
    parse made the apposition a second subject; the name set off before it speaks."""
    if name.upos != "PROPN" or noun.upos != "NOUN":
        return False
    phrase = [j for j in contiguous(subtree(pt, noun.i, set()), noun.i)
              if pt.words[j].upos != "PUNCT"]
    if not phrase or phrase[0] < 2 or pt.words[phrase[0] - 1].text != ",":
        return False
    name_end = phrase[0] - 2  # the word before the opening comma ends the name
    if not (name.i <= name_end and all(pt.words[j].upos == "PROPN"
                                       for j in range(name.i, name_end + 1))):
        return False
    rest = pt.words[phrase[-1] + 1 : v.i]  # up to the cue: the closing comma, auxiliaries
    return bool(rest) and rest[0].text == "," and all(
        w.upos in ("AUX", "ADV", "PART", "PUNCT") for w in rest[1:])


def _name_in_apposition(pt: ParsedText, subj: Word, v: Word) -> Word | None:
    """ "The mayor of Faenza, Massimo Isola, said": the name set off by commas between
    the subject's noun phrase and the cue, which the parse hung elsewhere (a conjunct of
    "Faenza"); its first word, or None."""
    k = v.i - 1
    while k > subj.i and pt.words[k].upos in ("AUX", "ADV", "PART"):
        k -= 1
    if k - 2 > subj.i and pt.words[k].text == "," and pt.words[k - 1].text.isdigit() and \
            pt.words[k - 2].text == ",":
        k -= 2  # past the age: "A passenger, Maria Schmidt, 34, said"
    if k <= subj.i or pt.words[k].text != ",":
        return None
    j = k - 1
    while j > subj.i and pt.words[j].upos == "PROPN" and pt.words[j].text[:1].isupper():
        j -= 1
    name = pt.words[j + 1 : k]
    while j > subj.i and pt.words[j].lower in PERSON_NOUNS:
        j -= 1  # "The key witness, businessman Pablo Serrano, testified"
    if name and name[0].deprel == "appos" and name[0].head == subj.i:
        return None  # the parse got it: the mention's apposition gives name and role
    if len(name) < 2 or pt.words[j].text != ",":
        return None
    covering = [e.type for e in pt.entities if e.start <= name[-1].i and name[0].i < e.end]
    # a person's name, or a name the NER missed or took for a place after a person's
    # title ("The mayor of Carlisle, Helen Ward, said"; "Ward" is also a district)
    if covering != ["PERSON"] and (any(t != "GPE" for t in covering)
                                   or subj.lemma.lower() not in PERSON_NOUNS):
        return None
    # the subject's phrase runs up to the opening comma
    if max(subtree(pt, subj.i, {w.i for w in name})) < j - 1:
        return None
    return name[0]


def _continues(pt: ParsedText, v: Word) -> bool:
    """ "..., adding that ..." or "... and added that ...": the cue carries on the
    sentence of its governing verb, whose subject is the speaker."""
    if v.deprel in ("advcl", "xcomp") and v.lower.endswith("ing"):
        return True
    if v.deprel == "conj":
        prev = pt.words[v.i - 1] if v.i > 0 else None
        return prev is not None and prev.lower in ("and", "but")
    return v.deprel == "xcomp"


def _and_in_a_name(pt: ParsedText, last: int, hi: int) -> list[int]:
    """ "The Food | and Drink Federation": an organisation's name with "and" in it, which
    the parse split into conjuncts (two people, "Anna Berg and Tom Harris", stay two)."""
    run = []
    j = last + 2
    if j >= hi or pt.words[last + 1].lower != "and" or not pt.words[last].text[:1].isupper():
        return []
    while j < hi and pt.words[j].upos in ("PROPN", "NOUN") and pt.words[j].text[:1].isupper():
        run.append(j)
        j += 1
    if run and pt.words[run[-1]].lower in ORGANIZATION_NOUNS:
        return [last + 1, *run]
    return []


def mention_words(pt: ParsedText, head: Word) -> list[int]:
    """The speaker mention as written: the subject's phrase without appositions,
    relative clauses or anything after a comma."""
    skip = {j for j in pt.children[head.i] if pt.words[j].deprel in NOT_IN_MENTION
            or pt.words[j].deprel == "case" or pt.words[j].lower in TIME_WORDS}
    # ("The prime minister's office on Tuesday denied": when, not who)
    idx = contiguous(subtree(pt, head.i, skip), head.i)
    # whatever the parse says, a mention does not run across a comma, bracket or dash
    idx = [j for j in idx if not _barrier_between(pt, j, head.i)]
    if head.upos in ("PROPN", "NOUN") and idx:
        # repair a phrase split by the parse: "Ricardo | Baretzky", "the Kazakh national
        # counter-terrorism | staff"
        a, b = idx[0], idx[-1]
        lo, hi = pt.sents[head.sent]
        while a - 1 >= lo:
            w = pt.words[a - 1]
            if w.lower in TIME_WORDS:
                break  # "Yesterday | Transport Minister Anna Berg said"
            if w.upos in ("ADJ", "NOUN", "PROPN", "NUM") or w.text in ("'s", "’s") \
                    or _inside_word(pt, a - 1) or _plural_possessive(pt, a - 1) \
                    or (a - 1 == lo and w.xpos == "VBG" and w.text[:1].isupper()
                        and head.upos == "PROPN"):  # "Downing | Street said"
                a -= 1
                continue
            if w.upos == "DET":
                a -= 1
            break
        while b + 1 < hi and head.upos == "PROPN" and (pt.words[b + 1].upos == "PROPN" or (
                _inside_word(pt, b + 1) and b + 2 < hi and pt.words[b + 2].upos == "PROPN")):
            b += 1  # "Oteng | -Darko said": the parse leaves out the hyphen, as punctuation
        idx = sorted(set(idx) | set(range(a, b + 1)))
        idx = sorted(set(idx) | set(_and_in_a_name(pt, idx[-1], hi)))
        b = idx[-1]
        if b + 3 < hi and pt.words[b + 1].lower in ("familiar", "close") and \
                pt.words[b + 2].lower in ("with", "to"):
            # "people familiar with the matter", "sources close to the talks"
            b += 3
            while b + 1 < hi and pt.words[b + 1].upos in ("DET", "ADJ", "NOUN", "PROPN"):
                b += 1
            idx = sorted(set(idx) | set(range(idx[-1] + 1, b + 1)))
    idx = trim(pt, idx)
    while len(idx) > 1 and (pt.words[idx[0]].upos in ("ADP", "SCONJ", "CCONJ", "PART") or
                            pt.words[idx[0]].lower in ("what", "which", "whatever")):
        idx = idx[1:]  # "(according) to police", "by the ministry", "in what critics called"
    articles = [j for j in idx[1:] if j < head.i and pt.words[j].lower in PHRASE_OPENERS]
    if articles:  # "Overnight | the police", "As a result | some folks": an article opens it
        idx = [j for j in idx if j >= articles[-1]]
    return idx


BARRIERS = {",", "(", ")", "—", "–", "-", ";", ":", "[", "]"}
PHRASE_OPENERS = {"the", "a", "an", "some", "many", "several"}
# nouns of time that open a sentence before its subject
TIME_WORDS = {"yesterday", "today", "tonight", "tomorrow", "monday", "tuesday", "wednesday",
              "thursday", "friday", "saturday", "sunday", "now"}


def _barrier_between(pt: ParsedText, a: int, b: int) -> bool:
    """A separating mark between word ``a`` and the head ``b`` (or ``a`` itself)."""
    lo, hi = min(a, b), max(a, b)
    return any(pt.words[k].text in BARRIERS and not _inside_word(pt, k)
               for k in range(lo, hi + 1) if k != b)


def _plural_possessive(pt: ParsedText, k: int) -> bool:
    """The apostrophe of "Supporters' groups" (right after a word ending in "s")."""
    w = pt.words[k]
    return w.text in ("'", "’") and k > 0 and pt.words[k - 1].end == w.start and \
        pt.words[k - 1].text.lower().endswith("s")


def _inside_word(pt: ParsedText, k: int) -> bool:
    """A hyphen inside a name ("Al-Maeena", "counter-terrorism", "Council on American -
    Islamic Relations" as one entity) joins, not separates."""
    w = pt.words[k]
    if w.text not in ("-", "–"):
        return False
    if any(e.start < k < e.end - 1 for e in pt.entities):
        return True
    before = pt.words[k - 1] if k > 0 else None
    after = pt.words[k + 1] if k + 1 < len(pt.words) else None
    if before and after and before.end == w.start and w.end == after.start:
        return True
    # spaced, inside a name the NER missed: "Council on British - Polish Relations"
    return k >= 3 and after is not None and pt.words[k - 2].lower in ("on", "of", "for") and \
        all(pt.words[j].text[:1].isupper() for j in (k - 3, k - 1, k + 1))


def apposition_of(pt: ParsedText, head: Word) -> Span | None:
    app = child(pt, head.i, "appos")
    if app is None or app.i < head.i:
        return None
    idx = trim(pt, subtree(pt, app.i))
    return span_of(pt, idx)


def surface_subject(pt: ParsedText, v: Word, quotes: list[Quote] | None = None
                    ) -> Word | None:
    """When the parse gives no usable subject: the noun or pronoun right before the cue
    ("..., the staff said"), the name before an apposition ("X, president of Y, told"),
    or the name right after the cue ("..., said Kasymov")."""
    before = subject_before(pt, v, quotes)
    if before is not None or v.lemma.lower() in OBJECT_FIRST:
        return before  # after "told" stands the hearer, not the speaker
    a, b = pt.sents[v.sent]
    j = v.i + 1
    for e in pt.entities:  # "..., said Ahmed Karimi" even when the tagger stumbles
        # (also after a title it took for a verb: "said works council chief Ergun Lümali")
        titled = e.type == "PERSON" and j < e.start <= j + 4 and \
            (e.end == b or pt.words[e.end].text in (",", ".")) and \
            any(pt.words[k].lower in PERSON_NOUNS for k in range(j, e.start)) and \
            all(pt.words[k].text.islower() for k in range(j, e.start))
        if (e.start == j or titled) and e.type in ("PERSON", "ORG", "GPE"):
            end = e.end
            if e.type == "PERSON":  # the NER ran on: "Ursula Kent | of the European ..."
                end = next((k for k in range(e.start + 1, e.end)
                            if pt.words[k].lower in ("of", "for")), end)
            return pt.words[end - 1]
    if j < b and pt.words[j].lower not in ("that", "this", "it") and (
            pt.words[j].upos in ("PROPN", "PRON", "NOUN", "DET", "ADJ") or (
                # "..., said one woman, who ...", "said two witnesses"
                pt.words[j].upos == "NUM" and j + 1 < b and pt.words[j + 1].upos == "NOUN")):
        # (an age inside: "said a 22-year-old woman who ...")
        while j + 1 < b and (pt.words[j + 1].upos in ("PROPN", "NOUN", "ADJ", "NUM") or
                             pt.words[j + 1].text == "-") and pt.words[j].upos != "PRON":
            j += 1
        w = pt.words[j]
        if w.deprel.startswith("nsubj") and w.head is not None and w.head != v.i and \
                pt.words[w.head].deprel == "ccomp" and pt.words[w.head].head == v.i:
            return None  # "said the fine could have been higher": the claim's own subject
        if w.upos in ("PROPN", "PRON", "NOUN"):
            return w
    return None


def subject_before(pt: ParsedText, v: Word, quotes: list[Quote] | None = None
                   ) -> Word | None:
    """The noun phrase standing right before the cue, by word order."""
    a = pt.sents[v.sent][0]
    j = v.i - 1
    while j >= a and pt.words[j].upos in ("ADV", "AUX", "PART"):
        j -= 1
    if j >= a and pt.words[j].text == ",":
        # "Ricardo Baretzky, president of the ..., told RT" or "The mayor of X, John
        # Carter, said": a name between the commas speaks, else the name before them
        k = j - 1
        while k >= a and pt.words[k].text != ",":
            k -= 1
        segment = pt.words[k + 1 : j]
        written = pt.text[segment[0].start : segment[-1].end] if segment else ""
        if k > a and ((len(segment) == 1 and segment[0].text.strip(".") in POST_NOMINALS)
                      or PARTY_STATE.fullmatch(written)):
            j = k - 1  # "Tom Molomby, SC, said", "Chuck Schumer, D-N.Y., said": not a name
        elif segment and k >= a and all(w.upos == "PROPN" or _inside_word(pt, w.i)
                                        for w in segment):
            j = j - 1
        elif k > a and pt.words[k - 1].upos in ("PROPN", "X"):
            j = k - 1
        else:
            return None
    if j >= a and (pt.words[j].upos in ("PROPN", "NOUN", "PRON") or is_age(pt, j)) and not (
            quotes and in_quote(pt.words[j].start, quotes)):
        return pt.words[j]
    return None


def is_age(pt: ParsedText, j: int) -> bool:
    """ "the 74-year-old": a person, whatever tag the last word got."""
    return j >= 2 and pt.words[j].lower == "old" and pt.words[j - 1].text == "-" and \
        pt.words[j - 2].lower in ("year", "years")


# ---------------------------------------------------------------- contents


def content_of(pt: ParsedText, v: Word, subj: Word | None = None
               ) -> tuple[list[int], str] | None:
    """The words of the claim introduced by cue ``v`` (spoken by ``subj``, found by
    ``speaker_of``) and the construction's name."""
    lemma = v.lemma.lower()
    if _parenthetical_speaker(pt, v) is not None or _inserted_clause(pt, v, subj):
        # the claim runs around ", said X," or ", she said,"
        a, b = pt.sents[v.sent]
        return trim(pt, list(range(a, b))), "parenthetical cue"
    if v.deprel == "advcl" and v.head is not None and v.head > v.i and any(
            pt.words[m].deprel == "mark" and pt.words[m].lower == "as"
            for m in pt.children[v.i]):
        # "As Heald told The Huffington Post, ozone has dropped": the main clause
        own = set(subtree(pt, v.i))
        idx = [j for j in subtree(pt, v.head) if j not in own and j > max(own)]
        return trim(pt, idx), "as-clause"
    comps = [pt.words[j] for j in pt.children[v.i] if pt.words[j].deprel == "ccomp"
             and pt.words[j] is not subj  # "said a 22-year-old woman": the speaker
             and not (subj is not None and subj.i > v.i and subj.i in subtree(pt, j)
                      and child(pt, j, *SUBJECT) is None)  # "said works council chief X"
             and not _adverbial_after(pt, v, pt.words[j])
             and not _apposition_after(pt, v, pt.words[j])
             and not _participle_after(pt, v, pt.words[j])]
    # a complement after the cue wins over a clause the parse hung on it from before
    # ("With the browser almost complete, Microsoft announced that ..."), unless it is
    # a cue of its own (", adding that ...")
    comp = next((c for c in comps if c.i > v.i and not (is_cue(c) and c.xpos == "VBG")),
                comps[0] if comps else None)
    if comp is not None and comp.i > v.i and min(subtree(pt, comp.i)) < v.i and \
            subj is None:
        # the parse hung words before the cue on its complement: keep what follows
        idx = [j for j in subtree(pt, comp.i) if j > v.i]
        return trim(pt, idx, drop_marks=True), "complement"
    if comp is None and lemma == "tell":
        # "Witnesses told the Evening Post they heard ...": the parse took the claim for a
        # relative clause on the hearer; it has a subject of its own ("they", "he")
        for o in (pt.words[j] for j in pt.children[v.i] if pt.words[j].deprel == "obj"):
            for r in (pt.words[j] for j in pt.children[o.i]
                      if pt.words[j].deprel == "acl:relcl" and j > o.i):
                own = child(pt, r.i, "nsubj")
                if own is not None and own.upos == "PRON" and "Case=Nom" in own.feats:
                    return trim(pt, subtree(pt, r.i), drop_marks=True), "complement"
    if lemma in REQUEST_VERBS:  # "asked the people to be cautious": who, and what
        obj, xcomp = child(pt, v.i, "obj", "iobj"), child(pt, v.i, "xcomp", "ccomp")
        if obj is not None and xcomp is not None and obj.i < xcomp.i and \
                any(pt.words[j].lower == "to" for j in pt.children[xcomp.i]):
            idx = subtree(pt, obj.i) + subtree(pt, xcomp.i) + _coordinated(pt, v, xcomp)
            return trim(pt, list(range(min(idx), max(idx) + 1))), "request"
    gerund = _gerund_subject_clause(pt, v)
    if gerund:
        return trim(pt, gerund), "complement"
    if comp is not None:
        split = _split_that_clause(pt, v) or _object_as_subject(pt, v, comp)
        if split:
            return trim(pt, split, drop_marks=True), "complement"
        idx = subtree(pt, comp.i) + _coordinated(pt, v, comp)
        if comp.i < v.i and child(pt, comp.i, *SUBJECT) is None:
            # "One of the men was in a serious condition, a police spokeswoman said": the
            # parse made the claim's subject a second subject of the cue
            own = [j for j in pt.children[v.i] if pt.words[j].deprel in SUBJECT
                   and j < comp.i and (subj is None or j != subj.i)]
            idx += subtree(pt, own[0]) if own else []
        if subj is not None and comp.i < subj.i < v.i:
            # the parse hung the speaker inside the claim before the cue: cut it off (with
            # a role set off before the name: '“...,” Trackline's managing director,
            # Steven Ashdown, said')
            start = min(mention_words(pt, subj) + [subj.i])
            k = start - 1
            if k > 0 and pt.words[k].text == ",":
                k -= 1
                while k > 0 and (pt.words[k].upos in ("NOUN", "PROPN", "ADJ", "DET", "PART")
                                 or pt.words[k].deprel == "amod"):
                    k -= 1
                if pt.words[k].upos == "PUNCT" and pt.words[k].text in ALL_MARKS:
                    start = k + 1
            idx = [j for j in idx if j < start]
        return trim(pt, sorted(idx), drop_marks=True), "complement"
    if any(pt.words[j].deprel == "obj" and pt.words[j].lower in RELATIVE
           for j in pt.children[v.i]):
        return None  # "a policy which the UN criticised": the policy, not a claim
    if v.head is not None and v.deprel in ("parataxis", "ccomp", "advcl", "conj") \
            and v.head < v.i and child(pt, v.i, "mark") is None \
            and not (v.deprel == "conj" and _continues(pt, v)) \
            and _reporting_clause_follows(pt, v, subj):  # "by proposing" reports nothing
        head = pt.words[v.head]
        if head.i == pt.sents[v.sent][0] and head.xpos in ("VBN", "VBG", "VBD") and \
                child(pt, head.i, *SUBJECT) is None:
            # "Asked whether he would resign, X said": a participle clause (the question
            # put to X), not a claim; imperatives ("Stay calm, police said") are VB
            return None
        idx = [j for j in subtree(pt, head.i, skip={v.i}) if j < v.i]
        a, b = pt.sents[v.sent]
        own = set(subtree(pt, v.i))
        if len(_before_reporting_clause(pt, v, subj, idx)) < 3 and \
                all(j in own or pt.words[j].upos == "PUNCT" for j in range(v.i + 1, b)):
            # the parse hung the cue on a subordinate verb and left the claim a word or
            # two ("A strike will go ahead after talks | broke down, both sides said"):
            # when the reporting clause ends the sentence, the claim is all before it
            # (from the last dash, bracket or semicolon)
            marks = [j for j in range(a, v.i) if pt.words[j].text in ("—", "–", "(", ";")]
            idx = list(range(marks[-1] + 1 if marks else a, v.i))
        idx = _before_reporting_clause(pt, v, subj, idx)
        return trim(pt, idx), "reporting clause after"
    for j in pt.children[v.i]:
        w = pt.words[j]
        if w.deprel in ("parataxis", "ccomp") and w.i < v.i:
            idx = _before_reporting_clause(pt, v, subj, subtree(pt, j))
            return trim(pt, idx), "reporting clause after"
    return _surface_content(pt, v, subj)


def _apposition_after(pt: ParsedText, v: Word, c: Word) -> bool:
    """ "said Eri Kaneko, a spokesperson for OCHA": a noun phrase set off by a comma
    after the cue, with no verb (but in a relative clause: "a nurse who travels from
    Reading"), describes the speaker; it is not what was said."""
    words = subtree(pt, c.i)
    relative = {j for k in pt.children[c.i] if pt.words[k].deprel.startswith("acl")
                for j in subtree(pt, k)}
    # (a participle before the noun describes too: "a retired nurse")
    return c.i > v.i and c.upos in ("NOUN", "PROPN") and \
        not any(pt.words[j].upos in ("VERB", "AUX") and pt.words[j].deprel != "amod"
                for j in words if j not in relative) and \
        "," in pt.text[v.end : pt.words[min(words)].start + 1]


def _participle_after(pt: ParsedText, v: Word, c: Word) -> bool:
    """ "..., the carrier said, stranding thousands of passengers": a participle clause set
    off after the cue by a comma, with no subject of its own, goes on with the news; it is
    not what was said."""
    return c.i > v.i and c.xpos == "VBG" and not is_cue(c) and \
        child(pt, c.i, *SUBJECT) is None and pt.words[c.i - 1].text == ","


def _adverbial_after(pt: ParsedText, v: Word, c: Word) -> bool:
    """ "..., officials said, as rivers burst their banks": a clause set off after the cue
    by a comma and opened by "as", "while", "because" ... tells when or why, it is not
    what was said."""
    marks = [pt.words[m] for m in pt.children[c.i] if pt.words[m].deprel == "mark"]
    return c.i > v.i and any(m.lower in ADVERBIAL_MARKS and "," in pt.text[v.end : m.start]
                             for m in marks)


# letters after a name: "Tom Molomby, SC", "John Smith, Jr."
POST_NOMINALS = {"SC", "QC", "KC", "MP", "MEP", "MSP", "Jr", "Sr", "PhD", "MD", "OBE", "MBE",
                 "CBE", "KBE", "Esq"}
# a US politician's party and state: "Chuck Schumer, D-N.Y.,"
PARTY_STATE = re.compile(r"[DRI]-[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?")
COMPLEMENTIZERS = {"that", "to", "whether", "if"}
MODALS = {"will", "would", "shall", "should", "can", "could", "may", "might", "must", "'ll",
          "’ll"}
# verbs that take a clause of their own inside a claim ("the findings show ...")
EVIDENCE_VERBS = CUE_LEMMAS | {"show", "find", "suggest", "indicate", "prove", "mean",
                               "demonstrate", "confirm"}
ADVERBIAL_MARKS = {"as", "because", "since", "although", "though", "while", "when", "if",
                   "unless", "once", "after", "before"}


def _coordinated(pt: ParsedText, v: Word, comp: Word) -> list[int]:
    """Words of further complements the parse hung on the cue itself: in "said that A
    and that B" or "asked them to wait and to leave", a conjunct of the cue with its own
    "that" or "to" is a second complement, not a second thing the speaker did."""
    idx: list[int] = []
    end = max(subtree(pt, comp.i))
    for j in pt.children[v.i]:
        k = pt.words[j]
        kids = [pt.words[m] for m in pt.children[k.i]]
        if k.deprel == "conj" and k.i > comp.i and \
                child(pt, k.i, "cc") is not None and \
                any(m.deprel == "mark" and m.lower in COMPLEMENTIZERS for m in kids):
            idx += subtree(pt, k.i)
        elif k.deprel == "conj" and min(subtree(pt, k.i)) == end + 1 and \
                child(pt, k.i, "cc") is not None and \
                not any(m.deprel in SUBJECT for m in kids) and \
                any(m.deprel == "aux" and m.lower in MODALS for m in kids):
            # "says the issue is complicated and will take time": the speaker does not
            # "will take"; the clause goes on
            idx += subtree(pt, k.i)
        elif k.deprel == "ccomp" and min(subtree(pt, k.i)) == end + 1 and \
                comp.lemma.lower() in EVIDENCE_VERBS and not any(
                    pt.words[m].deprel in ("obj", "ccomp", "xcomp")
                    for m in pt.children[comp.i]):
            # "noted the findings show | pollution reduction is important"
            idx += subtree(pt, k.i)
        elif k.deprel == "ccomp" and min(subtree(pt, k.i)) == end + 1 and \
                (k.xpos in FINITE or any(m.deprel == "aux" for m in kids)) and \
                not any(m.deprel in (*SUBJECT, "expl", "mark") for m in kids):
            # "said he believes redesigning the flag | now has a strong rationale": a
            # finite verb with no subject continues the clause before it
            idx += subtree(pt, k.i)
    return idx


def _gerund_subject_clause(pt: ParsedText, v: Word) -> list[int]:
    """'They say adding iodine to salt | is the simplest method': the parse makes the
    gerund a complement of the cue and the predicate a conjunct of it. The gerund right
    after the cue and a subjectless predicate right after it, together; else none."""
    gerund = next((pt.words[j] for j in pt.children[v.i] if j == v.i + 1
                   and pt.words[j].deprel == "xcomp" and pt.words[j].xpos == "VBG"), None)
    if gerund is None:
        return []
    own = subtree(pt, gerund.i)
    for j in pt.children[v.i]:
        k = pt.words[j]
        rest = subtree(pt, j)
        kids = [pt.words[m].deprel for m in pt.children[j]]
        if k.deprel in ("conj", "ccomp") and min(rest) == max(own) + 1 and \
                not any(d in (*SUBJECT, "expl", "mark", "cc") for d in kids) and \
                ("cop" in kids or k.xpos in FINITE or "aux" in kids):
            return sorted(own + rest)
    return []


def _split_that_clause(pt: ParsedText, v: Word) -> list[int]:
    """The words of a that-clause the parse broke into pieces hung on the cue: in "said
    that losing the final had been a painful lesson", a compact parser may take "losing"
    as one complement and "had been a painful lesson" (with the "that") as another. All
    words from after "that" to the end of the complement (or of a subjectless complement
    after it), when they belong to those or to other dependents of the cue lying wholly
    inside; else none."""
    for j in pt.children[v.i]:
        k = pt.words[j]
        marks = [m for m in pt.children[k.i] if pt.words[m].deprel == "mark"
                 and pt.words[m].lower == "that"]
        if k.deprel != "ccomp" or not marks or marks[0] < v.i:
            continue
        own = subtree(pt, k.i)
        end = max(own)
        # "that, as the parents came from India, | they should be ...": a clause opened
        # by "as" or "because" is only the start of the complement
        adverbial = any(pt.words[m].deprel == "mark" and pt.words[m].lower in
                        ADVERBIAL_MARKS for m in pt.children[k.i])
        not_after = ("mark",) if adverbial else (*SUBJECT, "expl", "mark")
        for c in pt.children[v.i]:  # "that building a manual | would be a gift"
            if pt.words[c].deprel == "ccomp" and c > end and not any(
                    pt.words[m].deprel in not_after for m in pt.children[c]):
                end = max(end, *subtree(pt, c))
        region = set(range(marks[0] + 1, end + 1))
        others = [c for c in pt.children[v.i] if c != k.i and c in region]
        covered = set(own)
        for c in others:
            covered |= set(subtree(pt, c))
        if others and min(own) >= marks[0] and covered - {marks[0]} == region:
            return sorted(region)
    return []


def _object_as_subject(pt: ParsedText, v: Word, comp: Word) -> list[int]:
    """ "He said 400 firefighters, 12 aircraft and volunteers were fighting the blaze": the
    parse made the complement's subject the cue's object and left the complement without
    one. Both together, when they are contiguous; else none (not after "told", whose
    object is the listener)."""
    subj = child(pt, comp.i, *SUBJECT, "expl")
    if v.lemma.lower() in OBJECT_FIRST or (subj is not None and child(pt, subj.i, "case") is None):
        return []  # a subject with a preposition ("from five countries") is a broken one
    obj = child(pt, v.i, "obj")
    subjects = [j for j in pt.children[v.i] if pt.words[j].deprel == "nsubj"]
    if obj is None and any(j < v.i for j in subjects):
        # "The Society said hospitals | in Andalusia had seen": a second subject after
        # the cue, when the speaker stands before it
        obj = next((pt.words[j] for j in subjects if v.i < j < comp.i), None)
    if obj is None or not v.i < obj.i < comp.i or obj.upos not in ("NOUN", "PROPN", "NUM"):
        return []  # "know exactly what X is" asks, it does not claim
    words = set(subtree(pt, obj.i)) | set(subtree(pt, comp.i))
    span = list(range(min(words), max(words) + 1))
    return span if set(span) <= words and min(words) > v.i else []


def _reporting_clause_follows(pt: ParsedText, v: Word, subj: Word | None) -> bool:
    """True when a comma (or dash) separates the content from "X said" before ``v``:
    the speaker must stand between them ("..., adding" has none of its own), with no
    conjunction ("Shares fell, and the company responded" reports no claim)."""
    if subj is None or in_quote_word(pt, subj):
        return False
    start = min(subj.i, v.i)
    a = pt.sents[v.sent][0]
    for j in range(start - 1, max(a, start - 40) - 1, -1):
        if pt.words[j].text in (",", "—", "–", "-", "”", '"', "’"):
            return True
        if pt.words[j].upos not in ("ADJ", "NOUN", "PROPN", "DET", "PRON", "ADP", "ADV",
                                     "PUNCT", "NUM", "PART", "AUX"):
            return False
    return False


def _before_reporting_clause(pt: ParsedText, v: Word, subj: Word | None, idx: list[int]
                             ) -> list[int]:
    """Cut content words at the comma that opens the reporting clause."""
    subj = subj or v
    limit = min(subj.i, v.i)
    if subj is not v:
        limit = min([limit] + subtree(pt, subj.i) + mention_words(pt, subj))
    return [j for j in idx if j < limit]


def _surface_content(pt: ParsedText, v: Word, subj: Word | None
                     ) -> tuple[list[int], str] | None:
    """Fallbacks on word order when the parse misses the complement."""
    a, b = pt.sents[v.sent]
    # "CONTENT, the staff said (on Monday)." with nothing clausal after the cue
    if subj is not None and subj.i < v.i:
        start = mention_words(pt, subj)[:1] or [subj.i]
        k = start[0] - 1
        while k > a and pt.words[k].text in ("”", '"', "’", "'"):
            k -= 1
        after = [w for w in pt.words[v.i + 1 : b] if w.upos in ("VERB", "AUX", "SCONJ")]
        if k > a + 2 and pt.words[k].text == "," and not after:
            idx = trim(pt, list(range(a, k)))
            if any(pt.words[j].upos in ("VERB", "AUX") for j in idx):
                return idx, "reporting clause after (surface)"
    nxt = v.i + 1
    # "said (on Monday) that ..."
    for j in range(nxt, min(b, nxt + 6)):
        if pt.words[j].lower == "that" and pt.words[j].upos in ("SCONJ", "PRON", "DET"):
            return trim(pt, list(range(j + 1, b)), drop_marks=True), "that-clause (surface)"
        if pt.words[j].upos in ("VERB", "PUNCT"):
            break
    # "says there were concerns ...", "told journalists the situation was calm"
    j = nxt
    if v.lemma.lower() in OBJECT_FIRST:
        while j < b and pt.words[j].upos in ("DET", "ADJ", "NOUN", "PROPN", "PRON", "NUM"):
            j += 1  # the hearer
        if j == nxt:
            return None
    if j < b and pt.words[j].upos in CLAUSE_START and subj is not None and subj.i < v.i:
        for k in range(j, min(b, j + 12)):
            w = pt.words[k]
            if w.deprel == "conj" and w.head == v.i and is_cue(w):
                break  # "reported long queues and some said ...": a cue of its own
            if w.xpos in FINITE and pt.words[k - 1].lower in ("and", "but", "or"):
                break  # "found the impurity ... and was cooperating": the subject's own verb
            if (w.xpos in FINITE or _past_with_object(pt, k, b, j)) and k > j:
                return trim(pt, list(range(j, b))), "clause after (surface)"
            if w.lower in ("who", "that") and k > j and k + 2 < b and \
                    pt.words[k + 1].upos == "VERB" and pt.words[k + 2].upos == "VERB":
                # "said 91 percent of members who voted | backed action": the verb right
                # after a one-word relative clause is the claim's own
                return trim(pt, list(range(j, b))), "clause after (surface)"
            if w.upos in ("VERB", "SCONJ") or w.text in (",", ";", ":") or \
                    w.lower in EMBEDDED_QUESTION | RELATIVE:
                break
    return None


FINITE = {"VBD", "VBZ", "VBP", "MD"}
RELATIVE = {"which", "who", "whom", "whose", "that", "where"}
CLAUSE_START = {"DET", "PRON", "PROPN", "NOUN", "ADJ", "NUM", "ADV"}
OBJECT_FIRST = {"tell", "inform", "assure", "remind", "warn", "promise", "convince"}


def _past_with_object(pt: ParsedText, k: int, b: int, start: int) -> bool:
    """A verb tagged as a participle is a past tense when it takes an object ("insisted
    the ruling sent “a strong signal”") or when it follows a bare noun phrase opening the
    clause at ``start`` and no finite verb follows it ("said demand peaked at 41,500
    megawatts", "found only a quarter of citizens favoured changing it"; but "said funds
    raised at the gala would go to ...", "encourage interest in applied science")."""
    if pt.words[k].xpos != "VBN" or pt.words[k - 1].upos == "AUX":
        return False
    n = k + 1
    while n < b and pt.words[n].text in "\"“”'‘’":
        n += 1
    if n < b and pt.words[n].upos in ("DET", "PRON", "NUM"):
        return True
    bare = all(w.upos in ("DET", "ADJ", "NOUN", "PROPN", "NUM") or w.lower == "of" or
               (w.upos == "ADV" and w.i == start) for w in pt.words[start:k])
    return bare and not any(w.xpos in FINITE or w.upos == "AUX" for w in pt.words[k + 1 : b])


def according_to(pt: ParsedText, w: Word) -> Candidate | None:
    """ "According to X, ..." and "..., according to X." (by word order, which is more
    reliable here than a compact parser), else the parse for mid-sentence uses."""
    if w.lower != "according" or w.i + 1 >= len(pt.words) or pt.words[w.i + 1].lower != "to":
        return None
    a, b = pt.sents[w.sent]
    cue = Span(w.start, pt.words[w.i + 1].end)
    commas = [j for j in range(a, b) if pt.words[j].text == ","]
    after = [j for j in commas if j > w.i + 1]
    opening = w.i == a or (w.i == a + 1 and pt.words[a].upos in ("CCONJ", "ADV"))
    if opening:
        # the noun phrase after "to", for want of a comma: "According to the Interior
        # Ministry over 300 pilgrims died" (a finite verb before any comma)
        end = w.i + 2
        if end < b and pt.words[end].upos == "DET":
            end += 1
        noun = False  # no adjective after the noun: "the Ministry | more than 200 ..."
        while end < b and pt.words[end].upos in ("PROPN", "NOUN", "NUM") or (
                end < b and pt.words[end].upos == "ADJ" and not noun):
            noun = noun or pt.words[end].upos in ("PROPN", "NOUN")
            end += 1
        upto = after[0] if after else b
        if end > w.i + 2 and end < upto and any(
                pt.words[j].xpos in FINITE for j in range(end, upto)):
            after = [end - 1]
            source, content = range(w.i + 2, end), list(range(end, b))
    if opening and after:
        if pt.words[after[0]].text == ",":
            source, content = range(w.i + 2, after[0]), list(range(after[0] + 1, b))
            if len(after) >= 2 and pt.words[after[0] + 1].lower in RELATIVE:
                # "According to X, which compiles the figures, B": what X is, then B
                content = list(range(after[1] + 1, b))
        if len(after) >= 2 and pt.words[after[0] + 1].lower in ("quoting", "citing"):
            content = list(range(after[1] + 1, b))  # "According to X, quoting Y, ..."
    elif w.i - 1 in commas:
        later = [j for j in commas if j > w.i + 1]
        if later:  # "A, according to X, B": the larger side is the claim
            before, after = list(range(a, w.i - 1)), list(range(later[0] + 1, b))
            source = range(w.i + 2, later[0])
            content = after if len(after) >= len(before) else before
            if not any(pt.words[j].xpos in FINITE for j in after):
                content = before  # "..., according to X, curator of the exhibit."
            if before and pt.words[before[-1]].lower in RELATIVE:
                content = after  # "a policy which, according to X, the UN criticised"
            elif after and pt.words[after[0]].lower in RELATIVE:
                content = before  # "A, according to the prefecture, which said B"
        else:
            source, content = range(w.i + 2, b), list(range(a, w.i - 1))
    else:
        source = None
        head = pt.words[w.head] if w.head is not None else None
        if head is None or head.upos not in ("PROPN", "NOUN", "PRON") or head.head is None:
            return None
        content = [j for j in subtree(pt, head.head, skip={head.i}) if j not in (w.i, w.i + 1)]
        speaker = head
    if source is not None:
        nouns = [j for j in source if pt.words[j].upos in ("PROPN", "NOUN", "PRON")]
        # the head of "the Interior Ministry", "a report by the BBC" -> report's source
        # (and "people familiar with the matter", "officials in Kyiv", "researchers who
        # tracked 98,000 women for two decades")
        cut = [j for j in source if pt.words[j].lower in (
            "of", ",", "(", "with", "familiar", "close", "in", "at", "who", "which") or (
            pt.words[j].xpos in ("VBN", "VBG") and pt.words[j].text.islower()
            and j > source[0])]  # "minutes | published later", not "United States"
        nouns = [j for j in nouns if not cut or j < cut[0]] or nouns
        if not nouns:
            return None
        speaker = pt.words[nouns[-1]]
        named = next((e for e in pt.entities if e.start <= speaker.i < e.end
                      and e.start >= source[0] and e.end <= source[-1] + 1), None)
        if named is not None:
            # "the International Council for the Exploration of the Sea": the name's own
            # head, not the last noun before its "of" or "for"
            inside = range(named.start, named.end)
            speaker = next((pt.words[j] for j in inside if pt.words[j].head not in inside
                            and pt.words[j].upos in ("PROPN", "NOUN")), speaker)
    content = trim(pt, content)
    if len(content) < 3:
        return None
    return Candidate("indirect", span_of(pt, content), cue=cue, cue_word=w,
                     speaker_head=speaker, construction="according to")


def _is_question(pt: ParsedText, v: Word) -> bool:
    """The cue's sentence asks something ("Do you think ...?") outside quotations."""
    a, b = pt.sents[v.sent]
    last = pt.words[b - 1].text
    return last == "?" and pt.words[a].lower in ({"do", "does", "did", "would", "could",
                                                  "will", "can", "have"} | EMBEDDED_QUESTION)


def in_a_statement(pt: ParsedText, v: Word) -> bool:
    """ "X said in a statement" makes a strong cue; used for the confidence score."""
    return any(pt.words[j].lemma.lower() in STATEMENT_NOUNS for j in pt.children[v.i])


# ---------------------------------------------------------------- the pass


def _participle_cue_after(pt: ParsedText, v: Word, idx: list[int]) -> int:
    """Where the claim of ``v`` stops before a cue of its own: "believe the fine will
    have little impact, | noting that ..." (the comma's index; past the end if none)."""
    for j in idx:
        w = pt.words[j]
        if j > v.i + 1 and w.xpos == "VBG" and is_cue(w) and pt.words[j - 1].text == "," \
                and child(pt, j, "ccomp") is not None:
            return j - 1
    return len(pt.words)


def _passive_without_claim(pt: ParsedText, v: Word) -> bool:
    """A passive cue with a subject (not "it") and neither a that-clause nor an agent
    reports no claim: in "they should be declared not guilty" the subject is what is
    declared, not who declares it."""
    kids = [pt.words[j] for j in pt.children[v.i]]
    subject = any(k.deprel == "nsubj:pass" and k.lower != "it" for k in kids)
    return subject and not any(k.deprel in ("ccomp", "obl:agent") for k in kids)


def find_candidates(pt: ParsedText, quotes: list[Quote]) -> list[Candidate]:
    """Every attribution candidate of a document, in text order."""
    text = pt.text
    pt.quotes = quotes
    real_quotes = quotes
    candidates: list[Candidate] = []
    cue_for_quote: dict[int, Candidate] = {}

    # 1. cues with a clausal content (indirect and mixed; direct when the content
    #    is a quotation)
    for s, (a, b) in enumerate(pt.sents):
        if not pt.parsed[s]:
            continue
        for w in pt.words[a:b]:
            if in_quote(w.start, real_quotes):
                continue  # a cue inside a quotation belongs to the quoted speech
            cand = according_to(pt, w)
            if cand is None and is_cue(w) and not _passive_without_claim(pt, w):
                subj = speaker_of(pt, w, real_quotes)
                found = content_of(pt, w, subj)
                if found is None:
                    continue
                idx, construction = found
                stop = _participle_cue_after(pt, w, idx)
                # "X has said it cannot ..., according to people familiar with the matter":
                # the second source is not part of what X said
                stop = min([stop] + [j for j in idx if j > w.i and pt.words[j].lower ==
                                     "according" and pt.words[j - 1].text == ","])
                idx = trim(pt, [j for j in idx if j != w.i and j < stop])
                short = len([j for j in idx if pt.words[j].upos != "PUNCT"]) < 3 and not (
                    # "said profits rose" is a claim; "Ruiz: Honestly, I did not think" not
                    len(idx) == 2 and pt.words[idx[0]].upos in ("NOUN", "PROPN", "PRON")
                    and pt.words[idx[1]].xpos in FINITE and pt.words[idx[1]].upos == "VERB")
                if short or (pt.words[idx[0]].lower in EMBEDDED_QUESTION and idx[0] > w.i):
                    # "asked what happened" reports a question, not a claim ("If
                    # convicted, X faces ..., experts said" is a claim)
                    continue
                if pt.words[idx[0]].xpos == "VBG" and idx[0] > w.i and not any(
                        pt.words[j].xpos in FINITE for j in idx):
                    continue  # "said Eleni Papadaki, 67, standing outside": no claim
                before = pt.words[idx[0] - 1] if idx[0] > 0 else None
                if before is not None and before.lower in RELATIVE and before.upos == "PRON" \
                        and pt.words[idx[0]].deprel.startswith("acl"):
                    continue  # "told me stories about storms that | lasted for days"
                if subj is not None and (subj.lower == "you" or (
                        subj.lower == "one" and not pt.children[subj.i])):
                    continue  # "Do you think ...?", "one might say" ask or generalise
                if _is_question(pt, w):
                    continue
                after = pt.words[w.i + 1] if w.i + 1 < b else None
                if after is not None and after.upos == "AUX" and after.xpos in FINITE:
                    continue  # "the levels found were ...", "what he said was": no claim
                cand = Candidate("indirect", span_of(pt, idx), cue=Span(w.start, w.end),
                                 cue_word=w, speaker_head=subj, construction=construction)
            if cand is None:
                continue
            inside = [q for q in real_quotes
                      if q.start < cand.content.end and q.end > cand.content.start]
            if inside:
                # the claim is the quotation itself when at most a word or two of it
                # stands outside the marks; otherwise a quotation is part of it (mixed)
                outside = [w for w in pt.words
                           if cand.content.start <= w.start < cand.content.end
                           and w.upos != "PUNCT" and w.text not in EDGE_PUNCT
                           and not any(q.start <= w.start < q.end for q in inside)]
                # ("said that “...”" is direct; "said it was “long overdue”" is mixed)
                # and a clause leading in with a colon is not part of it ("The mood was
                # grim: “...,” one delegate said")
                first_q = min(q.start for q in inside)
                lead_in = bool(outside) and all(w.start < first_q for w in outside) and \
                    text[outside[-1].end : first_q].strip(OPENING_MARKS + " ") == ":"
                if lead_in or (len(outside) <= 2 and not any(
                        w.upos in ("VERB", "AUX") or (w.upos == "PRON" and w.lower != "that")
                        for w in outside)):
                    for q in inside:  # the cue introduces these quotations
                        cue_for_quote.setdefault(id(q), cand)
                    continue
                cand.kind = "mixed"
                cand.quotes = inside
                # keep the quotation whole, marks included
                start = min([cand.content.start] + [q.start - 1 for q in inside])
                end = max([cand.content.end] + [q.end + 1 for q in inside if q.closed])
                cand.content = Span(max(0, start), min(len(text), end))
            candidates.append(cand)

    # 2. direct quotations
    mixed_quotes = {id(q) for c in candidates for q in c.quotes}
    previous: Candidate | None = None
    signs: list[Quote] = []
    for q in real_quotes:
        if id(q) in mixed_quotes:
            continue
        framed = cue_for_quote.get(id(q))  # the parse makes it the cue's complement
        cand = framed or _nearest_cue(pt, q, real_quotes)
        words = q.words(text)
        if words <= SCARE_MAX_WORDS and not framed and not (cand and (
                _adjacent(pt, q, cand) or (words > 1 and _characterised(pt, q, cand)))):
            continue  # a scare quote: a ‘yellow’ alert
        if not q.closed and words < 6:
            continue
        if _looks_like_title(q.text(text)):
            continue  # a website "The Internet Explorer 6 Countdown", a print "Cowboys and Indians"
        if _not_speech(text, q, signs):
            signs.append(q)
            continue  # signs reading “Profits up, pay down”; the so-called “ghost fleet”
        content = _strip_span(text, q.start, q.end)
        if content is None:
            continue
        direct = Candidate("direct", content, construction="quotation")
        cand = cand or _in_the_words_of(pt, q) or _colon_lead_in(pt, q) or \
            _headline_colon(pt, q)
        if cand is not None and cand.cue_word is not None and \
                cand.cue_word.lemma.lower() == "ask" and cand.speaker_head is not None and \
                cand.speaker_head.lemma.lower() in ("reporter", "journalist", "interviewer"):
            continue  # 'one reporter asked, “Is the title race over?”': the press asks
        if cand is not None:
            direct.cue, direct.cue_word = cand.cue, cand.cue_word
            direct.speaker_head = cand.speaker_head
            direct.construction = "quotation + " + (cand.construction or "cue")
        else:
            prior = _neighbour(pt, q, candidates, previous)
            if prior is None and words < 8:
                continue
            if prior is not None:
                direct.speaker_head = prior.speaker_head
                direct.speaker = prior.speaker
                direct.inherited = True
                direct.construction = "quotation, speaker from neighbour"
        candidates.append(direct)
        previous = direct
    for c in candidates:
        c.content = _without_dateline(text, c.content)
    candidates.sort(key=lambda c: c.content.start)
    return _dedupe(candidates)


TITLE_SMALL_WORDS = {"a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for",
                     "from", "with", "by", "vs", "vs.", "v", "as", "but", "nor"}


# what a quotation written on something is introduced by: "held signs reading “...”",
# "a banner that read ‘...’", "posters saying “...”"; and "the so-called “ghost fleet”"
WRITTEN_ON = re.compile(
    r"\b(?:signs?|banners?|placards?|posters?|t-shirts?|shirts?|leaflets?|billboards?|"
    r"graffiti|slogans?|stickers?|hoardings?)\b[^.!?“”\"]{0,30}?\b(?:read|reads|reading|"
    r"saying|bearing|emblazoned with|with the words)\s*[:,]?\s*$|\bso-called\s*$",
    re.IGNORECASE)


def _not_speech(text: str, q: Quote, signs: list[Quote]) -> bool:
    """A quotation that was written on a sign or banner, or a so-called name: nobody's
    words. (The second of two signs: "reading “A” and “B”".)"""
    before = text[max(0, q.start - 81) : max(0, q.start - 1)]
    if WRITTEN_ON.search(before):
        return True
    last = signs[-1] if signs else None
    return last is not None and text[last.end + 1 : q.start - 1].strip() in ("and", ",", "or")


def _looks_like_title(quoted: str) -> bool:
    """A quoted name of a work, site or event, not speech: two to twelve words, every one
    capitalised but the small words of titles, and no sentence punctuation at the end."""
    words = quoted.strip().split()
    if not 2 <= len(words) <= 12 or quoted.rstrip()[-1:] in ".?!,;:…":
        return False
    big = [w for w in words if w.lower().strip(",:;") not in TITLE_SMALL_WORDS]
    return len(big) >= 2 and all(w[:1].isupper() or w[:1].isdigit() for w in big)


# "MADRID (Reuters) - ", "GENEVA, Switzerland — ": where the story was filed, not the claim
DATELINE = re.compile(r"[A-Z][A-Z.'’ -]*[A-Z.](?:, [A-Z][\w. ]*?)?(?: \([\w .&-]+\))? ?[-—–]+ +")


def _without_dateline(text: str, span: Span) -> Span:
    """The content without a wire dateline at the start of its paragraph."""
    at_start = span.start == 0 or text[span.start - 1] == "\n"
    m = DATELINE.match(text, span.start) if at_start else None
    if m and m.end() < span.end:
        return Span(m.end(), span.end)
    return span


def _strip_span(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


OPENING_MARKS = "\"“‘'«„"


def _characterised(pt: ParsedText, q: Quote, cand: Candidate) -> bool:
    """ "Lufthansa called the strike “completely disproportionate”": the quotation is
    what the cue calls its object, however short (one word, "called it “dangerous”", is
    left as a label, as the GUM gold set has it)."""
    v = cand.cue_word
    if v is None or v.lemma.lower() not in ("call", "describe"):
        return False
    # (or its second object: "calling them “pure speculation”")
    return any(w.head == v.i and w.deprel in ("xcomp", "obl", "advcl", "obj")
               for w in pt.words if q.start <= w.start < q.end)


def _nearest_cue(pt: ParsedText, q: Quote, quotes: list[Quote]) -> Candidate | None:
    """The closest cue verb outside quotations in the quotation's sentences."""
    first = pt.sentence_of(q.start)
    last = pt.sentence_of(max(q.start, q.end - 1))
    if first is None:
        return None
    last = first if last is None else last
    lo = max(0, first - 1)
    hi = min(len(pt.sents) - 1, last + 1)
    best, best_dist = None, None
    for s in range(lo, hi + 1):
        a, b = pt.sents[s]
        for w in pt.words[a:b]:
            if not is_cue(w) or in_quote(w.start, quotes):
                continue
            if w.end <= q.start:
                gap = pt.text[w.end:q.start]
                dist = q.start - w.end
                lead = gap.rstrip().rstrip(OPENING_MARKS).rstrip()  # the quote's own mark
                sentence_end = pt.words[b - 1].end
                if s < first and (not lead.endswith((":", ",")) or
                                  pt.text[sentence_end:q.start].strip(OPENING_MARKS + " \n")):
                    continue  # the sentence before must itself lead in: "He said:"
            elif w.start >= q.end:
                dist = w.start - q.end
                if s > last and pt.text[q.end:w.start].count("\n"):
                    continue
                if s > last:
                    continue
            else:
                continue
            if best_dist is None or dist < best_dist:
                best, best_dist = w, dist
    if best is None:
        return None
    subj = speaker_of(pt, best, quotes)
    return Candidate("direct", Span(q.start, q.end), cue=Span(best.start, best.end),
                     cue_word=best, speaker_head=subj, construction="nearest cue")


def _in_the_words_of(pt: ParsedText, q: Quote) -> Candidate | None:
    """ "In the words of the Crown prosecutor, Mark Tedeschi, QC, “...”": the source of
    a quotation that has no verb; the last name before the quotation (else its last
    noun) speaks."""
    s = pt.sentence_of(q.start)
    if s is None:
        return None
    a, b = pt.sents[s]
    ws = [w for w in pt.words[a:b] if w.end <= q.start]
    for k in range(len(ws) - 3):
        if [w.lower for w in ws[k : k + 4]] == ["in", "the", "words", "of"]:
            source = ws[k + 4 :]
            names = [w for w in source if w.upos == "PROPN" and
                     w.text.strip(".") not in POST_NOMINALS]
            nouns = names or [w for w in source if w.upos in ("NOUN", "PRON")]
            if not nouns:
                return None
            return Candidate("direct", Span(q.start, q.end), cue=Span(ws[k].start, ws[k + 3].end),
                             cue_word=ws[k + 2], speaker_head=nouns[-1],
                             construction="in the words of")
    return None


SPEAKING_PRONOUNS = {"he", "she", "they", "we", "i"}


def _colon_lead_in(pt: ParsedText, q: Quote) -> Candidate | None:
    """ "Her neighbour, retired postman Alan Price, was blunter: “...”": a clause that
    leads into the quotation with a colon but has no cue verb; its subject speaks when it
    is a person (a name, a personal pronoun or a person noun), and no cue is recorded."""
    s = pt.sentence_of(q.start)
    if s is None or not pt.parsed[s]:
        return None
    a, b = pt.sents[s]
    clause = [w for w in pt.words[a:b] if w.end <= q.start]
    while clause and clause[-1].text in OPENING_MARKS:
        clause.pop()
    if len(clause) < 3 or clause[-1].text != ":" or any(in_quote(w.start, pt.quotes)
                                                         for w in clause):
        return None
    inside = {w.i for w in clause}
    heads = [w for w in clause[:-1] if w.head is None or w.head not in inside]
    if len(heads) != 1:
        return None
    subj = subject_of(pt, heads[0])
    if subj is None or subj.i not in inside:
        return None
    person = subj.upos == "PROPN" or subj.lower in SPEAKING_PRONOUNS or (
        subj.upos == "NOUN" and (subj.lemma.lower() in PERSON_NOUNS or any(
            pt.words[j].upos == "PROPN" for j in subtree(pt, subj.i) if j in inside)))
    if not person:
        return None
    return Candidate("direct", Span(q.start, q.end), speaker_head=subj,
                     construction="colon lead-in")


def _headline_colon(pt: ParsedText, q: Quote) -> Candidate | None:
    """ "‘We will not back down’: teachers vote to strike": a line that opens with a
    quotation and a colon; the subject of the clause after the colon speaks."""
    line_start = pt.text.rfind("\n", 0, q.start) + 1
    if pt.text[line_start : q.start].strip(OPENING_MARKS + " "):
        return None
    rest = pt.text[q.end :].lstrip("”’\"'» ")
    if not rest.startswith(":"):
        return None
    colon = len(pt.text) - len(rest)
    line_end = pt.text.find("\n", colon)
    line_end = len(pt.text) if line_end < 0 else line_end
    after = [w for w in pt.words if colon < w.start < line_end]
    if not after or not pt.parsed[after[0].sent]:
        return None
    inside = {w.i for w in after}
    verbs = [w for w in after if w.upos == "VERB" and (w.head is None or w.head not in inside)]
    subj = subject_of(pt, verbs[0]) if verbs else None
    if subj is None or subj.i not in inside or subj.upos not in ("NOUN", "PROPN"):
        return None
    return Candidate("direct", Span(q.start, q.end), speaker_head=subj,
                     construction="headline quote")


def _adjacent(pt: ParsedText, q: Quote, cand: Candidate) -> bool:
    """The cue touches the quotation: “Yes,” he said. / He said: “Yes.”"""
    if cand.cue is None:
        return False
    if cand.cue.start >= q.end:
        between = pt.text[q.end : cand.cue.start]  # the closing mark, then "he"
        return len(between.split()) <= 8 and not any(c in between for c in ".!?;")
    between = pt.text[cand.cue.end : q.start].strip(" “”\"‘’'«»„")
    return between in (":", ",", "")


def _neighbour(pt: ParsedText, q: Quote, earlier: list[Candidate],
               previous: Candidate | None) -> Candidate | None:
    """For a quotation without a cue: the attribution just before it, when it ends the
    previous sentence or paragraph and names a speaker."""
    before = [c for c in earlier if c.content.end <= q.start and c.speaker_head is not None]
    if previous is not None and previous.content.end <= q.start and \
            (previous.speaker_head is not None or previous.speaker is not None):
        before.append(previous)
    if not before:
        return None
    prior = max(before, key=lambda c: c.content.end)
    between = pt.text[prior.content.end : q.start]
    if between.count("\n") > 1 or len(between) > 400:
        return None
    # only when no other person or organisation is named in between (the speaker's own
    # mention aside: "said Mayor Giulia Ferri of Faenza" may have the title as head; and
    # the speaker's role: "said Tom Reilly, director of the Heart Patients Alliance")
    own = set(subtree(pt, prior.speaker_head.i)) if prior.speaker_head else set()
    # nor the addressee in the prior's own reporting clause ("X told Sky News."), nor
    # anything else in the sentence of that clause ("..., X, editor at the Saudi Gazette,
    # said.")
    cue = prior.cue_word
    after = prior.content.end
    if cue is not None and cue.start >= prior.content.end:
        after = max(after, pt.words[pt.sents[cue.sent][1] - 1].end)
    for e in pt.entities:
        if after <= e.char_start < q.start and e.type in ("PERSON", "ORG"):
            told = cue is not None and any(
                pt.words[j].head == cue.i and pt.words[j].deprel in ("obj", "iobj", "obl")
                for j in range(e.start, e.end))
            if not own & set(range(e.start, e.end)) and not told:
                return None
    return prior


def _reported_inside(inner: Candidate, outer: Candidate) -> bool:
    """The claim of ``outer`` reports a speaker of its own: "According to the Herald,
    Professor Burrows said the flag ...": the Herald's claim holds Burrows' claim."""
    return inner.cue is not None and inner.speaker_head is not None and \
        outer.content.start <= inner.cue.start < outer.content.end and \
        outer.content.start <= inner.speaker_head.start < outer.content.end


def _dedupe(cands: list[Candidate]) -> list[Candidate]:
    """One attribution per content span; the earlier, stronger construction wins."""
    out: list[Candidate] = []
    for c in cands:
        clash = next((o for o in out if o.content.start < c.content.end
                      and c.content.start < o.content.end), None)
        if clash is None:
            out.append(c)
            continue
        # keep a direct quotation over an indirect reading of the same words
        if c.kind == "direct" and clash.kind != "direct":
            out[out.index(clash)] = c
        elif c.kind == clash.kind and (c.content.end - c.content.start) > \
                (clash.content.end - clash.content.start) and c.speaker_head is not None \
                and clash.speaker_head is None:
            out[out.index(clash)] = c
        elif c.kind != "direct" and clash.kind != "direct" and \
                (c.cue_word is not clash.cue_word) and (
                    not (clash.content.start <= c.content.start and
                         c.content.end <= clash.content.end)
                    or _reported_inside(c, clash)):
            out.append(c)
    return sorted(out, key=lambda c: c.content.start)
