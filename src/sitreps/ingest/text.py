"""Checks on raw text and metadata before anything is parsed."""

from __future__ import annotations

import re
from datetime import date, datetime

from ..errors import InputError

# The most frequent English function words: a document with almost none of them is not English.
_ENGLISH = frozenset(
    "the of and to in a is that for on was with as by at from it his be were are has have said "
    "an its their which this had not but after been who they he she or will more two one".split()
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def decode(data: bytes, name: str = "input") -> str:
    """Bytes to text; refuse binary data and invalid UTF-8 with a clear message."""
    if b"\x00" in data[:8192]:
        raise InputError(f"{name} looks like binary data (it contains NUL bytes). Give sitreps a text, HTML or JSON Lines file.", "S101")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name} is not valid UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r}). "
            "Convert it first, e.g. `iconv -f latin1 -t utf-8`.",
            "S102",
        ) from exc
    return text


def check_text(text: str, max_chars: int) -> None:
    if not isinstance(text, str):
        raise InputError(f"expected text (str), got {type(text).__name__}.", "S103")
    if not text.strip():
        raise InputError("the input text is empty: there is nothing to extract.", "S104")
    if len(text) > max_chars:
        raise InputError(
            f"the input has {len(text):,} characters, more than max_chars={max_chars:,}. "
            "Split it into articles, or raise SITREPS_MAX_CHARS if it really is one article.",
            "S105",
        )


def parse_published(value: str | None) -> date | None:
    """An ISO date or datetime (``2024-06-01``, ``2024-06-01T08:30:00Z``); anything else is an error."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    s = str(value).strip()
    try:
        return date.fromisoformat(s[:10]) if len(s) >= 10 and s[4] == "-" else date.fromisoformat(s)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00")).date()
    except ValueError as exc:
        raise InputError(f"cannot read the publication date {s!r}. Give it as an ISO date, e.g. --published 2024-06-01.", "S106") from exc


def language_warning(text: str) -> str | None:
    """A warning when the text does not look like English (sitreps extracts English only)."""
    words = _WORD.findall(text[:20000])
    if len(words) < 8:
        return None
    latin = sum(1 for w in words if w.isascii())
    common = sum(1 for w in words if w.lower() in _ENGLISH)
    if latin / len(words) < 0.5 or common / len(words) < 0.06:
        return (
            f"the text does not look like English ({common} of {len(words)} words are common English words); "
            "sitreps extracts English only, so no events were extracted"
        )
    return None
