"""Name the speakers: mention, role, type, and one canonical speaker per person or body.

"Interior Minister Kalmukanbet Kasymov", "Kasymov", "the minister" and "he" become one
speaker named "Kalmukanbet Kasymov" with the role "Interior Minister". Pronouns and
short definite descriptions ("the body", "the newspaper") are resolved to the most
recent compatible speaker or named entity before them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.attribution import Candidate, Span, apposition_of, mention_words, span_of
from annotator.lexicon import (
    GROUP_NOUNS,
    INSTITUTIONAL_PLURALS,
    ORGANIZATION_NOUNS,
    PERSON_NOUNS,
    TITLE_NOUNS,
)
from annotator.parse import ParsedText, Word
from annotator.records import Speaker

PERSON_PRONOUNS = {"he", "she", "him", "her", "i", "me"}
PLURAL_PRONOUNS = {"they", "them", "we", "us"}
IT_PRONOUNS = {"it"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}


@dataclass
class Mention:
    """A speaker mention as written, analysed."""

    span: Span
    text: str
    words: list[int]
    kind: str  # "name" | "pronoun" | "description" | "other"
    name: str | None = None  # the name part without the title
    role: str | None = None
    type: str = "unknown"
    head_lemma: str = ""


@dataclass
class Cluster:
    name: str
    type: str
    role: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    last: int = 0  # character offset of the latest mention
    nouns: set[str] = field(default_factory=set)  # role/description nouns seen

    def to_speaker(self) -> Speaker:
        return Speaker(self.name, self.role, self.type, sorted(set(self.mentions)))


# ---------------------------------------------------------------- one mention


def _entity_at(pt: ParsedText, i: int):
    for e in pt.entities:
        if e.start <= i < e.end:
            return e
    return None


def analyse_mention(pt: ParsedText, head: Word) -> Mention:
    text = pt.text
    idx = mention_words(pt, head) or [head.i]
    span = span_of(pt, idx)
    written = span.text(text)
    words = [pt.words[j] for j in idx]
    low = head.lower
    m = Mention(span, written, idx, "other", head_lemma=head.lemma.lower())
    if head.upos == "PRON" or (len(words) == 1 and low in PERSON_PRONOUNS | PLURAL_PRONOUNS):
        m.kind = "pronoun"
        m.type = "person" if low in PERSON_PRONOUNS else "unknown"
        return m
    ent = _entity_at(pt, head.i)
    # the name: the named entity (or run of proper nouns) around the head
    if ent is not None and ent.type in ("PERSON", "ORG", "GPE", "LOC", "NORP"):
        name_idx = [j for j in range(ent.start, ent.end) if j in idx] or idx
    else:
        name_idx = [j for j in idx if pt.words[j].upos == "PROPN"]
        name_idx = _run_around(name_idx, head.i) if head.upos == "PROPN" else []
    # titles before the name belong to the role: "Interior Minister" Kalmukanbet Kasymov
    titles = [j for j in name_idx if pt.words[j].lower.strip(".") in TITLE_NOUNS]
    if titles and titles[-1] < max(name_idx):
        name_idx = [j for j in name_idx if j > titles[-1]]
    if name_idx:
        m.kind = "name"
        m.name = _join(pt, name_idx)
        before = [j for j in idx if j < name_idx[0] and pt.words[j].lower not in DETERMINERS
                  and pt.words[j].upos != "PUNCT"]
        if before and any(pt.words[j].lower.strip(".") in TITLE_NOUNS | PERSON_NOUNS
                          or pt.words[j].upos in ("NOUN", "PROPN") for j in before):
            m.role = _join(pt, before)
        m.type = _name_type(pt, ent, name_idx, bool(m.role))
    else:
        content = [j for j in idx if pt.words[j].lower not in DETERMINERS]
        m.name = _join(pt, content) if content else written
        definite = words[0].lower in DETERMINERS and words[0].lower not in ("a", "an")
        m.kind = "description" if definite and len(content) <= 2 else "other"
        m.type = _noun_type(head)
        if m.type == "person" and head.lemma.lower() in TITLE_NOUNS and m.kind == "other":
            m.role = m.name
    app = apposition_of(pt, head)
    if app is not None and m.type in ("person", "unknown") and m.kind == "name":
        m.role = m.role or app.text(text)
        m.type = "person"
    return m


def _run_around(idx: list[int], i: int) -> list[int]:
    s = set(idx)
    a = b = i
    while a - 1 in s:
        a -= 1
    while b + 1 in s:
        b += 1
    return list(range(a, b + 1)) if i in s else []


def _join(pt: ParsedText, idx: list[int]) -> str:
    return pt.text[pt.words[idx[0]].start : pt.words[idx[-1]].end]


def _name_type(pt: ParsedText, ent, name_idx: list[int], has_title: bool) -> str:
    if has_title:
        return "person"
    if ent is not None:
        if ent.type == "PERSON":
            return "person"
        if ent.type in ("ORG", "GPE", "LOC", "NORP"):
            return "organization"
    last = pt.words[name_idx[-1]].lemma.lower()
    if last in ORGANIZATION_NOUNS or last in INSTITUTIONAL_PLURALS:
        return "organization"
    if len(name_idx) >= 2 and all(pt.words[j].text[:1].isupper() for j in name_idx):
        return "person"
    return "unknown"


def _noun_type(head: Word) -> str:
    lemma, low = head.lemma.lower(), head.lower
    if lemma in INSTITUTIONAL_PLURALS or low in INSTITUTIONAL_PLURALS:
        return "organization"
    if lemma in ORGANIZATION_NOUNS:
        return "organization"
    if low in GROUP_NOUNS or "Number=Plur" in head.feats:
        return "group"
    if lemma in PERSON_NOUNS:
        return "person"
    return "unknown"


# ---------------------------------------------------------------- across the document


def _norm(name: str) -> str:
    words = name.lower().replace("’s", "").split()
    while words and words[0] in DETERMINERS:
        words = words[1:]
    return " ".join(words)


def _same_name(a: str, b: str) -> bool:
    """ "Kasymov" names the same person as "Kalmukanbet Kasymov"."""
    na, nb = _norm(a).split(), _norm(b).split()
    if not na or not nb:
        return False
    if na == nb:
        return True
    short, long_ = (na, nb) if len(na) < len(nb) else (nb, na)
    return len(short) == 1 and short[0] == long_[-1]


def _role_nouns(role: str | None, name: str | None = None) -> set[str]:
    words = f"{role or ''} {name or ''}".lower().split()
    return {w.strip(",.") for w in words}


def resolve(pt: ParsedText, cands: list[Candidate]) -> tuple[list[dict], list[Speaker]]:
    """Speaker fields for each candidate (dicts) and the document's canonical speakers."""
    clusters: list[Cluster] = []
    fields: list[dict] = []
    for cand in cands:
        if cand.speaker_head is None:
            fields.append({"speaker": None, "speaker_start": None, "speaker_end": None,
                           "speaker_name": None, "speaker_role": None,
                           "speaker_type": "unknown", "resolved": False})
            continue
        m = analyse_mention(pt, cand.speaker_head)
        if cand.inherited and cand.speaker is not None:
            pass  # the mention belongs to the neighbouring attribution
        cluster = _link(pt, m, clusters, cand)
        if cand.apposition and cluster is not None and cluster.role is None:
            cluster.role = cand.apposition.text(pt.text)
        if cluster is not None:
            cluster.mentions.append((m.span.start, m.span.end))
            cluster.last = max(cluster.last, m.span.start)
        fields.append({
            "speaker": m.text, "speaker_start": m.span.start, "speaker_end": m.span.end,
            "speaker_name": cluster.name if cluster else m.name,
            "speaker_role": (cluster.role if cluster else m.role) if (
                (cluster.type if cluster else m.type) == "person") else None,
            "speaker_type": cluster.type if cluster else m.type,
            "resolved": cluster is not None and m.kind in ("pronoun", "description"),
            "mention_kind": m.kind,
        })
    return fields, [c.to_speaker() for c in clusters]


