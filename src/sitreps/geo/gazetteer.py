"""The gazetteer: an SQLite file of places (GeoNames ids, coordinates, country, admin codes,
population, kind) and an indexed table of their normalised names.

Open one with :func:`open_gazetteer` (cached per process and path); :func:`ensure_gazetteer`
builds the default one from packaged data the first time (see :mod:`sitreps.geo.build`), and
:func:`sitreps.geo.geonames.import_geonames` replaces it with a full GeoNames dump. Every write goes
(:class:`sitreps.geo.writer.Writer`) to a temporary file first and is moved into place with :func:`os.replace`, so an interrupted
build or import leaves the previous gazetteer usable.

Lookups go through the ``names`` index (exact normalised key) and, for near misses, the trigram
FTS5 index ``keys_fts``; there is no linear scan.
"""

from __future__ import annotations

import functools
import logging
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import GazetteerError
from .lock import build_lock
from .writer import SCHEMA_VERSION

if TYPE_CHECKING:
    from ..settings import Settings

log = logging.getLogger(__name__)

PRECISION = {
    "country": "country", "admin1": "region", "region": "region", "admin2": "district",
    "district": "district", "city": "city", "sea": "sea", "point": "point",
}


@dataclass(frozen=True)
class Candidate:
    id: int
    name: str
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    admin2: str | None
    kind: str
    fcode: str | None
    population: int
    main: bool = False  # the key is the place's own name (not an alternate one)

    @property
    def geonames_id(self) -> int | None:
        return self.id if self.id > 0 else None

    @property
    def precision(self) -> str:
        return PRECISION.get(self.kind, "point")


_COLUMNS = "p.id, p.name, p.lat, p.lon, p.country, p.admin1, p.admin2, p.kind, p.fcode, p.population"


class Gazetteer:
    """Read-only access to a gazetteer file. Thread-safe for reads; cheap to keep for a process."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        if not self.path.exists():
            raise GazetteerError(f"no gazetteer at {self.path}. Run `sitreps gazetteer build` (or `sitreps gazetteer import FILE`), or set SITREPS_GAZETTEER to an existing file.", "S201")
        try:
            self.db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            meta = dict(self.db.execute("SELECT key, value FROM meta").fetchall())
            self.db.execute("SELECT id FROM places LIMIT 1").fetchall()
        except sqlite3.DatabaseError as exc:
            raise GazetteerError(f"gazetteer {self.path} is corrupt or not a sitreps gazetteer ({exc}). Delete it and run `sitreps gazetteer build`.", "S202") from exc
        if meta.get("schema") != SCHEMA_VERSION:
            raise GazetteerError(f"gazetteer {self.path} has schema {meta.get('schema')!r}, this sitreps needs {SCHEMA_VERSION!r}. Rebuild it with `sitreps gazetteer build`.", "S203")
        self.meta = meta
        self._admin1 = {(c, k): (n, p) for c, k, n, p in self.db.execute("SELECT country, code, name, place FROM admin1")}
        self._cache: dict[str, tuple[Candidate, ...]] = {}

    # -- lookups -------------------------------------------------------------------------------
    def lookup(self, key: str) -> tuple[Candidate, ...]:
        """Places whose normalised name is ``key`` (see :func:`sitreps.geo.names.normalize`)."""
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        rows = self.db.execute(
            f"SELECT {_COLUMNS}, max(n.main) FROM names n JOIN places p ON p.id = n.place WHERE n.key = ? GROUP BY p.id",
            (key,),
        ).fetchall()
        out = tuple(Candidate(*r[:10], main=bool(r[10])) for r in rows)
        if len(self._cache) > 50_000:
            self._cache.clear()
        self._cache[key] = out
        return out

    def has(self, key: str) -> bool:
        return bool(self.lookup(key))

    def similar(self, key: str, limit: int = 5) -> list[str]:
        """Indexed keys that share trigrams with ``key`` (for spellings the gazetteer lacks)."""
        if len(key) < 4:
            return []
        query = " OR ".join('"' + key[i:i + 3].replace('"', "") + '"' for i in range(len(key) - 2))
        try:
            rows = self.db.execute("SELECT key FROM keys_fts WHERE keys_fts MATCH ? ORDER BY rank LIMIT ?", (query, limit * 4)).fetchall()
        except sqlite3.OperationalError:
            return []
        keys = [r[0] for r in rows]
        return sorted(keys, key=lambda k: _edit_distance(k, key))[:limit]

    def get(self, place_id: int) -> Candidate | None:
        row = self.db.execute(f"SELECT {_COLUMNS}, 1 FROM places p WHERE p.id = ?", (place_id,)).fetchone()
        return Candidate(*row[:10], main=True) if row else None

    def admin1_name(self, country: str | None, code: str | None) -> str | None:
        hit = self._admin1.get((country or "", code or ""))
        return hit[0] if hit else None

    def admin1_place(self, country: str | None, code: str | None) -> Candidate | None:
        hit = self._admin1.get((country or "", code or ""))
        return self.get(hit[1]) if hit and hit[1] is not None else None

    def country_place(self, country: str) -> Candidate | None:
        row = self.db.execute(f"SELECT {_COLUMNS}, 1 FROM places p WHERE p.kind = 'country' AND p.country = ? LIMIT 1", (country,)).fetchone()
        return Candidate(*row[:10], main=True) if row else None

    def country_keys(self) -> tuple[tuple[str, str], ...]:
        """Each country's main name, normalised, with its code ("burkina faso", "BF")."""
        hit = self._cache.get("\0countries")
        if hit is None:
            hit = tuple(self.db.execute("SELECT n.key, p.country FROM names n JOIN places p ON p.id = n.place "
                                        "WHERE p.kind = 'country' AND n.main = 1").fetchall())
            self._cache["\0countries"] = hit
        return hit

    def capital_place(self, country: str) -> Candidate | None:
        """The capital of ``country`` (GeoNames' PPLC), the most populous when there are several."""
        row = self.db.execute(f"SELECT {_COLUMNS}, 1 FROM places p WHERE p.fcode = 'PPLC' AND p.country = ? "
                              "ORDER BY p.population DESC LIMIT 1", (country,)).fetchone()
        return Candidate(*row[:10], main=True) if row else None

    def largest_city(self, country: str | None, admin1: str | None) -> Candidate | None:
        """The most populous town of a first-level division: where "the regional capital" of a
        news story lies when it names no seat (GeoNames' seats, PPLA, are not in the packages this
        gazetteer is built from; the largest town is the seat in most regions, not in all)."""
        if not country or not admin1:
            return None
        row = self.db.execute(f"SELECT {_COLUMNS}, 1 FROM places p WHERE p.kind = 'city' AND p.country = ? AND p.admin1 = ? "
                              "ORDER BY p.population DESC LIMIT 1", (country, admin1)).fetchone()
        return Candidate(*row[:10], main=True) if row else None

    def info(self) -> dict[str, object]:
        kinds = dict(self.db.execute("SELECT kind, count(*) FROM places GROUP BY kind").fetchall())
        names = self.db.execute("SELECT count(*) FROM names").fetchone()[0]
        return {"path": str(self.path), "size_mb": round(self.path.stat().st_size / 1e6, 1), "places": sum(kinds.values()), "names": names, "kinds": kinds, **self.meta}

    def close(self) -> None:
        self.db.close()


