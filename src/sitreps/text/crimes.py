"""Crimes an article tells as done that are no violence against a person.

Drug trafficking, smuggling, fraud, theft, counterfeit goods, a criminal network: ordinary crime
is no ACLED event, and a police bust or an investigation into a smuggling ring makes none, so a
crime story would otherwise look like an empty record. :func:`told_crimes` lists the words of
crime the text tells (lang/en/crimes.tsv, grouped by the kinds of UNODC's ICCS) for the record's
``crimes``. A word counts where it is told as done, not as a plan, a threat or a denial ("vowed to
fight drug trafficking" is no crime told), and not as part of a name ("the Drug Enforcement
Administration", "the Anti-Narcotics Force").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lang import load
from ..parse import positions, text_of, tokens_of
from ..record import Crime
from .modality import modality

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_TABLE = load("en").table("crimes")
#: head lemma -> kind, and (modifier, head) -> kind, which wins over the head alone
HEADS: dict[str, str] = {head: kind for mod, head, kind in _TABLE if mod == "-"}
PAIRS: dict[tuple[str, str], str] = {(mod, head): kind for mod, head, kind in _TABLE if mod != "-"}
#: every word a crime is found by: the finder visits only their tokens
_WORDS = frozenset(HEADS) | frozenset(h for _, h in PAIRS)
#: entity labels of names a crime word can sit in ("Drug Enforcement Administration")
_NAMES = frozenset({"ORG", "FAC", "PERSON", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT"})


def crime_kind(tok: "Token") -> tuple[str, "Token"] | None:
    """The kind of crime ``tok`` names and the first word of its phrase, or None: a modifier and
    head pair ("drug lord", "criminal network") before the head alone ("smuggling", "stolen")."""
    lemma = tok.lemma_.lower()
    for mod in tok.children:
        if mod.dep_ in ("compound", "amod") and mod.i < tok.i:
            kind = PAIRS.get((mod.lemma_.lower(), lemma)) or PAIRS.get((mod.lower_, lemma))
            if kind:
                return kind, mod
    kind = HEADS.get(lemma) or HEADS.get(tok.lower_)
    return (kind, tok) if kind else None


def told_crimes(doc: "Doc") -> list[Crime]:
    """The crimes ``doc`` tells as done, once per word, in text order (see the module's text)."""
    text = text_of(doc)
    out = []
    toks = tokens_of(doc)
    for tok in (toks[i] for i in positions(doc, _WORDS)):  # none on most pages
        found = crime_kind(tok)
        if found is None:
            continue
        named = tok.head if tok.dep_ == "compound" else tok
        if named.pos_ == "PROPN" and named.ent_type_ in _NAMES:
            continue  # a word of a name: "the Drug Enforcement Administration", "Narcotics Control Bureau"
        negated, hypothetical, future = modality(tok)
        if negated or hypothetical or future:
            continue
        kind, first = found
        out.append(Crime(kind=kind, text=text[first.idx:tok.idx + len(tok.text)],
                         start=first.idx, end=tok.idx + len(tok.text)))
    return out
