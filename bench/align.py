"""Sentence-alignment benchmark: quality on gold data and speed on long documents.

Usage::

    python -m bench.align ../shared/data [--seeds seeds] [--sizes 1000,10000,100000] [--json]

Quality: Text+Berg dev (de-fr) with each MT file and without MT, ParIce en-is (10 documents,
no MT, micro-averaged), and the seed speech (en-ru, segmented by parley, gold mapped onto the
sentences by character position). Speed: sentences per second and peak memory (RSS of a fresh
process) at each size, with and without MT, on real documents concatenated to that length
(Text+Berg dev with its google MT, and the UN dev set en-ru without MT); the F1 against the
repeated gold shows the banded search still finds the path.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from align.aligner import align_segments, align_texts
from align.evaluate import beads_from_units, read_beads, score_alignment
from align.model import Bead, Segment

MT_SYSTEMS = ("google", "europarlfull", "europarllight", "SACunidir")


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _indexed(path: Path) -> list[str]:
    """ParIce lines are ``<index>\\t<sentence>``."""
    return [ln.split("\t", 1)[1] if "\t" in ln else ln for ln in _lines(path)]


def textberg(data: Path) -> list[dict[str, Any]]:
    d = data / "textberg-dev"
    src, tgt, gold = _lines(d / "dev.de"), _lines(d / "dev.fr"), read_beads(d / "dev.defr")
    rows = []
    for mt_name in (*MT_SYSTEMS, None):
        mt = _lines(d / f"dev.mt_{mt_name}.fr") if mt_name else None
        t0 = time.perf_counter()
        beads = align_texts(src, tgt, src_lang="de", tgt_lang="fr", mt=mt)
        secs = time.perf_counter() - t0
        rows.append(_row("Text+Berg dev de-fr", mt_name or "none", [beads], [gold], secs))
    return rows


def parice(data: Path) -> dict[str, Any]:
    d = data / "parice-en-is"
    preds: list[list[Bead]] = []
    golds: list[list[Bead]] = []
    t0 = time.perf_counter()
    for g in sorted((d / "gold").glob("*.txt")):
        src, tgt = _indexed(d / "eng" / g.name), _indexed(d / "isl" / g.name)
        preds.append(align_texts(src, tgt, src_lang="en", tgt_lang="is"))
        golds.append(read_beads(g))
    return _row("ParIce en-is 10 docs", "none", preds, golds, time.perf_counter() - t0)


def seed_gold(seeds: Path) -> tuple[list[Segment], list[Segment], list[Bead]]:
    """The seed pair segmented by parley, with the gold TSV mapped onto its sentences."""
    from align.reader import read_document
    from align.segment import get_segmenter, segment_document

    rows = [ln.split("\t") for ln in _lines(seeds / "lavrov-2018-02-07.en-ru.gold.tsv")[1:]]
    docs = [read_document(seeds / f"lavrov-2018-02-07.{lang}.txt", lang=lang) for lang in ("en", "ru")]
    segs = [segment_document(d, d.lang, get_segmenter(d.lang or "en")) for d in docs]
    units = [(r[0], r[1] if len(r) > 1 else "") for r in rows]
    return segs[0], segs[1], beads_from_units(units, docs[0].text, segs[0], docs[1].text, segs[1])


def seed(seeds: Path) -> dict[str, Any]:
    src, tgt, gold = seed_gold(seeds)
    t0 = time.perf_counter()
    beads = align_segments(src, tgt, src_lang="en", tgt_lang="ru")
    return _row("seed lavrov en-ru", "none", [beads], [gold], time.perf_counter() - t0)


def _row(
    name: str, mt: str, preds: Sequence[Sequence[Bead]], golds: Sequence[Sequence[Bead]], secs: float
) -> dict[str, Any]:
    s = score_alignment(preds, golds)
    return {
        "set": name, "mt": mt, "strict_p": round(float(s["precision_strict"]), 3),
        "strict_r": round(float(s["recall_strict"]), 3), "strict_f1": round(float(s["f1_strict"]), 3),
        "lax_f1": round(float(s["f1_lax"]), 3), "seconds": round(secs, 2),
    }


def _speed_one(data: Path, size: int, with_mt: bool) -> dict[str, Any]:
    """Run inside a fresh process so that the peak RSS belongs to this size alone."""
    import resource

    if with_mt:
        d = data / "textberg-dev"
        src0, tgt0, mt0 = _lines(d / "dev.de"), _lines(d / "dev.fr"), _lines(d / "dev.mt_google.fr")
        gold0 = read_beads(d / "dev.defr")
    else:
        d = data / "un-dev"
        src0, tgt0, mt0 = _lines(d / "UNv1.0.devset.en"), _lines(d / "UNv1.0.devset.ru"), []
        gold0 = [Bead((k,), (k,)) for k in range(len(src0))]
    # Copies of the document with its gold beads regrouped: runs of 20 beads in a new order per
    # copy, so that the long text is not periodic (a periodic text lets a path slip by a whole
    # copy at no cost, which no real document does).
    import random

    runs = [gold0[k : k + 20] for k in range(0, len(gold0), 20)]
    src: list[str] = []
    tgt: list[str] = []
    mt: list[str] = []
    gold: list[Bead] = []
    copy = 0
    while len(src) < size:
        order = list(range(len(runs)))
        if copy:
            random.Random(copy).shuffle(order)
        copy += 1
        for r in order:
            for b in runs[r]:
                if len(src) >= size:
                    break
                gold.append(Bead(tuple(range(len(src), len(src) + len(b.src))),
                                 tuple(range(len(tgt), len(tgt) + len(b.tgt)))))
                src.extend(src0[i] for i in b.src)
                mt.extend(mt0[i] for i in b.src if mt0)
                tgt.extend(tgt0[j] for j in b.tgt)
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    beads = align_texts(src, tgt, src_lang="de" if with_mt else "en",
                        tgt_lang="fr" if with_mt else "ru", mt=mt if with_mt else None)
    secs = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    s = score_alignment([beads], [gold])
    return {
        "mt": "google" if with_mt else "none", "src_sentences": len(src),
        "tgt_sentences": len(tgt), "seconds": round(secs, 2),
        "sentences_per_s": round((len(src) + len(tgt)) / secs), "peak_rss_mb": round(rss / 1024),
        "rss_before_mb": round(rss0 / 1024), "strict_f1": round(float(s["f1_strict"]), 3),
    }


def speed(data: Path, sizes: Sequence[int]) -> list[dict[str, Any]]:
    rows = []
    for with_mt in (True, False):
        for size in sizes:
            out = subprocess.run(
                [sys.executable, "-m", "bench.align", str(data), "--_speed", str(size)]
                + (["--_mt"] if with_mt else []),
                capture_output=True, text=True, check=True,
            )
            rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return rows


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", type=Path, help="the shared data folder (../shared/data)")
    ap.add_argument("--seeds", type=Path, default=Path("seeds"))
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--_speed", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--_mt", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args._speed:
        print(json.dumps(_speed_one(args.data, args._speed, args._mt)))
        return
    quality = [*textberg(args.data), parice(args.data)]
    if (args.seeds / "lavrov-2018-02-07.en-ru.gold.tsv").is_file():
        quality.append(seed(args.seeds))
    speeds = [] if args.no_speed else speed(args.data, [int(x) for x in args.sizes.split(",")])
    if args.json:
        print(json.dumps({"quality": quality, "speed": speeds}, indent=2))
        return
    from parley.ui import print_table

    print_table(
        "Alignment quality (vecalign scorer: strict P/R/F1, lax F1)",
        ["data", "MT", "P", "R", "F1", "lax F1", "s"],
        [[r["set"], r["mt"], r["strict_p"], r["strict_r"], r["strict_f1"], r["lax_f1"], r["seconds"]]
         for r in quality],
    )
    if speeds:
        print_table(
            "Alignment speed (long texts from real documents; F1 against their gold)",
            ["MT", "src", "tgt", "s", "sent/s", "peak MB", "F1"],
            [[r["mt"], r["src_sentences"], r["tgt_sentences"], r["seconds"], r["sentences_per_s"],
              r["peak_rss_mb"], r["strict_f1"]] for r in speeds],
        )

if __name__ == "__main__":
    main()
