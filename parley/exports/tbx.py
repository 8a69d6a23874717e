"""TBX: TBX-Basic writers, v2 ``martif`` (the default) and v3 (ISO 30042:2019, DCA), and readers
for both.

v2 is the default because it is what the CAT tools import: OmegaT 3.6 rejects v3 outright
("unexpected element tbx"), translate-toolkit's ``tbx2po`` reads only v2, and memoQ, Phrase and
MultiTerm take v2. The writers emit only TBX-Basic data categories (subjectField, definition,
partOfSpeech, administrativeStatus, context, note); the v3 file validates against the TBX-Basic
integrated RELAX NG schema. Readers accept either version (and DCT-less v2
files from older tools) and never resolve entities or fetch anything over the network.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from parley.align.atomic import atomic_open
from parley.align.errors import FormatError, require_file
from parley.glossary.model import Glossary, Term, TermEntry

TBX_NS = "urn:iso:std:iso:30042:ed-2"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_STATUS_TO_TBX = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "deprecated": "deprecatedTerm-admn-sts",
    "superseded": "supersededTerm-admn-sts",
    "forbidden": "deprecatedTerm-admn-sts",
}
_TBX_TO_STATUS = {v: k for k, v in _STATUS_TO_TBX.items() if k != "forbidden"}
_TBX_TO_STATUS.update({"preferred": "preferred", "admitted": "admitted", "deprecated": "deprecated",
                       "superseded": "superseded"})
_POS = ("noun", "verb", "adjective", "adverb", "properNoun", "other")


def _pos(pos: str | None) -> str | None:
    if not pos:
        return None
    p = pos.lower()
    mapped = {"n": "noun", "noun": "noun", "v": "verb", "verb": "verb", "adj": "adjective",
              "adjective": "adjective", "adv": "adverb", "adverb": "adverb",
              "propernoun": "properNoun", "proper noun": "properNoun"}.get(p)
    return mapped or "other"


def _lang_tag(lang: str, langs: tuple[str, ...]) -> str:
    """The user's BCP-47 tag for a term's language: a glossary stores ``en``; the project
    may be ``en-GB``. Tags are matched on their base subtag."""
    b = lang.lower().split("-")[0]
    return next((t for t in langs if t.lower().split("-")[0] == b), lang)


def _entry_langs(e: TermEntry) -> list[str]:
    langs: list[str] = []
    for t in e.terms:
        if t.lang not in langs:
            langs.append(t.lang)
    return langs


def write_tbx(path: Path, glossary: Glossary, src_lang: str | None = None,
              tgt_lang: str | None = None, protect: tuple[str | Path, ...] = (),
              version: str = "2", **_: Any) -> None:
    """Write ``glossary`` as TBX-Basic: v2 ``martif`` by default (what OmegaT 3.6, memoQ,
    Phrase and MultiTerm import), v3 (ISO 30042:2019, DCA) with ``version="3"``."""
    from lxml import etree

    if version not in ("2", "3"):
        raise FormatError(f"unknown TBX version {version!r} (2 or 3)", path)
    tags = tuple(t for t in (src_lang, tgt_lang) if t)
    lang = src_lang or (glossary.langs[0] if glossary.langs else "und")
    root = (_martif(glossary, lang, tags) if version == "2" else _tbx3(glossary, lang, tags))
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    with atomic_open(path, "wb", protect=protect) as fh:
        fh.write(data)


_PUBLICATION = "Glossary {name} written by parley"
_SOURCE = ("Extracted and/or drawn from the parley starter term base; verify against UNTERM "
           "before relying on it.")


def _martif(glossary: Glossary, lang: str, tags: tuple[str, ...]) -> Any:
    """TBX v2 (ISO 30042:2008) TBX-Basic: ``martif``/``termEntry``/``langSet``/``tig``, no
    namespace, no DOCTYPE (a DTD reference would make some importers try to fetch it)."""
    from lxml import etree

    root = etree.Element("martif", type="TBX-Basic")
    root.set(_XML_LANG, lang)
    header = etree.SubElement(root, "martifHeader")
    fdesc = etree.SubElement(header, "fileDesc")
    etree.SubElement(etree.SubElement(fdesc, "titleStmt"), "title").text = glossary.name or "parley glossary"
    pub = etree.SubElement(etree.SubElement(fdesc, "publicationStmt"), "p")
    pub.text = _PUBLICATION.format(name=glossary.name or "").replace("  ", " ")
    etree.SubElement(etree.SubElement(fdesc, "sourceDesc"), "p").text = _SOURCE
    etree.SubElement(etree.SubElement(header, "encodingDesc"), "p",
                     type="XCSURI").text = "TBXBasicXCSV02.xcs"
    body = etree.SubElement(etree.SubElement(root, "text"), "body")
    for n, e in enumerate(glossary.entries, start=1):
        te = etree.SubElement(body, "termEntry", id=_xml_id(e.id, n))
        _entry_head(te, e, "")
        for lg in _entry_langs(e):
            ls = etree.SubElement(te, "langSet")
            ls.set(_XML_LANG, _lang_tag(lg, tags))
            for t in e.terms_in(lg):
                if t.lang == lg:
                    _term(etree.SubElement(ls, "tig"), e, t, lg, "")
    return root


def _tbx3(glossary: Glossary, lang: str, tags: tuple[str, ...]) -> Any:
    from lxml import etree

    ns = f"{{{TBX_NS}}}"
    root = etree.Element(ns + "tbx", nsmap={None: TBX_NS},  # type: ignore[dict-item]
                         type="TBX-Basic", style="dca")
    root.set(_XML_LANG, lang)
    header = etree.SubElement(root, ns + "tbxHeader")
    fdesc = etree.SubElement(header, ns + "fileDesc")
    pub = etree.SubElement(etree.SubElement(fdesc, ns + "publicationStmt"), ns + "p")
    pub.text = _PUBLICATION.format(name=glossary.name or "").replace("  ", " ")
    etree.SubElement(etree.SubElement(fdesc, ns + "sourceDesc"), ns + "p").text = _SOURCE
    body = etree.SubElement(etree.SubElement(root, ns + "text"), ns + "body")
    for n, e in enumerate(glossary.entries, start=1):
        ce = etree.SubElement(body, ns + "conceptEntry", id=_xml_id(e.id, n))
        _entry_head(ce, e, ns)
        for lg in _entry_langs(e):
            ls = etree.SubElement(ce, ns + "langSec")
            ls.set(_XML_LANG, _lang_tag(lg, tags))
            for t in e.terms_in(lg):
                if t.lang == lg:
                    _term(etree.SubElement(ls, ns + "termSec"), e, t, lg, ns)
    return root


def _entry_head(el: Any, e: TermEntry, ns: str) -> None:
    """Entry-level data: subject field, definition, and one note with type, review status and
    the extractor's evidence (TBX-Basic has no data category for them)."""
    from lxml import etree

    from parley.exports.glossary_notes import entry_note

    if e.subject:
        etree.SubElement(el, ns + "descrip", type="subjectField").text = e.subject
    if e.definition:
        etree.SubElement(el, ns + "descrip", type="definition").text = e.definition
    note = entry_note(e)
    if note:
        etree.SubElement(el, ns + "note").text = note


