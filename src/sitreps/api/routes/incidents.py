"""``GET /v1/incidents`` (filtered, paged) and ``GET /v1/incidents/{id}`` (all reports, every figure by source)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from ...store import api_queries
from ..deps import FiltersDep, Page, StoreDep, known_parameters, listing, not_found, page
from ..models import IncidentDetail, IncidentsPublic

router = APIRouter(prefix="/v1/incidents", tags=["incidents"], dependencies=[Depends(known_parameters)])


@router.get("", response_model=IncidentsPublic)
def list_incidents(store: StoreDep, query: FiltersDep, paging: Annotated[Page, Depends(page("incidents"))]) -> dict[str, Any]:
    """Incidents merged from the stored reports that match every filter, newest first, one page at a time."""
    return listing("incidents", api_queries.incidents_page, store, query, paging)


@router.get("/{incident_id:path}", response_model=IncidentDetail)
def get_incident(incident_id: str, store: StoreDep) -> dict[str, Any]:
    """One incident: every report in full (event, text, evidence) and every figure with who gave it."""
    found = api_queries.incident(store, incident_id)
    if found is None:
        raise not_found("incident", incident_id, "GET /v1/incidents lists them.")
    return found
