"""The evaluator of a language's context rules (``lang/<code>/context.toml``).

A rule is a table of conditions and a ``then``; :func:`compile_rules` turns the tables into
:class:`Rule` objects once (word lists resolved against the language's ``[triggers]`` word sets),
and :meth:`Rules.decide` returns the ``then`` of the first rule whose conditions hold. The
conditions are listed in ``context.toml``'s header; the named ``test`` checks are the
predicates below, for what a word list cannot say about a parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Mapping, Protocol

from ...errors import ConfigError
from ...parse import text_of, tokens_of, words_in
from ...text.incident_places import earlier_clause
from .args import subject_words, victim_words, words_of

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ...lang import WordSets


class SentenceCues(Protocol):
    """What a rule reads of its trigger's sentence: its words (lower-cased forms and lemmas), the
    article's words, and the language's word sets. ``context.Cues`` gathers them; the rules see
    only this much of it."""

    words: frozenset[str]
    article: frozenset[str]
    w: "WordSets"

    def weapon(self) -> str | None:
        """The weapon the sentence's words name, most specific first, if any."""


_KEYS = frozenset({"sense", "lemma", "not_lemma", "pos", "not_pos", "weapon", "cues_any", "cues_none", "objects_any",
                   "objects_none", "subject_any", "subject_none", "head_none", "particle", "no_particle", "test", "then"})


@dataclass(frozen=True)
class Rule:
    senses: frozenset[str]
    then: str
    lemma: frozenset[str] | None = None
    not_lemma: frozenset[str] | None = None
    pos: frozenset[str] | None = None
    not_pos: frozenset[str] | None = None
    weapon: bool | None = None
    cues_any: tuple[frozenset[str], ...] = ()
    cues_none: frozenset[str] | None = None
    objects_any: frozenset[str] | None = None
    objects_none: frozenset[str] | None = None
    subject_any: frozenset[str] | None = None
    subject_none: frozenset[str] | None = None
    head_none: frozenset[str] | None = None
    particle: str | None = None
    no_particle: str | None = None
    tests: tuple[tuple[bool, Callable[["Token", "SentenceCues"], bool]], ...] = ()


class _Facts:
    """What the rules ask of one trigger, each computed at most once."""

    def __init__(self, tok: "Token", cues: "SentenceCues"):
        self.tok = tok
        self.cues = cues
        self.lemma = tok.lemma_.lower()
        self._weapon: str | None | bool = False
        self._objects: set[str] | None = None
        self._subject: set[str] | None = None

    @property
    def weapon(self) -> str | None:
        if self._weapon is False:
            self._weapon = self.cues.weapon()
        return self._weapon  # type: ignore[return-value]

    @property
    def objects(self) -> set[str]:
        if self._objects is None:
            self._objects = victim_words(self.tok)
        return self._objects

    @property
    def subject(self) -> set[str]:
        if self._subject is None:
            self._subject = subject_words(self.tok)
        return self._subject


def _holds(rule: Rule, f: _Facts) -> bool:
    tok = f.tok
    if rule.lemma is not None and f.lemma not in rule.lemma:
        return False
    if rule.not_lemma is not None and f.lemma in rule.not_lemma:
        return False
    if rule.pos is not None and tok.pos_ not in rule.pos:
        return False
    if rule.not_pos is not None and tok.pos_ in rule.not_pos:
        return False
    if rule.particle is not None and not any(c.dep_ == "prt" and c.lower_ == rule.particle for c in tok.children):
        return False
    if rule.no_particle is not None and any(c.dep_ == "prt" and c.lower_ == rule.no_particle for c in tok.children):
        return False
    if rule.head_none is not None and tok.head.lemma_.lower() in rule.head_none:
        return False
    words = f.cues.words
    if any(words.isdisjoint(group) for group in rule.cues_any):
        return False
    if rule.cues_none is not None and not words.isdisjoint(rule.cues_none):
        return False
    if rule.weapon is not None and bool(f.weapon) != rule.weapon:
        return False
    if rule.objects_any is not None and f.objects.isdisjoint(rule.objects_any):
        return False
    if rule.objects_none is not None and not f.objects.isdisjoint(rule.objects_none):
        return False
    if rule.subject_any is not None and f.subject.isdisjoint(rule.subject_any):
        return False
    if rule.subject_none is not None and not f.subject.isdisjoint(rule.subject_none):
        return False
    return all(pred(tok, f.cues) == want for want, pred in rule.tests)


