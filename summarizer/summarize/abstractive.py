"""Abstractive summaries with a seq2seq model: chunk on sentence boundaries -> generate -> combine."""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from ..models.base import GenerationSettings, Seq2SeqModel
from ..text.chunking import length_sorted_batches, pack_consecutive, split_oversized
from ..text.spacing import normalise_spacing

__all__ = ["AbstractiveSummarizer", "SummaryOutput", "trim_fragment"]

logger = logging.getLogger(__name__)

_MAX_PASSES = 4
_SENTENCE_END = tuple(".!?\"”’')]")
# Summary budget (new tokens) when neither the preset nor the caller sets one.
_DEFAULT_BUDGET = 128
# Each chunk of a long text gets at least this many new tokens, however many chunks there are.
_MIN_PART_TOKENS = 24
# Joined chunk summaries up to this multiple of the budget are kept as they are (no second pass).
_COMBINED_SLACK = 1.25


def trim_fragment(text: str) -> str:
    """Drop a trailing unfinished sentence (generation stopped at its token cap mid-sentence).

    A text with no complete sentence at all is kept whole: a fragment beats nothing.
    """
    from ..text import split_sentences

    text = text.strip()
    sentences = split_sentences(text)
    if len(sentences) < 2 or sentences[-1].rstrip()[-1:] in _SENTENCE_END:
        return text
    return text[: text.rindex(sentences[-1])].rstrip()


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
        self.model_id = model.model_id
        # One set of decoding settings per summary length (short / medium / long).
        self.settings = {k: model.generation_defaults.updated(**v.to_kwargs()) for k, v in settings.items()}
        self.prompt = prompt
        self.max_batch_tokens = max(max_batch_tokens, model.max_input_tokens)
        self.max_batch_size = max_batch_size
        overhead = model.count_tokens([prompt.replace("{text}", "")])[0]
        self.chunk_budget = max(16, model.max_input_tokens - overhead - 2)

    def summarize_many(self, texts: Sequence[str], length: str = "medium") -> list[SummaryOutput]:
        """Summaries for many texts; chunks of all texts share model calls.

        A long text is cut into chunks on sentence boundaries. The summary budget is shared out over the
        chunks, so their joined summaries are already a summary of the requested length; only when that
        is still too long does a second pass summarise the joined summaries.
        """
        from ..text import split_sentences

        base = self.settings[length]
        budget = base.max_new_tokens or _DEFAULT_BUDGET
        current = [self._chunks([s for s in split_sentences(t) if s.strip()] or [t]) for t in texts]
        chunk_counts = [len(c) for c in current]
        final: list[str | None] = [None] * len(texts)
        for _ in range(_MAX_PASSES):
            pending = [i for i, f in enumerate(final) if f is None]
            if not pending:
                break
            parts = self._generate_parts({i: current[i] for i in pending}, base, budget)
            for i in pending:
                if len(parts[i]) == 1:
                    final[i] = parts[i][0]
                    continue
                combined = " ".join(p for p in parts[i] if p)
                if self.model.count_tokens([combined])[0] <= budget * _COMBINED_SLACK:
                    final[i] = combined
                    continue
                next_chunks = self._chunks(split_sentences(combined) or [combined])
                if len(next_chunks) >= len(current[i]):
                    final[i] = combined  # another pass would not shrink it: stop rather than loop
                else:
                    current[i] = next_chunks
        return [
            SummaryOutput(text=f if f is not None else " ".join(current[i]), chunks=n)
            for i, (f, n) in enumerate(zip(final, chunk_counts))
        ]

    def _generate_parts(
        self, chunks: dict[int, list[str]], base: GenerationSettings, budget: int
    ) -> dict[int, list[str]]:
        """Summarise every chunk; texts in n chunks get 1/n of the budget per chunk."""
        # Group by per-chunk budget so chunks of many texts still share model calls.
        # Each chunk's settings depend on its own text only (never on which texts share the call), so
        # an article's summary is the same whatever else is in the batch.
        groups: dict[tuple[int, int], list[tuple[int, int, str]]] = {}
        for i, doc_chunks in chunks.items():
            n = len(doc_chunks)
            part = budget if n == 1 else max(_MIN_PART_TOKENS, math.ceil(budget / n))
            low = math.ceil(base.min_new_tokens / n) if base.min_new_tokens else 0
            for k, (chunk, tokens) in enumerate(zip(doc_chunks, self.model.count_tokens(doc_chunks))):
                # A forced minimum above a third of the input makes the model invent text; rounded
                # down to a multiple of 4 so short texts of similar length still share calls.
                floor = tokens // 3 - tokens // 3 % 4
                groups.setdefault((part, min(low, part, floor)), []).append((i, k, chunk))
        out: dict[int, list[str]] = {i: [""] * len(c) for i, c in chunks.items()}
        for (part, low), items in groups.items():
            texts = [c for _, _, c in items]
            settings = replace(base, max_new_tokens=part, min_new_tokens=low or None)
            for (i, k, _), text in zip(items, self._generate(texts, settings)):
                # IndoSum-trained models write "( Jokowi ) ,"; readers and MT expect "(Jokowi),".
                out[i][k] = trim_fragment(normalise_spacing(text))
        return out

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
