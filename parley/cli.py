"""The ``parley`` command: one Typer app per area, wired together here.

Every command parses its options, makes one library call, and prints.
"""

from __future__ import annotations

from typing import Annotated

import typer

from parley import __version__
from parley.align.errors import EXIT_CODES
from parley.ui import STATE

_EPILOG = "Exit codes: " + "; ".join(f"{k} {v}" for k, v in EXIT_CODES.items()) + "."

app = typer.Typer(
    name="parley",
    help="Segment, align, translate and check diplomatic texts; export TMX/TBX/XLIFF for CAT tools.",
    epilog=_EPILOG,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"parley {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or info on stderr.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="More detail on stderr.")] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show version and exit."),
    ] = False,
) -> None:
    STATE.quiet = quiet
    STATE.verbose = verbose


#: Command modules in the order their commands appear in --help; each has register(app).
_COMMAND_MODULES = (
    "cmd_run", "cmd_corpus", "cmd_segment", "cmd_align", "cmd_eval_align", "cmd_translate", "cmd_models",
    "cmd_score", "cmd_convert", "cmd_glossary", "cmd_check",
)


def _register() -> None:
    import importlib

    for name in _COMMAND_MODULES:
        importlib.import_module(f"parley.{name}").register(app)


_register()


def main() -> None:
    """Console-script entry point."""
    app()
