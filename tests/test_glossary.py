"""Glossary: parsing, matching with Indonesian affixes, enforcement through a (fake) translator."""

from __future__ import annotations

import re

import pytest
from fakes import FakeModel

from summarizer.glossary import MAX_GLOSSARY_CHARS, Glossary, GlossaryError, load_glossary
from summarizer.translate import Translator

TERMS = {
    "Kemenkeu": "Ministry of Finance",
    "Polda Metro Jaya": "Polda Metro Jaya",
    "KPK": "Corruption Eradication Commission",
    "Bank Indonesia": "Bank Indonesia (BI)",
    "Jawa": "Java",
}
GLOSSARY = Glossary(TERMS)


def spans(text: str) -> list[str]:
    return [m.span for m in GLOSSARY.find(text)]


# -- parsing -----------------------------------------------------------------------------------------


def test_tsv_and_csv_files_parse_with_header_comments_and_quotes(tmp_path):
    tsv = tmp_path / "g.tsv"
    tsv.write_text(
        "id\ten\n# house terms\nKemenkeu\tMinistry of Finance\n\nPolda Metro Jaya\tPolda Metro Jaya\n"
    )
    assert Glossary.from_file(tsv).to_dict() == {
        "Kemenkeu": "Ministry of Finance",
        "Polda Metro Jaya": "Polda Metro Jaya",
    }
    csv_file = tmp_path / "g.csv"
    csv_file.write_text('\ufeffterm,english\nKemenkeu,"Finance Ministry, the"\n“Rp”,Rp\n', "utf-8")
    assert Glossary.from_file(csv_file).to_dict() == {"Kemenkeu": "Finance Ministry, the", "“Rp”": "Rp"}
    assert load_glossary(str(tsv)) == load_glossary(tsv) == Glossary.from_file(tsv)
    assert load_glossary({"Kemenkeu": "Ministry of Finance"}).to_dict() == {"Kemenkeu": "Ministry of Finance"}
    assert load_glossary(None) is None and load_glossary(GLOSSARY) is GLOSSARY


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Kemenkeu\tMinistry\textra\n", "3 column"),
        ("Kemenkeu\n", "1 column"),
        ("Kemenkeu\tMinistry of Finance\nkemenkeu\tFinance Ministry\n", "twice"),
        ("\tMinistry\n", "empty"),
        ("a\tb\n" * (MAX_GLOSSARY_CHARS // 4 + 1), "above the limit"),
    ],
)
def test_bad_glossaries_are_one_line_errors(text, message):
    with pytest.raises(GlossaryError, match=message) as info:
        Glossary.from_text(text)
    assert info.value.code == "glossary" and "\n" not in str(info.value)


def test_unreadable_or_binary_glossary_file(tmp_path):
    with pytest.raises(GlossaryError, match="cannot read"):
        Glossary.from_file(tmp_path / "missing.tsv")
    bad = tmp_path / "bad.tsv"
    bad.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(GlossaryError, match="UTF-8"):
        Glossary.from_file(bad)


# -- matching ----------------------------------------------------------------------------------------


def test_matching_takes_case_clitics_and_hyphen_prefixes_but_not_other_words():
    assert spans("Kemenkeu-nya menyatakan, kemenkeu setuju, KEMENKEU pun.") == [
        "Kemenkeu-nya",
        "kemenkeu",
        "KEMENKEU",
    ]
    assert spans("Kemenkeunya, Kemenkeulah, Kemenkeukah, Kemenkeupun, Kemenkeuku, Kemenkeumu.") == [
        "Kemenkeunya",
        "Kemenkeulah",
        "Kemenkeukah",
        "Kemenkeupun",
        "Kemenkeuku",
        "Kemenkeumu",
    ]
    assert spans("se-Jawa dan ke-Jawa-an, Jawanya") == ["se-Jawa", "ke-Jawa-an", "Jawanya"]
    # Inside other words: never.
    assert spans("Pemkemenkeuan, Kemenkeuan, Jawara, Jawaban, subJawa, Jawa2") == []
    # Multi-word terms allow any whitespace; the longest term wins.
    assert spans("Polda  Metro\nJaya dan Bank Indonesia.") == ["Polda  Metro\nJaya", "Bank Indonesia"]
    # Acronyms keep their case: "kpk" is not the KPK.
    assert spans("kpk bukan KPK-lah.") == ["KPK-lah"]


