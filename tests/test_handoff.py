"""The OmegaT hand-off without OmegaT: project layout, segmentation rules both ways, ``--srx``
from an OmegaT project, QA status props and ``--exclude``, language identification."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parley.align.errors import LanguageError
from parley.align.langid import check_language, detect
from parley.align.model import Bitext, TranslationUnit
from parley.align.segment import get_segmenter, segment_text
from parley.cli import app
from parley.exports.omegat_project import (
    omegat_lang,
    read_segmentation_conf,
    segmentation_conf,
    source_rules,
    srx_file,
)
from parley.exports.qa_status import QA_RULES, QA_STATUS, annotate, select
from parley.exports.registry import read_bitext, write_bitext
from parley.glossary.findings import Finding

runner = CliRunner()
TEXT = ("Mr. Lavrov met Dr. Smith at 5 p.m. today. They discussed the J.C.P.O.A. at length! "
        "Was it useful? Yes.\nA new line. And e.g. this one.")


def test_omegat_language_codes() -> None:
    assert [omegat_lang(t) for t in ("en-gb", "ru", "zh-Hans-CN", "es-419", "pt_BR")] == [
        "EN-GB", "RU", "ZH-CN", "ES-419", "PT-BR"]


def test_segmentation_conf_round_trips_to_the_same_segments(tmp_path: Path) -> None:
    """parley's SRX rules -> OmegaT's segmentation.conf -> SRX again: the same sentences."""
    rules = source_rules("en")
    conf = tmp_path / "omegat" / "segmentation.conf"
    conf.parent.mkdir()
    conf.write_text(segmentation_conf(rules), encoding="utf-8")
    [(pattern, back)] = read_segmentation_conf(conf)
    assert pattern == ".*" and back == rules
    srx = srx_file(tmp_path)  # the project folder
    assert srx.suffix == ".srx"
    want = segment_text(TEXT, "en", get_segmenter("en", "srx"))
    assert len(want) >= 6
    assert segment_text(TEXT, "en", get_segmenter("en", srx=str(srx))) == want


def test_align_takes_an_omegat_project_as_srx(seeds: Path, tmp_path: Path) -> None:
    conf = tmp_path / "proj" / "omegat" / "segmentation.conf"
    conf.parent.mkdir(parents=True)
    conf.write_text(segmentation_conf(source_rules("en")), encoding="utf-8")
    out = tmp_path / "a.tsv"
    res = runner.invoke(app, ["align", str(seeds / "lavrov-2018-02-07.en.txt"),
                              str(seeds / "lavrov-2018-02-07.ru.txt"), "-s", "en", "-t", "ru",
                              "--srx", str(tmp_path / "proj"), "-o", str(out), "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["source_sentences"] > 250
    missing = runner.invoke(app, ["align", str(seeds / "lavrov-2018-02-07.en.txt"),
                                  str(seeds / "lavrov-2018-02-07.ru.txt"), "-s", "en", "-t", "ru",
                                  "--srx", str(tmp_path), "-o", str(out)])
    assert missing.exit_code == 3 and "segmentation.conf" in missing.stderr


def _bitext() -> Bitext:
    return Bitext("en", "ru", (
        TranslationUnit("Peace.", "Мир.", confidence=0.9),
        TranslationUnit("War and peace talks.", "War and peace talks.", confidence=0.9),
        TranslationUnit("Five ships.", "Шесть кораблей.", confidence=0.95),
        TranslationUnit("Odd pair.", "Странная пара.", confidence=0.2),
    ))


def _findings() -> list[Finding]:
    return [Finding("untranslated", "warning", "target is identical to the source", unit=1),
            Finding("number-mismatch", "error", "5 is not 6", unit=2),
            Finding("key-term", "warning", "term", unit=2)]


def test_qa_status_props_travel_in_tmx(tmp_path: Path) -> None:
    bt = annotate(_bitext(), _findings())
    write_bitext(tmp_path / "a.tmx", bt)
    back = read_bitext(tmp_path / "a.tmx")
    assert [(u.props.get(QA_STATUS), u.props.get(QA_RULES)) for u in back.units] == [
        ("passed", None), ("untranslated", "untranslated"), ("error", "key-term,number-mismatch"),
        ("passed", None)]
    assert all("x-status" not in u.props for u in back.units)  # the editor's prop, not ours


def test_exclude_leaves_out_and_says_why() -> None:
    bt = annotate(_bitext(), _findings())
    default = select(bt)
    assert [u.source for u in default.kept.units] == ["Peace.", "Five ships.", "Odd pair."]
    assert default.counts() == {"untranslated": 1}
    strict = select(bt, ["flagged", "low-confidence"], low_confidence=0.5)
    assert [u.source for u in strict.kept.units] == ["Peace."]
    assert strict.counts() == {"untranslated": 1, "flagged": 1, "low-confidence": 1}
    asked = select(bt, untranslated=True)
    assert len(asked.kept) == 4 and not asked.left_out


def test_handoff_command_writes_a_project(seeds: Path, tmp_path: Path) -> None:
    tmx = tmp_path / "l.tmx"
    write_bitext(tmx, Bitext("en", "ru", (
        TranslationUnit("Ladies and gentlemen,", "Дамы и господа,"),
        TranslationUnit("Thank you.", "Thank you."))))
    gl = tmp_path / "g.utf8"
    gl.write_text("strategic stability\tстратегическая стабильность\t\n", encoding="utf-8")
    qa = tmp_path / "qa.json"
    qa.write_text(json.dumps({"findings": [{"rule": "untranslated", "severity": "warning", "unit": 1}]}))
    proj = tmp_path / "proj"
    res = runner.invoke(app, ["handoff", "omegat", str(seeds / "lavrov-2018-02-07.en.txt"), "--tmx", str(tmx),
                              "-g", str(gl), "-s", "en-GB", "-t", "ru-RU", "-o", str(proj), "--json"])
    assert res.exit_code == 0, res.output
    report = json.loads(res.stdout)
    assert report["src_lang"] == "EN-GB" and report["tm_units"] == 2 and report["glossary_entries"] == 1
    for rel in ("omegat.project", "source/lavrov-2018-02-07.en.txt", "tm/auto/parley.tmx",
                "glossary/parley.glossary.utf8", "glossary/parley.glossary.tbx", "omegat/segmentation.conf"):
        assert (proj / rel).is_file(), rel
    again = runner.invoke(app, ["handoff", "omegat", str(seeds / "lavrov-2018-02-07.en.txt"), "--tmx",
                                str(tmx), "-s", "en", "-t", "ru", "-o", str(proj)])
    assert again.exit_code == 8 and "not empty" in again.stderr
    nolang = runner.invoke(app, ["handoff", "omegat", str(seeds / "lavrov-2018-02-07.en.txt"),
                                 "-o", str(tmp_path / "p2")])
    assert nolang.exit_code == 2 and "-s and -t" in nolang.stderr


# --- language identification -------------------------------------------------------------

EN = ("The Security Council reaffirmed its commitment to the sovereignty, independence and "
      "territorial integrity of the country and called on all parties to respect the ceasefire.")
FR = ("Le Conseil de sécurité a réaffirmé son attachement à la souveraineté, à l'indépendance et "
      "à l'intégrité territoriale du pays et a appelé toutes les parties à respecter le cessez-le-feu.")
RU = ("Совет Безопасности подтвердил свою приверженность суверенитету, независимости и "
      "территориальной целостности страны и призвал все стороны соблюдать режим прекращения огня.")


def test_detect_languages() -> None:
    assert [detect(t).lang for t in (EN, FR, RU)] == ["en", "fr", "ru"]
    assert detect("12 345 — 67").lang == "und"


def test_mislabelled_text_is_refused_in_one_line() -> None:
    with pytest.raises(LanguageError) as err:
        check_language(FR, "ru-RU", "speech.ru.txt", "-t")
    msg = str(err.value)
    assert "\n" not in msg and "French (fr" in msg and "not ru-RU" in msg and "--force-lang" in msg
    assert check_language(RU, "ru-RU").lang == "ru"
    assert check_language("OK.", "ru").lang  # too short to judge: passes


def test_align_refuses_swapped_files_unless_forced(seeds: Path, tmp_path: Path) -> None:
    args = ["align", str(seeds / "lavrov-2018-02-07.ru.txt"), str(seeds / "lavrov-2018-02-07.en.txt"),
            "-s", "en", "-t", "ru", "-o", str(tmp_path / "a.tsv")]
    res = runner.invoke(app, args)
    assert res.exit_code == 5
    assert res.stderr.count("\n") == 1 and "looks like Russian (ru" in res.stderr
    assert not (tmp_path / "a.tsv").exists()
    assert runner.invoke(app, [*args, "--force-lang"]).exit_code == 0


def test_one_bcp47_tag_per_side_in_every_format(tmp_path: Path) -> None:
    from parley.exports.glossary_io import write_glossary
    from parley.glossary.model import Glossary, Term, TermEntry

    bt = Bitext("en-GB", "ru-RU", (TranslationUnit("Peace talks.", "Мирные переговоры."),))
    write_bitext(tmp_path / "a.tmx", bt)
    write_bitext(tmp_path / "a.xlf", bt)
    g = Glossary((TermEntry("e1", (Term("peace talks", "en"), Term("мирные переговоры", "ru"))),),
                 ("en", "ru"))
    for name in ("g.tbx", "g.v3.tbx", "g.csv"):
        write_glossary(tmp_path / name, g, src_lang="en-GB", tgt_lang="ru-RU")
    tmx = (tmp_path / "a.tmx").read_text("utf-8")
    assert 'srclang="en-GB"' in tmx and 'xml:lang="ru-RU"' in tmx
    assert 'source-language="en-GB" target-language="ru-RU"' in (tmp_path / "a.xlf").read_text("utf-8")
    for name in ("g.tbx", "g.v3.tbx"):
        text = (tmp_path / name).read_text("utf-8")
        assert 'xml:lang="en-GB"' in text and 'xml:lang="ru-RU"' in text and 'xml:lang="en"' not in text
    assert (tmp_path / "g.csv").read_text("utf-8").startswith("en-GB,ru-RU,")
    # language-specific behaviour follows the base code
    assert segment_text("Mr. Lavrov spoke. Then Dr. Smith.", "en-GB") == [
        "Mr. Lavrov spoke.", "Then Dr. Smith."]


def _short_pair(seeds: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The first 25 paragraphs of the seed speech and its translation (a fast run)."""
    out = []
    for lang in ("en", "ru"):
        text = (seeds / f"lavrov-2018-02-07.{lang}.txt").read_text(encoding="utf-8")
        p = tmp_path / f"short.{lang}.txt"
        p.write_text("\n\n".join([x for x in text.split("\n") if x.strip()][:25]) + "\n", encoding="utf-8")
        out.append(p)
    return out[0], out[1]


