"""Raw evidence for each bead: its cost against the best local alternatives.

These are the inputs of the calibrated confidence (parley/align/calibration.py) and of the
lexicon pass's choice of sure beads.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from parley.align.model import Bead
from parley.align.search import _Level, _Scorer

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    Arr = NDArray[np.float32]


def _span_costs(
    lv: _Level, scorer: _Scorer, spans: list[tuple[int, int, int, int]]
) -> NDArray[np.float64]:
    """Cost of arbitrary link beads ``(s0, s1, t0, t1)`` (both sides non-empty)."""
    return _span_costs2(lv, scorer, spans)[0]


def _span_costs2(
    lv: _Level, scorer: _Scorer, spans: list[tuple[int, int, int, int]],
    other: _Scorer | None = None, which: NDArray[np.bool_] | None = None,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """_span_costs, and the costs by ``other`` of the spans ``which`` selects from the same
    sums (summing the vectors of every span is the expensive part)."""
    import numpy as np

    if not spans:
        return np.zeros(0), np.zeros(0)
    sp = np.asarray(spans, dtype=np.int64)
    cns, cnt = lv.nulls()
    cls = np.concatenate([[0.0], np.cumsum(lv.ls)])
    clt = np.concatenate([[0.0], np.cumsum(lv.lt)])

    def sums(x: Arr, a0: NDArray[np.int64], a1: NDArray[np.int64]) -> NDArray[np.float32]:
        """The sum of the vectors of each run a0 .. a1-1, once per distinct run (spans share
        their sides: a link and its shrinks, a link and its merge): the same additions in
        the same order, so the same floats."""
        inv = None
        if len(a0) > 64:  # (a few spans: not worth it)
            uniq, inv = np.unique(a0 * (len(x) + 1) + a1, return_inverse=True)
            a0, a1 = uniq // (len(x) + 1), uniq % (len(x) + 1)
        out = np.zeros((len(a0), x.shape[1]), dtype=np.float32)
        for k in range(int((a1 - a0).max())):
            take = a0 + k < a1
            out[take] += x[(a0 + k)[take]]
        return out if inv is None else out[inv.ravel()]

    out = np.zeros(len(sp))
    pick = np.zeros(len(sp), dtype=bool) if which is None or other is None else which
    out2: list[NDArray[np.float64]] = []
    for c0 in range(0, len(sp), 4096):
        s0, s1, t0, t1 = sp[c0 : c0 + 4096].T
        xs = sums(lv.x, s0, s1)
        yt = sums(lv.y, t0, t1)
        dot = np.einsum("kd,kd->k", xs, yt).astype(np.float64)
        size = (s1 - s0 + t1 - t0).astype(np.float64)
        shapes = (s1 - s0) * 64 + (t1 - t0)
        mu = np.zeros(len(shapes))
        for shape in np.unique(shapes).tolist():
            mu[shapes == shape] = scorer.mu(shape // 64, shape % 64)
        terms = (dot, np.einsum("kd,kd->k", xs, xs) + cns[s1] - cns[s0],
                 np.einsum("kd,kd->k", yt, yt) + cnt[t1] - cnt[t0],
                 cls[s1] - cls[s0], clt[t1] - clt[t0], size, mu)
        out[c0 : c0 + 4096] = scorer.link_cost(*terms)
        mk = pick[c0 : c0 + 4096]
        if other is not None and mk.any():
            out2.append(other.link_cost(*(v[mk] for v in terms)))
    return out, np.concatenate(out2) if out2 else np.zeros(0)


def _confidences(lv: _Level, scorer: _Scorer, beads: Sequence[Bead]) -> list[float]:
    """The raw confidence (margin times distance from chance), used to pick lexicon beads."""
    return _confidence_features(lv, scorer, beads)[0]


def _alternative_spans(
    beads: Sequence[Bead],
) -> tuple[list[tuple[int, int, int, int]], list[tuple[int, int]]]:
    """The spans to cost for each bead, with their ``(bead, role)``: role 0 the bead itself,
    1-4 the link shrunk by one sentence at either end of either side, 5/6 a left-out sentence
    attached to the link before/after it and 7/8 that link alone, 10 the bead merged with the
    next one (is the boundary between them sure?)."""
    spans: list[tuple[int, int, int, int]] = []
    owner: list[tuple[int, int]] = []

    def add(k: int, role: int, s0: int, s1: int, t0: int, t1: int) -> None:
        if s1 > s0 and t1 > t0:
            spans.append((s0, s1, t0, t1))
            owner.append((k, role))

    pos: list[tuple[int, int]] = []
    i = j = 0
    for b in beads:
        pos.append((i, j))
        i += len(b.src)
        j += len(b.tgt)
    for k, b in enumerate(beads):
        i, j = pos[k]
        a, bb = len(b.src), len(b.tgt)
        if a and bb:
            add(k, 0, i, i + a, j, j + bb)
            if a > 1:
                add(k, 1, i + 1, i + a, j, j + bb)
                add(k, 2, i, i + a - 1, j, j + bb)
            if bb > 1:
                add(k, 3, i, i + a, j + 1, j + bb)
                add(k, 4, i, i + a, j, j + bb - 1)
        else:
            for nb in (k - 1, k + 1):
                if 0 <= nb < len(beads) and beads[nb].is_link:
                    ni, nj = pos[nb]
                    na, nbb = len(beads[nb].src), len(beads[nb].tgt)
                    add(k, 5 + (nb > k), min(ni, i), max(ni + na, i + a), min(nj, j), max(nj + nbb, j + bb))
                    add(k, 7 + (nb > k), ni, ni + na, nj, nj + nbb)
        if k + 1 < len(beads):
            nxt = beads[k + 1]
            add(k, 10, i, i + a + len(nxt.src), j, j + bb + len(nxt.tgt))
    return spans, owner


def _costs_and_own_similarity(
    lv: _Level, scorer: _Scorer, spans: list[tuple[int, int, int, int]], owner: Sequence[tuple[int, int]],
    memo: dict[tuple[int, int, int, int], list[float]] | None = None,
) -> tuple[NDArray[np.float64], dict[int, float]]:
    """The spans' costs and, per link, its similarity cost per sentence alone (no length,
    merge or paragraph cost), from one summing of the spans' vectors. ``memo`` keeps both
    costs of each span between calls on one level (each span's costs are worked out on their
    own, so a span scored before is not summed again: the confidences after the boundary
    passes share most spans with those before)."""
    import numpy as np

    p = scorer.params
    bare = _Scorer(lv, scorer.ratio, replace(p, w_len=0.0, merge_pen=0.0, para_pen=0.0), scorer.mus)
    own = np.asarray([role == 0 for _, role in owner], dtype=bool)
    if not memo:  # the first call: the spans as they come, then remembered
        costs, bare_costs = _span_costs2(lv, scorer, spans, bare, own)
        own_spans = [sp for sp, o in zip(spans, own.tolist(), strict=True) if o]
        if memo is not None:
            memo.update(zip(spans, ([c] for c in costs.tolist()), strict=True))
            for sp, b in zip(own_spans, bare_costs.tolist(), strict=True):
                memo[sp] = [memo[sp][0], b]
    else:
        costs, bare_costs, own_spans = _remembered_costs(lv, scorer, bare, spans, own.tolist(), memo)
    own_sim = bare_costs * 2.0 / np.asarray(
        [s1 - s0 + t1 - t0 for s0, s1, t0, t1 in own_spans] or [1], dtype=np.float64
    )[: len(own_spans)]
    own_keys = [k for k, role in owner if role == 0]
    return costs, dict(zip(own_keys, own_sim.tolist(), strict=True))


def _remembered_costs(
    lv: _Level, scorer: _Scorer, bare: _Scorer, spans: list[tuple[int, int, int, int]], own_l: list[bool],
    memo: dict[tuple[int, int, int, int], list[float]],
) -> tuple[NDArray[np.float64], NDArray[np.float64], list[tuple[int, int, int, int]]]:
    """The costs (and bare costs of the ``own_l`` spans) of spans, the new ones summed."""
    import numpy as np

    need: dict[tuple[int, int, int, int], bool] = {}
    for sp, o in zip(spans, own_l, strict=True):
        got = memo.get(sp)
        if got is None or (o and len(got) < 2):
            need[sp] = need.get(sp, False) or o
    if need:
        todo = list(need)
        costs, bare_costs = _span_costs2(lv, scorer, todo, bare, np.asarray(list(need.values()), dtype=bool))
        bare_l = iter(bare_costs.tolist())
        for sp, c in zip(todo, costs.tolist(), strict=True):
            memo[sp] = [c, next(bare_l)] if need[sp] else memo.get(sp, [c])
    costs = np.asarray([memo[sp][0] for sp in spans], dtype=np.float64)
    own_spans = [sp for sp, o in zip(spans, own_l, strict=True) if o]
    return costs, np.asarray([memo[sp][1] for sp in own_spans], dtype=np.float64), own_spans


def _squash(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _margin(k: int, b: Bead, table: dict[tuple[int, int], float], d: float) -> float:
    """How much more the best local alternative costs than the bead: for a link leaving its
    sentences out or shrinking it by one; for a left-out sentence attaching it to a neighbour."""
    a, bb = len(b.src), len(b.tgt)
    if a and bb:
        alts = [(a + bb) * d] + [table[(k, role)] + d for role in (1, 2, 3, 4) if (k, role) in table]
        return min(alts) - table[(k, 0)]
    alts = [table[(k, 5 + side)] - table[(k, 7 + side)] for side in (0, 1) if (k, 5 + side) in table]
    return (min(alts) - d) if alts else 2 * d


def _confidence_features(
    lv: _Level, scorer: _Scorer, beads: Sequence[Bead],
    memo: dict[tuple[int, int, int, int], list[float]] | None = None,
) -> tuple[list[float], list[tuple[float, float, float, float]]]:
    """Raw confidences and, per bead, ``(margin, sim, length cost, seam)``: the margin over the
    best local alternative, the similarity cost per sentence (0 identical, 1 chance; 1 for
    deletions), the length cost, and how much merging it with a neighbour would cost more
    (boundary errors), the inputs of the calibrated confidence."""
    p = scorer.params
    d = p.del_cost
    spans, owner = _alternative_spans(beads)
    costs, sim_of = _costs_and_own_similarity(lv, scorer, spans, owner, memo)
    table: dict[tuple[int, int], float] = dict(zip(owner, costs.tolist(), strict=True))

    def alone(k: int) -> float:
        b = beads[k]
        return table[(k, 0)] if b.is_link else d * (len(b.src) + len(b.tgt))

    # how much more the merge of bead k with bead k + 1 costs than the two apart
    seam = [
        table[(k, 10)] - alone(k) - alone(k + 1) if (k, 10) in table else 2.0
        for k in range(len(beads))
    ]
    out: list[float] = []
    feats: list[tuple[float, float, float, float]] = []
    for k, b in enumerate(beads):
        n_sent = len(b.src) + len(b.tgt)
        margin = _margin(k, b, table, d)
        if b.src and b.tgt:
            sim = sim_of[k]
            # a link no better than chance is not trusted, whatever the alternatives
            chance = _squash((p.conf_sim_mid - sim) / p.conf_sim_scale)
            lcost = table[(k, 0)] - n_sent / 2.0 * sim - p.merge_pen * (n_sent - 2)
        else:
            chance, sim, lcost = 1.0, 1.0, 0.0
        out.append(chance * _squash((margin - p.conf_offset) / p.conf_scale))
        feats.append((margin, sim, lcost, min(seam[k], seam[k - 1] if k else 2.0)))
    return out, feats
