"""``sitreps train places``: the candidate ranker of toponym resolution (issue 9 item 3).

One row per (gold toponym, gazetteer candidate) of the development halves of GeoWebNews and
TR-News, each toponym seen in its article's context exactly as ``sitreps eval`` resolves it
(:meth:`sitreps.evaluation.geoparse.GeoTools.in_context`), featurised by the resolver itself
(:meth:`sitreps.geo.resolve.Resolver.featurise`, the rules choosing containing places). Label: the
candidate has the gold GeoNames id or lies within 161 km of the gold point. The model ranks a
toponym's candidates by its margin; its calibration maps the winner's probability to the chance
that the winner is right (isotonic, fitted on out-of-fold winners), which is the place's
``confidence``.

realnews_dev has no per-toponym gold (its incidents carry a point and radius, not the toponyms
that name them), so it is left out of the fit and measured with ``sitreps eval realnews_dev``.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..geo.resolve import winner_probability
from ..learn import K, LinearModel, fold_of_text
from .fit import Trained, calibration_report, card, data_hash, fit_calibration

SETS = (("geowebnews", "geowebnews.jsonl"), ("tr_news", "tr_news.jsonl"))
KM = 161.0
BROAD_KM = 1500.0
FEATURES = ("candidate kind and feature code, own or alternate name, folded or partial match, log population and its gap to the "
            "largest namesake, number of candidates, generic-word hint x kind, direction and dateline x kind, the rules' score and "
            "its gap to the rules' best, country named in the article (by a country name, the dateline or an unambiguous place), "
            "admin1 named in the article, agreement with the containing place (\"X, Y\", \"X district of Y\", \"X in northern Y\") "
            "and with \"X near Y\", log distance to the nearest unambiguous place of the article and to the nearest town or district "
            "the first sweep chose with confidence >= 0.8")


def _rows(data_root: Path, progress: Any = None, parse: Any = None) -> tuple[list[dict], list[int], list[str], list[int], list[str]]:
    """Feature rows, labels, each row's document text, each row's toponym number, and the data files.
    ``parse(name, texts, nlp)`` may hand over cached parses (spaCy's ``nlp.pipe`` otherwise)."""
    from ..geo.distance import haversine_km
    from ..geo.resolve import Resolver
    from ..evaluation.toponyms import GeoTools, geowebnews_documents, tr_news_documents

    tools = GeoTools()
    rules = Resolver(tools.gaz, use_model=False)
    rows: list[dict] = []
    labels: list[int] = []
    texts: list[str] = []
    groups: list[int] = []
    files = []
    toponym = 0
    for (name, filename), read in zip(SETS, (geowebnews_documents, tr_news_documents)):
        path = data_root / name / filename
        if not path.exists():
            raise ConfigError(f"{path} not found: `sitreps train places --data DIR` needs DIR/{name}/{filename}.", code="S240")
        files.append(path)
        with path.open(encoding="utf-8") as fh:
            docs = read(json.loads(line) for line in fh if line.strip())
        texts_of = [t for t, _, _ in docs]
        parsed = parse(name, texts_of, tools.nlp) if parse is not None else tools.nlp.pipe(texts_of, batch_size=16)
        for (text, gold, _), doc in zip(docs, parsed):
            gold_ms, merged = tools.in_context(doc, gold)
            feats = rules.featurise(merged, text=text)
            where = {id(m): i for i, m in enumerate(merged)}
            for g, m in zip(gold, gold_ms):
                toponym += 1
                pairs = feats[where[id(m)]]
                km = [haversine_km(g.lat, g.lon, c.lat, c.lon) if c.lat is not None else math.inf for c, _ in pairs]
                nearest = min(range(len(pairs)), key=km.__getitem__, default=None)
                for k, (c, f) in enumerate(pairs):
                    rows.append(f)
                    labels.append(int(_right(c, g, km[k], k == nearest)))
                    texts.append(text)
                    groups.append(toponym)
    return rows, labels, texts, groups, [str(f) for f in files]


def _right(c, g, km: float, nearest: bool) -> bool:
    """The label: the gold GeoNames id, or within 161 km of the gold point; a country or region
    (whose point may be a derived centre far from GeoNames') also when it is the namesake nearest
    the gold point and within 1,500 km of it."""
    if (g.gid is not None and c.id == g.gid) or km < KM:
        return True
    return nearest and c.kind in ("country", "admin1", "region") and km < BROAD_KM


def fit_ranker(rows: list[dict], labels: list[int], groups: list[int], *, name: str, c: float = 1.0, min_count: int = 3) -> LinearModel:
    """A conditional logit: weights that make each toponym's right candidate the most probable of
    its candidates (softmax within the toponym), fitted on the toponyms with a right candidate
    among two or more. Saved as a binary :class:`LinearModel` without intercept, so its margin
    ranks candidates; ``c`` is the inverse L2 strength, as in scikit-learn."""
    import numpy as np
    from scipy.optimize import minimize
    from scipy.sparse import csr_matrix

    from .fit import _sklearn

    by: dict[int, list[int]] = {}
    for i, g in enumerate(groups):
        by.setdefault(g, []).append(i)
    keep = [ix for ix in by.values() if len(ix) > 1 and any(labels[i] for i in ix) and not all(labels[i] for i in ix)]
    idx = [i for ix in keep for i in ix]
    counts: dict[str, int] = {}
    for i in idx:
        for k, v in rows[i].items():
            if v:
                counts[k] = counts.get(k, 0) + 1
    DictVectorizer = _sklearn()[0]
    vec = DictVectorizer(sparse=True)
    x = csr_matrix(vec.fit_transform([{k: v for k, v in rows[i].items() if counts.get(k, 0) >= min_count} for i in idx]))
    y = np.array([labels[i] for i in idx], dtype=float)
    seg = np.repeat(np.arange(len(keep)), [len(ix) for ix in keep])
    n_groups = len(keep)

    def loss(w):
        s = x @ w
        top = np.full(n_groups, -np.inf)
        np.maximum.at(top, seg, s)
        e = np.exp(s - top[seg])
        z = np.bincount(seg, weights=e, minlength=n_groups)
        zp = np.bincount(seg, weights=e * y, minlength=n_groups)
        value = -np.sum(np.log(zp) - np.log(z)) + 0.5 / c * w @ w
        grad_s = e / z[seg] - e * y / zp[seg]
        return value, x.T @ grad_s + w / c

    w0 = np.zeros(x.shape[1])
    w = minimize(loss, w0, jac=True, method="L-BFGS-B", options={"maxiter": 500}).x
    return LinearModel({"name": name, "kind": "binary", "classes": ["0", "1"], "features": list(vec.get_feature_names_out()),
                        "coef": [w.tolist()], "intercept": [0.0]})


def _winners(models: list[LinearModel] | LinearModel, rows, labels, folds, groups, by_rules: bool = False) -> tuple[list[float], list[int], list[int]]:
    """Per toponym: the chosen candidate's probability among its namesakes (softmax of the margins;
    1 for a sole candidate), whether it is right, and its fold."""
    cands: dict[int, list[tuple[tuple, float, int, int]]] = {}
    for i, (f, y, g) in enumerate(zip(rows, labels, groups)):
        if by_rules:
            key, m = (f.get("rule_top", 0.0), -f.get("rule_gap", 0.0)), 0.0
        else:
            model = models[folds[i]] if isinstance(models, list) else models
            m = model.margins(f)[0]
            key = (m, 0.0)
        cands.setdefault(g, []).append((key, m, y, folds[i]))
    probs, right, fold_of = [], [], []
    for group in cands.values():
        best = max(group, key=lambda t: t[0])
        probs.append(winner_probability(best[1], [t[1] for t in group]))
        right.append(best[2])
        fold_of.append(best[3])
    return probs, right, fold_of


def _cross_fitted(probs: list[float], right: list[int], folds: list[int]) -> list[float]:
    """Each winner's probability calibrated by an isotonic map fitted on the other folds' winners:
    the honest figure for the calibration's ECE (the shipped map is fitted on all of them)."""
    out = [0.0] * len(probs)
    for f in set(folds):
        train = [i for i, g in enumerate(folds) if g != f]
        cal = fit_calibration([probs[i] for i in train], [right[i] for i in train])
        for i, g in enumerate(folds):
            if g == f:
                out[i] = cal(probs[i])
    return out


def train(data_root: Path, seed: int = 0, progress: Any = None, parse: Any = None, c: float = 1.0) -> Trained:
    rows, labels, texts, groups, files = _rows(Path(data_root), progress, parse)
    folds = [fold_of_text(t) for t in texts]
    folds_models = [fit_ranker([r for r, g in zip(rows, folds) if g != f], [y for y, g in zip(labels, folds) if g != f],
                               [t for t, g in zip(groups, folds) if g != f], name="places", c=c) for f in range(K)]
    full = fit_ranker(rows, labels, groups, name="places", c=c)
    probs, right, winner_folds = _winners(folds_models, rows, labels, folds, groups)
    _, rules_right, _ = _winners(folds_models, rows, labels, folds, groups, by_rules=True)
    cal = fit_calibration(probs, right)
    n = len(right)
    ambiguous = [i for i, g in enumerate(_sizes(groups)) if g > 1]
    # toponyms with no candidate are not rows: the accuracy here is over toponyms with candidates
    scores = {"toponyms_with_candidates": n, "ambiguous_toponyms": len(ambiguous), "rows": len(rows),
              "top1_right_model": round(sum(right) / n, 4), "top1_right_rules": round(sum(rules_right) / n, 4),
              "ambiguous_top1_right_model": round(sum(right[i] for i in ambiguous) / len(ambiguous), 4),
              "ambiguous_top1_right_rules": round(sum(rules_right[i] for i in ambiguous) / len(ambiguous), 4),
              **{f"confidence_{k}": v for k, v in calibration_report(_cross_fitted(probs, right, winner_folds), right).items()},
              "uncalibrated_ece": calibration_report(probs, right)["ece"]}
    data = {f"{Path(f).parent.name}/{Path(f).name}": data_hash(Path(f)) for f in files}
    for model in (full, *folds_models):
        model.calibration = cal
        model.card = card(data=data, features=FEATURES, scores=scores, seed=seed,
                          label=f"candidate has the gold GeoNames id or lies within {KM:.0f} km of the gold point; a country or "
                                f"first-level division also when it is the namesake nearest the gold point, within {BROAD_KM:.0f} km",
                          fit=f"conditional logit over each toponym's candidates, L2 C={c}; confidence: isotonic map of the winner's "
                              "softmax probability among its namesakes to the share of winners that are right, fitted on out-of-fold winners "
                              "(its ECE here is cross-fitted: each fold calibrated by the other folds' map)",
                          command="sitreps train places --data shared/data")
    return Trained(model=full, folds=folds_models, report={"scores": scores})


def _sizes(groups: list[int]) -> list[int]:
    """The number of candidates of each toponym, in the order :func:`_winners` lists toponyms."""
    sizes: dict[int, int] = {}
    for g in groups:
        sizes[g] = sizes.get(g, 0) + 1
    return list(sizes.values())
