"""Word-level language tools shared by extraction, lookup and QA: tokens and lemmas.

Russian uses pymorphy3 (dictionary lemmas and parts of speech: inflection is what makes naive
term matching fail on Russian); other languages use simplemma (dictionary lemmas for ~50
languages, pure Python), with a Snowball stem as a further fallback key.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache, lru_cache
from typing import Protocol

_TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)

#: per language: an elided article or pronoun written onto the next word («l'Assemblée»,
#: «d'Amérique», «qu'elle»); the word is keyed without it, so «l'Institution» is a noun with a
#: capital like the «Organisation» it may replace
_ELIDED = {"fr": re.compile(r"(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)['’](?=\w)", re.IGNORECASE)}


def unelided(word: str, lang: str) -> str:
    """``word`` without the elided article or pronoun written onto it (see :data:`_ELIDED`)."""
    elided = _ELIDED.get(lang.lower().split("-")[0])
    if elided is not None and (m := elided.match(word)) and m.end() < len(word):
        return word[m.end():]
    return word


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

    def active_participle(self, word: str) -> bool:
        """Whether the word's likeliest reading is an active participle (it governs a phrase)."""
        ...

    def participle(self, word: str) -> bool:
        """Whether the word's likeliest reading is a participle."""
        ...

    def ordinal(self, word: str) -> bool:
        """Whether the word is an ordinal numeral ("seventieth", "девятой")."""
        ...


class RussianLemmatizer:
    lang = "ru"

    def __init__(self) -> None:
        import pymorphy3

        self._morph = pymorphy3.MorphAnalyzer()

    @lru_cache(maxsize=200_000)  # noqa: B019 - one instance per process
    def _parse(self, word: str) -> tuple[tuple[str, str | None, str], ...]:
        """(lemma, POS, tag) of every reading: one pymorphy3 call per distinct word."""
        return tuple(
            (p.normal_form.replace("ё", "е"), str(p.tag.POS) if p.tag.POS else None, str(p.tag))
            for p in self._morph.parse(word.lower())
        )

    def lemma(self, word: str) -> str:
        parses = self._parse(word)
        if not parses:
            return word.lower()
        if parses[0][1] == "NOUN":
            # a noun that is also an adjective's form («людские»: «людская» or «людской»)
            # takes the adjective's lemma, so every form of the word gets one key whatever
            # reading pymorphy3 ranks first («людских» comes out as the adjective)
            adj = next((p[0] for p in parses if p[1] == "ADJF"), None)
            if adj is not None and adj != parses[0][0] and adj[:-2] == parses[0][0][:-2]:
                return adj
        return parses[0][0]

    def lemmas(self, word: str) -> frozenset[str]:
        return frozenset(p[0] for p in self._parse(word)) or frozenset({word.lower()})

    def pos(self, word: str) -> str | None:
        parses = self._parse(word)
        pos = parses[0][1] if parses else None
        return {"ADJF": "ADJ", "ADJS": "ADJ", "PRTF": "ADJ", "INFN": "VERB"}.get(pos or "", pos)

    def active_participle(self, word: str) -> bool:
        p = self._parse(word)
        return bool(p) and p[0][1] == "PRTF" and "actv" in p[0][2]

    def participle(self, word: str) -> bool:
        """Whether the likeliest reading is a participle ("сформулированные")."""
        p = self._parse(word)
        return bool(p) and p[0][1] == "PRTF"

    def ordinal(self, word: str) -> bool:
        """An ordinal numeral adjective ("девятой", "семидесятая")."""
        p = self._parse(word)
        return bool(p) and "Anum" in p[0][2]


#: per language: how its infinitives end, and the endings of participles and gerunds, which
#: stand as adjectives or nouns (see SimpleLemmatizer.pos)
_FINITE: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "fr": (("er", "ir", "re", "oir"),
           ("é", "ée", "és", "ées", "i", "ie", "is", "ies", "u", "ue", "us", "ues",
            "ant", "ante", "ants", "antes", "ert", "erte", "erts", "ertes")),
    "es": (("ar", "er", "ir"),
           ("ado", "ada", "ados", "adas", "ido", "ida", "idos", "idas", "ando", "iendo",
            "ante", "antes", "iente", "ientes", "to", "ta", "tos", "tas", "cho", "cha")),
}


