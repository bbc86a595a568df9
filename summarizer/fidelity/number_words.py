"""Spelled-out numbers ("dua puluh lima", "twenty-five", "tiga perempat", "kuartal III") and spans of
time ("tujuh hari" = "a week") read as values; used as support for digits on the other side."""

from __future__ import annotations

import re

from .number_forms import _SCALES, NumberMention, _key

# "tujuh hari" = "a week", "12 bulan" = "a year": a span of time also compared as a number of days
# (a month as 30, a year as 12 months).
_ID_PERIOD_DAYS = {"hari": 1, "pekan": 7, "minggu": 7, "bulan": 30, "tahun": 360}
_EN_PERIOD_DAYS = {"day": 1, "week": 7, "fortnight": 14, "month": 30, "year": 360}
# The unit right after a number mention ("1,5 tahun", "one and a half years", "18 months").
_ID_PERIOD_RE = re.compile(r"(?<=\w)\s+(?P<unit>hari|pekan|minggu|bulan|tahun)\b", re.I)
_EN_PERIOD_RE = re.compile(r"(?<=\w)(?:\s+|-)(?P<unit>day|week|fortnight|month|year)s?\b", re.I)
# "a year", "a year and a half": a span with no number mention of its own.
_EN_ONE_PERIOD_RE = re.compile(
    r"\b(?:a|one)\s+(?P<unit>day|week|fortnight|month|year)(?P<half>\s+and\s+a\s+half)?\b", re.I
)

_ID_WORDS = {
    "nol": 0, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
    "delapan": 8, "sembilan": 9, "sepuluh": 10, "sebelas": 11, "seratus": 100, "seribu": 1000,
    "sejuta": 1_000_000, "pertama": 1, "kedua": 2, "ketiga": 3, "keempat": 4, "kelima": 5,
    "setengah": 0.5, "separuh": 0.5, "selusin": 12,
}  # fmt: skip
_EN_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "once": 1, "twice": 2, "dozen": 12, "half": 0.5,
}  # fmt: skip
_EN_ORDINALS = {w for w, v in _EN_WORDS.items() if w.endswith(("st", "nd", "rd", "th")) and v >= 1}
_EN_DENOMS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4, "fourths": 4,
    "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10,
}  # fmt: skip
_SENTENCE_START_RE = re.compile(r"(?:^|[.!?:;“\"(\[—–-])\s*$")
_WORD_MULT = {"belas": None, "puluh": 10, "ratus": 100, "hundred": 100}
_WORD_RE = re.compile(r"[a-z]+", re.IGNORECASE)

_ROMAN_RE = re.compile(r"(?:X{0,3})(?:IX|IV|V?I{0,3})")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}


def _roman(token: str, lang: str) -> int:
    """ "III" (kuartal III, Kodam IV) as 3, 4; 0 when no Roman numeral. English "I" is the pronoun."""
    if not token or not _ROMAN_RE.fullmatch(token) or (lang == "en" and token == "I"):
        return 0
    values = [_ROMAN_VALUES[c] for c in token]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _fraction(numerator: float, denominator: float) -> frozenset:
    # The share itself, rounded as a percentage would be ("two-thirds" = "67%"), and both parts as
    # support ("tiga perempat" supports a "3" or "4" elsewhere).
    return frozenset({("frac", round(numerator / denominator, 2)), _key(numerator), _key(denominator)})


def _denominator(words: list, j: int, table: dict, lang: str) -> tuple[float | None, int]:
    """The denominator after a numerator ("per tiga", "perempat", "thirds") and the index after it."""
    if j >= len(words):
        return None, j
    nxt = words[j].group().lower()
    if lang == "en":
        return (float(_EN_DENOMS[nxt]), j + 1) if nxt in _EN_DENOMS else (None, j)
    if nxt == "per" and j + 1 < len(words) and words[j + 1].group().lower() in table:
        return float(table[words[j + 1].group().lower()]), j + 2
    if nxt.startswith("per") and nxt[3:] in table and table[nxt[3:]] >= 2:
        return float(table[nxt[3:]]), j + 1
    return None, j


def _word_value(word: str, table: dict, lang: str) -> float | None:
    """The value of one number word; Indonesian ordinals are "ke" + a cardinal ("keenam" = 6)."""
    if word in table:
        return table[word]
    if lang == "id" and word.startswith("ke") and word[2:] in table and table[word[2:]] >= 1:
        return table[word[2:]]
    return None


