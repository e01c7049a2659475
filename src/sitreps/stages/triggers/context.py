"""Context rules: turn a trigger's candidate sense into the sense the sentence tells.

Each rule reads a few facts about the trigger's sentence (:class:`Cues`: which weapon, victim,
actor and protest words it holds) and the trigger's own dependents (subject, object, the noun
after "on"/"against"). The rules are ordered tables, read top to bottom, not a chain of special
cases: the first weapon class the sentence names wins, then who the violence hit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import lexicon as lx

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

#: weapon cue set -> sense, most specific first ("suicide car bomb" is a suicide bomb)
WEAPON_ORDER: tuple[tuple[frozenset[str], str], ...] = (
    (lx.SUICIDE, "suicide_bomb"),
    (lx.CHEMICAL, "chemical"),
    (lx.GRENADE, "grenade"),
    (lx.IED, "ied"),
    (lx.AIR, "air_strike"),
    (lx.SHELL, "shelling"),
)

_OBJ_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd"})
_SUBJ_DEPS = frozenset({"nsubj", "agent", "csubj"})
_RELEASE_OBJ = frozenset("prisoner prisoners hostage hostages detainee detainees captive captives inmate inmates soldier soldiers "
                         "people person activist activists journalist journalists".split())
_LIFT_OBJ = frozenset("sanction sanctions ban embargo curfew restriction restrictions blockade siege emergency measure "
                      "measures barrier barriers tariff tariffs limit limits".split())
_FIRE_HEADS = frozenset("open exchange come return under trade".split())
_PEOPLE = frozenset("people person persons man men woman women child children civilian civilians resident residents villager "
                    "villagers student students worker workers".split())
_RECAPTURE = frozenset("recapture retake regain liberate liberation reclaim".split())
_FORCE_VERBS = frozenset("attack assault beat kill injure wound crackdown".split())
_FIRE_VERBS = frozenset("shoot fire hit open".split())
_HARM = frozenset("kill killed killing injure injured wound wounded dead death die died beaten".split())
_EXCESSIVE = frozenset("kill killed shoot shot injure injured wound wounded beat beaten death dead die died".split())


@dataclass
class Cues:
    """The words of one sentence, lower-cased lemmas and forms, gathered once."""

    words: frozenset[str]
    gas_is_tear: bool = False
    #: the next sentence's words: a protest's outcome is often told right after it
    after: frozenset[str] = frozenset()

    @classmethod
    def of(cls, sent: "Span") -> "Cues":
        words = set()
        for t in sent:
            if t.lower_ == "riot" and t.dep_ == "compound":  # "riot police" tells no riot
                continue
            words.add(t.lower_)
            words.add(t.lemma_.lower())
        return cls(words=frozenset(words), gas_is_tear="tear" in words or "teargas" in words)

    def has(self, cue: frozenset[str]) -> bool:
        return not self.words.isdisjoint(cue)

    def weapon(self) -> str | None:
        for cue, sense in WEAPON_ORDER:
            if sense == "chemical" and not self.has(cue):
                if self.has(lx.CHEMICAL_WEAK) and self.has(lx.CHEMICAL_WITH) and not self.gas_is_tear:
                    return sense
                continue
            if sense == "grenade" and "stun" in self.words:
                continue
            if self.has(cue):
                return sense
        return None

    @property
    def protest(self) -> bool:
        return self.has(lx.PROTESTERS)


def words_of(tok: "Token", deps: frozenset[str]) -> set[str]:
    """Lemmas (and their compounds) of the children of ``tok`` in ``deps``, and of the nouns
    after its prepositions on/against/at/in/from/of when ``deps`` holds ``pobj``."""
    out: set[str] = set()
    for c in tok.children:
        if c.dep_ in deps:
            out.add(c.lemma_.lower())
            out.add(c.lower_)
            for g in c.children:
                if g.dep_ in ("compound", "amod", "nmod"):
                    out.add(g.lower_)
                elif g.dep_ == "prep" and g.lower_ in ("of", "for"):  # "dozens of militants", "a camp for refugees"
                    out.update(x.lower_ for x in g.children if x.dep_ == "pobj")
        if "pobj" in deps and c.dep_ == "prep":
            for g in c.children:
                if g.dep_ == "pobj":
                    out.add(g.lemma_.lower())
                    out.add(g.lower_)
    return out


def subject_words(tok: "Token") -> set[str]:
    out = words_of(tok, _SUBJ_DEPS)
    for c in tok.children:  # passive agent: "by gunmen"
        if c.dep_ == "agent":
            out |= words_of(c, frozenset({"pobj"}))
    passive = any(c.dep_ == "nsubjpass" for c in tok.children)  # "after rockets were fired": no agent told
    if not out and not passive and tok.dep_ in ("xcomp", "conj", "advcl", "acl", "relcl") and tok.head.i != tok.i:
        out = words_of(tok.head, _SUBJ_DEPS)
        if tok.dep_ in ("acl", "relcl") and tok.tag_ != "VBN":  # "gunmen who attacked"; not "civilians killed"
            out.add(tok.head.lemma_.lower())
    if tok.pos_ == "NOUN":
        out |= {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod", "poss", "nmod")}
    return out


def victim_words(tok: "Token") -> set[str]:
    out = words_of(tok, _OBJ_DEPS | {"pobj"})
    if tok.dep_ in ("acl", "relcl") and tok.head.i != tok.i:  # "civilians killed in …"
        out.add(tok.head.lemma_.lower())
    return out


def violence(tok: "Token", cues: Cues, weak: bool) -> str | None:
    """Violence with no weapon named in the trigger: by weapon, then by who it hit."""
    weapon = cues.weapon()
    if weapon:
        return weapon
    if lx.MOB & cues.words:
        return "mob_violence"
    if cues.protest and victim_words(tok) & lx.PROTESTERS:
        return protest(tok, cues)  # "officers attacked a peaceful demonstration"
    if cues.protest and (cues.has(lx.RIOT) or "protester" in subject_words(tok) or "protesters" in subject_words(tok)):
        return "violent_demo"
    victims = victim_words(tok)
    subj = subject_words(tok)
    if victims & lx.CIVILIAN and not victims & lx.ARMED:
        return "attack"
    if victims & lx.ARMED or (subj & lx.ARMED and (subj & lx.ARMED_GROUP) != (subj & lx.ARMED)):
        return "armed_clash"
    if weak and not (cues.has(lx.ARMED) or cues.has(lx.CIVILIAN)):
        return None
    civ = len(cues.words & lx.CIVILIAN)
    arm = len(cues.words & lx.ARMED)
    if subj & lx.ARMED_GROUP and civ >= arm - 1:
        return "attack"
    if arm == 0:
        return "attack"  # "someone opened fire": a clash needs armed people on the scene
    return "attack" if civ > arm else "armed_clash"


def protest(tok: "Token", cues: Cues) -> str:
    """A protest, and what happened to it. ACLED codes force against protesters only when the
    protesters were peaceful: protesters who clash, burn or throw make it a violent demonstration."""
    if cues.has(lx.MOB):
        return "mob_violence"
    lemma = tok.lemma_.lower()
    harm = bool(cues.words & _HARM)
    subj = subject_words(tok)
    by_state = (lemma in _FORCE_VERBS or (lemma in _FIRE_VERBS and harm)) and bool(subj & lx.STATE)
    if lemma in _FORCE_VERBS and subj and not subj & (lx.STATE | lx.PROTESTERS | lx.ARMED):
        return "mob_violence"  # a group of bystanders or counter-protesters set on a rally
    if by_state and not cues.has(lx.RIOT):
        return "excessive_force"
    if cues.has(lx.RIOT) or (cues.has(lx.RIOT_WEAK) and not cues.has(lx.PEACEFUL)):
        return "violent_demo"
    if _protesters_harmed(tok, cues):
        return "excessive_force"
    if not cues.has(lx.INTERVENTION) and not cues.has(lx.PEACEFUL) and not cues.after.isdisjoint(lx.RIOT):
        return "violent_demo"  # "… rallied in the capital. Some threw stones at police."
    if cues.has(lx.INTERVENTION):
        return "protest_intervention"
    return "peaceful_protest"


def _protesters_harmed(tok: "Token", cues: Cues) -> bool:
    """Protesters (or people at the protest) killed, shot or injured."""
    if not cues.words & _EXCESSIVE:
        return False
    for t in tok.sent:
        if t.lemma_.lower() in ("kill", "shoot", "injure", "wound", "beat"):
            # protesters who kill or beat someone are rioting, not suffering force
            if subject_words(t) & (lx.PROTESTERS | {"rioter", "rioters", "mob"}):
                return False
    return True


def territory(tok: "Token", cues: Cues) -> str | None:
    """Capture of a place (by whom decides the sub-event), of weapons, or of people."""
    objs = victim_words(tok)
    if objs & lx.WEAPONS:
        return "weapons_seized"
    lemma = tok.lemma_.lower()
    place = bool(objs & lx.TERRITORY) or any(
        c.ent_type_ in ("GPE", "LOC", "FAC") for c in tok.children if c.dep_ in ("dobj", "nsubjpass")
    ) or tok.pos_ == "NOUN"
    if not place:
        if objs & lx.CIVILIAN or objs & _PEOPLE:
            return "abduction"
        if objs & lx.PROPERTY:
            return "looting"
        if lemma in ("seize", "capture", "occupy"):
            return None
    if cues.has(lx.UNOPPOSED) and not cues.has(lx.FIGHTING):
        return "transfer"  # "entered the town after the army pulled out"
    subj = subject_words(tok)
    if subj & lx.ARMED_GROUP:
        return "nsa_overtakes"
    if subj & lx.STATE:
        return "gov_regains"
    if cues.has(lx.ARMED_GROUP) and not cues.has(lx.STATE):
        return "nsa_overtakes"
    if lemma in _RECAPTURE:
        return "gov_regains"
    if cues.has(lx.STATE):
        return "gov_regains"
    return "nsa_overtakes"


_ONE_SIDED = frozenset("beat beating torture assassinate assassination execute execution behead beheading stab stabbing "
                       "abuse mistreat ill-treat strangle hang lynch massacre slaughter hack bludgeon".split())
_HOSTED = frozenset("meeting meetings talk talks summit conference delegation visit leader leaders president "
                    "minister ministers counterpart envoy envoys negotiation negotiations".split())
_SANCTION_OBJ = frozenset("aid assistance delivery deliveries tie ties link links relation relations talk talks cooperation "
                          "program programme trade export exports import imports flight flights visa visas".split())
_COMMUNAL = frozenset("villager villagers resident residents community communities youth youths supporters clan clans "
                      "tribesmen family families neighbours neighbors locals mob crowd".split())
_REMOTE = frozenset({"air_strike", "shelling", "ied"})


def _by_a_state(tok: "Token") -> bool:
    """The trigger's subject or modifier is a country, its people's adjective or its armed forces."""
    for c in tok.children:
        if c.dep_ in ("nsubj", "amod", "compound", "poss", "nmod") and c.ent_type_ in ("NORP", "GPE"):
            return True
    return bool(subject_words(tok) & (lx.STATE - {"police", "policeman", "policemen", "security"}))


def _at_protest(tok: "Token") -> bool:
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("at", "during", "in"):
            if any(g.dep_ == "pobj" and g.lower_ in lx.PROTESTERS for g in c.children):
                return True
    return False


def _from_place(tok: "Token") -> bool:
    """"withdrew from the town", "pulled out of Afrin": a place left behind."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("from", "of"):
            for g in c.children:
                if g.dep_ == "pobj" and (g.lemma_.lower() in lx.TERRITORY or g.lower_ in lx.TERRITORY
                                         or g.ent_type_ in ("GPE", "LOC", "FAC") or g.pos_ == "PROPN"):
                    return True
    return False


