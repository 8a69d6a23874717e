"""``parley convert``: any bitext format to any other (TMX, XLIFF, TSV, CSV, Parquet)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from parley.ui import guard, print_json, print_table, progress_bar, renamed


@guard
def convert_cmd(
    src: Annotated[Path, typer.Argument(help="Input: .tmx, .xlf/.xliff, .tsv, .csv or .parquet.")],
    dst: Annotated[Path, typer.Argument(help="Output; the format follows the extension.")],
    to_fmt: Annotated[
        str | None, typer.Option("--format", "-f", help="Output format when the extension does "
                                 "not say: tmx, xliff, tsv, csv, parquet.")
    ] = None,
    from_fmt: Annotated[
        str | None, typer.Option("--from-format", help="Input format when the extension does not say.")
    ] = None,
    src_lang: Annotated[
        str | None, typer.Option("--src-lang", "-s", help="Source language (needed for multilingual TMX).")
    ] = None,
    tgt_lang: Annotated[
        str | None, typer.Option("--tgt-lang", "-t", help="Target language (needed for multilingual TMX).")
    ] = None,
    region: Annotated[
        bool, typer.Option("--region", help="Write region-qualified codes (en-US, ru-RU) in TMX/XLIFF.")
    ] = False,
    unaligned: Annotated[
        Path | None,
        typer.Option("--unaligned", help="TSV for units with an empty side (TMX/XLIFF leave them out)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    old_from: Annotated[str | None, typer.Option("--from", hidden=True)] = None,
    old_to: Annotated[str | None, typer.Option("--to", hidden=True)] = None,
) -> None:
    """Convert a bitext between exchange formats and report what was written or left out.

    Example: parley convert aligned.tsv memory.tmx -s en -t ru --region --unaligned left-out.tsv
    """
    from parley.align.lang import check_lang
    from parley.exports.registry import convert

    from_fmt = renamed(from_fmt, old_from, "--from", "--from-format")
    to_fmt = renamed(to_fmt, old_to, "--to", "-f/--format")
    with progress_bar("writing units", None) as advance:
        report = convert(
            src, dst, from_fmt=from_fmt, to_fmt=to_fmt,
            src_lang=check_lang(src_lang) if src_lang else None,
            tgt_lang=check_lang(tgt_lang) if tgt_lang else None,
            region=region, unaligned_path=unaligned, progress=advance,
        )
    data = report.as_dict()
    if as_json:
        print_json(data)
        return
    rows = [(k.replace("_", " "), "; ".join(v) if isinstance(v, list) else v) for k, v in data.items()]
    print_table(f"{src.name} -> {dst.name}", ("", "value"), rows)


def register(app: typer.Typer) -> None:
    app.command("convert")(convert_cmd)
