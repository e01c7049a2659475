"""``sitreps extract``: articles in, ``sitreps/1`` records out."""

from __future__ import annotations

import json
import sys

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
    {id, text, published, title, url}); PATH - reads standard input."""
    from ..ingest import read_input
    from ..ingest.text import check_text, parse_published
    from ..pipeline import Extractor, Failure
    from ..settings import load_settings

    if published is not None:
        parse_published(published)  # fail on a bad date before loading the model
    items = list(read_input(path, input_format, title=title, url=url, published=published))
    if not items:
        raise InputError(f"{path} holds no documents.", "S113")
    settings = load_settings(config, language=language)
    if len(items) == 1:  # one article: its problem is the command's problem, said before loading the model
        check_text(items[0].get("text") or "", settings.max_chars)
    extractor = Extractor(settings)
    failed = 0
    out = sys.stdout
    for result in extractor.pipe(items):
        if isinstance(result, Failure):
            failed += 1
            click.echo(f"error: {result.message} (document {result.document_id[:16]})", err=True)
            if fmt == "jsonl":
                out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
            continue
        for warning in result.warnings:
            if "English" in warning or warning.startswith("experimental"):
                click.echo(f"warning: {warning}", err=True)
        data = result.to_dict(include_text=include_text)
        if fmt == "json":
            out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        elif fmt == "jsonl":
            out.write(json.dumps(data, ensure_ascii=False) + "\n")
        else:
            from .table import print_events

            print_events(result)
    if failed == len(items):
        sys.exit(2)
    if failed:
        sys.exit(1)
