"""The aligner's output is pinned on fixed documents: speed work (issue 15) must not move a
single bead. A change that means to change alignments (costs, parameters) updates the pins
on purpose, after checking F1 with ``python -m bench.align``::

    python tests/test_align_pinned.py --update

Cases: the seed speech (in the repo, no MT, a short text: chance cosines per shape), a
Text+Berg slice with its google MT (the chrF boundary pass) and 600 UN sentences a side
(banded search, chance cosines from gathered vectors), the last two from ../shared/data."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
PINS = Path(__file__).resolve().parent / "data" / "align_pinned.json"
DATA = ROOT.parent / "shared" / "data"


def _lines(path: Path, n: int) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()[:n]


def _case(name: str) -> list[list[object]]:
    """The beads of one case as [source indices, target indices, confidence to 6 places]."""
    from parley.align.aligner import align_segments, align_texts
    from parley.align.reader import read_document
    from parley.align.segment import get_segmenter, segment_document

    if name == "seed":
        docs = [read_document(ROOT / "seeds" / f"lavrov-2018-02-07.{lang}.txt", lang=lang)
                for lang in ("en", "ru")]
        src, tgt = (segment_document(d, d.lang, get_segmenter(d.lang or "en")) for d in docs)
        beads = align_segments(src, tgt, src_lang="en", tgt_lang="ru")
    elif name == "textberg-mt":
        d = DATA / "textberg-dev"
        beads = align_texts(_lines(d / "dev.de", 150), _lines(d / "dev.fr", 150), src_lang="de",
                            tgt_lang="fr", mt=_lines(d / "dev.mt_google.fr", 150))
    else:
        d = DATA / "un-dev"
        beads = align_texts(_lines(d / "UNv1.0.devset.en", 600), _lines(d / "UNv1.0.devset.ru", 600),
                            src_lang="en", tgt_lang="ru")
    return [[list(b.src), list(b.tgt), round(b.confidence, 6)] for b in beads]


CASES = ("seed", "textberg-mt", "un-600")


@pytest.mark.parametrize("name", CASES)
def test_alignment_output_is_pinned(name: str) -> None:
    if name != "seed" and not DATA.is_dir():
        pytest.skip("../shared/data is not beside the checkout")
    want = json.loads(PINS.read_text(encoding="utf-8"))[name]
    got = _case(name)
    pairs = zip([(s, t) for s, t, _ in got], [(s, t) for s, t, _ in want], strict=False)
    first = next((k for k, (g, w) in enumerate(pairs) if g != w), None)
    assert len(got) == len(want) and first is None, (
        f"{name}: beads moved (first at bead {first}, {len(got)} beads, pinned {len(want)}); "
        "if intended, check F1 with bench.align and run tests/test_align_pinned.py --update")
    worst = max((abs(g[2] - w[2]) for g, w in zip(got, want, strict=True)), default=0.0)  # type: ignore[operator]
    assert worst <= 2e-6, f"{name}: confidences moved by up to {worst}"


_WS = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(
    [" ", "\t", "\n", "\u00a0", "\u2009", "\u200b", "\ufeff", "\u3000", "\x1c", "\u2028", "a", "Ж", "."]
)))
def test_normalize_space_fast_path_equals_the_pattern(text: str) -> None:
    """normalize_space splits on whitespace instead of running its pattern when it can."""
    from parley.align.model import normalize_space

    assert normalize_space(text) == _WS.sub(" ", text).strip()


if __name__ == "__main__" and "--update" in sys.argv:
    PINS.write_text(json.dumps({name: _case(name) for name in CASES}, separators=(",", ":")) + "\n",
                    encoding="utf-8")
    print(f"wrote {PINS}")
