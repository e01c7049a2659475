"""Give every event the date of its own clause, else of its sentence, else of the text around it.

The order follows how news tells time:

1. its own clause: "Russian missiles struck Kharkiv overnight" (confidence 0.9; a planned date
   here is kept, with a note that the event has not happened);
2. another clause of its sentence (0.75) — but a date that only dates the statement ("…, the
   army said on Tuesday") or the dateline ("GAZA, March 4 (Reuters) -") gives "that day or the day
   before" (0.6);
3. the nearest date before it that fits: within two sentences, or recent (0.5); for an event of
   the headline or lead, the date of the sentences just after it. When the stage says which
   clauses tell incidents (``incident_heads``), a date just before that dates another action — a
   rescue, a statement, a funeral — is passed over for the lead's time frame when the lead dates
   an incident ("Overnight strikes killed five …" … "Rescuers pulled a woman out early on
   Wednesday." "Three people were killed in the X district.": overnight, 0.4);
4. else, when the first date after it opens with "earlier (on)" ("Earlier on Saturday, aid groups
   reported …"), that day (0.4): the acts told before it came later the same day (asked before a
   headline's event looks at the sentences after it);
5. else the publication day or the day before, with no evidence, a low confidence (0.3) and a
   note; with no publication date, precision "unknown" and a note.

A date from another clause that lies more than a year before publication is background ("the
gun was stolen in 2011") and is not taken.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ...record import DateValue, Event
from ...text.sentences import sentence_at
from ...text.timex import TimeExpression
from ...text.timex.clauses import DATABLE, clause_head, dates_other, on_dateline, reported

if TYPE_CHECKING:
    from spacy.tokens import Doc

CONF_REPORT = 0.6
CONF_LEAD = 0.4
LEAD_SENTENCES = 2  # sentences (from 0) that make the lead
CONF_CLAUSE, CONF_SENTENCE, CONF_PRECEDING, CONF_PUBLISHED = 0.9, 0.75, 0.5, 0.3
NOTE_PUBLISHED = ("publication date used: no date expression in the text "
                  "(the event is taken to fall on the publication day or the day before)")
NOTE_REPORT = "date of the statement that tells the event: the event is taken to fall on it or the day before"
NOTE_FUTURE = "future date: the event is announced or planned, not reported as having happened"
NOTE_NONE = "no date expression in the text and no publication date"
RECENT = timedelta(days=14)  # a date told further back than this (and sentences away) is background
NEAR_SENTENCES = 2
HEADLINE_SENTENCES = 1  # events told this early (headline, lead) may take a date from just after
BACKGROUND = timedelta(days=365)  # a date in another clause this long before publication is background


def _modifies(doc: "Doc", expr: TimeExpression, own: set[int]) -> bool:
    """``expr`` hangs on one of the event's own words, with no verb between: "the July 29, 2014,
    shooting", "shooting four men … last week", not "was arrested last week in the shooting"."""
    tok = doc[expr.token]
    for _ in range(4):
        if tok.i in own:
            return True
        if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
            return False
        tok = tok.head
    return tok.i in own


def date_value(expr: TimeExpression, confidence: float, published: date | None) -> DateValue:
    if expr.kind == "date" and expr.first is not None:
        future = published is not None and expr.first > published
        return DateValue(
            start=expr.first.isoformat(), end=(expr.last or expr.first).isoformat(), precision=expr.precision,  # type: ignore[arg-type]
            text=expr.text, start_char=expr.start, end_char=expr.end, confidence=confidence,
            note=NOTE_FUTURE if future else None,
        )
    if expr.kind == "invalid":
        note = f"{expr.text!r} is not a valid date: no date given"
    else:
        why = "no publication date" if published is None else "nothing earlier in the text to anchor it on"
        note = f"relative date {expr.text!r} not resolved: {why}"
    return DateValue(
        start=None, end=None, precision="unknown", text=expr.text, start_char=expr.start, end_char=expr.end,
        confidence=round(confidence * 0.5, 2), note=note,
    )


