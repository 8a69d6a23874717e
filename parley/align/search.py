"""Banded dynamic-programming search for the best sequence of beads (as in Vecalign).

Both texts are downsampled by two until the grid is small enough for a full search; the coarse
path, widened by ``band`` sentences, bounds the search on the next finer level, so time and
memory are linear in the document length.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from parley.align.model import Bead
from parley.align.params import AlignParams

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    Arr = NDArray[np.float32]


@dataclass(frozen=True)
class _Level:
    """One resolution of the problem: sentence (or block) vectors, lengths, paragraph starts."""

    x: Arr
    y: Arr
    ls: NDArray[np.float64]
    lt: NDArray[np.float64]
    ps: NDArray[np.bool_] | None
    pt: NDArray[np.bool_] | None
    null_s: NDArray[np.float64] | None = None
    null_t: NDArray[np.float64] | None = None
    #: how many sentences of each side a row or column sums (1: the sentences themselves)
    block: int = 1
    #: chance cosine per bead shape (see _random_cos), filled on first use: it depends on the
    #: vectors only, so every scorer of this level shares it
    chance: dict[tuple[int, int], float] = field(default_factory=lambda: _Chance(), compare=False, repr=False)

    def nulls(self) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Prefix sums of the unexplained mass per sentence, both sides."""
        import numpy as np

        def pre(v: NDArray[np.float64] | None, n: int) -> NDArray[np.float64]:
            return np.concatenate([[0.0], np.cumsum(v if v is not None else np.zeros(n))])

        return pre(self.null_s, len(self.x)), pre(self.null_t, len(self.y))

    def window(self, s0: int, s1: int, t0: int, t1: int) -> _Level:
        """Sentences ``s0 .. s1-1`` and ``t0 .. t1-1`` as a problem of their own."""

        def cut(a: NDArray[Any] | None, lo: int, hi: int) -> NDArray[Any] | None:
            return None if a is None else a[lo:hi]

        return _Level(
            self.x[s0:s1], self.y[t0:t1], self.ls[s0:s1], self.lt[t0:t1],
            cut(self.ps, s0, s1), cut(self.pt, t0, t1),
            cut(self.null_s, s0, s1), cut(self.null_t, t0, t1), self.block,
        )

    def downsample(self, k: int = 2) -> _Level:
        """Blocks of ``k`` (2 or 4) consecutive sentences summed: the next coarser level. The
        sums pair as repeated halving would ((a + b) + (c + d)), and a short last block is
        summed apart rather than by padding a copy of the whole array."""
        import numpy as np

        def fold(a: NDArray[Any]) -> NDArray[Any]:
            full = len(a) - len(a) % k

            def part(q: int, r: int) -> NDArray[Any]:
                return a[q:full:k] + a[r:full:k]  # type: ignore[no-any-return]

            out = part(0, 1) if k == 2 else part(0, 1) + part(2, 3)
            if full < len(a):
                out = np.concatenate([out, a[full:].sum(0, keepdims=True)])
            return out  # type: ignore[no-any-return]

        return _Level(
            fold(self.x), fold(self.y), fold(self.ls), fold(self.lt), None, None,
            None if self.null_s is None else fold(self.null_s),
            None if self.null_t is None else fold(self.null_t), self.block * k,
        )


def _bead_types(max_bead: int) -> list[tuple[int, int]]:
    """Deletion first, then links with at most ``max_bead`` sentences a side and
    ``max_bead + 1`` in all (1-1, 1-2, 2-1, 1-3, 3-1, 2-2 for 3)."""
    links = [
        (a, b) for a in range(1, max_bead + 1) for b in range(1, max_bead + 1)
        if a + b <= max_bead + 2
    ]
    return [(1, 0), *sorted(links, key=lambda t: (t[0] + t[1], t))]


def _gram(u: Arr, v: Arr) -> NDArray[np.float64]:
    """All dot products u[i].v[j]; small products without BLAS, whose threads would cost
    more CPU time spinning up than the product itself."""
    import numpy as np

    if len(u) * len(v) <= 250_000:
        return np.einsum("id,jd->ij", u, v, optimize=False).astype(np.float64)
    return np.asarray(u @ v.T, dtype=np.float64)


def _cumsum2(a: NDArray[np.float64]) -> NDArray[np.float64]:
    """``a.cumsum(1).cumsum(2)`` for a short second and third axis, as whole-slice additions:
    the same sums in the same order (a cumulative sum adds one element at a time), without
    numpy's inner loop per row of a (samples, 8, 8) array, which cost milliseconds a call."""
    out = a.copy()
    for q in range(1, out.shape[1]):
        out[:, q] += out[:, q - 1]
    for r in range(1, out.shape[2]):
        out[:, :, r] += out[:, :, r - 1]
    return out


