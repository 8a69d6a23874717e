"""The whole ``parley run`` job as a library: one call per document pair, or many in parallel.

read → segment → align (MT evidence when available) → TMX → glossary → QA → review page.
Without a translation the source is machine-translated into a pre-translated TMX marked as MT,
plus the glossary of the source. ``parley run`` only parses its options, calls :func:`run_job`
and prints the :class:`RunSummary`, so a script calling :func:`run_pair` gets exactly the CLI's
outputs, counts and QA findings.

Heavy parts (aligner, exports, QA rules) are imported inside the functions: importing this
module (as ``parley.run_pair`` does on first use) costs nothing noticeable.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from parley.align.errors import ParleyError, UsageError, require_file
from parley.pipeline import Pair, PairResult

if TYPE_CHECKING:
    from parley.align.model import Bitext
    from parley.glossary.findings import Finding
    from parley.glossary.model import Glossary

#: The MT switch shared by ``parley run`` and ``parley align``: ``auto`` uses an installed argos
#: model when there is one, ``argos`` requires it, ``none`` aligns on the texts alone.
MT_MODES = ("auto", "argos", "none")


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
    #: segmentation as the CAT tool does it: an SRX file, or a segmenter name (``srx``: the
    #: rules ``parley handoff omegat`` gives OmegaT)
    srx: Path | None = None
    segmenter: str | None = None
    #: run even when an input does not look like its declared language
    force_lang: bool = False
    #: left out of the TMX (flagged, low-confidence, unaligned); untranslated units always are,
    #: unless ``untranslated``
    exclude: tuple[str, ...] = ()
    untranslated: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (paths as strings), as recorded under ``options`` in summary.json."""
        return {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(self).items()}


@dataclass(frozen=True)
class PairCounts:
    """What ``parley run`` produced for one pair. ``confidences`` are the real per-unit alignment
    confidences (not histogram bins), so means over several pairs are exact."""

    source_sentences: int
    target_sentences: int
    units: int
    unaligned_source: int
    unaligned_target: int
    low_confidence: int
    beads: Mapping[str, int]
    illegal_chars_removed: int
    long_segments: int
    glossary_entries: int
    findings_error: int = 0
    findings_warning: int = 0
    findings_info: int = 0
    confidences: tuple[float, ...] = ()
    top_terms: tuple[str, ...] = ()
    mt_model: str | None = None

    @property
    def findings(self) -> int:
        return self.findings_error + self.findings_warning + self.findings_info

    @property
    def mean_confidence(self) -> float | None:
        return round(statistics.fmean(self.confidences), 4) if self.confidences else None

    def to_dict(self) -> dict[str, Any]:
        """The ``counts`` object of summary.json: beads as ``bead_1-1`` ..., confidences as a
        histogram with summary statistics (the raw list would bloat the file)."""
        from parley.pipeline import confidence_histogram

        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "beads":
                out.update({f"bead_{k}": v for k, v in value.items()})
            elif f.name == "confidences":
                out["confidence"] = confidence_histogram(value)
            else:
                out[f.name] = list(value) if isinstance(value, tuple) else value
        return out


#: One pair's result as :func:`run_pair` returns it: name, ok, outputs (kind -> path),
#: counts (:class:`PairCounts`, None when the pair failed), stage timings, error.
PairReport = PairResult[PairCounts]


