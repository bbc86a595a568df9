import dataclasses
import json

import pytest
from click.testing import CliRunner
from conftest import SEED_ARTICLE, needs_shared

from summarizer import ArticleResult, split_sentences
from summarizer.cli import main

ARTICLE = (
    "JAKARTA, KOMPAS.com - Harga cabai rawit mencapai Rp 80.000 per kilogram di Pasar Kramat Jati. "
    "Kenaikan itu mencapai 3,5 persen dibandingkan pekan lalu.\n\n"
    "“Pasokan dari Jawa Tengah berkurang karena hujan,” kata Kepala Pasar, Budi Santoso, Senin (21/12).\n\n"
    "Baca juga: Harga Beras Naik Lagi\n\n"
    "Pemerintah berjanji menambah pasokan sebelum akhir Desember."
)


@pytest.fixture
def runner():
    return CliRunner()


def args(tiny_marian, *extra):
    return ["run", "--summary-model", "extractive", "--translation-model", str(tiny_marian), *extra]


def test_run_json_from_stdin_has_documented_keys(runner, tiny_marian):
    result = runner.invoke(main, [*args(tiny_marian, "--full", "--format", "json"), "-"], input=ARTICLE)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == [f.name for f in dataclasses.fields(ArticleResult)]
    sentences = [s for p in data["clean_text"].split("\n\n") for s in split_sentences(p)]
    assert [seg["source"] for seg in data["segments"]] == sentences


def test_run_text_output_from_file(runner, tiny_marian, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, "utf-8")
    result = runner.invoke(main, [*args(tiny_marian), str(path)])
    assert result.exit_code == 0, result.output
    assert "# Summary (English)" in result.stdout
    assert "Traceback" not in result.output


@needs_shared
def test_done_when_command_on_seed(runner, tiny_marian):
    result = runner.invoke(main, [*args(tiny_marian, "--full", "--format", "json"), str(SEED_ARTICLE)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    sentences = [s for p in data["clean_text"].split("\n\n") for s in split_sentences(p)]
    sources = [seg["source"] for seg in data["segments"]]
    assert sources == sentences and len(sources) == len(set(sources))


@pytest.mark.parametrize(
    ("extra", "stdin", "needle", "code"),
    [
        ([], "", "empty", 2),
        ([], "   \n  ", "empty", 2),
        (["--max-chars", "50"], ARTICLE, "above", 2),
    ],
)
def test_bad_input_one_line_error(runner, tiny_marian, extra, stdin, needle, code):
    result = runner.invoke(main, [*args(tiny_marian, *extra), "-"], input=stdin)
    assert result.exit_code == code
    assert needle in result.stderr
    assert "Traceback" not in result.output


def test_binary_file_and_missing_file(runner, tiny_marian, tmp_path):
    binary = tmp_path / "x.bin"
    binary.write_bytes(b"\x00\x01\x02\x03" * 100)
    result = runner.invoke(main, [*args(tiny_marian), str(binary)])
    assert result.exit_code == 2 and "binary" in result.stderr
    result = runner.invoke(main, [*args(tiny_marian), str(tmp_path / "missing.txt")])
    assert result.exit_code == 2 and "no such file" in result.output


def test_unknown_model_and_offline_translator(runner):
    result = runner.invoke(main, ["run", "--summary-model", "nope", "-"], input=ARTICLE)
    assert result.exit_code == 2 and "unknown summary model" in result.stderr
    result = runner.invoke(main, ["run", "--summary-model", "extractive", "-"], input=ARTICLE)
    assert result.exit_code == 1
    assert "summarizer models download" in result.stderr
    assert "Traceback" not in result.output


def test_models_list(runner):
    result = runner.invoke(main, ["models", "list", "--json"])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert {r["hub_id"] for r in rows} >= {"LazarusNLP/IndoNanoT5-base-IndoSum", "Helsinki-NLP/opus-mt-id-en"}
    assert all(r["licence"] for r in rows)


def test_warning_lines_name_the_output_they_concern():
    from summarizer.cli.run import format_warning
    from summarizer.results import ResultWarning

    w = ResultWarning("number_mismatch", "'5' is missing", span="5", stage="translation", target="summary_en")
    assert format_warning(w).startswith("warning [summary_en/number_mismatch]: ")
    assert format_warning(ResultWarning("x", "m", stage="clean")).startswith("warning [clean/x]: ")
