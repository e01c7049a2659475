"""The dateline: where a wire story was filed ("KYIV, Ukraine —", "MOSCOW, Jan 5 (Reuters) -",
"Springfield, Mo. (AP) —"), and a month beside its day ("Nov 3"), which is a date and no place.

The place recogniser reads the dateline's city and region; the attribution finder leaves the
dateline out of reported content.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..lang import load

if TYPE_CHECKING:
    from spacy.tokens import Doc

_TIMES = load("en").document("times")  # lang/en/times.toml: the month names and their abbreviations
#: "Nov" of "KYIV, Nov 3 (Reuters)", "March" of "on March 28": a month next to its day is a date,
#: not the town GeoNames lists under that name (Nov, Tajikistan; March, England)
MONTH_WORDS = frozenset(_TIMES["months"]) | frozenset(_TIMES["month_abbreviations"])
#: a month and its day in a dateline: each month's first three letters or an abbreviation, capitalised, then any letters
_MONTH = (r"(?:" + "|".join(sorted({m[:3].title() for m in _TIMES["months"]} | {a.title() for a in _TIMES["month_abbreviations"]}))
          + r")[a-z]*\.?\s+\d{1,2}")
_REGION = r"(?!" + _MONTH + r")([A-Z][A-Za-z'’.\- ]{1,40}?)"
#: "KHARKIV, Ukraine —", "LEXINGTON, Ky. (AP) —", "MOSCOW, Jan 5 (Reuters) -", "BEIRUT: ...": the
#: city in capitals, then an optional state, province or country, date and agency
_DATELINE = re.compile(r"\A\s*(?:[^\n]{0,200}\n+)?\s*([A-Z][A-Z'’.\- ]{2,40}?)(?:,\s*" + _REGION + r")?(?:,\s*" + _MONTH + r")?"
                       r"\s*(?:\([^)\n]{1,40}\)\s*)?([—–-]{1,2}|:)\s")
#: the same with the city in title case ("Springfield, Mo. (AP) —", "Maputo — ..."): an agency in
#: brackets or a long dash is then required, a colon or hyphen after an ordinary word is no dateline
_DATELINE_TITLE = re.compile(r"\A\s*(?:[^\n]{0,200}\n+)?\s*([A-Z][a-z'’\-]+(?: [A-Z][a-z'’\-]+){0,2})(?:,\s*" + _REGION + r")?"
                             r"(?:,\s*" + _MONTH + r")?\s*(?:(\([A-Z][A-Za-z. ]{1,30}\))\s*[—–-]{1,2}|[—–]{1,2})\s")


def dateline_match(text: str) -> "re.Match[str] | None":
    """The text's dateline, after any headline line above it (:data:`_DATELINE`, else
    :data:`_DATELINE_TITLE`): group 1 the city, group 2 a state, province or country."""
    head = text[:300]
    return _DATELINE.match(head) or _DATELINE_TITLE.match(head)


def dateline_end(text: str) -> int | None:
    """Where the text's dateline ends ("KYIV, Ukraine — ", "MOSCOW, Jan 5 (Reuters) - ",
    "Springfield, Mo. (AP) — "); None without one. The dateline says where the story was filed:
    no part of what anyone said."""
    m = dateline_match(text)
    return m.end() if m else None


def dated_month(doc: "Doc", i: int) -> bool:
    """Whether token ``i`` is a capitalised month name or abbreviation next to a day of the month
    ("Nov 3", "3 Nov", "March 28"): a date, whatever the gazetteer lists under that name."""
    tok = doc[i]
    if not tok.text[:1].isupper() or tok.text.rstrip(".").lower() not in MONTH_WORDS:
        return False
    return any(0 <= j < len(doc) and doc[j].is_digit and len(doc[j]) <= 2 and 1 <= int(doc[j].text) <= 31 for j in (i - 1, i + 1))
