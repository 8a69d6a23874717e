"""TMX 1.4b: a streaming writer CAT tools import without complaint, and a safe streaming reader.

Writer: ``lxml.etree.xmlfile`` so memory stays flat for millions of units; one language pair;
``srclang`` equals the source ``tuv``'s ``xml:lang``; exactly two non-empty ``tuv``s per ``tu``
(units with an empty side are counted and, on request, written to a TSV side file); ``tuid`` is
the running number (the unit's own id, if any, travels in ``<prop type="x-id">``) so it is unique
without remembering every id. Metadata goes to ``<prop type="x-...">``.

Reader: plain units through the regex scanner of :mod:`parley.exports.tmxscan` (5x faster), the rest
through ``iterparse`` + clearing, no entity expansion, no DTD or network; TMX 1.1–1.4 (``lang``
or ``xml:lang``, any case); inline tags become placeholders (see :mod:`parley.exports.xmlsafe`).
"""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from parley.align.atomic import atomic_open
from parley.align.errors import UsageError
from parley.align.model import Bitext, TranslationUnit
from parley.exports.base import (
    XML_LANG,
    Sanitizer,
    WriteReport,
    conf_text,
    tool_version,
    unit_props,
)
from parley.exports.tmxunit import unit_from_tu
from parley.exports.xmlsafe import (
    ILLEGAL_XML,
    clean_xml,
    fill_inline,
    has_placeholders,
    lang_matches,
    region_code,
    safe_iterparse,
)

LONG_SEGMENT = 2000
_MAX_LISTED = 20


def utc_stamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def fill_seg(seg: Any, text: str, props: dict[str, str] | Any, clean: Sanitizer) -> None:
    """Put ``text`` into an lxml element, turning placeholders back into inline elements."""
    from lxml import etree

    def to_child(_piece: str, xml: str) -> Any:
        try:
            el = etree.fromstring(xml)
        except etree.XMLSyntaxError:
            el = etree.Element("ph")
            el.text = clean(xml)
        if isinstance(el.tag, str) and el.tag.startswith("{"):  # from XLIFF: keep as a ph
            el = etree.Element("ph")
            el.text = xml
        return el

    fill_inline(seg, text, props, clean, to_child)


