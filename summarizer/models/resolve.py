"""One resolver for every model spec: preset name, hub id or local directory."""

from __future__ import annotations

import logging
import os
import pickle
import re
import socket
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from ..errors import ModelUnavailableError, UnknownPresetError
from ..presets import Preset, get_preset, list_presets
from ..settings import models_dir

__all__ = [
    "ResolvedModel",
    "broken_weights_error",
    "hub_unavailable",
    "is_offline",
    "looks_like_path",
    "offline_hint",
    "resolve_model",
    "weight_file_errors",
]

logger = logging.getLogger(__name__)

_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")


@dataclass(frozen=True)
class ResolvedModel:
    """Where a model comes from. ``location`` is what ``from_pretrained`` gets (hub id or folder)."""

    spec: str
    kind: str
    location: str
    source: str  # "preset" | "hub" | "path"
    preset: Preset | None = None

    @property
    def model_id(self) -> str:
        """Stable name for results: the hub id (also for a local copy of a preset), else the folder."""
        return self.preset.hub_id if self.preset else self.location

    @property
    def is_local(self) -> bool:
        return self.source == "path"


def is_offline() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in {"1", "true", "yes", "on"}


def is_cached(hub_id: str) -> bool:
    """Whether the Hugging Face cache already holds this model's config."""
    try:
        from huggingface_hub import try_to_load_from_cache
    except ImportError:  # pragma: no cover - a dependency of transformers
        return False
    return isinstance(try_to_load_from_cache(hub_id, "config.json"), str)


def hub_reachable(timeout: float = 3.0) -> bool:
    """A quick TCP check of the hub, so an offline machine fails in seconds instead of retrying for
    minutes. Behind a proxy the direct check means nothing, so it is skipped (assumed reachable)."""
    proxies = ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy")
    if any(os.environ.get(v) for v in proxies):
        return True
    endpoint = os.environ.get("HF_ENDPOINT", "https://huggingface.co")
    parsed = urlparse(endpoint)
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    try:
        with socket.create_connection((parsed.hostname or "huggingface.co", port), timeout=timeout):
            return True
    except OSError:
        return False


def offline_hint(hub_id: str) -> str:
    return (
        f"on a connected machine run 'summarizer models download {hub_id}' and copy its Hugging Face cache "
        f"(HF_HOME, default ~/.cache/huggingface) here, or pass a local model folder, "
        f"or set {'SUMMARIZER_MODELS_DIR'} to a folder that holds it"
    )


def hub_unavailable(
    hub_id: str, exc: BaseException | None = None, *, downloading: bool = False
) -> ModelUnavailableError:
    """The one error for "this hub model cannot be had here", whichever path (transformers, CTranslate2,
    ``models convert``, ``models download``) ran into it: one message per situation, never raw hub text.
    """
    what = f"cannot download {hub_id!r}" if downloading else f"model {hub_id!r} is not in the local cache"
    why = _hub_failure(exc)
    if why == "not_found":
        return ModelUnavailableError(
            f"model {hub_id!r} was not found on the Hugging Face hub (or it is private or gated)",
            hint="check the name; 'summarizer models list' shows the presets",
        )
    if is_offline():
        hint = offline_hint(hub_id)
        if downloading:
            hint = "downloads are off while HF_HUB_OFFLINE is set: unset it on a machine that reaches the hub"
        return ModelUnavailableError(f"{what} and HF_HUB_OFFLINE is set (no downloads)", hint=hint)
    if why == "network" or not hub_reachable():
        hint = offline_hint(hub_id)
        if downloading:
            hint = "check the network or proxy (HTTPS_PROXY), or download on a connected machine instead"
        return ModelUnavailableError(f"{what} and the Hugging Face hub is not reachable", hint=hint)
    detail = f" ({type(exc).__name__})" if exc is not None else ""
    return ModelUnavailableError(
        f"{what} and downloading it failed{detail}", hint="try again; if it persists, " + offline_hint(hub_id)
    )


# By name: the hub client wraps httpx/requests errors, and neither needs importing to recognise them.
_NETWORK_ERRORS = {
    "ConnectionError",
    "ConnectError",
    "TimeoutException",
    "TimeoutError",
    "OfflineModeIsEnabled",
}


def _hub_failure(exc: BaseException | None) -> str:
    """ "not_found", "network" or "other", from the exception and everything it wraps."""
    seen: set[int] = set()
    todo = [exc]
    found = "other"
    while todo:
        current = todo.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        names = {c.__name__ for c in type(current).__mro__}
        if names & {"RepositoryNotFoundError", "GatedRepoError", "RevisionNotFoundError"}:
            return "not_found"
        if names & _NETWORK_ERRORS:
            found = "network"
        todo.extend([current.__cause__, current.__context__])
    return found


