"""Numbers across locales: equal values in other notations match, a changed digit does not."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parley.glossary.numbers import compare_numbers, extract_numbers, number_values, number_words


@pytest.mark.parametrize(
    ("token", "values"),
    [
        ("1,000.5", {"1000.5"}),
        ("1 000,5", {"1000.5"}),
        ("1\u00a0000", {"1000"}),
        ("1.5", {"1.5"}),
        ("1,5", {"1.5"}),
        ("1,000", {"1000", "1"}),  # ambiguous: en thousands or ru/de decimal
        ("2014", {"2014"}),
        ("07", {"7"}),
    ],
)
def test_number_values(token: str, values: set[str]) -> None:
    assert number_values(token) == values


@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        ("1,000.5 tonnes", "1 000,5 тонны"),
        ("on 30 January 2014", "30 января 2014 года"),
        ("in 2014", "в 2014 году"),
        ("5 per cent", "5 процентов"),
        ("in the 21st century", "в XXI веке"),
        ("Part IV", "Часть IV"),
        ("two meetings", "2 заседания"),
        ("at its sixty-ninth session", "на его 69-й сессии"),
        ("the G-20 includes the G-7", "в «двадцатку» входят страны «Группы семи»"),
        ("between 11 a.m. and 1 p.m.", "с 11 ч. 00 м. до 13 ч. 00 м."),
        ("Adoption of the agenda", "4. Утверждение повестки дня"),  # list number on one side
        ("In May 2015 I said", "В мае 2015 года я сказал"),
        ("le 30 janvier", "am 30. Januar"),
    ],
)
def test_same_numbers_in_other_notation_match(src: str, tgt: str) -> None:
    tl = "de" if "Januar" in tgt else "ru"
    sl = "fr" if "janvier" in src else "en"
    diff = compare_numbers(src, tgt, sl, tl)
    assert diff.ok, diff


@pytest.mark.parametrize(
    ("src", "tgt", "missing"),
    [
        ("1,000 people", "1001 человек", "1,000"),
        ("on 30 January", "30 февраля", "January"),
        ("5. Adoption", "4. Утверждение", "5"),
        ("Chapter IV", "Глава VI", "IV"),
    ],
)
def test_changed_number_is_reported(src: str, tgt: str, missing: str) -> None:
    diff = compare_numbers(src, tgt, "en", "ru")
    assert not diff.ok
    assert missing in [m.text for m in diff.missing]


def test_pronoun_i_and_may_are_not_numbers() -> None:
    found = extract_numbers("I think we may meet in May 2015.", "en")
    assert [m.text for m in found] == ["May", "2015"]


def test_russian_number_words_by_lemma() -> None:
    assert 2 in number_words("двух государств", "ru")
    assert 69 in number_words("шестьдесят девятой сессии", "ru")


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1000, max_value=10**9))
def test_grouping_styles_match(n: int) -> None:
    en = f"{n:,}"
    ru = f"{n:,}".replace(",", "\u00a0")
    assert compare_numbers(f"total {en} dollars", f"всего {ru} долл.", "en", "ru").ok


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=10, max_value=99999), st.integers(min_value=1, max_value=9))
def test_any_changed_integer_is_found(n: int, delta: int) -> None:
    assert not compare_numbers(f"paragraph {n} applies", f"применяется пункт {n + delta}", "en",
                               "ru").ok


@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        # UN Russian clock and the English ways of writing a time (issue 13)
        ("The meeting rose at 10.15 a.m.", "Заседание закрывается в 10 ч. 15 м."),
        ("at 6:15 p.m.", "в 18 ч. 15 м."),
        ("At 1720 hours, a patrol", "В 17 ч. 20 м. патруль"),
        # footnote markers glued to words, and a year with its footnote after the full stop
        ("captured in September 2014.42", "схвачен в сентябре 2014 года42."),
        ("the Committee3 decided", "Комитет3 постановил"),
        # grades and codes: the letter changes script, the number stays
        ("one Secretary (P-5) and one Officer (P-3)", "секретарь (С-5) и сотрудник (С3)"),
        ("room B31", "комната Б-31"),
        # letters that look like Roman numerals
        ("X-ray fluorescence and CC cameras", "рентгеновская флюоресценция и камеры"),
        ("listed in Annex C", "включенные в приложение C"),
        # a number with its separator lost on one side
        ("under Articles 4653", "согласно статьям 46 - 53"),
        ("for the 10-year strategic plan", "для десятилетнего стратегического плана"),
        ("On 7 and 8 July", "Седьмого и восьмого июля"),
        ("201. In no country", "201 Ни в одной стране"),
    ],
)
def test_un_notations_that_are_not_errors(src: str, tgt: str) -> None:
    diff = compare_numbers(src, tgt, "en", "ru")
    assert diff.ok, diff


@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        ("at 10.10 a.m.", "в 10 ч. 00 м."),
        ("At 1720 hours", "В 17 ч. 25 м."),
        ("one Officer (P-3)", "сотрудник (С-4)"),
        ("contributed Euro1.5 million", "внесла 2,5 млн. евро"),
    ],
)
def test_un_notations_still_catch_a_changed_number(src: str, tgt: str) -> None:
    assert not compare_numbers(src, tgt, "en", "ru").ok


@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        # each language version of a UN document cites its own pages
        ("in rural areas (pp. 34-35) and schools (p. 45).",
         "в сельских районах (стр. 37 - 38) и школах (стр. 48)."),
        ("a high rate (p. 28).", "высокий показатель (с. 31)."),
        ("dating back to the early 1960s, which", "начала шестидесятых годов, которые"),
        ("up to the amount of $5,819,000 and", "в объеме до 5819 тыс. долл. США и"),
        ("The Mission X project", "Проект <<Миссия Х>>"),  # Cyrillic Х
        ("Mr. Xu Zhongsheng has been appointed", "гн Сюй Чжун Шэн назначен"),  # not a numeral
        # a title's footnote marker after its closing quote
        ('entitled "Overview of the reform"18', "под названием <<Обзор реформы>>"),
    ],
)
def test_localised_numbers_are_not_differences(src: str, tgt: str) -> None:
    assert compare_numbers(src, tgt, "en", "ru").ok


@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        ("only 22 countries provided reports", "только 21 страна представила доклады"),
        ("211 per 100,000 live births", "211 случаев на 10 000 живорождений"),
        ("up to the amount of $5,819,000 and", "в объеме до 5818 тыс. долл. США и"),
        ("see p. 14 and the 5 States", "см. стр. 14 и 6 государств"),
    ],
)
def test_real_number_changes_are_still_found(src: str, tgt: str) -> None:
    assert not compare_numbers(src, tgt, "en", "ru").ok


@pytest.mark.parametrize(("source", "target"), [
    ("One hundred and eleven countries had no system.", "В 111 странах нет системы."),
    ("It worked for 2.5 years (from 2011 to 2014).",
     "Он работал в течение двух с половиной лет (с 2011 по 2014 год)."),
    ("The occupation stretches back five decades.", "Оккупация длится уже 50 лет."),
    ("Two thousand and five people came.", "Пришли 2005 человек."),
])
def test_spelled_numbers_that_stand_for_digits(source: str, target: str) -> None:
    """A number spelled in words on one side is the digits on the other (UN Russian writes
    most numbers in digits): no false alarm."""
    assert compare_numbers(source, target, "en", "ru").ok


@pytest.mark.parametrize(("source", "target"), [
    ("One hundred and eleven countries had no system.", "В 112 странах нет системы."),
    ("It worked for 2.5 years.", "Он работал в течение трех с половиной лет."),
    ("Two and three delegations spoke.", "Выступили 5 делегаций."),
])
def test_spelled_numbers_still_catch_a_wrong_number(source: str, target: str) -> None:
    """Words compose into one number only as numbers are written ("two and three" is no 5)."""
    assert not compare_numbers(source, target, "en", "ru").ok
