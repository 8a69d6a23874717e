"""Reading input documents: plain text in any common encoding, .docx and .html.

Every reader returns a :class:`~parley.align.model.Document` whose ``text`` is what later stages cut
segments from, and whose paragraphs are the blocks that sentences never cross.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Any

from parley.align.errors import EncodingError, FormatError, InputError, require_file
from parley.align.model import Document, Paragraph

#: Encodings tried when the file is not valid UTF-8, most plausible for our users first.
_CANDIDATES = ("cp1251", "koi8_r", "cp1252", "latin_1", "iso8859_5", "mac_cyrillic", "cp866")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


#: File signatures of formats people drop on a text tool by mistake.
_MAGIC = (
    (b"%PDF", "a PDF file", "export it as .docx or .txt first"),
    (b"\xd0\xcf\x11\xe0", "an old Word/Excel (.doc/.xls) file", "save it as .docx"),
    (b"{\\rtf", "an RTF file", "save it as .docx or .txt"),
    (b"\x89PNG", "an image", "give a text, .docx or .html file"),
    (b"\xff\xd8\xff", "an image", "give a text, .docx or .html file"),
    (b"GIF8", "an image", "give a text, .docx or .html file"),
    (b"\x1f\x8b", "a gzip archive", "unpack it first"),
)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a BOM: every other byte is a high byte from a tiny set (0x00 for
    spaces and ASCII, 0x04 for Cyrillic...), which no single-byte text has."""
    from collections import Counter

    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    for high, low, name in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        top2 = sum(n for _, n in Counter(high).most_common(2))
        if high.count(0) >= 0.1 * len(high) and top2 >= 0.9 * len(high) \
                and low.count(0) <= 0.05 * len(low):
            try:
                text = data.decode(name)
            except UnicodeDecodeError:
                return None
            return name if "\x00" not in text else None
    return None


#: A file whose valid multi-byte UTF-8 characters outnumber its invalid byte sequences this many
#: times is UTF-8 with damage (an error naming the byte); the reverse is a legacy single-byte
#: encoding to detect; anything between is ambiguous and refused.
_DAMAGE_RATIO = 20


def utf8_damage(data: bytes) -> tuple[int, int, int]:
    """``(invalid sequences, valid non-ASCII characters, offset of the first invalid byte)``
    of ``data`` read as UTF-8, in one pass: the evidence for "UTF-8 with a few bad bytes"
    (never to be re-read wholesale as KOI8-R) versus "wholly in another encoding"."""
    starts: list[int] = []

    def record(exc: UnicodeError) -> tuple[str, int]:
        assert isinstance(exc, UnicodeDecodeError)
        starts.append(exc.start)
        return "\ufffd", exc.end

    codecs.register_error("parley-count", record)
    text = data.decode("utf-8", errors="parley-count")
    if not starts:
        return 0, 0, -1
    good = sum(1 for ch in text if ch >= "\x80") - len(starts)
    return len(starts), max(good, 0), starts[0]


