"""The CTranslate2 runtime: its import (with the install hint), devices, compute types, CPU threads."""

from __future__ import annotations

import os
from typing import Any

from ...errors import BackendUnavailableError, ComputeTypeError
from ..common import ct2_missing

__all__ = ["COMPUTE_TYPES", "load_ct2", "resolve_compute_type", "split_device", "thread_layout"]

COMPUTE_TYPES = (
    "default", "auto", "int8", "int8_float32", "int8_float16", "int8_bfloat16",
    "int16", "float16", "bfloat16", "float32",
)  # fmt: skip


def load_ct2() -> Any:
    """The ``ctranslate2`` module, imported on first use (a typed error with the fix when missing)."""
    try:
        import ctranslate2
    except ImportError as exc:
        raise ct2_missing("the CTranslate2 backend is not installed") from exc
    return ctranslate2


def split_device(device: str) -> tuple[str, int]:
    """'cuda:1' -> ('cuda', 1); CTranslate2 runs on CPU and CUDA only."""
    base, _, index = (device or "cpu").partition(":")
    if base not in ("cpu", "cuda"):
        raise BackendUnavailableError(
            f"CTranslate2 cannot run on {device!r}",
            hint="use --device cpu or cuda, or --backend transformers",
        )
    return base, int(index or 0)


def resolve_compute_type(compute_type: str, device: str = "cpu") -> str:
    """'default'/'auto' -> int8 on CPU, int8_float16 on CUDA; validates against what the device supports."""
    compute_type = (compute_type or "default").strip().lower()
    if compute_type not in COMPUTE_TYPES:
        raise ComputeTypeError(
            f"unknown compute type {compute_type!r}", hint=f"use one of: {', '.join(COMPUTE_TYPES)}"
        )
    base, index = split_device(device)
    if compute_type in ("default", "auto"):
        compute_type = "int8_float16" if base == "cuda" else "int8"
    supported = load_ct2().get_supported_compute_types(base, index)
    if compute_type not in supported:
        raise ComputeTypeError(
            f"compute type {compute_type} is not supported on {device} here",
            hint=f"use one of: {', '.join(sorted(supported))}",
        )
    return compute_type


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def thread_layout(cores: int | None = None) -> tuple[int, int]:
    """(inter_threads, intra_threads) for a CPU: parallel batches beat wide matmuls on few cores."""
    cores = max(1, cores or _cores())
    # Measured on 2 vCPUs: 2 batches x 1 thread is ~2.5x faster than 1 x 2 (speed-notes.md).
    inter = min(2, cores) if cores < 8 else cores // 4
    return inter, max(1, cores // inter)