def test_protect_and_restore_round_trip_with_regrouped_placeholders():
    protected = GLOSSARY.protect("Kemenkeu-nya dan KPK membayar 90001 rupiah.")
    assert "Kemenkeu" not in protected.text and "KPK" not in protected.text
    first, second = protected.slots
    assert first.placeholder != "90001" and second.placeholder != "90001"  # never a number of the text
    model_output = protected.text.replace(
        first.placeholder, f"{first.placeholder[:2]},{first.placeholder[2:]}"
    )
    restored, missing = Glossary.restore(model_output, protected.slots)
    assert missing == []
    assert "Ministry of Finance" in restored and "Corruption Eradication Commission" in restored
    assert "90001" in restored  # the text's own number is untouched


# -- enforcement with fake translators ---------------------------------------------------------------

SENTENCES = [
    "Kemenkeu-nya menyatakan harga beras naik Rp1.500.000 per karung.",
    "Polda Metro Jaya dan KPK menangkap 12 tersangka di Jawa “kemarin”.",
    "Bank Indonesia menahan suku bunga, kata pejabat Kemenkeu.",
    "Warga tetap tenang dan harga é stabil.",
]
PLACEHOLDER = re.compile(r"\b9\d{4}\b")


def keeps(text: str) -> str:
    return f"EN {text}"


def drops(text: str) -> str:
    return "EN " + PLACEHOLDER.sub("", text)


def mistranslates(text: str) -> str:
    return "EN " + PLACEHOLDER.sub("the ministry", text)


def drops_first_only(text: str) -> str:
    return "EN " + PLACEHOLDER.sub("", text, count=1)


def _occurrences() -> int:
    return sum(len(GLOSSARY.find(s)) for s in SENTENCES)


@pytest.mark.parametrize("behaviour", [keeps, drops, mistranslates, drops_first_only])
@pytest.mark.parametrize("guard", [False, True])
def test_every_term_is_rendered_or_reported_and_nothing_falsely(behaviour, guard):
    translator = Translator(
        FakeModel(max_input_tokens=64, transform=behaviour), guard=guard, glossary=GLOSSARY
    )
    result = translator.translate_scored(SENTENCES)
    missing = [w for w in result.warnings if w.code == "glossary_missing"]
    stats = result.glossary_stats
    assert stats["protected"] == _occurrences()
    assert stats["rendered"] + stats["missing"] == stats["protected"]  # 100 % rendered or reported
    assert len(missing) == stats["missing"]
    for source, english in zip(SENTENCES, result.english, strict=True):
        expected = [m.english for m in GLOSSARY.find(source)]
        reported = [w.span for w in missing if w.source == source.replace("“", '"').replace("”", '"')]
        for rendering in set(expected):
            if english.count(rendering) < expected.count(rendering):
                assert reported, f"{rendering!r} missing from {english!r} but not reported"
        # 0 false reports: a reported term really has fewer renderings than occurrences.
        for span in reported:
            rendering = GLOSSARY.find(span)[0].english
            assert english.count(rendering) < expected.count(rendering), (span, english)
        assert not PLACEHOLDER.search(english.replace("Rp1.500.000", "")), english  # none left over
    if behaviour is keeps:
        assert stats["kept_unaided"] == stats["protected"] and not missing
    if guard:
        assert stats["missing"] == 0  # the split repair always renders the terms
    elif behaviour is not keeps:
        assert missing and missing[0].span in {"Kemenkeu-nya", "Polda Metro Jaya", "Bank Indonesia"}
    # Placeholders never leak into the number checks or any warning text.
    for w in result.warnings:
        assert not PLACEHOLDER.search(f"{w.span} {w.message} {getattr(w, 'source', '')}"), w


def test_repair_translates_around_the_term_and_keeps_every_word():
    model = FakeModel(max_input_tokens=64, transform=drops)
    translator = Translator(model, guard=True, glossary=GLOSSARY)
    (english,), _ = translator.translate_sentences(["Kata pejabat Kemenkeu-nya kemarin sore."])
    assert english == "EN Kata pejabat Ministry of Finance EN kemarin sore."


def test_per_call_glossary_overrides_and_sentences_without_terms_are_untouched():
    model = FakeModel(max_input_tokens=64, transform=keeps)
    translator = Translator(model, guard=False)
    assert translator.translate_sentences(["Kemenkeu setuju."])[0] == ["EN Kemenkeu setuju."]
    out = translator.translate_scored(["Kemenkeu setuju."], glossary={"Kemenkeu": "MoF"})
    assert out.english == ["EN MoF setuju."]
    assert model.batches[-1] == ["90001 setuju."]


def test_adjacent_terms_keep_separate_placeholders():
    glossary = Glossary({"Dubes": "Ambassador", "Santo": "Santo"})
    protected = glossary.protect("kata Dubes Santo, Jumat.")
    restored, missing = Glossary.restore(f"said {protected.text}", protected.slots)
    assert missing == [] and restored == "said kata Ambassador Santo, Jumat."
