"""``parley translate``: an offline machine draft, segmented like parley aligns."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from parley.ui import guard, info, print_json, progress_bar, renamed


@guard
def translate_cmd(
    file: Annotated[Path, typer.Argument(help="Input: .txt (any common encoding), .docx or .html.")],
    src: Annotated[str | None, typer.Option("--src-lang", "-s", help="Source language, e.g. en.")] = None,
    tgt: Annotated[str | None, typer.Option("--tgt-lang", "-t", help="Target language, e.g. ru.")] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Text output (default: stdout).")
    ] = None,
    tmx: Annotated[
        Path | None,
        typer.Option("--tmx", help="Also write a bitext (.tmx, .tsv...): units marked x-origin=mt."),
    ] = None,
    one_per_line: Annotated[
        bool, typer.Option("--one-per-line", help="One sentence per line (paragraphs still apart).")
    ] = False,
    engine: Annotated[
        str, typer.Option("--engine", help="auto, ctranslate2 (batched) or argos (its own API).")
    ] = "auto",
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Sentences per batch.")] = 32,
    beam_size: Annotated[int, typer.Option("--beam-size", min=1, help="Beam width.")] = 4,
    device: Annotated[str, typer.Option("--device", help="auto, cpu or cuda.")] = "auto",
    encoding: Annotated[
        str | None, typer.Option("--encoding", help="Override encoding detection.")
    ] = None,
    as_json: Annotated[bool, typer.Option(
        "--json", help="Print a report as JSON on stdout (needs -o for the text).")] = False,
    old_from: Annotated[str | None, typer.Option("--from", hidden=True)] = None,
    old_to: Annotated[str | None, typer.Option("--to", hidden=True)] = None,
) -> None:
    """Translate a document sentence by sentence with an installed argos model.

    Example: parley translate seeds/lavrov-2018-02-07.en.txt -s en -t ru -o draft.ru.txt
    """
    from parley.align.atomic import atomic_write_text
    from parley.align.errors import OutputError, UsageError
    from parley.align.lang import check_lang
    from parley.align.translate import translate_document

    src = renamed(src, old_from, "--from", "-s/--src-lang")
    tgt = renamed(tgt, old_to, "--to", "-t/--tgt-lang")
    if not src or not tgt:
        raise UsageError("give the languages with -s/--src-lang and -t/--tgt-lang",
                         hint="e.g. parley translate talk.en.txt -s en -t ru -o talk.ru.txt")
    if as_json and output is None:
        raise UsageError("--json prints the report on stdout: give -o for the translation")
    src, tgt = check_lang(src), check_lang(tgt)
    for out in (output, tmx):  # fail before minutes of translation, not after
        if out is not None and file.exists() and out.exists() and out.resolve() == file.resolve():
            raise OutputError("refusing to overwrite an input file", out, "choose another output path")
    if tmx is not None:
        from parley.exports.registry import format_for

        format_for(tmx)  # an unknown extension fails before minutes of translation
    with progress_bar("translating", None, unit="sentences") as advance:
        result = translate_document(
            file, src, tgt, encoding=encoding, engine=engine, batch_size=batch_size,
            beam_size=beam_size, device=device, progress=advance,
            on_start=lambda n: advance(0, total=n),
        )
    if result.pivot:
        info(f"no direct {src}→{tgt} model: pivoting through {result.pivot} ({result.model})")
    text = result.text(one_per_line=one_per_line)
    if tmx is not None:
        from parley.exports.registry import write_bitext

        write_bitext(tmx, result.bitext(), protect=[file])
    if output is None:
        typer.echo(text, nl=False)
    else:
        atomic_write_text(output, text, protect=[file])
    if as_json:
        print_json({"sentences": len(result.segments), "model": result.model,
                    "engine": result.engine, "pivot": result.pivot, "output": str(output),
                    "tmx": str(tmx) if tmx is not None else None})
        return
    info(f"{len(result.segments)} sentences translated with {result.model} ({result.engine})")


def register(app: typer.Typer) -> None:
    app.command("translate")(translate_cmd)
