"""Word-translation lexicons: the user's TSV word list and the one learnt from sure beads."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

from parley.align.features import tokens, word_key
from parley.align.model import Bead


def learn_lexicon(
    beads: Sequence[Bead], src_toks: Sequence[Sequence[str]], tgt_toks: Sequence[Sequence[str]],
    *, min_count: int = 2, min_dice: float = 0.3, max_beads: int = 5_000,
) -> dict[str, set[str]]:
    """Word-translation pairs by Dice over the given (confident 1-1) beads, keeping for each
    source word only its best targets (competitive, so frequent words do not pair with all)."""
    pairs: Counter[tuple[str, str]] = Counter()
    cs: Counter[str] = Counter()
    ct: Counter[str] = Counter()
    step = max(1, len(beads) // max_beads)
    for b in beads[::step]:
        ws = {word_key(t) for s in b.src for t in src_toks[s] if t[0].isalpha()}
        wt = {word_key(t) for s in b.tgt for t in tgt_toks[s] if t[0].isalpha()}
        cs.update(ws)
        ct.update(wt)
        pairs.update((x, y) for x in ws for y in wt)
    best_s: dict[str, float] = {}
    best_t: dict[str, float] = {}
    scored: list[tuple[str, str, float]] = []
    for (x, y), c in pairs.items():
        if c < min_count or x == y:
            continue
        dice = 2.0 * c / (cs[x] + ct[y])
        if dice >= min_dice:
            scored.append((x, y, dice))
            best_s[x] = max(best_s.get(x, 0.0), dice)
            best_t[y] = max(best_t.get(y, 0.0), dice)
    lex: dict[str, set[str]] = {}
    for x, y, dice in scored:
        if dice >= 0.8 * best_s[x] and dice >= 0.8 * best_t[y]:
            lex.setdefault(x, set()).add(y)
    return lex


def _normalise_lexicon(lexicon: Mapping[str, set[str]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for s, ts in lexicon.items():
        for w in tokens(s)[:1]:
            out.setdefault(word_key(w), set()).update(word_key(t) for t in ts if t.strip())
    return out


def read_lexicon(path: str | Path) -> dict[str, set[str]]:
    """A bilingual word list: ``source<TAB>target`` per line (more lines for more targets;
    ``#`` starts a comment; a header ``source<TAB>target`` or language codes is skipped)."""
    from parley.align.errors import FormatError, require_file
    from parley.align.lang import KNOWN

    p = Path(path)
    require_file(p, "lexicon file", "give a TSV file: source<TAB>target")
    try:
        text = p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormatError("lexicon is not UTF-8 text", p, "save it as UTF-8") from exc
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
