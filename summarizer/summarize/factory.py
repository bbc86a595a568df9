"""Build the summariser a spec asks for: prompt, length table and the extractive fallback."""

from __future__ import annotations

import logging
from collections.abc import Callable

from ..errors import ModelUnavailableError
from ..models import GenerationSettings, ResolvedModel, Seq2SeqModel
from ..presets import GENERIC_LENGTHS, LENGTHS, load_prompt
from ..results import ResultWarning
from . import AbstractiveSummarizer, ExtractiveSummarizer, Summarizer

__all__ = ["SPECIAL_SUMMARY", "load_summarizer"]

logger = logging.getLogger(__name__)

#: Summary specs that are not models: "auto" falls back to extractive, "extractive" needs no weights.
SPECIAL_SUMMARY = ("auto", "extractive")


def load_summarizer(
    spec: str,
    resolved: ResolvedModel,
    *,
    load: Callable[[ResolvedModel], Seq2SeqModel],
) -> tuple[Summarizer, ResultWarning | None]:
    """The summariser for ``spec`` and, when "auto" fell back to extractive, the warning that says so.

    ``load`` loads a resolved model (the caller knows device, backend and compute type).
    """
    if spec == "extractive":
        return ExtractiveSummarizer(), None
    try:
        model = load(resolved)
    except ModelUnavailableError as exc:
        if spec != "auto":
            raise
        logger.warning("summary model unavailable, using the extractive summariser: %s", exc.message)
        notice = ResultWarning(
            code="summary_fallback",
            message=(
                f"the summary model {resolved.model_id} is not available here, so the offline extractive "
                f"summariser was used. To fix: {exc.hint or 'download the model'}"
            ),
            stage="summary",
        )
        return ExtractiveSummarizer(), notice
    preset = resolved.preset
    if preset is not None:
        prompt = load_prompt(preset.prompt) if preset.prompt else "{text}"
        base = GenerationSettings(**preset.generation)
        lengths = {name: base.updated(**preset.length_settings(name)) for name in LENGTHS}
    else:
        prompt = getattr(model, "summary_prefix", "") + "{text}"
        lengths = {
            name: GenerationSettings(max_new_tokens=mx, min_new_tokens=mn)
            for name, (mx, mn) in GENERIC_LENGTHS.items()
        }
    return AbstractiveSummarizer(model, lengths, prompt=prompt), None
