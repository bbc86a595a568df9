"""``summarizer run``: one article in, summary and translation out."""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Callable, Iterator

import click

from ..presets import LENGTHS
from ..results import ArticleResult, ResultWarning
from ._common import friendly_errors, raw_input_limit, read_input_bytes, setup_logging
from .options import input_format_option, model_options, pipeline_from_options

#: ``--format`` values; the sentence formats list every sentence, so they translate the whole article.
SENTENCE_FORMATS = ("aligned", "jsonl")
OUTPUT_FORMATS = ("text", "json", *SENTENCE_FORMATS)


@click.command("run")
@click.argument("source", default="-", metavar="[FILE|-]")
@model_options
@click.option("--full", is_flag=True, help="Also translate the whole article, sentence by sentence.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(OUTPUT_FORMATS),
    default="text",
    show_default=True,
    help="Output format on stdout: aligned = TSV with one row per sentence, jsonl = one sentence per "
    "line (both translate the whole article).",
)
@input_format_option("How to read the input.")
@click.option(
    "--length", type=click.Choice(LENGTHS), default=None, show_default="medium",
    help="Summary length.",
)  # fmt: skip
@click.option("-v", "--verbose", count=True, help="More logging on stderr.")
@friendly_errors
def run_command(
    source: str, full: bool, fmt: str, input_format: str, length: str | None, verbose: int, **models
):
    """Summarise (Indonesian) and translate (English) one article from FILE or stdin."""
    setup_logging(verbose)
    data, _name = read_input_bytes(source, raw_input_limit(models.get("max_chars")))
    pipe = pipeline_from_options(**models)
    full = full or fmt in SENTENCE_FORMATS
    with _progress_bar() as progress:
        result = pipe.run(data, full=full, length=length, format=input_format, progress=progress)
    for w in result.warnings:
        click.echo(format_warning(w), err=True)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    elif fmt in SENTENCE_FORMATS:
        from ..aligned import to_jsonl, to_tsv

        click.echo(to_tsv(result) if fmt == "aligned" else to_jsonl(result), nl=False)
    else:
        click.echo(render_text(result))
    sys.stdout.flush()


def render_text(result: ArticleResult) -> str:
    parts = [
        "# Ringkasan (Indonesian summary)",
        result.summary_id,
        "",
        "# Summary (English)",
        result.summary_en,
    ]
    if result.translation_en is not None:
        parts += ["", "# Translation (English)", result.translation_en]
    return "\n".join(parts)


@contextlib.contextmanager
def _progress_bar() -> Iterator[Callable[[int, int], None] | None]:
    """A translation progress bar on stderr, only when a person is watching it."""
    if not sys.stderr.isatty():
        yield None
        return
    from tqdm import tqdm

    bar = tqdm(total=0, unit="part", desc="translating", file=sys.stderr, leave=False, delay=1.0)

    def update(done: int, total: int) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()

    try:
        yield update
    finally:
        bar.close()


def format_warning(w: ResultWarning) -> str:
    """One line a reader can act on: where (stage), what (code, message) and in which sentence."""
    # The target (summary_en, translation_en, ...) tells apart one sentence's warnings in two outputs.
    place = getattr(w, "target", None) or w.stage
    where = f"{place}/" if place else ""
    line = f"warning [{where}{w.code}]: {w.message}"
    source = getattr(w, "source", None)
    if source:
        line += f' (in: "{source[:70]}{"…" if len(source) > 70 else ""}")'
    elif w.span and w.span not in w.message:
        line += f" ({w.span!r})"
    return line
