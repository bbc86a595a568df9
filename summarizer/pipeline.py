"""Pipeline: clean -> summarise (Indonesian) -> translate (English) -> fidelity checks."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from .errors import (
    BackendUnavailableError,
    BinaryInputError,
    DeviceError,
    EmptyInputError,
    InputTooLargeError,
    ModelUnavailableError,
    SummarizerError,
)
from .glossary import Glossary, GlossaryLike, load_glossary
from .models import BACKENDS, GenerationSettings, load_model, resolve_device, resolve_model
from .presets import LENGTHS, load_prompt
from .results import ArticleResult, CleanResult, ResultWarning, Segment
from .settings import default_backend, default_device, default_summary_model, default_translation_model
from .summarize import AbstractiveSummarizer, ExtractiveSummarizer, Summarizer
from .text.decode import decode_bytes, looks_binary
from .translate import (
    DEFAULT_MIN_CONFIDENCE,
    Progress,
    TranslationResult,
    Translator,
    assemble,
    normalise_for_mt,
    sentence_paragraphs,
    target_warnings,
)

__all__ = ["DEFAULT_MAX_CHARS", "Pipeline", "PipelineOptions"]

logger = logging.getLogger(__name__)

#: Largest article accepted by default (characters after decoding): ~100 pages of news text.
DEFAULT_MAX_CHARS = 300_000
# Failures that are no article's fault: a batch does not retry article by article for them.
_NOT_THE_ARTICLE = (ModelUnavailableError, BackendUnavailableError, DeviceError)
# Fewer words than this after cleaning is a menu, a title or a scrap, not an article.
_MIN_WORDS = 5
# Raw input (HTML, boilerplate included) may be this many times max_chars before cleaning.
_RAW_FACTOR = 4
_SPECIAL_SUMMARY = ("auto", "extractive")
# Generic summary lengths in new tokens for models that are not presets.
_GENERIC_LENGTHS = {"short": (64, 16), "medium": (128, 32), "long": (200, 64)}


@dataclass(frozen=True)
class PipelineOptions:
    """Validated pipeline settings. ``None``-free: env defaults are applied by :class:`Pipeline`."""

    summary_model: str = field(default_factory=default_summary_model)
    translation_model: str = field(default_factory=default_translation_model)
    device: str = field(default_factory=default_device)
    backend: str = field(default_factory=default_backend)
    compute_type: str = "default"
    summary_length: str = "medium"
    max_chars: int = DEFAULT_MAX_CHARS
    guard: bool = True
    max_batch_tokens: int = 2048
    max_batch_size: int = 16
    #: Segments below this confidence get a ``low_confidence`` warning (0 turns it off).
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    #: House terms enforced in every translation (a path or mapping is loaded into a Glossary).
    glossary: Glossary | None = None

    @classmethod
    def given(cls, **values: Any) -> PipelineOptions:
        """Options from keyword values where ``None`` means "the default" (env vars included)."""
        return cls(**{k: v for k, v in values.items() if v is not None})

    def __post_init__(self) -> None:
        if self.summary_length not in LENGTHS:
            raise ValueError(f"summary_length must be one of {LENGTHS}, not {self.summary_length!r}")
        if self.backend not in BACKENDS:
            raise ValueError(f"backend must be one of {BACKENDS}, not {self.backend!r}")
        resolve_device(self.device if self.device != "auto" else "cpu")  # validates the spelling only
        if self.max_chars < 1 or self.max_batch_tokens < 1 or self.max_batch_size < 1:
            raise ValueError("max_chars, max_batch_tokens and max_batch_size must be positive")
        if not 0.0 <= self.min_confidence <= 1.0:
            raise ValueError(f"min_confidence must be within [0, 1], not {self.min_confidence}")
        if self.glossary is not None and not isinstance(self.glossary, Glossary):
            object.__setattr__(self, "glossary", load_glossary(self.glossary))


@dataclass
class _Article:
    """One article between stages."""

    clean: CleanResult
    language: str | None
    warnings: list[ResultWarning]
    timings: dict[str, float]
    summary: str = ""
    chunks: int = 1
    summarized: bool = False


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
                summary_model=summary_model,
                translation_model=translation_model,
                device=device,
                backend=backend,
                compute_type=compute_type,
                summary_length=summary_length,
                max_chars=max_chars,
                guard=guard,
                min_confidence=min_confidence,
                glossary=load_glossary(glossary),
            )
        self.options = options
        # Resolve (not load) now so a typo fails at construction, not on the first article.
        summary_spec = options.summary_model.strip()
        self._summary_spec = (
            summary_spec.lower() if summary_spec.lower() in _SPECIAL_SUMMARY else summary_spec
        )
        self._summary_resolved = (
            None if self._summary_spec in _SPECIAL_SUMMARY else resolve_model(summary_spec, "summary")
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
                yield from self._raise_in_place(self.run_batch(batch, full=full, **kwargs))
                batch = []
        if batch:
            yield from self._raise_in_place(self.run_batch(batch, full=full, **kwargs))

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
        prepared: list[_Article | SummarizerError] = []
        for text in texts:
            try:
                prepared.append(self._prepare(text, format))
            except SummarizerError as exc:
                prepared.append(exc)
        articles = [a for a in prepared if isinstance(a, _Article)]
        if articles:
            try:
                if any(a.language != "en" for a in articles):
                    _ = self.translator  # no translator, no result: fail before summarising anything
                self._summarize(articles, length)
                translated = self._translate(articles, full, progress, terms)
            except SummarizerError as exc:
                if len(articles) == 1 or isinstance(exc, _NOT_THE_ARTICLE):
                    # Not this article's fault: every article gets the same error, no retries.
                    return [exc if isinstance(a, _Article) else a for a in prepared]
                # Isolate the article that broke the shared call; the others still succeed.
                return [
                    a if isinstance(a, SummarizerError) else self._run_one(a, full, length, terms)
                    for a in prepared
                ]
            done = iter(translated)
            return [a if isinstance(a, SummarizerError) else next(done) for a in prepared]
        return list(prepared)  # type: ignore[arg-type]

    def summarize(self, text: str | bytes, *, length: str | None = None, format: str = "auto") -> str:
        """The Indonesian summary of one article (cleaned first)."""
        article = self._prepare(text, format)
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
        text, warnings = self._validate(text)
        # Nothing is cleaned away before translation, so the article limit applies to the text as given.
        if len(text) > self.options.max_chars:
            raise InputTooLargeError(
                f"the text has {len(text):,} characters, above the limit of {self.options.max_chars:,}",
                hint="translate it in parts, or raise the limit (max_chars= / --max-chars)",
            )
        result = self.translator.translate_text(text, progress, glossary=glossary)
        return replace(result, warnings=(*warnings, *result.warnings))

    def clean(self, text: str | bytes, format: str = "auto") -> CleanResult:
        from .text import clean_article

        return clean_article(self._validate(text)[0], format=format)

    @property
    def translator(self) -> Translator:
        with self._lock:
            if self._translator is None:
                model = load_model(
                    self._translation_resolved,
                    device=self.options.device,
                    backend=self.options.backend,
                    compute_type=self.options.compute_type,
                )
                preset = self._translation_resolved.preset
                settings = GenerationSettings(**(preset.generation if preset else {}))
                self._translator = Translator(
                    model,
                    settings,
                    max_batch_tokens=self.options.max_batch_tokens,
                    max_batch_size=self.options.max_batch_size,
                    guard=self.options.guard,
                    min_confidence=self.options.min_confidence,
                    glossary=self.options.glossary,
                )
            return self._translator

    @property
    def summarizer(self) -> Summarizer:
        with self._lock:
            if self._summarizer is None:
                self._summarizer = self._load_summarizer()
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

    def _validate(self, text: str | bytes) -> tuple[str, list[ResultWarning]]:
        warnings: list[ResultWarning] = []
        # Markup and boilerplate may be cut later, so the raw input gets more room than max_chars;
        # but never so much that decoding or HTML parsing a huge blob happens for nothing.
        raw_limit = _RAW_FACTOR * self.options.max_chars
        if isinstance(text, (bytes, bytearray, str)) and len(text) > raw_limit:
            raise InputTooLargeError(
                f"the raw input has {len(text):,} characters/bytes, above {raw_limit:,} "
                f"({_RAW_FACTOR} x max_chars {self.options.max_chars:,}: raw input may hold markup)",
                hint="split it into articles, or raise the limit (max_chars= / --max-chars)",
            )
        if isinstance(text, (bytes, bytearray)):
            text, warnings = decode_bytes(bytes(text))
        elif not isinstance(text, str):
            raise TypeError(f"text must be str or bytes, not {type(text).__name__}")
        elif looks_binary(text):
            raise BinaryInputError("the input looks like binary data, not text")
        if not text.strip():
            raise EmptyInputError("the input is empty", hint="paste or pass an article's text")
        return text, warnings

    def _prepare(self, text: str | bytes, format: str) -> _Article:
        from .text import clean_article, detect_language

        start = time.perf_counter()
        text, warnings = self._validate(text)
        clean = clean_article(text, format=format)
        # The pipeline words the language warning itself: it knows what it does about it.
        warnings.extend(w for w in clean.warnings if w.code != "not_indonesian")
        if len(clean.text) > self.options.max_chars:
            raise InputTooLargeError(
                f"the article has {len(clean.text):,} characters after cleaning, above the limit of "
                f"{self.options.max_chars:,}",
                hint="split it into articles, or raise the limit (max_chars= / --max-chars)",
            )
        if not clean.text.strip():
            raise EmptyInputError(
                "no article text left after cleaning (only boilerplate, markup or nothing)",
                hint="check the input; 'summarizer clean --show-removed' shows what was removed",
            )
        if len(clean.text.split()) < _MIN_WORDS:
            raise EmptyInputError(
                f"too little article text to summarise ({len(clean.text.split())} word(s) after cleaning: "
                f"{clean.text[:60]!r})",
                hint="pass the article body; 'summarizer clean --show-removed' shows what was removed",
            )
        language = clean.language or detect_language(clean.text)
        if language in ("en", "ms"):
            name = {"en": "English", "ms": "Malay"}[language]
            note = "it is summarised but not translated" if language == "en" else "results may be weaker"
            warnings.append(
                ResultWarning(
                    code="not_indonesian",
                    message=f"the article looks {name}, not Indonesian; {note}",
                    span=language,
                    stage="clean",
                )
            )
        return _Article(clean, language, warnings, {"clean": time.perf_counter() - start})

    def _load_summarizer(self) -> Summarizer:
        if self._summary_spec == "extractive":
            return ExtractiveSummarizer()
        resolved = self._summary_resolved or resolve_model("default", "summary")
        try:
            model = load_model(
                resolved,
                device=self.options.device,
                backend=self.options.backend,
                compute_type=self.options.compute_type,
            )
        except ModelUnavailableError as exc:
            if self._summary_spec != "auto":
                raise
            logger.warning("summary model unavailable, using the extractive summariser: %s", exc.message)
            self._summary_notice = ResultWarning(
                code="summary_fallback",
                message=(
                    f"the summary model {resolved.model_id} is not available here, so the offline extractive "
                    f"summariser was used. To fix: {exc.hint or 'download the model'}"
                ),
                stage="summary",
            )
            return ExtractiveSummarizer()
        preset = resolved.preset
        if preset is not None:
            prompt = load_prompt(preset.prompt) if preset.prompt else "{text}"
            base = GenerationSettings(**preset.generation)
            lengths = {name: base.updated(**preset.length_settings(name)) for name in LENGTHS}
        else:
            prompt = getattr(model, "summary_prefix", "") + "{text}"
            lengths = {
                name: GenerationSettings(max_new_tokens=mx, min_new_tokens=mn)
                for name, (mx, mn) in _GENERIC_LENGTHS.items()
            }
        return AbstractiveSummarizer(model, lengths, prompt=prompt)

    def _summarize(self, articles: list[_Article], length: str) -> None:
        articles = [a for a in articles if not a.summarized]
        if not articles:
            return
        start = time.perf_counter()
        summarizer = self.summarizer
        outputs = summarizer.summarize_many([a.clean.text for a in articles], length)
        share = (time.perf_counter() - start) / len(articles)
        from .fidelity import check_fidelity
        from .summarize.extractive import extractive_summary

        for article, out in zip(articles, outputs):
            article.summary, article.chunks, article.summarized = out.text, out.chunks, True
            article.timings["summary"] = share
            if self._summary_notice is not None:
                article.warnings.append(self._summary_notice)
            if out.chunks > 1:
                article.warnings.append(
                    ResultWarning(
                        code="summary_chunked",
                        message=f"the article is longer than the summary model's input, so it was "
                        f"summarised in {out.chunks} parts and combined",
                        stage="summary",
                    )
                )
            if not out.text.strip():
                article.summary = " ".join(extractive_summary(article.clean.text, length=length))
                article.warnings.append(
                    ResultWarning(
                        code="empty_summary",
                        message="the summary model returned nothing; the extractive summary is shown instead",
                        stage="summary",
                    )
                )
            # The span says what is wrong; copying the whole article into each warning would bloat JSON.
            article.warnings.extend(
                replace(w, source=None, output=None, target="summary_id")
                for w in check_fidelity(article.clean.text, article.summary, kind="summary")
            )

    def _translate(
        self,
        articles: list[_Article],
        full: bool,
        progress: Progress | None,
        glossary: Glossary | None = None,
    ) -> list[ArticleResult]:
        from .text import split_sentences

        # All sentences of all articles go through one translator call (shared, length-sorted batches).
        plans: list[tuple[list[str], list[list[str]]]] = []
        flat: list[str] = []
        for a in articles:
            paragraphs = sentence_paragraphs(a.clean.paragraphs) if full else []
            if a.language == "en":
                # English input: nothing to translate, but segments still list every sentence.
                plans.append(([], paragraphs))
                continue
            summary_sents = [s for s in split_sentences(a.summary) if s.strip()]
            plans.append((summary_sents, paragraphs))
            flat.extend(summary_sents)
            flat.extend(s for p in paragraphs for s in p)
        start = time.perf_counter()
        scored = self.translator.translate_scored(flat, progress, glossary=glossary) if flat else None
        english = scored.english if scored else []
        scores = scored.scores if scored else []
        warnings = scored.warnings if scored else []
        seconds = time.perf_counter() - start
        by_source: dict[str, list[ResultWarning]] = {}
        for w in warnings:
            by_source.setdefault(getattr(w, "source", None) or "", []).append(w)

        results: list[ArticleResult] = []
        k = 0
        for a, (summary_sents, paragraphs) in zip(articles, plans):
            n = 0 if a.language == "en" else len(summary_sents) + sum(len(p) for p in paragraphs)
            out = english[k : k + n]
            out_scores = scores[k : k + n]
            mine = flat[k : k + n]
            k += n
            a.timings["translation"] = seconds * n / max(1, len(flat))
            sentence_warnings = [w for src in mine for w in by_source.get(normalise_for_mt(src), [])]
            places = [(s, "summary_en", i) for i, s in enumerate(summary_sents)]
            places += [(s, "translation_en", i) for i, s in enumerate(s for p in paragraphs for s in p)]
            a.warnings.extend(target_warnings(list(dict.fromkeys(sentence_warnings)), places))
            a.warnings[:] = list(dict.fromkeys(a.warnings))  # frozen dataclasses: equal warnings merge
            if a.language == "en":
                summary_en = a.summary
                segments = (
                    [Segment(s, s, None, no) for no, p in enumerate(paragraphs) for s in p] if full else []
                )
                translation = a.clean.text if full else None
            else:
                summary_en = " ".join(e for e in out[: len(summary_sents)] if e)
                segments, text_en = assemble(
                    paragraphs, out[len(summary_sents) :], out_scores[len(summary_sents) :]
                )
                translation = text_en if full else None
            a.timings["total"] = sum(a.timings.values())
            results.append(
                ArticleResult(
                    summary_id=a.summary,
                    summary_en=summary_en,
                    clean_text=a.clean.text,
                    translation_en=translation,
                    segments=tuple(segments),
                    warnings=tuple(a.warnings),
                    models=self.model_ids,
                    timings={k2: round(v, 4) for k2, v in a.timings.items()},
                    language=a.language,
                    summary_chunks=a.chunks,
                    removed=a.clean.removed,
                )
            )
        return results

    def _run_one(
        self, article: _Article, full: bool, length: str, glossary: Glossary | None = None
    ) -> ArticleResult | SummarizerError:
        try:
            self._summarize([article], length)
            return self._translate([article], full, None, glossary)[0]
        except SummarizerError as exc:
            return exc

    @staticmethod
    def _raise_in_place(results: list[ArticleResult | SummarizerError]) -> Iterator[ArticleResult]:
        for r in results:
            if isinstance(r, SummarizerError):
                raise r
            yield r
