"""Reading the gold of the development sets, shared by their scorers (:mod:`sitreps.evaluation`) and
the trainers (:mod:`sitreps.training`), which may not import the scorers: the text a GVA page is
given to the pipeline as (the same text, so the same fold), and how a realnews_dev event is
matched to a gold incident (its type, its place, the incident's evidence)."""

from __future__ import annotations

from typing import Any

from ..geo.distance import haversine_km

DIPLOMATIC = ("CONSULT", "AGREE")


def article_text(row: dict[str, Any]) -> str:
    body = row.get("text") or ""
    if not body.strip():
        return ""
    title = (row.get("title") or "").strip()
    if title and title[-1] not in ".!?":
        title += "."  # so that the parser ends the headline's sentence before the body starts
    return f"{title}\n\n{body}" if title else body


def type_ok(event: dict[str, Any], incident: dict[str, Any]) -> bool:
    if event.get("acled_type") in incident.get("families", ()):
        return True
    return incident.get("plover") in DIPLOMATIC and event.get("plover") in DIPLOMATIC


def place_distance(event: dict[str, Any], incident: dict[str, Any]) -> float | None:
    """Distance in km when the event's place is within the incident's tolerance, else None.
    An incident without coordinates matches by name at distance 0."""
    loc = event.get("location") or {}
    coord = incident.get("coord")
    if coord:
        if loc.get("lat") is None or loc.get("lon") is None:
            return None
        km = haversine_km(loc["lat"], loc["lon"], coord[0], coord[1])
        return km if km <= float(incident.get("radius_km") or 0) else None
    names = " ".join(str(loc.get(k) or "") for k in ("name", "text")).lower()
    return 0.0 if any(n in names for n in incident.get("place_names", ())) else None


def evidence_spans(text: str, evidence: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for frag in (f.strip() for f in (evidence or "").split(" ... ")):
        at = text.find(frag, pos) if frag else -1
        if at >= 0:
            spans.append((at, at + len(frag)))
            pos = at + len(frag)
    return spans
