"""The HTTP API, in-process over a temporary store the tests seed: lists, filters, pages, one
event or incident with its evidence, statistics, exports, and every bad input as a 4xx."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from fastapi.testclient import TestClient

from apikit import HOSTILE, KHARKIV_A, TOKEN, client, seed
from storekit import POSTGRES_URL, SKIP_POSTGRES, fresh_postgres


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def db(request, tmp_path_factory) -> str:
    """The seeded store: a SQLite file, and a real PostgreSQL server when SITREPS_TEST_POSTGRES names one."""
    if request.param == "postgres":
        if not POSTGRES_URL:
            pytest.skip(SKIP_POSTGRES)
        fresh_postgres()
        path = POSTGRES_URL
    else:
        path = str(tmp_path_factory.mktemp("api") / "store.db")
    seed(path)
    return path


@pytest.fixture(scope="module")
def api(db):
    with client(db, dashboard=None) as c:
        yield c


def ids(answer) -> list[str]:
    assert answer.status_code == 200, answer.text
    return [item["id"] for item in answer.json()["data"]]


def check_error(answer, status: int, code: str | None = None) -> dict:
    """Every error is the one shape, with the answer's status and a message that says what to do."""
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith("application/json")
    body = answer.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) == {"status", "code", "message", "field"}
    assert error["status"] == status
    assert error["code"].startswith("S") and len(error["code"]) == 4
    assert len(error["message"]) > 20 and "Traceback" not in error["message"]
    if code:
        assert error["code"] == code, error
    return error


def test_the_error_shape_is_pinned(api):
    answer = api.get("/v1/events/no-such-doc%23e1")
    assert answer.json() == {"error": {
        "status": 404, "code": "S704", "field": "event_id",
        "message": "no event with id 'no-such-doc#e1'. Event ids look like '<document id>#e1' (write '#' as %23 in the path); "
                   "GET /v1/events lists them."}}


def test_events_newest_first_with_document_and_incident(api):
    answer = api.get("/v1/events")
    assert ids(answer) == ["d#e1", "m#e1", "b#e1", "a#e1", "h#e1", "u#e1"]  # undated last
    first = answer.json()["data"][0]
    assert first["document"]["id"] == "d" and first["document"]["url"] == "https://news.example/d"
    assert first["incident_id"] and first["location"]["name"] == "Odesa" and first["fatalities"]["value"] == 1
    assert "text" not in first["document"]  # lists stay small; the text comes with one event
    assert answer.json()["count"] == 6 and answer.json()["next_cursor"] is None


@pytest.mark.parametrize("query, expected", [
    ("country=Ukraine", {"a#e1", "b#e1", "d#e1", "h#e1", "u#e1"}),
    ("country=US&min_fatalities=4", {"m#e1"}),
    ("admin1=odeska%20oblast", {"d#e1"}),
    ("since=2024-06-02&until=2024-06-02", {"m#e1"}),
    ("bbox=30,46,31,47", {"d#e1"}),
    ("type=Violence%20against%20civilians", {"m#e1"}),
    ("type=assault&actor=gunman", {"m#e1"}),
    ("search=Odesa", {"d#e1"}),
    ("min_confidence=0.7", {"a#e1", "b#e1", "d#e1", "h#e1", "u#e1"}),
    ("min_confidence=0.5&country=US", {"m#e1"}),
    ("type=PROTEST", set()),
])
def test_event_filters(api, query, expected):
    assert set(ids(api.get(f"/v1/events?{query}"))) == expected


@pytest.mark.parametrize("query", ["search=Kharkiv", "search=strike", "search=Odesa&country=UA", "search=nothing-matches", "bbox=30,40,40,55"])
def test_a_common_search_walks_the_day_index_with_the_same_answer(api, query, monkeypatch):
    from sitreps.store import sqlite

    rare = ids(api.get(f"/v1/events?{query}&limit=1")) + ids(api.get(f"/v1/events?{query}"))
    monkeypatch.setattr(sqlite, "COMMON_MATCHES", 0)  # every match count is "many": the other plan
    assert ids(api.get(f"/v1/events?{query}&limit=1")) + ids(api.get(f"/v1/events?{query}")) == rare


