"""What ``sitreps events`` and ``sitreps incidents`` share: the filter options and the output."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable, Iterable

import click

from ..errors import StoreError

FORMATS = ("table", "jsonl", "csv", "acled-csv", "geojson", "parquet")


def db_option(f: Callable) -> Callable:
    return click.option("--db", envvar="SITREPS_DB", default="sitreps.db", show_default=True,
                        help="The store: a SQLite file, or postgresql://user@host/db (env SITREPS_DB).")(f)


def query_options(f: Callable) -> Callable:
    options = [
        click.option("--since", help="On or after this day (ISO, e.g. 2024-06-01)."),
        click.option("--until", help="On or before this day (ISO)."),
        click.option("--country", help="ISO code or name (UA, Ukraine)."),
        click.option("--admin1", help="First-level region as stored, e.g. 'Kharkivska Oblast' (any case)."),
        click.option("--bbox", help="min_lon,min_lat,max_lon,max_lat"),
        click.option("--type", "type_", help="PLOVER type (ASSAULT), ACLED event type or sub-event type."),
        click.option("--actor", help="An actor's name contains this (any case)."),
        click.option("--min-fatalities", type=int, help="At least this many killed (incidents: the best figure)."),
        click.option("--search", help="Full-text search in summaries, actors, places and titles (all words must match)."),
        click.option("--limit", type=int, help="At most this many (the table shows 50 unless told)."),
        click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True, help="Output format."),
        click.option("--out", type=click.Path(dir_okay=False), help="Write to this file instead of standard output (needed for parquet)."),
        db_option,
    ]
    for option in reversed(options):
        f = option(f)
    return f


def filters(since: str | None, until: str | None, country: str | None, admin1: str | None, bbox: str | None, type_: str | None,
            actor: str | None, min_fatalities: int | None, search: str | None, limit: int | None, fmt: str) -> Any:
    from ..store import Filters
    from ..store.query import parse_bbox
    from ..ingest.text import parse_published

    for day in (since, until):
        if day:
            parse_published(day)
    if limit is None and fmt == "table":
        limit = 50
    return Filters(since=since, until=until, country=country, admin1=admin1, bbox=parse_bbox(bbox) if bbox else None, type=type_,
                   actor=actor, min_fatalities=min_fatalities, search=search, limit=limit)


def output(kind: str, items: Iterable[dict[str, Any]], fmt: str, out: str | None, table: Callable[[list[dict[str, Any]]], None]) -> None:
    """Print a table, or write the export to ``out`` (with a progress bar on a terminal) or stdout."""
    from .. import export

    if fmt == "table":
        table(list(items))
        return
    if fmt in export.BINARY and not out:
        raise StoreError(f"{fmt} is binary: give a file with --out FILE.{fmt}.", "S530")
    from .progress import progress_bar

    # the bar goes to stderr, so it shows while the rows go to a file or down a pipe
    with progress_bar(kind) as bar:
        task = bar.add_task(kind, total=None)
        if out is None:
            n = export.write(items, kind, fmt, out=sys.stdout, on_row=lambda: bar.advance(task))
        elif fmt in export.BINARY:
            n = export.write(items, kind, fmt, path=out, on_row=lambda: bar.advance(task))
        else:
            with open(out, "w", encoding="utf-8", newline="") as handle:
                n = export.write(items, kind, fmt, out=handle, on_row=lambda: bar.advance(task))
    if out is not None or sys.stderr.isatty():
        click.echo(f"wrote {n:,} {kind} to {out or 'standard output'}", err=True)


def open_for_reading(db: str) -> Any:
    """The store to query; a SQLite path that does not exist is an error, not a new empty store."""
    from ..store import open_store

    if "://" not in db and db != ":memory:" and not Path(db).exists():
        raise StoreError(f"no store at {db}. Fill one with `sitreps ingest PATH --db {db}`, or give --db / SITREPS_DB.", "S508")
    return open_store(db)
