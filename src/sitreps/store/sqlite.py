"""SQLite backend: one file, WAL so readers never block the writer, a busy timeout for writers."""

from __future__ import annotations

import errno
import re
import sqlite3
from pathlib import Path

from ..errors import StoreError
from ..merge import MergeSettings
from .base import Store
from .query import Filters

#: How long a writer waits for another writer before the store says the database is locked.
BUSY_TIMEOUT_S = 30.0
#: A --search or --bbox matching more events than this is read in day order (see _events_source).
COMMON_MATCHES = 5_000
_WORD = re.compile(r"\w+", re.UNICODE)


class SQLiteStore(Store):
    dialect = "sqlite"

    def __init__(self, path: str, busy_timeout: float = BUSY_TIMEOUT_S, merge_settings: MergeSettings | None = None):
        self.path = path
        self.busy_timeout = busy_timeout
        super().__init__(path, merge_settings)

    def _connect(self) -> sqlite3.Connection:
        if self.path != ":memory:":
            parent = Path(self.path).expanduser().resolve().parent
            if not parent.is_dir():
                raise StoreError(f"cannot create the store {self.path}: folder {parent} does not exist. Create it or give another --db.", "S501")
        try:
            conn = sqlite3.connect(self.path, timeout=self.busy_timeout, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
        except sqlite3.Error as exc:
            raise self._translate(exc) from exc
        return conn

    def close(self) -> None:
        try:
            self.conn.execute("PRAGMA analysis_limit=1000")
            self.conn.execute("PRAGMA optimize")  # keeps the query planner's statistics current (bounded, cheap)
        except sqlite3.Error:
            pass
        super().close()

    def _begin(self) -> None:
        # IMMEDIATE: take the write lock now (waiting up to the busy timeout) rather than fail mid-batch.
        self.execute("BEGIN IMMEDIATE")

    def _apply_migration(self, version: int, name: str, sql: str) -> None:
        with self.transaction():
            if self.scalar("SELECT 1 FROM schema_migrations WHERE version = ?", (version,)):
                return  # another process applied it while this one waited for the lock
            for statement in _statements(sql):
                self.execute(statement)
            self.execute("INSERT INTO schema_migrations (version, name, applied) VALUES (?, ?, datetime('now'))", (version, name))

    def _search(self) -> str:
        return "events.rowid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)"

    def _events_source(self, filters: Filters) -> str:
        # A common word, or a box holding many events, matches a large share of the store: sorting
        # all of it by day is slow, so walk the day index newest first and stop at the page. With
        # few matches the default plan (their own index, then sort) is the fast one.
        if not filters.limit or filters.country or filters.admin1 or filters.type or filters.actor:
            return "events"
        matches = 0
        if filters.search:
            matches = self.scalar("SELECT count(*) FROM events_fts WHERE events_fts MATCH ?", (self._search_value(filters.search),))
        elif filters.bbox:
            west, south, east, north = filters.bbox
            matches = self.scalar("SELECT count(*) FROM events WHERE lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?", (south, north, west, east))
        return "events INDEXED BY events_day" if matches > COMMON_MATCHES else "events"

    def _search_value(self, query: str) -> str:
        words = _WORD.findall(query)
        if not words:
            raise StoreError(f"--search {query!r} has no words to look for.", "S522")
        return " ".join(f'"{w}"' for w in words)

    def _translate(self, exc: Exception) -> Exception:
        message = str(exc)
        if isinstance(exc, sqlite3.OperationalError) and "locked" in message:
            return StoreError(f"the store {self.path} is locked by another process (waited {self.busy_timeout:g} s). "
                              "Wait for the other `sitreps ingest` to finish, or use another --db. Nothing of this batch was stored.", "S502")
        if "disk is full" in message or "disk I/O error" in message or getattr(exc, "errno", None) == errno.ENOSPC:
            return StoreError(f"the disk holding {self.path} is full or failing ({message}). This batch was rolled back; "
                              "everything stored before it is intact. Free some space and run the same command again.", "S503")
        if isinstance(exc, sqlite3.DatabaseError) and ("not a database" in message or "malformed" in message):
            return StoreError(f"{self.path} is not a sitreps store or is damaged ({message}). Give another --db.", "S504")
        return exc


def _statements(sql: str) -> list[str]:
    """Split a migration into statements (``sqlite3.complete_statement`` keeps trigger bodies whole)."""
    out, buf = [], ""
    for line in sql.splitlines(keepends=True):
        if not buf and line.strip().startswith("--"):
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out