def test_pages_follow_the_cursor_to_the_end_without_repeats(api):
    seen, cursor, pages = [], None, 0
    while True:
        answer = api.get("/v1/events", params={"limit": 2, "country": "UA", **({"cursor": cursor} if cursor else {})})
        seen += ids(answer)
        cursor = answer.json()["next_cursor"]
        pages += 1
        if cursor is None:
            break
    assert seen == ["d#e1", "b#e1", "a#e1", "h#e1", "u#e1"] and pages == 3


def test_a_page_does_not_shift_when_items_are_stored_meanwhile(tmp_path):
    from storekit import make_event, make_record

    path = str(tmp_path / "s.db")
    seed(path)
    with client(path, dashboard=None) as c:
        first = c.get("/v1/events?limit=2").json()
        seed(path, [make_record("new", "2024-07-01", make_event("new", 1, day="2024-07-01"))])
        second = ids(c.get(f"/v1/events?limit=2&cursor={first['next_cursor']}"))
    assert [e["id"] for e in first["data"]] == ["d#e1", "m#e1"] and second == ["b#e1", "a#e1"]


def test_one_event_has_its_text_and_the_evidence_of_every_value(api):
    answer = api.get("/v1/events/a%23e1")
    assert answer.status_code == 200
    event = answer.json()
    text = event["document"]["text"]
    assert text == KHARKIV_A
    for span in event["evidence"]:
        assert text[span["start"]:span["end"]] == span["text"]
    by_field = {s["field"]: s["text"] for s in event["evidence"]}
    assert by_field["fatalities"] == "killing two people" and by_field["injured"] == "wounding five"
    assert by_field["trigger"] == "strike" and by_field["location"] == "Kharkiv" and by_field["actors[0]"] == "Russian"


def test_one_incident_lists_every_report_and_every_figure_by_source(api):
    kharkiv = next(i for i in api.get("/v1/incidents?admin1=Kharkivska%20Oblast&since=2024-06-01").json()["data"])
    answer = api.get(f"/v1/incidents/{kharkiv['id']}")
    assert answer.status_code == 200
    incident = answer.json()
    assert sorted(r["document_id"] for r in incident["reports"]) == ["a", "b"]
    killed = {(f["source"], f["value"], f["evidence"]) for f in incident["figures"] if f["kind"] == "killed"}
    assert killed == {("regional governor", 2, "killing two people"), ("police", 3, "three people were killed")}
    assert (incident["killed"]["low"], incident["killed"]["best"], incident["killed"]["high"]) == (2, 3, 3)
    assert {e["id"] for e in incident["events"]} == {"a#e1", "b#e1"}
    assert all(e["document"]["text"] and e["evidence"] for e in incident["events"])


def test_incident_filters_and_pages(api):
    assert len(ids(api.get("/v1/incidents"))) == 5
    assert len(ids(api.get("/v1/incidents?country=US"))) == 1
    first = api.get("/v1/incidents?limit=3").json()
    rest = ids(api.get(f"/v1/incidents?limit=3&cursor={first['next_cursor']}"))
    assert len(rest) == 2 and not set(rest) & {i["id"] for i in first["data"]}


def test_stats_by_day_week_country_and_type(api):
    day = api.get("/v1/stats?by=day&of=events").json()
    assert day["total"] == {"count": 6, "fatalities": 11}
    assert [(d["key"], d["count"], d["fatalities"]) for d in day["data"]] == [
        ("2024-05-10", 1, 1), ("2024-06-01", 2, 5), ("2024-06-02", 1, 4), ("2024-06-03", 1, 1), (None, 1, 0)]
    week = api.get("/v1/stats?by=week&of=events").json()["data"]
    assert [(w["key"], w["count"]) for w in week] == [("2024-05-06", 1), ("2024-05-27", 3), ("2024-06-03", 1), (None, 1)]
    country = api.get("/v1/stats?by=country").json()
    assert [(c["key"], c["count"]) for c in country["data"]] == [("UA", 4), ("US", 1)]
    admin1 = api.get("/v1/stats?by=admin1&country=UA").json()["data"]
    assert admin1[0] == {"key": "UA/Kharkivska Oblast", "country": "UA", "admin1": "Kharkivska Oblast", "count": 3, "fatalities": 4}
    assert api.get("/v1/stats?by=type&type=PROTEST").json() == {"by": "type", "of": "incidents", "total": {"count": 0, "fatalities": 0},
                                                                "data": []}


