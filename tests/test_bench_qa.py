"""The QA benchmark's injection bookkeeping (bench/qa.py)."""

from __future__ import annotations

from bench.qa import PER_DOC, _batches
from parley.align.model import TranslationUnit


def test_injected_copies_hold_no_two_slips_of_one_term() -> None:
    # two slips of one term in one copy would read as the translator's variant, not slips
    cases = [(TranslationUnit(f"s{k}", f"t{k}", id=str(k)), "mandate" if k % 3 else f"t{k}", "", "")
             for k in range(3 * PER_DOC)]
    batches = _batches(cases)
    assert sorted(k for b in batches for k in b) == list(range(len(cases)))
    for b in batches:
        assert len(b) <= PER_DOC
        terms = [cases[k][1] for k in b]
        assert len(terms) == len(set(terms)), terms
