"""``sitreps extract``: articles in, ``sitreps/1`` records out.

Input is read lazily (see :mod:`sitreps.ingest.read`): a batch of any size streams through in
bounded memory, and every input line gives exactly one output line, a record or a failure row.
"""

from __future__ import annotations

import json
import sys
from typing import Any, Iterator

import click

from ..errors import InputError
from ..lang import LANGUAGES


@click.command("extract")
@click.argument("path")
@click.option("--published", help="Publication date (ISO, e.g. 2024-06-01): the anchor for relative dates.")
@click.option("--title", help="Article title, if the input does not carry one.")
@click.option("--url", help="Article URL, if the input does not carry one.")
@click.option("--input-format", "input_format", type=click.Choice(["auto", "text", "html", "jsonl"]), default="auto", show_default=True, help="How to read PATH.")
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "table"]), default="json", show_default=True, help="json: one indented record per document; jsonl: one record per line; table: the events as a terminal table.")
@click.option("--include-text", is_flag=True, help="Include the document text in the record.")
@click.option("--config", type=click.Path(dir_okay=False), help="TOML file with settings that override the defaults.")
@click.option("--lang", "language", type=click.Choice(["auto", *LANGUAGES]), default=None, help="Language of the documents (setting `language`, default auto: English, or experimental French, per document).")
def extract_cmd(path: str, published: str | None, title: str | None, url: str | None, input_format: str, fmt: str, include_text: bool, config: str | None, language: str | None) -> None:
    """Extract events from PATH (plain text, an HTML page, or JSON Lines of
    {id, text, published, title, url}); PATH - reads standard input.

    In JSON Lines, a line that cannot be read or extracted gives a failure row
    ({"failure": {document_id, stage, code, message, line}}) in its place and the rest goes on.
    Exit status: 0 all documents extracted, 1 some failed, 2 all failed or bad input."""
    from ..ingest import Rejected, read_input
    from ..pipeline import Extractor, Failure
    from ..settings import load_settings

    from ..ingest.text import parse_published

    if published is not None:
        parse_published(published)  # fail on a bad date before loading the model
    settings = load_settings(config, language=language)
    items = read_input(path, input_format, title=title, url=url, published=published, max_chars=settings.max_chars)
    first = next(items, None)
    if first is None:
        raise InputError(f"{path} holds no documents.", "S113")
    second = next(items, None)
    if second is None and isinstance(first, Rejected):
        raise first.error  # one document: its problem is the command's problem, said before loading the model
    if second is None:
        from ..ingest.text import check_item

        check_item(first, settings.max_chars)
    extractor = Extractor(settings)
    total = failed = 0
    for result in extractor.pipe(_chain(first, second, items)):
        total += 1
        if isinstance(result, Failure):
            failed += 1
            where = f"line {result.line}, " if result.line else ""
            click.echo(f"error: {result.message} ({where}document {_printable(result.document_id)})", err=True)
            if fmt != "table":
                _write(result.to_dict(), fmt)
            continue
        for warning in result.warnings:
            if "English" in warning or warning.startswith("experimental"):
                click.echo(f"warning: {warning}", err=True)
        if fmt == "table":
            from .table import print_events

            print_events(result)
        else:
            _write(result.to_dict(include_text=include_text), fmt)
    if failed == total:
        sys.exit(2)
    if failed:
        sys.exit(1)


def _chain(first: Any, second: Any, rest: Iterator[Any]) -> Iterator[Any]:
    yield first
    if second is not None:
        yield second
        yield from rest


def _write(data: dict[str, Any], fmt: str) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2 if fmt == "json" else None)
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def _printable(value: str, limit: int = 40) -> str:
    """An id as it may be shown on one terminal line: control characters, newlines and lone
    surrogates escaped, long ids cut."""
    shown = "".join(c if c.isprintable() else c.encode("unicode_escape", "backslashreplace").decode("ascii") for c in value[:limit])
    return shown + ("…" if len(value) > limit else "")
