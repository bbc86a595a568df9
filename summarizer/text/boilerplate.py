"""The engine that applies :data:`summarizer.text.rules.RULES` to the lines of a scraped article.

A line is kept as a list of *pieces*: each cut splits a piece, so text left next to a cut counts as a
fresh start (a glued "Baca juga" headline's end is where the real sentence resumes). Datelines need
the article's first lines at once and are handled by :func:`strip_datelines`. Where a glued headline
ends (and the word tests behind it) lives in :mod:`summarizer.text.headlines`.
"""

from __future__ import annotations

import logging
import re

from ..results import Removal
from .headlines import END_PUNCT, STARTERS, ends_sentence, headline_end, is_cap, title_like, word_count
from .headlines import closes_body as _closes_body
from .rule_types import MONTHS
from .rules import DATELINE_FORMS, RULES, STACKED_GLUED, Rule, Scope

__all__ = ["LineCleaner", "headline_end", "strip_dateline", "strip_datelines"]

logger = logging.getLogger(__name__)

_URL = re.compile(r"(?:https?://|www\.)\S+")
_SENTENCE_END = re.compile(r"[.!?…](?:[\"”’)\]]*)(?=\s|$)")
_HEADLINE_WINDOW = 320
# A full stop inside a line followed by a new sentence: a paragraph with a glued tail, not a headline.
_INNER_SENTENCE = re.compile(r"\b[a-z]\w+\s+\w+[a-z0-9][.!?][\"”’]?\s+[A-Z][a-z]")
_FULL_STOP = re.compile(r"[.!?][\"”’]?$")
#: A following line is "non-prose" (a list item under a label) at this length or less.
_BLOCK_WORDS = 25
#: Headline-like lines taken under a cut label that ends in a colon.
_LABEL_BLOCK = 2
#: A related headline under a "Baca juga: headline" line has at least this many words.
_LIST_WORDS = 5
_NUMBERED = re.compile(r"\(?\d{1,2}[.)]\s")
_RANK = re.compile(r"\d{1,2}\.?$")
# A short question with no quotation: a related headline ("Kenapa ombak ... berbahaya?") or a poll's.
_QUESTION = re.compile(r"[^\"“”]{3,120}\?$")
#: Lines above the dateline (headline, deck, caption, byline) are cut only when this short.
_HEADER_WORDS = 45
_DATELINE_WINDOW = 4
#: Whole-line rules only look at lines this short (about 80 words).
_LINE_CHARS = 600
#: End rules (credits, codes, copyright) look at this much of a line's end.
_TAIL_CHARS = 700


def _is_prose(line: str) -> bool:
    """A sentence-like line: long, ending like a sentence, or holding a full sentence (not a list item)."""
    return word_count(line) > _BLOCK_WORDS or ends_sentence(line) or bool(_INNER_SENTENCE.search(line))


def _at_boundary(piece: str, start: int) -> bool:
    before = piece[:start].rstrip()
    return not before or before[-1] in END_PUNCT or before.endswith(":")


def _sentence_end(piece: str, pos: int) -> int:
    match = _SENTENCE_END.search(piece, pos)
    return match.end() if match else len(piece)


def _sentence_start_before(piece: str, pos: int) -> int:
    """Start of the sentence that ends just before ``pos`` (its own final stop is skipped)."""
    head = piece[:pos].rstrip()
    head = head[:-1] if head[-1:] in ".!?" else head
    starts = [m.end() for m in _SENTENCE_END.finditer(head)]
    return starts[-1] if starts else 0


