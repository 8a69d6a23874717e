"""Passes after the search that move bead boundaries: closing gaps and, with MT, re-deciding
the cut of adjacent links by exact chrF."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from parley.align.chrf import _char_grams, _chrf, _merge_bags
from parley.align.confidence import _span_costs
from parley.align.model import Bead
from parley.align.params import AlignParams
from parley.align.search import _Level, _Scorer

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from parley.align.chrf import _Bag



def _close_gaps(lv: _Level, scorer: _Scorer, beads: Sequence[Bead]) -> list[Bead]:
    """Slide a link across a gap on one side when that makes the alignment contiguous.

    The search charges each left-out sentence the same, wherever it is, so between a link
    and a block of left-out sentences (the website boilerplate after a speech) a short
    sentence without anchors may link to any sentence of the block ("Thank you very much." is
    left out and "Popular articles" gets «Спасибо большое.»). A gap that opens between two
    links costs ``gap_open`` here (an affine gap, as in sequence alignment): the link moves
    next to its neighbouring link unless it then costs more than that."""
    out = list(beads)
    g = scorer.params.gap_open
    for direction in (1, -1):
        order = range(len(out)) if direction == 1 else range(len(out) - 1, -1, -1)
        for k in order:
            b = out[k]
            if not b.is_link:
                continue
            run = []
            r = k - direction
            while 0 <= r < len(out) and not out[r].is_link:
                run.append(r)
                r -= direction
            if not run or not 0 <= r < len(out):
                continue  # no gap, or the gap reaches the document's edge
            src_side = all(out[q].src for q in run)
            if not (src_side or all(out[q].tgt for q in run)):
                continue
            after = k + direction
            if 0 <= after < len(out):
                nb = out[after]
                if nb.is_link or bool(nb.src) != src_side:
                    continue  # the gap would only move, not close
            gap = sorted(x for q in run for x in (out[q].src if src_side else out[q].tgt))
            own = list(b.src if src_side else b.tgt)
            span = sorted(gap + own)
            moved = span[: len(own)] if direction == 1 else span[-len(own):]
            freed = [x for x in span if x not in moved]
            if src_side:
                old_sp = (b.src[0], b.src[-1] + 1, b.tgt[0], b.tgt[-1] + 1)
                new_sp = (moved[0], moved[-1] + 1, b.tgt[0], b.tgt[-1] + 1)
            else:
                old_sp = (b.src[0], b.src[-1] + 1, b.tgt[0], b.tgt[-1] + 1)
                new_sp = (b.src[0], b.src[-1] + 1, moved[0], moved[-1] + 1)
            old_c, new_c = _span_costs(lv, scorer, [old_sp, new_sp]).tolist()
            if new_c > old_c + g:
                continue
            link = Bead(tuple(moved), b.tgt) if src_side else Bead(b.src, tuple(moved))
            dels = [Bead((x,), ()) if src_side else Bead((), (x,)) for x in freed]
            lo, hi = min(k, *run), max(k, *run)
            out[lo : hi + 1] = [link, *dels] if direction == 1 else [*dels, link]
    return out


def _compositions(total: int, parts: int, most: int) -> list[tuple[int, ...]]:
    if parts == 1:
        return [(total,)] if 1 <= total <= most else []
    return [
        (first, *rest)
        for first in range(1, min(most, total - parts + 1) + 1)
        for rest in _compositions(total - first, parts - 1, most)
    ]


def _reboundary(
    beads: Sequence[Bead],
    mt_text: Sequence[str],
    tgt_text: Sequence[str],
    ls: NDArray[np.float64],
    lt: NDArray[np.float64],
    ratio: float,
    p: AlignParams,
    max_bead: int,
    uncertain: Sequence[bool],
) -> list[Bead]:
    """Re-decide where the beads of a small window cut, by exact chrF of the MT of each source
    group against its target group: the DP's hashed, summed bags blur the n:m boundaries. Only
    windows of linked beads with an uncertain bead are tried (constant work each: linear)."""
    sg: dict[int, _Bag] = {}
    tg: dict[int, _Bag] = {}
    cache: dict[tuple[int, int, int, int], float] = {}
    hs: dict[tuple[int, int], _Bag] = {}
    rt: dict[tuple[int, int], _Bag] = {}

    def bag(store: dict[int, _Bag], texts: Sequence[str], k: int) -> _Bag:
        if k not in store:
            store[k] = _char_grams(texts[k])
        return store[k]

    def group(s0: int, s1: int, t0: int, t1: int) -> float:
        key = (s0, s1, t0, t1)
        if key not in cache:
            if (s0, s1) not in hs:
                hs[s0, s1] = _merge_bags([bag(sg, mt_text, k) for k in range(s0, s1)])
            if (t0, t1) not in rt:
                rt[t0, t1] = _merge_bags([bag(tg, tgt_text, k) for k in range(t0, t1)])
            f = _chrf(hs[s0, s1], rt[t0, t1])
            a, b = float(ls[s0:s1].sum()), float(lt[t0:t1].sum())
            d = (b - ratio * a) / math.sqrt(6.8 * (ratio * a + b) / 2.0 + 1.0)
            lc = p.w_len * min(d * d / 2.0, 8.0)  # _length_cost, on scalars
            cache[key] = (a + b) * (f - p.rebound_len * lc - p.rebound_merge * (s1 - s0 + t1 - t0 - 2))
        return cache[key]

    def seg_score(s0: int, t0: int, ss: Sequence[int], ts: Sequence[int]) -> float:
        tot = 0.0
        for a, b in zip(ss, ts, strict=True):
            tot += group(s0, s0 + a, t0, t0 + b)
            s0, t0 = s0 + a, t0 + b
        return tot

    out = list(beads)
    unc = list(uncertain)
    i = cleared = 0
    while i < len(out) - 1:
        if i - cleared >= 512:  # windows only move forward: keep memory constant
            cleared = i
            sg.clear()
            tg.clear()
            cache.clear()
            hs.clear()
            rt.clear()
        best: tuple[float, int, tuple[int, ...], tuple[int, ...]] | None = None
        for w in range(2, p.rebound_window + 1):
            win = out[i : i + w]
            if len(win) < w or not all(b.src and b.tgt for b in win) or not any(unc[i : i + w]):
                continue
            ns = sum(len(b.src) for b in win)
            nt = sum(len(b.tgt) for b in win)
            if ns > 4 or nt > 5:
                continue
            s0, t0 = win[0].src[0], win[0].tgt[0]
            cur_s = tuple(len(b.src) for b in win)
            cur_t = tuple(len(b.tgt) for b in win)
            cur = seg_score(s0, t0, cur_s, cur_t)
            margin = p.rebound_margin * float(ls[s0 : s0 + ns].sum() + lt[t0 : t0 + nt].sum())
            for k in range(1, min(ns, nt) + 1):
                for ss in _compositions(ns, k, max_bead):
                    for ts in _compositions(nt, k, max_bead):
                        big = any(a + b > max_bead + 2 for a, b in zip(ss, ts, strict=True))
                        if big or (ss, ts) == (cur_s, cur_t):
                            continue
                        gain = seg_score(s0, t0, ss, ts) - cur - margin
                        if gain > 0 and (best is None or gain > best[0]):
                            best = (gain, w, ss, ts)
        if best is None:
            i += 1
            continue
        _, w, ss, ts = best
        s0, t0 = out[i].src[0], out[i].tgt[0]
        new: list[Bead] = []
        for a, b in zip(ss, ts, strict=True):
            new.append(Bead(tuple(range(s0, s0 + a)), tuple(range(t0, t0 + b)), 0.0))
            s0, t0 = s0 + a, t0 + b
        out[i : i + w] = new
        unc[i : i + w] = [False] * len(new)
        i += len(new)
    return out
