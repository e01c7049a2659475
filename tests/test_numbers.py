"""The numbers stage: casualty figures, weapons with counts, interceptions and targets."""

from __future__ import annotations

import pytest

from sitreps.contract import Context, run_stage
from sitreps.record import Document
from sitreps.stages.numbers.quantities import combine, qualifier_before, word_value


@pytest.fixture(scope="module")
def numbers(extractor):
    """numbers(text) -> the numbers stage's slots after the entities and numbers stages."""
    stages = [s for s in extractor.stages if s.name in ("entities", "numbers")]

    def run(text: str) -> dict:
        doc = extractor.nlp(text)
        ctx = Context.start(doc, Document(id="t", text=text), None, extractor.settings)
        for stage in stages:
            run_stage(stage, ctx)
        data = {key: getattr(ctx, key) for key in ("casualties", "weapons", "targets")}
        for found in data.values():
            for m in found:
                assert text[m.start : m.end] == m.text
        return data

    return run


def figures(data: dict, kind: str) -> list[tuple[int, str, bool]]:
    return [(c.value, c.qualifier, c.negated) for c in data["casualties"] if c.kind == kind and not c.inclusive]


# -- numbers as words --------------------------------------------------------------------------
def test_number_words_and_digits():
    assert word_value("1,200") == 1200
    assert word_value("twenty-three") == 23
    assert combine(["two", "hundred"]) == 200
    assert combine(["1.2", "million"]) == 1_200_000
    assert combine(["dozen"]) == 12


@pytest.mark.parametrize("text, expected", [
    ("KQRT News Channel 14 - Five Injured in Tavern Shooting", [("injured", 5)]),
    ("Twenty-three people were injured in the blast.", [("injured", 23)]),
    ("Two hundred fifty people were injured in the blast.", [("injured", 250)]),
])
def test_neighbouring_numbers_join_only_when_they_make_one_number(numbers, text, expected):
    cas = numbers(text)["casualties"]
    assert [(c.kind, c.value) for c in cas if not c.inclusive] == expected


def test_qualifiers_read_from_the_words_before_the_number():
    for phrase, q in [("at least ", "at_least"), ("more than ", "at_least"), ("upwards of ", "at_least"),
                      ("up to ", "at_most"), ("fewer than ", "at_most"), ("about ", "approx"),
                      ("nearly ", "approx"), ("some ", "approx"), ("killed ", "exact")]:
        text = phrase + "12"
        assert qualifier_before(text, len(phrase))[0] == q, phrase


# -- killed ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, killed",
    [
        ("Overnight shelling killed at least five people in the town, officials said.", [(5, "at_least", False)]),
        ("Three people died and nine were wounded when the bus was hit.", [(3, "exact", False)]),
        ("Officials recorded two deaths and eleven injuries after the blast.", [(2, "exact", False)]),
        ("The death toll rose to 12 on Tuesday, the ministry said.", [(12, "exact", False)]),
        ("The strike on the market left five dead and dozens wounded.", [(5, "exact", False)]),
        ("Police said Mark Daniels was killed outside his home.", [(1, "exact", False)]),
        ("A man was shot dead near the station late on Friday.", [(1, "exact", False)]),
        ("The gunman opened fire on the crowd, killing three before fleeing.", [(3, "exact", False)]),
        ("A 19-year-old man died at the hospital early Sunday.", [(1, "exact", False)]),
        ("Some 40 soldiers were killed in the ambush, a spokesman said.", [(40, "approx", False)]),
        ("A woman and her two sons were killed when the shell struck their home.", [(3, "exact", False)]),
        ("The assassination of six priests and their two housekeepers shocked the country.", [(8, "exact", False)]),
        # the parser makes "attacks" the object of "killed" and "people" its subject
        ("Gunmen reportedly killed about 31 people in Christmas Eve attacks on several villages across the Elmar "
         "and Tessin districts.", [(31, "approx", False)]),
    ],
)
def test_killed_figures(numbers, text, killed):
    assert figures(numbers(text), "killed") == killed


