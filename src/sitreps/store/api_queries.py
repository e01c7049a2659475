"""Reads the HTTP API needs beyond ``Store.events`` / ``Store.incidents``: keyset pages, one event
or incident by id with its evidence and figures, and grouped counts for timelines and maps.

Pages are ordered newest first: ``day_start`` descending, then ``id`` descending, items without a
day last. A page ends at a key ``(day_start, id)``; the next page starts strictly after it, so
pages do not shift when new items are stored meanwhile, and every page is an index range scan.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any, Iterator, Sequence

from . import rows
from .base import Store
from .query import Filters

#: (day_start, id) of the last item of a page; day_start is None for undated items.
Key = tuple[str | None, str]

#: What ``GET /v1/stats`` can group by, besides ``grid`` and ``week`` (made from ``day``).
GROUPS = {"day": ("day_start",), "country": ("country",), "admin1": ("country", "admin1"), "type": ("plover",)}
#: A map's grid at zoom z has cells of 360 / 2**(z + GRID_SHIFT) degrees.
GRID_SHIFT = 3


@dataclass(frozen=True)
class Query:
    """The store's :class:`Filters` plus what only the API filters on."""

    filters: Filters = Filters()
    min_confidence: float | None = None


def analyze(store: Store) -> bool:
    """Give SQLite's planner statistics once (``ANALYZE`` when the store has none: about a second
    per 100k events) so that a filtered page walks the (day, id) index rather than sorting every
    match. PostgreSQL's autovacuum does this itself. False when nothing was done: another backend,
    statistics already there, or the store busy with a writer (the planner then does without)."""
    if store.dialect != "sqlite" or store.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'"):
        return False
    try:
        store.execute("PRAGMA busy_timeout = 2000")  # do not hold up the server's start behind a long ingest batch
        store.execute("ANALYZE")
    except Exception:  # locked by an ingest, or a read-only file
        return False
    finally:
        store.execute(f"PRAGMA busy_timeout = {int(getattr(store, 'busy_timeout', 30.0) * 1000)}")
    return True


def _conditions(store: Store, query: Query, table: str) -> tuple[list[str], list[Any]]:
    cond, params = store._where(query.filters, table)
    conds = [cond.removeprefix(" WHERE ")] if cond else []
    if query.min_confidence is not None:
        if table == "events":
            conds.append("confidence >= ?")
        else:
            conds.append("id IN (SELECT ie.incident_id FROM incident_events ie JOIN events e ON e.id = ie.event_id WHERE e.confidence >= ?)")
        params.append(query.min_confidence)
    return conds, params


def _page_keys(store: Store, table: str, query: Query, limit: int, after: Key | None) -> tuple[list[Key], Key | None]:
    """The keys of one page of ``table`` and the key to continue after (None on the last page)."""
    conds, params = _conditions(store, query, table)
    # The backend may read a page of many matches in day order (SQLiteStore._events_source).
    source = store._events_source(replace(query.filters, limit=limit)) if table == "events" else table
    keys: list[Key] = []
    want = limit + 1
    if after is None or after[0] is not None:  # dated items first
        extra = ["day_start IS NOT NULL"]
        p = list(params)
        if after is not None:
            extra.append("(day_start, id) < (?, ?)")
            p += [after[0], after[1]]
        sql = f"SELECT day_start, id FROM {source} WHERE {' AND '.join(conds + extra)} ORDER BY day_start DESC, id DESC LIMIT {want}"
        keys += [(d, i) for d, i in store.query(sql, p)]
    if len(keys) < want:  # then the undated ones
        extra = ["day_start IS NULL"]
        p = list(params)
        if after is not None and after[0] is None:
            extra.append("id < ?")
            p.append(after[1])
        sql = f"SELECT day_start, id FROM {table} WHERE {' AND '.join(conds + extra)} ORDER BY id DESC LIMIT {want - len(keys)}"
        keys += [(d, i) for d, i in store.query(sql, p)]
    if len(keys) > limit:
        return keys[:limit], keys[limit - 1]
    return keys, None


_EVENT_SELECT = ("SELECT events.id, events.data, events.document_id, ie.incident_id, d.title, d.url, d.source, d.published, d.ingested{text} "
                 "FROM events JOIN documents d ON d.id = events.document_id LEFT JOIN incident_events ie ON ie.event_id = events.id ")


