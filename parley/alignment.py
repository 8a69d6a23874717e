"""``parley align`` as one library call: read, segment, (translate), align, write, report.

:func:`align_pair` is what the command runs; it returns an :class:`AlignReport` instead of
printing, so scripts get the same beads, files and counts as the CLI.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from parley.align.errors import InputError, OutputError, UsageError

if TYPE_CHECKING:
    from parley.align.model import Bead, Bitext, Segment

#: Output kinds ``parley align`` writes besides every bitext format of the registry.
BEAD_SUFFIXES = frozenset({".beads", ".txt", ".align"})


@dataclass(frozen=True)
class Unaligned:
    """A sentence with no counterpart (kept as a 1-0 / 0-1 unit in the output)."""

    side: str
    sentence: int
    text: str


@dataclass(frozen=True)
class AlignReport:
    """What :func:`align_pair` wrote: counts, unaligned sentences, and where MT evidence came
    from (``mt``: the MT file, ``"argos"``, or None)."""

    output: Path
    format: str
    source_sentences: int
    target_sentences: int
    bead_types: dict[str, int]
    low_confidence: int
    low_threshold: float
    unaligned: tuple[Unaligned, ...]
    mt: str | None
    beads: tuple[Bead, ...] = field(repr=False, default=())
    bitext: Bitext | None = field(repr=False, default=None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "output": str(self.output), "format": self.format,
            "source_sentences": self.source_sentences, "target_sentences": self.target_sentences,
            "beads": len(self.beads), "bead_types": dict(self.bead_types),
            "low_confidence": self.low_confidence, "low_threshold": self.low_threshold,
            "unaligned": [{"side": u.side, "sentence": u.sentence, "text": u.text}
                          for u in self.unaligned],
            "mt": self.mt,
        }


def pick_format(output: Path, fmt: str | None) -> str:
    """``beads`` for .beads/.txt/.align, else the bitext format of the extension."""
    if fmt is not None:
        return fmt
    suffix = output.suffix.lower()
    if suffix in BEAD_SUFFIXES:
        return "beads"
    from parley.exports.registry import format_for

    return format_for(output)


def read_sentences(path: Path, lang: str, *, presegmented: bool = False,
                   encoding: str | None = None) -> list[Segment]:
    """A document's sentences: segmented by parley, or one per line when ``presegmented``."""
    from parley.align.model import Segment
    from parley.align.reader import read_document
    from parley.align.segment import get_segmenter, segment_document

    if presegmented:
        doc = read_document(path, lang=lang, encoding=encoding, paragraphs="lines")
        return [Segment(p.index, p.index, p.start, p.end, p.text) for p in doc.paragraphs]
    doc = read_document(path, lang=lang, encoding=encoding)
    return segment_document(doc, lang, get_segmenter(lang))


def _mt_lines(path: Path, tgt_lang: str, n_src: int) -> list[str]:
    from parley.align.reader import read_document

    mt = read_document(path, lang=tgt_lang, paragraphs="lines").text.splitlines()
    while mt and not mt[-1].strip():
        mt.pop()
    if len(mt) != n_src:
        raise InputError(f"the MT file has {len(mt)} lines but the source has {n_src} sentences",
                         path, "translate the output of 'parley segment', one line per sentence")
    return mt


def machine_evidence(src: Sequence[Segment], src_lang: str, tgt_lang: str, mt: str,
                     progress: Callable[..., None] | None = None) -> list[str] | None:
    """MT of the source for ``--mt auto|argos|none``: auto uses an installed model when there
    is one, argos requires it (a missing model is an error), none never translates."""
    from parley.job import MT_MODES, _mt_available

    if mt not in MT_MODES:
        raise UsageError(f"unknown MT mode {mt!r}", hint="use --mt " + "|".join(MT_MODES))
    if mt == "none" or (mt == "auto" and not _mt_available(src_lang, tgt_lang)):
        return None
    from parley.align.translate import translate_sentences

    return translate_sentences([s.norm for s in src], src_lang, tgt_lang, progress=progress)


