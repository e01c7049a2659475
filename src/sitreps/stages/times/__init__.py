"""``times``: the date of every event, from the time expressions of the text.

The expressions ("overnight", "last Tuesday", "on March 3", …) are found and anchored on the
publication date by :mod:`sitreps.text.timex` (shared with the events stage, which asks first,
so the document is scanned once). The stage dates each event from its own clause, its sentence,
the text before it, or, failing all, the publication date (:mod:`.dating`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...contract import Context, Stage
from ...text.sentences import sentence_starts
from ...text.timex import Period, TimeExpression, TimeFinder, datable_times, find_times, shared_finder
from .dating import date_event, incident_clauses

__all__ = ["TimesStage", "TimeFinder", "TimeExpression", "Period", "datable_times", "find_times"]


if TYPE_CHECKING:
    from spacy.language import Language

    from ...settings import Settings


class TimesStage(Stage):
    name = "times"
    reads = ("doc", "published", "sentences", "events", "anchors")
    writes = ("events.date",)

    def __init__(self, settings: "Settings", nlp: "Language"):
        super().__init__(settings, nlp)
        self.finder = shared_finder()

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
