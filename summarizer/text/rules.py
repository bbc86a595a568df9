"""The cleaning rules as data: one row per boilerplate shape of Indonesian news pages.

The rows live in ``rules.toml`` next to this module (read by :mod:`summarizer.text.rule_types`): each
:class:`Rule` is a named, compiled pattern with a *scope* (where on a line it may match) and its limits.
:mod:`summarizer.text.boilerplate` applies :data:`RULES` in order; every cut becomes a
``Removal(rule.name, text)``. Supporting a new outlet's furniture means adding one row to the table (and
a test), never new control flow. The rows describe shapes (position, punctuation, length, a label word),
not the words of any particular article.
"""

from __future__ import annotations

import re

from .rule_types import Rule, Scope, load_rule_table

__all__ = ["DATELINE_FORMS", "RULES", "STACKED_GLUED", "Rule", "Scope"]

#: Every rule, in the order the engine applies them.
RULES: tuple[Rule, ...] = load_rule_table().rules

#: Dateline forms, tried at the start of the article body (and, the strong ones, after a sentence end).
#: ``(name, pattern, strong)``: a strong form names an outlet and may also sit mid-line.
DATELINE_FORMS: tuple[tuple[str, re.Pattern[str], bool], ...] = load_rule_table().datelines

#: A second source stacked onto the first, glued to the sentence opener: "Kemenkeu-Menteri Keuangan ...".
STACKED_GLUED = re.compile(r"[A-Z][A-Za-z]{2,14}-(?=[A-Z][a-z])")
