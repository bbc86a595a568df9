"""Sentence-aligned exports: TSV/JSONL rendering, `run --format aligned|jsonl`, batch --aligned, glossary."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from batch_support import article, batch_cli, quick_marian
from click.testing import CliRunner

from summarizer.aligned import aligned_rows, entries_tsv, to_csv, to_jsonl, to_tsv
from summarizer.cli import main
from summarizer.results import ArticleResult, FidelityWarning, Segment

ARTICLE = (
    "Kemenkeu-nya mencatat harga cabai Rp1.500.000 per karung di Pasar “Kramat Jati”.\n\n"
    "Kafe milik René di Ubud tutup.\n\n"
    "Pemerintah berjanji menambah pasokan sebelum akhir Desember."
)


def _result() -> ArticleResult:
    segments = (
        Segment('Kata "dia"\tdi sini.', "He said\nhere.", -0.1, 0),
        Segment("Harga naik 3,5 persen.", "Prices rose 3.5 percent.", -2.0, 0),
        Segment("Warga tenang.", "Residents calm.", None, 1),
    )
    warnings = (
        FidelityWarning("low_confidence", "unsure", stage="translation", target="translation_en", index=1),
        FidelityWarning("number_mismatch", "n", span="3,5", target="translation_en", index=1),
        FidelityWarning("repetition", "r", target="summary_en", index=0),
    )
    return ArticleResult("s", "e", "c", translation_en="x", segments=segments, warnings=warnings)


def test_tsv_quotes_tabs_quotes_and_newlines_and_rows_equal_segments():
    result = _result()
    rows = list(csv.reader(io.StringIO(to_tsv(result)), delimiter="\t"))
    assert rows[0] == ["paragraph", "index", "source", "english", "confidence", "warnings"]
    assert rows[1] == ["1", "1", 'Kata "dia"\tdi sini.', "He said\nhere.", "0.905", ""]
    assert rows[2][4:] == ["0.135", "low_confidence,number_mismatch"]
    assert rows[3] == ["2", "3", "Warga tenang.", "Residents calm.", "", ""]
    assert len(rows) == 1 + len(result.segments)
    assert list(csv.reader(io.StringIO(to_csv(result))))[1][2] == 'Kata "dia"\tdi sini.'
    lines = to_jsonl(result).splitlines()
    assert len(lines) == 3
    second = json.loads(lines[1])
    assert (second["index"], second["paragraph"]) == (1, 0)
    assert [w["code"] for w in second["warnings"]] == ["low_confidence", "number_mismatch"]
    assert [r.codes for r in aligned_rows(result)] == [(), ("low_confidence", "number_mismatch"), ()]


def test_entries_tsv_skips_failed_articles():
    ok = {"id": "a#1", "status": "ok", "result": _result().to_dict()}
    failed = {"id": "a#2", "status": "failed", "error": {"code": "empty_input"}}
    rows = list(csv.reader(io.StringIO(entries_tsv([ok, failed])), delimiter="\t"))
    assert rows[0][0] == "article" and len(rows) == 4 and {r[0] for r in rows[1:]} == {"a#1"}


@pytest.fixture(scope="module")
def marian(tiny_marian, tmp_path_factory) -> Path:
    return quick_marian(tiny_marian, tmp_path_factory.mktemp("quick-marian"))


def _run_args(marian: Path, *extra: str) -> list[str]:
    return ["run", "--summary-model", "extractive", "--translation-model", str(marian), "--no-guard", *extra]


def test_run_format_aligned_and_jsonl(marian, tmp_path):
    runner = CliRunner()
    glossary = tmp_path / "g.tsv"
    glossary.write_text("Kemenkeu\tMinistry of Finance\n", "utf-8")
    out = runner.invoke(main, [*_run_args(marian, "--format", "aligned", "--glossary", str(glossary)), "-"],
                        input=ARTICLE)  # fmt: skip
    assert out.exit_code == 0, out.output
    rows = list(csv.reader(io.StringIO(out.stdout), delimiter="\t"))
    assert [r[2] for r in rows[1:]] == [
        "Kemenkeu-nya mencatat harga cabai Rp1.500.000 per karung di Pasar “Kramat Jati”.",
        "Kafe milik René di Ubud tutup.",
        "Pemerintah berjanji menambah pasokan sebelum akhir Desember.",
    ]
    assert [r[0] for r in rows[1:]] == ["1", "2", "3"]
    assert all(0 <= float(r[4]) <= 1 for r in rows[1:])
    # A random-weight model is never confident: every row carries low_confidence at the default 0.3 ...
    assert all("low_confidence" in r[5] for r in rows[1:])
    # ... and the glossary term is rendered or reported for row 1.
    assert "Ministry of Finance" in rows[1][3] or "glossary_missing" in rows[1][5]
    out = runner.invoke(main, [*_run_args(marian, "--format", "jsonl", "--min-confidence", "0"), "-"],
                        input=ARTICLE)  # fmt: skip
    assert out.exit_code == 0, out.output
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(lines) == 3 and [line["index"] for line in lines] == [0, 1, 2]
    assert not any(w["code"] == "low_confidence" for line in lines for w in line["warnings"])


def test_run_rejects_bad_glossary_and_confidence(marian, tmp_path):
    runner = CliRunner()
    bad = tmp_path / "bad.csv"
    bad.write_text("Kemenkeu,Ministry,extra\n", "utf-8")
    out = runner.invoke(main, [*_run_args(marian, "--glossary", str(bad)), "-"], input=ARTICLE)
    assert out.exit_code == 2 and "3 column(s)" in out.output and "Traceback" not in out.output
    out = runner.invoke(main, [*_run_args(marian, "--min-confidence", "2"), "-"], input=ARTICLE)
    assert out.exit_code == 2 and "min-confidence" in out.output


@pytest.mark.slow
def test_batch_aligned_is_written_and_resumes_with_the_glossary_in_the_key(marian, tmp_path):
    src, dst = tmp_path / "src", tmp_path / "dst"
    src.mkdir()
    (src / "a.txt").write_text("Kemenkeu mencatat kenaikan. " + article(1), "utf-8")
    (src / "b.txt").write_text(article(2), "utf-8")
    glossary = tmp_path / "g.tsv"
    glossary.write_text("Kemenkeu\tMinistry of Finance\n", "utf-8")

    def batch(*extra: str):
        return batch_cli(src, dst, "--no-guard", "-q", *extra, translation_model=marian)

    out = batch("--aligned", "--glossary", str(glossary))
    assert out.exit_code == 0, out.output
    tsv = dst / "a.txt.aligned.tsv"
    rows = list(csv.reader(io.StringIO(tsv.read_text("utf-8")), delimiter="\t"))
    data = json.loads((dst / "a.txt.json").read_text("utf-8"))
    segments = data["articles"][0]["result"]["segments"]
    assert len(rows) == 1 + len(segments) and rows[1][3] == segments[0]["source"]
    assert (dst / "a.txt.en.txt").exists()  # --aligned implies --full
    assert not list(dst.rglob("*.tmp*"))

    # Same run again: everything skipped. Aligned file removed: rewritten without re-translating.
    tsv.unlink()
    out = batch("--aligned", "--glossary", str(glossary))
    assert "processed 0, skipped 2" in out.output, out.output
    assert tsv.exists()
    # A changed rendering redoes only the article that contains the term.
    glossary.write_text("Kemenkeu\tFinance Ministry\nPolda\tRegional Police\n", "utf-8")
    out = batch("--aligned", "--glossary", str(glossary))
    assert "processed 1, skipped 1" in out.output, out.output
    run = json.loads((dst / ".summarizer-batch" / "last-run.json").read_text("utf-8"))
    assert run["options"]["pipeline"]["glossary"] == {
        "Kemenkeu": "Finance Ministry",
        "Polda": "Regional Police",
    }
