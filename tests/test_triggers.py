"""Event triggers and their types: each ACLED sub-event type the rules support, PLOVER roots of
political events, and the flags that keep threats, plans and denials from being coded."""

from __future__ import annotations

import pytest

from sitreps.stages.triggers import SENSES, TriggerFinder

ACLED_SUBTYPES = {
    "Armed clash", "Government regains territory", "Non-state actor overtakes territory", "Chemical weapon",
    "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade",
    "Sexual violence", "Attack", "Abduction/forced disappearance", "Peaceful protest", "Protest with intervention",
    "Excessive force against protesters", "Violent demonstration", "Mob violence", "Agreement", "Arrests",
    "Change to group/activity", "Disrupted weapons use", "Headquarters or base established",
    "Looting/property destruction", "Non-violent transfer of territory", "Other",
}
ACLED_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots", "Strategic developments"}


@pytest.fixture(scope="module")
def triggers(extractor):
    finder = TriggerFinder()

    def run(text: str):
        return finder.find(extractor.nlp(text))

    return run


def main(found):
    real = [t for t in found if not (t.negated or t.hypothetical or t.future)]
    assert real, f"no real trigger in {[(t.text, t.plover) for t in found]}"
    return max(real, key=lambda t: (t.score, -t.start))


def test_every_lexicon_sense_is_typed_or_resolved():
    from sitreps.stages.triggers import GENERIC
    from sitreps.stages.triggers.lexicon import PHRASES, TRIGGERS

    senses = {sense for rows in TRIGGERS.values() for _, sense, _ in rows}
    senses |= {sense for rows in PHRASES.values() for _, _, sense, _ in rows}
    assert senses <= set(SENSES) | GENERIC, senses - set(SENSES) - GENERIC


def test_sense_table_spells_acled_exactly():
    for plover, acled_type, acled_sub in SENSES.values():
        assert (acled_type is None) == (acled_sub is None)
        if acled_type is not None:
            assert acled_type in ACLED_TYPES
            assert acled_sub in ACLED_SUBTYPES


@pytest.mark.parametrize(
    "text, subtype, plover",
    [
        ("Russian drones struck an apartment block in the city overnight, killing three people.", "Air/drone strike", "FIGHT"),
        ("Warplanes pounded rebel positions outside the town on Tuesday.", "Air/drone strike", "FIGHT"),
        ("Artillery shelling hit a residential district of Donetsk on Monday.", "Shelling/artillery/missile attack", "FIGHT"),
        ("Militants fired rockets at the border town late on Friday.", "Shelling/artillery/missile attack", "FIGHT"),
        ("A roadside bomb exploded near a military convoy in Helmand province.", "Remote explosive/landmine/IED", "ASSAULT"),
        ("A suicide bomber blew himself up outside a mosque, killing 20 worshippers.", "Suicide bomb", "ASSAULT"),
        ("Unidentified men threw a grenade at a police station in the market town.", "Grenade", "ASSAULT"),
        ("Government helicopters dropped chlorine on the besieged suburb, witnesses said.", "Chemical weapon", "FIGHT"),
        ("Militants attacked an army checkpoint, sparking a gun battle that lasted hours.", "Armed clash", "FIGHT"),
        ("Gunmen attacked a village in the north on Sunday, killing 12 residents.", "Attack", "ASSAULT"),
        ("Armed men abducted 30 students from a boarding school overnight.", "Abduction/forced disappearance", "ASSAULT"),
        ("Soldiers raped two women in the village, a rights group said.", "Sexual violence", "ASSAULT"),
        ("Government troops recaptured the town from the rebels after a week of fighting.", "Government regains territory", "FIGHT"),
        ("Insurgents seized control of the district headquarters on Thursday.", "Non-state actor overtakes territory", "FIGHT"),
        ("Thousands of people rallied peacefully in the capital to demand higher wages.", "Peaceful protest", "PROTEST"),
        ("Police fired tear gas to disperse hundreds of protesters outside parliament.", "Protest with intervention", "PROTEST"),
        ("Security forces opened fire on protesters, killing five people.", "Excessive force against protesters", "COERCE"),
        ("Rioters torched cars and looted shops after the verdict.", "Violent demonstration", "PROTEST"),
        ("A mob lynched a man accused of theft in the township.", "Mob violence", "ASSAULT"),
        ("The two warring parties signed a ceasefire agreement in the capital.", "Agreement", "AGREE"),
        ("Police arrested 15 people suspected of links to the group.", "Arrests", "COERCE"),
        ("Air defences shot down 31 drones over the region overnight, the air force said.", "Disrupted weapons use", "FIGHT"),
        ("Soldiers found a cache of weapons and ammunition in an abandoned house.", "Disrupted weapons use", "COERCE"),
        ("Foreign troops set up a new military base near the border.", "Headquarters or base established", "MOBILIZE"),
        ("Armed men looted shops and burned houses in the village.", "Looting/property destruction", "COERCE"),
        ("The militia handed over control of the town to the army under the deal.", "Non-violent transfer of territory", "RETREAT"),
        ("Hundreds of fighters defected to the government side, a commander said.", "Change to group/activity", "MOBILIZE"),
    ],
)
def test_acled_subtypes(triggers, text, subtype, plover):
    t = main(triggers(text))
    assert t.acled_subtype == subtype, (t.text, t.acled_subtype)
    assert t.plover == plover


