"""``summarizer clean``: print an article's cleaned text, and optionally what was cut."""

from __future__ import annotations

import json

import click

from ..text import clean_article, decode_bytes
from ..text.clean import FORMATS
from ._common import friendly_errors, raw_input_limit, read_input_bytes, setup_logging
from .options import input_format_option


@click.command("clean")
@click.argument("source", default="-", metavar="[FILE|-]")
@input_format_option("How to read the input (auto: HTML when it clearly holds tags).")
# The old spelling, kept for existing scripts; hidden because `run --format` means the output format.
@click.option("--format", "legacy_format", type=click.Choice(FORMATS), hidden=True)
@click.option("--show-removed", is_flag=True, help="List every cut (rule and exact text) on stderr.")
@click.option("--json", "as_json", is_flag=True, help="Print the whole CleanResult as JSON on stdout.")
@click.option("-v", "--verbose", count=True, help="More logging on stderr.")
@friendly_errors
def clean_command(
    source: str,
    input_format: str,
    legacy_format: str | None,
    show_removed: bool,
    as_json: bool,
    verbose: int,
) -> None:
    """Clean one scraped news article from FILE or stdin; the cleaned text goes to stdout."""
    setup_logging(verbose)
    fmt = legacy_format or input_format
    data, name = read_input_bytes(source, raw_input_limit(None))
    text, decode_warnings = decode_bytes(data, name=name)
    result = clean_article(text, format=fmt)
    for w in (*decode_warnings, *result.warnings):
        click.echo(f"warning [{w.code}]: {w.message}", err=True)
    if show_removed:
        for cut in result.removed:
            click.echo(f"removed [{cut.rule}]: {cut.text}", err=True)
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    elif result.text:
        click.echo(result.text)
