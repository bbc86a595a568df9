"""Indonesian -> English translation that never truncates and never drops a sentence.

paragraph -> sentence -> (oversized sentences split by clause, then token window) ->
length-sorted, token-budgeted batches -> original order and paragraph breaks restored.
"""

from __future__ import annotations

import functools
import logging
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..glossary import GlossaryLike, Protected, load_glossary
from ..models.base import GenerationSettings, Seq2SeqModel
from ..results import FidelityWarning, ResultWarning, Segment
from ..review import enforce_glossary
from ..text.chunking import length_sorted_batches, split_oversized
from .sentences import (
    assemble,
    normalise_for_mt,
    sentence_paragraphs,
    sentences_of,
    target_warnings,
)

__all__ = ["DEFAULT_MIN_CONFIDENCE", "Progress", "ScoredTranslation", "TranslationResult", "Translator"]

#: Default ``min_confidence``: a sentence whose geometric-mean token probability is below 0.3 (mean
#: log-prob under -1.2) gets a ``low_confidence`` warning. opus-mt gives fluent, faithful sentences
#: 0.5-0.9; below 0.3 the model spread most of its probability over other words at a typical step,
#: which is where garbled names, loops and half-translated clauses live. 0 turns the warning off.
DEFAULT_MIN_CONFIDENCE = 0.3

#: Called as ``progress(done, total)`` after each model batch.
Progress = Callable[[int, int], None]

logger = logging.getLogger(__name__)

# Room for the special tokens and for the tokenizer counting slightly differently after a split.
_SAFETY_TOKENS = 4


@dataclass(frozen=True)
class TranslationResult:
    text: str
    segments: tuple[Segment, ...]
    warnings: tuple[ResultWarning, ...] = ()


@dataclass(frozen=True)
class ScoredTranslation:
    """One English string and score (``None``: the backend gives none) per input sentence, plus warnings.

    ``glossary_stats`` counts protected term occurrences: ``protected``, ``kept_unaided`` (placeholder
    in the first output), ``kept_after_guard`` (after the guard's re-translations), ``rendered``
    (English rendering in the final output, the split repair included) and ``missing``.
    """

    english: list[str]
    scores: list[float | None]
    warnings: list[ResultWarning]
    glossary_stats: dict[str, int] = field(default_factory=dict)
    #: For each warning, the input sentences (their indices) it concerns; () for none.
    warning_sentences: list[tuple[int, ...]] = field(default_factory=list)