def test_run_detects_languages_marks_qa_status_and_hands_off(seeds: Path, tmp_path: Path) -> None:
    en, ru = _short_pair(seeds, tmp_path)
    out = tmp_path / "out"
    res = runner.invoke(app, ["run", str(en), str(ru), "-o", str(out), "--mt", "none", "--no-termbase",
                              "--segmenter", "srx", "--json"])
    assert res.exit_code == 0, res.output
    assert "detected languages: -s en -t ru" in res.stderr
    summary = json.loads(res.stdout)
    outputs = summary["results"][0]["outputs"]
    assert outputs["glossary_utf8"].endswith(".glossary.utf8")
    tmx = read_bitext(Path(outputs["tmx"]))
    assert tmx.src_lang == "en" and all(QA_STATUS in u.props for u in tmx.units)
    proj = tmp_path / "proj"
    ho = runner.invoke(app, ["handoff", "omegat", str(out), "-o", str(proj), "-s", "en-GB", "-t", "ru-RU"])
    assert ho.exit_code == 0, ho.output
    assert (proj / "source" / "short.en.txt").is_file()
    assert (proj / "glossary" / "parley.glossary.tbx").is_file()


def test_run_refuses_a_mislabelled_translation(seeds: Path, tmp_path: Path) -> None:
    en, ru = _short_pair(seeds, tmp_path)
    res = runner.invoke(app, ["run", str(en), str(ru), "-s", "en", "-t", "fr", "-o", str(tmp_path / "o"),
                              "--mt", "none", "--no-termbase"])
    assert res.exit_code != 0 and "looks like Russian (ru" in res.stderr and "--force-lang" in res.stderr