@pytest.mark.parametrize(
    "text, plover",
    [
        ("The foreign ministers of both countries met in Geneva on Monday.", "CONSULT"),
        ("The government imposed sanctions on five senior officials.", "SANCTION"),
        ("The president condemned the decision as reckless.", "DISAPPROVE"),
        ("Iran accused the United States of sabotage at the plant.", "ACCUSE"),
        ("The opposition rejected the proposal outright.", "REJECT"),
        ("The group threatened to attack government buildings.", "THREATEN"),
        ("Union leaders demanded the release of the detained workers.", "DEMAND"),
        ("Prosecutors opened an investigation into the killings.", "INVESTIGATE"),
        ("The ministry sent humanitarian aid to the flooded region.", "AID"),
    ],
)
def test_plover_roots(triggers, text, plover):
    assert main(triggers(text)).plover == plover


@pytest.mark.parametrize("text, subtype", [
    ("On the edge of town, a drone slammed into a family home, injuring a teenage boy.", "Air/drone strike"),
    ("A missile crashed into a shopping centre in the port city on Monday.", "Shelling/artillery/missile attack"),
])
def test_a_weapon_that_slams_or_crashes_into_something_struck_it(triggers, text, subtype):
    assert main(triggers(text)).acled_subtype == subtype


@pytest.mark.parametrize("text", [
    "A glide bomb tore through a block of flats in the city centre on Sunday, wounding six residents.",
    "Russian forces dropped KABs on the town overnight, killing two people.",
])
def test_a_bomb_dropped_from_the_air_is_an_air_strike(triggers, text):
    assert main(triggers(text)).acled_subtype == "Air/drone strike"


@pytest.mark.parametrize("text, subtype", [
    ("Gunmen rounded up 30 villagers in the town on Sunday and marched them into the forest.", "Abduction/forced disappearance"),
    ("Militants detained two aid workers at a checkpoint outside the town on Sunday.", "Abduction/forced disappearance"),
    ("Police arrested 12 people after the clashes in the town on Sunday.", "Arrests"),
])
def test_people_an_armed_group_seizes_are_abducted_and_arrests_are_the_states(triggers, text, subtype):
    assert main(triggers(text)).acled_subtype == subtype


def test_a_person_who_slams_criticises_and_a_crash_is_no_attack(triggers):
    assert main(triggers("The opposition leader slammed the government's decision on Monday.")).plover == "DISAPPROVE"
    found = triggers("A car crashed into a wall on the highway on Monday.")
    assert not any(t.acled_type for t in found), [(t.text, t.acled_subtype) for t in found]


def test_threat_is_hypothetical_not_an_attack(triggers):
    found = triggers("The group threatened to attack government buildings.")
    attack = [t for t in found if t.text.startswith("attack")]
    assert attack and attack[0].hypothetical
    assert not any(t.acled_type and not (t.hypothetical or t.negated or t.future) for t in found)


@pytest.mark.parametrize("text, real", [
    ("Glide bombs like these are difficult for the army's air defence units to shoot down.", False),
    ("Cheap drones are easy to shoot down, the general said.", False),
    ("Air defences shot down 20 drones that were hard to spot.", True),
])
def test_an_act_an_adjective_rates_did_not_happen(triggers, text, real):
    found = [t for t in triggers(text) if t.acled_subtype == "Disrupted weapons use"]
    assert found and (not found[0].hypothetical) == real


