"""Where a headline ends: the capitalisation and word tests behind "Baca juga" links and datelines.

Scraped Indonesian pages glue related-article headlines (Title Case, no full stop) to the article's
prose. :func:`headline_end` finds where the prose resumes; :func:`title_like` and the small word
tests are shared with :mod:`summarizer.text.boilerplate`; :func:`strip_page_header` cuts the title and
byline lines left above a body that has no dateline.
"""

from __future__ import annotations

import re

from ..results import Removal

__all__ = [
    "END_PUNCT",
    "STARTERS",
    "closes_body",
    "ends_sentence",
    "headline_end",
    "is_cap",
    "strip_page_header",
    "title_like",
    "word_count",
]

END_PUNCT = '.!?"”’)…'
_TOKEN = re.compile(r"\S+")

_FUNCTION_WORDS_TEXT = (
    "di ke dari dan yang untuk dengan atau pada vs hingga jadi oleh ini itu karena bagi soal usai "
    "jelang saat dalam akan tak tidak bisa sudah masih demi agar lewat antara se per & the of "
)
_FUNCTION_WORDS = frozenset(_FUNCTION_WORDS_TEXT.split())
# Capitalised words that usually open a sentence; used to find where a glued headline ends.
_STARTERS_TEXT = (
    "Ia Dia Mereka Kami Kita Saya Hal Namun Tetapi Sementara Selain Sebelumnya Kemudian Adapun "
    "Menurut Dalam Pada Saat Ketika Untuk Dengan Oleh Meski Meskipun Sedangkan Bahkan Selanjutnya "
    "Sejak Kini Karena Jika Apabila Setelah Sebelum Presiden Menteri Gubernur Bupati Wali Wakil "
    "Ketua Kepala Direktur Polisi Pemerintah Warga Petugas Pihak Kapolres Kapolda Kapolri "
    "Sekretaris Juru Anggota Pengamat Berdasarkan Diketahui Sebanyak Sejumlah Para Seorang Korban "
    "Pelaku Tim Kementerian Dinas Perusahaan Lebih Akibatnya Selama Sampai Itu Ini Di Dari Sebagai "
    "Seperti Sehari Lalu Akan "
    # job titles that open a sentence before a long Title Case subject ("Head of Research PT ...")
    "Head Chief CEO Analis Ekonom Kabid Kasat Kapolsek Dirut Kadis Camat Lurah Kades Plt Pj Penjabat "
)
#: How far back from the first lower-case word a sentence opener is looked for.
_STARTER_LOOKBACK = 10
STARTERS = frozenset(_STARTERS_TEXT.split())
# Passive reporting verbs that open a sentence before a name: "Disebutkan Sapto Aji, ...".
_OPENER = re.compile(r"(?:Di[a-z]{3,}kan|Menurut(?:nya)?|Dikatakan|Ditambahkan)$")
#: Page-header lines above a body without a dateline: at most this many, each at most this long.
_HEADER_LINES = 4
_HEADER_MAX = 20
_HEADER_END = re.compile(r"[.!?…][\"”’)]*$")
_CAMEL = re.compile(r"^([\"“(]?[A-Z][a-z]+|[A-Z]{2,})([A-Z][a-z]+)(\W*)$")


def word_count(text: str) -> int:
    return len(text.split())


def ends_sentence(text: str) -> bool:
    return text.rstrip()[-1:] in END_PUNCT if text.strip() else False


def closes_body(kept: list[str], rest: list[str]) -> bool:
    """Whether an end section ('Tentang X', a signature) may open here: only under a body of at least
    two sentences that outweighs it, never at the top of a short text that it would swallow whole."""
    body = [line for line in kept if ends_sentence(line)]
    return len(body) >= 2 and sum(map(len, body)) > sum(map(len, rest))


def is_cap(token: str) -> bool:
    word = token.lstrip("\"'“‘([")
    return bool(word) and (word[0].isupper() or word[0].isdigit())


def _is_lower(token: str) -> bool:
    word = token.lstrip("\"'“‘([")
    return bool(word) and word[0].islower()


def title_like(line: str) -> bool:
    """A related-article headline: short, mostly capitalised words, no full stop at the end."""
    words = line.split()
    if not words or len(words) > 20 or line.rstrip().endswith("."):
        return False
    return sum(1 for w in words if is_cap(w)) / len(words) >= 0.6


