"""Great-circle distance, for every layer that compares two places."""

from __future__ import annotations

import math
from typing import Any

#: how far a county's (a district's) point may lie from a town it holds
COUNTY_KM = 60.0
#: the earth's mean radius (IUGG), in km
EARTH_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


def nearest_km(lat: float, lon: float, points: "list[tuple[float, float]]") -> float:
    """The distance from (``lat``, ``lon``) to the nearest of ``points`` (non-empty): the same
    figure as the least :func:`haversine_km`, with the haversine's monotone part compared first
    and one square root at the end (the place ranker asks this for every candidate)."""
    phi1 = math.radians(lat)
    cos1 = math.cos(phi1)
    sin, cos, radians = math.sin, math.cos, math.radians
    best = 2.0
    for plat, plon in points:
        phi2 = radians(plat)
        a = sin((phi2 - phi1) / 2) ** 2 + cos1 * cos(phi2) * sin(radians(plon - lon) / 2) ** 2
        if a < best:
            best = a
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(best)))


def county_holds(county: Any, town: Any) -> bool:
    """Whether ``county``, a place of district precision (a county, a second-level division), holds
    ``town``, a town or a finer point (anything with ``precision``, ``admin1``, ``lat``, ``lon``):
    the same first-level division, and the county's point within :data:`COUNTY_KM` of the town."""
    return (county.precision == "district" and town.precision in ("city", "point") and county.admin1 == town.admin1
            and None not in (county.lat, county.lon, town.lat, town.lon)
            and haversine_km(county.lat, county.lon, town.lat, town.lon) <= COUNTY_KM)
