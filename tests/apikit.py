"""A temporary store seeded with articles written for the API tests, and clients over it."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from storekit import make_event, make_record

from sitreps.api import create_app
from sitreps.store import open_store

TOKEN = "test-token-5f1c"

KHARKIV_A = ("KHARKIV, June 1 (Example Wire) - A Russian missile strike hit an apartment block in Kharkiv overnight, "
             "killing two people and wounding five, regional governor Oleh Syniehubov said.")
KHARKIV_B = ("A Russian missile struck a residential building in Kharkiv on Saturday: three people were killed and "
             "nine wounded, the city's police reported on Sunday.")
ODESA = "ODESA, June 3 - A drone attack on the port of Odesa killed one dock worker, the regional administration said."
MEMPHIS = "MEMPHIS, June 2 - A gunman opened fire outside a bar, killing four people, police said."
#: An article whose text and title carry markup that must come back as inert data.
HOSTILE = ('IZIUM, May 10 - <script>alert("x")</script> A strike hit a school <img src=x onerror="alert(1)"> in Izium, '
           "killing one guard.")


def spans(event: dict[str, Any], text: str) -> dict[str, Any]:
    """Point every span of ``event`` at the first place its ``text`` occurs in ``text``."""
    def fix(value: Any) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("text"), str) and value["text"] in text:
                start = text.index(value["text"])
                keys = ("start_char", "end_char") if "start_char" in value else ("start", "end")
                value[keys[0]], value[keys[1]] = start, start + len(value["text"])
            for sub in value.values():
                fix(sub)
        elif isinstance(value, list):
            for sub in value:
                fix(sub)
    fix(event)
    return event


def event(doc_id: str, text: str, n: int = 1, **kw: Any) -> dict[str, Any]:
    e = make_event(doc_id, n, **kw)
    e["trigger"]["text"] = "strike" if "strike" in text else "attack" if "attack" in text else "fire"
    for actor in e["actors"]:
        actor["text"] = "Russian" if actor["name"] == "Russia" else actor["name"]
    for kind in ("fatalities", "injured"):
        if e[kind]:
            e[kind]["text"] = {"a": {"fatalities": "killing two people", "injured": "wounding five"},
                               "b": {"fatalities": "three people were killed", "injured": "nine wounded"}}.get(doc_id, {}).get(kind, e[kind]["text"])
    return spans(e, text)


def records() -> list[dict[str, Any]]:
    """Two reports of one Kharkiv strike (figures rising, two sources), an Odesa drone attack, a US
    shooting, an undated report, and the hostile article."""
    undated = make_event("u", 1, place="Izium", killed=None)
    undated["date"] = None
    shooting = make_event("m", 1, place="Memphis", day="2024-06-02", plover="ASSAULT", killed=4, initiator=("gunman", "unidentified"),
                          source="police")
    shooting.update(acled_type="Violence against civilians", acled_subtype="Attack", confidence=0.55)
    return [
        make_record("a", "2024-06-01", event("a", KHARKIV_A, killed=2, injured=5, source="regional governor"), text=KHARKIV_A),
        make_record("b", "2024-06-02", event("b", KHARKIV_B, killed=3, injured=9, source="police"), text=KHARKIV_B),
        make_record("d", "2024-06-03", event("d", ODESA, place="Odesa", day="2024-06-03", killed=1, plover="ASSAULT"), text=ODESA),
        make_record("m", "2024-06-02", spans(shooting, MEMPHIS), text=MEMPHIS, source="Memphis Daily"),
        make_record("u", "2024-05-20", undated, text="An undated report from Izium."),
        make_record("h", "2024-05-10", event("h", HOSTILE, place="Izium", day="2024-05-10", killed=1, summary='Strike on a school <img src=x onerror="alert(1)">'),
                    text=HOSTILE, title='<script>alert("title")</script>'),
    ]


def seed(path: str, items: list[dict[str, Any]] | None = None) -> None:
    with open_store(path) as store, store.batch() as batch:
        for record in items if items is not None else records():
            batch.add_record(record, source_input="test")


def client(path: str, **kw: Any) -> TestClient:
    return TestClient(create_app(path, **kw), raise_server_exceptions=False)
