"""The seam pass (parley/align/seams.py): two links that a number or name crosses are one bead."""

from __future__ import annotations

from parley.align.model import Bead
from parley.align.seams import merge_crossed

SRC = [
    "Die ersten beiden Seillängen hatten Stunden gekostet , 250 Höhenmeter erforderten zwei Tage .",
    "Sechs Stunden Steigeisenarbeit an der Grenze des Gleichgewichts .",
    "Morgen ging es weiter .",
]
TGT = [
    "Les deux premières longueurs de corde coûtèrent des heures d' efforts .",
    "Il fallut deux jours pour gravir 250 m. Six heures de cramponnage à la limite de l' équilibre .",
    "Le lendemain on repartit .",
]
ONE_ONE = [Bead((0,), (0,)), Bead((1,), (1,)), Bead((2,), (2,))]


def test_a_number_across_the_seam_merges_the_two_links() -> None:
    assert merge_crossed(ONE_ONE, (SRC, TGT), 4, names=False) == [Bead((0, 1), (0, 1)), Bead((2,), (2,))]


def test_a_number_on_both_sides_of_one_link_does_not_merge() -> None:
    tgt = [TGT[0] + " 250 m.", *TGT[1:]]
    assert merge_crossed(ONE_ONE, (SRC, tgt), 4, names=False) == ONE_ONE


def test_a_name_crosses_only_where_the_other_side_lacks_the_word_in_any_case() -> None:
    src = ["Russia relies on the Joint Comprehensive Plan of Action .",
           "The action plan was secured by the UNSC ."]
    tgt = ["Россия опирается на Совместный всеобъемлющий план действий .", "План действий закреплён СБ ООН ."]
    beads = [Bead((0,), (0,)), Bead((1,), (1,))]
    # «Plan» (capitalised) stands in the first source and the second target, but the second
    # source holds «plan» in lower case: no crossing
    assert merge_crossed(beads, (src, tgt), 4, names=True) == beads
    # where neither the first target nor the second source holds it, it crosses
    src2 = [src[0], "It was secured by the UNSC ."]
    tgt2 = ["Россия опирается на СВПД .", tgt[1]]
    assert merge_crossed(beads[:2], (src2, tgt2), 4, names=True) == [Bead((0, 1), (0, 1))]
    assert merge_crossed(beads, (src2, tgt2), 4, names=False) == beads


def test_merges_stop_at_the_largest_bead_and_skip_left_out_sentences() -> None:
    assert merge_crossed(ONE_ONE, (SRC, TGT), 1, names=False) == ONE_ONE
    beads = [Bead((0,), (0,)), Bead((), (1,)), Bead((1,), (2,)), Bead((2,), ())]
    assert merge_crossed(beads, (SRC, TGT), 4, names=False) == beads


def test_a_common_word_opening_a_sentence_is_no_name() -> None:
    # «Применение» (skeleton prmn) opens the first target and «Permanent» stands in the second
    # source: a chance match of skeletons, since the text also writes «применение» in lower case
    src = ["Turkey used military force against the shrine .", "The Permanent Mission of Argentina presents .",
           "It follows the rules ."]
    tgt = ["Применение Турцией силы против святыни .", "Постоянное представительство Аргентины .",
           "Оно соблюдает правила ; применение ."]
    beads = [Bead((0,), (0,)), Bead((1,), (1,)), Bead((2,), (2,))]
    assert merge_crossed(beads, (src, tgt), 4, names=True) == beads
    # without the lower-case «применение» elsewhere, «Применение» might be a name
    assert merge_crossed(beads, (src, [*tgt[:2], "Оно соблюдает правила ."]), 4, names=True)[0] == Bead(
        (0, 1), (0, 1))
    # a name that opens a sentence still counts when the text never writes it in lower case
    src2 = ["The report was adopted .", "It thanks Morawec for his work ."]
    tgt2 = ["Morawec a présenté le rapport , qui fut adopté .", "Il le remercie de son travail ."]
    assert merge_crossed(beads[:2], (src2, tgt2), 4, names=True) == [Bead((0, 1), (0, 1))]
