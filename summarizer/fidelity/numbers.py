"""Numbers, amounts, percentages, dates and times in Indonesian and English, parsed into comparable values.

Indonesian writes "1.250" for one thousand two hundred and fifty and "3,5" for three and a half; English
does the reverse. A mention carries a *set* of candidate values so that a form that is ambiguous in the
language it was found in (English "15.000" may be a kept Indonesian thousands separator) can still be
compared by value, while the unambiguous reading in the language's own convention stays strict
("2.200.112" never equals "2,200,12").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["NumberMention", "extract_numbers", "parse_number", "render_english", "values_match"]

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

_MONTH_PAIRS = (
    ("januari", "january"), ("februari", "february"), ("maret", "march"), ("april", "april"),
    ("mei", "may"), ("juni", "june"), ("juli", "july"), ("agustus", "august"), ("september", "september"),
    ("oktober", "october"), ("november", "november"), ("desember", "december"),
)  # fmt: skip
_MONTHS: dict[str, int] = {}
for _i, (_id, _en) in enumerate(_MONTH_PAIRS, start=1):
    _MONTHS[_id] = _MONTHS[_en] = _MONTHS[_en[:3]] = _i
_MONTHS.update({"agu": 8, "agt": 8, "okt": 10, "des": 12, "mei": 5, "sept": 9, "pebruari": 2, "nopember": 11})
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))

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
_SLASH_DATE_RE = re.compile(r"(?<![\d/])(?P<d>\d{1,2})/(?P<m>\d{1,2})(?:/(?P<y>\d{2,4}))?(?![\d/])")
# "(4-6/3)": a day range with the month written once after the second day.
_DAYS_SLASH_RE = re.compile(
    r"(?<![\d/.,])(?P<d>\d{1,2})\s*(?:-|–|s/d|hingga|sampai|to)\s*\d{1,2}/(?P<m>\d{1,2})(?:/(?P<y>\d{2,4}))?(?![\d/])"
)
_DAY_MONTH_RE = re.compile(
    rf"(?<![\d.,])(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH_ALT})\b", re.IGNORECASE
)
_MONTH_DAY_RE = re.compile(
    rf"\b(?P<mon>{_MONTH_ALT})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?![.,]\d)", re.IGNORECASE
)
_DAY_RANGE = r"\s*(?:-|–|to|and|until|through|hingga|sampai|s/d|dan)\s*"
_DAYS_MONTH_RE = re.compile(
    rf"(?<![\d.,])(?P<d>\d{{1,2}}){_DAY_RANGE}\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH_ALT})\b",
    re.IGNORECASE,
)
_MONTH_DAYS_RE = re.compile(
    rf"\b(?P<mon>{_MONTH_ALT})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?{_DAY_RANGE}(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b"
    r"(?![.,:]\d)",
    re.IGNORECASE,
)
_TIME_RE = re.compile(
    r"(?<![\d.,])(?P<h>\d{1,2})(?:(?P<sep>[.:])(?P<m>\d{2})(?:[.:]\d{2})?)?"  # seconds: "10.17.36"
    r"(?!\d|[.,]\d)"
    # "9.36%", "5.06 million": an amount, never a clock time.
    r"(?!\s?(?:%|percent\b|per\s?cent\b|persen\b|pct\b|thousand\b|million\b|billion\b|trillion\b|"
    r"ribu\b|juta\b|miliar\b|triliun\b))"
    r"(?:\s?(?P<ampm>a\.?m\.?|p\.?m\.?)(?![a-z]))?"
    r"(?:\s?(?P<zone>WIB|WITA|WIT)\b)?",
    re.IGNORECASE,
)
_OCLOCK_RE = re.compile(r"(?<![\d.,])(?P<h>\d{1,2})\s*o['’]clock\b", re.IGNORECASE)
_CLOCK_WORD_RE = re.compile(r"\b(?:noon|midday|midnight)\b", re.IGNORECASE)
_AMPM = r"a\.?m\.?|p\.?m\.?"
_TIME_RANGE_RE = re.compile(
    rf"(?<![\d.,])(?P<first>(?P<h>\d{{1,2}})(?:[.:](?P<m>\d{{2}}))?)\s*(?:-|–|to|until|and|till)\s*"
    rf"\d{{1,2}}(?:[.:]\d{{2}})?\s?(?:{_AMPM})(?![a-z])",
    re.IGNORECASE,
)
# "pukul 5", "jam 7 pagi": an Indonesian whole hour, with the part of the day when given.
_ID_HOUR_RE = re.compile(
    # "3 jam 15 menit" is a duration: "jam" after a number is not a clock time.
    r"(?<!\d )(?<!\d)\b(?:pukul|jam|pkl\.?)\s*(?P<span>(?P<h>\d{1,2})(?![\d.,:])"
    r"(?:\s+(?P<period>pagi|siang|sore|malam|dini\s+hari))?)",
    re.IGNORECASE,
)
# "9 jam 30 menit" is also "nine and a half hours": both parts may be written as one number of hours.
_DURATION_RE = re.compile(r"(?<![\d.,])(?P<h>\d{1,3})\s*jam\s*(?:dan\s*)?(?P<m>\d{1,2})\s*menit\b", re.I)
# "tujuh hari" = "a week", "12 bulan" = "a year": a span of time also compared as a number of days
# (a month as 30, a year as 12 months).
_ID_PERIOD_DAYS = {"hari": 1, "pekan": 7, "minggu": 7, "bulan": 30, "tahun": 360}
_EN_PERIOD_DAYS = {"day": 1, "week": 7, "fortnight": 14, "month": 30, "year": 360}
_ID_PERIOD_RE = re.compile(r"\b(?P<n>\w+)\s+(?P<unit>hari|pekan|minggu|bulan|tahun)\b", re.I)
_EN_PERIOD_RE = re.compile(r"\b(?P<n>[\w-]+)\s+(?P<unit>day|week|fortnight|month|year)s?\b", re.I)
_CLOCK_RE = re.compile(r"(?P<h>\d{1,2})\.(?P<m>\d{2})")
_RANGE_TAIL_RE = re.compile(
    rf"\s*(?:-|–|—|to|and|until|hingga|sampai|s/d|s\.d\.?)\s*(?:Rp\.?|IDR|US\$|\$)?\s?"
    rf"{_NUM}\s?(?P<scale>{_SCALE_ALT})\b",
    re.IGNORECASE,
)
# Indonesian context that makes "20.00" a clock time rather than the number twenty.
_TIME_CUE_BEFORE_RE = re.compile(r"\b(?:pukul|jam|pkl\.?|at|from|until|to)\s*$", re.IGNORECASE)
_WEAK_TIME_CUE_RE = re.compile(r"\b(?:at|from|until|to)\s*$", re.IGNORECASE)
_TIME_CUE_AFTER_RE = re.compile(
    r"^\s*(?:-\s*\d{1,2}[.:]\d{2}\s*)?(?:WIB|WITA|WIT|waktu setempat|local time)\b", re.I
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
    "eighth": 8, "ninth": 9, "tenth": 10, "once": 1, "twice": 2, "dozen": 12, "half": 0.5,
}  # fmt: skip
_EN_ORDINALS = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"}
_EN_DENOMS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4, "fourths": 4,
    "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10,
}  # fmt: skip
_SENTENCE_START_RE = re.compile(r"(?:^|[.!?:;“\"(\[—–-])\s*$")
_WORD_MULT = {"belas": None, "puluh": 10, "ratus": 100, "hundred": 100}
_WORD_RE = re.compile(r"[a-z]+", re.IGNORECASE)


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


def _context_is_time(text: str, start: int, end: int) -> bool:
    return bool(
        _TIME_CUE_BEFORE_RE.search(text[max(0, start - 12) : start]) or _TIME_CUE_AFTER_RE.match(text[end:])
    )


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
        if w not in table and not article:
            i += 1
            continue
        if (
            lang == "id"
            and words[i].group()[0].isupper()
            and not _SENTENCE_START_RE.search(text[: words[i].start()])
        ):
            i += 1  # "Lima, Peru", "Kepulauan Seribu": a capitalised number word inside a name
            continue
        total, current, j = 0.0, float(table.get(w, 1)), i + 1
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


def extract_numbers(text: str, lang: str = "id", *, words: bool = False) -> list[NumberMention]:
    """Find number-like mentions in ``text`` written in ``lang`` ("id" or "en"), in text order.

    Dates ("21/12", "17 Juli", "July 17") and clock times ("pukul 20.00 WIB", "8 pm", "20:00") are
    recognised as such; amounts carry their scale ("Rp1,5 triliun" = 1.5e12). With ``words=True``
    spelled-out numbers are added (kind "word").
    """
    mentions: list[NumberMention] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    def add(m: NumberMention) -> None:
        mentions.append(m)
        taken.append((m.start, m.end))

    for m in _SLASH_DATE_RE.finditer(text):
        d, mo = int(m["d"]), int(m["m"])
        year = _year(m["y"]) if m["y"] else None
        vals: set = {("lit", m.group())}
        # Indonesian writes day/month; an English translation may use the US month/day order.
        orders = [(d, mo)] + ([(mo, d)] if lang == "en" else [])
        for day, month in orders:
            if 1 <= day <= 31 and 1 <= month <= 12:
                vals.add(("date", day, month) if year is None else ("date", day, month, year))
                if year is not None and lang == "en":
                    vals.add(("date", day, month))
        if year is not None:
            vals.add(_key(year))  # the year supports a bare "2017" elsewhere
        add(NumberMention(m.group(), m.start(), m.end(), frozenset(vals), "date", frozenset({"date", "lit"})))
    for m in _DAYS_SLASH_RE.finditer(text):
        d, mo = int(m["d"]), int(m["m"])
        if 1 <= d <= 31 and 1 <= mo <= 12 and free(m.start("d"), m.end("d")):
            vals = {("date", d, mo), _key(d)}
            if m["y"]:
                vals.add(("date", d, mo, _year(m["y"])))
            add(NumberMention(m["d"], m.start("d"), m.end("d"), frozenset(vals), "date", frozenset({"date"})))
    for regex in (_DAY_MONTH_RE, _MONTH_DAY_RE):
        for m in regex.finditer(text):
            d, mo = int(m["d"]), _MONTHS[m["mon"].lower()]
            if 1 <= d <= 31 and free(m.start(), m.end()):
                vals = frozenset({("date", d, mo), _key(d)})
                add(NumberMention(m.group(), m.start(), m.end(), vals, "date", frozenset({"date"})))
    # A day range with the month written once: "1-15 Juli", "July 1 to 15". The lone day is a date too.
    for regex in (_DAYS_MONTH_RE, _MONTH_DAYS_RE):
        for m in regex.finditer(text):
            d, mo = int(m["d"]), _MONTHS[m["mon"].lower()]
            if 1 <= d <= 31 and free(m.start("d"), m.end("d")):
                vals = frozenset({("date", d, mo), _key(d)})
                add(NumberMention(m["d"], m.start("d"), m.end("d"), vals, "date", frozenset({"date"})))
    if lang == "en":
        for m in _CLOCK_WORD_RE.finditer(text):
            minutes = 0 if m.group().lower() == "midnight" else 12 * 60
            add(NumberMention(m.group(), m.start(), m.end(), frozenset({("time", minutes)}), "time"))
        for m in _OCLOCK_RE.finditer(text):
            h = int(m["h"])
            if 1 <= h <= 12:  # "9 o'clock": morning or evening, as the context says
                vals = frozenset({("time", h % 12 * 60), ("time", (h % 12 + 12) * 60)})
                add(NumberMention(m.group(), m.start(), m.end(), vals, "time"))
        for m in _TIME_RANGE_RE.finditer(text):
            # "from 5 to 7 p.m.": the first hour takes the meridiem written once for both (or the other
            # one: "11 to 1 p.m." starts at 11 a.m.).
            h, mi = int(m["h"]), int(m["m"] or 0)
            if 1 <= h <= 12 and mi <= 59 and free(m.start("h"), m.end("first")):
                vals = frozenset({("time", (h % 12) * 60 + mi), ("time", (h % 12 + 12) * 60 + mi)})
                add(NumberMention(m["first"], m.start("h"), m.end("first"), vals, "time"))
    else:
        for m in _ID_HOUR_RE.finditer(text):
            h = int(m["h"])
            if h > 24:
                continue
            period = (m["period"] or "").lower()
            if period in ("sore", "malam") and 5 <= h < 12:
                hours = {h + 12}  # "jam 8 malam" is 20:00
            elif period == "malam" and h == 12:
                hours = {0}
            elif period == "siang" and h < 6:
                hours = {h + 12}
            elif period:
                hours = {h % 24}
            else:
                hours = {h % 24, (h + 12) % 24} if h <= 12 else {h % 24}
            vals = frozenset({("time", x * 60) for x in hours})
            add(NumberMention(m["span"], m.start("span"), m.end("span"), vals, "time", frozenset({"time"})))
    for m in _TIME_RE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        h, mi = int(m["h"]), int(m["m"] or 0)
        has_ampm, has_zone = bool(m["ampm"]), bool(m["zone"])
        if h > 24 or mi > 59 or (not m["m"] and not has_ampm):
            continue
        cue = has_ampm or has_zone or m["sep"] == ":" or _context_is_time(text, m.start(), m.end())
        # "rose to 9.36", "at 5.06": English prepositions hint at a time but may just as well precede
        # a number, so such a mention keeps both readings.
        weak_cue = not (has_ampm or has_zone or m["sep"] == ":") and bool(
            _WEAK_TIME_CUE_RE.search(text[max(0, m.start() - 7) : m.start()])
        )
        if not cue and lang == "id":
            continue  # "20.00" without "pukul"/"WIB" is the Indonesian number 20.00
        if has_ampm:
            if h > 12:
                continue
            pm = m["ampm"].lower().startswith("p")
            minutes = {((h % 12) + (12 if pm else 0)) * 60 + mi}
        elif lang == "en" and h <= 12:
            minutes = {h * 60 + mi, (h + 12) % 24 * 60 + mi}  # "8:00" may be 8 pm in context
        else:
            minutes = {h % 24 * 60 + mi}
        vals = {("time", x) for x in minutes}
        end = m.end()
        if not cue or weak_cue:
            # An English "20.00" with no cue may be a kept Indonesian time or the number 20: both.
            vals |= {_key(x) for x in _readings(m.group().split()[0], lang)[0]}
        span = text[m.start() : end].rstrip()
        strict = frozenset({"time"}) if cue and not weak_cue else frozenset()
        add(NumberMention(span, m.start(), m.start() + len(span), frozenset(vals), "time", strict))
    for m in _NUMBER_RE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        readings, _ = _readings(m["num"], lang)
        scale = _SCALES[m["scale"].lower()] if m["scale"] else 1.0
        before = text[max(0, m.start() - 6) : m.start()]
        money = bool(re.search(r"(?:Rp\.?|IDR|US\$|\$|€|£|USD)\s?$", before, re.IGNORECASE))
        kind = "percent" if m["pct"] else "money" if money else "number"
        vals = {_key(r * scale) for r in readings}
        if m["pct"] and lang == "en":
            # "75 percent" may render "tiga perempat"; only a source fraction looks at this reading.
            vals |= {("frac", round(r / 100, 2)) for r in readings}
        follow = _RANGE_TAIL_RE.match(text, m.end())
        if follow and not m["scale"] and follow["scale"]:
            # "Rp230-295 million", "between 2 and 3 billion": the scale written once covers both ends.
            vals |= {_key(r * _SCALES[follow["scale"].lower()]) for r in readings}
        clock = _CLOCK_RE.fullmatch(m.group())
        if clock and lang == "id" and int(clock["h"]) <= 24 and int(clock["m"]) <= 59:
            vals.add(("time", int(clock["h"]) % 24 * 60 + int(clock["m"])))  # "buka 10.00 sampai 21.00"
        vals = frozenset(vals)
        span = m.group().rstrip()
        add(NumberMention(span, m.start(), m.start() + len(span), vals, kind))
    if lang == "id":
        for m in _DURATION_RE.finditer(text):
            hours = _key(int(m["h"]) + int(m["m"]) / 60)
            for i, x in enumerate(mentions):
                if x.start in (m.start("h"), m.start("m")) and x.kind == "number":
                    mentions[i] = NumberMention(x.span, x.start, x.end, x.values | {hours}, x.kind)
    if words:
        for w in _parse_word_numbers(text, lang):
            if free(w.start, w.end):
                add(w)
    if words:
        _add_period_days(text, lang, mentions)
    mentions.sort(key=lambda x: x.start)
    return mentions


def _add_period_days(text: str, lang: str, mentions: list[NumberMention]) -> None:
    """Give "tujuh hari", "a week", "two weeks" a reading in days, so that either form supports the other."""
    regex, units = (_ID_PERIOD_RE, _ID_PERIOD_DAYS) if lang == "id" else (_EN_PERIOD_RE, _EN_PERIOD_DAYS)
    at = {x.start: i for i, x in enumerate(mentions)}
    for m in regex.finditer(text):
        days = units[m["unit"].lower()]
        i = at.get(m.start("n"))
        if i is not None:
            x = mentions[i]
            counts = [v[1] for v in x.values if v[0] == "num"]
            if len(counts) == 1:
                mentions[i] = NumberMention(
                    x.span,
                    x.start,
                    x.end,
                    x.values | {("days", round(counts[0] * days))},
                    x.kind,
                    x.strict_kinds,
                )
        elif lang == "en" and m["n"].lower() in ("a", "one"):
            # "a week": no number mention of its own; support only (a "word" below three).
            span = text[m.start() : m.end()]
            mentions.append(NumberMention(span, m.start(), m.end(), frozenset({("days", days)}), "word"))


def values_match(source: NumberMention, candidates: frozenset) -> bool:
    """True when ``source`` is supported by any of the ``candidates`` values."""
    wanted = source.values
    if source.strict_kinds:
        wanted = frozenset(v for v in wanted if v[0] in source.strict_kinds)
    if wanted & candidates:
        return True
    # "15/11/2017" is also "November 15, 2017": a day-month date plus the year as its own number.
    return any(
        v[0] == "date" and len(v) == 4 and ("date", v[1], v[2]) in candidates and _key(v[3]) in candidates
        for v in wanted
    )


def _fmt_en(x: float) -> str:
    if x == int(x):
        return f"{int(x):,}"
    return f"{x:,.10g}" if abs(x) >= 1000 else f"{x:.10g}"


def render_english(mention: NumberMention, text: str = "") -> str | None:
    """The source mention written in English convention ("2.200.112" -> "2,200,112", "Rp1,5 triliun"
    -> "Rp1.5 trillion"), or None when there is no single safe rendering."""
    if mention.kind == "time":
        times = [v[1] for v in mention.values if v[0] == "time"]
        return f"{times[0] // 60:02d}:{times[0] % 60:02d}" if len(times) == 1 else None
    if mention.kind in ("date", "word"):
        return None
    m = _NUMBER_RE.fullmatch(mention.span)
    if not m:
        return None
    readings, unambiguous = _readings(m["num"], "id")
    if not unambiguous or len(readings) != 1:
        return None
    out = _fmt_en(next(iter(readings)))
    if m["scale"]:
        out += f" {_EN_SCALE[_SCALES[m['scale'].lower()]]}"
    if m["pct"]:
        out += "%" if m["pct"] == "%" else " percent"
    return out
