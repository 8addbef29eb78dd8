"""Names the NER model missed that the document itself makes plain.

A compact NER model misses names it has no word vectors for, most often where a reader
needs no help: the second time a document uses a name ("Governor Marisa Quintero"
found, then "Quintero has made claims" missed) and companies made of unfamiliar words
("Brightwater Energy Inc."). These rules add such entities; they keep every entity the
model found, except a part of a company's name taken for a name of its own (or a
cut-up name), and a person's surname taken for a place or organisation:

- a run of capitalised words ending in a company suffix ("Inc.", "Ltd", "plc") is an
  organisation, and so is the name an acronym in brackets after it spells out;
- a word that is the surname of a person the document named in full, or the first word
  of a company it named with its suffix, is that person or company wherever it stands
  alone ("Quintero", "Governor Quintero", "Brightwater said").
"""

from __future__ import annotations

from annotator.lexicon import CORPORATE_SUFFIXES, TITLE_NOUNS
from annotator.parse import Entity, ParsedText, Word

# Capitalised words that open a sentence without being part of a name.
NOT_NAME_WORDS = {"the", "a", "an", "in", "on", "at", "and", "but", "for", "by", "of"}
PLACE_PREPOSITIONS = {"in", "from", "at", "near", "across", "into"}


def complete(pt: ParsedText) -> ParsedText:
    """Add the entities of the rules to ``pt.entities`` (kept in text order)."""
    added = _companies(pt) + _spelt_out(pt)
    pt.entities = sorted(pt.entities + added, key=lambda e: e.start)
    added = _repeated_names(pt)
    pt.entities = sorted(pt.entities + added, key=lambda e: e.start)
    return pt


def _capitalised(w: Word) -> bool:
    return w.text[:1].isupper() and w.text.lower() not in NOT_NAME_WORDS


def _is_suffix(w: Word) -> bool:
    return w.text[:1].isupper() and w.text.lower().rstrip(".") in CORPORATE_SUFFIXES


def _taken(pt: ParsedText) -> set[int]:
    return {k for e in pt.entities for k in range(e.start, e.end)}


def _companies(pt: ParsedText) -> list[Entity]:
    """Entities for "X Y Inc."; an entity the model found inside one ("Zorvath Quillon"
    as a person, before "Ltd.") gives way to it."""
    taken, found = _taken(pt), []
    for w in pt.words:
        if not _is_suffix(w) or w.i in taken:
            continue
        first, (sent_start, _) = w.i, pt.sents[w.sent]
        while first > sent_start and _capitalised(pt.words[first - 1]):
            first -= 1
        if first < w.i and not any(e.start < first < e.end for e in pt.entities):
            found.append(_organisation(pt, first, w.i + 1))
            taken.update(range(first, w.i + 1))
    return found


NAME_JOINERS = {"and", "of", "for", "on", "the", "&"}


def _spelt_out(pt: ParsedText) -> list[Entity]:
    """"The Digital Markets and Safety Authority (DMSA)": the name an acronym in brackets
    spells out is one organisation, however the model cut it ("Digital Markets" and
    "Safety Authority")."""
    found = []
    for w in pt.words:
        if not (w.text.isupper() and w.text.isalpha() and 2 <= len(w.text) <= 8) or \
                w.i < 2 or pt.words[w.i - 1].text != "(" or \
                w.i + 1 >= len(pt.words) or pt.words[w.i + 1].text != ")":
            continue
        end, first, initials = w.i - 1, w.i - 1, ""
        while first > pt.sents[w.sent][0] and len(initials) < len(w.text):
            prev = pt.words[first - 1]
            if prev.text[:1].isupper() and prev.lower not in NAME_JOINERS:
                initials = prev.text[0] + initials
            elif prev.lower not in NAME_JOINERS:
                break
            first -= 1
        if initials != w.text or any(e.start < first < e.end or e.start < end < e.end
                                     for e in pt.entities):
            continue
        found.append(_organisation(pt, first, end))
    return found


def _organisation(pt: ParsedText, start: int, end: int) -> Entity:
    """An organisation over words ``start:end``; the model's entities inside give way."""
    pt.entities = [e for e in pt.entities if not start <= e.start < end]
    return Entity(start, end, "ORG", pt.words[start].start, pt.words[end - 1].end)


def _known_names(pt: ParsedText) -> dict[str, str]:
    """Surnames of people named in full ("Okonkwo-Pryce" of "Desmond Okonkwo-Pryce") and
    first words of companies -> entity type; a name that would be both is left out."""
    known: dict[str, str] = {}
    for e in pt.entities:
        words = pt.text[e.char_start:e.char_end].split()
        if len(words) < 2:
            continue
        if e.type == "PERSON":
            key = words[-1]
        elif e.type == "ORG" and _is_suffix(pt.words[e.end - 1]):
            key = words[0]
        else:
            continue
        if key[:1].isupper() and key.replace("-", "").isalpha():
            known[key] = e.type if known.get(key, e.type) == e.type else ""
    return {k: t for k, t in known.items() if t}


def _repeated_names(pt: ParsedText) -> list[Entity]:
    known = _known_names(pt)
    if not known:
        return []
    # a name that is also a common word ("Young", "Price") is a name only where the
    # document never writes it in lower case
    lower = {w.text for w in pt.words if w.text.islower()}
    ends = {w.end: w.i for w in pt.words}
    taken, found = _taken(pt), []
    for w in pt.words:
        key = next((k for k in known if pt.text.startswith(k, w.start)), None)
        last = ends.get(w.start + len(key)) if key else None
        if last is None or w.text.lower() in lower:
            continue
        same = next((e for e in pt.entities if (e.start, e.end) == (w.i, last + 1)), None)
        if same is not None and same.type in ("GPE", "ORG") and known[key] == "PERSON" and \
                (w.i == 0 or pt.words[w.i - 1].lower not in PLACE_PREPOSITIONS):
            same.type = "PERSON"  # "According to Kent", after "Ursula Kent": not the county
        if any(k in taken for k in range(w.i, last + 1)):
            continue
        sent_start, sent_end = pt.sents[w.sent]
        after = pt.words[last + 1] if last + 1 < sent_end else None
        before = pt.words[w.i - 1] if w.i > sent_start else None
        if after is not None and _capitalised(after):
            continue  # part of another name: "Quintero Foundation"
        if before is not None and _capitalised(before) and \
                before.text.lower() not in TITLE_NOUNS:
            continue  # another person's surname: "Ana Quintero" ("Governor Quintero" is his)
        found.append(Entity(w.i, last + 1, known[key], w.start, pt.words[last].end))
        taken.update(range(w.i, last + 1))
    return found
