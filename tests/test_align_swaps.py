"""The swap pass (parley/align/swaps.py): a 1-1 link next to a left-out sentence on the same
side takes that sentence when both kinds of evidence prefer it (issue 16)."""

from __future__ import annotations

import numpy as np

from parley.align.boundary import _GroupScores
from parley.align.model import Bead
from parley.align.params import AlignParams
from parley.align.search import _Level, _Scorer
from parley.align.swaps import swap_left_out

SRC = ["4. Die Expedition beschränkt ihre Tätigkeit auf den Berg Kangchenjunga ."]
TGT = ["5. Le Gouvernement népalais peut retirer son autorisation en tout temps .",
       "4. L' expédition bornera son activité à la montagne Kangchenjunga ."]


def _setup(src: list[str], tgt: list[str], x: list[list[float]], y: list[list[float]]
           ) -> tuple[_Level, _Scorer, _GroupScores]:
    p = AlignParams()
    ls = np.array([len(t) for t in src], dtype=np.float64)
    lt = np.array([len(t) for t in tgt], dtype=np.float64)
    lv = _Level(np.array(x, dtype=np.float32), np.array(y, dtype=np.float32), ls, lt, None, None,
                np.zeros(len(src)), np.zeros(len(tgt)))
    scorer = _Scorer(lv, 1.0, p, {(1, 1): 0.0})
    return lv, scorer, _GroupScores(src, tgt, ls, lt, 1.0, p)


def test_a_link_takes_the_left_out_neighbour_that_both_similarities_prefer() -> None:
    # the bags: the source shares its features with the second target sentence only
    lv, scorer, scores = _setup(SRC, TGT, [[1, 1, 0, 0]], [[0, 0.2, 1, 0], [1, 1, 0, 0]])
    beads = [Bead((0,), (0,)), Bead((), (1,))]
    out = swap_left_out(beads, lv, scorer, scores, 0.1)
    assert [(b.src, b.tgt) for b in out] == [((), (0,)), ((0,), (1,))]
    # the other way round (the left-out sentence before the link) too
    lv2, scorer2, scores2 = _setup(SRC, TGT[::-1], [[1, 1, 0, 0]], [[1, 1, 0, 0], [0, 0.2, 1, 0]])
    out2 = swap_left_out([Bead((), (0,)), Bead((0,), (1,))], lv2, scorer2, scores2, 0.1)
    assert [(b.src, b.tgt) for b in out2] == [((0,), (0,)), ((), (1,))]


def test_no_swap_when_one_kind_of_evidence_disagrees_or_it_costs_too_much() -> None:
    beads = [Bead((0,), (0,)), Bead((), (1,))]
    # the bags prefer the left-out sentence but its text shares nothing with the source
    other = [TGT[1], "Bild: J. Coulin"]
    lv, scorer, scores = _setup(SRC, other, [[1, 1, 0, 0]], [[0, 0.2, 1, 0], [1, 1, 0, 0]])
    assert swap_left_out(beads, lv, scorer, scores, 0.1) == beads
    # both prefer it, but the search's cost may not rise at all
    lv, scorer, scores = _setup(SRC, TGT, [[1, 1, 0, 0]], [[0.9, 1, 0, 0], [1, 1, 0, 0]])
    assert swap_left_out(beads, lv, scorer, scores, -1.0) == beads
    # a left-out sentence that is not next to the link is never taken
    far = [Bead((0,), (0,)), Bead((), (2,))]
    y = [[0, 0.2, 1, 0], [0, 0, 0, 1], [1, 1, 0, 0]]
    lv, scorer, scores = _setup(SRC, [*TGT, TGT[1]], [[1, 1, 0, 0]], y)
    assert swap_left_out(far, lv, scorer, scores, 0.1) == far


def test_numbers_decide_where_the_chrf_does_not() -> None:
    # the present partner shares more words with the source than the numbered one («4.»
    # against «4.», not «5.»): the chrF prefers it, the bags and the numbers do not
    src = ["4. Die Expedition hat ihre Tätigkeit auf den Berg zu beschränken , "
           "den die Regierung von Nepal erlaubt ."]
    tgt = ["5. La Regierung von Nepal peut retirer son autorisation de la Expedition en tout temps .",
           "4. L' expédition bornera son activité à la montagne ."]
    x, y = [[1, 1, 0, 0]], [[0, 0.2, 1, 0], [1, 0.9, 0, 0]]
    beads = [Bead((0,), (0,)), Bead((), (1,))]
    lv, scorer, scores = _setup(src, tgt, x, y)
    assert scores.group(0, 1, 1, 2) < scores.group(0, 1, 0, 1)  # the chrF alone would keep it
    assert swap_left_out(beads, lv, scorer, scores, 0.1) == beads
    out = swap_left_out(beads, lv, scorer, scores, 0.1, (src, tgt))
    assert [(b.src, b.tgt) for b in out] == [((), (0,)), ((0,), (1,))]
    # numbers that do not tell them apart (both or neither share one) leave the chrF to decide
    same = [tgt[0].replace("5.", "4."), tgt[1]]
    lv, scorer, scores = _setup(src, same, x, y)
    assert swap_left_out(beads, lv, scorer, scores, 0.1, (src, same)) == beads
