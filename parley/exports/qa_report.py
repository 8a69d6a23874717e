"""QA findings for people and scripts: one self-contained HTML page (side by side, terms and
problems highlighted, filter by rule, no network), plus CSV, JSON and JSON Lines.

Reports scale with the document: the JSON Lines file (one finding a line) is written as it goes
and holds every finding; the JSON report keeps its shape (summary + findings) but lists at most
:data:`JSON_MAX_FINDINGS`, naming the JSON Lines file for the rest, and the HTML page shows at
most :data:`HTML_MAX_UNITS` units (the rest are counted, and ``parley review`` pages through
all), so that a 100,000-sentence run does not write a 173 MB JSON file or an HTML page no
browser opens."""

from __future__ import annotations

import csv
import html
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from parley.align.atomic import atomic_open, atomic_write_text
from parley.align.model import Bitext
from parley.glossary.findings import SEVERITIES, Finding

#: findings listed in NAME.qa.json at most; all of them are in NAME.qa.jsonl
JSON_MAX_FINDINGS = 10_000
#: units with findings shown on the HTML report at most
HTML_MAX_UNITS = 5_000

CSV_COLUMNS = ("id", "severity", "rule", "unit", "unit_id", "match_type", "message", "source",
               "target")


def finding_dict(f: Finding) -> dict[str, Any]:
    return {
        "id": f.id, "severity": f.severity, "rule": f.rule,
        "unit": None if f.unit is None else f.unit + 1, "unit_id": f.unit_id,
        "match_type": f.match_type, "message": f.message, "source": f.source,
        "target": f.target, "spans": [list(s) for s in f.spans], "details": dict(f.details),
    }


def summary(findings: Sequence[Finding]) -> list[tuple[str, str, int]]:
    """``(rule, severity, count)`` worst first, then most frequent."""
    c = Counter((f.rule, f.severity) for f in findings)
    return sorted(((r, s, n) for (r, s), n in c.items()),
                  key=lambda x: (SEVERITIES.index(x[1]), -x[2], x[0]))


def findings_json(findings: Sequence[Finding], bitext: Bitext | None = None) -> dict[str, Any]:
    return {
        "bitext": bitext.name if bitext else None,
        "units": len(bitext) if bitext else None,
        "summary": [{"rule": r, "severity": s, "count": n} for r, s, n in summary(findings)],
        "findings": [finding_dict(f) for f in findings],
    }


def write_json(path: str | Path, findings: Sequence[Finding], bitext: Bitext | None = None, *,
               protect: Iterable[str | Path] = (), jsonl: str | Path | None = None,
               limit: int = JSON_MAX_FINDINGS) -> None:
    """The JSON report, one finding a line (streamed: no whole-report string in memory). With
    ``jsonl`` (the JSON Lines file written beside it) and more than ``limit`` findings, only
    the first ``limit`` are listed, with ``findings_total`` and ``findings_file`` naming the
    file that has them all (:func:`read_findings` follows it)."""
    head = {k: v for k, v in findings_json((), bitext).items() if k != "findings"}
    head["summary"] = [{"rule": r, "severity": s, "count": n} for r, s, n in summary(findings)]
    shown: Sequence[Finding] = findings
    if jsonl is not None and len(findings) > limit:
        head.update(findings_total=len(findings), findings_file=Path(jsonl).name)
        shown = findings[:limit]
    with atomic_open(path, "w", protect=protect, encoding="utf-8") as fh:
        fh.write(json.dumps(head, ensure_ascii=False, indent=2)[:-2])
        fh.write(',\n  "findings": [')
        for k, f in enumerate(shown):
            fh.write(",\n    " if k else "\n    ")
            fh.write(json.dumps(finding_dict(f), ensure_ascii=False))
        fh.write("\n  ]\n}\n" if shown else "]\n}\n")


