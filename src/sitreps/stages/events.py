"""``events``: one record event per incident, from typed triggers and the figures around them.

How mentions become events (ACLED granularity, ``shared/spec/record.md``):

1. **Triggers** that tell something that happened (not negated, hypothetical or future, not
   an adjective like "the damaged building") are grouped per sentence. Violent triggers of
   one sentence are one incident ("strikes … killed five and wounded 23"): the most
   confident trigger types it. A trigger under another one's preposition ("talks on a
   prisoner exchange") belongs to that one. Damage words ("damaged a substation") add to the
   violent incident of their sentence or the one just before. A clause that tells a cumulative
   or habitual toll ("have killed thousands across the Sahel in recent years", "since 2015")
   tells no incident (:func:`sitreps.text.modality.cumulative`).
2. **Figures** (casualties, weapons, targets from the ``numbers`` stage) attach to the group of
   their sentence: the violent one for casualties and targets, the interception for
   intercepted weapons, else the nearest trigger. A casualty figure with no trigger in its
   sentence opens an ASSAULT event of its own (ACLED type left null), so killed and injured
   counts are never lost; a sentence of figures only ("No casualties were reported",
   "Russia launched 18 missiles") adds them to the event told just before. In a sentence about a
   protest, or right after one, figures told by bare casualty words ("12 people were injured",
   "31 officers were hurt when protesters threw stones") are the protest's, not an attack's.
3. **Merging across sentences**: a group joins an earlier event of the same kind (violent
   with violent of the same ACLED sub-type or a bare casualty word; otherwise the same
   PLOVER/ACLED type) unless the two name different places (:mod:`sitreps.text.incident_places`:
   towns tell incidents apart, countries only when nothing finer is named, a neighbourhood is
   in its city) or give different death counts (a later "death toll" may update; a smaller
   toll told placeless by casualty words alone, before or after, is a part). So a lead
   that sums up incidents told later, with their own places, stays its own event at the wider
   place, and its figure is kept. A clause that lists places ("drone attacks on Kherson and on
   Kharkiv") tells one incident per place, its figures kept with the first; a sentence whose
   violent triggers each name their own place ("attacks … in Bokkos, while 15 more died in a
   separate attack on Barkin Ladi") tells one per place, each figure going to the nearest. A definite
   "the attack"/"the strike" right after a violent incident of its kind is that incident (the
   one at the place its sentence names, if one of those just told is), at whatever place it
   names ("The attack took place in Koumbri"); a sentence opening "In a separate incident"/
   "Elsewhere", or whose act answers one ("as a response to the attack"), starts a new one.
4. **Values**: the largest killed figure of the event (a figure for "others" adds to the one
   before); injured likewise, and at least "shot" minus killed ("two men were shot, one
   fatally" → 1 killed, 1 injured); a negated figure gives 0 only when nothing else does.
   Weapons: one per kind, the counted mention first; interceptions are their own events
   (PLOVER FIGHT, ACLED Strategic developments / Disrupted weapons use, as the triggers stage
   types "shot down"/"intercepted").

Events are then ordered by :mod:`sitreps.text.salience` (``events[0]`` is the article's main
incident) and numbered in that order. Leaves ``anchors`` (event id → :class:`EventAnchor`) for
the locations, times, actors and attribution stages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pydantic import Field

from .. import budget
from ..contract import Context, Stage
from ..lang import load
from ..record import Count, Event, Target, Trigger, Weapon
from ..settings import StageSettings
from ..text.modality import cumulative, hazard_agent, hazard_cause, hazard_records, told_hazards
from ..text.mentions import CasualtyMention, EventAnchor, TargetMention, TriggerMention, WeaponMention, less_the_later_dead, told_dead
from ..text.salience import order_events
from ..text.summary import PLACE_FRAME, SEPARATE as _SEPARATE
from ..text.summary import VIOLENT_TYPES
from ..text.summary import summary as _summary
from ..text.incident_places import COUNTRY, NAME, Listed, Where, answers, coordinated, places_differ, sentence_places, shares_fine_place, span_root, split_regions

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

DISRUPTED = "Disrupted weapons use"
REMOTE_SUBTYPES = {"Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Suicide bomb", "Grenade", "Chemical weapon"}
_W = load("en").words_of("events")  # lang/en/words.toml [events]
CASUALTY_LEMMAS = _W.casualty_lemmas
DAMAGE_LEMMAS = _W.damage_lemmas
#: modifiers of "the attack" that make it another one than the incident just told
_NOT_SAME = _W.not_same


@dataclass
class Group:
    """Mentions that tell one incident: triggers, figures, the sentences they sit in."""

    family: str  # "violence", "disrupted", or "<plover>|<acled type>|<subtype>"
    triggers: list[TriggerMention] = field(default_factory=list)
    casualties: list[CasualtyMention] = field(default_factory=list)
    weapons: list[WeaponMention] = field(default_factory=list)
    targets: list[TargetMention] = field(default_factory=list)
    sents: list[int] = field(default_factory=list)
    places: set[str] = field(default_factory=set)
    place_text: str = ""
    fallback_token: int | None = None  # casualty predicate when no trigger tells the event
    #: place id -> (lat, lon, precision, admin1) of the ids in ``places``, to tell a place inside another
    where: Where = field(default_factory=dict)
    split: frozenset[str] = frozenset()  # the article's regions told town by town (:func:`split_regions`)
    pinned: int | None = None  # char start of the one place of a list the event is at ("on Kherson and on Kharkiv")

    @property
    def main(self) -> TriggerMention | None:
        own = [t for t in self.triggers if _family(t) == self.family] or self.triggers
        typed = [t for t in own if not t.consequence]
        pool = typed or own
        return max(pool, key=lambda t: (t.score, -t.start)) if pool else None

    def killed_values(self) -> set[int]:
        """Death counts that tell incidents apart ("a fatal shooting", at least one, tells nothing);
        with the sum the group's own figure gives ("one man died … and a second died": 1 and 2)."""
        told = [c for c in self.casualties if c.kind == "killed" and not c.negated and not c.inclusive
                and not (c.value == 1 and c.qualifier == "at_least")]
        values = {c.value for c in told}
        if told and any(c.additional for c in told):
            values.add(sum(c.value for c in told if c.sent == told[-1].sent))
        return values


