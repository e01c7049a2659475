"""What the events stage and the consolidate stage both say about an incident: which ACLED types
are violent, the cue that opens a separate incident, and the one-line summary of an event."""

from __future__ import annotations

import re

from ..record import Count, Weapon

VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
#: ACLED's demonstration event types (a protest, a riot, force used on one)
DEMONSTRATION_TYPES = frozenset({"Protests", "Riots"})

#: a sentence that opens an incident of its own: "In a separate incident", "Elsewhere", or an act
#: told "in another (apparent, gang) shooting" anywhere in it
SEPARATE = re.compile(r"\b(?:in|during) (?:another|a (?:separate|different|second|further|later|earlier|unrelated)) (?:[\w-]+ ){0,2}"
                      r"(?:incident|attack|development|assault|clash|strike|bombing|shooting|raid|ambush|explosion|blast)s?\b"
                      r"|^\s*(?:Separately|Elsewhere|In another (?:incident|attack|development))\b", re.I)
#: a sentence that opens on a place of its own ("In Khulna, a student was among two killed …"):
#: it tells a new incident, which an earlier one that names no place does not absorb
PLACE_FRAME = re.compile(r"^\s*In (?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*,")
WEAPON_PLURAL = {"missile": "missiles", "drone": "drones", "artillery": "artillery shells", "rocket": "rockets", "bomb": "bombs",
                 "aircraft": "aircraft", "mine": "mines", "ied": "IEDs", "small_arms": "small arms", "other": "weapons"}


def count_text(c: Count) -> str:
    prefix = {"at_least": "at least ", "at_most": "up to ", "approx": "about "}.get(c.qualifier, "")
    return f"{prefix}{c.value}"


def summary(label: str, place: str, killed: Count | None, injured: Count | None, intercepted: list[Weapon]) -> str:
    head = f"{label} in {place}" if place else label
    parts = []
    if killed is not None and injured is not None and killed.value == 0 and injured.value == 0:
        killed = injured = None
        parts.append("no casualties")
    if killed is not None:
        parts.append(f"{count_text(killed)} killed")
    if injured is not None:
        parts.append(f"{count_text(injured)} injured")
    if intercepted:
        parts.append(", ".join(f"{w.count or ''} {WEAPON_PLURAL.get(w.kind, w.kind)}".strip() for w in intercepted) + " intercepted")
    return f"{head}: {', '.join(parts)}" if parts else head
