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
* **confidence**: the events stage's own confidence;
* **told as before**: every mention of it sits in a clause that says what came before another
  event's act ("supporters rioted after a guard shot a fan", "following the blast, troops
  stormed the village"): the sentence reports the other act, and tells this one as its cause or
  background (:func:`told_before`). It counts against, a little more than a figure counts for.

Ties go to the event told first. The weights are round numbers chosen so that the lead
dominates, a figure outweighs mentions, and confidence only separates near-equals; they are
not fitted to any data set.

:func:`salience_features` are the features of the learned order (the ``salience`` stage, after
``judge`` and ``consolidate``). No such model ships: out of fold it ranked GVA's pages better than
these weights but the whole pipeline scored worse with it (docs/models.md), so this order stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Mapping, Sequence

from ..parse import sents_of, text_of, tokens_of
from ..record import Event
from .mentions import EventAnchor
from .summary import VIOLENT_TYPES

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

MAX_TOLD = 5
W_LEAD = 1.0
W_FIGURE = 0.5
W_TOLD = 0.1
W_CONFIDENCE = 0.3
W_BEFORE = 0.6
#: prepositions and marks of a clause that tells what came before the act it hangs on
BEFORE_MARKS = frozenset({"after", "following"})


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


def rank(events: Sequence[Event], anchors: Mapping[str, EventAnchor], lead: int = 0, before: frozenset[str] | set[str] = frozenset()) -> list[Event]:
    """``events`` most salient first (a stable order: equal events keep the order they were told in);
    the ids ``before`` are told only as what came before another event's act (:func:`told_before`)."""
    keyed = [(salience(e, anchors.get(e.id), lead), i, e) for i, e in enumerate(events)]
    keyed.sort(key=lambda k: (-round(k[0].score - W_BEFORE * (k[2].id in before), 6), k[0].first, k[1]))
    return [e for _, _, e in keyed]


def told_before(events: Sequence[Event], anchors: Mapping[str, EventAnchor], doc: "Doc") -> set[str]:
    """Ids of the events whose every trigger sits in a clause or phrase under "after" or
    "following" that hangs on another event's trigger: "rioted after a guard shot dead a fan"
    tells the riot, and the shooting as what came before it."""
    toks = tokens_of(doc)
    owner = {t: e.id for e in events if e.id in anchors for t in anchors[e.id].tokens}
    out = set()
    for e in events:
        tokens = anchors[e.id].tokens if e.id in anchors else []
        if tokens and all(_before_of(toks[t], owner, e.id) for t in tokens):
            out.add(e.id)
    return out


def _before_of(tok: "Token", owner: Mapping[int, str], own: str) -> bool:
    """Whether ``tok`` lies in an after/following clause or phrase whose governor, at most four
    heads up, is a trigger of an event other than ``own``."""
    node = tok
    for _ in range(8):
        head = node.head
        if head.i == node.i:
            return False
        clause = node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in BEFORE_MARKS for c in node.children)
        phrase = node.dep_ in ("pcomp", "pobj") and head.lower_ in BEFORE_MARKS and head.dep_ == "prep"
        if clause or phrase:
            gov = head.head if phrase else head
            for _ in range(4):
                if owner.get(gov.i, own) != own:
                    return True
                if gov.head.i == gov.i:
                    break
                gov = gov.head
            return False
        node = head
    return False


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
    lead = lead_end(text_of(doc), [(s.start_char, s.end_char) for s in sents_of(doc)])
    return renumber(rank(events, anchors, lead, told_before(events, anchors, doc)), anchors, doc_id)


# -- the learned ranking (the ``salience`` stage, :mod:`sitreps.stages.salience`) ----------------------
def _bucket(x: int, top: int) -> str:
    return str(x) if x < top else f"{top}+"


def _toll(event: Event) -> int:
    return sum(c.value for c in (event.fatalities, event.injured) if c is not None)


def salience_features(events: Sequence[Event], anchors: Mapping[str, EventAnchor], text: str, lead: int) -> list[dict[str, float]]:
    """The features of each of ``events`` (in the order the events stage ranked them) for the
    learned ranking: the rules' signals above (lead, figures, mentions, confidence, that rank)
    and how each event stands beside the record's others (the first told, the largest toll, the
    most told), and its place precision. One function for the stage and the trainer.

    Neither the event's type nor its date is a feature: fitted on GVA's shootings and CASE's
    snippets (undated), both told the data sets apart rather than the main incident from the others
    (out of fold they cost CASE three documents in 145 and gained GVA nothing)."""
    first_line = text.find("\n")
    info = [salience(e, anchors.get(e.id), lead) for e in events]
    told_order = sorted(range(len(events)), key=lambda i: (info[i].first, i))
    told_rank = {i: r for r, i in enumerate(told_order)}
    violent = [e.acled_type in VIOLENT_TYPES for e in events]
    violent_order = [i for i in told_order if violent[i]]
    tolls = [_toll(e) for e in events]
    killed = [e.fatalities.value if e.fatalities is not None else 0 for e in events]
    max_toll, max_killed = max(tolls, default=0), max(killed, default=0)
    max_told = max((s.told for s in info), default=1)
    rows = []
    for i, (e, s) in enumerate(zip(events, info)):
        f: dict[str, float] = {
            "bias": 1.0,
            "lead": float(s.lead),
            "headline": float(0 <= s.first < first_line),
            "figure": float(s.figure),
            "killed": float(killed[i] > 0),
            "injured": float(e.injured is not None and e.injured.value > 0),
            "told": min(s.told, MAX_TOLD) / MAX_TOLD,
            "most_told": float(s.told == max_told and s.told > 1),
            "confidence": e.confidence,
            "position": s.first / max(1, len(text)),
            f"rules_rank={_bucket(i, 3)}": 1.0,
            f"told_rank={_bucket(told_rank[i], 3)}": 1.0,
            f"place={e.location.precision if e.location is not None else 'none'}": 1.0,
        }
        if violent[i]:
            f["violent_first_told"] = float(violent_order[0] == i)
        if tolls[i] > 0:
            f["largest_toll"] = float(tolls[i] == max_toll)
            f["toll_share"] = tolls[i] / max_toll
        if killed[i] > 0:
            f["most_killed"] = float(killed[i] == max_killed)
            if e.fatalities is not None and e.fatalities.qualifier != "exact":
                f["killed_vague"] = 1.0
        anchor = anchors.get(e.id)
        if anchor is not None and anchor.summary_of:
            f["sums_up"] = 1.0
        if e.attribution is not None and e.attribution.hedged:
            f["hedged"] = 1.0
        rows.append(f)
    return rows
