"""The check's fast paths give what the plain definitions give (issue 15: speed with
identical findings): candidate terms per unit, script shares, and the collector's state."""

from __future__ import annotations

import gc
import itertools
import unicodedata
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parley.align.model import _WS, Bitext, TranslationUnit, normalize_space
from parley.glossary.model import Glossary, Term, TermEntry
from parley.glossary.morph import tokenize
from parley.glossary.qa import RULES, check_bitext
from parley.glossary.qa.base import QAContext, analyse, match_keys
from parley.glossary.qa.untranslated import script_shares

TERMS = ("Security Council", "security", "General Assembly", "human rights", "rights",
         "report", "reports of the Secretary-General", "Member States", "State", "developing "
         "countries", "development")

WORDS = ("the", "Security", "security", "Council", "councils", "General", "Assembly",
         "human", "rights", "right", "report", "reported", "reports", "of", "Secretary-General",
         "Member", "States", "state", "developing", "developed", "countries", "development", "UN")


def _glossary() -> Glossary:
    return Glossary(tuple(TermEntry(f"e{n}", (Term(s, "en"), Term("термин", "ru")))
                          for n, s in enumerate(TERMS)), ("en", "ru"))


def _naive(ctx: QAContext, text: str) -> list[tuple[str, list[int]]]:
    """Every spec, tried at every token: first-word keys shared (the definition)."""
    toks = analyse(text, "en")
    out = []
    for spec in ctx.term_specs:
        at = [p for p, t in enumerate(toks) if match_keys(spec.words[0]) & match_keys(t)]
        if at:
            out.append((spec.source, at))
    return sorted(out)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=25))
def test_candidate_specs_are_every_spec_whose_first_word_shares_a_key(words: list[str]) -> None:
    text = " ".join(words)
    ctx = QAContext(Bitext("en", "ru", (TranslationUnit(text, "текст"),), "t"), _glossary())
    got = sorted((s.source, at) for s, at in ctx.candidate_specs(analyse(text, "en")))
    assert got == _naive(ctx, text)
    # the per-word memo must not change the answer for the next unit
    again = sorted((s.source, at) for s, at in ctx.candidate_specs(analyse(text, "en")))
    assert again == got


def _shares_per_letter(text: str, names: tuple[str, ...]) -> list[float]:
    counts = Counter(unicodedata.name(c, "").split(" ", 1)[0] for c in text if c.isalpha())
    total = sum(counts.values())
    if not total:
        return [0.0] * len(names)
    return [sum(n for k, n in counts.items() if k.startswith(name)) / total for name in names]


@given(st.text(alphabet=st.sampled_from("abcXYZабвЖЩ中文 1,.-ёÉ"), max_size=80))
def test_script_shares_match_counting_letter_by_letter(text: str) -> None:
    names = ("CYRILLIC", "LATIN", "CJK")
    assert script_shares(text, names) == _shares_per_letter(text, names)


class _Boom:
    id = "boom"
    group = "boom"
    severity = "error"
    description = "raises"

    def check(self, ctx: QAContext) -> list[object]:
        raise RuntimeError(f"boom on {len(ctx.units)} units")


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_left_as_it_was(enabled: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check pauses Python's cycle collector; a caller's setting survives it, errors too."""
    bitext = Bitext("en", "ru", (TranslationUnit("The report.", "Доклад."),), "t")
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        check_bitext(bitext, _glossary())
        assert gc.isenabled() is enabled
        monkeypatch.setitem(RULES, "boom", _Boom())  # type: ignore[arg-type]
        with pytest.raises(RuntimeError):
            check_bitext(bitext, None, rules=["boom"])
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_normalize_space_is_the_whitespace_regex_everywhere() -> None:
    """Every code point the old definition (``_WS.sub(" ", text).strip()``) takes for space
    is one ``normalize_space`` collapses, and no other."""
    text = "".join(f"a{chr(cp)}{chr(cp)}" for cp in range(0x110000))
    assert normalize_space(text) == _WS.sub(" ", text).strip()


@given(st.text(alphabet=st.sampled_from("ab \t\n\r\x0b\x0c\x1c\x85\u00a0\u2002\u200a\u200b"
                                        "\u2028\u202f\u205f\u3000\ufeff"), max_size=30))
def test_normalize_space_matches_the_regex(text: str) -> None:
    assert normalize_space(text) == _WS.sub(" ", text).strip()


def _repeated_plain(target: str, source: str) -> list[tuple[int, int]]:
    """The repeated-word rule's definition, every target tokenised."""
    out = []
    toks = tokenize(target)
    for (a1, _, w1), (a2, b2, w2) in itertools.pairwise(toks):
        if (w1.lower() == w2.lower() and not w1.isdigit() and target[a1 + len(w1):a2].strip() == ""
                and not any(x == y for x, y in itertools.pairwise(
                    w.lower() for _, _, w in tokenize(source)))):
            out.append((a1, b2))
    return out


@given(st.lists(st.sampled_from(["the", "The", "THE", "a", "1", "1", "ǅ", "ǆ", "İ", "i̇",
                                 "Σ", "ς", "σ", "de-facto", "De-Facto", "it's"]), max_size=8),
       st.lists(st.sampled_from([" ", "  ", ", ", "\n", "-", "\u00a0"]), min_size=8, max_size=8),
       st.booleans())
def test_repeated_word_rule_is_its_definition(words: list[str], gaps: list[str],
                                              src_repeats: bool) -> None:
    target = "".join(w + g for w, g in zip(words, gaps, strict=False))
    source = "so so" if src_repeats else "so be it"
    bitext = Bitext("en", "ru", (TranslationUnit(source, target),), "t")
    got = sorted(f.spans[0][1:] for f in check_bitext(bitext, None, rules=["repeated-word"]))
    assert got == _repeated_plain(target, source)
