"""Rules as data: the language folders load, their rules are checked, and a second language runs
end to end through the same stages."""

from __future__ import annotations

import pytest

from conftest import check_record

from sitreps.errors import ConfigError
from sitreps.lang import WordSets, choose, load, senses
from sitreps.stages.triggers.context import tables
from sitreps.stages.triggers.rules import compile_rules

SAHEL = (
    "Des hommes armés ont attaqué dimanche le village de Djibo, dans la province du Soum, au Burkina Faso. "
    "Au moins 12 civils ont été tués et 5 autres ont été blessés, a déclaré le gouverneur de la région. "
    "Selon des sources locales, les assaillants ont incendié des maisons et emporté du bétail."
)


def test_a_language_is_read_once_into_a_typed_object():
    en = load("en")
    assert load("en") is en
    assert ("V", "air_strike", 0.9) in en.triggers["airstrike"]
    assert ("air", "mod", "air_strike", 0.9) in en.phrases["strike"]
    assert "warplane" in en.words_of("triggers").air
    # a set English has and French has not written yet is empty in French; a name nobody defines is a typo
    assert load("fr").words_of("triggers").chemical_weak == frozenset()
    with pytest.raises(AttributeError):
        en.words_of("triggers").protestors
    assert not en.experimental and load("fr").experimental


def test_senses_are_one_shared_table():
    assert senses()["mob_violence"] == ("ASSAULT", "Riots", "Mob violence")
    assert senses()["consult"] == ("CONSULT", None, None)


def test_every_rule_of_every_language_compiles():
    for code in ("en", "fr"):
        _, rules = tables(code)
        assert sum(len(r) for r in rules.by_sense.values()) >= len(load(code).rules)


def test_a_language_without_rules_is_a_coded_error():
    with pytest.raises(ConfigError) as err:
        load("de")
    assert err.value.code == "S020" and "auto" in str(err.value)


def test_a_rule_with_an_unknown_key_or_set_is_refused():
    words = WordSets({"armed": frozenset({"soldier"})})
    with pytest.raises(ConfigError) as err:
        compile_rules(({"sense": ["violence"], "lemmas": ["hit"], "then": "attack"},), words, "test")
    assert err.value.code == "S022" and "lemmas" in str(err.value)
    with pytest.raises(ConfigError):
        compile_rules(({"sense": ["violence"], "cues_any": ["$armd"], "then": "attack"},), words, "test")
    with pytest.raises(ConfigError):
        compile_rules(({"sense": ["violence"], "test": ["no_such_check"], "then": "attack"},), words, "test")


def test_language_is_chosen_per_text():
    assert choose("Russian missiles struck the capital overnight, killing at least five people, the mayor said.") == ("en", None)
    assert choose(SAHEL) == ("fr", None)
    code, warning = choose("Los ataques con misiles alcanzaron la capital durante la noche y causaron al menos cinco muertos.")
    assert code is None and "English or French" in warning
    code, warning = choose(SAHEL, "en")
    assert code is None and "does not look like English" in warning


def test_french_runs_end_to_end_through_the_same_stages(extractor):
    record = extractor(SAHEL, published="2021-06-06")
    data = check_record(record)
    assert data["document"]["language"] == "fr"
    assert any(w.startswith("experimental") for w in record.warnings)
    assert record.events, "the attack is found"
    main = record.events[0]
    assert main.trigger.text == "attaqué"
    assert (main.plover, main.acled_type, main.acled_subtype) == ("ASSAULT", "Violence against civilians", "Attack")
    assert main.fatalities is not None and main.fatalities.value == 12
    assert main.injured is not None and main.injured.value == 5
    looting = [e for e in record.events if e.acled_subtype == "Looting/property destruction"]  # "ont incendié des maisons"
    assert looting and looting[0].attribution is not None
    assert looting[0].attribution.source == "des sources locales"  # "Selon ...": the ACCORDING_TO pattern of lang/fr/


def test_french_speech_verbs_attribute_events_and_figures(extractor):
    record = extractor("Le gouverneur de la région a déclaré que 12 civils avaient été tués lors de l'attaque de Djibo.",
                       published="2021-06-06")
    assert record.events
    main = record.events[0]
    assert main.fatalities is not None and main.fatalities.value == 12
    assert main.attribution is not None and main.attribution.source == "Le gouverneur de la région"


def test_english_documents_carry_no_experimental_warning(extractor):
    record = extractor("Gunmen attacked a village in northern Burkina Faso on Sunday, killing 12 civilians, the governor said.",
                       published="2021-06-06")
    assert record.document.language == "en"
    assert record.events
    assert not any(w.startswith("experimental") for w in record.warnings)