_SPECIAL = re.compile("[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def esc_text(text: str) -> str:
    """Escape for element content; CR as a character reference so parsers keep it."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def esc_attr(text: str) -> str:
    return esc_text(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


class TmxWriter:
    """Streaming TMX writer: ``with TmxWriter(path, "en", "ru") as w: w.write(unit)``.

    The file appears atomically on a clean exit; :attr:`report` says what was written. Units are
    serialised by hand (escaping is all plain text needs) because building an lxml element per
    unit made writing 5x slower; units with inline tags go through lxml.
    """

    def __init__(
        self, path: str | Path, src_lang: str, tgt_lang: str, *, region: bool = False,
        unaligned_path: str | Path | None = None, protect: Iterable[str | Path] = (),
        adminlang: str = "en", datatype: str = "plaintext",
    ) -> None:
        if not src_lang or not tgt_lang or src_lang.lower() == "und" or tgt_lang.lower() == "und":
            raise UsageError("TMX needs both languages", Path(path), "give --src-lang and --tgt-lang")
        self.path = Path(path)
        self.src = region_code(src_lang, region)
        self.tgt = region_code(tgt_lang, region)
        self.unaligned_path = Path(unaligned_path) if unaligned_path else None
        self.protect = tuple(protect)
        self.adminlang = adminlang
        self.datatype = datatype
        self._stack = contextlib.ExitStack()
        self._fh: IO[str] | None = None
        self._side: IO[str] | None = None
        self._clean = Sanitizer()
        self.written = 0
        self.skipped = 0
        self.long = 0
        self.trimmed = 0
        self._long_ids: list[str] = []
        self._buf: list[str] = []  # batched writes: one write() per unit cost more than the XML
        self._attrs: dict[str, str] = {}  # prop type -> its opening tag (types repeat)
        self._meta: dict[tuple[Any, ...], tuple[str, int]] = {}  # metadata fields -> props XML
        self._conf: dict[float, str] = {}  # confidence -> its prop
        self._tuv_src = f'<tuv xml:lang="{esc_attr(self.src)}"><seg>'
        self._tuv_tgt = f'<tuv xml:lang="{esc_attr(self.tgt)}"><seg>'

    def __enter__(self) -> TmxWriter:
        stack = self._stack.__enter__()
        try:
            self._fh = stack.enter_context(atomic_open(self.path, protect=self.protect))
            if self.unaligned_path is not None:
                from parley.exports.tabular import tsv_header

                self._side = stack.enter_context(atomic_open(self.unaligned_path, protect=self.protect))
                self._side.write(tsv_header())
            head = {
                "creationtool": "parley", "creationtoolversion": tool_version(),
                "segtype": "sentence", "o-tmf": "parley", "adminlang": self.adminlang,
                "srclang": self.src, "datatype": self.datatype, "creationdate": utc_stamp(),
            }
            attrs = " ".join(f'{k}="{esc_attr(v)}"' for k, v in head.items())
            # the target language too, so that even a file without units says its pair
            self._fh.write(
                '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
                f'<header {attrs}>\n<prop type="x-target-language">{esc_text(self.tgt)}</prop>\n'
                "</header>\n<body>\n"
            )
        except BaseException:
            self._stack.__exit__(*sys.exc_info())
            raise
        return self

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> bool:
        if et is None and self._fh is not None:
            self._buf.append("</body>\n</tmx>\n")
            self._flush()
        return bool(self._stack.__exit__(et, ev, tb))

    def write(self, u: TranslationUnit) -> bool:
        """Write one unit; False when it has an empty side (counted, and sent to the side file).

        The hot path for millions of units (no props or note: what aligning produces): the
        metadata's ``<prop>``s come from caches (confidence apart, paragraph formatted), both
        segments are checked by one regex. Anything else goes through :meth:`_write_any`, which
        gives the same bytes (tested)."""
        if u.props or u.note:
            return self._write_any(u)
        conf, para = u.confidence, u.paragraph
        if u.id is None and (para is None or type(para) is int):
            # confidence and paragraph change from unit to unit, the rest repeats: cached apart
            key = (u.bead, u.origin, u.mt_model, u.document)
            rest = self._meta.get(key)
            if rest is None:
                if len(self._meta) > 4096:
                    self._meta.clear()
                rest = self._meta[key] = self._meta_xml(TranslationUnit(
                    "", "", bead=u.bead, origin=u.origin, mt_model=u.mt_model, document=u.document))
            cxml = "" if conf is None else self._conf.get(conf)
            if cxml is None and conf is not None:
                if len(self._conf) > 1 << 16:
                    self._conf.clear()
                cxml = self._conf[conf] = f'<prop type="x-confidence">{conf_text(conf)}</prop>'
            meta = (f"{cxml}{rest[0]}" if para is None else
                    f'{cxml}{rest[0]}<prop type="x-paragraph">{para}</prop>', rest[1])
        else:
            meta = self._meta_xml(u)
        s, t = u.source, u.target
        both = s + t
        if ILLEGAL_XML.search(both) is not None:
            return self._write_any(u)
        special = "&" in both or "<" in both or ">" in both or "\r" in both
        src, tgt = s.strip(), t.strip()
        if not src or not tgt:
            return self._write_any(u)
        if src is not s or tgt is not t:
            self.trimmed += (src != s) + (tgt != t)
        self._clean.removed += meta[1]
        tuid = self._next_tuid(src, tgt)
        if special:
            src, tgt = esc_text(src), esc_text(tgt)
        buf = self._buf
        buf.append(f'<tu tuid="{tuid}">{meta[0]}{self._tuv_src}{src}</seg></tuv>'
                   f"{self._tuv_tgt}{tgt}</seg></tuv></tu>\n")
        if len(buf) > 4096:
            self._flush()
        return True

    def _meta_xml(self, u: TranslationUnit) -> tuple[str, int]:
        """The ``<prop>``s of a unit's metadata fields, and how many illegal characters left.

        Plain values are formatted directly, in :func:`unit_props`'s order; values that need
        escaping or cleaning go through :func:`unit_props`."""
        conf, para = u.confidence, u.paragraph
        if _SPECIAL.search(f"{u.id or ''}{u.bead or ''}{u.origin}{u.mt_model or ''}{u.document or ''}"
                           f"{'' if para is None else para}") is None:
            out = [] if u.id is None else [f'<prop type="x-id">{u.id}</prop>']
            if conf is not None:
                out.append(f'<prop type="x-confidence">{conf_text(conf)}</prop>')
            if u.bead:
                out.append(f'<prop type="x-bead">{u.bead}</prop>')
            out.append(f'<prop type="x-origin">{u.origin}</prop>')
            if u.mt_model:
                out.append(f'<prop type="x-mt-model">{u.mt_model}</prop>')
            if u.document:
                out.append(f'<prop type="x-document">{u.document}</prop>')
            if para is not None:
                out.append(f'<prop type="x-paragraph">{para}</prop>')
            return "".join(out), 0
        out = []
        removed = 0
        for typ, value in unit_props(u):
            value, n = clean_xml(value)
            removed += n
            out.append(f'<prop type="{esc_attr(typ)}">{esc_text(value)}</prop>')
        return "".join(out), removed

    def _write_any(self, u: TranslationUnit) -> bool:
        """:meth:`write` for any unit: all text of a unit is checked in one regex pass
        and, only when needed, cleaned or escaped in one pass over a NUL-joined string (NUL is
        XML-illegal, so it never survives cleaning and is a safe separator)."""
        props = unit_props(u)
        types = [t for t, _ in props]
        texts = [u.source, u.target, u.note or "", *(v for _, v in props)]
        joined = "\n".join(texts)
        special = _SPECIAL.search(joined) is not None  # one pass finds both kinds of work
        removed = 0
        if (special and ILLEGAL_XML.search(joined) is not None) or (
                u.props and ILLEGAL_XML.search("".join(types))):
            cleaned = [clean_xml(t) for t in texts + types]
            removed = sum(n for _, n in cleaned)
            texts = [t for t, _ in cleaned[: len(texts)]]
            types = [t for t, _ in cleaned[len(texts) :]]
        src, tgt = texts[0].strip(), texts[1].strip()
        if not src or not tgt:
            self.skipped += 1
            if self._side is not None:
                from parley.exports.tabular import tsv_row

                self._side.write(tsv_row(u, self.src, self.tgt))
            return False
        self._clean.removed += removed
        if src is not texts[0] or tgt is not texts[1]:
            self.trimmed += (src != texts[0]) + (tgt != texts[1])
        tuid = self._next_tuid(src, tgt)
        texts[0], texts[1] = src, tgt
        esc = esc_text("\x00".join(texts)).split("\x00") if special else texts
        attrs = self._attrs
        for t in types:
            if t not in attrs:
                if len(attrs) > 1000:  # other tools' prop types are many; ours repeat
                    attrs.clear()
                attrs[t] = f'<prop type="{esc_attr(t)}">'
        note = f"<note>{esc[2]}</note>" if esc[2] else ""
        if u.props and (has_placeholders(src, u.props) or has_placeholders(tgt, u.props)):
            esc[0], esc[1] = self._seg(src, u), self._seg(tgt, u)
        buf = self._buf
        buf.append(f'<tu tuid="{tuid}">{note}')
        buf += [f"{attrs[t]}{v}</prop>" for t, v in zip(types, esc[3:], strict=True)]
        buf.append(f"{self._tuv_src}{esc[0]}</seg></tuv>{self._tuv_tgt}{esc[1]}</seg></tuv></tu>\n")
        if len(buf) > 4096:
            self._flush()
        return True

    def _next_tuid(self, src: str, tgt: str) -> str:
        """Count a unit about to be written (and its over-long segments); its tuid."""
        self.written += 1
        tuid = str(self.written)
        if len(src) > LONG_SEGMENT or len(tgt) > LONG_SEGMENT:
            self.long += (len(src) > LONG_SEGMENT) + (len(tgt) > LONG_SEGMENT)
            if len(self._long_ids) < _MAX_LISTED:
                self._long_ids.append(tuid)
        return tuid

    def _flush(self) -> None:
        assert self._fh is not None, "TmxWriter.write outside its with-block"
        self._fh.write("".join(self._buf))
        self._buf.clear()

    def _seg(self, text: str, u: TranslationUnit) -> str:
        from lxml import etree

        seg = etree.Element("seg")
        fill_seg(seg, text, u.props, self._clean)
        inner = etree.tostring(seg, encoding="unicode")
        return inner[len("<seg>") : -len("</seg>")] if inner.startswith("<seg>") else esc_text(text)

    @property
    def report(self) -> WriteReport:
        notes = []
        if self._long_ids:
            notes.append(f"segments over {LONG_SEGMENT} characters in tuid " + ", ".join(self._long_ids))
        if self.trimmed:
            notes.append(f"{self.trimmed} segments trimmed of surrounding whitespace")
        return WriteReport(
            self.path, self.written, skipped_empty_side=self.skipped,
            illegal_chars_removed=self._clean.removed, long_segments=self.long,
            side_file=self.unaligned_path, notes=tuple(notes), format="tmx",
            src_lang=self.src, tgt_lang=self.tgt,
        )


def write_units(
    path: str | Path, units: Iterable[TranslationUnit], src_lang: str, tgt_lang: str, **options: Any
) -> WriteReport:
    """Write any iterable of units (a generator keeps memory flat)."""
    progress = options.pop("progress", None)
    with TmxWriter(path, src_lang, tgt_lang, **options) as w:
        write = w.write
        if progress is None:
            for u in units:
                write(u)
        else:
            for u in units:
                write(u)
                progress(1)
    return w.report


def write_tmx(path: Path, bitext: Bitext, **options: Any) -> WriteReport:
    return write_units(path, bitext.units, bitext.src_lang, bitext.tgt_lang, **options)


# ---------------------------------------------------------------- reader


def _tuv_lang(tuv: Any) -> str:
    return str(tuv.get(XML_LANG) or tuv.get("lang") or "")


#: tuvs read (in the first MiB) to confirm a header that names the pair; see :func:`_head_languages`
_CONFIRM_TUVS = 1000


def tmx_languages(path: Path) -> tuple[str | None, list[str]]:
    """The header's ``srclang`` and every ``tuv`` language (first spelling seen, in order);
    parley's header prop ``x-target-language`` counts as one."""
    srclang: str | None = None
    seen: dict[str, str] = {}
    for _, el in safe_iterparse(path, tag=("header", "tuv")):
        _note_language(el, seen)
        if el.tag == "header":
            srclang = el.get("srclang")
        el.clear()
    return srclang, list(seen.values())


def _note_language(el: Any, seen: dict[str, str]) -> bool:
    """File a header's or tuv's languages in ``seen``; True when it is a header naming the pair."""
    if el.tag != "header":
        lang = _tuv_lang(el)
        seen.setdefault(lang.lower(), lang)
        return False
    srclang = el.get("srclang")
    named = False
    for prop in el.iterfind("prop[@type='x-target-language']"):
        if prop.text and srclang:
            seen.setdefault(srclang.lower(), srclang)
            seen.setdefault(prop.text.lower(), prop.text)
            named = True
    return named


def _head_languages(path: Path) -> tuple[str | None, list[str]] | None:
    """:func:`tmx_languages` from the file's first MiB, when its header names the pair (parley's
    ``x-target-language``) and its first tuvs are all in that pair; None otherwise. A whole lxml
    pass over a million units only to learn what the header says costs seconds."""
    from lxml import etree

    try:
        with path.open("rb") as fh:
            head = fh.read(1 << 20)
    except OSError:
        return None  # the full pass says what is wrong
    if len(head) < 1 << 20 or b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        return None  # small (the full pass is cheap) or a DOCTYPE (the full pass judges it)
    parser: Any = etree.XMLPullParser(events=("end",), tag=("header", "tuv"), resolve_entities=False,
                                      no_network=True, load_dtd=False, huge_tree=True)
    srclang: str | None = None
    seen: dict[str, str] = {}
    named = False
    tuvs = 0
    try:
        parser.feed(head)
        for _, el in parser.read_events():
            if el.tag == "header":
                srclang = el.get("srclang")
                named = _note_language(el, seen)
            else:
                _note_language(el, seen)
                tuvs += 1
                if tuvs >= _CONFIRM_TUVS:
                    break
            el.clear()
    except etree.XMLSyntaxError:
        return None  # the full pass reports it
    if tuvs >= _CONFIRM_TUVS and named and len(seen) == 2:
        return srclang, list(seen.values())
    return None


def resolve_pair(
    path: Path, src_lang: str | None, tgt_lang: str | None
) -> tuple[str, str]:
    """Decide the language pair, asking the user (UsageError) when the file leaves it open."""
    if src_lang and tgt_lang:
        return src_lang, tgt_lang
    header_src, langs = _head_languages(path) or tmx_languages(path)
    listed = ", ".join(langs) or "none"
    if src_lang is None and header_src and header_src.lower() != "*all*":
        src_lang = next((x for x in langs if lang_matches(x, header_src)), header_src)
    if src_lang is None:
        if len(langs) == 2 and tgt_lang:
            src_lang = next(x for x in langs if not lang_matches(x, tgt_lang))
        else:
            raise UsageError(f"which language is the source? found: {listed}", path,
                             "give --src-lang (and --tgt-lang)")
    if tgt_lang is None:
        others = [x for x in langs if not lang_matches(x, src_lang)]
        if len(others) != 1:
            raise UsageError(f"which target language? found: {listed}", path, "give --tgt-lang")
        tgt_lang = others[0]
    return src_lang, tgt_lang


def iter_tmx(path: Path, src_lang: str, tgt_lang: str) -> Iterator[TranslationUnit]:
    """Stream the units of ``path`` for one pair; a ``tu`` lacking a side gives an empty side.

    Plain units go through a byte-level scanner (:class:`~parley.exports.tmxscan.TmxScanner`,
    5x faster than lxml); any
    ``tu`` with inline tags is parsed by lxml alone, and anything the scanner does not fully
    understand (comments, CDATA, other encodings, a DOCTYPE subset, broken or truncated XML)
    hands the rest of the file to the lxml reader, which reports errors with their line."""
    from parley.exports.tmxscan import Fallback, TmxScanner

    sides: dict[str, tuple[int, int] | None] = {}
    scanner = TmxScanner(path, src_lang, tgt_lang, sides)
    try:
        yield from scanner
        return
    except Fallback:
        pass
    yield from _iter_lxml(path, src_lang, tgt_lang, sides, skip=scanner.done)


def _iter_lxml(path: Path, src_lang: str, tgt_lang: str, sides: dict[str, tuple[int, int] | None],
               skip: int = 0) -> Iterator[TranslationUnit]:
    """The lxml reader; the first ``skip`` units (already given by the scanner) are not built."""
    body: Any = None
    for _, tu in safe_iterparse(path, tag="tu"):
        if skip:
            skip -= 1
        else:
            yield unit_from_tu(tu, sides, src_lang, tgt_lang)
        tu.clear()
        if body is None:
            body = tu.getparent()
        if body is not None:
            while tu.getprevious() is not None:
                del body[0]


def read_tmx(path: Path, src_lang: str | None = None, tgt_lang: str | None = None) -> Bitext:
    src, tgt = resolve_pair(path, src_lang, tgt_lang)
    return Bitext(src, tgt, tuple(iter_tmx(path, src, tgt)), path.name)