@pytest.mark.parametrize(
    "text, kind, value",
    [
        ("1 dead, 4 injured in tavern shooting late Friday night", "killed", 1),
        ("1 dead, 4 injured in tavern shooting late Friday night", "injured", 4),
        ("Teen killed in shooting near park identified", "killed", 1),
        ("A 15-year-old was shot and killed behind the gym on Thursday night.", "killed", 1),
        ("Detectives are looking into the fatal shooting of a teenager behind a grocery store.", "killed", 1),
        ("The blast claimed the lives of three children.", "killed", 3),
        ("Detectives are investigating a double homicide on Elm Street.", "killed", 2),
        ("A woman died and three other people are in critical condition after the attack.", "injured", 3),
        ("She passed away at the hospital on Sunday.", "killed", 1),
        ("Man, woman killed in downtown shooting identified", "killed", 2),
        # the tagger reads "Kettleby" as an organisation; "Wade Kettleby" before it is a person's name
        ("The medical examiner says the victim is Wade Kettleby, of Harwick. The rifle fired, mortally wounding Kettleby in the chest.", "killed", 1),
        # a number after its noun is a label, not a count
        ("Reward raised to 10K for suspect information in murder of mother, - FOX 8 WQRT Lake Harwick News, Weather, Sports.", "killed", 1),
        # the tagger reads the name as a facility; its age says it is a person
        ("The couple pleaded guilty to charges of child endangerment in the death of 4-year-old Janelle Tolliver.", "killed", 1),
    ],
)
def test_more_ways_news_tells_casualties(numbers, text, kind, value):
    assert [c.value for c in numbers(text)["casualties"] if c.kind == kind and not c.inclusive] == [value]


def test_shot_dead_kills_everyone_it_names_whatever_the_parse(numbers):
    # the parser makes "dead" an adjective of "journalist": both named victims were killed, none hurt
    data = numbers("Gunmen shot dead journalist Maria Lopez and her driver.")
    assert [(c.kind, c.value, c.inclusive) for c in data["casualties"]] == [("killed", 2, False)]


def test_a_wound_suffered_in_a_relative_clause_is_its_heads(numbers):
    data = numbers("Deputies answered a call about a youth who had sustained a gunshot wound in the arm.")
    assert [(c.kind, c.value) for c in data["casualties"]] == [("injured", 1)]


def test_found_with_gunshot_wounds_counts_everyone_hit(numbers):
    data = numbers("Officers found five people with gunshot wounds outside the bar.")
    assert [(c.kind, c.value, c.inclusive) for c in data["casualties"]] == [("injured", 5, True)]


def test_others_beside_the_dead_are_not_added(numbers):
    data = numbers("Two guards were killed and three other people were wounded at the checkpoint.")
    injured = [c for c in data["casualties"] if c.kind == "injured"]
    assert [(c.value, c.additional) for c in injured] == [(3, False)]


def test_pronoun_victim_who_died_is_not_also_injured(numbers):
    data = numbers("He was shot in the chest and she was wounded in the leg; he died at the scene.")
    assert [(c.kind, c.value, c.inclusive) for c in data["casualties"]] == [("injured", 1, False), ("killed", 1, False)]


def test_quadruple_shooting_counts_four_hit(numbers):
    data = numbers("Detectives are looking into a quadruple shooting on the east side.")
    assert [(c.kind, c.value, c.inclusive) for c in data["casualties"]] == [("injured", 4, True)]


def test_headline_people_shot_one_fatally(numbers):
    data = numbers("9 people shot, 1 fatally, after brawl erupts at county fair")
    assert [(c.kind, c.value, c.inclusive) for c in data["casualties"]] == [("injured", 9, True), ("killed", 1, False)]


def test_killed_never_counts_an_age(numbers):
    data = numbers("A 23-year-old man was killed in the crash.")
    assert figures(data, "killed") == [(1, "exact", False)]


def test_killed_never_counts_a_year_of_a_page_stamp(numbers):
    # the parser hangs the year of "Updated: … 2015 6:26 PM" on the victim's name
    data = numbers("Updated: Sunday, June 21, 2015 6:26 PM EDT\n\n© Jerome Renfield, 29, was killed in a Greyfield shooting Saturday evening.")
    assert figures(data, "killed") == [(1, "exact", False)]


