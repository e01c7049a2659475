"""Blocking: the keys under which events are compared, so that candidate pairs are never all pairs.

Time is cut into buckets of ``window_days + 1`` days. An event gets a key for every bucket that
its days, stretched by the window, touch (one or two for a dated event) and, within each:

- its place: ``family|CC/admin1|bucket`` (or ``family|CC|bucket`` when only the country is known);
- each of its most telling proper names (a victim, a street, a town the geocoder missed):
  ``family|~name|bucket``, so that reports whose places were resolved differently, or not at
  all, still meet when they name the same people and streets.

So two events of one family whose day ranges lie at most ``window_days`` apart and that share a
place or a name share a key, and events more than ``2 * window_days + 1`` days apart never do.
An event with no date has no keys (it stays an incident of its own). A vague date range is cut
to its first ``max_span_days`` days (31 by default: a month whole, so that an event dated "in
December" meets one dated the 23rd, which the match score joins; a year is cut rather than
filling a year of blocks).
"""

from __future__ import annotations

from .config import MergeSettings
from .fingerprint import Fingerprint

_DEFAULT = MergeSettings()
NAME_KEYS = 10  # proper names per event used as keys: the longest (the most specific) first


def place_key(fp: Fingerprint) -> str | None:
    """The level of the place hierarchy an event is blocked at: ``CC/admin1`` or ``CC``."""
    if fp.admin1:
        return f"{fp.country or ''}/{fp.admin1.casefold()}"
    return fp.country or None


def block_keys(fp: Fingerprint, settings: MergeSettings = _DEFAULT) -> list[str]:
    """Keys ``family|place|bucket`` and ``family|~name|bucket``; candidates share at least one."""
    if fp.day_start is None:
        return []
    size = settings.window_days + 1
    end = fp.day_end if fp.day_end is not None and fp.day_end >= fp.day_start else fp.day_start
    last = fp.day_start.toordinal() + min((end - fp.day_start).days, settings.max_span_days) + settings.window_days
    buckets = range(fp.day_start.toordinal() // size, last // size + 1)
    places = [p for p in [place_key(fp)] if p]
    names = sorted(fp.names, key=lambda n: (-len(n), n))[:NAME_KEYS]
    places += [f"~{n}" for n in names]  # no country: a report whose place went unresolved has none
    return [f"{fp.family}|{p}|{b}" for p in places for b in buckets]


def day_gap(a: Fingerprint, b: Fingerprint) -> int | None:
    """Days between two events' day ranges (0 when they overlap); None when one has no date."""
    if a.day_start is None or b.day_start is None:
        return None
    a_end, b_end = a.day_end or a.day_start, b.day_end or b.day_start
    return max((b.day_start - a_end).days, (a.day_start - b_end).days, 0)
