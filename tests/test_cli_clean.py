"""``summarizer clean`` through click's test runner."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

try:
    from summarizer.cli import main as cli
except ImportError:  # other commands still being written: test ours alone
    from summarizer.cli.clean import clean_command as cli

    PREFIX: list[str] = []
else:
    PREFIX = ["clean"]

ARTICLE = (
    "JAKARTA, KOMPAS.com - Pemerintah menaikkan harga beras mulai pekan depan.\n"
    "Baca juga: Harga Cabai Ikut Naik\n"
    '"Kenaikan ini untuk petani," kata Menteri.\n'
    "Pewarta: Ahmad Savitri Editor: Budi\n"
)
EXPECTED = (
    'Pemerintah menaikkan harga beras mulai pekan depan.\n\n"Kenaikan ini untuk petani," kata Menteri.\n'
)


@pytest.fixture()
def runner():
    try:
        return CliRunner(mix_stderr=False)
    except TypeError:  # click >= 8.2 always separates stderr
        return CliRunner()


def test_clean_stdin(runner):
    result = runner.invoke(cli, [*PREFIX, "-"], input=ARTICLE.encode())
    assert result.exit_code == 0, result.output
    assert result.stdout == EXPECTED
    assert "removed" not in result.stderr


def test_clean_file_show_removed(runner, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(cli, [*PREFIX, str(path), "--show-removed"])
    assert result.exit_code == 0
    assert result.stdout == EXPECTED
    assert "removed [read_also]: Baca juga: Harga Cabai Ikut Naik" in result.stderr
    assert "removed [dateline]: JAKARTA, KOMPAS.com -" in result.stderr
    assert "removed [footer]: Pewarta: Ahmad Savitri Editor: Budi" in result.stderr


def test_clean_html_format(runner):
    html = "<p>Harga naik&nbsp;lagi di pasar.</p><p>Warga mengeluh.</p>"
    result = runner.invoke(cli, [*PREFIX, "--format", "html"], input=html.encode())
    assert result.exit_code == 0
    assert result.stdout == "Harga naik lagi di pasar.\n\nWarga mengeluh.\n"


def test_clean_json(runner):
    result = runner.invoke(cli, [*PREFIX, "--json"], input=ARTICLE.encode())
    assert result.exit_code == 0
    assert '"rule": "read_also"' in result.stdout


def test_binary_input_is_a_friendly_error(runner):
    result = runner.invoke(cli, [*PREFIX], input=b"\x00\x01\x02\x03" * 100)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error:")
    assert "Traceback" not in result.stderr


def test_empty_input_warns(runner):
    result = runner.invoke(cli, [*PREFIX], input=b"   \n")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "warning [empty_input]" in result.stderr


def test_missing_file(runner, tmp_path):
    result = runner.invoke(cli, [*PREFIX, str(tmp_path / "nope.txt")])
    assert result.exit_code == 2


def test_bad_format_option(runner):
    result = runner.invoke(cli, [*PREFIX, "--format", "pdf"], input=b"x")
    assert result.exit_code == 2


def test_invalid_utf8_is_decoded_with_a_warning(runner):
    data = "Pemerintah menaikkan harga beras di Jakarta, kata Désiré, pekan lalu.\n".encode("latin-1") * 5
    result = runner.invoke(cli, [*PREFIX], input=data)
    assert result.exit_code in (0, 2)
    assert "Traceback" not in result.stderr
