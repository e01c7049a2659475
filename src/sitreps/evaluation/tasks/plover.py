"""PLOVER gold standard records: the PLOVER root type of each coded sentence (and its actors).

The sentences are the CAMEO manual's examples recoded in PLOVER: one event per sentence. The
pipeline extracts each sentence; the type is its main event's (``events[0]``) PLOVER root, read
by :func:`plover_label`: sitreps' ACCUSE, which PLOVER does not have, is PLOVER's DISAPPROVE. A
sentence with no event has no type (a miss): many CAMEO examples are statements of intent
("will support", "threatened to strike"), which the pipeline does not code as events that
happened.

``actor_country_accuracy``: over sentences whose gold source actor has a country code, whether
an initiator of the main event has that country (ISO alpha-3 via pycountry).
"""

from __future__ import annotations

from typing import Any

from ...record import Event, Record
from ..harness import EvalContext, EvalResult, register
from ..labels import Labelled, label_rows, main_event
from ..metrics import accuracy

FILE = "plover_gsr.jsonl"


def plover_label(record: Record | None) -> tuple[Event | None, str | None]:
    """The PLOVER root of the record's main event (None when it has no event)."""
    event = main_event(record)
    if event is None:
        return None, None
    return event, "DISAPPROVE" if event.plover == "ACCUSE" else event.plover


def initiator_countries(event: Event | None) -> set[str]:
    """ISO alpha-3 codes of the event's initiators."""
    if event is None:
        return set()
    return {c for c in (_alpha3(a.country) for a in event.actors if a.role == "initiator") if c}


def _alpha3(code: str | None) -> str | None:
    if not code:
        return None
    import pycountry

    c = pycountry.countries.get(alpha_2=code) if len(code) == 2 else pycountry.countries.get(alpha_3=code)
    return c.alpha_3 if c else None


def gold_country(row: dict[str, Any]) -> str | None:
    for actor in row["gold"].get("source_actors") or []:
        code = (actor.get("code") or "").upper()
        if len(code) == 3 and _alpha3(code):
            return code
    return None


@register("plover_gsr")
def evaluate(ctx: EvalContext) -> EvalResult:
    rows = ctx.jsonl(FILE)
    out = label_rows(ctx, rows, lambda row: row["gold"]["event_type"], plover_label)
    metrics = {"type_accuracy": accuracy(out.gold, out.pred)}
    details: dict[str, Any] = {
        "published": {"note": "no published rule-system score on these records; target type_accuracy >= 0.75"},
        "sentences_without_event": out.without_event,
        "top_confusions": out.top_confusions(),
        "errors": out.errors,
    }
    country = _actor_countries(rows, out)
    if country is not None:
        metrics["actor_country_accuracy"], details["actor_country_n"] = country
    return EvalResult(dataset="plover_gsr", n=len(rows), metrics=metrics, details=details)


def _actor_countries(rows: list[dict[str, Any]], out: Labelled) -> tuple[float, int] | None:
    """Initiator country of the main event vs the gold source actor's country, where gold has one."""
    n = hits = 0
    for row, event in zip(rows, out.mains):
        gold = gold_country(row)
        if gold is None:
            continue
        n += 1
        hits += gold in initiator_countries(event)
    return (hits / n, n) if n else None
