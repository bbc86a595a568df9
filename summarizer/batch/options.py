"""What a batch run is asked to do: :class:`BatchOptions`, validated once, picklable for Ray."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .archive_limits import DEFAULT_MAX_ARCHIVE_BYTES, DEFAULT_MAX_RATIO, ArchiveLimits
from .items import DEFAULT_MAX_FILE_BYTES

if TYPE_CHECKING:
    from ..pipeline import PipelineOptions

__all__ = ["ENGINES", "LANGUAGES", "BatchOptions"]

ENGINES = ("local", "ray")
#: What language detection can answer (``und``: undetermined), hence what ``languages`` may list.
LANGUAGES = ("id", "ms", "en", "und")


@dataclass(frozen=True)
class BatchOptions:
    """Everything a batch run needs.

    ``pipeline`` is the run's ``PipelineOptions`` (None: env defaults; a mapping of its fields is
    still taken and made into one, once).
    """

    src: Path
    dst: Path
    globs: tuple[str, ...] = ()
    full: bool = False
    #: Also write ``<rel>.aligned.tsv`` (one row per sentence); implies ``full``.
    aligned: bool = False
    text_field: str | None = None
    length: str | None = None
    force: bool = False
    engine: str = "local"
    ray_address: str | None = None
    ray_actors: int | None = None
    batch_size: int = 16
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    pipeline: PipelineOptions = None  # type: ignore[assignment]  # None -> env defaults
    #: Only articles detected in these languages go to the models; empty: all.
    languages: tuple[str, ...] = ()
    max_archive_bytes: int = DEFAULT_MAX_ARCHIVE_BYTES
    max_archive_ratio: float = DEFAULT_MAX_RATIO

    def __post_init__(self) -> None:
        object.__setattr__(self, "src", Path(self.src))
        object.__setattr__(self, "dst", Path(self.dst))
        object.__setattr__(self, "globs", tuple(self.globs))
        object.__setattr__(self, "pipeline", _pipeline_options(self.pipeline))
        languages = tuple(dict.fromkeys(lang.strip().lower() for lang in self.languages))
        object.__setattr__(self, "languages", languages)
        unknown = [lang for lang in languages if lang not in LANGUAGES]
        if unknown:
            raise ValueError(
                f"unknown language {unknown[0]!r}; detection tells apart: {', '.join(LANGUAGES)}"
            )
        self.archive_limits()  # validates them
        if self.aligned:
            object.__setattr__(self, "full", True)
        if self.engine not in ENGINES:
            raise ValueError(f"engine must be one of {ENGINES}, not {self.engine!r}")
        if (
            self.batch_size < 1
            or self.max_file_bytes < 1
            or (self.ray_actors is not None and self.ray_actors < 1)
        ):
            raise ValueError("batch_size, max_file_bytes and ray_actors must be positive")
        self._check_folders()

    def _check_folders(self) -> None:
        if not self.src.is_dir():
            raise ValueError(f"SRC {self.src} is not a folder")
        src, dst = Path(os.path.realpath(self.src)), Path(os.path.realpath(self.dst))
        if dst == src:
            raise ValueError("DST must differ from SRC (outputs would be read back as inputs)")
        if src.is_relative_to(dst):
            raise ValueError("SRC must not lie inside DST")
        if self.dst.exists() and not self.dst.is_dir():
            raise ValueError(f"DST {self.dst} exists and is not a folder")

    def archive_limits(self) -> ArchiveLimits:
        return ArchiveLimits(self.max_file_bytes, self.max_archive_bytes, self.max_archive_ratio)

    def settings(self) -> dict[str, Any]:
        """The settings that change outputs (part of the resume key); a change redoes the articles."""
        return {
            "full": self.full,
            "length": self.length or self.pipeline.summary_length,
            "guard": self.pipeline.guard,
            "compute_type": self.pipeline.compute_type,
            "format_version": 1,
        }

    def to_dict(self) -> dict[str, Any]:
        """For last-run.json (display only: the resume never reads it back)."""
        data = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        data["src"], data["dst"] = str(self.src), str(self.dst)
        # A Glossary object is kept as its {term: English} mapping.
        data["pipeline"] = {
            f.name: _plain(getattr(self.pipeline, f.name)) for f in dataclasses.fields(self.pipeline)
        }
        data["globs"] = list(self.globs)
        data["languages"] = list(self.languages)
        return data


def _pipeline_options(value: Any) -> PipelineOptions:
    from ..pipeline import PipelineOptions

    if value is None:
        return PipelineOptions()
    if isinstance(value, Mapping):
        return PipelineOptions(**value)
    return value  # type: ignore[no-any-return]


def _plain(value: Any) -> Any:
    return value.to_dict() if hasattr(value, "to_dict") else value
