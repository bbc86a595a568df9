"""Shapes found by blind batch 9 and the probes after it: each correct form passes, and the nearby
corruption still warns, so a fix cannot pass by accepting everything."""

from __future__ import annotations

import pytest

from summarizer.fidelity import check_fidelity


def _codes(source: str, output: str) -> list[tuple[str, str]]:
    return [(w.code, w.span) for w in check_fidelity(source, output, "translation")]


# (Indonesian source, a correct English translation that once got a false alarm)
CORRECT = [
    # ordinals from three up, "ke" + any cardinal, English ordinals past "tenth"
    (
        "Indonesia finis di peringkat ketiga klasemen akhir.",
        "Indonesia finished third in the final standings.",
    ),
    (
        "Ketiga tersangka ditahan di Polres Bogor.",
        "The three suspects were held at the Bogor police station.",
    ),
    ("Ia finis di urutan keenam.", "She finished sixth."),
    ("Ini gelar kesebelas sepanjang kariernya.", "It is the eleventh title of her career."),
    ("Ini gelar kesebelas sepanjang kariernya.", "It is the 11th title of her career."),
    # stage words before a Roman numeral
    ("Bantuan sosial Jilid II disalurkan pekan depan.", "The second round of social aid is paid next week."),
    ("Pencairan Tahap III dimulai Senin.", "Disbursement of the third phase begins on Monday."),
    (
        "Pendaftaran Gelombang 2 dibuka hingga Jumat.",
        "Registration for the second wave is open until Friday.",
    ),
    # demonyms of countries Indonesian writes like English or spells its own way
    (
        "Kapal Coast Guard China memasuki Laut Natuna Utara.",
        "A Chinese Coast Guard vessel entered the North Natuna Sea.",
    ),
    ("Kapal nelayan asal Amerika Serikat ditangkap.", "An American fishing boat was seized."),
    ("Jurnalis asal Libanon itu dibebaskan.", "The Lebanese journalist was released."),
    # draft regulations and budgets, ministries by their short names, regional abbreviations
    (
        "DPRD Sleman menyetujui Raperda APBD 2025.",
        "The Sleman legislature approved the draft 2025 regional budget.",
    ),
    ("Pemkab menerbitkan Perbup tentang jam malam.", "The regency issued a regent regulation on the curfew."),
    ("Kemenhan membeli 12 pesawat tempur.", "The Defence Ministry bought 12 fighter jets."),
    ("Kemenimipas mendeportasi 30 WNA.", "The Immigration and Corrections Ministry deported 30 foreigners."),
    ("Kementerian PUPR membangun 20 bendungan.", "The Public Works and Housing Ministry built 20 dams."),
    ("Banjir melanda Tangsel dan Malut.", "Floods hit South Tangerang and North Maluku."),
    ("Wisatawan memadati Daerah Istimewa Yogyakarta.", "Tourists crowded the Special Region of Yogyakarta."),
    (
        "Upacara HUT ke-80 RI digelar di Monas.",
        "The 80th Independence Day ceremony was held at the National Monument.",
    ),
    ("Timnas RI kalah dari Jepang.", "The national team lost to Japan."),
    (
        "Bandara Soetta melayani 1.200 penerbangan per hari.",
        "Soekarno-Hatta Airport handles 1,200 flights a day.",
    ),
    # ministers and office heads derived from their institutions' rows; rank abbreviations
    (
        "Wamenkes Dante Saksono Harbuwono meninjau RSUD Cibinong.",
        "Deputy Health Minister Dante Saksono Harbuwono inspected Cibinong Regional Hospital.",
    ),
    (
        "Menaker Yassierli menetapkan UMP naik 6,5 persen.",
        "Manpower Minister Yassierli set a 6.5% rise in the provincial minimum wage.",
    ),
    (
        "Kadinkes Kota Bandung Anhar Hadian meminta warga waspada.",
        "Bandung Health Office head Anhar Hadian urged caution.",
    ),
    (
        "Kapolres AKBP Dedi Kurniawan memimpin apel.",
        "Police chief Adj. Sr. Comr. Dedi Kurniawan led the roll call.",
    ),
    # a capital letter glued to a number is a unit or a code; specialist degrees
    ("Suhu mencapai 36,8°C di Surabaya.", "The temperature reached 36.8C in Surabaya."),
    ("Gempa M 5,2 mengguncang Sumedang.", "An M5.2 earthquake rocked Sumedang."),
    ("Dr. dr. Budi Santoso, Sp.PD., memimpin tim.", "Dr. Budi Santoso led the team."),
    # spans of time with decimals and halves; "m" for million next to a currency
    ("Dia divonis 1,5 tahun penjara.", "He was sentenced to 18 months in prison."),
    ("Dia divonis 1,5 tahun penjara.", "He was sentenced to a year and a half in prison."),
    ("Klub itu membayar 12 juta euro.", "The club paid 12m euros."),
    ("Klub itu membayar 12 juta euro.", "The club paid €12m."),
]