def _edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


edit_distance = _edit_distance  # the public name, for code outside geo/


# -- where the gazetteer lives -------------------------------------------------------------------
def default_path(settings: "Settings | None" = None) -> Path:
    """``settings.gazetteer`` or $SITREPS_GAZETTEER, else the user cache directory."""
    configured = (settings.gazetteer if settings is not None else "") or os.environ.get("SITREPS_GAZETTEER", "")
    if configured:
        return Path(configured).expanduser()
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "sitreps" / "gazetteer.sqlite"


@functools.lru_cache(maxsize=4)
def _open_cached(path: str, mtime: float) -> Gazetteer:
    return Gazetteer(path)


def open_gazetteer(path: str | Path) -> Gazetteer:
    """The gazetteer at ``path``, opened once per process (reopened if the file was replaced)."""
    p = Path(path)
    try:
        mtime = p.stat().st_mtime
    except FileNotFoundError:
        mtime = 0.0
    return _open_cached(str(p), mtime)


def ensure_gazetteer(settings: "Settings | None" = None, progress: bool | None = None) -> Gazetteer:
    """Open the configured gazetteer, building the default one first if there is none yet.

    Safe to call from several threads and processes at once: the build runs under
    :func:`~sitreps.geo.lock.build_lock`, and whoever waited for it opens the finished file."""
    from .build import BUILD_VERSION, build_default

    path = default_path(settings)
    if path.exists():
        gaz = open_gazetteer(path)
        if not _stale(gaz, BUILD_VERSION):
            return gaz
    with build_lock(path):
        if not path.exists():
            log.warning("no gazetteer at %s: building the default one from packaged GeoNames data (once)", path)
            build_default(path, progress=progress)
        elif _stale(open_gazetteer(path), BUILD_VERSION):  # built by an older sitreps: rebuilt (imports are left alone)
            log.warning("gazetteer at %s was built by an older sitreps: rebuilding it", path)
            build_default(path, progress=progress)
        return open_gazetteer(path)


def _stale(gaz: Gazetteer, build_version: str) -> bool:
    return str(gaz.meta.get("source", "")).startswith("default") and gaz.meta.get("default_build") != build_version

