"""Name the speakers: mention, role, type, and one canonical speaker per person or body.

"Interior Minister Kalmukanbet Kasymov", "Kasymov", "the minister" and "he" become one
speaker named "Kalmukanbet Kasymov" with the role "Interior Minister". Pronouns and
short definite descriptions ("the body", "the newspaper") are resolved to the most
recent compatible speaker or named entity before them ("he" to a person who opened a
sentence since the last speaker spoke). Names in a list speak as one group; an acronym
takes the full name written before it; a misspelt surname is linked to the one person
it misspells. A name after a long role ("Head of the Oslo branch of the Nordic Workers
Union Erik Dahl") is the speaker, the rest its role. In an interview article, "I"
outside quotation marks is the person interviewed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from annotator.attribution import (
    POST_NOMINALS,
    Candidate,
    Span,
    apposition_of,
    child,
    is_age,
    is_cue,
    mention_words,
    span_of,
    subtree,
)
from annotator.lexicon import (
    CORPORATE_SUFFIXES,
    FEMALE_WORDS,
    GROUP_NOUNS,
    INSTITUTIONAL_PLURALS,
    MALE_WORDS,
    ORGANIZATION_NOUNS,
    PERSON_NOUNS,
    SEATS_OF_POWER,
    SOURCE_NOUNS,
    TITLE_NOUNS,
)
from annotator.parse import ParsedText, Word
from annotator.records import Speaker

# "the body", "the newspaper" point back to an organisation named before; "the police"
# or "the government" usually name a body of their own.
ANAPHORIC_ORG_NOUNS = {"body", "agency", "organisation", "organization", "group", "company",
                       "firm", "newspaper", "paper", "channel", "broadcaster", "network",
                       "ministry", "department", "office", "outlet", "daily", "website",
                       "committee", "council", "commission", "union", "party", "team",
                       "club", "bank", "board", "institute", "center", "centre", "service",
                       "association", "federation", "university", "hospital", "court",
                       "airline", "carrier", "operator", "regulator", "watchdog", "publisher",
                       "insurer", "lender", "retailer", "manufacturer", "maker", "carmaker",
                       "automaker", "chipmaker", "supplier", "producer", "developer", "giant",
                       "conglomerate", "charity", "foundation", "coalition", "alliance",
                       "bureau", "authority", "trust", "society", "museum"}
NAME_PARTICLES = {"de", "da", "di", "del", "van", "von", "der", "al", "el", "bin", "ibn",
                  "le", "la", "du", "dos", "das", "ter", "ten", "y"}
INDEFINITE_PRONOUNS = {"everyone", "everybody", "someone", "somebody", "anyone", "anybody",
                       "nobody", "none", "all", "both", "each", "many", "most", "some"}
COMMON_SPEAKERS = GROUP_NOUNS | ORGANIZATION_NOUNS | INSTITUTIONAL_PLURALS | PERSON_NOUNS
HONORIFICS = {"mr", "mrs", "ms", "miss", "mx", "sir", "madam", "dame", "lord", "lady"}


def strip_article(phrase: str) -> str:
    words = phrase.split(" ", 1)
    if len(words) == 2 and words[0].lower() in ("a", "an", "the"):
        return words[1]
    return phrase


def _plain_role(role: str | None) -> str | None:
    """The role without what only says how long or which one: "agent of 30 years" ->
    "agent", "actor who lit up stage and screen" -> "actor", "Another resident" ->
    "resident", "Her neighbour, retired postman" -> "retired postman"."""
    if not role:
        return role
    plain = re.sub(r"\s+(?:who|whose|which|that)\s.*$", "", role)
    plain = re.sub(r"\s+(?:of|for)\s+(?:\d+|[a-z]+-?)\s+(?:years?|decades?|months?)$", "",
                   plain)
    plain = re.sub(r"^(?:[Aa]nother|One|one)\s+", "", plain)
    # "Her neighbour, retired postman": the relation, then the role
    plain = re.sub(r"^(?:[Hh]er|[Hh]is|[Tt]heir|[Ii]ts|[Oo]ur|[Mm]y)\s+[^,]+,\s+", "", plain)
    return plain or role


ORG_NAME_WORDS = ORGANIZATION_NOUNS | INSTITUTIONAL_PLURALS | {
    "relations", "association", "department", "studies", "institute", "foundation",
    "press", "news", "times", "post", "journal", "ministry", "agency", "corporation",
    "inc", "inc.", "ltd", "group", "organisation", "organization", "society"}
PERSON_PRONOUNS = {"he", "she", "him", "her", "i", "me"}
PRONOUN_GENDER = {"he": "male", "him": "male", "she": "female", "her": "female"}
GENDER_STOPS = {"of", "for", "at", "in", "to", "with", "from", "on", "representing", "who"}
FIRST_PERSON = {"i", "me"}
# nouns that may stand for any organisation named before ("the body said")
GENERIC_BODIES = {"body", "organisation", "organization", "group", "institution", "company",
                  "firm", "agency"}
# plural people who speak for the body named before them ("the officials said")
ORGANIZATION_VOICES = {"official", "representative", "spokesman", "spokeswoman",
                       "spokesperson", "executive", "leader", "member", "officer"}
# an interview article: its title says so, or its opening names who was interviewed
INTERVIEW_TITLE = re.compile(r"\binterview|\btells\b|\btalks\b", re.IGNORECASE)
INTERVIEWED = re.compile(r"\b(?:interview(?:s|ed)?(?: with)?|spoke (?:with|to)|talked (?:with|to)"
                         r"|talks (?:with|to))\s+(?:\w+\s+){0,4}?$", re.IGNORECASE)
OPENING_CHARS = 1000
HEADLINE_CHARS = 200
# titles that say little on their own; an apposition after the name is preferred
BARE_TITLES = {"professor", "prof", "dr", "doctor", "mr", "mrs", "ms", "sir", "dame", "lord",
               "lady", "cllr"}
PLURAL_PRONOUNS = {"they", "them", "we", "us"}
IT_PRONOUNS = {"it"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
QUANTIFIERS = {"some", "many", "several"}  # "Some individuals reported": "individuals"


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
    gender: str | None = None  # "male" | "female" when a title, role or pronoun says so

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
    seat = [j for j in idx if pt.words[j].lower not in DETERMINERS]
    if seat and _join(pt, seat).lower() in SEATS_OF_POWER:
        # "Downing Street said", "the White House said": the government speaking
        m.kind, m.name, m.type = "name", _join(pt, seat), "organization"
        return m
    ent = _entity_at(pt, head.i)
    titled = ent is not None and any(pt.words[j].lower.strip(".") in TITLE_NOUNS
                                     for j in range(ent.start, ent.end))
    person_of = _person_of_organisation(pt, ent) if ent is not None else None
    if person_of:
        # "Sarah Patel of Leeds Cycling Campaign": the NER took a person and their
        # organisation for one organisation
        name_idx = person_of
        ent = None
    elif ent is not None and ent.type in ("ORG", "GPE", "LOC", "NORP", "FAC") and not titled:
        # an organisation's name may hold "of" and "and": "U.S. Department of Agriculture"
        name_idx = [j for j in range(ent.start, ent.end) if j in set(idx)]
        while name_idx and pt.words[name_idx[0]].lower in DETERMINERS:
            name_idx = name_idx[1:]
        while name_idx and name_idx[0] - 1 in idx and _entity_at(pt, name_idx[0] - 1) is None \
                and pt.words[name_idx[0] - 1].upos == "PROPN" \
                and pt.words[name_idx[0] - 1].lower.strip(".") not in TITLE_NOUNS:
            # "Agri Western Cape": the NER took the place in a name for the whole name
            name_idx = [name_idx[0] - 1, *name_idx]
        while name_idx and name_idx[0] - 2 in idx and pt.words[name_idx[0] - 1].lower in (
                "and", "&") and pt.words[name_idx[0] - 2].text[:1].isupper():
            # "The Retail and | Distribution Workers' Union": the NER cut at the "and"
            name_idx = [name_idx[0] - 2, name_idx[0] - 1, *name_idx]
            while name_idx[0] - 1 in idx and pt.words[name_idx[0] - 1].text[:1].isupper() \
                    and pt.words[name_idx[0] - 1].lower not in DETERMINERS:
                name_idx = [name_idx[0] - 1, *name_idx]
    else:
        name_idx = name_run(pt, set(idx), head.i, ent)
        # the parse made the first word of "Defence Minister Lars Olsen" the head
        after = name_idx[-1] + 1 if name_idx else None
        if after is not None and after < len(pt.words) and \
                pt.words[after].lower.strip(".") in TITLE_NOUNS:
            later = name_run(pt, None, after + 1, _entity_at(pt, after + 1)) \
                if after + 1 < len(pt.words) else []
            if later and later[0] == after + 1:
                name_idx = later
                idx = sorted(set(idx) | set(range(idx[0], later[-1] + 1)))
                span = span_of(pt, idx)
                m = Mention(span, span.text(text), idx, "other", head_lemma=head.lemma.lower())
    if not name_idx:
        # "Professor | Jane Smith", "Transport Minister | Anna Berg": the parse chose a
        # title word as head; the name follows the last title
        titles = [j for j in idx if pt.words[j].lower.strip(".") in TITLE_NOUNS]
        t = titles[-1] if titles else None
        if t is not None and any(pt.words[j].text in ("'s", "’s") for j in range(t, head.i)):
            t = None  # "Prime Minister Keir Starmer's office": the name owns the speaker
        later = name_run(pt, None, t + 1, _entity_at(pt, t + 1)) \
            if t is not None and t + 1 < len(pt.words) else []
        if later and later[0] == t + 1:
            name_idx = later
            idx = sorted(set(idx) | set(range(idx[0], later[-1] + 1)))
            span = span_of(pt, idx)
            m = Mention(span, span.text(text), idx, "other", head_lemma=head.lemma.lower())
        elif t is not None:
            portfolio = _name_after_portfolio(pt, t, set(idx))
            if portfolio:
                name_idx = portfolio
    if not name_idx and (head.upos == "NOUN" or head.lower.strip(".") in TITLE_NOUNS):
        # "Facebook co-founder Mark Zuckerberg": the title heads, the name hangs on it
        # (a title the tagger made a proper noun too: "the local MP, Sarah Quinlan,")
        order = {"appos": 0, "flat": 1, "compound": 1, "nmod": 2}
        kids = sorted((pt.words[j] for j in pt.children[head.i]
                       if pt.words[j].deprel in order), key=lambda w: order[w.deprel])
        for w in kids:
            if w.upos == "PROPN" and w.i > head.i and child(pt, w.i, "case") is None \
                    and (w.deprel == "appos" or "," not in pt.text[head.end:w.start]):
                at = w.i  # past an honorific that heads the apposition: ", Dr Mei Lin Foster,"
                while at + 1 < len(pt.words) and pt.words[at].lower.strip(".") in TITLE_NOUNS \
                        and pt.words[at + 1].upos == "PROPN" and at - w.i < 3:
                    at += 1
                run = name_run(pt, None, at, _entity_at(pt, at))
                if not run and w.deprel == "appos":
                    # "A spokesman for the army, Brigadier General Nabil Abdallah,": the
                    # apposition's head is a title, the person's name follows it
                    inner = set(subtree(pt, w.i))
                    run = next((list(range(e.start, e.end)) for e in pt.entities
                                if e.type == "PERSON" and e.start in inner), [])
                if run and pt.words[run[0] - 1].upos == "ADP":
                    continue  # "A spokesman for Zermatt Bergbahnen": the employer
                if run:
                    run = _without_post_nominals(pt, run)
                    before_name = [j for j in idx if j < run[0] and pt.words[j].upos != "PUNCT"
                                   and pt.words[j].lower not in DETERMINERS
                                   and pt.words[j].xpos != "PRP$"]  # "Its chief executive"
                    idx = sorted(set(idx) | set(range(idx[0], run[-1] + 1)))
                    span = span_of(pt, idx)
                    m = Mention(span, span.text(text), idx, "other",
                                head_lemma=head.lemma.lower())
                    name_idx = run
                    if head.lemma.lower() in ORGANIZATION_NOUNS:
                        # "The pilots' union, NPU, said": the organisation's own name (with
                        # its "of": "the campaign group Friends of Eastfield Libraries")
                        run = run + _of_a_name(pt, run[-1])
                        idx = sorted(set(idx) | set(run))
                        span = span_of(pt, idx)
                        m = Mention(span, span.text(text), idx, "name", name=_join(pt, run),
                                    type="organization", head_lemma=head.lemma.lower())
                        return m
                    if w.deprel == "appos" and before_name:
                        # "Popescu's lawyer, Dan Ionescu, said": the noun phrase is the role
                        m.kind, m.name, m.type = "name", _join(pt, run), "person"
                        m.role = _join(pt, before_name)
                        return m
                    break
    trailing = _name_at_end(pt, idx)
    if trailing and (not name_idx or name_idx[-1] < trailing[0] or (
            name_idx[0] < trailing[0] and name_idx[-1] == trailing[-1]
            and pt.words[name_idx[0]].lower.strip(".") in TITLE_NOUNS)):
        # "Executive director of the Dallas chapter of CAIR Alia Salem said": the parse
        # hung the name on the role's last noun (or the NER took the role into the name,
        # or the head is the organisation in "Student Association president Sehar Memon");
        # what stands before the name is the role
        before = [j for j in idx if j < trailing[0] and pt.words[j].upos != "PUNCT"]
        while before and pt.words[before[0]].lower in DETERMINERS:
            before = before[1:]
        m.kind, m.name, m.type = "name", _join(pt, trailing), "person"
        m.role = _join(pt, before)
        return m
    # the tagger or parser ran the name on ("Hugh McGuire Sunday", "Lydia Buchtmann for
    # Food Standards ...", "co -founder Mark Zuckerberg"): a full name (two words or more)
    # that the NER found inside it is the name
    if name_idx:
        inner = [e for e in pt.entities if e.type == "PERSON" and e.end - e.start >= 2
                 and name_idx[0] <= e.start and e.end - 1 <= name_idx[-1]
                 and e.end - e.start < len(name_idx)]
        if inner:
            name_idx = list(range(inner[0].start, inner[0].end))
    if len(name_idx) == 1 and name_idx[0] == pt.sents[head.sent][0] and \
            pt.words[name_idx[0]].lower in COMMON_SPEAKERS:
        name_idx = []  # "Officials said": a capital because the sentence starts there
    name_idx = _without_post_nominals(pt, name_idx)
    if name_idx:
        m.kind = "name"
        m.name = _join(pt, name_idx)
        m.role = role_before(pt, name_idx[0], set(idx))
        # (a title set off before the name says so too: "The mayor of Carlisle, Helen
        # Ward, said", whatever the NER made of "Ward")
        m.type = _name_type(pt, ent, name_idx,
                            bool(m.role) or bool(role_before_comma(pt, name_idx[0])))
        rest = _of_a_name(pt, name_idx[-1]) if m.type == "organization" else []
        if rest and set(rest) <= set(idx):
            name_idx = name_idx + rest
            m.name = _join(pt, name_idx)
        after = role_after(pt, name_idx[-1])
        if m.type == "organization" and after and len(name_idx) >= 2 and \
                pt.words[name_idx[0]].lower not in ORG_NAME_WORDS and \
                after.split()[0].lower() in TITLE_NOUNS:
            m.type = "person"  # "Ricardo Baretzky, president of ...": the tagger erred
        bare = m.role is not None and m.role.lower().strip(".") in BARE_TITLES
        if m.type != "organization" and (m.role is None or bare):
            # "Professor Cres Eastman, Director of the ... study": the apposition says more
            # (and so does the role before "the board's chief inspector, Dr Mei Lin Foster")
            before = role_before_comma(pt, min(name_idx[0], idx[0]))
            m.role = after or (before if bare else None) or m.role or before
        last = pt.words[idx[-1]]
        if m.type == "organization" and last.i > name_idx[-1] and last.text.islower() and \
                last.lower in TITLE_NOUNS:
            # "A Department of Health spokesperson": someone who speaks for the body
            content = [j for j in idx if pt.words[j].lower not in DETERMINERS]
            m.kind, m.type = "other", "person"
            m.name = m.role = _join(pt, content)
    else:
        content = [j for j in idx if pt.words[j].lower not in DETERMINERS | QUANTIFIERS]
        m.name = _join(pt, content) if content else written
        age = is_age(pt, head.i)  # "the 74-year-old recalled": someone named before
        if age and idx[0] > 0 and pt.words[idx[0] - 1].lower == "the":
            words = [pt.words[idx[0] - 1], *words]  # the parse hung "the" elsewhere
        definite = words[0].lower in DETERMINERS and words[0].lower not in ("a", "an")
        role_noun = m.head_lemma in PERSON_NOUNS | ORGANIZATION_NOUNS or age
        anaphoric = definite and (len(content) <= 2 or role_noun) and (
            m.head_lemma not in ORGANIZATION_NOUNS or m.head_lemma in ANAPHORIC_ORG_NOUNS)
        m.kind = "description" if anaphoric else "other"
        m.type = "person" if age else _noun_type(head)
        last = pt.words[idx[-1]]
        if m.type == "unknown" and last.text[:1].isupper() and last.lower in ORGANIZATION_NOUNS:
            m.kind, m.type = "name", "organization"  # "The Food and Drink Federation"
        named = [j for j in content if j != last.i]
        if last.lower in ("union", "party") and named and last.i == content[-1] and all(
                pt.words[j].text[:1].isupper() for j in named) and not any(
                e.type == "GPE" and e.start <= named[0] < e.end for e in pt.entities):
            # "the Unite union", "the Labour party": the name is the capitalised words
            m.kind, m.type, m.name = "name", "organization", _join(pt, named)
        if m.type == "person" and m.head_lemma in TITLE_NOUNS:
            m.role = m.name
    app = apposition_of(pt, head)
    if app is not None and m.type in ("person", "unknown") and m.kind == "name":
        if _is_role(app.text(text)):
            m.role = m.role or strip_article(app.text(text))
        m.type = "person"
    return _with_partners(pt, head, m)


def _of_a_name(pt: ParsedText, last: int) -> list[int]:
    """The rest of an organisation's name after its first capitalised words: "Friends |
    of Eastfield Libraries", "Council | for the Exploration of the Sea"."""
    b = pt.sents[pt.words[last].sent][1]
    j, out = last + 1, []
    while j + 1 < b and pt.words[j].lower in ("of", "for", "and", "&"):
        k = j + 1 + (pt.words[j + 1].lower == "the")
        end = k
        while end < b and pt.words[end].text[:1].isupper() and pt.words[end].upos in (
                "PROPN", "NOUN", "ADJ"):
            end += 1
        if end == k:
            break
        out += list(range(j, end))
        j = end
    return out


