"""Frozen result types. Every public result has ``to_dict()`` giving JSON-ready data."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Any, NamedTuple

__all__ = [
    "ArticleResult",
    "CleanResult",
    "FidelityWarning",
    "Removal",
    "ResultWarning",
    "Segment",
]


def _jsonable(value: Any) -> Any:
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def _frozen_map(value: Mapping | None) -> Mapping:
    return MappingProxyType(dict(value or {}))


@dataclass(frozen=True)
class ResultWarning:
    """Something the user should know about a result.

    ``code`` is stable and machine-readable (e.g. ``summary_fallback``, ``number_mismatch``);
    ``span`` is the offending text when there is one; ``stage`` is where it arose
    (clean, summary, translation).
    """

    code: str
    message: str
    span: str | None = None
    stage: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class FidelityWarning(ResultWarning):
    """A number, name or fluency problem found by comparing an output with its source."""

    source: str | None = None
    output: str | None = None


@dataclass(frozen=True)
class Removal:
    """One cut the cleaner made: the rule that fired and the exact text removed."""

    rule: str
    text: str

    def to_dict(self) -> dict[str, str]:
        return {"rule": self.rule, "text": self.text}


@dataclass(frozen=True)
class CleanResult:
    """A cleaned article: text (paragraphs joined by a blank line), its paragraphs, what was cut."""

    text: str
    paragraphs: tuple[str, ...]
    removed: tuple[Removal, ...] = ()
    language: str | None = None
    warnings: tuple[ResultWarning, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _jsonable(getattr(self, f.name)) for f in fields(self)}


class Segment(NamedTuple):
    """One source sentence and its English translation (unpacks as ``source, english``)."""

    source: str
    english: str

    def to_dict(self) -> dict[str, str]:
        return {"source": self.source, "english": self.english}


@dataclass(frozen=True)
class ArticleResult:
    """What ``Pipeline.run`` returns for one article."""

    summary_id: str
    summary_en: str
    clean_text: str
    translation_en: str | None = None
    segments: tuple[Segment, ...] = ()
    warnings: tuple[ResultWarning, ...] = ()
    models: Mapping[str, str] = field(default_factory=dict)
    timings: Mapping[str, float] = field(default_factory=dict)
    language: str | None = None
    summary_chunks: int = 1
    removed: tuple[Removal, ...] = ()

    def __post_init__(self) -> None:
        # Tuples and read-only maps keep a "frozen" result really immutable.
        object.__setattr__(self, "segments", tuple(Segment(*s) for s in self.segments))
        object.__setattr__(self, "warnings", tuple(self.warnings))
        object.__setattr__(self, "removed", tuple(self.removed))
        object.__setattr__(self, "models", _frozen_map(self.models))
        object.__setattr__(self, "timings", _frozen_map(self.timings))

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _jsonable(getattr(self, f.name)) for f in fields(self)}