# -- injured -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, injured",
    [
        ("Three people died and nine were wounded when the bus was hit.", [(9, "exact", False)]),
        ("The blast caused injuries to four people, including a child.", [(4, "exact", False)]),
        ("A teenager was injured in the attack.", [(1, "exact", False)]),
        ("Dozens of people were wounded in the explosion.", [(12, "at_least", False)]),
        ("The victim sustained non-life-threatening injuries, police said.", [(1, "exact", False)]),
        ("Two victims suffered gunshot wounds in the incident.", [(2, "exact", False)]),
        ("More than 30 people were hurt in the stampede.", [(30, "at_least", False)]),
        # a web address of a page's furniture that the parser made a second subject is no one
        ("Message: * A friend wanted you to see this item from KQRT.com: http://kqrt.com/20593117\n\n— Four people were injured "
         "late Friday in a shooting, police said.", [(4, "exact", False)]),
    ],
)
def test_injured_figures(numbers, text, injured):
    assert figures(numbers(text), "injured") == injured


def test_two_others_hospitalized_adds_to_the_figure_before(numbers):
    data = numbers("A teenager was injured and two others were hospitalized.")
    injured = [c for c in data["casualties"] if c.kind == "injured"]
    assert [(c.value, c.additional) for c in injured] == [(1, False), (2, True)]


def test_shot_twice_one_fatally_is_one_killed_of_two_hit(numbers):
    data = numbers("Two men were shot twice on Main Street, one fatally, police said.")
    hit = [c for c in data["casualties"] if c.inclusive]
    assert [(c.kind, c.value) for c in hit] == [("injured", 2)]
    assert figures(data, "killed") == [(1, "exact", False)]


def test_shot_and_killed_is_not_also_injured(numbers):
    data = numbers("A man was shot and killed outside a bar on Saturday.")
    assert figures(data, "killed") == [(1, "exact", False)]
    assert not [c for c in data["casualties"] if c.kind == "injured"]


# -- negation and hypotheticals -----------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    ["No one was killed in the attack.", "No casualties were reported.", "There were no injuries, the fire service said.",
     "Nobody was hurt when the drone fell on a field."],
)
def test_negated_figures_are_zero_and_marked(numbers, text):
    data = numbers(text)
    assert data["casualties"], text
    assert all(c.negated and c.value == 0 for c in data["casualties"])


@pytest.mark.parametrize(
    "text",
    ["The militants threatened to kill the hostages.", "Such a strike could kill hundreds of people.",
     "Officials did not say how many people were killed."],
)
def test_hypothetical_figures_are_not_counted(numbers, text):
    assert not [c for c in numbers(text)["casualties"] if c.value > 0]


# -- weapons and interceptions -------------------------------------------------------------------
def test_weapon_counts_and_qualifiers(numbers):
    data = numbers("Russia launched 18 cruise missiles and more than 300 drones at Ukraine overnight.")
    got = [(w.kind, w.count, w.qualifier, w.intercepted) for w in data["weapons"]]
    assert got == [("missile", 18, "exact", False), ("drone", 300, "at_least", False)]


def test_weapon_kinds(numbers):
    data = numbers("The troops came under mortar fire, a roadside bomb exploded and two guided bombs hit the depot.")
    kinds = {(w.kind, w.count) for w in data["weapons"]}
    assert ("artillery", None) in kinds and ("ied", 1) in kinds and ("bomb", 2) in kinds


def test_a_suicide_bomber_is_no_aircraft(numbers):
    # "bomber" alone is a warplane; with "suicide" it is the attacker, and the weapon an explosive he carries
    data = numbers("A suicide bomber blew himself up at the gate of the police headquarters.")
    assert [w.kind for w in data["weapons"]] == ["ied"]


@pytest.mark.parametrize("text, kind", [
    ("A car packed with explosives blew up at the checkpoint; the bomber had tried to drive through.", "ied"),
    ("Two strategic bombers flew over the sea, the ministry said.", "aircraft"),
    ("The bomber took off from an air base in the south, the pilot's unit said.", "aircraft"),
])
def test_a_lone_bomber_with_no_aircraft_in_the_story_is_a_person(numbers, text, kind):
    assert kind in [w.kind for w in numbers(text)["weapons"]]
    assert ("ied" if kind == "aircraft" else "aircraft") not in [w.kind for w in numbers(text)["weapons"]]


