"""``typing``: the type of each event (ACLED type and sub-type, PLOVER root), decided by a trained model.

The triggers stage types every trigger by its lexicon and context rules, and the events stage
types each event by its main trigger. Those rules were written while reading one file's errors,
and on text nobody tuned them to they fall short (issue 8). This stage re-decides the type of
every event with a softmax model (``models/types*.json``, ``sitreps train types``) over the
rules' own signals, used as features:

* the rules' type, the main trigger's lemma, score, part of speech and dependency, its head and
  dependents, the types of the other triggers merged into the event and of the article's other
  triggers;
* the content-word lemmas and entity labels of the sentences that tell the event;
* the weapon, intercepted-weapon and target kinds, and whether anyone was killed or injured.

One function, :func:`type_features`, builds them for the stage and for the trainer, so the model
sees at training time exactly what it sees at run time. A class is an ACLED sub-event type
(which fixes the ACLED type) or, for an event ACLED does not code, ``PLOVER:<root>``
(:func:`class_of`, :func:`types_of`). The model's class replaces the rules' only when its
probability reaches ``[stages.typing] min_probability``; otherwise, or when no model is shipped,
the rules' type stays. The PLOVER root of an ACLED sub-type is the rules' root when that root is
one the sub-type is coded with, else the sub-type's usual root (``lang/senses.toml``).

Under :func:`sitreps.learn.out_of_fold` (``sitreps eval``, the gate) each document gets the fold
model that never saw it, so the scores on the development data are out of fold.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from pydantic import Field

from .. import budget
from ..contract import Context, Stage
from ..lang import senses
from ..learn import model_for
from ..parse import sents_of, tokens_in
from ..record import Event
from ..settings import StageSettings

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from ..text.mentions import EventAnchor, TriggerMention

#: name of the model (``models/types.json`` and its fold files)
MODEL = "types"
#: class prefix of an event ACLED does not code
PLOVER_PREFIX = "PLOVER:"
#: default of ``[stages.typing] min_probability``
MIN_PROBABILITY = 0.8


def class_of(plover: str, acled_subtype: str | None) -> str:
    """The model's class for a type: the ACLED sub-type, else ``PLOVER:<root>``."""
    return acled_subtype if acled_subtype else PLOVER_PREFIX + plover


@lru_cache(maxsize=1)
def sub_types() -> dict[str, tuple[str, list[str]]]:
    """ACLED sub-type -> (its ACLED type, its PLOVER roots, most used by the senses first)."""
    roots: dict[str, Counter[str]] = {}
    kinds: dict[str, str] = {}
    for plover, acled_type, sub in senses().values():
        if sub and acled_type:
            kinds[sub] = acled_type
            roots.setdefault(sub, Counter())[plover] += 1
    return {sub: (kinds[sub], [r for r, _ in roots[sub].most_common()]) for sub in kinds}


def types_of(cls: str, rules_plover: str | None = None) -> tuple[str, str | None, str | None] | None:
    """(PLOVER root, ACLED type, ACLED sub-type) of a class, keeping ``rules_plover`` when the
    sub-type is coded with it; None for a class no sense codes (a model from another version)."""
    if cls.startswith(PLOVER_PREFIX):
        return cls[len(PLOVER_PREFIX):], None, None
    known = sub_types().get(cls)
    if known is None:
        return None
    acled_type, roots = known
    plover = rules_plover if rules_plover in roots else roots[0]
    return plover, acled_type, cls


def _lemma(tok) -> str:  # type: ignore[no-untyped-def]
    return tok.lemma_.lower()


