"""The quality gate fails on a drop, passes at the floor, and moves a floor only with a reason."""

from __future__ import annotations

import json

import pytest

from sitreps.errors import EvaluationError
from sitreps.evaluation import EvalResult, register
from sitreps.evaluation.gate import run_gate

SCORES = {"accuracy": 0.80, "mean_error_km": 120.0}


@register("gate_fixture")
def _fixture_task(ctx):
    return EvalResult(dataset=ctx.name, n=3, metrics=dict(SCORES))


def baseline(tmp_path, floors):
    (tmp_path / "gate_fixture").mkdir(exist_ok=True)
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps({"datasets": {"gate_fixture": {"limit": 3, "floors": floors}}}))
    return path


def gate(tmp_path, path, **kw):
    lines = []
    ok = run_gate(tmp_path, path, echo=lines.append, **kw)
    return ok, lines


def test_passes_at_the_floor(tmp_path):
    ok, lines = gate(tmp_path, baseline(tmp_path, {"accuracy": 0.80, "mean_error_km": 120.0}))
    assert ok and all(line.startswith("ok") for line in lines)


def test_fails_when_a_score_drops_even_a_little(tmp_path):
    ok, lines = gate(tmp_path, baseline(tmp_path, {"accuracy": 0.803}))
    assert not ok and lines[0].startswith("FAIL")


def test_errors_are_ceilings(tmp_path):
    ok, _ = gate(tmp_path, baseline(tmp_path, {"mean_error_km": 100.0}))
    assert not ok


def test_a_metric_that_is_not_reported_fails(tmp_path):
    ok, lines = gate(tmp_path, baseline(tmp_path, {"recall": 0.5}))
    assert not ok and "not reported" in lines[0]


def test_lowering_a_floor_needs_a_reason_and_is_recorded(tmp_path):
    path = baseline(tmp_path, {"accuracy": 0.9})
    with pytest.raises(EvaluationError, match="--reason"):
        gate(tmp_path, path, lower_floors=True)
    ok, _ = gate(tmp_path, path, lower_floors=True, reason="new tokenizer splits hyphens")
    assert ok
    spec = json.loads(path.read_text())["datasets"]["gate_fixture"]
    assert spec["floors"]["accuracy"] == 0.8
    assert spec["history"][0]["reason"] == "new tokenizer splits hyphens" and spec["history"][0]["from"] == 0.9
