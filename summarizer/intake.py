"""Input intake: decode, enforce limits, clean, and apply the language policy for one article."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from .errors import BinaryInputError, EmptyInputError, InputTooLargeError
from .presets import MIN_WORDS, RAW_FACTOR
from .results import CleanResult, ResultWarning
from .text.decode import decode_bytes, looks_binary

__all__ = ["Article", "check_translatable", "prepare", "validate"]

_TOO_LARGE_HINT = "split it into articles, or raise the limit (max_chars= / --max-chars)"
_LANGUAGES = {"en": "English", "ms": "Malay"}


@dataclass
class Article:
    """One article between stages: cleaned by intake, then summarised, then translated."""

    clean: CleanResult
    language: str | None
    warnings: list[ResultWarning]
    timings: dict[str, float] = field(default_factory=dict)
    summary: str = ""
    chunks: int = 1
    summarized: bool = False


def validate(text: str | bytes, max_chars: int) -> tuple[str, list[ResultWarning]]:
    """Decoded, non-empty, non-binary text within the raw limit, plus any decoding warnings."""
    warnings: list[ResultWarning] = []
    # Markup and boilerplate may be cut later, so the raw input gets more room than max_chars;
    # but never so much that decoding or HTML parsing a huge blob happens for nothing.
    raw_limit = RAW_FACTOR * max_chars
    if isinstance(text, (bytes, bytearray, str)) and len(text) > raw_limit:
        raise InputTooLargeError(
            f"the raw input has {len(text):,} characters/bytes, above {raw_limit:,} "
            f"({RAW_FACTOR} x max_chars {max_chars:,}: raw input may hold markup)",
            hint=_TOO_LARGE_HINT,
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


def check_translatable(text: str, max_chars: int) -> None:
    """Text translated as given (nothing cleaned away) must itself be within the article limit."""
    if len(text) > max_chars:
        raise InputTooLargeError(
            f"the text has {len(text):,} characters, above the limit of {max_chars:,}",
            hint="translate it in parts, or raise the limit (max_chars= / --max-chars)",
        )


def prepare(text: str | bytes, *, format: str, max_chars: int) -> Article:
    """Validate and clean one article; refuse what is too large or too small to be an article."""
    from .text import clean_article, detect_language

    start = time.perf_counter()
    text, warnings = validate(text, max_chars)
    clean = clean_article(text, format=format)
    # Intake words the language warning itself: it knows what the pipeline does about it.
    warnings.extend(w for w in clean.warnings if w.code != "not_indonesian")
    _check_cleaned(clean.text, max_chars)
    language = clean.language or detect_language(clean.text)
    if language in _LANGUAGES:
        note = "it is summarised but not translated" if language == "en" else "results may be weaker"
        warnings.append(
            ResultWarning(
                code="not_indonesian",
                message=f"the article looks {_LANGUAGES[language]}, not Indonesian; {note}",
                span=language,
                stage="clean",
            )
        )
    return Article(clean, language, warnings, {"clean": time.perf_counter() - start})


def _check_cleaned(text: str, max_chars: int) -> None:
    if len(text) > max_chars:
        raise InputTooLargeError(
            f"the article has {len(text):,} characters after cleaning, above the limit of {max_chars:,}",
            hint=_TOO_LARGE_HINT,
        )
    if not text.strip():
        raise EmptyInputError(
            "no article text left after cleaning (only boilerplate, markup or nothing)",
            hint="check the input; 'summarizer clean --show-removed' shows what was removed",
        )
    words = len(text.split())
    if words < MIN_WORDS:
        raise EmptyInputError(
            f"too little article text to summarise ({words} word(s) after cleaning: {text[:60]!r})",
            hint="pass the article body; 'summarizer clean --show-removed' shows what was removed",
        )
