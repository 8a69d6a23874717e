"""Review-page writing speed and size on real sentences.

Usage: python -m bench.review_bench ../shared/data/un-dev [--units 1000 10000]

Builds bitexts from the UN dev set (English/Russian, line-aligned; every 50th target blanked to
make 1-0 beads), with and without a small diplomatic glossary, and prints write time and size.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from parley.align.model import Bitext, TranslationUnit
from parley.exports.review import write_review
from parley.glossary.model import Glossary, Term, TermEntry

TERMS = [
    ("General Assembly", "Генеральная Ассамблея"), ("Security Council", "Совет Безопасности"),
    ("United Nations", "Организация Объединенных Наций"), ("resolution", "резолюция"),
    ("Secretary-General", "Генеральный секретарь"), ("human rights", "права человека"),
    ("Member States", "государства-члены"), ("report", "доклад"), ("development", "развитие"),
    ("committee", "комитет"), ("sustainable development", "устойчивое развитие"),
    ("peacekeeping operation", "операция по поддержанию мира"), ("delegation", "делегация"),
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("un_dev", type=Path, help="folder with UNv1.0.devset.en and .ru")
    ap.add_argument("--units", type=int, nargs="+", default=[1000, 10_000])
    args = ap.parse_args()
    en = (args.un_dev / "UNv1.0.devset.en").read_text(encoding="utf-8").splitlines()
    ru = (args.un_dev / "UNv1.0.devset.ru").read_text(encoding="utf-8").splitlines()
    glossary = Glossary(tuple(TermEntry(f"e{k}", (Term(a, "en"), Term(b, "ru")))
                              for k, (a, b) in enumerate(TERMS)))
    print(f"{'units':>7} {'glossary':>9} {'write s':>8} {'MB':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.units:
            units = tuple(
                TranslationUnit(en[i % len(en)], "" if i % 50 == 0 else ru[i % len(ru)],
                                confidence=(i * 7919 % 1000) / 1000, paragraph=i // 6)
                for i in range(n)
            )
            bitext = Bitext("en", "ru", units)
            for g in (None, glossary):
                out = Path(tmp) / "review.html"
                t0 = time.perf_counter()
                write_review(out, bitext, glossary=g)
                secs = time.perf_counter() - t0
                print(f"{n:>7} {len(g) if g else 0:>9} {secs:>8.2f} "
                      f"{out.stat().st_size / 1e6:>6.1f}")


if __name__ == "__main__":
    main()