def _events_by_id(store: Store, ids: Sequence[str], with_text: bool = False) -> dict[str, dict[str, Any]]:
    if not ids:
        return {}
    sql = _EVENT_SELECT.format(text=", d.text" if with_text else "") + f"WHERE events.id IN {store.in_list(ids)}"
    out = {}
    for row in store.query(sql, list(ids)):
        event_id, data, doc_id, incident, title, url, source, published, ingested = row[:9]
        event = json.loads(data)
        event["document"] = {"id": doc_id, "title": title, "url": url, "source": source, "published": published, "ingested": ingested}
        event["incident_id"] = incident
        if with_text:
            event["document"]["text"] = row[9]
            event["evidence"] = evidence(event, row[9] or "")
        out[event_id] = event
    return out


def events_page(store: Store, query: Query, limit: int, after: Key | None = None) -> tuple[list[dict[str, Any]], Key | None]:
    """One page of events (as ``Store.events`` gives them) and the key to pass as ``after`` next."""
    keys, next_key = _page_keys(store, "events", query, limit, after)
    found = _events_by_id(store, [i for _, i in keys])
    return [found[i] for _, i in keys if i in found], next_key


def incidents_page(store: Store, query: Query, limit: int, after: Key | None = None) -> tuple[list[dict[str, Any]], Key | None]:
    """One page of incidents (as ``Store.incidents`` gives them) and the key to pass as ``after`` next."""
    keys, next_key = _page_keys(store, "incidents", query, limit, after)
    ids = [i for _, i in keys]
    if not ids:
        return [], next_key
    sql = f"SELECT {', '.join(rows.INCIDENT_COLUMNS)} FROM incidents WHERE id IN {store.in_list(ids)}"
    found = {r[0]: store._incident(dict(zip(rows.INCIDENT_COLUMNS, r))) for r in store.query(sql, ids)}
    return [found[i] for i in ids if i in found], next_key


def iterate(store: Store, kind: str, query: Query, limit: int | None = None, page: int = 1000) -> Iterator[dict[str, Any]]:
    """Every event or incident that matches, page by page (for exports), at most ``limit``."""
    fetch = events_page if kind == "events" else incidents_page
    after: Key | None = None
    left = limit
    while left is None or left > 0:
        items, after = fetch(store, query, min(page, left) if left is not None else page, after)
        yield from items
        if left is not None:
            left -= len(items)
        if after is None:
            return


def event(store: Store, event_id: str) -> dict[str, Any] | None:
    """One event with its document's text and the evidence of every value, or None."""
    return _events_by_id(store, [event_id], with_text=True).get(event_id)


def incident(store: Store, incident_id: str) -> dict[str, Any] | None:
    """One incident with every figure any report gave (and who said it) and every report in full."""
    row = store.execute(f"SELECT {', '.join(rows.INCIDENT_COLUMNS)} FROM incidents WHERE id = ?", (incident_id,)).fetchone()
    if row is None:
        return None
    out = store._incident(dict(zip(rows.INCIDENT_COLUMNS, row)))
    cols = ("kind", "value", "qualifier", "source", "document_id", "event_id", "published", "evidence")
    out["figures"] = [dict(zip(cols, r)) for r in store.query(
        "SELECT f.kind, f.value, f.qualifier, f.source, f.document_id, f.event_id, f.published, f.evidence FROM figures f "
        "JOIN incident_events ie ON ie.event_id = f.event_id WHERE ie.incident_id = ? ORDER BY f.published, f.event_id, f.kind, f.ordinal", (incident_id,))]
    ids = [r["event_id"] for r in out["reports"]]
    found = _events_by_id(store, ids, with_text=True)
    out["events"] = [found[i] for i in ids if i in found]
    return out


def evidence(event: dict[str, Any], text: str) -> list[dict[str, Any]]:
    """Every span an event's values came from: ``{field, start, end, text}``, sorted by start."""
    spans: list[dict[str, Any]] = []

    def visit(value: Any, path: str) -> None:
        if isinstance(value, dict):
            for start_key, end_key in (("start", "end"), ("start_char", "end_char")):
                start, end = value.get(start_key), value.get(end_key)
                if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
                    spans.append({"field": path, "start": start, "end": end, "text": text[start:end]})
            for key, sub in value.items():
                if isinstance(sub, (dict, list)):
                    visit(sub, f"{path}.{key}" if path else key)
        elif isinstance(value, list):
            for i, sub in enumerate(value):
                visit(sub, f"{path}[{i}]")

    visit({k: v for k, v in event.items() if k not in ("document", "evidence")}, "")
    return sorted(spans, key=lambda s: (s["start"], s["end"], s["field"]))


