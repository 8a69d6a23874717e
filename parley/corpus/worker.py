"""One document pair on a Dask worker: read, segment, align, check, write its Parquet part.

:func:`run_task` never raises for a bad pair: unreadable, empty or wrong-language inputs become
a ``failed`` outcome, so the other pairs go on. What it writes is atomic and named after the
pair: the part first, then the record, so a worker killed at any instant leaves either nothing
of the pair or a complete part that a rerun (or Dask's retry on another worker) replaces.
"""

from __future__ import annotations

import os
import socket
import time
from pathlib import Path
from typing import Any

from parley.align.errors import InputError, ParleyError
from parley.corpus.model import CorpusOptions, PairOutcome, PairTask
from parley.corpus.store import part_path, units_dir, write_record
from parley.pipeline import timed

#: QA rules run per pair. Terminology rules need the glossary, which only exists once the
#: whole corpus is reduced: they run in the corpus pass. ``empty-target`` would report every
#: 1-0 bead, which is the ``source-only`` status already.
_CORPUS_LEVEL_RULES = frozenset({"key-term", "forbidden-term", "term-consistency", "term-unused",
                                 "term-missing", "empty-target"})


def unit_status(source: str, target: str) -> str:
    if source and target:
        return "aligned"
    return "source-only" if source else "target-only"


def _read_side(path: Path, lang: str, opts: CorpusOptions) -> list[Any]:
    from parley.align.reader import read_document
    from parley.align.segment import get_segmenter, segment_document
    from parley.corpus.langcheck import wrong_language

    doc = read_document(path, lang=lang, encoding=opts.encoding)
    segments = segment_document(doc, lang, get_segmenter(lang))
    if not segments:
        raise InputError("no sentences in file", path)
    why = wrong_language(" ".join(s.text for s in segments[:400]), lang)
    if why:
        raise InputError(why, path, "check the manifest's columns and languages")
    return segments


def _mt(sentences: list[str], opts: CorpusOptions) -> list[str] | None:
    """MT evidence for the aligner when asked for and a model is installed (``auto``)."""
    if opts.mt == "none":
        return None
    from parley.align.models import find_route
    from parley.align.translate import get_translator

    try:
        find_route(opts.src_lang, opts.tgt_lang)
    except (ParleyError, ImportError):
        if opts.mt == "auto":
            return None
        raise
    return get_translator(opts.src_lang, opts.tgt_lang).translate(sentences)


def align_pair(task: PairTask, timings: dict[str, float]) -> Any:
    """The pair's bitext: every sentence of both sides in one unit (empty-side beads kept)."""
    from parley.align.aligner import align_segments, beads_to_bitext

    pair, opts = task.pair, task.opts
    if pair.tgt is None:
        raise InputError("no translation for this pair", pair.src,
                         "parley corpus aligns existing translations; give the TGT column")
    with timed(timings, "read"):
        src = _read_side(pair.src, opts.src_lang, opts)
        tgt = _read_side(pair.tgt, opts.tgt_lang, opts)
    mt = None
    if opts.mt != "none":
        with timed(timings, "mt"):
            mt = _mt([s.norm for s in src], opts)
    with timed(timings, "align"):
        beads = align_segments(src, tgt, src_lang=opts.src_lang, tgt_lang=opts.tgt_lang, mt=mt)
        bitext = beads_to_bitext(beads, src, tgt, opts.src_lang, opts.tgt_lang, document=pair.name)
    return bitext, len(src), len(tgt)


def unit_rule_ids(bitext: Any) -> list[list[str]]:
    """Per unit, the ids of the per-pair QA rules it breaks (sorted, unique)."""
    from parley.glossary.qa import RULES, check_bitext

    rules = [r for r in RULES if r not in _CORPUS_LEVEL_RULES]
    per_unit: list[set[str]] = [set() for _ in bitext.units]
    for f in check_bitext(bitext, rules=rules):
        if f.unit is not None and f.rule not in _CORPUS_LEVEL_RULES:
            per_unit[f.unit].add(f.rule)
    return [sorted(s) for s in per_unit]


