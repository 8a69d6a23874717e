"""Join a short plain sentence the search left out to a neighbouring link (issue 16).

What a translator adds on one side that the other lacks (photo captions, credits, notes, OCR
debris) carries names or numbers, or is not a sentence at all («Phot. M. Kurz», «Lhotsé
( 8501 m )», «h * "»). A short, plain sentence, several words, no name after its first word,
no digit, that starts with a capital and ends a sentence («Souvent visité depuis.», «Tenter une
voie de ce côté serait un pur suicide.»), is rather a piece of a translation that the
translator split off: the search, which pays for every merge, left it out because it adds
little to either neighbour. Such a sentence joins the link before it, which it most often
continues («Souvent visité depuis.» after «première ascension en 1933 par E. M. Abalakow.»),
or the link after it where the one before would exceed ``max_bead`` (never beyond it). Only
a sentence left out alone is joined, between two links: a run of left-out sentences is a
passage the translator dropped (a deleted paragraph), not a piece split off. Where the text
marks paragraphs, it joins a link only within its own paragraph: a sentence alone in its
paragraph, or at a paragraph's edge, is not a piece of its neighbour's sentence, and an
omission there stays a 1-0 bead that QA reports («empty-target»). Pre-segmented lines (each
its own paragraph) say nothing about paragraphs.
The test reads capitals, digits and punctuation only, so it runs for every pair of languages
(a language without capitals has no plain sentence, and German, whose nouns are capitalised,
has few: the pass leaves them alone)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from parley.align.boundary import _grown
from parley.align.features import _TOKEN
from parley.align.model import Bead
from parley.align.seams import _token

_WORDS = re.compile(r"[^\W\d_]+")


def plain(text: str, longest: float) -> bool:
    """Whether ``text`` is a short plain sentence (see the module docstring)."""
    t = text.strip()
    if not t or len(t) > longest or not t[0].isupper() or not t.endswith((".", "!", "?")):
        return False
    if any(c.isdigit() for c in t) or len(_WORDS.findall(t)) < 3:
        return False
    toks = [w for w in _TOKEN.findall(t) if w[0].isalpha()]
    return not any(_token(w)[0] for w in toks[1:])


def _joined(
    beads: Sequence[Bead], k: int, max_bead: int, paras: Sequence[int] | None
) -> tuple[int, Bead] | None:
    """The neighbouring link the left-out ``beads[k]`` joins and the link grown by it: the
    link before it if it fits (what a translator splits off continues the sentence before),
    else the one after; with ``paras`` (the paragraph of each sentence on its side) only a
    link whose next sentence there is in the same paragraph."""
    lone = beads[k]
    x = lone.src[0] if lone.src else lone.tgt[0]
    for nb in (k - 1, k + 1):
        if 0 <= nb < len(beads) and beads[nb].is_link:
            ids = beads[nb].src if lone.src else beads[nb].tgt
            edge = ids[-1] if nb < k else ids[0]
            if paras is not None and paras[edge] != paras[x]:
                continue
            grown = _grown(beads[nb], lone, max_bead)
            if grown is not None:
                return nb, grown
    return None


def _marked(paras: Sequence[int]) -> Sequence[int] | None:
    """The paragraphs of one side, or None where every sentence is its own paragraph."""
    return paras if len(set(paras)) < len(paras) else None


def join_plain(
    beads: Sequence[Bead], texts: tuple[Sequence[str], Sequence[str]], longest: float, max_bead: int,
    paras: tuple[Sequence[int], Sequence[int]] | None = None,
) -> list[Bead]:
    """Join each short plain left-out sentence to a neighbouring link (see the module
    docstring); ``paras``: the paragraph of each source and target sentence. One look per
    left-out sentence: linear."""
    marked = (_marked(paras[0]), _marked(paras[1])) if paras is not None else (None, None)
    out = list(beads)
    k = 0
    while k < len(out):
        b = out[k]
        text = texts[0][b.src[0]] if b.src else texts[1][b.tgt[0]] if b.tgt else ""
        alone = not b.is_link and all(out[nb].is_link for nb in (k - 1, k + 1) if 0 <= nb < len(out))
        got = _joined(out, k, max_bead, marked[0 if b.src else 1]) if alone and plain(text, longest) else None
        if got is None:
            k += 1
            continue
        out[got[0]] = got[1]
        del out[k]
    return out