def test_projectiles_are_counted_weapons(numbers):
    data = numbers("The army said around 20 projectiles were spotted crossing the border near the northern town.")
    assert [(w.kind, w.count, w.qualifier) for w in data["weapons"]] == [("other", 20, "approx")]


def test_shot_down_of_launched(numbers):
    data = numbers("Air defences shot down 40 of 50 drones, the air force said.")
    (w,) = data["weapons"]
    assert (w.kind, w.count, w.intercepted, w.launched) == ("drone", 40, True, 50)


def test_interceptions_subset_is_not_added(numbers):
    data = numbers("The ministry said air defences had intercepted 95 drones over the border regions, 40 of them over the sea.")
    downed = [(w.kind, w.count) for w in data["weapons"] if w.intercepted]
    assert downed == [("drone", 95)]


def test_interceptions_per_kind(numbers):
    data = numbers("Air defences shot down 16 of the missiles and 281 of the drones, it said.")
    assert [(w.kind, w.count, w.intercepted) for w in data["weapons"]] == [("missile", 16, True), ("drone", 281, True)]


# -- targets ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, kind",
    [
        ("A missile hit a nine-story apartment block in the city centre.", "residential"),
        ("Fragments damaged a power substation overnight.", "energy"),
        ("A drone strike on port infrastructure injured four people.", "port"),
        ("Shelling damaged a railway bridge near the town.", "transport"),
        ("The airstrike hit a hospital in the north of the city.", "medical"),
        ("Rockets struck a school on Monday.", "education"),
        ("Drones attacked a military airfield in the south.", "military"),
        ("A bomb damaged the regional administration building.", "government"),
        ("Debris set fire to a warehouse in the industrial zone.", "commercial"),
    ],
)
def test_target_kinds(numbers, text, kind):
    assert [t.kind for t in numbers(text)["targets"]] == [kind]


def test_hospital_as_destination_is_not_a_target(numbers):
    assert numbers("The wounded woman was taken to a hospital, where she later died.")["targets"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Armed groups have killed thousands of civilians across the region in recent years.",
        "More than 400 people have been killed in the province so far this year, the UN says.",
        "The insurgency has killed some 9,000 people since it began in 2017.",
        "Over the past decade, bandits have killed hundreds of farmers throughout the north-west.",
        "At least 1,204 civilians were killed and at least 3,016 wounded by the war in the region between March 3, 2021, and June 9, the agency says.",
        "The health ministry says the conflict has killed more than 3,100 people in the region and wounded nearly 8,000.",
        "At least 40 people have been killed in the district in recent weeks, the governor said.",
        "The ministry counted the previous year's 412 deaths.",
        "More than 300 people have been killed by Israeli fire since the truce took effect, a tally shows.",
        "More than 40 people have been killed since the protests began, the ministry said.",
    ],
)
def test_cumulative_tolls_are_no_incident_figures(numbers, text):
    assert numbers(text)["casualties"] == []


def test_a_toll_since_a_dated_start_is_the_incident_s(numbers):
    # "since fighting erupted on Sunday": the days of one incident, not a span of many
    assert [c.value for c in numbers("Clashes have killed at least 89 people since fighting erupted on Sunday.")["casualties"]] == [89]


def test_incident_ranked_against_a_span_keeps_its_figure(numbers):
    cas = numbers("The ambush, which killed nine soldiers on Friday, was the deadliest in the area in recent years.")["casualties"]
    assert [(c.kind, c.value) for c in cas] == [("killed", 9)]


def test_crowd_control_means_are_no_weapons(numbers):
    data = numbers("Riot police used water cannon, rubber bullets and stun grenades to clear the square.")
    assert data["weapons"] == []
    assert [w.kind for w in numbers("The army fired a cannon at the rebel position.")["weapons"]] == ["artillery"]


def test_fighting_on_one_day_is_an_incident(numbers):
    cas = numbers("Fighting killed 12 soldiers near the bridge on Monday.")["casualties"]
    assert [(c.kind, c.value) for c in cas] == [("killed", 12)]


