"""Format registry for bitexts: pick a reader/writer by name or file extension.

Every format module provides ``read(path, src_lang=None, tgt_lang=None) -> Bitext`` and
``write(path, bitext, **options) -> WriteReport``. Callers use :func:`read_bitext` and
:func:`write_bitext` only, so adding a format touches nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
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


def spool_bitext(
    path: str | Path, fmt: str | None = None, src_lang: str | None = None,
    tgt_lang: str | None = None,
) -> Bitext:
    """:func:`read_bitext` for a reader that goes through the units once or a few times
    (``parley check``): a TMX, TSV or CSV is streamed into a temporary file
    (:class:`~parley.align.spool.SpooledUnits`), so memory does not grow with the file; the
    bitext is the same as read_bitext's. Other formats are read whole."""
    from parley.align.spool import SpooledUnits

    p = require_file(path)
    f = format_for(p, fmt)
    if f not in ("tmx", "tsv", "csv"):
        return read_bitext(p, f, src_lang=src_lang, tgt_lang=tgt_lang)
    pair, units = _stream(p, f, src_lang, tgt_lang)
    return Bitext(*pair, SpooledUnits(units), p.name)


def write_bitext(path: str | Path, bitext: Bitext, fmt: str | None = None, **options: Any) -> WriteReport:
    """Write ``bitext``; options every writer takes: ``protect`` (inputs never overwritten);
    TMX/XLIFF also ``region`` (en -> en-US ...) and ``unaligned_path`` (TSV of empty-side units)."""
    writer = FORMATS[format_for(path, fmt)][1]
    return writer(Path(path), bitext, **options)


def convert(
    src: str | Path, dst: str | Path, *, from_fmt: str | None = None, to_fmt: str | None = None,
    src_lang: str | None = None, tgt_lang: str | None = None, **options: Any,
) -> WriteReport:
    """Read one format and write another; the input is protected from being overwritten.

    Options beyond the writers' own: ``approved_only`` (units confirmed in the editor),
    ``exclude`` (what ``--exclude`` names, see :func:`parley.exports.qa_status.parse_exclude`),
    ``low_confidence`` and ``untranslated`` (keep units QA found untranslated: left out by
    default, as from ``parley run``), ``left_out_path`` (where left-out units go, with the
    reason; default ``DST.left-out.tsv``)."""
    from parley.exports.qa_status import Filter

    to = format_for(dst, to_fmt)  # a usage error (bad output name) before the input's state
    require_file(src)
    protect = (Path(src), *options.pop("protect", ()))
    approved_only = bool(options.pop("approved_only", False))
    keep = Filter(options.pop("exclude", ()) or (),
                  low_confidence=float(options.pop("low_confidence", 0.5)),
                  untranslated=bool(options.pop("untranslated", False)))
    left_path = Path(options.pop("left_out_path", None) or Path(dst).with_name(
        Path(dst).name + ".left-out.tsv"))
    from parley.align.atomic import check_output

    check_output(left_path, protect=protect, others=[dst])
    left: list[tuple[str, TranslationUnit]] = []

    def kept(units: Iterable[TranslationUnit]) -> Iterator[TranslationUnit]:
        for u in units:
            if approved_only and not is_approved(u):
                continue
            why = keep.reason(u)
            if why is None:
                yield u
            else:
                left.append((why, u))

    src_fmt = format_for(src, from_fmt)
    if to in ("tmx", "xliff", "parquet") and src_fmt in ("tmx", "tsv", "csv"):
        # TMX/TSV/CSV to TMX/XLIFF/Parquet streams: a million-unit memory never sits in memory
        pair, units = _stream(Path(src), src_fmt, src_lang, tgt_lang)
        if to == "xliff":
            options["name"] = Path(src).name  # <file original>, as from the whole bitext
        report = _stream_writer(to)(dst, kept(units), *pair, protect=protect, **options)
    else:
        bitext = read_bitext(src, from_fmt, src_lang=src_lang, tgt_lang=tgt_lang)
        bitext = replace(bitext, units=tuple(kept(bitext.units)))
        report = write_bitext(dst, bitext, to, protect=protect, **options)
    return _report_left_out(report, left, left_path, protect)


def _stream_writer(fmt: str) -> Any:
    """``write_units(path, units, src_lang, tgt_lang, **options)`` of a streaming writer."""
    from parley.exports import parquet, tmx, xliff

    return {"tmx": tmx.write_units, "xliff": xliff.write_units, "parquet": parquet.write_units}[fmt]


def _stream(src: Path, fmt: str, src_lang: str | None, tgt_lang: str | None,
            ) -> tuple[tuple[str, str], Iterator[TranslationUnit]]:
    """A TMX, TSV or CSV input as its language pair and a unit iterator (flat memory)."""
    if fmt == "tmx":
        from parley.exports import tmx

        pair = tmx.resolve_pair(src, src_lang, tgt_lang)
        return pair, tmx.iter_tmx(src, *pair)
    from parley.exports import tabular

    read = tabular.iter_tsv if fmt == "tsv" else tabular.iter_csv
    s_lang, t_lang, units = read(src, src_lang, tgt_lang)
    return (s_lang, t_lang), iter(units)


def _report_left_out(report: WriteReport, left: list[tuple[str, TranslationUnit]],
                     path: Path, protect: Iterable[Path]) -> WriteReport:
    """Write the units ``--exclude`` (or the untranslated rule) left out to ``path``, the reason
    in the note column, and count them in the report: nothing leaves a conversion silently."""
    if not left:
        return report
    counts: dict[str, int] = {}
    for why, _ in left:
        counts[why] = counts.get(why, 0) + 1
    side = Bitext(report.src_lang or "und", report.tgt_lang or "und",
                  tuple(replace(u, note=why) for why, u in left))
    write_bitext(path, side, "tsv", protect=protect)
    return replace(report, left_out=tuple(sorted(counts.items())), left_out_file=path)


def is_approved(u: TranslationUnit) -> bool:
    """Confirmed in ``parley review``: its ``x-status`` prop says reviewed or edited."""
    from parley.exports.editor.model import APPROVED, STATUS_PROP

    return u.props.get(STATUS_PROP) in APPROVED
