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
from ..learn import LinearModel
from .fit import Trained, calibration_report, card, data_hash, fit_calibration, fit_with_folds

SETS = (("geowebnews", "geowebnews.jsonl"), ("tr_news", "tr_news.jsonl"))
KM = 161.0
FEATURES = ("candidate kind and feature code, own or alternate name, folded or partial match, log population and its gap to the "
            "largest namesake, number of candidates, generic-word hint x kind, direction and dateline x kind, the rules' score and "
            "its gap to the rules' best, country named in the article (by a country name, the dateline or an unambiguous place), "
            "admin1 named in the article, agreement with the containing place (\"X, Y\", \"X district of Y\", \"X in northern Y\") "
            "and with \"X near Y\", log distance to the nearest unambiguous place of the article")


def _rows(data_root: Path, progress: Any = None) -> tuple[list[dict], list[int], list[str], list[int], list[str]]:
    """Feature rows, labels, each row's document text, each row's toponym number, and the data files."""
    from ..geo.distance import haversine_km
    from ..geo.resolve import Resolver
    from .toponyms import GeoTools, geowebnews_documents, tr_news_documents

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
        for (text, gold, _), doc in zip(docs, tools.nlp.pipe([t for t, _, _ in docs], batch_size=16)):
            gold_ms, merged = tools.in_context(doc, gold)
            feats = rules.featurise(merged, text=text)
            where = {id(m): i for i, m in enumerate(merged)}
            for g, m in zip(gold, gold_ms):
                toponym += 1
                for c, f in feats[where[id(m)]]:
                    right = (g.gid is not None and c.id == g.gid) or (c.lat is not None and haversine_km(g.lat, g.lon, c.lat, c.lon) < KM)
                    rows.append(f)
                    labels.append(int(right))
                    texts.append(text)
                    groups.append(toponym)
    return rows, labels, texts, groups, [str(f) for f in files]


def _winners(models: list[LinearModel] | LinearModel, rows, labels, folds, groups, by_rules: bool = False) -> tuple[list[float], list[int], int]:
    """Per toponym: the chosen candidate's raw probability and whether it is right; and how many toponyms."""
    best: dict[int, tuple[float, float, int]] = {}
    for i, (f, y, g) in enumerate(zip(rows, labels, groups)):
        if by_rules:
            key, p = (f.get("rule_top", 0.0), -f.get("rule_gap", 0.0)), 0.0
        else:
            model = models[folds[i]] if isinstance(models, list) else models
            m = model.margins(f)[0]
            key, p = (m, 0.0), 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, m))))
        if g not in best or key > best[g][0]:
            best[g] = (key, p, y)
    probs = [p for _, p, _ in best.values()]
    right = [y for _, _, y in best.values()]
    return probs, right, len(best)


def train(data_root: Path, seed: int = 0, progress: Any = None) -> Trained:
    rows, labels, texts, groups, files = _rows(Path(data_root), progress)
    full, folds_models, folds = fit_with_folds(rows, labels, texts, name="places", seed=seed, c=0.5, min_count=3)
    probs, right, n = _winners(folds_models, rows, labels, folds, groups)
    _, rules_right, _ = _winners(folds_models, rows, labels, folds, groups, by_rules=True)
    cal = fit_calibration(probs, right)
    calibrated = [cal(p) for p in probs]
    # toponyms with no candidate are not rows: the accuracy here is over toponyms with candidates
    scores = {"toponyms_with_candidates": n, "rows": len(rows),
              "top1_right_model": round(sum(right) / n, 4), "top1_right_rules": round(sum(rules_right) / n, 4),
              **{f"calibrated_{k}": v for k, v in calibration_report(calibrated, right).items()},
              "raw_ece": calibration_report(probs, right)["ece"]}
    data = {f: data_hash(Path(f)) for f in files}
    data = {Path(f).parent.name + "/" + Path(f).name: h for f, h in data.items()}
    for model in (full, *folds_models):
        model.calibration = cal
        model.card = card(data=data, features=FEATURES, scores=scores, seed=seed,
                          label=f"candidate has the gold GeoNames id or lies within {KM:.0f} km of the gold point",
                          command="sitreps train places --data shared/data")
    return Trained(model=full, folds=folds_models, report={"scores": scores})
