"""TSV and CSV bitexts: full records (units with an empty side included), one per row.

Both have a header naming the columns; the first two are always ``source`` and ``target``, so
spreadsheets and ``cut -f1,2`` work. TSV escapes tab/newline/CR/backslash inside text (one record
per physical line); CSV quotes instead (RFC 4180, as spreadsheets expect). ``props`` is JSON.
Lone surrogates (not encodable in UTF-8) are the only characters removed, and counted.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from parley.align.atomic import atomic_open
from parley.align.errors import FormatError, InputError, require_file
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


def _tsv_header(first: str, src_lang: str | None, tgt_lang: str | None
                ) -> tuple[list[str], bool, str | None, str | None]:
    """Columns, whether the first line was a header, and languages a two-column header gives."""
    header = first.split("\t")
    if header[:2] == ["source", "target"]:
        return header, True, src_lang, tgt_lang
    if is_lang_header(header):
        # a first line of language codes (e.g. the seed gold: "en\tru") is a header, never unit 1
        return (["source", "target"], True, src_lang or header[0].strip(),
                tgt_lang or header[1].strip())
    return ["source", "target"], False, src_lang, tgt_lang


def is_lang_header(cols: list[str]) -> bool:
    """Whether a first row names the two languages (``en<TAB>ru``, ``en-GB,ru-RU``): both cells
    are codes of languages parley knows, so a data row such as "Yes / Да" is not taken for one."""
    from parley.align.errors import LanguageError
    from parley.align.lang import KNOWN, base, check_lang

    if len(cols) < 2 or not cols[0].strip() or not cols[1].strip():
        return False
    try:
        return all(base(check_lang(c.strip())) in KNOWN for c in cols[:2])
    except LanguageError:
        return False


def _need_langs(path: Path, src_lang: str | None, tgt_lang: str | None) -> None:
    """A headerless bitext is read only when the user gave both languages: guessing would
    either lose the first line (taken for a header) or tag the units wrongly."""
    if not src_lang or not tgt_lang:
        from parley.align.errors import UsageError

        raise UsageError("no header line and no languages given", path,
                         "add a first line of language codes (e.g. en<TAB>ru) or give -s and -t")




def _tsv_lines(path: Path) -> Iterator[tuple[int, str]]:
    """``(line number, line)`` split on LF only (str.splitlines() would also split on U+2028,
    U+0085, FF ...), read incrementally so memory stays flat."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            for n, line in enumerate(fh, start=1):
                yield n, line.removesuffix("\n").removesuffix("\r")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start} of a read block)", path,
                         "save the TSV as UTF-8") from exc
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror})", path) from exc


def iter_tsv(path: Path, src_lang: str | None = None, tgt_lang: str | None = None
             ) -> tuple[str, str, Iterator[TranslationUnit]]:
    """Languages and a stream of units: a row with too few or too many fields is an error
    naming its line, never a unit silently cut or padded."""
    require_file(path)
    lines = _tsv_lines(path)
    first = next(lines, None)
    while first is not None and not first[1].strip(" "):
        first = next(lines, None)
    if first is None:
        raise InputError("file is empty", path)
    header, has_header, src_lang, tgt_lang = _tsv_header(first[1], src_lang, tgt_lang)
    if not has_header:
        _need_langs(path, src_lang, tgt_lang)
    pending = [] if has_header else [first]
    peeked: list[TranslationUnit] = []
    langs: tuple[str, str] = ("", "")
    body = _chain(pending, lines)
    for n, line in body:
        u, rec = _tsv_unit(path, header, n, line, 1)
        if u is None:
            continue
        peeked.append(u)
        langs = (rec.get("src_lang") or "", rec.get("tgt_lang") or "")
        break
    src, tgt = _langs([langs], src_lang, tgt_lang)

    def units() -> Iterator[TranslationUnit]:
        count = len(peeked)
        yield from peeked
        for n, line in body:
            u, _ = _tsv_unit(path, header, n, line, count + 1)
            if u is not None:
                count += 1
                yield u

    return src, tgt, units()


