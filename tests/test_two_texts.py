"""Commands that take "a bitext, or two texts aligned first" (check, glossary extract)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from parley.cli import app

runner = CliRunner()


def _texts(tmp_path: Path) -> tuple[Path, Path]:
    en = tmp_path / "talk.en.txt"
    ru = tmp_path / "talk.ru.txt"
    en.write_text(
        "The Security Council adopted resolution 2231 in 2015.\n\n"
        "Strategic stability is our common concern. Sanctions do not work.\n\n"
        "This sentence has no counterpart in the translation.\n", encoding="utf-8")
    ru.write_text(
        "Совет Безопасности принял резолюцию 2231 в 2016 году.\n\n"
        "Стратегическая стабильность — наша общая забота. Санкции не работают.\n", encoding="utf-8")
    return en, ru


def test_check_two_texts_aligns_first(tmp_path: Path) -> None:
    en, ru = _texts(tmp_path)
    res = runner.invoke(app, ["check", str(en), str(ru), "-s", "en", "-t", "ru", "--json"])
    assert res.exit_code == 0, res.stderr
    data = json.loads(res.stdout)
    rules = {f["rule"] for f in data["findings"]}
    assert "numbers" in rules  # 2015 vs 2016
    assert "empty-target" in rules  # the sentence with no counterpart is reported, not dropped


def test_two_texts_need_languages(tmp_path: Path) -> None:
    en, ru = _texts(tmp_path)
    res = runner.invoke(app, ["check", str(en), str(ru)])
    assert res.exit_code == 2
    assert "--src-lang" in res.stderr and "Traceback" not in res.stderr


def test_glossary_extract_two_texts(tmp_path: Path, seeds: Path) -> None:
    out = tmp_path / "g.tbx"
    res = runner.invoke(app, ["glossary", "extract", str(seeds / "lavrov-2018-02-07.en.txt"),
                              str(seeds / "lavrov-2018-02-07.ru.txt"), "-s", "en", "-t", "ru",
                              "-n", "40", "-o", str(out), "--json"])
    assert res.exit_code == 0, res.stderr
    pairs = {(e["source"], e["target"]) for e in json.loads(res.stdout)["entries"]}
    assert ("strategic stability", "стратегическая стабильность") in pairs
    assert out.is_file()
