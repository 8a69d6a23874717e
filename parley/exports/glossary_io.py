"""Glossary files: one entry point to read and write any supported glossary format.

OmegaT glossary (``source<TAB>target<TAB>comment``; the starter term base layout is recognised by
its header), TBX (v3 written, v2/v3 read), CSV with a language-code header, and Parquet, all
through ``GLOSSARY_FORMATS``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from parley.align.atomic import atomic_open
from parley.align.errors import FormatError, InputError, UsageError
from parley.glossary.model import Glossary, Term, TermEntry

GlossaryReader = Callable[..., Glossary]
GlossaryWriter = Callable[..., None]

#: name -> (reader, writer, extensions)
GLOSSARY_FORMATS: dict[str, tuple[GlossaryReader, GlossaryWriter, tuple[str, ...]]] = {}


def read_omegat(path: Path, src_lang: str = "en", tgt_lang: str = "ru", **_: Any) -> Glossary:
    if not path.is_file():
        raise InputError("glossary file not found", path)
    text = path.read_text(encoding="utf-8-sig")
    first = next((ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")), "")
    if first.startswith("subject\ttype\t"):
        from parley.glossary.termbase import parse_termbase_tsv

        return parse_termbase_tsv(text, path.name)
    entries: list[TermEntry] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 2:
            continue
        note = cols[2] if len(cols) > 2 and cols[2] else None
        entries.append(
            TermEntry(f"e{len(entries) + 1}", (Term(cols[0].strip(), src_lang),
                                               Term(cols[1].strip(), tgt_lang)), note=note)
        )
    return Glossary(tuple(entries), (src_lang, tgt_lang), path.name)


def _pair(glossary: Glossary, src_lang: str | None, tgt_lang: str | None) -> tuple[str, str]:
    langs = [*glossary.langs, "en", "ru"]
    return src_lang or langs[0], tgt_lang or langs[1]


def _comment(e: TermEntry, tgt_lang: str) -> str:
    """One-line comment for tools with a single note column: variants, type, subject, note."""
    parts = []
    variants = [t.text + (f" ({t.count})" if t.count else "") for t in e.terms_in(tgt_lang)[1:]]
    if variants:
        parts.append("variants: " + ", ".join(variants))
    if e.type != "term":
        parts.append(e.type)
    if e.subject:
        parts.append(e.subject)
    if e.note:
        parts.append(e.note)
    return "; ".join(parts).replace("\t", " ").replace("\n", " ")


def write_omegat(path: Path, glossary: Glossary, src_lang: str | None = None,
                 tgt_lang: str | None = None, protect: tuple[str | Path, ...] = (),
                 **_: Any) -> None:
    """OmegaT glossary: ``source<TAB>target<TAB>comment``, UTF-8 (one line per entry)."""
    src_lang, tgt_lang = _pair(glossary, src_lang, tgt_lang)
    with atomic_open(path, protect=protect) as fh:
        for e in glossary.entries:
            s, t = e.main_term(src_lang), e.main_term(tgt_lang)
            if s is None or t is None:
                continue
            fh.write(f"{s.text}\t{t.text}\t{_comment(e, tgt_lang)}\n")


_CSV_EXTRA = ("type", "subject", "confidence", "count", "note")


def write_csv(path: Path, glossary: Glossary, src_lang: str | None = None,
              tgt_lang: str | None = None, protect: tuple[str | Path, ...] = (),
              **_: Any) -> None:
    """CSV with a header of language codes (memoQ and Trados map them to term base languages);
    variants go in ``<tgt>_variants`` separated by "; "."""
    import csv

    src_lang, tgt_lang = _pair(glossary, src_lang, tgt_lang)
    with atomic_open(path, protect=protect, newline="") as fh:
        w = csv.writer(fh)
        w.writerow([src_lang, tgt_lang, f"{tgt_lang}_variants", *_CSV_EXTRA])
        for e in glossary.entries:
            s, ts = e.main_term(src_lang), e.terms_in(tgt_lang)
            if s is None or not ts:
                continue
            w.writerow([s.text, ts[0].text, "; ".join(t.text for t in ts[1:]), e.type,
                        e.subject or "", "" if e.confidence is None else f"{e.confidence:.3f}",
                        ts[0].count or "", e.note or ""])


def read_csv(path: Path, **_: Any) -> Glossary:
    """CSV/TSV-with-header glossaries: columns named by language code hold terms."""
    import csv
    import io
    import re

    if not path.is_file():
        raise InputError("glossary file not found", path)
    text = path.read_text(encoding="utf-8-sig")
    head = text.split("\n", 1)[0]
    delim = max(",;\t", key=head.count)  # the header of language codes decides, not the notes
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delim))
    if not rows:
        raise InputError("glossary file is empty", path)
    header = [h.strip() for h in rows[0]]
    code = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?$")
    lang_cols = [i for i, h in enumerate(header) if code.match(h)]
    if len(lang_cols) < 2:
        raise FormatError("CSV header needs two language-code columns (e.g. en,ru)", path)
    var_cols = {i: h[: -len("_variants")] for i, h in enumerate(header) if h.endswith("_variants")}
    col = {h: i for i, h in enumerate(header)}
    entries: list[TermEntry] = []
    for row in rows[1:]:
        def cell(name: str, row: list[str] = row) -> str:
            i = col.get(name)
            return row[i].strip() if i is not None and i < len(row) else ""

        terms = [Term(row[i].strip(), header[i]) for i in lang_cols if i < len(row) and row[i].strip()]
        for i, lg in var_cols.items():
            if i < len(row):
                terms += [Term(v.strip(), lg, "admitted") for v in row[i].split(";") if v.strip()]
        if not terms:
            continue
        conf = cell("confidence")
        entries.append(TermEntry(f"e{len(entries) + 1}", tuple(terms), subject=cell("subject") or None,
                                 type=cell("type") or "term", note=cell("note") or None,
                                 confidence=float(conf) if conf else None))
    return Glossary(tuple(entries), tuple(header[i] for i in lang_cols), path.name)


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
                         "score": e.score, "note": e.note, "context": e.contexts.get(t.lang)})
    schema = {"entry": pl.String, "type": pl.String, "subject": pl.String, "lang": pl.String,
              "term": pl.String, "status": pl.String, "pos": pl.String, "count": pl.Int64,
              "lemma": pl.String, "rank": pl.Int64, "confidence": pl.Float64,
              "score": pl.Float64, "note": pl.String, "context": pl.String}
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
                             contexts=ctx, confidence=r0.get("confidence"), score=r0.get("score")))
    return Glossary(tuple(out), tuple(langs), path.name)


def _tbx_read(path: Path, **options: Any) -> Glossary:
    from parley.exports.tbx import read_tbx

    return read_tbx(path, **options)


def _tbx_write(path: Path, glossary: Glossary, **options: Any) -> None:
    from parley.exports.tbx import write_tbx

    write_tbx(path, glossary, **options)


GLOSSARY_FORMATS["omegat"] = (read_omegat, write_omegat, (".txt", ".utf8", ".tab", ".tsv"))
GLOSSARY_FORMATS["tbx"] = (_tbx_read, _tbx_write, (".tbx", ".xml"))
GLOSSARY_FORMATS["csv"] = (read_csv, write_csv, (".csv",))
GLOSSARY_FORMATS["parquet"] = (read_parquet, write_parquet, (".parquet",))


def _fmt(path: Path, fmt: str | None) -> str:
    if fmt:
        if fmt not in GLOSSARY_FORMATS:
            raise UsageError(f"unknown glossary format {fmt!r}")
        return fmt
    for name, (_, _, exts) in GLOSSARY_FORMATS.items():
        if path.suffix.lower() in exts:
            return name
    raise UsageError(f"cannot tell the glossary format of {path.name}", path)


def read_glossary(path: str | Path, fmt: str | None = None, **options: Any) -> Glossary:
    p = Path(path)
    return GLOSSARY_FORMATS[_fmt(p, fmt)][0](p, **options)


def write_glossary(path: str | Path, glossary: Glossary, fmt: str | None = None,
                   **options: Any) -> None:
    p = Path(path)
    GLOSSARY_FORMATS[_fmt(p, fmt)][1](p, glossary, **options)
