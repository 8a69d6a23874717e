"""Exact sentence chrF (beta 2, character 1-6-grams) on hashed gram bags, for the boundary pass."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    # a gram bag: sorted unique keys, their counts, grams per order
    _Bag = tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]



_CHRF_N = 6
_CHRF_BETA2 = 4.0  # chrF beta = 2


def _char_grams(text: str) -> _Bag:
    """Character 1..6-grams of the text without spaces (as sacrebleu's chrF counts them): sorted
    unique keys (the order in the top bits, a 58-bit hash below), their counts, and the number
    of grams of each order."""
    import numpy as np

    t = text.replace(" ", "")
    parts = _gram_keys(t, min(_CHRF_N, len(t)))
    if not parts:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(_CHRF_N + 1, np.int64)
    # np.unique(return_counts=True) by hand: the same sort, without its Python-level overhead
    # (the boundary pass makes bags of thousands of sentences)
    k = np.sort(np.concatenate(parts))
    first = np.flatnonzero(np.concatenate([[True], k[1:] != k[:-1]]))
    per = np.maximum(len(t) - np.arange(_CHRF_N + 1) + 1, 0)
    per[0] = 0
    return k[first], np.diff(np.append(first, len(k))), per


_HASH58 = (1 << 58) - 1
_HASH_MUL = 1_000_003


def _gram_keys(text: str, top: int) -> list[NDArray[np.int64]]:
    """For n = 1..top, the key of the n-gram starting at each position of ``text`` (the order
    in the top bits, a 58-bit rolling polynomial hash below, wrapping mod 2^64)."""
    import numpy as np

    cp = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    parts = []
    h = np.zeros(len(cp), dtype=np.int64)
    with np.errstate(over="ignore"):
        for n in range(1, top + 1):
            h = h[: len(cp) - n + 1] * _HASH_MUL + cp[n - 1 :]
            parts.append((h & _HASH58) | (n << 58))
    return parts


#: an odd multiplier: keys times it modulo 2**61 are the same keys permuted, with the
#: small ones (1- and 2-grams hash to their characters' codes) spread over the high bits
_MIX = 0x1D8E4E27C47D124F
_MASK61 = (1 << 61) - 1


def _sorted_runs(k: NDArray[np.int64]) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.bool_]]:
    """For keys below 2**61: an order that groups equal keys (ascending by their mixed
    values, see _MIX), the mixed keys in that order and where each run of equal keys
    starts. The sort is a plain sort of each mixed key's high bits with its position below
    them (several times faster than an argsort); when two different keys share their high
    bits (a run of equal high bits holds a change of key) the exact argsort is taken."""
    import numpy as np

    with np.errstate(over="ignore"):
        mixed = (k * _MIX) & _MASK61
    pb = max(1, len(k).bit_length())
    packed = ((mixed >> max(0, pb - 2)) << pb) | np.arange(len(k))
    packed.sort()
    perm = packed & ((1 << pb) - 1)
    srt = mixed[perm]
    new = np.empty(len(k), dtype=bool)
    new[0] = True
    np.not_equal(srt[1:], srt[:-1], out=new[1:])
    packed >>= pb
    if np.any(new[1:] & (packed[1:] == packed[:-1])):
        perm = np.argsort(mixed)
        srt = mixed[perm]
        np.not_equal(srt[1:], srt[:-1], out=new[1:])
    return perm, srt, new


def _chrf(
    hyp: _Bag,
    ref: _Bag,
) -> float:
    """Sentence chrF (beta 2, orders 1..6, averaged precision and recall) of two gram bags."""
    import numpy as np

    if not len(hyp[0]) or not len(ref[0]):
        return 0.0
    ir = np.minimum(np.searchsorted(ref[0], hyp[0]), len(ref[0]) - 1)
    hit = ref[0][ir] == hyp[0]
    match = np.minimum(hyp[1][hit], ref[1][ir[hit]])
    mn = np.bincount(hyp[0][hit] >> 58, weights=match, minlength=_CHRF_N + 1).tolist()
    return _chrf_counts(mn, hyp[2].tolist(), ref[2].tolist())


class _Grams:
    """Character 1..6-grams of sentences (the keys of ``_char_grams``) as dense ids, so that
    the boundary pass scores all the groups of a window in a few numpy calls on the grams
    both sides share (``matches``) instead of merging and searching sorted bags per group:
    the same counts, an order of magnitude fewer calls. Sentences are added in batches (one
    hash and one sort per batch); marks and local numbers live in arrays indexed by id."""

    def __init__(self) -> None:
        import numpy as np

        # the keys seen, in sorted runs, each with its keys' ids: a batch's new keys make a
        # run of their own, merged with the runs before it only once it is as long as they
        # are (merging every batch into one sorted table copied the whole table each time)
        self.runs: list[tuple[NDArray[np.int64], NDArray[np.int64]]] = []
        self.order = np.zeros(0, np.int64)  # the gram order (1..6) of each id
        # two marks and a local number per id (or more): small types, as a window's ids are
        # read and written all over them (twice as many ids fit in the cache as with int64)
        self.marks = np.zeros((2, 0), np.int16)
        self.local = np.zeros(0, np.int32)
        self.stamp = 0

    def add(self, texts: Sequence[str]) -> list[NDArray[np.int64]]:
        """The gram ids of each text (repeated grams repeated), as ``_char_grams`` counts
        them (spaces removed)."""
        import numpy as np

        ts = [t.replace(" ", "") for t in texts]
        lens = [len(t) for t in ts]
        total = sum(lens)
        if not total:
            return [np.zeros(0, np.int64) for _ in ts]
        room = np.repeat(np.cumsum(lens), lens) - np.arange(total)  # characters left in its text
        # the n-gram starting at each position in column n - 1 (those that run past their
        # text are masked below): read row by row, the grams of each text come together (the
        # order within a text does not matter to ``matches``)
        grid = np.empty((total, _CHRF_N), dtype=np.int64)
        top = min(_CHRF_N, max(lens))
        for n, keys in enumerate(_gram_keys("".join(ts), top), start=1):
            grid[: total - n + 1, n - 1] = keys
        k = grid[:, :top][room[:, None] > np.arange(top)]
        # distinct keys and each gram's id: np.unique(return_inverse) by hand, the ids put
        # back in place from the sorted order in one pass
        perm, srt, new = _sorted_runs(k)
        first = perm[new]
        ids = np.empty(len(k), dtype=np.int64)
        ids[perm] = self._ids(srt[new], k[first] >> 58)[np.cumsum(new) - 1]
        per = np.minimum(np.asarray(lens), top)  # grams of a text of n characters, n >= top
        counts = np.asarray(lens) * per - per * (per - 1) // 2
        at = np.concatenate([[0], np.cumsum(counts)]).tolist()
        return [ids[at[j] : at[j + 1]] for j in range(len(ts))]

    def _ids(self, uniq: NDArray[np.int64], order: NDArray[np.int64]) -> NDArray[np.int64]:
        """The ids of sorted distinct (mixed) keys, numbering the new ones; ``order``: their
        grams' orders."""
        import numpy as np

        out = np.full(len(uniq), -1, dtype=np.int64)
        for keys, ids in self.runs:
            pos = np.minimum(np.searchsorted(keys, uniq), len(keys) - 1)
            hit = keys[pos] == uniq
            out[hit] = ids[pos[hit]]
        fresh = out < 0
        count = int(np.count_nonzero(fresh))
        if count:
            out[fresh] = np.arange(len(self.order), len(self.order) + count)
            self.runs.append((uniq[fresh], out[fresh]))
            self.order = np.concatenate([self.order, order[fresh]])
            while len(self.runs) > 1 and len(self.runs[-1][0]) * 2 >= len(self.runs[-2][0]):
                (k1, i1), (k2, i2) = self.runs.pop(), self.runs.pop()
                keys = np.concatenate([k2, k1])
                srt = np.argsort(keys)
                self.runs.append((keys[srt], np.concatenate([i2, i1])[srt]))
        return out

    def matches(
        self, hyp: Sequence[NDArray[np.int64]], ref: Sequence[NDArray[np.int64]],
        spans: Sequence[tuple[int, int, int, int]],
    ) -> list[list[float]]:
        """Per span, the grams per order (index 0 unused) that the hypothesis group
        ``hyp[s0:s1]`` and the reference group ``ref[t0:t1]`` share. Only the grams both
        sides hold get a column; a group's counts are a difference of prefix sums over its
        sentences, its matches the sum of the minimum per order. Whole numbers throughout,
        exact: the figures of _chrf on the groups' merged bags."""
        import numpy as np

        nh = len(hyp)
        g = np.concatenate([*hyp, *ref])
        cut = sum(len(x) for x in hyp)
        if not cut or cut == len(g):
            return [[0.0] * (_CHRF_N + 1) for _ in spans]
        row = np.repeat(np.arange(nh + len(ref)), [len(x) for x in (*hyp, *ref)])
        if len(self.local) < len(self.order) or self.stamp == np.iinfo(np.int16).max:
            # what a call leaves in the scratch is never read by the next (the marks compare
            # to a new stamp, local numbers are written first): fresh zeros, not a copy
            size = max(len(self.local), 2 * len(self.order))
            self.marks, self.local = np.zeros((2, size), np.int16), np.zeros(size, np.int32)
            self.stamp = 0
        self.stamp += 1
        (mark_h, mark_r), local = self.marks, self.local
        mark_h[g[:cut]] = self.stamp
        mark_r[g[cut:]] = self.stamp
        # a hypothesis gram the reference holds, and the other way round
        keep = np.concatenate([mark_r[g[:cut]] == self.stamp, mark_h[g[cut:]] == self.stamp])
        g, row = g[keep], row[keep]
        if not len(g):
            return [[0.0] * (_CHRF_N + 1) for _ in spans]
        at = np.arange(len(g))
        local[g] = at  # one of each id's places, whichever write wins
        cols = g[local[g] == at]  # so each shared id once
        c = len(cols)
        local[cols] = at[:c]
        pre = np.zeros((nh + len(ref) + 1, c))
        np.cumsum(np.bincount(row * c + local[g], minlength=(nh + len(ref)) * c).reshape(-1, c), axis=0,
                  out=pre[1:])
        # each side's counts once per distinct run of sentences (a batch's spans share them)
        runs: tuple[dict[tuple[int, int], int], dict[tuple[int, int], int]] = ({}, {})
        hs, rs = runs
        pick = [(hs.setdefault((a, b), len(hs)), rs.setdefault((nh + c0, nh + d), len(rs)))
                for a, b, c0, d in spans]
        hr, rr = (np.asarray(list(r), dtype=np.intp).reshape(-1, 2) for r in runs)
        ih, ir = np.asarray(pick, dtype=np.intp).T
        low = np.minimum((pre[hr[:, 1]] - pre[hr[:, 0]])[ih], (pre[rr[:, 1]] - pre[rr[:, 0]])[ir])
        onehot = np.zeros((c, _CHRF_N + 1))
        onehot[np.arange(c), self.order[cols]] = 1.0
        out: list[list[float]] = (low @ onehot).tolist()
        return out


def _chrf_counts(mn: Sequence[float], hn: Sequence[int], rn: Sequence[int]) -> float:
    """chrF from matching grams, hypothesis grams and reference grams per order (index 0
    unused): the arithmetic of _chrf, so that both give the same float."""
    prec = rec = 0.0
    k = 0
    for n in range(1, _CHRF_N + 1):
        if hn[n] and rn[n]:
            prec += mn[n] / hn[n]
            rec += mn[n] / rn[n]
            k += 1
    if not k:
        return 0.0
    prec, rec = prec / k, rec / k
    if not prec or not rec:
        return 0.0
    return (1 + _CHRF_BETA2) * prec * rec / (_CHRF_BETA2 * prec + rec)
