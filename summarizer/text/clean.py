"""Clean scraped Indonesian news: HTML to text, boilerplate removal, de-duplication.

Every cut is recorded as a :class:`Removal` so users can audit what was dropped.
"""

from __future__ import annotations

import html as _html
import logging
import re

from ..errors import InputError
from ..results import CleanResult, Removal, ResultWarning
from .boilerplate import LineCleaner, strip_dateline, strip_datelines
from .decode import looks_binary
from .headlines import strip_page_header
from .html import extract_html, looks_like_html
from .language import detect_language
from .sentences import split_sentences

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
# Paragraphs pasted without a separator ("...Subulussalam.Laporan ..."): a space lets rules see both.
_GLUED_SENTENCE = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])")
#: A duplicated sentence with a shorter key is only dropped inside a run of duplicates.
_SHORT = 30
#: A headline or teaser between two copies of a body is at most this long.
_HEADLINE_WORDS = 20


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
    text = _GLUED_SENTENCE.sub(" ", text)
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


def _headline_like(sentence: str) -> bool:
    words = sentence.split()
    if not words or len(words) > _HEADLINE_WORDS or sentence.rstrip().endswith("."):
        return False
    capitalised = sum(1 for w in words if w[:1].isupper() or w[:1].isdigit())
    return capitalised / len(words) >= 0.6


def _dedup(lines: list[str], removed: list[Removal]) -> list[str]:
    """Keep every sentence once: a repeated body (whole, partial, flattened or re-wrapped) goes.

    Long sentences are compared on their letters and digits only, so entity, quote and whitespace
    differences do not hide a copy; short repeats ("Tanya: Apa kabar?") go only inside a repeated run.
    A headline or teaser standing right before a repeated run is the second copy's title and goes too.
    """
    units: list[list] = []  # [line index, sentence, repeated?]
    seen: set[str] = set()
    for index, line in enumerate(lines):
        for sentence in split_sentences(line) or [line]:
            key = _DEDUP_KEY.sub("", sentence.casefold())
            if key not in seen:
                # A second copy may still carry the weak dateline ("Medan - ...") cut from the first.
                rest, cut = strip_dateline(sentence)
                if cut and _DEDUP_KEY.sub("", rest.casefold()) in seen:
                    key = _DEDUP_KEY.sub("", rest.casefold())
            units.append([index, sentence, key in seen, len(key) >= _SHORT])
            if key:
                seen.add(key)
    drop: dict[int, str] = {}
    for i, (_, _sentence, repeated, long_enough) in enumerate(units):
        in_run = (i > 0 and units[i - 1][2]) or (i + 1 < len(units) and units[i + 1][2])
        if repeated and (long_enough or in_run):
            drop[i] = "duplicate"
    # A run of repeats spanning several paragraphs is a repeated body; inside one, a repeated paragraph.
    i = 0
    while i < len(units):
        if drop.get(i) != "duplicate":
            i += 1
            continue
        j = i
        while j + 1 < len(units) and drop.get(j + 1) == "duplicate":
            j += 1
        name = "duplicate_body" if units[i][0] != units[j][0] else "duplicate_paragraph"
        drop.update((k, name) for k in range(i, j + 1))
        i = j + 1
    for i, (_, _sentence, repeated, _long) in enumerate(units):
        starts_run = repeated and i + 1 < len(units) and units[i + 1][2] and i > 0 and not units[i - 1][2]
        if starts_run and _headline_like(units[i - 1][1]):
            drop[i - 1] = "headline"
    if not drop:
        return lines
    by_line: dict[int, list[tuple[int, str]]] = {}
    for i, unit in enumerate(units):
        by_line.setdefault(unit[0], []).append((i, unit[1]))
    kept_lines: list[str] = []
    for index, line in enumerate(lines):
        mine = by_line.get(index, [])
        gone = [(i, s) for i, s in mine if i in drop]
        if not gone:
            kept_lines.append(line)
            continue
        run_rule, run_text = None, []
        for i, sentence in [*gone, (-1, "")]:
            rule = drop.get(i)
            if rule != run_rule and run_text:
                removed.append(Removal(run_rule, " ".join(run_text)))
                run_text = []
            run_rule = rule
            run_text.append(sentence)
        rest = " ".join(s for i, s in mine if i not in drop)
        if rest:
            kept_lines.append(rest)
    return kept_lines


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
    warnings: list[ResultWarning] = []
    is_html = format == "html" or (format == "auto" and looks_like_html(text))
    if is_html:
        text, html_removed, html_warnings = extract_html(text)
        removed.extend(html_removed)
        warnings.extend(html_warnings)
    lines = _normalise(text, unescape=not is_html)

    cleaner = LineCleaner()
    cleaned = cleaner.clean_lines(lines)
    removed.extend(cleaner.removed)
    kept = [line for line in strip_page_header(cleaned, removed) if line]
    if not is_html:
        kept = _merge_wrapped(kept)
    kept = strip_datelines(kept, removed)
    kept = _dedup(kept, removed)

    if not kept:
        what = "the HTML has no article text" if is_html else "nothing is left after removing boilerplate"
        return _empty(*warnings, _warn("no_text", what), removed=tuple(removed))
    body = "\n\n".join(kept)
    lang = detect_language(body) if language else None
    if lang == "und":
        warnings.append(_warn("language_unknown", "could not tell the language of the text"))
    elif lang not in (None, "id"):
        warnings.append(_warn("not_indonesian", f"the text looks like {lang}, not Indonesian", span=lang))
    logger.debug("cleaned %d lines into %d paragraphs, %d cuts", len(lines), len(kept), len(removed))
    return CleanResult(body, tuple(kept), removed=tuple(removed), language=lang, warnings=tuple(warnings))
