"""The ``triggers`` stage (:mod:`.stage`) and its event typing: the sense table, the lexicon and
the context rules. The modality reader (negated / hypothetical / future) is shared with other
stages and lives in :mod:`sitreps.text.modality`."""

from .senses import GENERIC, PLOVER_TYPES, SENSES
from .stage import TriggersStage
from .typer import TriggerFinder

__all__ = ["GENERIC", "PLOVER_TYPES", "SENSES", "TriggerFinder", "TriggersStage"]
