"""Weapons with their counts, interceptions ("shot down 16 of the missiles"), and struck targets.

Weapons are found by lemma (one or two words) and kept with the count their noun phrase
gives ("18 cruise missiles", "more than 300 drones", "a missile"). A weapon is *intercepted*
when it is the object of an air-defence verb (intercept, shoot down, down, destroy,
neutralise) or its passive subject; "16 of the missiles" counts 16, "40 of 50 drones" counts 40
of 50 launched, and "95 drones, 40 of them over the sea" counts 95 (the 40 is a subset).

Targets are nouns of the kinds in ``record.TARGET_KINDS`` that are hit, struck, damaged or
attacked in the parse ("a missile hit an apartment block", "a strike on port infrastructure"),
so that "taken to hospital" or "went home" are not targets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from ...lang import load
from ...parse import tokens_among
from ...text.bombers import bomber_is_a_person
from ...text.mentions import TargetMention, WeaponMention
from .quantities import Quantity, quantity_of

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_EN = load("en")
_W = _EN.words_of("weapons")  # lang/en/words.toml [weapons]
# (modifier lemma or None, head lemma) -> kind; two-word entries win over one-word ones (lang/en/weapons.tsv)
WEAPONS: dict[tuple[str | None, str], str] = {(None if mod == "-" else mod, head): kind for mod, head, kind in _EN.table("weapons")}
#: the words that head a weapon's name: a noun that is none of them names no weapon, whatever its modifiers
WEAPON_HEADS = frozenset(head for _, head in WEAPONS)
#: crowd-control means ("water cannon", "rubber bullets", "stun grenades") are no weapons of war
NON_LETHAL = _W.non_lethal
INTERCEPT_VERBS = _W.intercept_verbs
MINE_CONTEXT = _W.mine_context

# head -> kind, and modifier + head -> kind, which wins over the head alone: "power station" (lang/en/targets.tsv)
TARGETS: dict[str, str] = {head: kind for mod, head, kind in _EN.table("targets") if mod == "-"}
TARGET_PAIRS: dict[tuple[str, str], str] = {(mod, head): kind for mod, head, kind in _EN.table("targets") if mod != "-"}
#: heads a target's kind comes from its modifier on ("apartment block", "school building")
_KIND_FROM_MODIFIER = frozenset({"building", "block", "complex", "facility", "compound", "infrastructure", "area", "site"})
#: the lemmas a target can have: a noun that is none of them is no target
TARGET_HEADS = frozenset(TARGETS) | frozenset(head for _, head in TARGET_PAIRS) | _KIND_FROM_MODIFIER
HIT_LEMMAS = _W.hit_lemmas
TARGET_PREPS = _W.target_preps


def _words(t: "Token") -> tuple[str, str]:
    return t.lemma_.lower(), t.lower_


def weapon_kind(t: "Token") -> str | None:
    if t.pos_ not in ("NOUN", "PROPN", "ADJ") and t.tag_ not in ("NN", "NNS", "NNP", "NNPS"):
        return None
    lemma, low = _words(t)
    if lemma not in WEAPON_HEADS and low not in WEAPON_HEADS:
        return None  # the lexicon looks every weapon up by its head word: no need to read the modifiers
    if lemma == "mine" or low == "mines":
        mods = {c.lower_ for c in t.children}
        if mods & MINE_CONTEXT or t.pos_ == "PRON":
            return None
    mods = [c for c in t.children if c.dep_ in ("compound", "amod")]
    doc = t.doc
    prev = doc[t.i - 1] if t.i > 0 else None
    if prev is not None and prev.text == "-" and t.i > 1:
        prev = doc[t.i - 2]
    if any(m.lower_ in NON_LETHAL for m in mods) or (prev is not None and prev.lower_ in NON_LETHAL):
        return None  # "tear gas and water cannon", "rubber bullets"
    for m in mods:
        kind = WEAPONS.get((m.lemma_.lower(), lemma)) or WEAPONS.get((m.lower_, lemma))
        if kind:
            return kind
    if t.dep_ in ("compound", "amod") and t.head.i != t.i and t.head.i > t.i and _head_is_weapon(t.head):
        return None  # "cruise missile", "land mine": the head names the weapon
    kind = WEAPONS.get((None, lemma)) or WEAPONS.get((None, low))
    if kind == "aircraft" and bomber_is_a_person(t):
        return "ied"
    return kind


def _head_is_weapon(t: "Token") -> bool:
    lemma = t.lemma_.lower()
    return (None, lemma) in WEAPONS or (None, t.lower_) in WEAPONS or lemma in ("launcher", "device", "vest", "munition", "vehicle")


def find_weapons(sent: "Span", sent_i: int, text: str) -> Iterator[WeaponMention]:
    doc = sent.doc
    for t in tokens_among(sent, WEAPON_HEADS):  # weapon_kind names none of the others
        kind = weapon_kind(t)
        if kind is None:
            # "Air defences shot down 16 of the missiles": the number is the object
            continue
        q = quantity_of(t)
        if q is None:
            det = next((c for c in t.children if c.dep_ == "det" and c.lower_ in ("a", "an", "one")), None)
            if det is not None and t.tag_ in ("NN", "NNP"):
                q = Quantity(1, "exact", det.i, det.i + 1)
        count_tok = t
        launched = None
        # "16 of the missiles", "40 of 50 drones"
        if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.like_num:
            part = quantity_of(t.head.head)
            if part is not None:
                launched = q.value if q is not None else None
                q = part
                count_tok = t.head.head
        intercepted = _intercepted(count_tok)
        first = min([t.i] + ([q.start] if q else []) + [c.i for c in t.children if c.dep_ in ("compound", "amod") and c.i < t.i])
        last = t.i + 1
        start, end = doc[first].idx, doc[last - 1].idx + len(doc[last - 1].text)
        yield WeaponMention(
            kind=kind, count=q.value if q else None, qualifier=q.qualifier if q else None,
            text=text[start:end], start=start, end=end, sent=sent_i,
            intercepted=intercepted, launched=launched if intercepted else None,
        )


def _intercepted(t: "Token") -> bool:
    node = t
    if node.dep_ == "conj":
        while node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
    if node.dep_ not in ("dobj", "nsubjpass", "pobj"):
        return False
    verb = node.head
    if node.dep_ == "pobj":  # "shot down by air defences" is not this; "fired at" isn't either
        return False
    lemma = verb.lemma_.lower()
    if lemma in INTERCEPT_VERBS and lemma != "destroy":
        return True
    if lemma == "shoot" and any(c.lower_ == "down" for c in verb.children):
        return True
    if lemma == "destroy":  # "destroyed 20 drones": air defence; "a missile destroyed a house": not here
        return True
    return False


def find_targets(sent: "Span", sent_i: int, text: str) -> Iterator[TargetMention]:
    doc = sent.doc
    for t in tokens_among(sent, TARGET_HEADS):  # no other lemma gives a kind below
        if t.pos_ not in ("NOUN", "PROPN") or t.dep_ == "compound":
            continue
        lemma = t.lemma_.lower()
        mods = [c for c in t.children if c.dep_ in ("compound", "amod") and c.i < t.i]
        kind = None
        for m in mods:
            kind = TARGET_PAIRS.get((m.lemma_.lower(), lemma)) or TARGET_PAIRS.get((m.lower_, lemma))
            if kind:
                break
        if kind is None:
            kind = TARGETS.get(lemma)
            for m in mods:  # "apartment block", "school building": the modifier names the kind
                mk = TARGETS.get(m.lemma_.lower())
                if mk and lemma in _KIND_FROM_MODIFIER:
                    kind = mk
            if kind is None and lemma in ("building", "infrastructure", "facility", "complex") :
                kind = next((TARGETS[m.lemma_.lower()] for m in mods if m.lemma_.lower() in TARGETS), None)
                if kind is None and lemma in ("building",):
                    kind = "other"
        if kind is None or t.ent_type_ in ("ORG", "PERSON", "GPE", "NORP", "WORK_OF_ART", "EVENT", "LAW") and t.pos_ == "PROPN":
            continue
        if lemma == "block" and not mods:
            continue
        if not _is_hit(t):
            continue
        first = min([t.i] + [m.left_edge.i for m in mods if m.left_edge.i >= t.sent.start and t.i - m.left_edge.i <= 5])
        # extend over a compound chain before the modifiers ("nine-story apartment block")
        start, end = doc[first].idx, t.idx + len(t.text)
        yield TargetMention(kind=kind, text=text[start:end], start=start, end=end, sent=sent_i)


def _is_hit(t: "Token") -> bool:
    """Is the noun what an attack hit? Object/passive subject of a hit verb, or the object of
    a preposition after one ("a strike on the port", "fire broke out at the warehouse")."""
    node = t
    while node.dep_ in ("conj", "appos") and node.head.i != node.i:
        node = node.head
    head = node.head
    hl = head.lemma_.lower()
    if node.dep_ in ("dobj", "nsubjpass") and hl in HIT_LEMMAS:
        return True
    if node.dep_ == "pobj" and head.lower_ in TARGET_PREPS:
        gov = head.head
        if gov.lemma_.lower() in HIT_LEMMAS or gov.lower_ in HIT_LEMMAS:
            return True
        if gov.dep_ in ("dobj",) and gov.lemma_.lower() in ("fire",) :
            return True
    if node.dep_ == "nsubj" and hl in ("burn", "collapse", "catch", "sustain", "suffer"):
        return True
    return False