class Rules:
    """A language's context rules, grouped by the sense they apply to."""

    def __init__(self, rules: list[Rule]):
        self.by_sense: dict[str, list[Rule]] = {}
        for r in rules:
            for s in r.senses:
                self.by_sense.setdefault(s, []).append(r)

    def decide(self, tok: "Token", sense: str, cues: "SentenceCues") -> str | None:
        """The ``then`` of the first rule that holds (``None`` when none does: keep the sense)."""
        rules = self.by_sense.get(sense)
        if not rules:
            return None
        facts = _Facts(tok, cues)
        for rule in rules:
            if _holds(rule, facts):
                return rule.then
        return None


def compile_rules(tables: tuple[Mapping[str, Any], ...], words: "WordSets", where: str) -> Rules:
    """Check and compile the rule tables of a language against its ``[triggers]`` word sets."""

    def wordlist(value: Any, key: str) -> frozenset[str]:
        out: set[str] = set()
        for item in value:
            if not isinstance(item, str):
                raise ConfigError(f"{where}: {key} holds {item!r}; word lists hold strings.", "S022")
            if item.startswith("$"):
                if item[1:] not in words:
                    raise ConfigError(f"{where}: {key} names the word set {item!r}, which words.toml [triggers] does not define.", "S022")
                out |= words[item[1:]]
            else:
                out.add(item)
        return frozenset(out)

    rules = []
    for n, t in enumerate(tables, 1):
        unknown = set(t) - _KEYS
        if unknown or "sense" not in t or "then" not in t:
            raise ConfigError(f"{where}: rule {n} has unknown keys {sorted(unknown)} or lacks sense/then. Keys: {', '.join(sorted(_KEYS))}.", "S022")
        kw: dict[str, Any] = {"senses": frozenset(t["sense"]), "then": str(t["then"])}
        for key in ("lemma", "not_lemma", "pos", "not_pos", "cues_none", "objects_any", "objects_none", "subject_any", "subject_none", "head_none"):
            if key in t:
                kw[key] = wordlist(t[key], key)
        if "cues_any" in t:
            groups = t["cues_any"] if t["cues_any"] and isinstance(t["cues_any"][0], list) else [t["cues_any"]]
            kw["cues_any"] = tuple(wordlist(g, "cues_any") for g in groups)
        for key in ("weapon",):
            if key in t:
                kw[key] = bool(t[key])
        for key in ("particle", "no_particle"):
            if key in t:
                kw[key] = str(t[key])
        tests = []
        for name in t.get("test", ()):
            want = not name.startswith("!")
            pred = PREDICATES.get(name.lstrip("!"))
            if pred is None:
                raise ConfigError(f"{where}: rule {n} names the test {name!r}; tests: {', '.join(sorted(PREDICATES))}.", "S022")
            tests.append((want, pred))
        kw["tests"] = tuple(tests)
        rules.append(Rule(**kw))
    return Rules(rules)


# -- named tests: what the parse says that a word list cannot -------------------------------------


def _verb_object(tok: "Token", cues: "SentenceCues") -> bool:
    """A verb with an object ("struck the base"; not "struck work")."""
    return tok.pos_ == "VERB" and any(c.dep_ == "dobj" and c.lower_ != "work" for c in tok.children)


def _by_a_state(tok: "Token", cues: "SentenceCues") -> bool:
    """The trigger's subject, modifier or agent ("a strike by the Israeli army") is a country, its
    people's adjective or its armed forces."""
    w = cues.w
    for c in tok.children:
        if c.dep_ in ("nsubj", "amod", "compound", "poss", "nmod") and c.ent_type_ in ("NORP", "GPE"):
            return True
        if c.dep_ in ("prep", "agent") and c.lower_ == "by":
            for g in c.children:
                if g.dep_ == "pobj" and (g.ent_type_ in ("NORP", "GPE") or g.lemma_.lower() in w.state - w.police
                                         or any(x.dep_ in ("amod", "compound") and x.ent_type_ in ("NORP", "GPE") for x in g.children)):
                    return True
    return bool(subject_words(tok) & (w.state - w.police))


def _article_air_only(tok: "Token", cues: "SentenceCues") -> bool:
    """The article names aircraft or drones and no artillery or missiles: its bare "strike" is from the air."""
    return not cues.article.isdisjoint(cues.w["air"]) and cues.article.isdisjoint(cues.w["shell"])


def _article_shell_only(tok: "Token", cues: "SentenceCues") -> bool:
    """The article names artillery, missiles or rockets and no aircraft or drones."""
    return not cues.article.isdisjoint(cues.w["shell"]) and cues.article.isdisjoint(cues.w["air"])


def _article_accident(tok: "Token", cues: "SentenceCues") -> bool:
    """The article names an accident (a fire, a gas cylinder, a plant, a flood) and no hostile act
    or actor anywhere: an explosion it tells is that accident's."""
    return not cues.article.isdisjoint(cues.w["accident"]) and cues.article.isdisjoint(cues.w["hostile"])


