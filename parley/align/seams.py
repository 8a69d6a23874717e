"""Merge two adjacent links that an anchor crosses (issue 16).

A translator who moves a clause across a sentence boundary («250 Höhenmeter erforderten zwei
Tage» ends one German sentence and opens the next French one) leaves a gold 2-2 bead that the
search, whose sentences each still resemble their partner, finds as two 1-1 links. A number or
a name is what shows it: it stands in the first link's source and the second link's target, and
in neither link's other side. Such a pair of links is one bead."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain
from typing import cast

from parley.align.features import _TOKEN, _VOWELS, _latin
from parley.align.model import Bead

_token_cache: dict[str, tuple[str, str]] = {}


def _token(tok: str) -> tuple[str, str]:
    """A token's anchor if it is capitalised or a number (else "") and its lenient form: the
    number itself, or the first three consonants of the consonant skeleton that anchors a
    capitalised word (see features._token_anchors; else "")."""
    got = _token_cache.get(tok)
    if got is not None:
        return got
    got = ("", "")
    if tok[0].isdigit():
        num = "N" + tok.replace(".", "").replace(",", "")
        if len(num) >= 3:
            got = (num, num)
    elif tok[0].isalpha() and (len(tok) >= 4 or (tok.isupper() and len(tok) >= 2)):
        skel = "".join(c for c in _latin(tok) if c not in _VOWELS and c.isalpha())[:4]
        if len(skel) >= 3:
            got = (skel if tok[0].isupper() else "", skel[:3])
    if len(_token_cache) < 500_000:
        _token_cache[tok] = got
    return got


def _anchors(
    toks: Sequence[str], names: bool, common: set[str]
) -> tuple[frozenset[str], frozenset[str]]:
    """The anchors of a sentence that rarely match by chance: numbers of two digits or more
    and, if ``names``, the consonant skeletons of capitalised words (names, acronyms; a
    sentence's first word, after any number, only if the text never writes it in lower case,
    ``common``: «Применение» or «126. Notes that» opening a sentence is no name, and their
    skeletons met «Permanent» and «Наций» in the UN corpus); and, to test that an anchor is
    *missing* from a sentence, the same leniently: the skeletons of every word, whatever its
    case («the action plan» holds the «Plan» of «План действий», which opens the next
    sentence), and by the first three consonants only («himalayenne» holds the «Himalaya»
    of «Himalaya-Chronik»)."""
    strong, loose = _Anchors(set(toks), names, common).of(toks)
    return strong, loose


class _Anchors:
    """Each distinct token's strong and lenient anchor (see _anchors), looked up once per
    text rather than once per occurrence: a sentence's sets are then built by dictionary
    look-ups in C (``map``), the same sets as token by token."""

    def __init__(self, vocab: set[str], names: bool, common: set[str]) -> None:
        self.common = common
        self.strong: dict[str, str] = {}
        self.loose: dict[str, str] = {}
        for tok in vocab:
            a, b = _token(tok)
            if b and (names or b[0] == "N"):
                self.loose[tok] = b
                if a:
                    self.strong[tok] = a

    def of(self, toks: Sequence[str]) -> tuple[frozenset[str], frozenset[str]]:
        return self.strong_of(toks), self.loose_of(toks)

    def loose_of(self, toks: Sequence[str]) -> frozenset[str]:
        loose: set[str | None] = set(map(self.loose.get, toks))
        loose.discard(None)
        return frozenset(cast("set[str]", loose))

    def strong_of(self, toks: Sequence[str]) -> frozenset[str]:
        # up to the first word (after any paragraph number) a capitalised word must not be
        # a word the text writes in lower case; after it any anchor counts
        f = 0
        while f < len(toks) and not toks[f][0].isalpha():
            f += 1
        strong: set[str | None] = set(map(self.strong.get, toks[f + 1 :]))
        strong.discard(None)
        for tok in toks[: f + 1]:
            a = self.strong.get(tok)
            if a and (a[0] == "N" or tok.lower() not in self.common):
                strong.add(a)
        return frozenset(cast("set[str]", strong))


class _Side:
    """The strong anchors of each sentence of one side, and its lenient ones when asked
    (only a sentence whose strong anchors meet the other side's needs them)."""

    def __init__(self, texts: Sequence[str], names: bool, toks: Sequence[list[str]] | None = None) -> None:
        self.toks = [_TOKEN.findall(t) for t in texts] if toks is None else toks
        vocab = set(chain.from_iterable(self.toks))
        common = {tok for tok in vocab if tok[0].islower()} if names else set()
        self.anchors = _Anchors(vocab, names, common)
        self.strong = [self.anchors.strong_of(ts) for ts in self.toks]
        self.loose: dict[int, frozenset[str]] = {}

    def strong_of(self, ids: Sequence[int]) -> frozenset[str]:
        if len(ids) == 1:
            return self.strong[ids[0]]
        return frozenset().union(*(self.strong[k] for k in ids))

    def loose_of(self, ids: Sequence[int]) -> frozenset[str]:
        for k in ids:
            if k not in self.loose:
                self.loose[k] = self.anchors.loose_of(self.toks[k])
        if len(ids) == 1:
            return self.loose[ids[0]]
        return frozenset().union(*(self.loose[k] for k in ids))


def _missing(found: frozenset[str], *sides: frozenset[str]) -> bool:
    """Whether one of the anchors ``found`` is in none of the lenient ``sides``."""
    return any(all((f if f[0] == "N" else f[:3]) not in side for side in sides) for f in found)


def _crosses(a: Bead, b: Bead, src: _Side, tgt: _Side) -> bool:
    """Whether an anchor stands in one link's source and the other link's target and is
    missing from both links' other sides."""
    ab = src.strong_of(a.src) & tgt.strong_of(b.tgt)
    if ab and _missing(ab, tgt.loose_of(a.tgt), src.loose_of(b.src)):
        return True
    ba = src.strong_of(b.src) & tgt.strong_of(a.tgt)
    return bool(ba) and _missing(ba, tgt.loose_of(b.tgt), src.loose_of(a.src))


def merge_crossed(
    beads: Sequence[Bead], texts: tuple[Sequence[str], Sequence[str]], max_bead: int, names: bool,
    tokens: tuple[Sequence[list[str]] | None, Sequence[list[str]] | None] = (None, None),
) -> list[Bead]:
    """Merge adjacent links that an anchor crosses (see the module docstring), as long as the
    merged bead fits ``max_bead``; a merged bead may merge again with the next link.
    ``tokens``: each side's _TOKEN words, when known."""
    src, tgt = _Side(texts[0], names, tokens[0]), _Side(texts[1], names, tokens[1])
    out: list[Bead] = []
    for b in beads:
        prev = out[-1] if out else None
        if prev is not None and prev.is_link and b.is_link and _crosses(prev, b, src, tgt):
            merged = Bead(prev.src + b.src, prev.tgt + b.tgt)
            ns, nt = len(merged.src), len(merged.tgt)
            if max(ns, nt) <= max_bead and ns + nt <= max_bead + 2:
                out[-1] = merged
                continue
        out.append(b)
    return out
