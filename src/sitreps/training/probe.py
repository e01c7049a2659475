"""What the pipeline hands a trained stage, captured at training time.

A trainer runs the stages before its own (the other trained decisions out of fold, parses cached
like ``sitreps eval``'s) with a probe appended that keeps, for each document, what the stage's own
feature function returns on that context: the model is then fitted on exactly what it sees in
the pipeline.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ..contract import Context, Stage


class _Probe(Stage):
    name = "training_probe"

    def __init__(self, settings: Any, nlp: Any, reads: Sequence[str], reads_if_present: Sequence[str],
                 capture: Callable[[Context], Any], sink: dict[str, Any]):
        super().__init__(settings, nlp)
        self.reads, self.reads_if_present = tuple(reads), tuple(reads_if_present)  # what ``capture`` reads
        self.capture, self.sink = capture, sink

    def __call__(self, ctx: Context) -> None:
        self.sink[ctx.document.id] = self.capture(ctx)


def probe(data_dir: Path, name: str, items: list[dict[str, Any]], before: str, capture: Callable[[Context], Any], *,
          reads: Sequence[str], reads_if_present: Sequence[str] = (), empty: Any = None,
          progress: bool = False) -> Iterator[tuple[dict[str, Any], Any]]:
    """For each ``{id, text, published, ...}`` item of data set ``name``: the item and what
    ``capture`` returns after the stages before stage ``before`` ran on it (``empty`` for a
    document that gave nothing). ``reads`` are the context slots ``capture`` reads."""
    from ..evaluation.harness import EvalContext
    from ..learn import out_of_fold
    from ..settings import load_settings

    order = list(load_settings().stages)
    upstream = order[: order.index(before)] if before in order else order
    ctx = EvalContext(name=name, data_dir=data_dir, progress=progress)
    ex = ctx.extractor(upstream)
    sink: dict[str, Any] = {}
    ex.stages.append(_Probe(ex.settings, ex.nlp, reads, reads_if_present, capture, sink))
    with out_of_fold():
        records = ctx.records(items, upstream)
        for item, _record in zip(items, ctx.track(records, total=len(items), what=f"rows before {before}") if progress else records):
            yield item, sink.pop(item["id"], empty)
