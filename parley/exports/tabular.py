"""TSV and CSV bitexts: full records (units with an empty side included), one per row.

Both have a header naming the columns; the first two are always ``source`` and ``target``, so
spreadsheets and ``cut -f1,2`` work. TSV escapes tab/newline/CR/backslash inside text (one record
per physical line); CSV quotes instead (RFC 4180, as spreadsheets expect). ``props`` is JSON.
Lone surrogates (not encodable in UTF-8) are the only characters removed, and counted.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from parley.align.atomic import atomic_open
from parley.align.errors import FormatError, InputError
from parley.align.model import Bitext, TranslationUnit
from parley.exports.base import WriteReport
from parley.exports.xmlsafe import clean_utf8

COLUMNS = ("source", "target", "confidence", "bead", "origin", "document", "paragraph",
           "id", "mt_model", "note", "props", "src_lang", "tgt_lang")


def escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def unescape(text: str) -> str:
    out: list[str] = []
    it = iter(text)
    for ch in it:
        if ch == "\\":
            nxt = next(it, "")
            out.append({"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}.get(nxt, "\\" + nxt))
        else:
            out.append(ch)
    return "".join(out)


def unit_record(u: TranslationUnit, src_lang: str = "", tgt_lang: str = "") -> dict[str, str]:
    """A unit as strings keyed by :data:`COLUMNS` (empty string = no value)."""
    return {
        "source": u.source, "target": u.target,
        "confidence": "" if u.confidence is None else repr(u.confidence),
        "bead": u.bead or "", "origin": u.origin, "document": u.document or "",
        "paragraph": "" if u.paragraph is None else str(u.paragraph),
        "id": u.id or "", "mt_model": u.mt_model or "", "note": u.note or "",
        "props": json.dumps(dict(u.props), ensure_ascii=False) if u.props else "",
        "src_lang": src_lang, "tgt_lang": tgt_lang,
    }


def record_unit(rec: Mapping[str, str | None]) -> TranslationUnit:
    """Inverse of :func:`unit_record`; tolerates missing columns (older or hand-made files)."""

    def get(key: str) -> str | None:
        return rec.get(key) or None

    conf, para, props = get("confidence"), get("paragraph"), get("props")
    return TranslationUnit(
        rec.get("source") or "", rec.get("target") or "", id=get("id"),
        confidence=float(conf) if conf else None, bead=get("bead"),
        origin=get("origin") or "human", mt_model=get("mt_model"), document=get("document"),
        paragraph=int(para) if para else None, note=get("note"),
        props=json.loads(props) if props else {},
    )


def _clean_record(rec: dict[str, str]) -> tuple[dict[str, str], int]:
    removed = 0
    for k, v in rec.items():
        rec[k], n = clean_utf8(v)
        removed += n
    return rec, removed


def tsv_header() -> str:
    return "\t".join(COLUMNS) + "\n"


def tsv_row(u: TranslationUnit, src_lang: str = "", tgt_lang: str = "") -> str:
    rec, _ = _clean_record(unit_record(u, src_lang, tgt_lang))
    return "\t".join(escape(rec[c]) for c in COLUMNS) + "\n"


def write_tsv(path: Path, bitext: Bitext, *, protect: Iterable[str | Path] = (), **_: Any) -> WriteReport:
    removed = 0
    with atomic_open(path, protect=protect) as fh:
        fh.write(tsv_header())
        for u in bitext.units:
            rec, n = _clean_record(unit_record(u, bitext.src_lang, bitext.tgt_lang))
            removed += n
            fh.write("\t".join(escape(rec[c]) for c in COLUMNS) + "\n")
    return WriteReport(path, len(bitext.units), illegal_chars_removed=removed, format="tsv",
                       src_lang=bitext.src_lang, tgt_lang=bitext.tgt_lang)


def _langs(units_langs: list[tuple[str, str]], src: str | None, tgt: str | None) -> tuple[str, str]:
    first = units_langs[0] if units_langs else ("", "")
    return src or first[0] or "und", tgt or first[1] or "und"


def read_tsv(path: Path, src_lang: str | None = None, tgt_lang: str | None = None) -> Bitext:
    if not path.is_file():
        raise InputError("file not found", path)
    try:
        # split on LF only: str.splitlines() would also split on U+2028, U+0085, FF ...
        lines = [ln.removesuffix("\r") for ln in path.read_text(encoding="utf-8-sig").split("\n")]
    except UnicodeDecodeError as exc:
        raise InputError("not UTF-8 text", path, "save the TSV as UTF-8") from exc
    if not any(lines):
        raise InputError("file is empty", path)
    header = lines[0].split("\t")
    has_header = header[:2] == ["source", "target"]
    if not has_header and len(header) >= 2 and src_lang is None:
        # a two-column file with language codes as header (e.g. the seed gold: "en\tru")
        src_lang, tgt_lang = header[0] or None, header[1] or None
        header = ["source", "target"]
        has_header = True
    if not has_header:
        header = ["source", "target"]
    units: list[TranslationUnit] = []
    langs: list[tuple[str, str]] = []
    body = lines[1:] if has_header else lines
    for n, line in enumerate(body, start=2 if has_header else 1):
        if not line.strip(" "):
            continue
        cols = line.split("\t")
        if len(cols) < 2:
            raise FormatError(f"line {n} has no tab between source and target", path)
        rec = {k: unescape(v) for k, v in zip(header, cols, strict=False)}
        try:
            u = record_unit(rec)
        except ValueError as exc:
            raise FormatError(f"line {n}: {exc}", path) from exc
        if u.id is None:
            u = _with_id(u, str(len(units) + 1))
        units.append(u)
        if not langs and rec.get("src_lang"):
            langs.append((rec.get("src_lang") or "", rec.get("tgt_lang") or ""))
    src, tgt = _langs(langs, src_lang, tgt_lang)
    return Bitext(src, tgt, tuple(units), path.name)


def _with_id(u: TranslationUnit, uid: str) -> TranslationUnit:
    from dataclasses import replace

    return replace(u, id=uid)


def write_csv(path: Path, bitext: Bitext, *, protect: Iterable[str | Path] = (), **_: Any) -> WriteReport:
    removed = 0
    with atomic_open(path, protect=protect, newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\r\n")
        w.writeheader()
        for u in bitext.units:
            rec, n = _clean_record(unit_record(u, bitext.src_lang, bitext.tgt_lang))
            removed += n
            w.writerow(rec)
    return WriteReport(path, len(bitext.units), illegal_chars_removed=removed, format="csv",
                       src_lang=bitext.src_lang, tgt_lang=bitext.tgt_lang)


def read_csv(path: Path, src_lang: str | None = None, tgt_lang: str | None = None) -> Bitext:
    if not path.is_file():
        raise InputError("file not found", path)
    units: list[TranslationUnit] = []
    langs: list[tuple[str, str]] = []
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            if not reader.fieldnames or list(reader.fieldnames[:2]) != ["source", "target"]:
                raise FormatError("CSV header must start with source,target", path)
            for rec in reader:
                u = record_unit(rec)
                units.append(u if u.id is not None else _with_id(u, str(len(units) + 1)))
                if not langs and rec.get("src_lang"):
                    langs.append((rec.get("src_lang") or "", rec.get("tgt_lang") or ""))
    except UnicodeDecodeError as exc:
        raise InputError("not UTF-8 text", path, "save the CSV as UTF-8") from exc
    except (csv.Error, ValueError) as exc:
        raise FormatError(f"broken CSV: {exc}", path) from exc
    src, tgt = _langs(langs, src_lang, tgt_lang)
    return Bitext(src, tgt, tuple(units), path.name)
