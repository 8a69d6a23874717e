"""Glossary extraction, starter term base, lookup and the ``parley glossary`` commands."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from parley.align.model import Bitext, TranslationUnit
from parley.cli import app
from parley.exports.glossary_io import read_glossary, write_glossary
from parley.glossary.extract import extract_terms, name_similarity, transliterate
from parley.glossary.lookup import concordance, index_path, lookup, open_tm_index
from parley.glossary.model import Glossary, Term, TermEntry
from parley.glossary.morph import contains_term, russian_citation_form
from parley.glossary.termbase import VERIFY_NOTE, load_starter_termbase

runner = CliRunner()
SEED = "lavrov-2018-02-07.en-ru.gold.tsv"


@pytest.fixture(scope="module")
def seed_glossary() -> Glossary:
    from parley.exports.registry import read_bitext

    bt = read_bitext(Path(__file__).resolve().parent.parent / "seeds" / SEED)
    return extract_terms(bt, src_lang="en", tgt_lang="ru", termbase=load_starter_termbase(),
                         max_terms=200)


def _pairs(g: Glossary) -> dict[str, str]:
    out = {}
    for e in g:
        s, t = e.main_term("en"), e.main_term("ru")
        assert s is not None and t is not None
        out[s.text] = t.text
    return out


# --- starter term base ---------------------------------------------------------------------------

def test_starter_termbase_has_300_concepts_in_four_languages() -> None:
    tb = load_starter_termbase()
    assert len(tb) >= 300
    for e in tb:
        assert {t.lang for t in e.terms} >= {"en", "ru", "fr", "es"}, e
        assert e.subject and e.note == VERIFY_NOTE
    subjects = {e.subject for e in tb}
    assert {"international security", "arms control", "sanctions", "UN bodies",
            "diplomatic protocol"} <= subjects


def test_starter_termbase_file_says_verify_against_unterm() -> None:
    text = (Path(__file__).resolve().parent.parent / "parley" / "glossary" / "data" /
            "starter_termbase.tsv").read_text("utf-8")
    assert "VERIFY AGAINST UNTERM" in text.splitlines()[1]


# --- morphology ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("variants", "expected"), [
    ([(["стратегической", "стабильности"], 3)], "стратегическая стабильность"),
    ([(["санкции"], 2), (["санкциями"], 1)], "санкции"),
    ([(["Совета", "Безопасности"], 5)], "Совет Безопасности"),
    ([(["ядерного", "оружия"], 2)], "ядерное оружие"),
    ([(["Генеральной", "Ассамблеи"], 2)], "Генеральная Ассамблея"),
    ([(["международного", "мира", "и", "безопасности"], 2)], "международный мир и безопасность"),
    ([(["Никосийским", "РДП"], 2)], "Никосийский РДП"),  # an abbreviation does not decline
    # an abbreviation with a case ending keeps its capitals
    ([(["СПИДа"], 2), (["СПИДом"], 1)], "СПИД"),
    ([(["борьбы", "с", "ВИЧ"], 2)], "борьба с ВИЧ"),
    # each part of a hyphenated word keeps its own capital
    ([(["Корейской", "Народно-Демократической", "Республики"], 2)],
     "Корейская Народно-Демократическая Республика"),
    ([(["Гвинеи-Бисау"], 2)], "Гвинея-Бисау"),
    ([(["государств-членов"], 2)], "государства-члены"),
    # the nominative seen in the text, in the case most of its forms give the first letter
    ([(["Консультативного", "комитета"], 3), (["консультативный", "комитет"], 1),
      (["Консультативный", "комитет"], 1), (["консультативный", "комитет"], 2)],
     "Консультативный комитет"),
    ([(["технической", "помощи"], 3), (["Техническая", "помощь"], 2),
      (["техническую", "помощь"], 1)], "техническая помощь"),
    # a tie goes to the form written mid-sentence (listed first), not a lower-cased opening
    ([(["Африканским", "союзом"], 1), (["африканский", "союз"], 1)], "Африканский союз"),
    # a nominative seen with its complement in another case keeps the complement genitive
    ([(["прав", "женщин"], 1), (["права", "женщинам"], 1)], "права женщин"),
    ([(["права", "женщинам"], 1), (["прав", "женщин"], 1)], "права женщин"),
])
def test_russian_citation_form_is_nominative(variants: list, expected: str) -> None:
    assert russian_citation_form(variants) == expected


def test_contains_term_matches_inflected_forms() -> None:
    assert contains_term("решения Совету Безопасности", "Совет Безопасности", "ru")
    assert contains_term("The Council imposed new sanctions.", "sanction", "en")
    assert not contains_term("Совет Европы", "Совет Безопасности", "ru")


def test_transliteration_links_names_across_scripts() -> None:
    assert transliterate("Лавров") == "lavrov"
    assert name_similarity("Tillerson", "Тиллерсон") > 0.8
    assert name_similarity("Mistura", "Гутерриш") < 0.6


# --- extraction ----------------------------------------------------------------------------------

def test_seed_extraction_finds_diplomatic_terms(seed_glossary: Glossary) -> None:
    pairs = _pairs(seed_glossary)
    assert pairs["sanctions"] == "санкции"
    assert pairs["strategic stability"] == "стратегическая стабильность"
    assert pairs["international law"] == "международное право"
    assert pairs["Syria"] == "Сирия"
    scores = [e.score for e in seed_glossary]
    assert scores == sorted(scores, reverse=True)  # type: ignore[type-var]


def test_seed_entries_are_complete(seed_glossary: Glossary) -> None:
    for e in seed_glossary:
        assert e.confidence is not None and 0 < e.confidence <= 1
        assert e.type in ("term", "person", "organization", "place", "acronym")
        assert e.contexts["en"] and e.contexts["ru"]
        main = e.main_term("ru")
        assert main is not None and main.count >= 2
        # the context sentence really holds the pair
        assert contains_term(e.contexts["ru"], main.text, "ru") or main.text.lower() in \
            e.contexts["ru"].lower()
    by_src = {e.main_term("en").text: e for e in seed_glossary}  # type: ignore[union-attr]
    assert by_src["sanctions"].subject == "sanctions"
    assert VERIFY_NOTE in (by_src["sanctions"].note or "")
    assert by_src["Syria"].type == "place"
    assert by_src["NATO"].type == "organization"


def test_title_entry_leaves_out_the_name_its_target_lacks(seed_glossary: Glossary) -> None:
    # the speech writes "US Secretary of State Rex Tillerson" and «Государственный секретарь США
    # Р.Тиллерсон»: the pair is the title's, so the name comes off the source
    by_src = {e.main_term("en").text: e for e in seed_glossary}  # type: ignore[union-attr]
    title = by_src["US Secretary of State"]
    assert title.main_term("ru").text == "Государственный секретарь США"  # type: ignore[union-attr]
    assert title.type == "person"
    assert not any("Tillerson" in s for s in by_src)


@pytest.mark.parametrize(("tgt", "expected"), [("fr", "Conseil de sécurité"),
                                                ("es", "Consejo de Seguridad")])
def test_un_extraction_other_languages(shared_data: Path, tgt: str, expected: str) -> None:
    un = shared_data / "un-dev"
    src_lines = (un / "UNv1.0.devset.en").read_text("utf-8").splitlines()[:800]
    tgt_lines = (un / f"UNv1.0.devset.{tgt}").read_text("utf-8").splitlines()[:800]
    bt = Bitext("en", tgt, tuple(TranslationUnit(s, t) for s, t in zip(src_lines, tgt_lines,
                                                                      strict=True)))
    g = extract_terms(bt, src_lang="en", tgt_lang=tgt, termbase=load_starter_termbase(),
                      max_terms=100)
    pairs = {e.main_term("en").text: e.main_term(tgt).text for e in g}  # type: ignore[union-attr]
    assert pairs["Security Council"] == expected


def _units(pairs: list[tuple[str, str]]) -> Bitext:
    return Bitext("en", "ru", tuple(TranslationUnit(s, t) for s, t in pairs))


def test_specific_terms_outrank_general_words() -> None:
    rows = [
        ("Many people came.", "Пришло много людей."),
        ("The sanctions were lifted.", "Санкции были отменены."),
        ("Some people left early.", "Некоторые люди ушли рано."),
        ("New sanctions followed.", "Последовали новые санкции."),
        ("People voted.", "Люди проголосовали."),
        ("They debated sanctions.", "Они обсуждали санкции."),
    ]
    g = extract_terms(_units(rows), src_lang="en", tgt_lang="ru", max_terms=10)
    order = [e.main_term("en").text for e in g]  # type: ignore[union-attr]
    assert "sanctions" in order
    assert "people" not in order or order.index("sanctions") < order.index("people")


def test_pairs_without_evidence_are_dropped() -> None:
    # the source term recurs, but its units share no target word: nothing to propose
    targets = ["Кошка спит.", "Дождь идёт.", "Река течёт.", "Поезд ушёл.", "Снег лежит."]
    rows = [("Strategic stability matters.", t) for t in targets]
    g = extract_terms(_units(rows), src_lang="en", tgt_lang="ru", max_terms=10)
    assert all(e.main_term("en").text != "strategic stability" for e in g)  # type: ignore[union-attr]


# "United States" rendered two ways, as in the seed speech ("США" and "Соединённые Штаты")
_TWO_RENDERINGS = [
    ("The United States imposed new sanctions.", "США ввели новые санкции."),
    ("The United States left the treaty.", "США вышли из договора."),
    ("We discussed this with the United States.", "Мы обсудили это с США."),
    ("The United States rejected the proposal.", "США отклонили предложение."),
    ("Talks with the United States continue.", "Переговоры с США продолжаются."),
    ("The United States is trying to escalate tension.",
     "Соединённые Штаты пытаются обострить напряжённость."),
    ("We hope the United States will consult us.",
     "Надеемся, что Соединённые Штаты будут консультироваться с нами."),
    ("Europe disagrees with the United States.", "Европа не согласна с Соединёнными Штатами."),
    ("The weather was fine.", "Погода была хорошей."),
    ("Everyone went home.", "Все разошлись по домам."),
]


def _entry(g: Glossary, source: str) -> TermEntry:
    return next(e for e in g if e.terms[0].text == source)


def test_variants_explain_the_units_the_main_target_misses() -> None:
    g = extract_terms(_units(_TWO_RENDERINGS), src_lang="en", tgt_lang="ru")
    e = _entry(g, "United States")
    assert [(t.text, t.status, t.count) for t in e.terms_in("ru")] == [
        ("США", "preferred", 5), ("Соединенные Штаты", "admitted", 3)]


def test_no_variant_without_repeated_evidence() -> None:
    # the second rendering occurs once: one unit is no evidence, so no variant is guessed
    rows = _TWO_RENDERINGS[:6] + _TWO_RENDERINGS[8:]
    e = _entry(extract_terms(_units(rows), src_lang="en", tgt_lang="ru"), "United States")
    assert [t.text for t in e.terms_in("ru")] == ["США"]


_FILLER = [
    ("The weather was fine.", "Погода была хорошей."),
    ("Everyone went home.", "Все разошлись по домам."),
    ("The meeting was adjourned.", "Заседание было закрыто."),
    ("We read the letter.", "Мы прочитали письмо."),
]


def test_variant_differing_in_one_word_is_the_whole_phrase() -> None:
    # «территориальная неприкосновенность» beside «территориальная целостность»: an accepted
    # rendering sharing a word with the main one is listed whole, not as the lone word
    # «неприкосновенность» (which would let the check accept it anywhere in the unit)
    rows = [
        ("We respect the territorial integrity of Ukraine.",
         "Мы уважаем территориальную целостность Украины."),
        ("Territorial integrity is a principle of the Charter.",
         "Территориальная целостность является принципом Устава."),
        ("They violated the territorial integrity of the State.",
         "Они нарушили территориальную целостность государства."),
        ("The territorial integrity of Georgia was discussed.",
         "Обсуждалась территориальная целостность Грузии."),
        ("Nobody questions the territorial integrity of Mali.",
         "Никто не ставит под сомнение территориальную целостность Мали."),
        ("The territorial integrity of Iraq must be upheld.",
         "Необходимо соблюдать территориальную неприкосновенность Ирака."),
        ("An attack on the territorial integrity of Syria.",
         "Посягательство на территориальную неприкосновенность Сирии."),
        ("We defend the territorial integrity of Serbia.",
         "Мы защищаем территориальную неприкосновенность Сербии."),
    ]
    e = _entry(extract_terms(_units(rows + _FILLER), src_lang="en", tgt_lang="ru"),
               "territorial integrity")
    assert [(t.text, t.count) for t in e.terms_in("ru")] == [
        ("территориальная целостность", 5), ("территориальная неприкосновенность", 3)]


def test_fragment_of_the_main_target_is_no_variant() -> None:
    # «государства» where the translation leaves out «участники» is part of the main target,
    # not another rendering of "States parties": as a variant it would accept «государства-члены»
    rows = [
        ("The States parties met in Geneva.", "Государства-участники собрались в Женеве."),
        ("States parties shall report annually.", "Государства-участники представляют доклады ежегодно."),
        ("The Committee thanked the States parties.", "Комитет поблагодарил государства-участники."),
        ("Several States parties objected.", "Несколько государств-участников возразили."),
        ("All States parties agreed on the text.", "Все государства-участники согласились с текстом."),
        ("States parties differ on this matter.", "По этому вопросу государства расходятся во мнениях."),
        ("The States parties have not replied.", "Государства пока не ответили."),
        ("States parties were invited to comment.", "Государствам было предложено высказать замечания."),
    ]
    e = _entry(extract_terms(_units(rows + _FILLER), src_lang="en", tgt_lang="ru"), "States parties")
    assert [t.text for t in e.terms_in("ru")] == ["государства-участники"]


def test_extracted_variants_survive_tbx_and_omegat(tmp_path: Path) -> None:
    g = extract_terms(_units(_TWO_RENDERINGS), src_lang="en", tgt_lang="ru")
    write_glossary(tmp_path / "g.tbx", g)
    back = _entry(read_glossary(tmp_path / "g.tbx"), "United States")
    assert [(t.text, t.status, t.count) for t in back.terms_in("ru")] == [
        ("США", "preferred", 5), ("Соединенные Штаты", "admitted", 3)]
    write_glossary(tmp_path / "g.tsv", g, fmt="omegat")
    lines = [x.split("\t") for x in (tmp_path / "g.tsv").read_text("utf-8").splitlines()
             if x.startswith("United States\t")]
    # variants on their own lines: OmegaT's Glossary pane shows them, not a comment's list
    assert [x[1:] for x in lines][1] == ["Соединенные Штаты", "variant (3 occurrences)"]


def test_low_count_pair_explained_by_another_source_term_is_dropped() -> None:
    # "Eastern" sits twice beside "sanctions": "санкции" translates "sanctions", not it
    rows = [
        ("Our Eastern partners adopted sanctions.", "Наши партнёры на востоке приняли санкции."),
        ("Two Eastern states took sanctions.", "Два восточных государства приняли санкции."),
        ("The sanctions worked.", "Санкции сработали."),
        ("New sanctions followed.", "Последовали новые санкции."),
        ("Sanctions were announced.", "Были объявлены санкции."),
        ("The weather was fine.", "Погода была хорошей."),
    ]
    pairs = _pairs(extract_terms(_units(rows), src_lang="en", tgt_lang="ru"))
    assert "Eastern" not in pairs
    assert pairs["sanctions"] in ("санкция", "санкции")


def test_progress_callback_counts_units() -> None:
    seen: list[int] = []
    rows = [("Sanctions were imposed.", "Были введены санкции.")] * 3
    extract_terms(_units(rows), src_lang="en", tgt_lang="ru", progress=seen.append)
    assert sum(seen) == 3


# --- lookup --------------------------------------------------------------------------------------

def test_lookup_exact_lemma_fuzzy_either_direction() -> None:
    tb = [load_starter_termbase()]
    exact = lookup("Security Council", tb)[0]
    assert exact.match == "exact" and exact.entry.main_term("ru").text == "Совет Безопасности"  # type: ignore[union-attr]
    lemma = lookup("Совета Безопасности", tb)[0]
    assert lemma.match == "lemma" and lemma.entry.main_term("en").text == "Security Council"  # type: ignore[union-attr]
    fuzzy = lookup("Secuirty Council", tb)[0]
    assert fuzzy.match == "fuzzy" and fuzzy.entry.main_term("en").text == "Security Council"  # type: ignore[union-attr]
    fr = lookup("désarmement nucléaire", tb)[0]
    assert fr.entry.main_term("en").text == "nuclear disarmament"  # type: ignore[union-attr]
    assert lookup("zzzz qqqq", tb) == []


def _read_tsv(p: Path) -> Bitext:
    from parley.exports.registry import read_bitext

    return read_bitext(p)


def test_tm_index_built_once_and_rebuilt_when_stale(tmp_path: Path, seeds: Path) -> None:
    tm = tmp_path / "tm.tsv"
    tm.write_text((seeds / SEED).read_text("utf-8"), "utf-8")
    con, s, t, built = open_tm_index(tm, _read_tsv)
    assert built and (s, t) == ("en", "ru") and index_path(tm).is_file()
    hits = concordance(con, s, t, "sanctions", [Term("санкции", "ru")])
    con.close()
    assert hits and all(h.source_spans and h.target_spans for h in hits)
    h = hits[0]
    assert h.source[h.source_spans[0][0]:h.source_spans[0][1]].lower() == "sanctions"
    assert h.target[h.target_spans[0][0]:h.target_spans[0][1]].lower().startswith("санкц")
    con, *_, built = open_tm_index(tm, _read_tsv)
    con.close()
    assert not built
    tm.write_text("en\tru\nNew sanctions.\tНовые санкции.\n", "utf-8")
    os.utime(tm, ns=(1, 2))
    con, *_, built = open_tm_index(tm, _read_tsv)
    assert built
    assert [x.unit for x in concordance(con, "en", "ru", "санкций")] == [1]  # target side, inflected
    con.close()


# --- CLI -----------------------------------------------------------------------------------------

def test_cli_extract_writes_all_formats_and_json(tmp_path: Path, seeds: Path) -> None:
    outs = [tmp_path / n for n in ("g.tbx", "g.txt", "g.csv", "g.parquet")]
    args = ["glossary", "extract", str(seeds / SEED), "-n", "40", "--json"]
    for o in outs:
        args += ["-o", str(o)]
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.stderr
    data = json.loads(res.stdout)
    assert data["src_lang"] == "en" and len(data["entries"]) == 40
    for o in outs:
        g = read_glossary(o, src_lang="en", tgt_lang="ru")
        assert len(g) == 40
        assert any(e.main_term("ru").text == "санкции" for e in g)  # type: ignore[union-attr]
    omegat = outs[1].read_text("utf-8").splitlines()
    assert all(len(line.split("\t")) == 3 for line in omegat)


def test_cli_extract_table(seeds: Path) -> None:
    res = runner.invoke(app, ["glossary", "extract", str(seeds / SEED), "--top", "5"])
    assert res.exit_code == 0, res.stderr
    assert "Russia" in res.stdout and "Россия" in res.stdout


def test_cli_lookup_json_with_tm(tmp_path: Path, seeds: Path) -> None:
    tm = tmp_path / "tm.tsv"
    tm.write_text((seeds / SEED).read_text("utf-8"), "utf-8")
    res = runner.invoke(app, ["glossary", "lookup", "strategic stability", "--tm", str(tm), "--json"])
    assert res.exit_code == 0, res.stderr
    data = json.loads(res.stdout)
    assert data["matches"][0]["match"] == "exact"
    assert data["concordance"] and data["concordance"][0]["target_spans"]
    res = runner.invoke(app, ["glossary", "lookup", "strategic stability", "--tm", str(tm)])
    assert res.exit_code == 0 and "units in tm.tsv" in res.stdout and "UN bodies" not in res.stdout


def test_cli_errors_are_one_line(tmp_path: Path) -> None:
    res = runner.invoke(app, ["glossary", "extract", str(tmp_path / "missing.tsv")])
    assert res.exit_code == 3
    assert res.stderr.count("\n") == 1 and "missing.tsv" in res.stderr
    bad = tmp_path / "bad.tbx"
    bad.write_text("<tbx><text>", "utf-8")
    res = runner.invoke(app, ["glossary", "lookup", "x", "-g", str(bad)])
    assert res.exit_code == 4 and "Traceback" not in res.stderr
    plain = tmp_path / "plain.tsv"
    plain.write_text("source\ttarget\nSanctions.\tСанкции.\n", "utf-8")
    res = runner.invoke(app, ["glossary", "extract", str(plain)])
    assert res.exit_code == 2 and "--src" in res.stderr


def test_cli_refuses_to_overwrite_input(seeds: Path, tmp_path: Path) -> None:
    src = tmp_path / "in.tsv"
    src.write_text((seeds / SEED).read_text("utf-8"), "utf-8")
    res = runner.invoke(app, ["glossary", "extract", str(src), "-o", str(src)])
    assert res.exit_code == 8
    assert src.read_text("utf-8").startswith("en\tru")


# --- invariants ----------------------------------------------------------------------------------

_word = st.text(alphabet="abcdefghijklmnopqrstuvwxyzабвгдежзиклмнопрстуфхцчшщыэюя", min_size=1,
                max_size=10)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(_word, _word, st.sampled_from(["term", "person", "place"])),
                min_size=1, max_size=8, unique_by=lambda r: r[0]))
def test_glossary_formats_round_trip(tmp_path_factory: pytest.TempPathFactory,
                                     rows: list[tuple[str, str, str]]) -> None:
    d = tmp_path_factory.mktemp("rt")
    g = Glossary(tuple(TermEntry(f"e{i}", (Term(s, "en"), Term(t, "ru")), type=ty, subject="x")
                       for i, (s, t, ty) in enumerate(rows)), ("en", "ru"))
    for name in ("g.tbx", "g.csv", "g.txt", "g.parquet"):
        write_glossary(d / name, g)
        back = read_glossary(d / name, src_lang="en", tgt_lang="ru")
        assert [(e.main_term("en").text, e.main_term("ru").text) for e in back] == rows_pairs(rows)  # type: ignore[union-attr]
        if name != "g.txt":
            assert [e.type for e in back] == [r[2] for r in rows]


def rows_pairs(rows: list[tuple[str, str, str]]) -> list[tuple[str, str]]:
    return [(s, t) for s, t, _ in rows]


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(["the", "new", "rules", "were", "agreed", "by", "all", "states"]),
                max_size=12), st.integers(min_value=0, max_value=12))
def test_an_inserted_term_is_always_found(words: list[str], at: int) -> None:
    at = min(at, len(words))
    text = " ".join([*words[:at], "Strategic", "Stability", *words[at:]])
    assert contains_term(text, "strategic stability", "en")


def test_cli_user_termbase_replaces_the_starter(tmp_path: Path, seeds: Path) -> None:
    tb = tmp_path / "mine.txt"
    tb.write_text("sanctions\tсанкции\tmy note\n", "utf-8")
    res = runner.invoke(app, ["glossary", "extract", str(seeds / SEED), "--termbase", str(tb), "--json"])
    assert res.exit_code == 0, res.stderr
    entries = json.loads(res.stdout)["entries"]
    assert all(e["subject"] is None for e in entries)  # the starter term base labels none
    assert any(e["source"] == "sanctions" and e["target"] == "санкции" for e in entries)


def test_csv_with_quoted_notes_and_semicolon_variants(tmp_path: Path) -> None:
    e = TermEntry("e1", (Term("asset freeze", "en"), Term("замораживание активов", "ru"),
                         Term("блокирование активов", "ru", "admitted")),
                  note='a, "quoted"\nnote; with; semicolons', subject="sanctions")
    p = tmp_path / "g.csv"
    write_glossary(p, Glossary((e,), ("en", "ru")))
    back = read_glossary(p).entries[0]
    assert [t.text for t in back.terms] == ["asset freeze", "замораживание активов",
                                            "блокирование активов"]
    assert back.note == e.note and back.subject == "sanctions"


def test_russian_source_terms_in_citation_form(seeds: Path) -> None:
    from parley.exports.registry import read_bitext

    bt = read_bitext(seeds / SEED)
    rev = Bitext("ru", "en", tuple(TranslationUnit(u.target, u.source) for u in bt.units))
    g = extract_terms(rev, src_lang="ru", tgt_lang="en", termbase=load_starter_termbase(),
                      max_terms=40)
    pairs = {e.main_term("ru").text: e.main_term("en").text for e in g}  # type: ignore[union-attr]
    assert pairs["стратегическая стабильность"] == "strategic stability"
    assert pairs["зона деэскалации"] == "de-escalation zone"


def test_lookup_fast_path_gives_typer_s_output_and_exit_codes(
        tmp_path: Path, seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`parley glossary lookup` skips Typer's option parsing (its pydantic import costs more
    than the lookup): same JSON, same errors; anything unusual is left to Typer."""
    from parley.fast_lookup import run

    tm = tmp_path / "tm.tsv"
    tm.write_text((seeds / SEED).read_text("utf-8"), "utf-8")
    args = ["strategic stability", "--tm", str(tm), "--limit", "3", "--json"]
    typer_out = runner.invoke(app, ["glossary", "lookup", *args])
    assert typer_out.exit_code == 0
    capsys.readouterr()
    assert run(args) == 0
    assert json.loads(capsys.readouterr().out) == json.loads(typer_out.stdout)
    assert run(["Council", "-g", str(tmp_path / "missing.tbx")]) == 3  # Typer's code too
    assert "missing.tbx" in capsys.readouterr().err
    for other in (["x", "--help"], ["x", "--limit", "0"], ["x", "--fuzzy"], []):
        assert run(other) is None


