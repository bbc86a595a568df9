"""Fidelity guards: numbers, names, loops and untranslated text checked against the source.

``check_fidelity`` audits one summary or translation; ``guard_translations`` also repairs sentence
translations through a caller-supplied ``retranslate`` function.
"""

from __future__ import annotations

from .guard import RETRY_OVERRIDES, check_fidelity, guard_translations, protect_numbers
from .names import NameReport, compare_names, extract_names, missing_names
from .numbers import NumberMention, extract_numbers, parse_number, render_english
from .repetition import find_repetition, looks_untranslated

__all__ = [
    "RETRY_OVERRIDES",
    "NameReport",
    "NumberMention",
    "check_fidelity",
    "compare_names",
    "extract_names",
    "extract_numbers",
    "find_repetition",
    "guard_translations",
    "looks_untranslated",
    "missing_names",
    "parse_number",
    "protect_numbers",
    "render_english",
]
