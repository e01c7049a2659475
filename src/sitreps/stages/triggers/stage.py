"""``triggers``: the words that tell an event, each typed in PLOVER and ACLED.

Verbs and event nouns ("strike", "shelling", "clashes", "abducted", "rally", "ceasefire",
"talks" …) are looked up in a lexicon (:mod:`sitreps.stages.triggers.lexicon`), refined by
the word beside them ("shot *down*", "*suicide* bombing", "hold *talks*"), and typed from
their sentence by the context rules (:mod:`sitreps.stages.triggers.context`): a strike by
drones is an air strike, an attack on villagers is violence against civilians, a rally that
police dispersed with tear gas is a protest with intervention. Each trigger is flagged
negated / hypothetical / future from the parse ("did not attack", "threatened to strike",
"will hold talks"); the events stage does not code those as having happened. An explosion the
rules read as an accident ("gas containers exploded during a fire") is no trigger: its token goes
to ``accidents``, which the events stage lists in the record's ``hazards``.

Works over the already parsed Doc: a dictionary lookup per token and a few cue sets per
sentence that holds a trigger.
"""

from __future__ import annotations

from pydantic import Field

from ...contract import Context, Stage
from ...lang import of_model
from ...settings import StageSettings
from .typer import CONSEQUENCE_BELOW, TriggerFinder


class TriggersOptions(StageSettings):
    """``[stages.triggers]``"""

    #: a casualty or damage word ("killed", "toll") scored below this tells only the consequence of an
    #: incident, so another trigger types the event; tied to the lexicon's base scores
    consequence_below: float = Field(CONSEQUENCE_BELOW, ge=0.0, le=1.0)


class TriggersStage(Stage):
    name = "triggers"
    reads = ("doc",)
    writes = ("triggers", "accidents")
    Options = TriggersOptions

    def __init__(self, settings, nlp):  # type: ignore[no-untyped-def]
        super().__init__(settings, nlp)
        # the rules of the model's language
        self.finder = TriggerFinder(of_model(nlp), self.options.consequence_below)

    def __call__(self, ctx: Context) -> None:
        accidents: list[int] = []
        ctx.triggers = self.finder.find(ctx.doc, accidents)
        ctx.accidents = accidents
