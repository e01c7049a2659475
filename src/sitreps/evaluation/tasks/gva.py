"""GVA / SemEval-2018 Task 5: killed and injured counts of the article's main incident.

Each document is a scraped local-news page linked to one Gun Violence Archive incident; the
gold is that incident's ``num_killed`` / ``num_injured``. The text given to the pipeline is
the page title (with a full stop added when it has none, so that the parser does not run the
headline into the first sentence), a blank line, then the page text: the headline is part of
the article and often carries the count ("2 dead, 3 hurt in ...").

The incident scored is the most salient violent event of the record (:func:`incident`: the first
violent event in the pipeline's order, ``events[0]`` when that one is violent): every GVA
incident is a shooting. Documents with empty text count as misses; documents whose gold is null
are skipped; a document with no violent event counts as 0 killed and 0 injured.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ...record import Event, Record
from ..harness import EvalContext, EvalResult, register
from ..labels import first_violent

FILE = "gva_semeval2018_task5.jsonl"


def article_text(row: dict[str, Any]) -> str:
    """The text a GVA page is given to the pipeline as (the task and the trainers alike, so a page
    falls in the same fold): its title as a sentence of its own, then the body."""
    body = row.get("text") or ""
    if not body.strip():
        return ""
    title = (row.get("title") or "").strip()
    if title and title[-1] not in ".!?":
        title += "."  # so that the parser ends the headline's sentence before the body starts
    return f"{title}\n\n{body}" if title else body


def incident(record: Record | None) -> Event | None:
    """The gun-violence incident the page reports: the record's most salient violent event."""
    return first_violent(record)


def counts(event: Event | None) -> tuple[int, int]:
    if event is None:
        return 0, 0
    killed = event.fatalities.value if event.fatalities else 0
    injured = event.injured.value if event.injured else 0
    return killed, injured


@register("gva_semeval2018_task5")
def evaluate(ctx: EvalContext) -> EvalResult:
    rows = [r for r in ctx.jsonl(FILE) if r.get("gold") is not None]
    items = [{"text": article_text(r), "published": r.get("dct"), "id": r.get("doc_id"), "title": r.get("title")} for r in rows]
    n = len(rows)
    hit_k = hit_i = hit_both = 0
    hit_k_text = n_text = 0
    errors: list[dict[str, Any]] = []
    gold_k = Counter()
    gold_i = Counter()
    for row, record in zip(rows, ctx.track(ctx.records(items), total=n, what="extracting")):
        gk, gi = int(row["gold"]["num_killed"] or 0), int(row["gold"]["num_injured"] or 0)
        gold_k[gk] += 1
        gold_i[gi] += 1
        if record is None:
            continue
        n_text += 1
        pk, pi = counts(incident(record))
        hit_k += pk == gk
        hit_i += pi == gi
        hit_both += pk == gk and pi == gi
        hit_k_text += pk == gk
        if (pk != gk or pi != gi) and len(errors) < 40:
            errors.append({"doc_id": row.get("doc_id"), "gold": [gk, gi], "pred": [pk, pi]})
    maj_k, maj_k_n = gold_k.most_common(1)[0] if gold_k else (0, 0)
    maj_i, maj_i_n = gold_i.most_common(1)[0] if gold_i else (0, 0)
    zero_k = gold_k.get(0, 0)
    zero_i = gold_i.get(0, 0)
    metrics = {
        "killed_exact": hit_k / n if n else 0.0,
        "injured_exact": hit_i / n if n else 0.0,
        "both_exact": hit_both / n if n else 0.0,
        "killed_exact_nonempty": hit_k_text / n_text if n_text else 0.0,
    }
    details = {
        "documents": n,
        "documents_with_text": n_text,
        "majority_baseline": {
            "killed": {"value": maj_k, "exact": maj_k_n / n if n else 0.0},
            "injured": {"value": maj_i, "exact": maj_i_n / n if n else 0.0},
        },
        "zero_baseline": {"killed_exact": zero_k / n if n else 0.0, "injured_exact": zero_i / n if n else 0.0},
        "errors": errors,
    }
    return EvalResult(dataset="gva_semeval2018_task5", n=n, metrics=metrics, details=details)
