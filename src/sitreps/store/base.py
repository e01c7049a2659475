"""The event store: documents, events, incidents, figures and failures in SQLite or PostgreSQL.

One :class:`Store` interface with two backends (``sqlite.py``, ``postgres.py``) that differ only
in how they connect, their placeholders, their full-text search and how their errors read. SQL
here is written with ``?`` placeholders in the dialect both share.

    store = open_store("sitreps.db")            # or "postgresql://user@host/db"
    with store.batch() as batch:                # one transaction: all of it or nothing
        batch.add_record(record.to_dict(include_text=True), source_input="a.txt")
    for event in store.events(Filters(country="UA", since="2024-06-01")):
        ...
"""

from __future__ import annotations

import hashlib
import json
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Iterable, Iterator, Sequence

from .. import merge
from ..merge import Fingerprint, MergeSettings
from ..record import text_id
from . import rows
from .merging import Merger
from .query import Filters, where

_MIGRATION = re.compile(r"^(\d+)_([a-z0-9_]+)(?:\.(sqlite|postgres))?\.sql$")


@dataclass
class Counts:
    """What a batch (or a whole run) stored."""

    documents: int = 0
    events: int = 0
    incidents: int = 0
    failed: int = 0
    skipped: int = 0

    def __iadd__(self, other: "Counts") -> "Counts":
        for name in ("documents", "events", "incidents", "failed", "skipped"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self


def migrations(dialect: str) -> list[tuple[int, str, str]]:
    """``(version, name, sql)`` of every migration that applies to ``dialect``, in order."""
    out = []
    for entry in resources.files("sitreps.store").joinpath("migrations").iterdir():
        m = _MIGRATION.match(entry.name)
        if m and m.group(3) in (None, dialect):
            out.append((int(m.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    return sorted(out)


class Store:
    """Base of both backends. Subclasses set ``dialect`` and implement the ``_``-hooks."""

    dialect = ""
    url = ""

    # -- backend hooks ---------------------------------------------------------------------------
    def _connect(self) -> Any:  # pragma: no cover - interface
        raise NotImplementedError

    def _sql(self, sql: str) -> str:
        return sql

    def _search(self) -> str:  # pragma: no cover - interface
        """A condition on ``events`` true when its text matches one query parameter."""
        raise NotImplementedError

    def _search_value(self, query: str) -> str:
        return query

    def _translate(self, exc: Exception) -> Exception:
        return exc

    def _events_source(self, filters: Filters) -> str:
        """The FROM of an events query (a backend may add a planner hint)."""
        return "events"

    def _apply_migration(self, version: int, name: str, sql: str) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def _begin(self) -> None:
        pass

    # -- plumbing --------------------------------------------------------------------------------
    def __init__(self, url: str, merge_settings: MergeSettings | None = None):
        self.url = url
        #: how events are merged into incidents (the ``[merge]`` settings); the same for every batch
        self.merge_settings = merge_settings or merge.load_merge_settings()
        self.conn = self._connect()
        self.merger = Merger(self)
        self.migrate()

    def close(self) -> None:
        self.conn.close()

    def embedder(self) -> Any:
        """The sentence-embedding model, loaded once, when the merge settings compare by embeddings."""
        if self.merge_settings.similarity != "minilm":
            return None
        if getattr(self, "_embedder", None) is None:
            from ..merge.embed import MiniLM

            self._embedder = MiniLM()
        return self._embedder

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        try:
            return self.conn.execute(self._sql(sql), tuple(params))
        except Exception as exc:
            raise self._translate(exc) from exc

    def executemany(self, sql: str, rows_: Iterable[Sequence[Any]]) -> None:
        rows_ = list(rows_)
        if not rows_:
            return
        try:
            cur = self.conn.cursor()
            cur.executemany(self._sql(sql), rows_)
        except Exception as exc:
            raise self._translate(exc) from exc

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return list(self.execute(sql, params).fetchall())

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.execute(sql, params).fetchone()
        return row[0] if row else None

    def in_list(self, values: Sequence[Any]) -> str:
        return "(" + ",".join("?" * len(values)) + ")"

    @contextmanager
    def transaction(self) -> Iterator["Store"]:
        """All writes inside commit together, or none of them do (the batch is the unit)."""
        try:
            self._begin()
            yield self
        except BaseException:
            try:
                self.conn.rollback()
            except Exception:  # the connection itself is gone: nothing was committed anyway
                pass
            raise
        try:
            self.conn.commit()
        except Exception as exc:
            raise self._translate(exc) from exc

    def migrate(self) -> list[str]:
        """Apply the numbered migrations the database has not seen; returns their names."""
        self.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)")
        self.conn.commit()
        done = {v for (v,) in self.query("SELECT version FROM schema_migrations")}
        applied = []
        for version, name, sql in migrations(self.dialect):
            if version not in done:
                self._apply_migration(version, name, sql)
                applied.append(name)
        return applied

    # -- writing ---------------------------------------------------------------------------------
    def stored_documents(self, ids: Sequence[str]) -> set[str]:
        """The ids among ``ids`` that the store already holds."""
        out: set[str] = set()
        ids = list(dict.fromkeys(ids))
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            out.update(r[0] for r in self.query(f"SELECT id FROM documents WHERE id IN {self.in_list(chunk)}", chunk))
        return out

    @contextmanager
    def batch(self, merge: bool = True) -> Iterator["Batch"]:
        """A unit of work committed at once; merging into incidents happens at its end."""
        with self.transaction():
            batch = Batch(self, merge)
            yield batch
            batch.finish()

    def add_failure(self, source_input: str, document_id: str | None, stage: str, code: str, message: str) -> None:
        key = hashlib.sha256("\x1f".join([source_input, document_id or "", stage, code]).encode()).hexdigest()[:32]
        self.execute(
            "INSERT INTO failures (id, input, document_id, stage, code, message, time) VALUES (?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET message = excluded.message, time = excluded.time",
            (key, source_input, document_id, stage, code, message, rows.now()),
        )

    # -- reading ---------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        return {t: int(self.scalar(f"SELECT count(*) FROM {t}")) for t in ("documents", "events", "incidents", "failures")}

    def _where(self, filters: Filters, table: str) -> tuple[str, list[Any]]:
        value = self._search_value(filters.search) if filters.search else None
        return where(filters, table, self._search(), value)

    def events(self, filters: Filters = Filters()) -> Iterator[dict[str, Any]]:
        """Stored events (sitreps/1 dicts) with ``document`` (id, title, url, source, published)
        and ``incident_id`` added, newest first."""
        cond, params = self._where(filters, "events")
        sql = ("SELECT events.data, events.document_id, events.published, ie.incident_id, d.title, d.url, d.source, d.ingested "
               f"FROM (SELECT * FROM {self._events_source(filters)}{cond} ORDER BY day_start DESC, id{self._limit(filters)}) events "
               "JOIN documents d ON d.id = events.document_id LEFT JOIN incident_events ie ON ie.event_id = events.id "
               "ORDER BY events.day_start DESC, events.id")
        for data, doc_id, published, incident, title, url, source, ingested in self._stream(sql, params):
            event = json.loads(data)
            event["document"] = {"id": doc_id, "title": title, "url": url, "source": source, "published": published, "ingested": ingested}
            event["incident_id"] = incident
            yield event

    def incidents(self, filters: Filters = Filters()) -> Iterator[dict[str, Any]]:
        """Stored incidents with their ``reports`` and ``killed``/``injured`` low/best/high."""
        cond, params = self._where(filters, "incidents")
        sql = f"SELECT {', '.join(rows.INCIDENT_COLUMNS)} FROM incidents{cond} ORDER BY day_start DESC, id{self._limit(filters)}"
        for row in self._stream(sql, params):
            yield self._incident(dict(zip(rows.INCIDENT_COLUMNS, row)))

    def failures(self) -> list[dict[str, Any]]:
        cols = ("input", "document_id", "stage", "code", "message", "time")
        return [dict(zip(cols, r)) for r in self.query(f"SELECT {', '.join(cols)} FROM failures ORDER BY time, id")]

    def document(self, document_id: str) -> dict[str, Any] | None:
        row = self.execute("SELECT record, text FROM documents WHERE id = ?", (document_id,)).fetchone()
        if row is None:
            return None
        record = json.loads(row[0])
        record["document"]["text"] = row[1]
        record["events"] = [json.loads(d) for (d,) in self.query("SELECT data FROM events WHERE document_id = ? ORDER BY ord", (document_id,))]
        return record

    def _limit(self, filters: Filters) -> str:
        return f" LIMIT {int(filters.limit)}" if filters.limit else ""

    def _stream(self, sql: str, params: Sequence[Any]) -> Iterator[tuple]:
        cur = self.execute(sql, params)
        while True:
            chunk = cur.fetchmany(1000)
            if not chunk:
                return
            yield from chunk

    def _incident(self, row: dict[str, Any]) -> dict[str, Any]:
        figures = json.loads(row.pop("figures"))
        reports = [
            {"document_id": d, "event_id": e, "published": p, "title": t, "url": u}
            for d, e, p, t, u in self.query(
                "SELECT e.document_id, e.id, e.published, d.title, d.url FROM incident_events ie JOIN events e ON e.id = ie.event_id "
                "JOIN documents d ON d.id = e.document_id WHERE ie.incident_id = ? ORDER BY e.published, e.id", (row["id"],))
        ]
        return {
            "id": row["id"],
            "date": {"start": row["day_start"], "end": row["day_end"]},
            "plover": row["plover"], "acled_type": row["acled_type"], "acled_subtype": row["acled_subtype"],
            "summary": row["summary"],
            "location": {"name": row["location"], "country": row["country"], "admin1": row["admin1"], "lat": row["lat"], "lon": row["lon"]},
            "actors": row["actors"].split("; ") if row["actors"] else [],
            "killed": figures.get("killed"), "injured": figures.get("injured"),
            "n_reports": row["n_reports"], "n_documents": row["n_documents"],
            "reports": reports, "updated": row["updated"],
        }


@dataclass
class Batch:
    """Records and failures written in one transaction (see :meth:`Store.batch`)."""

    store: Store
    merge: bool = True
    counts: Counts = field(default_factory=Counts)
    fingerprints: list[Fingerprint] = field(default_factory=list)

    def add_record(self, record: dict[str, Any], source_input: str = "") -> bool:
        """Store one ``record.to_dict(include_text=True)``; False when it was already stored."""
        s = self.store
        doc = record["document"]
        text = doc.get("text") or ""
        if s.stored_documents([doc["id"]]):
            self.counts.skipped += 1
            return False
        s.execute(f"INSERT INTO documents ({', '.join(rows.DOCUMENT_COLUMNS)}) VALUES {s.in_list(rows.DOCUMENT_COLUMNS)}",
                  rows.document_row(record, text_id(text), source_input))
        event_rows, figure_rows = [], []
        fps = {fp.event_id: fp for fp in merge.record_fingerprints([record], s.merge_settings, s.embedder())}
        for i, event in enumerate(record.get("events") or []):
            fp = fps[str(event["id"])]
            self.fingerprints.append(fp)
            event_rows.append(rows.event_row(event, i, doc, fp))
            figure_rows += rows.figure_rows(event, doc)
        s.executemany(f"INSERT INTO events ({', '.join(rows.EVENT_COLUMNS)}) VALUES {s.in_list(rows.EVENT_COLUMNS)}", event_rows)
        s.executemany("INSERT INTO figures (event_id, kind, ordinal, value, qualifier, source, document_id, published, evidence) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", figure_rows)
        s.execute("DELETE FROM failures WHERE document_id = ?", (doc["id"],))  # it went through this time
        self.counts.documents += 1
        self.counts.events += len(event_rows)
        return True

    def add_failure(self, source_input: str, document_id: str | None, stage: str, code: str, message: str) -> None:
        self.store.add_failure(source_input, document_id, stage, code, message)
        self.counts.failed += 1

    def finish(self) -> None:
        if self.merge and self.fingerprints:
            self.counts.incidents += self.store.merger.add(self.fingerprints)
