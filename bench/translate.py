"""Sentences per second: parley's batched CTranslate2 path vs argostranslate's ``translate()`` per
sentence, same package, same sentences, one run each.

    .venv/bin/python -m bench.translate ../shared/data/un-dev/UNv1.0.devset.en -n 2000

Without ``--package`` it builds the tests' tiny random en→ru package (``tests/tinymodel.py``);
``--out-len`` sets about how many tokens that model writes per sentence. The argos side runs with
its sentence splitter bypassed, as parley's fallback does (parley has already segmented, and
MiniSBD would try to download a model).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path


def _tiny_package(out: Path, out_len: int) -> Path:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from tinymodel import build_package

    return build_package(out, "en", "ru", out_len=out_len)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("source", type=Path, help="English text, one sentence per line")
    ap.add_argument("-n", type=int, default=2000, help="sentences (first N non-empty lines)")
    ap.add_argument("--package", type=Path, help=".argosmodel to use (default: the tiny test model)")
    ap.add_argument("--src", default="en")
    ap.add_argument("--tgt", default="ru")
    ap.add_argument("--out-len", type=int, default=24, help="tiny model: tokens per output")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--beam-size", type=int, default=4)
    args = ap.parse_args(argv)

    lines = [ln.strip() for ln in args.source.read_text(encoding="utf-8").splitlines() if ln.strip()]
    sents = lines[: args.n]
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ARGOS_PACKAGES_DIR"] = str(Path(tmp) / "packages")
        from parley.align.models import find_route, install_from_path
        from parley.align.translate import TRANSLATORS, cpu_threads

        pkg = args.package or _tiny_package(Path(tmp) / "tiny.argosmodel", args.out_len)
        install_from_path(pkg)
        route = find_route(args.src, args.tgt)
        rows = []
        outputs = {}
        for engine in ("ctranslate2", "argos"):
            t0 = time.perf_counter()
            tr = TRANSLATORS[engine](route, batch_size=args.batch_size, beam_size=args.beam_size,
                                     device="cpu")
            load = time.perf_counter() - t0
            t0 = time.perf_counter()
            outputs[engine] = tr.translate(sents)
            secs = time.perf_counter() - t0
            rows.append((engine, len(sents), load, secs, len(sents) / secs))
    base = rows[1][4]
    same = sum(a == b for a, b in zip(outputs["ctranslate2"], outputs["argos"], strict=True))
    words = sum(len(t.split()) for t in outputs["ctranslate2"]) / max(1, len(sents))
    print(f"package: {route.label}; {len(sents)} sentences from {args.source.name}; "
          f"beam {args.beam_size}, batch {args.batch_size}, CPU threads {cpu_threads()}; "
          f"mean output {words:.1f} words; identical outputs {same}/{len(sents)}")
    print(f"| {'engine':<37} | {'sentences':>9} | {'load s':>6} | {'translate s':>11} | "
          f"{'sent/s':>8} | {'speed-up':>8} |")
    print(f"|{'-' * 39}|{'-' * 11}|{'-' * 8}|{'-' * 13}|{'-' * 10}|{'-' * 10}|")
    names = {"ctranslate2": "parley batched CTranslate2", "argos": "argostranslate translate() per sentence"}
    for engine, n, load, secs, rate in rows:
        print(f"| {names[engine]:<37} | {n:>9} | {load:>6.2f} | {secs:>11.2f} | {rate:>8.1f} | "
              f"{rate / base:>7.1f}x |")


if __name__ == "__main__":
    main()
