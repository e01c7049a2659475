"""JSON Lines: one event (sitreps/1 event plus its document and incident id) or incident per line."""

from __future__ import annotations

import json
from typing import IO, Any, Iterable


def write(items: Iterable[dict[str, Any]], out: IO[str]) -> int:
    n = 0
    for item in items:
        out.write(json.dumps(item, ensure_ascii=False) + "\n")
        n += 1
    return n
