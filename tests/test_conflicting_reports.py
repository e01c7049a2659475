"""Sources that disagree, and sides that take turns: one incident whose dead two sources count
differently is one event that keeps both figures; an act of the other side named after "after"
is an earlier act, which lends the act told with it no date, place or actor."""

from __future__ import annotations

import pytest

from sitreps.record import Attribution, Count, Event, Location, Trigger
from sitreps.stages.consolidate import _conflicting
from sitreps.text.incident_places import answered, other_sides

TWO_SOURCES = ("Missile strikes on the port city of Odesa killed at least 5 people and wounded 30, a regional "
               "broadcaster said on Monday.\n\n"
               "The governor said four people were killed and 30 wounded when missiles hit Odesa.")


def test_two_sources_that_count_one_strikes_dead_differently_give_one_event_with_both_figures(extract):
    events = extract(TWO_SOURCES, published="2024-03-12").events
    assert len(events) == 1
    killed = events[0].fatalities
    assert (killed.value, killed.attribution.source) == (4, "governor")  # the lowest, ACLED's rule when sources disagree
    assert [(o.value, o.qualifier, o.attribution.source) for o in killed.others] == [(5, "at_least", "regional broadcaster")]
    assert TWO_SOURCES[killed.others[0].start:killed.others[0].end] == killed.others[0].text
    assert events[0].injured.value == 30


def _event(eid: str, killed: int, injured: int | None, source: str | None, place: int = 1) -> Event:
    location = Location(name="Town", text="Town", start=0, end=4, geonames_id=place, lat=46.0, lon=30.0 + place, country="UA",
                        admin1="Odesa", precision="city")
    said = Attribution(source=source, source_role=None, text=None, start=None, end=None) if source else None
    return Event(id=eid, plover="FIGHT", acled_type="Explosions/Remote violence", acled_subtype="Shelling/artillery/missile attack",
                 summary="", trigger=Trigger("strike", 0, 6), location=location,
                 fatalities=Count(value=killed, qualifier="exact", text="killed", start=0, end=6, attribution=said),
                 injured=Count(value=injured, qualifier="exact", text="wounded", start=0, end=7) if injured is not None else None)


@pytest.mark.parametrize("a, b, same", [
    (_event("e1", 5, 30, "broadcaster"), _event("e2", 4, 30, "governor"), True),
    (_event("e1", 5, 30, "governor"), _event("e2", 4, 30, "Governor"), False),  # one source: a part and a whole
    (_event("e1", 5, 30, "broadcaster"), _event("e2", 4, None, "governor"), False),  # nothing else ties them
    (_event("e1", 5, 1, "broadcaster"), _event("e2", 4, 1, "governor"), False),  # one wounded is too common to tell
    (_event("e1", 5, 30, "broadcaster"), _event("e2", 4, 30, None), False),  # a figure nobody claims
    (_event("e1", 5, 30, "broadcaster"), _event("e2", 4, 30, "governor", place=2), False),  # two towns
])
def test_only_two_sources_telling_the_same_wounded_at_one_town_disagree_on_one_incident(a, b, same):
    assert _conflicting(a, b) is same


@pytest.mark.parametrize("sentence, act, earlier", [
    ("The army shelled the village after a raid by the militia on its base.", "raid", True),
    ("The army shelled the village following the militia's raid on its base.", "raid", True),
    ("The militia shelled the village after a raid by the militia on its base.", "raid", False),  # one side's acts
    ("Five people were killed after a raid by the militia on the village.", "raid", False),  # the raid's own toll
    ("The army shelled the village after a raid on its base.", "raid", False),  # nobody named: maybe the same act
])
def test_an_act_of_another_side_named_after_after_is_an_earlier_act(extractor, sentence, act, earlier):
    tok = next(t for t in extractor.nlp(sentence) if t.text == act)
    assert other_sides(tok) is earlier
    assert not answered(tok)  # not an act an answer names: it may be told nowhere else, and keeps its place


def test_the_other_sides_earlier_act_dates_nothing_of_the_strike_it_is_told_with(extract_all):
    text = ("Air strikes on the port city of Mukalla killed four people and wounded 20, a local television station "
            "said on Sunday.\n\n"
            "Earlier, on Saturday, the army said it had struck militant targets near Mukalla after a deadly drone "
            "attack by the militants the day before.")
    (strike,) = extract_all(text, published="2024-07-21").events
    assert (strike.location.name, strike.date.start) == ("Mukalla", "2024-07-20")  # not the day before Saturday


def test_the_other_sides_act_at_its_own_place_is_its_own_event(extract_all):
    text = "Israeli jets struck targets in Gaza on Monday after a rocket attack by Hamas on Sderot, the army said."
    events = {e.location.name: e for e in extract_all(text, published="2024-03-12").events}
    assert set(events) == {"Gaza", "Sderot"}
    assert [a.name for a in events["Gaza"].actors if a.role == "initiator"] == ["Israel"]
    assert [a.name for a in events["Sderot"].actors if a.role == "initiator"] == ["Hamas"]
