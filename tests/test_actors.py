"""Actors of events: initiator and target, normalised to a name, a kind and a country."""

from __future__ import annotations

import pytest

from sitreps.stages.actors import CountryTable


def actors_of(record, role):
    return [a for e in record.events for a in e.actors if a.role == role]


def _first_initiator(record, *fields):
    """These fields of the record's first initiator (the test fails when there is none)."""
    init = actors_of(record, "initiator")
    assert init, "no initiator"
    return tuple(getattr(init[0], f) for f in fields)


def first_event(record, plover=None):
    events = [e for e in record.events if plover is None or e.plover == plover]
    assert events, [(e.trigger.text, e.plover) for e in record.events]
    return events[0]


@pytest.fixture(scope="module")
def countries():
    return CountryTable()


@pytest.mark.parametrize("phrase, code", [
    ("Russian", "RU"), ("Moscow", "RU"), ("the Kremlin", "RU"), ("Kyiv", "UA"), ("Ukrainian", "UA"),
    ("the United States", "US"), ("Iranian", "IR"), ("Syria", "SY"), ("Hungarian", "HU"), ("Germany", "DE"),
])
def test_country_names_demonyms_and_capitals(countries, phrase, code):
    assert countries.lookup(phrase) == code


def test_russian_forces_shelling_civilians(extract):
    text = "Russian forces shelled the city of Kharkiv overnight, killing three civilians."
    record = extract(text)
    ev = first_event(record, "FIGHT")
    init = [a for a in ev.actors if a.role == "initiator"]
    assert init and init[0].name == "Russia" and init[0].country == "RU" and init[0].kind == "state_forces"
    assert text[init[0].start : init[0].end] == init[0].text == "Russian forces"
    targets = [a for a in ev.actors if a.role == "target"]
    assert targets and targets[0].kind == "civilians"


def test_kyivs_forces_and_ukrainian_drones(extract):
    rec = extract("Kyiv's forces struck an ammunition depot in Crimea.")
    assert [a.country for a in actors_of(rec, "initiator")] == ["UA"]
    rec = extract("Ukrainian drones attacked an oil refinery in the Krasnodar region on Saturday.")
    assert _first_initiator(rec, "country", "kind") == ("UA", "state_forces")


def test_kremlin_and_moscow_are_russia(extract, extract_all):
    rec = extract_all("The Kremlin accused Ukraine of attacking a power plant.")  # one sentence: too little to judge
    ev = first_event(rec, "ACCUSE")
    roles = {a.role: a for a in ev.actors}
    assert roles["initiator"].country == "RU" and roles["initiator"].kind == "government"
    assert roles["target"].country == "UA"
    rec = extract("Moscow launched 40 missiles at Ukraine's energy grid overnight.")
    assert _first_initiator(rec, "name", "kind") == ("Russia", "state_forces")


def test_police_take_the_documents_country(extract):
    rec = extract("Police arrested 15 protesters in Nairobi, Kenya, on Saturday.")
    assert _first_initiator(rec, "kind", "country") == ("state_forces", "KE")
    targets = actors_of(rec, "target")
    assert targets and targets[0].kind == "protesters"


@pytest.mark.parametrize("text, name", [
    ("Taliban fighters clashed with Afghan security forces in the province.", "Taliban"),
    ("Islamic State militants attacked an army checkpoint near the city.", "Islamic State"),
    ("ISIS gunmen stormed a hotel in the capital.", "Islamic State"),
    ("Al-Shabaab militants overran an army outpost near the coast before dawn.", "al-Shabaab"),
    ("Boko Haram insurgents abducted 40 girls from a school.", "Boko Haram"),
    ("Hezbollah fired rockets at northern Israel on Tuesday.", "Hezbollah"),
    ("Hamas fired rockets at southern Israel on Tuesday.", "Hamas"),
])
def test_named_armed_groups(extract, text, name):
    assert _first_initiator(extract(text), "name", "kind", "country") == (name, "armed_group", None)