_ACRONYMS = [
    ("UNITAR held a seminar.", "ЮНИТАР провёл семинар."),
    ("The seminar of UNITAR ended.", "Семинар ЮНИТАР завершился."),
    ("UNITAR published the report.", "ЮНИТАР опубликовал доклад."),
    ("The patrol saw IVO tanks.", "Патруль видел танки в районе."),
    ("IVO the village, a patrol.", "В районе деревни патруль."),
    ("Shots were fired IVO the post.", "Выстрелы прозвучали в районе поста."),
    ("The weather was fine.", "Погода была хорошей."),
]


def _scores_with_and_without(monkeypatch: pytest.MonkeyPatch, pairs: list[tuple[str, str]],
                             boost: str) -> tuple[dict[str, float], dict[str, float], float]:
    """Entry scores with the module's ranking factor ``boost``, then with it set to 1, and the
    factor itself (read from the module, so the tests follow a retuned value)."""
    import parley.glossary.extract as x

    def scores() -> dict[str, float]:
        g = extract_terms(_units(pairs), src_lang="en", tgt_lang="ru", max_terms=20)
        return {e.main_term("en").text: e.score for e in g}  # type: ignore[union-attr]

    boosted, factor = scores(), float(getattr(x, boost))
    monkeypatch.setattr(x, boost, 1.0)
    return boosted, scores(), factor


