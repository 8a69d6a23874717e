"""Passes after the search that move bead boundaries: closing gaps and, with MT, re-deciding
the cut of adjacent links by exact chrF."""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from parley.align.chrf import _CHRF_BETA2, _CHRF_N, _Grams
from parley.align.confidence import _span_costs
from parley.align.model import Bead
from parley.align.params import AlignParams
from parley.align.search import _Level, _Scorer

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray




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


#: the most group scores _GroupScores keeps (see clear)
_CACHED = 1 << 16


def _chrf_rows(mn: NDArray[np.float64], hn: NDArray[np.int64], rn: NDArray[np.int64]) -> NDArray[np.float64]:
    """_chrf_counts of each row (matching, hypothesis and reference grams per order, index 0
    unused): its operations in its order on columns, so the same floats (a term skipped there
    adds 0.0 here, which changes no sum of non-negative numbers)."""
    import numpy as np

    prec = np.zeros(len(mn))
    rec = np.zeros(len(mn))
    k = np.zeros(len(mn), dtype=np.int64)
    with np.errstate(divide="ignore", invalid="ignore"):
        for n in range(1, _CHRF_N + 1):
            ok = (hn[:, n] != 0) & (rn[:, n] != 0)
            prec += np.where(ok, mn[:, n] / hn[:, n], 0.0)
            rec += np.where(ok, mn[:, n] / rn[:, n], 0.0)
            k += ok
        prec, rec = prec / k, rec / k
        f = (1 + _CHRF_BETA2) * prec * rec / (_CHRF_BETA2 * prec + rec)
    return np.where((k > 0) & (prec != 0) & (rec != 0), f, 0.0)  # type: ignore[no-any-return]


@functools.cache
def _compositions(total: int, parts: int, most: int) -> tuple[tuple[int, ...], ...]:
    if parts == 1:
        return ((total,),) if 1 <= total <= most else ()
    return tuple(
        (first, *rest)
        for first in range(1, min(most, total - parts + 1) + 1)
        for rest in _compositions(total - first, parts - 1, most)
    )