@dataclass(frozen=True)
class RunSummary:
    """A whole run: every pair's report in input order, merged outputs, and where summary.json
    went. :meth:`to_dict` is the summary.json content."""

    results: tuple[PairReport, ...]
    options: RunOptions
    merged: Mapping[str, Path] = field(default_factory=dict)
    timings: Mapping[str, float] = field(default_factory=dict)
    path: Path | None = None
    versions: Mapping[str, str | None] = field(default_factory=dict)

    @property
    def ok(self) -> int:
        return sum(r.ok for r in self.results)

    @property
    def failed(self) -> int:
        return sum(not r.ok for r in self.results)

    @property
    def confidences(self) -> tuple[float, ...]:
        return tuple(c for r in self.results if r.ok and r.counts is not None
                     for c in r.counts.confidences)

    def to_dict(self) -> dict[str, Any]:
        from parley.pipeline import build_summary

        data = build_summary(list(self.results), options=self.options.to_dict(),
                             confidences=self.confidences, timings=dict(self.timings))
        data["merged"] = {k: str(v) for k, v in self.merged.items()}
        if self.versions:
            data["versions"] = dict(self.versions)
            data["parley"] = self.versions.get("parley")
        return data


# --- the stages of one pair ---------------------------------------------------------------------


def _mt_available(src_lang: str, tgt_lang: str) -> bool:
    """Whether an installed argos model can translate this pair. Never raises: without the
    optional extra or a model, ``--mt auto`` simply aligns without MT evidence."""
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
RUN_SKIP_RULES = frozenset({"empty-target"})
#: Without the user's glossary, these compare a glossary with itself: skipped.
SELF_GLOSSARY_RULES = frozenset({"term-unused", "term-missing"})


def qa_terms(extracted: Glossary, top: int = 100) -> Glossary:
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


def run_checks(bitext: Bitext, extracted: Glossary, glossary: Glossary | None = None) -> list[Finding]:
    """The QA policy of ``parley run``: against the user's ``glossary`` when given (errors),
    else against the solid part of the ``extracted`` one (:func:`qa_terms`), whose key-term
    findings are only warnings. ``parley check`` runs every rule instead; this is the policy
    for a translation parley aligned itself."""
    from parley.glossary.qa import RULES, check_bitext

    skip = set(RUN_SKIP_RULES)
    if glossary is None:
        skip |= SELF_GLOSSARY_RULES
    rules = [r for r in RULES if r not in skip]
    if glossary is not None:
        findings = check_bitext(bitext, glossary, rules=rules, extracted_terms=extracted)
    else:
        findings = [
            replace(f, severity="warning") if f.rule == "key-term" and f.severity == "error" else f
            for f in check_bitext(bitext, qa_terms(extracted), rules=rules)
        ]
    # rule ids double as group names ("untranslated" selects empty-target too): filter again
    return [f for f in findings if f.rule not in skip]


def _read_mt_file(path: Path, opts: RunOptions, n_src: int) -> list[str]:
    from parley.align.reader import read_document

    lines = read_document(path, lang=opts.tgt_lang, paragraphs="lines")
    mt = [p.text for p in lines.paragraphs]
    if len(mt) != n_src:
        raise UsageError(f"--mt-file has {len(mt)} lines but the source has {n_src} sentences",
                         path, "translate the output of 'parley segment' line by line")
    return mt


def _mt_bitext(pair: Pair, src: Sequence[Any], mt: list[str] | None, mt_model: str | None,
               opts: RunOptions) -> Bitext:
    """Without a translation, the pre-translated bitext: one MT unit per source sentence."""
    from parley.align.model import Bitext, TranslationUnit

    if mt is None:
        raise UsageError("no translation given and --mt none", pair.src,
                         "give the translation file, or let parley translate (--mt auto)")
    return Bitext(opts.src_lang, opts.tgt_lang, tuple(
        TranslationUnit(s.norm, m, id=str(i + 1), origin="mt", mt_model=mt_model,
                        document=pair.name, paragraph=s.paragraph, bead="1-1")
        for i, (s, m) in enumerate(zip(src, mt, strict=True))
    ), pair.name)


