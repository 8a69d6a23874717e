"""Sentence features for the alignment cost: anchors, lexicon entries, chrF-like n-grams.

Without MT a sentence is a bag of anchors that survive translation (numbers, punctuation,
transliterated word prefixes and consonant skeletons) plus lexicon entries; with MT a bag of
hashed character 3/4-grams and words of the MT and of the target. Both are IDF-weighted on the
document pair; a feature seen on one side only cannot match and counts as unexplained mass.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, overload

from parley.align.model import normalize_space

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    Arr = NDArray[np.float32]


_TRANSLIT = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґўәғқңөұүһ",
        ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p",
         "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",
         "i", "yi", "ye", "g", "u", "a", "g", "k", "n", "o", "u", "u", "h"],
        strict=True,
    )
)
_TRANSLIT.update({"þ": "th", "ð": "d", "æ": "ae", "ø": "o", "ß": "ss", "œ": "oe", "ł": "l"})

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|\w+|[?!()\"«»“”„:;%]", re.UNICODE)
_VOWELS = set("aeiouy")
_PUNCT_FEATURE = {
    "?": "?", "!": "!", "(": "(", ")": "(", "\"": "Q", "«": "Q", "»": "Q", "“": "Q", "”": "Q",
    "„": "Q", ":": ":", ";": ";", "%": "%",
}

_norm_cache: dict[str, str] = {}


def _latin(word: str) -> str:
    """Lower-case, transliterate Cyrillic and strip accents: a script-neutral key."""
    got = _norm_cache.get(word)
    if got is not None:
        return got
    low = word.lower()
    if low.isascii():
        out = low  # nothing to transliterate or strip (most words of Latin-script text)
    else:
        out = "".join(_TRANSLIT.get(ch, ch) for ch in low)
        out = "".join(
            ch for ch in unicodedata.normalize("NFKD", out) if not unicodedata.combining(ch)
        )
    if len(_norm_cache) < 500_000:
        _norm_cache[word] = out
    return out


def word_key(word: str, prefix: int = 5) -> str:
    """The normalised prefix used for cognates and for lexicon entries."""
    return _latin(word)[:prefix]


def tokens(text: str) -> list[str]:
    """Words, numbers and the punctuation that anchors (interned: long texts repeat them)."""
    return [sys.intern(t) for t in _TOKEN.findall(text)]


_anchor_cache: dict[str, tuple[str, ...]] = {}


def _token_anchors(tok: str) -> tuple[str, ...]:
    got = _anchor_cache.get(tok)
    if got is not None:
        return got
    feats: list[str] = []
    ch = tok[0]
    if ch.isdigit():
        feats.append("N" + re.sub(r"[.,]", "", tok))
    elif tok in _PUNCT_FEATURE:
        feats.append("P" + _PUNCT_FEATURE[tok])
    elif len(tok) >= 4 or (tok.isupper() and len(tok) >= 2):
        key = _latin(tok)
        feats.append("W" + key[:5])
        if ch.isupper():
            skel = "".join(c for c in key if c not in _VOWELS and c.isalpha())
            if len(skel) >= 3:
                feats.append("S" + skel[:4])
    out = tuple(sys.intern(f) for f in feats)
    if len(_anchor_cache) < 500_000:
        _anchor_cache[tok] = out
    return out


def _anchor_features(toks: Sequence[str]) -> list[str]:
    return [f for tok in toks for f in _token_anchors(tok)]


def _lexicon_features(
    toks: Sequence[str], lex: Mapping[str, set[str]] | None, tgt_vocab: set[str], is_src: bool,
    cache: dict[str, tuple[str, ...]] | None = None,
) -> list[str]:
    """Features ``L<target word>``: a source word yields its translations, a target word itself
    (when some source word translates to it). ``cache`` is per lexicon and side."""
    if not lex:
        return []
    memo: dict[str, tuple[str, ...]] = cache if cache is not None else {}
    out: list[str] = []
    for tok in toks:
        got = memo.get(tok)
        if got is None:
            got = ()
            if tok[0].isalpha():
                key = word_key(tok)
                if is_src:
                    got = tuple(sys.intern("L" + t) for t in sorted(lex.get(key, ())))
                elif key in tgt_vocab:
                    got = (sys.intern("L" + key),)
            memo[tok] = got
        out.extend(got)
    return out


def _distinct(a: NDArray[np.int64]) -> NDArray[np.int64]:
    """The distinct values of ``a``, sorted (a sort: ``np.unique`` hashes, slower here; many
    hashed feature ids, below _HASH: marks in a table of _HASH, cheaper than their sort)."""
    import numpy as np

    if len(a) > 100_000 and int(a.min()) >= 0 and int(a.max()) < _HASH:
        seen = np.zeros(_HASH, dtype=bool)
        seen[a] = True
        return np.flatnonzero(seen)
    a = np.sort(a)
    return a[np.concatenate([[True], a[1:] != a[:-1]])] if len(a) else a


def _vectorize(
    src_feats: Sequence[Sequence[str]], tgt_feats: Sequence[Sequence[str]], dim: int
) -> tuple[Arr, Arr, NDArray[np.float64], NDArray[np.float64]]:
    """IDF-weighted hashed bag of features of two lists of feature lists (see _bags)."""
    import numpy as np

    fid: dict[str, int] = {}

    def encode(feats: Sequence[Sequence[str]]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        flat = [fid.setdefault(f, len(fid)) for fs in feats for f in fs]
        rows = np.repeat(np.arange(len(feats), dtype=np.int64),
                         np.fromiter((len(fs) for fs in feats), dtype=np.int64, count=len(feats)))
        return rows, np.asarray(flat, dtype=np.int64)

    return _bags(([encode(src_feats)], len(src_feats)), ([encode(tgt_feats)], len(tgt_feats)), list(fid), dim)


#: parts of (sentence of each feature occurrence, the feature's id), each sorted by sentence
#: and holding features of their own (anchors, lexicon entries), and the number of sentences
_Occurrences = tuple[list[tuple["NDArray[Any]", "NDArray[Any]"]], int]


def _bags(
    src: _Occurrences, tgt: _Occurrences, names: Sequence[str], dim: int
) -> tuple[Arr, Arr, NDArray[np.float64], NDArray[np.float64]]:
    """IDF-weighted hashed bags from feature occurrences (``names[id]`` is a feature's name). A
    feature seen on one side only cannot match: it is dropped from the vector but counted, per
    sentence, as unexplained mass (returned as the squared norm it would have added). Document
    frequencies, weights and sums are numpy (a Python loop per feature cost seconds at 10k
    sentences); columns follow the sorted names, so the bags do not depend on input order."""
    import numpy as np

    nf = len(names)

    def df(occ: _Occurrences) -> NDArray[np.int64]:
        out = np.zeros(nf, dtype=np.int64)
        for rows, f in occ[0]:  # parts hold different features: their counts add up
            if len(f):
                out += np.bincount(_distinct(rows.astype(np.int64) * nf + f) % nf, minlength=nf)
        return out

    df_s, df_t = df(src), df(tgt)
    shared = (df_s > 0) & (df_t > 0)
    order = sorted(np.flatnonzero(shared).tolist(), key=names.__getitem__)
    col = np.full(nf, -1, dtype=np.int64)
    col[np.asarray(order, dtype=np.int64)] = np.arange(len(order)) % dim
    total = src[1] + tgt[1]
    idf = np.zeros(nf, dtype=np.float64)
    idf[shared] = np.log(1.0 + total / (df_s[shared] + df_t[shared]))
    w2 = float(np.mean(idf[shared] ** 2)) if shared.any() else 1.0

    def build(occ: _Occurrences) -> tuple[Arr, NDArray[np.float64]]:
        """Sums a block of rows at a time, slicing each part by binary search: no copy of
        the occurrences (hundreds of MB at 100k sentences). The float64 sums are kept for the
        (row, column) cells that occur only, numbered in sorted order: the same bincount
        additions in the same order as over the dense block, without zeroing, adding and
        converting (rows x 512) numbers of which a few percent are not zero."""
        parts, n = occ
        x = np.zeros((n, dim), dtype=np.float32)
        flat = x.reshape(-1)
        unmatched = np.zeros(n, dtype=np.float64)
        step = max(1, 4_000_000 // dim)
        for r0 in range(0, n, step):
            r1 = min(n, r0 + step)
            cells: list[tuple[NDArray[np.int64], NDArray[np.float64]]] = []
            for rows, f in parts:
                lo, hi = np.searchsorted(rows, [r0, r1])
                rr, ff = rows[lo:hi] - r0, f[lo:hi]
                c = col[ff]
                hit = c >= 0
                cells.append((rr[hit].astype(np.int64) * dim + c[hit], idf[ff[hit]]))
                unmatched[r0:r1] += w2 * np.bincount(rr[~hit], minlength=r1 - r0)
            keys = _distinct(np.concatenate([k for k, _ in cells]))
            acc = np.zeros(len(keys), dtype=np.float64)
            for k, w in cells:
                acc += np.bincount(np.searchsorted(keys, k), weights=w, minlength=len(keys))
            flat[r0 * dim + keys] = acc
        return x, unmatched

    xs, us = build(src)
    xt, ut = build(tgt)
    return xs, xt, us, ut


class _Vocab(dict[str, int]):
    """Numbers words in order of first sight (``vocab[word]`` adds an unseen one)."""

    def __missing__(self, key: str) -> int:
        got = self[key] = len(self)
        return got


class _Tokens(Sequence[list[str]]):
    """The :func:`tokens` of each text (not interned: nothing keeps them), made when asked
    for (the lexicon pass reads a few thousand sentences' tokens, not all of them)."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = texts

    def __len__(self) -> int:
        return len(self.texts)

    @overload
    def __getitem__(self, k: int) -> list[str]: ...
    @overload
    def __getitem__(self, k: slice) -> list[list[str]]: ...
    def __getitem__(self, k: int | slice) -> list[str] | list[list[str]]:
        if isinstance(k, slice):
            return [_TOKEN.findall(t) for t in self.texts[k]]
        return _TOKEN.findall(self.texts[k])  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[list[str]]:
        return map(_TOKEN.findall, self.texts)


class _AnchorBags:
    """Anchor and lexicon features of a document pair, computed once per distinct token: each
    sentence is a list of token ids, each token a list of feature ids, and the bags are built
    by expanding the one through the other in numpy. The same bags as _anchor_features plus
    _lexicon_features through _vectorize, without a Python loop over every token three times."""

    def __init__(self, src_toks: Iterable[Sequence[str]], tgt_toks: Iterable[Sequence[str]]) -> None:
        self.fid: dict[str, int] = {}
        self.sides = [self._tokens(src_toks), self._tokens(tgt_toks)]
        self.n = (self.sides[0][3], self.sides[1][3])
        #: per side, the anchors' occurrences (the same in every pass: computed once)
        self.anchors: list[tuple[NDArray[np.int32], NDArray[np.int32]]] = []
        #: per side, each distinct word's lexicon key (None: not a word), when first needed
        self.keys: list[list[str | None]] = []

    @staticmethod
    def _tokens(
        toks: Iterable[Sequence[str]],
    ) -> tuple[NDArray[np.int32], NDArray[np.int32], list[str], int]:
        """Per token occurrence its sentence and word id; the words; the number of sentences."""
        import numpy as np

        vocab = _Vocab()
        flat: list[int] = []
        lens: list[int] = []
        for ts in toks:
            lens.append(len(ts))
            flat.extend(map(vocab.__getitem__, ts))
        rows = np.repeat(np.arange(len(lens), dtype=np.int32), np.asarray(lens, dtype=np.int64))
        # 32-bit: these live through the whole alignment (tens of MB at 100k sentences)
        return rows, np.asarray(flat, dtype=np.int32), list(vocab), len(lens)

    def _expand(
        self, side: int, per_token: Sequence[Sequence[str]]
    ) -> tuple[NDArray[np.int32], NDArray[np.int32]]:
        """Occurrences (sentence, feature id) given each distinct token's feature names."""
        import numpy as np

        rows, tids, _, _ = self.sides[side]
        fid = self.fid
        lens = np.fromiter((len(f) for f in per_token), dtype=np.int64, count=len(per_token))
        ids = np.asarray([fid.setdefault(f, len(fid)) for fs in per_token for f in fs], dtype=np.int64)
        ptr = np.concatenate([[0], np.cumsum(lens)])
        cnt = lens[tids]
        total = int(cnt.sum())
        first = np.repeat(np.cumsum(cnt) - cnt, cnt)
        at = np.repeat(ptr[tids], cnt) + np.arange(total) - first
        return np.repeat(rows, cnt), ids[at].astype(np.int32)

    def vectors(
        self, lex: Mapping[str, set[str]] | None, dim: int
    ) -> tuple[Arr, Arr, NDArray[np.float64], NDArray[np.float64]]:
        """The bags with the anchors and, when given, the lexicon's entries."""

        vocab = {w for ws in (lex or {}).values() for w in ws}
        occ: list[_Occurrences] = []
        for side, (_, _, words, _) in enumerate(self.sides):
            if len(self.anchors) <= side:
                self.anchors.append(self._expand(side, [_token_anchors(w) for w in words]))
            parts: list[tuple[NDArray[Any], NDArray[Any]]] = [self.anchors[side]]
            if lex:
                parts.append(self._expand(side, self._lexicon(side, lex, vocab)))
            occ.append((parts, self.n[side]))
        return _bags(occ[0], occ[1], list(self.fid), dim)

    def _lexicon(self, side: int, lex: Mapping[str, set[str]], tgt_vocab: set[str]) -> list[tuple[str, ...]]:
        """Each distinct word's lexicon features, as _lexicon_features gives them, from the
        words' keys computed once and each entry's features built once."""
        empty: tuple[str, ...] = ()
        if not self.keys:
            self.keys = [[word_key(w) if w[0].isalpha() else None for w in side_words[2]]
                         for side_words in self.sides]
        if side == 0:
            feats = {k: tuple(sys.intern("L" + t) for t in sorted(v)) for k, v in lex.items()}
            return [empty if k is None else feats.get(k, empty) for k in self.keys[0]]
        return [empty if k is None or k not in tgt_vocab else (sys.intern("L" + k),) for k in self.keys[1]]


_HASH = 1 << 20
_word_ids: dict[str, int] = {}


def _lowered_gram_ids(
    low: Sequence[str], words: bool, word_ids: tuple[NDArray[np.int64], NDArray[np.int64]] | None = None
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """(sentence, feature id) of every character 3/4-gram (and, with ``words``, every word) of
    texts already space-normalised and lower-cased; ids are hashes in ``[0, 2**20)``. The
    4-gram hashes extend the 3-gram ones (``h4 = (h3 + M**3) * M + c``, the same number
    modulo 2**64 as hashing the four characters from scratch), and the words' ids are looked
    up once per distinct word of the chunk (or given: ``word_ids``, see _word_gram_ids)."""
    import numpy as np

    joined = "\n".join(low) + "\n"
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    lens = np.fromiter((len(t) + 1 for t in low), dtype=np.int64, count=len(low))
    sent = np.repeat(np.arange(len(low), dtype=np.int64), lens)
    sent[np.cumsum(lens) - 1] = -1  # the separator belongs to no sentence
    rows_all: list[NDArray[np.int64]] = []
    ids_all: list[NDArray[np.int64]] = []
    mul = np.uint64(1_000_003)
    h = np.zeros(0, dtype=np.uint64)
    for n in (3, 4):
        size = len(codes) - n + 1
        if size <= 0:
            continue
        if n == 3:
            h = np.full(size, n, dtype=np.uint64)
            for k in range(n):
                h = h * mul + codes[k : k + size]
        else:
            h = (h[:size] + mul**3) * mul + codes[n - 1 : n - 1 + size]
        ok = (sent[:size] >= 0) & (sent[:size] == sent[n - 1 : n - 1 + size])
        rows_all.append(sent[:size][ok])
        ids_all.append(((h[ok] >> np.uint64(17)) % np.uint64(_HASH)).astype(np.int64))
    if words:
        rows, ids = word_ids if word_ids is not None else _word_gram_ids(low)
        rows_all.append(rows.astype(np.int64))
        ids_all.append(ids.astype(np.int64))
    if not rows_all:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(rows_all), np.concatenate(ids_all)


def _word_gram_ids(
    low: Sequence[str], given: Sequence[list[str] | None] | None = None
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """(sentence, feature id) of every word of texts already lower-cased; ``given``: the
    words of some of them, already known (see _lowered_tokens)."""
    import numpy as np

    toks = ([_TOKEN.findall(t) for t in low] if given is None
            else [_TOKEN.findall(t) if ts is None else ts for t, ts in zip(low, given, strict=True)])
    flat = [w for ts in toks for w in ts]
    rows = np.repeat(np.arange(len(low), dtype=np.int64),
                     np.fromiter(map(len, toks), dtype=np.int64, count=len(toks)))
    return rows, np.fromiter(map(_word_id_map(set(flat)).__getitem__, flat), dtype=np.int64, count=len(flat))


def _word_id_map(vocab: set[str]) -> dict[str, int]:
    """The hashed id of each word (crc32 of ``"w" + word``, cached across documents)."""
    import zlib

    out: dict[str, int] = {}
    for w in vocab:
        got = _word_ids.get(w)
        if got is None:
            got = zlib.crc32(("w" + w).encode("utf-8")) % _HASH
            if len(_word_ids) < 1_000_000:
                _word_ids[w] = got
        out[w] = got
    return out


def _gram_df(
    chunks: Callable[[int], Iterable[tuple[NDArray[np.int64], NDArray[np.int64]]]], size: int
) -> tuple[NDArray[np.int64], NDArray[np.float64], list[NDArray[np.bool_]]]:
    """The feature ids (``size`` of them, or only those that occur when ``size`` is 0), how
    many sentences hold each, and whether each occurs on either side."""
    import numpy as np

    if size:
        vocab = np.arange(size, dtype=np.int64)
    else:
        vocab = _distinct(np.concatenate([ids for side in (0, 1) for _, ids in chunks(side)]))
    df = np.zeros(len(vocab), dtype=np.float64)
    seen = [np.zeros(len(vocab), dtype=bool), np.zeros(len(vocab), dtype=bool)]
    for side in (0, 1):
        for rows, ids in chunks(side):
            at = ids if size else np.searchsorted(vocab, ids)
            key = np.sort(rows * len(vocab) + at)
            uniq = key[np.concatenate([[True], key[1:] != key[:-1]])] if len(key) else key
            df += np.bincount(uniq % len(vocab), minlength=len(vocab))
            seen[side][at] = True
    return vocab, df, seen


def _places(vocab: NDArray[np.int64], ids: NDArray[np.int64]) -> NDArray[np.int64]:
    """``np.searchsorted(vocab, ids)`` for ids in ``vocab`` (below _HASH): through a table
    when there are many of them (no binary search; the table is left unset elsewhere)."""
    import numpy as np

    if len(ids) < 50_000:
        return np.searchsorted(vocab, ids)
    table = np.empty(_HASH, dtype=np.int64)
    table[vocab] = np.arange(len(vocab))
    return table[ids]


def _short_text(sentences: int, chunk: int = 4000) -> bool:
    """Whether _char_ngram_vectors keeps a text's grams between its passes (and reads the
    words it is given)."""
    return sentences <= 4 * chunk


def _lowered_tokens(
    texts: Sequence[str], low: Sequence[str], toks: Sequence[list[str]]
) -> list[list[str] | None]:
    """The words of the lower-cased texts from those of the texts, where lower-casing maps
    each character to one (every character but U+0130 does, and keeps whether it is a word
    character, a digit or one of _TOKEN's punctuation marks: checked over all of Unicode),
    so the tokens are the same, lower-cased; None where a text's length changed."""
    return [[w.lower() for w in ts] if len(lo) == len(t) else None
            for t, lo, ts in zip(texts, low, toks, strict=True)]


def _char_ngram_vectors(
    src: Sequence[str], tgt: Sequence[str], dim: int, words: bool = True, chunk: int = 4000,
    normalized: bool = False,
    tokens: tuple[Sequence[list[str]] | None, Sequence[list[str]] | None] = (None, None),
) -> tuple[Arr, Arr, NDArray[np.float64], NDArray[np.float64]]:
    """chrF++-like features: hashed character 3/4-grams and words, IDF-weighted over both
    sides, grams seen on one side only dropped. Two passes over chunks keep memory flat.
    A short text (at most two chunks a side) keeps its grams between the passes and counts
    document frequencies over the ids it has rather than over all 2**20 of them: tables
    of a million entries cost a 40-sentence document more than everything else (the same
    numbers either way: the ids are looked up in sorted order). ``normalized``: the texts'
    spaces are normalised already (the aligner's are)."""
    import numpy as np

    norm = (lambda t: t) if normalized else normalize_space
    sides = ([norm(t).lower() for t in src], [norm(t).lower() for t in tgt])
    small = _short_text(len(src) + len(tgt), chunk)
    # the words of a side whose _TOKEN words are given (``tokens``, of the normalised texts)
    known = [None if tk is None or not words or not normalized else _lowered_tokens(raw, low, tk)
             for raw, low, tk in zip((src, tgt), sides, tokens, strict=True)]
    kept = [[_lowered_gram_ids(low, words, None if kn is None else _word_gram_ids(low, kn[c0 : c0 + chunk]))
             for c0 in range(0, len(t), chunk) for low in [t[c0 : c0 + chunk]]]
            for t, kn in zip(sides, known, strict=True)] if small else []
    # a long text: the words' ids of the first pass serve the second one (kept small: the
    # number of words of each sentence and 32-bit ids)
    word_ids: dict[tuple[int, int], tuple[NDArray[np.int32], NDArray[np.int32]]] = {}

    def lowered(side: int, c0: int) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        low = sides[side][c0 : c0 + chunk]
        if not words:
            return _lowered_gram_ids(low, False)
        if (side, c0) not in word_ids:
            rows, ids = _word_gram_ids(low)
            word_ids[side, c0] = np.bincount(rows, minlength=len(low)).astype(np.int32), ids.astype(np.int32)
            return _lowered_gram_ids(low, True, (rows, ids))
        per, ids32 = word_ids.pop((side, c0))
        rows = np.repeat(np.arange(len(low), dtype=np.int64), per)
        return _lowered_gram_ids(low, True, (rows, ids32.astype(np.int64)))

    # a short text: the distinct ids, and each gram's place among them, once for both passes
    vocab = _distinct(np.concatenate([ids for side in kept for _, ids in side])) if small else None
    places = [[_places(vocab, ids) for _, ids in side] for side in kept] if vocab is not None else []

    def chunks(side: int) -> Iterable[tuple[NDArray[np.int64], NDArray[np.int64]]]:
        if small:  # the places stand for the ids
            return [(rows, at) for (rows, _), at in zip(kept[side], places[side], strict=True)]
        return (lowered(side, c0) for c0 in range(0, len(sides[side]), chunk))

    _, df, seen = _gram_df(chunks, _HASH if vocab is None else len(vocab))
    idf = np.log1p((len(src) + len(tgt)) / np.maximum(df, 1.0)).astype(np.float32)
    both = seen[0] & seen[1]
    w2 = float(np.mean(idf[both] ** 2)) if both.any() else 1.0
    idf[~both] = 0.0
    out: list[Arr] = []
    nulls: list[NDArray[np.float64]] = []
    for side, texts in enumerate(sides):
        x = np.zeros((len(texts), dim), dtype=np.float32)
        null = np.zeros(len(texts), dtype=np.float64)
        got = kept[side] if small else chunks(side)
        for k, (c0, (rows, ids)) in enumerate(zip(range(0, len(texts), chunk), got, strict=True)):
            at = places[side][k] if small else ids
            size = len(texts[c0 : c0 + chunk])
            # bincount, not np.add.at: several times faster on millions of grams
            x[c0 : c0 + size] = np.bincount(rows * dim + ids % dim, weights=idf[at],
                                            minlength=size * dim).reshape(size, dim)
            lone = ~both[at]
            null[c0 : c0 + chunk] = w2 * np.bincount(rows[lone], minlength=size)
        out.append(np.sqrt(x, out=x))  # sublinear, as a long bead repeats common grams
        nulls.append(null)
    return out[0], out[1], nulls[0], nulls[1]
