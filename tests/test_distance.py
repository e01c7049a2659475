"""The nearest-point distance the place ranker asks for every candidate is the least of the
great-circle distances, to the last bit: a faster formula must not move a feature."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sitreps.geo.distance import haversine_km, nearest_km

lat = st.floats(min_value=-90, max_value=90, allow_nan=False)
lon = st.floats(min_value=-180, max_value=180, allow_nan=False)


@settings(max_examples=300, deadline=None)
@given(lat, lon, st.lists(st.tuples(lat, lon), min_size=1, max_size=8))
def test_nearest_is_the_least_haversine(a, b, points):
    assert nearest_km(a, b, points) == min(haversine_km(a, b, p, q) for p, q in points)


def test_nearest_of_antipodes_and_the_same_point():
    assert nearest_km(10.0, 20.0, [(-10.0, -160.0), (10.0, 20.0)]) == 0.0
    assert abs(nearest_km(0.0, 0.0, [(0.0, 180.0)]) - 20015.1) < 1.0  # half the earth's circumference
