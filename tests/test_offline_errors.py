"""A model that cannot be had gets the same one-line message on every path, and no raw hub text."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from summarizer.cli import main
from summarizer.errors import ModelUnavailableError
from summarizer.models import clear_model_cache, load_model, resolve_model
from summarizer.models.resolve import hub_unavailable

HUB_ID = "Helsinki-NLP/opus-mt-id-en"


def _load(backend: str) -> ModelUnavailableError:
    clear_model_cache()
    with pytest.raises(ModelUnavailableError) as err:
        load_model(resolve_model("default", "translation"), device="cpu", backend=backend)
    return err.value


def _cli(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    return result.stderr


@pytest.fixture
def unreachable(monkeypatch):
    """Online mode, but the hub cannot be reached (as on a machine without internet)."""
    monkeypatch.delenv("HF_HUB_OFFLINE")
    for module in ("resolve", "hf", "ct2.convert"):
        monkeypatch.setattr(f"summarizer.models.{module}.hub_reachable", lambda *a, **k: False)


def test_offline_mode_gives_one_message_on_every_load_path():
    pytest.importorskip("ctranslate2")
    hf, ct2 = _load("transformers"), _load("ctranslate2")
    expected = f"model {HUB_ID!r} is not in the local cache and HF_HUB_OFFLINE is set (no downloads)"
    assert hf.message == ct2.message == expected
    assert hf.hint == ct2.hint and "summarizer models download" in hf.hint
    convert = _cli("models", "convert", "default")
    assert expected in convert and "An error happened" not in convert


def test_unreachable_hub_never_mentions_hf_hub_offline(unreachable):
    pytest.importorskip("ctranslate2")
    hf, ct2 = _load("transformers"), _load("ctranslate2")
    assert (
        hf.message
        == ct2.message
        == (f"model {HUB_ID!r} is not in the local cache and the Hugging Face hub is not reachable")
    )
    download = _cli("models", "download", "opus-mt-id-en")
    assert f"cannot download {HUB_ID!r} and the Hugging Face hub is not reachable" in download
    assert "HF_HUB_OFFLINE" not in download and "ConnectError" not in download


def test_download_in_offline_mode_says_to_unset_it():
    err = _cli("models", "download", "opus-mt-id-en")
    assert "HF_HUB_OFFLINE is set" in err and "unset it" in err


class RepositoryNotFoundError(Exception):
    """Stands in for huggingface_hub's class: errors are recognised by name, wherever they are wrapped."""


class ConnectError(Exception):
    pass


def test_hub_failures_are_sorted_without_their_raw_text(monkeypatch):
    monkeypatch.delenv("HF_HUB_OFFLINE")
    monkeypatch.setattr("summarizer.models.resolve.hub_reachable", lambda *a, **k: True)
    try:
        raise OSError("An error happened while trying to locate the file") from RepositoryNotFoundError("404")
    except OSError as exc:
        missing = hub_unavailable("someone/nope", exc)
    assert "was not found on the Hugging Face hub" in missing.message
    network = hub_unavailable(HUB_ID, OSError("An error happened"), downloading=True)
    assert "An error happened" not in network.message + (network.hint or "")
    try:
        raise OSError("An error happened") from ConnectError("[Errno 101] Network is unreachable")
    except OSError as exc:
        wrapped = hub_unavailable(HUB_ID, exc)
    assert wrapped.message.endswith("the Hugging Face hub is not reachable")
