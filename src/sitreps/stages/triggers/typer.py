"""Find and type the event triggers of a parsed document."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...lang import Language, load
from ...parse import sents_of, tokens_among, tokens_of, words_in
from ...text.mentions import TriggerMention
from .args import subject_words
from .context import ACCIDENT, Cues, resolve, tables
from ...text.incident_places import SEQUENCE_WORDS, answered, other_sides
from ...text.modality import modality
from .senses import SENSES

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_POS = {"V": ("VERB",), "N": ("NOUN", "PROPN"), "A": ("ADJ",)}
_MOD_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})
_SKIP_ENTS = frozenset({"DATE", "TIME", "PERSON", "GPE", "LOC", "ORG", "NORP", "FAC", "EVENT", "WORK_OF_ART", "LAW", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
#: an adjective's places in a clause ("injuries that were not life-threatening")
_PREDICATIVE = frozenset({"acomp", "attr", "oprd", "conj", "advmod", "npadvmod"})
#: senses whose sub-type comes from a weapon or victim the sentence names (worth a little more)
_SPECIFIC = frozenset({"air_strike", "shelling", "suicide_bomb", "ied", "grenade", "chemical", "excessive_force",
                       "protest_intervention", "violent_demo", "mob_violence", "gov_regains", "nsa_overtakes"})


def _by_aircraft(tok: "Token", aircraft: frozenset[str]) -> bool:
    """Jets, helicopters or planes in the trigger's phrase or as its subject."""
    words = {t.lower_ for t in tok.subtree} | subject_words(tok)
    head = tok.head
    if tok.dep_ in ("dobj", "nsubjpass", "pobj") and head.i != tok.i:
        words |= {t.lower_ for t in head.subtree} if len(list(head.subtree)) < 25 else set()
    return not words.isdisjoint(aircraft)


#: words that tell the consequence of an incident rather than the act ("killed", "the death toll")
CONSEQUENCE_WORDS = load("en").words_of("triggers").consequence_words  # lang/en/words.toml [triggers]
#: default of ``[stages.triggers] consequence_below``: below this score (the lexicon gives bare casualty
#: words 0.3-0.5 and acts 0.6 or more) a casualty or damage word tells only a consequence
CONSEQUENCE_BELOW = 0.6


def consequence_only(text: str, score: float, below: float = CONSEQUENCE_BELOW) -> bool:
    """A trigger that tells what an incident did ("five were killed"), not what was done."""
    return score < below and bool(text) and text.split()[-1].lower().rstrip("s") in CONSEQUENCE_WORDS


#: ACLED's sub-type of a weapon found, seized, defused or intercepted
DISRUPTED = "Disrupted weapons use"


def _disrupted_over(tok: "Token", found: dict[int, tuple[str, float, int, int]]) -> bool:
    """Whether the nearest trigger above ``tok`` (a weapon noun) in the parse, at most six heads up,
    tells disrupted weapons use: the weapon is what was found, seized, defused or intercepted
    ("two parcels holding explosive devices were found"), not an attack of its own."""
    node = tok
    for _ in range(6):
        head = node.head
        if head.i == node.i:
            return False
        if head.i in found:
            return SENSES[found[head.i][0]][2] == DISRUPTED
        node = head
    return False


