"""What one event contributes to cross-article merging: its :class:`Fingerprint`.

A fingerprint is built from a sitreps/1 event and its document (``Fingerprint.from_event``) and
holds only what blocking and matching read: the event family, the days it may have happened on,
its place (country, admin1, name, coordinates, precision), its actors, its figures, who it is
attributed to, and the words of the passage that tells it. It round-trips through JSON
(``to_dict`` / ``from_dict``) so a store can keep it beside the event.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields, replace
from datetime import date
from typing import Any, Iterable, Sequence

# Coarse families for blocking: two reports of one incident may type it differently within a
# family, never across families (a shooting is not a protest). Violence takes in what follow-up
# reports make of an attack: the arrest (COERCE), the investigation, the charges (ACCUSE); on the
# GVA reports, leaving them out of the family lost a tenth of the same-incident pairs, and the
# type signal of the match still tells them from the attack itself.
PLOVER_FAMILY = {
    "ASSAULT": "violence", "FIGHT": "violence", "COERCE": "violence", "INVESTIGATE": "violence", "ACCUSE": "violence",
    "PROTEST": "protest", "MOBILIZE": "protest",
    "CONSULT": "talks", "AGREE": "talks", "COOPERATE": "talks", "CONCEDE": "talks",
    "SANCTION": "pressure", "THREATEN": "pressure", "RETREAT": "pressure", "DEMAND": "pressure",
}
ACLED_FAMILY = {
    "Battles": "violence", "Explosions/Remote violence": "violence", "Violence against civilians": "violence",
    "Protests": "protest", "Riots": "protest",
}
_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
# Words every news report uses whatever the incident; they carry no sign of which incident.
STOPWORDS = frozenset(
    "the and for that with was were are has have had his her their its this from but not they she him who "
    "been will would said says say told also after before when where which while about into than then there "
    "one two three more most some other over under our out off all any can could may might did does said "
    "police news report reported according people man woman year years old day night week monday tuesday "
    "wednesday thursday friday saturday sunday morning afternoon evening today yesterday".split()
)
CONTEXT_CHARS = 500  # at most this much text around an event's evidence is read for its words
_SENT_END = re.compile(r"[.!?]\s+|\n")


def _day(value: Any) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _norm(name: str | None) -> str | None:
    if not name:
        return None
    return " ".join(name.casefold().split()) or None


# Capitalised words that name no particular incident: titles, calendar words, generic places.
COMMON_NAMES = frozenset(
    "the and but police officer officers sheriff deputies deputy department county city state street road avenue "
    "north south east west new center centre hospital university school church news video photo photos copyright "
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday mr mrs ms dr lt sgt chief capt officials authorities "
    "associated press reuters update updated breaking read more share comments".split()
)
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]{2,}\b")
MAX_NAMES = 8


def proper_names(text: str) -> tuple[str, ...]:
    """Distinct capitalised words not at a sentence start (victims, streets, towns), casefolded:
    the words two reports of one incident share and reports of others rarely do."""
    names = {m.group().casefold() for m in _NAME.finditer(text)}
    return tuple(sorted(names - COMMON_NAMES))


def content_words(text: str) -> tuple[str, ...]:
    """The distinct content words of ``text``, casefolded and sorted."""
    return tuple(sorted({w for w in (m.group().casefold() for m in _WORD.finditer(text)) if w not in STOPWORDS}))


def event_family(event: dict[str, Any]) -> str:
    """The coarse family an event is blocked under (``violence``, ``protest``, ``talks``, ...)."""
    family = ACLED_FAMILY.get(event.get("acled_type") or "")
    if family:
        return family
    plover = (event.get("plover") or "").upper()
    return PLOVER_FAMILY.get(plover, plover.lower() or "other")


def event_context(event: dict[str, Any], text: str | None) -> str:
    """The passage that tells the event: from the sentence of its earliest evidence (trigger,
    figures, place) to the end of the sentence of its latest, at most ``CONTEXT_CHARS``; the
    event's summary when the document text is not at hand."""
    if not text:
        return " ".join(filter(None, [event.get("summary"), (event.get("trigger") or {}).get("text")]))
    spans = []
    for key in ("trigger", "fatalities", "injured", "location"):
        part = event.get(key) or {}
        if isinstance(part.get("start"), int) and isinstance(part.get("end"), int) and 0 <= part["start"] <= part["end"] <= len(text):
            spans.append((part["start"], part["end"]))
    if not spans:
        return event.get("summary") or ""
    first = min(s for s, _ in spans)
    last = min(max(e for _, e in spans), first + CONTEXT_CHARS)
    begin = max((m.end() for m in _SENT_END.finditer(text, max(0, first - CONTEXT_CHARS // 2), first)), default=max(0, first - CONTEXT_CHARS // 2))
    stop = _SENT_END.search(text, last, min(len(text), begin + CONTEXT_CHARS))
    return text[begin:stop.start() + 1 if stop else min(len(text), begin + CONTEXT_CHARS)]


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What merging needs of one stored event (see ``sitreps.merge`` for how it is used)."""

    event_id: str
    document_id: str
    family: str
    day_start: date | None
    day_end: date | None
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    precision: str | None
    place: str | None = None  # casefolded place name
    plover: str | None = None
    subtype: str | None = None  # ACLED sub-event type, when typed
    actors: frozenset[str] = frozenset()  # casefolded actor names
    killed: int | None = None
    injured: int | None = None
    published: str | None = None  # the report's date (the document's)
    source: str | None = None  # who the figures are attributed to, else the outlet
    words: frozenset[str] = frozenset()  # content words of the passage that tells the event
    names: frozenset[str] = frozenset()  # capitalised words of that passage (see proper_names)
    vector: tuple[float, ...] = ()  # its sentence embedding, when one is computed (see embed.py)

    def __post_init__(self) -> None:
        for key in ("actors", "words", "names"):  # sets, so that comparing two is one intersection
            if not isinstance(getattr(self, key), frozenset):
                object.__setattr__(self, key, frozenset(getattr(self, key)))
        if not isinstance(self.vector, tuple):
            object.__setattr__(self, "vector", tuple(self.vector))

    @classmethod
    def from_event(cls, event: dict[str, Any], document: dict[str, Any]) -> "Fingerprint":
        """From a sitreps/1 event dict and its record's ``document`` dict (with ``text`` when the
        store has it: the words are then read from the passage that tells the event)."""
        when = event.get("date") or {}
        where = event.get("location") or {}
        if where.get("near"):
            where = {}  # placed near a place the article gives, its own unknown: no evidence for or against a match
        published = _day(document.get("published"))
        start = _day(when.get("start")) or published
        end = _day(when.get("end")) or start
        if start is not None and end is not None and end < start:
            start, end = end, start
        fat, inj = event.get("fatalities") or {}, event.get("injured") or {}
        attribution = event.get("attribution") or {}
        passage = event_context(event, document.get("text"))
        actors = frozenset(n for n in (_norm(a.get("name")) for a in event.get("actors") or []) if n)
        return cls(
            event_id=str(event["id"]),
            document_id=str(document.get("id") or str(event["id"]).split("#")[0]),
            family=event_family(event),
            day_start=start, day_end=end,
            country=where.get("country") or None, admin1=where.get("admin1") or None,
            lat=where.get("lat"), lon=where.get("lon"), precision=where.get("precision") or None,
            place=_norm(where.get("name")), plover=event.get("plover"), subtype=event.get("acled_subtype"),
            actors=actors, killed=fat.get("value"), injured=inj.get("value"),
            published=published.isoformat() if published else None,
            source=attribution.get("source") or document.get("source") or None,
            words=frozenset(content_words(passage)), names=frozenset(proper_names(passage)),
        )

    @property
    def text(self) -> str:
        """What the summary similarity compares: the passage's content words."""
        return " ".join(sorted(self.words))

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("day_start", "day_end"):
            data[key] = data[key].isoformat() if data[key] else None
        for key in ("actors", "words", "names"):
            data[key] = sorted(data[key])
        data["vector"] = list(self.vector)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Fingerprint":
        names = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in names}
        values["day_start"], values["day_end"] = _day(values.get("day_start")), _day(values.get("day_end"))
        for key in ("actors", "words", "names"):
            values[key] = frozenset(values.get(key) or ())
        values["vector"] = tuple(values.get("vector") or ())
        return cls(**values)


def record_fingerprints(records: Iterable[dict[str, Any]], settings: Any = None, model: Any = None) -> list[Fingerprint]:
    """The fingerprints of every event of sitreps/1 records (dicts, with document text when at
    hand), with sentence embeddings when the merge settings ask for ``minilm`` similarity."""
    fps: list[Fingerprint] = []
    passages: list[str] = []
    for record in records:
        document = record.get("document") or {}
        for event in record.get("events") or []:
            fps.append(Fingerprint.from_event(event, document))
            passages.append(event_context(event, document.get("text")))
    if settings is not None and settings.similarity == "minilm" and fps:
        from .embed import MiniLM

        fps = with_vectors(fps, (model or MiniLM()).embed(passages))
    return fps


def with_vectors(fps: Sequence[Fingerprint], vectors: Iterable[Iterable[float]]) -> list[Fingerprint]:
    """The fingerprints with the sentence embeddings of their passages (one vector per
    fingerprint, in order: what ``embed.MiniLM.embed`` gives for the passages of
    :func:`event_context`), rounded to 6 decimals so that a fingerprint stored as JSON reads back
    the same."""
    return [replace(fp, vector=tuple(round(float(x), 6) for x in v)) for fp, v in zip(fps, vectors)]
