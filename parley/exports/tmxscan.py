"""Fast TMX reading: a regex scanner over the raw UTF-8 bytes for plain ``tu`` blocks.

lxml's iterparse builds an element per tag and Python then walks them: ~10 µs a unit. Plain
units (``tu`` with ``prop``/``note``, two ``tuv`` with optional ``prop``/``note`` and a ``seg``
of text, the five predefined entities and character references) are matched here instead, a
whole 1 MiB piece of units in one ``re.split`` (usable only when nothing lies between the
matches), by a regex whose structure checks the block's well-formedness; what the regex leaves
loose for speed (attributes, prop/note items, ``&``) is checked in Python before the unit is
given, and segs are decoded strictly. Everything else is left to lxml, so no guarantee is lost:

* a ``tu`` the regex does not match but that is a self-contained block (no comment, CDATA or
  PI) is parsed by lxml alone (inline tags, three languages, other attribute forms);
* anything else raises :class:`Fallback`: the caller restarts the lxml reader on the whole file
  and skips the units already given. That covers a DOCTYPE internal subset (refused there as
  XXE / billion laughs), encodings other than UTF-8, XML-illegal characters, undefined entities,
  comments, truncated or broken files (reported there with their line), a namespaced root.

Memory stays flat: the file is read in 1 MiB pieces.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Generator, Iterable, Iterator
from pathlib import Path
from typing import Any

from parley.align.model import TranslationUnit
from parley.exports.base import PROP_FIELDS, apply_props
from parley.exports.base import side_of as side_of_lang
from parley.exports.tmxunit import unit_from_tu

CHUNK = 1 << 20
HEAD_LIMIT = 1 << 24  # no <body> by then: not a TMX the scanner knows

_S = r"[ \t\r\n]*"
#: characters lxml would reject (so the block goes to lxml, which reports them), and ``>``: a
#: literal one may be part of the forbidden ``]]>``; parley and most tools write ``&gt;``.
#: U+FFFE/U+FFFF are found per chunk (``_BAD``); other bytes are checked by decoding.
_NOT = "\x00-\x08\x0b\x0c\x0e-\x1f"
_CHARS = f"[^<&>{_NOT}]*"
_TEXT = rf"{_CHARS}(?:&(?:amp|lt|gt|quot|apos|#[0-9]{{1,7}}|#x[0-9a-fA-F]{{1,6}});{_CHARS})*"
_VALUE = f'"[^"<&>\t\n\r{_NOT}]*"'
_ATTRS = rf"(?:[ \t\r\n]+(?:xml:lang|[A-Za-z_][A-Za-z0-9_.-]*)={_VALUE})*"
_ITEMS = rf"(?:{_S}(?:<prop type={_VALUE}>{_TEXT}</prop>|<note>{_TEXT}</note>))*"
#: The regex that finds plain units is loose where strictness is costly and the parts are
#: checked in Python instead (before their unit is given): attributes and prop/note items
#: when first seen (they repeat, and are cached), ``&`` in a seg when present.
_LOOSE = f"[^<>{_NOT}]*"
_LOOSE_ITEMS = rf"(?:{_S}<(?:prop type=\"[^\"<>]*\"|note)>{_LOOSE}</(?:prop|note)>)*"
_TUV = rf"{_S}<tuv((?:[ \t\r\n][^<>]*)?)>({_LOOSE_ITEMS}){_S}<seg>({_LOOSE})</seg>{_S}</tuv>"
#: parley writes confidence as the first tu-level prop and paragraph as the last, and only they
#: differ from unit to unit: the regex captures them apart (a number's characters only), so the
#: items between repeat and their parsing is cached
_CONF = rf'(?:{_S}<prop type="x-confidence">([0-9.eE+-]+)</prop>)?'
_PARA = rf'(?:{_S}<prop type="x-paragraph">([0-9]+)</prop>)?'
#: parley's writer puts the unit's own id before its confidence: both vary from unit to unit
_XID_CONF = re.compile(rb'<prop type="x-id">([^<&>"\x00-\x08\x0b\x0c\x0e-\x1f]*)</prop>'
                       rb'<prop type="x-confidence">([0-9.eE+-]+)</prop>')
#: a whole plain ``tu`` (on the raw UTF-8 bytes): attributes (parley's lone tuid, or any),
#: confidence, the other prop/note items, paragraph, then each tuv's attributes, items and seg
_TU = re.compile(
    rf"{_S}<tu(?:( tuid={_VALUE})|((?:[ \t\r\n][^<>]*)?))>{_CONF}({_LOOSE_ITEMS}?){_PARA}"
    rf"{_TUV}{_TUV}{_S}</tu>".encode())
#: the same for units laid out as parley writes them (no whitespace, ``xml:lang`` alone, no
#: tuv-level items, no paragraph but the last item): a third cheaper to match; same groups.
#: (A tu with a paragraph prop elsewhere or not a number is left to ``_TU``.)
_COMPACT_ITEMS = rf'(?:<(?:prop type="(?!x-paragraph")[^"<>]*"|note)>{_LOOSE}</(?:prop|note)>)*'
_TU_COMPACT = re.compile(
    rf"\n?<tu(?:( tuid={_VALUE})|())>{_CONF.replace(_S, '')}({_COMPACT_ITEMS})"
    rf"{_PARA.replace(_S, '')}<tuv( xml:lang={_VALUE})>()"
    rf"<seg>({_LOOSE})</seg></tuv><tuv( xml:lang={_VALUE})>()<seg>({_LOOSE})</seg></tuv></tu>".encode())
_STRICT_ATTRS = re.compile(_ATTRS + _S)
_STRICT_ITEMS = re.compile(_ITEMS)
_BAD_AMP = re.compile(r"&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)")
_ITEM = re.compile(rf"<prop type=\"([^\"]*)\">({_TEXT})</prop>|<note>({_TEXT})</note>")
#: one tu-level item as the loose regex let it through, and the same checked strictly
_ONE_ITEM = re.compile(rb"<(?:prop type=\"[^\"]*\"|note)>[^<]*</(?:prop|note)>")
_STRICT_ITEM = re.compile(rf"<prop type=\"([^\"<&>\t\n\r{_NOT}]*)\">({_TEXT})</prop>|<note>({_TEXT})</note>")
_ATTR = re.compile(r"([\w:.-]+)=\"([^\"]*)\"")
_REF = re.compile(r"&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_WS = re.compile(_S.encode())
_END = re.compile(rf"{_S}</body>{_S}</tmx>{_S}\Z".encode())
_BODY = re.compile(rb"<body[ \t\r\n]*>")
_XMLDECL_ENC = re.compile(rb"""^<\?xml[^>]*encoding=["']([^"']*)["']""")
_BAD = re.compile(b"\xef\xbf[\xbe\xbf]")  # U+FFFE, U+FFFF
_MAX_CACHE = 4096


class Fallback(Exception):
    """The lxml reader must take over from here."""


def _ref(m: re.Match[str]) -> str:
    ref = m.group(1)
    if ref[0] != "#":
        return _NAMED[ref]
    code = int(ref[2:], 16) if ref[1] == "x" else int(ref[1:])
    if code in (9, 10, 13) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or 0xFFFF < code < 0x110000:
        return chr(code)
    raise Fallback  # not an XML character: lxml reports it


def unescape(text: str) -> str:
    """Resolve the references the scanner's regex lets through (named ones by plain replace)."""
    if "&" not in text:
        return text
    if "&#" in text:
        return _REF.sub(_ref, text)
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&apos;", "'").replace("&amp;", "&"))  # every "&" starts a reference


