"""``events``: one record event per incident, from typed triggers and the figures around them.

How mentions become events (ACLED granularity, ``shared/spec/record.md``):

1. **Triggers** that tell something that happened (not negated, hypothetical or future, not
   an adjective like "the damaged building") are grouped per sentence. Violent triggers of
   one sentence are one incident ("strikes … killed five and wounded 23"): the most
   confident trigger types it. A trigger under another one's preposition ("talks on a
   prisoner exchange") belongs to that one. Damage words ("damaged a substation") add to the
   violent incident of their sentence or the one just before. A clause that tells a cumulative
   or habitual toll ("have killed thousands across the Sahel in recent years", "since 2015")
   tells no incident (:func:`sitreps.text.modality.cumulative`), nor does violence, damage or
   relief (:data:`RELIEF_ROOTS`) that a hazard caused; in an article that tells a hazard and no
   violence or protest, relief is the answer to the hazard wherever it is told ("the army
   mobilised two units to reopen the roads" after snow cut villages off). "the police thwarted the attacks" joins the
   attacks' group (:func:`.groups.foiled`), a demand told in a protest's sentence joins the protest
   (:func:`.groups.protest_demands`), and so does looting that names no looter told right after it
   ("Several shops were looted"), and the earlier act an answer names ("in retaliation for the
   strike") never types a group another trigger can type.
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
   in its city), are remote violence and another kind of act their own clauses date to days that
   do not meet (:func:`.groups.other_day`: "fighting broke out on Sunday" … "a drone strike on
   Monday killed another five"), or give different death counts (a later "death toll" may update; a smaller
   toll told placeless by casualty words alone, before or after, is a part). So a lead
   that sums up incidents told later, with their own places, stays its own event at the wider
   place, and its figure is kept. A clause that lists places ("drone attacks on Kherson and on
   Kharkiv") tells one incident per place, its figures kept with the first; a sentence whose
   violent triggers each name their own place ("raids … in Kura, while 12 more died in a
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

from datetime import date
from typing import TYPE_CHECKING

from pydantic import Field

from ... import budget
from ...contract import Context, Stage
from ...geo.names import normalize
from ...parse import sents_of, span_text
from ...record import Count, Event, Trigger
from ...settings import StageSettings
from ...text.crimes import told_crimes
from ...text.incident_places import NAME, answers, earlier_clause, places_differ, sentence_places, split_regions
from ...text.mentions import CasualtyMention, EventAnchor, TargetMention, TriggerMention, WeaponMention, less_the_later_dead, told_dead
from ...text.modality import HAZARD_REFERENCES, cumulative, hazard_agent, hazard_cause, hazard_records, told_hazards
from ...text.salience import order_events
from ...text.sentences import sentence_starts
from ...text.timex import TimeExpression, datable_times, shared_finder
from ...text.timex.clauses import clause_dates
from ...text.summary import DEMONSTRATION_TYPES, PLACE_FRAME, VIOLENT_TYPES, SEPARATE as _SEPARATE
from ...text.summary import summary as _summary
from .groups import (DAMAGE_LEMMAS, Group, absorb, agentless, bare_toll, clause_group, compatible, deadly_destruction, family_of, foiled, governing_trigger, is_protest,
                     nearest, other_day, protest_demands, referred, split_by_place, split_listed)
from .values import dedupe_targets, figure, weapon_lists

#: PLOVER roots of the acts that answer a disaster (help sent, troops mobilised to rescue, people
#: evacuated): caused by a hazard ("after torrential rains, the military mobilised to help"), no event
RELIEF_ROOTS = frozenset({"AID", "MOBILIZE", "RETREAT", "COOPERATE"})
#: the ACLED sub-type of looting and destroying property, the end of a group's family
LOOTING = "|Looting/property destruction"

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


class EventsOptions(StageSettings):
    """``[stages.events]``"""

    #: how many sentences after an event a "the attack" may refer back to it, or a non-violent
    #: mention of the same type may still join it
    merge_window: int = Field(2, ge=0)


class EventsStage(Stage):
    name = "events"
    reads = ("doc", "document", "published", "sentences", "triggers", "accidents", "casualties", "weapons", "targets", "places", "toponyms")
    writes = ("events", "anchors", "hazards", "crimes")
    Options = EventsOptions

    def __call__(self, ctx: Context) -> None:
        doc = ctx.doc
        sents = sents_of(doc)
        places = sentence_places(doc, len(sents), ctx.toponyms or [], ctx.places or [])
        groups = self._sentence_groups(ctx, doc, places)
        split = split_regions([g.where for g in groups if g.family == "violence"])
        for g in groups:
            g.split = split
        separate = {i for i, sent in enumerate(sents) if _SEPARATE.search(span_text(sent))}
        framed = {i for i, sent in enumerate(sents) if PLACE_FRAME.match(span_text(sent))}
        exprs = datable_times(shared_finder(), doc, ctx.published, sentence_starts(doc, ctx.sentences))
        text = ctx.text
        for g in groups:
            g.days = _days(doc, g, exprs, text)
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
                # an earlier act the event's clause names is not told here: not its date, actors or place
                tokens=sorted({t.token for t in ([t for t in g.triggers if not (t.answered or t.earlier)] or g.triggers)}
                              | ({g.fallback_token} if g.fallback_token is not None else set())),
                start=sents[first].start_char, end=sents[first].end_char, place=g.pinned,
            )
        if ctx.hazards and not any(e.acled_type in VIOLENT_TYPES or e.acled_type in DEMONSTRATION_TYPES for e in events):
            # "the military mobilised to dig out cars stuck in snow", "6,800 people evacuated" in an
            # article that tells a disaster and no violence or protest: the answer to the disaster
            kept = [e for e in events if e.plover not in RELIEF_ROOTS]
            anchors = {e.id: anchors[e.id] for e in kept}
            events = kept
        _mark_leads(events, events_groups, anchors)
        events, anchors = order_events(events, anchors, doc, doc_id)  # salience: events[0] is the main incident
        ctx.events = events
        ctx.anchors = anchors
        ctx.crimes = told_crimes(doc)

    # -- 1 and 2: per sentence -------------------------------------------------------------------
    def _sentence_groups(self, ctx: Context, doc: "Doc", places: list[tuple[set[str], str]]) -> list[Group]:
        by_sent: dict[int, list[TriggerMention]] = {}
        trig_tokens = {}
        all_tokens = {t.token: t for t in ctx.triggers or ()}
        dropped: set[int] = set()
        hazards: dict[int, "Token | None"] = {}  # token -> the hazard that caused it: a trigger's word is often a figure's too
        agents: list["Token"] = []  # the hazards that do an act ("the tsunami slammed into beaches")
        accidents = frozenset(ctx.accidents or ())
        told = told_hazards(doc)  # "the accident" refers back to one of these
        back = bool(told or accidents)
        of_hazard = lambda i: (hazards[i] if i in hazards else hazards.setdefault(i, hazard_cause(doc[i], accidents, back))) is not None  # noqa: E731
        for t in ctx.triggers or ():
            budget.check(self.name)  # one clause walk per trigger: long on a 50,000-word sentence
            tok = doc[t.token]
            owner = governing_trigger(doc, t, all_tokens, frozenset({"pobj", "prep", "compound", "pcomp", "dobj"}))
            agent = None  # asked last: only of a trigger nothing else drops
            if (t.negated or t.hypothetical or t.future or tok.dep_ == "amod" or cumulative(tok)
                    or (owner is not None and owner.token in dropped) or ((family_of(t) == "violence" or tok.lemma_.lower() in DAMAGE_LEMMAS or t.plover in RELIEF_ROOTS) and of_hazard(t.token))
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
        ctx.hazards = hazard_records([h for h in hazards.values() if h is not None and h.lemma_.lower() not in HAZARD_REFERENCES]
                                     + agents + told, [doc[i] for i in sorted(accidents)])
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
                owner = governing_trigger(doc, t, trig_tokens)
                fam = family_of(t)
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
            cs, ws, ts = cas.get(si, []), wea.get(si, []), tar.get(si, [])
            groups = [h for g in deadly_destruction(protest_demands(foiled(doc, groups)), cs) for h in split_by_place(doc, g, places[si][2])]
            protests = [g for g in groups if is_protest(g)]
            for v in [g for g in groups if g.family == "violence"]:
                if protests and all(t.consequence and not earlier_clause(doc[t.token]) for t in v.triggers) and not any(not w.intercepted for w in ws):
                    # "… injured when police dispersed the rally": the casualty word tells the protest's toll
                    # (not "protested after soldiers killed two farmers": another side's earlier act)
                    nearest(protests, v.triggers[0].start).triggers.extend(v.triggers)
                    groups.remove(v)
            if not any(g.family == "violence" for g in groups) and protests:
                # "31 officers were hurt when protesters threw stones": the protest's figures
                for c in cs:
                    nearest(protests, c.start).casualties.append(c)
                cs = []
            if not any(g.family == "violence" for g in groups) and any(not c.negated for c in cs):
                # a figure with no violent trigger beside it ("charged in the death of …"): its own incident
                c0 = next(c for c in cs if not c.negated)
                groups.append(Group(family="violence", sents=[si], places=set(places[si][0]), place_text=places[si][1], where=dict(places[si][3]), fallback_token=c0.token))
            if groups:
                violents = [g for g in groups if g.family == "violence"]
                disrupted = next((g for g in groups if g.family == "disrupted"), None)

                def violent(start: int) -> Group | None:  # incidents at two places of one sentence: the nearer
                    return nearest(violents, start) if violents else None

                for c in cs:
                    # incidents at two places: the one whose act is told in the figure's clause
                    # ("Clashes in Sweida kill dozens as Israel strikes Damascus"), else the nearer
                    (clause_group(doc, violents, c.token) or violent(c.start) or nearest(groups, c.start)).casualties.append(c)
                for w in ws:
                    if w.intercepted and disrupted is not None:
                        disrupted.weapons.append(w)
                    else:
                        (violent(w.start) or disrupted or nearest(groups, w.start)).weapons.append(w)
                for tm in ts:
                    (violent(tm.start) or nearest(groups, tm.start)).targets.append(tm)
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
            if bare_toll(g) and not any(earlier_clause(doc[t.token]) for t in g.triggers):
                # "At least 12 people were injured" right after police dispersed a protest: the
                # protest's casualties, not an attack of their own
                p = _protest_before(kept, g, 1)
                if p is not None:
                    absorb(p, g)
                    continue
            if g.family.endswith(LOOTING):
                # "Several shops were looted" right after a protest, naming no one who looted, or "blocked
                # a highway and set fire to vehicles" in the protest's own sentence: the protest's
                p = _protest_before(kept, g, 1 if agentless(doc, g) else 0)
                if p is not None:
                    absorb(p, g)
                    continue
            if g.family == "damage" and kept and kept[-1].family == "violence" and min(g.sents) - max(kept[-1].sents) <= 1 \
                    and not places_differ(g.places, g.where, kept[-1].places, kept[-1].where, g.split | kept[-1].split):
                absorb(kept[-1], g)  # damage at another place is no damage of the event just told
                continue
            # the latest violent event at a place this damage's sentence does not contradict
            last = next((k for k in reversed(kept) if k.family == "violence"
                         and not places_differ(g.places, g.where, k.places, k.where, g.split | k.split)), None) if g.family == "damage" else None
            if g.family == "damage" and last is not None and agentless(doc, g):
                # "one house was destroyed", "residential areas suffered the heaviest damage", further on:
                # damage that names no one who did it is the toll of the attack told before, never a
                # destruction of property (an ACLED event of its own only when someone destroys)
                absorb(last, g)
                continue
            if g.family == "damage":
                g.family = family_of(g.triggers[0])
            kept.extend(split_listed(doc, g, places[min(g.sents)][2]))
        return kept

    # -- 3: across sentences ---------------------------------------------------------------------
    def _merge(self, groups: list[Group], doc: "Doc", separate: set[int], window: int, framed: frozenset[int] | set[int] = frozenset()) -> list[Group]:
        events: list[Group] = []
        for g in groups:
            budget.check(self.name)  # each group is compared with every event so far
            home = None
            if min(g.sents) not in separate and not answers(g.main, g.triggers):  # "In a separate incident", "as a response to": new
                home = referred(events, g, doc, window)
                if home is not None:
                    # "The attack took place in Koumbri, …": the incident just told, at a finer place
                    if g.main is not None:
                        home.references.add(g.main.token)
                    absorb(home, g)
                    if g.place_text:
                        home.place_text = g.place_text
                    continue
                for ev in reversed(events):
                    if ev.pinned is not None and g.pinned is not None and ev.pinned != g.pinned and set(ev.sents) == set(g.sents):
                        continue  # two places one clause lists: an event each, however near they lie
                    if compatible(ev, g, window) and not other_day(ev, g) and not (min(g.sents) in framed and not ev.places):
                        home = ev
                        break
                if home is not None and not g.places:
                    home = _named_copy(home, events, g, doc)
            if home is None:
                events.append(g)
            else:
                absorb(home, g)
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
        casualties = _consistent(g.casualties)
        killed = figure([c for c in casualties if c.kind == "killed"], text, casualties)
        injured_mentions = [c for c in casualties if c.kind == "injured" and not c.inclusive
                            and not (killed is not None and killed.value > 0 and (c.anaphoric or told_dead(c, g.casualties)))]
        injured = less_the_later_dead(figure(injured_mentions, text, g.casualties), g.casualties)
        hit = [c for c in g.casualties if c.kind == "injured" and c.inclusive and not c.negated]
        if hit:
            best = max(hit, key=lambda c: c.value)
            rest = best.value - (killed.value if killed and not best.additional else 0)  # "three others were also shot": others than the dead
            if rest > 0 and (injured is None or rest > injured.value):
                injured = Count(value=rest, qualifier=best.qualifier, text=best.text, start=best.start, end=best.end)  # type: ignore[arg-type]
        weapons, intercepted = weapon_lists(g.weapons)
        targets = dedupe_targets(g.targets)
        conf = score + (0.1 if killed or injured else 0) + (0.05 if weapons or intercepted or targets else 0) + min(0.1, 0.03 * (len(g.sents) - 1))
        summary = _summary(acled_sub or plover.title(), g.place_text, killed, injured, intercepted)
        return Event(
            id=eid, plover=plover, acled_type=acled_type, acled_subtype=acled_sub, summary=summary, trigger=trig,
            fatalities=killed, injured=injured, weapons=weapons, intercepted=intercepted, targets=targets,
            confidence=round(max(0.05, min(0.99, conf)), 3),
        )


def _protest_before(kept: list[Group], g: Group, near: int) -> Group | None:
    """The latest protest of ``kept`` told at most ``near`` sentences before ``g`` (``kept`` is in text
    order, so never after it), at a place ``g`` does not contradict."""
    return next((k for k in reversed(kept) if is_protest(k) and min(g.sents) - max(k.sents) <= near
                 and not places_differ(g.places, g.where, k.places, k.where, g.split | k.split)), None)


def _days(doc: "Doc", g: Group, exprs: list[TimeExpression], text: str) -> tuple[date, date] | None:
    """The days the group's own clauses date it to (see :func:`.groups.other_day`)."""
    # the acts themselves: a death or an injury ("died in hospital on Monday") may come days after
    tokens = [doc[t.token] for t in g.triggers if not (t.answered or t.earlier or t.consequence)]
    # a day, not a month or a year: "a July shooting" and "the July 29, 2014, shooting" are one
    found = [e for e in clause_dates(doc, [e for e in exprs if e.sent in g.sents], tokens, text) if e.precision == "day"] if tokens else []
    if not found:
        return None
    return min(e.first for e in found), max(e.last or e.first for e in found)  # type: ignore[type-var]