def test_stats_grid_gathers_nearby_incidents_and_names_lone_ones(api):
    coarse = api.get("/v1/stats?by=grid&zoom=3").json()
    assert sum(c["count"] for c in coarse["data"]) == 5  # every incident has coordinates here
    ukraine = [c for c in coarse["data"] if c["count"] == 3][0]
    assert ukraine["id"] is None and ukraine["bbox"] == [36.23, 49.21, 37.26, 49.99]
    lone = [c for c in coarse["data"] if c["count"] == 1]
    assert all(c["id"].startswith("inc-") for c in lone)
    fine = api.get("/v1/stats?by=grid&zoom=12&bbox=36,49,38,50").json()["data"]
    assert sorted(c["count"] for c in fine) == [1, 2]  # Izium's two incidents share a point; Kharkiv stands alone


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "acled-csv", "geojson", "parquet"])
def test_export_gives_the_cli_formats(api, fmt, tmp_path):
    answer = api.get(f"/v1/export?format={fmt}&country=UA&kind=events")
    assert answer.status_code == 200, answer.text
    assert "attachment" in answer.headers["content-disposition"]
    if fmt == "jsonl":
        assert {json.loads(line)["id"] for line in answer.text.splitlines()} == {"a#e1", "b#e1", "d#e1", "h#e1", "u#e1"}
    elif fmt in ("csv", "acled-csv"):
        assert len(list(csv.DictReader(io.StringIO(answer.text)))) == 5
    elif fmt == "geojson":
        assert answer.json()["type"] == "FeatureCollection" and len(answer.json()["features"]) == 5
    else:
        import pyarrow.parquet as pq

        (tmp_path / "x.parquet").write_bytes(answer.content)
        assert pq.read_table(tmp_path / "x.parquet").num_rows == 5


def test_export_of_incidents_with_a_limit(api):
    lines = api.get("/v1/export?kind=incidents&limit=2").text.splitlines()
    assert len(lines) == 2 and all(json.loads(line)["id"].startswith("inc-") for line in lines)


def test_healthz_says_read_only_without_a_token(api, db):
    assert api.get("/healthz").json() == {"status": "ok", "version": __import__("sitreps").__version__,
                                          "store": "postgres" if db.startswith("postgresql://") else "sqlite",
                                          "read_only": True, "dashboard": False}


def test_openapi_lists_every_endpoint(api):
    paths = set(api.get("/openapi.json").json()["paths"])
    assert {"/healthz", "/v1/events", "/v1/events/{event_id}", "/v1/incidents", "/v1/incidents/{incident_id}", "/v1/stats",
            "/v1/export", "/v1/documents"} <= paths


def test_the_api_reference_needs_no_internet(api):
    page = api.get("/docs")
    assert page.status_code == 200 and "/openapi.json" in page.text
    scripts = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page.text)
    assert scripts and all(url.startswith("/docs/static/") for url in scripts), scripts
    assert all(api.get(url).status_code == 200 for url in scripts)


