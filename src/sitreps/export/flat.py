"""Events and incidents as flat rows (one value per column) for CSV, GeoJSON properties and Parquet."""

from __future__ import annotations

from typing import Any

EVENT_FIELDS = (
    "id", "incident_id", "document_id", "published", "date_start", "date_end", "date_precision", "plover", "acled_type",
    "acled_subtype", "summary", "location", "country", "admin1", "admin2", "lat", "lon", "geo_precision", "near", "initiators",
    "targets", "fatalities", "fatalities_qualifier", "injured", "injured_qualifier", "source", "hedged", "confidence", "title", "url",
)
INCIDENT_FIELDS = (
    "id", "date_start", "date_end", "plover", "acled_type", "acled_subtype", "summary", "location", "country", "admin1",
    "lat", "lon", "actors", "killed_low", "killed_best", "killed_high", "injured_low", "injured_best", "injured_high",
    "n_reports", "n_documents", "document_ids", "event_ids", "sources",
)


def _names(event: dict[str, Any], role: str) -> str:
    return "; ".join(a["name"] for a in event.get("actors") or [] if a.get("role") == role and a.get("name"))


def event_row(event: dict[str, Any]) -> dict[str, Any]:
    when, where = event.get("date") or {}, event.get("location") or {}
    doc = event.get("document") or {}
    fat, inj = event.get("fatalities") or {}, event.get("injured") or {}
    attribution = event.get("attribution") or {}
    return {
        "id": event.get("id"), "incident_id": event.get("incident_id"), "document_id": doc.get("id"), "published": doc.get("published"),
        "date_start": when.get("start"), "date_end": when.get("end"), "date_precision": when.get("precision"),
        "plover": event.get("plover"), "acled_type": event.get("acled_type"), "acled_subtype": event.get("acled_subtype"),
        "summary": event.get("summary"), "location": where.get("name"), "country": where.get("country"),
        "admin1": where.get("admin1"), "admin2": where.get("admin2"), "lat": where.get("lat"), "lon": where.get("lon"),
        "geo_precision": where.get("precision"), "near": bool(where.get("near")) if where else None, "initiators": _names(event, "initiator"), "targets": _names(event, "target"),
        "fatalities": fat.get("value"), "fatalities_qualifier": fat.get("qualifier"),
        "injured": inj.get("value"), "injured_qualifier": inj.get("qualifier"),
        "source": attribution.get("source") or doc.get("source"), "hedged": attribution.get("hedged"),
        "confidence": event.get("confidence"), "title": doc.get("title"), "url": doc.get("url"),
    }


def incident_row(incident: dict[str, Any]) -> dict[str, Any]:
    when, where = incident.get("date") or {}, incident.get("location") or {}
    row: dict[str, Any] = {
        "id": incident.get("id"), "date_start": when.get("start"), "date_end": when.get("end"),
        "plover": incident.get("plover"), "acled_type": incident.get("acled_type"), "acled_subtype": incident.get("acled_subtype"),
        "summary": incident.get("summary"), "location": where.get("name"), "country": where.get("country"),
        "admin1": where.get("admin1"), "lat": where.get("lat"), "lon": where.get("lon"), "actors": "; ".join(incident.get("actors") or []),
    }
    sources: list[str] = []
    for kind in ("killed", "injured"):
        figure = incident.get(kind) or {}
        for key in ("low", "best", "high"):
            row[f"{kind}_{key}"] = figure.get(key)
        sources += [s.get("source") for s in figure.get("sources") or [] if s.get("source")]
    reports = incident.get("reports") or []
    row["n_reports"] = incident.get("n_reports", len(reports))
    row["n_documents"] = incident.get("n_documents")
    row["document_ids"] = "; ".join(dict.fromkeys(r["document_id"] for r in reports))
    row["event_ids"] = "; ".join(r["event_id"] for r in reports)
    row["sources"] = "; ".join(dict.fromkeys(sources))
    return row
