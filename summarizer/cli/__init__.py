"""The ``summarizer`` command line. Each command group lives in its own module below."""

from __future__ import annotations

import click

from .. import __version__


# show_default: every subcommand's --help shows its defaults (inherited by their contexts).
@click.group(context_settings={"help_option_names": ["-h", "--help"], "show_default": True})
@click.version_option(__version__, prog_name="summarizer")
def main() -> None:
    """Summarise Indonesian news and translate it into English."""


def _register() -> None:
    # One line per command module keeps this file conflict-free as commands are added.
    from .batch import batch_command
    from .clean import clean_command
    from .eval import eval_group
    from .models import models_group
    from .run import run_command
    from .serve import serve_command

    main.add_command(run_command)
    main.add_command(models_group)
    main.add_command(eval_group)
    main.add_command(clean_command)
    main.add_command(batch_command)
    main.add_command(serve_command)


_register()

__all__ = ["main"]
