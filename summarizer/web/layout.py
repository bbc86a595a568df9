"""The page's Gradio components, laid out; no behaviour (see :mod:`.handlers` and :mod:`.app`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..glossary import MAX_GLOSSARY_CHARS
from ..presets import LENGTHS
from .aligned import ORDERS, render_aligned
from .config import UPLOAD_TYPES, WebConfig, model_choices
from .inputs import sample_articles

__all__ = ["Page", "build_page"]

_INTRO = (
    "# Ringkas berita · Indonesian news summariser\n"
    "Paste an Indonesian news article (or upload a .txt, .md or .html file): you get an Indonesian "
    "summary, its English translation and, if you like, the whole article in English."
)

_SUMMARY_BOXES = (("summary_id", "Ringkasan (Indonesian summary)"), ("summary_en", "Summary (English)"))


@dataclass
class Page:
    """The components events read and write (Gradio blocks, so neither frozen nor comparable)."""

    status: Any
    article: Any
    upload: Any
    model: Any
    length: Any
    full: Any
    glossary: Any
    run: Any
    clear: Any
    summary_id: Any
    summary_id_warn: Any
    summary_en: Any
    summary_en_warn: Any
    translation: Any
    translation_warn: Any
    removed: Any
    order: Any
    flagged_only: Any
    aligned_download: Any
    aligned: Any
    aligned_rows: Any
    meta: Any
    download: Any

    @property
    def inputs(self) -> list[Any]:
        """What the Summarise button reads, in the order of :meth:`PageHandlers.run_page`'s arguments."""
        return [
            self.article,
            self.model,
            self.length,
            self.full,
            self.glossary,
            self.order,
            self.flagged_only,
        ]

    @property
    def outputs(self) -> list[Any]:
        """What one run fills, in the order of :meth:`PageHandlers.run_page`'s return value."""
        return [
            self.status, self.summary_id, self.summary_id_warn, self.summary_en, self.summary_en_warn,
            self.translation, self.translation_warn, self.removed, self.meta, self.download,
            self.aligned, self.aligned_rows, self.aligned_download,
        ]  # fmt: skip


def build_page(gr: Any, config: WebConfig) -> Page:
    """Lay the page out inside the open ``gr.Blocks`` context and return its components."""
    gr.Markdown(_INTRO)
    parts: dict[str, Any] = {"status": gr.HTML(elem_id="status")}
    with gr.Row():
        with gr.Column(scale=3):
            parts["article"] = gr.Textbox(
                label="Article (Indonesian)",
                lines=12,
                max_lines=24,
                placeholder="Tempel teks berita di sini / paste the article here",
                elem_id="article",
            )
        with gr.Column(scale=1, min_width=240):
            parts.update(_controls(gr, config))
    _examples(gr, parts["article"])
    parts.update(_summaries(gr))
    parts.update(_translation(gr, config))
    parts["meta"] = gr.HTML(elem_id="meta")
    parts["download"] = gr.DownloadButton("Download JSON", value=None, interactive=False, elem_id="download")
    return Page(**parts)


def _controls(gr: Any, config: WebConfig) -> dict[str, Any]:
    upload = gr.File(
        label="Or upload a file", file_types=list(UPLOAD_TYPES), type="filepath", elem_id="upload"
    )
    with gr.Accordion("Settings", open=False, elem_id="settings"):
        model = gr.Dropdown(
            choices=list(model_choices(config)),
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
    return dict(upload=upload, model=model, length=length, full=full, glossary=glossary, run=run, clear=clear)


def _examples(gr: Any, article: Any) -> None:
    samples = sample_articles()
    if samples:
        gr.Examples(
            examples=[[p.read_text("utf-8")] for p in samples],
            inputs=[article],
            example_labels=[f"Sample: {p.name}" for p in samples],
            label="Example",
        )


def _summaries(gr: Any) -> dict[str, Any]:
    parts: dict[str, Any] = {}
    with gr.Row(equal_height=False):
        for name, label in (
            ("summary_id", "Ringkasan (Indonesian summary)"),
            ("summary_en", "Summary (English)"),
        ):
            with gr.Column():
                elem = name.replace("_", "-")
                parts[name] = gr.Textbox(
                    label=label, lines=5, interactive=False, buttons=["copy"], elem_id=elem
                )
                parts[f"{name}_warn"] = gr.HTML(elem_id=f"{elem}-warnings")
    return parts


def _translation(gr: Any, config: WebConfig) -> dict[str, Any]:
    parts: dict[str, Any] = {}
    parts["translation"] = gr.Textbox(
        label="Full translation (English)",
        lines=10,
        max_lines=40,
        interactive=False,
        buttons=["copy"],
        visible=config.full,
        elem_id="translation",
    )
    parts["translation_warn"] = gr.HTML(elem_id="translation-warnings")
    with gr.Accordion("What the cleaner removed", open=False, elem_id="removed-box"):
        parts["removed"] = gr.HTML(elem_id="removed")
    with gr.Accordion("Side by side", open=False, elem_id="aligned-box"):
        with gr.Row():
            parts["order"] = gr.Radio(list(ORDERS), value=ORDERS[0], label="Order", elem_id="aligned-order")
            parts["flagged_only"] = gr.Checkbox(
                value=False, label="Only rows to check", elem_id="aligned-flagged"
            )
            parts["aligned_download"] = gr.DownloadButton(
                "Download TSV", value=None, interactive=False, elem_id="aligned-download"
            )
        parts["aligned"] = gr.HTML(render_aligned([]), elem_id="aligned")
        parts["aligned_rows"] = gr.State([])
    return parts
