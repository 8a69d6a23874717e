"""Glossary files: one entry point to read and write any supported glossary format.

OmegaT glossary (``source<TAB>target<TAB>comment``, variants on their own lines; the starter term
base layout is recognised by its header), TBX-Basic (v2 ``martif`` by default, v3 as ``tbx3``;
both read), spreadsheets for Trados/memoQ import (CSV and XLSX, one column per language), and
Parquet, all through ``GLOSSARY_FORMATS``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from parley.align.atomic import atomic_open
from parley.align.errors import UsageError, require_file
from parley.align.reader import read_utf8
from parley.exports.glossary_notes import candidate_mark, entry_note, status_from_note
from parley.glossary.model import Glossary, Term, TermEntry

__all__ = ["GLOSSARY_FORMATS", "entry_note", "read_glossary", "write_glossary"]

GlossaryReader = Callable[..., Glossary]
GlossaryWriter = Callable[..., None]

#: name -> (reader, writer, extensions)
GLOSSARY_FORMATS: dict[str, tuple[GlossaryReader, GlossaryWriter, tuple[str, ...]]] = {}


def read_omegat(path: Path, src_lang: str | None = None, tgt_lang: str | None = None,
                **_: Any) -> Glossary:
    """OmegaT glossary; consecutive lines with the same source term are one entry (parley writes
    variants that way), the later targets being its admitted variants. The file does not name
    its languages: without ``src_lang``/``tgt_lang`` they are identified from its columns."""
    require_file(path, "glossary file")
    text = read_utf8(path, "glossary")
    first = next((ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")), "")
    if first.startswith("subject\ttype\t"):
        from parley.glossary.termbase import parse_termbase_tsv

        return parse_termbase_tsv(text, path.name)
    if not src_lang or not tgt_lang:
        src_lang, tgt_lang = _column_langs(text, path, src_lang, tgt_lang)
    entries: list[TermEntry] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 2:
            continue
        note = cols[2] if len(cols) > 2 and cols[2] else None
        src, tgt = cols[0].strip(), cols[1].strip()
        last = entries[-1] if entries else None
        if last is not None and last.terms[0].text == src and _is_variant_note(note):
            entries[-1] = replace(last, terms=(*last.terms, Term(tgt, tgt_lang, "admitted",
                                                                 count=_variant_count(note))))
            continue
        entries.append(TermEntry(f"e{len(entries) + 1}", (Term(src, src_lang), Term(tgt, tgt_lang)),
                                 note=note, status=status_from_note(note, labelled=False)))
    return Glossary(tuple(entries), (src_lang, tgt_lang), path.name)


_VARIANT = "variant"


def _column_langs(text: str, path: Path, src: str | None, tgt: str | None) -> tuple[str, str]:
    """The languages of an OmegaT glossary's two term columns, identified from their terms."""
    from parley.align.langid import detect_or_fail

    rows = [ln.split("\t") for ln in text.splitlines()[:2000]
            if ln.strip() and not ln.startswith("#") and "\t" in ln]
    found = []
    for k, given, opt in ((0, src, "-s"), (1, tgt, "-t")):
        found.append(given or detect_or_fail(" ; ".join(r[k] for r in rows if len(r) > k), path, opt))
    return found[0], found[1]


def _is_variant_note(note: str | None) -> bool:
    return bool(note) and note.split(";")[0].split(" (")[0] == _VARIANT  # type: ignore[union-attr]


def _variant_count(note: str | None) -> int:
    import re

    m = re.match(rf"{_VARIANT} \((\d+) occurrences\)", note or "")
    return int(m.group(1)) if m else 0


def _pair(glossary: Glossary, src_lang: str | None, tgt_lang: str | None) -> tuple[str, str]:
    langs = list(glossary.langs)
    if not src_lang and not langs:
        raise UsageError("the glossary does not say its languages", hint="give -s and -t")
    src = src_lang or langs[0]
    tgt = tgt_lang or next((lg for lg in langs if lg != src), None)
    if not tgt:
        raise UsageError("the glossary has one language only", hint="give -t")
    return src, tgt


