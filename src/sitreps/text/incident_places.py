"""Where incidents are told: the places of each sentence that tell one incident from another.

The ``events`` stage keeps two mentions apart when they name different places. A place counts
when spaCy reads it as a GPE, a generic word marks it ("the city of Odesa"), or the gazetteer
resolved a name that stands alone after a place preposition ("drone attacks on Kherson", which
the small model reads as a PERSON). Countries are too coarse to tell incidents apart (every
sentence of a war story names the two states), so they only decide between sentences that name
nothing finer; a place inside another (a neighbourhood of a city, a town of a region the article
does not tell town by town) is the same place told finer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..geo.distance import haversine_km
from ..geo.names import PLURALS
from ..geo.cues import STREET_WORDS
from ..lang import load
from ..parse import ents_of
from ..record import Place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ..geo.resolve import Resolved

_W = load("en").words_of("events")  # lang/en/words.toml [events]
#: "the city of X": a generic word that marks the name after "of" as a place
GENERIC_OF = _W.generic_of
PLACE_PREPS = _W.place_preps
ANSWER_LEMMAS = _W.answer_lemmas
DESTINATION_HEADS = _W.destination_heads
COUNTRY = "country:"  # prefix of a country's id in a group's places: too coarse to tell incidents apart
NAME = "name:"  # prefix of a place's normalised name in a group's places, beside its id
WITHIN_CITY_KM = 30.0  # a district or point this close to a city is taken to be in it
#: place id -> (lat, lon, precision, admin1)
Where = dict[str, tuple[float, float, str, "str | None"]]


def lies_in(fine, wide) -> bool:
    """Does ``fine`` (a :class:`~sitreps.record.Place` or event ``Location``) lie in ``wide``, a
    region or country: the same country, and the same first-level division when ``wide`` is a region."""
    return wide.precision in ("region", "country") and fine.country == wide.country and (
        wide.precision == "country" or fine.admin1 == wide.admin1)


def split_regions(wheres: "list[Where]") -> frozenset[str]:
    """Regions in which the article's violent incidents (their places, ``wheres``) name two or more
    different towns."""
    towns: dict[str, set[str]] = {}
    for where in wheres:
        for key, (_lat, _lon, precision, admin1) in where.items():
            if admin1 and precision in ("city", "district", "point"):
                towns.setdefault(admin1, set()).add(key)
    return frozenset(r for r, keys in towns.items() if len(keys) > 1)


def shares_fine_place(a: set[str], b: set[str]) -> bool:
    """Whether two sets of places have a place finer than a country in common."""
    return any(not p.startswith(COUNTRY) for p in a & b)


def inside(big: tuple[float, float, str, str | None], small: tuple[float, float, str, str | None], split: frozenset[str]) -> bool:
    """Whether a place lies in another: a district or a point (a neighbourhood, a street) near a
    city is in that city; a town is in its region, unless the article tells incidents at several
    towns of that region (``split``): ACLED codes an event per town, and a lead on "the Rostov
    region" then sums up the towns told after it. Two towns are never inside each other."""
    if big[2] == "region":
        return big[3] is not None and small[3] == big[3] and small[2] != "region" and big[3] not in split
    return (big[2] == "city" and small[2] in ("district", "point")
            and haversine_km(big[0], big[1], small[0], small[1]) <= WITHIN_CITY_KM)


def places_differ(a: set[str], wa: Where, b: set[str], wb: Where, split: frozenset[str]) -> bool:
    """Whether two groups of mentions (their places ``a``, ``b`` and where those lie, ``wa``, ``wb``)
    name different incidents' places. Places finer than a country decide when both sides name one
    ("Zaporizhzhia" and "Kherson" differ, though both sentences also name Ukraine and Russia), and
    a place inside the other's ("the East Garfield Park neighborhood" of Chicago) is the same place
    told finer; a side that names only countries differs only from a side that names only other
    countries."""
    fa = {p for p in a if not p.startswith(COUNTRY)}
    fb = {p for p in b if not p.startswith(COUNTRY)}
    if fa and fb:
        if fa & fb:
            return False
        return not any(inside(wa[x], wb[y], split) or inside(wb[y], wa[x], split)
                       for x in fa if x in wa for y in fb if y in wb)
    if fa or fb:
        return False
    return bool(a) and bool(b) and not a & b


@dataclass(frozen=True)
class Listed:
    """A place that tells incidents apart, where the sentence names it."""

    key: str
    name: str  # normalised name
    text: str
    start: int  # char
    tokens: tuple[int, int]


