"""Outlet names after a page title: "Man charged in Canal Street shooting - KQRT News 9
Lake Harwick, Ohio News Weather & Sports". The tail names where the station is and
carries its channel number; neither is the story's. Places (:mod:`sitreps.geo.recognise`) and
casualty figures (:mod:`sitreps.stages.numbers`) skip it. Page furniture, like the boilerplate the
HTML reader drops, so it lives with the readers; it works on the plain text and needs no parse."""

from __future__ import annotations

import re
from bisect import bisect_right

from ..lang import load

_WORDS = load("en").words_of("places").outlet_words  # lang/en/words.toml [places] outlet_words
#: a line's tail after a title separator (" - ", " | ", " – ", " — ", " • ") to the line's end: after
#: its last bar or long dash, after its first short dash whose tail is at most 120 characters
_TITLE_TAIL = re.compile(r"[ \t][-|–—•][ \t]+([^\n|–—•]{2,120}?)[ \t.]*$", re.M)
_OUTLET_MARK = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, _WORDS))) + r")\b"
                          r"|\b[KW][A-Z]{2,3}(?:-(?:TV|FM|AM|DT))?\b|\b[\w-]+\.(?:com|net|org)\b")


#: small words an outlet's name may hold in lower case ("Continuous News and StormTracker Weather")
_NAME_GLUE = frozenset({"and", "of", "the", "&", "at", "in", "on"})


def _name_like(segment: str) -> bool:
    """Is ``segment`` written like a name: every word capitalised, a number, a web address or a
    small joining word? A sentence ("police told ABC News that two were killed") is not."""
    for word in segment.split():
        w = word.strip(",.;:()'\"")
        if w and w[0].islower() and w not in _NAME_GLUE and not re.search(r"\.(?:com|net|org)\b", w):
            return False
    return True


def outlet_tails(text: str) -> list[tuple[int, int]]:
    """Character spans, in text order, of page-title tails that name the outlet: the segment of a
    line after " - " or " | ", written like a name (:func:`_name_like`), holding a capitalised
    outlet word (``[places] outlet_words``), a broadcaster's call letters or a web address. A
    dateline lead ("WASHINGTON - Two people were killed …, police told ABC News.") is no tail."""
    return [(m.start(1), m.end(1)) for m in _TITLE_TAIL.finditer(text)
            if _OUTLET_MARK.search(m.group(1)) and _name_like(m.group(1))]


def inside(spans: list[tuple[int, int]], offset: int) -> bool:
    """Is the character ``offset`` inside one of ``spans`` (in text order, not overlapping)?"""
    k = bisect_right(spans, (offset, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= offset < spans[k][1]
