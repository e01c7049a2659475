"""Small, dependency-free metrics shared by the evaluation tasks."""

from __future__ import annotations

import math
from collections import Counter
from typing import Hashable, Sequence

from ..geo.distance import haversine_km  # noqa: F401 (re-exported: the tasks import it from here)


def accuracy(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> float:
    return sum(g == p for g, p in zip(gold, pred)) / len(gold) if gold else 0.0


def f1_scores(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> dict[str, float]:
    """Micro, macro and support-weighted F1 over the gold labels (as sklearn computes them)."""
    labels = sorted(set(gold), key=str)
    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    for g, p in zip(gold, pred):
        if g == p:
            tp[g] += 1
        else:
            fp[p] += 1
            fn[g] += 1
    support = Counter(gold)
    per = {}
    for lab in labels:
        prec = tp[lab] / (tp[lab] + fp[lab]) if tp[lab] + fp[lab] else 0.0
        rec = tp[lab] / (tp[lab] + fn[lab]) if tp[lab] + fn[lab] else 0.0
        per[lab] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    n = len(gold)
    return {
        "micro_f1": accuracy(gold, pred),
        "macro_f1": sum(per.values()) / len(per) if per else 0.0,
        "weighted_f1": sum(per[lab] * support[lab] for lab in labels) / n if n else 0.0,
    }


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def geo_auc(errors_km: Sequence[float]) -> float:
    """Area under the curve of log error (Gritta et al. 2018, "What's missing in geographical
    parsing?"): 0 is perfect, 1 is worst.

    The errors are sorted, scaled as ln(1 + km), integrated with the trapezoid rule over the
    unit interval and divided by ln(20039), 20039 km being half the Earth's circumference — as in
    the authors' evaluation code (``np.trapz(log(sorted errors + 1)) / (log(20039) * (n - 1))``).
    """
    if not errors_km:
        return 1.0
    logs = sorted(math.log1p(max(0.0, e)) for e in errors_km)
    top = math.log(20039.0)
    if len(logs) == 1:
        return min(1.0, logs[0] / top)
    area = sum((a + b) / 2 for a, b in zip(logs, logs[1:]))
    return min(1.0, area / (top * (len(logs) - 1)))
