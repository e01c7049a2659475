"""Event senses: the unit the trigger lexicon speaks in, and the types each sense is coded as.

A *sense* is one way news tells an event ("air_strike", "peaceful_protest", "consult" …). The
lexicon maps words to candidate senses; the context rules pick one; this table turns the chosen
sense into a PLOVER root type and an ACLED event type / sub-event type, spelled as ACLED spells
them (``None`` where ACLED does not code the event, e.g. diplomatic talks).

PLOVER choices follow the PLOVER 0.5 definitions: FIGHT is armed conflict between organised
forces, including air strikes, shelling, chemical weapons and armed clashes; ASSAULT is
violence against people who are (mostly) not fighting: attacks on civilians, abductions, sexual
violence, and the bombing modes PLOVER lists under ASSAULT (IEDs, suicide bombs, grenades);
COERCE is repression: arrests, property seizure and destruction; PROTEST covers demonstrations,
riots, strikes and boycotts.
"""

from __future__ import annotations

BATTLES = "Battles"
REMOTE = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

#: sense -> (PLOVER root, ACLED event type, ACLED sub-event type)
SENSES: dict[str, tuple[str, str | None, str | None]] = {
    # Battles
    "armed_clash": ("FIGHT", BATTLES, "Armed clash"),
    "gov_regains": ("FIGHT", BATTLES, "Government regains territory"),
    "nsa_overtakes": ("FIGHT", BATTLES, "Non-state actor overtakes territory"),
    # Explosions/Remote violence
    "chemical": ("FIGHT", REMOTE, "Chemical weapon"),
    "air_strike": ("FIGHT", REMOTE, "Air/drone strike"),
    "suicide_bomb": ("ASSAULT", REMOTE, "Suicide bomb"),
    "shelling": ("FIGHT", REMOTE, "Shelling/artillery/missile attack"),
    "ied": ("ASSAULT", REMOTE, "Remote explosive/landmine/IED"),
    "grenade": ("ASSAULT", REMOTE, "Grenade"),
    # Violence against civilians
    "sexual_violence": ("ASSAULT", VAC, "Sexual violence"),
    "attack": ("ASSAULT", VAC, "Attack"),
    "abduction": ("ASSAULT", VAC, "Abduction/forced disappearance"),
    # Protests and riots
    "peaceful_protest": ("PROTEST", PROTESTS, "Peaceful protest"),
    "protest_intervention": ("PROTEST", PROTESTS, "Protest with intervention"),
    "excessive_force": ("COERCE", PROTESTS, "Excessive force against protesters"),
    "violent_demo": ("PROTEST", RIOTS, "Violent demonstration"),
    "mob_violence": ("ASSAULT", RIOTS, "Mob violence"),
    # Strategic developments
    "agreement": ("AGREE", STRATEGIC, "Agreement"),
    "arrests": ("COERCE", STRATEGIC, "Arrests"),
    "change_group": ("MOBILIZE", STRATEGIC, "Change to group/activity"),
    "disrupted": ("FIGHT", STRATEGIC, "Disrupted weapons use"),
    "weapons_seized": ("COERCE", STRATEGIC, "Disrupted weapons use"),
    "hq": ("MOBILIZE", STRATEGIC, "Headquarters or base established"),
    "looting": ("COERCE", STRATEGIC, "Looting/property destruction"),
    "transfer": ("RETREAT", STRATEGIC, "Non-violent transfer of territory"),
    "release": ("CONCEDE", STRATEGIC, "Agreement"),
    "surrender": ("RETREAT", STRATEGIC, "Agreement"),
    "peace_talks": ("CONSULT", STRATEGIC, "Agreement"),
    "sd_other": ("MOBILIZE", STRATEGIC, "Other"),
    # Political events ACLED does not code
    "consult": ("CONSULT", None, None),
    "agree": ("AGREE", None, None),
    "support": ("SUPPORT", None, None),
    "cooperate": ("COOPERATE", None, None),
    "aid": ("AID", None, None),
    "concede": ("CONCEDE", None, None),
    "retreat": ("RETREAT", None, None),
    "investigate": ("INVESTIGATE", None, None),
    "demand": ("DEMAND", None, None),
    "disapprove": ("DISAPPROVE", None, None),
    "accuse": ("ACCUSE", None, None),
    "reject": ("REJECT", None, None),
    "threaten": ("THREATEN", None, None),
    "mobilize": ("MOBILIZE", None, None),
    "sanction": ("SANCTION", None, None),
    "coerce": ("COERCE", None, None),
}

#: lexicon senses that are no type yet: :mod:`.context` turns them into a key of SENSES or drops them
GENERIC = frozenset({"violence", "explosion", "kill", "hurt", "protest", "territory", "strike", "shoot", "seize", "destroy",
                     "found", "liberate", "agree_like", "hq_maybe", "none"})

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "INVESTIGATE", "DEMAND",
    "DISAPPROVE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "FIGHT", "COERCE", "ASSAULT", "ACCUSE",
)
