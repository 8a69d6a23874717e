"""Alignment engine: invariants, behaviour on real text, and the scorer."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parley.align.aligner import (
    AlignParams,
    align_segments,
    align_texts,
    beads_to_bitext,
    segments_from_lines,
)
from parley.align.errors import FormatError
from parley.align.evaluate import format_beads, parse_beads, read_beads, score_alignment, write_beads
from parley.align.model import Bead, Segment
from parley.align.reader import read_document
from parley.align.segment import get_segmenter, segment_document


def _seed(seeds: Path, lang: str) -> list[Segment]:
    doc = read_document(seeds / f"lavrov-2018-02-07.{lang}.txt", lang=lang)
    return segment_document(doc, lang, get_segmenter(lang))


def _check_cover(beads: list[Bead], n: int, m: int) -> None:
    assert [i for b in beads for i in b.src] == list(range(n))
    assert [j for b in beads for j in b.tgt] == list(range(m))
    assert all(b.src or b.tgt for b in beads)
    assert all(0.0 <= b.confidence <= 1.0 for b in beads)


def test_identical_texts_give_confident_one_to_one(seeds: Path) -> None:
    lines = [s.norm for s in _seed(seeds, "en")][:120]
    beads = align_texts(lines, lines, src_lang="en", tgt_lang="en")
    assert [b.kind for b in beads] == ["1-1"] * len(lines)
    assert all(b.src == b.tgt for b in beads)
    assert min(b.confidence for b in beads) > 0.8
    assert sum(b.confidence for b in beads) / len(beads) > 0.97


def test_deleted_paragraph_gives_one_to_zero_beads(seeds: Path) -> None:
    src, tgt = _seed(seeds, "en"), _seed(seeds, "ru")
    gone = 20
    kept = [s for s in tgt if s.paragraph != gone]
    cut = {s.index for s in src if s.paragraph == gone}
    beads = align_segments(src, kept, src_lang="en", tgt_lang="ru")
    _check_cover(beads, len(src), len(kept))
    dropped = {b.src[0] for b in beads if b.kind == "1-0"}
    # without MT or a lexicon the gap's edges are uncertain (the report flags them as
    # low-confidence), but the gap shows as 1-0 beads and nothing is dropped on the target side
    assert dropped & cut
    assert not any(b.kind == "0-1" for b in beads)
    # far from the gap the alignment is untouched
    full = align_segments(src, tgt, src_lang="en", tgt_lang="ru")
    shift = {j: j - (j >= min(s.index for s in tgt if s.paragraph == gone)) * len(
        [s for s in tgt if s.paragraph == gone]) for j in range(len(tgt))}
    lo, hi = min(cut) - 8, max(cut) + 8
    before = {(b.src, tuple(shift[j] for j in b.tgt)) for b in full if b.src and not lo <= b.src[0] <= hi}
    after = {(b.src, b.tgt) for b in beads if b.src and not lo <= b.src[0] <= hi}
    assert len(before & after) >= 0.97 * len(before)


def test_shuffled_texts_get_low_confidence(seeds: Path) -> None:
    src = [s.norm for s in _seed(seeds, "en")][:150]
    tgt = [s.norm for s in _seed(seeds, "ru")][:150]
    good = align_texts(src, tgt, src_lang="en", tgt_lang="ru")
    shuffled = tgt[:]
    random.Random(3).shuffle(shuffled)
    bad = align_texts(src, shuffled, src_lang="en", tgt_lang="ru")
    mean = lambda bs: sum(b.confidence for b in bs if b.is_link) / max(1, sum(b.is_link for b in bs))  # noqa: E731
    assert mean(good) > mean(bad) + 0.3
    assert mean(bad) < 0.35


def test_seed_pair_is_aligned_well(seeds: Path) -> None:
    from parley.align.evaluate import beads_from_units

    src, tgt = _seed(seeds, "en"), _seed(seeds, "ru")
    rows = (seeds / "lavrov-2018-02-07.en-ru.gold.tsv").read_text(encoding="utf-8").splitlines()[1:]
    units = [[*r.split("\t"), ""][:2] for r in rows]
    texts = [(seeds / f"lavrov-2018-02-07.{lang}.txt").read_text(encoding="utf-8") for lang in ("en", "ru")]
    gold = beads_from_units([(a, b) for a, b in units], texts[0], src, texts[1], tgt)
    assert sum(len(b.src) for b in gold) == len(src)
    beads = align_segments(src, tgt, src_lang="en", tgt_lang="ru")
    assert score_alignment([beads], [gold])["f1_strict"] >= 0.95
    # the site boilerplate after the speech is kept, as unaligned source sentences
    assert all(b.kind == "1-0" for b in beads[-10:])
    # and the last line of the speech links with its translation, not with the boilerplate
    last = next(b for b in reversed(beads) if b.is_link)
    assert [src[i].norm for i in last.src] == ["Thank you very much."]
    assert [tgt[j].norm for j in last.tgt] == ["Спасибо большое."]


_words = st.text(alphabet="abcdefgh Ивмн12.?", min_size=0, max_size=30)


@settings(max_examples=40, deadline=None)
@given(st.lists(_words, max_size=14), st.lists(_words, max_size=14), st.integers(1, 4))
def test_no_sentence_is_lost(src: list[str], tgt: list[str], max_bead: int) -> None:
    beads = align_texts(src, tgt, src_lang="en", tgt_lang="ru", max_bead=max_bead)
    _check_cover(beads, len(src), len(tgt))
    for b in beads:
        assert len(b.src) <= max_bead and len(b.tgt) <= max_bead


def test_mt_lines_must_match_source() -> None:
    from parley.align.errors import UsageError

    with pytest.raises(UsageError):
        align_texts(["a.", "b."], ["x."], src_lang="en", tgt_lang="fr", mt=["x."])


def test_lexicon_helps_a_pair_without_anchors() -> None:
    src = ["The dog sleeps.", "A cat eats fish now.", "Birds sing loudly today in the garden."]
    tgt = ["Собака спит.", "Кошка ест рыбу сейчас.", "Птицы громко поют сегодня в саду."]
    lex = {"dog": {"собака"}, "cat": {"кошка"}, "fish": {"рыба"}, "birds": {"птицы"}, "garden": {"сад"}}
    beads = align_texts(src, tgt, src_lang="en", tgt_lang="ru", lexicon=lex)
    assert [(b.src, b.tgt) for b in beads] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]


def test_beads_to_bitext_keeps_empty_sides() -> None:
    src = segments_from_lines(["One.", "Two.", "Three."], [0, 0, 1])
    tgt = segments_from_lines(["Один.", "Три."])
    beads = [Bead((0,), (0,), 0.9), Bead((1,), (), 0.4), Bead((2,), (1,), 0.8)]
    bt = beads_to_bitext(beads, src, tgt, "en", "ru", document="a.txt")
    assert [(u.source, u.target, u.bead) for u in bt] == [
        ("One.", "Один.", "1-1"), ("Two.", "", "1-0"), ("Three.", "Три.", "1-1")]
    assert [u.paragraph for u in bt] == [0, 0, 1]
    assert bt.units[1].confidence == 0.4 and bt.units[0].document == "a.txt"


def test_bead_file_round_trip(tmp_path: Path) -> None:
    beads = [Bead((0, 1), (0,)), Bead((), (1,)), Bead((2,), ())]
    write_beads(tmp_path / "x.beads", beads)
    assert (tmp_path / "x.beads").read_text() == "[0, 1]:[0]\n[]:[1]\n[2]:[]\n"
    assert [(b.src, b.tgt) for b in read_beads(tmp_path / "x.beads")] == [(b.src, b.tgt) for b in beads]
    with pytest.raises(FormatError):
        parse_beads("[0]-[1]\n")
    assert format_beads([]) == ""


def test_scorer_matches_vecalign_rules() -> None:
    gold = [Bead((0,), (0,)), Bead((1, 2), (1,)), Bead((), (2,)), Bead((3,), (3,))]
    assert score_alignment([gold], [gold])["f1_strict"] == 1.0
    pred = [Bead((0,), (0,)), Bead((1,), (1,)), Bead((2,), ()), Bead((), (2,)), Bead((3,), (3,))]
    s = score_alignment([pred], [gold])
    # precision: 5 beads, 3 exact ([0]:[0], []:[2], [3]:[3]); lax adds [1]:[1] only
    assert s["precision_strict"] == pytest.approx(3 / 5)
    assert s["precision_lax"] == pytest.approx(4 / 5)
    # recall over gold links (3): 2 exact; lax: [1,2]:[1] overlaps [1]:[1]
    assert s["recall_strict"] == pytest.approx(2 / 3)
    assert s["recall_lax"] == pytest.approx(1.0)
    # micro-average: counts are pooled over documents
    two = score_alignment([pred, gold], [gold, gold])
    assert two["precision_strict"] == pytest.approx(7 / 9)


def test_textberg_with_mt_and_banded_search(shared_data: Path) -> None:
    d = shared_data / "textberg-dev"
    src = (d / "dev.de").read_text(encoding="utf-8").splitlines()
    tgt = (d / "dev.fr").read_text(encoding="utf-8").splitlines()
    mt = (d / "dev.mt_google.fr").read_text(encoding="utf-8").splitlines()
    gold = read_beads(d / "dev.defr")
    full = align_texts(src, tgt, src_lang="de", tgt_lang="fr", mt=mt)
    f_full = score_alignment([full], [gold])["f1_strict"]
    assert f_full >= 0.83
    # a translator's credit and an OCR caption that the search glued to their neighbours
    # («( Traduit par L. S. )», «24 a !») are left out by the detach pass
    left = {b.tgt for b in full if not b.src}
    assert {(553,), (329,)} <= left
    banded = align_texts(src, tgt, src_lang="de", tgt_lang="fr", mt=mt,
                         params=AlignParams(full_dp_cells=2000))
    assert score_alignment([banded], [gold])["f1_strict"] >= f_full - 0.01


def test_confidence_is_calibrated_on_easy_and_hopeless_pairs(seeds: Path) -> None:
    en = [s.norm for s in _seed(seeds, "en")][:150]
    ru = [s.norm for s in _seed(seeds, "ru")][:150]
    same = align_texts(en, en, src_lang="en", tgt_lang="en")
    assert min(b.confidence for b in same) >= 0.9
    shuffled = ru[:]
    random.Random(5).shuffle(shuffled)
    bad = [b for b in align_texts(en, shuffled, src_lang="en", tgt_lang="ru") if b.is_link]
    assert sum(b.confidence < 0.5 for b in bad) >= 0.8 * len(bad)


def test_clean_pair_has_few_low_confidence_links(seeds: Path) -> None:
    # the seed speech is ~99% right: a user should see few links flagged as doubtful
    beads = align_segments(_seed(seeds, "en"), _seed(seeds, "ru"), src_lang="en", tgt_lang="ru")
    links = [b for b in beads if b.is_link]
    assert sum(b.confidence < 0.5 for b in links) < 0.05 * len(links)
    assert sum(b.confidence >= 0.8 for b in links) > 0.7 * len(links)


def test_gap_closes_towards_the_neighbouring_link_in_both_directions(seeds: Path) -> None:
    # read backwards, the speech's last line comes right after the boilerplate block
    en = [s.norm for s in _seed(seeds, "en")][::-1]
    ru = [s.norm for s in _seed(seeds, "ru")][::-1]
    beads = align_texts(en, ru, src_lang="en", tgt_lang="ru")
    first = next(b for b in beads if b.is_link)
    assert [en[i] for i in first.src] == ["Thank you very much."]
    assert [ru[j] for j in first.tgt] == ["Спасибо большое."]


def test_calibration_fit_recovers_a_known_logistic() -> None:
    from parley.align.calibration import FEATURES, LINK_COLS, calibrate, fit

    rng = random.Random(0)
    rows: list[tuple[float, ...]] = []
    labels: list[bool] = []
    for _ in range(3000):
        row = [1.0] + [rng.uniform(-1, 1) for _ in FEATURES[1:]]
        z = 0.5 + 3.0 * row[1]  # only the margin matters
        rows.append(tuple(row))
        labels.append(rng.random() < 1 / (1 + 2.718281828 ** -z))
    coef = fit(rows, labels, link=True, l2=0.1)
    assert coef[1] == pytest.approx(3.0, abs=0.5)
    assert all(abs(w) < 0.5 for w in coef[2:])
    assert len(coef) == 1 + len(LINK_COLS)
    low, high = calibrate([(1.0, -1.0, *[0.0] * 8), (1.0, 1.0, *[0.0] * 8)], mt=True,
                          coef={(True, True): coef})
    assert low < 0.2 < 0.9 < high


def _naive_group_chrf(hyp: list[str], ref: list[str]) -> float:
    """chrF of two groups of sentences by the definition, their n-gram counts summed."""
    from collections import Counter

    ps, rs = [], []
    for n in range(1, 7):
        hc: Counter[str] = Counter()
        rc: Counter[str] = Counter()
        for texts, c in ((hyp, hc), (ref, rc)):
            for t in texts:
                t = t.replace(" ", "")
                c.update(t[k : k + n] for k in range(len(t) - n + 1))
        if hc and rc:
            m = sum((hc & rc).values())
            ps.append(m / sum(hc.values()))
            rs.append(m / sum(rc.values()))
    if not ps:
        return 0.0
    p, r_ = sum(ps) / len(ps), sum(rs) / len(rs)
    return 0.0 if not p or not r_ else 5 * p * r_ / (4 * p + r_)


def _naive_chrf(hyp: str, ref: str) -> float:
    """chrF by the definition (orders 1..6, beta 2, whitespace removed), to check the fast one."""
    return _naive_group_chrf([hyp], [ref])


@given(st.text(alphabet="abc déж.", max_size=30), st.text(alphabet="abc déж.", max_size=30))
@settings(max_examples=60, deadline=None)
def test_exact_chrf_matches_definition(hyp: str, ref: str) -> None:
    from parley.align.aligner import _char_grams, _chrf

    assert _chrf(_char_grams(hyp), _char_grams(ref)) == pytest.approx(_naive_chrf(hyp, ref), abs=1e-9)


@given(st.lists(st.text(alphabet="ab cdéж.", max_size=12), min_size=1, max_size=4),
       st.lists(st.text(alphabet="ab cdéж.", max_size=12), min_size=1, max_size=5))
@settings(max_examples=60, deadline=None)
def test_window_chrf_of_every_group_matches_definition(hyp: list[str], ref: list[str]) -> None:
    """The boundary pass scores all the groups of a window at once on shared gram ids, with
    sentences added in two batches (new ids after old ones); each group's chrF must be the
    definition's, and a single sentence's the one of _chrf."""
    from parley.align.chrf import _char_grams, _chrf, _chrf_counts, _Grams

    grams = _Grams()
    h = grams.add(hyp)
    r = grams.add(ref)
    spans = [(a, b, c, d) for a in range(len(hyp)) for b in range(a + 1, len(hyp) + 1)
             for c in range(len(ref)) for d in range(c + 1, len(ref) + 1)]
    for (a, b, c, d), mn in zip(spans, grams.matches(h, r, spans), strict=True):
        hn, rn = ([sum(int(_char_grams(t)[2][n]) for t in texts) for n in range(7)]
                  for texts in (hyp[a:b], ref[c:d]))
        f = _chrf_counts(mn, hn, rn)
        assert f == pytest.approx(_naive_group_chrf(hyp[a:b], ref[c:d]), abs=1e-9)
        if b - a == 1 and d - c == 1:
            assert f == _chrf(_char_grams(hyp[a]), _char_grams(ref[c]))


def test_boundary_pass_recuts_a_window() -> None:
    """Two 1-1 beads whose target splits the content elsewhere: only one 2-2 bead is right."""
    import numpy as np

    from parley.align.aligner import DEFAULT_PARAMS, _reboundary

    mt = ["the minister met the ambassador on monday", "and they discussed the trade agreement"]
    tgt = ["the minister met the ambassador on monday and they discussed", "the trade agreement"]
    ls = np.array([len(t) for t in mt], dtype=np.float64)
    lt = np.array([len(t) for t in tgt], dtype=np.float64)
    beads = [Bead((0,), (0,), 0.5), Bead((1,), (1,), 0.5)]
    out = _reboundary(beads, mt, tgt, ls, lt, 1.0, DEFAULT_PARAMS, 4, [True, True])
    assert [(b.src, b.tgt) for b in out] == [((0, 1), (0, 1))]
    # confident beads are left alone
    assert _reboundary(beads, mt, tgt, ls, lt, 1.0, DEFAULT_PARAMS, 4, [False, False]) == beads


@given(st.integers(3, 40), st.integers(3, 40), st.integers(0, 10_000))
@settings(max_examples=25, deadline=None)
def test_chance_cosines_of_all_shapes_match_direct_sums(n: int, m: int, seed: int) -> None:
    """The chance cosine of each bead shape comes from block sums of one sample's pairwise dots
    (cheap for every shape at once); it must equal the cosine of the concatenated vectors."""
    import numpy as np

    from parley.align.search import _Level, _random_cos

    rng = np.random.default_rng(seed)
    x = rng.random((n, 16)).astype(np.float32)
    y = rng.random((m, 16)).astype(np.float32)
    lv = _Level(x, y, np.ones(n), np.ones(m), None, None, rng.random(n), rng.random(m))
    got = _random_cos(lv, 3, 3)
    big_a, big_b = min(3, n), min(3, m)
    na, mb = n - big_a + 1, m - big_b + 1
    draw = np.random.default_rng(7)
    i, j = draw.integers(0, na, 1500), draw.integers(0, mb, 1500)
    far = np.abs(i / na - j / mb) >= 0.2
    if far.sum() >= 10:
        i, j = i[far], j[far]
    for a in range(1, big_a + 1):
        for b in range(1, big_b + 1):
            xs = np.stack([x[k : k + a].astype(np.float64).sum(0) for k in i])
            ys = np.stack([y[k : k + b].astype(np.float64).sum(0) for k in j])
            nx = np.sqrt((xs * xs).sum(1) + np.array([lv.null_s[k : k + a].sum() for k in i]))
            ny = np.sqrt((ys * ys).sum(1) + np.array([lv.null_t[k : k + b].sum() for k in j]))
            want = min(float(np.median((xs * ys).sum(1) / (nx * ny))), 0.99)
            assert got[(a, b)] == pytest.approx(want, abs=1e-5)



def _group_scores(mt: list[str], tgt: list[str]) -> object:
    import numpy as np

    from parley.align.aligner import DEFAULT_PARAMS
    from parley.align.boundary import _GroupScores

    ls = np.array([len(t) for t in mt], dtype=np.float64)
    lt = np.array([len(t) for t in tgt], dtype=np.float64)
    return _GroupScores(mt, tgt, ls, lt, 1.0, DEFAULT_PARAMS)


def test_detach_pass_leaves_out_a_glued_caption_but_not_a_cut_sentence() -> None:
    """A photo credit glued to the translation adds no matching grams: it becomes 0-1. The
    second half of a sentence the segmenter cut (it closes a bracket) stays with its bead."""
    from parley.align.boundary import _detach

    mt = ["the expedition reached the summit on the ninth of may with the sherpa gyalzen"]
    tgt = ["the expedition reached the summit on the ninth of may with the sherpa gyalzen",
           "Photo Indian Air Force"]
    scores = _group_scores(mt, tgt)
    out = _detach(scores, [Bead((0,), (0, 1))], -0.4, (mt, tgt))  # type: ignore[arg-type]
    assert [(b.src, b.tgt) for b in out] == [((0,), (0,)), ((), (1,))]
    # nothing to cut off a 1-1 bead, and a high enough bar keeps the caption
    assert _detach(scores, [Bead((0,), (0,))], -0.4, (mt, tgt)) == [Bead((0,), (0,))]  # type: ignore[arg-type]
    kept = _detach(scores, [Bead((0,), (0, 1))], -50.0, (mt, tgt))  # type: ignore[arg-type]
    assert [(b.src, b.tgt) for b in kept] == [((0,), (0, 1))]
    cut = ["the summit was reached by the sherpa gyalzen (number 57 of the list of the H.", "C) ."]
    scores = _group_scores(mt, cut)
    out = _detach(scores, [Bead((0,), (0, 1))], -0.4, (mt, cut))  # type: ignore[arg-type]
    assert [(b.src, b.tgt) for b in out] == [((0,), (0, 1))]



def test_detach_pass_leaves_out_ocr_debris_whatever_its_first_character() -> None:
    """A fragment without a word («.....», «h * "») is no clause the segmenter cut: its first
    character (a full stop, a lower-case letter) does not tie it to the link, so it is left
    out; a fragment that closes a bracket («C) .») and a clause in lower case still stay."""
    from parley.align.boundary import _detach, _glued

    assert not _glued(".....", False) and not _glued('h * "', False)
    assert _glued("C ) .", False) and _glued("with the sherpa gyalzen.", False)
    mt = ["the expedition reached the summit on the ninth of may with the sherpa gyalzen"]
    for debris in (".....", 'h * "'):
        tgt = [mt[0], debris]
        out = _detach(_group_scores(mt, tgt), [Bead((0,), (0, 1))], -0.3, (mt, tgt))  # type: ignore[arg-type]
        assert [(b.src, b.tgt) for b in out] == [((0,), (0,)), ((), (1,))], debris


def test_a_sentence_cut_off_one_link_joins_the_next_one_that_punctuation_ties_it_to() -> None:
    """«Jú,» glued to the end of one link adds little to it and is cut off, but its comma ties
    it to the next sentence: it joins the next link rather than staying out."""
    from dataclasses import replace

    import numpy as np

    from parley.align.aligner import DEFAULT_PARAMS
    from parley.align.boundary import _unaligned_pass

    mt = ["I thought we were all good?", "Yes, but situations have changed."]
    tgt = ["I thought we were all good?", "Jú,", "Yes, but situations have changed."]
    ls = np.array([len(t) for t in mt], dtype=np.float64)
    lt = np.array([len(t) for t in tgt], dtype=np.float64)
    beads = [Bead((0,), (0, 1)), Bead((1,), (2,))]
    out = _unaligned_pass(beads, mt, (mt, tgt), ls, lt, 1.0, DEFAULT_PARAMS, 0.5, 4)
    assert [(b.src, b.tgt) for b in out] == [((0,), (0,)), ((1,), (1, 2))]
    # without the punctuation rule it stays out
    off = replace(DEFAULT_PARAMS, attach_glued=False)
    out = _unaligned_pass(beads, mt, (mt, tgt), ls, lt, 1.0, off, 0.5, 4)
    assert [(b.src, b.tgt) for b in out] == [((0,), (0,)), ((), (1,)), ((1,), (2,))]


def test_a_left_out_clause_that_punctuation_ties_to_a_neighbour_joins_it() -> None:
    """A 1-0 sentence that starts in lower case joins the link before it, one ending in a
    comma the link after it; a whole sentence left out stays out, and nothing is lost."""
    from parley.align.boundary import _attach_glued

    src = ["The Council meets once a year.", "which also states that the Plenary adopts recommendations,",
           "Members are elected,", "for four years.", "Thank you."]
    tgt = ["Ráðið fundar einu sinni á ári, sem einnig kveður á um tillögur.",
           "Fulltrúar eru kosnir til fjögurra ára."]
    beads = [Bead((0,), (0,)), Bead((1,), ()), Bead((2,), ()), Bead((3,), (1,)), Bead((4,), ())]
    out = _attach_glued(beads, (src, tgt), 4)
    assert [(b.src, b.tgt) for b in out] == [((0, 1), (0,)), ((2, 3), (1,)), ((4,), ())]
    # a bead that would grow past max_bead stays as it is
    assert _attach_glued(beads, (src, tgt), 1) == beads


def test_script_check_gates_the_source_as_stand_in_for_mt() -> None:
    """Without MT the passes compare the source itself with the target: only within a script."""
    from parley.align.boundary import same_script

    de, fr = ["Die Höhe ist 8603 m ."], ["L' altitude est de 8603 m ."]
    ru, isl = ["Высота составляет 8603 м."], ["Hæðin er 8603 m, þ.e. ð og þ."]
    assert same_script(de, fr) and same_script(de, isl)
    assert not same_script(de, ru) and not same_script(ru, isl)
    assert not same_script([], fr)


@given(st.text(alphabet="aAİIıK\u212a.,12 «»’éÉ_-ßẞ(", max_size=40))
@settings(max_examples=200, deadline=None)
def test_lowered_tokens_are_the_tokens_of_the_lowered_text(text: str) -> None:
    """The MT features take the target's lower-cased words from the seam pass's words."""
    from parley.align.features import _TOKEN, _lowered_tokens

    got = _lowered_tokens([text], [text.lower()], [_TOKEN.findall(text)])[0]
    assert got == _TOKEN.findall(text.lower()) if got is not None else "\u0130" in text


def test_window_matches_survive_the_marks_restarting() -> None:
    """The boundary pass's marks are int16 stamps: when they run out, they restart at zero."""
    import numpy as np

    from parley.align.chrf import _Grams

    grams = _Grams()
    h, r = grams.add(["the cat sat", "on the mat"]), grams.add(["le chat the cat", "sat on"])
    spans = [(0, 1, 0, 1), (0, 2, 0, 2), (1, 2, 1, 2)]
    want = grams.matches(h, r, spans)
    grams.stamp = int(np.iinfo(np.int16).max) - 1
    assert grams.matches(h, r, spans) == want  # the last stamp
    assert grams.matches(h, r, spans) == want and grams.stamp == 1  # restarted
