"""``sitreps train salience``: which of a record's events is the one the article is about?

The pipeline runs on each training document up to the ``salience`` stage (every stage before it,
the other trained decisions out of fold), and each event it leaves is a row, featurised by
:func:`sitreps.text.salience.salience_features` (the function the stage applies). Labels come from
each data set's own gold, for documents that say which incident they are about:

* **GVA** (pages with a gold incident that has a casualty): the page is about its GVA incident, a
  shooting; of the violent events, one whose killed and injured figures are both the incident's
  tells it (1), the others do not (0). Other events are no rows: GVA says nothing of them.
* **CASE 2021** snippets each tell one event: an event of the snippet's gold sub-type is it (1),
  the others are not (0).

Only documents with two events or more, one of them labelled 1, are rows: the others hold no
choice. MUC-4 and realnews_dev are not used, and stay unseen for the gate.

Scored per document out of fold (folds of the document text, :func:`sitreps.learn.fold_of_text`):
the share of documents whose top-ranked event is a right one, against the events stage's rule
order on the same documents (its first event). The card keeps both, and the ranking's
probability is calibrated like the other models' (isotonic, out of fold) so that it reads as
"the chance that this is the article's incident".
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..contract import Context
from ..learn import K
from .fit import Trained, calibration_report, card, data_hash, fit_calibration, fit_with_folds
from .incident import _rows, case_match
from .probe import probe

NAME = "salience"
FEATURES = ("the rules' salience signals (lead, headline, figure, killed, injured, mentions, confidence, position), "
            "the events stage's rank and the order told, the first violent event told, the largest toll and most "
            "killed of the record, a vague death count, a lead that sums up others, hedged attribution, place "
            "precision (not the type or the date: they told the data sets apart)")
C = 1.0
MIN_COUNT = 3
#: GVA pages read (with a gold incident): more than the gate's 600, which are scored out of fold
GVA_LIMIT = 1500

Doc = tuple[str, list[dict[str, float]], list[int]]  # (text, features of each event, label of each event)


def _features(ctx: Context) -> tuple[list[Any], list[dict[str, float]]]:
    from ..text.salience import lead_end, salience_features

    events = list(ctx.events or ())
    lead = lead_end(ctx.text, [(s.start_char, s.end_char) for s in ctx.doc.sents])
    return events, salience_features(events, ctx.anchors or {}, ctx.text, lead)


def records(data_dir: Path, name: str, items: list[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], list[Any], list[dict[str, float]]]]:
    """For each item, the events the pipeline leaves before ``salience`` and their features."""
    for item, (events, feats) in probe(data_dir, name, items, NAME, _features, empty=([], []), progress=True,
                                       reads=("doc", "document", "events", "anchors")):
        yield item, events, feats


def _counts(event: Any) -> tuple[int, int]:
    return (event.fatalities.value if event.fatalities is not None else 0,
            event.injured.value if event.injured is not None else 0)


def _gva(root: Path, limit: int = GVA_LIMIT) -> Iterator[Doc]:
    from ..evaluation.labels import is_violent
    from ..evaluation.tasks.gva import article_text

    path = root / "gva_semeval2018_task5" / "gva_semeval2018_task5.jsonl"
    rows = [r for r in _rows(path) if r.get("gold") is not None][:limit]
    items = [{"text": article_text(r), "published": r.get("dct"), "id": r.get("doc_id"), "title": r.get("title"), "gold": r["gold"]}
             for r in rows if article_text(r).strip()]
    for item, events, feats in records(path.parent, "gva_semeval2018_task5", items):
        gold = (int(item["gold"].get("num_killed") or 0), int(item["gold"].get("num_injured") or 0))
        if gold == (0, 0):
            continue  # an incident with no casualty: no figure tells which event it is
        violent = [i for i, e in enumerate(events) if is_violent(e)]  # the page's incident is a shooting
        yield item["text"], [feats[i] for i in violent], [int(_counts(events[i]) == gold) for i in violent]


def _case(root: Path) -> Iterator[Doc]:
    path = root / "case2021_task2" / "case2021_task2.jsonl"
    items = [{"text": r.get("text") or "", "published": r.get("published"), "id": r.get("id"), "gold": r} for r in _rows(path)]
    for item, events, feats in records(path.parent, "case2021_task2", [it for it in items if it["text"].strip()]):
        yield item["text"], feats, [int(case_match(e, item["gold"])) for e in events]


SETS: dict[str, Callable[[Path], Iterator[Doc]]] = {
    "gva_semeval2018_task5": _gva,
    "case2021_task2": _case,
}


def _top_right(groups: list[list[int]], scores: list[float], labels: list[int]) -> float:
    """Share of documents (row index groups, in the events stage's order) whose highest-scored
    event is labelled 1 (ties: the earliest)."""
    from ..stages.salience import ranked

    if not groups:
        return 0.0
    return sum(labels[g[ranked([scores[i] for i in g])[0]]] for g in groups) / len(groups)


def train(data_root: Path, seed: int = 0, sets: tuple[str, ...] = tuple(SETS)) -> Trained:
    rows: list[dict[str, float]] = []
    labels: list[int] = []
    texts: list[str] = []
    docs: dict[str, list[list[int]]] = {n: [] for n in sets}
    files = []
    for name in sets:
        for text, feats, ys in SETS[name](data_root):
            if len(ys) < 2 or not any(ys):
                continue  # no choice to learn from
            docs[name].append(list(range(len(rows), len(rows) + len(ys))))
            rows.extend(feats)
            labels.extend(ys)
            texts.extend([text] * len(ys))
        files.extend(sorted((data_root / name).glob("*.jsonl")))
    model, folds, fold_of = fit_with_folds(rows, labels, texts, name=NAME, seed=seed, c=C, min_count=MIN_COUNT)
    raw = [folds[f].probability(r) for r, f in zip(rows, fold_of)]
    oof = [0.0] * len(rows)
    for f in range(K):  # each fold model's calibration fitted on the other folds' out-of-fold scores
        others = [i for i, g in enumerate(fold_of) if g != f]
        folds[f].calibration = fit_calibration([raw[i] for i in others], [labels[i] for i in others])
        for i, g in enumerate(fold_of):
            if g == f:
                oof[i] = folds[f].calibration(raw[i])
    model.calibration = fit_calibration(raw, labels)
    rules = [0.0] * len(rows)  # the rules: the events stage's order, its first event on top
    for groups in docs.values():
        for g in groups:
            rules[g[0]] = 1.0
    scores: dict[str, Any] = {"rows": len(rows), "documents": sum(len(d) for d in docs.values()), **calibration_report(oof, labels)}
    for name, groups in docs.items():
        scores[name] = {"documents": len(groups), "events": sum(len(g) for g in groups),
                        "top_right": round(_top_right(groups, raw, labels), 4),
                        "rules_top_right": round(_top_right(groups, rules, labels), 4)}
    info = card(data={f.parent.name + "/" + f.name: data_hash(f) for f in files}, features=FEATURES, scores=scores, seed=seed,
                labels="GVA (first 1,500 pages with gold, incidents with a casualty): an event with both of the incident's "
                       "figures = 1, the others 0; CASE 2021: an event of the snippet's gold sub-type = 1, the others 0; "
                       "documents with fewer than two events or no event labelled 1 left out",
                c=C, min_count=MIN_COUNT)
    model.card = info
    for fm in folds:
        fm.card = {"fold_of": NAME, "trained": info["trained"]}
    return Trained(model=model, folds=folds, report={})
