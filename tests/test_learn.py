"""The trained decisions' machinery: folds grouped by document, linear models as JSON, calibration
and its error, and the seeded fits `sitreps train` makes."""

from __future__ import annotations

import json
import random

import pytest

from sitreps.learn import Calibration, LinearModel, expected_calibration_error, fold_of_text, grouped_folds, reliability
from sitreps.learn.linear import ModelError


def test_folds_keep_a_document_on_one_side_and_are_reproducible():
    groups = [f"doc{i // 3}" for i in range(60)] + ["big"] * 10
    folds = grouped_folds(groups, k=5, seed=7)
    by_group: dict[str, set[int]] = {}
    for g, f in zip(groups, folds):
        by_group.setdefault(g, set()).add(f)
    assert all(len(fs) == 1 for fs in by_group.values())
    assert folds == grouped_folds(groups, k=5, seed=7)
    sizes = [folds.count(f) for f in range(5)]
    assert max(sizes) - min(sizes) <= 10 and min(sizes) > 0
    assert grouped_folds(groups, k=5, seed=8) != folds


def test_folds_refuse_a_single_fold():
    with pytest.raises(ValueError):
        grouped_folds(["a", "b"], k=1)


def test_calibration_interpolates_between_knots_and_clamps_outside():
    cal = Calibration((0.2, 0.6), (0.1, 0.9))
    assert cal(0.0) == 0.1 and cal(1.0) == 0.9
    assert cal(0.4) == pytest.approx(0.5)
    assert Calibration.from_json(cal.to_json()) == cal
    with pytest.raises(ValueError):
        Calibration((0.6, 0.2), (0.1, 0.9))


def test_expected_calibration_error_is_zero_when_frequencies_match_and_large_when_overconfident():
    probs = [0.25] * 4 + [0.75] * 4
    labels = [1, 0, 0, 0, 1, 1, 1, 0]
    assert expected_calibration_error(probs, labels) == pytest.approx(0.0)
    assert expected_calibration_error([0.95] * 10, [1] * 5 + [0] * 5) == pytest.approx(0.45)
    assert [r["n"] for r in reliability(probs, labels)] == [4, 4]


def _binary(coef, intercept=0.0, **more):
    return LinearModel({"name": "t", "kind": "binary", "classes": ["no", "yes"], "features": ["a", "b"],
                        "coef": [coef], "intercept": [intercept], **more})


def test_a_binary_model_scores_named_features_and_ignores_unknown_ones():
    m = _binary([2.0, -1.0])
    assert m.probability({}) == pytest.approx(0.5)
    assert m.probability({"a": 1.0}) > 0.85 > 0.15 > m.probability({"b": 2.0})
    assert m.probability({"a": 1.0, "never-seen": 5.0}) == m.probability({"a": 1.0})
    assert m.predict({"a": 1.0})[0] == "yes" and m.predict({"b": 1.0})[0] == "no"


def test_a_model_applies_its_calibration_and_survives_a_round_trip(tmp_path):
    m = _binary([2.0, 0.0], calibration={"xs": [0.0, 1.0], "ps": [0.0, 0.5]}, card={"out_of_fold": {"f1": 0.7}})
    assert m.probability({"a": 50.0}) == pytest.approx(0.5)
    m.save(tmp_path / "t.json")
    again = LinearModel(json.loads((tmp_path / "t.json").read_text()))
    assert again.probability({"a": 1.0}) == pytest.approx(m.probability({"a": 1.0}))
    assert again.card == {"out_of_fold": {"f1": 0.7}}


def test_a_malformed_model_is_a_coded_error():
    with pytest.raises(ModelError, match="S030"):
        LinearModel({"name": "bad", "kind": "binary", "classes": ["no", "yes"], "features": ["a"], "coef": [[1.0, 2.0]], "intercept": [0.0]})
    with pytest.raises(ModelError, match="S030"):
        LinearModel({"name": "bad"})


def test_multiclass_probabilities_sum_to_one():
    m = LinearModel({"name": "t", "kind": "multiclass", "classes": ["x", "y", "z"], "features": ["a"],
                     "coef": [[1.0], [0.0], [-1.0]], "intercept": [0.0, 0.0, 0.0]})
    probs = m.probabilities({"a": 2.0})
    assert sum(probs.values()) == pytest.approx(1.0)
    assert m.predict({"a": 2.0})[0] == "x" and m.predict({"a": -2.0})[0] == "z"


def test_fits_are_seeded_and_out_of_fold_models_learn_the_signal():
    fit = pytest.importorskip("sitreps.training.fit")
    rng = random.Random(0)
    rows, labels, groups = [], [], []
    for i in range(300):
        y = rng.random() < 0.5
        rows.append({"signal": 1.0 if (y if rng.random() < 0.85 else not y) else 0.0, "noise": rng.random()})
        labels.append(y)
        groups.append(i // 4)
    texts = [f"document {g}" for g in groups]
    full, models, folds = fit.fit_with_folds(rows, labels, texts, name="toy", seed=3)
    assert len(models) == 5 and all(f == fold_of_text(t) for f, t in zip(folds, texts))
    probs = [models[f].probability(r) for r, f in zip(rows, folds)]
    accuracy = sum((p > 0.5) == y for p, y in zip(probs, labels)) / len(labels)
    assert accuracy > 0.75
    cal = fit.fit_calibration(probs, labels)
    calibrated = [cal(p) for p in probs]
    assert expected_calibration_error(calibrated, labels) <= expected_calibration_error(probs, labels) + 1e-9
    _, again, _ = fit.fit_with_folds(rows, labels, texts, name="toy", seed=3)
    assert [m.to_json() for m in again] == [m.to_json() for m in models]
    assert full.probability({"signal": 1.0}) > 0.7


def test_out_of_fold_mode_hands_each_document_the_model_that_never_saw_it(tmp_path, monkeypatch):
    from sitreps.learn import linear

    models = {"m": _binary([0.0, 0.0], intercept=5.0)}
    for i in range(5):
        models[f"m.fold{i}"] = _binary([0.0, 0.0], intercept=-float(i + 1))
    monkeypatch.setattr(linear, "load_model", lambda name: models.get(name))
    text = "an article"
    assert linear.model_for("m", text) is models["m"]
    with linear.out_of_fold():
        assert linear.model_for("m", text) is models[f"m.fold{fold_of_text(text)}"]
        assert linear.model_for("other", text) is None
    assert linear.model_for("m", text) is models["m"]
