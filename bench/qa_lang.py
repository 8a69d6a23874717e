"""Key-term flags on clean held-out un-dev text for a target language other than Russian.

Usage: python -m bench.qa_lang ../shared/data [--tgt fr] [--top 500] [--out bench-out/qa-fr]

``bench.qa`` measures en-ru (injected errors need pymorphy3 to inflect a related word); this
measures what a French (or Spanish, Chinese, Arabic) user meets on clean text: each un-dev half
checked with the glossary extracted from the other half and with the starter term base, the
flags per 100 term occurrences, and a CSV of every flag (unit, message, source, target, an empty
judgement column) for a person to judge.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from bench.qa import split
from parley.align.model import Bitext, TranslationUnit
from parley.glossary.model import Glossary
from parley.glossary.qa import check_bitext
from parley.glossary.qa.base import QAContext
from parley.glossary.qa.terms import term_uses


def load(data: Path, tgt: str) -> list[TranslationUnit]:
    base = data / "un-dev" if (data / "un-dev").is_dir() else data
    en = (base / "UNv1.0.devset.en").read_text(encoding="utf-8").splitlines()
    xx = (base / f"UNv1.0.devset.{tgt}").read_text(encoding="utf-8").splitlines()
    if len(en) != len(xx):
        sys.exit(f"{base}: en and {tgt} differ in length ({len(en)} / {len(xx)})")
    return [TranslationUnit(s, t, id=str(i + 1)) for i, (s, t) in enumerate(zip(en, xx, strict=True))]


def sources(train: list[TranslationUnit], tgt: str, top: int) -> list[tuple[str, Glossary]]:
    from parley.glossary.extract import extract_terms
    from parley.glossary.termbase import load_starter_termbase

    g = extract_terms(Bitext("en", tgt, tuple(train), "other half"), src_lang="en", tgt_lang=tgt,
                      termbase=load_starter_termbase(), max_terms=top)
    return [(f"extracted from the other half, top {top}", g),
            ("starter term base", load_starter_termbase())]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", type=Path, help="../shared/data (or its un-dev folder)")
    ap.add_argument("--tgt", default="fr", help="target language of un-dev (fr, es, zh, ar)")
    ap.add_argument("--top", type=int, default=500, help="entries kept from the extracted glossary")
    ap.add_argument("--out", type=Path, default=Path("bench-out/qa-lang"),
                    help="folder for the CSV of every flag to judge")
    args = ap.parse_args(argv)
    units = load(args.data, args.tgt)
    rows: list[dict[str, str]] = []
    print(f"| en-{args.tgt} held-out half | glossary | term occurrences | key-term flags | "
          "per 100 occ. | notes |\n|---|---|---:|---:|---:|---:|")
    for held in ("second", "first"):
        train, half = split(units, held)
        bt = Bitext("en", args.tgt, tuple(half), f"un-dev {held} half")
        for label, g in sources(train, args.tgt, args.top):
            occ = sum(len(u.spans) for u in term_uses(QAContext(bt, g)))
            found = check_bitext(bt, g, rules=["key-term"])
            flags = [f for f in found if f.severity != "info"]
            print(f"| {held} | {label} | {occ} | {len(flags)} | "
                  f"{100 * len(flags) / max(1, occ):.2f} | {len(found) - len(flags)} |")
            rows += [{"half": held, "glossary": label, "unit": f.unit_id or "",
                      "severity": f.severity, "message": f.message, "source": f.source,
                      "target": f.target, "judgement (true/false)": "", "why": ""}
                     for f in flags]
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"key-term-flags.en-{args.tgt}.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]) if rows else ["half"])
        w.writeheader()
        w.writerows(rows)
    print(f"\n{len(rows)} flags for a person to judge: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
