from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from parley.cli import app

runner = CliRunner()


def test_version() -> None:
    res = runner.invoke(app, ["--version"])
    assert res.exit_code == 0
    assert res.stdout.startswith("parley ")


def test_segment_jsonl_offsets_cut_back(seeds: Path) -> None:
    src = seeds / "lavrov-2018-02-07.en.txt"
    res = runner.invoke(app, ["segment", str(src), "--lang", "en", "-f", "jsonl"])
    assert res.exit_code == 0, res.stderr
    text = src.read_text(encoding="utf-8")
    recs = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(recs) > 100
    for r in recs:
        assert text[r["start"] : r["end"]] == r["text"]


def test_missing_file_is_one_line_error(tmp_path: Path) -> None:
    res = runner.invoke(app, ["segment", str(tmp_path / "nope.txt"), "--lang", "en"])
    assert res.exit_code == 3
    assert res.stderr.count("\n") == 1
    assert "file not found" in res.stderr
    assert "Traceback" not in res.stderr


def test_output_never_overwrites_input(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("One. Two.", encoding="utf-8")
    res = runner.invoke(app, ["segment", str(f), "--lang", "en", "-o", str(f)])
    assert res.exit_code == 8
    assert f.read_text(encoding="utf-8") == "One. Two."


def test_atomic_output_is_readable_by_others(tmp_path: Path) -> None:
    import os
    import stat

    from parley.align.atomic import atomic_write_text

    target = tmp_path / "o.txt"
    old = os.umask(0o022)
    try:
        atomic_write_text(target, "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_language_codes() -> None:
    import pytest

    from parley.align.errors import LanguageError
    from parley.align.lang import check_lang

    assert check_lang("rus") == "ru"
    assert check_lang("en_US") == "en-US"
    assert check_lang("fra-FR") == "fr-FR"
    with pytest.raises(LanguageError):
        check_lang("english!")
    seed = Path(__file__).resolve().parent.parent / "seeds" / "lavrov-2018-02-07.en.txt"
    res = runner.invoke(app, ["segment", str(seed), "--lang", "e n"])
    assert res.exit_code == 5 and res.stderr.count("\n") == 1
