"""``sitreps train incident``: the incident-or-not decision of the ``judge`` stage.

Every candidate event the pipeline proposes (the stages before ``judge``, run with the other
trained decisions out of fold) on the development data is a row; its features are
:func:`sitreps.stages.judge.incident_features`, the function the stage applies. Labels come from
the data sets' own gold, by code:

* **realnews_dev**: an event the realnews scorer (:func:`sitreps.evaluation.tasks.realnews.assign`)
  can match to a core or context incident (matched, or a duplicate of one) is a real incident (1);
  one it can match to no incident is noise (0); one that only an optional incident takes is skipped.
* **India police events** (sentence labels KILL / ARREST / FORCE): an arrest event in a sentence
  labelled ARREST, a violent event in a sentence labelled FORCE or KILL is a real incident (1);
  an arrest or a statement-like event (talks, demands, accusations) in a sentence that carries no
  label at all is not one (0); the others are skipped (a riot, a protest or arson with no police
  in it is an incident the labels do not code).
* **GVA** (the gate's first 600 pages): a violent event placed within 50 km of the page's GVA
  incident with its killed and injured figures both right tells that incident (1).
* **CASE 2021 / PLOVER GSR** snippets each tell one event: a candidate of the snippet's gold type
  (ACLED sub-type, PLOVER root) is that event (1); the others are skipped.

GVA, CASE and PLOVER give no clean negatives; they add the positives the news sets are short of
(statements, talks and protests that did happen, shootings of every kind).

An event realnews_dev's scorer calls ``told`` (no match, but its trigger lies in a gold
incident's evidence: right incident, wrong type or place) or ``optional`` is skipped: the
decision is whether an incident happened, and the type and place are other stages' work.

The model is scored out of fold per data set (folds of the document text,
:func:`sitreps.learn.fold_of_text`), calibrated with isotonic regression on the out-of-fold
scores (each fold model's calibration fitted without its fold), and compared with the rules'
confidence on the same rows. The threshold ``[stages.judge] min_probability`` is the one that
gives the best mean F1 over the data sets out of fold.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..learn import K, expected_calibration_error
from ..text.summary import DEMONSTRATION_TYPES
from .fit import Trained, calibration_report, card, data_hash, fit_calibration, fit_with_folds
from .probe import probe

NAME = "incident"
FEATURES = ("trigger lemma, tag, dependency, head and modality; ACLED type/sub-type and PLOVER root; the rules' confidence "
            "and trigger score; consequence flag; toll, call and background cues of the sentence; words around the "
            "trigger and content lemmas of its sentence; lead position, sentence index, mentions; figures, weapons, "
            "targets, actors, place precision, attribution and hedge; quote context; event date against publication")
#: the regularisation strength and the rarest feature kept
C = 0.5
MIN_COUNT = 3
THRESHOLDS = [round(0.05 * i, 2) for i in range(0, 20)]
#: GVA documents read (the gate's sample)
GVA_LIMIT = 600

#: ACLED types that tell violence (India police FORCE / KILL)
VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
#: PLOVER roots of material acts other than violence (a protest, property destroyed, force short of an attack)
INCIDENT_ROOTS = {"PROTEST", "COERCE"}
#: Meetings and agreements: the India police labels do not code them, so a talk in an unlabelled
#: sentence may well have happened ("envoys met in Istanbul") and is no negative example.
MEETING_ROOTS = {"CONSULT", "AGREE"}


def candidates(data_dir: Path, name: str, items: list[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], list[tuple[Any, dict[str, float]]]]]:
    """For each item, the candidate events the pipeline proposes before ``judge`` and their features
    (:func:`sitreps.stages.judge.document_features`; other trained stages out of fold)."""
    from ..stages.judge import document_features

    yield from probe(data_dir, name, items, "judge", document_features, empty=[],
                     reads=("doc", "document", "events", "anchors", "triggers"), reads_if_present=("quote_spans",))


def _realnews(root: Path) -> Iterator[tuple[str, dict[str, float], int]]:
    from ..evaluation.tasks.realnews import assign

    path = root / "realnews_dev" / "realnews_dev.jsonl"
    rows = _rows(path)
    items = [{"id": r["id"], "text": r["text"], "published": r.get("published"), "title": r.get("title"), "gold": r} for r in rows]
    for item, scored in candidates(path.parent, "realnews_dev", items):
        events = [_as_dict(e) for e, _ in scored]
        kinds = assign(item["gold"], events)
        for (_, feats), kind in zip(scored, kinds):
            if kind in ("matched", "duplicate"):
                yield item["text"], feats, 1
            elif kind == "noise":
                yield item["text"], feats, 0


def _as_dict(event: Any) -> dict[str, Any]:
    from dataclasses import asdict

    return asdict(event)


def _rows(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """The first ``limit`` rows of a JSON Lines file (all of them when None)."""
    rows: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
                if limit and len(rows) >= limit:
                    break
    return rows


def _india(root: Path) -> Iterator[tuple[str, dict[str, float], int]]:
    path = root / "india_police_events" / "india_police_events.jsonl"
    rows = _rows(path)
    items = [{"id": r["id"], "text": r["text"], "published": r.get("date"), "gold": r} for r in rows]
    for item, scored in candidates(path.parent, "india_police_events", items):
        spans = _sentence_spans(item["text"], item["gold"]["sentences"])
        for event, feats in scored:
            labels = next((lab for s, e, lab in spans if s <= event.trigger.start < e), None)
            if labels is None:
                continue
            label = india_label(event.plover, event.acled_type, labels, event.acled_subtype)
            if label is not None:
                yield item["text"], feats, label


def india_label(plover: str, acled_type: str | None, labels: set[str], acled_subtype: str | None = None) -> int | None:
    """1 when the sentence's labels tell the event's kind (ARREST; FORCE or KILL for violence);
    0 for an arrest, or a statement-like event (demands, accusations, support, ...), in a sentence
    with no label at all: the labels cover every police action, so an arrest there did not happen,
    and the rest is the talk around the news. None for the others: a riot, a protest, arson with no
    police in it, or a meeting is a real incident the labels do not code."""
    violent = acled_type in VIOLENT or plover in ("ASSAULT", "FIGHT")
    arrest = plover == "ARREST" or acled_subtype == "Arrests"
    if arrest and "ARREST" in labels:
        return 1
    if violent and labels & {"FORCE", "KILL"}:
        return 1
    if not labels and (arrest or not (violent or plover in INCIDENT_ROOTS | MEETING_ROOTS or acled_type in DEMONSTRATION_TYPES)):
        return 0
    return None


def _gva(root: Path, limit: int = GVA_LIMIT) -> Iterator[tuple[str, dict[str, float], int]]:
    from ..evaluation.metrics import haversine_km
    from ..evaluation.tasks.gva import article_text

    path = root / "gva_semeval2018_task5" / "gva_semeval2018_task5.jsonl"
    rows = [r for r in _rows(path, limit) if r.get("gold") is not None]
    items = [{"text": article_text(r), "published": r.get("dct"), "id": r.get("doc_id"), "title": r.get("title"), "gold": r["gold"]}
             for r in rows if article_text(r).strip()]
    for item, scored in candidates(path.parent, "gva_semeval2018_task5", items):
        gold = item["gold"]
        for event, feats in scored:
            if gva_label(event, gold, haversine_km):
                yield item["text"], feats, 1


def gva_label(event: Any, gold: dict[str, Any], km: Callable[[float, float, float, float], float]) -> bool:
    """A violent event placed within 50 km of the GVA incident with both its figures right tells it."""
    loc = event.location
    if not (event.acled_type in VIOLENT or event.plover in ("ASSAULT", "FIGHT")) or loc is None or loc.lat is None \
            or gold.get("latitude") is None or km(loc.lat, loc.lon, gold["latitude"], gold["longitude"]) > 50:
        return False
    killed = event.fatalities.value if event.fatalities is not None else 0
    injured = event.injured.value if event.injured is not None else 0
    gk, gi = int(gold.get("num_killed") or 0), int(gold.get("num_injured") or 0)
    return (gk or gi) > 0 and killed == gk and injured == gi


def _sentence_spans(text: str, sentences: list[dict[str, Any]]) -> list[tuple[int, int, set[str]]]:
    out, pos = [], 0
    for s in sentences:
        frag = s["text"].strip()
        at = text.find(frag, pos) if frag else -1
        if at < 0:
            continue
        out.append((at, at + len(frag), set(s.get("labels") or ())))
        pos = at + len(frag)
    return out


def _snippets(root: Path, folder: str, matches: Callable[[Any, dict[str, Any]], bool]) -> Iterator[tuple[str, dict[str, float], int]]:
    path = root / folder / f"{folder}.jsonl"
    rows = _rows(path)
    items = [{"text": r.get("text") or "", "published": r.get("published"), "id": r.get("id"), "gold": r} for r in rows]
    for item, scored in candidates(path.parent, folder, [it for it in items if it["text"].strip()]):
        for event, feats in scored:
            if matches(event, item["gold"]):
                yield item["text"], feats, 1


def case_match(event: Any, row: dict[str, Any]) -> bool:
    """A CASE 2021 snippet tells one event: a candidate of the snippet's gold type is it."""
    from ..evaluation.tasks.case2021 import CODES, PLOVER_CODES

    code = CODES.get(event.acled_subtype) if event.acled_subtype else PLOVER_CODES.get(event.plover)
    return code is not None and code == row.get("event_type")


