"""Merge time of ``sitreps.merge.MemoryIndex`` on 10k, 100k and 1M synthetic events.

    python benchmarks/merge.py [--sizes 10000 100000 1000000] [--json out.json]

The synthetic events look like a conflict-event feed at ACLED's scale: about 550 events a day
(so 1M events span five years), in 60 countries of 20 admin1 regions each, with regions drawn
from a Zipf law (the busiest region has about 13% of all events, some 70 a day), each incident
told by 1 to 5 reports a day or so apart with figures that sometimes differ, each naming three
of the incident's five proper names (four rare ones, and one of its region's ten towns). The density per
region and day stays the same as the feed grows, as it does in reality, so the work per event
should stay about constant: merge time should grow near-linearly. Each size runs in its own
process (one core; peak RSS is that size's own); building the fingerprints is not timed.
Not a test: results go to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import time
from datetime import date, timedelta

EVENTS_PER_DAY = 550
COUNTRIES, REGIONS = 60, 20
WORDS = [f"w{i}" for i in range(3000)]
COMMON = ["shelling", "strike", "attack", "killed", "wounded", "village", "market", "forces", "drone", "clash"]


def synthetic(n: int, seed: int = 1) -> list:
    from sitreps.merge import Fingerprint

    rnd = random.Random(seed)
    days = max(1, n // EVENTS_PER_DAY)
    regions = [(f"C{c:02d}", f"region {c}-{r}", rnd.uniform(-40, 60), rnd.uniform(-20, 120)) for c in range(COUNTRIES) for r in range(REGIONS)]
    weights = [1.0 / (k + 1) for k in range(len(regions))]
    out: list = []
    incident = 0
    while len(out) < n:
        incident += 1
        country, admin1, lat, lon = rnd.choices(regions, weights)[0]
        lat, lon = lat + rnd.uniform(-1, 1), lon + rnd.uniform(-1, 1)
        day = date(2020, 1, 1) + timedelta(days=rnd.randrange(days))
        killed = rnd.choice([None, 0, 1, 2, 3, 5, 8])
        family = rnd.choices(["violence", "protest", "talks"], [8, 3, 1])[0]
        words = rnd.sample(WORDS, 6) + rnd.sample(COMMON, 3)
        town = f"{admin1.split()[1]}-town{rnd.randrange(10)}"  # a region's ten towns recur in its reports
        names = [f"name{rnd.randrange(200_000)}" for _ in range(4)] + [town]  # victims, streets: rarely shared
        for r in range(rnd.randint(1, 5)):
            if len(out) >= n:
                break
            d = day + timedelta(days=rnd.choice([0, 0, 0, 1, 1, 2]))
            k = killed if killed is None or rnd.random() < 0.7 else killed + rnd.randint(1, 3)
            out.append(Fingerprint(
                event_id=f"doc{incident}-{r}#e1", document_id=f"doc{incident}-{r}", family=family, day_start=d, day_end=d,
                country=country, admin1=admin1, lat=lat + rnd.uniform(-0.01, 0.01), lon=lon, precision="city",
                place=f"town{incident % 5000}", plover="ASSAULT" if family == "violence" else family.upper(),
                killed=k, words=tuple(sorted(set(rnd.sample(words, 6) + rnd.sample(COMMON, 2)))),
                names=tuple(sorted(set(rnd.sample(names, 3)))),
            ))
    rnd.shuffle(out)
    return out


def one(n: int) -> dict:
    from sitreps.merge import MemoryIndex

    t0 = time.perf_counter()
    fps = synthetic(n)
    built = time.perf_counter() - t0
    index = MemoryIndex()
    t1, c1 = time.perf_counter(), time.process_time()
    index.add(fps)
    incidents = index.incidents()
    seconds, cpu = time.perf_counter() - t1, time.process_time() - c1
    return {"events": n, "incidents": len(incidents), "compared": index.compared, "seconds": round(seconds, 2), "cpu_s": round(cpu, 2),
            "events_per_s": round(n / seconds), "build_s": round(built, 2),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--json")
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(args.one)))
        return
    rows = []
    for n in args.sizes:
        done = subprocess.run([sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=True)
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(f"{n}: {rows[-1]}", file=sys.stderr)
    print(f"### Merge, {date.today().isoformat()} ({platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()})\n")
    print("| events | incidents | candidate pairs scored | pairs per event | merge, wall (s) | merge, CPU (s) | events/s (CPU) | peak RSS (MB) |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['events']:,} | {r['incidents']:,} | {r['compared']:,} | {r['compared'] / r['events']:.1f} | {r['seconds']} | {r['cpu_s']} | {round(r['events'] / r['cpu_s']):,} | {r['peak_rss_mb']} |")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(rows, fh, indent=2)


if __name__ == "__main__":
    main()
