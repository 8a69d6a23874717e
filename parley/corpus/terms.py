"""The corpus glossary as MAP + REDUCE — the one seam between the corpus runner and the
glossary's extraction.

MAP (on the worker, per pair): the pair's mergeable term statistics
(``parley.glossary.stats.gather_stats`` -> ``TermStats``), pickled beside the pair's record.
REDUCE (driver): the statistics summed in manifest order, then ranked once
(``parley.glossary.extract.rank_terms``): the entries and order that extracting from all pairs
concatenated gives, without tokenising or lemmatising the corpus again on one machine.

Where the glossary has no such split (older parley.glossary), :func:`stats_api` is None and the
reduce extracts from the concatenation of every finished pair's aligned units, which is the
same result by construction (and what the tests compare with).
"""

from __future__ import annotations

import dataclasses
import pickle
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from parley.corpus.model import CorpusOptions
from parley.corpus.store import stats_path, units_dir


def stats_api() -> tuple[Callable[..., Any], Callable[..., Any]] | None:
    """(gather_stats, rank_terms) when parley.glossary splits extraction; None otherwise."""
    try:
        from parley.glossary.extract import rank_terms  # type: ignore[attr-defined]
        from parley.glossary.stats import gather_stats  # type: ignore[import-not-found]
    except ImportError:
        return None
    return gather_stats, rank_terms


def _termbase(opts: CorpusOptions) -> Any:
    from parley.glossary.termbase import load_starter_termbase

    return load_starter_termbase() if opts.termbase else None


def _links(units: Iterable[Any], opts: CorpusOptions, name: str) -> Any:
    from parley.align.model import Bitext

    return Bitext(opts.src_lang, opts.tgt_lang,
                  tuple(u for u in units if u.source and u.target), name)


def write_pair_stats(outdir: Path, part: str, bitext: Any, opts: CorpusOptions) -> bool:
    """MAP: the pair's term statistics beside its record (written before the record, after
    the part). False where the glossary has no statistics to gather."""
    api = stats_api()
    if api is None:
        return False
    from parley.align.atomic import atomic_write_bytes

    stats = api[0](_links(bitext.units, opts, bitext.name), src_lang=opts.src_lang,
                   tgt_lang=opts.tgt_lang, termbase=_termbase(opts))
    atomic_write_bytes(stats_path(outdir, part), pickle.dumps(stats, pickle.HIGHEST_PROTOCOL))
    return True


def tree_sum(items: Iterable[Any]) -> Any:
    """Sum in order, pairwise (a left fold would copy the growing total once per pair), as
    the items come: partial sums of 1, 2, 4 ... items are merged as soon as two of a size
    meet, so only O(log n) of them are held, never every pair's statistics at once (2,000
    pairs: 236 MB of pickles, 2 GB unpickled)."""
    stack: list[tuple[int, Any]] = []
    for item in items:
        size, total = 1, item
        while stack and stack[-1][0] == size:
            left = stack.pop()[1]
            size, total = 2 * size, left + total
        stack.append((size, total))
    if not stack:
        raise ValueError("nothing to sum")
    total = stack.pop()[1]
    while stack:
        total = stack.pop()[1] + total
    return total


def corpus_glossary(outdir: Path, parts: list[str], opts: CorpusOptions) -> Any:
    """REDUCE: the corpus glossary over ``parts`` (manifest order)."""
    from parley.corpus.reduce import part_units

    api = stats_api()
    if api is None:
        from parley.corpus.reduce import corpus_units
        from parley.glossary.extract import extract_terms

        return extract_terms(_links(corpus_units(outdir, parts), opts, "corpus"),
                             src_lang=opts.src_lang, tgt_lang=opts.tgt_lang,
                             termbase=_termbase(opts), max_terms=opts.max_terms)
    gather, rank = api
    termbase = _termbase(opts)

    def pair_stats(part: str) -> Any:
        try:
            return pickle.loads(stats_path(outdir, part).read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            # finished by a parley without statistics, or the file is gone: from its part
            return gather(_links(part_units(units_dir(outdir) / part), opts, part),
                          src_lang=opts.src_lang, tgt_lang=opts.tgt_lang, termbase=termbase)

    total = tree_sum(pair_stats(part) for part in parts)
    if dataclasses.is_dataclass(total) and hasattr(total, "name"):
        total = dataclasses.replace(total, name="corpus")  # type: ignore[type-var]
    return rank(total, termbase=termbase, max_terms=opts.max_terms)
