"""Progress bars with a rate (documents/s, rows/s) on standard error, hidden when it is not a terminal."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.progress import Progress, ProgressColumn, SpinnerColumn, Task, TextColumn, TimeElapsedColumn
from rich.text import Text


class RateColumn(ProgressColumn):
    def __init__(self, unit: str):
        super().__init__()
        self.unit = unit

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.1f} {self.unit}/s" if speed else f"- {self.unit}/s", style="progress.data.speed")


def progress_bar(unit: str, *extra: ProgressColumn) -> Progress:
    """A bar counting ``unit`` with its rate; ``extra`` columns may show task fields."""
    return Progress(SpinnerColumn(), TextColumn("{task.completed:,} " + unit), RateColumn(unit), *extra, TimeElapsedColumn(),
                    console=Console(stderr=True), transient=False, disable=not sys.stderr.isatty())