def _term(ts: Any, e: TermEntry, t: Term, lg: str, ns: str) -> None:
    """One term: the term, its part of speech and administrative status, the entry's context
    on the first term of the language, and its frequency."""
    from lxml import etree

    etree.SubElement(ts, ns + "term").text = t.text
    pos = _pos(t.pos) or ("properNoun" if e.type in ("person", "place") else "noun")
    etree.SubElement(ts, ns + "termNote", type="partOfSpeech").text = pos
    etree.SubElement(ts, ns + "termNote", type="administrativeStatus").text = (
        _STATUS_TO_TBX.get(t.status, "admittedTerm-admn-sts"))
    if e.contexts.get(lg) and t is e.terms_in(lg)[0]:
        etree.SubElement(ts, ns + "descrip", type="context").text = e.contexts[lg]
    if t.count:
        etree.SubElement(ts, ns + "note").text = f"occurrences: {t.count}"


def _xml_id(raw: str, n: int) -> str:
    ok = raw and (raw[0].isalpha() or raw[0] == "_") and all(c.isalnum() or c in "-_." for c in raw)
    return raw if ok else f"c{n}"


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(el: Any, *names: str) -> Iterator[Any]:
    for c in el:
        if _local(c.tag) in names:
            yield c


def _text(el: Any) -> str:
    return " ".join("".join(el.itertext()).split())


