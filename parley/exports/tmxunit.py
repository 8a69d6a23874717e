"""One TMX ``tu`` element (as lxml parsed it) to a :class:`TranslationUnit`.

Shared by the lxml reader (:mod:`parley.exports.tmx`) and the fast scanner
(:mod:`parley.exports.tmxscan`, for the units it leaves to lxml), so both file a unit's
languages, props and notes the same way; neither imports the other.
"""

from __future__ import annotations

from typing import Any

from parley.align.model import TranslationUnit
from parley.exports.base import XML_LANG, apply_props, side_of
from parley.exports.xmlsafe import inline_to_text


def unit_from_tu(tu: Any, sides: dict[str, tuple[int, int] | None], src_lang: str, tgt_lang: str
                 ) -> TranslationUnit:
    """The unit of one lxml ``tu`` element (``sides`` caches each tuv language's side)."""
    fields: dict[str, Any] = {"id": tu.get("tuid")}
    props: dict[str, str] = {}
    notes: list[str] = []
    pairs: list[tuple[str, str]] = []
    segs: list[Any] = [None, None]
    prio = [0, 0]
    for child in tu:
        tag = child.tag
        if tag == "tuv":
            lang = child.get(XML_LANG) or child.get("lang") or ""
            if lang not in sides:
                sides[lang] = side_of(lang, src_lang, tgt_lang)
            hit = sides[lang]
            if len(child) > 1:  # tuv-level prop/note (Trados, OmegaT): keep as "type@lang"
                for sub in child:
                    if sub.tag in ("prop", "note"):
                        pairs.append((f"{sub.get('type') or sub.tag}@{lang}", sub.text or ""))
            if hit is not None and hit[1] > prio[hit[0]]:
                prio[hit[0]] = hit[1]
                seg = child[-1] if len(child) else None  # seg is last by the DTD; find() is slow
                segs[hit[0]] = seg if seg is not None and seg.tag == "seg" else child.find("seg")
        elif tag == "prop":
            pairs.append((child.get("type") or "", child.text or ""))
        elif tag == "note":
            notes.append(child.text or "")
    if pairs:
        apply_props(fields, props, pairs)
    seg = segs[0]
    src = "" if seg is None else inline_to_text(seg, "s", props) if len(seg) else seg.text or ""
    seg = segs[1]
    tgt = "" if seg is None else inline_to_text(seg, "t", props) if len(seg) else seg.text or ""
    return TranslationUnit(src, tgt, note="\n".join(notes) if notes else None, props=props, **fields)