def _is_protest(g: Group) -> bool:
    """A demonstration, a riot or force used on one (ACLED Protests, Riots; PLOVER PROTEST)."""
    main = g.main
    return main is not None and g.family != "violence" and (main.plover == "PROTEST" or main.acled_type in ("Protests", "Riots"))


def _agentless(doc: "Doc", g: Group) -> bool:
    """Every trigger of ``g`` names no one who did it: a passive verb with no agent ("was
    destroyed") or a noun with no owner or "by" ("suffered heavy damage")."""
    def agentless(tok: "Token") -> bool:
        if tok.pos_ in ("NOUN", "PROPN"):
            return not any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "by") for c in tok.children)
        return any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children) and not any(c.dep_ == "agent" for c in tok.children)

    return bool(g.triggers) and all(agentless(doc[t.token]) for t in g.triggers)


def _bare_toll(g: Group) -> bool:
    """A violent group told by nothing but its casualty words: no act, weapon or target."""
    return (g.family == "violence" and not g.weapons and not g.targets and bool(g.casualties)
            and all(t.consequence for t in g.triggers))


def _family(t: TriggerMention) -> str:
    if t.acled_subtype == DISRUPTED and t.plover == "FIGHT":
        return "disrupted"
    if t.acled_type in VIOLENT_TYPES or (t.plover in ("FIGHT", "ASSAULT") and t.acled_subtype != DISRUPTED):
        return "violence"
    return f"{t.plover}|{t.acled_type}|{t.acled_subtype}"


