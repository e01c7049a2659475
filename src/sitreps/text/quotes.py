"""Quotation marks: the quoted passages of a text and fast "is this offset inside a quote" look-ups.

:func:`scan_quotes` finds the quoted passages of a text (curly and straight marks, quotes that
run on across paragraphs, single quotes nested inside double ones) and refuses to invent a
quote from an unbalanced mark. Works on the plain text; nothing here needs a parse.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

#: Longest quoted passage accepted, in characters; a longer one is treated as an unbalanced mark.
MAX_QUOTE_CHARS = 4000

OPENERS = "“„«"
CLOSERS = "”»"
STRAIGHT = '"'


@dataclass(frozen=True)
class QuoteSpan:
    """A quoted passage: ``start``/``end`` include the marks, ``inner_*`` exclude them."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    paragraphs: int = 1


def _is_opening_straight(text: str, i: int, width: int = 1) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + width] if i + width < len(text) else " "
    if nxt.isspace():
        return False
    return prev.isspace() or prev in "([{—–-/:;" or i == 0


_MARKS = re.compile("[\n\"“”„«»]|''|``")


def _mark_at(text: str, i: int) -> tuple[str | None, int]:
    """What quotation mark starts at ``i``: ("open" | "close" | "straight", width) or (None, 0).
    Two apostrophes ('') and two backquotes (``) are the double quotes of older wire and archive text."""
    ch = text[i]
    if ch in OPENERS:
        return "open", 1
    if ch in CLOSERS:
        return "close", 1
    if ch == STRAIGHT:
        return "straight", 1
    if ch == "'" and text.startswith("''", i):
        return "straight", 2
    if ch == "`" and text.startswith("``", i):
        return "open", 2
    return None, 0


def scan_quotes(text: str, max_chars: int = MAX_QUOTE_CHARS) -> list[QuoteSpan]:
    """Every balanced double-quoted passage of ``text``, in order.

    A quote that reaches the end of its paragraph without a closing mark continues only when the
    next paragraph opens with a quotation mark (the news convention for long quotes); otherwise it
    is dropped. Passages longer than ``max_chars`` are dropped. Single quotes are not scanned: they
    are apostrophes as often as quotation marks, and nested ones stay inside their double quote.
    """
    out: list[QuoteSpan] = []
    n = len(text)
    open_at: int | None = None
    open_width = 1
    paragraphs = 1
    i = 0

    def close(at: int, width: int) -> None:
        if open_at is not None and at - open_at <= max_chars:
            out.append(QuoteSpan(open_at, at + width, open_at + open_width, at, paragraphs))

    while True:
        found = _MARKS.search(text, i)
        if found is None:
            break
        i = found.start()
        ch = text[i]
        if open_at is not None and i - open_at > max_chars:
            open_at = None
        if ch == "\n":
            if open_at is not None:
                j = i
                while j < n and text[j].isspace():
                    j += 1
                kind, width = _mark_at(text, j) if j < n else (None, 0)
                if kind in ("open", "straight") and j + width < n and not text[j + width].isspace():
                    paragraphs += 1  # the quote runs on into the next paragraph
                    i = j + width
                    continue
                open_at = None  # unbalanced: never closed in its paragraph
            i += 1
            continue
        kind, width = _mark_at(text, i)
        if kind == "open":
            open_at, open_width, paragraphs = i, width, 1
        elif kind == "close":
            close(i, width)
            open_at = None
        elif kind == "straight":
            if open_at is None:
                if _is_opening_straight(text, i, width):
                    open_at, open_width, paragraphs = i, width, 1
            elif i > 0 and not text[i - 1].isspace():
                close(i, width)
                open_at = None
            elif _is_opening_straight(text, i, width):
                open_at, open_width, paragraphs = i, width, 1  # the earlier mark was stray
        i += max(width, 1)
    out = [q for q in out if q.inner_end > q.inner_start and text[q.inner_start:q.inner_end].strip()]
    if "‘" in text:
        out = sorted(out + _single_quotes(text, out), key=lambda q: q.start)
    return out


_SINGLE = re.compile(r"(?:(?<=^)|(?<=[\s(\[:—–-]))‘([^‘’\n]{3,300}?[^\s‘])’(?![\w])", re.MULTILINE)


def _single_quotes(text: str, doubles: list[QuoteSpan]) -> list[QuoteSpan]:
    """Curly single quotes outside double ones, as British outlets and headlines quote
    ("Zelensky: ‘We will not give up the east’"). Straight ' is never a quotation mark here:
    it is an apostrophe far more often."""
    found = []
    for m in _SINGLE.finditer(text):
        inner = m.group(1)
        if len(inner.split()) < 2 or any(q.start <= m.start() < q.end for q in doubles):
            continue
        found.append(QuoteSpan(m.start(), m.end(), m.start(1), m.end(1), 1))
    return found


class QuoteIndex:
    """Fast "is this offset inside a quote" look-ups over :func:`scan_quotes` output."""

    def __init__(self, quotes: list[QuoteSpan]):
        self.quotes = quotes
        self._starts = [q.start for q in quotes]

    def containing(self, offset: int) -> QuoteSpan | None:
        k = bisect_right(self._starts, offset) - 1
        if k >= 0 and self.quotes[k].start <= offset < self.quotes[k].end:
            return self.quotes[k]
        return None

    def inside(self, start: int, end: int) -> bool:
        q = self.containing(start)
        return q is not None and end <= q.end
