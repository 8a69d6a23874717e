"""``parley check`` end to end: summary, JSON/CSV/HTML outputs, --ignore, --fail-on, errors."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from browser import INSTALL_HINT, find_chromium
from conftest import missing_tool
from typer.testing import CliRunner

from parley.cli import app
from parley.exports.qa_report import read_csv, render_html

runner = CliRunner()

BITEXT = (
    "source\ttarget\n"
    "The Security Council met on 5 May 2015.\tСовет Европы собрался 6 мая 2015 года.\n"
    "The Security Council adopted the report.\tСовет Безопасности принял доклад.\n"
    "We agree.\tМы мы согласны.\n"
    "Thank you.\t\n"
)
GLOSSARY = "Security Council\tСовет Безопасности\nreport\tдоклад\nGeneral Assembly\tГенеральная Ассамблея\n"


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    b = tmp_path / "draft.tsv"
    b.write_text(BITEXT, encoding="utf-8")
    g = tmp_path / "terms.txt"
    g.write_text(GLOSSARY, encoding="utf-8")
    return b, g


def run(*args: str) -> object:
    return runner.invoke(app, ["check", *args])


def test_summary_table_worst_first(files: tuple[Path, Path]) -> None:
    b, g = files
    res = run(str(b), "-g", str(g), "-s", "en", "-t", "ru")
    assert res.exit_code == 0, res.stderr  # type: ignore[attr-defined]
    out = res.stdout  # type: ignore[attr-defined]
    for rule in ("key-term", "numbers", "empty-target", "repeated-word", "term-unused"):
        assert rule in out
    assert out.index("key-term") < out.index("repeated-word") < out.index("term-unused")


def test_worst_findings_listed_in_the_terminal(files: tuple[Path, Path]) -> None:
    """A translator sees what is wrong where without opening a report: errors first, each with
    its unit and the message that names the expected rendering; --show bounds the list."""
    b, g = files
    res = run(str(b), "-g", str(g), "-s", "en", "-t", "ru", "--show", "2")
    assert res.exit_code == 0, res.stderr  # type: ignore[attr-defined]
    listed = res.stdout.split("message", 1)[1]  # type: ignore[attr-defined]
    assert "Совет Безопасности" in listed or "numbers differ" in listed or "empty" in listed
    assert listed.count("│ error") == 2
    assert "2 of" in res.stderr and "--show N" in res.stderr  # type: ignore[attr-defined]
    quiet = run(str(b), "-g", str(g), "-s", "en", "-t", "ru", "--show", "0")
    assert "message" not in quiet.stdout  # type: ignore[attr-defined]


def test_json_csv_report_and_ignore_keep_second_run_quiet(files: tuple[Path, Path],
                                                          tmp_path: Path) -> None:
    b, g = files
    html_path, csv_path = tmp_path / "qa.html", tmp_path / "qa.csv"
    res = run(str(b), "-g", str(g), "-s", "en", "-t", "ru", "--json", "--report", str(html_path),
              "--csv", str(csv_path))
    assert res.exit_code == 0, res.stderr  # type: ignore[attr-defined]
    data = json.loads(res.stdout)  # type: ignore[attr-defined]
    ids = [f["id"] for f in data["findings"]]
    assert data["units"] == 4 and len(ids) == len(set(ids)) >= 5
    assert {f["rule"] for f in data["findings"]} >= {"key-term", "numbers", "empty-target"}
    rows = read_csv(csv_path)
    assert [r["id"] for r in rows] == ids
    assert "Совет Европы" in html_path.read_text(encoding="utf-8")
    ignore = tmp_path / "accepted.txt"
    ignore.write_text("# reviewed\n" + "\n".join(ids) + "\n", encoding="utf-8")
    res2 = run(str(b), "-g", str(g), "-s", "en", "-t", "ru", "--json", "--ignore", str(ignore),
               "--fail-on", "info")
    assert res2.exit_code == 0, res2.stderr  # type: ignore[attr-defined]
    assert json.loads(res2.stdout)["findings"] == []  # type: ignore[attr-defined]


def test_fail_on_sets_exit_code_7(files: tuple[Path, Path]) -> None:
    b, g = files
    res = run(str(b), "-g", str(g), "-s", "en", "-t", "ru", "--rules", "form", "--fail-on", "error")
    assert res.exit_code == 0  # type: ignore[attr-defined]
    res = run(str(b), "-g", str(g), "-s", "en", "-t", "ru", "--rules", "form", "--fail-on", "warning")
    assert res.exit_code == 7  # type: ignore[attr-defined]
    assert res.stderr.count("\n") == 1 and "at or above warning" in res.stderr  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("args", "code", "text"),
    [
        (["--rules", "nope"], 2, "unknown rule"),
        (["-g", "missing.txt"], 3, "glossary file not found"),
        (["--ignore", "missing-ignore.txt"], 3, "ignore file not found"),
        (["-s", "xx!"], 5, "not a language code"),
    ],
)
def test_user_errors_are_one_line(files: tuple[Path, Path], args: list[str], code: int,
                                  text: str) -> None:
    b, _ = files
    res = run(str(b), "-t", "ru", *(args if "-s" in args else ["-s", "en", *args]))
    assert res.exit_code == code, res.stderr  # type: ignore[attr-defined]
    assert text in res.stderr and "Traceback" not in res.stderr  # type: ignore[attr-defined]
    assert res.stderr.count("\n") == 1  # type: ignore[attr-defined]


def test_unknown_languages_need_options(tmp_path: Path) -> None:
    b = tmp_path / "x.tsv"
    b.write_text("source\ttarget\nHello there.\tПривет.\n", encoding="utf-8")
    res = run(str(b))
    assert res.exit_code == 2 and "--src-lang" in res.stderr  # type: ignore[attr-defined]


def test_report_never_overwrites_input(files: tuple[Path, Path]) -> None:
    b, g = files
    before = b.read_text(encoding="utf-8")
    res = run(str(b), "-g", str(g), "-s", "en", "-t", "ru", "--report", str(b))
    assert res.exit_code == 8  # type: ignore[attr-defined]
    assert b.read_text(encoding="utf-8") == before


def test_seed_gold_runs(seeds: Path) -> None:
    res = run(str(seeds / "lavrov-2018-02-07.en-ru.gold.tsv"), "--json", "--rules",
              "numbers,untranslated")
    assert res.exit_code == 0, res.stderr  # type: ignore[attr-defined]
    data = json.loads(res.stdout)  # type: ignore[attr-defined]
    assert data["units"] > 300
    # the gold file ends with untranslated page furniture: each one is reported
    assert sum(f["rule"] == "empty-target" for f in data["findings"]) >= 20


def test_html_is_self_contained_and_escaped() -> None:
    from parley.align.model import Bitext, TranslationUnit
    from parley.glossary.findings import Finding

    b = Bitext("en", "ru", (TranslationUnit("<b>x</b> 5", "<script>alert(1)</script> 6"),))
    page = render_html([Finding("numbers", "error", "numbers differ", unit=0, source=b.units[0].source,
                                target=b.units[0].target, spans=(("target", 26, 27),))], b)
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert '<mark class="problem">6</mark>' in page


@pytest.mark.browser
def test_html_report_runs_in_chromium(files: tuple[Path, Path], tmp_path: Path) -> None:
    exe = find_chromium()
    if exe is None:
        missing_tool(INSTALL_HINT)
    b, g = files
    page = tmp_path / "qa.html"
    assert run(str(b), "-g", str(g), "-s", "en", "-t", "ru", "--report", str(page)).exit_code == 0  # type: ignore[attr-defined]
    dom = subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom",
                          page.as_uri()], capture_output=True, text=True, timeout=90, check=True)
    assert 'data-ready="1"' in dom.stdout  # the filter script ran to the end without an error


def test_same_message_on_a_run_of_units_is_one_row(tmp_path: Path) -> None:
    """Twenty untranslated segments at the end of a file are one line "3-5", not the whole list."""
    b = tmp_path / "draft.tsv"
    b.write_text("source\ttarget\nThe Council met.\tСовет собрался.\nWe agree.\tМы согласны.\n"
                 "One.\t\nTwo.\t\nThree.\t\nFour.\tЧетыре.\nFive.\t\n", encoding="utf-8")
    res = run(str(b), "-s", "en", "-t", "ru", "--rules", "untranslated", "--show", "1")
    assert res.exit_code == 0, res.stderr  # type: ignore[attr-defined]
    assert "│ 3-5, 7 " in res.stdout  # type: ignore[attr-defined]
    assert "shown" not in res.stderr  # type: ignore[attr-defined]
