"""The attribution finder: every source/cue/content relation of a parsed text, from the dependency parse."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...geo.dateline import dateline_end
from ...parse import ents_of, positions, sents_of, text_of, tokens_in, tokens_of
from ...lang import Language, WordSets, load
from ...text.mentions import AttributionMention
from ...text.quotes import QuoteIndex, QuoteSpan, scan_quotes
from ...text.speakers import ROLE_HEADS
from .lexicon import (
    DISTANCING, DOCUMENTS, LEMMA_FIXES, EVIDENCE, HEARSAY, NOT_REPORTED, NOT_SOURCES, NOUN_TAGGED,
    SPEECH, TITLE_ABBREVS, HEDGE_ADJECTIVES, _SENTENCE_END, content_rules, cue_words,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def find_attributions(doc: "Doc", quotes: list[QuoteSpan] | None = None, language: Language | None = None) -> list[AttributionMention]:
    """Every attribution relation in ``doc`` (not only those of events), in text order, read with
    the cue words and patterns of ``language`` (English when not given)."""
    lang = language if language is not None else load("en")
    sent_of = _Sentences(doc, lang)
    qindex = QuoteIndex(quotes if quotes is not None else scan_quotes(sent_of.text))
    # "according to X", "selon X": the language's ACCORDING_TO patterns (patterns.jsonl)
    matcher = lang.matcher(doc.vocab, "ACCORDING_TO")
    according = {start: end for _, start, end in (matcher(doc) if len(matcher) else ())}
    out: list[AttributionMention] = []
    seen: set[int] = set()
    toks = tokens_of(doc)
    # the branches below answer None for a token that is none of the cue words (most of a page)
    for i in sorted(set(positions(doc, cue_words(lang.code, sent_of.w))).union(according)):
        tok = toks[i]
        lower = tok.lower_
        if tok.i in according:
            m = _according(doc, tok, according[tok.i], qindex, sent_of)
        elif lower == ":":
            m = _headline(doc, tok, sent_of)
        elif lower in sent_of.w.hedges or (lower in HEDGE_ADJECTIVES and tok.dep_ == "amod"):
            m = _hedge(doc, tok, sent_of)
        elif tok.lemma_.lower() in sent_of.w.verify_verbs and tok.tag_ == "VBN" and any(c.dep_ == "neg" for c in tok.children):
            m = _unverified(doc, tok, sent_of)
        elif tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB") or (tok.pos_ == "NOUN" and tok.lower_ in NOUN_TAGGED and any(c.dep_ == "ccomp" for c in tok.children)):
            m = _verb_cue(doc, tok, qindex, sent_of)
        else:
            m = None
        if m is not None and m.cue_token not in seen:
            seen.add(m.cue_token)
            out.append(m)
    return out


# -- cue finders ------------------------------------------------------------------------------


def _title_before(doc: "Doc", i: int) -> bool:
    """Whether the tokens right before ``i`` are a title with its full stop ("Sgt." or "Sgt" ".")."""
    if i > 0 and doc[i - 1].lower_ in TITLE_ABBREVS:
        return True
    return i > 1 and doc[i - 1].text == "." and doc[i - 2].lower_ + "." in TITLE_ABBREVS


class _Sentences:
    """What the finder needs of a document, computed once: the sentence index of every token
    (``Token.sent`` rebuilds the sentence list on every call), the sentences, the text (``Doc.text``
    joins every token on each access), noun chunks and entities. ``sents[i]`` is the index of token
    ``i``'s sentence in ``sents_of(doc)``."""

    def __init__(self, doc: "Doc", language: Language | None = None):
        lang = language if language is not None else load("en")
        #: the language's ``[attribution]`` word sets and content rules
        self.w = lang.words_of("attribution")
        self.content_rules = content_rules(lang)
        self.spans = sents_of(doc)
        self.index = [0] * len(doc)
        for k, s in enumerate(self.spans):
            for i in range(s.start, s.end):
                self.index[i] = k
        # the parser ends a sentence at "Sgt." or "Gov."; such pieces are one sentence for the finder
        # (``self[i]`` keeps spaCy's sentence index, which other stages use)
        self.merged: list[Any] = []
        for k, sent in enumerate(self.spans):
            prev = self.spans[k - 1] if k else None
            if prev is not None and _title_before(doc, sent.start) and sent[0].text[:1].isupper() and "\n" not in prev[-1].text_with_ws:
                start = self.merged[-1].start
                merged = doc[start:sent.end]
                self.merged[-1] = merged
                self.merged.append(merged)
                for j in range(k - 1, -1, -1):  # earlier pieces of the same run
                    if self.merged[j].start == start:
                        self.merged[j] = merged
            else:
                self.merged.append(sent)
        self._doc = doc
        self.text = text_of(doc)
        #: where the dateline ends ("TOLEDO, Ohio (WQRT) — "): reported content starts after it
        self.dateline_end = dateline_end(self.text)
        self._chunks: list[Any] | None = None
        self.ents = list(ents_of(doc))

    def __getitem__(self, i: int) -> int:
        return self.index[i]

    def of(self, tok: "Token") -> "Any":
        """The sentence of ``tok``, with pieces split at an abbreviated title joined again."""
        return self.merged[self.index[tok.i]]

    @property
    def chunks(self) -> list[Any]:
        if self._chunks is None:
            self._chunks = list(self._doc.noun_chunks)
        return self._chunks


