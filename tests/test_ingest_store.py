"""`sitreps ingest` end to end: extraction into the store, failures kept, resumable after Ctrl-C
and kill -9, worker processes, and the events/incidents commands with every export format."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner
from storekit import make_event, make_record

from sitreps.cli.main import cli
from sitreps.export.acled_csv import COLUMNS as ACLED_COLUMNS
from sitreps.store import open_store
from sitreps.store.ingest import IngestOptions, ingest

ARTICLES = [
    "KHARKIV, Ukraine — A Russian missile strike on an apartment block in Kharkiv killed three people and wounded 14 on Tuesday, regional governor Oleh Syniehubov said.",
    "ODESA, Ukraine — A drone attack on the port of Odesa injured two dock workers overnight, the regional administration said on Wednesday.",
    "MEMPHIS, Tenn. — Two men were shot dead outside a nightclub in Memphis early Sunday, police said. A third man was wounded.",
    "Protesters rallied in the capital on Sunday against the new law, and police detained 12 people, officials said.",
]


def corpus(folder, n=len(ARTICLES)):
    folder.mkdir(exist_ok=True)
    lines = [json.dumps({"doc_id": f"doc-{i}", "dct": "2024-06-05", "text": t}) for i, t in enumerate(ARTICLES[:n])]
    (folder / "wire.jsonl").write_text("\n".join(lines[:2] + ["{not json"] + lines[2:] + [json.dumps({"id": "empty", "text": "  "})]) + "\n", encoding="utf-8")
    return folder


def snapshot(db):
    conn = sqlite3.connect(db)
    out = {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall()) for t in ("documents", "events", "incidents", "incident_events", "figures")}
    out["failures"] = sorted(conn.execute("SELECT input, document_id, stage, code FROM failures").fetchall())
    for table in ("documents", "incidents"):  # times of writing differ between runs; the content must not
        out[table] = [row[:-1] for row in out[table]]
    conn.close()
    return out


def test_ingest_stores_documents_keeps_failures_and_changes_nothing_the_second_time(extractor, tmp_path):
    folder = corpus(tmp_path / "in")
    store = open_store(str(tmp_path / "s.db"))
    counts = ingest(store, [str(folder)], IngestOptions(batch_size=2), extractor=extractor)
    assert (counts.documents, counts.failed) == (4, 2)
    assert {(f["code"], f["document_id"]) for f in store.failures()} == {("S109", None), ("S104", "empty")}
    assert store.document("doc-0")["document"]["text"] == ARTICLES[0]  # the id given on input is kept
    kharkiv = [e for e in store.events() if e["document"]["id"] == "doc-0"][0]
    assert kharkiv["fatalities"]["value"] == 3 and kharkiv["incident_id"]
    before = snapshot(str(tmp_path / "s.db"))
    again = ingest(store, [str(folder)], IngestOptions(batch_size=2), extractor=extractor)
    assert (again.documents, again.skipped) == (0, 4)
    assert snapshot(str(tmp_path / "s.db")) == before
    store.close()


def test_an_interrupted_ingest_finishes_on_the_next_run_with_nothing_lost_or_doubled(extractor, tmp_path):
    folder = corpus(tmp_path / "in")
    clean = open_store(str(tmp_path / "clean.db"))
    ingest(clean, [str(folder)], IngestOptions(batch_size=1), extractor=extractor)
    clean.close()

    def ctrl_c(counts):
        if counts.documents >= 2:
            raise KeyboardInterrupt

    store = open_store(str(tmp_path / "s.db"))
    with pytest.raises(KeyboardInterrupt):
        ingest(store, [str(folder)], IngestOptions(batch_size=1), extractor=extractor, progress=ctrl_c)
    assert store.counts()["documents"] == 2
    ingest(store, [str(folder)], IngestOptions(batch_size=1), extractor=extractor)
    store.close()
    assert snapshot(str(tmp_path / "s.db")) == snapshot(str(tmp_path / "clean.db"))


def test_kill_9_mid_run_then_run_again_gives_the_same_store(extractor, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(12):
        (folder / f"{i:02}.txt").write_text(ARTICLES[i % 4].replace("Tuesday", f"Tuesday ({i})"), encoding="utf-8")
    clean = open_store(str(tmp_path / "clean.db"))
    ingest(clean, [str(folder)], IngestOptions(batch_size=1), extractor=extractor)
    clean.close()
    db = str(tmp_path / "s.db")
    command = [sys.executable, "-m", "sitreps", "ingest", str(folder), "--db", db, "--batch-size", "1"]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if os.path.exists(db) and _documents(db) >= 3:
                break
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait()
    assert 0 < _documents(db) <= 12
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert snapshot(db) == snapshot(str(tmp_path / "clean.db"))


def _documents(db: str) -> int:
    try:
        conn = sqlite3.connect(db, timeout=1)
        n = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        conn.close()
        return n
    except sqlite3.OperationalError:  # not created yet
        return 0


def test_worker_processes_store_what_one_process_stores(extractor, tmp_path):
    folder = corpus(tmp_path / "in", n=3)
    one = open_store(str(tmp_path / "one.db"))
    ingest(one, [str(folder)], IngestOptions(batch_size=1), extractor=extractor)
    one.close()
    two = open_store(str(tmp_path / "two.db"))
    ingest(two, [str(folder)], IngestOptions(batch_size=1, workers=2))
    two.close()
    assert snapshot(str(tmp_path / "two.db")) == snapshot(str(tmp_path / "one.db"))


# -- the query commands, on a store filled with known records ---------------------------------------
@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "q.db")
    store = open_store(path)
    with store.batch() as batch:
        batch.add_record(make_record("a", "2024-06-01", make_event("a", 1, killed=2, source="governor")))
        batch.add_record(make_record("b", "2024-06-02", make_event("b", 1, killed=5, source="police")))
        batch.add_record(make_record("m", "2024-03-02", make_event("m", 1, place="Memphis", day="2024-03-02", killed=1,
                                                                   initiator=("gunman", "person"), target=None)))
    store.close()
    return path


def run(*args):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result


def test_incidents_jsonl_lists_reports_and_figures(db):
    result = run("incidents", "--db", db, "--format", "jsonl", "--country", "UA")
    assert result.exit_code == 0, result.output
    [incident] = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(r["document_id"] for r in incident["reports"]) == ["a", "b"]
    assert (incident["killed"]["low"], incident["killed"]["best"], incident["killed"]["high"]) == (2, 5, 5)


def test_acled_csv_has_acleds_columns_in_acleds_order(db):
    result = run("events", "--db", db, "--format", "acled-csv")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == ACLED_COLUMNS and len(ACLED_COLUMNS) == 31
    by_id = {r[0]: dict(zip(ACLED_COLUMNS, r)) for r in rows[1:]}
    a = by_id["a#e1"]
    assert (a["event_date"], a["year"], a["country"], a["iso"], a["fatalities"]) == ("2024-06-01", "2024", "Ukraine", "804", "2")
    assert (a["inter1"], a["inter2"], a["interaction"], a["civilian_targeting"]) == ("1", "7", "17", "Civilian targeting")
    assert (a["disorder_type"], a["event_type"]) == ("Political violence", "Explosions/Remote violence")


def test_geojson_puts_lon_before_lat(db):
    result = run("events", "--db", db, "--format", "geojson", "--country", "US")
    collection = json.loads(result.stdout)
    assert collection["type"] == "FeatureCollection"
    [feature] = collection["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [-90.05, 35.15]}
    assert feature["properties"]["location"] == "Memphis"


def test_parquet_needs_a_file_and_reads_back(db, tmp_path):
    import pyarrow.parquet as pq

    refused = CliRunner().invoke(cli, ["events", "--db", db, "--format", "parquet"])
    assert refused.exit_code == 2 and "--out" in refused.output
    out = tmp_path / "events.parquet"
    assert run("events", "--db", db, "--format", "parquet", "--out", str(out)).exit_code == 0
    table = pq.read_table(out).to_pylist()
    assert sorted(r["id"] for r in table) == ["a#e1", "b#e1", "m#e1"]
    assert {r["id"]: r["fatalities"] for r in table}["b#e1"] == 5


def test_filters_and_bad_filter_values_on_the_command_line(db):
    result = run("events", "--db", db, "--format", "csv", "--since", "2024-05-01", "--min-fatalities", "3")
    assert [r["id"] for r in csv.DictReader(io.StringIO(result.stdout))] == ["b#e1"]
    table = run("incidents", "--db", db, "--search", "memphis")
    assert "Memphis" in table.stdout and "Kharkiv" not in table.stdout
    bad = CliRunner().invoke(cli, ["events", "--db", db, "--bbox", "1,2,3"])
    assert bad.exit_code == 2 and "[S521]" in bad.output


def test_the_ingest_command_ends_with_a_summary_and_queries_need_a_store(tmp_path):
    folder = corpus(tmp_path / "in", n=1)
    db = str(tmp_path / "cli.db")
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", db])
    assert result.exit_code == 0, result.output
    assert "stored 1 documents" in result.stderr and "2 failed" in result.stderr and "incidents in" in result.stderr
    assert "doc-0" in run("events", "--db", db, "--format", "jsonl").stdout
    missing = CliRunner().invoke(cli, ["incidents", "--db", str(tmp_path / "nothing.db")])
    assert missing.exit_code == 2 and "[S508]" in missing.output


def test_acled_csv_tags_an_initiator_named_only_through_responsibility(extractor):
    from sitreps.export.acled_csv import event_row

    record = extractor("A suicide bomber killed 12 people at a market in Kabul on Friday. Islamic State claimed responsibility "
                       "for the bombing.", published="2024-06-07")
    event = record.to_dict()["events"][0]
    row = event_row(event)
    claimed = [a for a in event["actors"] if a["role"] == "initiator" and a.get("responsibility") == "claimed"]
    assert claimed and row["tags"] == f"{claimed[0]['name']} claimed responsibility"
    done = extractor("Police arrested two men after a shooting in Memphis on Friday.", published="2024-06-07").to_dict()["events"]
    assert all(event_row(e)["tags"] == "" for e in done)  # no responsibility told, no tag


def test_acled_csv_names_each_actor_once(extractor):
    from sitreps.export.acled_csv import event_row

    record = extractor("Gunmen killed five villagers and two children in Borno on Sunday.", published="2024-06-07")
    [event] = record.to_dict()["events"]
    assert [a["name"] for a in event["actors"] if a["role"] == "target"].count("civilians") == 2  # two mentions, each with evidence
    row = event_row(event)
    assert (row["actor2"], row["assoc_actor_2"]) == ("civilians", "")