def _nanmedian0(a: NDArray[np.float64]) -> NDArray[np.float64]:
    """``np.nanmedian(a, axis=0)`` for columns with at least one number, by one sort (NaN sorts
    last) instead of numpy's Python loop over columns: the mean of the middle one or two
    numbers, as numpy takes it. Short columns go to numpy, which treats them apart."""
    import numpy as np

    if a.shape[0] < 600:
        return np.nanmedian(a, axis=0)  # type: ignore[no-any-return]
    srt = np.sort(a, axis=0)
    cnt = (~np.isnan(a)).sum(0)
    cols = np.arange(a.shape[1])
    lo, hi = srt[(cnt - 1) // 2, cols], srt[cnt // 2, cols]
    return np.mean(np.stack([lo, hi]), axis=0)  # type: ignore[no-any-return]


def _chance_sample(
    lv: _Level, most_a: int, most_b: int, rng_seed: int = 7
) -> tuple[NDArray[np.int64], NDArray[np.int64], int, int]:
    """Start positions of the chance beads of every shape up to ``most_a`` x ``most_b`` (far
    from the diagonal), and the largest shape that fits the text."""
    import numpy as np

    n, m = len(lv.x), len(lv.y)
    big_a, big_b = min(most_a, n), min(most_b, m)
    na, mb = n - big_a + 1, m - big_b + 1
    rng = np.random.default_rng(rng_seed)
    k = 1500
    i = rng.integers(0, na, k)
    j = rng.integers(0, mb, k)
    far = np.abs(i / na - j / mb) >= 0.2
    if far.sum() >= 10:
        i, j = i[far], j[far]
    return i, j, big_a, big_b


def _chance_table(
    lv: _Level, i: NDArray[np.int64], j: NDArray[np.int64], big_a: int, big_b: int,
    grams: tuple[NDArray[np.float64], ...] | None = None,
    known: dict[str, NDArray[np.float64]] | None = None,
) -> NDArray[np.float64]:
    """Median cosine of the sampled beads of each shape up to ``big_a`` x ``big_b`` (entry
    ``[a-1, b-1]``). Entries of smaller shapes do not depend on the extent asked for: the
    prefix sums and each shape's median are the same over a smaller block. ``grams`` (the
    x.y, x.x and y.y products of a small text) are looked up instead of gathering vectors.
    ``known`` keeps the sample's gathered x.y products between calls, so a table asked for
    again over a bigger block computes only the new ones (the confidence's merges ask for
    6 x 6, then sometimes 8 x 6)."""
    import numpy as np

    qa, rb = np.arange(big_a), np.arange(big_b)
    if grams is not None:  # small text: all dot products at once, then look them up
        xy, xx, yy = grams
        iq, jr = i[:, None] + qa[None, :], j[:, None] + rb[None, :]
        dots = xy[iq[:, :, None], jr[:, None, :]]
        gx = xx[iq[:, :, None], iq[:, None, :]]
        gy = yy[jr[:, :, None], jr[:, None, :]]
    elif known is not None and "dots" in known:
        dots = _more_dots(lv, i, j, big_a, big_b, known["dots"])
        gx = _sample_self_dots(lv.x, None, i, big_a)
        gy = _sample_self_dots(lv.y, None, j, big_b)
    else:
        xg = lv.x[i[:, None] + qa[None, :]]
        yg = lv.y[j[:, None] + rb[None, :]]
        dots = np.einsum("kqd,krd->kqr", xg, yg, optimize=False).astype(np.float64)
        gx = _sample_self_dots(lv.x, xg, i, big_a)
        gy = _sample_self_dots(lv.y, yg, j, big_b)
    if known is not None and grams is None:
        known["dots"] = dots
    cns, cnt = lv.nulls()
    # prefix sums over the block: entry [a-1, b-1] is the sum of the first a x b dots
    dsum = _cumsum2(dots)
    nx2 = np.diagonal(_cumsum2(gx), axis1=1, axis2=2)
    ny2 = np.diagonal(_cumsum2(gy), axis1=1, axis2=2)
    nx = np.sqrt(nx2 + cns[i[:, None] + qa + 1] - cns[i][:, None])
    ny = np.sqrt(ny2 + cnt[j[:, None] + rb + 1] - cnt[j][:, None])
    denom = nx[:, :, None] * ny[:, None, :]
    with np.errstate(invalid="ignore", divide="ignore"):
        cos = np.where(denom > 0, dsum / np.where(denom > 0, denom, 1.0), np.nan)
    med = np.full((big_a, big_b), 0.0)
    some = (denom > 0).any(0)
    if some.any():
        med[some] = _nanmedian0(cos[:, some])
    return med


def _more_dots(
    lv: _Level, i: NDArray[np.int64], j: NDArray[np.int64], big_a: int, big_b: int, old: NDArray[np.float64]
) -> NDArray[np.float64]:
    """The sample's x[i+q].y[j+r] for q < ``big_a``, r < ``big_b``, those of ``old`` (a
    smaller block) kept and the others computed (einsum's kernel for one pair either way:
    the same floats as computing the whole block)."""
    import numpy as np

    a0, b0 = old.shape[1], old.shape[2]
    dots = np.empty((len(i), big_a, big_b), dtype=np.float64)
    dots[:, :a0, :b0] = old
    if big_a > a0:
        xn = lv.x[i[:, None] + np.arange(a0, big_a)[None, :]]
        yg = lv.y[j[:, None] + np.arange(big_b)[None, :]]
        dots[:, a0:, :] = np.einsum("kqd,krd->kqr", xn, yg, optimize=False)
    if big_b > b0:
        xo = lv.x[i[:, None] + np.arange(a0)[None, :]]
        yn = lv.y[j[:, None] + np.arange(b0, big_b)[None, :]]
        dots[:, :a0, b0:] = np.einsum("kqd,krd->kqr", xo, yn, optimize=False)
    return dots


def _sample_self_dots(x: Arr, xg: Arr | None, i: NDArray[np.int64], big: int) -> NDArray[np.float64]:
    """x[i+q].x[i+p] for q, p < ``big``: on a text with fewer sentences than the sampled
    ones, looked up in the dots of each sentence with its next few (einsum's kernel for one
    pair either way, and a dot product's terms add in the same order both ways round: the
    same floats) rather than computed per sample. ``xg``: the sample's vectors, gathered
    here when not given."""
    import numpy as np

    if len(x) * big > len(i) * big * big:
        if xg is None:
            xg = x[i[:, None] + np.arange(big)[None, :]]
        return np.einsum("kqd,kpd->kqp", xg, xg, optimize=False).astype(np.float64)  # type: ignore[no-any-return]
    g = _self_dots(x, big)
    q, p = np.arange(big)[:, None], np.arange(big)[None, :]
    return g[i[:, None, None] + np.minimum(q, p), np.abs(q - p)]  # type: ignore[no-any-return]


def _small_grams(lv: _Level) -> tuple[NDArray[np.float64], ...] | None:
    """All x.y, x.x and y.y dot products of a small text (None for a long one, and for a
    coarse level of more than _COARSE_GRAMS cells: only the search's shapes are asked of it,
    and its sample's dot products cost less than all of them; einsum's kernel is the same
    for one pair either way, so the same floats)."""
    if len(lv.x) + len(lv.y) > 1000 or (lv.block > 1 and len(lv.x) * len(lv.y) > _COARSE_GRAMS):
        return None
    return tuple(_gram(u, v) for u, v in ((lv.x, lv.y), (lv.x, lv.x), (lv.y, lv.y)))


#: the most cells of a coarse level whose dot products are all computed (see _small_grams)
_COARSE_GRAMS = 20_000


def _random_cos(lv: _Level, most_a: int, most_b: int, rng_seed: int = 7) -> dict[tuple[int, int], float]:
    """Typical cosine of chance concatenations of ``a`` source and ``b`` target sentences, for
    every shape up to ``most_a`` x ``most_b``: what a bead of that shape scores by chance
    (bigger bags share more n-grams by chance). Pairs near the diagonal are skipped and the
    median taken, so that the true translations in a short document do not raise the baseline.
    One sample of start positions serves every shape: the sentence vectors are gathered once
    and the shapes' dot products are sums of blocks of their pairwise dots."""
    i, j, big_a, big_b = _chance_sample(lv, most_a, most_b, rng_seed)
    med = _chance_table(lv, i, j, big_a, big_b, _small_grams(lv))
    return {(a + 1, b + 1): float(min(med[a, b], 0.99)) for a in range(big_a) for b in range(big_b)}


#: the shapes a long text's chance table fills at once past 4 x 4 (two merged beads of 3 x 3)
_MERGED = 6


class _Chance(dict[tuple[int, int], float]):
    """Chance cosine per bead shape of one level, worked out when a shape is first asked for.
    It gives what filling every shape of each sample at once (:func:`_random_cos`) gives: a
    shape takes its value from the first sample drawn whose shapes include it, and a sample is
    drawn when none does; but only the shapes asked for are computed (the merges costed for
    the confidence draw an 8 x 8 sample of which a few shapes are used, and it cost a short
    document more than its whole search)."""

    def __init__(self) -> None:
        super().__init__()
        #: (start positions, largest shape, table computed so far) per sample, in drawing order
        self.samples: list[tuple[NDArray[np.int64], NDArray[np.int64], int, int, NDArray[np.float64]]] = []
        #: per sample, its x.y products gathered so far (see _chance_table)
        self.known: list[dict[str, NDArray[np.float64]]] = []
        self.grams: tuple[NDArray[np.float64], ...] | None = None

    def shape(self, lv: _Level, a: int, b: int) -> float:
        import numpy as np

        if (a, b) in self:
            return self[(a, b)]
        if self.grams is None:
            self.grams = _small_grams(lv)
        k = next((q for q, smp in enumerate(self.samples) if a <= smp[2] and b <= smp[3]), -1)
        if k < 0:
            self.samples.append(
                (*_chance_sample(lv, *(4 if a <= 4 and b <= 4 else max(a, b, 8),) * 2), np.zeros((0, 0))))
            self.known.append({})
            if not (a <= self.samples[-1][2] and b <= self.samples[-1][3]):
                self[(a, b)] = 0.0  # a bead longer than the text: no chance sample
                return 0.0
        i, j, big_a, big_b, med = self.samples[k]
        if a > med.shape[0] or b > med.shape[1]:
            # at least the 4 x 4 shapes the search asks for, one after another, at once; on a
            # small text (dot products looked up) every shape of the sample at once: the
            # confidence asks for 4 x 5, 4 x 6, ... 7 x 7 one after another, and each table cost
            # a 40-sentence document milliseconds (the same entries: see _chance_table)
            ea, eb = min(max(a, med.shape[0], 4), big_a), min(max(b, med.shape[1], 4), big_b)
            if self.grams is not None and (ea > 4 or eb > 4):
                ea, eb = big_a, big_b
            elif ea > 4 or eb > 4:
                # a long text: the merges of two beads the confidence costs, 6 x 6 at once
                ea, eb = min(max(ea, _MERGED), big_a), min(max(eb, _MERGED), big_b)
            med = _chance_table(lv, i, j, ea, eb, self.grams, self.known[k])
            self.samples[k] = (i, j, big_a, big_b, med)
        self[(a, b)] = float(min(med[a - 1, b - 1], 0.99))
        return self[(a, b)]


@dataclass(frozen=True)
class _Scorer:
    """Turns bead sums into costs; shared by the banded search and the confidence step."""

    lv: _Level
    ratio: float
    params: AlignParams
    mus: dict[tuple[int, int], float]

    def mu(self, a: int, b: int) -> float:
        key = (a, b)
        if isinstance(self.mus, _Chance):
            return self.mus.shape(self.lv, a, b)
        if key not in self.mus:
            for shape, mu in _random_cos(self.lv, *(4 if a <= 4 and b <= 4 else max(a, b, 8),) * 2).items():
                self.mus.setdefault(shape, mu)
            if key not in self.mus:  # a bead longer than the text: no chance sample
                self.mus[key] = 0.0
        return self.mus[key]

    def link_cost(
        self,
        dot: NDArray[np.float64], ns2: NDArray[np.float64], nt2: NDArray[np.float64],
        ls: NDArray[np.float64], lt: NDArray[np.float64], size: NDArray[np.float64] | float,
        mu: NDArray[np.float64] | float,
    ) -> NDArray[np.float64]:
        """Cost of beads from their dot product, squared norms and lengths (the cosine's
        distance from chance, the length cost and the merge penalty)."""
        import numpy as np

        out = np.array(np.broadcast_arrays(dot, ns2, nt2, ls, lt, size, mu)[0], dtype=np.float64)
        return self.link_cost_cells(out, ns2, np.maximum(nt2, 0.0), ls, lt, size, mu)

    def link_cost_cells(
        self, dot: NDArray[np.float64], ns2: NDArray[np.float64], nt2_pos: NDArray[np.float64],
        ls: NDArray[np.float64], lt: NDArray[np.float64], size: NDArray[np.float64] | float,
        mu: NDArray[np.float64] | float,
    ) -> NDArray[np.float64]:
        """link_cost for one bead shape on a block of cells, ``nt2`` already clipped at 0 and
        ``dot`` free to overwrite: the same operations on the same numbers in the same order,
        in place (the search's blocks are large, and fresh arrays for every step cost more
        than the arithmetic)."""
        import numpy as np

        denom = np.maximum(ns2, 0.0) * nt2_pos
        np.sqrt(denom, out=denom)
        pos = denom > 0
        np.copyto(denom, 1.0, where=~pos)
        cos = np.divide(dot, denom, out=dot)
        np.copyto(cos, mu, where=~pos)
        sim = np.subtract(1.0, cos, out=cos)
        sim /= 1.0 - mu
        np.clip(sim, 0.0, 1.5, out=sim)
        p = self.params
        # the length cost: how far the target's length is from the source's times the ratio
        rl = self.ratio * ls
        delta = lt - rl
        den = rl + lt
        np.multiply(6.8, den, out=den)
        den /= 2.0
        den += 1.0
        np.sqrt(den, out=den)
        delta /= den
        np.multiply(delta, delta, out=delta)
        delta /= 2.0
        np.minimum(delta, 8.0, out=delta)
        delta *= p.w_len
        sim *= size / 2.0
        sim += delta
        sim += p.merge_pen * (size - 2.0)
        return sim


def _sliding(a: NDArray[np.int64], w: int, fn: Callable[..., NDArray[np.int64]]) -> NDArray[np.int64]:
    import numpy as np

    pad = np.concatenate([np.full(w, a[0]), a, np.full(w, a[-1])])
    win = np.lib.stride_tricks.sliding_window_view(pad, 2 * w + 1)
    return fn(win, axis=1)


def _band_from_path(
    beads: Sequence[Bead], n: int, m: int, width: int, factor: int = 2
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Project a path found at ``1/factor`` resolution onto the full grid and widen it."""
    import numpy as np

    lo = np.full(n + 1, m, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    ci = cj = 0
    for b in beads:
        ci2, cj2 = ci + len(b.src), cj + len(b.tgt)
        r0, r1 = min(factor * ci, n), min(factor * ci2, n)
        c0, c1 = min(factor * cj, m), min(factor * cj2, m)
        lo[r0 : r1 + 1] = np.minimum(lo[r0 : r1 + 1], c0)
        hi[r0 : r1 + 1] = np.maximum(hi[r0 : r1 + 1], c1)
        ci, cj = ci2, cj2
    lo = np.maximum(_sliding(lo, width, np.min) - width, 0)
    hi = np.minimum(_sliding(hi, width, np.max) + width, m)
    lo = np.minimum.accumulate(lo[::-1])[::-1]
    hi = np.maximum.accumulate(hi)
    lo[0] = 0
    hi[n] = m
    return lo, hi


def _band_dots(
    lv: _Level, lo: NDArray[np.int64], hi: NDArray[np.int64], maxa: int, maxb: int
) -> tuple[NDArray[np.float32], NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
    """1-1 dot products x[k].y[l] for every pair some bead in the band can contain, stored
    ragged: row k holds columns ``mlo[k] .. mlo[k] + mw[k] - 1`` from ``moff[k]`` on."""
    import numpy as np

    n, m = len(lv.x), len(lv.y)
    rows_next = np.arange(1, n + 1)
    idx_far = np.minimum(rows_next + maxa - 1, n)
    mlo = np.maximum(lo[rows_next] - maxb, 0)
    mhi = np.minimum(np.maximum.accumulate(hi)[idx_far] - 1, m - 1)
    mhi = np.maximum(mhi, mlo)
    mw = mhi - mlo + 1
    moff = np.concatenate([[0], np.cumsum(mw)])
    if n * m <= 4_000_000 and int(mw.sum()) * 2 > n * m:
        return (_gram(lv.x, lv.y).astype(np.float32).ravel(), np.zeros(n, dtype=np.int64),
                np.full(n, m, dtype=np.int64), np.arange(n + 1, dtype=np.int64) * m)
    out = np.zeros(int(moff[-1]), dtype=np.float32)
    # rows in blocks, each against the run of columns its rows reach (the band's edges only
    # move right): one product of contiguous slices, not a gather of every row's columns, and
    # the same per-pair dot products (einsum's kernel for one pair, whatever the layout)
    mhi_l, mlo_l = mhi.tolist(), mlo.tolist()
    k0 = 0
    while k0 < n:
        k1 = k0 + 1
        while k1 < n and k1 - k0 < _BAND_ROWS and (k1 - k0 + 1) * (mhi_l[k1] + 1 - mlo_l[k0]) <= _BAND_CELLS:
            k1 += 1
        c0, c1 = min(mlo_l[k0:k1]), max(mhi_l[k0:k1]) + 1
        block = np.einsum("id,jd->ij", lv.x[k0:k1], lv.y[c0:c1], optimize=False)
        ar = np.arange(c1 - c0)
        first = (mlo[k0:k1] - c0)[:, None]
        keep = (ar[None, :] >= first) & (ar[None, :] < first + mw[k0:k1, None])
        out[moff[k0] : moff[k1]] = block[keep]
        k0 = k1
    return out, mlo, mw, moff


#: rows of the band per product and cells at most (see _band_dots)
_BAND_ROWS = 16
_BAND_CELLS = 200_000


def _self_dots(x: Arr, span: int) -> NDArray[np.float64]:
    """g[k, d] = x[k] . x[k + d] for d < span (zero past the end)."""
    import numpy as np

    n = len(x)
    g = np.zeros((n, max(span, 1)), dtype=np.float64)
    for d in range(span):
        if d < n:
            g[: n - d, d] = np.einsum("kd,kd->k", x[: n - d], x[d:], optimize=False)
    return g


def _concat_norm2(g: NDArray[np.float64], end: NDArray[np.int64], size: int) -> NDArray[np.float64]:
    """|sum of x[end-size .. end-1]|^2 from the self dots."""
    tot = g[end - 1, 0].copy()
    for p in range(1, size):
        tot += g[end - 1 - p, 0]
        for q in range(p):
            tot += 2.0 * g[end - 1 - p, p - q]
    return tot


@dataclass(frozen=True)
class _Grid:
    """What the banded search needs to cost any bead ending in its band: the band's ragged
    layout, the 1-1 dot products inside it, and per bead side size the squared norm (with
    the unexplained mass) and length of the run of sentences ending at each position, plus
    prefix sums of paragraph starts. The per-size tables are computed once per search, on
    the positions of one side, rather than per bead type on every cell of every row block:
    the same numbers (the same sums in the same order), a fraction of the work."""

    lv: _Level
    lo: NDArray[np.int64]
    hi: NDArray[np.int64]
    off: NDArray[np.int64]
    scorer: _Scorer
    band: tuple[NDArray[np.float32], NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]
    #: per side, per size a: (|sum of the run of a ending before k|^2 + its null mass, its length)
    runs: tuple[dict[int, tuple[NDArray[np.float64], NDArray[np.float64]]], ...]
    para: tuple[NDArray[np.float64], NDArray[np.float64]]  # prefix sums of paragraph starts s/t
    mus: dict[tuple[int, int], float]

    @staticmethod
    def build(
        lv: _Level, lo: NDArray[np.int64], hi: NDArray[np.int64], scorer: _Scorer,
        types: list[tuple[int, int]],
    ) -> _Grid:
        import numpy as np

        n, m = len(lv.x), len(lv.y)
        maxa = max(a for a, _ in types)
        maxb = max(b for _, b in types)
        off = np.concatenate([[0], np.cumsum(hi - lo + 1)])
        cns, cnt = lv.nulls()

        def pre(v: NDArray[np.float64] | NDArray[np.bool_] | None) -> NDArray[np.float64]:
            return np.concatenate([[0.0], np.cumsum(v)]) if v is not None else np.zeros(0)

        def side(x: Arr, null: NDArray[np.float64], lengths: NDArray[np.float64], sizes: set[int]
                 ) -> dict[int, tuple[NDArray[np.float64], NDArray[np.float64]]]:
            """For each size, at each end position (clamped to the size, as the bead
            costs are: where the bead does not fit the value is masked anyway)."""
            g = _self_dots(x, max(sizes, default=1))
            cl = pre(lengths)
            out = {}
            for a in sorted(sizes):
                end = np.maximum(np.arange(len(x) + 1), a)
                out[a] = (_concat_norm2(g, end, a) + null[end] - null[end - a], cl[end] - cl[end - a])
            return out

        runs = (side(lv.x, cns, lv.ls, {a for a, b in types if b > 0 and a <= n}),
                side(lv.y, cnt, lv.lt, {b for _, b in types if b > 0 and b <= m}))
        mus = {t: scorer.mu(*t) for t in types if t[1] > 0 and t[0] <= n and t[1] <= m}
        band = _band_dots(lv, lo, hi, maxa, maxb)
        return _Grid(lv, lo, hi, off, scorer, band, runs, (pre(lv.ps), pre(lv.pt)), mus)

    def link_cost(
        self, rows: NDArray[np.int64], js: NDArray[np.int64], a: int, b: int, dot: NDArray[np.float64]
    ) -> NDArray[np.float64]:
        """Cost of the ``a``-``b`` bead ending at each cell (rows[k], js[k]), given the sum of
        its 1-1 dot products (unclipped garbage where the bead does not fit: the caller masks
        it)."""
        import numpy as np

        lv = self.lv
        m = len(lv.y)
        ii = np.maximum(rows, a)
        jj = np.minimum(np.maximum(js, b), m)  # np.clip, without its Python wrapper
        ns2, ls = (v[ii] for v in self.runs[0][a])
        nt2, lt = self.runs[1][b]
        c = self.scorer.link_cost_cells(dot, ns2, np.maximum(nt2, 0.0)[jj], ls, lt[jj], float(a + b),
                                        self.mus[(a, b)])
        if lv.ps is not None and lv.pt is not None:
            cps, cpt = self.para
            s0, t0 = ii - a, jj - b
            mism = lv.ps[s0] != lv.pt[t0]
            cross = (cps[ii] - cps[s0 + 1]) + (cpt[jj] - cpt[t0 + 1])
            c = c + self.scorer.params.para_pen * (mism + cross)
        return c  # type: ignore[no-any-return]

    def dots(
        self, rows: NDArray[np.int64], js: NDArray[np.int64], types: list[tuple[int, int]]
    ) -> dict[tuple[int, int], NDArray[np.float64]]:
        """Per bead type, the sum of the 1-1 dot products of the bead ending at each cell, added
        in the order source offset, then target offset: the sum of a-b extends that of (a-1)-b
        (``types`` lists it first) by a's last source sentence, and each 1-1 product is read
        from the band once per block, not once per type that holds it."""
        import numpy as np

        m = len(self.lv.y)
        mflat, mlo, mw, moff = self.band
        jc = np.minimum(np.maximum(js, 0), m)
        terms: dict[tuple[int, int], NDArray[np.float32]] = {}
        out: dict[tuple[int, int], NDArray[np.float64]] = {}
        for a, b in types:
            if b == 0:
                continue
            prev = out.get((a - 1, b))
            dot = np.zeros(js.shape, dtype=np.float64) if prev is None else prev.copy()
            pa = a - 1
            k = np.maximum(rows - 1 - pa, 0)
            base, low, top = moff[k], mlo[k], mw[k] - 1
            for qb in range(b):
                term = terms.get((pa, qb))
                if term is None:
                    term = terms[(pa, qb)] = mflat[base + np.minimum(np.maximum(jc - 1 - qb - low, 0), top)]
                dot += term
            out[(a, b)] = dot
        return out

    def block(
        self, r0: int, r1: int, types: list[tuple[int, int]]
    ) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
        """For the rows ``r0 .. r1-1``: per bead type and cell of those rows (ragged, in the
        band's layout from ``off[r0]``), the index of the predecessor cell (a sentinel when
        outside the band) and the bead's cost. Only the band's cells are costed: a block of
        rows padded to its widest row cost twice as much on a band of uneven width."""
        import numpy as np

        lo, hi, off = self.lo, self.hi, self.off
        n, m = len(self.lv.x), len(self.lv.y)
        sentinel = int(off[-1])
        rows = np.repeat(np.arange(r0, r1), (hi - lo + 1)[r0:r1])
        js = np.arange(off[r0], off[r1]) - off[rows] + lo[rows]
        idx = np.full((len(types), len(rows)), sentinel, dtype=np.int64)
        cost = np.zeros((len(types), len(rows)), dtype=np.float64)
        fits = [(a, b) for a, b in types if a <= n and b <= m]
        dots = self.dots(rows, js, fits)
        wid = hi - lo
        for t, (a, b) in enumerate(types):
            if a > n or b > m:
                continue
            ipc = np.maximum(rows - a, 0)
            rel = js - (lo[ipc] + b)  # the predecessor's place in its row
            ok = (rows >= a) & (rel >= 0) & (rel <= wid[ipc])
            bad = ~ok
            rel += off[ipc]
            np.copyto(rel, sentinel, where=bad)
            idx[t] = rel
            if b == 0:
                cost[t] = self.scorer.params.del_cost
            else:
                c = self.link_cost(rows, js, a, b, dots.pop((a, b)))
                np.copyto(c, np.inf, where=bad)
                cost[t] = c
        return idx, cost


def _row_blocks(off: NDArray[np.int64], n: int, budget: int) -> list[tuple[int, int]]:
    """Rows 1..n in blocks ``(r0, r1)`` whose cells fit the budget (one row at least)."""
    out = []
    off_l = off.tolist()
    r0 = 1
    while r0 <= n:
        r1 = r0 + 1
        while r1 <= n and off_l[r1 + 1] - off_l[r0] <= budget:
            r1 += 1
        out.append((r0, r1))
        r0 = r1
    return out


def _traceback(
    bp: NDArray[np.int8], off: NDArray[np.int64], lo: NDArray[np.int64], types: list[tuple[int, int]],
    n: int, m: int,
) -> list[Bead]:
    """The beads of the best path, read back from the back pointers (``len(types)`` = 0-1)."""
    beads: list[Bead] = []
    n01 = len(types)
    i, j = n, m
    while i > 0 or j > 0:
        t = int(bp[off[i] + j - lo[i]])
        if t == n01 or (i == 0):
            beads.append(Bead((), (j - 1,)))
            j -= 1
            continue
        if t < 0:
            raise RuntimeError("alignment search lost its path")  # pragma: no cover
        a, b = types[t]
        beads.append(Bead(tuple(range(i - a, i)), tuple(range(j - b, j))))
        i, j = i - a, j - b
    beads.reverse()
    return beads


def _search(
    lv: _Level, lo: NDArray[np.int64], hi: NDArray[np.int64], scorer: _Scorer,
    types: list[tuple[int, int]], progress: Callable[[int], None] | None = None,
) -> list[Bead]:
    """Banded DP over cells (i, j) = (source, target sentences consumed); row i holds the
    target window ``lo[i] .. hi[i]``, stored ragged so one wide row costs only itself. Within a
    row, 0-1 beads (target sentences left out) chain: a running minimum takes them in one step."""
    import numpy as np

    n, m = len(lv.x), len(lv.y)
    d = scorer.params.del_cost
    grid = _Grid.build(lv, lo, hi, scorer, types)
    wid = hi - lo + 1
    off = grid.off
    dp = np.full(int(off[-1]) + 1, np.inf, dtype=np.float64)
    bp = np.full(int(off[-1]), -1, dtype=np.int8)
    n01 = len(types)
    w0 = int(wid[0])
    dp[:w0] = (lo[0] + np.arange(w0)) * d
    bp[1:w0] = n01
    wid_l, off_l = wid.tolist(), off.tolist()
    steps = np.arange(int(wid.max())) * d
    for r0, r1 in _row_blocks(off, n, 1_500_000 // len(types)):
        idx, cost = grid.block(r0, r1, types)
        o0 = off_l[r0]
        # the same arithmetic as taking best = cand[argmin], run = min-accumulate(best - steps)
        # + steps and np.where on from01, in fewer numpy calls: a row of a narrow band is a few
        # hundred numbers, so the calls, not the numbers, are what the loop costs
        for row_i in range(r0, r1):
            w, o = wid_l[row_i], off_l[row_i]
            cand = dp[idx[:, o - o0 : o - o0 + w]]
            cand += cost[:, o - o0 : o - o0 + w]
            arg = cand.argmin(0)
            best = cand.min(0)
            st = steps[:w]
            run = best - st
            np.minimum.accumulate(run, out=run)
            run += st
            from01 = run < best - 1e-12
            np.copyto(best, run, where=from01)
            dp[o : o + w] = best
            np.copyto(arg, n01, where=from01)
            bp[o : o + w] = arg
        if progress is not None:
            progress(r1 - r0)
    return _traceback(bp, off, lo, types, n, m)


def _coarse_path(
    lv: _Level, scorer_for: Callable[[_Level], _Scorer], types: list[tuple[int, int]],
    params: AlignParams, factor: int = 1,
) -> tuple[list[Bead], int] | None:
    """The path one level coarser than ``lv`` and how many of ``lv``'s blocks its blocks sum,
    or None when ``lv`` is small enough to be searched in full. ``factor``: how many sentences
    a block of ``lv`` sums (the coarsest level stops at ``max_block`` sentences)."""
    n, m = len(lv.x), len(lv.y)
    if n * m <= params.full_dp_cells or min(n, m) < 16:
        return None
    step = params.coarse_step if min(n, m) >= 16 * params.coarse_step else 2
    coarse_lv = lv.downsample(step)
    return _align_level(coarse_lv, scorer_for, types, params, None, factor=step * factor), step


def _align_level(
    lv: _Level, scorer_for: Callable[[_Level], _Scorer], types: list[tuple[int, int]],
    params: AlignParams, progress: Callable[[int], None] | None,
    guide: Sequence[Bead] | None = None, factor: int = 1, guide_factor: int = 1,
) -> list[Bead]:
    """Align one level: fully when small, else inside the band of a coarser path (or of
    ``guide``, a path from an earlier pass whose blocks sum ``guide_factor`` sentences of this
    level). ``factor`` is how many sentences a block of this level sums: a short document is
    searched in full at a small grid, a long one at a grid of up to ``coarse_dp_cells`` rather
    than with blocks so big (hundreds of sentences) that every block looks like every other."""
    import numpy as np

    n, m = len(lv.x), len(lv.y)
    small = n * m <= params.full_dp_cells or (
        factor >= params.max_block and n * m <= params.coarse_dp_cells
    )
    if guide is not None and not small:
        lo, hi = _band_from_path(guide, n, m, params.band, factor=guide_factor)
    elif small or min(n, m) < 16:
        lo = np.zeros(n + 1, dtype=np.int64)
        hi = np.full(n + 1, m, dtype=np.int64)
    else:
        got = _coarse_path(lv, scorer_for, types, params, factor)
        assert got is not None
        coarse, step = got
        lo, hi = _band_from_path(coarse, n, m, params.band, factor=step)
    return _search(lv, lo, hi, scorer_for(lv), types, progress)
