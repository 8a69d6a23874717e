"""``parley run``: the whole job in one command.

read → segment → align (MT evidence when available) → TMX → glossary → QA → review page, for
one document pair or many (``--pairs``, in parallel). Without a translation, the source is
machine-translated into a pre-translated TMX marked as MT, plus the glossary of the source.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from enum import Enum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from parley.align.errors import UsageError
from parley.pipeline import Pair, PairResult

if TYPE_CHECKING:
    from parley.align.model import Bitext
    from parley.glossary.findings import Finding
    from parley.glossary.model import Glossary
from parley.ui import guard, info, print_json, print_table, progress_bar


class MtMode(str, Enum):
    auto = "auto"
    argos = "argos"
    none = "none"


@dataclass(frozen=True)
class RunOptions:
    """Everything a worker process needs (picklable; no open handles)."""

    src_lang: str
    tgt_lang: str
    outdir: Path
    mt: str = "auto"
    mt_file: Path | None = None
    glossary: Path | None = None
    termbase: bool = True
    encoding: str | None = None
    max_terms: int = 150
    region: bool = False
    low_confidence: float = 0.5


def _mt_available(src_lang: str, tgt_lang: str) -> bool:
    """Whether an installed argos model can translate this pair. Never raises: without the
    optional extra or a model, ``--mt auto`` simply aligns without MT evidence."""
    from parley.align.errors import ParleyError
    from parley.align.models import find_route

    try:
        find_route(src_lang, tgt_lang)
    except (ParleyError, ImportError):
        return False
    return True


def _machine_translate(sentences: list[str], opts: RunOptions) -> tuple[list[str], str]:
    from parley.align.translate import get_translator

    translator = get_translator(opts.src_lang, opts.tgt_lang)
    return translator.translate(sentences), translator.route.label


#: Rules that make no sense on parley's own alignment: a 1-0 bead is reported as unaligned
#: (unaligned.tsv, review page), not as an untranslated segment.
_RUN_SKIP_RULES = frozenset({"empty-target"})
#: Without the user's glossary, these compare a glossary with itself: skipped.
_SELF_GLOSSARY_RULES = frozenset({"term-unused", "term-missing"})


def _qa_terms(extracted: Glossary, top: int = 100) -> Glossary:
    """The part of an extracted glossary solid enough to check a translation against: names,
    acronyms, multiword terms and term-base concepts among the best ``top`` entries. Single
    general words ("level", "work") would flood the report with false alarms."""
    from parley.glossary.model import Glossary

    keep = [
        e for e in extracted.entries[:top]
        if e.type != "term" or e.subject
        or ((t := e.terms[0]) is not None and " " in t.text.strip())
    ]
    return Glossary(tuple(keep), extracted.langs, extracted.name)


def _run_checks(bitext: Bitext, user_glossary: Glossary | None, extracted: Glossary) -> list[Finding]:
    """QA for ``parley run``: against the user's glossary when given (errors), else against the
    solid part of the extracted one, whose key-term findings are only warnings."""
    from dataclasses import replace

    from parley.glossary.qa import RULES, check_bitext

    skip = set(_RUN_SKIP_RULES)
    if user_glossary is None:
        skip |= _SELF_GLOSSARY_RULES
    rules = [r for r in RULES if r not in skip]
    if user_glossary is not None:
        findings = check_bitext(bitext, user_glossary, rules=rules, extracted_terms=extracted)
    else:
        findings = [
            replace(f, severity="warning") if f.rule == "key-term" and f.severity == "error" else f
            for f in check_bitext(bitext, _qa_terms(extracted), rules=rules)
        ]
    # rule ids double as group names ("untranslated" selects empty-target too): filter again
    return [f for f in findings if f.rule not in skip]


def process_pair(pair: Pair, opts: RunOptions) -> PairResult:
    """All stages for one pair; module-level so that worker processes can run it."""
    from parley.align.aligner import align_segments, beads_to_bitext
    from parley.align.model import Bitext, TranslationUnit
    from parley.align.reader import read_document
    from parley.align.segment import get_segmenter, segment_document
    from parley.exports.glossary_io import read_glossary, write_glossary
    from parley.exports.qa_report import write_html as write_qa_html
    from parley.exports.qa_report import write_json as write_qa_json
    from parley.exports.registry import write_bitext
    from parley.exports.review import write_review
    from parley.glossary.extract import extract_terms
    from parley.glossary.termbase import load_starter_termbase
    from parley.pipeline import confidence_histogram, timed

    timings: dict[str, float] = {}
    out = opts.outdir
    protect = [p for p in (pair.src, pair.tgt, opts.mt_file, opts.glossary) if p is not None]
    outputs: dict[str, Path] = {}
    counts: dict[str, Any] = {}
    name = pair.name

    with timed(timings, "read"):
        # the user's glossary first: a broken one should fail before the long stages
        user_glossary = (read_glossary(opts.glossary, src_lang=opts.src_lang,
                                       tgt_lang=opts.tgt_lang)
                         if opts.glossary is not None else None)
        src_doc = read_document(pair.src, lang=opts.src_lang, encoding=opts.encoding)
        tgt_doc = (read_document(pair.tgt, lang=opts.tgt_lang, encoding=opts.encoding)
                   if pair.tgt is not None else None)
    with timed(timings, "segment"):
        src = segment_document(src_doc, opts.src_lang, get_segmenter(opts.src_lang))
        tgt = (segment_document(tgt_doc, opts.tgt_lang, get_segmenter(opts.tgt_lang))
               if tgt_doc is not None else None)
    counts["source_sentences"] = len(src)
    counts["target_sentences"] = len(tgt) if tgt is not None else 0

    mt: list[str] | None = None
    mt_model: str | None = None
    if opts.mt_file is not None:
        with timed(timings, "mt"):
            lines = read_document(opts.mt_file, lang=opts.tgt_lang, paragraphs="lines")
            mt = [p.text for p in lines.paragraphs]
            if len(mt) != len(src):
                raise UsageError(
                    f"--mt-file has {len(mt)} lines but the source has {len(src)} sentences",
                    opts.mt_file, "translate the output of 'parley segment' line by line",
                )
            mt_model = "file:" + opts.mt_file.name
    elif opts.mt == "argos" or (opts.mt == "auto" and (
            tgt is None or _mt_available(opts.src_lang, opts.tgt_lang))):
        # without a translation MT is the product, so a missing model is an error (exit 6)
        with timed(timings, "mt"):
            mt, mt_model = _machine_translate([s.norm for s in src], opts)

    if tgt is not None:
        with timed(timings, "align"):
            beads = align_segments(src, tgt, src_lang=opts.src_lang, tgt_lang=opts.tgt_lang, mt=mt)
            bitext = beads_to_bitext(beads, src, tgt, opts.src_lang, opts.tgt_lang, document=name)
    else:
        if mt is None:
            raise UsageError("no translation given and --mt none", pair.src,
                             "give the translation file, or let parley translate (--mt auto)")
        bitext = Bitext(opts.src_lang, opts.tgt_lang, tuple(
            TranslationUnit(s.norm, m, id=str(i + 1), origin="mt", mt_model=mt_model,
                            document=name, paragraph=s.paragraph, bead="1-1")
            for i, (s, m) in enumerate(zip(src, mt, strict=True))
        ), name)

    links = [u for u in bitext.units if u.source and u.target]
    counts["units"] = len(links)
    counts["unaligned_source"] = sum(1 for u in bitext.units if u.source and not u.target)
    counts["unaligned_target"] = sum(1 for u in bitext.units if u.target and not u.source)
    confs = [u.confidence for u in links if u.confidence is not None]
    counts["low_confidence"] = sum(1 for c in confs if c < opts.low_confidence)
    for u in bitext.units:
        key = f"bead_{u.bead}"
        counts[key] = counts.get(key, 0) + 1

    with timed(timings, "tmx"):
        tmx = out / f"{name}.tmx"
        unaligned = out / f"{name}.unaligned.tsv"
        # the TMX writer always writes the side file (header only when all aligned)
        report = write_bitext(tmx, bitext, protect=protect, region=opts.region,
                              unaligned_path=unaligned)
        outputs["tmx"] = tmx
        outputs["unaligned"] = unaligned
        counts["illegal_chars_removed"] = report.illegal_chars_removed
        counts["long_segments"] = report.long_segments

    with timed(timings, "glossary"):
        link_bitext = Bitext(bitext.src_lang, bitext.tgt_lang, tuple(links), name)
        termbase = load_starter_termbase() if opts.termbase else None
        extracted = extract_terms(link_bitext, src_lang=opts.src_lang, tgt_lang=opts.tgt_lang,
                                  termbase=termbase, max_terms=opts.max_terms)
        for ext in ("tbx", "tsv"):
            path = out / f"{name}.glossary.{ext}"
            fmt = "omegat" if ext == "tsv" else None
            write_glossary(path, extracted, fmt, src_lang=opts.src_lang, tgt_lang=opts.tgt_lang,
                           protect=protect)
            outputs[f"glossary_{ext}"] = path
        counts["glossary_entries"] = len(extracted)

    findings: list[Any] = []
    if tgt is not None:
        with timed(timings, "qa"):
            findings = _run_checks(bitext, user_glossary, extracted)
            write_qa_html(out / f"{name}.qa.html", findings, bitext, protect=protect)
            write_qa_json(out / f"{name}.qa.json", findings, bitext, protect=protect)
            outputs["qa_html"] = out / f"{name}.qa.html"
            outputs["qa_json"] = out / f"{name}.qa.json"
        for sev in ("error", "warning", "info"):
            counts[f"findings_{sev}"] = sum(1 for f in findings if f.severity == sev)

    with timed(timings, "review"):
        review = out / f"{name}.review.html"
        write_review(review, bitext, glossary=user_glossary or extracted, findings=findings,
                     title=name, low_confidence=opts.low_confidence, protect=protect)
        outputs["review"] = review

    counts["confidence"] = confidence_histogram(confs)
    counts["top_terms"] = [
        f"{s.text} = {t.text}" for e in extracted.entries[:10]
        if (s := e.main_term(opts.src_lang)) is not None
        and (t := e.main_term(opts.tgt_lang)) is not None
    ]
    counts["mt_model"] = mt_model
    return PairResult(name, True, outputs, counts, timings)


def _merge(results: list[PairResult], opts: RunOptions) -> dict[str, Path]:
    """One TMX and one glossary over all pairs that succeeded."""
    from parley.align.model import Bitext, TranslationUnit
    from parley.exports.glossary_io import write_glossary
    from parley.exports.registry import read_bitext, write_bitext
    from parley.glossary.extract import extract_terms
    from parley.glossary.termbase import load_starter_termbase

    units: list[TranslationUnit] = []
    for r in results:
        if r.ok and "tmx" in r.outputs:
            units.extend(read_bitext(r.outputs["tmx"], src_lang=opts.src_lang,
                                     tgt_lang=opts.tgt_lang).units)
    merged = Bitext(opts.src_lang, opts.tgt_lang, tuple(units), "merged")
    tmx = opts.outdir / "merged.tmx"
    write_bitext(tmx, merged, region=opts.region)
    gl = extract_terms(merged, src_lang=opts.src_lang, tgt_lang=opts.tgt_lang,
                       termbase=load_starter_termbase() if opts.termbase else None,
                       max_terms=opts.max_terms)
    tbx = opts.outdir / "merged.glossary.tbx"
    write_glossary(tbx, gl, src_lang=opts.src_lang, tgt_lang=opts.tgt_lang)
    return {"merged_tmx": tmx, "merged_glossary": tbx}


def run_job(pairs: list[Pair], opts: RunOptions, jobs: int | None) -> dict[str, Any]:
    """Run every pair, write merged outputs and summary.json; returns the summary."""
    from parley.pipeline import build_summary, run_pairs, write_summary

    opts.outdir.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    if len(pairs) == 1:
        # one pair runs here, so that its error surfaces with its own message and exit code
        results = [process_pair(pairs[0], opts)]
    else:
        with progress_bar("document pairs", len(pairs)) as advance:
            results = run_pairs(pairs, partial(process_pair, opts=opts), jobs,
                                progress=lambda _r: advance(1))
    merged: dict[str, Path] = {}
    if len(pairs) > 1 and sum(r.ok for r in results) > 0:
        merged = _merge(results, opts)
    confs: list[float] = []
    for r in results:
        hist = r.counts.get("confidence") if r.ok else None
        if hist:
            # re-expand bins for the overall histogram (bin centres are precise enough here)
            edges = hist["edges"]
            for k, n in enumerate(hist["counts"]):
                confs.extend([(edges[k] + edges[k + 1]) / 2] * n)
    options = {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(opts).items()}
    summary = build_summary(results, options=options, confidences=confs,
                            timings={"total": round(time.perf_counter() - t0, 3)})
    summary["merged"] = {k: str(v) for k, v in merged.items()}
    return write_summary(opts.outdir / "summary.json", summary)


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
    src_lang: Annotated[str, typer.Option("--src-lang", "-s", help="Source language.")] = "en",
    tgt_lang: Annotated[str, typer.Option("--tgt-lang", "-t", help="Target language.")] = "ru",
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
    review: Annotated[bool, typer.Option(
        "--review", help="At the end, open the alignment editor on the TMX (parley review).")] = False,
) -> None:
    """Align, export TMX, extract the glossary, check, and write a review page.

    Example: parley run seeds/lavrov-2018-02-07.en.txt seeds/lavrov-2018-02-07.ru.txt
    -s en -t ru -o out
    """
    from parley.align.lang import check_lang
    from parley.pipeline import default_name, read_pairs_file

    s_lang, t_lang = check_lang(src_lang), check_lang(tgt_lang)
    if pairs_file is not None:
        if src is not None:
            raise UsageError("give either SRC [TGT] or --pairs, not both")
        pairs = read_pairs_file(pairs_file)
    elif src is None:
        raise UsageError("give SRC [TGT] or --pairs FILE", hint="see parley run --help")
    else:
        for p in (src, tgt):
            if p is not None and not p.is_file():
                from parley.align.errors import InputError

                raise InputError("file not found" if not p.exists() else "not a file", p)
        pairs = [Pair(src, tgt, default_name(src, tgt))]
    if mt_file is not None and len(pairs) > 1:
        raise UsageError("--mt-file works with one pair only")
    if review and len(pairs) > 1:
        raise UsageError("--review opens one document", hint="run parley review OUTDIR/NAME.tmx after")
    opts = RunOptions(s_lang, t_lang, outdir, mt.value, mt_file, glossary, not no_termbase,
                      encoding, region=region)
    info(f"parley run: {len(pairs)} pair(s) -> {outdir}/")
    summary = run_job(pairs, opts, jobs)
    if as_json:
        print_json(summary)
    else:
        _print_summary(summary)
    failed = summary["pairs"]["failed"]
    if failed:
        from parley.align.errors import ParleyError

        raise ParleyError(f"{failed} of {len(pairs)} pair(s) failed; see summary.json",
                          outdir / "summary.json")
    if review:
        from parley.exports.editor.cli import serve

        serve(outdir / f"{pairs[0].name}.tmx")


def register(app: typer.Typer) -> None:
    app.command("run")(run_cmd)