def process_pair(pair: Pair, opts: RunOptions) -> PairReport:
    """All stages for one pair; module-level so that worker processes can run it."""
    from parley.align.aligner import align_segments, beads_to_bitext
    from parley.align.model import Bitext
    from parley.align.reader import read_document
    from parley.align.segment import get_segmenter, segment_document
    from parley.exports.glossary_io import read_glossary, write_glossary
    from parley.exports.qa_report import write_html as write_qa_html
    from parley.exports.qa_report import write_json as write_qa_json
    from parley.exports.qa_report import write_jsonl as write_qa_jsonl
    from parley.exports.review import bead_folder, write_review
    from parley.glossary.extract import extract_terms
    from parley.glossary.termbase import load_starter_termbase
    from parley.pipeline import timed

    timings: dict[str, float] = {}
    out, name = opts.outdir, pair.name
    protect = [p for p in (pair.src, pair.tgt, opts.mt_file, opts.glossary) if p is not None]
    outputs: dict[str, Path] = {}

    with timed(timings, "read"):
        # the user's glossary first: a broken one should fail before the long stages
        user_glossary = (read_glossary(opts.glossary, src_lang=opts.src_lang,
                                       tgt_lang=opts.tgt_lang)
                         if opts.glossary is not None else None)
        src_doc = read_document(pair.src, lang=opts.src_lang, encoding=opts.encoding)
        tgt_doc = (read_document(pair.tgt, lang=opts.tgt_lang, encoding=opts.encoding)
                   if pair.tgt is not None else None)
        if not opts.force_lang:  # a mislabelled or swapped file stops here, in one line
            from parley.align.langid import check_language

            check_language(src_doc.text, opts.src_lang, pair.src, "-s")
            if tgt_doc is not None:
                check_language(tgt_doc.text, opts.tgt_lang, pair.tgt, "-t")
    with timed(timings, "segment"):
        srx = str(opts.srx) if opts.srx is not None else None
        src = segment_document(src_doc, opts.src_lang,
                               get_segmenter(opts.src_lang, opts.segmenter, srx))
        tgt = (segment_document(tgt_doc, opts.tgt_lang,
                                get_segmenter(opts.tgt_lang, opts.segmenter, srx))
               if tgt_doc is not None else None)

    mt: list[str] | None = None
    mt_model: str | None = None
    if opts.mt_file is not None:
        with timed(timings, "mt"):
            mt, mt_model = _read_mt_file(opts.mt_file, opts, len(src)), "file:" + opts.mt_file.name
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
        bitext = _mt_bitext(pair, src, mt, mt_model, opts)

    links = [u for u in bitext.units if u.source and u.target]
    with timed(timings, "glossary"):
        link_bitext = Bitext(bitext.src_lang, bitext.tgt_lang, tuple(links), name)
        termbase = load_starter_termbase() if opts.termbase else None
        extracted = extract_terms(link_bitext, src_lang=opts.src_lang, tgt_lang=opts.tgt_lang,
                                  termbase=termbase, max_terms=opts.max_terms)
        # TBX-Basic v2 and OmegaT's tab-separated file (.utf8: OmegaT ignores .tsv)
        for key, ext in (("glossary_tbx", "tbx"), ("glossary_utf8", "utf8")):
            path = out / f"{name}.glossary.{ext}"
            write_glossary(path, extracted, src_lang=opts.src_lang, tgt_lang=opts.tgt_lang,
                           protect=protect)
            outputs[key] = path

    findings: list[Finding] = []
    if tgt is not None:
        with timed(timings, "qa"):
            findings = run_checks(bitext, extracted, user_glossary)
            outputs.update(qa_html=out / f"{name}.qa.html", qa_json=out / f"{name}.qa.json",
                           qa_jsonl=out / f"{name}.qa.jsonl")
            # every finding in the JSON Lines file; the JSON and HTML reports list what a
            # person or a quick script takes in, and name it for the rest
            write_qa_jsonl(outputs["qa_jsonl"], findings, protect=protect)
            write_qa_html(outputs["qa_html"], findings, bitext, protect=protect,
                          more=outputs["qa_jsonl"].name)
            write_qa_json(outputs["qa_json"], findings, bitext, protect=protect,
                          jsonl=outputs["qa_jsonl"])

    with timed(timings, "tmx"):
        report = _write_tm(bitext, findings, opts, name, protect, outputs)

    with timed(timings, "review"):
        review = out / f"{name}.review.html"
        write_review(review, bitext, glossary=user_glossary or extracted, findings=findings,
                     title=name, low_confidence=opts.low_confidence, protect=protect)
        outputs["review"] = review
        if bead_folder(review).is_dir():  # a long document: the page reads its beads there
            outputs["review_beads"] = bead_folder(review)
    outputs["source"] = pair.src  # what 'parley handoff omegat OUTDIR' puts in source/

    confs = tuple(u.confidence for u in links if u.confidence is not None)
    beads_count: dict[str, int] = {}
    for u in bitext.units:
        beads_count[str(u.bead)] = beads_count.get(str(u.bead), 0) + 1
    counts = PairCounts(
        source_sentences=len(src), target_sentences=len(tgt) if tgt is not None else 0,
        units=len(links),
        unaligned_source=sum(1 for u in bitext.units if u.source and not u.target),
        unaligned_target=sum(1 for u in bitext.units if u.target and not u.source),
        low_confidence=sum(1 for c in confs if c < opts.low_confidence), beads=beads_count,
        illegal_chars_removed=report.illegal_chars_removed, long_segments=report.long_segments,
        glossary_entries=len(extracted),
        findings_error=sum(1 for f in findings if f.severity == "error"),
        findings_warning=sum(1 for f in findings if f.severity == "warning"),
        findings_info=sum(1 for f in findings if f.severity == "info"),
        confidences=confs,
        top_terms=tuple(
            f"{s.text} = {t.text}" for e in extracted.entries[:10]
            if (s := e.main_term(opts.src_lang)) is not None
            and (t := e.main_term(opts.tgt_lang)) is not None
        ),
        mt_model=mt_model,
    )
    return PairResult(name, True, outputs, counts, timings)


