"""``parley run`` on real news documents: WMT21 ru–en, each document joined into running text.

    python -m bench.run_wmt ../shared/data/wmt21-enru [--out out/wmt] [--limit N] [--jobs N]

The 107 Russian-original documents of ``newstest2021.ru-en.docs.jsonl`` become one Russian and
one English (reference A) text file each, segments of a paragraph joined by a space, paragraphs
separated by a blank line. Then ``parley run --pairs`` processes all pairs in parallel, and the
alignment of each document is scored against the segment-level gold (1-1 by WMT segment, mapped
onto parley's own sentence numbers by character position; strict/lax F1, micro-averaged).
Prints: pairs ok/failed, wall time, units, and the F1 table.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path
from typing import Any


def write_documents(jsonl: Path, outdir: Path, limit: int | None, ref: str) -> list[dict[str, Any]]:
    """Write ``<doc>.ru.txt``/``<doc>.en.txt`` and ``pairs.tsv``; return the documents."""
    outdir.mkdir(parents=True, exist_ok=True)
    docs = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines() if line]
    docs = docs[:limit] if limit else docs
    lines = []
    for d in docs:
        name = re.sub(r"[^\w.-]+", "_", d["doc_id"])
        for side, key in (("ru", "src"), ("en", ref)):
            paras: dict[int, list[str]] = {}
            for seg in d["segments"]:
                paras.setdefault(seg["p"], []).append(seg[key].strip())
            text = "\n\n".join(" ".join(p) for _, p in sorted(paras.items())) + "\n"
            (outdir / f"{name}.{side}.txt").write_text(text, encoding="utf-8")
        lines.append(f"{name}.ru.txt\t{name}.en.txt\t{name}")
        d["name"] = name
    (outdir / "pairs.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return docs


def score_documents(docs: list[dict[str, Any]], textdir: Path, ref: str) -> dict[str, float]:
    """Strict/lax F1 of parley's alignment of each document against the WMT segment pairs."""
    from parley.align.aligner import align_segments
    from parley.align.evaluate import beads_from_units, score_alignment
    from parley.align.reader import read_document
    from parley.align.segment import get_segmenter, segment_document

    preds, golds = [], []
    for d in docs:
        src_doc = read_document(textdir / f"{d['name']}.ru.txt", lang="ru")
        tgt_doc = read_document(textdir / f"{d['name']}.en.txt", lang="en")
        src = segment_document(src_doc, "ru", get_segmenter("ru"))
        tgt = segment_document(tgt_doc, "en", get_segmenter("en"))
        units = [(s["src"], s[ref]) for s in d["segments"]]
        golds.append(beads_from_units(units, src_doc.text, src, tgt_doc.text, tgt))
        preds.append(align_segments(src, tgt, src_lang="ru", tgt_lang="en"))
    return score_alignment(preds, golds)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", type=Path, help="folder with newstest2021.ru-en.docs.jsonl")
    ap.add_argument("--out", type=Path, default=Path("out/wmt21"))
    ap.add_argument("--limit", type=int, default=None, help="first N documents only")
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--ref", default="ref_A", choices=("ref_A", "ref_B"))
    args = ap.parse_args(argv)

    from parley.job import RunOptions, run_job
    from parley.pipeline import read_pairs_file

    texts = args.out / "texts"
    docs = write_documents(args.data / "newstest2021.ru-en.docs.jsonl", texts, args.limit, args.ref)
    pairs = read_pairs_file(texts / "pairs.tsv")
    t0 = time.perf_counter()
    summary = run_job(pairs, RunOptions("ru", "en", args.out / "run", mt="none"), args.jobs).to_dict()
    wall = time.perf_counter() - t0
    c = summary["counts"]
    print(f"parley run --pairs: {summary['pairs']['ok']}/{summary['pairs']['total']} pairs ok, "
          f"{wall:.1f} s wall, {c.get('source_sentences', 0)} ru / "
          f"{c.get('target_sentences', 0)} en sentences, {c.get('units', 0)} TMX units, "
          f"{c.get('unaligned_source', 0)}+{c.get('unaligned_target', 0)} unaligned, "
          f"merged: {', '.join(summary['merged'].values())}")
    for r in summary["results"]:
        if not r["ok"]:
            print(f"  FAILED {r['name']}: {r['error']}")
    t1 = time.perf_counter()
    sc = score_documents([d for d in docs], texts, args.ref)
    print(f"alignment vs WMT segment gold ({len(docs)} docs, no MT, {time.perf_counter() - t1:.1f} s):")
    print("  " + "  ".join(f"{k}={v:.3f}" for k, v in sc.items() if isinstance(v, float)))
    return 0 if summary["pairs"]["failed"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
