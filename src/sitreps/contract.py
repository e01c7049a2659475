"""The stage contract: what one document carries through the stages (:class:`Context`) and the
base class every stage derives from (:class:`Stage`).

Stages import this module, never :mod:`sitreps.pipeline` (which loads the stages).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from .record import Record
from .settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


@dataclass
class Context:
    """What one document carries through the stages."""

    doc: "Doc"
    record: Record
    published: date | None
    settings: Settings
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.record.document.text


class Stage:
    """Base class of a pipeline stage. Subclasses set the class attributes and ``__call__``."""

    name: ClassVar[str] = ""
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ()

    def __init__(self, settings: Settings, nlp: "Language"):
        self.settings = settings
        self.nlp = nlp

    def __call__(self, ctx: Context) -> Context:  # pragma: no cover - interface
        raise NotImplementedError
