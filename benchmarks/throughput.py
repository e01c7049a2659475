"""Throughput and peak memory of the full sitreps pipeline next to bare spaCy.

    python benchmarks/throughput.py --data ../shared/data/gva_semeval2018_task5 [--limit N] [--repeat 3]

Each mode runs in its own fresh process (so peak RSS is that mode's own), one process each,
over the same non-empty GVA development texts, with the same model and batch size. Model and
gazetteer loading are timed separately and excluded from the per-article rate. Both wall-clock
and CPU-time rates are reported: on a shared machine the CPU-time ratio is the steadier. Prints a
Markdown table and, with --json, writes the numbers. Not a test: results go to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from collections import defaultdict
from datetime import date
from pathlib import Path


def load_texts(data: Path, limit: int | None) -> list[str]:
    texts = []
    with (data / "gva_semeval2018_task5.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if (row.get("text") or "").strip():
                texts.append(row["text"])
                if limit and len(texts) >= limit:
                    break
    return texts


def time_stages(totals: dict[str, float]) -> None:
    """Add up the time spent in each stage: wraps the pipeline's ``run_stage``, which every
    stage of every language goes through."""
    import sitreps.pipeline as pipeline

    run = pipeline.run_stage

    def timed(stage, ctx):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            return run(stage, ctx)
        finally:
            totals[stage.name] += time.perf_counter() - start

    pipeline.run_stage = timed


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_mode(mode: str, data: Path, limit: int | None, batch_size: int) -> dict:
    texts = load_texts(data, limit)
    t0 = time.perf_counter()
    from sitreps import Extractor

    extractor = Extractor()
    stage_time: dict[str, float] = defaultdict(float)
    if mode == "sitreps":
        time_stages(stage_time)
        extractor("Russian shelling killed two people in Kharkiv on Monday, the governor said.", published="2024-01-02")
        stage_time.clear()
    load_s = time.perf_counter() - t0
    chars = sum(len(t) for t in texts)
    events = 0
    t1 = time.perf_counter()
    c1 = time.process_time()
    if mode == "spacy":
        for _ in extractor.nlp.pipe(texts, batch_size=batch_size):
            pass
    else:
        items = [{"text": t, "published": "2017-01-01"} for t in texts]
        for result in extractor.pipe(items, batch_size=batch_size):
            events += len(getattr(result, "events", []))
    elapsed = time.perf_counter() - t1
    cpu = time.process_time() - c1
    return {
        "mode": mode, "docs": len(texts), "chars": chars, "seconds": round(elapsed, 2), "load_seconds": round(load_s, 2),
        "docs_per_s": round(len(texts) / elapsed, 2), "cpu_seconds": round(cpu, 2), "docs_per_cpu_s": round(len(texts) / cpu, 2), "chars_per_s": round(chars / elapsed), "peak_rss_mb": round(peak_rss_mb()),
        "events": events, "stage_seconds": {k: round(v, 2) for k, v in stage_time.items()},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("../shared/data/gva_semeval2018_task5"))
    ap.add_argument("--limit", type=int, default=None, help="only the first N non-empty texts")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--mode", choices=["spacy", "sitreps"], help="run one mode in this process (used internally)")
    ap.add_argument("--json", type=Path, help="write the results here")
    ap.add_argument("--repeat", type=int, default=1, help="run the two modes this many times, alternating, and keep each mode's fastest run "
                    "(on a shared or virtual machine a neighbour's load slows single runs by 20%%)")
    args = ap.parse_args()
    if args.mode:
        print(json.dumps(run_mode(args.mode, args.data, args.limit, args.batch_size)))
        return
    results: dict[str, dict] = {}
    runs: dict[str, list[dict]] = defaultdict(list)
    for _ in range(args.repeat):
        for mode in ("spacy", "sitreps"):
            cmd = [sys.executable, __file__, "--mode", mode, "--data", str(args.data), "--batch-size", str(args.batch_size)]
            if args.limit:
                cmd += ["--limit", str(args.limit)]
            out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
            runs[mode].append(json.loads(out.strip().splitlines()[-1]))
    for mode, rs in runs.items():
        results[mode] = min(rs, key=lambda r: r["seconds"])
    sp, sr = results["spacy"], results["sitreps"]
    ratio = sr["docs_per_s"] / sp["docs_per_s"]
    cpu_ratio = sr["docs_per_cpu_s"] / sp["docs_per_cpu_s"]
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    print(f"## Throughput, {date.today().isoformat()} ({machine})\n")
    print(f"{sp['docs']} GVA development articles ({sp['chars']:,} characters), 1 process, batch size {args.batch_size}, "
          f"fastest of {args.repeat} alternating run(s) per mode.\n")
    print("| pipeline | articles/s | chars/s | articles per CPU-second | peak RSS (MB) | load (s) |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in (sp, sr):
        print(f"| {'bare spaCy' if r['mode'] == 'spacy' else 'sitreps (all stages)'} | {r['docs_per_s']} | {r['chars_per_s']:,} | {r['docs_per_cpu_s']} | {r['peak_rss_mb']} | {r['load_seconds']} |")
    in_process = 1 - sum(sr["stage_seconds"].values()) / sr["seconds"]
    print(f"\nsitreps / bare spaCy throughput: {ratio:.1%} wall clock, {cpu_ratio:.1%} CPU time (target >= 75%); "
          f"sitreps peak RSS {sr['peak_rss_mb']} MB (target < 1024).")
    print(f"In the sitreps process itself, spaCy's parse is {in_process:.1%} of the time: the ratio the stages leave, "
          f"whatever the machine's speed between the two processes.\n")
    total = sr["seconds"]
    print("| stage | seconds | share of sitreps time |")
    print("|---|---:|---:|")
    spacy_s = total - sum(sr["stage_seconds"].values())
    print(f"| spaCy parse (+ batching) | {spacy_s:.2f} | {spacy_s / total:.1%} |")
    for name, secs in sr["stage_seconds"].items():
        print(f"| {name} | {secs:.2f} | {secs / total:.1%} |")
    if args.json:
        args.json.write_text(json.dumps({"date": date.today().isoformat(), "machine": machine, "results": results, "runs": runs,
                                              "ratio": ratio, "cpu_ratio": cpu_ratio,
                                              "in_process_ratio": 1 - sum(sr["stage_seconds"].values()) / sr["seconds"]}, indent=2))


if __name__ == "__main__":
    main()
