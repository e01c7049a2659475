"""Killed and injured figures from one parsed sentence.

The figure hangs on a casualty word (a predicate): a verb ("killed", "died", "were wounded",
"shot"), a noun ("two deaths", "injuries to four people", "the death toll rose to 12") or an
adjective ("left five dead", "3 dead, 2 injured"). The count is read from the predicate's
victim argument in the dependency parse (passive subject, object, subject of "die", the noun a
participle modifies), then from the words right before the predicate when the parse fails.

"Shot"/"stabbed"/"taken to hospital" give an *inclusive* injured figure (everyone hit, killed
or not): the events stage turns it into injured = hit - killed ("two men were shot, one
fatally" → 1 killed, 1 injured).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from ...lang import Language, load
from ...ingest.outlets import inside, outlet_tails
from ...parse import ents_of, tokens_among, tokens_of
from ...text.mentions import CasualtyMention
from ...text.modality import cumulative
from .quantities import Quantity, is_number, measured, quantity_of
from .victims import (
    listed_with, PLACE_ORG_ENTS, HEADLINE_FORMS, words_read, MULTIPLE, BAD_ENTS, _others, treated_alive, _passive,
    _subject, hypothetical, _negated, _beside_deaths, _person_word, _year_like, _before_auxiliary,
    _coordination, _told_before, _age_start, _non, _subset, _is_age, _counted, _past_read_as_present,
    _headline_victim, _fatal_hit, _after_killing, description,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


class Finder:
    """Finds casualty figures in sentences; holds nothing but the text between calls."""

    def __init__(self, text: str, language: Language | None = None):
        self.text = text
        self.lang = language if language is not None else load("en")
        #: the language's ``[casualties]`` word sets
        self.w = self.lang.words_of("casualties")
        self._phrasal: tuple[Any, dict[int, "Token | None"]] | None = None
        self._people: tuple[Any, frozenset[str]] | None = None
        self.outlets = outlet_tails(text)  # "- KQRT-TV 7-News" after a title: no figure in it

    def phrasal(self, doc: "Doc") -> dict[int, "Token | None"]:
        """Killing predicates told by a phrase (patterns ``KILLED`` and ``KILLED_VICTIM`` of the
        language's patterns.jsonl): verb token -> the victim the pattern names, if it names one."""
        if self._phrasal is None or self._phrasal[0] is not doc:
            matcher = self.lang.dependency_matcher(doc.vocab, "KILLED", "KILLED_VICTIM")
            victim_label = doc.vocab.strings["KILLED_VICTIM"] if "KILLED_VICTIM" in doc.vocab.strings else None
            hits: dict[int, "Token | None"] = {}
            for match_id, token_ids in matcher(doc) if len(matcher) else ():
                victim = doc[token_ids[-1]] if match_id == victim_label else None
                if token_ids[0] not in hits or hits[token_ids[0]] is None:
                    hits[token_ids[0]] = victim
            self._phrasal = (doc, hits)
        return self._phrasal[1]

    def people(self, doc: "Doc") -> frozenset[str]:
        """The words of the names the entity tagger reads as a person's anywhere in ``doc``: a
        surname it tags otherwise elsewhere ("Kettleby" as an organisation after "Wade Kettleby") is
        still the person's."""
        if self._people is None or self._people[0] is not doc:
            self._people = (doc, frozenset(t.text for e in ents_of(doc) if e.label_ == "PERSON" for t in e if t.pos_ == "PROPN"))
        return self._people[1]

    # -- victims and their counts ------------------------------------------------------------
    def victim_of(self, t: "Token", kind: str) -> "Token | None":
        """The token naming who was killed/hurt by predicate ``t``."""
        w = self.w
        lemma = t.lemma_.lower()
        if t.pos_ in ("VERB", "AUX") or t.tag_.startswith("VB"):
            if lemma in w.die_verbs or lemma == "pass" or _lost_life(t):
                v = _subject(t)
            elif _passive(t):
                v = _subject(t, ("nsubjpass",))
                if v is None and t.dep_ in ("acl", "amod") and t.head.i != t.i:
                    v = t.head  # "the five people killed in the blast", "2 injured"
                if v is None:
                    v = _before_auxiliary(t)
            else:
                v = next((c for c in t.children if c.dep_ == "dobj"), None)
            if v is None and t.dep_ == "conj" and t.head.i != t.i:
                v = _headline_victim(t.head, w)  # "Teenage boy shot and killed by …"
            if v is None and t.dep_ in ("conj", "xcomp") and t.head.i != t.i:
                head = t.head
                v = _subject(head) if head.lemma_ not in w.kill_verbs | w.injure_verbs | w.hit_verbs or _passive(head) or head.lemma_ in w.die_verbs else None
                if v is None and head.dep_ == "xcomp":
                    v = _subject(head.head)
            if v is not None and v.lower_ in ("who", "that", "which") and t.dep_ == "relcl":
                v = t.head
            return v
        return None

    def count(self, v: "Token", _conj: bool = False) -> tuple[Quantity | None, int, int, bool]:
        """(quantity, first token, last token + 1, negated) of a victim phrase."""
        w = self.w
        doc = v.doc
        if _is_age(v):  # "a 16-year-old was shot": the age stands for the person
            first = _age_start(v)
            age = Quantity(1, "exact", first, v.i + 1)
            if _conj or v.dep_ != "conj" or v.head.i == v.i or v.head.pos_ not in ("NOUN", "PROPN"):
                return age, first, v.i + 1, False
            # "three men and a 5-year-old were hit": the whole coordination
            whole, ws, we, neg = self.count(v.head)
            if whole is None or neg or whole.value < 2:
                return age, first, v.i + 1, False
            return whole, min(ws, first), max(we, v.i + 1), False
        if v.ent_type_ in BAD_ENTS and not v.like_num:
            return None, v.i, v.i + 1, False
        if v.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT"):
            return None, v.i, v.i + 1, False
        if v.lower_ in w.negative_det or any(c.lower_ in w.negative_det and c.dep_ in ("det", "neg") for c in v.children) or (v.lower_ == "one" and v.i > 0 and doc[v.i - 1].lower_ == "no"):
            s = v.i - 1 if v.i > 0 and doc[v.i - 1].lower_ == "no" else v.i
            s = min([s] + [c.i for c in v.children if c.dep_ == "det"])
            return Quantity(0, "exact", s, v.i + 1), s, v.i + 1, True
        # "4-year-old Janelle Tolliver", "Kettleby" after "Wade Kettleby": a name with an age or one the
        # tagger reads as a person's elsewhere is a person, whatever the entity tagger says here
        person_name = v.pos_ == "PROPN" and (any(c.dep_ == "amod" and _is_age(c) for c in v.children) or (v.ent_type_ != "PERSON" and v.text in self.people(doc)))
        # "three Palestinians", "two Israelis": a people's name in the plural, counted, is people
        counted_people = v.ent_type_ == "NORP" and v.lower_.endswith("s") and any(c.dep_ == "nummod" for c in v.children)
        if (v.ent_type_ in PLACE_ORG_ENTS and not v.like_num and not person_name and not counted_people) or v.lemma_.lower() in w.not_person or _year_like(v):
            return None, v.i, v.i + 1, False
        q = quantity_of(v)
        if q is not None and (inside(self.outlets, doc[q.start].idx) or measured(doc, q.end, w.measures)):
            q = None  # a channel number ("child shot - KQRT-TV 7-News"); "a 22 caliber gunshot wound": a gun's calibre
        if q is None and v.lemma_.lower() in w.group_nouns:
            # "a family of five — a mother, a father and their three children": the group's size
            of = next((c for c in v.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            size = next((g for g in of.children if g.dep_ == "pobj" and is_number(g)), None) if of is not None else None
            gq = quantity_of(size) if size is not None else None
            if gq is not None:
                return Quantity(gq.value, gq.qualifier, min(v.i, gq.start), gq.end), min(v.i, gq.start), max(v.i + 1, gq.end), False
        if q is None and v.lower_ in ("second", "third", "fourth") and any(c.dep_ == "det" and c.lower_ == "a" for c in v.children):
            q = Quantity(1, "exact", v.i - 1, v.i + 1)  # "a second died": one more
        # "one of them", "two of the victims"
        if q is None and (v.lower_ in w.pronoun_one or (v.lower_ == "another" and v.pos_ == "PRON" and not (v.i and doc[v.i - 1].lower_ == "one"))):
            q = Quantity(1, "exact", v.i, v.i + 1)  # "… and seriously wounded another"; not "one another"
        if q is None and (v.ent_type_ == "PERSON" or person_name):
            ent = next((e for e in ents_of(doc) if e.start <= v.i < e.end and e.label_ not in BAD_ENTS), None)
            if ent is not None:
                q = Quantity(1, "exact", ent.start, ent.end)
            elif person_name:
                q = Quantity(1, "exact", v.i, v.i + 1)
        if q is None and (v.tag_ in ("NN", "NNP") or (v.tag_ == "UH" and v.lower_ in w.person_nouns)) and v.lemma_.lower() not in w.not_person and v.ent_type_ not in PLACE_ORG_ENTS and (
                v.lemma_.lower() in w.person_nouns or v.lower_.endswith(("man", "woman", "er", "ist", "ian")) or v.tag_ == "NNP"
                or any(c.dep_ in ("compound", "appos") for c in v.children)):
            dets = [c for c in v.children if c.dep_ in ("det", "poss", "amod", "compound", "nmod")]
            det = next((c for c in v.children if c.dep_ == "det"), None)
            if det is None or det.lower_ in ("a", "an", "the", "this", "that", "another", "one"):
                first = min([c.i for c in dets] + [v.i])
                q = Quantity(1, "at_least" if det is not None and det.lower_ == "another" else "exact", first, v.i + 1)
        if q is None:
            return None, v.i, v.i + 1, False
        start, end = min(q.start, v.i), max(q.end, v.i + 1)
        total = q.value
        if not v.like_num and not _conj:
            # "a man and a woman were killed", "Father, daughter found dead": count every conjunct
            root = v
            while root.dep_ == "conj" and root.head.i != root.i and (root.head.pos_ in ("NOUN", "PROPN") or _is_age(root.head)):
                root = root.head
            members = _coordination(root, q.value > 1, w)
            if root.dep_ in ("nsubj", "nsubjpass") and root.head.i != root.i and q.value == 1:
                # "A guard, a driver and a cook were shot": the parser made each a subject of its own
                for sib in root.head.children:
                    if sib.dep_ == root.dep_ and sib.i > root.i and sib.pos_ in ("NOUN", "PROPN") and listed_with(root, sib):
                        members.extend(_coordination(sib, False, w))
            if any(_subset(m) for m in members[1:]):
                members = [root]  # "40 villagers, six women and three children among them": a part of the first
            if len(members) > 1:
                total = 0
                for m in members:
                    mq, ms, me, neg = (q, start, end, False) if m.i == v.i else self.count(m, _conj=True)
                    if mq is None or neg:
                        total = q.value
                        start, end = min(q.start, v.i), max(q.end, v.i + 1)
                        break
                    total += mq.value
                    start, end = min(start, ms), max(end, me)
        if total == q.value and not _conj and (v.pos_ in ("NOUN", "PROPN") or (v.like_num and v.head.pos_ in ("NOUN", "PROPN"))):
            # headline lists: "Man, woman killed", "Mother, Teen Daughter Found Dead", "Police: 4 adults,
            # 1 child shot"; a list that opens the headline, nothing else ("leaves one dead, 3 others")
            j = min([v.i] + [c.i for c in v.children if c.dep_ in ("compound", "amod") and c.i < v.i])
            if j - 1 >= v.sent.start and is_number(doc[j - 1]):
                j -= 1  # "4 adults, 1 child shot": the count before the last word
            listed_total, first = 0, j
            while first - 2 >= v.sent.start and doc[first - 1].lower_ in (",", "and") and (_person_word(doc[first - 2], w) or _is_age(doc[first - 2])):
                listed = doc[first - 2]
                n = Quantity(1, "exact", _age_start(listed), listed.i + 1) if _is_age(listed) else quantity_of(listed)
                listed_total += n.value if n is not None else 1
                first = n.start if n is not None and n.start < listed.i else first - 2
            if listed_total and (first == v.sent.start or doc[first - 1].text in (":", "—", "-", "–")):
                total += listed_total
                start = min(start, first)
        if total != q.value:
            q = Quantity(total, q.qualifier, q.start, q.end)
        return q, start, end, False

    # -- one sentence --------------------------------------------------------------------------
    def find(self, sent: "Span", sent_i: int) -> list[tuple[CasualtyMention, bool, bool]]:
        """(mention, inclusive, additional) for each figure in ``sent``.

        ``inclusive``: the injured figure counts everyone hit, killed or not ("were shot").
        ``additional``: the figure adds to one told just before ("two others were hurt").
        A victim the sentence says died is not also counted injured ("the man injured in
        the shooting died", "found dead with a gunshot wound").
        """
        w = self.w
        victims: dict[int, int] = {}
        doc = sent.doc
        # "have killed thousands across the Sahel in recent years": a cumulative toll, no incident's figure
        found = [f for f in self._find(sent, sent_i, victims) if f[0].token is None or not cumulative(doc[f[0].token])]
        dead = {victims[id(m)] for m, _, _ in found if m.kind == "killed" and not m.negated and id(m) in victims}
        # "she was transported in critical condition, where she later died": the same person
        dead_pronouns = {doc[i].lower_ for i in dead if doc[i].lower_ in w.pronoun_one}
        dead_pronouns |= {{"him": "he", "her": "she"}.get(p, p) for p in dead_pronouns}

        def same_person(m: CasualtyMention) -> bool:
            i = victims.get(id(m), -1)
            if i in dead:
                return True
            return i >= 0 and m.value == 1 and {"him": "he", "her": "she"}.get(doc[i].lower_, doc[i].lower_) in dead_pronouns

        kept = [(m, inc, add) for m, inc, add in found if not (m.kind == "injured" and same_person(m))]
        for m, _inc, _add in kept:
            i = victims.get(id(m), -1)
            m.anaphoric = i >= 0 and m.value == 1 and _told_before(doc[i], w)
            m.victim = description(doc[i], w) if i >= 0 and m.value == 1 and not m.negated else None
            m.of_wounded = m.kind == "killed" and m.token is not None and _of_wounded(doc[m.token], w)
        return kept

    def _find(self, sent: "Span", sent_i: int, victims: dict[int, int]) -> Iterator[tuple[CasualtyMention, bool, bool]]:
        w = self.w
        phrasal = self.phrasal(sent.doc)
        seen: set[tuple[str, int]] = set()
        toks = tokens_of(sent.doc)
        # no branch below reads any other word than these, unless a phrasal pattern matched it
        at = sorted({t.i for t in tokens_among(sent, words_read(self.lang))} | {i for i in phrasal if sent.start <= i < sent.end})
        for t in (toks[i] for i in at):
            lemma = t.lemma_.lower()
            low = t.lower_
            kind = None
            inclusive = False
            victim = None
            pred_tokens = [t]
            is_verb = t.pos_ in ("VERB", "AUX") or t.tag_.startswith("VB")
            if not is_verb and low in HEADLINE_FORMS and ((low in w.verb_forms and t.dep_ in ("ROOT", "conj", "relcl", "ccomp", "acl"))
                                                          or (t.i > sent.start and (is_number(toks[t.i - 1]) or _person_word(toks[t.i - 1], w)
                                                                                 or toks[t.i - 1].lemma_.lower() in ("people", "person")))):
                # a verb the tagger read as a noun: in a verb's place ("Man shoots neighbour"), or right
                # after a count ("9 shot, 1 fatally")
                lemma, is_verb = HEADLINE_FORMS[low], True
            elif _past_read_as_present(t):
                lemma = HEADLINE_FORMS[low]  # "Four teens shot": the lemmatiser keeps "shot"
            # "a double murder-suicide": the multiplier counts the murders, and the killer died too
            killer = lemma in w.perpetrator_death_nouns and any(c.dep_ == "compound" and c.lemma_.lower() in w.multiple_victim_nouns for c in t.children)
            if (lemma in w.fatal_event_nouns or lemma in w.multiple_victim_nouns or killer or (t.tag_ == "VBG" and low in w.fatal_event_nouns)) and (
                    t.pos_ in ("NOUN", "PROPN") or t.tag_ == "VBG") and any(c.lower_ in MULTIPLE for c in t.children):
                # "a quadruple shooting" (four hit), "a double homicide" (two killed)
                mod = next(c for c in t.children if c.lower_ in MULTIPLE)
                k = "killed" if killer or lemma in w.multiple_victim_nouns or low in w.multiple_victim_nouns else "injured"
                if (k, t.i) not in seen and not hypothetical(t, w):
                    seen.add((k, t.i))
                    n = MULTIPLE[mod.lower_] + (1 if killer else 0)
                    yield self._mention(k, Quantity(n, "exact", mod.i, t.i + 1), min(mod.i, t.i), t.i + 1, t, sent_i, False), k == "injured", False
                continue
            if is_verb and (lemma in w.kill_verbs or lemma in w.die_verbs or _lost_life(t)):
                kind = "killed"
            elif is_verb and t.i in phrasal:
                # "gunned down", "passed away", "claimed the life of a 23-year-old woman": the
                # language's KILLED dependency patterns, which may name the victim
                kind, victim = "killed", phrasal[t.i]
            elif is_verb and lemma in w.injure_verbs and t.dep_ != "amod":
                fatal = any(c.lemma_.lower() in ("fatally", "mortally") and not _counted(c) for c in t.children)
                kind = "killed" if fatal else "injured"  # "fatally wounding the victim"
            elif is_verb and lemma in w.hit_verbs:
                if any(c.lower_ in ("down", "up") and c.dep_ in ("prt", "advmod") for c in t.children):
                    continue  # "shot down", "shot up"
                # "shot at police" is aimed, not hit; "shot himself at a residence" hit its object
                at = next((c for c in t.children if c.lower_ == "at" and c.dep_ in ("prep", "prt")), None) \
                    if not any(c.dep_ == "dobj" for c in t.children) else None
                if at is not None and (any(g.pos_ == "PRON" or g.lemma_.lower() in w.person_nouns for g in at.children)
                                       or (not _passive(t) and _headline_victim(t, w) is None)):
                    continue  # "shot at police", "fired and shot at them": aimed, not hit
                fatal = _fatal_hit(t)
                if fatal:
                    kind = "killed"
                elif any(c.dep_ == "conj" and c.lemma_.lower() in w.kill_verbs | w.die_verbs and _subject(c) is None for c in t.children):
                    continue  # "was shot and killed": the kill verb carries the figure
                else:
                    kind, inclusive = "injured", True
            elif is_verb and lemma in ("hit", "strike", "graze", "wound") and any(
                    c.dep_ == "agent" and any(g.lemma_.lower() in w.bullets for g in c.children) for c in t.children):
                kind, inclusive = "injured", True  # "was hit by a stray bullet"
            elif is_verb and lemma in w.carry and any(c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ in w.hospital or g.lemma_.lower() in w.hospital for g in c.subtree) for c in t.children):
                kind, inclusive = "injured", not treated_alive(t, w)  # "… to a hospital for treatment of injuries": alive
            elif lemma == "condition" and any(c.lower_ in w.condition_adj for c in t.children) and t.head.lower_ in ("in", "to"):
                # "three others are in serious condition", "was listed in critical condition"
                gov = t.head.head
                victim = _subject(gov) if gov.i != t.head.i else None
                if gov.lemma_.lower() == "leave" and gov.i != t.head.i:
                    # "killing the boy and leaving his brother in critical condition"
                    victim = next((c for c in gov.children if c.dep_ == "dobj"), None)
                if victim is None and gov.dep_ in ("acl", "relcl") and gov.head.i != gov.i:
                    victim = gov.head
                if victim is None or victim.lower_ in ("who", "that"):
                    continue
                kind = "injured"
            elif lemma in w.fatal_event_nouns and t.pos_ in ("NOUN", "PROPN") and any(c.lower_ in ("fatal", "deadly") and c.dep_ in ("amod", "compound") for c in t.children):
                m = self._fatal_event(t, sent_i, seen)
                if m is not None:
                    yield m, False, False
                continue
            elif (lemma in w.kill_nouns or lemma in w.injure_nouns) and t.pos_ in ("NOUN", "PROPN"):
                yield from self._noun(t, lemma, sent_i, seen, victims)
                continue
            elif lemma == "toll" or (low == "toll" and t.pos_ == "NOUN"):
                m = self._toll(t, sent, sent_i)
                if m is not None and ("killed", m.start) not in seen:
                    seen.add(("killed", m.start))
                    yield m, False, False
                continue
            elif low in ("casualties", "casualty") and any(c.lower_ in w.negative_det for c in t.children):
                for k in ("killed", "injured"):
                    s = min(c.i for c in t.children if c.lower_ in w.negative_det)
                    yield self._mention(k, Quantity(0, "exact", s, t.i + 1), s, t.i + 1, t, sent_i, True), False, False
                continue
            elif low == "dead" and t.i > sent.start and toks[t.i - 1].lemma_.lower() in w.hit_verbs:
                continue  # the "dead" of "shot dead": the verb carries the figure
            elif (low in w.kill_adj or low in w.injure_adj) and (t.pos_ in ("ADJ", "NOUN") or t.dep_ in ("amod", "oprd", "acomp", "conj", "ROOT", "appos", "npadvmod")):
                kind = "killed" if low in w.kill_adj or any(c.lower_ in ("fatally", "mortally") for c in t.children) else "injured"
                victim = _headline_victim(t, w) or self._adj_victim(t)
                if victim is None:
                    continue
            elif low in ("fatally", "mortally") and t.head.i != t.i and is_number(t.head) and t.head.dep_ not in ("nummod",):
                # "two men were shot, one fatally"
                kind, victim = "killed", t.head
            elif low in ("fatally", "mortally") and t.i > sent.start and is_number(toks[t.i - 1]):
                kind, victim = "killed", toks[t.i - 1]  # "16 shot, 1 fatally"
            if kind is None:
                continue
            if hypothetical(t, w):
                continue
            if victim is None:
                victim = _headline_victim(t, w)
            if victim is None:
                victim = self.victim_of(t, kind)
            if is_verb and not _passive(t) and (victim is None or self.count(victim)[0] is None):
                victim = self._right_victim(t) or victim  # "killed about 26 people in attacks": the parser made "attacks" the object
            if victim is None:
                victim = self._left_number(t)
                if victim is None:
                    continue
            own_death = False
            if victim.lower_ in w.reflexive and (victim.dep_ == "dobj" or t.i in phrasal):  # "turned the gun on himself"
                # "a child shot himself": the subject is the victim; "killed his wife and then shot
                # himself": the killer's own death, one more than the killing's victims
                own_death = _after_killing(t, w)
                if victim.dep_ == "pobj" and not own_death:
                    continue  # "turned the gun on himself" with no killing before: a suicide, no toll of this finder
                if own_death and not any(c.dep_ == "prep" and any(g.lemma_.lower() in w.limbs for g in c.children) for c in t.children):
                    kind = "killed"  # not "shot himself in the leg"
                victim = _subject(victim.head) or victim
            if (kind, victim.i) in seen:
                continue
            q, vs, ve, neg = self.count(victim)
            if q is None:
                continue
            neg = neg or _negated(t, victim, w)
            seen.add((kind, victim.i))
            s = min([vs] + [p.i for p in pred_tokens])
            e = max([ve] + [p.i + 1 for p in pred_tokens])
            if e - s > 14:  # a far-off predicate: the figure alone is the evidence
                s, e = vs, ve
            additional = (_others(victim)
                          or (inclusive and any(c.lower_ == "also" and c.dep_ == "advmod" for c in t.children))  # "was also shot"
                          or own_death)
            if additional and kind == "injured" and _beside_deaths(t, w):
                additional = False  # "two men were killed and three others wounded": others than the dead
            m = self._mention(kind, q, s, e, t, sent_i, neg)
            victims[id(m)] = victim.i
            yield m, inclusive, additional

    def _mention(self, kind: str, q: Quantity, s: int, e: int, t: "Token", sent_i: int, neg: bool) -> CasualtyMention:
        doc = t.doc
        start, end = doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)
        return CasualtyMention(kind=kind, value=0 if neg else q.value, qualifier=q.qualifier, text=self.text[start:end],  # type: ignore[arg-type]
                               start=start, end=end, sent=sent_i, negated=neg, token=t.i)

    def _left_number(self, t: "Token") -> "Token | None":
        """Headline style "3 killed", "two people dead": a number right before the predicate."""
        doc = t.doc
        for k in range(1, 4):
            i = t.i - k
            if i < t.sent.start:
                return None
            tok = doc[i]
            if is_number(tok) and tok.ent_type_ not in ("DATE", "TIME", "MONEY", "PERCENT", "ORDINAL"):
                return tok
            if tok.pos_ not in ("NOUN", "ADJ", "AUX", "ADV") or tok.is_punct:
                return None
        return None

    def _right_victim(self, t: "Token") -> "Token | None":
        """The people counted right after an active verb ("killed about 26 people", "wounded at least
        five civilians") when the parse gave the verb another object or none: a number after a few
        modifiers, then a person noun within two words, or a bare number that ends its clause
        (a headline's "…, Injuring 4: Police")."""
        doc, end = t.doc, min(t.sent.end, t.i + 5)
        i = t.i + 1
        while i < end and not is_number(doc[i]):
            if doc[i].is_punct or doc[i].pos_ not in ("ADV", "ADP", "ADJ", "DET"):
                return None  # "about", "at least", "more than", "an estimated"
            i += 1
        if i >= end or doc[i].ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "ORDINAL"):
            return None
        for j in range(i + 1, min(i + 3, t.sent.end)):
            if _person_word(doc[j], self.w) or doc[j].lemma_.lower() in ("people", "person"):
                return doc[j]
        if i + 1 >= t.sent.end or doc[i + 1].is_punct or doc[i + 1].lower_ == "and":
            return doc[i]  # a headline's bare count: "Gunmen Fire on Harlow Street Crowd, Injuring 3: Police"
        return None

    def _adj_victim(self, t: "Token") -> "Token | None":
        for c in t.children:
            if is_number(c) and c.dep_ in ("nummod", "npadvmod", "nsubj", "quantmod"):
                return c
        h = t.head
        if t.dep_ == "amod" and h.i != t.i:
            if t.lower_ == "dead" and h.lemma_ in ("body",):
                return None
            return h
        if t.dep_ in ("oprd", "acomp", "xcomp") and h.i != t.i:
            obj = next((c for c in h.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return obj
            subj = _subject(h)
            if subj is None and h.dep_ == "conj" and h.head.pos_ in ("VERB", "AUX"):
                subj = _subject(h.head)  # "was taken to hospital and was later pronounced dead"
            if subj is not None:
                return subj
            if h.dep_ == "acl" and h.head.i != h.i and h.head.pos_ in ("NOUN", "PROPN"):
                return h.head  # "Mother, 2 children found dead"
        if t.dep_ in ("npadvmod", "appos", "conj") and is_number(h):
            return h
        if t.dep_ == "ROOT" or t.dep_ == "conj":
            return self._left_number(t)
        return None

    def _noun(self, t: "Token", lemma: str, sent_i: int, seen: set[tuple[str, int]], victims: dict[int, int]) -> Iterator[tuple[CasualtyMention, bool, bool]]:
        w = self.w
        kind = "killed" if lemma in w.kill_nouns else "injured"
        if kind == "injured" and any(c.lemma_.lower() in ("fatal", "mortal", "deadly") and not _non(c) for c in t.children):
            kind = "killed"
        if hypothetical(t, w):
            return
        head = t.head
        if kind == "injured" and head.lemma_.lower() in w.die_verbs | {"succumb"}:
            return  # "died of his injuries": the verb carries it
        if head.lower_ == "to" and head.head.lemma_.lower() in ("shoot", "stab", "beat", "burn", "bleed", "stomp", "crush", "sentence", "put"):
            return
        if kind == "killed" and head.lemma_.lower() in ("cause", "investigate", "rule", "determine") or (kind == "killed" and t.dep_ == "compound"):
            return
        if kind == "killed" and any(c.dep_ in ("amod", "compound") and c.lemma_.lower() in w.failed_acts for c in t.children):
            return  # "the attempted murders of five teenagers": they survived
        if any(c.lower_ in w.negative_det and c.dep_ in ("det", "neg") for c in t.children):
            if (kind, t.i) not in seen:
                seen.add((kind, t.i))
                s = min(c.i for c in t.children if c.lower_ in w.negative_det)
                yield self._mention(kind, Quantity(0, "exact", s, t.i + 1), s, t.i + 1, t, sent_i, True), False, False
            return
        victim = None
        q = None
        for c in t.children:
            if c.dep_ in ("nummod", "amod", "compound") and is_number(c):
                victim = c
        if victim is None and lemma in w.killing_nouns:
            # "the assassination of six Jesuits and their two maids", "Diaz's murder"
            of = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            victim = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
            if victim is None:
                victim = next((c for c in t.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN") and c.lower_ not in ("its", "their")), None)
            if victim is None:
                act = next((c for c in t.children if c.dep_ in ("compound", "amod") and c.lemma_.lower() in w.fatal_event_nouns), None)
                if act is not None and t.tag_ == "NN" and ("killed", t.i) not in seen:
                    # "an accidental shooting death": one death, who is not named
                    seen.add(("killed", t.i))
                    yield self._mention("killed", Quantity(1, "at_least", act.i, t.i + 1), min(act.i, t.i), t.i + 1, t, sent_i, False), False, False
                return
        if victim is None:
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ in ("to", "among", "of") and lemma not in ("death",):
                    victim = next((g for g in c.children if g.dep_ == "pobj"), None)
                    if victim is not None and self.count(victim)[0] is None:
                        victim = None  # "a wound to the chest"
                    if victim is not None:
                        break
        inclusive = False
        if victim is None and t.dep_ == "pobj" and head.lower_ == "with" and head.head.i != head.i:
            # "a man with a gunshot wound", "found five people with gunshot wounds": everyone hit
            inclusive = True
            gov = head.head
            if gov.pos_ in ("NOUN", "PROPN", "PRON") or _is_age(gov):  # "found a six-year-old with a gunshot wound"
                victim = gov
            else:
                victim = next((c for c in gov.children if c.dep_ == "dobj"), None) or _subject(gov)
        if victim is None and t.dep_ in ("dobj", "pobj") and (head.lemma_.lower() in w.suffer or (head.dep_ == "prep" and head.head.lemma_.lower() in w.suffer)):
            verb = head if head.lemma_.lower() in w.suffer else head.head
            victim = _subject(verb)
            if victim is None and verb.dep_ in ("conj", "xcomp", "advcl"):
                victim = _subject(verb.head)
            if victim is not None and victim.lower_ in ("who", "that") and verb.dep_ == "relcl" and verb.head.i != verb.i:
                victim = verb.head  # "a youth who had sustained a gunshot wound"
            if verb.lemma_.lower() == "survive":
                return
            if victim is not None and _negated(verb, victim, w) and (kind, victim.i) not in seen:
                q, vs, ve, neg = self.count(victim)
                if q is not None:
                    seen.add((kind, victim.i))
                    yield self._mention(kind, Quantity(0, "exact", q.start, q.end), min(vs, t.i), max(ve, t.i + 1), t, sent_i, True), False, False
                return
        if victim is None or (kind, victim.i) in seen:
            return
        q, vs, ve, neg = self.count(victim)
        if q is None:
            return
        seen.add((kind, victim.i))
        s, e = min(vs, t.i), max(ve, t.i + 1)
        if e - s > 14:
            s, e = vs, ve
        m = self._mention(kind, q, s, e, t, sent_i, neg)
        victims[id(m)] = victim.i
        # "found two women dead and three others with gunshot wounds": others than the dead (unless
        # the count is the whole coordination, "the two women … and three others")
        others = inclusive and kind == "injured" and _others(victim) and (own := quantity_of(victim)) is not None and own.value == q.value
        yield m, inclusive and kind == "injured", others

    def _fatal_event(self, t: "Token", sent_i: int, seen: set[tuple[str, int]]) -> CasualtyMention | None:
        """"the fatal shooting of a 15-year-old girl" → 1; "a fatal shooting" → at least 1."""
        w = self.w
        if hypothetical(t, w):
            return None
        adj = next(c for c in t.children if c.lower_ in ("fatal", "deadly"))
        of = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        victim = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
        if victim is not None and ("killed", victim.i) not in seen:
            q, vs, ve, neg = self.count(victim)
            if q is not None and not neg:
                seen.add(("killed", victim.i))
                return self._mention("killed", q, min(adj.i, vs), max(ve, t.i + 1), t, sent_i, False)
        if ("killed", t.i) in seen:
            return None
        seen.add(("killed", t.i))
        return self._mention("killed", Quantity(1, "at_least", adj.i, t.i + 1), min(adj.i, t.i), t.i + 1, t, sent_i, False)

    def _toll(self, t: "Token", sent: "Span", sent_i: int) -> CasualtyMention | None:
        """"the death toll rose to 12", "a toll of 12", "the death toll is at least 12"."""
        doc = t.doc
        if not any(c.lemma_.lower() in ("death", "casualty") for c in t.children) and doc[t.i - 1].lower_ not in ("death", "casualty"):
            return None
        for i in range(t.i + 1, min(t.i + 9, sent.end)):
            tok = doc[i]
            if tok.is_punct and tok.text in ".;":
                break
            if is_number(tok) and tok.ent_type_ not in ("DATE", "TIME", "MONEY", "PERCENT", "ORDINAL"):
                q = quantity_of(tok)
                if q is None:
                    return None
                s = min(t.i - 1 if doc[t.i - 1].lower_ in ("death", "casualty") else t.i, q.start)
                return self._mention("killed", q, s, q.end, t, sent_i, False)
        return None


def _lost_life(t: "Token") -> bool:
    """"two men lost their lives": the subject died, as with a verb of dying."""
    return t.lemma_.lower() == "lose" and any(c.dep_ == "dobj" and c.lemma_.lower() in ("life", "lives") for c in t.children)


def _of_wounded(t: "Token", w: Any) -> bool:
    """A death of someone the text told as hit before: "was later pronounced dead", "later died",
    "succumbed", "died of his injuries"."""
    verb = t if t.pos_ in ("VERB", "AUX") else t.head
    lemma = verb.lemma_.lower()
    if lemma in ("succumb", "pronounce") or any(c.dep_ == "advmod" and c.lower_ == "later" for c in verb.children):
        return True
    return lemma in w.die_verbs and any(
        c.dep_ == "prep" and c.lower_ in ("of", "from") and any(g.lemma_.lower() in ("injury", "wound") for g in c.children)
        for c in verb.children)
