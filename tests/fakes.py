"""A model-free backend for fast unit tests: whitespace tokens, deterministic 'translation'."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from summarizer.models.base import GenerationSettings


def tag_english(text: str) -> str:
    return f"<en>{text}</en>"


class FakeModel:
    """Implements the Seq2SeqModel protocol; records every batch it is given."""

    backend = "fake"
    device = "cpu"
    summary_prefix = ""

    def __init__(
        self,
        max_input_tokens: int = 32,
        transform: Callable[[str], str] = tag_english,
        model_id: str = "fake-model",
    ) -> None:
        self.max_input_tokens = max_input_tokens
        self.transform = transform
        self.model_id = model_id
        self.generation_defaults = GenerationSettings(num_beams=2)
        self.batches: list[list[str]] = []
        self.settings: list[GenerationSettings] = []

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return [len(t.split()) + 1 for t in texts]

    def split_tokens(self, text: str, max_tokens: int) -> list[str]:
        words = text.split()
        step = max(1, max_tokens - 1)
        return [" ".join(words[i : i + step]) for i in range(0, len(words), step)]

    def generate(self, texts: Sequence[str], settings: GenerationSettings) -> list[str]:
        for t in texts:
            assert self.count_tokens([t])[0] <= self.max_input_tokens, "backend got an oversized input"
        self.batches.append(list(texts))
        self.settings.append(settings)
        return [self.transform(t) for t in texts]
