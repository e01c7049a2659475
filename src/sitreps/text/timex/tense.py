"""What the parse says about a time expression: does its clause speak of the future or the past?

"will meet on Thursday", "talks planned for Thursday", "is expected to arrive on Thursday" point
forward; "struck on Thursday", "has said since March" point back; "meets on Thursday" says
neither. The answer picks the Thursday (the next one or the last one) and marks future events.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...lang import load

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_W = load("en").words_of("times")  # lang/en/words.toml [times]
FUTURE_AUX = _W.future_aux
#: words that put what hangs on them in the future: "planned for", "due on", "scheduled for"
PLAN_LEMMAS = _W.plan_lemmas
#: heads of an infinitive that points forward: "agreed to meet on Thursday", "is to meet"
INTENT_LEMMAS = _W.intent_lemmas
#: verbs whose object happens later whatever their tense: "planned a rally on Saturday"
SCHEDULE_VERBS = _W.schedule_verbs
#: words just before the expression that point forward: "as early as Tuesday"
_FORWARD_BEFORE = re.compile(r"(?:as (?:soon|early) as|no later than|not before|ahead of|in time for|scheduled for|planned for|set for|due on|due)\s+(?:on\s+)?$", re.I)
PAST_TAGS = frozenset({"VBD", "VBN"})
#: verbs of saying: a date on them dates the statement, not what it tells
REPORTING = _W.reporting
HAVE = _W.have


class Tense:
    """Reads tense around a character span of a parsed Doc. Stateless; one per finder."""

    @staticmethod
    def _root(doc: "Doc", start: int, end: int) -> "Token | None":
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return None
        return span.root

    def direction(self, doc: "Doc", start: int, end: int, text: str | None = None) -> str | None:
        """``future``, ``past`` or None (present tense, no verb, or no parse). Pass ``text``
        (``doc.text``, which spaCy rebuilds on every access) when calling in a loop."""
        if _FORWARD_BEFORE.search(doc.text if text is None else text, max(0, start - 30), start):
            return "future"
        tok = self._root(doc, start, end)
        if tok is None:
            return None
        path = []
        for _ in range(8):
            path.append(tok)
            if tok.pos_ in ("VERB", "AUX") or tok.dep_ == "ROOT" or tok.head is tok:
                break
            tok = tok.head
        verb = path[-1]
        for t in path[1:]:
            if t.lemma_.lower() in PLAN_LEMMAS and (t.pos_ in ("ADJ", "NOUN") or (t.tag_ == "VBN" and t.dep_ in ("acl", "amod"))):
                return "future"
        return self._verb_direction(verb)

    def _verb_direction(self, verb: "Token", depth: int = 0) -> str | None:
        children = list(verb.children)
        auxes = [c.lower_ for c in children if c.dep_ in ("aux", "auxpass")]
        if any(a in FUTURE_AUX for a in auxes):
            return "future"
        if verb.lemma_.lower() in PLAN_LEMMAS and verb.tag_ == "VBN" and (verb.dep_ in ("acl", "amod") or any(c.dep_ == "auxpass" for c in children)):
            return "future"
        if verb.lemma_.lower() in SCHEDULE_VERBS:
            return "future"
        if "to" in auxes and verb.tag_ == "VB" and verb.dep_ in ("xcomp", "ccomp") and verb.head is not verb and depth < 3:
            head = verb.head
            lemma = head.lemma_.lower()
            if lemma in INTENT_LEMMAS and (lemma != "go" or head.tag_ == "VBG"):
                return "future"
            return self._verb_direction(head, depth + 1)
        if verb.tag_ == "VB" and verb.dep_ == "xcomp" and depth < 3:
            return self._verb_direction(verb.head, depth + 1)
        if verb.tag_ in PAST_TAGS or any(a in HAVE for a in auxes) or any(a in ("was", "were", "did") for a in auxes):
            return "past"
        if verb.head is not verb and depth < 3 and (
                verb.dep_ == "conj" or (verb.tag_ == "VBG" and not auxes and verb.dep_ in ("advcl", "xcomp", "acl"))):
            # "struck the house on Friday, killing two": the participle takes its head's tense
            return self._verb_direction(verb.head, depth + 1)
        return None

    def is_proper_noun(self, doc: "Doc", start: int, end: int) -> bool:
        """``May`` the month (a proper noun or a DATE entity), not ``may`` the modal verb."""
        tok = self._root(doc, start, end)
        if tok is None:
            return False
        if tok.tag_ == "MD" or tok.pos_ in ("VERB", "AUX"):
            return False
        return tok.pos_ == "PROPN" or tok.ent_type_ == "DATE"

    def entity_label(self, doc: "Doc", start: int, end: int) -> str:
        tok = self._root(doc, start, end)
        return tok.ent_type_ if tok is not None else ""

    def counts_things(self, doc: "Doc", start: int, end: int) -> bool:
        """A number that counts a plural noun ("2000 families"), not a year."""
        tok = self._root(doc, start, end)
        if tok is None:
            return False
        if not (tok.dep_ == "nummod" and tok.head.tag_ in ("NNS", "NNPS") and tok.head.i > tok.i):
            return False
        before = doc[tok.i - 1] if tok.i > 0 else None  # "the 1992 protests", "its 1989 results": years
        return before is None or before.pos_ not in ("DET", "PRON") and before.tag_ not in ("POS", "PRP$")

    def is_name(self, doc: "Doc", start: int, end: int) -> bool:
        """A month word that is part of a person's name ("Theresa May")."""
        tok = self._root(doc, start, end)
        if tok is None:
            return False
        if tok.ent_type_ == "PERSON":
            return True
        prev = doc[tok.i - 1] if tok.i > 0 else None
        return prev is not None and prev.is_title and prev.pos_ == "PROPN" and prev.ent_type_ in ("PERSON", "")

    @staticmethod
    def reports(doc: "Doc", token: int) -> bool:
        """Does the clause of ``token`` report a statement ("police said Sunday")?

        Not when the statement comes last and what it tells came first: in "Russian forces struck
        X on May 12, the governor reported" the date sits before the reporting verb and its
        subject, after the told clause, so it dates the strike (the parser attaches it to
        "reported")."""
        tok = doc[token]
        for _ in range(12):
            if tok.pos_ in ("VERB", "AUX") or tok.dep_ == "ROOT" or tok.head is tok:
                break
            tok = tok.head
        if tok.lemma_.lower() not in REPORTING:
            return False
        told_before = any(c.dep_ == "ccomp" and c.i < token for c in tok.children)
        said_after = tok.i > token and any(c.dep_ in ("nsubj", "nsubjpass") and c.i > token for c in tok.children)
        return not (told_before and said_after)
