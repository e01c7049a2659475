"""Throughput of `sitreps batch` on a local Dask cluster with 1 and 2 workers, and peak memory per worker.

    python benchmarks/batch.py --data ../shared/data/gva_semeval2018_task5 [--limit 600] [--workers 1,2]
    python benchmarks/batch.py --input CC-NEWS-20240601.warc.gz --limit 0           # your own WARC or JSON Lines

With --data, the non-empty GVA development texts are written to a temporary JSON Lines file (the
inputs a batch reads); --input uses a file as it is. For each worker count a fresh LocalCluster of
that many single-threaded worker processes runs the whole batch into a fresh output folder. The rate
is documents (extracted or failed) per second of the run after every worker has loaded the model
(`sitreps.batch.dask.run` loads it before its clock starts), so it includes reading, extraction,
Parquet encoding and the client's writes. Scaling efficiency at n workers = rate(n) / (n * rate(1)).
Peak memory is each worker process's maximum resident set size.

Not a test: results go to docs/scaling.md with the machine and the date. Run it on an idle
machine: other work on the same cores makes the scaling figure meaningless.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path


def write_inputs(data: Path, limit: int, folder: Path) -> tuple[Path, int, int]:
    out = folder / "gva.jsonl"
    n = chars = 0
    with (data / "gva_semeval2018_task5.jsonl").open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for line in src:
            row = json.loads(line)
            text = (row.get("text") or "").strip()
            if not text:
                continue
            dst.write(json.dumps({"id": str(row.get("doc_id") or n), "text": text, "published": row.get("dct") or None}) + "\n")
            n += 1
            chars += len(text)
            if limit and n >= limit:
                break
    return out, n, chars


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_once(inputs: Path, workers: int, partition_size: int, folder: Path) -> dict:
    from sitreps.batch.dask import connect, run

    out = folder / f"out-{workers}"
    with connect(workers=workers) as client:
        started = time.perf_counter()
        summary = run([str(inputs)], str(out), client=client, partition_size=partition_size)
        wall = time.perf_counter() - started
        peaks = sorted(client.run(peak_rss_mb).values())
    done = summary.documents + summary.failures
    return {"workers": workers, "documents": done, "failed": summary.failures, "events": summary.events,
            "seconds": round(summary.seconds, 2), "wall_with_model_load": round(wall, 2),
            "docs_per_s": round(done / summary.seconds, 3), "peak_rss_mb_per_worker": [round(p) for p in peaks]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--data", type=Path, help="The gva_semeval2018_task5 folder of the development data.")
    src.add_argument("--input", type=Path, help="A WARC(.gz) or JSON Lines file to run as it is.")
    ap.add_argument("--limit", type=int, default=600, help="Documents taken from --data (0: all).")
    ap.add_argument("--workers", default="1,2", help="Worker counts to run, comma-separated.")
    ap.add_argument("--partition-size", type=int, default=20)
    ap.add_argument("--json", type=Path, help="Also write the results here.")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="sitreps-batch-bench-") as tmp:
        folder = Path(tmp)
        if args.data:
            inputs, n, chars = write_inputs(args.data, args.limit, folder)
        else:
            inputs, n, chars = args.input, 0, 0
        results = [run_once(inputs, int(w), args.partition_size, folder) for w in args.workers.split(",")]
    base = results[0]["docs_per_s"] / results[0]["workers"]
    for r in results:
        r["scaling_efficiency"] = round(r["docs_per_s"] / (r["workers"] * base), 3)
    meta = {"date": date.today().isoformat(), "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
            "documents": n or results[0]["documents"], "characters": chars, "partition_size": args.partition_size, "load_avg_at_end": os.getloadavg()[0]}
    print(f"### Batch throughput, {meta['date']} ({meta['machine']})\n")
    print(f"{meta['documents']} documents ({chars:,} characters), partitions of {args.partition_size}; "
          f"1-minute load average at the end: {meta['load_avg_at_end']:.2f}\n")
    print("| workers | docs/s | scaling efficiency | seconds | peak RSS per worker (MB) | failed |")
    print("|---:|---:|---:|---:|---|---:|")
    for r in results:
        print(f"| {r['workers']} | {r['docs_per_s']:.2f} | {r['scaling_efficiency']:.2f} | {r['seconds']:.1f} | "
              f"{', '.join(map(str, r['peak_rss_mb_per_worker']))} | {r['failed']} |")
    if args.json:
        args.json.write_text(json.dumps({**meta, "results": results}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
