"""``actors``: who did it and to whom, for every event.

From the dependency parse around each event's trigger tokens (``anchors``): the subject of an
active verb, the "by" agent of a passive one and the owner or modifier of an event noun
("Russia's attack", "Taliban attack") are the **initiator**; the object, the passive subject and
the noun after "on"/"against"/"at" (and "with" for clashes and talks) are the **target**.

Each actor phrase is normalised (:mod:`sitreps.stages.actors.countries`, :mod:`sitreps.stages.actors.kinds`): a country from its name,
demonym or seat of power ("Russian forces", "Moscow", "the Kremlin" → Russia, RU), an armed
group by name or by head word ("Islamic State", "gunmen"), civilians, protesters, rioters,
persons and organisations from the named entities. "Police" and "the government" without a
country take the document's country (the country its place names point to most often).
Every actor carries the span it was read from.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

from ... import budget
from ...contract import Context, Stage
from ...lang import load
from ...geo.dateline import dateline_end
from ...parse import ents_of, text_of
from ...record import Actor, Event
from .countries import CountryTable
from .kinds import actor_kind, armed_group_in, armed_group_name

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

VIOLENT_PLOVER = frozenset({"FIGHT", "ASSAULT", "COERCE", "THREATEN", "MOBILIZE"})
_MOD_DEPS = frozenset({"compound", "amod", "poss", "nmod", "nummod", "quantmod"})
_PRONOUNS = frozenset({"PRON"})
#: the actor stage's cue words: target prepositions, reporting verbs, places that stand for people ...
_W = load("en").words_of("actors")  # lang/en/words.toml [actors]


class ActorsStage(Stage):
    name = "actors"
    reads = ("doc", "events", "anchors")
    writes = ("events.actors",)

    def __init__(self, settings, nlp):  # type: ignore[no-untyped-def]
        super().__init__(settings, nlp)
        self.countries = CountryTable()

    def __call__(self, ctx: Context) -> None:
        doc = ctx.doc
        anchors = ctx.anchors or {}
        finder = DocActors(doc, self.countries)
        for event in ctx.events or ():
            budget.check(self.name)  # Span.ents scans the whole Doc's entities: long on a very long document
            anchor = anchors.get(event.id)
            tokens = list(anchor.tokens) if anchor is not None else []
            tokens.sort(key=lambda i: (doc[i].idx != event.trigger.start, i))
            event.actors = finder.actors(event, tokens)


class DocActors:
    """Actor finding for one document (holds the document's country, computed on first use)."""

    def __init__(self, doc: "Doc", countries: CountryTable):
        self.doc = doc
        self.countries = countries
        self._doc_country: str | None | bool = False
        self._ent_at: dict[int, "Span"] = {}
        for ent in ents_of(doc):
            for i in range(ent.start, ent.end):
                self._ent_at[i] = ent
        #: where the dateline ends ("KYIV, Ukraine (AP) — "): the city a story is filed from, which the
        #: parser often hangs on the lead's verb, is no one's actor
        self._after_dateline = dateline_end(text_of(doc)) or 0

    # -- the document's country ---------------------------------------------------------------
    def doc_country(self) -> str | None:
        if self._doc_country is False:
            counts: Counter[str] = Counter()
            for ent in ents_of(self.doc):
                if ent.label_ in ("GPE", "NORP"):
                    code = self.countries.lookup(ent.text)
                    if code:
                        counts[code] += 1
            self._doc_country = counts.most_common(1)[0][0] if counts else None
        return self._doc_country  # type: ignore[return-value]

    # -- one event ----------------------------------------------------------------------------
    def actors(self, event: Event, tokens: list[int]) -> list[Actor]:
        return self.for_tokens(tokens, event.plover, event.acled_type)

    def for_tokens(self, tokens: list[int], plover: str, acled_type: str | None) -> list[Actor]:
        """Initiators and targets of an event told by the trigger tokens ``tokens``. A violent act
        told only as what someone claims, is accused of or denies ("IS claimed responsibility for
        the attack", "officials blamed the militia for the attack") takes that one as its initiator,
        with the ``responsibility`` the text gives (:func:`responsibility`)."""
        violent = plover in VIOLENT_PLOVER or acled_type is not None
        out: list[Actor] = []
        seen: set[tuple[int, int]] = set()
        claimed = next((c for i in tokens if (c := responsibility(self.doc[i])) is not None), None) if violent else None
        for role, finder in (("initiator", self._initiators), ("target", self._targets)):
            for i in tokens:
                heads = claimed[1] if role == "initiator" and claimed is not None else finder(self.doc[i])
                heads = [h for h in heads if h.idx >= self._after_dateline]
                actors = [a for h in heads if (a := self._actor(h, role, violent)) is not None]
                if role == "initiator" and claimed is not None:
                    actors = [replace(a, responsibility=claimed[0]) for a in actors]
                actors += [a for h in heads for a in self._conjoined(h, role, violent)]
                actors = [a for a in actors if (a.start, a.end) not in seen]
                if actors:
                    for a in actors:
                        seen.add((a.start, a.end))
                    out.extend(actors)
                    break
        return out

    def _initiators(self, tok: "Token") -> list["Token"]:
        heads: list["Token"] = []
        for c in tok.children:
            if c.dep_ in ("nsubj", "csubj"):
                heads.append(c)
            elif c.dep_ == "agent":
                heads.extend(g for g in c.children if g.dep_ == "pobj")
            elif tok.pos_ in ("NOUN", "PROPN") and c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < tok.i:
                if self._names_actor(c):
                    heads.append(c)
            elif tok.pos_ in ("NOUN", "PROPN") and c.dep_ == "prep" and c.lower_ == "by":
                heads.extend(g for g in c.children if g.dep_ == "pobj")
        if not heads:
            cur = tok
            for _ in range(4):  # "… and killed", "launched an attack", "fired, killing", "return for talks"
                if cur.head.i == cur.i or cur.dep_ not in ("xcomp", "conj", "advcl", "dobj", "pcomp", "ccomp", "pobj", "prep", "acomp"):
                    break
                cur = cur.head
                if cur.lemma_.lower() in _W.reporting:  # "… were killed, officials said": the sayer did not do it
                    break
                if cur.lemma_.lower() in _W.reacting:  # "the prime minister condemned the bombing": nor did the one who condemns it
                    break
                subj = [c for c in cur.children if c.dep_ in ("nsubj",)]
                subj += [g for c in cur.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
                if subj:
                    heads = subj
                    break
        return _with_conjuncts(heads)

    def _targets(self, tok: "Token") -> list["Token"]:
        heads: list["Token"] = []
        lemma = tok.lemma_.lower()
        if lemma in _W.from_lemmas:  # "recaptured the town from the RSF": the side that lost it
            losers = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "from" for g in c.children if g.dep_ == "pobj"]
            if losers:
                return _with_conjuncts(losers)
        for c in tok.children:
            if c.dep_ in ("dobj", "nsubjpass"):
                heads.append(c)
            elif c.dep_ == "prep" and (c.lower_ in _W.target_preps or (c.lower_ == "with" and lemma in _W.with_lemmas)
                                       or (c.lower_ == "of" and tok.pos_ == "NOUN" and lemma not in _W.with_lemmas)):
                heads.extend(g for g in c.children if g.dep_ == "pobj")
        if not heads and tok.dep_ in ("acl", "relcl") and tok.head.i != tok.i:  # "civilians killed in …"
            heads.append(tok.head)
        return _with_conjuncts(heads)

    def _conjoined(self, head: "Token", role: str, violent: bool) -> list[Actor]:
        """"Chinese and Indian troops": one actor per country modifier joined by "and"."""
        out: list[Actor] = []
        kind = actor_kind(head.lemma_) or actor_kind(head.lower_)
        if kind not in ("state_forces", "government"):
            return out
        for mod in head.children:
            if mod.dep_ not in ("amod", "compound") or mod.i > head.i:
                continue
            for conj in mod.conjuncts:
                code = self.countries.lookup(conj.text)
                if code and conj.i > mod.i:
                    out.append(Actor(role=role, name=self.countries.name(code), kind=kind, country=code,  # type: ignore[arg-type]
                                     text=conj.text, start=conj.idx, end=conj.idx + len(conj.text)))
        return out

    def _antecedent(self, pron: "Token") -> "Token | None":
        """"Syria says it is willing …": a subject pronoun stands for the subject of the verb
        that reports or governs its clause."""
        if pron.lower_ in ("who", "which", "that") and pron.head.dep_ == "relcl":  # "protesters who marched"
            return pron.head.head
        if pron.dep_ not in ("nsubj", "nsubjpass") or (pron.pos_ in _PRONOUNS and pron.lower_ not in ("it", "they", "he", "she", "we")):
            return None
        cur = pron.head
        for _ in range(3):
            if cur.head.i == cur.i or cur.dep_ not in ("ccomp", "xcomp", "conj", "advcl"):
                return None
            cur = cur.head
            # not the dateline's city the parser made the subject ("DUBAI (AP) — Yemen's Houthis said they …")
            subj = [c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ not in _PRONOUNS and c.idx >= self._after_dateline]
            if subj:
                return subj[0]
        return None

    def _owner(self, head: "Token", role: str, violent: bool) -> Actor | None:
        """"Al Shabaab said its fighters carried out the attack", "Central Command said its forces shot
        down three drones": whose forces a possessive pronoun says they are, when the subject of the
        verb that reports the clause names someone."""
        if not any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in head.children):
            return None
        found = self._antecedent(head)
        owner = self._actor(found, role, violent) if found is not None else None
        if owner is None or not (owner.country or owner.kind == "armed_group"):
            return None
        if owner.kind in ("government", "organisation") and (actor_kind(head.lemma_) or actor_kind(head.lower_)) == "state_forces" and owner.country:
            owner = replace(owner, kind="state_forces", name=self.countries.name(owner.country))
        return owner

    def _names_actor(self, tok: "Token") -> bool:
        return bool(self.countries.lookup(tok.text) or armed_group_name(tok.text) or actor_kind(tok.lemma_)
                    or tok.ent_type_ in ("GPE", "NORP", "ORG", "PERSON"))

    # -- one phrase ---------------------------------------------------------------------------
    def _actor(self, head: "Token", role: str, violent: bool) -> Actor | None:
        if head.pos_ in _PRONOUNS:
            found = self._antecedent(head)
            if found is None:
                return None
            head = found
        elif (owner := self._owner(head, role, violent)) is not None:
            return owner
        span = self._phrase(head)
        if head.lemma_.lower() in _W.collective or head.lower_ in _W.collective:  # "a group of Moroccan diplomats"
            inner = [g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
            # "gang members", "militia leaders": the word before says whose members
            inner = inner or [c for c in head.children if c.dep_ == "compound" and c.i < head.i and actor_kind(c.lemma_)]
            if inner:
                head = inner[0]
                span = self.doc[span.start : max(span.end, self._phrase(head).end)]
        ent = self._ent_at.get(head.i)
        lemma = head.lemma_.lower()
        country = self._country(span)
        group = armed_group_name(ent.text) if ent is not None else None
        group = group or armed_group_name(head.text) or armed_group_in(span.text)
        kind = actor_kind(lemma) or actor_kind(head.lower_)
        name: str | None = None
        if group:
            kind, name = "armed_group", group
            country = None
        elif ent is not None and ent.label_ == "PERSON":
            kind, name = "person", ent.text
            span = ent
        elif kind is None and ent is not None and ent.label_ in ("GPE", "NORP") and country:
            kind = "state_forces" if violent else "government"
            if role == "target" and violent and (ent.label_ == "NORP" or head.i != ent.root.i or ent.label_ == "GPE"):
                kind = "civilians"  # "strikes on Gaza": the people of the place
            name = "civilians" if kind == "civilians" else self.countries.name(country)
            span = ent if ent.start <= head.i < ent.end else span
        elif kind is None and role == "target" and violent and lemma in _W.place_targets:
            kind, name = "civilians", "civilians"
        elif kind is None and country:
            kind = "state_forces" if violent else "government"
            name = self.countries.name(country)
        elif kind is None and ent is not None and ent.label_ == "ORG":
            kind, name = "organisation", ent.text
            span = ent
        if kind == "civilians" and role == "initiator" and any(
                c.dep_ in ("amod", "compound") and (c.lower_ in _W.armed_modifiers or _hyphenated(c) in _W.armed_modifiers) for c in head.children):
            kind, name = "armed_group", span.text.lower()  # "Armed men burst into a bar": people named by their arms
        if kind is None:
            return None
        if kind == "state_forces" and lemma in _W.weapon_heads and not country:
            return None
        if country is None and (lemma in _W.doc_country_kinds or head.lower_ in _W.doc_country_kinds):
            country = self.doc_country()
        if name is None:
            if kind in ("state_forces", "government") and country:
                name = self.countries.name(country)
            elif kind == "civilians":
                name = "civilians"
            elif kind in ("protesters", "rioters"):
                name = kind
            else:
                name = head.lower_ if kind != "organisation" else head.text
        return Actor(role=role, name=name, kind=kind, country=country, text=span.text, start=span.start_char, end=span.end_char)  # type: ignore[arg-type]

    def _phrase(self, head: "Token") -> "Span":
        """The head with its modifiers to the left ("Kyiv's forces", "unidentified gunmen")."""
        start = head.i
        for c in head.lefts:
            if c.dep_ in _MOD_DEPS:
                start = min(start, c.left_edge.i)
        ent = self._ent_at.get(head.i)
        if ent is not None:
            start = min(start, ent.start)
            end = max(head.i + 1, ent.end)
        else:
            end = head.i + 1
        return self.doc[start:end]

    def _country(self, span: "Span") -> str | None:
        for i in range(span.start, span.end):  # the span's entities (as ``span.ents``, from the token map)
            ent = self._ent_at.get(i)
            if ent is None or ent.start != i or ent.end > span.end:
                continue
            if ent.label_ in ("GPE", "NORP", "ORG", "LOC") and not _provenance(self.doc[ent.end - 1]):
                code = self.countries.lookup(ent.text)
                if code:
                    return code
        words = [t for t in span if not t.is_punct and t.lower_ not in ("'s", "’s")]
        for n in (3, 2, 1):
            for k in range(len(words) - n + 1):
                if _joined_after(words[k]) or _provenance(words[k]):  # "Pan-American Highway", "pro-Russian", "Iranian-made": no actor's country
                    continue
                code = self.countries.lookup(" ".join(t.text for t in words[k : k + n]))
                if code and (n > 1 or words[k].pos_ in ("PROPN", "ADJ") or words[k].is_title or words[k].is_upper):
                    return code
        return None


def _before_hyphen(tok: "Token") -> "Token | None":
    """The word a hyphen joins ``tok`` to ("gun" of "gun-wielding", "Pan" of "Pan-American"), or None."""
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 1].whitespace_ and not doc[tok.i - 2].whitespace_:
        return doc[tok.i - 2]
    return None