@pytest.mark.parametrize(
    ("text", "kind", "value", "inclusive"),
    [
        ("Three teens shot, one fatally, near the park.", "injured", 3, True),  # "shot" tagged as a present verb
        ("Police: 3 adults, 2 children shot in Midtown.", "injured", 5, True),  # a headline list of counted groups
        ("Police are investigating after three adults and a 4-year-old were shot on Friday.", "injured", 4, True),
        ("Toddler recovering after triple shooting in the county.", "injured", 3, True),
        ("Girl, 9, accidentally shot by cousin while hunting.", "injured", 1, True),
        ("Shooting at a bar sends 6 people to the hospital.", "injured", 6, True),
        ("Attempt to scare off coyotes ended in an accidental shooting death.", "killed", 1, False),
        ("Witnesses said that a family of four — a mother, a father and their two sons — were killed in the blast.", "killed", 4, False),
        ("At least 30 villagers, six women and three children among them, were killed in the raid.", "killed", 30, False),
        ("The gunman killed the woman and left her son in critical condition.", "injured", 1, False),
        ("Two drones struck homes in the village, injuring a minor who was later hospitalised.", "injured", 1, False),  # "minor" the noun
    ],
)
def test_counts_when_the_parse_or_the_phrase_is_unusual(numbers, text, kind, value, inclusive):
    cas = [c for c in numbers(text)["casualties"] if c.kind == kind]
    assert [(c.value, c.inclusive) for c in cas][:1] == [(value, inclusive)]


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("A guard was killed and four other people injured in the attack.", "injured", 4),  # a conjunct is counted once
        ("Three victims, two teenagers and one adult, suffered gunshot wounds.", "injured", 3),  # the apposition spells them out
        ("A farmer, his wife and a neighbour were shot dead.", "killed", 3),
        ("Maria Lopez, a 41-year-old nurse, was shot and killed outside her home.", "killed", 1),  # a description, not a second victim
    ],
)
def test_coordinated_victims_are_counted_once(numbers, text, kind, value):
    cas = [c for c in numbers(text)["casualties"] if c.kind == kind and not c.inclusive]
    assert [c.value for c in cas][:1] == [value]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Man kills wife, her mother, himself in Ohio.", 3),  # a headline's list of victims
        ("Father, 3 children found dead in burned home.", 4),
    ],
)
def test_headline_lists_of_victims(numbers, text, value):
    cas = [c for c in numbers(text)["casualties"] if c.kind == "killed"]
    assert [c.value for c in cas][:1] == [value]


def test_the_dead_told_again_as_wounded_is_no_injured_person(extractor):
    rec = extractor("A teen died in an accidental shooting at a farm on Sunday. Deputies said he was wounded in the chest.", published="2016-05-02")
    ev = next(e for e in rec.events if e.fatalities is not None)
    assert ev.fatalities.value == 1 and ev.injured is None
    rec = extractor("A man was killed in a shooting at a farm on Sunday. Deputies said his brother was wounded.", published="2016-05-02")
    ev = next(e for e in rec.events if e.fatalities is not None)
    assert (ev.fatalities.value, ev.injured.value if ev.injured else None) == (1, 1)


def test_fatally_wounded_is_killed(numbers):
    cas = numbers("The fatally wounded man was found by a neighbour.")["casualties"]
    assert [(c.kind, c.value) for c in cas] == [("killed", 1)]


def test_non_fatal_wounds_are_injuries(numbers):
    cas = numbers("Two other men sustained non-fatal gunshot wounds.")["casualties"]
    assert [(c.kind, c.value) for c in cas] == [("injured", 2)]


def test_also_shot_beside_the_dead_is_injured(extractor):
    rec = extractor("Three people were killed in a shooting at a house on Monday. A neighbour was also shot in the arm and is in stable condition.", published="2016-05-02")
    ev = next(e for e in rec.events if e.fatalities is not None)
    assert (ev.fatalities.value, ev.injured.value if ev.injured else None) == (3, 1)


def test_the_one_wounded_who_later_died_is_killed_not_injured(extractor):
    text = ("When deputies reached the apartment in Redmont on Saturday, they found a young man suffering from a "
            "gunshot wound. The man was taken to a trauma centre, where he was later pronounced dead.")
    ev = next(e for e in extractor(text, published="2016-05-02").events if e.fatalities is not None)
    assert ev.fatalities.value == 1 and ev.injured is None