class EventsOptions(StageSettings):
    """``[stages.events]``"""

    #: how many sentences after an event a "the attack" may refer back to it, or a non-violent
    #: mention of the same type may still join it
    merge_window: int = Field(2, ge=0)


class EventsStage(Stage):
    name = "events"
    reads = ("doc", "document", "triggers", "accidents", "casualties", "weapons", "targets", "places", "toponyms")
    writes = ("events", "anchors", "hazards")
    Options = EventsOptions

    def __call__(self, ctx: Context) -> None:
        doc = ctx.doc
        sents = list(doc.sents)
        places = sentence_places(doc, len(sents), ctx.toponyms or [], ctx.places or [])
        groups = self._sentence_groups(ctx, doc, places)
        split = split_regions([g.where for g in groups if g.family == "violence"])
        for g in groups:
            g.split = split
        separate = {i for i, sent in enumerate(sents) if _SEPARATE.search(sent.text)}
        framed = {i for i, sent in enumerate(sents) if PLACE_FRAME.match(sent.text)}
        events_groups = self._merge(groups, doc, separate, self.options.merge_window, framed)
        doc_id = ctx.document.id
        anchors: dict[str, EventAnchor] = {}
        events: list[Event] = []
        for g in events_groups:
            ev = self._event(g, f"{doc_id}#e{len(events) + 1}", doc, ctx.text)
            if ev is None:
                continue
            events.append(ev)
            first = min(g.sents)
            anchors[ev.id] = EventAnchor(
                sents=sorted(set(g.sents)),
                tokens=sorted({t.token for t in g.triggers} | ({g.fallback_token} if g.fallback_token is not None else set())),
                start=sents[first].start_char, end=sents[first].end_char, place=g.pinned,
            )
        _mark_leads(events, events_groups, anchors)
        events, anchors = order_events(events, anchors, doc, doc_id)  # salience: events[0] is the main incident
        ctx.events = events
        ctx.anchors = anchors

    # -- 1 and 2: per sentence -------------------------------------------------------------------
    def _sentence_groups(self, ctx: Context, doc: "Doc", places: list[tuple[set[str], str]]) -> list[Group]:
        by_sent: dict[int, list[TriggerMention]] = {}
        trig_tokens = {}
        all_tokens = {t.token: t for t in ctx.triggers or ()}
        dropped: set[int] = set()
        hazards: dict[int, "Token | None"] = {}  # token -> the hazard that caused it: a trigger's word is often a figure's too
        agents: list["Token"] = []  # the hazards that do an act ("the tsunami slammed into beaches")
        accidents = frozenset(ctx.accidents or ())
        of_hazard = lambda i: (hazards[i] if i in hazards else hazards.setdefault(i, hazard_cause(doc[i], accidents))) is not None  # noqa: E731
        for t in ctx.triggers or ():
            budget.check(self.name)  # one clause walk per trigger: long on a 50,000-word sentence
            tok = doc[t.token]
            owner = _governing_trigger(doc, t, all_tokens, frozenset({"pobj", "prep", "compound", "pcomp", "dobj"}))
            agent = None  # asked last: only of a trigger nothing else drops
            if (t.negated or t.hypothetical or t.future or tok.dep_ == "amod" or cumulative(tok)
                    or (owner is not None and owner.token in dropped) or ((_family(t) == "violence" or tok.lemma_.lower() in DAMAGE_LEMMAS) and of_hazard(t.token))
                    or (agent := hazard_agent(tok)) is not None):
                if agent is not None:
                    agents.append(agent)
                dropped.add(t.token)
                continue
            by_sent.setdefault(t.sent, []).append(t)
            trig_tokens[t.token] = t
        cas: dict[int, list[CasualtyMention]] = {}
        for c in ctx.casualties or ():
            if c.token is not None and of_hazard(c.token):
                continue  # "an earthquake killed eight": a toll, but of no one's violence
            cas.setdefault(c.sent, []).append(c)
        ctx.hazards = hazard_records([h for h in hazards.values() if h is not None] + agents + told_hazards(doc), [doc[i] for i in sorted(accidents)])
        wea: dict[int, list[WeaponMention]] = {}
        for w in ctx.weapons or ():
            wea.setdefault(w.sent, []).append(w)
        tar: dict[int, list[TargetMention]] = {}
        for t in ctx.targets or ():
            tar.setdefault(t.sent, []).append(t)

        out: list[Group] = []
        n = len(places)
        for si in range(n):
            trigs = by_sent.get(si, [])
            groups: list[Group] = []
            for t in trigs:
                owner = _governing_trigger(doc, t, trig_tokens)
                fam = _family(t)
                target = None
                if owner is not None:
                    target = next((g for g in groups if owner in g.triggers), None)
                if target is None:
                    target = next((g for g in groups if g.family == fam), None)
                if target is None and fam.startswith("COERCE") and doc[t.token].lemma_.lower() in DAMAGE_LEMMAS:
                    target = next((g for g in groups if g.family == "violence"), None)
                    if target is None:
                        fam = "damage"
                if target is None:
                    target = Group(family=fam, sents=[si], places=set(places[si][0]), place_text=places[si][1], where=dict(places[si][3]))
                    groups.append(target)
                target.triggers.append(t)
            groups = [h for g in groups for h in _split_by_place(doc, g, places[si][2])]
            cs, ws, ts = cas.get(si, []), wea.get(si, []), tar.get(si, [])
            protests = [g for g in groups if _is_protest(g)]
            for v in [g for g in groups if g.family == "violence"]:
                if protests and all(t.consequence for t in v.triggers) and not any(not w.intercepted for w in ws):
                    # "… injured when police dispersed the rally": the casualty word tells the protest's toll
                    _nearest(protests, v.triggers[0].start).triggers.extend(v.triggers)
                    groups.remove(v)
            if not any(g.family == "violence" for g in groups) and protests:
                # "31 officers were hurt when protesters threw stones": the protest's figures
                for c in cs:
                    _nearest(protests, c.start).casualties.append(c)
                cs = []
            if not any(g.family == "violence" for g in groups) and any(not c.negated for c in cs):
                # a figure with no violent trigger beside it ("charged in the death of …"): its own incident
                c0 = next(c for c in cs if not c.negated)
                groups.append(Group(family="violence", sents=[si], places=set(places[si][0]), place_text=places[si][1], where=dict(places[si][3]), fallback_token=c0.token))
            if groups:
                violents = [g for g in groups if g.family == "violence"]
                disrupted = next((g for g in groups if g.family == "disrupted"), None)

                def violent(start: int) -> Group | None:  # incidents at two places of one sentence: the nearer
                    return _nearest(violents, start) if violents else None

                for c in cs:
                    (violent(c.start) or _nearest(groups, c.start)).casualties.append(c)
                for w in ws:
                    if w.intercepted and disrupted is not None:
                        disrupted.weapons.append(w)
                    else:
                        (violent(w.start) or disrupted or _nearest(groups, w.start)).weapons.append(w)
                for tm in ts:
                    (violent(tm.start) or _nearest(groups, tm.start)).targets.append(tm)
                out.extend(groups)
            elif (cs or ws or ts) and out and si - max(out[-1].sents) <= 1:
                # a sentence of figures only: it goes on telling the event just before
                prev = out[-1]
                prev.sents.append(si)  # where it is told: its places and dates are the event's too
                prev.casualties.extend(cs)
                prev.weapons.extend(ws)
                prev.targets.extend(ts)
        # damage with no violent trigger in its sentence: the violent event just before
        kept: list[Group] = []
        for g in out:
            if _bare_toll(g):
                # "At least 12 people were injured" right after police dispersed a protest: the
                # protest's casualties, not an attack of their own
                p = next((k for k in reversed(kept) if _is_protest(k) and min(g.sents) - max(k.sents) <= 1
                          and not places_differ(g.places, g.where, k.places, k.where, g.split | k.split)), None)
                if p is not None:
                    _absorb(p, g)
                    continue
            if g.family == "damage" and kept and kept[-1].family == "violence" and min(g.sents) - max(kept[-1].sents) <= 1:
                _absorb(kept[-1], g)
                continue
            last = next((k for k in reversed(kept) if k.family == "violence"), None)
            if g.family == "damage" and last is not None and _agentless(doc, g) \
                    and not places_differ(g.places, g.where, last.places, last.where, g.split | last.split):
                # "one house was destroyed", "residential areas suffered the heaviest damage", further on:
                # damage that names no one who did it is the toll of the attack told before, never a
                # destruction of property (an ACLED event of its own only when someone destroys)
                _absorb(last, g)
                continue
            if g.family == "damage":
                g.family = _family(g.triggers[0])
            kept.extend(_split_listed(doc, g, places[min(g.sents)][2]))
        return kept

    # -- 3: across sentences ---------------------------------------------------------------------
    def _merge(self, groups: list[Group], doc: "Doc", separate: set[int], window: int, framed: frozenset[int] | set[int] = frozenset()) -> list[Group]:
        events: list[Group] = []
        for g in groups:
            budget.check(self.name)  # each group is compared with every event so far
            home = None
            if min(g.sents) not in separate and not answers(doc, g.main, g.triggers):  # "In a separate incident", "as a response to": new
                home = _referred(events, g, doc, window)
                if home is not None:
                    # "The attack took place in Koumbri, …": the incident just told, at a finer place
                    _absorb(home, g)
                    if g.place_text:
                        home.place_text = g.place_text
                    continue
                for ev in reversed(events):
                    if _compatible(ev, g, window) and not (min(g.sents) in framed and not ev.places):
                        home = ev
                        break
            if home is None:
                events.append(g)
            else:
                _absorb(home, g)
        return events

    # -- 4: values ---------------------------------------------------------------------------------
    def _event(self, g: Group, eid: str, doc: "Doc", text: str) -> Event | None:
        main = g.main
        if main is not None:
            plover, acled_type, acled_sub = main.plover, main.acled_type, main.acled_subtype
            trig = Trigger(text=main.text, start=main.start, end=main.end)
            score = max(t.score for t in g.triggers)
        elif g.fallback_token is not None:
            tok = doc[g.fallback_token]
            plover, acled_type, acled_sub = "ASSAULT", None, None
            trig = Trigger(text=tok.text, start=tok.idx, end=tok.idx + len(tok.text))
            score = 0.4
        else:
            return None
        killed = _figure([c for c in g.casualties if c.kind == "killed"], text, g.casualties)
        injured_mentions = [c for c in g.casualties if c.kind == "injured" and not c.inclusive
                            and not (killed is not None and killed.value > 0 and (c.anaphoric or told_dead(c, g.casualties)))]
        injured = less_the_later_dead(_figure(injured_mentions, text, g.casualties), g.casualties)
        hit = [c for c in g.casualties if c.kind == "injured" and c.inclusive and not c.negated]
        if hit:
            best = max(hit, key=lambda c: c.value)
            rest = best.value - (killed.value if killed and not best.additional else 0)  # "three others were also shot": others than the dead
            if rest > 0 and (injured is None or rest > injured.value):
                injured = Count(value=rest, qualifier=best.qualifier, text=best.text, start=best.start, end=best.end)  # type: ignore[arg-type]
        weapons, intercepted = _weapons(g.weapons)
        targets = _dedupe_targets(g.targets)
        conf = score + (0.1 if killed or injured else 0) + (0.05 if weapons or intercepted or targets else 0) + min(0.1, 0.03 * (len(g.sents) - 1))
        summary = _summary(acled_sub or plover.title(), g.place_text, killed, injured, intercepted)
        return Event(
            id=eid, plover=plover, acled_type=acled_type, acled_subtype=acled_sub, summary=summary, trigger=trig,
            fatalities=killed, injured=injured, weapons=weapons, intercepted=intercepted, targets=targets,
            confidence=round(max(0.05, min(0.99, conf)), 3),
        )


