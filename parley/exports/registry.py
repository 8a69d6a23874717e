"""Format registry for bitexts: pick a reader/writer by name or file extension.

Every format module provides ``read(path, src_lang=None, tgt_lang=None) -> Bitext`` and
``write(path, bitext, **options) -> WriteReport``. Callers use :func:`read_bitext` and
:func:`write_bitext` only, so adding a format touches nothing else.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from parley.align.errors import UsageError, require_file
from parley.align.model import Bitext, TranslationUnit
from parley.exports.base import Reader, Writer, WriteReport

__all__ = ["FORMATS", "WriteReport", "convert", "format_for", "read_bitext", "register",
           "write_bitext"]


#: format name -> (reader, writer, extensions)
FORMATS: dict[str, tuple[Reader, Writer, tuple[str, ...]]] = {}


def register(name: str, reader: Reader, writer: Writer, extensions: tuple[str, ...]) -> None:
    FORMATS[name] = (reader, writer, extensions)


def _load_builtin() -> None:
    if FORMATS:
        return
    from parley.exports import parquet, tabular, tmx, xliff

    register("tmx", tmx.read_tmx, tmx.write_tmx, (".tmx",))
    register("xliff", xliff.read_xliff, xliff.write_xliff, (".xlf", ".xliff", ".xlz"))
    register("tsv", tabular.read_tsv, tabular.write_tsv, (".tsv", ".tab"))
    register("csv", tabular.read_csv, tabular.write_csv, (".csv",))
    register("parquet", parquet.read_parquet, parquet.write_parquet, (".parquet", ".pq"))


def format_for(path: str | Path, fmt: str | None = None) -> str:
    """The format name for ``path``: the explicit ``fmt`` or the one its extension implies."""
    _load_builtin()
    if fmt:
        if fmt not in FORMATS:
            raise UsageError(f"unknown format {fmt!r}", hint="known: " + ", ".join(sorted(FORMATS)))
        return fmt
    suffix = Path(path).suffix.lower()
    for name, (_, _, exts) in FORMATS.items():
        if suffix in exts:
            return name
    raise UsageError(
        f"cannot tell the format from the extension {suffix!r}",
        Path(path),
        "use one of " + ", ".join(sorted(e for _, _, es in FORMATS.values() for e in es)),
    )


def read_bitext(
    path: str | Path, fmt: str | None = None, src_lang: str | None = None,
    tgt_lang: str | None = None,
) -> Bitext:
    p = require_file(path)  # "is a directory" before "cannot tell the format"
    reader = FORMATS[format_for(p, fmt)][0]
    return reader(p, src_lang=src_lang, tgt_lang=tgt_lang)


def write_bitext(path: str | Path, bitext: Bitext, fmt: str | None = None, **options: Any) -> WriteReport:
    """Write ``bitext``; options every writer takes: ``protect`` (inputs never overwritten);
    TMX/XLIFF also ``region`` (en -> en-US ...) and ``unaligned_path`` (TSV of empty-side units)."""
    writer = FORMATS[format_for(path, fmt)][1]
    return writer(Path(path), bitext, **options)


def convert(
    src: str | Path, dst: str | Path, *, from_fmt: str | None = None, to_fmt: str | None = None,
    src_lang: str | None = None, tgt_lang: str | None = None, **options: Any,
) -> WriteReport:
    """Read one format and write another; the input is protected from being overwritten."""
    to = format_for(dst, to_fmt)  # a usage error (bad output name) before the input's state
    require_file(src)
    protect = (Path(src), *options.pop("protect", ()))
    approved_only = bool(options.pop("approved_only", False))
    src_fmt = format_for(src, from_fmt)
    if to == "tmx" and src_fmt in ("tmx", "tsv", "csv"):
        # TMX/TSV/CSV to TMX streams, so a million-unit memory never sits in memory
        from parley.exports import tabular, tmx

        if src_fmt == "tmx":
            pair = tmx.resolve_pair(Path(src), src_lang, tgt_lang)
            units = tmx.iter_tmx(Path(src), *pair)
        else:
            read = tabular.iter_tsv if src_fmt == "tsv" else tabular.iter_csv
            s_lang, t_lang, units = read(Path(src), src_lang, tgt_lang)
            pair = (s_lang, t_lang)
        if approved_only:
            units = (u for u in units if is_approved(u))
        return tmx.write_units(dst, units, *pair, protect=protect, **options)
    bitext = read_bitext(src, from_fmt, src_lang=src_lang, tgt_lang=tgt_lang)
    if approved_only:
        from dataclasses import replace

        bitext = replace(bitext, units=tuple(u for u in bitext.units if is_approved(u)))
    return write_bitext(dst, bitext, to, protect=protect, **options)


def is_approved(u: TranslationUnit) -> bool:
    """Confirmed in ``parley review``: its ``x-status`` prop says reviewed or edited."""
    from parley.exports.editor.model import APPROVED, STATUS_PROP

    return u.props.get(STATUS_PROP) in APPROVED
