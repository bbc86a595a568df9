"""Typed errors. Library code raises these; the CLI and web page turn them into one-line messages."""

from __future__ import annotations

import re

__all__ = [
    "BackendUnavailableError",
    "BatchLockedError",
    "BinaryInputError",
    "ComputeTypeError",
    "EmptyInputError",
    "GenerationError",
    "InputError",
    "InputTooLargeError",
    "ModelError",
    "ModelUnavailableError",
    "OutputWriteError",
    "RuleTableError",
    "SummarizerError",
    "UnknownPresetError",
]

_SNAKE_CASE = re.compile(r"[a-z]+(?:_[a-z]+)*")


class SummarizerError(Exception):
    """Base class of every error this package raises on purpose.

    ``hint`` says how the user can fix the problem; the CLI and the web page show it. ``code`` is the
    stable snake-case name used in machine-readable outputs (batch errors.jsonl, JSON results).
    """

    code = "summarizer"

    def __init_subclass__(cls, *, code: str | None = None, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if code is not None:
            if not _SNAKE_CASE.fullmatch(code):
                raise TypeError(f"{cls.__name__}: code must be snake_case letters, not {code!r}")
            cls.code = code
        elif cls.__module__.startswith("summarizer.") and "code" not in cls.__dict__:
            # Ours must each name a code: an inherited one would file a new error under its parent's.
            # Users' subclasses (and Ray's on-the-fly RayTaskError mixes) simply inherit theirs.
            raise TypeError(f"{cls.__name__} needs its own code: class {cls.__name__}(..., code='...')")

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class InputError(SummarizerError, ValueError, code="input"):
    """The article text cannot be processed (empty, binary, too large, undecodable)."""


class EmptyInputError(InputError, code="empty_input"):
    """No text left to summarise (empty input, or nothing left after cleaning)."""


class BinaryInputError(InputError, code="binary_input"):
    """The input looks like binary data, not text."""


class InputTooLargeError(InputError, code="input_too_large"):
    """The input is above the configured size limit."""


class ModelError(SummarizerError, code="model"):
    """A model could not be resolved, loaded or run."""


class UnknownPresetError(ModelError, ValueError, code="unknown_preset"):
    """A model spec is neither a preset, a hub id nor a model directory."""


class ModelUnavailableError(ModelError, code="model_unavailable"):
    """A model exists in principle but cannot be loaded here (offline, not cached, bad files)."""


class BackendUnavailableError(ModelError, code="backend_unavailable"):
    """An optional inference backend (e.g. CTranslate2) is not installed or cannot run."""


class GenerationError(ModelError, code="generation"):
    """The model failed while generating."""


class DeviceError(SummarizerError, ValueError, code="device"):
    """The requested device (cuda, cuda:N, mps) is not available on this machine."""


class ComputeTypeError(BackendUnavailableError, ValueError, code="compute_type"):
    """The requested CTranslate2 compute type is unknown or not supported on this device."""


class OutputWriteError(SummarizerError, code="output_write"):
    """The output folder cannot be written (disk full, read-only, no permission); finished work is kept."""


class BatchLockedError(SummarizerError, code="batch_locked"):
    """Another batch run holds the output folder's lock."""


class RuleTableError(SummarizerError, ValueError, code="rule_table"):
    """A cleaning rule table (``rules.toml``) is malformed; the message names the row."""
