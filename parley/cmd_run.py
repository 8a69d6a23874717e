"""``parley run``: the whole job in one command (the library call is :func:`parley.job.run_job`).

read → segment → align (MT evidence when available) → TMX → glossary → QA → review page, for
one document pair or many (``--pairs``, in parallel). Without a translation, the source is
machine-translated into a pre-translated TMX marked as MT, plus the glossary of the source.
"""

from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path
from typing import Annotated, Any

import typer

from parley.align.errors import UsageError
from parley.ui import MtMode, guard, info, print_json, print_table, progress_bar


def _print_one(r: dict[str, Any]) -> None:
    """One pair: a figure/value table, easier to read than one wide row."""
    c = r["counts"]
    conf = c.get("confidence", {})
    rows: list[list[Any]] = [
        ["sentences (source / target)", f"{c.get('source_sentences', 0)} / "
                                        f"{c.get('target_sentences', 0)}"],
        ["translation units (TMX)", c.get("units", 0)],
        ["bead types", ", ".join(f"{k[5:]}: {v}" for k, v in sorted(c.items())
                                  if k.startswith("bead_"))],
        ["not aligned (source / target)", f"{c.get('unaligned_source', 0)} / "
                                          f"{c.get('unaligned_target', 0)}"],
        ["mean confidence", conf.get("mean", "")],
        ["low confidence units", c.get("low_confidence", 0)],
        ["glossary entries", c.get("glossary_entries", 0)],
        ["QA findings (error / warning / info)", f"{c.get('findings_error', 0)} / "
         f"{c.get('findings_warning', 0)} / {c.get('findings_info', 0)}"],
    ]
    if c.get("mt_model"):
        rows.append(["machine translation", c["mt_model"]])
    rows.append(["time (s)", round(sum(r["timings"].values()), 1)])
    print_table(f"parley run: {r['name']}", ["figure", "value"], rows)


def _print_summary(summary: dict[str, Any]) -> None:
    if len(summary["results"]) == 1 and summary["results"][0]["ok"]:
        _print_one(summary["results"][0])
        _print_outputs(summary)
        return
    rows = []
    for r in summary["results"]:
        c = r["counts"]
        if not r["ok"]:
            rows.append([r["name"], "FAILED", r["error"], "", "", "", ""])
            continue
        conf = c.get("confidence", {})
        rows.append([
            r["name"], c.get("units", 0),
            f"{c.get('unaligned_source', 0)}/{c.get('unaligned_target', 0)}",
            conf.get("mean", ""), c.get("low_confidence", 0), c.get("glossary_entries", 0),
            f"{c.get('findings_error', 0)}/{c.get('findings_warning', 0)}/"
            f"{c.get('findings_info', 0)}",
        ])
    print_table("parley run", ["pair", "units", "unaligned src/tgt", "mean conf.", "low conf.",
                               "terms", "QA err/warn/info"], rows)
    _print_outputs(summary)


def _print_outputs(summary: dict[str, Any]) -> None:
    for r in summary["results"]:
        if r["ok"]:
            terms = r["counts"].get("top_terms") or []
            if terms:
                typer.echo(f"{r['name']}: top terms: " + "; ".join(terms[:8]))
            typer.echo(f"{r['name']}: outputs:")
            for key, path in r["outputs"].items():
                typer.echo(f"  {key:<13} {path}")
    for k, v in summary.get("merged", {}).items():
        typer.echo(f"{k}: {v}")
    out = summary.get("options", {}).get("outdir")
    if out:
        typer.echo(f"summary: {Path(out) / 'summary.json'}")


@guard
def run_cmd(
    src: Annotated[Path | None, typer.Argument(help="Original document (.txt, .docx, .html).")] = None,
    tgt: Annotated[Path | None, typer.Argument(
        help="Its translation. Without it the source is machine-translated.")] = None,
    src_lang: Annotated[str | None, typer.Option(
        "--src-lang", "-s", help="Source language, e.g. en (required).")] = None,
    tgt_lang: Annotated[str | None, typer.Option(
        "--tgt-lang", "-t", help="Target language, e.g. ru (required).")] = None,
    outdir: Annotated[Path, typer.Option("--output", "-o", help="Output folder.")] = Path("out"),
    pairs_file: Annotated[Path | None, typer.Option(
        "--pairs", help="TSV of document pairs: SRC<TAB>TGT[<TAB>NAME] per line.")] = None,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", help="Parallel pairs (default: all cores).")] = None,
    mt: Annotated[MtMode, typer.Option(
        "--mt", help="MT evidence for alignment: auto (if a model is installed), argos, none.")
    ] = MtMode.auto,
    mt_file: Annotated[Path | None, typer.Option(
        "--mt-file", help="MT of the source, one line per source sentence.")] = None,
    glossary: Annotated[Path | None, typer.Option(
        "--glossary", "-g", help="Your glossary for the QA terminology checks.")] = None,
    no_termbase: Annotated[bool, typer.Option(
        "--no-termbase", help="Do not use the starter diplomatic term base.")] = False,
    region: Annotated[bool, typer.Option(
        "--region", help="Region-qualified codes in TMX (en-US, ru-RU).")] = False,
    encoding: Annotated[str | None, typer.Option("--encoding", help="Input encoding.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print summary.json to stdout.")] = False,
) -> None:
    """Align, export TMX, extract the glossary, check, and write a review page.

    Example: parley run seeds/lavrov-2018-02-07.en.txt seeds/lavrov-2018-02-07.ru.txt
    -s en -t ru -o out
    """
    from parley.align.errors import ParleyError
    from parley.job import run_pairs
    from parley.pipeline import Pair, read_pairs_file

    if not src_lang or not tgt_lang:
        # no silent en->ru default: a wrong guess would align and check with the wrong rules
        raise UsageError("give the languages with -s/--src-lang and -t/--tgt-lang",
                         hint="e.g. parley run talk.en.txt talk.ru.txt -s en -t ru")
    pairs: list[Pair | tuple[Path, Path | None]]
    if pairs_file is not None:
        if src is not None:
            raise UsageError("give either SRC [TGT] or --pairs, not both")
        pairs = list(read_pairs_file(pairs_file))
    elif src is None:
        raise UsageError("give SRC [TGT] or --pairs FILE", hint="see parley run --help")
    else:
        pairs = [(src, tgt)]
    info(f"parley run: {len(pairs)} pair(s) -> {outdir}/")
    bar = (progress_bar("document pairs", len(pairs)) if len(pairs) > 1
           else nullcontext(lambda _n=1: None))
    with bar as advance:
        summary = run_pairs(
            pairs, src_lang=src_lang, tgt_lang=tgt_lang, output=outdir, jobs=jobs,
            progress=lambda _r: advance(1), mt=mt.value, mt_file=mt_file, glossary=glossary,
            termbase=not no_termbase, encoding=encoding, region=region,
        )
    data = summary.to_dict()
    if as_json:
        print_json(data)
    else:
        _print_summary(data)
    if summary.failed:
        raise ParleyError(f"{summary.failed} of {len(pairs)} pair(s) failed; see summary.json",
                          outdir / "summary.json")


def register(app: typer.Typer) -> None:
    app.command("run")(run_cmd)
