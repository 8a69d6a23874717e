"""Word-translation association learnt from the document being checked (issue 16's "lexical
translation probabilities learnt from the pair itself").

The key-term rule finds renderings with one word replaced («атомного оружия» for «ядерного
оружия»). Whether that is a slip or a legitimate rendering the glossary lacks is a lexical
question: is the new word a translation of a word of the source? A translator's variant
recurs across the document as the translation of the term's own word («ядерные объекты» for
"nuclear facilities" in many units), a paraphrase translates another word of the unit («в сфере
развития» where the source says "in the area of"), while a slipped word is this document's
translation of a word the unit does not have (атомный goes with "atomic", хартия with
"charter"), or of nothing at all. Units are word-key sets on both sides; a pair is associated
by Dice over the units or by the share of the target word's units that have the source word,
the unit being judged left out (it would vouch for itself).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from parley.align.model import TranslationUnit
from parley.glossary.morph import get_lemmatizer, stem, stopwords
from parley.glossary.qa.base import WORD

#: units read at most (evenly spread): association needs a few thousand, not every unit
MAX_UNITS = 5_000
#: other units a word pair must share to count as associated (one could be chance)
MIN_PAIRS = 2
#: Dice a pair needs to count as associated
MIN_DICE = 0.1
#: ... or the share of the target word's units that have the source word (a frequent source
#: word with another usual translation: "report" is mostly «доклад», yet «отчет» goes with it)
SHARE = 0.5
#: units with one target word read for its co-occurrences (a frequent word: a sample)
MAX_PAIR_UNITS = 400

#: a tie at least this share of a word's strongest one binds it (see DocLexicon.unbound)
BOUND = 0.5
#: a tie this strong, and this share of the word's strongest, makes a target word a
#: translation of a source word (see DocLexicon.translates)
TRANSLATION_DICE = 0.15
TRANSLATION_SHARE = 0.4

#: what the new word is, by the document's own usage
VARIANT = "variant"  # a translation of a word of the term: an unlisted variant
EXPLAINED = "explained"  # a translation of another word of the unit: a paraphrase
SLIP = "slip"  # neither: another word's translation, or nothing the document knows


@lru_cache(maxsize=200_000)
def src_key(word: str, lang: str) -> str | None:
    """A source word's key (its stem), None for a function word or a short one."""
    low = word.lower()
    if len(low) < 3 or low in stopwords(lang) or low in _PREFIXES:
        return None
    return stem(low, lang)


#: prefixes a hyphen splits off as words ("non-aligned", "non-proliferation"): no content of
#: their own, they would tie every "non-" word's translation to every other («членов» to the
#: "non" of "Non-Aligned")
_PREFIXES = frozenset({"non"})


@lru_cache(maxsize=200_000)
def tgt_key(word: str, lang: str) -> str:
    """A target word's key: its likeliest dictionary form."""
    return get_lemmatizer(lang).lemma(word.lower()).replace("ё", "е")


def src_keys(text: str, lang: str) -> frozenset[str]:
    return frozenset(k for w in WORD.findall(text) if (k := src_key(w, lang)) is not None)


def tgt_keys(text: str, lang: str) -> frozenset[str]:
    return frozenset(tgt_key(w, lang) for w in WORD.findall(text) if len(w) > 2)


