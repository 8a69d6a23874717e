"""Where a unit renders a glossary term otherwise: the slot the rendering should fill (the
words around it in this document, the source's anchors), a rendering with one word replaced
(a slip, a related word, a house variant) and what the unit has instead. Used by the
key-term rule (:mod:`parley.glossary.qa.terms`), which decides what to report."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from parley.glossary.morph import (
    Lemmatizer,
    get_lemmatizer,
    has_morphology,
    rare_number,
    stem,
    stopwords,
)
from parley.glossary.qa.base import (
    COORDINATORS,
    REPEATED_AFTER_AND,
    WORD,
    TermSpec,
    Token,
    agree,
    disagree,
    forms,
    known_word,
    list_coordinator,
    unelided,
    word_match,
)


def _neighbours(tgt: tuple[Token, ...], k: int, lang: str) -> tuple[str, str]:
    """The dictionary forms of the words either side of token ``k`` ("^"/"$" at the ends)."""
    lem = get_lemmatizer(lang)
    left = lem.lemma(tgt[k - 1].low) if k > 0 else "^"
    right = lem.lemma(tgt[k + 1].low) if k + 1 < len(tgt) else "$"
    return left, right


_CASES = re.compile(r"\b(nomn|gent|datv|accs|ablt|loct|voct|gen2|acc2|loc2)\b")


@lru_cache(maxsize=50_000)
def _cases(word: str, lang: str) -> frozenset[str]:
    """The grammatical cases a word form can be in (empty where the language has none)."""
    parse = getattr(get_lemmatizer(lang), "_parse", None)
    if parse is None:
        return frozenset()
    return frozenset(m.group(1) for p in parse(word) for m in [_CASES.search(p[2])] if m)


def learn_contexts(store: Counter[tuple[str, str]], tgt: tuple[Token, ...],
                   tspans: list[tuple[int, int]], lang: str) -> None:
    """Count the words either side of each one-word rendering found: as a pair, and one side
    at a time with the rendering's case («участников Договора»: left «участник», genitive)."""
    for a, b in tspans:
        for k, t in enumerate(tgt):
            if t.start == a and t.end == b:
                left, right = _neighbours(tgt, k, lang)
                store[(left, right)] += 1
                for c in _cases(t.low, lang):
                    store[("<" + left, c)] += 1
                    store[(">" + right, c)] += 1


def _flanked(contexts: Counter[tuple[str, str]], left: str, right: str,
             cases: frozenset[str], lang: str) -> bool:
    """Both neighbours seen together around the rendering elsewhere, one of them a content
    word (4 letters or more: function words flank anything); or one content neighbour seen
    beside it at least twice with the rendering in a case this word can be in."""
    stop = stopwords(lang)
    lc = len(left) >= 4 and left not in stop
    rc = len(right) >= 4 and right not in stop
    if contexts.get((left, right), 0) and (lc or rc):
        return True
    return any((lc and contexts.get(("<" + left, c), 0) >= SIDE_EVIDENCE)
               or (rc and contexts.get((">" + right, c), 0) >= SIDE_EVIDENCE)
               for c in cases)


#: times one neighbour must have been seen beside a one-word rendering, in the same case
SIDE_EVIDENCE = 3


def slot_substitution(spec: TermSpec, text: str, tgt: tuple[Token, ...], lang: str,
                      taken: tuple[tuple[int, int], ...],
                      contexts: Counter[tuple[str, str]] | None, *, name: bool = False,
                      ) -> Substitution | None:
    """A one-word rendering replaced: a word of the same kind standing between two words that
    flank the rendering elsewhere in the document («Договора о неразмещении ядерного оружия»
    where other units have «о нераспространении ядерного»). Words that flank anything (both
    short function words) do not count."""
    if not contexts:
        return None
    lem = get_lemmatizer(lang)
    for _, words in spec.approved:
        if len(words) != 1:
            continue
        w = words[0]
        for k, s in enumerate(tgt):
            if any(a <= s.start < b for a, b in taken):
                continue
            left, right = _neighbours(tgt, k, lang)
            if not _flanked(contexts, left, right, _cases(s.low, lang), lang):
                continue
            if word_match(w, s, lang, loose=True) is not None:
                continue
            if (not _same_kind(w, s, lang, first=name or sentence_start(text, s.start))
                    or _abbreviation(text, s)):
                continue
            if _still_there(w, tgt, k, k + 1, lang, taken, slot=s.start):
                return None
            lo, hi = max(0, k - 1), min(len(tgt) - 1, k + 1)
            return Substitution(tgt[lo].start, tgt[hi].end, text[tgt[lo].start:tgt[hi].end],
                                w.low, text[s.start:s.end], lem.lemma(s.low), last=True,
                                at=s.start)
    return None


def agreement_substitution(spec: TermSpec, text: str, tgt: tuple[Token, ...], lang: str,
                           taken: tuple[tuple[int, int], ...], *, name: bool = False,
                           ) -> Substitution | None:
    """A one-word rendering replaced where the new noun cannot agree with the adjective or
    pronoun the text leaves before it («всеобъемлющую договор» for «всеобъемлющую конвенцию»,
    «этой постановления» for «этой резолюции»): an edit, not a translator's phrasing."""
    if not has_morphology(lang):
        return None
    lem = get_lemmatizer(lang)
    for w in _single_words(spec):
        for k in range(1, len(tgt)):
            s, before = tgt[k], tgt[k - 1]
            if any(a <= s.start < b for a, b in taken) or lem.pos(s.low) != "NOUN":
                continue
            if not _left_unagreed(tgt, k, lang):
                continue
            if word_match(w, s, lang, loose=True) is not None or _abbreviation(text, s):
                continue
            if not _same_kind(w, s, lang, first=name or sentence_start(text, s.start)):
                continue
            hi = min(len(tgt) - 1, k + 1)
            return Substitution(before.start, tgt[hi].end, text[before.start:tgt[hi].end],
                                w.low, text[s.start:s.end], lem.lemma(s.low), last=True,
                                at=s.start)
    return None


def _left_unagreed(tgt: tuple[Token, ...], k: int, lang: str) -> bool:
    """Whether noun ``k`` follows an adjective it cannot agree with (see :func:`disagree`),
    one that belongs to nothing else (see :func:`_governed_elsewhere`)."""
    noun, before = tgt[k], tgt[k - 1]
    if get_lemmatizer(lang).pos(before.low) != "ADJ" or not disagree(before.low, noun.low, lang):
        return False
    return not (k > 1 and _governed_elsewhere(tgt[k - 2], before, noun, lang))


#: demonstratives that stand for a noun after a preposition («причастные к этому органы»)
_SUBSTANTIVE = frozenset({"этот", "тот", "это", "то"})