#: what a plural or a feminine adds to a noun's or an adjective's dictionary form (fr, es)
_NOMINAL_ENDINGS = frozenset({"", "s", "e", "es", "x"})


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
        """"VERB" for a finite verb form of a language whose infinitives simplemma gives
        (fr «devraient», «doit», «pouvait» → devoir, pouvoir; es «debe», «contiene»), None
        (unknown) otherwise: the one part of speech a lemma tells, and the one that makes
        the worst near-rendering («l'espace devraient» for «espace extra-atmosphérique»).
        Participles and infinitives stay unknown: they stand as adjectives and nouns too, and
        so does the lemma with a plural or feminine ending added: «nucléaires», «membres»,
        es «mujeres» are no forms of a verb «nucléaire» or «mujer»."""
        rule = _FINITE.get(self.lang)
        if rule is None:
            return None
        infinitive, participle = rule
        low = word.lower()
        lemma = self.lemma(low)
        # the feminine of an adjective in -ier takes a grave accent («plénière», «financière»
        # of plénier, financier): the lemma's -er is no infinitive there
        folded = low.replace("ière", "iere") if self.lang == "fr" else low
        if folded.startswith(lemma) and folded[len(lemma):] in _NOMINAL_ENDINGS:
            return None
        if lemma.endswith(infinitive) and not low.endswith(participle):
            return "VERB"
        return None

    def active_participle(self, word: str) -> bool:  # noqa: ARG002 - the Lemmatizer protocol
        return False

    def participle(self, word: str) -> bool:  # noqa: ARG002 - the Lemmatizer protocol
        return False

    def ordinal(self, word: str) -> bool:
        import re as _re

        return bool(_re.fullmatch(r"(?:\w+-)?(?:first|second|third|fourth|fifth|sixth|seventh|"
                                  r"eighth|ninth|tenth|eleventh|twelfth|\w+teenth|\w+tieth)",
                                  word.lower())) and self.lang == "en"


def has_morphology(lang: str) -> bool:
    """Whether the language has a morphological analyser (pymorphy3 for Russian): every
    reading's part of speech, case and number, which near-renderings are judged by. Other
    languages have simplemma's lemmas and a finite-verb guess only."""
    return getattr(get_lemmatizer(lang), "_parse", None) is not None


#: languages whose noun phrases put the head noun first («arme nucléaire», «Comité spécial»)
_HEAD_FIRST = frozenset({"fr", "es", "it", "pt", "ro", "ca"})


def head_first(lang: str) -> bool:
    """Whether a noun phrase of ``lang`` puts its head noun before its adjectives: a term
    rendering that lost its head lost its first word there («essais nucléaires» for "nuclear
    weapon tests"), its last one in Russian or English («космический объект»)."""
    return lang.lower().split("-")[0] in _HEAD_FIRST


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
        took make made give gave given became come came went met sought brought began
        mr mrs ms said says say like one two three four five six seven eight nine ten first second
        third new same own particular certain various several great good high way ways will
        dated held see annex addendum present herewith circulate transmit
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
        подтверждает вновь предлагает настоятельно
        всякий всякая всякое всякие всякого всякой всякому всяким всякую всяких всякими
        любой любая любое любые любого любому любым любую любых любыми
        каждый каждая каждое каждые каждого каждой каждому каждым каждую каждых каждыми""",
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
        hacia hasta desde durante ante tras contra antes después más menos muy también así es son fue fueron
        ser sido estar está están ha han haber había todo todos toda todas otro otros otra otras
        mismo misma mismos mismas cada ya solo sólo decide pide solicita exhorta alienta invita
        observa reafirma recuerda destaca asimismo""",
}
_CONNECT = {
    "en": "of for on and the in to against with",
    "ru": "по о об для и против в за от к",
    "fr": "de du des d la le les l à au aux pour sur et en contre",
    "es": "de del la el los las para por sobre y en contra",
}


# Calendar words: a date is never a term ("March", "held on Thursday"). Matched on the word and
# on its lemma, so Russian case forms ("марта", "четверг") are caught too.
_DATES = {
    "en": """january february march april may june july august september october november december
        monday tuesday wednesday thursday friday saturday sunday""",
    "ru": """январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь
        понедельник вторник среда четверг пятница суббота воскресенье""",
    "fr": """janvier février mars avril mai juin juillet août septembre octobre novembre décembre
        lundi mardi mercredi jeudi vendredi samedi dimanche""",
    "es": """enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre
        noviembre diciembre lunes martes miércoles jueves viernes sábado domingo""",
}


@cache
def date_words(lang: str) -> frozenset[str]:
    """Month and weekday names (lower-case), which end candidate terms like stop words."""
    return frozenset(_DATES.get(lang.lower().split("-")[0], "").split())


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
# A UN glossary lists a term as a translator would look it up: head noun in the nominative, number
# as the term is used (Member States -> «государства-члены», agreement -> «соглашение»), adjectives
# agreeing with their noun, complements as found, and (UN Russian style) е for ё unless asked.


