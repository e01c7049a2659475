"""The English trigger lexicon and cue-word sets, as module names (read from ``lang/en/``).

The tables are data now (``sitreps/lang/en/triggers.tsv``, ``phrases.tsv`` and the ``[triggers]``
table of ``words.toml``; see ``docs/rules.md``). ``TRIGGERS`` maps a lemma to its
``(part of speech, sense, base score)`` rows, ``PHRASES`` a head lemma to the
``(neighbour, where, sense, score)`` rows that refine it. The stages read a document's own
language through :func:`sitreps.lang.load`; these names are the English sets, for code that
wants them by name.
"""

from __future__ import annotations

from ...lang import load

_EN = load("en")
_W = _EN.words_of("triggers")

#: lemma -> ((pos, sense, score), ...)
TRIGGERS = _EN.triggers
#: head lemma -> ((neighbour lemma, where, sense, score), ...)
PHRASES = _EN.phrases

AIRCRAFT = _W.aircraft
AIR = _W.air
SHELL = _W.shell
IED = _W.ied
SUICIDE = _W.suicide
GRENADE = _W.grenade
CHEMICAL = _W.chemical
CHEMICAL_WEAK = _W.chemical_weak
CHEMICAL_WITH = _W.chemical_with
CIVILIAN = _W.civilian
ARMED = _W.armed
ARMED_GROUP = _W.armed_group
STATE = _W.state
PROTESTERS = _W.protesters
INTERVENTION = _W.intervention
RIOT = _W.riot
RIOT_WEAK = _W.riot_weak
PEACEFUL = _W.peaceful
MOB = _W.mob
TERRITORY = _W.territory
WEAPONS = _W.weapons
PROPERTY = _W.property
GOVERNMENT = _W.government
ACCIDENT = _W.accident
HOSTILE = _W.hostile
UNOPPOSED = _W.unopposed
FIGHTING = _W.fighting