def test_a_demonym_inside_a_hyphenated_name_is_no_country(extract):
    rec = extract("Hundreds of farmers blocked the Pan-American Highway in Cauca on Monday to protest against crop eradication.")
    assert not [a for e in rec.events for a in e.actors if a.country == "US"]


def test_gunmen_and_villagers(extract):
    rec = extract("Gunmen attacked a village in Zamfara state on Sunday, killing 12 villagers.")
    assert _first_initiator(rec, "kind", "name") == ("armed_group", "gunmen")
    assert any(a.kind == "civilians" for a in actors_of(rec, "target"))


@pytest.mark.parametrize("text", [
    "Gang members armed with rifles raided a market town before dawn on Thursday, killing at least 20 people.",
    "Militia members stormed a village in the valley on Sunday, killing nine farmers.",
])
def test_members_of_an_armed_group_named_before_the_word_are_that_group(extract, text):
    assert _first_initiator(extract(text), "kind") == ("armed_group",)


def test_passive_agent_is_initiator(extract):
    rec = extract("A woman was killed by unidentified gunmen in the market on Friday.")
    ev = first_event(rec)
    roles = {a.role: a for a in ev.actors}
    assert roles["initiator"].kind == "armed_group"
    assert roles["target"].kind == "civilians"


def test_named_persons(extract_all):
    rec = extract_all("President Joe Biden met Chinese President Xi Jinping in Bali on Monday.")  # one sentence: too little to judge
    ev = first_event(rec, "CONSULT")
    kinds = {a.role: (a.kind, a.name) for a in ev.actors}
    assert kinds["initiator"] == ("person", "Joe Biden")
    assert kinds["target"][0] == "person" and kinds["target"][1] == "Xi Jinping"


@pytest.mark.parametrize("reaction", [
    "The prime minister condemned the bombing on Monday.",
    "Detectives are investigating the bombing, the mayor said.",
    "A court on Thursday sentenced a man to life in prison for his role in the bombing.",
])
def test_whoever_condemns_or_investigates_an_act_did_not_do_it(extract, reaction):
    rec = extract("A bomb tore through a crowded bus station in the city on Sunday, killing six people and wounding 20. " + reaction)
    assert rec.events and not actors_of(rec, "initiator"), [(a.name, a.text) for a in actors_of(rec, "initiator")]


def test_no_actor_without_evidence(extract):
    rec = extract("An explosion was heard in the city centre on Sunday evening.")
    assert rec.events  # an event with no one named as having caused it
    assert not actors_of(rec, "initiator")


def test_each_country_of_a_joint_phrase(extract):
    rec = extract("Chinese and Indian troops clashed on the disputed border on Monday.")
    assert {a.country for a in actors_of(rec, "initiator")} == {"CN", "IN"}


def test_strikes_on_a_place_hit_its_people(extract):
    rec = extract("Israeli strikes on Gaza killed 20 people overnight, the health ministry said.")
    ev = first_event(rec, "FIGHT")
    assert ev.acled_subtype == "Air/drone strike"
    roles = {a.role: a for a in ev.actors}
    assert roles["initiator"].country == "IL"
    assert roles["target"].kind == "civilians" and roles["target"].country == "PS"


# -- responsibility: an act told only as what someone claims, is accused of or denies ---------------
@pytest.mark.parametrize("text, name, stance", [
    ("The Taliban claimed responsibility for the bombing of the police checkpoint, which killed four officers.", "Taliban", "claimed"),
    ("Islamic State took credit for the suicide bombing at the wedding hall that killed dozens.", "Islamic State", "claimed"),
    ("Al-Shabaab claimed the attack on the army base, in which six soldiers died.", "al-Shabaab", "claimed"),
    ("Local officials accused the militia of the attack on the market that killed four traders.", "militia", "accused"),
    ("The governor blamed the rebels for the ambush that killed six soldiers on the highway.", "rebels", "accused"),
    ("The minister said Iran is responsible for the drone attacks on the refinery.", "Iran", "accused"),
    ("The army denied responsibility for the shelling of the village, which killed three farmers.", "army", "denied"),
])
def test_an_act_told_through_responsibility_names_its_initiator_and_how(extract, text, name, stance):
    violent = [e for e in extract(text, published="2019-01-01").events if e.acled_type or e.plover in ("FIGHT", "ASSAULT")]
    assert violent, "no violent event"
    initiators = [(a.name, a.responsibility) for a in violent[0].actors if a.role == "initiator"]
    assert (name, stance) in initiators


