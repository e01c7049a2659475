"""Calendar arithmetic for time expressions: periods, their bounds and their TimeML values.

A :class:`Period` is what an expression denotes once anchored: a granularity (``day``, ``week``,
``month``, ``quarter``, ``half``, ``season``, ``year``, ``decade``, ``century``) and the first and
last day it covers. :meth:`Period.value` writes it the way ISO-TimeML does (``2024-06-05``,
``2024-W23``, ``2024-06``, ``2024-Q2``, ``2024-H1``, ``2024-SU``, ``2024``, ``202``, ``20``), so the
same object serves the record (start/end/precision) and the evaluation (normalised values).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from ...lang import load

#: granularity -> precision of the record (``DateValue.precision``): never finer than the truth.
RECORD_PRECISION = {
    "day": "day",
    "week": "week",
    "weekend": "week",
    "month": "month",
    "quarter": "year",
    "half": "year",
    "season": "year",
    "year": "year",
    "decade": "year",
    "century": "year",
}

SEASON_CODES = dict(load("en").document("times")["seasons"])  # lang/en/times.toml
SEASON_FIRST_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
PART_CODES = dict(load("en").document("times")["parts_of_day"])


@dataclass(frozen=True)
class Period:
    """A stretch of calendar time at one granularity."""

    grain: str
    first: date
    last: date
    part: str | None = None  # part of day (MO, AF, EV, NI) for day periods

    @property
    def precision(self) -> str:
        return RECORD_PRECISION[self.grain]

    def value(self) -> str:
        f = self.first
        if self.grain == "day":  # the part of day stays out: annotators mostly write the day alone
            return f.isoformat()
        if self.grain == "week":
            y, w, _ = f.isocalendar()
            return f"{y}-W{w:02d}"
        if self.grain == "weekend":
            y, w, _ = f.isocalendar()
            return f"{y}-W{w:02d}-WE"
        if self.grain == "month":
            return f"{f.year:04d}-{f.month:02d}"
        if self.grain == "quarter":
            return f"{f.year:04d}-Q{(f.month - 1) // 3 + 1}"
        if self.grain == "half":
            return f"{f.year:04d}-H{1 if f.month <= 6 else 2}"
        if self.grain == "season":
            code = next(c for c, m in SEASON_FIRST_MONTH.items() if m == f.month)
            return f"{f.year:04d}-{code}"
        if self.grain == "year":
            return f"{f.year:04d}"
        if self.grain == "decade":
            return f"{f.year // 10:03d}"
        if self.grain == "century":
            return f"{f.year // 100:02d}"
        raise ValueError(self.grain)

    def shifted(self, n: int, unit: str) -> "Period | None":
        """The same kind of period ``n`` units (day, week, month, year) later (negative: earlier)."""
        try:
            if unit == "day":
                return period_of(self.grain, self.first + timedelta(days=n), self.part)
            if unit == "week":
                return period_of(self.grain, self.first + timedelta(weeks=n), self.part)
            if unit == "month":
                return period_of(self.grain, add_months(self.first, n), self.part)
            if unit == "year":
                return period_of(self.grain, add_months(self.first, 12 * n), self.part)
            if unit == "decade":
                return period_of(self.grain, add_months(self.first, 120 * n), self.part)
        except (ValueError, OverflowError):
            return None
        return None


def add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def period_of(grain: str, d: date, part: str | None = None) -> Period:
    """The period of granularity ``grain`` that contains day ``d``."""
    if grain == "day":
        return Period("day", d, d, part)
    if grain == "week":
        monday = d - timedelta(days=d.weekday())
        return Period("week", monday, monday + timedelta(days=6))
    if grain == "weekend":
        saturday = d - timedelta(days=d.weekday()) + timedelta(days=5)
        return Period("weekend", saturday, saturday + timedelta(days=1))
    if grain == "month":
        return Period("month", d.replace(day=1), d.replace(day=calendar.monthrange(d.year, d.month)[1]))
    if grain == "quarter":
        q0 = (d.month - 1) // 3 * 3 + 1
        first = date(d.year, q0, 1)
        return Period("quarter", first, add_months(first, 3) - timedelta(days=1))
    if grain == "half":
        first = date(d.year, 1 if d.month <= 6 else 7, 1)
        return Period("half", first, add_months(first, 6) - timedelta(days=1))
    if grain == "season":
        return season(d.year if d.month != 1 and d.month != 2 else d.year - 1, _season_code(d.month))
    if grain == "year":
        return Period("year", date(d.year, 1, 1), date(d.year, 12, 31))
    if grain == "decade":
        y = d.year // 10 * 10
        return Period("decade", date(y, 1, 1), date(y + 9, 12, 31))
    if grain == "century":
        y = d.year // 100 * 100
        return Period("century", date(max(y, 1), 1, 1), date(y + 99, 12, 31))
    raise ValueError(grain)


def _season_code(month: int) -> str:
    if month in (3, 4, 5):
        return "SP"
    if month in (6, 7, 8):
        return "SU"
    if month in (9, 10, 11):
        return "FA"
    return "WI"


def season(year: int, code: str) -> Period:
    first = date(year, SEASON_FIRST_MONTH[code], 1)
    return Period("season", first, add_months(first, 3) - timedelta(days=1))


def month_period(year: int, month: int) -> Period:
    return period_of("month", date(year, month, 1))


def day_period(year: int, month: int, day: int, part: str | None = None) -> Period | None:
    """The day, or None when it does not exist (31 February)."""
    try:
        return Period("day", date(year, month, day), date(year, month, day), part)
    except ValueError:
        return None


#: how far tense may pull a date without a year away from the closest reading (days; for a
#: month alone, months): "stepped down in March" told in November is this year's March, but
#: "fighting may resume in May" told in March is still this year's May
TENSE_WINDOW = 300
TENSE_WINDOW_MONTHS = 9


def nearest_year(ref: date, month: int, day: int | None, direction: str | None, weekday: int | None = None) -> int | None:
    """The year that puts ``month`` (and ``day``) nearest ``ref``.

    A weekday given with the date ("Saturday, April 25") picks the year where it falls on that
    day. Otherwise tense decides between the last and the next occurrence when that one is
    within :data:`TENSE_WINDOW` days ("said it would pay on Nov. 10" is still November this
    year); else the closer of the three candidate years wins.
    """
    candidates = []
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            d = date(y, month, day) if day else date(y, month, 1)
        except ValueError:
            continue
        if day is None:
            delta = (y - ref.year) * 12 + month - ref.month  # whole months
        else:
            delta = (d - ref).days
            if weekday is not None and d.weekday() == weekday and abs(delta) <= 366:
                return y
        candidates.append((delta, y))
    if not candidates:
        return None
    window = TENSE_WINDOW if day else TENSE_WINDOW_MONTHS
    if direction == "future":
        later = [c for c in candidates if 0 <= c[0] <= window]
        if later:
            return min(later)[1]
    if direction == "past":
        earlier = [c for c in candidates if -window <= c[0] <= 0]
        if earlier:
            return max(earlier)[1]
    return min(candidates, key=lambda c: (abs(c[0]), c[0] > 0))[1]


def weekday_date(ref: date, weekday: int, direction: str | None, strict: bool = False) -> date:
    """The ``weekday`` (0 = Monday) nearest ``ref``: the same day or before it, or for ``future``
    the same day or after it; ``strict`` excludes ``ref`` itself ("last Friday", "next Friday")."""
    if direction == "future":
        ahead = (weekday - ref.weekday()) % 7
        if ahead == 0 and strict:
            ahead = 7
        return ref + timedelta(days=ahead)
    back = (ref.weekday() - weekday) % 7
    if back == 0 and strict:
        back = 7
    return ref - timedelta(days=back)
