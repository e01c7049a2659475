"""What an article says about where its places lie, and the features a candidate ranker reads.

:func:`document_context` gathers, once per article, the signs of place the text gives: the
countries it names outright (a country name, the dateline, a place with one candidate), the
first-level divisions it names ("Yangon Region", "Kharkiv Oblast", "Iowa"), and anchor points
(places with a single candidate). :func:`candidate_features` turns one (mention, candidate) pair
into named features for :class:`sitreps.learn.LinearModel` — the same function when the resolver
applies the ``places`` model and when ``sitreps train places`` fits it, so the two never drift.

Every feature is robust to what a gazetteer may lack: a candidate without coordinates, feature
code, admin code or population simply leaves that feature out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Sequence

from .distance import haversine_km, nearest_km
from .names import normalize, split_generic

if TYPE_CHECKING:
    from .gazetteer import Candidate
    from .recognise import Mention

#: words between a place and its container that say "the first lies inside the second"
#: ("X in northern Y", "X, in eastern Y"); "near Y" says only that X is close to Y.
DIRECTIONS = ("northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
              "northeastern", "northwestern", "southeastern", "southwestern", "north-eastern", "north-western",
              "south-eastern", "south-western", "northeast", "northwest", "southeast", "southwest")
NEAR_WORDS = ("near", "outside", "close to", "just outside", "on the outskirts of", "north of", "south of", "east of", "west of")


@dataclass
class DocContext:
    """Signs of place one article gives, by mention index (a mention never counts as its own sign)."""

    #: country code -> the mention indices that name it outright (country names, dateline, single candidates)
    countries: dict[str, set[int]] = field(default_factory=dict)
    #: (country, admin1 code) -> mention indices naming that first-level division
    admin1s: dict[tuple[str, str], set[int]] = field(default_factory=dict)
    #: mention index -> (lat, lon) of places with one candidate (not countries or seas)
    anchors: dict[int, tuple[float, float]] = field(default_factory=dict)
    #: mention index -> point of the town or district the first sweep chose for it with confidence
    chosen: dict[int, tuple[float, float]] = field(default_factory=dict)
    #: mention index -> (mention index of the place it lies in or near, "in" | "near")
    relations: dict[int, tuple[int, str]] = field(default_factory=dict)

    def named_countries(self, idx: int, key: str, keys: Sequence[str]) -> set[str]:
        """Countries the article names through mentions other than ``idx`` (and other than the same name)."""
        return {c for c, who in self.countries.items() if any(i != idx and keys[i] != key for i in who)}

    def named_admin1(self, idx: int, key: str, keys: Sequence[str], country: str | None, admin1: str | None) -> bool:
        who = self.admin1s.get((country or "", admin1 or ""))
        return bool(who) and any(i != idx and keys[i] != key for i in who)


def _country_sign(m: "Mention") -> "Candidate | None":
    """The candidate a mention names its country by, when it names one without doubt."""
    cands = m.candidates
    if not cands:
        return None
    countries = [c for c in cands if c.kind == "country"]
    if countries and (len(countries) == 1 and (m.hint is None)):
        return countries[0]
    if len(cands) == 1 or len({c.country for c in cands}) == 1:
        return cands[0] if cands[0].country else None
    return None


def document_context(mentions: Sequence["Mention"], text: str | None = None) -> DocContext:
    """The article's signs of place (see :class:`DocContext`)."""
    ctx = DocContext()
    for i, m in enumerate(mentions):
        sign = _country_sign(m)
        if sign is not None and sign.country:
            ctx.countries.setdefault(sign.country, set()).add(i)
        if m.source == "dateline" and m.candidates:
            best = max(m.candidates, key=lambda c: c.population)
            if best.country:
                ctx.countries.setdefault(best.country, set()).add(i)
        admins = [c for c in m.candidates if c.kind == "admin1" and c.country and c.admin1]
        if admins and (m.hint == "admin1" or len(admins) == 1 and len(m.candidates) <= 2):
            for c in admins if m.hint == "admin1" and len(admins) == 1 else admins[:1]:
                ctx.admin1s.setdefault((c.country, c.admin1), set()).add(i)
        located = [c for c in m.candidates if c.lat is not None and c.kind not in ("country", "sea", "region")]
        if len(located) == 1 and len(m.candidates) == 1:
            ctx.anchors[i] = (located[0].lat, located[0].lon)
    if text:
        _relations(ctx, mentions, text)
    return ctx


