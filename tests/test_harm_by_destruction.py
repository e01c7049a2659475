"""An arson or a looting that kills or hurts people is an attack on them (ACLED codes property
destruction only where no other violence occurs), told as one event with its toll; "lost their
lives" is a death, and "a man aged 53" one man."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, trigger, killed", [
    ("Gunmen set fire to several houses in Kangpokpi on Monday, killing two farmers, police said.", "set fire", 2),
    ("Two farmers lost their lives when gunmen set fire to several houses in Kangpokpi on Monday, police said.", "set fire", 2),
    ("Bandits torched a bus near Kaduna on Monday, killing three passengers.", "torched", 3),
])
def test_a_destruction_that_killed_people_is_one_attack_with_its_toll(extract, text, trigger, killed):
    events = extract(text, published="2024-03-12").events
    assert [(e.acled_type, e.acled_subtype, e.trigger.text, e.fatalities.value) for e in events] == \
        [("Violence against civilians", "Attack", trigger, killed)]


def test_a_destruction_that_harmed_no_one_stays_property_destruction(extract):
    events = extract("Bandits torched a bus near Kaduna on Monday. No one was hurt, police said.", published="2024-03-12").events
    assert [(e.acled_subtype, e.trigger.text) for e in events] == [("Looting/property destruction", "torched")]


def test_another_violent_act_beside_the_arson_keeps_its_own_event(extract_all):
    events = extract_all("Gunmen shot dead two farmers and set fire to several houses in Kangpokpi on Monday.", published="2024-03-12").events
    assert {(e.acled_subtype, e.trigger.text) for e in events} == {("Attack", "shot"), ("Looting/property destruction", "set fire")}
    assert next(e for e in events if e.trigger.text == "shot").fatalities.value == 2


@pytest.mark.parametrize("text, killed", [
    ("Four soldiers lost their lives in the ambush near the border, the army said.", 4),
    ("Shells hit the market on Friday. A woman aged 61 lost her life, the mayor said.", 1),
    ("Shells hit the market on Friday. A woman aged 61 died in hospital, the mayor said.", 1),
])
def test_losing_ones_life_is_dying_and_an_age_is_no_count(extract, text, killed):
    events = extract(text, published="2024-03-12").events
    assert events and events[0].fatalities is not None and events[0].fatalities.value == killed


def test_losing_money_or_ground_is_no_death(extract):
    events = extract("Rebels lost ground near the border, and the company lost millions in the fighting, the army said.",
                     published="2024-03-12").events
    assert all(e.fatalities is None for e in events)
