"""HTML and downloads for one result: plain functions, so they are testable without a server."""

from __future__ import annotations

import html
import json
import shutil
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from ..errors import SummarizerError
from ..results import ArticleResult, ResultWarning

__all__ = [
    "CSS",
    "render_error",
    "render_models",
    "render_removed",
    "render_status",
    "render_warning_boxes",
    "render_warnings",
    "split_warnings",
    "write_aligned",
    "write_json",
]

_JSON_DIR_AGE_S = 3600
_WARNINGS_SHOWN = 4
#: The page's warning boxes by the output a warning concerns (``ResultWarning.target``).
_BOXES = {"summary_id": "summary_id", "summary_en": "summary_en", "translation_en": "translation"}

CSS = """
.sm-banner { padding: 0.6em 0.9em; border-radius: 6px; margin: 0.3em 0; border: 1px solid; }
.sm-error { background: #fdecea; border-color: #e0a39b; color: #611a15; }
.sm-warn { background: #fff4e5; border-color: #f0c36d; color: #663c00; }
.sm-note { background: #e8f4fd; border-color: #9ccaf0; color: #0d3c61; }
.sm-warnings { font-size: 0.9em; color: #663c00; }
.sm-warnings ul { margin: 0.2em 0 0 1.2em; }
.sm-span { background: #ffe08a; }
.sm-table td, .sm-table th { padding: 0.2em 0.5em; vertical-align: top; text-align: left; }
.sm-meta { font-size: 0.85em; opacity: 0.85; }
"""


def esc(text: Any) -> str:
    """``text`` escaped for HTML text and attribute values."""
    return html.escape(str(text), quote=True)


def render_error(exc: SummarizerError) -> str:
    fix = f"<br><b>How to fix:</b> {esc(exc.hint)}" if exc.hint else ""
    return f'<div class="sm-banner sm-error" role="alert"><b>Error:</b> {esc(exc.message)}{fix}</div>'


def render_note(html_text: str) -> str:
    """A neutral status banner around ``html_text`` (already escaped)."""
    return f'<div class="sm-banner sm-note" role="status">{html_text}</div>'


def render_status(result: ArticleResult) -> str:
    """Banners for what changes how the result should be read: fallback model, language, encoding."""
    banners = []
    for w in result.warnings:
        if w.code == "summary_fallback":
            banners.append(
                f'<div class="sm-banner sm-warn" role="status"><b>Fallback used:</b> {esc(w.message)}</div>'
            )
        elif w.stage in ("clean", "input"):
            banners.append(render_note(esc(w.message)))
    return "".join(banners)


def split_warnings(result: ArticleResult) -> dict[str, list[ResultWarning]]:
    """Warnings grouped by the output they concern: summary_id, summary_en or translation.

    The pipeline names that output in ``target``; banner warnings (see :func:`render_status`) are left out.
    """
    groups: dict[str, list[ResultWarning]] = {"summary_id": [], "summary_en": [], "translation": []}
    for w in result.warnings:
        if w.code == "summary_fallback" or w.stage in ("clean", "input"):
            continue  # shown as a banner
        groups[_box(w, result)].append(w)
    return groups


def _box(w: ResultWarning, result: ArticleResult) -> str:
    box = _BOXES.get(w.target or "")
    if box is not None:
        return box
    if w.stage != "translation":
        return "summary_id"
    # A translation warning tied to no sentence: without a full translation only the summary was translated.
    return "summary_en" if result.translation_en is None else "translation"


def render_warnings(warnings: list[ResultWarning]) -> str:
    if not warnings:
        return ""
    items = []
    for w in warnings:
        span = f' <mark class="sm-span">{esc(w.span)}</mark>' if w.span else ""
        items.append(f"<li><code>{esc(w.code)}</code> {esc(w.message)}{span}</li>")
    shown, rest = "".join(items[:_WARNINGS_SHOWN]), "".join(items[_WARNINGS_SHOWN:])
    more = (
        f"<details><summary>{len(items) - _WARNINGS_SHOWN} more</summary><ul>{rest}</ul></details>"
        if rest
        else ""
    )
    return f'<div class="sm-warnings"><b>Check ({len(items)}):</b><ul>{shown}</ul>{more}</div>'


def render_warning_boxes(result: ArticleResult) -> dict[str, str]:
    """The HTML under each output box (keys as in :func:`split_warnings`)."""
    return {box: render_warnings(warnings) for box, warnings in split_warnings(result).items()}


def render_removed(result: ArticleResult) -> str:
    if not result.removed:
        return "<p>Nothing was removed.</p>"
    rows = "".join(
        f"<tr><td><code>{esc(r.rule)}</code></td><td>{esc(r.text)}</td></tr>" for r in result.removed
    )
    head = "<thead><tr><th>rule</th><th>removed text</th></tr></thead>"
    return f'<table class="sm-table">{head}<tbody>{rows}</tbody></table>'


def render_models(result: ArticleResult) -> str:
    models = " · ".join(f"{esc(k)}: <code>{esc(v)}</code>" for k, v in result.models.items())
    timings = ", ".join(f"{esc(k)} {v:.2f} s" for k, v in result.timings.items())
    return f'<div class="sm-meta"><b>Models</b> {models}<br><b>Timings</b> {timings}</div>'


def write_json(result: ArticleResult) -> str:
    """Write ``result.to_dict()`` to a fresh temp folder (old ones are pruned) and return its path."""
    return _write_download("summary.json", json.dumps(result.to_dict(), ensure_ascii=False, indent=2))


def write_aligned(result: ArticleResult) -> str:
    """Write the sentence-aligned TSV of ``result`` for download and return its path."""
    from ..aligned import to_tsv

    return _write_download("translation-aligned.tsv", to_tsv(result))


def _write_download(name: str, text: str) -> str:
    root = Path(tempfile.gettempdir()) / "summarizer-web"
    root.mkdir(exist_ok=True)
    cutoff = time.time() - _JSON_DIR_AGE_S
    for old in root.iterdir():
        try:
            if old.stat().st_mtime < cutoff:
                shutil.rmtree(old, ignore_errors=True)
        except FileNotFoundError:
            pass  # another request pruned it first
    folder = root / uuid.uuid4().hex
    folder.mkdir()
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)
