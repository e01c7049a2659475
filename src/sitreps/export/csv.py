"""Plain CSV: one flat row per event or incident (columns in ``flat.py``)."""

from __future__ import annotations

import csv
from typing import IO, Any, Iterable, Sequence


def write(rows: Iterable[dict[str, Any]], out: IO[str], fields: Sequence[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=list(fields), lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(row)
        n += 1
    return n
