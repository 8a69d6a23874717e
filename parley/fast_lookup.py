"""``parley glossary lookup`` without Typer's option parsing.

A lookup is the one command a translator runs many times a minute, and Typer (0.29) builds a
pydantic ``TypeAdapter`` for every option before the command runs: importing pydantic costs more
than the lookup itself (0.3-0.4 s against 0.02 s with the cached term keys). The plain forms of
the command (a term, ``-g/--glossary`` repeated, ``--tm``, ``--limit``, ``--json``) are parsed
here and given to the very same command function, so output, errors and exit codes are Typer's;
anything else (``--help``, an unknown option, a bad value) returns ``None`` and Typer handles it.
"""

from __future__ import annotations

import argparse
from pathlib import Path


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise ValueError(message)  # never print usage: Typer will answer instead


def _parse(args: list[str]) -> argparse.Namespace | None:
    if any(a in ("-h", "--help") for a in args):
        return None
    p = _Parser(add_help=False, allow_abbrev=False, exit_on_error=False)
    p.add_argument("term")
    p.add_argument("-g", "--glossary", action="append", type=Path)
    p.add_argument("--tm", type=Path)
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--json", dest="as_json", action="store_true")
    try:
        ns = p.parse_args(args)
    except (ValueError, argparse.ArgumentError):
        return None
    return ns if ns.limit >= 1 else None


def run(args: list[str]) -> int | None:
    """Run ``glossary lookup ARGS``; its exit code, or None when Typer should parse ``args``."""
    ns = _parse(args)
    if ns is None:
        return None
    import typer

    from parley.cmd_glossary import lookup_cmd

    try:
        lookup_cmd(term=ns.term, glossary=ns.glossary, tm=ns.tm, limit=ns.limit,
                   as_json=ns.as_json)
    except typer.Exit as e:
        return int(e.exit_code)
    return 0