def _kind_of(lemma: str, subject: "Token | None" = None, w: WordSets | None = None) -> str | None:
    if w is None:
        w = load("en").words_of("attribution")
    if lemma in w.reaction:
        return "reaction"
    if lemma in w.evidence and (lemma not in w.speech or (subject is not None and _is_thing(subject))):
        return "evidence"  # "a search revealed", "records show"
    if lemma in w.speech:
        return "speech"
    if lemma in w.belief:
        return "belief"
    return None


def _is_thing(tok: "Token") -> bool:
    """A subject that is a thing, not a speaker: "a search", "the records" (not "officials", "Ukraine")."""
    return tok.pos_ == "NOUN" and not tok.ent_type_ and tok.lower_ not in ROLE_HEADS and tok.lemma_.lower() not in ROLE_HEADS


def _verb_cue(doc: "Doc", tok: "Token", qindex: QuoteIndex, sent_of: _Sentences) -> AttributionMention | None:
    lemma = NOUN_TAGGED[tok.lower_] if tok.pos_ == "NOUN" else LEMMA_FIXES.get(tok.lower_, tok.lemma_.lower())
    w = sent_of.w
    # the subject matters only to a verb of evidence ("records show"): not looked for otherwise
    subject = next((c for c in tok.children if c.dep_ == "nsubj"), None) if lemma in w.evidence else None
    kind = _kind_of(lemma, subject, w)
    if kind is None:
        if lemma in w.quote_only and _adjacent_quote(doc, tok, qindex, sent_of) is not None:
            kind = "speech"
        else:
            return None
    children = list(tok.children)
    if lemma == "point" and not any(c.dep_ == "prt" and c.lower_ == "out" for c in children):
        return None
    if tok.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in children):
        head = tok.head
        if head.lemma_.lower() in NOT_REPORTED or (head.dep_ == "xcomp" and head.head.lemma_.lower() in NOT_REPORTED):
            return None
    if qindex.containing(tok.idx) is not None:
        return None  # reports inside a quote are the quoted speaker's own words, attributed with the quote
    if tok.dep_ == "ccomp" and _kind_of(tok.head.lemma_.lower(), None, w) is not None and "\n" not in sent_of.text[min(tok.idx, tok.head.idx):max(tok.idx, tok.head.idx)]:
        # "The police said a search found no gun", "he said he felt …": a view or a finding
        # reported by someone else, or the same speaker going on, is part of that report
        if kind in ("belief", "evidence"):
            return None
        if any(c.dep_ == "nsubj" and c.pos_ == "PRON" for c in children) and _adjacent_quote(doc, tok, qindex, sent_of) is None:
            return None
    content: list["Token"] = []
    for rule in sent_of.content_rules:  # attribution.toml: where each kind of cue hangs its content
        if not content and (rule.words is None or lemma in rule.words) and (rule.needs is None or any(c.dep_ == rule.needs for c in children)):
            preps = rule.preps.get(lemma, frozenset()) if rule.preps is not None else None
            content = [c for c in children if c.dep_ in rule.deps and (preps is None or c.lower_ in preps)]
    passive = tok.tag_ == "VBN" and (tok.dep_ in ("amod", "acl") or any(c.dep_ == "auxpass" for c in children))
    agent = _agent_of(tok) if passive else None
    if not content and agent is not None:
        content = [c for c in children if c.dep_ == "nsubjpass"] or ([tok.head] if tok.dep_ in ("acl", "amod") else [])
    if not content and lemma in w.takes_bare_clause:
        content = [c for c in children if c.i > tok.i and c.dep_ == "prep" and c.lower_ == "that"]  # "said that …" misparsed
        objects = [c for c in children if c.dep_ == "dobj" and c.i > tok.i]
        if not content and objects:
            # "He said he had secured contracts …": the parser made the reported clause's subject an object
            sent = sent_of.of(tok)
            rest = [t for t in doc[tok.i + 1:sent.end] if not (t.is_punct and t.i == sent.end - 1)]
            if any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in rest):
                content = [t for t in rest if t.head.i == tok.i and not t.is_punct and t.dep_ not in ("prep", "npadvmod", "advmod")]
    if not content and any(c.dep_ == "mark" and c.lower_ == "as" for c in children) and tok.dep_ == "advcl":
        content = [tok.head]  # "…, as officials noted": the clause the cue hangs on
    # continuation of a quote: "“…,” she said, “and …”"
    content += [c for c in children if c.dep_ == "conj" and c.idx > tok.idx and qindex.containing(c.idx) is not None]
    quote = _adjacent_quote(doc, tok, qindex, sent_of) if kind in ("speech", "reaction") else None
    if not content and quote is None and passive and agent is None and any(c.dep_ == "xcomp" for c in children):
        # "Russian forces are said to have captured the village": hearsay without a source
        return _unsourced(doc, tok, [c for c in children if c.dep_ in ("nsubjpass", "xcomp")], None, sent_of, qindex, lemma)
    if not content and quote is None:
        if kind != "speech" or not _parenthetical(doc, tok, sent_of):
            return None
    if passive:
        if agent is None:
            return _unsourced(doc, tok, content, quote, sent_of, qindex, lemma)
        source: "Token | None" = agent
    else:
        source = _source_of(tok)
    if source is not None and (not _acceptable_source(source, qindex) or "\n" in sent_of.text[min(source.idx, tok.idx):max(source.idx, tok.idx)]):
        # a subject in another paragraph (a headline the parser joined on) is a parse error too
        source = _nearby_source(doc, tok, qindex, sent_of)
    if source is None and kind in ("speech", "reaction"):
        if quote is not None or sent_of.of(tok).end - tok.i <= 3:
            source = _nearby_source(doc, tok, qindex, sent_of)
        elif content:
            source = _name_set_off(doc, tok, sent_of)
    if source is None:
        return None
    s_start, s_end, s_tokens = _source_span(doc, source, tok)
    if s_end <= s_start:
        return None
    c_start, c_end = _content_span(doc, tok, content, quote, s_tokens, sent_of)
    if c_start is not None and c_end is not None:
        q = qindex.containing(c_start)
        if q is not None and q.end >= c_end:
            c_start, c_end = min(c_start, q.inner_start), max(c_end, q.inner_end)
        elif quote is None:
            c_start, c_end = _clip_to_paragraph(sent_of.text, tok.idx, c_start, c_end)
        d_end = sent_of.dateline_end
        if c_start is not None and c_end is not None and d_end is not None and c_start < d_end < c_end:
            c_start = d_end  # "TOLEDO, Ohio (WQRT) — Gunfire … killed two men, police said": the gunfire is what they said
    direct = quote is not None or (c_start is not None and _has_quote(qindex, c_start, c_end))
    cue_end = tok.idx + len(tok.text)
    for c in children:
        if c.dep_ == "prt" and c.i == tok.i + 1:
            cue_end = c.idx + len(c.text)
    hedged = lemma in DISTANCING or (source.lemma_.lower() in HEARSAY and not any(e.label_ == "ORG" for e in doc[s_tokens[0]:s_tokens[1]].ents))
    return AttributionMention(
        cue_start=tok.idx, cue_end=cue_end, source_start=s_start, source_end=s_end,
        content_start=c_start, content_end=c_end, kind=kind, lemma=lemma, hedged=hedged, direct=direct,
        sent=sent_of[tok.i], cue_token=tok.i, source_tokens=s_tokens,
    )


