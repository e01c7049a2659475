"""A linear model over named features, stored as JSON: logistic (binary) or softmax (classes).

Features are a mapping of name to value (``{"cue:cumulative": 1.0, "lemma=strike": 1.0}``); a name
the model does not know weighs nothing, so a feature added later never breaks an older model
file. Any scaling the trainer used is folded into the weights, so applying a model is a sparse
dot product: a stage can score every candidate for microseconds each.

The file::

    {"name": "incident", "kind": "binary" | "multiclass", "classes": [...],
     "features": [...], "coef": [[...], ...], "intercept": [...],
     "calibration": {"xs": [...], "ps": [...]} | absent,
     "card": {...}}

``coef`` has one row per class (one row for a binary model: the positive class, ``classes[1]``).
``card`` says what the model was trained on and how it scored out of fold (see docs/models.md).

Beside ``<name>.json`` (fitted on all the training data) ``sitreps train`` writes ``<name>.fold<i>.json``,
each fitted without the documents of fold ``i`` (:func:`~sitreps.learn.folds.fold_of_text`). Under
:func:`out_of_fold` (which ``sitreps eval`` and the gate use), :func:`model_for` hands each document
the model that never saw it, so every score on the development data is out of fold.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import SitrepsError
from .calibration import Calibration
from .folds import fold_of_text


class ModelError(SitrepsError):
    """A model file is missing or malformed."""

    code = "S030"


class LinearModel:
    """Apply a trained linear model (see the module docstring for the file)."""

    def __init__(self, data: Mapping[str, Any]):
        try:
            self.name: str = str(data.get("name", "model"))
            self.kind: str = data["kind"]
            self.classes: list[str] = [str(c) for c in data["classes"]]
            names = [str(f) for f in data["features"]]
            coef = [[float(w) for w in row] for row in data["coef"]]
            self.intercept: list[float] = [float(b) for b in data["intercept"]]
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelError(f"model {data.get('name', '?')!r} is malformed ({exc!r}); retrain it with `sitreps train`.") from exc
        rows = 1 if self.kind == "binary" else len(self.classes)
        if self.kind not in ("binary", "multiclass") or len(coef) != rows or len(self.intercept) != rows \
                or any(len(r) != len(names) for r in coef):
            raise ModelError(f"model {self.name!r} has weights that do not fit its {len(names)} features and "
                             f"{len(self.classes)} classes; retrain it with `sitreps train`.")
        self.features = names
        # feature name -> its weight in each row (sparse: zero weights dropped)
        self._weights: dict[str, tuple[float, ...]] = {
            n: tuple(r[i] for r in coef) for i, n in enumerate(names) if any(r[i] for r in coef)}
        # a model with many classes multiplies with numpy: one column per feature of non-zero weight
        self._matrix = None
        if rows > 2 and self._weights:
            import numpy as np

            self._column = {n: j for j, n in enumerate(self._weights)}
            self._matrix = np.array(list(self._weights.values()), dtype=float).T
            self._bias = np.array(self.intercept, dtype=float)
        cal = data.get("calibration")
        self.calibration: Calibration | None = Calibration.from_json(cal) if cal else None
        self.card: dict[str, Any] = dict(data.get("card") or {})

    def margins(self, features: Mapping[str, float]) -> list[float]:
        """The raw linear scores, one per row of weights."""
        if self._matrix is not None:
            column = self._column
            cols, vals = [], []
            for name, value in features.items():
                j = column.get(name)
                if j is not None and value:
                    cols.append(j)
                    vals.append(value)
            if not cols:
                return list(self.intercept)
            return (self._bias + self._matrix[:, cols] @ vals).tolist()
        weights = self._weights
        if len(self.intercept) == 1:  # a binary model: one running sum, the same additions in the same order
            total = self.intercept[0]
            for name, value in features.items():
                w = weights.get(name)
                if w is not None and value:
                    total += w[0] * value
            return [total]
        out = list(self.intercept)
        for name, value in features.items():
            w = weights.get(name)
            if w is not None and value:
                for i, wi in enumerate(w):
                    out[i] += wi * value
        return out

    def probability(self, features: Mapping[str, float]) -> float:
        """A binary model's calibrated probability of the positive class."""
        if self.kind != "binary":
            raise ModelError(f"model {self.name!r} has {len(self.classes)} classes; use `probabilities`.")
        m = self.margins(features)[0]
        p = 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, m))))
        return self.calibration(p) if self.calibration else p

    def probabilities(self, features: Mapping[str, float]) -> dict[str, float]:
        """Each class's probability (softmax over the rows; a binary model gives both classes)."""
        if self.kind == "binary":
            p = self.probability(features)
            return {self.classes[0]: 1.0 - p, self.classes[1]: p}
        m = self.margins(features)
        top = max(m)
        e = [math.exp(x - top) for x in m]
        s = sum(e)
        return {c: x / s for c, x in zip(self.classes, e)}

    def predict(self, features: Mapping[str, float]) -> tuple[str, float]:
        """The most probable class and its probability (calibrated when the file has a calibration)."""
        probs = self.probabilities(features)
        best = max(probs, key=probs.__getitem__)
        p = probs[best]
        if self.kind == "multiclass" and self.calibration:
            p = self.calibration(p)
        return best, p

    def to_json(self) -> dict[str, Any]:
        rows = 1 if self.kind == "binary" else len(self.classes)
        coef = [[round(self._weights.get(n, (0.0,) * rows)[i], 6) for n in self.features] for i in range(rows)]
        data: dict[str, Any] = {"name": self.name, "kind": self.kind, "classes": self.classes, "features": self.features,
                                "coef": coef, "intercept": [round(b, 6) for b in self.intercept]}
        if self.calibration:
            data["calibration"] = self.calibration.to_json()
        if self.card:
            data["card"] = self.card
        return data

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_json(), indent=1, sort_keys=False) + "\n", "utf-8")


@lru_cache(maxsize=None)
def load_model(name: str) -> LinearModel | None:
    """The model ``name`` shipped in ``sitreps/models/<name>.json``, or None when none is shipped
    (the caller then keeps its rules). A malformed file raises :class:`ModelError`."""
    ref = resources.files("sitreps") / "models" / f"{name}.json"
    if not ref.is_file():
        return None
    try:
        data = json.loads(ref.read_text("utf-8"))
    except ValueError as exc:
        raise ModelError(f"model file models/{name}.json is not JSON ({exc}); retrain it with `sitreps train {name}`.") from exc
    return LinearModel(data)


#: Environment switch for out-of-fold models (set by :func:`out_of_fold`, so worker processes inherit it).
OUT_OF_FOLD_ENV = "SITREPS_OUT_OF_FOLD"


@contextmanager
def out_of_fold(on: bool = True) -> Iterator[None]:
    """Within the block, :func:`model_for` gives each document the model fitted without its fold."""
    before = os.environ.get(OUT_OF_FOLD_ENV)
    os.environ[OUT_OF_FOLD_ENV] = "1" if on else "0"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(OUT_OF_FOLD_ENV, None)
        else:
            os.environ[OUT_OF_FOLD_ENV] = before


def model_for(name: str, text: str) -> LinearModel | None:
    """The model ``name`` to apply to the document ``text``: the shipped one, or, under
    :func:`out_of_fold`, the one fitted without this document's fold (the shipped one when the
    fold files are missing). None when no model ``name`` is shipped."""
    if os.environ.get(OUT_OF_FOLD_ENV) == "1":
        model = load_model(f"{name}.fold{fold_of_text(text)}")
        if model is not None:
            return model
    return load_model(name)
