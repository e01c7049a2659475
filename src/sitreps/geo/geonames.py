"""Import a full GeoNames dump (``allCountries.zip`` or a country file such as ``UA.zip``, plus
``admin1CodesASCII.txt``, ``admin2Codes.txt`` and ``alternateNamesV2.zip`` when given) into a new
gazetteer, streaming row by row in bounded memory, then move it over the old one. The seas and
regions of ``data/extras.tsv`` and the agency abbreviations are added as in the default build.

The GeoNames main table has 19 tab-separated columns: geonameid, name, asciiname, alternatenames,
latitude, longitude, feature class, feature code, country code, cc2, admin1 code, admin2 code,
admin3 code, admin4 code, population, elevation, dem, timezone, modification date.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path
from typing import Callable, Iterator

from ..errors import GazetteerError
from .build import _abbreviations, _extras, progress_steps
from .writer import Writer
from .names import is_latin, normalize

#: feature classes kept: A admin, P populated places, H water, L areas/regions, T terrain, S spots (bases, airports)
DEFAULT_CLASSES = "APHLTS"
_BATCH = 20_000
_ADMIN_CODES = {"ADM1": "admin1", "ADM1H": "admin1", "ADM2": "admin2", "ADM2H": "admin2", "ADM3": "district", "ADM4": "district",
                "ADMD": "district", "PCLI": "country", "PCLD": "country", "PCLF": "country", "PCLS": "country", "PCLIX": "country",
                "TERR": "country", "PCL": "country"}
_ALT_LANGS = {"", "en", "uk", "ru", "abbr"}  # languages whose Latin-script names an English article may use


def _kind(fclass: str, fcode: str) -> str:
    if fclass == "A":
        return _ADMIN_CODES.get(fcode, "district")
    if fclass == "P":
        return "district" if fcode in ("PPLX",) else "city"
    if fclass == "H":
        return "sea"
    if fclass == "L":
        return "region" if fcode in ("RGN", "RGNE", "CONT", "AREA", "ZN", "TERR") else "point"
    return "point"


def _lines(path: Path, member_hint: str) -> Iterator[str]:
    """Text lines of a GeoNames file, zipped or not, decoded as UTF-8 while streaming."""
    if path.suffix.lower() == ".zip":
        try:
            zf = zipfile.ZipFile(path)
            names = [n for n in zf.namelist() if n.endswith(".txt") and not n.lower().startswith("readme")]
            name = next((n for n in names if member_hint.lower() in n.lower()), names[0] if names else None)
            if name is None:
                raise GazetteerError(f"{path} holds no GeoNames .txt file. Pass the zip as downloaded from GeoNames (e.g. allCountries.zip).", "S221")
            with zf.open(name) as raw:
                yield from io.TextIOWrapper(raw, encoding="utf-8")
        except (zipfile.BadZipFile, EOFError, zlib.error, OSError) as exc:
            raise GazetteerError(f"{path} is truncated or not a zip file ({exc}). Download it again; the previous gazetteer is unchanged.", "S222") from exc
    else:
        try:
            with path.open(encoding="utf-8") as fh:
                yield from fh
        except (OSError, UnicodeDecodeError) as exc:
            raise GazetteerError(f"cannot read {path} ({exc}). Check the path; the previous gazetteer is unchanged.", "S223") from exc


def _rows(path: Path, columns: int, hint: str) -> Iterator[list[str]]:
    for n, line in enumerate(_lines(path, hint), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.rstrip("\n").split("\t")
        if len(parts) != columns:
            raise GazetteerError(f"{path} line {n} has {len(parts)} columns, a GeoNames {hint} file has {columns}. Check that you passed the right file; the previous gazetteer is unchanged.", "S224")
        yield parts


def import_geonames(target: str | Path, main: str | Path, admin1: str | Path | None = None, admin2: str | Path | None = None,
                    alternates: str | Path | None = None, classes: str = DEFAULT_CLASSES, min_population: int = 0,
                    progress: bool | None = None, on_rows: Callable[[int], None] | None = None) -> Path:
    """Build a gazetteer at ``target`` from GeoNames files; returns the path. Atomic."""
    main = Path(main)
    for p in (main, admin1, admin2, alternates):
        if p is not None and not Path(p).exists():
            raise GazetteerError(f"{p} not found. Pass the GeoNames files you downloaded (allCountries.zip or CC.zip, admin1CodesASCII.txt, ...).", "S220")
    with Writer(target) as writer, progress_steps(5, progress, f"importing {main.name}") as step:
        known: set[str] = set()
        # admin2 names first (tens of thousands of rows): each place gets its admin2 name as it streams by
        admin2_names = _admin2_names(Path(admin2)) if admin2 is not None else {}
        admin1_ids = _import_main(writer, main, set(classes), min_population, on_rows, known, admin2_names)
        step("places")
        if admin1 is not None:
            _import_admin_codes(writer, Path(admin1), 4, "admin1CodesASCII")
        step("admin1 names")
        if alternates is not None:
            _import_alternates(writer, Path(alternates))
        step("alternate names")
        _extras(writer, admin1_ids, known)
        _abbreviations(writer, admin1_ids)
        writer.meta(source=f"GeoNames import: {main.name}")
        result = writer.commit()
        step("indexed")
    return result


def _admin2_names(path: Path) -> dict[tuple[str, str, str], str]:
    """admin2Codes.txt: ``CC.A1.A2 <tab> name <tab> asciiname <tab> geonameid``."""
    out = {}
    for code, name, _ascii, _gid in _rows(path, 4, "admin2Codes"):
        parts = code.split(".")
        if len(parts) == 3:
            out[(parts[0], parts[1], parts[2])] = name
    return out


def _import_main(w: Writer, path: Path, classes: set[str], min_population: int, on_rows, known: set[str],
                 admin2_names: dict[tuple[str, str, str], str]) -> dict[tuple[str, str], int]:
    rows, names = [], []
    admin1_ids: dict[tuple[str, str], int] = {}
    count = 0
    for r in _rows(path, 19, "allCountries"):
        fclass, fcode = r[6], r[7]
        if fclass not in classes:
            continue
        pop = int(r[14] or 0)
        if fclass == "P" and pop < min_population:
            continue
        gid = int(r[0])
        kind = _kind(fclass, fcode)
        admin2 = admin2_names.get((r[8], r[10], r[11]), r[11]) if r[11] else None
        rows.append((gid, r[1], float(r[4]), float(r[5]), r[8] or None, r[10] or None, admin2, kind, fcode, pop))
        if kind == "admin1":
            admin1_ids[(r[8], r[10])] = gid
        main = normalize(r[1])
        if fclass in "HL" and (pop > 0 or fcode in ("SEA", "OCN", "GULF", "STRT", "BAY", "RGN", "CHN", "CNL")):
            known.add(main)  # the seas and regions sitreps would otherwise add from extras.tsv
        keys = {main, normalize(r[2])} | {normalize(a) for a in r[3].split(",") if a and not (len(a) <= 4 and a.isupper())}
        names += [(k, gid, 1 if k == main else 0) for k in keys if is_latin(k)]
        if len(rows) >= _BATCH:
            count += len(rows)
            _flush(w, rows, names)
            rows, names = [], []
            if on_rows:
                on_rows(count)
    _flush(w, rows, names)
    w.admin1([(cc, code, name, gid) for (cc, code), gid in admin1_ids.items()
              for name in [w.db.execute("SELECT name FROM places WHERE id = ?", (gid,)).fetchone()[0]]])
    return admin1_ids


def _flush(w: Writer, rows: list, names: list) -> None:
    w.place(rows)
    w.names(names, dedupe=False)


def _import_admin_codes(w: Writer, path: Path, columns: int, hint: str) -> None:
    """``CC.A1 <tab> name <tab> asciiname <tab> geonameid``: names for the admin1 codes."""
    for code, name, ascii_name, gid in _rows(path, columns, hint):
        parts = code.split(".")
        w.admin1([(parts[0], parts[1], name, int(gid))])
        for key in {normalize(name), normalize(ascii_name)}:
            if is_latin(key):
                w.names([(key, int(gid), 1)], dedupe=False)


def _import_alternates(w: Writer, path: Path) -> None:
    """alternateNamesV2: id, geonameid, language, name, preferred, short, colloquial, historic, from, to."""
    batch = []
    for r in _rows(path, 10, "alternateNamesV2"):
        if r[2] not in _ALT_LANGS or r[7] == "1":
            continue
        key = normalize(r[3])
        if is_latin(key):
            batch.append((key if r[2] != "abbr" else f"abbr:{key}", int(r[1]), 0))
        if len(batch) >= _BATCH:
            w.names(batch, dedupe=False)
            batch = []
    w.names(batch, dedupe=False)
    w.db.execute("DELETE FROM names WHERE place NOT IN (SELECT id FROM places)")


__all__ = ["import_geonames", "DEFAULT_CLASSES"]
