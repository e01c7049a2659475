"""``load``: batch output (Parquet partitions) into the store, merged into incidents.

Partition by partition, in committed batches of documents: the store skips documents it already
holds and keeps failures by a key, so loading the same folder twice, or again after an
interruption, changes nothing and loses nothing.
"""

from __future__ import annotations

from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

import pyarrow.parquet as pq

from ..errors import BatchError
from . import schema

if TYPE_CHECKING:
    from ..store import Counts, Store


def documents_in(out: str | Path) -> int:
    """Document rows plus failure rows in a batch output folder (from Parquet metadata: cheap)."""
    root = Path(out)
    return sum(pq.ParquetFile(f).metadata.num_rows for kind in ("documents", "failures") for f in (root / kind).glob("*.parquet"))


def _partitions(root: Path) -> Iterator[str]:
    if not (root / "documents").is_dir():
        raise BatchError(f"{root} is not the output of `sitreps batch` (it has no documents/ folder). Run `sitreps batch INPUT… --out {root}` first.", "S710")
    yield from sorted(f.stem for f in (root / "documents").glob("*.parquet"))


def _table(root: Path, kind: str, pid: str):  # type: ignore[no-untyped-def]
    path = root / kind / f"{pid}.parquet"
    if not path.exists():
        raise BatchError(f"{path} is missing though documents/{pid}.parquet exists. Re-run `sitreps batch` into {root} to rewrite the partition.", "S711")
    return schema.read_file(path, kind)


def load(store: "Store", out: str | Path, batch_size: int = 500, merge: bool = True,
         progress: Callable[["Counts"], None] | None = None) -> "Counts":
    """Store every document, event and failure of the batch output folder ``out``."""
    from ..store import Counts

    root = Path(out)
    total = Counts()
    for pid in _partitions(root):
        records = schema.record_dicts(_table(root, "documents", pid), _table(root, "events", pid))
        failures = _table(root, "failures", pid).to_pylist()
        while True:
            chunk = list(islice(records, batch_size))
            if not chunk and not failures:
                break
            with store.batch(merge=merge) as batch:
                for source_input, record in chunk:
                    batch.add_record(record, source_input=source_input)
                for f in failures:
                    batch.add_failure(f["input"], f["document_id"], f["stage"], f["code"], f["message"])
                failures = []
            total += batch.counts
            if progress:
                progress(total)
    return total
