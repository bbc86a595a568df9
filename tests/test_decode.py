import codecs

import pytest

from summarizer.errors import BinaryInputError
from summarizer.text.decode import decode_bytes, looks_binary

TEXT = "“Harga naik Rp1.500.000,” kata René di Jakarta."


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with BOM
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    ],
)
def test_unicode_forms_decode_silently(data):
    text, warnings = decode_bytes(data)
    assert text == TEXT and warnings == []


def test_legacy_encoding_decodes_with_warning():
    latin = "Kafe milik René di Ubud ramai dikunjungi wisatawan. Harga kopi Rp25.000 per cangkir. " * 3
    text, warnings = decode_bytes(latin.encode("latin-1"), name="a.txt")
    assert "René" in text
    assert [w.code for w in warnings] == ["legacy_encoding"]


@pytest.mark.parametrize("data", [b"\x00\x01\x02PNG\x00" * 50, bytes(range(256)) * 20])
def test_binary_is_rejected(data):
    with pytest.raises(BinaryInputError):
        decode_bytes(data)


def test_looks_binary():
    assert looks_binary("abc\x00def")
    assert not looks_binary(TEXT)


def test_one_bad_byte_in_utf8_does_not_garble_the_rest():
    data = "“Kami siap,” kata André Kusuma. Harga naik 3,5 persen.".encode().replace(b"naik", b"naik \xff")
    text, warnings = decode_bytes(data, name="mixed.txt")
    assert "“Kami siap,” kata André Kusuma." in text and "\ufffd" in text
    assert [w.code for w in warnings] == ["invalid_utf8"]
    assert "mixed.txt" in warnings[0].message


def test_pure_ascii_with_a_stray_high_byte_is_western():
    text, warnings = decode_bytes(b"Harga naik \xe9 3,5 persen di pasar kota pada hari Senin.")
    assert "é" in text and warnings[0].code == "legacy_encoding"
