"""Types and shared pattern vocabulary of the cleaning rule table (:mod:`summarizer.text.rules`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

__all__ = ["DOMAIN", "MONTHS", "URL", "Rule", "Scope", "compile_rule"]


class Scope(Enum):
    """Where a rule's pattern may match."""

    LINE = "line"  # the whole line (paragraph) is boilerplate
    START = "start"  # a prefix of the line
    INLINE = "inline"  # anywhere, usually at a sentence boundary, glued to real text
    END = "end"  # a suffix of the line


@dataclass(frozen=True)
class Rule:
    """One boilerplate shape.

    ``span`` widens a match: ``"headline"`` runs on through a glued related-article headline,
    ``"sentence"`` to the end of the sentence, ``"url"`` through the first URL (else the line end),
    ``"line"`` to the line end; ``back="sentence"`` also takes the caption sentence before a credit.
    ``boundary`` requires an inline match to start a line or follow a sentence end or an earlier cut.
    ``block`` also removes up to that many following non-prose lines (a label above its items);
    ``after`` limits the rule to the line right after a cut of one of those rules. ``hint`` lists
    literal strings of which one must occur in the line for the rule to be tried (a speed filter).
    """

    name: str
    pattern: re.Pattern[str]
    scope: Scope
    max_words: int = 400
    span: str | None = None
    back: str | None = None
    boundary: bool = False
    block: int = 0
    after: tuple[str, ...] = ()
    hint: tuple[str, ...] = ()
    note: str = ""


def compile_rule(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Compile one row's pattern (a named function so rows read as data)."""
    return re.compile(pattern, flags)


# --- shared vocabulary --------------------------------------------------------------------------
_TLD = r"(?i:co\.id|or\.id|go\.id|ac\.id|com|id|net|org|co|tv|news)"
DOMAIN = rf"[A-Za-z0-9][\w-]*(?:\.[A-Za-z][\w-]*)*\.{_TLD}(?![\w.])"
MONTHS = (
    r"(?:Jan(?:uari)?|Feb(?:ruari)?|Mar(?:et)?|Apr(?:il)?|Mei|May|Jun(?:i)?|Jul(?:i)?|Agu(?:stus)?|Agt|Ags|"
    r"Aug|Sep(?:tember)?|Okt(?:ober)?|Oct|Nov(?:ember)?|Des(?:ember)?|Dec)"
)
URL = r"(?:https?://|www\.)\S+"
