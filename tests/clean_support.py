"""Helpers shared by the cleaner's tests."""

from __future__ import annotations

from summarizer.results import CleanResult
from summarizer.text import clean_article


def clean(text: str, fmt: str = "text") -> CleanResult:
    """Clean without the language check, so short hand-written samples are judged on their shape."""
    return clean_article(text, format=fmt, language=False)


def cuts(result: CleanResult) -> dict[str, list[str]]:
    """The removed texts grouped by the rule that cut them, in order."""
    out: dict[str, list[str]] = {}
    for cut in result.removed:
        out.setdefault(cut.rule, []).append(cut.text)
    return out
