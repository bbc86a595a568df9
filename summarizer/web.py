"""Gradio web page and API (``/summarize``, ``/translate``) sharing one Pipeline per summary model.

Gradio is optional: it is imported only when an app is built (``pip install 'summarizer[web]'``).
"""

from __future__ import annotations

import contextlib
import html
import json
import logging
import shutil
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import ModelError, SummarizerError
from .glossary import MAX_GLOSSARY_CHARS, Glossary
from .pipeline import Pipeline, PipelineOptions
from .presets import LENGTHS
from .results import ArticleResult, ResultWarning
from .translate import normalise_for_mt
from .web_aligned import CSS as ALIGNED_CSS
from .web_aligned import ORDERS, render_aligned

__all__ = ["WebConfig", "build_app", "clear_pipelines", "get_pipeline", "launch", "sample_articles"]

logger = logging.getLogger(__name__)

#: Summary model choices offered in the page (a custom path or hub id can be typed in too).
SUMMARY_CHOICES = ("auto", "default", "fast", "extractive")
#: File types the upload accepts.
UPLOAD_TYPES = (".txt", ".md", ".html", ".htm")
#: Distinct summary models one server keeps loaded; beyond that the least recently used is evicted.
MAX_PIPELINES = 4
_INSTALL_HINT = "the web page needs Gradio: pip install 'summarizer[web]'"
_ROOT = Path(__file__).resolve().parent
_JSON_DIR_AGE_S = 3600
_WARNINGS_SHOWN = 4

# Insertion order is use order: the first entry is the least recently used.
_pipelines: dict[PipelineOptions, Pipeline] = {}
_pipelines_lock = threading.Lock()


@dataclass(frozen=True)
class WebConfig:
    """What one web app serves: the pipeline's options (env defaults apply) and the page's own."""

    pipeline: PipelineOptions = field(default_factory=PipelineOptions)
    full: bool = True
    concurrency_limit: int = 1
    queue_size: int = 32
    allow_custom_models: bool = True

    def __post_init__(self) -> None:
        if self.concurrency_limit < 1 or self.queue_size < 1:
            raise ValueError("concurrency_limit and queue_size must be positive")

    @property
    def summary_model(self) -> str:
        return self.pipeline.summary_model

    @property
    def summary_length(self) -> str:
        return self.pipeline.summary_length

    @property
    def max_chars(self) -> int:
        return self.pipeline.max_chars

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def get_pipeline(config: WebConfig, summary_model: str | None = None) -> Pipeline:
    """The shared Pipeline for ``summary_model`` (default: the config's), built once per process.

    At most :data:`MAX_PIPELINES` are kept: a new model evicts the least recently used one (never
    the config's own), so no visitor can lock the others out by filling the slots.
    """
    key = _key(config, summary_model)
    with _pipelines_lock:
        pipe = _pipelines.get(key)
        if pipe is not None:
            _pipelines[key] = _pipelines.pop(key)  # most recently used last
            return pipe
        pipe = Pipeline(options=key)
        _pipelines[key] = pipe
        pinned = _key(config, None)
        while len(_pipelines) > MAX_PIPELINES:
            oldest = next(k for k in _pipelines if k != pinned)
            _release(_pipelines.pop(oldest))
        return pipe


def _key(config: WebConfig, summary_model: str | None) -> PipelineOptions:
    # The options themselves are the key: frozen, hashable, and they say everything a Pipeline is.
    spec = (summary_model or "").strip() or config.summary_model
    return replace(config.pipeline, summary_model=spec)


def _forget_pipeline(config: WebConfig, summary_model: str | None) -> None:
    # A model that failed to load must not hold one of the MAX_PIPELINES slots.
    key = _key(config, summary_model)
    with _pipelines_lock:
        pipe = _pipelines.pop(key, None) if key != _key(config, None) else None
        if pipe is not None:
            _release(pipe)


def _release(pipe: Pipeline) -> None:
    """Drop an evicted pipeline's summary model from the model cache unless a kept pipeline uses it."""
    from .models import release_model

    resolved = pipe._summary_resolved
    if resolved is None:
        return
    if any(p._summary_resolved == resolved for p in _pipelines.values()):
        return
    if release_model(resolved):
        logger.info("released summary model %s", resolved.model_id)


