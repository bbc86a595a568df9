"""Helpers shared by the CLI commands: reading input, friendly errors, stderr logging."""

from __future__ import annotations

import functools
import logging
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..errors import InputTooLargeError, SummarizerError

F = TypeVar("F", bound=Callable[..., Any])

#: Exit code for user errors (bad input, unknown model). Click's own usage errors also exit 2.
EXIT_USER_ERROR = 2
#: Exit code for failures that are not the user's input (model failed, some batch items failed).
EXIT_FAILURE = 1


def friendly_errors(func: F) -> F:
    """Turn library errors into one line on stderr and a non-zero exit, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except SummarizerError as exc:
            click.echo(f"Error: {exc.message}", err=True)
            if exc.hint:
                click.echo(f"Hint: {exc.hint}", err=True)
            from ..errors import ComputeTypeError, DeviceError, InputError, UnknownPresetError

            user_error = isinstance(exc, (InputError, UnknownPresetError, DeviceError, ComputeTypeError))
            code = EXIT_USER_ERROR if user_error else EXIT_FAILURE
            sys.exit(code)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            sys.exit(130)

    return wrapper  # type: ignore[return-value]


def read_input_bytes(source: str, limit: int | None = None) -> tuple[bytes, str]:
    """Read FILE or '-' (stdin) as bytes; return (data, display name).

    Only regular files are read (a FIFO would block forever, /dev/zero never ends), and never more
    than ``limit`` bytes: a bigger input is refused after reading ``limit + 1`` bytes, not whole.
    """
    if source == "-":
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None or stream.closed:
            raise click.UsageError("stdin is closed; pass a FILE, or pipe the article in ('-')")
        try:
            data = stream.read(-1 if limit is None else limit + 1)
        except (OSError, ValueError) as exc:  # ValueError: read from a closed file
            raise click.UsageError(f"cannot read stdin: {exc}") from exc
        return _within(data, limit, "stdin"), "<stdin>"
    path = Path(source)
    try:
        # O_NONBLOCK: opening a FIFO with no writer would otherwise block before fstat can refuse it.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError as exc:
        raise click.BadParameter(f"no such file: {source}", param_hint="FILE") from exc
    except IsADirectoryError as exc:
        raise click.BadParameter(
            f"{source} is a folder; use 'summarizer batch' for folders", param_hint="FILE"
        ) from exc
    except OSError as exc:
        raise click.FileError(source, hint=exc.strerror or str(exc)) from exc
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise click.BadParameter(
                f"{source} is a folder; use 'summarizer batch' for folders", param_hint="FILE"
            )
        if not stat.S_ISREG(mode):
            raise click.BadParameter(
                f"{source} is not a regular file (a pipe, device or socket); pipe its data into '-' instead",
                param_hint="FILE",
            )
    except click.BadParameter:
        os.close(fd)
        raise
    with os.fdopen(fd, "rb") as fh:
        try:
            data = fh.read(-1 if limit is None else limit + 1)
        except OSError as exc:
            raise click.FileError(source, hint=exc.strerror or str(exc)) from exc
    return _within(data, limit, source), str(path)


def _within(data: bytes, limit: int | None, name: str) -> bytes:
    if limit is not None and len(data) > limit:
        raise InputTooLargeError(
            f"{name} is above the raw input limit of {limit:,} bytes (4 x the article limit)",
            hint="split it into articles, or raise the limit with --max-chars",
        )
    return data


def raw_input_limit(max_chars: int | None) -> int:
    """Bytes a command reads at most for one article: the pipeline's raw limit for ``max_chars``."""
    from ..presets import DEFAULT_MAX_CHARS, RAW_FACTOR

    return RAW_FACTOR * (max_chars or DEFAULT_MAX_CHARS)


def setup_logging(verbose: int = 0, quiet: bool = False) -> None:
    """Logs go to stderr so stdout carries only results."""
    level = (
        logging.ERROR
        if quiet
        else (logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.WARNING)
    )
    logging.basicConfig(level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
