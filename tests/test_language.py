"""Language identification: Indonesian vs Malay vs English, lazy detector, short input."""

from __future__ import annotations

import subprocess
import sys

import pytest

from summarizer.text import detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Presiden Joko Widodo meresmikan jalan tol baru di Jawa Tengah pada Senin pagi bersama gubernur.",
            "id",
        ),
        (
            "Polis Diraja Malaysia telah menahan seorang lelaki berusia 30 tahun bagi membantu siasatan kes "
            "bunuh di Kuala Lumpur semalam.",
            "ms",
        ),
        (
            "The president inaugurated a new toll road in Central Java on Monday morning with the governor.",
            "en",
        ),
    ],
)
def test_detects_languages(text, expected):
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    "text", ["", "   ", "halo", "12345 678 910", "这是一个中文句子，用来测试语言检测功能是否正常工作。"]
)
def test_unknown_for_short_or_other_scripts(text):
    assert detect_language(text) == "und"


def test_detector_is_not_built_at_import():
    code = (
        "import sys, summarizer.text, summarizer.text.language as l; "
        "assert 'lingua' not in sys.modules; assert l._detector.cache_info().currsize == 0"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_detector_is_built_once():
    from summarizer.text import language

    detect_language("Pemerintah menaikkan harga bahan bakar minyak mulai pekan depan.")
    detect_language("Warga diminta tetap tenang dan tidak panik membeli kebutuhan pokok.")
    assert language._detector.cache_info().currsize == 1
    assert language._detector.cache_info().misses == 1
