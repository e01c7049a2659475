"""The events stage: incidents from triggers and figures, merged the ACLED way."""

from __future__ import annotations

import pytest

from sitreps.record import Event

ARTICLE = """KHARKIV, Ukraine — Russian strikes on the city killed at least four people and wounded 19 others overnight, the regional governor said on Thursday.

In the Saltivskyi district, a guided bomb hit a five-storey apartment block, killing three people and wounding 11, emergency services said.

In the Kyivskyi district, a drone struck a warehouse, killing one worker. Fragments also damaged a power substation.

Air defences shot down 12 of the 15 drones launched at the region, the air force said.

The two sides plan to meet in Geneva next month to discuss a prisoner exchange.
"""


def violent(events: list[Event]) -> list[Event]:
    return [e for e in events if e.acled_subtype != "Disrupted weapons use" and e.plover in ("FIGHT", "ASSAULT")]


def killing(events: list[Event], n: int) -> Event:
    """The one violent event with ``n`` killed."""
    (e,) = [e for e in violent(events) if e.fatalities is not None and e.fatalities.value == n]
    return e


def test_lead_and_detailed_incidents_are_separate_events(extract):
    rec = extract(ARTICLE)
    v = violent(rec.events)
    killed = [e.fatalities.value if e.fatalities else None for e in v]
    assert killed[0] == 4 and sorted(killed[1:3]) == [1, 3]  # the lead is the main incident (events[0])
    assert v[0] is rec.events[0]
    assert v[0].fatalities.qualifier == "at_least"
    assert v[0].injured.value == 19 and killing(rec.events, 3).injured.value == 11


def test_figures_keep_their_evidence(extract):
    rec = extract(ARTICLE)
    text = rec.document.text
    figures = [c for e in rec.events for c in (e.fatalities, e.injured) if c is not None]
    assert len(figures) >= 5  # 4 and 19, 3 and 11, 1
    for c in figures:
        assert text[c.start : c.end] == c.text
    for e in rec.events:
        assert text[e.trigger.start : e.trigger.end] == e.trigger.text
    ids = [e.id for e in rec.events]
    assert ids == [f"{rec.document.id}#e{i}" for i in range(1, len(ids) + 1)]


def test_weapons_and_targets_attach_to_their_incident(extract):
    rec = extract(ARTICLE)
    bomb = killing(rec.events, 3)
    assert [(w.kind, w.count) for w in bomb.weapons] == [("bomb", 1)]
    assert [t.kind for t in bomb.targets] == ["residential"]
    drone = killing(rec.events, 1)
    assert {t.kind for t in drone.targets} == {"commercial", "energy"}  # "damaged" in the next sentence adds to it


def test_interception_is_its_own_event(extract):
    rec = extract(ARTICLE)
    downed = [e for e in rec.events if e.acled_subtype == "Disrupted weapons use"]
    assert len(downed) == 1
    assert [(w.kind, w.count) for w in downed[0].intercepted] == [("drone", 12)]
    assert downed[0].acled_type == "Strategic developments"


def test_planned_meeting_is_not_an_event(extract):
    rec = extract(ARTICLE)
    assert len(violent(rec.events)) >= 3  # the incidents the article reports are there
    assert not [e for e in rec.events if e.plover == "CONSULT"]


def test_threat_is_not_an_event(extract):
    assert violent(extract("The militant group struck the capital again on Monday.").events)  # the act itself is one
    rec = extract("The militant group threatened to strike the capital again if its demands were not met.")
    assert not violent(rec.events)


def test_casualty_figure_without_a_typed_trigger_still_makes_an_event(extract):
    rec = extract("Three people were killed in Mosul on Sunday, police said.")
    assert [e.fatalities.value for e in rec.events if e.fatalities] == [3]
    assert rec.events[0].plover == "ASSAULT"


def test_shot_one_fatally_gives_one_killed_one_injured(extract):
    rec = extract("Two men were shot, one fatally, outside a nightclub early Sunday, police said.")
    (e,) = violent(rec.events)
    assert (e.fatalities.value, e.injured.value) == (1, 1)


