"""Context rules: turn a trigger's candidate sense into the sense the sentence tells.

The rules are data: the ordered table of the language's ``context.toml`` (see
:mod:`.rules`), read against the facts of the trigger's sentence (:class:`Cues`: which weapon,
victim, actor and protest words it holds) and the trigger's own dependents (subject, object,
the noun after "on"/"against"). What a table cannot say lives here as a few resolvers the rules
name: violence typed by weapon and then by who it hit, a protest and what happened to it, a
place taken and by whom.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Callable

from ...errors import ConfigError
from ...text.bombers import bomber_is_a_person
from ...text.incident_places import earlier_clause
from ...lang import WordSets, load
from ...parse import tokens_in, tokens_of
from .args import demanding, subject_words, victim_words
from .rules import Rules, compile_rules, festive

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

#: weapon cue set (words.toml [triggers]) -> sense, most specific first ("suicide car bomb" is a suicide bomb)
WEAPON_ORDER: tuple[tuple[str, str], ...] = (
    ("suicide", "suicide_bomb"),
    ("chemical", "chemical"),
    ("grenade", "grenade"),
    ("ied", "ied"),
    ("air", "air_strike"),
    ("shell", "shelling"),
)

_REMOTE = frozenset({"air_strike", "shelling", "ied"})
#: a rule's ``then`` for an explosion that is an accident ("gas containers exploded during a fire")
ACCIDENT = "accident"


@lru_cache(maxsize=None)
def tables(code: str) -> tuple[WordSets, Rules]:
    """The ``[triggers]`` word sets and the compiled context rules of a language (once)."""
    from .senses import SENSES

    language = load(code)
    words = language.words_of("triggers")
    where = f"lang/{code}/context.toml"
    rules = compile_rules(language.rules, words, where)
    for rule in (r for rs in rules.by_sense.values() for r in rs):
        if rule.then not in ("none", ACCIDENT) and rule.then not in SENSES and rule.then not in RESOLVERS:
            raise ConfigError(f"{where}: a rule's then = {rule.then!r} is no sense of senses.toml, \"none\", \"{ACCIDENT}\" "
                              f"or one of {', '.join(RESOLVERS)}.", "S022")
    return words, rules


def hyphenated(sent: "Span") -> set[str]:
    """Words the tokenizer split at a hyphen, joined again ("cease-fire", "al-shabaab", "tear-gas"):
    the word lists spell them so, and spaCy makes three tokens of each."""
    out: set[str] = set()
    toks = tokens_of(sent.doc)
    for t in toks[sent.start:sent.end]:
        if t.text == "-" and not t.whitespace_ and sent.start < t.i < sent.end - 1 and not toks[t.i - 1].whitespace_:
            out.add(f"{toks[t.i - 1].lower_}-{toks[t.i + 1].lower_}")
    return out


@dataclass
class Cues:
    """The words of one sentence, lower-cased lemmas and forms, gathered once, with the
    language's word sets and rules they are read against."""

    words: frozenset[str]
    gas_is_tear: bool = False
    #: the next sentence's words: a protest's outcome is often told right after it
    after: frozenset[str] = frozenset()
    #: every word of the article: what a bare "strike" was made with, when the article says so elsewhere
    article: frozenset[str] = frozenset()
    w: WordSets = field(default_factory=lambda: tables("en")[0])
    rules: Rules | None = None

    @classmethod
    def of(cls, sent: "Span", code: str = "en") -> "Cues":
        words = set()
        w, rules = tables(code)
        for t in tokens_in(sent):
            if t.lower_ == "riot" and t.dep_ == "compound":  # "riot police" tells no riot
                continue
            if t.lower_ == "bomber" and bomber_is_a_person(t):  # "the bomber tried to drive through"
                words.add("suicide" if any(c.lower_ == "suicide" for c in t.children) else "explosive")
                continue
            if t.ent_type_ in ("DATE", "TIME") and not t.is_lower:
                continue  # "on March 28" tells no march
            if t.lower_ in w.protesters and festive(t, w):
                continue  # "the victory rally that followed a parade": a celebration, no protest
            if t.lower_ in w.riot and any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in ("no", "neither")) for c in t.children):
                continue  # "no clashes were reported": a riot word that tells none happened
            words.add(t.lower_)
            words.add(t.lemma_.lower())
            if t.tag_ == "VBG" and t.dep_ == "acl" and demanding(t.head):
                words.add("protesters")  # "garment workers demanding higher wages" are protesters
        words.update(hyphenated(sent))
        return cls(words=frozenset(words), gas_is_tear="tear" in words or "teargas" in words, w=w, rules=rules)

    def has(self, cue: frozenset[str]) -> bool:
        return not self.words.isdisjoint(cue)

    def weapon(self) -> str | None:
        w = self.w
        for name, sense in WEAPON_ORDER:
            cue = w[name]
            if sense == "chemical" and not self.has(cue):
                if self.has(w.chemical_weak) and self.has(w.chemical_with) and not self.gas_is_tear:
                    return sense
                continue
            if sense == "grenade" and "stun" in self.words:
                continue
            if self.has(cue):
                return sense
        return None

    @property
    def protest(self) -> bool:
        return self.has(self.w.protesters)