def _acceptable_source(source: "Token", qindex: QuoteIndex) -> bool:
    if source.lower_ in NOT_SOURCES and source.dep_ != "relcl":
        if not (source.lower_ == "that" and source.head.dep_ == "relcl"):
            return False
    if source.pos_ in ("VERB", "AUX"):
        return False
    if qindex.containing(source.idx) is not None:
        return False  # a subject inside a quote, for a cue outside it: a parse error
    return True


def _nearby_source(doc: "Doc", tok: "Token", qindex: QuoteIndex, sent_of: _Sentences) -> "Token | None":
    """The noun phrase right before the cue ("… Vice President Joe Biden said") or right after it
    ("… said Liudmyla"), when the parse gave no usable subject."""
    ends = {tok.i}
    if tok.i > 0 and doc[tok.i - 1].pos_ in ("ADV", "AUX"):
        ends.add(tok.i - 1)
    named = _name_set_off(doc, tok, sent_of)
    if named is not None:
        return named
    if tok.i > 1 and doc[tok.i - 1].text == ",":
        # "Trump, 70, told …": skip a short aside between the name and the cue
        for k in range(tok.i - 2, max(tok.i - 9, 0), -1):
            if doc[k].text == ",":
                ends.add(k)
                break
    inverted = tok.lemma_.lower() not in ("tell", "ask", "inform", "urge", "warn", "assure", "remind", "accuse", "call")
    for chunk in sent_of.chunks:
        usable = qindex.containing(chunk.start_char) is None and chunk.root.pos_ in ("PROPN", "NOUN", "PRON")
        if chunk.end in ends and usable:
            return chunk.root
        if inverted and chunk.start == tok.i + 1 and usable:
            return chunk.root
        if chunk.start > tok.i + 1:
            break
    for e in sorted(ends):  # a name the parser did not chunk ("Trump, 70, told")
        t = doc[e - 1] if e > 0 else None
        if t is not None and (t.pos_ == "PROPN" or t.ent_type_ or (t.is_alpha and t.text[:1].isupper() and not t.is_stop)) and qindex.containing(t.idx) is None:
            return t
    return None


