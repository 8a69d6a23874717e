"""TSV bitexts: header ``source<TAB>target`` plus metadata columns; tabs/newlines escaped."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from align.atomic import atomic_open
from align.errors import FormatError, InputError
from align.model import Bitext, TranslationUnit
from exports.registry import WriteReport

_COLUMNS = ("source", "target", "confidence", "bead", "origin", "document", "paragraph")


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


def write_tsv(path: Path, bitext: Bitext, **_: Any) -> WriteReport:
    with atomic_open(path) as fh:
        fh.write("\t".join(_COLUMNS) + "\n")
        for u in bitext.units:
            row = (
                escape(u.source), escape(u.target),
                "" if u.confidence is None else f"{u.confidence:.3f}",
                u.bead or "", u.origin, u.document or "",
                "" if u.paragraph is None else str(u.paragraph),
            )
            fh.write("\t".join(row) + "\n")
    return WriteReport(path, len(bitext.units))


def read_tsv(path: Path, src_lang: str | None = None, tgt_lang: str | None = None) -> Bitext:
    if not path.is_file():
        raise InputError("file not found", path)
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    if not lines:
        raise InputError("file is empty", path)
    header = lines[0].split("\t")
    has_header = header[:2] == ["source", "target"]
    if not has_header and len(header) >= 2 and src_lang is None:
        # a two-column file with language codes as header (e.g. the seed gold: "en\tru")
        src_lang, tgt_lang = header[0] or None, header[1] or None
        has_header = True
    units: list[TranslationUnit] = []
    for n, line in enumerate(lines[1:] if has_header else lines, start=2 if has_header else 1):
        if not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) < 2:
            raise FormatError(f"line {n} has no tab between source and target", path)
        meta = dict(zip(_COLUMNS[2:], cols[2:], strict=False)) if has_header else {}
        units.append(
            TranslationUnit(
                unescape(cols[0]), unescape(cols[1]), id=str(len(units) + 1),
                confidence=float(meta["confidence"]) if meta.get("confidence") else None,
                bead=meta.get("bead") or None, origin=meta.get("origin") or "human",
                document=meta.get("document") or None,
                paragraph=int(meta["paragraph"]) if meta.get("paragraph") else None,
            )
        )
    return Bitext(src_lang or "und", tgt_lang or "und", tuple(units), path.name)
