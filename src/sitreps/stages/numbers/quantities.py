"""Numbers as news writes them: digits, words, vague quantities, and their qualifiers.

Vague quantities follow ACLED's convention for fatalities (ACLED, "Fatalities" FAQ, 2023:
"tens" is coded 10, "dozens" 12, "hundreds" 100, and so on) and are marked ``at_least``.
"Several", "a few", "multiple" and "a number of" have no ACLED figure of their own; sitreps
codes them 3 ``at_least`` (the smallest count the word allows in ordinary use), "a couple" 2.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ... import budget
from ...parse import sents_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "both": 2, "a": 1, "an": 1,
    "single": 1, "lone": 1, "couple": 2, "pair": 2,
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
# vague plurals: value, qualifier (ACLED: tens 10, dozens 12, hundreds 100)
VAGUE = {
    "tens": 10, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000,
    "several": 3, "few": 3, "multiple": 3, "numerous": 3, "some": 3,
}

QUALIFIERS = [
    (re.compile(r"(?:at\s+least|more\s+than|over|upwards\s+of|in\s+excess\s+of|no\s+fewer\s+than|no\s+less\s+than|a\s+minimum\s+of|as\s+many\s+as|well\s+over|almost\s+all|another)\s*$", re.I), "at_least"),
    (re.compile(r"(?:up\s+to|at\s+most|fewer\s+than|less\s+than|under|no\s+more\s+than|a\s+maximum\s+of)\s*$", re.I), "at_most"),
    (re.compile(r"(?:about|around|nearly|approximately|some|roughly|almost|close\s+to|an\s+estimated|estimated|reportedly|approx\.?|circa|just\s+over|just\s+under)\s*$", re.I), "approx"),
]
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")
_MIXED = re.compile(r"^(\d+(?:\.\d+)?)(k|m)?$", re.I)
_BOUNDS = "sitreps.sentence_bounds"


@dataclass
class Quantity:
    value: int
    qualifier: str
    start: int  # token index range of the number phrase (qualifier included)
    end: int


def word_value(text: str) -> int | None:
    """Value of one number token: "1,200", "23", "twenty", "twenty-three", "dozen"."""
    t = text.lower().strip()
    if _DIGITS.match(t):
        return int(t.replace(",", ""))
    if t in UNITS:
        return UNITS[t]
    if "-" in t:
        parts = t.split("-")
        if len(parts) == 2 and parts[0] in UNITS and parts[1] in UNITS and UNITS[parts[0]] >= 20 and UNITS[parts[1]] < 10:
            return UNITS[parts[0]] + UNITS[parts[1]]
    return None


def is_number(tok: "Token") -> bool:
    low = tok.lower_
    if low in ("a", "an", "both", "single", "lone", "couple", "pair"):
        return False  # only counted by the caller in the right context
    return word_value(low) is not None or low in SCALES or (tok.like_num and low not in ("one's",))


def number_phrase(tok: "Token") -> tuple[int, int, int] | None:
    """(value, first token, last token + 1) of the number phrase containing ``tok``.

    Reads neighbouring number tokens in the text ("two hundred", "twenty - three", "1.2 million").
    """
    doc = tok.doc
    if not is_number(tok):
        return None
    sent_start, sent_end = sentence_bounds(tok)
    i = j = tok.i
    while i - 1 >= sent_start and (
            (is_number(doc[i - 1]) and _joins(doc[i - 1], doc[i]))
            or (doc[i - 1].text == "-" and i - 2 >= sent_start and is_number(doc[i - 2]) and _joins(doc[i - 2], doc[i]))):
        i -= 1 if is_number(doc[i - 1]) else 2
    while j + 1 < sent_end and (
            (is_number(doc[j + 1]) and _joins(doc[j], doc[j + 1]))
            or (doc[j + 1].text == "-" and j + 2 < sent_end and is_number(doc[j + 2]) and _joins(doc[j], doc[j + 2]))):
        j += 1 if is_number(doc[j + 1]) else 2
    words = [t.lower_ for t in doc[i : j + 1] if t.text != "-"]
    value = combine(words)
    if value is None:
        return None
    return value, i, j + 1


def _joins(left: "Token", right: "Token") -> bool:
    """Do two number words make one number: "two hundred", "1.2 million", "hundred fifty",
    "twenty - three"; not "Channel 12 - Five Injured" (12 and 5) or "3 5"."""
    lo, ro = left.lower_, right.lower_
    if ro in SCALES or lo in SCALES:
        return True
    tens, unit = UNITS.get(lo), UNITS.get(ro)
    return tens is not None and unit is not None and tens >= 20 and tens % 10 == 0 and unit < 10


def sentence_bounds(tok: "Token") -> tuple[int, int]:
    """(first token, last token + 1) of ``tok``'s sentence in constant time.

    ``Token.sent`` walks the parse to find the sentence each time it is asked, so asking it for
    every number of a 50,000-word sentence is quadratic. The bounds of every token are worked out
    once per Doc, in one pass over ``doc.sents``, and kept in ``doc.user_data``."""
    doc = tok.doc
    bounds = doc.user_data.get(_BOUNDS)
    if bounds is None or len(bounds[0]) != len(doc):
        starts = [0] * len(doc)
        ends = [0] * len(doc)
        for sent in sents_of(doc):
            starts[sent.start:sent.end] = [sent.start] * (sent.end - sent.start)
            ends[sent.start:sent.end] = [sent.end] * (sent.end - sent.start)
        bounds = (starts, ends)
        doc.user_data[_BOUNDS] = bounds
    return bounds[0][tok.i], bounds[1][tok.i]


def _text_before(doc, i: int, n: int) -> str:  # type: ignore[no-untyped-def]
    """At least the ``n`` characters of the text before token ``i`` (fewer at the start)."""
    parts: list[str] = []
    size = 0
    k = i - 1
    while k >= 0 and size < n:
        parts.append(doc[k].text_with_ws)
        size += len(parts[-1])
        k -= 1
    return "".join(reversed(parts))


def combine(words: list[str]) -> int | None:
    """Value of a number phrase's words: ["two", "hundred"] -> 200, ["1.2", "million"] -> 1200000."""
    total = 0.0
    current = 0.0
    seen = False
    for w in words:
        if w in SCALES:
            current = (current or 1) * SCALES[w]
            if SCALES[w] >= 1000:
                total += current
                current = 0
            seen = True
            continue
        v: float | None = word_value(w)
        if v is None:
            m = _MIXED.match(w)
            if not m:
                return None
            v = float(m.group(1)) * {"k": 1000, "m": 1_000_000}.get((m.group(2) or "").lower(), 1)
        current += v
        seen = True
    return int(round(total + current)) if seen else None


