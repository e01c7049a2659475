"""The judge stage: incident or not, calibrated confidence, and the labels its model is trained on."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sitreps.evaluation.tasks.realnews import assign
from sitreps.learn import Calibration, LinearModel
from sitreps.record import Count, Event, Trigger
from sitreps.stages import judge
from sitreps.evaluation.metrics import haversine_km
from sitreps.record import Location
from sitreps.training.incident import _auc, _best_threshold, _f1, _sentence_spans, gva_label, india_label

from test_realnews_scoring import ARTICLE, event as scored_event, incident


def make_event(eid: str, start: int, confidence: float = 0.7) -> Event:
    return Event(id=eid, plover="ASSAULT", acled_type="Violence against civilians", acled_subtype="Attack", summary=eid,
                 trigger=Trigger(text="x", start=start, end=start + 1), confidence=confidence)


def test_judging_sets_confidence_and_drops_the_unlikely_keeping_ids_and_order():
    events = [make_event("d#e1", 0), make_event("d#e2", 50), make_event("d#e3", 90)]
    kept = judge.judge_events(events, [0.91, 0.12, 0.55], 0.3)
    assert [e.id for e in kept] == ["d#e1", "d#e3"]  # ids stay: the anchors of later stages are keyed by them
    assert [e.confidence for e in kept] == [0.91, 0.55]
    assert judge.judge_events(events, [0.2, 0.2, 0.2], 0.0) == [replace(e, confidence=0.2) for e in events]


def _dated(e: Event, day: str, confidence: float = 0.9, acled_type: str = "Violence against civilians") -> Event:
    from sitreps.record import DateValue

    return replace(e, acled_type=acled_type, date=DateValue(start=day, end=day, precision="day", text=day, start_char=None,
                                                            end_char=None, confidence=confidence))


def test_an_incident_recalled_from_months_ago_is_no_event_beside_recent_violence():
    from datetime import date

    published = date(2024, 11, 19)
    recent = _dated(make_event("d#e1", 0), "2024-11-18")
    recalled = _dated(make_event("d#e2", 50), "2023-10-08")  # "On Oct. 8, 2023, Hezbollah began firing rockets"
    month_ago = _dated(make_event("d#e3", 90), "2024-10-25")  # context an analyst still codes
    assert [e.id for e in judge.without_recalled([recent, recalled, month_ago], published)] == ["d#e1", "d#e3"]
    # a year-old date borrowed from another clause (confidence < 0.9) is not the event's own: it stays
    borrowed = _dated(recalled, "2023-10-08", confidence=0.75)
    assert len(judge.without_recalled([recent, borrowed], published)) == 2
    # a page about a trial: the old incident is its main event, and nothing recent is violent
    trial = [_dated(make_event("d#e1", 0), "2023-06-01"), _dated(make_event("d#e2", 50), "2024-11-18", acled_type=None)]
    assert judge.without_recalled(trial, published) == trial
    # the article's main event stays even beside recent violence
    assert [e.id for e in judge.without_recalled([recalled, recent], published)] == ["d#e2", "d#e1"]
    # violence dated only by the day it was reported ("police said on Monday") is recent violence too;
    # the publication date put in for want of a date is not
    from sitreps.stages.times.dating import NOTE_PUBLISHED, NOTE_REPORT

    said = replace(recent, date=replace(recent.date, start="2024-11-17", note=NOTE_REPORT, confidence=0.6))
    assert [e.id for e in judge.without_recalled([said, recalled], published)] == ["d#e1"]
    undated = replace(recent, date=replace(recent.date, start="2024-11-18", end="2024-11-19", text=None, note=NOTE_PUBLISHED))
    assert [e.id for e in judge.without_recalled([undated, recalled], published)] == ["d#e1", "d#e2"]
    # "the collapse last November that started the movement" beside this week's protest; "a ceasefire
    # agreed in August" beside Monday's strike: months old, recalled
    protest = _dated(make_event("d#e1", 0), "2024-11-16", acled_type="Riots")
    months = _dated(make_event("d#e4", 120), "2024-08-20", acled_type=None)
    assert [e.id for e in judge.without_recalled([protest, months, month_ago], published)] == ["d#e1", "d#e3"]


TOLL = ("Russian missiles struck a market in Kostiantynivka on Wednesday, killing 16 people, officials said.\n\n"
        "More than 9,000 civilians have been killed in Ukraine since the war began, according to the UN.")


def _features(extractor, text: str, published: str = "2023-09-07") -> list[tuple[Event, dict[str, float]]]:
    from datetime import date

    from sitreps.contract import Context, run_stage
    from sitreps.record import Document

    doc = extractor.nlp(text)
    ctx = Context.start(doc, Document(id="t", text=text), date.fromisoformat(published), extractor.settings)
    for stage in extractor.stages:
        if stage.name == "judge":
            break
        run_stage(stage, ctx)
    return judge.document_features(ctx)


def test_features_tell_the_lead_incident_from_a_cumulative_toll(extractor):
    scored = _features(extractor, TOLL)
    lead = next(f for e, f in scored if e.trigger.start < 60)
    assert lead["lead"] == 1.0 and lead["has_killed"] == 1.0 and lead["cue_toll"] == 0.0
    for e, f in scored:
        if e.trigger.start > 120:  # the UN's cumulative toll, if the rules proposed it at all
            assert f["cue_toll"] == 1.0 and f["lead"] == 0.0


def test_an_events_features_do_not_change_with_how_many_other_events_its_article_tells(extractor):
    # the judge decides whether this incident happened; an article's length tells which data set a
    # row came from (long police reports, one-event snippets), not that
    lead = "Russian missiles struck a market in Kostiantynivka on Wednesday, killing 16 people, officials said."
    more = ("\n\nSeparately, envoys met in Istanbul on Tuesday for talks on a prisoner exchange."
            "\n\nProtesters rallied in Kyiv on Wednesday. Police arrested two men in Odesa on Wednesday.")
    alone = next(f for e, f in _features(extractor, lead) if e.trigger.start < 60)
    told_with = next(f for e, f in _features(extractor, lead + more) if e.trigger.start < 60)
    assert alone == told_with


def test_the_stage_applies_the_model_it_is_given(extractor, monkeypatch):
    # a model that believes only events told in the lead: the toll of the second sentence goes
    model = LinearModel({"name": "incident", "kind": "binary", "classes": ["0", "1"], "features": ["lead"],
                         "coef": [[8.0]], "intercept": [-4.0], "calibration": Calibration.identity().to_json()})
    monkeypatch.setattr(judge, "model_for", lambda name, text: model)
    stage = next(s for s in extractor.stages if s.name == "judge")
    monkeypatch.setattr(stage, "options", stage.options.model_copy(update={"min_probability": 0.5}))
    record = extractor(TOLL, published="2023-09-07")
    assert record.events and all(e.trigger.start < 60 for e in record.events)
    assert all(e.confidence == pytest.approx(0.982, abs=0.001) for e in record.events)


NO_INCIDENT = {
    "sports": ("Arsenal beat Chelsea 3-1 on Sunday to go top of the Premier League. Bukayo Saka scored twice "
               "and the visitors' defence was torn apart in the second half, the manager said after the match."),
    "markets": ("Shares in Frankfurt fell 2% on Tuesday as investors sold bank stocks. Oil prices rose after the "
                "cartel agreed to cut output, and the euro slipped against the dollar, traders said."),
    "diplomacy": ("The foreign ministers of France and Germany met in Paris on Monday and called for efforts to reach "
                  "a ceasefire. They said they were dealing with the crisis together and would keep supporting talks."),
}


@pytest.mark.parametrize("kind", sorted(NO_INCIDENT))
def test_an_article_with_no_incident_invents_no_figures(extract, kind):
    record = extract(NO_INCIDENT[kind], published="2024-03-04")
    assert all(e.fatalities is None and e.injured is None for e in record.events)


@pytest.mark.parametrize("kind", ["sports", "markets", "diplomacy"])
def test_sports_markets_and_diplomacy_yield_no_violent_event_and_calls_are_no_incidents(extract, kind):
    record = extract(NO_INCIDENT[kind], published="2024-03-04")
    assert not [e for e in record.events if e.acled_type in ("Battles", "Explosions/Remote violence", "Violence against civilians")]
    # "called for efforts to reach a ceasefire", "dealing with the crisis", "agreed to cut output": not incidents
    told = {e.trigger.text.lower() for e in record.events}
    assert not told & {"called for", "called", "dealing", "agreed", "reach"}


def test_a_match_report_tells_play_but_violence_at_the_match_stays(extract):
    report = ("Rovers struck twice in stoppage time to beat City 2-1 in the league on Saturday. A shot from the "
              "substitute killed the visitors' hopes, the coach said. The match was halted for ten minutes when "
              "air raid sirens sounded.")
    assert not extract(report, published="2024-03-04").events
    riot = report + " After the final whistle, fans attacked police outside the ground and 12 officers were injured."
    events = extract(riot, published="2024-03-04").events
    assert [e.injured.value for e in events if e.injured] == [12]


def test_a_markets_report_tells_attacks_as_a_cause_but_an_attack_told_alone_stays(extract):
    report = ("Brent crude futures rose 2% to $81 a barrel on Monday as fresh attacks on tankers in the Gulf of Oman "
              "stoked supply fears, traders said. Shares of shipping companies fell and investors bought bonds.")
    violent = ("Battles", "Explosions/Remote violence", "Violence against civilians")
    assert not [e for e in extract(report, published="2024-03-04").events if e.acled_type in violent]
    told = report + " On Sunday, a drone struck a tanker off Fujairah, wounding two crew members, the ship's operator said."
    events = [e for e in extract(told, published="2024-03-04").events if e.acled_type in violent]
    assert [e.injured.value for e in events if e.injured] == [2]


def test_realnews_assign_tells_matched_duplicate_optional_and_noise():
    article = {"id": "t", "text": ARTICLE["text"],
               "incidents": [incident("t-A"), incident("t-S", status="optional", coord=(50.45, 30.52))]}
    events = [scored_event(), scored_event(lat=46.5), scored_event(lat=50.45, lon=30.52, name="Kyiv"),
              scored_event(lat=6.5, lon=3.4, name="Lagos"), scored_event(lat=6.5, lon=3.4, name="Lagos", start=60)]
    # the fourth is misplaced but its trigger lies in the incident's evidence; the fifth tells nothing coded
    assert assign(article, events) == ["matched", "duplicate", "optional", "told", "noise"]


def test_realnews_scores_how_well_event_confidence_is_calibrated():
    from sitreps.evaluation.tasks.realnews import score

    right, noise = dict(scored_event(), confidence=0.9), dict(scored_event(lat=6.5, lon=3.4, name="Lagos", start=60), confidence=0.9)
    metrics, _ = score([ARTICLE], [{"events": [right, noise]}])
    assert metrics["ece"] == pytest.approx(0.4)  # both said 0.9, one of two was right
    honest = dict(noise, confidence=0.1)
    metrics, _ = score([ARTICLE], [{"events": [dict(right, confidence=1.0), honest]}])
    assert metrics["ece"] == pytest.approx(0.05)


def test_india_labels_come_from_the_sentence_classes():
    assert india_label("ARREST", None, {"ANY_ACTION", "ARREST"}) == 1
    assert india_label("COERCE", "Strategic developments", {"ARREST"}, "Arrests") == 1
    assert india_label("COERCE", "Strategic developments", set(), "Arrests") == 0  # every police arrest is labelled
    assert india_label("COERCE", "Strategic developments", set(), "Looting/property destruction") is None  # arson by a mob
    assert india_label("PROTEST", "Protests", set(), "Peaceful protest") is None
    assert india_label("ASSAULT", "Violence against civilians", {"ANY_ACTION", "FORCE", "KILL"}) == 1
    assert india_label("DEMAND", None, set()) == 0  # talk around the news
    assert india_label("CONSULT", None, set()) is None  # a meeting may have happened: the labels do not code it
    assert india_label("ASSAULT", "Riots", set()) is None  # a riot without police: an incident the labels do not code
    assert india_label("CONSULT", None, {"ANY_ACTION", "ARREST"}) is None  # something the labels do not cover


def test_gva_positives_are_the_violent_event_at_the_incident_with_both_figures():
    gold = {"latitude": 34.74, "longitude": -86.65, "num_killed": 1, "num_injured": 2}
    ev = make_event("d#e1", 0)
    ev.location = Location(name="Huntsville", text="Huntsville", start=0, end=10, lat=34.73, lon=-86.59)
    ev.fatalities = Count(value=1, qualifier="exact", text="one", start=0, end=3)
    ev.injured = Count(value=2, qualifier="exact", text="two", start=5, end=8)
    assert gva_label(ev, gold, haversine_km)
    assert not gva_label(replace(ev, injured=None), gold, haversine_km)  # a figure wrong: not known to be the incident
    far = replace(ev, location=replace(ev.location, lat=40.7, lon=-74.0))
    assert not gva_label(far, gold, haversine_km)


def test_sentence_spans_follow_the_text():
    text = "This story is from March.\n\nlucknow: police arrested two men. the meeting was held."
    spans = _sentence_spans(text, [{"text": "This story is from March.\n\n", "labels": []},
                                   {"text": "lucknow: police arrested two men.", "labels": ["ARREST"]},
                                   {"text": "the meeting was held.", "labels": []}])
    assert [text[s:e] for s, e, _ in spans] == ["This story is from March.", "lucknow: police arrested two men.", "the meeting was held."]
    assert spans[1][2] == {"ARREST"}


def test_threshold_and_scores_used_to_compare_with_the_rules():
    probs, labels = [0.9, 0.8, 0.3, 0.2], [1, 1, 0, 1]
    assert _f1(probs, labels, 0.5) == pytest.approx(0.8)
    assert _auc(probs, labels) == pytest.approx(2 / 3)
    t, f = _best_threshold({"a": (probs, labels)})
    assert f == pytest.approx(_f1(probs, labels, t)) and f >= 0.8


def test_the_shipped_threshold_is_the_one_chosen_out_of_fold_and_the_model_beats_the_rules():
    import tomllib

    from sitreps.learn import load_model
    from sitreps.settings import default_toml

    model = load_model("incident")
    assert model is not None and model.calibration is not None
    scores = model.card["out_of_fold"]
    assert tomllib.loads(default_toml())["stages"]["judge"]["min_probability"] == scores["threshold"]
    # shipped only because it is better than the rules' confidence on the same rows and folds
    assert scores["mean_f1"] > scores["rules_mean_f1"] and scores["ece"] < scores["rules_ece"]
    # and on whole articles, where the keep-or-drop decision and its calibration are what an analyst
    # sees (its ranking there, AUC 0.816 against the rules' 0.827 since the refit of 1 Dec 2026, is
    # written down in docs/models.md)
    news = scores["realnews_dev"]
    assert news["f1"] > news["rules_f1"] and news["ece"] < news["rules_ece"]