class _GroupScores:
    """Score of cutting sentences into groups, by the exact chrF of the MT of a source group
    against its target group weighted by the group's length, minus the length cost and a
    merge penalty; gram bags and scores are cached (cleared as the windows move on). The
    groups of a window are scored together (``prefetch``, see chrf._Grams.matches)."""

    def __init__(
        self, mt_text: Sequence[str], tgt_text: Sequence[str], ls: NDArray[np.float64],
        lt: NDArray[np.float64], ratio: float, p: AlignParams,
    ) -> None:
        import numpy as np

        self.texts = (mt_text, tgt_text)
        self.ls, self.lt, self.ratio, self.p = ls, lt, ratio, p
        # the lengths (whole numbers: their sums are exact in any order) as Python floats
        self.lens: tuple[list[float], list[float]] = (ls.tolist(), lt.tolist())
        self.sent: tuple[dict[int, NDArray[np.int64]], dict[int, NDArray[np.int64]]] = ({}, {})
        self.grams = _Grams()
        self.totals: list[NDArray[np.int64]] = []
        # prefix sums of the lengths (whole numbers: exact, the sums of _score's slices)
        self.cum = (np.concatenate([[0.0], np.cumsum(ls)]), np.concatenate([[0.0], np.cumsum(lt)]))
        self.cache: dict[tuple[int, int, int, int], float] = {}

    def clear(self) -> None:
        """Keep memory bounded as the windows move on: the sentences' grams are kept up to a
        few thousand sentences, so the passes after the boundary pass reuse them on a
        document (not on a corpus), and the groups' scores (a group's score depends on its
        sentences only) up to _CACHED groups, so the detach pass reuses the boundary pass's."""
        if len(self.sent[0]) + len(self.sent[1]) > 4096:
            self.sent = ({}, {})
            self.grams = _Grams()
        if len(self.cache) > _CACHED:
            self.cache = {}

    def _totals(self) -> list[NDArray[np.int64]]:
        """Per side, the grams per order (index 0 unused) of the sentences before each one:
        a sentence of n letters and digits (spaces do not count) has n - k + 1 k-grams."""
        import numpy as np

        if not self.totals:
            for texts in self.texts:
                n = np.fromiter((len(t) - t.count(" ") for t in texts), dtype=np.int64, count=len(texts))
                per = np.maximum(n[:, None] - np.arange(_CHRF_N + 1) + 1, 0)
                per[:, 0] = 0
                tot = np.zeros((len(texts) + 1, _CHRF_N + 1), dtype=np.int64)
                np.cumsum(per, axis=0, out=tot[1:])
                self.totals.append(tot)
        return self.totals

    def load(self, spans: Iterable[tuple[int, int, int, int]]) -> None:
        """Read the grams of the sentences of ``spans`` in one batch (before the windows
        that need them)."""
        need: tuple[set[int], set[int]] = (set(), set())
        for s0, s1, t0, t1 in spans:
            need[0].update(range(s0, s1))
            need[1].update(range(t0, t1))
        for side in (0, 1):
            todo = sorted(k for k in need[side] if k not in self.sent[side])
            if todo:
                texts = self.texts[side]
                got = self.grams.add([texts[k] for k in todo])
                self.sent[side].update(zip(todo, got, strict=True))

    def prefetch(self, spans: Iterable[tuple[int, int, int, int]]) -> None:
        """Score the groups of ``spans`` (s0, s1, t0, t1) not yet cached, all at once."""
        self.prefetch_batches([spans])

    def prefetch_batches(self, batches: Iterable[Iterable[tuple[int, int, int, int]]]) -> None:
        """Score the groups not yet cached of each batch (groups over nearby sentences): the
        grams they share are counted a batch at a time (chrf._Grams.matches), their scores
        all together."""
        import numpy as np

        todo_all: list[tuple[int, int, int, int]] = []
        mn: list[list[float]] = []
        got0, got1 = self.sent
        for spans in batches:
            todo = [sp for sp in dict.fromkeys(spans) if sp not in self.cache]
            if not todo:
                continue
            s_lo, s_hi = min(sp[0] for sp in todo), max(sp[1] for sp in todo)
            t_lo, t_hi = min(sp[2] for sp in todo), max(sp[3] for sp in todo)
            if not (all(k in got0 for k in range(s_lo, s_hi)) and all(k in got1 for k in range(t_lo, t_hi))):
                self.load([(s_lo, s_hi, t_lo, t_hi)])
                got0, got1 = self.sent
            hyp = [got0[k] for k in range(s_lo, s_hi)]
            ref = [got1[k] for k in range(t_lo, t_hi)]
            local = [(s0 - s_lo, s1 - s_lo, t0 - t_lo, t1 - t_lo) for s0, s1, t0, t1 in todo]
            mn += self.grams.matches(hyp, ref, local)
            todo_all += todo
        if not todo_all:
            return
        th, tr = self._totals()
        sp = np.asarray(todo_all, dtype=np.intp)
        s0, s1, t0, t1 = sp.T
        f = _chrf_rows(np.asarray(mn, dtype=np.float64), th[s1] - th[s0], tr[t1] - tr[t0])
        # a group in two batches is scored twice, to the same float
        self.cache.update(zip(todo_all, self._score(sp, f).tolist(), strict=True))

    def _score(self, sp: NDArray[np.intp], f: NDArray[np.float64]) -> NDArray[np.float64]:
        """The groups' scores from their chrF: the operations of the scalar formula, in its
        order, on arrays (the same floats)."""
        import numpy as np

        p = self.p
        s0, s1, t0, t1 = sp.T
        a = self.cum[0][s1] - self.cum[0][s0]
        b = self.cum[1][t1] - self.cum[1][t0]
        ra = self.ratio * a
        d = (b - ra) / np.sqrt(6.8 * (ra + b) / 2.0 + 1.0)
        lc = p.w_len * np.minimum(d * d / 2.0, 8.0)  # the search's length cost
        merge = p.rebound_merge * (s1 - s0 + t1 - t0 - 2)
        return (a + b) * (f - p.rebound_len * lc - merge)  # type: ignore[no-any-return]

    def group(self, s0: int, s1: int, t0: int, t1: int) -> float:
        key = (s0, s1, t0, t1)
        if key not in self.cache:
            self.prefetch([key])
        return self.cache[key]

    def cut(self, s0: int, t0: int, ss: Sequence[int], ts: Sequence[int]) -> float:
        """Score of cutting from (s0, t0) into groups of ``ss`` source and ``ts`` target sentences."""
        tot = 0.0
        for a, b in zip(ss, ts, strict=True):
            tot += self.group(s0, s0 + a, t0, t0 + b)
            s0, t0 = s0 + a, t0 + b
        return tot


