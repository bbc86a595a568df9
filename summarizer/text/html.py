"""HTML to paragraph text: full pages through trafilatura, fragments through the stdlib parser."""

from __future__ import annotations

import logging
import re
from html.parser import HTMLParser

from ..results import Removal, ResultWarning

__all__ = ["extract_html", "html_to_text", "looks_like_html"]

logger = logging.getLogger(__name__)

_TAG = re.compile(
    r"<(?:/?(?:p|br|div|span|a|b|i|em|strong|img|iframe|script|style|h[1-6]|ul|ol|li|table|tr|td|"
    r"article|section|figure|figcaption|blockquote|html|body|head|meta|link|noscript|header|footer|nav)\b"
    r"[^<>]{0,2000}>|!doctype\b)",
    re.IGNORECASE,
)
# Embedded posts: their text is the social network's, not the article's.
_SOCIAL = re.compile(r"\b(?:twitter-tweet|instagram-media|tiktok-embed|fb-post|threads-post)\b")
_FULL_PAGE = re.compile(r"<(?:!doctype|html|body|head)\b", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^<>]{0,2000}>")
_BR = "\u2028"  # stands for one <br> until the paragraph breaks are decided
_BR_RUN = re.compile(r"[ \t]*\u2028(?:\s*\u2028)+[ \t]*")
# One <br> also breaks before a label line ("Sumber: BMKG<br>Editor: Name"): credit and link lines of
# a CMS footer are set apart with single <br>s and never continue the line above them.
_BR_ONE = re.compile(
    r"([.!?:\"”’)…])?[ \t]*\u2028[ \t]*(?P<label>(?=[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,2} ?: ))?"
)
_PROSE_END = re.compile(r"[.!?\"”]\s*$")
_KEY = re.compile(r"\W+")
#: The extractor must keep at least this share of the page's visible prose, else it is not trusted.
_MIN_SHARE = 0.6
#: Page chrome the fragment parser drops when it reads a whole page.
_PAGE_SKIP = frozenset(["header", "footer", "form", "aside"])
# A "<" with no ">" before the next "<" (outside comments). html.parser rescans the rest of the input
# for each such "<" ("<a<a<a...": quadratic, hours for 1 MB), so it becomes text first (linear scan).
_STRAY_LT = re.compile(r"<!--[\s\S]*?(?:-->|\Z)|<(?![^<>]*>)")

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
        "td",
        "th",
        "caption",
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
    "aside": "related",
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
    def __init__(self, extra_skip: frozenset[str] = frozenset()) -> None:
        super().__init__(convert_charrefs=True)
        self._extra_skip = extra_skip
        self.parts: list[str] = []
        self.removed: list[Removal] = []
        self._skip: list[str] = []
        self._skipped: list[str] = []
        self._skip_name: str | None = None  # a rule name for the outermost skipped element, if special

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        social = tag in ("blockquote", "div") and _SOCIAL.search(dict(attrs).get("class") or "")
        if social and not self._skip:
            self._skip_name = "social_embed"
        if ((tag in _SKIP or tag in self._extra_skip) and tag not in _VOID) or social:
            self._skip.append(tag)
        elif self._skip:
            self._skipped.append(" ")  # keep the words of skipped link lists apart in `removed`
        elif tag == "br":
            self.parts.append(_BR)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append(_BR)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self._skip and tag == self._skip[-1]:
            self._skip.pop()
            if not self._skip:
                text = " ".join("".join(self._skipped).split())
                if text:
                    self.removed.append(Removal(self._skip_name or _SKIP.get(tag, "page_" + tag), text))
                self._skipped, self._skip_name = [], None
        elif tag in _BLOCK and not self._skip:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        (self._skipped if self._skip else self.parts).append(data)


def _line_breaks(text: str) -> str:
    """Two or more <br> break a paragraph; one breaks it only after a sentence end (else it hard-wraps)."""
    text = _BR_RUN.sub("\n", text)
    return _BR_ONE.sub(_one_break, text)


def _one_break(m: re.Match[str]) -> str:
    if m.group(1):
        return m.group(1) + "\n"
    return "\n" if m.group("label") is not None else " "


def _fragment_to_text(markup: str, extra_skip: frozenset[str] = frozenset()) -> tuple[str, list[Removal]]:
    parser = _FragmentParser(extra_skip)
    markup = _STRAY_LT.sub(_escape_stray, markup)
    try:
        parser.feed(markup)
        parser.close()
    except (AssertionError, ValueError) as exc:  # malformed declarations in old Python versions
        logger.debug("html.parser failed (%s); stripping tags", exc)
        return _ANY_TAG.sub("\n", markup), []
    return _line_breaks("".join(parser.parts)), parser.removed


def _escape_stray(match: re.Match[str]) -> str:
    # Comments are kept whole; a lone "<" becomes "&lt;", which the parser turns back into "<".
    return match.group() if match.group().startswith("<!--") else "&lt;"


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


def _prose_chars(text: str) -> int:
    """Characters in sentence-like lines: what a reader sees as the page's body."""
    return sum(len(line) for line in text.splitlines() if len(line.split()) >= 8 and _PROSE_END.search(line))


def _key(text: str) -> str:
    return _KEY.sub("", text.casefold())


def extract_html(markup: str) -> tuple[str, list[Removal], list[ResultWarning]]:
    """Text with one paragraph per line, every cut (markup, extractor) and warnings.

    A full page goes through trafilatura; when it returns far less prose than the page visibly holds
    (paragraphs in <h4> or <td>, say), the fragment parser's text is used instead, with a warning.
    """
    if not _FULL_PAGE.search(markup[:5000]):
        text, removed = _fragment_to_text(markup)
        return text, removed, []
    visible, removed = _fragment_to_text(markup, _PAGE_SKIP)
    extracted = _page_to_text(markup)
    if extracted and extracted.strip() and _prose_chars(extracted) >= _MIN_SHARE * _prose_chars(visible):
        whole = _key(extracted)
        lines = {_key(line) for line in extracted.splitlines()}
        dropped = []
        for line in (" ".join(raw.split()) for raw in visible.splitlines()):
            key = _key(line)
            # A short line counts as kept only as a whole line: "Bus Listrik" is inside many sentences.
            if key and key not in lines and not (len(key) > 24 and key in whole):
                dropped.append(Removal("extractor", line))
        return extracted, removed + dropped, []
    if not _prose_chars(visible):
        return visible, removed, []
    warning = ResultWarning(
        "extractor_fallback",
        "the page extractor kept too little of the visible text; the whole page was read as paragraphs",
        stage="clean",
    )
    logger.info(warning.message)
    return visible, removed, [warning]


def html_to_text(markup: str) -> tuple[str, list[Removal]]:
    """Text with one paragraph per line, plus what the markup handling removed (scripts, captions...)."""
    text, removed, _warnings = extract_html(markup)
    return text, removed
