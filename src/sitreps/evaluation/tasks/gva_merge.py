"""gva_merge: reports of one gun-violence incident, from many local-news pages, merged into one.

The data folder is laid out like ``shared/data/gva_semeval2018_task5``: the documents (each
linked to the Gun Violence Archive incident it reports) and ``incidents.jsonl`` (each
incident's ``num_killed`` / ``num_injured``). Every document is extracted (the text the GVA
task gives the pipeline: title, blank line, page text), every event of every record is merged
with ``sitreps.merge`` exactly as the store merges them, and a document counts as put in the
incident that holds its ``events[0]`` (the record's main incident); a document with no event is
an incident of its own.

Scores: ``pairwise_f1`` and ``bcubed_f1`` of those document groups against the gold incident
ids; ``incident_killed_exact`` / ``incident_injured_exact``: of the merged incidents that hold a
document's main event (and whose majority gold incident has a toll), the share whose ``best``
figure equals the gold toll (no figure counts as 0, as in the GVA task). Baselines in the
details: every document alone, and documents grouped by their main event's date and place name.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from ...merge import Fingerprint, MemoryIndex, MergeSettings, as_report, incident_figures, load_merge_settings, record_fingerprints
from ...merge.match import Model
from ..clustering import bcubed, pairwise
from ..harness import EvalContext, EvalResult, register
from .gva import FILE, article_text

INCIDENTS = "incidents.jsonl"


def _toll(figures: dict[str, Any] | None) -> int:
    return figures["best"] if figures else 0


def extract(ctx: EvalContext, rows: list[dict[str, Any]]) -> list[dict[str, Any] | None]:
    """The sitreps/1 record (with text) of every document; None for an empty page."""
    items = [{"text": article_text(r), "published": r.get("dct"), "id": r.get("doc_id"), "title": r.get("title")} for r in rows]
    return [rec.to_dict(include_text=True) if rec is not None else None
            for rec in ctx.track(ctx.records(items), total=len(items), what="extracting")]


def score(rows: list[dict[str, Any]], records: list[dict[str, Any] | None], tolls: dict[str, dict[str, Any]],
          settings: MergeSettings, fps: list[Fingerprint] | None = None, model: Model | None = None,
          only: set[str] | None = None) -> tuple[dict[str, float], dict[str, Any]]:
    """Merge every event of ``records`` and score the documents' groups and the incidents' tolls
    (over the documents in ``only``, when given: the held-out fold when refitting)."""
    present = [rec for rec in records if rec is not None]
    index = MemoryIndex(settings, model)
    index.add(record_fingerprints(present, settings) if fps is None else fps)
    incident_of = {e: iid for iid, members in index.incidents().items() for e in members}
    reports = {ev["id"]: as_report(ev, rec["document"]) for rec in present for ev in rec["events"]}
    gold: dict[str, str] = {}
    pred: dict[str, str] = {}
    by_place: dict[str, Any] = {}
    for row, rec in zip(rows, records):
        doc = str(row["doc_id"])
        if only is not None and doc not in only:
            continue
        gold[doc] = str(row["incident_id"])
        main = rec["events"][0] if rec and rec["events"] else None
        pred[doc] = incident_of[main["id"]] if main else f"alone:{doc}"
        place = (main or {}).get("location") or {}
        by_place[doc] = ((main.get("date") or {}).get("start") or rec["document"].get("published"), place.get("name")) if main and place.get("name") else doc
    members: dict[str, list[str]] = defaultdict(list)
    for eid, iid in incident_of.items():
        members[iid].append(eid)
    docs_of: dict[str, list[str]] = defaultdict(list)
    for doc, iid in pred.items():
        docs_of[iid].append(doc)
    hit_k = hit_i = n_inc = 0
    errors: list[dict[str, Any]] = []
    for iid, docs in sorted(docs_of.items()):
        votes = Counter(gold[d] for d in docs)
        gid = min(votes, key=lambda g: (-votes[g], g))
        if gid not in tolls:
            continue
        figs = incident_figures([reports[e] for e in members.get(iid, [])], settings)
        want = (int(tolls[gid].get("num_killed") or 0), int(tolls[gid].get("num_injured") or 0))
        got = (_toll(figs["killed"]), _toll(figs["injured"]))
        n_inc += 1
        hit_k += got[0] == want[0]
        hit_i += got[1] == want[1]
        if got != want and len(errors) < 30:
            errors.append({"incident": iid, "gold_incident": gid, "documents": len(docs), "gold": list(want), "best": list(got)})
    pw, b3 = pairwise(gold, pred), bcubed(gold, pred)
    alone = {d: d for d in gold}
    metrics = {
        "pairwise_f1": pw["f1"], "bcubed_f1": b3["f1"],
        "incident_killed_exact": hit_k / n_inc if n_inc else 0.0,
        "incident_injured_exact": hit_i / n_inc if n_inc else 0.0,
    }
    details = {
        "documents": len(gold), "gold_incidents": len(set(gold.values())), "predicted_incidents": len(set(pred.values())),
        "events": len(incident_of), "merged_incidents": len(index.incidents()), "candidate_pairs_scored": index.compared,
        "scored_incidents": n_inc, "settings": {"threshold": settings.threshold, "window_days": settings.window_days,
                                                "best": settings.best, "similarity": settings.similarity},
        "pairwise": pw, "bcubed": b3,
        "baselines": {
            "every_document_alone": {"pairwise_f1": pairwise(gold, alone)["f1"], "bcubed_f1": bcubed(gold, alone)["f1"]},
            "same_date_and_place": {"pairwise_f1": pairwise(gold, by_place)["f1"], "bcubed_f1": bcubed(gold, by_place)["f1"]},
        },
        "errors": errors,
    }
    return metrics, details


def gold_tolls(ctx: EvalContext) -> dict[str, dict[str, Any]]:
    return {str(r["incident_id"]): r for r in ctx.jsonl(INCIDENTS, limit=None) if r.get("has_structured_gold", True)}


@register("gva_merge")
def evaluate(ctx: EvalContext) -> EvalResult:
    rows = ctx.jsonl(FILE)
    tolls = gold_tolls(ctx)
    metrics, details = score(rows, extract(ctx, rows), tolls, load_merge_settings())
    return EvalResult(dataset="gva_merge", n=len(rows), metrics=metrics, details=details)
