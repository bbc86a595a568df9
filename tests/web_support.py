"""A live web app on a free local port, shared by the API and browser tests."""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def live_server(translation_model: Path, **options: Any) -> Iterator[tuple[Any, str]]:
    """Serve the app (extractive summary, the given translator) until the block ends; yields (app, url)."""
    from summarizer import web

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GRADIO_ANALYTICS_ENABLED", "False")
        mp.setenv("HF_HUB_OFFLINE", "1")
        web.clear_pipelines()
        config = web.web_config(
            summary_model="extractive", translation_model=str(translation_model), **options
        )
        app = web.build_app(config=config)
        _, url, _ = web.launch(
            app, config=config, host="127.0.0.1", port=free_port(), block=False, quiet=True
        )
        try:
            yield app, url
        finally:
            app.close()
            web.clear_pipelines()
