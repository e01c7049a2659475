"""The store on SQLite and PostgreSQL: lossless round trips, idempotent ingest, filters, merging
that does not depend on arrival order, failures that are kept, and batches that are all or nothing."""

from __future__ import annotations

import itertools
import random
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from storekit import make_event, make_record, open_backend

from sitreps import merge
from sitreps.errors import StoreError
from sitreps.store import Filters, open_store
from sitreps.store.base import migrations


@pytest.fixture(params=["sqlite", "postgres"])
def store(request, tmp_path):
    s = open_backend(request.param, tmp_path)
    yield s
    s.close()


def add(store, *records):
    with store.batch() as batch:
        for r in records:
            batch.add_record(r, source_input="test")
    return batch.counts


def strike_reports():
    """Three outlets on one strike in Kharkiv (tolls rising), and one unrelated strike in Odesa."""
    return [
        make_record("a", "2024-06-01", make_event("a", 1, killed=2, injured=5, source="regional governor")),
        make_record("b", "2024-06-02", make_event("b", 1, killed=3, injured=9, source="police")),
        make_record("c", "2024-06-03", make_event("c", 1, killed=4, source="emergency service")),
        make_record("d", "2024-06-03", make_event("d", 1, place="Odesa", day="2024-06-03", killed=1)),
    ]


def test_record_round_trip_is_lossless(store):
    record = make_record("doc-1", "2024-06-01", make_event("doc-1", 1, killed=3, injured=14), make_event("doc-1", 2, place="Izium"),
                         text="Ünïcode text — with a dash.")
    add(store, record)
    back = store.document("doc-1")
    assert back["document"] == record["document"]
    assert back["events"] == record["events"]


def test_ingesting_the_same_article_twice_changes_nothing(store):
    record = make_record("doc-1", "2024-06-01", make_event("doc-1", 1, killed=3))
    first = add(store, record)
    counts = store.counts()
    second = add(store, record)
    assert (first.documents, second.documents, second.skipped) == (1, 0, 1)
    assert store.counts() == counts


@pytest.mark.parametrize("filters, expected", [
    (Filters(since="2024-06-02"), {"d#e1"}),
    (Filters(until="2024-06-01"), {"a#e1", "b#e1", "c#e1"}),
    (Filters(country="Ukraine", admin1="odeska oblast"), {"d#e1"}),
    (Filters(country="UA", min_fatalities=3), {"b#e1", "c#e1"}),
    (Filters(bbox=(30.0, 46.0, 31.0, 47.0)), {"d#e1"}),
    (Filters(type="assault"), {"a#e1", "b#e1", "c#e1", "d#e1"}),
    (Filters(type="Shelling/artillery/missile attack", limit=1), {"d#e1"}),
    (Filters(type="PROTEST"), set()),
    (Filters(type="explosions/remote violence", since="2024-06-02"), {"d#e1"}),
    (Filters(actor="russ"), {"a#e1", "b#e1", "c#e1", "d#e1"}),
    (Filters(search="Odesa"), {"d#e1"}),
    (Filters(search="assault kharkiv"), {"a#e1", "b#e1", "c#e1"}),
])
def test_event_filters(store, filters, expected):
    add(store, *strike_reports())
    assert {e["id"] for e in store.events(filters)} == expected


def test_an_unknown_country_is_a_coded_error(store):
    with pytest.raises(StoreError, match="S520"):
        list(store.events(Filters(country="Atlantis")))


def test_reports_of_one_strike_become_one_incident_with_every_figure(store):
    add(store, *strike_reports())
    incidents = {i["location"]["name"]: i for i in store.incidents()}
    assert set(incidents) == {"Kharkiv", "Odesa"}
    kharkiv = incidents["Kharkiv"]
    assert {r["document_id"] for r in kharkiv["reports"]} == {"a", "b", "c"}
    assert {r["event_id"] for r in kharkiv["reports"]} == {"a#e1", "b#e1", "c#e1"}
    killed = kharkiv["killed"]
    assert (killed["low"], killed["best"], killed["high"]) == (2, 4, 4)  # best: the latest report's figure
    assert {s["source"] for s in killed["sources"]} == {"regional governor", "police", "emergency service"}
    assert {(s["document_id"], s["value"]) for s in kharkiv["injured"]["sources"]} == {("a", 5), ("b", 9)}
    assert [i["id"] for i in store.incidents(Filters(min_fatalities=4))] == [kharkiv["id"]]
    assert [i["id"] for i in store.incidents(Filters(search="Odesa"))] == [incidents["Odesa"]["id"]]


