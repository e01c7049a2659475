"""MUC-4 TST3 (terrorism templates): incident type and deaths of the message's first template.

Texts are upper case, which the small spaCy model parses badly (every word looks like a proper
noun). When a message has ``text_mixed_case`` it is used; otherwise the text is lower-cased and
each sentence's first letter capitalised (:func:`sentence_case`): the same length, so every
offset in the record stays valid for the text actually passed.

* ``type_accuracy``: relevant messages only; the first template's INCIDENT: TYPE (either
  alternative of "ATTACK / BOMBING") against sitreps' main event mapped to a MUC type
  (:func:`muc_type`). A message with no event is a miss.
* ``killed_exact``: the first template's deaths: for each HUM TGT: EFFECT "DEATH" (not the
  optional "? DEATH" ones), the HUM TGT: NUMBER given for the same target string, summed over
  targets; 0 when no target died. Templates whose dead are numbered only "PLURAL" have no exact
  count and are skipped; "3 / 5" accepts either alternative. Compared with the main event's
  fatalities (0 when it has none).

Main event: the record's most salient violent event (the first violent event in the pipeline's
order), else ``events[0]``: a MUC-4 template codes a terrorist incident, and a message whose
only events are not violent (a strike, an arson) is scored on its main one.
"""

from __future__ import annotations

import re
from itertools import product
from typing import Any

from ...record import Event, Record
from .. import labels
from ..harness import EvalContext, EvalResult, register
from ..labels import VIOLENT_TYPES as VIOLENT
from ..labels import first_violent

FILE = "muc4_test.jsonl"
BOMBING_SUBTYPES = {"Remote explosive/landmine/IED", "Suicide bomb", "Grenade"}
ARSON_WORDS = re.compile(r"\b(?:burn|burned|burnt|burning|torch|torched|arson|set fire|ablaze|fire)\b", re.I)
ROBBERY_WORDS = re.compile(r"\b(?:rob|robbed|robbery|robberies|steal|stole|stolen|heist|loot|looted|looting)\b", re.I)
STOPPAGE_WORDS = re.compile(r"\b(?:strike|stoppage|work stoppage|shutdown|walkout|paro)\b", re.I)
_SENT_START = re.compile(r"(^\s*|[.!?][\"')\]]?\s+|\n\s*\n\s*|\n {2,}|\[|--\s+)([a-z])")


def sentence_case(text: str) -> str:
    """Lower-case an upper-case text and capitalise sentence starts (same length as ``text``)."""
    low = text.lower()
    out = _SENT_START.sub(lambda m: m.group(1) + m.group(2).upper(), low)
    return out if len(out) == len(text) else text


def muc_type(event: Event | None) -> str | None:
    if event is None:
        return None
    sub, typ, trig = event.acled_subtype or "", event.acled_type or "", event.trigger.text if event.trigger else ""
    weapons = {w.kind for w in event.weapons}
    if sub == "Abduction/forced disappearance":
        return "KIDNAPPING"
    if sub in BOMBING_SUBTYPES or weapons & {"ied", "mine"} or (weapons & {"bomb"} and sub != "Air/drone strike"):
        return "BOMBING"
    if sub == "Looting/property destruction" or ARSON_WORDS.search(trig):
        if ROBBERY_WORDS.search(trig):
            return "ROBBERY"
        if ARSON_WORDS.search(trig):
            return "ARSON"
    if ROBBERY_WORDS.search(trig):
        return "ROBBERY"
    if event.plover == "PROTEST" and STOPPAGE_WORDS.search(trig):
        return "FORCED WORK STOPPAGE"
    if typ in VIOLENT or event.plover in ("FIGHT", "ASSAULT"):
        return "ATTACK"
    return "ATTACK" if event.fatalities or event.injured else None


def main_event(record: Record | None) -> Event | None:
    return first_violent(record) or labels.main_event(record)


def _fill(line: str) -> tuple[bool, str, str]:
    """'? DEATH: "X" / "Y"' -> (optional, value part, fill part)."""
    line = line.strip()
    optional = line.startswith("?")
    line = line.lstrip("? ").strip()
    value, _, fill = line.partition(":")
    return optional, value.strip(), fill.strip()


def gold_killed(template: dict[str, Any]) -> set[int] | None:
    """Acceptable death counts of a template, or None when no exact count is given."""
    numbers: dict[str, str] = {}
    for line in template.get("hum_tgt_numbers") or []:
        _, value, fill = _fill(line)
        numbers[fill] = value
    alternatives: list[list[int]] = []
    for line in template.get("hum_tgt_effects") or []:
        optional, effect, fill = _fill(line)
        if optional or effect.split("/")[0].strip() != "DEATH":
            continue
        raw = numbers.get(fill)
        if raw is None:
            return None
        vals = []
        for alt in raw.split("/"):
            alt = alt.strip().rstrip("-").strip()
            if alt.isdigit():
                vals.append(int(alt))
        if not vals:
            return None  # PLURAL only, or a range
        alternatives.append(vals)
    if not alternatives:
        return {0}
    return {sum(c) for c in product(*alternatives)} if len(alternatives) <= 4 else {sum(a[0] for a in alternatives)}


@register("muc4_test")
def evaluate(ctx: EvalContext) -> EvalResult:
    rows = [r for r in ctx.jsonl(FILE) if r.get("relevant") and r.get("templates")]
    items = []
    for r in rows:
        text = r.get("text_mixed_case") or sentence_case(r.get("text") or "")
        items.append({"text": text, "published": None, "id": r.get("id")})
    n = len(rows)
    type_hits = killed_hits = killed_n = no_event = zero_hits = 0
    majority = 0
    errors: list[dict[str, Any]] = []
    for record, row in zip(ctx.track(ctx.records(items), total=n, what="extracting"), rows):
        t0 = row["templates"][0]
        gold_types = {t.strip() for t in (t0.get("incident_type") or "").split("/")}
        main = main_event(record)
        if main is None:
            no_event += 1
        pred = muc_type(main)
        type_hits += pred in gold_types
        majority += "ATTACK" in gold_types
        gk = gold_killed(t0)
        pk = main.fatalities.value if main is not None and main.fatalities else 0
        if gk is not None:
            killed_n += 1
            killed_hits += pk in gk
            zero_hits += 0 in gk
        if (pred not in gold_types or (gk is not None and pk not in gk)) and len(errors) < 40:
            errors.append({"id": row["id"], "gold_type": sorted(gold_types), "pred_type": pred, "gold_killed": sorted(gk) if gk else gk, "pred_killed": pk})
    metrics = {
        "type_accuracy": type_hits / n if n else 0.0,
        "killed_exact": killed_hits / killed_n if killed_n else 0.0,
    }
    details = {
        "relevant_messages": n,
        "messages_with_exact_death_count": killed_n,
        "messages_without_event": no_event,
        "majority_baseline_type_accuracy (always ATTACK)": majority / n if n else 0.0,
        "zero_baseline_killed_exact (always 0)": zero_hits / killed_n if killed_n else 0.0,
        "errors": errors,
    }
    return EvalResult(dataset="muc4_test", n=n, metrics=metrics, details=details)