def _cut_spans(s0: int, t0: int, ss: Sequence[int], ts: Sequence[int]) -> list[tuple[int, int, int, int]]:
    out = []
    for a, b in zip(ss, ts, strict=True):
        out.append((s0, s0 + a, t0, t0 + b))
        s0, t0 = s0 + a, t0 + b
    return out


@functools.cache
def _other_cuts(
    cur_s: tuple[int, ...], cur_t: tuple[int, ...], max_bead: int
) -> tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]:
    """The cuts of a window other than its present one, in the order _best_cut tries them
    (a handful of window shapes: worked out once each)."""
    ns, nt = sum(cur_s), sum(cur_t)
    return tuple(
        (ss, ts)
        for k in range(1, min(ns, nt) + 1)
        for ss in _compositions(ns, k, max_bead)
        for ts in _compositions(nt, k, max_bead)
        if not (any(a + b > max_bead + 2 for a, b in zip(ss, ts, strict=True)) or (ss, ts) == (cur_s, cur_t))
    )


@functools.cache
def _window_cuts(
    cur_s: tuple[int, ...], cur_t: tuple[int, ...], max_bead: int
) -> tuple[tuple[tuple[tuple[int, ...], tuple[int, ...]], ...], list[tuple[int, int, int, int]],
           list[list[int]]]:
    """For a window shape: its other cuts, the groups of the present cut and of the others
    relative to the window's start (in _cut_spans order, repeats kept), and per cut (the
    present one first) which of those groups it adds up."""
    cands = _other_cuts(cur_s, cur_t, max_bead)
    rel: list[tuple[int, int, int, int]] = []
    groups: list[list[int]] = []
    for ss, ts in [(cur_s, cur_t), *cands]:
        spans = _cut_spans(0, 0, ss, ts)
        groups.append(list(range(len(rel), len(rel) + len(spans))))
        rel += spans
    return cands, rel, groups


#: the largest window _best_cut re-cuts, in sentences a side (the cuts grow exponentially)
CUT_MAX_SRC, CUT_MAX_TGT = 4, 5


def _best_cut(
    scores: _GroupScores, win_beads: Sequence[Bead], max_bead: int
) -> tuple[float, tuple[int, ...], tuple[int, ...]] | None:
    """The best other cut of a window of links, if it wins by the margin."""
    ns = sum(len(b.src) for b in win_beads)
    nt = sum(len(b.tgt) for b in win_beads)
    if ns > CUT_MAX_SRC or nt > CUT_MAX_TGT:
        return None
    s0, t0 = win_beads[0].src[0], win_beads[0].tgt[0]
    cur_s = tuple(len(b.src) for b in win_beads)
    cur_t = tuple(len(b.tgt) for b in win_beads)
    cands, rel, groups = _window_cuts(cur_s, cur_t, max_bead)
    spans = [(s0 + a, s0 + b, t0 + c, t0 + d) for a, b, c, d in rel]
    scores.prefetch(spans)
    got = [scores.cache[sp] for sp in spans]

    def cut(k: int) -> float:  # what scores.cut adds up, in its order
        tot = 0.0
        for g in groups[k]:
            tot += got[g]
        return tot

    cur = cut(0)
    margin = scores.p.rebound_margin * (sum(scores.lens[0][s0 : s0 + ns]) + sum(scores.lens[1][t0 : t0 + nt]))
    best: tuple[float, tuple[int, ...], tuple[int, ...]] | None = None
    for k, (ss, ts) in enumerate(cands, 1):
        gain = cut(k) - cur - margin
        if gain > 0 and (best is None or gain > best[0]):
            best = (gain, ss, ts)
    return best


