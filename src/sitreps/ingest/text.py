"""Checks on raw text and metadata before anything is parsed."""

from __future__ import annotations

import codecs
import json
import re
from datetime import date, datetime
from typing import Any

from ..errors import InputError

_SURROGATE = re.compile("[\ud800-\udfff]")
# ISO 8601 as sitreps reads it: a date, optionally a time and a zone; nothing after it.
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?\Z", re.ASCII)


def decode(data: bytes, name: str = "input") -> str:
    """Bytes to text: UTF-8 (a BOM is dropped) or UTF-16 with its BOM; refuse binary data and
    other encodings with a clear message."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"{name} starts with a UTF-16 byte order mark but is not valid UTF-16 (byte {exc.start}). Convert it first, e.g. `iconv -f utf-16 -t utf-8`.", "S102") from exc
    if b"\x00" in data:
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
    """Refuse what cannot be a document: not a string, empty, too long, NUL or lone surrogates."""
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
    if "\x00" in text:
        raise InputError(f"the text contains a NUL character (at {text.index(chr(0))}): it is binary data, not an article.", "S101")
    bad = _SURROGATE.search(text)
    if bad:
        raise InputError(
            f"the text contains a lone surrogate ({bad.group()!r} at character {bad.start()}), which is not valid Unicode. "
            "Fix the producer of the input (a \\ud800-style escape without its pair).",
            "S115",
        )


#: Other names corpora use for the fields of an item (GVA/SemEval: doc_id, dct).
ALIASES = {"id": ("doc_id", "document_id", "docid"), "published": ("dct", "date", "pubdate", "published_at")}


def with_aliases(item: dict[str, Any]) -> dict[str, Any]:
    """``id`` and ``published`` filled from their :data:`ALIASES` when the item lacks them."""
    out = dict(item)
    for key, names in ALIASES.items():
        if out.get(key) is None:
            for name in names:
                if out.get(name) is not None:
                    out[key] = out[name]
                    break
    return out


def check_item(item: object, max_chars: int) -> dict[str, Any]:
    """One ``{id, text, published, title, url, source}`` item, checked and normalised: the id (of
    any JSON type) becomes a string, metadata must be strings, the date must be ISO. Raises
    :class:`InputError` saying which field is wrong."""
    if not isinstance(item, dict):
        raise InputError(f"expected a JSON object, got {_json_type(item)}. Each line must be one object like {{\"text\": \"...\"}}.", "S110")
    out = dict(item)
    if "id" in out:
        out["id"] = id_string(out["id"])
    text = out.get("text")
    if not isinstance(text, str):
        what = "no \"text\"" if text is None else f"a \"text\" that is {_json_type(text)}"
        raise InputError(f"the item has {what}. Each item needs at least {{\"text\": \"...\"}} with a string.", "S110")
    for key in ("title", "url", "source"):
        value = out.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(f"the item's {key!r} is {_json_type(value)}; it must be a string or null.", "S116")
    published = out.get("published")
    if published is not None and not isinstance(published, (str, date)):
        raise InputError(f"the item's \"published\" is {_json_type(published)} ({published!r}); give an ISO date string such as \"2024-06-01\".", "S106")
    check_text(text, max_chars)
    for key in ("id", "title", "url", "source", "published"):
        value = out.get(key)
        if isinstance(value, str) and _SURROGATE.search(value):
            raise InputError(f"the item's {key!r} contains a lone surrogate, which is not valid Unicode.", "S115")
    if isinstance(published, str):
        parse_published(published)
    return out


def id_string(value: object) -> str | None:
    """A document id of any JSON type as a string (``7`` -> ``"7"``, objects as compact JSON)."""
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _json_type(value: object) -> str:
    names = {bool: "a boolean", int: "a number", float: "a number", list: "an array", dict: "an object", str: "a string"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def parse_published(value: str | None) -> date | None:
    """An ISO date or datetime (``2024-06-01``, ``2024-06-01T08:30:00Z``); anything else is an error."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    s = str(value).strip()
    if _ISO.match(s):  # the whole string, not a date followed by anything ("2024-06-05garbage")
        try:
            return datetime.fromisoformat(s.replace("Z", "+00:00")).date()
        except ValueError:
            pass
    raise InputError(f"cannot read the publication date {s!r}. Give it as an ISO date, e.g. --published 2024-06-01.", "S106")
