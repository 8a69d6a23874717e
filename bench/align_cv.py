"""Alignment settings chosen by cross-validation over documents and corpora (issue 16).

Usage::

    python -m bench.align_cv ../shared/data [--wmt 20] [--grid NAME=v1,v2 ...] [--json]

The folds are documents of four corpora, so that no setting is chosen on one document:

* ``tb1``..``tb3``: Text+Berg dev (de-fr) cut into three parts at gold bead boundaries, each
  with every MT file and without MT;
* ``parice:<doc>``: the 10 ParIce documents (en-is, no MT);
* ``wmt:<doc>``: WMT21 ru-en news documents as running text (paragraphs joined, segmented by
  parley, gold mapped by character position; no MT);
* ``synth:<part>``: the Text+Berg parts with the unaligned sentences of real documents added:
  translator credits and photo captions inserted on the target side, and some source
  sentences of 1-1 beads dropped (their targets become 0-1).

For each value of a ``--grid`` parameter it prints strict F1 per corpus, and the
leave-one-corpus-out choice: for each corpus, the value best on the *other* corpora and its F1
on the held-out one (the spread of those is the honest estimate). It also prints the recall and
precision of unaligned sentences (gold 1-0/0-1 beads found exactly).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from parley.align.aligner import AlignParams, align_segments, segments_from_lines
from parley.align.evaluate import beads_from_units, read_beads, score_alignment
from parley.align.model import Bead, Segment

MT_SYSTEMS = ("google", "europarlfull", "europarllight", "SACunidir")


@dataclass(frozen=True)
class Doc:
    """One fold document: segments, optional MT, gold beads."""

    corpus: str
    name: str
    src: list[Segment]
    tgt: list[Segment]
    mt: list[str] | None
    gold: list[Bead]
    src_lang: str
    tgt_lang: str


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _cut(gold: Sequence[Bead], parts: int) -> list[list[Bead]]:
    """Gold beads cut into ``parts`` runs of about equal numbers of source sentences."""
    total = sum(len(b.src) for b in gold)
    out: list[list[Bead]] = [[]]
    done = 0
    for b in gold:
        if done >= total * len(out) / parts and len(out) < parts:
            out.append([])
        out[-1].append(b)
        done += len(b.src)
    return out


def _renumber(beads: Sequence[Bead]) -> tuple[list[int], list[int], list[Bead]]:
    """Old source/target line numbers of a run of beads and the beads renumbered from 0."""
    src_ids: list[int] = []
    tgt_ids: list[int] = []
    out: list[Bead] = []
    for b in beads:
        s = tuple(range(len(src_ids), len(src_ids) + len(b.src)))
        t = tuple(range(len(tgt_ids), len(tgt_ids) + len(b.tgt)))
        src_ids.extend(b.src)
        tgt_ids.extend(b.tgt)
        out.append(Bead(s, t))
    return src_ids, tgt_ids, out


def textberg_docs(data: Path) -> list[Doc]:
    d = data / "textberg-dev"
    src, tgt, gold = _lines(d / "dev.de"), _lines(d / "dev.fr"), read_beads(d / "dev.defr")
    mts = {name: _lines(d / f"dev.mt_{name}.fr") for name in MT_SYSTEMS}
    docs = []
    for k, part in enumerate(_cut(gold, 3), start=1):
        si, ti, g = _renumber(part)
        s = segments_from_lines([src[i] for i in si])
        t = segments_from_lines([tgt[j] for j in ti])
        for name in (*MT_SYSTEMS, None):
            mt = [mts[name][i] for i in si] if name else None
            docs.append(Doc("textberg", f"tb{k}:{name or 'none'}", s, t, mt, g, "de", "fr"))
    return docs


CREDITS = (
    "(Traduction de {n})", "(Traduit de l'allemand par {n})", "Photo {n}", "Phot. {n}",
    "(Übersetzung: {n})", "Bild: {n}",
)
NAMES = ("E. Gagnebin", "P. Vaucher", "M. Kurz", "A. Roch", "J. Coulin", "H. Steiner")


def synthetic_docs(data: Path) -> list[Doc]:
    """Text+Berg parts (google MT and none) with credits/captions inserted on the target side and
    source sentences of some 1-1 beads dropped: the unaligned sentences of real documents."""
    d = data / "textberg-dev"
    src, tgt, gold = _lines(d / "dev.de"), _lines(d / "dev.fr"), read_beads(d / "dev.defr")
    mt_all = _lines(d / "dev.mt_google.fr")
    docs = []
    for k, part in enumerate(_cut(gold, 3), start=1):
        rng = random.Random(k)
        beads: list[tuple[list[str], list[str], list[str]]] = []  # (src, mt, tgt)
        for b in part:
            s = [src[i] for i in b.src]
            m = [mt_all[i] for i in b.src]
            t = [tgt[j] for j in b.tgt]
            if len(b.src) == 1 and len(b.tgt) == 1 and rng.random() < 0.04:
                s, m = [], []  # the translator left nothing out, the source lost a sentence
            beads.append((s, m, t))
            if rng.random() < 0.04:
                credit = rng.choice(CREDITS).format(n=rng.choice(NAMES))
                beads.append(([], [], [credit]))
        s_l: list[str] = []
        m_l: list[str] = []
        t_l: list[str] = []
        g: list[Bead] = []
        for s, m, t in beads:
            if s and t:
                g.append(Bead(tuple(range(len(s_l), len(s_l) + len(s))),
                              tuple(range(len(t_l), len(t_l) + len(t)))))
            else:
                g.extend(Bead((len(s_l) + q,), ()) for q in range(len(s)))
                g.extend(Bead((), (len(t_l) + q,)) for q in range(len(t)))
            s_l += s
            m_l += m
            t_l += t
        for name, mt in (("google", m_l), ("none", None)):
            docs.append(Doc("synth", f"synth{k}:{name}", segments_from_lines(s_l), segments_from_lines(t_l),
                            mt, g, "de", "fr"))
    return docs


def parice_docs(data: Path) -> list[Doc]:
    d = data / "parice-en-is"

    def indexed(p: Path) -> list[str]:
        return [ln.split("\t", 1)[1] if "\t" in ln else ln for ln in _lines(p)]

    docs = []
    for g in sorted((d / "gold").glob("*.txt")):
        s, t = indexed(d / "eng" / g.name), indexed(d / "isl" / g.name)
        gold = [b for b in read_beads(g) if all(i < len(s) for i in b.src)]
        docs.append(Doc("parice", g.stem, segments_from_lines(s), segments_from_lines(t), None, gold,
                        "en", "is"))
    return docs


def wmt_docs(data: Path, limit: int) -> list[Doc]:
    from parley.align.reader import read_document
    from parley.align.segment import get_segmenter, segment_document

    path = data / "wmt21-enru" / "newstest2021.ru-en.docs.jsonl"
    docs = []
    import tempfile

    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x]
    with tempfile.TemporaryDirectory() as tmp:
        for d in rows[:limit]:
            segs = []
            texts = []
            for side, key, lang in (("ru", "src", "ru"), ("en", "ref_A", "en")):
                paras: dict[int, list[str]] = {}
                for seg in d["segments"]:
                    paras.setdefault(seg["p"], []).append(seg[key].strip())
                f = Path(tmp) / f"doc.{side}.txt"
                text = "\n\n".join(" ".join(p) for _, p in sorted(paras.items())) + "\n"
                f.write_text(text, encoding="utf-8")
                doc = read_document(f, lang=lang)
                texts.append(doc.text)
                segs.append(segment_document(doc, lang, get_segmenter(lang)))
            units = [(s["src"], s["ref_A"]) for s in d["segments"]]
            gold = beads_from_units(units, texts[0], segs[0], texts[1], segs[1])
            docs.append(Doc("wmt", str(d["doc_id"]), segs[0], segs[1], None, gold, "ru", "en"))
    return docs


def run(docs: Sequence[Doc], params: AlignParams) -> list[list[Bead]]:
    return [
        align_segments(d.src, d.tgt, src_lang=d.src_lang, tgt_lang=d.tgt_lang, mt=d.mt, params=params)
        for d in docs
    ]


def unaligned_pr(
    preds: Sequence[Sequence[Bead]], golds: Sequence[Sequence[Bead]]
) -> tuple[float, float, int]:
    """Precision and recall of 1-0/0-1 beads (exact), and the number of gold ones."""
    hit = npred = ngold = 0
    for p, g in zip(preds, golds, strict=True):
        gp = {(b.src, b.tgt) for b in g if not b.is_link}
        pp = {(b.src, b.tgt) for b in p if not b.is_link}
        hit += len(gp & pp)
        npred += len(pp)
        ngold += len(gp)
    return (hit / npred if npred else 1.0), (hit / ngold if ngold else 1.0), ngold


def corpus_scores(docs: Sequence[Doc], preds: Sequence[Sequence[Bead]]) -> dict[str, float]:
    """Strict F1 per corpus (MT and no MT apart), micro-averaged over its documents."""
    groups: dict[str, tuple[list[Sequence[Bead]], list[Sequence[Bead]]]] = {}
    for d, p in zip(docs, preds, strict=True):
        key = d.corpus + ("+mt" if d.mt is not None else "")
        groups.setdefault(key, ([], []))[0].append(p)
        groups[key][1].append(d.gold)
    return {k: round(float(score_alignment(p, g)["f1_strict"]), 4) for k, (p, g) in sorted(groups.items())}


def doc_spread(
    docs: Sequence[Doc], preds: Sequence[Sequence[Bead]]
) -> dict[str, tuple[float, float, float]]:
    """Per corpus: the lowest, median and highest strict F1 of its documents."""
    per: dict[str, list[float]] = {}
    for d, p in zip(docs, preds, strict=True):
        key = d.corpus + ("+mt" if d.mt is not None else "")
        per.setdefault(key, []).append(float(score_alignment([p], [d.gold])["f1_strict"]))
    return {
        k: (round(min(v), 3), round(statistics.median(v), 3), round(max(v), 3))
        for k, v in sorted(per.items())
    }


def load(data: Path, wmt: int) -> list[Doc]:
    return [*textberg_docs(data), *parice_docs(data), *wmt_docs(data, wmt), *synthetic_docs(data)]


def _value(field_type: Any, text: str) -> Any:
    if field_type in ("bool", bool):
        return text.lower() in ("1", "true", "yes")
    if field_type in ("int", int):
        return int(text)
    return float(text)


def settings_from(grid: Sequence[str], sets: Sequence[str], default: bool) -> list[tuple[str, AlignParams]]:
    """``--grid P=v1,v2`` (one setting per value) and ``--set P1=v1,P2=v2`` (one combined)."""
    types = {f.name: f.type for f in fields(AlignParams)}
    out: list[tuple[str, AlignParams]] = [("default", AlignParams())] if default else []
    for g in grid:
        name, vals = g.split("=", 1)
        for v in vals.split(","):
            out.append((f"{name}={v}", replace(AlignParams(), **{name: _value(types[name], v)})))
    for combo in sets:
        kv = dict(x.split("=", 1) for x in combo.split(","))
        out.append((combo, replace(AlignParams(), **{k: _value(types[k], v) for k, v in kv.items()})))
    return out


def evaluate(docs: Sequence[Doc], label: str, params: AlignParams) -> dict[str, Any]:
    """F1 per corpus, unaligned P/R (all, MT, no MT) and the per-document spread of one setting."""
    preds = run(docs, params)
    scores: dict[str, Any] = dict(corpus_scores(docs, preds))
    up, ur, ng = unaligned_pr(preds, [d.gold for d in docs])
    split = {}
    for label_mt, want in (("mt", True), ("nomt", False)):
        sel = [k for k, d in enumerate(docs) if (d.mt is not None) == want]
        got = unaligned_pr([preds[k] for k in sel], [docs[k].gold for k in sel])
        split[label_mt] = [round(x, 3) for x in got]
    scores["unaligned"] = split
    return {"setting": label, "f1": scores, "unaligned_p": round(up, 3), "unaligned_r": round(ur, 3),
            "unaligned_gold": ng, "doc_f1_min_median_max": doc_spread(docs, preds)}


def leave_one_out(results: Sequence[dict[str, Any]]) -> dict[str, tuple[str, float]]:
    """Per corpus: the setting with the best mean F1 on the other corpora, and its F1 here."""
    keys = [k for k in results[0]["f1"] if k != "unaligned"]
    held = {}
    for k in keys:
        others = [q for q in keys if q != k]
        best = max(results, key=lambda r: statistics.mean(r["f1"][q] for q in others))
        held[k] = (best["setting"], best["f1"][k])
    return held


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", type=Path)
    ap.add_argument("--wmt", type=int, default=20, help="number of WMT21 documents")
    ap.add_argument("--grid", action="append", default=[], help="PARAM=v1,v2,... (AlignParams field)")
    ap.add_argument("--set", action="append", default=[], help="P1=v1,P2=v2: one combined setting")
    ap.add_argument("--no-default", action="store_true", help="skip the default setting")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    docs = load(args.data, args.wmt)
    results: list[dict[str, Any]] = []
    for label, params in settings_from(args.grid, args.set, not args.no_default):
        r = evaluate(docs, label, params)
        results.append(r)
        if not args.json:
            print(label, json.dumps(r["f1"]), f"unaligned P={r['unaligned_p']} R={r['unaligned_r']} "
                  f"(gold {r['unaligned_gold']})", flush=True)
            print("   per-document F1 (min, median, max):", json.dumps(r["doc_f1_min_median_max"]))
    held = leave_one_out(results) if len(results) > 1 else {}
    if args.json:
        print(json.dumps({"results": results, "leave_one_corpus_out": held}, indent=2))
        return
    if held:
        print("leave one corpus out: corpus -> setting chosen on the others, its F1 there")
        for k, (s, f) in held.items():
            print(f"  {k}: {s} {f}")


if __name__ == "__main__":
    main()
