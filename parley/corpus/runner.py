"""``run_corpus``: the corpus job from manifest to summary.json, on any executor.

1. Key every pair (hash of its files and the options); pairs finished before with the same key
   are skipped, so a rerun after a crash does only what is missing.
2. MAP: one task per remaining pair on the executor (Dask workers), each writing its part and
   record itself, so a killed driver loses no finished pair.
3. REDUCE over the finished parts, in manifest order: corpus TMX (streamed), corpus glossary,
   cross-document term consistency (its per-document half runs on the workers too).
4. summary.json: every pair's status, counts and timings, and the reduce timings.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from parley.corpus.cluster import Executor
from parley.corpus.manifest import Manifest
from parley.corpus.model import CorpusOptions, PairOutcome, PairTask
from parley.corpus.store import finished, pair_key, prune, units_dir

SUMMARY_NAME = "summary.json"


def _failed(task: PairTask, exc: BaseException) -> PairOutcome:
    if type(exc).__name__ == "KilledWorker":  # Dask's: the task outlived allowed-failures
        why = "every worker that took this pair died (crash or out of memory)"
    else:
        why = f"{type(exc).__name__}: {exc}"
    return PairOutcome(task.pair.name, "failed", task.key, error=why)


def plan(manifest: Manifest, opts: CorpusOptions) -> tuple[list[PairTask], dict[str, PairOutcome]]:
    """Every pair's task, and the outcomes of those already finished with the same key."""
    from parley import __version__

    tasks = [PairTask(p, pair_key(p, opts, __version__), opts) for p in manifest.pairs]
    done = {}
    for t in tasks:
        prev = finished(opts.outdir, t.pair.name, t.key)
        if prev is not None:
            done[t.pair.name] = PairOutcome(prev.name, "skipped", prev.key, prev.part, prev.counts,
                                            prev.timings, worker=prev.worker)
    return tasks, done


def map_pairs(tasks: list[PairTask], executor: Executor,
              progress: Callable[[PairOutcome], None] | None = None) -> list[PairOutcome]:
    """Run ``tasks`` on ``executor``; outcomes in task order, whatever order they finish in."""
    from parley.corpus.worker import run_task

    token = uuid.uuid4().hex[:8]
    keys = [f"parley-pair-{t.pair.name}-{token}" for t in tasks]
    outcomes: list[PairOutcome | None] = [None] * len(tasks)
    for i, res in executor.map(run_task, tasks, keys):
        out = res if isinstance(res, PairOutcome) else _failed(tasks[i], res)
        outcomes[i] = out
        if progress is not None:
            progress(out)
    return [o for o in outcomes if o is not None]


def reduce_corpus(outdir: Path, parts: list[str], opts: CorpusOptions,
                  executor: Executor) -> tuple[dict[str, Any], dict[str, float]]:
    """Corpus TMX, glossary and QA over ``parts``; returns (outputs and figures, timings)."""
    from parley.align.atomic import atomic_write_text
    from parley.corpus import reduce as red
    from parley.corpus.terms import corpus_glossary
    from parley.pipeline import timed

    timings: dict[str, float] = {}
    result: dict[str, Any] = {}
    with timed(timings, "tmx"):
        result["tmx"] = {"path": str(outdir / red.TMX_NAME),
                         **red.write_corpus_tmx(outdir, parts, opts)}
    with timed(timings, "glossary"):
        glossary = corpus_glossary(outdir, parts, opts)
        result["glossary"] = {"entries": len(glossary),
                              **red.write_corpus_glossary(outdir, glossary, opts)}
    with timed(timings, "qa"):
        from parley.job import qa_terms

        qa_glossary = qa_terms(glossary)
        paths = [units_dir(outdir) / p for p in parts]
        uses: list[Any] = []
        for _i, res in executor.map(red.document_term_uses, paths, glossary=qa_glossary,
                                    src_lang=opts.src_lang, tgt_lang=opts.tgt_lang):
            if isinstance(res, BaseException):
                raise res
            uses.extend(res)
        qa = red.reduce_term_uses(uses, qa_glossary, opts.src_lang, opts.tgt_lang)
        import json

        atomic_write_text(outdir / red.QA_NAME, json.dumps(qa, ensure_ascii=False, indent=1) + "\n")
        result["qa"] = {"path": str(outdir / red.QA_NAME), "terms_checked": len(qa["terms"]),
                        "inconsistent_terms": qa["inconsistent_terms"],
                        "units_not_translated": qa["units_not_translated"]}
    return result, timings


def _totals(outcomes: list[PairOutcome]) -> dict[str, int]:
    total: dict[str, int] = {}
    for o in outcomes:
        if o.ok:
            for k, v in o.counts.items():
                total[k] = total.get(k, 0) + v
    return total


def run_corpus(manifest: Manifest, opts: CorpusOptions, executor: Executor, *,
               progress: Callable[[PairOutcome], None] | None = None) -> dict[str, Any]:
    """The whole corpus job; returns what it wrote to summary.json."""
    from dataclasses import asdict

    from parley.pipeline import write_summary

    t0 = time.perf_counter()
    opts.outdir.mkdir(parents=True, exist_ok=True)
    tasks, done = plan(manifest, opts)
    if progress is not None:
        for o in done.values():
            progress(o)
    todo = [t for t in tasks if t.pair.name not in done]
    t_map = time.perf_counter()
    fresh = {o.name: o for o in map_pairs(todo, executor, progress)}
    t_map = time.perf_counter() - t_map
    outcomes = [done.get(t.pair.name) or fresh[t.pair.name] for t in tasks]
    parts = [o.part for o in outcomes if o.ok and o.part]
    pruned = prune(opts.outdir, parts)
    reduced, reduce_timings = reduce_corpus(opts.outdir, parts, opts, executor) if parts else ({}, {})
    summary = {
        "pairs": {"total": len(outcomes), "done": sum(o.status == "done" for o in outcomes),
                  "skipped": sum(o.status == "skipped" for o in outcomes),
                  "failed": sum(o.status == "failed" for o in outcomes)},
        "counts": _totals(outcomes),
        "outputs": {"units": str(units_dir(opts.outdir)), **reduced},
        "timings": {"map": round(t_map, 3),
                    **{f"reduce_{k}": v for k, v in reduce_timings.items()},
                    "total": round(time.perf_counter() - t0, 3)},
        "executor": {"description": executor.description, "dashboard": executor.dashboard,
                     "workers": executor.workers},
        "unmatched_files": [str(p) for p in manifest.unmatched],
        "stale_parts_removed": pruned,
        "results": [o.as_dict() for o in outcomes],
        "options": {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(opts).items()},
    }
    return write_summary(opts.outdir / SUMMARY_NAME, summary)