def _lead_date(usable: list[TimeExpression], text: str, published: date | None) -> TimeExpression | None:
    """The first recent, non-reported date of the first sentences: the time frame of the story."""
    for e in usable:
        if e.sent > LEAD_SENTENCES:
            return None
        if e.kind != "date" or e.reported or e.first is None:
            continue
        if published is not None and (e.first > published or (e.last or e.first) < published - RECENT):
            continue
        return e
    return None


def report_date(expr: TimeExpression, published: date | None) -> DateValue:
    """An event known only from a statement dated ``expr``: that day or the one before."""
    value = date_value(expr, CONF_REPORT, published)
    if expr.first is not None and expr.first > date.min:
        value.start = (expr.first - timedelta(days=1)).isoformat()
        value.note = NOTE_REPORT
    return value


def fallback(published: date | None) -> DateValue:
    if published is None:
        return DateValue(start=None, end=None, precision="unknown", text=None, start_char=None, end_char=None,
                         confidence=0.0, note=NOTE_NONE)
    # news tells what happened since the last edition: the day of publication or the one before
    before = published - timedelta(days=1) if published > date.min else published
    return DateValue(start=before.isoformat(), end=published.isoformat(), precision="day",
                     text=None, start_char=None, end_char=None, confidence=CONF_PUBLISHED, note=NOTE_PUBLISHED)


def _sent_of(sent_starts: list[int], char: int) -> int:
    return sentence_at(sent_starts, char)


def incident_clauses(doc: "Doc", events: list[Event], anchors: dict[str, Any]) -> frozenset[int]:
    """Token indices of the clause heads that tell an event (its trigger tokens' clause heads)."""
    heads: set[int] = set()
    for event in events:
        anchor = anchors.get(event.id)
        toks = [doc[t] for t in (getattr(anchor, "tokens", None) or []) if 0 <= t < len(doc)]
        if not toks:
            span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
            toks = [span.root] if span is not None and len(span) else []
        heads.update(clause_head(t).i for t in toks)
    return frozenset(heads)


