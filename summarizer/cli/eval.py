"""``summarizer eval``: reproducible quality numbers (ROUGE against LEAD-3 on the same articles)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable

import click

from ..models import BACKENDS
from ..presets import LENGTHS
from ._common import friendly_errors, setup_logging


@click.group("eval")
def eval_group() -> None:
    """Measure summary and translation quality on labelled data."""


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
@click.option("--length", type=click.Choice(LENGTHS), default="medium", show_default=True,
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


@eval_group.command("translation")
@click.argument("source", type=click.Path(dir_okay=False))
@click.argument("reference", type=click.Path(dir_okay=False))
@click.option("--translation-model", default=None, help="Preset, hub id or folder [default: default].")
@click.option("--backend", type=click.Choice(BACKENDS), default=None, help="Inference backend.")
@click.option("--device", default=None, help="cpu, cuda, cuda:1, mps or auto.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Only the first N lines.")
@click.option("--no-guard", is_flag=True, help="Score the raw model output (no fidelity re-translation).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Also write the system's translations here, one per line.")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("-v", "--verbose", count=True, help="More logging on stderr.")
@friendly_errors
def translation_command(
    source: str, reference: str, translation_model: str | None, backend: str | None, device: str | None,
    limit: int | None, no_guard: bool, output: str | None, as_json: bool, verbose: int,
) -> None:  # fmt: skip
    """BLEU and chrF++ (sacrebleu) of a translation model on SOURCE (Indonesian) against REFERENCE.

    Both files hold one sentence per line, line-aligned, e.g. FLORES-200 devtest ind_Latn / eng_Latn.
    """
    import time

    from .. import Pipeline
    from ..eval import load_parallel, score_translation

    setup_logging(verbose)
    sources, references = load_parallel(source, reference, limit=limit)
    pipe = Pipeline(translation_model=translation_model, device=device, backend=backend, guard=not no_guard)
    translator = pipe.translator
    model_name = pipe.model_ids["translation"]
    with click.progressbar(length=len(sources), label="translating", file=sys.stderr) as bar:
        done = [0]

        def progress(n: int, total: int) -> None:
            bar.update(n - done[0])
            done[0] = n

        start = time.perf_counter()
        hypotheses, _ = translator.translate_sentences(sources, progress=progress)
        elapsed = time.perf_counter() - start
    if output:
        from pathlib import Path

        Path(output).write_text("".join(h.replace("\n", " ") + "\n" for h in hypotheses), "utf-8")
    report = score_translation(hypotheses, references, system=str(model_name), seconds=elapsed)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(f"{report.sentences} sentences, {report.system}")
    click.echo(f"BLEU   {report.bleu:6.2f}  {report.bleu_signature}")
    click.echo(f"chrF++ {report.chrf:6.2f}  {report.chrf_signature}")
    click.echo(f"seconds per sentence: {report.seconds_per_sentence:.4f}")
