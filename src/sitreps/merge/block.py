"""Blocking: the keys under which events are compared, so that candidate pairs are never all pairs.

A key is ``family | place | day``. The place is the event's admin1 within its country when it is
known, else its country; an event with neither has no place worth merging on and gets no keys
(it stays an incident of its own). The days run from the event's first day to its last day plus
the window, so two events of one family and place whose day ranges lie at most ``window_days``
apart share a key, and events further apart never do. A vague date range ("last month") is
cut to its first ``max_span_days`` days rather than filling a month of blocks.
"""

from __future__ import annotations

from datetime import timedelta

from .config import MergeSettings
from .fingerprint import Fingerprint

_DEFAULT = MergeSettings()


def place_key(fp: Fingerprint) -> str | None:
    """The level of the place hierarchy an event is blocked at: ``CC/admin1`` or ``CC``."""
    if fp.admin1:
        return f"{fp.country or ''}/{fp.admin1.casefold()}"
    return fp.country or None


def block_keys(fp: Fingerprint, settings: MergeSettings = _DEFAULT) -> list[str]:
    """Keys ``family|place|YYYY-MM-DD``; candidates for a match share at least one."""
    place = place_key(fp)
    if fp.day_start is None or place is None:
        return []
    end = fp.day_end if fp.day_end is not None and fp.day_end >= fp.day_start else fp.day_start
    span = min((end - fp.day_start).days, settings.max_span_days)
    return [f"{fp.family}|{place}|{(fp.day_start + timedelta(days=i)).isoformat()}" for i in range(span + settings.window_days + 1)]


def day_gap(a: Fingerprint, b: Fingerprint) -> int | None:
    """Days between two events' day ranges (0 when they overlap); None when one has no date."""
    if a.day_start is None or b.day_start is None:
        return None
    a_end, b_end = a.day_end or a.day_start, b.day_end or b.day_start
    return max((b.day_start - a_end).days, (a.day_start - b_end).days, 0)
