"""The dashboard in a real browser: Debian's chromium, driven by Playwright, over `sitreps serve`'s app
on a loopback port and a store seeded with the API tests' articles (one of them carrying markup).

Skipped locally when chromium, Playwright or the built dashboard (`make install`) is missing; CI sets
SITREPS_REQUIRE_BROWSER=1, and then a missing piece fails instead."""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
import urllib.request
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Iterator

import pytest

from apikit import HOSTILE, seed
from sitreps.api.app import DASHBOARD, create_app

CHROMIUM = os.environ.get("SITREPS_CHROMIUM", "/usr/bin/chromium")
#: Headless, and nothing that reaches the network on its own (updates, sync, QUIC probes).
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[test]')"
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        return f"no chromium at {CHROMIUM} (apt-get install chromium, or set SITREPS_CHROMIUM)"
    if not (DASHBOARD / "index.html").is_file():
        return f"the dashboard is not built in {DASHBOARD} (run make install, which needs npm)"
    return None


MISSING = _missing()
if MISSING:
    if os.environ.get("SITREPS_REQUIRE_BROWSER"):
        raise RuntimeError(f"SITREPS_REQUIRE_BROWSER is set but {MISSING}")
    pytest.skip(f"browser test skipped: {MISSING}", allow_module_level=True)

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402

expect.set_options(timeout=20_000)  # waits for the page to settle, on a busy machine too (not a speed check)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serving(store: str) -> Iterator[str]:
    """`sitreps serve` over ``store``, in a thread, on a free loopback port."""
    import uvicorn

    port = free_port()
    uv = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the API server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        uv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    """The API over a store seeded with the API tests' articles."""
    store = str(tmp_path_factory.mktemp("dashboard") / "store.db")
    seed(store)
    with serving(store) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser, server) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 1100}, base_url=server)
    tab = context.new_page()
    tab.dialogs = []  # type: ignore[attr-defined]
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))  # type: ignore[attr-defined]
    # Anything the page tried to run against its Content-Security-Policy is counted here.
    tab.add_init_script("window.__violations = [];"
                        "document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective));")
    outside: list[str] = []
    tab.on("request", lambda request: None if request.url.startswith(server) else outside.append(request.url))
    tab.goto("/")
    yield tab
    assert outside == [], f"the dashboard asked for something outside its server: {outside}"
    context.close()


ROWS = "#incidents tbody tr"
MARKERS = "path.marker-incident"


def loaded(page: Page, rows: int) -> None:
    expect(page.locator(ROWS)).to_have_count(rows)


def test_map_timeline_and_table_show_the_seeded_incidents(page: Page, tmp_path: Path):
    loaded(page, 5)
    expect(page.locator(MARKERS)).to_have_count(5)  # every incident has coordinates; two share Izium's point
    expect(page.locator("#map path.leaflet-interactive, #map svg path").first).to_be_visible()
    bars = page.locator("svg.timeline rect.bar")
    assert {bars.nth(i).get_attribute("data-day") for i in range(bars.count())} == {"2024-05-10", "2024-06-01", "2024-06-02", "2024-06-03"}
    expect(page.locator("svg.timeline polyline.fatalities")).to_have_count(1)
    expect(page.locator("#count")).to_contain_text("5 incidents")
    # The biggest toll has the biggest marker: Kharkiv (3 killed) against Odesa (1 killed).
    markers = page.locator(MARKERS)
    for i in range(5):  # a marker has no box until the map has laid it out (a CI run measured one too early)
        expect(markers.nth(i)).to_be_visible()
    radii = sorted(float(markers.nth(i).bounding_box()["width"]) for i in range(5))
    assert radii[-1] > radii[0]
    shot = tmp_path / "dashboard.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    if os.environ.get("SITREPS_SCREENSHOTS"):
        shutil.copy(shot, Path(os.environ["SITREPS_SCREENSHOTS"]) / "dashboard.png")


def test_filters_narrow_the_map_and_the_table(page: Page):
    loaded(page, 5)
    page.select_option("select[name=country]", "US")
    loaded(page, 1)
    expect(page.locator(MARKERS)).to_have_count(1)
    expect(page.locator(ROWS).first).to_contain_text("Memphis")
    page.click("button[type=reset]")
    loaded(page, 5)
    page.fill("input[name=search]", "school")
    loaded(page, 1)
    expect(page.locator(ROWS).first).to_contain_text("Izium")
    page.fill("input[name=search]", "")
    loaded(page, 5)
    page.fill("input[name=actor]", "gunman")
    loaded(page, 1)
    page.fill("input[name=actor]", "")
    loaded(page, 5)
    page.locator("input[name=min_confidence]").fill("0.7")  # the Memphis shooting is less sure (0.55)
    loaded(page, 4)
    expect(page.locator(ROWS).filter(has_text="Memphis")).to_have_count(0)


