"""``GET /v1/events`` (filtered, paged) and ``GET /v1/events/{id}`` (with its text and evidence)."""

from __future__ import annotations

from ..deps import collection
from ..models import EventDetail, EventsPublic

router = collection(
    "events", "event", (EventsPublic, EventDetail),
    ("Stored events that match every filter, newest first, one page at a time.",
     "One event with its document's text and the evidence span of every value. Write '#' as %23."),
    "Event ids look like '<document id>#e1' (write '#' as %23 in the path); GET /v1/events lists them.")