@dataclass
class DocLexicon:
    """Inverted indexes of the (sampled) units: word key -> units with it on that side."""

    units: Sequence[TranslationUnit]
    src_lang: str
    tgt_lang: str

    def __post_init__(self) -> None:
        step = max(1, -(-len(self.units) // MAX_UNITS))
        self.sample = range(0, len(self.units), step)
        self.src_df: Counter[str] = Counter()
        self.tgt_units: dict[str, list[int]] = {}
        # the sampled units' source keys are kept: the co-occurrence counts read them again,
        # and reading a unit of a spooled bitext decodes it
        self._keys: dict[int, frozenset[str]] = {}
        for i in self.sample:
            u = self.units[i]
            keys = self._keys[i] = src_keys(u.source, self.src_lang)
            self.src_df.update(keys)
            for k in tgt_keys(u.target, self.tgt_lang):
                self.tgt_units.setdefault(k, []).append(i)
        self._assoc: dict[tuple[str, int], dict[str, float]] = {}
        self._pairs: dict[str, tuple[int, Counter[str]]] = {}

    def unit_keys(self, unit: int) -> frozenset[str]:
        """The source keys of one unit (cached for the units the lexicon has read)."""
        got = self._keys.get(unit)
        if got is None:
            got = self._keys[unit] = src_keys(self.units[unit].source, self.src_lang)
        return got

    def _cooc(self, word: str) -> tuple[int, Counter[str]]:
        """Units with the target word, and the source keys counted over (at most
        :data:`MAX_PAIR_UNITS` of) them, scaled to all."""
        got = self._pairs.get(word)
        if got is None:
            at = self.tgt_units.get(word, [])
            step = max(1, -(-len(at) // MAX_PAIR_UNITS))
            pairs: Counter[str] = Counter()
            for i in at[::step]:
                pairs.update(self.unit_keys(i))
            if step > 1:
                pairs = Counter({x: c * step for x, c in pairs.items()})
            got = self._pairs[word] = (len(at), pairs)
        return got

    def linked(self, word: str, unit: int) -> dict[str, float]:
        """Every source key that goes with the target word ``word`` (a key) in at least
        :data:`MIN_PAIRS` other units, with Dice :data:`MIN_DICE` or more or in
        :data:`SHARE` of the word's units; not competitive, so a word is called a slip only
        when nothing in the unit could have brought it."""
        got = self._assoc.get((word, unit))
        if got is not None:
            return got
        n, pairs = self._cooc(word)
        own: frozenset[str] = frozenset()
        if unit in self.sample and word in tgt_keys(self.units[unit].target, self.tgt_lang):
            own = self.unit_keys(unit)
            n -= 1
        dice = {x: 2 * (c - (x in own)) / (self.src_df[x] - (x in own) + n)
                for x, c in pairs.items() if c - (x in own) >= MIN_PAIRS}
        got = {x: d for x, d in dice.items()
               if d >= MIN_DICE or (n and (pairs[x] - (x in own)) >= SHARE * n)}
        self._assoc[(word, unit)] = got
        return got

    def unbound(self, found: str, unit: int, term: str) -> bool:
        """Whether no word of the unit's source nor of ``term`` goes with the target word
        ``found`` by at least half its strongest tie: a word that translates something the
        unit lacks («Представителя» tied to "representative" at 0.83, to "meeting" of the unit
        at 0.15 only). Stricter than :data:`EXPLAINED`, where any tie counts: a frequent word
        has weak ties to half the vocabulary."""
        links = self.linked(tgt_key(found, self.tgt_lang), unit)
        top = max(links.values(), default=0.0)
        own = self.unit_keys(unit) | src_keys(term, self.src_lang)
        return not any(v >= BOUND * top for x, v in links.items() if x in own)

    def translates(self, word: str, unit: int, keys: frozenset[str]) -> bool:
        """Whether the target word ``word`` (a key) is this document's translation of one of
        the source ``keys``: tied to it by :data:`TRANSLATION_DICE` or more and by at least
        :data:`TRANSLATION_SHARE` of its strongest tie («усилий» for "efforts" at 0.82,
        «результатам» for "outcomes" at 0.21 beside 0.46 for "results"; not «Наций» for
        "system", 0.23 beside its 0.86 for "nations", which "United Nations system" brings)."""
        links = self.linked(word, unit)
        top = max(links.values(), default=0.0)
        return any(v >= TRANSLATION_DICE and v >= TRANSLATION_SHARE * top
                   for x, v in links.items() if x in keys)

    def judge(self, found: str, unit: int, term: str) -> str:
        """:data:`VARIANT`, :data:`EXPLAINED` or :data:`SLIP` for the word ``found`` standing in
        unit ``unit`` where the rendering of source term ``term`` has another word."""
        assoc = self.linked(tgt_key(found, self.tgt_lang), unit)
        if assoc.keys() & src_keys(term, self.src_lang):
            return VARIANT
        if assoc.keys() & self.unit_keys(unit):
            return EXPLAINED
        return SLIP
