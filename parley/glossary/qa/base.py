"""What every QA rule shares: the Rule protocol, the RULES registry, and the check context
that analyses each segment once (tokens, lemmas, stems) for all rules."""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from typing import Protocol, runtime_checkable

from parley.align.model import Bitext, TranslationUnit, normalize_space
from parley.glossary.findings import Finding
from parley.glossary.model import Glossary, Term, TermEntry
from parley.glossary.morph import (
    _TOKEN,
    get_lemmatizer,
    has_morphology,
    stem,
    stopwords,
    tokenize,
    unelided,
)

#: Words that may stand inside a multiword term in a translation: coordination ("прав и свобод
#: человека") keeps the term, anything else ("Совет по безопасности") makes another one.
COORDINATORS = frozenset({"и", "или", "а", "также", "and", "or", "et", "ou", "y", "o", "e", "und",
                          "oder"})

#: Match strength, best first: the literal form, a dictionary form, a Snowball stem.
MATCH_TYPES = ("exact", "lemma", "stem")


@dataclass(frozen=True)
class Token:
    """A word with the keys term matching compares."""

    start: int
    end: int
    low: str
    lemmas: frozenset[str]
    stem: str
    parts: frozenset[str] = frozenset()  # lemmas of the parts of a hyphenated word
    upper: bool = False  # written with a capital: "Government" (of a State) vs "government"
    keys: frozenset[str] = frozenset()  # see match_keys


@dataclass(frozen=True)
class TermSpec:
    """A glossary source term with every target term that may translate it.

    Separate glossary lines with the same source term (the OmegaT way of listing alternatives)
    are merged here, so each one is not reported as missing when another is used.
    """

    source: str
    words: tuple[Token, ...]
    approved: tuple[tuple[str, tuple[Token, ...]], ...]
    entry_ids: tuple[str, ...]
    #: some entry behind it is approved (a person signed it): its findings are errors;
    #: candidates (extracted, starter term base) give warnings at most
    sure: bool = True
    #: the best extractor confidence among its entries (None: not extracted)
    confidence: float | None = None


class Rule(Protocol):
    """One QA rule: an id users pass to ``--rules`` / see in reports, its group and severity."""

    id: str
    group: str
    severity: str
    description: str

    def check(self, ctx: QAContext) -> Iterable[Finding]: ...


@runtime_checkable
class UnitRule(Rule, Protocol):
    """A rule that judges each unit on its own (and what the context holds): the check runs
    all of them in one pass over the units, as the units go by."""

    def check_unit(self, ctx: QAContext, i: int, u: TranslationUnit) -> Iterable[Finding]: ...


def each_unit(rule: UnitRule, ctx: QAContext) -> Iterator[Finding]:
    """A unit rule's findings over the whole bitext (its ``check``)."""
    for i, u in enumerate(ctx.units):
        yield from rule.check_unit(ctx, i, u)


RULES: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    RULES[rule.id] = rule
    return rule


def _fold(word: str) -> str:
    return word.lower().replace("ё", "е")


#: Dictionaries give "люди" the lemma "человек"; for terms they are different words
#: ("права человека" is not "права людей").
_SUPPLETIVE: dict[str, tuple[tuple[str, str], ...]] = {"ru": (("люд", "человек"),)}




@lru_cache(maxsize=300_000)
def _word_keys(word: str, lang: str,
               ) -> tuple[str, frozenset[str], str, frozenset[str], bool, frozenset[str]]:
    """What term matching needs of one word form, computed once per process (a document
    repeats its words: the lemmatiser and the Snowball stemmer ran once per token before)."""
    lem = get_lemmatizer(lang)
    word = unelided(word, lang)
    low = _fold(word)
    lemmas = set(lem.lemmas(low))
    for form, word_lemma in _SUPPLETIVE.get(lang.lower().split("-")[0], ()):
        if low.startswith(form) and word_lemma in lemmas:
            lemmas = (lemmas - {word_lemma}) | {form}
    parts: set[str] = set()
    if "-" in low:
        pieces = [p for p in low.split("-") if p]
        lemmas.add("-".join(lem.lemma(p) for p in pieces))
        for p in pieces:
            parts |= lem.lemmas(p)
    st = stem(low, lang)
    keys = frozenset(lemmas | {low, "\x00" + st})
    return low, frozenset(lemmas), st, frozenset(parts), word[:1].isupper(), keys


