"""How likely two events are one incident: a score in 0..1 from six signals.

Each signal is a number that says "same" when high and "different" when low, or 0 when it cannot
tell (a figure one report lacks says nothing):

    date     1 on overlapping days, falling to 0 at the edge of the window
    place    1 for the same named place or coordinates within a few km, falling with distance;
             0.4 when one of the two is only known to its region (containment: blocking already
             put both in the same admin1); 0 for far-apart places
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

from .block import day_gap
from .config import MergeSettings
from .fingerprint import Fingerprint

FEATURES = ("date", "place", "actors", "type", "figures", "summary")
FINE = frozenset({"point", "district", "city"})
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
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(min(1.0, h)))


def _place(a: Fingerprint, b: Fingerprint) -> float:
    if a.place and a.place == b.place:
        return 1.0
    fine = a.precision in FINE and b.precision in FINE
    if not fine:
        return 0.4 if (a.admin1 and a.admin1 == b.admin1) or (a.country and a.country == b.country) else 0.0
    d = km(a, b)
    return 0.0 if d is None else math.exp(-d / 10.0)


def _overlap(x: tuple[str, ...], y: tuple[str, ...]) -> float:
    if not x or not y:
        return 0.0
    sx, sy = set(x), set(y)
    return len(sx & sy) / len(sx | sy)


def _figures(a: Fingerprint, b: Fingerprint) -> float:
    votes = [1.0 if x == y else -1.0 for x, y in ((a.killed, b.killed), (a.injured, b.injured)) if x is not None and y is not None]
    return sum(votes) / len(votes) if votes else 0.0


def _summary(a: Fingerprint, b: Fingerprint, similarity: str) -> float:
    if similarity == "minilm" and a.vector and b.vector:
        return max(0.0, sum(x * y for x, y in zip(a.vector, b.vector)))
    return _overlap(a.words, b.words)


def features(a: Fingerprint, b: Fingerprint, settings: MergeSettings = _DEFAULT) -> dict[str, float] | None:
    """The six signals for a pair, or None when the pair can never match (other family,
    other country, no date, or further apart than the window)."""
    if a.event_id > b.event_id:  # one order, so that the score is exactly symmetric
        a, b = b, a
    gap = day_gap(a, b)
    if a.family != b.family or gap is None or gap > settings.window_days:
        return None
    if a.country and b.country and a.country != b.country:
        return None
    actors = 2.0 * _overlap(a.actors, b.actors) - 1.0 if a.actors and b.actors else 0.0
    same_type = 0.0 if a.plover != b.plover else (1.0 if a.subtype == b.subtype else 0.5)
    return {
        "date": 1.0 - gap / (settings.window_days + 1),
        "place": _place(a, b),
        "actors": actors,
        "type": same_type,
        "figures": _figures(a, b),
        "summary": _summary(a, b, settings.similarity),
    }


def match(a: Fingerprint, b: Fingerprint, settings: MergeSettings = _DEFAULT) -> float:
    """0..1: how likely ``a`` and ``b`` tell the same incident (symmetric, deterministic)."""
    f = features(a, b, settings)
    if f is None:
        return 0.0
    bias, w = weights(settings.similarity)
    z = bias + sum(w[k] * f[k] for k in FEATURES)
    return 1.0 / (1.0 + math.exp(-z))