def clear_pipelines() -> None:
    """Forget the shared pipelines (tests; loaded models stay in the model cache)."""
    with _pipelines_lock:
        _pipelines.clear()


def sample_articles() -> list[Path]:
    """The sample articles shipped with the repository (or the installed package)."""
    for folder in (_ROOT.parent / "examples", _ROOT / "examples"):
        found = sorted(p for p in folder.glob("sample-article*.txt") if p.is_file())
        if found:
            return found
    return []


# -- rendering (plain functions so they are testable without a server) ---------------------------


def _esc(text: Any) -> str:
    return html.escape(str(text), quote=True)


def render_error(exc: SummarizerError) -> str:
    fix = f"<br><b>How to fix:</b> {_esc(exc.hint)}" if exc.hint else ""
    return f'<div class="sm-banner sm-error" role="alert"><b>Error:</b> {_esc(exc.message)}{fix}</div>'


def render_status(result: ArticleResult) -> str:
    """Banners for what changes how the result should be read: fallback model, language, encoding."""
    banners = []
    for w in result.warnings:
        if w.code == "summary_fallback":
            banners.append(
                f'<div class="sm-banner sm-warn" role="status"><b>Fallback used:</b> {_esc(w.message)}</div>'
            )
        elif w.stage in ("clean", "input"):
            banners.append(f'<div class="sm-banner sm-note" role="status">{_esc(w.message)}</div>')
    return "".join(banners)


def split_warnings(result: ArticleResult) -> dict[str, list[ResultWarning]]:
    """Warnings grouped by the output they concern: summary_id, summary_en or translation."""
    groups: dict[str, list[ResultWarning]] = {"summary_id": [], "summary_en": [], "translation": []}
    summary_id, summary_en = normalise_for_mt(result.summary_id), _squash(result.summary_en)
    for w in result.warnings:
        if w.code == "summary_fallback" or w.stage in ("clean", "input"):
            continue  # shown as a banner
        if w.target is not None:
            groups["translation" if w.target == "translation_en" else w.target].append(w)
            continue
        if w.stage != "translation":
            groups["summary_id"].append(w)
            continue
        # A translation warning belongs to the summary when its source sentence is one of the summary's.
        source, output = _squash(getattr(w, "source", None)), _squash(getattr(w, "output", None))
        if result.translation_en is None:
            in_summary = True
        elif source:
            in_summary = source in summary_id
        else:
            in_summary = bool(output) and output in summary_en
        groups["summary_en" if in_summary else "translation"].append(w)
    return groups


def _squash(text: str | None) -> str:
    return " ".join((text or "").split())


def render_warnings(warnings: list[ResultWarning]) -> str:
    if not warnings:
        return ""
    items = []
    for w in warnings:
        span = f' <mark class="sm-span">{_esc(w.span)}</mark>' if w.span else ""
        items.append(f"<li><code>{_esc(w.code)}</code> {_esc(w.message)}{span}</li>")
    shown, rest = "".join(items[:_WARNINGS_SHOWN]), "".join(items[_WARNINGS_SHOWN:])
    more = (
        f"<details><summary>{len(items) - _WARNINGS_SHOWN} more</summary><ul>{rest}</ul></details>"
        if rest
        else ""
    )
    return f'<div class="sm-warnings"><b>Check ({len(items)}):</b><ul>{shown}</ul>{more}</div>'


def render_removed(result: ArticleResult) -> str:
    if not result.removed:
        return "<p>Nothing was removed.</p>"
    rows = "".join(
        f"<tr><td><code>{_esc(r.rule)}</code></td><td>{_esc(r.text)}</td></tr>" for r in result.removed
    )
    head = "<thead><tr><th>rule</th><th>removed text</th></tr></thead>"
    return f'<table class="sm-table">{head}<tbody>{rows}</tbody></table>'


