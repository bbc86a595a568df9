"""The cleaning rule table as data: ``rules.toml`` and its loader (summarizer/text/rule_types.py)."""

from __future__ import annotations

import re
import tomllib
from importlib import resources

import pytest

from summarizer.errors import RuleTableError, SummarizerError
from summarizer.text import rule_types, rules
from summarizer.text.rule_types import Rule, Scope, load_rule_table, parse_rule_table

GOOD = r"""
[vocabulary]
DASH = '\s*(?:-|–)'
CITY = '[A-Z][a-z]+'
CITY_DASH = ['${CITY}', '${DASH}']

[[dateline]]
name = "city"
pattern = '^${CITY_DASH}\s'
strong = false

[[rule]]
name = "credit"
scope = "end"
pattern = [
    '(?<=[.!?])\s*',  # a piece per line, joined
    '\(foto:[^()]{1,40}\)$',
]
flags = "i"
max_words = 12
note = "photo credit after the last sentence"

[[rule]]
name = "caption"
scope = "start"
pattern = '^\([A-Z]{2,5}\)\s*'
after = ["credit"]
hint = ["("]
"""


def test_a_table_parses_into_rules_in_file_order() -> None:
    table = parse_rule_table(GOOD)
    assert table.vocabulary["CITY_DASH"] == r"[A-Z][a-z]+\s*(?:-|–)"
    [(name, pattern, strong)] = table.datelines
    assert (name, pattern.pattern, strong) == ("city", "^[A-Z][a-z]+\\s*(?:-|–)\\s", False)
    credit, caption = table.rules
    assert credit == Rule(
        "credit",
        re.compile("(?<=[.!?])\\s*\\(foto:[^()]{1,40}\\)$", re.IGNORECASE),
        Scope.END,
        max_words=12,
        note="photo credit after the last sentence",
    )
    assert credit.pattern.search("Harga naik. (FOTO: Kantor Berita “Rp1.500.000”)")
    assert (caption.scope, caption.after, caption.hint, caption.max_words) == (
        Scope.START,
        ("credit",),
        ("(",),
        400,
    )


END_SECTION = r"""
[[rule]]
name = "footer"
scope = "line"
pattern = '^Tentang [A-Z]\w+$'
tail = 3
"""


def test_an_end_section_row_keeps_its_tail() -> None:
    assert parse_rule_table(GOOD + END_SECTION).rules[-1].tail == 3


def test_the_packaged_table_is_what_the_rules_module_exports() -> None:
    table = load_rule_table()
    assert rules.RULES is table.rules and rules.DATELINE_FORMS is table.datelines
    assert table.vocabulary["DOMAIN"] == rule_types.DOMAIN and re.fullmatch(rule_types.DOMAIN, "kompas.com")
    assert re.fullmatch(rule_types.MONTHS, "Desember") and re.fullmatch(rule_types.URL, "https://a.id/x")
    raw = tomllib.loads(resources.files("summarizer.text").joinpath("rules.toml").read_text("utf-8"))
    assert [row["name"] for row in raw["rule"]] == [rule.name for rule in rules.RULES]
    assert not any("${" in rule.pattern.pattern for rule in rules.RULES)


def _broken(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new, 1)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (_broken("max_words = 12", "max_word = 12"), "rule #1 (credit): unknown key 'max_word'"),
        (
            _broken('scope = "start"', 'scope = "begin"'),
            "rule #2 (caption): scope must be one of line, start",
        ),
        (
            _broken(r"'^\([A-Z]", r"'^${PAREN}\([A-Z]"),
            "rule #2 (caption): unknown vocabulary name ${PAREN}",
        ),
        (_broken(r"{1,40}\)$'", r"{1,40}\)$('"), "rule #1 (credit): pattern does not compile: missing )"),
        (_broken("CITY = '[A-Z]", "CITY = '([A-Z]"), "dateline #1 (city): pattern does not compile"),
        (
            _broken("'${CITY}', '${DASH}'", "'${CITY}', '${DOT}'"),
            "vocabulary CITY_DASH: unknown vocabulary name ${DOT}",
        ),
        (_broken("strong = false", "strength = false"), "dateline #1 (city): unknown key 'strength'"),
        (_broken("max_words = 12", 'max_words = "12"'), "rule #1 (credit): max_words must be a whole number"),
        (_broken("max_words = 12", "max_words = -1"), "max_words must be a whole number (0 or more), not -1"),
        (
            _broken('hint = ["("]', 'hint = "("'),
            "rule #2 (caption): hint must be an array of strings, not '('",
        ),
        (_broken('hint = ["("]', "hint = [1]"), "rule #2 (caption): hint must be an array of strings"),
        (_broken('hint = ["("]', 'span = "paragraph"'), "rule #2 (caption): span must be one of headline"),
        (_broken('flags = "i"', 'flags = "I"'), "rule #1 (credit): flags must be letters out of 'imsx'"),
        (
            _broken('after = ["credit"]', 'after = ["credits"]'),
            "rule #2 (caption): after names no rule: 'credits'",
        ),
        (_broken('name = "caption"\n', ""), "rule #2 (?): missing key 'name'"),
        (
            _broken(r"pattern = '^\([A-Z]{2,5}\)\s*'" + "\n", ""),
            "rule #2 (caption): missing key 'pattern'",
        ),
        (
            _broken(r"pattern = '^\([A-Z]{2,5}\)\s*'", "pattern = []"),
            "rule #2 (caption): pattern must be",
        ),
        (_broken("[[rule]]", "[[rules]]"), "rules.toml: unknown table 'rules'"),
        (_broken("[[rule]]", "[[rule]"), "rules.toml: not valid TOML"),
        (_broken("max_words = 12", "tail = true"), "rule #1 (credit): tail must be a whole number"),
        (_broken("max_words = 12", "tail = 2"), 'rule #1 (credit): tail needs scope "line"'),
        ("vocabulary = 3", "rules.toml: vocabulary must be a table"),
        ("rule = [1]", "rules.toml: rule #1 (?): a row must be a table"),
    ],
)
def test_a_malformed_table_fails_naming_the_row(text: str, message: str) -> None:
    with pytest.raises(RuleTableError) as caught:
        parse_rule_table(text)
    assert message in str(caught.value)
    assert isinstance(caught.value, SummarizerError) and caught.value.code == "rule_table"
