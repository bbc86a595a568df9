"""CTranslate2 backend: the HF model converted once (cached), run with int8 kernels; no torch at run time.

Tokenisation reads the model's own files (sentencepiece for Marian, ``tokenizer.json`` otherwise) so a
serving process never imports torch (~250 MB); conversion needs torch + transformers, once.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import math
import os
import re
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from ..errors import BackendUnavailableError, ComputeTypeError, GenerationError, ModelUnavailableError
from ..text.chunking import split_by_words
from .base import GenerationSettings
from .marian_native import NATIVE_SUBDIR
from .resolve import (
    ResolvedModel,
    broken_weights_error,
    hub_reachable,
    hub_unavailable,
    is_offline,
    resolve_model,
    weight_file_errors,
)

__all__ = [
    "COMPUTE_TYPES",
    "CTranslate2Model",
    "cache_root",
    "convert_model",
    "resolve_compute_type",
    "thread_layout",
]

logger = logging.getLogger(__name__)

INSTALL_HINT = "pip install 'summarizer[ct2]' (or: pip install ctranslate2)"
#: Overrides where converted models are kept (default: ``$HF_HOME/summarizer-ct2``).
ENV_CT2_DIR = "SUMMARIZER_CT2_DIR"
COMPUTE_TYPES = (
    "default", "auto", "int8", "int8_float32", "int8_float16", "int8_bfloat16",
    "int16", "float16", "bfloat16", "float32",
)  # fmt: skip
_GEN_FIELDS = ("num_beams", "no_repeat_ngram_size", "repetition_penalty", "length_penalty")
_META = "summarizer-ct2.json"
# Files a conversion and our tokenizers need; weights in other formats (TF, Flax, ONNX) are skipped.
_HUB_FILES = ["*.json", "*.model", "*.spm", "*.txt", "*.safetensors", "pytorch_model*.bin"]
# Small files are hashed by content; weights by size + mtime (hashing GBs on every start is too slow).
_HASH_LIMIT = 1 << 20


def _ct2() -> Any:
    try:
        import ctranslate2
    except ImportError as exc:
        raise BackendUnavailableError("the CTranslate2 backend is not installed", hint=INSTALL_HINT) from exc
    return ctranslate2


# -- devices, compute types, threads -------------------------------------------------------------


def _split_device(device: str) -> tuple[str, int]:
    base, _, index = (device or "cpu").partition(":")
    if base not in ("cpu", "cuda"):
        raise BackendUnavailableError(
            f"CTranslate2 cannot run on {device!r}",
            hint="use --device cpu or cuda, or --backend transformers",
        )
    return base, int(index or 0)


def resolve_compute_type(compute_type: str, device: str = "cpu") -> str:
    """'default'/'auto' -> int8 on CPU, int8_float16 on CUDA; validates against what the device supports."""
    compute_type = (compute_type or "default").strip().lower()
    if compute_type not in COMPUTE_TYPES:
        raise ComputeTypeError(
            f"unknown compute type {compute_type!r}", hint=f"use one of: {', '.join(COMPUTE_TYPES)}"
        )
    base, index = _split_device(device)
    if compute_type in ("default", "auto"):
        compute_type = "int8_float16" if base == "cuda" else "int8"
    supported = _ct2().get_supported_compute_types(base, index)
    if compute_type not in supported:
        raise ComputeTypeError(
            f"compute type {compute_type} is not supported on {device} here",
            hint=f"use one of: {', '.join(sorted(supported))}",
        )
    return compute_type


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def thread_layout(cores: int | None = None) -> tuple[int, int]:
    """(inter_threads, intra_threads) for a CPU: parallel batches beat wide matmuls on few cores."""
    cores = max(1, cores or _cores())
    # Measured on 2 vCPUs: 2 batches x 1 thread is ~2.5x faster than 1 x 2 (speed-notes.md).
    inter = min(2, cores) if cores < 8 else cores // 4
    return inter, max(1, cores // inter)


# -- the conversion cache ------------------------------------------------------------------------


def cache_root() -> Path:
    """Where converted models live, read at call time (tests and users change HF_HOME)."""
    if os.environ.get(ENV_CT2_DIR):
        return Path(os.environ[ENV_CT2_DIR]).expanduser()
    hf_home = os.environ.get("HF_HOME") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "huggingface"
    )
    return Path(hf_home).expanduser() / "summarizer-ct2"


def _source_dir(resolved: ResolvedModel) -> tuple[Path, str]:
    """A local folder with the HF files, and a cache key part naming this exact version of them."""
    if resolved.is_local:
        path = Path(resolved.location)
        where = hashlib.sha1(str(path).encode()).hexdigest()[:8]
        return path, f"{_safe(path.name)}-{where}--{_fingerprint(path)}"
    from huggingface_hub import snapshot_download

    repo = resolved.location
    try:
        folder = Path(snapshot_download(repo_id=repo, allow_patterns=_HUB_FILES, local_files_only=True))
    except Exception as cached_exc:  # hub errors have many types; all mean "not cached"
        if is_offline() or not hub_reachable():  # fail in seconds, as the transformers backend does
            raise hub_unavailable(repo) from cached_exc
        try:
            folder = Path(snapshot_download(repo_id=repo, allow_patterns=_HUB_FILES))
        except Exception as exc:  # same: any hub failure
            raise hub_unavailable(repo, exc) from exc
    # Snapshot folders are named by commit: the revision, for free.
    return folder, f"{_safe(repo.replace('/', '--'))}--{folder.name[:12]}"


def _safe(name: str) -> str:
    return re.sub(r"[^\w.-]+", "_", name)[:80]


def _fingerprint(folder: Path) -> str:
    digest = hashlib.sha1()
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        stat = path.stat()
        digest.update(path.name.encode())
        if stat.st_size <= _HASH_LIMIT:
            digest.update(path.read_bytes())
        else:
            digest.update(f"{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:12]


def convert_model(
    spec: str,
    kind: str,
    compute_type: str = "default",
    device: str = "cpu",
    output: str | os.PathLike[str] | None = None,
) -> Path:
    """Convert (once) the model ``spec`` names for CTranslate2; returns the converted folder.

    ``output`` is the folder of converted models to write into (default :func:`cache_root`); the
    backend finds them there when ``SUMMARIZER_CT2_DIR`` points at it.
    """
    resolved = resolve_model(spec, kind)
    source, key = _source_dir(resolved)
    root = Path(output).expanduser() if output is not None else None
    return _ensure_converted(source, key, resolve_compute_type(compute_type, device), root)


def _ensure_converted(source: Path, key: str, compute_type: str, root: Path | None = None) -> Path:
    root = root or cache_root()
    final = root / f"{key}--{compute_type}"
    if (final / "model.bin").is_file():
        return final
    root.mkdir(parents=True, exist_ok=True)
    with _file_lock(root / f".{final.name}.lock"):
        if (final / "model.bin").is_file():  # another process finished while we waited
            return final
        shutil.rmtree(final, ignore_errors=True)  # a leftover without model.bin is not a model
        tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{final.name}-", dir=root))
        try:
            logger.warning("converting %s for CTranslate2 (%s), once ...", source, compute_type)
            _convert_into(source, tmp, compute_type)
            meta = {"source": str(source), "compute_type": compute_type, "ctranslate2": _ct2().__version__}
            (tmp / _META).write_text(json.dumps(meta, indent=2), "utf-8")
            # rename is atomic: readers see no folder or a complete one, never half a conversion.
            os.replace(tmp, final)
        except OSError as exc:
            if (final / "model.bin").is_file():  # lost a race without locks: theirs is as good
                return final
            raise BackendUnavailableError(
                f"cannot write the converted model to {root}: {exc}",
                hint=f"set {ENV_CT2_DIR} to a writable folder",
            ) from exc
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return final


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """Serialise conversions across processes where flock exists; rename keeps it safe elsewhere."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    with open(path, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _convert_into(source: Path, out: Path, quantization: str) -> None:
    native = source / NATIVE_SUBDIR
    if (native / "decoder.yml").is_file():
        _convert_marian_native(native, out, quantization)
        return
    try:
        import torch  # noqa: F401 - the converter needs it; fail with a clear message instead
        from ctranslate2.converters import TransformersConverter
    except ImportError as exc:
        raise BackendUnavailableError(
            f"converting needs torch and transformers: {exc}", hint=INSTALL_HINT
        ) from exc

    class _Converter(TransformersConverter):
        def load_model(self, model_class: Any, name: str, **kwargs: Any) -> Any:
            model = super().load_model(model_class, name, **kwargs)
            fix_tie_flag(model.config)
            return model

    try:
        _Converter(str(source)).convert(str(out), quantization=quantization, force=True)
    except weight_file_errors() as exc:
        raise broken_weights_error(str(source), exc) from exc
    except (ValueError, KeyError, NotImplementedError, RuntimeError) as exc:
        raise BackendUnavailableError(
            f"CTranslate2 cannot convert {source}: {exc}", hint="use --backend transformers for this model"
        ) from exc


