"""Pipeline: clean -> summarise (Indonesian) -> translate (English) -> fidelity checks.

The :class:`Pipeline` conducts: it holds the options, builds each stage lazily once, and runs
articles through intake (:mod:`.intake`), the summary stage (:mod:`.summarize`) and the translation
stage (:mod:`.translate`), isolating the article that breaks a shared model call.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any

from .errors import BackendUnavailableError, DeviceError, ModelUnavailableError, SummarizerError
from .glossary import Glossary, GlossaryLike, load_glossary
from .intake import Article, check_translatable, prepare, validate
from .models import GenerationSettings, ResolvedModel, Seq2SeqModel, load_model, resolve_model
from .options import PipelineOptions
from .presets import DEFAULT_MAX_CHARS, LENGTHS, RAW_FACTOR
from .results import ArticleResult, CleanResult, ResultWarning
from .summarize import Summarizer
from .summarize.factory import SPECIAL_SUMMARY, load_summarizer
from .summarize.stage import summarize_articles
from .translate import Progress, TranslationResult, Translator
from .translate.articles import translate_articles

__all__ = ["DEFAULT_MAX_CHARS", "Pipeline", "PipelineOptions"]

# Kept under the old private name for callers that computed the raw limit from it.
_RAW_FACTOR = RAW_FACTOR
# Failures that are no article's fault: a batch does not retry article by article for them.
_NOT_THE_ARTICLE = (ModelUnavailableError, BackendUnavailableError, DeviceError)


class Pipeline:
    """Summarise Indonesian news and translate it into English. Models load lazily, once."""

    def __init__(
        self,
        summary_model: str | None = None,
        translation_model: str | None = None,
        device: str | None = None,
        *,
        backend: str | None = None,
        compute_type: str = "default",
        summary_length: str = "medium",
        max_chars: int = DEFAULT_MAX_CHARS,
        guard: bool = True,
        min_confidence: float | None = None,
        glossary: GlossaryLike = None,
        options: PipelineOptions | None = None,
    ) -> None:
        if options is None:
            options = PipelineOptions.given(
                summary_model=summary_model, translation_model=translation_model, device=device,
                backend=backend, compute_type=compute_type, summary_length=summary_length,
                max_chars=max_chars, guard=guard, min_confidence=min_confidence,
                glossary=load_glossary(glossary),
            )  # fmt: skip
        self.options = options
        # Resolve (not load) now so a typo fails at construction, not on the first article.
        spec = options.summary_model.strip()
        self._summary_spec = spec.lower() if spec.lower() in SPECIAL_SUMMARY else spec
        self._summary_resolved = (
            None if self._summary_spec in SPECIAL_SUMMARY else resolve_model(spec, "summary")
        )
        self._translation_resolved = resolve_model(options.translation_model, "translation")
        self._lock = threading.Lock()
        self._summarizer: Summarizer | None = None
        self._summary_notice: ResultWarning | None = None
        self._translator: Translator | None = None

    # -- public API ------------------------------------------------------------------------------

    def run(
        self,
        text: str | bytes,
        full: bool = False,
        *,
        length: str | None = None,
        format: str = "auto",
        progress: Progress | None = None,
        glossary: GlossaryLike = None,
    ) -> ArticleResult:
        """Clean, summarise and translate one article (the whole article too with ``full=True``).

        ``glossary`` replaces the pipeline's own glossary for this call.
        """
        result = self.run_batch(
            [text], full=full, length=length, format=format, progress=progress, glossary=glossary
        )[0]
        if isinstance(result, SummarizerError):
            raise result
        return result

    def run_many(
        self, texts: Iterable[str | bytes], full: bool = False, *, batch_size: int = 16, **kwargs: Any
    ) -> Iterator[ArticleResult]:
        """Results in input order; articles are processed ``batch_size`` at a time and share model calls.

        Raises the first article's error when it comes up; use :meth:`run_batch` to get errors in place.
        """
        batch: list[str | bytes] = []
        for text in texts:
            batch.append(text)
            if len(batch) >= batch_size:
                yield from _raise_in_place(self.run_batch(batch, full=full, **kwargs))
                batch = []
        if batch:
            yield from _raise_in_place(self.run_batch(batch, full=full, **kwargs))

    def run_batch(
        self,
        texts: Sequence[str | bytes],
        full: bool = False,
        *,
        length: str | None = None,
        format: str = "auto",
        progress: Progress | None = None,
        glossary: GlossaryLike = None,
    ) -> list[ArticleResult | SummarizerError]:
        """Process many articles together; a bad article yields its error in place, the rest go on."""
        length = self._length(length)
        terms = load_glossary(glossary) if glossary is not None else self.options.glossary
        prepared = [self._prepare_or_error(text, format) for text in texts]
        articles = [a for a in prepared if isinstance(a, Article)]
        if not articles:
            return list(prepared)  # type: ignore[arg-type]
        try:
            if any(a.language != "en" for a in articles):
                _ = self.translator  # no translator, no result: fail before summarising anything
            translated = iter(self._process(articles, full, length, progress, terms))
        except SummarizerError as exc:
            if len(articles) == 1 or isinstance(exc, _NOT_THE_ARTICLE):
                # Not this article's fault: every article gets the same error, no retries.
                return [exc if isinstance(a, Article) else a for a in prepared]
            # Isolate the article that broke the shared call; the others still succeed.
            return [
                a if isinstance(a, SummarizerError) else self._run_one(a, full, length, terms)
                for a in prepared
            ]
        return [a if isinstance(a, SummarizerError) else next(translated) for a in prepared]

    def summarize(self, text: str | bytes, *, length: str | None = None, format: str = "auto") -> str:
        """The Indonesian summary of one article (cleaned first)."""
        article = prepare(text, format=format, max_chars=self.options.max_chars)
        self._summarize([article], self._length(length))
        return article.summary

    def translate(
        self, text: str | bytes, progress: Progress | None = None, *, glossary: GlossaryLike = None
    ) -> str:
        """English translation of ``text`` as given (not cleaned), paragraphs kept."""
        return self.translate_detailed(text, progress, glossary=glossary).text

    def translate_detailed(
        self, text: str | bytes, progress: Progress | None = None, *, glossary: GlossaryLike = None
    ) -> TranslationResult:
        """Like :meth:`translate` but returns segments (with scores) and warnings too."""
        text, warnings = validate(text, self.options.max_chars)
        check_translatable(text, self.options.max_chars)
        result = self.translator.translate_text(text, progress, glossary=glossary)
        return replace(result, warnings=(*warnings, *result.warnings))

    def clean(self, text: str | bytes, format: str = "auto") -> CleanResult:
        from .text import clean_article

        return clean_article(validate(text, self.options.max_chars)[0], format=format)

    @property
    def translator(self) -> Translator:
        with self._lock:
            if self._translator is None:
                options, preset = self.options, self._translation_resolved.preset
                self._translator = Translator(
                    self._load_model(self._translation_resolved),
                    GenerationSettings(**(preset.generation if preset else {})),
                    max_batch_tokens=options.max_batch_tokens,
                    max_batch_size=options.max_batch_size,
                    guard=options.guard,
                    min_confidence=options.min_confidence,
                    glossary=options.glossary,
                )
            return self._translator

    @property
    def summarizer(self) -> Summarizer:
        with self._lock:
            if self._summarizer is None:
                resolved = self._summary_resolved or resolve_model("default", "summary")
                self._summarizer, self._summary_notice = load_summarizer(
                    self._summary_spec, resolved, load=self._load_model
                )
            return self._summarizer

    @property
    def model_ids(self) -> dict[str, str]:
        """What each stage uses, as reported in results (loads nothing)."""
        if self._summary_resolved is not None:
            summary = self._summary_resolved.model_id
        elif self._summarizer is not None:
            summary = self._summarizer.model_id
        else:
            summary = self._summary_spec
        return {
            "summary": summary,
            "translation": self._translation_resolved.model_id,
            "backend": self.options.backend,
        }

    # -- stages ----------------------------------------------------------------------------------

    def _length(self, length: str | None) -> str:
        length = length or self.options.summary_length
        if length not in LENGTHS:
            raise ValueError(f"length must be one of {LENGTHS}, not {length!r}")
        return length

    def _load_model(self, resolved: ResolvedModel) -> Seq2SeqModel:
        options = self.options
        return load_model(
            resolved, device=options.device, backend=options.backend, compute_type=options.compute_type
        )

    def _prepare_or_error(self, text: str | bytes, format: str) -> Article | SummarizerError:
        try:
            return prepare(text, format=format, max_chars=self.options.max_chars)
        except SummarizerError as exc:
            return exc

    def _summarize(self, articles: list[Article], length: str) -> None:
        if any(not a.summarized for a in articles):
            summarize_articles(self.summarizer, articles, length, self._summary_notice)

    def _process(
        self,
        articles: list[Article],
        full: bool,
        length: str,
        progress: Progress | None,
        glossary: Glossary | None,
    ) -> list[ArticleResult]:
        self._summarize(articles, length)
        return translate_articles(
            lambda: self.translator,
            articles,
            full=full,
            models=self.model_ids,
            progress=progress,
            glossary=glossary,
        )

    def _run_one(
        self, article: Article, full: bool, length: str, glossary: Glossary | None = None
    ) -> ArticleResult | SummarizerError:
        try:
            return self._process([article], full, length, None, glossary)[0]
        except SummarizerError as exc:
            return exc


def _raise_in_place(results: list[ArticleResult | SummarizerError]) -> Iterator[ArticleResult]:
    for r in results:
        if isinstance(r, SummarizerError):
            raise r
        yield r