def _relations(ctx: DocContext, mentions: Sequence["Mention"], text: str) -> None:
    """ "X in northern Y" (X lies in Y) and "X near Y" (X lies close to Y), for pairs the
    recogniser did not already link as containment."""
    for i, (a, b) in enumerate(zip(mentions, mentions[1:])):
        if a.parent is not None or b.start - a.end > 40 or b.start < a.end:
            continue
        between = " ".join(text[a.end:b.start].lower().replace(",", " ").split())
        words = between.split()
        if words and words[0] == "in" and all(w in DIRECTIONS or w == "the" for w in words[1:]) and len(words) > 1:
            ctx.relations[i] = (i + 1, "in")
        elif between.removesuffix(" the") in NEAR_WORDS:
            ctx.relations[i] = (i + 1, "near")


def _log_km(km: float) -> float:
    return math.log10(1.0 + km)


@dataclass
class Scores:
    """What the rules make of one candidate: their score, the best of its namesakes', and the
    share of the article's (other) place signs that lie in its country."""

    rule: float
    rule_best: float
    base: float          # the score before the named-country and "in / near" adjustments
    base_best: float
    country_share: float
    country_top: bool
    admin1_context: bool


@dataclass
class Around:
    """What the article says around one mention, the same for each of its candidates (computed
    once per mention by :func:`around`)."""

    named: set[str]                        # countries named by other mentions
    anchors: list[tuple[float, float]]     # points of other mentions with one candidate
    chosen: list[tuple[float, float]]      # points the first sweep chose for other mentions


def around(idx: int, key: str, ctx: DocContext, keys: Sequence[str]) -> Around:
    """The :class:`Around` of mention ``idx`` (whose key is ``key``): other names only."""
    return Around(ctx.named_countries(idx, key, keys),
                  [p for j, p in ctx.anchors.items() if j != idx and keys[j] != key],
                  [p for j, p in ctx.chosen.items() if j != idx and keys[j] != key])


def candidate_features(m: "Mention", c: "Candidate", idx: int, cands_pop_max: int, ctx: DocContext, keys: Sequence[str],
                       scores: Scores, parent: "Candidate | None", relation: tuple["Candidate", str] | None,
                       near: Around) -> dict[str, float]:
    """Named features of candidate ``c`` for mention ``m`` (index ``idx``) in its article
    (``near``: the mention's :func:`around`, the same for all its candidates)."""
    f: dict[str, float] = {}
    rule_score, rule_best = scores.rule, scores.rule_best
    n = len(m.candidates)
    f[f"kind={c.kind}"] = 1.0
    if c.fcode:
        f[f"fcode={c.fcode}"] = 1.0
    f["main_name" if c.main else "alternate_name"] = 1.0
    if m.inner:
        f["match=partial"] = 1.0
    else:
        name = normalize(c.name)
        if name != m.key:
            f["match=generic_added" if split_generic(name)[0] == m.key else "match=other_name"] = 1.0
    f["log_pop"] = math.log10(c.population + 10) / 7.0
    f["pop_gap"] = (math.log10(cands_pop_max + 10) - math.log10(c.population + 10)) / 7.0
    if c.population >= cands_pop_max:
        f["largest"] = 1.0
    f["single" if n == 1 else "ambiguous"] = 1.0
    f["log_candidates"] = math.log10(n)
    f[f"hint={m.hint or 'none'}&kind={c.kind}"] = 1.0
    if m.direction:
        f[f"direction&kind={c.kind}"] = 1.0
    if m.source == "dateline":
        f[f"dateline&kind={c.kind}"] = 1.0
    f["rule_score"] = rule_score / 10.0
    f["rule_gap"] = (rule_best - rule_score) / 10.0
    if rule_score >= rule_best:
        f["rule_top"] = 1.0
    f["base_gap"] = (scores.base_best - scores.base) / 10.0
    if scores.country_share:
        f["country_share"] = scores.country_share
        if scores.country_top:
            f["country_top"] = 1.0
    if scores.admin1_context and c.kind not in ("admin1", "country"):
        f["admin1_context"] = 1.0
    named = near.named
    if c.country and c.country in named:
        f["country_named"] = 1.0
        f[f"country_named&kind={c.kind}"] = 1.0
    elif named and c.country:
        f["country_not_named"] = 1.0
    elif c.country is None:
        f["no_country"] = 1.0
    if not named:
        f["no_country_named"] = 1.0
    if c.kind not in ("admin1", "country") and c.admin1 and ctx.named_admin1(idx, m.key, keys, c.country, c.admin1):
        f["admin1_named"] = 1.0
    if parent is not None:
        f.update(_containment(c, parent, "parent"))
    if relation is not None:
        rel_place, how = relation
        f.update(_containment(c, rel_place, how))
    if c.lat is not None and c.lon is not None:
        f.update(_distance(c, near.anchors, "anchor", far=True))
        f.update(_distance(c, near.chosen, "chosen"))
    return f


