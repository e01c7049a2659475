"""``entities``: spaCy's named entities, as record entities with their spans."""

from __future__ import annotations

from ..contract import Context, Stage
from ..parse import ents_of
from ..record import Entity


class EntitiesStage(Stage):
    name = "entities"
    reads = ("doc",)
    writes = ("entities",)

    def __call__(self, ctx: Context) -> None:
        ctx.entities = [
            Entity(label=ent.label_, text=ent.text, start=ent.start_char, end=ent.end_char)
            for ent in ents_of(ctx.doc)
        ]
