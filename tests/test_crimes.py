"""Ordinary crime told as done goes to the record's ``crimes``, by kind, with its evidence; a crime
planned, fought or denied, or a word of a name, is none. (Sentences written for these tests.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitreps.record import CRIME_KINDS
from sitreps.text.crimes import HEADS, PAIRS

SCHEMA = Path(__file__).resolve().parent.parent / "src" / "sitreps" / "schema" / "record.schema.json"


@pytest.mark.parametrize("text, kind, words", [
    ("Customs officers seized 40 kilograms of heroin hidden in a lorry at the border crossing.", "drugs", "heroin"),
    ("Border guards arrested four men accused of running a migrant smuggling ring along the coast.", "smuggling", "smuggling"),
    ("A notorious drug lord was extradited to the United States on Friday.", "drugs", "drug lord"),
    ("Burglars stole jewellery worth $2 million from the shop overnight.", "property", "stole"),
    ("The former mayor was charged with embezzlement and bribery.", "fraud", "embezzlement"),
    ("Police dismantled a criminal network that sold fake passports.", "organised_crime", "criminal network"),
])
def test_a_crime_told_as_done_is_listed_with_its_kind_and_evidence(extractor, text, kind, words):
    record = extractor(text)
    found = [(c.kind, c.text) for c in record.crimes]
    assert (kind, words) in found
    for c in record.crimes:
        assert text[c.start:c.end] == c.text


@pytest.mark.parametrize("text", [
    "The minister vowed to fight drug trafficking in the border provinces.",  # a plan
    "The company denied that it had laundered money.",  # a denial
    "The Drug Enforcement Administration opened an office in the city.",  # a name
    "Traffic was heavy on the bridge as the festival began.",  # an everyday word
    "The central bank kept interest rates unchanged on Thursday.",
])
def test_no_crime_is_listed_where_none_is_told_as_done(extractor, text):
    assert extractor(text).crimes == []


def test_a_crime_story_makes_no_violent_event_and_no_figures(extractor):
    record = extractor("Police seized counterfeit watches worth $3 million in a raid on a warehouse, officials said on Tuesday.")
    assert record.crimes and record.crimes[0].kind == "counterfeiting"
    assert not [e for e in record.events if e.fatalities or e.injured]


def test_every_crime_kind_is_in_the_record_schema():
    schema = json.loads(SCHEMA.read_text())
    assert schema["properties"]["crimes"]["items"]["properties"]["kind"]["enum"] == list(CRIME_KINDS)
    assert set(HEADS.values()) | set(PAIRS.values()) <= set(CRIME_KINDS)
