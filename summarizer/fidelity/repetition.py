"""Degenerate output: loops ("I'm sorry I'm sorry I'm sorry"), runaway length, untranslated text."""

from __future__ import annotations

import logging
import re
from collections import Counter

__all__ = ["find_repetition", "is_too_long", "looks_untranslated"]

logger = logging.getLogger(__name__)

_TOKEN_RE = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)
# Frequent Indonesian function words; an "English" output made of these was not translated.
_ID_MARKERS = frozenset(
    """
    yang dan di ke dari ini itu dengan untuk tidak akan pada juga dalam adalah oleh karena sudah
    telah bisa kami mereka saya ada atau seperti namun tersebut bahwa menjadi lebih para
    """.split()  # noqa: SIM905 - a word list reads better as text
)
# Frequent English function words: output rich in these is English, whatever a detector says about
# the names in it ("competing in Copenhagen, Denmark").
_EN_MARKERS = frozenset(
    """
    the a an of to in on at by for from with and or is are was were be been has have had will would
    that this it its he she they their who which as not but said says after before than
    """.split()  # noqa: SIM905 - a word list reads better as text
)


def _tokens(text: str) -> list[str]:
    return [t.casefold() for t in _TOKEN_RE.findall(text)]


def _max_tandem(tokens: list[str], max_n: int = 8) -> tuple[int, tuple[str, ...]]:
    """Longest run of an n-gram repeated back to back: (times, phrase)."""
    best: tuple[int, tuple[str, ...]] = (1, ())
    for n in range(1, max_n + 1):
        i = 0
        while i + 2 * n <= len(tokens):
            phrase = tuple(tokens[i : i + n])
            times, j = 1, i + n
            while tokens[j : j + n] == list(phrase):
                times, j = times + 1, j + n
            if times > best[0]:
                best = (times, phrase)
            i = j if times > 1 else i + 1
    return best


def _max_ngram_count(tokens: list[str], n: int) -> tuple[int, tuple[str, ...]]:
    counts = Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    if not counts:
        return 0, ()
    phrase, times = counts.most_common(1)[0]
    return times, phrase


def find_repetition(source: str, output: str, *, same_language: bool = False) -> str | None:
    """The phrase ``output`` repeats 3+ times when ``source`` does not, else None.

    Looks for back-to-back loops of 1-8 words and for any 4-word phrase used 3+ times. With
    ``same_language`` (summary vs article) the very phrase is looked up in the source; across languages
    the source only excuses a loop when it has a loop of its own ("ha ha ha", "lagi, lagi, lagi").
    """
    out_toks, src_toks = _tokens(output), _tokens(source)
    times, phrase = _max_tandem(out_toks)
    if times < 3:
        times, phrase = _max_ngram_count(out_toks, 4)
    if times < 3:
        return None
    if same_language:
        n = len(phrase)
        src_count = sum(1 for i in range(len(src_toks) - n + 1) if tuple(src_toks[i : i + n]) == phrase)
        if src_count >= times:
            return None
    elif _max_tandem(src_toks)[0] >= times:
        return None
    return " ".join(phrase)


def is_too_long(source: str, output: str, *, ratio: float = 3.0, slack: int = 40) -> bool:
    """Output far longer than its source (a translation runs 0.8-1.5x the Indonesian in characters)."""
    return len(output) > ratio * len(source) + slack


def looks_untranslated(source: str, output: str) -> bool:
    """True when an "English" output is still Indonesian: detected as id/ms, or copied from the source."""
    out_toks = _tokens(output)
    if len(out_toks) < 4:
        return False  # too short to judge: names, numbers, "OK."
    markers = sum(t in _ID_MARKERS for t in out_toks) / len(out_toks)
    src = set(_tokens(source))
    copied = sum(t in src for t in out_toks if not t.isdigit()) / len(out_toks)
    if markers >= 0.15 or (copied >= 0.8 and markers >= 0.05):
        return True
    if sum(t in _EN_MARKERS for t in out_toks) / len(out_toks) >= 0.15:
        return False
    try:
        from ..text import detect_language
    except ImportError:
        logger.debug("summarizer.text unavailable; untranslated check uses word lists only")
        return False
    # Names ("Jokowi", "Beringharjo") read as Indonesian to a detector: judge the other words only.
    common = " ".join(w for w in output.split() if not w[:1].isupper())
    return len(out_toks) >= 6 and detect_language(common) in ("id", "ms")
