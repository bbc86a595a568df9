"""No output a user cannot act on: the token-length warning, Gradio's share-link advice."""

from __future__ import annotations

import logging

import pytest
from model_factory import CORPUS

from summarizer.models import clear_model_cache, load_model, resolve_model


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def test_counting_a_long_article_logs_no_token_length_warning(tiny_t5):
    # transformers' loggers do not propagate to the root logger, so listen on its own.
    records = _Records()
    hf_logger = logging.getLogger("transformers")
    hf_logger.addHandler(records)
    try:
        clear_model_cache()
        model = load_model(resolve_model(str(tiny_t5), "summary"), device="cpu")
        long_text = " ".join(CORPUS * 5)  # far beyond the tiny model's 128-token limit
        (count,) = model.count_tokens([long_text])
    finally:
        hf_logger.removeHandler(records)
    assert count > model.max_input_tokens  # the chunker needs the true count, so it is not truncated
    assert not [m for m in records.messages if "Token indices sequence length" in m]


def test_web_launch_prints_the_address_but_no_share_advice(tiny_marian, capfd, monkeypatch):
    pytest.importorskip("gradio")
    from web_support import free_port

    from summarizer import web

    monkeypatch.setenv("GRADIO_ANALYTICS_ENABLED", "False")
    web.clear_pipelines()
    app = web.build_app(summary_model="extractive", translation_model=str(tiny_marian))
    port = free_port()
    try:
        web.launch(app, host="127.0.0.1", port=port, block=False)
        out = capfd.readouterr().out
    finally:
        app.close()
        web.clear_pipelines()
    assert f"Running on local URL:  http://127.0.0.1:{port}/" in out
    assert "share=True" not in out