def test_figures_told_over_several_sentences_make_one_incident(extract):
    text = ("Detectives are looking into a shooting on Walnut Avenue that left one man dead late on Saturday. "
            "Patrol officers found him slumped behind the wheel of a parked van. "
            "Another man was wounded and drove himself to an emergency room, detectives said.")
    rec = extract(text)
    v = violent(rec.events)
    assert len(v) == 1
    assert v[0].fatalities.value == 1 and v[0].injured.value == 1


def test_no_casualties_gives_zero_never_a_positive_count(extract):
    rec = extract("A rocket hit an empty field near the village on Monday. No casualties were reported.")
    assert violent(rec.events)
    for e in rec.events:
        assert e.fatalities is None or e.fatalities.value == 0
        assert e.injured is None or e.injured.value == 0


def test_dozens_wounded(extract):
    rec = extract("A car bomb exploded in a crowded market in Baghdad, killing 12 people and wounding dozens.")
    (e,) = violent(rec.events)
    assert e.fatalities.value == 12
    assert (e.injured.value, e.injured.qualifier) == (12, "at_least")
    assert [w.kind for w in e.weapons] == ["ied"]


def test_summary_tells_type_place_and_figures(extract):
    rec = extract(ARTICLE)
    bomb = killing(rec.events, 3)
    assert "3 killed" in bomb.summary and "11 injured" in bomb.summary
    assert "Saltivskyi" in bomb.summary


def _through_events(extractor, text: str):
    """The context after every stage up to and with ``events``."""
    from sitreps.contract import Context, run_stage
    from sitreps.record import Document

    ctx = Context.start(extractor.nlp(text), Document(id="d", text=text), None, extractor.settings)
    for stage in extractor.stages:
        run_stage(stage, ctx)
        if stage.name == "events":
            break
    return ctx


def test_anchors_tell_where_each_event_is(extractor):
    ctx = _through_events(extractor, ARTICLE)
    doc = ctx.doc
    anchors = ctx.anchors
    assert len(ctx.events) >= 4
    assert set(anchors) == {e.id for e in ctx.events}
    sents = list(doc.sents)
    for e in ctx.events:
        a = anchors[e.id]
        assert a.sents and a.start == sents[a.sents[0]].start_char
        assert a.start <= e.trigger.start < sents[a.sents[-1]].end_char


def test_a_sentence_of_figures_only_is_where_its_event_is_told_too(extractor):
    # its places and dates are the event's: the anchor the locations and times stages read holds it
    ctx = _through_events(extractor, "Russian missiles struck the Odesa region overnight, officials said. "
                                     "No casualties were reported in Chornomorsk.")
    [event] = ctx.events
    assert event.fatalities.value == 0 and ctx.anchors[event.id].sents == [0, 1]


def test_a_fatal_shooting_and_its_count_are_one_incident(extract):
    text = ("Deputies have charged a second teenager over the fatal shooting at a backyard birthday party. "
            "The shooting left two guests dead and five others injured, according to the sheriff's office.")
    rec = extract(text)
    v = violent(rec.events)
    assert len(v) == 1
    assert (v[0].fatalities.value, v[0].injured.value) == (2, 5)


def test_the_wounded_victim_who_died_is_not_also_injured(extract):
    text = ("A 20-year-old man was shot in the head outside a bar on Friday night. "
            "He died at the hospital on Sunday, the coroner said.")
    (e,) = violent(extract(text).events)
    assert e.fatalities.value == 1
    assert e.injured is None or e.injured.value == 0


def test_launch_counts_right_after_the_lead_are_the_leads_weapons(extract):
    text = ("Russian missile and drone strikes on the capital killed at least five people overnight, officials said. "
            "Russia launched 18 cruise missiles and more than 300 drones at Ukraine, the air force said.")
    v = violent(extract(text).events)
    assert len(v) == 1
    assert {(w.kind, w.count) for w in v[0].weapons} == {("missile", 18), ("drone", 300)}


def test_background_toll_is_no_incident(extract):
    text = ("Gunmen on motorcycles raided a market town in the north on Sunday, killing 11 traders, the mayor said. "
            "Armed groups have killed thousands of civilians across the region since 2019.")
    v = violent(extract(text).events)
    assert len(v) == 1
    assert v[0].fatalities.value == 11


@pytest.mark.parametrize("text", [
    "More than 150 times the rebels have attacked our convoys, the army chief said.",
    "Gunmen have attacked the village dozens of times since the harvest began.",
    "Militants have repeatedly raided the border post at Kalgo.",
])
def test_acts_told_as_repeated_many_times_are_no_incident(extract_all, text):
    assert violent(extract_all(text, published="2024-06-05").events) == []


