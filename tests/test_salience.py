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
