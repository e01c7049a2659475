"""The consolidate stage: one event per incident within an article, with its most specific place,
every source and every figure counted once."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sitreps.contract import Context
from sitreps.learn import LinearModel
from sitreps.record import Attribution, Count, DateValue, Document, Event, Location, Trigger, Weapon
from sitreps.settings import load_settings
from sitreps.stages import consolidate as cons
from sitreps.text.mentions import EventAnchor
from sitreps.training.same_incident import _scores, _token_spans

TEXT = ("Rockets hit the Kharkiv region on Monday, killing two people, the governor said.\n\n"
        "Officials met in Kyiv to discuss grain exports.\n\n"
        "The strike destroyed a school in Chuhuiv, and the death toll rose to three, police said.")


def _event(eid: str, trigger: str, plover: str, acled: str | None, sub: str | None, place: Location | None,
           killed: int | None = None, source: str | None = None) -> Event:
    start = TEXT.index(trigger)
    fatalities = None
    if killed is not None:
        at = TEXT.index({2: "two", 3: "three"}[killed])
        fatalities = Count(value=killed, qualifier="exact", text=TEXT[at:at + 5], start=at, end=at + 5,
                           attribution=Attribution(source=source, source_role=None, text=None, start=None, end=None))
    return Event(id=eid, plover=plover, acled_type=acled, acled_subtype=sub, summary="", trigger=Trigger(trigger, start, start + len(trigger)),
                 location=place, fatalities=fatalities, confidence=0.7,
                 weapons=[Weapon(kind="rocket", count=None, qualifier=None, text="Rockets", start=0, end=7)] if eid.endswith("1") else [])


REGION = Location(name="Kharkiv Oblast", text="Kharkiv region", start=16, end=30, admin1="Kharkiv Oblast", country="UA", precision="region")
TOWN = Location(name="Chuhuiv", text="Chuhuiv", start=TEXT.index("Chuhuiv"), end=TEXT.index("Chuhuiv") + 7,
                admin1="Kharkiv Oblast", country="UA", precision="city", lat=49.83, lon=36.68)
KYIV = Location(name="Kyiv", text="Kyiv", start=TEXT.index("Kyiv"), end=TEXT.index("Kyiv") + 4, admin1="Kyiv City", country="UA", precision="city")


@pytest.fixture(scope="module")
def doc(extractor):
    return extractor.nlp(TEXT)


def _context(doc):
    events = [
        _event("d#e1", "hit", "FIGHT", "Explosions/Remote violence", "Shelling/artillery/missile attack", REGION, 2, "the governor"),
        _event("d#e2", "met", "CONSULT", None, None, KYIV),
        _event("d#e3", "strike", "FIGHT", "Explosions/Remote violence", "Shelling/artillery/missile attack", TOWN, 3, "police"),
    ]
    sents = list(doc.sents)
    anchors = {}
    for e in events:
        si = next(i for i, s in enumerate(sents) if s.start_char <= e.trigger.start < s.end_char)
        tok = next(t.i for t in doc if t.idx == e.trigger.start)
        anchors[e.id] = EventAnchor(sents=[si], tokens=[tok], start=sents[si].start_char, end=sents[si].end_char)
    ctx = Context.start(doc, Document(id="d", text=TEXT), None, load_settings())
    ctx.events, ctx.anchors = events, anchors
    return ctx


def _always(same: float) -> LinearModel:
    """A model that gives every pair it is asked about the probability ``same``."""
    import math
    margin = math.log(same / (1 - same))
    return LinearModel({"name": "same_incident", "kind": "binary", "classes": ["False", "True"],
                        "features": ["bias"], "coef": [[margin]], "intercept": [0.0]})


def _run(ctx, model, monkeypatch, extractor):
    monkeypatch.setattr(cons, "model_for", lambda name, text: model)
    stage = cons.ConsolidateStage(load_settings(), extractor.nlp)
    stage(ctx)
    return ctx.events


def test_same_incident_told_twice_becomes_one_event_at_the_finer_place(doc, monkeypatch, extractor):
    events = _run(_context(doc), _always(0.9), monkeypatch, extractor)
    assert len(events) == 2  # the meeting is another kind of incident: never merged with the strike
    strike = next(e for e in events if e.plover == "FIGHT")
    assert strike.location.name == "Chuhuiv"  # the most specific place told
    # the toll that rose, with its own source: counted once, never added up (not 5)
    assert strike.fatalities.value == 3 and strike.fatalities.attribution.source == "police"
    assert [w.kind for w in strike.weapons] == ["rocket"]  # what each mention told is kept
    assert strike.attribution is None or strike.attribution.source in ("the governor", "police")
    assert [e.id for e in events] == ["d#e1", "d#e2"]  # renumbered in salience order


def test_a_model_that_says_different_leaves_the_events_apart(doc, monkeypatch, extractor):
    ctx = _context(doc)
    events = _run(ctx, _always(0.2), monkeypatch, extractor)
    assert len(events) == 3
    assert {e.location.name for e in events} == {"Kharkiv Oblast", "Kyiv", "Chuhuiv"}


def test_without_a_shipped_model_events_acled_would_not_join_stay_apart(doc, monkeypatch, extractor):
    ctx = _context(doc)  # a region and a town, another kind of incident: none is one place and one type
    before = list(ctx.events)
    assert _run(ctx, None, monkeypatch, extractor) == before


def _dated(e: Event, day: str | None, precision: str = "day", end: str | None = None) -> Event:
    return replace(e, date=DateValue(start=day, end=end or day, precision=precision, text=day, start_char=None, end_char=None) if day else None)


def test_without_a_model_one_type_one_town_one_day_is_one_event(doc, monkeypatch, extractor):
    # ACLED codes one event per type, place and day: a later mention there with no figure of its own joins it
    ctx = _context(doc)
    town = replace(TOWN, geonames_id=706000)
    first, meeting, _ = ctx.events
    first = _dated(replace(first, location=town), "2024-06-03")
    again = _dated(replace(first, id="d#e3", trigger=ctx.events[2].trigger, fatalities=None), "2024-06-03", "week", "2024-06-09")
    ctx.events = [first, meeting, again]
    events = _run(ctx, None, monkeypatch, extractor)
    assert len(events) == 2
    strike = next(e for e in events if e.plover == "FIGHT")
    assert strike.fatalities.value == 2 and strike.date.precision == "day"


@pytest.mark.parametrize("change", ["killed", "day", "region", "type"])
def test_without_a_model_what_tells_two_incidents_apart_keeps_them_apart(doc, monkeypatch, extractor, change):
    ctx = _context(doc)
    town = replace(TOWN, geonames_id=706000)
    first, meeting, third = ctx.events
    first = _dated(replace(first, location=town), "2024-06-03")
    again = _dated(replace(first, id="d#e3", trigger=third.trigger, fatalities=None), "2024-06-03")
    if change == "killed":  # a death count of its own that differs
        again = replace(again, fatalities=third.fatalities)
    elif change == "day":
        again = _dated(again, "2024-06-05")
    elif change == "region":  # a region holds many incidents
        first, again = (replace(e, location=replace(REGION, geonames_id=706482)) for e in (first, again))
    else:
        again = replace(again, acled_type="Battles", acled_subtype="Armed clash")
    ctx.events = [first, meeting, again]
    assert len(_run(ctx, None, monkeypatch, extractor)) == 3


def test_a_lead_that_sums_up_an_event_stays_apart_from_it(doc, monkeypatch, extractor):
    ctx = _context(doc)
    ctx.anchors["d#e1"].summary_of.append("d#e3")
    events = _run(ctx, _always(0.9), monkeypatch, extractor)
    assert len(events) == 3


def test_two_different_death_counts_or_two_distant_towns_are_two_incidents(doc, monkeypatch, extractor):
    ctx = _context(doc)
    a, _, b = ctx.events
    assert not cons._never(a, b, ctx.anchors[a.id], TEXT)  # "the death toll rose to three": an update
    plain = TEXT.replace("the death toll rose to three", "three more were killed there")
    assert cons._never(a, b, ctx.anchors[a.id], plain)
    far = Location(name="Odesa", text="Odesa", start=0, end=5, admin1="Odesa Oblast", country="UA", precision="city", lat=46.48, lon=30.72)
    assert cons._never(replace(a, location=far, fatalities=None), b, ctx.anchors[a.id], TEXT)
    near = replace(TOWN, name="Chuhuiv district", lat=49.85, lon=36.70, precision="district")
    assert not cons._never(replace(a, location=near), b, ctx.anchors[a.id], TEXT)


def test_pair_features_read_place_figures_and_anaphora(doc):
    ctx = _context(doc)
    a, _, b = ctx.events
    f = cons.pair_features(a, b, ctx.anchors[a.id], ctx.anchors[b.id], doc, lead=TEXT.index("Officials"))
    assert f["place:contained"] == 1.0 and f["b_finer"] == 1.0  # Chuhuiv lies in the Kharkiv region
    assert f["killed:differ"] == 1.0 and f["killed:differ_toll"] == 1.0 and f["same_subtype"] == 1.0
    assert f["b_definite"] == 1.0  # "The strike …"
    assert f["a_in_lead"] == 1.0 and f["sents:<=2"] == 1.0  # two sentences on
    assert cons._never(a, ctx.events[1], ctx.anchors[a.id])  # a strike and a meeting


def test_average_link_needs_the_whole_cluster_to_agree():
    # 0-1 and 1-2 look alike, but 0-2 does not: average link keeps 2 out of {0, 1}
    prob = {(0, 1): 0.9, (1, 2): 0.6, (0, 2): 0.1}
    assert cons.cluster(3, prob, 0.5) == [[0, 1], [2]]
    # a pair ruled out (absent) is never merged, whatever its neighbours say
    assert cons.cluster(3, {(0, 1): 0.9, (1, 2): 0.9}, 0.5) in ([[0, 1], [2]], [[0], [1, 2]])


def test_ecbplus_tokens_are_found_in_the_text_and_pair_scores_count():
    doc = {"text": "Police said a man was shot.\nHe died.", "tokens": [
        {"t_id": 1, "sentence": 0, "text": "Police"}, {"t_id": 2, "sentence": 0, "text": "shot"},
        {"t_id": 3, "sentence": 1, "text": "died"}]}
    spans = _token_spans(doc)
    assert doc["text"][slice(*spans[2])] == "shot" and doc["text"][slice(*spans[3])] == "died"
    s = _scores([0.9, 0.8, 0.1], [True, False, True])
    assert (s["precision"], s["recall"]) == (0.5, 0.5)


def test_a_figure_told_at_the_wider_place_is_not_lent_to_the_village(doc, monkeypatch, extractor):
    # the region's mention gives a toll the town's does not: the region may sum up more than the
    # town's incident, so the two stay apart and the town's event gets no figure it did not tell
    ctx = _context(doc)
    region, meeting, town = ctx.events
    ctx.events = [region, meeting, replace(town, fatalities=None)]
    assert cons.sums_up(region, ctx.events[2])
    events = _run(ctx, _always(0.9), monkeypatch, extractor)
    assert len(events) == 3
    assert next(e for e in events if e.location is TOWN).fatalities is None


def _at(name: str, precision: str, admin1: str, gid: int) -> Location:
    return Location(name=name, text=name, start=0, end=len(name), admin1=admin1, country="RU", precision=precision,
                    geonames_id=gid, lat=47.0, lon=39.0)


def _violent_at(eid: str, place: Location, killed: int | None = None) -> Event:
    fatalities = Count(value=killed, qualifier="exact", text="two", start=0, end=3) if killed is not None else None
    return Event(id=eid, plover="FIGHT", acled_type="Explosions/Remote violence", acled_subtype="Air/drone strike", summary="",
                 trigger=Trigger("hit", 0, 3), location=place, fatalities=fatalities, confidence=0.9)


def test_a_lead_with_no_figure_over_towns_told_one_by_one_is_no_event_of_its_own():
    region = _at("Rostov", "region", "Rostov", 1)
    towns = [_violent_at("d#e2", _at("Bataysk", "city", "Rostov", 2)), _violent_at("d#e3", _at("Nedvigovka", "city", "Rostov", 3))]
    assert cons.without_empty_umbrellas([_violent_at("d#e1", region)] + towns) == towns
    # a lead that gives a figure keeps it (the spec's lead rule); one town inside is the same incident's, not an umbrella
    assert len(cons.without_empty_umbrellas([_violent_at("d#e1", region, killed=2)] + towns)) == 3
    assert len(cons.without_empty_umbrellas([_violent_at("d#e1", region), towns[0]])) == 2
    # towns of another region are not inside it
    elsewhere = [_violent_at("d#e4", _at("Bryansk", "city", "Bryansk", 4)), _violent_at("d#e5", _at("Klintsy", "city", "Bryansk", 5))]
    assert len(cons.without_empty_umbrellas([_violent_at("d#e1", region)] + elsewhere)) == 3


def test_a_publication_date_put_in_for_want_of_one_does_not_keep_a_mention_apart():
    town = replace(TOWN, geonames_id=706000)
    first = _dated(_event("d#e1", "hit", "FIGHT", "Explosions/Remote violence", "Shelling/artillery/missile attack", town, 2), "2024-06-03")
    later = replace(_event("d#e3", "strike", "FIGHT", "Explosions/Remote violence", "Shelling/artillery/missile attack", town),
                    date=DateValue(start="2024-06-04", end="2024-06-05", precision="day", text=None, start_char=None, end_char=None,
                                   note="publication date used: no date expression in the text"))
    assert cons.one_acled_event(first, later)
    told = replace(later, date=replace(later.date, start="2024-06-05", text="on Wednesday", note=None))
    assert not cons.one_acled_event(first, told)  # a day the text gives, another day: two incidents


def _demo_at(eid: str, acled: str, sub: str, place: Location, killed: int | None = None, injured: int | None = None) -> Event:
    def count(v: int | None) -> Count | None:
        return Count(value=v, qualifier="exact", text="one", start=0, end=3) if v is not None else None
    return Event(id=eid, plover="PROTEST", acled_type=acled, acled_subtype=sub, summary="", trigger=Trigger("clash", 0, 5),
                 location=place, fatalities=count(killed), injured=count(injured), confidence=0.9)


def test_a_protest_and_a_riot_at_one_place_and_day_are_one_acled_event_of_the_more_severe_type():
    # a marcher who died when a rally turned violent, and a later line on a marcher hurt by police
    # batons, in one town on one day: ACLED codes one demonstration per location-day
    town = _at("Khulna", "city", "Khulna", 7)
    riot = _demo_at("d#e1", "Riots", "Violent demonstration", town, killed=1)
    force = _demo_at("d#e2", "Protests", "Excessive force against protesters", town, injured=1)
    assert cons.one_acled_event(riot, force)
    merged, _ = cons.merge_events([force, riot], [EventAnchor(), EventAnchor()])
    assert merged.acled_subtype == "Violent demonstration" and merged.fatalities.value == 1
    # a figure the other contradicts keeps two incidents apart; another town is another event
    assert not cons.one_acled_event(riot, _demo_at("d#e3", "Riots", "Violent demonstration", town, killed=2))
    assert not cons.one_acled_event(riot, replace(force, location=_at("Dhaka", "city", "Dhaka", 8)))
