"""The page's review tools without a browser: side-by-side rows, glossary box, TSV download."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from summarizer.glossary import Glossary, GlossaryError
from summarizer.results import ArticleResult, FidelityWarning, Segment

pytest.importorskip("gradio")

from summarizer import web
from summarizer.web.aligned import render_aligned

ROWS = [
    {"paragraph": 0, "index": 0, "source": "Harga <naik>.", "english": "Prices rose.", "confidence": 0.9,
     "score": -0.1, "warnings": []},
    {"paragraph": 0, "index": 1, "source": "Kafe René.", "english": "René cafe.", "confidence": 0.2,
     "score": -1.6, "warnings": [{"code": "low_confidence", "message": "unsure", "span": None}]},
    {"paragraph": 1, "index": 2, "source": "Rp1.500.000.", "english": "Rp1,500.", "confidence": 0.7,
     "score": -0.3, "warnings": [{"code": "number_mismatch", "message": "n", "span": "Rp1.500.000"}]},
]  # fmt: skip


def test_rows_are_marked_escaped_and_paragraphs_visible():
    page = render_aligned(ROWS)
    assert page.count('class="sm-row') == 3 and page.count('class="sm-para"') == 2
    assert 'class="sm-row sm-flagged sm-low" data-index="1"' in page
    assert 'class="sm-row sm-flagged" data-index="2"' in page
    assert 'class="sm-row" data-index="0"' in page
    assert "Harga &lt;naik&gt;." in page and "<naik>" not in page
    assert "3 sentences, 2 to check" in page


def test_worst_first_and_only_flagged():
    worst = render_aligned(ROWS, "worst first")
    assert worst.index('data-index="1"') < worst.index('data-index="2"') < worst.index('data-index="0"')
    flagged = render_aligned(ROWS, "document", flagged_only=True)
    assert 'data-index="0"' not in flagged and flagged.count('class="sm-row') == 2
    assert "No full translation" in render_aligned([])


def test_page_glossary_merges_with_the_servers_and_reports_bad_rows():
    base = Glossary({"Kemenkeu": "Ministry of Finance"})
    assert web.page_glossary("", base) is base and web.page_glossary("  ", None) is None
    merged = web.page_glossary("Polda Metro Jaya\tPolda Metro Jaya\nKemenkeu,MoF", base)
    assert merged is not None
    assert merged.to_dict() == {"Kemenkeu": "MoF", "Polda Metro Jaya": "Polda Metro Jaya"}
    with pytest.raises(GlossaryError, match="the glossary box line 1"):
        web.page_glossary("just one column", base)


def test_warnings_with_targets_are_grouped_without_string_matching():
    w = FidelityWarning("low_confidence", "m", source="zzz", target="translation_en", index=0)
    s = FidelityWarning("low_confidence", "m", source="zzz", target="summary_en", index=0)
    result = ArticleResult("a", "b", "c", translation_en="d", warnings=(w, s))
    groups = web.split_warnings(result)
    assert groups["translation"] == [w] and groups["summary_en"] == [s]


def test_aligned_download_is_a_tsv_with_one_row_per_segment():
    result = ArticleResult(
        "a",
        "b",
        "c",
        translation_en="x",
        segments=(Segment("Satu.", "One.", -0.2, 0), Segment("Dua.", "Two.")),
    )
    path = Path(web.write_aligned(result))
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8")), delimiter="\t"))
    assert path.name.endswith(".tsv") and len(rows) == 3 and rows[1][2:4] == ["Satu.", "One."]


@pytest.mark.slow
def test_page_applies_the_glossary_box_and_fills_the_side_by_side_view(tiny_marian):
    from batch_support import quick_marian

    app = web.build_app(
        summary_model="extractive",
        translation_model=str(quick_marian(tiny_marian, Path(tiny_marian).parent / "quick-web")),
        allow_custom_models=False,  # the glossary box stays available under --presets-only
        guard=False,
    )
    (fn,) = [f.fn for f in app.fns.values() if f.name == "run_page"]
    text = "Kemenkeu-nya mencatat harga naik.\n\nWarga Kemenkeu tetap tenang di Jakarta."
    out = fn(text, "extractive", "short", True, "Kemenkeu\tMinistry of Finance", "document", False,
             progress=lambda *a, **k: None)  # fmt: skip
    assert "Error" not in out[0]
    aligned_html, rows = out[10], out[11]
    assert len(rows) == 2 and aligned_html.count('class="sm-row') == 2
    for row in rows:
        assert "Ministry of Finance" in row["english"] or any(
            w["code"] == "glossary_missing" for w in row["warnings"]
        )
    bad = fn(text, "extractive", "short", True, "only-one-column", progress=lambda *a, **k: None)
    assert "Error" in bad[0] and "column" in bad[0] and bad[11] == []
    web.clear_pipelines()


@pytest.mark.slow
def test_serve_takes_a_glossary_and_rejects_a_bad_one(monkeypatch, tiny_marian, tmp_path):
    from click.testing import CliRunner

    from summarizer.cli import main

    monkeypatch.setenv("GRADIO_ANALYTICS_ENABLED", "False")
    monkeypatch.setattr(web.pool, "_pipelines", {})
    seen = {}
    monkeypatch.setattr(web, "launch", lambda app, **kw: seen.update(config=kw["config"]))
    good, bad = tmp_path / "g.csv", tmp_path / "bad.tsv"
    good.write_text("Kemenkeu,Ministry of Finance\n", "utf-8")
    bad.write_text("Kemenkeu\n", "utf-8")
    args = [
        "serve",
        "--summary-model",
        "extractive",
        "--translation-model",
        str(tiny_marian),
        "--presets-only",
    ]
    result = CliRunner().invoke(main, [*args, "--glossary", str(good), "--min-confidence", "0.5"])
    assert result.exit_code == 0, result.output
    options = seen["config"].pipeline
    assert options.glossary.to_dict() == {"Kemenkeu": "Ministry of Finance"} and options.min_confidence == 0.5
    result = CliRunner().invoke(main, [*args, "--glossary", str(bad)])
    assert result.exit_code == 2 and "line 1 has 1 column(s)" in result.output
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_page_puts_sentence_warnings_in_the_box_of_the_output_they_concern(tiny_marian):
    # Every sentence is "unsure" (min_confidence=1), so each box must list one low_confidence per sentence
    # it shows: the English summary's box its sentences, the full translation's box all of the article's.
    from batch_support import quick_marian

    app = web.build_app(
        summary_model="extractive",
        translation_model=str(quick_marian(tiny_marian, Path(tiny_marian).parent / "quick-web")),
        min_confidence=1.0,
        guard=False,
    )
    (fn,) = [f.fn for f in app.fns.values() if f.name == "run_page"]
    text = (
        "Harga beras naik menjadi Rp1.500.000 per karung di Jakarta.\n\n"
        "Warga “Kampung Melayu” mengeluh kepada René, pedagang pasar.\n\n"
        "Pemerintah berjanji menambah pasokan pekan depan.\n\n"
        "Kenaikan harga itu terjadi sejak awal bulan karena panen terlambat di Jawa Barat.\n\n"
        "Pedagang lain menyebut pembeli mulai mengurangi belanja harian mereka.\n\n"
        "Dinas perdagangan akan memantau harga di lima pasar besar setiap hari."
    )
    out = fn(text, "extractive", "short", True, progress=lambda *a, **k: None)
    assert "Error" not in out[0]
    rows = out[11]
    summary_rows = [r for r in rows if r["source"] in out[1]]
    assert 0 < len(summary_rows) < len(rows) == 6
    unsure = "<code>low_confidence</code>"
    assert out[4].count(unsure) == len(summary_rows) and out[6].count(unsure) == len(rows)
    assert unsure not in out[2]  # the Indonesian summary is not a translation
