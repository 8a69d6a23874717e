"""Generic machinery of ``parley run``: pairs files, parallel per-pair work, summary.json.

The stages themselves (read, align, export, glossary, QA, review) live in the worker that the
command passes to :func:`run_pairs`; this module only guarantees the contract around it: pairs
run in parallel in separate processes, one pair failing never stops the others, results come
back in input order, and the summary records what ran with which versions.

Workers run in fresh processes (``forkserver``/``spawn``, not ``fork``: forking a process that
already runs library threads can deadlock), so a worker must be a module-level function (or a
``functools.partial`` of one) that gets every option it needs through its arguments.
"""

from __future__ import annotations

import bisect
import contextlib
import json
import math
import multiprocessing
import os
import platform
import re
import statistics
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from parley import DIST_NAME
from parley.align.atomic import atomic_write_text
from parley.align.errors import (
    FormatError,
    InputError,
    ParleyError,
    UsageError,
)
from parley.align.reader import read_utf8

#: Libraries whose versions go into summary.json (missing ones are recorded as null).
KEY_LIBRARIES = (
    "parley", "typer", "rich", "polars", "lxml", "sentencex", "pymorphy3", "simplemma",
    "snowballstemmer", "rapidfuzz", "sacrebleu", "wordfreq", "argostranslate", "ctranslate2",
)
_NAME_OK = re.compile(r"[^\w.-]+", re.UNICODE)


@dataclass(frozen=True)
class Pair:
    """One document pair to process. ``tgt`` is None when the source is to be translated."""

    src: Path
    tgt: Path | None
    name: str
    line: int | None = None


class SupportsToDict(Protocol):
    """Typed counts (e.g. ``parley.job.PairCounts``) that summary.json writes as an object."""

    def to_dict(self) -> dict[str, Any]: ...


#: A worker's counts: a typed record with ``to_dict()``, or a plain mapping.
C = TypeVar("C", bound="SupportsToDict | Mapping[str, Any]")


@dataclass(frozen=True)
class PairResult(Generic[C]):
    """What a worker did for one pair: its outputs, counts and stage timings, or its error.
    ``counts`` is None for a failed pair."""

    name: str
    ok: bool
    outputs: dict[str, Path] = field(default_factory=dict)
    counts: C | None = None
    timings: dict[str, float] = field(default_factory=dict)
    error: str | None = None

    @classmethod
    def failed(cls, name: str, error: str,
               timings: dict[str, float] | None = None) -> PairResult[Any]:
        return cls(name, False, timings=timings or {}, error=error)

    def counts_dict(self) -> dict[str, Any]:
        """The counts as JSON-ready data (empty for a failed pair)."""
        if self.counts is None:
            return {}
        if isinstance(self.counts, Mapping):
            return dict(self.counts)
        return self.counts.to_dict()


# --- pairs file -------------------------------------------------------------------------------


def default_name(src: Path, tgt: Path | None) -> str:
    """A file-name-safe name for a pair's outputs: what the two file names share
    (``talk.en.txt`` + ``talk.ru.txt`` -> ``talk``), else the source name without extension."""
    name = src.name.split(".")[0] or src.stem
    if tgt is not None:
        common = os.path.commonprefix([src.name, tgt.name]).rstrip(".-_ ")  # noqa: RUF071
        name = common or name
    return _NAME_OK.sub("_", name).strip("._") or "pair"


def read_pairs_file(path: str | Path) -> list[Pair]:
    """Read ``SRC<TAB>TGT[<TAB>NAME]`` lines (``#`` comments, blank lines ignored; an empty or
    missing TGT means "translate SRC"). Relative paths are taken from the pairs file's folder.

    Every problem is a ParleyError naming the line, so a typo is fixed in one go."""
    path = Path(path)
    text = read_utf8(path, "pairs file", "give a TSV with one SRC<TAB>TGT[<TAB>NAME] per line")
    folder = path.resolve().parent
    pairs: list[Pair] = []
    explicit: dict[str, int] = {}
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        cols = [c.strip() for c in raw.rstrip("\r\n").split("\t")]
        if len(cols) > 3:
            raise FormatError(f"line {n}: {len(cols)} columns, expected SRC<TAB>TGT[<TAB>NAME]", path)
        if not pairs and cols[0].lower() in ("src", "source") and not (folder / cols[0]).exists():
            continue  # header line
        pairs.append(_pair_of_line(cols, n, folder, path, explicit))
    if not pairs:
        raise InputError("pairs file lists no pairs", path, "one SRC<TAB>TGT[<TAB>NAME] per line")
    return unique_names(pairs, set(explicit))


