"""Typed errors. Library code raises these; the CLI and web page turn them into one-line messages."""

from __future__ import annotations

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


class SummarizerError(Exception):
    """Base class of every error this package raises on purpose.

    ``hint`` says how the user can fix the problem; the CLI and the web page show it. ``code`` is the
    stable snake-case name used in machine-readable outputs (batch errors.jsonl, JSON results).
    """

    code = "summarizer"

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class InputError(SummarizerError, ValueError):
    """The article text cannot be processed (empty, binary, too large, undecodable)."""

    code = "input"


class EmptyInputError(InputError):
    """No text left to summarise (empty input, or nothing left after cleaning)."""

    code = "empty_input"


class BinaryInputError(InputError):
    """The input looks like binary data, not text."""

    code = "binary_input"


class InputTooLargeError(InputError):
    """The input is above the configured size limit."""

    code = "input_too_large"


class ModelError(SummarizerError):
    """A model could not be resolved, loaded or run."""

    code = "model"


class UnknownPresetError(ModelError, ValueError):
    """A model spec is neither a preset, a hub id nor a model directory."""

    code = "unknown_preset"


class ModelUnavailableError(ModelError):
    """A model exists in principle but cannot be loaded here (offline, not cached, bad files)."""

    code = "model_unavailable"


class BackendUnavailableError(ModelError):
    """An optional inference backend (e.g. CTranslate2) is not installed or cannot run."""

    code = "backend_unavailable"


class GenerationError(ModelError):
    """The model failed while generating."""

    code = "generation"


class DeviceError(SummarizerError, ValueError):
    """The requested device (cuda, cuda:N, mps) is not available on this machine."""

    code = "device"


class ComputeTypeError(BackendUnavailableError, ValueError):
    """The requested CTranslate2 compute type is unknown or not supported on this device."""

    code = "compute_type"


class OutputWriteError(SummarizerError):
    """The output folder cannot be written (disk full, read-only, no permission); finished work is kept."""

    code = "output_write"


class BatchLockedError(SummarizerError):
    """Another batch run holds the output folder's lock."""

    code = "batch_locked"


class RuleTableError(SummarizerError, ValueError):
    """A cleaning rule table (``rules.toml``) is malformed; the message names the row."""

    code = "rule_table"
