"""Correct translations in other conventions pass; one corrupted fact is reported once, with a span."""

from __future__ import annotations

import pytest

from summarizer.fidelity import check_fidelity, compare_names

# (Indonesian source, correct English) for each shape the checks once flagged wrongly.
CORRECT = [
    # institutions translated
    (
        "Dinas Lingkungan Hidup Kota Medan menanam 500 pohon.",
        "The Medan City Environment Agency planted 500 trees.",
    ),
    ("Polda Jateng menyita 2 ton pupuk palsu.", "Central Java Police seized 2 tons of fake fertiliser."),
    ("BPJS Kesehatan menambah 40 kantor layanan.", "BPJS Health added 40 service offices."),
    ("Kementerian Luar Negeri memanggil duta besar itu.", "The Foreign Ministry summoned the ambassador."),
    ("Otoritas Jasa Keuangan menutup 3 bank.", "The Financial Services Authority closed 3 banks."),
    (
        "Badan Pengawas Obat dan Makanan menyita jamu ilegal.",
        "The Food and Drug Supervisory Agency seized illegal herbal medicine.",
    ),
    (
        "Komisi Pemilihan Umum menetapkan jadwal kampanye.",
        "The General Elections Commission (KPU) set the campaign schedule.",
    ),
    # exonyms and regional abbreviations
    ("Rapat digelar di Jenewa, Swiss.", "The meeting was held in Geneva, Switzerland."),
    ("Wisatawan memadati Jogja saat libur.", "Tourists crowded Yogyakarta during the holiday."),
    ("Banjir melanda Kalsel dan Sumut.", "Floods hit South Kalimantan and North Sumatra."),
    ("Delegasi tiba di Den Haag, Belanda.", "The delegation arrived in The Hague, the Netherlands."),
    # common-noun acronyms written out
    ("Sebanyak 300 buruh terkena PHK.", "As many as 300 workers were laid off."),
    ("Warga wajib membawa KK dan KTP.", "Residents must bring their family card and ID card."),
    ("Gaji PNS dan ASN naik.", "The salaries of civil servants rose."),
    ("Ketua RT/RW ikut mendata warga.", "Neighbourhood heads helped register residents."),
    ("Harga BBM turun.", "Fuel prices fell."),
    ("APBD Kota Bogor defisit.", "Bogor City's regional budget is in deficit."),
    ("Anggota DPRD Jatim menolak usulan itu.", "East Java regional legislators rejected the proposal."),
    ("Dua anggota TNI terluka.", "Two soldiers were injured."),
    # people and places kept, old spelling, possessives, accents, quotes
    ("Presiden Soeharto lengser pada 1998.", "President Suharto stepped down in 1998."),
    ("“Kami siap,” kata José Ramos di Dili.", "“We are ready,” said José Ramos in Dili."),
    ("Jokowi meninjau Pasar Beringharjo.", "Jokowi's visit took him to Beringharjo Market."),
    ("Jalan Tol Trans-Jawa dibuka.", "The Trans-Java toll road was opened."),
    # titles and saints' names in English, an unknown abbreviation written out beside a kept place
    ("Paus Fransiskus mengunjungi Masjid Istiqlal.", "Pope Francis visited the Istiqlal Mosque."),
    ("Kepala Bappeda Jawa Barat hadir.", "West Java Regional Development Planning Agency head attended."),
    # English acronyms and a name written out in English beside a lost common word
    (
        "“Harga ini final,” kata Dirut Pertamina Nicke Widyawati.",
        "“This price is final,” said Pertamina CEO Nicke Widyawati.",
    ),
    ("Tersangka dijerat Pasal 340 KUHP.", "The suspect was charged under Article 340 of the Penal Code."),
    # transliterations and stems
    (
        "Kemenag menetapkan 1 Syawal jatuh pada Rabu (10/4).",
        "The ministry set 1 Shawwal on Wednesday (4/10).",
    ),
    ("Umat Buddha merayakan Waisak.", "Buddhists celebrated Vesak."),
    ("Pendaftaran dibuka 1-15 Juli 2024.", "Registration is open from July 1 to 15, 2024."),
    # dates in US order or words
    ("Kebakaran terjadi Kamis (21/12).", "The fire broke out on Thursday (12/21)."),
    ("Ia ditangkap pada 15/11/2017.", "He was arrested on 11/15/2017."),
    ("Ia ditangkap pada 15/11/2017.", "He was arrested on November 15, 2017."),
    ("Acara digelar Sabtu (21/12).", "The event was held on Saturday, December 21."),
    # 12-hour times, clock words, Indonesian parts of the day, hours in a range
    ("Rapat dimulai pukul 17.00 WIB.", "The meeting began at 5 p.m."),
    ("Kereta berangkat pukul 07.30 WIB.", "The train leaves at 7:30 a.m."),
    ("Pengumuman disampaikan pukul 12.00 WIB.", "The announcement came at noon."),
    ("Acara dimulai pukul 7 malam.", "The event starts at 7 p.m."),
    ("Pasar dibuka jam 5 pagi.", "The market opens at 5 a.m."),
    ("Jalan ditutup pukul 16.00 hingga 20.00 WIB.", "The road is closed from 4 to 8 p.m."),
    ("Toko buka pukul 10.00 sampai 21.00.", "The shop opens from 10 a.m. to 9 p.m."),
    # ranges written once
    ("Harganya Rp230 juta-Rp295 juta.", "It costs Rp230-295 million."),
    ("Kerugian Rp 2 miliar hingga Rp 3 miliar.", "Losses of between Rp 2 and 3 billion."),
    ("Bantuan Rp 20-30 ribu per orang.", "Aid of Rp 20,000-30,000 per person."),
    # an amount after "to"/"at" is not a clock time
    ("Angka kemiskinan turun menjadi 9,36 persen.", "The poverty rate fell to 9.36%."),
    ("Upah ditetapkan Rp 5,06 juta.", "The wage was set at Rp 5.06 million."),
    # numbers as words
    ("Lima orang tewas.", "Five people died."),
    ("Ada 3 korban.", "There were three victims."),
    ("Pemerintah menyiapkan 1 juta dosis.", "The government prepared a million doses."),
    ("Harga kopi Rp1.500.000 per kilo di café itu.", "Coffee costs Rp1,500,000 a kilo at the café."),
]

