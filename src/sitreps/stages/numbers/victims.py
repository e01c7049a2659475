"""Who the casualty finder counts: parse helpers that find a figure's victim and read its count
(package-internal; :mod:`.casualties` is their only user).

Walks over spaCy's dependency parse that stand in for what the parser gets wrong in news text:
headline forms ("Four teens shot", "Boy, 11, shot"), a passive that lost its subject, lists of
victims in coordination or apposition, groups counted by size ("a family of five").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...lang import WordSets
from .quantities import is_number, sentence_bounds

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ...lang import Language

PLACE_ORG_ENTS = {"GPE", "ORG", "NORP", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
HEADLINE_FORMS = {"shot": "shoot", "stabbed": "stab", "killed": "kill", "slain": "slay", "murdered": "murder",
                  "injured": "injure", "wounded": "wound", "hurt": "hurt", "dies": "die", "died": "die",
                  "shoots": "shoot", "kills": "kill", "stabs": "stab", "injures": "injure", "wounds": "wound"}
MULTIPLE = {"double": 2, "triple": 3, "quadruple": 4, "quintuple": 5}
BAD_ENTS = {"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"}


def _passive(v: "Token") -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in v.children) or (v.tag_ == "VBN" and not any(c.dep_ in ("dobj", "aux") for c in v.children))


def listed_with(a: "Token", b: "Token") -> bool:
    """Whether ``b`` goes on a list that ``a`` opens ("A guard, a driver and a cook were shot"): no
    dash, colon or line break stands between them ("PINECREST, Harwick County — A 6-year-old
    girl was flown")."""
    gap = a.doc[a.i + 1:b.left_edge.i]
    return not any(t.text in ("—", "–", "--", "-", ":", "|") or "\n" in t.text for t in gap)


def _subject(v: "Token", deps: tuple[str, ...] = ("nsubjpass", "nsubj")) -> "Token | None":
    """The verb's subject; a web address is never one. Of two subjects the parser gave the verb
    that do not make a list, the second: the first is a dateline or a heading the parse ran into
    the sentence."""
    for dep in deps:
        found = [c for c in v.children if c.dep_ == dep and not (c.like_url or c.like_email)]
        if found:
            first = found[0]
            for c in found[1:]:
                if c.i < v.i and not listed_with(first, c):
                    first = c
            return first
    return None


def hypothetical(t: "Token", w: WordSets) -> bool:
    """"could kill", "threatened to kill", "if anyone is hurt", "how many were killed"."""
    node = t
    modal_scope = True  # an auxiliary counts on the predicate and on the verbs it is the complement of
    for _ in range(3):
        for c in node.children:
            if modal_scope and c.dep_ in ("aux", "auxpass") and c.lower_ in w.hypothetical_aux:
                return True
            if c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") and modal_scope:
                return True
            if c.lower_ == "how" or (c.lower_ == "many" and c.i < t.i and node is t):
                return True
        if node.dep_ in ("xcomp", "ccomp", "advcl", "pcomp") and node.head.lemma_ in w.hypothetical_heads:
            return True
        if node.dep_ in ("xcomp", "conj", "advcl", "pcomp", "pobj", "prep", "acl"):
            # "should recover after shooting himself": the modal is on another event
            modal_scope = modal_scope and node.dep_ in ("xcomp", "conj")
            node = node.head
            continue
        break
    return False


def _negated(t: "Token", victim: "Token | None", w: WordSets) -> bool:
    if any(c.dep_ == "neg" for c in t.children):
        return True
    if victim is not None:
        if victim.lower_ in w.negative_det:
            return True
        if any(c.lower_ in w.negative_det and c.dep_ in ("det", "neg", "amod") for c in victim.children):
            return True
    return False


def _beside_deaths(t: "Token", w: WordSets) -> bool:
    kill = w.kill_verbs | w.die_verbs
    return (t.dep_ == "conj" and t.head.lemma_.lower() in kill) or any(c.dep_ == "conj" and c.lemma_.lower() in kill for c in t.children)


def _others(victim: "Token") -> bool:
    """"three others", "five other victims", "another man", "a second victim": people besides
    those told before."""
    return (victim.lemma_.lower() == "other" or victim.lower_ in ("another", "second", "third")
            or any(c.lower_ in ("other", "another", "additional", "more", "second", "third") for c in victim.children))


def treated_alive(t: "Token", w: WordSets) -> bool:
    """Those taken to hospital are said to be alive there: "brought to a nearby hospital to be
    treated for wounds that are not life-threatening", "taken to hospital for the wounds he had".
    A figure of people taken to hospital otherwise counts everyone hit, the dead among them."""
    words = {form for g in t.subtree for form in (g.lemma_.lower(), g.lower_)}
    if words & (w.kill_verbs | w.die_verbs | w.kill_adj):
        return False  # "… where he died", "… where he was pronounced dead"
    return bool(words & w.treated_alive)


def _person_word(t: "Token", w: WordSets) -> bool:
    return t.pos_ in ("NOUN", "PROPN") and (t.lemma_.lower() in w.person_nouns or t.ent_type_ == "PERSON") and t.lemma_.lower() not in ("people", "other", "one")


def _year_like(t: "Token") -> bool:
    """"2014" on its own is a year, not a count."""
    return len(t.text) == 4 and t.text.isdigit() and 1900 <= int(t.text) <= 2100


def _before_auxiliary(t: "Token") -> "Token | None":
    """"after three men and a 5-year-old were hit": the parser lost the passive subject; it is
    the noun phrase that ends right before the auxiliary."""
    aux = [c for c in t.children if c.dep_ == "auxpass" and c.i < t.i]
    if not aux:
        return None
    i = min(a.i for a in aux) - 1
    if i < t.sent.start:
        return None
    prev = t.doc[i]
    if _is_age(prev) or (prev.pos_ in ("NOUN", "PROPN", "NUM") and prev.dep_ not in ("nsubj", "nsubjpass") and not prev.is_punct):
        return prev
    return None


def _coordination(root: "Token", spelled_out: bool, w: WordSets) -> list["Token"]:
    """"a man, a woman and a boy": the nouns coordinated with ``root``; when ``root`` already counts
    several people, not those of an apposition that spells them out ("four victims, three
    juveniles and one adult")."""
    members = [root]
    frontier = [root]
    while frontier:
        m = frontier.pop()
        for c in m.children:
            listed = (c.dep_ == "appos" and not spelled_out and root.ent_type_ != "PERSON" and c.ent_type_ != "PERSON"
                      and not any(g.dep_ == "det" for g in c.children)  # "X, the mayor of Y": a description
                      and (any(g.dep_ in ("conj", "poss", "nummod") for g in c.children) or c.lower_ in w.reflexive
                           or (c.tag_ == "NN" and c.lemma_.lower() in w.person_nouns)))  # "wife, son, 4 kids, himself"
            own = any(g.dep_ in ("acl", "relcl") and g.pos_ == "VERB" and g.tag_ == "VBN" for g in c.children)  # "one teenager injured": its own figure
            if (c.dep_ == "conj" or listed) and not own and (c.pos_ in ("NOUN", "PROPN") or _is_age(c) or c.lower_ in w.reflexive):
                # "a man, a woman and a boy": the parser's apposition may hold the list, never
                # a description of the same person ("Dale Harlan, a 27-year-old man")
                members.append(c)
                frontier.append(c)
    return members


def _told_before(v: "Token", w: WordSets) -> bool:
    """A victim named as someone the text has told of already: a personal pronoun ("he was
    wounded") or "the" with a bare word for a person ("the boy", "the wounded teen")."""
    if v.lower_ in ("he", "she", "him", "her"):
        return True
    return (v.tag_ == "NN" and (v.lemma_.lower() in w.person_nouns or v.lemma_.lower() == "victim")
            and any(c.dep_ == "det" and c.lower_ == "the" for c in v.children)
            and not any(c.dep_ in ("poss", "nummod") or c.lower_ in ("other", "second", "third") for c in v.children))


def description(v: "Token", w: WordSets) -> str | None:
    """What a single victim is called, to tell the same person told twice ("killed a 16-year-old"
    … "critically injured a 16-year-old"; "Child dies" … "a wounded child"): a word for a person
    other than the bare generic ones, an age ("16-year-old") or a name. None for pronouns,
    numbers, "man", "person", "victim" and the like, which as often name someone else."""
    if _is_age(v):
        return "".join(t.lower_ for t in v.doc[_age_start(v):v.i + 1] if t.lower_ not in ("a", "an"))
    if v.ent_type_ == "PERSON" and v.pos_ == "PROPN":
        return v.lower_
    lemma = v.lemma_.lower()
    if v.pos_ == "NOUN" and lemma in w.person_nouns and lemma not in w.generic_victims and not _others(v):
        return lemma
    return None


def _age_start(v: "Token") -> int:
    """First token of an age phrase ending at ``v``: "a 16-year-old"."""
    doc, first = v.doc, v.i
    while first > v.sent.start and (doc[first - 1].text in ("-", "year", "years") or doc[first - 1].like_num or doc[first - 1].lower_ in ("a", "an")):
        first -= 1
    return first


def _non(t: "Token") -> bool:
    """"non-fatal", "non fatal": the word is negated by its prefix."""
    doc = t.doc
    prev = [doc[i].lower_ for i in range(max(t.sent.start, t.i - 2), t.i)]
    return "non" in prev or "non-" in prev


def _subset(t: "Token") -> bool:
    """"eight women among them", "two of them": a part of a group already counted."""
    return any(c.dep_ == "prep" and c.lower_ in ("among", "of") and any(g.dep_ == "pobj" and g.lower_ in ("them", "those", "whom", "these") for g in c.children)
               for c in t.children)


def _is_age(v: "Token") -> bool:
    """"16-year-old", "16-year old": the "old" of an age used as a noun."""
    if v.lower_ not in ("old", "olds"):
        return False
    doc = v.doc
    j = v.i - 1
    if j >= 0 and doc[j].text == "-":
        j -= 1
    return j >= 0 and doc[j].lower_ in ("year", "years", "month", "months", "week", "weeks")


def _counted(c: "Token") -> bool:
    """Does "fatally" carry its own number ("9 people shot, 1 fatally")?"""
    doc = c.doc
    return any(is_number(g) for g in c.children) or (c.i > 0 and is_number(doc[c.i - 1]))


def _past_read_as_present(t: "Token") -> bool:
    """"Four teens shot, one fatally": a past form the tagger read as a present verb (VBP), whose
    text is not the lemma's present form."""
    return (t.tag_ == "VBP" and HEADLINE_FORMS.get(t.lower_, t.lower_) not in (t.lower_, t.lower_ + "s")
            and not any(c.dep_ in ("dobj", "aux") for c in t.children))


def _an_age(num: "Token") -> bool:
    """``num`` tells an age: after "aged"/"age", or under "the ages of" ("between the ages of 9
    and 14"), itself or the number it is listed with."""
    for n in (num, num.head if num.dep_ == "conj" and num.head.i != num.i else None):
        if n is None:
            continue
        h = n.head
        if h.i < n.i and h.lower_ in ("aged", "age", "ages"):
            return True
        if h.lower_ == "of" and h.head.i != h.i and h.head.lemma_.lower() == "age":
            return True
    return False


def _headline_victim(t: "Token", w: WordSets) -> "Token | None":
    """"1 dead, 4 injured", "9 People Shot", "Teen killed in shooting": the word right before a
    participle or adjective that has no auxiliary and no object."""
    if t.i == t.sent.start or (t.tag_ not in ("VBN", "VBD", "JJ", "NN", "NNP", "NNS") and not _past_read_as_present(t)):
        return None
    if any(c.dep_ in ("aux", "auxpass", "nsubjpass") for c in t.children):
        return None
    doc = t.doc
    prev = doc[t.i - 1]
    while prev.pos_ == "ADV" and prev.i > t.sent.start and prev.lower_ not in ("not", "never"):
        prev = doc[prev.i - 1]  # "Woman accidentally shot"
    if prev.text == "," and prev.i - 3 >= t.sent.start and doc[prev.i - 1].like_num and doc[prev.i - 2].text == ",":
        prev = doc[prev.i - 3]  # "Girl, 6, Shot"
        if prev.lemma_.lower() in w.person_nouns or prev.lower_ in w.person_nouns:
            return prev  # whatever the tagger made of it ("Boy/UH")
    if prev.ent_type_ in BAD_ENTS or _year_like(prev):
        return None
    if _an_age(prev):
        return None  # "a woman aged 61 lost her life", "pupils aged between 9 and 14 were treated": an age
    if is_number(prev):
        return prev  # "1 killed 3 injured": even when the parser made "3" the object
    if any(c.dep_ == "dobj" for c in t.children):
        return None
    if _is_age(prev):
        return prev
    if prev.pos_ in ("NOUN", "PROPN") and (prev.lemma_.lower() in w.person_nouns or prev.ent_type_ == "PERSON") and not any(c.dep_ == "det" and c.lower_ == "the" for c in prev.children):
        before = t.doc[prev.i - 1] if prev.i > t.sent.start else None
        if before is not None and is_number(before) and before.ent_type_ not in BAD_ENTS:
            return before  # "9 People Shot"
        return prev
    return None


def _shot_dead(t: "Token") -> bool:
    """"shot dead" written as one phrase: the word right after the verb is "dead", whatever the
    parser attached it to."""
    return t.i + 1 < sentence_bounds(t)[1] and t.doc[t.i + 1].lower_ == "dead"  # bounds in constant time: Token.sent walks the parse


def _fatal_hit(t: "Token") -> bool:
    """A hit that killed: "fatally shot", "shot to death", "shot dead journalist X and her driver"
    ("dead" parsed as the object's adjective)."""
    return any(c.lemma_.lower() in ("fatally", "dead", "mortally") and not _counted(c) for c in t.children) or any(
        c.dep_ == "prep" and c.lower_ == "to" and any(g.lemma_ == "death" for g in c.children) for c in t.children) or _shot_dead(t)


def _after_killing(t: "Token", w: WordSets) -> bool:
    """``t``, whose object is a reflexive, follows a killing of others it is joined to (a
    coordination, a clause, "before"): "shot his daughter to death and then killed himself",
    "killed his wife and three children, then shot himself", "killed his wife before killing
    himself". The killer's own death is one more dead."""
    def kills_others(v: "Token") -> bool:
        lemma = v.lemma_.lower()
        return (lemma in w.kill_verbs or (lemma in w.hit_verbs and _fatal_hit(v))) and any(
            c.dep_ == "dobj" and c.lower_ not in w.reflexive for c in v.children)

    v = t
    while v.head.i < v.i:
        if v.dep_ in ("conj", "dep", "advcl"):  # "…, then shot himself"
            v = v.head
        elif v.dep_ == "pcomp" and v.head.lower_ == "before" and v.head.head.i < v.head.i:  # "before killing himself"
            v = v.head.head
        else:
            break
        if kills_others(v) or any(c.dep_ == "conj" and c.i < t.i and kills_others(c) for c in v.children):  # "shot and killed X, then …"
            return True
    return False


#: per language: every word (as written or as lemma) one of ``casualties.Finder._find``'s branches reads
_WORDS_READ: dict[str, frozenset[str]] = {}


def words_read(lang: "Language") -> frozenset[str]:
    """The words a token must be (its lower-cased form or lemma) for ``casualties.Finder._find`` to read
    a figure from it, unless a phrasal pattern matched it: the finder visits only those tokens
    (:func:`sitreps.parse.tokens_among`), not most of a page (a test checks every branch's word is here)."""
    found = _WORDS_READ.get(lang.code)
    if found is None:
        w = lang.words_of("casualties")
        sets = (w.perpetrator_death_nouns, w.multiple_victim_nouns, w.fatal_event_nouns, w.kill_verbs, w.die_verbs,
                w.injure_verbs, w.hit_verbs, w.carry, w.kill_nouns, w.injure_nouns, w.kill_adj, w.injure_adj)
        found = frozenset().union(*sets, HEADLINE_FORMS, HEADLINE_FORMS.values(), {
            "lose", "hit", "strike", "graze", "wound", "condition", "toll", "casualties", "casualty", "dead", "fatally", "mortally"})
        _WORDS_READ[lang.code] = found
    return found
