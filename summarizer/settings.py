"""Defaults that environment variables can change, read at call time (never at import)."""

from __future__ import annotations

import os

__all__ = [
    "ENV_BACKEND",
    "ENV_DEVICE",
    "ENV_MODELS_DIR",
    "ENV_SUMMARY_MODEL",
    "ENV_TRANSLATION_MODEL",
    "default_backend",
    "default_device",
    "default_summary_model",
    "default_translation_model",
    "models_dir",
]

ENV_SUMMARY_MODEL = "SUMMARIZER_SUMMARY_MODEL"
ENV_TRANSLATION_MODEL = "SUMMARIZER_TRANSLATION_MODEL"
ENV_DEVICE = "SUMMARIZER_DEVICE"
ENV_BACKEND = "SUMMARIZER_BACKEND"
#: A folder of local model directories; a spec such as ``Helsinki-NLP/opus-mt-id-en`` is looked up
#: there first (as ``Helsinki-NLP--opus-mt-id-en``, ``Helsinki-NLP/opus-mt-id-en`` or ``opus-mt-id-en``).
ENV_MODELS_DIR = "SUMMARIZER_MODELS_DIR"


def _env(name: str, default: str) -> str:
    value = os.environ.get(name, "").strip()
    return value or default


def default_summary_model() -> str:
    return _env(ENV_SUMMARY_MODEL, "auto")


def default_translation_model() -> str:
    return _env(ENV_TRANSLATION_MODEL, "default")


def default_device() -> str:
    return _env(ENV_DEVICE, "auto")


def default_backend() -> str:
    return _env(ENV_BACKEND, "transformers")


def models_dir() -> str | None:
    return os.environ.get(ENV_MODELS_DIR) or None