def _without_post_nominals(pt: ParsedText, name_idx: list[int]) -> list[int]:
    """ "Catherine Moyo KC" is Catherine Moyo: the letters are her rank, not her name."""
    while len(name_idx) > 2 and pt.words[name_idx[-1]].text.strip(".") in POST_NOMINALS:
        name_idx = name_idx[:-1]
    return name_idx


def _is_role(text: str) -> bool:
    """An apposition that says what someone is, not their age ("Janet Greene, 67,")."""
    return any(w.isalpha() and w.lower() not in ("aged", "age") for w in text.split())


def _with_partners(pt: ParsedText, head: Word, m: Mention) -> Mention:
    """Names (or plain nouns) coordinated with the head speak together: "George Bush and
    James Baker agreed that ..." is said by both, a group, not by George Bush alone."""
    # "Police and prosecutors said"; an adjective as subject is a noun the tagger missed
    nouns = m.kind == "other" and (head.upos == "NOUN" or (
        head.upos == "ADJ" and head.deprel.startswith("nsubj")))
    if not nouns and (m.kind != "name" or m.name is None):
        return m
    parts = [m]
    # the conjunct may hang on any word of the mention ("George | Bush and James Baker":
    # the parse split the first name), but stands after it
    end = max(m.words, default=head.i)
    for j in sorted({c for k in set(m.words) | {head.i} for c in pt.children[k]}):
        w = pt.words[j]
        if w.deprel != "conj" or j <= end or w.upos != ("NOUN" if nouns else "PROPN"):
            continue
        part = analyse_mention(pt, w)
        if part.name is None or (part.kind != "name" and not nouns):
            return m
        parts.append(part)
    if len(parts) == 1:
        return m
    # only a plain list joins them: "A and B", "A, B and C", "A & B"
    parts.sort(key=lambda p: p.span.start)
    for a, b in pairwise(parts):
        if pt.text[a.span.end : b.span.start].strip() not in (",", "and", ", and", "&"):
            return m
    text = pt.text
    last = parts[-1]
    start = text.find(last.name, last.span.start) if last.name else -1
    if nouns and last.kind == "name" and last.type == "person" and start > last.span.start \
            and all(p.kind == "other" for p in parts[:-1]):
        # "Veteran diplomat and former ambassador Peter Lindgren": one person, two roles
        # (the last part has a role of its own; "Police and Anna Berg" are a group)
        span = Span(parts[0].span.start, last.span.end)
        return Mention(span, span.text(text), sorted({j for p in parts for j in p.words}),
                       "name", last.name, text[parts[0].span.start : start].strip() or None,
                       "person", m.head_lemma)
    first = text.find(parts[0].name, parts[0].span.start)
    last = text.rfind(parts[-1].name, 0, parts[-1].span.end)
    if first < 0 or last < first:
        return m
    last += len(parts[-1].name)
    span = Span(parts[0].span.start, parts[-1].span.end)
    return Mention(span, span.text(text), sorted({j for p in parts for j in p.words}),
                   "name", text[first:last], None, "group", m.head_lemma)


