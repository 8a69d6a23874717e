"""Sentence alignment: n:m beads with a confidence, with or without machine translation.

The combined cost of a bead that links source sentences ``i-a .. i-1`` with target sentences
``j-b .. j-1`` is::

    cost = (a + b) / 2 * sim_cost  +  w_len * min(delta^2 / 2, 8)  +  merge_pen * (a + b - 2)
           + para_pen * (paragraph mismatches)

* ``sim_cost = (1 - cos(S, T)) / (1 - mu_ab)``: ``S`` and ``T`` are the *sums* of the sentence
  feature vectors of the bead's sides, so a merge is judged as a whole (concatenation).
  ``mu_ab`` is the median cosine of chance beads of the same shape (``a`` and ``b`` random
  consecutive sentences, away from the diagonal) in this very document, so 1 means "no better
  than chance" whatever the language pair, feature set or bead size (bigger bags share more by
  chance). The norm of each side also counts the *unexplained* mass of its sentences: features
  that have no counterpart anywhere on the other side, weighted ``null_mass`` (1.0 without
  MT: an unmatched word counts like a matched one). Without it, gluing a sentence that has no
  anchors onto a neighbour's bead would look free.
  Features: with MT, hashed character 3/4-grams and words of the MT of the source and of the
  target (chrF++-like, square-rooted weights so that grams every sentence shares do not make
  long beads look alike; merges then pay ``merge_pen_mt``); without MT, anchors that survive
  translation (numbers, punctuation patterns, transliterated and accent-stripped word
  prefixes and consonant skeletons, which catch names, acronyms and cognates such as
  Тиллерсон/Tillerson), the user's lexicon, and in a second pass a word-translation lexicon
  learnt by Dice from the first pass's confident 1-1 beads (competitive: a word keeps only
  its best partners). Features are IDF-weighted on the document pair.
* ``delta`` is the Gale-Church length deviation in characters, with the target/source length
  ratio estimated from the document itself (re-estimated on confident links in the second
  pass, so boilerplate does not skew it): language-pair aware without tables.
* A sentence left out (1-0 or 0-1) costs ``del_cost``: it is chosen when no link explains the
  sentence better than that.
* Paragraph boundaries are soft anchors: a bead that starts a paragraph on one side but not on
  the other, or crosses one, pays ``para_pen`` (only when both texts have real paragraphs).

Bead shapes: up to ``max_bead`` sentences a side and ``max_bead + 2`` in all (for 3: 1-1, 1-2,
2-1, 1-3, 3-1, 2-2, 2-3, 3-2), plus 1-0 and 0-1.

Search is dynamic programming over a band, as in Vecalign: both texts are downsampled by two
(summing neighbouring vectors) until the grid is small enough for a full search; the coarse
path, widened by ``band`` sentences, bounds the search on the next finer level. Time and memory
are therefore linear in the document length (rows of the band are stored ragged). Only the 1-1
dot products inside the band are computed; those of merged beads are sums of them.

A gap that opens on one side between two links costs ``gap_open`` after the search (affine
gap): a link next to a block of left-out sentences slides to close the gap unless that costs
more (see ``_close_gaps``).

With MT, a last pass re-decides the boundaries of each pair of adjacent links that holds an
uncertain bead (confidence < ``rebound_conf``): every other way of cutting the pair's sentences
into consecutive beads is scored by the exact sentence chrF (beta 2, character 1-6-grams) of
the MT of each source group against its target group, weighted by the group's length, minus
the length cost and a merge penalty; an alternative that wins by ``rebound_margin`` replaces the
pair (the DP's hashed, summed bags blur n:m boundaries). Constant work per pair: linear time,
but about as much again as the DP, so bulk corpora above ``rebound_max_sentences`` skip it.

The confidence of a bead is the probability that it is exactly right (align/calibration.py):
a logistic model, fitted on gold alignments, of its margin (how much more the best local
alternative would cost: leaving its sentences unaligned, shrinking it by one sentence, or for a
deletion attaching the sentence to a neighbour), its similarity relative to chance, its length
cost, the seam (the cost of merging it with a neighbour) and the evidence of the beads around
it. The raw margin-times-chance score is still used inside, to pick the lexicon pass's beads.
"""

from __future__ import annotations

import math
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from parley.align.model import Bead, Bitext, Segment, TranslationUnit, normalize_space

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    Arr = NDArray[np.float32]
    # a gram bag: sorted unique keys, their counts, grams per order
    _Bag = tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]


@dataclass(frozen=True)
class AlignParams:
    """The few knobs of the cost; defaults tuned on Text+Berg dev, checked on ParIce."""

    dim: int = 512
    w_len: float = 0.15
    del_cost: float = 0.9
    merge_pen: float = 0.35
    merge_pen_mt: float = 0.25
    para_pen: float = 0.3
    band: int = 8
    full_dp_cells: int = 3_000_000
    conf_offset: float = 0.1
    conf_scale: float = 0.15
    conf_sim_mid: float = 0.95
    null_mass: float = 1.0
    mt_lengths: bool = False
    conf_sim_scale: float = 0.05
    lexicon_pass: bool = True
    lex_min_conf: float = 0.8
    lex_min_dice: float = 0.3
    mt_words: bool = True
    null_mass_mt: float = 0.0
    gap_open: float = 0.15
    rebound: bool = True
    #: the boundary pass costs about as much again as the DP: it runs on documents, and on
    #: corpora longer than this (sentences, both sides) only if asked, to keep bulk alignment fast
    rebound_max_sentences: int = 60_000
    rebound_len: float = 0.3
    rebound_margin: float = 0.02
    rebound_merge: float = 0.03
    rebound_conf: float = 0.9
    rebound_window: int = 2


