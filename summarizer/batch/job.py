"""One batch run: stream SRC, skip what is done, feed an engine, write every result as it comes."""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import signal
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ..errors import OutputWriteError, SummarizerError
from .archives import ARCHIVE_KINDS
from .engine import Engine, Outcome
from .options import ENGINES, LANGUAGES, BatchOptions
from .records import OutputRecord, RunContext, job_key
from .sources import Article, SourceError, SourceFile, count_articles, iter_files, read_articles
from .store import OutputStore

__all__ = ["ENGINES", "LANGUAGES", "BatchOptions", "BatchSummary", "make_engine", "run_batch_job"]

logger = logging.getLogger(__name__)


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

    def __init__(self, options: BatchOptions, models: dict[str, str], progress: bool) -> None:
        self.options = options
        self.context = RunContext(models, options.settings())
        self.store = OutputStore(options.dst, full=options.full, force=options.force, aligned=options.aligned)
        self.glossary = options.pipeline.glossary
        self._keys: dict[str, str] = {}
        self.stop = threading.Event()
        self.inflight: dict[str, Article] = {}
        self.processed = self.skipped = self.failed = self.skipped_language = 0
        self.show_progress = progress
        self.bar: Any = None

    # -- feeding ---------------------------------------------------------------------------------

    def files(self) -> Iterator[SourceFile]:
        o = self.options
        return iter_files(o.src, globs=o.globs, exclude=[o.dst])

    def batches(self) -> Iterator[list[Article]]:
        """Pending articles in batches; skips and source errors are recorded on the way."""
        batch: list[Article] = []
        for file in self.files():
            if self.stop.is_set():
                return
            for article in self._pending(file):
                batch.append(article)
                if len(batch) >= self.options.batch_size:
                    yield batch
                    batch = []
        if batch:
            yield batch

    def _pending(self, file: SourceFile) -> Iterator[Article]:
        """The articles of ``file`` that need the models (until ``stop``)."""
        o = self.options
        try:
            on_skipped = self.store.start_file(file.rel)
        except ValueError as exc:
            self._fail_unwritable(file, str(exc))
            return
        items = read_articles(
            file,
            text_field=o.text_field,
            max_file_bytes=o.max_file_bytes,
            archive_limits=o.archive_limits(),
            on_skipped=on_skipped,
        )
        uncounted = self.bar is not None and _is_archive(file)
        for item in items:
            if self.stop.is_set():
                return  # the half-read file stays open: its parts are kept for the resume
            if uncounted:
                self.bar.total += 1
            if isinstance(item, SourceError):
                self.store.expect(file.rel, item.id, None)
                self._save(OutputRecord.for_source_error(item, self.context))
            elif self.store.expect(file.rel, item.id, self.key(item), languages=o.languages):
                self.inflight[item.id] = item
                yield item
            else:
                self.skipped += 1
                self._tick()
        self.store.close_file(file.rel)

    # -- results ---------------------------------------------------------------------------------

    def handle(self, article_id: str, outcome: Outcome) -> None:
        """Keep what an engine answered for one article."""
        article = self.inflight.pop(article_id)
        self._save(OutputRecord.for_article(article, self.key(article), self.context, outcome))

    def _save(self, record: OutputRecord) -> None:
        self.store.save(record)
        if record.status == "ok":
            self.processed += 1
        elif record.status == "skipped_language":
            self.skipped_language += 1
        else:
            self.failed += 1
            logger.info("failed: %s: %s", record.item.id, (record.error or {}).get("message"))
        self._tick()

    def key(self, article: Article) -> str:
        """The resume key; with a glossary it covers only the terms this article contains."""
        key = self._keys.get(article.id)
        if key is None:
            settings = self.context.settings
            if self.glossary:
                used = {(m.term, m.english) for m in self.glossary.find(article.text)}
                settings = {**settings, "glossary": sorted(used)}
            key = self._keys[article.id] = job_key(article.content_hash, self.context.models, settings)
        return key

    def _fail_unwritable(self, file: SourceFile, reason: str) -> None:
        error = SourceError(file.rel, file.rel, None, "bad_output_path", reason)
        self.failed += 1
        self.store.record_error(error.id, error.source, {"code": error.code, "message": reason, "hint": None})
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
    from ..pipeline import Pipeline

    # Resolves (does not load) the models: a typo fails here, and the ids key the resume.
    models = dict(Pipeline(options=options.pipeline).model_ids)
    run = _Run(options, models, progress)
    # Before anything touches DST's contents: a second run would redo the same work and delete the
    # first one's temp files under it.
    lock = run.store.lock()
    try:
        return _run_locked(run, progress, handle_interrupt)
    finally:
        lock.release()


def make_engine(options: BatchOptions) -> Engine:
    """The engine ``options.engine`` names, set up from ``options``."""
    if options.engine == "ray":
        from .ray_engine import RayEngine

        return RayEngine(
            options.pipeline,
            options.full,
            options.length,
            address=options.ray_address,
            actors=options.ray_actors,
            batch_size=options.batch_size,
            languages=options.languages,
        )
    from .local import LocalEngine

    return LocalEngine(options.pipeline, options.full, options.length, languages=options.languages)


def _run_locked(run: _Run, progress: bool, handle_interrupt: bool) -> BatchSummary:
    options = run.options
    engine = make_engine(options)
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
            stopped = _drive(run, engine)
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
            "models": dict(run.context.models),
            "settings": run.context.settings,
            "summary": summary.to_dict(),
        }
    )
    return summary


def _drive(run: _Run, engine: Engine) -> dict[str, Any] | None:
    """Feed the engine and keep its answers; what stopped the run early, if anything."""
    try:
        for article_id, outcome in engine.process(run.batches(), stop=run.stop):
            run.handle(article_id, outcome)
    except OutputWriteError:
        raise  # DST itself failed: nothing more can be recorded there
    except SummarizerError as exc:
        # Articles' own errors come back as outcomes; what gets here stops every article (a model
        # that cannot load). Record it like any failure so the run still ends with its summary.
        stopped = {"code": exc.code, "message": exc.message, "hint": exc.hint}
        run.store.record_error(None, None, stopped)
        logger.debug("batch stopped", exc_info=True)
        return stopped
    return None
