"""``parley convert`` through the CLI: report table/JSON, one-line errors, protected inputs."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from parley.cli import app

runner = CliRunner()


def test_convert_gold_tsv_to_tmx_reports_left_out_units(seeds: Path, tmp_path: Path) -> None:
    out, side = tmp_path / "l.tmx", tmp_path / "left.tsv"
    res = runner.invoke(app, ["convert", str(seeds / "lavrov-2018-02-07.en-ru.gold.tsv"), str(out),
                              "--region", "--unaligned", str(side), "--json"])
    assert res.exit_code == 0, res.stderr
    rep = json.loads(res.stdout)
    assert rep["format"] == "tmx" and (rep["src_lang"], rep["tgt_lang"]) == ("en-US", "ru-RU")
    assert rep["written"] > 0 and rep["skipped_empty_side"] > 0
    # every input row ends up in the TMX or in the side file
    rows = len(side.read_text(encoding="utf-8").splitlines()) - 1
    gold = len((seeds / "lavrov-2018-02-07.en-ru.gold.tsv").read_text(encoding="utf-8").splitlines()) - 1
    assert rep["written"] + rows == gold == rep["written"] + rep["skipped_empty_side"]


def test_convert_table_for_people(tmp_path: Path) -> None:
    src = tmp_path / "a.csv"
    src.write_text("source,target\nHello,Привет\n", encoding="utf-8")
    res = runner.invoke(app, ["convert", str(src), str(tmp_path / "a.xlf"), "-s", "en", "-t", "ru"])
    assert res.exit_code == 0, res.stderr
    assert "written" in res.stdout and "xliff" in res.stdout


def test_convert_errors_are_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tmx"
    bad.write_text("<tmx><body><tu>", encoding="utf-8")
    res = runner.invoke(app, ["convert", str(bad), str(tmp_path / "o.tsv"), "-s", "en", "-t", "ru"])
    assert res.exit_code == 4 and res.stderr.count("\n") == 1 and "broken XML" in res.stderr
    res = runner.invoke(app, ["convert", str(tmp_path / "a.tsv"), str(tmp_path / "a.doc")])
    assert res.exit_code == 2 and "Traceback" not in res.stderr


def test_convert_refuses_to_overwrite_its_input(tmp_path: Path) -> None:
    src = tmp_path / "a.tsv"
    src.write_text("source\ttarget\nx\ty\n", encoding="utf-8")
    res = runner.invoke(app, ["convert", str(src), str(src)])
    assert res.exit_code == 8
    assert src.read_text(encoding="utf-8") == "source\ttarget\nx\ty\n"


def test_convert_tmx_to_tmx_streams_and_keeps_units(tmp_path: Path) -> None:
    from parley.align.model import Bitext, TranslationUnit
    from parley.exports.registry import read_bitext, write_bitext

    src = tmp_path / "in.tmx"
    units = tuple(TranslationUnit(f"S {i}", f"Т {i}", bead="1-1") for i in range(50))
    write_bitext(src, Bitext("en", "ru", units))
    res = runner.invoke(app, ["convert", str(src), str(tmp_path / "out.tmx"), "--region", "--json"])
    assert res.exit_code == 0, res.stderr
    assert json.loads(res.stdout)["written"] == 50
    back = read_bitext(tmp_path / "out.tmx")
    assert (back.src_lang, back.tgt_lang) == ("en-US", "ru-RU")
    assert [(u.source, u.target, u.bead) for u in back] == [(u.source, u.target, u.bead) for u in units]
