"""How each pattern's match becomes a period: one method per pattern of :mod:`.patterns`.

:class:`Handlers` is mixed into :class:`~.finder.TimeFinder`; a handler gets the :class:`Scan`
(document, reference date, the expressions read so far) and the regex match, and returns a
:class:`Hit` or None when the match is not a time expression after all ("Theresa May").
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ...lang import load
from .expressions import Hit, Scan
from .patterns import MONTHS, NUMBER_WORDS, ORDINALS, REFS, WEEKDAYS
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

_NUM_OR_VAGUE_AFTER = re.compile(r"\s+(?:\d|few|several|many|couple|one|two|three|four|five|six|seven|eight|nine|ten|week|month|year|day|decade)", re.I)
_MONEY = re.compile(r"\b(?:profit|earnings|revenue|sales|net|loss|income|results|dividend|growth|GDP|output|"
                    r"economy|shares?|cents|quarterly|fiscal)\b|[$£€]|\bper ?cent\b|%", re.I)
_YEAR_GATE = re.compile(
    r"(?:\b(?:in|since|until|till|by|before|after|during|of|from|through|to|between|and|around|for|early|late|mid|"
    r"spring|summer|autumn|fall|winter|year|at|circa|c\.|throughout|as of|fiscal)|[-–(])\s*,?\s*$",
    re.I,
)
_T = load("en").document("times")  # lang/en/times.toml
_REL_OFFSET = dict(_T["relative_offsets"])
_DAY_OFFSET = dict(_T["day_offsets"])
_DAY_WORD_PART = dict(_T["day_word_parts"])
_UNIT_GRAIN = {"day": "day", "week": "week", "month": "month", "year": "year", "decade": "decade"}


class Handlers:
    """The pattern handlers (``_<pattern name>``); ``tense`` is set by the finder."""

    tense: Tense

    # -- absolute dates ------------------------------------------------------------------------
    @staticmethod
    def _iso(scan: Scan, m: re.Match[str]) -> Hit | None:
        p = day_period(int(m["y"]), int(m["m"]), int(m["d"]))
        return Hit("date", p, relative=False) if p else Hit("invalid", value=m.group(0), relative=False)

    @staticmethod
    def _month_day(scan: Scan, m: re.Match[str]) -> Hit | None:
        month = MONTHS[m["mon"].rstrip(".").lower()]
        d1 = int(re.sub(r"\D", "", m["d1"]))
        d2 = int(re.sub(r"\D", "", m["d2"])) if m["d2"] else None
        if m["y"]:
            year: int | None = int(m["y"])
        elif scan.ref is not None:
            wd = WEEKDAYS[m["wd"].lower()] if m["wd"] else None
            year = nearest_year(scan.ref, month, d1, scan.direction(*m.span()), wd)
        else:
            return Hit("unresolved", value=f"XXXX-{month:02d}-{d1:02d}") if d1 <= 31 else None
        if year is None:  # 31 February: no such day in any year, no date invented
            return Hit("invalid", value=f"XXXX-{month:02d}-{d1:02d}", relative=False)
        p = day_period(year, month, d1)
        if p is None:
            return Hit("invalid", value=f"{year:04d}-{month:02d}-{d1:02d}", relative=False)
        hit = Hit("date", p, relative=not m["y"])
        if d2 and d2 > d1:
            end = day_period(year, month, d2)
            if end is not None:
                hit.last = end.first
        return hit

    def _month(self, scan: Scan, m: re.Match[str]) -> Hit | None:
        name = m["mon"].rstrip(".")
        month = MONTHS[name.lower()]
        alone = not (m["y"] or m["rel"] or m["mod"])
        if alone and name in ("May", "March") and not self.tense.is_proper_noun(scan.doc, m.start("mon"), m.end("mon")):
            return None
        if alone and self.tense.is_name(scan.doc, m.start("mon"), m.end("mon")):
            return None  # Theresa May, June Carter
        if m["y"]:
            return Hit("date", month_period(int(m["y"]), month), relative=False)
        ref = scan.ref
        if ref is None:
            return Hit("unresolved", value=f"XXXX-{month:02d}")
        if m["yrel"]:  # June last year
            return Hit("date", month_period(ref.year + {"last": -1, "next": 1}.get(m["yrel"].lower(), 0), month))
        rel = (m["rel"] or "").lower()
        if rel in ("last", "this past", "past"):
            year = ref.year if month < ref.month else ref.year - 1
        elif rel in ("next", "this coming"):
            year = ref.year if month > ref.month else ref.year + 1
        elif rel == "this":
            year = ref.year
        else:
            year = nearest_year(ref, month, None, scan.direction(*m.span())) or ref.year
        return Hit("date", month_period(year, month))

    # -- days relative to the reference --------------------------------------------------------
    @staticmethod
    def _part(word: str | None) -> str | None:
        return PART_CODES.get(word.lower()) if word else None

    def _weekday(self, scan: Scan, m: re.Match[str]) -> Hit | None:
        wd = WEEKDAYS[m["wd"].lower()]
        part = self._part(m["part"])
        if scan.ref is None:
            return Hit("unresolved", value=f"XXXX-WXX-{wd + 1}")
        rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
        if rel in ("the previous", "the following", "the next", "that"):
            # counted from the day told before: "the previous Friday", "the following Monday"
            anchor = scan.last_period(("day",), within=3)
            if anchor is None:
                return None if rel == "that" else Hit("unresolved", value=f"XXXX-WXX-{wd + 1}")
            if rel == "that":
                d = weekday_date(anchor.first, wd, "past")
                if (anchor.first - d).days > 3:
                    d = weekday_date(anchor.first, wd, "future")
            else:
                d = weekday_date(anchor.first, wd, "past" if rel == "the previous" else "future", strict=True)
            return Hit("date", Period("day", d, d, part), anaphoric=True)
        if rel == "last" or rel == "this past":
            d = weekday_date(scan.ref, wd, "past", strict=True)
        elif rel == "next":
            d = weekday_date(scan.ref, wd, "future", strict=True)
        elif rel == "this coming":
            d = weekday_date(scan.ref, wd, "future")
        else:
            d = weekday_date(scan.ref, wd, "future" if scan.direction(*m.span()) == "future" else "past")
        return _day(d, part)

    @staticmethod
    def _overnight(scan: Scan, m: re.Match[str]) -> Hit | None:
        if scan.ref is None:
            return Hit("unresolved", value="XXXX-XX-XXTNI")
        end = scan.ref
        if m["wd"]:
            end = weekday_date(scan.ref, WEEKDAYS[m["wd"].lower()], scan.direction(*m.span()))
        start = end - timedelta(days=1)
        return Hit("date", Period("day", start, start, "NI"), first=start, last=end)

    def _dayword(self, scan: Scan, m: re.Match[str]) -> Hit | None:
        w = m["w"].lower()
        if scan.ref is None:
            return Hit("unresolved", value="XXXX-XX-XX")
        ref = scan.ref
        offset = _DAY_OFFSET.get(w, 0)
        d = ref + timedelta(days=offset)
        part = self._part(m["part"]) or _DAY_WORD_PART.get(w)
        if w == "last night":
            d = ref - timedelta(days=1)
            return Hit("date", Period("day", d, d, "NI"), first=d, last=ref)
        if "past" in w or "last" in w:  # the past 24 hours: the day before publication and the day itself
            d = ref - timedelta(days=1)
            return Hit("date", Period("day", d, d), first=d, last=ref)
        return _day(d, part)

    @staticmethod
    def _anaphor(scan: Scan, m: re.Match[str]) -> Hit | None:
        w = m["w"].lower()
        # "the day before" counts from the last day told, even one that only dates a statement
        # ("on Saturday, the army said it struck … after an attack the day before")
        anchor = scan.last_period(("day",)) or scan.last_period(("day",), reported=True)
        if anchor is None:
            return Hit("unresolved", value="XXXX-XX-XX")
        if any(k in w for k in ("next", "following", "after")):
            offset = 1
        elif any(k in w for k in ("before", "previous")):
            offset = -1
        else:
            offset = 0
        d = anchor.first + timedelta(days=offset)
        part = "NI" if "night" in w else "MO" if "morning" in w else None
        return _day(d, part)

    # -- weeks, months, years relative to the reference ----------------------------------------
    def _relative(self, scan: Scan, m: re.Match[str]) -> Hit | None:
        unit = m["unit"].lower()
        rel = re.sub(r"\s+", " ", m["rel"].lower())
        mod = (m["mod"] or "").lower()
        if unit in SEASON_CODES:
            return self._season_rel(scan, SEASON_CODES[unit], rel)
        if scan.ref is None:
            return Hit("unresolved", value="XXXX")
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
        hit = Hit("date", p)
        if off == 0 and mod == "earlier":
            hit.last = ref
        elif off == 0 and mod == "later":
            hit.first, hit.future = ref, True
        return hit

    @staticmethod
    def _weekend_at(ref: date, direction: str | None, strict: bool = False) -> Hit:
        sat_this_week = ref - timedelta(days=ref.weekday()) + timedelta(days=5)
        if direction == "future":
            sat = sat_this_week if sat_this_week > ref or (not strict and ref.weekday() >= 5) else sat_this_week + timedelta(days=7)
            if not strict and ref.weekday() >= 5:
                sat = sat_this_week
        elif ref.weekday() >= 5 and not strict:
            sat = sat_this_week
        else:
            sat = sat_this_week - timedelta(days=7)
        return Hit("date", period_of("weekend", sat))

    def _weekend(self, scan: Scan, m: re.Match[str]) -> Hit | None:
        if scan.ref is None:
            return Hit("unresolved", value="XXXX-WXX-WE")
        return self._weekend_at(scan.ref, scan.direction(*m.span()))

    @staticmethod
    def _count(word: str) -> int | None:
        w = word.lower()
        return int(w) if w.isdigit() else NUMBER_WORDS.get(w)

    def _ago(self, scan: Scan, m: re.Match[str]) -> Hit | None:
        unit = m["unit"].lower().rstrip("s")
        direction = m["dir"].lower()
        backward = direction in ("ago", "earlier", "before")
        if m["vague"]:
            if direction == "ago":
                return Hit("ref", value="PAST_REF")
            if direction in ("from now", "hence"):
                return Hit("ref", value="FUTURE_REF")
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
            return Hit("date", p, anaphoric=True) if p else None
        if scan.ref is None:
            return Hit("unresolved", value="XXXX")
        try:
            if unit == "day":
                d = scan.ref + timedelta(days=n)
            elif unit == "week":
                d = scan.ref + timedelta(weeks=n)
            else:
                d = add_months(scan.ref, n * {"month": 1, "year": 12, "decade": 120}[unit])
        except (OverflowError, ValueError):
            return None
        return Hit("date", period_of("year" if unit == "decade" else _UNIT_GRAIN[unit], d))

    @staticmethod
    def _year_ago(scan: Scan, m: re.Match[str]) -> Hit | None:
        anchor = scan.current_quarter()
        if anchor is None and scan.ref is not None:
            anchor = period_of("year", scan.ref)
        if anchor is None:
            return Hit("unresolved", value="XXXX")
        p = anchor.shifted(-1, "year")
        return Hit("date", p, anaphoric=True) if p else None

    # -- quarters, halves, seasons -------------------------------------------------------------
    @staticmethod
    def _rel_year(scan: Scan, rel: str | None, *years: str | None) -> int | None:
        for y in years:
            if y:
                return int(y)
        if scan.ref is None:
            return None
        return scan.ref.year + {"last": -1, "next": 1}.get((rel or "").lower(), 0)

    def _quarter(self, scan: Scan, m: re.Match[str]) -> Hit | None:
        q = ORDINALS[m["q"].lower()]
        year = self._rel_year(scan, m["rel"], m["y"], m["y0"], m["y1"])
        if year is not None and m["ago"]:
            year -= 1
        if year is None:
            return Hit("unresolved", value=f"XXXX-Q{q}")
        return Hit("date", period_of("quarter", date(year, 3 * q - 2, 1)), relative=not (m["y"] or m["y0"] or m["y1"]))

    @staticmethod
    def _this_quarter(scan: Scan, m: re.Match[str]) -> Hit | None:
        rel = (m["rel"] or "").lower()
        told = scan.last_period(("quarter",))
        if m["bare"] and told is None and not _MONEY.search(scan.text, max(0, m.start() - 150), m.end() + 150):
            return None  # "fighting in the quarter": a part of town, not of the year
        if scan.ref is None and told is None:
            return Hit("unresolved", value="XXXX-QX")
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
            return Hit("date", p, anaphoric=True) if p else None
        elif m["bare"]:
            p = told or completed
        else:
            p = completed
        return Hit("date", p) if p else None

    def _half(self, scan: Scan, m: re.Match[str]) -> Hit | None:
        year = self._rel_year(scan, m["rel"], m["y"])
        h = 1 if m["h"].lower() == "first" else 2
        if year is None:
            return Hit("unresolved", value=f"XXXX-H{h}")
        return Hit("date", period_of("half", date(year, 1 if h == 1 else 7, 1)), relative=not m["y"])

    def _season(self, scan: Scan, m: re.Match[str]) -> Hit | None:
        code = SEASON_CODES[m["s"].lower()]
        rel = (m["rel"] or "").lower()
        if m["y"]:
            return Hit("date", season(int(m["y"]), code), relative=False)
        if rel in ("", "early", "late"):
            return None  # "fall" the verb, "spring" the water: too ambiguous without a year or "last"
        return self._season_rel(scan, code, rel)

    @staticmethod
    def _season_rel(scan: Scan, code: str, rel: str) -> Hit | None:
        ref = scan.ref
        if ref is None:
            return Hit("unresolved", value=f"XXXX-{code}")
        off = _REL_OFFSET.get(rel, 0)
        this = season(ref.year - 1 if code == "WI" and ref.month <= 2 else ref.year, code)
        if off < 0:
            p = this if this.last < ref else season(this.first.year - 1, code)
        elif off > 0:
            p = this if this.first > ref else season(this.first.year + 1, code)
        else:
            p = this
        return Hit("date", p)

    # -- decades, centuries, years, references -------------------------------------------------
    @staticmethod
    def _decade(scan: Scan, m: re.Match[str]) -> Hit | None:
        if m["dec"]:
            year = int(m["dec"])
        else:
            ref_year = scan.ref.year if scan.ref else 2000
            year = ref_year // 100 * 100 + int(m["short"])
            if year > ref_year:
                year -= 100
        return Hit("date", period_of("decade", date(year, 1, 1)), relative=not m["dec"])

    @staticmethod
    def _century(scan: Scan, m: re.Match[str]) -> Hit | None:
        n = int(m["n"])
        if not 1 <= n <= 21:
            return None
        return Hit("date", period_of("century", date(max(1, (n - 1) * 100), 1, 1)), relative=False)

    def _year(self, scan: Scan, m: re.Match[str]) -> Hit | None:
        if not m["pre"]:
            before = scan.text[max(0, m.start() - 30):m.start()]
            label = self.tense.entity_label(scan.doc, m.start("y"), m.end("y"))
            if label in ("CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORDINAL"):
                return None
            if self.tense.counts_things(scan.doc, m.start("y"), m.end("y")):
                return None
            if label != "DATE" and not _YEAR_GATE.search(before):
                return None
        return Hit("date", period_of("year", date(int(m["y"]), 1, 1)), relative=False)

    @staticmethod
    def _year_range(scan: Scan, m: re.Match[str]) -> Hit | None:
        y1, y2 = int(m["y1"]), int(m["y2"])
        if len(m["y2"]) == 2:  # 1991-95
            y2 = y1 // 100 * 100 + y2
        if not y1 < y2 <= y1 + 100:
            return None
        return Hit("date", period_of("year", date(y1, 1, 1)), last=date(y2, 12, 31), relative=False)

    @staticmethod
    def _ref(scan: Scan, m: re.Match[str]) -> Hit | None:
        w = re.sub(r"\s+", " ", m["w"].lower())
        if w in ("the past", "the future") and _NUM_OR_VAGUE_AFTER.match(scan.text, m.end()):
            return None
        return Hit("ref", value=REFS[w])


def _day(d: date, part: str | None) -> Hit:
    """A day, with its part of day; a night runs on into the next day."""
    return Hit("date", Period("day", d, d, part), last=d + timedelta(days=1) if part == "NI" else None)