def test_a_figure_other_sources_gave_for_one_event_is_stored_beside_the_events_own(store):
    event = make_event("a", 1, killed=4, injured=30, source="governor")
    event["fatalities"]["others"] = [{"value": 5, "qualifier": "at_least", "text": "at least 5", "start": 0, "end": 1,
                                      "attribution": {"source": "regional broadcaster", "source_role": None, "text": None,
                                                      "start": None, "end": None, "hedged": False}, "others": []}]
    add(store, make_record("a", "2024-06-01", event))
    assert store.document("a")["events"][0]["fatalities"] == event["fatalities"]
    rows = store.query("SELECT ordinal, value, source, evidence FROM figures WHERE kind = 'killed' ORDER BY ordinal")
    assert [tuple(r) for r in rows] == [(0, 4, "governor", "4 killed"), (1, 5, "regional broadcaster", "at least 5")]
    (incident,) = store.incidents()
    assert (incident["killed"]["low"], incident["killed"]["high"]) == (4, 5)


def test_every_event_is_in_exactly_one_incident(store):
    add(store, *strike_reports())
    members = [r["event_id"] for i in store.incidents() for r in i["reports"]]
    assert sorted(members) == sorted(e["id"] for e in store.events())


def _memory_groups(records):
    index = merge.MemoryIndex()
    index.add(merge.Fingerprint.from_event(e, r["document"]) for r in records for e in r["events"])
    return index.incidents()


def test_incidents_do_not_depend_on_arrival_order_and_equal_the_reference(tmp_path):
    records = strike_reports() + [
        make_record("e", "2024-06-02", make_event("e", 1, place="Izium", day="2024-06-02", killed=1), make_event("e", 2, day="2024-06-01", killed=3)),
        make_record("f", "2024-06-05", make_event("f", 1, day="2024-06-05", killed=7)),
    ]
    expected = _memory_groups(records)
    orders = list(itertools.permutations(records))
    for n, order in enumerate(random.Random(7).sample(orders, 6)):
        store = open_store(str(tmp_path / f"order{n}.db"))
        for record in order:  # one record per batch: the most incremental arrival
            add(store, record)
        got = {i["id"]: sorted(r["event_id"] for r in i["reports"]) for i in store.incidents()}
        assert got == expected
        store.close()


def test_failures_are_kept_once_and_cleared_when_the_document_goes_through(store):
    for _ in range(2):
        with store.batch() as batch:
            batch.add_failure("feed.xml", "doc-1", "read", "S604", "[S604] answered HTTP 503")
    assert len(store.failures()) == 1
    assert store.failures()[0]["code"] == "S604"
    add(store, make_record("doc-1", "2024-06-01"))
    assert store.failures() == []


def test_a_failing_batch_stores_nothing_and_keeps_what_was_stored(store):
    add(store, make_record("kept", "2024-06-01", make_event("kept", 1)))
    with pytest.raises(RuntimeError):
        with store.batch() as batch:
            batch.add_record(make_record("lost", "2024-06-01", make_event("lost", 1)))
            raise RuntimeError("interrupted mid-batch")
    assert store.counts()["documents"] == 1
    assert store.document("kept") is not None and store.document("lost") is None
    assert len(list(store.incidents())) == 1


def test_reopening_applies_no_migration_twice(store):
    assert store.migrate() == []
    assert {v for (v,) in store.query("SELECT version FROM schema_migrations")} == {v for v, _, _ in migrations(store.dialect)} >= {1, 2}