def _comment(e: TermEntry) -> str:
    """One-line comment for OmegaT's single note column: type, subject, status, note."""
    parts = []
    if e.type != "term":
        parts.append(e.type)
    if e.subject:
        parts.append(e.subject)
    if candidate_mark(e):
        parts.append(str(candidate_mark(e)))
    if e.note:
        parts.append(e.note)
    return "; ".join(parts).replace("\t", " ").replace("\n", " ")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def write_omegat(path: Path, glossary: Glossary, src_lang: str | None = None,
                 tgt_lang: str | None = None, protect: tuple[str | Path, ...] = (),
                 **_: Any) -> None:
    """OmegaT glossary: ``source<TAB>target<TAB>comment``, UTF-8. The main translation first,
    then one line per variant (comment ``variant (N occurrences)``), because OmegaT's Glossary
    pane shows every line whose source occurs in the segment but nothing of a comment's list.
    Name the file ``.utf8`` (or ``.txt``/``.tab``): OmegaT 3.6 ignores ``.tsv``."""
    src_lang, tgt_lang = _pair(glossary, src_lang, tgt_lang)
    with atomic_open(path, protect=protect) as fh:
        for e in glossary.entries:
            s, ts = e.main_term(src_lang), e.terms_in(tgt_lang)
            t = e.main_term(tgt_lang)
            if s is None or t is None:
                continue
            src = _one_line(s.text)
            fh.write(f"{src}\t{_one_line(t.text)}\t{_comment(e)}\n")
            for v in ts:
                if v is not t:
                    tail = f" ({v.count} occurrences)" if v.count else ""
                    fh.write(f"{src}\t{_one_line(v.text)}\t{_VARIANT}{tail}\n")


def write_csv(path: Path, glossary: Glossary, src_lang: str | None = None,
              tgt_lang: str | None = None, protect: tuple[str | Path, ...] = (),
              **_: Any) -> None:
    """Spreadsheet CSV (Trados MultiTerm Convert, memoQ): one column per language, a variant
    in a further column headed by the same language code (both tools take repeated language
    columns as synonyms), then entry fields."""
    import csv

    from parley.exports.spreadsheet import glossary_rows

    src_lang, tgt_lang = _pair(glossary, src_lang, tgt_lang)
    with atomic_open(path, protect=protect, newline="") as fh:
        w = csv.writer(fh)
        for row in glossary_rows(glossary, src_lang, tgt_lang):
            w.writerow(row)


def read_csv(path: Path, **_: Any) -> Glossary:
    """CSV/TSV-with-header glossaries: columns named by language code hold terms."""
    import csv
    import io

    from parley.exports.spreadsheet import glossary_from_rows

    require_file(path, "glossary file")
    text = read_utf8(path, "glossary")
    head = text.split("\n", 1)[0]
    delim = max(",;\t", key=head.count)  # the header of language codes decides, not the notes
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delim))
    return glossary_from_rows(rows, path)


def write_parquet(path: Path, glossary: Glossary, protect: tuple[str | Path, ...] = (),
                  **_: Any) -> None:
    """One row per term (entry fields repeated), so any language pair can be filtered out: the
    languages the other writers take (``src_lang``, ``tgt_lang``) are not needed."""
    import polars as pl

    from parley.align.atomic import atomic_path

    rows = []
    for e in glossary.entries:
        for rank, t in enumerate(e.terms):
            rows.append({"entry": e.id, "type": e.type, "subject": e.subject, "lang": t.lang,
                         "term": t.text, "status": t.status, "pos": t.pos, "count": t.count,
                         "lemma": t.lemma, "rank": rank, "confidence": e.confidence,
                         "score": e.score, "note": e.note, "context": e.contexts.get(t.lang),
                         "entry_status": e.status})
    schema = {"entry": pl.String, "type": pl.String, "subject": pl.String, "lang": pl.String,
              "term": pl.String, "status": pl.String, "pos": pl.String, "count": pl.Int64,
              "lemma": pl.String, "rank": pl.Int64, "confidence": pl.Float64,
              "score": pl.Float64, "note": pl.String, "context": pl.String,
              "entry_status": pl.String}
    with atomic_path(path, protect=protect) as tmp:
        pl.DataFrame(rows, schema=schema).write_parquet(tmp)


