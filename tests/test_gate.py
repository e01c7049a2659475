"""The quality gate fails on a drop, passes at the floor, and moves a floor only with a reason."""

from __future__ import annotations

import hashlib
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
    assert "new tokenizer splits hyphens" in spec["reasons"]["accuracy"]  # beside the floor it lowered


def test_raising_floors_holds_a_gain_and_is_recorded(tmp_path):
    path = baseline(tmp_path, {"accuracy": 0.7, "mean_error_km": 150.0})
    ok, _ = gate(tmp_path, path, raise_floors=True)
    spec = json.loads(path.read_text())["datasets"]["gate_fixture"]
    assert ok and spec["floors"] == {"accuracy": 0.8, "mean_error_km": 120.0}  # a ceiling comes down to the error measured
    assert [(h["metric"], h["from"], h["to"]) for h in spec["history"]] == [("accuracy", 0.7, 0.8), ("mean_error_km", 150.0, 120.0)]
    ok, _ = gate(tmp_path, baseline(tmp_path, {"accuracy": 0.9}), raise_floors=True)
    assert not ok  # raising never excuses a drop


def test_raising_floors_never_moves_a_floor_down_to_a_score_within_the_tolerance(tmp_path):
    # 0.8 passes a floor of 0.8003 (the tolerance) and 120.1 km a ceiling of 120.0; neither is a gain to hold
    path = baseline(tmp_path, {"accuracy": 0.8003, "mean_error_km": 119.99})
    ok, _ = gate(tmp_path, path, raise_floors=True)
    spec = json.loads(path.read_text())["datasets"]["gate_fixture"]
    assert ok and spec["floors"] == {"accuracy": 0.8003, "mean_error_km": 119.99} and "history" not in spec


def test_a_reason_of_blanks_is_no_reason(tmp_path):
    with pytest.raises(EvaluationError, match="--reason"):
        gate(tmp_path, baseline(tmp_path, {"accuracy": 0.9}), lower_floors=True, reason="  ")


@register("gate_data_fixture")
def _data_task(ctx):
    rows = ctx.jsonl("rows.jsonl")
    return EvalResult(dataset=ctx.name, n=len(rows), metrics={"accuracy": 0.8})


def data_baseline(tmp_path, sha=None):
    folder = tmp_path / "gate_data_fixture"
    folder.mkdir(exist_ok=True)
    (folder / "rows.jsonl").write_text('{"id": 1}\n{"id": 2}\n')
    entry = {"limit": None, "floors": {"accuracy": 0.8}}
    if sha is not None:
        entry["sha256"] = {"rows.jsonl": sha}
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps({"datasets": {"gate_data_fixture": entry}}))
    return path


def test_the_gate_passes_on_the_data_its_floors_were_measured_on(tmp_path):
    sha = hashlib.sha256(b'{"id": 1}\n{"id": 2}\n').hexdigest()
    ok, lines = gate(tmp_path, data_baseline(tmp_path, sha))
    assert ok and lines == [next(line for line in lines if "accuracy" in line)]


def test_a_changed_data_file_fails_the_gate_and_is_named(tmp_path):
    ok, lines = gate(tmp_path, data_baseline(tmp_path, "0" * 64))
    assert not ok
    assert any(line.startswith("FAIL gate_data_fixture data: rows.jsonl changed") for line in lines)
    assert any("cannot be trusted" in line for line in lines)


def test_a_data_file_without_a_recorded_hash_fails_until_recorded_with_a_reason(tmp_path):
    path = data_baseline(tmp_path)
    ok, lines = gate(tmp_path, path)
    assert not ok and any("no recorded sha256" in line for line in lines)
    ok, _ = gate(tmp_path, path, lower_floors=True, reason="data set re-exported")
    assert ok
    entry = json.loads(path.read_text())["datasets"]["gate_data_fixture"]
    assert entry["sha256"] == {"rows.jsonl": hashlib.sha256(b'{"id": 1}\n{"id": 2}\n').hexdigest()}
    assert entry["history"][-1]["reason"] == "data set re-exported"
    assert gate(tmp_path, path)[0]


def test_a_recorded_file_that_is_no_longer_read_fails(tmp_path):
    path = data_baseline(tmp_path, hashlib.sha256(b'{"id": 1}\n{"id": 2}\n').hexdigest())
    spec = json.loads(path.read_text())
    spec["datasets"]["gate_data_fixture"]["sha256"]["old.jsonl"] = "1" * 64
    path.write_text(json.dumps(spec))
    ok, lines = gate(tmp_path, path)
    assert not ok and any("old.jsonl was measured on but not read" in line for line in lines)
