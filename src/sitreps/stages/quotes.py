"""``quotes``: direct and indirect quotes with their speakers.

Direct quotes are the passages between quotation marks (see :func:`~sitreps.text.quotes.scan_quotes`
for curly/straight marks, quotes running on across paragraphs and unbalanced marks). Each gets
its speaker from the attribution whose content holds it ("“…,” said Liudmyla, a 70-year-old
resident"), else from a cue in its sentence, a "X said:" in the sentence before, or the speaker
of the quote just before it (a speech quoted over several sentences). Pronouns ("she said") are
resolved to the last person named before them; the record then carries the name but no speaker
offsets. Indirect quotes are the reported clauses of speech verbs ("X said that …").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import Field

from ..parse import sents_of, text_of
from ..contract import Context, Stage
from ..record import Quote
from ..settings import StageSettings
from ..text.mentions import AttributionMention
from ..text.quotes import QuoteIndex, QuoteSpan
from ..text.sentences import sentence_at
from ..text.speakers import Speaker, Speakers, antecedent_of, noun_phrase_tokens

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: A quote of fewer words than this is kept only when a cue attributes it (else it is a scare quote or a title).
MIN_UNATTRIBUTED_WORDS = 4
#: Indirect quotes shorter than this many characters are not worth a record entry.
MIN_INDIRECT_CHARS = 12
_SPEAKING = ("speech", "reaction", "according")


class QuotesOptions(StageSettings):
    """``[stages.quotes]``"""

    #: a quote of fewer words than this is kept only when a cue attributes it
    min_unattributed_words: int = Field(MIN_UNATTRIBUTED_WORDS, ge=0)
    #: indirect quotes shorter than this many characters are left out
    min_indirect_chars: int = Field(MIN_INDIRECT_CHARS, ge=0)


@dataclass
class QuoteMention:
    """A quote before it becomes a record value, with the mention of its source (a pronoun too)."""

    start: int
    end: int
    kind: str  # direct | indirect
    speaker: Speaker | None
    source_start: int | None  # the mention that names the speaker, pronouns included
    source_end: int | None
    attribution: AttributionMention | None

    def to_record(self, text: str) -> Quote:
        sp = self.speaker
        named = sp is not None and sp.named and self.source_start is not None and self.source_end is not None
        return Quote(
            speaker=sp.name if sp else None,
            speaker_role=sp.role if sp else None,
            speaker_text=text[self.source_start:self.source_end] if named else None,  # type: ignore[index]
            speaker_start=self.source_start if named else None,
            speaker_end=self.source_end if named else None,
            text=text[self.start:self.end],
            start=self.start,
            end=self.end,
            kind=self.kind,  # type: ignore[arg-type]
        )


def find_quotes(
    doc: "Doc",
    quotes: list[QuoteSpan],
    attributions: list[AttributionMention],
    places: list[tuple[int, int]] | None = None,
    min_words: int = MIN_UNATTRIBUTED_WORDS,
    min_indirect: int = MIN_INDIRECT_CHARS,
) -> list[QuoteMention]:
    """Direct and indirect quotes of ``doc`` with their speakers, in text order, from the quoted
    passages (:func:`~sitreps.text.quotes.scan_quotes`) and the attributions of the ``attribution``
    stage. ``places`` are character spans of toponyms (from the places stage), never taken for people."""
    text = text_of(doc)
    qindex = QuoteIndex(quotes)
    speakers = Speakers(doc, qindex, places)
    sents = sents_of(doc)
    sent_starts = [s.start_char for s in sents]
    roles: dict[str, str] = {}
    described: dict[int, Speaker] = {}

    def describe(m: AttributionMention) -> Speaker | None:
        if m.source_tokens is None:
            return None
        if m.cue_token not in described:
            sp = speakers.describe(list(doc[m.source_tokens[0]:m.source_tokens[1]]))
            if sp.name and sp.role:
                roles.setdefault(sp.name, sp.role)
            described[m.cue_token] = sp
        sp = described[m.cue_token]
        if sp.name and not sp.role and sp.name in roles:
            sp.role = roles[sp.name]
        return described[m.cue_token]

    def sent_at(offset: int) -> int:
        return sentence_at(sent_starts, offset)

    persons = [(start, name) for start, name, _g in speakers.persons]
    speaking = [m for m in attributions if m.kind in _SPEAKING and m.source_tokens is not None and qindex.containing(m.cue_start) is None]
    for m in speaking:  # in text order, so a role given once ("Kremlin spokesperson X") carries to later mentions
        describe(m)
    out: list[QuoteMention] = []
    previous: QuoteMention | None = None
    for q in quotes:
        start, end = _trim(text, q.inner_start, q.inner_end)
        if end <= start:
            continue
        words = len(text[start:end].split())
        m = _best_attribution(speaking, q)
        if m is None:
            m = _cue_near(speaking, q, sent_at, text)
        if m is not None:
            qm = QuoteMention(start, end, "direct", describe(m), *_mention(doc, m), m)
        elif previous is not None and previous.speaker is not None and _continues(text, previous, q, persons) and words >= 2:
            qm = QuoteMention(start, end, "direct", previous.speaker, previous.source_start, previous.source_end, previous.attribution)
        elif words >= min_words and _stands_alone(text, q):
            qm = QuoteMention(start, end, "direct", None, None, None, None)
        else:
            continue
        if qm.speaker is None and words < min_words:
            continue
        out.append(qm)
        previous = qm
    # indirect quotes: reported speech outside quotation marks
    for m in attributions:
        if m.kind != "speech" or m.direct or m.source_tokens is None or m.content_start is None or m.content_end is None:
            continue
        if qindex.containing(m.cue_start) is not None or m.content_end - m.content_start < min_indirect:
            continue
        start, end = _trim(text, m.content_start, m.content_end)
        if end > start:
            out.append(QuoteMention(start, end, "indirect", describe(m), *_mention(doc, m), m))
    out.sort(key=lambda x: (x.start, x.end))
    return out


def _mention(doc: "Doc", m: AttributionMention) -> tuple[int | None, int | None]:
    """Offsets of the mention that names the speaker: for "…, who said" the noun "who" stands for."""
    if m.source_tokens is None:
        return None, None
    tok = doc[m.source_tokens[0]]
    if m.source_tokens[1] - m.source_tokens[0] == 1 and tok.lower_ in ("who", "that", "which") and tok.head.dep_ == "relcl":
        noun = antecedent_of(tok)
        words = noun_phrase_tokens(noun)
        end = max((t for t in words if t.i <= noun.i), key=lambda t: t.i, default=noun)
        start = min(words, key=lambda t: t.i, default=noun)
        return start.idx, end.idx + len(end.text)
    return m.source_start, m.source_end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in "\"“”"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–\"“”"):
        end -= 1
    return start, end


def _best_attribution(speaking: list[AttributionMention], q: QuoteSpan) -> AttributionMention | None:
    best: tuple[int, AttributionMention] | None = None
    for m in speaking:
        if m.content_start is None or m.content_end is None:
            continue
        if m.content_start < q.end and q.start < m.content_end:
            if m.source_start is not None and q.start <= m.source_start < q.end:
                continue
            distance = min(abs(m.cue_start - q.end), abs(m.cue_start - q.start))
            if best is None or distance < best[0]:
                best = (distance, m)
    return best[1] if best else None


def _cue_near(speaking: list[AttributionMention], q: QuoteSpan, sent_at, text: str) -> AttributionMention | None:
    """A speech cue in the quote's sentence, or a "X said:" introducing it in the sentence before."""
    first, last = sent_at(q.start), sent_at(max(q.start, q.end - 1))
    para_start = text.rfind("\n", 0, q.start) + 1
    para_end = text.find("\n", q.end)
    para_end = len(text) if para_end < 0 else para_end
    near = [m for m in speaking if m.kind == "speech" and first <= m.sent <= last and not (q.start <= m.cue_start < q.end) and para_start <= m.cue_start < para_end]
    if near:
        return min(near, key=lambda m: min(abs(m.cue_start - q.start), abs(m.cue_start - q.end)))
    lead = text[max(0, q.start - 3):q.start]
    if ":" in lead:
        before = [m for m in speaking if m.kind == "speech" and m.cue_start < q.start and q.start - m.cue_end < 200]
        if before:
            return before[-1]
    return None