def _after_hyphen(tok: "Token") -> "Token | None":
    """The word a hyphen joins ``tok`` to after it ("made" of "Iranian-made"), or None."""
    doc = tok.doc
    if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and not tok.whitespace_ and not doc[tok.i + 1].whitespace_:
        return doc[tok.i + 2]
    return None


def _provenance(tok: "Token") -> bool:
    """Whether a hyphen joins ``tok`` to a word of making or flagging after it ("Iranian-made",
    "Liberian-flagged"): the country of a thing's origin, no actor's."""
    after = _after_hyphen(tok)
    return after is not None and after.lower_ in _W.provenance


def _hyphenated(tok: "Token") -> str:
    """The hyphenated word a modifier ends ("gun-wielding" for "wielding"), else the word."""
    before = _before_hyphen(tok)
    return f"{before.lower_}-{tok.lower_}" if before is not None else tok.lower_


def _joined_after(tok: "Token") -> bool:
    """Whether ``tok`` ends a hyphenated word after a word of letters ("American" of "Pan-American")."""
    before = _before_hyphen(tok)
    return before is not None and before.is_alpha


#: the dependency steps from an act up to the words that claim, put or deny responsibility for it
_CLAIM_STEPS = frozenset({"pobj", "prep", "pcomp", "dobj", "acomp", "ccomp", "xcomp", "attr", "relcl", "acl", "nsubj"})


