"""What ``sitreps ingest`` reads: paths, directories, URLs, feeds and archives, turned into items
(``{id, text, published, title, url, source, input}``) or :class:`Unreadable` notes.

Nothing here stops at a bad input: a file, a line, a feed entry or an archive record that cannot
be read becomes an :class:`Unreadable` (stored as a failure) and reading goes on with the next.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from ..errors import InputError, SitrepsError
from ..record import text_id
from .html import from_html, looks_like_html
from .rss import looks_like_feed, parse_feed
from .read import item_from_line, line_id
from .text import decode, with_aliases
from .url import Page, decode_body, fetch, is_url
from .warc import is_warc, read_warc

#: File endings a directory walk picks up (anything else in the folder is left alone).
SUFFIXES = (".txt", ".text", ".html", ".htm", ".jsonl", ".ndjson", ".xml", ".rss", ".atom", ".warc", ".warc.gz", ".arc.gz")


@dataclass
class Unreadable:
    """An input, or one document of it, that could not be read."""

    input: str
    document_id: str | None
    code: str
    message: str
    stage: str = "read"

    @classmethod
    def of(cls, source: str, exc: SitrepsError, document_id: str | None = None) -> "Unreadable":
        return cls(source, document_id, exc.code, str(exc))


Fetcher = Callable[[str], Page]


def normalise(item: dict[str, Any], source: str) -> dict[str, Any]:
    """Fill ``id`` (given, else the text's hash) and ``published`` from their aliases; keep the input."""
    out = with_aliases({k: v for k, v in item.items() if v is not None})
    if out.get("published") is not None and not isinstance(out["published"], str):
        out["published"] = str(out["published"])
    out["id"] = str(out.get("id") or text_id(out.get("text") or ""))
    out["input"] = source
    return out


def walk(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not any(p.startswith(".") for p in path.relative_to(folder).parts) and path.name.lower().endswith(SUFFIXES):
            yield path


def read_sources(inputs: Iterable[str], allow_private: bool = False, fetcher: Fetcher | None = None) -> Iterator[dict[str, Any] | Unreadable]:
    """Every item of every input, in order; directories are walked recursively."""
    get: Fetcher = fetcher or (lambda url: fetch(url, allow_private=allow_private))
    for source in inputs:
        try:
            if is_url(source):
                yield from _from_url(source, get)
            elif Path(source).is_dir():
                for path in walk(Path(source)):
                    yield from _from_file(str(path), get)
            elif not Path(source).exists():
                raise InputError(f"{source} does not exist. Give files, folders or http(s) URLs.", "S107")
            else:
                yield from _from_file(source, get)
        except SitrepsError as exc:
            yield Unreadable.of(source, exc)
        except OSError as exc:
            yield Unreadable(source, None, "S612", f"[S612] cannot read {source}: {exc.strerror or exc}. Check the path and its permissions.")


def _from_url(url: str, get: Fetcher) -> Iterator[dict[str, Any] | Unreadable]:
    page = get(url)
    text = decode_body(page)
    if "rss" in page.content_type or "atom" in page.content_type or looks_like_feed(text):
        yield from _from_feed(page.content, url, get)
    else:
        yield normalise({**from_html(text, url), "url": page.url}, url)


def _from_feed(data: bytes | str, name: str, get: Fetcher) -> Iterator[dict[str, Any] | Unreadable]:
    for entry in parse_feed(data, name):
        try:
            page = get(entry.link)
            item = from_html(decode_body(page), entry.link)
        except SitrepsError as exc:
            yield Unreadable.of(entry.link, exc)
            continue
        item["url"] = page.url
        item.setdefault("title", entry.title)
        if entry.published:
            item.setdefault("published", entry.published)
        yield normalise(item, entry.link)


def _from_file(path: str, get: Fetcher) -> Iterator[dict[str, Any] | Unreadable]:
    if is_warc(path):
        yield from _from_warc(path)
        return
    lower = path.lower()
    if lower.endswith((".jsonl", ".ndjson")):
        yield from _from_jsonl(path)
        return
    text = decode(Path(path).read_bytes(), path)
    if lower.endswith((".xml", ".rss", ".atom")) or looks_like_feed(text):
        yield from _from_feed(text, path, get)
    elif text.lstrip().startswith("{") and _json_object(text.lstrip().split("\n", 1)[0]) is not None:
        yield from _from_jsonl(path)
    elif lower.endswith((".html", ".htm")) or looks_like_html(text):
        yield normalise(from_html(text, path), path)
    else:
        yield normalise({"text": text}, path)


def _json_object(line: str) -> dict | None:
    try:
        value = json.loads(line)
    except json.JSONDecodeError:
        return None
    return value if isinstance(value, dict) else None


def _from_jsonl(path: str) -> Iterator[dict[str, Any] | Unreadable]:
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as handle:  # type: ignore[operator]
        for lineno, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                line = decode(raw, where)
            except SitrepsError as exc:
                yield Unreadable.of(where, exc)
                continue
            try:
                yield normalise(item_from_line(line, where), path)
            except SitrepsError as exc:
                yield Unreadable.of(where, exc, line_id(line))


def _from_warc(path: str) -> Iterator[dict[str, Any] | Unreadable]:
    with open(path, "rb") as handle:
        for page in read_warc(handle, path):
            if isinstance(page, SitrepsError):
                yield Unreadable.of(path, page)
                continue
            try:
                item = from_html(decode_body(Page(page.url, page.content, page.content_type)), page.url)
            except SitrepsError as exc:
                yield Unreadable.of(f"{path}@{page.offset}", exc, document_id=None)
                continue
            item["url"] = page.url
            if page.date:
                item.setdefault("published", page.date)
            yield normalise(item, path)