def test_a_later_death_among_several_wounded_leaves_the_injured_figure(extractor):
    # the man who later died may be one of the three or a fourth: the told figure stands
    text = "Three people were wounded in a shooting outside a bar in Dallas on Friday. A man later died at a hospital."
    ev = next(e for e in extractor(text, published="2016-05-02").events if e.fatalities is not None)
    assert (ev.fatalities.value, ev.injured.value if ev.injured else None) == (1, 3)


@pytest.mark.parametrize("text", [
    # an earlier report left in the page: the same 15-year-old, injured then killed
    "An accidental shooting on New Year's Eve has killed a 15-year-old in Harwick. "
    "Harwick police say an accidental shooting on New Year's Eve critically injured a 15-year-old.",
    "Child dies after accidentally shooting self in Ashcombe. "
    "Deputies were sent on Saturday to a report of a fired pistol and a wounded child in Ashcombe.",
])
def test_one_victim_told_as_killed_and_as_injured_is_counted_once(extractor, text):
    ev = next(e for e in extractor(text, published="2016-05-02").events if e.fatalities is not None)
    assert (ev.fatalities.value, ev.injured.value if ev.injured else 0) == (1, 0)


@pytest.mark.parametrize("text", [
    # a generic word does not tell the victim apart; another description names someone else
    "A man was killed in a shooting in Dallas on Friday. Police said a man was wounded in the shooting.",
    "A 16-year-old was killed in a shooting in Dallas on Friday. A 17-year-old was wounded in the shooting.",
])
def test_different_or_generic_descriptions_keep_the_injured(extractor, text):
    ev = next(e for e in extractor(text, published="2016-05-02").events if e.fatalities is not None)
    assert (ev.fatalities.value, ev.injured.value if ev.injured else 0) == (1, 1)


def test_a_death_told_in_a_second_verb_shares_its_subject(numbers):
    cas = numbers("The victim was taken to a hospital and was later pronounced dead.")["casualties"]
    killed = [c for c in cas if c.kind == "killed"]
    assert [(c.value, c.of_wounded) for c in killed] == [(1, True)]


@pytest.mark.parametrize("text", [
    "Four men were charged with the attempted murders of three teenagers on the east side.",
    "He was charged over the failed assassination of two judges.",
])
def test_a_killing_that_failed_is_no_death(numbers, text):
    assert not [c for c in numbers(text)["casualties"] if c.kind == "killed" and c.value > 0]


@pytest.mark.parametrize("text, killed, injured", [
    # a dateline the parser made a second subject: the subject after the dash is the victim
    ("PINECREST, Dunmore County — A 5-year-old girl was flown to Riverside Children's Hospital after her 6-year-old cousin "
     "accidentally shot her in the hand Thursday, deputies said.", 0, 1),
    # subjects the parser split from one list still count together
    ("A farmer, his wife and a neighbour were shot dead on Sunday.", 3, 0),
])
def test_a_heading_run_into_the_sentence_is_no_victim(extract, text, killed, injured):
    [event] = extract(text, published="2015-06-01").events
    assert (event.fatalities.value if event.fatalities else 0, event.injured.value if event.injured else 0) == (killed, injured)


@pytest.mark.parametrize("text, injured", [
    # a reflexive object is its subject, and "at" a place does not make the shot aimed-at
    ("A toddler shot himself in the hand at a home on Thursday.", 1),
    # an age stands for the person found with a wound
    ("When deputies got to the house, they found a three-year-old with a gunshot wound to her shoulder.", 1),
    # aimed, not hit
    ("Gunmen shot at police officers outside the station on Monday.", 0),
])
def test_who_was_hit(extract, text, injured):
    [event] = extract(text, published="2015-06-01").events
    assert (event.injured.value if event.injured else 0) == injured


# -- a killer's own death -------------------------------------------------------------------------
@pytest.mark.parametrize("text, killed", [
    ("Investigators say a 41-year-old man shot his 9-year-old son to death and then killed himself.", 2),
    ("Police said the man killed his wife and three children on Sunday, then shot himself in the head.", 5),
    ("Police said Corwin shot and killed Dana Lindqvist and Toby Corwin inside their house, then shot and killed himself.", 3),
    ("Police said a man killed his wife before killing himself.", 2),
    ("Stanwick police investigate an apparent double murder-suicide at a farmhouse.", 3),
    ("Police said the gunman killed two people before turning the gun on himself.", 3),
])
def test_a_killer_who_then_kills_himself_is_one_more_dead(extract, text, killed):
    [event] = extract(text, published="2015-06-01").events
    assert event.fatalities is not None and event.fatalities.value == killed