# (source, corrupted English, warning code, span)
CORRUPTED = [
    ("Harga kopi Rp1.500.000 per kilo.", "Coffee costs Rp150,000 a kilo.", "number_mismatch", "1.500.000"),
    ("Dana Rp 68 triliun disalurkan.", "Rp 68 billion was disbursed.", "number_mismatch", "68 triliun"),
    ("Harganya Rp230 juta-Rp295 juta.", "It costs Rp230-395 million.", "number_mismatch", "295 juta"),
    (
        "Kebakaran terjadi Kamis (21/12).",
        "The fire broke out on Thursday (12/22).",
        "number_mismatch",
        "21/12",
    ),
    ("Ia ditangkap pada 15/11/2017.", "He was arrested on 11/15/2016.", "number_mismatch", "15/11/2017"),
    ("Rapat dimulai pukul 17.00 WIB.", "The meeting began at 7 p.m.", "number_mismatch", "17.00 WIB"),
    ("Kereta berangkat pukul 07.30 WIB.", "The train leaves at 7:30 p.m.", "number_mismatch", "07.30 WIB"),
    ("Lima orang tewas.", "Six people died.", "number_mismatch", "Lima"),
    (
        "Polda Jateng menangkap pelaku di Semarang.",
        "Central Java Police arrested the culprit in Solo.",
        "name_changed",
        "Semarang",
    ),
    (
        "Kata Andi Pratama kepada wartawan.",
        "Andi Saputra told reporters.",
        "name_unsupported",
        "Andi Saputra",
    ),
    ("Jokowi meninjau pasar.", "Prabowo inspected the market.", "name_changed", "Jokowi"),
    (
        "Dinas Pendidikan Riau membuka 450 kursi.",
        "The Riau Health Agency opened 450 seats.",
        "name_unsupported",
        "The Riau Health Agency",
    ),
    (
        "Bupati Lampung Tengah diperiksa.",
        "The South Lampung regent was questioned.",
        "name_changed",
        "Lampung Tengah",
    ),
    (
        "Warga Desa Sukamaju menolak pabrik.",
        "Residents of the village rejected the factory.",
        "name_missing",
        "Desa Sukamaju",
    ),
    (
        "Rapat digelar di Jenewa, Swiss.",
        "The meeting was held in Vienna, Switzerland.",
        "name_changed",
        "Jenewa",
    ),
    # a lost place stays a fact even when the English has a name that reads as English
    (
        "Menteri bertemu mitranya di Canberra.",
        "The minister met his counterpart in Wellington.",
        "name_missing",
        "Canberra",
    ),
    # a place or a clearly non-English word at the start of the English sentence is still checked
    (
        "Presiden Prancis tiba di Jakarta.",
        "German President arrived in Jakarta.",
        "name_changed",
        "Presiden Prancis",
    ),
    (
        "Pendiri Gojek diperiksa Kejagung.",
        "Tokopedia founder was questioned by the Attorney General's Office.",
        "name_changed",
        "Gojek",
    ),
    (
        "Universitas Gadjah Mada menerima 9.000 mahasiswa.",
        "Airlangga University admitted 9,000 students.",
        "name_changed",
        "Universitas Gadjah Mada",
    ),
    (
        "Angka kemiskinan turun menjadi 9,36 persen.",
        "The poverty rate fell to 9.63%.",
        "number_mismatch",
        "9,36 persen",
    ),
]


