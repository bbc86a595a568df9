"""``summarizer batch SRC DST``: every article under a folder, resumable, locally or on Ray."""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from dataclasses import fields
from typing import Any

import click

from ..batch.options import ENGINES
from ..errors import BatchLockedError
from ..presets import LENGTHS
from ._common import EXIT_USER_ERROR, friendly_errors, setup_logging
from .options import model_options


class _Limit(click.FloatRange):
    """A finite number above ``above``; with ``scale``, in the option's unit (MB, GB) handed on as bytes."""

    def __init__(self, above: float, scale: int) -> None:
        super().__init__(min=above, min_open=True)
        self.scale = scale

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx) * (self.scale or 1)
        if not math.isfinite(number) or number > 2**62:  # nan passes the range check; inf disables it
            self.fail(f"{value!r} is not a usable limit", param, ctx)
        return max(1, int(number)) if self.scale else number


def _limit(
    name: str, field: str, default: float, *, help: str, scale: int = 0, above: float = 0
) -> Callable[[Any], Any]:
    """A size or ratio limit stored in the BatchOptions ``field``, its default shown in --help."""
    return click.option(name, field, type=_Limit(above, scale), default=default, show_default=True, help=help)


@click.command("batch")
@click.argument("src", type=click.Path(exists=True, file_okay=False, dir_okay=True))
@click.argument("dst", type=click.Path(file_okay=False, dir_okay=True))
@click.option(
    "--glob",
    "globs",
    multiple=True,
    metavar="PATTERN",
    help="Only files whose path relative to SRC (or name) matches, e.g. '*.jsonl', 'kompas/2024-*'. "
    "Repeatable.",
)
@click.option(
    "--full", is_flag=True, help="Also translate every article in full (and write a readable .en.txt)."
)
@click.option(
    "--aligned",
    is_flag=True,
    help="Also write <file>.aligned.tsv next to each output: one row per sentence (implies --full).",
)
@click.option(
    "--text-field",
    default=None,
    metavar="NAME",
    help="Field/column with the article in .json/.jsonl/.csv (default: text, content, body, isi, article).",
)
@click.option(
    "--length", type=click.Choice(LENGTHS), default=None, show_default="medium",
    help="Summary length.",
)  # fmt: skip
@model_options
@click.option("--force", is_flag=True, help="Redo every article, even those already finished.")
@click.option("--engine", type=click.Choice(ENGINES), default="local", show_default=True)
@click.option(
    "--ray-address", default=None, metavar="ADDR", help="Ray cluster to join (e.g. ray://head:10001)."
)
@click.option(
    "--ray-actors", type=click.IntRange(min=1), default=None, help="Ray actors (default: one per GPU)."
)
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=16,
    show_default=True,
    help="Articles per batch; their sentences share model calls.",
)
@_limit(
    "--max-file-mb", "max_file_bytes", 256.0, scale=1024**2,
    help="Larger input files are recorded as failed, not read. Inside archives (.zip, .tar.gz, .gz, "
    "WARC) this limits each member's or record's uncompressed size.",
)  # fmt: skip
@_limit(
    "--max-archive-gb", "max_archive_bytes", 32.0, scale=1024**3,
    help="Stop reading an archive after this many uncompressed GB (the rest is recorded as failed).",
)  # fmt: skip
@_limit(
    "--max-ratio", "max_archive_ratio", 200.0,
    help="Archive members that inflate more than this many times are refused as compression bombs.", above=1,
)  # fmt: skip
@click.option(
    "--language",
    "languages",
    multiple=True,
    type=click.Choice(["id", "ms", "en", "und"], case_sensitive=False),
    help="Only summarise articles detected in this language (und: undetermined); the others are "
    "recorded as skipped_language. Repeatable. Default: all.",
)
@click.option(
    "-q", "--quiet", is_flag=True, help="No progress bar or logs (for cron); the summary still prints."
)
@click.option("-v", "--verbose", count=True, help="More logging on stderr.")
@friendly_errors
def batch_command(quiet: bool, verbose: int, **given: Any) -> None:
    """Summarise and translate every article under SRC into DST (mirrored, one JSON per input file).

    Archives are read too: WARC/ARC web archives (one article per HTML page), .zip, .tar(.gz) and
    single-file .gz (each member like a loose file); one JSON per archive.

    Re-running the same command resumes: finished articles are skipped. Exit code 0 when all
    succeeded, 1 when some failed (see DST/errors.jsonl) or DST cannot be written, 2 on usage errors
    or while another batch run holds DST, 130 when interrupted.
    """
    setup_logging(verbose, quiet)
    from ..batch import BatchOptions, run_batch_job
    from .options import pipeline_from_options

    # Each batch option is stored under its BatchOptions field name; the rest are the model options.
    batch_fields = {f.name for f in fields(BatchOptions)} & given.keys()
    if given["ray_address"] and given["engine"] != "ray":
        raise click.UsageError("--ray-address needs --engine ray")
    models = {name: value for name, value in given.items() if name not in batch_fields}
    pipe = pipeline_from_options(**models)  # validates model names and options as usage errors
    try:
        options = BatchOptions(**{name: given[name] for name in batch_fields}, pipeline=pipe.options)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    try:
        summary = run_batch_job(options, progress=not quiet)
    except BatchLockedError as exc:
        # Not a failure of this run's work: like a usage error, nothing was done (exit 2).
        click.echo(f"Error: {exc.message}", err=True)
        click.echo(f"Hint: {exc.hint}", err=True)
        sys.exit(EXIT_USER_ERROR)
    click.echo(summary.line())
    sys.stdout.flush()
    if summary.error:  # the run stopped (a model could not load): say how to fix it, as other errors do
        click.echo(f"Error: {summary.error['message']}", err=True)
        if summary.error.get("hint"):
            click.echo(f"Hint: {summary.error['hint']}", err=True)
    if summary.exit_code:
        sys.exit(summary.exit_code)


__all__ = ["batch_command"]
