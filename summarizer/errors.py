"""Typed errors. Library code raises these; the CLI and web page turn them into one-line messages."""

from __future__ import annotations

__all__ = [
    "BackendUnavailableError",
    "BinaryInputError",
    "ComputeTypeError",
    "EmptyInputError",
    "GenerationError",
    "InputError",
    "InputTooLargeError",
    "ModelError",
    "ModelUnavailableError",
    "SummarizerError",
    "UnknownPresetError",
]


class SummarizerError(Exception):
    """Base class of every error this package raises on purpose.

    ``hint`` says how the user can fix the problem; the CLI and the web page show it.
    """

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class InputError(SummarizerError, ValueError):
    """The article text cannot be processed (empty, binary, too large, undecodable)."""


class EmptyInputError(InputError):
    """No text left to summarise (empty input, or nothing left after cleaning)."""


class BinaryInputError(InputError):
    """The input looks like binary data, not text."""


class InputTooLargeError(InputError):
    """The input is above the configured size limit."""


class ModelError(SummarizerError):
    """A model could not be resolved, loaded or run."""


class UnknownPresetError(ModelError, ValueError):
    """A model spec is neither a preset, a hub id nor a model directory."""


class ModelUnavailableError(ModelError):
    """A model exists in principle but cannot be loaded here (offline, not cached, bad files)."""


class BackendUnavailableError(ModelError):
    """An optional inference backend (e.g. CTranslate2) is not installed or cannot run."""


class GenerationError(ModelError):
    """The model failed while generating."""


class DeviceError(SummarizerError, ValueError):
    """The requested device (cuda, cuda:N, mps) is not available on this machine."""


class ComputeTypeError(BackendUnavailableError, ValueError):
    """The requested CTranslate2 compute type is unknown or not supported on this device."""