def _convert_marian_native(native: Path, out: Path, quantization: str) -> None:
    """Installed Marian-zip presets keep their original files: CTranslate2's OPUS-MT converter reads them."""
    from ctranslate2.converters import OpusMTConverter

    try:
        OpusMTConverter(str(native)).convert(str(out), quantization=quantization, force=True)
    except (ValueError, KeyError, NotImplementedError, RuntimeError, OSError) as exc:
        raise BackendUnavailableError(
            f"CTranslate2 cannot convert {native}: {exc}", hint="use --backend transformers for this model"
        ) from exc
    # Our tokenizer appends </s> itself, as transformers' MarianTokenizer does; the converter's config
    # would make CTranslate2 add a second one.
    config_path = out / "config.json"
    config = _read_json(config_path)
    config["add_source_eos"] = False
    config_path.write_text(json.dumps(config, indent=2), "utf-8")


def fix_tie_flag(config: Any) -> None:
    """Transformers 5 reports every T5 as tied; the converter then scales T5 v1.1 outputs wrongly.

    ``scale_decoder_outputs`` is what the HF forward pass really does, so the converter must follow it.
    """
    scale = getattr(config, "scale_decoder_outputs", None)
    if scale is not None:
        config.tie_word_embeddings = bool(scale)


# -- tokenisers without torch --------------------------------------------------------------------