_APPEAL_FOR = frozenset("tip tips tipline hotline crimestoppers stoppers witness witnesses".split())
_ANYONE = frozenset("anyone anybody whoever".split())
_CONTACT = frozenset("call contact phone ring email e-mail text report reach forward".split())


def _public_appeal(tok: "Token") -> bool:
    """A request to the public for information or witnesses, as police put out after a crime."""
    words: set[str] = set()
    for c in tok.children:
        if c.dep_ in ("nsubj", "agent"):
            continue  # who asks
        words.update(t.lower_ for t in c.subtree)
        words.update(t.lemma_.lower() for t in c.subtree)
    # "appealed for witnesses"; "anyone with information", "to call police with information"
    return bool(words & _APPEAL_FOR) or (bool(words & _ANYONE) and bool(words & (_CONTACT | {"information"}))) or (
        "information" in words and bool(words & _CONTACT))


def resolve(tok: "Token", sense: str, cues: Cues) -> str | None:
    """The final sense of a trigger (a key of SENSES), or None when it tells no event here."""
    final = _resolve(tok, sense, cues)
    if final in _REMOTE and cues.weapon() == "chemical":
        return "chemical"  # "shells contained poisonous gas"
    return final


def _resolve(tok: "Token", sense: str, cues: Cues) -> str | None:
    lemma = tok.lemma_.lower()
    if sense == "explosion" and lemma == "go" and not any(c.dep_ == "prt" and c.lower_ == "off" for c in tok.children):
        return None
    if sense in ("violence",):
        return violence(tok, cues, weak=lemma in ("hit", "pound", "target", "storm", "raid", "pummel", "bombard", "barrage", "salvo", "volley", "offensive", "incursion", "infiltrate", "infiltration"))
    if sense == "strike":
        armed = bool(cues.weapon()) or (tok.pos_ == "VERB" and any(c.dep_ == "dobj" and c.lower_ != "work" for c in tok.children))
        if not armed and cues.words & {"worker", "workers", "union", "unions", "employee", "employees", "staff", "teacher", "teachers",
                         "doctor", "doctors", "nurse", "nurses", "driver", "drivers", "trader", "traders", "shutdown",
                         "walkout", "wage", "wages", "pay", "general", "nationwide", "indefinite", "hunger"}:
            return "peaceful_protest" if not cues.has(lx.INTERVENTION) else protest(tok, cues)
        if not cues.weapon() and _by_a_state(tok):
            return "air_strike"  # "Israeli strikes on Gaza": a state's strikes are from the air unless told otherwise
        return violence(tok, cues, weak=False)
    if sense in ("explosion", "kill", "hurt") and cues.has(lx.ACCIDENT) and not cues.has(lx.HOSTILE) and not cues.weapon():
        return None  # a gas explosion, a crash, a flood: not political violence
    if sense == "explosion":
        weapon = cues.weapon()
        if weapon:
            return weapon
        if cues.has(lx.PROTESTERS) and cues.has(lx.RIOT):
            return "violent_demo"
        return "ied"
    if sense in ("kill", "hurt"):
        if lemma == "lynch" or lemma == "lynching":
            return "mob_violence"
        if cues.protest:
            return protest(tok, cues)
        if lemma in _ONE_SIDED and not cues.weapon():
            return "attack"  # torture, beatings, assassinations: violence on someone who is not fighting
        return violence(tok, cues, weak=True)
    if sense == "shoot":
        if lemma == "fire" and tok.pos_ == "NOUN" and tok.head.lemma_.lower() not in _FIRE_HEADS:
            return None
        if any(c.dep_ == "prt" and c.lower_ == "down" for c in tok.children):
            return "disrupted"
        if cues.protest or cues.has(lx.INTERVENTION):
            return protest(tok, cues)
        if lemma == "fire":
            weapon = cues.weapon()
            if weapon and weapon in ("shelling", "air_strike", "grenade"):
                return weapon
            if cues.has(lx.INTERVENTION):
                return None
        return violence(tok, cues, weak=False) if lemma != "fire" else (cues.weapon() or violence(tok, cues, weak=False))
    if sense == "protest":
        if lemma == "protest" and subject_words(tok) & (lx.GOVERNMENT | {"ministry", "embassy", "foreign", "rights", "organisation",
                                                                          "organization", "watchdog", "amnesty", "church", "ngo"}):
            return "disapprove"
        if lemma == "boycott" and subject_words(tok) & lx.GOVERNMENT:
            return "sanction"
        return protest(tok, cues)
    if sense == "territory":
        return territory(tok, cues)
    if sense == "liberate":  # "freed several villages", "drove the militants out of the town"
        objs = victim_words(tok)
        if objs & lx.TERRITORY or _from_place(tok) or any(c.ent_type_ in ("GPE", "LOC") for c in tok.children if c.dep_ == "dobj"):
            return territory(tok, cues)
        if lemma == "drive" or lemma == "push":
            return territory(tok, cues) if objs & (lx.ARMED_GROUP | lx.ARMED) else None
        return None
    if sense == "seize":
        objs = victim_words(tok)
        if objs & lx.WEAPONS:
            return "weapons_seized"
        return "coerce"
    if sense == "disrupted" and lemma in ("intercept", "interception", "foil", "thwart", "neutralise", "neutralize", "dismantle"):
        objs = victim_words(tok)
        if objs & (lx.CIVILIAN | _PEOPLE | {"migrant", "migrants", "individual", "suspect", "suspects", "smuggler", "smugglers"}):
            return None
        if not (cues.has(lx.WEAPONS) or cues.has(lx.AIR) or cues.has(lx.SHELL) or cues.words & {"attack", "plot", "bomb", "attacks"}):
            return None
        return "disrupted"
    if sense == "found":
        if victim_words(tok) & lx.WEAPONS or (tok.pos_ == "NOUN" and words_of(tok, frozenset({"prep", "pobj"})) & lx.WEAPONS):
            return "weapons_seized"
        for c in tok.children:  # "a hideout used to store arms", "caches containing weapons"
            if c.dep_ in ("dobj", "nsubjpass") and any(t.lemma_.lower() in lx.WEAPONS for t in c.subtree):
                return "weapons_seized"
        return None
    if sense == "destroy":
        if victim_words(tok) & lx.WEAPONS:
            return "weapons_seized"
        if cues.protest or cues.has(lx.RIOT) and ("rioter" in cues.words or "rioters" in cues.words):
            return "violent_demo"
        if cues.has(lx.MOB):
            return "mob_violence"
        if cues.weapon():
            return None
        return "looting"
    if sense in ("agree_like", "consult") and lemma != "surrender":
        if sense == "consult" and not cues.words & {"ceasefire", "cease-fire", "truce", "armistice", "peace", "rebel", "rebels",
                                                     "insurgents", "militants", "guerrillas", "guerrilla", "militia"}:
            return "consult"
        if sense == "consult":
            return "peace_talks"
        if cues.words & {"soldiers", "mutiny", "mutineers", "guerrillas", "guerrilla", "ceasefire", "cease-fire", "truce", "armistice", "peace", "prisoner", "prisoners", "hostage",
                         "hostages", "surrender", "rebel", "rebels", "militant", "militants", "insurgent", "insurgents",
                         "militia", "militias", "armed", "fighter", "fighters", "disarm", "disarmament", "conflict", "war"}:
            return "agreement"
        return "agree"
    if sense == "release":
        objs = victim_words(tok)
        if lemma in ("exchange", "swap") and not objs & _RELEASE_OBJ and not cues.words & {"prisoner", "prisoners"}:
            return None
        if objs & _RELEASE_OBJ or (tok.pos_ == "NOUN" and cues.words & _RELEASE_OBJ):
            return "release"
        return None
    if sense == "armed_clash" and lemma in ("exchange", "engage", "engagement"):
        objs = victim_words(tok)
        if lemma == "exchange" and not objs & {"fire", "gunfire", "shot", "shots", "blow", "blows"}:
            return None
        if lemma in ("engage", "engagement") and not (cues.has(lx.ARMED) and (cues.weapon() or cues.words & {"fire", "gunfire", "battle", "fighting", "clash"})):
            return None
        return "armed_clash"
    if sense == "armed_clash" and cues.protest and not cues.words & {"army", "troops", "soldiers", "militants"}:
        return protest(tok, cues)
    if sense == "armed_clash":
        subj = subject_words(tok)
        if subj & _COMMUNAL and not subj & lx.ARMED and not cues.weapon():
            return "mob_violence"  # villagers, rival groups of residents: communal violence
        return "armed_clash"
    if sense == "retreat":
        if subject_words(tok) & (lx.ARMED | lx.ARMED_GROUP):
            return "transfer" if _from_place(tok) else "change_group"
        return "retreat"
    if sense == "mobilize":
        if lemma in ("surrender", "capitulate", "capitulation"):
            return "surrender"
        if lemma == "join" and not victim_words(tok) & (lx.ARMED_GROUP | {"rank", "ranks", "group"}):
            return None
        if lemma == "mass" and not victim_words(tok) & lx.ARMED:
            return None
        if lemma in ("deploy", "deployment", "mobilize", "mobilise", "mobilization", "mobilisation", "reinforce", "reinforcement", "redeploy"):
            return "mobilize" if not cues.has(lx.ARMED_GROUP) and not cues.words & {"front", "frontline", "battlefront"} else "change_group"
        return "change_group"
    if sense == "transfer":
        objs = victim_words(tok)
        if objs & lx.TERRITORY or objs & {"control"} or (tok.pos_ == "NOUN" and words_of(tok, frozenset({"prep"})) & lx.TERRITORY):
            return "transfer"
        return None
    if sense == "hq_maybe":
        return None
    if sense == "concede" and lemma in ("lift", "ease", "relax", "cancel", "shorten", "scrap", "rescind", "remove"):
        return "concede" if victim_words(tok) & _LIFT_OBJ else None
    if sense == "coerce" and cues.protest and lemma in ("disperse", "crackdown", "repress", "repression"):
        return protest(tok, cues)
    if sense == "coerce" and cues.protest and lemma in ("disperse", "crackdown", "repress", "repression"):
        return protest(tok, cues)
    if sense == "accuse" and lemma == "charge" and not (
            any(c.dep_ == "prep" and c.lower_ in ("with", "of") for c in tok.children)
            or any(c.dep_ == "nsubjpass" for c in tok.children) or tok.pos_ == "NOUN"):
        return violence(tok, cues, weak=True)  # "fighters charged a camp"
    if sense == "demand" and _public_appeal(tok):
        return None  # "anyone with information is asked to call police": an appeal for help, not a demand
    if sense == "demand" and lemma == "call" and not any(
            c.dep_ in ("xcomp", "ccomp") or (c.dep_ in ("prt", "prep") and c.lower_ in ("for", "on", "upon")) for c in tok.children):
        return None  # "police were called to the scene"; "called for"/"called on" are phrases
    if sense == "consult" and lemma == "host" and not victim_words(tok) & _HOSTED:
        return None
    if sense == "coerce" and lemma == "raid" and not cues.words & {"arrest", "arrested", "detain", "detained"}:
        return violence(tok, cues, weak=True)
    if sense == "sanction" and lemma in ("ban", "suspend", "outlaw") and tok.pos_ == "VERB":
        objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        if objs and not any(o.ent_type_ in ("GPE", "NORP") or o.lemma_.lower() in _SANCTION_OBJ for o in objs):
            return "coerce"  # a government banning a party, a paper, candidates: repression, not a sanction
    if sense == "arrests" and cues.protest and (victim_words(tok) & lx.PROTESTERS or _at_protest(tok)):
        return protest(tok, cues)  # protesters arrested, arrests at a rally: a protest with intervention
    if sense == "none":
        return None
    return sense
