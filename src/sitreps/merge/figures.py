"""An incident's figures: every report's killed and injured count, kept side by side.

Each figure keeps its value, qualifier, who gave it (the attributed source, else the outlet),
the document and event it came from, and the report's date. ``low`` and ``high`` span the
reports; ``best`` is, by default, the latest report's figure (tolls are updated upwards as the
wounded die and bodies are found), or with ``best = "conservative"`` the most conservative one
(ACLED's rule: the lowest figure reported). Figures are never averaged: when the reports
disagree, ``conflicting`` is true and every claim is in ``sources``.
"""

from __future__ import annotations

from typing import Any

from .config import MergeSettings

KINDS = (("killed", "fatalities"), ("injured", "injured"))


def _source(report: dict[str, Any], count: dict[str, Any]) -> dict[str, Any]:
    attribution = count.get("attribution") or report.get("attribution") or {}
    return {
        "value": int(count["value"]),
        "qualifier": count.get("qualifier"),
        "source": attribution.get("source") or report.get("source"),
        "document_id": report.get("document_id") or str(report.get("id") or "").split("#")[0] or None,
        "published": report.get("published"),
        "event_id": report.get("event_id") or report.get("id"),
    }


def _best(sources: list[dict[str, Any]], rule: str) -> int:
    if rule == "conservative":
        return min(s["value"] for s in sources)
    latest = max(s["published"] or "" for s in sources)
    # several reports of the latest day: the highest of them, the toll as last updated
    return max(s["value"] for s in sources if (s["published"] or "") == latest)


def incident_figures(reports: list[dict[str, Any]], settings: MergeSettings | None = None) -> dict[str, Any]:
    """``{"killed": {...}, "injured": {...}}`` for an incident's reports.

    A report is a sitreps/1 event dict with the report's ``document_id``, ``published`` and
    (outlet) ``source`` added. Each kind is ``None`` when no report gives that figure, else
    ``{"low", "best", "high", "conflicting", "sources": [...]}`` with one source per figure.
    """
    rule = (settings or MergeSettings()).best
    out: dict[str, Any] = {}
    for kind, key in KINDS:
        # each report's figure, and the other values its article's sources gave for it (``others``)
        sources = [_source(r, c) for r in reports if isinstance(r.get(key), dict) and r[key].get("value") is not None
                   for c in (r[key], *(r[key].get("others") or [])) if c.get("value") is not None]
        if not sources:
            out[kind] = None
            continue
        sources.sort(key=lambda s: (s["published"] or "", s["document_id"] or "", s["event_id"] or "", s["value"]))
        values = [s["value"] for s in sources]
        out[kind] = {"low": min(values), "best": _best(sources, rule), "high": max(values),
                     "conflicting": len(set(values)) > 1, "sources": sources}
    return out


def as_report(event: dict[str, Any], document: dict[str, Any]) -> dict[str, Any]:
    """A sitreps/1 event as a report for :func:`incident_figures`: with its document's id,
    publication date and outlet."""
    return {**event, "document_id": document.get("id"), "published": document.get("published"), "source": document.get("source")}
