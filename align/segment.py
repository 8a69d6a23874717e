"""Sentence segmentation: a small protocol, a registry of segmenters, and the driver that
cuts a :class:`Document` into :class:`Segment` records with exact character offsets.

Segmenters work on one paragraph at a time, so a sentence never crosses a paragraph.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from align.model import Document, Segment


class Segmenter(Protocol):
    """Splits one paragraph into sentence spans ``(start, end)`` relative to the paragraph.

    Spans must be in order, non-overlapping, and cover every non-space character.
    """

    name: str

    def spans(self, text: str) -> list[tuple[int, int]]: ...


class SentencexSegmenter:
    """Wikimedia's sentencex (Rust core, ~300 languages, fast)."""

    name = "sentencex"

    def __init__(self, lang: str):
        self.lang = lang

    def spans(self, text: str) -> list[tuple[int, int]]:
        from sentencex import segment

        out: list[tuple[int, int]] = []
        pos = 0
        for sent in segment(self.lang, text):
            i = text.find(sent.strip(), pos) if sent.strip() else -1
            if i < 0:
                continue
            j = i + len(sent.strip())
            out.append((i, j))
            pos = j
        return out


#: name -> factory(lang) for every segmenter parley knows.
SEGMENTERS: dict[str, Callable[[str], Segmenter]] = {
    "sentencex": SentencexSegmenter,
}

DEFAULT_SEGMENTER = "sentencex"


def get_segmenter(lang: str, name: str | None = None, srx: str | None = None) -> Segmenter:
    """The segmenter for ``lang``: the named one, SRX rules from a file, or the default."""
    factory = SEGMENTERS[name or DEFAULT_SEGMENTER]
    return factory(lang)


def _cover(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Make spans trimmed, ordered and covering all non-space text: nothing may be lost."""
    out: list[tuple[int, int]] = []
    pos = 0
    for s, e in sorted(spans):
        s = max(s, pos)
        if s > pos and text[pos:s].strip():
            # text the segmenter skipped becomes its own segment rather than vanishing
            out.append((pos, s))
        if e <= s:
            continue
        out.append((s, e))
        pos = e
    if text[pos:].strip():
        out.append((pos, len(text)))
    trimmed: list[tuple[int, int]] = []
    for s, e in out:
        chunk = text[s:e]
        if not chunk.strip():
            continue
        s2 = s + len(chunk) - len(chunk.lstrip())
        e2 = e - (len(chunk) - len(chunk.rstrip()))
        trimmed.append((s2, e2))
    return trimmed


def segment_document(
    doc: Document, lang: str | None = None, segmenter: Segmenter | None = None
) -> list[Segment]:
    """Cut every paragraph of ``doc`` into sentences; offsets index ``doc.text``."""
    seg = segmenter or get_segmenter(lang or doc.lang or "en")
    out: list[Segment] = []
    for para in doc.paragraphs:
        for s, e in _cover(para.text, seg.spans(para.text)):
            start, end = para.start + s, para.start + e
            out.append(Segment(len(out), para.index, start, end, doc.text[start:end]))
    return out


def segment_text(text: str, lang: str, segmenter: Segmenter | None = None) -> list[str]:
    """Convenience: sentences of a plain string (one paragraph per line)."""
    from align.reader import read_text

    return [s.text for s in segment_document(read_text(text, lang), lang, segmenter)]
