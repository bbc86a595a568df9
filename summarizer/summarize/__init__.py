"""Summarisers: abstractive (seq2seq model) and extractive (no weights), behind one small interface."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from ..presets import LENGTHS
from .abstractive import AbstractiveSummarizer, SummaryOutput

__all__ = ["AbstractiveSummarizer", "ExtractiveSummarizer", "Summarizer", "SummaryOutput"]


class Summarizer(Protocol):
    model_id: str

    def summarize_many(self, texts: Sequence[str], length: str = "medium") -> list[SummaryOutput]: ...


class ExtractiveSummarizer:
    """Offline summariser: picks the article's key sentences, needs no model weights."""

    model_id = "extractive"

    def summarize_many(self, texts: Sequence[str], length: str = "medium") -> list[SummaryOutput]:
        from .extractive import extractive_summary

        if length not in LENGTHS:
            raise ValueError(f"length must be one of {LENGTHS}, not {length!r}")
        return [SummaryOutput(" ".join(extractive_summary(t, length=length)), 1) for t in texts]
