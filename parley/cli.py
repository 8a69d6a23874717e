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

#: The first paragraph of each command's help, for ``parley --help``: listing the commands
#: from here instead of building all thirteen halves the time of ``parley --help``
#: (tests/test_cli_basics.py keeps these equal to the commands' own docstrings).
SUMMARIES = {
    "run": "Align, export TMX, extract the glossary, check, and write a review page.",
    "corpus": "Align a whole corpus on Dask: units.parquet, corpus.tmx, a corpus glossary, "
              "term QA.",
    "segment": "Split a document into sentences (paragraphs are never joined).",
    "align": "Align the sentences of SRC and TGT into beads (1-1, 2-1, 1-0 ...) with a "
             "confidence.",
    "eval-align": "Strict and lax precision/recall/F1, micro-averaged over documents "
                  "(vecalign scorer).",
    "translate": "Translate a document sentence by sentence with an installed argos model.",
    "models": "Offline MT models (argos packages): list, install from a file or the index, "
              "remove.",
    "score": "Corpus BLEU, chrF and TER with sacrebleu signatures; optionally the weakest "
             "segments.",
    "convert": "Convert a bitext between exchange formats and report what was written or left "
               "out.",
    "glossary": "Extract a bilingual glossary from aligned text; look terms up in glossaries "
                "and TMs.",
    "check": "Check a translation against its source and a glossary (inflection-aware).",
    "review": "Open the alignment editor: merge, split, move, edit and confirm beads, with QA "
              "inline.",
    "handoff": "Hand parley's outputs to a CAT tool as a ready project.",
}


def _shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to ``limit`` characters, "..." marking the cut (Click's
    rule for short help)."""
    if len(text) <= limit:
        return text
    cut = text[: max(limit - 3, 1)].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "..."


class _LazyGroup(TyperGroup):
    """The root group: builds a command from its module on first use."""

    _built: dict[str, Any] = {}  # noqa: RUF012 - one cache per process, shared on purpose

    def list_commands(self, ctx: Any) -> list[str]:  # noqa: ARG002 - click's signature
        return list(_COMMANDS)

    def format_commands(self, ctx: Any, formatter: Any) -> None:  # noqa: ARG002 - click's signature
        """The command list of ``parley --help`` from :data:`SUMMARIES`, no module imported."""
        limit = formatter.width - 6 - max(map(len, _COMMANDS))
        with formatter.section("Commands"):
            formatter.write_dl([(name, _shorten(SUMMARIES[name], limit)) for name in _COMMANDS])

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
