"""The dashboard over many incidents: how long it takes to draw, and how many markers it draws.

    python benchmarks/dashboard_load.py [--reports 110000] [--db /tmp/sitreps-bench-dashboard.db] [--keep]

Fills a SQLite store with synthetic reports (2,000 towns; store_queries.py's countries, types and actors; five years),
stored and merged into incidents the ordinary way, unless --keep finds one; serves it on 127.0.0.1 (a
free port, in this process) and opens the built dashboard in Debian's chromium (Playwright, as the
browser test does). Times, from navigation or from the action until the table and the map are drawn:
the first load, a type filter, a brushed month on the timeline, and zooming the map in; and counts the
markers on the map each time (grid cells from /v1/stats when the view holds more than a few hundred
incidents). Bounded: each step waits at most 60 s and the server stops at the end. Not a test: results
go to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]

import storekit  # noqa: E402
from store_queries import ACTORS, COUNTRIES, TYPES  # noqa: E402
from storekit import make_event, make_record  # noqa: E402

from sitreps.store import open_store  # noqa: E402

CHROMIUM = os.environ.get("SITREPS_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def places(rng: random.Random, n: int = 2000) -> list[str]:
    """``n`` synthetic towns, each in its own region (incidents are blocked by region and day), spread over store_queries' countries."""
    names = []
    for k in range(n):
        country = COUNTRIES[k % len(COUNTRIES)]
        name = f"Town{k:04}"
        storekit.PLACES[name] = (country, f"Region {k:04}", rng.uniform(-40, 60), rng.uniform(-100, 120))
        names.append(name)
    return names


def fill(db: str, n: int, seed: int = 1) -> float:
    """``n`` one-event reports, stored and merged into incidents the ordinary way (2,000 towns over five years: few merge)."""
    rng = random.Random(seed)
    cities = places(rng)
    start = time.perf_counter()
    with open_store(db) as store:
        for b in range(0, n, 5000):
            with store.batch() as batch:
                for i in range(b, min(n, b + 5000)):
                    doc = f"d{i:07}"
                    day = (date(2020, 1, 1) + timedelta(days=rng.randrange(5 * 365))).isoformat()
                    event = make_event(doc, 1, place=rng.choice(cities), day=day, plover=rng.choice(TYPES),
                                       killed=rng.choice([None, 0, 1, 2, 3, 5, 10, 40]), initiator=rng.choice(ACTORS))
                    batch.add_record(make_record(doc, day, event, text=f"Synthetic report {i}."), source_input="synthetic")
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reports", type=int, default=110_000, help="Synthetic reports to store (a few merge into the same incident).")
    ap.add_argument("--db", default="/tmp/sitreps-bench-dashboard.db")
    ap.add_argument("--keep", action="store_true", help="Reuse the store if it exists (skip filling).")
    args = ap.parse_args()

    import uvicorn
    from playwright.sync_api import sync_playwright

    from sitreps.api.app import create_app

    if not (args.keep and Path(args.db).exists()):
        Path(args.db).unlink(missing_ok=True)
        print(f"filled {args.reports:,} reports in {fill(args.db, args.reports):.0f} s", file=sys.stderr)
    server = uvicorn.Server(uvicorn.Config(create_app(args.db), host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    print(f"dashboard over {args.db} ({platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {date.today()})")
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 1000})

            def counter(name: str) -> int:
                return int(page.evaluate(f"Number(document.body.dataset.{name} || 0)"))

            def reached(name: str, count: int) -> None:
                """Poll from outside the page (its Content-Security-Policy forbids the eval wait_for_function uses)."""
                deadline = time.perf_counter() + 60
                while counter(name) < count:
                    if time.perf_counter() > deadline:
                        raise TimeoutError(f"the page did not finish redraw {name} #{count} within 60 s")
                    time.sleep(0.01)

            def timed(label: str, action, name: str = "refreshed", times: int = 1) -> None:
                """Run ``action`` and wait until the page has finished that many more redraws (main.js / map.js count them)."""
                before = counter(name)
                start = time.perf_counter()
                action()
                reached(name, before + times)
                seconds = time.perf_counter() - start
                markers = page.locator("path.marker").count()
                print(f"  {label:<28} {seconds:6.2f} s   {markers:>5} circles   {page.locator('#status').inner_text():<42} {page.locator('#count').inner_text()}")

            def brush() -> None:
                bars = page.locator("svg.timeline rect.bar")
                first, last = bars.nth(0).bounding_box(), bars.nth(min(4, bars.count() - 1)).bounding_box()
                page.mouse.move(first["x"] + 1, first["y"] + first["height"] / 2)
                page.mouse.down()
                page.mouse.move(last["x"] + last["width"] - 1, last["y"] + last["height"] / 2, steps=3)
                page.mouse.up()

            def zoom_in() -> None:
                page.click(".leaflet-control-zoom-in")

            timed("first load", lambda: page.goto(base))
            reached("mapDrawn", 1)
            timed("a type filter", lambda: page.select_option("select[name=type]", index=1))
            timed("a brushed range (5 bars)", brush)
            timed("filters cleared", lambda: page.click("button[type=reset]"))
            for step in range(1, 4):
                timed(f"map zoomed in ({step})", zoom_in, "mapDrawn")
            timed("a text search", lambda: page.fill("input[name=search]", "Russia"))
            browser.close()
    finally:
        server.should_exit = True
        thread.join(timeout=10)


if __name__ == "__main__":
    main()
