"""Turn a path (or ``-`` for standard input) into extraction items."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, BinaryIO, Iterator

from ..errors import InputError
from .html import from_html, looks_like_html
from .text import decode


def _read_bytes(path: str, stdin: BinaryIO | None = None) -> tuple[bytes, str]:
    if path == "-":
        return (stdin or sys.stdin.buffer).read(), "standard input"
    p = Path(path)
    if not p.exists():
        raise InputError(f"{path} does not exist. Give a text, HTML or JSON Lines file, or - for standard input.", "S107")
    if p.is_dir():
        raise InputError(f"{path} is a directory. Give one file, or use `cat {path}/*.jsonl | sitreps extract -`.", "S108")
    return p.read_bytes(), path


def read_input(path: str, fmt: str = "auto", stdin: BinaryIO | None = None, **meta: Any) -> Iterator[dict[str, Any]]:
    """Yield ``{id, text, published, title, url}`` items from a file.

    ``fmt`` is ``auto`` (by extension and content), ``text``, ``html`` or ``jsonl``. ``meta``
    (title, url, published) fills fields the input itself does not give.
    """
    data, name = _read_bytes(path, stdin)
    text = decode(data, name)
    if fmt == "auto":
        head = text.lstrip()[:1]
        if path.endswith((".jsonl", ".ndjson")) or (head == "{" and _first_line_is_json(text)):
            fmt = "jsonl"
        elif path.endswith((".html", ".htm")) or looks_like_html(text):
            fmt = "html"
        else:
            fmt = "text"
    defaults = {k: v for k, v in meta.items() if v is not None}
    if fmt == "jsonl":
        for lineno, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{name} line {lineno} is not valid JSON ({exc.msg}). Each line must be one JSON object.", "S109") from exc
            if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                raise InputError(f"{name} line {lineno} has no \"text\" string. Each line needs at least {{\"text\": \"...\"}}.", "S110")
            yield {**defaults, **{k: v for k, v in item.items() if v is not None}}
    elif fmt == "html":
        yield {**from_html(text, name), **defaults}
    elif fmt == "text":
        yield {**defaults, "text": text}
    else:
        raise InputError(f"unknown input format {fmt!r}: use auto, text, html or jsonl.", "S111")


def _first_line_is_json(text: str) -> bool:
    line = text.lstrip().split("\n", 1)[0]
    try:
        return isinstance(json.loads(line), dict)
    except json.JSONDecodeError:
        return False