class Translator:
    """Translate sentences in token-budgeted batches with a fidelity guard on the output.

    ``guard=False`` keeps the checks and warnings but skips re-translating bad sentences.
    """

    def __init__(
        self,
        model: Seq2SeqModel,
        settings: GenerationSettings | None = None,
        *,
        max_batch_tokens: int = 2048,
        max_batch_size: int = 16,
        guard: bool = True,
        min_confidence: float = DEFAULT_MIN_CONFIDENCE,
        glossary: GlossaryLike = None,
    ) -> None:
        if not 0.0 <= min_confidence <= 1.0:
            raise ValueError(f"min_confidence must be within [0, 1], not {min_confidence}")
        self.min_confidence = min_confidence
        self.glossary = load_glossary(glossary)
        self.model = model
        self.settings = model.generation_defaults.updated(**(settings or GenerationSettings()).to_kwargs())
        self.max_batch_tokens = max(max_batch_tokens, model.max_input_tokens)
        self.max_batch_size = max_batch_size
        self.guard = guard

    @property
    def unit_limit(self) -> int:
        # Half the input limit: the English needs room in the decoder's positions too (same 512 for
        # Marian), and Marian translates long clauses better than whole run-on sentences.
        limit = self.model.max_input_tokens
        return max(1, min(limit - _SAFETY_TOKENS, max(16, limit // 2 - _SAFETY_TOKENS)))

    def translate_sentences(
        self, sentences: Sequence[str], progress: Progress | None = None
    ) -> tuple[list[str], list[ResultWarning]]:
        """One English string per input sentence, same order; plus the guard's warnings."""
        result = self.translate_scored(sentences, progress)
        return result.english, result.warnings

    def translate_scored(
        self,
        sentences: Sequence[str],
        progress: Progress | None = None,
        *,
        glossary: GlossaryLike = None,
    ) -> ScoredTranslation:
        """Like :meth:`translate_sentences` plus scores; ``glossary`` overrides the translator's own."""
        terms = load_glossary(glossary) if glossary is not None else self.glossary
        normalised = [normalise_for_mt(s) for s in sentences]
        # Translate each distinct sentence once: extractive summaries repeat article sentences verbatim,
        # and archives repeat boilerplate-like lines.
        index: dict[str, int] = {}
        for s in normalised:
            index.setdefault(s, len(index))
        originals = list(index)
        protected = [terms.protect(s) if terms else Protected(s) for s in originals]
        sources = [p.text for p in protected]
        first = self._translate_scored(sources, self.settings, progress)
        outputs = [o for o, _ in first]
        scores = _ScoreBook(first)
        warnings: list[ResultWarning] = []
        empty = [i for i, (s, o) in enumerate(zip(sources, outputs)) if s and not o]
        if empty:
            retry = self._translate_scored([sources[i] for i in empty], self.settings.updated(num_beams=1))
            for i, (out, score) in zip(empty, retry):
                outputs[i] = out
                scores.set_first(i, out, score)
                if not out:
                    warnings.append(
                        FidelityWarning(
                            code="empty_translation",
                            message="the model returned no text for this sentence",
                            span=sources[i][:80],
                            stage="translation",
                            source=sources[i],
                            output="",
                        )
                    )
        unaided = list(outputs)
        outputs, guard_warnings = self._guard(sources, outputs, scores)
        warnings.extend(guard_warnings)
        final_scores = [scores.of(i, out) for i, out in enumerate(outputs)]
        stats: dict[str, int] = {}
        if terms:
            repair_with = (
                functools.partial(self._translate_scored, settings=self.settings) if self.guard else None
            )
            outputs, final_scores, warnings, stats = enforce_glossary(
                repair_with, protected, originals, unaided, outputs, final_scores, warnings
            )
        warnings.extend(self._confidence_warnings(originals, outputs, final_scores))
        return ScoredTranslation(
            english=[outputs[index[s]] for s in normalised],
            scores=[final_scores[index[s]] for s in normalised],
            warnings=warnings,
            glossary_stats=stats,
            warning_sentences=sentences_of(warnings, normalised),
        )

    def translate_text(
        self, text: str, progress: Progress | None = None, *, glossary: GlossaryLike = None
    ) -> TranslationResult:
        """Translate a text, keeping its paragraph breaks; ``segments`` pairs every sentence."""
        from ..text import split_paragraphs

        paragraphs = sentence_paragraphs(split_paragraphs(text))
        flat = [s for p in paragraphs for s in p]
        result = self.translate_scored(flat, progress, glossary=glossary)
        segments, translation = assemble(paragraphs, result.english, result.scores)
        warnings = target_warnings(
            result.warnings, [(seg.source, "translation_en", i) for i, seg in enumerate(segments)]
        )
        return TranslationResult(translation, segments, tuple(warnings))

    def _confidence_warnings(
        self, sources: Sequence[str], outputs: Sequence[str], scores: Sequence[float | None]
    ) -> list[ResultWarning]:
        out: list[ResultWarning] = []
        for source, output, score in zip(sources, outputs, scores):
            if score is None or not output:
                continue
            confidence = math.exp(score)
            if confidence < self.min_confidence:
                out.append(
                    FidelityWarning(
                        code="low_confidence",
                        message=f"the model is unsure of this sentence (confidence {confidence:.2f}, "
                        f"below {self.min_confidence:.2f}); check it against the source",
                        span=None,
                        stage="translation",
                        source=source,
                        output=output,
                    )
                )
        return out

    # -- internals -------------------------------------------------------------------------------

    def _translate(
        self, sources: Sequence[str], settings: GenerationSettings, progress: Progress | None = None
    ) -> list[str]:
        return [text for text, _ in self._translate_scored(sources, settings, progress)]

    def _translate_scored(
        self, sources: Sequence[str], settings: GenerationSettings, progress: Progress | None = None
    ) -> list[tuple[str, float | None]]:
        """Split oversized sentences, batch everything by length, translate, reassemble."""
        units: list[str] = []
        owner: list[int] = []
        for i, src in enumerate(sources):
            if not src:
                continue
            for piece in split_oversized(
                src, self.unit_limit, self.model.count_tokens, self.model.split_tokens
            ):
                units.append(piece)
                owner.append(i)
        lengths = self.model.count_tokens(units)
        translated: list[tuple[str, float | None]] = [("", None)] * len(units)
        # Each unit's output cap comes from its own length (bucketed), never from its batch's longest
        # neighbour, and a batch never mixes caps: the cap also steers when beam search stops, so a
        # sentence then translates the same whichever articles share its batch.
        caps = [self._max_new_tokens(_length_bucket(n), settings) for n in lengths]
        batches = [
            (cap, [members[j] for j in batch])
            for cap in sorted(set(caps), reverse=True)
            for members in [[i for i, c in enumerate(caps) if c == cap]]
            for batch in length_sorted_batches(
                [lengths[i] for i in members],
                max_batch_tokens=self.max_batch_tokens,
                max_batch_size=self.max_batch_size,
            )
        ]
        # Backends may offer scores; a generate() replaced on the instance (a wrapper, a spy) still wins.
        scored = None if "generate" in vars(self.model) else getattr(self.model, "generate_scored", None)
        done = 0
        for cap, batch in batches:
            step = settings.updated(max_new_tokens=cap)
            texts = [units[i] for i in batch]
            results = scored(texts, step) if scored else [(t, None) for t in self.model.generate(texts, step)]
            for i, out in zip(batch, results):
                translated[i] = out
            done += len(batch)
            if progress is not None:
                progress(done, len(units))
        outputs = [""] * len(sources)
        pieces: list[list[float | None]] = [[] for _ in sources]
        for (piece_out, score), i in zip(translated, owner):
            outputs[i] = f"{outputs[i]} {piece_out}".strip() if outputs[i] else piece_out
            pieces[i].append(score)
        return [(out, _mean(p)) for out, p in zip(outputs, pieces)]

    def _max_new_tokens(self, source_tokens: int, settings: GenerationSettings) -> int:
        # English output runs up to ~1.5x the Indonesian token count; scale rather than use a fixed cap.
        scaled = math.ceil(source_tokens * 2) + 10
        cap = settings.max_new_tokens or self.model.max_input_tokens
        return max(1, min(scaled, cap, self.model.max_input_tokens))

    def _guard(
        self, sources: list[str], outputs: list[str], scores: _ScoreBook | None = None
    ) -> tuple[list[str], list[ResultWarning]]:
        from ..fidelity import guard_translations

        def retranslate(batch: list[str], overrides: dict[str, Any]) -> list[str]:
            results = self._translate_scored(batch, self.settings.updated(**overrides))
            if scores is not None:
                scores.record(results)
            return [text for text, _ in results]

        # Without the guard, outputs are still checked (and numbers substituted), just never re-translated.
        fixed, warnings = guard_translations(sources, outputs, retranslate if self.guard else None)
        return list(fixed), list(warnings)


def _length_bucket(tokens: int) -> int:
    """``tokens`` rounded up to 16, 24, 32, 48, 64, 96, ... (steps of at most 50%)."""
    base = 16
    while True:
        for bucket in (base, base * 3 // 2):
            if tokens <= bucket:
                return bucket
        base *= 2


def _mean(values: Sequence[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known and len(known) == len(values) else None


class _ScoreBook:
    """Which score goes with which output: first translations by index, retries by their text."""

    def __init__(self, first: Sequence[tuple[str, float | None]]) -> None:
        self.first = [score for _, score in first]
        self._first_text = [text for text, _ in first]
        self._by_text: dict[str, float | None] = {}

    def set_first(self, i: int, text: str, score: float | None) -> None:
        self._first_text[i], self.first[i] = text, score

    def record(self, results: Sequence[tuple[str, float | None]]) -> None:
        for text, score in results:
            self._by_text[text] = score
            self._by_text.setdefault(_digitless(text), score)

    def of(self, i: int, output: str) -> float | None:
        if output == self._first_text[i]:
            return self.first[i]
        # The guard may have swapped a number into a retry's output: same words, other digits.
        for key in (output, _digitless(output)):
            if key in self._by_text:
                return self._by_text[key]
        return self.first[i]


def _digitless(text: str) -> str:
    return re.sub(r"[\d.,\s]", "", text)
