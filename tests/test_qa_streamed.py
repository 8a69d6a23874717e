"""``parley check`` of a streamed file (issue 15: memory flat in the number of units): the units
and the findings in temporary files read like tuples, and the check gives the same findings,
in the same order, as on the units in memory."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parley.align import spool
from parley.align.model import Bitext, TranslationUnit
from parley.align.spool import SpooledUnits
from parley.exports.registry import read_bitext, spool_bitext, write_bitext
from parley.glossary.model import Glossary, Term, TermEntry
from parley.glossary.qa import check_bitext, check_spooled

SOURCES = ("The Security Council met.", "Yes.", "The report was adopted.", "2014", "(a)",
           "Member States agreed on 12 items.", "The Council adopted the report.")
TARGETS = ("Совет Безопасности собрался.", "Да.", "Доклад был принят.", "Доклад принят.", "2014",
           "(a)", "Государства-члены согласовали 12 пунктов.", "Совет принял доклад.", "")


def _units(picks: list[tuple[int, int]]) -> list[TranslationUnit]:
    return [TranslationUnit(SOURCES[s % len(SOURCES)], TARGETS[t % len(TARGETS)], id=str(k + 1),
                            confidence=0.5 if k % 3 else None, props={"k": str(k)} if k % 2 else {})
            for k, (s, t) in enumerate(picks)]


@pytest.mark.parametrize("n", [0, 1, 255, 256, 257, 1000])
def test_spooled_units_read_like_a_tuple(n: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spool, "CACHED", 2)  # blocks are decoded again, not only kept
    units = _units([(k, k * 7) for k in range(n)])
    got = SpooledUnits(iter(units))
    picked = spool.Spool(units)  # pickled, as findings are
    assert list(picked) == units and picked[-1:] == tuple(units[-1:])
    order = list(range(n - 1, -1, -2))
    assert list(spool.Reordered(picked, order)) == [units[k] for k in order]
    assert len(got) == n
    assert list(got) == units
    assert [got[k] for k in range(n - 1, -1, -3)] == units[::-1][::3]
    assert got[2:n:7] == tuple(units[2:n:7]) and got[::-50] == tuple(units[::-50])
    if n:
        assert got[-1] == units[-1]
    with pytest.raises(IndexError):
        got[n]
    got.close()


def _glossary() -> Glossary:
    return Glossary((TermEntry("e1", (Term("Security Council", "en"), Term("Совет Безопасности", "ru"))),
                     TermEntry("e2", (Term("report", "en"), Term("доклад", "ru")))), ("en", "ru"))


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 20), st.integers(0, 20)), max_size=60))
def test_check_of_spooled_units_is_the_check_in_memory(picks: list[tuple[int, int]]) -> None:
    """Consistency groups (the rules that look across units) included: same findings, same
    order."""
    units = _units(picks)
    whole = [dataclasses.astuple(f) for f in check_bitext(Bitext("en", "ru", tuple(units)),
                                                           _glossary())]
    streamed = Bitext("en", "ru", SpooledUnits(units))
    assert [dataclasses.astuple(f) for f in check_bitext(streamed, _glossary())] == whole
    spooled = check_spooled(streamed, _glossary())
    assert len(spooled) == len(whole)
    assert [dataclasses.astuple(f) for f in spooled] == whole
    assert [dataclasses.astuple(spooled[k]) for k in range(len(whole) - 1, -1, -1)] == whole[::-1]


@pytest.mark.parametrize("fmt", ["tmx", "tsv", "csv"])
def test_spool_bitext_is_read_bitext(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"doc.{fmt}"
    write_bitext(path, Bitext("en", "ru", tuple(_units([(k, k) for k in range(300)]))), fmt)
    whole, streamed = read_bitext(path), spool_bitext(path)
    assert isinstance(streamed.units, SpooledUnits)
    assert (streamed.src_lang, streamed.tgt_lang, streamed.name, list(streamed.units)) == (
        whole.src_lang, whole.tgt_lang, whole.name, list(whole.units))
