"""Filters for ``sitreps events`` / ``sitreps incidents``, turned into a WHERE clause."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import StoreError


@dataclass(frozen=True)
class Filters:
    """What to select. Dates are ISO days; ``bbox`` is (min lon, min lat, max lon, max lat)."""

    since: str | None = None
    until: str | None = None
    country: str | None = None
    admin1: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    type: str | None = None
    actor: str | None = None
    min_fatalities: int | None = None
    search: str | None = None
    limit: int | None = None


def country_code(value: str) -> str:
    """'UA', 'ukr', 'Ukraine' -> 'UA'."""
    import pycountry

    try:
        return pycountry.countries.lookup(value.strip()).alpha_2
    except LookupError as exc:
        raise StoreError(f"unknown country {value!r}. Give an ISO code (UA) or a name (Ukraine).", "S520") from exc


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    try:
        west, south, east, north = (float(v) for v in value.split(","))
    except ValueError as exc:
        raise StoreError(f"--bbox {value!r} is not four numbers. Give it as min_lon,min_lat,max_lon,max_lat, e.g. 22,44,41,53.", "S521") from exc
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        raise StoreError(f"--bbox {value!r} is not a box: want min_lon <= max_lon and min_lat <= max_lat in degrees.", "S521")
    return west, south, east, north


def _enum(field: str) -> frozenset[str]:
    from ..schema import record_schema

    values = record_schema()["$defs"]["event"]["properties"][field]["enum"]
    return frozenset(v.lower() for v in values if v)


def type_condition(value: str) -> str:
    """One indexed column per type: a PLOVER code (ASSAULT), an ACLED event type (Battles), else an
    ACLED sub-event type (Air/drone strike); the codes are the record schema's."""
    value = value.strip().lower()
    if value in _enum("plover"):
        return "plover = ?"
    if value in _enum("acled_type"):
        return "lower(acled_type) = ?"
    return "lower(acled_subtype) = ?"


def where(filters: Filters, table: str, search_sql: str, search_value: str | None = None) -> tuple[str, list[Any]]:
    """``(sql, params)`` for ``table`` (events or incidents); ``search_sql`` is the backend's
    condition on events for one full-text query parameter, ``search_value`` that parameter."""
    conds: list[str] = []
    params: list[Any] = []
    f = filters
    if f.since:
        conds.append("day_end >= ?" if table == "incidents" else "day_start >= ?")
        params.append(f.since[:10])
    if f.until:
        conds.append("day_start <= ?")
        params.append(f.until[:10])
    if f.country:
        conds.append("country = ?")
        params.append(country_code(f.country))
    if f.admin1:
        conds.append("lower(admin1) = ?")
        params.append(f.admin1.strip().lower())
    if f.bbox:
        west, south, east, north = f.bbox
        conds.append("lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?")
        params += [south, north, west, east]
    if f.type:
        conds.append(type_condition(f.type))
        params.append(f.type.strip().upper() if "plover" in conds[-1] else f.type.strip().lower())
    if f.actor:
        conds.append("lower(actors) LIKE ?")
        params.append(f"%{f.actor.strip().lower()}%")
    if f.min_fatalities is not None:
        conds.append(("killed_best" if table == "incidents" else "fatalities") + " >= ?")
        params.append(f.min_fatalities)
    if f.search:
        if table == "incidents":
            conds.append(f"id IN (SELECT ie.incident_id FROM incident_events ie JOIN events ON events.id = ie.event_id WHERE {search_sql})")
        else:
            conds.append(search_sql)
        params.append(search_value if search_value is not None else f.search)
    return (" WHERE " + " AND ".join(conds)) if conds else "", params