def _name_set_off(doc: "Doc", tok: "Token", sent_of: _Sentences) -> "Token | None":
    """"the head of the regional military administration, Serhiy Lysak, said": the name between the commas."""
    if tok.i > 2 and doc[tok.i - 1].text == ",":
        for ent in sent_of.ents:
            if ent.end == tok.i - 1 and ent.label_ == "PERSON" and ent.start > 0 and doc[ent.start - 1].text == ",":
                return ent.root
    return None


def _according(doc: "Doc", tok: "Token", end: int, qindex: QuoteIndex, sent_of: _Sentences) -> AttributionMention | None:
    """The cue ``doc[tok.i:end]`` ("according to", "selon") and the source it governs."""
    to = doc[end - 1]
    objs = [c for c in to.children if c.dep_ == "pobj"] or [c for c in tok.children if c.dep_ == "pobj"]
    if not objs and to.dep_ == "case" and to.head.i != to.i:
        objs = [to.head]  # Universal Dependencies hang the preposition under its noun
    if not objs:
        return None
    s_start, s_end, s_tokens = _source_span(doc, objs[0], tok)
    if s_tokens[0] <= tok.i < s_tokens[1] and end < s_tokens[1]:  # ... so the noun phrase holds the cue
        s_start, s_tokens = doc[end].idx, (end, s_tokens[1])
    sent = sent_of.of(tok)
    # the content is the rest of the sentence, outside the "according to X" phrase
    phrase_start, phrase_end = tok.i, s_tokens[1]
    before = [t for t in tokens_in(sent) if t.i < phrase_start and not t.is_punct]
    after = [t for t in tokens_in(sent) if t.i >= phrase_end and not t.is_punct]
    if after and (len(after) >= len(before) or not before):
        c_start, c_end = after[0].idx, after[-1].idx + len(after[-1].text)
    elif before:
        c_start, c_end = before[0].idx, before[-1].idx + len(before[-1].text)
    else:
        c_start = c_end = None
    hearsay = objs[0].lemma_.lower() in HEARSAY and not any(e.label_ == "ORG" for e in doc[s_tokens[0]:s_tokens[1]].ents)
    return AttributionMention(
        cue_start=tok.idx, cue_end=to.idx + len(to.text), source_start=s_start, source_end=s_end,
        content_start=c_start, content_end=c_end, kind="according", lemma="according to", hedged=hearsay,
        direct=c_start is not None and _has_quote(qindex, c_start, c_end), sent=sent_of[tok.i], cue_token=tok.i,
        source_tokens=s_tokens,
    )


