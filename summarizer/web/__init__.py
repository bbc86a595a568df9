"""Gradio web page and API (``/summarize``, ``/translate``) sharing one Pipeline per summary model.

Gradio is optional: it is imported only when an app is built (``pip install 'summarizer[web]'``).
The package: :mod:`.config` (what an app serves), :mod:`.pool` (shared pipelines), :mod:`.inputs`
(uploads, glossary box), :mod:`.render` and :mod:`.aligned` (HTML, downloads), :mod:`.layout`
(components), :mod:`.handlers` (events and API endpoints), :mod:`.app` (build and serve).
"""

from __future__ import annotations

from ..pipeline import Pipeline
from .aligned import ORDERS, render_aligned
from .app import build_app, launch
from .config import SUMMARY_CHOICES, UPLOAD_TYPES, WebConfig, web_config
from .inputs import page_glossary, read_upload, sample_articles
from .pool import MAX_PIPELINES, _pipelines, clear_pipelines, get_pipeline
from .render import (
    render_error,
    render_models,
    render_removed,
    render_status,
    render_warnings,
    split_warnings,
    write_aligned,
    write_json,
)

__all__ = [
    "WebConfig",
    "build_app",
    "clear_pipelines",
    "get_pipeline",
    "launch",
    "sample_articles",
    "web_config",
]

# Not in __all__, but importable from here as before the package split (tests and scripts use them).
_REEXPORTED = (
    Pipeline, ORDERS, render_aligned, SUMMARY_CHOICES, UPLOAD_TYPES, page_glossary, read_upload,
    MAX_PIPELINES, _pipelines, render_error, render_models, render_removed, render_status,
    render_warnings, split_warnings, write_aligned, write_json,
)  # fmt: skip
