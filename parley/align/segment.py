"""Sentence segmentation: a small protocol, a registry of segmenters, and the driver that
cuts a :class:`Document` into :class:`Segment` records with exact character offsets.

Segmenters work on one paragraph at a time, so a sentence never crosses a paragraph.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from parley.align.errors import UsageError
from parley.align.model import Document, Segment


class Segmenter(Protocol):
    """Splits one paragraph into sentence spans ``(start, end)`` relative to the paragraph.

    Spans must be in order, non-overlapping, and cover every non-space character.
    """

    name: str

    def spans(self, text: str) -> list[tuple[int, int]]: ...


class SentencexSegmenter:
    """Wikimedia's sentencex (Rust core, ~300 languages, fast)."""

    name = "sentencex"

    def __init__(self, lang: str):
        self.lang = lang

    def spans(self, text: str) -> list[tuple[int, int]]:
        from sentencex import segment

        out: list[tuple[int, int]] = []
        pos = 0
        for sent in segment(self.lang, text):
            i = text.find(sent.strip(), pos) if sent.strip() else -1
            if i < 0:
                continue
            j = i + len(sent.strip())
            out.append((i, j))
            pos = j
        return out



# --------------------------------------------------------------------------------------------
# parley's rule segmenter
# --------------------------------------------------------------------------------------------

#: Sentence-final punctuation: a spaced or unspaced ellipsis, runs of . ! ? and their Unicode
#: cousins (Arabic question mark, Devanagari danda, fullwidth forms).
_END = r"(?:\.(?:[ \u00a0]?\.){2,}|…+\.?|[.!?‼⁇⁈⁉؟।]+)"
#: Closing quotes and brackets that stay with the sentence they close.
_CLOSE = "\"'»”’)\\]}›」』）"
_CANDIDATE = re.compile(rf"({_END})([{_CLOSE}]*)(?=\s|$)")
#: CJK full stops need no space after them.
_CJK = re.compile(r"[。！？]+[」』”’）)\]]*")
_OPEN = "\"'«“„‘‹([{¿¡「『（"
_DASHES = "-–—"
#: Opening punctuation stripped from the word before a period.
_LEADING = "\"'«“„‘‹([{¿¡*•$€£–—-/"


def _last_token(before: str) -> tuple[str, str]:
    """The word before a period and the text left of it; spaced abbreviations ("т. д", "Л. Н")
    come back joined. Cheaper than a regex anchored at the end, which rescans the window."""
    parts = before.rsplit(None, 2)
    if not parts or before[-1:].isspace():
        return "", before
    token = parts[-1]
    cut = len(before) - len(token)
    if len(parts) >= 2 and len(token) <= 3 and len(parts[-2]) <= 3 and parts[-2].endswith(".") \
            and parts[-2][0].isalpha():
        cut = before.rfind(parts[-2], 0, cut)
        token = parts[-2] + token
    stripped = token.lstrip(_LEADING)
    return stripped, before[:cut]
_ROMAN = re.compile(r"[IVXLC]{1,6}")
#: A list marker alone at a sentence start ("1.", "a)", "• 9.", "iv.").
_LIST = re.compile(r"\s*[•◦▪‣⁃\-*]?\s*(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4})(?:\.\)|\.|\))\s")
#: A paragraph opening an inline enumeration: "1. ... 2. ..." or "a) ... b) ...".
_LIST_START = re.compile(r"\s*([•◦▪‣⁃*]?\s*)(\d{1,3}|[a-z])(\.\)|\.|\))\s")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Words that commonly open a sentence, per language: the only capitals that end a sentence
#: after a ``mid`` abbreviation or a dotted acronym (U.S. How... vs U.S. Government).
_OPENERS: dict[str, frozenset[str]] = {
    "en": _words(
        "a an the this that these those it its he she we they i you there here his her our their "
        "my your in on at but and or so however what how why when where who which if as after "
        "before then yet for from by with while although though thus"
    ),
    "ru": _words(
        "он она оно они мы я вы ты это этот эта эти тот та те там тут здесь в во на по но а и "
        "как что так при с со к о об из у за для после до же если когда где кто однако тем "
        "теперь затем поэтому также кроме"
    ),
    "fr": _words(
        "le la les un une il elle ils elles nous vous je on ce cette ces mais et ou donc en dans "
        "pour par sur avec si quand lorsque cependant"
    ),
    "es": _words(
        "el la los las un una él ella ellos nosotros yo usted este esta estos pero y o en por "
        "para con si cuando sin embargo"
    ),
    "de": _words(
        "der die das ein eine er sie es wir ich ihr man dies diese dieser aber und oder in im am "
        "auf mit für wenn als doch jedoch dann"
    ),
}


