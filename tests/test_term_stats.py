"""Term extraction as MAP + REDUCE: per-bitext statistics merge into the corpus's glossary."""

from __future__ import annotations

import pickle

from parley.align.model import Bitext, TranslationUnit
from parley.glossary.extract import extract_terms, rank_terms
from parley.glossary.morph import russian_citation_form
from parley.glossary.stats import TermStats, gather_stats
from parley.glossary.termbase import load_starter_termbase

_ROWS = [
    ("The Security Council imposed sanctions on the regime.",
     "Совет Безопасности ввел санкции против режима."),
    ("Member States welcomed the report of the Secretary-General.",
     "Государства-члены приветствовали доклад Генерального секретаря."),
    ("The Security Council extended the mandate of the mission.",
     "Совет Безопасности продлил мандат миссии."),
    ("Sanctions were lifted in March.", "Санкции были сняты в марте."),
    ("The Secretary-General briefed Member States on Thursday.",
     "Генеральный секретарь в четверг провел брифинг для государств-членов."),
    ("Small arms and light weapons remain a threat.",
     "Стрелковое оружие и легкие вооружения по-прежнему представляют угрозу."),
    ("The trade in small arms and light weapons grew.",
     "Торговля стрелковым оружием и легкими вооружениями выросла."),
    ("Member States adopted the resolution of the Security Council.",
     "Государства-члены одобрили резолюцию Совета Безопасности."),
    ("The mandate of the Secretary-General was renewed in March.",
     "Мандат Генерального секретаря был продлен в марте."),
    ("New sanctions on small arms and light weapons followed.",
     "Последовали новые санкции в отношении стрелкового оружия и легких вооружений."),
]


def _bitext(rows: list[tuple[str, str]], name: str = "b") -> Bitext:
    return Bitext("en", "ru", tuple(TranslationUnit(s, t, id=str(i)) for i, (s, t) in
                                    enumerate(rows)), name)


def _signature(g: object) -> list[tuple[object, ...]]:
    return [(e.terms, e.type, e.confidence, e.score, e.frequency, e.consistency, e.status,
             tuple(sorted(e.contexts.items())))
            for e in g]  # type: ignore[attr-defined]


def test_rank_of_summed_stats_equals_extraction_of_the_concatenation() -> None:
    tb = load_starter_termbase()
    parts = [_ROWS[:3], _ROWS[3:7], _ROWS[7:]]
    whole = extract_terms(_bitext(_ROWS), src_lang="en", tgt_lang="ru", termbase=tb)
    stats = [gather_stats(_bitext(p), src_lang="en", tgt_lang="ru", termbase=tb) for p in parts]
    merged = sum(stats[1:], stats[0])
    assert isinstance(merged, TermStats)
    assert _signature(rank_terms(merged, termbase=tb)) == _signature(whole)
    assert _signature(rank_terms(sum(stats), termbase=tb)) == _signature(whole)  # type: ignore[arg-type]
    assert len(whole) > 0


def test_term_stats_pickle_and_do_not_change_when_merged() -> None:
    a = gather_stats(_bitext(_ROWS[:5]), src_lang="en", tgt_lang="ru")
    b = gather_stats(_bitext(_ROWS[5:]), src_lang="en", tgt_lang="ru")
    before = _signature(rank_terms(a))
    back = pickle.loads(pickle.dumps(a + b))
    assert len(back.units) == len(_ROWS)
    assert _signature(rank_terms(a)) == before  # merging copies, never mutates its inputs


def test_entries_carry_evidence_and_citation_forms() -> None:
    g = extract_terms(_bitext(_ROWS), src_lang="en", tgt_lang="ru",
                      termbase=load_starter_termbase())
    pairs = {e.terms[0].text: e for e in g}
    ms = pairs["Member States"]
    assert ms.main_term("ru").text == "государства-члены"  # type: ignore[union-attr]
    assert ms.status == "candidate"  # the starter term base is unverified: never "approved"
    assert ms.frequency == 3 and ms.consistency == 1.0
    assert ms.example_unit in {"1", "4", "7"}
    assert pairs["small arms and light weapons"].main_term("ru").text == (  # type: ignore[union-attr]
        "стрелковое оружие и легкие вооружения")
    assert all(e.terms[0].text not in ("March", "Thursday") for e in g)


def test_approved_termbase_pair_makes_an_approved_entry() -> None:
    from parley.glossary.model import Glossary, Term, TermEntry

    tb = Glossary((TermEntry("x", (Term("sanctions", "en"), Term("санкции", "ru"))),), ("en", "ru"))
    g = extract_terms(_bitext(_ROWS), src_lang="en", tgt_lang="ru", termbase=tb)
    e = next(e for e in g if e.terms[0].text == "sanctions")
    assert e.status == "approved"


def test_yo_policy() -> None:
    v = [(["вооружённых", "конфликтов"], 2)]
    assert russian_citation_form(v, "sing") == "вооруженный конфликт"
    assert russian_citation_form(v, "sing", keep_yo=True) == "вооружённый конфликт"
