"""The Parquet schemas of batch output, and the rows that fill them.

``sitreps batch`` writes three tables, one Parquet file per partition each (docs/batch.md):

- ``documents/<partition>.parquet``: one row per extracted document (``document_id``);
- ``events/<partition>.parquet``: one row per event (``document_id``, ``event_id``, ``rank``);
- ``failures/<partition>.parquet``: one row per input that gave no record (``input``, ``stage``,
  ``code``, ``message``).

Flat columns serve queries straight from Parquet (DuckDB, pandas, Spark); the JSON columns
(``event``, ``places``, ``quotes``, ``entities``, ``hazards``, ``crimes``) keep the whole ``sitreps/1`` record, so that
:func:`record_dicts` gives back exactly what the pipeline produced (``sitreps load`` uses it).
A schema changes only by adding columns; ``SCHEMA_VERSION`` counts those additions.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Iterator

import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import BatchError
from ..record import SCHEMA, Record

SCHEMA_VERSION = 3  # 2: ``documents.hazards`` added; 3: ``documents.crimes``

DOCUMENTS = pa.schema([
    pa.field("document_id", pa.string(), nullable=False),
    pa.field("partition", pa.string(), nullable=False),
    pa.field("input", pa.string(), nullable=False),  # where it was read: file, file:line or file@offset
    pa.field("title", pa.string()),
    pa.field("url", pa.string()),
    pa.field("source", pa.string()),
    pa.field("published", pa.string()),
    pa.field("language", pa.string()),
    pa.field("text", pa.string()),  # null when the batch ran with --no-text
    pa.field("n_events", pa.int32(), nullable=False),
    pa.field("warnings", pa.list_(pa.string()), nullable=False),
    pa.field("places", pa.string(), nullable=False),  # JSON array of sitreps/1 places
    pa.field("quotes", pa.string(), nullable=False),  # JSON array of sitreps/1 quotes
    pa.field("entities", pa.string(), nullable=False),  # JSON array of sitreps/1 entities
    pa.field("hazards", pa.string()),  # JSON array of sitreps/1 hazards (schema version 2)
    pa.field("crimes", pa.string()),  # JSON array of sitreps/1 crimes (schema version 3)
])

EVENTS = pa.schema([
    pa.field("event_id", pa.string(), nullable=False),
    pa.field("document_id", pa.string(), nullable=False),
    pa.field("rank", pa.int32(), nullable=False),  # 0 = the incident the article is about
    pa.field("plover", pa.string(), nullable=False),
    pa.field("acled_type", pa.string()),
    pa.field("acled_subtype", pa.string()),
    pa.field("summary", pa.string()),
    pa.field("date_start", pa.string()),
    pa.field("date_end", pa.string()),
    pa.field("date_precision", pa.string()),
    pa.field("place", pa.string()),
    pa.field("country", pa.string()),
    pa.field("admin1", pa.string()),
    pa.field("admin2", pa.string()),
    pa.field("lat", pa.float64()),
    pa.field("lon", pa.float64()),
    pa.field("location_precision", pa.string()),
    pa.field("fatalities", pa.int64()),
    pa.field("injured", pa.int64()),
    pa.field("confidence", pa.float64(), nullable=False),
    pa.field("event", pa.string(), nullable=False),  # the whole sitreps/1 event as JSON
])

FAILURES = pa.schema([
    pa.field("input", pa.string(), nullable=False),
    pa.field("partition", pa.string(), nullable=False),
    pa.field("document_id", pa.string()),
    pa.field("stage", pa.string(), nullable=False),
    pa.field("code", pa.string(), nullable=False),
    pa.field("message", pa.string(), nullable=False),
])

TABLES: dict[str, pa.Schema] = {"documents": DOCUMENTS, "events": EVENTS, "failures": FAILURES}


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def record_rows(record: Record, partition: str, source_input: str, include_text: bool = True) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """One document row and its event rows."""
    data = record.to_dict(include_text=True)
    doc = data["document"]
    row = {
        "document_id": doc["id"], "partition": partition, "input": source_input,
        "title": doc.get("title"), "url": doc.get("url"), "source": doc.get("source"),
        "published": doc.get("published"), "language": doc.get("language"),
        "text": doc["text"] if include_text else None,
        "n_events": len(data["events"]), "warnings": data["warnings"],
        "places": _json(data["places"]), "quotes": _json(data["quotes"]), "entities": _json(data["entities"]),
        "hazards": _json(data.get("hazards") or []),
        "crimes": _json(data.get("crimes") or []),
    }
    events = []
    for rank, ev in enumerate(data["events"]):
        loc = ev.get("location") or {}
        date = ev.get("date") or {}
        events.append({
            "event_id": ev["id"], "document_id": doc["id"], "rank": rank, "plover": ev["plover"],
            "acled_type": ev.get("acled_type"), "acled_subtype": ev.get("acled_subtype"), "summary": ev.get("summary"),
            "date_start": date.get("start"), "date_end": date.get("end"), "date_precision": date.get("precision"),
            "place": loc.get("name"), "country": loc.get("country"), "admin1": loc.get("admin1"), "admin2": loc.get("admin2"),
            "lat": loc.get("lat"), "lon": loc.get("lon"), "location_precision": loc.get("precision"),
            "fatalities": (ev.get("fatalities") or {}).get("value"), "injured": (ev.get("injured") or {}).get("value"),
            "confidence": float(ev.get("confidence", 0.0)), "event": _json(ev),
        })
    return row, events


def failure_row(source_input: str, partition: str, document_id: str | None, stage: str, code: str, message: str) -> dict[str, Any]:
    return {"input": source_input, "partition": partition, "document_id": document_id, "stage": stage, "code": code, "message": message}


def table(kind: str, rows: Iterable[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(list(rows), schema=TABLES[kind])


def validate(tbl: pa.Table, kind: str, name: str = "table") -> None:
    """Raise :class:`BatchError` unless ``tbl`` has the columns and types of schema ``kind``."""
    expected = TABLES[kind]
    if not tbl.schema.equals(expected, check_metadata=False):
        want = {f.name: str(f.type) for f in expected}
        got = {f.name: str(f.type) for f in tbl.schema}
        diff = sorted(set(want.items()) ^ set(got.items()))
        raise BatchError(f"{name} does not have the {kind} schema of sitreps batch output (differs in {diff}). "
                         "Was it written by another version? Re-run `sitreps batch` into a new folder.", "S706")
    for field in expected:
        if not field.nullable and tbl.column(field.name).null_count:
            raise BatchError(f"{name}: column {field.name!r} has empty values where the {kind} schema forbids them.", "S706")


def read_file(path: str | Path, kind: str) -> pa.Table:
    """One Parquet file of table ``kind``, checked against its schema."""
    tbl = pq.read_table(path)
    validate(tbl, kind, str(path))
    return tbl


def read(out: str | Path, kind: str) -> pa.Table:
    """All partitions of one table of a batch output folder, checked against its schema."""
    tables = [read_file(f, kind) for f in sorted((Path(out) / kind).glob("*.parquet"))]
    return pa.concat_tables(tables) if tables else TABLES[kind].empty_table()


def record_dicts(documents: pa.Table, events: pa.Table) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(input, sitreps/1 record dict)`` rebuilt from batch rows (text included when it was kept)."""
    by_doc: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for ev in events.select(["document_id", "rank", "event"]).to_pylist():
        by_doc.setdefault(ev["document_id"], []).append((ev["rank"], json.loads(ev["event"])))
    for row in documents.to_pylist():
        doc = {k: row[k] for k in ("title", "url", "source", "published", "language")}
        doc["id"] = row["document_id"]
        if row["text"] is not None:
            doc["text"] = row["text"]
        yield row["input"], {
            "schema": SCHEMA, "document": doc,
            "events": [e for _, e in sorted(by_doc.get(row["document_id"], []), key=lambda x: x[0])],
            "places": json.loads(row["places"]), "quotes": json.loads(row["quotes"]),
            "entities": json.loads(row["entities"]), "warnings": list(row["warnings"]),
            "hazards": json.loads(row.get("hazards") or "[]"),  # files of schema version 1 have none
            "crimes": json.loads(row.get("crimes") or "[]"),  # nor files before version 3
        }
