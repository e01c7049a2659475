"""Fitting helpers shared by the trainers: a seeded logistic regression over named features, its
out-of-fold predictions, an isotonic calibration fitted on them, and the card that goes with the
model. scikit-learn is imported here only (the ``train`` extra)."""

from __future__ import annotations

import datetime as _dt
import hashlib
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..learn import K, Calibration, LinearModel, expected_calibration_error, fold_of_text, reliability


@dataclass
class Trained:
    """What a trainer returns: the model fitted on all its data, and a report for the card."""

    model: LinearModel
    #: the K fold models (``folds[i]`` fitted without fold i's documents), saved as ``<name>.fold<i>.json``
    folds: list[LinearModel] = field(default_factory=list)
    report: dict[str, Any] = field(default_factory=dict)


def _sklearn():
    try:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.isotonic import IsotonicRegression
        from sklearn.linear_model import LogisticRegression
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ConfigError("training needs scikit-learn: install the `train` extra (pip install 'sitreps[train]', "
                          "or `make train`, which does).", code="S032") from exc
    return DictVectorizer, LogisticRegression, IsotonicRegression


def fit_linear(rows: Sequence[Mapping[str, float]], labels: Sequence[Hashable], *, name: str, c: float = 1.0,
               seed: int = 0, class_weight: str | None = None, min_count: int = 1) -> LinearModel:
    """A logistic (two labels) or softmax (more) regression over the feature dicts ``rows``.

    Features seen in fewer than ``min_count`` rows are dropped (they would only fit the noise).
    The model is saved with raw-scale weights, so applying it needs no vectoriser.
    """
    DictVectorizer, LogisticRegression, _ = _sklearn()
    if min_count > 1:
        counts: dict[str, int] = {}
        for r in rows:
            for k, v in r.items():
                if v:
                    counts[k] = counts.get(k, 0) + 1
        rows = [{k: v for k, v in r.items() if counts.get(k, 0) >= min_count} for r in rows]
    vec = DictVectorizer(sparse=True)
    x = vec.fit_transform(rows)
    classes = sorted({str(y) for y in labels})
    if len(classes) < 2:
        raise ConfigError(f"model {name!r}: the training data has one label only ({classes}); nothing to learn.", code="S033")
    clf = LogisticRegression(C=c, max_iter=2000, random_state=seed, class_weight=class_weight)
    clf.fit(x, [str(y) for y in labels])
    kind = "binary" if len(classes) == 2 else "multiclass"
    return LinearModel({"name": name, "kind": kind, "classes": [str(k) for k in clf.classes_],
                        "features": list(vec.get_feature_names_out()), "coef": clf.coef_.tolist(),
                        "intercept": clf.intercept_.tolist()})


def out_of_fold(rows: Sequence[Mapping[str, float]], labels: Sequence[Hashable], folds: Sequence[int], *,
                name: str, k: int = K, seed: int = 0, **fit_args: Any) -> list[LinearModel]:
    """One model per fold, each fitted on the other folds' rows (``folds[i]`` is row i's fold).
    Score row i with ``models[folds[i]]``: a prediction for a document the model never saw."""
    models = []
    for f in range(k):
        idx = [i for i, g in enumerate(folds) if g != f]
        models.append(fit_linear([rows[i] for i in idx], [labels[i] for i in idx], name=name, seed=seed, **fit_args))
    return models


def fit_with_folds(rows: Sequence[Mapping[str, float]], labels: Sequence[Hashable], texts: Sequence[str], *,
                   name: str, seed: int = 0, **fit_args: Any) -> tuple[LinearModel, list[LinearModel], list[int]]:
    """The model fitted on all rows, the :data:`~sitreps.learn.K` fold models (fold of a row = fold
    of its document's text, :func:`~sitreps.learn.fold_of_text`, as :func:`~sitreps.learn.model_for`
    picks them), and each row's fold. ``texts[i]`` is the text of the document row i comes from."""
    folds = [fold_of_text(t) for t in texts]
    models = out_of_fold(rows, labels, folds, name=name, seed=seed, **fit_args)
    return fit_linear(rows, labels, name=name, seed=seed, **fit_args), models, folds


def fit_calibration(scores: Sequence[float], labels: Sequence[int | bool], max_knots: int = 40) -> Calibration:
    """An isotonic map from raw probability to observed frequency, fitted on out-of-fold scores,
    kept as at most ``max_knots`` knots (the steps' ends)."""
    _, _, IsotonicRegression = _sklearn()
    iso = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0)
    iso.fit(list(scores), [1.0 if y else 0.0 for y in labels])
    xs, ps = list(iso.X_thresholds_), list(iso.y_thresholds_)
    if len(xs) > max_knots:
        step = (len(xs) - 1) / (max_knots - 1)
        keep = sorted({round(i * step) for i in range(max_knots)})
        xs, ps = [xs[i] for i in keep], [ps[i] for i in keep]
    return Calibration(tuple(float(x) for x in xs), tuple(float(p) for p in ps))


def calibration_report(probs: Sequence[float], labels: Sequence[int | bool], bins: int = 10) -> dict[str, Any]:
    """ECE and the reliability curve, for the card and docs/models.md."""
    return {"ece": round(expected_calibration_error(probs, labels, bins), 4),
            "reliability": [{**r, "mean_p": round(r["mean_p"], 3), "observed": round(r["observed"], 3)}
                            for r in reliability(probs, labels, bins)]}


def data_hash(*paths: Path) -> str:
    """SHA-256 over the training files, so the card says which data the model saw."""
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def card(*, data: Mapping[str, str], features: str, scores: Mapping[str, Any], seed: int, **more: Any) -> dict[str, Any]:
    """A model card: training data (name -> SHA-256), features, out-of-fold scores, seed, date, sitreps version."""
    from ..version import __version__
    return {"trained": _dt.date.today().isoformat(), "sitreps": __version__, "seed": seed, "data": dict(data),
            "features": features, "out_of_fold": dict(scores), **more}