def _governed_elsewhere(prior: Token, before: Token, noun: Token, lang: str) -> bool:
    """Whether the word ``before`` a noun it cannot agree with belongs to something else:
    the last of coordinated adjectives in the singular before a plural noun («Донецкой и
    Луганской областей», «Базельской, Роттердамской и Стокгольмской конвенций»: ``prior`` a
    coordinator or a comma), or a demonstrative standing for a noun after a preposition
    («причастные к этому органы»)."""
    lem = get_lemmatizer(lang)
    if prior.low in COORDINATORS or prior.end < before.start - 1:
        return _agree_but_number(before.low, noun.low, lang)
    return lem.pos(prior.low) == "PREP" and lem.lemma(before.low) in _SUBSTANTIVE


def _agree_but_number(adjective: str, noun: str, lang: str) -> bool:
    """Whether a singular adjective and a plural noun agree in case and gender, as the last
    of coordinated adjectives does with the one noun they share («Луганской областей»; not
    «своего независимости», whose genders differ)."""
    adj = [(c, g) for c, n, g in forms(adjective, lang, frozenset({"ADJF"})) if n == "sing"]
    return any(c == nc and (not g or not ng or g == ng)
               for nc, nn, ng in forms(noun, lang, frozenset({"NOUN"})) if nn == "plur"
               for c, g in adj)


#: source words allowed between a term and the number beside it ("article III of the Treaty")
_ANCHOR_GAP = frozenset({"of", "the"})
_ROMAN = re.compile(r"[ivxlc]+")


def _is_anchor(t: Token) -> bool:
    """A number or code both language versions write alike ("2140", "65/123", "III")."""
    return any(c.isdigit() for c in t.low) or (t.upper and bool(_ROMAN.fullmatch(t.low)))


def _anchor_slot(src: tuple[Token, ...], span: tuple[int, int], tgt: tuple[Token, ...],
                 lang: str, *, name: bool = False) -> tuple[int, bool] | None:
    """The target position a source term occurrence must take, found through a number beside
    it that the target repeats once, and whether the number follows the term: the word
    before it for "resolution 2140 (2014)" («резолюции 2140 (2014)»: True), the word after it
    for "article III of the Treaty" («статье III Договора»: False; a language that puts
    «du» there, or a count, "2,000 Ebola workers", makes that a guess); for a term the source
    writes as a name (``name``), the word before a year the target follows with «года» ("the
    1971 Convention": «Конвенции 1971 года»), where the rendering of a common noun may stand
    anywhere ("the 2015 agreement was reached": «была достигнута договоренность 2015 года»:
    a paraphrase). None for a number written twice or, but for a name, a year."""
    k = next((k for k, t in enumerate(src) if t.start == span[0]), None)
    m = next((m for m, t in enumerate(src) if t.end == span[1]), None)
    if k is None or m is None:
        return None
    lem = get_lemmatizer(lang)
    for step, edge in ((1, m), (-1, k)):
        j = edge + step
        while 0 <= j < len(src) and src[j].low in _ANCHOR_GAP and step < 0:
            j += step
        if not (0 <= j < len(src)) or not _is_anchor(src[j]):
            continue
        where = [p for p, t in enumerate(tgt) if t.low == src[j].low]
        if len(where) != 1 or sum(t.low == src[j].low for t in src) != 1:
            continue
        slot = where[0] - 1 if step > 0 else where[0] + 1
        if step < 0 and name and _year_after(tgt, slot, lem):
            slot = where[0] - 1  # "the 1971 Convention": «Конвенции 1971 года»
        if 0 <= slot < len(tgt) and lem.lemma(tgt[slot].low) not in ("год", "№"):
            return slot, step > 0
    return None


def _year_after(tgt: tuple[Token, ...], k: int, lem: Lemmatizer) -> bool:
    """Whether target word ``k`` is the «года» after a year: Russian names a document
    before its year («Конвенции 1971 года»), where English puts the year first."""
    return 0 <= k < len(tgt) and lem.lemma(tgt[k].low) == "год"


#: a glossary term's source occurrence and its one rendering found in the target
Pair = tuple[tuple[int, int], tuple[int, int]]
#: source words between another term and this one that make this one its dependent
#: ("States parties to the Treaty", "implementation of the Convention")
_LINKING = frozenset({"of", "the", "to", "for"})


def _term_slot(src: tuple[Token, ...], span: tuple[int, int], tgt: tuple[Token, ...],
               pairs: tuple[Pair, ...]) -> int | None:
    """The target position of a source term occurrence that depends on another glossary term
    just before it ("States parties to the Treaty"): the word right after that term's
    rendering («государств-участников Соглашения»), as a Russian genitive follows its head."""
    k = next((k for k, t in enumerate(src) if t.start == span[0]), None)
    if k is None:
        return None
    for (_, sb), (_, tb) in pairs:
        m = next((m for m, t in enumerate(src) if t.end == sb), None)
        if m is None or m >= k or k - m - 1 > 2 or not all(
                t.low in _LINKING for t in src[m + 1:k]):
            continue
        return next((j for j, t in enumerate(tgt) if t.start >= tb), None)
    return None


def anchor_substitution(spec: TermSpec, src: tuple[Token, ...], spans: tuple[tuple[int, int], ...],
                        text: str, tgt: tuple[Token, ...], lang: str,
                        taken: tuple[tuple[int, int], ...], *, name: bool = False,
                        pairs: tuple[Pair, ...] = ()) -> Substitution | None:
    """A one-word rendering replaced where a number beside the term pins its place (see
    :func:`_anchor_slot`): «постановления 2140 (2014)» for "resolution 2140 (2014)"; or the
    rendering of another term the source puts just before it (see :func:`_term_slot`)."""
    words = _single_words(spec)
    if not words:
        return None
    lem = get_lemmatizer(lang)
    for span in spans:
        anchor = _anchor_slot(src, span, tgt, lang, name=name)
        k, pinned = anchor if anchor is not None else (_term_slot(src, span, tgt, pairs), False)
        if k is None or any(a <= tgt[k].start < b for a, b in taken):
            continue
        s = tgt[k]
        if _in_a_rendering(spec, s, lang):
            continue
        w = words[0]
        if (not _same_kind(w, s, lang, first=name or sentence_start(text, s.start))
                or _abbreviation(text, s)):
            continue
        if any(_still_there(x, tgt, k, k + 1, lang, taken, slot=s.start) for x in words):
            continue
        lo, hi = max(0, k - 1), min(len(tgt) - 1, k + 1)
        return Substitution(tgt[lo].start, tgt[hi].end, text[tgt[lo].start:tgt[hi].end],
                            w.low, text[s.start:s.end], lem.lemma(s.low), last=True, at=s.start,
                            pinned=pinned)
    return None


def _abbreviation(text: str, s: Token) -> bool:
    """A word written in capitals («ДЗСЯОЦА»): another name for the term, not a slip."""
    return len(s.low) > 1 and text[s.start:s.end].isupper()


def _single_words(spec: TermSpec) -> list[Token]:
    """The entry's one-word renderings that are words, not abbreviations («ДНЯО»)."""
    return [ws[0] for t, ws in spec.approved if len(ws) == 1 and not t.isupper()]


