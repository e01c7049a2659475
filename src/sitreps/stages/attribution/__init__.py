"""``attribution``: who claims each event and each figure.

Conflict reporting is a contest of claims: casualty figures come from mayors, ministries and
militaries, interceptions are claimed by one side. :func:`find_attributions` finds every
attribution relation of a parsed text — its *source* ("regional governor Oleh Syniehubov"),
*cue* ("said", "according to", "reportedly") and *content* (the reported clause or quote) — from
the dependency parse alone. The stage then gives each event the attribution whose content holds
its trigger (or whose sentence tells it), and each casualty figure and interception the
attribution whose reported clause holds that figure, so two figures of one sentence from two
sources keep their own source.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from pydantic import Field

from ...contract import Context, Stage
from ...lang import of_model
from ...record import Attribution
from ...settings import StageSettings
from ...text.mentions import AttributionMention
from ...text.quotes import MAX_QUOTE_CHARS, QuoteIndex, scan_quotes
from ...text.sentences import sentence_at, sentence_starts
from ...text.speakers import Speakers
from .finder import find_attributions
from .lexicon import BELIEF, EVIDENCE, HEDGES, SPEECH

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "AttributionMention", "AttributionStage", "BELIEF", "EVIDENCE", "HEDGES", "SPEECH",
    "attribution_for", "find_attributions", "hedged_at", "to_record",
]


def to_record(m: AttributionMention, doc: "Doc", speakers: Speakers, text: str | None = None) -> Attribution:
    """The record's :class:`~sitreps.record.Attribution` of a mention (evidence = the attributing phrase)."""
    start, end = m.phrase
    text = doc.text if text is None else text
    if m.source_tokens is None:
        return Attribution(source=None, source_role=None, text=text[start:end], start=start, end=end, hedged=True)
    toks = list(doc[m.source_tokens[0]:m.source_tokens[1]])
    sp = speakers.describe(toks)
    hedged = m.hedged or m.kind == "belief"  # "police believe …" is a view, not a report
    return Attribution(source=sp.name, source_role=sp.role, text=text[start:end], start=start, end=end, hedged=hedged)


def attribution_for(mentions: list[AttributionMention], start: int, end: int, sents: list[int]) -> AttributionMention | None:
    """The attribution of the value at ``[start, end)``: the innermost reported content with a named
    source that holds it (a bare hedge only when no source does, and :func:`hedged_at` adds the hedge;
    a belief or intention only when no report holds it), else a report cue in the same sentence.
    Judging speech acts ("condemned the strike") never claim what they are about."""
    mentions = [m for m in mentions if m.kind != "reaction"]
    holding = [m for m in mentions if m.holds(start, end) and not (m.cue_start <= start < m.cue_end)]
    if holding:
        # a report before a belief ("investigators believe …"), a named source before a bare hedge
        return min(holding, key=lambda m: (m.kind == "belief", m.source_start is None, (m.content_end or 0) - (m.content_start or 0)))
    same = [m for m in mentions if m.kind != "belief" and m.sent in sents and (m.content_start is None or m.content_end is None or not (m.content_start > end or m.content_end < start) or m.kind == "hedge")]
    if same:
        return min(same, key=lambda m: (m.source_start is None, abs(m.cue_start - start)))
    return None


def hedged_at(mentions: list[AttributionMention], start: int, end: int) -> bool:
    """Whether a hedge ("reportedly", "the claimed attack", "is said to") covers the value."""
    return any(m.kind == "hedge" and m.holds(start, end) for m in mentions)


class AttributionOptions(StageSettings):
    """``[stages.attribution]``"""

    #: longest quoted passage accepted, in characters; a longer one is taken for an unbalanced mark
    max_quote_chars: int = Field(MAX_QUOTE_CHARS, gt=0)


class AttributionStage(Stage):
    name = "attribution"
    reads = ("doc", "sentences", "events", "anchors")
    reads_if_present = ("places",)
    writes = ("quote_spans", "attributions", "events.attribution")
    Options = AttributionOptions

    def __call__(self, ctx: Context) -> None:
        doc = ctx.doc
        text = ctx.text
        quotes = ctx.quote_spans = scan_quotes(text, self.options.max_quote_chars)
        mentions = find_attributions(doc, quotes, of_model(self.nlp))  # the cues of the model's language
        ctx.attributions = mentions
        events = ctx.events or []
        if not mentions or not events:
            return
        places = [(p.start, p.end) for p in ctx.places or ()]
        speakers = Speakers(doc, QuoteIndex(quotes), places)
        cache: dict[int, Attribution] = {}
        for m in mentions:  # in text order, so "it"/"they" find the institution named before
            if m.source_tokens is not None:
                cache[m.cue_token] = to_record(m, doc, speakers, text)
        anchors: dict[str, Any] = ctx.anchors or {}
        sent_starts = sentence_starts(doc, ctx.sentences)

        def convert(m: AttributionMention | None, start: int, end: int) -> Attribution | None:
            if m is None:
                return None
            if m.cue_token not in cache:
                cache[m.cue_token] = to_record(m, doc, speakers, text)
            att = cache[m.cue_token]
            # a copy per value, so that a later stage editing one leaves the others alone;
            # "X said the claimed strike …" has a source and a hedge
            return replace(att, hedged=att.hedged or hedged_at(mentions, start, end))

        def attribute(start: int, end: int, sents: list[int]) -> Attribution | None:
            return convert(attribution_for(mentions, start, end, sents), start, end)

        def sent_at(offset: int) -> int:
            return sentence_at(sent_starts, offset)

        for event in events:
            anchor = anchors.get(event.id)
            sents = list(getattr(anchor, "sents", []) or []) or [sent_at(event.trigger.start)]
            event.attribution = attribute(event.trigger.start, event.trigger.end, sents)
            for value in (event.fatalities, event.injured, *event.intercepted, *event.weapons):
                if value is not None:
                    value.attribution = attribute(value.start, value.end, [sent_at(value.start)])
