"""Which of two neighbouring sentences a 1-1 link takes, and which is left out (issue 16).

The search sometimes leaves out the wrong one of two adjacent sentences: «4. L'expédition
bornera...» is left out and «5. Le Gouvernement...» linked to «4. Die Expedition hat...»,
because the length term (the German sentence is long, the true partner short) outweighs the
similarity by a few hundredths. When the link's other candidate, the left-out sentence next
to it on the same side, is the better partner by *both* kinds of evidence, the bags' cosine
of the search and the exact chrF of the boundary pass, and costs the search at most
``swap_tol`` more, the link takes it and the other sentence is left out. The number of
left-out sentences does not change, only which ones: no deletion cost to calibrate.

Numbers stand in for the chrF when they tell the two apart: a list's item numbers («4.» and
«4.», not «5.») survive any translation, while a few shared words of a longer neighbour can
outweigh them in the chrF. So the link also swaps when the cosine prefers the other sentence
and the numbers do (it shares a number with the link's other side that the present partner
does not, and the present partner shares none that it lacks), at the same cost bound."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from parley.align.confidence import _span_costs
from parley.align.model import Bead

if TYPE_CHECKING:
    from parley.align.boundary import _GroupScores
    from parley.align.search import _Level, _Scorer


#: a number as the sentence writes it, one digit or more («4.», «1952/53»: 1952 and 53)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _numbers(text: str) -> frozenset[str]:
    return frozenset(n.rstrip(".,").replace(",", ".") for n in _NUMBER.findall(text))


def _numbers_prefer(texts: tuple[Sequence[str], Sequence[str]], cur: Bead, alt: Bead) -> bool:
    """Whether ``alt`` shares a number across its sides that ``cur`` does not share, and
    ``cur`` shares none that ``alt`` does not (one side of the two 1-1 links is the same)."""
    def shared(b: Bead) -> frozenset[str]:
        return _numbers(texts[0][b.src[0]]) & _numbers(texts[1][b.tgt[0]])

    a, c = shared(alt), shared(cur)
    return bool(a - c) and not c - a


def _cosine(lv: _Level, s: int, t: int) -> float:
    """The search's similarity of one sentence pair: the cosine of their bags, the unexplained
    mass of each counted in its norm (as in the search's cost)."""
    ns = float(lv.null_s[s]) if lv.null_s is not None else 0.0
    nt = float(lv.null_t[t]) if lv.null_t is not None else 0.0
    x, y = lv.x[s], lv.y[t]
    den = math.sqrt((float(x @ x) + ns) * (float(y @ y) + nt))
    return float(x @ y) / den if den > 0 else 0.0


def _alternative(link: Bead, lone: Bead) -> tuple[Bead, Bead] | None:
    """The 1-1 ``link`` with its sentence on ``lone``'s side replaced by ``lone``'s (adjacent),
    and the sentence it gives up as left out; None if they are not neighbours."""
    if lone.src and abs(lone.src[0] - link.src[0]) == 1:
        return Bead(lone.src, link.tgt), Bead(link.src, ())
    if lone.tgt and abs(lone.tgt[0] - link.tgt[0]) == 1:
        return Bead(link.src, lone.tgt), Bead((), link.tgt)
    return None


def _better(
    lv: _Level, scorer: _Scorer, scores: _GroupScores, cur: Bead, alt: Bead, tol: float,
    texts: tuple[Sequence[str], Sequence[str]] | None = None,
) -> bool:
    """Whether ``alt`` wins by the cosine and by the chrF score (or by the numbers of
    ``texts``, the source and target sentences) and costs at most ``tol`` more."""
    if _cosine(lv, alt.src[0], alt.tgt[0]) <= _cosine(lv, cur.src[0], cur.tgt[0]):
        return False
    spans = [(b.src[0], b.src[0] + 1, b.tgt[0], b.tgt[0] + 1) for b in (cur, alt)]
    if scores.group(*spans[1]) <= scores.group(*spans[0]) and not (
            texts is not None and _numbers_prefer(texts, cur, alt)):
        return False
    c_cur, c_alt = _span_costs(lv, scorer, spans).tolist()
    return bool(c_alt - c_cur <= tol)


def swap_left_out(
    beads: Sequence[Bead], lv: _Level, scorer: _Scorer, scores: _GroupScores, tol: float,
    texts: tuple[Sequence[str], Sequence[str]] | None = None,
) -> list[Bead]:
    """Give each 1-1 link the better of its sentence and the left-out one next to it on the
    same side (see the module docstring); the beads stay in order. One look per link: linear.
    ``texts`` (source and target sentences) lets numbers decide where the chrF does not."""
    out = list(beads)
    for k, b in enumerate(out):
        if b.kind != "1-1":
            continue
        for nb in (k - 1, k + 1):
            if not 0 <= nb < len(out) or out[nb].is_link:
                continue
            got = _alternative(out[k], out[nb])
            if got is not None and _better(lv, scorer, scores, out[k], got[0], tol, texts):
                link, lone = got
                # the link takes the neighbour's place in the order, the freed sentence its own
                out[k], out[nb] = lone, link
                break
    return out
