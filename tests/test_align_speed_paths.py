"""The fast paths of the aligner give the answers of the plain ones: feature bags built per
distinct token, the numpy lexicon counts, and the windowed lexicon pass of long texts."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from parley.align.aligner import AlignParams, _Job, align_segments, segments_from_lines
from parley.align.features import (
    _anchor_features,
    _AnchorBags,
    _lexicon_features,
    _vectorize,
    tokens,
    word_key,
)
from parley.align.lexicon import learn_lexicon
from parley.align.model import Bead
from parley.align.reader import read_document
from parley.align.segment import get_segmenter, segment_document

WORDS = ["Paris", "treaty", "1957", "(", "Berg", "?", "Genf", "Montagne", "UNO", "le", "der", "%", "Rhône"]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(WORDS), max_size=8), min_size=1, max_size=12),
    st.lists(st.lists(st.sampled_from(WORDS), max_size=8), min_size=1, max_size=12),
    st.booleans(),
)
def test_anchor_bags_equal_the_per_sentence_features(
    src: list[list[str]], tgt: list[list[str]], with_lexicon: bool
) -> None:
    """_AnchorBags expands token features through numpy; the result must be the very bags of
    the per-sentence feature lists (a wrong offset in the expansion moves features between
    sentences)."""
    stoks = [tokens(" ".join(s)) for s in src]
    ttoks = [tokens(" ".join(t)) for t in tgt]
    lex = {"treat": {"genf"}, "monta": {"berg", "uno"}} if with_lexicon else None
    vocab = {w for ws in (lex or {}).values() for w in ws}
    sf = [_anchor_features(t) + _lexicon_features(t, lex, vocab, True) for t in stoks]
    tf = [_anchor_features(t) + _lexicon_features(t, lex, vocab, False) for t in ttoks]
    want = _vectorize(sf, tf, 16)
    got = _AnchorBags(stoks, ttoks).vectors(lex, 16)
    for a, b in zip(want, got, strict=True):
        assert np.allclose(np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64), atol=1e-6)


def _naive_lexicon(
    beads: list[Bead], stoks: list[list[str]], ttoks: list[list[str]],
    min_count: int = 2, min_dice: float = 0.3,
) -> dict[str, set[str]]:
    """Dice over the beads, competitive (the definition, with Python counters)."""
    pairs: Counter[tuple[str, str]] = Counter()
    cs: Counter[str] = Counter()
    ct: Counter[str] = Counter()
    for b in beads:
        ws = {word_key(t) for s in b.src for t in stoks[s] if t[0].isalpha()}
        wt = {word_key(t) for s in b.tgt for t in ttoks[s] if t[0].isalpha()}
        cs.update(ws)
        ct.update(wt)
        pairs.update((x, y) for x in ws for y in wt)
    scored = [(x, y, 2.0 * c / (cs[x] + ct[y])) for (x, y), c in pairs.items() if c >= min_count and x != y]
    scored = [s for s in scored if s[2] >= min_dice]
    best_s: dict[str, float] = {}
    best_t: dict[str, float] = {}
    for x, y, d in scored:
        best_s[x] = max(best_s.get(x, 0.0), d)
        best_t[y] = max(best_t.get(y, 0.0), d)
    lex: dict[str, set[str]] = {}
    for x, y, d in scored:
        if d >= 0.8 * best_s[x] and d >= 0.8 * best_t[y]:
            lex.setdefault(x, set()).add(y)
    return lex


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000))
def test_learnt_lexicon_matches_the_dice_definition(seed: int) -> None:
    rng = random.Random(seed)
    src_words = ["haus", "berg", "schnee", "gipfel", "hütte", "seil", "the"]
    tgt_words = ["maison", "montagne", "neige", "sommet", "cabane", "corde", "the"]
    stoks: list[list[str]] = []
    ttoks: list[list[str]] = []
    for _ in range(rng.randint(0, 40)):
        pick = rng.sample(range(len(src_words)), rng.randint(1, 4))
        stoks.append([src_words[k] for k in pick])
        noise = [rng.choice(tgt_words)] if rng.random() < 0.3 else []
        ttoks.append([tgt_words[k] for k in pick] + noise)
    beads = [Bead((k,), (k,)) for k in range(len(stoks))]
    assert learn_lexicon(beads, stoks, ttoks) == _naive_lexicon(beads, stoks, ttoks)


def test_windowed_first_pass_finds_true_links(seeds: Path) -> None:
    """A long text learns its lexicon from windows of the coarse path; the windows' links must
    be real ones, in the document's numbering (a window's offset lost would pair sentence k
    of the window with sentence k of the text)."""
    docs = [read_document(seeds / f"lavrov-2018-02-07.{lang}.txt", lang=lang) for lang in ("en", "ru")]
    src, tgt = (segment_document(d, d.lang, get_segmenter(d.lang or "en")) for d in docs)
    # the pair twice over: windows in the second copy sit far from the start
    src2 = segments_from_lines([s.norm for s in src] * 2)
    tgt2 = segments_from_lines([t.norm for t in tgt] * 2)
    p = AlignParams(lex_windows=3, lex_window=60)
    job = _Job(src2, tgt2, p, 4)
    bags = _AnchorBags([tokens(s.norm) for s in src2], [tokens(t.norm) for t in tgt2])
    x, y, us, ut = bags.vectors(None, p.dim)
    good, _guide, factor = job.sure_links(job.level(x, y, us, ut))
    assert factor > 1  # the windowed branch ran
    assert len(good) >= 20
    reference = align_segments(src2, tgt2, src_lang="en", tgt_lang="ru",
                               params=AlignParams(lex_windows=1000))
    truth = {(b.src, b.tgt) for b in reference if b.kind == "1-1"}
    right = sum((b.src, b.tgt) in truth for b in good)
    assert right / len(good) >= 0.95
    # the whole alignment through the windowed path agrees with the full first pass
    fast = align_segments(src2, tgt2, src_lang="en", tgt_lang="ru", params=p)
    same = len({(b.src, b.tgt) for b in fast} & {(b.src, b.tgt) for b in reference})
    assert same / len(reference) >= 0.97


def test_coarsest_level_stops_at_max_block(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Coarse levels stop once blocks hold ``max_block`` sentences and the grid fits
    ``coarse_dp_cells``: blocks of hundreds of sentences all look alike and lose the path
    (a factor lost between levels once sent a 30k-sentence MT alignment from F1 0.87 to 0.53)."""
    import parley.align.search as search

    sizes: list[int] = []
    real = search._search

    def spy(lv, *args, **kwargs):  # type: ignore[no-untyped-def]
        sizes.append(len(lv.x))
        return real(lv, *args, **kwargs)

    monkeypatch.setattr(search, "_search", spy)
    rng = random.Random(3)
    lines = [" ".join(rng.choice(WORDS) for _ in range(6)) + f" {k}." for k in range(400)]
    for step, coarsest in ((2, 100), (4, 100)):
        sizes.clear()
        p = AlignParams(full_dp_cells=100, coarse_dp_cells=10_000, max_block=4, coarse_step=step,
                        lexicon_pass=False)
        align_segments(segments_from_lines(lines), segments_from_lines(lines), src_lang="en",
                       tgt_lang="fr", params=p)
        assert min(sizes) == coarsest, (step, sizes)
