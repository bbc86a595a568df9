"""Transformers backend: ``AutoModelForSeq2SeqLM`` + ``generate()`` (transformers 5 has no pipelines)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from typing import Any

from ..errors import DeviceError, GenerationError, ModelUnavailableError
from .base import GenerationSettings
from .common import (
    Seq2SeqBackend,
    generation_defaults,
    max_input_tokens,
    no_loading_bar,
    quiet_length_warning,
    summary_prefix,
)
from .resolve import (
    ResolvedModel,
    broken_weights_error,
    hub_reachable,
    hub_unavailable,
    is_cached,
    is_offline,
    weight_file_errors,
)

__all__ = ["TransformersModel", "max_input_tokens"]

logger = logging.getLogger(__name__)

# transformers reports broken or incomplete model folders through all of these.
_LOAD_ERRORS = (OSError, ValueError, KeyError, TypeError, AttributeError, RuntimeError, ImportError)


class TransformersModel(Seq2SeqBackend):
    """A seq2seq model run with PyTorch through transformers."""

    backend = "transformers"

    def __init__(self, resolved: ResolvedModel, device: str = "cpu") -> None:
        try:
            import torch
            from transformers import AutoModelForSeq2SeqLM, AutoTokenizer
        except ImportError as exc:  # pragma: no cover - core dependencies
            raise ModelUnavailableError(
                f"transformers/torch are not installed: {exc}",
                hint="pip install torch --index-url https://download.pytorch.org/whl/cpu "
                "(CPU build; see the README), then pip install transformers",
            ) from exc
        self._torch = torch
        self.model_id = resolved.model_id
        self.device = device
        location = resolved.location
        # huggingface_hub reads HF_HUB_OFFLINE once at import; read it per call so it can change at run time,
        # and fail at once instead of retrying the network for half a minute.
        local_only = resolved.is_local or is_offline()
        if not local_only and not hub_reachable():
            if not is_cached(resolved.location):
                raise hub_unavailable(resolved.model_id)
            local_only = True  # cached copy, no network: use it without asking the hub for updates
        try:
            with no_loading_bar():
                self.tokenizer = AutoTokenizer.from_pretrained(location, local_files_only=local_only)
                self.model = AutoModelForSeq2SeqLM.from_pretrained(location, local_files_only=local_only)
        except weight_file_errors() as exc:
            raise broken_weights_error(resolved.location, exc) from exc
        except _LOAD_ERRORS as exc:
            raise _unavailable(resolved, exc) from exc
        quiet_length_warning(self.tokenizer)
        if not getattr(self.model.config, "is_encoder_decoder", False):
            raise ModelUnavailableError(
                f"{resolved.spec!r} is not an encoder-decoder (seq2seq) model",
                hint="use a T5/Marian/BART-style model",
            )
        try:
            self.model.to(device)
        except (RuntimeError, AssertionError) as exc:  # torch says "not compiled with CUDA" by assertion
            hint = "use --device cpu or auto"
            raise DeviceError(f"cannot use device {device!r}: {exc}", hint=hint) from exc
        self.model.eval()
        # Fast tokenizers keep truncation/padding state on one shared object: a web server calling
        # from two threads would otherwise get padded counts or errors.
        self._tok_lock = threading.Lock()
        self.max_input_tokens = max_input_tokens(self.tokenizer, self.model.config)
        self.summary_prefix = summary_prefix(getattr(self.model.config, "task_specific_params", None))
        gen = self.model.generation_config
        # We always size outputs with max_new_tokens; a max_length left in the model's config (opus-mt
        # ships 512) makes transformers warn on every call. Keep it only as the fallback.
        self._max_length = gen.max_length
        gen.max_length = None
        self.generation_defaults = generation_defaults(lambda name: getattr(gen, name, None))
        logger.info("loaded %s on %s (max %d input tokens)", self.model_id, device, self.max_input_tokens)

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        if not texts:
            return []
        with self._tok_lock:
            ids = self.tokenizer(list(texts), add_special_tokens=True, truncation=False)["input_ids"]
        return [len(x) for x in ids]

    def _generate(
        self, texts: Sequence[str], settings: GenerationSettings, *, scored: bool
    ) -> list[tuple[str, float | None]]:
        torch = self._torch
        with self._tok_lock:
            try:
                enc = self.tokenizer(list(texts), return_tensors="pt", padding=True, truncation=False)
            except ValueError as exc:
                raise GenerationError(f"{self.model_id} could not tokenise a batch: {exc}") from exc
        length = enc["input_ids"].shape[1]
        if length > self.max_input_tokens:
            raise GenerationError(
                f"internal error: a batch of {length} tokens exceeds the model limit {self.max_input_tokens}"
            )
        enc = {k: v.to(self.device) for k, v in enc.items()}
        kwargs = settings.to_kwargs()
        if "max_new_tokens" not in kwargs:
            kwargs["max_length"] = self._max_length or self.max_input_tokens
        if scored:
            kwargs.update(output_scores=True, return_dict_in_generate=True)
        try:
            with torch.inference_mode():
                out = self.model.generate(**enc, **kwargs)
                sequences = out.sequences if scored else out
                penalty = kwargs.get("length_penalty", self.model.generation_config.length_penalty)
                scores = self._sequence_scores(out, penalty) if scored else [None] * len(texts)
        except (RuntimeError, ValueError, IndexError) as exc:
            raise GenerationError(f"{self.model_id} failed while generating: {exc}") from exc
        with self._tok_lock:
            decoded = self.tokenizer.batch_decode(sequences, skip_special_tokens=True)
        return [(t.strip(), score) for t, score in zip(decoded, scores)]

    def _sequence_scores(self, out: Any, length_penalty: float | None = None) -> list[float | None]:
        """Mean log-probability of each chosen output token (end token included, padding not).

        Same quantity as the CTranslate2 backend reports, whatever ``length_penalty`` the search used.
        """
        torch = self._torch
        beams = getattr(out, "beam_indices", None)
        final = getattr(out, "sequences_scores", None)
        if beams is not None and final is not None:
            # Beam search already scored each output as sum / length ** length_penalty: undo the
            # penalty instead of stacking every step's full-vocabulary scores (~8% of the run on CPU).
            length = (beams >= 0).sum(dim=1).clamp(min=1).to(final.dtype)
            mean = final * length ** float(length_penalty or 1.0) / length
            return [float(v) if torch.isfinite(v) else None for v in mean]
        # Greedy search stores processed logits, beam search log-softmaxed scores: normalise the former.
        steps = self.model.compute_transition_scores(
            out.sequences, out.scores, beams, normalize_logits=beams is None
        )
        generated = out.sequences[:, -steps.shape[1] :]
        eos = self.model.generation_config.eos_token_id
        eos_ids = torch.tensor(eos if isinstance(eos, list) else [eos], device=generated.device)
        is_eos = torch.isin(generated, eos_ids)
        # Keep every step up to and including the first end token; later steps are padding.
        before_eos = (is_eos.cumsum(dim=1) - is_eos.long()) == 0
        if beams is not None:
            before_eos &= beams[:, : steps.shape[1]] >= 0
        count = before_eos.sum(dim=1)
        total = torch.where(before_eos, steps, torch.zeros_like(steps)).sum(dim=1)
        return [float(t / c) if c > 0 and torch.isfinite(t) else None for t, c in zip(total, count)]


def _unavailable(resolved: ResolvedModel, exc: Exception) -> ModelUnavailableError:
    if resolved.is_local:
        return ModelUnavailableError(
            f"cannot load the model in {resolved.location}: {_first_line(exc)}",
            hint="the folder must hold a complete save_pretrained() output (config, tokenizer, weights)",
        )
    return hub_unavailable(resolved.model_id, exc)


def _first_line(exc: BaseException) -> str:
    # torch and transformers add paragraphs of advice; the CLI and web page show one line.
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
