"""The ``sitreps/1`` document record: one typed structure every stage fills and every consumer reads.

The field names and meanings follow ``shared/spec/record.md``; fields may be added, never renamed.
Offsets are Python string indices into ``Document.text`` (end exclusive), so
``text[start:end] == value.text`` for every value that carries evidence.

The classes are plain dataclasses: cheap to build in the hot path of the pipeline, and turned
into JSON by :meth:`Record.to_dict` / read back by :meth:`Record.from_dict` without loss.
"""

from __future__ import annotations

import dataclasses
import hashlib
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Iterator, Literal

SCHEMA = "sitreps/1"

Qualifier = Literal["exact", "at_least", "at_most", "approx"]
Precision = Literal["point", "district", "city", "region", "country", "sea", "unknown"]
#: precisions of a place no larger than a town: where one incident happened, not a region that holds many
TOWN_OR_FINER = frozenset({"point", "district", "city"})
DatePrecision = Literal["day", "week", "month", "year", "unknown"]

WEAPON_KINDS = ("missile", "drone", "artillery", "rocket", "bomb", "aircraft", "mine", "ied", "small_arms", "other")
TARGET_KINDS = (
    "residential", "energy", "port", "transport", "medical", "education",
    "military", "government", "commercial", "other",
)
#: kinds of crime a record's ``crimes`` lists (lang/en/crimes.tsv: groups of UNODC's ICCS)
CRIME_KINDS = (
    "drugs", "trafficking", "smuggling", "fraud", "counterfeiting", "corruption", "money_laundering",
    "property", "extortion", "exploitation", "cybercrime", "wildlife", "organised_crime",
)
ACTOR_KINDS = ("state_forces", "armed_group", "government", "civilians", "person", "organisation", "rioters", "protesters", "other")


def text_id(text: str) -> str:
    """Content hash used as the document id when none is given (re-ingesting changes nothing)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class Trigger:
    text: str
    start: int
    end: int


@dataclass
class Attribution:
    """Who claims a value. ``source`` None means the outlet's own reporting."""

    source: str | None
    source_role: str | None
    text: str | None
    start: int | None
    end: int | None
    hedged: bool = False


@dataclass
class Count:
    """A number of people (killed, injured) with its qualifier and evidence."""

    value: int
    qualifier: Qualifier
    text: str
    start: int
    end: int
    attribution: Attribution | None = None
    #: the same figure as the article's other mentions of the incident give it, when they differ
    #: ("killed at least 5", a broadcaster said; "four killed", the governor said): each with its
    #: words and source, so that no figure is lost when mentions merge into one event
    others: list["Count"] = field(default_factory=list)


@dataclass
class Weapon:
    kind: str
    count: int | None
    qualifier: Qualifier | None
    text: str
    start: int
    end: int
    attribution: Attribution | None = None


@dataclass
class Target:
    kind: str
    text: str
    start: int
    end: int


@dataclass
class Actor:
    role: Literal["initiator", "target"]
    name: str
    kind: str
    country: str | None
    text: str
    start: int
    end: int
    #: how the text ties an initiator to the act when it is only through responsibility for it: it
    #: claims it ("claimed responsibility for the attack"), someone puts it on them ("accused X of",
    #: "X is responsible for") or it denies it ("denied its planes were responsible"); None when the
    #: text tells it did the act
    responsibility: Literal["claimed", "accused", "denied"] | None = None


@dataclass
class DateValue:
    start: str | None
    end: str | None
    precision: DatePrecision
    text: str | None
    start_char: int | None
    end_char: int | None
    confidence: float | None = None
    note: str | None = None  # e.g. "publication date used: no date expression in the text"

    @property
    def told(self) -> bool:
        """The text gives this date (a day, a statement's day, a planned day), not the
        publication date put in for want of one, and it resolved to days."""
        return bool(self.start) and self.text is not None


@dataclass
class Location:
    name: str | None
    text: str | None
    start: int | None
    end: int | None
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    precision: Precision = "unknown"
    resolution: str | None = None  # why this place was chosen
    confidence: float | None = None
    # the event happened near this place, not at it: its own place (a neighbourhood, a street, a
    # village) is not in the gazetteer, so it is placed, as ACLED does (geo_precision 2), at the
    # nearest place the article gives; ``text`` is then the place the article names
    near: bool = False


@dataclass
class Event:
    id: str
    plover: str
    acled_type: str | None
    acled_subtype: str | None
    summary: str
    trigger: Trigger
    date: DateValue | None = None
    location: Location | None = None
    actors: list[Actor] = field(default_factory=list)
    fatalities: Count | None = None
    injured: Count | None = None
    weapons: list[Weapon] = field(default_factory=list)
    intercepted: list[Weapon] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    attribution: Attribution | None = None
    confidence: float = 0.5