# -- grouped counts --------------------------------------------------------------------------
def _killed(table: str) -> str:
    return "coalesce(killed_best, 0)" if table == "incidents" else "coalesce(fatalities, 0)"


def totals(store: Store, table: str, query: Query) -> dict[str, int]:
    conds, params = _conditions(store, query, table)
    where = f" WHERE {' AND '.join(conds)}" if conds else ""
    count, killed = store.execute(f"SELECT count(*), sum({_killed(table)}) FROM {table}{where}", params).fetchone()
    return {"count": int(count or 0), "fatalities": int(killed or 0)}


def grouped(store: Store, table: str, query: Query, by: str) -> list[dict[str, Any]]:
    """Counts and fatalities per day, week, country, admin1 or type (PLOVER)."""
    columns = GROUPS["day" if by == "week" else by]
    conds, params = _conditions(store, query, table)
    where = f" WHERE {' AND '.join(conds)}" if conds else ""
    cols = ", ".join(columns)
    result = store.query(f"SELECT {cols}, count(*), sum({_killed(table)}) FROM {table}{where} GROUP BY {cols}", params)
    items = []
    for r in result:
        values, count, killed = r[:-2], int(r[-2]), int(r[-1] or 0)
        item: dict[str, Any] = {"key": values[0], "count": count, "fatalities": killed}
        if by == "admin1":
            item = {"key": f"{values[0]}/{values[1]}" if values[1] is not None else None, "country": values[0], "admin1": values[1],
                    "count": count, "fatalities": killed}
        items.append(item)
    if by == "week":
        items = _weeks(items)
    if by in ("day", "week"):
        return sorted(items, key=lambda i: (i["key"] is None, i["key"] or ""))
    return sorted(items, key=lambda i: (-i["count"], i["key"] is None, str(i["key"])))


def _weeks(days: list[dict[str, Any]]) -> list[dict[str, Any]]:
    weeks: dict[str | None, dict[str, Any]] = {}
    for d in days:
        key = None
        if d["key"]:
            day = date.fromisoformat(d["key"][:10])
            key = (day - timedelta(days=day.weekday())).isoformat()
        w = weeks.setdefault(key, {"key": key, "count": 0, "fatalities": 0})
        w["count"] += d["count"]
        w["fatalities"] += d["fatalities"]
    return list(weeks.values())


def grid(store: Store, table: str, query: Query, zoom: int, max_cells: int) -> list[dict[str, Any]] | None:
    """Items with coordinates counted per cell of ``360 / 2**(zoom + GRID_SHIFT)`` degrees; None
    when there would be more than ``max_cells`` cells."""
    cell = 360.0 / 2 ** (zoom + GRID_SHIFT)
    conds, params = _conditions(store, query, table)
    conds.append("lat IS NOT NULL AND lon IS NOT NULL")
    row_, col_ = _cell(store, f"(lat + 90) / {cell!r}"), _cell(store, f"(lon + 180) / {cell!r}")
    sql = (f"SELECT {row_} AS r, {col_} AS c, count(*), sum({_killed(table)}), avg(lat), avg(lon), min(lon), min(lat), max(lon), max(lat), min(id) "
           f"FROM {table} WHERE {' AND '.join(conds)} GROUP BY 1, 2 LIMIT {int(max_cells) + 1}")
    result = store.query(sql, params)
    if len(result) > max_cells:
        return None
    return [{"key": f"{r}:{c}", "lat": round(lat, 5), "lon": round(lon, 5), "count": int(n), "fatalities": int(killed or 0),
             "id": first if n == 1 else None, "bbox": [w, s, e, nn]}
            for r, c, n, killed, lat, lon, w, s, e, nn, first in result]


def _cell(store: Store, expr: str) -> str:
    # The values are never negative, so truncation is the floor; PostgreSQL's cast rounds instead.
    return f"CAST(floor({expr}) AS INTEGER)" if store.dialect == "postgres" else f"CAST({expr} AS INTEGER)"
