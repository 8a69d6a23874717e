"""The QA benchmark's injection bookkeeping (bench/qa.py)."""

from __future__ import annotations

from pathlib import Path

from bench.qa import PER_DOC, _batches
from parley.align.model import TranslationUnit


def test_injected_copies_hold_no_two_slips_of_one_term() -> None:
    # two slips of one term in one copy would read as the translator's variant, not slips
    cases = [(TranslationUnit(f"s{k}", f"t{k}", id=str(k)), "mandate" if k % 3 else f"t{k}", "",
              f"слово{k}") for k in range(3 * PER_DOC)]
    batches = _batches(cases)
    assert sorted(k for b in batches for k in b) == list(range(len(cases)))
    for b in batches:
        assert len(b) <= PER_DOC
        terms = [cases[k][1] for k in b]
        assert len(terms) == len(set(terms)), terms


def test_injected_copies_hold_no_two_slips_with_one_new_word() -> None:
    # «защищённости» for "security" in one unit and «защищённость» for "Security Council" in
    # another: the word would no longer be the rare word each slip alone makes it
    cases = [(TranslationUnit(f"s{k}", f"t{k}", id=str(k)), f"term{k}", "",
              "защищённости" if k % 2 else "защищенность") for k in range(4)]
    batches = _batches(cases)
    assert sorted(map(len, batches)) == [1, 1, 1, 1]
    cases = [(TranslationUnit(f"s{k}", f"t{k}", id=str(k)), f"term{k}", "", w)
             for k, w in enumerate(("миссии", "хартии", "договора"))]
    assert _batches(cases) == [[0, 1, 2]]


def test_qa_lang_writes_every_flag_for_a_person_to_judge(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from bench import qa_lang

    src = [f"The least developed countries met in Geneva on day {i}." for i in range(20)]
    tgt = [f"Les pays les moins avancés se sont réunis à Genève le jour {i}." for i in range(20)]
    tgt[15] = "Les pays les moins développés se sont réunis à Genève le jour 15."
    data = tmp_path / "un-dev"
    data.mkdir()
    (data / "UNv1.0.devset.en").write_text("\n".join(src) + "\n", encoding="utf-8")
    (data / "UNv1.0.devset.fr").write_text("\n".join(tgt) + "\n", encoding="utf-8")
    assert qa_lang.main([str(tmp_path), "--tgt", "fr", "--top", "20", "--out", str(tmp_path / "o")]) == 0
    out = capsys.readouterr().out
    assert "| second | starter term base |" in out
    # the injected slips («développés» for «avancés» once more) are measured and found
    assert "injected once" in out and "= 100.0% |" in out, out
    assert "- second, starter term base, once: one word n/a, several words" in out, out
    rows = (tmp_path / "o" / "key-term-flags.en-fr.csv").read_text(encoding="utf-8")
    assert "pays les moins développés" in rows and "judgement (true/false)" in rows


def test_injected_cases_are_replayed_from_their_file(tmp_path: Path) -> None:
    """``--cases``: what one run drew, the next run judges again, whatever it would draw."""
    from bench.qa import CaseFile

    path = tmp_path / "cases.json"
    drawn = [(TranslationUnit("The mandate.", "Le pouvoir.", id="7"), "mandate", "mandat",
              "pouvoir")]
    first = CaseFile(path)
    assert first.get("second/starter/once", lambda: drawn) == drawn
    first.save()
    again = CaseFile(path)
    assert again.get("second/starter/once", lambda: []) == drawn
    assert again.get("first/starter/once", lambda: []) == []  # a new key is drawn


def test_injected_found_is_split_by_the_renderings_length() -> None:
    """One-word renderings apart from longer ones: where the goal is missed shows."""
    from bench.qa import by_rendering
    from parley.glossary.model import Glossary, Term, TermEntry
    from parley.glossary.qa.base import term_specs

    g = Glossary((TermEntry("a", (Term("mandate", "en"), Term("мандат", "ru"))),
                  TermEntry("b", (Term("Security Council", "en"),
                                  Term("Совет Безопасности", "ru")))), ("en", "ru"))
    unit = TranslationUnit("s", "t", id="1")
    cases = [(unit, "mandate", "мандат", "полномочие"), (unit, "mandate", "мандата", "полномочия"),
             (unit, "Security Council", "Совет", "Комитет")]
    got = by_rendering(cases, [1], term_specs(g, "en", "ru"))
    assert got == "one word 1/2 = 50.0%, several words 1/1 = 100.0%"


def test_a_flag_under_another_entry_that_marks_the_slip_finds_it() -> None:
    from bench.qa import _points_at
    from parley.glossary.findings import Finding

    target = "целей в области стабильного развития"
    at = target.index("стабильного")
    marks = Finding(rule="key-term", severity="warning", unit=0, message="m",
                    spans=(("source", 0, 5), ("target", at - 10, at + 11)))
    elsewhere = Finding(rule="key-term", severity="warning", unit=0, message="m",
                        spans=(("target", 0, 5),))
    assert _points_at(marks, target, "стабильного")
    assert not _points_at(elsewhere, target, "стабильного")
