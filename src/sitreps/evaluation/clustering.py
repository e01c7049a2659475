"""Scores of a clustering against gold clusters: pairwise and B-cubed precision, recall and F1."""

from __future__ import annotations

from collections import Counter
from typing import Hashable, Mapping


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def pairwise(gold: Mapping[Hashable, Hashable], pred: Mapping[Hashable, Hashable]) -> dict[str, float]:
    """Precision, recall and F1 over item pairs put together (items: the keys of ``gold``).
    With no gold pair (or no predicted pair) the matching score is 0."""
    items = list(gold)
    both = Counter((gold[i], pred[i]) for i in items)
    pairs = lambda counts: sum(n * (n - 1) // 2 for n in counts)  # noqa: E731
    tp = pairs(both.values())
    gold_pairs = pairs(Counter(gold[i] for i in items).values())
    pred_pairs = pairs(Counter(pred[i] for i in items).values())
    p = tp / pred_pairs if pred_pairs else 0.0
    r = tp / gold_pairs if gold_pairs else 0.0
    return {"precision": p, "recall": r, "f1": _f1(p, r)}


def bcubed(gold: Mapping[Hashable, Hashable], pred: Mapping[Hashable, Hashable]) -> dict[str, float]:
    """B-cubed precision, recall and F1 (Bagga & Baldwin 1998) over the items of ``gold``."""
    items = list(gold)
    if not items:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    both = Counter((gold[i], pred[i]) for i in items)
    g_size = Counter(gold[i] for i in items)
    p_size = Counter(pred[i] for i in items)
    p = sum(both[(gold[i], pred[i])] / p_size[pred[i]] for i in items) / len(items)
    r = sum(both[(gold[i], pred[i])] / g_size[gold[i]] for i in items) / len(items)
    return {"precision": p, "recall": r, "f1": _f1(p, r)}