def plover_match(event: Any, row: dict[str, Any]) -> bool:
    """A PLOVER GSR sentence tells one event: a candidate of its gold root is it."""
    root = "DISAPPROVE" if event.plover == "ACCUSE" else event.plover
    return root == (row.get("gold") or {}).get("event_type")


SETS: dict[str, Callable[[Path], Iterator[tuple[str, dict[str, float], int]]]] = {
    "realnews_dev": _realnews,
    "india_police_events": _india,
    "gva_semeval2018_task5": _gva,
    "case2021_task2": lambda root: _snippets(root, "case2021_task2", case_match),
    "plover_gsr": lambda root: _snippets(root, "plover_gsr", plover_match),
}


def _f1(probs: list[float], labels: list[int], t: float) -> float:
    tp = sum(1 for p, y in zip(probs, labels) if p >= t and y)
    kept = sum(1 for p in probs if p >= t)
    pos = sum(labels)
    if not tp:
        return 0.0
    prec, rec = tp / kept, tp / pos
    return 2 * prec * rec / (prec + rec)


def _auc(probs: list[float], labels: list[int]) -> float:
    pairs = sorted(zip(probs, labels))
    pos = sum(labels)
    neg = len(labels) - pos
    if not pos or not neg:
        return 0.0
    rank_sum, i = 0.0, 0
    while i < len(pairs):
        j = i
        while j < len(pairs) and pairs[j][0] == pairs[i][0]:
            j += 1
        avg = (i + j + 1) / 2
        rank_sum += avg * sum(y for _, y in pairs[i:j])
        i = j
    return (rank_sum - pos * (pos + 1) / 2) / (pos * neg)


