"""The events stage's groups: the mentions that tell one incident, how a sentence's groups are
split by place, and when a group joins an earlier one (:mod:`sitreps.stages.events` says how)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from ...lang import load
from ...text.incident_places import COUNTRY, NAME, Listed, Where, coordinated, inside, places_differ, shares_fine_place, span_root
from ...text.mentions import CasualtyMention, TargetMention, TriggerMention, WeaponMention
from ...text.summary import DEMONSTRATION_TYPES, VIOLENT_TYPES

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

DISRUPTED = "Disrupted weapons use"
REMOTE_SUBTYPES = {"Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Suicide bomb", "Grenade", "Chemical weapon"}
_W = load("en").words_of("events")  # lang/en/words.toml [events]
DAMAGE_LEMMAS = _W.damage_lemmas
#: modifiers of "the attack" that make it another one than the incident just told
NOT_SAME = _W.not_same
#: verbs of stopping an attack, whose object is that attack ("the police thwarted the attacks")
FOIL_LEMMAS = _W.foil_lemmas


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
    #: token indices of definite nouns that refer back to the incident ("claimed the bombing"): they name it, not type it
    references: set[int] = field(default_factory=set)
    #: first and last day its own clauses date it to ("on Sunday"), when they do: another day is another incident
    days: tuple[date, date] | None = None
    #: ``main`` as last worked out, with the family and the lists (which only grow, by append and extend,
    #: or are replaced whole) it was worked out for; not copied by ``dataclasses.replace``
    _main: tuple = field(default=(), init=False, repr=False, compare=False)

    @property
    def main(self) -> TriggerMention | None:
        key = (self.family, id(self.triggers), len(self.triggers), id(self.references), len(self.references))
        if self._main and self._main[0] == key:
            return self._main[1]
        found = self._main_trigger()
        self._main = (key, found)
        return found

    def _main_trigger(self) -> TriggerMention | None:
        own = [t for t in self.triggers if family_of(t) == self.family] or self.triggers
        own = [t for t in own if not (t.answered or t.earlier)] or own  # an earlier act named is not the one told
        typed = [t for t in own if not t.consequence]
        # "A suicide bomber killed 12 … claimed responsibility for the bombing": the incident's own
        # telling types it; a definite noun that refers back to it does only when nothing else can
        pool = [t for t in typed if t.token not in self.references] or typed or own
        return max(pool, key=lambda t: (t.score, -t.start)) if pool else None

    def killed_values(self) -> set[int]:
        """Death counts that tell incidents apart ("a fatal shooting", at least one, tells nothing, nor
        does a lower bound told by a word: "dozens dead" in a headline over a lead's 70);
        with the sum the group's own figure gives ("one man died … and a second died": 1 and 2)."""
        told = [c for c in self.casualties if c.kind == "killed" and not c.negated and not c.inclusive
                and not (c.value == 1 and c.qualifier == "at_least") and not c.vague]
        values = {c.value for c in told}
        if told and any(c.additional for c in told):
            values.add(sum(c.value for c in told if c.sent == told[-1].sent))
        return values


def foiled(doc: "Doc", groups: list[Group]) -> list[Group]:
    """A sentence's groups with each disrupted act whose object is a violent trigger of the sentence
    ("terrorists attacked the police station …, but the police thwarted the attacks") joined to that
    trigger's group: stopping the attack is how that incident ended, not a disrupted weapons use of
    its own. Interceptions ("shot down 20 drones") name weapons, not attacks, and keep theirs."""
    violent = {t.token: g for g in groups if g.family == "violence" for t in g.triggers}
    out = []
    for g in groups:
        verbs = [doc[t.token] for t in g.triggers]
        home = None
        if g.family == "disrupted" and all(v.lemma_.lower() in FOIL_LEMMAS for v in verbs):
            home = next((violent[c.i] for v in verbs for c in v.children if c.dep_ == "dobj" and c.i in violent), None)
        if home is not None:
            home.triggers.extend(g.triggers)
        else:
            out.append(g)
    return out


def protest_demands(groups: list[Group]) -> list[Group]:
    """A sentence's groups with its demands ("rallied in the capital …, demanding the chief of the
    judiciary be removed") joined to the protest the sentence tells: what protesters demand is
    what the protest is about, not a statement of its own (ACLED codes the protest)."""
    protest = next((g for g in groups if is_protest(g)), None)
    if protest is None:
        return groups
    out = []
    for g in groups:
        if g is not protest and g.triggers and all(t.plover == "DEMAND" and t.acled_type is None for t in g.triggers):
            protest.triggers.extend(g.triggers)
        else:
            out.append(g)
    return out


#: ACLED's sub-event type of destroying or looting property when no one is harmed
DESTRUCTION = "Looting/property destruction"


def deadly_destruction(groups: list[Group], casualties: list[CasualtyMention]) -> list[Group]:
    """A sentence's groups with a destruction that killed or hurt people told as the attack it is
    ("gunmen set fire to houses, killing two"; "a farmer died when bandits torched his barn"):
    ACLED codes property destruction only where no other violence occurs, and an arson or a
    looting that harms people is violence against them. The destruction's triggers take the
    attack's type and join the sentence's violent group when that one is only a casualty word
    (the toll of the destruction), or make one. A sentence with another violent act keeps both."""
    wrecks = [g for g in groups if g.family != "violence" and g.triggers
              and all(t.acled_subtype == DESTRUCTION and not t.consequence for t in g.triggers)]
    violent = [g for g in groups if g.family == "violence"]
    harmed = any(not c.negated and c.value > 0 for c in casualties)
    if not wrecks or not (harmed or violent) or any(not t.consequence for v in violent for t in v.triggers):
        return groups
    home = violent[0] if violent else wrecks[0]
    for g in wrecks:
        home.triggers.extend(replace(t, plover="ASSAULT", acled_type="Violence against civilians", acled_subtype="Attack")
                             for t in (g.triggers if g is not home else ()))
    if home in wrecks:
        home.triggers = [replace(t, plover="ASSAULT", acled_type="Violence against civilians", acled_subtype="Attack") for t in home.triggers]
        home.family = "violence"
    for v in violent[1:]:
        home.triggers.extend(v.triggers)
    return [g for g in groups if g is home or (g not in wrecks and g not in violent)]


def is_protest(g: Group) -> bool:
    """A demonstration, a riot or force used on one (ACLED Protests, Riots; PLOVER PROTEST)."""
    main = g.main
    return main is not None and g.family != "violence" and (main.plover == "PROTEST" or main.acled_type in DEMONSTRATION_TYPES)


def agentless(doc: "Doc", g: Group) -> bool:
    """Every trigger of ``g`` names no one who did it: a passive verb with no agent ("was
    destroyed") or a noun with no owner or "by" ("suffered heavy damage")."""
    def agentless(tok: "Token") -> bool:
        if tok.pos_ in ("NOUN", "PROPN"):
            return not any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "by") for c in tok.children)
        return any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children) and not any(c.dep_ == "agent" for c in tok.children)

    return bool(g.triggers) and all(agentless(doc[t.token]) for t in g.triggers)


