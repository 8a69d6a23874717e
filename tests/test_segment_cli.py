"""``parley segment`` through CliRunner: options, formats, SRX, errors."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from parley.cli import app

runner = CliRunner()
SRX = (Path(__file__).parent / "data" / "cat.srx").read_text(encoding="utf-8")


def test_help_has_example() -> None:
    res = runner.invoke(app, ["segment", "--help"])
    assert res.exit_code == 0
    assert "Example: parley segment" in res.stdout and "--srx" in res.stdout


def test_txt_to_file_with_summary(tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_text("Mr. Smith came. He sat.\nA heading\n", encoding="utf-8")
    out = tmp_path / "out" / "s.txt"
    res = runner.invoke(app, ["segment", str(src), "--lang", "en", "-o", str(out)])
    assert res.exit_code == 0, res.stderr
    assert out.read_text(encoding="utf-8") == "Mr. Smith came.\nHe sat.\nA heading\n"
    assert "3 sentences in 2 paragraphs" in res.stderr
    quiet = runner.invoke(app, ["-q", "segment", str(src), "--lang", "en", "-o", str(out)])
    assert quiet.stderr == ""


def test_tsv_header_and_rows(seeds: Path) -> None:
    res = runner.invoke(app, ["segment", str(seeds / "lavrov-2018-02-07.ru.txt"), "-l", "ru",
                              "-f", "tsv"])
    assert res.exit_code == 0, res.stderr
    lines = res.stdout.splitlines()
    assert lines[0] == "paragraph\tsentence\tstart\tend\ttext"
    assert all(len(x.split("\t")) == 5 for x in lines[1:])


def test_srx_option_and_segmenter_choice(tmp_path: Path) -> None:
    rules = tmp_path / "cat.srx"
    rules.write_text(SRX, encoding="utf-8")
    src = tmp_path / "in.txt"
    src.write_text("Mr. Smith came; he sat. Dr. Who left.", encoding="utf-8")
    res = runner.invoke(app, ["segment", str(src), "-l", "en", "--srx", str(rules), "-f", "jsonl"])
    assert res.exit_code == 0, res.stderr
    assert [json.loads(x)["text"] for x in res.stdout.splitlines()] == [
        "Mr. Smith came;", "he sat.", "Dr.", "Who left."
    ]
    for name in ("rules", "sentencex", "srx"):
        res = runner.invoke(app, ["segment", str(src), "-l", "en", "--segmenter", name])
        assert res.exit_code == 0, res.stderr
        assert "Who left." in res.stdout


def test_bad_srx_and_segmenter_exit_codes(tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_text("One. Two.", encoding="utf-8")
    bad = tmp_path / "bad.srx"
    bad.write_text("<srx><body>", encoding="utf-8")
    res = runner.invoke(app, ["segment", str(src), "-l", "en", "--srx", str(bad)])
    assert res.exit_code == 4 and "bad.srx" in res.stderr and res.stderr.count("\n") == 1
    res = runner.invoke(app, ["segment", str(src), "-l", "en", "--srx", str(tmp_path / "no.srx")])
    assert res.exit_code == 3 and "not found" in res.stderr
    res = runner.invoke(app, ["segment", str(src), "-l", "en", "--segmenter", "magic"])
    assert res.exit_code == 2 and "unknown segmenter" in res.stderr


def test_bad_language_code(tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_text("One. Two.", encoding="utf-8")
    res = runner.invoke(app, ["segment", str(src), "-l", "english!"])
    assert res.exit_code == 5 and res.stderr.count("\n") == 1
