"""Records and helpers every format module shares: what a writer reports, text cleaning, and
the mapping between a unit's metadata and TMX/XLIFF ``prop`` elements.

Format modules import from here and never from each other, and the registry imports the format
modules: dependencies run one way (registry -> formats -> base -> xmlsafe).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parley.align.model import Bitext, TranslationUnit
from parley.exports.xmlsafe import INLINE_PREFIX, clean_xml, lang_matches

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

@dataclass(frozen=True)
class WriteReport:
    """What a writer did, so that nothing is dropped silently."""

    path: Path
    written: int
    skipped_empty_side: int = 0
    illegal_chars_removed: int = 0
    long_segments: int = 0
    side_file: Path | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)
    format: str | None = None
    src_lang: str | None = None
    tgt_lang: str | None = None
    #: units an export left out on purpose (``--exclude``, untranslated), reason -> count
    left_out: tuple[tuple[str, int], ...] = ()
    #: where those units went, with the reason (never dropped)
    left_out_file: Path | None = None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form for ``--json`` output."""
        return {
            "path": str(self.path), "format": self.format, "src_lang": self.src_lang,
            "tgt_lang": self.tgt_lang, "written": self.written,
            "skipped_empty_side": self.skipped_empty_side,
            "illegal_chars_removed": self.illegal_chars_removed,
            "long_segments": self.long_segments,
            "side_file": None if self.side_file is None else str(self.side_file),
            "notes": list(self.notes),
            "left_out": dict(self.left_out),
            "left_out_file": None if self.left_out_file is None else str(self.left_out_file),
        }


Reader = Callable[..., Bitext]
Writer = Callable[..., WriteReport]



def tool_version() -> str:
    from parley import __version__

    return __version__


class Sanitizer:
    """Counts what cleaning removed, so writers can report it."""

    def __init__(self) -> None:
        self.removed = 0

    def __call__(self, text: str) -> str:
        cleaned, n = clean_xml(text)
        self.removed += n
        return cleaned


def conf_text(confidence: float) -> str:
    """Alignment confidence as written: four decimals at most, no trailing zeros."""
    return f"{confidence:.4f}".rstrip("0").rstrip(".") or "0"


def unit_props(u: TranslationUnit) -> list[tuple[str, str]]:
    """The ``(type, value)`` pairs a unit's metadata becomes, in a stable order."""
    out: list[tuple[str, str]] = []
    if u.id is not None:
        out.append(("x-id", u.id))
    if u.confidence is not None:
        out.append(("x-confidence", conf_text(u.confidence)))
    if u.bead:
        out.append(("x-bead", u.bead))
    out.append(("x-origin", u.origin))
    if u.mt_model:
        out.append(("x-mt-model", u.mt_model))
    if u.document:
        out.append(("x-document", u.document))
    if u.paragraph is not None:
        out.append(("x-paragraph", str(u.paragraph)))
    out.extend((k, v) for k, v in u.props.items() if not k.startswith(INLINE_PREFIX))
    return out


def _origin(value: str) -> str:
    if value not in ("human", "mt"):
        raise ValueError(value)
    return value


#: TMX prop type -> (unit field, converter); anything else, or a value that does not convert,
#: stays in ``props`` under its type.
PROP_FIELDS: dict[str, tuple[str, Callable[[str], Any]]] = {
    "x-id": ("id", str), "x-confidence": ("confidence", float), "x-bead": ("bead", str),
    "x-origin": ("origin", _origin), "x-mt-model": ("mt_model", str),
    "x-document": ("document", str), "x-paragraph": ("paragraph", int),
}


def apply_props(fields: dict[str, Any], props: dict[str, str], pairs: Iterable[tuple[str, str]]) -> None:
    """Inverse of :func:`unit_props`: known types fill unit fields, the rest stay in ``props``."""
    for typ, value in pairs:
        known = PROP_FIELDS.get(typ)
        if known is not None:
            try:
                fields[known[0]] = known[1](value)
                continue
            except ValueError:
                pass
        key, n = typ, 1
        while key in props:  # a repeated type keeps every value
            n += 1
            key = f"{typ}#{n}"
        props[key] = value


def side_of(lang: str, src_lang: str, tgt_lang: str) -> tuple[int, int] | None:
    """``(side, priority)`` of a tuv language: 0 source / 1 target; exact beats base match."""
    low = lang.lower().replace("_", "-")
    for side, wanted in ((0, src_lang), (1, tgt_lang)):
        if low == wanted.lower().replace("_", "-"):
            return side, 2
    for side, wanted in ((0, src_lang), (1, tgt_lang)):
        if lang_matches(lang, wanted):
            return side, 1
    return None