def _distance(c: "Candidate", points: list[tuple[float, float]], name: str, far: bool = False) -> dict[str, float]:
    """How far ``c`` lies from the nearest of ``points`` (log km; within 161 km; over 2,000 km)."""
    if not points:
        return {}
    km = nearest_km(c.lat, c.lon, points)
    f = {f"{name}_log_km": _log_km(km) / 4.0}
    if km < 161:
        f[f"{name}_within_161"] = 1.0
    elif far and km > 2000:
        f[f"{name}_over_2000"] = 1.0
    return f


def _containment(c: "Candidate", p: "Candidate", how: str) -> dict[str, float]:
    """Does ``c`` agree with lying in (or near) ``p``?"""
    if p.id == c.id:
        return {f"{how}=self": 1.0}
    if how == "near":
        if c.lat is None or p.lat is None:
            return {}
        km = haversine_km(c.lat, c.lon, p.lat, p.lon)
        return {"near_within_161": 1.0} if km < 161 else {"near_far": 1.0}
    if p.kind == "country":
        return {f"{how}_country_agrees": 1.0} if c.country == p.country else {f"{how}_country_differs": 1.0}
    if p.kind == "admin1":
        if c.country != p.country:
            return {f"{how}_country_differs": 1.0}
        return {f"{how}_admin1_agrees": 1.0} if c.admin1 and c.admin1 == p.admin1 else {f"{how}_admin1_differs": 1.0}
    if p.country and c.country and p.country != c.country:
        return {f"{how}_country_differs": 1.0}
    if c.lat is not None and p.lat is not None and haversine_km(c.lat, c.lon, p.lat, p.lon) < 161:
        return {f"{how}_within_161": 1.0}
    return {f"{how}_same_country": 1.0} if c.country and c.country == p.country else {}


def rule_adjustment(m: "Mention", c: "Candidate", idx: int, ctx: DocContext, keys: Sequence[str], named_any: set[str],
                    relation: tuple["Candidate", str] | None) -> tuple[float, str | None]:
    """The rules' use of document context beyond the older score: a candidate in a country the
    article gives no sign of loses when another candidate lies in one it names; "X in northern Y"
    and "X near Y" pull toward Y. Returns (score change, reason or None)."""
    delta, why = 0.0, None
    if named_any and c.country and c.country not in named_any:
        delta -= 3.0
    elif named_any and c.country in named_any:
        why = f"in {c.country}, which the article names"
    if relation is not None:
        p, how = relation
        agree = _containment(c, p, how)
        if any(k.endswith(("agrees", "within_161", "=self")) for k in agree):
            delta += 2.0
            why = f"{'near' if how == 'near' else 'inside'} {p.name}"
        elif any(k.endswith(("differs", "far")) for k in agree):
            delta -= 1.5
    return delta, why
