"""``--engine ray``: the same :class:`BatchProcessor` run as a Ray Data actor pool (one model load per actor).

The driver still reads SRC, applies the resume rules and writes every output, so outputs and resume
behave exactly as with the local engine. Pending articles go to Ray in windows (bounded driver
memory); each window is one ``map_batches`` pass over a fixed-size actor pool.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import threading
import warnings
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import BackendUnavailableError, SummarizerError
from .engine import ArticleError, Outcome, SkippedLanguage
from .items import Article
from .local import BatchProcessor
from .records import error_fields

if TYPE_CHECKING:
    from ..pipeline import PipelineOptions

__all__ = ["DEFAULT_WINDOW", "RESULT_COLUMNS", "RayEngine", "RayProcessor"]

logger = logging.getLogger(__name__)

#: Articles handed to Ray per pass. Larger windows load models less often; smaller ones bound memory.
DEFAULT_WINDOW = 2048
_INSTALL_HINT = "pip install 'summarizer[ray]'"
#: Columns an actor returns: plain strings, so Arrow never guesses a schema. ``result`` is
#: ``ArticleResult.to_dict()`` as JSON, or ``""`` with the error columns or ``language`` set.
RESULT_COLUMNS = ("id", "result", "error_code", "error_message", "error_hint", "language")


class _Wired(NamedTuple):
    """An article as it crosses to an actor: only what the processor reads."""

    id: str
    text: str
    format: str


class _WireResult:
    """An ``ArticleResult`` back from an actor: already the dict its ``to_dict()`` gave there."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    def to_dict(self) -> dict[str, Any]:
        return self._data


class RayProcessor:
    """The Ray Data actor: a :class:`BatchProcessor` between string columns (the wire format)."""

    def __init__(self, **kwargs: Any) -> None:
        self.processor = BatchProcessor(**kwargs)

    def __call__(self, batch: Mapping[str, Iterable[Any]]) -> dict[str, list[str]]:
        articles = [
            _Wired(str(i), str(t), str(f))
            for i, t, f in zip(batch["id"], batch["text"], batch["format"], strict=True)
        ]
        out: dict[str, list[str]] = {name: [] for name in RESULT_COLUMNS}
        for article_id, outcome in self.processor(articles):
            row = dict.fromkeys(RESULT_COLUMNS, "")
            row["id"] = article_id
            if isinstance(outcome, SkippedLanguage):
                row["language"] = outcome.language
            elif isinstance(outcome, SummarizerError):
                error = error_fields(outcome)
                row.update(
                    error_code=error["code"], error_message=error["message"], error_hint=error["hint"] or ""
                )
            else:
                row["result"] = json.dumps(outcome.to_dict(), ensure_ascii=False)
            for name in RESULT_COLUMNS:
                out[name].append(row[name])
        return out


def _decode(columns: Mapping[str, Any]) -> Iterator[tuple[str, Outcome]]:
    """``(id, outcome)`` per row of what an actor returned."""
    rows = {name: [str(v) for v in columns[name]] for name in RESULT_COLUMNS}
    for i, article_id in enumerate(rows["id"]):
        outcome: Outcome
        if rows["language"][i]:
            outcome = SkippedLanguage(rows["language"][i])
        elif rows["result"][i]:
            outcome = _WireResult(json.loads(rows["result"][i]))
        else:
            code, message = rows["error_code"][i] or "error", rows["error_message"][i]
            outcome = ArticleError(code, message, hint=rows["error_hint"][i] or None)
        yield article_id, outcome


def _import_ray() -> Any:
    try:
        import ray
        import ray.data  # Ray Data is a separate extra of ray
    except ImportError as exc:
        raise BackendUnavailableError(
            "--engine ray needs Ray Data, which is not installed", hint=_INSTALL_HINT
        ) from exc
    return ray


