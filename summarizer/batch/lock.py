"""One batch run per output folder: a lock file under DST that names its holder.

``DST/.summarizer-batch/lock`` holds ``{"pid", "host", "started"}`` of the run that owns DST. It is
locked with ``flock``, which the kernel drops when the holder dies (even by ``kill -9``), so a lock
left by a crashed run is simply taken over. Where ``flock`` is not supported (some network file
systems) the file is created with ``O_EXCL`` instead, and a lock whose pid no longer runs on this
host counts as stale.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import socket
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import BatchLockedError

__all__ = ["LOCK_NAME", "DstLock", "LockHolder"]

logger = logging.getLogger(__name__)

#: File name of the lock inside DST's work folder.
LOCK_NAME = "lock"
# flock errors that mean "not supported here", not "held by someone".
_NO_FLOCK = {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL}


@dataclass(frozen=True)
class LockHolder:
    """Who holds (or last held) a lock file."""

    pid: int
    host: str
    started: str

    def describe(self) -> str:
        return f"pid {self.pid} on {self.host}, started {self.started}"

    def is_dead_here(self) -> bool:
        """True when the holder ran on this host and its process no longer exists."""
        if self.host != socket.gethostname() or self.pid <= 0:
            return False
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:  # exists, owned by another user
            return False
        return False


class DstLock:
    """Exclusive lock of one output folder; use as a context manager around the whole run."""

    def __init__(self, work_dir: Path) -> None:
        self.path = Path(work_dir) / LOCK_NAME
        self._fd: int | None = None

    def __enter__(self) -> DstLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def acquire(self) -> None:
        """Take the lock or raise :class:`BatchLockedError` naming the holder."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(5):
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
            try:
                if not self._flock(fd):
                    os.close(fd)
                    self._acquire_exclusive()
                    return
                # The holder before us may have deleted the file between our open and flock.
                if not _same_file(fd, self.path):
                    os.close(fd)
                    continue
            except BaseException:
                with contextlib.suppress(OSError):
                    os.close(fd)
                raise
            self._take(fd)
            return
        raise BatchLockedError(f"cannot take the lock {self.path}: it keeps changing", hint=_hint(self.path))

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        # Unlinked while still locked, so nobody can lock the old file after we let go.
        with contextlib.suppress(OSError):
            os.unlink(self.path)
        with contextlib.suppress(OSError):
            os.close(fd)

    # -- internals --------------------------------------------------------------------------------

    def _flock(self, fd: int) -> bool:
        """Lock ``fd``; False when flock is not supported; raise when someone holds it."""
        import fcntl

        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise self._locked(_read_holder(fd)) from None
        except OSError as exc:
            if exc.errno in _NO_FLOCK:
                logger.info("flock is not supported on %s (%s); using a pid lock file", self.path, exc)
                return False
            raise
        return True

    def _take(self, fd: int) -> None:
        previous = _read_holder(fd)
        if previous is not None and previous.pid != os.getpid():
            logger.warning("taking over the lock of a batch run that is gone (%s)", previous.describe())
        data = json.dumps(_me()).encode()
        os.ftruncate(fd, 0)
        os.pwrite(fd, data, 0)
        os.fsync(fd)
        self._fd = fd

    def _acquire_exclusive(self) -> None:
        """The no-flock fallback: create the file exclusively; replace it only when its pid is dead."""
        with contextlib.suppress(FileNotFoundError):
            fd = os.open(self.path, os.O_RDONLY)
            try:
                holder = _read_holder(fd)
            finally:
                os.close(fd)
            if holder is not None and not holder.is_dead_here():
                raise self._locked(holder)
            logger.warning("removing a stale batch lock %s (%s)", self.path, holder and holder.describe())
            os.unlink(self.path)
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o644)
        except FileExistsError:
            fd = os.open(self.path, os.O_RDONLY)
            try:
                raise self._locked(_read_holder(fd)) from None
            finally:
                os.close(fd)
        self._take(fd)

    def _locked(self, holder: LockHolder | None) -> BatchLockedError:
        who = holder.describe() if holder else "a process that has not written its details yet"
        dst = self.path.parent.parent
        return BatchLockedError(f"{dst} is in use by another batch run ({who})", hint=_hint(self.path))


def _hint(path: Path) -> str:
    return (
        "wait for that run to finish (or stop it), or write to another DST; "
        f"if no such run exists, delete {path}"
    )


def _me() -> dict[str, Any]:
    return {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def _read_holder(fd: int) -> LockHolder | None:
    try:
        data = json.loads(os.pread(fd, 4096, 0) or b"null")
        return LockHolder(int(data["pid"]), str(data["host"]), str(data["started"]))
    except (OSError, ValueError, TypeError, KeyError):
        return None


def _same_file(fd: int, path: Path) -> bool:
    try:
        a, b = os.fstat(fd), os.stat(path)
    except FileNotFoundError:
        return False
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)