def _headline(doc: "Doc", tok: "Token", sent_of: _Sentences) -> AttributionMention | None:
    """A headline that quotes someone: "Zelensky: We will not give up the east"."""
    text = sent_of.text
    line_start = text.rfind("\n", 0, tok.idx) + 1
    line_end = text.find("\n", tok.idx)
    line_end = len(text) if line_end < 0 else line_end
    if line_end - line_start > 200 or tok.idx - line_start > 100 or line_end - tok.idx < 8:
        return None
    first = None
    for k in range(tok.i - 1, -1, -1):
        t = doc[k]
        if t.idx < line_start:
            break
        if t.pos_ in ("VERB", "AUX"):
            return None
        first = t
    if first is None:
        return None
    ents = [e for e in sent_of.ents if first.i <= e.start and e.end <= tok.i and e.label_ in ("PERSON", "ORG", "NORP", "GPE")]
    if not ents or not any(t.pos_ == "PROPN" for t in doc[first.i:tok.i]):
        return None
    chunk = next((c for c in sent_of.chunks if c.start == first.i or (c.start <= ents[0].start < c.end)), None)
    if chunk is None or chunk.end > tok.i:
        return None
    end_tok = doc[chunk.end - 1]
    after = [t for t in doc[tok.i + 1:] if t.idx < line_end and not t.is_space]
    if not after:
        return None
    return AttributionMention(
        cue_start=tok.idx, cue_end=tok.idx + 1, source_start=chunk.start_char, source_end=end_tok.idx + len(end_tok.text),
        content_start=after[0].idx, content_end=after[-1].idx + len(after[-1].text), kind="speech", lemma=":",
        hedged=False, direct=False, sent=sent_of[tok.i], cue_token=tok.i, source_tokens=(chunk.start, chunk.end),
    )


def _hedge(doc: "Doc", tok: "Token", sent_of: _Sentences) -> AttributionMention | None:
    head = tok.head
    if head.i == tok.i:
        return None
    sub = [t for t in head.subtree if not t.is_punct]
    return AttributionMention(
        cue_start=tok.idx, cue_end=tok.idx + len(tok.text), source_start=None, source_end=None,
        content_start=sub[0].idx, content_end=sub[-1].idx + len(sub[-1].text), kind="hedge",
        lemma=tok.lower_, hedged=True, direct=False, sent=sent_of[tok.i], cue_token=tok.i,
    )


