"""Ingest throughput (read, extract, store, merge) against extraction alone, on the same documents.

    python benchmarks/store_ingest.py --data ../shared/data/gva_semeval2018_task5 [--limit 300]

Writes the first N non-empty GVA development documents to a temporary JSON Lines file, loads
the model once, warms it up, then times (1) reading that file and `Extractor.pipe` over it and
(2) `sitreps.store.ingest.ingest` of the same file into a fresh SQLite store, one process each,
alternating twice. The store overhead is (2) / (1) - 1. Not a test: results go to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from datetime import date
from pathlib import Path

from sitreps.ingest.sources import Unreadable, read_sources
from sitreps.pipeline import Extractor
from sitreps.store import open_store
from sitreps.store.ingest import IngestOptions, ingest


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", required=True, type=Path)
    ap.add_argument("--limit", type=int, default=300)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="sitreps-bench-"))
    docs = tmp / "docs.jsonl"
    n = 0
    with (args.data / "gva_semeval2018_task5.jsonl").open(encoding="utf-8") as src, docs.open("w", encoding="utf-8") as out:
        for line in src:
            row = json.loads(line)
            if (row.get("text") or "").strip():
                out.write(json.dumps({"doc_id": row["doc_id"], "dct": row.get("dct"), "title": row.get("title"), "text": row["text"]}) + "\n")
                n += 1
                if n >= args.limit:
                    break
    extractor = Extractor()
    list(extractor.pipe([{"text": "A gunman shot two people in Memphis on Sunday, police said."}]))
    extract_s, ingest_s, counts = [], [], None
    for r in range(args.rounds):
        t = time.perf_counter()
        items = [x for x in read_sources([str(docs)]) if not isinstance(x, Unreadable)]
        results = list(extractor.pipe(items))
        extract_s.append(time.perf_counter() - t)
        db = tmp / f"store{r}.db"
        store = open_store(str(db))
        t = time.perf_counter()
        counts = ingest(store, [str(docs)], IngestOptions(batch_size=32), extractor=extractor)
        ingest_s.append(time.perf_counter() - t)
        store.close()
        assert counts.documents + counts.failed + counts.skipped == len(results)
    ex, ing = min(extract_s), min(ingest_s)
    print(f"{n} GVA development documents, {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {date.today()}\n")
    print("| run | seconds (best of %d) | documents/s |\n|---|---:|---:|" % args.rounds)
    print(f"| read + extract (`Extractor.pipe`) | {ex:.1f} | {n / ex:.2f} |")
    print(f"| `sitreps ingest` (read, extract, store, merge) | {ing:.1f} | {n / ing:.2f} |")
    print(f"\nstore overhead: {100 * (ing / ex - 1):+.1f}% (target <= 10%); stored {counts.documents} documents, "
          f"{counts.events} events, {counts.failed} failed, {counts.skipped} repeated ids skipped; all runs: extract {[round(s, 1) for s in extract_s]}, ingest {[round(s, 1) for s in ingest_s]}")


if __name__ == "__main__":
    main()