def _parse_word_numbers(text: str, lang: str) -> list[NumberMention]:
    """Spelled-out numbers ("dua puluh lima", "twenty-five", "one million"); used only as support."""
    table = _ID_WORDS if lang == "id" else _EN_WORDS
    out: list[NumberMention] = []
    words = list(_WORD_RE.finditer(text))
    i = 0
    while i < len(words):
        w = words[i].group().lower()
        nxt_word = words[i + 1].group().lower() if i + 1 < len(words) else ""
        # "a million", "a hundred": the article is the number one.
        article = lang == "en" and w == "a" and (nxt_word in _SCALES or nxt_word == "hundred")
        roman = _roman(words[i].group(), lang)
        if roman:
            s, e = words[i].start(), words[i].end()
            out.append(NumberMention(text[s:e], s, e, frozenset({_key(roman)}), "word"))
            i += 1
            continue
        if lang == "id" and w.startswith("seper") and w[5:] in table and table[w[5:]] >= 2:
            # "sepertiga", "seperempat": a unit fraction, "a third", "a quarter".
            vals = _fraction(1, table[w[5:]])
            s, e = words[i].start(), words[i].end()
            out.append(NumberMention(text[s:e], s, e, vals, "fraction", frozenset({"frac"})))
            i += 1
            continue
        if lang == "en" and w in ("a", "one") and nxt_word in _EN_DENOMS:
            s, e = words[i].start(), words[i + 1].end()
            out.append(NumberMention(text[s:e], s, e, _fraction(1, _EN_DENOMS[nxt_word]), "word"))
            i += 2
            continue
        first = _word_value(w, table, lang)
        if first is None and not article:
            i += 1
            continue
        if (
            lang == "id"
            and words[i].group()[0].isupper()
            and not _SENTENCE_START_RE.search(text[: words[i].start()])
        ):
            i += 1  # "Lima, Peru", "Kepulauan Seribu": a capitalised number word inside a name
            continue
        total, current, j = 0.0, float(1 if first is None else first), i + 1
        while j < len(words):
            nxt = words[j].group().lower()
            if nxt in ("and", "a") and lang == "en":
                j += 1
                continue
            if nxt == "belas":
                current += 10
            elif _WORD_MULT.get(nxt):
                current *= _WORD_MULT[nxt]
            elif nxt in _SCALES and _SCALES[nxt] >= 1e3:
                total += current * _SCALES[nxt]
                current = 0.0
            elif nxt in table and table[nxt] < 10 and current >= 20 and current % 10 == 0:
                current += table[nxt]  # "twenty five", "dua puluh lima"
            else:
                break
            j += 1
        value = total + current
        if lang == "en" and [x.group().lower() for x in words[j - 2 : j + 1]] == ["and", "a", "half"]:
            value, j = value + 0.5, j + 1  # "nine and a half": the loop above stepped over "and a"
        vals, kind = frozenset({_key(value)}), "word"
        denom, k = _denominator(words, j, table, lang)
        if denom and (lang == "id" or (w in _EN_WORDS and _EN_WORDS[w] <= 10 and w not in _EN_ORDINALS)):
            # "dua per tiga", "tiga perempat", "two-thirds", "three quarters": a fraction.
            vals, j = _fraction(value, denom), k
            kind = "fraction" if lang == "id" else "word"
        start, end = words[i].start(), words[j - 1].end()
        strict = frozenset({"frac"}) if kind == "fraction" else frozenset()
        out.append(NumberMention(text[start:end], start, end, vals, kind, strict))
        i = j
    return out


def _add_period_days(text: str, lang: str, mentions: list[NumberMention]) -> None:
    """Give "tujuh hari", "1,5 tahun", "a week", "18 months" a reading in days, so that either form
    supports the other."""
    regex, units = (_ID_PERIOD_RE, _ID_PERIOD_DAYS) if lang == "id" else (_EN_PERIOD_RE, _EN_PERIOD_DAYS)
    at = {x.end: i for i, x in enumerate(mentions)}
    for m in regex.finditer(text):
        days = units[m["unit"].lower()]
        i = at.get(m.start())
        if i is None:
            continue
        x = mentions[i]
        counts = [v[1] for v in x.values if v[0] == "num"]
        if len(counts) == 1:
            values = x.values | {("days", round(counts[0] * days))}
            mentions[i] = NumberMention(x.span, x.start, x.end, values, x.kind, x.strict_kinds)
    if lang == "en":
        for m in _EN_ONE_PERIOD_RE.finditer(text):
            # Support only (a "word" below three), like any "a"/"one".
            days = round(_EN_PERIOD_DAYS[m["unit"].lower()] * (1.5 if m["half"] else 1))
            span = text[m.start() : m.end()]
            mentions.append(NumberMention(span, m.start(), m.end(), frozenset({("days", days)}), "word"))