#: a lower-case word with a footnote number glued to it («секретаря4», "Assembly12") is the
#: word and the number: the glued digits made it a word no dictionary knows, matched by its
#: stem alone («секретариата4» was «секретаря»)
_QA_TOKEN = re.compile(r"[^\W\d_][^\W\d_A-ZА-ЯЁ]{2,}(?=\d{1,3}\b)|" + _TOKEN.pattern)


def analyse(text: str, lang: str) -> tuple[Token, ...]:
    """Tokens with lemmas and stems; hyphenated words also get a lemma per part joined."""
    proto = _word_proto
    new = object.__new__
    set_dict = object.__setattr__
    out = []
    for m in _QA_TOKEN.finditer(text):
        # a Token without the frozen dataclass's per-field object.__setattr__ (a third of the
        # check's time on long documents): a copy of the word's cached field dict, its
        # offsets filled in (copying a dict of the same shape is cheaper than filling one)
        d = proto(m.group(), lang).copy()
        d["start"], d["end"] = m.span()
        tok = new(Token)
        set_dict(tok, "__dict__", d)
        out.append(tok)
    return tuple(out)


@lru_cache(maxsize=300_000)
def _word_proto(word: str, lang: str) -> dict[str, object]:
    """A word's Token fields (offsets zero), for :func:`analyse` to copy; never mutated."""
    return {"start": 0, "end": 0, **dict(zip(("low", "lemmas", "stem", "parts", "upper", "keys"),
                                             _word_keys(word, lang), strict=True))}


def match_keys(tok: Token) -> frozenset[str]:
    """Keys under which a source word can match a term word (see :func:`word_match` without
    ``loose``: same form, a shared lemma or the same stem); a term is only tried on a unit
    holding one of its first word's keys."""
    return tok.keys or (tok.lemmas | {tok.low, "\x00" + tok.stem})


#: English forms whose lemma names another term's word: "best practices" are not "good
#: practices", "least developed countries" not "less developed" ones, "indigenous peoples"
#: (nations) not "indigenous people" (persons)
_OWN_FORMS = frozenset({"best", "better", "worst", "worse", "least", "less", "peoples", "people"})


def _compatible(term_word: Token, tok: Token, lang: str) -> bool:
    """English lemmas merge participles (``developing``/``developed`` -> ``develop``), which
    would make "developing countries" match "developed countries"; keep those apart, and the
    degrees of comparison and "peoples" (:data:`_OWN_FORMS`)."""
    if not lang.lower().startswith("en"):
        return True
    if (term_word.low in _OWN_FORMS or tok.low in _OWN_FORMS) and term_word.low != tok.low:
        return False
    for suffix in ("ing", "ed"):
        if term_word.low.endswith(suffix) != tok.low.rstrip("s").endswith(suffix):
            return False
    return True


@cache
def _morph_ru() -> object:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=100_000)
def known_word(word: str, lang: str) -> bool:
    """Whether the dictionary knows ``word``: stems are a fallback for words it does not know
    (names, new coinages), not a way to equate "governance" with "government"."""
    base = lang.lower().split("-")[0]
    if base == "ru":
        return all(bool(_morph_ru().word_is_known(p)) for p in word.split("-") if p)  # type: ignore[attr-defined]
    try:
        import simplemma

        return bool(simplemma.is_known(word, lang=base))
    except (ValueError, ImportError):
        return False


