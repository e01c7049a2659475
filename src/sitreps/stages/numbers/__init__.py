"""``numbers``: casualty figures, weapons (with interceptions) and struck targets.

Works sentence by sentence over the parsed Doc and leaves mentions in the context's slots
``casualties``, ``weapons`` and ``targets`` (see :mod:`sitreps.text.mentions`). The events stage turns them into event values.

    quantities.py   numbers in digits and words, vague quantities, qualifiers
    casualties.py   killed / injured figures from the dependency parse
    victims.py      the parse walks that find a figure's victim and count it
    weapons.py      weapons, interceptions and targets
"""

from __future__ import annotations

from ... import budget
from ...contract import Context, Stage
from ...lang import of_model
from .casualties import Finder
from .quantities import VAGUE
from .weapons import find_targets, find_weapons
from ...parse import sents_of


class NumbersStage(Stage):
    name = "numbers"
    reads = ("doc",)
    writes = ("casualties", "weapons", "targets")

    def __call__(self, ctx: Context) -> None:
        text = ctx.text
        finder = Finder(text, of_model(self.nlp))  # the casualty words and patterns of the model's language
        casualties = []
        weapons = []
        targets = []
        for i, sent in enumerate(sents_of(ctx.doc)):
            budget.check(self.name)
            if not _worth_reading(sent):
                continue
            for mention, inclusive, additional in finder.find(sent, i):
                mention.inclusive = inclusive
                mention.additional = additional
                mention.vague = mention.qualifier == "at_least" and any(w in VAGUE for w in mention.text.lower().split())
                casualties.append(mention)
            weapons.extend(find_weapons(sent, i, text))
            targets.extend(find_targets(sent, i, text))
        ctx.casualties = casualties
        ctx.weapons = weapons
        ctx.targets = targets


def _worth_reading(sent) -> bool:  # type: ignore[no-untyped-def]
    """Skip sentences with no noun or verb (page chrome, lists of links)."""
    return len(sent) >= 2
