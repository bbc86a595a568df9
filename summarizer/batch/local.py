"""The per-batch processor (shared by both engines) and the local engine that drives it in-process."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from ..errors import SummarizerError
from .engine import Outcome, SkippedLanguage, as_error
from .items import Article

if TYPE_CHECKING:
    from ..pipeline import PipelineOptions

__all__ = ["BatchProcessor", "LocalEngine"]

logger = logging.getLogger(__name__)


class ArticleInput(Protocol):
    """What the processor reads of an article (an :class:`Article`, or what an engine rebuilt of one)."""

    id: str
    text: str
    format: str


class BatchProcessor:
    """Turn a batch of articles into outcomes with ONE Pipeline (one model load) per instance.

    ``__call__`` returns ``(id, outcome)`` per article, in order: the ``ArticleResult``, the
    ``SummarizerError`` it failed with, or :class:`SkippedLanguage` when ``languages`` leaves it out
    (no model time spent). All articles of a batch go through ``Pipeline.run_batch`` together, so
    their sentences share model calls. The same class runs locally and inside Ray actors.
    """

    def __init__(
        self,
        pipeline_options: PipelineOptions,
        full: bool = False,
        length: str | None = None,
        languages: Iterable[str] = (),
    ) -> None:
        from ..pipeline import Pipeline

        self.pipeline = Pipeline(options=pipeline_options)
        self.full = full
        self.length = length
        self.languages = frozenset(languages)
        self._loaded = False

    def _load(self) -> None:
        # Before the first real article: a broken model then fails the job at once (not as N failed
        # articles), while a batch of only blank inputs never loads a model at all.
        if not self._loaded:
            _ = self.pipeline.summarizer, self.pipeline.translator
            self._loaded = True

    def __call__(self, articles: Sequence[ArticleInput]) -> list[tuple[str, Outcome]]:
        texts = [a.text for a in articles]
        formats = [a.format for a in articles]
        outcomes: list[Outcome | None] = [None] * len(articles)
        if self.languages:
            for i, language in enumerate(self._left_out(texts, formats)):
                if language:
                    outcomes[i] = SkippedLanguage(language)
        todo = [i for i, outcome in enumerate(outcomes) if outcome is None]
        if any(texts[i].strip() for i in todo):
            self._load()
        # run_batch takes one input format; groups keep sentence sharing within each format.
        for fmt in dict.fromkeys(formats[i] for i in todo):
            rows = [i for i in todo if formats[i] == fmt]
            for i, result in zip(rows, self._run([texts[i] for i in rows], fmt), strict=True):
                outcomes[i] = as_error(result) if isinstance(result, BaseException) else result
        return [(a.id, outcome) for a, outcome in zip(articles, outcomes, strict=True) if outcome is not None]

    def _left_out(self, texts: list[str], formats: list[str]) -> list[str | None]:
        """The detected language of each article that ``languages`` leaves out, else None.

        Cleaning first (as the pipeline does) so that menus and markup do not sway detection.
        Articles that fail cleaning go on to the pipeline, which reports their error.
        """
        from ..text import clean_article

        out: list[str | None] = []
        for text, fmt in zip(texts, formats, strict=True):
            try:
                clean = clean_article(text, format=fmt)
            except SummarizerError:
                out.append(None)
                continue
            language = clean.language
            out.append(language if clean.text.strip() and language not in self.languages else None)
        return out

    def _run(self, texts: list[str], fmt: str) -> list[Any]:
        try:
            return self.pipeline.run_batch(texts, full=self.full, length=self.length, format=fmt)
        except SummarizerError as exc:
            return [exc] * len(texts)
        except Exception as exc:  # a bug or a torch failure must not sink the other articles
            if len(texts) == 1:
                logger.warning("article failed unexpectedly: %r", exc, exc_info=True)
                return [exc]
            logger.warning("batch failed (%r); retrying its articles one by one", exc)
            return [r for t in texts for r in self._run([t], fmt)]


class LocalEngine:
    """Runs batches in this process, one after another (memory: one batch of articles)."""

    name = "local"

    def __init__(
        self,
        pipeline_options: PipelineOptions,
        full: bool,
        length: str | None,
        languages: Iterable[str] = (),
    ) -> None:
        self._args = (pipeline_options, full, length, tuple(languages))
        self._processor: BatchProcessor | None = None

    def process(
        self, batches: Iterable[list[Article]], stop: threading.Event | None = None
    ) -> Iterator[tuple[str, Outcome]]:
        """Outcomes per article, in order; models load on the first batch (not at all if none come).

        ``stop`` is honoured by the feeder: the batch being processed always completes.
        """
        for batch in batches:
            if self._processor is None:
                self._processor = BatchProcessor(*self._args)
            yield from self._processor(batch)

    def close(self) -> None:
        self._processor = None
