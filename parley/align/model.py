"""Records shared by every stage: documents, segments, beads and bitexts.

All are frozen dataclasses so that stages can pass them around and cache on them safely.
Offsets are code-point offsets into ``Document.text`` (the decoded file, BOM removed, line
endings as in the file), so ``doc.text[seg.start:seg.end] == seg.text`` always holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

#: what :func:`normalize_space` treats as space: ``str.isspace`` (NBSP, thin spaces, tabs,
#: newlines: ``str.split``'s separators) plus the zero-width space and the BOM
_WS = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")


def normalize_space(text: str) -> str:
    """Collapse any run of whitespace (NBSP, thin spaces, tabs, newlines) to one space and
    strip. Used for matching and scoring; outputs keep the original text.

    ``str.split()`` splits on the very characters ``\\s`` matches (both use Python's
    whitespace test, which NBSP and the other spaces listed pass), so it gives the same
    result several times faster, unless the text holds one of the two non-whitespace
    characters the pattern adds (zero-width space, BOM)."""
    if "\u200b" in text or "\ufeff" in text:
        return _WS.sub(" ", text).strip()
    return " ".join(text.split())


@dataclass(frozen=True)
class Paragraph:
    """A block of text that sentences never cross; an alignment anchor."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Segment:
    """One sentence (or heading, list item) exactly as it stands in the document."""

    index: int
    paragraph: int
    start: int
    end: int
    text: str

    @property
    def norm(self) -> str:
        """Whitespace-normalised text for processing."""
        return normalize_space(self.text)


@dataclass(frozen=True)
class Document:
    """A decoded input file split into paragraphs (and later into segments)."""

    text: str
    paragraphs: tuple[Paragraph, ...]
    path: Path | None = None
    encoding: str = "utf-8"
    lang: str | None = None

    @property
    def name(self) -> str:
        return self.path.name if self.path is not None else "<text>"


@dataclass(frozen=True)
class Bead:
    """An alignment link: consecutive source sentences ``src`` and target sentences ``tgt``
    (0-based indices) that translate each other. An empty side is a deletion/insertion."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    confidence: float = 1.0

    @property
    def kind(self) -> str:
        """Bead type as translators and papers write it: ``1-1``, ``2-1``, ``1-0`` ..."""
        return f"{len(self.src)}-{len(self.tgt)}"

    @property
    def is_link(self) -> bool:
        return bool(self.src) and bool(self.tgt)

    @property
    def is_nm(self) -> bool:
        """A link with more than one sentence on a side (2-1, 1-2, 2-2 ...): the beads whose
        edge sentences the post-passes may leave out."""
        return bool(self.src) and bool(self.tgt) and len(self.src) + len(self.tgt) > 2


@dataclass(frozen=True)
class TranslationUnit:
    """A source/target pair with its provenance, as stored in TMX, XLIFF, TSV and Parquet.

    ``origin`` is ``"human"`` or ``"mt"``; ``mt_model`` names the engine for MT units.
    ``props`` keeps any further metadata (other tools' ``<prop>``s) so it survives a round trip.
    """

    source: str
    target: str
    id: str | None = None
    confidence: float | None = None
    bead: str | None = None
    origin: str = "human"
    mt_model: str | None = None
    document: str | None = None
    paragraph: int | None = None
    note: str | None = None
    props: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Bitext:
    """A sequence of translation units for one language pair.

    ``units`` is a tuple, or for a large input read as a stream (``parley check``) a
    read-only :class:`~parley.align.spool.SpooledUnits` that keeps them in a temporary file:
    either reads the same (length, index, slice, iteration)."""

    src_lang: str
    tgt_lang: str
    units: Sequence[TranslationUnit]
    name: str | None = None

    def __iter__(self) -> Iterator[TranslationUnit]:
        return iter(self.units)

    def __len__(self) -> int:
        return len(self.units)