def sentence_places(doc: "Doc", n: int, toponyms: "list[Resolved]", places: list[Place]) -> list[tuple[set[str], str, list[Listed], Where]]:
    """Per sentence: the places it names to tell incidents apart (from the ``places`` stage: a
    GeoNames id, or the name when the gazetteer lacks it; countries and the dateline prefixed
    ``COUNTRY``, each finer place also by its name), the place text for the summary, the finer
    places in text order (:class:`Listed`) and where those lie (:data:`Where`).

    Places that tell incidents apart are names spaCy reads as a GPE and names a generic word marks
    as a place ("Shevchenkivskyi district", "the city of Odesa"), unless spaCy reads them as part of
    another name ("Cumberland County Sheriff's Department"); streets and buildings are too fine.
    The dateline says where the reporter files from, so it never names the summary's place. The summary names the first place after a
    place preposition ("in Kalgo, a community in Kebbi State"), else one a generic word marks, else
    the first one."""
    names: list[set[str]] = [set() for _ in range(n)]
    listed: list[list[Listed]] = [[] for _ in range(n)]
    where: list[Where] = [{} for _ in range(n)]
    first, after_prep, marked = [""] * n, [""] * n, [""] * n
    entity_of = {i: e for e in ents_of(doc) for i in range(e.start, e.end)}
    for r, p in zip(toponyms, places):
        m = r.mention
        if not 0 <= m.sent < n:
            continue
        si, start = m.sent, m.tokens[0]
        if answered(doc[start]):
            continue  # "as a response to the attack in Khiam": the earlier act's place, not this sentence's incident's
        if destination(doc[start]):
            continue  # "taken to a hospital in Bannu": where the wounded went
        text = m.text[4:] if m.text.lower().startswith("the ") else m.text
        prev = doc[start - 1] if start > 0 else None
        generic_of = prev is not None and prev.lower_ == "of" and start > 1 and doc[start - 2].lower_ in GENERIC_OF
        label = doc[start].ent_type_
        # spaCy's small model often reads a bare town name as a PERSON or an ORG ("drone attacks
        # on Kherson"); a name the gazetteer resolved that is the whole of its entity, or stands
        # alone, after a place preposition (a whole LOC entity anywhere) is a place all the same
        ent = entity_of.get(start) if label else None
        whole = ent is not None and (ent.start, ent.end) == tuple(m.tokens) and label in ("PERSON", "ORG", "LOC", "FAC")
        # after a place preposition, or after a country's possessive ("Syria's Homs", "Ukraine's Kharkiv")
        after = prev is not None and (prev.lower_ in PLACE_PREPS or (
            prev.lower_ in ("'s", "’s") and start > 1 and doc[start - 2].ent_type_ == "GPE"))
        resolved = p.geonames_id is not None and p.precision in ("point", "district", "city", "region", "country")
        # a name a generic word marks ("the Kursk region"), whatever spaCy calls the name inside it
        # ("Kherson Oblast's Darivka district", where spaCy's entity starts before it but ends inside it)
        marked_inside = m.hint is not None and resolved and ent is not None and ent.end <= m.tokens[1]
        reference = m.source == "reference"  # "the regional capital": a place told by what it is
        if reference or generic_of or label == "GPE" or (m.hint is not None and not label) or marked_inside or (
                resolved and ((whole and (after or label == "LOC")) or (not label and after))):
            key = str(p.geonames_id) if p.geonames_id is not None else m.key
            coarse = p.precision == "country" or m.source == "dateline"  # where the reporter files from is no incident's place
            names[si].add(COUNTRY + key if coarse else key)
            if not coarse:
                names[si].add(NAME + m.key)  # one name resolved two ways in one article is still one place
                if p.lat is not None and p.lon is not None:
                    where[si][key] = (p.lat, p.lon, p.precision, p.admin1)
                listed[si].append(Listed(key=key, name=m.key, text=text, start=p.start, tokens=tuple(m.tokens)))  # type: ignore[arg-type]
        if m.source in ("dateline", "reference"):
            continue
        if m.hint is not None or generic_of:
            marked[si] = text
        first[si] = first[si] or text
        if prev is not None and prev.lower_ == "the" and start > 1:
            prev = doc[start - 2]
        if not after_prep[si] and prev is not None and prev.lower_ in PLACE_PREPS:
            after_prep[si] = text
    return [(names[i], after_prep[i] or marked[i] or first[i], listed[i], where[i]) for i in range(n)]