def _merge(results: Sequence[PairReport], opts: RunOptions,
           inputs: Sequence[Path] = ()) -> dict[str, Path]:
    """One TMX and one glossary over all pairs that succeeded, one pair in memory at a time:
    the TMX is streamed from the pairs' TMX files, and the glossary ranked once from the sum of
    each pair's term statistics (the same entries and order as extracting from all units
    together, as ``parley corpus`` does), instead of every pair's units held at once."""
    from dataclasses import replace

    from parley.align.model import Bitext
    from parley.corpus.terms import tree_sum
    from parley.exports.glossary_io import write_glossary
    from parley.exports.tmx import iter_tmx, write_units
    from parley.glossary.extract import rank_terms
    from parley.glossary.stats import gather_stats
    from parley.glossary.termbase import load_starter_termbase

    src, tgt = opts.src_lang, opts.tgt_lang
    parts = [r.outputs["tmx"] for r in results if r.ok and "tmx" in r.outputs]
    tmx = opts.outdir / "merged.tmx"
    write_units(tmx, (u for p in parts for u in iter_tmx(p, src, tgt)), src, tgt,
                region=opts.region, protect=inputs)
    termbase = load_starter_termbase() if opts.termbase else None

    def pair_stats(path: Path) -> Any:
        units = tuple(iter_tmx(path, src, tgt))
        return gather_stats(Bitext(src, tgt, units, "merged"), src_lang=src, tgt_lang=tgt,
                            termbase=termbase)

    if parts:
        total = replace(tree_sum(pair_stats(p) for p in parts), name="merged")
    else:
        total = gather_stats(Bitext(src, tgt, (), "merged"), src_lang=src, tgt_lang=tgt,
                             termbase=termbase)
    gl = rank_terms(total, termbase=termbase, max_terms=opts.max_terms)
    tbx = opts.outdir / "merged.glossary.tbx"
    write_glossary(tbx, gl, src_lang=src, tgt_lang=tgt, protect=inputs)
    return {"merged_tmx": tmx, "merged_glossary": tbx}


# --- the job --------------------------------------------------------------------------------------