def _governing_trigger(doc: "Doc", t: TriggerMention, trig_tokens: dict[int, TriggerMention], deps: frozenset[str] = frozenset({"pobj", "prep", "compound", "pcomp"})) -> TriggerMention | None:
    """"talks on a prisoner exchange": the trigger whose preposition governs this one."""
    tok = doc[t.token]
    node = tok
    for _ in range(3):
        if node.dep_ not in deps or node.head.i == node.i:
            return None
        node = node.head
        if node.i in trig_tokens and node.i != tok.i:
            return trig_tokens[node.i]
    return None


def _nearest(groups: list[Group], start: int) -> Group:
    return min(groups, key=lambda g: min(abs(t.start - start) for t in g.triggers) if g.triggers else 0)


def _absorb(home: Group, g: Group) -> None:
    home.triggers.extend(g.triggers)
    home.casualties.extend(g.casualties)
    home.weapons.extend(g.weapons)
    home.targets.extend(g.targets)
    home.sents.extend(g.sents)
    if g.places and not home.places:
        home.place_text = g.place_text
    home.places |= g.places
    home.where.update(g.where)
    if home.fallback_token is None:
        home.fallback_token = g.fallback_token
    if home.pinned is None and g.pinned is not None and not home.places - g.places:
        home.pinned = g.pinned