def qualifier_before(doc_text: str, char_start: int) -> tuple[str, int]:
    """Qualifier of a number starting at ``char_start`` from the words right before it,
    and the char offset where the qualifier starts (``char_start`` when exact)."""
    window = doc_text[max(0, char_start - 30) : char_start]
    for rx, name in QUALIFIERS:
        m = rx.search(window)
        if m and (m.start() == 0 or not window[m.start() - 1].isalnum()):
            return name, char_start - (len(window) - m.start())
    return "exact", char_start


def vague(tok: "Token") -> tuple[int, str] | None:
    """"dozens", "scores", "hundreds", "several" … → (value, "at_least")."""
    low = tok.lower_
    if low in VAGUE and low not in ("some", "few"):
        return VAGUE[low], "at_least"
    if low == "few" and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "a":
        return 3, "at_least"
    return None


def measured(doc: "Doc", end: int, units: frozenset[str]) -> bool:
    """Is the number that ends before token ``end`` a measure, one of ``units`` right after it
    ("22 caliber", "9-mm")?"""
    if end < len(doc) and doc[end].text == "-":
        end += 1
    return end < len(doc) and doc[end].lower_ in units


def quantity_of(tok: "Token") -> Quantity | None:
    """The count a noun (or a bare number) expresses, from its own token and its modifiers:
    "five people", "at least 23 others", "dozens of civilians", "two hundred people".

    Called once per candidate token, the loop that grows with the document, so it is where the
    numbers stage checks the document's time budget (:mod:`sitreps.budget`)."""
    budget.check("numbers")
    doc = tok.doc
    if is_number(tok):
        ph = number_phrase(tok)
        if ph:
            value, i, j = ph
            before = _text_before(doc, i, 30)  # not doc.text: spaCy rebuilds the whole text on each access
            q, at = qualifier_before(before, len(before))
            qs = doc[i].idx - (len(before) - at)
            start = i
            sent_start = sentence_bounds(tok)[0]
            while start > sent_start and doc[start - 1].idx >= qs:
                start -= 1
            return Quantity(value, q, start, j)
    vg = vague(tok)
    if vg:
        start = tok.i - 1 if tok.lower_ == "few" else tok.i
        return Quantity(vg[0], vg[1], start, tok.i + 1)
    for child in tok.children:
        if child.i > tok.i and is_number(child):
            continue  # a number after its noun is a label, not a count ("FOX 8", "Channel 12", "Route 66")
        if child.i < tok.i and any("\n" in t.text for t in doc[child.i + 1:tok.i] if t.is_space):
            continue  # "This happened around 11\n\nMan shot and killed": a line break ends the phrase
        if child.ent_type_ in ("DATE", "TIME") and len(child.text) == 4 and child.text.isdigit():
            continue  # a year the parser hung on a name ("June 21, 2015 6:26 PM © Jerome Renfield")
        if child.dep_ in ("nummod", "quantmod") or (child.dep_ in ("amod", "compound") and is_number(child)):
            q = quantity_of(child)
            if q:
                return q
        if child.dep_ in ("amod", "det") and vague(child):
            vg = vague(child)
            assert vg
            start = child.i - 1 if child.lower_ == "few" else child.i
            return Quantity(vg[0], vg[1], start, child.i + 1)
    # "a dozen people", "a couple of people": the number word sits before the noun
    if tok.i >= 2 and doc[tok.i - 1].lower_ in ("dozen", "couple", "handful") and doc[tok.i - 2].lower_ in ("a", "one"):
        v = {"dozen": 12, "couple": 2, "handful": 3}[doc[tok.i - 1].lower_]
        return Quantity(v, "exact" if v != 3 else "at_least", tok.i - 2, tok.i)
    return None
