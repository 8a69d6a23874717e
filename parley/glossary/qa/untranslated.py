"""Untranslated and empty targets: a copied source, a target still in the source language
(a cheap script and stop-word test, enough to catch a forgotten segment), or nothing at all."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from parley.align.lang import char_script
from parley.align.model import TranslationUnit
from parley.glossary.findings import Finding
from parley.glossary.morph import _TOKEN, words
from parley.glossary.qa.base import QAContext, each_unit, norm_key, register

#: Frequent function words: a target full of the source language's ones was not translated.
STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        [
            "the",
            "of",
            "and",
            "to",
            "in",
            "is",
            "that",
            "for",
            "it",
            "with",
            "as",
            "was",
            "on",
            "be",
            "by",
            "this",
            "are",
            "at",
            "from",
            "or",
            "an",
            "which",
            "have",
            "has",
            "not",
            "were",
            "their",
            "its",
            "shall",
            "will",
            "would",
            "should",
        ]
    ),
    "ru": frozenset(
        [
            "и",
            "в",
            "не",
            "на",
            "что",
            "с",
            "по",
            "для",
            "как",
            "это",
            "к",
            "из",
            "от",
            "о",
            "у",
            "же",
            "за",
            "а",
            "его",
            "она",
            "они",
            "был",
            "были",
            "также",
            "которые",
            "который",
        ]
    ),
    "fr": frozenset(
        [
            "le",
            "la",
            "les",
            "de",
            "des",
            "du",
            "et",
            "à",
            "un",
            "une",
            "est",
            "que",
            "qui",
            "dans",
            "pour",
            "sur",
            "par",
            "pas",
            "au",
            "aux",
            "ce",
            "cette",
            "il",
            "elle",
            "sont",
        ]
    ),
    "es": frozenset(
        [
            "el",
            "la",
            "los",
            "las",
            "de",
            "del",
            "y",
            "en",
            "un",
            "una",
            "es",
            "que",
            "por",
            "para",
            "con",
            "no",
            "se",
            "su",
            "al",
            "lo",
            "como",
            "más",
        ]
    ),
    "de": frozenset(
        [
            "der",
            "die",
            "das",
            "und",
            "in",
            "den",
            "von",
            "zu",
            "mit",
            "ist",
            "im",
            "dem",
            "nicht",
            "ein",
            "eine",
            "auf",
            "für",
            "sich",
            "des",
            "auch",
            "es",
        ]
    ),
}
_SCRIPT_OF = {
    "ru": "CYRILLIC",
    "uk": "CYRILLIC",
    "be": "CYRILLIC",
    "bg": "CYRILLIC",
    "sr": "CYRILLIC",
    "kk": "CYRILLIC",
    "mn": "CYRILLIC",
    "ar": "ARABIC",
    "fa": "ARABIC",
    "ur": "ARABIC",
    "he": "HEBREW",
    "el": "GREEK",
    "zh": "CJK",
    "ja": "CJK",
    "ko": "HANGUL",
    "hy": "ARMENIAN",
    "ka": "GEORGIAN",
    "hi": "DEVANAGARI",
}


def script(lang: str) -> str:
    return _SCRIPT_OF.get(lang.lower().split("-")[0], "LATIN")


def script_share(text: str, name: str) -> float:
    """Share of letters in ``text`` whose Unicode name starts with the script ``name``."""
    return script_shares(text, (name,))[0]


def script_shares(text: str, names: tuple[str, ...]) -> list[float]:
    """:func:`script_share` for several scripts (one word each: "LATIN", "CJK") in one pass
    over the text (the untranslated rule asks two on every unit: a tenth of the whole check
    before); letters are counted first and each distinct one named once (a Python call per
    letter was most of the rule's time)."""
    counts: dict[str, int] = {}
    total = 0
    # every character counted in C first, letters picked among the distinct ones (a call
    # of str.isalpha per character was half the rule's time)
    for c, n in Counter(text).items():
        if c.isalpha():
            name = char_script(c)
            counts[name] = counts.get(name, 0) + n
            total += n
    if not total:
        return [0.0] * len(names)
    return [sum(n for k, n in counts.items() if k.startswith(name)) / total for name in names]


def looks_like(text: str, lang: str, other: str) -> bool:
    """True when ``text`` reads as ``lang`` rather than ``other`` (cheap, for long texts)."""
    if script(lang) != script(other):
        mine, theirs = script_shares(text, (script(lang), script(other)))
        return mine > 0.6 and theirs < 0.2
    ws = [w.lower() for w in words(text)]
    if len(ws) < 5:
        return False
    a = sum(w in STOPWORDS.get(lang.split("-")[0], ()) for w in ws)
    b = sum(w in STOPWORDS.get(other.split("-")[0], ()) for w in ws)
    return a >= 2 and a > 2 * b


class EmptyTargetRule:
    id = "empty-target"
    group = "untranslated"
    severity = "error"
    description = "the target is empty"

    def check(self, ctx: QAContext) -> Iterable[Finding]:
        return each_unit(self, ctx)

    def check_unit(self, ctx: QAContext, i: int, u: TranslationUnit) -> Iterator[Finding]:
        if u.source.strip() and not u.target.strip():
            yield ctx.finding(self, i, "empty target: this segment was not translated")


class UntranslatedRule:
    id = "untranslated"
    group = "untranslated"
    severity = "warning"
    description = "the target equals the source or is still in the source language"

    def check(self, ctx: QAContext) -> Iterable[Finding]:
        return each_unit(self, ctx)

    def check_unit(self, ctx: QAContext, i: int, u: TranslationUnit) -> Iterator[Finding]:
        if not u.target.strip():
            return
        # the source's words that are not bare numbers, counted without a Python call per word
        ws = _TOKEN.findall(u.source)
        n_words = len(ws) - sum(map(str.isdigit, ws))
        if norm_key(u.source) == norm_key(u.target):
            if n_words >= 3:  # names, symbols and "UNESCO" stay as they are
                yield ctx.finding(self, i, "target is identical to the source")
        elif n_words >= 3 and looks_like(u.target, ctx.src_lang, ctx.tgt_lang):
            yield ctx.finding(self, i, f"target looks like {ctx.src_lang}, not {ctx.tgt_lang}")


for _rule in (EmptyTargetRule(), UntranslatedRule()):
    register(_rule)
