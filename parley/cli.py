"""The ``parley`` command: one Typer app per area, wired together here.

Every command parses its options, makes one library call, and prints. Command modules are
imported only when their command is used (:class:`_LazyGroup`), so ``parley --version`` and
``parley run ...`` do not pay for the others.
"""

from __future__ import annotations

import importlib
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from parley import __version__
from parley.align.errors import EXIT_CODES
from parley.ui import STATE

#: Command name -> module (``parley.<module>.register(app)`` adds it), in --help order.
_COMMANDS = {
    "run": "cmd_run", "corpus": "cmd_corpus", "segment": "cmd_segment", "align": "cmd_align",
    "eval-align": "cmd_eval_align", "translate": "cmd_translate", "models": "cmd_models",
    "score": "cmd_score", "convert": "cmd_convert", "glossary": "cmd_glossary",
    "check": "cmd_check", "review": "cmd_review", "handoff": "cmd_handoff",
}


class _LazyGroup(TyperGroup):
    """The root group: builds a command from its module on first use."""

    _built: dict[str, Any] = {}  # noqa: RUF012 - one cache per process, shared on purpose

    def list_commands(self, ctx: Any) -> list[str]:  # noqa: ARG002 - click's signature
        return list(_COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:  # noqa: ARG002 - click's signature
        if cmd_name not in _COMMANDS:
            return None
        if cmd_name not in self._built:
            sub = typer.Typer(rich_markup_mode=None, add_completion=False,
                              pretty_exceptions_enable=False)
            sub.callback()(_no_op)  # a callback makes a group even around one command
            importlib.import_module(f"parley.{_COMMANDS[cmd_name]}").register(sub)
            cmd = typer.main.get_command(sub).commands[cmd_name]  # type: ignore[attr-defined]
            self._built[cmd_name] = _paths_checked_by_parley(cmd)
        return self._built[cmd_name]


def _paths_checked_by_parley(cmd: Any) -> Any:
    """Turn off Typer's own readability check on every path parameter of ``cmd`` (and of its
    subcommands). Typer declares ``Path`` parameters readable by default, so an unreadable file
    got a three-line usage error and exit 2; parley's readers
    (:func:`parley.align.errors.require_file`) say it in one line with exit 3, like a missing
    file or a directory. Done here once rather than on ~50 declarations a new one could miss."""
    for param in cmd.params:
        # Typer >= 0.2x keeps the declaration on the parameter; older ones build a click.Path
        info = getattr(getattr(param, "type_descriptor", None), "parameter_info", None)
        for holder in (info, getattr(param, "type", None)):
            if holder is not None and getattr(holder, "readable", False):
                holder.readable = False
    for sub in getattr(cmd, "commands", {}).values():
        _paths_checked_by_parley(sub)
    return cmd


def _no_op() -> None:
    """Callback of the throw-away app a command is built in."""

_EPILOG = "Exit codes: " + "; ".join(f"{k} {v}" for k, v in EXIT_CODES.items()) + "."

app = typer.Typer(
    name="parley",
    help="Segment, align, translate and check diplomatic texts; export TMX/TBX/XLIFF for CAT tools.",
    epilog=_EPILOG,
    no_args_is_help=True,
    cls=_LazyGroup,
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
    _version_flag: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show version and exit."),
    ] = False,
) -> None:
    STATE.quiet = quiet
    STATE.verbose = verbose



def main() -> None:
    """Console-script entry point."""
    app()
