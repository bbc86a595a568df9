"""Model resolution and loading: one cached loader for every backend."""

from __future__ import annotations

import logging
import threading
from typing import Any

from ..errors import BackendUnavailableError
from .base import GenerationSettings, Seq2SeqModel, resolve_device
from .common import ct2_missing
from .resolve import ResolvedModel, resolve_model

__all__ = [
    "BACKENDS",
    "GenerationSettings",
    "ResolvedModel",
    "Seq2SeqModel",
    "clear_model_cache",
    "load_model",
    "release_model",
    "resolve_device",
    "resolve_model",
]

logger = logging.getLogger(__name__)

BACKENDS = ("transformers", "ctranslate2")

_cache: dict[tuple[Any, ...], Seq2SeqModel] = {}
_lock = threading.Lock()


def load_model(
    resolved: ResolvedModel,
    *,
    device: str = "auto",
    backend: str = "transformers",
    compute_type: str = "default",
) -> Seq2SeqModel:
    """Load (once per process) the model ``resolved`` points at, on ``device`` with ``backend``."""
    if backend not in BACKENDS:
        raise BackendUnavailableError(
            f"unknown backend {backend!r}", hint=f"use one of: {', '.join(BACKENDS)}"
        )
    if backend == "ctranslate2":
        # CTranslate2 has its own CUDA build; asking torch would be wrong and would load it for nothing.
        auto = (device or "auto").strip().lower() == "auto"
        device = _ct2_auto_device() if auto else resolve_device(device, check=False)
    else:
        device = resolve_device(device)
    key = (resolved.location, resolved.kind, device, backend, compute_type)
    with _lock:
        model = _cache.get(key)
        if model is None:
            model = _build(resolved, device, backend, compute_type)
            _cache[key] = model
        return model


def clear_model_cache() -> None:
    """Forget loaded models (tests, or to free memory)."""
    with _lock:
        _cache.clear()


def release_model(resolved: ResolvedModel) -> int:
    """Forget every loaded copy of ``resolved`` (any device/backend) so its memory can be freed."""
    with _lock:
        keys = [k for k in _cache if k[:2] == (resolved.location, resolved.kind)]
        for key in keys:
            del _cache[key]
    return len(keys)


def _ct2_auto_device() -> str:
    try:
        import ctranslate2
    except ImportError as exc:
        raise ct2_missing() from exc
    return "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"


def _build(resolved: ResolvedModel, device: str, backend: str, compute_type: str) -> Seq2SeqModel:
    if backend == "transformers":
        from .hf import TransformersModel

        return TransformersModel(resolved, device=device)
    try:
        from .ct2 import CTranslate2Model
    except ImportError as exc:
        raise ct2_missing() from exc
    return CTranslate2Model(resolved, device=device, compute_type=compute_type)
