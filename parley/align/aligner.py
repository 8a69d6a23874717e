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
  its best partners; a text of more than ``2 * lex_windows * lex_window`` source sentences
  takes them from ``lex_windows`` windows placed by the coarse path, not from a second full
  search). Features are IDF-weighted on the document pair.
* ``delta`` is the Gale-Church length deviation in characters, with the target/source length
  ratio estimated from the document itself (re-estimated on confident links in the second
  pass, so boilerplate does not skew it): language-pair aware without tables. Coarse levels
  use the ratio of the mean sentences instead (see ``_Job.scorer``).
* A sentence left out (1-0 or 0-1) costs ``del_cost``: it is chosen when no link explains the
  sentence better than that.
* Paragraph boundaries are soft anchors: a bead that starts a paragraph on one side but not on
  the other, or crosses one, pays ``para_pen`` (only when both texts have real paragraphs).

Bead shapes: up to ``max_bead`` sentences a side and ``max_bead + 2`` in all (for 3: 1-1, 1-2,
2-1, 1-3, 3-1, 2-2, 2-3, 3-2), plus 1-0 and 0-1.

Search is dynamic programming over a band, as in Vecalign: both texts are downsampled by two
(summing neighbouring vectors) until the grid is small enough for a full search
(``full_dp_cells``, or ``coarse_dp_cells`` once blocks hold ``max_block`` sentences: blocks of
hundreds of sentences all look alike); the coarse path, widened by ``band`` sentences, bounds
the search on the next finer level. Time and memory are therefore linear in the document length
(rows of the band are stored ragged), and a short document costs a small full search only.
Only the 1-1 dot products inside the band are computed; those of merged beads are sums of them.
The chance cosines ``mu_ab`` of every shape come from one sample of positions per level.

Settings were chosen by leave-one-corpus-out cross-validation (``bench/align_cv.py``).

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
Without MT the same pass runs on the source text itself when both texts are in one script
(names, numbers and cognates are what it sees there), on windows under ``rebound_conf_nomt``.

Two adjacent links that a number or a name crosses (it stands in one link's source and the
other's target, and in neither's other side) are merged into one bead (``seams.py``): the
translator moved a clause across the sentence boundary, which the search's per-sentence
evidence does not see (``seam_merge``).

Then which sentences are left out is re-decided (``boundary._unaligned_pass``): a left-out
sentence that punctuation ties to a neighbouring link (it starts in lower case or closes a
bracket it did not open; it ends in a comma or colon) joins that link, and an edge sentence of
an n-m link that adds less than ``detach_tau`` per character to the link's exact chrF is left
out (glued photo captions, translators' credits), unless punctuation ties it to the link; a
sentence cut off one link that punctuation ties to the other neighbour joins that one. An edge
sentence whose names the link's other side never mentions (no name or number of it stands
there) is left out when it adds less than ``names_tau`` per character (``strays.py``), and a
1-1 link next to a left-out sentence on the same side takes it instead when both the search's
cosine and the exact chrF prefer it, or the cosine and the numbers (``swaps.py``). Last, a
short plain sentence left out (several words, no name, no digit: a piece of a translation the
translator split, not a caption or credit) joins the link before it, or after it where the one
before would exceed ``max_bead``, within its paragraph where the text marks them (``plain.py``,
``plain_len``).

The confidence of a bead is the probability that it is exactly right (align/calibration.py):
a logistic model, fitted on gold alignments, of its margin (how much more the best local
alternative would cost: leaving its sentences unaligned, shrinking it by one sentence, or for a
deletion attaching the sentence to a neighbour), its similarity relative to chance, its length
cost, the seam (the cost of merging it with a neighbour) and the evidence of the beads around
it. The raw margin-times-chance score is still used inside, to pick the lexicon pass's beads.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from parley.align.boundary import _close_gaps, _GroupScores, _reboundary, _unaligned_pass, same_script
from parley.align.chrf import _char_grams, _chrf
from parley.align.confidence import _confidence_features, _confidences
from parley.align.features import (
    _TOKEN,
    _AnchorBags,
    _char_ngram_vectors,
    _short_text,
    _Tokens,
    tokens,
    word_key,
)
from parley.align.lexicon import _normalise_lexicon, learn_lexicon, read_lexicon
from parley.align.model import Bead, Bitext, Segment, TranslationUnit, normalize_space
from parley.align.params import DEFAULT_MAX_BEAD, DEFAULT_PARAMS, AlignParams
from parley.align.plain import join_plain
from parley.align.seams import merge_crossed
from parley.align.search import _align_level, _band_from_path, _bead_types, _coarse_path, _Level, _Scorer
from parley.align.strays import detach_strays
from parley.align.swaps import swap_left_out

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    Arr = NDArray[np.float32]