def _name_at_end(pt: ParsedText, idx: list[int]) -> list[int]:
    """The person's name that ends a subject phrase after a long role ("American academic
    and professor Marc Lamont Hill", "Head of the Oslo branch of the Nordic Workers Union
    Erik Dahl"): a PERSON entity of two words or more, or a run of two or more capitalised
    proper nouns outside any entity, right after a noun or adjective (never after "of" or
    "the", where a run is more likely an organisation the NER missed), with a person noun
    among the words before it."""
    content = [j for j in idx if pt.words[j].upos != "PUNCT"]
    if len(content) < 3:
        return []
    last = content[-1]
    ent = _entity_at(pt, last)
    if ent is not None and ent.type != "PERSON":
        return []
    if ent is not None and ent.end - 1 == last and ent.end - ent.start >= 2 and \
            pt.words[ent.start].lower.strip(".") not in TITLE_NOUNS:
        run = list(range(ent.start, ent.end))
    else:  # no entity, or the NER took the role in too ("Chairwoman of ... Joan Miller")
        run = []
        j = last
        while j in idx and pt.words[j].upos == "PROPN" and pt.words[j].text[:1].isupper() \
                and getattr(_entity_at(pt, j), "type", "PERSON") == "PERSON" \
                and pt.words[j].lower not in ORG_NAME_WORDS \
                and pt.words[j].lower.strip(".") not in TITLE_NOUNS:
            run.insert(0, j)
            j -= 1
        if len(run) < 2:
            return []
    before = [j for j in content if j < run[0]]
    if not before or pt.words[before[-1]].upos not in ("NOUN", "PROPN", "ADJ") or \
            pt.text[pt.words[before[-1]].end : pt.words[run[0]].start].strip():
        return []
    if not any(pt.words[j].lower in PERSON_NOUNS for j in before):
        return []
    return run


def _name_after_portfolio(pt: ParsedText, t: int, allowed: set[int]) -> list[int]:
    """The name after a title with its portfolio, "Minister of Education | Stefania
    Giannini": the NER's person inside the capitalised run after "of"/"for", else the
    run's last two words (the portfolio keeps at least one)."""
    b = pt.sents[pt.words[t].sent][1]
    if t + 2 >= b or pt.words[t + 1].lower not in ("of", "for"):
        return []
    run = []
    j = t + 2
    while j < b and j in allowed and pt.words[j].text[:1].isupper() and \
            pt.words[j].upos in ("PROPN", "NOUN", "ADJ"):
        run.append(j)
        j += 1
    for e in pt.entities:
        if e.type == "PERSON" and run and run[0] < e.start and e.end - 1 <= run[-1]:
            return list(range(e.start, e.end))
    return run[-2:] if len(run) >= 3 else []


def _person_of_organisation(pt: ParsedText, ent) -> list[int] | None:
    """The words of "Sarah Patel" in an organisation entity "Sarah Patel of Leeds Cycling
    Campaign" (or "... for Food Standards Australia"): two or three capitalised proper
    nouns, none an organisation word, then "of" or "for"."""
    if ent.type not in ("ORG", "GPE"):
        return None
    words = pt.words[ent.start : ent.end]
    k = next((n for n, w in enumerate(words) if w.lower in ("of", "for")), None)
    if k is None or not 2 <= k <= 3:
        return None
    head = words[:k]
    if all(w.upos == "PROPN" and w.text[:1].isupper() and w.lower not in ORG_NAME_WORDS
           and w.lower not in TITLE_NOUNS for w in head):
        return [w.i for w in head]
    return None


def name_run(pt: ParsedText, allowed: set[int] | None, i: int, ent=None) -> list[int]:
    """The proper-noun run around word ``i`` that is a name: "Kremlin spokesman
    [Dmitry Peskov]", "[Matthew Ingram] of The Globe and Mail". Titles are not names."""
    def ok(j: int) -> bool:
        if j < 0 or j >= len(pt.words) or (allowed is not None and j not in allowed):
            return False
        w = pt.words[j]
        if w.lower.strip(".") in TITLE_NOUNS or w.sent != pt.words[i].sent:
            return False
        in_ent = ent is not None and ent.start <= j < ent.end
        if w.text in ("-", "‐"):  # "Al-Maeena", "El-Hassan": joined, no spaces
            return _joined(pt, j)
        if not (w.text[:1].isupper() or w.lower in NAME_PARTICLES or w.text[:1].isdigit()):
            return False  # "curator" is not part of "Elaine Gustafon"
        # "the Interior Ministry" where the tagger calls "Interior" an adjective
        # (untagged sentences, upos "X", go by capitals alone)
        capital = w.upos in ("ADJ", "NOUN", "X") and j != pt.sents[w.sent][0]
        return w.upos == "PROPN" or in_ent or capital
    if not ok(i):
        return []
    a = b = i
    while ok(a - 1):
        a -= 1
    while ok(b + 1):
        b += 1
    # two names side by side: "... Islamic Relations | Alia Salem", "United States | X"
    for k in range(i - 1, a - 1, -1):
        if pt.words[k].lower in ORG_NAME_WORDS:
            a = k + 1
            break
    person = ent is not None and ent.type == "PERSON"
    for e in pt.entities:
        # a place always ends a name; an organisation only before a person's name, not
        # in "[Google] Analytics"
        if e.type != "PERSON" and (e.type != "ORG" or person) and a < e.end <= i \
                and not (e.start <= i < e.end):
            a = e.end
    while a < b and not pt.words[a].text[:1].isalnum():
        a += 1
    while b > a and not pt.words[b].text[:1].isalnum():
        b -= 1
    # an organisation's name goes on after "of"/"for": "Federation of Small Businesses",
    # "Department for Transport"
    hi = pt.sents[pt.words[i].sent][1]
    while b + 2 < hi and pt.words[b].lower in ORG_NAME_WORDS and \
            pt.words[b + 1].lower in ("of", "for") and pt.words[b + 2].text[:1].isupper() \
            and (allowed is None or b + 2 in allowed):
        b += 2
        while b + 1 < hi and pt.words[b + 1].text[:1].isupper() and \
                pt.words[b + 1].upos in ("PROPN", "NOUN", "ADJ") and \
                (allowed is None or b + 1 in allowed):
            b += 1
    run = list(range(a, b + 1))
    if not any(pt.words[j].upos in ("PROPN", "X") or (ent and ent.start <= j < ent.end)
               for j in run):
        return []
    return run