def detect_encoding(data: bytes, path: Path | None = None) -> str:
    """Guess the encoding of ``data``: BOM first, then strict UTF-8, then a detector."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    utf16 = _utf16_without_bom(data)
    if utf16:
        return utf16
    bad, good, first = utf8_damage(data)
    if not bad:
        return "utf-8"
    if good >= _DAMAGE_RATIO * bad:
        raise EncodingError(
            f"not valid UTF-8 at byte {first} ({bad} bad byte sequence{'s' if bad > 1 else ''}"
            f" in a file that is otherwise UTF-8)", path,
            "fix those bytes, or pass --encoding utf-8:replace to read them as U+FFFD",
        )
    if good * _DAMAGE_RATIO > bad:
        raise EncodingError(
            f"mixes UTF-8 ({good} characters) with another encoding ({bad} bytes, first at "
            f"byte {first})", path, "pass --encoding with the file's real encoding",
        )
    if b"\x00" in data[:4096]:
        raise InputError(
            "looks like a binary file (NUL bytes, no UTF-16 byte-order mark)",
            path,
            "give a text, .docx or .html file, or pass --encoding utf-16-le",
        )
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(_CANDIDATES)).best()
    guess = str(best.encoding) if best is not None else None
    # charset-normalizer is unreliable on a line or two (KOI8-R read as cp1251): re-rank the
    # single-byte encodings our users have with a cheap plausibility score.
    ranked = sorted(
        ((_plausibility(data, enc) + (0.5 if enc == guess else 0.0), enc) for enc in _RERANK),
        reverse=True,
    )
    if ranked and ranked[0][0] > float("-inf"):
        return ranked[0][1]
    if guess is None:
        raise EncodingError(
            "cannot tell the text encoding", path, "pass --encoding, e.g. --encoding cp1251"
        )
    return guess


#: Single-byte encodings compared by :func:`_plausibility` (latin-1 is cp1252's fallback).
_RERANK = ("cp1251", "koi8_r", "cp1252", "latin_1")

#: Russian letter frequencies (per mille, Russian National Corpus), for telling cp1251 from KOI8-R:
#: the two map the same bytes to different letters, so the likelier letter mix wins.
_RU_FREQ = dict(zip(
    "оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё",
    (110, 85, 80, 67, 67, 63, 55, 47, 45, 44, 35, 32, 30, 28, 26, 20, 19, 17, 17, 16, 16, 14, 12,
     10, 9, 7, 6, 5, 4, 3, 3, 1, 1),
    strict=True,
))
_WORD = re.compile(r"[^\W\d_]+")


def _plausibility(data: bytes, enc: str) -> float:
    """Higher is likelier: penalises words that mix scripts or flip case mid-word and, for
    Cyrillic, rare letters; a Latin reading made mostly of accented letters is mojibake."""
    import math

    try:
        text = data[:65536].decode(enc)
    except UnicodeDecodeError as exc:
        if exc.start < 65532:  # not just a character cut at the sample's end
            return float("-inf")
        text = data[: exc.start].decode(enc)
    if any("\x80" <= ch <= "\x9f" for ch in text):
        return float("-inf")  # C1 controls: latin-1 reading of cp1252 punctuation
    words = _WORD.findall(text)
    # box drawing and similar symbols are what cp1251/KOI8-R letters become in the other one
    score = -5.0 * sum(1 for ch in text if "\u2500" <= ch <= "\u25ff")
    if not words:
        return score
    cyr_words = [w for w in words if any("\u0400" <= ch <= "\u04ff" for ch in w)]
    lat_words = [w for w in words if any(ch.isascii() or "\u00c0" <= ch <= "\u024f" for ch in w)]
    score -= 5 * len(set(map(id, cyr_words)) & set(map(id, lat_words)))  # mixed-script words
    score -= min(len(cyr_words), len(lat_words))  # the minority script is suspicious
    for w in words:
        if len(w) > 1 and not (w.islower() or w.isupper() or w.istitle()):
            score -= 2
    for w in lat_words:
        if sum(1 for ch in w if not ch.isascii()) * 2 > len(w):
            score -= 3  # "Ìèíèñòð": a Latin word made of accented letters is mojibake
    if len(cyr_words) > len(lat_words):
        # log-likelihood against uniform letters: positive for Russian, negative for mojibake
        score += sum(math.log(_RU_FREQ.get(ch, 0.5) * 33 / 1000)
                     for w in cyr_words for ch in w.lower()) / 2
    return score


def decode(data: bytes, encoding: str | None = None, path: Path | None = None) -> tuple[str, str]:
    """Decode bytes to text, returning ``(text, encoding)``; a BOM is dropped.

    ``encoding`` may end in ``:replace`` (``utf-8:replace``): bytes that do not decode become
    U+FFFD, counted in the returned name (``utf-8, 3 bytes replaced``) so the loss is reported."""
    errors = "strict"
    if encoding and encoding.endswith(":replace"):
        encoding, errors = encoding.removesuffix(":replace"), "replace"
    enc = encoding or detect_encoding(data, path)
    try:
        codecs.lookup(enc)
    except LookupError as exc:
        raise EncodingError(f"unknown encoding {enc!r}", path, "use a Python codec name") from exc
    try:
        text = data.decode(enc, errors=errors)
    except UnicodeDecodeError as exc:
        raise EncodingError(
            f"not valid {enc} (byte {exc.start})", path,
            f"pass the right --encoding, or --encoding {enc}:replace to keep going",
        ) from exc
    if errors == "replace":
        lost = text.count("\ufffd") - data.decode(enc, errors="ignore").count("\ufffd")
        if lost:
            enc = f"{enc}, {lost} undecodable byte sequence{'s' if lost > 1 else ''} replaced"
    if text.startswith("\ufeff"):
        text = text[1:]
    controls = sum(1 for ch in text[:65536] if ch < " " and ch not in "\t\n\r\x0c")
    if "\x00" in text or controls > max(2, len(text[:65536]) // 100):
        raise InputError("looks like a binary file (control characters)", path,
                         "give a text, .docx or .html file")
    return text, enc


def read_utf8(path: str | Path, what: str = "file", hint: str | None = None) -> str:
    """A small UTF-8 text file (glossary, ignore list, pairs file, lexicon) read whole, with one
    clear error for a missing/unreadable file (``hint`` says what to give instead) or bad bytes
    (naming the byte) instead of a traceback."""
    p = Path(path)
    require_file(p, what, hint)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {what} ({exc.strerror})", p) from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise EncodingError(f"{what} is not UTF-8 (bad byte at {exc.start})", p,
                            "save it as UTF-8") from exc


#: A paragraph separator (U+2029) or form feed always ends a paragraph; so does an empty line.
_BLANK = re.compile(
    r"(?:\r\n|\r|\n)[ \t\u00a0\u3000]*(?:\r\n|\r|\n)|[\u2029\x0c]"
)
_LINE = re.compile(r"\r\n|[\r\n\u2028\u2029\x0c\x85]")


def _spans(text: str, sep: re.Pattern[str]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    for m in sep.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return out


def _looks_wrapped(text: str) -> bool:
    """Hard-wrapped prose: blocks of several lines, most lines ending mid-sentence."""
    lines = [ln.rstrip() for ln in _LINE.split(text) if ln.strip()]
    if len(lines) < 6:
        return False
    blocks = [b for b in _BLANK.split(text) if b.strip()]
    multi = [b for b in blocks if len(_LINE.split(b.strip())) > 1]
    if len(multi) < max(1, len(blocks) // 3):
        return False
    inner: list[str] = []
    for b in multi:
        inner.extend(ln.rstrip() for ln in _LINE.split(b.strip())[:-1])
    if not inner:
        return False
    mid = sum(1 for ln in inner if ln and ln[-1] not in ".!?:;»\"”)…")
    return mid / len(inner) >= 0.6


def split_paragraphs(text: str, mode: str = "auto") -> tuple[Paragraph, ...]:
    """Cut text into paragraphs. ``lines``: each non-empty line is one; ``blank``: blocks
    separated by blank lines (hard-wrapped prose); ``auto`` picks between them."""
    if mode == "auto":
        mode = "blank" if _looks_wrapped(text) else "lines"
    sep = _BLANK if mode == "blank" else _LINE
    paras: list[Paragraph] = []
    for start, end in _spans(text, sep):
        chunk = text[start:end]
        stripped = chunk.strip()
        if not stripped:
            continue
        lead = len(chunk) - len(chunk.lstrip())
        s = start + lead
        e = s + len(stripped)
        paras.append(Paragraph(len(paras), s, e, text[s:e]))
    return tuple(paras)


def _from_blocks(blocks: list[str], path: Path, encoding: str, lang: str | None) -> Document:
    """Build a document from extracted block texts, joined by blank lines."""
    blocks = [b.strip() for b in blocks if b and b.strip()]
    text = "\n\n".join(blocks)
    paras: list[Paragraph] = []
    pos = 0
    for b in blocks:
        paras.append(Paragraph(len(paras), pos, pos + len(b), b))
        pos += len(b) + 2
    return Document(text, tuple(paras), path, encoding, lang)


#: Caps on a .docx package, checked from the zip directory before anything is decompressed:
#: real documents are a few MB unpacked and compress 3-20x; a zip bomb is far beyond both.
DOCX_MAX_UNPACKED = 512 << 20
DOCX_MAX_RATIO = 200
_ROOT_START = re.compile(rb"<[A-Za-z_]")


def check_docx_package(path: Path) -> None:
    """Refuse a zip bomb (unpacked size or ratio) and any XML part with a DOCTYPE (the entity
    declarations of billion laughs / XXE; Word never writes one) before python-docx reads it."""
    import zipfile
    import zlib

    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            total = sum(i.file_size for i in infos)
            packed = sum(i.compress_size for i in infos) or 1
            if total > DOCX_MAX_UNPACKED or (total > (1 << 20) and total / packed > DOCX_MAX_RATIO):
                raise FormatError(
                    f"refusing a .docx that unpacks to {total:,} bytes from {packed:,} "
                    "(a zip bomb?)", path, "save the document again from Word")
            for info in infos:
                if info.filename.endswith((".xml", ".rels")) and _has_doctype(zf, info):
                    raise FormatError(
                        f"refusing a .docx whose {info.filename} has a DOCTYPE (possible "
                        "XXE or billion-laughs attack)", path, "save the document again from Word")
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, zlib.error, UnicodeDecodeError) as exc:
        # a damaged central directory can hold a file name that is not UTF-8 although its flag
        # says so: zipfile raises UnicodeDecodeError opening that part
        raise InputError("not a valid .docx file", path, "save it again from Word") from exc


def _has_doctype(zf: Any, info: Any) -> bool:
    """Read a part's prolog only (up to its root element), at most 1 MiB."""
    head = b""
    with zf.open(info) as fh:
        while len(head) < (1 << 20):
            chunk = fh.read(16384)
            if not chunk:
                break
            head += chunk
            if _ROOT_START.search(head.replace(b"<!DOCTYPE", b"").replace(b"<!doctype", b"")):
                break
    upper = head.upper()
    root = _ROOT_START.search(head)
    return b"<!DOCTYPE" in (upper[: root.start()] if root else upper)


