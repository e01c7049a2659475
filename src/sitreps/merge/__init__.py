"""Cross-article merge of events into incidents (stand-in for the store branch).

This module is owned by the merge work (``i10-merge``); this file is a small stand-in with the
agreed signatures so that the store can be built and tested against them. It blocks on event
family x admin1 x day, and matches events of one family whose days overlap (one day of slack)
and whose places agree. The real module replaces it wholesale.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Iterable

#: Pairs scoring at least this are the same incident.
THRESHOLD = 0.6

_FAMILIES = {
    "ASSAULT": "violence", "FIGHT": "violence", "COERCE": "violence", "MOBILIZE": "violence",
    "PROTEST": "protest", "CONSULT": "consult", "AGREE": "consult", "COOPERATE": "consult",
}


def _day(value: Any) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class Fingerprint:
    """What merging needs of one stored event."""

    event_id: str
    document_id: str
    family: str
    day_start: date | None
    day_end: date | None
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    precision: str | None
    place: str | None = None
    killed: int | None = None
    injured: int | None = None

    @classmethod
    def from_event(cls, event: dict, document: dict) -> "Fingerprint":
        when = event.get("date") or {}
        where = event.get("location") or {}
        start = _day(when.get("start")) or _day(document.get("published"))
        end = _day(when.get("end")) or start
        fat, inj = event.get("fatalities") or {}, event.get("injured") or {}
        return cls(
            event_id=event["id"], document_id=document.get("id") or event["id"].split("#")[0],
            family=_FAMILIES.get(event.get("plover") or "", (event.get("plover") or "other").lower()),
            day_start=start, day_end=end, country=where.get("country"), admin1=where.get("admin1"),
            lat=where.get("lat"), lon=where.get("lon"), precision=where.get("precision"),
            place=(where.get("name") or None), killed=fat.get("value"), injured=inj.get("value"),
        )


def block_keys(fp: Fingerprint) -> list[str]:
    """One key per day of the event (one day either side) and its admin1 and family."""
    if fp.day_start is None:
        return []
    end = fp.day_end if fp.day_end and fp.day_end >= fp.day_start else fp.day_start
    span = min((end - fp.day_start).days, 6)
    days = [fp.day_start + timedelta(days=i) for i in range(-1, span + 2)]
    return [f"{fp.family}|{fp.country or ''}|{fp.admin1 or ''}|{d.isoformat()}" for d in days]


def _km(a: Fingerprint, b: Fingerprint) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))  # type: ignore[arg-type]
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(min(1.0, h)))


def match(a: Fingerprint, b: Fingerprint) -> float:
    """0..1: the same family, overlapping days, and places that agree."""
    if a.family != b.family or a.day_start is None or b.day_start is None:
        return 0.0
    gap = max((a.day_start - (b.day_end or b.day_start)).days, (b.day_start - (a.day_end or a.day_start)).days, 0)
    if gap > 1:
        return 0.0
    score = 0.4 if gap == 0 else 0.3
    km = _km(a, b)
    if a.place and a.place == b.place:
        score += 0.4
    elif km is not None and km <= 15:
        score += 0.3
    if a.killed is not None and a.killed == b.killed:
        score += 0.2
    return min(score, 1.0)


def incident_id(event_ids: Iterable[str]) -> str:
    """Deterministic: a hash of the smallest member event id."""
    return "inc-" + hashlib.sha256(min(event_ids).encode("utf-8")).hexdigest()[:20]


def incident_figures(reports: list[dict]) -> dict:
    """``killed``/``injured`` as low/best/high with every source; best = the latest report's figure."""
    out: dict[str, Any] = {}
    for kind, key in (("killed", "fatalities"), ("injured", "injured")):
        sources = []
        for r in reports:
            count = r.get(key)
            if not count:
                continue
            attribution = r.get("attribution") or {}
            sources.append({"value": count["value"], "qualifier": count.get("qualifier"), "source": attribution.get("source") or r.get("source"),
                            "document_id": r.get("document_id"), "published": r.get("published"), "event_id": r.get("event_id") or r.get("id")})
        if not sources:
            out[kind] = None
            continue
        values = [s["value"] for s in sources]
        latest = max(sources, key=lambda s: (s["published"] or "", s["value"]))
        out[kind] = {"low": min(values), "best": latest["value"], "high": max(values), "sources": sources}
    return out


class MemoryIndex:
    """In-memory reference: union-find over matches among blocked candidates."""

    def __init__(self) -> None:
        self._fps: dict[str, Fingerprint] = {}
        self._blocks: dict[str, list[str]] = {}
        self._parent: dict[str, str] = {}

    def _find(self, x: str) -> str:
        while self._parent[x] != x:
            self._parent[x] = self._parent[self._parent[x]]
            x = self._parent[x]
        return x

    def add(self, fps: Iterable[Fingerprint]) -> None:
        for fp in fps:
            if fp.event_id in self._fps:
                continue
            self._fps[fp.event_id] = fp
            self._parent[fp.event_id] = fp.event_id
            seen: set[str] = set()
            for key in block_keys(fp):
                for other in self._blocks.get(key, ()):
                    if other not in seen:
                        seen.add(other)
                        if match(fp, self._fps[other]) >= THRESHOLD:
                            self._parent[self._find(fp.event_id)] = self._find(other)
                self._blocks.setdefault(key, []).append(fp.event_id)

    def incidents(self) -> dict[str, list[str]]:
        groups: dict[str, list[str]] = {}
        for eid in self._fps:
            groups.setdefault(self._find(eid), []).append(eid)
        return {incident_id(members): sorted(members) for members in groups.values()}