class LineCleaner:
    """Applies the rule table line by line; keeps the little state that label blocks need."""

    def __init__(self, rules: tuple[Rule, ...] = RULES) -> None:
        self.rules = rules
        self.removed: list[Removal] = []
        self._block: tuple[Rule, int] | None = None  # a label's rule and how many lines it may still take
        self._titles_only = False  # the block takes only headline-like lines (under a cut "...:" label)
        self._list_only = False  # ... and only long, unnumbered ones (under a "Baca juga: headline" line)
        self._unnumbered = False  # the block's last line taken had no list number
        self._asked = True  # the block took no line yet, or only questions (a list of related questions)
        self._last_cut: str | None = None  # rule name of a cut that ended the previous line
        self._left: int | None = None  # lines after the current one (known in clean_lines)
        self._tail: Rule | None = None  # an end section's rule: every line left goes with it

    def _cut(self, rule: str, text: str) -> None:
        text = text.strip()
        if text:
            self.removed.append(Removal(rule, text))

    def clean_lines(self, lines: list[str]) -> list[str]:
        """Clean an article's lines in order; only here do end sections (``Rule.tail``) apply."""
        out, longest = [], max((rule.tail for rule in self.rules), default=0)
        for index, line in enumerate(lines):
            left = len(lines) - index - 1
            self._left = left if left > longest or _closes_body(out, lines[index + 1 :]) else None
            out.append(self.clean(line))
        self._left = self._tail = None
        return out

    def clean(self, line: str) -> str:
        """Return the line without boilerplate ('' when the whole line was boilerplate)."""
        if self._tail:
            self._cut(self._tail.name, line)
            return ""
        if self._block:
            rule, left = self._block
            titles_only, self._block, self._titles_only = self._titles_only, None, False
            list_only, self._list_only = self._list_only, False
            headline = (rule.name == "read_also" or titles_only) and title_like(line)
            if rule.name == "read_also" and _NUMBERED.match(line) and self._unnumbered:
                # "1. Mandi dengan air hangat" after unnumbered related links is the body's crosshead.
                headline = False
                titles_only = True
            if not titles_only and _RANK.match(line):
                # A rank number on its own line ("1", "2.") in a popular list does not use up the block.
                self._cut(rule.name, line)
                self._block, self._titles_only, self._list_only = (rule, left), False, list_only
                return ""
            if list_only and (word_count(line) < _LIST_WORDS or _NUMBERED.match(line)):
                # A crosshead ("Kronologi Kejadian", "2. Rutin Berolahraga") after the link is content.
                headline = False
            question = self._asked and bool(_QUESTION.match(line))
            if headline or (not titles_only and (not _is_prose(line) or question)):
                if self._own_label(line):
                    # The line is a label of its own ("BERITA LAINNYA" under a video prompt): its
                    # rule, and the block it opens, win over the block above.
                    return ""
                self._cut(rule.name, line)
                self._unnumbered, self._asked = not _NUMBERED.match(line), question
                ends_block = rule.name == "syndication" and _URL.search(line)
                if left > 1 and not ends_block:
                    self._block, self._titles_only = (rule, left - 1), titles_only
                    self._list_only = list_only
                return ""
        return self._apply_rules(line)

    def _own_label(self, line: str) -> bool:
        """Whether a rule cuts the whole line and opens a block; if not, nothing is recorded."""
        mark = len(self.removed)
        if self._apply_rules(line) == "" and (self._block or self._tail):
            return True
        del self.removed[mark:]
        self._block, self._titles_only, self._list_only, self._last_cut = None, False, False, None
        return False

    def _apply_rules(self, line: str) -> str:
        after, self._last_cut, self._unnumbered, self._asked = self._last_cut, None, False, True
        pieces = [line]
        for rule in self.rules:
            if (rule.after and after not in rule.after) or (
                rule.hint and not any(h in line for h in rule.hint)
            ):
                continue
            out: list[str] = []
            for index, piece in enumerate(pieces):
                out.extend(self._apply(rule, piece, last=index == len(pieces) - 1))
            pieces = out
            if not pieces:
                if not self._block and line.endswith(":"):
                    # A whole cut line ending in a colon ("... seputar topik ini, di sini:") is a
                    # label over links: the headline-like lines right under it go with it.
                    self._block, self._titles_only = (rule, _LABEL_BLOCK), True
                return ""
        return " ".join(pieces)

    def _apply(self, rule: Rule, piece: str, *, last: bool) -> list[str]:
        if rule.scope is Scope.LINE:
            if rule.tail and (self._left is None or self._left > rule.tail):
                return [piece]
            # Page furniture is short; a long paragraph is never a whole-line match (and stays fast).
            if (
                len(piece) <= _LINE_CHARS
                and rule.pattern.search(piece)
                and word_count(piece) <= rule.max_words
            ):
                self._cut(rule.name, piece)
                if rule.block:
                    self._block = (rule, rule.block)
                if rule.tail:
                    self._tail = rule
                return []
            return [piece]
        # An end rule only needs the line's tail; scanning whole 50 MB lines would be quadratic.
        tail_from = max(0, len(piece) - _TAIL_CHARS) if rule.scope is Scope.END else 0
        if not rule.pattern.search(piece, tail_from):
            return [piece]
        out: list[str] = []
        last_end, pos = 0, tail_from
        while pos <= len(piece) and (match := rule.pattern.search(piece, pos)):
            pos = match.start() + 1
            span = self._span(rule, piece, match, last_end)
            if span is None:
                continue
            start, end = span
            if word_count(piece[start:end]) > rule.max_words:
                continue
            self._cut(rule.name, piece[start:end])
            out.append(piece[last_end:start])
            last_end = pos = max(end, match.start() + 1)
            if end >= len(piece.rstrip()) and last:
                self._last_cut = rule.name
        out.append(piece[last_end:])
        return [" ".join(p.split()) for p in out if p.strip()]

    def _span(self, rule: Rule, piece: str, match: re.Match[str], last_end: int) -> tuple[int, int] | None:
        start, end = match.start(), match.end()
        if rule.scope is Scope.START and start != 0:
            return None
        if rule.scope is Scope.END and piece[end:].strip():
            return None
        if rule.boundary and start > last_end and not _at_boundary(piece[last_end:], start - last_end):
            return None
        if rule.span == "headline":
            return self._read_also_span(piece, match, last_end)
        if rule.span == "bullet":
            stop = end + headline_end(piece[end : end + _HEADLINE_WINDOW], complete=False)
            nxt = piece.find("•", end, stop)
            return start, nxt if nxt >= 0 else stop
        if rule.span == "sentence":
            end = _sentence_end(piece, end)
        elif rule.span == "url":
            url = _URL.search(piece, end)
            end = url.end() if url and url.start() - end < 400 else len(piece)
            tail = piece[end:].lstrip()
            if url and tail[:1] and tail[0] in ".,":
                end = len(piece) - len(tail) + 1
        elif rule.span == "line":
            end = len(piece)
        if rule.back == "sentence":
            start = max(last_end, _sentence_start_before(piece, start))
        if rule.block and not piece[end:].strip():
            self._block = (rule, rule.block)
        return start, end

    def _read_also_span(self, piece: str, match: re.Match[str], last_end: int) -> tuple[int, int] | None:
        """A "Baca juga" link where it starts a line or follows a sentence end; None for prose."""
        k = match.start()
        before = piece[last_end:k].rstrip()
        at_start = not before
        if not (at_start or before[-1] in END_PUNCT):
            return None
        # Only a window after the label is examined, so a 50 MB line stays linear.
        window = piece[match.end() : match.end() + _HEADLINE_WINDOW]
        whole = match.end() + _HEADLINE_WINDOW >= len(piece)
        # "BACA JUGA" or "Baca Juga" is a label even without a colon; prose writes "baca juga".
        label = match.group(0).split()[1][:1].isupper()
        if (
            not match.group("sep")
            and not label
            and (
                # Without a colon only a whole short line with no full stop is a link ("Baca Juga Harga");
                # "Baca juga laporan kami ..." in prose ends like a sentence and stays.
                not at_start or not whole or ends_sentence(window) or word_count(window) > 20
            )
        ):
            return None
        if whole and not window.strip():
            self._block = (_READ_ALSO_RULE, 3)
            return k, len(piece)
        end = match.end() + headline_end(window, complete=whole)
        if at_start and whole and not piece[end:].strip() and match.group("sep"):
            # "Baca juga: headline" filling its line heads a list: headline-like lines under it go too.
            self._block, self._titles_only = (_READ_ALSO_RULE, _LABEL_BLOCK), True
            self._list_only = True
        return k, end


