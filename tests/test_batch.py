"""Batch extraction on a Dask cluster: partitions, resume, worker loss, failure rows, Parquet schema.

The cluster tests share one LocalCluster of 2 single-threaded worker processes (each loads the
model once); inputs are small WARC and JSON Lines files the tests write.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import signal
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from distributed import WorkerPlugin

from sitreps.batch import schema
from sitreps.batch.shards import MANIFEST, Output, plan
from sitreps.errors import BatchError

STORIES = [
    "Russian missiles struck an apartment block in Kharkiv on Tuesday, killing three people and injuring 14, the regional governor said.",
    "Police fired tear gas at protesters in Nairobi on Monday; two people were killed, the Kenya Red Cross said.",
    "A roadside bomb killed four soldiers in northern Mali on Sunday, the army said in a statement.",
    "Israeli air strikes on Gaza City killed at least 12 people overnight, health officials said.",
    "Gunmen attacked a village in Zamfara state, Nigeria, killing 20 residents, police said on Friday.",
    "Ukrainian drones hit an oil depot in Bryansk region overnight, starting a fire, the governor said.",
    "Two people were killed when shells hit a market in Donetsk on Saturday, local officials said.",
    "Clashes between army troops and rebels near Goma left five fighters dead on Thursday, the army said.",
]


def write_warc(path: Path, texts: list[str], gzip: bool = True) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        for i, text in enumerate(texts):
            # a request record and a non-HTML response are skipped: only HTML pages are articles
            writer.write_record(writer.create_warc_record(f"https://news.example/{i}", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
            html = (f"<html><head><title>Story {i}</title></head><body><article><h1>Story {i}</h1>"
                    f"<p>{text}</p><p>Officials gave no further details on {i + 1} December.</p></article></body></html>")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://news.example/{i}", "response", payload=io.BytesIO(html.encode()), http_headers=headers))
            image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://news.example/{i}.png", "response", payload=io.BytesIO(b"\x89PNG"), http_headers=image))
    return path


def write_jsonl(path: Path, texts: list[str], prefix: str = "j") -> Path:
    path.write_text("".join(json.dumps({"id": f"{prefix}{i}", "text": t, "published": "2024-06-05"}) + "\n" for i, t in enumerate(texts)), encoding="utf-8")
    return path


def read_all(out: Path) -> dict[str, list[dict]]:
    return {kind: schema.read(out, kind).to_pylist() for kind in schema.TABLES}


# -- partitions and the manifest (no cluster) -----------------------------------------------------
def test_partitions_cover_every_document_once_with_stable_ids(tmp_path):
    warc = write_warc(tmp_path / "a.warc.gz", STORIES[:5])
    jsonl = write_jsonl(tmp_path / "b.jsonl", STORIES)
    parts = plan([str(warc), str(jsonl)], size=2)
    assert [p.id for p in parts] == [p.id for p in plan([str(warc), str(jsonl)], size=2)]
    assert len({p.id for p in parts}) == len(parts) == 3 + 4
    inputs = [item["input"] for p in parts for item in p.items()]
    assert len(inputs) == len(set(inputs)) == 5 + 8
    texts = [item["text"] for p in parts for item in p.items()]
    assert sum(STORIES[0] in t for t in texts) == 2  # once from the WARC, once from the JSON Lines file


def test_a_changed_file_gets_new_partition_ids(tmp_path):
    jsonl = write_jsonl(tmp_path / "b.jsonl", STORIES[:4])
    before = {p.id for p in plan([str(jsonl)], size=2)}
    write_jsonl(tmp_path / "b.jsonl", STORIES[:5])
    assert not before & {p.id for p in plan([str(jsonl)], size=2)}


def test_truncated_warc_gz_keeps_its_records_and_ends_with_one_error(tmp_path):
    whole = write_warc(tmp_path / "whole.warc.gz", STORIES[:4])
    fourth = plan([str(whole)], size=1)[3].offset
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole.read_bytes()[: fourth + 60])  # the fourth page is cut off inside its gzip member
    items = [item for p in plan([str(cut)], size=2) for item in p.items()]
    assert [("error" in item) for item in items] == [False, False, False, True]
    assert items[-1]["error"].code == "S611" and items[-1]["input"] == os.path.realpath(cut)
    (tmp_path / "junk.warc").write_text("this is not an archive\n")
    items = [item for p in plan([str(tmp_path / "junk.warc")], size=2) for item in p.items()]
    assert len(items) == 1 and items[0]["error"].code == "S611"


def test_a_bad_record_mid_archive_is_one_failure_in_one_partition(tmp_path):
    pages = [write_warc(tmp_path / f"{i}.warc", [STORIES[i]], gzip=False).read_bytes() for i in range(4)]
    response = pages[1].index(b"WARC-Type: response")
    n = int(re.search(rb"Content-Length: (\d+)", pages[1][response:]).group(1))
    short = pages[1][:response] + pages[1][response:].replace(b"Content-Length: %d" % n, b"Content-Length: %d" % (n - 150), 1)
    archive = tmp_path / "mixed.warc"
    archive.write_bytes(pages[0] + short + pages[2] + pages[3])  # the second page claims fewer bytes than follow
    whole = [item for p in plan([str(archive)], size=100) for item in p.items()]
    for size in (1, 2, 3):
        items = [item for p in plan([str(archive)], size=size) for item in p.items()]
        assert [i.get("input") for i in items] == [i.get("input") for i in whole], size
    assert sum("error" in i for i in whole) >= 1
    texts = " ".join(i.get("text", "") for i in whole)
    assert STORIES[0][:40] in texts and STORIES[3][:40] in texts


def test_bad_json_lines_become_error_items_with_their_line(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text('{"text": "One."}\nnot json\n\n[1, 2]\n{"id": 5, "text": "Two."}\n', encoding="utf-8")
    items = [item for p in plan([str(path)], size=10) for item in p.items()]
    where = [(i["input"].rsplit(":", 1)[1], "error" in i) for i in items]
    assert where == [("1", False), ("2", True), ("4", True), ("5", False)]
    assert items[-1]["id"] == "5"


def test_directories_are_walked_and_missing_inputs_refused(tmp_path):
    (tmp_path / "d" / "sub").mkdir(parents=True)
    (tmp_path / "d" / "one.txt").write_text(STORIES[0])
    (tmp_path / "d" / "sub" / "two.html").write_text(f"<html><body><article><p>{STORIES[1]}</p></article></body></html>")
    (tmp_path / "d" / "notes.csv").write_text("a,b\n")
    (tmp_path / "d" / ".hidden.txt").write_text("x")
    parts = plan([str(tmp_path / "d")], size=10)
    assert [p.kind for p in parts] == ["files"] and len(parts[0].files) == 2
    with pytest.raises(BatchError) as err:
        plan([str(tmp_path / "missing")])
    assert err.value.code == "S701"


def test_output_refuses_to_split_an_input_differently(tmp_path):
    jsonl = write_jsonl(tmp_path / "b.jsonl", STORIES[:4])
    out = Output(tmp_path / "out")
    first = plan([str(jsonl)], size=2)
    tables = {kind: schema.TABLES[kind].empty_table() for kind in schema.TABLES}
    out.write(first[0], tables)
    out.check(first)  # the same split: fine
    with pytest.raises(BatchError) as err:
        out.check(plan([str(jsonl)], size=3))
    assert err.value.code == "S703"
    with open(out.manifest, "a") as fh:  # a crash mid-append leaves a torn line: ignored
        fh.write('{"partition": "abc", "pa')
    assert set(out.finished()) == {first[0].id}


def test_schema_validation_names_the_difference(tmp_path):
    import pyarrow as pa

    bad = pa.table({"document_id": ["x"]})
    with pytest.raises(BatchError) as err:
        schema.validate(bad, "documents", "x.parquet")
    assert err.value.code == "S706" and "partition" in str(err.value)


# -- on a cluster ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def client(gazetteer_file):
    from sitreps.batch.dask import connect

    with connect(workers=2, memory_limit="4GB") as c:
        yield c


def _run(client, paths, out, **kw):
    from sitreps.batch.dask import run

    return run([str(p) for p in paths], str(out), client=client, **kw)


def test_cluster_extracts_a_warc_file_into_valid_parquet(client, tmp_path):
    warc = write_warc(tmp_path / "news.warc.gz", STORIES[:5])
    out = tmp_path / "out"
    summary = _run(client, [warc], out, partition_size=2)
    assert (summary.partitions, summary.documents, summary.failures) == (3, 5, 0)
    for kind in schema.TABLES:
        for f in (out / kind).glob("*.parquet"):
            schema.validate(pq.read_table(f), kind, str(f))  # every file on its own, not only the concatenation
    rows = read_all(out)
    assert sorted(r["title"] for r in rows["documents"]) == [f"Story {i}" for i in range(5)]
    assert all(r["url"].startswith("https://news.example/") for r in rows["documents"])
    doc_ids = {r["document_id"] for r in rows["documents"]}
    assert rows["events"] and {e["document_id"] for e in rows["events"]} <= doc_ids
    kharkiv = next(r for r in rows["documents"] if "Kharkiv" in r["text"])
    event = next(e for e in rows["events"] if e["document_id"] == kharkiv["document_id"] and e["rank"] == 0)
    assert event["fatalities"] == 3 and json.loads(event["event"])["id"] == event["event_id"]
    records = [r for _, r in schema.record_dicts(schema.read(out, "documents"), schema.read(out, "events"))]
    assert len(records) == 5 and all(r["schema"] == "sitreps/1" and r["document"]["text"] for r in records)
    # a rerun finds everything finished and writes nothing
    again = _run(client, [warc], out, partition_size=2)
    assert (again.skipped, again.documents) == (3, 0)


def test_a_worker_killed_mid_run_still_gives_every_document_exactly_once(client, tmp_path):
    from sitreps.batch.dask import Reporter

    jsonl = write_jsonl(tmp_path / "many.jsonl", STORIES * 2)

    class KillOnce(Reporter):
        killed: list[int] = []

        def partition(self, result):
            if self.killed:
                return
            pids = client.run(os.getpid)
            busy = [w for w, keys in client.processing().items() if keys] or list(pids)
            self.killed.append(pids[busy[0]])
            os.kill(pids[busy[0]], signal.SIGKILL)

    summary = _run(client, [jsonl], tmp_path / "out", partition_size=1, reporter=KillOnce())
    assert KillOnce.killed
    rows = read_all(tmp_path / "out")
    ids = [r["document_id"] for r in rows["documents"]] + [f["document_id"] for f in rows["failures"]]
    assert sorted(ids) == sorted(f"j{i}" for i in range(16))  # none lost, none twice
    assert summary.documents + summary.failures == 16


class Poison(WorkerPlugin):
    """A worker plugin for the test: a worker dies (as on running out of memory) on any document saying POISON."""

    name = "test-poison"

    def setup(self, worker):
        import sitreps.batch.dask as runner

        self.original = runner.extract_items

        def extract_items(extractor, part, include_text):
            if any("POISON" in (item.get("text") or "") for item in part.items()):
                os._exit(1)
            return self.original(extractor, part, include_text)

        runner.extract_items = extract_items

    def teardown(self, worker):
        import sitreps.batch.dask as runner

        runner.extract_items = self.original


def test_a_document_that_kills_its_worker_becomes_a_failure_row(client, tmp_path):
    plugin = Poison()
    jsonl = tmp_path / "docs.jsonl"
    texts = STORIES[:3] + ["POISON " + "word " * 50]
    write_jsonl(jsonl, texts)
    client.register_plugin(plugin, name=Poison.name)
    try:
        summary = _run(client, [jsonl], tmp_path / "out", partition_size=2)
    finally:
        client.unregister_worker_plugin(Poison.name)
    rows = read_all(tmp_path / "out")
    assert sorted(r["document_id"] for r in rows["documents"]) == ["j0", "j1", "j2"]
    [failure] = rows["failures"]
    assert failure["input"].endswith("docs.jsonl:4") and failure["document_id"] == "j3"
    assert failure["code"] == "S704" and failure["stage"] == "batch"
    # the partition with the lost document is written but not finished: a rerun tries it again
    finished = Output(tmp_path / "out").finished()
    assert len(finished) == 1 and summary.failures == 1
    assert [r.final for r in summary.results if r.failures] == [False]


def test_a_crash_before_the_manifest_is_redone_without_duplicates(client, tmp_path):
    jsonl = write_jsonl(tmp_path / "docs.jsonl", STORIES[:6])
    out = tmp_path / "out"
    _run(client, [jsonl], out, partition_size=2)
    lines = (out / MANIFEST).read_text().splitlines()
    (out / MANIFEST).write_text(lines[0] + "\n")  # as if killed after the first partition was recorded
    (out / "events" / ".leftover.1.tmp").write_text("half a file")  # a temp file of the killed run
    again = _run(client, [jsonl], out, partition_size=2)
    assert (again.skipped, again.documents) == (1, 4)
    assert not list((out / "events").glob(".*.tmp"))
    ids = [r["document_id"] for r in read_all(out)["documents"]]
    assert sorted(ids) == [f"j{i}" for i in range(6)]



def test_a_worker_that_dies_again_and_again_is_restarted_not_dropped(client):
    # The cluster closes a worker's nanny for good if, lost-worker-timeout (Dask's default: 15 s)
    # after the worker left, none of its name is back. Killed on sight for longer than that, as a
    # document that kills its worker on every try does, a worker must still come back.
    name = next(iter(client.scheduler_info()["workers"].values()))["name"]
    nanny = client.cluster.workers[name]  # a local cluster's nannies live in this process
    kills, until = 0, time.monotonic() + 20
    while time.monotonic() < until:
        if any(w["name"] == name for w in client.scheduler_info()["workers"].values()) and nanny.pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(nanny.pid, signal.SIGKILL)
                kills += 1
        time.sleep(0.05)
    client.wait_for_workers(2, timeout=90)
    assert kills >= 3 and len(client.nthreads()) == 2


def test_a_cluster_left_without_workers_stops_the_run_instead_of_waiting_for_ever(tmp_path):
    from distributed import Client, LocalCluster

    from sitreps.batch.dask import run

    jsonl = write_jsonl(tmp_path / "docs.jsonl", STORIES[:2])
    with LocalCluster(n_workers=0, processes=False, dashboard_address=":0") as cluster, Client(cluster) as empty:
        started = time.monotonic()
        with pytest.raises(BatchError) as err:
            run([str(jsonl)], str(tmp_path / "out"), client=empty, partition_size=1, worker_wait=2)
        assert time.monotonic() - started < 60
        assert not empty.who_has()  # its tasks were cancelled, not left queued on the scheduler
    assert err.value.code == "S712" and "rerun into the same --out" in str(err.value)
    assert not Output(tmp_path / "out").finished()

# -- into the store ---------------------------------------------------------------------------------
@pytest.fixture(params=["sqlite", "postgres"])
def store(request, tmp_path):
    from storekit import open_backend

    s = open_backend(request.param, tmp_path)
    yield s
    s.close()


def test_batch_output_loads_into_the_store_once_and_losslessly(store, extractor, tmp_path):
    from sitreps.batch.dask import extract_items
    from sitreps.batch.load import documents_in, load

    jsonl = tmp_path / "docs.jsonl"
    jsonl.write_text("".join(json.dumps({"id": f"j{i}", "text": t, "published": "2024-06-05"}) + "\n" for i, t in enumerate(STORIES[:4]))
                     + "not json\n", encoding="utf-8")
    out = Output(tmp_path / "out")
    for part in plan([str(jsonl)], size=2):  # the tables a worker returns, written as the client writes them
        out.write(part, extract_items(extractor, part, include_text=True))
    assert documents_in(out.root) == 5
    seen = []
    counts = load(store, out.root, batch_size=3, progress=lambda c: seen.append(c.documents))
    assert (counts.documents, counts.failed) == (4, 1) and seen[-1] == 4
    stored = store.counts()
    rows = read_all(out.root)
    assert stored["documents"] == 4 and stored["events"] == len(rows["events"]) and stored["incidents"] >= 1
    [failure] = store.failures()
    assert failure["input"].endswith("docs.jsonl:5") and failure["code"] == "S109"
    expected = extractor(STORIES[0], published="2024-06-05", id="j0").to_dict(include_text=True)
    assert store.document("j0")["events"] == expected["events"]
    again = load(store, out.root)
    assert (again.documents, again.skipped) == (0, 4) and store.counts() == stored


def test_batch_and_load_commands_report_failures_with_their_inputs(gazetteer_file, tmp_path):
    from click.testing import CliRunner

    from sitreps.cli.main import cli

    jsonl = tmp_path / "docs.jsonl"
    jsonl.write_text(json.dumps({"id": "a", "text": STORIES[0]}) + "\n" + "{oops\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["batch", str(jsonl), "--out", str(tmp_path / "out"), "--workers", "1", "--memory-limit", "3GB"])
    assert result.exit_code == 1, result.output
    assert "1 documents" in result.output and "1 failed" in result.output
    assert "docs.jsonl:2 [S109]" in result.output  # the failure, with the line it came from
    result = runner.invoke(cli, ["load", str(tmp_path / "out"), "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 0, result.output
    assert "stored 1 documents" in result.output and "1 failed" in result.output
    empty = tmp_path / "empty"
    empty.mkdir()
    result = runner.invoke(cli, ["load", str(empty), "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 2 and "S710" in result.output


@pytest.mark.parametrize("column, text", [
    ("hazards", "A strong earthquake killed eight people in the mountains on Monday."),  # schema version 2
    ("crimes", "Customs officers seized 40 kilograms of heroin hidden in a lorry at the border crossing."),  # version 3
])
def test_a_records_document_lists_survive_the_parquet_round_trip(extractor, column, text):
    record = extractor(text, published="2024-06-05")
    assert getattr(record, column)
    doc_row, event_rows = schema.record_rows(record, "p0", "story.txt")
    docs, events = schema.table("documents", [doc_row]), schema.table("events", event_rows)
    [(_, back)] = list(schema.record_dicts(docs, events))
    assert back[column] == record.to_dict()[column]
    # a file written before the column was added has none: its records list none
    [(_, back)] = list(schema.record_dicts(docs.drop_columns([column]), events))
    assert back[column] == []