def word_match(term_word: Token, tok: Token, lang: str, *, loose: bool = False) -> int | None:
    """0 exact, 1 lemma, 2 stem, None: no match. Stems count when a word is unknown to the
    dictionary, or always with ``loose`` (the target side, where a missed match is a false
    alarm and a spurious one costs little). A capitalised source term word only matches a
    capitalised word, as a CAT tool's "match case" for names of bodies does."""
    if term_word.upper and not tok.upper and not loose:
        return None
    if term_word.low == tok.low:
        return 0
    shared = not term_word.keys or not tok.keys or not term_word.keys.isdisjoint(tok.keys)
    if not shared and not loose:
        return None  # no lemma, form or stem in common: the usual case, decided cheaply
    if not _compatible(term_word, tok, lang):
        return None
    if shared and term_word.lemmas & tok.lemmas:
        return 1
    if (len(term_word.stem) >= 3 and term_word.stem == tok.stem
            and (loose or not known_word(tok.low, lang) or not known_word(term_word.low, lang))):
        return 2
    if loose:
        # "женщин-мигрантов" holds "женщины"; "бюджетные" derives from "бюджет"
        if term_word.lemmas & tok.parts:
            return 1
        if (len(term_word.stem) >= 5 and tok.low.startswith(term_word.stem)
                and str(get_lemmatizer(lang).pos(tok.low)) != "NOUN"):
            return 2
    return None


#: a word: letters only (numbers and underscores split words)
WORD = re.compile(r"[^\W\d_]+")


#: articles, and "de" with an article, that French and Spanish repeat after a coordinator
#: where a glossary cites the coordinated term without them: «paix et de la sécurité
#: internationales», «paz y la seguridad internacionales» are «paix et sécurité
#: internationales», «paz y seguridad internacionales»
REPEATED_AFTER_AND = frozenset({"de", "du", "des", "la", "le", "les", "à", "au", "aux", "del",
                                 "el", "los", "las", "al", "a"})


def _gap_ok(gap: tuple[Token, ...], lang: str, before: Token | None = None) -> bool:
    """Words inside a term that keep it the same term: a coordination ("прав и свобод
    человека") or only numbers, list letters and adjectives ("пункт 5 d) предварительной
    повестки дня"); a preposition ("Совет по безопасности") makes another term. A
    coordination whose first noun cannot agree with the term's adjective ``before`` it
    («Устойчивое рост и развитие») is no coordination of the term's noun but a broken one.
    After the rendering's own coordinator, the article French and Spanish repeat there
    (:data:`REPEATED_AFTER_AND`) keeps the term too."""
    if (gap and before is not None and before.low in COORDINATORS
            and all(t.low in REPEATED_AFTER_AND for t in gap)):
        return True
    if gap and before is not None and disagree(before.low, gap[0].low, lang):
        return False
    if not gap or any(t.low in COORDINATORS for t in gap):
        return True
    lem = get_lemmatizer(lang)
    return all(t.low.isdigit() or len(t.low) == 1 or str(lem.pos(t.low)) == "ADJ"
               or _adjective_like(t, lang) for t in gap)


def _adjective_like(t: Token, lang: str) -> bool:
    """In a language with no part-of-speech analyser (French, Spanish), a lower-case content
    word that is no finite verb: inside a rendering it is nearly always an adjective after the
    noun, as those languages place them («violations fréquentes du cessez-le-feu», «organismes
    compétents des Nations Unies»)."""
    if has_morphology(lang):
        return False  # its analyser has spoken
    return (t.low.isalpha() and not t.upper and t.low not in stopwords(lang)
            and get_lemmatizer(lang).pos(t.low) is None)


_GRAMMEMES = re.compile(r"\b(nomn|gent|datv|accs|ablt|loct|voct|gen2|acc2|loc2|sing|plur|"
                        r"masc|femn|neut|ms-f)\b")
_BASE_CASE = {"gen2": "gent", "acc2": "accs", "loc2": "loct"}
_CASE_NAMES = frozenset({"nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "gen2", "acc2",
                         "loc2"})


def forms(word: str, lang: str, pos: frozenset[str]) -> list[tuple[str, str, str]]:
    """(case, number, gender) of each parse of ``word`` as one of ``pos`` ("" where unmarked)."""
    parse = getattr(get_lemmatizer(lang), "_parse", None)
    out = []
    for _, p, tag in parse(word) if parse is not None else ():
        if p not in pos:
            continue
        g = set(_GRAMMEMES.findall(tag))
        case = next((_BASE_CASE.get(x, x) for x in g if x in _CASE_NAMES), "")
        out.append((case, "plur" if "plur" in g else "sing" if "sing" in g else "",
                    next((x for x in ("masc", "femn", "neut", "ms-f") if x in g), "")))
    return out


