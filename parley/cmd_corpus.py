"""``parley corpus``: thousands of document pairs on a Dask cluster, resumable.

Parses, makes one library call (:func:`parley.corpus.runner.run_corpus`), prints.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from parley.ui import MtMode, guard, info, print_json, print_table, show_progress

if TYPE_CHECKING:
    from parley.corpus.model import PairOutcome


@contextmanager
def _progress(total: int) -> Iterator[Callable[[PairOutcome], None]]:
    """Pairs and sentences done, on a terminal only (quiet when piped or with --quiet)."""
    if not show_progress():
        yield lambda _o: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=Console(stderr=True), transient=True) as prog:
        pairs = prog.add_task("document pairs", total=total)
        sents = prog.add_task("sentences", total=None)

        def advance(o: PairOutcome) -> None:
            prog.advance(pairs, 1)
            prog.advance(sents, o.sentences)

        yield advance


def _print(summary: dict[str, Any]) -> None:
    failed = [r for r in summary["results"] if r["status"] == "failed"]
    p, c, t = summary["pairs"], summary["counts"], summary["timings"]
    out = summary["outputs"]
    rows: list[list[Any]] = [
        ["pairs (done / skipped / failed)", f"{p['done']} / {p['skipped']} / {p['failed']}"],
        ["sentences (source / target)",
         f"{c.get('source_sentences', 0)} / {c.get('target_sentences', 0)}"],
        ["translation units", c.get("units", 0)],
        ["not aligned (source / target)",
         f"{c.get('unaligned_source', 0)} / {c.get('unaligned_target', 0)}"],
        ["units with QA findings", c.get("qa_units", 0)],
        ["glossary entries", out.get("glossary", {}).get("entries", 0)],
        ["terms translated inconsistently across documents",
         out.get("qa", {}).get("inconsistent_terms", 0)],
        ["time (s): pairs / reduce / total",
         f"{t.get('map', 0)} / {sum(v for k, v in t.items() if k.startswith('reduce_')):.3f}"
         f" / {t.get('total', 0)}"],
    ]
    print_table("parley corpus", ["figure", "value"], rows)
    for r in failed:
        typer.echo(f"FAILED {r['name']}: {r['error']}")
    for f in summary.get("unmatched_files", []):
        typer.echo(f"no counterpart: {f}")
    typer.echo(f"units:      {out['units']}")
    for key in ("tmx", "qa"):
        if key in out:
            typer.echo(f"{key + ':':<11} {out[key]['path']}")
    for key in ("glossary_tbx", "glossary_omegat"):
        if key in out.get("glossary", {}):
            typer.echo(f"{key + ':':<11} {out['glossary'][key]}")
    typer.echo(f"summary:    {Path(summary['options']['outdir']) / 'summary.json'}")


@guard
def corpus_cmd(
    manifest: Annotated[Path, typer.Argument(
        help="Pairs file (SRC<TAB>TGT[<TAB>NAME]), CSV/Parquet with columns src,tgt[,name], "
             "or the source folder.")],
    tgt_dir: Annotated[Path | None, typer.Argument(
        help="With a source folder: the translations' folder (files pair by name).")] = None,
    outdir: Annotated[Path, typer.Option("--output", "-o", help="Output folder.")] = Path("corpus"),
    src_lang: Annotated[str, typer.Option("--src-lang", "-s", help="Source language.")] = "en",
    tgt_lang: Annotated[str, typer.Option("--tgt-lang", "-t", help="Target language.")] = "ru",
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="Dask scheduler address (tcp://HOST:PORT); default "
                            "$DASK_SCHEDULER_ADDRESS, else a local cluster.")] = None,
    workers: Annotated[int | None, typer.Option(
        "--workers", help="Worker processes of the local cluster (default: all cores).")
    ] = None,
    mt: Annotated[MtMode, typer.Option(
        "--mt", help="MT evidence for alignment: auto (if a model is installed), argos, none.")
    ] = MtMode.auto,
    no_termbase: Annotated[bool, typer.Option(
        "--no-termbase", help="Do not use the starter diplomatic term base.")] = False,
    max_terms: Annotated[int, typer.Option("--max-terms", help="Corpus glossary size.")] = 500,
    encoding: Annotated[str | None, typer.Option("--encoding", help="Input encoding.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print summary.json to stdout.")] = False,
) -> None:
    """Align a whole corpus on Dask: units.parquet, corpus.tmx, a corpus glossary, term QA.

    Rerunning the same command skips the pairs already finished.

    Example: parley corpus pairs.tsv -o out -s en -t ru --workers 4
    """
    from parley.align.errors import OutputError, ParleyError
    from parley.align.lang import check_lang
    from parley.corpus.cluster import dask_executor
    from parley.corpus.manifest import read_manifest
    from parley.corpus.model import CorpusOptions
    from parley.corpus.runner import run_corpus

    s_lang, t_lang = check_lang(src_lang), check_lang(tgt_lang)
    pairs = read_manifest(manifest, tgt_dir, src_lang=s_lang, tgt_lang=t_lang)
    opts = CorpusOptions(s_lang, t_lang, outdir, mt.value, not no_termbase, encoding, max_terms)
    with dask_executor(scheduler, workers) as executor:
        info(f"parley corpus: {len(pairs.pairs)} pair(s) on {executor.description} -> {outdir}/")
        if executor.dashboard:
            info(f"Dask dashboard: {executor.dashboard}")
        with _progress(len(pairs.pairs)) as advance:
            try:
                summary = run_corpus(pairs, opts, executor, progress=advance)
            except OSError as exc:  # disk full, read-only folder: a user's problem, one line
                raise OutputError(f"cannot write the outputs ({exc.strerror or exc})",
                                  outdir) from exc
    if as_json:
        print_json(summary)
    else:
        _print(summary)
    failed = summary["pairs"]["failed"]
    if failed:
        raise ParleyError(f"{failed} of {len(pairs.pairs)} pair(s) failed; the others are in the "
                          "outputs (see summary.json)", outdir / "summary.json")


def register(app: typer.Typer) -> None:
    app.command("corpus")(corpus_cmd)
