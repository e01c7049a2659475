"""GeoJSON (RFC 7946) FeatureCollection that QGIS opens: a Point [lon, lat] per row with
coordinates (rows without them get a null geometry), flat properties."""

from __future__ import annotations

import json
from typing import IO, Any, Iterable


def feature(row: dict[str, Any]) -> dict[str, Any]:
    lat, lon = row.get("lat"), row.get("lon")
    geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
    return {"type": "Feature", "id": row.get("id"), "geometry": geometry, "properties": row}


def write(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    out.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for row in rows:
        out.write((",\n" if n else "") + json.dumps(feature(row), ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return n
