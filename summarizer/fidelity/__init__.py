"""Fidelity guards: numbers, names, loops and untranslated text checked against the source.

``check_fidelity`` audits one summary or translation; ``guard_translations`` also repairs sentence
translations through a caller-supplied ``retranslate`` function.
"""

from __future__ import annotations

from .guard import RETRY_OVERRIDES, check_fidelity, guard_translations, protect_numbers
from .names import extract_names, missing_names
from .numbers import NumberMention, extract_numbers, parse_number, render_english
from .repetition import find_repetition, looks_untranslated

__all__ = [
    "check_fidelity",
    "guard_translations",
    "protect_numbers",
    "RETRY_OVERRIDES",
    "extract_numbers",
    "parse_number",
    "render_english",
    "NumberMention",
    "extract_names",
    "missing_names",
    "find_repetition",
    "looks_untranslated",
]
