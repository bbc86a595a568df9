"""Indonesian sentence splitter: rule-based, tuned on IndoSum gold splits.

Sentences are exact substrings of the input; only whitespace between them is dropped.
"""

from __future__ import annotations

import logging
import re

__all__ = ["split_paragraphs", "split_sentences"]

logger = logging.getLogger(__name__)

# Abbreviations that precede a name, number or place: a period after them never ends a sentence.
_PREFIX_ABBREVS = frozenset(
    [
        "dr",
        "drg",
        "drh",
        "prof",
        "ir",
        "h",
        "hj",
        "sdr",
        "sdri",
        "bpk",
        "bp",
        "bu",
        "tn",
        "ny",
        "nn",
        "jl",
        "jln",
        "gg",
        "no",
        "nomor",
        "kec",
        "kab",
        "kel",
        "prov",
        "ds",
        "desa",
        "rp",
        "y.m",
        "yth",
        "pt",
        "cv",
        "ud",
        "a.n",
        "u.p",
        "a.l",
        "d.a",
        "s.d",
        "kh",
        "drs",
        "dra",
        "st",
        "mr",
        "mrs",
        "ms",
        "mt",
        "kol",
        "let",
        "jend",
        "brig",
        "pol",
        "ust",
        "pdt",
        "mgr",
        "tgl",
        "hlm",
        "vol",
        "ft",
        "feat",
        "pp",
        "uu",
        "ps",
        "nip",
        "nrp",
        "telp",
        "tel",
        "hp",
        "fax",
        "ext",
        "kp",
        "rt",
        "rw",
        "dsn",
        "lt",
        "blok",
    ]
)
# Abbreviations that may close a sentence: split only when an upper-case word follows.
_POSTFIX_ABBREVS = frozenset(
    [
        "dll",
        "dsb",
        "dst",
        "tsb",
        "dkk",
        "tbk",
        "sbb",
        "s.h",
        "m.h",
        "m.si",
        "s.e",
        "s.t",
        "s.pd",
        "s.ip",
        "s.sos",
        "s.kom",
        "m.m",
        "m.a",
        "m.sc",
        "m.kes",
        "ph.d",
        "s.ked",
        "sp.a",
        "s.ag",
        "m.ag",
        "m.pd",
        "s.psi",
        "lc",
        "m.b.a",
        "mba",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "jr",
        "sr",
        "bros",
    ]
)
# A candidate boundary: terminal punctuation, then closing quotes/brackets glued to it, then whitespace.
_CANDIDATE = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)")
_LINE = re.compile(r"[^\n]+")
_TERMINAL_CHARS = frozenset(".!?…:;\"'”’)]")
_INITIALS = re.compile(r"^(?:[A-Za-z]\.)*[A-Z]$")
_LIST_MARKER = re.compile(r"^(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4})$")
_WORD_CHARS = frozenset(".-@/_")
_BRACKET_TAIL = re.compile(r"\s*[(\[][^()\[\]\n]{1,30}[)\]]\s*$")
_PARA_SPLIT = re.compile(r"\s*\n\s*")


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs separated by newlines (blank or not), stripped, empty ones dropped."""
    return [p for p in _PARA_SPLIT.split(text.strip()) if p]


def split_sentences(text: str, lang: str = "id") -> list[str]:
    """Split ``text`` (one or more paragraphs) into sentences, in order, without changing them.

    ``lang`` is accepted for API symmetry; the rules are Indonesian but work for English news too.
    """
    if not text or not text.strip():
        return []
    sentences: list[str] = []
    for block in _blocks(text):
        start = 0
        for end in _boundaries(block):
            piece = block[start:end].strip()
            if piece:
                sentences.append(piece)
            start = end
        tail = block[start:].strip()
        if tail:
            sentences.append(tail)
    return sentences


def _blocks(text: str) -> list[str]:
    """Hard breaks at newlines, except a wrapped line (no end punctuation, next starts lower-case).

    Blocks are slices of ``text``, so a re-joined wrapped line keeps its original newline.
    """
    blocks: list[tuple[int, int]] = []
    for match in _LINE.finditer(text):
        line = match.group(0)
        stripped = line.strip()
        if not stripped:
            continue
        start = match.start() + (len(line) - len(line.lstrip()))
        end = start + len(stripped)
        if blocks and text[blocks[-1][1] - 1] not in _TERMINAL_CHARS and text[start].islower():
            blocks[-1] = (blocks[-1][0], end)
        else:
            blocks.append((start, end))
    return [text[start:end] for start, end in blocks]


def _boundaries(block: str) -> list[int]:
    ends: list[int] = []
    last = 0
    for match in _CANDIDATE.finditer(block):
        end = match.end()
        if _is_boundary(block, match.start(), end, last):
            ends.append(end)
            last = end
    return ends


def _word_before(block: str, pos: int, floor: int) -> str:
    """The token just before ``pos`` (letters, digits, inner periods); scans at most 40 characters."""
    i = pos
    stop = max(floor, pos - 40)
    while i > stop and (block[i - 1].isalnum() or block[i - 1] in _WORD_CHARS):
        i -= 1
    return block[i:pos]


def _glued(block: str, i: int) -> bool:
    """True when the token at ``i`` is glued to a previous symbol, as the "B" of "F&B"."""
    return i > 0 and not block[i - 1].isspace() and block[i - 1] not in "([\"'“‘"


def _next_char(block: str, pos: int) -> str:
    n = len(block)
    while pos < n and block[pos].isspace():
        pos += 1
    return block[pos] if pos < n else ""


def _next_start(block: str, pos: int) -> str:
    """First letter/digit of the text after ``pos`` (skipping spaces, opening quotes, brackets, dashes)."""
    n = len(block)
    i = pos
    while i < n and (block[i].isspace() or block[i] in "\"'“‘([-–—•*"):
        i += 1
    return block[i] if i < n else ""


def _is_boundary(block: str, punct_start: int, end: int, last: int) -> bool:
    nxt = _next_start(block, end)
    if not nxt:
        return False
    bracketed = _next_char(block, end) in ("(", "[")
    if bracketed and _BRACKET_TAIL.match(block, end):
        # A bracketed tail after a full stop, e.g. the reporter's initials "(rsa)", stands alone.
        return True
    if nxt.islower():
        # Indonesian sentences start upper-case; a lower-case continuation means an abbreviation,
        # an ellipsis inside a sentence or a quote followed by "kata dia".
        return False
    punct = block[punct_start:end]
    if punct[0] != "." or punct.startswith(".."):
        # "!", "?" and ellipses before an upper-case word end a sentence.
        return True
    word = _word_before(block, punct_start, last)
    if not word:
        return True
    low = word.lower()
    if low in _PREFIX_ABBREVS:
        return False
    if low in _POSTFIX_ABBREVS:
        return nxt.isupper() and not bracketed
    if _INITIALS.match(word) and (i := punct_start - len(word)) >= 0 and not _glued(block, i):
        # "B.J. Habibie", "H. Anies": single capitals with periods are initials.
        return False
    if _LIST_MARKER.match(word) and not block[last : punct_start - len(word)].strip():
        # A list marker opening a sentence: "1." stands alone (as in IndoSum's gold), "a." stays attached.
        return word.isdigit()
    return True
