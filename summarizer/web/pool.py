"""The pipelines one server shares between requests: one per summary model, least recently used evicted."""

from __future__ import annotations

import logging
import threading
from dataclasses import replace

from ..pipeline import Pipeline, PipelineOptions
from .config import WebConfig

__all__ = ["MAX_PIPELINES", "clear_pipelines", "forget_pipeline", "get_pipeline"]

logger = logging.getLogger(__name__)

#: Distinct summary models one server keeps loaded; beyond that the least recently used is evicted.
MAX_PIPELINES = 4

# Insertion order is use order: the first entry is the least recently used.
_pipelines: dict[PipelineOptions, Pipeline] = {}
_pipelines_lock = threading.Lock()


def get_pipeline(config: WebConfig, summary_model: str | None = None) -> Pipeline:
    """The shared Pipeline for ``summary_model`` (default: the config's), built once per process.

    At most :data:`MAX_PIPELINES` are kept: a new model evicts the least recently used one (never
    the config's own), so no visitor can lock the others out by filling the slots.
    """
    key = _key(config, summary_model)
    with _pipelines_lock:
        pipe = _pipelines.get(key)
        if pipe is not None:
            _pipelines[key] = _pipelines.pop(key)  # most recently used last
            return pipe
        pipe = Pipeline(options=key)
        _pipelines[key] = pipe
        pinned = _key(config, None)
        while len(_pipelines) > MAX_PIPELINES:
            oldest = next(k for k in _pipelines if k != pinned)
            _release(_pipelines.pop(oldest))
        return pipe


def forget_pipeline(config: WebConfig, summary_model: str | None) -> None:
    """Drop the pipeline of a model that failed: it must not hold one of the :data:`MAX_PIPELINES` slots."""
    key = _key(config, summary_model)
    with _pipelines_lock:
        pipe = _pipelines.pop(key, None) if key != _key(config, None) else None
        if pipe is not None:
            _release(pipe)


def clear_pipelines() -> None:
    """Forget the shared pipelines (tests; loaded models stay in the model cache)."""
    with _pipelines_lock:
        _pipelines.clear()


def _key(config: WebConfig, summary_model: str | None) -> PipelineOptions:
    # The options themselves are the key: frozen, hashable, and they say everything a Pipeline is.
    spec = (summary_model or "").strip() or config.summary_model
    return replace(config.pipeline, summary_model=spec)


def _release(pipe: Pipeline) -> None:
    """Drop an evicted pipeline's summary model from the model cache unless a kept pipeline uses it."""
    from ..models import release_model

    resolved = pipe._summary_resolved
    if resolved is None:
        return
    if any(p._summary_resolved == resolved for p in _pipelines.values()):
        return
    if release_model(resolved):
        logger.info("released summary model %s", resolved.model_id)
