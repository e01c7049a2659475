"""``sitreps train``: fit the pipeline's trained decisions on the development data, score them out
of fold, and write each model file (with its card) into ``sitreps/models/``.

Each trainer is a module of this package registered in :data:`TRAINERS`: a function
``train(data_root: Path, seed: int, progress) -> Trained``. It reads ``../shared/data`` (its own
data sets), builds features with the same code the pipeline applies them with, scores the model
out of fold (folds grouped by document, :func:`sitreps.learn.grouped_folds`), compares it with the
rules it replaces on the same folds, and returns the model fitted on all the data together with
the card. Needs the ``train`` extra (scikit-learn); the pipeline itself never imports it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from .fit import Trained

#: trainer name -> "module:function" (fitted on ``sitreps train NAME``; with no name, every one in this
#: order, the pipeline's: a model is fitted on the candidates the models before it make).
TRAINERS: dict[str, str] = {
    "places": "sitreps.training.places:train",
    "types": "sitreps.training.types:train",
    "incident": "sitreps.training.incident:train",
    "same_incident": "sitreps.training.same_incident:train",
    "salience": "sitreps.training.salience:train",
}

#: the models that ship, and that ``sitreps train`` with no name fits: a model ships only when the
#: gate scores the whole pipeline at least as well with it as with the rules (docs/models.md).
#: ``same_incident`` and ``salience`` did not; ``sitreps train NAME`` still fits them by name.
SHIPPED: tuple[str, ...] = ("places", "types", "incident")

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"


def trainer(name: str) -> Callable[..., Trained]:
    """The training function registered as ``name``."""
    try:
        target = TRAINERS[name]
    except KeyError:
        known = ", ".join(sorted(TRAINERS)) or "none"
        from ..errors import ConfigError
        raise ConfigError(f"no trainer named {name!r} (known: {known}).", code="S031") from None
    module, func = target.split(":")
    return getattr(importlib.import_module(module, __name__), func)


__all__ = ["MODELS_DIR", "SHIPPED", "TRAINERS", "Trained", "trainer"]