_READ_ALSO_RULE = next(rule for rule in RULES if rule.name == "read_also")


# --- datelines ----------------------------------------------------------------------------------
def _match_dateline(line: str, pos: int, *, strong_only: bool) -> re.Match[str] | None:
    for name, pattern, strong in DATELINE_FORMS:
        if strong_only and not strong:
            continue
        # The loosest forms only open a line; stacked after a dateline they would eat a speaker label.
        if pos and name in _LINE_START_FORMS:
            continue
        match = pattern.match(line, pos)
        if match and word_count(match.group(0)) <= 9:
            return match
    return None


def strip_dateline(line: str) -> tuple[str, str | None]:
    """Drop leading (possibly stacked) datelines; return (line, cut text or None)."""
    pos, cuts = 0, []
    for _ in range(3):
        match = _match_dateline(line, pos, strong_only=False)
        if not match:
            glued = STACKED_GLUED.match(line, pos) if cuts else None
            if not glued or line[glued.end() :].split()[0].strip('"“,') not in STARTERS:
                break
            match = glued
        cuts.append(match.group(0).strip())
        pos = match.end()
        while pos < len(line) and line[pos].isspace():
            pos += 1
    if not cuts:
        return line, None
    return line[pos:], " ".join(cuts)


_LINE_START_FORMS = frozenset(
    ["name_city", "outlet_city_colon", "city_colon", "outlet_pipe", "city_date", "outlet_city_nodash"]
)
_STAMP = re.compile(
    r"(?:(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu),?\s*)?\d{1,2}\s+" + MONTHS + r"\.?\s+\d{4}"
    r"\s*[-–|,]?\s*\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:WIB|WITA|WIT)\b"
)
_CAPS_CITY_DASH = re.compile(r"[A-Z]{3,}(?:\s[A-Z]{3,}){0,2}\s*(?:--?|–|—)\s")
_MID_START = re.compile(r"(?:(?<=[.!?\"”’)]\s)|(?<=[a-z)])(?=[A-Z]{2}))(?=[A-Z0-9a-z])")
_FIRST_START = re.compile(r"(?:(?<=\s)|(?<=[a-z.)]))(?=[A-Za-z0-9])")