@pytest.mark.parametrize("text, abduction", [
    ("The militants must free the hostages they are still holding, the envoy said.", False),
    ("Families of the hostages held in Gaza marched in Tel Aviv.", False),
    ("Gunmen took 20 people hostage at a hotel in Mogadishu.", True),
    ("Militants seized dozens of hostages in a raid on a school.", True),
    ("Five soldiers were taken hostage near Gao.", True),
])
def test_hostages_are_an_abduction_only_when_taken(triggers, text, abduction):
    found = [t for t in triggers(text) if t.acled_subtype == "Abduction/forced disappearance"]
    assert bool(found) is abduction, [(t.text, t.acled_subtype) for t in triggers(text)]


@pytest.mark.parametrize("text", [
    "Phone footage showed volunteers battling to put out the flames in the barn.",
    "Firefighters battled the blaze for hours.",
    "Doctors are fighting to save the wounded.",
])
def test_an_effort_is_no_armed_clash(triggers, text):
    assert not [t for t in triggers(text) if t.acled_subtype == "Armed clash"]


def test_troops_battling_militants_is_an_armed_clash(triggers):
    assert main(triggers("Troops battled militants near Maiduguri on Monday.")).acled_subtype == "Armed clash"


def test_denial_is_negated(triggers):
    found = triggers("The army did not attack the town, a spokesman said.")
    assert found and all(t.negated for t in found if t.acled_type)


def test_plans_and_will_are_future(triggers):
    for text in ("The foreign ministers will hold talks in Geneva next week.",
                 "The two leaders plan to meet in Ankara next month."):
        found = [t for t in triggers(text) if t.plover == "CONSULT"]
        assert found and all(t.future for t in found), text


def test_no_one_killed_negates_the_deaths_not_the_attack(triggers):
    found = triggers("No one was killed in the attack on the checkpoint, police said.")
    assert [t for t in found if t.text == "attack" and not t.negated]
    killed = [t for t in found if t.text == "killed"]
    assert killed and all(t.negated for t in killed)


def test_without_negates_what_it_governs(triggers):
    found = triggers("The storm came ashore without warning, and the convoy left without a fight.")
    told = [t for t in found if t.text in ("warning", "fight")]
    assert told and all(t.negated for t in told)


def test_rockets_fired_from_the_ground_are_not_air_strikes(triggers):
    found = triggers("Israeli jets struck targets in Gaza after rockets were fired from the enclave.")
    fired = [t for t in found if t.text.startswith("rockets")]
    assert fired and fired[0].acled_subtype == "Shelling/artillery/missile attack"


def test_could_and_if_are_hypothetical(triggers):
    found = triggers("Officials warned that the rebels could attack the city if talks fail.")
    attack = [t for t in found if t.text.startswith("attack")]
    assert attack and attack[0].hypothetical


@pytest.mark.parametrize("text, word", [
    ("Mediators were pressing both sides to agree on a truce and the release of prisoners.", "agree"),
    ("Envoys encouraged the two governments to sign a border deal.", "sign"),
    ("Months of efforts to reach a ceasefire have stalled.", "ceasefire"),
])
def test_pressing_someone_to_act_tells_no_act(triggers, text, word):
    found = [t for t in triggers(text) if t.text.split()[0] == word]
    assert found and all(t.hypothetical for t in found), [(t.text, t.hypothetical) for t in found]


def test_no_strikes_is_negated(triggers):
    found = [t for t in triggers("No air strikes were reported in the province on Sunday.") if t.acled_type]
    assert found and all(t.negated for t in found)


def test_weapons_found_are_not_explosions(triggers):
    found = triggers("Police found two explosive devices near the station and defused them.")
    assert not any(t.acled_subtype == "Remote explosive/landmine/IED" for t in found)


def test_labour_strike_is_a_protest(triggers):
    assert main(triggers("Teachers went on strike across the country over unpaid wages.")).plover == "PROTEST"


@pytest.mark.parametrize("text", [
    "Six workers were injured when a gas cylinder exploded at a textile factory on Monday.",
    "A boiler explosion at the chemical plant killed two employees, the fire brigade said.",
    "Floods killed 14 people in the northern provinces after days of torrential rain.",
])
def test_accidents_and_hazards_are_not_political_violence(triggers, text):
    assert not [t for t in triggers(text) if t.acled_type in ("Explosions/Remote violence", "Violence against civilians", "Battles")]


