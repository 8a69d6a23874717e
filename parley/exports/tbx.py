"""TBX: a TBX-Basic v3 writer (ISO 30042:2019, DCA style) and readers for TBX v3 and v2 ``martif``.

The writer emits only the TBX-Basic data categories (subjectField, partOfSpeech,
administrativeStatus, context, note), so the file validates against the TBX-Basic integrated
RELAX NG schema and imports into CAT tools. Readers accept either version (and DCT-less v2
files from older tools) and never resolve entities or fetch anything over the network.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from parley.align.atomic import atomic_open
from parley.align.errors import FormatError, InputError
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


def _note_type(e: TermEntry) -> str | None:
    parts = [f"type: {e.type}"] if e.type != "term" else []
    if e.confidence is not None:
        parts.append(f"confidence: {e.confidence:.3f}")
    if e.note:
        parts.append(e.note)
    return "; ".join(parts) or None


def write_tbx(path: Path, glossary: Glossary, src_lang: str | None = None,
              protect: tuple[str | Path, ...] = (), **_: Any) -> None:
    """Write ``glossary`` as TBX-Basic v3 (DCA)."""
    from lxml import etree

    ns = f"{{{TBX_NS}}}"
    lang = src_lang or (glossary.langs[0] if glossary.langs else "en")
    root = etree.Element(ns + "tbx", nsmap={None: TBX_NS},  # type: ignore[dict-item]
                         type="TBX-Basic", style="dca")
    root.set(_XML_LANG, lang)
    header = etree.SubElement(root, ns + "tbxHeader")
    fdesc = etree.SubElement(header, ns + "fileDesc")
    pub = etree.SubElement(etree.SubElement(fdesc, ns + "publicationStmt"), ns + "p")
    pub.text = f"Glossary {glossary.name or ''} written by parley".replace("  ", " ")
    src = etree.SubElement(etree.SubElement(fdesc, ns + "sourceDesc"), ns + "p")
    src.text = ("Extracted and/or drawn from the parley starter term base; verify against UNTERM "
                "before relying on it.")
    body = etree.SubElement(etree.SubElement(root, ns + "text"), ns + "body")
    for n, e in enumerate(glossary.entries, start=1):
        ce = etree.SubElement(body, ns + "conceptEntry", id=_xml_id(e.id, n))
        if e.subject:
            etree.SubElement(ce, ns + "descrip", type="subjectField").text = e.subject
        note = _note_type(e)
        if note:
            etree.SubElement(ce, ns + "note").text = note
        langs: list[str] = []
        for t in e.terms:
            if t.lang not in langs:
                langs.append(t.lang)
        for lg in langs:
            ls = etree.SubElement(ce, ns + "langSec")
            ls.set(_XML_LANG, lg)
            for t in e.terms_in(lg):
                if t.lang != lg:
                    continue
                ts = etree.SubElement(ls, ns + "termSec")
                etree.SubElement(ts, ns + "term").text = t.text
                pos = _pos(t.pos) or ("properNoun" if e.type in ("person", "place") else "noun")
                etree.SubElement(ts, ns + "termNote", type="partOfSpeech").text = pos
                etree.SubElement(ts, ns + "termNote", type="administrativeStatus").text = (
                    _STATUS_TO_TBX.get(t.status, "admittedTerm-admn-sts"))
                if e.contexts.get(lg) and t is e.terms_in(lg)[0]:
                    etree.SubElement(ts, ns + "descrip", type="context").text = e.contexts[lg]
                if t.count:
                    etree.SubElement(ts, ns + "note").text = f"occurrences: {t.count}"
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    with atomic_open(path, "wb", protect=protect) as fh:
        fh.write(data)


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

    if not path.is_file():
        raise InputError("glossary file not found", path)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             remove_comments=True)
    try:
        root = etree.parse(str(path), parser).getroot()
    except etree.XMLSyntaxError as exc:
        raise FormatError(f"broken TBX/XML: {exc}", path, "check the file is well-formed XML") from exc
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
                                     type=_type_from_note(note)))
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
