"""CASE 2021 Task 2: classify a news snippet into ACLED sub-event types (+ five "unseen" types).

The pipeline extracts the snippet; the label is read from its main event (``events[0]``, the
pipeline's salience order) by :func:`case_label`, and nothing else:

* its ACLED sub-event type, mapped one to one to the task's code (:data:`CODES`);
* an act whose initiator the text ties to it only through responsibility (a claim, someone
  else's accusation, a denial: the actor's ``responsibility``): ``ATTRIB``, the task's attribution
  of responsibility;
* an event ACLED does not code: its PLOVER root (:data:`PLOVER_CODES`: diplomacy roots are the
  task's DIPLO, an accusation is ATTRIB, a coercion ARREST, a retreat or mobilisation
  CHANGE_TO_GROUP_ACT);
* no event, and the record's ``hazards`` name a disaster or an accident (as the cause of deaths
  or damage, or as happening): ``NATURAL_DISASTER`` or ``MAN_MADE_DISASTER`` by the first
  hazard's kind;
* no event, no hazard, and the record's ``crimes`` name a crime told as done (drug trafficking,
  smuggling, fraud, theft, counterfeit goods, a criminal network): ``ORG_CRIME``, the task's
  organised crime;
* no event otherwise: ``OTHER``.

The five unseen types (natural disaster, man-made disaster, organised crime, attribution of
responsibility, diplomacy) are not ACLED events: the pipeline emits no event for a hazard or an
accident, but records the hazard (since 2 Dec 2026), and none for ordinary crime, but records the
crime (since 4 Dec 2026); the other snippets score what the pipeline
does with them (mostly OTHER), not what a classifier written for this task would say.

Metrics: ``accuracy``; ``weighted_f1`` over every gold label (the task's sub-task 3 metric);
``weighted_f1_acled`` over ACLED-family snippets only (sub-task 1).
"""

from __future__ import annotations

from ...record import Event, Record
from ..harness import EvalContext, EvalResult, register
from ..labels import label_rows, main_event
from ..metrics import accuracy, f1_scores

FILE = "case2021_task2.jsonl"

#: ACLED sub-event type -> task code
CODES: dict[str, str] = {
    "Armed clash": "ARMED_CLASH",
    "Government regains territory": "GOV_REGAINS_TERIT",
    "Non-state actor overtakes territory": "NON_STATE_ACTOR_OVERTAKES_TER",
    "Chemical weapon": "CHEM_WEAP",
    "Air/drone strike": "AIR_STRIKE",
    "Suicide bomb": "SUIC_BOMB",
    "Shelling/artillery/missile attack": "ART_MISS_ATTACK",
    "Remote explosive/landmine/IED": "REM_EXPLOS",
    "Grenade": "GRENADE",
    "Sexual violence": "SEX_VIOL",
    "Attack": "ATTACK",
    "Abduction/forced disappearance": "ABDUCT_DISSAP",
    "Peaceful protest": "PEACE_PROTEST",
    "Protest with intervention": "PROTEST_WITH_INTER",
    "Excessive force against protesters": "FORCE_AGAINST_PROTEST",
    "Violent demonstration": "VIOL_DEMONSTR",
    "Mob violence": "MOB_VIOL",
    "Agreement": "AGREEMENT",
    "Arrests": "ARREST",
    "Change to group/activity": "CHANGE_TO_GROUP_ACT",
    "Disrupted weapons use": "DISR_WEAP",
    "Headquarters or base established": "HQ_ESTABLISHED",
    "Looting/property destruction": "PROPERTY_DISTRUCT",
    "Non-violent transfer of territory": "NON_VIOL_TERRIT_TRANSFER",
    "Other": "OTHER",
}

#: PLOVER root of a trigger ACLED does not code -> task code
PLOVER_CODES: dict[str, str] = {
    "CONSULT": "DIPLO", "AGREE": "DIPLO", "SUPPORT": "DIPLO", "COOPERATE": "DIPLO", "AID": "DIPLO",
    "CONCEDE": "DIPLO", "DEMAND": "DIPLO", "DISAPPROVE": "DIPLO", "REJECT": "DIPLO", "THREATEN": "DIPLO",
    "SANCTION": "DIPLO", "ACCUSE": "ATTRIB", "COERCE": "ARREST",
    "RETREAT": "CHANGE_TO_GROUP_ACT", "MOBILIZE": "CHANGE_TO_GROUP_ACT",
}


def case_label(record: Record | None) -> tuple[Event | None, str]:
    """The task code of the record's main event (``OTHER`` when it has none)."""
    event = main_event(record)
    if event is None:
        hazards = record.hazards if record is not None else []
        if hazards:
            return None, "MAN_MADE_DISASTER" if hazards[0].kind == "man_made" else "NATURAL_DISASTER"
        if record is not None and record.crimes:
            return None, "ORG_CRIME"
        return None, "OTHER"
    if any(a.role == "initiator" and a.responsibility for a in event.actors):
        return event, "ATTRIB"  # the act told as what someone claims, is accused of or denies
    if event.acled_subtype:
        return event, CODES.get(event.acled_subtype, "OTHER")
    return event, PLOVER_CODES.get(event.plover, "OTHER")


@register("case2021_task2")
def evaluate(ctx: EvalContext) -> EvalResult:
    rows = ctx.jsonl(FILE)
    out = label_rows(ctx, rows, lambda row: row["event_type"], case_label)
    gold, pred = out.gold, out.pred
    acled = [(g, p) for g, p, r in zip(gold, pred, rows) if r.get("label_family") == "ACLED"]
    scores = f1_scores(gold, pred)
    acled_scores = f1_scores([g for g, _ in acled], [p for _, p in acled]) if acled else {"weighted_f1": 0.0}
    return EvalResult(
        dataset="case2021_task2",
        n=len(rows),
        metrics={
            "accuracy": accuracy(gold, pred),
            "weighted_f1": scores["weighted_f1"],
            "macro_f1": scores["macro_f1"],
            "weighted_f1_acled": acled_scores["weighted_f1"],
        },
        details={
            "published": {"best_weighted_f1_subtask3": 0.839, "system": "fine-tuned transformers (CASE 2021 Task 2)"},
            "snippets_without_event": out.without_event,
            "top_confusions": out.top_confusions(),
            "errors": out.errors,
        },
    )
