"""Find the time expressions of a parsed document and anchor them on a reference date.

:class:`TimeFinder` is the pure part of the ``times`` stage: ``finder(doc, reference)`` returns
:class:`TimeExpression` objects (text, offsets, sentence, the period they denote and its ISO-TimeML
value) for one spaCy ``Doc`` and a reference date (the publication date, or None). It needs no
events, so the evaluation uses it directly. Patterns are compiled once, in ``__init__``; a call
scans the text with them and looks at the parse only around the matches (for tense and for the
part of speech of ambiguous words like ``May``).
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Callable

from ...parse import sents_of
from ...text.sentences import sentence_at
from .expressions import Hit, Scan, TimeExpression
from .handlers import Handlers
from .patterns import compile_patterns, keyword_patterns
from .tense import Tense

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["TimeFinder", "TimeExpression"]

WINDOW = 60  # characters either side of a keyword that the patterns look at


class TimeFinder(Handlers):
    """``TimeFinder()(doc, reference)`` -> the document's time expressions, in text order."""

    def __init__(self) -> None:
        self.patterns = compile_patterns()
        self.keywords = keyword_patterns()
        self.words = re.compile(r"[A-Za-z]+|\d+")
        self.tense = Tense()
        self.handlers: dict[str, Callable[[Scan, re.Match[str]], Hit | None]] = {
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
            sent_starts = [s.start_char for s in sents_of(doc)]
        scan = Scan(doc, text, reference, self.tense)
        out: list[TimeExpression] = []
        for s, e, _, name, m in taken:
            scan.sent = sentence_at(sent_starts, s)
            try:
                hit = self.handlers[name](scan, m)
            except (OverflowError, ValueError):  # a reference date at the edge of the calendar
                hit = Hit("unresolved", value="XXXX")
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
                reported=period is not None and period.grain == "day" and self.tense.reports(doc, token),
            )
            out.append(expr)
            scan.previous.append(expr)
        return out

