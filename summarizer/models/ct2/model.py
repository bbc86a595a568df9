"""The CTranslate2 model: a converted HF model run with int8 kernels; torch-free at run time."""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from types import SimpleNamespace
from typing import Any

from ...errors import BackendUnavailableError, GenerationError, ModelUnavailableError
from ..base import GenerationSettings
from ..common import Seq2SeqBackend, generation_defaults, max_input_tokens, summary_prefix
from ..resolve import ResolvedModel
from .convert import ensure_converted, read_json, source_dir
from .runtime import load_ct2, resolve_compute_type, split_device, thread_layout
from .tokens import load_tokens

__all__ = ["CTranslate2Model"]

logger = logging.getLogger(__name__)


class CTranslate2Model(Seq2SeqBackend):
    """A seq2seq model run by CTranslate2 (same contract as ``TransformersModel``)."""

    backend = "ctranslate2"

    def __init__(self, resolved: ResolvedModel, device: str = "cpu", compute_type: str = "default") -> None:
        ct2 = load_ct2()
        self.model_id = resolved.model_id
        self.device = device
        self.compute_type = resolve_compute_type(compute_type, device)
        source, key = source_dir(resolved)
        config = read_json(source / "config.json")
        if not config.get("is_encoder_decoder", False):
            raise ModelUnavailableError(
                f"{resolved.spec!r} is not an encoder-decoder (seq2seq) model",
                hint="use a T5/Marian/BART-style model",
            )
        tok_cfg = read_json(source / "tokenizer_config.json")
        model_type = str(config.get("model_type", ""))
        try:
            self._tok = load_tokens(source, model_type, tok_cfg)
        except (OSError, ValueError, KeyError, RuntimeError) as exc:
            raise ModelUnavailableError(f"cannot load the tokenizer of {self.model_id}: {exc}") from exc
        limit = tok_cfg.get("model_max_length", 512 if model_type == "marian" else None)
        self.max_input_tokens = max_input_tokens(
            SimpleNamespace(model_max_length=limit), SimpleNamespace(**config)
        )
        self.summary_prefix = summary_prefix(config.get("task_specific_params"))
        # transformers reads generation_config.json, else the model config: mirror that for the defaults.
        self._gen = read_json(source / "generation_config.json") or config
        self.generation_defaults = generation_defaults(self._gen.get)
        # HF forces </s> as the last allowed token; stopping one step earlier gives the same text.
        self._forced_eos = self._gen.get("forced_eos_token_id") is not None
        eos = tok_cfg.get("eos_token") or "</s>"
        self._eos = str(eos.get("content", "</s>") if isinstance(eos, dict) else eos)
        self.path = ensure_converted(source, key, self.compute_type)
        base, index = split_device(device)
        self.inter_threads, self.intra_threads = thread_layout() if base == "cpu" else (1, 0)
        try:
            self.translator = ct2.Translator(
                str(self.path), device=base, device_index=index, compute_type=self.compute_type,
                inter_threads=self.inter_threads, intra_threads=self.intra_threads,
            )  # fmt: skip
        except (RuntimeError, ValueError) as exc:
            raise BackendUnavailableError(f"CTranslate2 cannot load {self.path}: {exc}") from exc
        logger.info(
            "loaded %s with CTranslate2 (%s, %s, threads %dx%d, max %d input tokens)", self.model_id, device,
            self.compute_type, self.inter_threads, self.intra_threads, self.max_input_tokens,
        )  # fmt: skip

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return [len(t) for t in self._tok.encode(texts)] if texts else []

    def _generate(
        self, texts: Sequence[str], settings: GenerationSettings, *, scored: bool
    ) -> list[tuple[str, float | None]]:
        tokens = self._tok.encode(texts)
        longest = max(len(t) for t in tokens)
        if longest > self.max_input_tokens:
            raise GenerationError(
                f"internal error: an input of {longest} tokens exceeds the limit {self.max_input_tokens}"
            )
        options = self.decoding_options(settings)
        # Split the call so every inter thread gets a share: one call, parallel sub-batches.
        per_thread = math.ceil(len(tokens) / self.inter_threads)
        try:
            results = self.translator.translate_batch(
                tokens, max_batch_size=per_thread, batch_type="examples",
                max_input_length=0,  # never truncate (CT2's default cuts at 1024 tokens)
                **options, **({"return_scores": True, "return_end_token": True} if scored else {}),
            )  # fmt: skip
        except (RuntimeError, ValueError) as exc:
            raise GenerationError(f"{self.model_id} failed while generating: {exc}") from exc
        out: list[tuple[str, float | None]] = []
        for r in results:
            if not r.hypotheses:
                out.append(("", None))
                continue
            hyp = list(r.hypotheses[0])
            score = None
            if scored:
                ended = bool(hyp) and hyp[-1] == self._eos
                # transformers forces </s> (log-prob 0) where we stopped a step early: count it too.
                forced = not ended and self._forced_eos and len(hyp) >= options["max_decoding_length"]
                score = _mean_log_prob(r.scores[0], len(hyp), options["length_penalty"], extra=int(forced))
                if ended:
                    hyp.pop()
            out.append((self._tok.decode(hyp), score))
        return out

    def decoding_options(self, settings: GenerationSettings) -> dict[str, Any]:
        """``settings`` (falling back to the model's generation config) as CTranslate2 options."""
        gen = self._gen

        def pick(name: str, default: Any) -> Any:
            value = getattr(settings, name)
            return value if value is not None else gen.get(name) if gen.get(name) is not None else default

        # transformers: max_length counts the decoder start token; its model-agnostic default is 20 new.
        max_new = (
            settings.max_new_tokens or gen.get("max_new_tokens") or max(1, (gen.get("max_length") or 21) - 1)
        )
        if self._forced_eos:
            max_new = max(1, max_new - 1)
        min_new = min(pick("min_new_tokens", 0), max_new)
        return {
            "beam_size": int(pick("num_beams", 1)),
            "max_decoding_length": int(max_new),
            "min_decoding_length": int(min_new),
            "no_repeat_ngram_size": int(pick("no_repeat_ngram_size", 0)),
            "repetition_penalty": float(pick("repetition_penalty", 1.0)),
            "length_penalty": float(pick("length_penalty", 1.0)),
        }


def _mean_log_prob(score: float, length: int, length_penalty: float, extra: int = 0) -> float | None:
    """CTranslate2 reports ``sum(log p) / length ** length_penalty``; undo the penalty, divide by length.

    ``length`` counts the end token, as transformers does, so both backends report the same number;
    ``extra`` adds steps of log-probability 0 (a forced end token).
    """
    if length <= 0 or not math.isfinite(score):
        return None
    return score * length**length_penalty / (length + extra)
