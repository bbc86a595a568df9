"""Indonesian <-> English number forms compare by value (table-driven)."""

from __future__ import annotations

import pytest

from summarizer.fidelity import check_fidelity, extract_numbers, parse_number, render_english

# (Indonesian source, English output that keeps every value)
SAME_VALUE = [
    ("Sebanyak 1.250 orang hadir.", "As many as 1,250 people attended."),
    ("Inflasi naik 3,5 persen.", "Inflation rose 3.5 percent."),
    ("Inflasi naik 3,5 persen.", "Inflation rose 3.5%."),
    ("Harganya Rp 15.000 per kilo.", "It costs Rp 15,000 per kilo."),
    ("Harganya Rp 15.000 per kilo.", "It costs IDR 15,000 per kilo."),
    ("Harganya Rp 15.000 per kilo.", "It costs Rp 15.000 per kilo."),  # kept Indonesian grouping
    ("Anggaran Rp1,5 triliun disetujui.", "A budget of Rp1.5 trillion was approved."),
    ("Anggaran Rp1,5 triliun disetujui.", "An IDR 1.5 trillion budget was approved."),
    ("Anggaran Rp1,5 triliun disetujui.", "A budget of Rp1,500,000,000,000 was approved."),
    ("Acara digelar Kamis (21/12).", "The event was held on Thursday (21/12)."),
    ("Acara digelar 21/12.", "The event was held on December 21."),
    ("Acara digelar 21/12.", "The event was held on 12/21."),  # US month/day order (issue 10)
    ("Laga dimulai pukul 20.00 WIB.", "The match starts at 8 pm."),
    ("Laga dimulai pukul 20.00 WIB.", "The match starts at 20:00 WIB."),
    ("Laga dimulai pukul 20.00 WIB.", "The match starts at 8:00 p.m."),
    ("Gajinya Rp 26 ribu sehari.", "His wage is Rp 26 thousand a day."),
    ("Gajinya Rp 26 ribu sehari.", "His wage is Rp 26,000 a day."),
    ("Ada 2.200.112 pemilih.", "There are 2,200,112 voters."),
    ("Ada 2,5 juta pemilih.", "There are 2.5 million voters."),
    ("Dana 7 miliar cair.", "Seven billion was disbursed, i.e. 7 billion."),
    ("Dirilis 17 Juli 2017.", "Released on July 17, 2017."),
    ("Dirilis 17 Juli 2017.", "Released on 17th of July 2017."),
    ("Skor akhir 3-1.", "The final score was 3-1."),
    (
        "Harga £ 1.50 atau Rp1.500.000 “mahal”, kata café.",
        "A price of £1.50 or Rp1,500,000 is “expensive”, said café.",
    ),
]

# (Indonesian source, English output with a changed value, the source span that must be reported)
CHANGED = [
    ("Ada 2.200.112 pemilih.", "There are 2,200,12 voters.", "2.200.112"),
    ("Sebanyak 1.250 orang hadir.", "As many as 1.25 people attended.", "1.250"),
    ("Inflasi naik 3,5 persen.", "Inflation rose 35 percent.", "3,5 persen"),
    ("Anggaran Rp1,5 triliun disetujui.", "A budget of Rp1.5 billion was approved.", "1,5 triliun"),
    ("Ada 2,5 juta pemilih.", "There are 25 million voters.", "2,5 juta"),
    ("Laga dimulai pukul 20.00 WIB.", "The match starts at 10 pm.", "20.00 WIB"),
    ("Acara digelar 21/12.", "The event was held on 12/22.", "21/12"),
    ("Dirilis 17 Juli 2017.", "Released on June 17, 2017.", "17 Juli"),
    ("Harganya Rp1.500.000.", "It costs Rp1,500.", "1.500.000"),
]


@pytest.mark.parametrize(("source", "output"), SAME_VALUE)
def test_same_value_passes(source: str, output: str) -> None:
    codes = [w.code for w in check_fidelity(source, output, "translation") if w.code.startswith("number")]
    assert codes == []


@pytest.mark.parametrize(("source", "output", "span"), CHANGED)
def test_changed_value_is_reported(source: str, output: str, span: str) -> None:
    warnings = check_fidelity(source, output, "translation")
    mismatches = [w for w in warnings if w.code == "number_mismatch"]
    assert [w.span for w in mismatches] == [span]
    assert mismatches[0].stage == "translation"
    assert mismatches[0].source == source and mismatches[0].output == output


@pytest.mark.parametrize(
    ("token", "lang", "values"),
    [
        ("1.250", "id", {1250.0}),
        ("1,250", "en", {1250.0}),
        ("3,5", "id", {3.5}),
        ("3.5", "en", {3.5}),
        ("2.200.112", "id", {2200112.0}),
        ("2,200,12", "en", {2200.12}),  # malformed grouping never equals 2,200,112
        ("1.250,75", "id", {1250.75}),
        ("1,250.75", "en", {1250.75}),
        ("15.000", "en", {15.0, 15000.0}),  # foreign grouping kept in English: both readings
    ],
)
def test_parse_number(token: str, lang: str, values: set[float]) -> None:
    assert parse_number(token, lang) == values


def test_kinds_and_scales() -> None:
    found = {
        m.span: m for m in extract_numbers("Rp1,5 triliun, naik 3,5 persen pada 21/12 pukul 20.00 WIB", "id")
    }
    assert found["1,5 triliun"].kind == "money"
    assert ("num", 1.5e12) in found["1,5 triliun"].values
    assert found["3,5 persen"].kind == "percent"
    assert found["21/12"].kind == "date"
    assert found["20.00 WIB"].values == frozenset({("time", 20 * 60)})


def test_indonesian_number_without_time_cue_is_a_number() -> None:
    (m,) = extract_numbers("Nilainya 20.00 poin", "id")
    assert m.kind == "number" and ("num", 20.0) in m.values


@pytest.mark.parametrize(
    ("source", "english"),
    [
        ("2.200.112", "2,200,112"),
        ("3,5 persen", "3.5 percent"),
        ("Rp1,5 triliun", "1.5 trillion"),
        ("7%", "7%"),
    ],
)
def test_render_english(source: str, english: str) -> None:
    (m,) = extract_numbers(source, "id")
    assert render_english(m) == english


def test_summary_numbers_must_be_in_article() -> None:
    article = "Harga tiket Rp 150.000. Konser digelar pukul 19.00 WIB pada 17 Juli di Jakarta."
    assert (
        check_fidelity(article, "Tiket seharga Rp150 ribu, konser 17 Juli pukul 19.00 WIB.", "summary") == []
    )
    warnings = check_fidelity(article, "Tiket seharga Rp 250.000, konser 18 Juli.", "summary")
    assert sorted(w.span for w in warnings if w.code == "number_unsupported") == ["18 Juli", "250.000"]
    assert all(w.stage == "summary" for w in warnings)


def test_number_words_support_digits() -> None:
    assert check_fidelity("Tiga orang tewas.", "3 people died.", "translation") == []
    assert check_fidelity("Ada 3 korban.", "There were three victims.", "translation") == []