#: ``units.parquet`` columns, in order (polars types by name in :func:`write_part`).
PART_COLUMNS = ("document", "unit", "id", "source", "target", "confidence", "bead", "status",
                "qa", "paragraph", "origin", "src_lang", "tgt_lang")


def part_schema() -> dict[str, Any]:
    import polars as pl

    types: dict[str, Any] = {"unit": pl.Int64, "confidence": pl.Float64, "paragraph": pl.Int64,
                             "qa": pl.List(pl.String)}
    return {c: types.get(c, pl.String) for c in PART_COLUMNS}


def write_part(path: Path, bitext: Any, qa: list[list[str]]) -> None:
    """One row a unit, atomically (a reader never sees half a part)."""
    import polars as pl

    from parley.align.atomic import atomic_path
    from parley.exports.xmlsafe import clean_utf8

    units = bitext.units
    rows: dict[str, list[Any]] = {
        "document": [u.document for u in units],
        "unit": list(range(1, len(units) + 1)),
        "id": [u.id for u in units],
        "source": [clean_utf8(u.source)[0] for u in units],
        "target": [clean_utf8(u.target)[0] for u in units],
        "confidence": [u.confidence for u in units],
        "bead": [u.bead for u in units],
        "status": [unit_status(u.source, u.target) for u in units],
        "qa": qa,
        "paragraph": [u.paragraph for u in units],
        "origin": [u.origin for u in units],
        "src_lang": [bitext.src_lang] * len(units),
        "tgt_lang": [bitext.tgt_lang] * len(units),
    }
    df = pl.DataFrame(rows, schema=part_schema())
    with atomic_path(path) as tmp:
        df.write_parquet(tmp, compression="zstd", statistics=True)


def _counts(bitext: Any, n_src: int, n_tgt: int, qa: list[list[str]], low: float) -> dict[str, int]:
    statuses = [unit_status(u.source, u.target) for u in bitext.units]
    confs = [u.confidence for u, s in zip(bitext.units, statuses, strict=True)
             if s == "aligned" and u.confidence is not None]
    return {
        "source_sentences": n_src, "target_sentences": n_tgt, "units": statuses.count("aligned"),
        "unaligned_source": statuses.count("source-only"),
        "unaligned_target": statuses.count("target-only"),
        "low_confidence": sum(1 for c in confs if c < low),
        "qa_units": sum(1 for q in qa if q),
    }


def _describe(exc: BaseException) -> str:
    if isinstance(exc, ParleyError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def run_task(task: PairTask) -> PairOutcome:
    """Process one pair end to end on whichever worker Dask picked; never raises for a pair's
    own problems (they become a ``failed`` outcome). Only finished pairs are recorded."""
    t0 = time.perf_counter()
    timings: dict[str, float] = {}
    where = f"{socket.gethostname()}:{os.getpid()}"
    name, out = task.pair.name, task.opts.outdir
    try:
        bitext, n_src, n_tgt = align_pair(task, timings)
        with timed(timings, "qa"):
            qa = unit_rule_ids(bitext)
        with timed(timings, "write"):
            path = part_path(out, name, task.key)
            units_dir(out).mkdir(parents=True, exist_ok=True)
            write_part(path, bitext, qa)
        with timed(timings, "terms"):
            from parley.corpus.terms import write_pair_stats

            write_pair_stats(out, path.name, bitext, task.opts)
        counts = _counts(bitext, n_src, n_tgt, qa, task.opts.low_confidence)
    except (Exception, SystemExit) as exc:  # a bad pair must never stop the corpus
        timings["total"] = round(time.perf_counter() - t0, 3)
        return PairOutcome(name, "failed", task.key, timings=timings, error=_describe(exc),
                           worker=where)
    timings["total"] = round(time.perf_counter() - t0, 3)
    outcome = PairOutcome(name, "done", task.key, path.name, counts, timings, worker=where)
    write_record(out, outcome)  # after the part: a record always points at a whole part
    return outcome