ROLE_WORDS = {"ADJ", "NOUN", "PROPN", "PART", "NUM"}


def role_before(pt: ParsedText, first: int, allowed: set[int] | None = None) -> str | None:
    """A title in front of a name: "Interior Minister", "Kremlin spokesman", "Afghan
    Ambassador to the United States", "Malaysia's Prime Minister"."""
    j = first - 1
    sent = pt.words[first].sent
    start = None
    while j >= 0 and pt.words[j].sent == sent and (allowed is None or j in allowed):
        w = pt.words[j]
        if w.ner == "E-PERSON":
            break  # another person's full name ends here: "from President Barack Obama to"
        untagged_title = ((w.upos == "X" or start is not None) and (
            w.text[:1].isupper() or w.lower.strip(".") in TITLE_NOUNS)) or (
            j == first - 1 and w.lower.strip(".") in TITLE_NOUNS)  # "prefect" as a verb
        participle = w.deprel == "amod" and w.xpos in ("VBN", "VBG")  # "retired teacher"
        if w.upos in ROLE_WORDS or untagged_title or participle or \
                w.text in ("'s", "’s", "-") or \
                (w.upos == "DET" and j > 0 and start is not None) or (
                    # "Afghan Ambassador to the United States", not "a walkout in the Lok
                    # Sabha on Wednesday after Finance Minister"
                    w.upos == "ADP" and w.lower in ("of", "for", "to", "at") and j > 0
                    and start is not None):
            if w.upos == "DET" and w.lower in DETERMINERS and not (
                    j > 0 and pt.words[j - 1].upos == "ADP"):
                break
            start = j
            j -= 1
            continue
        break
    if start is None:
        return None
    idx = list(range(start, first))
    while idx and pt.words[idx[0]].upos in ("ADP", "DET", "PART"):
        idx = idx[1:]
    while idx and pt.words[idx[0]].lower.strip(".") in HONORIFICS:
        idx = idx[1:]
    if not any(pt.words[k].lower.strip(".") in TITLE_NOUNS | PERSON_NOUNS or (
            # a trade not in the lexicon: "geophysicist", "volcanologist", "pianist"
            pt.words[k].upos == "NOUN" and pt.words[k].text.islower()
            and pt.words[k].lower.endswith("ist") and len(pt.words[k].text) >= 6)
               for k in idx):
        return None
    while len(idx) > 1 and pt.words[idx[-1]].lower.strip(".") in HONORIFICS | {"dr", "prof"}:
        idx = idx[:-1]  # "Undersecretary for Education Mr Gabriele Toccafondi", "Hydrologist Dr"
    return _join(pt, idx)


def role_before_comma(pt: ParsedText, first: int) -> str | None:
    """ "The mayor of Springfield, John Carter, said": the role written before a
    comma right in front of the name."""
    j = first - 1
    if j < 1 or pt.words[j].text != ",":
        return None
    a = pt.sents[pt.words[first].sent][0]
    k = j - 1
    stops = {",", ";", ":"}
    while k > a and pt.words[k - 1].text not in stops and (
            pt.words[k - 1].upos not in ("VERB", "AUX") or pt.words[k - 1].deprel == "amod"):
        k -= 1  # ("managing director": a participle describes)
    if pt.words[k].upos == "ADP" and k == a:
        return None  # a phrase that says where, not who: "In a letter to the mayor, Lowe"
    idx = list(range(k, j))
    while idx and (pt.words[idx[0]].upos in ("DET", "ADP", "CCONJ", "PUNCT") or
                   pt.words[idx[0]].xpos == "PRP$"):
        idx = idx[1:]  # (and the closing mark of a quotation: “...,” the lawyer, X, said;
        # and "Its": "Its director of enforcement, Therese Chambers, said")
    # the title heads the role: "The mayor of Springfield", "The Transport Secretary"
    titled = idx and (pt.words[idx[0]].lower.strip(".") in TITLE_NOUNS or
                      pt.words[idx[-1]].lower.strip(".") in TITLE_NOUNS)
    if titled and (k == a or pt.words[k - 1].text in stops):
        return _join(pt, idx)
    return None


def role_after(pt: ParsedText, last: int) -> str | None:
    """A surface apposition after a name: "Ricardo Baretzky, president of the European
    Center for ..., told RT" (works on unparsed sentences too)."""
    j = last + 1
    if j >= len(pt.words) or pt.words[j].text != ",":
        return None
    a, b = pt.sents[pt.words[last].sent]
    if j + 2 < b and pt.words[j + 1].text.isdigit() and pt.words[j + 2].text == ",":
        j += 2  # past the age: "Joan Pike, 71, a retired nurse"
    if j + 1 < b and pt.words[j + 1].lower in ("a", "an"):
        # "Ahmed Karimi, a local farmer." describes who the speaker is ("a retired
        # teacher": participles describe too)
        end = j + 1
        while end + 1 < b and end - j < 10 and (pt.words[end + 1].upos in (
                "ADJ", "NOUN", "PROPN", "ADP", "DET", "NUM", "PART", "CCONJ") or
                pt.words[end + 1].xpos in ("VBN", "VBG")):
            end += 1
        if pt.words[end].upos in ("NOUN", "PROPN") and (
                end + 1 >= b or pt.words[end + 1].text in (",", ".", ";", "—", "–")
                or pt.words[end + 1].lower in ("who", "whose")):  # "a nurse who travels"
            return _join(pt, list(range(j + 2, end + 1)))
    k = j + 1
    while k < b and pt.words[k].upos in ("DET", "ADJ", "PROPN", "NOUN", "PART", "NUM") \
            and pt.words[k].lower.strip(".") not in TITLE_NOUNS:
        k += 1
    if k >= b or pt.words[k].lower.strip(".") not in TITLE_NOUNS:
        return None
    end = k
    while end + 1 < b and end - k < 16 and \
            pt.words[end + 1].text not in (",", ";", ")", "—", "–") and \
            pt.words[end + 1].xpos not in ("VBD", "VBZ", "VBP", "MD"):
        end += 1
    if end + 1 < b and pt.words[end + 1].text not in (",", ")", "—", "–", ".", ";"):
        return None
    idx = list(range(j + 1, end + 1))
    if pt.words[idx[0]].lower in ("a", "an", "the"):
        idx = idx[1:]
    return _join(pt, idx) if idx else None


@dataclass
class Name:
    name: str
    role: str | None
    start: int
    type: str
    word: int = -1  # index of its first word (persons)


def document_names(pt: ParsedText) -> list[Name]:
    """Every person named in the document, with a title or apposition where one is
    written: the source of full names and roles for later, shorter mentions."""
    out = []
    for e in pt.entities:
        if e.type != "PERSON":
            if e.type in ("ORG", "GPE"):
                end = e.end  # "the Australian National Iodine | Nutrition Study": cut short
                while end < len(pt.words) and pt.words[end].sent == pt.words[e.start].sent \
                        and pt.words[end].upos in ("PROPN", "NOUN") and \
                        pt.words[end].text[:1].isupper() and pt.words[end].ner == "O":
                    end += 1
                name = pt.text[e.char_start : pt.words[end - 1].end]
                out.append(Name(_norm_name(name), None, e.char_start, "organization"))
            continue
        head = e.end - 1
        run = name_run(pt, None, head, e)
        if e.end - e.start >= 2:  # a full name found by the NER: do not run on past it
            run = [j for j in run if e.start <= j < e.end]
        run = _without_post_nominals(pt, run)
        if not run or (len(run) == 1 and pt.words[run[0]].lower in INDEFINITE_PRONOUNS):
            continue  # "Everyone" is nobody in particular
        role = role_before(pt, run[0]) or role_after(pt, run[-1]) or \
            role_before_comma(pt, run[0])
        out.append(Name(_join(pt, run), role, pt.words[run[0]].start, "person", run[0]))
    # names the NER missed: runs of two or more capitalised proper nouns, persons when a
    # title stands before them ("Health Minister Sara Lind")
    covered = {j for e in pt.entities for j in range(e.start, e.end)}
    i = 0
    while i < len(pt.words):
        run = name_run(pt, None, i) if pt.words[i].upos in ("PROPN", "X") else []
        run = _without_post_nominals(pt, run)
        if len(run) >= 2 and not covered & set(run) and \
                all(pt.words[j].text[:1].isupper() for j in run):
            role = role_before(pt, run[0])
            out.append(Name(_join(pt, run), role or role_after(pt, run[-1]),
                            pt.words[run[0]].start, "person" if role else "unknown", run[0]))
        i = max(i + 1, run[-1] + 1) if run else i + 1
    # "Brian and Susan Clarke": two people, the first named by a first name only
    for n in [n for n in out if n.type == "person" and n.word > 1 and len(n.name.split()) >= 2]:
        first, conj = pt.words[n.word - 2], pt.words[n.word - 1]
        if conj.lower == "and" and first.upos == "PROPN" and first.text[:1].isupper() and \
                (first.i == 0 or pt.words[first.i - 1].upos != "PROPN"):
            out.append(Name(f"{first.text} {n.name.split()[-1]}", n.role, first.start,
                            "person", first.i))
    out.sort(key=lambda n: n.start)
    return out


