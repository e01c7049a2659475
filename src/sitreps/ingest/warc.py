"""WARC and WARC.gz archives (warcio): each HTML ``response`` record becomes an article.

Common Crawl's CC-NEWS files are the reference input. A record with a wrong Content-Length is
one failure (warcio finds the next record and reading goes on); a truncated or unreadable
archive is one failure naming the offset, and the records before it are kept.
"""

from __future__ import annotations

import contextlib
import io
import zlib
from dataclasses import dataclass
from typing import Any, BinaryIO, Iterator

from ..errors import SourceError


@dataclass
class WarcPage:
    url: str
    date: str | None
    content: bytes
    content_type: str
    offset: int


def is_warc(path: str) -> bool:
    return path.endswith((".warc", ".warc.gz", ".arc.gz"))


def read_warc(stream: BinaryIO, name: str) -> Iterator[WarcPage | SourceError]:
    """Yield the HTML responses of an archive. A record whose Content-Length is wrong yields a
    :class:`SourceError` and reading goes on where warcio finds the next record; an archive that
    cannot be read further (truncated, not a WARC) yields one and ends."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    iterator = ArchiveIterator(stream, check_digests=False)
    records = iter(iterator)
    offset = 0
    reported = False  # one failure for a run of bad bytes, not one per line warcio skips
    try:
        while True:
            errors = iterator.err_count
            with contextlib.redirect_stderr(io.StringIO()) as said:  # warcio writes its warnings to stderr
                record = next(records, None)
                page = _page(record, iterator, name) if record is not None else None
                if page is not None:
                    offset = page.offset
            if iterator.err_count > errors and not reported:
                reported = True
                yield SourceError(f"{name}: a WARC record near offset {offset} has a wrong Content-Length "
                                  f"({' '.join(said.getvalue().split())[:200]}); its content may be cut. The other records were read.", "S611")
            if record is None:
                return
            if page is not None:
                reported = False
                yield page
    except (ArchiveLoadFailed, ValueError, EOFError, OSError, zlib.error) as exc:
        yield SourceError(f"{name}: cannot read the WARC record after offset {offset} ({type(exc).__name__}: {' '.join(str(exc).split())[:200]}). "
                          "The archive is damaged or truncated; the records before it were read.", "S611")


def _page(record: Any, iterator: Any, name: str) -> WarcPage | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    content_type = record.http_headers.get_header("Content-Type") or ""
    if record.http_headers.get_statuscode() != "200" or "html" not in content_type.lower():
        return None
    content = record.content_stream().read()
    offset = iterator.get_record_offset()  # known only once the record has been read
    url = record.rec_headers.get_header("WARC-Target-URI") or f"{name}@{offset}"
    date = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
    return WarcPage(url=url, date=date, content=content, content_type=content_type, offset=offset)
