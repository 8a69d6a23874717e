"""``parley models list|install|remove``: offline MT packages (argostranslate)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from parley.ui import guard, info, print_json, print_table, renamed

models_app = typer.Typer(
    help="Offline MT models (argos packages): list, install from a file or the index, remove.",
    no_args_is_help=True,
)


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


@models_app.command("list")
@guard
def list_cmd(
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """Installed language pairs, package name, version, size and folder (ARGOS_PACKAGES_DIR)."""
    from parley.align.models import list_models

    models = list_models()
    if as_json:
        print_json([
            {"name": m.name, "from": m.from_code, "to": m.to_code, "version": m.version,
             "size_bytes": m.size_bytes, "path": str(m.path), "tokenizer": m.tokenizer}
            for m in models
        ])
        return
    print_table(
        "Installed MT models",
        ["pair", "package", "version", "size", "tokenizer", "path"],
        [(f"{m.from_code}→{m.to_code}", m.name, m.version, _mb(m.size_bytes), m.tokenizer, m.path)
         for m in models],
    )
    if not models:
        info("no models installed: parley models install FILE.argosmodel")


@models_app.command("install")
@guard
def install_cmd(
    file: Annotated[
        Path | None, typer.Argument(help="A local .argosmodel file (the normal case offline).")
    ] = None,
    src: Annotated[str | None, typer.Option(
        "--src-lang", "-s", help="Source language (index install).")] = None,
    tgt: Annotated[str | None, typer.Option(
        "--tgt-lang", "-t", help="Target language (index install).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
    old_from: Annotated[str | None, typer.Option("--from", hidden=True)] = None,
    old_to: Annotated[str | None, typer.Option("--to", hidden=True)] = None,
) -> None:
    """Install a package from a file, or with -s/-t from the argos index (needs network).

    Example: parley models install translate-en_ru-1_9.argosmodel
    """
    from parley.align.errors import UsageError
    from parley.align.lang import base, check_lang
    from parley.align.models import install_from_index, install_from_path

    src = renamed(src, old_from, "--from", "-s/--src-lang")
    tgt = renamed(tgt, old_to, "--to", "-t/--tgt-lang")
    if file is not None and (src or tgt):
        raise UsageError("give either a FILE or -s/-t, not both")
    if file is not None:
        added = install_from_path(file)
    elif src and tgt:
        added = [install_from_index(base(check_lang(src)), base(check_lang(tgt)))]
    else:
        raise UsageError("nothing to install", hint="give FILE.argosmodel, or -s en -t ru")
    if as_json:
        print_json([{"name": m.name, "from": m.from_code, "to": m.to_code, "version": m.version,
                     "path": str(m.path)} for m in added])
        return
    for m in added:
        typer.echo(f"installed {m.name} {m.version} ({m.from_code}→{m.to_code}) in {m.path}")


@models_app.command("remove")
@guard
def remove_cmd(
    name: Annotated[str, typer.Argument(help="Package name from 'models list', or a pair: en-ru.")],
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """Remove an installed package."""
    from parley.align.models import remove_model

    m = remove_model(name)
    if as_json:
        print_json({"name": m.name, "from": m.from_code, "to": m.to_code, "version": m.version})
        return
    typer.echo(f"removed {m.name} {m.version} ({m.from_code}→{m.to_code})")


def register(app: typer.Typer) -> None:
    app.add_typer(models_app, name="models")
