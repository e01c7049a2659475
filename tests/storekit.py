"""Synthetic sitreps/1 records and a store on each backend, for the store, export and CLI tests.

The PostgreSQL store needs a server: .ci/run installs and starts one and sets
SITREPS_TEST_POSTGRES; without it those tests skip and say how to run them.
"""

from __future__ import annotations

import os
from typing import Any

import pytest

from sitreps.store import open_store

POSTGRES_URL = os.environ.get("SITREPS_TEST_POSTGRES")
SKIP_POSTGRES = (
    "PostgreSQL store tests need a server: set SITREPS_TEST_POSTGRES=postgresql://USER@HOST/DB "
    "(bash .ci/run installs Debian's postgresql, starts it and sets it)"
)

PLACES = {
    "Kharkiv": ("UA", "Kharkivska Oblast", 49.99, 36.23),
    "Izium": ("UA", "Kharkivska Oblast", 49.21, 37.26),
    "Odesa": ("UA", "Odeska Oblast", 46.48, 30.73),
    "Memphis": ("US", "Tennessee", 35.15, -90.05),
}


def make_event(doc_id: str, n: int, place: str = "Kharkiv", day: str = "2024-06-01", plover: str = "ASSAULT",
               killed: int | None = None, injured: int | None = None, source: str | None = None,
               initiator: tuple[str, str] | None = ("Russia", "state_forces"), target: tuple[str, str] | None = ("civilians", "civilians"),
               summary: str | None = None) -> dict[str, Any]:
    country, admin1, lat, lon = PLACES[place]
    actors = []
    if initiator:
        actors.append({"role": "initiator", "name": initiator[0], "kind": initiator[1], "country": None, "text": initiator[0], "start": 0, "end": 1})
    if target:
        actors.append({"role": "target", "name": target[0], "kind": target[1], "country": None, "text": target[0], "start": 0, "end": 1})
    return {
        "id": f"{doc_id}#e{n}", "plover": plover,
        "acled_type": "Explosions/Remote violence" if plover == "ASSAULT" else None,
        "acled_subtype": "Shelling/artillery/missile attack" if plover == "ASSAULT" else None,
        "summary": summary or f"{plover.title()} in {place}",
        "trigger": {"text": "strike", "start": 0, "end": 6},
        "date": {"start": day, "end": day, "precision": "day", "text": day, "start_char": 0, "end_char": 1},
        "location": {"name": place, "text": place, "start": 0, "end": 1, "geonames_id": 1, "lat": lat, "lon": lon,
                     "country": country, "admin1": admin1, "admin2": None, "precision": "city"},
        "actors": actors,
        "fatalities": {"value": killed, "qualifier": "exact", "text": f"{killed} killed", "start": 0, "end": 1} if killed is not None else None,
        "injured": {"value": injured, "qualifier": "at_least", "text": f"{injured} injured", "start": 0, "end": 1} if injured is not None else None,
        "weapons": [], "intercepted": [], "targets": [],
        "attribution": {"source": source, "source_role": None, "text": None, "start": None, "end": None, "hedged": False},
        "confidence": 0.8,
    }


def make_record(doc_id: str, published: str, *events: dict[str, Any], text: str | None = None, title: str | None = None,
                source: str | None = "Example Wire") -> dict[str, Any]:
    return {
        "schema": "sitreps/1",
        "document": {"id": doc_id, "title": title or f"Report {doc_id}", "url": f"https://news.example/{doc_id}", "source": source,
                     "published": published, "language": "en", "text": text or f"Text of {doc_id}."},
        "events": list(events), "places": [], "quotes": [], "entities": [], "warnings": [],
    }


def fresh_postgres() -> None:
    import psycopg

    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute("DROP SCHEMA IF EXISTS public CASCADE")
        conn.execute("CREATE SCHEMA public")


def open_backend(backend: str, tmp_path: Any, name: str = "store.db"):
    if backend == "postgres":
        if not POSTGRES_URL:
            pytest.skip(SKIP_POSTGRES)
        fresh_postgres()
        return open_store(POSTGRES_URL)
    return open_store(str(tmp_path / name))