def _link(pt: ParsedText, m: Mention, clusters: list[Cluster], cand: Candidate
          ) -> Cluster | None:
    pos = m.span.start
    if m.kind == "name":
        for c in clusters:
            if c.type in (m.type, "unknown") or m.type == "unknown":
                if _same_name(c.name, m.name or m.text):
                    if len(_norm(m.name or "")) > len(_norm(c.name)):
                        c.name = m.name
                    c.role = c.role or m.role
                    c.nouns |= _role_nouns(m.role)
                    if c.type == "unknown":
                        c.type = m.type
                    return c
        c = Cluster(m.name or m.text, m.type, m.role, nouns=_role_nouns(m.role, m.name))
        clusters.append(c)
        return c
    if m.kind == "pronoun":
        low = m.text.lower()
        if low in PERSON_PRONOUNS:
            return _latest(clusters, pos, {"person"}) or _entity_cluster(pt, clusters, pos,
                                                                           {"PERSON"})
        if low in PLURAL_PRONOUNS | IT_PRONOUNS:
            near = _nearest_noun_phrase(pt, pos, cand, plural=low in PLURAL_PRONOUNS)
            if near is not None:
                return _link(pt, near, clusters, cand)
            return _latest(clusters, pos, {"organization", "group"})
        return None
    if m.kind == "description":
        wanted = {m.type} if m.type != "unknown" else {"person", "organization", "group"}
        if m.type == "group":
            wanted = {"group", "organization"}
        best = None
        for c in clusters:
            if c.type in wanted and c.last <= pos and m.head_lemma in c.nouns:
                best = c if best is None or c.last > best.last else best
        best = best or _latest(clusters, pos, wanted)
        if best is not None:
            return best
    # a new speaker described by a common noun phrase
    for c in clusters:
        if _norm(c.name) == _norm(m.name or m.text):
            return c
    c = Cluster(_norm_name(m.name or m.text), m.type, m.role,
                nouns=_role_nouns(m.role, m.name) | {m.head_lemma})
    clusters.append(c)
    return c


