"""The regular expressions that find time expressions in news text.

Month and weekday names are matched case-sensitively (``May`` the month, not ``may`` the verb);
the words around them (``last``, ``early``, ``this``) in any case. Each pattern has named groups
that :mod:`.finder` reads. :func:`compile_patterns` builds them once per finder; nothing here is
compiled at import time.
"""

from __future__ import annotations

import re
from types import MappingProxyType

from ...lang import load

_T = load("en").document("times")  # lang/en/times.toml: every word with the value it stands for
MONTHS = MappingProxyType({**_T["months"], **_T["month_abbreviations"]})
WEEKDAYS = MappingProxyType(dict(_T["weekdays"]))
NUMBER_WORDS = MappingProxyType(dict(_T["number_words"]))
VAGUE_NUMBERS = tuple(_T["lists"]["vague_numbers"])
ORDINALS = MappingProxyType(dict(_T["ordinals"]))
#: words of a reference (TimeML PRESENT_REF / PAST_REF / FUTURE_REF); they date nothing.
REFS = MappingProxyType(dict(_T["refs"]))

_M_FULL = "|".join(m.capitalize() for m in _T["months"])
_M_ABBR = r"(?:" + "|".join(m.capitalize() for m in _T["month_abbreviations"]) + r")\.?"
MONTH = rf"(?:{_M_FULL}|{_M_ABBR})"
#: weekday names in any case (lower-cased wires exist; no weekday name is another common word)
WEEKDAY = "(?i:" + "|".join(d.capitalize() for d in WEEKDAYS) + ")"
#: with a day number a month name is unambiguous in any case ("march 3"); alone it must be capitalised
MONTH_ANY_CASE = rf"(?i:{_M_FULL}|{_M_ABBR})"
YEAR = r"(?:1[6-9]\d\d|20\d\d)(?![\d%])(?!,\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:.]\d)(?!\d)"
_WD_PREFIX = rf"(?:(?P<wd>{WEEKDAY}),?\s+(?:the\s+)?)?"
_NUM = "|".join(sorted((re.escape(k) for k in NUMBER_WORDS), key=len, reverse=True))
_VAGUE = "|".join(re.escape(k) for k in VAGUE_NUMBERS)
_REFS = "|".join(sorted((re.escape(k) for k in REFS), key=len, reverse=True))


