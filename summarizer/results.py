"""Frozen result types. Every public result has ``to_dict()`` giving JSON-ready data."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from math import exp
from types import MappingProxyType
from typing import Any, NamedTuple

__all__ = [
    "TARGETS",
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
    (clean, summary, translation). ``target`` names the output it concerns (``summary_id``,
    ``summary_en`` or ``translation_en``) and ``index`` the sentence of ``summary_en`` or the segment of
    ``translation_en`` when it concerns one, so a viewer can mark rows without matching strings.
    """

    code: str
    message: str
    span: str | None = None
    stage: str | None = None
    #: The output it concerns (one of :data:`TARGETS`), and ``index`` the sentence/segment within it.
    target: str | None = None
    index: int | None = None

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


#: Values of ``ResultWarning.target``.
TARGETS = ("summary_id", "summary_en", "translation_en")


class _Pair(NamedTuple):
    source: str
    english: str


class Segment(_Pair):
    """One source sentence and its English translation.

    Still a 2-tuple (``source, english = seg`` keeps working) with extra attributes: ``score`` is the
    model's length-normalised log-probability of the chosen English (mean log-prob per output token,
    ``None`` for extractive/English passthrough text), ``confidence`` is ``exp(score)`` (the geometric
    mean token probability, in [0, 1]) and ``paragraph`` the 0-based paragraph it belongs to.
    """

    score: float | None
    paragraph: int | None

    def __new__(
        cls, source: str, english: str, score: float | None = None, paragraph: int | None = None
    ) -> Segment:
        self = super().__new__(cls, source, english)
        # tuple subclasses cannot have slots; the instance dict holds the extras, set once here.
        object.__setattr__(self, "score", None if score is None else float(score))
        object.__setattr__(self, "paragraph", paragraph)
        return self

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Segment is immutable")

    def __reduce__(self) -> tuple:
        # namedtuple pickles only the tuple fields; keep the extras across processes (Ray, batch).
        return (type(self), (self.source, self.english, self.score, self.paragraph))

    def __repr__(self) -> str:
        return (
            f"Segment(source={self.source!r}, english={self.english!r}, score={self.score!r}, "
            f"paragraph={self.paragraph!r})"
        )

    def _replace(self, **changes: Any) -> Segment:
        values = {"source": self.source, "english": self.english, "score": self.score}
        values["paragraph"] = self.paragraph
        values.update(changes)
        return Segment(**values)

    @property
    def confidence(self) -> float | None:
        return None if self.score is None else min(1.0, max(0.0, exp(self.score)))

    def to_dict(self) -> dict[str, Any]:
        confidence = self.confidence
        return {
            "source": self.source,
            "english": self.english,
            "score": None if self.score is None else round(self.score, 4),
            "confidence": None if confidence is None else round(confidence, 4),
            "paragraph": self.paragraph,
        }


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
        segments = tuple(s if isinstance(s, Segment) else Segment(*s) for s in self.segments)
        object.__setattr__(self, "segments", segments)
        object.__setattr__(self, "warnings", tuple(self.warnings))
        object.__setattr__(self, "removed", tuple(self.removed))
        object.__setattr__(self, "models", _frozen_map(self.models))
        object.__setattr__(self, "timings", _frozen_map(self.timings))

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _jsonable(getattr(self, f.name)) for f in fields(self)}
