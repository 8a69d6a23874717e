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
from typing import TYPE_CHECKING

from parley.align.model import Bead

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

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
    boilerplate is surer than a stray sentence).

    Columns at a time in numpy (a Python loop per bead and neighbour cost seconds at 100k
    beads), with the neighbours' sums taken in the same order as a loop would: a neighbour
    that does not count adds 0.0, which changes no sum."""
    import numpy as np

    n = len(beads)
    if not n:
        return []
    rw = np.asarray(raw, dtype=np.float64).reshape(n, 4)
    margins = np.clip(rw[:, 0], -1.0, 2.0)
    sims = np.clip(rw[:, 1], 0.0, 1.5)
    ns = np.fromiter((len(b.src) for b in beads), dtype=np.int64, count=n)
    nt = np.fromiter((len(b.tgt) for b in beads), dtype=np.int64, count=n)
    link = (ns > 0) & (nt > 0)
    odd = ~((ns == 1) & (nt == 1))
    ctx_sim, ctx_margin = np.zeros(n), np.zeros(n)
    near = np.zeros(n, dtype=np.int64)
    odd_nb = np.zeros(n, dtype=np.int64)
    for d in [*range(-window, 0), *range(1, window + 1)]:
        lo, hi = max(0, -d), min(n, n - d)  # beads k whose neighbour k + d exists
        if lo >= hi:
            continue
        take = link[lo + d : hi + d]
        ctx_sim[lo:hi] += np.where(take, sims[lo + d : hi + d], 0.0)
        ctx_margin[lo:hi] += np.where(take, margins[lo + d : hi + d], 0.0)
        near[lo:hi] += take
        if abs(d) == 1:
            odd_nb[lo:hi] += odd[lo + d : hi + d]
    some = near > 0
    ctx_sim = np.where(some, ctx_sim / np.maximum(near, 1), 1.0)
    ctx_margin = np.where(some, ctx_margin / np.maximum(near, 1), 0.0)
    run = np.zeros(n)
    run[~link] = [math.log2(r) for r in _deletion_runs(link)]
    cols = (
        link.astype(np.float64), margins, sims, np.clip(rw[:, 2], 0.0, 2.0), ctx_sim, ctx_margin,
        (ns + nt > 2).astype(np.float64), np.clip(rw[:, 3], -1.0, 2.0), odd_nb / 2.0, run,
    )
    return list(zip(*(c.tolist() for c in cols), strict=True))


def _deletion_runs(link: NDArray[np.bool_]) -> list[int]:
    """For each left-out bead, in order, the length of the run of left-out beads it is in."""
    import numpy as np

    dele = np.concatenate([[False], ~link, [False]])
    edges = np.flatnonzero(dele[1:] != dele[:-1])
    lengths = edges[1::2] - edges[::2]
    return np.repeat(lengths, lengths).tolist()  # type: ignore[no-any-return]


def _design(row: Sequence[float], link: bool) -> list[float]:
    return [1.0, *(row[c] for c in (LINK_COLS if link else DELETION_COLS))]


def calibrate(
    table: Sequence[Sequence[float]], *, mt: bool,
    coef: dict[tuple[bool, bool], tuple[float, ...]] | None = None,
) -> list[float]:
    """Probabilities from :func:`bead_features` rows."""
    import numpy as np

    cf = coef or COEF
    if not len(table):
        return []
    arr = np.asarray(table, dtype=np.float64)
    link = arr[:, 0].astype(bool)
    z = np.zeros(len(arr))
    for kind, cols in ((True, LINK_COLS), (False, DELETION_COLS)):
        rows = link == kind
        if not rows.any():
            continue
        w = cf[(mt, kind)]
        if len(w) != 1 + len(cols):
            raise ValueError(f"{len(w)} coefficients for {len(cols)} features and an intercept")
        # the weighted sum column by column, in the order of a sum over the row: same numbers
        acc = np.zeros(int(rows.sum())) + w[0] * 1.0
        for wi, c in zip(w[1:], cols, strict=True):
            acc = acc + wi * arr[rows, c]
        z[rows] = acc
    return [1.0 / (1.0 + math.exp(-_clip(v, -30.0, 30.0))) for v in z.tolist()]


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