def test_unopposed_takeover_is_a_transfer(triggers):
    t = main(triggers("Rebel fighters entered the town on Sunday after government troops withdrew from it overnight."))
    assert t.acled_subtype in ("Non-violent transfer of territory", "Change to group/activity")
    found = triggers("Rebel fighters took control of the town after government troops pulled out.")
    assert any(t.acled_subtype == "Non-violent transfer of territory" for t in found)


def test_riot_police_is_no_riot(triggers):
    found = triggers("Riot police stood guard outside the court as the verdict was read.")
    assert not any(t.acled_type == "Riots" for t in found)


@pytest.mark.parametrize("text, protest, field, value", [
    # "March" in a date lower-cases to the protest word "march"
    ("Ortega and his nephew were shot dead when a gunman entered the bakery on March 14.",
     "Thousands joined a march through the capital on Saturday.", "plover", "PROTEST"),
    # a celebration's rally is no demonstration; a rally of protesters still is
    ("Someone fired a gun near the fan zone as the championship rally after the parade broke up.",
     "Police fired on the rally in the capital, killing two protesters.", "acled_subtype", "Excessive force against protesters"),
    # "the rally" of an article that calls it a victory rally elsewhere is that celebration
    ("About 800 officers were present at the rally when a man fired a gun. Every player who went to the victory "
     "rally was safe, the team said.", "Thousands joined the rally in the capital to demand the minister's resignation.",
     "plover", "PROTEST"),
])
def test_a_protest_word_that_tells_no_protest(triggers, text, protest, field, value):
    found = triggers(text)
    assert found and not any(t.acled_type in ("Protests", "Riots") for t in found)
    assert getattr(main(triggers(protest)), field) == value


def test_an_arrest_after_a_shooting_makes_it_no_protest(triggers):
    # arrests and cordons tell a protest's policing only beside a protest word; crowd control alone does
    found = triggers("After the shooting, police arrested two men in the neighbourhood.")
    assert not any(t.acled_type in ("Protests", "Riots") for t in found if t.text == "shooting")
    assert main(triggers("Police fired rubber bullets in the square.")).acled_subtype == "Protest with intervention"
    assert main(triggers("Police fired tear gas and arrested dozens of protesters.")).plover == "PROTEST"


def test_one_attackers_rampage_is_no_riot(triggers):
    spree = triggers("A man armed with a rifle went on a rampage at a warehouse on Monday, killing three co-workers and wounding one.")
    assert not any(t.acled_type == "Riots" for t in spree)
    mob = triggers("Rioters went on a rampage through the market, looting shops.")
    assert any(t.text == "rampage" and t.acled_type == "Riots" for t in mob)


def test_a_plural_noun_opening_a_paragraph_tagged_a_proper_noun_is_still_a_trigger(triggers):
    found = triggers("Israel strikes Damascus\n\nClashes between two militias in the Homs province have killed at least 40 people since Friday.")
    assert "Clashes" in [t.text for t in found]


def test_a_riot_word_that_tells_none_happened_makes_no_riot(triggers):
    told = "Hundreds of farmers rallied outside the ministry on Monday to protest against the new tax. "
    assert main(triggers(told + "No clashes were reported.")).acled_subtype == "Peaceful protest"
    assert main(triggers(told + "Clashes broke out with police.")).acled_subtype == "Violent demonstration"


def test_officers_attacking_a_peaceful_rally(triggers):
    t = main(triggers("Police officers beat and injured students at a peaceful demonstration in the capital."))
    assert t.acled_subtype == "Excessive force against protesters"


def test_trigger_spans_are_evidence(extract):
    text = "Russian drones struck an apartment block in Kharkiv overnight, killing three people."
    record = extract(text)
    assert record.events
    for e in record.events:
        assert text[e.trigger.start : e.trigger.end] == e.trigger.text
    assert record.events[0].acled_subtype == "Air/drone strike"


def test_threat_makes_no_event(extract):
    record = extract("The militia threatened to shell the port if the blockade continued.")
    assert not [e for e in record.events if e.acled_type == "Explosions/Remote violence"]


