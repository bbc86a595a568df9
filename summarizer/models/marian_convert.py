"""Marian ``*.npz`` weights + vocabulary YAML -> a transformers MarianMT folder (weights, config, tokenizer).

transformers 5 no longer ships its Marian conversion script; the tests prove this one gives the same
model as CTranslate2's own OPUS-MT converter.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ModelUnavailableError
from .common import no_loading_bar

__all__ = ["NativeFiles", "convert_marian_native", "read_vocab_yaml", "read_yaml"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class NativeFiles:
    """The Marian files of one extracted model zip."""

    folder: Path
    npz: Path
    vocabs: tuple[Path, ...]
    source_spm: Path
    target_spm: Path
    licence: str | None


def read_yaml(data: bytes | str) -> dict[str, Any]:
    """A YAML mapping from the model zip (a typed error when it is not one)."""
    import yaml

    try:
        loaded = yaml.safe_load(data)
    except yaml.YAMLError as exc:
        raise ModelUnavailableError(f"unreadable YAML in the model zip: {exc}") from exc
    if not isinstance(loaded, dict):
        raise ModelUnavailableError("decoder.yml in the model zip is not a mapping")
    return loaded


def read_vocab_yaml(path: Path) -> list[str]:
    """Marian's vocabulary YAML as a list indexed by id.

    Parsed by hand: a YAML loader drops or reinterprets entries such as ``"null": 7`` or ``? key``.
    """
    tokens: dict[int, str] = {}
    pending: str | None = None
    for lineno, raw in enumerate(path.read_text("utf-8").splitlines(), 1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        if line.startswith("? "):
            pending = _unquote(line[2:])
            continue
        if pending is not None and line.startswith(": "):
            key, value = pending, line[2:]
            pending = None
        else:
            key, sep, value = line.rpartition(":")
            if not sep:
                raise ModelUnavailableError(f"{path.name}:{lineno}: not a vocabulary entry: {line!r}")
            key = _unquote(key)
        try:
            tokens[int(value.strip())] = key
        except ValueError as exc:
            raise ModelUnavailableError(f"{path.name}:{lineno}: bad token id in {line!r}") from exc
    if sorted(tokens) != list(range(len(tokens))):
        raise ModelUnavailableError(f"{path.name}: token ids are not 0..{len(tokens) - 1}")
    return [tokens[i] for i in range(len(tokens))]


_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)")
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "_": "\u00a0", "N": "\u0085"}


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if code[0] in "xuU" and len(code) > 1:
        return chr(int(code[1:], 16))
    return _SIMPLE_ESCAPES.get(code, code)


def _unquote(token: str) -> str:
    if len(token) >= 2 and token[0] == token[-1] == '"':
        return _ESCAPE.sub(_unescape, token[1:-1])
    if len(token) >= 2 and token[0] == token[-1] == "'":
        return token[1:-1].replace("''", "'")
    return token


def _marian_config(npz: Any) -> dict[str, Any]:
    if "special:model.yml" not in npz:
        raise ModelUnavailableError("the .npz has no special:model.yml: not a Marian model")
    raw = npz["special:model.yml"]
    return read_yaml(bytes(raw.tobytes()).rstrip(b"\x00"))


def _check_architecture(cfg: dict[str, Any], weights: Any) -> None:
    problems = []
    if cfg.get("type") not in ("transformer", None):
        problems.append(f"type {cfg.get('type')!r}")
    if cfg.get("transformer-preprocess", "") or cfg.get("transformer-postprocess", "dan") != "dan":
        problems.append("pre-norm layers")
    if cfg.get("transformer-postprocess-emb", "d") not in ("d", ""):
        problems.append("normalised embeddings")
    if "Wemb" not in weights:
        problems.append("embeddings not tied across encoder and decoder")
    if problems:
        raise ModelUnavailableError(
            f"unsupported Marian model ({', '.join(problems)})",
            hint="only post-norm transformers with tied embeddings (the OPUS-MT layout) are converted",
        )


# What every OPUS-MT Marian model shares (checked by _check_architecture), as MarianConfig fields.
_OPUS_MT_LAYOUT = {
    "scale_embedding": True,
    "share_encoder_decoder_embeddings": True,
    "static_position_embeddings": True,
    "normalize_embedding": False,
    "num_beams": 4,
}


def convert_marian_native(files: NativeFiles, out: Path, *, model_max_length: int = 512) -> None:
    """Write a transformers MarianMT folder (weights, config, tokenizer) for the Marian ``files``."""
    import numpy as np
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    try:
        weights = np.load(files.npz)
    except (OSError, ValueError, zipfile.BadZipFile) as exc:
        raise ModelUnavailableError(f"cannot read {files.npz.name}: {exc}", hint="download it again") from exc
    cfg = _marian_config(weights)
    _check_architecture(cfg, weights)
    vocab = read_vocab_yaml(files.vocabs[0])
    if len(files.vocabs) > 1 and read_vocab_yaml(files.vocabs[-1]) != vocab:
        raise ModelUnavailableError("separate source and target vocabularies are not supported")
    size, dim = weights["Wemb"].shape
    if size != len(vocab):
        raise ModelUnavailableError(f"the vocabulary has {len(vocab)} entries, the embeddings {size}")
    pad = len(vocab)  # Marian has no padding token; transformers' Marian adds one with a zero embedding
    eos, unk = vocab.index("</s>"), vocab.index("<unk>")
    ffn = int(cfg.get("transformer-dim-ffn", 4 * dim))
    config = MarianConfig(
        vocab_size=pad + 1,
        decoder_vocab_size=pad + 1,
        d_model=int(dim),
        encoder_layers=int(cfg["enc-depth"]),
        decoder_layers=int(cfg["dec-depth"]),
        encoder_attention_heads=int(cfg["transformer-heads"]),
        decoder_attention_heads=int(cfg["transformer-heads"]),
        encoder_ffn_dim=ffn,
        decoder_ffn_dim=int(cfg.get("transformer-decoder-dim-ffn") or ffn),
        activation_function=str(cfg.get("transformer-ffn-activation", "swish")),
        max_position_embeddings=model_max_length,
        max_length=model_max_length,
        # The added padding token also starts decoding and is never generated; </s> stands in for BOS.
        **dict.fromkeys(("pad_token_id", "decoder_start_token_id"), pad),
        **dict.fromkeys(("eos_token_id", "forced_eos_token_id", "bos_token_id"), eos),
        bad_words_ids=[[pad]],
        **_OPUS_MT_LAYOUT,
    )
    with torch.device("cpu"):
        model = MarianMTModel(config)
    state = _state_dict(weights, cfg, pad)
    missing, unexpected = model.load_state_dict(state, strict=False)
    left = [k for k in missing if "embed_positions" not in k and k not in _TIED_KEYS]
    if left or unexpected:
        raise ModelUnavailableError(
            f"weight layout mismatch: missing {left[:5]}, unexpected {unexpected[:5]}"
        )
    model.tie_weights()
    out.mkdir(parents=True, exist_ok=True)
    with no_loading_bar():
        model.save_pretrained(out)
    vocab_json = out / "vocab.json"
    vocab_json.write_text(json.dumps({**{t: i for i, t in enumerate(vocab)}, "<pad>": pad}), "utf-8")
    for spm in (files.source_spm, files.target_spm):
        shutil.copyfile(spm, out / spm.name)
    tokenizer = MarianTokenizer(
        vocab=str(vocab_json),
        source_spm=str(out / "source.spm"),
        target_spm=str(out / "target.spm"),
        model_max_length=model_max_length,
        separate_vocabs=False,
    )
    tokenizer.save_pretrained(out)
    logger.info("converted %s: %d layers, d_model %d, vocab %d (unk %d)", files.npz.name,
                config.encoder_layers, dim, pad + 1, unk)  # fmt: skip


_TIED_KEYS = {"model.encoder.embed_tokens.weight", "model.decoder.embed_tokens.weight", "lm_head.weight"}


def _state_dict(weights: Any, cfg: dict[str, Any], pad: int) -> dict[str, Any]:
    import numpy as np
    import torch

    def tensor(name: str, transpose: bool = False) -> Any:
        if name not in weights:
            raise ModelUnavailableError(f"the .npz lacks {name!r}: not an OPUS-MT transformer")
        value = np.asarray(weights[name], dtype=np.float32)
        value = (
            value.T if transpose else value.reshape(-1) if value.ndim == 2 and value.shape[0] == 1 else value
        )
        return torch.from_numpy(np.ascontiguousarray(value))

    emb = np.asarray(weights["Wemb"], dtype=np.float32)
    shared = np.concatenate([emb, np.zeros((1, emb.shape[1]), np.float32)])
    bias = np.zeros((1, pad + 1), np.float32)
    if "decoder_ff_logit_out_b" in weights:
        bias[0, :pad] = np.asarray(weights["decoder_ff_logit_out_b"], np.float32).reshape(-1)
    state = {"model.shared.weight": torch.from_numpy(shared), "final_logits_bias": torch.from_numpy(bias)}

    def attention(prefix: str, scope: str) -> None:
        for ours, theirs in (("q_proj", "q"), ("k_proj", "k"), ("v_proj", "v"), ("out_proj", "o")):
            state[f"{prefix}.{ours}.weight"] = tensor(f"{scope}_W{theirs}", transpose=True)
            state[f"{prefix}.{ours}.bias"] = tensor(f"{scope}_b{theirs}")

    def norm(prefix: str, scope: str) -> None:
        state[f"{prefix}.weight"] = tensor(f"{scope}_ln_scale")
        state[f"{prefix}.bias"] = tensor(f"{scope}_ln_bias")

    def ffn(prefix: str, scope: str) -> None:
        for ours, theirs in (("fc1", "1"), ("fc2", "2")):
            state[f"{prefix}.{ours}.weight"] = tensor(f"{scope}_ffn_W{theirs}", transpose=True)
            state[f"{prefix}.{ours}.bias"] = tensor(f"{scope}_ffn_b{theirs}")
        norm(f"{prefix}.final_layer_norm", f"{scope}_ffn_ffn")

    for i in range(int(cfg["enc-depth"])):
        prefix, scope = f"model.encoder.layers.{i}", f"encoder_l{i + 1}"
        attention(f"{prefix}.self_attn", f"{scope}_self")
        norm(f"{prefix}.self_attn_layer_norm", f"{scope}_self_Wo")
        ffn(prefix, scope)
    for i in range(int(cfg["dec-depth"])):
        prefix, scope = f"model.decoder.layers.{i}", f"decoder_l{i + 1}"
        attention(f"{prefix}.self_attn", f"{scope}_self")
        norm(f"{prefix}.self_attn_layer_norm", f"{scope}_self_Wo")
        attention(f"{prefix}.encoder_attn", f"{scope}_context")
        norm(f"{prefix}.encoder_attn_layer_norm", f"{scope}_context_Wo")
        ffn(prefix, scope)
    return state
