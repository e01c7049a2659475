"""Whether a trigger tells something that happened: negation, hypotheticals and the future.

Read off the dependency parse around the trigger: its own ``neg``/``aux``/``mark`` children,
a ``no`` determiner, and the words that govern it ("threatened to strike", "plans talks",
"warned of attacks", "refused to meet"). Cheap: a walk of at most a few heads per trigger.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

HYPOTHETICAL_AUX = frozenset({"could", "would", "might", "may", "should", "can", "must", "ought"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
CONDITIONAL_MARK = frozenset({"if", "unless", "whether", "lest"})
NEGATIVE_DET = frozenset({"no", "neither", "nor"})
NEGATIVE_SUBJ = frozenset({"nobody", "none", "nothing", "noone"})

#: governing words whose complement has not happened (yet): lemma -> flag
GOVERNORS: dict[str, str] = {
    **dict.fromkeys(
        "threaten threat warn warning vow pledge promise want wish seek aim hope urge demand call ask request appeal "
        "propose proposal offer consider order allow authorize authorise permit prepare ready willing able need "
        "fear risk possibility possible likely unlikely ultimatum intend intention readiness could would may might "
        "try decide push lobby insist plot conspire".split(),
        "hypothetical",
    ),
    **dict.fromkeys("plan schedule expect due set agree going upcoming future next".split(), "future"),
    **dict.fromkeys("refuse deny reject fail avoid prevent stop halt rule decline deny denial refusal".split(), "negated"),
}

_ADJUNCT = frozenset({"prep", "advcl", "acl", "relcl", "npadvmod"})
#: dependency relations through which a governor reaches its complement
_DOWN = frozenset({"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "acl", "relcl", "advcl", "conj", "attr", "oprd", "nsubjpass", "compound", "amod"})


def modality(tok: "Token") -> tuple[bool, bool, bool]:
    """``(negated, hypothetical, future)`` for the trigger token ``tok``."""
    negated = hypothetical = future = False
    neg_, hyp_, fut_ = _own(tok)
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
    return negated, hypothetical, future


def _own(tok: "Token") -> tuple[bool, bool, bool]:
    negated = hypothetical = future = False
    for child in tok.children:
        dep = child.dep_
        low = child.lower_
        if dep == "neg" or (dep == "det" and low in NEGATIVE_DET):
            negated = True
        elif dep in ("nsubj", "nsubjpass") and (low in NEGATIVE_SUBJ or any(g.dep_ == "det" and g.lower_ == "no" for g in child.children)):
            negated = True
        elif dep == "aux":
            if low in FUTURE_AUX:
                future = True
            elif low in HYPOTHETICAL_AUX:
                hypothetical = True
        elif dep == "mark" and low in CONDITIONAL_MARK:
            hypothetical = True
    return negated, hypothetical, future
