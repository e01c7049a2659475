"""Reading batch input: the documents of one partition, located by file, line or byte offset.

Three kinds of input file: JSON Lines (one ``{text, id, published, title, url}`` object a line),
WARC/WARC.gz archives (each HTML ``response`` record is an article, as in Common Crawl's CC-NEWS)
and single text or HTML files. Every document is yielded as an item dict with ``input`` (where it
was read: ``file:LINE``, ``file@OFFSET`` or ``file``); an input that cannot be read yields an item
with ``error`` (a :class:`~sitreps.errors.SitrepsError`) instead, which becomes a failure row.

:func:`iter_warc` is the one place that parses WARC records here; it keeps the shape of the ingest
WARC reader (HTML 200 responses, a damaged record ends the file with one error) so that it can be
swapped for it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, BinaryIO, Iterator

from ..errors import InputError, SitrepsError

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc.gz")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
FILE_SUFFIXES = (".txt", ".text", ".html", ".htm", ".md")


def kind_of(path: str) -> str:
    """``warc``, ``jsonl`` or ``file`` (text or HTML, told apart when it is read)."""
    if path.endswith(WARC_SUFFIXES):
        return "warc"
    if path.endswith(JSONL_SUFFIXES):
        return "jsonl"
    return "file"


# -- WARC ------------------------------------------------------------------------------------------
@dataclass
class WarcPage:
    url: str
    date: str | None
    content: bytes | None
    content_type: str
    offset: int


def iter_warc(stream: BinaryIO, name: str, content: bool = True) -> Iterator[WarcPage | SitrepsError]:
    """The HTML 200 responses of an archive read from the stream's position, with their offsets
    in the file; a damaged record yields an :class:`InputError` and ends the archive."""
    from warcio.archiveiterator import ArchiveIterator

    offset = end = stream.tell()
    try:
        iterator = ArchiveIterator(stream, check_digests=False)
        expected = "arc" if name.endswith(".arc.gz") else "warc"
        for record in iterator:
            if record.format != expected:  # warcio reads any text as a headerless ARC record
                raise ValueError(f"no {expected.upper()} record header")
            page = record.rec_type == "response" and record.http_headers is not None
            content_type = record.http_headers.get_header("Content-Type") or "" if page else ""
            page = page and record.http_headers.get_statuscode() == "200" and "html" in content_type.lower()
            body = record.content_stream().read() if page and content else None
            # both read the record to its end (so after the body); offsets count from the file's start
            offset = iterator.get_record_offset()
            end = offset + iterator.get_record_length()
            if page:
                url = record.rec_headers.get_header("WARC-Target-URI") or f"{name}@{offset}"
                date = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
                yield WarcPage(url=url, date=date, content=body, content_type=content_type, offset=offset)
        stream.seek(0, 2)
        if stream.tell() > end:  # a truncated gzip member or record ends the iteration without a word
            raise EOFError(f"{stream.tell() - end} bytes after the last complete record")
    except Exception as exc:  # warcio raises many kinds on damaged input; each becomes this one coded error
        yield InputError(f"{name}: cannot read the WARC record after offset {offset} ({type(exc).__name__}: {exc}). "
                         "The archive is damaged or truncated; the records before it were read.", "S181")


def _page_item(page: WarcPage, name: str) -> dict[str, Any]:
    from ..ingest.html import from_html

    charset = "utf-8"
    for part in page.content_type.split(";"):
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            charset = value.strip("\"' ")
    try:
        html = (page.content or b"").decode(charset, errors="replace")
    except LookupError:  # an unknown charset name
        html = (page.content or b"").decode("utf-8", errors="replace")
    item = from_html(html, f"{name}@{page.offset}")
    item["url"] = item.get("url") or page.url
    if not item.get("published") and page.date:
        item["published"] = page.date  # the crawl date: news is crawled within days of publication
    return item


def read_warc(path: str, offset: int) -> Iterator[dict[str, Any]]:
    with open(path, "rb") as stream:
        stream.seek(offset)
        for page in iter_warc(stream, path):
            where = f"{path}@{getattr(page, 'offset', offset)}"
            if isinstance(page, SitrepsError):
                yield {"input": path, "error": page}
                return
            try:
                yield {**_page_item(page, path), "input": where}
            except SitrepsError as exc:
                yield {"input": where, "error": exc}


# -- JSON Lines ------------------------------------------------------------------------------------
def jsonl_item(raw: bytes, name: str, lineno: int) -> dict[str, Any]:
    """One JSON Lines line as an item; a line that is not a ``{"text": ...}`` object is an error item."""
    where = f"{name}:{lineno}"
    try:
        item = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        return {"input": where, "error": InputError(f"{where} is not a valid JSON object ({type(exc).__name__}). Each line must be one JSON object.", "S109")}
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        return {"input": where, "error": InputError(f"{where} has no \"text\" string. Each line needs at least {{\"text\": \"...\"}}.", "S110")}
    out = {k: v for k, v in item.items() if v is not None}
    if "id" in out and not isinstance(out["id"], str):
        out["id"] = json.dumps(out["id"], ensure_ascii=False)
    if "published" in out and not isinstance(out["published"], str):
        out.pop("published")
    out["input"] = where
    return out


def jsonl_lines(stream: BinaryIO, first_line: int) -> Iterator[tuple[int, int, bytes]]:
    """``(line number, byte offset, line)`` of every non-blank line from the stream's position
    (lines split on ``\\n`` only: other line separators are valid inside JSON strings)."""
    pos = stream.tell()
    lineno = first_line
    for raw in stream:
        if raw.strip():
            yield lineno, pos, raw
        pos += len(raw)
        lineno += 1


def read_jsonl(path: str, offset: int, line: int) -> Iterator[dict[str, Any]]:
    with open(path, "rb") as stream:
        stream.seek(offset)
        for lineno, _, raw in jsonl_lines(stream, line):
            yield jsonl_item(raw, path, lineno)


# -- single files ----------------------------------------------------------------------------------
def read_file(path: str) -> Iterator[dict[str, Any]]:
    from ..ingest import read_input

    try:
        for item in read_input(path, "auto"):
            yield {**item, "input": path}
    except SitrepsError as exc:
        yield {"input": path, "error": exc}
    except OSError as exc:
        yield {"input": path, "error": InputError(f"{path} cannot be read ({exc.strerror}). Check its permissions.", "S182")}
