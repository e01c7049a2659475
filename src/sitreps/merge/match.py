"""How likely two events are one incident: a score in 0..1 from seven signals.

Each signal is a number that says "same" when high and "different" when low, or 0 when it cannot
tell (a figure one report lacks says nothing):

    date     1 on overlapping days, falling to 0 at the edge of the window
    place    1 for the same named place or coordinates within a few km, falling with distance
             to -1; 0.2 when one of the two is only known to the region that holds the other
             (containment), as when one is a district (a county) whose point lies within
             60 km of the other's town; -1 for other regions; 0 when one report's place is
             unknown or known only to its country
    names    overlap of the proper names (victims, streets, towns) of the two passages
    actors   +1..-1: overlap of the actor names when both reports name some, else 0
    type     1 for the same PLOVER type and ACLED sub-type, 0.5 for the same type, else 0
    figures  +1 for each figure both give alike, -1 for each they give differently (averaged)
    summary  overlap of the content words of the two passages that tell the events (or the
             cosine of their sentence embeddings, with ``similarity = "minilm"``)

They are weighed by a logistic model (weights in ``weights.json``, fitted on pairs of reports
of gun-violence incidents with scores reported out of fold: see docs/evaluation.md). Events of
different families, countries, or more than the window apart never match.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources
from typing import Any

from ..geo.distance import county_holds, haversine_km
from ..record import TOWN_OR_FINER
from .block import day_gap
from .config import MergeSettings
from .fingerprint import Fingerprint

FEATURES = ("date", "place", "names", "actors", "type", "figures", "summary")
_DEFAULT = MergeSettings()


@lru_cache(maxsize=4)
def weights(similarity: str = "words") -> tuple[float, dict[str, float]]:
    """(bias, weight per feature) of the logistic model for a summary similarity."""
    data: dict[str, Any] = json.loads(resources.files("sitreps.merge").joinpath("weights.json").read_text("utf-8"))
    model = data["models"][similarity]
    return float(model["bias"]), {k: float(model["weights"][k]) for k in FEATURES}


def km(a: Fingerprint, b: Fingerprint) -> float | None:
    """Great-circle distance in km, or None when either has no coordinates."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def _place(a: Fingerprint, b: Fingerprint) -> float:
    if a.precision == "country" or b.precision == "country":
        return 0.0  # known only to its country (which the pair shares, or it would not be compared): no sign
    if a.place and a.place == b.place:
        return 1.0
    if not (a.place or a.admin1) or not (b.place or b.admin1):
        return 0.0  # one report's place is unknown: no sign either way
    if a.admin1 and b.admin1 and a.admin1 != b.admin1:
        return -1.0
    if a.precision in TOWN_OR_FINER and b.precision in TOWN_OR_FINER:
        if county_holds(a, b) or county_holds(b, a):
            return 0.2  # a town and the county (district) around it: contained, as in a region
        d = km(a, b)
        return 0.0 if d is None else 2.0 * math.exp(-d / 10.0) - 1.0
    return 0.2  # one is known only to its region, which holds the other


def _overlap(x: frozenset[str], y: frozenset[str]) -> float:
    """Jaccard overlap of two sets (0 when either is empty)."""
    if not x or not y:
        return 0.0
    shared = len(x & y)
    return shared / (len(x) + len(y) - shared)


def _figures(a: Fingerprint, b: Fingerprint) -> float:
    votes = [1.0 if x == y else -1.0 for x, y in ((a.killed, b.killed), (a.injured, b.injured)) if x is not None and y is not None]
    return sum(votes) / len(votes) if votes else 0.0


def _summary(a: Fingerprint, b: Fingerprint, similarity: str) -> float:
    if similarity == "minilm" and a.vector and b.vector:
        return max(0.0, sum(x * y for x, y in zip(a.vector, b.vector)))
    return _overlap(a.words, b.words)


def signals(a: Fingerprint, b: Fingerprint, settings: MergeSettings = _DEFAULT) -> tuple[float, ...] | None:
    """The seven signals for a pair, in the order of ``FEATURES``, or None when the pair can
    never match (other family, other country, no date, or further apart than the window)."""
    if a.family != b.family or a.day_start is None or b.day_start is None:
        return None
    if a.event_id > b.event_id:  # one order, so that the score is exactly symmetric
        a, b = b, a
    gap = day_gap(a, b)
    if gap is None or gap > settings.window_days or (a.country and b.country and a.country != b.country):
        return None
    actors = 2.0 * _overlap(a.actors, b.actors) - 1.0 if a.actors and b.actors else 0.0
    same_type = 0.0 if a.plover != b.plover else (1.0 if a.subtype == b.subtype else 0.5)
    return (1.0 - gap / (settings.window_days + 1), _place(a, b), _overlap(a.names, b.names), actors, same_type,
            _figures(a, b), _summary(a, b, settings.similarity))


def features(a: Fingerprint, b: Fingerprint, settings: MergeSettings = _DEFAULT) -> dict[str, float] | None:
    """:func:`signals` by name."""
    f = signals(a, b, settings)
    return None if f is None else dict(zip(FEATURES, f))


Model = tuple[float, dict[str, float]]  # (bias, weight per feature)


def match(a: Fingerprint, b: Fingerprint, settings: MergeSettings = _DEFAULT, model: Model | None = None) -> float:
    """0..1: how likely ``a`` and ``b`` tell the same incident (symmetric, deterministic).
    ``model`` replaces the shipped weights (when refitting them)."""
    f = signals(a, b, settings)
    if f is None:
        return 0.0
    bias, w = model or weights(settings.similarity)
    z = bias + sum(w[k] * v for k, v in zip(FEATURES, f))
    return 1.0 / (1.0 + math.exp(-z))
