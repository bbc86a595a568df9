"""ROUGE evaluation on IndoSum-format files and the ``summarizer eval indosum`` command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarizer.eval import evaluate, load_indosum, rouge_scores, tokenize

ROWS = [
    {
        "id": "a1",
        "text": "Harga kopi naik menjadi Rp1.500.000 per karung. Petani di Garut senang.\n\n"
        "Cuaca cerah. Pedagang “kecewa” di café Bandung.",
        "summary": ["Harga kopi naik menjadi Rp1.500.000 per karung.", "Petani di Garut senang."],
    },
    {
        "id": "a2",
        "text": "Timnas menang 2-1 atas Vietnam. Gol dicetak oleh Pélé Junior.\n\nPenonton bersorak.",
        "summary": "Timnas menang 2-1 atas Vietnam.",
    },
]


@pytest.fixture
def jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in ROWS) + "\n", encoding="utf-8")
    return path


def test_tokenize_keeps_numbers_and_lowercases() -> None:
    assert tokenize("Harga Rp1.500.000, “naik” 3,5%") == [
        "harga",
        "rp1.500.000",
        ",",
        "“",
        "naik",
        "”",
        "3,5",
        "%",
    ]


def test_rouge_perfect_and_disjoint() -> None:
    toks = tokenize("Petani di Garut senang .")
    assert rouge_scores(toks, toks)["rouge1"] == pytest.approx(100.0)
    assert rouge_scores(tokenize("café"), toks)["rouge2"] == 0.0


def test_evaluate_against_lead3(jsonl: Path) -> None:
    arts = load_indosum(jsonl)
    assert [a.id for a in arts] == ["a1", "a2"]
    report = evaluate(arts, lambda text: ["Timnas menang 2-1 atas Vietnam."], system="fixed")
    # Article 2 is a perfect hit, article 1 shares nothing.
    assert report.per_article[1]["rouge"]["rouge1"] == pytest.approx(100.0)
    assert report.per_article[0]["rouge"]["rouge1"] < 20
    assert report.lead3["rouge1"] > report.scores["rouge1"]
    assert report.to_dict()["articles"] == 2
    assert load_indosum(jsonl, limit=1)[0].id == "a1"


def test_bad_file_is_an_input_error(tmp_path: Path) -> None:
    from summarizer.errors import InputError

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "x"}\n', encoding="utf-8")
    with pytest.raises(InputError):
        load_indosum(bad)
    with pytest.raises(InputError):
        load_indosum(tmp_path / "missing.jsonl")


def test_cli_eval_indosum(jsonl: Path) -> None:
    from summarizer.cli import main

    result = CliRunner().invoke(main, ["eval", "indosum", str(jsonl), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["system"] == "extractive" and report["articles"] == 2
    assert set(report["rouge"]) == {"rouge1", "rouge2", "rougeL"}
    assert report["lead3"]["rouge1"] > 50

    table = CliRunner().invoke(main, ["eval", "indosum", str(jsonl), "--limit", "1"])
    assert table.exit_code == 0
    assert "LEAD-3" in table.stdout and "seconds per article" in table.stdout

    missing = CliRunner().invoke(main, ["eval", "indosum", str(jsonl.parent / "nope.jsonl")])
    assert missing.exit_code == 2
    assert "Error:" in missing.stderr
