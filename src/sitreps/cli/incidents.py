"""``sitreps incidents``: incidents merged from the stored reports, filtered, as a table or an export."""

from __future__ import annotations

import shutil
from typing import Any

import click

from .query import filters, open_for_reading, output, query_options


@click.command("incidents")
@query_options
def incidents_cmd(db: str, fmt: str, out: str | None, **options: Any) -> None:
    """List the stored incidents (newest first) that match every filter given; each with its
    reports (document ids as given on input, event ids) and killed/injured low/best/high."""
    with open_for_reading(db) as store:
        output("incidents", store.incidents(filters(fmt=fmt, **options)), fmt, out, _table)


def _figure(figure: dict[str, Any] | None) -> str:
    if not figure:
        return ""
    low, best, high = figure.get("low"), figure.get("best"), figure.get("high")
    return str(best) if low == high else f"{best} ({low}-{high})"


def _table(incidents: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(incidents)} incidents")
    for col in ("dates", "type", "place", "killed", "injured", "reports", "summary", "id"):
        table.add_column(col, overflow="fold")
    for i in incidents:
        when = i.get("date") or {}
        dates = when.get("start") or ""
        if when.get("end") and when.get("end") != dates:
            dates += f" – {when['end']}"
        table.add_row(dates, i.get("acled_subtype") or i.get("plover") or "", (i.get("location") or {}).get("name") or "",
                      _figure(i.get("killed")), _figure(i.get("injured")), str(len(i.get("reports") or [])), i.get("summary") or "", i["id"][:16])
    Console(width=max(140, shutil.get_terminal_size((140, 24)).columns)).print(table)