def _clean_up(text: str) -> str:
    # transformers' clean_up_tokenization, applied when the tokenizer config asks for it.
    for a, b in ((" .", "."), (" ?", "?"), (" !", "!"), (" ,", ","), (" ' ", "'"), (" n't", "n't"),
                 (" 'm", "'m"), (" 's", "'s"), (" 've", "'ve"), (" 're", "'re")):  # fmt: skip
        text = text.replace(a, b)
    return text


class _MarianTokens:
    """MarianTokenizer's behaviour with sentencepiece alone: pieces, unknowns as <unk>, ``</s>`` last."""

    def __init__(self, folder: Path, cfg: dict[str, Any]) -> None:
        import sentencepiece as spm

        self.vocab = json.loads((folder / "vocab.json").read_text("utf-8"))
        self.source = spm.SentencePieceProcessor(model_file=str(folder / "source.spm"))
        separate = bool(cfg.get("separate_vocabs"))
        # transformers decodes with the source model unless the vocabularies are separate.
        self.target = spm.SentencePieceProcessor(
            model_file=str(folder / ("target.spm" if separate else "source.spm"))
        )
        self.eos, self.unk = str(cfg.get("eos_token", "</s>")), str(cfg.get("unk_token", "<unk>"))
        self.special = {self.eos, self.unk, str(cfg.get("pad_token", "<pad>"))}
        self.clean = bool(cfg.get("clean_up_tokenization_spaces", False))

    def pieces(self, text: str) -> list[str]:
        code: list[str] = []
        if text.startswith(">>") and (end := text.find("<<")) != -1:
            code, text = [text[: end + 2]], text[end + 2 :]
        return code + [p if p in self.vocab else self.unk for p in self.source.encode(text, out_type=str)]

    def encode(self, texts: Sequence[str]) -> list[list[str]]:
        return [[*self.pieces(t), self.eos] for t in texts]

    def decode(self, tokens: Sequence[str]) -> str:
        text = self.target.decode_pieces([t for t in tokens if t not in self.special])
        text = text.replace("▁", " ").strip()
        return _clean_up(text) if self.clean else text


class _FastTokens:
    """A ``tokenizer.json`` run by the tokenizers library (what transformers' fast tokenizers wrap)."""

    def __init__(self, folder: Path, cfg: dict[str, Any]) -> None:
        from tokenizers import Tokenizer

        self.tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tok.no_truncation()
        self.tok.no_padding()
        self.clean = bool(cfg.get("clean_up_tokenization_spaces", False))

    def pieces(self, text: str) -> list[str]:
        return self.tok.encode(text, add_special_tokens=False).tokens

    def encode(self, texts: Sequence[str]) -> list[list[str]]:
        return [e.tokens for e in self.tok.encode_batch(list(texts), add_special_tokens=True)]

    def decode(self, tokens: Sequence[str]) -> str:
        ids = [i for i in (self.tok.token_to_id(t) for t in tokens) if i is not None]
        text = self.tok.decode(ids, skip_special_tokens=True).strip()
        return _clean_up(text) if self.clean else text


