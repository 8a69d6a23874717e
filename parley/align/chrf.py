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


def _merge_bags(
    bags: Sequence[_Bag],
) -> _Bag:
    import numpy as np

    if len(bags) == 1:
        return bags[0]
    if not any(len(b[0]) for b in bags):  # empty sentences only
        return bags[0][0], bags[0][1], sum((b[2] for b in bags[1:]), bags[0][2])
    # a sort and a segmented sum: half the time of np.unique(return_inverse) + bincount on
    # bags of a few hundred grams, which the boundary pass merges thousands of times
    keys = np.concatenate([b[0] for b in bags])
    order = keys.argsort()  # the counts are integers: their sums do not depend on the order
    k = keys[order]
    first = np.flatnonzero(np.concatenate([[True], k[1:] != k[:-1]]))
    c = np.add.reduceat(np.concatenate([b[1] for b in bags])[order], first).astype(np.int64)
    return k[first], c, sum((b[2] for b in bags[1:]), bags[0][2])


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
    hn, rn = hyp[2].tolist(), ref[2].tolist()
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