def _in_a_rendering(spec: TermSpec, s: Token, lang: str) -> bool:
    """Whether ``s`` is a word of one of the entry's renderings («Договора» of «Договор о
    нераспространении ядерного оружия»): the rendering is there in another shape."""
    return any(word_match(w, s, lang, loose=True) is not None for _, ws in spec.approved for w in ws)


@dataclass(frozen=True)
class Substitution:
    """An approved rendering in the target with exactly one word replaced by another word of
    the same part of speech («атомного оружия» for «ядерного оружия», «государства-участники»
    for «государства-члены»): the signature of a term slip, unlike a paraphrase or an
    omission, which leave no trace of the rendering."""

    start: int
    end: int
    phrase: str  # the near-rendering as the target writes it
    expected: str  # the replaced word of the rendering
    found: str  # the word the target has in its place
    key: str  # the substitute's lemma: the same one in several units is a variant
    last: bool = False  # the rendering's last word was replaced
    rest: tuple[int, int] | None = None  # the span of the words kept, when they are together
    at: int = -1  # where the new word starts
    #: a noun of the rendering is among the words kept («Организации Объединенных Народов»,
    #: «прав гражданина»): the term still heads its phrase, so it is not a modifier made
    #: adjective («космический объект» for "outer space object")
    head_kept: bool = False
    #: no guess at which neighbour stands for the rendering: a number the source writes
    #: after the term pins the new word's place («décision 2140 (2014)» for "resolution
    #: 2140 (2014)»), or the kept parts of a hyphenated word do («Pays-Unis»), or another
    #: name's capitalised word stands in a name's place («de la Charte» for "of the
    #: Convention", see ``KeyTermRule._renamed``). (Another
    #: entry's rendering in the unit pins nothing without morphology: «le Président de» for
    #: "Iraq", «garanties» for "treaty" where the source says "assurances" on un-dev en-fr.)
    pinned: bool = False


#: characters allowed between the words of a near-rendering ("государства -- участники")
_JOIN = re.compile(r"[\s\-\u2010-\u2014]*")


#: negation particles: some stoplists lack them, yet they replace no word of a rendering
NEGATIONS = frozenset({"non", "not", "no", "не", "ни", "pas", "ne", "nicht", "kein"})


def _same_kind(w: Token, s: Token, lang: str, *, first: bool, drop_capital: bool = False) -> bool:
    """Whether ``s`` could stand where the rendering has ``w``: a content word of the same part
    of speech and capitalisation (a capital that only starts the sentence does not count;
    with ``drop_capital`` the rendering's capital may be missing, not added)."""
    if len(w.low) < 3 or w.low in COORDINATORS or not s.low.isalpha() or len(s.low) < 3:
        return False
    if s.low in NEGATIONS:
        return False  # «contributions non acquittées»: a negation, no word of a term
    stop = stopwords(lang)
    lem = get_lemmatizer(lang)
    if w.low in stop or s.low in stop or lem.lemma(w.low) in stop or lem.lemma(s.low) in stop:
        return False  # «весь мир», «свои задачи», «свою силу»: pronouns, not term words
    if w.upper != s.upper and not first and (s.upper or not drop_capital):
        return False
    return bool(_pos_set(w.low, lang) & _pos_set(s.low, lang))


_POS = {"ADJF": "ADJ", "ADJS": "ADJ", "PRTF": "ADJ", "INFN": "VERB"}


@lru_cache(maxsize=50_000)
def _pos_set(word: str, lang: str) -> frozenset[str | None]:
    """Every part of speech a word form can have («главного»: a noun or an adjective)."""
    lem = get_lemmatizer(lang)
    parse = getattr(lem, "_parse", None)
    if parse is None:
        return frozenset({lem.pos(word)})
    return frozenset(_POS.get(p[1] or "", p[1]) for p in parse(word)) or frozenset({None})