# -- bad input: always a 4xx in the one shape, never a 500 -------------------------------------
BAD_GETS = [
    ("/v1/events?contry=UA", 400, "S702"),
    ("/v1/events?limit=0", 422, "S701"),
    ("/v1/events?limit=5000", 422, "S701"),
    ("/v1/events?limit=ten", 422, "S701"),
    ("/v1/events?min_fatalities=-1", 422, "S701"),
    ("/v1/events?min_confidence=2", 422, "S701"),
    ("/v1/events?since=yesterday", 422, "S701"),
    ("/v1/events?since=2024-06-03&until=2024-06-01", 422, "S701"),
    ("/v1/events?bbox=1,2", 400, "S521"),
    ("/v1/events?bbox=10,10,0,0", 400, "S521"),
    ("/v1/events?country=Atlantis", 400, "S520"),
    ("/v1/events?search=%21%21%21", 400, "S522"),
    ("/v1/events?cursor=garbage", 400, "S703"),
    ("/v1/events?cursor=bm90IGpzb24", 400, "S703"),
    ("/v1/events?cursor=eyJ2IjoxLCJrIjoiaW5jaWRlbnRzIiwiZCI6bnVsbCwiaSI6IngifQ", 400, "S703"),  # an incidents cursor
    ("/v1/events?" + "country=" + "x" * 5000, 422, "S701"),
    ("/v1/events/nope", 404, "S704"),
    ("/v1/incidents/nope", 404, "S704"),
    ("/v1/incidents?cursor=%FF%FE", 400, "S703"),
    ("/v1/stats?by=month", 422, "S701"),
    ("/v1/stats?by=day&zoom=3", 422, "S701"),
    ("/v1/stats?by=grid&zoom=99", 422, "S701"),
    ("/v1/stats?of=documents", 422, "S701"),
    ("/v1/export?format=xlsx", 422, "S701"),
    ("/v1/export?kind=people", 422, "S701"),
    ("/v1/export?limit=0", 422, "S701"),
    ("/healthz?verbose=1", 400, "S702"),
    ("/v2/events", 404, "S704"),
]


@pytest.mark.parametrize("path, status, code", BAD_GETS)
def test_bad_queries_are_4xx_in_the_error_shape(api, path, status, code):
    check_error(api.get(path), status, code)


@pytest.fixture(scope="module")
def writer(db, extractor):
    with client(db, token=TOKEN, dashboard=None, max_body=5_000, extractor_factory=lambda: extractor) as c:
        yield c


AUTH = {"Authorization": f"Bearer {TOKEN}"}
BAD_POSTS = [
    ({"content": b'{"text": "unclosed', "headers": {"Content-Type": "application/json"}}, 400, "S705"),
    ({"content": b"\xff\xfe not utf-8", "headers": {"Content-Type": "application/json"}}, 400, "S705"),
    ({"json": ["a list"]}, 422, "S701"),
    ({"json": {"text": 5}}, 422, "S701"),
    ({"json": {"text": ""}}, 422, "S701"),
    ({"json": {"text": "a", "html": "<p>b</p>"}}, 422, "S701"),
    ({"json": {}}, 422, "S701"),
    ({"json": {"txt": "misspelt field"}}, 422, "S701"),
    ({"json": {"text": "Shelling in Kharkiv.", "published": "last Tuesday"}}, 422, "S106"),
    ({"json": {"url": "http://127.0.0.1:9/article"}}, 422, "S602"),  # the private-address guard of `ingest`
    ({"json": {"url": "http://[::1]/article"}}, 422, "S602"),
    ({"json": {"url": "file:///etc/passwd"}}, 422, "S701"),
    ({"json": {"html": "<html><body></body></html>"}}, 422, "S112"),
    ({"content": b"text=hello", "headers": {"Content-Type": "application/x-www-form-urlencoded"}}, 415, "S710"),
    ({"json": {"text": "x" * 6_000}}, 413, "S706"),
    ({"chunks": [b'{"text": "', b"y" * 6_000, b'"}'], "headers": {"Content-Type": "application/json"}}, 413, "S706"),  # no length given
]


@pytest.mark.parametrize("kwargs, status, code", BAD_POSTS)
def test_bad_documents_are_4xx_in_the_error_shape(writer, kwargs, status, code):
    kwargs = {**kwargs, "headers": {**AUTH, **kwargs.get("headers", {})}}
    if "chunks" in kwargs:  # sent chunked, so only the count of bytes read can stop it
        kwargs["content"] = iter(kwargs.pop("chunks"))
    check_error(writer.post("/v1/documents", **kwargs), status, code)


