"""What the page and the API do on each request; Gradio is imported here, so import this lazily."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr

from ..errors import ModelError, SummarizerError
from ..results import ArticleResult
from .aligned import ORDERS, render_aligned
from .config import WebConfig, model_choices
from .inputs import page_glossary, read_upload
from .pool import forget_pipeline, get_pipeline
from .render import (
    esc,
    render_error,
    render_models,
    render_note,
    render_removed,
    render_status,
    render_warning_boxes,
    write_aligned,
    write_json,
)

__all__ = ["PageHandlers"]

logger = logging.getLogger(__name__)


class PageHandlers:
    """The event handlers and API endpoints of one app, bound to its :class:`WebConfig`."""

    def __init__(self, config: WebConfig) -> None:
        self.config = config

    def run_page(
        self,
        text: str,
        model: str,
        length: str,
        full: bool,
        glossary_text: str = "",
        order: str = ORDERS[0],
        flagged_only: bool = False,
        progress=gr.Progress(),
    ):
        config = self.config
        custom = (model or "").strip() not in model_choices(config)
        try:
            if custom and not config.allow_custom_models:
                raise ModelError(f"unknown summary model {model!r}", hint="pick one from the list")
            pipe = get_pipeline(config, model)
            terms = page_glossary(glossary_text, pipe.options.glossary)
            progress(0, desc="Cleaning and summarising (the first run loads the models)")
            result = pipe.run(
                text or "",
                full=bool(full),
                length=length or None,
                progress=lambda done, total: progress((done, total), desc="Translating", unit="batches"),
                glossary=terms,
            )
        except SummarizerError as exc:
            logger.info("page request failed: %s", exc)
            if isinstance(exc, ModelError):
                forget_pipeline(config, model)
                if custom and config.allow_custom_models:
                    exc = _private()
            return (render_error(exc), *_blank(full))
        except Exception:
            logger.exception("unexpected error in the web page")
            forget_pipeline(config, model)
            return (
                render_error(SummarizerError("internal error", hint="see the server log")),
                *_blank(full),
            )
        return _filled(result, order, flagged_only)

    def load_file(self, path: str | None):
        if not path:
            return gr.Textbox(), ""
        try:
            text = read_upload(path, self.config.max_chars)
        except SummarizerError as exc:
            return gr.Textbox(), render_error(exc)
        return text, render_note(f"Loaded <b>{esc(Path(path).name)}</b>.")

    def summarize(self, text: str, full: bool = False) -> dict[str, Any]:
        """Summarise one article; returns ArticleResult.to_dict() (summary_id, summary_en, ...)."""
        with _api_errors(text):
            return get_pipeline(self.config).run(text, full=bool(full)).to_dict()

    def translate(self, text: str) -> str:
        """Translate Indonesian text into English as given (not cleaned); paragraphs are kept."""
        with _api_errors(text):
            return get_pipeline(self.config).translate(text)


def _filled(result: ArticleResult, order: str, flagged_only: bool) -> tuple[Any, ...]:
    """The page's outputs for ``result``, in :attr:`Page.outputs` order."""
    boxes = render_warning_boxes(result)
    return (
        render_status(result),
        result.summary_id,
        boxes["summary_id"],
        result.summary_en,
        boxes["summary_en"],
        gr.Textbox(value=result.translation_en or "", visible=result.translation_en is not None),
        boxes["translation"],
        render_removed(result),
        render_models(result),
        gr.DownloadButton(value=write_json(result), interactive=True),
        *_aligned_outputs(result, order, flagged_only),
    )


def _blank(full: bool) -> tuple[Any, ...]:
    """Every output but the status banner, emptied (after a failed run)."""
    return (
        "", "", "", "", gr.Textbox(value="", visible=bool(full)), "", "", "",
        gr.DownloadButton(value=None, interactive=False),
        render_aligned([]), [], gr.DownloadButton(value=None, interactive=False),
    )  # fmt: skip


def _aligned_outputs(result: ArticleResult, order: str, flagged_only: bool) -> tuple[Any, ...]:
    from ..aligned import aligned_rows

    rows = [r.to_dict() for r in aligned_rows(result)]
    ready = bool(rows)
    return (
        render_aligned(rows, order, flagged_only),
        rows,
        gr.DownloadButton(value=write_aligned(result) if ready else None, interactive=ready),
    )


def _private() -> ModelError:
    # The same words whether the folder is missing, unreadable or broken (the spec is not echoed
    # either): a visitor must not learn which paths exist on the server. Details go to the log.
    return ModelError(
        "this summary model is not available on this server",
        hint="pick one of the listed models, or ask the server's owner to install it",
    )


@contextlib.contextmanager
def _api_errors(text: Any) -> Iterator[None]:
    """API callers get a one-line message for every failure, never Gradio's bare ``{"error": null}``."""
    if not isinstance(text, str):
        raise gr.Error(
            f"text must be a string (JSON string), not {type(text).__name__}", print_exception=False
        )
    try:
        yield
    except SummarizerError as exc:
        raise gr.Error(str(exc), print_exception=False) from exc
    except Exception as exc:
        logger.exception("unexpected error in the API")
        raise gr.Error("internal error; see the server log", print_exception=False) from exc
