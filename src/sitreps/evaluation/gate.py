"""The quality gate: scores on pinned samples of the development data must not drop below floors.

``baseline.json`` maps each data set to the sample it runs on (``limit``), a floor per metric,
and the SHA-256 of every data file the floors were measured on (``sha256``); ``data`` names the
folder under the data root when it is not the task's own name (a task that scores another data
set's documents, like ``gva_merge``). A metric whose name
starts with ``mean_error`` or ``median_error`` is an error (lower is better); so are ``auc`` and
``ece`` (a calibration error).

**Changed data fails the gate.** When a data file the task reads differs from the recorded one
(or is missing, or has no recorded hash) the floors were measured on other data and cannot be
trusted either way — a higher score proves nothing, a lower one may be no regression — so the
gate says which file changed and fails, rather than skip with a note that a CI log would bury.
Re-measure, then record the new files with ``--lower-floors --reason``.

**Floors move down only with a reason.** ``--lower-floors --reason TEXT`` sets each floor that
failed to its new score and writes the reason beside it (``reasons``: metric -> "date, from → to:
reason") and in the data set's ``history``; with changed data it also records the new hashes.
"""

from __future__ import annotations

import json
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, Callable

from ..errors import EvaluationError
from .harness import run_eval

LOWER_IS_BETTER = ("mean_error", "median_error", "auc", "ece")
TOLERANCE = 0.0005  # scores are rounded to 4 places: room for float noise, none for regressions


def default_baseline() -> Path:
    return Path(str(resources.files("sitreps.evaluation").joinpath("baseline.json")))


def _worse(metric: str, score: float, floor: float) -> bool:
    if metric.startswith(LOWER_IS_BETTER):
        return score > floor * (1 + TOLERANCE) + TOLERANCE
    return score < floor - TOLERANCE


def _better(metric: str, score: float, floor: float) -> bool:
    """Whether ``score`` beats ``floor``: a score within the tolerance below it passes the gate but
    must not become the new floor under --raise-floors."""
    return score < floor if metric.startswith(LOWER_IS_BETTER) else score > floor


def data_changes(recorded: dict[str, str], seen: dict[str, str]) -> list[str]:
    """How the data files a task read differ from those its floors were measured on."""
    problems = []
    for name, sha in sorted(recorded.items()):
        if name not in seen:
            problems.append(f"{name} was measured on but not read now (missing or renamed)")
        elif seen[name] != sha:
            problems.append(f"{name} changed (sha256 {seen[name][:12]}…, floors measured on {sha[:12]}…)")
    problems += [f"{name} has no recorded sha256" for name in sorted(set(seen) - set(recorded))]
    return problems


def run_gate(data_root: str | Path, baseline: str | Path | None = None, only: tuple[str, ...] = (),
             lower_floors: bool = False, reason: str | None = None, echo: Callable[[str], Any] = print,
             raise_floors: bool = False) -> bool:
    """Score every data set of the baseline and compare with its floors (ceilings for errors).
    ``lower_floors`` (with a ``reason``) moves a floor down to a worse score and records why;
    ``raise_floors`` moves a floor up to a better score (recorded too), so a gain is held from then on."""
    path = Path(baseline) if baseline else default_baseline()
    if lower_floors and not (reason and reason.strip()):
        raise EvaluationError("--lower-floors needs --reason: say why a score may drop.", "S404")
    spec: dict[str, Any] = json.loads(path.read_text("utf-8"))
    ok = True
    changed = False
    today = date.today().isoformat()
    for name, entry in spec["datasets"].items():
        if only and name not in only:
            continue
        result = run_eval(name, Path(data_root) / entry.get("data", name), limit=entry.get("limit"), progress=False)
        problems = data_changes(entry.get("sha256", {}), result.data_files)
        for problem in problems:
            echo(f"FAIL {name} data: {problem}")
        if problems and lower_floors:
            entry["sha256"] = dict(result.data_files)
            entry.setdefault("history", []).append({"date": today, "data": "sha256 recorded", "reason": reason})
            changed = True
        elif problems:
            echo(f"     {name}: its floors were measured on other data and cannot be trusted; re-measure, "
                 "then record the files with --lower-floors --reason")
            ok = False
        for metric, floor in entry["floors"].items():
            score = result.metrics.get(metric)
            if score is None:
                echo(f"FAIL {name} {metric}: not reported")
                ok = False
                continue
            bad = _worse(metric, score, floor)
            echo(f"{'FAIL' if bad else 'ok  '} {name:24} {metric:28} {score:.4f}  (floor {floor:.4f})")
            if bad and lower_floors:
                entry["floors"][metric] = score
                entry.setdefault("reasons", {})[metric] = f"{today}, {floor} → {score}: {reason}"
                entry.setdefault("history", []).append({"date": today, "metric": metric, "from": floor, "to": score, "reason": reason})
                changed = True
            elif bad:
                ok = False
            elif raise_floors and _better(metric, score, floor):
                entry["floors"][metric] = score
                entry.setdefault("history", []).append({"date": today, "metric": metric, "from": floor, "to": score,
                                                        "reason": reason or "raised to the measured score"})
                changed = True
    if changed:
        path.write_text(json.dumps(spec, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return ok
