"""Indonesian sentence splitter: rule-based, tuned on IndoSum gold splits.

Sentences are exact substrings of the input; only whitespace between them is dropped.
"""

from __future__ import annotations

import logging
import re

__all__ = ["split_paragraphs", "split_sentences"]

logger = logging.getLogger(__name__)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Abbreviations that precede a name, number or place: a period after them never ends a sentence
# (titles and ranks, address parts, company forms, "vs.", chatty short forms such as "yg.").
_PREFIX_ABBREVS = _words(
    """
    dr drg drh prof ir h hj sdr sdri bpk bp bu tn ny nn ns jl jln gg no nomor kec kab kel prov ds desa
    komp kav tj rp y.m yth kpd pt cv ud a.n u.p a.l d.a s.d kh drs dra st mr mrs ms mt kol let jend
    brig kapt pol inf purn ust pdt mgr rm tgk dg tgl hlm vol ft feat pp uu ps nip nrp telp tel hp fax
    ext kp rt rw dsn lt blok vs yg dgn utk sbg spt thd
    """
)
# Abbreviations that stand before a number: "tgl. 5 Des. 2023", "pkl. 19.30", "hal. 7".
_NUMBER_ABBREVS = _words(
    """
    tgl hlm hal pkl thn th vol no ps psl ay jan feb mar apr jun jul agu agt ags sep sept okt nov des
    """
)
# Abbreviations that may close a sentence: split only when an upper-case word follows.
_POSTFIX_ABBREVS = _words(
    """
    dll dsb dst tsb dkk tbk sbb s.h m.h m.si s.e s.t s.pd s.ip s.sos s.kom m.m m.a m.sc m.kes ph.d
    s.ked sp.a s.ag m.ag m.pd s.psi lc m.b.a mba etc inc ltd co corp jr sr bros
    """
)
# Words that open Indonesian sentences but are never names: after an ambiguous "C." or "PT." they show
# that the sentence ended there ("masuk golongan C. Selain itu ...", "Hamengku Buwono X. Ia ...").
_SENTENCE_OPENERS = _words(
    """
    namun selain sementara kemudian menurut dalam saat ia dia hal sedangkan adapun meski meskipun
    walaupun sebelumnya selanjutnya akibatnya oleh pada di dari kami kita mereka ini itu jika bila
    apabila kalau bahkan tetapi tapi lalu karena sebab padahal sehingga setelah sebelum ketika sejak
    hingga apalagi sebagai tidak tak belum sudah telah yang para sejumlah untuk dengan begitu demikian
    selama usai seperti semua setiap kini saya aku anda beliau sebanyak sekitar berdasarkan terkait
    diketahui disebutkan
    """
)
# A candidate boundary: terminal punctuation (a spaced ". . ." is one ellipsis), then closing
# quotes/brackets glued to it. Whitespace must follow; it is checked in code, so that a long run of
# dots without a space costs one match instead of a quadratic backtrack.
_CANDIDATE = re.compile(r"[.!?…]+(?: [.…]+(?![^\s\"'”’)\]]))*[\"'”’)\]]*")
_LINE = re.compile(r"[^\n]+")
_TERMINAL_CHARS = frozenset(".!?…:;\"'”’)]")
_INITIALS = re.compile(r"^(?:[A-Za-z]\.)*[A-Z]$")
_LIST_MARKER = re.compile(r"^(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4})$")
_WORD_CHARS = frozenset(".-@/_")
_BRACKET_TAIL = re.compile(r"\s*[(\[][^()\[\]\n]{1,30}[)\]]\s*$")
_CLOSING_QUOTES = {'"': '"', "'": "'", "”": "“", "’": "‘"}
# How far back a closing quote looks for its opening quote (a quoted utterance, not a whole article).
_QUOTE_REACH = 400
# What may stand before the opening quote of a quoted sentence: the end of the previous sentence.
_OPENS_SENTENCE = frozenset('.!?…"”’)]')


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs separated by newlines (blank or not), stripped, empty ones dropped."""
    # str.split + strip, not a regex: "\s*\n\s*" backtracks quadratically over long runs of spaces.
    return [p for p in (line.strip() for line in text.split("\n")) if p]


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
    n = len(block)
    for match in _CANDIDATE.finditer(block):
        end = match.end()
        if end < n and block[end].isspace() and _is_boundary(block, match.start(), end, last):
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


def _starts_sentence(block: str, i: int, last: int, after: frozenset[str] = frozenset()) -> bool:
    """True when only whitespace lies between the last boundary and ``i``, or a character in ``after``."""
    j = i
    while j > last and block[j - 1].isspace():
        j -= 1
    return j <= last or block[j - 1] in after


def _quoted_sentence(block: str, punct: str, end: int, last: int) -> bool:
    """``"Benarkah?"`` closing a quote that opened the sentence: a sentence of its own.

    IndoSum's gold splits ``"Benarkah?" tanya dia.`` after the quote; a quoted question mid-sentence
    (``film "Siapa Takut?" dan ...``) is not a boundary.
    """
    close = punct[-1]
    if close not in _CLOSING_QUOTES or ("?" not in punct and "!" not in punct):
        return False
    opening = _CLOSING_QUOTES[close]
    start = block.rfind(opening, max(0, end - _QUOTE_REACH), end - len(punct))
    if start < 0 or (start > 0 and not block[start - 1].isspace()) or block[start + 1].isspace():
        return False  # no opening quote: a straight quote found here closes an earlier quotation
    return _starts_sentence(block, start, last, _OPENS_SENTENCE)


def _next_word(block: str, pos: int) -> str:
    """The word after ``pos`` (after spaces and opening quotes); at most 20 characters are read."""
    n = len(block)
    i = pos
    while i < n and (block[i].isspace() or block[i] in "\"'“‘"):
        i += 1
    j = i
    while j < n and j - i < 20 and block[j].isalpha():
        j += 1
    return block[i:j]


def _is_boundary(block: str, punct_start: int, end: int, last: int) -> bool:
    nxt = _next_start(block, end)
    if not nxt:
        return False
    bracketed = _next_char(block, end) in ("(", "[")
    if bracketed and _BRACKET_TAIL.match(block, end):
        # A bracketed tail after a full stop, e.g. the reporter's initials "(rsa)", stands alone.
        return True
    punct = block[punct_start:end]
    if nxt.islower():
        # Indonesian sentences start upper-case; a lower-case continuation means an abbreviation,
        # an ellipsis inside a sentence or a quote followed by "kata dia" -- unless the quote is a
        # whole question or exclamation.
        return _quoted_sentence(block, punct, end, last)
    dots = punct.replace(" ", "")
    if dots[0] != "." or dots.startswith(".."):
        # "!", "?" and ellipses before an upper-case word end a sentence.
        return True
    word = _word_before(block, punct_start, last)
    if not word:
        return True
    low = word.lower()
    if nxt.isdigit() and low in _NUMBER_ABBREVS:
        return False
    opener = _next_word(block, end).lower() in _SENTENCE_OPENERS
    if low in _PREFIX_ABBREVS:
        return opener
    if low in _POSTFIX_ABBREVS:
        return nxt.isupper() and not bracketed
    i = punct_start - len(word)
    if _INITIALS.match(word) and i >= 0 and not _glued(block, i):
        # "B.J. Habibie", "H. Anies": single capitals with periods are initials.
        return opener
    if _LIST_MARKER.match(word) and _starts_sentence(block, i, last):
        # A list marker opening a sentence: "1." stands alone (as in IndoSum's gold), "a." stays attached.
        return word.isdigit()
    return True
