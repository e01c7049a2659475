"""``sitreps eval`` and ``sitreps eval gate``: scores on annotated data, and the floors CI holds."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click


class EvalGroup(click.Group):
    """``sitreps eval NAME …`` runs a data set; ``sitreps eval gate`` checks the pinned floors."""

    def resolve_command(self, ctx: click.Context, args: list[str]):  # type: ignore[override]
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            return "run", self.commands["run"], args
        return super().resolve_command(ctx, args)


@click.group("eval", cls=EvalGroup, invoke_without_command=False)
def eval_cmd() -> None:
    """Measure sitreps on an annotated data set: `sitreps eval NAME --data DIR`,
    or check every pinned floor: `sitreps eval gate`."""


@eval_cmd.command("run")
@click.argument("name")
@click.option("--data", "data_dir", required=True, type=click.Path(), help="Folder laid out like shared/data/NAME.")
@click.option("--json", "json_out", type=click.Path(dir_okay=False), help="Write {dataset, n, metrics} here.")
@click.option("--limit", type=int, help="Use only the first N items.")
@click.option("--no-cache", is_flag=True, help="Parse again instead of reusing cached spaCy parses.")
@click.option("--full-models", is_flag=True, help="Apply the shipped models fitted on all the development data (scores on "
              "their own training data: not honest). By default each document gets the models fitted without its fold.")
def run_cmd(name: str, data_dir: str, json_out: str | None, limit: int | None, no_cache: bool, full_models: bool) -> None:
    """Score sitreps on data set NAME (`sitreps eval NAME --data DIR` is short for this): prints a
    metrics table; --json writes {dataset, n, metrics, details}."""
    from rich.console import Console
    from rich.table import Table

    from ..evaluation import run_eval

    result = run_eval(name, data_dir, limit=limit, use_cache=not no_cache, progress=sys.stderr.isatty(), full_models=full_models)
    table = Table(title=f"{result.dataset} (n={result.n})")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for key, value in result.metrics.items():
        table.add_row(key, f"{value:.4f}")
    Console().print(table)
    if json_out:
        Path(json_out).write_text(json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


@eval_cmd.command("gate")
@click.option("--data-root", default="../shared/data", show_default=True, type=click.Path(), help="Folder holding one sub-folder per data set.")
@click.option("--baseline", type=click.Path(dir_okay=False), help="Floors file (default: the one in the package).")
@click.option("--only", multiple=True, help="Check only these data sets.")
@click.option("--lower-floors", is_flag=True, help="Rewrite floors that dropped to the new scores (needs --reason).")
@click.option("--raise-floors", is_flag=True, help="Rewrite floors that a better score passed to that score, so the gain is held.")
@click.option("--reason", help="Why a floor moves; goes into the baseline file.")
def gate_cmd(data_root: str, baseline: str | None, only: tuple[str, ...], lower_floors: bool, raise_floors: bool, reason: str | None) -> None:
    """Run every data set in the baseline on its pinned sample and fail if a score is below its floor."""
    from ..evaluation.gate import run_gate

    ok = run_gate(data_root, baseline, only=only, lower_floors=lower_floors, reason=reason, echo=click.echo, raise_floors=raise_floors)
    if not ok:
        sys.exit(1)
