"""``parley corpus`` at scale: the local process pool against Dask, memory per worker, reduce.

    python -m bench.corpus ../shared/data [--pairs 2000] [--compare 200] [--workers 1,2]
                           [--out out/bench-corpus]

Builds en-ru document pairs from ../shared/data: the 107 WMT21 news documents (each with both
English references: 214 pairs) and the UN dev set cut into windows of 16 sentences (as many as
needed to reach ``--pairs``). Then, printing each figure as soon as it is measured:

1. throughput at equal cores, on the first ``--compare`` pairs: the same per-pair task
   (``parley.corpus.worker.run_task``) on a local process pool (what ``run --pairs -j`` uses)
   and on a local Dask cluster, for each count in ``--workers``: pairs/s (wall) and CPU seconds
   of the worker processes, and Dask's overhead (wall and CPU) over the pool;
2. memory per worker as the corpus grows: all ``--pairs`` pairs on Dask with the largest worker
   count, in four equal stages, the workers' peak RSS after each stage;
3. the reduce step over the whole corpus (streamed TMX, corpus glossary, corpus term QA):
   seconds and the driver's peak RSS.

Wall times on a shared machine are noisy: CPU seconds are the figure to compare.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from parley.corpus.cluster import dask_executor
from parley.corpus.manifest import read_manifest
from parley.corpus.model import CorpusOptions, PairTask
from parley.corpus.runner import map_pairs, plan, reduce_corpus
from parley.corpus.worker import run_task
from parley.pipeline import _context


def _write(path: Path, paragraphs: list[list[str]]) -> None:
    path.write_text("\n\n".join(" ".join(p) for p in paragraphs) + "\n", encoding="utf-8")


def wmt_pairs(data: Path, folder: Path, refs: tuple[str, ...] = ("ref_A", "ref_B"),
              limit: int | None = None) -> list[tuple[Path, Path, str]]:
    """en-ru pairs ``wmt-DOC-REF`` from ``wmt21-enru/newstest2021.ru-en.docs.jsonl``."""
    folder.mkdir(parents=True, exist_ok=True)
    out: list[tuple[Path, Path, str]] = []
    lines = (data / "wmt21-enru" / "newstest2021.ru-en.docs.jsonl").read_text("utf-8").splitlines()
    for line in lines:
        doc = json.loads(line)
        for ref in refs:
            if limit is not None and len(out) >= limit:
                return out
            paras_en: dict[int, list[str]] = {}
            paras_ru: dict[int, list[str]] = {}
            for seg in doc["segments"]:
                paras_en.setdefault(seg["p"], []).append(seg[ref])
                paras_ru.setdefault(seg["p"], []).append(seg["src"])
            name = f"wmt-{doc['doc_id'].replace('.', '_')}-{ref[-1]}"
            en, ru = folder / f"{name}.en.txt", folder / f"{name}.ru.txt"
            _write(en, [paras_en[k] for k in sorted(paras_en)])
            _write(ru, [paras_ru[k] for k in sorted(paras_ru)])
            out.append((en, ru, name))
    return out


def un_pairs(data: Path, folder: Path, size: int = 16, stride: int = 2,
             limit: int | None = None) -> list[tuple[Path, Path, str]]:
    """en-ru pairs ``un-NNNN``: windows of ``size`` UN dev sentences every ``stride`` lines,
    four sentences a paragraph."""
    folder.mkdir(parents=True, exist_ok=True)
    en_lines = (data / "un-dev" / "UNv1.0.devset.en").read_text("utf-8").splitlines()
    ru_lines = (data / "un-dev" / "UNv1.0.devset.ru").read_text("utf-8").splitlines()
    out: list[tuple[Path, Path, str]] = []
    for k, start in enumerate(range(0, len(en_lines) - size + 1, stride)):
        if limit is not None and len(out) >= limit:
            break
        name = f"un-{k:04d}"
        en, ru = folder / f"{name}.en.txt", folder / f"{name}.ru.txt"
        win = range(start, start + size)
        _write(en, [[en_lines[i] for i in win if (i - start) // 4 == j] for j in range(size // 4)])
        _write(ru, [[ru_lines[i] for i in win if (i - start) // 4 == j] for j in range(size // 4)])
        out.append((en, ru, name))
    return out


def write_pairs_file(pairs: list[tuple[Path, Path, str]], path: Path) -> Path:
    path.write_text("".join(f"{s}\t{t}\t{n}\n" for s, t, n in pairs), encoding="utf-8")
    return path


def say(msg: str) -> None:
    print(msg, flush=True)


def build(data: Path, folder: Path, n: int) -> Path:
    wmt = wmt_pairs(data, folder / "docs")
    un = un_pairs(data, folder / "docs", size=16, stride=2, limit=max(0, n - len(wmt)))
    pairs = (wmt + un)[:n]
    if len(pairs) < n:
        say(f"note: only {len(pairs)} pairs can be built from {data}")
    return write_pairs_file(pairs, folder / "pairs.tsv")


def tasks_for(manifest: Path, out: Path) -> list[PairTask]:
    shutil.rmtree(out, ignore_errors=True)
    tasks, _done = plan(read_manifest(manifest), CorpusOptions("en", "ru", out, mt="none"))
    return tasks


def _warm(_: int) -> int:
    """Import what a pair needs, so a pool pays its start-up like Dask workers do."""
    import parley.align.aligner
    import parley.glossary.qa  # noqa: F401

    return 0


def _proc_cpu(pid: int) -> float:
    """CPU seconds of a process (pool workers are the forkserver's children, not ours)."""
    import os

    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def pool_run(tasks: list[PairTask], k: int) -> dict[str, float]:
    t0 = time.perf_counter()
    with ProcessPoolExecutor(k, mp_context=_context()) as pool:
        list(pool.map(_warm, range(k)))
        pids = list(getattr(pool, "_processes", {}))
        cpu0 = sum(_proc_cpu(p) for p in pids)
        t1 = time.perf_counter()
        outs = list(pool.map(run_task, tasks, chunksize=1))
        wall = time.perf_counter() - t1
        cpu = sum(_proc_cpu(p) for p in pids) - cpu0
    failed = sum(not o.ok for o in outs)
    return {"wall": wall, "startup": t1 - t0, "failed": failed, "cpu": cpu}


def _cpu() -> float:
    import os

    t = os.times()
    return t.user + t.system


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def dask_run(tasks: list[PairTask], k: int, stages: int = 1,
             report: Any = None) -> dict[str, Any]:
    t0 = time.perf_counter()
    with dask_executor(workers=k) as ex:
        ex.client.run(_warm, 0)
        t1 = time.perf_counter()
        cpu0 = sum(ex.client.run(_cpu).values())
        rss: list[list[float]] = []
        failed = 0
        step = -(-len(tasks) // stages)
        for s in range(stages):
            failed += sum(not o.ok for o in map_pairs(tasks[s * step:(s + 1) * step], ex))
            rss.append(sorted(ex.client.run(_rss_mb).values()))
            if report is not None:
                report(min((s + 1) * step, len(tasks)), rss[-1], time.perf_counter() - t1)
        wall = time.perf_counter() - t1
        cpu = sum(ex.client.run(_cpu).values()) - cpu0
    return {"wall": wall, "startup": t1 - t0, "cpu": cpu, "rss": rss, "failed": failed}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", type=Path, help="../shared/data")
    ap.add_argument("--pairs", type=int, default=2000)
    ap.add_argument("--compare", type=int, default=200, help="pairs for the pool/Dask comparison")
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--out", type=Path, default=Path("out/bench-corpus"))
    ap.add_argument("--skip-compare", action="store_true")
    ap.add_argument("--reduce-only", action="store_true",
                    help="only step 3, over the parts an earlier run left in OUT/full")
    args = ap.parse_args(argv)
    ks = [int(k) for k in args.workers.split(",")]
    manifest = build(args.data, args.out, args.pairs)
    n_all = len(manifest.read_text("utf-8").splitlines())
    say(f"corpus: {n_all} en-ru document pairs ({manifest})")

    if args.reduce_only:
        reduce_step(args.out / "full", manifest, max(ks))
        return
    if not args.skip_compare:
        say(f"\n1. throughput at equal cores, {args.compare} pairs (same task, fresh outputs)")
        say(f"{'workers':>7} {'engine':<7} {'pairs/s':>8} {'wall s':>8} {'CPU s':>8} "
            f"{'start s':>8}  overhead vs pool (wall / CPU)")
        for k in ks:
            tasks = tasks_for(manifest, args.out / "cmp")[: args.compare]
            p = pool_run(tasks, k)
            say(f"{k:>7} {'pool':<7} {len(tasks) / p['wall']:>8.2f} {p['wall']:>8.1f} "
                f"{p['cpu']:>8.1f} {p['startup']:>8.1f}")
            tasks = tasks_for(manifest, args.out / "cmp")[: args.compare]
            d = dask_run(tasks, k)
            say(f"{k:>7} {'dask':<7} {len(tasks) / d['wall']:>8.2f} {d['wall']:>8.1f} "
                f"{d['cpu']:>8.1f} {d['startup']:>8.1f}  {d['wall'] / p['wall'] - 1:+.1%} / "
                f"{d['cpu'] / p['cpu'] - 1:+.1%}")

    k = max(ks)
    say(f"\n2. all {n_all} pairs on Dask, {k} workers, in 4 stages: peak RSS per worker (MB)")
    out = args.out / "full"
    tasks = tasks_for(manifest, out)
    d = dask_run(tasks, k, stages=4, report=lambda n, rss, wall: say(
        f"  after {n:>5} pairs ({wall:.0f} s): " + ", ".join(f"{r:.0f}" for r in rss)))
    say(f"  {len(tasks) / d['wall']:.2f} pairs/s, {d['wall']:.0f} s wall, {d['cpu']:.0f} CPU s, "
        f"{d['failed']} failed")

    reduce_step(out, manifest, k)


def reduce_step(out: Path, manifest: Path, k: int) -> None:
    say("\n3. reduce over the whole corpus (driver, this process)")
    names = [line.split("\t")[2] for line in manifest.read_text("utf-8").splitlines()]
    order = {n: i for i, n in enumerate(names)}
    parts = sorted((p.name for p in (out / "units.parquet").glob("*.parquet")),
                   key=lambda p: order.get(p.rsplit(".", 2)[0], 0))
    cpu0, rss0 = time.process_time(), _rss_mb()
    with dask_executor(workers=k) as ex:
        result, timings = reduce_corpus(out, parts, CorpusOptions("en", "ru", out, mt="none"), ex)
    say(f"  {len(parts)} parts, {result['tmx']['units']} units, "
        f"{result['glossary']['entries']} glossary entries")
    say("  seconds: " + ", ".join(f"{s} {v:.1f}" for s, v in timings.items()) +
        f"; driver CPU {time.process_time() - cpu0:.1f} s; driver peak RSS {_rss_mb():.0f} MB "
        f"(before the reduce {rss0:.0f} MB)")


if __name__ == "__main__":
    main(sys.argv[1:])
