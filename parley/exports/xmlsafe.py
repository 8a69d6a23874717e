"""XML plumbing shared by the TMX and XLIFF modules: text cleaning, hostile-input-safe parsing,
region-qualified language codes, and the inline-tag placeholder scheme.

Inline tags (``bpt ept ph it hi`` in TMX; ``g x bx ex bpt ept ph it mrk`` in XLIFF) are not text
a translator edits, but CAT tools need them back. A reader replaces each one with a placeholder
``⟦s1⟧`` (source side) or ``⟦t1⟧`` (target side), numbered per segment, and keeps the element's
XML (without its tail) in ``TranslationUnit.props`` under ``inline:s1`` / ``inline:t1``. A writer
turns a placeholder back into the element only when that prop exists, so ordinary text that
happens to contain ``⟦s1⟧`` is written as text. ``inline:*`` props are never written as
``<prop>``/metadata.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from parley.align.errors import FormatError, InputError, require_file

# Everything XML 1.0 forbids: C0 controls but TAB/LF/CR, lone surrogates, U+FFFE/U+FFFF.
ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")

INLINE_PREFIX = "inline:"
_PLACEHOLDER = re.compile(r"⟦([st]\d+)⟧")

#: ``en`` -> ``en-US`` when the user asks for region-qualified codes (CAT tools' defaults).
REGIONS: dict[str, str] = {
    "ar": "ar-SA", "bg": "bg-BG", "cs": "cs-CZ", "da": "da-DK", "de": "de-DE", "el": "el-GR",
    "en": "en-US", "es": "es-ES", "et": "et-EE", "fa": "fa-IR", "fi": "fi-FI", "fr": "fr-FR",
    "he": "he-IL", "hi": "hi-IN", "hu": "hu-HU", "hy": "hy-AM", "id": "id-ID", "is": "is-IS",
    "it": "it-IT", "ja": "ja-JP", "ka": "ka-GE", "kk": "kk-KZ", "ko": "ko-KR", "lt": "lt-LT",
    "lv": "lv-LV", "nl": "nl-NL", "no": "nb-NO", "pl": "pl-PL", "pt": "pt-PT", "ro": "ro-RO",
    "ru": "ru-RU", "sk": "sk-SK", "sl": "sl-SI", "sr": "sr-RS", "sv": "sv-SE", "tr": "tr-TR",
    "uk": "uk-UA", "ur": "ur-PK", "uz": "uz-UZ", "vi": "vi-VN", "zh": "zh-CN", "be": "be-BY",
    "hr": "hr-HR", "az": "az-AZ", "mn": "mn-MN",
}


def clean_xml(text: str) -> tuple[str, int]:
    """Drop characters XML 1.0 cannot carry; return the text and how many were dropped."""
    cleaned, n = ILLEGAL_XML.subn("", text)
    return cleaned, n


def clean_utf8(text: str) -> tuple[str, int]:
    """Drop lone surrogates (not encodable as UTF-8): the only loss plain-text formats need."""
    cleaned, n = _SURROGATE.subn("", text)
    return cleaned, n


def region_code(code: str, qualify: bool) -> str:
    """``code`` as given, or with its usual region when ``qualify`` and it has none."""
    if not qualify or "-" in code.replace("_", "-"):
        return code
    return REGIONS.get(code.lower(), code)


def lang_matches(found: str, wanted: str) -> bool:
    """``EN-US`` matches ``en-US`` exactly and ``en`` by base; case never matters."""
    f, w = found.lower().replace("_", "-"), wanted.lower().replace("_", "-")
    return f == w or f.split("-")[0] == w or w.split("-")[0] == f


def safe_iterparse(path: Path, tag: Any = None, events: tuple[str, ...] = ("end",)) -> Iterator[Any]:
    """lxml iterparse that never expands entities, loads a DTD or touches the network.

    A DOCTYPE with entity declarations (XXE, "billion laughs") is refused outright: no exchange
    format needs one, and refusing beats half-parsing.
    """
    from lxml import etree

    require_file(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror})", path) from exc
    if not head.strip():
        raise InputError("file is empty", path)
    refuse_internal_subset(path, head)
    # our own handle, closed when the caller stops early (a unit it refuses) or finishes
    with path.open("rb") as fh:
        ctx = etree.iterparse(
            fh, events=events, tag=tag, resolve_entities=False, no_network=True,
            load_dtd=False, dtd_validation=False, huge_tree=True, remove_comments=True,
            remove_pis=True,
        )
        try:
            yield from ctx
        except etree.XMLSyntaxError as exc:
            raise FormatError(f"broken XML: {exc.msg}", path,
                              "check the file with an XML validator") from exc


def refuse_internal_subset(path: Path, head: bytes | None = None) -> None:
    """Refuse a DOCTYPE with an internal subset (``<!DOCTYPE x [ ... ]>``): entity declarations
    (XXE, billion laughs) and attribute defaults live there, and no exchange format needs one.
    A plain ``<!DOCTYPE martif SYSTEM "...dtd">`` is fine (the DTD is never loaded)."""
    if head is None:
        try:
            with path.open("rb") as fh:
                head = fh.read(4096)
        except OSError as exc:
            raise InputError(f"cannot read file ({exc.strerror})", path) from exc
    if b"<!ENTITY" in head.upper() or has_internal_subset(_doctype(path)):
        raise FormatError(
            "refusing XML with a DOCTYPE internal subset (entity declarations: possible XXE or "
            "billion-laughs attack)", path, "remove the <!DOCTYPE ...> internal subset",
        )


def has_internal_subset(data: bytes) -> bool:
    """Whether the DOCTYPE in ``data`` opens a ``[`` subset before its closing ``>``."""
    start = data.upper().find(b"<!DOCTYPE")
    if start < 0:
        return False
    gt, bracket = data.find(b">", start), data.find(b"[", start)
    return bracket >= 0 and (gt < 0 or bracket < gt)


def _doctype(path: Path) -> bytes:
    """The DOCTYPE's internal subset, however long (a billion-laughs subset can exceed 4 KiB)."""
    with path.open("rb") as fh:
        data = fh.read(1 << 16)
    start = data.upper().find(b"<!DOCTYPE")
    if start < 0:
        return b""
    end = data.find(b"]>", start)
    return data[start : end if end > 0 else len(data)]


def inline_to_text(seg: Any, side: str, props: dict[str, str]) -> str:
    """Text of an lxml ``seg``/``source``/``target`` with inline elements as placeholders."""
    from lxml import etree

    parts = [seg.text or ""]
    n = 0
    for child in seg:
        if not isinstance(child.tag, str):  # comment / PI
            parts.append(child.tail or "")
            continue
        n += 1
        key = f"{side}{n}"
        tail = child.tail
        child.tail = None
        props[INLINE_PREFIX + key] = etree.tostring(child, encoding="unicode", with_tail=False)
        child.tail = tail
        parts.append(f"⟦{key}⟧")
        parts.append(tail or "")
    return "".join(parts)


def split_placeholders(text: str, props: Mapping[str, str]) -> Iterator[tuple[str, str | None]]:
    """Yield ``(text, None)`` pieces and ``(key, xml)`` for placeholders that have a prop."""
    pos = 0
    for m in _PLACEHOLDER.finditer(text):
        xml = props.get(INLINE_PREFIX + m.group(1))
        if xml is None:
            continue
        if m.start() > pos:
            yield text[pos : m.start()], None
        yield m.group(1), xml
        pos = m.end()
    if pos < len(text):
        yield text[pos:], None


def has_placeholders(text: str, props: Mapping[str, str]) -> bool:
    return bool(props) and "⟦" in text and any(
        INLINE_PREFIX + m.group(1) in props for m in _PLACEHOLDER.finditer(text)
    )


def fill_inline(
    el: Any, text: str, props: Mapping[str, str], clean: Callable[[str], str],
    to_child: Callable[[str, str], Any],
) -> None:
    """Put ``text`` into the lxml element ``el``, turning each placeholder back into an inline
    element: ``to_child(placeholder, xml)`` builds it the way the format wants. Text between
    placeholders goes through ``clean`` (XML-illegal characters removed and counted)."""
    last: Any = None
    for piece, xml in split_placeholders(text, props):
        if xml is None:
            piece = clean(piece)
            if last is None:
                el.text = (el.text or "") + piece
            else:
                last.tail = (last.tail or "") + piece
            continue
        child = to_child(piece, xml)
        el.append(child)
        last = child
