"""The cleaning rule table's row type and its loader.

The rows themselves are data, in ``rules.toml`` next to this module (format in docs/cleaning.md): a
``[vocabulary]`` of named regex fragments, ``[[dateline]]`` forms and ``[[rule]]`` rows in the order
the engine applies them. :func:`parse_rule_table` turns such a text into compiled :class:`Rule` rows;
the packaged table is read once, when :mod:`summarizer.text.rules` is imported.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from importlib import resources
from types import MappingProxyType
from typing import Any

from ..errors import RuleTableError

__all__ = ["DOMAIN", "MONTHS", "URL", "Rule", "RuleTable", "Scope", "load_rule_table", "parse_rule_table"]


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
    ``after`` limits the rule to the line right after a cut of one of those rules. ``tail`` (whole-line
    rules) makes the row an end section: it matches only with at most that many lines left, which go
    too. ``hint`` lists literal strings of which one must occur in the line for the rule to be tried
    (a speed filter).
    """

    name: str
    pattern: re.Pattern[str]
    scope: Scope
    max_words: int = 400
    span: str | None = None
    back: str | None = None
    boundary: bool = False
    block: int = 0
    tail: int = 0
    after: tuple[str, ...] = ()
    hint: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class RuleTable:
    """A parsed rule table: the vocabulary as expanded strings, the dateline forms and the rows."""

    vocabulary: Mapping[str, str]
    datelines: tuple[tuple[str, re.Pattern[str], bool], ...]
    rules: tuple[Rule, ...]


_FLAGS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": re.VERBOSE}
_REF = re.compile(r"\$\{([A-Za-z_]\w*)\}")
# The values the engine (summarizer/text/boilerplate.py) acts on; anything else would be a silent no-op.
_CHOICES: dict[str, tuple[object, ...]] = {
    "scope": tuple(scope.value for scope in Scope),
    "span": ("headline", "bullet", "sentence", "url", "line"),
    "back": ("sentence",),
}
# Each key a row may have, with the TOML type of its value (pattern: a string or an array of strings).
_RULE_KEYS: dict[str, type] = {
    "name": str, "pattern": object, "flags": str, "scope": str, "max_words": int, "span": str,
    "back": str, "boundary": bool, "block": int, "tail": int, "after": list, "hint": list, "note": str,
}  # fmt: skip
_DATELINE_KEYS: dict[str, type] = {"name": str, "pattern": object, "flags": str, "strong": bool}
_TYPE_WORDS = {
    str: "a string", int: "a whole number (0 or more)", bool: "true or false", list: "an array of strings",
    object: "a string or an array of strings",
}  # fmt: skip


def _pattern(where: str, raw: Any, vocabulary: Mapping[str, str]) -> str:
    """Join a pattern's pieces and put in the ``${NAME}`` fragments."""
    pieces = raw if isinstance(raw, list) else [raw]
    if not pieces or not all(isinstance(piece, str) for piece in pieces):
        raise RuleTableError(f"{where}: pattern must be a string or an array of strings")

    def fragment(ref: re.Match[str]) -> str:
        if ref[1] not in vocabulary:
            raise RuleTableError(
                f"{where}: unknown vocabulary name ${{{ref[1]}}} (define it above, in [vocabulary])"
            )
        return vocabulary[ref[1]]

    return _REF.sub(fragment, "".join(pieces))


def _compile(where: str, raw: dict[str, Any], vocabulary: Mapping[str, str]) -> re.Pattern[str]:
    if "pattern" not in raw:
        raise RuleTableError(f"{where}: missing key 'pattern'")
    letters = raw.get("flags", "")
    if not isinstance(letters, str) or any(letter not in _FLAGS for letter in letters):
        raise RuleTableError(f"{where}: flags must be letters out of {''.join(_FLAGS)!r}, not {letters!r}")
    flags = 0
    for letter in letters:
        flags |= _FLAGS[letter]
    try:
        return re.compile(_pattern(where, raw["pattern"], vocabulary), flags)
    except re.error as exc:
        raise RuleTableError(f"{where}: pattern does not compile: {exc}") from None


