"""The loop shared by the event-typing data sets: parse each row, find its triggers, predict a
label, and keep gold, prediction, main trigger and a sample of errors side by side."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable

from ..stages.triggers import TriggerFinder
from ..text.mentions import TriggerMention
from .harness import EvalContext

#: (doc, triggers) -> (main trigger or None, predicted label)
Predict = Callable[[Any, list[TriggerMention]], tuple[TriggerMention | None, str]]


@dataclass
class Labelled:
    docs: list[Any] = field(default_factory=list)
    gold: list[str] = field(default_factory=list)
    pred: list[str] = field(default_factory=list)
    mains: list[TriggerMention | None] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def top_confusions(self, n: int = 25) -> list[str]:
        counts = Counter((g, p) for g, p in zip(self.gold, self.pred) if g != p)
        return [f"{g} -> {p}: {c}" for (g, p), c in counts.most_common(n)]


def label_rows(ctx: EvalContext, rows: list[dict[str, Any]], gold_of: Callable[[dict[str, Any]], str],
               predict: Predict, max_errors: int = 60) -> Labelled:
    finder = TriggerFinder()
    out = Labelled(docs=list(ctx.parse([r["text"] for r in rows])))
    for row, doc in zip(rows, ctx.track(out.docs, total=len(rows), what="typing")):
        main, p = predict(doc, finder.find(doc))
        g = gold_of(row)
        out.gold.append(g)
        out.pred.append(p)
        out.mains.append(main)
        if p != g and len(out.errors) < max_errors:
            out.errors.append({"id": row["id"], "gold": g, "pred": p, "trigger": main.text if main else None})
    return out
