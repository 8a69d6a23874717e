"""Two running texts to a bitext in one call: read, segment, align.

Commands that take "a bitext, or two texts that parley aligns first" (glossary extraction, QA)
use this, so that every such path segments and aligns the same way as ``parley align``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from parley.align.model import Bitext


def align_files(
    src_path: str | Path,
    tgt_path: str | Path,
    *,
    src_lang: str,
    tgt_lang: str,
    mt: Sequence[str] | None = None,
    encoding: str | None = None,
) -> Bitext:
    """Read both files (any supported format), segment them and align them. The bitext holds
    one unit per bead, 1-0/0-1 beads included (an empty side), so no sentence is lost."""
    from parley.align.aligner import align_segments, beads_to_bitext
    from parley.align.reader import read_document
    from parley.align.segment import get_segmenter, segment_document

    src_doc = read_document(src_path, lang=src_lang, encoding=encoding)
    tgt_doc = read_document(tgt_path, lang=tgt_lang, encoding=encoding)
    src = segment_document(src_doc, src_lang, get_segmenter(src_lang))
    tgt = segment_document(tgt_doc, tgt_lang, get_segmenter(tgt_lang))
    beads = align_segments(src, tgt, src_lang=src_lang, tgt_lang=tgt_lang, mt=mt)
    return beads_to_bitext(beads, src, tgt, src_lang, tgt_lang, document=src_doc.name)