def destination(tok: "Token") -> bool:
    """Whether the place at ``tok`` is where people were taken: under "to" below a verb of carrying
    ("airlifted to Raipur"), or in a hospital that is itself under "to" ("taken to a hospital in
    Bannu"); a hospital that was hit ("struck a hospital in Bannu") is no destination."""
    node, via_to = tok, False
    for _ in range(6):
        if node.dep_ not in ("pobj", "prep", "compound", "appos") or node.head.i == node.i:
            return False
        node = node.head
        via_to = via_to or (node.dep_ == "prep" and node.lower_ == "to")
        if node.lemma_.lower() in DESTINATION_HEADS:
            return via_to or (node.dep_ == "pobj" and node.head.lower_ == "to")
    return False


#: words that put an earlier act before the one told ("after losing battles", "following the raid")
_BEFORE_WORDS = frozenset({"after", "following", "for"})


def answered(tok: "Token") -> bool:
    """``tok`` lies under a word of answering an earlier act ("in retaliation for the strike on X"),
    or after "after"/"following"/"for" on an act told as an answer ("were exacting revenge on
    civilians after losing battles", "struck the port in retaliation after a drone attack")."""
    for a in tok.ancestors:
        if a.lemma_.lower() in ANSWER_LEMMAS:
            return True
        if a.lower_ in _BEFORE_WORDS and a.dep_ in ("prep", "mark") and _answering(a.head):
            return True
    return False


def other_sides(tok: "Token") -> bool:
    """``tok`` names an act of another side after "after"/"following" ("the army struck the town
    after a raid by the militia"): an earlier act, not the one the clause tells. Unlike an act an
    answer names, it may be told nowhere else, so it keeps its place (and its own event when the
    sentence's places split it off); it never lends the act told with it a date, place or actor."""
    return any(a.lower_ in SEQUENCE_WORDS and a.dep_ == "prep" and _other_side(a) for a in tok.ancestors)


def earlier_clause(tok: "Token") -> bool:
    """``tok`` is, or lies in, a clause opened by "after" whose doer is named and differs from the
    doer of the act the clause hangs on ("villagers protested after soldiers killed two farmers"):
    another side's earlier act, told as the reason or the time of this one. Only the protest
    rules ask it: made a general :func:`other_sides` (never the group's main act), it cost the
    GVA merge 0.007 of pairwise F1 ("police arrested a man after the suspect shot two people"
    made the arrest the page's main event)."""
    for v in [tok, *tok.ancestors]:
        if v.dep_ == "advcl" and v.head.i != v.i and any(c.dep_ == "mark" and c.lower_ in SEQUENCE_WORDS for c in v.children):
            first, later = _agent(v), _agent(v.head)
            if later is None and v.head.dep_ in ("acl", "relcl") and v.head.head.i != v.head.i:
                later = v.head.head  # "hundreds of villagers protested …" parsed as a noun and its clause
            return _different_doers(first, later)
    return False


#: words that tell an act came first, without saying the later one answers it
SEQUENCE_WORDS = frozenset({"after", "following"})


def _agent(tok: "Token") -> "Token | None":
    """Who does the act ``tok`` tells: an active verb's subject, a noun's "by" phrase or possessor."""
    for c in tok.children:
        if c.dep_ == "nsubj" and tok.pos_ in ("VERB", "AUX"):
            return c
        if c.dep_ == "poss" and tok.pos_ == "NOUN":
            return c
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by" and tok.pos_ == "NOUN"):
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


def _other_side(prep: "Token") -> bool:
    """The act after ``prep`` ("after a raid by the militia") is done by someone other than the
    act it is attached to ("the army struck the town"): both name who acts, and not the same."""
    earlier = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return _different_doers(_agent(earlier) if earlier is not None else None, _agent(prep.head))


def _different_doers(first: "Token | None", later: "Token | None") -> bool:
    """The earlier act's doer and the later act's are both named (the earlier not by a pronoun,
    which may name the same side) and are not the same word."""
    if later is None or first is None or first.pos_ == "PRON":
        return False
    return later.lemma_.lower() != first.lemma_.lower()


def _answering(verb: "Token") -> bool:
    """An act told as an answer: a word of answering as its object or under its preposition ("took
    revenge", "in retaliation")."""
    return any(c.lemma_.lower() in ANSWER_LEMMAS or (c.dep_ == "prep" and any(g.lemma_.lower() in ANSWER_LEMMAS for g in c.children))
               for c in verb.children if c.dep_ in ("dobj", "prep", "npadvmod", "advmod"))