def test_a_brushed_range_of_days_filters_everything(page: Page):
    loaded(page, 5)
    box = page.locator("svg.timeline rect.bar[data-day='2024-06-03']").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.up()
    loaded(page, 1)
    expect(page.locator(ROWS).first).to_contain_text("Odesa")
    expect(page.locator(MARKERS)).to_have_count(1)
    expect(page.locator("#range")).to_contain_text("2024-06-03 to 2024-06-03")
    first = page.locator("svg.timeline rect.bar[data-day='2024-06-01']").bounding_box()
    last = page.locator("svg.timeline rect.bar[data-day='2024-06-02']").bounding_box()
    page.mouse.move(first["x"] + 1, first["y"] + first["height"] / 2)
    page.mouse.down()
    page.mouse.move(last["x"] + last["width"] - 1, last["y"] + last["height"] / 2, steps=5)
    page.mouse.up()
    loaded(page, 2)  # the Kharkiv strike (June 1-2) and the Memphis shooting (June 2)
    page.click("#clear-range")
    loaded(page, 5)


def test_an_incident_shows_its_reports_figures_by_source_and_highlighted_evidence(page: Page, tmp_path: Path):
    loaded(page, 5)
    page.locator(ROWS).filter(has_text="Kharkiv").first.click()
    panel = page.locator("#incident")
    expect(panel).to_be_visible()
    expect(panel.locator("article.report")).to_have_count(2)
    expect(panel.locator("ol.reports li")).to_have_count(2)
    figures = panel.locator("table.figures tbody tr")
    expect(figures.filter(has_text="regional governor")).to_have_count(2)  # killed and injured, each by source
    expect(figures.filter(has_text="police")).to_have_count(2)
    killed = panel.locator("mark.ev-fatalities")
    expect(killed.filter(has_text="killing two people")).to_have_count(1)
    expect(killed.filter(has_text="three people were killed")).to_have_count(1)
    expect(panel.locator("mark.ev-actors", has_text="Russian").first).to_be_visible()
    expect(panel.locator("mark.ev-trigger", has_text="strike").first).to_be_visible()
    assert panel.locator("mark.evidence").first.get_attribute("title")  # each highlight names the fields it is evidence for
    panel.screenshot(path=str(tmp_path / "incident.png"))
    if os.environ.get("SITREPS_SCREENSHOTS"):
        shutil.copy(tmp_path / "incident.png", Path(os.environ["SITREPS_SCREENSHOTS"]) / "incident.png")
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()


def test_markup_in_stored_articles_is_shown_as_text_and_runs_nothing(page: Page):
    loaded(page, 5)
    page.locator(ROWS).filter(has_text="school").first.click()
    panel = page.locator("#incident")
    expect(panel.locator("article.report")).to_have_count(1)
    expect(panel.locator("p.article")).to_have_text(HOSTILE)  # the markup is there, as characters
    expect(panel.locator("h2")).to_have_text('Strike on a school <img src=x onerror="alert(1)">')
    expect(panel.locator("article.report h3")).to_have_text('<script>alert("title")</script>')
    assert page.locator("#incident img, #incident script, #incidents img, #incidents script").count() == 0
    assert page.locator("img[onerror], [onerror]").count() == 0
    assert page.dialogs == []  # type: ignore[attr-defined]
    assert page.evaluate("window.__violations") == []


def test_many_incidents_are_gathered_into_grid_cells_by_the_server(browser, tmp_path):
    """Past SINGLE_LIMIT incidents in view (map.js) the map draws the server's grid cells, not one marker each."""
    from storekit import make_event, make_record

    store = str(tmp_path / "many.db")
    places = ["Kharkiv", "Odesa", "Izium", "Memphis"]
    days = [(date(2020, 1, 1) + timedelta(days=3 * i)).isoformat() for i in range(600)]  # days apart: nothing merges
    seed(store, [make_record(f"n{i}", day, make_event(f"n{i}", 1, place=places[i % 4], day=day, killed=i % 3), text=f"Report {i}.")
                 for i, day in enumerate(days)])
    with serving(store) as url:
        with urllib.request.urlopen(f"{url}/v1/stats?by=country") as answer:
            countries = {item["key"]: item["count"] for item in json.load(answer)["data"]}
        assert countries == {"UA": 450, "US": 150}
        context = browser.new_context(viewport={"width": 1280, "height": 1000}, base_url=url)
        page = context.new_page()
        page.goto("/")
        expect(page.locator(ROWS)).to_have_count(100)  # the first page; More follows the cursor
        expect(page.locator("#more")).to_be_visible()
        expect(page.locator("#status")).to_contain_text("600 incidents on the map")
        cells = page.locator("path.marker-cell")
        expect(cells.first).to_be_visible()
        assert 1 <= cells.count() <= 4 and page.locator(MARKERS).count() == 0  # four places, at most four cells
        page.click("#more")
        expect(page.locator(ROWS)).to_have_count(200)
        page.select_option("select[name=country]", "US")  # 150 Memphis incidents: few enough to draw one by one
        expect(page.locator("#status")).to_contain_text("150 incidents on the map")
        expect(page.locator("path.marker-cell")).to_have_count(0)
        assert page.locator(MARKERS).count() == 150
        context.close()