def test_acronym_rendered_by_acronym_ranks_as_a_sure_pair(
        monkeypatch: pytest.MonkeyPatch) -> None:
    boosted, plain, factor = _scores_with_and_without(monkeypatch, _ACRONYMS, "ACRONYM_PAIR_BOOST")
    assert factor > 1
    assert boosted["UNITAR"] == pytest.approx(plain["UNITAR"] * factor, rel=0.01)
    assert boosted["IVO"] == plain["IVO"]  # an acronym paired with ordinary words: no credit


_BODIES = [
    ("The Human Rights Council met today.", "Совет по правам человека собрался сегодня."),
    ("We thank the Human Rights Council.", "Мы благодарим Совет по правам человека."),
    ("The Human Rights Council adopted it.", "Совет по правам человека принял его."),
    ("Peace Talks resumed in the spring.", "Мирные переговоры возобновились весной."),
    ("The Peace Talks ended.", "Мирные переговоры завершились."),
    ("Peace Talks are useful.", "Мирные переговоры полезны."),
]


def test_name_of_a_body_ranks_above_other_title_case(monkeypatch: pytest.MonkeyPatch) -> None:
    boosted, plain, factor = _scores_with_and_without(monkeypatch, _BODIES, "BODY_PAIR_BOOST")
    assert factor > 1
    assert boosted["Human Rights Council"] == pytest.approx(
        plain["Human Rights Council"] * factor, rel=0.01)
    # a title-case phrase with no head naming a body, rendered lower-case: no credit
    assert boosted["Peace Talks"] == plain["Peace Talks"]


