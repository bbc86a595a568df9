"""Reader spacing for model output: undo the tokenised spacing of IndoSum-trained summarisers.

``Presiden Joko Widodo ( Jokowi ) , kata dia .`` becomes ``Presiden Joko Widodo (Jokowi), kata dia.``
Only horizontal whitespace is ever removed, so text that is already spaced normally comes back
unchanged: decimals (``1,5``), times (``14.30``), ``Rp1.500.000``, URLs, ``St. Petersburg``, ``Jum'at``
and ``desktop-nya`` have no space to remove.
"""

from __future__ import annotations

import re

__all__ = ["normalise_spacing"]

_H = r"[^\S\n]"  # whitespace other than a line break: paragraphs stay as they are
_CLOSERS = ")]}\"'”’"
# A space before punctuation that stands as its own token ("dia ." / "5 %" / "tunggu ..."): the mark
# (with any closing brackets or quotes glued to it) is followed by a space or the end. "kompas .com"
# and ".5" are left alone: their mark is glued to the next word.
_BEFORE_PUNCT = re.compile(rf"(?<=\S){_H}+(?=[,.;:!?…%]+[{re.escape(_CLOSERS)}]*(?:\s|$))")
_BEFORE_CLOSING_BRACKET = re.compile(rf"(?<=\S){_H}+(?=[)\]}}])")
_AFTER_OPENING_BRACKET = re.compile(rf"(?<=[(\[{{]){_H}+(?=\S)")
# Dates and ratios split around their slash: "Senin ( 12 / 3 )".
_AROUND_DIGIT_SLASH = re.compile(rf"(?<=\d){_H}*/{_H}*(?=\d)")
# Indonesian clitics written with a hyphen, split off as tokens: "desktop -nya", "tahun 1990 -an".
_BEFORE_CLITIC = re.compile(rf"(?<=\w){_H}+(?=-(?:nya|ku|mu|lah|kah|pun|an)(?!\w))")
# Reduplication split around its hyphen: "Koran - koran", "laki - laki".
# The right-hand word is only looked at, so "a - a - a" joins in one pass.
_REDUPLICATION = re.compile(rf"\b(\w+){_H}+-{_H}+(?=(\w+)\b)")
_QUOTES = "\"'“”‘’"
_FREE_LEFT = "([{" + _QUOTES
_FREE_RIGHT = ",.;:!?…%)]}" + _QUOTES


def normalise_spacing(text: str) -> str:
    """Text with tokenised spacing around punctuation, brackets and quotes put right; idempotent."""
    text = _BEFORE_PUNCT.sub("", text)
    text = _BEFORE_CLOSING_BRACKET.sub("", text)
    text = _AFTER_OPENING_BRACKET.sub("", text)
    text = "\n".join(_attach_quotes(line) for line in text.split("\n"))
    text = _BEFORE_CLITIC.sub("", text)
    text = _AROUND_DIGIT_SLASH.sub("/", text)
    return _REDUPLICATION.sub(_join_reduplication, text)


def _join_reduplication(match: re.Match[str]) -> str:
    left, right = match.group(1), match.group(2)
    return f"{left}-" if left.lower() == right.lower() else match.group(0)


def _attach_quotes(line: str) -> str:
    """Glue each quote to what it quotes; straight quotes alternate open/close within the line."""
    n = len(line)
    drop = [False] * n
    inside = {'"': False, "'": False}

    def free_left(i: int) -> bool:
        return i == 0 or line[i - 1].isspace() or line[i - 1] in _FREE_LEFT

    def free_right(i: int) -> bool:
        return i == n - 1 or line[i + 1].isspace() or line[i + 1] in _FREE_RIGHT

    def drop_after(i: int) -> None:
        j = i + 1
        while j < n and line[j].isspace():
            j += 1
        if j < n:  # trailing spaces at the end of a line are not between a quote and its words
            for k in range(i + 1, j):
                drop[k] = True

    def drop_before(i: int) -> None:
        j = i
        while j > 0 and line[j - 1].isspace():
            j -= 1
        if j > 0:
            for k in range(j, i):
                drop[k] = True

    for i, ch in enumerate(line):
        if ch not in _QUOTES:
            continue
        left, right = free_left(i), free_right(i)
        if ch in "“‘":
            # Curly quotes say which side they belong to; single ones double as apostrophes, so
            # those only move when they stand alone.
            if left and (ch == "“" or right):
                drop_after(i)
            continue
        if ch in "”’":
            if right and (ch == "”" or left):
                drop_before(i)
            continue
        if not left and not right:
            if ch == "'":
                continue  # an apostrophe inside a word: Jum'at
            inside[ch] = not inside[ch]  # glued on both sides: counts, but nothing to move
            continue
        opening = not inside[ch] if left and right else left
        inside[ch] = opening
        if opening and left:
            drop_after(i)
        elif not opening and right:
            drop_before(i)
    return "".join(c for c, gone in zip(line, drop) if not gone)
