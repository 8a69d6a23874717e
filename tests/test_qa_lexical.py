"""The document-learnt word association the key-term rule uses to tell a slip from a variant."""

from parley.align.model import TranslationUnit
from parley.glossary.qa.lexical import EXPLAINED, SLIP, VARIANT, DocLexicon


def _doc() -> list[TranslationUnit]:
    pairs = [
        ("The atomic energy agency met.", "Агентство по атомной энергии собралось."),
        ("Atomic energy is used for power.", "Атомная энергия используется для получения энергии."),
        ("The atomic bomb was tested.", "Атомная бомба была испытана."),
        ("Nuclear weapons must be eliminated.", "Ядерное оружие должно быть ликвидировано."),
        ("Nuclear facilities were inspected.", "Ядерные объекты были проверены."),
        ("The facilities are open.", "Объекты открыты."),
        ("New facilities were built.", "Новые объекты были построены."),
        ("The area of development matters.", "Сфера развития важна."),
        ("This area is large.", "Эта сфера велика."),
        ("The area was discussed.", "Сфера была обсуждена."),
    ]
    return [TranslationUnit(s, t, id=str(i)) for i, (s, t) in enumerate(pairs)]


def test_word_of_another_source_word_is_a_slip() -> None:
    """«атомного» where the source says "nuclear": атомный goes with "atomic" elsewhere."""
    units = [*_doc(), TranslationUnit("Nuclear weapons are banned.", "Атомное оружие запрещено.")]
    lex = DocLexicon(units, "en", "ru")
    assert lex.judge("Атомное", len(units) - 1, "nuclear weapons") == SLIP


def test_recurring_translation_of_a_term_word_is_a_variant() -> None:
    units = [*_doc(), TranslationUnit("Nuclear facilities exist.", "Ядерные объекты существуют.")]
    lex = DocLexicon(units, "en", "ru")
    assert lex.judge("объекты", len(units) - 1, "nuclear facilities") == VARIANT


def test_translation_of_another_word_of_the_unit_is_explained() -> None:
    units = [*_doc(), TranslationUnit("In the area of development cooperation.",
                                      "В сфере сотрудничества в целях развития.")]
    lex = DocLexicon(units, "en", "ru")
    assert lex.judge("сфере", len(units) - 1, "development cooperation") == EXPLAINED


def test_the_unit_judged_does_not_vouch_for_itself() -> None:
    """A word seen only in the unit judged has no association: no evidence of a variant."""
    units = [*_doc(), TranslationUnit("Nuclear weapons are banned.", "Атомарное оружие запрещено.")]
    lex = DocLexicon(units, "en", "ru")
    assert lex.linked("атомарный", len(units) - 1) == {}


def test_doubtful_entry_warns_on_a_word_the_document_uses_for_another_source_word() -> None:
    """An entry the extractor doubts (confidence 0.6) and the document does not confirm (one
    paraphrase) warns where the new word is this document's translation of a word the unit
    lacks («комитет» goes with "committee"); in a short document the same stays a note."""
    from parley.align.model import Bitext
    from parley.glossary.model import Glossary, Term, TermEntry
    from parley.glossary.qa import check_bitext

    g = Glossary((TermEntry("e1", (Term("executive board", "en"), Term("исполнительный совет", "ru")),
                            confidence=0.6, status="candidate"),), ("en", "ru"))
    filler = [("The committee met on Monday.", "Комитет собрался в понедельник."),
              ("The report was adopted.", "Доклад был принят.")] * 100
    doc = [*filler, ("The executive board decided.", "Исполнительный совет решил."),
           ("The executive board agreed.", "Правление согласилось."),
           ("The executive board decided.", "Исполнительный комитет решил.")]
    units = tuple(TranslationUnit(s, t, id=str(i)) for i, (s, t) in enumerate(doc))
    found = check_bitext(Bitext("en", "ru", units, "doc"), g, rules=["key-term"])
    assert sorted((f.unit, f.severity) for f in found) == [(201, "info"), (202, "warning")]
    short = check_bitext(Bitext("en", "ru", units[-3:], "doc"), g, rules=["key-term"])
    assert sorted((f.unit, f.severity) for f in short) == [(1, "info"), (2, "info")]


def test_a_translation_is_a_strong_tie_not_any_co_occurrence() -> None:
    """«наций» goes with "system" only because "United Nations system" is frequent: a tie far
    below its tie to "nations", so no translation of "system"; «системы» is one."""
    from parley.glossary.qa.lexical import tgt_key

    un = "Организация Объединенных Наций"
    gen = "Организации Объединенных Наций"
    pairs = [("The United Nations system responded.", f"Система {gen} ответила."),
             ("The United Nations system met.", f"Система {gen} собралась."),
             ("The system works.", "Система работает.")]
    pairs += [(f"The United Nations {v}.", f"{un} {r}.") for v, r in [
        ("acted", "действовала"), ("spoke", "выступила"), ("agreed", "согласилась"),
        ("met", "собралась"), ("voted", "проголосовала"), ("left", "ушла"), ("won", "победила"),
        ("lost", "проиграла")]]
    units = [TranslationUnit(s, t, id=str(i)) for i, (s, t) in enumerate(pairs)]
    lex = DocLexicon(units, "en", "ru")
    system = frozenset({"system"})
    assert "system" in lex.linked(tgt_key("Наций", "ru"), 99)  # tied, weakly
    assert not lex.translates(tgt_key("Наций", "ru"), 99, system)
    assert lex.translates(tgt_key("системы", "ru"), 99, system)