def bare_toll(g: Group) -> bool:
    """A violent group told by nothing but its casualty words, with a figure or without ("Two of
    the dead were …"): no act, weapon or target."""
    return (g.family == "violence" and not g.weapons and not g.targets and bool(g.casualties or g.triggers)
            and all(t.consequence for t in g.triggers))


def family_of(t: TriggerMention) -> str:
    if t.acled_subtype == DISRUPTED and t.plover == "FIGHT":
        return "disrupted"
    if t.acled_type in VIOLENT_TYPES or (t.plover in ("FIGHT", "ASSAULT") and t.acled_subtype != DISRUPTED):
        return "violence"
    return f"{t.plover}|{t.acled_type}|{t.acled_subtype}"


def governing_trigger(doc: "Doc", t: TriggerMention, trig_tokens: dict[int, TriggerMention], deps: frozenset[str] = frozenset({"pobj", "prep", "compound", "pcomp"})) -> TriggerMention | None:
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


def nearest(groups: list[Group], start: int) -> Group:
    return min(groups, key=lambda g: min(abs(t.start - start) for t in g.triggers) if g.triggers else 0)


def absorb(home: Group, g: Group) -> None:
    home.triggers.extend(g.triggers)
    home.casualties.extend(g.casualties)
    home.weapons.extend(g.weapons)
    home.targets.extend(g.targets)
    home.sents.extend(g.sents)
    if g.places and not home.places:
        home.place_text = g.place_text
    home.places |= g.places
    home.where.update(g.where)
    home.references |= g.references
    if home.fallback_token is None:
        home.fallback_token = g.fallback_token
    if home.pinned is None and g.pinned is not None and not home.places - g.places:
        home.pinned = g.pinned
    if home.days is None:
        home.days = g.days


