"""Speakers, shared by the ``attribution`` and ``quotes`` stages.

* :class:`Speakers` turns the mention that names a source ("regional governor Oleh Syniehubov",
  "Liudmyla, a 70-year-old resident,", "he") into a normalised speaker and role, resolving
  surnames to the full name given earlier and pronouns to the last person named before them.

Everything works over the spaCy ``Doc`` the pipeline already parsed; nothing here re-parses.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..lang import load
from ..parse import ents_of
from .quotes import QuoteIndex

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
#: lang/en/words.toml [speakers]: pronouns, gendered words, titles, organisation words, honorifics and ranks
_W = load("en").words_of("speakers")
#: Words that name what a speaker is rather than who (kept as ``source_role``).
ROLE_HEADS = _W.role_heads

_WS = re.compile(r"\s+")


def clean_text(text: str) -> str:
    return _WS.sub(" ", text).strip(" ,;:—–-\"“”'’")


@dataclass
class Speaker:
    name: str | None
    role: str | None
    gender: str | None = None  # "m" | "f" | None
    named: bool = True  # False when the mention is only a pronoun


class Speakers:
    """Normalises source mentions of one document and resolves pronouns and surnames."""

    def __init__(self, doc: "Doc", quotes: QuoteIndex, places: "list[tuple[int, int]] | None" = None):
        self.doc = doc
        self.quotes = quotes
        self.persons: list[tuple[int, str, str | None]] = []  # (char offset, full name, gender)
        full: dict[str, str] = {}
        self.ents = list(ents_of(doc))
        self._ent_starts = [e.start for e in self.ents]
        place_starts = {s for s, _ in places or ()}
        for ent in self.ents:
            if not is_person(ent) or quotes.inside(ent.start_char, ent.end_char):
                continue
            if ent.start_char in place_starts or _looks_like_place(ent):
                continue  # "had left for Kyiv": the small model's PERSON is a place
            name = _person_name(ent)
            if not name:
                continue
            parts = name.split()
            key = parts[-1].lower()
            if len(parts) > 1:
                full.setdefault(key, name)
            else:
                name = full.get(key, name)
            self.persons.append((ent.start_char, name, _gender_near(ent)))
        self._person_starts = [p[0] for p in self.persons]
        self._genders: dict[str, str] = {}
        for _, name, g in self.persons:
            if g:
                self._genders.setdefault(name, g)
        self._full = full
        self._groups: list[tuple[int, str, str | None]] = []
        self._group_starts: list[int] = []

    # -- names ------------------------------------------------------------------------------
    def full_name(self, name: str) -> str:
        parts = name.split()
        if len(parts) == 1:
            return self._full.get(parts[0].lower(), name)
        return name

    def last_person(self, before: int, gender: str | None = None) -> str | None:
        """The last person named before ``before`` who is not known to be of the other gender; for
        "she", a recent person known to be a woman is preferred to a nearer one of unknown gender."""
        k = bisect_right(self._person_starts, before) - 1
        fallback: str | None = None
        seen = 0
        while k >= 0 and seen < 6:
            _, name, _ = self.persons[k]
            known = self._genders.get(name)
            if gender is None or known == gender:
                return name
            if known is None and fallback is None:
                if gender != "f":
                    return name  # "he": the last person not known to be a woman
                fallback = name  # "she": a woman named a little earlier wins over a nearer unknown
            k -= 1
            seen += 1
        return fallback

    # -- a source mention ---------------------------------------------------------------------
    def describe(self, tokens: list["Token"]) -> Speaker:
        """Name and role of the speaker a source mention (its tokens, in order) refers to."""
        if not tokens:
            return Speaker(None, None, named=False)
        head = _head_of(tokens)
        low = head.lower_
        if len(tokens) == 1 and low in PERSON_PRONOUNS:
            g = PERSON_PRONOUNS[low]
            return Speaker(self.last_person(head.idx, g), None, g, named=False)
        if len(tokens) == 1 and low in _W.other_pronouns:
            if low in ("who", "that", "which") and head.head.dep_ == "relcl":
                return self.describe(noun_phrase_tokens(antecedent_of(head)))
            if low in ("they", "them", "it"):
                # the last institution or group named as a source before ("The ministry said … It added")
                k = bisect_right(self._group_starts, head.idx) - 1
                if k >= 0 and head.idx - self._groups[k][0] < 1500:
                    _, name, role = self._groups[k]
                    return Speaker(name, role, named=False)
            return Speaker(None, None, named=False)
        lo = bisect_left(self._ent_starts, tokens[0].i)
        hi = bisect_right(self._ent_starts, tokens[-1].i)
        names = [e for e in self.ents[lo:hi] if e.end <= tokens[-1].i + 1 and is_person(e) and _person_name(e)]
        role = _role_of(tokens, names, head)
        if names:
            name = self.full_name(_person_name(names[0]))
            if len(names) > 1 or any(t.dep_ == "conj" for t in tokens):
                self._remember(tokens[0].idx, clean_text("".join(t.text_with_ws for t in tokens)), role)
            return Speaker(name, role, self._genders.get(name) or _gender_near(names[0]))
        if role is None:
            appos = [c for c in head.children if c.dep_ == "appos"]
            if appos:
                role = _role_phrase(appos[0])
        core = _core_phrase(tokens, head)
        name = clean_text(core) or None
        if name and head.pos_ == "PROPN" and name.lower() in self._full:
            # a surname the tagger did not mark as a person, named in full earlier ("Kiper wrote")
            full = self._full[name.lower()]
            return Speaker(full, role, self._genders.get(full))
        if name and name.lower().startswith(("the ", "a ", "an ")):
            name = name.split(" ", 1)[1]
        if name:
            self._remember(tokens[0].idx, name, role)
        return Speaker(name, role)

    def _remember(self, offset: int, name: str, role: str | None) -> None:
        """A named group or institution, for a later "they"/"it" (sources must be described in text order)."""
        if name.split()[-1].lower() in self._full or any(name == p[1] for p in self.persons):
            return  # a person the tagger missed is not an institution
        if not self._group_starts or offset > self._group_starts[-1]:
            self._groups.append((offset, name, role))
            self._group_starts.append(offset)


def is_person(ent: "Span") -> bool:
    """PERSON entities, and ORG/GPE ones the small model mislabels ("Chancellor Olaf Scholz",
    "said Liudmyla, a 70-year-old resident")."""
    if ent.label_ == "PERSON":
        return True
    if ent.label_ not in ("ORG", "GPE", "NORP") or any(t.lower_ in _W.org_words for t in ent):
        return False
    if not all(t.is_title or t.text[:1].isupper() for t in ent if t.is_alpha):
        return False
    doc = ent.doc
    if ent.start > 0 and doc[ent.start - 1].lower_ in _W.person_titles:
        return True
    root = ent.root
    return any(c.dep_ == "appos" and (c.lower_ in _W.person_titles or c.lower_ in ROLE_HEADS) and c.lower_ not in _W.org_words for c in root.children)


def _looks_like_place(ent: "Span") -> bool:
    """A one-word "person" governed by a preposition of place or direction ("left for Kyiv")."""
    if len(ent) != 1 or ent.start == 0:
        return False
    prev = ent.doc[ent.start - 1]
    if ent.root.dep_ != "pobj":
        return False
    if prev.lower_ in ("in", "near", "into", "towards", "toward", "outside", "across"):
        return True
    before = ent.doc[ent.start - 2].lemma_.lower() if ent.start > 1 else ""
    return prev.lower_ == "for" and before in ("leave", "head", "bind", "flee", "depart", "set")


def _title_end(ent: "Span") -> int:
    """Index (in the doc) where the name proper starts inside a PERSON entity that took in a title
    ("German Chancellor Olaf Scholz" -> at "Olaf")."""
    last = -1
    for k, t in enumerate(ent[:-1]):
        if t.lower_ in _W.title_words or t.lower_ in ROLE_HEADS:
            last = k
    return ent.start + last + 1


def _person_name(ent: "Span") -> str:
    start = _title_end(ent)
    words = [t.text for t in ent.doc[start:ent.end] if t.lower_ not in _W.title_words and t.tag_ != "POS" and t.text not in ("'s", "’s")]
    return clean_text(" ".join(words))


def _gender_near(ent: "Span") -> str | None:
    """Gender of a named person when the text shows it: an honorific or a gendered noun next to the
    name or in its apposition ("Liudmyla, a grandmother of three"). A first name alone says nothing:
    a list of names would only fit the people one corpus happens to quote."""
    doc = ent.doc
    window = [t.lower_ for t in doc[max(0, ent.start - 2):ent.start]] + [t.lower_ for t in ent]
    window += [c.lower_ for c in ent.root.children if c.dep_ == "appos"]
    for w in window:
        if w in _W.female_words:
            return "f"
        if w in _W.male_words:
            return "m"
    return None


def _head_of(tokens: list["Token"]) -> "Token":
    ids = {t.i for t in tokens}
    for t in tokens:
        if t.head.i not in ids or t.head.i == t.i:
            return t
    return tokens[0]


def antecedent_of(pronoun: "Token") -> "Token":
    """The noun a relative pronoun stands for. "Ruth Adler, a scholar at the … Institute who
    describes …": the parser may hang "who" on the institution; the person is up the chain."""
    antecedent = pronoun.head.head
    if pronoun.lower_ != "who":
        return antecedent
    cur = antecedent
    for _ in range(5):
        if cur.ent_type_ == "PERSON" or cur.lower_ in ROLE_HEADS or cur.dep_ not in ("pobj", "prep", "appos", "compound"):
            break
        cur = cur.head
    return cur if cur.ent_type_ == "PERSON" or cur.pos_ in ("PROPN", "NOUN") else antecedent


