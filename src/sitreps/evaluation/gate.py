"""The quality gate: scores on pinned samples of the development data must not drop below floors.

``baseline.json`` maps each data set to the sample it runs on (``limit``) and a floor per
metric; ``data`` names the folder under the data root when it is not the task's own name (a task
that scores another data set's documents, like ``gva_merge``). A metric whose name starts with ``mean_error`` or ``median_error`` is an error (lower is
better); so is ``auc``. A floor moves down only through ``--lower-floors --reason``.
"""

from __future__ import annotations

import json
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, Callable

from ..errors import EvaluationError
from .harness import run_eval

LOWER_IS_BETTER = ("mean_error", "median_error", "auc")
TOLERANCE = 0.0005  # scores are rounded to 4 places: room for float noise, none for regressions


def default_baseline() -> Path:
    return Path(str(resources.files("sitreps.evaluation").joinpath("baseline.json")))


def _worse(metric: str, score: float, floor: float) -> bool:
    if metric.startswith(LOWER_IS_BETTER):
        return score > floor * (1 + TOLERANCE) + TOLERANCE
    return score < floor - TOLERANCE


def run_gate(data_root: str | Path, baseline: str | Path | None = None, only: tuple[str, ...] = (),
             lower_floors: bool = False, reason: str | None = None, echo: Callable[[str], Any] = print) -> bool:
    path = Path(baseline) if baseline else default_baseline()
    if lower_floors and not reason:
        raise EvaluationError("--lower-floors needs --reason: say why a score may drop.", "S404")
    spec: dict[str, Any] = json.loads(path.read_text("utf-8"))
    ok = True
    changed = False
    for name, entry in spec["datasets"].items():
        if only and name not in only:
            continue
        result = run_eval(name, Path(data_root) / entry.get("data", name), limit=entry.get("limit"), progress=False)
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
                entry.setdefault("history", []).append({"date": date.today().isoformat(), "metric": metric, "from": floor, "to": score, "reason": reason})
                changed = True
            elif bad:
                ok = False
    if changed:
        path.write_text(json.dumps(spec, indent=2) + "\n", encoding="utf-8")
    return ok
