"""The offline gazetteer: default build, lookups, GeoNames import from files in the real format,
and the coded errors for missing, corrupt, truncated or malformed files."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitreps.cli.main import cli
from sitreps.errors import GazetteerError
from sitreps.geo.gazetteer import Gazetteer
from sitreps.geo.geonames import import_geonames
from sitreps.geo.names import normalize, split_generic, variants


@pytest.fixture(scope="session")
def gaz(gazetteer_file) -> Gazetteer:
    return Gazetteer(gazetteer_file)


# -- names ---------------------------------------------------------------------------------------
def test_normalize_folds_case_accents_apostrophes_and_the():
    assert normalize("KHARKIV") == normalize("Khárkiv") == "kharkiv"
    assert normalize("Vovchans'k") == "vovchansk"
    assert normalize("the Gaza Strip") == "gaza strip"


def test_generic_words_give_the_kind():
    assert split_generic("kharkiv region") == ("kharkiv", "admin1")
    assert split_generic("shevchenkivskyi district") == ("shevchenkivskyi", "admin2")
    assert split_generic("city of mariupol") == ("mariupol", "city")


def test_adjectival_and_old_spellings_have_variants():
    assert "kharkiv" in variants("kharkivska")
    assert "kyiv" in variants("kiev")
    assert "mykolaiv" in variants("nikolaev")


# -- the default build ---------------------------------------------------------------------------
def test_default_build_has_cities_regions_countries_and_seas(gaz):
    kinds = {c.kind for c in gaz.lookup("kharkiv")}
    assert {"city", "admin1"} <= kinds
    assert any(c.kind == "country" and c.country == "UA" for c in gaz.lookup("ukraine"))
    assert any(c.kind == "sea" for c in gaz.lookup("black sea"))
    assert any(c.kind == "region" and c.country == "UA" for c in gaz.lookup("donbas"))
    info = gaz.info()
    assert info["places"] > 200_000 and info["kinds"]["admin1"] > 3000


def test_region_coordinates_are_derived_and_sane(gaz):
    region = next(c for c in gaz.lookup("kharkiv") if c.kind == "admin1")
    assert 48.5 < region.lat < 51 and 35 < region.lon < 38.5
    assert gaz.admin1_name("UA", region.admin1) == "Kharkiv"


def test_iso_subdivision_names_find_the_region(gaz):
    assert any(c.kind == "admin1" and c.country == "UA" for c in gaz.lookup("kharkivska oblast"))


def test_trigram_index_suggests_near_spellings(gaz):
    assert "bakhmut" in gaz.similar("bakhmutt")


# -- errors --------------------------------------------------------------------------------------
def test_missing_gazetteer_says_how_to_build_one(tmp_path):
    with pytest.raises(GazetteerError) as err:
        Gazetteer(tmp_path / "none.sqlite")
    assert err.value.code == "S201" and "sitreps gazetteer build" in str(err.value)


def test_corrupt_gazetteer_is_named(tmp_path):
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(GazetteerError) as err:
        Gazetteer(bad)
    assert err.value.code == "S202" and str(bad) in str(err.value)


# -- GeoNames import -----------------------------------------------------------------------------
def _geonames_row(gid, name, ascii_name, alternates, lat, lon, fclass, fcode, cc, admin1, population, admin2=""):
    cols = [str(gid), name, ascii_name, alternates, str(lat), str(lon), fclass, fcode, cc, "", admin1, admin2, "", "",
            str(population), "", "100", "Europe/Kyiv", "2024-01-01"]
    assert len(cols) == 19
    return "\t".join(cols)


@pytest.fixture
def dump(tmp_path) -> dict[str, Path]:
    """A small GeoNames country dump, in the real file formats."""
    rows = [
        _geonames_row(706483, "Kharkiv", "Kharkiv", "Charkow,Harkov,Kharkov,Харків", 49.98081, 36.25272, "P", "PPLA", "UA", "07", 1430885),
        _geonames_row(706482, "Kharkivska Oblast", "Kharkivska Oblast", "Kharkiv Oblast,Kharkiv region", 49.5, 36.5, "A", "ADM1", "UA", "07", 2700000),
        _geonames_row(707753, "Izyum", "Izyum", "Izium,Ізюм", 49.21, 37.25, "P", "PPL", "UA", "07", 50000, "6300"),
        _geonames_row(630673, "Black Sea", "Black Sea", "Chorne More", 43.0, 35.0, "H", "SEA", "", "00", 0),
    ]
    main = tmp_path / "UA.zip"
    with zipfile.ZipFile(main, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("UA.txt", "\n".join(rows) + "\n")
        zf.writestr("readme.txt", "GeoNames country dump\n")
    admin1 = tmp_path / "admin1CodesASCII.txt"
    admin1.write_text("UA.07\tKharkiv\tKharkiv\t706482\n", encoding="utf-8")
    admin2 = tmp_path / "admin2Codes.txt"
    admin2.write_text("UA.07.6300\tIzium Raion\tIzium Raion\t11811470\n", encoding="utf-8")
    alternates = tmp_path / "alternateNamesV2.zip"
    alt_rows = ["1\t707753\ten\tIzium\t1\t\t\t\t\t", "2\t706483\tru\tKharkov\t\t\t\t1\t\t", "3\t707753\tlink\thttps://example.org/Izium\t\t\t\t\t\t"]
    with zipfile.ZipFile(alternates, "w") as zf:
        zf.writestr("alternateNamesV2.txt", "\n".join(alt_rows) + "\n")
    return {"main": main, "admin1": admin1, "admin2": admin2, "alternates": alternates}


def test_import_reads_a_country_dump_with_admin_codes_and_alternate_names(dump, tmp_path):
    target = tmp_path / "geonames.sqlite"
    import_geonames(target, dump["main"], admin1=dump["admin1"], admin2=dump["admin2"], alternates=dump["alternates"], progress=False)
    gaz = Gazetteer(target)
    izyum = gaz.lookup("izium")
    assert [c.id for c in izyum] == [707753]
    assert izyum[0].admin2 == "Izium Raion"
    assert gaz.admin1_name("UA", izyum[0].admin1) == "Kharkiv"
    assert {c.kind for c in gaz.lookup("kharkiv")} == {"city", "admin1"}
    assert gaz.lookup("black sea")[0].id == 630673
    assert not gaz.lookup("https example org izium")  # link rows are not names
    assert gaz.info()["source"].startswith("GeoNames import")


def test_truncated_zip_is_an_error_and_the_previous_gazetteer_survives(dump, tmp_path):
    target = tmp_path / "geonames.sqlite"
    import_geonames(target, dump["main"], progress=False)
    data = dump["main"].read_bytes()
    broken = tmp_path / "allCountries.zip"
    broken.write_bytes(data[: len(data) // 2])
    with pytest.raises(GazetteerError) as err:
        import_geonames(target, broken, progress=False)
    assert err.value.code == "S222" and "allCountries.zip" in str(err.value)
    assert Gazetteer(target).lookup("izyum"), "the previous gazetteer must stay usable"
    assert not list(tmp_path.glob("geonames.sqlite.tmp-*")), "no half-written file is left behind"


def test_wrong_column_count_names_the_file_and_line(tmp_path):
    bad = tmp_path / "UA.txt"
    bad.write_text("706483\tKharkiv\tKharkiv\t49.98\t36.25\n", encoding="utf-8")
    with pytest.raises(GazetteerError) as err:
        import_geonames(tmp_path / "g.sqlite", bad, progress=False)
    assert err.value.code == "S224" and "UA.txt line 1 has 5 columns" in str(err.value)


def test_missing_input_file(tmp_path):
    with pytest.raises(GazetteerError) as err:
        import_geonames(tmp_path / "g.sqlite", tmp_path / "allCountries.zip", progress=False)
    assert err.value.code == "S220"


def test_interrupted_import_leaves_previous_gazetteer(dump, tmp_path, monkeypatch):
    target = tmp_path / "geonames.sqlite"
    import_geonames(target, dump["main"], progress=False)
    before = target.stat().st_mtime_ns
    from sitreps.geo import geonames

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(geonames, "_extras", boom)
    with pytest.raises(KeyboardInterrupt):
        import_geonames(target, dump["main"], progress=False)
    assert target.stat().st_mtime_ns == before
    assert Gazetteer(target).lookup("izyum")
    assert not list(tmp_path.glob("geonames.sqlite.tmp-*"))


# -- CLI -----------------------------------------------------------------------------------------
def test_cli_info_and_import(dump, tmp_path):
    target = tmp_path / "cli.sqlite"
    runner = CliRunner()
    result = runner.invoke(cli, ["gazetteer", "import", str(dump["main"]), "--admin1", str(dump["admin1"]), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "imported" in result.output
    result = runner.invoke(cli, ["gazetteer", "info", "--path", str(target)])
    assert result.exit_code == 0
    assert json.loads(result.output)["kinds"]["city"] == 2


def test_cli_reports_a_bad_file_in_one_line(tmp_path):
    bad = tmp_path / "allCountries.zip"
    bad.write_bytes(b"PK\x03\x04 truncated")
    result = CliRunner().invoke(cli, ["gazetteer", "import", str(bad), "-o", str(tmp_path / "x.sqlite")])
    assert result.exit_code == 2
    assert "[S222]" in result.output and "allCountries.zip" in result.output


def test_a_default_gazetteer_from_an_older_sitreps_is_rebuilt(gazetteer_file, tmp_path, monkeypatch):
    import shutil
    import sqlite3

    from sitreps.geo import build
    from sitreps.geo.gazetteer import ensure_gazetteer
    from sitreps.settings import load_settings

    old = tmp_path / "old.sqlite"
    shutil.copy(gazetteer_file, old)
    db = sqlite3.connect(old)
    db.execute("UPDATE meta SET value = '0' WHERE key = 'default_build'")
    db.commit()
    db.close()
    rebuilt = []
    monkeypatch.setattr(build, "build_default", lambda path, progress=None: rebuilt.append(path) or shutil.copy(gazetteer_file, path))
    gaz = ensure_gazetteer(load_settings(gazetteer=str(old)))
    assert rebuilt == [old]
    assert gaz.meta["default_build"] == build.BUILD_VERSION
