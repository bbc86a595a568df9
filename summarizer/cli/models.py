"""``summarizer models``: list presets, download models for offline use."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..models import resolve_model
from ..models.common import HUB_FILES
from ..models.ct2 import COMPUTE_TYPES
from ..models.marian_native import MANIFEST, installed_folder
from ..models.resolve import is_cached
from ..presets import Preset, get_preset, list_presets
from ._common import friendly_errors


@click.group("models")
def models_group() -> None:
    """List and download models."""


@models_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def list_command(as_json: bool) -> None:
    """Show the model presets, their licences and whether they are in the local cache."""
    rows = []
    for preset in list_presets():
        row = preset.to_dict()
        if preset.is_native:
            folder = installed_folder(preset)
            row["cached"], row["local_copy"] = folder is not None, str(folder) if folder else None
        else:
            row["cached"] = is_cached(preset.hub_id)
            local = resolve_model(preset.name, preset.kind)
            row["local_copy"] = local.location if local.is_local else None
        rows.append(row)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        mark = "local copy" if row["local_copy"] else "cached" if row["cached"] else "not cached"
        aliases = f" (aliases: {', '.join(row['aliases'])})" if row["aliases"] else ""
        click.echo(f"{row['kind']:<12} {row['name']:<8} {row['hub_id']}  [{mark}]{aliases}")
        click.echo(f"{'':<21} {row['description']}; licence: {row['licence']}")
        if row["scores"]:
            scores = ", ".join(f"{k} {v:g}" for k, v in row["scores"].items())
            click.echo(f"{'':<21} {scores} ({row['scores_source']})")
    click.echo(
        "summary also accepts: extractive (offline, no weights), auto (default model, else extractive)"
    )


@models_group.command("download")
@click.argument("names", nargs=-1)
@click.option(
    "--from", "from_", metavar="ZIP",
    help="For a Marian-zip preset (quality): install from this file or URL instead of the preset's URL.",
)  # fmt: skip
@friendly_errors
def download_command(names: tuple[str, ...], from_: str | None) -> None:
    """Download NAMES (presets or hub ids; default: the default models) into the Hugging Face cache.

    Copy the cache folder (HF_HOME, default ~/.cache/huggingface) to an offline machine and set
    HF_HUB_OFFLINE=1 there. Marian-zip presets (quality) are fetched, checked and converted once.
    """
    found = {n: get_preset(n, "translation") for n in names}
    native = list({p.name: p for p in found.values() if p is not None and p.is_native}.values())
    if from_ is not None and len(native) != 1:
        raise click.UsageError("--from needs exactly one Marian-zip preset, e.g. 'models download quality'")
    for preset in native:
        _install_native(preset, from_)
    names = tuple(n for n, p in found.items() if p is None or not p.is_native)
    if native and not names:
        return
    from huggingface_hub import snapshot_download

    from ..models.resolve import hub_reachable, hub_unavailable, is_offline

    targets = [_hub_id(n) for n in names] or [
        get_preset("default", "summary").hub_id,  # type: ignore[union-attr]
        get_preset("default", "translation").hub_id,  # type: ignore[union-attr]
    ]
    for hub_id in targets:
        click.echo(f"downloading {hub_id} ...", err=True)
        local_only = is_offline() or not hub_reachable()  # seconds, not the hub client's retries
        if local_only and not is_cached(hub_id):
            raise hub_unavailable(hub_id, downloading=True)
        if local_only:
            click.echo(f"{hub_id} is cached already; not checked for updates (no hub access)", err=True)
        try:
            path = snapshot_download(repo_id=hub_id, allow_patterns=HUB_FILES, local_files_only=local_only)
        except Exception as exc:  # the hub client raises many types; hub_unavailable sorts them
            raise hub_unavailable(hub_id, exc, downloading=True) from exc
        click.echo(path)


def _install_native(preset: Preset, source: str | None) -> None:
    import importlib.util
    import sys

    from ..models.marian_native import install_preset

    if installed_folder(preset) is not None:
        click.echo(f"{preset.name} is already installed", err=True)
    else:
        click.echo(f"installing {preset.name} from {source or preset.url} ...", err=True)
    with click.progressbar(length=preset.size or 0, label=preset.name, file=sys.stderr) as bar:
        last = [0]

        def progress(done: int, total: int | None) -> None:
            bar.length = total or bar.length
            bar.update(done - last[0])
            last[0] = done

        folder = install_preset(preset, source=source, progress=progress)
    manifest = json.loads((folder / MANIFEST).read_text("utf-8"))
    checked = "verified" if manifest["verified_sha256"] else "not verified: the preset records no checksum"
    click.echo(f"sha256 {manifest['sha256']} ({checked}); licence: {manifest['licence']}", err=True)
    if importlib.util.find_spec("ctranslate2") is not None:
        from ..models.ct2 import convert_model

        click.echo(f"converting {preset.name} for CTranslate2 ...", err=True)
        convert_model(preset.name, "translation")
    click.echo(str(folder))


def _hub_id(name: str) -> str:
    for kind in ("summary", "translation"):
        preset = get_preset(name, kind)
        if preset is not None:
            return preset.hub_id
    return name


@models_group.command("convert")
@click.argument("names", nargs=-1, metavar="[NAME]...")
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, dir_okay=True),
    default=None,
    metavar="DIR",
    help="Folder to write the converted models into [default: $SUMMARIZER_CT2_DIR, "
    "else $HF_HOME/summarizer-ct2]. Run with SUMMARIZER_CT2_DIR=DIR to use them.",
)
@click.option(
    "--compute-type",
    default="default",
    show_default=True,
    type=click.Choice(COMPUTE_TYPES, case_sensitive=False),
    help="int8 (CPU default), int8_float16 (CUDA default), float16, float32, ...",
)
@click.option("--device", default="cpu", show_default=True, help="Device the converted model is meant for.")
@friendly_errors
def convert_command(names: tuple[str, ...], output: str | None, compute_type: str, device: str) -> None:
    """Convert models for --backend ctranslate2. Every NAME is a model to convert: a preset, a hub id
    or a local model folder (default: the default summary and translation models).

    Models are converted on first use anyway; doing it ahead keeps the first request fast and the
    serving process free of torch. Prints each converted folder.
    """  # fmt: skip
    from ..models.ct2 import convert_model
    from ..models.resolve import looks_like_path

    for name in names:
        # "convert opus-mt-id-en ./my-model" meant "write into ./my-model": say how, not "no such model".
        if looks_like_path(name) and not Path(name).expanduser().exists():
            raise click.UsageError(
                f"{name!r} is not a model folder (it does not exist); every NAME is a model to convert. "
                f"To choose where converted models go, use --output {name}"
            )
    targets = [(n, "translation" if get_preset(n, "translation") else "summary") for n in names] or [
        ("default", "summary"),
        ("default", "translation"),
    ]
    for name, kind in targets:
        click.echo(f"converting {name} ({compute_type}) ...", err=True)
        path = convert_model(name, kind, compute_type=compute_type, device=device, output=output)
        click.echo(str(path))
