"""Toponym resolution in document context (issue 9 items 2, 3 and Bad input): the countries and
regions an article names constrain its other places, containment and proximity phrases are used,
the learned ranker is applied out of fold, and a confidence says how sure the choice is."""

from __future__ import annotations

import pytest

from sitreps.geo.rank import document_context
from sitreps.geo.recognise import Mention
from sitreps.geo.resolve import Resolver, winner_probability
from sitreps.learn import load_model, model_for, out_of_fold

pytestmark = pytest.mark.usefixtures("gazetteer_file")  # the session gazetteer of conftest.py


@pytest.fixture(scope="module")
def gaz(gazetteer_file):
    from sitreps.geo.gazetteer import open_gazetteer

    return open_gazetteer(gazetteer_file)


def mention(gaz, text: str, start: int, **kw) -> Mention:
    key = text.lower()
    return Mention(text=text, start=start, end=start + len(text), key=key, candidates=gaz.lookup(key), **kw)


def places_by_text(record):
    return {p.text: p for p in record.places}


@pytest.mark.parametrize("use_model", [False, True], ids=["rules", "ranker"])
def test_a_name_resolves_into_the_country_the_article_names(gaz, use_model):
    # "Kan" is a Myanmar town, and also a name of Caen and Cannes in France and of Ganzhou in China
    kan = mention(gaz, "Kan", 25)
    assert {c.country for c in kan.candidates} >= {"MM", "FR", "CN"}
    text = "Junta troops burned Kan village; Myanmar's army denied it."
    kan = mention(gaz, "Kan", text.index("Kan"))
    myanmar = mention(gaz, "Myanmar", text.index("Myanmar"))
    resolved = Resolver(gaz, use_model=use_model).resolve([kan, myanmar], text=text)
    assert resolved[0].place.country == "MM"
    text = "Protesters marched in Kan on Monday; France's interior ministry said."
    kan = mention(gaz, "Kan", text.index("Kan"))
    france = mention(gaz, "France", text.index("France"))
    assert Resolver(gaz, use_model=use_model).resolve([kan, france], text=text)[0].place.country == "FR"


def test_the_rules_never_leave_the_named_countries_when_a_candidate_lies_in_one(gaz):
    text = "Shelling hit Kan overnight, officials in Myanmar said."
    kan = mention(gaz, "Kan", text.index("Kan"))
    myanmar = mention(gaz, "Myanmar", text.index("Myanmar"))
    r = Resolver(gaz, use_model=False).resolve([kan, myanmar], text=text)[0]
    assert r.place.country == "MM" and "MM" in r.resolution


def test_direction_and_near_phrases_link_a_place_to_its_neighbour(gaz):
    text = "Clashes in Birao, in northern Vakaga, and fighting near Bria, near Ndele."
    ms = [mention(gaz, w, text.index(w)) for w in ("Birao", "Vakaga", "Bria", "Ndele")]
    ctx = document_context(ms, text)
    assert ctx.relations[0] == (1, "in")       # "Birao, in northern Vakaga": Birao lies in Vakaga
    assert ctx.relations[2] == (3, "near")     # "Bria, near Ndele": close, not inside
    assert 1 not in ctx.relations              # "Vakaga, and fighting near Bria": no relation


def test_a_country_named_outright_is_a_sign_but_a_same_named_mention_is_not_its_own(gaz):
    text = "Georgia said troops crossed into Georgia."
    ms = [mention(gaz, "Georgia", 0), mention(gaz, "Georgia", text.rindex("Georgia"))]
    ctx = document_context(ms, text)
    for i in range(2):  # one name never confirms itself through its own repetition
        assert ctx.named_countries(i, "georgia", ["georgia", "georgia"]) == set()


def test_the_ranker_is_shipped_with_fold_models_and_a_calibration():
    full = load_model("places")
    assert full is not None and full.calibration is not None
    assert full.card["out_of_fold"]["top1_right_model"] >= full.card["out_of_fold"]["top1_right_rules"]
    text = "Any article at all."
    with out_of_fold():
        fold_model = model_for("places", text)
    assert fold_model is not full and fold_model.features  # evaluation applies a model that never saw the text


def test_the_winner_probability_is_a_share_of_its_namesakes():
    assert winner_probability(2.0, [2.0]) == 1.0
    assert winner_probability(1.0, [1.0, 1.0]) == pytest.approx(0.5)
    assert winner_probability(3.0, [3.0, 0.0]) > 0.9


# -- Bad input -----------------------------------------------------------------------------------
def test_a_place_name_that_matches_nothing_stays_with_null_coordinates_and_a_reason(extract):
    rec = extract("Officials in Zzyzxqua said the market was shelled on Monday.")
    place = places_by_text(rec)["Zzyzxqua"]
    assert place.lat is None and place.lon is None and place.geonames_id is None
    assert place.precision == "unknown" and place.confidence == 0.0
    assert "not in the gazetteer" in place.resolution


def test_an_ambiguous_name_without_context_gets_a_low_confidence(extract):
    bare = places_by_text(extract("Police said a bomb exploded in Springfield on Monday."))["Springfield"]
    placed = places_by_text(extract("Police in Springfield, Illinois, said a bomb exploded on Monday."))["Springfield"]
    assert bare.lat is not None  # still the best guess, but it says it is one
    assert bare.confidence <= 0.7
    assert placed.confidence >= 0.9 and placed.admin1 == "Illinois"