def _norm_name(name: str) -> str:
    words = name.split()
    while words and words[0].lower() in DETERMINERS:
        words = words[1:]
    return " ".join(words) or name


def _latest(clusters: list[Cluster], pos: int, types: set[str]) -> Cluster | None:
    best = None
    for c in clusters:
        if c.type in types and c.last <= pos and (best is None or c.last > best.last):
            best = c
    return best


def _entity_cluster(pt: ParsedText, clusters: list[Cluster], pos: int, types: set[str]
                    ) -> Cluster | None:
    """A person named earlier but not yet a speaker."""
    ents = [e for e in pt.entities if e.type in types and e.char_end <= pos]
    if not ents:
        return None
    e = ents[-1]
    name = pt.text[e.char_start : e.char_end]
    for c in clusters:
        if _same_name(c.name, name):
            return c
    c = Cluster(name, "person", None, last=e.char_start)
    clusters.append(c)
    return c


def _nearest_noun_phrase(pt: ParsedText, pos: int, cand: Candidate, plural: bool
                         ) -> Mention | None:
    """The closest subject before ``pos`` in this or the previous sentence that can be
    a group or an organisation ("Overnight the police killed ..., they reported")."""
    s = pt.sentence_of(pos)
    if s is None:
        return None
    lo = pt.sents[max(0, s - 1)][0]
    for j in range(pt.words.index(next(w for w in pt.words if w.end > pos)) - 1, lo - 1, -1):
        w = pt.words[j]
        if w.upos not in ("NOUN", "PROPN") or w.deprel not in ("nsubj", "nsubj:pass", ""):
            continue
        if w.deprel == "" and not pt.parsed[w.sent]:
            continue
        kind = _noun_type(w)
        ent = _entity_at(pt, w.i)
        if ent is not None and ent.type in ("ORG", "GPE"):
            kind = "organization"
        if kind in ("organization", "group") and (not plural or kind == "group" or
                                                  w.lower in INSTITUTIONAL_PLURALS or
                                                  "Number=Plur" in w.feats or ent):
            return analyse_mention(pt, w)
    return None
