"""``summarizer eval``: reproducible quality numbers (ROUGE against LEAD-3 on the same articles)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable

import click

from ._common import friendly_errors, setup_logging


@click.group("eval")
def eval_group() -> None:
    """Measure summary quality on labelled data."""


def _summariser(model: str, length: str) -> Callable[[str], str | list[str]]:
    if model == "extractive":
        from ..summarize.extractive import extractive_summary

        return lambda text: extractive_summary(text, length=length)
    # Abstractive presets go through the public pipeline so the numbers are what users get.
    from .. import Pipeline

    pipe = Pipeline(summary_model=model)
    return pipe.summarize


@eval_group.command("indosum")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--summary-model", default="extractive", show_default=True, help="Summariser preset, hub id or path."
)
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Only the first N articles.")
@click.option("--length", type=click.Choice(["short", "medium", "long"]), default="medium", show_default=True,
              help="Extractive summary length.")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("-v", "--verbose", count=True, help="More logging on stderr.")
@friendly_errors
def indosum_command(
    file: str, summary_model: str, limit: int | None, length: str, as_json: bool, verbose: int
) -> None:
    """ROUGE-1/2/L F1 of a summariser and of LEAD-3 on an IndoSum-format FILE.jsonl."""
    from ..eval import evaluate, load_indosum

    setup_logging(verbose)
    articles = load_indosum(file, limit=limit)
    summarize = _summariser(summary_model, length)
    with click.progressbar(length=len(articles), label="summarising", file=sys.stderr) as bar:

        def progress(items):
            for item in items:
                yield item
                bar.update(1)

        report = evaluate(articles, summarize, system=summary_model, progress=progress)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(f"{report.articles} articles from {file}  (ROUGE F1 x100, lower-cased word/punct tokens)")
    click.echo(f"{'system':<28}{'R1':>8}{'R2':>8}{'RL':>8}")
    for name, scores in ((summary_model, report.scores), ("LEAD-3", report.lead3)):
        click.echo(f"{name:<28}" + "".join(f"{scores[k]:>8.2f}" for k in ("rouge1", "rouge2", "rougeL")))
    click.echo(f"seconds per article ({summary_model}): {report.seconds_per_article:.4f}")
