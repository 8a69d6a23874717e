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
from parley.exports.qa_status import EXCLUDE_HELP
from parley.ui import MtMode, err_line, guard, info, print_json, print_table, progress_bar


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
                if key == "source":  # an input, recorded for 'parley handoff omegat OUTDIR'
                    continue
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
        "--src-lang", "-s", help="Source language, e.g. en-GB (default: identified and printed).")] = None,
    tgt_lang: Annotated[str | None, typer.Option(
        "--tgt-lang", "-t", help="Target language, e.g. ru-RU (default: identified and printed).")] = None,
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
        "--region", help="Add the usual region to bare codes in TMX (en -> en-US); or give "
        "the tag you need, e.g. -s en-GB.")] = False,
    srx: Annotated[Path | None, typer.Option(
        "--srx", help="Segment as your CAT tool does: an SRX 2.0 file, an OmegaT project folder "
        "or its omegat/segmentation.conf.")] = None,
    segmenter: Annotated[str | None, typer.Option(
        "--segmenter", help="rules (default), sentencex, or srx (the rules 'parley handoff "
        "omegat' gives OmegaT).")] = None,
    exclude: Annotated[list[str] | None, typer.Option(
        "--exclude", help="Leave out of the TMX: " + EXCLUDE_HELP + " Left-out units go to "
        "NAME.left-out.tsv.")] = None,
    untranslated: Annotated[bool, typer.Option(
        "--include-untranslated", help="Keep units QA found untranslated in the TMX.")] = False,
    force_lang: Annotated[bool, typer.Option(
        "--force-lang", help="Run even when a file does not look like its -s/-t language.")] = False,
    encoding: Annotated[str | None, typer.Option("--encoding", help="Input encoding.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print summary.json to stdout.")] = False,
    review: Annotated[bool, typer.Option(
        "--review", help="At the end, open the alignment editor on the TMX (parley review).")] = False,
) -> None:
    """Align, export TMX, extract the glossary, check, and write a review page.

    Example: parley run seeds/lavrov-2018-02-07.en.txt seeds/lavrov-2018-02-07.ru.txt
    -s en -t ru -o out
    """
    from parley.align.errors import ParleyError
    from parley.job import run_pairs
    from parley.pipeline import Pair, read_pairs_file

    pairs: list[Pair | tuple[Path, Path | None]]
    if pairs_file is not None:
        if src is not None:
            raise UsageError("give either SRC [TGT] or --pairs, not both")
        pairs = list(read_pairs_file(pairs_file))
    elif src is None:
        raise UsageError("give SRC [TGT] or --pairs FILE", hint="see parley run --help")
    else:
        pairs = [(src, tgt)]
    if review and len(pairs) > 1:
        raise UsageError("--review opens one document", hint="run parley review OUTDIR/NAME.tmx after")
    _require_inputs(src, tgt, glossary, mt_file)
    src_lang, tgt_lang = _languages(pairs, src_lang, tgt_lang, encoding)
    if len(pairs) > 1:  # one pair: an error stays the only line on stderr
        info(f"parley run: {len(pairs)} pair(s) -> {outdir}/")
    srx_path = None
    if srx is not None:
        from parley.exports.omegat_project import srx_file

        srx_path = srx_file(srx)
    bar = (progress_bar("document pairs", len(pairs)) if len(pairs) > 1
           else nullcontext(lambda _n=1: None))
    with bar as advance:
        summary = run_pairs(
            pairs, src_lang=src_lang, tgt_lang=tgt_lang, output=outdir, jobs=jobs,
            progress=lambda _r: advance(1), mt=mt.value, mt_file=mt_file, glossary=glossary,
            termbase=not no_termbase, encoding=encoding, region=region, srx=srx_path,
            segmenter=segmenter, exclude=tuple(exclude or ()),
            untranslated=untranslated, force_lang=force_lang,
        )
    data = summary.to_dict()
    if as_json:
        print_json(data)
    else:
        _print_summary(data)
    if summary.failed:
        for r in summary.results:  # each reason, not only in summary.json
            if not r.ok:
                err_line(f"pair {r.name} failed: {r.error}")
        raise ParleyError(f"{summary.failed} of {len(pairs)} pair(s) failed; see summary.json",
                          outdir / "summary.json")
    if review:
        from parley.exports.editor.cli import serve

        serve(summary.results[0].outputs["tmx"])


def _require_inputs(*paths: Path | None) -> None:
    """Each given input usable as a file, checked before anything is printed or detected, so
    that an unreadable or missing file is the one line on stderr."""
    from parley.align.errors import require_file

    for path in paths:
        if path is not None:
            require_file(path)


def _languages(pairs: list[Any], src_lang: str | None, tgt_lang: str | None,
               encoding: str | None) -> tuple[str, str]:
    """The languages given, or those identified in the first pair's files and printed: never a
    silent default (a French translation used to be tagged ``ru`` and pass)."""
    if src_lang and tgt_lang:
        return src_lang, tgt_lang
    from parley.align.langid import detect_file
    from parley.pipeline import Pair

    first = pairs[0]
    src, tgt = (first.src, first.tgt) if isinstance(first, Pair) else first
    s = src_lang or detect_file(Path(src), "-s", encoding)
    if tgt_lang:
        t = tgt_lang
    elif tgt is not None:
        t = detect_file(Path(tgt), "-t", encoding)
    else:
        raise UsageError("give the target language with -t: there is no translation to detect "
                         "it from", hint=f"e.g. -t {'ru' if s != 'ru' else 'en'}")
    info(f"detected languages: -s {s} -t {t} (give -s/-t to override)")
    return s, t


def register(app: typer.Typer) -> None:
    app.command("run")(run_cmd)