def type_features(doc: "Doc", sents: "Sequence[Span]", event: Event, anchor: "EventAnchor | None",
                  triggers: "Sequence[TriggerMention]") -> dict[str, float]:
    """The features the type model reads for one event (shared by the stage and the trainer)."""
    f: dict[str, float] = {}
    rule = class_of(event.plover, event.acled_subtype)
    f["rule=" + rule] = 1.0
    f["rule_plover=" + event.plover] = 1.0
    f[f"rule_type={event.acled_type}"] = 1.0
    own = set(anchor.tokens) if anchor is not None else set()
    main = next((t for t in triggers if t.token in own and t.start == event.trigger.start), None)
    if main is not None:
        tok = doc[main.token]
        lemma = _lemma(tok)
        f["trig=" + lemma] = 1.0
        f[f"trig={lemma}|{rule}"] = 1.0
        f["trig_pos=" + tok.pos_] = 1.0
        f["trig_dep=" + tok.dep_] = 1.0
        f["trig_score"] = main.score
        if main.consequence:
            f["trig_consequence"] = 1.0
        f["head=" + _lemma(tok.head)] = 1.0
        for c in tok.children:
            if c.is_alpha and not c.is_stop:
                f[f"child={_lemma(c)}"] = 1.0
                f[f"child_{c.dep_}={_lemma(c)}"] = 1.0
    else:
        f["no_trigger"] = 1.0
    for t in triggers:
        if t is main:
            continue
        key = ("also=" if t.token in own else "doc=") + class_of(t.plover, t.acled_subtype)
        f[key] = 1.0 if t.token in own else max(f.get(key, 0.0), 0.5)
        if t.token in own:
            f["also_trig=" + _lemma(doc[t.token])] = 1.0
    for si in (anchor.sents if anchor is not None else ()):
        if not 0 <= si < len(sents):
            continue
        for tok in tokens_in(sents[si]):  # the Doc's token list: no new Token per step
            if tok.is_alpha and not tok.is_stop and len(tok) > 1:
                f["w=" + _lemma(tok)] = 1.0
            if tok.ent_iob_ == "B":
                f["ent=" + tok.ent_type_] = 1.0
    for w in event.weapons:
        f["weapon=" + w.kind] = 1.0
    for w in event.intercepted:
        f["intercepted=" + w.kind] = 1.0
    for t in event.targets:
        f["target=" + t.kind] = 1.0
    if event.fatalities is not None and event.fatalities.value > 0:
        f["killed"] = 1.0
    if event.injured is not None and event.injured.value > 0:
        f["injured"] = 1.0
    return f


#: ACLED event types of political violence
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})


def violent(plover: str, acled_type: str | None, acled_subtype: str | None) -> bool:
    """Political violence, as the events stage groups it: an ACLED violent type, or a PLOVER
    FIGHT/ASSAULT that is not a disrupted weapons use."""
    return acled_type in VIOLENT_TYPES or (plover in ("FIGHT", "ASSAULT") and acled_subtype != "Disrupted weapons use")


def may_retype(rules: str, cls: str) -> bool:
    """Whether the model's class ``cls`` may replace the rules' class ``rules`` (see :func:`retype`)."""
    new, old = types_of(cls), types_of(rules)
    return new is not None and (old is None or violent(*new) == violent(*old))


def retype(event: Event, cls: str) -> Event:
    """The event with the type of ``cls``: unchanged when the class names no known type, or when
    it would make a violent event non-violent or the reverse. The events stage grouped and
    merged the mentions by that line, and the model is trained on each article's main event
    only, so across it the model has no say."""
    if not may_retype(class_of(event.plover, event.acled_subtype), cls):
        return event
    plover, acled_type, sub = types_of(cls, event.plover)  # type: ignore[misc]
    if (plover, acled_type, sub) == (event.plover, event.acled_type, event.acled_subtype):
        return event
    summary = event.summary
    old = event.acled_subtype or event.plover.title()
    if summary.startswith(old):
        summary = (sub or plover.title()) + summary[len(old):]
    return replace(event, plover=plover, acled_type=acled_type, acled_subtype=sub, summary=summary)


class TypingOptions(StageSettings):
    """``[stages.typing]``"""

    #: the model's type replaces the rules' only when its probability is at least this
    min_probability: float = Field(MIN_PROBABILITY, ge=0.0, le=1.0)


class TypingStage(Stage):
    name = "typing"
    reads = ("doc", "events", "anchors", "triggers")
    writes = ("events",)
    Options = TypingOptions

    def __call__(self, ctx: Context) -> None:
        events = ctx.events or []
        if not events:
            return
        model = model_for(MODEL, ctx.text)
        if model is None:
            return  # no model shipped: the rules' types stay
        doc = ctx.doc
        sents = sents_of(doc)
        anchors = ctx.anchors or {}
        triggers = ctx.triggers or []
        out = []
        for ev in events:
            budget.check(self.name)  # the features read the event's sentences: long on a 50,000-word one
            cls, p = model.predict(type_features(doc, sents, ev, anchors.get(ev.id), triggers))
            out.append(retype(ev, cls) if p >= self.options.min_probability else ev)
        ctx.events = out
