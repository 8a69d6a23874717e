"""Language identification benchmark: accuracy on 50-word paragraphs and speed.

Usage: python -m bench.langid ../shared/data/un-dev [--detector py3langid|lingua|all] [--json]

Paragraphs: consecutive lines of the UN dev set (line N is the same sentence in every
language) are grouped until the English side has at least 50 words, then cut to 50 words
(50 x 1.5 characters for Chinese, which has no spaces); the same line ranges are used in
ar/en/es/fr/ru/zh. German is not in the UN set: its paragraphs come from
``../shared/data/textberg-dev/dev.de`` when that folder sits beside un-dev.
A detection counts as right when its ISO 639-1 code equals the language's.
Speed: CPU seconds per paragraph (``time.process_time``), model loading excluded.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

LANGS = ("ar", "en", "es", "fr", "ru", "zh")
WORDS = 50


def _cut(text: str, lang: str) -> str:
    if lang == "zh":
        return text[: int(WORDS * 1.5)]
    return " ".join(text.split()[:WORDS])


def paragraphs(un_dev: Path) -> list[tuple[str, str]]:
    lines = {lg: (un_dev / f"UNv1.0.devset.{lg}").read_text(encoding="utf-8").splitlines()
             for lg in LANGS}
    out: list[tuple[str, str]] = []
    start, words = 0, 0
    for i, line in enumerate(lines["en"]):
        words += len(line.split())
        if words >= WORDS:
            for lg in LANGS:
                joined = " ".join(lines[lg][start: i + 1])
                sep = "" if lg == "zh" else " "
                out.append((lg, _cut(joined.replace(" ", sep) if lg == "zh" else joined, lg)))
            start, words = i + 1, 0
    de = un_dev.parent / "textberg-dev" / "dev.de"
    if de.is_file():
        buf: list[str] = []
        for line in de.read_text(encoding="utf-8").splitlines():
            buf += line.split()
            if len(buf) >= WORDS:
                out.append(("de", " ".join(buf[:WORDS])))
                buf = []
    return out


def _py3langid() -> Callable[[str], str]:
    from parley.align.langid import detect

    detect("warm up the model")
    return lambda text: detect(text).lang


def _lingua() -> Callable[[str], str]:
    from lingua import LanguageDetectorBuilder

    det = LanguageDetectorBuilder.from_all_languages().build()
    det.detect_language_of("warm up the model")

    def run(text: str) -> str:
        lang = det.detect_language_of(text)
        return lang.iso_code_639_1.name.lower() if lang is not None else "und"

    return run


DETECTORS: dict[str, Callable[[], Callable[[str], str]]] = {"py3langid": _py3langid, "lingua": _lingua}


def measure(name: str, paras: list[tuple[str, str]]) -> dict[str, object]:
    t_load = time.process_time()
    fn = DETECTORS[name]()
    load = time.process_time() - t_load
    per: dict[str, list[int]] = {}
    wrong: list[str] = []
    t0 = time.process_time()
    for lang, text in paras:
        got = fn(text)
        ok = per.setdefault(lang, [0, 0])
        ok[0] += got == lang
        ok[1] += 1
        if got != lang and len(wrong) < 5:
            wrong.append(f"{lang}->{got}: {text[:60]}")
    cpu = time.process_time() - t0
    right = sum(v[0] for v in per.values())
    return {"detector": name, "paragraphs": len(paras), "accuracy": round(right / len(paras), 4),
            "per_language": {k: round(v[0] / v[1], 4) for k, v in sorted(per.items())},
            "ms_per_paragraph": round(1000 * cpu / len(paras), 3), "load_cpu_s": round(load, 2),
            "errors_sample": wrong}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("un_dev", type=Path)
    ap.add_argument("--detector", default="py3langid", choices=[*DETECTORS, "all"])
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    paras = paragraphs(args.un_dev)
    names = list(DETECTORS) if args.detector == "all" else [args.detector]
    results = []
    for name in names:
        try:
            results.append(measure(name, paras))
        except ImportError as exc:
            results.append({"detector": name, "skipped": str(exc)})
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return
    for r in results:
        if "skipped" in r:
            print(f"{r['detector']}: skipped ({r['skipped']})")
            continue
        print(f"{r['detector']}: {r['paragraphs']} paragraphs, accuracy {r['accuracy']:.4f}, "
              f"{r['ms_per_paragraph']} ms CPU/paragraph, model load {r['load_cpu_s']} s CPU")
        print("  per language: " + ", ".join(f"{k} {v:.4f}" for k, v in r["per_language"].items()))  # type: ignore[attr-defined]
        for w in r["errors_sample"]:  # type: ignore[attr-defined]
            print("  wrong: " + w)


if __name__ == "__main__":
    main()
