"""HTML to paragraph text: full pages through trafilatura, fragments through the stdlib parser."""

from __future__ import annotations

import logging
import re
from html.parser import HTMLParser

from ..results import Removal

__all__ = ["html_to_text", "looks_like_html"]

logger = logging.getLogger(__name__)

_TAG = re.compile(
    r"<(?:/?(?:p|br|div|span|a|b|i|em|strong|img|iframe|script|style|h[1-6]|ul|ol|li|table|tr|td|"
    r"article|section|figure|figcaption|blockquote|html|body|head|meta|link|noscript|header|footer|nav)\b"
    r"[^<>]{0,2000}>|!doctype\b)",
    re.IGNORECASE,
)
_FULL_PAGE = re.compile(r"<(?:!doctype|html|body|head)\b", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^<>]{0,2000}>")

_BLOCK = frozenset(
    [
        "p",
        "br",
        "div",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "table",
        "blockquote",
        "section",
        "article",
        "header",
        "footer",
        "aside",
        "figure",
        "hr",
        "pre",
        "dd",
        "dt",
        "dl",
        "main",
        "form",
        "address",
        "center",
    ]
)
# Elements whose text is never article prose; the rule name records why it was cut.
_SKIP = {
    "script": "ad_script",
    "style": "html_style",
    "noscript": "ad_script",
    "template": "html_template",
    "svg": "html_svg",
    "iframe": "embed",
    "object": "embed",
    "head": "html_head",
    "title": "html_head",
    "figcaption": "caption",
    "nav": "navigation",
    "button": "navigation",
    "select": "navigation",
}
_VOID = frozenset(
    [
        "br",
        "img",
        "hr",
        "input",
        "meta",
        "link",
        "source",
        "wbr",
        "area",
        "base",
        "col",
        "embed",
        "param",
        "track",
    ]
)


def looks_like_html(text: str) -> bool:
    """True when the text clearly holds markup: a page skeleton or at least two known tags."""
    head = text[:200_000]
    if _FULL_PAGE.search(head[:5000]):
        return True
    return any(count >= 2 for count, _ in enumerate(_TAG.finditer(head), start=1))


class _FragmentParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.removed: list[Removal] = []
        self._skip: list[str] = []
        self._skipped: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP and tag not in _VOID:
            self._skip.append(tag)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self._skip and tag == self._skip[-1]:
            self._skip.pop()
            if not self._skip:
                text = " ".join("".join(self._skipped).split())
                if text:
                    self.removed.append(Removal(_SKIP[tag], text))
                self._skipped = []
        elif tag in _BLOCK and not self._skip:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        (self._skipped if self._skip else self.parts).append(data)


def _fragment_to_text(markup: str) -> tuple[str, list[Removal]]:
    parser = _FragmentParser()
    try:
        parser.feed(markup)
        parser.close()
    except (AssertionError, ValueError) as exc:  # malformed declarations in old Python versions
        logger.debug("html.parser failed (%s); stripping tags", exc)
        return _ANY_TAG.sub("\n", markup), []
    return "".join(parser.parts), parser.removed


def _page_to_text(markup: str) -> str | None:
    try:
        # Imported lazily: trafilatura pulls in lxml and several helpers the text path never needs.
        import trafilatura
    except ImportError as exc:
        logger.info("trafilatura unavailable (%s); using the fragment parser", exc)
        return None
    try:
        return trafilatura.extract(
            markup, include_comments=False, include_tables=False, include_images=False, favor_precision=True
        )
    except (ValueError, TypeError, LookupError) as exc:
        logger.warning("trafilatura failed (%s); using the fragment parser", exc)
        return None


def html_to_text(markup: str) -> tuple[str, list[Removal]]:
    """Text with one paragraph per line, plus what the markup handling removed (scripts, captions...)."""
    if _FULL_PAGE.search(markup[:5000]):
        text = _page_to_text(markup)
        if text and text.strip():
            return text, []
    return _fragment_to_text(markup)