def seg_text(text: str) -> str:
    """A seg's text with references resolved; a bare ``&`` or unknown entity goes to lxml."""
    if "&#" in text:
        if _BAD_AMP.search(text) is not None:
            raise Fallback
        return _REF.sub(_ref, text)
    if text.count("&") == text.count("&amp;"):  # "&amp;" alone, the commonest
        return text.replace("&amp;", "&")
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'")
    if text.count("&") != text.count("&amp;"):  # every other "&" must start "&amp;"
        raise Fallback
    return text.replace("&amp;", "&")


def _attrs(raw: str) -> dict[str, str]:
    """Attributes of a tag; anything but plain ``name="value"`` pairs (duplicates, namespace
    declarations, entities, other quotes) goes to lxml."""
    if _STRICT_ATTRS.fullmatch(raw) is None:
        raise Fallback
    found = _ATTR.findall(raw)
    out = dict(found)
    if len(out) != len(found) or any(k.startswith("xmlns") for k in out):
        raise Fallback
    return out


def _defaults() -> dict[str, Any]:
    """TranslationUnit's fields with their defaults: units are built without the frozen
    dataclass ``__init__`` (11 ``object.__setattr__`` calls, ~1.5 µs), same class and fields."""
    if hasattr(TranslationUnit, "__post_init__") or hasattr(TranslationUnit, "__slots__"):
        raise Fallback  # the shortcut would skip checks: let the lxml reader build units
    out: dict[str, Any] = {}
    for f in dataclasses.fields(TranslationUnit):
        out[f.name] = None if f.default is dataclasses.MISSING else f.default
    return out