class CachedMorph:
    """pymorphy3's ``parse`` with a cache: citation forms parse the same words again and again."""

    def __init__(self, morph: object) -> None:
        self._morph = morph

    @lru_cache(maxsize=200_000)  # noqa: B019 - one instance per process
    def parse(self, word: str) -> list:  # type: ignore[type-arg]
        return self._morph.parse(word)  # type: ignore[attr-defined,no-any-return]


@cache
def cached_morph() -> CachedMorph:
    """The shared Russian analyser, with cached parses."""
    return CachedMorph(get_lemmatizer("ru")._morph)  # type: ignore[attr-defined]


def _keep_case(original: str, new: str) -> str:
    parts, new_parts = original.split("-"), new.split("-")
    if len(parts) > 1 and len(parts) == len(new_parts):
        # each part of a hyphenated word as written («Народно-Демократической» →
        # «Народно-Демократическая», «государств-членов» → «государства-члены»)
        return "-".join(_keep_case(a, b) for a, b in zip(parts, new_parts, strict=True))
    if original.isupper() and len(original) > 1:
        return new.upper()
    lead = next((i for i, ch in enumerate(original) if not ch.isupper()), len(original))
    if lead >= 2 and original[lead:].isalpha() and original[lead:].islower():
        # an abbreviation with a case ending («СПИДа», «ЮНИСЕФом»): its letters stay capitals
        return new[:lead].upper() + new[lead:]
    if original[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


def apply_yo(text: str, keep_yo: bool = False) -> str:
    """UN Russian writes е for ё; ``keep_yo`` keeps ё where pymorphy3 or the text has it."""
    return text if keep_yo else text.replace("ё", "е").replace("Ё", "Е")


def _is_word(token: str) -> bool:
    return any(ch.isalpha() for ch in token)


def _nouns(morph: object, word: str) -> list:  # type: ignore[type-arg]
    return [p for p in morph.parse(word.lower()) if p.tag.POS == "NOUN"]  # type: ignore[attr-defined]


def head_index(tokens: list[str], morph: object) -> int | None:
    """The first noun: a word whose likeliest reading is a noun, or a noun reading that no
    adjective reading outranks ("права" is a noun though pymorphy3 also offers "прав"). A word
    that can be an adjective agreeing with a following noun is that adjective ("полицейских
    подразделений": the head is "подразделений")."""
    parses = [morph.parse(t.lower()) if _is_word(t) else [] for t in tokens]  # type: ignore[attr-defined]
    for i, ps in enumerate(parses):
        if not ps:
            continue
        noun = ps[0].tag.POS == "NOUN" or (
            ps[0].tag.POS not in ("ADJF", "PRTF", "ADJS", "PRTS") and any(
                p.tag.POS == "NOUN" for p in ps))
        if not noun:
            continue
        if i + 1 < len(parses):
            adj = {(p.tag.case, p.tag.number) for p in ps if p.tag.POS in ("ADJF", "PRTF")}
            nxt = {(p.tag.case, p.tag.number) for p in parses[i + 1] if p.tag.POS == "NOUN"}
            if adj & nxt:
                continue
        return i
    return None


def _vote_number(variants: list[tuple[list[str], int]], head: int, lemma: str,
                 morph: object) -> str:
    """Number voted over the occurrences whose form is unambiguous."""
    votes = {"sing": 0, "plur": 0}
    for toks, count in variants:
        if head >= len(toks):
            continue
        nums = {p.tag.number for p in _nouns(morph, toks[head])
                if p.normal_form == lemma and p.tag.number}
        for j in range(head):  # adjectives in the variant narrow the noun's number too
            adj = {p.tag.number or "sing" for p in morph.parse(toks[j].lower())  # type: ignore[attr-defined]
                   if p.tag.POS in ("ADJF", "PRTF")}
            if adj:
                nums = (nums & adj) or nums
        if len(nums) == 1:
            votes[next(iter(nums))] += count
    return "plur" if votes["plur"] > votes["sing"] else "sing"


#: a reading scored below this share of a word's likeliest one does not count as observed
RARE_READING = 0.03


def _observed_nominative(variants: list[tuple[list[str], int]], head: int, number: str,
                         morph: object, strict: bool = False) -> list[str] | None:
    """The commonest variant already in citation form (head nominative in ``number``, the
    adjectives before it agreeing): a form seen in the text beats one made by inflection, and
    it is the only safe one for names pymorphy3 does not know ("Дарфур", not "Дарфуре")."""
    for toks, _ in sorted(variants, key=lambda v: -v[1]):
        if head >= len(toks):
            continue
        nouns = _nouns(morph, toks[head])
        top = max((p.score for p in nouns), default=0.0)
        # a reading far less likely than the word's usual one is no evidence: "оружия" is
        # genitive singular, its nominative plural reading a dictionary artefact
        if not any(p.tag.case == "nomn" and (p.tag.number == number or "Pltm" in p.tag or
                                             "Sgtm" in p.tag or p.tag.number is None)
                   and p.score >= RARE_READING * top for p in nouns):
            continue
        if strict and any(p.tag.case not in ("nomn", "accs") for p in nouns):
            continue
        if all(any(p.tag.case == "nomn" and (p.tag.number or "sing") == number
                   for p in morph.parse(toks[j].lower()) if p.tag.POS in ("ADJF", "PRTF"))  # type: ignore[attr-defined]
               for j in range(head) if _is_word(toks[j])):
            return list(toks)
    return None


def _agree_adjectives(tokens: list[str], out: list[str], lo: int, hi: int, number: str,
                      gender: str | None, morph: object) -> None:
    """Inflect the adjectives in ``tokens[lo:hi]`` to agree with a nominative head."""
    for j in range(lo, hi):
        adj = next((p for p in morph.parse(tokens[j].lower())  # type: ignore[attr-defined]
                    if p.tag.POS in ("ADJF", "PRTF")), None)
        if adj is None:
            continue
        grams = {"nomn", number} | ({gender} if number == "sing" and gender else set())
        new = adj.inflect(grams)
        if new is not None:
            out[j] = _keep_case(tokens[j], new.word)


def agrees_with_next(word: str, nxt: str, morph: object) -> bool:
    adj = {(p.tag.case, p.tag.number) for p in morph.parse(word.lower())  # type: ignore[attr-defined]
           if p.tag.POS in ("ADJF", "PRTF")}
    nouns = {(p.tag.case, p.tag.number) for p in _nouns(morph, nxt)}
    return bool(adj & nouns)


def _rare_plural(noun: object, morph: object) -> bool:
    """Whether the noun's nominative plural is a form the language hardly uses as one
    ("оружия" reads as genitive singular): such a noun is cited in the singular."""
    plur = noun.inflect({"nomn", "plur"})  # type: ignore[attr-defined]
    if plur is None:
        return True
    parses = [p for p in morph.parse(plur.word) if p.tag.POS == "NOUN"]  # type: ignore[attr-defined]
    top = max((p.score for p in parses), default=0.0)
    return not any(p.tag.case == "nomn" and p.tag.number == "plur" and p.score >= RARE_READING * top
                   for p in parses)


#: a noun's number is rare when its forms make less than this share of the lexeme's uses in
#: general Russian (wordfreq): «полномочие» 1.4 % of «полномочия», «защит» 0.8 % of «защита»;
#: «опыты» 5.8 %, «свобод» 7.4 %, «резолюций» 9.9 % are ordinary (0.05 flagged nothing more
#: on clean un-dev; 0.1 gave 7 new key-term flags there, all false: «штабах», «положений»)
RARE_NUMBER = 0.03
#: ... judged only for a lexeme used this much (Zipf, all forms together): a rare word's
#: frequencies say nothing
RARE_NUMBER_ZIPF = 3.5


@lru_cache(maxsize=100_000)
def zipf(text: str, lang: str) -> float:
    """A word's or phrase's general-language frequency (wordfreq's Zipf scale, 0: unknown)."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(text, lang))


@lru_cache(maxsize=50_000)
def rare_number(word: str, lang: str, number: str = "") -> bool:
    """Whether a Russian noun form stands in the number its word hardly takes (singular
    «полномочие», plural «защит»): a translator writing «полномочия» for "mandate" writes
    it in the plural, an edit that swaps «мандата» for it keeps the singular. ``number``:
    the number the context reads («своего полномочия», «срока полномочия»: singular);
    without it, only a form whose every noun reading has one number. Counted over the
    lexeme's forms whose number is unambiguous (wordfreq)."""
    if not has_morphology(lang):
        return False
    morph = cached_morph()
    nouns = [p for p in morph.parse(word.lower()) if p.tag.POS == "NOUN"]
    numbers = {p.tag.number for p in nouns}
    if number:
        nouns = [p for p in nouns if p.tag.number == number]
        numbers = {number} if nouns else set()
    if not nouns or len(numbers) != 1 or None in numbers:
        return False
    mass = _number_mass(nouns[0].normal_form, nouns[0])
    total = sum(mass.values())
    return total >= 10 ** RARE_NUMBER_ZIPF and mass.get(numbers.pop(), 0.0) < RARE_NUMBER * total


#: ... for citing a noun in the plural whatever the English number, a lexeme used this much
#: (Zipf): «прения» (3.3) is common enough for its singular's rarity to mean something
PLURAL_CITATION_ZIPF = 3.0


def _plural_by_use(noun: object) -> bool:
    """Whether general Russian hardly uses the noun in the singular (under
    :data:`RARE_NUMBER` of its uses: «прение» 2.4 % of «прения», «полномочие» 1.4 %), so a
    glossary cites it in the plural even for an English singular ("general debate": «общие
    прения»)."""
    mass = _number_mass(noun.normal_form, noun)  # type: ignore[attr-defined]
    total = sum(mass.values())
    return total >= 10 ** PLURAL_CITATION_ZIPF and mass["sing"] < RARE_NUMBER * total


#: a noun whose plural forms make less than this share of its uses in general Russian is
#: cited singular where the text shows no plural: «оружие» 0.2 %, «имущество» 3.9 %; not
#: «уведомление» 26 %, «мнение» 5.1 %
UNUSED_PLURAL = 0.05


def _plural_unused(noun: object, morph: object) -> bool:
    """Whether general Russian hardly uses the noun in the plural (wordfreq, see
    :data:`UNUSED_PLURAL`); for a word too rare to tell, whether pymorphy3 hardly reads its
    nominative plural as one (:func:`_rare_plural`)."""
    mass = _number_mass(noun.normal_form, noun)  # type: ignore[attr-defined]
    total = sum(mass.values())
    if total < 10 ** PLURAL_CITATION_ZIPF:
        return _rare_plural(noun, morph)
    return mass["plur"] < UNUSED_PLURAL * total


def _number_mass(lemma: str, noun: object) -> dict[str, float]:
    """A noun lexeme's general-language frequency (wordfreq) per number, over the forms
    whose number is unambiguous."""
    morph = cached_morph()
    mass = {"sing": 0.0, "plur": 0.0}
    for form in dict.fromkeys(f.word for f in noun.lexeme):  # type: ignore[attr-defined]
        own = {p.tag.number for p in morph.parse(form)
               if p.tag.POS == "NOUN" and p.normal_form == lemma}
        if len(own) == 1 and (n := own.pop()) in mass:
            mass[n] += 10 ** zipf(form.replace("ё", "е"), "ru")
    return mass


def _inflect_head(tokens: list[str], head: int, number: str, morph: object,
                  split: bool = False) -> list[str] | None:
    """Head noun (and its adjectives, and a noun coordinated directly with it) to the
    nominative; None when pymorphy3 only guesses at a capitalised word (a name: keep it as
    found). A lower-case word it guesses is a coinage built like known words
    ("миростроительству" like "строительству"), safe to inflect. ``split``: the source
    coordinates two phrases ("crime prevention and criminal justice"), so the conjunct may
    follow the head's complement too (see :func:`_conjunct_at`)."""
    head_lemma = morph.parse(tokens[head].lower())[0].normal_form  # type: ignore[attr-defined]
    nouns = _nouns(morph, tokens[head])
    noun = next((p for p in nouns if p.normal_form == head_lemma), nouns[0] if nouns else None)
    if noun is None or not (noun.is_known or "-" in noun.normal_form
                            or tokens[head][:1].islower()):
        return None
    if "Pltm" in noun.tag:
        number = "plur"
    elif "Sgtm" in noun.tag or (number == "plur" and _plural_unused(noun, morph)):
        number = "sing"
    new_head = noun.inflect({"nomn", number}) or noun.inflect({"nomn"})
    if new_head is None or new_head.word.count("-") != tokens[head].count("-"):
        return None
    out = list(tokens)
    out[head] = _keep_case(tokens[head], new_head.word)
    _agree_adjectives(tokens, out, 0, head, number, noun.tag.gender, morph)
    # a conjunct right after the head shares its case: "международного мира и безопасности"
    cases = {p.tag.case for p in nouns if p.normal_form == noun.normal_form}
    if (at := _conjunct_at(tokens, head, split)) is not None:
        k = at + 1
        while k + 1 < len(tokens) and agrees_with_next(tokens[k], tokens[k + 1], morph):
            k += 1  # "легких вооружений": an adjective of the conjunct's noun
        other = next((p for p in morph.parse(tokens[k].lower())  # type: ignore[attr-defined]
                      if p.tag.POS == "NOUN" and p.tag.case in cases), None)
        if other is not None:
            o_num = "sing" if "Sgtm" in other.tag else other.tag.number or "sing"
            new_other = other.inflect({"nomn", o_num})
            if new_other is not None:
                out[k] = _keep_case(tokens[k], new_other.word)
                _agree_adjectives(tokens, out, at + 1, k, o_num, other.tag.gender, morph)
    return out


#: Russian prepositions that open a phrase after a head noun (see :func:`_conjunct_at`)
_PREPOSITIONS = frozenset(["в", "во", "на", "по", "о", "об", "с", "со", "для", "от", "к",
                           "из", "при", "над", "под", "за", "между", "против"])


def _conjunct_at(tokens: list[str], head: int, split: bool) -> int | None:
    """Index of the coordinator that joins a second phrase to the head: right after the head
    («мира и безопасности»), or, where the source coordinates two phrases (``split``), after
    the head's complement too: «предупреждения преступности и уголовного правосудия» for
    "crime prevention and criminal justice" is «предупреждение преступности и уголовное
    правосудие», where "crime and violence prevention" keeps «предупреждение преступности и
    насилия» (the caller passes ``split`` only for the first shape)."""
    ands = [i for i in range(head + 1, len(tokens) - 1) if tokens[i].lower() in ("и", "или")]
    if not ands or (ands[0] != head + 1 and not split):
        return None
    if any(t.lower() in _PREPOSITIONS for t in tokens[head + 1:ands[0]]):
        return None  # «меры в области предупреждения преступности и уголовного правосудия»:
        # the coordination is inside the prepositional phrase
    return ands[0]


_LIST_AND = frozenset(["и", "или"])


def _russian_list_form(tokens: list[str], morph: object) -> list[str] | None:
    """Nominative of a coordinated list, which the one-head rule would mangle: nouns each in
    the nominative ("разоружение, демобилизация и реинтеграция"); adjectives each naming one
    thing of a plural head ("Базельская, Роттердамская и Стокгольмская конвенции": singular
    adjectives of the head's gender, the head plural). None when ``tokens`` is no such list."""
    bare = [t.rstrip(",") for t in tokens]
    ands = [i for i, t in enumerate(bare) if t.lower() in _LIST_AND]
    if len(ands) != 1 or ands[0] == 0 or ands[0] >= len(bare) - 1:
        return None
    k = ands[0]
    items = bare[:k]
    if len(items) > 1 and not all(t.endswith(",") for t in tokens[:k - 1]):
        return None
    tail = bare[k + 1:]
    parse = morph.parse  # type: ignore[attr-defined]
    firsts = [parse(w.lower())[0] for w in items + tail[:1]]
    if len(tail) == 1 and all(p.tag.POS == "NOUN" and p.is_known for p in firsts):
        firsts = [firsts[0], *(_same_number(parse(w.lower()), p, firsts[0].tag.number)
                               for w, p in zip(items[1:] + tail, firsts[1:], strict=True))]
        forms = [p.inflect({"nomn", p.tag.number or "sing"}) for p in firsts]
        if any(f is None for f in forms):
            return None
        new = [_keep_case(w, f.word) for w, f in zip(items + tail, forms, strict=True)]
    elif len(tail) == 2 and all(p.tag.POS == "ADJF" for p in firsts):
        nouns = _nouns(morph, tail[1])
        if not nouns or not nouns[0].is_known or nouns[0].tag.gender is None:
            return None
        plural = all(p.tag.number == "plur" for p in nouns)  # «конвенций», not «Америки»
        if all(p.tag.number == "plur" for w in items for p in parse(w.lower())
               if p.tag.POS == "ADJF"):  # «региональных и субрегиональных организаций»
            plural = True
            adjs = [p.inflect({"nomn", "plur"}) for p in firsts]
        else:
            adjs = [p.inflect({"nomn", "sing", nouns[0].tag.gender}) for p in firsts]
        head = nouns[0].inflect({"nomn", "plur" if plural else "sing"})
        if head is None or any(a is None for a in adjs):
            return None
        new = [_keep_case(w, a.word) for w, a in zip(items + tail[:1], adjs, strict=True)]
        new.append(_keep_case(tail[1], head.word))
    else:
        return None
    out = [w + ("," if t.endswith(",") else "") for w, t in zip(new[:k], tokens[:k], strict=True)]
    return [*out, tokens[k], *new[k:]]


def _same_number(parses: list, first: object, number: str | None) -> object:  # type: ignore[type-arg]
    """The reading of a listed noun in the list's ``number`` (the first item's) where it has
    one: in «женщины и девочки» «девочки» reads first as a genitive singular, and its list
    is plural; not a number the word hardly takes (:func:`rare_number`: «подростки и
    молодежь»)."""
    return next((p for p in parses if p.tag.POS == "NOUN" and p.tag.number == number
                 and not rare_number(p.word, "ru", number)), first)


def russian_citation_form(variants: list[tuple[list[str], int]], number: str | None = None,
                          keep_yo: bool = False, split: bool = False) -> str:
    """Nominative form of a Russian noun phrase seen as ``variants`` (token lists with counts).

    The head is the first noun; adjectives before it agree with it in number (and gender in the
    singular); words after it (genitive complements) stay as found; a noun coordinated with the
    head is put in the nominative too. ``number`` ("sing"/"plur", e.g. from the English term)
    decides the head's number; without it the number is voted over the occurrences whose form is
    unambiguous, so "санкциями" makes "санкции" while "стратегической стабильности" gives
    "стратегическая стабильность". Hyphenated compounds inflect whole ("государств-членов" →
    "государства-члены"); a form seen in the text is preferred to one made by inflection.
    ``split``: the source coordinates two phrases, each with its own head (see
    :func:`_conjunct_at`).
    """
    morph = cached_morph()
    tokens = max(variants, key=lambda v: v[1])[0]
    listed = _russian_list_form(tokens, morph)
    if listed is not None:
        return apply_yo(" ".join(listed), keep_yo)
    head = head_index(tokens, morph)
    if head is None:
        before = _before_abbreviation(tokens, morph)
        return apply_yo(" ".join(before or tokens), keep_yo)
    tokens = _commonest_tail(variants, tokens, head)
    head_lemma = morph.parse(tokens[head].lower())[0].normal_form
    nouns = _nouns(morph, tokens[head])
    if nouns and any("Pltm" in p.tag for p in nouns if p.normal_form == head_lemma):
        number = "plur"
    elif nouns and all("Sgtm" in p.tag for p in nouns):
        number = "sing"
    lexeme = next((p for p in nouns if p.normal_form == head_lemma), None)
    if number is None:
        number = _vote_number(variants, head, head_lemma, morph)
    elif number == "sing" and lexeme is not None and _plural_by_use(lexeme):
        number = "plur"  # "general debate": «общие прения», no «общее прение»
    observed = _observed_nominative(variants, head, number, morph)
    if (observed is not None and len(observed) == len(tokens)
            and not _genitive_start(tuple(observed[head + 1:]))
            and _genitive_start(tuple(tokens[head + 1:]))):
        # the nominative seen with a complement in another case («гарантировать права
        # женщинам»): the head as seen, the complement as a term has it («права женщин»)
        observed = observed[:head + 1] + tokens[head + 1:]
    if observed is None and number == "plur" and not _plural_seen(variants, head, head_lemma,
                                                                  morph):
        # a plural the language hardly uses ("оружие": «оружия» reads as a genitive
        # singular) and the text never does: its singular, when seen unambiguously; an
        # ordinary plural stays («уведомления летным экипажам» for "notices to airmen")
        if lexeme is None or _plural_unused(lexeme, morph):
            observed = _observed_nominative(variants, head, "sing", morph, strict=True)
        if observed is None and _only_singular(variants, head, head_lemma, morph):
            number = "sing"  # «передового опыта» for "best practices": no «передовые опыты»
    if observed is not None and len(observed) == len(tokens):
        out = _majority_initial(variants, observed)
    else:
        out = _inflect_head(tokens, head, number, morph, split) or list(tokens)
    return apply_yo(" ".join(out), keep_yo)


def _genitive_start(tail: tuple[str, ...]) -> bool:
    """Whether a head's complement opens with a word that reads as a genitive (the case a
    Russian term's noun complement takes: «права женщин», not «права женщинам»)."""
    if not tail:
        return False
    return any(p.tag.case == "gent" for p in cached_morph().parse(tail[0].lower()))  # type: ignore[attr-defined]


def _plural_seen(variants: list[tuple[list[str], int]], head: int, head_lemma: str,
                 morph: object) -> bool:
    """Whether the text writes the head noun in a form that can only be plural
    («государств-участников», «государствам-участникам»): then the plural is the text's, and
    a nominative singular seen beside it («государство-участник») is no citation form for
    "States parties"."""
    for toks, _ in variants:
        if head < len(toks):
            nouns = [p for p in _nouns(morph, toks[head]) if p.normal_form == head_lemma]
            if nouns and all(p.tag.number == "plur" for p in nouns):
                return True
    return False


def _majority_initial(variants: list[tuple[list[str], int]], out: list[str]) -> list[str]:
    """``out`` (a nominative seen in the text) with its first letter in the case most of the
    text's forms give it: «Консультативный комитет» where the text writes «Консультативного
    комитета» three times and «Консультативный комитет» once, though the one lower-case
    «консультативный комитет» (or a sentence's opening, lower-cased) is the commoner
    nominative. A one-word target keeps its form: its lower-case forms are mostly inside
    longer names («Постоянного форума» beside «Форум» for the Permanent Forum)."""
    if len(out) < 2:
        return out
    upper = sum(n for toks, n in variants if toks and toks[0][:1].isupper())
    lower = sum(n for toks, n in variants if toks and toks[0][:1].islower())
    first_form = variants[0][0]
    if upper == lower and first_form:
        # a tie goes to the first form, one written mid-sentence where there is one (a
        # sentence's opening is lower-cased, see extract._surface): «с Африканским союзом»
        # beside «Африканский союз ...» opening a sentence
        upper += 1 if first_form[0][:1].isupper() else -1
    first = out[0]
    if upper > lower and first[:1].islower():
        return [first[:1].upper() + first[1:], *out[1:]]
    if lower > upper and first[:1].isupper() and not first.isupper() and first[1:].islower():
        return [first[:1].lower() + first[1:], *out[1:]]
    return out


def _only_singular(variants: list[tuple[list[str], int]], head: int, head_lemma: str,
                   morph: object) -> bool:
    """Whether the text writes the head noun in the singular only, every form of it read as
    a singular and never as a plural: a mass noun («опыт» in «передового опыта», «передовым
    опытом»), which a Russian glossary cites in the singular whatever the English number."""
    for toks, _ in variants:
        if head >= len(toks):
            return False
        nouns = [p for p in _nouns(morph, toks[head]) if p.normal_form == head_lemma]
        if not nouns or any(p.tag.number != "sing" for p in nouns):
            return False
    return True


def _commonest_tail(variants: list[tuple[list[str], int]], tokens: list[str],
                    head: int) -> list[str]:
    """``tokens`` with the words after the head (its complements, which the citation keeps as
    found) in their commonest form over all the variants, whatever case the head is in:
    «предотвращения конфликта» once, «предотвращения конфликтов» and «предотвращению
    конфликтов» once each give «конфликтов», not the form of whichever variant came first."""
    tails: Counter[tuple[str, ...]] = Counter()
    for words, n in variants:
        if len(words) == len(tokens):
            tails[tuple(words[head + 1:])] += n
    mine = tuple(tokens[head + 1:])
    # a tie goes to a genitive complement, the case a term's noun complement takes
    best = max(tails, key=lambda t: (tails[t], _genitive_start(t), t == mine), default=mine)
    return list(tokens[:head + 1]) + list(best)


def _before_abbreviation(tokens: list[str], morph: object) -> list[str] | None:
    """Adjectives before an abbreviation, put in the nominative: «Никосийским РДП» →
    «Никосийский РДП». The abbreviation does not decline and the dictionary does not know it,
    so the adjectives keep the gender and number of their likeliest reading. None unless the
    phrase is adjectives and a closing abbreviation."""
    last = tokens[-1]
    if len(tokens) < 2 or len(last) < 2 or not last.isupper():
        return None
    out = []
    for t in tokens[:-1]:
        adj = next((p for p in morph.parse(t.lower()) if p.tag.POS == "ADJF"), None)  # type: ignore[attr-defined]
        if adj is None:
            return None
        grams = {"nomn", adj.tag.number} | (
            {adj.tag.gender} if adj.tag.number == "sing" and adj.tag.gender else set())
        form = adj.inflect(grams)
        if form is None:
            return None
        out.append(form.word[:1].upper() + form.word[1:] if t[:1].isupper() else form.word)
    return [*out, last]


def nominative_name_first(variants: list[tuple[list[str], int]]) -> list[tuple[list[str], int]]:
    """Forms of a capitalised Russian name with every word readable as a nominative first
    («Син Тон Хек» before the commoner «Син Тон Хека»): the words of a person's name inflect
    together, so the one form that can be nominative throughout is its citation form, even
    where the head-noun rule would keep the oblique form of a word after the first."""
    morph = cached_morph()

    def nominative(toks: list[str]) -> bool:
        return all(any(p.tag.case == "nomn" or p.tag.POS is None or "Fixd" in p.tag
                       for p in morph.parse(t.lower()))
                   for t in toks if _is_word(t))

    marks = [nominative(t) for t, _ in variants]
    if not any(marks) or all(marks):
        return variants
    top = max(n for _, n in variants)
    return [(t, top + n) if ok else (t, n) for (t, n), ok in zip(variants, marks, strict=True)]


def citation_form(variants: list[tuple[list[str], int]], lang: str, number: str | None = None,
                  keep_yo: bool = False, split: bool = False) -> str:
    """The form a translator expects in a glossary (nominative for Russian; the commonest
    surface form elsewhere). ``split``: the source coordinates two phrases."""
    if lang.lower().split("-")[0] == "ru":
        return russian_citation_form(variants, number, keep_yo, split)
    return " ".join(max(variants, key=lambda v: v[1])[0])