def violence(tok: "Token", cues: Cues, weak: bool) -> str | None:
    """Violence with no weapon named in the trigger: by weapon, then by who it hit."""
    w = cues.w
    weapon = cues.weapon()
    if weapon:
        return weapon
    if w.mob & cues.words:
        return "mob_violence"
    if cues.protest and victim_words(tok) & w.protesters:
        return protest(tok, cues)  # "officers attacked a peaceful demonstration"
    if cues.protest and (cues.has(w.riot) or "protester" in subject_words(tok) or "protesters" in subject_words(tok)):
        return "violent_demo"
    victims = victim_words(tok)
    subj = subject_words(tok)
    if victims & w.civilian and not victims & w.armed:
        return "attack"
    if victims & w.armed or (subj & w.armed and (subj & w.armed_group) != (subj & w.armed)):
        return "armed_clash"
    if weak and not (cues.has(w.armed) or cues.has(w.civilian)):
        return None
    civ = len(cues.words & w.civilian)
    arm = len(cues.words & w.armed)
    if subj & w.armed_group and civ >= arm - 1:
        return "attack"
    if arm == 0:
        return "attack"  # "someone opened fire": a clash needs armed people on the scene
    return "attack" if civ > arm else "armed_clash"


def protest(tok: "Token", cues: Cues) -> str:
    """A protest, and what happened to it. ACLED codes force against protesters only when the
    protesters were peaceful: protesters who clash, burn or throw make it a violent demonstration."""
    w = cues.w
    if cues.has(w.mob):
        return "mob_violence"
    lemma = tok.lemma_.lower()
    harm = bool(cues.words & w.harm)
    subj = subject_words(tok)
    by_state = (lemma in w.force_verbs or (lemma in w.fire_verbs and harm)) and bool(subj & w.state)
    if lemma in w.force_verbs and subj and not subj & (w.state | w.protesters | w.armed):
        return "mob_violence"  # a group of bystanders or counter-protesters set on a rally
    if by_state and not cues.has(w.riot):
        return "excessive_force"
    if cues.has(w.riot) or (cues.has(w.riot_weak) and not cues.has(w.peaceful)):
        return "violent_demo"
    if _protesters_harmed(tok, cues):
        return "excessive_force"
    if not cues.has(w.intervention) and not cues.has(w.peaceful) and not cues.after.isdisjoint(w.riot):
        return "violent_demo"  # "… rallied in the capital. Some threw stones at police."
    if cues.has(w.intervention):
        return "protest_intervention"
    return "peaceful_protest"


def _protesters_harmed(tok: "Token", cues: Cues) -> bool:
    """Protesters (or people at the protest) killed, shot or injured."""
    if not cues.words & cues.w.excessive:
        return False
    excessive = cues.w.excessive
    sent = tokens_in(tok.sent)  # Token.sent walks the parse: once
    if all(earlier_clause(t) for t in sent if t.lower_ in excessive or t.lemma_.lower() in excessive):
        return False  # "protested after soldiers killed two farmers": the harm came before, from another side
    for t in sent:
        if t.lemma_.lower() in cues.w.rioting_verbs:
            # protesters who kill or beat someone are rioting, not suffering force
            if subject_words(t) & (cues.w.protesters | cues.w.rioting_subjects):
                return False
    return True


def territory(tok: "Token", cues: Cues) -> str | None:
    """Capture of a place (by whom decides the sub-event), of weapons, or of people."""
    w = cues.w
    objs = victim_words(tok)
    if objs & w.weapons:
        return "weapons_seized"
    lemma = tok.lemma_.lower()
    place = bool(objs & w.territory) or any(
        c.ent_type_ in ("GPE", "LOC", "FAC") for c in tok.children if c.dep_ in ("dobj", "nsubjpass")
    ) or tok.pos_ == "NOUN"
    if not place:
        if objs & w.civilian or objs & w.people:
            return "abduction"
        if objs & w.property:
            return "looting"
        if lemma in ("seize", "capture", "occupy"):
            return None
    if cues.has(w.unopposed) and not cues.has(w.fighting):
        return "transfer"  # "entered the town after the army pulled out"
    subj = subject_words(tok)
    if subj & w.armed_group:
        return "nsa_overtakes"
    if subj & w.state:
        return "gov_regains"
    if cues.has(w.armed_group) and not cues.has(w.state):
        return "nsa_overtakes"
    if lemma in w.recapture:
        return "gov_regains"
    if cues.has(w.state):
        return "gov_regains"
    return "nsa_overtakes"


#: what a rule's ``then = "@name"`` calls
RESOLVERS: dict[str, Callable[["Token", Cues], str | None]] = {
    "@violence": lambda tok, cues: violence(tok, cues, weak=False),
    "@violence_weak": lambda tok, cues: violence(tok, cues, weak=True),
    "@protest": protest,
    "@territory": territory,
    "@weapon": lambda tok, cues: cues.weapon(),
}


def resolve(tok: "Token", sense: str, cues: Cues) -> str | None:
    """The final sense of a trigger (a key of SENSES), None when it tells no event here, or
    :data:`ACCIDENT` when it tells an accident (no event, but a man-made disaster the record keeps)."""
    final = _resolve(tok, sense, cues)
    if final in _REMOTE and cues.weapon() == "chemical":
        return "chemical"  # "shells contained poisonous gas"
    return final


def _resolve(tok: "Token", sense: str, cues: Cues) -> str | None:
    rules = cues.rules if cues.rules is not None else tables("en")[1]
    then = rules.decide(tok, sense, cues)
    if then is None:
        return sense
    if then == "none":
        return None
    if then.startswith("@"):
        return RESOLVERS[then](tok, cues)
    return then
