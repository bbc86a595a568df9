"""No output a user cannot act on: the token-length warning, Gradio's share-link advice."""

from __future__ import annotations

import logging
from pathlib import Path

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


def test_serve_prints_the_address_but_no_share_advice(tiny_marian, tmp_path):
    """The real command in its own process: Gradio's servers and threads stay out of pytest's capture."""
    pytest.importorskip("gradio")
    import os
    import signal
    import subprocess
    import sys
    import time

    from web_support import free_port

    port = free_port()
    env = {**os.environ, "GRADIO_ANALYTICS_ENABLED": "False", "PYTHONUNBUFFERED": "1"}
    env["PYTHONPATH"] = os.pathsep.join([str(Path(__file__).resolve().parents[1]), env.get("PYTHONPATH", "")])
    cmd = [sys.executable, "-m", "summarizer", "serve", "--port", str(port),
           "--summary-model", "extractive", "--translation-model", str(tiny_marian)]  # fmt: skip
    log = tmp_path / "serve.log"
    with open(log, "w") as out:
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 120
            while "Running on local URL" not in log.read_text() and time.monotonic() < deadline:
                assert proc.poll() is None, log.read_text()
                time.sleep(0.5)
            time.sleep(1)  # anything Gradio would print after the address comes now
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
    text = log.read_text()
    assert f"* Running on local URL:  http://127.0.0.1:{port}/" in text
    assert "share=True" not in text and "Traceback" not in text