@functools.cache
def load_abbreviations(lang: str) -> dict[str, str]:
    """Abbreviation -> kind for ``lang`` from ``align/data/abbrev`` (empty when none)."""
    from importlib import resources

    path = resources.files("parley.align").joinpath("data").joinpath("abbrev").joinpath(f"{lang}.txt")
    if not path.is_file():
        return {}
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 2 and not line.startswith("#"):
            out[parts[0]] = parts[1]
    return out


class RuleSegmenter:
    """parley's own rules: candidate breaks at sentence-final punctuation followed by space,
    kept or dropped by looking at the token before (abbreviation kinds per language, initials,
    numbers, list markers) and the word after (case, dashes of dialogue, openers).

    Written because no measured library handled both English abbreviations and Russian
    ``г.``/``т. д.``/initials; pure ``re`` keeps it near sentencex's speed.
    """

    name = "rules"

    def __init__(self, lang: str):
        from parley.align.lang import base

        self.lang = base(lang)
        self.abbrev = {**load_abbreviations("en"), **load_abbreviations(self.lang)} \
            if self.lang not in {"ru", "uk", "be", "bg", "sr", "kk", "mn"} \
            else {**load_abbreviations("ru"), **load_abbreviations(self.lang)}
        self.openers = _OPENERS.get(self.lang, frozenset())

    def spans(self, text: str) -> list[tuple[int, int]]:
        list_cuts = self._list_cuts(text) if _LIST_START.match(text) else []
        cuts: list[int] = list(list_cuts)
        start = 0
        for m in _CANDIDATE.finditer(text):
            if list_cuts:
                start = max([start, *(c for c in list_cuts if c <= m.start())])
            if self._is_break(text, m, start):
                end = m.group(1)
                if end.startswith(". ") and end.count(".") == 4 and m.start() > 0 \
                        and not text[m.start() - 1].isspace():
                    cuts.append(m.start() + 1)  # "compounds. . . . The": ellipsis opens the next
                else:
                    cuts.append(m.end())
                start = m.end()
        cuts.extend(m.end() for m in _CJK.finditer(text))
        if list_cuts or len(cuts) > 1:
            cuts = sorted(set(cuts))
        cuts.append(len(text))
        out: list[tuple[int, int]] = []
        pos = 0
        for c in cuts:
            if c > pos and not text[pos:c].isspace():
                out.append((pos, c))
            pos = c
        return out

    # -- decisions ----------------------------------------------------------------------------

    def _is_break(self, text: str, m: re.Match[str], sent_start: int) -> bool:
        end, close = m.group(1), m.group(2)
        nxt = text[m.end():m.end() + 80].lstrip()
        if not nxt:
            return False
        first = nxt[0]
        # Dialogue and parenthetical dashes: "Why? – she asked."  "-- voila! -- you have cake."
        if first in _DASHES:
            rest = nxt.lstrip(_DASHES).lstrip()
            if not rest or rest[0].islower():
                return False
            # "«Why? – asked mum. – Tomorrow»", "(... 11 people. - Ed.)": a dash inside an open
            # guillemet or bracket continues the same sentence
            return all(text.count(a, 0, m.start()) <= text.count(b, 0, m.start())
                       for a, b in ("«»", "()"))
        if first in _OPEN:
            stripped = nxt.lstrip(_OPEN)
            first = stripped[0] if stripped else first
        if first.islower() or not (first.isalnum() or first in _OPEN or first in "•◦▪‣⁃*#@"):
            return False
        dots = end.count(".")
        if dots >= 3 or "…" in end:
            return self._ellipsis_break(text, m, dots)
        if end[0] != ".":  # ! ? and their cousins
            return True
        if m.start() - sent_start < 12 and _LIST.fullmatch(text[sent_start:m.end() + 1]):
            return False  # "1. The first item": the marker opens the sentence
        if close:
            return True  # 'He said "No." Then...' - a closing quote ends the abbreviation question
        before = text[max(sent_start, m.start(1) - 40):m.start(1)]
        token, left = _last_token(before)
        if not token:
            return True
        return self._after_token(token, left, nxt, first)

    def _after_token(self, token: str, left: str, nxt: str, first: str) -> bool:
        """Whether the stop after ``token`` ends the sentence, given what follows (``nxt``)."""
        compact = token.replace(" ", "").replace("\u00a0", "")
        kind = self._abbrev_kind(compact)
        if kind is None and len(compact) == 1 and compact.isalpha():
            if compact.isupper():
                # "Albert I. Jones" vs "you and I. Did you"
                if self.lang == "en" and compact == "I":
                    prev = left.rstrip().rsplit(" ", 1)[-1]
                    return bool(prev) and prev[:1].islower()
                kind = "initial"
            else:
                kind = "mid"
        if kind is None:  # a plain word ends the sentence; a German ordinal ("am 3. Oktober") not
            return not (self.lang == "de" and len(compact) <= 2 and compact.isdigit())
        return self._ends_after(kind, left, nxt, first)

    def _abbrev_kind(self, compact: str) -> str | None:
        """The abbreviation kind of a token from the lists, or of its shape (dotted acronyms)."""
        kind = self.abbrev.get(compact)
        if kind is None and (len(compact) > 1 or compact.islower()):
            kind = self.abbrev.get(compact.lower())  # "Art.", "NO."; but "Д." is an initial
        if kind is None and "." in compact and not compact.replace(".", "").isdigit():
            # dotted acronym or initials: U.S, E.U, С.В, a.m
            parts = compact.split(".")
            if all(len(p) <= 2 for p in parts):
                if all(p[:1].isupper() for p in parts):
                    kind = "initials"
                elif all(p.islower() for p in parts):
                    kind = "mid"  # a.m, i.e; a mixed "KP.ru" is a plain word (a domain)
        return kind

    def _ends_after(self, kind: str, left: str, nxt: str, first: str) -> bool:
        """Whether an abbreviation of ``kind`` ends the sentence before ``nxt``."""
        raw = nxt.split(maxsplit=1)[0]
        bare = raw.strip(_OPEN + _CLOSE + ".,;:")
        word = bare.lower()
        if kind == "title" and left.rstrip()[-1:].isdigit():
            kind = "end"  # "10 ft. The wall", not "Ft. Meade"
        if kind in ("title", "initial", "year") or nxt[0] == "(":
            return False
        if kind == "num":  # "p. 55", "fig. IV", "ст. 51"; but "The answer is no. I think"
            return not (first.isdigit() or (_ROMAN.fullmatch(bare) is not None and bare != "I"))
        if kind == "initials":  # "in the U.S. How about you?" / "at 6 P.M. Mr. Smith then"
            if len(bare) == 1 and raw.startswith(bare + "."):
                return False  # another initial follows: "С.В. А. Иванов"
            return word in self.openers or (word.isalpha() and self.abbrev.get(word) == "title")
        if kind == "mid":
            return word in self.openers
        # "4000 долл. США", "5 million Co. NATO": an acronym right after is part of the amount/name
        return not (len(bare) > 1 and bare.isupper())

    def _ellipsis_break(self, text: str, m: re.Match[str], dots: int) -> bool:
        """"that... She left" ends a sentence; "is . . . I didn't" is an omission mark."""
        before = text[m.start(1) - 1] if m.start(1) > 0 else " "
        if before in "[(":
            return False  # "[...]" marks an omission
        return dots >= 4 or not before.isspace()

    def _list_cuts(self, text: str) -> list[int]:
        """Inline enumerations "1. one 2. two" / "a) x b) y": break before each next marker."""
        m = _LIST_START.match(text)
        if not m:
            return []
        bullet, label, punct = m.group(1).strip(), m.group(2), m.group(3)
        cuts: list[int] = []
        pos = m.end()
        while True:
            label = str(int(label) + 1) if label.isdigit() else chr(ord(label) + 1)
            pat = re.compile(r"\s(" + re.escape(bullet) + r"\s*" + re.escape(label)
                             + re.escape(punct) + r")\s")
            nm = pat.search(text, pos)
            if not nm:
                return cuts
            cuts.append(nm.start(1))
            pos = nm.end(1)


