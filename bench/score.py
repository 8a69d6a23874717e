"""Score human reference B against reference A (and back) with ``parley.align.score`` and check every
number against sacrebleu's own CLI on the same files.

    .venv/bin/python -m bench.score ../shared/data/wmt21-enru

Both WMT21 directions are scored: en→ru (``newstest2021.en-ru.ref.{A,B}.ru``) and ru→en
(``newstest2021.ru-en.ref.{A,B}.en``). Each pair is scored both ways (B vs A and A vs B): BLEU
and TER are not symmetric.

    .venv/bin/python -m bench.score ../shared/data/wmt21-enru --un-dev ../shared/data/un-dev

un-dev has one reference per language, so there is no second human translation to score. It is
used for what it can show: the tokeniser choice per target language on real UN text in six
scripts. The hypothesis is the reference with every third line cut to its first half (a fixed,
reproducible degradation); BLEU is given with parley's tokeniser and with plain ``13a``.
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
    ap.add_argument("--un-dev", type=Path, help="folder with UNv1.0.devset.{ar,en,es,fr,ru,zh}")
    args = ap.parse_args(argv)
    from parley.align.score import score_files

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
    if args.un_dev:
        un_dev(args.un_dev)


def un_dev(folder: Path) -> None:
    import tempfile

    from parley.align.score import read_lines, score_files, score_lines

    print()
    print(f"| {'lang':<4} | {'segs':>5} | {'tokenize':<8} | {'BLEU':>7} | {'BLEU 13a':>8} | {'chrF':>7} | "
          f"{'TER':>7} | {'= sacrebleu CLI':<15} | {'parley s':>8} |")
    print(f"|{'-' * 6}|{'-' * 7}|{'-' * 10}|{'-' * 9}|{'-' * 10}|{'-' * 9}|{'-' * 9}|{'-' * 17}|{'-' * 10}|")
    with tempfile.TemporaryDirectory() as tmp:
        for lang in ("ar", "en", "es", "fr", "ru", "zh"):
            ref = folder / f"UNv1.0.devset.{lang}"
            lines = read_lines(ref)
            hyp_lines = [_halve(s, lang) if i % 3 == 0 else s for i, s in enumerate(lines)]
            hyp = Path(tmp) / f"hyp.{lang}"
            hyp.write_text("\n".join(hyp_lines) + "\n", encoding="utf-8")
            t0 = time.perf_counter()
            rep = score_files(hyp, [ref], tgt_lang=lang, weakest=0)
            secs = time.perf_counter() - t0
            ours = {s.metric: round(s.score, 4) for s in rep.scores}
            plain = score_lines(hyp_lines, [lines], metrics=["bleu"], tokenize="13a", weakest=0)
            same = "yes" if ours == _cli(hyp, ref, rep.tokenize) else "NO"
            print(f"| {lang:<4} | {rep.segments_total:>5} | {rep.tokenize:<8} | {ours['bleu']:>7.2f} | "
                  f"{plain.scores[0].score:>8.2f} | {ours['chrf']:>7.2f} | {ours['ter']:>7.2f} | "
                  f"{same:<15} | {secs:>8.2f} |")


def _halve(line: str, lang: str) -> str:
    """The first half of a line: by words, or by characters where words are not spaced (zh)."""
    if lang == "zh":
        return line[: len(line) // 2]
    words = line.split()
    return " ".join(words[: len(words) // 2])


if __name__ == "__main__":
    main()
