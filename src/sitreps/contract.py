"""The stage contract: what one document carries through the stages (:class:`Context`), the base
class every stage derives from (:class:`Stage`), and the guard that holds each stage to what it
declares (:class:`StageView`).

The context is a set of named, typed slots. The pipeline fills the ``PROVIDED`` ones; every other
slot is written by exactly the stages that declare it in ``writes`` and read only by stages that
declare it in ``reads`` (or ``reads_if_present``). ``events.<field>`` in ``writes`` means the stage
fills that field of the events an earlier stage made (``events.location``) without replacing the
list. The pipeline runs each stage on a :class:`StageView` that raises :class:`ContractError`
(S008) when the stage touches a slot it did not declare, so a declaration cannot drift from the
code. Stages import this module, never :mod:`sitreps.pipeline` (which loads the stages).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from .errors import ContractError
from .parse import sents_of
from .record import Crime, Document, Entity, Event, Hazard, Place, Quote, Record
from .settings import Settings, StageSettings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from .text.mentions import AttributionMention, CasualtyMention, EventAnchor, TargetMention, TriggerMention, WeaponMention
    from .geo.resolve import Resolved
    from .text.quotes import QuoteSpan


@dataclass(slots=True)
class Context:
    """What one document carries through the stages: one slot per thing a stage may read or write."""

    # provided by the pipeline before any stage runs
    doc: "Doc"
    document: Document
    published: date | None
    settings: Settings
    sentences: list[tuple[int, int]] = field(default_factory=list)  # char spans of doc.sents
    # written by stages (None until a stage writes it)
    entities: list[Entity] | None = None
    casualties: "list[CasualtyMention] | None" = None
    weapons: "list[WeaponMention] | None" = None
    targets: "list[TargetMention] | None" = None
    triggers: "list[TriggerMention] | None" = None
    events: list[Event] | None = None
    anchors: "dict[str, EventAnchor] | None" = None  # event id -> where it is told
    places: list[Place] | None = None
    toponyms: "list[Resolved] | None" = None  # the places' mentions as recognised and resolved, in the same order
    quote_spans: "list[QuoteSpan] | None" = None
    attributions: "list[AttributionMention] | None" = None
    quotes: list[Quote] | None = None
    accidents: list[int] | None = None  # token indices of explosions read as accidents (triggers stage)
    crimes: list[Crime] | None = None  # crimes told as done that are no violence against a person (events stage)
    hazards: list[Hazard] | None = None  # disasters and accidents the article tells (events stage)

    @property
    def text(self) -> str:
        return self.document.text

    @classmethod
    def start(cls, doc: "Doc", document: Document, published: date | None, settings: Settings) -> "Context":
        """A context with the pipeline's own slots filled (sentence spans from the parse)."""
        return cls(doc=doc, document=document, published=published, settings=settings,
                   sentences=[(s.start_char, s.end_char) for s in sents_of(doc)])

    def to_record(self, warnings: list[str] | None = None) -> Record:
        """The record the stages filled (slots no stage wrote stay empty)."""
        return Record(document=self.document, events=list(self.events or []), places=list(self.places or []),
                      quotes=list(self.quotes or []), entities=list(self.entities or []), warnings=list(warnings or []),
                      hazards=list(self.hazards or []), crimes=list(self.crimes or []))


#: Slots the pipeline fills before any stage runs; ``text`` is the document's text.
PROVIDED: tuple[str, ...] = ("doc", "document", "text", "published", "settings", "sentences")
#: Every slot name a stage may declare.
SLOTS: frozenset[str] = frozenset(f.name for f in fields(Context)) | {"text"}
#: Fields of an event a later stage may fill (``events.<field>`` in ``writes``).
EVENT_FIELDS: frozenset[str] = frozenset(f.name for f in fields(Event))


def slot_of(name: str) -> str:
    """The slot a declared name refers to: ``events.location`` -> ``events``."""
    return name.split(".", 1)[0]


class Stage:
    """Base class of a pipeline stage. Subclasses set the class attributes and ``__call__``.

    ``reads``: slots the stage needs, written by an earlier stage or provided by the pipeline;
    ``reads_if_present``: slots it uses when an earlier stage wrote them; ``writes``: slots it
    writes (``events.<field>`` for a field of existing events). ``Options`` is the typed model
    (:class:`~sitreps.settings.StageSettings`) of the stage's ``[stages.<name>]`` table, validated
    when the stage is built and kept as ``self.options``; a stage without one takes no settings.
    """

    name: ClassVar[str] = ""
    reads: ClassVar[tuple[str, ...]] = ()
    reads_if_present: ClassVar[tuple[str, ...]] = ()
    writes: ClassVar[tuple[str, ...]] = ()
    Options: ClassVar["type[StageSettings] | None"] = None

    def __init__(self, settings: Settings, nlp: "Language"):
        self.settings = settings
        self.nlp = nlp
        self.options: Any = settings.stage(self.name, self.Options)

    def __call__(self, ctx: Context) -> None:  # pragma: no cover - interface
        raise NotImplementedError


class StageView:
    """A :class:`Context` as one stage may see it: reading a slot the stage did not declare, or
    writing one it does not declare in ``writes``, raises :class:`ContractError` (S008)."""

    __slots__ = ("_ctx", "_stage", "_readable", "_writable")

    def __init__(self, ctx: Context, stage: type[Stage] | Stage):
        object.__setattr__(self, "_ctx", ctx)
        object.__setattr__(self, "_stage", stage.name)
        writable = frozenset(w for w in stage.writes if "." not in w)
        readable = frozenset(PROVIDED) | frozenset(slot_of(n) for n in (*stage.reads, *stage.reads_if_present, *stage.writes))
        object.__setattr__(self, "_readable", readable)
        object.__setattr__(self, "_writable", writable)

    def __getattr__(self, name: str) -> Any:
        if name in SLOTS and name not in self._readable:
            raise ContractError(f"stage {self._stage!r} reads the slot {name!r} it does not declare. Add {name!r} to its `reads` "
                                "(and make sure an earlier stage writes it).")
        return getattr(self._ctx, name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name not in self._writable:
            raise ContractError(f"stage {self._stage!r} writes the slot {name!r} it does not declare. Add {name!r} to its `writes`"
                                + ("." if name in SLOTS else f"; {name!r} is not a slot of the context (slots: {', '.join(sorted(SLOTS))})."))
        setattr(self._ctx, name, value)


def run_stage(stage: Stage, ctx: Context) -> None:
    """Run ``stage`` on ``ctx`` held to its declaration."""
    stage(StageView(ctx, stage))  # type: ignore[arg-type]