def _find_in_line(line: str, *, first: bool) -> tuple[int, re.Match[str]] | None:
    """A dateline inside the line: after a sentence end (or glued after a headline in the first lines)."""
    finder = _FIRST_START if first else _MID_START
    limit = 600 if first else len(line)
    for start in finder.finditer(line, 1, limit):
        pos = start.start()
        match = _match_dateline(line, pos, strong_only=True)
        if not match and first and re.match(r"[A-Z]{3,}", line[pos:]):
            # A weak "CITY -" inside the first line: glued to the headline ("KotaSOLO –"), or an
            # all-capitals city after a Title Case header (a one-line page: headline, stamp, dateline).
            glued = line[pos - 1].islower()
            if glued or (_CAPS_CITY_DASH.match(line, pos) and title_like(line[:pos])):
                match = _match_dateline(line, pos, strong_only=False)
        if match:
            return pos, match
    return None


def _strip_header_stamp(line: str, removed: list[Removal]) -> str:
    """A one-line page opening with headline + publication stamp: cut both, keep the body after them."""
    stamp = _STAMP.search(line, 0, 600)
    if not stamp or not stamp.start():
        return line
    head, rest = line[: stamp.start()].strip(), line[stamp.end() :]
    words = head.split()
    # Prose names a date after a preposition ("pada 2 Desember 2026 ..."); a headline ends in a name.
    if len(words) < 3 or not title_like(head) or not is_cap(words[-1]) or word_count(rest) < 8:
        return line
    removed.append(Removal("header", head))
    removed.append(Removal("timestamp", stamp.group(0).strip()))
    return rest.strip()


def strip_datelines(lines: list[str], removed: list[Removal]) -> list[str]:
    """Cut the body's dateline (and the page header above it), then strong datelines of repeated copies."""
    lines = list(lines)
    if lines:
        lines[0] = _strip_header_stamp(lines[0], removed)
    for i in range(min(_DATELINE_WINDOW, len(lines))):
        rest, cut = strip_dateline(lines[i])
        prefix = ""
        if not cut:
            found = _find_in_line(lines[i], first=True)
            if not found or word_count(lines[i][: found[0]]) > _HEADER_WORDS:
                continue
            prefix = lines[i][: found[0]]
            rest, cut = strip_dateline(lines[i][found[0] :])
            if not cut:
                continue
        if cut.endswith(":") and any(line.startswith(cut) for line in lines[i + 1 :]):
            break  # a label that opens other lines too is a speaker in an interview, not a place
        header = lines[:i]
        if any(word_count(h) > _HEADER_WORDS for h in header):
            break
        # A bare "City -" below a real paragraph is more likely a list line than the body's start.
        weak = not _match_dateline(lines[i][len(prefix) :], 0, strong_only=True)
        if weak and any(_FULL_STOP.search(h) and word_count(h) >= 6 for h in header):
            break
        removed.extend(Removal("header", h) for h in header)
        if prefix.strip():
            removed.append(Removal("header", prefix.strip()))
        removed.append(Removal("dateline", cut))
        lines = [rest, *lines[i + 1 :]]
        break
    out = []
    for line in lines:
        while found := _find_in_line(line, first=False):
            pos, match = found
            removed.append(Removal("dateline", match.group(0).strip()))
            line = line[:pos].rstrip() + " " + line[match.end() :].lstrip()
        rest, cut = strip_dateline(line)
        if cut and _match_dateline(line, 0, strong_only=True):
            removed.append(Removal("dateline", cut))
            line = rest
        out.append(line.strip())
    return [line for line in out if line]
