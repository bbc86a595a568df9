"""Helpers shared by the CLI commands: reading input, friendly errors, stderr logging."""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..errors import SummarizerError

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
            from ..errors import DeviceError, InputError, UnknownPresetError

            user_error = isinstance(exc, (InputError, UnknownPresetError, DeviceError))
            code = EXIT_USER_ERROR if user_error else EXIT_FAILURE
            sys.exit(code)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            sys.exit(130)

    return wrapper  # type: ignore[return-value]


def read_input_bytes(source: str) -> tuple[bytes, str]:
    """Read FILE or '-' (stdin) as bytes; return (data, display name)."""
    if source == "-":
        return sys.stdin.buffer.read(), "<stdin>"
    path = Path(source)
    if not path.exists():
        raise click.BadParameter(f"no such file: {source}", param_hint="FILE")
    if path.is_dir():
        raise click.BadParameter(
            f"{source} is a folder; use 'summarizer batch' for folders", param_hint="FILE"
        )
    try:
        return path.read_bytes(), str(path)
    except OSError as exc:
        raise click.FileError(source, hint=exc.strerror or str(exc)) from exc


def setup_logging(verbose: int = 0, quiet: bool = False) -> None:
    """Logs go to stderr so stdout carries only results."""
    level = (
        logging.ERROR
        if quiet
        else (logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.WARNING)
    )
    logging.basicConfig(level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