def test_a_smaller_toll_told_placeless_after_an_incident_is_a_part_of_it(extract_all):
    text = ("Fifty people have been killed in a wave of drone strikes on the Dangila district of the Amhara region. "
            "Farmers said the first drone came over the hills soon after dawn and hit the cattle market. "
            "A teacher said a family of five were killed as they sat down to eat in their yard.")
    v = violent(extract_all(text, published="2023-08-17").events)
    assert len(v) == 1 and v[0].fatalities.value == 50


def test_a_smaller_toll_with_its_own_place_or_act_stays_apart(extract_all):
    text = ("Fifty people have been killed in a wave of drone strikes on the Dangila district of the Amhara region. "
            "In Bahir Dar, gunmen shot dead five people at a checkpoint on Tuesday.")
    v = violent(extract_all(text, published="2023-08-17").events)
    assert sorted(e.fatalities.value for e in v) == [5, 50]


def test_a_smaller_toll_told_placeless_before_an_incident_is_a_part_of_it(extract_all):
    # a headline's "Man killed", then the whole toll: one incident, with the whole toll
    text = ("Man killed had a gun too.\n\n"
            "Several people were shot at a social club in Hopkinsville late on Saturday, two fatally, police said. "
            "The shooting killed Dennis Marlow, 61, and left five others injured.")
    v = violent(extract_all(text, published="2015-06-01").events)
    assert len(v) == 1 and v[0].fatalities.value == 2 and v[0].injured.value == 5


def test_a_smaller_toll_with_its_own_place_told_first_stays_apart(extract_all):
    text = ("In Bahir Dar, gunmen shot dead a man at a checkpoint on Tuesday. "
            "Fifty people have been killed in a wave of drone strikes on the Dangila district of the Amhara region.")
    v = violent(extract_all(text, published="2023-08-17").events)
    assert sorted(e.fatalities.value for e in v) == [1, 50]


def test_a_building_hit_three_times_is_one_incident(extract_all):
    text = "A school sheltering displaced families in Gaza City was hit three times on Monday, killing 12 people."
    v = violent(extract_all(text, published="2024-06-05").events)
    assert len(v) == 1 and v[0].fatalities.value == 12


def test_a_sentence_opening_on_its_own_place_is_not_absorbed_by_a_placeless_incident(extract_all):
    text = ("Students blocked roads and railway lines in a dozen towns on Monday, stopping traffic for hours. "
            "The government deployed border guards in several cities. "
            "In Rajshahi, three people were killed when ruling party supporters clashed with student demonstrators.")
    riots = [e for e in extract_all(text, published="2024-07-16").events if e.acled_type in ("Protests", "Riots")]
    assert len(riots) == 2
    assert [(e.fatalities.value if e.fatalities else None) for e in riots] == [None, 3]


def test_the_attack_refers_back_to_the_incident_just_told(extract):
    text = ("Suspected insurgents stormed a farming village in northern Nigeria on Thursday, killing seven people, a local official said. "
            "The attack happened in Kalgo, a rural community in Kebbi State close to the border with Niger. "
            "In a separate incident, troops repelled an assault on a checkpoint near Sokoto, killing 15 militants.")
    v = violent(extract(text).events)
    assert [e.fatalities.value if e.fatalities else None for e in v] == [7, 15]
    assert "Kalgo" in v[0].summary  # told with its most specific place


def test_protest_casualties_belong_to_the_protest(extract):
    text = ("Security forces fired tear gas and water cannon to break up thousands of demonstrators marching on the "
            "presidential palace in Dakar on Friday. "
            "Nine people were injured and scores were detained, a rights group said. "
            "Officials said 14 policemen were hurt when demonstrators hurled rocks at them.")
    rec = extract(text)
    assert not [e for e in rec.events if e.acled_type == "Violence against civilians"]
    protests = [e for e in rec.events if e.acled_type in ("Protests", "Riots")]
    injured = sorted(e.injured.value for e in protests if e.injured)
    assert injured == [9, 14]
    riot = next(e for e in protests if e.injured and e.injured.value == 14)
    assert riot.acled_subtype == "Violent demonstration"
    assert all(not e.weapons for e in rec.events)