def _srx_factory(lang: str) -> Segmenter:
    from parley.align.srx import SrxSegmenter

    return SrxSegmenter(lang)


#: name -> factory(lang) for every segmenter parley knows.
SEGMENTERS: dict[str, Callable[[str], Segmenter]] = {
    "rules": RuleSegmenter,
    "sentencex": SentencexSegmenter,
    "srx": _srx_factory,
}

DEFAULT_SEGMENTER = "rules"


def get_segmenter(lang: str, name: str | None = None, srx: str | None = None) -> Segmenter:
    """The segmenter for ``lang``: SRX rules from a file, the named one, or the default.

    Raises :class:`UsageError` for an unknown name, :class:`InputError`/:class:`FormatError` for
    an SRX file that is missing or broken.
    """
    if srx is not None:
        from parley.align.srx import SrxSegmenter

        return SrxSegmenter(lang, srx)
    key = name or DEFAULT_SEGMENTER
    if key not in SEGMENTERS:
        raise UsageError(f"unknown segmenter {key!r}", hint="one of: " + ", ".join(SEGMENTERS))
    return SEGMENTERS[key](lang)


def _cover(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Make spans trimmed, ordered and covering all non-space text: nothing may be lost."""
    out: list[tuple[int, int]] = []
    pos = 0
    for s, e in sorted(spans):
        s = max(s, pos)
        if s > pos and text[pos:s].strip():
            # text the segmenter skipped becomes its own segment rather than vanishing
            out.append((pos, s))
        if e <= s:
            continue
        out.append((s, e))
        pos = e
    if text[pos:].strip():
        out.append((pos, len(text)))
    trimmed: list[tuple[int, int]] = []
    for s, e in out:
        chunk = text[s:e]
        if not chunk.strip():
            continue
        s2 = s + len(chunk) - len(chunk.lstrip())
        e2 = e - (len(chunk) - len(chunk.rstrip()))
        trimmed.append((s2, e2))
    return trimmed


def segment_document(
    doc: Document, lang: str | None = None, segmenter: Segmenter | None = None
) -> list[Segment]:
    """Cut every paragraph of ``doc`` into sentences; offsets index ``doc.text``."""
    seg = segmenter or get_segmenter(lang or doc.lang or "en")
    out: list[Segment] = []
    for para in doc.paragraphs:
        for s, e in _cover(para.text, seg.spans(para.text)):
            start, end = para.start + s, para.start + e
            out.append(Segment(len(out), para.index, start, end, doc.text[start:end]))
    return out


def segment_file(
    path: str | Path,
    lang: str,
    *,
    encoding: str | None = None,
    srx: str | Path | None = None,
    segmenter: str | None = None,
    paragraphs: str = "auto",
) -> tuple[Document, list[Segment]]:
    """Read ``path`` (txt in any common encoding, docx, html) and cut it into sentences: the one
    call behind ``parley segment``."""
    from parley.align.reader import read_document

    doc = read_document(path, lang=lang, encoding=encoding, paragraphs=paragraphs)
    seg = get_segmenter(lang, segmenter, str(srx) if srx is not None else None)
    return doc, segment_document(doc, lang, seg)


def segment_text(text: str, lang: str, segmenter: Segmenter | None = None) -> list[str]:
    """Convenience: sentences of a plain string (one paragraph per line)."""
    from parley.align.reader import read_text

    return [s.text for s in segment_document(read_text(text, lang), lang, segmenter)]
