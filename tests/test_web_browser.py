"""The web page in a real headless Chromium (Debian's, no browser download), with tiny models."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest
from web_support import live_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
]
ROOT = Path(__file__).resolve().parents[1]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(),
        reason="chromium is not installed: apt-get install -y chromium (Debian/Ubuntu), then re-run",
    ),
]
pytest.importorskip("gradio")
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (pip install playwright)"
)

from summarizer import clean_article, web  # noqa: E402

SAMPLE_TXT = web.sample_articles()[0]
SAMPLE_HTML = ROOT / "examples" / "sample-article.html"
MODEL_RUN_MS = 180_000  # tiny models on a shared 2-CPU box; generous so a slow CI box does not flake


@pytest.fixture(scope="module")
def server(tiny_marian):
    with live_server(tiny_marian) as (_, url):
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.external_requests = []  # anything not served by our own server: fonts, CDNs, analytics

    def record(request) -> None:
        if request.url.startswith(("data:", "blob:")):
            return
        if urlparse(request.url).hostname not in ("127.0.0.1", "localhost"):
            page.external_requests.append(request.url)

    page.on("request", record)
    page.goto(server)
    page.locator("#article textarea").wait_for(timeout=60_000)
    yield page
    context.close()


def value(page, elem_id: str) -> str:
    return page.locator(f"#{elem_id} textarea").input_value()


def wait_for_value(page, elem_id: str, timeout: int = MODEL_RUN_MS) -> None:
    page.wait_for_function(
        "id => { const t = document.querySelector(`#${id} textarea`); return t && t.value.trim() !== ''; }",
        arg=elem_id,
        timeout=timeout,
    )


def test_paste_run_shows_both_summaries_and_the_translation(page, tmp_path):
    text = SAMPLE_TXT.read_text("utf-8")
    page.locator("#article textarea").fill(text)
    page.locator("#run").click()
    wait_for_value(page, "translation")
    summary_id, summary_en, translation = (
        value(page, "summary-id"),
        value(page, "summary-en"),
        value(page, "translation"),
    )
    assert summary_id and set(summary_id.split()) <= set(text.split())  # extractive: the article's words
    assert summary_en.strip()
    # Paragraphs survive into the full translation: N kept paragraphs -> N - 1 blank-line breaks.
    kept = len(clean_article(text).paragraphs)
    assert kept >= 8 and translation.count("\n\n") == kept - 1
    assert "Error" not in page.locator("#status").inner_text()
    meta = page.locator("#meta").inner_text()
    assert "extractive" in meta and "Timings" in meta
    # What the cleaner removed sits in a collapsed accordion.
    removed = page.locator("#removed")
    assert not removed.is_visible()
    page.get_by_text("What the cleaner removed").click()
    removed.get_by_text("Baca juga: Harga beras").wait_for()
    assert "duplicate_paragraph" in removed.inner_text()

    with page.expect_download() as info:
        page.locator("#download").click()
    download = info.value
    assert download.suggested_filename == "summary.json"
    data = json.loads(Path(download.path()).read_text("utf-8"))
    assert data["summary_id"] == summary_id and data["translation_en"] == translation

    # A temp file, never the tracked docs/screenshot.png (scripts/make_screenshot.py makes that one).
    shot = tmp_path / "page.png"
    page.locator("#run").scroll_into_view_if_needed()
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 20_000
    assert page.external_requests == []


def test_example_fills_the_textbox(page):
    page.get_by_text(f"Sample: {SAMPLE_TXT.name}").click()
    page.wait_for_function("() => document.querySelector('#article textarea').value.includes('Hendrar')")
    assert value(page, "article").strip() == SAMPLE_TXT.read_text("utf-8").strip()


def test_upload_fills_the_textbox_and_clear_empties_it(page):
    page.locator("#upload input[type=file]").set_input_files(str(SAMPLE_HTML))
    page.wait_for_function("() => document.querySelector('#article textarea').value.includes('Hendrar')")
    assert "sample-article.html" in page.locator("#status").inner_text()
    page.locator("#clear").click()
    page.wait_for_function("() => document.querySelector('#article textarea').value === ''")


def test_binary_upload_shows_an_error_and_keeps_the_text(page, tmp_path):
    scan = tmp_path / "scan.txt"
    scan.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    page.locator("#article textarea").fill("Teks yang sudah ada.")
    page.locator("#upload input[type=file]").set_input_files(str(scan))
    status = page.locator("#status")
    status.get_by_text("binary").wait_for(timeout=30_000)
    assert "Error" in status.inner_text() and "Traceback" not in status.inner_text()
    assert value(page, "article") == "Teks yang sudah ada."


def test_empty_input_shows_the_error_with_its_fix(page):
    page.locator("#run").click()
    status = page.locator("#status")
    status.get_by_text("the input is empty").wait_for(timeout=30_000)
    assert "How to fix" in status.inner_text()
    assert value(page, "summary-id") == ""


def test_settings_turn_the_full_translation_off(page):
    page.get_by_text("Settings").click()
    page.get_by_label("Translate the whole article").uncheck()
    page.get_by_label("short").check()
    page.locator("#article textarea").fill("Harga beras di Semarang naik 3,5 persen.\n\nWarga tetap tenang.")
    page.locator("#run").click()
    wait_for_value(page, "summary-en")
    assert not page.locator("#translation").is_visible()


def test_side_by_side_has_a_row_per_segment_and_marks_flagged_rows(page):
    page.get_by_text("Settings").click()
    page.locator("#glossary textarea").fill("Semarang\tSemarang City")
    page.locator("#article textarea").fill(
        "Harga beras di Semarang naik 3,5 persen.\n\nWali Kota Semarang meminta warga tetap tenang."
    )
    page.locator("#run").click()
    wait_for_value(page, "translation")
    with page.expect_download() as info:
        page.locator("#download").click()
    data = json.loads(Path(info.value.path()).read_text("utf-8"))
    page.get_by_text("Side by side").click()
    rows = page.locator("#aligned tr.sm-row")
    rows.first.wait_for()
    assert rows.count() == len(data["segments"]) == 2
    assert page.locator("#aligned tr.sm-para").count() == 2  # the paragraph break is visible
    flagged = {
        w["index"] for w in data["warnings"] if w["target"] == "translation_en" and w["index"] is not None
    }
    assert flagged  # a random-weight model is never confident: low_confidence at least
    marked = {int(i) for i in page.locator("#aligned tr.sm-flagged").evaluate_all(
        "rows => rows.map(r => r.dataset.index)")}  # fmt: skip
    assert marked == flagged
    for index in flagged:
        row = page.locator(f'#aligned tr[data-index="{index}"]')
        assert "sm-flagged" in row.get_attribute("class") and row.locator("code").count() >= 1
    page.get_by_label("Only rows to check").check()
    page.wait_for_function(
        "n => document.querySelectorAll('#aligned tr.sm-row').length === n", arg=len(flagged)
    )
    with page.expect_download() as info:
        page.locator("#aligned-download").click()
    tsv = Path(info.value.path()).read_text("utf-8").splitlines()
    assert info.value.suggested_filename.endswith(".tsv") and len(tsv) == 1 + len(data["segments"])
