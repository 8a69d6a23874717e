"""``parley run`` on running text from 1k to 100k sentences: CPU and peak memory per stage.

    python -m bench.run_scale ../shared/data [--sizes 1000 10000 100000] [--out out/run-scale]
                              [--keep]

Builds an English–Russian document pair of N sentences of running text from the UN dev set
(``un-dev``, 4,000 line-aligned sentences): copies of it, each copy in a new order of runs of 20
sentences (a periodic text would let the aligner slip by a whole copy), every 100th Russian
sentence dropped (1-0 beads, as real translations have), five sentences a paragraph, paragraphs
separated by a blank line. Then ``parley run`` (``mt="none"``: no MT model is needed) runs on it
in a fresh process per size, and the bench prints for each stage of the job its CPU seconds and
the peak RSS reached during that stage (Linux: the high-water mark is reset before each stage
through ``/proc/self/clear_refs``), the whole job's CPU and peak RSS, the size of each output,
and the ratio of each stage's CPU per 10x sentences (1.0 per 10x = 10: linear; above ~12 is
superlinear).

Stages: segment (reading, language check, sentence splitting), align, glossary (extraction and
its two files), QA (the checks, the HTML and JSON/JSONL reports), outputs (the TMX, its side
files, the review page).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

#: job stages (as ``parley.job.process_pair`` times them) -> the row they are reported under
STAGES = {"read": "segment", "segment": "segment", "align": "align", "glossary": "glossary",
          "qa": "qa", "tmx": "outputs", "review": "outputs"}
ROWS = ("segment", "align", "glossary", "qa", "outputs")


def build_text(data: Path, size: int, folder: Path) -> tuple[Path, Path]:
    """``run-N.en.txt`` and ``run-N.ru.txt``: ``size`` English sentences of running text."""
    en0 = (data / "un-dev" / "UNv1.0.devset.en").read_text("utf-8").splitlines()
    ru0 = (data / "un-dev" / "UNv1.0.devset.ru").read_text("utf-8").splitlines()
    runs = [range(k, min(k + 20, len(en0))) for k in range(0, len(en0), 20)]
    order: list[int] = []
    copy = 0
    while len(order) < size:
        runs_now = list(runs)
        if copy:
            random.Random(copy).shuffle(runs_now)
        copy += 1
        order.extend(i for r in runs_now for i in r)
    order = order[:size]
    en_paras, ru_paras = [], []
    for p in range(0, size, 5):
        idx = order[p : p + 5]
        en_paras.append(" ".join(en0[i].strip() for i in idx))
        ru_paras.append(" ".join(ru0[i].strip() for k, i in enumerate(idx, start=p)
                                 if k % 100 != 99))
    folder.mkdir(parents=True, exist_ok=True)
    en, ru = folder / f"run-{size}.en.txt", folder / f"run-{size}.ru.txt"
    en.write_text("\n\n".join(en_paras) + "\n", encoding="utf-8")
    ru.write_text("\n\n".join(ru_paras) + "\n", encoding="utf-8")
    return en, ru


def _hwm_mb() -> float:
    """This process's peak RSS since the last reset (VmHWM), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _reset_hwm() -> None:
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def one(en: Path, ru: Path, out: Path) -> dict[str, Any]:
    """Run the job in this process with every stage's CPU and peak RSS recorded."""
    import parley.pipeline
    from parley.job import run_pair

    cpu: dict[str, float] = {}
    rss: dict[str, float] = {}
    wall_timed = parley.pipeline.timed

    @contextlib.contextmanager
    def timed(timings: dict[str, float], stage: str) -> Iterator[None]:
        row = STAGES.get(stage, stage)
        _reset_hwm()
        c0 = time.process_time()
        try:
            with wall_timed(timings, stage):
                yield
        finally:
            cpu[row] = cpu.get(row, 0.0) + time.process_time() - c0
            rss[row] = max(rss.get(row, 0.0), _hwm_mb())

    parley.pipeline.timed = timed  # type: ignore[assignment]
    c0 = time.process_time()
    report = run_pair(en, ru, src_lang="en", tgt_lang="ru", output=out, mt="none", force_lang=True)
    job_cpu = time.process_time() - c0
    counts = report.counts.to_dict() if report.counts is not None else {}
    sizes = {k: round(p.stat().st_size / 1e6, 2) for k, p in sorted(report.outputs.items())
             if p.is_file() and k != "source"}
    # clear_refs resets the kernel's high-water mark (and ru_maxrss with it): the job's peak
    # is the highest of its stages' and of what came after the last one
    return {"cpu": cpu, "rss": rss, "job_cpu": job_cpu,
            "peak_rss": max([_hwm_mb(), *rss.values()]),
            "sizes_mb": sizes,
            "counts": {k: counts.get(k) for k in (
                "source_sentences", "target_sentences", "units", "unaligned_source",
                "unaligned_target", "low_confidence", "glossary_entries", "findings_error",
                "findings_warning", "findings_info")}}


def measure(data: Path, size: int, folder: Path) -> dict[str, Any]:
    en, ru = build_text(data, size, folder / "text")
    out = folder / f"out-{size}"
    proc = subprocess.run([sys.executable, "-m", "bench.run_scale", "--one", str(en), str(ru),
                           str(out)], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"run at {size} failed:\n{proc.stderr[-3000:]}")
    res: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    res["size"] = size
    return res


def show(results: list[dict[str, Any]]) -> None:
    print(f"\n{'stage':<10}" + "".join(f"{r['size']:>10} CPU s {'MB':>6}" for r in results)
          + "".join(f"  x{results[k]['size'] // results[k - 1]['size']} ({results[k]['size']:,})"
                    for k in range(1, len(results))))
    for row in (*ROWS, "job"):
        cells, ratios = "", ""
        for k, r in enumerate(results):
            c = r["job_cpu"] if row == "job" else r["cpu"].get(row, 0.0)
            m = r["peak_rss"] if row == "job" else r["rss"].get(row, 0.0)
            cells += f"{c:>16.1f} {m:>6.0f}"
            if k:
                prev = results[k - 1]["job_cpu"] if row == "job" else results[k - 1]["cpu"].get(row)
                ratios += f"  {c / prev:>10.1f}" if prev else f"  {'-':>10}"
        print(f"{row:<10}{cells}{ratios}")
    for r in results:
        print(f"\n{r['size']:,} sentences: {json.dumps(r['counts'])}")
        print(f"  outputs (MB): {json.dumps(r['sizes_mb'])}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path, nargs="?", help="the shared data folder (with un-dev/)")
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    ap.add_argument("--out", type=Path, default=Path("out/run-scale"))
    ap.add_argument("--one", type=Path, nargs=3, metavar=("EN", "RU", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(one(*args.one)))
        return
    if args.data is None:
        ap.error("give the shared data folder")
    results = []
    for size in args.sizes:
        res = measure(args.data, size, args.out)
        results.append(res)
        cells = ", ".join(f"{k} {res['cpu'].get(k, 0):.1f} s / {res['rss'].get(k, 0):.0f} MB"
                          for k in ROWS)
        print(f"{size:>7,} sentences: job {res['job_cpu']:.1f} CPU s, peak {res['peak_rss']:.0f} MB"
              f" ({cells})", flush=True)
    show(results)


if __name__ == "__main__":
    main()
