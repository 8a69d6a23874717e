"""Parquet bitexts through polars: full records for large corpora and analysis (one row a unit).

Columns as in :data:`parley.exports.tabular.COLUMNS`, typed: ``confidence`` Float64, ``paragraph``
Int64, the rest strings (null = no value); ``props`` is JSON. Languages are columns too, so a
file read back alone, or concatenated with others, still says its pair.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from parley.align.atomic import atomic_path
from parley.align.errors import FormatError, require_file
from parley.align.model import Bitext, TranslationUnit
from parley.exports.base import WriteReport
from parley.exports.tabular import COLUMNS
from parley.exports.xmlsafe import clean_utf8

_TEXT = ("source", "target", "bead", "origin", "document", "id", "mt_model", "note", "props",
         "src_lang", "tgt_lang")


#: Units per in-memory frame when writing: a larger stream is written in parts and joined by
#: polars' streaming engine, so memory stays flat whatever the input's size.
CHUNK_ROWS = 20_000


def write_parquet(
    path: Path, bitext: Bitext, *, protect: Iterable[str | Path] = (), **_: Any
) -> WriteReport:
    return write_units(path, bitext.units, bitext.src_lang, bitext.tgt_lang, protect=protect)


def write_units(
    path: str | Path, units: Iterable[TranslationUnit], src_lang: str, tgt_lang: str, *,
    protect: Iterable[str | Path] = (), chunk_rows: int = CHUNK_ROWS, **_: Any,
) -> WriteReport:
    """Parquet from a stream of units. Up to ``chunk_rows`` units are one frame written at once;
    beyond that each chunk goes to a part file in a temporary folder and
    ``scan_parquet(...).sink_parquet`` joins them in order, in flat memory (polars has no
    append-to-Parquet writer without pyarrow)."""
    import tempfile

    import polars as pl

    path = Path(path)
    written = removed = 0
    with atomic_path(path, protect=protect) as tmp, \
            tempfile.TemporaryDirectory(prefix="parley-parquet-") as parts_dir:
        parts: list[Path] = []
        for chunk in _chunks(units, chunk_rows):
            frame, n_removed = _frame(chunk, src_lang, tgt_lang)
            written, removed = written + len(chunk), removed + n_removed
            if not parts and len(chunk) < chunk_rows:  # the whole input fits one frame
                frame.write_parquet(tmp, compression="zstd")
                break
            parts.append(Path(parts_dir) / f"{len(parts):08d}.parquet")
            frame.write_parquet(parts[-1], compression="zstd")
        if parts:
            pl.scan_parquet(parts).sink_parquet(tmp, compression="zstd", maintain_order=True,
                                               row_group_size=chunk_rows)
        elif written == 0:
            _frame([], src_lang, tgt_lang)[0].write_parquet(tmp, compression="zstd")
    return WriteReport(path, written, illegal_chars_removed=removed, format="parquet",
                       src_lang=src_lang, tgt_lang=tgt_lang)


def _chunks(units: Iterable[TranslationUnit], size: int) -> Iterable[list[TranslationUnit]]:
    chunk: list[TranslationUnit] = []
    for u in units:
        chunk.append(u)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _frame(units: list[TranslationUnit], src_lang: str, tgt_lang: str) -> tuple[Any, int]:
    """One typed frame of ``units`` (columns of :data:`COLUMNS`) and the illegal characters
    removed from its text."""
    import polars as pl

    removed = 0

    def c(text: str | None) -> str | None:
        nonlocal removed
        if text is None:
            return None
        cleaned, n = clean_utf8(text)
        removed += n
        return cleaned

    cols: dict[str, list[Any]] = {k: [] for k in COLUMNS}
    for u in units:
        cols["source"].append(c(u.source))
        cols["target"].append(c(u.target))
        cols["confidence"].append(u.confidence)
        cols["bead"].append(c(u.bead))
        cols["origin"].append(c(u.origin))
        cols["document"].append(c(u.document))
        cols["paragraph"].append(u.paragraph)
        cols["id"].append(c(u.id))
        cols["mt_model"].append(c(u.mt_model))
        cols["note"].append(c(u.note))
        cols["props"].append(c(json.dumps(dict(u.props), ensure_ascii=False)) if u.props else None)
        cols["src_lang"].append(src_lang)
        cols["tgt_lang"].append(tgt_lang)
    schema = {k: (pl.Float64 if k == "confidence" else pl.Int64 if k == "paragraph" else pl.String)
              for k in COLUMNS}
    return pl.DataFrame(cols, schema=schema), removed


def read_frame(path: Path, what: str = "file") -> Any:
    """A Parquet file as a polars DataFrame; a missing or broken file is a clear ParleyError."""
    import polars as pl

    require_file(path, what)
    try:
        return pl.read_parquet(path)
    except Exception as exc:  # polars raises several unrelated types for a broken file
        raise FormatError(f"not a readable Parquet file ({type(exc).__name__})", path) from exc


def read_parquet(path: Path, src_lang: str | None = None, tgt_lang: str | None = None) -> Bitext:
    df = read_frame(path)
    if not {"source", "target"} <= set(df.columns):
        raise FormatError("Parquet file needs 'source' and 'target' columns", path,
                          "found: " + ", ".join(df.columns))
    units: list[TranslationUnit] = []
    for n, row in enumerate(df.iter_rows(named=True), start=1):
        props = row.get("props")
        para = row.get("paragraph")
        conf = row.get("confidence")
        units.append(TranslationUnit(
            row["source"] or "", row["target"] or "", id=row.get("id") or str(n),
            confidence=None if conf is None else float(conf), bead=row.get("bead") or None,
            origin=row.get("origin") or "human", mt_model=row.get("mt_model") or None,
            document=row.get("document") or None, paragraph=None if para is None else int(para),
            note=row.get("note") or None, props=json.loads(props) if props else {},
        ))
    first = df.row(0, named=True) if len(df) else {}
    src = src_lang or first.get("src_lang") or "und"
    tgt = tgt_lang or first.get("tgt_lang") or "und"
    return Bitext(src, tgt, tuple(units), path.name)