def test_changed_number_names_both_sides_in_one_warning() -> None:
    (w,) = check_fidelity("Ada 2.200.112 pemilih.", "There are 2,200,12 voters.", "translation")
    assert w.code == "number_mismatch" and "2,200,12" in w.message


def test_invented_number_without_a_pair_is_unsupported() -> None:
    (w,) = check_fidelity("Harga naik tajam.", "Prices rose 40 percent.", "translation")
    assert (w.code, w.span) == ("number_unsupported", "40 percent")


def test_swap_pairs_lost_and_invented_name() -> None:
    report = compare_names("Ia pindah ke Makassar.", "He moved to Manado.")
    assert [(a.span, b.span) for a, b in report.changed] == [("Makassar", "Manado")]
    assert report.missing == () and report.unsupported == ()


def test_sentence_start_common_words_are_not_names() -> None:
    # "Gelombang"/"Waves" both open their sentence: positional capitals, not a swapped name.
    assert check_fidelity("Gelombang setinggi 4 meter.", "Waves reached 4 metres.", "translation") == []


@pytest.mark.parametrize(
    ("source", "output"),
    [
        (
            "Pemerintah akan membangun jalan tol baru di Sumatra.",
            "Pemerintah akan membangun jalan tol baru di Sumatra.",
        ),
        ("Hujan deras.", "Heavy rain. " * 20),
        ("Saya minta maaf.", "I'm sorry I'm sorry I'm sorry I'm sorry."),
    ],
)
def test_every_warning_has_a_span_inside_its_text(source: str, output: str) -> None:
    warnings = check_fidelity(source, output, "translation")
    assert warnings
    for w in warnings:
        assert w.span, w
        assert w.span.casefold() in output.casefold() or w.span in source


def test_english_with_names_is_not_untranslated() -> None:
    src = "Tim bulu tangkis Indonesia bertanding di Kopenhagen, Denmark."
    out = "The Indonesian badminton team is competing in Copenhagen, Denmark."
    assert check_fidelity(src, out, "translation") == []


