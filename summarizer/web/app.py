"""Build the app (page + API on one queue) and serve it."""

from __future__ import annotations

import weakref
from typing import Any

from .aligned import CSS as ALIGNED_CSS
from .aligned import render_aligned
from .config import WebConfig, web_config
from .pool import get_pipeline
from .render import CSS as PAGE_CSS

__all__ = ["build_app", "launch"]

# Which config each app was built with, so launch(app) alone still serves with that config's limits.
# Kept beside the app rather than as an attribute on it; gone when the app is.
_BUILT_WITH: weakref.WeakKeyDictionary[Any, WebConfig] = weakref.WeakKeyDictionary()

_INSTALL_HINT = "the web page needs Gradio: pip install 'summarizer[web]'"
_CSS = PAGE_CSS + ALIGNED_CSS
# Gradio's launch settings this server always uses: no share link, browser, SSR, MCP or PWA; errors
# stay in the server log; start-up is quiet (launch() prints the address) and does not block.
_SERVE: dict[str, Any] = {
    "share": False,
    "inbrowser": False,
    "prevent_thread_lock": True,
    "show_error": False,
    "quiet": True,
    "footer_links": ["api"],
    "ssr_mode": False,
    "mcp_server": False,
    "pwa": False,
}


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
    """Build the Gradio Blocks app. ``options`` are further :class:`WebConfig` fields.

    Serve it with :func:`launch`, passing the same ``config`` (see :func:`web_config`).
    """
    gr = _gradio()
    from .handlers import PageHandlers
    from .layout import build_page

    if config is None:
        config = web_config(
            summary_model=summary_model,
            translation_model=translation_model,
            device=device,
            backend=backend,
            **options,
        )
    get_pipeline(config)  # resolves the model names now, so a typo fails at start-up, not on first use
    handlers = PageHandlers(config)
    limits = {"concurrency_limit": config.concurrency_limit, "concurrency_id": "models"}
    with gr.Blocks(
        title="Indonesian news summariser", analytics_enabled=False, delete_cache=(1800, 3600)
    ) as app:
        page = build_page(gr, config)
        page.run.click(handlers.run_page, page.inputs, page.outputs, api_visibility="private", **limits)
        for control in (page.order, page.flagged_only):
            control.change(
                render_aligned,
                [page.aligned_rows, page.order, page.flagged_only],
                [page.aligned],
                api_visibility="private",
            )
        page.upload.upload(
            handlers.load_file, [page.upload], [page.article, page.status], api_visibility="private"
        )
        page.clear.add([page.article, page.upload, *page.outputs])
        gr.api(handlers.summarize, api_name="summarize", **limits)
        gr.api(handlers.translate, api_name="translate", **limits)
    app.queue(default_concurrency_limit=config.concurrency_limit, max_size=config.queue_size)
    _BUILT_WITH[app] = config
    return app


def launch(
    app: Any,
    *,
    config: WebConfig | None = None,
    host: str | None = None,
    port: int | None = None,
    block: bool = True,
    quiet: bool = False,
):
    """Serve ``app`` (no share link, no analytics); ``block=False`` returns once it is up (tests).

    ``config`` sets the upload size limit (default: the one the app was built with).
    ``host``/``port`` of ``None`` use GRADIO_SERVER_NAME / GRADIO_SERVER_PORT, else
    127.0.0.1:7860.
    """
    config = config or _BUILT_WITH.get(app) or WebConfig()
    # Gradio's own start-up lines end with "set share=True" advice this server never takes: launch it
    # quiet, print the address ourselves, then block as Gradio would have.
    started = app.launch(
        server_name=host, server_port=port, max_file_size=4 * config.max_chars, css=_CSS, **_SERVE
    )
    if not quiet:
        print(f"* Running on local URL:  {app.local_url}", flush=True)
    if block:
        app.block_thread()
    return started