def _unverified(doc: "Doc", tok: "Token", sent_of: _Sentences) -> AttributionMention | None:
    """"… a claim that could not be independently verified": the whole sentence is hedged."""
    if not any(c.dep_ == "auxpass" for c in tok.children):
        return None
    sent = sent_of.of(tok)
    words = [t for t in tokens_in(sent) if not t.is_punct and not t.is_space]
    first = min((c for c in tok.children if c.dep_ in ("aux", "auxpass", "neg")), key=lambda c: c.i, default=tok)
    return AttributionMention(
        cue_start=first.idx, cue_end=tok.idx + len(tok.text), source_start=None, source_end=None,
        content_start=words[0].idx, content_end=words[-1].idx + len(words[-1].text), kind="hedge",
        lemma=tok.lemma_.lower(), hedged=True, direct=False, sent=sent_of[tok.i], cue_token=tok.i,
    )


def _unsourced(doc: "Doc", tok: "Token", content: list["Token"], quote: QuoteSpan | None, sent_of: _Sentences, qindex: QuoteIndex, lemma: str) -> AttributionMention | None:
    """"it was reported that …", "the claimed strike", "X is said to have …": hedged, no source."""
    if tok.dep_ == "amod":
        head = tok.head
        sub = [t for t in head.subtree]
        c_start, c_end = sub[0].idx, sub[-1].idx + len(sub[-1].text)
    else:
        c_start, c_end = _content_span(doc, tok, content or [c for c in tok.children if c.dep_ in ("nsubjpass", "xcomp")], quote, (tok.i, tok.i + 1), sent_of)
    if lemma not in SPEECH:
        return None
    return AttributionMention(
        cue_start=tok.idx, cue_end=tok.idx + len(tok.text), source_start=None, source_end=None,
        content_start=c_start, content_end=c_end, kind="hedge", lemma=lemma, hedged=True,
        direct=False, sent=sent_of[tok.i], cue_token=tok.i,
    )


# -- parts of a relation -----------------------------------------------------------------------


def _source_of(tok: "Token") -> "Token | None":
    subjects = [c for c in tok.children if c.dep_ in ("nsubj", "csubj")]
    if subjects:  # "Two killed as drones hit the port, officials say": the subject nearest the cue
        return min(subjects, key=lambda c: abs(c.i - tok.i))
    if tok.pos_ == "NOUN":  # "Federal Election Commission records show": the tagger made "show" the noun
        left = [c for c in tok.lefts if c.dep_ in ("compound", "poss", "nmod")]
        return left[-1] if left else None
    # "… and said", "went on to express", "…, saying that": the subject of the governing verb
    if tok.dep_ == "acl" and tok.tag_ in ("VBG", "VBN") and tok.head.pos_ in ("NOUN", "PROPN"):
        head = tok.head
        if head.lemma_.lower() in DOCUMENTS:
            # "Teneo issued a statement saying …": the one who issued it
            issuer = head.head
            for c in issuer.children if issuer.i != head.i else []:
                if c.dep_ == "nsubj":
                    return c
            return None
        if tok.lemma_.lower() in EVIDENCE or head.ent_type_ in ("PERSON", "ORG", "NORP") or head.lower_ in ROLE_HEADS:
            return head  # "polls showing Trump ahead", "a persona calling himself …"
        return None
    cur = tok
    for _ in range(4):
        if cur.dep_ in ("conj", "xcomp", "acomp") or (cur.dep_ in ("advcl", "acl") and cur.tag_ == "VBG"):
            cur = cur.head
        elif cur.dep_ == "pcomp" and cur.head.dep_ == "prep":
            cur = cur.head.head  # "before noting that …"
        else:
            break
        if cur.dep_ == "ccomp" and _kind_of(cur.head.lemma_.lower()) in ("speech", "reaction"):
            # "X said the news was troubling, before noting …": the parser hung the second cue
            # inside the first one's report; it goes on with X
            outer = [c for c in cur.head.children if c.dep_ == "nsubj"]
            if outer:
                return outer[0]
        for c in cur.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                return c
    return None