def resolve_model(spec: str, kind: str) -> ResolvedModel:
    """Turn ``spec`` into a :class:`ResolvedModel` without loading anything.

    Order: a bare name that is a preset (or alias); an existing folder or anything path-like; a copy
    under ``SUMMARIZER_MODELS_DIR``; then a hub id ``owner/name`` (matched to a preset by hub id, so
    the preset's prompt and settings still apply).
    """
    if kind not in ("summary", "translation"):
        raise ValueError(f"kind must be 'summary' or 'translation', not {kind!r}")
    spec = (spec or "").strip()
    if not spec:
        raise UnknownPresetError(f"empty {kind} model name", hint=_choices(kind))

    bare = "/" not in spec and os.sep not in spec
    preset = get_preset(spec, kind) if bare else None
    path = Path(spec).expanduser()
    if preset is None and (looks_like_path(spec) or path.is_dir()):
        return _local(spec, path, kind)
    if preset is None:
        preset = _preset_by_hub_id(spec, kind)
    hub_id = preset.hub_id if preset else spec
    local = _in_models_dir(hub_id)
    if local is not None:
        logger.debug("model %s found in models dir: %s", hub_id, local)
        return ResolvedModel(spec, kind, str(local), "path", preset)
    if preset is not None and preset.is_native:
        return _native(spec, kind, preset)
    if preset is not None:
        return ResolvedModel(spec, kind, preset.hub_id, "preset", preset)
    if _HUB_ID.match(spec):
        return ResolvedModel(spec, kind, spec, "hub", None)
    raise UnknownPresetError(f"unknown {kind} model {spec!r}", hint=_choices(kind))


def _native(spec: str, kind: str, preset: Preset) -> ResolvedModel:
    """A Marian-zip preset is not on the hub: it must have been installed by ``models download``."""
    from .marian_native import installed_folder

    folder = installed_folder(preset)
    if folder is None:
        raise ModelUnavailableError(
            f"{kind} model {preset.name!r} is not installed yet",
            hint=f"run 'summarizer models download {preset.name}' once (it fetches and converts the model), "
            f"or 'summarizer models download {preset.name} --from ZIP' with a copy of {preset.url}",
        )
    return ResolvedModel(spec, kind, str(folder), "path", preset)


def _preset_by_hub_id(hub_id: str, kind: str) -> Preset | None:
    return next((p for p in list_presets(kind) if p.hub_id.lower() == hub_id.lower()), None)


def looks_like_path(spec: str) -> bool:
    """Whether a model spec is meant as a folder (./x, /x, ~/x, a/b/c), not a preset or hub id."""
    return spec.startswith((".", "/", "~")) or os.sep in spec.replace("/", "") or spec.count("/") > 1


def _local(spec: str, path: Path, kind: str) -> ResolvedModel:
    if not path.is_dir():
        raise ModelUnavailableError(
            f"model folder {spec!r} does not exist",
            hint="pass an existing folder that holds config.json, or a preset name / hub id",
        )
    if not (path / "config.json").is_file():
        raise ModelUnavailableError(
            f"{spec!r} is not a model folder (no config.json in it)",
            hint="point at the folder that holds config.json and the weights (save_pretrained output)",
        )
    return ResolvedModel(spec, kind, str(path.resolve()), "path", None)


def _in_models_dir(hub_id: str) -> Path | None:
    root = models_dir()
    if not root:
        return None
    base = Path(root).expanduser()
    name = hub_id.rpartition("/")[2]
    for candidate in (base / hub_id.replace("/", "--"), base / hub_id, base / name):
        if (candidate / "config.json").is_file():
            return candidate.resolve()
    return None


def _choices(kind: str) -> str:
    names = ", ".join(sorted({p.name for p in list_presets(kind)} | {"a hub id", "a local folder"}))
    extra = ", extractive, auto" if kind == "summary" else ""
    return f"use one of: {names}{extra}"


def weight_file_errors() -> tuple[type[BaseException], ...]:
    """What torch/safetensors raise for a corrupt, truncated or unsafe (code-carrying) weights file."""
    errors: tuple[type[BaseException], ...] = (pickle.UnpicklingError, EOFError, zipfile.BadZipFile)
    try:
        from safetensors import SafetensorError
    except ImportError:  # pragma: no cover - a dependency of transformers
        return errors
    return (*errors, SafetensorError)


def broken_weights_error(location: str, exc: BaseException) -> ModelUnavailableError:
    """One line for a weights file that cannot be read; torch's own text advises unsafe loading."""
    why = type(exc).__name__
    if isinstance(exc, pickle.UnpicklingError):
        why += "; refused, since unpickling it could run code"
    return ModelUnavailableError(
        f"cannot load the model in {location}: its weights file is corrupt, truncated or holds more than "
        f"plain tensors ({why})",
        hint="replace the weights with a trusted copy, preferably model.safetensors from save_pretrained()",
    )
