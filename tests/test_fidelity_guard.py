"""The translation guard against a fake translator that corrupts numbers, drops names and loops."""

from __future__ import annotations

import re

import pytest

from summarizer.fidelity import RETRY_OVERRIDES, check_fidelity, guard_translations, protect_numbers
from summarizer.results import FidelityWarning

SOURCES = [
    "Sebanyak 2.200.112 pemilih terdaftar di Labuan Bajo.",
    "Inflasi tahunan mencapai 3,5 persen pada Desember.",
    "Menurut Chou Bun Eng, NCCT akan menggelar rapat pukul 20.00 WIB.",
    "Saya mohon maaf atas kejadian itu.",
    "Harga kopi di café itu Rp1.500.000 per kilogram, kata “Budi”.",
    "Pertandingan berakhir dengan skor 2-1.",
]
GOOD = [
    "As many as 2,200,112 voters are registered in Labuan Bajo.",
    "Annual inflation reached 3.5 percent in December.",
    "According to Chou Bun Eng, the NCCT will hold a meeting at 8 pm.",
    "I apologize for the incident.",
    "The price of coffee at that café is Rp1,500,000 per kilogram, said “Budi”.",
    "The match ended with a score of 2-1.",
]
# What a flawed first pass of opus-mt produces.
BAD = [
    "As many as 2,200,12 voters are registered in Labuan Bajo.",  # grouping corrupted
    "Annual inflation reached 35 percent in December.",  # decimal lost
    "According to him, the meeting will be held at 8 pm.",  # names dropped
    "I'm sorry I'm sorry I'm sorry I'm sorry I'm sorry.",  # loop
    "The price of coffee at that café is Rp1,500 per kilogram, said “Budi”.",  # value shrunk
    "The match ended with a score of 2-1.",  # fine
]


class FakeTranslator:
    """Re-translation that behaves well only with strong decoding settings and plain-digit numbers."""

    def __init__(self, fix: bool = True) -> None:
        self.calls: list[tuple[list[str], dict]] = []
        self.fix = fix

    def __call__(self, sentences: list[str], overrides: dict) -> list[str]:
        self.calls.append((list(sentences), dict(overrides)))
        out = []
        for s in sentences:
            if not self.fix:
                out.append("sorry sorry sorry sorry")
                continue
            i = next(k for k, src in enumerate(SOURCES) if _unprotect(s) == _unprotect(src))
            text = GOOD[i]
            # Echo the protected digits like a real decoder copies them: "2200112" stays "2200112".
            for plain in re.findall(r"\d{4,}", s):
                text = re.sub(r"\d[\d,]{4,}\d", plain, text, count=1)
            out.append(text)
        return out


def _unprotect(s: str) -> str:
    return re.sub(r"[\d.,]+", "#", s)


def _codes(warnings: list[FidelityWarning], i: int) -> set[str]:
    return {w.code for w in warnings if w.source == SOURCES[i]}


def test_check_flags_each_bad_output_and_nothing_in_good_ones() -> None:
    for src, good in zip(SOURCES, GOOD, strict=True):
        assert check_fidelity(src, good, "translation") == [], good
    flagged = [
        {w.code for w in check_fidelity(s, b, "translation")} for s, b in zip(SOURCES, BAD, strict=True)
    ]
    assert "number_mismatch" in flagged[0]
    assert "number_mismatch" in flagged[1]
    assert flagged[2] == {"name_missing"}
    assert "repetition" in flagged[3]
    assert "number_mismatch" in flagged[4]
    assert flagged[5] == set()


def test_names_reported_by_span() -> None:
    spans = {w.span for w in check_fidelity(SOURCES[2], BAD[2], "translation")}
    assert spans == {"Chou Bun Eng", "NCCT"}


def test_substitution_repairs_numbers_without_a_model() -> None:
    final, warnings = guard_translations(SOURCES[:2], BAD[:2], retranslate=None)
    assert final == GOOD[:2]
    assert [w.code for w in warnings] == ["repaired_number", "repaired_number"]


