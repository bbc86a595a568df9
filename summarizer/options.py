"""``PipelineOptions``: the one validated settings object every entry point passes around."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .glossary import Glossary, load_glossary
from .models import BACKENDS, resolve_device
from .presets import DEFAULT_MAX_CHARS, LENGTHS
from .settings import default_backend, default_device, default_summary_model, default_translation_model
from .translate import DEFAULT_MIN_CONFIDENCE

__all__ = ["PipelineOptions"]


@dataclass(frozen=True)
class PipelineOptions:
    """Validated pipeline settings. ``None``-free: env defaults are applied by :class:`Pipeline`."""

    summary_model: str = field(default_factory=default_summary_model)
    translation_model: str = field(default_factory=default_translation_model)
    device: str = field(default_factory=default_device)
    backend: str = field(default_factory=default_backend)
    compute_type: str = "default"
    summary_length: str = "medium"
    max_chars: int = DEFAULT_MAX_CHARS
    guard: bool = True
    max_batch_tokens: int = 2048
    max_batch_size: int = 16
    #: Segments below this confidence get a ``low_confidence`` warning (0 turns it off).
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    #: House terms enforced in every translation (a path or mapping is loaded into a Glossary).
    glossary: Glossary | None = None

    @classmethod
    def given(cls, **values: Any) -> PipelineOptions:
        """Options from keyword values where ``None`` means "the default" (env vars included)."""
        return cls(**{k: v for k, v in values.items() if v is not None})

    def __post_init__(self) -> None:
        if self.summary_length not in LENGTHS:
            raise ValueError(f"summary_length must be one of {LENGTHS}, not {self.summary_length!r}")
        if self.backend not in BACKENDS:
            raise ValueError(f"backend must be one of {BACKENDS}, not {self.backend!r}")
        resolve_device(self.device if self.device != "auto" else "cpu")  # validates the spelling only
        if self.max_chars < 1 or self.max_batch_tokens < 1 or self.max_batch_size < 1:
            raise ValueError("max_chars, max_batch_tokens and max_batch_size must be positive")
        if not 0.0 <= self.min_confidence <= 1.0:
            raise ValueError(f"min_confidence must be within [0, 1], not {self.min_confidence}")
        if self.glossary is not None and not isinstance(self.glossary, Glossary):
            object.__setattr__(self, "glossary", load_glossary(self.glossary))