# Shapes from the blind set (tests/data/fidelity_pairs_blind.jsonl): each correct convention below
# once raised a false alarm.
CORRECT_MORE = [
    # time zones written out
    (
        "Penerbangan tiba di Manado pukul 15.45 WITA.",
        "The flight arrived in Manado at 3:45 p.m. Central Indonesia Time.",
    ),
    (
        "Pemadaman berlangsung pukul 10.00 hingga 15.00 WIB.",
        "The outage lasted from 10 a.m. to 3 p.m. Western Indonesian Time.",
    ),
    ("Misa dimulai pukul 09.00 WIB.", "Mass begins at 9 o'clock WIB."),
    # Hijri years, religious words
    (
        "Tahun baru Islam 1 Muharam 1446 H jatuh pada 7 Juli 2024.",
        "The Islamic New Year, 1 Muharram 1446 AH, fell on July 7, 2024.",
    ),
    ("Biaya Penyelenggaraan Ibadah Haji rata-rata Rp 49,8 juta.", "Hajj costs average IDR 49.8 million."),
    # an acronym written out with the acronym in brackets
    (
        "Bapeten mengawasi reaktor di Serpong.",
        "The Nuclear Energy Regulatory Agency (Bapeten) supervises the reactor in Serpong.",
    ),
    ("Distan Garut membagikan benih.", "The Garut Agriculture Office (Distan) distributed seeds."),
    # lower-case directions that the source has
    ("Pusat gempa berada 25 km barat laut Bengkulu.", "The epicentre was 25 km north-west of Bengkulu."),
    # a day range with the month written once after the second day
    (
        "Pasar murah digelar Senin hingga Rabu (4-6/3).",
        "The cheap market runs Monday to Wednesday (March 4-6).",
    ),
    # broad English words in a written-out title
    (
        "Menko Polhukam Mahfud MD hadir.",
        "Coordinating Minister for Political, Legal and Security Affairs Mahfud MD attended.",
    ),
    # Roman numerals, fractions, capitalised number words inside names, "N jam" durations
    ("Pertumbuhan ekonomi kuartal III mencapai 4,94 persen.", "Third-quarter economic growth reached 4.94%."),
    ("Sultan Hamengku Buwono X membuka pameran.", "Sultan Hamengku Buwono X opened the exhibition."),
    ("Dua per tiga wilayah itu berupa hutan.", "Two-thirds of the area is forest."),
    ("Sepertiga anggaran untuk pendidikan.", "A third of the budget goes to education."),
    ("Tiga perempat lahan gagal panen.", "75 percent of the land failed to produce a harvest."),
    ("KTT APEC digelar di Lima, Peru.", "The APEC summit was held in Lima, Peru."),
    ("Warga Kepulauan Seribu kekurangan air.", "Residents of the Thousand Islands lack water."),
    ("Perjalanan memakan waktu 3 jam 15 menit.", "The trip took three hours and 15 minutes."),
    # degrees, dotted titles and initials
    (
        "Irjen Pol. Drs. H. Ahmad Luthfi, S.H., S.St.Mk. dilantik.",
        "Inspector General Ahmad Luthfi was sworn in.",
    ),
    ("K.H. Ahmad Dahlan mendirikan Muhammadiyah.", "Kiai Haji Ahmad Dahlan founded Muhammadiyah."),
    ("Duta Besar Amerika Serikat bertemu Gubernur Aceh.", "The U.S. ambassador met the Governor of Aceh."),
    # capitalised words that Indonesian names translate
    (
        "Acara puncak Hari Kemerdekaan digelar di Istana Merdeka.",
        "The main Independence Day event was held at the Merdeka Palace.",
    ),
    ("Ribuan warga mengungsi dari Tepi Barat.", "Thousands of residents fled the West Bank."),
    ("Harga cabai di Pasar Induk Kramat Jati naik.", "Chili prices at the Kramat Jati Main Market rose."),
]

CORRUPTED_MORE = [
    (
        "Pusat gempa berada 25 km barat laut Bengkulu.",
        "The epicentre was 25 km southeast of Bengkulu.",
        "name_unsupported",
        "southeast",
    ),
    (
        "Pelantikan digelar Rabu (8/11) di Istana.",
        "The inauguration was held on Thursday (Nov. 8) at the palace.",
        "name_unsupported",
        "Thursday",
    ),
    (
        "Gerhana terlihat mulai pukul 01.35 WIB.",
        "The eclipse is visible from 1:35 a.m. WITA.",
        "name_unsupported",
        "WITA",
    ),
    # one translated word ("Olympics") does not excuse a whole lost name
    (
        "Greysia Polii dan Apriyani Rahayu meraih emas Olimpiade Tokyo.",
        "Greysia Polii won gold at the Tokyo Olympics.",
        "name_missing",
        "Apriyani Rahayu",
    ),
    # one letter apart, but not a spelling variant
    (
        "Warga bernama Suwarni tewas tertimpa pohon.",
        "A resident named Sumarni was killed by a falling tree.",
        "name_changed",
        "Suwarni",
    ),
    (
        "Sekjen PBB António Guterres menyerukan gencatan senjata.",
        "NATO Secretary-General Antonio Guterres called for a ceasefire.",
        "name_unsupported",
        "NATO Secretary-General Antonio Guterres",
    ),
    (
        "Tiga perempat lahan gagal panen.",
        "Two-thirds of the land failed to produce a harvest.",
        "number_mismatch",
        "Tiga perempat",
    ),
    (
        "Pertumbuhan ekonomi kuartal III mencapai 5 persen.",
        "Second-quarter economic growth reached 5%.",
        "number_mismatch",
        "III",
    ),
    ("Misa dimulai pukul 09.00 WIB.", "Mass begins at 10 o'clock WIB.", "number_mismatch", "09.00 WIB"),
    (
        "Pasar murah digelar Senin hingga Rabu (4-6/3).",
        "The cheap market runs Monday to Wednesday (March 5-6).",
        "number_mismatch",
        "4",
    ),
]


