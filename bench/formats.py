"""TMX write/read speed and peak memory: parley vs translate-toolkit's ``tmxfile``, same data.

    python bench/formats.py [--units 1000000] [--units 100000 ...] [--no-tt] [--varying] [--json]
                            [--tmp DIR]

Every measurement runs in its own subprocess, so peak memory (``ru_maxrss``) belongs to that
measurement alone; "base" is the RSS after imports, before any work, so "work MB" (peak - base)
is what the work itself cost. CPU seconds (user + system of that subprocess) are reported beside
wall seconds because on a shared machine wall time mostly measures the neighbours. parley writes
from a generator and reads with ``iter_tmx`` (streaming); translate-toolkit builds/parses the
whole tree, which is its API. translate-toolkit reads the file
parley wrote, so both readers see identical bytes. ``--varying`` gives every unit its own
confidence and paragraph (as aligned output has), so no metadata repeats from unit to unit.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

# bench/align.py would shadow the ``align`` package when this script is run by path
if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    del sys.path[0]

# Realistic diplomatic sentences (from seeds/, the MFA speech) cycled with a running number.
_PAIRS = [
    ("Russia is open to dialogue with all partners who are ready for it.",
     "Россия открыта к диалогу со всеми партнёрами, которые к нему готовы."),
    ("We discussed the situation in Syria & the prospects for a political settlement.",
     "Мы обсудили ситуацию в Сирии и перспективы политического урегулирования."),
    ("Thank you for your questions.", "Спасибо за ваши вопросы."),
    ("The talks took place in a constructive and business-like atmosphere <on 7 February>.",
     "Переговоры прошли в конструктивной и деловой атмосфере <7 февраля>."),
]


def units(n: int) -> Iterator[tuple[str, str]]:
    for i in range(n):
        s, t = _PAIRS[i % len(_PAIRS)]
        yield f"{s} [{i}]", f"{t} [{i}]"


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def _measure(kind: str, n: int, path: Path, varying: bool = False) -> dict[str, Any]:
    """Run one measurement in this (fresh) process."""
    if kind.startswith("parley"):
        from parley.align.model import TranslationUnit
        from parley.exports.tmx import iter_tmx, write_units
    else:
        from translate.storage.tmx import tmxfile
    base = _rss_mb()
    cpu0 = _cpu()
    t0 = time.perf_counter()
    count = 0
    if kind == "parley-write":
        if varying:
            gen = (TranslationUnit(s, t, bead="1-1", confidence=(i % 9973) / 9973, paragraph=i // 7,
                                   document="lavrov-2018-02-07.en.txt") for i, (s, t) in enumerate(units(n)))
        else:
            gen = (TranslationUnit(s, t, bead="1-1", confidence=0.9) for s, t in units(n))
        count = write_units(path, gen, "en", "ru").written
    elif kind == "parley-read":
        for u in iter_tmx(path, "en", "ru"):
            count += bool(u.source) and bool(u.target)
    elif kind == "tt-write":
        store = tmxfile(sourcelanguage="en", targetlanguage="ru")
        for s, t in units(n):
            store.addtranslation(s, "en", t, "ru")
            count += 1
        store.savefile(str(path))
    elif kind == "tt-read":
        store = tmxfile.parsefile(str(path))
        for u in store.units:
            count += bool(u.source) and bool(u.target)
    else:
        raise SystemExit(f"unknown measurement {kind}")
    return {"kind": kind, "units": n, "count": count, "seconds": time.perf_counter() - t0,
            "cpu_s": _cpu() - cpu0, "base_mb": base, "peak_mb": _rss_mb()}


def _run(kind: str, n: int, path: Path, varying: bool = False) -> dict[str, Any]:
    out = subprocess.run([sys.executable, __file__, "--measure", kind, "--units", str(n),
                          "--path", str(path), *(["--varying"] if varying else [])],
                         capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{out.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--units", type=int, action="append", help="units per run (repeatable)")
    ap.add_argument("--no-tt", action="store_true", help="parley only")
    ap.add_argument("--varying", action="store_true", help="per-unit confidence and paragraph")
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    ap.add_argument("--tmp", type=Path, help="folder for the temporary TMX files")
    ap.add_argument("--measure", help=argparse.SUPPRESS)
    ap.add_argument("--path", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    sizes = args.units or [1_000_000]
    if args.measure:
        print(json.dumps(_measure(args.measure, sizes[0], args.path, args.varying)))
        return
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(dir=args.tmp) as tmp:
        for n in sizes:
            ours, theirs = Path(tmp) / f"parley-{n}.tmx", Path(tmp) / f"tt-{n}.tmx"
            for direction in ("write", "read"):
                p = _run(f"parley-{direction}", n, ours, args.varying)
                p["size_mb"] = ours.stat().st_size / 2**20
                rows.append(p)
                if not args.no_tt:
                    t = _run(f"tt-{direction}", n, theirs if direction == "write" else ours)
                    t["size_mb"] = (theirs if direction == "write" else ours).stat().st_size / 2**20
                    p["speedup"] = t["seconds"] / p["seconds"]
                    p["cpu_speedup"] = t["cpu_s"] / p["cpu_s"]
                    rows.append(t)
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    from parley.ui import print_table

    print_table(
        "TMX write/read: parley vs translate-toolkit (one subprocess per row)",
        ("measurement", "units", "wall s", "CPU s", "units/CPU s", "peak RSS MB", "work MB",
         "file MB", "speed-up wall", "speed-up CPU"),
        [(r["kind"], f"{r['units']:,}", f"{r['seconds']:.2f}", f"{r['cpu_s']:.2f}",
          f"{r['count'] / max(r['cpu_s'], 1e-9):,.0f}", f"{r['peak_mb']:.0f}",
          f"{r['peak_mb'] - r['base_mb']:.0f}", f"{r['size_mb']:.0f}",
          f"{r['speedup']:.1f}x" if "speedup" in r else "",
          f"{r['cpu_speedup']:.1f}x" if "cpu_speedup" in r else "") for r in rows],
    )


if __name__ == "__main__":
    main()
