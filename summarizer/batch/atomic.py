"""Crash-safe writes under DST: temp file, fsync, atomic replace; write faults as one typed error."""

from __future__ import annotations

import contextlib
import errno
import functools
import json
import logging
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any, TypeVar

from ..errors import OutputWriteError

__all__ = [
    "TMP_PREFIX",
    "atomic_open",
    "atomic_write",
    "dumps",
    "fsync_dir",
    "load_json",
    "write_error",
    "writes",
]

logger = logging.getLogger(__name__)

TMP_PREFIX = ".summarizer-tmp-"
_UMASK: int | None = None
_F = TypeVar("_F", bound=Callable[..., Any])
_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}


def writes(method: _F) -> _F:
    """An OSError while writing DST stops the run as one :class:`OutputWriteError`, not a traceback.

    Every output is replaced atomically, so whatever was written before the fault stays valid and
    the next run resumes from it.
    """

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except OSError as exc:
            raise write_error(self.dst, exc) from exc

    return wrapper  # type: ignore[return-value]


def write_error(dst: Path, exc: OSError) -> OutputWriteError:
    where = f" ({exc.filename})" if exc.filename else ""
    message = f"cannot write the outputs in {dst}: {exc.strerror or exc}{where}"
    resume = "then re-run the same command: finished articles are kept and skipped"
    if exc.errno in _FULL:
        hint = f"free space on that disk (or choose another DST), {resume}"
    elif exc.errno in _READ_ONLY:
        hint = f"make DST writable (or choose another DST), {resume}"
    else:
        hint = f"fix the problem, {resume}"
    return OutputWriteError(message, hint=hint)


def _file_mode() -> int:
    # mkstemp creates 0600 files; outputs should get the usual umask-derived mode.
    global _UMASK
    if _UMASK is None:
        _UMASK = os.umask(0o022)
        os.umask(_UMASK)
    return 0o666 & ~_UMASK


@contextlib.contextmanager
def atomic_open(path: Path) -> Iterator[IO[bytes]]:
    """Write ``path`` via a temp file in the same folder, flush + fsync, then ``os.replace``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _file_mode())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)


def atomic_write(path: Path, data: bytes) -> None:
    with atomic_open(path) as handle:
        handle.write(data)


def fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable; not possible on every platform, hence best effort.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def dumps(value: Any, indent: int | None = None) -> bytes:
    try:
        return json.dumps(value, ensure_ascii=False, indent=indent).encode("utf-8")
    except UnicodeEncodeError:
        # A file name that is not UTF-8 (surrogate escapes): ASCII escapes keep the JSON valid and exact.
        return json.dumps(value, ensure_ascii=True, indent=indent).encode("ascii")


def load_json(path: Path) -> Any:
    """Parsed JSON, or None when the file is missing or not valid (never trusted blindly)."""
    try:
        with open(path, "rb") as handle:
            return json.load(handle)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        logger.warning("ignoring unreadable output %s: %s", path, exc)
        return None


def sweep_temp_files(root: Path) -> None:
    """Remove the temp files a killed run left under ``root`` (never following links out of it)."""
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = [d for d in dirnames if not os.path.islink(os.path.join(dirpath, d))]
        for name in filenames:
            if name.startswith(TMP_PREFIX) and name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(dirpath, name))