def _window_spans(
    beads: Sequence[Bead], unc: Sequence[bool], i0: int, i1: int, most: int, max_bead: int
) -> list[list[tuple[int, int, int, int]]]:
    """Per window of links from ``i0`` to ``i1`` that the boundary pass may try (beads after a
    window it re-cut are the same as before, so these are all of them), the window's span
    then the groups of all its cuts: their grams are read in one batch, the groups scored in
    a few."""
    out = []
    for i in range(i0, min(i1, len(beads) - 1)):
        for w in range(2, most + 1):
            win = beads[i : i + w]
            if len(win) == w and all(b.src and b.tgt for b in win) and any(unc[i : i + w]):
                s0, t0 = win[0].src[0], win[0].tgt[0]
                sp = (s0, win[-1].src[-1] + 1, t0, win[-1].tgt[-1] + 1)
                if sp[1] - sp[0] <= CUT_MAX_SRC and sp[3] - sp[2] <= CUT_MAX_TGT:
                    rel = _window_cuts(tuple(len(b.src) for b in win), tuple(len(b.tgt) for b in win),
                                       max_bead)[1]
                    out.append([sp, *((s0 + a, s0 + b, t0 + c, t0 + d) for a, b, c, d in rel)])
    return out


#: the boundary pass scores the groups of consecutive windows together while their sentences
#: span at most this many a side (the matches are a dense table of sentences by shared grams)
BATCH_SENTENCES = 8


def _prefetch_windows(scores: _GroupScores, windows: Sequence[Sequence[tuple[int, int, int, int]]]) -> None:
    """Score the groups of consecutive windows that overlap or touch in one call of
    chrf._Grams.matches while their sentences span at most BATCH_SENTENCES a side (exact
    counts: the same scores as window by window), all the windows' scores at once."""
    batches: list[list[tuple[int, int, int, int]]] = []
    lo = hi = (0, 0)
    for win in windows:
        s0, s1, t0, t1 = win[0]
        if not batches or (s1 - lo[0] > BATCH_SENTENCES or t1 - lo[1] > BATCH_SENTENCES
                           or not lo[0] <= s0 <= hi[0] or not lo[1] <= t0 <= hi[1]):
            batches.append([])
            lo = hi = (s0, t0)
        hi = (max(hi[0], s1), max(hi[1], t1))
        batches[-1] += win[1:]
    scores.prefetch_batches(batches)


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
    scores: _GroupScores | None = None,
) -> list[Bead]:
    """Re-decide where the beads of a small window cut, by exact chrF of the MT of each source
    group against its target group: the DP's hashed, summed bags blur the n:m boundaries. Only
    windows of linked beads with an uncertain bead are tried (constant work each: linear)."""
    scores = scores or _GroupScores(mt_text, tgt_text, ls, lt, ratio, p)
    out = list(beads)
    unc = list(uncertain)
    i = loaded = 0
    while i < len(out) - 1:
        if i >= loaded:
            if i:  # windows only move forward: keep memory constant
                scores.clear()
            # the grams of the next windows' sentences, in one batch
            loaded = i + 512
            windows = _window_spans(out, unc, i, loaded + p.rebound_window, p.rebound_window, max_bead)
            scores.load(win[0] for win in windows)
            _prefetch_windows(scores, windows)
        best: tuple[float, int, tuple[int, ...], tuple[int, ...]] | None = None
        for w in range(2, p.rebound_window + 1):
            win = out[i : i + w]
            if len(win) < w or not all(b.src and b.tgt for b in win) or not any(unc[i : i + w]):
                continue
            got = _best_cut(scores, win, max_bead)
            if got is not None and (best is None or got[0] > best[0]):
                best = (got[0], w, got[1], got[2])
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
        loaded -= w - len(new)
        i += len(new)
    return out


def _edge_cuts(b: Bead) -> list[tuple[Bead, Bead, bool]]:
    """The ways of cutting one edge sentence off a link: (the rest, the sentence as a 1-0/0-1
    bead, whether it goes before the rest)."""
    out: list[tuple[Bead, Bead, bool]] = []
    if len(b.src) > 1:
        out.append((Bead(b.src[1:], b.tgt), Bead(b.src[:1], ()), True))
        out.append((Bead(b.src[:-1], b.tgt), Bead(b.src[-1:], ()), False))
    if len(b.tgt) > 1:
        out.append((Bead(b.src, b.tgt[1:]), Bead((), b.tgt[:1]), True))
        out.append((Bead(b.src, b.tgt[:-1]), Bead((), b.tgt[-1:]), False))
    return out