def _referred(events: list[Group], g: Group, doc: "Doc", window: int) -> Group | None:
    """The violent event just told that a definite "the attack"/"the strike" of ``g`` refers back to:
    same kind of incident, told no more than ``window`` sentences before, with no death count that
    contradicts it (``window`` sentences at most). Its place does not have to match: the anaphor often tells where it happened."""
    main = g.main
    if g.family != "violence" or main is None or not events:
        return None
    tok = doc[main.token]
    if tok.pos_ != "NOUN" or tok.tag_ != "NN":
        return None
    dets = [c for c in tok.children if c.dep_ in ("det", "poss")]
    if not any(c.lower_ in ("the", "this", "that") or c.dep_ == "poss" for c in dets):
        return None
    if any(c.lower_ in _NOT_SAME for c in tok.children if c.dep_ in ("amod", "det", "compound", "nummod")):
        return None
    violent = [e for e in events if e.family == "violence"]
    if not violent:
        return None
    last = max(violent, key=lambda e: max(e.sents))
    if min(g.sents) - max(last.sents) > window or min(g.sents) <= max(last.sents):
        return None
    # of the incidents just told, the one at the place the anaphor's sentence names ("In Kharkiv, …
    # the attack" after drone attacks on Kherson and on Kharkiv)
    recent = [e for e in violent if 0 < min(g.sents) - max(e.sents) <= window]
    here = [e for e in recent if shares_fine_place(e.places, g.places)]
    pick = max(here, key=lambda e: max(e.sents)) if here else last
    # a bare "the strike" names no weapon of its own: the kind the rules gave it (from the article's
    # weapons) yields to the incident it refers to; "the drone strike" keeps its kind
    bare = " " not in main.text.strip()
    return pick if _compatible(pick, g, window, anywhere=True, any_kind=bare) else None