def _run_around(idx: list[int], i: int) -> list[int]:
    s = set(idx)
    a = b = i
    while a - 1 in s:
        a -= 1
    while b + 1 in s:
        b += 1
    return list(range(a, b + 1)) if i in s else []


def _join(pt: ParsedText, idx: list[int]) -> str:
    return pt.text[pt.words[idx[0]].start : pt.words[idx[-1]].end].rstrip(".,;:")


def _joined(pt: ParsedText, k: int) -> bool:
    """A hyphen with words touching it on both sides."""
    return 0 < k < len(pt.words) - 1 and pt.words[k - 1].end == pt.words[k].start and \
        pt.words[k].end == pt.words[k + 1].start


CAMEL_CASE = re.compile(r"[A-Z][a-z]+[A-Z][A-Za-z]*")
SURNAME_PREFIX = re.compile(r"(Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|Fitz)[A-Z]")


def _one_word_organisation(word: str) -> bool:
    """A one-word name that is an organisation whatever the NER guessed: an organisation
    noun ("the Treasury"), an acronym ("the RSF"), a capital inside ("TikTok"; but
    "McDonald", "DeSantis" are people)."""
    return word.lower() in ORGANIZATION_NOUNS or (
        len(word) >= 2 and word.isalpha() and word.isupper()) or (
        bool(CAMEL_CASE.fullmatch(word)) and not SURNAME_PREFIX.match(word))


def _name_type(pt: ParsedText, ent, name_idx: list[int], has_title: bool) -> str:
    if has_title:  # "Spokeswoman Lydia Buchtmann", even inside a span the NER calls a place
        return "person"
    if len(name_idx) == 1 and _one_word_organisation(pt.words[name_idx[0]].text):
        return "organization"
    if ent is not None and ent.type in ("ORG", "GPE", "LOC", "NORP"):
        return "organization"
    end = name_idx[-1]
    if end + 2 < len(pt.words) and pt.words[end + 1].text == "," and \
            pt.words[end + 2].lower == "which":
        return "organization"  # "Taiwan Semiconductor, which makes ...": people are "who"
    last = pt.words[name_idx[-1]].lemma.lower()
    before = pt.words[name_idx[0] - 1].lower if name_idx[0] > 0 else ""
    if ent is not None and ent.type == "PERSON":
        # the NER's guess gives way to the text's "the social media company Chatter" and
        # to "The Maritime Workers Federation" (not "Margaret Court": no "the", two words)
        named_like_org = last in ORGANIZATION_NOUNS and (before == "the" or len(name_idx) >= 3)
        return "organization" if named_like_org or \
            _introduced_as_organisation(pt, _join(pt, name_idx)) else "person"
    of = [j for j in name_idx[1:] if pt.words[j].lower in ("of", "for")]
    if last in ORGANIZATION_NOUNS or last in INSTITUTIONAL_PLURALS or \
            before in ORGANIZATION_NOUNS or (  # "the anti-corruption agency DNA"
                of and pt.words[of[0] - 1].lower in ORG_NAME_WORDS) or \
            _introduced_as_organisation(pt, _join(pt, name_idx)):
        return "organization"
    if len(name_idx) >= 2 and all(pt.words[j].text[:1].isupper() for j in name_idx):
        return "person"
    return "unknown"


def _introduced_as_organisation(pt: ParsedText, name: str) -> bool:
    """Somewhere the document writes the name after an organisation noun: "the social
    media company Chatter", "the airline Ryanair" (not "the company John founded"), or
    the noun in apposition after the name."""
    pattern = rf"\b(?:{_ORG_NOUN_ALTERNATION})\s+({re.escape(name)})\b"
    for match in re.finditer(pattern, pt.text, re.IGNORECASE):
        after = next((w for w in pt.words if w.start >= match.end(1)), None)
        if after is None or after.upos not in ("VERB", "AUX"):
            return True
    # or describes it so right after it: "Nimbus AI, the company behind the chatbot" (not
    # "Jane Roe, the company's founder", "Jane Roe, the party leader")
    return re.search(rf"\b{re.escape(name)}, (?:the|a|an) (?:[\w-]+ )?"
                     rf"(?:{_ORG_NOUN_ALTERNATION})(?:[,.;]| (?:behind|that|which|based|"
                     rf"founded|owned|run|known|whose|of|in|for|with)\b)", pt.text) is not None


_ORG_NOUN_ALTERNATION = "|".join(sorted(ORGANIZATION_NOUNS, key=len, reverse=True))


def _noun_type(head: Word) -> str:
    lemma, low = head.lemma.lower(), head.lower
    if low in GROUP_NOUNS:
        return "group"
    if lemma in INSTITUTIONAL_PLURALS or low in INSTITUTIONAL_PLURALS:
        return "organization"
    if lemma in ORGANIZATION_NOUNS and "Number=Plur" not in head.feats:
        return "organization"  # "the airline"; "retailers" are a group
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


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.replace("-", " ").split()
                   if w[:1].isupper() and w.lower() not in ("of", "the", "and", "for"))


@lru_cache(maxsize=65536)  # called for every pair of names in long documents
def _same_name(a: str, b: str) -> bool:
    """ "Kasymov" names the same person as "Kalmukanbet Kasymov"; "WHO" the same body
    as "World Health Organization", "Church" as "Church of Scientology"."""
    na, nb = _norm(a).split(), _norm(b).split()
    if not na or not nb:
        return False
    if na == nb:
        return True
    for x, y in ((a.strip(), b), (b.strip(), a)):
        if x.isupper() and len(x) >= 2 and " " not in x and _initials(y) == x:
            return True
    short, long_ = (na, nb) if len(na) < len(nb) else (nb, na)
    if len(short) == 1 and len(long_) >= 3 and long_[1] == "of":
        return short[0] == long_[0]  # "the Church" of "the Church of Scientology"
    if len(short) == 1 and len(long_) >= 2 and long_[-1].strip(".") in CORPORATE_SUFFIXES:
        return short[0] == long_[0]  # "Brightwater" of "Brightwater Energy Inc."
    if len(short) == 2 and short[0] in NAME_PARTICLES and len(long_) > 2:
        return long_[-2:] == short  # "De Vos" of "Pieter de Vos"
    return len(short) == 1 and short[0] == long_[-1]



def _edit_distance(a: str, b: str) -> int:
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def _close_spelling(word: str, surname: str) -> bool:
    """A typo of the surname: same first letter, one edit (two in long names)."""
    w, s = word.lower(), surname.lower()
    if w == s or len(w) < 5 or w[0] != s[0]:
        return False
    return _edit_distance(w, s) <= (1 if len(s) < 8 else 2)


def _misspelt_surname(word: str, type_: str, clusters: list[Cluster],
                      names: list[Name]) -> Cluster | str | None:
    """The one person whose surname ``word`` misspells ("Water said" after "Kathryn
    Waters"; "Bauchtman" for "Lydia Buchtmann"): their cluster, or their full name when
    they have not spoken yet. None when no one, or more than one, is that close, or when
    ``word`` is itself a surname written in the document."""
    if " " in word.strip() or type_ not in ("person", "unknown"):
        return None
    persons = [n.name for n in names if n.type == "person"] + \
        [c.name for c in clusters if c.type == "person"]
    if any(len(p.split()) >= 2 and _norm(p).split()[-1] == word.lower() for p in persons):
        return None
    near = {p for p in persons if len(p.split()) >= 2 and
            _close_spelling(word, _norm(p).split()[-1])}
    if len(near) != 1:
        return None
    full = near.pop()
    for c in clusters:
        if c.type == "person" and c.name == full:
            return c
    return full


def _role_nouns(role: str | None, name: str | None = None) -> set[str]:
    words = f"{role or ''} {name or ''}".lower().split()
    return {w.strip(",.") for w in words}


