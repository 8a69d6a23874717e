"""Calibrated bead confidence: the probability that a bead is exactly right.

The aligner's raw evidence for a bead (its margin over the best local alternative, its
similarity relative to chance, its length cost) is not a probability: without MT a correct
link with no shared anchors ("Dear friends, colleagues," / "Уважаемые друзья, коллеги!") has a
small margin although, sandwiched between sure links, it is almost certainly right. So the
confidence is a logistic regression on a few features of the bead *and of its neighbours*,
one small model for links and one for deletions (1-0/0-1: how sure we are that the sentence
has no counterpart), each for the MT and the no-MT evidence. The coefficients were fitted by
``python -m bench.align DATA --fit`` on Text+Berg dev (de-fr, every MT file and none) and
ParIce (en-is, 10 documents) against their gold beads (label: the bead is in the gold
exactly), and checked on the seed speech (en-ru), which was not used for fitting.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import pairwise

from parley.align.model import Bead

# feature columns (see bead_features)
FEATURES = (
    "link", "margin", "sim", "length", "ctx_sim", "ctx_margin", "merged", "seam", "odd_nb", "run",
)
LINK_COLS = (1, 2, 3, 4, 5, 6, 7, 8)
DELETION_COLS = (1, 4, 5, 7, 8, 9)

# (intercept, one weight per column); fitted by bench/align.py --fit
COEF: dict[tuple[bool, bool], tuple[float, ...]] = {
    # (mt, link): intercept, then the weights of LINK_COLS or DELETION_COLS
    (False, True): (2.45, 2.45, -0.851, -2.67, -8.618, 4.504, 0.076, 3.081, -1.141),
    (False, False): (-2.094, 0.093, 0.493, -0.808, 0.13, -0.483, 1.179),
    (True, True): (1.205, 1.665, -0.679, -1.184, -4.959, 2.038, -0.551, 1.278, -1.068),
    (True, False): (-5.852, 0.523, 0.119, -0.346, 0.585, 0.207, 2.067),
}


def _clip(x: float, lo: float, hi: float) -> float:
    return max(lo, min(hi, x))


def bead_features(
    beads: Sequence[Bead], raw: Sequence[tuple[float, float, float, float]], window: int = 3
) -> list[tuple[float, ...]]:
    """Per bead: link?, margin, similarity cost, length cost (clipped), and the mean similarity
    cost and margin of the links within ``window`` beads on each side (a bead between sure
    links is itself likely right), whether it is a merge (n:m with n + m > 2), and the seam:
    how much merging it with a neighbour would cost more (most errors are n:m boundaries), and
    the share of its two neighbours that are not 1-1 (errors cluster around big beads); for
    a left-out sentence, log2 of the length of its run of left-out sentences (a block of
    boilerplate is surer than a stray sentence)."""
    n = len(beads)
    margins = [_clip(r[0], -1.0, 2.0) for r in raw]
    sims = [_clip(r[1], 0.0, 1.5) for r in raw]
    runs = [0] * n  # length of the run of left-out sentences a bead belongs to
    k = 0
    while k < n:
        q = k
        while q < n and not beads[q].is_link:
            q += 1
        for r in range(k, q):
            runs[r] = q - k
        k = q + 1 if q == k else q
    out: list[tuple[float, ...]] = []
    for k, b in enumerate(beads):
        near = [
            q for q in range(max(0, k - window), min(n, k + window + 1))
            if q != k and beads[q].is_link
        ]
        ctx_sim = sum(sims[q] for q in near) / len(near) if near else 1.0
        ctx_margin = sum(margins[q] for q in near) / len(near) if near else 0.0
        out.append((
            float(b.is_link), margins[k], sims[k], _clip(raw[k][2], 0.0, 2.0), ctx_sim,
            ctx_margin, float(len(b.src) + len(b.tgt) > 2), _clip(raw[k][3], -1.0, 2.0),
            sum(beads[q].kind != "1-1" for q in (k - 1, k + 1) if 0 <= q < n) / 2.0,
            math.log2(runs[k]) if not b.is_link else 0.0,
        ))
    return out


def _design(row: Sequence[float], link: bool) -> list[float]:
    return [1.0, *(row[c] for c in (LINK_COLS if link else DELETION_COLS))]


def calibrate(
    table: Sequence[Sequence[float]], *, mt: bool,
    coef: dict[tuple[bool, bool], tuple[float, ...]] | None = None,
) -> list[float]:
    """Probabilities from :func:`bead_features` rows."""
    cf = coef or COEF
    out: list[float] = []
    for row in table:
        link = bool(row[0])
        w = cf[(mt, link)]
        z = sum(wi * xi for wi, xi in zip(w, _design(row, link), strict=True))
        out.append(1.0 / (1.0 + math.exp(-_clip(z, -30.0, 30.0))))
    return out


def fit(
    table: Sequence[Sequence[float]], labels: Sequence[bool], *, link: bool, l2: float = 1.0,
    weights: Sequence[float] | None = None,
) -> tuple[float, ...]:
    """Weighted L2-regularised logistic regression by Newton's method (rows of one kind)."""
    import numpy as np

    rows = [r for r in table if bool(r[0]) == link]
    ys = np.asarray([y for r, y in zip(table, labels, strict=True) if bool(r[0]) == link], dtype=float)
    ws = np.asarray(
        [w for r, w in zip(table, weights or [1.0] * len(table), strict=True) if bool(r[0]) == link],
        dtype=float,
    )
    x = np.asarray([_design(r, link) for r in rows], dtype=float)
    if not len(x):
        return tuple([0.0] * (1 + len(LINK_COLS if link else DELETION_COLS)))
    beta = np.zeros(x.shape[1])
    reg = np.full(x.shape[1], l2)
    reg[0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ beta, -30, 30)))
        grad = x.T @ (ws * (p - ys)) + reg * beta
        hess = (x * (ws * p * (1 - p))[:, None]).T @ x + np.diag(reg + 1e-9)
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return tuple(round(float(v), 3) for v in beta)


def reliability(
    conf: Sequence[float], right: Sequence[bool], edges: Sequence[float] = (0.0, 0.2, 0.5, 0.8, 0.9, 1.0001)
) -> list[tuple[str, int, float]]:
    """(bin, beads, share exactly right) per confidence bin."""
    out: list[tuple[str, int, float]] = []
    for lo, hi in pairwise(edges):
        got = [r for c, r in zip(conf, right, strict=True) if lo <= c < hi]
        out.append((f"{lo:.1f}-{min(hi, 1.0):.1f}", len(got), sum(got) / len(got) if got else float("nan")))
    return out