def test_wrong_methods_are_405(api):
    check_error(api.delete("/v1/events"), 405, "S709")
    check_error(api.put("/v1/documents", json={}), 405, "S709")


# -- writing -------------------------------------------------------------------------------------
ARTICLE = ("KHARKIV, June 5 (Example Wire) - A Russian missile strike on an apartment block in Kharkiv on Wednesday "
           "killed three people and wounded 14, regional governor Oleh Syniehubov said.")


def test_a_document_is_extracted_stored_and_merged(writer):
    answer = writer.post("/v1/documents", json={"text": ARTICLE, "published": "2024-06-05", "id": "wire-1", "source": "Example Wire"},
                         headers=AUTH)
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert body["stored"] is True
    record = body["record"]
    assert record["document"]["id"] == "wire-1" and record["document"]["text"] == ARTICLE
    event = record["events"][0]
    assert event["fatalities"]["value"] == 3 and event["location"]["name"].startswith("Kharkiv") and event["incident_id"]
    assert event["id"] in ids(writer.get("/v1/events?since=2024-06-05"))
    again = writer.post("/v1/documents", json={"text": ARTICLE, "id": "wire-1"}, headers=AUTH)
    assert again.status_code == 200 and again.json()["stored"] is False and again.json()["record"] == record


def test_html_is_reduced_to_its_article_text(writer):
    html = (f"<html><head><title>Strike on Kharkiv</title></head><body><nav>Home | World</nav><article><h1>Strike on Kharkiv</h1>"
            f"<p>{ARTICLE}</p><p>Rescuers searched the rubble through the night.</p></article></body></html>")
    answer = writer.post("/v1/documents", json={"html": html, "published": "2024-06-05"}, headers=AUTH)
    assert answer.status_code == 201, answer.text
    text = answer.json()["record"]["document"]["text"]
    assert "killed three people" in text and "Home | World" not in text


def test_a_url_is_fetched_with_the_given_fetcher(db, extractor):
    from sitreps.ingest.url import Page

    page = Page("https://news.example/strike", f"<html><body><article><p>{ARTICLE}</p></article></body></html>".encode(), "text/html")
    with client(db, token=TOKEN, dashboard=None, extractor_factory=lambda: extractor, fetcher=lambda url: page) as c:
        answer = c.post("/v1/documents", json={"url": "https://news.example/strike", "published": "2024-06-05"}, headers=AUTH)
    assert answer.status_code in (200, 201), answer.text
    assert answer.json()["record"]["document"]["url"] == "https://news.example/strike"


# -- security --------------------------------------------------------------------------------
def test_writes_need_the_token(writer, api):
    check_error(api.post("/v1/documents", json={"text": ARTICLE}), 403, "S708")  # no token configured: read-only
    missing = writer.post("/v1/documents", json={"text": ARTICLE})
    check_error(missing, 401, "S707")
    assert missing.headers["www-authenticate"] == "Bearer"
    check_error(writer.post("/v1/documents", json={"text": ARTICLE}, headers={"Authorization": "Bearer wrong"}), 401, "S707")
    check_error(writer.post("/v1/documents", json={"text": ARTICLE}, headers={"Authorization": TOKEN}), 401, "S707")


def test_markup_in_stored_articles_comes_back_as_json_data(api):
    answer = api.get("/v1/events/h%23e1")
    assert answer.headers["content-type"] == "application/json"
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert "script-src 'self'" in answer.headers["content-security-policy"]
    event = answer.json()
    assert event["document"]["text"] == HOSTILE and event["document"]["title"] == '<script>alert("title")</script>'
    assert event["summary"] == 'Strike on a school <img src=x onerror="alert(1)">'
    listed = api.get("/v1/events?search=school")
    assert listed.headers["content-type"] == "application/json" and ids(listed) == ["h#e1"]