def _chunks(path: Path) -> Iterator[bytes]:
    """The raw file in pieces, line ends normalised as XML parsers do; UTF-16 goes to lxml."""
    held = tail = b""
    try:
        fh = path.open("rb")
    except OSError:
        raise Fallback from None  # the lxml reader says what is wrong with the path
    with fh:
        while True:
            raw = fh.read(CHUNK)
            if not tail and raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
                raise Fallback
            data = held + raw
            held = b""
            if raw and data.endswith(b"\r"):
                data, held = data[:-1], b"\r"
            if b"\r" in data:
                data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
            if _BAD.search(tail + data) is not None:
                raise Fallback
            tail = data[-2:] or tail
            if not raw:
                if data:
                    yield data
                return
            yield data


def _check_head(head: bytes) -> None:
    """The prolog and header (up to ``<body>``) must be plain and well-formed: checked by lxml."""
    from lxml import etree

    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    m = _XMLDECL_ENC.match(head)
    if m is not None and m.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
        raise Fallback
    if b"<!ENTITY" in head.upper():
        raise Fallback  # the lxml path refuses it clearly
    dt = head.find(b"<!DOCTYPE")
    if dt >= 0 and b"[" in head[dt : head.find(b">", dt)]:
        raise Fallback  # internal subset: the lxml path refuses it clearly
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
    try:
        root = etree.fromstring(head + b"</body></tmx>", parser)
    except etree.XMLSyntaxError:
        raise Fallback from None
    if root.tag != "tmx" or not len(root) or root[-1].tag != "body":
        raise Fallback


def scan_tmx(path: Path, src_lang: str, tgt_lang: str,
             sides: dict[str, tuple[int, int] | None]) -> Iterator[TranslationUnit]:
    """The units of ``path`` (:class:`TmxScanner`, for callers that need not know how many
    units were given before a :class:`Fallback`)."""
    yield from TmxScanner(path, src_lang, tgt_lang, sides)


def _one_item(raw: bytes) -> tuple[int, Any, Any]:
    """One tu-level item: (0, field, value) | (1, prop type, value) | (2, note text, None)."""
    m = _STRICT_ITEM.fullmatch(raw.decode())
    if m is None:
        raise Fallback
    if m.group(3) is not None:
        return 2, unescape(m.group(3)), None
    typ, value = unescape(m.group(1)), unescape(m.group(2))
    known = PROP_FIELDS.get(typ)
    if known is not None:
        try:
            return 0, known[0], known[1](value)
        except ValueError:
            pass
    return 1, typ, value


def _whole_items(conf: bytes | None, rest: bytes, para: bytes | None) -> bytes:
    """The tu-level items with the confidence and paragraph the regex took apart put back."""
    return b"".join((b'<prop type="x-confidence">' + conf + b"</prop>" if conf is not None else b"",
                     rest, b'<prop type="x-paragraph">' + para + b"</prop>" if para is not None else b""))


