"""Spreadsheet glossaries (CSV and XLSX) in the layout Trados MultiTerm Convert and memoQ import.

One row per entry; one column per language holding its main term, a variant in a further
column headed by the same language code (both tools map repeated language columns to synonyms
of the same concept), then the entry fields: subject, type, status, confidence, count,
evidence, note. XLSX is written with openpyxl (MIT, pure Python, 250 kB): the format memoQ's
and MultiTerm's Excel import wizards read directly, without a CSV dialect to guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from parley.align.errors import FormatError, InputError, require_file
from parley.glossary.model import Glossary, Term, TermEntry

#: Entry fields after the language columns, in this order.
FIELDS = ("subject", "type", "status", "confidence", "count", "evidence", "note")
_CODE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


def glossary_rows(glossary: Glossary, src_lang: str, tgt_lang: str) -> Iterator[list[str]]:
    """Header, then one row per entry that has both languages."""
    from parley.exports.glossary_notes import entry_status, evidence_text

    keep = [e for e in glossary.entries if e.terms_in(src_lang) and e.terms_in(tgt_lang)]
    n_src = max((len(e.terms_in(src_lang)) for e in keep), default=1)
    n_tgt = max((len(e.terms_in(tgt_lang)) for e in keep), default=1)
    yield [*[src_lang] * n_src, *[tgt_lang] * n_tgt, *FIELDS]
    for e in keep:
        cells = _terms(e, src_lang, n_src) + _terms(e, tgt_lang, n_tgt)
        main = e.main_term(tgt_lang)
        yield [*cells, e.subject or "", e.type, entry_status(e) or "",
               "" if e.confidence is None else f"{e.confidence:.3f}",
               str(main.count) if main is not None and main.count else "",
               evidence_text(e) or "", e.note or ""]


def _terms(e: TermEntry, lang: str, width: int) -> list[str]:
    """Main term first, then the variants, padded to ``width`` cells."""
    main = e.main_term(lang)
    ordered = [t for t in (main, *e.terms_in(lang)) if t is not None]
    seen: list[str] = []
    for t in ordered:
        if t.text not in seen:
            seen.append(t.text)
    return seen + [""] * (width - len(seen))


def glossary_from_rows(rows: Sequence[Sequence[Any]], path: Path) -> Glossary:
    """Read rows whose header names languages by code: the first column of a language is its
    main term, further ones (or a ``<lang>_variants`` column, "; "-separated) are variants."""
    if not rows:
        raise InputError("glossary file is empty", path)
    header = [_cell(h) for h in rows[0]]
    lang_cols = [i for i, h in enumerate(header) if _CODE.match(h)]
    if len({header[i] for i in lang_cols}) < 2:
        raise FormatError("the header needs two language-code columns (e.g. en,ru)", path)
    var_cols = {i: h[: -len("_variants")] for i, h in enumerate(header) if h.endswith("_variants")}
    col = {h: i for i, h in reversed(list(enumerate(header)))}
    entries: list[TermEntry] = []
    for row in rows[1:]:
        cells = [_cell(c) for c in row]
        entry = _entry(cells, header, lang_cols, var_cols, col, len(entries) + 1)
        if entry is not None:
            entries.append(entry)
    langs = tuple(dict.fromkeys(header[i] for i in lang_cols))
    return Glossary(tuple(entries), langs, path.name)


def _entry(cells: list[str], header: list[str], lang_cols: list[int], var_cols: dict[int, str],
           col: dict[str, int], n: int) -> TermEntry | None:
    def cell(name: str) -> str:
        i = col.get(name)
        return cells[i] if i is not None and i < len(cells) else ""

    terms: list[Term] = []
    for i in lang_cols:
        if i < len(cells) and cells[i]:
            first = not any(t.lang == header[i] for t in terms)
            terms.append(Term(cells[i], header[i], "preferred" if first else "admitted"))
    for i, lg in var_cols.items():
        if i < len(cells):
            terms += [Term(v.strip(), lg, "admitted") for v in cells[i].split(";") if v.strip()]
    if not terms:
        return None
    conf = cell("confidence")
    try:
        confidence = float(conf) if conf else None
    except ValueError:
        confidence = None
    return TermEntry(f"e{n}", tuple(terms), subject=cell("subject") or None,
                     type=cell("type") or "term", note=cell("note") or None, confidence=confidence,
                     status="candidate" if cell("status") == "candidate" else "approved")


def _cell(value: Any) -> str:
    return "" if value is None else str(value).strip()


def write_xlsx(path: Path, glossary: Glossary, src_lang: str, tgt_lang: str,
               protect: tuple[str | Path, ...] = (), **_: Any) -> None:
    """The spreadsheet layout as one XLSX sheet, header row frozen and in bold."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from parley.align.atomic import atomic_path

    wb = Workbook()
    ws = wb.active
    ws.title = "Glossary"
    rows = glossary_rows(glossary, src_lang, tgt_lang)
    for row in rows:
        ws.append([_safe(c) for c in row])
        for c in ws[ws.max_row]:
            c.data_type = "s"  # text, never a formula ("=" starts some notes)
    for c in ws[1]:
        c.font = Font(bold=True)
    ws.freeze_panes = "A2"
    with atomic_path(path, protect=protect) as tmp:
        wb.save(tmp)


def _safe(text: str) -> str:
    """XLSX cells cannot hold C0 control characters (XML 1.0)."""
    return "".join(c for c in text if c >= " " or c in "\t\n")


def read_xlsx(path: Path, **_: Any) -> Glossary:
    """The first sheet of an XLSX glossary, header of language codes first."""
    require_file(path, "glossary file")
    try:
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zipfile.BadZipFile, KeyError, openpyxl's own errors
        raise FormatError(f"not a readable XLSX workbook: {exc}", path) from exc
    rows: Iterable[Sequence[Any]] = wb.worksheets[0].iter_rows(values_only=True)
    return glossary_from_rows([list(r) for r in rows], path)
