import pytest

from summarizer.errors import ModelUnavailableError, UnknownPresetError
from summarizer.models import load_model, resolve_model
from summarizer.presets import get_preset, list_presets


def test_presets_resolve_to_hub_ids():
    assert resolve_model("default", "summary").location == "LazarusNLP/IndoNanoT5-base-IndoSum"
    assert resolve_model("fast", "summary").location == "panggi/t5-small-indonesian-summarization-cased"
    assert resolve_model("default", "translation").location == "Helsinki-NLP/opus-mt-id-en"
    assert resolve_model("opus-mt-id-en", "translation").source == "preset"  # alias


def test_no_liputan6_default_and_licences_listed():
    for preset in list_presets():
        assert not preset.hub_id.startswith("cahya/")
        assert preset.licence


def test_hub_id_and_unknown_names():
    resolved = resolve_model("someone/some-model", "summary")
    assert (resolved.source, resolved.location) == ("hub", "someone/some-model")
    with pytest.raises(UnknownPresetError) as err:
        resolve_model("no-such-preset", "summary")
    assert "default" in str(err.value.hint)
    with pytest.raises(UnknownPresetError):
        resolve_model("  ", "translation")


def test_local_paths(tmp_path):
    with pytest.raises(ModelUnavailableError, match="does not exist"):
        resolve_model(str(tmp_path / "missing"), "translation")
    with pytest.raises(ModelUnavailableError, match="not a model folder"):
        resolve_model(str(tmp_path), "translation")
    (tmp_path / "config.json").write_text("{}")
    resolved = resolve_model(str(tmp_path), "translation")
    assert resolved.is_local and resolved.model_id == str(tmp_path.resolve())


def test_models_dir_env_finds_local_copy(tmp_path, monkeypatch):
    copy = tmp_path / "Helsinki-NLP--opus-mt-id-en"
    copy.mkdir()
    (copy / "config.json").write_text("{}")
    monkeypatch.setenv("SUMMARIZER_MODELS_DIR", str(tmp_path))
    resolved = resolve_model("default", "translation")
    assert resolved.location == str(copy.resolve())
    assert resolved.preset is get_preset("default", "translation")


def test_offline_hub_model_raises_with_fix(tmp_path):
    with pytest.raises(ModelUnavailableError) as err:
        load_model(resolve_model("default", "translation"), device="cpu")
    assert "summarizer models download" in err.value.hint


def test_loader_caches_per_process(tiny_marian):
    resolved = resolve_model(str(tiny_marian), "translation")
    first = load_model(resolved, device="cpu")
    assert load_model(resolved, device="cpu") is first
    assert first.max_input_tokens == 64


def test_broken_model_folder(tmp_path):
    (tmp_path / "config.json").write_text('{"model_type": "marian"}')
    with pytest.raises(ModelUnavailableError, match="cannot load"):
        load_model(resolve_model(str(tmp_path), "translation"), device="cpu")


def test_bare_preset_name_wins_over_a_folder_of_that_name(tmp_path, monkeypatch):
    (tmp_path / "default").mkdir()
    monkeypatch.chdir(tmp_path)
    assert resolve_model("default", "summary").source == "preset"
    with pytest.raises(ModelUnavailableError, match="not a model folder"):
        resolve_model("./default", "summary")  # an explicit path is a path


def test_relative_folder_with_a_slash_is_local(tmp_path, monkeypatch):
    model = tmp_path / "models" / "mine"
    model.mkdir(parents=True)
    (model / "config.json").write_text("{}")
    monkeypatch.chdir(tmp_path)
    resolved = resolve_model("models/mine", "translation")
    assert resolved.is_local and resolved.location == str(model.resolve())
    with pytest.raises(ModelUnavailableError, match="not a model folder"):
        resolve_model("./models", "translation")


def test_preset_hub_id_keeps_preset_settings():
    resolved = resolve_model("LazarusNLP/IndoNanoT5-base-IndoSum", "summary")
    assert resolved.preset is get_preset("default", "summary")


def test_unavailable_device_is_a_typed_error():
    from summarizer.errors import DeviceError
    from summarizer.models import resolve_device

    with pytest.raises(DeviceError):
        resolve_device("tpu")
    import torch

    if not torch.cuda.is_available():
        with pytest.raises(DeviceError) as err:
            resolve_device("cuda:0")
        assert "--device cpu" in err.value.hint
    assert resolve_device("cpu") == "cpu"


def test_tokenizer_counts_are_stable_across_threads(tiny_t5):
    import threading

    model = load_model(resolve_model(str(tiny_t5), "summary"), device="cpu")
    short, long = "Harga naik.", "Pemerintah menyiapkan anggaran Rp1.500.000 untuk warga kota pada tahun ini."
    expected = model.count_tokens([short, long])
    stop = threading.Event()
    errors: list[BaseException] = []

    def pad_forever():
        # generate() tokenises with padding=True on the same tokenizer object.
        while not stop.is_set():
            try:
                model.generate([short, long], model.generation_defaults.updated(max_new_tokens=1))
            except Exception as exc:  # any failure here is the bug under test
                errors.append(exc)

    worker = threading.Thread(target=pad_forever)
    worker.start()
    try:
        counts = [model.count_tokens([short, long]) for _ in range(400)]
    finally:
        stop.set()
        worker.join()
    assert not errors
    assert all(c == expected for c in counts)


def test_config_max_length_does_not_fight_max_new_tokens(tiny_marian, tmp_path):
    import json
    import shutil

    folder = tmp_path / "m"
    shutil.copytree(tiny_marian, folder)
    config = json.loads((folder / "generation_config.json").read_text())
    config["max_length"] = 64  # as opus-mt ships (512): transformers would warn on every call
    (folder / "generation_config.json").write_text(json.dumps(config))
    model = load_model(resolve_model(str(folder), "translation"), device="cpu")
    assert model.model.generation_config.max_length is None
    settings = model.generation_defaults.updated(max_new_tokens=3)
    assert len(model.generate(["Harga naik."], settings)) == 1
    assert model.generate(["Harga naik."], model.generation_defaults)  # falls back to the config's 64
