"""HTML pages: main text, title and date through trafilatura (boilerplate removed)."""

from __future__ import annotations

import re
from typing import Any

from ..errors import InputError

_TAG = re.compile(r"<\s*(html|body|p|div|article|head)\b", re.I)


def looks_like_html(text: str) -> bool:
    return bool(_TAG.search(text[:5000]))


def from_html(html: str, name: str = "input") -> dict[str, Any]:
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_precision=True)
    if doc is None or not (getattr(doc, "text", None) or "").strip():
        raise InputError(f"no article text found in the HTML of {name}. Is it an article page? Try saving the plain text instead.", "S112")
    item: dict[str, Any] = {"text": doc.text}
    for key in ("title", "url", "date"):
        value = getattr(doc, key, None)
        if value:
            item["published" if key == "date" else key] = value
    source = getattr(doc, "sitename", None)
    if source:
        item["source"] = source
    return item