@pytest.mark.parametrize("text", [
    "A mob lynched a man accused of stealing a motorbike in the town on Tuesday, police said.",
    "Two suspected thieves were beaten to death by a mob in the market, witnesses said.",
    "Two suspected kidnappers were burnt to death in an act of jungle justice on Friday.",
])
def test_mob_violence_is_coded_as_acled_riots(extractor, text):
    record = extractor(text, published="2024-03-01")
    assert record.events, text
    assert (record.events[0].acled_type, record.events[0].acled_subtype) == ("Riots", "Mob violence"), text


def test_vigilantes_fighting_beside_an_army_are_no_mob(extractor):
    record = extractor("Jihadist fighters raided a market town on Sunday and killed eleven farmers, said local "
                       "vigilantes who patrol with the soldiers.", published="2024-03-01")
    assert record.events
    assert record.events[0].acled_subtype != "Mob violence"


def test_riots_by_demonstrators_stay_violent_demonstrations(extractor):
    record = extractor("Protesters threw stones at police and torched cars in the capital on Monday.", published="2024-03-01")
    assert record.events
    assert record.events[0].acled_subtype == "Violent demonstration"


def test_phrasal_killings_come_from_dependency_patterns(extractor):
    # lang/en/patterns.jsonl: KILLED ("gunned down", "passed away") and KILLED_VICTIM ("took the lives of X")
    assert {"KILLED", "KILLED_VICTIM", "ACCORDING_TO"} <= set(load("en").patterns)
    record = extractor("Gunmen gunned down two farmers near the village on Friday, police said.", published="2024-01-06")
    assert record.events and record.events[0].fatalities is not None
    assert record.events[0].fatalities.value == 2
    record = extractor("The ambush took the lives of 14 soldiers, the army said.", published="2024-01-06")
    assert record.events and record.events[0].fatalities is not None
    assert record.events[0].fatalities.value == 14


@pytest.mark.parametrize("text", [
    "Gunmen gunned down a trader in the market, police said.",  # a word the pattern needs is a lemma the text never spells
    "According to the governor, the bridge was shelled overnight.",
    "Rebels shelled the bridge overnight.",  # no pattern can match: the matcher is not run
    "A farmer passed the checkpoint and later passed away in hospital.",
])
def test_a_gated_matcher_finds_what_the_plain_matcher_finds(extractor, text):
    from spacy.matcher import DependencyMatcher, Matcher

    lang = load("en")
    doc = extractor.nlp(text)
    for kind, labels in (("token", ("ACCORDING_TO",)), ("dependency", ("KILLED", "KILLED_VICTIM"))):
        gated = lang.matcher(doc.vocab, *labels) if kind == "token" else lang.dependency_matcher(doc.vocab, *labels)
        plain = Matcher(doc.vocab) if kind == "token" else DependencyMatcher(doc.vocab)
        for label in labels:
            pats = [p for p in lang.patterns[label] if ("RIGHT_ID" in p[0]) == (kind == "dependency")]
            if pats:
                plain.add(label, pats)
        assert gated.needs  # every shipped pattern names words a match must hold
        assert sorted(map(str, gated(doc))) == sorted(map(str, plain(doc)))


def test_the_words_a_pattern_needs_leave_out_what_may_be_missing():
    from sitreps.lang import _needs

    assert _needs([{"LOWER": "according"}, {"LOWER": "to"}]) == (frozenset({"according"}), frozenset({"to"}))
    dependency = [{"RIGHT_ID": "v", "RIGHT_ATTRS": {"LEMMA": {"IN": ["Claim", "take"]}}},
                  {"LEFT_ID": "v", "REL_OP": ">", "RIGHT_ID": "o", "RIGHT_ATTRS": {"DEP": "dobj"}}]
    assert _needs(dependency) == (frozenset({"claim", "take"}),)
    assert _needs([{"LOWER": "the", "OP": "?"}, {"LOWER": "army"}]) == (frozenset({"army"}),)
    assert _needs([{"LOWER": "heavy", "OP": "{0,2}"}, {"LOWER": "shelling", "OP": "+"}]) == (frozenset({"shelling"}),)
    assert _needs([{"POS": "NUM"}, {"LOWER": {"REGEX": "^kill"}}]) == ()


def test_a_matcher_whose_patterns_all_need_a_missing_word_is_not_run(extractor):
    lang = load("en")
    doc = extractor.nlp("The ambush took place at dawn; the rebels passed the river.")  # "take", "pass", but no "life", no "away"
    gated = lang.dependency_matcher(doc.vocab, "KILLED", "KILLED_VICTIM")
    assert not gated.could_match(doc)
    doc = extractor.nlp("The ambush took the lives of four guards.")
    assert gated.could_match(doc) and gated(doc)
