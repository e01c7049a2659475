"""Reading batch input: the documents of one partition, located by file, line or byte offset.

Three kinds of input file: JSON Lines (one ``{text, id, published, title, url}`` object a line),
WARC/WARC.gz archives (each HTML ``response`` record is an article, as in Common Crawl's CC-NEWS)
and single text or HTML files. Every document is yielded as an item dict with ``input`` (where it
was read: ``file:LINE``, ``file@OFFSET`` or ``file``); an input that cannot be read yields an item
with ``error`` (a :class:`~sitreps.errors.SitrepsError`) instead, which becomes a failure row.

Archives are read with the ingest WARC reader (``sitreps.ingest.warc``), started at a record's
byte offset, and pages become items the way ``sitreps ingest`` makes them.
"""

from __future__ import annotations

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
def warc_offsets(path: str) -> Iterator[int | SitrepsError]:
    """The byte offset of every page of an archive, then the error that ends a damaged one."""
    from ..ingest.warc import read_warc

    with open(path, "rb") as stream:
        for page in read_warc(stream, path):
            yield page if isinstance(page, SitrepsError) else page.offset


def take_pages(items: Iterator[dict[str, Any]], skip: int, count: int, to_end: bool) -> Iterator[dict[str, Any]]:
    """Pages ``skip`` to ``skip + count`` of an archive's items. The reader reports a bad record
    before the page it concerns, so errors go with the page that follows them (and those after
    the last page with the last partition): every error row belongs to exactly one partition."""
    seen = 0
    held: list[dict[str, Any]] = []
    for item in items:
        if "error" in item:
            held.append(item)
            continue
        if seen >= skip + count and not to_end:
            return
        seen += 1
        if seen > skip:
            yield from held
            yield item
        held = []
    if to_end:
        yield from held


def read_warc(path: str, offset: int) -> Iterator[dict[str, Any]]:
    """Pages from ``offset`` on (the ingest WARC reader, started at a record's offset)."""
    from ..ingest.html import from_html
    from ..ingest.sources import normalise
    from ..ingest.url import Page, decode_body
    from ..ingest.warc import read_warc as pages

    with open(path, "rb") as stream:
        stream.seek(offset)
        for page in pages(stream, path):
            if isinstance(page, SitrepsError):
                yield {"input": path, "error": page}
                continue
            where = f"{path}@{page.offset}"
            try:
                item = from_html(decode_body(Page(page.url, page.content, page.content_type)), where)
            except SitrepsError as exc:
                yield {"input": where, "error": exc}
                continue
            item["url"] = page.url
            if page.date:  # the crawl date, when the page gives none: news is crawled within days
                item.setdefault("published", page.date)
            yield normalise(item, where)


# -- JSON Lines ------------------------------------------------------------------------------------
def jsonl_item(raw: bytes, name: str, lineno: int) -> dict[str, Any]:
    """One JSON Lines line as an item, read as ``sitreps extract`` and ``sitreps ingest`` read it
    (:func:`~sitreps.ingest.read.item_from_line`); a line that is not a document is an error item."""
    from ..ingest.read import item_from_line
    from ..ingest.sources import normalise

    where = f"{name}:{lineno}"
    try:
        return normalise(item_from_line(raw.decode("utf-8"), where), where)
    except UnicodeDecodeError as exc:
        error = InputError(f"{where} is not valid UTF-8 (byte {exc.start}). Convert the file first, e.g. `iconv -f latin1 -t utf-8`.", "S102")
    except InputError as exc:
        error = exc
    return {"input": where, "error": error}


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
