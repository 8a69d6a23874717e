"""Score human reference B against reference A (and back) with ``align.score`` and check every
number against sacrebleu's own CLI on the same files.

    .venv/bin/python -m bench.score ../shared/data/wmt21-enru

Both WMT21 directions are scored: en→ru (``newstest2021.en-ru.ref.{A,B}.ru``) and ru→en
(``newstest2021.ru-en.ref.{A,B}.en``). Each pair is scored both ways (B vs A and A vs B): BLEU
and TER are not symmetric.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path


def _cli(hyp: Path, ref: Path, tok: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-m", "sacrebleu", str(ref), "-i", str(hyp), "-m", "bleu", "chrf", "ter",
         "-w", "4", "-f", "json", "--tokenize", tok],
        capture_output=True, text=True, check=True,
    ).stdout
    return {r["name"].lower().rstrip("2"): float(r["score"]) for r in json.loads(out)}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("wmt21", type=Path, help="folder with newstest2021.*.ref.{A,B}.* files")
    args = ap.parse_args(argv)
    from align.score import score_files

    d = args.wmt21
    pairs = [
        ("en-ru", "ru", d / "newstest2021.en-ru.ref.B.ru", d / "newstest2021.en-ru.ref.A.ru"),
        ("en-ru", "ru", d / "newstest2021.en-ru.ref.A.ru", d / "newstest2021.en-ru.ref.B.ru"),
        ("ru-en", "en", d / "newstest2021.ru-en.ref.B.en", d / "newstest2021.ru-en.ref.A.en"),
        ("ru-en", "en", d / "newstest2021.ru-en.ref.A.en", d / "newstest2021.ru-en.ref.B.en"),
    ]
    print(f"| {'set':<5} | {'hyp vs ref':<10} | {'segs':>5} | {'BLEU':>7} | {'chrF':>7} | {'TER':>7} | "
          f"{'= sacrebleu CLI':<15} | {'parley s':>8} |")
    print(f"|{'-' * 7}|{'-' * 12}|{'-' * 7}|{'-' * 9}|{'-' * 9}|{'-' * 9}|{'-' * 17}|{'-' * 10}|")
    sigs: set[str] = set()
    for name, lang, hyp, ref in pairs:
        t0 = time.perf_counter()
        rep = score_files(hyp, [ref], tgt_lang=lang, weakest=0)
        secs = time.perf_counter() - t0
        ours = {s.metric: round(s.score, 4) for s in rep.scores}
        sigs.update(f"{s.metric}: {s.signature}" for s in rep.scores)
        same = "yes" if ours == _cli(hyp, ref, rep.tokenize) else "NO"
        label = f"{hyp.name.split('.ref.')[1][0]} vs {ref.name.split('.ref.')[1][0]}"
        print(f"| {name:<5} | {label:<10} | {rep.segments_total:>5} | {ours['bleu']:>7.2f} | "
              f"{ours['chrf']:>7.2f} | {ours['ter']:>7.2f} | {same:<15} | {secs:>8.2f} |")
    for s in sorted(sigs):
        print(s)


if __name__ == "__main__":
    main()