def other_day(ev: Group, g: Group) -> bool:
    """Remote violence and another kind of act dated to days that do not meet ("fighting broke out
    on Sunday" … "a drone strike on Monday killed another five"): two incidents, as two places make
    two. Not for acts of the kinds local crime news tells, whose days are often told twice and
    differently ("an overnight shooting" … "shot late Wednesday"): any two acts of different days
    split 121 GVA pages (pairwise F1 0.669 -> 0.643), two of different sub-types 28 (0.659)."""
    if ev.days is None or g.days is None or not (g.days[1] < ev.days[0] or g.days[0] > ev.days[1]):
        return False
    a, b = ev.main, g.main
    return (a is not None and b is not None and a.acled_subtype != b.acled_subtype
            and (a.acled_subtype in REMOTE_SUBTYPES or b.acled_subtype in REMOTE_SUBTYPES))


def referred(events: list[Group], g: Group, doc: "Doc", window: int) -> Group | None:
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
    if any(c.lower_ in NOT_SAME for c in tok.children if c.dep_ in ("amod", "det", "compound", "nummod")):
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
    return pick if compatible(pick, g, window, anywhere=True, any_kind=bare, referring=True) else None


def compatible(ev: Group, g: Group, window: int, anywhere: bool = False, any_kind: bool = False, referring: bool = False) -> bool:
    """Whether ``g`` may tell the incident ``ev`` (see the events stage's step 3). ``referring``: ``g``
    names ``ev`` by a definite "the attack", so a smaller toll it tells at no place ("a soldier died
    in the exchange of fire" after eight militants killed) is part of it."""
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
        part = any(max(k_small) < max(k_big) and not small.places and (all(t.consequence for t in small.triggers) or (referring and small is g))
                   for small, k_small, k_big in ((g, kb, ka), (ev, ka, kb)))
        if not toll and not part and not any(c.additional for c in g.casualties):
            return False
    return True


def own_place(doc: "Doc", t: TriggerMention, listed: list[Listed]) -> Listed | None:
    """The place a trigger's own phrase names: "raids on Kura", "a separate raid on Dala LGA
    villages" (the place under the trigger's preposition, through compounds), or under the verb
    the trigger is the subject of ("the raids left 9 people dead in Kura LGA")."""
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


def at_place(g: Group, pl: Listed, **kw) -> Group:
    """A group of ``g``'s sentence and kind pinned to one of the places it names, its countries kept."""
    return Group(family=g.family, sents=list(g.sents), places={pl.key, NAME + pl.name} | {p for p in g.places if p.startswith(COUNTRY)},
                 place_text=pl.text, where=dict(g.where), pinned=pl.start, **kw)


def split_by_place(doc: "Doc", g: Group, listed: list[Listed]) -> list[Group]:
    """A sentence that tells violent incidents at two places ("9 people dead in raids on Kura …
    12 more died in a separate raid on Dala"): one group per place its triggers name,
    the other triggers going to the nearest of them. The figures go to the nearest trigger's group
    afterwards."""
    if g.family != "violence" or len(g.triggers) < 2 or len(listed) < 2:
        return [g]
    own = {t.token: own_place(doc, t, listed) for t in g.triggers if not t.consequence}
    placed = {pl.key: pl for pl in own.values() if pl is not None}
    if len(placed) == 1 and len(listed) == 2:
        # "Clashes in Sweida province have killed 89, as Israel carried out strikes on the army
        # headquarters in Damascus": one act names its place, an act of another clause with a doer
        # of its own is at the sentence's other place, when neither place holds the other
        other = _other_place(doc, g, own, listed, next(iter(placed.values())))
        if other is not None:
            own = {k: v or other for k, v in own.items()}
            placed[other.key] = other
    if len(placed) < 2:
        return [g]
    out = {key: at_place(g, pl) for key, pl in sorted(placed.items(), key=lambda kv: kv[1].start)}
    anchored = [(t, own[t.token]) for t in g.triggers if own.get(t.token) is not None]
    for t in g.triggers:
        pl = own.get(t.token)
        if pl is None:
            pl = min(anchored, key=lambda ta: abs(ta[0].token - t.token))[1]
        out[pl.key].triggers.append(t)
    return list(out.values())


