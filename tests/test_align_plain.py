"""The plain-sentence pass (parley/align/plain.py): a short plain sentence the search left out
joins the link before it (or after it); captions, credits and debris stay out (issue 16)."""

from __future__ import annotations

from parley.align.model import Bead
from parley.align.plain import join_plain, plain


def test_what_counts_as_a_plain_sentence() -> None:
    assert plain("Souvent visité depuis .", 60)
    assert plain("Tenter une voie de ce côté serait un pur suicide .", 60)
    assert not plain("Tenter une voie de ce côté serait un pur suicide .", 40)  # too long
    assert not plain("Phot. M. Kurz", 60)  # no sentence end, and a name
    assert not plain("Photo prise par Marcel Kurz .", 60)  # a name after the first word
    assert not plain("Lhotsé ( 8501 m ) .", 60)  # a number
    assert not plain("Oh .", 60)  # too few words to be a clause
    assert not plain("les Britanniques arrivaient au sommet .", 60)  # lower case: _glued's business
    assert not plain('h * " .', 60)  # debris


SRC = ["Erstersteigung 1933 durch Abalakow , seitdem wiederholt besucht .",
       "Pik Korzhenewskaya , 7105 m , im Alai-Pamir , schwer zugänglich ."]
TGT = ["Première ascension en 1933 par Abalakow .", "Souvent visité depuis .",
       "Pik Korzhenewskaya , 7105 m , dans l' Alaï Pamir ; accès difficile ."]


def test_a_plain_left_out_sentence_joins_the_link_before_it_within_max_bead() -> None:
    beads = [Bead((0,), (0,)), Bead((), (1,)), Bead((1,), (2,))]
    out = join_plain(beads, (SRC, TGT), 60, 4)
    assert [(b.src, b.tgt) for b in out] == [((0,), (0, 1)), ((1,), (2,))]
    # max_bead 1: neither neighbour may grow, nothing moves
    assert join_plain(beads, (SRC, TGT), 60, 1) == beads
    # the link before it is full on that side (max_bead 2): the link after it takes it
    src2 = [SRC[0], SRC[1], "Pik Lenin , 7134 m ."]
    tgt2 = ["Première ascension en 1933 .", "Par Abalakow .", "Souvent visité depuis .",
            "Pik Korzhenewskaya , 7105 m , dans l' Alaï Pamir ; accès difficile .", "Pik Lenin , 7134 m ."]
    beads2 = [Bead((0,), (0, 1)), Bead((), (2,)), Bead((1,), (3,)), Bead((2,), (4,))]
    out = join_plain(beads2, (src2, tgt2), 60, 2)
    assert [(b.src, b.tgt) for b in out] == [((0,), (0, 1)), ((1,), (2, 3)), ((2,), (4,))]


def test_captions_and_credits_stay_left_out() -> None:
    tgt = [TGT[0], "(Traduit de l'allemand par Marcel Kurz) .", TGT[2]]
    beads = [Bead((0,), (0,)), Bead((), (1,)), Bead((1,), (2,))]
    assert join_plain(beads, (SRC, tgt), 60, 4) == beads
    # and so does a plain sentence with no link beside it
    alone = [Bead((), (0,)), Bead((), (1,))]
    assert join_plain(alone, (SRC, TGT), 60, 4) == alone


def test_a_run_of_left_out_sentences_stays_out() -> None:
    # a dropped paragraph of plain sentences: none of them is a piece split off a neighbour
    tgt = [TGT[0], "Souvent visité depuis .", "Il conviendra de s' en tenir là .", TGT[2]]
    beads = [Bead((0,), (0,)), Bead((), (1,)), Bead((), (2,)), Bead((1,), (3,))]
    assert join_plain(beads, (SRC, tgt), 60, 4) == beads


def test_where_paragraphs_are_marked_it_joins_within_its_own_only() -> None:
    beads = [Bead((0,), (0,)), Bead((), (1,)), Bead((1,), (2,))]
    # the left-out sentence closes the first link's paragraph: it joins that link
    same = ([0, 1], [0, 0, 1])
    out = join_plain(beads, (SRC, TGT), 60, 4, same)
    assert [(b.src, b.tgt) for b in out] == [((0,), (0, 1)), ((1,), (2,))]
    # it opens the next link's paragraph: it joins the link after it
    after = ([0, 1], [0, 1, 1])
    out = join_plain(beads, (SRC, TGT), 60, 4, after)
    assert [(b.src, b.tgt) for b in out] == [((0,), (0,)), ((1,), (1, 2))]
    # alone in its paragraph (an omission QA should report): it stays left out
    own = ([0, 1], [0, 1, 2, 2])
    assert join_plain(beads, (SRC, [*TGT, "x"]), 60, 4, own) == beads