def write_jsonl(path: str | Path, findings: Iterable[Finding], *,
                protect: Iterable[str | Path] = ()) -> None:
    """JSON Lines: one finding (as in the JSON report) a line, every finding, streamed; what
    ``polars.read_ndjson`` or ``jq -c`` read a line at a time."""
    with atomic_open(path, "w", protect=protect, encoding="utf-8") as fh:
        for f in findings:
            fh.write(json.dumps(finding_dict(f), ensure_ascii=False))
            fh.write("\n")


def read_findings(path: str | Path) -> list[dict[str, Any]]:
    """The findings (as dicts) of a JSON report (``parley run``'s NAME.qa.json, ``check
    --json``), a bare JSON list, or a JSON Lines file; a report that lists only some of them
    (``findings_file``) is read from its JSON Lines file when that is beside it."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".jsonl":
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    data = json.loads(text)
    if isinstance(data, list):
        return [d for d in data if isinstance(d, dict)]
    if not isinstance(data, dict):
        return []
    rest = data.get("findings_file")
    if isinstance(rest, str) and (path.parent / Path(rest).name).is_file():
        return read_findings(path.parent / Path(rest).name)
    return [d for d in data.get("findings", []) if isinstance(d, dict)]


def write_csv(path: str | Path, findings: Sequence[Finding], *,
              protect: Iterable[str | Path] = ()) -> None:
    """UTF-8 with BOM so that Excel opens Cyrillic correctly."""
    with atomic_open(path, "w", protect=protect, encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(CSV_COLUMNS)
        for f in findings:
            d = finding_dict(f)
            w.writerow(["" if d[c] is None else d[c] for c in CSV_COLUMNS])


def read_csv(path: str | Path) -> list[dict[str, str]]:
    """Rows of a findings CSV (for round-trip tests and spreadsheets edited by reviewers)."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _mark(text: str, spans: Iterable[tuple[int, int, str]]) -> str:
    """HTML-escape ``text`` with ``<mark>`` around spans (overlaps merged, classes kept)."""
    marks = sorted((a, b, cls) for a, b, cls in spans if 0 <= a < b <= len(text))
    out: list[str] = []
    pos = 0
    for a, b, cls in marks:
        if a < pos:
            a = pos
        if a >= b:
            continue
        out.append(html.escape(text[pos:a]))
        out.append(f'<mark class="{cls}">{html.escape(text[a:b])}</mark>')
        pos = b
    out.append(html.escape(text[pos:]))
    return "".join(out)


_CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:1.5em;color:#222}
h1{font-size:1.3em}table{border-collapse:collapse;width:100%}
td,th{border:1px solid #ddd;padding:.35em .5em;vertical-align:top;text-align:left}
th{background:#f4f4f4}tr.unit td{width:47%}tr.unit td.n{width:3em;color:#777}
mark.term{background:#fff3a0}mark.problem{background:#ffc9c9}
.sev-error{color:#b00020;font-weight:600}.sev-warning{color:#a45b00}.sev-info{color:#2b5d9b}
.msgs{font-size:.92em;margin:.3em 0 0;padding-left:1.2em}.doc{margin:1em 0}
#filters label{margin-right:1em;white-space:nowrap}.hidden{display:none}
"""

_JS = """
(function(){
  var boxes=document.querySelectorAll('#filters input');
  function apply(){
    var on={};boxes.forEach(function(b){on[b.value]=b.checked;});
    document.querySelectorAll('[data-rules]').forEach(function(el){
      var rules=el.getAttribute('data-rules').split(' ');
      var show=rules.some(function(r){return on[r];});
      el.classList.toggle('hidden',!show);
    });
    document.querySelectorAll('li[data-rule]').forEach(function(li){
      li.classList.toggle('hidden',!on[li.getAttribute('data-rule')]);
    });
  }
  boxes.forEach(function(b){b.addEventListener('change',apply);});
  apply();
  document.body.setAttribute('data-ready','1');
})();
"""


def render_html(findings: Sequence[Finding], bitext: Bitext | None = None,
                title: str = "parley check", *, max_units: int = HTML_MAX_UNITS,
                more: str = "") -> str:
    """One HTML page, no external resources, readable without JavaScript (filters need it).
    At most ``max_units`` units with findings are shown (the first ones); ``more`` names where
    the rest are (the JSON Lines file)."""
    esc = html.escape
    by_unit: dict[int, list[Finding]] = {}
    doc_level: list[Finding] = []
    for f in findings:
        if f.unit is None:
            doc_level.append(f)
        else:
            by_unit.setdefault(f.unit, []).append(f)
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{esc(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{esc(title)}{' — ' + esc(bitext.name) if bitext and bitext.name else ''}</h1>",
    ]
    n_units = len(bitext) if bitext is not None else len(by_unit)
    parts.append(f"<p>{len(findings)} findings in {len(by_unit)} of {n_units} units.</p>")
    shown = sorted(by_unit)[:max_units]
    if len(shown) < len(by_unit):
        where = f" in {esc(more)}" if more else ""
        parts.append(f'<p class="capped"><strong>This page shows the first {len(shown)} of '
                     f"{len(by_unit)} units with findings</strong>: every finding is listed"
                     f"{where}, and <code>parley review</code> pages through them all.</p>")
    parts.append('<div id="filters"><strong>Show rules:</strong> ')
    for rule, sev, n in summary(findings):
        parts.append(f'<label><input type="checkbox" value="{esc(rule)}" checked> '
                     f'<span class="sev-{esc(sev)}">{esc(rule)}</span> ({n})</label>')
    parts.append("</div>")
    if doc_level:
        parts.append('<div class="doc"><h2>Document and glossary</h2><ul>')
        for f in doc_level:
            parts.append(f'<li data-rule="{esc(f.rule)}" data-rules="{esc(f.rule)}">'
                         f'<span class="sev-{esc(f.severity)}">{esc(f.severity)}</span> '
                         f"[{esc(f.rule)}] {esc(f.message)} <small>{esc(f.id)}</small></li>")
        parts.append("</ul></div>")
    src_lang = bitext.src_lang if bitext else "source"
    tgt_lang = bitext.tgt_lang if bitext else "target"
    parts.append(f"<table><thead><tr><th>#</th><th>{esc(src_lang)}</th><th>{esc(tgt_lang)}</th>"
                 "</tr></thead><tbody>")
    for i in shown:
        fs = by_unit[i]
        src = bitext.units[i].source if bitext is not None and i < len(bitext) else fs[0].source
        tgt = bitext.units[i].target if bitext is not None and i < len(bitext) else fs[0].target
        spans: dict[str, list[tuple[int, int, str]]] = {"source": [], "target": []}
        for f in fs:
            cls = "term" if f.rule in ("key-term", "term-consistency") else "problem"
            for side, a, b in f.spans:
                spans.setdefault(side, []).append((a, b, cls))
        rules = " ".join(sorted({f.rule for f in fs}))
        msgs = "".join(
            f'<li data-rule="{esc(f.rule)}"><span class="sev-{esc(f.severity)}">'
            f"{esc(f.severity)}</span> [{esc(f.rule)}] {esc(f.message)} "
            f"<small>{esc(f.id)}</small></li>" for f in fs)
        parts.append(
            f'<tr class="unit" data-rules="{esc(rules)}"><td class="n">{i + 1}</td>'
            f'<td lang="{esc(src_lang)}">{_mark(src, spans["source"])}</td>'
            f'<td lang="{esc(tgt_lang)}">{_mark(tgt, spans["target"])}'
            f'<ul class="msgs">{msgs}</ul></td></tr>')
    parts.append(f"</tbody></table><script>{_JS}</script></body></html>")
    return "\n".join(parts) + "\n"


def write_html(path: str | Path, findings: Sequence[Finding], bitext: Bitext | None = None, *,
               protect: Iterable[str | Path] = (), more: str = "") -> None:
    atomic_write_text(path, render_html(findings, bitext, more=more), protect=protect)
