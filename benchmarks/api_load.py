"""Load on the HTTP API: `GET /v1/events?limit=100` with filters over a large synthetic store.

    python benchmarks/api_load.py [--events 1000000] [--db /tmp/sitreps-bench-api.db] [--keep]
                                  [--clients 16] [--seconds 20]

Fills a SQLite store with N synthetic events (store_queries.py's bulk generator: one event per
document, five years, 200 places in 20 countries) unless --keep finds one, starts `sitreps serve`
on 127.0.0.1 (loopback only, a free port, `--workers` uvicorn processes) and then, as a separate process:

1. one client, `--sequential` requests one after the other: latency p50/p95/p99 without queueing;
2. `--clients` concurrent clients (asyncio + httpx, one keep-alive connection each) for
   `--seconds`: requests per second and latency under load.

Each request draws one of eight filter shapes (country + since, a month, admin1, bbox, type +
minimum fatalities, actor, full text, the next page of a cursor). Bounded: it stops after the
given time and always stops the server. Not a test: results go to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import httpx

from store_queries import ACTORS, COUNTRIES, TYPES, fill  # the store benchmark's synthetic events (bulk insert)

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def queries(rng: random.Random) -> list:
    def day() -> str:
        return (date(2020, 1, 1) + timedelta(days=rng.randrange(5 * 365))).isoformat()

    def month() -> dict:
        d = day()
        return {"since": d, "until": (date.fromisoformat(d) + timedelta(days=30)).isoformat()}

    def bbox() -> str:
        x, y = rng.uniform(-100, 100), rng.uniform(-40, 40)
        return f"{x:.2f},{y:.2f},{x + 10:.2f},{y + 10:.2f}"

    return [
        ("country + since", lambda: {"country": rng.choice(COUNTRIES), "since": day()}),
        ("a month", month),
        ("admin1", lambda: {"admin1": f"Region {rng.choice(COUNTRIES)}-{rng.randrange(4)}"}),
        ("bbox", lambda: {"bbox": bbox()}),
        ("type + min_fatalities", lambda: {"type": rng.choice(TYPES), "min_fatalities": rng.choice([5, 10, 40])}),
        ("actor", lambda: {"actor": rng.choice(ACTORS)[0]}),
        ("search (full text)", lambda: {"search": rng.choice(["shelling", "air strike", "clashes", "protest talks"])}),
        ("country + min_confidence, page 2", lambda: {"country": rng.choice(COUNTRIES), "min_confidence": 0.5, "next": True}),
    ]


async def one(client: httpx.AsyncClient, params: dict) -> float:
    """The time of one request; for the cursor shape, of the second page (the first is fetched untimed)."""
    if params.pop("next", False):
        first = await client.get("/v1/events", params={"limit": 100, **params})
        first.raise_for_status()
        if first.json()["next_cursor"]:
            params["cursor"] = first.json()["next_cursor"]
    start = time.perf_counter()
    r = await client.get("/v1/events", params={"limit": 100, **params})
    r.raise_for_status()
    return (time.perf_counter() - start) * 1000


async def sequential(base: str, n: int, rng: random.Random) -> dict[str, list[float]]:
    """``n`` requests one after the other, shapes in turn; the times of each shape."""
    shapes = queries(rng)
    out: dict[str, list[float]] = {name: [] for name, _ in shapes}
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        for i in range(n):
            name, make = shapes[i % len(shapes)]
            out[name].append(await one(client, make()))
    return out


async def concurrent(base: str, clients: int, seconds: float, rng: random.Random) -> tuple[list[float], float, int]:
    shapes = queries(rng)
    times: list[float] = []
    errors = 0
    stop = time.perf_counter() + seconds

    async def worker() -> None:
        nonlocal errors
        async with httpx.AsyncClient(base_url=base, timeout=30) as client:
            while time.perf_counter() < stop:
                try:
                    times.append(await one(client, rng.choice(shapes)[1]()))
                except httpx.HTTPError:
                    errors += 1

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(clients)))
    return times, time.perf_counter() - start, errors


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def line(name: str, times: list[float], extra: str = "") -> str:
    return (f"| {name} | {len(times):,} | {statistics.median(times):.1f} | {pct(times, 0.95):.1f} | {pct(times, 0.99):.1f} | "
            f"{max(times):.1f} | {extra} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--db", default="/tmp/sitreps-bench-api.db")
    ap.add_argument("--keep", action="store_true", help="Reuse the store if it exists (skip filling).")
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--seconds", type=float, default=20.0, help="How long the concurrent phase runs (at most 300).")
    ap.add_argument("--sequential", type=int, default=400, help="Requests of the one-client phase.")
    ap.add_argument("--workers", type=int, default=1, help="Server processes (sitreps serve --workers).")
    args = ap.parse_args()
    args.seconds = min(args.seconds, 300.0)
    if not (args.keep and os.path.exists(args.db)):
        for suffix in ("", "-wal", "-shm"):
            Path(args.db + suffix).unlink(missing_ok=True)
        seconds = fill(args.db, args.events)
        print(f"stored {args.events:,} synthetic events in {seconds:.0f} s")
    port = free_port()
    base = f"http://{HOST}:{port}"
    env = {k: v for k, v in os.environ.items() if k != "SITREPS_API_TOKEN"}
    server = subprocess.Popen([sys.executable, "-m", "sitreps", "serve", "--db", args.db, "--host", HOST, "--port", str(port),
                               "--workers", str(args.workers)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                health = httpx.get(f"{base}/healthz", timeout=2)
                if health.status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the server did not start: {server.stderr.read().decode() if server.stderr else ''}")
            time.sleep(0.5)
        rng = random.Random(3)
        asyncio.run(sequential(base, 20, rng))  # warm the caches
        seq = asyncio.run(sequential(base, args.sequential, rng))
        times, elapsed, errors = asyncio.run(concurrent(base, args.clients, args.seconds, rng))
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\n{args.events:,} events in {args.db} ({os.path.getsize(args.db) / 1e6:,.0f} MB); {platform.machine()}, "
          f"{os.cpu_count()} cores, load average {load:.1f} at the end; Python {platform.python_version()}; {date.today()}\n")
    print("| GET /v1/events?limit=100 + filters | requests | p50 ms | p95 ms | p99 ms | max ms | throughput |")
    print("|---|---:|---:|---:|---:|---:|---|")
    print(line("1 client, one after the other: all shapes", [t for ts in seq.values() for t in ts]))
    for name, ts in seq.items():
        print(line(f"1 client: {name}", ts))
    print(line(f"{args.clients} concurrent clients, {args.seconds:g} s, {args.workers} server process(es)", times, f"{len(times) / elapsed:,.0f} requests/s, {errors} errors"))


if __name__ == "__main__":
    main()
