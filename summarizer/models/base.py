"""The small interface every inference backend implements, and its generation settings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any, Protocol, runtime_checkable

from ..errors import DeviceError

__all__ = ["GenerationSettings", "Seq2SeqModel", "resolve_device"]

_DEVICES = ("auto", "cpu", "cuda", "mps")


@dataclass(frozen=True)
class GenerationSettings:
    """Decoding settings; ``None`` means "use the model's own generation_config"."""

    num_beams: int | None = None
    max_new_tokens: int | None = None
    min_new_tokens: int | None = None
    no_repeat_ngram_size: int | None = None
    repetition_penalty: float | None = None
    length_penalty: float | None = None

    def __post_init__(self) -> None:
        for name in ("num_beams", "max_new_tokens"):
            value = getattr(self, name)
            if value is not None and value < 1:
                raise ValueError(f"{name} must be >= 1, got {value}")
        for name in ("min_new_tokens", "no_repeat_ngram_size"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise ValueError(f"{name} must be >= 0, got {value}")
        if self.repetition_penalty is not None and self.repetition_penalty <= 0:
            raise ValueError("repetition_penalty must be > 0")
        low, high = self.min_new_tokens, self.max_new_tokens
        if low is not None and high is not None and low > high:
            raise ValueError(f"min_new_tokens {low} > max_new_tokens {high}")

    def updated(self, **changes: Any) -> GenerationSettings:
        """A copy with ``changes`` applied (``None`` values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    def to_kwargs(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}


@runtime_checkable
class Seq2SeqModel(Protocol):
    """A loaded encoder-decoder model plus its tokenizer.

    Callers batch and split; a backend never truncates: an input longer than
    ``max_input_tokens`` raises :class:`~summarizer.errors.GenerationError`.
    """

    model_id: str
    backend: str
    device: str
    max_input_tokens: int
    generation_defaults: GenerationSettings
    #: Put before a text to summarise (a generic T5's "summarize: "); "" when the model needs none.
    summary_prefix: str

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Source tokens per text, special tokens included."""
        ...

    def split_tokens(self, text: str, max_tokens: int) -> list[str]:
        """Cut ``text`` into pieces of at most ``max_tokens`` tokens each (last-resort split)."""
        ...

    def generate(self, texts: Sequence[str], settings: GenerationSettings) -> list[str]:
        """One model call for one batch; returns one string per input, in order."""
        ...


def resolve_device(device: str, *, check: bool = True) -> str:
    """'auto' -> 'cuda' when torch sees a GPU, else 'cpu'. With ``check``, a named device must exist here."""
    device = (device or "auto").strip().lower()
    base, _, index = device.partition(":")
    if base not in _DEVICES or (index and (base != "cuda" or not index.isdigit())):
        raise DeviceError(
            f"unknown device {device!r}", hint=f"use one of {', '.join(_DEVICES)} or cuda:N (e.g. cuda:1)"
        )
    if device == "cpu" or (device != "auto" and not check):
        return device
    try:
        import torch
    except ImportError:
        torch = None
    if device == "auto":
        return "cuda" if torch is not None and torch.cuda.is_available() else "cpu"
    if base == "cuda":
        count = torch.cuda.device_count() if torch is not None and torch.cuda.is_available() else 0
        if count <= (int(index) if index else 0):
            raise DeviceError(
                f"device {device!r} is not available ({count} CUDA device(s) visible)",
                hint="use --device cpu or auto (SUMMARIZER_DEVICE), or install a CUDA build of torch",
            )
    if base == "mps" and not (torch is not None and torch.backends.mps.is_available()):
        raise DeviceError("device 'mps' is not available here", hint="use --device cpu or auto")
    return device
