"""Marian-native model zips (Tatoeba-MT / OPUS-MT model store) turned into a transformers MarianMT folder.

The zip holds ``*.npz`` weights, SentencePiece models, a vocabulary YAML and ``decoder.yml``. It is
fetched once (URL, local file or ``file://``), checked (size, SHA-256, a real zip with every file the
model needs), converted into a MarianMT folder that ``from_pretrained`` loads, and installed atomically
under :func:`native_root`. The original Marian files are kept in ``marian-native/`` inside that folder,
so the CTranslate2 backend converts from them with CTranslate2's own OPUS-MT converter.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from ..errors import ModelUnavailableError
from ..presets import Preset
from .common import cache_dir

__all__ = [
    "NATIVE_SUBDIR",
    "convert_marian_native",
    "install_preset",
    "installed_folder",
    "native_root",
    "read_vocab_yaml",
]

logger = logging.getLogger(__name__)

#: Overrides where installed native models live (default: ``$HF_HOME/summarizer-models``).
ENV_NATIVE_DIR = "SUMMARIZER_NATIVE_DIR"
#: Inside an installed folder: the untouched Marian files (for CTranslate2's OPUS-MT converter).
NATIVE_SUBDIR = "marian-native"
MANIFEST = "summarizer-source.json"

# A Marian base model zip is ~300 MB; anything far beyond is not what the preset names.
_MAX_DOWNLOAD = 4 * 1024**3
_MAX_RATIO = 200  # uncompressed / compressed per member: beyond this a "model file" is a zip bomb
_CHUNK = 1 << 20
Progress = Callable[[int, int | None], None]


def native_root() -> Path:
    """Where installed native models live, read at call time (tests and users change HF_HOME)."""
    return cache_dir(ENV_NATIVE_DIR, "summarizer-models")


def _folder_name(preset: Preset) -> str:
    return re.sub(r"[^\w.-]+", "_", preset.hub_id.replace("/", "--"))[:120]


def installed_folder(preset: Preset) -> Path | None:
    """The installed MarianMT folder of a native preset, or None when it was never downloaded."""
    folder = native_root() / _folder_name(preset)
    return folder if (folder / MANIFEST).is_file() and (folder / "config.json").is_file() else None


# -- fetch and verify ----------------------------------------------------------------------------


def _open_source(source: str) -> tuple[Any, int | None]:
    """A readable stream and its announced size for a URL (http/https/file) or a local path."""
    if re.match(r"^(https?|file)://", source):
        try:
            response = urllib.request.urlopen(source, timeout=60)
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            raise ModelUnavailableError(
                f"cannot download {source}: {reason}",
                hint="check the network, or download the zip elsewhere and pass it with --from FILE",
            ) from exc
        length = response.headers.get("Content-Length")
        return response, int(length) if length and length.isdigit() else None
    path = Path(source).expanduser()
    if not path.is_file():
        raise ModelUnavailableError(f"no such file: {source}", hint="pass the model zip you downloaded")
    return path.open("rb"), path.stat().st_size


def fetch(source: str, dest: Path, preset: Preset, progress: Progress | None = None) -> str:
    """Copy ``source`` to ``dest``, checking size and SHA-256 against the preset; returns the SHA-256."""
    stream, announced = _open_source(source)
    expected = preset.size or announced
    limit = preset.size or _MAX_DOWNLOAD
    digest = hashlib.sha256()
    done = 0
    try:
        with stream, dest.open("wb") as out:
            while chunk := stream.read(_CHUNK):
                done += len(chunk)
                if done > limit:
                    raise ModelUnavailableError(
                        f"{source} is larger than the {limit:,} bytes expected for {preset.name!r}",
                        hint="check that the URL or file is the model zip this preset names",
                    )
                digest.update(chunk)
                out.write(chunk)
                if progress:
                    progress(done, expected)
    except OSError as exc:
        raise ModelUnavailableError(f"download of {source} failed: {exc}", hint="try again") from exc
    sha = digest.hexdigest()
    if preset.size and done != preset.size:
        raise ModelUnavailableError(
            f"{source} has {done:,} bytes, the preset expects {preset.size:,} (truncated download?)",
            hint="download it again",
        )
    if preset.sha256 and sha != preset.sha256.lower():
        raise ModelUnavailableError(
            f"checksum mismatch for {source}: sha256 {sha}, expected {preset.sha256}",
            hint="the file is corrupt or not this preset's model; download it again",
        )
    return sha


# -- the archive ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class NativeFiles:
    """The Marian files of one extracted model zip."""

    folder: Path
    npz: Path
    vocabs: tuple[Path, ...]
    source_spm: Path
    target_spm: Path
    licence: str | None


def _safe_member(name: str) -> bool:
    parts = PurePosixPath(name.replace("\\", "/")).parts
    return bool(parts) and not name.startswith(("/", "\\")) and ".." not in parts and ":" not in parts[0]


def extract(zip_path: Path, into: Path) -> NativeFiles:
    """Extract the files a Marian model needs (flat, by base name) after checking the archive."""
    try:
        archive = zipfile.ZipFile(zip_path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ModelUnavailableError(
            f"{zip_path.name} is not a valid zip file (corrupt or truncated download)",
            hint="delete it and download the model again",
        ) from exc
    with archive:
        members = {}
        for info in archive.infolist():
            if info.is_dir():
                continue
            if not _safe_member(info.filename):
                raise ModelUnavailableError(f"unsafe file name in the model zip: {info.filename!r}")
            if info.compress_size and info.file_size / info.compress_size > _MAX_RATIO:
                raise ModelUnavailableError(f"{info.filename!r} in the model zip is a compression bomb")
            members.setdefault(PurePosixPath(info.filename).name, info)
        if "decoder.yml" not in members:
            raise ModelUnavailableError(
                f"{zip_path.name} has no decoder.yml: not a Marian model zip",
                hint="use the zip from the Tatoeba-MT / OPUS-MT model store",
            )
        into.mkdir(parents=True, exist_ok=True)
        decoder = _yaml(archive.read(members["decoder.yml"]))
        wanted = [*decoder.get("models", [])[:1], *decoder.get("vocabs", []), "source.spm", "target.spm"]
        missing = [n for n in wanted if PurePosixPath(n).name not in members]
        if missing or not decoder.get("models"):
            raise ModelUnavailableError(
                f"{zip_path.name} lacks {', '.join(missing) or 'a model entry in decoder.yml'}",
                hint="the download is incomplete or not a Marian model zip; download it again",
            )
        for name in {*wanted, "decoder.yml", "README.md", "LICENSE"}:
            info = members.get(PurePosixPath(name).name)
            if info is None:
                continue
            try:
                with archive.open(info) as src, (into / PurePosixPath(name).name).open("wb") as dst:
                    shutil.copyfileobj(src, dst, _CHUNK)
            except (zipfile.BadZipFile, EOFError) as exc:  # CRC error or cut-off data
                raise ModelUnavailableError(
                    f"{info.filename!r} in {zip_path.name} is corrupt ({exc})", hint="download it again"
                ) from exc
    readme = into / "README.md"
    return NativeFiles(
        folder=into,
        npz=into / PurePosixPath(decoder["models"][0]).name,
        vocabs=tuple(into / PurePosixPath(v).name for v in decoder["vocabs"]),
        source_spm=into / "source.spm",
        target_spm=into / "target.spm",
        licence=_licence_line(readme.read_text("utf-8", "replace")) if readme.is_file() else None,
    )


def _yaml(data: bytes | str) -> dict[str, Any]:
    import yaml

    try:
        loaded = yaml.safe_load(data)
    except yaml.YAMLError as exc:
        raise ModelUnavailableError(f"unreadable YAML in the model zip: {exc}") from exc
    if not isinstance(loaded, dict):
        raise ModelUnavailableError("decoder.yml in the model zip is not a mapping")
    return loaded


def _licence_line(readme: str) -> str | None:
    for line in readme.splitlines():
        match = re.match(r"^\W*licen[cs]e\W*[:=]\s*(.+)$", line.strip(), re.IGNORECASE)
        if match:
            return match.group(1).strip().strip("*_` ")
    return None


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


# -- conversion ----------------------------------------------------------------------------------


def _marian_config(npz: Any) -> dict[str, Any]:
    if "special:model.yml" not in npz:
        raise ModelUnavailableError("the .npz has no special:model.yml: not a Marian model")
    raw = npz["special:model.yml"]
    return _yaml(bytes(raw.tobytes()).rstrip(b"\x00"))


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
        pad_token_id=pad,
        decoder_start_token_id=pad,
        eos_token_id=eos,
        forced_eos_token_id=eos,
        bos_token_id=eos,
        bad_words_ids=[[pad]],
        scale_embedding=True,
        share_encoder_decoder_embeddings=True,
        static_position_embeddings=True,
        normalize_embedding=False,
        num_beams=4,
        max_length=model_max_length,
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
    from .hf import _no_loading_bar

    with _no_loading_bar():
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


# -- install -------------------------------------------------------------------------------------


def install_preset(preset: Preset, source: str | None = None, progress: Progress | None = None) -> Path:
    """Download (or copy from ``source``), verify, convert and install a native preset; returns its folder.

    Installing is atomic: a crash leaves either no folder or a complete one.
    """
    if not preset.url:
        raise ModelUnavailableError(f"{preset.name!r} is not a Marian-zip preset")
    done = installed_folder(preset)
    if done is not None:
        return done
    root = native_root()
    try:
        root.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".tmp-{preset.name}-", dir=root))
    except OSError as exc:
        raise ModelUnavailableError(
            f"cannot write to {root}: {exc}", hint=f"set {ENV_NATIVE_DIR} to a writable folder"
        ) from exc
    try:
        archive = work / "model.zip"
        sha = fetch(source or preset.url, archive, preset, progress)
        staged = work / "model"
        files = extract(archive, staged / NATIVE_SUBDIR)
        archive.unlink()
        convert_marian_native(files, staged)
        manifest = {
            "preset": preset.name,
            "url": preset.url,
            "from": source or preset.url,
            "sha256": sha,
            "verified_sha256": bool(preset.sha256),
            "licence": files.licence or preset.licence,
        }
        (staged / MANIFEST).write_text(json.dumps(manifest, indent=2), "utf-8")
        final = root / _folder_name(preset)
        shutil.rmtree(final, ignore_errors=True)  # a leftover without a manifest is not an install
        os.replace(staged, final)
        if not preset.sha256:
            logger.warning(
                "%s: no checksum recorded in the preset; installed file has sha256 %s", preset.name, sha
            )
        return final
    except OSError as exc:
        raise ModelUnavailableError(
            f"cannot install {preset.name!r}: {exc}", hint="check free disk space"
        ) from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)
