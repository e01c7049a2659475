"""``judge``: is each candidate event a real incident the article reports as having happened?

The events stage proposes candidates from triggers and figures; some tell background (an earlier
attack recalled), a cumulative toll, a call or an effort ("efforts to reach a ceasefire"), a
policy statement or an ordinary verb ("dealing with", "visiting the scene"). This stage scores
each candidate with the trained ``incident`` model (:mod:`sitreps.learn`, fitted by
``sitreps train incident``, card in docs/models.md) over :func:`incident_features` — the rules'
own signals and a few words around the trigger — sets the event's ``confidence`` to the model's
calibrated probability, and drops events below ``[stages.judge] min_probability``. The model's
words are English: a document in another language keeps the rules' confidence. After the model,
one rule (:func:`without_recalled`): an incident its own clause dates more than two months before
publication, beside violence or a protest of the last month, is recalled background, not news.

:func:`incident_features` is the one place the features are made: the trainer
(:mod:`sitreps.training.incident`) calls it on the same context, so the model sees at training
time exactly what it sees in the pipeline. Cheap: no re-parse, a walk over the trigger's
sentence per event. Without a shipped model the stage keeps the rules' confidence and drops
nothing.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from pydantic import Field

from ..contract import Context, Stage
from ..learn import model_for
from ..parse import sents_of, tokens_in
from ..record import Event
from ..settings import StageSettings
from ..text.mentions import EventAnchor, TriggerMention
from ..text.modality import modality
from ..text.salience import lead_end
from ..text.summary import DEMONSTRATION_TYPES, VIOLENT_TYPES

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from ..text.quotes import QuoteSpan

MODEL = "incident"

#: words of a clause that sum up a span rather than tell one incident ("so far", "since", "total")
_TOLL_CUES = re.compile(r"\b(?:since|so far|to date|in total|a total of|total(?:led|ing)?|cumulative|overall|altogether|"
                        r"this year|last year|in recent (?:years|months|weeks)|(?:past|last) (?:\w+ )?(?:years|months|decade))\b", re.I)
#: words that tell a call, an effort or a plan rather than an act
_CALL_CUES = re.compile(r"\b(?:efforts?|calls? (?:for|on)|call(?:ed|ing)? (?:for|on)|urg(?:e|es|ed|ing)|demand(?:s|ed|ing)?|"
                        r"appeal(?:s|ed)?|aim(?:s|ed)? to|seek(?:s|ing)?|sought|push(?:es|ed|ing)? for|plans?|planned|"
                        r"would|could|might|may|will|should|threat(?:en(?:s|ed)?)?|warn(?:s|ed|ing)?|vow(?:s|ed)?)\b", re.I)
#: words that recall the past, not report the news
_BACKGROUND_CUES = re.compile(r"\b(?:previous(?:ly)?|earlier this|last (?:month|week|year)|in (?:19|20)\d\d|ago|"
                              r"former|history|anniversary|remember(?:ed)?|recall(?:ed|s)?|marks?|commemorat\w*)\b", re.I)


class JudgeOptions(StageSettings):
    """``[stages.judge]``"""

    #: events whose calibrated probability of being a real incident is below this are dropped
    min_probability: float = Field(0.0, ge=0.0, le=1.0)


def _bucket(x: float, edges: Sequence[float]) -> int:
    return sum(1 for e in edges if x >= e)


def main_trigger(event: Event, triggers: Sequence[TriggerMention]) -> TriggerMention | None:
    """The trigger mention the event was typed by (the one at the event's trigger offset)."""
    for t in triggers:
        if t.start == event.trigger.start and t.end == event.trigger.end:
            return t
    return None


def incident_features(event: Event, anchor: EventAnchor | None, doc: "Doc", *, triggers: Sequence[TriggerMention],
                      published: date | None, quote_spans: "Sequence[QuoteSpan]" = (), lead: int | None = None,
                      sents: "Sequence[Span] | None" = None) -> dict[str, float]:
    """The features of one candidate event: the rules' signals and the words around its trigger.

    ``lead`` is :func:`sitreps.text.salience.lead_end` of the text and ``sents`` is
    ``sents_of(doc)``; both are computed when None (pass them to score many events of a document)."""
    f: dict[str, float] = {}
    if sents is None:
        sents = sents_of(doc)
    trig = main_trigger(event, triggers)
    # -- type and trigger ------------------------------------------------------------------------
    f[f"plover={event.plover}"] = 1.0
    f[f"acled={event.acled_type or 'none'}"] = 1.0
    f[f"sub={event.acled_subtype or 'none'}"] = 1.0
    f["rules_confidence"] = event.confidence
    tok = None
    if trig is not None:
        tok = doc[trig.token]
        f["trigger_score"] = trig.score
        f["consequence"] = float(trig.consequence)
        neg, hyp, fut = modality(tok)
        f["negated"], f["hypothetical"], f["future"] = float(neg), float(hyp), float(fut)
    else:
        f["no_trigger"] = 1.0  # a figure that opened an event of its own
        span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        tok = span.root if span is not None and len(span) else None
    if tok is not None:
        lemma = tok.lemma_.lower()
        f[f"lemma={lemma}"] = 1.0
        f[f"tag={tok.tag_}"] = 1.0
        f[f"dep={tok.dep_}"] = 1.0
        f[f"head={tok.head.lemma_.lower()}"] = 1.0
        f[f"lemma_dep={lemma}|{tok.dep_}"] = 1.0
        for c in tok.children:
            if c.dep_ in ("aux", "auxpass", "neg", "prep", "det", "amod", "advmod", "mark"):
                f[f"child={c.dep_}:{c.lemma_.lower()}"] = 1.0
            if c.dep_ == "aux" and c.lemma_.lower() == "have":
                f["perfect"] = 1.0
        sent = sents[max(0, bisect_right([x.start for x in sents], tok.i) - 1)] if sents else doc[:]
        for j in (-2, -1, 1, 2):
            i = tok.i + j
            if sent.start <= i < sent.end:
                w = doc[i]
                f[f"w{j:+d}={w.lemma_.lower() if w.is_alpha else w.pos_}"] = 1.0
        for w in tokens_in(sent):
            if w.is_alpha and not w.is_stop and w.pos_ in ("VERB", "NOUN", "ADJ", "ADV") and w.i != tok.i:
                f[f"sent={w.lemma_.lower()}"] = 0.5
        stext = sent.text
        f["cue_toll"] = float(bool(_TOLL_CUES.search(stext)))
        f["cue_call"] = float(bool(_CALL_CUES.search(stext)))
        f["cue_background"] = float(bool(_BACKGROUND_CUES.search(stext)))
        f["sentence_has_number"] = float(any(w.like_num for w in tokens_in(sent)))
        f["in_question"] = float(stext.rstrip().endswith("?"))
    # -- where it is told ----------------------------------------------------------------------------
    told = sorted(set(anchor.sents)) if anchor is not None and anchor.sents else []
    first = told[0] if told else 0
    if lead is None:
        lead = lead_end(doc.text, [(x.start_char, x.end_char) for x in sents])
    f["lead"] = float(event.trigger.start < lead)
    f[f"sent_index={min(_bucket(first, (1, 2, 4, 8, 16)), 5)}"] = 1.0
    f["told_log"] = math.log1p(len(told))
    f["tokens_log"] = math.log1p(len(anchor.tokens) if anchor is not None else 0)
    f["in_quote"] = float(any(q.inner_start <= event.trigger.start < q.inner_end for q in quote_spans))
    # -- what it carries -----------------------------------------------------------------------------
    killed = event.fatalities.value if event.fatalities is not None else None
    injured = event.injured.value if event.injured is not None else None
    f["has_killed"] = float(killed is not None and killed > 0)
    f["has_injured"] = float(injured is not None and injured > 0)
    f["zero_casualties"] = float(killed == 0 or injured == 0)
    f["killed_log"] = math.log1p(killed or 0)
    f["big_toll"] = float((killed or 0) >= 100 or (injured or 0) >= 500)
    f["has_weapons"] = float(bool(event.weapons))
    f["has_intercepted"] = float(bool(event.intercepted))
    f["has_targets"] = float(bool(event.targets))
    f["n_actors"] = float(min(len(event.actors), 3))
    loc = event.location
    f[f"place={loc.precision if loc is not None and loc.lat is not None else 'none'}"] = 1.0
    att = event.attribution
    f["attributed"] = float(att is not None and att.source is not None)
    f["hedged"] = float(att is not None and att.hedged)
    # -- when -----------------------------------------------------------------------------------------
    f.update(_date_features(event, published))
    return f


def _date_features(event: Event, published: date | None) -> dict[str, float]:
    """How far before (or after) publication the event's date lies. Not the date's precision: the
    snippet sets that give most positive talks and protests have no publication date, so that
    feature learnt which data set a row came from (docs/models.md, refit of 2 Dec 2026)."""
    d = event.date
    if d is None or not d.start:
        return {"date=none": 1.0}
    out: dict[str, float] = {}
    if d.note:
        out["date=publication"] = 1.0  # no date expression: the publication date stands in
        return out
    try:
        start = date.fromisoformat(d.start[:10])
        end = date.fromisoformat((d.end or d.start)[:10])
    except ValueError:
        return {"date=none": 1.0}
    if (end - start).days > 7:
        out["date=long_span"] = 1.0
    if published is not None:
        before = (published - end).days
        if before < -1:
            out["date=after_publication"] = 1.0
        elif before <= 2:
            out["date=days"] = 1.0
        elif before <= 14:
            out["date=weeks"] = 1.0
        elif before <= 90:
            out["date=months"] = 1.0
        else:
            out["date=long_before"] = 1.0
    return out


def document_features(ctx: Context) -> list[tuple[Event, dict[str, float]]]:
    """Each event of the context with its features (what the stage scores and the trainer fits)."""
    events = list(ctx.events or ())
    if not events:
        return []
    anchors = ctx.anchors or {}
    sents = sents_of(ctx.doc)
    lead = lead_end(ctx.text, [(x.start_char, x.end_char) for x in sents])  # the document's text: no join of the tokens
    triggers = list(ctx.triggers or ())
    quotes = list(ctx.quote_spans or ())
    return [(e, incident_features(e, anchors.get(e.id), ctx.doc, triggers=triggers, published=ctx.published,
                                  quote_spans=quotes, lead=lead, sents=sents)) for e in events]


def judge_events(events: list[Event], probabilities: Sequence[float], min_probability: float) -> list[Event]:
    """Events with their confidence set to ``probabilities`` (in order) and those below
    ``min_probability`` dropped. The others keep their ids and order, so the anchors stay keyed
    right for the stages after this one."""
    from dataclasses import replace

    return [replace(e, confidence=round(p, 3)) for e, p in zip(events, probabilities) if p >= min_probability]


#: an incident its own clause dates this long before publication is recalled, not reported (365
#: until 4 Dec 2026: 60 and 90 leave every gate figure as it was, and a canopy collapse "last
#: November" or a ceasefire "agreed in November" in a story of this week's protest or strike is
#: background)
RECALLED_DAYS = 60
#: ... when the article reports violence of this many days before publication
RECENT_DAYS = 31
#: the types whose recent events tell that the article reports news: violence, or a protest
_RECENT_TYPES = frozenset(VIOLENT_TYPES | DEMONSTRATION_TYPES)


def without_recalled(events: list[Event], published: date | None) -> list[Event]:
    """``events`` without those the article only recalls: dated by their own clause ("On Oct. 8,
    2023, … Hezbollah began firing rockets") more than :data:`RECALLED_DAYS` before publication,
    while the article reports violence or a protest of the last :data:`RECENT_DAYS` days. The
    article's main event (the first, in the events stage's salience order) always stays: a page
    about a trial or an anniversary is about the old incident, whatever else it dates recently."""
    if published is None:
        return events

    def days_before(e: Event) -> int | None:
        d = e.date
        if d is None or not d.end or not d.told:
            return None  # undated, or dated by the publication day for want of a date in the text
        return (published - date.fromisoformat(d.end[:10])).days

    def own_clause(e: Event) -> bool:
        return e.date is not None and (e.date.confidence or 0.0) >= 0.9

    recent = any(e.acled_type in _RECENT_TYPES and (b := days_before(e)) is not None and 0 <= b <= RECENT_DAYS for e in events)
    if not recent:
        return events
    return events[:1] + [e for e in events[1:] if not (own_clause(e) and (b := days_before(e)) is not None and b > RECALLED_DAYS)]


class JudgeStage(Stage):
    name = "judge"
    reads = ("doc", "document", "events", "anchors", "triggers")
    reads_if_present = ("quote_spans",)
    writes = ("events",)
    Options = JudgeOptions

    def __call__(self, ctx: Context) -> None:
        if not ctx.events or ctx.document.language not in (None, "en"):
            return  # the model's words and cues are English: other languages keep the rules' confidence
        model = model_for(MODEL, ctx.text)
        if model is None:
            return  # no trained model shipped: the rules' confidence stands
        scored = document_features(ctx)
        probs = [model.probability(f) for _, f in scored]
        ctx.events = without_recalled(judge_events(list(ctx.events), probs, self.options.min_probability), ctx.published)
