"""Run Stanza over texts and flatten the result into plain words with character offsets.

Throughput: the tokenizer (with mwt) and the NER run on everything; the tagger runs on
the sentences that can hold an attribution and the sentence before each (for the
subjects that pronouns point back to); the lemmatizer and the dependency parser, the
bulk of the cost, run only on the sentences that can hold an attribution: a form of a
speech or cognition cue verb ("said", "told", "believes") or "according". Other
sentences keep ``head = None``, upos "X" when untagged, and lower-cased forms as lemmas.
One loaded ``stanza.Pipeline`` serves all steps; its processors are called one by one
(the parser with the faster, identical prediction step of ``fastparse.py``).

Texts go to Stanza paragraph by paragraph (very long paragraphs cut at spaces), so a
5 MB document never goes through Stanza in one piece, and offsets stay true to the text.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from annotator import nlp
from annotator.lexicon import CUE_FORMS, TITLE_NOUNS
from annotator.quotes import ALL_MARKS, DOUBLE_OPEN, SINGLE_OPEN

CHUNK_CHARS = 10_000
PARSE_TRIGGERS = CUE_FORMS | {"according"}


@dataclass
class Word:
    i: int  # index in ParsedText.words
    text: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    start: int  # character offsets into the original text
    end: int
    sent: int
    head: int | None = None  # index of the head word; None for the root or unparsed
    deprel: str = ""
    ner: str = "O"

    @property
    def lower(self) -> str:
        return self.text.lower()


@dataclass
class Entity:
    start: int  # word indices, end exclusive
    end: int
    type: str
    char_start: int
    char_end: int


@dataclass
class ParsedText:
    text: str
    words: list[Word] = field(default_factory=list)
    sents: list[tuple[int, int]] = field(default_factory=list)  # word ranges
    parsed: list[bool] = field(default_factory=list)  # per sentence: dependency-parsed?
    entities: list[Entity] = field(default_factory=list)
    children: list[list[int]] = field(default_factory=list)
    quotes: list = field(default_factory=list)  # direct quotations, set by attribution

    def sentence_of(self, char: int) -> int | None:
        for s, (a, b) in enumerate(self.sents):
            if self.words[a].start <= char < self.words[b - 1].end:
                return s
        return None


def chunks(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """(start, end) of each paragraph (a line of text), long ones cut at spaces.

    Stanza sees each paragraph as its own document: news text marks paragraphs with a
    single line break, which Stanza's tokenizer would otherwise read as a space and run
    sentences across paragraphs.
    """
    spans = []
    pos = 0
    for line in text.splitlines(keepends=True):
        start, end = pos, pos + len(line.rstrip("\r\n"))
        pos += len(line)
        while end - start > size:
            cut = text.rfind(" ", start + size // 2, start + size)
            cut = cut + 1 if cut != -1 else start + size
            spans.append((start, cut))
            start = cut
        if text[start:end].strip():
            spans.append((start, end))
    return spans


NOUN_BEFORE = {"the", "a", "an", "this", "that", "its", "his", "her", "their", "our", "my",
               "your", "every", "each", "no", "any", "some", "in"}


def _needs_parse(sentence) -> bool:
    """A cue verb form not used as a noun ("the report", "an order", "in order")."""
    words = sentence.words
    for k, word in enumerate(words):
        low = word.text.lower()
        if low == "according" or (low == "words" and k >= 2 and k + 1 < len(words) and
                                  words[k - 2].text.lower() == "in" and
                                  words[k + 1].text.lower() == "of"):
            return True  # "according to X", "in the words of X"
        if low in PARSE_TRIGGERS and not (k and words[k - 1].text.lower() in NOUN_BEFORE):
            return True
        if low == ":" and k + 1 < len(words) and words[k + 1].text in DOUBLE_OPEN + SINGLE_OPEN:
            return True  # "X was blunter: “...”" leads into a quotation without a cue
        if low == ":" and k and words[k - 1].text[-1:] in ALL_MARKS and \
                words[0].text[:1] in ALL_MARKS:
            return True  # "‘We will not back down’: teachers vote to strike"
    return False


def _as_document(sentences, tagged: bool):
    """A pre-tokenized stanza Document of ``sentences`` (optionally with their tags)."""
    import stanza

    def word(w):
        d = {"id": w.id, "text": w.text}
        if tagged:
            d.update(upos=w.upos, xpos=w.xpos, feats=w.feats)
        return d

    return stanza.Document([[word(w) for w in s.words] for s in sentences])


def _think_tank(sentence) -> None:
    """ "a health think tank": a noun, though the tagger may take "think" for the verb
    (and "tank" for its object), which made "a health" the speaker of a claim."""
    words = sentence.words
    for k in range(len(words) - 1):
        if words[k].text.lower() == "think" and words[k + 1].text.lower() in ("tank", "tanks"):
            words[k].upos, words[k].xpos = "NOUN", "NN"


def _join_broken_name(doc):
    """One sentence where the tokenizer ended one inside a name: "Finance Minister Johan |
    Ek, however, backed ...". Each document here is one line of text, so a sentence
    that ends in a capitalised word, with no punctuation, before another that opens with
    one is a break the compact tokenizer (trained on e-mails and tables) made in error."""
    import stanza

    def broken(last: str, first: str) -> bool:
        return last.isalpha() and last[:1].isupper() and first.isalpha() and first[:1].isupper()

    if not any(broken(a.tokens[-1].text, b.tokens[0].text)
               for a, b in itertools.pairwise(doc.sentences)):
        return doc  # the common case: no Document rebuilt on the hot path
    sentences = doc.to_dict()
    joined: list[list[dict]] = []
    for sentence in sentences:
        if joined and broken(joined[-1][-1]["text"], sentence[0]["text"]):
            shift = max(w["id"] if isinstance(w["id"], int) else w["id"][-1]
                        for w in joined[-1])
            joined[-1] = joined[-1] + [
                dict(w, id=w["id"] + shift if isinstance(w["id"], int)
                     else tuple(k + shift for k in w["id"])) for w in sentence]
        else:
            joined.append(sentence)
    if len(joined) == len(sentences):
        return doc
    return stanza.Document(joined, text=doc.text)


DATELINE_SEPARATORS = {":", "—", "–", "-", "--"}


def _dateline_end(texts: list[str]) -> int | None:
    """How many tokens of a paragraph's first sentence are its dateline ("NEW DELHI:",
    "STUTTGART —", "LONDON (Reuters) -"), separator included; None if it has none."""
    k, caps = 0, False
    while k < len(texts) and k < 8:
        text = texts[k]
        if text in DATELINE_SEPARATORS:
            break
        if text.isupper() and text.replace(".", "").isalpha():
            caps = caps or len(text) >= 3
        elif text not in (",", "(", ")") and not (
                k and texts[k - 1] == "(" and text[:1].isupper()):
            return None
        k += 1
    if not caps or k >= len(texts) or texts[k] not in DATELINE_SEPARATORS or \
            len(texts) - k < 4:
        return None
    return k + 1


def _split_dateline(doc):
    """ "NEW DELHI: Opposition MPs staged a walkout ...": the dateline is a sentence of
    its own, or the parser makes the place the subject of the news (and its speaker)."""
    import stanza

    if not doc.sentences:
        return doc
    k = _dateline_end([t.text for t in doc.sentences[0].tokens])
    if k is None:
        return doc  # the common case: no Document rebuilt on the hot path
    sentences = doc.to_dict()
    if any(not isinstance(w["id"], int) for w in sentences[0][:k]):
        return doc  # (a multi-word token inside: not a dateline)
    rest = [dict(w, id=w["id"] - k if isinstance(w["id"], int)
                 else tuple(i - k for i in w["id"])) for w in sentences[0][k:]]
    return stanza.Document([sentences[0][:k], rest, *sentences[1:]], text=doc.text)


def _titles_as_nouns(sentence) -> None:
    """ "Former Rovers captain Gary Neale told ...": a title between a name or adjective
    and a name is a noun, though the tagger may take "captain", "chair" or "coach" for
    a verb (and the parser then makes the name its object)."""
    words = sentence.words
    for k in range(1, len(words) - 1):
        w, before, after = words[k], words[k - 1], words[k + 1]
        if w.upos == "VERB" and w.text.lower() in TITLE_NOUNS and \
                before.upos in ("PROPN", "ADJ", "NOUN") and \
                after.upos == "PROPN" and after.text[:1].isupper():
            w.upos, w.xpos, w.feats = "NOUN", "NN", "Number=Sing"


def _ing_names(sentence) -> None:
    """ "Benning said ...", "Manning told ...": a capitalised word right before a cue verb
    is its subject, a name, though its "-ing" made the tagger read a participle."""
    words = sentence.words
    for k in range(len(words) - 1):
        w, after = words[k], words[k + 1]
        if w.xpos == "VBG" and w.text[:1].isupper() and after.xpos in ("VBD", "VBZ") and \
                after.text.lower() in CUE_FORMS:
            w.upos, w.xpos, w.feats = "PROPN", "NNP", "Number=Sing"


def _acronyms_as_names(sentence) -> None:
    """An acronym spelt like a function word is a name: the compact tagger takes "the WHO
    said", "(WHO) recommends" or "WHO say" for the pronoun "who" (and the parser then
    finds a relative clause). Not in a sentence written in capitals, where "WHO" may be
    the pronoun."""
    words = sentence.words
    letters = [w.text for w in words if w.text.isalpha()]
    if sum(t.isupper() and len(t) > 1 for t in letters) * 2 > len(letters):
        return  # a headline in capitals
    for w in words:
        if w.text.isupper() and len(w.text) >= 2 and w.upos in ("PRON", "DET", "ADP", "SCONJ",
                                                                  "CCONJ", "AUX", "ADV"):
            w.upos, w.xpos = "PROPN", "NNP"


def parse_texts(texts: Sequence[str], model_dir=None, parse_all: bool = False
                ) -> list[ParsedText]:
    """Analyse several texts with one loaded pipeline, batching paragraphs across texts."""
    import stanza

    proc = nlp.load_pipeline(model_dir).processors
    pieces = [(t, a, b) for t, text in enumerate(texts) for a, b in chunks(text)
              if text[a:b].strip()]
    docs = [stanza.Document([], text=texts[t][a:b]) for t, a, b in pieces]
    for name in ("tokenize", "mwt", "ner"):
        if name in proc and docs:  # (stanza's tokenize postprocessing fails on no text)
            docs = proc[name].bulk_process(docs)
        if name == "mwt":
            docs = [_split_dateline(_join_broken_name(doc)) for doc in docs]

    # which sentences get tags, and which get lemmas and dependency heads
    sentences = [sent for doc in docs for sent in doc.sentences]
    parse = [parse_all or _needs_parse(sent) for sent in sentences]
    tag = [p or (k + 1 < len(parse) and parse[k + 1]) for k, p in enumerate(parse)]
    tagged = {}
    if any(tag):
        chosen = [s for s, flag in zip(sentences, tag, strict=True) if flag]
        doc = proc["pos"].process(_as_document(chosen, tagged=False))
        for sent in doc.sentences:
            _acronyms_as_names(sent)
            _think_tank(sent)
            _titles_as_nouns(sent)
            _ing_names(sent)
        tagged = {id(s): t for s, t in zip(chosen, doc.sentences, strict=True)}
    parses = {}
    chosen = [s for s, flag in zip(sentences, parse, strict=True) if flag]
    if chosen:
        doc = _as_document([tagged[id(s)] for s in chosen], tagged=True)
        doc = proc["depparse"].process(proc["lemma"].process(doc))
        parses = {id(s): p for s, p in zip(chosen, doc.sentences, strict=True)}

    results = [ParsedText(text) for text in texts]
    for (t, offset, _), doc in zip(pieces, docs, strict=True):
        out = results[t]
        for sent in doc.sentences:
            base = len(out.words)
            s_index = len(out.sents)
            parsed = parses.get(id(sent))
            tags = tagged.get(id(sent))
            for token in sent.tokens:
                for word in token.words:
                    start = offset + (word.start_char if word.start_char is not None
                                      else token.start_char)
                    end = offset + (word.end_char if word.end_char is not None
                                    else token.end_char)
                    out.words.append(Word(
                        i=len(out.words), text=word.text, lemma=word.text.lower(),
                        upos="X", xpos="", feats="",
                        start=start, end=end, sent=s_index, ner=token.ner or "O"))
            if tags is not None:
                for k, tw in enumerate(tags.words):
                    w = out.words[base + k]
                    w.upos, w.xpos, w.feats = tw.upos or "X", tw.xpos or "", tw.feats or ""
            if parsed is not None:
                for k, pw in enumerate(parsed.words):
                    w = out.words[base + k]
                    w.head = base + pw.head - 1 if pw.head else None
                    w.deprel = pw.deprel or ""
                    w.lemma = pw.lemma or w.lemma
            out.sents.append((base, len(out.words)))
            out.parsed.append(parsed is not None)
        for ent in doc.ents:
            out.entities.append(Entity(0, 0, ent.type, offset + ent.start_char,
                                       offset + ent.end_char))
    for out in results:
        starts = [w.start for w in out.words]  # sorted: bisect keeps long texts fast
        out.entities = [_entity(out, starts, e.type, e.char_start, e.char_end)
                        for e in out.entities]
        out.children = [[] for _ in out.words]
        for w in out.words:
            if w.head is not None:
                out.children[w.head].append(w.i)
    return results


def _entity(out: ParsedText, starts: list[int], etype: str, start: int, end: int
            ) -> Entity:
    first = max(0, bisect.bisect_right(starts, start) - 1)
    if out.words[first].end <= start:
        first += 1
    last = bisect.bisect_left(starts, end) - 1
    return Entity(first, max(first, last) + 1, etype, start, end)
