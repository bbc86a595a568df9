"""Facts and behaviour both backends share: one place, so transformers and CTranslate2 cannot drift."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ..errors import BackendUnavailableError
from ..text.chunking import split_by_words
from .base import GenerationSettings

__all__ = [
    "CT2_INSTALL_HINT",
    "GEN_FIELDS",
    "HUB_FILES",
    "Seq2SeqBackend",
    "cache_dir",
    "ct2_missing",
    "generation_defaults",
    "max_input_tokens",
    "no_loading_bar",
    "quiet_length_warning",
    "summary_prefix",
]

CT2_INSTALL_HINT = "pip install 'summarizer[ct2]' (or: pip install ctranslate2)"
#: The model's own decoding choices a preset may override (the rest are sized per call).
GEN_FIELDS = ("num_beams", "no_repeat_ngram_size", "repetition_penalty", "length_penalty")
#: What a seq2seq checkpoint needs (conversion and our tokenizers too); skips TF/Flax/ONNX weights.
HUB_FILES = ["*.json", "*.model", "*.spm", "*.txt", "*.safetensors", "pytorch_model*.bin"]
# Tokenizers without a real limit report ~1e30; T5-style relative positions still degrade past this.
_FALLBACK_MAX_INPUT = 512


def ct2_missing(message: str = "the CTranslate2 backend is not available") -> BackendUnavailableError:
    """The error for a missing ``ctranslate2``, with the command that installs it."""
    return BackendUnavailableError(message, hint=CT2_INSTALL_HINT)


def max_input_tokens(tokenizer: Any, config: Any) -> int:
    """The real input limit from the tokenizer and config (the smaller one that is sane)."""
    limits = []
    tok_max = getattr(tokenizer, "model_max_length", None)
    if isinstance(tok_max, int) and 0 < tok_max < 100_000:
        limits.append(tok_max)
    for name in ("max_position_embeddings", "n_positions"):
        value = getattr(config, name, None)
        if isinstance(value, int) and 0 < value < 100_000:
            limits.append(value)
    return min(limits) if limits else _FALLBACK_MAX_INPUT


def generation_defaults(value: Callable[[str], Any]) -> GenerationSettings:
    """The model's generation config, as settings: only the fields it sets to something not "off"."""
    found = {name: value(name) for name in GEN_FIELDS}
    return GenerationSettings(**{k: v for k, v in found.items() if v not in (None, 0, 1.0)})


def summary_prefix(task_params: Any) -> str:
    """Prefix a generic T5 expects for summaries ("summarize: "); presets use their own prompt file."""
    summarization = (task_params or {}).get("summarization") or {}
    return str(summarization.get("prefix") or "")


def cache_dir(env_var: str, name: str) -> Path:
    """``$env_var`` if set, else ``name`` under the HF home; read at call time (tests and users change it)."""
    if os.environ.get(env_var):
        return Path(os.environ[env_var]).expanduser()
    hf_home = os.environ.get("HF_HOME") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "huggingface"
    )
    return Path(hf_home).expanduser() / name


@contextlib.contextmanager
def no_loading_bar() -> Iterator[None]:
    """transformers draws a "Loading weights" bar on stderr that breaks our own progress output."""
    from transformers.utils import logging as hf_logging

    enabled = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        if enabled:
            hf_logging.enable_progress_bar()


def quiet_length_warning(tokenizer: object) -> None:
    """Mute "Token indices sequence length is longer than the specified maximum" on this tokenizer only.

    We count tokens of whole articles on purpose (to plan chunks) and never feed an over-long input to
    the model, so the warning would only print over the progress bar. transformers marks it as shown per
    instance; marking it up front touches no global logging.
    """
    flags = getattr(tokenizer, "deprecation_warnings", None)
    if isinstance(flags, dict):
        flags["sequence-length-is-longer-than-the-specified-maximum"] = True


class Seq2SeqBackend:
    """What every backend does alike on top of its own ``count_tokens`` and ``_generate``."""

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        raise NotImplementedError

    def _generate(
        self, texts: Sequence[str], settings: GenerationSettings, *, scored: bool
    ) -> list[tuple[str, float | None]]:
        """One model call for a non-empty batch; scores only when ``scored``."""
        raise NotImplementedError

    def split_tokens(self, text: str, max_tokens: int) -> list[str]:
        # Whole words on every backend: decoding a window of pieces drops the pieces the vocabulary
        # lacks (<unk>) and can cut a word in two.
        return split_by_words(text, max_tokens, self.count_tokens)

    def generate(self, texts: Sequence[str], settings: GenerationSettings) -> list[str]:
        return [text for text, _ in self._nonempty(texts, settings, scored=False)]

    def generate_scored(
        self, texts: Sequence[str], settings: GenerationSettings
    ) -> list[tuple[str, float | None]]:
        """Like :meth:`generate`, plus each output's mean log-probability per generated token."""
        return self._nonempty(texts, settings, scored=True)

    def _nonempty(
        self, texts: Sequence[str], settings: GenerationSettings, *, scored: bool
    ) -> list[tuple[str, float | None]]:
        # An empty batch is no model call, on any backend.
        return self._generate(texts, settings, scored=scored) if texts else []
