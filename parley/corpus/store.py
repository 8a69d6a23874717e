"""Where a corpus run keeps its state in OUTDIR, and the pair keys that make it resumable.

Layout::

    OUTDIR/units.parquet/NAME.KEY16.parquet   one part per finished pair (written atomically)
    OUTDIR/.parley-corpus/done/NAME.json      the pair's record, written after its part

A pair is finished when its record carries the current key and its part exists. Parts and
records are named after the pair (unique in a manifest), so a pair redone after a crash, or by a
second worker after Dask retried its task, replaces its own files: nothing is ever duplicated.
The record comes last, so a kill between the two leaves an unrecorded pair that is redone.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from parley.align.atomic import atomic_write_text
from parley.corpus.model import CorpusOptions, PairOutcome
from parley.pipeline import Pair

UNITS_DIR = "units.parquet"
STATE_DIR = ".parley-corpus"
_CHUNK = 1 << 20


def units_dir(outdir: Path) -> Path:
    return outdir / UNITS_DIR


def record_path(outdir: Path, name: str) -> Path:
    return outdir / STATE_DIR / "done" / f"{name}.json"


def part_path(outdir: Path, name: str, key: str) -> Path:
    return units_dir(outdir) / f"{name}.{key[:16]}.parquet"


def stats_path(outdir: Path, part: str) -> Path:
    """The pickled term statistics of the pair whose part is ``part`` (parley.corpus.terms)."""
    return outdir / STATE_DIR / "stats" / (part.removesuffix(".parquet") + ".stats.pickle")


def _file_digest(path: Path, h: hashlib._Hash) -> None:
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(_CHUNK):
                h.update(chunk)
    except OSError as exc:
        # an unreadable file still gets a key; the worker reports the error itself
        h.update(f"unreadable:{path}:{exc.errno}".encode())


def pair_key(pair: Pair, opts: CorpusOptions, version: str) -> str:
    """SHA-256 of both files' bytes, the options that shape results and parley's version."""
    h = hashlib.sha256()
    h.update(json.dumps({"options": opts.keyed(), "parley": version, "name": pair.name},
                        sort_keys=True, default=str).encode())
    for path in (pair.src, pair.tgt):
        h.update(b"\0")
        if path is not None:
            _file_digest(path, h)
    return h.hexdigest()


def write_record(outdir: Path, outcome: PairOutcome) -> None:
    atomic_write_text(record_path(outdir, outcome.name),
                      json.dumps(outcome.as_dict(), ensure_ascii=False, sort_keys=True) + "\n")


def finished(outdir: Path, name: str, key: str) -> PairOutcome | None:
    """The earlier outcome of pair ``name`` when it finished with this ``key`` and its part is
    still there; None otherwise (never run, failed, stale options or inputs, part deleted)."""
    path = record_path(outdir, name)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        outcome = PairOutcome.from_dict(data)
    except (OSError, ValueError, TypeError):
        return None
    if outcome.key != key or outcome.status != "done" or not outcome.part:
        return None
    if not (units_dir(outdir) / outcome.part).is_file():
        return None
    return outcome


def prune(outdir: Path, keep_parts: Iterable[str]) -> int:
    """Remove parts that no current pair owns (stale keys, pairs no longer in the manifest) and
    temp files left by killed workers, so the dataset holds exactly this manifest's units.
    Returns how many files went."""
    keep = set(keep_parts)
    gone = 0
    stats = stats_path(outdir, "x").parent
    keep_stats = {stats_path(outdir, p).name for p in keep}
    for folder, suffix, kept in ((units_dir(outdir), ".parquet", keep), (stats, ".pickle", keep_stats)):
        if not folder.is_dir():
            continue
        for p in folder.iterdir():
            stale = p.name.endswith(".part") or (p.suffix == suffix and p.name not in kept)
            if stale and p.is_file():
                with contextlib.suppress(OSError):
                    p.unlink()
                    gone += 1
    return gone