def _span(b: Bead) -> tuple[int, int, int, int]:
    return b.src[0], b.src[-1] + 1, b.tgt[0], b.tgt[-1] + 1


def _size(scores: _GroupScores, lone: Bead) -> float:
    return float(scores.ls[lone.src[0]] if lone.src else scores.lt[lone.tgt[0]])


def _gain_per_char(scores: _GroupScores, whole: Bead, rest: Bead, lone: Bead) -> float:
    """What a sentence adds to its bead's length-weighted chrF score, per character of it."""
    return (scores.group(*_span(whole)) - scores.group(*_span(rest))) / max(_size(scores, lone), 1.0)


_OPENS_NEXT = (",", ";", ":", "-")
_WORD = re.compile(r"[^\W\d_]{2,}")
_CONTINUES = (",", ";", ")", ".", "»")


def _glued(text: str, first: bool) -> bool:
    """Whether punctuation ties an edge sentence to the rest of its bead: a first sentence
    that ends in a comma, colon or semicolon, a last one that starts in lower case or with
    closing punctuation or closes a bracket it did not open (a sentence the segmenter cut, as
    OCR text often is: «( n° 57 du rôle des sherpas de l' H .» + «C ) .»)."""
    t = text.strip()
    if not t:
        return False
    if first:
        return t.endswith(_OPENS_NEXT)
    if t.count(")") > t.count("("):
        return True
    # OCR debris without a word («.....», «h * "») reads as no clause: its first character
    # ties it to nothing, so the detach pass may leave it out (issue 16: gold leaves it out)
    return (t[0].islower() or t.startswith(_CONTINUES)) and _WORD.search(t) is not None


def _cuts(
    scores: _GroupScores, b: Bead, texts: tuple[Sequence[str], Sequence[str]], longest: float
) -> list[tuple[Bead, Bead, bool]]:
    """The edge cuts of ``b`` that _detach weighs: short sentences that punctuation does not tie."""
    return [(rest, lone, first) for rest, lone, first in _edge_cuts(b)
            if _size(scores, lone) <= longest
            and not _glued(texts[0][lone.src[0]] if lone.src else texts[1][lone.tgt[0]], first)]


def _detach(
    scores: _GroupScores, beads: Sequence[Bead], tau: float, texts: tuple[Sequence[str], Sequence[str]],
    longest: float = math.inf,
) -> list[Bead]:
    """Cut off an edge sentence of an n-m link as left out when it adds less than ``tau`` per
    character to the link's chrF score, repeatedly: a photo caption or a translator's credit
    glued to a neighbouring sentence adds length and almost no matching grams. A sentence
    that punctuation ties to its neighbour stays (see _glued), and so does one longer than
    ``longest`` characters (what the search wrongly glues is short; sparing the long ones
    spares most of the pass's chrF computations)."""
    out: list[Bead] = []
    for k, b in enumerate(beads):
        if k % 512 == 511:  # keep the caches small on long texts
            scores.clear()
        if k == 0 or k % 512 == 511:
            # the grams of the next links it may cut in one batch, and their first cuts scored
            # a few links at a time
            links = [[_span(x), _span(x), *(_span(rest) for rest, _, _ in cuts)]
                     for x in beads[k : k + 513] if x.is_nm
                     for cuts in [_cuts(scores, x, texts, longest)] if cuts]
            scores.load(win[0] for win in links)
            _prefetch_windows(scores, links)
        out += peel(b, lambda link: _worst_cut(scores, link, texts, tau, longest))
    return out


def _worst_cut(
    scores: _GroupScores, b: Bead, texts: tuple[Sequence[str], Sequence[str]], tau: float, longest: float,
) -> tuple[Bead, Bead, bool] | None:
    """The edge cut of ``b`` whose sentence adds least per character, if under ``tau``."""
    cuts = _cuts(scores, b, texts, longest)
    if cuts:
        scores.prefetch([_span(b), *(_span(rest) for rest, _, _ in cuts)])
    best = min(
        ((_gain_per_char(scores, b, rest, lone), rest, lone, first) for rest, lone, first in cuts),
        key=lambda t: t[0], default=None,
    )
    if best is None or best[0] >= tau:
        return None
    return best[1], best[2], best[3]


