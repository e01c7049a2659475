"""Salience: one ranking decides the order of events, and events[0] is the article's main incident."""

from __future__ import annotations

from sitreps.record import Count, Event, Trigger
from sitreps.text.mentions import EventAnchor
from sitreps.text.salience import lead_end, order_events, rank, renumber


def event(eid: str, start: int, killed: int | None = None, confidence: float = 0.7, plover: str = "FIGHT") -> Event:
    fatalities = Count(value=killed, qualifier="exact", text=str(killed), start=start, end=start + 1) if killed is not None else None
    return Event(id=eid, plover=plover, acled_type=None, acled_subtype=None, summary=eid,
                 trigger=Trigger(text="x", start=start, end=start + 1), fatalities=fatalities, confidence=confidence)


def anchor(start: int, sents: list[int], summary_of: list[str] | None = None) -> EventAnchor:
    return EventAnchor(sents=sents, tokens=[], start=start, end=start + 10, summary_of=summary_of or [])


def test_the_event_of_the_lead_comes_first_even_with_fewer_figures():
    lead = event("d#e1", 5, plover="PROTEST")
    later = event("d#e2", 300, killed=3, confidence=0.95)
    ranked = rank([later, lead], {"d#e1": anchor(0, [0]), "d#e2": anchor(290, [5])}, lead=100)
    assert [e.id for e in ranked] == ["d#e1", "d#e2"]


def test_after_the_lead_an_event_with_a_casualty_figure_outranks_one_without():
    lead = event("d#e1", 5)
    talks = event("d#e2", 200, confidence=0.9, plover="CONSULT")
    strike = event("d#e3", 400, killed=2)
    ranked = rank([lead, talks, strike], {"d#e1": anchor(0, [0]), "d#e2": anchor(190, [3]), "d#e3": anchor(390, [6])}, lead=100)
    assert [e.id for e in ranked] == ["d#e1", "d#e3", "d#e2"]


def test_an_event_told_in_more_sentences_outranks_one_told_once():
    once = event("d#e1", 200, killed=1)
    often = event("d#e2", 400, killed=1)
    anchors = {"d#e1": anchor(190, [3]), "d#e2": anchor(390, [5, 6, 7, 8])}
    assert [e.id for e in rank([once, often], anchors, lead=100)] == ["d#e2", "d#e1"]


def test_equal_events_keep_the_order_they_are_told_in():
    a, b = event("d#e1", 200), event("d#e2", 400)
    anchors = {"d#e1": anchor(190, [3]), "d#e2": anchor(390, [5])}
    assert [e.id for e in rank([b, a], anchors, lead=100)] == ["d#e1", "d#e2"]


def test_renumbering_follows_the_new_order_and_rekeys_anchors_and_summaries():
    lead, detail = event("d#e2", 5, killed=5), event("d#e1", 300, killed=2)
    anchors = {"d#e2": anchor(0, [0], summary_of=["d#e1"]), "d#e1": anchor(290, [4])}
    events, new = renumber([lead, detail], anchors, "d")
    assert [e.id for e in events] == ["d#e1", "d#e2"]
    assert events[0].fatalities.value == 5
    assert new["d#e1"].sents == [0] and new["d#e1"].summary_of == ["d#e2"]
    assert new["d#e2"].sents == [4]


def test_lead_is_the_headline_and_the_first_full_sentence():
    text = "Gunmen kill five in village raid\n\nGunmen killed five people on Monday. Police arrived later."
    sents = [(0, 68), (69, 88)]  # the parser runs the headline into the lead sentence
    assert lead_end(text, sents) == 68
    dotted = "Five killed in raid.\n\nGunmen killed five people on Monday. Police arrived later."
    assert lead_end(dotted, [(0, 20), (22, 58), (59, 78)]) == 58  # a headline given a full stop: and the lead
    plain = "Gunmen killed five people on Monday. Police arrived later."
    assert lead_end(plain, [(0, 36), (37, 58)]) == 36


