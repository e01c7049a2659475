"""``sitreps load``: the Parquet output of ``sitreps batch`` into the store, merged into incidents."""

from __future__ import annotations

import sys

import click

from .query import db_option, stored_line


@click.command("load")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@db_option
@click.option("--batch-size", type=click.IntRange(1, 100_000), default=500, show_default=True, help="Documents per committed batch.")
@click.option("--no-merge", is_flag=True, help="Store events without merging them into incidents.")
@click.option("--config", type=click.Path(dir_okay=False), help="TOML file with settings that override the defaults ([merge] settings).")
def load_cmd(folder: str, db: str, batch_size: int, no_merge: bool, config: str | None) -> None:
    """Bulk-load FOLDER, the output of `sitreps batch`, into the store and merge its events into
    incidents. Documents already stored are skipped, so loading again (after an interruption, or
    a rerun of the batch) loses and doubles nothing. Exit 2 when FOLDER held nothing to store."""
    from rich.progress import BarColumn, TextColumn

    from ..batch.load import documents_in, load
    from ..merge import load_merge_settings
    from ..settings import load_settings
    from ..store import open_store
    from .progress import progress_bar

    store = open_store(db, merge_settings=load_merge_settings(load_settings(config)))
    before = store.counts()
    with progress_bar("documents", BarColumn(), TextColumn("{task.fields[events]:,} events, {task.fields[failed]:,} failed")) as bar:
        task = bar.add_task("load", total=documents_in(folder), events=0, failed=0)

        def advance(counts) -> None:  # type: ignore[no-untyped-def]
            bar.update(task, completed=counts.documents + counts.failed + counts.skipped, events=counts.events, failed=counts.failed)

        try:
            counts = load(store, folder, batch_size=batch_size, merge=not no_merge, progress=advance)
        finally:
            after = store.counts()
            store.close()
    click.echo(stored_line(db, before, after, counts.failed, counts.skipped), err=True)
    if not (counts.documents or counts.skipped):
        sys.exit(2)
