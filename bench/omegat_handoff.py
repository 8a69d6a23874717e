"""Exact-match rate of a parley hand-off in OmegaT 3.6: how many of the document's segments
OmegaT itself fills from the TMX parley put in ``tm/auto/``.

Usage: python -m bench.omegat_handoff ../shared/data/wmt21-enru [--docs 12] [--seeds seeds] [--json]

For each document: the source and its translation are written as text (one paragraph a line),
aligned by ``parley align --segmenter srx`` into a TMX, handed off with
``parley handoff omegat`` (en-GB/ru-RU), and opened by OmegaT in console mode with a Groovy
script that counts, after loading, the segments OmegaT has a translation for (OmegaT inserts
exact matches from ``tm/auto`` on load). WMT21: the first ``--docs`` documents of
``newstest2021.ru-en.docs.jsonl`` read from English (``ref_A``) to Russian (``src``); the
seed: ``seeds/lavrov-2018-02-07.{en,ru}.txt``. Rate = filled / all segments (repeated segments
count each time); ``rate_aligned`` counts only the segments parley aligned to a translation
(a sentence the translation lacks, such as a web page's trailing links, cannot be filled from
any TM). Needs OmegaT (``apt-get install omegat``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

#: Runs inside OmegaT (``--script``) once the project is loaded: segments and translations.
COUNT_SCRIPT = r"""
import groovy.json.JsonOutput
if (eventType.toString() != "COMPILE") return "parley count: waiting for COMPILE"
def rows = project.allEntries.collect { ste ->
    def ti = project.getTranslationInfo(ste)
    [ste.srcText, ti != null && ti.isTranslated() ? ti.translation : null]
}
new File(System.getenv("PARLEY_OMEGAT_COUNT")).setText(JsonOutput.toJson(rows), "UTF-8")
return "parley count written"
"""


def omegat_segments(project: Path, work: Path, timeout: int = 300) -> list[tuple[str, str | None]]:
    """(segment source, translation or None) for every segment of ``project``, from OmegaT."""
    exe = shutil.which("omegat")
    if exe is None:
        raise RuntimeError("OmegaT is not installed (apt-get install omegat)")
    script, out = work / "count.groovy", work / "count.json"
    script.write_text(COUNT_SCRIPT, encoding="utf-8")
    env = {**os.environ, "HOME": str(work), "PARLEY_OMEGAT_COUNT": str(out)}
    res = subprocess.run([exe, str(project), "--mode=console-translate", f"--script={script}"],
                         capture_output=True, text=True, timeout=timeout, env=env, check=False)
    if res.returncode != 0 or not out.is_file():
        raise RuntimeError("OmegaT failed: " + (res.stdout + res.stderr)[-2000:])
    return [(s, t) for s, t in json.loads(out.read_text(encoding="utf-8"))]


def parley(*args: str) -> None:
    res = subprocess.run([sys.executable, "-m", "parley", "-q", *args], capture_output=True, text=True,
                         check=False)
    if res.returncode != 0:
        raise RuntimeError(f"parley {' '.join(args)}: {res.stderr.strip()}")


def handoff_rate(src: Path, tgt: Path, work: Path, src_lang: str = "en-GB",
                 tgt_lang: str = "ru-RU") -> dict[str, Any]:
    """Align, hand off, open in OmegaT; the exact-match figures for one document."""
    tmx = work / "doc.tmx"
    parley("align", str(src), str(tgt), "-s", src_lang, "-t", tgt_lang, "--segmenter", "srx",
           "-o", str(tmx))
    parley("handoff", "omegat", str(src), "--tmx", str(tmx), "-s", src_lang, "-t", tgt_lang,
           "-o", str(work / "proj"))
    segs = omegat_segments(work / "proj", work)
    filled = sum(1 for _, t in segs if t is not None)
    from parley.exports.registry import read_bitext

    sources = [u.source for u in read_bitext(work / "proj" / "tm" / "auto" / "parley.tmx").units]
    aligned = [s for s, _ in segs if s.strip() and any(s.strip() in u for u in sources)]
    filled_aligned = sum(1 for s, t in segs if t is not None and s in aligned)
    return {"document": src.name, "segments": len(segs), "filled": filled,
            "rate": round(filled / len(segs), 4) if segs else None,
            "aligned_segments": len(aligned),
            "rate_aligned": round(filled_aligned / len(aligned), 4) if aligned else None,
            "missed": [s for s, t in segs if t is None][:5]}


def _wmt_docs(path: Path, n: int, work: Path) -> list[tuple[Path, Path]]:
    out: list[tuple[Path, Path]] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if len(out) >= n:
                break
            doc = json.loads(line)
            paras: dict[int, tuple[list[str], list[str]]] = {}
            for seg in doc["segments"]:
                en, ru = paras.setdefault(int(seg.get("p", 0)), ([], []))
                en.append(seg["ref_A"].strip())
                ru.append(seg["src"].strip())
            d = work / f"wmt{len(out):02d}"
            d.mkdir()
            en_p, ru_p = d / f"{doc['doc_id']}.en.txt", d / f"{doc['doc_id']}.ru.txt"
            en_p.write_text("\n\n".join(" ".join(e) for e, _ in paras.values()) + "\n", encoding="utf-8")
            ru_p.write_text("\n\n".join(" ".join(r) for _, r in paras.values()) + "\n", encoding="utf-8")
            out.append((en_p, ru_p))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("wmt21", type=Path, nargs="?")
    ap.add_argument("--docs", type=int, default=12)
    ap.add_argument("--seeds", type=Path, default=Path("seeds"))
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        pairs = []
        seed = args.seeds / "lavrov-2018-02-07.en.txt"
        if seed.is_file():
            pairs.append((seed, args.seeds / "lavrov-2018-02-07.ru.txt"))
        if args.wmt21 is not None:
            pairs += _wmt_docs(args.wmt21 / "newstest2021.ru-en.docs.jsonl", args.docs, root)
        for k, (src, tgt) in enumerate(pairs):
            work = root / f"run{k:02d}"
            work.mkdir()
            results.append(handoff_rate(src, tgt, work))
    segs = sum(r["segments"] for r in results)
    filled = sum(r["filled"] for r in results)
    aligned = sum(r["aligned_segments"] for r in results)
    summary = {"documents": len(results), "segments": segs, "filled": filled,
               "rate": round(filled / segs, 4) if segs else None,
               "rate_aligned": round(sum(r["rate_aligned"] * r["aligned_segments"] for r in results
                                         if r["rate_aligned"] is not None) / aligned, 4)
               if aligned else None,
               "min_document_rate": min((r["rate"] for r in results if r["rate"] is not None),
                                        default=None), "per_document": results}
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
        return
    for r in results:
        print(f"{r['document']}: {r['filled']}/{r['segments']} = {r['rate']} "
              f"(of the aligned segments: {r['rate_aligned']})")
        for m in r["missed"]:
            print(f"    missed: {m[:90]}")
    print(f"all: {filled}/{segs} = {summary['rate']} over {len(results)} documents "
          f"(of the aligned segments: {summary['rate_aligned']}); lowest document "
          f"{summary['min_document_rate']}")


if __name__ == "__main__":
    main()