def _other_place(doc: "Doc", g: Group, own: dict[int, Listed | None], listed: list[Listed], placed: Listed) -> Listed | None:
    """The sentence's other place for its acts that name none, when those acts and that place are
    told in another clause than the act that names its place, each clause with a subject of its
    own, and neither place lies in the other; else None."""
    other = next((pl for pl in listed if pl.key != placed.key), None)
    if other is None or (other.key in g.where and placed.key in g.where and (
            inside(g.where[other.key], g.where[placed.key], frozenset()) or inside(g.where[placed.key], g.where[other.key], frozenset()))):
        return None
    anchor = next(t for t in g.triggers if own.get(t.token) == placed)
    home = _clause_verb(doc[anchor.token])
    bare = [t for t in g.triggers if t.token in own and own[t.token] is None]
    if not bare or any(_clause_verb(doc[t.token]).i == home.i for t in bare):
        return None
    if not all(any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in _clause_verb(doc[t.token]).children) for t in bare + [anchor]):
        return None
    root = span_root(doc, other.tokens)
    if root.dep_ in ("nsubj", "nsubjpass", "poss"):
        return None  # "Tolbert was shot": a name that does or suffers the act is no place of it
    there = _clause_verb(root).i
    if there == home.i or any(_clause_verb(doc[t.token]).i != there for t in bare):
        return None  # the other place is told in the first act's clause, or not in that of the acts that name none
    return other


def clause_group(doc: "Doc", groups: list[Group], token: int | None) -> Group | None:
    """Of two or more groups of one sentence, the one with an act told in the clause of the token
    ``token`` (a figure's word); None when there are fewer groups, or none or several such."""
    if token is None or len(groups) < 2:
        return None
    verb = _clause_verb(doc[token]).i
    found = [g for g in groups if any(_clause_verb(doc[t.token]).i == verb for t in g.triggers if not t.consequence)]
    return found[0] if len(found) == 1 else None


def _clause_verb(tok: "Token") -> "Token":
    """The verb of the clause ``tok`` is told in (``tok`` itself when it is one); a participle that
    modifies a noun ("tribes backed by forces in Sweida") is part of that noun's clause, and a
    gerund subject ("Fighting … has killed 30") part of its verb's."""
    node = tok
    for _ in range(10):
        if (node.pos_ in ("VERB", "AUX") and node.dep_ not in ("acl", "amod", "csubj")) or node.head.i == node.i:
            return node
        node = node.head
    return node


def split_listed(doc: "Doc", g: Group, listed: list[Listed]) -> list[Group]:
    """One incident per place when the clause of the group's trigger lists several places ("drone
    attacks on Kherson and on Kharkiv", "bombed positions in Nyala and El Geneina"): ACLED codes an
    event per location. The figures, counted weapons and targets stay with the first place, so
    nothing is counted twice; every copy keeps the trigger."""
    main = g.main
    if main is None or g.family == "disrupted" or len(set(g.sents)) != 1:
        return [g]
    trig = doc[main.token]
    # the places hang on the trigger, or on the verb a trigger noun is the subject of ("drone
    # attacks were reported in the Bryansk and Voronezh regions")
    holders = {trig.i} | ({trig.head.i} if trig.dep_ in ("nsubj", "nsubjpass") else set())
    for cluster in coordinated(doc, listed):
        first = span_root(doc, cluster[0].tokens)
        if not any(a.i in holders for a in first.ancestors):
            continue
        out = []
        for k, pl in enumerate(cluster):
            copy = at_place(g, pl, triggers=list(g.triggers), fallback_token=g.fallback_token)
            if k == 0:
                copy.casualties, copy.targets = list(g.casualties), list(g.targets)
                copy.weapons = list(g.weapons)
            else:
                copy.weapons = [w for w in g.weapons if not w.count]
            out.append(copy)
        return out
    return [g]