def test_damage_that_names_no_one_is_the_toll_of_the_attack_told_before(extract_all):
    text = ("KHARKIV, Ukraine — Russian drones struck the city of Kharkiv overnight, wounding four people, the governor said. "
            "\"The blocks of flats took the worst of it,\" he said. Firefighters worked through the night. "
            "Rescue teams searched the rubble until morning. A two-storey home was destroyed and the houses beside it were damaged, he added.")
    rec = extract_all(text)
    assert [e.acled_subtype for e in rec.events] == ["Air/drone strike"], [e.summary for e in rec.events]
    # someone who destroys property tells an event of its own
    rec = extract_all(text + " In a village nearby, soldiers looted shops and destroyed houses on Tuesday.")
    assert "Looting/property destruction" in [e.acled_subtype for e in rec.events], [e.summary for e in rec.events]


def test_a_bare_the_strike_refers_back_whatever_kind_the_rules_gave_it(extract):
    # the verb "struck" (a state's strike: from the air) and the noun "the strike" (the article names
    # only shelling: shelling) got different kinds; the anaphor still tells the incident just told
    text = ("Russian forces struck Kupiansk, a town on the Oskil river in Kharkiv Oblast, on May 3, the regional governor wrote.\n\n"
            "In his account, the strike set a grain store on fire and killed a 41-year-old watchman.\n\n"
            "That evening, Russian troops shelled the Beryslav district of Kherson Oblast, killing two women.")
    rec = extract(text, published="2024-05-04")
    killed = sorted(e.fatalities.value for e in rec.events if e.fatalities)
    assert len(rec.events) == 2 and killed == [1, 2], [e.summary for e in rec.events]


def test_a_gunman_firing_into_a_crowd_is_an_attack_and_a_crowd_dispersed_is_a_protest(extract_all):
    # a crowd is not a protest by itself: the shooting is violence; the tear gas tells the protest
    shot = extract_all("Police said the gunman opened fire on the crowd, injuring four people.", published="2015-06-01").events
    assert [e.acled_type for e in shot] == ["Violence against civilians"] and shot[0].injured.value == 4
    gassed = extract_all("Police fired tear gas to disperse the crowd in Nairobi on Monday.", published="2015-06-01").events
    assert [e.acled_type for e in gassed if e.acled_type] == ["Protests"]


def test_an_attack_that_answers_an_earlier_one_is_a_new_incident(extract):
    # "as a response to the attack in Khiam" names the Israeli strike; Hezbollah's rockets are another incident
    rec = extract("An Israeli strike hit a house in Khiam, killing three people.\n\n"
                  "On Saturday morning, Hezbollah said it had targeted an army base near Safed with a salvo of "
                  "rockets, fired as a response to the attack in Khiam.", published="2024-09-13")
    told = [(e.trigger.text, e.fatalities.value if e.fatalities else None) for e in rec.events]
    assert told == [("strike", 3), ("targeted", None)]


def test_an_operation_told_after_the_blast_is_a_new_incident(extract):
    # the soldiers died in the blast; the militants in the operation that followed it: two incidents,
    # each with its own dead, not one event holding the second place and one toll
    rec = extract("The army said a roadside bomb in Balochistan killed five soldiers on Tuesday. During a sweep of the "
                  "area after the explosion, the troops killed at least five militants in Kech district.",
                  published="2025-09-17")
    told = sorted((e.acled_type, e.fatalities.value if e.fatalities else None, e.location.name if e.location else None)
                  for e in rec.events)
    assert told == [("Battles", 5, "Kech District"), ("Explosions/Remote violence", 5, "Balochistan")]


def test_an_act_told_again_of_another_place_with_as_was_is_an_event_there(extract):
    # "…, as was the regional capital": the shelling of a second place, an event of its own (ACLED's
    # one per place), however near; the wounded stay with the place told first
    rec = extract("Dnipropetrovsk Oblast's Nikopol district was shelled overnight, leaving two men wounded, as was the "
                  "regional capital, the governor said.", published="2024-06-05")
    told = sorted(((e.location.name if e.location else None), e.injured.value if e.injured else None) for e in rec.events)
    assert told == [("Dnipro", None), ("Nikopol Raion", 2)]


