"""Numbers, amounts, percentages, dates and times in Indonesian and English, parsed into comparable values.

Indonesian writes "1.250" for one thousand two hundred and fifty and "3,5" for three and a half; English
does the reverse. A mention carries a *set* of candidate values so that a form that is ambiguous in the
language it was found in (English "15.000" may be a kept Indonesian thousands separator) can still be
compared by value, while the unambiguous reading in the language's own convention stays strict
("2.200.112" never equals "2,200,12").
"""

from __future__ import annotations

import re

from .number_forms import (
    _EN_SCALE,
    _NUM,
    _NUMBER_RE,
    _SCALE_ALT,
    _SCALES,
    NumberMention,
    _key,
    _readings,
    _year,
    parse_number,
)
from .number_words import _add_period_days, _parse_word_numbers

__all__ = ["NumberMention", "extract_numbers", "parse_number", "render_english", "values_match"]

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
_CLOCK_RE = re.compile(r"(?P<h>\d{1,2})\.(?P<m>\d{2})")
_RANGE_TAIL_RE = re.compile(
    rf"\s*(?:-|–|—|to|and|until|hingga|sampai|s/d|s\.d\.?)\s*(?:Rp\.?|IDR|US\$|\$)?\s?"
    rf"{_NUM}\s?(?P<scale>{_SCALE_ALT})\b",
    re.IGNORECASE,
)
# "12m" after a currency sign or before a currency word: twelve million, not twelve metres.
_MILLION_M_RE = re.compile(r"m\b")
_CURRENCY_AFTER_RE = re.compile(
    r"\s+(?:euros?|dollars?|pounds?|rupiah|yen|yuan|ringgit|riyals?|baht|won|pesos?)\b", re.I
)
# Indonesian context that makes "20.00" a clock time rather than the number twenty.
_TIME_CUE_BEFORE_RE = re.compile(r"\b(?:pukul|jam|pkl\.?|at|from|until|to)\s*$", re.IGNORECASE)
_WEAK_TIME_CUE_RE = re.compile(r"\b(?:at|from|until|to)\s*$", re.IGNORECASE)
_TIME_CUE_AFTER_RE = re.compile(
    r"^\s*(?:-\s*\d{1,2}[.:]\d{2}\s*)?(?:WIB|WITA|WIT|waktu setempat|local time)\b", re.I
)


def _context_is_time(text: str, start: int, end: int) -> bool:
    return bool(
        _TIME_CUE_BEFORE_RE.search(text[max(0, start - 12) : start]) or _TIME_CUE_AFTER_RE.match(text[end:])
    )


class _Found:
    """Mentions found so far; a later pattern may only claim text that no earlier one took."""

    def __init__(self) -> None:
        self.mentions: list[NumberMention] = []
        self.taken: list[tuple[int, int]] = []

    def free(self, s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in self.taken)

    def add(self, m: NumberMention) -> None:
        self.mentions.append(m)
        self.taken.append((m.start, m.end))


def extract_numbers(text: str, lang: str = "id", *, words: bool = False) -> list[NumberMention]:
    """Find number-like mentions in ``text`` written in ``lang`` ("id" or "en"), in text order.

    Dates ("21/12", "17 Juli", "July 17") and clock times ("pukul 20.00 WIB", "8 pm", "20:00") are
    recognised as such; amounts carry their scale ("Rp1,5 triliun" = 1.5e12). With ``words=True``
    spelled-out numbers are added (kind "word").
    """
    found = _Found()
    # Order matters: dates and times claim their digits before the plain-number pass can.
    _add_slash_dates(text, lang, found)
    _add_month_dates(text, found)
    if lang == "en":
        _add_english_clock_words(text, found)
    else:
        _add_indonesian_hours(text, found)
    _add_clock_times(text, lang, found)
    _add_amounts(text, lang, found)
    mentions = found.mentions
    if lang == "id":
        _add_durations(text, mentions)
    if words:
        for w in _parse_word_numbers(text, lang):
            if found.free(w.start, w.end):
                found.add(w)
        _add_period_days(text, lang, mentions)
    mentions.sort(key=lambda x: x.start)
    return mentions


def _add_slash_dates(text: str, lang: str, found: _Found) -> None:
    """ "21/12", "15/11/2017", and the day range "(4-6/3)" with its month written once."""
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
        found.add(
            NumberMention(m.group(), m.start(), m.end(), frozenset(vals), "date", frozenset({"date", "lit"}))
        )
    for m in _DAYS_SLASH_RE.finditer(text):
        d, mo = int(m["d"]), int(m["m"])
        if 1 <= d <= 31 and 1 <= mo <= 12 and found.free(m.start("d"), m.end("d")):
            vals = {("date", d, mo), _key(d)}
            if m["y"]:
                vals.add(("date", d, mo, _year(m["y"])))
            found.add(
                NumberMention(m["d"], m.start("d"), m.end("d"), frozenset(vals), "date", frozenset({"date"}))
            )


