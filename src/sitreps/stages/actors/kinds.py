"""Kinds of actor (``sitreps.record.ACTOR_KINDS``) by head word, and armed groups by name."""

from __future__ import annotations

#: normalised name of armed groups, by the (lower-cased) ways news writes them
ARMED_GROUPS: dict[str, str] = {
    "taliban": "Taliban", "isis": "Islamic State", "isil": "Islamic State",
    "islamic state": "Islamic State", "daesh": "Islamic State", "hamas": "Hamas", "hezbollah": "Hezbollah",
    "hizbollah": "Hezbollah", "al-shabaab": "al-Shabaab", "al shabaab": "al-Shabaab", "shabaab": "al-Shabaab",
    "boko haram": "Boko Haram", "al-qaeda": "al-Qaeda", "al qaeda": "al-Qaeda", "al-qaida": "al-Qaeda",
    "houthis": "Houthis", "houthi": "Houthis", "ansar allah": "Houthis", "pkk": "PKK", "ypg": "YPG", "sdf": "SDF",
    "hts": "Hayat Tahrir al-Sham", "hayat tahrir al-sham": "Hayat Tahrir al-Sham", "jnim": "JNIM",
    "iswap": "Islamic State West Africa Province", "farc": "FARC", "eln": "ELN", "wagner": "Wagner Group",
    "m23": "M23", "adf": "ADF", "lashkar-e-taiba": "Lashkar-e-Taiba", "jaish-e-mohammed": "Jaish-e-Mohammed",
    "islamic jihad": "Palestinian Islamic Jihad", "al-nusra": "al-Nusra Front", "nusra": "al-Nusra Front",
    "fsa": "Free Syrian Army", "free syrian army": "Free Syrian Army", "maoists": "Maoist rebels",
    "naxals": "Maoist rebels", "naxalites": "Maoist rebels", "ulfa": "ULFA", "tplf": "TPLF",
}

_KINDS: dict[str, str] = {
    **dict.fromkeys("force forces troop troops army soldier soldiers military navy marine marines airforce jet jets "
                    "warplane warplanes aircraft drone drones missile missiles artillery police policeman policemen "
                    "officer officers gendarme gendarmes gendarmerie guard guards commando commandos paratrooper "
                    "paratroopers battalion brigade unit units regiment division defence defense defences defenses "
                    "military personnel security jawan jawans helicopter helicopters tank tanks sniper snipers".split(),
                    "state_forces"),
    **dict.fromkeys("government regime ministry minister president cabinet parliament authorities authority "
                    "administration official officials leader leaders prime premier spokesman spokeswoman "
                    "spokesperson embassy ambassador diplomat diplomats state kremlin junta council".split(),
                    "government"),
    **dict.fromkeys("gunman gunmen militant militants insurgent insurgents rebel rebels terrorist terrorists "
                    "jihadist jihadists militia militias militiamen fighter fighters bandit bandits extremist "
                    "extremists assailant assailants attacker attackers separatist separatists guerrilla guerrillas "
                    "kidnapper kidnappers abductor abductors group faction insurgency".split(),
                    "armed_group"),
    **dict.fromkeys("civilian civilians resident residents villager villagers people person woman women man men "
                    "child children girl girls boy boys family families farmer farmers student students worker "
                    "workers worshipper worshippers passenger passengers pedestrian pedestrians driver motorist "
                    "teacher teachers journalist journalists refugee refugees shepherd herder herders trader "
                    "traders patient patients doctor doctors nurse nurses elder elders teenager teenagers "
                    "community communities villages village home homes house houses school hospital market "
                    "apartment block building".split(),
                    "civilians"),
    **dict.fromkeys("protester protesters protestor protestors demonstrator demonstrators marcher marchers "
                    "crowd crowds activist activists".split(), "protesters"),
    **dict.fromkeys("rioter rioters mob mobs looter looters".split(), "rioters"),
    **dict.fromkeys("company firm union organization organisation agency party movement committee commission "
                    "ngo charity bank court".split(), "organisation"),
}


def actor_kind(lemma: str) -> str | None:
    """The kind of actor a head word names, or None."""
    return _KINDS.get(lemma.lower())


def armed_group_name(phrase: str) -> str | None:
    if phrase.strip() == "IS":  # "IS fighters"; never the verb
        return "Islamic State"
    low = phrase.lower().strip()
    if low.startswith("the "):
        low = low[4:]
    return ARMED_GROUPS.get(low)


def armed_group_in(text: str) -> str | None:
    """An armed group named anywhere in a short phrase ("Al-Shabaab fighters")."""
    low = f" {text.lower()} "
    for key, name in ARMED_GROUPS.items():
        if f" {key} " in low or f" {key}'" in low or f" {key}’" in low:
            return name
    if " IS " in f" {text} ":
        return "Islamic State"
    return None