@dataclass
class Place:
    text: str
    start: int
    end: int
    name: str | None = None
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    precision: Precision = "unknown"
    resolution: str | None = None
    confidence: float | None = None


@dataclass
class Quote:
    speaker: str | None
    speaker_role: str | None
    speaker_text: str | None
    speaker_start: int | None
    speaker_end: int | None
    text: str
    start: int
    end: int
    kind: Literal["direct", "indirect"] = "direct"


@dataclass
class Entity:
    label: str
    text: str
    start: int
    end: int


@dataclass
class Hazard:
    """A disaster or an accident the text tells: no one's violence, so no event, but what the article
    may be about. Told as the cause of deaths, injuries or damage ("an earthquake killed eight",
    "died in floods", "killed when a fireworks warehouse exploded"), or as happening ("after the
    volcano erupted", "affected by flooding", "after it collided with a cargo ship")."""

    kind: Literal["natural", "man_made"]
    text: str
    start: int
    end: int


@dataclass
class Crime:
    """A crime the text tells as done that is not itself violence against a person: drug
    trafficking, smuggling, fraud, theft, a criminal network ("seized 40 kilograms of heroin",
    "charged with embezzlement"). Ordinary crime is no ACLED event; a
    record that lists crimes and no event is a crime story, not an empty one."""

    kind: str  # CRIME_KINDS
    text: str
    start: int
    end: int


@dataclass
class Document:
    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    language: str | None = "en"


@dataclass
class Record:
    document: Document
    events: list[Event] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    hazards: list[Hazard] = field(default_factory=list)
    crimes: list[Crime] = field(default_factory=list)
    schema: str = SCHEMA

    # -- serialisation -------------------------------------------------------------------------
    def to_dict(self, include_text: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {"schema": self.schema}
        doc = dataclasses.asdict(self.document)
        if not include_text:
            doc.pop("text", None)
        out["document"] = doc
        for name in ("events", "places", "quotes", "entities"):
            out[name] = [dataclasses.asdict(item) for item in getattr(self, name)]
        out["hazards"] = [dataclasses.asdict(h) for h in self.hazards]
        out["crimes"] = [dataclasses.asdict(c) for c in self.crimes]
        out["warnings"] = list(self.warnings)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any], text: str | None = None) -> "Record":
        """Inverse of :meth:`to_dict`. ``text`` supplies the document text when it was left out."""
        data = dict(data)
        doc = dict(data.get("document") or {})
        if "text" not in doc:
            doc["text"] = text or ""
        data["document"] = doc
        return _build(cls, data)

    # -- evidence ------------------------------------------------------------------------------
    def spans(self) -> Iterator[tuple[str, str, int, int]]:
        """Every piece of evidence in the record as ``(path, text, start, end)``."""
        yield from _walk_spans(self.to_dict(), "")


def _walk_spans(obj: Any, path: str) -> Iterator[tuple[str, str, int, int]]:
    if isinstance(obj, dict):
        for key in ("", "speaker_"):
            s, e, t = obj.get(f"{key}start"), obj.get(f"{key}end"), obj.get(f"{key}text")
            if isinstance(s, int) and isinstance(e, int) and isinstance(t, str):
                yield (f"{path}.{key}text" if key else path, t, s, e)
        if isinstance(obj.get("start_char"), int) and isinstance(obj.get("text"), str):
            yield (path, obj["text"], obj["start_char"], obj["end_char"])
        for k, v in obj.items():
            if k != "document":
                yield from _walk_spans(v, f"{path}.{k}" if path else k)
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _walk_spans(v, f"{path}[{i}]")


_HINTS: dict[type, dict[str, Any]] = {}


def _build(cls: type, data: Any) -> Any:
    if data is None:
        return None
    hints = _HINTS.get(cls)
    if hints is None:
        hints = _HINTS[cls] = typing.get_type_hints(cls)
    kwargs = {}
    names = {f.name for f in dataclasses.fields(cls)}
    for key, value in data.items():
        if key in names:
            kwargs[key] = _convert(hints[key], value)
    return cls(**kwargs)


def _convert(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(hint):
            if arg is not type(None):
                return _convert(arg, value)
    if origin is list:
        (arg,) = typing.get_args(hint)
        return [_convert(arg, v) for v in value]
    if dataclasses.is_dataclass(hint):
        return _build(hint, value)
    return value
