"""Segmentation: the typical failures from ../shared/data/sbd/FINDINGS.md, one test each,
invariants with hypothesis, SRX rules, and the benchmark sets as a regression floor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parley.align.errors import FormatError, InputError, UsageError
from parley.align.reader import read_text
from parley.align.segment import SEGMENTERS, get_segmenter, segment_document, segment_text

CASES = [
    # English
    ("en", "At 5 a.m. Mr. Smith went to the bank. He left.",
     ["At 5 a.m. Mr. Smith went to the bank.", "He left."]),
    ("en", "See para. 12 of document A/72/L.1. The Assembly adopted it.",
     ["See para. 12 of document A/72/L.1.", "The Assembly adopted it."]),
    ("en", "1. The first item. 2. The second item.", ["1. The first item.", "2. The second item."]),
    ("en", "1. Decides to convene 2. Requests the Secretary-General",
     ["1. Decides to convene", "2. Requests the Secretary-General"]),
    ("en", "Ms. Killory met Gen. Nakasone at Ft. Meade on Jan. 5. They spoke.",
     ["Ms. Killory met Gen. Nakasone at Ft. Meade on Jan. 5.", "They spoke."]),
    ("en", 'He said: "We will come. We will stay." Then he left.',
     ['He said: "We will come.', 'We will stay."', "Then he left."]),
    ("en", 'She turned to him, "This is great." she said.',
     ['She turned to him, "This is great." she said.']),
    ("en", "He teaches (He worked for 5 years as an engineer.) at the University.",
     ["He teaches (He worked for 5 years as an engineer.) at the University."]),
    ("en", "The U.S. and the U.K. agreed, i.e. both signed. I live in the U.S. How about you?",
     ["The U.S. and the U.K. agreed, i.e. both signed.", "I live in the U.S.", "How about you?"]),
    ("en", "It cost $100.00 in 2018. 2019 was worse.", ["It cost $100.00 in 2018.", "2019 was worse."]),
    ("en", "G.O.Dyhrenfurth climbed. Albert I. Jones and I. Did you see?",
     ["G.O.Dyhrenfurth climbed.", "Albert I. Jones and I.", "Did you see?"]),
    ("en", "The answer is no. I think so. See ch. IV of the report. The wall is 10 ft. It fell.",
     ["The answer is no.", "I think so.", "See ch. IV of the report.", "The wall is 10 ft.",
      "It fell."]),
    ("en", "Opened by H.E. Mr. Kelebone Maope (Lesotho). I work for the U.S. Government.",
     ["Opened by H.E. Mr. Kelebone Maope (Lesotho).", "I work for the U.S. Government."]),
    ("en", "Mr. Jones has a Ph.D. He teaches. We met at 9 a.m. The talk began.",
     ["Mr. Jones has a Ph.D.", "He teaches.", "We met at 9 a.m.", "The talk began."]),
    # Russian
    ("ru", "Он отметил, сказал Д. Рассел. Текст опубликован на сайте KP.ru. Ранее сайт сообщал.",
     ["Он отметил, сказал Д. Рассел.", "Текст опубликован на сайте KP.ru.", "Ранее сайт сообщал."]),
    ("ru", "Выступил Лавров С.В. В ходе встречи были С.В. А. Иванов и др. лица.",
     ["Выступил Лавров С.В.", "В ходе встречи были С.В. А. Иванов и др. лица."]),
    ("ru", "Потребуется 4000 долл. США. Это 1,2 млрд руб. Сумма велика.",
     ["Потребуется 4000 долл. США.", "Это 1,2 млрд руб.", "Сумма велика."]),
    ("ru", "Погибли ок. 140 человек. В дек. 2017 г. и 30 янв. 2018 г. прошли встречи.",
     ["Погибли ок. 140 человек.", "В дек. 2017 г. и 30 янв. 2018 г. прошли встречи."]),
    ("ru", "В 2010–2012 гг. Российская Федерация выступала против. Согласно ст. 51 Устава ООН это так.",
     ["В 2010–2012 гг. Российская Федерация выступала против.", "Согласно ст. 51 Устава ООН это так."]),
    ("ru", "Выступили А. Гутерриш и В. Матвиенко. С.В.Лавров прибыл в г. Волгоград.",
     ["Выступили А. Гутерриш и В. Матвиенко.", "С.В.Лавров прибыл в г. Волгоград."]),
    ("ru", "Лекцию читал проф. Семенов. Обсуждали экономику, политику и т. д. Россия готова.",
     ["Лекцию читал проф. Семенов.", "Обсуждали экономику, политику и т. д.", "Россия готова."]),
    ("ru", "То есть, т.е. всё ясно. Итак.", ["То есть, т.е. всё ясно.", "Итак."]),
    ("ru", "«К чему ты готовишься? – спросила мама. – Завтра ведь выходной».",
     ["«К чему ты готовишься? – спросила мама. – Завтра ведь выходной»."]),
    ("ru", "– Почему? – спросила мама. – Завтра выходной.",
     ["– Почему? – спросила мама.", "– Завтра выходной."]),
    ("ru", "Это было в 2017 году. 27 января начались переговоры.",
     ["Это было в 2017 году.", "27 января начались переговоры."]),
    ("ru", "Было 11 человек (на борту. - Ред.) и все вернулись.",
     ["Было 11 человек (на борту. - Ред.) и все вернулись."]),
    # other languages
    ("fr", "M. Lavrov a rencontré Mme Colonna. Ils ont parlé. C’est fini.",
     ["M. Lavrov a rencontré Mme Colonna.", "Ils ont parlé.", "C’est fini."]),
    ("de", "Am 3. Oktober 1990 wurde Deutschland vereinigt. Dr. Kohl sprach z. B. in Berlin. Gut.",
     ["Am 3. Oktober 1990 wurde Deutschland vereinigt.", "Dr. Kohl sprach z. B. in Berlin.", "Gut."]),
    ("es", "El Sr. García llegó a EE.UU. ayer. ¿Qué pasó? ¡Nada!",
     ["El Sr. García llegó a EE.UU. ayer.", "¿Qué pasó?", "¡Nada!"]),
    ("zh", "我们支持联合国。我们反对制裁！你同意吗？是的。",
     ["我们支持联合国。", "我们反对制裁！", "你同意吗？", "是的。"]),
    ("ar", "هذا هو الاجتماع الأول. هل توافق؟ نعم.", ["هذا هو الاجتماع الأول.", "هل توافق؟", "نعم."]),
    ("hi", "यह पहला वाक्य है। यह दूसरा है।", ["यह पहला वाक्य है।", "यह दूसरा है।"]),
    ("xx", "Fallback works. Does it? Yes.", ["Fallback works.", "Does it?", "Yes."]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES, ids=[c[1][:30] for c in CASES])
def test_typical_cases(lang: str, text: str, expected: list[str]) -> None:
    assert segment_text(text, lang) == expected


def test_headings_and_list_items_without_stop_stay_apart() -> None:
    text = "1) Welcome\n2) Agenda item 3\nHeading without stop\nThe meeting opened."
    assert segment_text(text, "en") == [
        "1) Welcome", "2) Agenda item 3", "Heading without stop", "The meeting opened."
    ]


def test_never_across_paragraphs() -> None:
    doc = read_text("Dr.\nSmith came. Mr.\n\nJones left", "en", paragraphs="lines")
    segs = segment_document(doc, "en")
    assert [s.text for s in segs] == ["Dr.", "Smith came.", "Mr.", "Jones left"]
    assert [s.paragraph for s in segs] == [0, 1, 1, 2]


def test_offsets_cut_back_with_odd_whitespace() -> None:
    text = "Mr.\u00a0Smith came.\u2009It rained.\r\nNext\tline here.  Done."
    doc = read_text(text, "en")
    for s in segment_document(doc, "en"):
        assert doc.text[s.start : s.end] == s.text


_alphabet = st.sampled_from(
    [*"abc XYZ..!?;,«»\"'()-–0123456789абвГДЕ", "Mr.", "т. д.", "U.S.", " . . . ", "\u00a0",
     "。", "1. ", "г. ", "\n"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_alphabet, max_size=60).map("".join), st.sampled_from(["en", "ru", "de", "zh"]))
def test_segmentation_loses_no_character(text: str, lang: str) -> None:
    """Sentences plus the whitespace between them give back each paragraph exactly."""
    doc = read_text(text, lang, paragraphs="lines")
    segs = segment_document(doc, lang)
    for para in doc.paragraphs:
        mine = [s for s in segs if s.paragraph == para.index]
        rebuilt = ""
        pos = para.start
        for s in mine:
            gap = doc.text[pos : s.start]
            assert not gap.strip()
            rebuilt += gap + s.text
            pos = s.end
        assert rebuilt == para.text
        assert all(s.text == s.text.strip() and s.text for s in mine)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=80))
def test_any_text_spans_are_ordered_and_cover(text: str) -> None:
    for name in ("rules", "sentencex"):
        seg = get_segmenter("en", name)
        pos = 0
        for s, e in seg.spans(text):
            assert pos <= s < e <= len(text)
            pos = e


def test_unknown_segmenter_is_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown segmenter"):
        get_segmenter("en", "nope")
    assert "rules" in SEGMENTERS and "srx" in SEGMENTERS


# -- SRX --------------------------------------------------------------------------------------

#: A CAT-tool style ruleset: no break after "Mr.", breaks after ";" and sentence stops.
SRX = (Path(__file__).parent / "data" / "cat.srx").read_text(encoding="utf-8")


def test_srx_file_rules_are_followed(tmp_path: Path) -> None:
    rules = tmp_path / "cat.srx"
    rules.write_text(SRX, encoding="utf-8")
    seg = get_segmenter("en", srx=str(rules))
    doc = read_text("Mr. Smith came; he sat. Dr. Who left.", "en")
    # the CAT tool breaks after ";" and after "Dr." (not in its exceptions): so must we
    assert [s.text for s in segment_document(doc, "en", seg)] == [
        "Mr. Smith came;", "he sat.", "Dr.", "Who left."
    ]


def test_bundled_srx_rules() -> None:
    seg = get_segmenter("ru", "srx")
    assert segment_text("Он пришёл. Она ушла.", "ru", seg) == ["Он пришёл.", "Она ушла."]


def test_bundled_srx_unknown_language_falls_back() -> None:
    seg = get_segmenter("xx", "srx")
    assert segment_text("Hello there. Mr. X came.", "xx", seg) == ["Hello there.", "Mr. X came."]


def test_srx_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        get_segmenter("en", srx=str(tmp_path / "none.srx"))
    bad = tmp_path / "bad.srx"
    bad.write_text("<srx><body>", encoding="utf-8")
    with pytest.raises(FormatError):
        get_segmenter("en", srx=str(bad))


# -- benchmark floor ----------------------------------------------------------------------------


def test_benchmark_sets_floor(shared_data: Path) -> None:
    """The targets of issue 2 on the pySBD sets (the news set runs in bench/)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "bench_segmentation", Path(__file__).resolve().parent.parent / "bench" / "segmentation.py"
    )
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    sbd = shared_data / "sbd"
    split = bench._parley("rules")
    assert bench.score(split, "en", bench._cases(sbd / "en_golden_rules.json")) >= 47
    assert bench.score(split, "ru", bench._cases(sbd / "ru_cases.json")) == 37


def test_benchmark_cases_are_real(shared_data: Path) -> None:
    golden = json.loads((shared_data / "sbd" / "en_golden_rules.json").read_text(encoding="utf-8"))
    assert len(golden) == 48
