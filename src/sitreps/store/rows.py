"""Records to table rows and back: the columns the store indexes, taken from sitreps/1 dicts."""

from __future__ import annotations

import dataclasses
import json
import typing
from datetime import date, datetime, timezone
from typing import Any

from ..merge import Fingerprint

EVENT_COLUMNS = (
    "id", "document_id", "ord", "day_start", "day_end", "date_precision", "country", "admin1", "admin2",
    "location", "lat", "lon", "geo_precision", "plover", "acled_type", "acled_subtype", "actor1", "actor2",
    "actors", "fatalities", "injured", "confidence", "summary", "search_text", "published", "data", "fingerprint",
)
DOCUMENT_COLUMNS = ("id", "content_hash", "input", "title", "url", "source", "published", "language", "text", "record", "warnings", "ingested")
INCIDENT_COLUMNS = (
    "id", "day_start", "day_end", "country", "admin1", "location", "lat", "lon", "plover", "acled_type", "acled_subtype",
    "actors", "summary", "killed_low", "killed_best", "killed_high", "injured_low", "injured_best", "injured_high",
    "n_reports", "n_documents", "figures", "updated",
)


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_default)


def _default(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    raise TypeError(f"cannot store {type(value).__name__} as JSON")


def _names(event: dict, role: str) -> list[str]:
    return [a["name"] for a in event.get("actors") or [] if a.get("role") == role and a.get("name")]


def _day(value: Any) -> str | None:
    return str(value)[:10] if value else None


def document_row(record: dict, content_hash: str, source_input: str) -> tuple:
    doc = dict(record["document"])
    text = doc.pop("text", "") or ""
    rest = {k: v for k, v in record.items() if k != "document"}
    rest["document"] = doc
    return (doc["id"], content_hash, source_input, doc.get("title"), doc.get("url"), doc.get("source"), doc.get("published"),
            doc.get("language"), text, dumps(rest), dumps(record.get("warnings") or []), now())


def event_row(event: dict, ord_: int, document: dict, fingerprint: Fingerprint) -> tuple:
    when = event.get("date") or {}
    where = event.get("location") or {}
    actors = [a["name"] for a in event.get("actors") or [] if a.get("name")]
    initiators, targets = _names(event, "initiator"), _names(event, "target")
    fat, inj = event.get("fatalities") or {}, event.get("injured") or {}
    search = " ".join(filter(None, [event.get("summary"), " ".join(actors), where.get("name"), where.get("admin1"),
                                    (event.get("trigger") or {}).get("text"), document.get("title")]))
    return (
        event["id"], document["id"], ord_, _day(when.get("start")), _day(when.get("end") or when.get("start")), when.get("precision"),
        where.get("country"), where.get("admin1"), where.get("admin2"), where.get("name"), where.get("lat"), where.get("lon"),
        where.get("precision"), event.get("plover") or "OTHER", event.get("acled_type"), event.get("acled_subtype"),
        initiators[0] if initiators else None, targets[0] if targets else None, "; ".join(actors) or None,
        fat.get("value"), inj.get("value"), event.get("confidence"), event.get("summary"), search or None,
        _day(document.get("published")), dumps(event), encode_fingerprint(fingerprint),
    )


def figure_rows(event: dict, document: dict) -> list[tuple]:
    out = []
    for kind, key in (("killed", "fatalities"), ("injured", "injured")):
        count = event.get(key)
        if not count:
            continue
        for ordinal, c in enumerate([count, *(count.get("others") or [])]):  # the event's figure, then other sources'
            attribution = c.get("attribution") or (event.get("attribution") if ordinal == 0 else None) or {}
            source = attribution.get("source") or document.get("source")
            out.append((event["id"], kind, ordinal, c["value"], c.get("qualifier"), source, document["id"], document.get("published"), c.get("text")))
    return out


# -- fingerprints --------------------------------------------------------------------------------
def encode_fingerprint(fp: Fingerprint) -> str:
    if hasattr(fp, "to_dict"):
        return dumps(fp.to_dict())
    return dumps({f.name: getattr(fp, f.name) for f in dataclasses.fields(fp)})  # shallow: asdict deep-copies


_HINTS: dict[str, Any] | None = None


def decode_fingerprint(text: str) -> Fingerprint:
    """JSON back to a :class:`Fingerprint`, turning ISO strings into dates and lists into tuples
    where the field's type says so (or through ``Fingerprint.from_dict`` when it has one)."""
    global _HINTS
    data = json.loads(text)
    if hasattr(Fingerprint, "from_dict"):
        return Fingerprint.from_dict(data)  # type: ignore[attr-defined]
    if _HINTS is None:
        _HINTS = typing.get_type_hints(Fingerprint)
    values = {}
    for f in dataclasses.fields(Fingerprint):
        if f.name not in data:
            continue
        value, hint = data[f.name], str(_HINTS.get(f.name, ""))
        if isinstance(value, str) and "date" in hint and "datetime" not in hint:
            value = date.fromisoformat(value)
        elif isinstance(value, list) and ("tuple" in hint or "Tuple" in hint):
            value = tuple(tuple(v) if isinstance(v, list) else v for v in value)
        elif isinstance(value, list) and ("frozenset" in hint):
            value = frozenset(value)
        values[f.name] = value
    return Fingerprint(**values)
