"""The stray-name pass (parley/align/strays.py): an edge sentence whose names the link's other
side never mentions is left out (issue 16)."""

from __future__ import annotations

import numpy as np

from parley.align.boundary import _GroupScores
from parley.align.model import Bead
from parley.align.params import AlignParams
from parley.align.strays import caps_share, detach_strays

SRC = ["Am 9. Mai erreichten Imanishi und der Sherpa Gyalzen den Gipfel des Manaslu ."]


def _detach(tgt: list[str], beads: list[Bead], src: list[str] = SRC, tau: float = 0.1) -> list[Bead]:
    """The pass on one link; a toy text is mostly names, so no side is ruled out by its capitals."""
    ls = np.array([len(t) for t in src], dtype=np.float64)
    lt = np.array([len(t) for t in tgt], dtype=np.float64)
    scores = _GroupScores(src, tgt, ls, lt, 1.0, AlignParams())
    return detach_strays(scores, beads, (src, tgt), tau, 1.0, 100.0)


def test_a_glued_credit_naming_someone_the_source_lacks_is_left_out() -> None:
    tgt = ["Le 9 mai , Imanishi et le sherpa Gyalzen atteignirent le sommet du Manaslu .",
           "Photo J. Coulin"]
    out = _detach(tgt, [Bead((0,), (0, 1))])
    assert [(b.src, b.tgt) for b in out] == [((0,), (0,)), ((), (1,))]
    # first in its bead, it goes before the link
    out = _detach(tgt[::-1], [Bead((0,), (0, 1))])
    assert [(b.src, b.tgt) for b in out] == [((), (0,)), ((0,), (1,))]
    # off: the bar below every gain
    assert _detach(tgt, [Bead((0,), (0, 1))], tau=-50.0) == [Bead((0,), (0, 1))]


def test_a_sentence_whose_names_or_numbers_the_other_side_holds_stays() -> None:
    beads = [Bead((0,), (0, 1))]
    head = "Le 9 mai , Imanishi et le sherpa Gyalzen atteignirent le sommet ."
    # the name stands in the source: part of the translation
    assert _detach([head, "C'était le Manaslu ."], beads) == beads
    # a number shared with the source ties it too
    assert _detach([head, "Photo Coulin , le 9 mai 1956 ."], beads, src=[SRC[0][:-1] + "1956 ."]) == beads
    # no name at all: nothing to go by (the detach pass decides such sentences)
    assert _detach([head, "Ce fut une belle journée ."], beads) == beads
    # a sentence's first word is capitalised whatever it is: no name
    assert _detach([head, "Magnifique journée ensoleillée ."], beads) == beads
    # a 1-1 link has no edge sentence to leave out
    assert _detach([head], [Bead((0,), (0,))]) == [Bead((0,), (0,))]


def test_capitals_mark_no_names_on_a_side_that_capitalises_nouns() -> None:
    assert caps_share(SRC * 3) > 0.3  # Mai, Imanishi, Sherpa, Gyalzen, Gipfel, Manaslu
    assert caps_share(["Le 9 mai , Imanishi et le sherpa atteignirent le sommet ."]) < 0.2
    # a German sentence glued to a German link: its nouns are no names
    src = ["Wir gingen weiter .", "Die Fährte führte zum Fluss ."]
    tgt = ["Nous continuâmes ."]
    ls = np.array([len(t) for t in src], dtype=np.float64)
    lt = np.array([len(t) for t in tgt], dtype=np.float64)
    scores = _GroupScores(src, tgt, ls, lt, 1.0, AlignParams())
    assert detach_strays(scores, [Bead((0, 1), (0,))], (src, tgt), 0.1, 0.2, 100.0) == [Bead((0, 1), (0,))]
    assert detach_strays(scores, [Bead((0, 1), (0,))], (src, tgt), 0.1, 1.0, 100.0) != [Bead((0, 1), (0,))]
