"""``times``: time expressions anchored on the publication date, and the date of every event.

:class:`TimeFinder` (pure: a spaCy ``Doc`` and a reference date in, :class:`TimeExpression` out)
finds "overnight", "last Tuesday", "on March 3", "earlier this month", "in 2022", "three days
ago" and normalises them to periods and ISO-TimeML values. The stage records them as
``ctx.data["time_mentions"]`` (:class:`~sitreps.text.mentions.TimeMention`) and dates each event
from its own clause, its sentence, the text before it, or, failing all, the publication date
(:mod:`.dating`).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ...contract import Context, Stage
from ...record import DateValue
from ...text.mentions import TimeMention
from ...text.sentences import sentence_starts
from .dating import DATABLE, date_event, incident_clauses, merge_ranges
from .finder import TimeExpression, TimeFinder
from .periods import Period

__all__ = ["TimesStage", "TimeFinder", "TimeExpression", "Period", "find_times"]


if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from ...settings import Settings


def find_times(doc: "Doc", reference: date | None = None) -> list[TimeExpression]:
    """One-off convenience: the time expressions of ``doc`` anchored on ``reference``.

    Builds a :class:`TimeFinder` each call; keep one finder when processing many documents.
    """
    return TimeFinder()(doc, reference)


def to_mention(expr: TimeExpression) -> TimeMention:
    dated = expr.kind == "date" and expr.first is not None
    return TimeMention(
        text=expr.text, start=expr.start, end=expr.end, sent=expr.sent,
        start_date=expr.first.isoformat() if dated and expr.first else None,
        end_date=(expr.last or expr.first).isoformat() if dated and (expr.last or expr.first) else None,
        precision=expr.precision, future=expr.future,
    )


class TimesStage(Stage):
    name = "times"
    requires = ("events", "anchors")
    assigns = ("time_mentions", "dates")

    def __init__(self, settings: "Settings", nlp: "Language"):
        super().__init__(settings, nlp)
        self.finder = TimeFinder()

    def __call__(self, ctx: Context) -> Context:
        doc = ctx.doc
        text = ctx.text
        spans = ctx.data.get("sentences")
        sent_starts = sentence_starts(doc, spans)
        exprs = merge_ranges(self.finder(doc, ctx.published, text, sent_starts), text)
        datable = [e for e in exprs if e.kind in DATABLE]
        ctx.data["time_mentions"] = [to_mention(e) for e in datable]
        dates: dict[str, DateValue] = {}
        if ctx.record.events:
            anchors = ctx.data.get("anchors")
            anchors = anchors if isinstance(anchors, dict) else {}
            incidents = incident_clauses(doc, ctx.record.events, anchors)
            for event in ctx.record.events:
                event.date = date_event(event, anchors.get(event.id), datable, doc, ctx.published, sent_starts, text,
                                        incident_heads=incidents)
                dates[event.id] = event.date
        ctx.data["dates"] = dates
        return ctx