def test_an_act_an_answer_is_told_after_is_not_the_incident_told(extract_all):
    # the battles were lost before the revenge: the lead's killing by the rebels is the incident,
    # one-sided violence on civilians, not an armed clash
    rec = extract_all("At least 40 farmers have been killed this week around Tanda, a district in the east, "
                      "by rebels armed with knives, local leaders said.\n\n"
                      "A military spokesman said the rebels were taking revenge on the farmers after losing battles "
                      "to the army.", published="2025-08-18")
    lead = rec.events[0]
    assert (lead.trigger.text, lead.acled_subtype, lead.fatalities.value) == ("killed", "Attack", 40)
    assert "Armed clash" not in [e.acled_subtype for e in rec.events if e.fatalities]


@pytest.mark.parametrize("text, subtype", [
    ("A strike by the Israeli army hit the village.", "Air/drone strike"),
    ("A “strike by the Israeli enemy” destroyed a house in Khiam.", "Air/drone strike"),
    ("A strike by dock workers shut the port for a day.", "Peaceful protest"),
])
def test_a_strike_by_a_state_is_from_the_air(extract, text, subtype):
    assert [e.acled_subtype for e in extract(text, published="2024-09-13").events] == [subtype]


def test_an_attack_the_police_thwarted_is_one_incident_and_an_interception_its_own(extract_all):
    # stopping the attack is how the incident ended; shooting down drones is a disrupted weapons use
    foiled = extract_all("Gunmen attacked a police post near the border town last night, but the police "
                         "thwarted the attacks, killing three militants.", published="2025-09-17").events
    assert [e.acled_subtype for e in foiled] == ["Armed clash"] and foiled[0].fatalities.value == 3
    downed = extract_all("Drones attacked the city overnight, and air defences intercepted 20 drones over the region.",
                         published="2025-09-17").events
    assert "Disrupted weapons use" in [e.acled_subtype for e in downed]


def test_the_dead_of_a_riot_told_after_it_are_its_own_not_an_attack(extract_all):
    rec = extract_all("In the port city, a nursing student was one of three people killed on Tuesday when ruling party "
                      "supporters clashed with protesters outside the university.\n\n"
                      "Two of the dead were students at the nursing college.",
                      published="2024-07-16")
    assert [(e.acled_type, e.fatalities.value if e.fatalities else None) for e in rec.events] == [("Riots", 3)]


def test_what_protesters_demand_is_their_protest_not_a_statement(extract_all):
    rec = extract_all("Thousands of teachers marched through the capital on Wednesday, the biggest protest this year, "
                      "demanding that the education minister resign.", published="2019-10-03")
    assert [e.plover for e in rec.events] == ["PROTEST"]


@pytest.mark.parametrize("text", [
    "Villagers protested in the market town of Dalo on Friday after soldiers killed two farmers.",
    "Hundreds of students marched through Dalo on Friday after police shot dead two traders.",
])
def test_a_protest_after_another_sides_killing_is_not_force_against_it(extract, text):
    # the killing came first, by someone else: an incident of its own, and the protest is peaceful
    rec = extract(text, published="2024-03-02")
    types = {e.acled_subtype: e for e in rec.events}
    assert "Excessive force against protesters" not in types, list(types)
    protest = types.get("Peaceful protest")
    assert protest is not None and protest.fatalities is None
    killings = [e for e in violent(rec.events) if e.fatalities is not None and e.fatalities.value == 2]
    assert len(killings) == 1


def test_protesters_killed_by_police_are_still_force_against_the_protest(extract):
    rec = extract("Two protesters were killed when police opened fire on a march in Dalo on Friday.", published="2024-03-02")
    force = [e for e in rec.events if e.acled_subtype == "Excessive force against protesters"]
    assert len(force) == 1 and force[0].fatalities is not None and force[0].fatalities.value == 2


def test_another_attack_told_mid_sentence_is_an_incident_of_its_own(extract):
    # "in another shooting" / "in another apparent attack": a second incident, whose figures are its own
    text = ("A man was shot dead outside a bar on Elm Street on Saturday night, police said. "
            "Two hours later, a teenager was wounded in another apparent gang shooting a mile away.")
    rec = extract(text, published="2024-03-03")
    v = violent(rec.events)
    assert len(v) == 2, [(e.trigger.text, e.fatalities, e.injured) for e in v]
    first = next(e for e in v if e.fatalities is not None and e.fatalities.value == 1)
    assert first.injured is None or first.injured.value == 0
    assert any(e.injured is not None and e.injured.value == 1 and e.fatalities is None for e in v)


