"""Whether a trigger tells something that happened: negation, hypotheticals and the future.

Read off the dependency parse around the trigger: its own ``neg``/``aux``/``mark`` children,
a ``no`` determiner, and the words that govern it ("threatened to strike", "plans talks",
"warned of attacks", "refused to meet"). Cheap: a walk of at most a few heads per trigger.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Sequence

from ..lang import load
from ..parse import tokens_of, words_in
from ..record import Hazard

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: auxiliaries, marks and determiners of modality and negation: lang/en/words.toml [modality]
_W = load("en").words_of("modality")
#: words that refer back to a hazard the article tells ("the accident"): a cause, not a hazard of their own
HAZARD_REFERENCES = _W.hazard_references
#: every word a hazard is found by: a page with none of them has no hazard to look for
_HAZARD_WORDS = _W.hazards | _W.hazard_verbs

#: governing words whose complement has not happened (yet): lemma -> flag
GOVERNORS: dict[str, str] = {
    **dict.fromkeys(_W.hypothetical_governors, "hypothetical"),
    **dict.fromkeys(_W.future_governors, "future"),
    **dict.fromkeys(_W.negated_governors, "negated"),
}

_ADJUNCT = frozenset({"prep", "advcl", "acl", "relcl", "npadvmod"})
#: dependency relations through which a governor reaches its complement
_DOWN = frozenset({"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "acl", "relcl", "advcl", "conj", "attr", "oprd", "nsubjpass", "compound", "amod"})


def modality(tok: "Token") -> tuple[bool, bool, bool]:
    """``(negated, hypothetical, future)`` for the trigger token ``tok``."""
    negated = hypothetical = future = False
    neg_, hyp_, fut_ = _own(tok)
    if tok.dep_ in ("pobj", "pcomp") and tok.head.lower_ == "without":
        neg_ = True  # "crashed without warning", "left without signing": it did not happen
    negated |= neg_
    hypothetical |= hyp_
    future |= fut_
    cur = tok
    for _ in range(4):
        head = cur.head
        if head.i == cur.i or cur.dep_ not in _DOWN:
            break
        if cur.dep_ == "conj":  # "attacked and killed": the conjunct shares the first verb's modality
            cur = head
            continue
        flag = GOVERNORS.get(head.lemma_.lower()) or GOVERNORS.get(head.lower_)
        if flag == "hypothetical":
            hypothetical = True
        elif flag == "future":
            future = True
        elif flag == "negated":
            negated = True
        purpose = cur.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children)
        if head.pos_ in ("VERB", "AUX") and (cur.dep_ not in _ADJUNCT or purpose):
            # an argument shares its verb's modality ("did not hold talks"); an adjunct does
            # not ("no one was killed in the attack": the attack happened)
            n, h, f = _own(head)
            negated |= n
            hypothetical |= h
            future |= f
            if cur.dep_ in ("xcomp", "dobj", "pobj", "prep", "pcomp", "attr", "oprd", "compound", "amod"):
                cur = head
                continue
            break
        cur = head
    return negated, hypothetical or _intended(tok) or _rated(tok), future


def _rated(tok: "Token") -> bool:
    """An infinitive that an adjective rates, told of no act ("the bombs are hard for air
    defences to shoot down", "is easy to attack"): the parser hangs it on the copula, beside
    the adjective."""
    if tok.dep_ not in ("advcl", "xcomp") or not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False
    return any(c.dep_ == "acomp" and GOVERNORS.get(c.lemma_.lower()) == "hypothetical" for c in tok.head.children)




def _intended(tok: "Token") -> bool:
    node = tok
    for _ in range(3):
        if node.dep_ not in ("xcomp", "advcl", "ccomp", "conj") or node.head.i == node.i:
            return False
        node = node.head
        # words whose clausal complement has not happened, reached through purpose and complement
        # clauses too ("plan to meet ... to discuss", "vowed to strike and to seize")
        if node.lemma_.lower() in _W.intent_heads:
            return True
    return False


def _own(tok: "Token") -> tuple[bool, bool, bool]:
    negated = hypothetical = future = False
    for child in tok.children:
        dep = child.dep_
        low = child.lower_
        if dep == "neg" or (dep == "det" and low in _W.negative_det):
            negated = True
        elif dep in ("nsubj", "nsubjpass") and (low in _W.negative_subj or any(g.dep_ == "det" and g.lower_ == "no" for g in child.children)):
            negated = True
        elif dep == "aux":
            if low in _W.future_aux:
                future = True
            elif low in _W.hypothetical_aux:
                hypothetical = True
        elif dep == "mark" and low in _W.conditional_mark:
            hypothetical = True
    return negated, hypothetical, future


# -- cumulative and habitual tolls ------------------------------------------------------------
#: a span of time that sums up many incidents ("in recent years", "over the past decade")
_CLAUSAL = frozenset({"relcl", "advcl", "ccomp", "acl", "conj", "parataxis", "csubj"})


def _own_verb(tok: "Token") -> "Token":
    """The nearest verb that heads ``tok`` (``tok`` itself when it is one; at most six steps up)."""
    head = tok
    for _ in range(6):
        if head.pos_ in ("VERB", "AUX") and head.dep_ not in ("amod", "aux", "auxpass"):
            break
        if head.head.i == head.i:
            break
        head = head.head
    return head


def _clause(tok: "Token") -> tuple["Token", list["Token"]]:
    """The verb whose clause tells ``tok`` and that clause's tokens, without the clauses
    embedded in it (a relative clause, a reported statement) that do not hold ``tok``."""
    head = _own_verb(tok)
    while head.dep_ in ("xcomp", "conj") and head.head.i != head.i and head.head.pos_ in ("VERB", "AUX"):
        # "continued to kill … in recent years"; "over the past decade … displaced millions and killed thousands"
        head = head.head
    out: list[Token] = []
    stack = [head]
    while stack:
        node = stack.pop()
        out.append(node)
        for c in node.children:
            if c.dep_ in _CLAUSAL and c.pos_ in ("VERB", "AUX") and not (c.left_edge.i <= tok.i <= c.right_edge.i) \
                    and not any(g.dep_ == "mark" and g.lower_ == "since" for g in c.children):
                continue
            stack.append(c)
    return head, out


#: prepositions that attach a cause to an act or a toll ("died in floods", "killed by a landslide")
_CAUSE_PREPS = frozenset({"in", "by", "from", "of", "after", "during", "amid", "following"})
#: marks of a clause that tells the cause ("after floods hit", "when the quake struck")
_CAUSE_MARKS = frozenset({"after", "when", "as", "because"})
#: the longest clause searched for a cause deeper in it (tokens)
NESTED_SPAN = 120


def hazard_cause(tok: "Token", accidents: "frozenset[int] | set[int]" = frozenset(), told: bool = False) -> "Token | None":
    """The natural hazard, crash, disease or hunger that caused the act or toll ``tok`` tells (no
    one's violence), or None: "an earthquake killed eight", "died in floods", "injuries in a
    crash", "the death toll climbed to 66 after torrential rains hit". The cause is the subject of
    the act's verb, the object of a preposition on it ("in", "by", "after", ...), or the subject
    of a clause that says when or why ("after floods hit"). A verb with no subject of its own takes
    its head's ("killed eight and damaged 1,300 buildings"), and a clause that describes a
    participant ("a man whose car was struck by a falling tree") shares its head's cause; a
    verb with a subject of its own keeps its own ("floods hit the region and gunmen attacked"). An
    explosion the trigger rules read as an accident (token indices ``accidents``) is a hazard too:
    "died when a fireworks store blew up". A toll named by its hazard ("the earthquake death toll")
    is that hazard's; and in an article that tells a hazard (``told``), "the accident" or "the
    disaster" refers back to it ("14 were hurt in the Tuesday accident" after a coach left the
    road). A hazard the act brought about is no cause of it: "a spill was caused by an attack",
    "the attack resulted in a spill" (:func:`_causing`)."""
    if not accidents and _HAZARD_WORDS.isdisjoint(words_in(tok.doc)):
        return None  # no hazard word on the page: none to find (the cheap answer for most pages)
    def hazard(n: "Token") -> bool:  # a hazard's verb too: "died when their minibus plunged into a ravine"
        return n.i in accidents or _is_hazard(n) or (n.pos_ == "VERB" and n.lemma_.lower() in _W.hazard_verbs) or (
            told and n.lemma_.lower() in HAZARD_REFERENCES and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in n.children))
    named = next((c for c in _compounds(tok) if _is_hazard(c)), None)  # "the earthquake death toll"
    if named is None and tok.dep_ == "compound":  # "Earthquake Death Toll Crosses": a headline's compound of compounds
        named = next((c for c in _compounds(tok.head) if c.i < tok.i and _is_hazard(c)), None)
    if named is not None:
        return named
    if _causing(tok, _own_verb(tok)):
        return None  # "a spill was caused by the attack", "the attack resulted in a spill": the act is the cause
    found = next((n for n in _causes(tok) if hazard(n)), None)
    if found is not None:
        return found
    return _up(tok, lambda v: next((n for n in _causes(v) + _nested_causes(v) if hazard(n)), None))


def hazard_agent(tok: "Token") -> "Token | None":
    """The hazard that does the act ``tok`` ("the tsunami slammed into beaches", "an earthquake hit
    Afghanistan, sending tremors", "in flood hit villages"), or None: a hazard acts for no one, so
    it is no event. The subject of a passive verb whose doer the act is ("a spill was caused by the
    attack") is what the act did, not its doer."""
    if tok.pos_ == "VERB" and tok.i > 0 and _is_hazard(left := tokens_of(tok.doc)[tok.i - 1]):
        return left  # "in earthquake hit areas" (quake-hit), parsed as a verb with other subjects
    return _up(tok, lambda v: next((c for c in v.children if (c.dep_ == "nsubj" or (c.dep_ == "nsubjpass" and not _causing(tok, v)))
                                    and _is_hazard(c)), None))


def _compounds(tok: "Token") -> list["Token"]:
    """The words compounded onto ``tok``, and onto those ("Earthquake Death Toll": Death, Earthquake)."""
    out, stack = [], [tok]
    while stack:
        for c in stack.pop().children:
            if c.dep_ == "compound":
                out.append(c)
                stack.append(c)
    return out


def _causing(tok: "Token", verb: "Token") -> bool:
    """``verb`` tells what the act ``tok`` brought about: ``tok`` is the doer of a passive verb
    ("a spill was caused by an attack") or the subject of a verb of causing ("the attack resulted in
    a spill", words.toml [modality] causing_verbs), so a hazard the verb names is its effect."""
    if verb.i == tok.i:
        return False
    subject = any(c.dep_ in ("nsubj", "csubj") and (c.i == tok.i or c.is_ancestor(tok)) for c in verb.children)
    return _by(tok, verb) or (subject and verb.lemma_.lower() in _W.causing_verbs)


def _by(tok: "Token", verb: "Token") -> bool:
    """``tok`` lies in the agent phrase of the passive ``verb`` ("a spill was caused by an attack"):
    the act is the doer there, and the hazard the verb's subject is what it did."""
    return any(c.dep_ == "agent" and (c.i == tok.i or c.is_ancestor(tok)) for c in verb.children)


def told_hazards(doc: "Doc") -> list["Token"]:
    """Hazards the article tells as happening, a toll tied to them or not: a hazard noun heading its
    phrase ("after the volcano erupted", "affected by flooding", "a single-vehicle crash"), not a
    modifier ("hunger strike") nor a figure of speech (:func:`_is_hazard`), and a man-made
    hazard's verb ("after it collided with a cargo ship"; words.toml [modality] hazard_verbs)."""
    if _HAZARD_WORDS.isdisjoint(words_in(doc)):
        return []
    return [t for t in tokens_of(doc) if (_is_hazard(t) and t.dep_ != "compound") or (t.pos_ == "VERB" and t.lemma_.lower() in _W.hazard_verbs)]


def hazard_records(tokens: "Sequence[Token]", accidents: "Sequence[Token]" = ()) -> list[Hazard]:
    """The record's ``hazards``: each hazard word found (as a cause, as told, or an explosion the
    trigger rules read as an ``accidents``), once, in text order. Its kind is "man_made" for an
    accident, a crash, a collision, a stampede (words.toml [modality] man_made_hazards,
    hazard_verbs), else "natural"."""
    seen = {t.i: t for t in list(tokens) + list(accidents)}
    made = {t.i for t in accidents}
    return [Hazard(kind="man_made" if i in made or t.lemma_.lower() in _W.man_made_hazards or t.lemma_.lower() in _W.hazard_verbs else "natural",
                   text=t.text, start=t.idx, end=t.idx + len(t.text)) for i, t in sorted(seen.items())]


def _up(tok: "Token", test: "Callable[[Token], Token | None]") -> "Token | None":
    """``test`` on the verb of ``tok``, then on the verbs it borrows its subject or its participant
    from: the first answer that is not None."""
    verb = _own_verb(tok)
    for _ in range(4):
        found = test(verb)
        if found is not None:
            return found
        # a pronoun subject of a subordinate clause is the head's ("killed 222 as it slammed into beaches")
        own_subject = any(c.dep_ in ("nsubj", "nsubjpass") and not (c.pos_ == "PRON" and verb.dep_ == "advcl") for c in verb.children)
        borrows = verb.dep_ in ("relcl", "acl", "prep") or (verb.dep_ in ("conj", "xcomp", "advcl") and not own_subject)
        if not borrows or verb.head.i == verb.i:
            return None
        verb = _own_verb(verb.head)
    return None


def _nested_causes(verb: "Token") -> list["Token"]:
    """The when-or-why clauses deeper in ``verb``'s clause ("the toll climbed to 66 and several
    [were] reported missing after floods hit"), not those of a relative clause (which describe a
    participant: "five people who had fled after floods hit"). Not searched in a clause longer than
    :data:`NESTED_SPAN` tokens: a run-on "sentence" of a whole page would make it a walk per trigger."""
    out: list[Token] = []
    if verb.right_edge.i - verb.left_edge.i > NESTED_SPAN:
        return out
    for g in verb.subtree:
        if g.dep_ == "advcl" and g.head.i != verb.i and any(_cause_mark(m) for m in g.children):
            node, ok = g.head, True
            while node.i != verb.i and node.head.i != node.i:
                if node.dep_ == "relcl":
                    ok = False
                    break
                node = node.head
            if ok:
                out.append(g)
                out.extend(_causes(g, 1))
    return out


def _cause_mark(t: "Token") -> bool:
    """The word that opens a clause telling the cause: a mark, or "when" read as an adverb."""
    return t.lower_ in _CAUSE_MARKS and (t.dep_ == "mark" or (t.dep_ == "advmod" and t.lower_ == "when"))


def _causes(head: "Token", depth: int = 0) -> list["Token"]:
    out: list[Token] = []
    for c in head.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            out.append(c)
        elif c.dep_ in ("prep", "agent") and (c.dep_ == "agent" or c.lower_ in _CAUSE_PREPS):
            out.extend(g for g in c.children if g.dep_ == "pobj")
            for g in c.children:  # "after sustaining injuries in a crash"
                if g.dep_ == "pcomp" and depth == 0:
                    out.extend(_causes(g, 1))
                    out.extend(n for o in g.children if o.dep_ == "dobj" for n in _causes(o, 1))
        elif c.dep_ == "advcl" and depth == 0 and any(_cause_mark(g) for g in c.children):
            out.append(c)  # the clause's own verb: an explosion read as an accident ("when a warehouse exploded")
            out.extend(_causes(c, 1))
    return out + [k for n in out for k in n.conjuncts]


def _is_hazard(t: "Token") -> bool:
    """A hazard noun, or a name told as one ("Mount Halla, the island's highest volcano"); not
    a figure of quantity ("a flood of refugees", "a storm of protest", "an outbreak of violence")."""
    if not (t.pos_ in ("NOUN", "PROPN") and (t.lemma_.lower() in _W.hazards or any(
            c.dep_ == "appos" and c.lemma_.lower() in _W.hazards for c in t.children))):
        return False
    return not (any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in t.children)
                and any(c.dep_ == "prep" and c.lower_ == "of" for c in t.children))


def _perfect(verb: "Token") -> bool:
    return any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children)


def cumulative(tok: "Token") -> bool:
    """Whether the clause of ``tok`` tells a cumulative or habitual toll rather than an incident:
    "have killed thousands across the Sahel", "in recent years", "over the past decade", "since
    2015", "so far this year", "kill 40,000 people a year". A clause that ranks one incident
    among the others of the span ("the deadliest attack in recent years") still tells it."""
    verb, clause = _clause(tok)
    clause = clause + _fronted(verb)
    lows = {t.lower_ for t in clause}
    if lows & _W.comparing or any(t.tag_ == "JJS" and not _at_least(t) for t in clause):
        return False
    perfect = _perfect(verb)
    for t in clause:
        low = t.lower_
        if t.dep_ in ("prep", "advmod") and low in ("in", "over", "during", "throughout", "for", "within"):
            pobj = next((g for g in t.children if g.dep_ == "pobj"), None)
            if pobj is not None and pobj.lower_ in _W.span_units and any(
                    g.lower_ in _W.span_mods for g in pobj.children if g.dep_ in ("amod", "compound", "nummod", "det")):
                return True  # "in recent years", "over the past decade", "in the last six months"
        elif low == "since" and t.dep_ in ("prep", "mark"):
            if (t.dep_ == "mark" and t.head.i == verb.i and verb.dep_ == "advcl" and verb.head.i != verb.i and _perfect(verb.head)
                    and not any(g.like_num for g in verb.subtree)):
                # "has been under pressure since the RSF seized nearby towns": the act that opened a span,
                # told as its start (not "… since gunmen attacked Kura on Sunday, killing 12": a toll)
                return True
            words = [g for g in (t.head.subtree if t.dep_ == "mark" else t.subtree) if g.i != t.i]
            if any(len(g.text) == 4 and g.text.isdigit() and 1900 <= int(g.text) <= 2100 for g in words):
                return True  # "since 2015"
            if any(g.lower_ in _W.since_words for g in words) and not any(g.like_num for g in words):
                return True  # "since January", "since the war began"; not "since January 3"
            if t.dep_ == "mark" and t.head.lemma_.lower() in _W.since_began and not any(g.like_num or g.ent_type_ in ("DATE", "TIME") for g in words):
                return True  # "since the protests began"; not "since fighting erupted on Sunday", one incident's days
        elif low == "far" and t.i > 0 and t.doc[t.i - 1].lower_ == "so" and t.i + 2 < len(t.doc) and \
                t.doc[t.i + 1].lower_ in ("this", "in") and t.doc[t.i + 2].lower_ not in ("the",):
            return True  # "so far this year", "so far in 2024"
        elif low in _W.habitual_units and t.dep_ in ("npadvmod", "pobj"):
            det = next((g.lower_ for g in t.children if g.dep_ in ("det", "amod")), None)
            nxt = t.doc[t.i + 1].lower_ if t.i + 1 < len(t.doc) else ""
            if det in ("each", "every", "per") or (det in ("a", "an") and t.dep_ == "npadvmod" and nxt not in ("ago", "earlier", "later", "after", "before")):
                return True  # "every year", "40,000 people a year"
            if det == "this" and perfect:
                return True  # "have been killed this year"
        elif low == "annually" or (low == "repeatedly" and perfect):
            return True
        elif low == "times" and perfect and _counted_times(t):
            return True  # "have attacked us over 200 times": many incidents told as one (not "hit three times")
    if tok.pos_ == "NOUN" and any(c.dep_ == "amod" and c.lower_ in _W.habitual_adjectives for c in tok.children):
        return True  # "has kept up near-daily strikes", "regular shelling": many acts told by how often
    if tok.tag_ == "NNS" and tok.lemma_.lower() in _W.toll_lemmas and any(
            c.dep_ == "poss" and c.lower_ in _W.span_units and any(g.lower_ in _W.span_mods for g in c.children) for c in tok.children):
        return True  # "the previous year's deaths", "last month's killings"
    if verb.lemma_.lower() in _W.toll_lemmas or tok.lemma_.lower() in _W.toll_lemmas:
        shared = _coordinated(clause)  # "were killed and 14,815 wounded by …": the agent the two verbs share
        if any(_war_agent(v, perfect) for v in [verb] + [t for t in shared if t.pos_ in ("VERB", "AUX")]) or _date_span(clause + shared):
            return True
        spans = [t for t in clause if t.dep_ == "prep" and t.lower_ in ("across", "throughout")]
        if (lows & _W.magnitude and (perfect or spans)) or (lows & _W.vague_magnitude and spans):
            return True  # "have killed thousands of people", "killed hundreds across the region"
        if any(g.dep_ == "pobj" and g.lemma_.lower() in _W.span_places and any(d.lower_ in ("the", "this") for d in g.children)
               for t in spans for g in t.children):
            return True  # "six more were hurt in shootings across the city that night": a sum over many incidents
    return False


def _fronted(verb: "Token") -> list["Token"]:
    """Words fronted before a told clause whose statement comes after it: in "Over 200 times the
    rebels have attacked our convoys, the minister said" the parser hangs "times" on "said"."""
    head = verb.head
    if verb.dep_ != "ccomp" or head.i <= verb.i:
        return []
    return [t for c in head.children if c.i < verb.left_edge.i and c.dep_ not in ("punct", "cc") for t in c.subtree]


def _counted_times(t: "Token") -> bool:
    """"200 times", "dozens of times", "several times": a count of repeated acts (read off the
    words, since the parser often hangs the number elsewhere)."""
    doc = t.doc
    before = doc[t.i - 1] if t.i > 0 else None
    if before is not None and before.lower_ == "of" and t.i > 1:
        before = doc[t.i - 2]
    if before is None or not (before.like_num or before.lower_ in _W.vague_magnitude or before.lower_ in _W.repeat_counts):
        return False
    if before.lower_ in _W.few_times:
        return False  # "hit three times": one incident, several blows
    nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
    return nxt is None or nxt.lower_ not in _W.multipliers  # "three times more": a multiplier, not a count of acts


def _at_least(t: "Token") -> bool:
    """The "least"/"most" of "at least", "at most": a qualifier, not a superlative."""
    return t.lower_ in ("least", "most") and t.i > 0 and t.doc[t.i - 1].lower_ == "at"


def _coordinated(clause: list["Token"]) -> list["Token"]:
    """Tokens of the verbs coordinated with the clause's own ("killed and … wounded by …")."""
    out: list["Token"] = []
    for t in clause:
        for c in t.children:
            if c.dep_ in ("conj", "acl") and c.pos_ == "VERB" and c not in clause:
                out.extend(c.subtree)
    return out


def _war_agent(verb: "Token", perfect: bool) -> bool:
    """"killed … by Russia's war on Ukraine", "the conflict has killed", "the fighting has killed
    more than 3,500 people": the toll of a war or a campaign, not of one incident."""
    agents = [c for c in verb.children if c.dep_ == "nsubj"]
    agents += [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    for a in agents:
        lemma = a.lemma_.lower()
        if lemma in _W.war_nouns or (perfect and lemma in _W.campaign_nouns):
            return True
    return False


def _date_span(clause: list["Token"]) -> bool:
    """"between Feb. 24, 2022, and May 7": a toll summed over a span of months or years."""
    for t in clause:
        if t.lower_ == "between" and t.dep_ == "prep":
            dates = [g for g in t.subtree if g.ent_type_ == "DATE" and g.i != t.i]
            months = {g.lower_[:3] for g in dates if g.lower_[:3] in _MONTHS}
            if len(months) >= 2 or any(len(g.text) == 4 and g.text.isdigit() and 1900 <= int(g.text) <= 2100 for g in dates):
                return True
    return False


_MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}