def _common_start(a: str, b: str) -> int:
    """How many letters two words share from their start."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _related(w: Token, s: Token, lang: str = "ru") -> bool:
    """Words of one root: a long common beginning once a negation prefix is set aside, which
    covers both dictionary forms but for a derivational ending («секретарь»/«секретариат»,
    «исполнитель»/«исполнительный»); a shared first syllable does not make one word of two
    («орган»/«организация», «правосудие»/«правопорядок»)."""
    a, b = w.low.removeprefix("не"), s.low.removeprefix("не")
    n = _common_start(a, b)
    if not (n >= 5 or (n >= 4 and min(len(a), len(b)) <= 6)):
        return False
    lem = get_lemmatizer(lang)
    la, lb = (lem.lemma(x).removeprefix("не") for x in (a, b))
    return _common_start(la, lb) >= max(len(la), len(lb)) - RELATED_TAIL


#: letters a derivational ending may add to or change in a dictionary form (see _related)
RELATED_TAIL = 4


#: share of the shorter word a cognate's common beginning covers (see cognate)
COGNATE_SHARE = 0.6
#: ... and of the longer one: «Commission» is no cognate of "common" (4 letters of 10), which
#: excused «Commission spécial» for «Comité spécial» beside "common criteria" (on un-dev
#: en-fr one injected slip more found, no new flag; «judiciaire»/"judicial" share 6 of 10)
COGNATE_LONGER = 0.5


def _folded(word: str, lang: str = "") -> str:
    """A word lower-cased without its accents and, in ``lang``, an elided article («l'Unité»
    -> "unite", see :func:`parley.glossary.qa.base.unelided`)."""
    return "".join(c for c in unicodedata.normalize("NFD", unelided(word, lang).lower())
                   if not unicodedata.combining(c))


def _cognates(a: str, b: str) -> bool:
    """Folded words sharing a beginning of four letters or more that covers
    :data:`COGNATE_SHARE` of the shorter one and :data:`COGNATE_LONGER` of the longer."""
    n = _common_start(a, b)
    return (n >= 4 and n >= COGNATE_SHARE * min(len(a), len(b))
            and n >= COGNATE_LONGER * max(len(a), len(b)))


def cognate(found: str, src: tuple[Token, ...], skip: tuple[tuple[int, int], ...],
            tgt: tuple[Token, ...] = (), lang: str = "") -> bool:
    """Whether the new word of a near-rendering in a language written, like English, in Latin
    letters is a cognate of a source word outside the term's occurrences (``skip``): then it
    is that word's translation that took the term's place, a paraphrase, not a slip
    («arsenaux nucléaires» for "nuclear disarmament" where the source says "arsenals",
    «crise centrafricaine» with "crisis", «Secrétaire général» with "Secretary-General"). A
    common beginning of four letters or more covering :data:`COGNATE_SHARE` of the shorter
    word («débat»/"debate", «judiciaire»/"judicial"); a shared prefix alone does not do
    («transmettre»/"transactions", «Commission»/"Committee"). The source's cognates explain
    as many of the target's words (``tgt``) as they number: «institutions non
    gouvernementales» beside «institutions nationales» where the source has one
    "institutions" leaves one unexplained, a slip."""
    a = _folded(found, lang)
    if not a.isascii() or len(a) < 4:
        return False
    n_src = sum(1 for t in src if len(t.low) >= 4 and not any(x <= t.start < y for x, y in skip)
                and _cognates(a, _folded(t.low)))
    if not n_src:
        return False
    n_tgt = sum(1 for t in tgt if len(b := _folded(t.low)) >= 4
                and _common_start(a, b) >= max(4, min(len(a), len(b)) - 2))
    return n_tgt <= n_src


@cache
def word_variants(lang: str) -> dict[str, tuple[tuple[frozenset[str], frozenset[str]], ...]]:
    """Dictionary form -> the lines of words a language's institutional usage writes for it
    inside a term (``parley/glossary/data/<lang>_word_variants.txt``; none for other
    languages), each with the head nouns it is limited to (empty: any): «мирное население» is
    «гражданское население», «мирное общество» is no «гражданское общество»."""
    from importlib import resources

    path = resources.files("parley.glossary").joinpath("data").joinpath(f"{lang}_word_variants.txt")
    if not path.is_file():
        return {}
    out: dict[str, tuple[tuple[frozenset[str], frozenset[str]], ...]] = {}
    for line in path.read_text("utf-8").splitlines():
        words, _, heads = line.split("#", 1)[0].partition(">")
        row = (frozenset(words.split()), frozenset(heads.split()))
        for w in row[0]:
            out[w] = (*out.get(w, ()), row)
    return out


def variants_of(lemmas: frozenset[str], lang: str, context: frozenset[str]) -> frozenset[str]:
    """The listed variants of a word (by its dictionary forms) that hold beside the words
    ``context`` (dictionary forms of the phrase it stands in)."""
    table = word_variants(lang.lower().split("-")[0])
    out: frozenset[str] = frozenset()
    for x in lemmas:
        for words, heads in table.get(x, ()):
            if not heads or heads & context:
                out |= words
    return out


def house_variant(sub: Substitution, lang: str) -> bool:
    """Whether the substitute and the replaced word are listed as interchangeable."""
    lem = get_lemmatizer(lang)
    context = frozenset().union(*(lem.lemmas(w) for w in re.findall(r"\w+", sub.phrase.lower())))
    return bool(variants_of(lem.lemmas(sub.expected), lang, context)
                & lem.lemmas(sub.found.lower()))


def misspelt(sub: Substitution, lang: str) -> bool:
    """Whether the new word is the replaced one misspelt: their stems one letter apart, or
    two letters swapped («ядреного» for «ядерного», a Latin «c» in «cекретариат»)."""
    return _misspelling(sub.expected, sub.found, lang)


def _misspelling(expected: str, found: str, lang: str) -> bool:
    a, b = stem(expected.lower(), lang), stem(found.lower(), lang)
    if a == b or min(len(a), len(b)) < 4 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [k for k in range(len(a)) if a[k] != b[k]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = sorted((a, b), key=len)
    return any(long_[:k] + long_[k + 1:] == short for k in range(len(long_)))


#: per language: masculine and feminine endings of one noun or adjective (see gender_form)
_GENDER: dict[str, tuple[tuple[str, str], ...]] = {
    "fr": (("teur", "trice"), ("eur", "euse"), ("if", "ive"), ("en", "enne"), ("on", "onne"),
           ("er", "ere"), ("et", "ette"), ("el", "elle"), ("eux", "euse"), ("", "e")),
    "es": (("o", "a"), ("or", "ora"), ("", "a")),
    "it": (("o", "a"), ("tore", "trice"), ("e", "essa")),
    "pt": (("o", "a"), ("or", "ora"), ("", "a")),
}


def gender_form(expected: str, found: str, lang: str) -> bool:
    """Whether ``found`` is the replaced word in the other gender: the term agreeing with the
    person who holds the office («Directrice exécutive» for «Directeur exécutif» of Michelle
    Bachelet), no slip. Accents and a plural -s/-x set aside."""
    pairs = _GENDER.get(lang.lower().split("-")[0], ())
    a, b = (_folded(w, lang) for w in (expected, found))
    if a[-1:] in "sx" and b[-1:] in "sx" and len(a) > 4 and len(b) > 4:
        a, b = a[:-1], b[:-1]
    for x, y in ((a, b), (b, a)):
        for m, f in pairs:
            if x.endswith(m) and y == x[:len(x) - len(m)] + f and x != y:
                return True
    return False


def sentence_start(text: str, at: int) -> bool:
    before = text[:at].rstrip(" «\"'(<")
    return not before or before[-1] in ".!?:;" or before.endswith((">>", "--"))


def _swapped_part(w: str, s: str, lang: str) -> int | None:
    """The one part of hyphenated ``s`` that replaces the same part of hyphenated ``w``, the
    others kept in their places (no shared lemma, three letters or more), else None."""
    parts, sparts = w.split("-"), s.split("-")
    if len(parts) < 2 or len(parts) != len(sparts):
        return None
    lem = get_lemmatizer(lang)
    diff = [k for k, (p, q) in enumerate(zip(parts, sparts, strict=True))
            if not lem.lemmas(p) & lem.lemmas(q)]
    if len(diff) != 1 or min(len(parts[diff[0]]), len(sparts[diff[0]])) < 3:
        return None
    return diff[0]


def _hyphen_substitution(w: Token, tgt: tuple[Token, ...], text: str, lang: str,
                         taken: tuple[tuple[int, int], ...]) -> Substitution | None:
    """«государства-участники» for «государства-члены»: one part of a hyphenated word replaced."""
    lem = get_lemmatizer(lang)
    for s in tgt:
        if "-" not in s.low or any(a <= s.start < b for a, b in taken):
            continue
        k = _swapped_part(w.low, s.low, lang)
        if k is None:
            continue
        old, new = w.low.split("-")[k], s.low.split("-")[k]
        if not _pos_set(old, lang) & _pos_set(new, lang):
            continue
        # the parts kept, in their places, pin the slip as a multiword rendering's words do
        return Substitution(s.start, s.end, text[s.start:s.end], old, new, lem.lemma(new),
                            at=s.start, pinned=True)
    return None


def _part_swap(w: Token, s: Token, lang: str) -> bool:
    """Whether hyphenated ``s`` is hyphenated ``w`` with one part replaced, the others in
    their places («Pays-Unis» for «États-Unis» inside «États-Unis d'Amérique»), by a word of
    another root: «Haut-Commissariat» is the office of the «Haut-Commissaire» ("Office of
    the High Commissioner"), no slip."""
    if not s.low.replace("-", "").isalpha():
        return False
    k = _swapped_part(w.low, s.low, lang)
    if k is None:
        return False
    a, b = (Token(0, 0, x.split("-")[k], frozenset(), "") for x in (w.low, s.low))
    return not _related(a, b, lang)


#: tokens either side of a near-rendering searched for the replaced word (moved or kept)
NEAR = 3
#: punctuation that ends a phrase (see _still_there)
_PUNCT = re.compile(r"[,;:.()«»<>\"]")


def _still_there(w: Token, tgt: tuple[Token, ...], lo: int, hi: int, lang: str,
                 taken: tuple[tuple[int, int], ...], slot: int = -1,
                 beside: tuple[Token | None, Token | None] = (None, None), text: str = "",
                 rendering: tuple[Token, ...] = (), named: bool = False) -> bool:
    """Whether the replaced word, a word of its root or a listed variant of it stands near the
    window after all (another order, an inserted name: «Комиссии Организации Объединенных
    Наций по разоружению», «органами власти», «передовых видов практики»). The word in the
    replaced slot itself (starting at ``slot``) is of the same part of speech: one of the same
    root there is another word, not the term's word moved («Генеральный секретариат» for
    «Генеральный секретарь», «уголовного правопорядка» for «уголовного правосудия»). Nor is
    the word moved when it stands beside the rendering's word that it stands beside in the
    rendering (``beside``: the words before and after it there): that is a phrase of its own
    («применения ядерного оружия государства, обладающие атомным оружием»). Nor is a word
    before the window with punctuation between (when ``text`` is given): it ends another
    phrase («формам насилия, включая сексуальное жестокость»); Russian moves a term's word
    after its head across a comma («ресурсов, как людских»), so that side still counts, but
    not for a capitalised word, which there opens another name («Комитета по народонаселению и
    развитию, Комиссии социального развития»). Nor, given the ``rendering``'s words, is an
    adjective that has a noun of its own right after it («атомного разоружения и ядерного
    нераспространения», «межгосударственного права и международных конвенций»). Nor, when
    the term is ``named`` (the source writes it as a name, or the word is capitalised inside
    the rendering: «система Организации Объединенных Наций»), is a lower-case word the name's
    capitalised word moved: a name keeps its capitals («организациями системы Учреждения
    Объединенных Наций» has no «Организации» moved)."""
    context = frozenset().union(*(t.lemmas for t in tgt[lo:hi]))
    alts = variants_of(w.lemmas, lang, context)
    first = max(0, lo - NEAR)
    for p, t in enumerate(tgt[first:hi + NEAR], first):
        if any(a <= t.start < b for a, b in taken):
            continue
        if text and p < lo and _PUNCT.search(text[t.end:tgt[lo].start]):
            continue
        if (text and p >= hi and t.upper and _PUNCT.search(text[tgt[hi - 1].end:t.start])
                and not _parallel(tgt, p, lo, hi, slot)):
            continue
        if named and w.upper and not t.upper:
            continue
        level = word_match(w, t, lang, loose=True)
        if level == STEM_MATCH and not _kin(w, t, lang):
            level = None  # «доступным» is no «доступ» moved
        if (level is not None and level < STEM_MATCH and p >= hi and rendering
                and "-" not in t.low and _own_noun(tgt, p, lang, rendering, context)):
            continue
        if (level is not None and not (lo <= p < hi) and _paired(tgt, p, beside, lang)
                and not _parallel(tgt, p, lo, hi, slot)):
            continue
        if level is not None or t.lemmas & alts:
            return True
        if ((t.start != slot or _negated(w, t))
                and any(_related(w, p, lang) and _kin(w, p, lang) for p in _parts(t))):
            return True
    return False


def _parallel(tgt: tuple[Token, ...], p: int, lo: int, hi: int, slot: int) -> bool:
    """Whether target word ``p`` follows the same article or preposition as the replaced
    slot does: one item of a list the target factors («conventions de Bâle, de Rotterdam et
    de Stockholm» for "the Basel Convention, the Rotterdam Convention and the Stockholm
    Convention"), not another name opening after the comma."""
    k = next((j for j in range(lo, hi) if tgt[j].start == slot), None)
    return (k is not None and k > 0 and p > 0 and tgt[p - 1].low == tgt[k - 1].low
            and tgt[k - 1].low in REPEATED_AFTER_AND)


def _coordinated(w: Token, tgt: tuple[Token, ...], lo: int, lang: str, text: str,
                 taken: tuple[tuple[int, int], ...]) -> bool:
    """Whether the rendering's first word, replaced, stands a little before the window with
    a coordinator right after it: two head nouns sharing one modifier («organisations ou
    mécanismes à vocation régionale» for "regional organizations or arrangements"), the
    rendering's word kept. The word itself or its inflection, not one of its root
    («pays développés et ... pays en essor» keeps no «développement»)."""
    for p in range(max(0, lo - NEAR - COORDINATED_REACH), lo - 1):
        t = tgt[p]
        level = word_match(w, t, lang, loose=True)
        if (tgt[p + 1].low in COORDINATORS and not any(a <= t.start < b for a, b in taken)
                and not _PUNCT.search(text[t.end:tgt[lo].start])
                and level is not None and level < STEM_MATCH):
            return True
    return False


#: words beyond :data:`NEAR` a coordinated noun may stand before the window (see _coordinated)
COORDINATED_REACH = 3


def _own_noun(tgt: tuple[Token, ...], p: int, lang: str, rendering: tuple[Token, ...],
              context: frozenset[str]) -> bool:
    """Whether target word ``p``, an adjective, has right after it a noun (only a noun) that
    is no word of the rendering nor a house variant of one («передовая практика» for
    «передовой опыт»): the adjective is that noun's, a phrase of its own."""
    if p + 1 >= len(tgt) or "ADJ" not in _pos_set(tgt[p].low, lang):
        return False
    nxt = tgt[p + 1]
    return (_pos_set(nxt.low, lang) == frozenset({"NOUN"})
            and not any(word_match(r, nxt, lang, loose=True) is not None
                        or nxt.lemmas & variants_of(r.lemmas, lang, context) for r in rendering))


def broken(sub: Substitution, text: str, lang: str, tgt: tuple[Token, ...] = ()) -> bool:
    """Whether the near-rendering's new word and the word beside it inside it cannot agree
    (see :func:`disagree`): an adjective kept before a new noun, or a new adjective before a
    kept noun; or, where the new noun opens the near-rendering, the adjective the text has
    right before it («"Единая Учреждения Объединенных Наций"» for "One United Nations": the
    edit left the name's own adjective unagreed). Abbreviations are left out (they do not
    decline)."""
    words = [(m.start(), m.group()) for m in WORD.finditer(text[sub.start:sub.end])]
    k = next((j for j, (a, _) in enumerate(words) if sub.start + a == sub.at), None)
    if k is None:
        return False
    pairs = [(words[j][1], words[j + 1][1]) for j in (k - 1, k) if 0 <= j < len(words) - 1]
    if any(not a.isupper() and not b.isupper() and disagree(a, b, lang) for a, b in pairs):
        return True
    return k == 0 and _unagreed_before(tgt, text, sub.at, lang)


def _unagreed_before(tgt: tuple[Token, ...], text: str, at: int, lang: str) -> bool:
    """Whether the noun starting at ``at`` follows an adjective it cannot agree with, one
    that belongs to nothing else (see :func:`_left_unagreed`); abbreviations do not decline."""
    k = next((k for k, t in enumerate(tgt) if t.start == at), 0)
    if k == 0 or not has_morphology(lang):
        return False
    if _abbreviation(text, tgt[k]) or _abbreviation(text, tgt[k - 1]):
        return False
    return _left_unagreed(tgt, k, lang)


#: :func:`word_match`'s level for words that share only a stem
STEM_MATCH = 2


def _kin(w: Token, t: Token, lang: str) -> bool:
    """Whether two words of one root may be one word moved: they share a part of speech (or
    the dictionary knows neither): «вооружений» (a noun) is not «вооруженных» moved, nor
    «доступным» «доступ»."""
    a, b = _pos_set(w.low, lang), _pos_set(t.low, lang)
    if a & b - {None}:
        return True
    if None not in a and None not in b:
        return False
    # no part of speech to tell (French, or a word the dictionary lacks): two words it knows
    # with stems and dictionary forms of their own are two words («exécution» is no
    # «exécutif» moved: «Directeur administratif sur l'exécution» is a slip)
    return not (w.stem != t.stem and not w.lemmas & t.lemmas
                and known_word(w.low, lang) and known_word(t.low, lang))


def _paired(tgt: tuple[Token, ...], p: int, beside: tuple[Token | None, Token | None],
            lang: str) -> bool:
    """Whether target word ``p`` has the rendering's word before or after it beside it."""
    before, after = beside
    return bool((before is not None and p > 0
                 and word_match(before, tgt[p - 1], lang, loose=True) is not None)
                or (after is not None and p + 1 < len(tgt)
                    and word_match(after, tgt[p + 1], lang, loose=True) is not None))


def _negated(w: Token, t: Token) -> bool:
    """One word the other with «не» before it («неравенства» for «равенство»): the antonym a
    source's own negation asks for ("gender inequality"), not a slip."""
    return w.low.startswith("не") != t.low.startswith("не")


def _parts(t: Token) -> tuple[Token, ...]:
    if "-" not in t.low:
        return (t,)
    return tuple(Token(t.start, t.end, p, frozenset(), "") for p in t.low.split("-") if p)


def _joined(window: tuple[Token, ...], text: str, words: tuple[Token, ...], term: str) -> bool:
    """The window's words follow each other as the rendering's do: spaces or dashes, or the
    rendering's own punctuation («государство, обладающее ядерным оружием»); a number between
    them is the document's own («Пункт 5 повестки дня», «резолюции 2140 (2014) Совета»), and
    so is a list of them («Пункты 33 и 38 повестки дня»)."""
    for j in range(len(window) - 1):
        between = text[window[j].end:window[j + 1].start]
        if not (_JOIN.fullmatch(between) or _JOIN.fullmatch(_NUMBERS.sub(" ", between))
                or between.strip() == term[words[j].end:words[j + 1].start].strip()
                or _repeated(window[j], between)):
            return False
    return True


def _repeated(coordinator: Token, between: str) -> bool:
    """Whether ``between`` holds only the article French and Spanish repeat after the
    rendering's coordinator («paix et de la sécurité», «et l'autonomisation»; see
    :data:`parley.glossary.qa.base.REPEATED_AFTER_AND`)."""
    found = WORD.findall(between)
    return (coordinator.low in COORDINATORS and bool(found)
            and all(w.lower() in REPEATED_AFTER_AND or w.lower() in ("l", "d") for w in found)
            and not re.search(r"[^\w\s'’]", between))


#: numbers and list letters a target writes inside a term («Пункт 5 d) повестки дня»), or a
#: list of them («Пункты 33 и 38 повестки дня», «points 33, 35 et 38 de l'ordre du jour»)
_NUMBER = r"(?:\(?\d+(?:[./]\d+)*(?:\([a-zа-я]\))?\)?|(?<!\w)[a-zа-я]\))"
_NUMBERS = re.compile(
    rf"{_NUMBER}(?:\s*(?:,|(?<!\w)(?:{'|'.join(sorted(COORDINATORS))})(?!\w))\s*{_NUMBER})*")


def _window(tgt: tuple[Token, ...], i: int, n: int,
            rendering: tuple[Token, ...] = ()) -> tuple[Token, ...]:
    """``n`` words from target position ``i``, numbers between them skipped (at most
    :data:`WINDOW_SKIP`): the words a rendering of ``n`` words may take. With the
    ``rendering``, an article repeated after its coordinator is skipped too, where the
    rendering has no article there («paix et de la sécurité» for «paix et sécurité»)."""
    out = [tgt[i]] if i < len(tgt) else []
    j, skipped = i + 1, 0
    while len(out) < n and j < len(tgt):
        t = tgt[j]
        repeated = (len(rendering) > len(out) and out[-1].low in COORDINATORS
                    and t.low in REPEATED_AFTER_AND
                    and rendering[len(out)].low not in REPEATED_AFTER_AND)
        if list_coordinator(tgt, j, i):
            pass  # «33 и 38»: the coordinator of a list of numbers, the numbers counted
        elif skipped < WINDOW_SKIP and (t.low.isdigit() or (
                len(t.low) == 1 and tgt[j - 1].low.isdigit() and j - 1 > i) or repeated):
            # a number, or a list letter after one («5(b)», «5 d)»), or the article French
            # repeats after a coordinator («paix et de la sécurité»)
            skipped += 1
        else:
            out.append(t)
        j += 1
    return tuple(out)


#: tokens a near-rendering may have between its words (see _window)
WINDOW_SKIP = 3


def _rest(window: tuple[Token, ...], k: int) -> tuple[int, int] | None:
    """The span of the window without its word ``k`` when that word is at one end."""
    if k == 0 and len(window) > 1:
        return window[1].start, window[-1].end
    if k == len(window) - 1 and len(window) > 1:
        return window[0].start, window[-2].end
    return None


def _window_substitution(words: tuple[Token, ...], term: str, tgt: tuple[Token, ...], i: int,
                         text: str, lang: str, taken: tuple[tuple[int, int], ...],
                         name: bool = False, others: tuple[tuple[int, int], ...] = (),
                         ) -> Substitution | None:
    """The rendering ``words`` at target position ``i`` with exactly one word replaced.
    ``name``: the source writes the term with capitals, as a name, so a capital on the
    window's first word is the name's («Целевой группы» for «рабочая группа»). ``others``:
    the renderings other terms of the unit need; a word of one is not the replaced word
    moved («просит Главного секретаря представить Генеральной Ассамблее»)."""
    n = len(words)
    window = _window(tgt, i, n, words)
    if len(window) < n:
        return None
    if any(a < window[-1].end and window[0].start < b for a, b in taken):
        return None
    if not _joined(window, text, words, term):
        return None
    miss = [k for k in range(n) if word_match(words[k], window[k], lang, loose=True) is None]
    if len(miss) != 1:
        return None
    k = miss[0]
    w, s = words[k], window[k]
    if len(s.low) > 1 and text[s.start:s.end].isupper() and not term[w.start:w.end].isupper():
        return None  # an abbreviation («НПО по положению женщин») is another name, not a slip
    start = sentence_start(text, window[0].start)
    # a misspelling may read as another part of speech («основой сессии» for «основной»)
    # French writes «États membres» as often as «États Membres»: without morphology a later
    # word of the rendering may lose its capital (a first one is a title: «sesión del Consejo
    # de Seguridad» is no «Presidente del Consejo de Seguridad» with a word replaced)
    drop = k > 0 and not has_morphology(lang)
    if (not _same_kind(w, s, lang, first=k == 0 and (start or name), drop_capital=drop)
            and not (s.low.isalpha() and _misspelling(w.low, s.low, lang))
            and not _part_swap(w, s, lang)):
        return None
    # a lower-case rendering word written with a capital inside the sentence: part of a name
    # («Национального плана» is not «национальные меньшинства»)
    if any(x.upper and not y.upper and not (j == 0 and (start or name))
           for j, (x, y) in enumerate(zip(window, words, strict=True))):
        return None
    jn = next(j for j in range(i, len(tgt)) if tgt[j] is window[-1]) + 1
    beside = (words[k - 1] if k > 0 else None, words[k + 1] if k + 1 < n else None)
    # a new word its neighbour in the window cannot agree with was put in the slot: the
    # replaced word near it is no word moved («Устойчивое рост и развитие»)
    unagreed = any(not (a.upper and b.upper) and disagree(a.low, b.low, lang)
                   for a, b in ((window[j], window[j + 1]) for j in (k - 1, k) if 0 <= j < n - 1))
    if not unagreed and (_still_there(w, tgt, i, jn, lang, taken + others, slot=s.start,
                                      beside=beside, text=text, rendering=words,
                                      named=name or k > 0)
                         or (k == 0 and _coordinated(w, tgt, i, lang, text, taken + others))):
        return None
    return Substitution(window[0].start, window[-1].end, text[window[0].start:window[-1].end],
                        w.low, text[s.start:s.end], get_lemmatizer(lang).lemma(s.low),
                        last=k == n - 1, rest=_rest(window, k), at=s.start,
                        head_kept=any("NOUN" in _pos_set(words[j].low, lang)
                                      for j in range(n) if j != k))


def substitutions(spec: TermSpec, text: str, tgt: tuple[Token, ...], lang: str,
                  taken: tuple[tuple[int, int], ...], *, name: bool = False,
                  others: tuple[tuple[int, int], ...] = ()) -> Iterator[Substitution]:
    """Every approved rendering found in ``text`` with one word replaced (see
    :class:`Substitution`), in text order per rendering, outside the ``taken`` spans
    (renderings found whole); ``name``: the source writes the term with capitals; ``others``:
    other terms' renderings in the unit (see :func:`_window_substitution`). Lazy: the caller
    takes the first one another term of the unit does not explain («ядерного оружия» is
    "nuclear weapons", not "nuclear disarmament" with a word replaced; the slip may come
    later in the unit)."""
    for term, words in spec.approved:
        if len(words) == 1:
            if "-" in words[0].low:
                got = _hyphen_substitution(words[0], tgt, text, lang, taken)
                if got is not None:
                    yield got
            continue
        for i in range(len(tgt) - len(words) + 1):
            got = _window_substitution(words, term, tgt, i, text, lang, taken, name, others)
            if got is not None:
                yield got


def substitution(spec: TermSpec, text: str, tgt: tuple[Token, ...], lang: str,
                 taken: tuple[tuple[int, int], ...], *, name: bool = False,
                 others: tuple[tuple[int, int], ...] = ()) -> Substitution | None:
    """The first of :func:`substitutions`."""
    return next(substitutions(spec, text, tgt, lang, taken, name=name, others=others), None)


def cross_substitution(spec: TermSpec, text: str, tgt: tuple[Token, ...], lang: str,
                       taken: tuple[tuple[int, int], ...],
                       rivals: dict[str, tuple[TermSpec, ...]],
                       absent: Callable[[TermSpec], bool], *, name: bool = False,
                       ) -> Substitution | None:
    """A one-word rendering replaced by another glossary entry's one-word rendering whose
    source term the unit does not have («Соглашения» where the source says "Treaty" and no
    "agreement"): a cross-term slip. Only when exactly one such word stands in the unit, of
    the same kind as the rendering and not of its root («мандатариев» for «мандат»: the
    rendering in another shape); the caller asks the document whether the word is
    confusable with the term (see :meth:`KeyTermRule._cross`)."""
    words = _single_words(spec)

    def confused(s: Token) -> bool:
        other = {r.source: r for x in s.lemmas for r in rivals.get(x, ()) if r.source != spec.source}
        return (bool(other) and all(absent(r) for r in other.values())
                and _same_kind(words[0], s, lang, first=name or sentence_start(text, s.start))
                and not _abbreviation(text, s) and not any(_related(x, s, lang) for x in words))

    return _lone_substitute(spec, words, text, tgt, lang, taken, confused)


def _same_start(a: str, b: str) -> bool:
    """Words with a common beginning of :data:`RELATED_START` letters («делегация»,
    «делегирования»): one of the other's derivations, a sense of the source word the entry
    does not cover, not an unrelated word in its place."""
    a, b = a.removeprefix("не"), b.removeprefix("не")
    return len(a) >= RELATED_START and a[:RELATED_START] == b[:RELATED_START]


#: letters two words of one root share at their beginning (see _same_start)
RELATED_START = 5


def rare_substitution(spec: TermSpec, text: str, tgt: tuple[Token, ...], lang: str,
                      taken: tuple[tuple[int, int], ...], rare: Callable[[Token], bool], *,
                      name: bool = False) -> Substitution | None:
    """A one-word rendering replaced by a word of its kind that the caller finds ``rare`` (the
    document hardly uses it elsewhere, and it stands in the term's place): exactly one such
    word in the unit, not a capitalised one (a name), not an abbreviation, not of the
    rendering's beginning («делегирования» for «делегация»: another sense of the source word,
    see :func:`_same_start`), the replaced word not standing near (see :func:`_still_there`)."""
    words = _single_words(spec)

    def unusual(s: Token) -> bool:
        return _plain_stand_in(words, s, text, lang, name=name) and rare(s)

    return _lone_substitute(spec, words, text, tgt, lang, taken, unusual)


def _plain_stand_in(words: list[Token], s: Token, text: str, lang: str, *, name: bool) -> bool:
    """Whether ``s`` could stand in for the one-word rendering ``words``: a word of its kind
    (see :func:`_same_kind`), not capitalised (a name), not an abbreviation, not of the
    rendering's beginning (another sense of the source word, see :func:`_same_start`)."""
    return (_same_kind(words[0], s, lang, first=name or sentence_start(text, s.start))
            and not _abbreviation(text, s) and not s.upper
            and not any(_same_start(x.low, s.low) for x in words))


def number_substitution(spec: TermSpec, text: str, tgt: tuple[Token, ...], lang: str,
                        taken: tuple[tuple[int, int], ...], place: Callable[[Token], bool], *,
                        name: bool = False) -> Substitution | None:
    """A one-word rendering replaced by a noun in the number its word hardly takes (see
    :func:`parley.glossary.morph.rare_number`), standing in the term's ``place``:
    «модифицировался ее полномочие» for «мандат», «финансовых аспектов защит» for
    «гарантий». An edit keeps the replaced word's number; a translator choosing the synonym
    writes it in the number the language uses («полномочия», «защита»). A form of either
    number («полномочия»: genitive singular or plural) is read by the words before it (see
    :func:`_context_number`): «срока полномочия миссий», «всеобъемлющие защиты»."""
    if not has_morphology(lang):
        return None
    words = _single_words(spec)
    at = {t.start: k for k, t in enumerate(tgt)}

    def odd(s: Token) -> bool:
        return (_plain_stand_in(words, s, text, lang, name=name)
                and rare_number(s.low, lang, _context_number(tgt, at[s.start], text, lang))
                and place(s))

    return _lone_substitute(spec, words, text, tgt, lang, taken, odd)


#: possessives that do not decline: they say nothing of the noun after them
_INVARIABLE = frozenset({"ее", "её", "его", "их"})


def _context_number(tgt: tuple[Token, ...], k: int, text: str, lang: str) -> str:
    """The number the words before noun ``k`` read for a form of either number: an adjective
    right before it agreeing in one number only («своего полномочия», «всеобъемлющие
    защиты»), a finite verb it can be the subject of («действуют защиты»), or a noun before
    it (past an invariable possessive), which governs a genitive («срока полномочия миссий»,
    «выполнении ее полномочия»: singular). Empty where nothing tells."""
    j = k - 1
    if j >= 0 and tgt[j].low in _INVARIABLE:
        j -= 1
    if j < 0 or re.search(r"[^\w\s]", text[tgt[j].end:tgt[k].start]):
        return ""
    noun = forms(tgt[k].low, lang, frozenset({"NOUN"}))
    prev = tgt[j].low
    # (not a participle, which may govern the noun: «препятствующие деятельности»)
    adj = forms(prev, lang, frozenset({"ADJF"}))
    if adj and j == k - 1:
        numbers = {nf[1] for nf in noun for af in adj if agree(af, nf)}
    elif verb := forms(prev, lang, frozenset({"VERB"})):
        # a finite verb before its subject agrees in number («действуют защиты Агентства»)
        numbers = {nn for nc, nn, _ in noun if nc == "nomn" and any(nn == n for _, n, _ in verb)}
    elif get_lemmatizer(lang).pos(prev) == "NOUN" and not any(
            c == "datv" for c, _, _ in forms(prev, lang, frozenset({"NOUN"}))):
        # (a noun that may be a dative may be an indirect object: «предоставить Комиссии
        # полномочия»)
        numbers = {nn for nc, nn, _ in noun if nc == "gent"}
    else:
        return ""
    return numbers.pop() if len(numbers) == 1 else ""


def renamed_substitution(spec: TermSpec, text: str, tgt: tuple[Token, ...], lang: str,
                         taken: tuple[tuple[int, int], ...], fits: Callable[[Token], bool],
                         ) -> Substitution | None:
    """A one-word rendering of a term the source writes as a name ("the Rapporteur", "the
    Convention") replaced by another name's head word: exactly one word of its kind that the
    caller accepts (``fits``: where the term stands, tied to nothing in the unit), written
    with a capital inside the sentence and not at the start of a quoted title (Russian
    capitalises a name's first word only, so such a word heads a name), that is no proper
    name (a person, a place, an organisation: pymorphy's Name, Surn, Patr, Geox, Orgn) and
    not an abbreviation: «Председателя и Представителя одиннадцатой сессии» for "the Chair
    and the Rapporteur", «секретариатом Хартии о биологическом разнообразии» for "the
    Convention on Biological Diversity"."""
    words = _single_words(spec)

    def other_name(s: Token) -> bool:
        return (s.upper and not sentence_start(text, s.start) and not _opens_title(text, s.start)
                and not _after_capital(text, s.start)
                and _same_kind(words[0], s, lang, first=True) and not _abbreviation(text, s)
                and not _proper_name(s.low, lang)
                and not any(_same_start(x.low, s.low) for x in words) and fits(s))

    return _lone_substitute(spec, words, text, tgt, lang, taken, other_name)


#: pymorphy3's grammemes of proper names: a person's, a place's, an organisation's
_PROPER = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn"})


def _proper_name(word: str, lang: str) -> bool:
    """Whether some reading of ``word`` is a proper name («Деттлинг», «Украины»)."""
    parse = getattr(get_lemmatizer(lang), "_parse", None)
    return parse is not None and any(
        _PROPER & set(tag.replace(" ", ",").split(",")) for _, _, tag in parse(word))


def _after_capital(text: str, at: int) -> bool:
    """The word before is capitalised too: ``at`` is inside a proper name («Верховной Рады
    Украины»), not the first word of a name, the only one Russian writes with a capital."""
    before = re.search(r"([^\W\d_]+)[^\w]*$", text[:at])
    return before is not None and before.group(1)[:1].isupper()


def _opens_title(text: str, at: int) -> bool:
    """A word right after an opening quote or bracket: a quoted title's first word, written
    with a capital whatever it is («по теме <<Ответственность за ...>>»)."""
    before = text[:at].rstrip(" ")
    return not before or before[-1] in "«\"'(" or before.endswith("<<")


def _lone_substitute(spec: TermSpec, words: list[Token], text: str, tgt: tuple[Token, ...],
                     lang: str, taken: tuple[tuple[int, int], ...],
                     fits: Callable[[Token], bool]) -> Substitution | None:
    """The one word of the unit outside every rendering that ``fits`` as the substitute of a
    one-word rendering (none or several: no finding), unless the replaced word stands near
    after all (see :func:`_still_there`)."""
    if not words:
        return None
    found = [k for k, s in enumerate(tgt)
             if not any(a <= s.start < b for a, b in taken) and not _in_a_rendering(spec, s, lang)
             and fits(s)]
    if len(found) != 1:
        return None
    k = found[0]
    s = tgt[k]
    if any(_still_there(x, tgt, k, k + 1, lang, taken, slot=s.start) for x in words):
        return None
    lo, hi = max(0, k - 1), min(len(tgt) - 1, k + 1)
    return Substitution(tgt[lo].start, tgt[hi].end, text[tgt[lo].start:tgt[hi].end],
                        words[0].low, text[s.start:s.end], get_lemmatizer(lang).lemma(s.low),
                        last=True, at=s.start)
