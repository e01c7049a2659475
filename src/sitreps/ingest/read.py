"""Turn a path (or ``-`` for standard input) into extraction items, lazily.

Nothing is read whole: a text or HTML document is read up to the byte cap (``max_chars`` at most
4 bytes each, the longest a character is in UTF-8) and refused beyond it; JSON Lines are read one
line at a time, each line bounded by the same cap. A line that cannot be a document becomes a
:class:`Rejected` (its line number and coded error) and the lines after it are still read, so
every input line gives exactly one item or one rejection, in order.
"""

from __future__ import annotations

import codecs
import errno
import json
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, BinaryIO, Iterator

from ..errors import InputError
from .html import from_html, looks_like_html
from .text import check_item, decode, id_string, with_aliases

#: bytes read at a time when skipping the rest of an over-long line
_CHUNK = 1 << 16
#: the ``max_chars`` setting's default, for callers that pass none
DEFAULT_MAX_CHARS = 2_000_000


@dataclass
class Rejected:
    """An input line that is not a document: kept as a failure row, never dropped."""

    line: int
    error: InputError
    id: str | None = None


def byte_cap(max_chars: int) -> int:
    """The most bytes a document of ``max_chars`` characters can take (4 per character in UTF-8)."""
    return 4 * max_chars + 4


@contextmanager
def _open(path: str, stdin: BinaryIO | None) -> Iterator[tuple[BinaryIO, str]]:
    if path == "-":
        yield (stdin or sys.stdin.buffer), "standard input"
        return
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below
    except FileNotFoundError as exc:
        raise InputError(f"{path} does not exist. Give a text, HTML or JSON Lines file, or - for standard input.", "S107") from exc
    except IsADirectoryError as exc:
        raise InputError(f"{path} is a directory. Give one file, or use `cat {path}/*.jsonl | sitreps extract -`.", "S108") from exc
    except PermissionError as exc:
        raise InputError(f"{path} cannot be read: permission denied. Check its permissions (chmod +r) or run as a user who may read it.", "S114") from exc
    except OSError as exc:
        reason = "a symbolic link loop" if exc.errno == errno.ELOOP else (exc.strerror or str(exc))
        raise InputError(f"{path} cannot be opened ({reason}). Give a regular file, or - for standard input.", "S114") from exc
    try:
        yield fh, path
    finally:
        fh.close()


def read_input(path: str, fmt: str = "auto", stdin: BinaryIO | None = None, max_chars: int = DEFAULT_MAX_CHARS, **meta: Any) -> Iterator[dict[str, Any] | Rejected]:
    """Yield ``{id, text, published, title, url}`` items (or :class:`Rejected` lines) from a file.

    ``fmt`` is ``auto`` (by extension and content), ``text``, ``html`` or ``jsonl``. ``meta``
    (title, url, published) fills fields the input itself does not give.
    """
    if fmt not in ("auto", "text", "html", "jsonl"):
        raise InputError(f"unknown input format {fmt!r}: use auto, text, html or jsonl.", "S111")
    cap = byte_cap(max_chars)
    defaults = {k: v for k, v in meta.items() if v is not None}
    with _open(path, stdin) as (fh, name):
        try:
            first = fh.readline(cap + 1)
        except OSError as exc:
            raise InputError(f"{name} cannot be read ({exc.strerror or exc}).", "S114") from exc
        utf16 = first.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        if b"\x00" in first and not utf16:
            raise InputError(f"{name} looks like binary data (it contains NUL bytes). Give sitreps a text, HTML or JSON Lines file.", "S101")
        if fmt == "auto":
            fmt = _sniff(path, first, utf16)
        if fmt != "jsonl" or utf16:
            data = first + fh.read(cap + 1 - len(first))
            if len(data) > cap:
                raise InputError(
                    f"{name} is larger than {cap:,} bytes, so it holds more than max_chars={max_chars:,} characters. "
                    "Split it into articles, or raise SITREPS_MAX_CHARS if it really is one article.",
                    "S105",
                )
            text = decode(data, name)
            if fmt == "jsonl":  # UTF-16 JSON Lines: small enough to be read whole (see the cap above)
                yield from _items(enumerate(_split(text), 1), name, defaults, max_chars)
            elif fmt == "html" or (fmt == "auto" and looks_like_html(text)):
                yield {**from_html(text, name), **defaults}
            else:
                yield {**defaults, "text": text}
            return
        yield from _items(_decoded_lines(first, fh, cap, name), name, defaults, max_chars)


