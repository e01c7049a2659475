"""Folds grouped by document: every figure for a trained part is scored on documents its model
never saw, so two candidates from one article never sit on both sides of a split."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Hashable, Sequence


def grouped_folds(groups: Sequence[Hashable], k: int = 5, seed: int = 0) -> list[int]:
    """The fold (0..k-1) of each item, so that items sharing a group share a fold.

    Groups are shuffled with ``seed`` and dealt largest first to the fold with the fewest items,
    so folds come out near equal in size and the same for the same input and seed.
    """
    if k < 2:
        raise ValueError(f"k must be at least 2 (got {k})")
    sizes: dict[Hashable, int] = {}
    for g in groups:
        sizes[g] = sizes.get(g, 0) + 1
    order = list(sizes)
    random.Random(seed).shuffle(order)
    order.sort(key=lambda g: -sizes[g])  # stable: ties keep the shuffled order
    load = [0] * k
    fold_of: dict[Hashable, int] = {}
    for g in order:
        f = min(range(k), key=lambda i: (load[i], i))
        fold_of[g] = f
        load[f] += sizes[g]
    return [fold_of[g] for g in groups]


#: Folds every trainer uses, so a document sits in the same fold for every model.
K = 5


def fold_of_text(text: str, k: int = K) -> int:
    """The fold of a document, from its text alone: the same article falls in the same fold in
    every data set and for every model, so out-of-fold scoring of the whole pipeline (every model
    applied to a document it was not trained on) needs nothing but the text."""
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()
    return int.from_bytes(digest[:8], "big") % k