def read_docx(path: Path, lang: str | None = None) -> Document:
    """Paragraphs of the body in order, table cells included (row by row)."""
    import zipfile
    import zlib

    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
        from docx.table import Table
        from docx.text.paragraph import Paragraph as DocxParagraph
    except ImportError as exc:  # pragma: no cover - dependency of the core
        raise InputError("python-docx is not installed", path, "pip install python-docx") from exc
    from lxml import etree

    check_docx_package(path)
    try:
        d = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError, EOFError,
            zlib.error) as exc:
        raise InputError("not a valid .docx file", path, "save it again from Word") from exc
    except etree.XMLSyntaxError as exc:  # too deep (lxml's limit), broken XML in a part
        raise FormatError(f"broken or hostile XML inside the .docx ({exc.msg})", path,
                          "save it again from Word") from exc
    blocks: list[str] = []

    def walk(container: Any) -> None:
        for item in container.iter_inner_content():
            if isinstance(item, DocxParagraph):
                blocks.append(item.text)
            elif isinstance(item, Table):
                seen: set[int] = set()
                for row in item.rows:
                    for cell in row.cells:
                        if id(cell._tc) in seen:  # a merged cell repeats in every row it spans
                            continue
                        seen.add(id(cell._tc))
                        walk(cell)  # cells hold paragraphs and nested tables

    walk(d)
    return _from_blocks(blocks, path, "docx", lang)


