"""The ``parley`` console script: answers ``parley --version`` and ``parley --help`` without
importing the CLI framework (Typer alone costs ~0.08 s of a 0.15 s budget; the command tree
more), and hands everything else to :func:`parley.cli.main`."""

from __future__ import annotations

import sys


def _wide_enough() -> bool:
    """Whether Typer would wrap help at its full 78 columns (a terminal of 80 or more, or not a
    terminal): only then is the stored help text exactly what Typer prints."""
    import shutil

    return shutil.get_terminal_size().columns >= 80


def main() -> None:
    args = sys.argv[1:]
    if args == ["--version"]:
        from parley import __version__

        sys.stdout.write(f"parley {__version__}\n")
        return
    if args in (["--help"], ["-h"]) and _wide_enough():
        from parley._help import ROOT_HELP

        sys.stdout.write(ROOT_HELP)
        return
    if sys.argv[1:3] == ["glossary", "lookup"]:
        from parley.fast_lookup import run

        code = run(sys.argv[3:])
        if code is not None:
            sys.exit(code)
    from parley.cli import main as cli_main

    cli_main()