def test_hyphenated_adjectives_tell_no_event(triggers):
    found = triggers("Two passengers suffered wounds that doctors said were not life-threatening.")
    assert not [t for t in found if t.plover == "THREATEN"]
    found = triggers("Her injuries are described as non-life-threatening.")
    assert not [t for t in found if t.plover == "THREATEN"]


def test_appeal_for_information_is_no_demand(extract_all):
    # what the triggers find, before the judge weighs it (extract_all keeps every candidate)
    for text in ("Detectives urged anyone with information about the stabbing to contact them.",
                 "Investigators have appealed for witnesses to come forward.",
                 "Whoever saw the robbery is asked to phone the police tip line."):
        assert not [e for e in extract_all(text).events if e.plover == "DEMAND"], text
    record = extract_all("Opposition leaders demanded the release of the detained journalists.")
    assert [e for e in record.events if e.plover == "DEMAND"]


@pytest.mark.parametrize(
    "before, subtype",
    [
        ("Warplanes pounded the north of the territory overnight.", "Air/drone strike"),
        ("Artillery pounded the north of the territory overnight.", "Shelling/artillery/missile attack"),
        ("Drones and artillery pounded the north of the territory overnight.", "Attack"),
        ("Residents described a night of fear.", "Attack"),
    ],
)
def test_a_bare_strike_takes_the_weapon_the_article_names_elsewhere(triggers, before, subtype):
    # a bare "strike" on a home is an attack on civilians unless the article says what struck:
    # only aircraft, or only artillery; with both (or neither) the sentence alone decides
    found = triggers(f"{before} A further strike on a house killed nine people from the same family, medics said.")
    strike = next(t for t in found if t.text == "strike")
    assert strike.acled_subtype == subtype


@pytest.mark.parametrize("text, word, told", [
    # a perpetrator named as the agent: the casualty word tells the act and who did it
    ("At least 40 farmers have been killed around Tanda by rebels armed with knives.", "killed", True),
    ("Three villagers were killed by gunmen overnight.", "killed", True),
    # a weapon or no agent: the word tells only what an incident did
    ("Three villagers were killed in an air strike overnight.", "killed", False),
    ("Three villagers were killed in the village overnight.", "killed", False),
])
def test_a_casualty_word_with_a_perpetrator_tells_the_act(triggers, text, word, told):
    t = next(t for t in triggers(text) if t.text == word)
    assert t.consequence is not told


@pytest.mark.parametrize("text, word, earlier", [
    ("The militia was taking revenge on the farmers after losing battles to the army.", "battles", True),
    ("The navy shelled the harbour in retaliation after a rocket attack on the capital.", "attack", True),
    ("The militants fired mortars in retaliation for the strike on their camp.", "strike", True),
    # "after" alone often tells the same incident ("killed after a drone attack on Kharkiv")
    ("Two people were killed after a drone attack on the city.", "attack", False),
    # "the blast" after "after", in a clause a force does: the incident told before, as the time of a new act
    ("During a search after the bombing, troops shot dead four fighters.", "bombing", True),
    ("Following the attack, troops raided the village and killed two gunmen.", "attack", True),
    # the dead of the blast itself, or a speaker's words about it: no new doer
    ("Two people were killed after the blast, police said.", "blast", False),
])
def test_the_act_an_answer_is_told_after_is_an_earlier_one(triggers, text, word, earlier):
    t = next(t for t in triggers(text) if word in t.text)
    assert t.answered is earlier


@pytest.mark.parametrize("text, consult", [
    ("A police spokesman told a news conference that five people died.", False),
    ("At the press conference, the minister said the talks would resume.", False),
    ("Foreign ministers met at a peace conference in Geneva on Monday.", True),
])
def test_a_news_conference_is_where_someone_speaks_not_a_meeting(triggers, text, consult):
    assert any(t.text == "conference" and t.plover == "CONSULT" for t in triggers(text)) is consult


def test_a_word_the_tokenizer_splits_at_its_hyphen_is_still_a_cue(triggers):
    # spaCy makes "cease", "-", "fire" of "cease-fire": the talks are about peace all the same
    met = next(t for t in triggers("A European envoy met officials in the capital on Monday to discuss a possible "
                                   "cease-fire along the border.") if t.text == "met")
    assert (met.plover, met.acled_subtype) == ("CONSULT", "Agreement")


