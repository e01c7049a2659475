"""Deaths and injuries caused by a hazard, a crash, disease or hunger are no one's violence: no
violent event, no invented conflict toll, and a hazard does no act; the same words beside a real
attack change nothing. (Sentences written for these tests.)"""

from __future__ import annotations

import pytest

from sitreps.evaluation.labels import is_violent

NOT_VIOLENCE = [
    # the hazard is the subject; a clause describing a victim shares the cause
    "A powerful earthquake in western Turkey killed eleven people, among them a man whose car was hit by falling "
    "stones, and damaged about 900 homes, officials said.",
    # the cause is the subject of an "after" clause hanging deeper in the sentence
    "The number of dead rose to 41 and dozens were still reported missing on Sunday after heavy rains and floods hit "
    "the south of the country",
    "A landslide triggered by days of rain buried a village and killed 30 people as it swept down the valley",
    "A woman was flown to hospital after sustaining serious injuries in a collision near the bridge.",
    "Dozens of people were hurt on Tuesday after the volcano erupted near the coast.",
    "Four children died of cholera in the camp last week.",
    # a man-made hazard's verb in the clause that says when or why
    "Eleven people were killed when their minibus plunged into a ravine.",
    "Three workers were killed when their truck overturned on the highway.",
    # "the accident" refers back to the hazard the article told
    "Nine passengers died when their coach plunged down an embankment. Another 14 were hurt in the Tuesday accident, "
    "the regional police said.",
]


@pytest.mark.parametrize("text", NOT_VIOLENCE)
def test_a_toll_of_a_hazard_is_no_violent_event(extractor, text):
    record = extractor(text)
    assert not [e for e in record.events if is_violent(e)]


@pytest.mark.parametrize("text", [
    "Mount Etna, Europe's most active volcano, erupted on Friday, sending ash and lava high above the island",
    "A strong earthquake struck the region on Monday, sending tremors as far as the capital",
    "A tsunami killed 90 people as it crashed without warning into beaches along the coast",
])
def test_a_hazard_does_no_act(extractor, text):
    # "sending" reads as aid and a wave that "crashed into" as an attack when no hazard is in view
    assert extractor(text).events == []


@pytest.mark.parametrize("text, killed", [
    ("Gunmen killed five people in a village hit by floods last year.", 5),
    ("Floods hit the region on Monday as militants attacked a village, killing five people.", 5),
    ("Floods hit the region on Monday and militants attacked a village, killing five people.", 5),
    ("Two soldiers died in a helicopter crash, the army said, while a drone strike killed three civilians in Kherson.", 3),
    ("A man was airlifted to hospital after being shot in the chest on Friday.", 0),
])
def test_violence_told_beside_a_hazard_stays(extractor, text, killed):
    violent = [e for e in extractor(text, published="2019-01-01").events if is_violent(e)]
    assert len(violent) == 1
    assert (violent[0].fatalities.value if violent[0].fatalities else 0) == killed


@pytest.mark.parametrize("text, kind, word", [
    ("A strong earthquake killed eight people in the mountains on Monday.", "natural", "earthquake"),
    ("The death toll climbed to 23 after floods swept through the valley.", "natural", "floods"),
    ("Three people were injured in a crash on the highway near the port.", "man_made", "crash"),
])
def test_the_record_names_the_hazard_that_caused_the_toll(extract, text, kind, word):
    record = extract(text, published="2024-06-05")
    assert [(h.kind, h.text, text[h.start:h.end]) for h in record.hazards] == [(kind, word, word)]


def test_an_attack_names_no_hazard(extract):
    record = extract("Gunmen killed five villagers in a raid on a market on Sunday.", published="2024-06-05")
    assert record.hazards == [] and [e for e in record.events if is_violent(e)]



@pytest.mark.parametrize("text, kind, word", [
    # told as happening, with no toll tied to it
    ("Volcanic ash covered the slopes of the resort after the volcano erupted on Tuesday.", "natural", "volcano"),
    ("Heavy flooding has reached seven districts of the delta since early April.", "natural", "flooding"),
    ("A fishing trawler sank in the harbour after it collided with a ferry at dawn.", "man_made", "collided"),
    # an explosion the context rules read as an accident, in a blaze (a man-made hazard of its own)
    ("Paint cans and a gas bottle exploded during a blaze in a storage shed on Monday.", "man_made", "exploded blaze"),
    # spills, leaks and poisoning (industrial and health disasters), snow (a natural one)
    ("Crews worked through the night to contain an oil spill off the coast.", "man_made", "spill"),
    ("Four diners were treated for food poisoning after eating fish at a cafe.", "man_made", "poisoning"),
    ("Heavy snowfall closed mountain roads in the north on Tuesday.", "natural", "snowfall"),
])
def test_the_record_names_a_hazard_told_without_a_toll(extract, text, kind, word):
    record = extract(text, published="2024-06-05")
    assert [(h.kind, h.text) for h in record.hazards] == [(kind, w) for w in word.split()]
    assert not [e for e in record.events if is_violent(e)]


