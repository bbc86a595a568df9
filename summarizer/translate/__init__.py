"""Indonesian -> English translation: the sentence translator and cross-article result assembly."""

from __future__ import annotations

from .sentences import assemble, normalise_for_mt, sentence_paragraphs, target_warnings
from .translator import DEFAULT_MIN_CONFIDENCE, Progress, ScoredTranslation, TranslationResult, Translator

__all__ = [
    "DEFAULT_MIN_CONFIDENCE",
    "Progress",
    "ScoredTranslation",
    "TranslationResult",
    "Translator",
    "assemble",
    "normalise_for_mt",
    "sentence_paragraphs",
    "target_warnings",
]
