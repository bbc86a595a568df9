"""The per-batch processor (shared by both engines) and the local engine that drives it in-process."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from ..errors import SummarizerError
from .sources import Article, error_code

__all__ = ["RESULT_COLUMNS", "BatchProcessor", "LocalEngine", "articles_to_batch"]

logger = logging.getLogger(__name__)

#: Columns of what :class:`BatchProcessor` returns: plain strings, so Arrow (Ray) never guesses a schema.
RESULT_COLUMNS = ("id", "result", "error_code", "error_message", "error_hint", "language")


def articles_to_batch(articles: Sequence[Article]) -> dict[str, list[str]]:
    """The column batch a :class:`BatchProcessor` takes (what Ray Data hands to ``map_batches``)."""
    return {
        "id": [a.id for a in articles],
        "text": [a.text for a in articles],
        "format": [a.format for a in articles],
    }


class BatchProcessor:
    """Turn a batch of articles into results with ONE Pipeline (one model load) per instance.

    ``__call__`` takes columns ``id``, ``text``, ``format`` and returns :data:`RESULT_COLUMNS`;
    ``result`` is ``ArticleResult.to_dict()`` as JSON, or ``""`` with the error columns set, or
    ``""`` with ``language`` set when ``languages`` leaves the article out (no model time spent).
    All articles of a batch go through ``Pipeline.run_batch`` together, so their sentences share
    model calls. The same class runs locally and as a Ray Data actor.
    """

    def __init__(
        self,
        pipeline_options: Mapping[str, Any],
        full: bool = False,
        length: str | None = None,
        languages: Iterable[str] = (),
    ) -> None:
        from ..pipeline import Pipeline, PipelineOptions

        self.pipeline = Pipeline(options=PipelineOptions(**pipeline_options))
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

    def __call__(self, batch: Mapping[str, Iterable[Any]]) -> dict[str, list[str]]:
        ids = [str(v) for v in batch["id"]]
        texts = [str(v) for v in batch["text"]]
        formats = [str(v) for v in batch["format"]]
        out: dict[str, list[str]] = {name: [""] * len(ids) for name in RESULT_COLUMNS}
        out["id"] = ids
        if self.languages:
            for i, language in enumerate(self._left_out(texts, formats)):
                out["language"][i] = language or ""
        todo = [i for i in range(len(ids)) if not out["language"][i]]
        if any(texts[i].strip() for i in todo):
            self._load()
        # run_batch takes one input format; groups keep sentence sharing within each format.
        for fmt in dict.fromkeys(formats[i] for i in todo):
            rows = [i for i in todo if formats[i] == fmt]
            for i, result in zip(rows, self._run([texts[i] for i in rows], fmt), strict=True):
                if isinstance(result, BaseException):
                    out["error_code"][i] = error_code(result)
                    out["error_message"][i] = getattr(result, "message", None) or str(result) or repr(result)
                    out["error_hint"][i] = getattr(result, "hint", None) or ""
                else:
                    out["result"][i] = json.dumps(result.to_dict(), ensure_ascii=False)
        return out

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
        pipeline_options: Mapping[str, Any],
        full: bool,
        length: str | None,
        languages: Iterable[str] = (),
    ) -> None:
        self._args = (dict(pipeline_options), full, length, tuple(languages))
        self._processor: BatchProcessor | None = None

    def process(
        self, batches: Iterable[list[Article]], stop: threading.Event | None = None
    ) -> Iterator[dict[str, list[str]]]:
        """Results per batch, in order; models load on the first batch (not at all if none come).

        ``stop`` is honoured by the feeder: the batch being processed always completes.
        """
        for batch in batches:
            if self._processor is None:
                self._processor = BatchProcessor(*self._args)
            yield self._processor(articles_to_batch(batch))

    def close(self) -> None:
        self._processor = None
