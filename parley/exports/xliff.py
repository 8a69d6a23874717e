"""XLIFF 1.2 bilingual files (write and read) and XLIFF 2.x (read).

Writer: one ``<file>`` with ``source-language``/``target-language``, one ``trans-unit`` per unit
(running-number ``id``), ``<target state="translated">`` for human units and
``state="needs-review-translation" state-qualifier="mt-suggestion"`` for MT, so a reviewer sees
what to check. Metadata travels as ``<parley:prop type="x-...">`` children (namespace
``urn:parley:xliff``, allowed at the end of a trans-unit by the XLIFF 1.2 schema). Units with an
empty side are skipped, counted, and optionally written to a TSV side file, as in TMX.

Reader: streaming, hostile-XML safe (see :func:`parley.exports.xmlsafe.safe_iterparse`); XLIFF 2.x
``<unit>``s with several ``<segment>``s give one unit per segment (id ``unit/segment``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from parley.align.atomic import atomic_open, atomic_path
from parley.align.errors import FormatError, UsageError
from parley.align.model import Bitext, TranslationUnit
from parley.exports.base import Sanitizer, WriteReport, apply_props, tool_version, unit_props
from parley.exports.xmlsafe import clean_xml, fill_inline, inline_to_text, region_code, safe_iterparse

NS12 = "urn:oasis:names:tc:xliff:document:1.2"
NS20 = "urn:oasis:names:tc:xliff:document:2.0"
PNS = "urn:parley:xliff"
_X = "{%s}" % NS12  # noqa: UP031 - a literal brace template reads worse
_P = "{%s}" % PNS  # noqa: UP031
# xmlfile serialises each written subtree on its own, so every one carries the map
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_NSMAP: Any = {None: NS12, "parley": PNS}


def _fill(el: Any, text: str, props: Any, clean: Sanitizer) -> None:
    """Text with placeholders back into XLIFF 1.2 inline elements (foreign ones as ``<ph>``)."""
    from lxml import etree

    def to_child(piece: str, xml: str) -> Any:
        try:
            child = etree.fromstring(xml)
        except etree.XMLSyntaxError:
            child = None
        if child is None or not str(child.tag).startswith(_X):
            child = etree.Element(_X + "ph", id=piece)
            child.text = clean(xml)
        return child

    fill_inline(el, text, props, clean, to_child)


def write_xliff(
    path: Path, bitext: Bitext, *, region: bool = False, unaligned_path: str | Path | None = None,
    protect: Iterable[str | Path] = (), progress: Any = None, **_: Any,
) -> WriteReport:
    return write_units(path, bitext.units, bitext.src_lang, bitext.tgt_lang, name=bitext.name,
                       region=region, unaligned_path=unaligned_path, protect=protect,
                       progress=progress)


def write_units(
    path: str | Path, units: Iterable[TranslationUnit], src_lang_in: str, tgt_lang_in: str, *,
    name: str | None = None, region: bool = False, unaligned_path: str | Path | None = None,
    protect: Iterable[str | Path] = (), progress: Any = None, **_: Any,
) -> WriteReport:
    """XLIFF 1.2 from a stream of units, one ``<trans-unit>`` serialised at a time: a TSV or TMX
    of any size converts in flat memory (as :func:`parley.exports.tmx.write_units` does)."""
    from lxml import etree

    path = Path(path)
    if src_lang_in.lower() in ("", "und") or tgt_lang_in.lower() in ("", "und"):
        raise UsageError("XLIFF needs both languages", path, "give --src-lang and --tgt-lang")
    src_lang, tgt_lang = region_code(src_lang_in, region), region_code(tgt_lang_in, region)
    clean = Sanitizer()
    written = skipped = 0
    with contextlib.ExitStack() as stack:
        tmp = stack.enter_context(atomic_path(path, protect=protect))
        side: IO[str] | None = None
        if unaligned_path is not None:
            from parley.exports.tabular import tsv_header, tsv_row

            side = stack.enter_context(atomic_open(unaligned_path, protect=protect))
            side.write(tsv_header())
        xf = stack.enter_context(etree.xmlfile(str(tmp), encoding="utf-8"))
        xf.write_declaration()
        stack.enter_context(xf.element(_X + "xliff", {"version": "1.2"}, nsmap=_NSMAP))
        xf.write("\n")
        stack.enter_context(xf.element(_X + "file", {
            "original": clean(name or "parley"), "source-language": src_lang,
            "target-language": tgt_lang, "datatype": "plaintext", "tool-id": "parley",
        }))
        xf.write("\n")
        header = etree.Element(_X + "header", nsmap=_NSMAP)
        etree.SubElement(header, _X + "tool", {"tool-id": "parley", "tool-name": "parley",
                                               "tool-version": tool_version()})
        header.tail = "\n"
        xf.write(header)
        stack.enter_context(xf.element(_X + "body"))
        xf.write("\n")
        for u in units:
            if progress is not None:
                progress(1)
            src, n_src = clean_xml(u.source)
            tgt, n_tgt = clean_xml(u.target)
            src, tgt = src.strip(), tgt.strip()
            if not src or not tgt:
                skipped += 1
                if side is not None:
                    side.write(tsv_row(u, src_lang_in, tgt_lang_in))
                continue
            clean.removed += n_src + n_tgt
            written += 1
            # xml:space: tabs and newlines inside a segment are text, not layout
            tu = etree.Element(_X + "trans-unit", {"id": str(written), _XML_SPACE: "preserve"},
                               nsmap=_NSMAP)
            _fill(etree.SubElement(tu, _X + "source"), src, u.props, clean)
            state = ({"state": "needs-review-translation", "state-qualifier": "mt-suggestion"}
                     if u.origin == "mt" else {"state": "translated"})
            _fill(etree.SubElement(tu, _X + "target", state), tgt, u.props, clean)
            note = clean(u.note) if u.note else ""
            if note:
                etree.SubElement(tu, _X + "note").text = note
            for typ, value in unit_props(u):
                etree.SubElement(tu, _P + "prop", type=clean(typ)).text = clean(value)
            tu.tail = "\n"
            xf.write(tu)
        xf.write("\n")
    return WriteReport(path, written, skipped_empty_side=skipped, illegal_chars_removed=clean.removed,
                       side_file=Path(unaligned_path) if unaligned_path else None, format="xliff",
                       src_lang=src_lang, tgt_lang=tgt_lang)


def _local(tag: Any) -> str:
    return str(tag).rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _free(el: Any) -> None:
    el.clear()
    parent = el.getparent()
    if parent is not None:
        while el.getprevious() is not None:
            del parent[0]


def _unit(uid: str | None, source: Any, target: Any, notes: list[str], pairs: list[tuple[str, str]],
          origin_mt: bool) -> TranslationUnit:
    fields: dict[str, Any] = {"id": uid}
    props: dict[str, str] = {}
    if origin_mt:
        fields["origin"] = "mt"
    apply_props(fields, props, pairs)
    s = "" if source is None else inline_to_text(source, "s", props)
    t = "" if target is None else inline_to_text(target, "t", props)
    return TranslationUnit(s, t, note="\n".join(notes) if notes else None, props=props, **fields)


def iter_xliff(path: Path, langs: dict[str, str] | None = None) -> Iterator[TranslationUnit]:
    """Yield every unit of an XLIFF 1.x or 2.x file; ``langs`` receives ``src``/``tgt`` as soon
    as the file declares them (the first pair declared wins)."""
    langs = {} if langs is None else langs
    src = tgt = ""
    version = ""
    for event, el in safe_iterparse(path, events=("start", "end")):
        name = _local(el.tag)
        if event == "start":
            if name == "xliff":
                version = el.get("version") or ("2.0" if str(el.tag).startswith("{" + NS20) else "1.2")
                src, tgt = el.get("srcLang") or "", el.get("trgLang") or ""
                _remember(langs, src, tgt)
            elif name == "file" and version.startswith("1"):
                src = el.get("source-language") or src
                tgt = el.get("target-language") or tgt
                _remember(langs, src, tgt)
            continue
        if name == "trans-unit":
            yield _unit12(el)
            _free(el)
        elif name == "unit":
            yield from _units20(el)
            _free(el)
    if not version:
        raise FormatError("not an XLIFF file (no <xliff> root)", path)


def _unit12(el: Any) -> TranslationUnit:
    """An XLIFF 1.2 ``trans-unit``: source, target (MT when its state-qualifier says so),
    notes and parley's props."""
    source = target = None
    notes: list[str] = []
    pairs: list[tuple[str, str]] = []
    mt = False
    for child in el:
        cname = _local(child.tag)
        if cname == "source":
            source = child
        elif cname == "target":
            target = child
            mt = child.get("state-qualifier") in ("mt-suggestion", "leveraged-mt")
        elif cname == "note":
            notes.append(child.text or "")
        elif cname == "prop" and str(child.tag).startswith(_P):
            pairs.append((child.get("type") or "", child.text or ""))
    return _unit(el.get("id"), source, target, notes, pairs, mt)


def _units20(el: Any) -> Iterator[TranslationUnit]:
    """An XLIFF 2.x ``unit``: one unit per segment (ids ``unit/segment`` when several)."""
    notes = [n.text or "" for n in el.iter("{%s}note" % NS20)]  # noqa: UP031
    segs = [c for c in el.iter() if _local(c.tag) == "segment"]
    for n, seg in enumerate(segs, start=1):
        sid = el.get("id") or ""
        uid = sid if len(segs) == 1 else f"{sid}/{seg.get('id') or n}"
        s = next((c for c in seg if _local(c.tag) == "source"), None)
        t = next((c for c in seg if _local(c.tag) == "target"), None)
        yield _unit(uid, s, t, notes, [], False)


def _remember(langs: dict[str, str], src: str, tgt: str) -> None:
    if src:
        langs.setdefault("src", src)
    if tgt:
        langs.setdefault("tgt", tgt)


def read_xliff(path: Path, src_lang: str | None = None, tgt_lang: str | None = None) -> Bitext:
    langs: dict[str, str] = {}
    units = tuple(iter_xliff(path, langs))
    return Bitext(src_lang or langs.get("src") or "und", tgt_lang or langs.get("tgt") or "und",
                  units, path.name)
