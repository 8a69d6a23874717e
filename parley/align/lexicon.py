"""Word-translation lexicons: the user's TSV word list and the one learnt from sure beads."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from parley.align.features import tokens, word_key
from parley.align.model import Bead

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray


def learn_lexicon(
    beads: Sequence[Bead], src_toks: Sequence[Sequence[str]], tgt_toks: Sequence[Sequence[str]],
    *, min_count: int = 2, min_dice: float = 0.3, max_beads: int = 5_000,
) -> dict[str, set[str]]:
    """Word-translation pairs by Dice over the given (confident 1-1) beads, keeping for each
    source word only its best targets (competitive, so frequent words do not pair with all).
    The co-occurrence counts are one numpy join of (bead, word) lists: counting the pairs in
    Python took seconds for a few thousand beads."""
    import numpy as np

    step = max(1, len(beads) // max_beads)
    sample = beads[::step]
    ids: tuple[dict[str, int], dict[str, int]] = ({}, {})

    def occurrences(side: int, toks: Sequence[Sequence[str]]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """(bead, word id) of each distinct word key of each bead's side, grouped by bead (each
        distinct token's key looked up once: the keys go into each bead's set in the order a
        per-token word_key call would put them)."""
        vocab = ids[side]
        memo = _KeyMemo()
        bs: list[int] = []
        ws: list[int] = []
        for k, b in enumerate(sample):
            keys = {w for s in (b.src if side == 0 else b.tgt) for w in map(memo.__getitem__, toks[s])
                    if w is not None}
            for w in keys:
                bs.append(k)
                ws.append(vocab.setdefault(w, len(vocab)))
        return np.asarray(bs, dtype=np.int64), np.asarray(ws, dtype=np.int64)

    sb, sw = occurrences(0, src_toks)
    tb, tw = occurrences(1, tgt_toks)
    if not len(sw) or not len(tw):
        return {}
    nb = len(sample)
    cnt_t = np.bincount(tb, minlength=nb)
    start_t = np.concatenate([[0], np.cumsum(cnt_t)[:-1]])
    rep = cnt_t[sb]  # each source occurrence pairs with every target word of its bead
    total = int(rep.sum())
    if total == 0:
        return {}
    first = np.repeat(np.cumsum(rep) - rep, rep)
    tpos = np.repeat(start_t[sb], rep) + (np.arange(total) - first)
    nt = len(ids[1])
    key = np.repeat(sw, rep) * nt + tw[tpos]
    key.sort()
    starts = np.flatnonzero(np.concatenate([[True], key[1:] != key[:-1]]))
    pair, c = key[starts], np.diff(np.concatenate([starts, [len(key)]]))
    x, y = pair // nt, pair % nt
    cs, ct = np.bincount(sw, minlength=len(ids[0])), np.bincount(tw, minlength=nt)
    dice = 2.0 * c / (cs[x] + ct[y])
    src_words = np.array(list(ids[0]), dtype=object)
    tgt_words = np.array(list(ids[1]), dtype=object)
    ok = (c >= min_count) & (dice >= min_dice) & (src_words[x] != tgt_words[y])
    x, y, dice = x[ok], y[ok], dice[ok]
    best_s = np.zeros(len(ids[0]))
    best_t = np.zeros(nt)
    np.maximum.at(best_s, x, dice)
    np.maximum.at(best_t, y, dice)
    keep = (dice >= 0.8 * best_s[x]) & (dice >= 0.8 * best_t[y])
    lex: dict[str, set[str]] = {}
    for a, b in zip(src_words[x[keep]], tgt_words[y[keep]], strict=True):
        lex.setdefault(a, set()).add(b)
    return lex


class _KeyMemo(dict[str, "str | None"]):
    """A token's word_key, None for a token that is not a word, computed once per token."""

    def __missing__(self, tok: str) -> str | None:
        got = self[tok] = word_key(tok) if tok[0].isalpha() else None
        return got


def _normalise_lexicon(lexicon: Mapping[str, set[str]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for s, ts in lexicon.items():
        for w in tokens(s)[:1]:
            out.setdefault(word_key(w), set()).update(word_key(t) for t in ts if t.strip())
    return out


def read_lexicon(path: str | Path) -> dict[str, set[str]]:
    """A bilingual word list: ``source<TAB>target`` per line (more lines for more targets;
    ``#`` starts a comment; a header ``source<TAB>target`` or language codes is skipped)."""
    from parley.align.errors import FormatError
    from parley.align.lang import KNOWN
    from parley.align.reader import read_utf8

    p = Path(path)
    text = read_utf8(p, "lexicon file", "give a TSV file: source<TAB>target")
    lex: dict[str, set[str]] = {}
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 2 or not cols[0].strip() or not cols[1].strip():
            raise FormatError(f"line {n} is not 'source<TAB>target'", p, "one pair per line")
        head = (cols[0].strip().lower(), cols[1].strip().lower())
        if n == 1 and (head == ("source", "target") or (head[0] in KNOWN and head[1] in KNOWN)):
            continue
        lex.setdefault(cols[0].strip(), set()).add(cols[1].strip())
    return lex