def test_guard_repairs_and_retries_in_one_batch_per_round() -> None:
    fake = FakeTranslator()
    final, warnings = guard_translations(SOURCES, BAD, fake)
    assert final[0] == GOOD[0] and final[1] == GOOD[1] and final[4] == GOOD[4]
    assert final[3] == GOOD[3]  # the loop was retried with stronger decoding
    assert final[2] == BAD[2]  # a dropped name alone is reported, not worth another beam search
    assert final[5] == BAD[5]
    # Only what was still wrong after substitution went to the model, in one batched call.
    assert len(fake.calls) == 1
    batch, overrides = fake.calls[0]
    assert overrides == RETRY_OVERRIDES[0]
    assert overrides["no_repeat_ngram_size"] >= 2 and overrides["num_beams"] > 1
    assert SOURCES[3] in batch and SOURCES[2] not in batch and SOURCES[5] not in batch
    codes = [w.code for w in warnings]
    assert set(codes) == {"repaired_number", "name_missing"}
    assert {w.span for w in warnings if w.code == "name_missing"} == {"Chou Bun Eng", "NCCT"}
    assert {w.source for w in warnings if w.code == "repaired_number"} == {SOURCES[0], SOURCES[1], SOURCES[4]}


def test_protected_retranslation_restores_grouping() -> None:
    # Two corrupted numbers: substitution is ambiguous, so the protected re-translation must fix it.
    src = "Ada 2.200.112 pemilih dan 1.500.000 relawan."
    bad = "There are 2,200,12 voters and 1,500 volunteers."
    protected, _ = protect_numbers(src)
    assert protected == "Ada 2200112 pemilih dan 1500000 relawan."

    def retranslate(sentences: list[str], overrides: dict) -> list[str]:
        assert sentences == [protected]
        return ["There are 2200112 voters and 1500000 volunteers."]

    final, warnings = guard_translations([src], [bad], retranslate)
    assert final == ["There are 2,200,112 voters and 1,500,000 volunteers."]
    assert [w.code for w in warnings] == ["repaired_number"]


def test_unfixable_problems_stay_as_warnings_and_keep_best_output() -> None:
    fake = FakeTranslator(fix=False)
    final, warnings = guard_translations(SOURCES[2:4], BAD[2:4], fake)
    assert final == BAD[2:4]  # a worse retry never replaces the first output
    assert len(fake.calls) == len(RETRY_OVERRIDES)
    assert [len(c[0]) for c in fake.calls] == [1, 1]  # only the loop is retried
    assert _codes(warnings, 2) == {"name_missing"}
    assert "repetition" in _codes(warnings, 3)


def test_untranslated_and_too_long_are_flagged() -> None:
    src = "Pemerintah akan membangun jalan tol baru di Sumatra tahun depan."
    same = "Pemerintah akan membangun jalan tol baru di Sumatra tahun depan."
    assert "untranslated" in {w.code for w in check_fidelity(src, same, "translation")}
    long = "The government will build a new toll road in Sumatra next year. " * 6
    assert "too_long" in {w.code for w in check_fidelity(src, long, "translation")}


def test_source_repetition_is_not_degenerate() -> None:
    src = "Penonton berteriak, “Lagi! Lagi! Lagi!”"
    assert check_fidelity(src, "The audience shouted, “Again! Again! Again!”", "translation") == []


def test_retranslate_failure_keeps_outputs() -> None:
    def broken(sentences: list[str], overrides: dict) -> list[str]:
        raise RuntimeError("model crashed")

    final, warnings = guard_translations(SOURCES[3:4], BAD[3:4], broken)
    assert final == BAD[3:4]
    assert "repetition" in {w.code for w in warnings}


def test_length_mismatch_and_bad_kind() -> None:
    with pytest.raises(ValueError):
        guard_translations(["a"], [], None)
    with pytest.raises(ValueError):
        check_fidelity("a", "b", kind="poem")
