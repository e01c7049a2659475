"""Exports of stored events and incidents: JSON Lines, CSV, ACLED-style CSV, GeoJSON, Parquet.

    n = export.write(store.events(filters), "events", "geojson", out=sys.stdout)

Every writer streams: it takes an iterable of the dicts ``Store.events`` / ``Store.incidents``
give, and returns how many it wrote. ``on_row`` (if given) is called after each row, for progress.
"""

from __future__ import annotations

from typing import IO, Any, Callable, Iterable, Iterator

from ..errors import StoreError
from . import acled_csv, csv, flat, geojson, jsonl, parquet

FORMATS = ("jsonl", "csv", "acled-csv", "geojson", "parquet")
#: Formats written to a file only (--out), not to standard output.
BINARY = ("parquet",)


def _counted(items: Iterable[dict[str, Any]], on_row: Callable[[], None] | None) -> Iterator[dict[str, Any]]:
    for item in items:
        yield item
        if on_row:
            on_row()


def write(items: Iterable[dict[str, Any]], kind: str, fmt: str, out: IO[str] | None = None, path: str | None = None,
          on_row: Callable[[], None] | None = None) -> int:
    """Write ``items`` (``kind`` is ``events`` or ``incidents``) as ``fmt`` to ``out`` or ``path``."""
    items = _counted(items, on_row)
    flatten = flat.event_row if kind == "events" else flat.incident_row
    if fmt == "parquet":
        if not path:
            raise StoreError("Parquet is binary: give a file with --out FILE.parquet.", "S530")
        return parquet.write((flatten(i) for i in items), path, flat.EVENT_FIELDS if kind == "events" else flat.INCIDENT_FIELDS)
    if out is None:
        raise StoreError(f"no output given for {fmt}.", "S531")
    if fmt == "jsonl":
        return jsonl.write(items, out)
    if fmt == "csv":
        return csv.write((flatten(i) for i in items), out, flat.EVENT_FIELDS if kind == "events" else flat.INCIDENT_FIELDS)
    if fmt == "acled-csv":
        to_acled = acled_csv.event_row if kind == "events" else acled_csv.incident_row
        return acled_csv.write((to_acled(i) for i in items), out)
    if fmt == "geojson":
        return geojson.write((flatten(i) for i in items), out)
    raise StoreError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}.", "S532")


__all__ = ["BINARY", "FORMATS", "write"]