def _pair_of_line(cols: list[str], n: int, folder: Path, path: Path,
                  explicit: dict[str, int]) -> Pair:
    """The pair on line ``n``; ``explicit`` (name -> line) catches a NAME given twice."""
    src_s, tgt_s, name = [*cols, "", ""][:3]
    if not src_s:
        raise FormatError(f"line {n}: the source column is empty", path)
    src = _resolve(src_s, folder, path, n, "source")
    tgt = _resolve(tgt_s, folder, path, n, "target") if tgt_s else None
    if tgt is not None and tgt.resolve() == src.resolve():
        raise FormatError(f"line {n}: source and target are the same file", path)
    if not name:
        return Pair(src, tgt, default_name(src, tgt), n)
    if _NAME_OK.sub("", name) != name or name.startswith("."):
        raise FormatError(f"line {n}: name {name!r} is not usable as a file name", path,
                          "use letters, digits, '.', '-' and '_'")
    if name in explicit:
        raise FormatError(f"line {n}: name {name!r} already used on line {explicit[name]}", path)
    explicit[name] = n
    return Pair(src, tgt, name, n)


def _resolve(value: str, folder: Path, pairs_file: Path, n: int, what: str) -> Path:
    p = Path(value).expanduser()
    p = p if p.is_absolute() else folder / p
    if not p.exists() and " " in value and "\t" not in value and len(value.split()) == 2:
        # "a.txt b.txt": the whole line is wrong, not one pair's file
        raise InputError(f"line {n}: {what} file {value!r} not found", pairs_file,
                         "separate the columns with a TAB, not spaces")
    # a missing file fails its own pair when it runs (the README: one failure does not stop
    # the others), with the file's name in that pair's error
    return p


def unique_names(pairs: list[Pair], fixed: set[str]) -> list[Pair]:
    """Derived names that collide get -2, -3 ... so no pair overwrites another's outputs."""
    taken = set(fixed)
    out = []
    for p in pairs:
        if p.name in fixed:
            out.append(p)
            continue
        name, k = p.name, 2
        while name in taken:
            name, k = f"{p.name}-{k}", k + 1
        taken.add(name)
        out.append(Pair(p.src, p.tgt, name, p.line))
    return out


# --- running pairs in parallel ------------------------------------------------------------------