def test_a_store_made_before_figures_had_an_ordinal_keeps_its_figures_when_upgraded(tmp_path):
    store = open_backend("sqlite", tmp_path)
    add(store, make_record("a", "2024-06-01", make_event("a", 1, killed=3, injured=9, source="police")))
    with store.transaction():  # back to the figures table as migration 001 made it, one row per event and kind
        store.execute("CREATE TABLE old_figures (event_id TEXT NOT NULL REFERENCES events (id), kind TEXT NOT NULL, "
                      "value INTEGER NOT NULL, qualifier TEXT, source TEXT, document_id TEXT NOT NULL, published TEXT, "
                      "evidence TEXT, PRIMARY KEY (event_id, kind))")
        store.execute("INSERT INTO old_figures SELECT event_id, kind, value, qualifier, source, document_id, published, evidence FROM figures")
        store.execute("DROP TABLE figures")
        store.execute("ALTER TABLE old_figures RENAME TO figures")
        store.execute("DELETE FROM schema_migrations WHERE version = 4")
    store.close()
    store = open_store(str(tmp_path / "store.db"))
    rows = store.query("SELECT kind, ordinal, value, source FROM figures ORDER BY kind")
    assert [tuple(r) for r in rows] == [("injured", 0, 9, "police"), ("killed", 0, 3, "police")]
    store.close()


def test_a_locked_sqlite_store_says_so(tmp_path):
    path = str(tmp_path / "locked.db")
    open_store(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        from sitreps.store.sqlite import SQLiteStore

        store = SQLiteStore(path, busy_timeout=0.2)
        with pytest.raises(StoreError, match=r"\[S502\].*locked"):
            add(store, make_record("x", "2024-06-01"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_full_disk_rolls_the_batch_back_and_keeps_earlier_batches(tmp_path):
    store = open_store(str(tmp_path / "full.db"))
    add(store, make_record("kept", "2024-06-01", make_event("kept", 1)))
    pages = store.scalar("PRAGMA page_count")
    store.execute(f"PRAGMA max_page_count = {pages + 2}")  # what a disk with no room left looks like to SQLite
    with pytest.raises(StoreError, match=r"\[S503\].*full"):
        add(store, make_record("big", "2024-06-01", make_event("big", 1), text="x" * 200_000))
    store.close()
    again = open_store(str(tmp_path / "full.db"))
    assert again.counts()["documents"] == 1 and again.document("kept") is not None


def test_a_file_that_is_not_a_store_is_a_coded_error(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are my notes, not a database" * 100)
    with pytest.raises(StoreError, match="S504"):
        open_store(str(path))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["Kharkiv", "Izium", "Odesa"]), st.integers(0, 4), st.sampled_from([None, 1, 2, 3]),
                          st.sampled_from(["ASSAULT", "PROTEST"])), min_size=1, max_size=9),
       st.randoms(use_true_random=False))
def test_store_incidents_equal_the_reference_for_any_events_in_any_order(events, rng):
    records = [make_record(f"r{i}", f"2024-06-0{day + 1}", make_event(f"r{i}", 1, place=place, day=f"2024-06-0{day + 1}", killed=killed, plover=plover))
               for i, (place, day, killed, plover) in enumerate(events)]
    expected = _memory_groups(records)
    rng.shuffle(records)
    store = open_store(":memory:")
    for record in records:
        add(store, record)
    add(store, *records)  # again: nothing changes
    assert {i["id"]: sorted(r["event_id"] for r in i["reports"]) for i in store.incidents()} == expected
    store.close()


def test_a_common_word_read_in_day_order_gives_the_same_page(tmp_path, monkeypatch):
    from sitreps.store import sqlite as backend

    store = open_store(str(tmp_path / "s.db"))
    add(store, *strike_reports())
    expected = [e["id"] for e in store.events(Filters(search="assault", limit=3))]
    monkeypatch.setattr(backend, "COMMON_MATCHES", 0)
    assert store._events_source(Filters(search="assault", limit=3)) == "events INDEXED BY events_day"
    assert [e["id"] for e in store.events(Filters(search="assault", limit=3))] == expected
    box = Filters(bbox=(30.0, 40.0, 40.0, 50.0), limit=2)
    monkeypatch.setattr(backend, "COMMON_MATCHES", 10**9)
    default = [e["id"] for e in store.events(box)]
    monkeypatch.setattr(backend, "COMMON_MATCHES", 0)
    assert store._events_source(box) == "events INDEXED BY events_day" and [e["id"] for e in store.events(box)] == default
    store.close()
