"""What one web app serves: :class:`WebConfig` and the choices the page offers."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

from ..pipeline import PipelineOptions

__all__ = ["SUMMARY_CHOICES", "UPLOAD_TYPES", "WebConfig", "model_choices", "web_config"]

#: Summary model choices offered in the page (a custom path or hub id can be typed in too).
SUMMARY_CHOICES = ("auto", "default", "fast", "extractive")
#: File types the upload accepts.
UPLOAD_TYPES = (".txt", ".md", ".html", ".htm")


@dataclass(frozen=True)
class WebConfig:
    """What one web app serves: the pipeline's options (env defaults apply) and the page's own."""

    pipeline: PipelineOptions = field(default_factory=PipelineOptions)
    full: bool = True
    concurrency_limit: int = 1
    queue_size: int = 32
    allow_custom_models: bool = True

    def __post_init__(self) -> None:
        if self.concurrency_limit < 1 or self.queue_size < 1:
            raise ValueError("concurrency_limit and queue_size must be positive")

    @property
    def summary_model(self) -> str:
        return self.pipeline.summary_model

    @property
    def summary_length(self) -> str:
        return self.pipeline.summary_length

    @property
    def max_chars(self) -> int:
        return self.pipeline.max_chars

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def web_config(**values: Any) -> WebConfig:
    """A :class:`WebConfig` from flat keyword values: its own fields, the rest go to the pipeline.

    ``None`` means "the default" for pipeline options (env vars included), as in
    :meth:`PipelineOptions.given`.
    """
    own = {f.name for f in fields(WebConfig)}
    pipeline = PipelineOptions.given(**{k: v for k, v in values.items() if k not in own})
    return WebConfig(pipeline=pipeline, **{k: v for k, v in values.items() if k in own})


def model_choices(config: WebConfig) -> tuple[str, ...]:
    """The summary models listed in the page: the presets plus the configured one."""
    return tuple(dict.fromkeys((*SUMMARY_CHOICES, config.summary_model)))
