"""RSS and Atom feeds (feedparser): one item per entry, the entry's page fetched for its text."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from ..errors import SourceError

_FEED_HEAD = ("<rss", "<feed", "<rdf:rdf")


def looks_like_feed(text: str) -> bool:
    head = text.lstrip()[:2000].lower()
    if head.startswith("<?xml"):
        head = head.split("?>", 1)[-1].lstrip()
        while head.startswith("<!--") or head.startswith("<?"):
            head = head.split(">", 1)[-1].lstrip()
    return head.startswith(_FEED_HEAD)


@dataclass
class Entry:
    link: str
    title: str | None
    published: str | None
    summary: str | None


def parse_feed(data: bytes | str, name: str) -> list[Entry]:
    """The entries of a feed; a :class:`SourceError` when it is not a feed (not XML, no entries)."""
    import feedparser

    parsed = feedparser.parse(data)
    if parsed.bozo and not any(entry.get("link") for entry in parsed.entries):
        reason = getattr(parsed, "bozo_exception", None)
        raise SourceError(f"{name} is not a readable RSS/Atom feed ({reason}). Check that the URL or file is the feed itself.", "S610")
    if not parsed.entries and not parsed.get("version"):
        raise SourceError(f"{name} is not an RSS/Atom feed (no channel and no entries).", "S610")
    out = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        when: Any = entry.get("published_parsed") or entry.get("updated_parsed")
        published = time.strftime("%Y-%m-%d", when) if when else None
        out.append(Entry(link=link, title=entry.get("title"), published=published, summary=entry.get("summary")))
    return out
