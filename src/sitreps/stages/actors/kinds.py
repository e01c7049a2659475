"""Kinds of actor (``sitreps.record.ACTOR_KINDS``) by head word, and armed groups by name."""

from __future__ import annotations

from ...lang import load

_EN = load("en")
#: normalised name of armed groups, by the (lower-cased) ways news writes them (lang/en/armed_groups.tsv)
ARMED_GROUPS: dict[str, str] = {alias: name for alias, name in _EN.table("armed_groups")}

#: head word -> actor kind (lang/en/words.toml [actors]); a word in two sets takes the later one's kind
_KINDS: dict[str, str] = {
    word: kind
    for kind in ("state_forces", "government", "armed_group", "civilians", "protesters", "rioters", "organisation")
    for word in _EN.words_of("actors")[kind]
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
