"""``summarizer serve``: the web page and its API (`/summarize`, `/translate`) on one port."""

from __future__ import annotations

import os
import sys

import click

from ._common import EXIT_USER_ERROR, friendly_errors, setup_logging
from .options import model_options, options_from_cli


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: all).")
@click.option(
    "--port", type=click.IntRange(1, 65535), default=7860, show_default=True, help="Port to listen on."
)
@model_options
@click.option(
    "--concurrency",
    type=click.IntRange(1, 16),
    default=1,
    show_default=True,
    help="Articles processed at once; more than 1 rarely helps on a CPU.",
)
@click.option(
    "--presets-only",
    is_flag=True,
    help="Page users may pick only the listed models, not a hub id or a folder on this server.",
)
@click.option("-v", "--verbose", count=True, help="More logging on stderr.")
@friendly_errors
def serve_command(host: str, port: int, concurrency: int, presets_only: bool, verbose: int, **models):
    """Start the web page (Gradio); the same app as `python demo.py`. Ctrl+C stops it."""
    setup_logging(verbose)
    # Set before Gradio is imported: it reads this at import and when clients are made.
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    try:
        from ..web import WebConfig, build_app, launch
    except ImportError as exc:
        raise click.ClickException("the web page needs Gradio: pip install 'summarizer[web]'") from exc
    options = options_from_cli(**models)
    try:
        config = WebConfig(options, concurrency_limit=concurrency, allow_custom_models=not presets_only)
        app = build_app(config=config)
    except ValueError as exc:
        from ..errors import SummarizerError

        if isinstance(exc, SummarizerError):
            raise
        raise click.UsageError(str(exc)) from exc
    try:
        launch(app, config=config, host=host, port=port)
    except OSError as exc:
        # Gradio: "Cannot find empty port in range"; binding can also fail (EACCES, EADDRNOTAVAIL).
        click.echo(f"Error: cannot listen on {host}:{port}: {str(exc).splitlines()[0]}", err=True)
        click.echo("Hint: pick a free port with --port, or stop the program that holds this one", err=True)
        sys.exit(EXIT_USER_ERROR)
