"""Clean scraped Indonesian news: HTML to text, boilerplate removal, de-duplication.

Every cut is recorded as a :class:`Removal` so users can audit what was dropped.
"""

from __future__ import annotations

import html as _html
import logging
import re

from ..errors import InputError
from ..results import CleanResult, Removal, ResultWarning
from .boilerplate import LineCleaner, strip_dateline
from .decode import looks_binary
from .html import html_to_text, looks_like_html
from .language import detect_language

__all__ = ["FORMATS", "clean_article"]

logger = logging.getLogger(__name__)

FORMATS = ("auto", "text", "html")

# Zero-width and invisible marks that scrapes carry; soft hyphens split words for no reason.
_INVISIBLE = re.compile("[\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\ufeff\u00ad]")
_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z]{2,8});")
_WRAP_END = re.compile(r"[.!?:;\"”’)…]$")
_DEDUP_KEY = re.compile(r"\W+")
#: A duplicated paragraph shorter than this is only dropped inside a run of duplicates.
_SHORT = 40
#: Datelines are looked for in this many leading paragraphs (a title line may come first).
_DATELINE_WINDOW = 3


def _warn(code: str, message: str, span: str | None = None) -> ResultWarning:
    return ResultWarning(code, message, span=span, stage="clean")


def _empty(*warnings: ResultWarning, removed: tuple[Removal, ...] = ()) -> CleanResult:
    return CleanResult("", (), removed=removed, language=None, warnings=tuple(warnings))


def _normalise(text: str, *, unescape: bool) -> list[str]:
    """Lines with entities decoded, invisible marks dropped and inner whitespace collapsed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if unescape and _ENTITY.search(text):
        text = _html.unescape(text)
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _CONTROLS.sub("", text)
    return [line for line in (" ".join(raw.split()) for raw in text.split("\n")) if line]


def _merge_wrapped(lines: list[str]) -> list[str]:
    """Re-join hard-wrapped lines: no end punctuation before, a lower-case word after."""
    groups: list[list[str]] = []
    for line in lines:
        if groups and not _WRAP_END.search(groups[-1][-1]) and line[:1].islower():
            groups[-1].append(line)
        else:
            groups.append([line])
    return [" ".join(group) for group in groups]


def _dedup(lines: list[str], removed: list[Removal]) -> list[str]:
    """Keep the first copy of each paragraph; a run of repeats is a repeated body."""
    keys = [_DEDUP_KEY.sub("", line.casefold()) for line in lines]
    seen: set[str] = set()
    dup = [False] * len(lines)
    for i, key in enumerate(keys):
        if key in seen:
            dup[i] = True
        elif key:
            seen.add(key)
    kept: list[str] = []
    for i, line in enumerate(lines):
        in_run = (i > 0 and dup[i - 1]) or (i + 1 < len(lines) and dup[i + 1])
        if dup[i] and (len(keys[i]) >= _SHORT or in_run):
            removed.append(Removal("duplicate_body" if in_run else "duplicate_paragraph", line))
        else:
            kept.append(line)
    return kept


def clean_article(text: str, format: str = "auto", *, language: bool = True) -> CleanResult:
    """Clean one scraped article.

    ``format`` is ``"auto"`` (HTML when the text clearly holds tags), ``"text"`` or ``"html"``.
    ``language=False`` skips language detection (``CleanResult.language`` is then ``None``).
    Never raises on content: empty or unusable input gives an empty result with a warning.
    """
    if format not in FORMATS:
        raise InputError(f"unknown format {format!r}", hint="use one of: " + ", ".join(FORMATS))
    if not isinstance(text, str):
        raise InputError(f"expected text, got {type(text).__name__}", hint="decode bytes with decode_bytes()")
    if not text.strip():
        return _empty(_warn("empty_input", "the input is empty"))
    if looks_binary(text):
        return _empty(_warn("binary_input", "the input looks like binary data, not text"))

    removed: list[Removal] = []
    is_html = format == "html" or (format == "auto" and looks_like_html(text))
    if is_html:
        text, html_removed = html_to_text(text)
        removed.extend(html_removed)
    lines = _normalise(text, unescape=not is_html)

    cleaner = LineCleaner()
    kept = [line for line in (cleaner.clean(line) for line in lines) if line]
    removed.extend(cleaner.removed)
    kept = _merge_wrapped(kept)
    for i in range(min(_DATELINE_WINDOW, len(kept))):
        rest, cut = strip_dateline(kept[i])
        if cut:
            removed.append(Removal("dateline", cut))
            kept[i] = rest
            break
    kept = _dedup([line for line in kept if line], removed)

    if not kept:
        what = "the HTML has no article text" if is_html else "nothing is left after removing boilerplate"
        return _empty(_warn("no_text", what), removed=tuple(removed))
    body = "\n\n".join(kept)
    warnings: list[ResultWarning] = []
    lang = detect_language(body) if language else None
    if lang == "und":
        warnings.append(_warn("language_unknown", "could not tell the language of the text"))
    elif lang not in (None, "id"):
        warnings.append(_warn("not_indonesian", f"the text looks like {lang}, not Indonesian", span=lang))
    logger.debug("cleaned %d lines into %d paragraphs, %d cuts", len(lines), len(kept), len(removed))
    return CleanResult(body, tuple(kept), removed=tuple(removed), language=lang, warnings=tuple(warnings))