def _compatible(ev: Group, g: Group, window: int, anywhere: bool = False, any_kind: bool = False) -> bool:
    if ev.family != g.family:
        return False
    if g.family == "violence" and not any_kind:
        # remote violence of different kinds (an air strike, shelling) are different incidents;
        # shootings told as "shooting", "opened fire", "attack", "gunfight" are not
        a, b = ev.main, g.main
        # "Russia launched 18 missiles and 300 drones" right after the lead: the lead's weapons
        weapons_only = not g.casualties and not g.targets and min(g.sents) - max(ev.sents) <= 1 and any(not w.intercepted for w in g.weapons)
        if (a is not None and b is not None and a.acled_subtype != b.acled_subtype and a.acled_subtype in REMOTE_SUBTYPES
                and b.acled_subtype in REMOTE_SUBTYPES and not (a.consequence or b.consequence) and not weapons_only):
            return False
    if not anywhere and places_differ(ev.places, ev.where, g.places, g.where, ev.split | g.split):
        return False
    if g.family != "violence" and min(g.sents) - max(ev.sents) > window:
        return False
    counted = {(w.kind, w.count) for w in ev.weapons if w.intercepted and w.count}
    if any(w.intercepted and w.count and (w.kind, w.count) not in counted and any(k == w.kind for k, _ in counted) for w in g.weapons):
        return False
    ka, kb = ev.killed_values(), g.killed_values()
    if ka and kb and max(ka) != max(kb) and not (ka & kb):
        toll = any(c.kind == "killed" and "toll" in c.text.lower() for c in g.casualties)
        # a smaller toll told placeless by casualty words alone is a part of the other, told after it
        # ("a family of five were killed while eating breakfast" after fifty) or before it ("Man killed" in a headline)
        part = any(max(k_small) < max(k_big) and not small.places and all(t.consequence for t in small.triggers)
                   for small, k_small, k_big in ((g, kb, ka), (ev, ka, kb)))
        if not toll and not part and not any(c.additional for c in g.casualties):
            return False
    return True


