"""``parley convert``: any bitext format to any other (TMX, XLIFF, TSV, CSV, Parquet)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from parley.exports.qa_status import EXCLUDE_HELP
from parley.ui import guard, info, print_json, print_table, progress_bar, renamed


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
    approved_only: Annotated[bool, typer.Option(
        "--approved-only", help="Only units confirmed in 'parley review' (x-status reviewed/edited)."),
    ] = False,
    exclude: Annotated[list[str] | None, typer.Option(
        "--exclude", help="Leave out of the output: " + EXCLUDE_HELP + " Left-out units go to "
        "DST.left-out.tsv (or --left-out) with the reason.")] = None,
    low: Annotated[float, typer.Option(
        "--low", min=0.0, max=1.0, help="Confidence below which a unit is low-confidence.")] = 0.5,
    untranslated: Annotated[bool, typer.Option(
        "--include-untranslated", help="Keep units whose x-qa-status is untranslated (left out "
        "by default, as in 'parley run').")] = False,
    left_out: Annotated[Path | None, typer.Option(
        "--left-out", help="TSV for the units left out (default: DST.left-out.tsv).")] = None,
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
            approved_only=approved_only, exclude=tuple(exclude or ()), low_confidence=low,
            untranslated=untranslated, left_out_path=left_out,
        )
    data = report.as_dict()
    if report.left_out_file is not None:
        info(f"{sum(n for _, n in report.left_out)} unit(s) left out: {report.left_out_file}")
    if as_json:
        print_json(data)
        return
    rows = [(k.replace("_", " "), "; ".join(v) if isinstance(v, list) else
             ", ".join(f"{r}: {n}" for r, n in v.items()) if isinstance(v, dict) else v)
            for k, v in data.items()]
    print_table(f"{src.name} -> {dst.name}", ("", "value"), rows)


def register(app: typer.Typer) -> None:
    app.command("convert")(convert_cmd)
