"""``GET /v1/incidents`` (filtered, paged) and ``GET /v1/incidents/{id}`` (all reports, every figure by source)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from ...errors import ApiError
from ...store import api_queries
from ..deps import FiltersDep, Page, StoreDep, encode_cursor, known_parameters, page
from ..models import IncidentDetail, IncidentsPublic

router = APIRouter(prefix="/v1/incidents", tags=["incidents"], dependencies=[Depends(known_parameters)])


@router.get("", response_model=IncidentsPublic)
def list_incidents(store: StoreDep, query: FiltersDep, paging: Annotated[Page, Depends(page("incidents"))]) -> dict[str, Any]:
    """Incidents merged from the stored reports that match every filter, newest first, one page at a time."""
    items, next_key = api_queries.incidents_page(store, query, paging.limit, paging.after)
    return {"data": items, "count": len(items), "next_cursor": encode_cursor("incidents", next_key)}


@router.get("/{incident_id:path}", response_model=IncidentDetail)
def get_incident(incident_id: str, store: StoreDep) -> dict[str, Any]:
    """One incident: every report in full (event, text, evidence) and every figure with who gave it."""
    found = api_queries.incident(store, incident_id)
    if found is None:
        raise ApiError(f"no incident with id {incident_id!r}. GET /v1/incidents lists them.", "S704", 404, "incident_id")
    return found
