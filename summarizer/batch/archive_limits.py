"""Which files are archives, and the limits every archive reader (:mod:`.warc`, :mod:`.members`) enforces.

What the limits mean is described in :mod:`.archives`, which re-exports these names.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import PurePosixPath

from .items import DEFAULT_MAX_FILE_BYTES, SUPPORTED_SUFFIXES, SourceError

__all__ = [
    "ARCHIVE_KINDS",
    "BOMB_HINT",
    "DEFAULT_MAX_ARCHIVE_BYTES",
    "DEFAULT_MAX_RATIO",
    "RATIO_FLOOR",
    "TOO_LARGE_HINT",
    "ArchiveLimits",
    "ArchiveStop",
    "archive_kind",
]

ARCHIVE_KINDS = ("warc", "zip", "tar", "gz")
#: Uncompressed bytes read from one archive at most (a WARC counts its records' lengths).
DEFAULT_MAX_ARCHIVE_BYTES = 32 * 1024**3
#: Uncompressed / compressed size above which a member is taken for a bomb. Text and HTML gzip
#: 3-10x; even very repetitive exports stay far below 200x, while bombs reach 1000x and more.
DEFAULT_MAX_RATIO = 200.0
# Small members may compress extremely well (a file of spaces); the ratio only counts above this.
RATIO_FLOOR = 1 << 20
_WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
_TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
BOMB_HINT = "if the data is genuine, raise --max-ratio"
#: A member or record above ``--max-file-mb`` (uncompressed).
TOO_LARGE_HINT = "raise --max-file-mb"


@dataclass(frozen=True)
class ArchiveLimits:
    """Bomb limits; ``max_member_bytes`` is ``--max-file-mb`` applied to uncompressed sizes."""

    max_member_bytes: int = DEFAULT_MAX_FILE_BYTES
    max_archive_bytes: int = DEFAULT_MAX_ARCHIVE_BYTES
    max_ratio: float = DEFAULT_MAX_RATIO

    def __post_init__(self) -> None:
        ratio_ok = math.isfinite(self.max_ratio) and self.max_ratio > 1  # NaN passes a plain "<= 1" test
        if self.max_member_bytes < 1 or self.max_archive_bytes < 1 or not ratio_ok:
            raise ValueError("archive limits must be positive (and the ratio above 1)")

    def member_too_large(self, rid: str, source: str, index: int | None, size: str) -> SourceError:
        """A member or record above ``max_member_bytes``; ``size`` says what is known of its size."""
        return SourceError(rid, source, index, "file_too_large", f"{rid} {size}", TOO_LARGE_HINT)

    def archive_too_large(self, what: str) -> ArchiveStop:
        """The stop for an archive that holds more than ``max_archive_bytes`` (``what``: of what)."""
        return ArchiveStop(
            "archive_too_large",
            f"holds more than {self.max_archive_bytes:,} bytes {what}",
            "split the archive, or raise --max-archive-gb",
        )


def archive_kind(name: str) -> str | None:
    """``"warc"``, ``"zip"``, ``"tar"``, ``"gz"`` (one gzipped supported file) or None, by file name."""
    lower = name.lower()
    if lower.endswith(_WARC_SUFFIXES):
        return "warc"
    if lower.endswith(".zip"):
        return "zip"
    if lower.endswith(_TAR_SUFFIXES):
        return "tar"
    if lower.endswith(".gz") and PurePosixPath(lower[:-3]).suffix in SUPPORTED_SUFFIXES:
        return "gz"
    return None


class ArchiveStop(Exception):
    """The rest of the archive cannot be read (total limit, bomb in a solid stream, broken framing)."""

    def __init__(self, code: str, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.code, self.message, self.hint = code, message, hint
