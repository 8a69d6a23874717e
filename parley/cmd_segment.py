"""``parley segment``: one sentence per line, or records with offsets."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from parley.ui import guard, info, print_json


class SegFormat(str, Enum):
    txt = "txt"
    jsonl = "jsonl"
    tsv = "tsv"


class ParaMode(str, Enum):
    auto = "auto"
    lines = "lines"
    blank = "blank"


def _tsv_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


@guard
def segment_cmd(
    file: Annotated[Path, typer.Argument(help="Input: .txt (any common encoding), .docx or .html.")],
    lang: Annotated[str, typer.Option(
        "--lang", "-l", "--src-lang", "-s", help="Language code, e.g. en, ru, fr.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    fmt: Annotated[
        SegFormat, typer.Option("--format", "-f", help="txt: one sentence per line, whitespace "
                                "normalised; jsonl/tsv: records with paragraph, sentence and "
                                "character offsets into the decoded file, original text kept.")
    ] = SegFormat.txt,
    srx: Annotated[
        Path | None, typer.Option("--srx", help="SRX 2.0 rules exported from your CAT tool; "
                                  "segments then follow them exactly.")
    ] = None,
    segmenter: Annotated[
        str | None, typer.Option("--segmenter", help="rules (default: parley's own), sentencex, "
                                 "or srx (LanguageTool's bundled SRX rules).")
    ] = None,
    paragraphs: Annotated[
        ParaMode, typer.Option("--paragraphs", help="Plain text: lines = every line is a "
                               "paragraph; blank = blank lines separate (hard-wrapped text); "
                               "auto picks.")
    ] = ParaMode.auto,
    encoding: Annotated[
        str | None, typer.Option("--encoding", help="Override encoding detection, e.g. cp1251.")
    ] = None,
    as_json: Annotated[bool, typer.Option(
        "--json", help="With -o: print the report (sentences, paragraphs, encoding) as JSON.")] = False,
) -> None:
    """Split a document into sentences (paragraphs are never joined).

    Example: parley segment seeds/lavrov-2018-02-07.en.txt --lang en -f jsonl
    """
    from parley.align.atomic import atomic_write_text
    from parley.align.lang import check_lang
    from parley.align.segment import segment_file

    lang = check_lang(lang)
    if as_json and output is None:
        from parley.align.errors import UsageError

        raise UsageError("--json prints the report on stdout: give -o for the sentences",
                         hint="or use -f jsonl for the sentences as JSON lines")
    doc, segs = segment_file(file, lang, encoding=encoding, srx=srx, segmenter=segmenter,
                             paragraphs=paragraphs.value)
    lines: list[str] = []
    if fmt is SegFormat.txt:
        lines = [s.norm for s in segs]
    elif fmt is SegFormat.jsonl:
        lines = [
            json.dumps(
                {"paragraph": s.paragraph, "sentence": s.index, "start": s.start, "end": s.end,
                 "text": s.text},
                ensure_ascii=False,
            )
            for s in segs
        ]
    else:
        lines = ["paragraph\tsentence\tstart\tend\ttext"] + [
            f"{s.paragraph}\t{s.index}\t{s.start}\t{s.end}\t{_tsv_escape(s.text)}" for s in segs
        ]
    out = "\n".join(lines) + "\n"
    if output is None:
        typer.echo(out, nl=False)
    else:
        atomic_write_text(output, out, protect=[file])
        n, k = len(segs), len(doc.paragraphs)
        if as_json:
            print_json({"output": str(output), "format": fmt.value, "sentences": n,
                        "paragraphs": k, "encoding": doc.encoding})
            return
        info(f"{n} sentence{'s' * (n != 1)} in {k} paragraph{'s' * (k != 1)} "
             f"(read as {doc.encoding}) -> {output}")


def register(app: typer.Typer) -> None:
    app.command("segment")(segment_cmd)