def read_tbx(path: Path, **_: Any) -> Glossary:
    """Read TBX v3 (``tbx``/``conceptEntry``/``langSec``/``termSec``) or v2 ``martif``
    (``termEntry``/``langSet``/``tig``|``ntig``)."""
    from lxml import etree

    require_file(path, "glossary file")
    from parley.exports.glossary_notes import confidence_from_note, status_from_note
    from parley.exports.xmlsafe import refuse_internal_subset

    refuse_internal_subset(path)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             remove_comments=True)
    try:
        root = etree.parse(str(path), parser).getroot()
    except etree.XMLSyntaxError as exc:
        raise FormatError(f"broken TBX/XML: {exc}", path, "check the file is well-formed XML") from exc
    except OSError as exc:  # lxml reports bad bytes for the declared encoding as an OSError
        raise FormatError(f"cannot read TBX ({exc})", path, "save it as UTF-8 XML") from exc
    if _local(root.tag) not in ("tbx", "martif"):
        raise FormatError(f"not a TBX file (root element <{_local(root.tag)}>)", path)
    entries: list[TermEntry] = []
    langs: list[str] = []
    for ce in root.iter():
        if _local(ce.tag) not in ("conceptEntry", "termEntry"):
            continue
        subject, note = _concept_descrips(ce)
        terms: list[Term] = []
        contexts: dict[str, str] = {}
        for ls in _children(ce, "langSec", "langSet"):
            lg = ls.get(_XML_LANG) or ls.get("lang") or "und"
            if lg not in langs:
                langs.append(lg)
            for ts in _children(ls, "termSec", "tig", "ntig"):
                term = _read_term(ts, lg, contexts)
                if term is not None:
                    terms.append(term)
        if terms:
            entries.append(TermEntry(ce.get("id") or f"e{len(entries) + 1}", tuple(terms),
                                     subject=subject, note=note, contexts=contexts,
                                     type=_type_from_note(note), status=status_from_note(note),
                                     confidence=confidence_from_note(note)))
    return Glossary(tuple(entries), tuple(langs), path.name)


def _concept_descrips(ce: Any) -> tuple[str | None, str | None]:
    """A concept's subject field (plain or in a descripGrp) and its first note."""
    subject: str | None = None
    note: str | None = None
    for d in ce:
        name = _local(d.tag)
        if name == "descrip" and d.get("type") == "subjectField":
            subject = _text(d)
        elif name == "descripGrp":
            for dd in _children(d, "descrip"):
                if dd.get("type") == "subjectField":
                    subject = _text(dd)
        elif name == "note" and note is None:
            note = _text(d)
    return subject, note


def _read_term(ts: Any, lg: str, contexts: dict[str, str]) -> Term | None:
    """One termSec/tig/ntig: the term with its status, part of speech and count (parley's
    "occurrences: N" note); its context sentence goes to ``contexts`` (first per language)."""
    term_el = next((x for x in ts.iter() if _local(x.tag) == "term"), None)
    if term_el is None or not _text(term_el):
        return None
    status, pos, count = "preferred", None, 0
    for tn in ts.iter():
        if _local(tn.tag) == "note" and _text(tn).startswith("occurrences: "):
            count = int(_text(tn)[13:]) if _text(tn)[13:].isdigit() else 0
        if _local(tn.tag) == "termNote":
            if tn.get("type") == "administrativeStatus":
                status = _TBX_TO_STATUS.get(_text(tn), "admitted")
            elif tn.get("type") == "partOfSpeech":
                pos = _text(tn)
        elif _local(tn.tag) == "descrip" and tn.get("type") == "context":
            contexts.setdefault(lg, _text(tn))
    return Term(_text(term_el), lg, status, pos, count)


def _type_from_note(note: str | None) -> str:
    if note and note.startswith("type: "):
        return note[6:].split(";")[0].strip()
    return "term"