def _chain(first: list[tuple[int, str]], rest: Iterator[tuple[int, str]]
           ) -> Iterator[tuple[int, str]]:
    yield from first
    yield from rest


def _tsv_unit(path: Path, header: list[str], n: int, line: str, number: int
              ) -> tuple[TranslationUnit | None, dict[str, str]]:
    if not line.strip(" "):
        return None, {}
    cols = line.split("\t")
    if len(cols) < 2:
        raise FormatError(f"line {n} has no tab between source and target", path)
    if len(cols) > len(header):
        raise FormatError(f"line {n} has {len(cols)} fields, the header has {len(header)}", path,
                          "a tab inside a text must be written as \\t")
    rec = {k: unescape(v) for k, v in zip(header, cols, strict=False)}
    try:
        u = record_unit(rec)
    except ValueError as exc:
        raise FormatError(f"line {n}: {exc}", path) from exc
    return (u if u.id is not None else _with_id(u, str(number))), rec


def read_tsv(path: Path, src_lang: str | None = None, tgt_lang: str | None = None) -> Bitext:
    src, tgt, units = iter_tsv(path, src_lang, tgt_lang)
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


def iter_csv(path: Path, src_lang: str | None = None, tgt_lang: str | None = None
             ) -> tuple[str, str, Iterator[TranslationUnit]]:
    """Languages and a stream of units; an unterminated quote or a row with more fields than
    the header is an error naming the line where the record starts."""
    require_file(path)
    rows = _csv_rows(path)
    first = next(rows, None)
    langs = ("", "") if first is None else (first[1].get("src_lang") or "",
                                            first[1].get("tgt_lang") or "")
    src, tgt = _langs([langs], src_lang, tgt_lang)

    def units() -> Iterator[TranslationUnit]:
        for count, (n, rec) in enumerate(_chain_rows(first, rows), start=1):
            try:
                u = record_unit(rec)
            except ValueError as exc:
                raise FormatError(f"line {n}: {exc}", path) from exc
            yield u if u.id is not None else _with_id(u, str(count))

    return src, tgt, units()


def _chain_rows(first: tuple[int, dict[str, str]] | None,
                rest: Iterator[tuple[int, dict[str, str]]]) -> Iterator[tuple[int, dict[str, str]]]:
    if first is not None:
        yield first
    yield from rest


def _csv_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    start = 1
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh, strict=True)
            header = next(reader, None)
            extra: dict[str, str] = {}
            if header and header[:2] != ["source", "target"] and is_lang_header(header):
                # a first line of language codes (en,ru) is a header naming the languages
                extra = {"src_lang": header[0].strip(), "tgt_lang": header[1].strip()}
                header = ["source", "target", *header[2:]]
            if not header or header[:2] != ["source", "target"]:
                raise FormatError("CSV header must start with source,target or two language codes",
                                  path, "add a first line such as en,ru")
            start = reader.line_num + 1
            for row in reader:
                n, start = start, reader.line_num + 1
                if not any(row):
                    continue
                if len(row) > len(header):
                    raise FormatError(f"line {n} has {len(row)} fields, the header has "
                                      f"{len(header)}", path, "quote fields that contain commas")
                if len(row) < 2:
                    raise FormatError(f"line {n} has no target field", path)
                yield n, {**extra, **dict(zip(header, row, strict=False))}
    except UnicodeDecodeError as exc:
        raise InputError("not UTF-8 text", path, "save the CSV as UTF-8") from exc
    except csv.Error as exc:
        raise FormatError(f"broken CSV in the record starting at line {start} ({exc})", path,
                          "an unterminated quote?") from exc
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror})", path) from exc


def read_csv(path: Path, src_lang: str | None = None, tgt_lang: str | None = None) -> Bitext:
    src, tgt, units = iter_csv(path, src_lang, tgt_lang)
    return Bitext(src, tgt, tuple(units), path.name)
