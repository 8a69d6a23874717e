"""Input handling shared by commands that take "a bitext file, or two texts"."""

from __future__ import annotations

from pathlib import Path

from parley.align.errors import UsageError
from parley.align.model import Bitext


def load_bitext(
    first: Path, second: Path | None, src_lang: str | None, tgt_lang: str | None,
    encoding: str | None = None, *, spool: bool = False,
) -> Bitext:
    """``first`` alone is a bitext file (TMX, XLIFF, TSV, CSV, Parquet); with ``second``, the two
    are source and translation texts that parley aligns first (languages required). ``spool``:
    a TMX/TSV/CSV file's units are kept in a temporary file, not in memory (see
    :func:`parley.exports.registry.spool_bitext`)."""
    from parley.align.lang import check_lang

    if second is None:
        from parley.exports.registry import read_bitext, spool_bitext

        read = spool_bitext if spool else read_bitext
        return read(first, src_lang=src_lang, tgt_lang=tgt_lang)
    if not src_lang or not tgt_lang:
        raise UsageError("two texts need their languages", first, "give --src-lang and --tgt-lang")
    from parley.align.texts import align_files

    return align_files(first, second, src_lang=check_lang(src_lang), tgt_lang=check_lang(tgt_lang),
                       encoding=encoding)