__all__ = [
    "DEFAULT_MAX_BEAD",
    "DEFAULT_PARAMS",
    "AlignParams",
    "_char_grams",
    "_chrf",
    "_reboundary",
    "align_segments",
    "align_texts",
    "beads_to_bitext",
    "learn_lexicon",
    "read_lexicon",
    "segments_from_lines",
    "tokens",
    "word_key",
]


def _para_starts(segs: Sequence[Segment]) -> list[bool]:
    return [k == 0 or segs[k].paragraph != segs[k - 1].paragraph for k in range(len(segs))]


class _Job:
    """One alignment: the sentences' lengths and paragraph starts, the parameters, and the
    target/source length ratio (re-estimated by the lexicon pass on sure links)."""

    def __init__(self, src: Sequence[Segment], tgt: Sequence[Segment], p: AlignParams, max_bead: int) -> None:
        import numpy as np

        self.p = p
        self.max_bead = max_bead
        self.types = _bead_types(max_bead)
        self.src_text = [s.norm for s in src]
        self.tgt_text = [s.norm for s in tgt]
        self.ls = np.fromiter((len(t) for t in self.src_text), dtype=np.float64, count=len(src))
        self.lt = np.fromiter((len(t) for t in self.tgt_text), dtype=np.float64, count=len(tgt))
        self.ratio = float(self.lt.sum() / max(self.ls.sum(), 1.0))
        ps = np.asarray(_para_starts(src), dtype=bool)
        pt = np.asarray(_para_starts(tgt), dtype=bool)
        use_para = ps.mean() < 0.9 and pt.mean() < 0.9
        self.ps: NDArray[np.bool_] | None = ps if use_para else None
        self.pt: NDArray[np.bool_] | None = pt if use_para else None

    def scorer(self, lv: _Level) -> _Scorer:
        """The cost of ``lv``'s beads. A coarse level's blocks hold as many sentences on both
        sides, so a block pair on the true path has the length ratio of the *mean sentences*,
        not of the texts: when one segmenter cuts more sentences than the other (running text:
        English 81k, Russian 77k for the same 100k lines), the text ratio charged every
        diagonal block link a length cost of ~2.4 deviations (64-sentence blocks), links cost
        nearly as much as two deletions, and the coarse path wandered off by hundreds of
        sentences, more than the finer levels' band could bring back. Where one side has a
        third more sentences or beyond, 2-1 block beads are the path's shape and the texts'
        ratio fits them better, so it stays."""
        ratio = self.ratio
        counts = len(self.ls) / max(len(self.lt), 1)
        if lv.block > 1 and 0.75 < counts < 4 / 3:
            ratio *= counts
        return _Scorer(lv, ratio, self.p, lv.chance)

    def level(self, x: Arr, y: Arr, null_s: NDArray[np.float64], null_t: NDArray[np.float64]) -> _Level:
        return _Level(x, y, self.ls, self.lt, self.ps, self.pt, null_s, null_t)

    def search(
        self, x: Arr, y: Arr, null_s: NDArray[np.float64], null_t: NDArray[np.float64],
        progress: Callable[[int], None] | None, guide: Sequence[Bead] | None = None,
        guide_factor: int = 1,
    ) -> tuple[_Level, list[Bead]]:
        lv = self.level(x, y, null_s, null_t)
        return lv, _align_level(lv, self.scorer, self.types, self.p, progress, guide,
                                guide_factor=guide_factor)

    def sure_links(self, lv: _Level) -> tuple[list[Bead], list[Bead], int]:
        """The first pass of the lexicon pass: its sure 1-1 links, the path that guides the
        second pass and how many sentences that path's blocks sum. A long text is searched
        only at the coarse level and, for the links, in ``lex_windows`` windows of
        ``lex_window`` source sentences spread over it (the lexicon takes at most 5,000 links
        anyway): a second full search of the finest level cost as much as the final one."""
        p = self.p
        n = len(lv.x)
        got = _coarse_path(lv, self.scorer, self.types, p) if n > p.lex_windows * p.lex_window * 2 else None
        if got is None:
            beads = _align_level(lv, self.scorer, self.types, p, None)
            conf = _confidences(lv, self.scorer(lv), beads)
            good = [b for b, c in zip(beads, conf, strict=True) if b.kind == "1-1" and c >= p.lex_min_conf]
            return good, beads, 1
        coarse, step = got
        lo, hi = _band_from_path(coarse, n, len(lv.y), 0, factor=step)
        good = []
        for k in range(p.lex_windows):
            s0 = (n - p.lex_window) * k // max(1, p.lex_windows - 1)
            s1 = s0 + p.lex_window
            t0, t1 = int(lo[s0]), int(hi[s1])
            sub = lv.window(s0, s1, t0, t1)
            beads = _align_level(sub, self.scorer, self.types, p, None)
            conf = _confidences(sub, self.scorer(sub), beads)
            good += [Bead((b.src[0] + s0,), (b.tgt[0] + t0,)) for b, c in zip(beads, conf, strict=True)
                     if b.kind == "1-1" and c >= p.lex_min_conf]
        return good, coarse, step