@lru_cache(maxsize=50_000)
def disagree(adjective: str, noun: str, lang: str) -> bool:
    """Whether an adjective cannot agree with the noun after it in any reading of the two
    («технической содействия», «Консультативный комиссия», «Базельской договора»): the noun
    was put in a rendering's place and its adjective left as it was, the mark of an edited
    match rather than of a translator's own phrasing. False where the dictionary cannot tell, and
    for a participle, which may govern the noun («касающимся управления»)."""
    adj = forms(adjective.lower(), lang, frozenset({"ADJF"}))
    nouns = forms(noun.lower(), lang, frozenset({"NOUN"}))
    if not adj or not nouns:
        return False
    for c, n, g in adj:
        for nc, nn, ng in nouns:
            if not (c and nc and n and nn):
                return False  # an unmarked reading (indeclinable noun): may agree
            if agree((c, n, g), (nc, nn, ng)):
                return False
    return True


def agree(adjective: tuple[str, str, str], noun: tuple[str, str, str]) -> bool:
    """Whether an adjective's reading and a noun's (see :func:`forms`) agree: the same case
    and number, and in the singular the same gender (or one unmarked, or a noun of common
    gender)."""
    (c, n, g), (nc, nn, ng) = adjective, noun
    return c == nc and n == nn and (n == "plur" or not g or not ng or ng == "ms-f" or g == ng)


def find_term(
    words: tuple[Token, ...], tokens: tuple[Token, ...], lang: str, *, max_gap: int = 0,
    loose: bool = False, starts: list[int] | None = None,
) -> list[tuple[int, int, int]]:
    """Occurrences of a (multiword) term as ``(start, end, match level)``; the words must come
    in order with at most ``max_gap`` other words between them, one of them a conjunction
    (targets reorder less than they coordinate: "прав и свобод человека"). ``starts``: the
    positions the first word may match, when the caller knows them (see
    :meth:`QAContext.candidate_specs`)."""
    hits: list[tuple[int, int, int]] = []
    if not words:
        return hits
    n = len(tokens)
    w0 = words[0]
    keys, lemmas, st = w0.keys, w0.lemmas, w0.stem
    long_stem = len(st) >= 5
    # positions the first word may match, found without a call per token
    starts = starts if starts is not None else [i for i, t in enumerate(tokens)
              if not keys or not t.keys or not keys.isdisjoint(t.keys)
              or (loose and (not lemmas.isdisjoint(t.parts)
                             or (long_stem and t.low.startswith(st))))]
    for i in starts:
        lvl = word_match(w0, tokens[i], lang, loose=loose)
        if lvl is None:
            continue
        pos, worst, ok = i, lvl, True
        for w in words[1:]:
            found = None
            for j in range(pos + 1, _reach(tokens, pos, max_gap) if max_gap else min(n, pos + 2)):
                m = word_match(w, tokens[j], lang, loose=loose)
                if m is not None and _gap_ok(tokens[pos + 1:j], lang, tokens[pos]):
                    found = (j, m)
                    break
            if found is None:
                ok = False
                break
            pos, worst = found[0], max(worst, found[1])
        if ok:
            hits.append((tokens[i].start, tokens[pos].end, worst))
    return _tightest(hits)


def list_coordinator(tokens: tuple[Token, ...], j: int, lo: int) -> bool:
    """Whether ``tokens[j]`` is the coordinator of a list of numbers after position ``lo``
    («33 и 38», «33, 35 et 38»): a number on either side of it."""
    return (lo < j - 1 and j + 1 < len(tokens) and tokens[j].low in COORDINATORS
            and tokens[j - 1].low.isdigit() and tokens[j + 1].low.isdigit())


def _reach(tokens: tuple[Token, ...], pos: int, max_gap: int) -> int:
    """The end of the positions the next word of a term may take after ``pos``: up to
    ``max_gap`` words between, a list of numbers counted as one word («Пункты 33, 35 и 38
    повестки дня»: the list is the document's own, no words of another phrase)."""
    n, j, left = len(tokens), pos + 1, max_gap + 1
    while j < n and left > 0:
        if list_coordinator(tokens, j, pos):
            j += 2  # «33 и 38»: the list's coordinator and its last number
        elif j - 1 > pos and tokens[j - 1].low.isdigit() and tokens[j].low.isdigit():
            j += 1  # «33, 35»: a number after a number (its comma is no token)
        else:
            left -= 1
            j += 1
    return j


