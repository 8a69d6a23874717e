"""Start-up time of the ``parley`` console script: ``--version``, ``--help`` and one command's
``--help`` (goal: the first two within 0.15 s wall on a warm machine).

    python -m bench.startup [--runs 15] [--parley PATH]

Each call runs as its own process; the table gives the best and median wall time and the
median CPU time (user+system of the child), since wall time is noisy on a shared machine.
Plain Python start-up is printed as the floor nothing can go under.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def _child_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def measure(argv: list[str], runs: int) -> tuple[float, float, float]:
    """Best wall, median wall and median CPU seconds of ``argv`` over ``runs`` runs (one
    warm-up run first, so the OS file cache is warm)."""
    env = {**os.environ, "COLUMNS": "100"}
    subprocess.run(argv, capture_output=True, env=env, check=False)
    walls, cpus = [], []
    for _ in range(runs):
        c0, t0 = _child_cpu(), time.perf_counter()
        subprocess.run(argv, capture_output=True, env=env, check=False)
        walls.append(time.perf_counter() - t0)
        cpus.append(_child_cpu() - c0)
    return min(walls), statistics.median(walls), statistics.median(cpus)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--parley", help="the console script (default: beside this Python)")
    args = ap.parse_args()
    exe = args.parley or str(Path(sys.executable).with_name("parley"))
    if not Path(exe).is_file():
        exe = shutil.which("parley") or exe
    cases = [
        ("python -c pass (floor)", [sys.executable, "-c", "pass"]),
        ("parley --version", [exe, "--version"]),
        ("parley --help", [exe, "--help"]),
        ("parley convert --help", [exe, "convert", "--help"]),
    ]
    print(f"{'call':<24} {'best wall':>10} {'median wall':>12} {'median CPU':>11}")
    for label, argv in cases:
        best, med, cpu = measure(argv, args.runs)
        print(f"{label:<24} {best:>9.3f}s {med:>11.3f}s {cpu:>10.3f}s")


if __name__ == "__main__":
    main()