def _align_mt(
    job: _Job, mt_text: Sequence[str], progress: Callable[[int], None] | None,
    tgt_tokens: Sequence[list[str]] | None = None,
) -> tuple[_Level, list[Bead]]:
    """One search on chrF-like bags of the MT and the target (``tgt_tokens``: the target's
    _TOKEN words, which the seam pass reads too)."""
    import numpy as np

    p = job.p
    if p.mt_lengths:
        # the MT's length predicts the target's better than the source's does
        job.ls = np.fromiter((len(t) for t in mt_text), dtype=np.float64, count=len(mt_text))
        job.ratio = float(job.lt.sum() / max(job.ls.sum(), 1.0))
    x, y, us, ut = _char_ngram_vectors(mt_text, job.tgt_text, p.dim, p.mt_words, normalized=True,
                                       tokens=(None, tgt_tokens))
    return job.search(x, y, p.null_mass_mt * us, p.null_mass_mt * ut, progress)


def _align_anchors(
    job: _Job, user_lex: Mapping[str, set[str]] | None, progress: Callable[[int], None] | None
) -> tuple[_Level, list[Bead]]:
    """Without MT: a search on anchors and the user's lexicon, then (lexicon pass) a second one
    around its path with a lexicon learnt from its sure 1-1 links."""
    p = job.p
    stoks, ttoks = _Tokens(job.src_text), _Tokens(job.tgt_text)
    bags = _AnchorBags(stoks, ttoks)

    def vectors(
        lex: Mapping[str, set[str]] | None,
    ) -> tuple[Arr, Arr, NDArray[np.float64], NDArray[np.float64]]:
        x, y, us, ut = bags.vectors(lex, p.dim)
        return x, y, p.null_mass * us, p.null_mass * ut

    if not p.lexicon_pass:
        return job.search(*vectors(user_lex), progress)
    good, guide, factor = job.sure_links(job.level(*vectors(user_lex)))
    if len(good) >= 3:
        # the length ratio of what is really translated, without boilerplate
        job.ratio = float(
            sum(job.lt[b.tgt[0]] for b in good) / max(1.0, sum(job.ls[b.src[0]] for b in good))
        )
    learnt = learn_lexicon(good, stoks, ttoks, min_dice=p.lex_min_dice)
    for k, v in (user_lex or {}).items():
        learnt.setdefault(k, set()).update(v)
    # the second pass searches around the first one's path (no new coarse passes)
    return job.search(*vectors(learnt), progress, guide=guide, guide_factor=factor)


def _calibrated(
    job: _Job, lv: _Level, beads: list[Bead], mt: bool,
    memo: dict[tuple[int, int, int, int], list[float]] | None = None,
) -> tuple[list[tuple[float, ...]], list[float]]:
    """Calibration features and confidences of the beads (align/calibration.py); ``memo``
    keeps the spans' costs on ``lv`` for the next call (see _costs_and_own_similarity)."""
    from parley.align.calibration import bead_features, calibrate

    _, feats = _confidence_features(lv, job.scorer(lv), beads, memo)
    table = bead_features(beads, feats)
    return table, calibrate(table, mt=mt)


