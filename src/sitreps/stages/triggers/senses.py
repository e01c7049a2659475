"""Event senses: the unit the trigger lexicon speaks in, and the types each sense is coded as.

A *sense* is one way news tells an event ("air_strike", "peaceful_protest", "consult" …). The
lexicon maps words to candidate senses; the context rules pick one; this table turns the chosen
sense into a PLOVER root type and an ACLED event type / sub-event type, spelled as ACLED spells
them (``None`` where ACLED does not code the event, e.g. diplomatic talks). The table is data,
shared by every language: ``sitreps/lang/senses.toml``.

PLOVER choices follow the PLOVER 0.5 definitions: FIGHT is armed conflict between organised
forces, including air strikes, shelling, chemical weapons and armed clashes; ASSAULT is
violence against people who are (mostly) not fighting: attacks on civilians, abductions, sexual
violence, and the bombing modes PLOVER lists under ASSAULT (IEDs, suicide bombs, grenades);
COERCE is repression: arrests, property seizure and destruction; PROTEST covers demonstrations,
riots, strikes and boycotts.
"""

from __future__ import annotations

from ...lang import senses

#: sense -> (PLOVER root, ACLED event type, ACLED sub-event type), from ``lang/senses.toml``
SENSES = senses()

#: lexicon senses that are no type yet: :mod:`.context` turns them into a key of SENSES or drops them
GENERIC = frozenset({"violence", "explosion", "kill", "hurt", "protest", "territory", "strike", "shoot", "seize", "destroy",
                     "found", "liberate", "agree_like", "hq_maybe", "hurl", "none"})

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "INVESTIGATE", "DEMAND",
    "DISAPPROVE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "FIGHT", "COERCE", "ASSAULT", "ACCUSE",
)