def _consistent(casualties: list[CasualtyMention]) -> list[CasualtyMention]:
    """The mentions less a "no casualties" (one word denying both dead and wounded) when the same
    event has someone dead or wounded: it is said of something else ("..., leaving a woman wounded,
    as was the capital, where no casualties were reported")."""
    denied = {c.token for c in casualties if c.negated and c.kind == "killed"} & {c.token for c in casualties if c.negated and c.kind == "injured"}
    if not denied or not any(not c.negated and c.value > 0 for c in casualties):
        return casualties
    return [c for c in casualties if not (c.negated and c.token in denied)]


def _named_copy(home: Group, events: list[Group], g: Group, doc: "Doc") -> Group:
    """Of the copies a list of places made of one incident ("drone attacks in the Bryansk and
    Voronezh regions": one per region), the one whose place the placeless sentence ``g`` names in
    passing ("a teenager was hurt, the Bryansk governor said"); else ``home``, the latest."""
    if home.main is None:
        return home
    copies = [e for e in events if e.main is not None and e.main.token == home.main.token]
    if len(copies) < 2:
        return home
    sents = sents_of(doc)
    words = f" {normalize(' '.join(span_text(sents[i]) for i in sorted(set(g.sents))))} "
    named = [e for e in copies if any(p.startswith(NAME) and f" {p[len(NAME):]} " in words for p in e.places)]
    return named[0] if len(named) == 1 else home


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