def _write_tm(bitext: Bitext, findings: list[Finding], opts: RunOptions, name: str,
              protect: list[Path], outputs: dict[str, Path]) -> Any:
    """The TMX, its units carrying their QA status (``x-qa-rules``, ``x-qa-status``); what
    ``--exclude`` or the untranslated rule leaves out goes to ``NAME.left-out.tsv`` with the
    reason, and 1-0/0-1 units to ``NAME.unaligned.tsv`` as before: no sentence is lost."""
    from dataclasses import replace

    from parley.exports.qa_status import annotate, select
    from parley.exports.registry import write_bitext

    out = opts.outdir
    tmx, unaligned = out / f"{name}.tmx", out / f"{name}.unaligned.tsv"
    annotated = annotate(bitext, findings) if findings else bitext
    sel = select(annotated, opts.exclude, low_confidence=opts.low_confidence,
                 untranslated=opts.untranslated)
    # the TMX writer always writes the side file (header only when all aligned)
    report = write_bitext(tmx, sel.kept, protect=protect, region=opts.region,
                          unaligned_path=unaligned)
    outputs.update(tmx=tmx, unaligned=unaligned)
    if sel.left_out:
        left = out / f"{name}.left-out.tsv"
        write_bitext(left, replace(bitext, units=tuple(replace(u, note=why) for why, u in sel.left_out)),
                     fmt="tsv", protect=protect)
        outputs["left_out"] = left
    return report


def run_job(pairs: Sequence[Pair], opts: RunOptions, jobs: int | None = None, *,
            progress: Callable[[PairReport], None] | None = None) -> RunSummary:
    """Run every pair (in parallel over ``jobs`` processes when there are several), write the
    merged outputs and summary.json; returns the summary.

    One pair runs in this process, so that its error raises with its own message and exit
    code; with several, a failing pair becomes a failed :class:`PairReport` and the others go on.
    """
    from parley.align.atomic import folder_lock
    from parley.pipeline import run_pairs as run_in_parallel
    from parley.pipeline import versions, write_summary

    _check(pairs, opts)
    inputs = _inputs(pairs, opts)
    _check_run_outputs(pairs, opts, inputs)
    # one run per output folder: two at once would leave one run's TMX beside the other's
    # glossary and summary; the lock also clears temp files a killed run left behind
    with folder_lock(opts.outdir):
        t0 = time.perf_counter()
        if len(pairs) == 1:
            results: list[PairReport] = [process_pair(pairs[0], opts)]
            if progress is not None:
                progress(results[0])
        else:
            results = run_in_parallel(pairs, partial(process_pair, opts=opts), jobs,
                                      progress=progress)
        merged: dict[str, Path] = {}
        if len(pairs) > 1 and any(r.ok for r in results):
            merged = _merge(results, opts, inputs)
        summary = RunSummary(tuple(results), opts, merged,
                             {"total": round(time.perf_counter() - t0, 3)},
                             opts.outdir / "summary.json", versions())
        write_summary(summary.path or opts.outdir / "summary.json", summary.to_dict(),
                      protect=inputs)
    return summary


#: Output names of the run itself, which no pair may take (``merged.tmx`` would replace the
#: pair's own ``merged.tmx``).
RESERVED_NAMES = ("merged", "summary")


def _inputs(pairs: Sequence[Pair], opts: RunOptions) -> list[Path]:
    """Every file the run reads: none of them may be replaced by any of its outputs."""
    found = [p for pair in pairs for p in (pair.src, pair.tgt) if p is not None]
    return found + [p for p in (opts.mt_file, opts.glossary) if p is not None]


