"""``parley review``: correct an alignment in the browser before it becomes a TM."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from parley.ui import guard


@guard
def review_cmd(
    target: Annotated[Path, typer.Argument(
        help="The output folder of 'parley run' (one TMX in it) or a NAME.tmx.")],
    port: Annotated[int, typer.Option("--port", help="Port on 127.0.0.1 (0: any free one).")] = 0,
    no_browser: Annotated[bool, typer.Option(
        "--no-browser", help="Only print the URL; do not open a browser.")] = False,
    apply: Annotated[Path | None, typer.Option(
        "--apply", help="Replay this journal without a browser and write -o (headless).")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="With --apply: the corrected TMX to write.")] = None,
    approved_only: Annotated[bool, typer.Option(
        "--approved-only", help="With --apply: write only confirmed (reviewed/edited) units.")] = False,
    glossary_path: Annotated[Path | None, typer.Option(
        "--glossary", "-g", help="Glossary for highlighting and re-checking edited beads "
        "(default: NAME.glossary.tsv beside the TMX).")] = None,
    src_lang: Annotated[str | None, typer.Option("--src-lang", "-s", help="Source language.")] = None,
    tgt_lang: Annotated[str | None, typer.Option("--tgt-lang", "-t", help="Target language.")] = None,
    low_confidence: Annotated[float, typer.Option(
        "--low-confidence", help="Beads below this confidence count as low.")] = 0.5,
    as_json: Annotated[bool, typer.Option("--json", help="With --apply: print the report as JSON.")] = False,
) -> None:
    """Open the alignment editor: merge, split, move, edit and confirm beads, with QA inline.

    Every edit goes to NAME.review.jsonl (replayed after a crash); the TMX is saved on Ctrl+S and
    on exit. Examples: parley review out/; parley review out/speech.tmx --apply
    out/speech.review.jsonl -o fixed.tmx --approved-only
    """
    from parley.align.errors import UsageError
    from parley.exports.editor.session import resolve_target

    tmx = resolve_target(target)
    if apply is not None:
        if output is None:
            raise UsageError("--apply needs --output", apply, "add -o FIXED.tmx")
        from parley.exports.editor.cli import apply_journal
        from parley.ui import print_json, print_table

        report = apply_journal(tmx, apply, output, approved_only=approved_only,
                               src_lang=src_lang, tgt_lang=tgt_lang)
        if as_json:
            print_json(report)
        else:
            print_table(f"{apply.name} applied to {tmx.name}", ("", "value"),
                        [(k.replace("_", " "), v) for k, v in report.items()])
        return
    if output is not None or approved_only:
        raise UsageError("-o and --approved-only go with --apply", target,
                         "the editor saves in place; export later with --apply")
    from parley.exports.editor.cli import serve

    serve(tmx, port=port, open_browser=not no_browser, glossary_path=glossary_path,
          src_lang=src_lang, tgt_lang=tgt_lang, low_confidence=low_confidence)


def register(app: typer.Typer) -> None:
    app.command("review")(review_cmd)
