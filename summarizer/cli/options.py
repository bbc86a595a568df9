"""Model options shared by every command that runs models (run, batch, serve, eval)."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import click

from ..models import BACKENDS
from ..models.ct2 import COMPUTE_TYPES
from ..options import PipelineOptions
from ..presets import DEFAULT_MAX_CHARS
from ..text.clean import FORMATS as INPUT_FORMATS

if TYPE_CHECKING:
    from ..pipeline import Pipeline

__all__ = ["input_format_option", "model_options", "options_from_cli", "pipeline_from_options"]


def input_format_option(help: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--input-format`` (auto, text, html) for commands that read one article."""
    return click.option(
        "--input-format", type=click.Choice(INPUT_FORMATS), default="auto", show_default=True, help=help
    )


def model_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add --summary-model, --translation-model, --device, --backend, --compute-type, --max-chars."""
    decorators = [
        click.option(
            "--summary-model",
            default=None,
            metavar="M",
            show_default="$SUMMARIZER_SUMMARY_MODEL, else auto",
            help="Preset (default, fast), 'extractive', 'auto', hub id or local folder.",
        ),
        click.option(
            "--translation-model",
            default=None,
            metavar="M",
            show_default="$SUMMARIZER_TRANSLATION_MODEL, else default",
            help="Preset, hub id or local folder.",
        ),
        click.option(
            "--device",
            default=None,
            metavar="D",
            show_default="$SUMMARIZER_DEVICE, else auto",
            help="auto, cpu, cuda, cuda:N.",
        ),
        click.option(
            "--backend",
            type=click.Choice(BACKENDS),
            default=None,
            show_default="$SUMMARIZER_BACKEND, else transformers",
            help="Inference backend.",
        ),
        click.option(
            "--compute-type",
            type=click.Choice(COMPUTE_TYPES, case_sensitive=False),
            default="default",
            show_default=True,
            help="CTranslate2 compute type.",
        ),
        click.option(
            "--max-chars",
            type=click.IntRange(min=1),
            default=None,
            show_default=str(DEFAULT_MAX_CHARS),
            help="Largest input accepted, in characters of cleaned text.",
        ),
        click.option(
            "--no-guard",
            is_flag=True,
            default=False,
            help="Only check fidelity; skip the guard's re-translation of bad sentences (faster).",
        ),
        click.option(
            "--glossary",
            type=click.Path(dir_okay=False),
            default=None,
            metavar="FILE",
            help="TSV/CSV of 'Indonesian term, English rendering' enforced in every translation.",
        ),
        click.option(
            "--min-confidence",
            type=click.FloatRange(0.0, 1.0),
            default=None,
            metavar="C",
            help="Warn (low_confidence) about sentences whose model confidence is below C "
            "[default: 0.3; 0 turns it off].",
        ),
    ]
    return functools.reduce(lambda f, d: d(f), reversed(decorators), func)


def options_from_cli(no_guard: bool = False, **values: Any) -> PipelineOptions:
    """The one mapping from the shared command-line options to :class:`PipelineOptions`.

    Every option of :func:`model_options` but ``--no-guard`` is named after its field; further fields
    (``summary_length``) may be passed too. ``None`` means the default; bad values become usage errors.
    """
    with _usage_errors():
        return PipelineOptions.given(guard=not no_guard, **values)


def pipeline_from_options(**cli_values: Any) -> Pipeline:
    """Build a Pipeline from the shared options; bad values become click usage errors."""
    from ..pipeline import Pipeline

    options = options_from_cli(**cli_values)
    with _usage_errors():
        return Pipeline(options=options)


@contextlib.contextmanager
def _usage_errors() -> Iterator[None]:
    """A plain ValueError from validation is a usage error; library errors keep their own message."""
    try:
        yield
    except ValueError as exc:
        from ..errors import SummarizerError

        if isinstance(exc, SummarizerError):
            raise  # friendly_errors prints it with its hint
        raise click.UsageError(str(exc)) from exc