def test_the_rules_alone_call_an_unbacked_choice_between_countries_a_guess(gaz):
    text = "A bomb exploded in Kan."
    r = Resolver(gaz, use_model=False).resolve([mention(gaz, "Kan", text.index("Kan"))], text=text)[0]
    assert r.confidence <= 0.5 and "no context" in r.resolution


def test_the_ranker_learns_to_put_the_right_candidate_first():
    pytest.importorskip("sklearn")
    from sitreps.training.places import fit_ranker

    rows, labels, groups = [], [], []
    for g in range(60):  # the right candidate is the one in the named country, whatever its population
        rows += [{"country_named": 1.0, "log_pop": 0.3}, {"country_not_named": 1.0, "log_pop": 0.8}]
        labels += [1, 0]
        groups += [g, g]
    model = fit_ranker(rows, labels, groups, name="t", c=1.0, min_count=1)
    assert model.margins({"country_named": 1.0, "log_pop": 0.3})[0] > model.margins({"country_not_named": 1.0, "log_pop": 0.8})[0]


@pytest.mark.parametrize("apposition, kind", [
    ("a city in the south of the country", "city"),
    ("a community near the front line", "city"),
    ("a region bordering Russia", "region"),
])
def test_an_apposition_after_a_name_says_what_kind_of_place_it_is(extract, apposition, kind):
    # Kherson is both a city and the oblast around it: the words after the comma decide
    rec = extract(f"Drones struck Kherson, {apposition}, on Monday, Ukrainian officials said.")
    place = places_by_text(rec)["Kherson"]
    assert place.country == "UA" and place.precision == kind


@pytest.mark.parametrize("use_model", [False, True], ids=["rules", "ranker"])
def test_a_bare_congo_is_the_state_the_article_is_about(gaz, use_model):
    # news say "Congo" for either state; GeoNames gives the bare name to the Republic only
    assert {c.country for c in gaz.lookup("congo") if c.kind == "country"} == {"CD", "CG"}
    for text, other, want in (("Militia fighters raided a village in eastern Congo, officials in Kinshasa said.", "Kinshasa", "CD"),
                              ("Troops clashed in southern Congo, officials in Brazzaville said.", "Brazzaville", "CG")):
        congo = mention(gaz, "Congo", text.index("Congo"))
        capital = mention(gaz, other, text.index(other))
        assert Resolver(gaz, use_model=use_model).resolve([congo, capital], text=text)[0].place.country == want


def test_the_ranker_picks_the_same_place_among_the_rules_best_as_among_all(extractor, monkeypatch):
    """A common name has hundreds of namesakes; the ``places`` model ranks only the rules' best
    ``RANKED`` of them. Its pick must be the one it makes among them all."""
    from sitreps.geo import resolve

    texts = ["Police in Springfield said two men were shot on Main Street on Friday night.",
             "Flooding hit Alexandria and Victoria, and a bridge collapsed near San Jose on Tuesday.",
             "Gunmen attacked a checkpoint near Santa Maria, and shelling hit Georgetown and Richmond."]
    sizes = []
    ranked = resolve._ranked

    def counting(model, scored, feats):
        sizes.append(len(scored))
        return ranked(model, scored, feats)

    monkeypatch.setattr(resolve, "_ranked", counting)

    def picks():
        return [[(p.text, p.geonames_id, p.precision) for p in extractor(t, published="2024-06-05").places] for t in texts]

    capped = picks()
    assert max(sizes) == resolve.RANKED  # some name had more namesakes than the model ranks
    monkeypatch.setattr(resolve, "RANKED", 10**6)
    sizes.clear()
    every = picks()
    assert max(sizes) > 100
    assert capped == every


def test_a_name_spelled_another_way_resolves_in_the_article_country(extract):
    # GeoNames spells Somalia's region "Middle Shabele"; the article's country says where to look
    rec = extract("Somali troops said they killed 12 militants in the Middle Shabelle region of Somalia on Monday.")
    place = places_by_text(rec)["Middle Shabelle region"]
    assert place.country == "SO" and place.precision == "region" and place.lat is not None
    assert "near spelling" in place.resolution and place.confidence < 0.9


def test_a_name_an_english_speaking_country_lacks_is_no_other_town(extract):
    # the near spelling "Talbert" is a town too, but a name the U.S. gazetteer lacks is a street,
    # a neighbourhood or a person, not another spelling
    rec = extract("Police in Ohio said a man was shot on Tolbertt Avenue near Tolbertt on Monday.")
    assert all(p.lat is None or p.country == "US" and "near spelling" not in p.resolution for p in rec.places)


@pytest.mark.parametrize("a, b, same", [("deir ezzor", "deir ez zor", True), ("urozgan", "uruzgan", True),
                                        ("salamyeh", "salamiyeh", True), ("wardag", "wardak", False),
                                        ("rajouri", "rajokri", False), ("bournes", "bourne", False)])
def test_transliterations_differ_only_in_vowels_h_doubled_letters_and_spaces(a, b, same):
    from sitreps.geo.resolve import transliterated

    assert transliterated(a, b) is same


@pytest.mark.parametrize("text, name, country", [
    ("Jihadists attacked an army base in Burkina on Sunday, killing 12 soldiers.", "Burkina", "BF"),
    ("Fighting resumed in Bosnia on Monday, the ministry said.", "Bosnia", "BA"),
])
def test_a_country_named_short_is_that_country(extract, text, name, country):
    place = places_by_text(extract(text))[name]
    assert (place.country, place.precision) == (country, "country")
