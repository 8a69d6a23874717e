"""QA reports that scale: every finding in the JSON Lines file, the JSON report capped and
pointing to it (readers follow), the HTML page capped with a note; nothing lost."""

from __future__ import annotations

import json
from pathlib import Path

from parley.align.model import Bitext, TranslationUnit
from parley.exports.editor.session import read_findings as editor_findings
from parley.exports.qa_report import read_findings, render_html, write_json, write_jsonl
from parley.glossary.findings import Finding


def _doc(n: int) -> tuple[Bitext, list[Finding]]:
    units = tuple(TranslationUnit(f"Item {i} of <{i}>.", f"Пункт {i + 1}.", id=str(i + 1))
                  for i in range(n))
    findings = [Finding("numbers", "error", f"{i} is not {i + 1} \u2014 \"quoted\"", unit=i,
                        source=u.source, target=u.target, spans=(("source", 5, 5 + len(str(i))),),
                        id=f"f{i}") for i, u in enumerate(units)]
    return Bitext("en", "ru", units, "doc"), findings


def test_json_lists_at_most_the_limit_and_readers_get_every_finding(tmp_path: Path) -> None:
    bitext, findings = _doc(30)
    js, jl = tmp_path / "doc.qa.json", tmp_path / "doc.qa.jsonl"
    write_jsonl(jl, findings)
    write_json(js, findings, bitext, jsonl=jl, limit=10)
    data = json.loads(js.read_text(encoding="utf-8"))  # still one valid JSON document
    assert len(data["findings"]) == 10
    assert data["findings_total"] == 30 and data["findings_file"] == "doc.qa.jsonl"
    assert data["summary"] == [{"rule": "numbers", "severity": "error", "count": 30}]
    assert len(jl.read_text(encoding="utf-8").splitlines()) == 30
    rows = read_findings(js)
    assert [r["id"] for r in rows] == [f"f{i}" for i in range(30)]
    assert rows[7]["message"] == findings[7].message and rows[7]["spans"] == [["source", 5, 6]]
    # the editor shows every finding too, not the first ten
    assert [f.id for f in editor_findings(js)] == [f"f{i}" for i in range(30)]


def test_small_reports_are_whole_and_match_the_old_shape(tmp_path: Path) -> None:
    bitext, findings = _doc(3)
    js = tmp_path / "doc.qa.json"
    write_json(js, findings, bitext, jsonl=tmp_path / "doc.qa.jsonl")
    data = json.loads(js.read_text(encoding="utf-8"))
    assert set(data) == {"bitext", "units", "summary", "findings"}
    assert data["units"] == 3 and len(data["findings"]) == 3
    write_json(js, [], bitext)
    assert json.loads(js.read_text(encoding="utf-8"))["findings"] == []


def test_html_shows_at_most_max_units_and_says_where_the_rest_are() -> None:
    bitext, findings = _doc(12)
    page = render_html(findings, bitext, max_units=5, more="doc.qa.jsonl")
    assert page.count('<tr class="unit"') == 5
    assert "first 5 of 12 units with findings" in page and "doc.qa.jsonl" in page
    assert "capped" not in render_html(findings, bitext)