def _at_protest(tok: "Token", cues: "SentenceCues") -> bool:
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("at", "during", "in"):
            if any(g.dep_ == "pobj" and g.lower_ in cues.w.protesters for g in c.children):
                return True
    return False


def _from_place(tok: "Token", cues: "SentenceCues") -> bool:
    """"withdrew from the town", "pulled out of Afrin": a place left behind."""
    territory = cues.w.territory
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("from", "of"):
            for g in c.children:
                if g.dep_ == "pobj" and (g.lemma_.lower() in territory or g.lower_ in territory
                                         or g.ent_type_ in ("GPE", "LOC", "FAC") or g.pos_ == "PROPN"):
                    return True
    return False


def _object_is_place(tok: "Token", cues: "SentenceCues") -> bool:
    return any(c.ent_type_ in ("GPE", "LOC") for c in tok.children if c.dep_ == "dobj")


def _prep_weapons(tok: "Token", cues: "SentenceCues") -> bool:
    return bool(words_of(tok, frozenset({"prep", "pobj"})) & cues.w.weapons)


def _prep_territory(tok: "Token", cues: "SentenceCues") -> bool:
    return bool(words_of(tok, frozenset({"prep"})) & cues.w.territory)


def _object_holds_weapons(tok: "Token", cues: "SentenceCues") -> bool:
    weapons = cues.w.weapons
    return any(c.dep_ in ("dobj", "nsubjpass") and any(t.lemma_.lower() in weapons for t in c.subtree) for c in tok.children)


def _charged_with(tok: "Token", cues: "SentenceCues") -> bool:
    return any(c.dep_ == "prep" and c.lower_ in ("with", "of") for c in tok.children)


def _passive_subject(tok: "Token", cues: "SentenceCues") -> bool:
    return any(c.dep_ == "nsubjpass" for c in tok.children)


def _public_appeal(tok: "Token", cues: "SentenceCues") -> bool:
    """A request to the public for information or witnesses, as police put out after a crime."""
    w = cues.w
    words: set[str] = set()
    for c in tok.children:
        if c.dep_ in ("nsubj", "agent"):
            continue  # who asks
        words.update(t.lower_ for t in c.subtree)
        words.update(t.lemma_.lower() for t in c.subtree)
    # "appealed for witnesses"; "anyone with information", "to call police with information"
    return bool(words & w.appeal_for) or (bool(words & w.anyone) and bool(words & (w.contact | {"information"}))) or (
        "information" in words and bool(words & w.contact))


def _call_complement(tok: "Token", cues: "SentenceCues") -> bool:
    """"called for talks", "called on", "called to end": a demand, not a phone call. Not "on
    Friday" (a day) nor "called following reports" (the parser's clause for a preposition)."""
    def demand_on(c: "Token") -> bool:
        return not any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in c.children)

    return any((c.dep_ == "ccomp") or (c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children))
               or (c.dep_ in ("prt", "prep") and c.lower_ in ("for", "on", "upon") and demand_on(c)) for c in tok.children)


def _domestic_objects(tok: "Token", cues: "SentenceCues") -> bool:
    """Objects of a ban that are neither a country nor something sanctions cut (a party, a paper)."""
    objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    return bool(objs) and not any(o.ent_type_ in ("GPE", "NORP") or o.lemma_.lower() in cues.w.sanction_obj for o in objs)


def _taken_hostage(tok: "Token", cues: "SentenceCues") -> bool:
    """The people named are being taken: the word that governs them ("dozens of hostages" counts
    through "of") is one of words.toml [triggers] hostage_heads ("took hostages", "a hostage siege")."""
    head = tok.head
    if head.lower_ == "of" and head.head.i != head.i:  # "dozens of hostages"
        head = head.head
    if head.dep_ in ("dobj", "nsubjpass", "pobj", "attr") and head.head.i != head.i and (head.like_num or head.tag_ == "NNS"):
        head = head.head  # "seized dozens": the verb governs the count
    return head.lemma_.lower() in cues.w["hostage_heads"]


def _effort(tok: "Token", cues: "SentenceCues") -> bool:
    """The verb tells an effort: it takes a to-infinitive ("battling to put out fires") or its
    object is a fire or a disease ("battled the blaze")."""
    for c in tok.children:
        if c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
            return True
        if c.dep_ == "dobj" and c.lemma_.lower() in cues.w["effort_objects"]:
            return True
    return False


