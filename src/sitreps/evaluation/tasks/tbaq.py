"""TBAQ-cleaned (TimeBank 1.2 + AQUAINT, the TempEval-3 training set): normalised DATE values.

Each document comes with its creation time (``dct``), used as the publication date. The times
stage's :class:`~sitreps.text.timex.TimeFinder` runs on the spaCy parse with that reference
date, without the rest of the pipeline.

- ``recall``: share of gold DATE timexes that a sitreps expression overlaps.
- ``value_accuracy``: among those found, share whose ISO-TimeML value equals the gold value,
  written at sitreps' own granularity (a week as ``1998-W32``, a quarter as ``1998-Q3``, "now" as
  ``PRESENT_REF``) — the TempEval-3 "value" attribute accuracy on the found DATE timexes.
- ``value_accuracy_lenient``: the same, ignoring a part of day (``1998-08-07TNI`` = ``1998-08-07``).
- ``value_f1``: TempEval-3's combined figure for the value attribute (recall x value accuracy,
  against precision x value accuracy).
- ``precision``: share of sitreps expressions that overlap a gold TIMEX3 of any type (DATE,
  TIME, DURATION, SET) — what sitreps marks that the annotators did not.
- ``value_accuracy_<grain>`` / ``recall_<grain>``: the same by the granularity of the gold value
  (day, week, month, quarter, year, decade, ref, other).
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from typing import Any

from ..harness import EvalContext, EvalResult, register

FILE = "tbaq_timeml.jsonl"
_GRAINS = (
    ("day", re.compile(r"^\d{4}-\d\d-\d\d(T\w+)?$")),
    ("week", re.compile(r"^\d{4}-W\d\d(-WE)?$")),
    ("month", re.compile(r"^\d{4}-\d\d$")),
    ("quarter", re.compile(r"^\d{4}-(Q\d|H\d|SP|SU|FA|WI)$")),
    ("year", re.compile(r"^\d{4}$")),
    ("decade", re.compile(r"^\d{2,3}$")),
    ("ref", re.compile(r"^(PRESENT|PAST|FUTURE)_REF$")),
)


def grain_of(value: str) -> str:
    for name, rx in _GRAINS:
        if rx.match(value):
            return name
    return "other"


def _reference(dct: str | None) -> date | None:
    try:
        return date.fromisoformat((dct or "")[:10])
    except ValueError:
        return None


def _same(pred: str, gold: str) -> bool:
    """Equal values, reading ISO weeks with or without a leading zero (``2000-W6``)."""
    return pred == gold or re.sub(r"-W0(\d)", r"-W\1", pred) == re.sub(r"-W0(\d)", r"-W\1", gold)


def _lenient(value: str) -> str:
    return re.sub(r"T(MO|AF|EV|NI|DT)$", "", value)


@register("tbaq_timeml")
def evaluate(ctx: EvalContext) -> EvalResult:
    from ...text.timex import TimeFinder

    rows = ctx.jsonl(FILE)
    finder = TimeFinder()
    docs = ctx.parse([r.get("text") or "" for r in rows])
    gold_n: Counter = Counter()
    found_n: Counter = Counter()
    right_n: Counter = Counter()
    lenient_right = 0
    predicted = matched_pred = 0
    errors: list[dict[str, Any]] = []
    misses: Counter = Counter()
    for row, doc in zip(rows, ctx.track(docs, total=len(rows), what="times")):
        exprs = finder(doc, _reference(row.get("dct")))
        timexes = row.get("timexes") or []
        predicted += len(exprs)
        matched_pred += sum(1 for e in exprs if any(e.start < t["end"] and t["start"] < e.end for t in timexes))
        for t in timexes:
            if t.get("type") != "DATE":
                continue
            grain = grain_of(t["value"])
            gold_n[grain] += 1
            over = [e for e in exprs if e.start < t["end"] and t["start"] < e.end]
            if not over:
                misses[t["text"].lower()] += 1
                continue
            best = max(over, key=lambda e: min(e.end, t["end"]) - max(e.start, t["start"]))
            found_n[grain] += 1
            if _same(best.value, t["value"]):
                right_n[grain] += 1
            elif len(errors) < 200:
                errors.append({"doc": row.get("docid"), "dct": row.get("dct"), "gold_text": t["text"], "gold": t["value"],
                               "text": best.text, "value": best.value})
            lenient_right += _same(_lenient(best.value), _lenient(t["value"]))
    gold, found, right = sum(gold_n.values()), sum(found_n.values()), sum(right_n.values())
    recall = found / gold if gold else 0.0
    accuracy = right / found if found else 0.0
    precision = matched_pred / predicted if predicted else 0.0
    vr, vp = recall * accuracy, precision * accuracy
    metrics = {
        "value_accuracy": accuracy,
        "recall": recall,
        "precision": precision,
        "value_f1": 2 * vr * vp / (vr + vp) if vr + vp else 0.0,
        "value_accuracy_lenient": lenient_right / found if found else 0.0,
    }
    for grain in sorted(gold_n):
        metrics[f"recall_{grain}"] = found_n[grain] / gold_n[grain]
        if found_n[grain]:
            metrics[f"value_accuracy_{grain}"] = right_n[grain] / found_n[grain]
    return EvalResult(
        dataset="tbaq_timeml",
        n=len(rows),
        metrics=metrics,
        details={
            "gold_date_timexes": gold, "found": found, "value_right": right, "predicted": predicted,
            "by_grain": {g: {"gold": gold_n[g], "found": found_n[g], "right": right_n[g]} for g in sorted(gold_n)},
            "published": {
                "source": "UzZaman et al. 2013 (SemEval-2013 Task 1, TempEval-3), task A, TE3 platinum test set, all TIMEX3 "
                          "types; quoted from memory, not checked against the paper here",
                "HeidelTime-t": {"relaxed_span_f1": 0.903, "value_f1": 0.776, "value_accuracy (value_f1 / relaxed_f1)": 0.86},
                "SUTime": {"relaxed_span_f1": 0.903, "value_f1": 0.674},
            },
            "errors": errors,
            "misses": misses.most_common(60),
        },
    )
