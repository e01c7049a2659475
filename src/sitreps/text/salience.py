"""Salience: the one ranking that decides the order of a record's events.

``events[0]`` is the incident the article is about — the one its headline and lead report — and
the others follow by how much the article tells of them (``shared/spec/record.md``, "Order and
confidence"). Every consumer that wants "the main event" (the CLI table, exports, every
evaluation task) takes ``events[0]``; nothing else picks a main event.

The features, each read from what the events stage already built:

* **lead**: the event is first told in the headline or the lead sentence (news is written as an
  inverted pyramid): the text up to the end of its first full sentence, and of the next one when
  that first sentence is only a headline line (:func:`lead_end`);
* **figures**: it carries a casualty figure above zero (what a conflict report is written to tell);
* **told**: how many sentences tell it (capped at :data:`MAX_TOLD`);
* **confidence**: the events stage's own confidence.

Ties go to the event told first. The weights are round numbers chosen so that the lead
dominates, a figure outweighs mentions, and confidence only separates near-equals; they are
not fitted to any data set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Mapping, Sequence

from ..record import Event
from .mentions import EventAnchor

if TYPE_CHECKING:
    from spacy.tokens import Doc

MAX_TOLD = 5
W_LEAD = 1.0
W_FIGURE = 0.5
W_TOLD = 0.1
W_CONFIDENCE = 0.3


@dataclass(frozen=True)
class Salience:
    """Why an event ranks where it does (kept for tests and debugging)."""

    lead: bool
    figure: bool
    told: int
    confidence: float
    first: int  # character offset of its first mention

    @property
    def score(self) -> float:
        return (W_LEAD * self.lead + W_FIGURE * self.figure + W_TOLD * min(self.told, MAX_TOLD)
                + W_CONFIDENCE * self.confidence)


_FULL_STOP = re.compile(r"[.!?][\"'”’)\]]*\s*$")


def lead_end(text: str, sentences: Sequence[tuple[int, int]]) -> int:
    """Character offset where the headline and lead sentence end: the end of the first sentence
    that ends with a full stop, or of the next one when that sentence lies on the text's first
    line only (a headline given a full stop, followed by the story). Without any full stop: the
    first sentence."""
    first_line = text.find("\n")
    ended = [end for start, end in sentences if _FULL_STOP.search(text[start:end])]
    if not ended:
        return sentences[0][1] if sentences else len(text)
    if 0 <= first_line and ended[0] <= first_line + 1 and len(ended) > 1:
        return ended[1]
    return ended[0]


def salience(event: Event, anchor: EventAnchor | None, lead: int = 0) -> Salience:
    """The features of ``event``; ``lead`` is :func:`lead_end` of its text."""
    sents = set(anchor.sents) if anchor is not None else set()
    first = min(anchor.start if anchor is not None and anchor.end > anchor.start else event.trigger.start, event.trigger.start)
    figure = any(c is not None and c.value > 0 for c in (event.fatalities, event.injured))
    return Salience(lead=first < lead, figure=figure, told=max(1, len(sents)), confidence=event.confidence, first=first)


def rank(events: Sequence[Event], anchors: Mapping[str, EventAnchor], lead: int = 0) -> list[Event]:
    """``events`` most salient first (a stable order: equal events keep the order they were told in)."""
    keyed = [(salience(e, anchors.get(e.id), lead), i, e) for i, e in enumerate(events)]
    keyed.sort(key=lambda k: (-round(k[0].score, 6), k[0].first, k[1]))
    return [e for _, _, e in keyed]


def renumber(events: list[Event], anchors: dict[str, EventAnchor], doc_id: str) -> tuple[list[Event], dict[str, EventAnchor]]:
    """Give ranked events the ids ``<doc>#e1``, ``#e2``, … in their new order, and re-key the
    anchors (and the ids a lead's ``summary_of`` lists) to match."""
    new_ids = {e.id: f"{doc_id}#e{i}" for i, e in enumerate(events, 1)}
    out_events = [replace(e, id=new_ids[e.id]) for e in events]
    out_anchors = {}
    for old, anchor in anchors.items():
        if old in new_ids:
            out_anchors[new_ids[old]] = replace(anchor, summary_of=[new_ids.get(s, s) for s in anchor.summary_of])
    return out_events, out_anchors


def order_events(events: list[Event], anchors: dict[str, EventAnchor], doc: "Doc", doc_id: str) -> tuple[list[Event], dict[str, EventAnchor]]:
    """Rank ``events`` of ``doc`` by salience and renumber them: the events stage's last step."""
    lead = lead_end(doc.text, [(s.start_char, s.end_char) for s in doc.sents])
    return renumber(rank(events, anchors, lead), anchors, doc_id)
