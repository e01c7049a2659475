"""Evaluation on human-annotated data sets laid out like ``shared/data/NAME``.

Each data set is a module in :mod:`sitreps.evaluation.tasks` that registers a function with
:func:`register`; the modules are discovered, so adding a data set touches no shared file.
"""

from .harness import TASKS, EvalResult, register, run_eval

__all__ = ["TASKS", "EvalResult", "register", "run_eval"]