def align_pair(
    src: str | Path,
    tgt: str | Path,
    *,
    src_lang: str,
    tgt_lang: str,
    output: str | Path,
    fmt: str | None = None,
    presegmented: bool = False,
    mt: str = "auto",
    mt_file: str | Path | None = None,
    lexicon: str | Path | None = None,
    review: str | Path | None = None,
    max_bead: int | None = None,
    low: float = 0.5,
    encoding: str | None = None,
    progress: Callable[[str, int | None], Callable[..., None]] | None = None,
) -> AlignReport:
    """Align the sentences of ``src`` and ``tgt`` into ``output`` (beads, TSV, TMX or any
    bitext format), with an optional review page. ``progress(description, total)`` returns an
    ``advance`` callback for each long stage (translating, aligning)."""
    from parley.align.aligner import DEFAULT_MAX_BEAD, align_segments, beads_to_bitext, read_lexicon
    from parley.align.lang import check_lang

    src_p, tgt_p, out = Path(src), Path(tgt), Path(output)
    mt_p = Path(mt_file) if mt_file is not None else None
    lex_p = Path(lexicon) if lexicon is not None else None
    src_lang, tgt_lang = check_lang(src_lang), check_lang(tgt_lang)
    inputs = [p for p in (src_p, tgt_p, mt_p, lex_p) if p is not None]
    for p in inputs:
        if p.exists() and out.exists() and p.resolve() == out.resolve():
            raise OutputError("refusing to overwrite an input file", out, "choose another output path")
    kind = pick_format(out, fmt)
    src_segs = read_sentences(src_p, src_lang, presegmented=presegmented, encoding=encoding)
    tgt_segs = read_sentences(tgt_p, tgt_lang, presegmented=presegmented, encoding=encoding)

    def bar(description: str, total: int | None) -> Callable[..., None] | None:
        return progress(description, total) if progress is not None else None

    evidence: list[str] | None
    source: str | None
    if mt_p is not None:
        evidence, source = _mt_lines(mt_p, tgt_lang, len(src_segs)), str(mt_p)
    else:
        evidence = machine_evidence(src_segs, src_lang, tgt_lang, mt,
                                    bar("translating (MT evidence)", len(src_segs)))
        source = "argos" if evidence is not None else None
    beads = align_segments(
        src_segs, tgt_segs, src_lang=src_lang, tgt_lang=tgt_lang, mt=evidence,
        lexicon=read_lexicon(lex_p) if lex_p is not None else None,
        max_bead=max_bead or DEFAULT_MAX_BEAD, progress=bar("aligning", len(src_segs)),
    )
    bitext = beads_to_bitext(beads, src_segs, tgt_segs, src_lang, tgt_lang, document=src_p.name)
    _write(out, kind, beads, bitext, inputs)
    if review is not None:
        from parley.exports.review import write_review

        write_review(review, bitext, title=src_p.name, low_confidence=low, protect=inputs)
    return AlignReport(
        out, kind, len(src_segs), len(tgt_segs), dict(Counter(b.kind for b in beads)),
        sum(1 for b in beads if b.confidence < low), low,
        tuple(Unaligned("source" if b.src else "target", (b.src or b.tgt)[0],
                        (src_segs[b.src[0]] if b.src else tgt_segs[b.tgt[0]]).norm)
              for b in beads if not b.is_link),
        source, tuple(beads), bitext,
    )


def _write(out: Path, kind: str, beads: Sequence[Bead], bitext: Bitext, inputs: list[Path]) -> None:
    if kind == "beads":
        from parley.align.evaluate import write_beads

        write_beads(out, beads, protect=inputs)
    else:
        from parley.exports.registry import write_bitext

        write_bitext(out, bitext, fmt=kind, protect=inputs)
