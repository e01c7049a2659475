"""What the evaluation tasks read from a record, and the loop shared by the labelling data sets.

A task scores the pipeline's own output: the record, with its events in the pipeline's salience
order (``events[0]`` is the article's main incident, :mod:`sitreps.text.salience`). No task
picks a main event or predicts a label of its own; it only maps the record to its data set's
labels, in a few documented lines.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from ..record import Event, Record
from .harness import EvalContext

#: ACLED event types of political violence
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})


def main_event(record: Record | None) -> Event | None:
    """The article's main incident as the pipeline ranks it: ``events[0]``."""
    return record.events[0] if record is not None and record.events else None


def is_violent(event: Event) -> bool:
    """Political violence: an ACLED violent type, or a PLOVER FIGHT/ASSAULT that is not a
    disrupted weapons use (an interception harms no one)."""
    if event.acled_type in VIOLENT_TYPES:
        return True
    return event.plover in ("FIGHT", "ASSAULT") and event.acled_subtype != "Disrupted weapons use"


def first_violent(record: Record | None) -> Event | None:
    """The most salient violent event (for tasks whose gold codes only violent incidents)."""
    if record is None:
        return None
    return next((e for e in record.events if is_violent(e)), None)


#: record -> (the event the label comes from, or None; the label, or None when there is none)
LabelOf = Callable[[Record | None], tuple[Event | None, str | None]]


@dataclass
class Labelled:
    records: list[Record | None] = field(default_factory=list)
    gold: list[str] = field(default_factory=list)
    pred: list[str | None] = field(default_factory=list)
    mains: list[Event | None] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def without_event(self) -> int:
        return sum(m is None for m in self.mains)

    def top_confusions(self, n: int = 25) -> list[str]:
        counts = Counter((g, p) for g, p in zip(self.gold, self.pred) if g != p)
        return [f"{g} -> {p}: {c}" for (g, p), c in counts.most_common(n)]


def label_rows(ctx: EvalContext, rows: Sequence[dict[str, Any]], gold_of: Callable[[dict[str, Any]], str],
               label_of: LabelOf, max_errors: int = 60) -> Labelled:
    """Run the pipeline on each row's ``text`` and keep gold label, the record's label and its event."""
    items = [{"text": r.get("text") or "", "published": r.get("published"), "id": r.get("id")} for r in rows]
    out = Labelled()
    for row, record in zip(rows, ctx.track(ctx.records(items), total=len(rows), what="extracting")):
        event, p = label_of(record)
        g = gold_of(row)
        out.records.append(record)
        out.gold.append(g)
        out.pred.append(p)
        out.mains.append(event)
        if p != g and len(out.errors) < max_errors:
            out.errors.append({"id": row.get("id"), "gold": g, "pred": p, "trigger": event.trigger.text if event else None})
    return out
