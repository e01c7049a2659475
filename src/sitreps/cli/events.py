"""``sitreps events``: stored events, filtered, as a table or an export."""

from __future__ import annotations

import shutil
from typing import Any

import click

from .query import filters, open_for_reading, output, query_options


@click.command("events")
@query_options
def events_cmd(db: str, fmt: str, out: str | None, **options: Any) -> None:
    """List the stored events (newest first) that match every filter given."""
    with open_for_reading(db) as store:
        output("events", store.events(filters(fmt=fmt, **options)), fmt, out, _table)


def _table(events: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(events)} events", show_lines=False)
    for col in ("date", "type", "place", "initiator → target", "killed", "injured", "summary", "incident"):
        table.add_column(col, overflow="fold")
    for e in events:
        actors = " → ".join(", ".join(a["name"] for a in e.get("actors") or [] if a.get("role") == r) or "?" for r in ("initiator", "target"))
        table.add_row((e.get("date") or {}).get("start") or "", e.get("acled_subtype") or e.get("plover") or "",
                      (e.get("location") or {}).get("name") or "", actors, str((e.get("fatalities") or {}).get("value") or ""),
                      str((e.get("injured") or {}).get("value") or ""), e.get("summary") or "", (e.get("incident_id") or "")[:12])
    Console(width=max(140, shutil.get_terminal_size((140, 24)).columns)).print(table)
