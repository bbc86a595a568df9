"""Model presets, read from ``presets.toml``, and their prompt templates."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, field, fields
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = [
    "DEFAULT_MAX_CHARS",
    "GENERIC_LENGTHS",
    "LENGTHS",
    "MIN_WORDS",
    "RAW_FACTOR",
    "Preset",
    "get_preset",
    "list_presets",
    "load_prompt",
]

# Output lengths and input limits live here, once; everything else imports them.
#: Summary lengths accepted everywhere (API, CLI, web page).
LENGTHS = ("short", "medium", "long")
#: Summary lengths as (max, min) new tokens for models that are not presets (presets carry their own).
GENERIC_LENGTHS = {"short": (64, 16), "medium": (128, 32), "long": (200, 64)}
#: Largest article accepted by default (characters after decoding): ~100 pages of news text.
DEFAULT_MAX_CHARS = 300_000
#: Raw input (HTML, boilerplate included) may be this many times max_chars before cleaning.
RAW_FACTOR = 4
#: Fewer words than this after cleaning is a menu, a title or a scrap, not an article.
MIN_WORDS = 5
_KINDS = ("summary", "translation")
_GEN_KEYS = ("num_beams", "no_repeat_ngram_size", "repetition_penalty", "length_penalty")


@dataclass(frozen=True)
class Preset:
    """A named model: its hub id, licence, prompt and generation settings."""

    name: str
    kind: str
    hub_id: str
    family: str
    licence: str
    description: str = ""
    prompt: str | None = None
    aliases: tuple[str, ...] = ()
    generation: dict[str, Any] = field(default_factory=dict)
    max_new_tokens: tuple[int, ...] = ()
    min_new_tokens: tuple[int, ...] = ()
    #: Marian-native zip to download and convert (Tatoeba-MT model store); None for hub models.
    url: str | None = None
    sha256: str | None = None
    size: int | None = None
    #: Published scores, e.g. {"flores200-devtest BLEU": 38.6}, with ``scores_source`` naming where.
    scores: dict[str, float] = field(default_factory=dict)
    scores_source: str = ""

    @property
    def is_native(self) -> bool:
        """A Marian-native zip that ``summarizer models download`` converts, not a hub model."""
        return self.url is not None

    def length_settings(self, length: str) -> dict[str, int]:
        """max/min new tokens for a summary length name."""
        if not self.max_new_tokens:
            return {}
        i = LENGTHS.index(length)
        out = {"max_new_tokens": self.max_new_tokens[i]}
        if self.min_new_tokens:
            out["min_new_tokens"] = self.min_new_tokens[i]
        return out

    def to_dict(self) -> dict[str, Any]:
        """What ``models list --json`` shows: the prompt and generation settings stay internal."""
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in _INTERNAL_FIELDS}
        return {**data, "aliases": list(self.aliases), "scores": dict(self.scores)}


# Prompt, generation settings and download checks are how a preset runs, not what it is.
_INTERNAL_FIELDS = frozenset({"prompt", "generation", "max_new_tokens", "min_new_tokens", "sha256", "size"})


@functools.cache
def _presets() -> dict[str, dict[str, Preset]]:
    data = tomllib.loads(resources.files("summarizer").joinpath("presets.toml").read_text("utf-8"))
    table: dict[str, dict[str, Preset]] = {}
    for kind in _KINDS:
        table[kind] = {}
        for name, raw in data.get(kind, {}).items():
            preset = Preset(
                name=name,
                kind=kind,
                hub_id=raw["hub_id"],
                family=raw.get("family", ""),
                licence=raw.get("licence", ""),
                description=raw.get("description", ""),
                prompt=raw.get("prompt"),
                aliases=tuple(raw.get("aliases", ())),
                generation={k: raw[k] for k in _GEN_KEYS if k in raw},
                max_new_tokens=tuple(raw.get("max_new_tokens", ())),
                min_new_tokens=tuple(raw.get("min_new_tokens", ())),
                url=raw.get("url"),
                sha256=raw.get("sha256") or None,
                size=raw.get("size") or None,
                scores=dict(raw.get("scores", {})),
                scores_source=raw.get("scores_source", ""),
            )
            for key in (name, *preset.aliases):
                table[kind][key] = preset
    return table


def get_preset(name: str, kind: str) -> Preset | None:
    """The preset called ``name`` (or one of its aliases) for ``kind``, else None."""
    return _presets()[kind].get(name.strip().lower())


def list_presets(kind: str | None = None) -> list[Preset]:
    """Distinct presets, defaults first."""
    kinds = (kind,) if kind else _KINDS
    seen: dict[tuple[str, str], Preset] = {}
    for k in kinds:
        for preset in _presets()[k].values():
            seen.setdefault((k, preset.name), preset)
    return list(seen.values())


@functools.cache
def load_prompt(filename: str) -> str:
    """A prompt template from ``prompts/`` (repo checkout) or the installed package data."""
    candidates = [
        Path(__file__).resolve().parent.parent / "prompts" / filename,
        Path(str(resources.files("summarizer"))) / "prompts" / filename,
    ]
    for path in candidates:
        if path.is_file():
            template = path.read_text("utf-8").strip("\n")
            if "{text}" not in template:
                raise ValueError(f"prompt template {path} has no {{text}} placeholder")
            return template
    raise FileNotFoundError(f"prompt template {filename!r} not found in {candidates}")