def _continues(text: str, previous: QuoteMention, q: QuoteSpan, persons: list[tuple[int, str]]) -> bool:
    """The quote goes on with the previous speaker: between the two there is only the previous
    quote's attribution or a short bridge that names nobody else, and at most one paragraph break."""
    gap = text[previous.end:q.start].strip(" ,.;:!?'\"“”\n")
    if len(gap) > 300 or gap.count("\n\n") > 1:
        return False
    if any(c in gap for c in "“\""):
        return False
    name = (previous.speaker.name or "").split()[-1:] if previous.speaker else []
    own = (previous.source_start or 0, previous.source_end or 0)
    for start, who in persons:
        if own[0] <= start < own[1]:
            continue  # names inside the speaker's own description ("press secretary for Putin")
        if previous.end <= start < q.start and who.split()[-1:] != name:
            return False  # someone else is named in between
    return True


def _stands_alone(text: str, q: QuoteSpan) -> bool:
    """An unattributed quote is kept when it is a whole sentence or paragraph, not a phrase in prose."""
    before = text[max(0, q.start - 2):q.start]
    return before == "" or before.endswith(("\n", ". ", ": ")) or q.start == 0


class QuotesStage(Stage):
    name = "quotes"
    reads = ("doc", "quote_spans", "attributions")
    reads_if_present = ("places",)
    writes = ("quotes",)
    Options = QuotesOptions

    def __call__(self, ctx: Context) -> None:
        places = [(p.start, p.end) for p in ctx.places or ()]
        opts = self.options
        mentions = find_quotes(ctx.doc, ctx.quote_spans or [], ctx.attributions or [], places,
                               opts.min_unattributed_words, opts.min_indirect_chars)
        ctx.quotes = [m.to_record(ctx.text) for m in mentions]