def headline_end(rest: str, *, complete: bool = True) -> int:
    """Offset in ``rest`` where a glued "Baca juga:" headline ends and the article text resumes.

    Returns ``len(rest)`` when the whole rest is headline. Headlines are Title Case without a full
    stop, so prose resumes one capitalised word before the first lower-case run, at a known sentence
    opener, at a sentence end, or where scraping glued two words ("SumateraWarga").
    """
    tokens = [(m.start(), m.group(0)) for m in _TOKEN.finditer(rest)]
    n = len(tokens)
    words = [t for _, t in tokens]
    if n == 0 or (complete and not ends_sentence(rest) and not any(w[-1] in ".!?" for w in words[:-1])):
        # A headline alone has no full stop; prose after it would.
        return len(rest)
    punct = n
    for i, word in enumerate(words[:30]):
        if i and word[:1] in '"“':
            punct = i
            break
        if word[-1:] in ".!?" and i < n - 1 and is_cap(words[i + 1]) and len(word.rstrip(".!?")) > 1:
            punct = i + 1
            break
    cut = min(punct, _case_boundary(words))
    # Scraping that dropped paragraph breaks glues the headline's last word to the next sentence's
    # first ("SumateraWarga"): such a glue before the first lower-case word is the real boundary.
    lower = next((i for i, w in enumerate(words) if _is_lower(w) and w.lower() not in _FUNCTION_WORDS), n)
    for i in range(min(max(cut, lower) + 1, n)):
        glued = _CAMEL.match(words[i])
        follows = words[i + 1] if i + 1 < n else ""
        starts = glued and i and (glued.group(2) in STARTERS or (_is_lower(follows)))
        if starts and follows.lower() not in _FUNCTION_WORDS:
            return tokens[i][0] + len(glued.group(1))
    return tokens[cut][0] if cut < n else len(rest)


def _case_boundary(words: list[str]) -> int:
    """Index of the first word after the headline, judged by capitalisation; ``len(words)`` if none."""
    n = len(words)
    title_case = is_cap(words[0]) and (n < 2 or is_cap(words[1]) or words[1].lower() in _FUNCTION_WORDS)
    if title_case:
        for i in range(1, min(n, 40)):
            if not _is_lower(words[i]):
                continue
            if words[i].lower() in _FUNCTION_WORDS and i + 1 < n and is_cap(words[i + 1]):
                continue
            for j in range(i - 1, max(1, i - _STARTER_LOOKBACK), -1):
                # After a comma the word is still inside the headline ("Diskon 10%, Ini Daftarnya").
                if words[j - 1].endswith(","):
                    continue
                if (words[j].strip("\"'“‘(,") in STARTERS and is_cap(words[j])) or _OPENER.match(words[j]):
                    return j
            # A headline often ends in a date or number; a multi-word subject starts right after it.
            for j in range(i - 1, max(1, i - 4), -1):
                if words[j - 1].rstrip(",.").isdigit() and is_cap(words[j]) and not words[j][:1].isdigit():
                    return j
            return i - 1 if i - 1 >= 1 else n
        return n
    seen_lower = False
    for i in range(1, min(n - 1, 40)):
        if _is_lower(words[i]):
            seen_lower = True
        elif seen_lower and i >= 2 and is_cap(words[i]) and _is_lower(words[i + 1]):
            return i
    return n


def strip_page_header(cleaned: list[str], removed: list[Removal]) -> list[str]:
    """Title, author and affiliation lines above the body of a page with no dateline.

    Only where page furniture (a byline, a stamp, a login button) was cut above the first sentence-like
    line: the short lines left there that end in no sentence mark are the page's header too.
    """
    body = (
        i
        for i, line in enumerate(cleaned)
        if line
        and (_HEADER_END.search(line) or len(line.split()) > _HEADER_MAX)
        and not _exclaimed_title(cleaned, i)
    )
    first = next(body, None)
    if first is None:
        return cleaned
    header = [i for i in range(first) if cleaned[i]]
    if len(header) == first or len(header) > _HEADER_LINES or any(cleaned[i].endswith(":") for i in header):
        return cleaned  # nothing was cut above the body, or the lines there are a list under a label
    removed.extend(Removal("header", cleaned[i]) for i in header)
    return [line if i >= first else "" for i, line in enumerate(cleaned)]


def _exclaimed_title(cleaned: list[str], i: int) -> bool:
    """A clickbait headline ending in '!' ("Cara Cek Nomor Sendiri, Cuma 10 Detik!") with furniture cut
    right under it: its '!' is no sentence end. A sentence in lower case or a question stays body."""
    line = cleaned[i]
    return (
        line.endswith("!")
        and len(line.split()) <= _HEADER_MAX
        and title_like(line)
        and i + 1 < len(cleaned)
        and not cleaned[i + 1]
    )
