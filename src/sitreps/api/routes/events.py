"""``GET /v1/events`` (filtered, paged) and ``GET /v1/events/{id}`` (with its text and evidence)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from ...store import api_queries
from ..deps import FiltersDep, Page, StoreDep, known_parameters, listing, not_found, page
from ..models import EventDetail, EventsPublic

router = APIRouter(prefix="/v1/events", tags=["events"], dependencies=[Depends(known_parameters)])


@router.get("", response_model=EventsPublic)
def list_events(store: StoreDep, query: FiltersDep, paging: Annotated[Page, Depends(page("events"))]) -> dict[str, Any]:
    """Stored events that match every filter, newest first, one page at a time."""
    return listing("events", api_queries.events_page, store, query, paging)


@router.get("/{event_id:path}", response_model=EventDetail)
def get_event(event_id: str, store: StoreDep) -> dict[str, Any]:
    """One event with its document's text and the evidence span of every value. Write '#' as %23."""
    found = api_queries.event(store, event_id)
    if found is None:
        raise not_found("event", event_id, "Event ids look like '<document id>#e1' (write '#' as %23 in the path); GET /v1/events lists them.")
    return found
