"""``parley align`` and ``parley eval-align`` through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parley.cli import app

runner = CliRunner()

SRC = (
    "The treaty was signed in 1990.\nIt entered into force in 1992.\n"
    "Sergey Lavrov met the parties in 2001.\n"
)
TGT = (
    "Договор был подписан в 1990 году.\nОн вступил в силу в 1992 году.\n"
    "Сергей Лавров встретился со сторонами в 2001 году.\n"
)


def _files(tmp_path: Path) -> tuple[Path, Path]:
    s, t = tmp_path / "a.en.txt", tmp_path / "a.ru.txt"
    s.write_text(SRC, encoding="utf-8")
    t.write_text(TGT, encoding="utf-8")
    return s, t


def test_align_tsv_and_json_report(tmp_path: Path) -> None:
    s, t = _files(tmp_path)
    out = tmp_path / "out.tsv"
    res = runner.invoke(app, ["align", str(s), str(t), "-s", "en", "-t", "ru", "-o", str(out),
                              "--presegmented", "--json"])
    assert res.exit_code == 0, res.stderr
    rep = json.loads(res.stdout)
    assert rep["bead_types"] == {"1-1": 3}
    assert rep["unaligned"] == []
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("source\ttarget\tconfidence\tbead")
    assert lines[1].split("\t")[:2] == ["The treaty was signed in 1990.", "Договор был подписан в 1990 году."]


def test_align_beads_then_eval(tmp_path: Path) -> None:
    s, t = _files(tmp_path)
    out = tmp_path / "out.beads"
    res = runner.invoke(app, ["align", str(s), str(t), "-s", "en", "-t", "ru", "-o", str(out),
                              "--presegmented"])
    assert res.exit_code == 0, res.stderr
    assert "1-1" in res.stdout
    gold = tmp_path / "gold.beads"
    gold.write_text("[0]:[0]\n[1]:[1]\n[2]:[2]\n", encoding="utf-8")
    res = runner.invoke(app, ["eval-align", str(out), str(gold), "--json"])
    assert res.exit_code == 0, res.stderr
    assert json.loads(res.stdout)["f1_strict"] == 1.0
    res = runner.invoke(app, ["eval-align", str(out), str(gold)])
    assert "strict" in res.stdout and "1.000" in res.stdout


def test_unaligned_sentence_is_reported(tmp_path: Path) -> None:
    s, t = _files(tmp_path)
    lines = SRC.splitlines()
    extra = "Follow us on Twitter and Facebook for more news."
    s.write_text("\n".join([*lines[:2], extra, *lines[2:]]) + "\n", encoding="utf-8")
    t.write_text(SRC, encoding="utf-8")
    out = tmp_path / "out.tsv"
    res = runner.invoke(app, ["align", str(s), str(t), "-s", "en", "-t", "en", "-o", str(out), "--json"])
    assert res.exit_code == 0, res.stderr
    rep = json.loads(res.stdout)
    assert rep["unaligned"] == [{"side": "source", "sentence": 2, "text": extra}]
    assert rep["bead_types"] == {"1-1": 3, "1-0": 1}
    assert extra in out.read_text(encoding="utf-8")
    res = runner.invoke(app, ["align", str(s), str(t), "-s", "en", "-t", "en", "-o", str(out)])
    assert res.exit_code == 0 and "Unaligned" in res.stdout and "Follow us" in res.stdout


def test_errors_are_one_line(tmp_path: Path) -> None:
    s, t = _files(tmp_path)
    cases = [
        (["-o", str(s)], 8, "overwrite"),
        (["-o", str(tmp_path / "o.tsv"), "--mt-file", str(t), "--presegmented"], 0, ""),
        (["-o", str(tmp_path / "o.tsv"), "--lexicon", str(tmp_path / "none.tsv")], 3, "not found"),
        (["-o", str(tmp_path / "o.tsv"), "-s", "english!"], 5, "language"),
    ]
    for extra, code, text in cases:
        args = ["align", str(s), str(t), "-s", "en", "-t", "ru", *extra]
        res = runner.invoke(app, args)
        assert res.exit_code == code, (extra, res.stderr)
        if code:
            assert text in res.stderr and res.stderr.count("\n") == 1 and "Traceback" not in res.stderr
    (tmp_path / "mt.txt").write_text("only one line\n", encoding="utf-8")
    res = runner.invoke(app, ["align", str(s), str(t), "-s", "en", "-t", "ru", "--presegmented",
                              "-o", str(tmp_path / "o.tsv"), "--mt-file", str(tmp_path / "mt.txt")])
    assert res.exit_code == 3 and "MT file has 1 lines" in res.stderr


def test_eval_align_needs_pairs(tmp_path: Path) -> None:
    f = tmp_path / "a.beads"
    f.write_text("[0]:[0]\n", encoding="utf-8")
    res = runner.invoke(app, ["eval-align", str(f)])
    assert res.exit_code == 2 and "pairs" in res.stderr
    bad = tmp_path / "bad.beads"
    bad.write_text("0 -> 0\n", encoding="utf-8")
    res = runner.invoke(app, ["eval-align", str(bad), str(f)])
    assert res.exit_code == 4 and "line 1" in res.stderr


def test_align_tmx_with_review_page(tmp_path: Path) -> None:
    from parley.exports.registry import read_bitext

    root = Path(__file__).resolve().parent.parent / "seeds"
    out, page = tmp_path / "a.tmx", tmp_path / "a.html"
    res = runner.invoke(app, ["align", str(root / "lavrov-2018-02-07.en.txt"),
                              str(root / "lavrov-2018-02-07.ru.txt"), "-s", "en", "-t", "ru",
                              "-o", str(out), "--review", str(page), "--json"])
    assert res.exit_code == 0, res.stderr
    tm = read_bitext(out)
    assert len(tm.units) > 250 and all(u.source and u.target for u in tm.units)
    assert "lavrov-2018-02-07.en.txt" in page.read_text(encoding="utf-8")


@pytest.mark.mt
def test_align_with_argos_mt_evidence(tmp_path: Path, installed: Path) -> None:
    en, ru = tmp_path / "en.txt", tmp_path / "ru.txt"
    en.write_text("We met in Geneva. The talks were useful.\n\nThank you.\n", encoding="utf-8")
    ru.write_text("Мы встретились в Женеве. Переговоры были полезными.\n\nСпасибо.\n",
                  encoding="utf-8")
    res = runner.invoke(app, ["align", str(en), str(ru), "-s", "en", "-t", "ru", "-o",
                              str(tmp_path / "o.tsv"), "--mt", "argos", "--json"])
    assert res.exit_code == 0, res.stderr
    report = json.loads(res.stdout)
    # the tiny model's output is gibberish: this checks the plumbing, not the quality
    assert report["mt"] == "argos"
    assert report["source_sentences"] == 3 and report["target_sentences"] == 3
