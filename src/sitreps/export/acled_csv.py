"""ACLED's export columns, in ACLED's order, so analyses written for ACLED data run on sitreps output.

Codes follow the ACLED codebook: ``inter1``/``inter2`` are actor-type numbers (1 state forces,
2 rebel groups, 3 political militias, 4 identity militias, 5 rioters, 6 protesters, 7 civilians,
8 external/other forces; 0 none), ``interaction`` their two-digit combination (lower first),
``time_precision`` 1 day / 2 week / 3 month or coarser, ``geo_precision`` 1 town / 2 near a town
or part of a region / 3 region, ``iso`` the ISO 3166 numeric code, ``tags`` an initiator the text names only through
responsibility ("Islamic State claimed responsibility", "Hamas accused of responsibility",
"the army denied responsibility": ``actor.responsibility``). ``region``, ``admin3`` and
``source_scale`` are left empty: sitreps does not derive them.
"""

from __future__ import annotations

from datetime import datetime
from typing import IO, Any, Iterable

from . import csv as csv_export

COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
INTER = {"state_forces": 1, "government": 1, "armed_group": 2, "rioters": 5, "protesters": 6, "civilians": 7, "person": 7,
         "organisation": 8, "other": 8}
DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
            "Violence against civilians": "Political violence", "Protests": "Demonstrations", "Riots": "Demonstrations",
            "Strategic developments": "Strategic developments"}
TIME_PRECISION = {"day": 1, "week": 2}
#: ``actor.responsibility`` -> the words of the ``tags`` entry after the actor's name
RESPONSIBILITY = {"claimed": "claimed responsibility", "accused": "accused of responsibility", "denied": "denied responsibility"}
GEO_PRECISION = {"point": 1, "city": 1, "district": 1, "sea": 2, "region": 3, "country": 3}


def _country(code: str | None) -> tuple[str, str]:
    if not code:
        return "", ""
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    return (str(int(country.numeric)), country.name) if country else ("", code)


def _interaction(a: int, b: int) -> str:
    if not a and not b:
        return ""
    low, high = sorted((a, b))
    return f"{a}0" if not b else (f"{b}0" if not a else f"{low}{high}")


def _timestamp(value: str | None) -> str:
    if not value:
        return ""
    try:
        return str(int(datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()))
    except ValueError:
        return ""


def _named(event: dict[str, Any], role: str) -> list[dict[str, Any]]:
    """The event's actors of ``role`` with a name, each name once (the record keeps every mention
    with its evidence: "12 people" and "a market" are both civilians, one ACLED actor)."""
    seen: set[str] = set()
    out = []
    for a in event.get("actors") or []:
        if a.get("role") == role and a.get("name") and a["name"] not in seen:
            seen.add(a["name"])
            out.append(a)
    return out


def event_row(event: dict[str, Any]) -> dict[str, Any]:
    when, where, doc = event.get("date") or {}, event.get("location") or {}, event.get("document") or {}
    initiators = _named(event, "initiator")
    targets = _named(event, "target")
    inter1 = INTER.get(initiators[0].get("kind") or "", 8) if initiators else 0
    inter2 = INTER.get(targets[0].get("kind") or "", 8) if targets else 0
    iso, country = _country(where.get("country"))
    attribution = event.get("attribution") or {}
    day = when.get("start") or ""
    return {
        "event_id_cnty": event.get("id"), "event_date": day, "year": day[:4], "time_precision": TIME_PRECISION.get(when.get("precision") or "", 3),
        "disorder_type": DISORDER.get(event.get("acled_type") or "", ""), "event_type": event.get("acled_type") or "",
        "sub_event_type": event.get("acled_subtype") or "",
        "actor1": initiators[0]["name"] if initiators else "", "assoc_actor_1": "; ".join(a["name"] for a in initiators[1:]),
        "inter1": inter1, "actor2": targets[0]["name"] if targets else "", "assoc_actor_2": "; ".join(a["name"] for a in targets[1:]),
        "inter2": inter2, "interaction": _interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if any(a.get("kind") == "civilians" for a in targets) else "",
        "iso": iso, "region": "", "country": country, "admin1": where.get("admin1") or "", "admin2": where.get("admin2") or "", "admin3": "",
        "location": where.get("name") or "", "latitude": where.get("lat"), "longitude": where.get("lon"),
        "geo_precision": (2 if where.get("near") and where.get("lat") is not None else GEO_PRECISION.get(where.get("precision") or "", 3)) if where else "",
        "source": attribution.get("source") or doc.get("source") or "", "source_scale": "", "notes": event.get("summary") or "",
        "fatalities": (event.get("fatalities") or {}).get("value") or 0,
        "tags": "; ".join(f"{a['name']} {RESPONSIBILITY[a['responsibility']]}" for a in initiators if a.get("responsibility") in RESPONSIBILITY),
        "timestamp": _timestamp(doc.get("ingested")),
    }


def incident_row(incident: dict[str, Any]) -> dict[str, Any]:
    when, where = incident.get("date") or {}, incident.get("location") or {}
    iso, country = _country(where.get("country"))
    actors = incident.get("actors") or []
    killed = incident.get("killed") or {}
    sources = [s.get("source") for k in ("killed", "injured") for s in (incident.get(k) or {}).get("sources") or [] if s.get("source")]
    day = when.get("start") or ""
    return {
        "event_id_cnty": incident.get("id"), "event_date": day, "year": day[:4], "time_precision": 1 if day and day == when.get("end") else 2,
        "disorder_type": DISORDER.get(incident.get("acled_type") or "", ""), "event_type": incident.get("acled_type") or "",
        "sub_event_type": incident.get("acled_subtype") or "", "actor1": actors[0] if actors else "", "assoc_actor_1": "",
        "inter1": "", "actor2": actors[1] if len(actors) > 1 else "", "assoc_actor_2": "; ".join(actors[2:]), "inter2": "",
        "interaction": "", "civilian_targeting": "", "iso": iso, "region": "", "country": country,
        "admin1": where.get("admin1") or "", "admin2": "", "admin3": "", "location": where.get("name") or "",
        "latitude": where.get("lat"), "longitude": where.get("lon"), "geo_precision": 1 if where.get("lat") is not None else 3,
        "source": "; ".join(dict.fromkeys(sources)), "source_scale": "", "notes": incident.get("summary") or "",
        "fatalities": killed.get("best") or 0, "tags": "", "timestamp": _timestamp(incident.get("updated")),
    }


def write(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    return csv_export.write(rows, out, COLUMNS)
