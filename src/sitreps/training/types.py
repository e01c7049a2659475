"""``sitreps train types``: the event type model of the ``typing`` stage (issue 8).

Training rows are events the pipeline itself proposes (the stages before ``typing``), featurised
by :func:`sitreps.stages.typing.type_features`, with labels derived from each data set's gold:

* **CASE 2021 Task 2**: the snippet's main event (``events[0]``) gets the snippet's ACLED
  sub-event type; an attribution of responsibility is ``PLOVER:ACCUSE``; a diplomacy snippet is
  the rules' PLOVER root when the rules gave a diplomatic root (ACLED does not code it), else
  left out; natural and man-made disasters and organised crime are no event type at all (the
  incident-or-not decision's business) and are left out.
* **PLOVER GSR**: the main event gets the gold root; where ACLED codes the root (FIGHT, ASSAULT,
  COERCE, PROTEST …) the sub-type is the rules' when their root agrees, the only sub-type coded
  with that root when there is one, and the row is left out otherwise.
* **MUC-4 TST3** (relevant messages, first template): the first violent event of a KIDNAPPING
  is an abduction; of a BOMBING, the rules' bombing sub-type (IED, suicide bomb, grenade) or an
  IED. Other MUC types (ATTACK, ARSON …) say nothing ACLED's sub-types need and are left out.

Folds are by document text (:func:`sitreps.learn.fold_of_text`), the text the pipeline reads, so
``sitreps eval`` picks for each document the fold model that never saw it. The card compares the
model with the rules row by row on the same folds, per data set.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..contract import Context, Stage
from ..evaluation.harness import EvalContext
from ..evaluation.labels import is_violent
from ..evaluation.tasks import gva, realnews
from ..evaluation.tasks.case2021 import PLOVER_CODES
from ..evaluation.tasks.muc4 import BOMBING_SUBTYPES, sentence_case
from ..stages.typing import MODEL, PLOVER_PREFIX, class_of, may_retype, sub_types, type_features
from .fit import Trained, calibration_report, card, data_hash, fit_calibration, fit_with_folds

#: PLOVER roots of diplomacy (CASE's DIPLO)
DIPLOMACY = frozenset(r for r, code in PLOVER_CODES.items() if code == "DIPLO")
#: GVA pages read (the gate's limit, so the parse cache is shared), and their label: a shooting of
#: people, told by local news, is ACLED's Attack (violence against civilians), not an armed clash
GVA_LIMIT = 600
GVA_LABEL = "Attack"
#: regularisation and pruning, chosen out of fold (docs/models.md)
C = 1.0
MIN_COUNT = 5
#: values of ``[stages.typing] min_probability`` the card scores
THRESHOLDS = (0.0, 0.4, 0.5, 0.6, 0.7, 0.8)


@dataclass
class Row:
    dataset: str
    text: str  # the document text the pipeline read (its fold)
    features: dict[str, float]
    rules: str  # the rules' class
    label: str | None  # None: the gold says nothing the model can learn from


class _Capture(Stage):
    """Keeps, per document, the features of each event as the ``typing`` stage would see them."""

    name = "typing_capture"
    reads = ("doc", "events", "anchors", "triggers")

    def __init__(self, settings, nlp):  # type: ignore[no-untyped-def]
        super().__init__(settings, nlp)
        #: document id -> (its text, its events, their features)
        self.seen: dict[str, tuple[str, list[Any], list[dict[str, float]]]] = {}

    def __call__(self, ctx: Context) -> None:
        doc = ctx.doc
        sents = list(doc.sents)
        anchors = ctx.anchors or {}
        events = list(ctx.events or [])
        self.seen[ctx.document.id] = ((ctx.text, events, [type_features(doc, sents, e, anchors.get(e.id), ctx.triggers or []) for e in events]))


def _extract(data_dir: Path, name: str, items: list[dict[str, Any]]) -> list[tuple[str, list[Any], list[dict[str, float]]]]:
    """Run the stages before ``typing`` on ``items`` (the eval's parse cache is shared)."""
    ev = EvalContext(name=name, data_dir=data_dir, progress=False)
    from ..settings import load_settings

    order = list(load_settings().stages)
    stages = order[: order.index("typing")] if "typing" in order else order
    ex = ev.extractor(stages)
    capture = _Capture(ex.settings, ex.nlp)
    ex.stages.append(capture)
    try:
        out = []
        for record in ev.records(items, stages):
            # no record (empty text) or a record the stages never ran on (no language): no events
            out.append(capture.seen.pop(record.document.id, ("", [], [])) if record is not None else ("", [], []))
        return out
    finally:
        ex.stages.remove(capture)


def _jsonl(path: Path) -> list[dict[str, Any]]:
    import json

    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _main_events(root: Path, name: str, label_of: Callable[[dict[str, Any], Any], str | None]) -> tuple[list[Row], Path]:
    """One row per document with an event: its main event (``events[0]``, the one the data set's
    task scores), labelled by ``label_of(gold row, event)``."""
    path = root / name / f"{name}.jsonl"
    rows = _jsonl(path)
    items = [{"text": r.get("text") or "", "id": r.get("id")} for r in rows]
    out = []
    for r, (text, events, feats) in zip(rows, _extract(path.parent, name, items)):
        if events:
            ev = events[0]
            out.append(Row(name, text, feats[0], class_of(ev.plover, ev.acled_subtype), label_of(r, ev)))
    return out, path


def _case_label(row: dict[str, Any], ev: Any) -> str | None:
    code = row["event_type"]
    if row.get("label_family") == "ACLED" and row.get("acled_sub_event_type") in sub_types():
        return str(row["acled_sub_event_type"])
    if code == "ATTRIB":
        return PLOVER_PREFIX + "ACCUSE"
    if code == "DIPLO" and ev.plover in DIPLOMACY:
        return PLOVER_PREFIX + ev.plover
    return None  # disasters, organised crime, other: no event type the model decides


def _plover_label(row: dict[str, Any], ev: Any) -> str | None:
    by_root: dict[str, list[str]] = {}
    for sub, (_, roots) in sub_types().items():
        for root in roots:
            by_root.setdefault(root, []).append(sub)
    gold = row["gold"]["event_type"]
    gold = "ACCUSE" if gold == "DISAPPROVE" and ev.plover == "ACCUSE" else gold
    if ev.plover == gold:
        return class_of(ev.plover, ev.acled_subtype)
    if gold in by_root:  # an ACLED root: known only when one sub-type is coded with it
        return by_root[gold][0] if len(by_root[gold]) == 1 else None
    return PLOVER_PREFIX + gold


def _case(root: Path) -> tuple[list[Row], Path]:
    return _main_events(root, "case2021_task2", _case_label)


def _plover(root: Path) -> tuple[list[Row], Path]:
    return _main_events(root, "plover_gsr", _plover_label)


def _muc4(root: Path) -> tuple[list[Row], Path]:
    path = root / "muc4_test" / "muc4_test.jsonl"
    rows = [r for r in _jsonl(path) if r.get("relevant") and r.get("templates")]
    items = [{"text": r.get("text_mixed_case") or sentence_case(r.get("text") or ""), "id": r.get("id")} for r in rows]
    out = []
    for r, (text, events, feats) in zip(rows, _extract(path.parent, "muc4_test", items)):
        main = next((e for e in events if is_violent(e)), None)  # the event the MUC-4 task scores
        if main is None:
            continue
        i = events.index(main)
        rules = class_of(main.plover, main.acled_subtype)
        kinds = {k.strip() for k in (r["templates"][0]["slots"].get("4. INCIDENT: TYPE") or [""])[0].split("/")}
        label = None
        if kinds == {"KIDNAPPING"}:
            label = "Abduction/forced disappearance"
        elif kinds == {"BOMBING"}:
            label = rules if rules in BOMBING_SUBTYPES else "Remote explosive/landmine/IED"
        out.append(Row("muc4_test", text, feats[i], rules, label))
    return out, path


def _gva(root: Path) -> tuple[list[Row], Path]:
    path = root / "gva_semeval2018_task5" / "gva_semeval2018_task5.jsonl"
    rows = [r for r in _jsonl(path) if r.get("gold") is not None][:GVA_LIMIT]
    items = [{"text": gva.article_text(r), "published": r.get("dct"), "id": r.get("doc_id"), "title": r.get("title")} for r in rows]
    out = []
    for text, events, feats in _extract(path.parent, "gva_semeval2018_task5", items):
        main = next((e for e in events if is_violent(e)), None)  # the event the GVA task scores
        if main is not None:
            rules = class_of(main.plover, main.acled_subtype)
            out.append(Row("gva_semeval2018_task5", text, feats[events.index(main)], rules, GVA_LABEL))
    return out, path


def _realnews(root: Path) -> tuple[list[Row], Path]:
    path = root / "realnews_dev" / "realnews_dev.jsonl"
    rows = _jsonl(path)
    items = [{"text": r["text"], "published": r.get("published"), "id": r["id"], "title": r.get("title")} for r in rows]
    out = []
    for r, (text, events, feats) in zip(rows, _extract(path.parent, "realnews_dev", items)):
        spans = [(inc, realnews.evidence_spans(text, inc.get("evidence") or "")) for inc in r.get("incidents", ())
                 if inc.get("status") in realnews.SCORED]
        for ev, f in zip(events, feats):
            rules = class_of(ev.plover, ev.acled_subtype)
            told = [inc for inc, sp in spans if any(a <= ev.trigger.start < b for a, b in sp)]
            label = None
            if len(told) == 1:
                sub = (told[0].get("type") or "").split(" / ")[-1].strip()
                label = sub if sub in sub_types() else (PLOVER_PREFIX + told[0]["plover"]
                                                         if not told[0].get("families") and told[0].get("plover") else None)
            out.append(Row("realnews_dev", text, f, rules, label))
    return out, path


SOURCES: dict[str, Callable[[Path], tuple[list[Row], Path]]] = {"case2021_task2": _case, "plover_gsr": _plover, "muc4_test": _muc4,
                                                                 "gva_semeval2018_task5": _gva, "realnews_dev": _realnews}


def collect(data_root: Path, progress: Callable[[str], None] | None = None) -> tuple[list[Row], dict[str, str]]:
    """Every training row of every data set, and the SHA-256 of each file read."""
    rows: list[Row] = []
    hashes: dict[str, str] = {}
    for name, source in SOURCES.items():
        if progress:
            progress(f"types: extracting {name}")
        got, path = source(Path(data_root))
        rows.extend(got)
        hashes[f"{name}/{path.name}"] = data_hash(path)
    return rows, hashes


def scores(rows: list[Row], predicted: list[tuple[str, float]], min_probability: float) -> dict[str, dict[str, float]]:
    """Per data set, on its labelled rows: the rules' accuracy and the model's (the rules' class
    kept where the model's probability is below ``min_probability`` or its class may not replace
    the rules', :func:`~sitreps.stages.typing.may_retype`), on the same rows."""
    out: dict[str, dict[str, float]] = {}
    for name in dict.fromkeys(r.dataset for r in rows):
        idx = [i for i, r in enumerate(rows) if r.dataset == name and r.label is not None]
        if not idx:
            continue
        rules = sum(rows[i].rules == rows[i].label for i in idx)
        model = sum((predicted[i][0] if predicted[i][1] >= min_probability and may_retype(rows[i].rules, predicted[i][0])
                     else rows[i].rules) == rows[i].label for i in idx)
        out[name] = {"n": len(idx), "rules_accuracy": round(rules / len(idx), 4), "model_accuracy": round(model / len(idx), 4)}
    return out


def train(data_root: Path, seed: int = 0, progress: Callable[[str], None] | None = None) -> Trained:
    rows, hashes = collect(data_root, progress)
    labelled = [r for r in rows if r.label is not None]
    feats = [r.features for r in labelled]
    labels = [r.label for r in labelled]
    texts = [r.text for r in labelled]
    if progress:
        progress(f"types: fitting on {len(labelled)} events ({len(set(labels))} classes)")
    model, folds, fold_of = fit_with_folds(feats, labels, texts, name=MODEL, seed=seed, c=C, min_count=MIN_COUNT)
    predicted = [folds[f].predict(x) for f, x in zip(fold_of, feats)]
    right = [p == y for (p, _), y in zip(predicted, labels)]
    model.calibration = fit_calibration([p for _, p in predicted], right)
    # each fold model gets a calibration fitted without its fold's rows, so its probabilities, the
    # threshold read against them and the ECE stay out of fold
    calibrated = [0.0] * len(predicted)
    for f in range(len(folds)):
        rest = [i for i, g in enumerate(fold_of) if g != f]
        cal = folds[f].calibration = fit_calibration([predicted[i][1] for i in rest], [right[i] for i in rest])
        for i, g in enumerate(fold_of):
            if g == f:
                calibrated[i] = cal(predicted[i][1])
    by_set = {str(t): scores(labelled, [(c, q) for (c, _), q in zip(predicted, calibrated)], t) for t in THRESHOLDS}
    report = card(
        data=hashes,
        features="rules' class, trigger lemma/score/pos/dep/head/dependents, merged and other triggers' classes, "
                 "sentence lemmas and entity labels, weapon/intercepted/target kinds, killed/injured (sitreps.stages.typing.type_features)",
        scores={"by_min_probability": by_set, "calibration": calibration_report(calibrated, right)},
        seed=seed, rows=len(labelled), classes=dict(Counter(labels).most_common()), c=C, min_count=MIN_COUNT,
    )
    model.card = report
    for m in folds:
        m.card = {"fold_model_of": MODEL}
    return Trained(model=model, folds=folds, report=report)