def _figure(mentions: list[CasualtyMention], text: str, others: tuple[CasualtyMention, ...] | list[CasualtyMention] = ()) -> Count | None:
    """The event's figure of one kind: the largest, with "N others" added to the figure
    before it; 0 from a negated mention only when there is no positive one."""
    positive = [m for m in mentions if not m.negated and m.value > 0]
    if not positive:
        neg = next((m for m in mentions if m.negated), None)
        if neg is None:
            return None
        return Count(value=0, qualifier="exact", text=neg.text, start=neg.start, end=neg.end)
    best: tuple[int, str, int, int] | None = None
    prev: CasualtyMention | None = None
    for m in sorted(positive, key=lambda m: m.start):
        value, start, end = m.value, m.start, m.end
        # "a teenager was injured and two others were hospitalized": 3; but in "two men were killed
        # and three other people were wounded" the others are others than the dead
        between = [o for o in others if prev is not None and prev.end <= o.start < m.start and o.kind != m.kind]
        if m.additional and prev is not None and prev.sent == m.sent and not prev.additional and m.token != prev.token and not between:
            value, start = prev.value + m.value, prev.start
        if best is None or value > best[0]:
            best = (value, m.qualifier, start, end)
        prev = m
    assert best is not None
    value, qual, start, end = best
    return Count(value=value, qualifier=qual, text=text[start:end], start=start, end=end)  # type: ignore[arg-type]


def _weapons(mentions: list[WeaponMention]) -> tuple[list[Weapon], list[Weapon]]:
    used: dict[str, Weapon] = {}
    downed: dict[str, Weapon] = {}
    for m in mentions:
        bucket = downed if m.intercepted else used
        w = Weapon(kind=m.kind, count=m.count, qualifier=m.qualifier, text=m.text, start=m.start, end=m.end)  # type: ignore[arg-type]
        have = bucket.get(m.kind)
        if have is None or (have.count is None and w.count is not None):
            bucket[m.kind] = w
    return list(used.values()), list(downed.values())


def _dedupe_targets(mentions: list[TargetMention]) -> list[Target]:
    out: list[Target] = []
    seen: set[tuple[str, str]] = set()
    for m in mentions:
        key = (m.kind, m.text.lower())
        if key not in seen:
            seen.add(key)
            out.append(Target(kind=m.kind, text=m.text, start=m.start, end=m.end))
    return out