class TriggerFinder:
    """Holds one language's lexicon; call :meth:`find` with a Doc, get its TriggerMentions in text order."""

    def __init__(self, language: str | Language = "en", consequence_below: float = CONSEQUENCE_BELOW):
        self.lang = language if isinstance(language, Language) else load(language)
        self.consequence_below = consequence_below
        #: senses that are also types but that the language's context rules may re-type or drop:
        #: those the rules name (a rule for any other sense would never be read)
        self.contextual = frozenset(tables(self.lang.code)[1].by_sense)
        w = self.lang.words_of("triggers")
        self.words = w
        #: the words a trigger can be (lexicon lemmas and phrase heads): :meth:`_candidate` reads no other
        self.lexicon_words = frozenset(self.lang.triggers) | frozenset(self.lang.phrases)
        # and their plurals, which a noun mis-tagged as a proper noun keeps as its lemma ("Clashes")
        self.lexicon_words |= {w + "s" for w in self.lang.triggers} | {w + "es" for w in self.lang.triggers}
        #: heads that make an event noun before them a modifier of people or places
        self.agents = w.armed | w.state | w.government | w.agents
        #: who can be the perpetrator a casualty word names ("killed by rebels"): armed groups and forces
        self.perpetrators = w.armed | w.armed_group | w.state

    def find(self, doc: "Doc", accidents: list[int] | None = None) -> list[TriggerMention]:
        """The triggers of ``doc``; the token indices of explosions the context rules read as
        accidents go to ``accidents`` when it is given."""
        out: list[TriggerMention] = []
        sents = sents_of(doc)
        toks = tokens_of(doc)
        article: frozenset[str] | None = None
        gathered: dict[int, Cues] = {}  # a sentence's cues serve it and the sentence before it

        def cues_of(i: int) -> Cues:
            c = gathered.get(i)
            if c is None:
                c = gathered[i] = Cues.of(sents[i], self.lang.code)
            return c

        for si, sent in enumerate(sents):
            cues: Cues | None = None
            found: dict[int, tuple[str, float, int, int]] = {}
            consumed: set[int] = set()
            for tok in tokens_among(sent, self.lexicon_words):
                hit = self._candidate(tok)
                if hit is None:
                    continue
                if cues is None:
                    cues = cues_of(si)
                    if si + 1 < len(sents):
                        cues.after = cues_of(si + 1).words
                    if article is None:
                        article = words_in(doc)
                    cues.article = article
                typed = self._type(tok, hit, cues)
                if typed is not None and typed[0] == ACCIDENT:
                    if accidents is not None:
                        accidents.append(tok.i)
                elif typed is not None:
                    found[tok.i] = typed
                    consumed.update(j for j in range(typed[2], typed[3] + 1) if j != tok.i)
            for i, (sense, score, a, b) in found.items():
                tok = toks[i]
                # "suicide bombing attack", "protest march": the head word carries the event
                if tok.dep_ in _MOD_DEPS and tok.head.i in found and tok.head.i != i:
                    continue
                if tok.dep_ == "compound" and tok.pos_ == "NOUN" and tok.head.i not in found and tok.head.lemma_.lower() in self.agents:
                    continue  # "occupation forces", "protest leaders": a modifier, not an event
                if tok.lemma_.lower() in self.words.weapon_nouns and tok.head.i in found and tok.head.i != i:
                    continue  # "a roadside bomb exploded", "found a bomb": the verb tells the event
                if tok.lemma_.lower() in self.words.weapon_nouns and _disrupted_over(tok, found):
                    continue  # "parcels holding explosive devices were found": what was found, not an attack
                if i in consumed:  # "talks" of "hold talks" is told by its verb
                    continue
                negated, hypothetical, future = modality(tok)
                plover, acled_type, acled_sub = SENSES[sense]
                span = doc[a : b + 1]
                if tok.dep_ == "ROOT":
                    score += 0.05
                if sense in _SPECIFIC:
                    score += 0.05
                if tok.dep_ == "pobj" and tok.pos_ == "NOUN":  # "after the attack", "under the deal": told as background
                    score -= 0.05
                earlier = answered(tok) or self._anchor(tok)
                if earlier:  # "as a response to the attack in Khiam": the act answered, not the one told
                    score -= 0.15
                if tok.dep_ == "amod" and tok.pos_ in ("VERB", "ADJ"):  # "allied forces", "US-backed rebels"
                    score -= 0.15
                if consequence_only(span.text, score, self.consequence_below) and self._perpetrated(tok):  # "killed by rebels": the act, by whom
                    score = self.consequence_below
                if plover == "DEMAND" and cues is not None and cues.protest:  # the protesters' demands: the protest is the event
                    score -= 0.15
                score = round(min(1.0, max(0.0, score)), 3)
                out.append(
                    TriggerMention(
                        text=span.text, start=span.start_char, end=span.end_char, sent=si, token=i,
                        plover=plover, acled_type=acled_type, acled_subtype=acled_sub, score=score,
                        negated=negated, hypothetical=hypothetical, future=future,
                        consequence=consequence_only(span.text, score, self.consequence_below), answered=earlier,
                        earlier=not earlier and other_sides(tok),
                    )
                )
        out.sort(key=lambda m: (m.start, m.end))
        return out

    def _candidate(self, tok: "Token") -> list[tuple[str, float]] | None:
        pos = tok.pos_
        if pos not in ("VERB", "NOUN", "PROPN", "ADJ"):
            return None
        lemma = tok.lemma_.lower()
        if tok.lower_ in self.words.not_triggers:
            return None
        rows = self.lang.triggers.get(lemma)
        if rows is None and lemma != tok.lower_:
            rows = self.lang.triggers.get(tok.lower_)
        if rows is None and not tok.ent_type_ and (tok.tag_ == "NNPS" or (tok.tag_ == "NNP" and tok.is_sent_start and tok.lower_.endswith("s"))):
            # "Clashes between two militias …", "Marches in Lyon …" opening a paragraph, tagged a proper
            # noun and left unlemmatised: the common noun's plural
            low = tok.lower_
            rows = self.lang.triggers.get(low[:-2] if low.endswith(("shes", "ches", "sses", "xes")) else low[:-1])
        phrase = lemma in self.lang.phrases
        if rows is None and not phrase:
            return None
        if pos in ("ADJ", "VERB") and tok.i > 1 and tok.doc[tok.i - 1].text == "-" and (
                tok.dep_ == "amod" or (tok.dep_ in _PREDICATIVE and tok.tag_ in ("JJ", "VBG", "VBN")
                                       and tok.doc[tok.i - 2].lower_ not in self.words.prefixes)):
            return None  # "life-threatening", "US-backed", "were not life-threatening": a hyphenated modifier
        if pos == "PROPN" and (tok.ent_type_ in _SKIP_ENTS or not (tok.is_upper or tok.is_sent_start or tok.is_title)):
            return None
        cands = [(sense, score) for p, sense, score in rows or () if pos in _POS[p]]
        if not cands and not phrase:
            return None
        return cands

    def _phrase(self, tok: "Token") -> list[tuple[str, float, int]]:
        """Every phrase row the trigger's neighbours match, best score first."""
        rows = self.lang.phrases.get(tok.lemma_.lower())
        if not rows:
            return []
        mods = {c.lower_: c.i for c in tok.children if c.dep_ in _MOD_DEPS}
        mods.update({c.lemma_.lower(): c.i for c in tok.children if c.dep_ in _MOD_DEPS})
        if tok.i > tok.sent.start and tok.pos_ != "VERB":
            prev = tok.doc[tok.i - 1]
            mods.setdefault(prev.lower_, prev.i)
            mods.setdefault(prev.lemma_.lower(), prev.i)
        prts = {}
        objs = {}
        for c in tok.children:
            if c.dep_ in ("prt", "prep", "advmod"):
                prts[c.lower_] = c.i
                for g in c.children:
                    if g.dep_ == "pobj":
                        prts.setdefault(g.lemma_.lower(), g.i)
            elif c.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "acomp", "xcomp", "ccomp"):
                objs[c.lemma_.lower()] = c.i
                objs[c.lower_] = c.i
                if c.lower_.endswith("s"):  # the tagger's lemma of "bases" is "basis"
                    objs.setdefault(c.lower_[:-1], c.i)
                for g in c.children:
                    if g.dep_ in ("prt", "prep"):
                        for gg in g.children:
                            if gg.dep_ == "pobj":
                                objs.setdefault(gg.lemma_.lower(), gg.i)
        subj: set[str] | None = None
        matched: list[tuple[str, float, int]] = []
        for word, where, sense, score in rows:
            j = None
            if where == "mod":
                j = mods.get(word)
            elif where == "prt":
                j = prts.get(word)
            elif where == "obj":
                j = objs.get(word)
            elif where == "subj":
                if subj is None:
                    subj = subject_words(tok)
                j = tok.i if word in subj else None
            if j is not None:
                matched.append((sense, score, j))
        matched.sort(key=lambda m: -m[1])
        return matched

    def _anchor(self, tok: "Token") -> bool:
        """A definite act noun after "after"/"following" in a clause whose doer is an armed group or
        a force ("In an operation after the blast, security forces killed five militants"): the
        incident already told, named as the time of the act the clause tells, which is a new one."""
        if tok.pos_ != "NOUN" or tok.dep_ != "pobj" or tok.head.lower_ not in SEQUENCE_WORDS or tok.head.dep_ != "prep":
            return False
        if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children):
            return False
        verb = next((a for a in tok.head.ancestors if a.pos_ == "VERB"), None)
        doer = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
        return doer is not None and doer.lemma_.lower() in self.perpetrators

    def _perpetrated(self, tok: "Token") -> bool:
        """The passive agent of a casualty word is an armed group or force ("civilians have been
        killed … by Islamic State-backed rebels"): the word tells the act and who did it, not only what
        an incident did, so it types its own event rather than taking a nearby trigger's type."""
        return any(g.dep_ == "pobj" and g.lemma_.lower() in self.perpetrators
                   for c in tok.children if c.dep_ == "agent" for g in c.children)

    def _type(self, tok: "Token", cands: list[tuple[str, float]], cues: Cues) -> tuple[str, float, int, int] | None:
        phrases = self._phrase(tok)
        if phrases and phrases[0][0] == "none":  # "take part", "take place"
            return None
        tries = [(sense, score, j) for sense, score, j in phrases] + [(sense, score, tok.i) for sense, score in cands]
        for sense, score, j in tries:
            final = sense if sense in SENSES and sense not in self.contextual else None
            final = resolve(tok, sense, cues) if final is None else final
            if final in ("air_strike", "shelling", "ied") and cues.weapon() == "chemical":
                final = "chemical"
            elif final == "shelling" and _by_aircraft(tok, self.words.aircraft):
                final = "air_strike"  # missiles fired by jets
            if final == ACCIDENT:
                return final, score, tok.i, tok.i
            if final is not None and final in SENSES:
                a, b = (min(tok.i, j), max(tok.i, j)) if abs(j - tok.i) <= 3 else (tok.i, tok.i)
                return final, score, a, b
        return None