DEFAULT_PARAMS = AlignParams()
# 1-4 and 4-1 beads are real in edited translations (one long sentence rendered as four);
# allowing them costs little time: Text+Berg dev strict F1 rises by 0.01-0.02, ParIce holds
DEFAULT_MAX_BEAD = 4

# ----------------------------------------------------------------------------- features

_TRANSLIT = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґўәғқңөұүһ",
        ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p",
         "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",
         "i", "yi", "ye", "g", "u", "a", "g", "k", "n", "o", "u", "u", "h"],
        strict=True,
    )
)
_TRANSLIT.update({"þ": "th", "ð": "d", "æ": "ae", "ø": "o", "ß": "ss", "œ": "oe", "ł": "l"})

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|\w+|[?!()\"«»“”„:;%]", re.UNICODE)
_VOWELS = set("aeiouy")
_PUNCT_FEATURE = {
    "?": "?", "!": "!", "(": "(", ")": "(", "\"": "Q", "«": "Q", "»": "Q", "“": "Q", "”": "Q",
    "„": "Q", ":": ":", ";": ";", "%": "%",
}

_norm_cache: dict[str, str] = {}


def _latin(word: str) -> str:
    """Lower-case, transliterate Cyrillic and strip accents: a script-neutral key."""
    got = _norm_cache.get(word)
    if got is not None:
        return got
    low = word.lower()
    out = "".join(_TRANSLIT.get(ch, ch) for ch in low)
    out = "".join(
        ch for ch in unicodedata.normalize("NFKD", out) if not unicodedata.combining(ch)
    )
    if len(_norm_cache) < 500_000:
        _norm_cache[word] = out
    return out


def word_key(word: str, prefix: int = 5) -> str:
    """The normalised prefix used for cognates and for lexicon entries."""
    return _latin(word)[:prefix]


def tokens(text: str) -> list[str]:
    """Words, numbers and the punctuation that anchors (interned: long texts repeat them)."""
    return [sys.intern(t) for t in _TOKEN.findall(text)]


_anchor_cache: dict[str, tuple[str, ...]] = {}


def _token_anchors(tok: str) -> tuple[str, ...]:
    got = _anchor_cache.get(tok)
    if got is not None:
        return got
    feats: list[str] = []
    ch = tok[0]
    if ch.isdigit():
        feats.append("N" + re.sub(r"[.,]", "", tok))
    elif tok in _PUNCT_FEATURE:
        feats.append("P" + _PUNCT_FEATURE[tok])
    elif len(tok) >= 4 or (tok.isupper() and len(tok) >= 2):
        key = _latin(tok)
        feats.append("W" + key[:5])
        if ch.isupper():
            skel = "".join(c for c in key if c not in _VOWELS and c.isalpha())
            if len(skel) >= 3:
                feats.append("S" + skel[:4])
    out = tuple(sys.intern(f) for f in feats)
    if len(_anchor_cache) < 500_000:
        _anchor_cache[tok] = out
    return out


def _anchor_features(toks: Sequence[str]) -> list[str]:
    return [f for tok in toks for f in _token_anchors(tok)]


def _lexicon_features(
    toks: Sequence[str], lex: Mapping[str, set[str]] | None, tgt_vocab: set[str], is_src: bool,
    cache: dict[str, tuple[str, ...]] | None = None,
) -> list[str]:
    """Features ``L<target word>``: a source word yields its translations, a target word itself
    (when some source word translates to it). ``cache`` is per lexicon and side."""
    if not lex:
        return []
    memo: dict[str, tuple[str, ...]] = cache if cache is not None else {}
    out: list[str] = []
    for tok in toks:
        got = memo.get(tok)
        if got is None:
            got = ()
            if tok[0].isalpha():
                key = word_key(tok)
                if is_src:
                    got = tuple(sys.intern("L" + t) for t in sorted(lex.get(key, ())))
                elif key in tgt_vocab:
                    got = (sys.intern("L" + key),)
            memo[tok] = got
        out.extend(got)
    return out


def _vectorize(
    src_feats: Sequence[Sequence[str]], tgt_feats: Sequence[Sequence[str]], dim: int
) -> tuple[Arr, Arr, NDArray[np.float64], NDArray[np.float64]]:
    """IDF-weighted hashed bag of features. A feature seen on one side only cannot match: it
    is dropped from the vector but counted, per sentence, as unexplained mass (returned as the
    squared norm it would have added)."""
    import numpy as np

    df_s: Counter[str] = Counter()
    df_t: Counter[str] = Counter()
    for f in src_feats:
        df_s.update(set(f))
    for f in tgt_feats:
        df_t.update(set(f))
    shared = df_s.keys() & df_t.keys()
    total = len(src_feats) + len(tgt_feats)
    ids: dict[str, int] = {}
    idf: dict[str, float] = {}
    for k in sorted(shared):
        ids[k] = len(ids) % dim
        idf[k] = math.log(1.0 + total / (df_s[k] + df_t[k]))

    w2 = float(np.mean([v * v for v in idf.values()])) if idf else 1.0

    def build(feats: Sequence[Sequence[str]]) -> tuple[Arr, NDArray[np.float64]]:
        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        unmatched = np.zeros(len(feats), dtype=np.float64)
        for r, fs in enumerate(feats):
            for f in fs:
                c = ids.get(f)
                if c is not None:
                    rows.append(r)
                    cols.append(c)
                    vals.append(idf[f])
                else:
                    unmatched[r] += w2
        x = np.zeros((len(feats), dim), dtype=np.float32)
        if rows:
            np.add.at(x, (np.asarray(rows), np.asarray(cols)), np.asarray(vals, dtype=np.float32))
        return x, unmatched

    xs, us = build(src_feats)
    xt, ut = build(tgt_feats)
    return xs, xt, us, ut