def responsibility(tok: "Token") -> tuple[str, list["Token"]] | None:
    """How the text ties the act ``tok`` to whoever did it when only through responsibility for
    it, and that one's head words: ``claimed`` ("IS claimed responsibility for the attack", "took
    credit for the bombing"), ``accused`` ("officials accused the militia of the attack", "blamed
    the rebels for", "Iran is responsible for the attacks") or ``denied`` ("denied responsibility
    for", "denied its planes were responsible for the strikes"); None when the act is told as
    done. Up to five steps up the parse from the act; then a participle of blame beside the
    statement that tells it (:func:`_blamed_beside`)."""
    return _claimed_above(tok) or _blamed_beside(tok)


def _claimed_above(tok: "Token") -> tuple[str, list["Token"]] | None:
    """:func:`responsibility` told on the way up from the act ``tok``."""
    cur = tok
    for _ in range(5):
        if cur.dep_ not in _CLAIM_STEPS or cur.head.i == cur.i:
            return None
        prev, cur = cur, cur.head
        lemma = cur.lemma_.lower()
        verb = None
        if lemma in _W.responsibility_nouns and cur.head.lemma_.lower() in _W.claiming_verbs | _W.denying_verbs:
            verb = cur.head  # "claimed responsibility for the attack"
        elif lemma in _W.claiming_verbs | _W.denying_verbs and any(c.dep_ == "dobj" and c.lemma_.lower() in _W.responsibility_nouns for c in cur.children):
            verb = cur  # "takes credit for the bombing", the preposition on the verb
        elif lemma in _W.act_claiming_verbs and cur.pos_ == "VERB" and prev.dep_ == "dobj":
            verb = cur  # "the Taliban claimed the attack"
        if verb is not None:
            stance = "denied" if verb.lemma_.lower() in _W.denying_verbs or _negated(verb) else "claimed"
            return stance, _with_conjuncts(_subjects(verb))
        if lemma in _W.responsible_words and cur.pos_ in ("ADJ", "ADP") and cur.dep_ in ("acomp", "prep", "attr"):
            verb = cur.head
            denied = _negated(verb) or any(a.lemma_.lower() in _W.denying_verbs for a in verb.ancestors)
            return ("denied" if denied else "accused"), _with_conjuncts(_subjects(verb))
        if lemma in _W.accusing_verbs and cur.pos_ == "VERB" and prev.dep_ in ("prep", "pcomp", "dobj", "nsubjpass"):
            accused = [c for c in cur.children if c.dep_ in ("dobj", "nsubjpass")]
            return ("denied" if _negated(cur) else "accused"), _with_conjuncts(accused)
    return None


