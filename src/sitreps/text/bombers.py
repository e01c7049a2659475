"""A "bomber" is an aircraft or a person: "strategic bombers", "a Tu-22M3 bomber" fly; "the bomber
tried to drive through the checkpoint" walks. The weapons finder and the trigger typer both ask.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lang import load
from ..parse import words_in

if TYPE_CHECKING:
    from spacy.tokens import Token

_W = load("en").words_of("weapons")  # lang/en/words.toml [weapons]: bomber_people, aircraft_words


def bomber_is_a_person(tok: "Token") -> bool:
    """Whether the noun "bomber" at ``tok`` is a person with a bomb: one bomber, named by no
    aircraft's modifier ("strategic", "Tu-95"; "suicide", "lone" are people's), in an article that
    names no aircraft in other words."""
    if tok.lemma_.lower() != "bomber" or tok.tag_ == "NNS" or tok.lower_ == "bombers":
        return False
    if any(c.dep_ in ("compound", "amod", "nmod") and c.lower_ not in _W.bomber_people for c in tok.children):
        return False
    return words_in(tok.doc).isdisjoint(_W.aircraft_words)