def test_unglue_restores_words_a_converted_document_glued() -> None:
    """«ХабитатIII» and «ООНХабитат» are document artefacts, not citation forms; an acronym's
    case ending («СПИДом») is no glued word."""
    from parley.glossary.extract import unglue

    assert unglue("ХабитатIII") == "Хабитат III"
    assert unglue("ООНХабитат") == "ООН-Хабитат"
    assert unglue("ВИЧ/СПИДом") == "ВИЧ/СПИДом"
    assert unglue("МООНЮС") == "МООНЮС"


def test_keep_yo_on_the_command_line(tmp_path: Path) -> None:
    """UN Russian writes е for ё, so the citation form does by default; a house style that keeps
    ё asks for it with --keep-yo (the text's own ё is kept, nothing else changes)."""
    rows = [("The annual report was adopted by the Board.", "Ежегодный отчёт был принят Советом."),
            ("The Committee discussed the annual report.", "Комитет обсудил ежегодный отчёт."),
            ("Delegations welcomed the annual report.", "Делегации приветствовали ежегодный отчёт."),
            ("The annual report contains recommendations.", "Ежегодный отчёт содержит рекомендации."),
            ("The secretariat will publish the annual report in May.",
             "Секретариат опубликует ежегодный отчёт в мае."),
            ("Several speakers praised the annual report.",
             "Несколько ораторов высоко оценили ежегодный отчёт.")]
    tsv = tmp_path / "report.tsv"
    tsv.write_text("en\tru\n" + "".join(f"{a}\t{b}\n" for a, b in rows), encoding="utf-8")

    def targets(*extra: str) -> dict[str, str]:
        r = CliRunner().invoke(app, ["glossary", "extract", str(tsv), "--json", *extra])
        assert r.exit_code == 0, r.output
        return {e["source"]: e["target"] for e in json.loads(r.stdout)["entries"]}

    assert targets()["annual report"] == "ежегодный отчет"
    assert targets("--keep-yo")["annual report"] == "ежегодный отчёт"