def compile_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """``(name, regex)`` pairs, in the order that breaks ties between equally long matches."""
    sources = [
        # 2024-06-05
        ("iso", rf"(?<![\d-])(?P<y>{YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)(?![\d-])"),
        # (Friday,) March 3(-5)(, 2024)
        ("month_day", rf"{_WD_PREFIX}(?:(?P<mod>(?i:early|late))\s+)?(?P<mon>{MONTH_ANY_CASE})\s+(?P<d1>{_DAY})"
                      rf"(?:\s*(?:-|–|to|and|through|until)\s*(?P<d2>{_DAY}))?(?:,?\s+(?P<y>{YEAR}))?"),
        # (Friday,) 3(-5) March(, 2024) / the 3rd of March
        ("day_month", rf"{_WD_PREFIX}(?<![\d.,])(?P<d1>{_DAY})(?:\s*(?:-|–|to|and)\s*(?P<d2>{_DAY}))?"
                      rf"\s+(?:of\s+)?(?P<mon>{MONTH_ANY_CASE})(?![a-z])(?:,?\s+(?P<y>{YEAR}))?"),
        # (early) (last) March (2022)
        ("month", rf"(?:(?P<mod>(?i:early|mid|late|the end of|the beginning of|the start of|the middle of))[-\s]+)?"
                  rf"(?:(?P<rel>(?i:last|this|next|this past|this coming|past))\s+)?"
                  rf"(?P<mon>{_M_FULL}|{_M_ABBR}(?=\s+(?:of\s+)?{YEAR}))(?![a-z])"
                  rf"(?:,?\s+(?:of\s+)?(?P<y>{YEAR})|\s+(?P<yrel>(?i:last|this|next))\s+(?i:year)\b)?"),
        # (early on) (last) Friday (night)
        ("weekday", rf"(?:(?P<mod>(?i:early|late))\s+(?:(?i:on)\s+)?)?(?:(?P<rel>(?i:last|this|next|this past|this coming|the previous|the following|the next|that))\s+)?"
                    rf"(?P<wd>{WEEKDAY})(?:\s+(?P<part>(?i:morning|afternoon|evening|night|overnight)))?"),
        ("overnight", rf"\b(?i:overnight|during the night|in the night|through the night)(?:\s+(?i:into|on|to)\s+(?P<wd>{WEEKDAY}))?\b(?!\s+of\b)"),
        ("dayword", r"(?:(?P<mod>(?i:early|late))\s+)?\b(?P<w>(?i:the day before yesterday|the day after tomorrow|yesterday|today|tonight|tomorrow"
                    r"|last night|this morning|this afternoon|this evening|(?:the|in the|over the) (?:past|last) (?:24 hours|day)))\b(?:\s+(?P<part>(?i:morning|afternoon|evening|night)))?"),
        # the next day, that night: relative to the date told just before
        ("anaphor", r"\b(?P<w>(?i:the same day|that same day|that day|the next day|the following day|the day before|the previous day"
                    r"|the day after|the next morning|the following morning|the previous night|the night before|that night"
                    r"|later that day|earlier that day|earlier in the day|the same night))\b"),
        # (earlier) this week, last month, the past year, next spring
        ("relative", r"(?:(?P<mod>(?i:early|late|earlier|later|mid|the end of|the beginning of|the start of|the middle of))[-\s]+)?"
                     r"\b(?P<rel>(?i:last|this|next|the past|the last|the previous|previous|the coming|this past|this coming|the current|current))"
                     r"\s+(?P<unit>(?i:week|weekend|month|year|decade|century|spring|summer|fall|autumn|winter))\b(?!-\w)"),
        ("weekend", r"\b(?P<rel>(?i:the|over the))\s+(?i:weekend)\b"),
        # three days ago, a year earlier, two weeks from now
        ("ago", rf"\b(?P<n>\d+|(?i:{_NUM})|(?P<vague>(?i:{_VAGUE})))\s+(?P<unit>(?i:days?|weeks?|months?|years?|decades?))"
                r"\s+(?P<dir>(?i:ago|earlier|before|later|from now|hence))\b"),
        ("year_ago", r"\b(?P<w>(?i:year-ago|year-earlier))\b"),
        # the third quarter (of 2024), 2024's first quarter, third-quarter
        ("quarter", rf"(?:(?i:the)\s+)?(?:(?:(?P<rel>(?i:this|last|next))\s+year'?s|(?P<y0>{YEAR})(?:'s)?|(?i:fiscal)\s+(?P<y1>{YEAR})"
                    r"|(?P<ago>(?i:year-ago|year-earlier|year-before|prior-year)))\s+)?"
                    r"(?:(?i:fiscal)\s+)?(?P<q>(?i:first|second|third|fourth|1st|2nd|3rd|4th))[-\s](?:(?i:fiscal)[-\s])?(?i:quarter)s?\b"
                    rf"(?:\s+(?:of\s+)?(?:(?i:fiscal)\s+)?(?P<y>{YEAR}))?"),
        ("this_quarter", r"\b(?P<rel>(?i:the latest|the last|last|the current|this|next|the most recent|the recent|the just-ended|the year-ago|the year-earlier))"
                         r"\s+(?i:quarter)\b|\b(?P<bare>(?i:the quarter))\b"),
        ("half", rf"\b(?i:the)\s+(?P<h>(?i:first|second|last|latter))\s+half\s+of\s+(?:(?P<rel>(?i:this|last|next))\s+year|(?P<y>{YEAR}))"),
        ("season", rf"\b(?:(?P<rel>(?i:last|this|next|early|late|this past|this coming))\s+)?(?P<s>(?i:spring|summer|fall|autumn|winter))"
                   rf"(?:\s+(?:of\s+)?(?P<y>{YEAR}))?\b"),
        # the 1990s, the late 1970s, the '90s
        ("decade", r"(?:(?i:the)\s+)?(?:(?P<mod>(?i:early|mid|late))[-\s]+)?(?:(?P<dec>(?:1[6-9]|20)\d0)|['’](?P<short>\d0))['’]?s\b"),
        ("century", r"(?:(?i:the)\s+)?(?P<n>1?\d|2[01])(?:st|nd|rd|th)[-\s](?i:century)\b"),
        # 2022, fiscal 1989, mid-2023
        ("year", rf"(?:(?P<pre>(?i:fiscal|calendar|mid|early|late|post|pre|the end of|the beginning of|the start of))[-\s]+|(?<![\d$£€.,/-]))\b(?P<y>{YEAR})\b(?!['’]?s\b|-\d|/\d|\s+(?i:block|blk|hours)\b)"),
        # the 1991-1995 war, 2014-16
        ("year_range", rf"(?<![\d$£€.,/-])\b(?P<y1>{YEAR})\s*[-–]\s*(?P<y2>{YEAR}|\d\d)\b(?![-/]\d)"),
        ("ref", rf"\b(?P<w>(?i:{_REFS}))\b"),
    ]
    return tuple((name, re.compile(src)) for name, src in sources)


_MONTH_PATTERNS = ("month_day", "day_month", "month")
_UNIT_PATTERNS = ("relative", "ago", "weekend", "season", "half", "year_ago", "anaphor")


def keyword_patterns() -> MappingProxyType:
    """Which patterns a word can start: the scan runs a pattern only around its own words.

    Keys are lowercased words (letters only) and ``"#"`` for a year (1600-2099); other numbers
    start nothing ("3 March", "20th", "'90s", "3 days ago" are found from their words).
    """
    table: dict[str, set[str]] = {}

    def add(words, *names: str) -> None:
        for w in words:
            table.setdefault(w, set()).update(names)

    add(MONTHS, *_MONTH_PATTERNS)
    add(WEEKDAYS, "weekday", "overnight", *_MONTH_PATTERNS)
    add(["#"], "iso", "year", "year_range", "decade", "quarter", "half")
    add(["overnight", "night"], "overnight", "weekday")
    add(["today", "tonight", "tomorrow", "yesterday"], "dayword", "anaphor")
    add(["night", "morning", "afternoon", "evening"], "dayword", "anaphor", "weekday")
    add(["day", "days", "hours"], "anaphor", "ago", "dayword")
    add(["week", "weeks", "weekend", "month", "months", "year", "years", "decade", "decades", "century",
         "spring", "summer", "fall", "autumn", "winter"], *_UNIT_PATTERNS)
    add(["ago", "earlier", "later", "before", "hence"], "ago", "relative", "anaphor")
    add(["quarter", "quarters"], "quarter", "this_quarter")
    add(["half"], "half")
    add(["th", "st", "nd", "rd"], "century")
    add(["s"], "decade")
    ref_words = {w for phrase in REFS for w in phrase.split() if w not in ("the", "at", "in")}
    add(ref_words, "ref")
    add(["now"], "ago")
    return MappingProxyType({k: frozenset(v) for k, v in table.items()})
