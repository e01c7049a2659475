"""``sitreps ingest``: files, folders, URLs, feeds and WARC archives into the store."""

from __future__ import annotations

import sys

import click

from .query import db_option


@click.command("ingest")
@click.argument("inputs", nargs=-1, required=True)
@db_option
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="Extraction processes (each loads the model once).")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=32, show_default=True, help="Documents per committed batch.")
@click.option("--allow-private", is_flag=True, help="Allow URLs on private, loopback and link-local addresses.")
@click.option("--no-merge", is_flag=True, help="Store events without merging them into incidents.")
@click.option("--config", type=click.Path(dir_okay=False), help="TOML file with settings that override the defaults.")
def ingest_cmd(inputs: tuple[str, ...], db: str, workers: int, batch_size: int, allow_private: bool, no_merge: bool, config: str | None) -> None:
    """Extract events from INPUTS and store them, merged into incidents. INPUTS are text, HTML and
    JSON Lines files, folders (walked), RSS/Atom feeds, http(s) URLs and WARC(.gz) archives.

    A document that fails becomes a row of the store's failures and the run goes on. Run again after
    an interruption: stored documents are skipped, so nothing is lost or doubled. Exit code 0 when
    the run finished (failures are counted in the summary), 2 when nothing could be stored."""
    from ..merge import load_merge_settings
    from ..settings import load_settings
    from ..store import open_store, redact
    from ..store.ingest import IngestOptions, ingest
    from .progress import progress_bar
    from rich.progress import TextColumn

    store = open_store(db, merge_settings=load_merge_settings(load_settings(config)))
    before = store.counts()
    options = IngestOptions(workers=workers, batch_size=batch_size, allow_private=allow_private, merge=not no_merge, config=config)
    with progress_bar("documents", TextColumn("{task.fields[events]:,} events, {task.fields[failed]:,} failed")) as bar:
        task = bar.add_task("ingest", total=None, events=0, failed=0)

        def advance(counts) -> None:  # type: ignore[no-untyped-def]
            done = counts.documents + counts.failed + counts.skipped
            bar.update(task, completed=done, events=counts.events, failed=counts.failed)

        try:
            counts = ingest(store, inputs, options, progress=advance)
        finally:
            after = store.counts()
            store.close()
    click.echo(
        f"stored {after['documents'] - before['documents']:,} documents, {after['events'] - before['events']:,} events, "
        f"{after['incidents']:,} incidents in {redact(db)} ({after['incidents'] - before['incidents']:+,}); "
        f"{counts.failed:,} failed, {counts.skipped:,} already stored", err=True)
    if counts.failed and not counts.documents and not counts.skipped:
        sys.exit(2)
