"""Time expressions: "overnight", "last Tuesday", "on March 3", "earlier this month", "in 2022",
"three days ago", found in a parsed document and anchored on a reference date (the publication
date), normalised to periods and ISO-TimeML values.

:class:`TimeFinder` is pure (a spaCy ``Doc`` and a reference date in, :class:`TimeExpression`
out), so the evaluation runs it on its own; :func:`datable_times` gives the expressions that can
date an event, with ranges such as "between Monday and Wednesday" joined, found once per document
for every stage that asks (:mod:`.clauses` says which clause each one dates).
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from ...parse import text_of
from .clauses import DATABLE, merge_ranges
from .expressions import TimeExpression
from .finder import TimeFinder
from .periods import Period

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["TimeFinder", "TimeExpression", "Period", "datable_times", "find_times", "shared_finder"]

#: the ``Doc.user_data`` key of the datable time expressions, found once per document and
#: publication date (the events stage asks first, to tell incidents of different days apart)
_DATABLE = "sitreps.datable"


def find_times(doc: "Doc", reference: date | None = None) -> list[TimeExpression]:
    """One-off convenience: the time expressions of ``doc`` anchored on ``reference``.

    Builds a :class:`TimeFinder` each call; keep one finder when processing many documents.
    """
    return TimeFinder()(doc, reference)


@lru_cache(maxsize=1)
def shared_finder() -> TimeFinder:
    """One :class:`TimeFinder` for the stages that need time expressions (its patterns compile once)."""
    return TimeFinder()


def datable_times(finder: TimeFinder, doc: "Doc", published: date | None, sent_starts: list[int]) -> list[TimeExpression]:
    """The time expressions of ``doc`` that can date an event, with ranges joined: found once per
    Doc and publication date, whichever stage asks first."""
    kept = doc.user_data.get(_DATABLE)
    if kept is not None and kept[0] == published:
        return kept[1]
    text = text_of(doc)
    found = [e for e in merge_ranges(finder(doc, published, text, sent_starts), text) if e.kind in DATABLE]
    doc.user_data[_DATABLE] = (published, found)
    return found