@pytest.mark.parametrize("text, regions", [
    # spaCy reads one name of the pair as a product: the generic word still makes both places
    ("Drone attacks hit the Bryansk and Kursk regions overnight.", ["Bryansk", "Kursk"]),
    # "were reported in" says where the attacks happened, not where a statement was made
    ("Drone strikes were reported overnight in the Oryol and Voronezh regions.", ["Oryol", "Voronezh"]),
])
def test_attacks_told_in_two_named_regions_are_an_event_in_each(extract_all, text, regions):
    events = violent(extract_all(text, published="2025-10-21").events)
    assert sorted(e.location.text.split()[0] for e in events) == regions
    assert all(e.location.precision == "region" for e in events)


def test_a_figure_told_after_a_list_of_regions_goes_to_the_region_its_sentence_names(extract_all):
    # the sentence with the figure names one of the listed regions only in its speaker's title
    text = ("Drone strikes were reported overnight in the Bryansk and Oryol regions. A teenager was hurt and treated "
            "at the scene, the Bryansk governor said.")
    events = violent(extract_all(text, published="2025-10-21").events)
    hurt = {e.location.text.split()[0]: (e.injured.value if e.injured else None) for e in events}
    assert hurt == {"Bryansk": 1, "Oryol": None}


def test_the_corner_of_two_streets_is_one_place(extract_all):
    # two streets named after cities at one corner: one shooting, not one per "city"
    text = "Two men were shot late Friday. Officials said the shooting happened at the corner of Austin and Houston streets."
    assert len(violent(extract_all(text, published="2015-08-24").events)) == 1


def test_damage_told_at_another_place_is_no_damage_of_the_attack_before(extract_all):
    text = ("Drones hit Bryansk overnight, wounding a boy, the governor said. Debris damaged two cars there. "
            "In the Kursk region, one warehouse was damaged and shrapnel hit a fence, its governor said.")
    events = extract_all(text, published="2025-10-21").events
    bryansk = next(e for e in events if e.location.name and e.location.text == "Bryansk")
    assert bryansk.injured.value == 1
    assert any(e.location.text and e.location.text.startswith("Kursk") for e in events)  # the Kursk damage is told apart


def test_places_in_two_prepositional_phrases_of_one_verb_are_a_list(extract_all):
    # "In Shebekino and in Valuyki, drones hit houses": the parser hangs both phrases on the verb
    text = "In Shebekino and in Valuyki, drones hit houses and wounded two women on Friday."
    events = violent(extract_all(text, published="2024-06-08").events)
    assert sorted(e.location.name for e in events) == ["Shebekino", "Valuyki"]
    assert sum(e.injured.value for e in events if e.injured) == 2  # the figure is counted once


def test_no_casualties_said_beside_someone_wounded_is_said_of_something_else(extract_all):
    # "no casualties" denies dead and wounded alike: beside a wounded figure it tells of another place
    text = "Shelling hit the village of Bilozerka, wounding two people, and the city of Kherson, where no casualties were reported."
    [event] = violent(extract_all(text, published="2023-05-12").events)
    assert event.injured.value == 2 and event.fatalities is None
    # alone, it is the event's own: none dead, none wounded
    [event] = violent(extract_all("A drone struck a warehouse in Kherson overnight; no casualties were reported, officials said.",
                                  published="2023-05-12").events)
    assert (event.fatalities.value, event.injured.value) == (0, 0)


@pytest.mark.parametrize("text, subtype", [
    # the incident told with its kind, then named back by a generic noun: the telling types it
    ("A suicide bomber killed 12 people at a market in Kabul on Friday. Islamic State claimed responsibility for the bombing.",
     "Suicide bomb"),
    ("Artillery shells hit a school in Donetsk on Monday, killing three children. Officials blamed the army for the attack.",
     "Shelling/artillery/missile attack"),
    # nothing told before names a kind: the noun that refers back does
    ("Five people were killed in Kabul on Friday. Islamic State claimed responsibility for the bombing.",
     "Remote explosive/landmine/IED"),
])
def test_a_noun_that_refers_back_to_an_incident_does_not_retype_it(extract, text, subtype):
    [event] = violent(extract(text).events)
    assert event.acled_subtype == subtype


