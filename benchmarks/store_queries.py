"""Filtered queries on a large synthetic SQLite store: p50/p95 per query shape.

    python benchmarks/store_queries.py [--events 1000000] [--db /tmp/bench.db] [--runs 20]

Generates N synthetic events (one per document, random days over five years, places from a
fixed list of 200 cities in 20 countries, types, actors, tolls) into a store created by
`open_store` (so the schema, indexes and full-text triggers are the real ones), then times each
query shape `--runs` times with varying values, reading the first 100 rows as `sitreps events`
would for a page. By default rows are inserted in bulk with the store's own column layout
(`sitreps.store.rows`), since a million documents through extraction-side code would measure
the filling, not the queries; `--via-api` fills through `Store.batch` instead (merging off).
Not a test: results go to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import time
from datetime import date, timedelta
from itertools import islice
from pathlib import Path
from typing import Iterator

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from storekit import make_event, make_record  # noqa: E402  (the tests' synthetic records)

from sitreps.store import Filters, open_store  # noqa: E402
import storekit  # noqa: E402

COUNTRIES = ["UA", "RU", "SY", "SD", "ML", "NG", "MM", "CD", "SO", "YE", "IQ", "AF", "ET", "BF", "CO", "MX", "US", "PK", "IN", "LB"]
TYPES = ["ASSAULT", "FIGHT", "PROTEST", "COERCE", "CONSULT"]
ACTORS = [("Russia", "state_forces"), ("Ukraine", "state_forces"), ("RSF", "armed_group"), ("JNIM", "armed_group"),
          ("al-Shabaab", "armed_group"), ("police", "state_forces"), ("protesters", "protesters"), ("gunmen", "armed_group")]


def places(rng: random.Random) -> list[str]:
    names = []
    for c, country in enumerate(COUNTRIES):
        for k in range(10):
            name = f"City{c:02}{k}"
            storekit.PLACES[name] = (country, f"Region {country}-{k % 4}", rng.uniform(-40, 60), rng.uniform(-100, 120))
            names.append(name)
    return names


def synthetic(n: int, seed: int = 1) -> Iterator[tuple[int, str, str, dict]]:
    """``(i, document id, day, event)`` for N random events (the same for a given seed)."""
    rng = random.Random(seed)
    cities = places(rng)
    day0 = date(2020, 1, 1)
    for i in range(n):
        doc = f"d{i:07}"
        day = (day0 + timedelta(days=rng.randrange(5 * 365))).isoformat()
        summary = f"{rng.choice(['Shelling', 'Air strike', 'Clashes', 'Protest', 'Talks'])} near {rng.choice(cities)}"
        yield i, doc, day, make_event(doc, 1, place=rng.choice(cities), day=day, plover=rng.choice(TYPES),
                                      killed=rng.choice([None, None, 0, 1, 2, 3, 5, 10, 40]), initiator=rng.choice(ACTORS), summary=summary)


def fill(db: str, n: int, bulk: bool = True) -> float:
    """Store N synthetic events: through ``Store.batch`` (merging off), or with ``bulk`` in the
    store's column order with executemany."""
    from sitreps.store import rows

    store = open_store(db)
    start = time.perf_counter()
    events = synthetic(n)
    step = 20_000 if bulk else 5_000
    for b in range(0, n, step):
        chunk = list(islice(events, step))
        with store.batch(merge=False) as batch:
            if not bulk:
                for i, doc, day, event in chunk:
                    batch.add_record(make_record(doc, day, event, text=f"Synthetic report {i}."), source_input="synthetic")
            else:
                store.executemany(f"INSERT INTO documents ({', '.join(rows.DOCUMENT_COLUMNS)}) VALUES {store.in_list(rows.DOCUMENT_COLUMNS)}",
                                  [(doc, doc, "synthetic", f"Report {doc}", None, "Example Wire", day, "en", f"Synthetic report {i}.", "{}", "[]",
                                    "2026-01-01T00:00:00+00:00") for i, doc, day, _ in chunk])
                store.executemany(f"INSERT INTO events ({', '.join(rows.EVENT_COLUMNS)}) VALUES {store.in_list(rows.EVENT_COLUMNS)}",
                                  [_bulk_row(doc, day, event) for _, doc, day, event in chunk])
        if (b // step) % 5 == 0:
            print(f"  {b + step:,} events stored", file=sys.stderr)
    seconds = time.perf_counter() - start
    store.execute("ANALYZE")
    store.close()
    return seconds


def _bulk_row(doc: str, day: str, event: dict) -> tuple:
    where, actor = event["location"], event["actors"][0]["name"]
    killed = (event["fatalities"] or {}).get("value")
    summary = event["summary"]
    return (event["id"], doc, 0, day, day, "day", where["country"], where["admin1"], None, where["name"], where["lat"], where["lon"], "city",
            event["plover"], event["acled_type"], event["acled_subtype"], actor, "civilians", f"{actor}; civilians", killed, None, 0.8, summary,
            f"{summary} {actor} civilians {where['name']} {where['admin1']}", day, json.dumps(event), "{}")


def shapes(rng: random.Random) -> dict[str, callable]:
    def day() -> str:
        return (date(2020, 1, 1) + timedelta(days=rng.randrange(5 * 365))).isoformat()

    return {
        "country + since": lambda: Filters(country=rng.choice(COUNTRIES), since=day(), limit=100),
        "date range (1 month)": lambda: (lambda d: Filters(since=d, until=(date.fromisoformat(d) + timedelta(days=30)).isoformat(), limit=100))(day()),
        "admin1": lambda: Filters(admin1=f"Region {rng.choice(COUNTRIES)}-{rng.randrange(4)}", limit=100),
        "bbox": lambda: (lambda x, y: Filters(bbox=(x, y, x + 10, y + 10), limit=100))(rng.uniform(-100, 100), rng.uniform(-40, 40)),
        "type + min fatalities": lambda: Filters(type=rng.choice(TYPES), min_fatalities=rng.choice([5, 10, 40]), limit=100),
        "actor": lambda: Filters(actor=rng.choice(ACTORS)[0], limit=100),
        "full text": lambda: Filters(search=rng.choice(["shelling", "air strike", "clashes", "protest talks"]), limit=100),
        "country + type + fatalities + since": lambda: Filters(country=rng.choice(COUNTRIES), type=rng.choice(TYPES), min_fatalities=1, since=day(), limit=100),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--db", default="/tmp/sitreps-bench-queries.db")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--keep", action="store_true", help="Reuse the store if it exists (skip filling).")
    ap.add_argument("--via-api", action="store_true", help="Fill through Store.batch (slow) instead of bulk inserts.")
    args = ap.parse_args()
    if not (args.keep and os.path.exists(args.db)):
        for suffix in ("", "-wal", "-shm"):
            Path(args.db + suffix).unlink(missing_ok=True)
        seconds = fill(args.db, args.events, bulk=not args.via_api)
        print(f"stored {args.events:,} synthetic events in {seconds:.0f} s ({args.events / seconds:,.0f} events/s)")
    store = open_store(args.db)
    n = store.counts()["events"]
    rng = random.Random(2)
    print(f"\n{n:,} events, {os.path.getsize(args.db) / 1e6:,.0f} MB, {platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, {date.today()}\n")
    print("| query (first 100 rows) | p50 ms | p95 ms | max ms |\n|---|---:|---:|---:|")
    for name, make in shapes(rng).items():
        times = []
        for _ in range(args.runs):
            filters = make()
            t = time.perf_counter()
            list(store.events(filters))
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
        print(f"| {name} | {statistics.median(times):.1f} | {p95:.1f} | {times[-1]:.1f} |")
    store.close()


if __name__ == "__main__":
    main()