def test_cors_is_off_unless_configured(db):
    with client(db, dashboard=None) as c:
        plain = c.get("/v1/events", headers={"Origin": "https://evil.example"})
        preflight = c.options("/v1/events", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"})
    assert not [h for h in plain.headers if h.lower().startswith("access-control-")]
    assert not [h for h in preflight.headers if h.lower().startswith("access-control-")]
    with client(db, dashboard=None, cors_origins=["https://maps.example"]) as c:
        allowed = c.get("/v1/events", headers={"Origin": "https://maps.example"})
        other = c.get("/v1/events", headers={"Origin": "https://evil.example"})
    assert allowed.headers["access-control-allow-origin"] == "https://maps.example"
    assert "access-control-allow-origin" not in other.headers


def test_a_bug_answers_500_without_a_stack_trace(db, monkeypatch):
    from sitreps.store import api_queries

    def broken(*args, **kwargs):
        raise RuntimeError("secret detail /home/someone/db.sqlite")

    monkeypatch.setattr(api_queries, "events_page", broken)
    with client(db, dashboard=None) as c:
        answer = c.get("/v1/events")
    error = check_error(answer, 500, "S799")
    assert "secret" not in answer.text and "RuntimeError" not in answer.text and "Traceback" not in answer.text
    assert error["field"] is None


# -- the dashboard ---------------------------------------------------------------------------
def test_the_dashboard_says_when_it_is_not_built(api):
    answer = api.get("/")
    assert answer.status_code == 503 and "not built" in answer.text and "README" in answer.text


def test_the_built_dashboard_is_served_at_the_root(db, tmp_path):
    (tmp_path / "index.html").write_text("<!doctype html><title>sitreps</title><script src='app.js'></script>")
    (tmp_path / "app.js").write_text("console.log('map')")
    with client(db, dashboard=tmp_path) as c:
        index, script, health = c.get("/"), c.get("/app.js"), c.get("/healthz")
        check_error(c.get("/v1/nothing-here"), 404, "S704")
    assert index.status_code == 200 and "<title>sitreps</title>" in index.text
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    assert health.json()["dashboard"] is True


def test_serve_says_it_is_read_only_without_a_token(db, monkeypatch):
    import uvicorn
    from click.testing import CliRunner

    from sitreps.cli.main import cli

    ran = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: ran.update(app=app, **kw))
    monkeypatch.delenv("SITREPS_API_TOKEN", raising=False)
    result = CliRunner().invoke(cli, ["serve", "--db", db, "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert "read-only" in result.output and ran["port"] == 8123 and ran["host"] == "127.0.0.1"
    assert ran["app"].state.sitreps.read_only


def test_serve_refuses_a_store_that_does_not_exist(tmp_path, monkeypatch):
    import uvicorn
    from click.testing import CliRunner

    from sitreps.cli.main import cli

    monkeypatch.setattr(uvicorn, "run", lambda *a, **kw: pytest.fail("the server must not start"))
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "typo.db")])
    assert result.exit_code == 2 and "S508" in result.output and "sitreps ingest" in result.output
    assert not (tmp_path / "typo.db").exists()


def test_serve_with_workers_hands_its_options_to_each_process(db, monkeypatch):
    import uvicorn
    from click.testing import CliRunner

    from sitreps.api.app import OPTIONS_ENV, from_environment
    from sitreps.cli.main import cli

    ran = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: ran.update(app=app, **kw))
    monkeypatch.setenv("SITREPS_API_TOKEN", TOKEN)
    monkeypatch.delenv(OPTIONS_ENV, raising=False)
    result = CliRunner().invoke(cli, ["serve", "--db", db, "--workers", "2", "--max-body", "5000", "--cors-origin", "https://maps.example"])
    assert result.exit_code == 0, result.output
    assert ran["app"] == "sitreps.api.app:from_environment" and ran["factory"] and ran["workers"] == 2
    with TestClient(from_environment()) as worker:  # what each worker process builds
        assert worker.get("/healthz").json()["read_only"] is False
        check_error(worker.post("/v1/documents", content=b"x" * 6000, headers={**AUTH, "Content-Type": "application/json"}), 413, "S706")
        assert worker.get("/v1/events", headers={"Origin": "https://maps.example"}).headers["access-control-allow-origin"] == "https://maps.example"

