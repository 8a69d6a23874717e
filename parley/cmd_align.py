"""``parley align``: sentence-align a document and its translation."""

from __future__ import annotations

from contextlib import ExitStack
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from parley.ui import MtMode, guard, print_json, print_table, progress_bar


class AlignFormat(str, Enum):
    beads = "beads"
    tsv = "tsv"
    tmx = "tmx"


@guard
def align_cmd(
    src: Annotated[Path, typer.Argument(help="Source document (.txt, .docx, .html).")],
    tgt: Annotated[Path, typer.Argument(help="Its translation.")],
    src_lang: Annotated[str, typer.Option("--src-lang", "-s", help="Source language, e.g. en.")],
    tgt_lang: Annotated[str, typer.Option("--tgt-lang", "-t", help="Target language, e.g. ru.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Output file (.tsv, .tmx, .beads).")],
    fmt: Annotated[
        AlignFormat | None,
        typer.Option("--format", "-f", help="beads: '[i, j]:[k]' lines (0-based); tsv; tmx. "
                     "Default: from the output's extension."),
    ] = None,
    presegmented: Annotated[
        bool, typer.Option("--presegmented", help="Inputs have one sentence per line.")
    ] = False,
    mt_file: Annotated[
        Path | None,
        typer.Option("--mt-file", help="Machine translation of the source, one line per source sentence."),
    ] = None,
    mt: Annotated[MtMode, typer.Option(
        "--mt", help="MT evidence for alignment: auto (if a model is installed), argos, none.")
    ] = MtMode.auto,
    lexicon: Annotated[
        Path | None, typer.Option("--lexicon", help="Bilingual word list, TSV source<TAB>target.")
    ] = None,
    review: Annotated[
        Path | None, typer.Option("--review", help="Also write a review page (HTML) here.")
    ] = None,
    max_bead: Annotated[
        int | None, typer.Option("--max-bead", min=1, max=6,
                                 help="Most sentences on one side of a bead (default: 4).")
    ] = None,
    low: Annotated[
        float, typer.Option("--low", min=0.0, max=1.0, help="Confidence below which a bead is 'low'.")
    ] = 0.5,
    encoding: Annotated[str | None, typer.Option("--encoding", help="Override encoding detection.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable report on stdout.")] = False,
) -> None:
    """Align the sentences of SRC and TGT into beads (1-1, 2-1, 1-0 ...) with a confidence.

    Unaligned sentences are kept as 1-0/0-1 units and listed in the report.

    Example: parley align seeds/lavrov-2018-02-07.en.txt seeds/lavrov-2018-02-07.ru.txt
    -s en -t ru -o out/lavrov.tsv
    """
    from parley.alignment import align_pair

    with ExitStack() as bars:
        report = align_pair(
            src, tgt, src_lang=src_lang, tgt_lang=tgt_lang, output=output,
            fmt=fmt.value if fmt is not None else None, presegmented=presegmented, mt=mt.value,
            mt_file=mt_file, lexicon=lexicon, review=review, max_bead=max_bead, low=low,
            encoding=encoding, progress=lambda what, n: bars.enter_context(progress_bar(what, n)),
        )
    if as_json:
        print_json(report.to_dict())
        return
    rows: list[list[Any]] = [[k, v] for k, v in sorted(report.bead_types.items(),
                                                       key=lambda kv: -kv[1])]
    rows += [["beads", len(report.beads)], [f"confidence < {low}", report.low_confidence],
             ["sentences", f"{report.source_sentences} source, {report.target_sentences} target"]]
    print_table(f"Alignment written to {output}", ["bead type", "count"], rows)
    if report.unaligned:
        print_table(
            "Unaligned sentences (kept as 1-0 / 0-1 units)", ["side", "#", "text"],
            [[u.side, u.sentence, u.text[:100]] for u in report.unaligned],
        )


def register(app: typer.Typer) -> None:
    app.command("align")(align_cmd)