def render_models(result: ArticleResult) -> str:
    models = " · ".join(f"{_esc(k)}: <code>{_esc(v)}</code>" for k, v in result.models.items())
    timings = ", ".join(f"{_esc(k)} {v:.2f} s" for k, v in result.timings.items())
    return f'<div class="sm-meta"><b>Models</b> {models}<br><b>Timings</b> {timings}</div>'


def write_json(result: ArticleResult) -> str:
    """Write ``result.to_dict()`` to a fresh temp folder (old ones are pruned) and return its path."""
    return _write_download("summary.json", json.dumps(result.to_dict(), ensure_ascii=False, indent=2))


def write_aligned(result: ArticleResult) -> str:
    """Write the sentence-aligned TSV of ``result`` for download and return its path."""
    from .aligned import to_tsv

    return _write_download("translation-aligned.tsv", to_tsv(result))


def page_glossary(text: str | None, base: Glossary | None) -> Glossary | None:
    """The server's glossary plus the terms typed into the page (the page's win); ``None`` if neither."""
    if not (text or "").strip():
        return base
    mine = Glossary.from_text(text or "", name="the glossary box")
    return Glossary({**(base.to_dict() if base else {}), **mine.to_dict()})


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


def read_upload(path: str | None, max_chars: int) -> str:
    """Text of an uploaded file; raises the library's input errors for binary or oversized files."""
    from .errors import InputTooLargeError
    from .text.decode import decode_bytes

    data = Path(path).read_bytes() if path else b""
    if len(data) > 4 * max_chars:  # 4 bytes per character is the UTF-8 worst case
        raise InputTooLargeError(
            f"the file has {len(data):,} bytes, above the limit of {max_chars:,} characters",
            hint="upload one article at a time",
        )
    text, _ = decode_bytes(data, name=Path(path).name if path else "upload")
    if len(text) > max_chars:
        raise InputTooLargeError(
            f"the file has {len(text):,} characters, above the limit of {max_chars:,}",
            hint="upload one article at a time",
        )
    return text


# -- the app --------------------------------------------------------------------------------------

