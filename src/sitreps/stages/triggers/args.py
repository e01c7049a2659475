"""A trigger's arguments in the dependency parse: the words of its subject, its objects and the
nouns after its prepositions, as the context rules (:mod:`.rules`, :mod:`.context`) read them."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

_OBJ_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd"})
_SUBJ_DEPS = frozenset({"nsubj", "agent", "csubj"})


#: the verbs that make the people they describe protesters ("workers demanding higher wages")
DEMANDING = frozenset({"demand", "protest"})


def demanding(noun: "Token") -> bool:
    """``noun`` names people by what they demand or protest: "garment workers demanding higher
    wages", "farmers protesting the new law"."""
    return noun.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "acl" and c.tag_ == "VBG" and c.lemma_.lower() in DEMANDING for c in noun.children)


def _of_demanding(noun: "Token") -> bool:
    """``noun`` or the "of" object after it names people by what they demand ("thousands of garment
    workers demanding higher wages")."""
    return demanding(noun) or any(g.dep_ == "prep" and g.lower_ == "of" and any(demanding(x) for x in g.children if x.dep_ == "pobj")
                                  for g in noun.children)


def words_of(tok: "Token", deps: frozenset[str]) -> set[str]:
    """Lemmas (and their compounds) of the children of ``tok`` in ``deps``, and of the nouns
    after its prepositions on/against/at/in/from/of when ``deps`` holds ``pobj``; "protesters" for
    people named by what they demand (:func:`demanding`)."""
    out: set[str] = set()
    for c in tok.children:
        if c.dep_ in deps:
            out.add(c.lemma_.lower())
            out.add(c.lower_)
            if _of_demanding(c):
                out.add("protesters")
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
                    if _of_demanding(g):
                        out.add("protesters")  # "opened fire on thousands of garment workers demanding higher wages"
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
    if tok.pos_ == "VERB" and not any(c.dep_ in ("dobj", "nsubjpass") for c in tok.children):
        # "attacked and injured a demonstration": coordinated verbs share the object the parser
        # hangs on the last of them
        shared = next((c for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB" and c.i > tok.i
                       and any(g.dep_ == "dobj" for g in c.children)), None)
        if shared is not None:
            out |= words_of(shared, frozenset({"dobj"}))
    if tok.dep_ in ("acl", "relcl") and tok.head.i != tok.i:  # "civilians killed in …"
        out.add(tok.head.lemma_.lower())
    return out
