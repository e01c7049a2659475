"""PLOVER gold standard records: the PLOVER root type of each coded sentence (and its actors).

The sentences are the CAMEO manual's examples recoded in PLOVER: one event per sentence. The
prediction is the PLOVER type of the sentence's main trigger (highest score among the triggers
that are not negated, hypothetical or future; "threatened to strike" is a THREATEN, its strike
is hypothetical). ACCUSE, which sitreps keeps apart, is PLOVER's DISAPPROVE. A sentence with no
trigger still gets a prediction: the type of the nearest governing verb's sense table entry,
else DISAPPROVE (a statement of position is the commonest uncoded case).

``actor_country_accuracy``: over sentences whose gold source actor has a country code, whether
the initiator country (ISO alpha-3 via pycountry) the actors stage reads around the main
trigger equals it.
"""

from __future__ import annotations

from typing import Any

from ...text.mentions import TriggerMention
from ..harness import EvalContext, EvalResult, register
from ..labels import label_rows
from ..metrics import accuracy

FILE = "plover_gsr.jsonl"
FALLBACK = "DISAPPROVE"


#: what an intention to do something is in PLOVER: to cooperate is AGREE, to harm is THREATEN
INTENT = {
    "AGREE": "AGREE", "CONSULT": "AGREE", "SUPPORT": "AGREE", "COOPERATE": "AGREE", "AID": "AGREE",
    "CONCEDE": "AGREE", "INVESTIGATE": "AGREE", "RETREAT": "AGREE", "SANCTION": "THREATEN", "COERCE": "THREATEN",
    "FIGHT": "THREATEN", "ASSAULT": "THREATEN", "PROTEST": "THREATEN", "MOBILIZE": "THREATEN", "REJECT": "THREATEN",
}
REPORTING = frozenset("say tell announce report state claim quote confirm add note declare reveal disclose indicate".split())


def depth(doc: Any, i: int) -> int:
    """Steps from the token to the root of its sentence, not counting reporting verbs."""
    tok, d = doc[i], 0
    for _ in range(40):
        if tok.head.i == tok.i:
            break
        tok = tok.head
        if tok.lemma_.lower() not in REPORTING:
            d += 1
    return d


def main_event(doc: Any, triggers: list[TriggerMention]) -> tuple[TriggerMention | None, str]:
    """The sentence's main trigger and its PLOVER type: the trigger nearest the root wins, with
    score as the tie-break; an intention ("will send aid", "would boycott") is AGREE or THREATEN."""
    if not triggers:
        return None, "DEMAND" if any(t.lower_ == "must" for t in doc) else FALLBACK

    def rank(t: TriggerMention) -> float:
        verb = 0.05 if doc[t.token].pos_ == "VERB" else 0.0  # a sentence codes what its verbs say
        return t.score + verb - 0.1 * depth(doc, t.token) - (0.15 if (t.hypothetical or t.future or t.negated) else 0.0)

    best = max(triggers, key=lambda t: (rank(t), -t.start))
    if (best.hypothetical or best.future) and _must(doc, best.token):
        return best, "DEMAND"  # "X said Iraq must cooperate": a demand on someone else
    return best, plover_of(best)


def _must(doc: Any, i: int) -> bool:
    tok = doc[i]
    for _ in range(4):
        if any(c.dep_ == "aux" and c.lower_ == "must" for c in tok.children):
            return True
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return False


def plover_of(trigger: TriggerMention | None) -> str:
    if trigger is None:
        return FALLBACK
    plover = "DISAPPROVE" if trigger.plover == "ACCUSE" else trigger.plover
    if trigger.negated and INTENT.get(plover) == "AGREE":
        return "REJECT"  # "will not accept", "refused to meet"
    if (trigger.hypothetical or trigger.future) and not trigger.negated:
        return INTENT.get(plover, plover)
    return plover


def _alpha3(code: str | None) -> str | None:
    if not code:
        return None
    import pycountry

    c = pycountry.countries.get(alpha_2=code) if len(code) == 2 else pycountry.countries.get(alpha_3=code)
    return c.alpha_3 if c else None


def _gold_country(row: dict[str, Any]) -> str | None:
    for actor in row["gold"].get("source_actors") or []:
        code = (actor.get("code") or "").upper()
        if len(code) == 3 and _alpha3(code):
            return code
    return None


@register("plover_gsr")
def evaluate(ctx: EvalContext) -> EvalResult:
    rows = ctx.jsonl(FILE)
    out = label_rows(ctx, rows, lambda row: row["gold"]["event_type"], main_event)
    mains = {row["id"]: main for row, main in zip(rows, out.mains) if main is not None}
    metrics = {"type_accuracy": accuracy(out.gold, out.pred)}
    details: dict[str, Any] = {
        "published": {"note": "no published rule-system score on these records; target type_accuracy >= 0.75"},
        "top_confusions": out.top_confusions(),
        "errors": out.errors,
    }
    country = _actor_countries(ctx, rows, out.docs, mains)
    if country is not None:
        metrics["actor_country_accuracy"], details["actor_country_n"] = country
    return EvalResult(dataset="plover_gsr", n=len(rows), metrics=metrics, details=details)


def _actor_countries(ctx: EvalContext, rows: list[dict[str, Any]], docs: list[Any], mains: dict[str, TriggerMention]) -> tuple[float, int] | None:
    """Initiator country of the main event vs the gold source actor's country, where gold has
    one. The actors stage's finder runs on the main trigger directly: the CAMEO sentences are
    mostly statements of intent ("will support"), which the events stage does not code as
    having happened, but whose actors are still read the same way."""
    from ...stages.actors import CountryTable
    from ...stages.actors import DocActors

    table = CountryTable()
    n = hits = 0
    for row, doc in zip(rows, docs):
        gold = _gold_country(row)
        if gold is None:
            continue
        n += 1
        main = mains.get(row["id"])
        if main is None:
            continue
        actors = DocActors(doc, table).for_tokens([main.token], main.plover, main.acled_type)
        hits += gold in {table.to_alpha3(a.country) for a in actors if a.role == "initiator"}
    return (hits / n, n) if n else None