def test_a_shooter_who_wounds_or_kills_only_himself_adds_no_other_death(numbers):
    leg = numbers("The soldier shot a colleague dead and then shot himself in the leg, the army said.")
    assert not any("himself" in c.text for c in leg["casualties"] if c.kind == "killed")
    child = numbers("A toddler shot himself in the hand at a home on Thursday.")
    assert [(c.kind, c.value, c.additional) for c in child["casualties"]] == [("injured", 1, False)]
    alone = numbers("A man turned the gun on himself following an hours-long standoff with deputies, the sheriff said.")
    assert not [c for c in alone["casualties"] if c.kind == "killed"]


def test_a_headlines_bare_count_after_its_verb_is_the_count(numbers):
    # "…, Injuring 4: Police": no noun after the number, which the parser hangs on the verb
    data = numbers("4 Teens Open Fire on Harlow Street, Injuring 4: Police.")
    assert (4, "exact", False) in figures(data, "injured")
    assert figures(numbers("The gunman shot 2 on Friday, injuring 3 others and killing 1."), "killed") == [(1, "exact", False)]


@pytest.mark.parametrize("text", [
    "Deputies determined that the three-year-old had suffered a single 22 caliber gunshot wound to her thigh.",
    "Officers found the teen had a 9-mm gunshot wound to the leg.",
    "Men Shoot 30 Rounds in Harlow Park, police said.",
])
def test_a_calibre_or_the_rounds_fired_count_nobody(numbers, text):
    # the number measures the gun, or counts what was fired: at most the one person hit
    assert all(c.value <= 1 for c in numbers(text)["casualties"])


def test_a_channel_number_in_an_outlet_named_after_a_title_is_no_figure(numbers):
    data = numbers("Brockfield 6-year-old allegedly shoots child - KQRT-TV 7-News, Weather, Sports-Riverton, MS.\n\n"
                   "The Brockfield Police Department is looking into a shooting.")
    assert [(c.kind, c.value) for c in data["casualties"]] == [("injured", 1)]  # the child, not the channel's 7


@pytest.mark.parametrize("found", ["Vantreese and Halstead", "the two women"])
def test_others_found_with_gunshot_wounds_are_others_than_the_dead(extract, found):
    rec = extract("Police have named two women killed in a Thursday night shooting at a motel in Fernbrook. "
                  f"When officers got there, they found {found}, who were declared dead at the motel, "
                  "and three others with gunshot wounds, police said.")
    ev = rec.events[0]
    assert (ev.fatalities.value, ev.injured.value) == (2, 3)  # not 3 hit, two of them the dead


def test_a_bare_another_wounded_is_one_more_victim(numbers):
    data = numbers("He killed four classmates and badly wounded another in the school library.")
    assert figures(data, "killed") == [(4, "exact", False)] and figures(data, "injured") == [(1, "exact", False)]
    assert not numbers("The two men shot at one another outside the bar.")["casualties"]  # reciprocal, no victim


def test_a_number_does_not_count_across_a_line_break(numbers):
    # a cut-off line ("around 10" p.m.) before a headline: the parser hangs 10 on "Man"
    data = numbers("This happened around 10\n\nMan shot and killed after meeting buyer for his motorcycle, police say")
    assert figures(data, "killed") == [(1, "exact", False)]


def test_people_taken_to_hospital_for_treatment_are_alive(extract):
    rec = extract("Two victims, a 31-year-old woman and a 34-year-old man, died at the scene. Three victims were all "
                  "taken to an area hospital for treatment of minor injuries, police said.")
    ev = rec.events[0]
    assert (ev.fatalities.value, ev.injured.value) == (2, 3)  # not 3 hit, two of them the dead


def test_people_taken_to_hospital_where_one_died_are_everyone_hit(numbers):
    data = numbers("Four people were shot and taken to hospital, where one later died.")
    assert any(c.kind == "injured" and c.value == 4 and c.inclusive for c in data["casualties"])


