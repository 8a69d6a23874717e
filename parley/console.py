"""The ``parley`` console script: answers ``parley --version`` without importing the CLI
framework (typer and the command tree cost ~0.1 s of a 0.15 s budget), and hands everything
else to :func:`parley.cli.main`."""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from parley import __version__

        sys.stdout.write(f"parley {__version__}\n")
        return
    if sys.argv[1:3] == ["glossary", "lookup"]:
        from parley.fast_lookup import run

        code = run(sys.argv[3:])
        if code is not None:
            sys.exit(code)
    from parley.cli import main as cli_main

    cli_main()