def _check(where: str, raw: Any, allowed: Mapping[str, type], required: tuple[str, ...]) -> None:
    """Unknown or missing keys, wrong value types and values the engine does not know."""
    if not isinstance(raw, dict):
        raise RuleTableError(f"{where}: a row must be a table")
    if unknown := sorted(raw.keys() - allowed.keys()):
        raise RuleTableError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(allowed)})")
    for key in required:
        if key not in raw:
            raise RuleTableError(f"{where}: missing key {key!r}")
    for key, value in raw.items():
        kind = allowed[key]
        if not isinstance(value, kind) or (kind is int and (isinstance(value, bool) or value < 0)):
            raise RuleTableError(f"{where}: {key} must be {_TYPE_WORDS[kind]}, not {value!r}")
        if key in _CHOICES and value not in _CHOICES[key]:
            raise RuleTableError(f"{where}: {key} must be one of {', '.join(map(str, _CHOICES[key]))}")
        if kind is list and not all(isinstance(item, str) for item in value):
            raise RuleTableError(f"{where}: {key} must be {_TYPE_WORDS[list]}, not {value!r}")


def _rule(where: str, raw: dict[str, Any], vocabulary: Mapping[str, str]) -> Rule:
    _check(where, raw, _RULE_KEYS, ("name", "pattern", "scope"))
    if raw.get("tail") and raw["scope"] != Scope.LINE.value:
        raise RuleTableError(f'{where}: tail needs scope "line" (an end section is whole lines)')
    fields_ = {key: value for key, value in raw.items() if key not in ("pattern", "flags", "scope")}
    fields_.update(after=tuple(raw.get("after", ())), hint=tuple(raw.get("hint", ())))
    return Rule(pattern=_compile(where, raw, vocabulary), scope=Scope(raw["scope"]), **fields_)


def _rows(source: str, key: str, data: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """Each row of an array of tables, with the words that name it in an error."""
    for number, raw in enumerate(data.get(key, []), 1):
        name = raw.get("name", "?") if isinstance(raw, dict) else "?"
        yield f"{source}: {key} #{number} ({name})", raw


def parse_rule_table(text: str, source: str = "rules.toml") -> RuleTable:
    """Parse and compile a rule table; a malformed one raises :class:`RuleTableError` naming the row."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RuleTableError(f"{source}: not valid TOML: {exc}") from None
    if unknown := sorted(data.keys() - {"vocabulary", "dateline", "rule"}):
        raise RuleTableError(f"{source}: unknown table {unknown[0]!r} (known: vocabulary, dateline, rule)")
    for key, kind in (("vocabulary", dict), ("dateline", list), ("rule", list)):
        if not isinstance(data.get(key, kind()), kind):
            raise RuleTableError(
                f"{source}: {key} must be a {'table' if kind is dict else 'list of [[tables]]'}"
            )
    vocabulary: dict[str, str] = {}
    for name, raw in data.get("vocabulary", {}).items():
        vocabulary[name] = _pattern(f"{source}: vocabulary {name}", raw, vocabulary)
    datelines = []
    for where, raw in _rows(source, "dateline", data):
        _check(where, raw, _DATELINE_KEYS, ("name", "pattern"))
        datelines.append((raw["name"], _compile(where, raw, vocabulary), raw.get("strong", False)))
    rules = [_rule(where, raw, vocabulary) for where, raw in _rows(source, "rule", data)]
    names = {rule.name for rule in rules}
    for number, rule in enumerate(rules, 1):
        if unknown := sorted(set(rule.after) - names):
            raise RuleTableError(
                f"{source}: rule #{number} ({rule.name}): after names no rule: {unknown[0]!r}"
            )
    return RuleTable(MappingProxyType(vocabulary), tuple(datelines), tuple(rules))


@functools.cache
def load_rule_table() -> RuleTable:
    """The packaged ``rules.toml``, parsed once."""
    text = resources.files(__package__).joinpath("rules.toml").read_text(encoding="utf-8")
    return parse_rule_table(text)


# Fragments other modules compose their own patterns from (same strings as in the table).
DOMAIN = load_rule_table().vocabulary["DOMAIN"]
MONTHS = load_rule_table().vocabulary["MONTHS"]
URL = load_rule_table().vocabulary["URL"]
