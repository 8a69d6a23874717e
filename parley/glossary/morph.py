"""Word-level language tools shared by extraction, lookup and QA: tokens and lemmas.

Russian uses pymorphy3 (dictionary lemmas and parts of speech: inflection is what makes naive
term matching fail on Russian); other languages use simplemma (dictionary lemmas for ~50
languages, pure Python), with a Snowball stem as a further fallback key.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any, Protocol

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
            (p.normal_form.replace("ё", "е"), str(p.tag.POS) if p.tag.POS else None)
            for p in self._morph.parse(word.lower())
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

    def pos(self, word: str) -> str | None:  # noqa: ARG002 - the Lemmatizer protocol
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


# --- Stop words and term boundaries -------------------------------------------------------------
# Short hand-made lists of function words (and, for English, the verbs and adverbs that open UN
# resolution paragraphs): they end candidate terms. Connectors may sit *inside* a term ("rule of
# law", "Conseil de sécurité", "Совет по правам человека") but never at its edge.

_STOP = {
    "en": """a an the and or nor but if then than that this these those there here it its they them
        their we our us you your he she his her him i me my of to in on at by for from with without
        into onto upon over under about above below between among through during before after since
        until within as is are was were be been being am has have had having do does did done not no
        so such also very more most less least much many some any all each every other another both
        either neither which who whom whose what when where why how can could may might must shall
        should will would per via further furthermore however including include includes inter alia
        decides decided requests requested calls urges notes noted welcomes welcomed invites invited
        encourages encouraged recalls recalling reaffirms reaffirming emphasizes stresses underlines
        expresses expressed takes taken recognizes recognizing acknowledges believes considers
        noting bearing mind well only even just still yet again already thus therefore hence
        mr mrs ms said says say like one two three four five six seven eight nine ten first second
        third new same own particular certain various several great good high way ways will
        """,
    "ru": """и или а но да же ли не ни что чтобы как так также тоже это этот эта эти того тот та те
        то там тут здесь в во на с со к ко по о об обо от до из у за для при про над под перед между
        через без после около вокруг среди который которая которое которые которого которой которых
        его ее её их им ей ему мы нас нам наш наша наше наши вы вас вам ваш он она оно они я меня мне
        мой свой своя свое свои быть был была было были есть будет будут является являются этом этой
        этих всех все всё весь вся всем всего всей также еще ещё уже лишь только очень более менее
        наиболее самый может могут можно нужно необходимо должен должна должны который кто где когда
        почему какой какая какие такой такая такие такое себя себе сам сама сами один одна одно два
        три г год года году годов годах г-н г-жа просит призывает постановляет приветствует отмечает
        подтверждает вновь предлагает настоятельно""",
    "fr": """le la les l un une des du de d au aux à a et ou ni mais si que qu qui quoi dont où ce cet
        cette ces il elle ils elles on nous vous je me te se lui leur leurs son sa ses mon ma mes ton
        ta tes notre nos votre vos y en ne pas plus moins très aussi ainsi est sont été être était
        avoir a ont avait par pour sur sous dans avec sans entre vers chez contre depuis pendant
        avant après comme tout tous toute toutes autre autres même mêmes tel telle tels telles
        certains certaines plusieurs chaque afin lors dont cela ceci celui celle ceux celles
        décide prie demande engage invite note souligne réaffirme rappelle également notamment""",
    "es": """el la los las lo un una unos unas de del al a y e o u ni pero si que quien quienes cual
        cuales cuyo donde cuando como este esta estos estas ese esa esos esas aquel su sus mi mis tu
        tus nuestro nuestra nuestros nuestras se le les nos me te en por para con sin sobre entre
        hacia hasta desde durante ante tras contra no más menos muy también así es son fue fueron
        ser sido estar está están ha han haber había todo todos toda todas otro otros otra otras
        mismo misma mismos mismas cada ya solo sólo decide pide solicita exhorta alienta invita
        observa reafirma recuerda destaca asimismo""",
}
_CONNECT = {
    "en": "of for on and the in to against",
    "ru": "по о об для и против",
    "fr": "de du des d la le les l à au aux pour sur et en contre",
    "es": "de del la el los las para sobre y en contra",
}


@cache
def stopwords(lang: str) -> frozenset[str]:
    """Words that end a candidate term (lower-case)."""
    return frozenset(_STOP.get(lang.lower().split("-")[0], "").split())


@cache
def connectors(lang: str) -> frozenset[str]:
    """Function words allowed inside a multiword term but never at its edges."""
    return frozenset(_CONNECT.get(lang.lower().split("-")[0], "").split())


def term_lemmas(text: str, lang: str) -> tuple[frozenset[str], ...]:
    """Lemma sets of each word of a term, for matching it in running text."""
    lem = get_lemmatizer(lang)
    return tuple(lem.lemmas(w) | {stem(w, lang)} for w in words(text))


def text_lemmas(text: str, lang: str) -> list[tuple[int, int, frozenset[str]]]:
    """Tokens of running text with their lemma sets (and stem), for :func:`match_spans`."""
    lem = get_lemmatizer(lang)
    return [(s, e, lem.lemmas(w) | {stem(w, lang)}) for s, e, w in tokenize(text)]


def match_spans(
    tokens: list[tuple[int, int, frozenset[str]]], term: tuple[frozenset[str], ...]
) -> list[tuple[int, int]]:
    """Character spans where ``term`` occurs in ``tokens`` as an inflected form: every word must
    share a lemma (or stem) with the term's word at the same place. Matching by lemma set rather
    than by one best lemma keeps ambiguous Russian forms ("стабильности") from being missed."""
    n = len(term)
    if not n:
        return []
    out: list[tuple[int, int]] = []
    for i in range(len(tokens) - n + 1):
        if all(tokens[i + k][2] & term[k] for k in range(n)):
            out.append((tokens[i][0], tokens[i + n - 1][1]))
    return out


def contains_term(text: str, term: str, lang: str) -> bool:
    return bool(match_spans(text_lemmas(text, lang), term_lemmas(term, lang)))


# --- Citation forms -----------------------------------------------------------------------------


def _keep_case(original: str, new: str) -> str:
    if original.isupper() and len(original) > 1:
        return new.upper()
    if original[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


def russian_citation_form(variants: list[tuple[list[str], int]]) -> str:
    """Nominative form of a Russian noun phrase seen as ``variants`` (token lists with counts).

    The head is the first noun; adjectives before it agree with it in number (and gender in the
    singular); words after it (genitive complements) stay as found. Number is voted over the
    occurrences whose form is unambiguous, so "санкциями" makes "санкции" while
    "стратегической стабильности" gives "стратегическая стабильность", not a plural.
    """
    import pymorphy3  # noqa: F401  (loaded through the shared lemmatizer)

    tokens = max(variants, key=lambda v: v[1])[0]
    morph = get_lemmatizer("ru")._morph  # type: ignore[attr-defined]
    parses = [morph.parse(t.lower()) for t in tokens]
    head = next((i for i, ps in enumerate(parses) if ps and ps[0].tag.POS == "NOUN"), None)
    if head is None:
        return " ".join(tokens)
    head_lemma = parses[head][0].normal_form
    number = _vote_number(variants, morph, head, head_lemma)
    noun = next((p for p in parses[head] if p.tag.POS == "NOUN" and p.normal_form == head_lemma),
                parses[head][0])
    if not noun.is_known:
        return " ".join(tokens)  # a name pymorphy3 only guesses at: keep it as found
    if "Pltm" in noun.tag:
        number = "plur"
    new_head = noun.inflect({"nomn", number})
    if new_head is None:
        return " ".join(tokens)
    out = list(tokens)
    out[head] = _keep_case(tokens[head], new_head.word)
    _coordinated_heads(out, parses, head, head_lemma)
    gender = noun.tag.gender
    for j in range(head):
        adj = next((p for p in parses[j] if p.tag.POS in ("ADJF", "PRTF")), None)
        if adj is None:
            continue
        grams = {"nomn", number} | ({gender} if number == "sing" and gender else set())
        new = adj.inflect(grams)
        if new is not None:
            out[j] = _keep_case(tokens[j], new.word)
    return " ".join(out)


def _vote_number(variants: list[tuple[list[str], int]], morph: Any, head: int,
                 head_lemma: str) -> str:
    """"sing" or "plur": the head's number voted over the variants whose form says it (a noun
    form that is ambiguous, narrowed by the adjectives before it)."""
    votes = {"sing": 0, "plur": 0}
    for toks, count in variants:
        if head >= len(toks):
            continue
        nums = {p.tag.number for p in morph.parse(toks[head].lower())
                if p.tag.POS == "NOUN" and p.normal_form == head_lemma and p.tag.number}
        # adjectives in the variant narrow the noun's number too
        for j in range(head):
            adj_nums = {p.tag.number or "sing" for p in morph.parse(toks[j].lower())
                        if p.tag.POS in ("ADJF", "PRTF")}
            if adj_nums:
                nums = (nums & adj_nums) or nums
        if len(nums) == 1:
            votes[next(iter(nums))] += count
    return "plur" if votes["plur"] > votes["sing"] else "sing"


def _coordinated_heads(out: list[str], parses: list[Any], head: int, head_lemma: str) -> None:
    """Coordinated heads agree too: "международный мир и безопасность" (``out`` in place)."""
    head_case = next((p.tag.case for p in parses[head] if p.tag.POS == "NOUN"
                      and p.normal_form == head_lemma), None)
    for j in range(head + 2, len(out)):
        if out[j - 1].lower() not in ("и", "или"):
            continue
        other = next((p for p in parses[j] if p.tag.POS == "NOUN" and p.tag.case == head_case), None)
        new_other = other.inflect({"nomn", other.tag.number or "sing"}) if other else None
        if new_other is not None:
            out[j] = _keep_case(out[j], new_other.word)


def citation_form(variants: list[tuple[list[str], int]], lang: str) -> str:
    """The form a translator expects in a glossary (nominative for Russian; the commonest
    surface form elsewhere)."""
    if lang.lower().split("-")[0] == "ru":
        return russian_citation_form(variants)
    return " ".join(max(variants, key=lambda v: v[1])[0])
