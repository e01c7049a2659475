"""Writing a gazetteer (used by :mod:`.build` and :mod:`.geonames`): the SQLite schema and a
:class:`Writer` that fills a temporary file and moves it into place only when complete, so an
interrupted build or import leaves the previous gazetteer usable. Reading is :mod:`.gazetteer`.
"""

from __future__ import annotations

import os
import sqlite3
import time
import uuid
from contextlib import ExitStack
from pathlib import Path
from typing import Iterable

from .lock import build_lock

SCHEMA_VERSION = "1"

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE places (
    id INTEGER PRIMARY KEY,          -- GeoNames id, or negative for places derived by sitreps
    name TEXT NOT NULL,
    lat REAL, lon REAL,
    country TEXT,                    -- ISO 3166 alpha-2
    admin1 TEXT,                     -- GeoNames admin1 code
    admin2 TEXT,                     -- admin2 name (or code when only the code is known)
    kind TEXT NOT NULL,              -- country | admin1 | admin2 | city | district | region | sea | point
    fcode TEXT,                      -- GeoNames feature code, when known
    population INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE names (key TEXT NOT NULL, place INTEGER NOT NULL, main INTEGER NOT NULL DEFAULT 0);
CREATE TABLE admin1 (country TEXT NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL, place INTEGER,
                     PRIMARY KEY (country, code));
"""

INDEXES = """
CREATE INDEX IF NOT EXISTS names_key ON names(key);
CREATE INDEX places_admin ON places(country, admin1);
CREATE VIRTUAL TABLE keys_fts USING fts5(key, tokenize='trigram');
INSERT INTO keys_fts(key) SELECT DISTINCT key FROM names WHERE length(key) >= 4;
"""

#: kind -> the precision an event located there gets


class Writer:
    """Writes a new gazetteer to ``<path>.tmp-<pid>-<unique>`` and moves it over ``path`` on
    :meth:`commit`, holding the gazetteer's :func:`~sitreps.geo.lock.build_lock` from start to end.

    Use it as a context manager: leaving the block by an exception (an interrupted import
    included) removes the half-written file, so the previous gazetteer stays in use.
    """

    def __init__(self, path: str | Path):
        self.started = time.time()
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = ExitStack()
        self._lock.enter_context(build_lock(self.path))
        self.tmp = self.path.with_name(f"{self.path.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:12]}")
        self.db = sqlite3.connect(self.tmp)
        # temporary b-trees (DISTINCT, index builds) go to disk: a full GeoNames import stays in bounded memory
        self.db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA temp_store=FILE; PRAGMA cache_size=-65536;" + SCHEMA)
        self._seen_names: set[tuple[str, int]] = set()

    def place(self, rows: Iterable[tuple]) -> None:
        """Rows of (id, name, lat, lon, country, admin1, admin2, kind, fcode, population)."""
        self.db.executemany("INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", rows)

    def names(self, rows: Iterable[tuple[str, int, int]], dedupe: bool = True) -> None:
        """Rows of (normalised key, place id, main)."""
        if dedupe:
            seen = self._seen_names
            rows = [r for r in rows if r[0] and (r[0], r[1]) not in seen and not seen.add((r[0], r[1]))]  # type: ignore[func-returns-value]
        self.db.executemany("INSERT INTO names VALUES (?,?,?)", rows)

    def admin1(self, rows: Iterable[tuple[str, str, str, int | None]]) -> None:
        self.db.executemany("INSERT OR REPLACE INTO admin1 VALUES (?,?,?,?)", rows)

    def meta(self, **values: str) -> None:
        self.db.executemany("INSERT OR REPLACE INTO meta VALUES (?,?)", [(k, str(v)) for k, v in values.items()])

    def commit(self) -> Path:
        self.meta(schema=SCHEMA_VERSION, built=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                  build_seconds=f"{time.time() - self.started:.1f}")
        self.db.executescript(INDEXES)
        self.db.commit()
        self.db.execute("VACUUM")
        self.db.close()
        os.replace(self.tmp, self.path)
        self._lock.close()
        return self.path

    def abort(self) -> None:
        try:
            self.db.close()
        finally:
            if self.tmp.exists():
                self.tmp.unlink()
            self._lock.close()

    def __enter__(self) -> "Writer":
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *_: object) -> None:
        if exc_type is not None:
            self.abort()
