"""A readable terminal table of a record's events (rich)."""

from __future__ import annotations

import shutil

from rich.console import Console
from rich.table import Table

from ..record import Count, Record


def _count(c: Count | None) -> str:
    if c is None:
        return ""
    prefix = {"at_least": "≥", "at_most": "≤", "approx": "~"}.get(c.qualifier, "")
    return f"{prefix}{c.value}"


def print_events(record: Record, console: Console | None = None) -> None:
    console = console or Console(width=max(140, shutil.get_terminal_size((140, 24)).columns))
    title = record.document.title or record.document.id[:12]
    table = Table(title=f"{title} — {len(record.events)} events", show_lines=True)
    for col in ("type", "date", "place", "initiator → target", "killed", "injured", "weapons", "source"):
        table.add_column(col, overflow="fold")
    for e in record.events:
        actors = " → ".join(
            ", ".join(a.name for a in e.actors if a.role == role) or "?" for role in ("initiator", "target")
        )
        weapons = ", ".join(f"{w.count or ''} {w.kind}".strip() for w in e.weapons)
        if e.intercepted:
            weapons += (" | " if weapons else "") + "downed: " + ", ".join(f"{w.count or ''} {w.kind}".strip() for w in e.intercepted)
        place = e.location.name if e.location and e.location.name else ""
        date = e.date.start if e.date and e.date.start else ""
        source = (e.attribution.source or "") if e.attribution else ""
        kind = f"{e.acled_subtype} ({e.plover})" if e.acled_subtype else e.plover
        table.add_row(kind, date, place, actors, _count(e.fatalities), _count(e.injured), weapons, source)
    console.print(table)
    for w in record.warnings:
        console.print(f"[yellow]warning:[/] {w}")
