"""Scoring sentence alignments against gold, exactly as the vecalign/Bertalign scorer does.

Numbers are only comparable with published ones if the protocol is the same: strict and lax
precision/recall/F1, counts micro-averaged over documents, beads with an empty side counted in
precision only (recall is computed on links), strict = the very same bead, lax = the bead
overlaps a gold bead on both sides.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from parley.align.atomic import atomic_write_text
from parley.align.errors import FormatError, require_file
from parley.align.model import Bead, Segment

BeadPair = tuple[tuple[int, ...], tuple[int, ...]]

_LINE = re.compile(r"^\s*\[([0-9,\s]*)\]\s*:\s*\[([0-9,\s]*)\]\s*$")


def _ids(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in text.replace(" ", "").split(",") if x)


def parse_beads(text: str, path: str | Path | None = None) -> list[Bead]:
    """Parse ``[i, j]:[k]`` lines (0-based; ``[]`` for an empty side)."""
    beads: list[Bead] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        m = _LINE.match(line)
        if m is None:
            raise FormatError(
                f"line {n} is not a bead like '[0, 1]:[2]': {line[:60]!r}", path,
                "one bead per line, 0-based sentence numbers",
            )
        beads.append(Bead(_ids(m.group(1)), _ids(m.group(2))))
    return beads


def read_beads(path: str | Path) -> list[Bead]:
    """Read a bead file (the format of the Text+Berg and ParIce gold files)."""
    p = Path(path)
    require_file(p)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormatError("bead file is not UTF-8 text", p) from exc
    return parse_beads(text, p)


def format_beads(beads: Iterable[Bead]) -> str:
    return "".join(
        f"[{', '.join(map(str, b.src))}]:[{', '.join(map(str, b.tgt))}]\n" for b in beads
    )


def write_beads(path: str | Path, beads: Iterable[Bead], *, protect: Iterable[str | Path] = ()) -> None:
    """Write beads as ``[i, j]:[k]`` lines, atomically."""
    atomic_write_text(path, format_beads(beads), protect=protect)


def _as_pairs(beads: Iterable[Bead | BeadPair]) -> list[BeadPair]:
    out: list[BeadPair] = []
    for b in beads:
        if isinstance(b, Bead):
            out.append((tuple(b.src), tuple(b.tgt)))
        else:
            out.append((tuple(b[0]), tuple(b[1])))
    return out


def _precision_counts(gold: Iterable[BeadPair], test: Iterable[BeadPair]) -> list[int]:
    """[tp strict, fp strict, tp lax, fp lax] of ``test`` against ``gold`` (vecalign's rule)."""
    test_set = {(s, t) for s, t in test if s or t}
    gold_set = {(s, t) for s, t in gold if s or t}
    src_to_gold_tgt: dict[int, set[int]] = defaultdict(set)
    for gs, gt in gold_set:
        for s in gs:
            src_to_gold_tgt[s].update(gt)
    tps = fps = tpl = fpl = 0
    for ts, tt in test_set:
        if (ts, tt) in gold_set:
            tps += 1
            tpl += 1
            continue
        fps += 1
        targets: set[int] = set()
        for s in ts:
            targets |= src_to_gold_tgt.get(s, set())
        if targets.intersection(tt):
            tpl += 1
        else:
            fpl += 1
    return [tps, fps, tpl, fpl]


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score_alignment(
    pred_docs: Sequence[Iterable[Bead | BeadPair]], gold_docs: Sequence[Iterable[Bead | BeadPair]]
) -> dict[str, float | int]:
    """Strict/lax precision, recall, F1 micro-averaged over documents (vecalign ``score.py``)."""
    if len(pred_docs) != len(gold_docs):
        raise ValueError("need as many predicted documents as gold documents")
    p = [0, 0, 0, 0]
    r = [0, 0, 0, 0]
    n_gold = n_pred = 0
    for pred_beads, gold_beads in zip(pred_docs, gold_docs, strict=True):
        pred = _as_pairs(pred_beads)
        gold = _as_pairs(gold_beads)
        n_gold += len(gold)
        n_pred += len(pred)
        p = [x + y for x, y in zip(p, _precision_counts(gold, pred), strict=True)]
        links_pred = [(s, t) for s, t in pred if s and t]
        links_gold = [(s, t) for s, t in gold if s and t]
        r = [x + y for x, y in zip(r, _precision_counts(links_pred, links_gold), strict=True)]
    ps, pl = _ratio(p[0], p[0] + p[1]), _ratio(p[2], p[2] + p[3])
    rs, rl = _ratio(r[0], r[0] + r[1]), _ratio(r[2], r[2] + r[3])
    return {
        "precision_strict": ps, "recall_strict": rs, "f1_strict": _f1(ps, rs),
        "precision_lax": pl, "recall_lax": rl, "f1_lax": _f1(pl, rl),
        "documents": len(gold_docs), "gold_beads": n_gold, "pred_beads": n_pred,
    }


def _nonspace_spans(segs: Sequence[Segment], text: str) -> list[tuple[int, int]]:
    """Each segment as a span of positions among the non-space characters of ``text``."""
    count = [0] * (len(text) + 1)
    n = 0
    for k, ch in enumerate(text):
        count[k] = n
        if not ch.isspace():
            n += 1
    count[len(text)] = n
    return [(count[s.start], count[s.end]) for s in segs]


def beads_from_units(
    units: Sequence[tuple[str, str]], src_text: str, src: Sequence[Segment], tgt_text: str,
    tgt: Sequence[Segment],
) -> list[Bead]:
    """Gold beads on *our* sentence numbers from a gold TSV of translation units whose cells,
    concatenated, give each document back (whitespace aside), as in ``seeds/``. A sentence
    belongs to the units it covers; units sharing a sentence (the gold cut finer than our
    segmenter) become one bead."""
    import bisect

    parent = list(range(len(units)))

    def find(u: int) -> int:
        while parent[u] != u:
            parent[u] = parent[parent[u]]
            u = parent[u]
        return u

    owner: list[list[int]] = []
    for col, (text, segs) in enumerate(((src_text, src), (tgt_text, tgt))):
        bounds: list[int] = []
        pos = 0
        for u in units:
            bounds.append(pos)
            pos += len(re.sub(r"\s", "", u[col]))
        own: list[int] = []
        for start, end in _nonspace_spans(segs, text):
            first = bisect.bisect_right(bounds, start) - 1
            last = bisect.bisect_right(bounds, max(start, end - 1)) - 1
            for k in range(first + 1, last + 1):
                parent[find(k)] = find(first)
            own.append(first)
        owner.append(own)
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for side, own in enumerate(owner):
        for sent, unit in enumerate(own):
            groups.setdefault(find(unit), ([], []))[side].append(sent)
    return [Bead(tuple(s), tuple(t)) for _, (s, t) in sorted(groups.items())]