@pytest.mark.parametrize("text", [
    "Four workers died and three were hurt when a boiler at a textile mill exploded on Wednesday.",
    "Nine people died and about 20 were hurt when an unlicensed fireworks store exploded in the old town.",
])
def test_a_toll_of_an_accidental_explosion_is_an_accident_not_an_attack(extract, text):
    record = extract(text, published="2024-06-05")
    assert not [e for e in record.events if is_violent(e)]
    assert [(h.kind, h.text) for h in record.hazards] == [("man_made", "exploded")]


@pytest.mark.parametrize("text", [
    "Detainees at the jail went on hunger strike on Thursday over their months without trial.",
    "A flood of refugees crossed the border as a storm of protest grew in the capital.",
    "A bomb exploded in a crowded market on Monday, killing six people.",
])
def test_a_figure_of_speech_or_an_attack_names_no_hazard(extract, text):
    assert extract(text, published="2024-06-05").hazards == []


def test_a_gun_that_went_off_by_accident_is_no_disaster(extract):
    # GVA and police count an accidental shooting as gun violence: a killing, and no hazard
    record = extract("A 12-year-old boy was killed when a hunting rifle his uncle was cleaning went off by accident, police said.",
                     published="2015-06-01")
    assert record.hazards == []
    assert [e.fatalities.value for e in record.events if is_violent(e) and e.fatalities] == [1]


@pytest.mark.parametrize("text, events", [
    # help, rescue and evacuation that a disaster caused are no political events
    ("After heavy rains in the hills, soldiers were mobilized on Monday to help stranded villagers and move "
     "families to safety.", 0),
    # troops mobilised after clashes: the cause is no hazard
    ("After clashes on the border, the army mobilized two brigades and evacuated residents of the area.", 1),
])
def test_relief_that_a_hazard_caused_is_no_event(extract_all, text, events):
    told = [e for e in extract_all(text, published="2024-06-05").events if e.plover in ("MOBILIZE", "RETREAT", "AID")]
    assert len(told) >= 1 if events else told == []


@pytest.mark.parametrize("text, violent", [
    # the explosion told again is the accident told before, when nothing hostile is told anywhere
    ("During a blaze in a workshop on Monday, two gas cylinders exploded. The owner was away, and after the "
     "explosion his neighbours helped firefighters carry out the tools.", 0),
    ("Militants planted a bomb near the market. The explosion killed three people on Monday.", 1),
])
def test_an_explosion_in_an_article_of_an_accident_is_that_accident(extract_all, text, violent):
    events = [e for e in extract_all(text, published="2018-04-10").events if is_violent(e)]
    assert len(events) == violent


def test_an_accident_the_article_tells_no_hazard_of_stays_gun_violence(extract):
    # "the accident" refers back only to a hazard the article tells: here there is none
    record = extract("A boy of 9 was wounded in the accident at his home on Friday, when his cousin fired a pistol he "
                     "found in a drawer, police said.", published="2015-06-01")
    assert record.hazards == [] and [e.injured.value for e in record.events if is_violent(e) and e.injured] == [1]


@pytest.mark.parametrize("text", [
    # the attack is the doer of the passive verb, or the subject of a verb of causing: the spill is what it did
    "A huge oil spill was caused by a bomb attack on the pipeline near the river on Monday.",
    "The bombing of the pipeline on Monday resulted in an oil spill that reached the river.",
])
def test_a_hazard_an_attack_brought_about_leaves_the_attack(extract, text):
    record = extract(text, published="2024-06-05")
    assert [e for e in record.events if is_violent(e)]
    assert [h.text for h in record.hazards] == ["spill"]


@pytest.mark.parametrize("text", [
    # a headline's chain of compounds names the toll's hazard
    "Iran Earthquake Death Toll Crosses 2,200. Aftershocks Continue",
    # "earthquake hit areas" (quake-hit), which the parser reads as troops hitting areas
    "Soldiers are helping local officials clear rubble in flood hit villages of the valley.",
])
def test_a_toll_or_an_act_a_hazard_names_in_a_compound_is_no_violence(extract, text):
    assert not [e for e in extract(text, published="2024-06-05").events if is_violent(e)]


@pytest.mark.parametrize("text, events", [
    # an article that tells a disaster and no violence or protest: mobilising and evacuating answer it
    ("Heavy snow has cut off dozens of villages in the north. The army mobilized two engineering units on Friday to reopen the roads.", 0),
    ("Dozens were injured when the river burst its banks after a week of heavy rain. About 3,000 residents were evacuated.", 0),
    # with no disaster told, the same acts are events
    ("The military mobilized 2,000 reservists on Tuesday and moved them to the western border.", 1),
])
def test_relief_in_an_article_of_a_disaster_is_no_event(extract_all, text, events):
    told = [e for e in extract_all(text, published="2024-06-05").events if e.plover in ("MOBILIZE", "RETREAT", "AID")]
    assert len(told) == events


def test_a_toll_named_by_its_hazard_is_that_hazards(extract):
    record = extract("The flood death toll rose to 61 on Sunday, officials said.", published="2024-06-05")
    assert not [e for e in record.events if is_violent(e)]
    assert [h.text for h in record.hazards] == ["flood"]
