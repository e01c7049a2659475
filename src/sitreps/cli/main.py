"""``sitreps``: the command group, and the one place where errors become a line and an exit code."""

from __future__ import annotations

import importlib
import logging
import os
import sys

import click

from ..version import __version__
from ..errors import SitrepsError

#: verb -> module:function, imported only when the verb is used (keeps `sitreps --help` fast).
VERBS = {
    "batch": "sitreps.cli.batch:batch_cmd",
    "extract": "sitreps.cli.extract:extract_cmd",
    "eval": "sitreps.cli.eval:eval_cmd",
    "gazetteer": "sitreps.cli.gazetteer:gazetteer_cmd",
    "ingest": "sitreps.cli.ingest:ingest_cmd",
    "load": "sitreps.cli.load:load_cmd",
    "events": "sitreps.cli.events:events_cmd",
    "incidents": "sitreps.cli.incidents:incidents_cmd",
    "serve": "sitreps.cli.serve:serve_cmd",
    "train": "sitreps.cli.train:train_cmd",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(VERBS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = VERBS.get(name)
        if target is None:
            return None
        module, _, attr = target.partition(":")
        try:
            return getattr(importlib.import_module(module), attr)
        except ModuleNotFoundError:
            return None

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except SitrepsError as exc:
            if ctx.meta.get("sitreps.debug"):
                raise
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)
        except BrokenPipeError:  # the reader went away (`sitreps events | head`): stop quietly
            _silence_stdout()
            sys.exit(141)  # 128 + SIGPIPE, what a shell reports for a tool stopped by a closed pipe
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort, SystemExit):
            raise
        except Exception as exc:  # an unexpected bug: one line unless --debug
            if ctx.meta.get("sitreps.debug"):
                raise
            click.echo(f"error: [S999] internal error: {type(exc).__name__}: {exc}. Re-run with --debug and report it.", err=True)
            sys.exit(3)


@click.group(cls=LazyGroup)
@click.version_option(__version__, prog_name="sitreps")
@click.option("--debug", is_flag=True, help="Show full tracebacks instead of one-line errors.")
@click.option("-v", "--verbose", count=True, help="More log output (-v info, -vv debug).")
@click.pass_context
def cli(ctx: click.Context, debug: bool, verbose: int) -> None:
    """sitreps: conflict news in, structured and sourced event data out."""
    ctx.meta["sitreps.debug"] = debug
    logging.basicConfig(level=[logging.WARNING, logging.INFO, logging.DEBUG][min(verbose, 2)], format="%(levelname)s %(name)s: %(message)s")


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that flushing it at exit does not fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file descriptor (a test runner's stdout)
        pass
