"""``sitreps train same_incident``: is a pair of events of one article the same incident?

The pipeline runs on each training article up to the ``consolidate`` stage (the stages before it,
as configured), and every pair of the events it leaves is featurised by
:func:`sitreps.stages.consolidate.candidate_pairs`, the function the stage itself applies the
model with. Labels come from gold, never from the rules:

- **realnews_dev**: each event goes to the gold incident whose evidence holds its trigger (of a
  type the incident allows), else to the only incident its type and place can match; two events
  of one incident are the same, of two incidents different (events of no incident: no pair).
- **ECB+** (every split; within-document coreference): an event whose trigger overlaps a gold
  ACTION/NEG mention takes that mention's coreference cluster; two events are the same when their
  clusters are.
- **GVA**: each page reports one gold incident. A violent event whose killed and injured figures
  are the gold ones (and at least one is above zero) tells it; a violent event giving a killed and
  an injured figure that both differ from gold tells another one. Two events that tell it are the
  same; one that tells it and one that tells another are different.

Rows are folded by document text (:func:`sitreps.learn.fold_of_text`), the model is a logistic
regression calibrated (isotonic) on its out-of-fold probabilities, and the card compares it with
today's rules (the events stage's merge window, which leaves every one of these pairs apart).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from ..learn import K
from .fit import Trained, calibration_report, card, data_hash, fit_calibration, fit_with_folds

NAME = "same_incident"
REALNEWS = Path("realnews_dev") / "realnews_dev.jsonl"
ECBPLUS = Path("ecbplus") / "ecbplus.jsonl"
GVA = Path("gva_semeval2018_task5") / "gva_semeval2018_task5.jsonl"
#: GVA pages used (the first ones in file order; every page is one incident)
GVA_PAGES = 400
THRESHOLD = 0.5
C = 1.0  # inverse regularisation of the logistic regression
MIN_COUNT = 3  # features seen in fewer pairs are dropped


# -- running the pipeline up to consolidate ----------------------------------------------------------
def contexts(items: Iterable[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], Any]]:
    """(item, context after the stages before ``consolidate``) for each ``{text, published, id}``;
    a document that fails is skipped."""
    from ..budget import document_budget
    from ..contract import Context, run_stage
    from ..errors import SitrepsError
    from ..ingest.text import parse_published
    from ..parse import parse_many
    from ..pipeline import Extractor
    from ..record import Document, text_id
    from ..settings import load_settings

    settings = load_settings()
    order = list(settings.stages)
    before = order[:order.index("consolidate")] if "consolidate" in order else order
    ex = Extractor(settings, stages=before)
    items = list(items)
    docs = parse_many(ex.nlp, (it["text"] for it in items), 16)
    for item, doc in zip(items, docs):
        if isinstance(doc, Exception):
            continue
        pub = parse_published(item["published"]) if item.get("published") else None
        ctx = Context.start(doc, Document(id=item.get("id") or text_id(doc.text), text=doc.text), pub, settings)
        try:
            with document_budget(settings.max_seconds):
                for stage in ex.stages:
                    run_stage(stage, ctx)
        except SitrepsError:
            continue
        yield item, ctx


def _pairs(ctx: Any, label_of: Callable[[int, Any], Any]) -> Iterator[tuple[dict[str, float], bool]]:
    """Featurised pairs of a context whose events both have a gold label (``label_of(i, event)``,
    None when unknown; two labels starting "other" are two events of unknown other incidents: no
    pair); the label says whether the two are one incident."""
    from ..stages.consolidate import candidate_pairs, told_order

    anchors = ctx.anchors or {}
    events = told_order(ctx.events or [], anchors)
    gold = [label_of(i, e) for i, e in enumerate(events)]
    for i, j, f in candidate_pairs(events, ctx.anchors or {}, ctx.doc):
        a, b = gold[i], gold[j]
        if f is not None and a is not None and b is not None and not (a.startswith("other") and b.startswith("other")):
            yield f, gold[i] == gold[j]


# -- labels ----------------------------------------------------------------------------------------
def _realnews(path: Path) -> Iterator[tuple[str, str, dict[str, float], bool]]:
    from ..evaluation.tasks.realnews import evidence_spans as _evidence_spans
    from ..evaluation.tasks.realnews import place_distance as _place_distance
    from ..evaluation.tasks.realnews import type_ok as _type_ok

    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    by_text = {r["text"]: r for r in rows}
    items = [{"text": r["text"], "published": r.get("published"), "id": r["id"]} for r in rows]
    for item, ctx in contexts(items):
        row = by_text[item["text"]]
        incidents = row.get("incidents", [])
        spans = [_evidence_spans(row["text"], inc.get("evidence", "")) for inc in incidents]

        def label(_i: int, ev: Any) -> str | None:
            d = dataclasses.asdict(ev)
            told = [inc["gid"] for inc, sp in zip(incidents, spans)
                    if _type_ok(d, inc) and any(s <= ev.trigger.start < e for s, e in sp)]
            if len(told) == 1:
                return told[0]
            placed = [inc["gid"] for inc in incidents if _type_ok(d, inc) and _place_distance(d, inc) is not None]
            return placed[0] if len(placed) == 1 else None

        for f, y in _pairs(ctx, label):
            yield "realnews_dev", item["text"], f, y


def _token_spans(doc: dict[str, Any]) -> dict[int, tuple[int, int]]:
    """Character span of each ECB+ token in the document's text (one line per sentence)."""
    lines = doc["text"].split("\n")
    offsets, at = [], 0
    for line in lines:
        offsets.append(at)
        at += len(line) + 1
    out: dict[int, tuple[int, int]] = {}
    pos: dict[int, int] = {}
    for tok in doc["tokens"]:
        s = tok["sentence"]
        if s >= len(lines):
            continue
        found = lines[s].find(tok["text"], pos.get(s, 0))
        if found < 0:
            continue
        pos[s] = found + len(tok["text"])
        out[tok["t_id"]] = (offsets[s] + found, offsets[s] + found + len(tok["text"]))
    return out


