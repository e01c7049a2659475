"""What `sitreps ingest` reads: folders, JSON Lines, feeds, URLs (through a real local HTTP server)
and WARC archives, each bad input a coded Unreadable while reading goes on."""

from __future__ import annotations

import io
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from sitreps.errors import SourceError
from sitreps.ingest.sources import Unreadable, read_sources
from sitreps.ingest.url import check_host, fetch
from sitreps.record import text_id

ARTICLE = "A missile strike on a school in Izium killed two people on Monday, the regional governor said."
PAGE = f"<html><head><title>Strike on Izium</title></head><body><article><h1>Strike on Izium</h1><p>{ARTICLE}</p><p>{ARTICLE.replace('two', 'three')}</p></article></body></html>"


def items_and_bad(inputs, **kw):
    out = list(read_sources(inputs, **kw))
    return [x for x in out if not isinstance(x, Unreadable)], [x for x in out if isinstance(x, Unreadable)]


def test_a_bad_json_line_is_a_failure_and_the_other_lines_are_read(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join([
        json.dumps({"doc_id": "g1", "dct": "2016-03-21", "text": ARTICLE}),
        '{"text": "unterminated',
        json.dumps({"title": "no text"}),
        json.dumps({"id": "g2", "published": "2016-03-22", "text": ARTICLE + " Again."}),
    ]), encoding="utf-8")
    items, bad = items_and_bad([str(path)])
    assert [(i["id"], i["published"]) for i in items] == [("g1", "2016-03-21"), ("g2", "2016-03-22")]
    assert [(b.input, b.code) for b in bad] == [(f"{path}:2", "S109"), (f"{path}:3", "S110")]


def test_a_folder_is_walked_and_only_articles_are_taken(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sub" / "b.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\x00\x00")
    (tmp_path / ".hidden.txt").write_text("not this", encoding="utf-8")
    items, bad = items_and_bad([str(tmp_path)])
    assert not bad
    assert [i["input"].rsplit("/", 1)[-1] for i in items] == ["a.txt", "b.html"]
    assert items[0]["id"] == text_id(ARTICLE)
    assert items[1]["title"] == "Strike on Izium" and "Izium" in items[1]["text"]


def test_missing_and_binary_inputs_are_failures_not_crashes(tmp_path):
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01\x02" * 10)
    items, bad = items_and_bad([str(tmp_path / "missing.txt"), str(binary)])
    assert not items and [b.code for b in bad] == ["S107", "S101"]


def test_a_feed_that_is_not_xml_is_a_coded_failure(tmp_path):
    broken, html = tmp_path / "feed.xml", tmp_path / "news.rss"
    broken.write_text("<rss><channel><item><title>broken & unclosed", encoding="utf-8")
    html.write_text("Sorry, the feed moved. See our home page.", encoding="utf-8")
    items, bad = items_and_bad([str(broken), str(html)])
    assert not items and [b.code for b in bad] == ["S610", "S610"]


@pytest.mark.parametrize("address", ["127.0.0.1", "10.1.2.3", "192.168.0.10", "169.254.169.254", "::1", "fe80::1", "::ffff:127.0.0.1", "0.0.0.0"])
def test_private_loopback_and_link_local_addresses_are_refused(address):
    with pytest.raises(SourceError, match="S602"):
        check_host(address)
    check_host(address, allow_private=True)


def test_public_addresses_pass_the_check():
    check_host("93.184.216.34")
    check_host("2606:2800:220:1:248:1893:25c8:1946")


class Handler(BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, str, bytes, dict[str, str]]] = {}

    def do_GET(self):  # noqa: N802 - http.server's name
        status, ctype, body, headers = self.routes.get(self.path, (404, "text/plain", b"not found", {}))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    Handler.routes = {
        "/story": (200, "text/html; charset=utf-8", PAGE.encode(), {}),
        "/feed": (200, "application/rss+xml", f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
            <item><title>Strike on Izium</title><link>{base}/story</link><pubDate>Mon, 03 Jun 2024 08:00:00 GMT</pubDate></item>
            <item><title>Gone</title><link>{base}/gone</link></item></channel></rss>""".encode(), {}),
        "/loop": (302, "text/plain", b"", {"Location": "/loop"}),
        "/big": (200, "text/html", b"<p>" + b"x" * 50_000 + b"</p>", {}),
    }
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def test_a_local_url_is_refused_unless_allowed(server):
    items, bad = items_and_bad([f"{server}/story"])
    assert not items and bad[0].code == "S602" and "--allow-private" in bad[0].message
    items, bad = items_and_bad([f"{server}/story"], allow_private=True)
    assert not bad and items[0]["title"] == "Strike on Izium" and items[0]["url"] == f"{server}/story"


def test_a_feed_fetches_its_item_pages_and_a_missing_page_is_one_failure(server):
    items, bad = items_and_bad([f"{server}/feed"], allow_private=True)
    assert [(i["title"], i["url"]) for i in items] == [("Strike on Izium", f"{server}/story")]
    assert [(b.input, b.code) for b in bad] == [(f"{server}/gone", "S604")]


def test_redirect_loops_size_caps_and_closed_ports_are_coded(server):
    with pytest.raises(SourceError, match="S608"):
        fetch(f"{server}/loop", allow_private=True)
    with pytest.raises(SourceError, match="S605"):
        fetch(f"{server}/big", allow_private=True, max_bytes=10_000)
    with pytest.raises(SourceError, match="S607"):
        fetch("http://127.0.0.1:9/", allow_private=True, timeout=2)


def _warc(pages: list[tuple[str, str]], gz: bool = False) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)  # WARC.gz: one gzip member per record, as Common Crawl writes them
    for url, html in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()), http_headers=headers))
    return out.getvalue()


def test_warc_and_warc_gz_responses_become_articles(tmp_path):
    pages = [("https://news.example/a", PAGE), ("https://news.example/b", PAGE.replace("Izium", "Kupiansk"))]
    (tmp_path / "cc.warc").write_bytes(_warc(pages))
    (tmp_path / "cc.warc.gz").write_bytes(_warc(pages, gz=True))
    for name in ("cc.warc", "cc.warc.gz"):
        items, bad = items_and_bad([str(tmp_path / name)])
        assert not bad
        assert [i["url"] for i in items] == ["https://news.example/a", "https://news.example/b"]
        assert "Kupiansk" in items[1]["text"]


def test_a_warc_record_with_a_wrong_length_keeps_the_records_before_it(tmp_path):
    first = _warc([("https://news.example/a", PAGE)])
    second = _warc([("https://news.example/b", PAGE)])
    length = int(re.search(rb"Content-Length: (\d+)", second).group(1))
    short = second.replace(b"Content-Length: %d" % length, b"Content-Length: %d" % (length - 300), 1)  # claims fewer bytes than follow
    third = _warc([("https://news.example/c", PAGE)])
    (tmp_path / "bad.warc").write_bytes(first + short + third)
    items, bad = items_and_bad([str(tmp_path / "bad.warc")])
    urls = [i["url"] for i in items]
    assert urls[0] == "https://news.example/a" and urls[-1] == "https://news.example/c"
    assert "S611" in [b.code for b in bad] and "Content-Length" in [b for b in bad if b.code == "S611"][0].message


def test_a_file_that_is_no_warc_is_one_failure(tmp_path):
    (tmp_path / "notes.warc.gz").write_bytes(b"these are notes, not an archive\n" * 20)
    items, bad = items_and_bad([str(tmp_path / "notes.warc.gz")])
    assert not items and {b.code for b in bad} == {"S611"} and len(bad) <= 2
