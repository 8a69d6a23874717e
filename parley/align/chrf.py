"""Exact sentence chrF (beta 2, character 1-6-grams) on hashed gram bags, for the boundary pass."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    # a gram bag: sorted unique keys, their counts, grams per order
    _Bag = tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]
    # a sentence's gram ids (see _Grams) and its grams per order (index 0 unused)
    _Sent = tuple[NDArray[np.int64], list[int]]



_CHRF_N = 6
_CHRF_BETA2 = 4.0  # chrF beta = 2


def _char_grams(text: str) -> _Bag:
    """Character 1..6-grams of the text without spaces (as sacrebleu's chrF counts them): sorted
    unique keys (the order in the top bits, a 58-bit hash below), their counts, and the number
    of grams of each order."""
    import numpy as np

    t = text.replace(" ", "")
    cp = np.frombuffer(t.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    parts = []
    h = np.zeros(len(cp), dtype=np.int64)
    with np.errstate(over="ignore"):
        for n in range(1, min(_CHRF_N, len(cp)) + 1):
            # rolling polynomial hash of the n-gram starting at each position (wraps mod 2^64)
            h = h[: len(cp) - n + 1] * _HASH_MUL + cp[n - 1 :]
            parts.append((h & _HASH58) | (n << 58))
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

        self.keys = np.zeros(0, np.int64)  # sorted keys of the ids seen
        self.ids = np.zeros(0, np.int64)  # the id of each key in self.keys
        self.order = np.zeros(0, np.int64)  # the gram order (1..6) of each id
        self.scratch = np.zeros((3, 0), np.int64)  # two marks and a local number per id
        self.stamp = 0

    def add(self, texts: Sequence[str]) -> list[_Sent]:
        """The gram ids of each text (repeated grams repeated) and its grams per order
        (index 0 unused), as ``_char_grams`` counts them (spaces removed)."""
        import numpy as np

        ts = [t.replace(" ", "") for t in texts]
        lens = [len(t) for t in ts]
        pers = [[0] + [max(n_ - k + 1, 0) for k in range(1, _CHRF_N + 1)] for n_ in lens]
        total = sum(lens)
        if not total:
            return [(np.zeros(0, np.int64), per) for per in pers]
        cp = np.frombuffer("".join(ts).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
        sent = np.repeat(np.arange(len(ts)), lens)
        room = np.repeat(np.cumsum(lens), lens) - np.arange(total)  # characters left in its text
        keys, rows = [], []
        h = np.zeros(total, dtype=np.int64)
        with np.errstate(over="ignore"):
            for n in range(1, min(_CHRF_N, max(lens)) + 1):
                h = h[: total - n + 1] * _HASH_MUL + cp[n - 1 :]
                ok = room[: total - n + 1] >= n
                keys.append((h[ok] & _HASH58) | (n << 58))
                rows.append(sent[: total - n + 1][ok])
        uniq, inv = np.unique(np.concatenate(keys), return_inverse=True)
        ids = self._ids(uniq)[inv.reshape(-1)]
        row = np.concatenate(rows)
        srt = np.argsort(row, kind="stable")
        at = np.searchsorted(row[srt], np.arange(len(ts) + 1)).tolist()
        ids = ids[srt]
        return [(ids[at[k] : at[k + 1]], pers[k]) for k in range(len(ts))]

    def _ids(self, uniq: NDArray[np.int64]) -> NDArray[np.int64]:
        """The ids of sorted distinct keys, numbering the new ones."""
        import numpy as np

        pos = np.minimum(np.searchsorted(self.keys, uniq), max(len(self.keys) - 1, 0))
        found = self.keys[pos] == uniq if len(self.keys) else np.zeros(len(uniq), dtype=bool)
        out = np.empty(len(uniq), dtype=np.int64)
        out[found] = self.ids[pos[found]]
        fresh = uniq[~found]
        size = len(self.order)
        out[~found] = np.arange(size, size + len(fresh))
        if len(fresh):
            at = np.searchsorted(self.keys, fresh)  # fresh is sorted: a merge
            self.keys, self.ids = np.insert(self.keys, at, fresh), np.insert(self.ids, at, out[~found])
            self.order = np.concatenate([self.order, fresh >> 58])
            self.scratch = np.concatenate(
                [self.scratch, np.zeros((3, len(self.order) - self.scratch.shape[1]), np.int64)], axis=1)
        return out

    def matches(
        self, hyp: Sequence[_Sent], ref: Sequence[_Sent], spans: Sequence[tuple[int, int, int, int]],
    ) -> tuple[list[list[float]], list[list[int]], list[list[int]]]:
        """Per span, the grams per order (index 0 unused) that the hypothesis group
        ``hyp[s0:s1]`` and the reference group ``ref[t0:t1]`` share, and each group's grams
        per order. Only the grams both sides hold get a column; a group's counts are a
        difference of prefix sums over its sentences, its matches the sum of the minimum
        per order. Whole numbers throughout, exact: the figures of _chrf on merged bags."""
        import numpy as np

        sp = np.asarray(spans, dtype=np.intp)
        tot_h = np.zeros((len(hyp) + 1, _CHRF_N + 1), dtype=np.int64)
        np.cumsum([x[1] for x in hyp], axis=0, out=tot_h[1:])
        tot_r = np.zeros((len(ref) + 1, _CHRF_N + 1), dtype=np.int64)
        np.cumsum([x[1] for x in ref], axis=0, out=tot_r[1:])
        hn, rn = (tot_h[sp[:, 1]] - tot_h[sp[:, 0]]).tolist(), (tot_r[sp[:, 3]] - tot_r[sp[:, 2]]).tolist()
        none = [[0.0] * (_CHRF_N + 1) for _ in spans]
        h, r = np.concatenate([x[0] for x in hyp]), np.concatenate([x[0] for x in ref])
        if not len(h) or not len(r):
            return none, hn, rn
        hrow = np.repeat(np.arange(len(hyp)), [len(x[0]) for x in hyp])
        rrow = np.repeat(np.arange(len(ref)), [len(x[0]) for x in ref])
        self.stamp += 1
        mark_h, mark_r, local = self.scratch
        mark_h[h] = self.stamp
        mark_r[r] = self.stamp
        in_h, in_r = mark_r[h] == self.stamp, mark_h[r] == self.stamp
        h, hrow, r, rrow = h[in_h], hrow[in_h], r[in_r], rrow[in_r]
        if not len(h):
            return none, hn, rn
        at = np.arange(len(r))
        local[r] = at  # the last of each id's places (a plain assignment writes in order)
        cols = r[local[r] == at]  # each shared id once
        c = len(cols)
        local[cols] = at[:c]
        ph = np.zeros((len(hyp) + 1, c))
        np.cumsum(np.bincount(hrow * c + local[h], minlength=len(hyp) * c).reshape(len(hyp), c), axis=0,
                  out=ph[1:])
        pr = np.zeros((len(ref) + 1, c))
        np.cumsum(np.bincount(rrow * c + local[r], minlength=len(ref) * c).reshape(len(ref), c), axis=0,
                  out=pr[1:])
        low = np.minimum(ph[sp[:, 1]] - ph[sp[:, 0]], pr[sp[:, 3]] - pr[sp[:, 2]])
        onehot = (self.order[cols][:, None] == np.arange(_CHRF_N + 1)).astype(np.float64)
        return (low @ onehot).tolist(), hn, rn


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