def _ecbplus(path: Path) -> Iterator[tuple[str, str, dict[str, float], bool]]:
    docs = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    by_text = {d["text"]: d for d in docs}
    items = [{"text": d["text"], "id": d["doc_id"]} for d in docs]
    for item, ctx in contexts(items):
        d = by_text[item["text"]]
        spans = _token_spans(d)
        mentions = []
        for m in d["mentions"]:
            if m["category"] != "ACTION" and not m["type"].startswith("NEG"):
                continue
            cs = [spans[t] for t in m["token_ids"] if t in spans]
            if cs:
                mentions.append((min(c[0] for c in cs), max(c[1] for c in cs), m["cluster_id"]))

        doc = ctx.doc
        anchors = ctx.anchors or {}

        def label(_i: int, ev: Any) -> str | None:
            # its trigger's mention, else that of another trigger merged into it
            told = [(ev.trigger.start, ev.trigger.end)]
            anchor = anchors.get(ev.id)
            if anchor is not None:
                told += [(doc[t].idx, doc[t].idx + len(doc[t].text)) for t in anchor.tokens]
            for ts, te in told:
                hit = [c for s, e, c in mentions if s < te and ts < e]
                if hit:
                    return hit[0]
            return None

        for f, y in _pairs(ctx, label):
            yield "ecbplus", item["text"], f, y


def _gva(path: Path, pages: int) -> Iterator[tuple[str, str, dict[str, float], bool]]:
    from ..evaluation.tasks.gva import article_text
    from ..stages.consolidate import _violent

    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if r.get("gold") is not None and (r.get("text") or "").strip():
                rows.append(r)
            if len(rows) >= pages:
                break
    by_text = {article_text(r): r for r in rows}
    items = [{"text": t, "published": r.get("dct"), "id": r.get("doc_id")} for t, r in by_text.items()]
    for item, ctx in contexts(items):
        gold = by_text[item["text"]]["gold"]
        gk, gi = gold.get("num_killed"), gold.get("num_injured")

        def label(_i: int, ev: Any) -> str | None:
            if not _violent(ev):
                return None
            k = ev.fatalities.value if ev.fatalities else 0
            n = ev.injured.value if ev.injured else 0
            if (k, n) == (gk, gi) and k + n > 0:
                return "gold"
            if ev.fatalities is not None and ev.injured is not None and k != gk and n != gi:
                return f"other{_i}"  # another incident (each its own: no positive pair among them)
            return None

        for f, y in _pairs(ctx, label):
            yield "gva", item["text"], f, y