@pytest.mark.parametrize("text, subtype", [
    ("Students clashed with police outside the university on Monday.", "Violent demonstration"),
    ("Two people were killed as students, the governing party's student wing and police clashed over exam results.", "Violent demonstration"),
    ("Rioters clashed with troops in the old town early Thursday.", "Violent demonstration"),
    ("Soldiers clashed with militants near the border on Monday.", "Armed clash"),
])
def test_people_who_are_no_armed_side_clashing_with_police_riot(triggers, text, subtype):
    clash = next(t for t in triggers(text) if t.text == "clashed")
    assert clash.acled_subtype == subtype


@pytest.mark.parametrize("text, word, subtype", [
    ("Demonstrators hurled rocks at riot police outside the ministry.", "hurled", "Violent demonstration"),
    ("Youths pelted the police with stones in the old city.", "pelted", "Violent demonstration"),
    ("He threw the ball to his son in the park.", "threw", None),
])
def test_stones_thrown_are_a_violent_demonstration(triggers, text, word, subtype):
    found = [t.acled_subtype for t in triggers(text) if t.text == word]
    assert found == ([subtype] if subtype else [])


@pytest.mark.parametrize("text, agree", [
    ("Rescue teams found no sign of life under the collapsed building.", False),
    ("Protesters carried signs calling for an end to the war.", False),
    ("The leaders signed a ceasefire agreement in Doha on Friday.", True),
    ("After the signing of the accord, the troops withdrew.", True),
])
def test_a_sign_is_no_signing(triggers, text, agree):
    # the noun "sign" is an indication or a placard; the verb and "signing" tell an agreement
    assert any(t.plover == "AGREE" and t.text.lower().startswith("sign") for t in triggers(text)) is agree


@pytest.mark.parametrize("text, demand", [
    ("Officers were called at about 9pm on Saturday following reports of a fire.", False),
    ("Ambulance crews were called following the discovery of a body.", False),
    ("The minister called on the rebels to lay down their arms.", True),
    ("The United Nations called for an immediate ceasefire on Monday.", True),
])
def test_police_called_to_a_scene_make_no_demand(triggers, text, demand):
    # "on Friday" is a day, not "called on"; "called following reports" is the parser's clause for a preposition
    assert any(t.plover == "DEMAND" for t in triggers(text)) is demand


@pytest.mark.parametrize("text, word, subtype", [
    ("The army, which renewed its push in May when it ended a truce with the rebels, shelled a depot.", "truce", None),
    ("The ceasefire between the militia and the army collapsed on Sunday.", "ceasefire", None),
    ("Since the collapse of the truce, fighting has spread to the hills.", "truce", None),
    ("The rebels withdrew from the peace accord and massed troops near the river.", "accord", None),
    ("The militia and the army agreed a ceasefire on Sunday.", "agreed", "Agreement"),
    ("A truce between the rebels and the army took hold on Sunday.", "truce", "Agreement"),
])
def test_an_agreement_that_is_ended_or_broken_is_no_new_agreement(triggers, text, word, subtype):
    found = [t.acled_subtype for t in triggers(text) if t.text == word and not (t.negated or t.hypothetical or t.future)]
    assert found == ([subtype] if subtype else [])


@pytest.mark.parametrize("text, word, subtype", [
    ("The minister pledged to free the hostages and disarm the militia.", "pledged", None),
    ("The rebels promised a truce if the army left the valley.", "promised", None),
    ("The rebels and the army signed a deal to swap prisoners on Friday.", "signed", "Agreement"),
])
def test_one_sides_pledge_is_no_acled_agreement(triggers, text, word, subtype):
    # ACLED's agreement binds two sides; a promise stays PLOVER's AGREE at most
    found = [t.acled_subtype for t in triggers(text) if t.text == word]
    assert all(s == subtype for s in found) and (found or subtype is None)


@pytest.mark.parametrize("text, subtype", [
    # the parser hangs the shared object on the last verb: "assaulted" still hit the march
    ("Riot police assaulted and wounded a silent march of nurses near the ministry.", "Excessive force against protesters"),
    # officers are police: force they use on a rally is the state's, not a mob's
    ("Officers charged and beat a peaceful march of teachers outside the ministry.", "Excessive force against protesters"),
    ("Gunmen attacked and killed four farmers near the river.", "Attack"),
    ("Rebels attacked the garrison and killed two soldiers.", "Armed clash"),
])
def test_coordinated_verbs_share_their_object(triggers, text, subtype):
    found = [t for t in triggers(text) if t.acled_subtype and not (t.negated or t.hypothetical or t.future)]
    assert found and found[0].acled_subtype == subtype, [(t.text, t.acled_subtype) for t in found]