def test_a_headline_toll_told_by_a_vague_word_joins_the_exact_toll_below_it(extract):
    # "dozens" (12, at least) bounds the 70 from below: the same massacre, not a second one
    rec = extract("Gang attack on farming town leaves dozens dead\n\n"
                  "Gunmen stormed a farming town before dawn on Thursday, killing at least 70 people, including women "
                  "and children, the United Nations said.", published="2024-10-04")
    violent = [e for e in rec.events if e.acled_type in ("Violence against civilians", "Battles", "Explosions/Remote violence")]
    assert len(violent) == 1 and violent[0].fatalities.value == 70, [(e.trigger.text, e.fatalities) for e in violent]


def test_strikes_told_by_how_often_and_a_months_old_truce_are_background(extract):
    text = ("An Israeli drone strike on a car near the town of Nabatieh killed one person on Monday, the health ministry said.\n\n"
            "A second strike hit a motorbike in the village of Kfar Roummane, wounding two people, state media reported.\n\n"
            "Israel has kept up near-daily strikes in Lebanon despite a truce agreed in November.")
    events = extract(text, published="2025-03-03").events
    # the habitual strikes lend the second strike neither their country nor the truce's month, and
    # the truce agreed months ago is no event of this story
    assert [(e.injured.value if e.injured else None, e.date.start) for e in events] == [(None, "2025-03-03"), (2, "2025-03-03")]
    assert events[1].location.precision == "city" and events[1].location.text == "Kfar Roummane"


def test_a_village_the_gazetteer_lacks_is_placed_near_a_town_not_in_a_country_named_on_the_way(extract):
    text = ("An Israeli drone strike on a car near the town of Nabatieh killed one person on Monday, the health ministry said. "
            "The army said it had struck a commander responsible for rocket fire toward Israel. "
            "A second strike hit a motorbike in the village of Zzyzxton, wounding two people.")
    second = next(e for e in extract(text, published="2025-03-03").events if e.injured)
    assert (second.location.text, second.location.country, second.location.precision) == ("Zzyzxton", "LB", "city")


def test_an_act_of_another_clause_is_at_the_sentence_other_place_and_the_toll_stays_with_its_own_act(extract):
    # the headline tells two incidents: the clashes ("in Syria's Homs", with the toll of their own
    # clause) and the strikes on Damascus, whose clause has a doer of its own
    text = ("Clashes in Syria's Homs kill dozens as Israel strikes Damascus\n\n"
            "Clashes between two militias in the Homs province have killed at least 40 people since Friday, a monitor said on Monday.")
    events = extract(text, published="2025-07-16").events
    by_place = {e.location.name: e for e in events if e.acled_type in ("Battles", "Explosions/Remote violence")}
    assert set(by_place) == {"Homs", "Damascus"}
    assert by_place["Homs"].fatalities.value == 40 and by_place["Damascus"].fatalities is None


def test_the_other_place_may_hang_on_a_participle_and_the_act_be_a_gerund(extract):
    text = ("Fighting between two clans backed by army units in the Daraa province has killed at least 30 people since "
            "Sunday, a monitor said on Tuesday, as Israeli jets carried out strikes on a barracks in Damascus.")
    events = {e.location.name: e for e in extract(text, published="2025-07-16").events}
    assert events["Daraa"].acled_subtype == "Armed clash" and events["Daraa"].fatalities.value == 30
    assert events["Damascus"].acled_subtype == "Air/drone strike" and events["Damascus"].fatalities is None


@pytest.mark.parametrize("text, killed, injured", [
    # the hospital the wounded were taken to is no place of an incident of its own
    ("Militants attacked a police post in the Lakki Marwat district overnight, killing six officers, officials said. "
     "Three other officers were wounded and taken to a hospital in Bannu.", 6, 3),
    # "the exchange of fire" names the operation just told; its one dead soldier is a part of it
    ("The military said troops killed eight militants in an operation in North Waziristan on Wednesday night. "
     "A soldier died in the exchange of fire, it said.", 8, None),
])
def test_a_destination_and_a_definite_reference_tell_no_second_incident(extract, text, killed, injured):
    [event] = extract(text, published="2025-03-13").events
    assert (event.fatalities.value, event.injured.value if event.injured else None) == (killed, injured)