def _check_run_outputs(pairs: Sequence[Pair], opts: RunOptions, inputs: list[Path]) -> None:
    """Before any work: the run's own outputs must not replace an input (``parley run
    summary.json ru.txt -o .``) or a pair's output (a pair named ``merged``)."""
    from parley.align.atomic import check_output

    for pair in pairs:
        if len(pairs) > 1 and pair.name in RESERVED_NAMES:
            raise UsageError(f"a pair is named {pair.name!r}, which the run's own outputs use",
                             hint="give the pair another name (third column of the pairs file)")
    names = ["summary.json"] + (["merged.tmx", "merged.glossary.tbx"] if len(pairs) > 1 else [])
    for name in names:
        check_output(opts.outdir / name, protect=inputs)


def _check(pairs: Sequence[Pair], opts: RunOptions) -> None:
    """Fail before any work on what would fail later for every pair."""
    if not pairs:
        raise UsageError("no document pairs to run")
    if opts.mt not in MT_MODES:
        raise UsageError(f"unknown MT mode {opts.mt!r}", hint="use " + ", ".join(MT_MODES))
    if opts.mt_file is not None and len(pairs) > 1:
        raise UsageError("--mt-file works with one pair only")
    for p in (opts.mt_file, opts.glossary):
        if p is not None:
            require_file(p)


def _options(src_lang: str, tgt_lang: str, output: str | Path, options: Mapping[str, Any]) -> RunOptions:
    from parley.align.lang import check_lang

    known = {f.name for f in fields(RunOptions)} - {"src_lang", "tgt_lang", "outdir"}
    unknown = sorted(set(options) - known)
    if unknown:
        raise UsageError(f"unknown run option(s): {', '.join(unknown)}",
                         hint="known: " + ", ".join(sorted(known)))
    paths: dict[str, Any] = {k: Path(v) for k, v in options.items()
                             if k in ("mt_file", "glossary", "srx") and v is not None}
    if "exclude" in options:
        from parley.exports.qa_status import parse_exclude

        paths["exclude"] = parse_exclude(str(e) for e in options["exclude"] or ())
    return RunOptions(check_lang(src_lang), check_lang(tgt_lang), Path(output),
                      **{**options, **paths})


def _pair(src: str | Path, tgt: str | Path | None, name: str | None = None) -> Pair:
    from parley.pipeline import default_name

    s, t = Path(src), Path(tgt) if tgt is not None else None
    for p in (s, t):
        if p is not None:
            require_file(p)
    return Pair(s, t, name or default_name(s, t))


def run_pairs(
    pairs: Iterable[Pair | tuple[str | Path, str | Path | None]],
    *,
    src_lang: str,
    tgt_lang: str,
    output: str | Path = "out",
    jobs: int | None = None,
    progress: Callable[[PairReport], None] | None = None,
    **options: Any,
) -> RunSummary:
    """``parley run --pairs``: every (source, translation-or-None) pair into ``output``, plus
    merged.tmx and merged.glossary.tbx when there are several. ``options`` are the fields of
    :class:`RunOptions` (mt, mt_file, glossary, termbase, encoding, max_terms, region,
    low_confidence). A pair that fails is reported in the summary, not raised (unless it is
    the only one)."""
    from parley.pipeline import unique_names

    given = [p if isinstance(p, Pair) else _pair(*p) for p in pairs]
    opts = _options(src_lang, tgt_lang, output, options)
    return run_job(unique_names(given, {p.name for p in given if isinstance(p, Pair)}), opts,
                   jobs, progress=progress)


def run_pair(
    src: str | Path,
    tgt: str | Path | None = None,
    *,
    src_lang: str,
    tgt_lang: str,
    output: str | Path = "out",
    name: str | None = None,
    **options: Any,
) -> PairReport:
    """``parley run SRC [TGT]``: align, write the TMX, glossary (TBX + OmegaT TSV), QA report
    and review page into ``output``, and summary.json; returns the pair's report, whose
    ``counts`` are a :class:`PairCounts`. Without ``tgt`` the source is machine-translated.
    Raises the pair's :class:`~parley.align.errors.ParleyError` when it fails."""
    opts = _options(src_lang, tgt_lang, output, options)
    return run_job([_pair(src, tgt, name)], opts).results[0]
