"""``numbers``: casualty figures, weapons (with interceptions) and struck targets.

Works sentence by sentence over the parsed Doc and leaves mentions in ``Context.data``
(see :mod:`sitreps.stages.mentions`): ``sentences`` (char spans of ``doc.sents``),
``casualties``, ``weapons`` and ``targets``. The events stage turns them into event values.

    quantities.py   numbers in digits and words, vague quantities, qualifiers
    casualties.py   killed / injured figures from the dependency parse
    weapons.py      weapons, interceptions and targets
"""

from __future__ import annotations

from ... import budget
from ...pipeline import Context, Stage
from .casualties import Finder
from .weapons import find_targets, find_weapons


class NumbersStage(Stage):
    name = "numbers"
    requires = ("doc",)
    assigns = ("sentences", "casualties", "weapons", "targets")

    def __call__(self, ctx: Context) -> Context:
        text = ctx.text
        finder = Finder(text)
        sentences: list[tuple[int, int]] = []
        casualties = []
        weapons = []
        targets = []
        for i, sent in enumerate(ctx.doc.sents):
            budget.check(self.name)
            sentences.append((sent.start_char, sent.end_char))
            if not _worth_reading(sent):
                continue
            for mention, inclusive, additional in finder.find(sent, i):
                mention.inclusive = inclusive
                mention.additional = additional
                casualties.append(mention)
            weapons.extend(find_weapons(sent, i, text))
            targets.extend(find_targets(sent, i, text))
        ctx.data["sentences"] = sentences
        ctx.data["casualties"] = casualties
        ctx.data["weapons"] = weapons
        ctx.data["targets"] = targets
        return ctx


def _worth_reading(sent) -> bool:  # type: ignore[no-untyped-def]
    """Skip sentences with no noun or verb (page chrome, lists of links)."""
    return len(sent) >= 2
