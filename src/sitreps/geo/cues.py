"""The words around a name that say it is a place, or a street, and the shape of names written
with hyphens: "the town of X", "X LGA", "X camp", "Kyiv Street", "Rostov-on-Don", ", a town near
…" (the cue words live in ``lang/en/words.toml`` [places]). Used by :mod:`.recognise`."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..lang import load
from ..parse import tokens_of
from .names import ADMIN1_WORDS, CITY_WORDS, normalize

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_P = load("en").words_of("places")  # lang/en/words.toml [places]: place cues
#: "the town of X": the word before "of" that makes the capitalised name after it a place
CUE_BEFORE_OF = _P.cue_before_of
#: "X LGA", "X camp": normalised words after a name that make it a place, with the kind they give
CUE_AFTER = {**{normalize(c): "admin2" for c in _P.cue_district_after}, **{normalize(c): "city" for c in _P.cue_settlement_after}}
CUE_FIRST = frozenset(c.split()[0] for c in CUE_AFTER if c)
#: capitalised words after a name that make it a street ("Kyiv Street", "Summit Streets"), no town
STREET_WORDS = _P.street_words
#: "X militiamen": words after a name that make it a movement's name (:attr:`Mention.fighters`)
FIGHTERS_AFTER = _P.fighters_after

#: "Kherson, a city in the south", "Bataysk, a town roughly 15 kilometers from …": the kind of
#: place an apposition right after a name says it is
_APPOSED_CITY = CITY_WORDS | {"community", "port", "capital"}
_APPOSED = re.compile(r",\s+(?:a|an|the)\s+(?:[a-z-]+\s+){0,2}?([a-z]+)\b")


#: an apposition that says where a place lies ("Kostiantynivka, a community in Donetsk Oblast"):
#: evidence enough that the name before it is that place, whatever spaCy called it
_APPOSED_WHERE = re.compile(r",\s+(?:a|an)\s+(?:[a-z-]+\s+){0,2}?([a-z]+)\s+(?:in|on|near|outside|north|south|east|west|close|about|roughly|some|\d)\b")


def apposed_place(text: str, end: int) -> bool:
    """Does an apposition right after ``end`` say where the name before it lies (", a town near …")?"""
    m = _APPOSED_WHERE.match(text, end, end + 60)
    return m is not None and (m.group(1) in _APPOSED_CITY or m.group(1) in ADMIN1_WORDS)


def apposed_kind(text: str, end: int) -> str | None:
    m = _APPOSED.match(text, end, end + 60)
    if m is None:
        return None
    word = m.group(1)
    if word in _APPOSED_CITY:
        return "city"
    return "admin1" if word in ADMIN1_WORDS else None


def glued_connector(doc: "Doc", j: int) -> bool:
    """A lower-case word written between two hyphens with no space ("on" of "Rostov-on-Don")."""
    t = doc[j]
    return (t.is_lower and t.is_alpha and not t.whitespace_ and 0 < j < len(doc) - 1 and doc[j - 1].text == "-"
            and not doc[j - 1].whitespace_ and doc[j + 1].text == "-")


def glued_end(doc: "Doc", end: int) -> int:
    """Where a name that ends at ``end`` really ends when it goes on with hyphens and no spaces
    ("Komsomolsk" + "-on-Amur"): the end of the last capitalised word so glued, else ``end``."""
    k, last = end, end
    while k < len(doc) and not doc[k - 1].whitespace_ and (doc[k].text == "-" or glued_connector(doc, k) or (doc[k].is_title and doc[k - 1].text == "-")):
        if doc[k].is_title:
            last = k + 1
        k += 1
    return last


def name_goes_on(doc: "Doc", end: int, most: int = 2) -> list[int]:
    """Ends of the capitalised words that follow a name ending at ``end`` in its sentence and that
    no entity takes (up to ``most``), nearest first: "Ferry" after the "Grays" spaCy tagged alone.
    The caller keeps the longest run the gazetteer knows as one name (and takes one such word
    before the name the same way: "West" of "West Palm Beach")."""
    ends, k = [], end
    while (k < len(doc) and k - end < most and doc[k].is_title and doc[k].is_alpha and not doc[k].ent_type_
           and not doc[k].is_sent_start and doc[k - 1].whitespace_):
        k += 1
        ends.append(k)
    return ends


def cue_after(doc: "Doc", end: int) -> int:
    """How many tokens from ``end`` make a place cue ("LGA", "administrative post", "camp"); 0
    if none. A cue in title case ("Camp David") belongs to the name and is not one here."""
    if end >= len(doc):
        return 0
    tok = tokens_of(doc)[end]
    if tok.is_title:
        return 0
    low = tok.lower_
    if low.isascii() and low.isalpha():
        if low not in CUE_FIRST:
            return 0  # most words open no cue (an ASCII word is its own normalised form)
    else:
        first = normalize(tok.text)
        if first and first.split()[0] not in CUE_FIRST:
            return 0  # skip building the three spans
    for size in (3, 2, 1):
        if end + size <= len(doc) and all(t.is_alpha or t.text == "-" for t in doc[end:end + size]) and normalize(doc[end:end + size].text) in CUE_AFTER:
            if doc[end + size - 1].lower_ == "camp" and end > 0 and doc[end - 1].ent_type_ == "PERSON":
                return 0  # "the Biden camp": a faction, not a place
            return size
    return 0


def street_word_at(tok: "Token") -> bool:
    return tok.lower_.rstrip(".") in STREET_WORDS and tok.text[:1].isupper()


def names_street(doc: "Doc", start: int, end: int) -> bool:
    """Tokens [start, end) name a street: they end in a street word ("Kyiv Street"), one follows
    ("Summit Streets", after "and" as in "Summit and Grand Avenues") or "block of" comes before
    ("the 600 block of Escanaba"). The street word must be capitalised: "Kharkiv street fighting"
    names Kharkiv."""
    def street_word(i: int) -> bool:
        return i < len(doc) and street_word_at(doc[i])

    if end - start > 1 and street_word(end - 1):
        return True
    if street_word(end) or (end + 2 < len(doc) and doc[end].lower_ == "and" and doc[end + 1].is_title
                            and street_word(end + 2) and doc[end + 2].lower_.endswith("s")):
        return True
    return start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ == "block"


def cue_suffix(key: str) -> tuple[str, str] | None:
    """``"bokkos lga"`` -> ``("bokkos", "admin2")``: a normalised name that ends in a place cue."""
    for cue, kind in CUE_AFTER.items():
        if key.endswith(" " + cue) and len(key) > len(cue) + 1:
            return key[:-len(cue) - 1], kind
    return None
