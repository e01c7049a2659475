"""Fit the merge model's weights (src/sitreps/merge/weights.json) and score them out of fold.

    python scripts/fit_merge.py --data ../shared/data/gva_semeval2018_task5 [--similarity words|minilm]

Every document is extracted (as ``sitreps eval gva_merge`` does, sharing its parse cache); the
training pairs are the candidate pairs (events sharing a block key) among the documents'
``events[0]``, labelled by whether their documents report the same GVA incident. A logistic
regression (L2 1.0, Newton's method) is fitted on all of them, and, to say how well it does on
incidents it was not fitted on, five times on the pairs of four fifths of the incidents and
scored with gva_merge's scores on the documents of the fifth (folds grouped by incident). Prints
the weights (to paste into weights.json) and both scores as JSON.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np

from sitreps.evaluation.harness import EvalContext
from sitreps.evaluation.tasks.gva import FILE
from sitreps.evaluation.tasks.gva_merge import extract, gold_tolls, score
from sitreps.merge import Fingerprint, block_keys, features, load_merge_settings, record_fingerprints
from sitreps.merge.match import FEATURES, Model

FOLDS = 5


def candidate_pairs(mains: list[Fingerprint], settings) -> list[tuple[Fingerprint, Fingerprint, dict[str, float]]]:
    blocks: dict[str, list[Fingerprint]] = {}
    for fp in mains:
        for key in block_keys(fp, settings):
            blocks.setdefault(key, []).append(fp)
    seen: set[tuple[str, str]] = set()
    out = []
    for members in blocks.values():
        for i, a in enumerate(members):
            for b in members[:i]:
                pair = (min(a.event_id, b.event_id), max(a.event_id, b.event_id))
                if pair in seen:
                    continue
                seen.add(pair)
                f = features(a, b, settings)
                if f is not None:
                    out.append((a, b, f))
    return out


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0) -> Model:
    xb = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(xb.shape[1])
    penalty = l2 * np.diag(np.r_[0.0, np.ones(xb.shape[1] - 1)])
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-xb @ w))
        step = np.linalg.solve((xb * (p * (1 - p))[:, None]).T @ xb + penalty, xb.T @ (p - y) + penalty @ w)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return float(round(w[0], 2)), {k: float(round(v, 2)) for k, v in zip(FEATURES, w[1:])}


def fold_of(incident: str) -> int:
    return int(hashlib.sha256(incident.encode()).hexdigest(), 16) % FOLDS


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", required=True, type=Path)
    ap.add_argument("--similarity", choices=("words", "minilm"), default="words")
    ap.add_argument("--limit", type=int)
    args = ap.parse_args()
    settings = load_merge_settings().with_(similarity=args.similarity)
    ctx = EvalContext(name="gva_merge", data_dir=args.data, limit=args.limit, progress=sys.stderr.isatty())
    rows = ctx.jsonl(FILE)
    records = extract(ctx, rows)
    tolls = gold_tolls(ctx)
    present = [r for r in records if r is not None]
    fps = record_fingerprints(present, settings)
    by_event = {fp.event_id: fp for fp in fps}
    incident = {str(r["doc_id"]): str(r["incident_id"]) for r in rows}
    mains = [by_event[r["events"][0]["id"]] for r in present if r["events"]]
    pairs = candidate_pairs(mains, settings)

    def data(keep) -> tuple[np.ndarray, np.ndarray]:
        chosen = [(a, b, f) for a, b, f in pairs if keep(incident[a.document_id]) and keep(incident[b.document_id])]
        x = np.array([[f[k] for k in FEATURES] for _, _, f in chosen])
        y = np.array([float(incident[a.document_id] == incident[b.document_id]) for a, b, _ in chosen])
        return x, y

    model = fit(*data(lambda inc: True))
    folds = []
    for k in range(FOLDS):
        held = {d for d, inc in incident.items() if fold_of(inc) == k}
        fold_model = fit(*data(lambda inc, k=k: fold_of(inc) != k))
        folds.append(score(rows, records, tolls, settings, fps, fold_model, only=held)[0])
    out_of_fold = {m: round(sum(f[m] for f in folds) / FOLDS, 4) for m in folds[0]}
    in_sample = {m: round(v, 4) for m, v in score(rows, records, tolls, settings, fps, model)[0].items()}
    print(json.dumps({"similarity": args.similarity, "pairs": len(pairs), "bias": model[0], "weights": model[1],
                      "out_of_fold": out_of_fold, "in_sample": in_sample}, indent=2))


if __name__ == "__main__":
    main()
