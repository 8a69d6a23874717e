"""Leave out an edge sentence that names someone its link's other side never mentions (issue 16).

A photo credit or a translator's note glued to a neighbouring sentence («Photo J. Coulin»,
«(Traduit de l'allemand par M. Kurz)») adds no matching grams, but neither do many short
sentences that are part of their bead, so the detach pass (boundary._detach) lets most of them
stay. What tells them apart is a name: names survive translation, so a sentence whose names
(capitalised words after its first word) stand nowhere in the link's other side, and which
shares no number with it either, is not part of that translation. It is left out when it also
adds less than ``names_tau`` per character to the link's chrF score (the detach pass's measure).

With MT the names of a source sentence are read in its MT (the target's script and spelling:
«Вашингтон» is «Washington» there).

On a side whose language capitalises nouns (German: a third of the words inside sentences
start with a capital) capitals mark no names, so the pass only looks at a side where at most
``names_max_caps`` of them do; the share is measured on the text itself."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from parley.align.boundary import _gain_per_char, _glued, _size, peel
from parley.align.features import _TOKEN
from parley.align.model import Bead
from parley.align.seams import _missing, _token

if TYPE_CHECKING:
    from parley.align.boundary import _GroupScores

#: the first letter of each word (a letter no letter precedes)
_INITIAL = re.compile(r"(?<![^\W\d_])[^\W\d_]")


def caps_share(texts: Sequence[str]) -> float:
    """The share of words after each sentence's first word that start with a capital, on a
    sample of about 100 sentences spread over the text (every sentence's first word is
    taken to be capitalised: one regular expression over the sample, no loop per word)."""
    sample = texts[:: max(1, len(texts) // 100)]
    initials = "".join(_INITIAL.findall("\n".join(sample)))
    firsts = sum(1 for t in sample if _INITIAL.search(t))
    words = len(initials) - firsts
    return max(0, sum(map(str.isupper, initials)) - firsts) / words if words > 0 else 0.0


def _unsupported_names(text: str, other: Sequence[str]) -> bool:
    """Whether ``text`` holds a name after its first word, and none of its names and numbers
    stands in ``other`` (the link's other side), even leniently (seams._missing)."""
    toks = _TOKEN.findall(text)
    first = next((k for k, w in enumerate(toks) if w[0].isalpha()), len(toks))
    names = {a for a in (_token(w)[0] for w in toks[first + 1 :]) if a and a[0] != "N"}
    if not names:
        return False
    numbers = {a for a in (_token(w)[0] for w in toks) if a and a[0] == "N"}
    lenient = frozenset(b for t in other for b in (_token(w)[1] for w in _TOKEN.findall(t)) if b)
    return all(_missing(frozenset([a]), lenient) for a in names | numbers)


def _stray_cut(
    scores: _GroupScores, b: Bead, texts: tuple[Sequence[str], Sequence[str]], looks: tuple[bool, bool],
    tau: float, longest: float,
) -> tuple[Bead, Bead, bool] | None:
    """The first edge sentence of ``b`` to leave out (the rest, the sentence, whether it comes
    first), if any."""
    for side, ids in ((0, b.src), (1, b.tgt)):
        if len(ids) < 2 or not looks[side]:
            continue
        other = [texts[1 - side][k] for k in (b.tgt if side == 0 else b.src)]
        for first, x in ((True, ids[0]), (False, ids[-1])):
            text = texts[side][x]
            lone = Bead((x,), ()) if side == 0 else Bead((), (x,))
            if _size(scores, lone) > longest or _glued(text, first) or not _unsupported_names(text, other):
                continue
            rest_ids = ids[1:] if first else ids[:-1]
            rest = Bead(rest_ids, b.tgt) if side == 0 else Bead(b.src, rest_ids)
            if _gain_per_char(scores, b, rest, lone) < tau:
                return rest, lone, first
    return None


def detach_strays(
    scores: _GroupScores, beads: Sequence[Bead], texts: tuple[Sequence[str], Sequence[str]],
    tau: float, max_caps: float, longest: float,
) -> list[Bead]:
    """Leave out the edge sentences of n-m links that name what the link's other side does not
    (see the module docstring), repeatedly, up to ``longest`` characters. Constant work per
    link (its few edge sentences): linear."""
    if not any(b.is_nm for b in beads):
        return list(beads)  # no n-m link: the capitals are not even measured
    looks = (caps_share(texts[0]) <= max_caps, caps_share(texts[1]) <= max_caps)
    if not any(looks):
        return list(beads)
    out: list[Bead] = []
    for b in beads:
        out += peel(b, lambda link: _stray_cut(scores, link, texts, looks, tau, longest))
    return out
