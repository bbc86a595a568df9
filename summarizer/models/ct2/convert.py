"""The conversion cache: each HF model converted for CTranslate2 once, atomically, keyed by its files.

Converting needs torch + transformers (once); everything else here is torch-free.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ...errors import BackendUnavailableError
from ..common import CT2_INSTALL_HINT, HUB_FILES, cache_dir
from ..marian_native import NATIVE_SUBDIR
from ..resolve import (
    ResolvedModel,
    broken_weights_error,
    hub_reachable,
    hub_unavailable,
    is_offline,
    resolve_model,
    weight_file_errors,
)
from .runtime import load_ct2, resolve_compute_type

__all__ = [
    "ENV_CT2_DIR",
    "cache_root",
    "convert_model",
    "ensure_converted",
    "fix_tie_flag",
    "read_json",
    "source_dir",
]

logger = logging.getLogger(__name__)

#: Overrides where converted models are kept (default: ``$HF_HOME/summarizer-ct2``).
ENV_CT2_DIR = "SUMMARIZER_CT2_DIR"
_META = "summarizer-ct2.json"
# Small files are hashed by content; weights by size + mtime (hashing GBs on every start is too slow).
_HASH_LIMIT = 1 << 20


def cache_root() -> Path:
    """Where converted models live, read at call time (tests and users change HF_HOME)."""
    return cache_dir(ENV_CT2_DIR, "summarizer-ct2")


def read_json(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text("utf-8")) if path.is_file() else {}


def source_dir(resolved: ResolvedModel) -> tuple[Path, str]:
    """A local folder with the HF files, and a cache key part naming this exact version of them."""
    if resolved.is_local:
        path = Path(resolved.location)
        where = hashlib.sha1(str(path).encode()).hexdigest()[:8]
        return path, f"{_safe(path.name)}-{where}--{_fingerprint(path)}"
    from huggingface_hub import snapshot_download

    repo = resolved.location
    try:
        folder = Path(snapshot_download(repo_id=repo, allow_patterns=HUB_FILES, local_files_only=True))
    except Exception as cached_exc:  # hub errors have many types; all mean "not cached"
        if is_offline() or not hub_reachable():  # fail in seconds, as the transformers backend does
            raise hub_unavailable(repo) from cached_exc
        try:
            folder = Path(snapshot_download(repo_id=repo, allow_patterns=HUB_FILES))
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
    source, key = source_dir(resolved)
    root = Path(output).expanduser() if output is not None else None
    return ensure_converted(source, key, resolve_compute_type(compute_type, device), root)


def ensure_converted(source: Path, key: str, compute_type: str, root: Path | None = None) -> Path:
    """The converted folder for ``source`` at ``compute_type``, converting it first if needed."""
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
            convert_into(source, tmp, compute_type)
            version = load_ct2().__version__
            meta = {"source": str(source), "compute_type": compute_type, "ctranslate2": version}
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


def convert_into(source: Path, out: Path, quantization: str) -> None:
    """Run the right CTranslate2 converter on ``source``, writing into ``out``."""
    native = source / NATIVE_SUBDIR
    if (native / "decoder.yml").is_file():
        _convert_marian_native(native, out, quantization)
        return
    try:
        import torch  # noqa: F401 - the converter needs it; fail with a clear message instead
        from ctranslate2.converters import TransformersConverter
    except ImportError as exc:
        raise BackendUnavailableError(
            f"converting needs torch and transformers: {exc}", hint=CT2_INSTALL_HINT
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
    config = read_json(config_path)
    config["add_source_eos"] = False
    config_path.write_text(json.dumps(config, indent=2), "utf-8")


def fix_tie_flag(config: Any) -> None:
    """Transformers 5 reports every T5 as tied; the converter then scales T5 v1.1 outputs wrongly.

    ``scale_decoder_outputs`` is what the HF forward pass really does, so the converter must follow it.
    """
    scale = getattr(config, "scale_decoder_outputs", None)
    if scale is not None:
        config.tie_word_embeddings = bool(scale)