def _agent_of(tok: "Token") -> "Token | None":
    for c in tok.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


def _source_span(doc: "Doc", source: "Token", cue: "Token") -> tuple[int, int, tuple[int, int]]:
    """Character and token span of the source mention: the subject's subtree with its appositions
    ("Dana Price, the bank's chief executive"), without edge punctuation, trailing relative
    clauses, ages or time words, and never across a paragraph break."""
    left, right = source.left_edge.i, source.right_edge.i
    if source.dep_ in ("compound", "poss", "nmod") and source.head.i == cue.i:
        left = min(c.left_edge.i for c in cue.lefts if c.dep_ in ("compound", "poss", "nmod", "det", "amod"))
    if cue.is_ancestor(source) is False and source.is_ancestor(cue):
        # "polls showing …": the noun without the clause that holds the cue
        right = max(source.i, min((t.left_edge.i for t in source.rights if t.is_ancestor(cue) or t.i == cue.i), default=right + 1) - 1)
    if (source.ent_type_ == "PERSON" and left > 1 and doc[left - 1].text == "," and right + 1 < len(doc) and doc[right + 1].text == ","
            and right + 2 == cue.i and doc[left - 2].pos_ in ("NOUN", "PROPN")):
        # "the head of the regional military administration, Serhiy Lysak, said"
        np = doc[left - 2]
        while np.dep_ in ("pobj", "prep", "compound", "amod", "poss") and np.head.i < np.i:
            np = np.head
        if np.i < left and np.dep_ in ("nsubj", "ROOT", "appos", "npadvmod", "dep"):
            left = np.left_edge.i
    if _title_before(doc, left):
        # "Columbus police spokesman Sgt. | James Fuqua said": the splitter cut the title off
        left -= 2 if doc[left - 1].text == "." else 1
        while left > 0 and left > source.i - 8 and doc[left - 1].pos_ in ("PROPN", "NOUN") and "\n" not in doc[left - 1].text_with_ws:
            left -= 1
    for k in range(source.i - 1, left - 1, -1):
        if "\n" in doc[k].text_with_ws:
            left = k + 1
            break
    for k in range(source.i, right):
        if "\n" in doc[k].text_with_ws:
            right = k
            break
    # a non-restrictive relative clause or an age is said about the source, not part of its name:
    # "Perry, who hugged Clinton, said" -> "Perry"; "Mr. Sloan, 56, said" -> "Mr. Sloan"
    for child in source.rights:
        lo = child.left_edge.i
        if lo - 1 > source.i and doc[lo - 1].text == "," and (
            child.dep_ in ("relcl", "acl") or (child.dep_ in ("appos", "npadvmod", "amod") and (child.like_num or child.ent_type_ in ("DATE", "CARDINAL")))
        ):
            right = min(right, lo - 2)
    while left < right and (doc[left].is_punct or doc[left].is_space):
        left += 1
    while right > left and (doc[right].is_punct or doc[right].is_space or doc[right].dep_ in ("cc", "advmod", "prep")):
        right -= 1
    start = doc[left].idx
    end = doc[right].idx + len(doc[right].text)
    return start, end, (left, right + 1)


def _adjacent_quote(doc: "Doc", tok: "Token", qindex: QuoteIndex, sent_of: _Sentences) -> QuoteSpan | None:
    """A quote that ends right before the attributing clause or starts right after it."""
    if qindex.containing(tok.idx) is not None:
        return None
    text = sent_of.text
    sent = sent_of.of(tok)
    # before: “…,” X said / “…,” said X
    j = tok.idx
    lo = max(sent.start_char - 200, 0, tok.idx - 120)
    before = [q for q in qindex.quotes if lo <= q.end <= j]
    if before:
        q = before[-1]
        between = text[q.end:tok.idx]
        if len(between) < 80 and "\n" not in between and not _SENTENCE_END.search(between):
            return q
    # after: X said: “…” / X said, “…”
    after = tok.idx + len(tok.text)
    for q in qindex.quotes:
        if q.start >= after:
            gap = text[after:q.start]
            if len(gap) <= 60 and not any(c in gap for c in ".?!\n"):
                return q
            break
    return None