_CSS = """
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
_CSS += ALIGNED_CSS


def _gradio() -> Any:
    try:
        import gradio as gr
    except ImportError as exc:
        raise ImportError(_INSTALL_HINT) from exc
    return gr


def build_app(
    summary_model: str | None = None,
    translation_model: str | None = None,
    device: str | None = None,
    *,
    backend: str | None = None,
    config: WebConfig | None = None,
    **options: Any,
) -> Any:
    """Build the Gradio Blocks app. ``options`` are further :class:`WebConfig` fields."""
    gr = _gradio()
    if config is None:
        web_fields = {f.name for f in fields(WebConfig)}
        pipeline = PipelineOptions.given(
            summary_model=summary_model,
            translation_model=translation_model,
            device=device,
            backend=backend,
            **{k: v for k, v in options.items() if k not in web_fields},
        )
        config = WebConfig(pipeline=pipeline, **{k: v for k, v in options.items() if k in web_fields})
    get_pipeline(config)  # resolves the model names now, so a typo fails at start-up, not on first use

    def run_page(
        text: str,
        model: str,
        length: str,
        full: bool,
        glossary_text: str = "",
        order: str = ORDERS[0],
        flagged_only: bool = False,
        progress=gr.Progress(),
    ):
        empty = gr.DownloadButton(value=None, interactive=False)
        blank = ("", "", "", "", gr.Textbox(value="", visible=bool(full)), "", "", "", empty)
        custom = (model or "").strip() not in _choices(config)
        blank += (render_aligned([]), [], gr.DownloadButton(value=None, interactive=False))
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
                _forget_pipeline(config, model)
                if custom and config.allow_custom_models:
                    exc = _private()
            return (render_error(exc), *blank)
        except Exception:
            logger.exception("unexpected error in the web page")
            _forget_pipeline(config, model)
            return (render_error(SummarizerError("internal error", hint="see the server log")), *blank)
        groups = split_warnings(result)
        return (
            render_status(result),
            result.summary_id,
            render_warnings(groups["summary_id"]),
            result.summary_en,
            render_warnings(groups["summary_en"]),
            gr.Textbox(value=result.translation_en or "", visible=result.translation_en is not None),
            render_warnings(groups["translation"]),
            render_removed(result),
            render_models(result),
            gr.DownloadButton(value=write_json(result), interactive=True),
            *_aligned_outputs(gr, result, order, flagged_only),
        )

    def load_file(path: str | None):
        if not path:
            return gr.Textbox(), ""
        try:
            text = read_upload(path, config.max_chars)
        except SummarizerError as exc:
            return gr.Textbox(), render_error(exc)
        name = _esc(Path(path).name)
        return text, f'<div class="sm-banner sm-note" role="status">Loaded <b>{name}</b>.</div>'

    def summarize(text: str, full: bool = False) -> dict[str, Any]:
        """Summarise one article; returns ArticleResult.to_dict() (summary_id, summary_en, ...)."""
        with _api_errors(gr, text):
            return get_pipeline(config).run(text, full=bool(full)).to_dict()

    def translate(text: str) -> str:
        """Translate Indonesian text into English as given (not cleaned); paragraphs are kept."""
        with _api_errors(gr, text):
            return get_pipeline(config).translate(text)

    limits = {"concurrency_limit": config.concurrency_limit, "concurrency_id": "models"}
    with gr.Blocks(
        title="Indonesian news summariser", analytics_enabled=False, delete_cache=(1800, 3600)
    ) as app:
        gr.Markdown(
            "# Ringkas berita · Indonesian news summariser\n"
            "Paste an Indonesian news article (or upload a .txt, .md or .html file): you get an Indonesian "
            "summary, its English translation and, if you like, the whole article in English."
        )
        status = gr.HTML(elem_id="status")
        with gr.Row():
            with gr.Column(scale=3):
                article = gr.Textbox(
                    label="Article (Indonesian)",
                    lines=12,
                    max_lines=24,
                    placeholder="Tempel teks berita di sini / paste the article here",
                    elem_id="article",
                )
            with gr.Column(scale=1, min_width=240):
                upload = gr.File(
                    label="Or upload a file", file_types=list(UPLOAD_TYPES), type="filepath", elem_id="upload"
                )
                with gr.Accordion("Settings", open=False, elem_id="settings"):
                    model = gr.Dropdown(
                        choices=list(_choices(config)),
                        value=config.summary_model,
                        allow_custom_value=config.allow_custom_models,
                        label="Summary model",
                        info="A preset, 'extractive' (offline, no model)"
                        + (", a hub id or a local folder" if config.allow_custom_models else ""),
                    )
                    length = gr.Radio(list(LENGTHS), value=config.summary_length, label="Summary length")
                    full = gr.Checkbox(value=config.full, label="Translate the whole article")
                    glossary = gr.Textbox(
                        label="Glossary (house terms)",
                        info="One 'Indonesian term<TAB or comma>English' per line; a term mapped to "
                        "itself is kept as it is",
                        lines=3,
                        max_length=MAX_GLOSSARY_CHARS,
                        placeholder="Kemenkeu\tMinistry of Finance\nPolda Metro Jaya\tPolda Metro Jaya",
                        elem_id="glossary",
                    )
                run = gr.Button("Summarise", variant="primary", elem_id="run")
                clear = gr.ClearButton(value="Clear", elem_id="clear")
        samples = sample_articles()
        if samples:
            gr.Examples(
                examples=[[p.read_text("utf-8")] for p in samples],
                inputs=[article],
                example_labels=[f"Sample: {p.name}" for p in samples],
                label="Example",
            )
        with gr.Row(equal_height=False):
            with gr.Column():
                summary_id = gr.Textbox(
                    label="Ringkasan (Indonesian summary)",
                    lines=5,
                    interactive=False,
                    buttons=["copy"],
                    elem_id="summary-id",
                )
                summary_id_warn = gr.HTML(elem_id="summary-id-warnings")
            with gr.Column():
                summary_en = gr.Textbox(
                    label="Summary (English)",
                    lines=5,
                    interactive=False,
                    buttons=["copy"],
                    elem_id="summary-en",
                )
                summary_en_warn = gr.HTML(elem_id="summary-en-warnings")
        translation = gr.Textbox(
            label="Full translation (English)",
            lines=10,
            max_lines=40,
            interactive=False,
            buttons=["copy"],
            visible=config.full,
            elem_id="translation",
        )
        translation_warn = gr.HTML(elem_id="translation-warnings")
        with gr.Accordion("What the cleaner removed", open=False, elem_id="removed-box"):
            removed = gr.HTML(elem_id="removed")
        with gr.Accordion("Side by side", open=False, elem_id="aligned-box"):
            with gr.Row():
                order = gr.Radio(list(ORDERS), value=ORDERS[0], label="Order", elem_id="aligned-order")
                flagged_only = gr.Checkbox(value=False, label="Only rows to check", elem_id="aligned-flagged")
                aligned_download = gr.DownloadButton(
                    "Download TSV", value=None, interactive=False, elem_id="aligned-download"
                )
            aligned = gr.HTML(render_aligned([]), elem_id="aligned")
            aligned_rows = gr.State([])
        meta = gr.HTML(elem_id="meta")
        download = gr.DownloadButton("Download JSON", value=None, interactive=False, elem_id="download")

        outputs = [
            status, summary_id, summary_id_warn, summary_en, summary_en_warn,
            translation, translation_warn, removed, meta, download, aligned, aligned_rows, aligned_download,
        ]  # fmt: skip
        inputs = [article, model, length, full, glossary, order, flagged_only]
        run.click(run_page, inputs, outputs, api_visibility="private", **limits)
        for control in (order, flagged_only):
            control.change(
                render_aligned, [aligned_rows, order, flagged_only], [aligned], api_visibility="private"
            )
        upload.upload(load_file, [upload], [article, status], api_visibility="private")
        clear.add([article, upload, *outputs])
        gr.api(summarize, api_name="summarize", **limits)
        gr.api(translate, api_name="translate", **limits)
    app.queue(default_concurrency_limit=config.concurrency_limit, max_size=config.queue_size)
    app.summarizer_config = config  # lets launch() and tests read the limits back
    return app


def _private() -> ModelError:
    # The same words whether the folder is missing, unreadable or broken (the spec is not echoed
    # either): a visitor must not learn which paths exist on the server. Details go to the log.
    return ModelError(
        "this summary model is not available on this server",
        hint="pick one of the listed models, or ask the server's owner to install it",
    )


@contextlib.contextmanager
def _api_errors(gr: Any, text: Any) -> Iterator[None]:
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


def _aligned_outputs(gr: Any, result: ArticleResult, order: str, flagged_only: bool) -> tuple[Any, ...]:
    from .aligned import aligned_rows

    rows = [r.to_dict() for r in aligned_rows(result)]
    ready = bool(rows)
    return (
        render_aligned(rows, order, flagged_only),
        rows,
        gr.DownloadButton(value=write_aligned(result) if ready else None, interactive=ready),
    )


def _choices(config: WebConfig) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*SUMMARY_CHOICES, config.summary_model)))


def launch(
    app: Any, *, host: str | None = None, port: int | None = None, block: bool = True, quiet: bool = False
):
    """Serve ``app`` (no share link, no analytics); ``block=False`` returns once it is up (tests).

    ``host``/``port`` of ``None`` use GRADIO_SERVER_NAME / GRADIO_SERVER_PORT, else 127.0.0.1:7860.
    """
    config: WebConfig = getattr(app, "summarizer_config", WebConfig())
    # Gradio's own start-up lines end with "set share=True" advice this server never takes: launch it
    # quiet, print the address ourselves, then block as Gradio would have.
    started = app.launch(
        server_name=host,
        server_port=port,
        share=False,
        inbrowser=False,
        prevent_thread_lock=True,
        show_error=False,
        quiet=True,
        max_file_size=4 * config.max_chars,
        footer_links=["api"],
        ssr_mode=False,
        mcp_server=False,
        pwa=False,
        css=_CSS,
    )
    if not quiet:
        print(f"* Running on local URL:  {app.local_url}", flush=True)
    if block:
        app.block_thread()
    return started
