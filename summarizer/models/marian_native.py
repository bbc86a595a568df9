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
from pathlib import Path, PurePosixPath
from typing import Any

from ..errors import ModelUnavailableError
from ..presets import Preset
from .common import cache_dir
from .marian_convert import NativeFiles, convert_marian_native, read_vocab_yaml, read_yaml

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
        decoder = read_yaml(archive.read(members["decoder.yml"]))
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


def _licence_line(readme: str) -> str | None:
    for line in readme.splitlines():
        match = re.match(r"^\W*licen[cs]e\W*[:=]\s*(.+)$", line.strip(), re.IGNORECASE)
        if match:
            return match.group(1).strip().strip("*_` ")
    return None


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
