"""The `quality` preset: a Marian-native zip fetched, verified, converted for both backends, and the
`eval translation` command (BLEU / chrF++ with sacrebleu)."""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarizer.cli import main
from summarizer.errors import ModelUnavailableError
from summarizer.models import clear_model_cache, resolve_model
from summarizer.presets import _presets, get_preset

HAVE_CT2 = importlib.util.find_spec("ctranslate2") is not None
needs_ct2 = pytest.mark.skipif(
    not HAVE_CT2, reason="ctranslate2 is not installed (pip install 'summarizer[ct2]')"
)
pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def native_zip(tmp_path_factory) -> Path:
    from model_factory import build_tiny_marian_zip

    return build_tiny_marian_zip(tmp_path_factory.mktemp("native-zip"))


@pytest.fixture
def quality(native_zip, monkeypatch, tmp_path):
    """The real `quality` preset, pointed at the test zip with its true size and checksum recorded."""
    monkeypatch.setenv("SUMMARIZER_NATIVE_DIR", str(tmp_path / "native-models"))
    monkeypatch.setenv("SUMMARIZER_CT2_DIR", str(tmp_path / "ct2"))
    real = get_preset("quality", "translation")
    data = native_zip.read_bytes()
    preset = dataclasses.replace(
        real, url=native_zip.as_uri(), sha256=hashlib.sha256(data).hexdigest(), size=len(data)
    )
    table = _presets()["translation"]
    for key in (real.name, *real.aliases):
        monkeypatch.setitem(table, key, preset)
    clear_model_cache()
    yield preset
    clear_model_cache()


def _download(*args: str):
    return CliRunner().invoke(main, ["models", "download", *args])


def test_preset_is_listed_with_licence_scores_and_url() -> None:
    preset = get_preset("msa-eng-bt", "translation")
    assert preset is not None and preset.name == "quality" and preset.is_native
    assert preset.url.endswith("msa-eng/opus+bt-2021-04-30.zip") and "CC-BY 4.0" in preset.licence
    assert preset.scores["flores200-devtest BLEU"] == 38.6
    listing = CliRunner().invoke(main, ["models", "list"])
    assert listing.exit_code == 0, listing.output
    assert "quality" in listing.stdout and "flores200-devtest BLEU 38.6" in listing.stdout
    rows = json.loads(CliRunner().invoke(main, ["models", "list", "--json"]).stdout)
    row = next(r for r in rows if r["name"] == "quality")
    assert row["cached"] is False and row["scores"]["flores200-devtest chrF++"] == 62.5


def test_not_installed_is_a_one_line_error_with_the_command_to_run(quality) -> None:
    with pytest.raises(ModelUnavailableError) as info:
        resolve_model("quality", "translation")
    assert "not installed" in info.value.message and "models download quality" in info.value.hint
    result = CliRunner().invoke(main, ["run", "--translation-model", "quality", "-"], input="Halo.")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "models download quality" in result.stderr


def test_download_verifies_converts_and_installs_atomically(quality, tmp_path) -> None:
    result = _download("quality")
    assert result.exit_code == 0, result.output
    folder = Path(result.stdout.strip().splitlines()[-1])
    assert (folder / "config.json").is_file() and (folder / "model.safetensors").is_file()
    assert (folder / "marian-native" / "decoder.yml").is_file()
    manifest = json.loads((folder / "summarizer-source.json").read_text("utf-8"))
    assert manifest["verified_sha256"] is True and manifest["sha256"] == quality.sha256
    assert manifest["licence"] == "CC-BY-4.0"  # read from the model's own README
    assert "(verified)" in result.stderr
    assert not [p for p in folder.parent.iterdir() if p.name.startswith(".tmp-")]
    resolved = resolve_model("quality", "translation")
    assert resolved.location == str(folder) and resolved.preset is not None
    listing = json.loads(CliRunner().invoke(main, ["models", "list", "--json"]).stdout)
    assert next(r for r in listing if r["name"] == "quality")["cached"] is True


def test_transformers_translates_with_the_installed_preset(quality) -> None:
    assert _download("quality").exit_code == 0
    from summarizer import Pipeline

    pipe = Pipeline(summary_model="extractive", translation_model="quality", guard=False)
    out, _ = pipe.translator.translate_sentences(["Harga beras naik 3,5 persen.", "Banjir merendam rumah."])
    assert len(out) == 2 and all(isinstance(s, str) for s in out)
    assert pipe.model_ids["translation"] == quality.hub_id


@needs_ct2
def test_both_backends_agree_on_the_converted_model(quality) -> None:
    """Our npz -> transformers conversion and CTranslate2's own OPUS-MT converter must give one model."""
    from test_ct2 import _assert_same_as_hf

    from summarizer.models.ct2 import CTranslate2Model
    from summarizer.models.hf import TransformersModel

    assert _download("quality").exit_code == 0
    resolved = resolve_model("quality", "translation")
    ct = CTranslate2Model(resolved, compute_type="float32")
    assert (ct.path / "model.bin").is_file()
    assert json.loads((ct.path / "config.json").read_text("utf-8"))["add_source_eos"] is False
    _assert_same_as_hf(TransformersModel(resolved), ct)


def test_checksum_mismatch_is_refused_and_nothing_is_installed(quality, monkeypatch) -> None:
    bad = dataclasses.replace(quality, sha256="0" * 64)
    monkeypatch.setitem(_presets()["translation"], "quality", bad)
    result = _download("quality")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "checksum mismatch" in result.stderr
    with pytest.raises(ModelUnavailableError):
        resolve_model("quality", "translation")