def _sniff(path: str, first: bytes, utf16: bool) -> str:
    if path.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if path.endswith((".html", ".htm")):
        return "html"
    if utf16:
        return "auto"  # decided on the decoded text
    line = first.removeprefix(codecs.BOM_UTF8).strip()
    if line.startswith(b"{") and line.endswith(b"}"):
        return "jsonl"
    return "auto"


def _split(text: str) -> Iterator[str]:
    """Lines split on "\\n" only: U+2028, U+2029 and U+0085 are valid inside JSON strings."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    yield from lines


def _decoded_lines(first: bytes, fh: BinaryIO, cap: int, name: str) -> Iterator[tuple[int, str | InputError]]:
    """(line number, text or the reason it cannot be read) for each "\\n"-terminated line."""
    raw = first
    lineno = 0
    while raw:
        lineno += 1
        if len(raw) > cap and not raw.endswith(b"\n"):
            yield lineno, InputError(f"{name} line {lineno} is longer than {cap:,} bytes (max_chars). Split the article or raise SITREPS_MAX_CHARS.", "S105")
            while raw and not raw.endswith(b"\n"):  # skip the rest of the line without keeping it
                raw = fh.readline(_CHUNK)
        elif b"\x00" in raw:
            yield lineno, InputError(f"{name} line {lineno} contains NUL bytes: it is binary data, not JSON.", "S101")
        else:
            try:
                yield lineno, raw.decode("utf-8-sig" if lineno == 1 else "utf-8").rstrip("\r\n")
            except UnicodeDecodeError as exc:
                yield lineno, InputError(f"{name} line {lineno} is not valid UTF-8 (byte {exc.start}). Convert the file first, e.g. `iconv -f latin1 -t utf-8`.", "S102")
        raw = fh.readline(cap + 1)


def item_from_line(line: str, where: str, max_chars: int = DEFAULT_MAX_CHARS, defaults: dict[str, Any] | None = None) -> dict[str, Any]:
    """One JSON Lines line as a checked item: the one reading of a line that ``sitreps extract``,
    ``sitreps ingest`` and ``sitreps batch`` share. Field aliases other corpora use (``doc_id``,
    ``dct``, :data:`~sitreps.ingest.text.ALIASES`) are understood, ``defaults`` fill what the line
    leaves out, and :func:`~sitreps.ingest.text.check_item` checks the rest. Raises
    :class:`InputError` naming ``where`` (``file line N``): blank (S104), not JSON (S109), not an
    object or no text (S110), a wrong field (S106, S115, S116) or too long."""
    if not line.strip():
        raise InputError(f"{where} is blank: there is nothing to extract. Remove blank lines to silence this row.", "S104")
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where} is not valid JSON ({exc.msg}, column {exc.colno}). Each line must be one JSON object.", "S109") from None
    except (RecursionError, ValueError) as exc:  # nested 100,000 deep; a 5,000-digit number
        why = "it is nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise InputError(f"{where} cannot be read as JSON ({why}). Each line must be one flat JSON object.", "S109") from None
    try:
        if isinstance(obj, dict):
            obj = {**(defaults or {}), **with_aliases({k: v for k, v in obj.items() if v is not None})}
        return check_item(obj, max_chars)
    except InputError as exc:
        raise InputError(f"{where}: {exc.args[0]}", exc.code) from None
    except RecursionError:  # a deeply nested id or field
        raise InputError(f"{where} is nested too deeply to be read. Each line must be one flat JSON object.", "S109") from None


def line_id(line: str) -> str | None:
    """The id a rejected line gives, when it can be read at all (so its failure row names it)."""
    try:
        obj = json.loads(line)
        return id_string(with_aliases(obj).get("id")) if isinstance(obj, dict) else None
    except (ValueError, RecursionError, InputError):
        return None


def _items(lines: Iterator[tuple[int, str | InputError]], name: str, defaults: dict[str, Any], max_chars: int) -> Iterator[dict[str, Any] | Rejected]:
    for lineno, line in lines:
        if isinstance(line, InputError):
            yield Rejected(lineno, line)
            continue
        try:
            yield item_from_line(line, f"{name} line {lineno}", max_chars, defaults)
        except InputError as exc:
            yield Rejected(lineno, exc, line_id(line) if exc.code != "S109" else None)


__all__ = ["Rejected", "byte_cap", "item_from_line", "read_input"]