def _undone(tok: "Token", cues: "SentenceCues") -> bool:
    """The trigger (an agreement) is what a word of undoing acts on: its object or passive
    subject ("ended a ceasefire", "the truce was broken"), the subject of an intransitive one ("the
    deal collapsed"), or the noun after "of"/"from" ("the collapse of the truce", "withdrew from
    the accord")."""
    undoing = cues.w["undoing"]
    head = tok.head
    if head.i == tok.i:
        return False
    if tok.dep_ in ("dobj", "nsubjpass") or (tok.dep_ == "nsubj" and not any(c.dep_ == "dobj" for c in head.children)):
        return head.lemma_.lower() in undoing
    if tok.dep_ == "pobj" and head.lower_ in ("of", "from") and head.head.i != head.i:
        return head.head.lemma_.lower() in undoing
    return False


def _earlier_clause(tok: "Token", cues: "SentenceCues") -> bool:
    """The trigger tells another side's earlier act, in a clause opened by "after" ("villagers
    protested after soldiers killed two farmers"): not what happened at the sentence's protest."""
    return earlier_clause(tok)


#: the ``Doc.user_data`` key of the nouns (lemmas) an article calls festive somewhere
_FESTIVE = ("sitreps", "festive")


def _called_festive(tok: "Token", w: "WordSets") -> bool:
    return any(c.dep_ in ("amod", "compound") and c.lower_ in w.festive for c in tok.children)


def festive(tok: "Token", w: "WordSets") -> bool:
    """A rally or march that a word of words.toml [triggers] festive makes a celebration ("the
    victory rally", "a pep rally"): no protest trigger, and no protest cue for the sentence. "The
    rally" is the article's one rally, festive when the article calls it so anywhere ("were present at
    the rally" in a story of the team's victory rally)."""
    if _called_festive(tok, w):
        return True
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
        return False
    doc = tok.doc
    nouns = doc.user_data.get(_FESTIVE)
    if nouns is None:
        nouns = frozenset(t.lemma_.lower() for t in tokens_of(doc) if t.lower_ in w.protesters and _called_festive(t, w)) \
            if words_in(doc) & w.festive else frozenset()
        doc.user_data[_FESTIVE] = nouns
    return tok.lemma_.lower() in nouns


def _festive(tok: "Token", cues: "SentenceCues") -> bool:
    return festive(tok, cues.w)


_SCORE = re.compile(r"(?<![\w.,/-])\d{1,3} ?[-–] ?\d{1,3}(?![\w.,/-])")


def _reads_as(tok: "Token", cues: "SentenceCues", words: str, mark: "re.Pattern[str]") -> bool:
    """The sentence names one of the word set ``words`` and the article reads as that kind of report:
    three such words and ``mark`` somewhere in its text (a score, a price)."""
    kind = cues.w[words]
    if cues.words.isdisjoint(kind):
        return False
    article = cues.article or words_in(tok.doc)
    return len(article & kind) >= 3 and mark.search(text_of(tok.doc)) is not None


def _sport(tok: "Token", cues: "SentenceCues") -> bool:
    """A match report: the sentence names a game's words ("league", "substitute", "stoppage") and
    the article reads as one (three such words and a score, "3-2"), where "struck twice", "a
    deflected shot", "fired the winner" tell play, not violence."""
    return _reads_as(tok, cues, "sport", _SCORE)


#: a price told as a market reports it: "$74.20 a barrel", "up 1.2%", "rose 85 cents"
_PRICE = re.compile(r"\$\s?\d|\d(?:\.\d+)?\s?(?:%|per cent|percent)|\b(?:a|per) barrel\b|\d+ cents\b")


def _markets(tok: "Token", cues: "SentenceCues") -> bool:
    """A markets report: the sentence names trading or prices ("Oil prices rose", "Brent futures")
    and the article reads as one (three such words and a price, "$74.20 a barrel", "up 1%"), where an
    attack told is the cause of a price move, not an incident the report tells."""
    return _reads_as(tok, cues, "markets", _PRICE)


PREDICATES: dict[str, Callable[["Token", "SentenceCues"], bool]] = {
    "festive": _festive,
    "sport": _sport,
    "markets": _markets,
    "effort": _effort,
    "undone": _undone,
    "earlier_clause": _earlier_clause,
    "taken_hostage": _taken_hostage,
    "verb_object": _verb_object,
    "by_a_state": _by_a_state,
    "article_air_only": _article_air_only,
    "article_shell_only": _article_shell_only,
    "article_accident": _article_accident,
    "at_protest": _at_protest,
    "from_place": _from_place,
    "object_is_place": _object_is_place,
    "prep_weapons": _prep_weapons,
    "prep_territory": _prep_territory,
    "object_holds_weapons": _object_holds_weapons,
    "charged_with": _charged_with,
    "passive_subject": _passive_subject,
    "public_appeal": _public_appeal,
    "call_complement": _call_complement,
    "domestic_objects": _domestic_objects,
}
