"""``salience``: which event is the one the article is about — the learned order of the events.

The events stage orders the events by a few round-number weights (:mod:`sitreps.text.salience`:
the lead, a figure, how often it is told, confidence). Judge and consolidate then change what
that order rested on: the judge's probability replaces the rules' confidence, merges join
mentions. This stage re-ranks the final events with the trained ``salience`` model (fitted by
``sitreps train salience``, :mod:`sitreps.training.salience`; card in docs/models.md): a logistic
regression over :func:`sitreps.text.salience.salience_features` — those rules' signals, the
events stage's rank, and how each event stands beside the record's others (the first told, the
largest toll, the most told) and its place precision. ``events[0]`` becomes the
event with the highest probability of being the one the article reports; ties keep the events
stage's order. The features hold no words, so every language is ranked alike.

Without a shipped model the stage leaves the events stage's order as it is.
"""

from __future__ import annotations

from ..contract import Context, Stage
from ..learn import model_for
from ..parse import sents_of
from ..text.salience import lead_end, renumber, salience_features

MODEL = "salience"


def ranked(scores: list[float]) -> list[int]:
    """Indices of ``scores`` highest first; equal scores keep their order."""
    return sorted(range(len(scores)), key=lambda i: (-round(scores[i], 6), i))


class SalienceStage(Stage):
    name = "salience"
    reads = ("doc", "document", "events", "anchors")
    #: the ``anchors`` slot is not rewritten: no stage after this one reads it (a stage that needs
    #: where an event is told runs before ``salience``)
    writes = ("events",)

    def __call__(self, ctx: Context) -> None:
        events, anchors = list(ctx.events or ()), dict(ctx.anchors or {})
        model = model_for(MODEL, ctx.text) if len(events) > 1 else None
        if model is not None:
            lead = lead_end(ctx.text, [(s.start_char, s.end_char) for s in sents_of(ctx.doc)])
            order = ranked([model.probability(f) for f in salience_features(events, anchors, ctx.text, lead)])
            if order != list(range(len(events))):
                events, _ = renumber([events[i] for i in order], anchors, ctx.document.id)
        ctx.events = events  # unchanged without a model, or when the order stands