def test_spanish_negation_prefix_is_part_of_the_term() -> None:
    """Spanish writes the English prefix "non-" as a separate «no» ("non-governmental
    organization" → «organización no gubernamental»); read as a stop word it cut the target to
    «gubernamental»."""
    rows = [("Non-governmental organizations took part in the meeting.",
             "Las organizaciones no gubernamentales participaron en la reunión."),
            ("The Council heard non-governmental organizations.",
             "El Consejo escuchó a las organizaciones no gubernamentales."),
            ("Several non-governmental organizations submitted reports.",
             "Varias organizaciones no gubernamentales presentaron informes."),
            ("The role of non-governmental organizations was discussed.",
             "Se examinó el papel de las organizaciones no gubernamentales."),
            ("We thank the non-governmental organizations for their work.",
             "Agradecemos a las organizaciones no gubernamentales su labor.")]
    bt = Bitext("en", "es", tuple(TranslationUnit(s, t) for s, t in rows))
    g = extract_terms(bt, src_lang="en", tgt_lang="es", max_terms=10)
    pairs = {e.main_term("en").text: e.main_term("es").text for e in g}  # type: ignore[union-attr]
    assert pairs["non-governmental organizations"] == "organizaciones no gubernamentales", pairs


def test_general_term_cited_in_lower_case_though_a_name_capitalises_it() -> None:
    """"trust fund" is «fondo fiduciario» in a Spanish glossary even where most mentions are of
    one named «Fondo Fiduciario»: the lower-case spelling the text also uses wins (it was
    «fondo Fiduciario»: only the first letter was lowered)."""
    rows = [("The trust fund received pledges.", "El Fondo Fiduciario recibió promesas."),
            ("We thank donors to the trust fund.", "Agradecemos a los donantes del Fondo Fiduciario."),
            ("The trust fund financed the project.", "El Fondo Fiduciario financió el proyecto."),
            ("The board of the trust fund met.", "La junta del Fondo Fiduciario se reunió."),
            ("A trust fund was created.", "Se creó un fondo fiduciario."),
            ("Each trust fund reports yearly.", "Cada fondo fiduciario informa anualmente."),
            ("The new trust fund will open.", "El nuevo fondo fiduciario abrirá.")]
    bt = Bitext("en", "es", tuple(TranslationUnit(s, t) for s, t in rows))
    g = extract_terms(bt, src_lang="en", tgt_lang="es", max_terms=10)
    pairs = {e.main_term("en").text: e.main_term("es").text for e in g}  # type: ignore[union-attr]
    assert pairs["trust fund"] == "fondo fiduciario", pairs