@pytest.mark.parametrize("text, wrong", [
    ("He was one of four pupils between the ages of 9 and 14 hospitalized after the crash.", 14),
    ("Three boys, ages 10 and 12 hospitalized, were treated at the scene.", 12),
])
def test_an_age_range_is_no_count(numbers, text, wrong):
    assert wrong not in [v for v, _, _ in figures(numbers(text), "injured")]


def test_a_toll_summed_across_the_city_is_no_incidents_figure(extract):
    text = ("A man was shot dead in a park on Friday night, police said. "
            "Police said six more people were hurt in shootings across the city that night.")
    rec = extract(text, published="2024-03-02")
    shooting = [e for e in rec.events if e.fatalities is not None and e.fatalities.value == 1]
    assert shooting and all(e.injured is None or e.injured.value != 6 for e in rec.events)


# -- the word gate of the casualty finder ----------------------------------------------------------
GATE_SENTENCES = [
    "Gunmen killed three villagers and wounded five others on Sunday.",
    "Two men lost their lives when the boat capsized.",
    "Police said a double homicide left the neighbourhood in shock.",
    "Four teens shot, one fatally, at a party.",
    "A 23-year-old was gunned down outside a bar.",
    "The man was taken to a hospital for treatment of gunshot wounds.",
    "Three others are in serious condition.",
    "It was a deadly shooting, the sheriff said.",
    "The death toll rose to 41 on Tuesday.",
    "There were no casualties, the army said.",
    "Two people were shot dead and 16 shot, 1 fatally.",
    "She was hit by a stray bullet while asleep.",
    "Five people are dead and nine injured after the blast.",
    "Man shoots neighbour over parking dispute",
    "The killings of two activists and the injuries of six police officers were condemned.",
]


def test_the_casualty_finder_passes_over_no_word_a_branch_reads(extractor, monkeypatch):
    """The finder visits only the tokens whose word a branch reads (``words_read``): made to visit
    every token it must find the very same figures."""
    from sitreps.parse import sents_of, tokens_in
    from sitreps.stages.numbers import casualties as C

    def figures_found():
        out = []
        for text in GATE_SENTENCES:
            doc = extractor.nlp(text)
            finder = C.Finder(text)
            out.append([(m.kind, m.value, m.text) for i, s in enumerate(sents_of(doc)) for m, _, _ in finder.find(s, i)])
        return out

    gated = figures_found()
    monkeypatch.setattr(C, "tokens_among", lambda span, words: list(tokens_in(span)))
    opened = figures_found()
    assert sum(map(len, opened)) >= 20  # the sentences exercise the branches
    assert gated == opened


WEAPON_SENTENCES = [
    "Air defences shot down 16 of the 18 cruise missiles and 40 of 50 drones overnight.",
    "A missile hit an apartment block and a power station in the city, damaging a school building.",
    "Police fired tear gas and rubber bullets; a roadside bomb later struck a military convoy.",
    "Shelling damaged port infrastructure and a hospital, and a drone hit a residential building.",
]


def test_the_weapon_and_target_finders_pass_over_no_word_they_read(numbers, monkeypatch):
    """The weapon and target finders visit only the tokens of their lexicons' head words: made to
    visit every token they must find the very same weapons and targets."""
    from sitreps.parse import tokens_in
    from sitreps.stages.numbers import weapons as W

    def found():
        return [[(m.kind, m.text) for key in ("weapons", "targets") for m in numbers(text)[key]] for text in WEAPON_SENTENCES]

    gated = found()
    monkeypatch.setattr(W, "tokens_among", lambda span, words: list(tokens_in(span)))
    opened = found()
    assert sum(map(len, opened)) >= 10  # the sentences name weapons and targets of many kinds
    assert gated == opened


@pytest.mark.parametrize("text, killed", [
    ("Israeli forces killed three Palestinians during a raid in the city of Tubas on Thursday.", 3),
    ("A rocket attack killed two Israelis near the border on Friday, the army said.", 2),
])
def test_a_peoples_name_counted_in_the_plural_is_people(extract, text, killed):
    events = extract(text, published="2025-08-14").events
    assert [e.fatalities.value for e in events if e.fatalities] == [killed]