def peel(b: Bead, cut: Callable[[Bead], tuple[Bead, Bead, bool] | None]) -> list[Bead]:
    """The n-m link ``b`` with the edge sentences ``cut`` leaves out, one at a time until it
    leaves none or ``b`` is 1-1: the left-out sentences as 1-0/0-1 beads in their places
    (``cut`` gives the rest of the link, the sentence and whether it came first)."""
    before: list[Bead] = []
    after: list[Bead] = []
    while b.is_nm:
        got = cut(b)
        if got is None:
            break
        b, lone, first = got
        if first:
            before.append(lone)
        else:
            after.insert(0, lone)
    return [*before, b, *after]


def _grown(link: Bead, lone: Bead, max_bead: int) -> Bead | None:
    """``link`` with the left-out sentence ``lone`` added, if it is adjacent and fits."""
    src, tgt = link.src, link.tgt
    if lone.src:
        x = lone.src[0]
        src = (x, *src) if x == src[0] - 1 else (*src, x) if x == src[-1] + 1 else ()
    else:
        x = lone.tgt[0]
        tgt = (x, *tgt) if x == tgt[0] - 1 else (*tgt, x) if x == tgt[-1] + 1 else ()
    if not src or not tgt or max(len(src), len(tgt)) > max_bead or len(src) + len(tgt) > max_bead + 2:
        return None
    return Bead(src, tgt)


def _attach_glued(
    beads: Sequence[Bead], texts: tuple[Sequence[str], Sequence[str]], max_bead: int
) -> list[Bead]:
    """Attach a left-out sentence that punctuation ties to a neighbouring link (see _glued): a
    clause the segmenter cut off («which also states that the Plenary adopt
    recommendations,») is part of a translated sentence, not a sentence left out."""
    out = list(beads)
    k = 0
    while k < len(out):
        b = out[k]
        text = texts[0][b.src[0]] if b.src else texts[1][b.tgt[0]] if b.tgt else ""
        grown = None
        if not b.is_link:
            for nb, first in ((k - 1, False), (k + 1, True)):
                if 0 <= nb < len(out) and out[nb].is_link and _glued(text, first):
                    grown = _grown(out[nb], b, max_bead)
                    if grown is not None:
                        out[nb] = grown
                        del out[k]
                        break
        if grown is None:
            k += 1
    return out


def _script(texts: Sequence[str]) -> str:
    """The script most letters of a sample of the text are written in (LATIN, CYRILLIC...);
    letters below U+0250 are Latin without a Unicode name lookup."""
    from collections import Counter

    from parley.align.lang import char_script

    sample = "".join(texts[:: max(1, len(texts) // 100)])[:4000]
    letters = [ch for ch in sample if ch.isalpha()]
    latin = sum(ch < "\u0250" for ch in letters)
    if not letters or 2 * latin >= len(letters):
        return "LATIN" if letters else ""
    seen = Counter(char_script(ch) for ch in letters if ch >= "\u0250")
    return seen.most_common(1)[0][0]


def same_script(src: Sequence[str], tgt: Sequence[str]) -> bool:
    """Whether the chrF of the source itself against the target can see cognates and names."""
    return _script(src) == _script(tgt)


def _unaligned_pass(
    beads: Sequence[Bead],
    mt_text: Sequence[str],
    texts: tuple[Sequence[str], Sequence[str]],
    ls: NDArray[np.float64],
    lt: NDArray[np.float64],
    ratio: float,
    p: AlignParams,
    tau: float,
    max_bead: int,
    scores: _GroupScores | None = None,
) -> list[Bead]:
    """Leave out the edge sentences of links that add less than ``tau`` per character to
    their link's exact chrF score (see _detach). ``mt_text`` is the MT of the source, or
    without MT the source itself (names, numbers and cognates still match); ``texts`` the
    source and target sentences."""
    if p.attach_glued:
        beads = _attach_glued(beads, texts, max_bead)
    if tau == -math.inf:
        return list(beads)
    if scores is None:
        scores = _GroupScores(mt_text, texts[1], ls, lt, ratio, p)
    scores.clear()
    beads = _detach(scores, beads, tau, texts, p.detach_max_len)
    # a sentence cut off one link may be tied to the other one («Jú,» closing a 1-2 link opens
    # the next sentence)
    return _attach_glued(beads, texts, max_bead) if p.attach_glued else beads