_HASH = 1 << 20
_word_ids: dict[str, int] = {}


def _gram_ids(texts: Sequence[str], words: bool) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """(sentence, feature id) of every character 3/4-gram (and, with ``words``, every
    lower-cased word) of ``texts``; ids are hashes in ``[0, 2**20)``."""
    import zlib

    import numpy as np

    low = [normalize_space(t).lower() for t in texts]
    joined = "\n".join(low) + "\n"
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    lens = np.fromiter((len(t) + 1 for t in low), dtype=np.int64, count=len(low))
    sent = np.repeat(np.arange(len(low), dtype=np.int64), lens)
    sent[np.cumsum(lens) - 1] = -1  # the separator belongs to no sentence
    rows_all: list[NDArray[np.int64]] = []
    ids_all: list[NDArray[np.int64]] = []
    for n in (3, 4):
        size = len(codes) - n + 1
        if size <= 0:
            continue
        h = np.full(size, n, dtype=np.uint64)
        for k in range(n):
            h = h * np.uint64(1_000_003) + codes[k : k + size]
        ok = (sent[:size] >= 0) & (sent[:size] == sent[n - 1 : n - 1 + size])
        rows_all.append(sent[:size][ok])
        ids_all.append(((h[ok] >> np.uint64(17)) % np.uint64(_HASH)).astype(np.int64))
    if words:
        wr: list[int] = []
        wi: list[int] = []
        for r, t in enumerate(low):
            for w in _TOKEN.findall(t):
                got = _word_ids.get(w)
                if got is None:
                    got = zlib.crc32(("w" + w).encode("utf-8")) % _HASH
                    if len(_word_ids) < 1_000_000:
                        _word_ids[w] = got
                wr.append(r)
                wi.append(got)
        rows_all.append(np.asarray(wr, dtype=np.int64))
        ids_all.append(np.asarray(wi, dtype=np.int64))
    if not rows_all:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(rows_all), np.concatenate(ids_all)


def _char_ngram_vectors(
    src: Sequence[str], tgt: Sequence[str], dim: int, words: bool = True, chunk: int = 4000
) -> tuple[Arr, Arr, NDArray[np.float64], NDArray[np.float64]]:
    """chrF++-like features: hashed character 3/4-grams and words, IDF-weighted over both
    sides, grams seen on one side only dropped. Two passes over chunks keep memory flat."""
    import numpy as np

    df = np.zeros(_HASH, dtype=np.float64)
    seen = [np.zeros(_HASH, dtype=bool), np.zeros(_HASH, dtype=bool)]
    for side, texts in enumerate((src, tgt)):
        for c0 in range(0, len(texts), chunk):
            rows, ids = _gram_ids(texts[c0 : c0 + chunk], words)
            key = np.sort(rows * _HASH + ids)
            uniq = key[np.concatenate([[True], key[1:] != key[:-1]])] if len(key) else key
            df += np.bincount(uniq % _HASH, minlength=_HASH)
            seen[side][ids] = True
    idf = np.log1p((len(src) + len(tgt)) / np.maximum(df, 1.0)).astype(np.float32)
    both = seen[0] & seen[1]
    w2 = float(np.mean(idf[both] ** 2)) if both.any() else 1.0
    idf[~both] = 0.0
    out: list[Arr] = []
    nulls: list[NDArray[np.float64]] = []
    for texts in (src, tgt):
        x = np.zeros((len(texts), dim), dtype=np.float32)
        null = np.zeros(len(texts), dtype=np.float64)
        for c0 in range(0, len(texts), chunk):
            rows, ids = _gram_ids(texts[c0 : c0 + chunk], words)
            np.add.at(x, (rows + c0, ids % dim), idf[ids])
            lone = ~both[ids]
            null[c0 : c0 + chunk] = w2 * np.bincount(rows[lone], minlength=len(texts[c0 : c0 + chunk]))
        out.append(np.sqrt(x))  # sublinear, as a long bead repeats common grams
        nulls.append(null)
    return out[0], out[1], nulls[0], nulls[1]


