"""Digits in either convention read as values: "1.250" and "1,250", scale words, and the mention record.

Indonesian writes "1.250" for one thousand two hundred and fifty and "3,5" for three and a half; English
does the reverse. Shared by the digit extractor (:mod:`.numbers`) and the spelled-out one
(:mod:`.number_words`), so it sits below both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A value is a tagged tuple: ("num", float) | ("time", minutes) | ("date", day, month) | ("lit", text).
Value = tuple

_SCALES: dict[str, float] = {
    "ribu": 1e3,
    "rb": 1e3,
    "thousand": 1e3,
    "k": 1e3,
    "juta": 1e6,
    "jt": 1e6,
    "million": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "miliar": 1e9,
    "milyar": 1e9,
    "billion": 1e9,
    "bn": 1e9,
    "triliun": 1e12,
    # "Rp 2 jutaan", "3 ribuan": about that many
    "ribuan": 1e3,
    "jutaan": 1e6,
    "miliaran": 1e9,
    "triliunan": 1e12,
    "trilyun": 1e12,
    "trillion": 1e12,
    "tn": 1e12,
}
_EN_SCALE = {1e3: "thousand", 1e6: "million", 1e9: "billion", 1e12: "trillion"}

# Digits with optional group/decimal separators; not glued to a preceding digit or separator.
_NUM = r"\d+(?:[.,]\d+)*"
_SCALE_ALT = "|".join(sorted(_SCALES, key=len, reverse=True))
_NUMBER_RE = re.compile(
    rf"(?<![\d.,/:])(?P<num>{_NUM})(?!\d|/\d)"
    rf"(?:\s?(?P<scale>{_SCALE_ALT})\b)?"
    r"(?:\s?(?P<pct>%|persen\b|percent\b|per\s?cent\b|pct\b))?"
    r"(?:(?P<ord>st|nd|rd|th)\b)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class NumberMention:
    """One number-like span. ``values`` are its acceptable readings; ``kind`` is what it looks like."""

    span: str
    start: int
    end: int
    values: frozenset
    kind: str  # "number" | "percent" | "money" | "date" | "time" | "word" | "fraction"
    # Source mentions that are dates, times or fractions only match a reading of that kind.
    strict_kinds: frozenset = frozenset()


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if len(text) == 2 else year


def _key(x: float) -> Value:
    return ("num", float(f"{x:.10g}"))


def _readings(token: str, lang: str) -> tuple[set[float], bool]:
    """Numeric readings of "1.250,5"-like text under ``lang``; bool = the reading is unambiguous."""
    seps = re.findall(r"[.,]", token)
    if not seps:
        return {float(token)}, True
    groups = re.split(r"[.,]", token)
    if len(set(seps)) == 2:
        # Mixed separators: the last one is the decimal mark, the others group thousands.
        last = max(token.rfind("."), token.rfind(","))
        whole = re.sub(r"[.,]", "", token[:last])
        return {float(f"{whole}.{token[last + 1 :]}")}, True
    sep = seps[0]
    grouped = len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])
    as_thousands = float("".join(groups)) if grouped else None
    as_decimal = float(f"{''.join(groups[:-1])}.{groups[-1]}")
    if len(seps) > 1:
        # "2.200.112" can only be grouping; "2,200,12" is malformed: read the last mark as decimal.
        return ({as_thousands} if as_thousands is not None else {as_decimal}), True
    if as_thousands is None:
        return {as_decimal}, True  # "3,5", "1.50": not a valid thousands group, so a decimal
    own_thousands = "." if lang == "id" else ","
    if sep == own_thousands:
        return {as_thousands}, True
    # The other convention's thousands mark: could be a decimal ("1,250" in Indonesian) or a kept
    # foreign grouping ("15.000" left in an English translation). Accept both.
    return {as_decimal, as_thousands}, False


def parse_number(token: str, lang: str = "id") -> set[float]:
    """The values "1.250" / "3,5" / "2,200,112" can have when written in ``lang`` ("id" or "en")."""
    return set(_readings(token, lang)[0])
