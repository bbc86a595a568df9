"""Indonesian -> English translation that never truncates and never drops a sentence.

paragraph -> sentence -> (oversized sentences split by clause, then token window) ->
length-sorted, token-budgeted batches -> original order and paragraph breaks restored.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from .models.base import GenerationSettings, Seq2SeqModel
from .results import FidelityWarning, ResultWarning, Segment
from .text.chunking import length_sorted_batches, split_oversized

__all__ = [
    "Progress",
    "TranslationResult",
    "Translator",
    "assemble",
    "normalise_for_mt",
    "sentence_paragraphs",
]

#: Called as ``progress(done, total)`` after each model batch.
Progress = Callable[[int, int], None]

logger = logging.getLogger(__name__)

# Marian's sentencepiece vocabulary has no curly quotes: they become <unk> and vanish from the output.
_MT_NORMALISE = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "\u00a0": " "})
_SPACES = re.compile(r"\s+")
# Room for the special tokens and for the tokenizer counting slightly differently after a split.
_SAFETY_TOKENS = 4


@dataclass(frozen=True)
class TranslationResult:
    text: str
    segments: tuple[Segment, ...]
    warnings: tuple[ResultWarning, ...] = ()


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
    ) -> None:
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
        normalised = [normalise_for_mt(s) for s in sentences]
        # Translate each distinct sentence once: extractive summaries repeat article sentences verbatim,
        # and archives repeat boilerplate-like lines.
        index: dict[str, int] = {}
        for s in normalised:
            index.setdefault(s, len(index))
        sources = list(index)
        outputs = self._translate(sources, self.settings, progress)
        warnings: list[ResultWarning] = []
        empty = [i for i, (s, o) in enumerate(zip(sources, outputs)) if s and not o]
        if empty:
            retry = self._translate([sources[i] for i in empty], self.settings.updated(num_beams=1))
            for i, out in zip(empty, retry):
                outputs[i] = out
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
        outputs, guard_warnings = self._guard(sources, outputs)
        warnings.extend(guard_warnings)
        return [outputs[index[s]] for s in normalised], warnings

    def translate_text(self, text: str, progress: Progress | None = None) -> TranslationResult:
        """Translate a text, keeping its paragraph breaks; ``segments`` pairs every sentence."""
        from .text import split_paragraphs

        paragraphs = sentence_paragraphs(split_paragraphs(text))
        english, warnings = self.translate_sentences([s for p in paragraphs for s in p], progress)
        segments, translation = assemble(paragraphs, english)
        return TranslationResult(translation, segments, tuple(warnings))

    # -- internals -------------------------------------------------------------------------------

    def _translate(
        self, sources: Sequence[str], settings: GenerationSettings, progress: Progress | None = None
    ) -> list[str]:
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
        translated = [""] * len(units)
        batches = length_sorted_batches(
            lengths, max_batch_tokens=self.max_batch_tokens, max_batch_size=self.max_batch_size
        )
        done = 0
        for batch in batches:
            longest = max(lengths[i] for i in batch)
            step = settings.updated(max_new_tokens=self._max_new_tokens(longest, settings))
            for i, out in zip(batch, self.model.generate([units[i] for i in batch], step)):
                translated[i] = out
            done += len(batch)
            if progress is not None:
                progress(done, len(units))
        outputs = [""] * len(sources)
        for piece_out, i in zip(translated, owner):
            outputs[i] = f"{outputs[i]} {piece_out}".strip() if outputs[i] else piece_out
        return outputs

    def _max_new_tokens(self, source_tokens: int, settings: GenerationSettings) -> int:
        # English output runs up to ~1.5x the Indonesian token count; scale rather than use a fixed cap.
        scaled = math.ceil(source_tokens * 2) + 10
        cap = settings.max_new_tokens or self.model.max_input_tokens
        return max(1, min(scaled, cap, self.model.max_input_tokens))

    def _guard(self, sources: list[str], outputs: list[str]) -> tuple[list[str], list[ResultWarning]]:
        from .fidelity import guard_translations

        def retranslate(batch: list[str], overrides: dict[str, Any]) -> list[str]:
            return self._translate(batch, self.settings.updated(**overrides))

        # Without the guard, outputs are still checked (and numbers substituted), just never re-translated.
        fixed, warnings = guard_translations(sources, outputs, retranslate if self.guard else None)
        return list(fixed), list(warnings)


def sentence_paragraphs(paragraphs: Sequence[str]) -> list[list[str]]:
    """Each paragraph as its list of (non-blank) sentences: the units the translator works on."""
    from .text import split_sentences

    return [[s for s in split_sentences(p) if s.strip()] for p in paragraphs]


def assemble(paragraphs: Sequence[Sequence[str]], english: Sequence[str]) -> tuple[tuple[Segment, ...], str]:
    """Pair every source sentence with its English (in order) and rebuild the paragraphs in English."""
    segments: list[Segment] = []
    out_paragraphs: list[str] = []
    rest = iter(english)
    for para in paragraphs:
        eng = [next(rest) for _ in para]
        segments.extend(Segment(s, e) for s, e in zip(para, eng))
        out_paragraphs.append(" ".join(e for e in eng if e))
    return tuple(segments), "\n\n".join(out_paragraphs)


def normalise_for_mt(sentence: str) -> str:
    """What the translator actually sees: straight quotes, single spaces."""
    return _SPACES.sub(" ", sentence.translate(_MT_NORMALISE)).strip()
