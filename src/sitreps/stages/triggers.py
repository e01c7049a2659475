"""``triggers``: not written yet (bootstrap stub, replaced by the stage's real implementation)."""

from __future__ import annotations

from ..pipeline import Context, Stage


class TriggersStage(Stage):
    name = "triggers"
    requires = ("doc","sentences",)
    assigns = ("triggers",)

    def __call__(self, ctx: Context) -> Context:
        for key in self.assigns:
            ctx.data.setdefault(key, [])
        return ctx