# (source, corrupted English, expected warning code, its span): one warning each.
CORRUPTED = [
    ("Indonesia finis di peringkat ketiga klasemen akhir.", "Indonesia finished second in the final standings.",
     "number_mismatch", "ketiga"),
    ("Ia finis di urutan keenam.", "She finished seventh.", "number_mismatch", "keenam"),
    ("Ketiga tersangka ditahan di Polres Bogor.", "The four suspects were held at the Bogor police station.",
     "number_mismatch", "Ketiga"),
    ("Bantuan sosial Jilid III disalurkan pekan depan.", "The second round of social aid is paid next week.",
     "number_mismatch", "III"),
    ("Kapal Coast Guard China memasuki Laut Natuna Utara.", "A Vietnamese Coast Guard vessel entered the North Natuna Sea.",
     "name_changed", "Coast Guard China"),
    ("Kemenhan membeli 12 pesawat tempur.", "The Finance Ministry bought 12 fighter jets.",
     "name_unsupported", "The Finance Ministry"),
    ("Banjir melanda Tangsel.", "Floods hit North Tangerang.", "name_changed", "Tangsel"),
    ("Timnas RI kalah dari Jepang.", "The Malaysian national team lost to Japan.", "name_changed", "RI"),
    ("Suhu mencapai 36,8°C di Surabaya.", "The temperature reached 38.6C in Surabaya.", "number_mismatch", "36,8"),
    ("Dia divonis 1,5 tahun penjara.", "He was sentenced to 15 months in prison.", "number_mismatch", "1,5"),
    ("Klub itu membayar 12 juta euro.", "The club paid 120m euros.", "number_mismatch", "12 juta"),
    ("Wamenkes Dante Saksono Harbuwono meninjau RSUD Cibinong.",
     "Deputy Finance Minister Dante Saksono Harbuwono inspected Cibinong Regional Hospital.",
     "name_unsupported", "Deputy Finance Minister Dante Saksono Harbuwono"),
    # a changed field at the start of a title is no positional capital
    ("Menaker Yassierli menetapkan UMP naik 6,5 persen.", "Trade Minister Yassierli set a 6.5% rise in the provincial minimum wage.",
     "name_unsupported", "Trade Minister Yassierli"),
    ("Kadinkes Kota Bandung Anhar Hadian meminta warga waspada.",
     "Bandung Transportation Office head Anhar Hadian urged caution.",
     "name_unsupported", "Bandung Transportation Office"),
]  # fmt: skip


@pytest.mark.parametrize(("source", "output"), CORRECT)
def test_correct_translation_has_no_warning(source: str, output: str) -> None:
    assert _codes(source, output) == []


@pytest.mark.parametrize(("source", "output", "code", "span"), CORRUPTED)
def test_nearby_corruption_still_warns(source: str, output: str, code: str, span: str) -> None:
    assert _codes(source, output) == [(code, span)]


def test_a_lone_field_word_at_a_sentence_start_stays_positional() -> None:
    # Only a field that goes on into a capitalised title counts; "Health workers" is ordinary English.
    assert _codes("Tenaga kesehatan berunjuk rasa.", "Health workers staged a protest.") == []
    assert (
        _codes(
            "Petani berunjuk rasa di depan kantor bupati.", "Farmers protested outside the regent's office."
        )
        == []
    )


def test_twelve_metres_is_not_twelve_million() -> None:
    # "m" reads as million only next to a currency: a height in metres stays a height.
    assert _codes("Tembok setinggi 12 meter roboh.", "The 12m high wall collapsed.") == []
    assert _codes("Klub itu membayar 12 juta euro.", "The club paid 12m.") != []
