"""``consolidate``: the same incident told more than once in one article becomes one event.

The events stage merges mentions it can tie by rule (a sentence's triggers, "the attack" right after
an attack, figures-only sentences). Past its window an article often tells one incident again: a
protest in five sentences, a meeting in its lead and in its last paragraph, a strike named at the
region in the lead and at the village further down. This stage decides, for every pair of events of
one record, whether they tell the same incident, with a trained model (``same_incident``, fitted by
``sitreps train same_incident`` on pairs labelled from gold: :mod:`sitreps.training.same_incident`):

1. **Pair features** (:func:`pair_features`, the one function the trainer featurises with): same
   PLOVER root / ACLED type / sub-type, same or contained place and how far apart, date agreement,
   figure agreement, shared actors, weapons and targets, how many sentences apart and whether in one
   paragraph, a definite "the attack"/"this strike" in the later one, "In a separate incident"/
   "Elsewhere", a lead that may sum up, the trigger lemma pair.
2. **Clusters**: average link over the model's probability (a pair of clusters joins when the mean
   probability over all their cross pairs is at least ``threshold``); a pair that :func:`_never`
   rules out (another family, places in other regions or towns apart, two different death counts
   unless a toll rose, a lead and the events it sums up) or :func:`kept_apart` (an event with no
   place far from the other, two injured counts, a figure told at a wider place that the finer one
   lacks, two places one clause lists) keeps the clusters apart.
3. **Merge** (:func:`merge_events`): the most specific place (finest precision, then the longest
   told); each figure from the mention that gives the largest value, kept with its own attribution;
   weapons, targets and actors of all; the most precise date; the highest confidence; every source
   (the event's ``attribution`` is the first one; each figure keeps its own). Figures are never
   added up across mentions: two mentions of one incident count it once.

Before the pairs, a violent event that only sums up others goes (:func:`without_empty_umbrellas`):
told at a region or country with no figure of its own while violent events at two or more finer
places inside it are told ("a large drone attack hit the Rostov region", then town by town). A lead
that gives a figure stays (the spec's lead rule).

A merged event takes the place in the salience order (:mod:`sitreps.text.salience`) of its most
salient mention, and the events are renumbered. With no model shipped (today), the stage joins only
what ACLED's codebook makes one event (:func:`one_acled_event`): mentions of one type at the same
town or finer place, on days that overlap, with no figure of their own that differs.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from pydantic import Field

from ..parse import sents_of, text_of
from ..contract import Context, Stage
from ..learn import model_for
from ..geo.distance import haversine_km
from ..record import TOWN_OR_FINER, Count, DateValue, Event, Location
from ..settings import StageSettings
from ..text.incident_places import lies_in
from ..text.mentions import EventAnchor
from ..text.salience import lead_end, renumber
from ..text.summary import SEPARATE as _SEPARATE
from ..text.summary import DEMONSTRATION_TYPES, VIOLENT_TYPES
from ..text.summary import summary as _summary

if TYPE_CHECKING:
    from spacy.tokens import Doc

MODEL = "same_incident"
#: place precision, finest first (a finer place is the more specific one to keep)
FINENESS = {"point": 0, "district": 1, "city": 2, "region": 3, "country": 4, "sea": 5, "unknown": 6}
_DEFINITE = re.compile(r"\b(?:the|this|that|its|their|both)\s+(?:[\w-]+\s+){0,2}$", re.I)
_TOLL = re.compile(r"\btoll\b|\brose\b|\brisen\b|\bclimbed\b", re.I)
MAX_EVENTS = 60  # pairs grow with the square: a longer list is consolidated in its first MAX_EVENTS events


class ConsolidateOptions(StageSettings):
    """``[stages.consolidate]``"""

    #: mean same-incident probability at which two clusters of events are merged (average link)
    threshold: float = Field(0.5, gt=0.0, le=1.0)


def _violent(e: Event) -> bool:
    return e.acled_type in VIOLENT_TYPES or (e.plover in ("ASSAULT", "FIGHT") and e.acled_subtype != "Disrupted weapons use")


def _family(e: Event) -> str:
    """Kinds of incident one event may tell: violence, an interception, a demonstration (a protest,
    a riot, force used on one), else the PLOVER root."""
    if e.acled_subtype == "Disrupted weapons use":
        return "disrupted"
    if _violent(e):
        return "violence"
    if e.plover == "PROTEST" or e.acled_type in DEMONSTRATION_TYPES:
        return "demonstration"
    return e.plover


def _bucket(n: float, edges: tuple[float, ...]) -> str:
    for edge in edges:
        if n <= edge:
            return f"<={edge:g}"
    return f">{edges[-1]:g}"


def _lemma(doc: "Doc", e: Event) -> str:
    span = doc.char_span(e.trigger.start, e.trigger.end, alignment_mode="expand")
    if span is None or not len(span):
        return e.trigger.text.lower()
    return span.root.lemma_.lower()


def _paragraph(text: str, start: int) -> int:
    return text.count("\n\n", 0, start)


def _overlap(x: frozenset[str], y: frozenset[str]) -> float:
    """Jaccard overlap of two name sets."""
    return len(x & y) / len(x | y) if x and y else 0.0


def _names(e: Event) -> frozenset[str]:
    return frozenset(a.name.lower() for a in e.actors if a.name)


def _place_features(a: Location | None, b: Location | None) -> dict[str, float]:
    if a is None or b is None or (a.geonames_id is None and not a.name) or (b.geonames_id is None and not b.name):
        return {"place:unknown": 1.0}
    if (a.geonames_id is not None and a.geonames_id == b.geonames_id) or (a.name and a.name == b.name):
        return {"place:same": 1.0}
    out: dict[str, float] = {}
    contained = any(x.name and y.name and x.name in (y.admin1, y.admin2, y.country) for x, y in ((a, b), (b, a)))
    if contained:
        out["place:contained"] = 1.0
    elif a.admin1 and b.admin1:
        out["place:same_admin1" if a.admin1 == b.admin1 else "place:other_admin1"] = 1.0
    if a.country and b.country and a.country != b.country:
        out["place:other_country"] = 1.0
    if None not in (a.lat, a.lon, b.lat, b.lon):
        out[f"km:{_bucket(haversine_km(a.lat, a.lon, b.lat, b.lon), (10, 50, 200, 1000))}"] = 1.0  # type: ignore[arg-type]
    return out or {"place:other": 1.0}


def _figure(a: Count | None, b: Count | None, kind: str, text: str) -> dict[str, float]:
    if a is None or b is None:
        return {f"{kind}:one" if (a or b) else f"{kind}:none": 1.0}
    if a.value == b.value:
        return {f"{kind}:same": 1.0}
    toll = bool(_TOLL.search(text[max(0, b.start - 40):b.end + 40]))
    return {f"{kind}:differ": 1.0, **({f"{kind}:differ_toll": 1.0} if toll else {})}


def pair_features(a: Event, b: Event, sa: EventAnchor, sb: EventAnchor, doc: "Doc", lead: int) -> dict[str, float]:
    """The features of the pair (``a`` told before ``b``) the ``same_incident`` model weighs.
    ``sa``/``sb`` say where each is told; ``lead`` is where the headline and lead end."""
    text = text_of(doc)
    f: dict[str, float] = {"bias": 1.0}
    fa, fb = _family(a), _family(b)
    f["same_family" if fa == fb else "other_family"] = 1.0
    if a.plover == b.plover:
        f["same_plover"] = 1.0
        f[f"same_plover={a.plover}"] = 1.0
    if a.acled_type and a.acled_type == b.acled_type:
        f["same_type"] = 1.0
    if a.acled_subtype and a.acled_subtype == b.acled_subtype:
        f["same_subtype"] = 1.0
    elif a.acled_subtype and b.acled_subtype:
        f["other_subtype"] = 1.0
    if fa == fb == "violence":
        f["both_violent"] = 1.0
    f.update(_place_features(a.location, b.location))
    if a.location and b.location and a.location.precision and b.location.precision:
        finer = FINENESS.get(b.location.precision, 6) - FINENESS.get(a.location.precision, 6)
        f["b_finer" if finer < 0 else ("b_coarser" if finer > 0 else "same_precision")] = 1.0
    da, db = a.date, b.date
    if da and db and da.start and db.start and da.precision == db.precision == "day":
        f["date:same" if da.start[:10] == db.start[:10] else "date:differ"] = 1.0
    else:
        f["date:unknown"] = 1.0
    f.update(_figure(a.fatalities, b.fatalities, "killed", text))
    f.update(_figure(a.injured, b.injured, "injured", text))
    na, nb = _names(a), _names(b)
    if na and nb:
        f["actors:overlap"] = _overlap(na, nb)
        if not na & nb:
            f["actors:disjoint"] = 1.0
    wa, wb = {w.kind for w in a.weapons}, {w.kind for w in b.weapons}
    if wa and wb:
        f["weapons:shared" if wa & wb else "weapons:disjoint"] = 1.0
    ta, tb = {t.kind for t in a.targets}, {t.kind for t in b.targets}
    if ta & tb:
        f["targets:shared"] = 1.0
    if a.attribution and b.attribution and a.attribution.source and a.attribution.source == b.attribution.source:
        f["same_source"] = 1.0
    gap = max(0, min(sb.sents or [0]) - max(sa.sents or [0]))
    f[f"sents:{_bucket(gap, (0, 1, 2, 4, 8))}"] = 1.0
    f["same_paragraph" if _paragraph(text, a.trigger.start) == _paragraph(text, b.trigger.start) else "other_paragraph"] = 1.0
    if _DEFINITE.search(text[max(0, b.trigger.start - 40):b.trigger.start]):
        f["b_definite"] = 1.0
    first_b = doc[sb.tokens[0]].sent if sb.tokens else None
    if first_b is not None and _SEPARATE.search(first_b.text):
        f["b_separate"] = 1.0
    if min(sa.start, a.trigger.start) < lead:
        f["a_in_lead"] = 1.0
    if sa.summary_of and b.id in sa.summary_of:
        f["a_sums_up_b"] = 1.0
    la, lb = _lemma(doc, a), _lemma(doc, b)
    f["same_lemma" if la == lb else "other_lemma"] = 1.0
    f[f"lemmas={'|'.join(sorted((la, lb)))}"] = 1.0
    return f


#: fine places further apart than this (km) are two incidents: ACLED codes one incident at one place
FAR_KM = 25.0


def _far(a: Location | None, b: Location | None) -> bool:
    if a is None or b is None:
        return False
    if a.admin1 and b.admin1 and a.admin1 != b.admin1 and a.country == b.country:
        return True
    if a.precision not in TOWN_OR_FINER or b.precision not in TOWN_OR_FINER or None in (a.lat, a.lon, b.lat, b.lon):
        return False
    return haversine_km(a.lat, a.lon, b.lat, b.lon) > FAR_KM  # type: ignore[arg-type]


def _never(a: Event, b: Event, sa: EventAnchor, text: str = "") -> bool:
    """Pairs that are never one incident: another family; a lead and an event it sums up; two
    places in different regions, or two towns more than :data:`FAR_KM` apart; two different death
    counts, unless the later one is a toll that rose (the same rule as the events stage's). Two
    sources that give one town the same injured count of several (:func:`_conflicting`) tell one
    incident whose dead they count differently, not a lead and a part of what it sums up."""
    if _family(a) != _family(b) or _far(a.location, b.location):
        return True
    if b.id in sa.summary_of and not _conflicting(a, b):
        return True
    ka, kb = a.fatalities, b.fatalities
    if ka is not None and kb is not None and ka.value > 0 and kb.value > 0 and ka.value != kb.value:
        return not (_TOLL.search(text[max(0, kb.start - 40):kb.end + 40]) or _conflicting(a, b))
    return False


def _conflicting(a: Event, b: Event) -> bool:
    """Two death counts of one incident that two sources give differently: each count is
    attributed to a source, not the same one, and both events tell the same injured count, of
    several people, at the same town on overlapping days ("killed at least 5 and wounded 30", a
    broadcaster said; "four killed and 30 wounded", the governor said). Two incidents at one town
    that day are not told with the same count of wounded; one source's two counts are a part and
    a whole ("2 killed" in a headline, "one died at the scene" further on)."""
    ia, ib, la, lb = a.injured, b.injured, a.location, b.location
    if ia is None or ib is None or ia.value < 2 or ia.value != ib.value or la is None or lb is None:
        return False
    sa, sb = (_claimed_by(e.fatalities) for e in (a, b))
    if sa is None or sb is None or sa == sb:
        return False
    if la.geonames_id is None or la.geonames_id != lb.geonames_id or la.precision not in TOWN_OR_FINER:
        return False
    da, db = _span(a.date), _span(b.date)
    return not (da and db and (da[1] < db[0] or db[1] < da[0]))


#: an event with no place joins another only when told within this many sentences of it
NEAR_SENTS = 2


def _placed(e: Event) -> bool:
    return e.location is not None and (e.location.geonames_id is not None or bool(e.location.name))


def kept_apart(a: Event, b: Event, sa: EventAnchor, sb: EventAnchor, text: str) -> bool:
    """Pairs the model is asked about but that are never joined: one with no place, or one with a
    death toll the other lacks, told more than :data:`NEAR_SENTS` sentences from the other (nothing
    but the model's guess ties them, and a wrong guess hands a toll to another incident); two
    different injured counts (unless the later is a toll that rose: the death counts' rule,
    :func:`_never`); a figure told at a wider place that a finer one lacks (:func:`sums_up`)."""
    if listed_apart(sa, sb):
        return True
    far = min(sb.sents or [0]) - max(sa.sents or [0]) > NEAR_SENTS
    if far and not (_placed(a) and _placed(b)):
        return True
    if far and (a.fatalities is None) != (b.fatalities is None):
        return True  # a death toll moves onto another mention only when told near it
    ia, ib = a.injured, b.injured
    if ia is not None and ib is not None and ia.value > 0 and ib.value > 0 and ia.value != ib.value \
            and not _TOLL.search(text[max(0, ib.start - 40):ib.end + 40]):
        return True
    return sums_up(a, b)


def listed_apart(sa: EventAnchor, sb: EventAnchor) -> bool:
    """Two events the events stage made of one clause that lists places ("Darivka was struck, as
    was the regional capital"): ACLED's one event per place, however near the places lie."""
    return sa.place is not None and sb.place is not None and sa.place != sb.place and sa.sents == sb.sents


def without_empty_umbrellas(events: list[Event]) -> list[Event]:
    """``events`` without the violent events that only sum up others: told at a region or country,
    with no figure of their own, while violent events at two or more finer places inside it are
    told too ("a large drone attack hit the Rostov region" … then town by town). ACLED codes the
    towns; the umbrella would count their incidents twice, and it has no figure to lose (a lead
    that gives one stays, the spec's lead rule)."""
    out = []
    for e in events:
        loc = e.location
        if _violent(e) and e.fatalities is None and e.injured is None and loc is not None and loc.precision in ("region", "country"):
            inside = {o.location.geonames_id for o in events
                      if o is not e and _violent(o) and o.location is not None and o.location.geonames_id is not None
                      and FINENESS.get(o.location.precision, 6) < FINENESS[loc.precision] and lies_in(o.location, loc)}
            if len(inside) >= 2:
                continue
        out.append(e)
    return out


def sums_up(a: Event, b: Event) -> bool:
    """One of the two is told at a wider place that holds the other's and gives a figure the finer
    one does not ("strikes across the region wounded nobody" … "a drone hit the village"): the
    wider one may sum up more than this incident, so it stays its own event with its figure (the
    spec's lead rule) rather than lend the figure to the village's incident."""
    la, lb = a.location, b.location
    if la is None or lb is None or la.precision == lb.precision or (la.geonames_id is not None and la.geonames_id == lb.geonames_id):
        return False
    wide, fine = (a, b) if FINENESS.get(la.precision, 6) > FINENESS.get(lb.precision, 6) else (b, a)
    return any(getattr(wide, k) is not None and getattr(fine, k) is None for k in ("fatalities", "injured"))


def _span(d: "DateValue | None") -> tuple[str, str] | None:
    if d is None or not d.told:  # a publication date put in for no date told is no date
        return None
    return d.start[:10], (d.end or d.start)[:10]


def _figures(e: Event) -> tuple[int | None, int | None]:
    return (e.fatalities.value if e.fatalities else None, e.injured.value if e.injured else None)


#: how severe a demonstration's sub-event type is (ACLED codes the most severe of a location-day)
SEVERITY = {"Peaceful protest": 1, "Protest with intervention": 2, "Excessive force against protesters": 3,
            "Violent demonstration": 4, "Mob violence": 4}


def _acled_kind(e: Event) -> str | None:
    """The event's ACLED type, a protest and a riot as one demonstration (one event per location-day)."""
    return "demonstration" if e.acled_type in DEMONSTRATION_TYPES else e.acled_type


def one_acled_event(a: Event, b: Event) -> bool:
    """Two mentions ACLED would code as one event (its codebook: one type, one location, one day):
    the same type (a protest and a riot are one demonstration) at the same town or finer place, on
    days that overlap (or one undated), and no figure that the other contradicts (a killed or an
    injured count that both give and that differs). "Israeli
    airstrikes on Damascus on Thursday killed 15" … "SANA reported blasts in Damascus"; "the air
    attack on the market" … "this week's bombings". Used when no ``same_incident`` model ships."""
    la, lb = a.location, b.location
    if a.acled_type is None or _acled_kind(a) != _acled_kind(b) or la is None or lb is None:
        return False
    if la.geonames_id is None or la.geonames_id != lb.geonames_id or la.precision not in TOWN_OR_FINER or la.near or lb.near:
        return False  # a place an event is only near (its own is not in the gazetteer) may hold others
    da, db = _span(a.date), _span(b.date)
    if da and db and (da[1] < db[0] or db[1] < da[0]):
        return False
    fa, fb = _figures(a), _figures(b)
    # no figure the other contradicts, unless its sources disagree on the dead of one incident
    return all(x is None or y is None or x == y for x, y in zip(fa, fb)) or _conflicting(a, b)


def cluster(n: int, prob: dict[tuple[int, int], float], threshold: float) -> list[list[int]]:
    """Average-link clusters of ``n`` items (``prob[(i, j)]``, i < j, absent = 0); each cluster in
    item order, clusters in the order of their first item."""
    clusters = [[i] for i in range(n)]
    while True:
        best, pair = threshold, None
        for x in range(len(clusters)):
            for y in range(x + 1, len(clusters)):
                ps = [prob.get((min(i, j), max(i, j)), 0.0) for i in clusters[x] for j in clusters[y]]
                if min(ps) <= 0.0:
                    continue  # a pair ruled out keeps the two clusters apart
                mean = sum(ps) / len(ps)
                if mean >= best:
                    best, pair = mean, (x, y)
        if pair is None:
            return sorted((sorted(c) for c in clusters), key=lambda c: c[0])
        x, y = pair
        clusters[x] = clusters[x] + clusters[y]
        del clusters[y]


def _claimed_by(count: Count | None) -> str | None:
    source = count.attribution.source if count is not None and count.attribution is not None else None
    return source.lower() if source else None


def _best_count(counts: list[Count | None], text: str = "") -> Count | None:
    """The merged event's figure: the highest when one mention tells a toll that rose, else the
    lowest (ACLED's rule when sources disagree); the other values in ``others``, once each."""
    given = [c for c in counts if c is not None]
    if not given:
        return None
    positive = [c for c in given if c.value > 0]
    if not positive:
        return given[0]
    rose = any(_TOLL.search(text[max(0, c.start - 40):c.end + 40]) for c in positive)
    best = max(positive, key=lambda c: c.value) if rose else min(positive, key=lambda c: c.value)
    others: dict[int, Count] = {}
    for c in positive:
        for o in (c, *c.others):
            if o.value != best.value:
                others.setdefault(o.value, replace(o, others=[]))
    return replace(best, others=[others[v] for v in sorted(others)])


def merge_events(events: list[Event], anchors: list[EventAnchor], text: str = "") -> tuple[Event, EventAnchor]:
    """One event for mentions of one incident (in the order told; the first keeps its id)."""
    first = events[0]
    located = [e for e in events if e.location is not None and (e.location.geonames_id is not None or e.location.name)]
    location = min(located, key=lambda e: (FINENESS.get(e.location.precision, 6), -len(e.location.name or "")),  # type: ignore[union-attr]
                   ).location if located else first.location
    dated = [e.date for e in events if e.date is not None and e.date.start]
    date = min(dated, key=lambda d: ({"day": 0, "week": 1, "month": 2, "year": 3}.get(d.precision, 4), d.note is not None)) if dated else first.date
    main = max(events, key=lambda e: (e.acled_subtype is not None, SEVERITY.get(e.acled_subtype or "", 0), e.confidence))
    killed = _best_count([e.fatalities for e in events], text)
    injured = _best_count([e.injured for e in events], text)
    weapons, intercepted, targets, actors = [], [], [], []
    seen: set[tuple[str, ...]] = set()
    for e in events:
        for w in e.weapons:
            if ("w", w.kind) not in seen:
                seen.add(("w", w.kind))
                weapons.append(w)
        for w in e.intercepted:
            if ("i", w.kind) not in seen:
                seen.add(("i", w.kind))
                intercepted.append(w)
        for t in e.targets:
            if ("t", t.kind, t.text.lower()) not in seen:
                seen.add(("t", t.kind, t.text.lower()))
                targets.append(t)
        for a in e.actors:
            if ("a", a.role, a.name) not in seen:
                seen.add(("a", a.role, a.name))
                actors.append(a)
    attribution = next((e.attribution for e in events if e.attribution is not None), None)
    place = (location.name or location.text or "") if location is not None else ""
    merged = replace(first, plover=main.plover, acled_type=main.acled_type, acled_subtype=main.acled_subtype,
                     trigger=main.trigger, date=date, location=location, actors=actors, fatalities=killed, injured=injured,
                     weapons=weapons, intercepted=intercepted, targets=targets, attribution=attribution,
                     confidence=max(e.confidence for e in events),
                     summary=_summary(main.acled_subtype or main.plover.title(), place, killed, injured, intercepted))
    ids = {e.id for e in events}
    anchor = EventAnchor(sents=sorted({s for a in anchors for s in a.sents}), tokens=sorted({t for a in anchors for t in a.tokens}),
                         start=anchors[0].start, end=anchors[0].end,
                         summary_of=[s for a in anchors for s in a.summary_of if s not in ids])
    return merged, anchor


def candidate_pairs(events: list[Event], anchors: dict[str, EventAnchor], doc: "Doc") -> list[tuple[int, int, dict[str, float] | None]]:
    """Every pair (i, j), i told before j, of the first :data:`MAX_EVENTS` events in the order told,
    with its features, or None for a pair :func:`_never` rules out. ``events`` must be in that order."""
    lead = lead_end(text_of(doc), [(s.start_char, s.end_char) for s in sents_of(doc)])
    out = []
    n = min(len(events), MAX_EVENTS)
    for i in range(n):
        for j in range(i + 1, n):
            a, b = events[i], events[j]
            sa, sb = anchors.get(a.id, EventAnchor()), anchors.get(b.id, EventAnchor())
            out.append((i, j, None if _never(a, b, sa, text_of(doc)) else pair_features(a, b, sa, sb, doc, lead)))
    return out


def told_order(events: list[Event], anchors: dict[str, EventAnchor]) -> list[Event]:
    """``events`` in the order the article first tells them."""
    def first(e: Event) -> int:
        a = anchors.get(e.id)
        return min(a.start, e.trigger.start) if a is not None and a.end > a.start else e.trigger.start
    return sorted(events, key=lambda e: (first(e), e.trigger.start))


class ConsolidateStage(Stage):
    name = "consolidate"
    reads = ("doc", "document", "events", "anchors")
    #: the anchors are re-keyed with the events (the ``salience`` stage after this one reads them)
    writes = ("events", "anchors")
    Options = ConsolidateOptions

    def __call__(self, ctx: Context) -> None:
        events, anchors, doc, doc_id = ctx.events or [], dict(ctx.anchors or {}), ctx.doc, ctx.document.id
        ctx.events, ctx.anchors = events, anchors  # unchanged unless two events tell one incident
        kept = without_empty_umbrellas(events)
        if len(kept) < len(events):
            events, anchors = renumber(kept, anchors, doc_id)
            ctx.events, ctx.anchors = events, anchors
        if len(events) < 2:
            return
        model = model_for(MODEL, ctx.text)
        ordered = told_order(events, anchors)
        if model is None:  # ACLED's own rule: one type, one place, one day, nothing that tells them apart
            n = min(len(ordered), MAX_EVENTS)
            prob = {(i, j): 1.0 for i in range(n) for j in range(i + 1, n) if one_acled_event(ordered[i], ordered[j])
                    and not _never(ordered[i], ordered[j], anchors.get(ordered[i].id, EventAnchor()), text_of(doc))
                    and not listed_apart(anchors.get(ordered[i].id, EventAnchor()), anchors.get(ordered[j].id, EventAnchor()))}
            if not prob:
                return
        else:
            prob = {(i, j): model.probability(f) for i, j, f in candidate_pairs(ordered, anchors, doc)
                    if f is not None and not kept_apart(ordered[i], ordered[j], anchors.get(ordered[i].id, EventAnchor()),
                                                       anchors.get(ordered[j].id, EventAnchor()), text_of(doc))}
        groups = cluster(len(ordered), prob, self.options.threshold)
        if len(groups) == len(ordered):
            return
        out: list[Event] = []
        new_anchors: dict[str, EventAnchor] = {}
        renamed: dict[str, str] = {}
        rank = {e.id: i for i, e in enumerate(events)}  # the salience order the events stage gave
        groups.sort(key=lambda g: min(rank[ordered[i].id] for i in g))
        for g in groups:
            evs = [ordered[i] for i in g]
            if len(evs) == 1:
                ev, anchor = evs[0], anchors.get(evs[0].id, EventAnchor())
            else:
                ev, anchor = merge_events(evs, [anchors.get(e.id, EventAnchor()) for e in evs], text_of(doc))
            out.append(ev)
            new_anchors[ev.id] = anchor
            renamed.update({e.id: ev.id for e in evs})
        for eid, anchor in new_anchors.items():  # a lead sums up the merged event, under its kept id
            if anchor.summary_of:
                new_anchors[eid] = replace(anchor, summary_of=list(dict.fromkeys(renamed.get(s, s) for s in anchor.summary_of if renamed.get(s, s) != eid)))
        ctx.events, ctx.anchors = renumber(out, new_anchors, doc_id)  # an incident ranks where its most salient mention ranked
