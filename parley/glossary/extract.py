"""Bilingual term extraction from an aligned text, as MAP (:func:`gather_stats`) and REDUCE
(:func:`rank_terms`): ``extract_terms(b) == rank_terms(gather_stats(b))``, and the stats of
several bitexts add up, so a corpus is mapped in parallel and ranked once.

Method, and why:

* **Source candidates** are single words and noun-phrase-like n-grams (up to 5 content words)
  cut at stop words, dates, punctuation, numbers and sentence edges; connectors ("of", "de",
  "по", "в") may sit inside a term but not at its edge. Russian candidates must fit
  ADJ* NOUN (NOUN|connector)* by pymorphy3's parts of speech. Words are grouped by lemma, so
  inflected forms count together (see :mod:`parley.glossary.stats`).
* **What is not a term**: a fragment of a longer name ("Security" of "Security Council", "Nations"
  of "United Nations") unless it stands alone in at least half its occurrences; a single
  everyday word (Zipf frequency >= 4 in general language: "cooperation", "report"); a bare
  head shared by several names ("Committee", "Convention", "Republic"), which is a short form
  of whichever name the text means.
* **Termhood** is C-value (frequency, discounted when a candidate mostly occurs nested in a longer
  one) times specificity against general language (wordfreq), so "sanctions" outranks "people".
* **Target equivalents** (:mod:`parley.glossary.pairing`): Dice of unit co-occurrence with
  competitive linking, a check that no part of a multiword source explains the target better,
  and extension to the whole target name; the starter term base adds a prior, transliteration
  helps names. A pair must co-occur in >= 2 units and cover most units of the source term,
  otherwise it is dropped rather than guessed. Variants are the other targets that explain the
  units the main one misses.
* **Citation forms** as a UN glossary lists them: English singular unless the text (nearly)
  only uses the plural ("human rights", "sanctions"); Russian nominative in the English term's
  number, agreement kept, е for ё unless ``keep_yo``.
* **Evidence** travels on each entry: frequency, consistency (share of the source term's units
  rendered by the main target), variants with counts, an example unit, and a status
  (candidate; approved only where an approved term-base entry gives the same pair).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from parley.align.lang import base
from parley.align.model import Bitext
from parley.glossary.model import Glossary, Term, TermEntry
from parley.glossary.morph import (
    Lemmatizer,
    apply_yo,
    cached_morph,
    citation_form,
    connectors,
    get_lemmatizer,
    head_index,
    match_spans,
    nominative_name_first,
    stopwords,
    term_lemmas,
    text_lemmas,
    unelided,
    zipf,
)
from parley.glossary.morph import words as words_of
from parley.glossary.names import (
    ORG_HEADS,
    entry_type,
    name_similarity,
    rare_words,
    transliterate,
    trim_name,
)
from parley.glossary.pairing import (
    _LIGHT_HEADS,
    LOW_COUNT,
    MIN_COVERAGE,
    MIN_DICE,
    MIN_UNITS,
    TIE_LEFT_OUT,
    Links,
    compass_clash,
    variants,
    verb_phrase,
)
from parley.glossary.stats import (
    _AND,
    Candidate,
    Key,
    SideStats,
    TermStats,
    gather_stats,
    unit_tokens,
)
from parley.glossary.termbase import VERIFY_NOTE

__all__ = ["TermStats", "extract_terms", "gather_stats", "name_similarity", "rank_terms",
           "transliterate"]

#: a single word this common in general language is no glossary entry on its own
GENERAL_ZIPF = 4.0
#: a name and a target word this similar once transliterated (see :func:`name_similarity`) are
#: one name written in two scripts
NAME_SIMILAR = 0.6
#: ... and a target this much more similar to another name of the same units is that name's
NAME_MARGIN = 0.15
#: a candidate must stand alone (outside a longer name) in this share of its occurrences
MIN_STANDALONE = 0.5
#: a name that does not transliterate ("Cyprus" → «Кипр», "Basel Convention") needs this Dice
EXONYM_DICE = 0.8
#: ... or this often and in a quarter of them ("Africa" beside "South Africa")
STANDALONE_OFTEN = 8
#: a bare head word of this many names in the text is a short form, not an entry: one is
#: enough ("the Forum" after "the Forum on Forests", "the Summit"; two kept "Forum" and
#: "Summit" in eight 300-unit slices, all of un-dev and its halves the same at either)
GENERIC_HEAD_NAMES = 1
#: a single word this often right before another content word is a modifier (see
#: :meth:`_Ranker._modifier`): adjectives ("humanitarian", "illicit", "ministerial") are;
#: nouns that also modify ("reintegration programmes", "oversight bodies") stand alone more
MODIFIER_SHARE = 0.8
#: letters two words made from one stem share («работа», «рабочий»)
STEM = 4
#: head words that designate one organ on their own, whatever names they also head: "the
#: Secretariat" (a principal organ of the United Nations, Charter Article 7), "the Bureau" (the
#: elected officers of the body a text is about)
_ORGAN_WORDS = frozenset({"secretariat", "bureau"})
#: heads of names of bodies and documents (the generic-head rule applies to these only)
_NAME_HEADS = ORG_HEADS | {"convention", "treaty", "declaration", "protocol", "platform",
                           "republic", "kingdom", "summit", "strategy", "agreement", "initiative",
                           "operation", "operations", "region", "regions", "state", "island",
                           "islands", "plan"}


#: an everyday word is a term when one phrase renders it in at least this share of its units
FIXED_RENDERING = 0.5
#: a candidate opening with an -ing form in this share of its occurrences ...
VERBAL_SHARE = 0.5
#: ... is a term ("the developing countries") only if this share of those follow a determiner
VERBAL_DET_SHARE = 0.1
#: a multiword term whose singular is under this share of its uses is plural by nature
#: ("human rights": the odd "human right" is a slip, not the citation form)
SINGULAR_SLIP = 0.05
#: ... and one whose head names a collective in the plural (:data:`_COLLECTIVE_PLURALS`)
#: under this share: one "a human right" beside eight "human rights" in a 500-unit document
COLLECTIVE_SLIP = 0.25
_COLLECTIVE_PLURALS = frozenset({"rights"})
#: a candidate seen inside one longer candidate in this share of its occurrences is only a
#: fragment of it ("Social Council" of "Economic and Social Council"), however C-value's
#: average over all its containers comes out
NESTED_ONLY = 0.9
#: the most specificity a one-word name (not an acronym) gets: rarity in general language says
#: how far a word is a term, not how far a name is one
NAME_SPECIFICITY = 1.0
#: an acronym is ranked as a name of this many words (it abbreviates one)
ACRONYM_LENGTH = 2
#: score factor of an acronym rendered by an acronym (UNU → УООН): the pair is near-certain and
#: is what translators look up most, yet a UN text names most bodies by acronym only 3–5 times
ACRONYM_PAIR_BOOST = 2.5
#: a Russian target's opening noun is context when the rest of it is in this many times
#: more of the source term's units (see :meth:`_Ranker._context_head`)
CONTEXT_HEAD_SHARE = 1.5
#: score factor of a single word rendered by a phrase ("biennium" → «двухгодичный период»):
#: it undoes the single-word discount of :func:`_termhood`
PHRASE_RENDERING_BOOST = 2.5
#: score factor of the name of a body rendered by a capitalised name (Human Rights Council →
#: Совет по правам человека): like acronyms, most bodies are named only a few times
BODY_PAIR_BOOST = 1.6

#: an acronym rendered by an acronym of the target language (HIV → ВИЧ, UNIFIL → ВСООНЛ)
#: cannot transliterate; this Dice suffices
ACRONYM_DICE = 0.6

_ROMAN = re.compile(r"[IVXLC]+")
#: words glued by converted documents: «ХабитатIII» (a numeral lost its space), «ООНХабитат»
#: (an acronym lost its hyphen before a name; «СПИДом», an acronym's case ending, stays)
_GLUED_NUMERAL = re.compile(r"(?<=[а-яё])(?=[IVX]+\b)")
_GLUED_ACRONYM = re.compile(r"\b([А-ЯЁ]{2,})(?=[А-ЯЁ][а-яё]{3,})")
_GLUED_FOOTNOTE = re.compile(r"(?<=[^\W\d_]{2})\d+$")


def unglue(text: str) -> str:
    """A citation form without the glued words of a converted document: «Хабитат III»,
    «ООН-Хабитат», as UN Russian writes them."""
    return _GLUED_ACRONYM.sub(r"\1-", _GLUED_NUMERAL.sub(" ", text))


def _acronyms(src_text: str, tgt_words: list[str]) -> bool:
    """Both sides a single acronym."""
    return (len(src_text) > 1 and src_text.isupper() and " " not in src_text
            and len(tgt_words) == 1 and len(tgt_words[0]) > 1 and tgt_words[0].isupper())


@dataclass(frozen=True)
class Renderings:
    """A term base entry's target terms, matched loosely: a text key is one of them when its
    content words are the same in the same order, endings of number, gender and participle
    aside, whatever the articles and prepositions between them. The text repeats an article
    after «et» («paix et la sécurité internationales» for the listed «paix et sécurité
    internationales»), writes the plural («institutions spécialisées» for «institution
    spécialisée»), and the lemmatizer reads two forms of one word apart («dotés», «doté»);
    an exact key missed all of them, so the extractor kept a fragment («sécurité
    internationales») over the listed rendering."""

    lang: str
    keys: frozenset[tuple[str, ...]] = frozenset()

    @classmethod
    def of(cls, keys: Iterable[Key], lang: str) -> Renderings:
        return cls(lang, frozenset(k for k in (_loose(x, lang) for x in keys) if k))

    def __contains__(self, key: object) -> bool:
        return isinstance(key, tuple) and _loose(key, self.lang) in self.keys


@lru_cache(maxsize=100_000)
def _loose(key: Key, lang: str) -> tuple[str, ...]:
    """``key`` without articles, prepositions and coordinators (an elided «l'» too), each
    word without the endings of number, gender and participle (see :class:`Renderings`)."""
    drop = _function_words(lang)
    return tuple(_INFLECTION.sub("", w) or w for w in key
                 if w not in drop and not w.endswith(("'", "’")))


def _shape(text: str, lang: str) -> tuple[str, ...]:
    """The words of ``text`` as written, without function words and the endings of number
    and gender (see :data:`_INFLECTION`): «Estado Miembro» and «Estados Miembros» are one
    term whatever the lemmatizer makes of «Estado» (the verb estar)."""
    return _loose(_content(text.casefold().replace("ё", "е"), lang), lang)


def _content(text: str, lang: str) -> tuple[str, ...]:
    """The words of ``text`` as written (lower-case), without articles, prepositions and
    coordinators."""
    drop = _function_words(lang)
    words = (t.word.lower() for chunk in unit_tokens(text, lang) for t in chunk)
    return tuple(w for w in words if w not in drop and not w.endswith(("'", "’")))


@lru_cache(maxsize=16)
def _function_words(lang: str) -> frozenset[str]:
    return connectors(lang) | _INDEFINITE


#: the coordinators, and the articles (with «de» folded in) that French and Spanish repeat
#: after one, which a glossary leaves out (see :func:`bare_coordination`)
_COORDINATORS = {"fr": frozenset({"et", "ou"}), "es": frozenset({"y", "e", "o", "u"})}
_REPEATED_ARTICLES = {
    "fr": frozenset({"le", "la", "les", "l'", "l’", "du", "des"}),
    "es": frozenset({"el", "la", "los", "las", "del"}),
}
_ENGLISH_ARTICLES = frozenset({"the", "a", "an"})


def two_phrases(src_text: str, lang: str) -> bool:
    """Whether an English term coordinates two phrases, each with its own head: two words or
    more before the one "and"/"or", none of them a function word or a list's comma, and no
    capital ("crime prevention and criminal justice", "human rights and fundamental freedoms";
    not "crime and violence prevention", "Commission on Crime Prevention and Criminal
    Justice", "United Nations Relief and Works Agency")."""
    if not src_text.islower():
        return False  # a name ("United Nations Relief and Works Agency") is cited as written
    words = src_text.split()
    ands = [i for i, w in enumerate(words) if w in ("and", "or")]
    if base(lang) != "en" or len(ands) != 1 or not 2 <= ands[0] < len(words) - 1:
        return False
    return not any(w in stopwords(lang) or w.endswith(",") for w in words[:ands[0]])


def bare_coordination(tgt_text: str, src_text: str, lang: str) -> str:
    """A French or Spanish coordination cited as a glossary lists it: «femmes et filles»,
    «paz y seguridad», for the text's «femmes et des filles» («droits des femmes et des
    filles»), «paz y la seguridad». The article the text repeats after the coordinator
    goes where the term opens without one (so it came from the sentence, not the term) and
    the English says none there; a name that has one keeps it ("Latin America and the
    Caribbean": «Amérique latine et les Caraïbes»; «Organisation pour la sécurité et la
    coopération en Europe»). «de» alone stays: it is a preposition of the term («armes
    légères et de petit calibre»)."""
    conj = _COORDINATORS.get(base(lang))
    if conj is None:
        return tgt_text
    words = tgt_text.split(" ")
    at = next((i for i, w in enumerate(words) if w.lower() in conj), None)
    src = src_text.lower().split()
    if (at is None or at == 0 or any(w in _ENGLISH_ARTICLES for w in src)
            or any(w.lower() in _function_words(lang) or "'" in w or "’" in w
                   for w in words[:at])):
        return tgt_text
    arts = _REPEATED_ARTICLES[base(lang)]
    rest = words[at + 1:]
    while len(rest) > 1 and rest[0].lower() in arts:
        rest = rest[1:]
    first = rest[0] if rest else ""
    for elided in ("l'", "l’"):
        if first.lower().startswith(elided) and len(first) > 2:
            rest = [first[2:], *rest[1:]]
    return " ".join(words[:at + 1] + rest)


#: languages whose texts repeat articles a glossary leaves out (see :meth:`_Ranker._as_listed`)
_ELIDING = frozenset({"fr", "es", "it", "ca"})
#: the indefinite articles, as written and as the statistics key them (the lemma of «des»)
_INDEFINITE = frozenset({"un", "une", "des", "uno", "una", "unos", "unas"})
#: endings the lemmatizer leaves on some forms and not others: «dotés» → doté but «doté» →
#: doter, «spécialisées» → spécialiser, «spécialisée» → spécialisé; a plural it keeps. No
#: derivation: «présidence» stays apart from «président» (a stemmer joins them)
_INFLECTION = re.compile(r"(?:er|ée|é|e)?s?$")


@dataclass(frozen=True)
class TermbaseIndex:
    """Lemma keys of a term base: source entries, their target renderings (all, approved)."""

    by_src: dict[Key, TermEntry]
    tgt_keys: dict[Key, Renderings]
    approved: dict[Key, Renderings]

    @property
    def words(self) -> set[str]:
        return {w for k in self.by_src for w in k}

    def renderings(self, key: Key) -> Renderings:
        return self.tgt_keys.get(key) or _NO_RENDERINGS


_NO_RENDERINGS = Renderings("")


def _text_key(text: str, lang: str) -> Key:
    """A term base term's key as the statistics key the same words in running text (see
    :func:`parley.glossary.stats.unit_tokens`): «droits de l'homme» is ``(droit, de, l', homme)``
    there, the elided article a token of its own."""
    return tuple(t.lemma for chunk in unit_tokens(text, lang) for t in chunk)


def _run_of(part: Key, whole: Key) -> bool:
    """Whether ``part`` is a run of consecutive words of ``whole``."""
    n = len(part)
    return any(whole[i:i + n] == part for i in range(len(whole) - n + 1))


#: units of a pair that must hold the rest of a term base rendering it is a run of (see
#: _Ranker.whole_listed)
WHOLE_SHARE = 0.5
#: share of a source term's units a term base rendering must be in to be its main target (see
#: :meth:`_Ranker.choose_target`): less than other targets need, the term base vouching for it
#: ("outer space": «espace extra-atmosphérique» in 6 of 15 units, «activités spatiales» for
#: "outer space activities" giving the adjective «spatiale» 8)
KNOWN_COVERAGE = 0.25


def termbase_index(termbase: Glossary | None, src_lang: str, tgt_lang: str) -> TermbaseIndex:
    by_src: dict[Key, TermEntry] = {}
    tgt: dict[Key, set[Key]] = defaultdict(set)
    approved: dict[Key, set[Key]] = defaultdict(set)
    if termbase is not None:
        for e in termbase.entries:
            tks = [_text_key(t.text, tgt_lang) for t in e.terms_in(tgt_lang)]
            for s in e.terms_in(src_lang):
                key = _text_key(s.text, src_lang)
                if not key:
                    continue
                by_src.setdefault(key, e)
                tgt[key].update(k for k in tks if k)
                if e.is_approved:
                    approved[key].update(k for k in tks if k)
    return TermbaseIndex(by_src, {k: Renderings.of(v, tgt_lang) for k, v in tgt.items()},
                         {k: Renderings.of(v, tgt_lang) for k, v in approved.items()})


@dataclass(frozen=True)
class Pair:
    """A source term with its chosen main target, before variants and final ranking."""

    key: Key
    tk: Key
    score: float
    confidence: float
    main_units: frozenset[int]
    #: the capitalised rare words of a name (they must transliterate; a title may be trimmed)
    rare: tuple[str, ...] = ()
    #: False for a right pair that is no entry ("Turkish military aircraft"): it still holds
    #: its target, which is no other source term's translation
    listed: bool = True


#: specificity of a phrase unknown to general language
SPECIFICITY_MAX = 1.5


def _specificity(phrase: str, lang: str) -> float:
    return min(SPECIFICITY_MAX, max(0.05, (7.0 - zipf(phrase, lang)) / 3.0))


def _is_proper(c: Candidate, lang: str) -> bool:
    """Capitalised mid-sentence (or, when only ever sentence-initial, a rare or multiword name)."""
    if c.freq - c.embedded > c.initial:
        free = c.freq - c.embedded - c.initial
        return c.cap - c.initial >= 0.6 * free and c.cap > c.initial
    words = next(iter(c.surfaces)).split()
    return c.cap == c.freq - c.embedded and (len(words) > 1 or zipf(words[0].lower(), lang) < 3.0)


def _surface(c: Candidate, lang: str, caps: frozenset[str]) -> list[tuple[list[str], int]]:
    """Surface variants with counts, as written mid-sentence first; forms seen at the start of
    a sentence follow, lower-cased unless the phrase (or the word) is a name, so a citation
    form can still use them ("Стрелковое оружие ..." opening a sentence is the nominative)."""
    proper = _is_proper(c, lang)
    initial: Counter[tuple[str, ...]] = Counter()
    for s, n in (c.surfaces - c.mid).items():
        initial[tuple(w if proper or (w.isupper() and len(w) > 1) or w.lower() in caps
                      else w.lower() for w in s.split())] += n
    out = [(s.split(), n) for s, n in _hyphen_merged(c.mid).most_common()]
    return out + [(list(s), n) for s, n in initial.most_common()]


def _lower_case_forms(variants_: list[tuple[list[str], int]], src_text: str,
                      lang: str) -> list[tuple[list[str], int]]:
    """A general term's translation in the spelling the text uses outside names: "working
    group" is «groupe de travail» even where most mentions are of one «Groupe de travail ...»,
    "non-proliferation" «no proliferación» though the Treaty's title capitalises it. Only the
    forms all in lower case compete once one is seen twice (not for Russian or English targets:
    there the variants decide the grammatical form or the number)."""
    if base(lang) in ("ru", "en") or not src_text.islower():
        return variants_
    lower = [v for v in variants_ if v[1] >= 2 and all(w.islower() for w in v[0])]
    return lower or variants_


def _hyphen_merged(forms: Counter[str]) -> Counter[str]:
    """Spellings that differ only by a lost hyphen ("NonProliferation" beside
    "Non-Proliferation", an artefact of converted documents) count as the hyphenated one."""
    best: dict[str, str] = {}
    for s in forms:
        k = s.replace("-", "")
        if k not in best or s.count("-") > best[k].count("-"):
            best[k] = s
    out: Counter[str] = Counter()
    for s, n in forms.items():
        out[best[s.replace("-", "")]] += n
    return out


def _generic_heads(cands: dict[Key, Candidate], lang: str) -> set[str]:
    """Head lemmas of capitalised names (:data:`GENERIC_HEAD_NAMES` or more: "committee":
    Special Committee, Fifth Committee, Committee on ...), names seen once among them, bar
    :data:`_ORGAN_WORDS`."""
    conns = connectors(lang)
    names: dict[str, set[Key]] = defaultdict(set)
    for key, c in cands.items():
        if len(key) < 2 or c.cap < 0.6 * max(1, c.freq - c.embedded):
            continue
        names[key[-1]].add(key)
        if key[1] in conns:
            names[key[0]].add(key)
    return {h for h, ks in names.items() if len(ks) >= GENERIC_HEAD_NAMES and h in _NAME_HEADS
            and h not in _ORGAN_WORDS}


def _is_term_candidate(key: Key, c: Candidate, lang: str, generic: set[str],
                       in_termbase: bool) -> bool:
    free = c.freq - c.embedded
    if c.verbal > VERBAL_SHARE * c.freq and c.det < VERBAL_DET_SHARE * c.verbal:
        return False  # "fighting cybercrime": a verb and its object, not a term
    if free < MIN_UNITS or (free < MIN_STANDALONE * c.freq and free < max(
            STANDALONE_OFTEN, c.freq / 4)):
        return False  # a fragment of a longer name
    if len(key) > 1:
        ws = next(iter(c.mid or c.surfaces)).split()
        return not (_phrase_about_name(ws, lang) or _name_and_phrase(ws, lang)
                    or (_judged(ws, lang) and not in_termbase))
    word = next(iter(c.mid or c.surfaces))
    if _ROMAN.fullmatch(word):
        return False  # a numeral ("II", "III")
    if word.isupper() and len(word) > 1:
        return True  # an acronym
    if _is_proper(c, lang):
        return key[0] not in generic
    del in_termbase
    # an everyday word ("cooperation", "agenda") goes on to pairing too: it is an entry only
    # when a phrase renders it (_Ranker.pair)
    return True


#: English adjectives that say how much or how fitting something is, or when (a document's
#: "previous report", "next reporting" period, "past year"), not what kind it is: with a noun
#: they make a collocation ("key role", "overall objective", "concerted efforts", "relevant
#: provisions", "vast majority"), no entry for a glossary. Not "major" ("major groups"), "additional"
#: ("additional protocol"), "critical", "essential", "fundamental" (kinds in UN terminology)
_EVALUATIVE = frozenset([
    "key", "overall", "appropriate", "usual", "concerted", "important", "significant",
    "relevant", "necessary", "further", "particular", "various", "certain", "current",
    "recent", "respective", "adequate", "positive", "greater", "specific", "active",
    "meaningful", "timely", "valuable", "considerable", "substantial", "urgent", "genuine",
    "vast", "previous", "next", "past", "last"])


def _judged(words: list[str], lang: str) -> bool:
    """An evaluative adjective and its noun ("key role", "significant progress"): a
    collocation, not a term (see :data:`_EVALUATIVE`); a term base entry still stands."""
    return base(lang) == "en" and len(words) == 2 and words[0] in _EVALUATIVE


def _name_and_phrase(words: list[str], lang: str) -> bool:
    """"Nicosia FIR and the national airspace", "United Nations and other organizations": a
    name listed with a lower-case phrase is a list, neither a name nor a term."""
    ands = [i for i, w in enumerate(words) if w.lower() in _AND]
    if len(ands) != 1 or ands[0] == 0:
        return False
    conns = connectors(lang)
    a = [w for w in words[:ands[0]] if w.lower() not in conns]
    b = [w for w in words[ands[0] + 1:] if w.lower() not in conns]
    return (bool(a) and bool(b) and all(w[:1].isupper() for w in a)
            and all(w[:1].islower() for w in b))


def _phrase_about_name(words: list[str], lang: str) -> bool:
    """"report of the Secretary-General", "national airspace of the Republic of Cyprus",
    "armed forces of the Republic of Armenia": a lower-case phrase about a name is
    compositional: the name and the phrase (when it stands alone) are the entries. A
    terminologist lists "rules of procedure" and "Security Council", not the two glued."""
    if len(words) < 3 or words[0][:1].isupper():
        return False
    conns = connectors(lang)
    for j in range(1, len(words) - 1):
        if words[j].lower() not in conns or words[j].lower() in _AND:
            continue
        if any(w[:1].isupper() for w in words[:j]):
            return False
        rest = [w for w in words[j:] if w.lower() not in conns]
        if rest and all(w[:1].isupper() for w in rest):
            return True
    return False


def _termhood(side: SideStats, tb: TermbaseIndex, caps: frozenset[str]) -> dict[Key, float]:
    """Termhood of each acceptable source candidate (0 for the rest)."""
    # names seen once count: a short text names several committees once each
    generic = _generic_heads(side.cands, side.lang)
    cands = {k: c for k, c in side.cands.items() if c.n_units >= MIN_UNITS}
    cands = {k: c for k, c in cands.items()
             if _is_term_candidate(k, c, side.lang, generic, k in tb.by_src)}
    longest = _max_container(cands)
    beside = _beside_name(cands, connectors(side.lang))
    cands = {k: c for k, c in cands.items() if longest.get(k, 0) < NESTED_ONLY * c.freq
             and (not c.embedded or beside.get(k, 0) + c.embedded < NESTED_ONLY * c.freq)}
    cval = _c_value(cands, side.lang)
    out: dict[Key, float] = {}
    del caps
    for key, c in cands.items():
        surf = (c.mid or c.surfaces).most_common(1)[0][0]  # Zipf ignores case
        prior = 1.5 if key in tb.by_src else 1.0
        if len(key) == 1 and key not in tb.by_src and not _is_proper(c, side.lang):
            prior = 0.4 if _specificity(surf, side.lang) > 1.0 else 0.15
        spec = _specificity(surf, side.lang)
        if len(key) == 1 and not surf.isupper() and _is_proper(c, side.lang):
            # a one-word name ("Burundi", "Aleppo") is no more a term for being rare in general
            # English: its rarity is neutral, only its commonness counts against it ("France")
            spec = min(spec, NAME_SPECIFICITY)
        out[key] = cval[key] * spec * prior
    for key in [k for k, c in cands.items() if _names_listed(k, c, cands, out, side.lang)]:
        out[key] = 0.0
    return out


def _names_listed(key: Key, c: Candidate, cands: dict[Key, Candidate], termhood: dict[Key, float],
                  lang: str) -> bool:
    """"Sudan and South Sudan", "United Nations and UNEP": two names, each an entry of its own,
    joined by "and" are a list, not a name ("Economic and Social Council", "Latin America and
    the Caribbean" are names: their parts are no entries of their own)."""
    ands = [i for i, w in enumerate(key) if w in _AND]
    if len(ands) != 1 or not _is_proper(c, lang):
        return False
    a, b = key[:ands[0]], key[ands[0] + 1:]
    if b[:1] == ("the",):
        b = b[1:]
    return all(termhood.get(k, 0.0) > 0 and _is_proper(cands[k], lang) for k in (a, b))


def _term_length(key: Key, c: Candidate, conns: frozenset[str]) -> int:
    """The length C-value rewards: content words only ("of the" makes no phrase more of a
    term), and an acronym counts as the multiword name it abbreviates."""
    n = sum(1 for w in key if w not in conns)
    if len(key) == 1:
        word = next(iter(c.mid or c.surfaces), "")
        if len(word) > 1 and word.isupper():
            return ACRONYM_LENGTH
    return max(1, n)


def _max_container(cands: dict[Key, Candidate]) -> dict[Key, int]:
    """For each candidate, the frequency of its commonest longer candidate holding it."""
    out: dict[Key, int] = {}
    for key, c in cands.items():
        n = len(key)
        for m in range(1, n):
            for i in range(n - m + 1):
                sub = key[i:i + m]
                if sub in cands and out.get(sub, 0) < c.freq:
                    out[sub] = c.freq
    return out


def _beside_name(cands: dict[Key, Candidate], conns: frozenset[str]) -> dict[Key, int]:
    """For each candidate, the frequency of its commonest longer candidate that goes on across
    a connector: "Democratic Republic" in "Democratic Republic of the Congo", "America" in
    "United States of America". Occurrences there are not counted as inside a longer name
    (:func:`parley.glossary.stats._embedded` stops at connectors), so the two add up: "America"
    is in "United States of America" 17 times and inside "Latin America" and the like 12 times
    of 30, a fragment however its parts come out."""
    out: dict[Key, int] = {}
    for key, c in cands.items():
        for m in range(1, len(key) - 1):
            head, tail = key[:m], key[m + 1:]
            if key[m] not in conns:
                continue
            if head in cands and out.get(head, 0) < c.freq:
                out[head] = c.freq
            if len(tail) == 1 and tail in cands and out.get(tail, 0) < c.freq:
                out[tail] = c.freq
    return out


def _c_value(cands: dict[Key, Candidate], lang: str) -> dict[Key, float]:
    """C-value (Frantzi et al.): frequency discounted by the frequency of containing terms."""
    import math

    conns = connectors(lang)

    nested_in: dict[Key, list[int]] = defaultdict(list)
    for key, c in cands.items():
        n = len(key)
        for m in range(1, n):
            for i in range(n - m + 1):
                sub = key[i:i + m]
                if sub in cands:
                    nested_in[sub].append(c.freq)
    out: dict[Key, float] = {}
    for key, c in cands.items():
        longer = nested_in.get(key)
        f = c.freq - (sum(longer) / len(longer) if longer else 0.0)
        out[key] = math.log2(_term_length(key, c, conns) + 1) * max(f, 0.0)
    return out


def _plural_word(word: str, lem: Lemmatizer) -> bool:
    """Whether an English noun is a plural form: its lemma differs ("groups", "women"), and
    not as a verb's ("planning", "meeting" lemmatise to "plan", "meet" but are singular nouns
    at the head of a term: "family planning", "expert group meeting")."""
    low = word.lower()
    return lem.lemma(word) != low and not low.endswith("ing")


def _english_citation(variants_: list[tuple[list[str], int]], lang: str,
                      attributive: Counter[str] | None = None) -> tuple[str, str | None]:
    """An English (or other Latin-script) source term's citation form and its number, as a UN
    glossary lists it: singular ("armed group", "stakeholder"), unless the term is plural by
    nature: the text (nearly) never uses its singular, and for a single word the plural is also
    the commoner form in general English ("sanctions", "safeguards"; "human rights"). Names
    are cited as written; their number is None (Russian then votes its own).
    ``attributive`` counts the forms seen before another noun ("human resource management"):
    English drops the plural of a noun used as a modifier, so a term seen in the singular
    only there, with a head whose plural is the commoner form in general English, is plural
    by nature ("human resources"; not "nuclear weapons" beside "nuclear weapon test")."""
    words = variants_[0][0]
    if base(lang) != "en" or (any(w[:1].isupper() for w in words) and not _named_kind(words)):
        return " ".join(words), None
    lem = get_lemmatizer(lang)
    total = sum(n for _, n in variants_)
    conns = connectors(lang)
    if any(w.lower() in _AND for w in words[1:-1]):
        return " ".join(words), None  # a coordination is cited as used: "women and girls"

    def head_at(ws: list[str]) -> int:  # English noun phrases end in their head, bar "X of Y"
        return next((i - 1 for i in range(1, len(ws)) if ws[i].lower() in conns), len(ws) - 1)

    def singular(ws: list[str]) -> bool:
        h = ws[head_at(ws)]
        return not _plural_word(h, lem)

    sing = [(w, n) for w, n in variants_ if singular(w)]
    attr = attributive or Counter()
    share = sum(n for _, n in sing) / total if total else 0.0
    h = head_at(words)
    plural_commoner = zipf(words[h].lower(), lang) - zipf(lem.lemma(words[h]), lang) >= 0.25
    if sing and plural_commoner and all(attr[" ".join(w)] >= n for w, n in sing):
        share = 0.0  # singular only as a modifier: "human resource management"
    # a kind of document named after a body ("General Assembly resolution") counts its
    # copies: no text using only its plural makes it plural by nature
    # "rights" after a modifier names a body of rights ("human rights", "women's rights"): the
    # singular is one right ("a human right"), so one such use in a document is no citation
    slip = COLLECTIVE_SLIP if words[-1].lower() in _COLLECTIVE_PLURALS else SINGULAR_SLIP
    plural_by_nature = not _named_kind(words) and (share < slip if len(words) > 1 else (
        share < 0.3 and plural_commoner))
    if plural_by_nature:
        plur = [w for w, _ in variants_ if not singular(w)]
        return " ".join(plur[0] if plur else words), "plur"
    if sing:
        return " ".join(sing[0][0]), "sing"
    ws = list(words)
    ws[h] = lem.lemma(ws[h])
    return " ".join(ws), "sing"


#: a name used in both numbers is cited in the one the text uses in more than this share
NAME_NUMBER_SHARE = 0.5


def _name_number(variants_: list[tuple[list[str], int]], lang: str) -> str | None:
    """The number of a capitalised term that the text uses in both numbers ("States parties"
    64 times, "State party" 31): its commoner one, so the Russian follows the English rather
    than a vote over ambiguous case forms. None for a name only ever in one number ("United
    Nations": not the plural of a countable thing) or with no clear majority."""
    lem = get_lemmatizer(lang)
    conns = connectors(lang)
    counts: Counter[str] = Counter()
    for ws, n in variants_:
        h = next((ws[i - 1] for i in range(1, len(ws)) if ws[i].lower() in conns), ws[-1])
        counts["plur" if _plural_word(h, lem) else "sing"] += n
    total = sum(counts.values())
    if len(counts) < 2:
        return None
    number, n = counts.most_common(1)[0]
    return number if n > NAME_NUMBER_SHARE * total else None


def _russian_plural_only(tgt_var: list[tuple[list[str], int]]) -> bool:
    """Whether every Russian form seen has a head noun (its first noun) that reads only as a
    plural («коренных народов», «коренные народы»; not «народа», nor «молодежь»)."""
    morph = cached_morph()
    for words, _ in tgt_var:
        for w in words:
            nouns = [p for p in morph.parse(w.lower()) if p.tag.POS == "NOUN"]
            if nouns:
                if any(p.tag.number != "plur" for p in nouns):
                    return False
                break
        else:
            return False
    return True


def _person_title(tgt_var: list[tuple[list[str], int]], tgt_lang: str) -> bool:
    """Whether a capitalised term used in both numbers names a person's role ("Vice-Chairs" →
    «заместители Председателя»: the Russian head noun is animate), which a glossary cites in the
    singular, unlike a body or a group of States ("States parties" → «государства-участники»)."""
    if base(tgt_lang) != "ru":
        return False
    morph = cached_morph()
    for w in tgt_var[0][0]:
        nouns = [p for p in morph.parse(w.lower()) if p.tag.POS == "NOUN"]
        if nouns:
            return nouns[0].tag.animacy == "anim"
    return False


def _named_kind(words: list[str]) -> bool:
    """A kind of thing named after a body ("Security Council resolution", "General Assembly
    resolution"): the head is a common noun with a number of its own, so the citation form is
    singular like any general term's, not whatever form the text happened to use most."""
    return len(words) >= 3 and words[-1].islower() and all(w[:1].isupper() for w in words[:-1])


def _by_number(variants_: list[tuple[list[str], int]], lang: str,
               number: str) -> tuple[list[tuple[list[str], int]], bool]:
    """Target forms in the source term's number first ("arme nucléaire" for "nuclear weapon"):
    the head of a French or Spanish noun phrase is its first word. The flag says whether any
    form in that number was seen."""
    def num(ws: list[str]) -> str:
        return _romance_number([(ws, 1)], lang)

    same = [(w, n) for w, n in variants_ if num(w) == number]
    if not same:
        return variants_, False
    top = max(n for _, n in variants_)
    return [(w, top + n) if num(w) == number else (w, n) for w, n in variants_], True


def _romance_number(variants_: list[tuple[list[str], int]], lang: str) -> str:
    """Number of the commonest form of a French/Spanish noun phrase (its first word)."""
    w = max(variants_, key=lambda v: v[1])[0][0]
    lem = get_lemmatizer(lang)
    return "sing" if lem.lemma(w) == w.lower() or not w.lower().endswith(("s", "x")) else "plur"


def _in_number(variants_: list[tuple[list[str], int]], lang: str, number: str) -> str | None:
    """The commonest English form of a term in ``number`` (head = last word before "of")."""
    lem = get_lemmatizer(lang)
    conns = connectors(lang)
    for ws, _ in variants_:
        h = next((ws[i - 1] for i in range(1, len(ws)) if ws[i].lower() in conns), ws[-1])
        if (not _plural_word(h, lem)) == (number == "sing"):
            return " ".join(ws)
    return None


def _agree_number(variants_: list[tuple[list[str], int]], ru_term: str, current: str) -> str:
    """Pick the English form whose number matches the Russian citation form ("foreign minister"
    for "министр иностранных дел", "sanctions" for "санкции")."""
    morph = cached_morph()
    head = next((p for w in ru_term.split() for p in morph.parse(w.lower())[:1]
                 if p.tag.POS == "NOUN"), None)
    if head is None or head.tag.number is None:
        return current
    plural = head.tag.number == "plur"
    lem = get_lemmatizer("en")
    for words, _ in variants_:
        last = words[-1].lower()
        if _plural_word(last, lem) == plural:
            return " ".join(words)
    return current


def _person_like(words: list[str], rare: list[str], tgt_words: list[str], tgt_lang: str) -> bool:
    """Whether a phrase holding a name is a person's name with a title around it ("Secretary of
    State Rex Tillerson"), so the title can be trimmed off; "Sierra Leone" and "Commission on
    Narcotic Drugs" stay whole."""
    if len(rare) == len(words):
        return False
    if base(tgt_lang) == "ru":
        morph = cached_morph()
        return any({"Name", "Surn", "Patr"} & set(str(morph.parse(w)[0].tag).replace(" ", ",")
                                                  .split(",")) for w in tgt_words)
    idx = [i for i, w in enumerate(words) if w in rare]
    cut = words[:idx[0]] + words[idx[-1] + 1:]
    return any(w.islower() for w in cut) and len(words) - len(cut) >= 2


def _title_before_name(words: list[str], rare: list[str], tgt_words: list[str]) -> str | None:
    """The title alone, when the source ends in a person's name that the target leaves out:
    "US Secretary of State Rex Tillerson" paired with «Государственный секретарь США» (the text
    writes the name apart, «Р.Тиллерсон») is the entry "US Secretary of State". The name is two
    rare capitalised words or more at the end that no target word transliterates; None where
    there is no such name or the target has it (see :func:`_person_like`)."""
    k = 0
    while k < len(words) and words[-1 - k] in rare:
        k += 1
    if k < 2 or k == len(words):
        return None
    if any(name_similarity(r, w) >= NAME_SIMILAR for r in words[-k:] for w in tgt_words):
        return None
    return " ".join(words[:-k])


def _russian_new_head(longer: Key, shorter: Key) -> bool:
    """Whether ``longer`` adds a noun before ``shorter`` («участник договор о ...» around
    «договор о ...»): a Russian noun phrase opens with its head (after its adjectives), so
    the longer phrase names another thing; an adjective before it («постоянный форум») only
    completes the name."""
    n = len(shorter)
    start = next((i for i in range(len(longer) - n + 1) if longer[i:i + n] == shorter), 0)
    morph = cached_morph()
    return any(morph.parse(w)[0].tag.POS == "NOUN" for w in longer[:start])


#: prepositions that join a phrase's words through "the" (see _Ranker._composed_phrase)
_ARTICLE_AFTER = frozenset({"of", "on", "for", "in", "to"})
#: nouns that measure what follows them ("number of women", "lack of access"; see
#: _Ranker._composed_phrase)
_MEASURE_HEADS = frozenset({"number", "numbers", "level", "levels", "rate", "rates", "lack",
                            "percentage", "proportion", "share", "amount", "range", "majority",
                            "degree", "total"})


@dataclass
class _Ranker:
    """The REDUCE step over merged :class:`TermStats`."""

    stats: TermStats
    tb: TermbaseIndex
    keep_yo: bool
    src_caps: frozenset[str]
    tgt_caps: frozenset[str]
    links: Links
    #: longer source candidates by the key they extend with a noun (see :meth:`_attributive`)
    _modified: dict[Key, list[Key]] | None = None
    #: occurrences of each word right before another content word (see :meth:`_modifier`)
    _before_noun: Counter[Key] | None = None
    #: ... counted over every phrase, seen once or more
    _before_all: Counter[Key] | None = None
    #: capitalised candidates' openings that go on across a connector (see _opens_longer_name)
    _name_openings: frozenset[Key] | None = None

    @classmethod
    def build(cls, stats: TermStats, tb: TermbaseIndex, keep_yo: bool,
              src_keys: list[Key]) -> _Ranker:
        n = len(stats.units)
        tgt = {k: c for k, c in stats.tgt.cands.items() if c.n_units >= MIN_UNITS}
        tgt_unit_keys: list[list[Key]] = [[] for _ in range(n)]
        for k, c in tgt.items():
            for u in c.units:
                tgt_unit_keys[u].append(k)
        src = {k: c for k, c in stats.src.cands.items() if c.n_units >= MIN_UNITS}
        src_unit_keys: list[list[Key]] = [[] for _ in range(n)]
        for k, c in src.items():
            for u in c.units:
                src_unit_keys[u].append(k)
        del src_keys
        links = Links(src, tgt, src_unit_keys, tgt_unit_keys, tgt_lang=stats.tgt_lang)
        if base(stats.tgt_lang) == "ru":
            links.new_head = _russian_new_head
        return cls(stats, tb, keep_yo, stats.src.cap_words(), stats.tgt.cap_words(), links)

    def choose_target(self, key: Key, proper: bool, src_text: str,
                      rare: list[str]) -> tuple[Key, float, int] | None:
        """Main target of ``key``: (target key, score, units shared) or None."""
        links = self.links
        s_n = self.links.src[key].n_units
        co = links.co_targets(key)
        known = self.tb.renderings(key)
        best: tuple[float, Key] | None = None
        for tk, n in co.items():
            if not self._eligible(key, tk, n / s_n, co, known):
                continue
            dice = 2 * n / (s_n + links.tgt[tk].n_units) + (0.3 if tk in known else 0.0)
            scored = self._target_score(key, tk, dice, proper, src_text, rare)
            if scored is None:
                continue
            dice = scored
            # a target read across a skipped number («правило [37] правил процедуры») wins
            # no tie with the phrase that says just the term
            if best is None or (dice, -links.tgt[tk].gapped, len(tk)) > (
                    best[0], -links.tgt[best[1]].gapped, len(best[1])):
                best = (dice, tk)
        if best is None or best[0] < MIN_DICE:
            return None
        dice, tk = best
        if tk not in known:
            longer = links.extend(key, tk, co)
            if longer != tk:
                dice, tk = dice + (links.dice(key, longer) - links.dice(key, tk)), longer
            if len(key) > 1 and links.part_explains(key, tk, links.dice(key, tk),
                                                    key in self.tb.by_src):
                return None
            if self._context_head(key, tk, co):
                return None
        n_main = len(links.src_units(key) & links.tgt_units(tk))
        if tk not in known and not self._unrivalled(key, tk, n_main):
            return None
        return tk, dice, n_main

    def _unrivalled(self, key: Key, tk: Key, n_main: int) -> bool:
        """Whether no other source term explains target ``tk`` clearly better (competitive
        linking, :meth:`Links.outbid`): "IVO" (in the vicinity of) is no «вооруженный мужчина»,
        which "armed man" says in the same 5 units. Seen in a few units only, the pair needs
        the stronger evidence of :meth:`Links.strong_low_count`, and a target whose words the
        text ties to source words beside the term is theirs (:meth:`Links.said_beside`)."""
        if n_main <= LOW_COUNT:
            return self.links.strong_low_count(key, tk) and not self.links.said_beside(
                key, tk, connectors(self.stats.tgt_lang))
        return not self.links.outbid(key, self.links.dice(key, tk), tk)

    def _target_score(self, key: Key, tk: Key, dice: float, proper: bool, src_text: str,
                      rare: list[str]) -> float | None:
        """The score of target ``tk``: for a name, raised as it transliterates the source;
        None where it cannot be the translation (a name's, or a general term's: a name beside
        it, see :meth:`_a_name_for_a_word`)."""
        if not proper:
            return None if self._a_name_for_a_word(key, tk) else dice
        tsurf = _surface(self.links.tgt[tk], self.stats.tgt_lang, self.tgt_caps)[0][0]
        if rare and not any(name_similarity(r, w) >= NAME_SIMILAR
                            for r in rare for w in tsurf) \
                and dice < (ACRONYM_DICE if _acronyms(src_text, tsurf) else EXONYM_DICE):
            return None  # a name must transliterate, or be its near-certain translation
        if rare and len(key) == 1 and self._no_name_for(key, tk, rare, tsurf):
            return None
        if rare and self._another_name(key, tk, rare, tsurf):
            return None
        return dice + 0.2 * max(0.0, name_similarity(src_text, " ".join(tsurf)) - 0.5)

    def _a_name_for_a_word(self, key: Key, tk: Key) -> bool:
        """Whether a general term's target is a name that a source word beside the term
        transliterates in each of their units: "gunshot wounds" is no «Мамбурина» (the
        victim, "Mamburina", in the same sentences)."""
        c = self.links.tgt[tk]
        if 2 * c.cap <= c.freq:
            return False
        tsurf = _surface(c, self.stats.tgt_lang, self.tgt_caps)[0][0]
        return all(w[:1].isupper() for w in tsurf) and self._another_name(key, tk, [], tsurf)

    def _no_name_for(self, key: Key, tk: Key, rare: list[str], tsurf: list[str]) -> bool:
        """Whether target ``tk`` (written ``tsurf``) cannot translate the one-word name
        ``key``: a lower-case target none of whose words the text ties to the name, or one
        that does not transliterate it and holds the rendering of another capitalised word
        beside it (:meth:`_named_beside`). A name's translation is a name, and not the name of another
        word beside it: "Ebola" is no «отслеживание» (of "contact tracers"), "Azerbaijan" no
        «огонь» (of "ceasefire"), "Nicosia" no «Кипр» (of "Cyprus")."""
        links = self.links
        if not any(w[:1].isupper() for w in tsurf) and not links.renders_any(tk, key):
            return True
        return (not any(name_similarity(r, w) >= NAME_SIMILAR for r in rare for w in tsurf)
                and self._named_beside(key, tk))

    def _named_beside(self, key: Key, tk: Key) -> bool:
        """Whether a word of target ``tk`` is the text's rendering of a capitalised source
        word outside the term (and not made from it: "Cypriot") that stands in each unit of
        the pair, the two each other's strongest tie (:meth:`Links.target_tie`,
        :meth:`Links.word_source`)."""
        links = self.links
        units = links.src_units(key) & links.tgt_units(tk)
        if not units:
            return False
        common = frozenset.intersection(*(frozenset(k[0] for k in links.src_unit_keys[u]
                                                    if len(k) == 1) for u in units))
        stems = {k[:4] for k in key}
        return any(w[:4] not in stems and w in self.src_caps and (t := links.target_tie(w)) in tk
                   and (b := links.word_source(t)) is not None and b[0] == w for w in common)

    def _another_name(self, key: Key, tk: Key, rare: list[str], tsurf: list[str]) -> bool:
        """Whether target ``tk`` transliterates another name of the same sentences clearly
        better than this one: "Talmenes, Al Tamanah and Kafr Zita" beside «Талманес,
        аль-Тамана и Кафр-Зета» (the text spells the second name two ways, so only
        «Талманес» is in both units of "Al Tamanah")."""
        links = self.links
        mine = max((name_similarity(r, w) for r in rare for w in tsurf), default=0.0)
        units = links.src_units(key) & links.tgt_units(tk)
        stems = {r.lower()[:4] for r in rare or key}

        def other(word: str) -> bool:  # no word of this term nor one made from it ("Cypriot")
            return word not in key and word[:4] not in stems

        return bool(units) and all(
            any(name_similarity(k[0], w) >= max(NAME_SIMILAR, mine + NAME_MARGIN)
                for k in links.src_unit_keys[u] if len(k) == 1 and other(k[0]) for w in tsurf)
            for u in units)

    def _eligible(self, key: Key, tk: Key, coverage: float, co: dict[Key, int],
                  known: Renderings) -> bool:
        """Whether target ``tk``, in ``coverage`` of the source term's units, may be its main
        target: in enough of them (fewer for a term base rendering, :data:`KNOWN_COVERAGE`),
        naming nothing the term does not say, and no verb with its object (see
        :func:`parley.glossary.pairing.verb_phrase`; the term base's loose match takes
        «menacer la paix» for its «menace contre la paix», so only its exact words exempt
        one). ``known``: the term base's renderings of ``key``. The cheap tests go first: this
        runs for every target beside every source term."""
        if co[tk] < MIN_UNITS or coverage < (KNOWN_COVERAGE if tk in known else MIN_COVERAGE):
            return False
        if verb_phrase(self.links.tgt[tk], self.stats.tgt_lang) and not self._listed_as(key, tk):
            return False
        if compass_clash(key, tk, self.stats.src_lang, self.stats.tgt_lang):
            return False
        return tk in known or len(tk) < 2 or not self.links.names_another_term(key, tk, co)

    def _in_listed(self, key: Key, tk: Key) -> bool:
        """Whether the term base lists ``key`` with a target-language rendering that holds
        the words of ``tk`` (loosely, see :class:`Renderings`): a fragment the listed
        rendering makes whole («privé» of «secteur privé»), not another word («spatiale» for
        "outer space", listed «espace extra-atmosphérique»)."""
        words = set(_loose(tk, self.stats.tgt_lang))
        return bool(words) and any(words <= set(k) for k in self.tb.renderings(key).keys)

    def _listed_as(self, key: Key, tk: Key) -> bool:
        """Whether the term base lists target ``tk`` for ``key`` in the words the text writes."""
        tb = self.tb.by_src.get(key)
        if tb is None:
            return False
        written = self.links.tgt[tk].surfaces.most_common(1)
        return bool(written) and any(t.text.casefold() == written[0][0].casefold()
                                     for t in tb.terms_in(self.stats.tgt_lang))

    def _context_head(self, key: Key, tk: Key, co: dict[Key, int]) -> bool:
        """Whether a Russian target opens with a noun that the source term does not say:
        «создание зон» for "nuclear-weapon-free zone", when «зон» alone is in clearly more
        of the term's units (the text says «зон, свободных от ядерного оружия», which no
        phrase spans, and «создание» is the establishing that the sentences talk about) and
        no word of the source goes with the noun («резолюция» in «резолюция Генеральной
        Ассамблеи» goes with "resolution"). A term's translation is in its units; a head
        seen in only some of them, translating nothing of the term, is context."""
        if base(self.stats.tgt_lang) != "ru" or len(tk) < 2 or tk[1] in connectors("ru"):
            return False
        rest = tk[1:]
        n, m = co.get(tk, 0), co.get(rest, 0)
        if m < CONTEXT_HEAD_SHARE * n or m < n + 2:
            return False
        if cached_morph().parse(tk[0])[0].tag.POS != "NOUN":
            return False
        head = (tk[0],)
        if head not in self.links.tgt:
            return True
        return all(self.links.dice((w,), head) < MIN_DICE for w in set(key)
                   if (w,) in self.links.src)

    def _target_is_name(self, tk: Key, src_text: str) -> bool:
        """A capitalised everyday word ("Government") whose translation is written lower-case
        («правительство») is the general word, not a name; names stay capitalised in the
        target languages."""
        z = zipf(src_text.lower(), self.stats.src_lang)
        if src_text.isupper() or z < GENERAL_ZIPF:
            return True
        if base(self.stats.tgt_lang) != "ru" and z >= 5.0:
            return False  # French and Spanish capitalise "Gouvernement" too: no evidence
        words = _surface(self.links.tgt[tk], self.stats.tgt_lang, self.tgt_caps)[0][0]
        return any(w[:1].isupper() for w in words)

    def _general_word_and_name(self, src_words: list[str], tk: Key) -> bool:
        """A title-case name whose translation is a general word before a name
        («правительство Сирийской Арабской Республики», «государства -- члены Организации»):
        the source is a phrase about the name ("Government of the Syrian Arab Republic") or a
        truncated name ("United Nations Conference" of several conferences), not a name; a
        name translates as a name («Генеральная Ассамблея», «Конференция по разоружению»)."""
        if base(self.stats.tgt_lang) != "ru":
            return False  # French and Spanish write «conférence des Nations Unies» either way
        conns = connectors(self.stats.src_lang)
        content = [w for w in src_words if w.lower() not in conns]
        if len(src_words) < 2 or not all(w[:1].isupper() for w in content):
            return False
        words = self._target_words(tk)
        if not any(w[:1].isupper() for w in words[1:]):
            return False
        # the general word's case as the text writes it mid-sentence, over all its forms: one
        # «Правительство» after a heading or a quote does not make it a name
        mid = self.links.tgt[tk].mid
        low = sum(n for f, n in mid.items() if f[:1].islower())
        return words[0][:1].islower() or (bool(mid) and 2 * low >= sum(mid.values()))

    def _drops_inner_name(self, key: Key, tk: Key) -> bool:
        """Whether the target leaves out the translation of a name the source term holds:
        "United Nations Development Assistance Framework" → «оказание помощи в целях
        развития» has nothing of «Организация Объединенных Наций», so it is a cut-short
        rendering, not the name's. A name inside (already paired, its target capitalised)
        must show in the target, each of its words by one with the same stem («Никосийский
        РПИ» for "Nicosia FIR" beside «Никосия»; not «résolution du Conseil» for "Security
        Council resolution" beside «Conseil de sécurité», nor «Совет Безопасности
        Организации» for "United Nations Security Council")."""
        if len(key) < 3:
            return False
        stems = {w[:4] for w in tk}
        for m in range(1, len(key)):
            for i in range(len(key) - m + 1):
                sub = key[i:i + m]
                sk = self.links.main_of.get(sub)
                if sk is None or not _is_proper(self.links.src[sub], self.stats.src_lang):
                    continue
                if not any(w[:1].isupper() for w in self._target_words(sk)):
                    continue
                if not {w[:4] for w in sk if len(w) > 3 or len(sk) == 1} <= stems:
                    return True
        return False

    def _one_word_for_several(self, key: Key, tk: Key, n_main: int) -> bool:
        """Whether a term of three content words or more has one ordinary word as its target:
        "Millennium Development Goals" → «тысячелетие» renders a part of it (the whole is
        a phrase the candidates could not span). Such a term is rendered by an acronym
        (UNDP → ПРООН) or a compound the text writes as one word, never by a plain
        lower-case word. Seen in a few units only (:data:`LOW_COUNT`, ``n_main`` units), two
        content words are enough: "traffic regulations" → «движения», "terms of reference" →
        «круг», "organized crime" → «criminalité» are each a word of a longer rendering that
        the text words differently in each unit, and the one-word renderings of two words
        ("civil servants" → «fonctionnaires») that this loses are rare in so short a text.
        A word of the term base's rendering (:meth:`_in_listed`: «privé», which the listed
        «secteur privé» makes whole, not «spatiale» for "outer space" → «espace
        extra-atmosphérique»), and a word the target may render alone (``_LIGHT_HEADS``:
        "young people" → «молодежь»), are exempt."""
        conns = connectors(self.stats.src_lang)
        content = [w for w in key if w not in conns]
        few = (n_main <= LOW_COUNT and not self._in_listed(key, tk)
               and len([w for w in content if w not in _LIGHT_HEADS]) >= 2)
        if len(tk) != 1 or (len(content) < 3 and not few):
            return False  # "rules of procedure" → «reglamento» is right
        words = self._target_words(tk)
        return bool(words) and words[0][:1].islower() and "-" not in words[0]

    def _one_word_short(self, key: Key, tk: Key) -> bool:
        """Whether a one-word target leaves out a word of a multiword term that the text
        renders, in each unit of the pair, by another word (:meth:`Links.target_tie`):
        "Stockholm conventions" → «Stockholm», where "conventions" is «convention» throughout
        the text and stands in each of them; "sexual exploitation" → «exploitation» where
        the units say «exploitation ... à des fins sexuelles»; or where another word the text
        ties to a word of the term (:meth:`Links.word_source`, :data:`TIE_LEFT_OUT`) stands in
        each unit: "reproductive health" → «santé» beside «procréative» (the text ties both
        words to "reproductive", and the target tie went to «santé»). A term base's rendering
        is cited whole (see :meth:`whole_listed`), and a hyphenated word («Jérusalem-Est»)
        may say two."""
        if len(tk) != 1 or key in self.tb.by_src or "-" in tk[0]:
            return False
        conns = connectors(self.stats.src_lang)
        content = [w for w in key if w not in conns]
        if len(content) < 2:
            return False
        if any(self._rendered_apart(key, tk, kw) for kw in content):
            return True
        # another word the text ties to a word of the term stands in each unit too
        links = self.links
        units = links.src_units(key) & links.tgt_units(tk)
        return any(len(other) == 1 and other != tk
                   and (t := links.word_source(other[0])) is not None and t[0] in content
                   and t[1] >= TIE_LEFT_OUT and units <= links.tgt_units(other)
                   for other in links.co_targets(key))

    def _rendered_apart(self, key: Key, tk: Key, word: str) -> str | None:
        """The target word the text ties source ``word`` to (:meth:`Links.target_tie`) where
        it stands in each unit of the pair and ``tk`` lacks it; else None."""
        links = self.links
        tw = links.target_tie(word)
        if tw is None or tw in tk or not (
                links.src_units(key) & links.tgt_units(tk) <= links.tgt_units((tw,))):
            return None
        return tw

    def _headless(self, key: Key, tk: Key) -> bool:
        """Whether a multiword target leaves out a word of the term that the text renders, in
        each unit of the pair, by a word outside the target. The head noun (of each
        coordinated part: "women" and "girls" in "indigenous women and girls"; the word
        before the first preposition, else the last): "regional and subregional
        organizations" → «régionales et sous-régionales» where each unit has
        «organisations», "sexual and reproductive health and rights" → «сексуальное и
        репродуктивное здоровье» where each has «права». Another word of the term counts
        where the text ties it to its rendering strongly (:data:`TIE_LEFT_OUT`) and no word
        of the target is made from that rendering («рабочая группа экспертов» keeps "working"
        beside «работа»): "elimination of nuclear weapons" → «государство -- участника
        Договора» where each unit has «оружие», "situation of women" → «статистические
        данные» where each has «женщин». A term base's term is cited by
        :meth:`whole_listed` instead."""
        if len(tk) < 2 or len(key) < 2 or key in self.tb.by_src:
            return False
        conns = connectors(self.stats.src_lang)
        cut = next((i for i, w in enumerate(key) if w in conns and w not in _AND), len(key))
        heads = {key[i - 1] for i in range(1, cut) if key[i] in _AND} | {key[cut - 1]}
        others = {w for w in key if w not in conns} - heads
        return any(self._head_left_out(key, tk, h) for h in heads) or any(
            self._head_left_out(key, tk, w, TIE_LEFT_OUT) for w in others)

    def _says_beside(self, key: Key, tk: Key) -> bool:
        """Whether a word of target ``tk`` other than its head renders a source word beside
        the term rather than in it (:meth:`Links.rendered_beside`): «Республики Кипр» in
        "national airspace" → «национальное воздушное пространство Республики Кипр», «de la
        Conférence» in "outcome document" → «document final de la Conférence»,
        «предупреждение» in "Criminal Justice" → «предупреждение преступности и уголовному
        правосудию». The head is spared: a word the text ties to another source word through
        a homonym (in «международное право», «право» is also "right" of "human rights" in
        each unit) is what the term says; not in Russian where the words after it render a
        word of the term (its complements): "organization of work" → «повестка дня и
        организация работы», «повестка» being "agenda" beside the term."""
        links = self.links
        units = links.src_units(key) & links.tgt_units(tk)
        conns, src_conns = connectors(self.stats.tgt_lang), connectors(self.stats.src_lang)
        head = self._target_head(tk)
        if base(self.stats.tgt_lang) == "ru":
            after = tk[tk.index(head) + 1:]
            if any(links.target_tie(k) in after for k in key if k not in src_conns):
                head = ""  # the term is rendered after the head: the head may be a word beside
        return any(links.rendered_beside(key, w, units, src_conns)
                   for w in tk if w not in conns and w != head)

    def _target_head(self, tk: Key) -> str:
        """The head word of target phrase ``tk``: in Russian its first noun (as citation forms
        find it, :func:`parley.glossary.morph.head_index`), in French and Spanish its first
        word."""
        if base(self.stats.tgt_lang) != "ru":
            return tk[0]
        i = head_index(list(tk), cached_morph())
        return tk[i if i is not None else 0]

    def _head_left_out(self, key: Key, tk: Key, head: str, strength: float = 0.0) -> bool:
        """Whether ``head``'s translation is in each unit of the pair but not in ``tk``: the
        word and the head are each other's strongest tie in the text (Links.target_tie and
        word_source, at Dice ``strength`` or more), no word of ``tk`` is tied to the head
        (the text has two renderings: «chypriote» and «grec» for "Cypriot"), and the tie is
        no acronym (a second abbreviation of the same name: «РПИ» beside «РДП» for "FIR").
        With a ``strength``, a target word sharing the rendering's first letters says it in
        another part of speech («рабочая» for «работа»), and a person's name, a rare word
        («Тиллерсон» of "US Secretary of State Rex Tillerson"), comes off the title's entry
        instead (see :func:`_title_before_name`); "Asia" and "Pacific" are no such names.
        For the head, the tie need not be mutual where no word of ``tk`` is tied to any word
        of the term and the head goes with the word outside the term's units too:
        "two-State solution" → «основа создания» beside «урегулирования» in each unit, though a
        small text ties «урегулирование» to "central" more than to "solution"."""
        links = self.links
        tw = self._rendered_apart(key, tk, head)
        if tw is None:
            return False
        if not strength and self._says_nothing(key, tk, head, tw):
            return True
        back = links.word_source(tw)
        if back is None or back[0] != head or self._target_words((tw,))[0].isupper():
            return False
        if strength and (back[1] < strength or any(w[:STEM] == tw[:STEM] for w in tk)
                         or (self._target_words((tw,))[0][:1].isupper()
                             and zipf(head, self.stats.src_lang) < GENERAL_ZIPF)):
            return False
        return not links.renders_any(tk, (head,))

    def _says_nothing(self, key: Key, tk: Key, head: str, tw: str) -> bool:
        """Whether no word of target ``tk`` is tied to a word of term ``key`` while ``tw``,
        the text's rendering of its ``head`` (not a name's), goes with the head outside the
        term's units too (see :meth:`_head_left_out`)."""
        links = self.links
        if self._target_words((tw,))[0].isupper() or (head,) not in links.src or (
                (tw,) not in links.tgt):
            return False
        if not (links.src_units((head,)) & links.tgt_units((tw,))) - links.src_units(key):
            return False
        return not links.renders_any(tk, key)

    def _place_adjective_phrase(self, src_words: list[str], tk: Key) -> bool:
        """"Turkish military aircraft" → «турецкий военный самолет», "Palestinian people" →
        «палестинский народ»: a general phrase qualified by the adjective of a country or
        place, which English capitalises and Russian does not. It is as compositional as
        "military aircraft of Turkey": the place's name and the general phrase (when it is a
        term) are the entries. Names are capitalised throughout ("Syrian Golan", "Arab Peace
        Initiative") and stay, as do compounds of two places ("Russia-US relations" →
        «российско-американские отношения»: that adjective is what a translator looks up)."""
        if base(self.stats.tgt_lang) != "ru" or len(src_words) < 2:
            return False
        first, rest = src_words[0], src_words[1:]
        if not (first[:1].isupper() and not first.isupper() and "-" not in first
                and first.lower() in self.src_caps
                and all(w.islower() for w in rest)):
            return False
        word = self._target_words(tk)[0]
        if word[:1].isupper() or word.lower() in self.tgt_caps:
            return False
        parses = cached_morph().parse(word.lower())
        return bool(parses) and parses[0].tag.POS == "ADJF"

    def _phrase_rendering(self, key: Key, tk: Key) -> bool:
        """A single lower-case word rendered by a phrase of two content words or more
        ("biennium" → «двухгодичный период», "ceasefire" → «прекращение огня»): the
        translation cannot be made word by word, which is what a translator looks up, so
        the single word's discount (:func:`_termhood`) is lifted; not where a longer term
        holding the word says it as well ("reproductive health", not "reproductive"), nor
        for a word that mostly modifies a noun after it ("ministerial")."""
        if len(key) != 1 or _is_proper(self.links.src[key], self.stats.src_lang):
            return False
        conns = connectors(self.stats.tgt_lang)
        if (len([w for w in tk if w not in conns]) < 2 or any(w in _AND for w in tk)
                or key in self.tb.by_src or self._modifier(key)):
            return False
        return not self.links.outbid(key, self.links.dice(key, tk), tk, longer=True)

    def _composed_phrase(self, words: list[str], key: Key, n_main: int) -> bool:
        """Whether an English phrase seen in a few units only (:data:`LOW_COUNT`) is composed
        by the sentence rather than fixed: lower-case words joined with a preposition and
        "the" ("participation of the civil society", "protection of the rights",
        "implementation of the plan", "programme budget for the biennium"), or a measure of
        something (:data:`_MEASURE_HEADS`: "number of women", "levels of violence", "rate of
        teenage pregnancy", "lack of access"). English terms with "the" name a body or
        document after it ("report of the Secretary-General", "States parties to the
        Treaty", "Conference of the Parties"). A term base's entry is exempt."""
        if base(self.stats.src_lang) != "en" or n_main > LOW_COUNT or key in self.tb.by_src:
            return False
        low = [w.lower() for w in words]
        if len(low) > 2 and low[0] in _MEASURE_HEADS and low[1] == "of":
            return True
        at = next((i for i in range(1, len(low) - 1)
                   if low[i] in _ARTICLE_AFTER and low[i + 1] == "the"), None)
        return (at is not None and words[0][:1].islower()
                and all(w[:1].islower() for w in words[at + 2:]))

    def _modifier_fragment(self, key: Key, tk: Key) -> bool:
        """Whether ``key`` is a single word, not a name, that mostly modifies a noun after it
        (:meth:`_modifier`): an adjective or a noun used as one, which a glossary lists in
        the terms it makes ("provisional agenda", "indigenous peoples"), not alone. Its
        target is the adjective («provisoire», «humanitaire»), or a phrase that names a
        noun the source does not say ("indigenous" → «коренной народ», "reproductive" →
        «репродуктивное здоровье»: a text with the word before another noun then gets a
        false key-term flag), or a word of a set phrase ("substantive" → «fond», of «sur
        le fond»). A term base's word keeps its entry unless the target is a phrase that a
        longer term holding the word explains as well."""
        if len(key) != 1 or _is_proper(self.links.src[key], self.stats.src_lang):
            return False  # "Caribbean" → «Карибский бассейн» names the region
        if not self._modifier(key):
            return False
        if key not in self.tb.by_src:
            return True
        conns = connectors(self.stats.tgt_lang)
        return (len([w for w in tk if w not in conns]) >= 2
                and self.links.outbid(key, self.links.dice(key, tk), tk, longer=True))

    def _modifier(self, key: Key) -> bool:
        """Whether a single word mostly stands before another noun ("ministerial meeting",
        "ministerial level"): a modifier, whose phrase renders the longer term, not it. Half
        its occurrences counted over the phrases seen twice or more, or
        :data:`MODIFIER_SHARE` of them counted over every phrase: in a short text
        "humanitarian" is before "law" three times of seven and before four other nouns
        once each."""
        if self._before_noun is None or self._before_all is None:
            conns = connectors(self.stats.src_lang)
            self._before_noun, self._before_all = Counter(), Counter()
            for k, c in self.stats.src.cands.items():
                if len(k) == 2 and k[1] not in conns:
                    self._before_all[k[:1]] += c.freq
                    if k in self.links.src:
                        self._before_noun[k[:1]] += c.freq
        freq = self.links.src[key].freq
        return 2 * self._before_noun[key] >= freq or self._before_all[key] >= MODIFIER_SHARE * freq

    def _everyday_word(self, key: Key, src_text: str) -> bool:
        """A single lower-case word common in general language ("cooperation", "agenda")."""
        lang = self.stats.src_lang
        return (len(key) == 1 and not _is_proper(self.links.src[key], lang)
                and max(zipf(src_text.lower(), lang), zipf(key[0], lang)) >= GENERAL_ZIPF)

    def _fixed_rendering(self, key: Key, src_text: str, tk: Key) -> bool:
        """Whether a phrase of two content words or more («повестка дня») renders the word in
        most of its units, and the word mostly stands without a name before it: "side" →
        «американская сторона» renders "American side", not "side". Seen in a few units
        only (:data:`LOW_COUNT`), a phrase beside an everyday word is as likely chance as a
        rendering ("war" → «тихоокеанский регион», "turn" → «своя очередь» in a 300-unit
        document), bar a compound the text hyphenates ("capacity-building")."""
        conns = connectors(self.stats.tgt_lang)
        c = self.links.src[key]
        units = sorted(self.links.src_units(key) & self.links.tgt_units(tk))
        if (len([w for w in tk if w not in conns]) < 2 or any(w in _AND for w in tk)
                or len(units) < FIXED_RENDERING * c.n_units
                or (len(units) <= LOW_COUNT and "-" not in src_text)):
            return False  # «христиане и представители» lists two things: no one word's rendering
        after_name = re.compile(r"(?<![.!?:;]\s)\b[A-Z][\w-]*\s+" + re.escape(src_text) + r"\b")
        named = sum(1 for u in units if after_name.search(self.stats.units[u].source))
        return named < FIXED_RENDERING * len(units)

    def _acronym_pair(self, key: Key, tk: Key, src_text: str) -> bool:
        """An acronym whose main target is one acronym too (UNITAR → ЮНИТАР, OAS → ОАГ); an
        acronym paired with ordinary words ("IVO" → «вооруженный мужчина») gets no credit."""
        if len(key) != 1 or len(tk) != 1 or len(src_text) < 2 or not src_text.isupper():
            return False
        word = self._target_words(tk)[0]
        return len(word) > 1 and word.replace("-", "").isupper()

    def _acronym_unspelt(self, src_text: str, tk: Key) -> bool:
        """An acronym ("IVO": in the vicinity of) paired with lower-case words none of which
        starts with one of its letters («proximité du baril»): no acronym of the target
        language, no name written out (UNDP → «Programme des Nations Unies pour le
        développement», ICT → «technologies de l'information et des communications», GDP →
        «produit intérieur brut» each share a letter), but the words beside it in a few
        sentences. Only for a target in Latin script, whose initials can be compared."""
        if not (len(src_text) > 1 and src_text.isalpha() and src_text.isupper()):
            return False
        words = self._target_words(tk)
        if any(len(w) > 1 and w.isupper() for w in words) or not all(
                w.isascii() or unicodedata.name(w[0], "").startswith("LATIN") for w in words):
            return False
        lang = self.stats.tgt_lang
        conns = connectors(lang)
        initials = {unicodedata.normalize("NFD", unelided(w, lang))[:1].upper()
                    for w in words if w.lower() not in conns}
        return not initials & set(src_text)

    def _target_words(self, tk: Key) -> list[str]:
        return _surface(self.links.tgt[tk], self.stats.tgt_lang, self.tgt_caps)[0][0]

    def _body_pair(self, src_words: list[str], tk: Key) -> bool:
        """The name of a body: several words, every content word capitalised, opening or
        ending in a head such as "Council" or "Office of ..." (Office of Internal Oversight
        Services), with a main target that opens with a capital too. Other title-case phrases
        are left alone: they lift truncated names with wrong targets as often as right ones."""
        conns = connectors(self.stats.src_lang)
        content = [w for w in src_words if w.lower() not in conns]
        heads = {src_words[0].lower(), src_words[-1].lower()}
        return (len(src_words) > 1 and all(w[:1].isupper() for w in content)
                and bool(heads & ORG_HEADS) and self._target_words(tk)[0][:1].isupper())

    def _opens_longer_name(self, key: Key) -> bool:
        """Whether a capitalised candidate goes on from ``key`` across a connector ("World
        Conference" of "World Conference on Indigenous Peoples", "Permanent Forum" of
        "Permanent Forum on Indigenous Issues"): the short form stands for a longer name, or
        for several ("United Nations Conference" on this and on that); the long name is the
        body's entry and gets the body's favour, the short form has to earn its place."""
        if self._name_openings is None:  # one pass over the candidates, not one per body
            conns = connectors(self.stats.src_lang)
            self._name_openings = frozenset(
                k[:j] for k, c in self.links.src.items() if 2 * c.cap > c.freq
                for j in range(1, len(k) - 1) if k[j] in conns and k[j] not in _AND)
        return key in self._name_openings

    def pair(self, key: Key, termhood: float) -> Pair | None:
        """The main target of source term ``key`` and the pair's score (no citation forms yet:
        most candidates are ranked away, and forms are the costly part)."""
        st, links = self.stats, self.links
        c = links.src[key]
        src_var = _surface(c, st.src_lang, self.src_caps)
        src_text = " ".join(src_var[0][0])
        proper = any(w[:1].isupper() for w in src_var[0][0])
        in_tb = key in self.tb.by_src
        rare = rare_words(src_text, st.src_lang, self.tb.words) if proper and not in_tb else []
        chosen = self.choose_target(key, proper, src_text, rare)
        if chosen is None:
            return None
        tk, dice, n_main = chosen
        if len(key) == 1 and proper and not rare and not self._target_is_name(tk, src_text):
            return None
        if (self._general_word_and_name(src_var[0][0], tk) or self._drops_inner_name(key, tk)
                or self._one_word_for_several(key, tk, n_main) or self._modifier_fragment(key, tk)
                or self._one_word_short(key, tk) or self._headless(key, tk)
                or self._says_beside(key, tk)
                or self._acronym_unspelt(src_text, tk)
                or self._composed_phrase(src_var[0][0], key, n_main)):
            return None
        if self._everyday_word(key, src_text) and not self._fixed_rendering(key, src_text, tk):
            # "cooperation" → «сотрудничество» is general language; "agenda" → «повестка дня», a
            # fixed phrase for one everyday word, is what a translator must look up: a term
            return None
        confidence = min(1.0, dice) * n_main / (n_main + 1)
        if self._phrase_rendering(key, tk):
            termhood *= PHRASE_RENDERING_BOOST
        if self._acronym_pair(key, tk, src_text):
            termhood *= ACRONYM_PAIR_BOOST
        elif self._body_pair(src_var[0][0], tk) and not self._opens_longer_name(key):
            termhood *= BODY_PAIR_BOOST
        return Pair(key, tk, termhood * confidence, confidence,
                    links.src_units(key) & links.tgt_units(tk), tuple(rare),
                    not self._place_adjective_phrase(src_var[0][0], tk))

    def whole_listed(self, p: Pair) -> tuple[str, Key] | None:
        """The term base's rendering of ``p``'s source, and its key, where the main target is a
        run of its words that the text writes with the rest of it around inserted words: the
        NPT's «Конференция 2015 года участников Договора о нераспространении ядерного оружия по
        рассмотрению действия Договора» leaves «рассмотрение действия» as the one run every unit
        shares, which no terminologist would cite for "Review Conference"; the term base's
        «Конференция по рассмотрению действия» is cited instead. Only where every other
        content word of that rendering stands in :data:`WHOLE_SHARE` of the pair's units."""
        tb = self.tb.by_src.get(p.key)
        if tb is None or not p.main_units:
            return None
        lang = self.stats.tgt_lang
        stop = stopwords(lang)
        # compared without inflection endings: the lemmatizer reads «dotés» one way in the
        # text, «doté» another in the term base
        mine = _loose(p.tk, lang)
        units: list[set[str]] = []
        for t in tb.terms_in(lang):
            rk = _text_key(t.text, lang)
            listed = _loose(rk, lang)
            if len(listed) <= len(mine) or not _run_of(mine, listed):
                continue
            rest = set(listed) - set(mine) - stop
            units = units or [set(_loose(_text_key(self.stats.units[u].target, lang), lang))
                              for u in p.main_units]
            if rest and sum(rest <= u for u in units) >= WHOLE_SHARE * len(units):
                cited = t.text if base(lang) == "ru" else self._as_written(t.text, p.main_units)
                return cited, rk
        return None

    def _as_written(self, listed: str, units: frozenset[int]) -> str:
        """A term base rendering as the pair's units write it whole, where most of them do
        («États dotés d'armes nucléaires», plural as the text and the source term have it,
        for the term base's «État doté d'armes nucléaires»); else as listed. Not for Russian,
        whose text has the words in an oblique case."""
        lang = self.stats.tgt_lang
        term = term_lemmas(listed, lang)
        seen: Counter[str] = Counter()
        for u in units:
            text = self.stats.units[u].target
            seen.update(text[a:b] for a, b in match_spans(text_lemmas(text, lang), term))
        if not seen or sum(seen.values()) * 2 < len(units):
            return listed
        # a footnote marker glued to the last word («rendición de cuentas10») is no part of it
        written = _GLUED_FOOTNOTE.sub("", seen.most_common(1)[0][0])
        # the initial as the term base writes it (a name's capital, a general term's lower case)
        return (listed[:1] + written[1:] if written[:1].lower() == listed[:1].lower()
                else listed)

    def texts(self, p: Pair) -> tuple[str, str]:
        """Citation forms of the source and main target of ``p``."""
        st, links = self.stats, self.links
        src_lang, tgt_lang = st.src_lang, st.tgt_lang
        src_var = _surface(links.src[p.key], src_lang, self.src_caps)
        rare = list(p.rare)
        src_text = " ".join(src_var[0][0])
        number: str | None = None
        tgt_var = _surface(links.tgt[p.tk], tgt_lang, self.tgt_caps)
        titled = False  # a person's name cut off a title: the title's number is the text's
        if rare and _person_like(src_var[0][0], rare, tgt_var[0][0], tgt_lang):
            src_text = trim_name(src_var[0][0], rare)
        elif rare and (title := _title_before_name(src_var[0][0], rare, tgt_var[0][0])):
            src_text, titled = title, True
        elif base(src_lang) == "ru":
            src_text = citation_form(src_var, src_lang, keep_yo=self.keep_yo)
        else:
            src_text, number = self._english_form(p, src_var, tgt_var)
        if number is not None and base(tgt_lang) != "ru":
            tgt_var, same = _by_number(tgt_var, tgt_lang, number)
            if not same:  # the target is only ever in the other number: the source follows
                number = "plur" if number == "sing" else "sing"
                src_text = _in_number(src_var, src_lang, number) or src_text
        elif base(tgt_lang) != "ru" and base(src_lang) == "en" and not rare:
            # a name cited in the number its translation uses ("States parties": "États parties")
            src_text = _in_number(src_var, src_lang, _romance_number(tgt_var, tgt_lang)) or src_text
        if base(tgt_lang) == "ru":
            tgt_var = self._with_ordinal(p, src_text, tgt_var)
        if rare and base(tgt_lang) == "ru" and all(w[:1].isupper() for w in tgt_var[0][0]):
            tgt_var = nominative_name_first(tgt_var)
        tgt_var = _lower_case_forms(tgt_var, src_text, tgt_lang)
        tgt_text = self._lower_initial(citation_form(
            tgt_var, tgt_lang, number, self.keep_yo, two_phrases(src_text, src_lang)), src_text)
        tgt_text = bare_coordination(unglue(tgt_text), src_text, tgt_lang)
        if base(tgt_lang) == "ru" and number is None and base(src_lang) == "en" and not titled:
            src_text = _agree_number(src_var, tgt_text, src_text)
        elif base(src_lang) == "ru" and base(tgt_lang) == "en":
            tgt_text = _agree_number(tgt_var, src_text, tgt_text)
        return self._listed_case(p.key, src_text, tgt_text), tgt_text

    def _listed_case(self, key: Key, src_text: str, tgt_text: str) -> str:
        """A one-word source the term base lists in lower case, cited as listed where the text
        only loses the hyphen ("nonproliferation", "NonProliferation": "non-proliferation"),
        and in lower case where the text capitalises it as a reference ("the Treaty") and its
        translation is cited in lower case ("treaty" → «договор»): a general term, not a name
        with a general translation."""
        tb = self.tb.by_src.get(key)
        if tb is None or " " in src_text or src_text.isupper():
            return src_text
        lang = self.stats.src_lang
        listed = [t.text for t in tb.terms_in(lang) if _text_key(t.text, lang) == key]
        if not listed or not all(t.islower() for t in listed):
            return src_text
        if src_text[:1].isupper() and not tgt_text[:1].islower():
            return src_text  # a name in both languages («Договор»)
        same = [t for t in listed if t.replace("-", "") == src_text.lower().replace("-", "")]
        return same[0] if same else src_text.lower()

    def _with_ordinal(self, p: Pair, src_text: str, tgt_var: list[tuple[list[str], int]],
                      ) -> list[tuple[list[str], int]]:
        """A name that opens with its ordinal ("Fourth Geneva Convention") in a Russian that
        writes the ordinal in lower case before the rest («четвертой Женевской конвенции»):
        a lower-case ordinal is no part of a candidate ("seventieth session", see
        :func:`parley.glossary.stats.unit_tokens`), so the target lacks it. Put back, with the
        words after it as the text writes them, where it stands right before the target in
        :data:`WHOLE_SHARE` of the pair's units."""
        first = src_text.split()[0]
        if (len(src_text.split()) < 2 or not first[:1].isupper()
                or not get_lemmatizer(self.stats.src_lang).ordinal(first)):
            return tgt_var
        lem = get_lemmatizer(self.stats.tgt_lang)
        n = len(p.tk)
        found: Counter[tuple[str, ...]] = Counter()
        for u in p.main_units:
            words = words_of(self.stats.units[u].target)
            for i in range(1, len(words) - n + 1):
                if (tuple(lem.lemma(w) for w in words[i:i + n]) == p.tk
                        and words[i - 1][:1].islower() and lem.ordinal(words[i - 1])):
                    found[tuple(words[i - 1:i + n])] += 1
                    break
        if sum(found.values()) < WHOLE_SHARE * len(p.main_units):
            return tgt_var
        return [(list(w), k) for w, k in found.most_common()]

    def _english_form(self, p: Pair, src_var: list[tuple[list[str], int]],
                      tgt_var: list[tuple[list[str], int]]) -> tuple[str, str | None]:
        """An English (or other Latin-script) source's citation form and number (see
        :func:`_english_citation`); a name used in both numbers takes its commoner one."""
        src_lang, tgt_lang = self.stats.src_lang, self.stats.tgt_lang
        src_text, number = _english_citation(src_var, src_lang, self._attributive(p.key))
        if number is None and base(src_lang) == "en" and not p.rare:
            number = _name_number(src_var, src_lang)
            title = src_text[:1].isupper() and _person_title(tgt_var, tgt_lang)
            if number == "plur" and title:
                number = "sing"  # "Vice-Chair", like any role, whatever the text says more
            if number is not None:
                src_text = _in_number(src_var, src_lang, number) or src_text
        if (number == "sing" and src_text.lower().split()[-1] == "people"
                and base(tgt_lang) == "ru" and _russian_plural_only(tgt_var)):
            # "people" is a plural too (of "person"), and a translation never singular here
            # says which: «коренные народы» are "indigenous peoples"
            plural = _in_number(src_var, src_lang, "plur")
            if plural is not None:
                return plural, "plur"
        return src_text, number

    def _attributive(self, key: Key) -> Counter[str]:
        """Forms of source term ``key`` seen as the modifier of a noun after it: the
        opening words of each longer candidate one word longer that goes on with a noun
        rather than a connector ("human resource" of "human resource management")."""
        if self._modified is None:
            conns = connectors(self.stats.src_lang)
            self._modified = defaultdict(list)
            for k in self.links.src:
                if len(k) > 2 and k[-1] not in conns:
                    self._modified[k[:-1]].append(k)
        out: Counter[str] = Counter()
        n = len(key)
        for k in self._modified.get(key, ()):
            for surface, m in self.links.src[k].surfaces.items():
                out[" ".join(surface.split()[:n])] += m
        return out

    def _lower_initial(self, tgt_text: str, src_text: str) -> str:
        """A general term's translation cited lower-case ("техническая помощь" for "technical
        assistance"), even when the text mostly has it opening a sentence or a heading; names
        and words the text capitalises mid-sentence keep their capital."""
        first = tgt_text.split(" ", 1)[0]
        if (any(ch.isupper() for ch in src_text) or not first[:1].isupper() or
                (first.isupper() and len(first) > 1) or first.lower() in self.tgt_caps):
            return tgt_text
        return tgt_text[:1].lower() + tgt_text[1:]

    def _termbase_only(self, tb: TermEntry | None, terms: tuple[Term, ...],
                       key: Key) -> tuple[Term, ...]:
        """The term base's renderings of the entry that pairing did not find: they are accepted
        all the same, and a check with the extracted glossary must not call them slips
        («Conseil exécutif», the name of the Executive Board of UNESCO and of WHO, where the
        text had only UNDP's «Conseil d'administration»; «période biennale» beside «exercice
        biennal»). Each counts the units of source term ``key`` whose target uses it (see
        :meth:`_units_using`), 0 where the text never does: pairing passes over a rendering
        that holds the main target («Organisation des Nations Unies», 58 units, beside
        «Nations Unies») or that no other unit repeats, yet the terminologist reads the count
        as how often the text uses it."""
        if tb is None:
            return ()
        lang = self.stats.tgt_lang
        mine = [t for t in terms if t.lang == lang]
        seen = {_loose(tuple((t.lemma or "").split()), lang) for t in mine}
        cited = {_shape(t.text, lang) for t in mine}
        out: list[Term] = []
        for t in tb.terms_in(lang):
            if not t.approved:
                continue  # a deprecated or forbidden term stays out
            k, shape = _text_key(t.text, lang), _shape(t.text, lang)
            # the same words written alike are the same term, whatever the lemmatizer makes of
            # a form («Устав» read as the verb устать, «Устава» as устав)
            if k and _loose(k, lang) not in seen and shape not in cited:
                seen.add(_loose(k, lang))
                cited.add(shape)
                count = self._units_using(key, t.text, [m.text for m in mine])
                out.append(Term(t.text, lang, "admitted", count=count, lemma=" ".join(k)))
        return tuple(out)

    def _units_using(self, key: Key, rendering: str, others: list[str]) -> int:
        """Units of source term ``key`` whose target has ``rendering`` in any inflection (the
        project's lemma matcher, :func:`parley.glossary.morph.match_spans`) outside the
        entry's ``others`` renderings: «exercice» inside «exercice biennal» is no use of it."""
        lang = self.stats.tgt_lang
        term = term_lemmas(rendering, lang)
        longer = [term_lemmas(o, lang) for o in others]
        n = 0
        for u in self.links.src_units(key):
            toks = text_lemmas(self.stats.units[u].target, lang)
            spans = match_spans(toks, term)
            if not spans:
                continue
            inside = [sp for o in longer for sp in match_spans(toks, o)]
            n += any(not any(a <= b0 and b1 <= b for a, b in inside) for b0, b1 in spans)
        return n

    def _as_listed(self, tb: TermEntry | None, terms: tuple[Term, ...]) -> tuple[Term, ...]:
        """French and Spanish target terms that are a term base rendering with articles the
        text repeats («paix et de la sécurité internationales», «paix et la sécurité
        internationales») cited as the term base lists it («paix et sécurité
        internationales»), once, with the units of every way of writing it. The same words
        only: a plural stays a plural, as the source term has it, and the initial stays as the
        text writes it."""
        lang = self.stats.tgt_lang
        if tb is None or base(lang) not in _ELIDING:
            return terms
        listed = {_content(t.text, lang): t.text for t in tb.terms_in(lang) if t.approved}
        out: list[Term] = []
        at: dict[tuple[str, ...], int] = {}
        for t in terms:
            words = _content(t.text, lang) if t.lang == lang else ()
            if words not in listed:
                out.append(t)
            elif words in at:
                k = at[words]
                out[k] = replace(out[k], count=out[k].count + t.count)
            else:
                at[words] = len(out)
                cited = listed[words]  # with the initial the text gives it (a name's capital)
                first = cited[:1].upper() if t.text[:1].isupper() else cited[:1].lower()
                out.append(replace(t, text=first + cited[1:]))
        return tuple(out)

    def entry(self, p: Pair, src_text: str, tgt_text: str, number: int) -> TermEntry:
        """The glossary entry of ``p`` with its evidence and variants."""
        st = self.stats
        key, tk, c, main_units = p.key, p.tk, self.links.src[p.key], p.main_units
        n_main, confidence, score = len(main_units), p.confidence, p.score
        terms: tuple[Term, ...] = (
            Term(src_text, st.src_lang, "preferred", count=c.n_units, lemma=" ".join(key)),
                 Term(tgt_text, st.tgt_lang, "preferred", count=n_main, lemma=" ".join(tk)))
        tb = self.tb.by_src.get(key)
        ctx = min(main_units, key=lambda u: (abs(len(st.units[u].source) - 120), u))
        note = "extracted automatically; check before use"
        if tb is not None:
            note += "; " + VERIFY_NOTE
        etype = tb.type if tb is not None else entry_type(
            src_text, tgt_text, _is_proper(c, st.src_lang), st.src_lang, st.tgt_lang)
        approved = tk in self.tb.approved.get(key, _NO_RENDERINGS)
        unit = st.units[ctx]
        alt = variants(key, tk, main_units, self.links, self.tb.renderings(key),
                       len(st.units))
        # a variant is cited like the main target: a general term lower-case, even where the
        # text has it mostly opening a heading («Техническая помощь»)
        terms += tuple(
            Term(bare_coordination(self._lower_initial(unglue(citation_form(
                _surface(self.links.tgt[ak], st.tgt_lang, self.tgt_caps), st.tgt_lang,
                keep_yo=self.keep_yo)), src_text), src_text, st.tgt_lang),
                 st.tgt_lang, "admitted", count=n, lemma=" ".join(ak)) for ak, n in alt)
        terms = _merged(self._as_listed(tb, terms))
        terms += self._termbase_only(tb, terms, key)
        return TermEntry(
            id=f"t{number}", terms=terms, subject=tb.subject if tb else None, type=etype, note=note,
            contexts={st.src_lang: unit.source, st.tgt_lang: unit.target},
            confidence=round(confidence, 3), score=round(score, 3), source=st.name,
            status="approved" if approved else "candidate", frequency=c.n_units,
            consistency=round(n_main / c.n_units, 3),
            example_unit=unit.id if unit.id is not None else str(ctx + 1))


def _merged(terms: tuple[Term, ...]) -> tuple[Term, ...]:
    """Target terms cited alike made one, with the units of each (a variant that differed
    from the main target only by an article the citation leaves out, see
    :func:`bare_coordination`): the units of a variant are those without the main target,
    so the counts add."""
    out: list[Term] = []
    at: dict[tuple[str, str], int] = {}
    for t in terms:
        k = (t.lang, t.text)
        if k in at and t.status == "admitted":
            out[at[k]] = replace(out[at[k]], count=out[at[k]].count + t.count)
            continue
        at.setdefault(k, len(out))
        out.append(t)
    return tuple(out)


def rank_terms(stats: TermStats, *, termbase: Glossary | None = None, max_terms: int = 500,
               keep_yo: bool = False) -> Glossary:
    """REDUCE: the glossary (best entries first) from merged term statistics."""
    tb = termbase_index(termbase, stats.src_lang, stats.tgt_lang)
    src_caps = stats.src.cap_words()
    termhood = _termhood(stats.src, tb, src_caps)
    ranked = sorted((k for k in termhood if termhood[k] > 0), key=lambda k: (-termhood[k], k))
    ranked = ranked[: max_terms * 4]
    r = _Ranker.build(stats, tb, keep_yo, ranked)
    pairs: list[Pair] = []
    taken: dict[Key, float] = {}
    for key in ranked:
        p = r.pair(key, termhood[key])
        if p is None:
            continue
        # one target, one source: a shorter/longer source sharing the same target keeps the best
        if p.tk in taken and taken[p.tk] >= p.score:
            continue
        taken[p.tk] = max(p.score, taken.get(p.tk, 0.0))
        pairs.append(p)
        r.links.claim(key, p.tk)
    # drop entries whose target was later claimed by a better-scoring source term
    kept = sorted((p for p in pairs if taken.get(p.tk) == p.score and p.listed),
                  key=lambda p: -p.score)
    # variants once every main pair is known: a source term linked to its own translation
    # ("Belarus" -> "Белоруссия") is no rival for another term's variant
    r.links.main_of = {p.key: p.tk for p in kept}
    out: list[TermEntry] = []
    seen: set[str] = set()
    for p in kept:
        if len(out) >= max_terms:
            break
        src_text, tgt_text = r.texts(p)
        if src_text.casefold() in seen:
            continue
        whole = r.whole_listed(p)
        if whole is not None:
            tgt_text, p = whole[0], replace(p, tk=whole[1])
        seen.add(src_text.casefold())
        out.append(r.entry(p, src_text, tgt_text, len(out) + 1))
    return Glossary(tuple(out), (stats.src_lang, stats.tgt_lang), stats.name)


def extract_terms(
    bitext: Bitext,
    *,
    src_lang: str,
    tgt_lang: str,
    termbase: Glossary | None = None,
    max_terms: int = 500,
    progress: Callable[[int], None] | None = None,
    keep_yo: bool = False,
) -> Glossary:
    """Bilingual glossary of ``bitext``, best entries first (see the module docstring)."""
    stats = gather_stats(bitext, src_lang=src_lang, tgt_lang=tgt_lang, termbase=termbase,
                         progress=progress)
    return rank_terms(stats, termbase=termbase, max_terms=max_terms, keep_yo=keep_yo)


__all__ += ["apply_yo"]
