"""Word lists of the attribution finder: cue verbs by kind, the shapes their content takes, hedges."""

from __future__ import annotations

import re

#: Verbs of saying and reporting: always cues when they govern a reported clause or a quote.
SPEECH = frozenset("""
say tell add note state claim report announce write tweet post explain insist argue assert warn deny confirm
acknowledge admit declare reply respond ask allege describe recount repeat reiterate remark comment 
maintain stress emphasize emphasise predict promise vow pledge urge threaten boast complain lament concede
testify disclose reveal recall quip joke agree mention estimate observe clarify caution signal hint conclude
inform assure accuse counter retort suggest indicate cite quote demand propose proclaim publish tout
blast slam criticize criticise praise dismiss question wonder affirm reaffirm underline underscore
highlight point insinuate imply speculate complain order instruct notify condemn reject dispute recount list
tout express convey discuss hammer shout retweet decline refuse denounce call label brand dub
present question outline detail
""".split())
#: Speech acts that judge what they are about rather than report it ("condemned the strike"):
#: they attribute quotes, but an event they are about is not claimed by them.
REACTION = frozenset("""
condemn denounce praise criticize criticise blast slam welcome applaud hammer dismiss reject tout defend
""".split())
#: Verbs that report speech only when a quotation sits right next to them ("“…,” she sighed").
QUOTE_ONLY = frozenset("""
continue sigh exclaim yell scream whisper mutter cry laugh snap chant plead beg shrug smile marvel recall quip
fume scoff gush rage bristle sob shriek groan
""".split())
#: Evidence verbs: "polls show", "the report found", "documents indicate".
EVIDENCE = frozenset("show find document reveal indicate suggest confirm estimate".split())
#: Verbs of belief and intent: attributions of a view, not of a report (kept apart from event sources).
BELIEF = frozenset("""
believe think know want hope worry doubt plan consider suspect fear
realize realise recognize recognise remember view regard intend agree
""".split())
#: Of these, the ones whose content is an infinitive ("vowed to fight", "wants to win").
TAKES_XCOMP = frozenset("want hope plan promise vow threaten urge ask agree refuse decline claim".split())
#: Cues whose content may be a plain object: "denied the allegations", "polls show little movement".
TAKES_DOBJ = frozenset("""
deny announce praise criticize criticise blast slam condemn confirm acknowledge dismiss recount list tout 
express convey discuss reject dispute defend welcome applaud predict promise report describe hammer retweet
denounce note present question outline detail accuse claim disclose demand write publish post show document reveal indicate demonstrate estimate 
""".split())
#: Cues that name something as something: "called the move “deeply troubling”".
NAMING = frozenset("call label brand dub describe term".split())
#: Heads under which a cue is only a plan, a need or an ability, not a report ("plans to post", "is expected to disclose").
NOT_REPORTED = frozenset("plan need expect want hope intend try seek refuse decline fail able willing unable likely going have".split())
#: Cues whose content may hang on a preposition: "warned of attacks", "called for a ceasefire".
TAKES_PREP = {"warn": ("of", "about", "against"), "boast": ("about", "of"), "brag": ("about", "of"), "complain": ("about", "of"),
              "call": ("for", "on"), "comment": ("on",), "insist": ("on",), "speak": ("of", "about"), "talk": ("of",)}
#: Verb forms the tagger sometimes reads as nouns ("the center's data show …").
NOUN_TAGGED = {"show": "show", "shows": "show", "says": "say", "claims": "claim", "reports": "report", "estimates": "estimate"}
#: A sentence end inside a stretch of text (not the full stop of an initial or a title).
_SENTENCE_END = re.compile(r"(?<![A-Z])(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bDr)(?<!\bSt)(?<!\bGen)(?<!\bSen)(?<!\bRep)(?<!\bGov)[.!?](\s|$)")
#: Heads that cannot be a source ("All this is to say …").
NOT_SOURCES = frozenset("this that these those all there what".split())
#: Adverbs that hedge a clause without naming a source.
HEDGES = frozenset("reportedly allegedly purportedly apparently supposedly ostensibly seemingly".split())
#: Adjectives that hedge the noun they qualify ("the claimed attack", "an alleged strike").
HEDGE_ADJECTIVES = frozenset("claimed alleged purported reported suspected supposed apparent unconfirmed".split())
#: Cues that distance the outlet from the claim even when a source is named.
DISTANCING = frozenset("claim allege insist boast".split())
#: Nouns that, as the subject of a cue, are hearsay rather than a source ("reports said").
HEARSAY = frozenset("report reports rumor rumors rumour rumours".split())
#: Titles whose full stop the sentence splitter takes for a sentence end.
TITLE_ABBREVS = frozenset("""
sgt. lt. gen. col. maj. capt. cpl. pvt. adm. cmdr. gov. sen. rep. dr. mr. mrs. ms. prof. st. gens. sens. reps.
""".split())
#: Things people issue that say something: "issued a statement saying …" is said by the issuer.
DOCUMENTS = frozenset("""
statement letter message post email e-mail note memo tweet video release communique communiqué notice announcement
""".split())
#: Forms the small model lemmatises wrongly ("hoping" -> "hop").
LEMMA_FIXES = {"hoping": "hope", "hoped": "hope", "hopes": "hope"}
