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
from collections.abc import Iterable, Iterator
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


def scan_tmx(path: Path, src_lang: str, tgt_lang: str, sides: dict[str, tuple[int, int] | None],
             done: list[int] | None = None) -> Iterator[TranslationUnit]:
    """Units of ``path``; raises :class:`Fallback` (before or between units) when lxml must go on.

    ``sides`` is shared with the lxml reader: tuv language -> (side, priority) or None;
    ``done[0]`` counts the units given (so the lxml reader knows how many to skip)."""
    from lxml import etree

    done = [0] if done is None else done
    chunks = _chunks(path)
    buf = b""
    eof = False

    pos = bulk_until = 0

    def more() -> bool:
        """Append the next piece, dropping what was consumed; False at the end of the file."""
        nonlocal buf, eof, pos, bulk_until
        if eof:
            return False
        piece = next(chunks, None)
        if piece is None:
            eof = True
            return False
        buf = buf[pos:] + piece
        pos = bulk_until = 0
        return True

    while True:
        m = _BODY.search(buf)
        if m is not None:
            break
        if len(buf) > HEAD_LIMIT or not more():
            raise Fallback
    _check_head(buf[: m.end()])
    pos = m.end()
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
    lang_side: dict[bytes, tuple[str, tuple[int, int] | None]] = {}
    #: the tu-level prop/note bytes -> (unit fields but source/target/id, props, x-id given)
    items_cache: dict[bytes, tuple[dict[str, Any], dict[str, str], bool]] = {}
    caching = [1, 0]  # whether items_cache is used; units read when it was last cleared
    new = object.__new__
    setattr_ = object.__setattr__
    defaults = _defaults()
    match = _TU.match

    def side_of(attrs: bytes) -> tuple[str, tuple[int, int] | None]:
        a = _attrs(attrs.decode())
        lang = a.get("xml:lang") or a.get("lang") or ""
        if lang not in sides:
            sides[lang] = side_of_lang(lang, src_lang, tgt_lang)
        got = lang, sides[lang]
        if len(lang_side) > _MAX_CACHE:
            lang_side.clear()
        lang_side[attrs] = got
        return got

    def items(tu_items: str, langs: tuple[tuple[str, str], ...]) -> tuple[
            dict[str, Any], dict[str, str], bool]:
        """Fields and props from prop/note as the lxml reader files them (``unit_from_tu``)."""
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
        base = defaults.copy()
        base.update(fields)
        base["note"] = "\n".join(notes) if notes else None
        return base, props, "id" in fields

    #: one tu-level item -> (0, field, value) | (1, prop type, value) | (2, note text, None)
    item_cache: dict[bytes, tuple[int, Any, Any]] = {}
    #: "<prop type=...>value" -> (field, value) for props that fill a unit field
    field_cache: dict[bytes, tuple[str, Any]] = {}

    def one_item(raw: bytes) -> tuple[int, Any, Any]:
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

    def tu_items(raw: bytes) -> tuple[dict[str, Any], dict[str, str], bool]:
        """:func:`items` for tu-level items only, each item cached on its own."""
        if b"note>" not in raw:  # props only: each piece is "<prop type=...>value" (and spaces)
            pieces = raw.split(b"</prop>")
            pieces.pop()
            known = list(map(field_cache.get, pieces))
            if None in known:
                for piece, k in zip(pieces, known, strict=True):
                    if k is None:
                        res = one_item(piece.lstrip(b" \t\n") + b"</prop>")
                        if res[0] == 0:
                            if len(field_cache) > 1 << 16:
                                field_cache.clear()
                            field_cache[piece] = (res[1], res[2])
                known = list(map(field_cache.get, pieces))
            if None not in known:  # parley's own: every item a unit field
                base = defaults.copy()
                base.update(known)  # type: ignore[arg-type]  # no None, checked above
                return base, {}, b'"x-id"' in raw
        found = _ONE_ITEM.findall(raw)
        fields: dict[str, Any] = {}
        notes: list[str] = []
        pairs: list[tuple[str, str]] = []
        for one in found:
            got = item_cache.get(one)
            if got is None:
                if len(item_cache) > 1 << 16:
                    item_cache.clear()
                got = item_cache[one] = one_item(one)
            if got[0] == 0:
                fields[got[1]] = got[2]
            elif got[0] == 1:
                pairs.append((got[1], got[2]))
            else:
                notes.append(got[1])
        props: dict[str, str] = {}
        if pairs:  # what is no field, numbered as apply_props numbers repeated types
            apply_props({}, props, pairs)
        base = defaults.copy()
        base.update(fields)
        base["note"] = "\n".join(notes) if notes else None
        return base, props, "id" in fields

    #: the tu-level items between a captured confidence and paragraph -> as ``items_cache``
    rest_cache: dict[bytes, tuple[dict[str, Any], dict[str, str], bool]] = {}

    def whole_items(conf: bytes | None, rest: bytes, para: bytes | None) -> bytes:
        """The tu-level items with the confidence and paragraph the regex took apart put back."""
        return b"".join((b'<prop type="x-confidence">' + conf + b"</prop>" if conf is not None else b"",
                         rest, b'<prop type="x-paragraph">' + para + b"</prop>" if para is not None else b""))

    def rest_items(rest: bytes) -> tuple[dict[str, Any], dict[str, str], bool] | None:
        """:func:`tu_items` of the items between confidence and paragraph, cached; None when
        they hold another confidence or paragraph prop (the last one wins: the whole is read)."""
        if b'"x-confidence"' in rest or b'"x-paragraph"' in rest:
            return None
        if len(rest_cache) > _MAX_CACHE:
            rest_cache.clear()
        got = rest_cache[rest] = tu_items(rest)
        return got

    pair: list[bytes | None] = [None, None]  # tuv attributes of an exact source + target

    def build(tuples: Iterable[tuple[Any, ...]]) -> Iterator[TranslationUnit]:
        """Units from the regex's groups: the hot loop, so everything is inlined; ``done``
        counts what was given, for the lxml reader to skip should it take over."""
        n = 0
        pa1, pa2 = pair
        try:
            for tuid, tattrs, conf, titems, para, a1, i1, s1, a2, i2, s2 in tuples:
                if a1 == pa1 and a2 == pa2:
                    src, tgt = s1.decode(), s2.decode()
                    if i1 or i2:
                        g1 = lang_side.get(a1) or side_of(a1)
                        g2 = lang_side.get(a2) or side_of(a2)
                else:
                    src, tgt, g1, g2 = pick(a1, s1, a2, s2)
                    pa1, pa2 = pair
                if "&" in src:
                    src = seg_text(src)
                if "&" in tgt:
                    tgt = seg_text(tgt)
                got = None
                if conf is None and para is None:
                    pass
                elif i1 or i2:
                    titems = whole_items(conf, titems, para)
                else:
                    # parley's varying confidence/paragraph around items that repeat: the items
                    # between are cached alone, unless they hold another confidence or paragraph
                    got = rest_cache.get(titems) or rest_items(titems)
                    if got is not None:
                        d = got[0].copy()
                        try:
                            if conf is not None:
                                d["confidence"] = float(conf)
                            if para is not None:
                                d["paragraph"] = int(para)
                        except ValueError:  # "1.2.3": a prop, as the lxml reader files it
                            got = None
                    if got is None:
                        titems = whole_items(conf, titems, para)
                if got is not None:
                    d["props"] = got[1].copy() if got[1] else {}
                    xid = got[2]
                elif titems or i1 or i2:
                    if not (i1 or i2):
                        got = items_cache.get(titems) if caching[0] else None
                        if got is None:
                            got = tu_items(titems)
                            if caching[0]:
                                if len(items_cache) > _MAX_CACHE:
                                    items_cache.clear()
                                    now = done[0] + n
                                    if now - caching[1] < 2 * _MAX_CACHE:
                                        caching[0] = 0  # more misses than hits: values vary
                                    caching[1] = now
                                items_cache[titems] = got
                    else:
                        got = items(titems.decode(), ((g1[0], i1.decode()), (g2[0], i2.decode())))
                    d = got[0].copy()
                    d["props"] = got[1].copy() if got[1] else {}
                    xid = got[2]  # x-id wins over tuid, as in the lxml reader
                else:
                    d = defaults.copy()
                    d["props"] = {}
                    xid = False
                d["source"] = src
                d["target"] = tgt
                if xid:
                    pass
                elif tuid:
                    d["id"] = tuid[7:-1].decode()
                elif tattrs:
                    d["id"] = _attrs(tattrs.decode()).get("tuid")
                u = new(TranslationUnit)
                setattr_(u, "__dict__", d)
                n += 1
                yield u
        finally:
            done[0] += n

    def pick(a1: bytes, s1: bytes, a2: bytes, s2: bytes) -> tuple[str, str, Any, Any]:
        """Source and target segs by the tuvs' languages, as the lxml reader picks them."""
        g1 = lang_side.get(a1) or side_of(a1)
        g2 = lang_side.get(a2) or side_of(a2)
        h1, h2 = g1[1], g2[1]
        if h1 == (0, 2) and h2 == (1, 2):
            pair[:] = [a1, a2]
            return s1.decode(), s2.decode(), g1, g2
        segs = [b"", b""]
        prio = [0, 0]
        for hit, seg in ((h1, s1), (h2, s2)):
            if hit is not None and hit[1] > prio[hit[0]]:
                prio[hit[0]] = hit[1]
                segs[hit[0]] = seg
        return segs[0].decode(), segs[1].decode(), g1, g2

    splits = [_TU_COMPACT.split, _TU.split]
    groups = _TU.groups
    assert groups == _TU_COMPACT.groups
    while True:
        if pos >= bulk_until:
            # whole runs of plain units in one split: usable only when nothing lies between them
            end = buf.rfind(b"</tu>") + 5
            if end > pos:
                bulk_until = end
                parts = splits[0](buf[pos:end])
                if any(parts[:: groups + 1]) and len(splits) > 1:
                    general = splits[1](buf[pos:end])
                    if not any(general[:: groups + 1]):
                        del splits[0]  # not laid out as parley does: the general regex from now on
                        parts = general
                if not any(parts[:: groups + 1]):
                    try:
                        cols = (parts[i :: groups + 1] for i in range(1, groups + 1))
                        yield from build(zip(*cols, strict=True))
                    except UnicodeDecodeError:
                        raise Fallback from None
                    pos = end
                    continue
        m = match(buf, pos)
        if m is not None:
            pos = m.end()
            try:
                yield from build([m.groups()])
            except UnicodeDecodeError:
                raise Fallback from None
            continue
        q = _WS.match(buf, pos).end()  # type: ignore[union-attr]
        if len(buf) - q < 16 and more():
            continue
        if buf.startswith(b"<tu", q) and buf[q + 3 : q + 4] in (b" ", b">", b"\t", b"\n"):
            end = buf.find(b"</tu>", q)
            if end < 0:
                if more():
                    continue
                raise Fallback  # truncated: lxml says where
            block = buf[q : end + 5]
            if b"<!" in block or b"<?" in block:
                raise Fallback
            try:
                tu = etree.fromstring(block, parser)
            except etree.XMLSyntaxError:
                raise Fallback from None
            pos = end + 5
            done[0] += 1
            yield unit_from_tu(tu, sides, src_lang, tgt_lang)
            continue
        if not buf.startswith(b"</body>", q):
            raise Fallback  # anything else between units (a comment, another element): lxml
        while more():
            if len(buf) > 1 << 16:
                raise Fallback  # more than whitespace after </body>: lxml says what
        if _END.match(buf, pos) is None:
            raise Fallback
        return