def resolve(pt: ParsedText, cands: list[Candidate]) -> tuple[list[dict], list[Speaker]]:
    """Speaker fields for each candidate (dicts) and the document's canonical speakers."""
    clusters: list[Cluster] = []
    fields: list[dict] = []
    owners: list[Cluster | None] = []  # each field's cluster
    names = document_names(pt)
    for cand in cands:
        if cand.speaker_head is None:
            fields.append({"speaker": None, "speaker_start": None, "speaker_end": None,
                           "speaker_name": None, "speaker_role": None,
                           "speaker_type": "unknown", "resolved": False})
            owners.append(None)
            continue
        m = analyse_mention(pt, cand.speaker_head)
        if cand.inherited and cand.speaker is not None:
            pass  # the mention belongs to the neighbouring attribution
        cluster = _link(pt, m, clusters, cand, names)
        if cand.apposition and cluster is not None and cluster.role is None and \
                _is_role(cand.apposition.text(pt.text)):
            cluster.role = cand.apposition.text(pt.text)
        if cluster is not None:
            cluster.mentions.append((m.span.start, m.span.end))
            cluster.last = max(cluster.last, m.span.start)
            if cand.cue_word is not None:
                # "X said in a witness statement ...": a later "the statement said" is X
                cluster.nouns |= {pt.words[j].lemma.lower() for j in pt.children[
                    cand.cue_word.i] if pt.words[j].deprel == "obl"
                    and pt.words[j].lemma.lower() in SOURCE_NOUNS}
        fields.append({
            "speaker": m.text, "speaker_start": m.span.start, "speaker_end": m.span.end,
            "speaker_name": cluster.name if cluster else m.name,
            "speaker_role": _plain_role(cluster.role if cluster else m.role) if (
                (cluster.type if cluster else m.type) == "person") else None,
            "speaker_type": cluster.type if cluster else m.type,
            "resolved": cluster is not None and m.kind in ("pronoun", "description"),
            "mention_kind": m.kind,
        })
        owners.append(cluster)
    _headline_to_lead(pt, fields, owners, clusters)
    return fields, [c.to_speaker() for c in clusters]


def _headline_to_lead(pt: ParsedText, fields: list[dict], owners: list[Cluster | None],
                      clusters: list[Cluster]) -> None:
    """A headline's "Mayor says ..." or "Australian woman claims ..." is the person the
    article then names with that role ("The mayor of Carlisle, Helen Ward, said"):
    the headline's cluster (and whatever joined it, "the mayor said") becomes theirs. So
    is a definite role in the opening paragraphs ("Nvidia reported ..., and its chief
    executive said" before "Jensen Huang, the chief executive, told"); "a spokesman"
    may stay anonymous."""
    end = _headline_end(pt)
    for c in [c for c in clusters if c.type == "person" and c.mentions]:
        k = owners.index(c)
        if fields[k]["mention_kind"] == "name":
            continue
        mention = (fields[k]["speaker"] or "").lower().split()
        definite = bool(mention) and (mention[0] in ("the", "its", "his", "her", "their")
                                      or "'s" in mention[0] or "’s" in mention[0])
        if fields[k]["speaker_start"] >= end and not (
                definite and fields[k]["speaker_start"] < OPENING_CHARS):
            continue
        titles = c.nouns & PERSON_NOUNS  # all of them: "chief executive" is no "chief
        # financial officer"
        named = [t for t in clusters if t is not c and t.type == "person" and t.mentions
                 and min(t.mentions)[0] >= max(end, fields[k]["speaker_start"])
                 and titles and titles <= t.nouns
                 and fields[owners.index(t)]["mention_kind"] == "name"]
        if not named:
            continue
        t = min(named, key=lambda t: min(t.mentions))
        for j, owner in enumerate(owners):
            if owner is c:
                owners[j] = t
                fields[j].update(speaker_name=t.name, speaker_role=t.role,
                                 speaker_type="person", resolved=True)
        t.mentions += c.mentions
        clusters.remove(c)


def _link(pt: ParsedText, m: Mention, clusters: list[Cluster], cand: Candidate,
          names: list[Name]) -> Cluster | None:
    pos = m.span.start
    if m.kind == "name":
        subject = _subject_of_shared_surname(pt, m, names)
        if subject is not None:
            return _name_cluster(clusters, names, pos, chosen=subject)
        for c in clusters:
            company = c.type == "organization" and len(m.text.split()) == 1 and \
                c.name.split()[-1].lower().strip(".") in CORPORATE_SUFFIXES
            # ("Brightwater said" after "Brightwater Energy Inc.", whatever the NER says)
            if c.type in (m.type, "unknown") or m.type == "unknown" or company:
                if _same_name(c.name, m.name or m.text):
                    if len(_norm(m.name or "")) > len(_norm(c.name)):
                        c.name = m.name
                    c.role = c.role or m.role
                    c.nouns |= _role_nouns(m.role)
                    if m.type == "person" and c.type == "organization" and m.role:
                        c.type = "person"
                    if c.type == "unknown":
                        c.type = m.type
                    c.gender = c.gender or _gender(m.role, m.text)
                    return c
        full, role = m.name or m.text, m.role
        misspelt = _misspelt_surname(full, m.type, clusters, names)
        if isinstance(misspelt, Cluster):
            return misspelt
        if misspelt is not None:
            full, m.type = misspelt, "person"
        # the longest form of the name and the first role written anywhere
        # a name of unknown type counts too: "Korean Central News Agency (KCNA)" is a
        # run of capitals the NER did not mark, and the full name of a later "KCNA"
        same = [n for n in names if _same_name(n.name, full) and
                (n.type in (m.type, "unknown") or m.type == "unknown")]
        fuller = {_norm(n.name) for n in same if len(n.name.split()) > len(full.split())}
        if len(fuller) > 1 and len(full.split()) == 1:
            same = []  # "Mr Clarke" after "Brian and Susan Clarke": which one is not known
        for n in same:
            if len(n.name) > len(full):
                full = n.name
        role = role or next((n.role for n in same if n.role), None)
        if same and m.type == "unknown":
            m.type = same[0].type
        if m.type == "unknown" and m.text.split()[0].lower().strip(".") in HONORIFICS:
            m.type = "person"  # "Mr Clarke"
        c = Cluster(full, m.type, role, nouns=_role_nouns(role, full),
                    gender=_gender(role, m.text))
        clusters.append(c)
        return c
    if m.kind == "pronoun":
        low = m.text.lower()
        if low in FIRST_PERSON:
            # "I" outside quotation marks: the interviewee or the author, who is the
            # person named most often so far, not whoever was named last ("... like God")
            guest = _interviewee(pt, names)
            if guest is not None and guest.start < pos:
                return _name_cluster(clusters, names, pos, chosen=guest)
            return (_name_cluster(clusters, names, pos, most_named=True)
                    or _latest(clusters, pos, {"person"}))
        if low in PERSON_PRONOUNS:
            gender = PRONOUN_GENDER.get(low)
            # not someone named inside the quotation itself: in '"Meta has broken the
            # law," he told the BBC' he is not Meta (reported speech may name its speaker:
            # "Elena Markova has pulled out, she announced")
            if cand.kind == "direct":
                names = [n for n in names
                         if not cand.content.start <= n.start < cand.content.end]
            latest = _latest(clusters, pos, {"person"}, gender)
            subject = _new_subject_since(pt, names, pos, latest, gender) if latest else None
            found = None
            if subject is not None:
                # "Harry Kane won the award. He said ...": a person opening a sentence
                # since the last speaker spoke is the one meant
                found = _name_cluster(clusters, names, pos, chosen=subject)
                if found is not None and gender and found.gender not in (None, gender):
                    found = None
            found = found or latest or _name_cluster(clusters, names, pos)
            if found is not None and gender and found.gender not in (None, gender):
                return None  # "she" after only men spoke: someone not named as a speaker
            if found is not None and gender:
                found.gender = gender  # "she" said it: a woman from here on
            return found
        if low in PLURAL_PRONOUNS | IT_PRONOUNS:
            near = _nearest_noun_phrase(pt, pos, cand, plural=low in PLURAL_PRONOUNS)
            if near is not None:
                return _link(pt, near, clusters, cand, names)
            latest = _latest(clusters, pos, {"organization", "group"})
            named = _organisation_before(pt, pos, sentences_back=3 if latest is None else 1) \
                if low in ("they", "them") else None
            if named is not None and (latest is None or named[1] > latest.last):
                # "the Church denied these allegations: ... They also claimed": an
                # organisation named just before (in the sentence before, when another
                # has spoken), more recently than any that spoke
                return _link(pt, Mention(m.span, named[0], [], "name", named[0], None,
                                         "organization"), clusters, cand, names)
            return latest
        return None
    owner = _possessive_owner(pt, m) or _source_of_document(pt, m)
    if m.head_lemma in SOURCE_NOUNS and owner is not None:
        # "Their statement said", "Its report found": whoever the pronoun stands for
        # (and a later "the statement said" is theirs too)
        c = _link(pt, owner, clusters, cand, names)
        if c is not None:
            c.nouns.add(m.head_lemma)
        return c
    if m.kind == "description" and m.head_lemma in SOURCE_NOUNS:
        # "The report says": a document speaks for itself (the same report mentioned
        # before, or a new source), never the person named last
        for c in reversed(clusters):
            if c.last <= pos and m.head_lemma in c.nouns:
                return c
        # or the document named before: "the Australian National Iodine Nutrition Study
        # ... The report says"
        named = [n for n in names if n.start < pos and n.type != "person"
                 and n.name.split()[-1].lower() in SOURCE_NOUNS]
        if named:
            n = named[-1]
            return _link(pt, Mention(m.span, n.name, [], "name", n.name, None, n.type),
                         clusters, cand, names)
    elif m.kind == "description":
        wanted = {m.type} if m.type != "unknown" else {"person", "organization", "group"}
        if m.type == "group":
            wanted = {"group", "organization"}
        best = None
        for c in clusters:
            # ("the source" of "a government source", of no known type either)
            if (c.type in wanted or c.type == m.type == "unknown") and c.last <= pos and \
                    m.head_lemma in c.nouns:
                best = c if best is None or c.last > best.last else best
        if best is None and "person" in wanted:
            # "the director" of a person whose title was written but who has not spoken yet
            for n in names:
                if n.start < pos and n.type == "person" and m.head_lemma in _role_nouns(n.role):
                    return _link(pt, Mention(m.span, n.name, [], "name", n.name, n.role,
                                             "person"), clusters, cand, names)
        if best is None and "organization" in wanted:
            # "the ministry" of "the Interior Ministry" named earlier, not yet a speaker
            for n in reversed(names):
                if n.start < pos and n.type == "organization" and \
                        m.head_lemma in n.name.lower().split():
                    return _link(pt, Mention(m.span, n.name, [], "name", n.name, None,
                                             "organization"), clusters, cand, names)
        if best is None and m.type == "organization":
            # "Shares in Nordic Semis fell after the chip maker warned": the organisation
            # named before it in its sentence; "Employers' group VRS accused ... the group
            # said": named right after the same noun
            near = _organisation_before(pt, pos) or _named_after_noun(pt, m.head_lemma, pos)
            if near is not None:
                return _link(pt, Mention(m.span, near[0], [], "name", near[0], None,
                                         "organization"), clusters, cand, names)
        if best is None and _someone_new(m, clusters, pos):
            wanted = set()
        best = best or _latest(clusters, pos, wanted)
        if best is None and "person" in wanted:
            best = _name_cluster(clusters, names, pos)
        if best is not None:
            if best.type == "organization" and m.type == "organization":
                best.nouns.add(m.head_lemma)  # "the company" of Nordic Semis: not "the union"
            return best
    if m.kind == "other" and m.head_lemma in SOURCE_NOUNS:
        # "A new study ... has revealed": the study the article names a little later
        # ("the Australian National Iodine Nutrition Study")
        later = [n for n in names if pos < n.start < pos + OPENING_CHARS and
                 n.type != "person" and n.name.split()[-1].lower() == m.head_lemma]
        if later:
            n = later[0]
            return _link(pt, Mention(m.span, n.name, [], "name", n.name, None, n.type),
                         clusters, cand, names)
    # a new speaker described by a common noun phrase, or a surname the tagger took for a
    # noun ("Price told", after "Daniel Price"; misspelt: "Water said", after "Kathryn
    # Waters")
    first_in_sentence = m.words and m.words[0] == pt.sents[pt.words[m.words[0]].sent][0]
    if len(m.words) == 1 and m.text[:1].isupper() and any(
            n.type == "person" and len(n.name.split()) >= 2 and n.start < pos and
            _norm(n.name).split()[-1] == m.text.lower() for n in names):
        m.kind, m.name, m.type = "name", m.text, "person"
        return _link(pt, m, clusters, cand, names)
    if len(m.words) == 1 and m.text[:1].isupper() and not first_in_sentence:
        misspelt = _misspelt_surname(m.text, "unknown", clusters, names)
        if isinstance(misspelt, Cluster):
            return misspelt
        if misspelt is not None:
            m.kind, m.name, m.type = "name", misspelt, "person"
            return _link(pt, m, clusters, cand, names)
    for c in clusters:
        if _norm(c.name) == _norm(m.name or m.text):
            return c
    c = Cluster(_norm_name(m.name or m.text), m.type, m.role,
                nouns=_role_nouns(m.role, m.name) | {m.head_lemma},
                gender=_gender(m.role, m.text) if m.type == "person" else None)
    clusters.append(c)
    return c