@pytest.mark.parametrize(("source", "output"), CORRECT + CORRECT_MORE)
def test_correct_translation_has_no_warning(source: str, output: str) -> None:
    assert check_fidelity(source, output, "translation") == []


@pytest.mark.parametrize(("source", "output", "code", "span"), CORRUPTED + CORRUPTED_MORE)
def test_one_corruption_one_warning(source: str, output: str, code: str, span: str) -> None:
    warnings = check_fidelity(source, output, "translation")
    assert [(w.code, w.span) for w in warnings] == [(code, span)]
    assert warnings[0].source == source and warnings[0].output == output


@pytest.mark.parametrize(
    ("source", "output"),
    [
        ("Harga daging sapi Rp 140.000/kg.", "Beef costs IDR 140,000 per kg."),
        (
            "Lebih dari 60 ribu penonton memadati GBK.",
            "Over 60,000 fans packed the Gelora Bung Karno stadium.",
        ),
        ("Tiket pesawat mencapai Rp 2 jutaan.", "Plane tickets reached around Rp 2 million."),
        ("Gempa terjadi pada pukul 10.17.36 WIB.", "The earthquake occurred at 10:17:36 a.m. WIB."),
    ],
)
def test_units_acronyms_approximations_and_seconds(source: str, output: str) -> None:
    assert check_fidelity(source, output, "translation") == []


def test_a_name_after_a_title_period_is_no_sentence_start() -> None:
    # "Hj." ends no sentence, so "Nurhayati" is a name whose loss counts on its own.
    warnings = check_fidelity(
        "Menurut Hj. Nurhayati, acara diikuti 3.000 peserta.",
        "According to the organiser, 3,000 participants took part.",
        "translation",
    )
    assert [(w.code, w.span) for w in warnings] == [("name_missing", "Nurhayati")]


def test_percent_decimals_stay_strict() -> None:
    (w,) = check_fidelity("Angka itu turun menjadi 9,03 persen.", "The figure fell to 9.3%.", "translation")
    assert (w.code, w.span) == ("number_mismatch", "9,03 persen")


def test_hours_and_minutes_as_one_number_of_hours() -> None:
    src = "Penerbangan itu ditempuh dalam waktu 9 jam 30 menit."
    assert check_fidelity(src, "The flight takes nine and a half hours.", "translation") == []
    assert check_fidelity(src, "The flight takes 9 hours and 30 minutes.", "translation") == []
    warnings = check_fidelity(src, "The flight takes eight and a half hours.", "translation")
    assert warnings and {w.code for w in warnings} == {"number_mismatch"}


def test_a_shared_stem_without_an_english_ending_is_another_name() -> None:
    # "Buddha"/"Buddhists" share a stem; "Persija"/"Persib" are two clubs.
    assert check_fidelity("Umat Buddha berdoa.", "Buddhists prayed.", "translation") == []
    warnings = check_fidelity(
        "Persija menunjuk pelatih baru.", "Persib appointed a new coach.", "translation"
    )
    assert [(w.code, w.span) for w in warnings] == [("name_unsupported", "Persib")]


@pytest.mark.parametrize(
    ("source", "output", "ok"),
    [
        ("Pencarian dihentikan setelah tujuh hari.", "The search was called off after a week.", True),
        ("Ia ditahan selama 14 hari.", "He was detained for two weeks.", True),
        ("Proyek itu berjalan 12 bulan.", "The project ran for a year.", True),
        ("Pencarian dihentikan setelah tujuh hari.", "The search was called off after two weeks.", False),
        ("Ia ditahan selama 14 hari.", "He was detained for three weeks.", False),
    ],
)
def test_spans_of_time_in_other_units(source: str, output: str, ok: bool) -> None:
    assert (check_fidelity(source, output, "translation") == []) is ok


@pytest.mark.parametrize(
    ("source", "output"),
    [
        (
            "Korlantas memprediksi puncak arus balik pada H+3.",
            "The traffic corps predicted the return flow would peak three days after Eid.",
        ),
        ("Kodam Jaya mengerahkan 1.500 prajurit.", "The Jakarta Military Command deployed 1,500 soldiers."),
    ],
)
def test_holiday_countdowns_and_jaya_as_jakarta(source: str, output: str) -> None:
    assert check_fidelity(source, output, "translation") == []