def _add_month_dates(text: str, found: _Found) -> None:
    """Dates with a month name: "17 Juli", "July 17", and day ranges "1-15 Juli", "July 1 to 15"."""
    for regex in (_DAY_MONTH_RE, _MONTH_DAY_RE):
        for m in regex.finditer(text):
            d, mo = int(m["d"]), _MONTHS[m["mon"].lower()]
            if 1 <= d <= 31 and found.free(m.start(), m.end()):
                vals = frozenset({("date", d, mo), _key(d)})
                found.add(NumberMention(m.group(), m.start(), m.end(), vals, "date", frozenset({"date"})))
    # A day range with the month written once: "1-15 Juli", "July 1 to 15". The lone day is a date too.
    for regex in (_DAYS_MONTH_RE, _MONTH_DAYS_RE):
        for m in regex.finditer(text):
            d, mo = int(m["d"]), _MONTHS[m["mon"].lower()]
            if 1 <= d <= 31 and found.free(m.start("d"), m.end("d")):
                vals = frozenset({("date", d, mo), _key(d)})
                found.add(NumberMention(m["d"], m.start("d"), m.end("d"), vals, "date", frozenset({"date"})))


def _add_english_clock_words(text: str, found: _Found) -> None:
    """English times without minutes: "noon", "9 o'clock", the first hour of "from 5 to 7 p.m."."""
    for m in _CLOCK_WORD_RE.finditer(text):
        minutes = 0 if m.group().lower() == "midnight" else 12 * 60
        found.add(NumberMention(m.group(), m.start(), m.end(), frozenset({("time", minutes)}), "time"))
    for m in _OCLOCK_RE.finditer(text):
        h = int(m["h"])
        if 1 <= h <= 12:  # "9 o'clock": morning or evening, as the context says
            vals = frozenset({("time", h % 12 * 60), ("time", (h % 12 + 12) * 60)})
            found.add(NumberMention(m.group(), m.start(), m.end(), vals, "time"))
    for m in _TIME_RANGE_RE.finditer(text):
        # "from 5 to 7 p.m.": the first hour takes the meridiem written once for both (or the other
        # one: "11 to 1 p.m." starts at 11 a.m.).
        h, mi = int(m["h"]), int(m["m"] or 0)
        if 1 <= h <= 12 and mi <= 59 and found.free(m.start("h"), m.end("first")):
            vals = frozenset({("time", (h % 12) * 60 + mi), ("time", (h % 12 + 12) * 60 + mi)})
            found.add(NumberMention(m["first"], m.start("h"), m.end("first"), vals, "time"))


def _add_indonesian_hours(text: str, found: _Found) -> None:
    """ "pukul 5", "jam 8 malam": a whole hour, placed in the day by the period word when there is one."""
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
        found.add(NumberMention(m["span"], m.start("span"), m.end("span"), vals, "time", frozenset({"time"})))


def _add_clock_times(text: str, lang: str, found: _Found) -> None:
    """ "20.00 WIB", "8 pm", "20:00": clock times, kept strict only where the context says time."""
    for m in _TIME_RE.finditer(text):
        if not found.free(m.start(), m.end()):
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
        if not cue or weak_cue:
            # An English "20.00" with no cue may be a kept Indonesian time or the number 20: both.
            vals |= {_key(x) for x in _readings(m.group().split()[0], lang)[0]}
        span = text[m.start() : m.end()].rstrip()
        strict = frozenset({"time"}) if cue and not weak_cue else frozenset()
        found.add(NumberMention(span, m.start(), m.start() + len(span), frozenset(vals), "time", strict))


def _add_amounts(text: str, lang: str, found: _Found) -> None:
    """Plain numbers, percentages and money, with their scale word ("Rp1,5 triliun" = 1.5e12)."""
    for m in _NUMBER_RE.finditer(text):
        if not found.free(m.start(), m.end()):
            continue
        readings, _ = _readings(m["num"], lang)
        scale = _SCALES[m["scale"].lower()] if m["scale"] else 1.0
        before = text[max(0, m.start() - 6) : m.start()]
        money = bool(re.search(r"(?:Rp\.?|IDR|US\$|\$|€|£|USD)\s?$", before, re.IGNORECASE))
        kind = "percent" if m["pct"] else "money" if money else "number"
        vals = {_key(r * scale) for r in readings}
        # "€12m", "12m euros": British shorthand for million; "12m high" stays twelve metres.
        if (
            lang == "en"
            and not m["scale"]
            and _MILLION_M_RE.match(text, m.end())
            and (money or _CURRENCY_AFTER_RE.match(text, m.end() + 1))
        ):
            vals |= {_key(r * 1e6) for r in readings}
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
        span = m.group().rstrip()
        found.add(NumberMention(span, m.start(), m.start() + len(span), frozenset(vals), kind))


def _add_durations(text: str, mentions: list[NumberMention]) -> None:
    """ "9 jam 30 menit": both numbers also read as 9.5 hours."""
    for m in _DURATION_RE.finditer(text):
        hours = _key(int(m["h"]) + int(m["m"]) / 60)
        for i, x in enumerate(mentions):
            if x.start in (m.start("h"), m.start("m")) and x.kind == "number":
                mentions[i] = NumberMention(x.span, x.start, x.end, x.values | {hours}, x.kind)


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
