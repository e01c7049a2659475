"""The API's answers and bodies as pydantic models: they make the OpenAPI schema at /docs and
check what goes out. Events carry every sitreps/1 field (``extra="allow"``): the record
contract (spec/record.md) adds fields freely, and the API passes them on."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class DocumentRef(Open):
    id: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    ingested: str | None = None


class DocumentWithText(DocumentRef):
    text: str = Field(description="The article text the evidence offsets point into.")


class EventPublic(Open):
    """A stored sitreps/1 event, its document and its incident."""

    id: str
    plover: str
    acled_type: str | None = None
    acled_subtype: str | None = None
    summary: str | None = None
    date: dict[str, Any] | None = None
    location: dict[str, Any] | None = None
    actors: list[dict[str, Any]] = []
    fatalities: dict[str, Any] | None = None
    injured: dict[str, Any] | None = None
    confidence: float | None = None
    document: DocumentRef
    incident_id: str | None = None


class EventsPublic(BaseModel):
    data: list[EventPublic]
    count: int = Field(description="How many items this page holds.")
    next_cursor: str | None = Field(description="Pass as cursor= for the next page; null on the last page.")


class Evidence(BaseModel):
    field: str = Field(description="Path of the value in the event: trigger, location, actors[0], fatalities, ...")
    start: int
    end: int
    text: str = Field(description="document.text[start:end]")


class EventDetail(EventPublic):
    document: DocumentWithText
    evidence: list[Evidence]


class DateRange(BaseModel):
    start: str | None = None
    end: str | None = None


class IncidentLocation(BaseModel):
    name: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None


class FigureRange(Open):
    low: int
    best: int
    high: int
    sources: list[dict[str, Any]] = []


class Report(Open):
    document_id: str
    event_id: str
    published: str | None = None
    title: str | None = None
    url: str | None = None


class IncidentPublic(BaseModel):
    id: str
    date: DateRange
    plover: str | None = None
    acled_type: str | None = None
    acled_subtype: str | None = None
    summary: str | None = None
    location: IncidentLocation
    actors: list[str]
    killed: FigureRange | None = None
    injured: FigureRange | None = None
    n_reports: int
    n_documents: int
    reports: list[Report]
    updated: str


class IncidentsPublic(BaseModel):
    data: list[IncidentPublic]
    count: int
    next_cursor: str | None


class Figure(BaseModel):
    kind: Literal["killed", "injured"]
    value: int
    qualifier: str | None = None
    source: str | None = Field(None, description="Who gave the figure: the attributed source, or the outlet.")
    document_id: str
    event_id: str
    published: str | None = None
    evidence: str | None = None


class IncidentDetail(IncidentPublic):
    figures: list[Figure]
    events: list[EventDetail]


class Totals(BaseModel):
    count: int
    fatalities: int


class StatsItem(BaseModel):
    key: str | None
    count: int
    fatalities: int
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    id: str | None = None
    bbox: list[float] | None = None


class Stats(BaseModel):
    by: str
    of: str
    zoom: int | None = None
    total: Totals
    data: list[StatsItem]


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    store: str
    read_only: bool
    dashboard: bool


class DocumentIn(BaseModel):
    """A document to extract and store: exactly one of ``text`` and ``html``, or ``url`` alone (fetched)."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, min_length=1, description="Plain article text.")
    html: str | None = Field(None, min_length=1, description="An article page's HTML; its main text is extracted.")
    url: str | None = Field(None, max_length=2000, description="Fetched when neither text nor html is given; else kept as the document's URL.")
    id: str | None = Field(None, min_length=1, max_length=500, description="Document id; default: SHA-256 of the text.")
    title: str | None = Field(None, max_length=1000)
    published: str | None = Field(None, max_length=40, description="ISO date or datetime; the anchor for relative dates.")
    source: str | None = Field(None, max_length=200, description="The outlet's name.")

    @model_validator(mode="after")
    def one_content(self) -> "DocumentIn":
        if self.text is not None and self.html is not None:
            raise ValueError("give text or html, not both")
        if self.text is None and self.html is None and not self.url:
            raise ValueError("give one of text, html or url")
        return self


class DocumentOut(BaseModel):
    stored: bool = Field(description="False when the store already held this document (nothing was extracted again).")
    record: dict[str, Any] = Field(description="The sitreps/1 record with document.text; each event has incident_id.")


ERROR_EXAMPLE = {"error": {"status": 422, "code": "S801", "message": "limit: Input should be less than or equal to 1000 (you gave '5000').",
                           "field": "limit"}}


class ErrorBody(BaseModel):
    status: int
    code: str
    message: str
    field: str | None


class ErrorOut(BaseModel):
    error: ErrorBody