def date_event(event: Event, anchor: Any, exprs: list[TimeExpression], doc: "Doc", published: date | None,
               sent_starts: list[int], text: str | None = None, incident_heads: frozenset[int] | None = None) -> DateValue:
    """The date of one event, told where ``anchor`` (an EventAnchor, or None) says it is told.

    ``incident_heads`` (from :func:`incident_clauses`): the clause heads that tell events; with it, a
    date borrowed from the sentences before must date an incident, unless the lead dates none."""
    usable = [e for e in exprs if e.kind in DATABLE and not e.future]
    if anchor is not None and getattr(anchor, "tokens", None):
        tokens = [doc[t] for t in anchor.tokens if 0 <= t < len(doc)]
        sents = set(anchor.sents)
        if not sents and tokens:
            sents = {_sent_of(sent_starts, tokens[0].idx)}
        start = anchor.start if anchor.end > anchor.start else (tokens[0].idx if tokens else event.trigger.start)
    else:
        span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        tokens = [span.root] if span is not None and len(span) else []
        sents = {_sent_of(sent_starts, event.trigger.start)}
        start = event.trigger.start
    if tokens:
        heads = {clause_head(t).i for t in tokens}
        near = [e for e in usable if e.sent in sents]

        def distance(e: TimeExpression) -> int:
            return min(abs(e.token - t.i) for t in tokens)

        others = {id(e) for e in exprs if e.sent in sents and dates_other(doc, e, tokens)}
        near = [e for e in near if id(e) not in others]
        own = [e for e in exprs if e.kind in DATABLE and e.sent in sents and clause_head(doc[e.token]).i in heads
               and not on_dateline(doc.text if text is None else text, e) and id(e) not in others]
        if any(not e.future for e in own):  # a past date of its own clause beats a planned one
            own = [e for e in own if not e.future]
        if own:  # a date on the event's own word ("the Aug. 19 shooting") beats the clause's other dates
            ids = {t.i for t in tokens}
            return date_value(min(own, key=lambda e: (not _modifies(doc, e, ids), distance(e))), CONF_CLAUSE, published)
        if published is not None:  # another clause's "in 2011" is background, not this event's date
            near = [e for e in near if e.last is None or e.last >= published - BACKGROUND]
        if near:
            # "…, the governor said on Wednesday": the day of the statement bounds the event
            txt = doc.text if text is None else text
            told = [e for e in near if not reported(doc, e) and not on_dateline(txt, e)]
            if told:
                return date_value(min(told, key=distance), CONF_SENTENCE, published)
            # the statement nearest the event's own trigger: a later sentence merged in may be another day's statement
            trig = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
            main = trig.root.i if trig is not None and len(trig) else None
            return report_date(min(near, key=lambda e: (abs(e.token - main) if main is not None else 0, distance(e))), published)
    first_sent = min(sents) if sents else 0
    txt = doc.text if text is None else text
    before = [e for e in usable if e.end <= start and e.sent < first_sent
              and not (e.kind == "date" and published is not None and e.first is not None and e.first > published)]
    lead = _lead_date(usable, txt, published)

    def tells_incident(e: TimeExpression) -> bool:
        return incident_heads is None or clause_head(doc[e.token]).i in incident_heads

    # a lead that dates an incident ("Overnight strikes killed …") sets the frame for later incidents
    # better than a date that only dates a rescue, a statement or a funeral told in between
    framed = lead is not None and lead.sent < first_sent and tells_incident(lead)
    for e in reversed(before):  # the sentences just before
        if first_sent - e.sent > NEAR_SENTENCES:
            break
        if framed and not tells_incident(e) and not on_dateline(txt, e):
            continue
        if framed and published is not None and e.last is not None and e.last < published - RECENT:
            continue  # "which resumed its offensive in March": under a recent lead, an older date is background
        if published is not None and e.last is not None and e.last < published - BACKGROUND:
            continue  # "whose invasion started in February 2022": background, not the date of what follows
        return report_date(e, published) if on_dateline(txt, e) else date_value(e, CONF_PRECEDING, published)
    if lead is not None and lead.sent < first_sent:  # further on, the lead sets the time of the story
        return report_date(lead, published) if on_dateline(txt, lead) else date_value(lead, CONF_LEAD, published)
    for e in reversed(before):
        if published is None or (e.kind == "date" and e.last is not None and e.last >= published - RECENT):
            return report_date(e, published) if on_dateline(txt, e) else date_value(e, CONF_LEAD, published)
    frame = _told_as_earlier(usable, start, txt, published)
    if frame is not None:  # "… Earlier on Saturday, …": what was told before it happened that day too
        return date_value(frame, CONF_LEAD, published)
    if first_sent <= HEADLINE_SENTENCES:  # a headline's event is dated by the lead that follows it
        last_sent = max(sents) if sents else first_sent
        for e in usable:
            if e.start > start and 0 < e.sent - last_sent <= NEAR_SENTENCES and e.kind == "date":
                if published is not None and e.last is not None and e.last < published - RECENT:
                    continue
                if on_dateline(txt, e) or reported(doc, e):
                    return report_date(e, published)
                return date_value(e, CONF_PRECEDING, published)
    return fallback(published)


#: "Earlier on Saturday", "earlier Tuesday", "Earlier that day": the words before a date that say the
#: act they date came first on that day, after the acts told before it
_EARLIER_ON = re.compile(r"\bearlier(?:\s+on)?\s*$", re.I)


def _told_as_earlier(usable: list[TimeExpression], start: int, text: str, published: date | None) -> TimeExpression | None:
    """The first date after ``start``, when the text opens it with "earlier (on)" ("Earlier on
    Saturday, gunmen …", "Earlier on Saturday, aid groups reported …"): the undated acts told
    before it fell later on that same day, whether the date tells an act or a report of one. None
    when the first date after ``start`` is another, or lies after publication."""
    after = [e for e in usable if e.start > start and e.kind == "date" and e.first is not None]
    if not after:
        return None
    e = min(after, key=lambda x: x.start)
    if e.precision != "day" or (published is not None and e.first > published):
        return None
    line = max(text.rfind("\n", 0, e.start), text.rfind(". ", 0, e.start)) + 1
    return e if _EARLIER_ON.search(text, line, e.start) or _EARLIER_ON.search((e.text.split() or [""])[0]) else None