# ----------------------------------------------------------------------------- search


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

    def nulls(self) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Prefix sums of the unexplained mass per sentence, both sides."""
        import numpy as np

        def pre(v: NDArray[np.float64] | None, n: int) -> NDArray[np.float64]:
            return np.concatenate([[0.0], np.cumsum(v if v is not None else np.zeros(n))])

        return pre(self.null_s, len(self.x)), pre(self.null_t, len(self.y))

    def downsample(self) -> _Level:
        import numpy as np

        def half(a: NDArray[np.float32] | NDArray[np.float64]) -> NDArray[np.float32] | NDArray[np.float64]:
            if len(a) % 2:
                a = np.concatenate([a, np.zeros((1, *a.shape[1:]), dtype=a.dtype)])
            return a[0::2] + a[1::2]

        return _Level(
            half(self.x), half(self.y), half(self.ls), half(self.lt), None, None,  # type: ignore[arg-type]
            None if self.null_s is None else half(self.null_s),  # type: ignore[arg-type]
            None if self.null_t is None else half(self.null_t),  # type: ignore[arg-type]
        )


def _bead_types(max_bead: int) -> list[tuple[int, int]]:
    """Deletion first, then links with at most ``max_bead`` sentences a side and
    ``max_bead + 1`` in all (1-1, 1-2, 2-1, 1-3, 3-1, 2-2 for 3)."""
    links = [
        (a, b) for a in range(1, max_bead + 1) for b in range(1, max_bead + 1)
        if a + b <= max_bead + 2
    ]
    return [(1, 0), *sorted(links, key=lambda t: (t[0] + t[1], t))]


def _random_cos(lv: _Level, a: int = 1, b: int = 1, rng_seed: int = 7) -> float:
    """Typical cosine of chance concatenations of ``a`` source and ``b`` target sentences:
    what a bead of that shape scores by chance (bigger bags share more n-grams by chance).
    Pairs near the diagonal are skipped and the median taken, so that the true translations
    in a short document do not raise the baseline."""
    import numpy as np

    n, m = len(lv.x), len(lv.y)
    na, mb = max(1, n - a + 1), max(1, m - b + 1)
    rng = np.random.default_rng(rng_seed)
    k = 1500
    i = rng.integers(0, na, k)
    j = rng.integers(0, mb, k)
    far = np.abs(i / na - j / mb) >= 0.2
    if far.sum() >= 10:
        i, j = i[far], j[far]
    xs = sum(lv.x[np.minimum(i + q, n - 1)].astype(np.float64) for q in range(a))
    ys = sum(lv.y[np.minimum(j + q, m - 1)].astype(np.float64) for q in range(b))
    assert isinstance(xs, np.ndarray) and isinstance(ys, np.ndarray)
    cns, cnt = lv.nulls()
    i = np.clip(i, 0, max(n - a, 0))
    j = np.clip(j, 0, max(m - b, 0))
    nx = np.sqrt((xs * xs).sum(1) + cns[np.minimum(i + a, n)] - cns[i])
    ny = np.sqrt((ys * ys).sum(1) + cnt[np.minimum(j + b, m)] - cnt[j])
    ok = (nx > 0) & (ny > 0)
    if not ok.any():
        return 0.0
    cos = (xs[ok] * ys[ok]).sum(1) / (nx[ok] * ny[ok])
    return float(min(np.median(cos), 0.99))


def _length_cost(
    ls: NDArray[np.float64], lt: NDArray[np.float64], ratio: float, p: AlignParams
) -> NDArray[np.float64]:
    import numpy as np

    delta = (lt - ratio * ls) / np.sqrt(6.8 * (ratio * ls + lt) / 2.0 + 1.0)
    return p.w_len * np.minimum(delta * delta / 2.0, 8.0)  # type: ignore[no-any-return]


@dataclass(frozen=True)
class _Scorer:
    """Turns bead sums into costs; shared by the banded search and the confidence step."""

    lv: _Level
    ratio: float
    params: AlignParams
    mus: dict[tuple[int, int], float]

    def mu(self, a: int, b: int) -> float:
        key = (a, b)
        if key not in self.mus:
            self.mus[key] = _random_cos(self.lv, a, b)
        return self.mus[key]

    def link_cost(
        self,
        dot: NDArray[np.float64], ns2: NDArray[np.float64], nt2: NDArray[np.float64],
        ls: NDArray[np.float64], lt: NDArray[np.float64], size: NDArray[np.float64] | float,
        mu: NDArray[np.float64] | float,
    ) -> NDArray[np.float64]:
        import numpy as np

        denom = np.sqrt(np.maximum(ns2, 0.0) * np.maximum(nt2, 0.0))
        cos = np.where(denom > 0, dot / np.where(denom > 0, denom, 1.0), mu)
        sim = np.clip((1.0 - cos) / (1.0 - mu), 0.0, 1.5)
        p = self.params
        return (  # type: ignore[no-any-return]
            size / 2.0 * sim + _length_cost(ls, lt, self.ratio, p) + p.merge_pen * (size - 2.0)
        )


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
        return ((lv.x @ lv.y.T).astype(np.float32).ravel(), np.zeros(n, dtype=np.int64),
                np.full(n, m, dtype=np.int64), np.arange(n + 1, dtype=np.int64) * m)
    out = np.zeros(int(moff[-1]), dtype=np.float32)
    k0 = 0
    budget = 4_000_000 // max(1, lv.x.shape[1])
    while k0 < n:
        # rows whose widest window still fits the budget
        k1 = k0 + 1
        wmax = int(mw[k0])
        while k1 < n and (k1 - k0 + 1) * max(wmax, int(mw[k1])) <= budget:
            wmax = max(wmax, int(mw[k1]))
            k1 += 1
        ar = np.arange(wmax)
        cols = np.minimum(mlo[k0:k1, None] + ar[None, :], m - 1)
        block = np.einsum("kd,kwd->kw", lv.x[k0:k1], lv.y[cols], optimize=False)
        keep = ar[None, :] < mw[k0:k1, None]
        out[moff[k0] : moff[k1]] = block[keep]
        k0 = k1
    return out, mlo, mw, moff


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


def _search(
    lv: _Level, lo: NDArray[np.int64], hi: NDArray[np.int64], scorer: _Scorer,
    types: list[tuple[int, int]], progress: Callable[[int], None] | None = None,
) -> list[Bead]:
    """Banded DP over cells (i, j) = (source, target sentences consumed); row i holds the
    target window ``lo[i] .. hi[i]``, stored ragged so one wide row costs only itself."""
    import numpy as np

    p = scorer.params
    n, m = len(lv.x), len(lv.y)
    d = p.del_cost
    maxa = max(a for a, _ in types)
    maxb = max(b for _, b in types)
    wid = hi - lo + 1
    off = np.concatenate([[0], np.cumsum(wid)])
    sentinel = int(off[-1])
    dp = np.full(sentinel + 1, np.inf, dtype=np.float64)
    bp = np.full(sentinel, -1, dtype=np.int8)
    n01 = len(types)
    w0 = int(wid[0])
    dp[:w0] = (lo[0] + np.arange(w0)) * d
    bp[1:w0] = n01

    if n and m:
        mflat, mlo, mw, moff = _band_dots(lv, lo, hi, maxa, maxb)
    gs = _self_dots(lv.x, maxa)
    gt = _self_dots(lv.y, maxb)
    cns, cnt = lv.nulls()
    cls = np.concatenate([[0.0], np.cumsum(lv.ls)])
    clt = np.concatenate([[0.0], np.cumsum(lv.lt)])
    use_para = lv.ps is not None and lv.pt is not None
    if use_para:
        assert lv.ps is not None and lv.pt is not None
        cps = np.concatenate([[0], np.cumsum(lv.ps)])
        cpt = np.concatenate([[0], np.cumsum(lv.pt)])
    mus = {t: scorer.mu(*t) for t in types if t[1] > 0 and t[0] <= n and t[1] <= m}

    budget = 1_500_000 // len(types)
    r0 = 1
    while r0 <= n:
        r1 = r0 + 1
        wb = int(wid[r0])
        while r1 <= n and (r1 - r0 + 1) * max(wb, int(wid[r1])) <= budget:
            wb = max(wb, int(wid[r1]))
            r1 += 1
        rows = np.arange(r0, r1)
        ar = np.arange(wb)
        js = lo[rows][:, None] + ar[None, :]
        valid = ar[None, :] < wid[rows][:, None]
        idx = np.full((len(rows), len(types), wb), sentinel, dtype=np.int64)
        cost = np.zeros((len(rows), len(types), wb), dtype=np.float64)
        for t, (a, b) in enumerate(types):
            if a > n or b > m:
                continue
            ip = rows - a
            ipc = np.maximum(ip, 0)
            jp = js - b
            ok = valid & (ip >= 0)[:, None] & (jp >= lo[ipc][:, None]) & (jp <= hi[ipc][:, None])
            idx[:, t, :] = np.where(ok, off[ipc][:, None] + (jp - lo[ipc][:, None]), sentinel)
            if b == 0:
                cost[:, t, :] = d
                continue
            ii = np.broadcast_to(np.maximum(rows, a)[:, None], js.shape)
            jj = np.clip(js, b, m)
            dot = np.zeros(js.shape, dtype=np.float64)
            for pa in range(a):
                k = np.maximum(ii - 1 - pa, 0)
                base, low, top = moff[k], mlo[k], mw[k] - 1
                for qb in range(b):
                    dot += mflat[base + np.clip(jj - 1 - qb - low, 0, top)]
            ns2 = _concat_norm2(gs, ii, a) + cns[ii] - cns[ii - a]
            nt2 = _concat_norm2(gt, jj, b) + cnt[jj] - cnt[jj - b]
            lsum = cls[ii] - cls[ii - a]
            ltsum = clt[jj] - clt[jj - b]
            c = scorer.link_cost(dot, ns2, nt2, lsum, ltsum, float(a + b), mus[(a, b)])
            if use_para:
                s0 = ii - a
                t0 = jj - b
                mism = lv.ps[s0] != lv.pt[t0]  # type: ignore[index]
                cross = (cps[ii] - cps[s0 + 1]) + (cpt[jj] - cpt[t0 + 1])
                c = c + p.para_pen * (mism + cross)
            cost[:, t, :] = np.where(ok, c, np.inf)
        steps = ar * d
        for r, row_i in enumerate(rows.tolist()):
            w = int(wid[row_i])
            cand = dp[idx[r, :, :w]] + cost[r, :, :w]
            arg = cand.argmin(0)
            best = cand[arg, ar[:w]]
            run = np.minimum.accumulate(best - steps[:w]) + steps[:w]
            from01 = run < best - 1e-12
            o = int(off[row_i])
            dp[o : o + w] = np.where(from01, run, best)
            bp[o : o + w] = np.where(from01, n01, arg)
        if progress is not None:
            progress(len(rows))
        r0 = r1

    beads: list[Bead] = []
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


def _align_level(
    lv: _Level, scorer_for: Callable[[_Level], _Scorer], types: list[tuple[int, int]],
    params: AlignParams, progress: Callable[[int], None] | None,
    guide: Sequence[Bead] | None = None,
) -> list[Bead]:
    """Align one level: fully when small, else inside the band of a coarser path (or of
    ``guide``, a path at this very resolution from an earlier pass)."""
    import numpy as np

    n, m = len(lv.x), len(lv.y)
    if guide is not None and n * m > params.full_dp_cells:
        lo, hi = _band_from_path(guide, n, m, params.band, factor=1)
    elif n * m <= params.full_dp_cells or min(n, m) < 16:
        lo = np.zeros(n + 1, dtype=np.int64)
        hi = np.full(n + 1, m, dtype=np.int64)
    else:
        coarse = _align_level(lv.downsample(), scorer_for, types, params, None)
        lo, hi = _band_from_path(coarse, n, m, params.band)
    return _search(lv, lo, hi, scorer_for(lv), types, progress)


# ----------------------------------------------------------------------------- confidence


def _span_costs(
    lv: _Level, scorer: _Scorer, spans: list[tuple[int, int, int, int]]
) -> NDArray[np.float64]:
    """Cost of arbitrary link beads ``(s0, s1, t0, t1)`` (both sides non-empty)."""
    import numpy as np

    if not spans:
        return np.zeros(0)
    sp = np.asarray(spans, dtype=np.int64)
    cns, cnt = lv.nulls()
    cls = np.concatenate([[0.0], np.cumsum(lv.ls)])
    clt = np.concatenate([[0.0], np.cumsum(lv.lt)])

    def sums(x: Arr, a0: NDArray[np.int64], a1: NDArray[np.int64]) -> NDArray[np.float32]:
        out = np.zeros((len(a0), x.shape[1]), dtype=np.float32)
        for k in range(int((a1 - a0).max())):
            take = a0 + k < a1
            out[take] += x[(a0 + k)[take]]
        return out

    out = np.zeros(len(sp))
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
        out[c0 : c0 + 4096] = scorer.link_cost(
            dot, np.einsum("kd,kd->k", xs, xs) + cns[s1] - cns[s0],
            np.einsum("kd,kd->k", yt, yt) + cnt[t1] - cnt[t0],
            cls[s1] - cls[s0], clt[t1] - clt[t0], size, mu,
        )
    return out


def _confidences(lv: _Level, scorer: _Scorer, beads: Sequence[Bead]) -> list[float]:
    """The raw confidence (margin times distance from chance), used to pick lexicon beads."""
    return _confidence_features(lv, scorer, beads)[0]


def _confidence_features(
    lv: _Level, scorer: _Scorer, beads: Sequence[Bead]
) -> tuple[list[float], list[tuple[float, float, float, float]]]:
    """Raw confidences and, per bead, ``(margin, sim, length cost, seam)``: the margin over the
    best local alternative, the similarity cost per sentence (0 identical, 1 chance; 1 for
    deletions), the length cost, and how much merging it with a neighbour would cost more
    (boundary errors), the inputs of the calibrated confidence."""
    import numpy as np

    p = scorer.params
    d = p.del_cost
    spans: list[tuple[int, int, int, int]] = []
    owner: list[tuple[int, int]] = []  # (bead index, role) role 0 = own cost, 1 = alternative

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
                    lo_i, hi_i = min(ni, i), max(ni + na, i + a)
                    lo_j, hi_j = min(nj, j), max(nj + nbb, j + bb)
                    add(k, 5 + (nb > k), lo_i, hi_i, lo_j, hi_j)
                    add(k, 7 + (nb > k), ni, ni + na, nj, nj + nbb)
        if k + 1 < len(beads):
            # the bead merged with the next one: is the boundary between them sure?
            nxt = beads[k + 1]
            add(k, 10, i, i + a + len(nxt.src), j, j + bb + len(nxt.tgt))
    costs = _span_costs(lv, scorer, spans)
    bare = _Scorer(lv, scorer.ratio, replace(p, w_len=0.0, merge_pen=0.0, para_pen=0.0), scorer.mus)
    own_spans = [sp for sp, (_, role) in zip(spans, owner, strict=True) if role == 0]
    own_sim = _span_costs(lv, bare, own_spans) * 2.0 / np.asarray(
        [s1 - s0 + t1 - t0 for s0, s1, t0, t1 in own_spans] or [1], dtype=np.float64
    )[: len(own_spans)]
    sim_of = {k: float(v) for (k, role), v in zip([o for o in owner if o[1] == 0], own_sim, strict=True)}
    table: dict[tuple[int, int], float] = {key: float(c) for key, c in zip(owner, costs, strict=True)}
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
        a, bb = len(b.src), len(b.tgt)
        if a and bb:
            own = table[(k, 0)]
            alts = [(a + bb) * d]
            for role, extra in ((1, d), (2, d), (3, d), (4, d)):
                if (k, role) in table:
                    alts.append(table[(k, role)] + extra)
            margin = min(alts) - own
            # a link no better than chance is not trusted, whatever the alternatives
            zs = (p.conf_sim_mid - sim_of[k]) / p.conf_sim_scale
            chance = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, zs))))
        else:
            chance = 1.0
            alts = []
            for side in (0, 1):
                if (k, 5 + side) in table:
                    alts.append(table[(k, 5 + side)] - table[(k, 7 + side)])
            margin = (min(alts) - d) if alts else 2 * d
        z = (margin - p.conf_offset) / p.conf_scale
        out.append(chance / (1.0 + math.exp(-max(-30.0, min(30.0, z)))))
        if a and bb:
            sim = sim_of[k]
            lcost = own - (a + bb) / 2.0 * sim - p.merge_pen * (a + bb - 2)
        else:
            sim, lcost = 1.0, 0.0
        feats.append((margin, sim, lcost, min(seam[k], seam[k - 1] if k else 2.0)))
    return out, feats


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


# ----------------------------------------------------------------------------- lexicon


def learn_lexicon(
    beads: Sequence[Bead], src_toks: Sequence[Sequence[str]], tgt_toks: Sequence[Sequence[str]],
    *, min_count: int = 2, min_dice: float = 0.3, max_beads: int = 5_000,
) -> dict[str, set[str]]:
    """Word-translation pairs by Dice over the given (confident 1-1) beads, keeping for each
    source word only its best targets (competitive, so frequent words do not pair with all)."""
    pairs: Counter[tuple[str, str]] = Counter()
    cs: Counter[str] = Counter()
    ct: Counter[str] = Counter()
    step = max(1, len(beads) // max_beads)
    for b in beads[::step]:
        ws = {word_key(t) for s in b.src for t in src_toks[s] if t[0].isalpha()}
        wt = {word_key(t) for s in b.tgt for t in tgt_toks[s] if t[0].isalpha()}
        cs.update(ws)
        ct.update(wt)
        pairs.update((x, y) for x in ws for y in wt)
    best_s: dict[str, float] = {}
    best_t: dict[str, float] = {}
    scored: list[tuple[str, str, float]] = []
    for (x, y), c in pairs.items():
        if c < min_count or x == y:
            continue
        dice = 2.0 * c / (cs[x] + ct[y])
        if dice >= min_dice:
            scored.append((x, y, dice))
            best_s[x] = max(best_s.get(x, 0.0), dice)
            best_t[y] = max(best_t.get(y, 0.0), dice)
    lex: dict[str, set[str]] = {}
    for x, y, dice in scored:
        if dice >= 0.8 * best_s[x] and dice >= 0.8 * best_t[y]:
            lex.setdefault(x, set()).add(y)
    return lex


def _normalise_lexicon(lexicon: Mapping[str, set[str]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for s, ts in lexicon.items():
        for w in tokens(s)[:1]:
            out.setdefault(word_key(w), set()).update(word_key(t) for t in ts if t.strip())
    return out


# ----------------------------------------------------------------------------- boundary re-decision


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
    u, c = np.unique(np.concatenate(parts), return_counts=True)
    per = np.zeros(_CHRF_N + 1, dtype=np.int64)
    for n in range(1, _CHRF_N + 1):
        per[n] = max(len(t) - n + 1, 0)
    return u, c.astype(np.int64), per


_HASH58 = (1 << 58) - 1
_HASH_MUL = 1_000_003


def _merge_bags(
    bags: Sequence[_Bag],
) -> _Bag:
    import numpy as np

    if len(bags) == 1:
        return bags[0]
    u, inv = np.unique(np.concatenate([b[0] for b in bags]), return_inverse=True)
    c = np.bincount(inv, weights=np.concatenate([b[1] for b in bags]), minlength=len(u)).astype(np.int64)
    return u, c, sum((b[2] for b in bags[1:]), bags[0][2])


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


# ----------------------------------------------------------------------------- API


def _para_starts(segs: Sequence[Segment]) -> list[bool]:
    return [k == 0 or segs[k].paragraph != segs[k - 1].paragraph for k in range(len(segs))]


def align_segments(
    src: Sequence[Segment],
    tgt: Sequence[Segment],
    *,
    src_lang: str,
    tgt_lang: str,
    mt: Sequence[str] | None = None,
    lexicon: Mapping[str, set[str]] | None = None,
    max_bead: int = DEFAULT_MAX_BEAD,
    progress: Callable[[int], None] | None = None,
    params: AlignParams | None = None,
    features_out: list[tuple[float, ...]] | None = None,
) -> list[Bead]:
    """Align two sentence sequences; every sentence ends up in exactly one bead, in order.

    ``mt[i]`` is the machine translation of ``src[i]`` into the target language; with it the
    similarity is chrF-like on the MT, without it on anchors and a learnt lexicon (see the
    module docstring for the cost). ``progress`` is called with numbers of source sentences done.
    ``features_out``, when given, receives the calibration features of each bead (for fitting).
    """
    import numpy as np

    p = params or DEFAULT_PARAMS
    if mt is not None:
        # MT bags are sublinear (sqrt of the weights): merges gain less, so they pay less
        p = replace(p, merge_pen=p.merge_pen_mt)
    if max_bead < 1:
        raise ValueError("max_bead must be at least 1")
    if mt is not None and len(mt) != len(src):
        from parley.align.errors import UsageError

        raise UsageError(
            f"the MT has {len(mt)} lines but the source has {len(src)} sentences",
            hint="give one MT line per source sentence",
        )
    n, m = len(src), len(tgt)
    if n == 0 or m == 0:
        return [Bead((k,), (), 1.0) for k in range(n)] + [Bead((), (k,), 1.0) for k in range(m)]
    src_text = [s.norm for s in src]
    tgt_text = [s.norm for s in tgt]
    ls = np.fromiter((len(t) for t in src_text), dtype=np.float64, count=n)
    lt = np.fromiter((len(t) for t in tgt_text), dtype=np.float64, count=m)
    ratio = float(lt.sum() / max(ls.sum(), 1.0))
    ps = np.asarray(_para_starts(src), dtype=bool)
    pt = np.asarray(_para_starts(tgt), dtype=bool)
    use_para = ps.mean() < 0.9 and pt.mean() < 0.9
    types = _bead_types(max_bead)

    state = {"ratio": ratio}

    def scorer_for(lv: _Level) -> _Scorer:
        return _Scorer(lv, state["ratio"], p, {})

    def run(
        x: Arr, y: Arr, prog: Callable[[int], None] | None,
        null_s: NDArray[np.float64] | None = None, null_t: NDArray[np.float64] | None = None,
        scale: float | None = None, guide: Sequence[Bead] | None = None,
    ) -> tuple[_Level, list[Bead]]:
        if null_s is not None and null_t is not None:
            k = p.null_mass if scale is None else scale
            null_s, null_t = k * null_s, k * null_t
        lv = _Level(x, y, ls, lt, ps if use_para else None, pt if use_para else None, null_s, null_t)
        return lv, _align_level(lv, scorer_for, types, p, prog, guide)

    user_lex = _normalise_lexicon(lexicon) if lexicon else None
    if mt is not None:
        mt_text = [normalize_space(t) for t in mt]
        if p.mt_lengths:
            # the MT's length predicts the target's better than the source's does
            ls = np.fromiter((len(t) for t in mt_text), dtype=np.float64, count=n)
            state["ratio"] = float(lt.sum() / max(ls.sum(), 1.0))
        x, y, us, ut = _char_ngram_vectors(mt_text, tgt_text, p.dim, p.mt_words)
        lv, beads = run(x, y, progress, p.null_mass_mt * us, p.null_mass_mt * ut, 1.0)
    else:
        stoks = [tokens(t) for t in src_text]
        ttoks = [tokens(t) for t in tgt_text]
        sf = [_anchor_features(t) for t in stoks]
        tf = [_anchor_features(t) for t in ttoks]

        def with_lex(
            lex: Mapping[str, set[str]] | None,
        ) -> tuple[Arr, Arr, NDArray[np.float64], NDArray[np.float64]]:
            vocab = {w for ws in (lex or {}).values() for w in ws}
            cs: dict[str, tuple[str, ...]] = {}
            ct: dict[str, tuple[str, ...]] = {}
            s2 = [f + _lexicon_features(t, lex, vocab, True, cs) for f, t in zip(sf, stoks, strict=True)]
            t2 = [f + _lexicon_features(t, lex, vocab, False, ct) for f, t in zip(tf, ttoks, strict=True)]
            return _vectorize(s2, t2, p.dim)

        x, y, us, ut = with_lex(user_lex)
        lv, beads = run(x, y, None if p.lexicon_pass else progress, us, ut)
        if p.lexicon_pass:
            conf = _confidences(lv, scorer_for(lv), beads)
            good = [b for b, c in zip(beads, conf, strict=True) if b.kind == "1-1" and c >= p.lex_min_conf]
            if len(good) >= 3:
                # the length ratio of what is really translated, without boilerplate
                state["ratio"] = float(
                    sum(lt[b.tgt[0]] for b in good) / max(1.0, sum(ls[b.src[0]] for b in good))
                )
            learnt = learn_lexicon(good, stoks, ttoks, min_dice=p.lex_min_dice)
            for k, v in (user_lex or {}).items():
                learnt.setdefault(k, set()).update(v)
            x, y, us, ut = with_lex(learnt)
            # the second pass searches around the first one's path (no new coarse passes)
            lv, beads = run(x, y, progress, us, ut, guide=beads)
    beads = _close_gaps(lv, scorer_for(lv), beads)
    _, feats = _confidence_features(lv, scorer_for(lv), beads)
    from parley.align.calibration import bead_features, calibrate

    table = bead_features(beads, feats)
    conf = calibrate(table, mt=mt is not None)
    if mt is not None and p.rebound and len(src) + len(tgt) <= p.rebound_max_sentences:
        moved = _reboundary(
            beads, mt_text, tgt_text, ls, lt, state["ratio"], p, max_bead, [c < p.rebound_conf for c in conf]
        )
        if moved != beads:
            beads = moved
            _, feats = _confidence_features(lv, scorer_for(lv), beads)
            table = bead_features(beads, feats)
            conf = calibrate(table, mt=True)
    if features_out is not None:
        features_out.extend(table)
    return [replace(b, confidence=c) for b, c in zip(beads, conf, strict=True)]


def segments_from_lines(lines: Sequence[str], paragraphs: Sequence[int] | None = None) -> list[Segment]:
    """Wrap pre-segmented lines as Segments (offsets into the lines joined by newlines)."""
    out: list[Segment] = []
    pos = 0
    for k, line in enumerate(lines):
        para = k if paragraphs is None else paragraphs[k]
        out.append(Segment(k, para, pos, pos + len(line), line))
        pos += len(line) + 1
    return out


def align_texts(
    src_lines: Sequence[str],
    tgt_lines: Sequence[str],
    *,
    src_lang: str,
    tgt_lang: str,
    mt: Sequence[str] | None = None,
    lexicon: Mapping[str, set[str]] | None = None,
    max_bead: int = DEFAULT_MAX_BEAD,
    src_paragraphs: Sequence[int] | None = None,
    tgt_paragraphs: Sequence[int] | None = None,
    progress: Callable[[int], None] | None = None,
    params: AlignParams | None = None,
    features_out: list[tuple[float, ...]] | None = None,
) -> list[Bead]:
    """Align pre-segmented text: each line is a sentence and, unless told, its own paragraph."""
    return align_segments(
        segments_from_lines(src_lines, src_paragraphs),
        segments_from_lines(tgt_lines, tgt_paragraphs),
        src_lang=src_lang, tgt_lang=tgt_lang, mt=mt, lexicon=lexicon, max_bead=max_bead,
        progress=progress, params=params, features_out=features_out,
    )


def beads_to_bitext(
    beads: Sequence[Bead],
    src: Sequence[Segment],
    tgt: Sequence[Segment],
    src_lang: str,
    tgt_lang: str,
    document: str | None = None,
) -> Bitext:
    """One translation unit per bead, empty-side beads included, so no sentence is lost."""
    units: list[TranslationUnit] = []
    for k, b in enumerate(beads):
        source = " ".join(src[i].norm for i in b.src)
        target = " ".join(tgt[j].norm for j in b.tgt)
        para = src[b.src[0]].paragraph if b.src else None
        units.append(
            TranslationUnit(
                source, target, id=str(k + 1), confidence=round(b.confidence, 4), bead=b.kind,
                origin="human", document=document, paragraph=para,
            )
        )
    return Bitext(src_lang, tgt_lang, tuple(units), document)


def read_lexicon(path: str | Path) -> dict[str, set[str]]:
    """A bilingual word list: ``source<TAB>target`` per line (more lines for more targets;
    ``#`` starts a comment; a header ``source<TAB>target`` or language codes is skipped)."""
    from parley.align.errors import FormatError, InputError
    from parley.align.lang import KNOWN

    p = Path(path)
    if not p.is_file():
        raise InputError("lexicon file not found", p, "give a TSV file: source<TAB>target")
    try:
        text = p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormatError("lexicon is not UTF-8 text", p, "save it as UTF-8") from exc
    lex: dict[str, set[str]] = {}
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 2 or not cols[0].strip() or not cols[1].strip():
            raise FormatError(f"line {n} is not 'source<TAB>target'", p, "one pair per line")
        head = (cols[0].strip().lower(), cols[1].strip().lower())
        if n == 1 and (head == ("source", "target") or (head[0] in KNOWN and head[1] in KNOWN)):
            continue
        lex.setdefault(cols[0].strip(), set()).add(cols[1].strip())
    return lex
