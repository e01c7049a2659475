"""The store's side of merging: candidates by block key, unions of incidents, incident rows.

``sitreps.merge`` decides (fingerprints, block keys, ``match``, figures); this module keeps its
inputs in tables and applies its decisions so that the incidents in the store equal what
``sitreps.merge.MemoryIndex`` gives on the same events, in any arrival order: every new event is
compared with every stored event that shares a block key, and matching incidents are unioned
and re-labelled with ``incident_id`` of the union.
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Protocol, Sequence

from .. import merge
from . import rows


class Tables(Protocol):
    """What the merger asks of a store (``base.Store`` is one): its merge settings, SQL with ``?``
    placeholders, and a placeholder list for an ``IN``."""

    merge_settings: merge.MergeSettings

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any: ...
    def executemany(self, sql: str, rows_: Iterable[Sequence[Any]]) -> None: ...
    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]: ...
    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any: ...
    def in_list(self, values: Sequence[Any]) -> str: ...


class Merger:
    def __init__(self, store: Tables):
        self.store = store
        self._cache: dict[str, merge.Fingerprint] = {}

    def _fingerprint(self, event_id: str, text: str) -> merge.Fingerprint:
        fp = self._cache.get(event_id)
        if fp is None:
            if len(self._cache) > 200_000:
                self._cache.clear()
            fp = self._cache[event_id] = rows.decode_fingerprint(text)
        return fp

    def add(self, fps: Iterable[merge.Fingerprint]) -> int:
        """Merge newly stored events into incidents; returns the change in the number of incidents."""
        s = self.store
        settings = s.merge_settings
        before = int(s.scalar("SELECT count(*) FROM incidents"))
        touched: set[str] = set()
        for fp in fps:
            if s.scalar("SELECT incident_id FROM incident_events WHERE event_id = ?", (fp.event_id,)):
                continue  # merged before: merging is idempotent
            self._cache[fp.event_id] = fp
            keys = list(dict.fromkeys(merge.block_keys(fp, settings)))
            joined: set[str] = set()
            if keys:
                candidates = s.query(
                    "SELECT DISTINCT e.id, e.fingerprint, ie.incident_id FROM block_keys b JOIN events e ON e.id = b.event_id "
                    f"JOIN incident_events ie ON ie.event_id = e.id WHERE b.key IN {s.in_list(keys)} AND e.id <> ?",
                    [*keys, fp.event_id],
                )
                for other_id, text, incident in candidates:
                    if incident not in joined and merge.match(fp, self._fingerprint(other_id, text), settings) >= settings.threshold:
                        joined.add(incident)
                s.executemany("INSERT INTO block_keys (key, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING", [(k, fp.event_id) for k in keys])
            members = [fp.event_id]
            if joined:
                olds = sorted(joined)
                members += [r[0] for r in s.query(f"SELECT event_id FROM incident_events WHERE incident_id IN {s.in_list(olds)}", olds)]
            new_id = merge.incident_id(members)
            if joined:
                olds = sorted(joined - {new_id})
                if olds:
                    s.execute(f"UPDATE incident_events SET incident_id = ? WHERE incident_id IN {s.in_list(olds)}", [new_id, *olds])
                    s.execute(f"DELETE FROM incidents WHERE id IN {s.in_list(olds)}", olds)
                touched -= joined
            s.execute("INSERT INTO incident_events (event_id, incident_id) VALUES (?, ?)", (fp.event_id, new_id))
            touched.add(new_id)
        for incident in sorted(touched):
            self.refresh(incident)
        return int(s.scalar("SELECT count(*) FROM incidents")) - before

    def refresh(self, incident: str) -> None:
        """(Re)write the incident row from its member events: place and type of its most
        confident report, the span of its days, and its figures from ``merge.incident_figures``."""
        s = self.store
        members = s.query(
            "SELECT e.data, e.document_id, e.published, d.source, e.day_start, e.day_end, e.confidence, e.lat "
            "FROM incident_events ie JOIN events e ON e.id = ie.event_id JOIN documents d ON d.id = e.document_id "
            "WHERE ie.incident_id = ? ORDER BY e.id", (incident,))
        if not members:
            return
        reports: list[dict[str, Any]] = []
        for data, doc_id, published, source, *_ in members:
            event = json.loads(data)
            reports.append({**event, "event_id": event["id"], "document_id": doc_id, "published": published, "source": source})
        main = max(range(len(members)), key=lambda i: (members[i][7] is not None, members[i][6] or 0.0, members[i][0]))
        lead = reports[main]
        where = lead.get("location") or {}
        figures = merge.incident_figures(reports, s.merge_settings)
        starts = [m[4] for m in members if m[4]]
        ends = [m[5] or m[4] for m in members if m[5] or m[4]]
        actors = list(dict.fromkeys(a["name"] for r in reports for a in r.get("actors") or [] if a.get("name")))

        def fig(kind: str, key: str) -> Any:
            value = figures.get(kind)
            return value.get(key) if value else None

        row = (
            incident, min(starts) if starts else None, max(ends) if ends else None, where.get("country"), where.get("admin1"),
            where.get("name"), where.get("lat"), where.get("lon"), lead.get("plover"), lead.get("acled_type"), lead.get("acled_subtype"),
            "; ".join(actors) or None, lead.get("summary"),
            fig("killed", "low"), fig("killed", "best"), fig("killed", "high"),
            fig("injured", "low"), fig("injured", "best"), fig("injured", "high"),
            len(reports), len({r["document_id"] for r in reports}), rows.dumps(figures), rows.now(),
        )
        s.execute("DELETE FROM incidents WHERE id = ?", (incident,))
        s.execute(f"INSERT INTO incidents ({', '.join(rows.INCIDENT_COLUMNS)}) VALUES {s.in_list(rows.INCIDENT_COLUMNS)}", row)
