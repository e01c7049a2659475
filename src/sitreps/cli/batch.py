"""``sitreps batch``: extraction over many files on a Dask cluster, into Parquet partitions."""

from __future__ import annotations

import sys

import click

#: failure rows listed at the end of a run (all of them are in failures/*.parquet)
SHOWN = 20


@click.command("batch")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--out", required=True, type=click.Path(file_okay=False), help="Output folder: documents/, events/, failures/ and _manifest.jsonl.")
@click.option("--scheduler", metavar="ADDR", help="Address of a running Dask scheduler (tcp://HOST:8786). Default: start a local cluster.")
@click.option("--workers", type=click.IntRange(1), help="Worker processes of the local cluster (one thread each). Default: one per core.")
@click.option("--memory-limit", default="auto", show_default=True, help="Memory per local worker (e.g. 4GB); a worker above it is restarted and its document becomes a failure row.")
@click.option("--partition-size", type=click.IntRange(1), default=200, show_default=True, help="Documents per partition (the unit of work, output file and restart). Keep it across reruns.")
@click.option("--retries", type=click.IntRange(0), default=1, show_default=True, help="Times a failed partition is tried again before its documents are tried one by one.")
@click.option("--worker-wait", type=click.FloatRange(1), default=300, show_default=True, metavar="SECONDS",
              help="Stop the run (S712) when the cluster has had no worker this long; a rerun goes on from the partitions written.")
@click.option("--no-text", is_flag=True, help="Leave document text out of documents/*.parquet (smaller; `sitreps load` then stores no text).")
@click.option("--config", type=click.Path(dir_okay=False), help="TOML file with settings that override the defaults (read by every worker).")
def batch_cmd(inputs: tuple[str, ...], out: str, scheduler: str | None, workers: int | None, memory_limit: str, partition_size: int,
              retries: int, worker_wait: float, no_text: bool, config: str | None) -> None:
    """Extract every document of INPUTS (directories, JSON Lines, WARC/WARC.gz, text or HTML files)
    on a Dask cluster into Parquet tables under --out (schema: docs/batch.md). A rerun into the same
    --out skips partitions already finished. Exit 1 if some inputs failed, 2 if all did."""
    import logging

    from rich.console import Console

    from ..batch.dask import run
    from ..errors import BatchError

    if scheduler and workers:
        raise BatchError("give --scheduler (an existing cluster) or --workers (a local one), not both.", "S708")
    if not logging.getLogger().isEnabledFor(logging.INFO):  # -v shows the cluster's own log lines
        for name in ("distributed", "bokeh", "tornado"):
            logging.getLogger(name).setLevel(logging.ERROR)
    err = Console(stderr=True)
    reporter = _ProgressReporter(err)
    try:
        summary = run(list(inputs), out, scheduler=scheduler, workers=workers, partition_size=partition_size, config=config,
                      include_text=not no_text, memory_limit=memory_limit,
                      retries=retries, reporter=reporter, worker_wait=worker_wait)
    finally:
        reporter.stop()
    _report(err, summary)
    if summary.failures and not summary.documents:
        sys.exit(2)
    if summary.failures:
        sys.exit(1)


class _ProgressReporter:
    """A rich progress bar fed by the runner as partitions come back from the cluster."""

    def __init__(self, console):
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

        self.console = console
        self.progress = Progress(TextColumn("documents"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]} docs/s"),
                                 TextColumn("{task.fields[failed]} failed"), TimeElapsedColumn(), TimeRemainingColumn(),
                                 console=console, transient=False)
        self.task = None
        self.failed = 0

    def start(self, total_documents: int, partitions: int, skipped: int, dashboard: str | None) -> None:
        if dashboard:
            self.console.print(f"Dask dashboard: {dashboard}")
        if skipped:
            self.console.print(f"{skipped} partitions finished by an earlier run: skipped")
        if not partitions:
            return
        self.console.print(f"{partitions} partitions, {total_documents} documents to extract")
        self.progress.start()
        self.task = self.progress.add_task("extract", total=total_documents, rate="0.0", failed=0)

    def partition(self, result) -> None:
        self.failed += result.failures
        self.progress.advance(self.task, result.documents + result.failures)
        done = self.progress.tasks[0].completed
        if done > (self.progress.tasks[0].total or 0):  # a damaged file's tail adds a failure row
            self.progress.update(self.task, total=done)
        task = self.progress.tasks[0]
        speed = task.completed / task.elapsed if task.elapsed else 0.0  # across the cluster, since the start
        self.progress.update(self.task, rate=f"{speed:.1f}", failed=self.failed)

    def stop(self) -> None:
        if self.task is not None:
            self.progress.stop()


def _report(console, summary) -> None:
    from rich.table import Table

    console.print(f"{summary.documents} documents, {summary.events} events, {summary.failures} failed "
                  f"in {summary.seconds:.1f} s ({summary.docs_per_second:.2f} docs/s); "
                  f"{len(summary.results)} partitions written, {summary.skipped} skipped")
    failed = [r for r in summary.results if r.failures]
    if failed:
        table = Table(title="failures by partition (rows in failures/<partition>.parquet)")
        for name in ("partition", "first input", "documents", "failed", "retried on rerun"):
            table.add_column(name)
        for r in failed:
            table.add_row(r.id, r.label, str(r.documents), str(r.failures), "no" if r.final else "yes")
        console.print(table)
        rows = [row for r in failed for row in r.failed]
        for where, code, message in rows[:SHOWN]:
            console.print(f"failed: {where} [{code}] {message.removeprefix(f'[{code}] ')[:160]}", markup=False, highlight=False, soft_wrap=True)
        if len(rows) > SHOWN:
            console.print(f"… and {len(rows) - SHOWN} more in failures/*.parquet")
