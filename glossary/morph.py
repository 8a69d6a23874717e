"""Word-level language tools shared by extraction, lookup and QA: tokens and lemmas.

Russian uses pymorphy3 (dictionary lemmas and parts of speech: inflection is what makes naive
term matching fail on Russian); other languages use simplemma (dictionary lemmas for ~50
languages, pure Python), with a Snowball stem as a further fallback key.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Protocol

_TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)


def tokenize(text: str) -> list[tuple[int, int, str]]:
    """Word tokens with offsets; hyphenated and apostrophe words stay whole."""
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


def words(text: str) -> list[str]:
    return [w for _, _, w in tokenize(text)]


class Lemmatizer(Protocol):
    lang: str

    def lemma(self, word: str) -> str:
        """The most likely dictionary form, lower-cased."""
        ...

    def lemmas(self, word: str) -> frozenset[str]:
        """Every plausible dictionary form (ambiguous words have several)."""
        ...

    def pos(self, word: str) -> str | None:
        """Coarse part of speech (NOUN, ADJ, VERB, ...) where known."""
        ...


class RussianLemmatizer:
    lang = "ru"

    def __init__(self) -> None:
        import pymorphy3

        self._morph = pymorphy3.MorphAnalyzer()

    @lru_cache(maxsize=200_000)  # noqa: B019 - one instance per process
    def _parse(self, word: str) -> tuple[tuple[str, str | None], ...]:
        return tuple(
            (p.normal_form.replace("ё", "е"), p.tag.POS) for p in self._morph.parse(word.lower())
        )

    def lemma(self, word: str) -> str:
        parses = self._parse(word)
        return parses[0][0] if parses else word.lower()

    def lemmas(self, word: str) -> frozenset[str]:
        return frozenset(p[0] for p in self._parse(word)) or frozenset({word.lower()})

    def pos(self, word: str) -> str | None:
        parses = self._parse(word)
        pos = parses[0][1] if parses else None
        return {"ADJF": "ADJ", "ADJS": "ADJ", "PRTF": "ADJ", "INFN": "VERB"}.get(pos or "", pos)


class SimpleLemmatizer:
    """simplemma lemmas for languages it knows; lower-case identity otherwise."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    @lru_cache(maxsize=200_000)  # noqa: B019
    def lemma(self, word: str) -> str:
        import simplemma

        low = word.lower()
        try:
            return str(simplemma.lemmatize(low, lang=self.lang)).lower()
        except ValueError:
            return low

    def lemmas(self, word: str) -> frozenset[str]:
        return frozenset({self.lemma(word), word.lower()})

    def pos(self, word: str) -> str | None:
        return None


@cache
def get_lemmatizer(lang: str) -> Lemmatizer:
    """One shared lemmatizer per language (dictionaries load once)."""
    base = lang.lower().split("-")[0]
    if base == "ru":
        return RussianLemmatizer()
    return SimpleLemmatizer(base)


@cache
def _stemmer(lang: str) -> object | None:
    import snowballstemmer

    names = {"en": "english", "ru": "russian", "fr": "french", "es": "spanish", "de": "german",
             "it": "italian", "pt": "portuguese", "nl": "dutch", "sv": "swedish", "ar": "arabic"}
    name = names.get(lang.lower().split("-")[0])
    return snowballstemmer.stemmer(name) if name else None


def stem(word: str, lang: str) -> str:
    """Snowball stem (lower-cased): a coarser key than the lemma, for unknown words."""
    st = _stemmer(lang)
    low = word.lower().replace("ё", "е")
    return str(st.stemWord(low)) if st is not None else low  # type: ignore[attr-defined]
