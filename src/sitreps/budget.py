"""A time budget per document: a pathological document fails alone, with a coded error.

:func:`document_budget` opens the budget for the document being processed (in this thread or
task); :func:`check` raises :class:`BudgetError` once it is spent. The pipeline checks between
stages; stages check inside loops that grow with the document (one check per sentence, say).
With no budget open, or ``seconds <= 0``, :func:`check` does nothing.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator

from .errors import BudgetError

_DEADLINE: ContextVar[tuple[float, float] | None] = ContextVar("sitreps_deadline", default=None)


@contextmanager
def document_budget(seconds: float) -> Iterator[None]:
    token = _DEADLINE.set((time.monotonic() + seconds, seconds) if seconds > 0 else None)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def check(where: str) -> None:
    """Raise :class:`BudgetError` naming ``where`` when the open document budget is spent."""
    deadline = _DEADLINE.get()
    if deadline is not None and time.monotonic() > deadline[0]:
        raise BudgetError(
            f"the document took longer than max_seconds={deadline[1]:g}; it was given up. "
            "Split it into articles, or raise SITREPS_MAX_SECONDS (0 means no limit).",
            where,
        )