#: unit fields (all but source/target/id... as a dict), props, whether x-id was given
Items = tuple[dict[str, Any], dict[str, str], bool]


class TmxScanner:
    """Iterate to get the units of ``path``; raises :class:`Fallback` (before or between units)
    when lxml must go on, and :attr:`done` then says how many units were given (for the lxml
    reader to skip).

    ``sides`` is shared with the lxml reader: tuv language -> (side, priority) or None. The
    parts: a buffer over the file's pieces (:meth:`_more`), the checked head
    (:meth:`_open_body`), whole runs of plain units split at once (:meth:`_bulk`), one unit
    matched (:meth:`_one`), a unit lxml parses alone (:meth:`_lxml_block`), the end
    (:meth:`_finish`); units are built from the regex's groups in :meth:`_build` with their
    prop/note items parsed once and cached (:meth:`_fields`)."""

    def __init__(self, path: Path, src_lang: str, tgt_lang: str,
                 sides: dict[str, tuple[int, int] | None]) -> None:
        self.path, self.src_lang, self.tgt_lang, self.sides = path, src_lang, tgt_lang, sides
        self.done = 0
        self.buf = b""
        self.pos = self.bulk_until = 0
        self.eof = False
        self.lang_side: dict[bytes, tuple[str, tuple[int, int] | None]] = {}
        #: the tu-level prop/note bytes -> Items; given up on when values vary (more misses)
        self.items_cache: dict[bytes, Items] = {}
        self.caching = True
        self.cache_mark = 0  # units read when items_cache was last cleared
        #: one tu-level item -> :func:`_one_item`
        self.item_cache: dict[bytes, tuple[int, Any, Any]] = {}
        #: "<prop type=...>value" -> (field, value) for props that fill a unit field
        self.field_cache: dict[bytes, tuple[str, Any]] = {}
        #: the tu-level items between a captured confidence and paragraph -> Items
        self.rest_cache: dict[bytes, Items] = {}
        self.pair: list[bytes | None] = [None, None]  # tuv attributes of an exact source + target
        self.splits = [_TU_COMPACT.split, _TU.split]
        self.defaults: dict[str, Any] = {}
        self._parser: Any = None

    def __iter__(self) -> Iterator[TranslationUnit]:
        from lxml import etree

        self._chunks = _chunks(self.path)
        self._open_body()
        self._parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                                       huge_tree=True)
        self.defaults = _defaults()
        while True:
            if self.pos >= self.bulk_until and (yield from self._bulk()):
                continue
            m = _TU.match(self.buf, self.pos)
            if m is not None:
                self.pos = m.end()
                try:
                    yield from self._build([m.groups()])
                except UnicodeDecodeError:
                    raise Fallback from None
                continue
            q = _WS.match(self.buf, self.pos).end()  # type: ignore[union-attr]
            if len(self.buf) - q < 16 and self._more():
                continue
            if self.buf.startswith(b"<tu", q) and self.buf[q + 3 : q + 4] in (b" ", b">", b"\t", b"\n"):
                unit = self._lxml_block(q)
                if unit is not None:
                    yield unit
                continue
            self._finish(q)
            return

    # --- the buffer ---------------------------------------------------------------------------

    def _more(self) -> bool:
        """Append the next piece, dropping what was consumed; False at the end of the file."""
        if self.eof:
            return False
        piece = next(self._chunks, None)
        if piece is None:
            self.eof = True
            return False
        self.buf = self.buf[self.pos:] + piece
        self.pos = self.bulk_until = 0
        return True

    def _open_body(self) -> None:
        while True:
            m = _BODY.search(self.buf)
            if m is not None:
                break
            if len(self.buf) > HEAD_LIMIT or not self._more():
                raise Fallback
        _check_head(self.buf[: m.end()])
        self.pos = m.end()

    def _bulk(self) -> Generator[TranslationUnit, None, bool]:
        """Whole runs of plain units in one split: usable only when nothing lies between them.
        Returns (as the generator's value) whether it consumed the buffer up to its last tu."""
        buf, pos = self.buf, self.pos
        end = buf.rfind(b"</tu>") + 5
        if end <= pos:
            return False
        self.bulk_until = end
        groups = _TU.groups
        parts = self.splits[0](buf[pos:end])
        if any(parts[:: groups + 1]) and len(self.splits) > 1:
            general = self.splits[1](buf[pos:end])
            if not any(general[:: groups + 1]):
                del self.splits[0]  # not laid out as parley does: the general regex from now on
                parts = general
        if any(parts[:: groups + 1]):
            return False
        try:
            cols = (parts[i :: groups + 1] for i in range(1, groups + 1))
            yield from self._build(zip(*cols, strict=True))
        except UnicodeDecodeError:
            raise Fallback from None
        self.pos = end
        return True

    def _lxml_block(self, q: int) -> TranslationUnit | None:
        """The ``tu`` at ``q`` parsed by lxml alone; None when the buffer needed another piece."""
        from lxml import etree

        end = self.buf.find(b"</tu>", q)
        if end < 0:
            if self._more():
                return None
            raise Fallback  # truncated: lxml says where
        block = self.buf[q : end + 5]
        if b"<!" in block or b"<?" in block:
            raise Fallback
        try:
            tu = etree.fromstring(block, self._parser)
        except etree.XMLSyntaxError:
            raise Fallback from None
        self.pos = end + 5
        self.done += 1
        return unit_from_tu(tu, self.sides, self.src_lang, self.tgt_lang)

    def _finish(self, q: int) -> None:
        """After the last unit: ``</body></tmx>`` and whitespace only."""
        if not self.buf.startswith(b"</body>", q):
            raise Fallback  # anything else between units (a comment, another element): lxml
        while self._more():
            if len(self.buf) > 1 << 16:
                raise Fallback  # more than whitespace after </body>: lxml says what
        if _END.match(self.buf, self.pos) is None:
            raise Fallback

    # --- units --------------------------------------------------------------------------------

    def _build(self, tuples: Iterable[tuple[Any, ...]]) -> Iterator[TranslationUnit]:
        """Units from the regex's groups: the hot loop, so lookups are bound to locals;
        :attr:`done` counts what was given, for the lxml reader to skip should it take over."""
        n = 0
        pa1, pa2 = self.pair
        lang_side, side_of, pick, fields = self.lang_side, self._side_of, self._pick, self._fields
        new, setattr_ = object.__new__, object.__setattr__
        try:
            for tuid, tattrs, conf, titems, para, a1, i1, s1, a2, i2, s2 in tuples:
                g1 = g2 = None
                if a1 == pa1 and a2 == pa2:
                    src, tgt = s1.decode(), s2.decode()
                    if i1 or i2:
                        g1 = lang_side.get(a1) or side_of(a1)
                        g2 = lang_side.get(a2) or side_of(a2)
                else:
                    src, tgt, g1, g2 = pick(a1, s1, a2, s2)
                    pa1, pa2 = self.pair
                if "&" in src:
                    src = seg_text(src)
                if "&" in tgt:
                    tgt = seg_text(tgt)
                d, xid = fields(conf, titems, para, i1, i2, g1, g2, n)
                d["source"] = src
                d["target"] = tgt
                if not xid:  # x-id wins over tuid, as in the lxml reader
                    if tuid:
                        d["id"] = tuid[7:-1].decode()
                    elif tattrs:
                        d["id"] = _attrs(tattrs.decode()).get("tuid")
                u = new(TranslationUnit)
                setattr_(u, "__dict__", d)
                n += 1
                yield u
        finally:
            self.done += n

    def _fields(self, conf: bytes | None, titems: bytes, para: bytes | None, i1: bytes, i2: bytes,
                g1: Any, g2: Any, n: int) -> tuple[dict[str, Any], bool]:
        """A unit's fields (a fresh dict) from its prop/note items, and whether x-id was given."""
        xid = None
        if conf is None and not (i1 or i2) and titems.startswith(b'<prop type="x-id">'):
            m = _XID_CONF.match(titems)
            if m is not None and b'"x-id"' not in titems[m.end():]:
                xid, conf, titems = m.group(1), m.group(2), titems[m.end():]
        if conf is None and para is None:
            pass
        elif i1 or i2:
            titems = _whole_items(conf, titems, para)
        else:
            varying = self._varying(conf, titems, para)
            if varying is not None:
                if xid is not None:
                    varying[0]["id"] = xid.decode()
                    return varying[0], True
                return varying
            titems = _whole_items(conf, titems, para)
        if xid is not None:  # not parley's layout after all: the items as they were
            titems = b'<prop type="x-id">' + xid + b"</prop>" + titems
        if titems or i1 or i2:
            if not (i1 or i2):
                got = self._cached_items(titems, n)
            else:
                got = self._items(titems.decode(), ((g1[0], i1.decode()), (g2[0], i2.decode())))
            d = got[0].copy()
            d["props"] = got[1].copy() if got[1] else {}
            return d, got[2]
        d = self.defaults.copy()
        d["props"] = {}
        return d, False

    def _varying(self, conf: bytes | None, rest: bytes, para: bytes | None
                 ) -> tuple[dict[str, Any], bool] | None:
        """parley's varying confidence/paragraph around items that repeat: the items between
        are cached alone; None when they hold another confidence or paragraph, or a value is
        no number ("1.2.3": a prop, as the lxml reader files it)."""
        got = self.rest_cache.get(rest) or self._rest_items(rest)
        if got is None:
            return None
        d = got[0].copy()
        try:
            if conf is not None:
                d["confidence"] = float(conf)
            if para is not None:
                d["paragraph"] = int(para)
        except ValueError:
            return None
        d["props"] = got[1].copy() if got[1] else {}
        return d, got[2]

    def _cached_items(self, titems: bytes, n: int) -> Items:
        """:meth:`_tu_items` through ``items_cache`` while it pays (more hits than misses)."""
        got = self.items_cache.get(titems) if self.caching else None
        if got is None:
            got = self._tu_items(titems)
            if self.caching:
                if len(self.items_cache) > _MAX_CACHE:
                    self.items_cache.clear()
                    now = self.done + n
                    if now - self.cache_mark < 2 * _MAX_CACHE:
                        self.caching = False  # more misses than hits: values vary
                    self.cache_mark = now
                self.items_cache[titems] = got
        return got

    def _rest_items(self, rest: bytes) -> Items | None:
        """:meth:`_tu_items` of the items between confidence and paragraph, cached; None when
        they hold another confidence or paragraph prop (the last one wins: the whole is read)."""
        if b'"x-confidence"' in rest or b'"x-paragraph"' in rest:
            return None
        if len(self.rest_cache) > _MAX_CACHE:
            self.rest_cache.clear()
        got = self.rest_cache[rest] = self._tu_items(rest)
        return got

    def _tu_items(self, raw: bytes) -> Items:
        """:meth:`_items` for tu-level items only, each item cached on its own."""
        if b"note>" not in raw:
            fast = self._field_items(raw)
            if fast is not None:
                return fast
        fields: dict[str, Any] = {}
        notes: list[str] = []
        pairs: list[tuple[str, str]] = []
        for one in _ONE_ITEM.findall(raw):
            got = self.item_cache.get(one)
            if got is None:
                if len(self.item_cache) > 1 << 16:
                    self.item_cache.clear()
                got = self.item_cache[one] = _one_item(one)
            if got[0] == 0:
                fields[got[1]] = got[2]
            elif got[0] == 1:
                pairs.append((got[1], got[2]))
            else:
                notes.append(got[1])
        props: dict[str, str] = {}
        if pairs:  # what is no field, numbered as apply_props numbers repeated types
            apply_props({}, props, pairs)
        base = self.defaults.copy()
        base.update(fields)
        base["note"] = "\n".join(notes) if notes else None
        return base, props, "id" in fields

    def _field_items(self, raw: bytes) -> Items | None:
        """Props only, every one a unit field (parley's own): each piece is
        "<prop type=...>value" (and spaces), cached; None when one is not a field."""
        pieces = raw.split(b"</prop>")
        pieces.pop()
        xid = None
        if pieces and pieces[0].startswith(b'<prop type="x-id">') and raw.count(b'"x-id"') == 1:
            # parley writes the unit's own id first, a new value in every unit: taken here
            # rather than through the cache it would only churn
            value = pieces[0][18:]
            if b"&" not in value and b"<" not in value:
                xid = value.decode()
                del pieces[0]
        field_cache = self.field_cache
        known = list(map(field_cache.get, pieces))
        if None in known:
            for piece, k in zip(pieces, known, strict=True):
                if k is None:
                    res = _one_item(piece.lstrip(b" \t\n") + b"</prop>")
                    if res[0] == 0:
                        if len(field_cache) > 1 << 16:
                            field_cache.clear()
                        field_cache[piece] = (res[1], res[2])
            known = list(map(field_cache.get, pieces))
        if None in known:
            return None
        base = self.defaults.copy()
        base.update(known)  # type: ignore[arg-type]  # no None, checked above
        if xid is not None:
            base["id"] = xid
        return base, {}, xid is not None or b'"x-id"' in raw

    def _items(self, tu_items: str, langs: tuple[tuple[str, str], ...]) -> Items:
        """Fields and props from prop/note (tu- and tuv-level) as the lxml reader files them
        (``unit_from_tu``)."""
        if any(_STRICT_ITEMS.fullmatch(x) is None for x in (tu_items, *(raw for _, raw in langs))):
            raise Fallback
        fields: dict[str, Any] = {}
        props: dict[str, str] = {}
        notes: list[str] = []
        pairs: list[tuple[str, str]] = []
        for it in _ITEM.finditer(tu_items):
            if it.group(3) is not None:
                notes.append(unescape(it.group(3)))
            else:
                pairs.append((unescape(it.group(1)), unescape(it.group(2))))
        for lang, raw in langs:
            for it in _ITEM.finditer(raw):
                if it.group(3) is not None:
                    pairs.append((f"note@{lang}", unescape(it.group(3))))
                else:
                    pairs.append((f"{unescape(it.group(1)) or 'prop'}@{lang}", unescape(it.group(2))))
        if pairs:
            apply_props(fields, props, pairs)
        base = self.defaults.copy()
        base.update(fields)
        base["note"] = "\n".join(notes) if notes else None
        return base, props, "id" in fields

    # --- languages ----------------------------------------------------------------------------

    def _side_of(self, attrs: bytes) -> tuple[str, tuple[int, int] | None]:
        a = _attrs(attrs.decode())
        lang = a.get("xml:lang") or a.get("lang") or ""
        if not lang:
            raise Fallback  # the lxml reader refuses it, naming the unit
        if lang not in self.sides:
            self.sides[lang] = side_of_lang(lang, self.src_lang, self.tgt_lang)
        got = lang, self.sides[lang]
        if len(self.lang_side) > _MAX_CACHE:
            self.lang_side.clear()
        self.lang_side[attrs] = got
        return got

    def _pick(self, a1: bytes, s1: bytes, a2: bytes, s2: bytes) -> tuple[str, str, Any, Any]:
        """Source and target segs by the tuvs' languages, as the lxml reader picks them."""
        g1 = self.lang_side.get(a1) or self._side_of(a1)
        g2 = self.lang_side.get(a2) or self._side_of(a2)
        h1, h2 = g1[1], g2[1]
        if h1 == (0, 2) and h2 == (1, 2):
            self.pair[:] = [a1, a2]
            return s1.decode(), s2.decode(), g1, g2
        segs = [b"", b""]
        prio = [0, 0]
        for hit, seg in ((h1, s1), (h2, s2)):
            if hit is not None and hit[1] > prio[hit[0]]:
                prio[hit[0]] = hit[1]
                segs[hit[0]] = seg
        return segs[0].decode(), segs[1].decode(), g1, g2
