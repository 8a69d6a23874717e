"""``parley run`` end to end: the seed pair, several pairs with one failing, MT-only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from parley.align.model import normalize_space
from parley.cli import app
from parley.exports.registry import read_bitext

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent
EN = ROOT / "seeds" / "lavrov-2018-02-07.en.txt"
RU = ROOT / "seeds" / "lavrov-2018-02-07.ru.txt"
DTD = ROOT.parent / "shared" / "schemas" / "tmx14.dtd"


def test_run_writes_every_output(seed_run: tuple[Path, dict]) -> None:
    out, summary = seed_run
    name = "lavrov-2018-02-07"
    for suffix in (".tmx", ".glossary.tbx", ".glossary.utf8", ".qa.html", ".qa.json",
                   ".review.html", ".unaligned.tsv"):
        assert (out / f"{name}{suffix}").stat().st_size > 0, suffix
    on_disk = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert on_disk["pairs"] == {"total": 1, "ok": 1, "failed": 0}
    counts = summary["results"][0]["counts"]
    assert counts["units"] > 250
    assert counts["glossary_entries"] > 50
    assert "timings" in on_disk and on_disk["versions"]["parley"]


def test_run_loses_no_sentence(seed_run: tuple[Path, dict]) -> None:
    """Every source and target sentence is in the TMX or in the unaligned report."""
    from parley.align.reader import read_document
    from parley.align.segment import segment_document

    out, _ = seed_run
    tm = read_bitext(out / "lavrov-2018-02-07.tmx")
    unaligned = read_bitext(out / "lavrov-2018-02-07.unaligned.tsv")
    for side, path, lang in (("source", EN, "en"), ("target", RU, "ru")):
        kept = " ".join(getattr(u, side) for u in (*tm.units, *unaligned.units))
        kept_norm = normalize_space(kept)
        for seg in segment_document(read_document(path, lang=lang), lang):
            assert seg.norm in kept_norm, (side, seg.text[:60])


def test_run_tmx_is_valid(seed_run: tuple[Path, dict]) -> None:
    if not DTD.is_file():
        pytest.skip("../shared/schemas/tmx14.dtd not beside the checkout")
    out, _ = seed_run
    dtd = etree.DTD(str(DTD))
    doc = etree.parse(str(out / "lavrov-2018-02-07.tmx"))
    assert dtd.validate(doc), dtd.error_log.filter_from_errors()


def test_boilerplate_is_reported_not_aligned(seed_run: tuple[Path, dict]) -> None:
    out, summary = seed_run
    counts = summary["results"][0]["counts"]
    assert counts["unaligned_source"] >= 10  # the website furniture after the speech
    assert "Smolenskaya" in (out / "lavrov-2018-02-07.unaligned.tsv").read_text(encoding="utf-8") \
        or counts["unaligned_source"] >= 15


def test_pairs_in_parallel_one_failure_does_not_stop_the_others(tmp_path: Path) -> None:
    (tmp_path / "a.en.txt").write_text(
        "The Security Council met today. Sanctions were discussed at length.\n\n"
        "The Minister thanked the delegations.\n", encoding="utf-8")
    (tmp_path / "a.ru.txt").write_text(
        "Совет Безопасности провел сегодня заседание. Подробно обсуждались санкции.\n\n"
        "Министр поблагодарил делегации.\n", encoding="utf-8")
    (tmp_path / "b.en.txt").write_text("Strategic stability matters. We said so.\n", encoding="utf-8")
    (tmp_path / "b.ru.txt").write_bytes(b"\x00\x01\x02\x03binary")
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("a.en.txt\ta.ru.txt\ta\nb.en.txt\tb.ru.txt\tb\n", encoding="utf-8")
    out = tmp_path / "out"
    res = runner.invoke(app, ["run", "--pairs", str(pairs), "-s", "en", "-t", "ru", "-o", str(out),
                              "--mt", "none", "--jobs", "2"])
    assert res.exit_code == 1
    assert "1 of 2 pair(s) failed" in res.stderr.strip().splitlines()[-1]
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    by_name = {r["name"]: r for r in summary["results"]}
    assert by_name["a"]["ok"] and not by_name["b"]["ok"]
    assert "binary" in by_name["b"]["error"]
    assert (out / "a.tmx").is_file() and (out / "merged.tmx").is_file()
    assert summary["confidence"]["mean"] == by_name["a"]["counts"]["confidence"]["mean"]


def test_run_without_translation_needs_a_model(tmp_path: Path, pkgdir: Path) -> None:
    res = runner.invoke(app, ["run", str(EN), "-s", "en", "-t", "ru", "-o", str(tmp_path)])
    assert res.exit_code == 6
    assert "no model installed" in res.stderr and "Traceback" not in res.stderr


@pytest.mark.mt
def test_run_without_translation_pretranslates(tmp_path: Path, installed: Path) -> None:
    src = tmp_path / "speech.en.txt"
    src.write_text("Dear colleagues,\n\nWe support the Minsk agreements. Dialogue is the only way.\n",
                   encoding="utf-8")
    res = runner.invoke(app, ["run", str(src), "-s", "en", "-t", "ru", "-o", str(tmp_path / "o")])
    assert res.exit_code == 0, res.stderr
    tm = read_bitext(tmp_path / "o" / "speech.tmx")
    assert len(tm.units) == 3
    assert all(u.origin == "mt" and u.mt_model for u in tm.units)
    assert (tmp_path / "o" / "speech.review.html").is_file()


def test_run_needs_input() -> None:
    res = runner.invoke(app, ["run", "-s", "en", "-t", "ru"])
    assert res.exit_code == 2
    assert "give SRC [TGT] or --pairs" in res.stderr


def test_summary_confidence_is_the_pairs_own(seed_run: tuple[Path, dict]) -> None:
    """One pair: the run's confidence statistics are exactly the pair's (not rebuilt from bins)."""
    _, summary = seed_run
    assert summary["confidence"] == summary["results"][0]["counts"]["confidence"]


def test_merged_outputs_equal_the_concatenated_pairs(tmp_path: Path) -> None:
    """merged.tmx streams the pairs' units in order, and merged.glossary.tbx (ranked from the
    sum of each pair's term statistics) is what extracting from all units together gives."""
    from corpus_data import seed_pairs

    from parley.align.model import Bitext
    from parley.exports.glossary_io import write_glossary
    from parley.glossary.extract import extract_terms
    from parley.glossary.termbase import load_starter_termbase
    from parley.job import run_pairs

    pairs = seed_pairs(ROOT / "seeds" / "lavrov-2018-02-07.en-ru.gold.tsv", tmp_path / "docs",
                       docs=3, size=20)
    out = tmp_path / "out"
    summary = run_pairs([(s, t) for s, t, _ in pairs], src_lang="en", tgt_lang="ru", output=out,
                        jobs=1, mt="none", force_lang=True)
    assert all(r.ok for r in summary.results)
    units = [u for r in summary.results for u in read_bitext(r.outputs["tmx"], src_lang="en",
                                                             tgt_lang="ru").units]
    merged = read_bitext(out / "merged.tmx", src_lang="en", tgt_lang="ru").units
    assert [(u.source, u.target, u.id) for u in merged] == [(u.source, u.target, u.id) for u in units]
    whole = extract_terms(Bitext("en", "ru", tuple(units), "merged"), src_lang="en", tgt_lang="ru",
                          termbase=load_starter_termbase())
    assert len(whole) > 5
    write_glossary(tmp_path / "whole.tbx", whole, src_lang="en", tgt_lang="ru")

    def body(p: Path) -> str:
        import re

        return re.sub(r'(date|id)="[^"]*"', "", p.read_text(encoding="utf-8"))

    assert body(out / "merged.glossary.tbx") == body(tmp_path / "whole.tbx")