class _HFTokens:
    """Fallback for other tokenizers: transformers' own (imports torch, so more memory)."""

    def __init__(self, folder: Path) -> None:
        from transformers import AutoTokenizer

        from .hf import quiet_length_warning

        self.tok = AutoTokenizer.from_pretrained(str(folder))
        quiet_length_warning(self.tok)

    def pieces(self, text: str) -> list[str]:
        return self.tok.tokenize(text)

    def encode(self, texts: Sequence[str]) -> list[list[str]]:
        ids = self.tok(list(texts), add_special_tokens=True, truncation=False)["input_ids"]
        return [self.tok.convert_ids_to_tokens(x) for x in ids]

    def decode(self, tokens: Sequence[str]) -> str:
        return self.tok.decode(self.tok.convert_tokens_to_ids(list(tokens)), skip_special_tokens=True).strip()


def _tokenizer(folder: Path, model_type: str, cfg: dict[str, Any]) -> Any:
    if model_type == "marian" and (folder / "source.spm").is_file() and (folder / "vocab.json").is_file():
        return _MarianTokens(folder, cfg)
    if (folder / "tokenizer.json").is_file():
        return _FastTokens(folder, cfg)
    return _HFTokens(folder)


def _mean_log_prob(score: float, length: int, length_penalty: float, extra: int = 0) -> float | None:
    """CTranslate2 reports ``sum(log p) / length ** length_penalty``; undo the penalty, divide by length.

    ``length`` counts the end token, as transformers does, so both backends report the same number;
    ``extra`` adds steps of log-probability 0 (a forced end token).
    """
    if length <= 0 or not math.isfinite(score):
        return None
    return score * length**length_penalty / (length + extra)


def _read_json(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text("utf-8")) if path.is_file() else {}


# -- the model -----------------------------------------------------------------------------------


class CTranslate2Model:
    """A seq2seq model run by CTranslate2 (same contract as ``TransformersModel``)."""

    backend = "ctranslate2"

    def __init__(self, resolved: ResolvedModel, device: str = "cpu", compute_type: str = "default") -> None:
        ct2 = _ct2()
        from .hf import max_input_tokens

        self.model_id = resolved.model_id
        self.device = device
        self.compute_type = resolve_compute_type(compute_type, device)
        source, key = _source_dir(resolved)
        config = _read_json(source / "config.json")
        if not config.get("is_encoder_decoder", False):
            raise ModelUnavailableError(
                f"{resolved.spec!r} is not an encoder-decoder (seq2seq) model",
                hint="use a T5/Marian/BART-style model",
            )
        tok_cfg = _read_json(source / "tokenizer_config.json")
        model_type = str(config.get("model_type", ""))
        try:
            self._tok = _tokenizer(source, model_type, tok_cfg)
        except (OSError, ValueError, KeyError, RuntimeError) as exc:
            raise ModelUnavailableError(f"cannot load the tokenizer of {self.model_id}: {exc}") from exc
        limit = tok_cfg.get("model_max_length", 512 if model_type == "marian" else None)
        self.max_input_tokens = max_input_tokens(
            SimpleNamespace(model_max_length=limit), SimpleNamespace(**config)
        )
        prefix = ((config.get("task_specific_params") or {}).get("summarization") or {}).get("prefix")
        #: Prefix a generic T5 expects for summaries ("summarize: "); presets use their own prompt file.
        self.summary_prefix = str(prefix or "")
        # transformers reads generation_config.json, else the model config: mirror that for the defaults.
        self._gen = _read_json(source / "generation_config.json") or config
        self.generation_defaults = GenerationSettings(
            **{k: self._gen[k] for k in _GEN_FIELDS if self._gen.get(k) not in (None, 0, 1.0)}
        )
        # HF forces </s> as the last allowed token; stopping one step earlier gives the same text.
        self._forced_eos = self._gen.get("forced_eos_token_id") is not None
        eos = tok_cfg.get("eos_token") or "</s>"
        self._eos = str(eos.get("content", "</s>") if isinstance(eos, dict) else eos)
        self.path = _ensure_converted(source, key, self.compute_type)
        base, index = _split_device(device)
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

    def split_tokens(self, text: str, max_tokens: int) -> list[str]:
        # Whole words, as the transformers backend does: decoding a window of pieces drops the
        # pieces the vocabulary lacks (<unk>) and can cut a word in two.
        return split_by_words(text, max_tokens, self.count_tokens)

    def generate(self, texts: Sequence[str], settings: GenerationSettings) -> list[str]:
        return [text for text, _ in self._generate(texts, settings, scored=False)]

    def generate_scored(
        self, texts: Sequence[str], settings: GenerationSettings
    ) -> list[tuple[str, float | None]]:
        """Like :meth:`generate`, plus each output's mean log-probability per generated token."""
        return self._generate(texts, settings, scored=True)

    def _generate(
        self, texts: Sequence[str], settings: GenerationSettings, *, scored: bool
    ) -> list[tuple[str, float | None]]:
        if not texts:
            return []
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
