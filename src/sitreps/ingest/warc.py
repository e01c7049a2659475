"""WARC and WARC.gz archives (warcio): each HTML ``response`` record becomes an article.

Common Crawl's CC-NEWS files are the reference input. A record that cannot be read (a wrong
Content-Length, a truncated gzip member) ends the file with one failure naming the offset;
the records before it are kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO, Iterator

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
    """Yield the HTML responses of an archive; a broken record yields a :class:`SourceError` and ends it."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    iterator = ArchiveIterator(stream, check_digests=False)
    offset = 0
    try:
        for record in iterator:
            offset = iterator.get_record_offset()
            if record.rec_type != "response" or record.http_headers is None:
                continue
            status = record.http_headers.get_statuscode()
            content_type = record.http_headers.get_header("Content-Type") or ""
            if status != "200" or "html" not in content_type.lower():
                continue
            content = record.content_stream().read()
            url = record.rec_headers.get_header("WARC-Target-URI") or f"{name}@{offset}"
            date = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
            yield WarcPage(url=url, date=date, content=content, content_type=content_type, offset=offset)
    except (ArchiveLoadFailed, ValueError, EOFError, OSError) as exc:
        yield SourceError(f"{name}: cannot read the WARC record after offset {offset} ({type(exc).__name__}: {exc}). "
                          "The archive is damaged or truncated; the records before it were read.", "S611")