@pytest.mark.parametrize("text", [
    # no one claims it: no initiator, and no claim
    "No group has claimed responsibility for the bombing, which killed 12 people in the market.",
    # done, not claimed
    "Gunmen attacked the village on Monday, killing twelve people, officials said.",
])
def test_an_act_no_one_claims_carries_no_responsibility(extract, text):
    actors = [a for e in extract(text, published="2019-01-01").events for a in e.actors]
    assert all(a.responsibility is None for a in actors)
    assert "group" not in [a.name for a in actors if a.role == "initiator"]


@pytest.mark.parametrize("text", [
    "Armed men burst into a bar late on Saturday and opened fire on customers, killing seven people.",
    "Masked men set fire to a mosque in the town on Friday.",
])
def test_people_named_by_their_arms_are_an_armed_group(extract, text):
    assert _first_initiator(extract(text, published="2025-06-22"), "kind") == ("armed_group",)


@pytest.mark.parametrize("text, not_actor", [
    ("KYIV, Ukraine (AP) — Russian glide bombs struck an apartment building in Kharkiv on Friday, killing three people.", "UA"),
    ("PORT SUDAN (AFP) — A drone strike on a hospital in El Fasher killed nine patients on Saturday, the WHO said.", "SD"),
])
def test_the_city_a_story_is_filed_from_is_no_actor(extract, text, not_actor):
    events = extract(text, published="2025-06-06").events
    assert events and not [a for e in events for a in e.actors if a.role == "initiator" and a.country == not_actor]


@pytest.mark.parametrize("text, name", [
    # the dateline's city, which the parser reads as a second subject of "said", stands for no one
    ("DUBAI (AP) — Yemen's Houthi rebels said Tuesday they fired two missiles at a cargo ship in the Gulf of Aden.", "Houthis"),
    # "its forces", "its fighters": the forces of the one whose statement tells the act
    ("The U.S. military said its forces shot down four drones over the Gulf of Aden on Monday.", "United States"),
    ("Al Shabaab said its fighters carried out the attack on an army base near Mogadishu on Monday.", "al-Shabaab"),
])
def test_a_pronoun_or_a_possessive_stands_for_the_one_whose_statement_tells_the_act(extract, text, name):
    assert _first_initiator(extract(text, published="2025-11-25"), "name") == (name,)


def test_the_country_that_made_or_flags_a_thing_is_no_actor(extract):
    record = extract("Russia launched Iranian-made drones at a Liberian-flagged tanker off Odesa overnight, officials said.",
                     published="2025-11-25")
    countries = {a.country for e in record.events for a in e.actors}
    assert "RU" in countries and not countries & {"IR", "LR"}, [(a.role, a.name) for e in record.events for a in e.actors]


def test_speakers_the_parser_hung_on_a_list_are_no_targets(extract):
    # the parser joins "residents and a local official" to the army and the militias they fought
    record = extract("Rebels took the town of Kalehe on Monday after two days of fighting with the army and allied "
                     "militias, residents and a local official said.", published="2025-12-02")
    targets = {a.name for a in actors_of(record, "target")}
    assert {"army", "militias"} <= targets and not targets & {"residents", "official"}, targets


def test_a_participle_of_blame_beside_the_statement_names_the_accused(extract):
    record = extract("A drone strike on a camp near Tawila killed 11 people on Friday, a local aid group said, blaming the "
                     "Rapid Support Forces.", published="2025-12-05")
    [init] = actors_of(record, "initiator")
    assert (init.name, init.responsibility) == ("Rapid Support Forces", "accused")


def test_ground_retaken_from_a_side_makes_that_side_the_target(extract):
    record = extract("The army said on Friday it had recaptured the town of Bara from the Rapid Support Forces.", published="2025-12-05")
    assert [a.name for a in actors_of(record, "target")] == ["Rapid Support Forces"]
