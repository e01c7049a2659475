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
import os
import platform
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

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


def fill(db: str, n: int, seed: int = 1) -> float:
    rng = random.Random(seed)
    cities = places(rng)
    store = open_store(db)
    start = time.perf_counter()
    day0 = date(2020, 1, 1)
    batch_size = 5000
    for b in range(0, n, batch_size):
        with store.batch(merge=False) as batch:
            for i in range(b, min(n, b + batch_size)):
                doc = f"d{i:07}"
                day = (day0 + timedelta(days=rng.randrange(5 * 365))).isoformat()
                event = make_event(doc, 1, place=rng.choice(cities), day=day, plover=rng.choice(TYPES),
                                   killed=rng.choice([None, None, 0, 1, 2, 3, 5, 10, 40]), initiator=rng.choice(ACTORS),
                                   summary=f"{rng.choice(['Shelling', 'Air strike', 'Clashes', 'Protest', 'Talks'])} near {rng.choice(cities)}")
                batch.add_record(make_record(doc, day, event, text=f"Synthetic report {i}."), source_input="synthetic")
        if (b // batch_size) % 20 == 0:
            print(f"  {b + batch_size:,} events stored", file=sys.stderr)
    seconds = time.perf_counter() - start
    store.close()
    return seconds


def fill_bulk(db: str, n: int, seed: int = 1) -> float:
    """The same synthetic events, inserted with executemany in the store's column order."""
    import json

    from sitreps.store import rows

    rng = random.Random(seed)
    cities = places(rng)
    store = open_store(db)
    start = time.perf_counter()
    day0 = date(2020, 1, 1)
    for b in range(0, n, 20_000):
        docs, events = [], []
        for i in range(b, min(n, b + 20_000)):
            doc = f"d{i:07}"
            day = (day0 + timedelta(days=rng.randrange(5 * 365))).isoformat()
            place, plover, actor = rng.choice(cities), rng.choice(TYPES), rng.choice(ACTORS)
            killed = rng.choice([None, None, 0, 1, 2, 3, 5, 10, 40])
            country, admin1, lat, lon = storekit.PLACES[place]
            summary = f"{rng.choice(['Shelling', 'Air strike', 'Clashes', 'Protest', 'Talks'])} near {rng.choice(cities)}"
            event = make_event(doc, 1, place=place, day=day, plover=plover, killed=killed, initiator=actor, summary=summary)
            docs.append((doc, doc, "synthetic", f"Report {doc}", None, "Example Wire", day, "en", f"Synthetic report {i}.", "{}", "[]", "2026-01-01T00:00:00+00:00"))
            events.append((event["id"], doc, 0, day, day, "day", country, admin1, None, place, lat, lon, "city", plover, event["acled_type"],
                           event["acled_subtype"], actor[0], "civilians", f"{actor[0]}; civilians", killed, None, 0.8, summary,
                           f"{summary} {actor[0]} civilians {place} {admin1}", day, json.dumps(event), "{}"))
        with store.transaction():
            store.executemany(f"INSERT INTO documents ({', '.join(rows.DOCUMENT_COLUMNS)}) VALUES {store.in_list(rows.DOCUMENT_COLUMNS)}", docs)
            store.executemany(f"INSERT INTO events ({', '.join(rows.EVENT_COLUMNS)}) VALUES {store.in_list(rows.EVENT_COLUMNS)}", events)
        if (b // 20_000) % 5 == 0:
            print(f"  {b + 20_000:,} events stored", file=sys.stderr)
    seconds = time.perf_counter() - start
    store.execute("ANALYZE")
    store.close()
    return seconds


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
        seconds = (fill if args.via_api else fill_bulk)(args.db, args.events)
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