def default_jobs() -> int:
    """CPU cores this process may use (affinity-aware where the OS tells)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - macOS/Windows
        return max(1, os.cpu_count() or 1)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, ParleyError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def _call(worker: Callable[[Pair], PairResult[C]], pair: Pair) -> PairResult[C]:
    """Run one pair, turning any exception into a failed result (runs in the worker process)."""
    t0 = time.perf_counter()
    try:
        result = worker(pair)
    except (Exception, SystemExit) as exc:  # sys.exit() in a stage must not end the whole run
        return PairResult.failed(pair.name, _describe(exc),
                                 {"total": round(time.perf_counter() - t0, 3)})
    if not isinstance(result, PairResult):
        return PairResult.failed(pair.name, f"worker returned {type(result).__name__}, "
                                            "not PairResult")
    return result


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def run_pairs(
    pairs: Sequence[Pair],
    worker: Callable[[Pair], PairResult[C]],
    jobs: int | None = None,
    *,
    progress: Callable[[PairResult[C]], None] | None = None,
) -> list[PairResult[C]]:
    """Process ``pairs`` with ``worker`` across ``jobs`` processes (default: all cores).

    Results are in input order. An exception in one pair becomes that pair's failed result
    (the ParleyError message, or exception type and message). A worker process that dies
    (segfault, out of memory) breaks the whole pool, so the pairs it took down with it are
    rerun one at a time in fresh processes: only the culprit is reported as failed.
    ``progress`` is called in this process as each pair finishes.
    """
    if jobs is not None and jobs < 0:
        raise UsageError(f"--jobs must be 0 (all cores) or more, not {jobs}")
    n_jobs = min(jobs or default_jobs(), max(len(pairs), 1))
    results: list[PairResult[C] | None] = [None] * len(pairs)

    def done(i: int, res: PairResult[C]) -> None:
        results[i] = res
        if progress is not None:
            progress(res)

    if n_jobs <= 1:
        for i, pair in enumerate(pairs):
            done(i, _call(worker, pair))
        return [r for r in results if r is not None]

    broken: list[int] = []
    pool = ProcessPoolExecutor(max_workers=n_jobs, mp_context=_context())
    try:
        futures = {pool.submit(_call, worker, pair): i for i, pair in enumerate(pairs)}
        for fut in as_completed(futures):
            i = futures[fut]
            try:
                done(i, fut.result())
            except BrokenProcessPool:
                broken.append(i)
            except Exception as exc:  # e.g. the worker or its result cannot be pickled
                done(i, PairResult.failed(pairs[i].name, _describe(exc)))
    except BaseException:
        _abandon(pool)
        raise
    pool.shutdown()
    for i in sorted(broken):
        done(i, _isolated(worker, pairs[i]))
    return [r for r in results if r is not None]


def _abandon(pool: ProcessPoolExecutor) -> None:
    """Ctrl-C: stop now. Workers may already hold queued pairs (each can take minutes), so
    they are terminated rather than waited for; atomic outputs leave no partial files."""
    procs = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in procs:
        with contextlib.suppress(Exception):
            proc.terminate()


def _isolated(worker: Callable[[Pair], PairResult[C]], pair: Pair) -> PairResult[C]:
    with ProcessPoolExecutor(max_workers=1, mp_context=_context()) as pool:
        try:
            return pool.submit(_call, worker, pair).result()
        except BrokenProcessPool:
            return PairResult.failed(pair.name, "the worker process died (crash or out of "
                                                "memory) while processing this pair")
        except Exception as exc:
            return PairResult.failed(pair.name, _describe(exc))


@contextmanager
def timed(timings: dict[str, float], stage: str) -> Iterator[None]:
    """Add the wall time of the ``with`` block to ``timings[stage]`` (seconds), even on error."""
    t0 = time.perf_counter()
    try:
        yield
    finally:
        timings[stage] = round(timings.get(stage, 0.0) + time.perf_counter() - t0, 3)


# --- summary.json -----------------------------------------------------------------------------


def confidence_histogram(values: Iterable[float | None], bins: int = 10) -> dict[str, Any]:
    """Counts of confidences in ``bins`` equal bins over [0, 1] (1.0 falls in the last bin;
    out-of-range values are clipped), with ``missing`` for None/NaN and summary statistics."""
    if bins < 1:
        raise ValueError("bins must be at least 1")
    edges = [round(i / bins, 6) for i in range(bins + 1)]
    counts = [0] * bins
    seen: list[float] = []
    missing = 0
    for v in values:
        if v is None or (isinstance(v, float) and math.isnan(v)):
            missing += 1
            continue
        v = min(max(float(v), 0.0), 1.0)
        seen.append(v)
        counts[min(bisect.bisect_right(edges, v) - 1, bins - 1)] += 1
    out: dict[str, Any] = {"edges": edges, "counts": counts, "total": len(seen), "missing": missing}
    if seen:
        out.update(mean=round(statistics.fmean(seen), 4), median=round(statistics.median(seen), 4),
                   min=round(min(seen), 4), max=round(max(seen), 4))
    return out


def versions(extra: Iterable[str] = ()) -> dict[str, str | None]:
    """Installed versions of Python, parley and the libraries that shape the results."""
    found: dict[str, str | None] = {"python": platform.python_version()}
    for name in (*KEY_LIBRARIES, *extra):
        try:
            found[name] = metadata.version(DIST_NAME if name == "parley" else name)
        except metadata.PackageNotFoundError:
            found[name] = None
    return found


def _sum_counts(results: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    total: dict[str, Any] = {}
    for counts in results:
        for k, v in counts.items():
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                total[k] = total.get(k, 0) + v
    return total


def build_summary(
    results: Sequence[PairResult[Any]],
    *,
    options: Mapping[str, Any] | None = None,
    confidences: Iterable[float | None] = (),
    timings: Mapping[str, float] | None = None,
    bins: int = 10,
) -> dict[str, Any]:
    """The summary.json content for a run: per pair, totals, confidence histogram, timings."""
    return {
        "pairs": {"total": len(results), "ok": sum(r.ok for r in results),
                  "failed": sum(not r.ok for r in results)},
        "counts": _sum_counts(r.counts_dict() for r in results if r.ok),
        "confidence": confidence_histogram(confidences, bins),
        "timings": {**_sum_counts(r.timings for r in results), **(timings or {})},
        "results": [
            {"name": r.name, "ok": r.ok, "error": r.error,
             "outputs": {k: str(v) for k, v in r.outputs.items()}, "counts": r.counts_dict(),
             "timings": r.timings}
            for r in results
        ],
        "options": dict(options or {}),
    }


def _finite(obj: Any) -> Any:
    """NaN/inf are not JSON: write them as null."""
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    if isinstance(obj, Mapping):
        return {str(k): _finite(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_finite(v) for v in obj]
    return obj


def write_summary(path: str | Path, data: Mapping[str, Any], *,
                  protect: Iterable[str | Path] = ()) -> dict[str, Any]:
    """Write ``data`` as summary.json atomically, adding ``versions`` (and ``parley``) when
    absent; returns what was written. Paths and other objects are written as strings."""
    out = dict(data)
    out.setdefault("versions", versions())
    out.setdefault("parley", out["versions"].get("parley"))
    text = json.dumps(_finite(out), ensure_ascii=False, indent=2, default=str, allow_nan=False)
    atomic_write_text(path, text + "\n", protect=protect)
    return out
