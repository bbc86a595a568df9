"""Abstractive summaries with a seq2seq model: chunk on sentence boundaries -> generate -> combine."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..models.base import GenerationSettings, Seq2SeqModel
from ..text.chunking import length_sorted_batches, pack_consecutive, split_oversized

__all__ = ["AbstractiveSummarizer", "SummaryOutput"]

logger = logging.getLogger(__name__)

_MAX_PASSES = 4


@dataclass(frozen=True)
class SummaryOutput:
    text: str
    chunks: int


class AbstractiveSummarizer:
    """Summarise texts with ``model``; long texts are chunked, never truncated."""

    def __init__(
        self,
        model: Seq2SeqModel,
        settings: Mapping[str, GenerationSettings],
        *,
        prompt: str = "{text}",
        max_batch_tokens: int = 4096,
        max_batch_size: int = 8,
    ) -> None:
        self.model = model
        # One set of decoding settings per summary length (short / medium / long).
        self.settings = {k: model.generation_defaults.updated(**v.to_kwargs()) for k, v in settings.items()}
        self.prompt = prompt
        self.max_batch_tokens = max(max_batch_tokens, model.max_input_tokens)
        self.max_batch_size = max_batch_size
        overhead = model.count_tokens([prompt.replace("{text}", "")])[0]
        self.chunk_budget = max(16, model.max_input_tokens - overhead - 2)

    def summarize_many(self, texts: Sequence[str], length: str = "medium") -> list[SummaryOutput]:
        """Summaries for many texts; chunks of all texts share model calls."""
        from ..text import split_sentences

        settings = self.settings[length]
        chunk_counts = [0] * len(texts)
        current: list[list[str]] = []
        for text in texts:
            current.append(self._chunks([s for s in split_sentences(text) if s.strip()] or [text]))
        for i, chunks in enumerate(current):
            chunk_counts[i] = len(chunks)
        final: list[str | None] = [None] * len(texts)
        for _ in range(_MAX_PASSES):
            pending = [i for i, f in enumerate(final) if f is None]
            if not pending:
                break
            flat = [(i, chunk) for i in pending for chunk in current[i]]
            outputs = self._generate([c for _, c in flat], settings)
            by_doc: dict[int, list[str]] = {i: [] for i in pending}
            for (i, _), out in zip(flat, outputs):
                by_doc[i].append(out)
            for i in pending:
                parts = by_doc[i]
                if len(parts) == 1:
                    final[i] = parts[0]
                    continue
                combined = " ".join(p for p in parts if p)
                sentences = split_sentences(combined) or [combined]
                next_chunks = self._chunks(sentences)
                if len(next_chunks) >= len(current[i]):
                    # Combining did not shrink the text: stop rather than loop.
                    final[i] = combined
                else:
                    current[i] = next_chunks
        for i, f in enumerate(final):
            if f is None:
                final[i] = " ".join(current[i])
        return [SummaryOutput(text=f or "", chunks=n) for f, n in zip(final, chunk_counts)]

    def summarize(self, text: str, length: str = "medium") -> SummaryOutput:
        return self.summarize_many([text], length)[0]

    def _chunks(self, sentences: list[str]) -> list[str]:
        pieces: list[str] = []
        for s in sentences:
            pieces.extend(
                split_oversized(s, self.chunk_budget, self.model.count_tokens, self.model.split_tokens)
            )
        lengths = self.model.count_tokens(pieces)
        return [" ".join(pieces[j] for j in group) for group in pack_consecutive(lengths, self.chunk_budget)]

    def _generate(self, chunks: list[str], settings: GenerationSettings) -> list[str]:
        prompts = [self.prompt.replace("{text}", c) for c in chunks]
        lengths = self.model.count_tokens(prompts)
        outputs = [""] * len(prompts)
        for batch in length_sorted_batches(
            lengths, max_batch_tokens=self.max_batch_tokens, max_batch_size=self.max_batch_size
        ):
            for i, out in zip(batch, self.model.generate([prompts[i] for i in batch], settings)):
                outputs[i] = out
        return outputs