def _parenthetical(doc: "Doc", tok: "Token", sent_of: _Sentences) -> bool:
    """"Three people were killed, the governor said." — the cue closes a sentence it has no clause for."""
    sent = sent_of.of(tok)
    if tok.dep_ not in ("ROOT", "parataxis", "conj", "ccomp", "advcl"):
        return False
    # ", they said," inside the sentence it attributes
    lo = tok.left_edge.i
    while lo < tok.i and doc[lo].is_punct:
        lo += 1
    if lo > sent.start and doc[lo - 1].text in (",", "—", "–") and tok.i + 1 < sent.end and doc[tok.i + 1].text in (",", "—", "–"):
        return True
    if tok.dep_ not in ("ROOT", "parataxis", "conj"):
        return False
    before = [t for t in tokens_in(sent) if t.i < tok.i and not t.is_punct]
    return len(before) > 3 and any(t.text == "," for t in tokens_in(sent) if t.i < tok.i)


def _content_span(doc: "Doc", tok: "Token", content: list["Token"], quote: QuoteSpan | None, source_tokens: tuple[int, int], sent_of: _Sentences) -> tuple[int | None, int | None]:
    spans: list[tuple[int, int]] = []
    for c in content:
        sub = [t for t in c.subtree if not (t.is_punct and t.text in ",;")]
        if c.is_ancestor(tok):
            lo_i, hi_i = tok.left_edge.i, tok.right_edge.i
            sub = [t for t in sub if t.i < lo_i] or [t for t in sub if t.i > hi_i]
        # "X claimed A, while Y said B": B is Y's claim, not X's
        for d in c.subtree:
            if d.dep_ in ("advcl", "conj") and d.i > c.i and _kind_of(d.lemma_.lower()) == "speech" and any(k.dep_ == "nsubj" for k in d.children):
                cut = d.left_edge.i
                sub = [t for t in sub if t.i < cut and not (t.i == cut - 1 and t.is_punct)]
                break
        if sub:
            spans.append((sub[0].idx, sub[-1].idx + len(sub[-1].text)))
    if quote is not None:
        spans.append((quote.inner_start, quote.inner_end))
    if not spans:
        sent = sent_of.of(tok)
        lo = min(tok.i, source_tokens[0])
        before = [t for t in tokens_in(sent) if t.i < lo and not (t.is_punct and t.text in ",;—")]
        if before:
            spans.append((before[0].idx, before[-1].idx + len(before[-1].text)))
        hi = max(tok.right_edge.i, source_tokens[1] - 1)
        clause_before = any(t.pos_ in ("VERB", "AUX") for t in before)
        if tok.i + 1 < sent.end and doc[tok.i + 1].text in (",", "—", "–") and not clause_before:
            after = [t for t in tokens_in(sent) if t.i > hi and not t.is_punct]
            if after:
                spans.append((after[0].idx, after[-1].idx + len(after[-1].text)))
    if not spans:
        return None, None
    return min(s for s, _ in spans), max(e for _, e in spans)


def _clip_to_paragraph(text: str, at: int, start: int, end: int) -> tuple[int | None, int | None]:
    """Reported content never runs past the paragraph of its cue (the parser may join a headline
    to the first paragraph)."""
    lo = text.rfind("\n", 0, at) + 1
    hi = text.find("\n", at)
    hi = len(text) if hi < 0 else hi
    start, end = max(start, lo), min(end, hi)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else (None, None)


def _has_quote(qindex: QuoteIndex, start: int | None, end: int | None) -> bool:
    if start is None or end is None:
        return False
    for q in qindex.quotes:
        if q.start >= end:
            break
        if q.end > start and q.start < end:
            return True
    return False


# -- the stage ---------------------------------------------------------------------------------