def noun_phrase_tokens(token: "Token") -> list["Token"]:
    """The noun phrase of ``token`` without its relative clauses (and without punctuation but hyphens)."""
    drop: set[int] = set()
    for t in token.subtree:
        if t.dep_ == "relcl" and t.i != token.i:
            drop.update(x.i for x in t.subtree)
    return [t for t in token.subtree if t.i not in drop and (t.dep_ != "punct" or t.text in ("-", "–"))]


def _core_phrase(tokens: list["Token"], head: "Token") -> str:
    """The source noun phrase without relative clauses and appositions."""
    drop: set[int] = set()
    for t in tokens:
        if t.dep_ in ("relcl", "appos", "acl") and t.head.i == head.i:
            drop.update(x.i for x in t.subtree)
    keep = [t for t in tokens if t.i not in drop]
    # trailing commas/punctuation left over from a dropped apposition
    return "".join(t.text_with_ws for t in keep).strip()


def _role_of(tokens: list["Token"], names: list["Span"], head: "Token") -> str | None:
    """"German Chancellor Olaf Scholz" -> "German Chancellor"; "Liudmyla, a resident," -> "resident"."""
    if names:
        ent = names[0]
        name_start = _title_end(ent)
        # the words right before the name that belong to its noun phrase, past honorifics and ranks
        # written as abbreviations ("Columbus police spokesman Sgt. James Fuqua")
        doc = ent.doc
        k = name_start - 1
        while k >= tokens[0].i and (doc[k].lower_.rstrip(".") in _W.honorifics or (doc[k].text == "." and k > 0 and doc[k - 1].lower_ in _W.honorifics)):
            k -= 1
        run: list["Token"] = []
        while k >= tokens[0].i:
            t = doc[k]
            if t.tag_ == "POS" or t.dep_ == "det" or (t.is_punct and t.text not in ("-", "–", ".")):
                break
            if t.text == "." and not (k > 0 and doc[k - 1].lower_.rstrip(".") in _W.abbreviated):
                break
            run.append(t)
            k -= 1
        run.reverse()
        # a rank after a role ("police spokesman Sgt.") is dropped; a rank alone ("Gen.") is the role
        trimmed = list(run)
        while trimmed and (trimmed[-1].text == "." or trimmed[-1].lower_.rstrip(".") in _W.ranks):
            trimmed.pop()
        if trimmed:
            run = trimmed
        if run and any(t.lower_ in ROLE_HEADS or t.pos_ in ("NOUN", "PROPN") for t in run):
            return re.sub(r"\s*([-–])\s*", r"\1", clean_text(" ".join(t.text for t in run))) or None
        # apposition: "Liudmyla, a 70-year-old resident," / "Dana Price, the bank's chief executive,"
        anchor = ent.root
        for child in list(anchor.children) + list(head.children):
            if child.dep_ == "appos" and not (ent.start <= child.i < ent.end):
                return _role_phrase(child)
        # the name is itself the apposition: "the mayor of Kharkiv, Ihor Terekhov"
        if anchor.dep_ == "appos" and anchor.head.i not in range(ent.start, ent.end):
            return _role_phrase(anchor.head)
        return None
    if head.lower_ in ROLE_HEADS or head.lemma_.lower() in ROLE_HEADS:
        return _role_phrase(head)
    return None


def _role_phrase(head: "Token") -> str | None:
    parts = [head]
    for child in head.lefts:
        if child.dep_ in ("compound", "amod") and not any(ch.isdigit() for ch in child.text) and child.ent_type_ not in ("DATE", "CARDINAL", "PERSON"):
            parts.extend(x for x in child.subtree if x.ent_type_ not in ("DATE", "CARDINAL") and not any(ch.isdigit() for ch in x.text))
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            parts.extend(child.subtree)
    parts = sorted({t.i: t for t in parts}.values(), key=lambda t: t.i)
    # keep the contiguous run that holds the head
    run = [head]
    idx = parts.index(head)
    for t in reversed(parts[:idx]):
        if t.i == run[0].i - 1 or (t.i == run[0].i - 2 and t.doc[t.i + 1].is_punct):
            run.insert(0, t)
        else:
            break
    for t in parts[idx + 1:]:
        if t.i == run[-1].i + 1:
            run.append(t)
        else:
            break
    text = clean_text("".join(t.text_with_ws for t in run))
    text = re.sub(r"\s*-\s*", "-", text) if "-" in text else text
    return text or None
