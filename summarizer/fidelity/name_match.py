"""Where a name is in text, and when a source word counts as kept in the English.

Shared by the Indonesian side (:mod:`.names`) and the English side (:mod:`.name_english`), so both
compare words by the same folding and spelling-variant rules.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# A capitalised word: "Chou", "NCCT", "McDonald's", "Tae-yong"; "e-KTP" is not (starts lowercase).
_CAP_WORD = r"[A-Z][\w'’.-]*\w|[A-Z]"
_NAME_RE = re.compile(
    rf"(?:{_CAP_WORD})(?:\s+(?:(?:{_CAP_WORD})|(?:bin|binti|van|de|von|al|el|da)(?=\s+[A-Z])))*"
)
_WORD_RE = re.compile(r"\w+", re.UNICODE)
# Where a capital letter means "start of a sentence or quote", not "name".
_STARTISH_RE = re.compile(r"(?:^|[.!?:;“\"‘'(\[—–-])\s*$")
_TITLE_DOT_RE = re.compile(
    r"(?<![\w.])(?:[A-Z]|Hj|Dr|dr|Ir|Drs|Dra|Prof|KH|K\.H|Jl|St|Sdr|Sdri|Bpk|Ny|Tn|Mr|Mrs|Ms|Gen|Lt|Col|Capt)"
    r"\.\s*$"
)
_INITIALS_RE = re.compile(r"(?<![\w.])[^\W\d](?:\.[^\W\d])+\.?(?!\w)")


def _fold(text: str) -> str:
    # Accent- and case-insensitive: "Pokémon" and "Pokemon", "NCCT" and "Ncct" compare equal.
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    # Dotted initials read as one word: "U.S." = "US", "K.H." = "KH".
    return _INITIALS_RE.sub(lambda m: m.group().replace(".", ""), plain)


def _startish(text: str, start: int) -> bool:
    before = text[:start]
    # The period of a title or an initial ("Hj. Nurhayati", "Dr. Terawan", "R. Kartini") ends no sentence.
    return bool(_STARTISH_RE.search(before)) and not _TITLE_DOT_RE.search(before)


@lru_cache(maxsize=4096)
def _alt_re(alt: str) -> re.Pattern:
    # Short alternatives ("us", "id", "oil") must be whole words; longer ones may take an ending.
    tail = r"s?\b" if len(alt) <= 3 else ""
    return re.compile(rf"(?<!\w){re.escape(alt)}{tail}")


def _has_term(term: str, folded: str) -> bool:
    return bool(_alt_re(term).search(folded))


# Letters that name spellings trade ("Mohammad"/"Muhammad", "Setiawan"/"Setyawan", "Arif"/"Arip"), and
# letters they add or drop ("Achmad"/"Ahmad"). Any other change ("Suwarni"/"Sumarni",
# "Suwarno"/"Suwarni") is another name.
_VARIANT_SWAPS = {frozenset(p) for p in ("ou", "iy", "ae", "ei", "fp", "sz", "kq", "ck", "fv", "jy")}
_VARIANT_GAPS = set("hcey'")


def _near(a: str, b: str) -> bool:
    """One spelling-variant edit apart, for words of six letters or more ("Mohammad"/"Muhammad")."""
    if a[0] != b[0] or abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 6:
        return False
    if len(a) == len(b):
        diffs = [frozenset((x, y)) for x, y in zip(a, b) if x != y]
        return len(diffs) <= 1 and all(d in _VARIANT_SWAPS for d in diffs)
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short and long_[i] in _VARIANT_GAPS for i in range(len(long_)))


def _canon(word: str) -> str:
    # Old Indonesian spelling still used in names ("Soeharto" = "Suharto", "Djoko" = "Joko") and Arabic
    # transliterations ("Syawal" = "Shawwal", "Ramadhan" = "Ramadan").
    word = (
        word.replace("oe", "u").replace("dj", "j").replace("tj", "c").replace("sy", "sh").replace("dh", "d")
    )
    return re.sub(r"(\w)\1", r"\1", word)


def _loan(word: str) -> str:
    # Loanwords spelled the Indonesian way: "katedral" = "cathedral", "kurikulum" = "curriculum".
    word = re.sub(r"(?<=[^aeiou])h", "", word.replace("c", "k").replace("ph", "f").replace("q", "k"))
    return re.sub(r"(\w)\1", r"\1", word)


# What English or an Indonesian loanword adds to a stem ("Buddh-ists", "Javan-ese", "Universit-as");
# "Persija"/"Persib" differ by no such ending.
_STEM_TAILS = "s es ist ists ism ic ics ian ians an ans n ese ish ite ites a as is isme ik ika i"
_EN_STEM_TAILS = frozenset(_STEM_TAILS.split())


def _same_stem(a: str, b: str) -> bool:
    """ "Buddha" and "Buddhists": they share all but the last letter of the shorter word (5+ letters),
    and the longer word goes on with an English ending."""
    short, long_ = sorted((a, b), key=len)
    common = next((i for i, (x, y) in enumerate(zip(short, long_)) if x != y), len(short))
    return (
        common >= 5
        and common >= len(short) - 1
        and (long_[common:] in _EN_STEM_TAILS or common == len(long_))
    )


def _kept(token: str, folded: str, words: frozenset[str]) -> bool:
    key = _fold(token)
    if key in words or _canon(key) in {_canon(w) for w in words}:
        return True
    if len(key) >= 5 and _loan(key) in {_loan(w) for w in words if len(w) >= 5}:
        return True
    if any(_same_stem(key, w) for w in words):
        return True
    # Possessive/inflected or glued forms: "Jokowi's", "Indonesian", "Iduladha" -> "Eid al-Adha".
    if len(key) >= 4 and (
        key in folded or any(w.startswith(key) or key.startswith(w) for w in words if len(w) >= 4)
    ):
        return True
    return any(_near(key, w) for w in words)