def _best_threshold(per_set: dict[str, tuple[list[float], list[int]]]) -> tuple[float, float]:
    """The threshold with the best mean F1 over the data sets (each counts alike), and that F1."""
    best = (0.0, -1.0)
    for t in THRESHOLDS:
        f = sum(_f1(p, y, t) for p, y in per_set.values()) / len(per_set)
        if f > best[1] + 1e-9:
            best = (t, f)
    return best


def train(data_root: Path, seed: int = 0, sets: tuple[str, ...] = tuple(SETS)) -> Trained:
    rows: list[dict[str, float]] = []
    labels: list[int] = []
    texts: list[str] = []
    origin: list[str] = []
    files = []
    for name in sets:
        for text, feats, y in SETS[name](data_root):
            rows.append(feats)
            labels.append(y)
            texts.append(text)
            origin.append(name)
        files.extend(sorted((data_root / name).glob("*.jsonl")))
    model, folds, fold_of = fit_with_folds(rows, labels, texts, name=NAME, seed=seed, c=C, min_count=MIN_COUNT,
                                           class_weight=None)
    raw = [folds[f].probability(r) for r, f in zip(rows, fold_of)]  # fold models are not calibrated yet: raw
    # each fold model's calibration is fitted on the out-of-fold scores of the other folds
    oof = [0.0] * len(rows)
    for f in range(K):
        others = [i for i, g in enumerate(fold_of) if g != f]
        cal = fit_calibration([raw[i] for i in others], [labels[i] for i in others])
        folds[f].calibration = cal
        for i, g in enumerate(fold_of):
            if g == f:
                oof[i] = cal(raw[i])
    model.calibration = fit_calibration(raw, labels)
    rules = [r.get("rules_confidence", 0.0) for r in rows]
    per_set_model = {n: ([oof[i] for i in range(len(rows)) if origin[i] == n], [labels[i] for i in range(len(rows)) if origin[i] == n]) for n in sets}
    per_set_rules = {n: ([rules[i] for i in range(len(rows)) if origin[i] == n], y) for n, (_, y) in per_set_model.items()}
    mixed = [n for n, (_, y) in per_set_model.items() if 0 < sum(y) < len(y)]  # sets with both labels
    threshold, mean_f1 = _best_threshold({n: per_set_model[n] for n in mixed})
    rules_threshold, rules_f1 = _best_threshold({n: per_set_rules[n] for n in mixed})
    scores: dict[str, Any] = {"rows": len(rows), "positives": sum(labels), "threshold": threshold, "mean_f1": round(mean_f1, 4),
                              "rules_threshold": rules_threshold, "rules_mean_f1": round(rules_f1, 4),
                              **calibration_report(oof, labels), "rules_ece": round(expected_calibration_error(rules, labels), 4)}
    for n, (p, y) in per_set_model.items():
        rp = per_set_rules[n][0]
        scores[n] = {"rows": len(y), "positives": sum(y), "auc": round(_auc(p, y), 4), "rules_auc": round(_auc(rp, y), 4),
                     "f1": round(_f1(p, y, threshold), 4), "rules_f1": round(_f1(rp, y, rules_threshold), 4),
                     "f1_keep_all": round(_f1(p, y, 0.0), 4),
                     "ece": round(expected_calibration_error(p, y), 4), "rules_ece": round(expected_calibration_error(rp, y), 4)}
    info = card(data={f.parent.name + "/" + f.name: data_hash(f) for f in files}, features=FEATURES, scores=scores, seed=seed,
                labels="realnews_dev: matched/duplicate of a core or context incident = 1, noise = 0 (told/optional skipped); "
                       "India police events: arrest/violent event in a sentence labelled ARREST/FORCE/KILL = 1, arrest or "
                       "statement-like event (not violence, protest or coercion) in an unlabelled sentence = 0; GVA: violent event within 50 km of the incident "
                       "with both figures right = 1; CASE 2021 / PLOVER GSR: candidate of the snippet's gold type = 1",
                c=C, min_count=MIN_COUNT, min_probability=threshold)
    model.card = info
    for fm in folds:
        fm.card = {"fold_of": NAME, "trained": info["trained"]}
    return Trained(model=model, folds=folds, report={"threshold": threshold})
