"""What the time finder produces (:class:`TimeExpression`) and what its pattern handlers share
while one document is read (:class:`Scan`) and return (:class:`Hit`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from .periods import Period
from .tense import Tense

if TYPE_CHECKING:
    from spacy.tokens import Doc

QUARTER_REACH = 5  # sentences back that "a year ago" looks for the quarter being reported


@dataclass
class TimeExpression:
    """One time expression: where it is and, when it can be anchored, what it denotes.

    ``kind`` is ``date`` (anchored: ``period``, ``first``, ``last`` set), ``ref`` (``now``,
    ``recently``: a TimeML reference value that dates nothing), ``unresolved`` (a relative
    expression with no reference date, or an anaphor with nothing to lean on) or ``invalid``
    (a day that does not exist, "31 February": kept as evidence, never turned into a date).
    """

    text: str
    start: int
    end: int
    sent: int
    token: int  # spaCy index of the expression's root token
    kind: str
    value: str  # ISO-TimeML value: 2024-06-05, 2024-W23, 2024-06, 2024-Q2, 2024, PAST_REF, XXXX-06-05
    period: Period | None = None
    first: date | None = None
    last: date | None = None
    future: bool = False
    relative: bool = False  # depends on the reference date
    anaphoric: bool = False  # counted from another expression of the text ("a year earlier")
    reported: bool = False  # a day that dates a statement ("police said Sunday"), not what it tells

    @property
    def precision(self) -> str:
        return self.period.precision if self.period is not None and self.kind == "date" else "unknown"


@dataclass
class Hit:
    kind: str
    period: Period | None = None
    value: str | None = None
    first: date | None = None
    last: date | None = None
    relative: bool = True
    future: bool = False
    anaphoric: bool = False


class Scan:
    """What one call knows: the document, the reference date and the dates told so far."""

    def __init__(self, doc: "Doc", text: str, reference: date | None, tense: Tense):
        self.doc = doc
        self.text = text
        self.ref = reference
        self.tense = tense
        self.previous: list[TimeExpression] = []
        self.sent = 0  # sentence of the match being read

    def direction(self, start: int, end: int) -> str | None:
        return self.tense.direction(self.doc, start, end, self.text)

    def current_quarter(self) -> Period | None:
        """The quarter (or half) the last few sentences report on, if they name one of the year
        before the reference date: what "a year ago" and "year-earlier" compare with."""
        p = self.last_period(("quarter", "half"), within=QUARTER_REACH)
        if p is not None and self.ref is not None and (self.ref - p.last).days > 366:
            return None
        return p

    def last_period(self, grains: tuple[str, ...] | None = None, within: int | None = None,
                    reported: bool = False) -> Period | None:
        """The period of the latest expression told so far (of one of ``grains``; at most
        ``within`` sentences back), not counting expressions that are themselves counted from
        another one (so "a year earlier ... a year earlier" does not go back two years), nor,
        unless ``reported``, days that only date a statement."""
        for expr in reversed(self.previous):
            if within is not None and self.sent - expr.sent > within:
                return None
            if (expr.kind == "date" and expr.period is not None and not expr.anaphoric and (reported or not expr.reported)
                    and (grains is None or expr.period.grain in grains)):
                return expr.period
        return None


