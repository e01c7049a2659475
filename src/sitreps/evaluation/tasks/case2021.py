"""CASE 2021 Task 2: classify a news snippet into ACLED sub-event types (+ five "unseen" types).

The prediction is the sub-event type of the snippet's main trigger, found by the ``triggers``
stage on the parsed snippet: the highest-scoring trigger that is not negated, hypothetical or
future, triggers of the first sentence counting ``LEAD`` more (news tells the main event
first; ties: the earliest). Its ACLED sub-event type maps to the task's code; triggers ACLED
does not code map by their PLOVER type (diplomacy → DIPLO, accusations → ATTRIB).

The five unseen types are not ACLED events, so the stage has no sub-event type for them; the
task maps them from cue words the snippet holds, which is how a user of sitreps would filter
them out: a natural hazard (earthquake, flood), an accident (crash, gas explosion, fire), an
organised crime (drugs, trafficking, fraud), and a claim or attribution of responsibility.

Metrics: ``accuracy``; ``weighted_f1`` over every gold label (the task's sub-task 3 metric);
``weighted_f1_acled`` over ACLED-family snippets only (sub-task 1).
"""

from __future__ import annotations

from typing import Any

from ...stages.triggers.lexicon import ACCIDENT as STAGE_ACCIDENT
from ...stages.triggers.lexicon import HOSTILE
from ...text.mentions import TriggerMention
from ..harness import EvalContext, EvalResult, register
from ..labels import label_rows
from ..metrics import accuracy, f1_scores

FILE = "case2021_task2.jsonl"
LEAD = 0.15  # the lead sentence tells the main event (inverted pyramid)

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
    "SANCTION": "DIPLO", "ACCUSE": "ATTRIB", "INVESTIGATE": "ORG_CRIME", "COERCE": "ARREST",
    "RETREAT": "CHANGE_TO_GROUP_ACT", "MOBILIZE": "CHANGE_TO_GROUP_ACT",
}

NATURAL = frozenset("earthquake earthquakes quake tremor tremors flood floods flooding flash-flood cyclone cyclones hurricane "
                    "hurricanes typhoon typhoons tornado tornadoes landslide landslides mudslide mudslides tsunami volcano "
                    "eruption erupted avalanche drought wildfire wildfires bushfire bushfires heatwave heat-wave storm "
                    "storms blizzard monsoon rainfall rains lightning magnitude epicentre epicenter seismic outbreak epidemic "
                    "pandemic covid-19 coronavirus snow snowfall snowstorm torrential downpour downpours".split())
ACCIDENT = frozenset("crash crashed collision collided derail derailed derailment accident accidental accidentally blaze "
                     "fire-fighters firefighters firefighter collapse collapsed leak leaked leakage spill spilled stampede "
                     "capsized capsize sank sinking short-circuit cylinder boiler ammonium fireworks negligence "
                     "malfunction gas-leak poisoning contaminated contamination wastewater radiation toxic".split())
CRIME = frozenset("drug drugs narcotics cocaine heroin methamphetamine meth cannabis marijuana trafficking trafficker "
                  "traffickers smuggling smuggler smugglers cartel cartels fraud counterfeit laundering robbery robbers "
                  "robbed burglary burglar theft thieves stolen extortion gang gangs mafia racket scam pornography "
                  "poaching poachers bribery bribe embezzlement".split())
ATTRIBUTION = frozenset({"responsibility", "credit"})
#: words of blame; with a generic main trigger the snippet is about who did it
BLAME = frozenset("responsibility responsible blame blamed blames blaming accuse accused accuses accusing accusation "
                  "accusations".split())
_CLAIMED = frozenset("attack attacks bombing bombings killing killings murder assassination abduction kidnapping blast".split())
_CLAIM_VERBS = frozenset({"claim", "take", "blame", "accuse", "attribute", "hold"})


def main_trigger(triggers: list[TriggerMention]) -> TriggerMention | None:
    real = [t for t in triggers if not (t.negated or t.hypothetical or t.future)]
    pool = real or triggers
    if not pool:
        return None
    return max(pool, key=lambda t: (t.score + (LEAD if t.sent == 0 else 0.0), -t.start))


def unseen(doc: Any, main: TriggerMention | None) -> str | None:
    """The unseen type the snippet's wording points to, if any."""
    words = {t.lower_ for t in doc} | {t.lemma_.lower() for t in doc}
    for t in doc:
        if t.lemma_.lower() in _CLAIM_VERBS and any(c.lower_ in ATTRIBUTION for c in t.children if c.dep_ in ("dobj", "attr")):
            return "ATTRIB"
        if t.lemma_.lower() == "claim" and any(c.lemma_.lower() in _CLAIMED for c in t.children if c.dep_ == "dobj"):
            return "ATTRIB"  # "the group claimed the attack"
    if words & BLAME and (main is None or main.acled_subtype in (None, "Armed clash", "Attack")):
        return "ATTRIB"
    if len(words & NATURAL) >= 1 and (main is None or main.acled_type is None or main.score < 0.75 or len(words & NATURAL) >= 2):
        return "NATURAL_DISASTER"
    accident = ACCIDENT | (STAGE_ACCIDENT - NATURAL)
    if words & accident and (main is None or main.score < 0.8 or main.acled_subtype == "Remote explosive/landmine/IED") \
            and not words & (HOSTILE | {"mine", "protests", "protesters"}):
        return "MAN_MADE_DISASTER"
    if words & CRIME and (main is None or main.acled_type in (None, "Strategic developments", "Violence against civilians")):
        return "ORG_CRIME"
    return None


def predict(doc: Any, triggers: list[TriggerMention]) -> str:
    main = main_trigger(triggers)
    code = unseen(doc, main)
    if code:
        return code
    if main is None:
        return "OTHER"
    if main.acled_subtype:
        return CODES.get(main.acled_subtype, "OTHER")
    return PLOVER_CODES.get(main.plover, "OTHER")


@register("case2021_task2")
def evaluate(ctx: EvalContext) -> EvalResult:
    rows = ctx.jsonl(FILE)
    out = label_rows(ctx, rows, lambda row: row["event_type"], lambda doc, triggers: (main_trigger(triggers), predict(doc, triggers)))
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
            "top_confusions": out.top_confusions(),
            "errors": out.errors,
        },
    )
