"""The contract between the batch driver and the engines that run articles through the models.

An engine takes batches of :class:`~summarizer.batch.sources.Article` and yields, for each article,
its id and its :data:`Outcome`. How the articles travel (in process, or to Ray actors and back) is
the engine's own business; the driver only ever sees outcomes. The engines import this contract;
the driver (:mod:`.job`) picks one with :func:`~summarizer.batch.job.make_engine`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol, TypeAlias

from ..errors import SummarizerError
from .items import Article, error_code

__all__ = ["ArticleError", "Engine", "Outcome", "ResultLike", "SkippedLanguage", "as_error"]


class ResultLike(Protocol):
    """An ``ArticleResult``, or what an engine decoded of one: all the driver needs is its dict."""

    def to_dict(self) -> dict[str, Any]: ...


@dataclass(frozen=True)
class SkippedLanguage:
    """An article ``languages`` leaves out, detected as ``language`` (no model time spent on it)."""

    language: str


class ArticleError(SummarizerError, code="article"):
    """One article's failure whose code is known per instance, not per class.

    Engines use it for an unexpected exception (a bug, a torch failure: named after its class, as
    errors.jsonl always did) and for errors that came back over a wire.
    """

    def __init__(self, code: str, message: str, *, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.code = code


#: What an engine yields per article.
Outcome: TypeAlias = "ResultLike | SummarizerError | SkippedLanguage"


def as_error(exc: BaseException) -> SummarizerError:
    """A library error as it is; anything else as an :class:`ArticleError` that keeps its class name."""
    if isinstance(exc, SummarizerError):
        return exc
    message = getattr(exc, "message", None) or str(exc) or repr(exc)
    return ArticleError(error_code(exc), message)


class Engine(Protocol):
    """Runs article batches through the models; ``close`` frees what it holds (models, a Ray)."""

    name: str

    def process(
        self, batches: Iterable[list[Article]], stop: threading.Event | None = None
    ) -> Iterator[tuple[str, Outcome]]:
        """``(article id, outcome)`` for every article of ``batches``; ``stop`` ends early, cleanly."""
        ...

    def close(self) -> None: ...