def _own_place(doc: "Doc", t: TriggerMention, listed: list[Listed]) -> Listed | None:
    """The place a trigger's own phrase names: "attacks on Bokkos", "a separate attack on Barkin Ladi
    LGA villages" (the place under the trigger's preposition, through compounds), or under the
    verb the trigger is the subject of ("the attacks left 11 people dead in Bokkos LGA")."""
    tok = doc[t.token]
    heads = {tok.i} | ({tok.head.i} if tok.dep_ in ("nsubj", "nsubjpass") else set())
    for pl in listed:
        node = span_root(doc, pl.tokens)
        for _ in range(6):
            if node.dep_ not in ("pobj", "prep", "compound", "nmod", "amod") or node.head.i == node.i:
                break
            node = node.head
            if node.i in heads:
                return pl
    return None


def _at(g: Group, pl: Listed, **kw) -> Group:
    """A group of ``g``'s sentence and kind pinned to one of the places it names, its countries kept."""
    return Group(family=g.family, sents=list(g.sents), places={pl.key, NAME + pl.name} | {p for p in g.places if p.startswith(COUNTRY)},
                 place_text=pl.text, where=dict(g.where), pinned=pl.start, **kw)


def _split_by_place(doc: "Doc", g: Group, listed: list[Listed]) -> list[Group]:
    """A sentence that tells violent incidents at two places ("11 people dead in attacks on Bokkos
    … 15 more died in a separate attack on Barkin Ladi"): one group per place its triggers name,
    the other triggers going to the nearest of them. The figures go to the nearest trigger's group
    afterwards."""
    if g.family != "violence" or len(g.triggers) < 2 or len(listed) < 2:
        return [g]
    own = {t.token: _own_place(doc, t, listed) for t in g.triggers if not t.consequence}
    placed = {pl.key: pl for pl in own.values() if pl is not None}
    if len(placed) < 2:
        return [g]
    out = {key: _at(g, pl) for key, pl in sorted(placed.items(), key=lambda kv: kv[1].start)}
    anchored = [(t, own[t.token]) for t in g.triggers if own.get(t.token) is not None]
    for t in g.triggers:
        pl = own.get(t.token)
        if pl is None:
            pl = min(anchored, key=lambda ta: abs(ta[0].token - t.token))[1]
        out[pl.key].triggers.append(t)
    return list(out.values())


def _split_listed(doc: "Doc", g: Group, listed: list[Listed]) -> list[Group]:
    """One incident per place when the clause of the group's trigger lists several places ("drone
    attacks on Kherson and on Kharkiv", "bombed positions in Nyala and El Geneina"): ACLED codes an
    event per location. The figures, counted weapons and targets stay with the first place, so
    nothing is counted twice; every copy keeps the trigger."""
    main = g.main
    if main is None or g.family == "disrupted" or len(set(g.sents)) != 1:
        return [g]
    trig = doc[main.token]
    for cluster in coordinated(doc, listed):
        first = span_root(doc, cluster[0].tokens)
        if not any(a.i == trig.i for a in first.ancestors):
            continue
        out = []
        for k, pl in enumerate(cluster):
            copy = _at(g, pl, triggers=list(g.triggers), fallback_token=g.fallback_token)
            if k == 0:
                copy.casualties, copy.targets = list(g.casualties), list(g.targets)
                copy.weapons = list(g.weapons)
            else:
                copy.weapons = [w for w in g.weapons if not w.count]
            out.append(copy)
        return out
    return [g]


def _mark_leads(events: list[Event], groups: list[Group], anchors: dict[str, EventAnchor]) -> None:
    """A lead event whose figure covers later violent events at other places sums them up."""
    if len(events) < 2:
        return
    first_ev = events[0]
    if first_ev.fatalities is None or first_ev.fatalities.value <= 0:
        return
    later = [e for e in events[1:] if e.plover == first_ev.plover and e.fatalities is not None and 0 < e.fatalities.value <= first_ev.fatalities.value]
    if later and sum(e.fatalities.value for e in later if e.fatalities) <= first_ev.fatalities.value + 1:
        anchors[first_ev.id].summary_of = [e.id for e in later]