def _blamed_beside(tok: "Token") -> tuple[str, list["Token"]] | None:
    """``("accused", heads)`` when the statement that tells the act ``tok`` goes on with a participle
    that blames someone: "… killed 11 people on Friday, a local aid group said, blaming the RSF"
    (the verb of saying above the act, or hung on its clause). None otherwise."""
    verbs = []
    for v in [tok, *list(tok.ancestors)[:4]]:
        verbs.append(v)
        verbs.extend(c for c in v.children if c.dep_ == "parataxis")
    for v in verbs:
        if v.lemma_.lower() not in _W.reporting:
            continue
        for c in v.children:
            if c.dep_ == "advcl" and c.tag_ == "VBG" and c.lemma_.lower() in _W.accusing_verbs:
                accused = [g for g in c.children if g.dep_ == "dobj"]
                if accused:
                    return ("denied" if _negated(c) else "accused"), _with_conjuncts(accused)
    return None


def _subjects(verb: "Token") -> list["Token"]:
    """The verb's subjects; none when the subject is no one ("no group has claimed responsibility")."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if any(c.dep_ == "det" and c.lower_ == "no" for s in subjects for c in s.children) or any(s.lower_ in ("nobody", "none") for s in subjects):
        return []
    return subjects


def _negated(verb: "Token") -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


def _with_conjuncts(heads: list["Token"]) -> list["Token"]:
    out = []
    for h in heads:
        out.append(h)
        for c in h.conjuncts:
            if c.i <= h.i:
                continue
            if _speakers_from(c):
                break  # "… with the army and allied militias, residents and a local official said": the sources
            out.append(c)
    return out


def _speakers_from(tok: "Token") -> bool:
    """Whether ``tok`` and what follows it in its phrase are the subject of a verb of saying right after
    it that the parser left without one: it hung "residents and a local official" on the list before."""
    doc = tok.doc
    nxt = tok.right_edge.i + 1
    if nxt >= len(doc):
        return False
    verb = doc[nxt]
    return (verb.lemma_.lower() in _W.reporting and verb.pos_ in ("VERB", "AUX") and doc[tok.i - 1].text in (",", "and")
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children))