def answers(main, triggers) -> bool:
    """The act a sentence tells (its ``main`` trigger) answers an earlier one named under it ("Hezbollah
    targeted an army base as a response to the attack in Khiam"): a new incident."""
    return main is not None and not main.answered and any(t.answered for t in triggers)


def span_root(doc: "Doc", tokens: tuple[int, int]):
    return doc[tokens[0]:tokens[1]].root


def _subject_place(verb: "Token", by_token: dict) -> "Listed | None":
    """The listed place that is the subject of ``verb`` or of a verb it hangs on as a clause ("was
    struck, leaving a woman wounded, as was …": struck), at most three clauses up."""
    for _ in range(3):
        found = next((by_token[i] for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
                      for i in range(c.left_edge.i, c.i + 1) if i in by_token), None)
        if found is not None or verb.dep_ not in ("advcl", "conj", "xcomp") or verb.head.i == verb.i:
            return found
        verb = verb.head
    return None


def coordinated(doc: "Doc", listed: list[Listed]) -> list[list[Listed]]:
    """Lists of places a sentence coordinates ("in Nyala and El Geneina", "on Kherson … and on
    Kharkiv", "In Shebekino and in Valuyki", "the Bryansk and Kursk regions"): a place whose head is
    a conjunct of another place, or whose preposition is a conjunct of the other's preposition (or
    follows it, on one head, after an "and"), or a place with a word that is a conjunct of another
    place's or that modifies the other's plural generic word ("regions"), or the subject of an "as
    was" that tells the act again of it ("Darivka was struck, as was the regional capital"). Lists of two or more
    distinct places, in text order; names of streets list none."""
    # names of streets ("at Mathis and Prentice streets": one corner) list no places
    listed = [pl for pl in listed if not (pl.tokens[1] < len(doc) and doc[pl.tokens[1]].lower_ in STREET_WORDS)
              and span_root(doc, pl.tokens).head.lower_ not in STREET_WORDS]
    roots = {pl.key: span_root(doc, pl.tokens) for pl in listed}
    by_token = {}
    for pl in listed:
        for i in range(*pl.tokens):
            by_token[i] = pl
    parent: dict[str, str] = {pl.key: pl.key for pl in listed}

    def find(k: str) -> str:
        while parent[k] != k:
            k = parent[k]
        return k

    for pl in listed:
        root = roots[pl.key]
        other = None
        if root.dep_ == "conj":
            other = by_token.get(root.head.i)
        elif root.dep_ == "pobj" and root.head.dep_ == "conj" and root.head.head.pos_ == "ADP":
            other = next((by_token[c.i] for c in root.head.head.children if c.dep_ == "pobj" and c.i in by_token), None)
        elif root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ == "be" and any(c.dep_ == "mark" and c.lower_ == "as" for c in root.head.children):
            # "Darivka was struck …, as was the regional capital": the act told again of another place
            other = _subject_place(root.head.head, by_token)
        elif root.dep_ == "pobj" and root.head.dep_ == "prep":
            # "In Shebekino and in Valuyki": two prepositions of one head, the first with the "and"
            prep = root.head
            before = [c for c in prep.head.children if c.dep_ == "prep" and c.i < prep.i and any(g.dep_ == "cc" for g in c.children)]
            other = next((by_token[g.i] for c in before[-1:] for g in c.children if g.dep_ == "pobj" and g.i in by_token), None)
        if other is None or other.key == pl.key:
            # "the Bryansk and Kursk regions": "Kursk" is a conjunct of "Bryansk", which modifies "regions"
            for tok in doc[pl.tokens[0]:pl.tokens[1]]:
                near = by_token.get(tok.head.i)
                if near is not None and near.key != pl.key and (
                        tok.dep_ == "conj" or (tok.dep_ in ("nmod", "compound", "amod") and tok.head.lower_ in PLURALS)):
                    other = near
                    break
        if other is not None and other.key != pl.key:
            parent[find(pl.key)] = find(other.key)
    clusters: dict[str, list[Listed]] = {}
    for pl in sorted(listed, key=lambda p: p.start):
        if pl.key not in {q.key for q in clusters.get(find(pl.key), [])}:
            clusters.setdefault(find(pl.key), []).append(pl)
    return [c for c in clusters.values() if len(c) > 1]
