"""``GET /v1/incidents`` (filtered, paged) and ``GET /v1/incidents/{id}`` (all reports, every figure by source)."""

from __future__ import annotations

from ..deps import collection
from ..models import IncidentDetail, IncidentsPublic

router = collection(
    "incidents", "incident", (IncidentsPublic, IncidentDetail),
    ("Incidents merged from the stored reports that match every filter, newest first, one page at a time.",
     "One incident: every report in full (event, text, evidence) and every figure with who gave it."),
    "GET /v1/incidents lists them.")
