"""The sitreps/1 record: schema, evidence spans and lossless round trips."""

from __future__ import annotations

import json

import pytest

from sitreps.record import (
    Actor, Attribution, Count, DateValue, Document, Entity, Event, Location, Place, Quote, Record, Target, Trigger, Weapon,
)
from sitreps.schema import SchemaError, validate, validation_errors

TEXT = "Overnight, a Russian drone strike on Odesa port injured four people, including a child, governor Oleh Kiper said."


def span(sub: str, text: str = TEXT) -> dict:
    start = text.index(sub)
    return {"text": sub, "start": start, "end": start + len(sub)}


def full_record() -> Record:
    return Record(
        document=Document(id="doc1", text=TEXT, title="t", url="https://example.org/a", published="2024-06-05"),
        events=[
            Event(
                id="doc1#e1", plover="ASSAULT", acled_type="Explosions/Remote violence", acled_subtype="Air/drone strike",
                summary="Drone strike on Odesa port: 4 injured", trigger=Trigger(**span("strike")),
                date=DateValue(start="2024-06-04", end="2024-06-05", precision="day", text="Overnight", start_char=0, end_char=9, confidence=0.9),
                location=Location(name="Odesa", **span("Odesa"), geonames_id=698740, lat=46.48, lon=30.73, country="UA", admin1="Odesa", precision="city"),
                actors=[Actor(role="initiator", name="Russia", kind="state_forces", country="RU", **span("Russian"))],
                injured=Count(value=4, qualifier="exact", **span("injured four people"),
                              attribution=Attribution(source="Oleh Kiper", source_role="governor", **span("governor Oleh Kiper said"), hedged=False)),
                weapons=[Weapon(kind="drone", count=None, qualifier=None, **span("drone"))],
                targets=[Target(kind="port", **span("port"))],
                attribution=Attribution(source="Oleh Kiper", source_role="governor", **span("governor Oleh Kiper said")),
                confidence=0.8,
            )
        ],
        places=[Place(**span("Odesa"), name="Odesa", lat=46.48, lon=30.73, country="UA", precision="city", confidence=0.9)],
        quotes=[Quote(speaker="Oleh Kiper", speaker_role="governor", speaker_text="Oleh Kiper", speaker_start=TEXT.index("Oleh"),
                      speaker_end=TEXT.index("Oleh") + 10, **span("a Russian drone strike on Odesa port injured four people"), kind="indirect")],
        entities=[Entity(label="GPE", **span("Odesa"))],
    )


def test_full_record_validates():
    validate(full_record().to_dict())


def test_round_trip_is_lossless():
    record = full_record()
    data = json.loads(json.dumps(record.to_dict()))
    again = Record.from_dict(data)
    assert again == record
    assert again.to_dict() == data


def test_round_trip_without_text_takes_text_back():
    record = full_record()
    data = record.to_dict(include_text=False)
    assert "text" not in data["document"]
    assert Record.from_dict(data, text=TEXT) == record


def test_wrong_evidence_is_caught():
    data = full_record().to_dict()
    data["events"][0]["injured"]["start"] += 1
    errors = validation_errors(data)
    assert any("injured" in e and "evidence" in e for e in errors)
    with pytest.raises(SchemaError):
        validate(data)


@pytest.mark.parametrize(
    "path, value",
    [
        (("events", 0, "acled_type"), "Explosions"),  # not spelled as ACLED does
        (("events", 0, "plover"), "BOMB"),
        (("events", 0, "injured", "qualifier"), "roughly"),
        (("events", 0, "location", "precision"), "street"),
        (("events", 0, "location", "lat"), 123.0),
        (("events", 0, "weapons", 0, "kind"), "catapult"),
        (("events", 0, "confidence"), 1.5),
    ],
)
def test_schema_rejects_values_outside_the_contract(path, value):
    data = full_record().to_dict()
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    assert validation_errors(data)


def test_spans_walks_every_piece_of_evidence():
    paths = {p for p, *_ in full_record().spans()}
    assert {"events[0].trigger", "events[0].injured", "events[0].injured.attribution", "events[0].date",
            "events[0].actors[0]", "places[0]", "quotes[0]", "quotes[0].speaker_text", "entities[0]"} <= paths