def test_officers_who_beat_protesters_are_the_state_not_a_mob(triggers):
    found = [t.acled_subtype for t in triggers("Officers beat peaceful protesters with sticks at a rally in the capital.") if t.acled_subtype]
    assert "Excessive force against protesters" in found and "Mob violence" not in found, found


@pytest.mark.parametrize("text, violent", [
    ("The ministry announced new measures targeting landlords who evict families from their houses.", False),
    ("The sanctions hit civilians in the border villages hardest, aid groups said.", False),
    ("New tariffs targeting farmers and villagers took effect on Monday.", False),
    ("Jets hit a market in the town, killing five traders.", True),
    ("Gunmen targeting a police patrol killed two officers.", True),
])
def test_a_policy_that_targets_or_hits_someone_is_no_violence(triggers, text, violent):
    found = [t for t in triggers(text) if t.plover in ("FIGHT", "ASSAULT") and not (t.negated or t.hypothetical or t.future)]
    assert bool(found) is violent, [(t.text, t.acled_subtype) for t in found]


def test_the_trigger_finder_passes_over_no_word_of_another_lexicon(extractor, monkeypatch):
    """The finder visits only the tokens whose word is a trigger or a phrase head: made to visit
    every token it must find the very same triggers."""
    from sitreps.parse import tokens_in
    from sitreps.stages.triggers import typer

    texts = ["Russian forces shelled Kharkiv overnight, killing two, and protesters marched in Kyiv on Monday.",
             "The ministers held talks on a ceasefire and signed an agreement; police arrested 12 people.",
             "Life-threatening injuries were reported after US-backed fighters seized the town and a bomb exploded."]
    finder = TriggerFinder()

    def found():
        return [[(t.text, t.plover, t.score) for t in finder.find(extractor.nlp(text))] for text in texts]

    gated = found()
    monkeypatch.setattr(typer, "tokens_among", lambda span, words: list(tokens_in(span)))
    opened = found()
    assert sum(map(len, opened)) >= 8
    assert gated == opened


@pytest.mark.parametrize("text", [
    "Police discovered three parcels containing explosive devices at a bus depot on Monday.",
    "Police intercepted a van carrying four bombs hidden under sacks of rice.",
])
def test_a_weapon_that_was_found_or_intercepted_tells_no_attack(triggers, text):
    found = [t for t in triggers(text) if not (t.negated or t.hypothetical or t.future)]
    assert found and all(t.acled_subtype == "Disrupted weapons use" for t in found), [(t.text, t.acled_subtype) for t in found]


def test_a_bomb_that_went_off_beside_one_defused_is_still_an_attack(extract):
    events = extract("Police defused one bomb, but a second bomb exploded near the market, killing three people.").events
    assert {e.acled_subtype for e in events} == {"Disrupted weapons use", "Remote explosive/landmine/IED"}


def test_neutralised_fighters_are_killed_not_a_weapon_stopped(triggers):
    found = triggers("The defence ministry said its aircraft had neutralised four militants in the region.")
    assert any(t.plover == "FIGHT" and t.acled_subtype != "Disrupted weapons use" for t in found), [(t.text, t.acled_subtype) for t in found]
    drones = triggers("Air defences neutralised 12 drones over the region overnight.")
    assert any(t.acled_subtype == "Disrupted weapons use" for t in drones)


def test_a_plural_opening_a_sentence_that_the_tagger_reads_as_a_name_is_still_a_trigger(extractor):
    # in some contexts the tagger makes a paragraph's opening "Marches" a proper noun, unlemmatised
    doc = extractor.nlp("Marches in Turin and Naples passed off peacefully.")
    doc[0].tag_, doc[0].pos_, doc[0].lemma_ = "NNP", "PROPN", "Marches"
    assert [t.plover for t in TriggerFinder().find(doc) if t.text == "Marches"] == ["PROTEST"]
    # a name that is no plural of a trigger word stays a name
    doc = extractor.nlp("Davis in Turin said nothing.")
    doc[0].tag_, doc[0].pos_ = "NNP", "PROPN"
    assert not TriggerFinder().find(doc)
