"""Parquet (pyarrow), readable by pandas and DuckDB; written in row groups so memory stays flat."""

from __future__ import annotations

from itertools import islice
from typing import Any, Iterable, Sequence

from ..errors import StoreError

ROW_GROUP = 50_000
_FLOAT = ("lat", "lon", "confidence")
_INT = ("fatalities", "injured", "killed_low", "killed_best", "killed_high", "injured_low", "injured_best", "injured_high", "n_reports", "n_documents")


def schema(fields: Sequence[str]) -> Any:
    import pyarrow as pa

    def kind(name: str) -> Any:
        if name in _FLOAT:
            return pa.float64()
        if name in _INT:
            return pa.int64()
        if name in ("hedged", "near"):
            return pa.bool_()
        return pa.string()

    return pa.schema([(name, kind(name)) for name in fields])


def write(rows: Iterable[dict[str, Any]], path: str, fields: Sequence[str]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    sch = schema(fields)
    rows = iter(rows)
    n = 0
    try:
        with pq.ParquetWriter(path, sch) as writer:
            while True:
                chunk = list(islice(rows, ROW_GROUP))
                if not chunk and n:
                    break
                writer.write_table(pa.Table.from_pylist(chunk, schema=sch))
                n += len(chunk)
                if not chunk:
                    break
    except OSError as exc:
        raise StoreError(f"cannot write {path}: {exc}. Check the folder exists and the disk has space.", "S533") from exc
    return n
