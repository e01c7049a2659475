"""Event typing for the ``triggers`` stage: the sense table, the lexicon, the context rules and
the modality (negated / hypothetical / future) reader. See :mod:`sitreps.stages.triggers`."""

from .senses import GENERIC, PLOVER_TYPES, SENSES
from .typer import TriggerFinder

__all__ = ["GENERIC", "PLOVER_TYPES", "SENSES", "TriggerFinder"]
