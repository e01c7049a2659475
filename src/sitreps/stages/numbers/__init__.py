"""``numbers``: casualty figures, weapons (with interceptions) and struck targets.

Works sentence by sentence over the parsed Doc and leaves mentions in ``Context.data``
(see :mod:`sitreps.text.mentions`): ``sentences`` (char spans of ``doc.sents``),
``casualties``, ``weapons`` and ``targets``. The events stage turns them into event values.

    quantities.py   numbers in digits and words, vague quantities, qualifiers
    casualties.py   killed / injured figures from the dependency parse
    weapons.py      weapons, interceptions and targets
"""

from __future__ import annotations

from ...contract import Context, Stage
from ...lang import of_model
from .casualties import Finder
from .weapons import find_targets, find_weapons


class NumbersStage(Stage):
    name = "numbers"
    requires = ("doc",)
    assigns = ("sentences", "casualties", "weapons", "targets")

    def __call__(self, ctx: Context) -> Context:
        text = ctx.text
        finder = Finder(text, of_model(self.nlp))  # the casualty words and patterns of the model's language
        sentences: list[tuple[int, int]] = []
        casualties = []
        weapons = []
        targets = []
        for i, sent in enumerate(ctx.doc.sents):
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
