"""One batch run: stream SRC, skip what is done, feed an engine, write every result as it comes."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import OutputWriteError, SummarizerError
from .archives import ARCHIVE_KINDS, DEFAULT_MAX_ARCHIVE_BYTES, DEFAULT_MAX_RATIO, ArchiveLimits
from .sources import (
    DEFAULT_MAX_FILE_BYTES,
    Article,
    SourceError,
    SourceFile,
    count_articles,
    error_code,
    iter_files,
    read_articles,
)
from .store import FileState, OutputStore, job_key

__all__ = ["ENGINES", "LANGUAGES", "BatchOptions", "BatchSummary", "run_batch_job"]

logger = logging.getLogger(__name__)

ENGINES = ("local", "ray")
#: What language detection can answer (``und``: undetermined), hence what ``languages`` may list.
LANGUAGES = ("id", "ms", "en", "und")


@dataclass(frozen=True)
class BatchOptions:
    """Everything a batch run needs. ``pipeline`` holds ``PipelineOptions`` fields (None -> env defaults)."""

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
    pipeline: dict[str, Any] = field(default_factory=dict)
    #: Only articles detected in these languages go to the models; empty: all.
    languages: tuple[str, ...] = ()
    max_archive_bytes: int = DEFAULT_MAX_ARCHIVE_BYTES
    max_archive_ratio: float = DEFAULT_MAX_RATIO

    def __post_init__(self) -> None:
        object.__setattr__(self, "src", Path(self.src))
        object.__setattr__(self, "dst", Path(self.dst))
        object.__setattr__(self, "globs", tuple(self.globs))
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

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["src"], data["dst"] = str(self.src), str(self.dst)
        # A Glossary object is kept as its {term: English} mapping in last-run.json.
        data["pipeline"] = {
            k: v.to_dict() if hasattr(v, "to_dict") else v for k, v in data["pipeline"].items()
        }
        data["globs"] = list(self.globs)
        data["languages"] = list(self.languages)
        return data


@dataclass(frozen=True)
class BatchSummary:
    """What a run did. ``processed`` ran through the models now; ``skipped`` were already done."""

    processed: int
    skipped: int
    failed: int
    seconds: float
    interrupted: bool = False
    dst: str = ""
    errors_file: str = ""
    #: Articles not sent to the models because their language is not in ``languages`` (this run).
    skipped_language: int = 0
    languages: tuple[str, ...] = ()
    #: Why the run stopped early (a model that could not load): ``code``, ``message``, ``hint``.
    error: dict[str, Any] | None = None

    @property
    def articles_per_minute(self) -> float:
        done = self.processed + self.failed + self.skipped_language
        return 60.0 * done / self.seconds if self.seconds > 0 else 0.0

    @property
    def exit_code(self) -> int:
        """0 all ok, 1 some failed (or the run stopped), 130 interrupted (POSIX convention for Ctrl-C)."""
        return 130 if self.interrupted else (1 if self.failed or self.error else 0)

    def line(self) -> str:
        counts = f"processed {self.processed}, skipped {self.skipped}, failed {self.failed}"
        if self.languages:
            counts += f", skipped_language {self.skipped_language} (not {'/'.join(self.languages)})"
        text = f"{counts} in {self.seconds:.1f} s"
        if self.processed + self.failed + self.skipped_language:  # a rate over resumed ones means nothing
            text += f" ({self.articles_per_minute:.1f} articles/min)"
        if self.error:
            text += f"; stopped: {self.error['message']}"
        if self.failed or self.error:
            text += f"; errors: {self.errors_file}"
        return text + ("; interrupted, re-run to resume" if self.interrupted else "")

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["articles_per_minute"] = round(self.articles_per_minute, 2)
        data["languages"] = list(self.languages)
        return data


class _Run:
    """Mutable state of one run (the driver side; engines only see article batches)."""

    def __init__(
        self,
        options: BatchOptions,
        models: dict[str, str],
        settings: dict[str, Any],
        progress: bool,
        glossary: Any = None,
    ):
        self.options = options
        self.models = models
        self.settings = settings
        self.store = OutputStore(options.dst, full=options.full, force=options.force, aligned=options.aligned)
        self.glossary = glossary
        self._keys: dict[str, str] = {}
        self.stop = threading.Event()
        self.open: dict[str, FileState] = {}
        self.inflight: dict[str, tuple[FileState, Article]] = {}
        self.processed = self.skipped = self.failed = self.skipped_language = 0
        self.limits = options.archive_limits()
        self.show_progress = progress
        self.bar: Any = None

    # -- feeding ---------------------------------------------------------------------------------

    def files(self) -> Iterator[SourceFile]:
        o = self.options
        return iter_files(o.src, globs=o.globs, exclude=[o.dst])

    def batches(self) -> Iterator[list[Article]]:
        """Pending articles in batches; skips and source errors are recorded on the way."""
        o = self.options
        batch: list[Article] = []
        for file in self.files():
            if self.stop.is_set():
                return
            try:
                self.store.json_path(file.rel)
            except ValueError as exc:
                self._fail_unwritable(file, str(exc))
                continue
            state = self.store.open_file(file.rel)
            self.open[file.rel] = state
            items = read_articles(
                file,
                text_field=o.text_field,
                max_file_bytes=o.max_file_bytes,
                archive_limits=self.limits,
                on_skipped=state.not_articles.update,
            )
            uncounted = self.bar is not None and _is_archive(file)
            for item in items:
                if self.stop.is_set():
                    return  # the half-read file stays open: its parts are kept for the resume
                if uncounted:
                    self.bar.total += 1
                if isinstance(item, SourceError):
                    state.expect(item.id, None)
                    self._finish(state, self._error_entry(item), item.id)
                    continue
                key = self.key(item)
                state.expect(item.id, key)
                if self.store.is_done(state, item.id, key, languages=o.languages):
                    self.skipped += 1
                    self._tick()
                    continue
                state.pending.add(item.id)
                self.inflight[item.id] = (state, item)
                batch.append(item)
                if len(batch) >= o.batch_size:
                    yield batch
                    batch = []
            state.closed = True
            self._maybe_merge(state)
        if batch:
            yield batch

    # -- results ---------------------------------------------------------------------------------

    def handle(self, rows: dict[str, list[str]]) -> None:
        """Write each result of an engine batch as a part; merge the files that became complete."""
        for i, article_id in enumerate(rows["id"]):
            state, article = self.inflight.pop(article_id)
            entry = self._entry(article)
            skipped_as = rows["language"][i] if "language" in rows else ""
            if skipped_as:
                entry.update(status="skipped_language", language=skipped_as)
            elif rows["result"][i]:
                result = json.loads(rows["result"][i])
                if article.warnings:
                    result["warnings"] = [w.to_dict() for w in article.warnings] + result.get("warnings", [])
                entry.update(status="ok", result=result)
            else:
                entry.update(
                    status="failed",
                    error={
                        "code": rows["error_code"][i] or "error",
                        "message": rows["error_message"][i],
                        "hint": rows["error_hint"][i] or None,
                    },
                )
            state.pending.discard(article_id)
            self._finish(state, entry, article_id)

    def _finish(self, state: FileState, entry: dict[str, Any], article_id: str) -> None:
        if state.closed and not state.pending:
            # The file's last article goes straight into the merged output: no part to write and
            # read back (half the writes for an archive of one-article files).
            self.store.finish_file(state, fresh={article_id: entry})
            self.open.pop(state.rel, None)
        else:
            self.store.write_part(state, entry)
        if entry["status"] == "ok":
            self.processed += 1
        elif entry["status"] == "skipped_language":
            self.skipped_language += 1
        else:
            self.failed += 1
            self.store.record_error(entry)
            logger.info("failed: %s: %s", article_id, entry["error"]["message"])
        self._tick()

    def _maybe_merge(self, state: FileState) -> None:
        if state.closed and not state.pending:
            self.store.finish_file(state)
            self.open.pop(state.rel, None)

    def _entry(self, article: Article) -> dict[str, Any]:
        entry = {
            "id": article.id,
            "source": article.source,
            "index": article.index,
            "record_id": article.record_id,
            "content_hash": article.content_hash,
            "key": self.key(article),
            "models": self.models,
            "settings": self.settings,
        }
        if article.url is not None or article.date is not None:
            entry.update(url=article.url, date=article.date)
        return entry

    def key(self, article: Article) -> str:
        """The resume key; with a glossary it covers only the terms this article contains."""
        key = self._keys.get(article.id)
        if key is None:
            settings = self.settings
            if self.glossary:
                used = {(m.term, m.english) for m in self.glossary.find(article.text)}
                settings = {**settings, "glossary": sorted(used)}
            key = self._keys[article.id] = job_key(article.content_hash, self.models, settings)
        return key

    def _error_entry(self, error: SourceError) -> dict[str, Any]:
        return {
            "id": error.id,
            "source": error.source,
            "index": error.index,
            "record_id": None,
            "content_hash": None,
            "key": None,
            "models": self.models,
            "settings": self.settings,
            "status": "failed",
            "error": {"code": error.code, "message": error.message, "hint": error.hint},
        }

    def _fail_unwritable(self, file: SourceFile, reason: str) -> None:
        entry = self._error_entry(SourceError(file.rel, file.rel, None, "bad_output_path", reason))
        self.failed += 1
        self.store.record_error(entry)
        self._tick()

    # -- progress --------------------------------------------------------------------------------

    def start_progress(self) -> None:
        if not self.show_progress:
            return
        from tqdm.auto import tqdm

        o = self.options
        # Archives (possibly many GB) are not read twice: their articles join the total as they come.
        total = sum(
            count_articles(f, text_field=o.text_field, max_file_bytes=o.max_file_bytes)
            for f in self.files()
            if not _is_archive(f)
        )
        self.bar = tqdm(total=total, unit="article", file=sys.stderr, dynamic_ncols=True, smoothing=0.1)

    def _tick(self) -> None:
        if self.bar is not None:
            self.bar.update(1)
            if self.failed:
                self.bar.set_postfix(failed=self.failed, refresh=False)


def _is_archive(file: SourceFile) -> bool:
    return file.kind in ARCHIVE_KINDS and file.problem is None


def _settings(options: BatchOptions, pipeline_options: Any) -> dict[str, Any]:
    """The settings that change outputs; a change redoes the affected articles."""
    return {
        "full": options.full,
        "length": options.length or pipeline_options.summary_length,
        "guard": pipeline_options.guard,
        "compute_type": pipeline_options.compute_type,
        "format_version": 1,
    }


@contextlib.contextmanager
def _interrupt_to(stop: threading.Event) -> Iterator[None]:
    """First Ctrl-C: finish the current batch and stop cleanly. Second: stop now."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.getsignal(signal.SIGINT)

    def handler(signum: int, frame: Any) -> None:
        if stop.is_set():
            signal.signal(signal.SIGINT, signal.default_int_handler)
            raise KeyboardInterrupt
        stop.set()
        print("\nInterrupted: finishing the current batch (Ctrl-C again to stop at once)", file=sys.stderr)

    signal.signal(signal.SIGINT, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def run_batch_job(
    options: BatchOptions, *, progress: bool = False, handle_interrupt: bool = True
) -> BatchSummary:
    """Summarise and translate every article under ``options.src`` into ``options.dst``.

    Resumable and crash-safe (see :mod:`summarizer.batch.store`). A bad article is a failed article; a
    model that cannot load stops the run, which still returns its summary (``error`` says why) and
    records the reason in errors.jsonl. An unknown model name raises ``SummarizerError`` up front.
    ``BatchLockedError`` (another run holds DST) and ``OutputWriteError`` (DST cannot be written)
    are raised as well; everything finished before stays valid.
    """
    from ..pipeline import Pipeline, PipelineOptions

    pipeline_options = PipelineOptions(**options.pipeline)
    # Resolves (does not load) the models: a typo fails here, and the ids key the resume.
    models = dict(Pipeline(options=pipeline_options).model_ids)
    settings = _settings(options, pipeline_options)
    run = _Run(options, models, settings, progress, glossary=pipeline_options.glossary)
    # Before anything touches DST's contents: a second run would redo the same work and delete the
    # first one's temp files under it.
    lock = run.store.lock()
    try:
        return _run_locked(run, options, pipeline_options, models, settings, progress, handle_interrupt)
    finally:
        lock.release()


def _run_locked(
    run: _Run,
    options: BatchOptions,
    pipeline_options: Any,
    models: dict[str, str],
    settings: dict[str, Any],
    progress: bool,
    handle_interrupt: bool,
) -> BatchSummary:
    engine = _make_engine(options, dataclasses.asdict(pipeline_options))
    started_at = datetime.now(UTC).isoformat(timespec="seconds")
    start = time.perf_counter()
    run.store.begin()
    ok = False
    stopped: dict[str, Any] | None = None
    try:
        with contextlib.ExitStack() as stack:
            if handle_interrupt:
                stack.enter_context(_interrupt_to(run.stop))
            if progress:
                from tqdm.contrib.logging import logging_redirect_tqdm

                stack.enter_context(logging_redirect_tqdm())  # log lines print above the bar
            run.start_progress()
            try:
                for rows in engine.process(run.batches(), stop=run.stop):
                    run.handle(rows)
            except OutputWriteError:
                raise  # DST itself failed: nothing more can be recorded there
            except SummarizerError as exc:
                # Articles' own errors come back as rows; what gets here stops every article (a model
                # that cannot load). Record it like any failure so the run still ends with its summary.
                stopped = {"code": error_code(exc), "message": exc.message, "hint": exc.hint}
                run.store.record_error({"id": None, "source": None, "error": stopped})
                logger.debug("batch stopped", exc_info=True)
        ok = True
    finally:
        if run.bar is not None:
            run.bar.close()
        engine.close()
        if not ok:
            run.store.abort()
    summary = BatchSummary(
        processed=run.processed,
        skipped=run.skipped,
        failed=run.failed,
        seconds=round(time.perf_counter() - start, 3),
        interrupted=run.stop.is_set(),
        dst=str(run.store.dst),
        errors_file=str(run.store.errors_path),
        skipped_language=run.skipped_language,
        languages=options.languages,
        error=stopped,
    )
    run.store.end(
        {
            "started": started_at,
            "engine": options.engine,
            "options": options.to_dict(),
            "models": models,
            "settings": settings,
            "summary": summary.to_dict(),
        }
    )
    return summary


def _make_engine(options: BatchOptions, pipeline_options: dict[str, Any]) -> Any:
    if options.engine == "ray":
        from .ray_engine import RayEngine

        return RayEngine(
            pipeline_options,
            options.full,
            options.length,
            address=options.ray_address,
            actors=options.ray_actors,
            batch_size=options.batch_size,
            languages=options.languages,
        )
    from .local import LocalEngine

    return LocalEngine(pipeline_options, options.full, options.length, languages=options.languages)
