"""Calibration of a model's scores into probabilities, and how to measure it.

A :class:`Calibration` is a monotone piecewise-linear map from raw score to probability, fitted on
out-of-fold predictions (isotonic regression's steps, or Platt's sigmoid sampled) and stored as
its knots in the model's JSON, so applying it needs no library.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Calibration:
    """Knots ``(x, p)`` with x ascending; scores between knots are interpolated, outside clamped."""

    xs: tuple[float, ...]
    ps: tuple[float, ...]

    def __post_init__(self) -> None:
        if len(self.xs) != len(self.ps) or not self.xs:
            raise ValueError("a calibration needs as many probabilities as scores, and at least one")
        if any(b < a for a, b in zip(self.xs, self.xs[1:])):
            raise ValueError("calibration scores must be ascending")

    def __call__(self, score: float) -> float:
        xs, ps = self.xs, self.ps
        if score <= xs[0]:
            return ps[0]
        if score >= xs[-1]:
            return ps[-1]
        i = bisect.bisect_right(xs, score)
        x0, x1, p0, p1 = xs[i - 1], xs[i], ps[i - 1], ps[i]
        return p0 if x1 == x0 else p0 + (p1 - p0) * (score - x0) / (x1 - x0)

    def to_json(self) -> dict:
        return {"xs": [round(x, 6) for x in self.xs], "ps": [round(p, 6) for p in self.ps]}

    @classmethod
    def from_json(cls, data: dict) -> "Calibration":
        return cls(tuple(float(x) for x in data["xs"]), tuple(float(p) for p in data["ps"]))

    @classmethod
    def identity(cls) -> "Calibration":
        return cls((0.0, 1.0), (0.0, 1.0))


def reliability(probs: Sequence[float], labels: Sequence[int | bool], bins: int = 10) -> list[dict]:
    """The reliability curve: per equal-width probability bin, how many predictions fell in it,
    their mean predicted probability and the share that were right (empty bins are left out)."""
    if len(probs) != len(labels):
        raise ValueError("as many labels as probabilities are needed")
    rows: list[list[float]] = [[0, 0.0, 0.0] for _ in range(bins)]
    for p, y in zip(probs, labels):
        b = min(bins - 1, max(0, int(p * bins)))
        rows[b][0] += 1
        rows[b][1] += p
        rows[b][2] += 1.0 if y else 0.0
    return [{"bin": f"{i / bins:.1f}-{(i + 1) / bins:.1f}", "n": int(n), "mean_p": s / n, "observed": k / n}
            for i, (n, s, k) in enumerate(rows) if n]


def expected_calibration_error(probs: Sequence[float], labels: Sequence[int | bool], bins: int = 10) -> float:
    """ECE: the mean over bins of |observed - predicted|, weighted by the bin's share of predictions."""
    total = len(probs)
    if not total:
        return 0.0
    return sum(r["n"] / total * abs(r["observed"] - r["mean_p"]) for r in reliability(probs, labels, bins))