def _check_inputs(src: Sequence[Segment], mt: Sequence[str] | None, max_bead: int) -> None:
    if max_bead < 1:
        raise ValueError("max_bead must be at least 1")
    if mt is not None and len(mt) != len(src):
        from parley.align.errors import UsageError

        raise UsageError(
            f"the MT has {len(mt)} lines but the source has {len(src)} sentences",
            hint="give one MT line per source sentence",
        )


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
    p = params or DEFAULT_PARAMS
    if mt is not None:
        # MT bags are sublinear (sqrt of the weights): merges gain less, so they pay less
        p = replace(p, merge_pen=p.merge_pen_mt, del_cost=p.del_cost_mt)
    else:
        # the source's own chrF against the target is weaker evidence than the MT's
        p = replace(p, rebound_margin=p.rebound_margin_nomt, rebound_conf=p.rebound_conf_nomt)
    _check_inputs(src, mt, max_bead)
    n, m = len(src), len(tgt)
    if n == 0 or m == 0:
        return [Bead((k,), (), 1.0) for k in range(n)] + [Bead((), (k,), 1.0) for k in range(m)]
    job = _Job(src, tgt, p, max_bead)
    mt_text = [normalize_space(t) for t in mt] if mt is not None else None
    # the target's words, for the seam pass and the MT features of a short text (a longer
    # one would only hold them in memory until the seam pass reads them)
    tgt_tokens = ([_TOKEN.findall(t) for t in job.tgt_text] if mt_text is not None and p.seam_merge
                  and n + m <= p.rebound_max_sentences and _short_text(n + m) else None)
    if mt_text is not None:
        lv, beads = _align_mt(job, mt_text, progress, tgt_tokens)
    else:
        lv, beads = _align_anchors(job, _normalise_lexicon(lexicon) if lexicon else None, progress)
    beads = _close_gaps(lv, job.scorer(lv), beads)
    same = mt_text is None and same_script(job.src_text, job.tgt_text)
    # the spans' costs, for the confidences after the boundary passes when they run (a long
    # text skips them; without MT they only run on texts in one script)
    memo: dict[tuple[int, int, int, int], list[float]] | None = (
        {} if n + m <= p.rebound_max_sentences and (mt_text is not None or same) else None)
    table, conf = _calibrated(job, lv, beads, mt is not None, memo)
    first = beads
    # without MT the source itself stands in for it (see the module docstring); the gram bags
    # of the boundary pass serve the detach pass too
    stand_in = mt_text or job.src_text
    scores = _GroupScores(stand_in, job.tgt_text, job.ls, job.lt, job.ratio, p)
    if (mt_text is not None or (same and p.rebound_nomt)) and p.rebound and n + m <= p.rebound_max_sentences:
        uncertain = [c < p.rebound_conf for c in conf]
        beads = _reboundary(beads, stand_in, job.tgt_text, job.ls, job.lt, job.ratio, p, max_bead, uncertain,
                            scores)
    if p.seam_merge and n + m <= p.rebound_max_sentences:
        beads = merge_crossed(beads, (job.src_text, job.tgt_text), max_bead, names=p.seam_merge >= 2,
                              tokens=(None, tgt_tokens))
    if n + m <= p.rebound_max_sentences:
        # without MT the source itself stands in for it, which shows names and cognates only
        # between texts in one script
        tau = p.detach_tau if mt_text is not None else (p.detach_tau_nomt if same else -math.inf)
        beads = _unaligned_pass(beads, stand_in, (job.src_text, job.tgt_text), job.ls, job.lt, job.ratio, p,
                                tau, max_bead, scores)
        if (mt_text is not None or same) and p.names_tau > -math.inf:
            beads = detach_strays(scores, beads, (stand_in, job.tgt_text), p.names_tau, p.names_max_caps,
                                  p.detach_max_len)
        if p.swap_tol >= 0 and (mt_text is not None or same):
            beads = swap_left_out(beads, lv, job.scorer(lv), scores, p.swap_tol,
                                  (job.src_text, job.tgt_text) if p.swap_numbers else None)
        if p.plain_len > 0:
            beads = join_plain(beads, (job.src_text, job.tgt_text), p.plain_len, max_bead,
                               ([s.paragraph for s in src], [t.paragraph for t in tgt]))
    if beads != first:
        table, conf = _calibrated(job, lv, beads, mt is not None, memo)
    if features_out is not None:
        features_out.extend(table)
    return [Bead(b.src, b.tgt, c) for b, c in zip(beads, conf, strict=True)]


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