_BLOCK_TAGS = {
    "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "blockquote", "pre",
    "section", "article", "header", "footer", "dt", "dd", "caption", "figcaption", "title",
    "tr", "ul", "ol", "table", "main", "nav", "aside", "address", "br", "hr",
}
_SKIP_TAGS = {"script", "style", "noscript", "template", "head", "svg", "iframe"}


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def _html_encoding(data: bytes, path: Path) -> str:
    """BOM, then <meta charset>, then the same detection as plain text."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    m = _META_CHARSET.search(data[:4096])
    if m:
        name = m.group(1).decode("ascii").lower()
        try:
            return codecs.lookup(name).name
        except LookupError:
            pass
    return detect_encoding(data, path)


def _hidden(el: Any) -> bool:
    """Elements a browser would not show: ``hidden``, ``aria-hidden``, inline display:none."""
    get = getattr(el, "get", None)
    if get is None:
        return False
    style = (get("style") or "").replace(" ", "").lower()
    return get("hidden") is not None or get("aria-hidden") == "true" or "display:none" in style


def read_html(data: bytes, path: Path, encoding: str | None, lang: str | None) -> Document:
    """Visible text, one paragraph per block element."""
    from lxml import etree
    from lxml import html as lhtml

    if encoding is None:
        encoding = _html_encoding(data, path)
    text, encoding = decode(data, encoding, path)
    # lxml refuses str input that still declares an encoding (XHTML's <?xml ... ?>)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    try:
        # lxml gets text, not bytes: Python's codecs know more names than libxml2's
        parser = lhtml.HTMLParser(remove_comments=True, no_network=True)
        root = lhtml.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise FormatError("cannot parse HTML", path, "is it really an HTML file?") from exc
    blocks: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        if buf:
            # collapse what a browser collapses; a no-break space is content and stays
            blocks.append(re.sub(r"[ \t\n\r\f]+", " ", "".join(buf)).strip(" "))
            buf.clear()

    def walk(el: etree._Element) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP_TAGS or _hidden(el):
            if el.tail:
                buf.append(el.tail)
            return
        if tag in _BLOCK_TAGS:
            flush()
        if el.text and tag:
            buf.append(el.text)
        for child in el:
            walk(child)
        if tag in _BLOCK_TAGS:
            flush()
        if el.tail:
            buf.append(el.tail)

    body = root.find("body")
    title = root.find(".//title")
    if title is not None and title.text and (body is None or not len(body)):
        blocks.append(title.text.strip())
    walk(body if body is not None else root)
    flush()
    return _from_blocks(blocks, path, encoding or "html", lang)


def read_text(
    text: str, lang: str | None = None, paragraphs: str = "auto", name: str | None = None
) -> Document:
    """A document from a string already in memory (tests, library users)."""
    return Document(text, split_paragraphs(text, paragraphs), Path(name) if name else None,
                    "utf-8", lang)


def read_document(
    path: str | Path,
    lang: str | None = None,
    encoding: str | None = None,
    paragraphs: str = "auto",
) -> Document:
    """Read any supported input file. Raises :class:`InputError` subclasses, never OSError."""
    p = Path(path)
    require_file(p)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror})", p) from exc
    if not data.strip():
        raise InputError("file is empty", p, "give a file with text in it")
    for magic, what, hint in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"this is {what}, not text", p, hint)
    suffix = p.suffix.lower()
    if data[:2] == b"PK" and suffix in {".odt", ".pptx", ".xlsx", ".zip"}:
        raise InputError(f"{suffix} files are not supported", p, "save it as .docx")
    if suffix == ".docx" or (data[:2] == b"PK" and suffix not in {".txt", ".html", ".htm"}):
        doc = read_docx(p, lang)
    elif suffix in {".html", ".htm", ".xhtml"}:
        doc = read_html(data, p, encoding, lang)
    else:
        text, enc = decode(data, encoding, p)
        doc = Document(text, split_paragraphs(text, paragraphs), p, enc, lang)
    if not doc.paragraphs:
        raise InputError("no text found in file", p, "is it empty or only markup?")
    return doc
