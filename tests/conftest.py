"""Shared fixtures: tiny real models (built once per session), a fake backend, an isolated HF home."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
OPUS_DIR = SHARED / "assets" / "opus-mt-id-en"
SEED_ARTICLE = SHARED / "assets" / "seed-article-antara.txt"
DEV_FILE = SHARED / "data" / "indosum-dev.jsonl"
SAMPLE_ARTICLE = ROOT / "examples" / "sample-article.txt"

needs_shared = pytest.mark.skipif(not SHARED.exists(), reason="../shared assets are not available")


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch, tmp_path_factory):
    """No test may reach the hub or read the user's cache or settings."""
    home = tmp_path_factory.getbasetemp() / "hf-home"
    monkeypatch.setenv("HF_HOME", str(home))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    for name in list(os.environ):
        if name.startswith("SUMMARIZER_"):
            monkeypatch.delenv(name)


@pytest.fixture(scope="session")
def tiny_t5(tmp_path_factory) -> Path:
    from model_factory import build_tiny_t5

    return build_tiny_t5(tmp_path_factory.mktemp("tiny-t5"))


@pytest.fixture(scope="session")
def tiny_marian(tmp_path_factory) -> Path:
    from model_factory import build_tiny_marian

    return build_tiny_marian(tmp_path_factory.mktemp("tiny-marian"))


@pytest.fixture(scope="session")
def opus_shape_marian(tmp_path_factory) -> Path:
    """Tiny Marian body with the REAL opus-mt-id-en tokenizer (512-token limit, real pieces)."""
    if not OPUS_DIR.exists():
        pytest.skip("../shared/assets/opus-mt-id-en is not available")
    from model_factory import build_tiny_marian

    return build_tiny_marian(tmp_path_factory.mktemp("opus-tiny"), tokenizer_dir=OPUS_DIR)


@pytest.fixture
def fake_mt(monkeypatch):
    """A model-free translator (batch_support.FakeMT) that every Pipeline loads instead of a model."""
    from batch_support import FakeMT

    model = FakeMT()
    monkeypatch.setattr("summarizer.pipeline.load_model", lambda *a, **k: model)
    return model