def read_parquet(path: Path, **_: Any) -> Glossary:
    from parley.exports.parquet import read_frame

    df = read_frame(path, "glossary file")
    entries: dict[str, list[dict[str, Any]]] = {}
    for row in df.iter_rows(named=True):
        entries.setdefault(str(row["entry"]), []).append(row)
    out = []
    langs: list[str] = []
    for eid, rows in entries.items():
        terms = tuple(Term(r["term"], r["lang"], r.get("status") or "preferred", r.get("pos"),
                           r.get("count") or 0, r.get("lemma")) for r in rows)
        langs += [t.lang for t in terms if t.lang not in langs]
        r0 = rows[0]
        ctx = {r["lang"]: r["context"] for r in rows if r.get("context")}
        out.append(TermEntry(eid, terms, r0.get("subject"), r0.get("type") or "term", r0.get("note"),
                             contexts=ctx, confidence=r0.get("confidence"), score=r0.get("score"),
                             status=r0.get("entry_status") or "approved"))
    return Glossary(tuple(out), tuple(langs), path.name)


def _tbx_read(path: Path, **options: Any) -> Glossary:
    from parley.exports.tbx import read_tbx

    return read_tbx(path, **options)


def _tbx_write(path: Path, glossary: Glossary, **options: Any) -> None:
    from parley.exports.tbx import write_tbx

    write_tbx(path, glossary, **{**options, "version": "2"})


def _tbx3_write(path: Path, glossary: Glossary, **options: Any) -> None:
    from parley.exports.tbx import write_tbx

    write_tbx(path, glossary, **{**options, "version": "3"})


def _xlsx_read(path: Path, **options: Any) -> Glossary:
    from parley.exports.spreadsheet import read_xlsx

    return read_xlsx(path, **options)


def _xlsx_write(path: Path, glossary: Glossary, src_lang: str | None = None,
                tgt_lang: str | None = None, **options: Any) -> None:
    from parley.exports.spreadsheet import write_xlsx

    write_xlsx(path, glossary, *_pair(glossary, src_lang, tgt_lang), **options)


GLOSSARY_FORMATS["omegat"] = (read_omegat, write_omegat, (".utf8", ".txt", ".tab", ".tsv"))
# TBX-Basic v2 by default (what CAT tools import); v3 by name or a ``.v3.tbx`` file name
GLOSSARY_FORMATS["tbx"] = (_tbx_read, _tbx_write, (".tbx", ".xml"))
GLOSSARY_FORMATS["tbx3"] = (_tbx_read, _tbx3_write, (".v3.tbx", ".tbx3"))
GLOSSARY_FORMATS["csv"] = (read_csv, write_csv, (".csv",))
GLOSSARY_FORMATS["xlsx"] = (_xlsx_read, _xlsx_write, (".xlsx",))
GLOSSARY_FORMATS["parquet"] = (read_parquet, write_parquet, (".parquet",))


def _fmt(path: Path, fmt: str | None) -> str:
    if fmt:
        if fmt not in GLOSSARY_FORMATS:
            raise UsageError(f"unknown glossary format {fmt!r}")
        return fmt
    name_l = path.name.lower()
    # the longest matching ending decides: ``g.v3.tbx`` is TBX v3, ``g.tbx`` TBX v2
    found = sorted(((len(ext), name) for name, (_, _, exts) in GLOSSARY_FORMATS.items()
                    for ext in exts if name_l.endswith(ext)), reverse=True)
    if found:
        return found[0][1]
    raise UsageError(f"cannot tell the glossary format of {path.name}", path)


def read_glossary(path: str | Path, fmt: str | None = None, **options: Any) -> Glossary:
    p = require_file(path, "glossary file")  # "is a directory" before "cannot tell the format"
    return GLOSSARY_FORMATS[_fmt(p, fmt)][0](p, **options)


def write_glossary(path: str | Path, glossary: Glossary, fmt: str | None = None,
                   **options: Any) -> None:
    p = Path(path)
    GLOSSARY_FORMATS[_fmt(p, fmt)][1](p, glossary, **options)
