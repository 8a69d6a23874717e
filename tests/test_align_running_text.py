"""Running text whose two segmenters cut different numbers of sentences keeps its path.

Issue 15: ``parley run`` on 100k lines of UN running text (English 81k sentences, Russian 77k)
left thousands of sentences unaligned while the same text presegmented aligned cleanly. The
coarse levels sum as many sentences on both sides into a block, so a block pair on the true
path has the length ratio of the mean sentences, not of the texts; charged the texts' ratio,
every diagonal block link paid a length cost, links cost nearly as much as two deletions and
the coarse path wandered off by hundreds of sentences, beyond the band of the finer levels.
10k lines (8k/7.7k sentences) already showed it: 231 beads linked different paragraphs.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from bench.run_scale import build_text
from parley.align.aligner import _Job, align_segments
from parley.align.model import Segment
from parley.align.params import DEFAULT_MAX_BEAD, DEFAULT_PARAMS
from parley.align.reader import read_document
from parley.align.search import _Level
from parley.align.segment import get_segmenter, segment_document


def _segments(path: Path, lang: str) -> list[Segment]:
    return segment_document(read_document(path, lang=lang), lang, get_segmenter(lang))


@pytest.mark.slow
def test_running_text_keeps_its_paragraphs(shared_data: Path, tmp_path: Path) -> None:
    # the bench's text: 5-sentence paragraphs, paragraph k of one side translates paragraph k
    # of the other, so a bead linking different paragraphs is wrong
    en, ru = build_text(shared_data, 10_000, tmp_path)
    src, tgt = _segments(en, "en"), _segments(ru, "ru")
    assert len(src) > len(tgt) * 1.03  # the segmenters really disagree
    beads = align_segments(src, tgt, src_lang="en", tgt_lang="ru")
    crossed = sum(1 for b in beads
                  if b.src and b.tgt and src[b.src[0]].paragraph != tgt[b.tgt[0]].paragraph)
    kinds = Counter(b.kind for b in beads)
    assert crossed <= 10, crossed  # 231 before the fix, 0 after
    # nothing was left out of the Russian side: 0-1 beads are errors (106 before, 21 after)
    assert kinds["0-1"] <= 50, kinds


def test_coarse_levels_judge_blocks_by_mean_sentence_length() -> None:
    """The same content cut into 272 source and 256 target sentences (as two segmenters do):
    a pair of 64-sentence blocks pays no length cost (with the texts' ratio it paid ~0.4, half a
    deletion, on every link of the coarse path)."""
    import numpy as np

    n, m = 272, 256
    src = [Segment(k, k, 0, 150, "a" * 150) for k in range(n)]
    tgt = [Segment(k, k, 0, 159, "b" * 159) for k in range(m)]
    job = _Job(src, tgt, DEFAULT_PARAMS, DEFAULT_MAX_BEAD)
    x = np.ones((n, 4), dtype=np.float32)
    y = np.ones((m, 4), dtype=np.float32)
    coarse: _Level = job.level(x, y, np.zeros(n), np.zeros(m)).downsample(4).downsample(4)
    coarse = coarse.downsample(4)
    assert coarse.block == 64
    one = np.ones(1)
    cost = job.scorer(coarse).link_cost(one, one, one, coarse.ls[:1], coarse.lt[:1], 2.0, 0.0)
    assert float(cost[0]) < 0.01