def _tightest(hits: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The hits without those that hold a later hit ending where they end: the gap let the
    first word match a word of the phrase before («развивающихся стран и стран с переходной
    экономикой» renders "countries with economies in transition" from the second «стран»)."""
    return [h for h in hits if not any(h[0] < g[0] and g[1] == h[1] for g in hits)]


_FUNCTION_POS = frozenset({"PREP", "CONJ", "PRCL", "ADP", "CCONJ", "DET"})


@lru_cache(maxsize=10_000)
def initialisms(text: str, lang: str) -> frozenset[str]:
    """Abbreviations a translator may write for a multiword target term: the initials of every
    word, and of the content words only ("Организация Объединенных Наций" -> "ООН", "Договор о
    всеобъемлющем запрещении ядерных испытаний" -> "ДВЗЯИ"); parts of hyphenated words count
    as words ("Народно-демократическая" -> "НД")."""
    lem = get_lemmatizer(lang)
    words = [p for _, _, w in tokenize(text) for p in w.split("-") if p]
    if len(words) < 2:
        return frozenset()
    every = "".join(w[0] for w in words).upper()
    content = "".join(w[0] for w in words if str(lem.pos(w.lower())) not in _FUNCTION_POS).upper()
    return frozenset(a for a in (every, content) if len(a) >= 2)


def find_initialism(abbrs: frozenset[str], text: str, tokens: tuple[Token, ...]) -> list[tuple[int, int]]:
    """Spans of tokens written in capitals that are one of ``abbrs`` (alone or as the part of a
    hyphenated word: "ООН-женщины")."""
    if not abbrs:
        return []
    out = []
    for t in tokens:
        raw = text[t.start:t.end]
        if any(p.isupper() and p in abbrs for p in raw.split("-")):
            out.append((t.start, t.end))
    return out


def find_expansion(abbr: str, text: str, tokens: tuple[Token, ...]) -> list[tuple[int, int]]:
    """Where the glossary gives an abbreviation ("США") and the translation writes the name out
    ("Соединенных Штатов", "Соединенные Штаты Америки"): two or more capitalised words in a
    row whose initials spell the abbreviation or its start."""
    if not (len(abbr) >= 2 and abbr.isupper() and abbr.isalpha()):
        return []
    out = []
    k = 0
    while k < len(tokens):
        run = k
        while (run < len(tokens) and tokens[run].upper and run - k < len(abbr)
               and not text[tokens[run].start:tokens[run].end].isupper()
               and (run == k or not text[tokens[run - 1].end:tokens[run].start].strip())):
            run += 1
        initials = "".join(text[t.start] for t in tokens[k:run]).upper()
        if run - k >= 2 and abbr.startswith(initials):
            out.append((tokens[k].start, tokens[run - 1].end))
        k = max(run, k + 1)
    return out


def find_glued(words: tuple[Token, ...], tokens: tuple[Token, ...], lang: str) -> list[tuple[int, int]]:
    """A term written as one word: a hyphenated term without its hyphen
    ("Директоромисполнителем" for "Директор-исполнитель", as the UN corpus has it where a line
    break fell on the hyphen), or a name of several words made one adjective ("южносуданских"
    for "Южный Судан"): each part's stem in order inside one word."""
    if len(words) == 1 and "-" in words[0].low:
        pieces = [p for p in words[0].low.split("-") if p]
    elif len(words) > 1 and all(w.upper for w in words):
        pieces = [w.low for w in words]
    else:
        return []
    stems = [stem(p, lang)[:4] if k < len(pieces) - 1 else stem(p, lang)
             for k, p in enumerate(pieces)]
    if len(stems) < 2 or any(len(s) < 3 for s in stems):
        return []
    pat = re.compile(r"\w*".join(re.escape(s) for s in stems) + r"\w*")
    return [(t.start, t.end) for t in tokens if "-" not in t.low and pat.fullmatch(t.low)]


def find_derived(words: tuple[Token, ...], tokens: tuple[Token, ...], lang: str) -> list[tuple[int, int]]:
    """A one-word name made an adjective: "Венской конвенции" for "Vienna" -> "Вена",
    "Сирийской Арабской Республике" or "сирийское правительство" for "Syria" -> "Сирия" (a
    capitalised word or an adjective sharing the name's stem)."""
    if len(words) != 1 or not words[0].upper or "-" in words[0].low:
        return []
    st = words[0].stem
    key = st if len(st) <= 4 else st[:-1]  # "ирак" must not take "Иран"
    if len(key) < 3:
        return []
    lem = get_lemmatizer(lang)
    # capitalised ("Венской"), or a lower-case adjective ("иракских", "сирийское")
    return [(t.start, t.end) for t in tokens if t.low.startswith(key)
            and (t.upper or str(lem.pos(t.low)) == "ADJ")]


#: second halves of English compounds that leave the first half a word of its own:
#: "Weapons of Mass Destruction-Free Zone" holds the term "weapons of mass destruction"
_AFFIX = re.compile(r"(?<=\w)-(?=(?:free|based|related|led|owned|oriented|sensitive|specific|"
                    r"wide|centred|centered|affected|like|style|type|dependent|driven|"
                    r"sponsored|funded|made)\b)", re.I)


def split_affixes(text: str) -> str:
    """``text`` with the hyphen before such a second half made a space (offsets unchanged)."""
    return _AFFIX.sub(" ", text) if "-" in text else text


@dataclass
class QAContext:
    """One check run: the bitext, glossaries and cached per-segment analyses."""

    bitext: Bitext
    glossary: Glossary | None = None
    extracted_terms: Glossary | None = None
    def src_text(self, i: int) -> str:
        """The source as term matching reads it (see :func:`split_affixes`)."""
        return split_affixes(self.units[i].source)

    #: the last analyses only (rules walk the units in order): memory stays flat in the
    #: number of units; a word's analysis is cached process-wide in :func:`_word_keys`
    _src: OrderedDict[int, tuple[Token, ...]] = field(default_factory=OrderedDict)
    _tgt: OrderedDict[int, tuple[Token, ...]] = field(default_factory=OrderedDict)
    #: results one rule computes and another reuses (term hits feed two rules)
    cache: dict[str, object] = field(default_factory=dict)
    #: a word's match keys -> :meth:`_specs_for` (words repeat: one set union per distinct
    #: word, not a look-up per key per token); bounded by the vocabulary, not the units
    _specs_by_word: dict[frozenset[str], tuple[int, ...]] = field(default_factory=dict)

    @property
    def src_lang(self) -> str:
        return self.bitext.src_lang

    @property
    def tgt_lang(self) -> str:
        return self.bitext.tgt_lang

    @property
    def units(self) -> Sequence[TranslationUnit]:
        return self.bitext.units

    def src_tokens(self, i: int) -> tuple[Token, ...]:
        return _cached(self._src, i, lambda: analyse(self.src_text(i), self.src_lang))

    def tgt_tokens(self, i: int) -> tuple[Token, ...]:
        return _cached(self._tgt, i, lambda: analyse(self.units[i].target, self.tgt_lang))

    @cached_property
    def term_index(self) -> dict[str, tuple[int, ...]]:
        """First-word key -> indexes into :attr:`term_specs` (see :func:`match_keys`)."""
        index: dict[str, list[int]] = {}
        for k, spec in enumerate(self.term_specs):
            for key in match_keys(spec.words[0]):
                index.setdefault(key, []).append(k)
        return {key: tuple(v) for key, v in index.items()}

    def candidate_specs(self, tokens: tuple[Token, ...]) -> list[tuple[TermSpec, list[int]]]:
        """The specs whose first word may match one of ``tokens``, longest first, with the
        positions where it may."""
        by_word = self._specs_by_word
        found: dict[int, list[int]] = {}
        for pos, tok in enumerate(tokens):
            keys = match_keys(tok)
            ks = by_word.get(keys)
            if ks is None:
                ks = by_word[keys] = self._specs_for(keys)
            for k in ks:
                at = found.get(k)
                if at is None:
                    found[k] = [pos]
                else:
                    at.append(pos)
        return [(self.term_specs[k], found[k]) for k in sorted(found)]

    def _specs_for(self, keys: frozenset[str]) -> tuple[int, ...]:
        """The specs whose first word shares a key with a word of these keys."""
        index = self.term_index
        return tuple(sorted({k for key in keys for k in index.get(key, ())}))

    @cached_property
    def term_specs(self) -> tuple[TermSpec, ...]:
        return term_specs(self.glossary, self.src_lang, self.tgt_lang) if self.glossary else ()

    def finding(self, rule: Rule, i: int | None, message: str, **kw: object) -> Finding:
        """A finding for unit ``i`` (None: the document or the glossary as a whole)."""
        u = self.units[i] if i is not None else None
        return Finding(
            rule=rule.id, severity=str(kw.pop("severity", rule.severity)), message=message,
            unit=i, unit_id=u.id if u else None, source=u.source if u else "",
            target=u.target if u else "", **kw,  # type: ignore[arg-type]
        )


#: analysed units kept per side
_TOKEN_CACHE = 512


def _cached(store: OrderedDict[int, tuple[Token, ...]], i: int,
            make: Callable[[], tuple[Token, ...]]) -> tuple[Token, ...]:
    got = store.get(i)
    if got is None:
        got = store[i] = make()
        if len(store) > _TOKEN_CACHE:
            store.popitem(last=False)
    return got


#: "variants: a, b (3)" as the OmegaT TSV writer put them in the comment column
_VARIANTS = re.compile(r"(?:^|;\s*)variants:\s*([^;]+)")


def note_variants(note: str | None) -> list[str]:
    """Target variants listed in an entry's note (an OmegaT glossary has one target column, so
    parley wrote the others into the comment); counts in brackets are dropped."""
    if not note:
        return []
    m = _VARIANTS.search(note)
    if not m:
        return []
    out = [re.sub(r"\s*\(\d+\)\s*$", "", v).strip() for v in m.group(1).split(",")]
    return [v for v in out if v]


def entry_status(entry: TermEntry) -> str:
    """"approved" or "candidate", as the entry records it: the extractor and the starter term
    base mark their entries candidates, the glossary readers restore the mark, and a glossary
    the user wrote is approved."""
    return "approved" if entry.status in ("approved", "preferred", "confirmed", "final") else "candidate"


def term_specs(glossary: Glossary, src_lang: str, tgt_lang: str) -> tuple[TermSpec, ...]:
    """Glossary entries grouped by normalised source term, approved targets merged (variants
    from the note too)."""
    by_src: dict[str, tuple[str, list[str], list[str], list[bool]]] = {}
    conf: dict[str, float] = {}
    for entry in glossary:
        tgts = [t.text for t in entry.approved_in(tgt_lang)]
        if tgts:
            tgts += [v for v in note_variants(entry.note) if v not in tgts]
        sure = entry_status(entry) == "approved"
        for s in entry.approved_in(src_lang) or entry.terms_in(src_lang):
            key = _fold(normalize_space(s.text))
            if not key:
                continue
            slot = by_src.setdefault(key, (s.text, [], [], []))
            slot[1].extend(t for t in tgts if t not in slot[1])
            slot[2].append(entry.id)
            slot[3].append(sure)
            if entry.confidence is not None:
                conf[key] = max(conf.get(key, 0.0), entry.confidence)
    specs = []
    for key, (text, tgts, ids, sure_flags) in by_src.items():
        words = analyse(text, src_lang)
        if not words or not tgts:
            continue
        approved = [(t, analyse(t, tgt_lang)) for t in tgts]
        # UN Russian writes "государства -- члены" for "государства-члены": match the parts too
        approved += [(t, analyse(t.replace("-", " "), tgt_lang)) for t in tgts if "-" in t]
        specs.append(TermSpec(text, words, tuple(approved), tuple(ids), any(sure_flags),
                              conf.get(key)))
    # longest first, so "Human Rights Council" is tried before "human rights"
    specs.sort(key=lambda s: -len(s.words))
    return tuple(specs)


def bad_terms(glossary: Glossary, tgt_lang: str) -> list[tuple[Term, str]]:
    """Target terms a translator must not use, with the entry id."""
    return [(t, e.id) for e in glossary for t in e.terms_in(tgt_lang) if not t.approved]


def norm_key(text: str) -> str:
    """How segments are compared for consistency: spacing and case do not count."""
    return _fold(normalize_space(text))
