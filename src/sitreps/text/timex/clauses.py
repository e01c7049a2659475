"""Where a time expression stands in its sentence: the clause it dates, a statement's day, the
dateline's day, an earlier happening it dates, and ranges written as two expressions. Shared by
the events stage (acts of different days are different incidents) and the times stage (the date
of each event, :mod:`sitreps.stages.times.dating`)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from .expressions import TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_RANGE_JOIN = re.compile(r"\s*(?:and|to|until|till|through|thru|-|–|—)\s*", re.I)
_DATELINE_BEFORE = re.compile(r"\s*[A-Z][A-Za-z .'’-]{1,40},(?:\s*[A-Z][A-Za-z .]{1,25},)?\s*")
_DATELINE_AFTER = re.compile(r"(?:,?\s*\d{4})?\s*(?:\([^)\n]{1,30}\))?\s*[-—–]")
_RANGE_OPEN = re.compile(r"(?:between|from)\s+$", re.I)

#: kinds of expression that can date an event (``ref`` values such as "now" date nothing)
DATABLE = ("date", "unresolved", "invalid")


def merge_ranges(exprs: list[TimeExpression], text: str) -> list[TimeExpression]:
    """"between Monday and Wednesday", "from March 3 to March 5": one expression for the span."""
    out: list[TimeExpression] = []
    i = 0
    while i < len(exprs):
        a = exprs[i]
        b = exprs[i + 1] if i + 1 < len(exprs) else None
        if (b is not None and a.kind == b.kind == "date" and a.first and b.last and a.first <= b.last
                and _RANGE_JOIN.fullmatch(text, a.end, b.start) and _RANGE_OPEN.search(text, max(0, a.start - 10), a.start)):
            out.append(replace(a, text=text[a.start:b.end], end=b.end, last=b.last, future=a.future and b.future))
            i += 2
            continue
        out.append(a)
        i += 1
    return out


def clause_head(tok: "Token") -> "Token":
    """The verb (or root) that governs ``tok``: the head of its clause."""
    for _ in range(12):
        if tok.pos_ in ("VERB", "AUX") or tok.dep_ == "ROOT" or tok.head is tok:
            return tok
        tok = tok.head
    return tok


_EARLIER_EVENT = frozenset({"after", "before", "following"})
_EARLIER_CLAUSE = frozenset({"since"})  # "since the war started in October": the clause dates the start of a period


def dates_other(doc: "Doc", expr: TimeExpression, tokens: list["Token"]) -> bool:
    """``expr`` dates an earlier happening named in its clause, not the clause: in "it struck
    targets after a drone attack on the capital the day before", "the day before" dates the attack;
    in "its first strikes since the war started in October", October dates the war's start.
    Not when the named thing is a time ("after midnight on Friday") or is the event's own word."""
    tok, own = doc[expr.token], {t.i for t in tokens}
    for _ in range(12):
        if tok.pos_ in ("VERB", "AUX") or tok.dep_ == "ROOT" or tok.head is tok:
            return tok.i not in own and any(c.dep_ == "mark" and c.lower_ in _EARLIER_CLAUSE for c in tok.children)
        if (tok.dep_ == "pobj" and tok.head.lower_ in _EARLIER_EVENT and tok.i not in own
                and not expr.start <= tok.idx < expr.end and tok.ent_type_ not in ("DATE", "TIME")):
            return True
        tok = tok.head
    return False


def clause_dates(doc: "Doc", exprs: list[TimeExpression], tokens: list["Token"], text: str) -> list[TimeExpression]:
    """The anchored dates of the clauses of ``tokens`` that date what the clause tells: not the day of
    a statement ("police said Sunday"), the dateline, a planned day or an earlier happening the clause
    names ("after a raid last week")."""
    heads = {clause_head(t).i for t in tokens}
    return [e for e in exprs if e.kind == "date" and e.first is not None and not e.future and not reported(doc, e)
            and clause_head(doc[e.token]).i in heads and not on_dateline(text, e) and not dates_other(doc, e, tokens)]


def reported(doc: "Doc", expr: TimeExpression) -> bool:
    """The expression dates a statement ("police said Sunday"), not what the statement tells."""
    return expr.reported and expr.precision == "day"


def on_dateline(text: str, expr: TimeExpression) -> bool:
    """"KYIV, June 5 (Reuters) -": the date the story was filed, not the date of what it tells."""
    line = text.rfind("\n", 0, expr.start) + 1
    return bool(_DATELINE_BEFORE.fullmatch(text, line, expr.start) and _DATELINE_AFTER.match(text, expr.end))