class RayEngine:
    """Process article batches on a Ray cluster (or a local Ray started here)."""

    name = "ray"

    def __init__(
        self,
        pipeline_options: PipelineOptions,
        full: bool,
        length: str | None,
        *,
        address: str | None = None,
        actors: int | None = None,
        batch_size: int = 16,
        window: int = DEFAULT_WINDOW,
        languages: Iterable[str] = (),
    ) -> None:
        ray = _import_ray()
        self._ray = ray
        self._owns_ray = False
        if not ray.is_initialized():
            # address=None starts a local Ray (or joins RAY_ADDRESS when that is set).
            with _quiet_start(local=not (address or os.environ.get("RAY_ADDRESS"))):
                ray.init(
                    address=address,
                    include_dashboard=False,
                    logging_level=logging.WARNING,
                    log_to_driver=False,
                )
            self._owns_ray = True
        elif address:
            logger.warning("Ray is already initialised in this process; ignoring --ray-address %s", address)
        if not logger.isEnabledFor(logging.INFO):
            # Ray Data logs every dataset execution at INFO; our progress bar says enough.
            logging.getLogger("ray.data").setLevel(logging.ERROR)
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False  # ours is on stderr already
        resources = ray.cluster_resources()
        gpus = int(resources.get("GPU", 0))
        cpus = int(resources.get("CPU", 1))
        # One actor per GPU; on CPUs one per two cores, since each actor's torch uses several threads.
        self.num_gpus = 1 if gpus else 0
        self.actors = actors or (gpus if gpus else max(1, cpus // 2))
        self.batch_size = batch_size
        self.window = window
        self._constructor = {
            "pipeline_options": pipeline_options,
            "full": full,
            "length": length,
            "languages": tuple(languages),
        }
        logger.info(
            "Ray engine: %d actor(s), %s", self.actors, f"{gpus} GPU(s)" if gpus else f"{cpus} CPU(s)"
        )

    def process(
        self, batches: Iterable[list[Article]], stop: threading.Event | None = None
    ) -> Iterator[tuple[str, Outcome]]:
        window: list[Article] = []
        for batch in batches:
            window.extend(batch)
            if len(window) >= self.window:
                yield from self._run(window, stop)
                window = []
        if window:
            yield from self._run(window, stop)

    def _run(self, articles: list[Article], stop: threading.Event | None) -> Iterator[tuple[str, Outcome]]:
        ray = self._ray
        rows = [{"id": a.id, "text": a.text, "format": a.format} for a in articles]
        with warnings.catch_warnings():
            # max_restarts has no named parameter yet; Ray warns about passing it the only way it can be.
            warnings.filterwarnings("ignore", message=".*ray_remote_args. is deprecated")
            dataset = ray.data.from_items(rows).map_batches(
                RayProcessor,
                fn_constructor_kwargs=self._constructor,
                batch_size=self.batch_size,
                compute=ray.data.ActorPoolStrategy(size=self.actors),
                num_gpus=self.num_gpus or None,
                batch_format="default",
                **_no_restarts(),
            )
        try:
            for out in dataset.iter_batches(batch_size=None, batch_format="default"):
                yield from _decode(out)
                if stop is not None and stop.is_set():
                    return  # what came back is written; the rest is redone on the next run
        except Exception as exc:
            cause = _summarizer_cause(exc)
            if cause is not None:
                raise cause from exc
            raise

    def close(self) -> None:
        if self._owns_ray:
            self._ray.shutdown()
            self._owns_ray = False


def _no_restarts() -> dict[str, Any]:
    """``max_restarts=0`` for the actor pool, where this Ray still takes it.

    A restart needs the constructor arguments Ray Data keeps in the object store, which Ray flags
    with a core_worker error line on every good run. Without restarts a dead actor fails the window
    instead, and re-running resumes: the driver has written everything that came back.
    """
    import inspect

    from ray.data import Dataset

    params = inspect.signature(Dataset.map_batches).parameters
    takes_extra = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())
    return {"max_restarts": 0} if takes_extra else {}


@contextlib.contextmanager
def _quiet_start(local: bool) -> Iterator[None]:
    """Start a Ray just for this run without its token-auth notice (restored afterwards).

    That Ray lives on this machine and ends with the command, so the notice is noise; when joining a
    cluster it stays.
    """
    auth_logger = logging.getLogger("ray._private.authentication.authentication_token_setup")
    old_level = auth_logger.level
    if local:
        auth_logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        auth_logger.setLevel(old_level)


def _summarizer_cause(exc: BaseException) -> SummarizerError | None:
    """The library error behind Ray's wrappers (e.g. a model that failed to load in an actor)."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        current = todo.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, SummarizerError):
            return current
        todo.extend([current.__cause__, current.__context__, getattr(current, "cause", None)])
    return None
