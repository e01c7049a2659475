"""Small trained decisions: linear models stored as JSON, their calibration and the folds they are
scored on.

The pipeline only *applies* models (:mod:`.linear`, :mod:`.calibration`: numpy-free dot products
over named features, so a stage pays microseconds per candidate and loads no pickle). Fitting
them is :mod:`sitreps.training`'s job (``sitreps train``), which needs the ``train`` extra
(scikit-learn) and the development data; its out-of-fold scores go into each model file's card.
"""

from .calibration import Calibration, expected_calibration_error, reliability
from .folds import K, fold_of_text, grouped_folds
from .linear import LinearModel, load_model, model_for, out_of_fold

__all__ = ["K", "Calibration", "LinearModel", "expected_calibration_error", "fold_of_text", "grouped_folds", "load_model", "model_for",
           "out_of_fold", "reliability"]