@pytest.mark.parametrize("sentence, place, taken", [
    ("Three other officers were wounded and taken to a hospital in Bannu.", "Bannu", True),
    ("Two soldiers were injured and airlifted to Raipur.", "Raipur", True),
    ("A drone struck a hospital in Bannu.", "Bannu", False),
    ("Militants attacked a post on the road to Bannu.", "Bannu", False),
])
def test_where_the_wounded_were_taken_is_a_destination(extractor, sentence, place, taken):
    from sitreps.text.incident_places import destination

    doc = extractor.nlp(sentence)
    assert destination(next(t for t in doc if t.text == place)) is taken


def test_a_place_the_lead_names_is_a_place_in_the_headline_too(extract):
    # the headline's "Gaza's Khan Younis" reads to the parser as a person's name; the lead's "in Khan
    # Younis" is a place, so the headline's is too, and the headline's strike is the lead's
    text = ("Israeli strike kills family of six in Gaza's Khan Younis, medics say\n\n"
            "CAIRO (Reuters) - An Israeli air strike on a house in Khan Younis in the southern Gaza Strip killed six "
            "members of one family early on Tuesday, medics said.")
    record = extract(text, published="2024-11-26")
    assert [(e.location.text, e.fatalities.value) for e in record.events] == [("Khan Younis", 6)]
    assert [p.text for p in record.places].count("Khan Younis") == 2


def test_acts_of_different_kinds_told_on_different_days_are_two_incidents(extract):
    # "another four" adds to no earlier toll here: the drone strike is a day after the fighting
    text = ("Fighting broke out between the army and local militiamen in the town of Woldia on Saturday, residents said, "
            "and a nurse said at least six civilians were killed.\n\n"
            "A drone strike on a bus near the town on Sunday killed another four people, two witnesses said.")
    events = extract(text, published="2025-11-25").events
    got = sorted((e.acled_subtype, e.fatalities.value, e.date.start, e.location.name) for e in events)
    assert got == [("Air/drone strike", 4, "2025-11-23", "Weldiya"), ("Armed clash", 6, "2025-11-22", "Weldiya")]


def test_the_act_that_opened_a_span_is_background_unless_it_tells_a_toll(extract):
    # "since the rebels captured … last month" dates the start of a siege: no event of its own, and
    # not the date of the shelling told with its own day
    text = ("Shelling killed nine civilians in the town of Kadugli on Friday, a local monitor said. "
            "The town has been under siege since the rebels captured nearby villages last month.")
    [event] = extract(text, published="2025-11-30").events
    assert (event.acled_subtype, event.date.start) == ("Shelling/artillery/missile attack", "2025-11-28")
    # an act told with its toll in the "since" clause is the incident itself
    [event] = extract("Residents have fled since gunmen attacked the village of Kura on Sunday, killing 12 people, police said.",
                      published="2025-11-30").events
    assert (event.fatalities.value, event.date.start) == (12, "2025-11-30")


def test_looting_and_a_toll_told_after_a_protest_are_the_protest(extract):
    text = ("Police fired tear gas at thousands of protesters in central Accra on Tuesday. "
            "The protesters were marching against a rise in fuel prices.\n\n"
            "Several shops were looted and a bus was set on fire, witnesses said.\n\n"
            "A rights group said at least nine people were treated for injuries.")
    events = extract(text, published="2025-06-24").events
    assert len(events) == 1 and events[0].acled_type in ("Protests", "Riots"), [(e.trigger.text, e.acled_subtype) for e in events]
    assert events[0].injured.value == 9


def test_people_named_by_what_they_demand_are_protesters_and_their_arson_is_the_protest(extract):
    text = ("Police opened fire on thousands of textile workers demanding unpaid wages in the town of Gazipur on Monday, "
            "killing two workers and injuring at least 20, officials said. The workers had blocked a highway and set fire "
            "to several buses before police moved in.")
    events = extract(text, published="2025-03-10").events
    assert len(events) == 1 and events[0].acled_type in ("Protests", "Riots"), [(e.trigger.text, e.acled_subtype) for e in events]
    assert (events[0].fatalities.value, events[0].injured.value) == (2, 20)

