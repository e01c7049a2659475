"""Time and peak memory of the document path on pathological documents, each case in a fresh
process (so each peak RSS is its own). Results go to docs/benchmarks.md.

    python benchmarks/pathological.py                 # every case, "long" also fed whole
    python benchmarks/pathological.py --case long     # a 1.5 MB article, parsed in pieces
    python benchmarks/pathological.py --case long --whole   # ... fed to spaCy whole (for comparison)

The stages run under the default settings, so a document over the per-document time budget
(max_seconds) ends as a failure row (S301), as it would in a batch.

Cases (texts written here, not taken from any data set):
  long      1,500,000 characters of news-like paragraphs
  sentence  one sentence of 50,000 words with a number every few words
  numbers   100,000 numbers in one line
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import time

PARAGRAPHS = [
    "Artillery fire struck the market in the northern district on Monday, killing four people and wounding 11, the regional governor said.",
    "Officials said drones were intercepted over the city overnight, and debris damaged two houses in the suburbs.",
    "Protesters gathered outside the ministry on Friday demanding the release of detained journalists, witnesses said.",
]


def text_of(case: str) -> str:
    if case == "long":
        out, i = [], 0
        while sum(map(len, out)) < 1_500_000:
            out.append(" ".join(PARAGRAPHS[(i + k) % 3] for k in range(4)) + "\n\n")
            i += 1
        return "".join(out)[:1_500_000]
    if case == "sentence":
        words = ["fighters", "attacked", "the", "village", "and", "killed", "12", "people", "while", "others", "fled", "with", "3", "soldiers"]
        return "Militants said " + " ".join(words[i % len(words)] for i in range(50_000)) + "."
    return "The numbers were " + " ".join(str(i) for i in range(100_000)) + "."


def run_case(case: str, whole: bool) -> dict:
    """Parse, then run the stages under the default settings (the per-document time budget
    included): the outcome is a record or the failure row's code."""
    from sitreps import Extractor, Failure, load_settings
    from sitreps.budget import document_budget
    from sitreps.parse import parse_one

    text = text_of(case)
    ex = Extractor(load_settings())
    load_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    if whole:
        ex.nlp.max_length = len(text) + 1
        doc = ex.nlp(text)
    else:
        doc = parse_one(ex.nlp, text)
    t1 = time.perf_counter()
    try:
        with document_budget(ex.settings.max_seconds):
            outcome = f"record, {len(ex.process(doc).events)} events"
    except Exception as exc:  # the failure row the batch would write
        outcome = f"failure {Failure.of({'text': text}, getattr(exc, 'stage', '?'), exc).code}"
    t2 = time.perf_counter()
    return {
        "case": case + (" (whole)" if whole else ""), "chars": len(text), "tokens": len(doc),
        "parse_s": round(t1 - t0, 1), "stages_s": round(t2 - t1, 1), "outcome": outcome,
        "load_rss_mb": load_rss // 1024, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--case", choices=["long", "sentence", "numbers"])
    ap.add_argument("--whole", action="store_true", help="feed the text to spaCy whole instead of in pieces")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(run_case(args.case, args.whole)))
        return
    cases = [(args.case, args.whole)] if args.case else [("long", False), ("long", True), ("sentence", False), ("numbers", False)]
    print(f"{time.strftime('%Y-%m-%d')}, {platform.machine()}, Python {platform.python_version()}")
    print("| case | chars | tokens | parse (s) | stages (s) | outcome | peak RSS (MB) |")
    print("|---|---:|---:|---:|---:|---|---:|")
    for case, whole in cases:
        cmd = [sys.executable, __file__, "--child", "--case", case] + (["--whole"] if whole else [])
        r = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
        print(f"| {r['case']} | {r['chars']:,} | {r['tokens']:,} | {r['parse_s']} | {r['stages_s']} | {r['outcome']} | {r['peak_rss_mb']:,} |", flush=True)


if __name__ == "__main__":
    main()