POSSESSIVE_PRONOUNS = {"their": "they", "its": "it", "his": "he", "her": "she", "our": "we"}


def _source_of_document(pt: ParsedText, m: Mention) -> Mention | None:
    """ "A statement from the county council said": the council speaks through it."""
    at = [k for k, j in enumerate(m.words) if pt.words[j].lower in ("from", "by")]
    if not at:
        return None
    rest = [j for j in m.words[at[0] + 1 :] if pt.words[j].lower not in DETERMINERS]
    if not rest or pt.words[rest[-1]].upos not in ("NOUN", "PROPN"):
        return None
    name = _join(pt, rest)
    last = pt.words[rest[-1]]
    ent = _entity_at(pt, last.i)
    kind = "organization" if last.lower in ORGANIZATION_NOUNS or (
        ent is not None and ent.type == "ORG") else "unknown"
    span = span_of(pt, rest)
    return Mention(span, name, rest, "name" if kind == "organization" else "other", name,
                   None, kind, head_lemma=last.lemma.lower())


def _possessive_owner(pt: ParsedText, m: Mention) -> Mention | None:
    """The pronoun that owns a mention ("Their | statement"), as a mention of its own."""
    first = pt.words[m.words[0]] if m.words else None
    if first is None or first.lower not in POSSESSIVE_PRONOUNS or first.upos != "PRON":
        return None
    pronoun = POSSESSIVE_PRONOUNS[first.lower]
    return Mention(Span(first.start, first.end), pronoun, [first.i], "pronoun",
                   type="person" if pronoun in PERSON_PRONOUNS else "unknown")


def _organisation_before(pt: ParsedText, pos: int, sentences_back: int = 0
                         ) -> tuple[str, int] | None:
    """The name and offset of the organisation (an ORG entity) nearest before ``pos`` in
    its sentence (or in as many sentences before it)."""
    s = pt.sentence_of(pos)
    if s is None:
        return None
    a = pt.sents[max(0, s - sentences_back)][0]
    # (or a "place" one is at: "his time at Second City", a theatre company)
    found = [e for e in pt.entities if e.start >= a and e.char_end <= pos and (
        e.type == "ORG" or (e.type == "GPE" and e.start > 0 and pt.words[e.start - 1].lower
                            == "at")) and not _dateline(pt, e)]
    if not found:
        return None
    e = max(found, key=lambda e: e.start)
    return _norm_name(pt.text[e.char_start : e.char_end]), e.char_start


def _named_after_noun(pt: ParsedText, lemma: str, pos: int) -> tuple[str, int] | None:
    """The last name written right after ``lemma`` before ``pos``: "group VRS"."""
    for w in reversed([w for w in pt.words if w.end <= pos]):
        if w.upos == "NOUN" and w.lemma.lower() == lemma:
            run = []
            for nxt in pt.words[w.i + 1 :]:
                if nxt.upos != "PROPN" or not nxt.text[:1].isupper() or nxt.start >= pos:
                    break
                run.append(nxt)
            if run:
                return _norm_name(pt.text[run[0].start : run[-1].end]), run[0].start
    return None


def _dateline(pt: ParsedText, e) -> bool:
    """ "STUTTGART — Mercedes-Benz will ...": a place in capitals before a dash."""
    after = pt.text[e.char_end : e.char_end + 3].strip()[:1]
    return pt.text[e.char_start : e.char_end].isupper() and after != "" and after in "—–-("


def _headline_end(pt: ParsedText) -> int:
    """Where the first line ends when it is a headline (short, with more text after)."""
    end = pt.text.find("\n")
    return end if 0 < end <= HEADLINE_CHARS and pt.text[end:].strip() else 0


def _norm_name(name: str) -> str:
    """Without a leading determiner or a trailing possessive: "the Church of
    Scientology's" -> "Church of Scientology"."""
    name = name.strip()
    for ending in ("’s", "'s"):
        if name.endswith(ending) and len(name) > len(ending):
            name = name[: -len(ending)].rstrip()
    words = name.split()
    while words and words[0].lower() in DETERMINERS:
        words = words[1:]
    return " ".join(words) or name


def _latest(clusters: list[Cluster], pos: int, types: set[str],
            gender: str | None = None) -> Cluster | None:
    """The cluster of one of ``types`` mentioned last before ``pos`` (of ``gender`` or
    of no known gender, when one is given)."""
    best = None
    for c in clusters:
        if c.type in types and c.last <= pos and (best is None or c.last > best.last) \
                and (gender is None or c.gender in (None, gender)):
            best = c
    return best


