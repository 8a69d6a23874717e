"""``parley score``: how good is a translation (or an MT engine)? sacrebleu BLEU/chrF/TER."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from parley.ui import guard, info, print_json, print_table, renamed


@guard
def score_cmd(
    files: Annotated[
        list[Path] | None, typer.Argument(help="HYP REF [REF ...]: one segment per line, UTF-8.")
    ] = None,
    metrics: Annotated[
        str, typer.Option("--metrics", "-m", help="Comma list: bleu,chrf,ter.")
    ] = "bleu,chrf,ter",
    lang: Annotated[
        str | None, typer.Option("--tgt-lang", "-t", help="Target language: picks the BLEU tokeniser.")
    ] = None,
    tokenize: Annotated[
        str | None, typer.Option("--tokenize", help="Override: 13a, intl, zh, char, ja-mecab, ...")
    ] = None,
    segments: Annotated[
        bool, typer.Option("--segments", help="List the weakest segments by sentence chrF.")
    ] = False,
    top: Annotated[int, typer.Option("--top", min=1, help="How many weakest segments.")] = 10,
    tmx: Annotated[
        Path | None, typer.Option("--tmx", help="Score an MT engine against this bitext's human targets.")
    ] = None,
    mt_model: Annotated[
        str | None,
        typer.Option("--mt-model", help="With --tmx: the x-mt-model of MT units in the file, or "
                     "'argos' to translate the sources with the installed model now."),
    ] = None,
    src_lang: Annotated[
        str | None, typer.Option("--src-lang", "-s",
                                 help="With --tmx: source language if the file lacks it.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
    old_lang: Annotated[str | None, typer.Option("--lang", "-l", hidden=True)] = None,
    old_from: Annotated[str | None, typer.Option("--from", hidden=True)] = None,
) -> None:
    """Corpus BLEU, chrF and TER with sacrebleu signatures; optionally the weakest segments.

    Example: parley score draft.ru.txt reference.ru.txt -t ru --segments
    """
    lang = renamed(lang, old_lang, "--lang", "-t/--tgt-lang")
    src_lang = renamed(src_lang, old_from, "--from", "-s/--src-lang")
    from parley.align.errors import UsageError
    from parley.align.score import mt_vs_human, parse_metrics, score_files, score_lines

    names = parse_metrics(metrics)
    weakest = top if segments else 0
    if tmx is not None:
        if files or not mt_model:
            raise UsageError("--tmx takes no HYP/REF files and needs --mt-model",
                             hint="e.g. parley score --tmx memory.tmx --mt-model argos")
        from parley.exports.registry import read_bitext

        bitext = read_bitext(tmx, src_lang=src_lang, tgt_lang=lang)
        hyps, refs, how = mt_vs_human(bitext, mt_model)
        info(f"{tmx.name}: {how}")
        report = score_lines(hyps, [refs], metrics=names, tgt_lang=lang or bitext.tgt_lang,
                             tokenize=tokenize, weakest=weakest)
    else:
        if not files or len(files) < 2:
            raise UsageError("give a hypothesis and at least one reference", hint="parley score HYP REF")
        report = score_files(files[0], files[1:], metrics=names, tgt_lang=lang, tokenize=tokenize,
                             weakest=weakest)
    if as_json:
        print_json(report.to_dict())
        return
    print_table(
        f"{report.segments_total} segments, {report.references} reference(s)",
        ["metric", "score", "signature"],
        [(s.metric.upper() if s.metric != "chrf" else "chrF", f"{s.score:.2f}", s.signature)
         for s in report.scores],
    )
    if report.weakest:
        print_table(
            "Weakest segments (sentence chrF)",
            ["line", "chrF", "hypothesis", "reference"],
            [(w.line, f"{w.chrf:.1f}", w.hypothesis, w.reference) for w in report.weakest],
        )


def register(app: typer.Typer) -> None:
    app.command("score")(score_cmd)
