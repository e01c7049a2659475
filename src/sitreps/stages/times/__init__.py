"""``times``: time expressions anchored on the publication date, and the date of every event.

:class:`TimeFinder` (pure: a spaCy ``Doc`` and a reference date in, :class:`TimeExpression` out)
finds "overnight", "last Tuesday", "on March 3", "earlier this month", "in 2022", "three days
ago" and normalises them to periods and ISO-TimeML values (:func:`datable_times` joins ranges
such as "between Monday and Wednesday"). The stage dates each event from its own clause, its sentence, the text before it, or, failing all, the publication date
(:mod:`.dating`).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ...parse import text_of
from ...contract import Context, Stage
from ...text.sentences import sentence_starts
from .dating import DATABLE, date_event, incident_clauses, merge_ranges
from .finder import TimeExpression, TimeFinder
from .periods import Period

__all__ = ["TimesStage", "TimeFinder", "TimeExpression", "Period", "datable_times", "find_times"]


if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from ...settings import Settings


def find_times(doc: "Doc", reference: date | None = None) -> list[TimeExpression]:
    """One-off convenience: the time expressions of ``doc`` anchored on ``reference``.

    Builds a :class:`TimeFinder` each call; keep one finder when processing many documents.
    """
    return TimeFinder()(doc, reference)


def datable_times(finder: TimeFinder, doc: "Doc", published: date | None, sent_starts: list[int]) -> list[TimeExpression]:
    """The time expressions of ``doc`` that can date an event, with ranges joined."""
    text = text_of(doc)
    return [e for e in merge_ranges(finder(doc, published, text, sent_starts), text) if e.kind in DATABLE]


class TimesStage(Stage):
    name = "times"
    reads = ("doc", "published", "sentences", "events", "anchors")
    writes = ("events.date",)

    def __init__(self, settings: "Settings", nlp: "Language"):
        super().__init__(settings, nlp)
        self.finder = TimeFinder()

    def __call__(self, ctx: Context) -> None:
        doc = ctx.doc
        text = ctx.text
        sent_starts = sentence_starts(doc, ctx.sentences)
        datable = datable_times(self.finder, doc, ctx.published, sent_starts)
        events = ctx.events or []
        if events:
            anchors = ctx.anchors or {}
            incidents = incident_clauses(doc, events, anchors)
            for event in events:
                event.date = date_event(event, anchors.get(event.id), datable, doc, ctx.published, sent_starts, text,
                                        incident_heads=incidents)
