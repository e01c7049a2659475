"""Find the time expressions of a parsed document and anchor them on a reference date.

:class:`TimeFinder` is the pure part of the ``times`` stage: ``finder(doc, reference)`` returns
:class:`TimeExpression` objects (text, offsets, sentence, the period they denote and its ISO-TimeML
value) for one spaCy ``Doc`` and a reference date (the publication date, or None). It needs no
events, so the evaluation uses it directly. Patterns are compiled once, in ``__init__``; a call
scans the text with them and looks at the parse only around the matches (for tense and for the
part of speech of ambiguous words like ``May``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Callable

from .patterns import MONTHS, NUMBER_WORDS, ORDINALS, REFS, WEEKDAYS, compile_patterns, keyword_patterns
from .periods import (
    PART_CODES,
    SEASON_CODES,
    Period,
    add_months,
    day_period,
    month_period,
    nearest_year,
    period_of,
    season,
    weekday_date,
)
from .tense import Tense

if TYPE_CHECKING:
    from spacy.tokens import Doc


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

    @property
    def precision(self) -> str:
        return self.period.precision if self.period is not None and self.kind == "date" else "unknown"


@dataclass
class _Hit:
    kind: str
    period: Period | None = None
    value: str | None = None
    first: date | None = None
    last: date | None = None
    relative: bool = True
    future: bool = False
    anaphoric: bool = False


class _Scan:
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

    def last_period(self, grains: tuple[str, ...] | None = None, within: int | None = None) -> Period | None:
        """The period of the latest expression told so far (of one of ``grains``; at most
        ``within`` sentences back), not counting expressions that are themselves counted from
        another one (so "a year earlier ... a year earlier" does not go back two years)."""
        for expr in reversed(self.previous):
            if within is not None and self.sent - expr.sent > within:
                return None
            if expr.kind == "date" and expr.period is not None and not expr.anaphoric and (grains is None or expr.period.grain in grains):
                return expr.period
        return None


_NUM_OR_VAGUE_AFTER = re.compile(r"\s+(?:\d|few|several|many|couple|one|two|three|four|five|six|seven|eight|nine|ten|week|month|year|day|decade)", re.I)
_MONEY = re.compile(r"\b(?:profit|earnings|revenue|sales|net|loss|income|results|dividend|growth|GDP|output|"
                    r"economy|shares?|cents|quarterly|fiscal)\b|[$£€]|\bper ?cent\b|%", re.I)
_YEAR_GATE = re.compile(
    r"(?:\b(?:in|since|until|till|by|before|after|during|of|from|through|to|between|and|around|for|early|late|mid|"
    r"spring|summer|autumn|fall|winter|year|at|circa|c\.|throughout|as of|fiscal)|[-–(])\s*,?\s*$",
    re.I,
)
_REL_OFFSET = {
    "last": -1, "the past": -1, "the last": -1, "the previous": -1, "previous": -1, "this past": -1,
    "this": 0, "the current": 0, "current": 0, "next": 1, "the coming": 1, "this coming": 1,
}
QUARTER_REACH = 5  # sentences
WINDOW = 60  # characters either side of a keyword that the patterns look at
_UNIT_GRAIN = {"day": "day", "week": "week", "month": "month", "year": "year", "decade": "decade"}


class TimeFinder:
    """``TimeFinder()(doc, reference)`` -> the document's time expressions, in text order."""

    def __init__(self) -> None:
        self.patterns = compile_patterns()
        self.keywords = keyword_patterns()
        self.words = re.compile(r"[A-Za-z]+|\d+")
        self.tense = Tense()
        self.handlers: dict[str, Callable[[_Scan, re.Match[str]], _Hit | None]] = {
            "iso": self._iso, "month_day": self._month_day, "day_month": self._month_day, "month": self._month,
            "weekday": self._weekday, "overnight": self._overnight, "dayword": self._dayword,
            "anaphor": self._anaphor, "relative": self._relative, "weekend": self._weekend, "ago": self._ago,
            "year_ago": self._year_ago, "quarter": self._quarter, "this_quarter": self._this_quarter,
            "half": self._half, "season": self._season, "decade": self._decade, "century": self._century,
            "year": self._year, "year_range": self._year_range, "ref": self._ref,
        }

    # -- the scan ------------------------------------------------------------------------------
    def _windows(self, text: str) -> dict[str, list[tuple[int, int]]]:
        """Stretches of text around the words that can start each pattern: the patterns run
        there only, not over the whole text (most of an article holds no time expression)."""
        out: dict[str, list[tuple[int, int]]] = {}
        n = len(text)
        for m in self.words.finditer(text):
            w = m.group()
            if w[0].isdigit():  # only a year starts a pattern; a day number has its month next to it
                if len(w) != 4 or not "1600" <= w <= "2099":
                    continue
                key = "#"
            else:
                key = w.lower()
            names = self.keywords.get(key)
            if not names:
                continue
            s, e = max(0, m.start() - WINDOW), min(n, m.end() + WINDOW)
            for name in names:
                spans = out.setdefault(name, [])
                if spans and s <= spans[-1][1]:
                    spans[-1] = (spans[-1][0], e)
                else:
                    spans.append((s, e))
        return out

    def __call__(self, doc: "Doc", reference: date | None, text: str | None = None,
                 sent_starts: list[int] | None = None) -> list[TimeExpression]:
        """The time expressions of ``doc`` in text order. ``text`` (``doc.text``) and
        ``sent_starts`` (first character of each sentence) save work when already at hand."""
        text = doc.text if text is None else text
        spans: list[tuple[int, int, int, str, re.Match[str]]] = []
        windows = self._windows(text)
        for rank, (name, rx) in enumerate(self.patterns):
            for ws, we in windows.get(name, ()):
                for m in rx.finditer(text, ws, we):
                    s, e = m.span()
                    if e <= s or (s > 0 and text[s - 1].isalnum()) or (e < len(text) and text[e].isalnum()):
                        continue
                    spans.append((s, e, rank, name, m))
        spans.sort(key=lambda c: (c[0] - c[1], c[2], c[0]))  # longest first, then pattern order
        taken: list[tuple[int, int, int, str, re.Match[str]]] = []
        occupied: list[tuple[int, int]] = []
        for cand in spans:
            s, e = cand[0], cand[1]
            if any(s < oe and os_ < e for os_, oe in occupied):
                continue
            occupied.append((s, e))
            taken.append(cand)
        taken.sort(key=lambda c: c[0])
        if not taken:
            return []
        if sent_starts is None:
            sent_starts = [s.start_char for s in doc.sents]
        scan = _Scan(doc, text, reference, self.tense)
        out: list[TimeExpression] = []
        for s, e, _, name, m in taken:
            scan.sent = max(0, bisect.bisect_right(sent_starts, s) - 1)
            try:
                hit = self.handlers[name](scan, m)
            except (OverflowError, ValueError):  # a reference date at the edge of the calendar
                hit = _Hit("unresolved", value="XXXX")
            if hit is None:
                continue
            span = doc.char_span(s, e, alignment_mode="expand")
            token = span.root.i if span is not None and len(span) else 0
            period = hit.period if hit.kind == "date" else None
            first = hit.first if hit.first is not None else (period.first if period else None)
            last = hit.last if hit.last is not None else (period.last if period else None)
            future = hit.future or (reference is not None and first is not None and first > reference)
            value = hit.value if hit.value is not None else (period.value() if period else "XXXX")
            expr = TimeExpression(
                text=text[s:e], start=s, end=e, sent=scan.sent, token=token, kind=hit.kind, value=value, period=period,
                first=first, last=last, future=future, relative=hit.relative, anaphoric=hit.anaphoric,
            )
            out.append(expr)
            scan.previous.append(expr)
        return out

    # -- absolute dates ------------------------------------------------------------------------
    @staticmethod
    def _iso(scan: _Scan, m: re.Match[str]) -> _Hit | None:
        p = day_period(int(m["y"]), int(m["m"]), int(m["d"]))
        return _Hit("date", p, relative=False) if p else _Hit("invalid", value=m.group(0), relative=False)

    @staticmethod
    def _month_day(scan: _Scan, m: re.Match[str]) -> _Hit | None:
        month = MONTHS[m["mon"].rstrip(".").lower()]
        d1 = int(re.sub(r"\D", "", m["d1"]))
        d2 = int(re.sub(r"\D", "", m["d2"])) if m["d2"] else None
        if m["y"]:
            year: int | None = int(m["y"])
        elif scan.ref is not None:
            wd = WEEKDAYS[m["wd"].lower()] if m["wd"] else None
            year = nearest_year(scan.ref, month, d1, scan.direction(*m.span()), wd)
        else:
            return _Hit("unresolved", value=f"XXXX-{month:02d}-{d1:02d}") if d1 <= 31 else None
        if year is None:  # 31 February: no such day in any year, no date invented
            return _Hit("invalid", value=f"XXXX-{month:02d}-{d1:02d}", relative=False)
        p = day_period(year, month, d1)
        if p is None:
            return _Hit("invalid", value=f"{year:04d}-{month:02d}-{d1:02d}", relative=False)
        hit = _Hit("date", p, relative=not m["y"])
        if d2 and d2 > d1:
            end = day_period(year, month, d2)
            if end is not None:
                hit.last = end.first
        return hit

    def _month(self, scan: _Scan, m: re.Match[str]) -> _Hit | None:
        name = m["mon"].rstrip(".")
        month = MONTHS[name.lower()]
        alone = not (m["y"] or m["rel"] or m["mod"])
        if alone and name in ("May", "March") and not self.tense.is_proper_noun(scan.doc, m.start("mon"), m.end("mon")):
            return None
        if alone and self.tense.is_name(scan.doc, m.start("mon"), m.end("mon")):
            return None  # Theresa May, June Carter
        if m["y"]:
            return _Hit("date", month_period(int(m["y"]), month), relative=False)
        ref = scan.ref
        if ref is None:
            return _Hit("unresolved", value=f"XXXX-{month:02d}")
        if m["yrel"]:  # June last year
            return _Hit("date", month_period(ref.year + {"last": -1, "next": 1}.get(m["yrel"].lower(), 0), month))
        rel = (m["rel"] or "").lower()
        if rel in ("last", "this past", "past"):
            year = ref.year if month < ref.month else ref.year - 1
        elif rel in ("next", "this coming"):
            year = ref.year if month > ref.month else ref.year + 1
        elif rel == "this":
            year = ref.year
        else:
            year = nearest_year(ref, month, None, scan.direction(*m.span())) or ref.year
        return _Hit("date", month_period(year, month))

    # -- days relative to the reference --------------------------------------------------------
    @staticmethod
    def _part(word: str | None) -> str | None:
        return PART_CODES.get(word.lower()) if word else None

    def _weekday(self, scan: _Scan, m: re.Match[str]) -> _Hit | None:
        wd = WEEKDAYS[m["wd"].lower()]
        part = self._part(m["part"])
        if scan.ref is None:
            return _Hit("unresolved", value=f"XXXX-WXX-{wd + 1}")
        rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
        if rel in ("the previous", "the following", "the next", "that"):
            # counted from the day told before: "the previous Friday", "the following Monday"
            anchor = scan.last_period(("day",), within=3)
            if anchor is None:
                return None if rel == "that" else _Hit("unresolved", value=f"XXXX-WXX-{wd + 1}")
            if rel == "that":
                d = weekday_date(anchor.first, wd, "past")
                if (anchor.first - d).days > 3:
                    d = weekday_date(anchor.first, wd, "future")
            else:
                d = weekday_date(anchor.first, wd, "past" if rel == "the previous" else "future", strict=True)
            return _Hit("date", Period("day", d, d, part), anaphoric=True)
        if rel == "last" or rel == "this past":
            d = weekday_date(scan.ref, wd, "past", strict=True)
        elif rel == "next":
            d = weekday_date(scan.ref, wd, "future", strict=True)
        elif rel == "this coming":
            d = weekday_date(scan.ref, wd, "future")
        else:
            d = weekday_date(scan.ref, wd, "future" if scan.direction(*m.span()) == "future" else "past")
        hit = _Hit("date", Period("day", d, d, part))
        if part == "NI":
            hit.last = d + timedelta(days=1)
        return hit

    @staticmethod
    def _overnight(scan: _Scan, m: re.Match[str]) -> _Hit | None:
        if scan.ref is None:
            return _Hit("unresolved", value="XXXX-XX-XXTNI")
        end = scan.ref
        if m["wd"]:
            end = weekday_date(scan.ref, WEEKDAYS[m["wd"].lower()], scan.direction(*m.span()))
        start = end - timedelta(days=1)
        return _Hit("date", Period("day", start, start, "NI"), first=start, last=end)

    def _dayword(self, scan: _Scan, m: re.Match[str]) -> _Hit | None:
        w = m["w"].lower()
        if m["w"] == "Today" and re.search(r"(?:USA|Russia|China|Britain|Europe)\s+$", scan.text[max(0, m.start() - 8):m.start()]):
            return None  # USA Today, Russia Today: outlets
        if scan.ref is None:
            return _Hit("unresolved", value="XXXX-XX-XX")
        ref = scan.ref
        offset = {"the day before yesterday": -2, "yesterday": -1, "tomorrow": 1, "the day after tomorrow": 2}.get(w, 0)
        d = ref + timedelta(days=offset)
        part = self._part(m["part"]) or {"tonight": "NI", "this morning": "MO", "this afternoon": "AF", "this evening": "EV"}.get(w)
        if w == "last night":
            d = ref - timedelta(days=1)
            return _Hit("date", Period("day", d, d, "NI"), first=d, last=ref)
        if "past" in w or "last" in w:  # the past 24 hours: the day before publication and the day itself
            d = ref - timedelta(days=1)
            return _Hit("date", Period("day", d, d), first=d, last=ref)
        hit = _Hit("date", Period("day", d, d, part))
        if part == "NI":
            hit.last = d + timedelta(days=1)
        return hit

    @staticmethod
    def _anaphor(scan: _Scan, m: re.Match[str]) -> _Hit | None:
        w = m["w"].lower()
        anchor = scan.last_period(("day",))
        if anchor is None:
            return _Hit("unresolved", value="XXXX-XX-XX")
        if any(k in w for k in ("next", "following", "after")):
            offset = 1
        elif any(k in w for k in ("before", "previous")):
            offset = -1
        else:
            offset = 0
        d = anchor.first + timedelta(days=offset)
        part = "NI" if "night" in w else "MO" if "morning" in w else None
        hit = _Hit("date", Period("day", d, d, part))
        if part == "NI":
            hit.last = d + timedelta(days=1)
        return hit

    # -- weeks, months, years relative to the reference ----------------------------------------
    def _relative(self, scan: _Scan, m: re.Match[str]) -> _Hit | None:
        unit = m["unit"].lower()
        rel = re.sub(r"\s+", " ", m["rel"].lower())
        mod = (m["mod"] or "").lower()
        if unit in SEASON_CODES:
            return self._season_rel(scan, SEASON_CODES[unit], rel)
        if scan.ref is None:
            return _Hit("unresolved", value="XXXX")
        ref = scan.ref
        off = _REL_OFFSET.get(rel, 0)
        if unit == "weekend":
            return self._weekend_at(ref, "future" if off > 0 else "past" if off < 0 else None, strict=off != 0)
        if unit == "week":
            p = period_of("week", ref + timedelta(weeks=off))
        elif unit == "month":
            p = period_of("month", add_months(ref, off))
        elif unit == "year":
            p = period_of("year", date(ref.year + off, 1, 1))
        elif unit == "decade":
            p = period_of("decade", date(ref.year + 10 * off, 1, 1))
        else:
            p = period_of("century", date(ref.year + 100 * off, 1, 1))
        hit = _Hit("date", p)
        if off == 0 and mod == "earlier":
            hit.last = ref
        elif off == 0 and mod == "later":
            hit.first, hit.future = ref, True
        return hit

    @staticmethod
    def _weekend_at(ref: date, direction: str | None, strict: bool = False) -> _Hit:
        sat_this_week = ref - timedelta(days=ref.weekday()) + timedelta(days=5)
        if direction == "future":
            sat = sat_this_week if sat_this_week > ref or (not strict and ref.weekday() >= 5) else sat_this_week + timedelta(days=7)
            if not strict and ref.weekday() >= 5:
                sat = sat_this_week
        elif ref.weekday() >= 5 and not strict:
            sat = sat_this_week
        else:
            sat = sat_this_week - timedelta(days=7)
        return _Hit("date", period_of("weekend", sat))

    def _weekend(self, scan: _Scan, m: re.Match[str]) -> _Hit | None:
        if scan.ref is None:
            return _Hit("unresolved", value="XXXX-WXX-WE")
        return self._weekend_at(scan.ref, scan.direction(*m.span()))

    @staticmethod
    def _count(word: str) -> int | None:
        w = word.lower()
        return int(w) if w.isdigit() else NUMBER_WORDS.get(w)

    def _ago(self, scan: _Scan, m: re.Match[str]) -> _Hit | None:
        unit = m["unit"].lower().rstrip("s")
        direction = m["dir"].lower()
        backward = direction in ("ago", "earlier", "before")
        if m["vague"]:
            if direction == "ago":
                return _Hit("ref", value="PAST_REF")
            if direction in ("from now", "hence"):
                return _Hit("ref", value="FUTURE_REF")
            return None
        n = self._count(m["n"])
        if n is None or n > 3000:
            return None
        n = -n if backward else n
        # "a year earlier" counts from the date told just before; "profit rose in the third
        # quarter from a year ago" compares quarters
        anchor = scan.current_quarter() if unit == "year" else None
        if anchor is None and direction in ("earlier", "before", "later"):
            anchor = scan.last_period(within=1)
        if anchor is not None:
            p = anchor.shifted(n, unit)
            return _Hit("date", p, anaphoric=True) if p else None
        if scan.ref is None:
            return _Hit("unresolved", value="XXXX")
        try:
            if unit == "day":
                d = scan.ref + timedelta(days=n)
            elif unit == "week":
                d = scan.ref + timedelta(weeks=n)
            else:
                d = add_months(scan.ref, n * {"month": 1, "year": 12, "decade": 120}[unit])
        except (OverflowError, ValueError):
            return None
        return _Hit("date", period_of("year" if unit == "decade" else _UNIT_GRAIN[unit], d))

    @staticmethod
    def _year_ago(scan: _Scan, m: re.Match[str]) -> _Hit | None:
        anchor = scan.current_quarter()
        if anchor is None and scan.ref is not None:
            anchor = period_of("year", scan.ref)
        if anchor is None:
            return _Hit("unresolved", value="XXXX")
        p = anchor.shifted(-1, "year")
        return _Hit("date", p, anaphoric=True) if p else None

    # -- quarters, halves, seasons -------------------------------------------------------------
    @staticmethod
    def _rel_year(scan: _Scan, rel: str | None, *years: str | None) -> int | None:
        for y in years:
            if y:
                return int(y)
        if scan.ref is None:
            return None
        return scan.ref.year + {"last": -1, "next": 1}.get((rel or "").lower(), 0)

    def _quarter(self, scan: _Scan, m: re.Match[str]) -> _Hit | None:
        q = ORDINALS[m["q"].lower()]
        year = self._rel_year(scan, m["rel"], m["y"], m["y0"], m["y1"])
        if year is not None and m["ago"]:
            year -= 1
        if year is None:
            return _Hit("unresolved", value=f"XXXX-Q{q}")
        return _Hit("date", period_of("quarter", date(year, 3 * q - 2, 1)), relative=not (m["y"] or m["y0"] or m["y1"]))

    @staticmethod
    def _this_quarter(scan: _Scan, m: re.Match[str]) -> _Hit | None:
        rel = (m["rel"] or "").lower()
        told = scan.last_period(("quarter",))
        if m["bare"] and told is None and not _MONEY.search(scan.text, max(0, m.start() - 150), m.end() + 150):
            return None  # "fighting in the quarter": a part of town, not of the year
        if scan.ref is None and told is None:
            return _Hit("unresolved", value="XXXX-QX")
        if scan.ref is not None:
            current = period_of("quarter", scan.ref)
            completed = period_of("quarter", current.first - timedelta(days=1))
            if told is not None and (scan.ref - told.last).days > 366:
                told = None  # a quarter told for comparison, not the one the text is about
        else:
            current = completed = told  # type: ignore[assignment]
        if rel in ("the current", "this"):
            p: Period | None = current
        elif rel == "next":
            p = period_of("quarter", current.last + timedelta(days=1))
        elif rel in ("the year-ago", "the year-earlier"):
            p = (told or completed).shifted(-1, "year")
            return _Hit("date", p, anaphoric=True) if p else None
        elif m["bare"]:
            p = told or completed
        else:
            p = completed
        return _Hit("date", p) if p else None

    def _half(self, scan: _Scan, m: re.Match[str]) -> _Hit | None:
        year = self._rel_year(scan, m["rel"], m["y"])
        h = 1 if m["h"].lower() == "first" else 2
        if year is None:
            return _Hit("unresolved", value=f"XXXX-H{h}")
        return _Hit("date", period_of("half", date(year, 1 if h == 1 else 7, 1)), relative=not m["y"])

    def _season(self, scan: _Scan, m: re.Match[str]) -> _Hit | None:
        code = SEASON_CODES[m["s"].lower()]
        rel = (m["rel"] or "").lower()
        if m["y"]:
            return _Hit("date", season(int(m["y"]), code), relative=False)
        if rel in ("", "early", "late"):
            return None  # "fall" the verb, "spring" the water: too ambiguous without a year or "last"
        return self._season_rel(scan, code, rel)

    @staticmethod
    def _season_rel(scan: _Scan, code: str, rel: str) -> _Hit | None:
        ref = scan.ref
        if ref is None:
            return _Hit("unresolved", value=f"XXXX-{code}")
        off = _REL_OFFSET.get(rel, 0)
        this = season(ref.year - 1 if code == "WI" and ref.month <= 2 else ref.year, code)
        if off < 0:
            p = this if this.last < ref else season(this.first.year - 1, code)
        elif off > 0:
            p = this if this.first > ref else season(this.first.year + 1, code)
        else:
            p = this
        return _Hit("date", p)

    # -- decades, centuries, years, references -------------------------------------------------
    @staticmethod
    def _decade(scan: _Scan, m: re.Match[str]) -> _Hit | None:
        if m["dec"]:
            year = int(m["dec"])
        else:
            ref_year = scan.ref.year if scan.ref else 2000
            year = ref_year // 100 * 100 + int(m["short"])
            if year > ref_year:
                year -= 100
        return _Hit("date", period_of("decade", date(year, 1, 1)), relative=not m["dec"])

    @staticmethod
    def _century(scan: _Scan, m: re.Match[str]) -> _Hit | None:
        n = int(m["n"])
        if not 1 <= n <= 21:
            return None
        return _Hit("date", period_of("century", date(max(1, (n - 1) * 100), 1, 1)), relative=False)

    def _year(self, scan: _Scan, m: re.Match[str]) -> _Hit | None:
        if not m["pre"]:
            before = scan.text[max(0, m.start() - 30):m.start()]
            label = self.tense.entity_label(scan.doc, m.start("y"), m.end("y"))
            if label in ("CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORDINAL"):
                return None
            if self.tense.counts_things(scan.doc, m.start("y"), m.end("y")):
                return None
            if label != "DATE" and not _YEAR_GATE.search(before):
                return None
        return _Hit("date", period_of("year", date(int(m["y"]), 1, 1)), relative=False)

    @staticmethod
    def _year_range(scan: _Scan, m: re.Match[str]) -> _Hit | None:
        y1, y2 = int(m["y1"]), int(m["y2"])
        if len(m["y2"]) == 2:  # 1991-95
            y2 = y1 // 100 * 100 + y2
        if not y1 < y2 <= y1 + 100:
            return None
        return _Hit("date", period_of("year", date(y1, 1, 1)), last=date(y2, 12, 31), relative=False)

    @staticmethod
    def _ref(scan: _Scan, m: re.Match[str]) -> _Hit | None:
        w = re.sub(r"\s+", " ", m["w"].lower())
        if w in ("the past", "the future") and _NUM_OR_VAGUE_AFTER.match(scan.text, m.end()):
            return None
        return _Hit("ref", value=REFS[w])