def _gender(*texts: str | None) -> str | None:
    """"male" or "female" when a title or role says so ("Mr", "spokeswoman"), else None.
    Only the words before a preposition count: "a lawyer for the woman" is no woman."""
    words = set()
    for text in texts:
        for w in (text or "").lower().split():
            if w in GENDER_STOPS:
                break
            words.add(w.strip(",."))
    male, female = bool(words & MALE_WORDS), bool(words & FEMALE_WORDS)
    return "male" if male and not female else "female" if female and not male else None


def _someone_new(m: Mention, clusters: list[Cluster], pos: int) -> bool:
    """A description no earlier speaker has used that cannot stand for the latest speaker
    of its kind either: "the researchers found" (people by trade, not the body named
    last), "the finance ministry" (a body of its own), "the union" after the airline
    spoke, "the minister" after a spokeswoman spoke. Generic words ("the body", "the
    company") and those who speak for a body ("the officials") still may."""
    if m.type == "group":
        return m.head_lemma in PERSON_NOUNS and m.head_lemma not in ORGANIZATION_VOICES
    if m.type == "organization":
        words = (m.name or "").split()
        if len(words) > 1 and not (len(words) == 2 and words[0].endswith("-based")):
            return True  # (but "the Denver-based company" is the one named before)
        latest = _latest(clusters, pos, {"organization"})
        return m.head_lemma not in GENERIC_BODIES and latest is not None and \
            bool(latest.nouns & ORGANIZATION_NOUNS)
    if m.type == "person" and m.head_lemma in TITLE_NOUNS:
        if "'s" in m.text or "’s" in m.text:
            return True  # "The prime minister's spokesman" is not whoever spoke last
        latest = _latest(clusters, pos, {"person"})
        return latest is not None and bool(latest.nouns & TITLE_NOUNS)
    return False


def _new_subject_since(pt: ParsedText, names: list[Name], pos: int,
                       latest: Cluster, gender: str | None = None) -> Name | None:
    """The last person named at the start of a sentence (its subject) after the last
    mention of ``latest`` and before ``pos``, when that is someone else. Not a subject
    whose own sentence has "her" (or "him") as an object, for "she" (or "he"): "Her
    neighbour, Joseph Okonkwo, ... helped her down" - she is not Joseph."""
    # (a name the NER missed counts too: "The donor, property developer Nigel Farr,
    # denied ...: 'I have never ...,' he told")
    # ("Mr Renshaw declined to say ...": one word after an honorific is a name too, and so
    # is the surname of a person named in full before: "Quintero has made ... claims")
    known = {n.name.split()[-1] for n in names if n.type == "person" and len(n.name.split()) > 1}
    for n in reversed([n for n in names if latest.last < n.start < pos and
                       n.type in ("person", "unknown") and n.word >= 0 and (
                           len(n.name.split()) >= 2 or n.name in known or (
                               n.word > 0 and pt.words[n.word - 1].lower.strip(".")
                               in HONORIFICS))]):
        first = pt.words[n.word]
        a = pt.sents[first.sent][0]
        if any(o is not n and o.type == "person" and pt.words[a].start <= o.start < n.start
               for o in names):
            continue  # inside another person's apposition: "Carla Heaton, director of the
            # Hollins Youth Project, warned"
        # only the subject's own words before it: "The prime minister, Kyriakos Mitsotakis,"
        if all(pt.words[j].text[:1].isupper() or pt.words[j].lower.strip(".") in TITLE_NOUNS
               or pt.words[j].upos in ("DET", "ADJ", "NOUN", "PUNCT")
               or pt.words[j].text in ("'s", "’s")  # "The club's chairman, Peter Walsh,"
               # a role's "of": "the head of NATO, Hoop Scheffer, he ..." (but "Eva Holm
               # of Nordea Markets" is not the organisation's sentence)
               or (pt.words[j].lower == "of" and pt.words[j - 1].upos == "NOUN")
               or pt.words[j].text == "," for j in range(a, first.i)):
            a, b = pt.sents[first.sent]
            if gender and any(w.xpos == "PRP" and PRONOUN_GENDER.get(w.lower) == gender
                              and not w.deprel.startswith("nsubj") for w in pt.words[a:b]):
                continue
            return None if _same_name(latest.name, n.name) else n
    return None


def _interviewee(pt: ParsedText, names: list[Name]) -> Name | None:
    """The person an interview article interviews: the first person in a title that
    speaks of an interview ("Interview with LibriVox founder Hugh McGuire"), else the
    person the opening says was interviewed ("Wikinews spoke with William Evans, ...").
    Their answers are the "I" outside quotation marks."""
    title_end = pt.text.find("\n")
    title_end = len(pt.text) if title_end < 0 else title_end
    persons = [n for n in names if n.type == "person" and n.start < OPENING_CHARS]
    if INTERVIEW_TITLE.search(pt.text[:title_end]):
        # a name the NER missed in the title counts when it names a person later
        in_title = [n for n in names if n.start < title_end and (n.type == "person" or (
            n.type == "unknown" and any(o.type == "person" and _same_name(o.name, n.name)
                                        for o in names)))]
        if in_title:
            return in_title[0]
    for n in persons:
        if INTERVIEWED.search(pt.text[max(0, n.start - 80) : n.start]):
            return n
    return None


def _subject_of_shared_surname(pt: ParsedText, m: Mention, names: list[Name]) -> Name | None:
    """A bare surname that two people named before share ("Fairley" after "Margot
    Fairley" and her son "Thomas Fairley"): the one the article opened with. None when
    they were named together ("Brian and Susan Clarke") or nobody is named in the
    opening."""
    if m.type not in ("person", "unknown") or len(m.text.split()) != 1:
        return None
    full = [n for n in names if n.type == "person" and n.start < m.span.start and n.word >= 0
            and len(n.name.split()) >= 2 and _same_name(n.name, m.text)]
    if len({_norm(n.name) for n in full}) < 2:
        return None
    first = min(full, key=lambda n: n.start)
    others = [n for n in full if _norm(n.name) != _norm(first.name)]
    if first.start >= OPENING_CHARS or any(
            pt.words[o.word].sent == pt.words[first.word].sent for o in others):
        return None
    return first


def _name_cluster(clusters: list[Cluster], names: list[Name], pos: int,
                  most_named: bool = False, chosen: Name | None = None) -> Cluster | None:
    """The cluster of a person named before ``pos``: the last one named (or ``chosen``),
    or with ``most_named`` the one named most often (the last of them on a tie)."""
    before = [n for n in names if n.start < pos and n.type == "person"]
    if not before:
        return None
    n = chosen or before[-1]
    if most_named:
        counts = [sum(_same_name(o.name, b.name) for o in before) for b in before]
        n = before[max(range(len(before)), key=lambda k: (counts[k], k))]
    matches = [c for c in clusters if _same_name(c.name, n.name)]
    if len(matches) > 1 and len(n.name.split()) == 1:
        # a bare surname two people share ("Fairley married twice", after Margot Fairley
        # and her son Thomas Fairley): the one the article named first
        first = min((o for o in names if o.type == "person" and len(o.name.split()) >= 2
                     and _same_name(o.name, n.name)), key=lambda o: o.start, default=None)
        matches = [c for c in matches if first and _same_name(c.name, first.name)] or matches
    if matches:
        return matches[0]
    same = [o for o in names if o.type in ("person", "unknown") and _same_name(o.name, n.name)]
    full = max((o.name for o in same), key=len)
    role = next((o.role for o in same if o.role), None)
    c = Cluster(full, "person", role, last=n.start, nouns=_role_nouns(role, full),
                gender=_gender(*(o.role for o in same)))
    clusters.append(c)
    return c


def _reported(pt: ParsedText, w: Word) -> bool:
    """``w`` stands inside the complement of a cue verb: what someone said or found."""
    seen = 0
    while w.head is not None and seen < 30:
        head = pt.words[w.head]
        if w.deprel == "ccomp" and is_cue(head):
            return True
        w, seen = head, seen + 1
    return False


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
        if w.upos not in ("NOUN", "PROPN"):
            continue
        if cand.content.start <= w.start < cand.content.end or _reported(pt, w):
            continue  # "Sweeteners played a role, they said": not the claim's own subject,
            # nor one inside another claim ("The researchers found that women who ...")
        nxt = pt.words[j + 1] if j + 1 < len(pt.words) else None
        looks_subject = nxt is not None and nxt.xpos in ("VBD", "VBZ", "VBP", "MD")
        if not (w.deprel.startswith("nsubj") or looks_subject):
            continue
        if not plural and "Number=Plur" in w.feats:
            continue  # "it said" is not the "patients" of the sentence before
        kind = _noun_type(w)
        ent = _entity_at(pt, w.i)
        if ent is not None and ent.type in ("ORG", "GPE"):
            kind = "organization"
        if not plural and kind == "unknown" and w.lemma.lower() in SOURCE_NOUNS:
            return analyse_mention(pt, w)  # "The review ... found ... It said"
        if kind in ("organization", "group") and (not plural or kind == "group" or
                                                  w.lower in INSTITUTIONAL_PLURALS or
                                                  "Number=Plur" in w.feats or ent):
            return analyse_mention(pt, w)
    return None
