"""Word lists of the attribution finder: cue verbs by kind, the shapes their content takes, hedges.

The word sets are data (``lang/en/words.toml`` ``[attribution]``); the mappings stay here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping

from ...errors import ConfigError
from ...lang import Language, WordSets, load

_W = load("en").words_of("attribution")  # lang/en/words.toml [attribution]

#: Verbs of saying and reporting: always cues when they govern a reported clause or a quote.
SPEECH = _W.speech
#: Speech acts that judge what they are about rather than report it ("condemned the strike"):
#: they attribute quotes, but an event they are about is not claimed by them.
REACTION = _W.reaction
#: Verbs that report speech only when a quotation sits right next to them ("“…,” she sighed").
QUOTE_ONLY = _W.quote_only
#: Evidence verbs: "polls show", "the report found", "documents indicate".
EVIDENCE = _W.evidence
#: Verbs of belief and intent: attributions of a view, not of a report (kept apart from event sources).
BELIEF = _W.belief
#: Of these, the ones whose content is an infinitive ("vowed to fight", "wants to win").
TAKES_XCOMP = _W.takes_xcomp
#: Cues whose content may be a plain object: "denied the allegations", "polls show little movement".
TAKES_DOBJ = _W.takes_dobj
#: Cues that name something as something: "called the move “deeply troubling”".
NAMING = _W.naming
#: Heads under which a cue is only a plan, a need or an ability, not a report ("plans to post", "is expected to disclose").
NOT_REPORTED = _W.not_reported
#: Verb forms the tagger sometimes reads as nouns ("the center's data show …").
NOUN_TAGGED = {"show": "show", "shows": "show", "says": "say", "claims": "claim", "reports": "report", "estimates": "estimate"}
#: A sentence end inside a stretch of text (not the full stop of an initial or a title).
_SENTENCE_END = re.compile(r"(?<![A-Z])(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bDr)(?<!\bSt)(?<!\bGen)(?<!\bSen)(?<!\bRep)(?<!\bGov)[.!?](\s|$)")
#: Heads that cannot be a source ("All this is to say …").
NOT_SOURCES = _W.not_sources
#: Adverbs that hedge a clause without naming a source.
HEDGES = _W.hedges
#: Adjectives that hedge the noun they qualify ("the claimed attack", "an alleged strike").
HEDGE_ADJECTIVES = _W.hedge_adjectives
#: Cues that distance the outlet from the claim even when a source is named.
DISTANCING = _W.distancing
#: Nouns that, as the subject of a cue, are hearsay rather than a source ("reports said").
HEARSAY = _W.hearsay
#: Titles whose full stop the sentence splitter takes for a sentence end.
TITLE_ABBREVS = _W.title_abbrevs
#: Things people issue that say something: "issued a statement saying …" is said by the issuer.
DOCUMENTS = _W.documents
#: Forms the small model lemmatises wrongly ("hoping" -> "hop").
LEMMA_FIXES = {"hoping": "hope", "hoped": "hope", "hopes": "hope"}

#: each language's cue words, built once (a stable set, so :func:`sitreps.parse.positions` keeps its answer per Doc)
_CUES: dict[str, frozenset[str]] = {}


def cue_words(code: str, w: WordSets) -> frozenset[str]:
    """Every word the finder reads a cue from, but for the starts of its "according to" matches:
    the headline colon, hedges, verbs of verifying, every cue verb (and the forms the tagger reads
    as nouns or mis-lemmatises). ``w`` is the language's ``[attribution]`` word sets."""
    found = _CUES.get(code)
    if found is None:
        found = _CUES[code] = frozenset().union(
            {":"}, w.hedges, HEDGE_ADJECTIVES, w.verify_verbs, w.reaction, w.evidence, w.speech, w.belief, w.quote_only,
            NOUN_TAGGED, LEMMA_FIXES)
    return found


@dataclass(frozen=True)
class ContentRule:
    """Where a cue's reported content hangs: one ``[[content]]`` table of ``attribution.toml``."""

    deps: frozenset[str]
    words: frozenset[str] | None = None
    needs: str | None = None
    preps: Mapping[str, frozenset[str]] | None = None


@lru_cache(maxsize=None)
def content_rules(language: Language) -> tuple[ContentRule, ...]:
    """The content rules of a language, in order, with their word sets resolved (once)."""
    w = language.words_of("attribution")
    rules = []
    for n, t in enumerate(language.document("attribution").get("content", ()), 1):
        words = t.get("words")
        if isinstance(words, str) and words.startswith("$"):
            if words[1:] not in w:
                raise ConfigError(f"lang/{language.code}/attribution.toml: content rule {n} names {words!r}, "
                                  "which words.toml [attribution] does not define.", "S022")
            words = w[words[1:]]
        preps = t.get("preps")
        rules.append(ContentRule(
            deps=frozenset(t["deps"]), words=frozenset(words) if words is not None else None, needs=t.get("needs"),
            preps={k: frozenset(v) for k, v in preps.items()} if preps is not None else None))
    return tuple(rules)