def test_truncated_and_corrupt_zips_give_one_line_errors(quality, native_zip, tmp_path) -> None:
    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(native_zip.read_bytes()[: native_zip.stat().st_size // 2])
    result = _download("quality", "--from", str(truncated))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "truncated" in result.stderr  # the size recorded in the preset catches it first

    unchecked = dataclasses.replace(quality, sha256=None, size=None)
    table = _presets()["translation"]
    table["quality"] = unchecked  # restored by the fixture's monkeypatch
    result = _download("quality", "--from", str(truncated))
    assert result.exit_code == 1 and "not a valid zip" in result.stderr and "Traceback" not in result.output

    corrupt = tmp_path / "corrupt.zip"
    data = bytearray(native_zip.read_bytes())
    with zipfile.ZipFile(native_zip) as zf:
        info = next(i for i in zf.infolist() if i.filename.endswith(".npz"))
    middle = info.header_offset + 30 + len(info.filename) + info.compress_size // 2
    data[middle : middle + 64] = bytes(64)
    corrupt.write_bytes(bytes(data))
    result = _download("quality", "--from", str(corrupt))
    assert result.exit_code == 1 and "corrupt" in result.stderr and "Traceback" not in result.output


def test_zip_missing_a_model_file_names_it(quality, native_zip, tmp_path) -> None:
    table = _presets()["translation"]
    table["quality"] = dataclasses.replace(quality, sha256=None, size=None)
    partial = tmp_path / "partial.zip"
    with zipfile.ZipFile(native_zip) as src, zipfile.ZipFile(partial, "w") as dst:
        for info in src.infolist():
            if info.filename != "target.spm":
                dst.writestr(info, src.read(info))
    result = _download("quality", "--from", str(partial))
    assert result.exit_code == 1 and "lacks target.spm" in result.stderr
    missing = _download("quality", "--from", str(tmp_path / "nope.zip"))
    assert missing.exit_code == 1 and "no such file" in missing.stderr


def test_unsafe_member_names_are_refused(quality, native_zip, tmp_path) -> None:
    _presets()["translation"]["quality"] = dataclasses.replace(quality, sha256=None, size=None)
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(native_zip) as src, zipfile.ZipFile(evil, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("../../escape.txt", "x")
    result = _download("quality", "--from", str(evil))
    assert result.exit_code == 1 and "unsafe file name" in result.stderr
    assert not (tmp_path.parent / "escape.txt").exists()


def test_from_needs_exactly_one_native_preset() -> None:
    result = _download("default", "--from", "x.zip")
    assert result.exit_code == 2 and "--from needs exactly one" in result.output


def test_vocab_yaml_reader_handles_quoted_and_escaped_tokens(tmp_path) -> None:
    from summarizer.models.marian_native import read_vocab_yaml

    path = tmp_path / "v.yml"
    path.write_text('</s>: 0\n<unk>: 1\n"null": 2\n"\\"": 3\n"a:b": 4\n\'it\'\'s\': 5\n"\\x0a": 6\n', "utf-8")
    assert read_vocab_yaml(path) == ["</s>", "<unk>", "null", '"', "a:b", "it's", "\n"]
    path.write_text("</s>: 0\n<unk>: 2\n", "utf-8")
    with pytest.raises(ModelUnavailableError, match=r"not 0\.\.1"):
        read_vocab_yaml(path)


# -- eval translation ----------------------------------------------------------------------------


def test_score_translation_matches_sacrebleu_known_values() -> None:
    from summarizer.eval import score_translation

    refs = ["The cat sat on the mat.", "Prices rose by 3.5 percent."]
    perfect = score_translation(refs, refs)
    assert perfect.bleu == pytest.approx(100.0) and perfect.chrf == pytest.approx(100.0)
    report = score_translation(["The cat sat on a mat.", "Prices went up 3.5 percent."], refs)
    # By hand (13a tokens, brevity penalty 1): n-gram precisions 10/13, 6/11, 3/9, 1/7 ->
    # geometric mean 0.3760. chrF++ (word order 2) as sacrebleu 2.6 computes it.
    assert report.bleu == pytest.approx(37.60, abs=0.01)
    assert report.chrf == pytest.approx(62.53, abs=0.01)
    assert "nrefs:1" in report.bleu_signature and "nw:2" in report.chrf_signature


def test_eval_translation_cli_on_a_parallel_file(tiny_marian, tmp_path) -> None:
    src, ref = tmp_path / "src.txt", tmp_path / "ref.txt"
    src.write_text("Harga beras naik 3,5 persen.\n“Kami siap,” kata René.\nHarga Rp1.500.000.\n", "utf-8")
    ref.write_text(
        "Rice prices rose 3.5 percent.\n“We are ready,” said René.\nThe price is Rp1,500,000.\n", "utf-8"
    )
    out = tmp_path / "hyp.txt"
    result = CliRunner().invoke(
        main,
        ["eval", "translation", str(src), str(ref), "--translation-model", str(tiny_marian), "--no-guard",
         "--json", "-o", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["sentences"] == 3 and 0 <= report["bleu"] <= 100 and "chrf++" in report
    assert report["bleu_signature"].startswith("nrefs:1")
    assert len(out.read_text("utf-8").splitlines()) == 3


def test_eval_translation_refuses_misaligned_files(tmp_path) -> None:
    src, ref = tmp_path / "src.txt", tmp_path / "ref.txt"
    src.write_text("a\nb\n", "utf-8")
    ref.write_text("a\n", "utf-8")
    result = CliRunner().invoke(main, ["eval", "translation", str(src), str(ref)])
    assert result.exit_code == 2 and "2 lines but" in result.stderr and "Traceback" not in result.output