def test_the_events_stage_puts_the_headline_incident_first(extract):
    text = ("Thousands march in Nairobi against finance bill\n\nThousands of people marched peacefully through Nairobi "
            "on Tuesday against a proposed finance bill, witnesses said. Police later arrested dozens of people in the city centre."
            "\n\nSeparately, a drone strike on a village in Sumy region killed two people "
            "and wounded four, the regional governor said.")
    rec = extract(text)
    assert len(rec.events) >= 2, [e.summary for e in rec.events]
    assert rec.events[0].plover == "PROTEST"
    # told after the arrests, but it has a casualty figure: it comes before them
    assert rec.events[1].fatalities is not None and rec.events[1].fatalities.value == 2
    assert any(e.acled_subtype == "Arrests" for e in rec.events[2:])
    assert [e.id.rsplit("#", 1)[1] for e in rec.events] == [f"e{i}" for i in range(1, len(rec.events) + 1)]


def test_order_events_ranks_a_parsed_document(extractor):
    doc = extractor.nlp("A protest was held in the capital on Monday.\n\nLater, a bomb killed three soldiers in the north.")
    protest, bomb = event("d#e1", 2, plover="PROTEST"), event("d#e2", 60, killed=3)
    events, anchors = order_events([bomb, protest], {"d#e1": anchor(0, [0]), "d#e2": anchor(47, [1])}, doc, "d")
    assert [e.plover for e in events] == ["PROTEST", "FIGHT"] and set(anchors) == {"d#e1", "d#e2"}


# -- the learned ranking (stage ``salience``; no model shipped: docs/models.md) ---------------------
from sitreps.learn import Calibration, LinearModel  # noqa: E402
from sitreps.stages import salience as salience_stage  # noqa: E402
from sitreps.text.salience import salience_features  # noqa: E402


def test_features_say_how_each_event_stands_beside_the_others():
    text = "Headline about a shooting\n\nTwo were shot. Later, police said three people died in another attack. " + "x" * 200
    lead_ev, other = event("d#e1", 30, killed=None), event("d#e2", 60, killed=3)
    anchors = {"d#e1": anchor(28, [1]), "d#e2": anchor(45, [2, 3, 4])}
    f1, f2 = salience_features([lead_ev, other], anchors, text, lead=44)
    assert f1["lead"] == 1.0 and f2["lead"] == 0.0
    assert "largest_toll" not in f1 and f2["largest_toll"] == 1.0 and f2["most_killed"] == 1.0
    assert f2["most_told"] == 1.0 and f1["most_told"] == 0.0
    assert f1["rules_rank=0"] == 1.0 and f2["rules_rank=1"] == 1.0
    assert 0.0 < f1["position"] < f2["position"] < 1.0


def test_the_stage_ranks_by_the_model_it_is_given_and_renumbers(extractor, monkeypatch):
    text = ("Police arrested two men in Springfield on Monday. Separately, a gunman killed three people at a bar "
            "in Shelbyville on Sunday, police said.")
    plain = extractor(text, published="2024-03-05")
    assert len(plain.events) >= 2 and plain.events[0].fatalities is None  # the rules: the lead first
    model = LinearModel({"name": "salience", "kind": "binary", "classes": ["0", "1"], "features": ["largest_toll"],
                         "coef": [[6.0]], "intercept": [-3.0], "calibration": Calibration.identity().to_json()})
    monkeypatch.setattr(salience_stage, "model_for", lambda name, t: model)
    ranked = extractor(text, published="2024-03-05")
    assert ranked.events[0].fatalities is not None and ranked.events[0].fatalities.value == 3
    assert [e.id for e in ranked.events] == [f"{ranked.document.id}#e{i}" for i in range(1, len(ranked.events) + 1)]
    assert sorted(e.trigger.start for e in ranked.events) == sorted(e.trigger.start for e in plain.events)


def test_ties_keep_the_order_they_had():
    assert salience_stage.ranked([0.5, 0.9, 0.5, 0.9]) == [1, 3, 0, 2]


def test_an_act_told_as_what_came_before_another_follows_it(extract):
    # the sentence reports the riot; the shooting is told as what came before it, though it has a toll
    events = extract("Supporters rioted outside the stadium on Saturday after a guard shot dead a fan at the gate.").events
    assert [e.trigger.text for e in events][:2] == ["rioted", "shot"]
    # the same two acts told side by side: the one with the toll comes first
    events = extract("Supporters rioted outside the stadium on Saturday, and a guard shot dead a fan at the gate.").events
    assert [e.trigger.text for e in events][:2] == ["shot", "rioted"]