# -- the trainer -------------------------------------------------------------------------------------
def _scores(probs: list[float], labels: list[bool], threshold: float = THRESHOLD) -> dict[str, float]:
    tp = sum(1 for p, y in zip(probs, labels) if p >= threshold and y)
    fp = sum(1 for p, y in zip(probs, labels) if p >= threshold and not y)
    fn = sum(1 for p, y in zip(probs, labels) if p < threshold and y)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(prec, 4), "recall": round(rec, 4),
            "f1": round(2 * prec * rec / (prec + rec), 4) if prec + rec else 0.0, "pairs": len(labels), "same": sum(labels)}


def collect(data_root: Path, progress: Callable[[str], None] | None = None, gva_pages: int = GVA_PAGES
            ) -> tuple[list[str], list[str], list[dict[str, float]], list[bool]]:
    """(source, document text, features, same?) of every labelled pair of the training data."""
    say = progress or (lambda _m: None)
    sources, texts, rows, labels = [], [], [], []
    for name, gen in (("realnews_dev", _realnews(data_root / REALNEWS)), ("ecbplus", _ecbplus(data_root / ECBPLUS)),
                      ("gva", _gva(data_root / GVA, gva_pages))):
        say(f"{NAME}: featurising {name}")
        for src, text, f, y in gen:
            sources.append(src)
            texts.append(text)
            rows.append(f)
            labels.append(y)
    return sources, texts, rows, labels


def fit(sources: list[str], texts: list[str], rows: list[dict[str, float]], labels: list[bool], *, data: dict[str, str],
        seed: int = 0, gva_pages: int = GVA_PAGES) -> Trained:
    """The model, its fold models (each calibrated on the other folds' out-of-fold scores) and the card."""
    model, fold_models, folds = fit_with_folds(rows, labels, texts, name=NAME, seed=seed, min_count=MIN_COUNT, c=C)
    raw = [fold_models[folds[i]].probability(r) for i, r in enumerate(rows)]
    model.calibration = fit_calibration(raw, labels)
    probs = [0.0] * len(rows)
    for k, m in enumerate(fold_models):
        idx = [i for i in range(len(rows)) if folds[i] != k]
        m.calibration = fit_calibration([raw[i] for i in idx], [labels[i] for i in idx])
        for i in range(len(rows)):
            if folds[i] == k:  # calibrated by the other folds only: an honest reliability curve
                probs[i] = m.calibration(raw[i])
    by_source = {s: _scores([p for p, t in zip(probs, sources) if t == s], [y for y, t in zip(labels, sources) if t == s])
                 for s in sorted(set(sources))}
    rule = [1.0 if r.get("same_family") and (r.get("place:same") or r.get("place:contained")) and not r.get("killed:differ") else 0.0
            for r in rows]
    scores = {"all": _scores(probs, labels), **by_source,
              "rules_merge_window": {"note": "the events stage leaves every one of these pairs apart", "recall": 0.0, "f1": 0.0},
              "rule_same_place": _scores(rule, labels), **calibration_report(probs, labels)}
    meta = card(data=data,
                features="pairs of events of one article: same family/PLOVER/ACLED type/sub-type, place (same, contained, "
                         "admin1, km), date, killed/injured agreement, actors, weapons, targets, source, sentence gap, "
                         "paragraph, definite anaphor, 'separate incident' cue, lead, trigger lemma pair",
                scores=scores, seed=seed, labels="same gold incident (realnews_dev), ECB+ within-document coreference, "
                "GVA page incident vs another", folds=K, gva_pages=gva_pages, c=C, min_count=MIN_COUNT)
    for m in (model, *fold_models):
        m.card = meta
    return Trained(model=model, folds=list(fold_models), report={"pairs": len(rows), "positives": sum(labels)})


def train(data_root: Path, seed: int = 0, progress: Callable[[str], None] | None = None, gva_pages: int = GVA_PAGES) -> Trained:
    """``sitreps train same_incident``: run the pipeline on the training data, label and fit."""
    files = {"realnews_dev": data_root / REALNEWS, "ecbplus": data_root / ECBPLUS, "gva": data_root / GVA}
    sources, texts, rows, labels = collect(data_root, progress, gva_pages)
    return fit(sources, texts, rows, labels, data={k: data_hash(p) for k, p in files.items()}, seed=seed, gva_pages=gva_pages)
