"""The MAP half of term extraction: mergeable candidate statistics gathered from one bitext.

:func:`gather_stats` reads a bitext once and returns :class:`TermStats`: for every source and
target candidate (an n-gram of lemmas cut at function words, punctuation and numbers) the units
it occurs in, how often, how it is written, and how often it sits inside a longer name. Stats of
several bitexts add up (``a + b``, ``sum(...)``, :meth:`TermStats.merge`) exactly as if the
bitexts had been concatenated, and they pickle, so a corpus can be mapped in parallel workers
(Dask) and ranked once: ``rank_terms(sum(map(gather_stats, parts)))`` gives the same glossary as
``extract_terms(concatenation)``. Unit numbers are kept in compact ``array('i')`` lists rather
than Python sets, because at 100k units they are most of the memory.
"""

from __future__ import annotations

import itertools
import re
from array import array
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import MISSING, dataclass, field, fields
from functools import lru_cache

from parley.align.lang import base
from parley.align.model import Bitext
from parley.glossary.model import Glossary
from parley.glossary.morph import connectors, date_words, get_lemmatizer, stopwords, tokenize

Key = tuple[str, ...]

MAX_SRC_LEN = 9
MAX_TGT_LEN = 10
#: content words (non-connectors) in one candidate (a translation may need one more)
MAX_CONTENT = 5
MAX_TGT_CONTENT = 6

_POSSESSIVE = re.compile(r"['’]s$")
_PUNCT_GAP = re.compile(r"[^\s\-‐‑]")
_ELIDED = re.compile(r"^(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu)['’](?=\w)", re.IGNORECASE)
#: name particles that stay lower-case inside a capitalised name
PARTICLES = frozenset(["de", "da", "di", "del", "van", "von", "der", "al", "el", "bin", "ibn", "le",
                       "la"])


#: head words of the names of bodies (the entry type "organization")
ORG_HEADS = frozenset([
    "council", "assembly", "committee", "commission", "organization", "organisation", "union",
    "agency", "fund", "programme", "program", "court", "office", "bank", "ministry", "department",
    "secretariat", "nations", "forum", "group", "party", "parliament", "conference", "board",
    "mission", "tribunal", "institute", "federation", "league", "movement", "alliance",
    "corporation", "service", "bureau", "panel", "division",
])
#: a phrase with one of these heads after "of the", "to the" is a name of its own, not the
#: tail of the name before it: "Treaty on the Non-Proliferation of Nuclear Weapons" in "the
#: Parties to the Treaty on ...", "Human Rights Council" in "President of the Human Rights
#: Council" (while "Status of Women" in "Commission on the Status of Women" is a tail)
_INNER_NAME_HEADS = ORG_HEADS | {"convention", "treaty", "declaration", "protocol", "agreement",
                                 "statute", "covenant", "charter", "commissioner", "republic"}


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a unit, with what candidate cutting needs to know about it."""

    word: str
    lemma: str
    stop: bool
    connector: bool
    pos: str | None
    cap: bool
    initial: bool
    start: int
    end: int
    #: an active participle ("обладающими"): governs a phrase, never opens a term
    governs: bool = False
    #: a participle: followed by a connector it opens a clause ("сформулированные в ...")
    participle: bool = False
    #: a number was skipped right before this word ("пункт 5 повестки дня")
    after_number: bool = False
    #: a comma stands right before this word (only a list "A, B and C" may cross it)
    after_comma: bool = False
    #: the first word after a leading list number ("1. Коренные народы"): a heading's capital,
    #: no evidence that the word is written with one mid-sentence
    listed: bool = False


def unit_tokens(text: str, lang: str, skip_numbers: bool = False) -> list[list[Token]]:
    """Chunks of tokens between punctuation; sentence edges and numbers end chunks too.

    French/Spanish/Italian elided articles ("l'Union", "d'action") are split off as stop words,
    so "l'Union africaine" gives the candidate "Union africaine". A comma does not end a chunk:
    the word after it is marked, and only a coordinated list ("Basel, Rotterdam and Stockholm
    conventions") may run across it (see :func:`_list_ok`). With ``skip_numbers`` (the target
    side) a number inside a phrase is passed over rather than ending it, so «пункт 5 повестки
    дня» and «резолюция 2334 (2016) Совета Безопасности» also give «пункт повестки дня» and
    «резолюция Совета Безопасности», the translations of "agenda item" and "Security Council
    resolution" (English puts the number after the term)."""
    lem = get_lemmatizer(lang)
    b = base(lang)
    stops, conns, dates = stopwords(lang), connectors(lang), date_words(lang)
    toks = tokenize(text)
    shouting = b == "en" and sum(w.isupper() for _, _, w in toks) > len(toks) / 2
    chunks: list[list[Token]] = [[]]
    prev_end = 0
    prev_num = comma = number = False
    # the unit's first word after leading list numbers
    first = next((i for i, (_, _, w) in enumerate(toks) if not any(c.isdigit() for c in w)), -1)
    for i, (s, e, w) in enumerate(toks):
        is_num = any(ch.isdigit() for ch in w)
        gap = text[prev_end:s]
        if i and _PUNCT_GAP.search(gap):
            if skip_numbers and (prev_num or is_num) and _NUMBER_GAP.fullmatch(gap):
                pass  # "2334 (2016)": brackets around a skipped number
            elif _COMMA_GAP.fullmatch(gap) and not prev_num:
                comma = True
            else:
                chunks.append([])
                comma = number = False
        prev_end = e
        prev_num = is_num
        if is_num:
            if skip_numbers and chunks[-1]:
                number = True
            else:
                chunks.append([])
                comma = number = False
            continue
        if number and not _complement_after_number(w, b, conns):
            chunks.append([])  # "In resolution 2055 (2012), the Council": the subject follows
            comma = number = False
        if b in ("fr", "it", "es", "ca") and (m := _ELIDED.match(w)):
            art = m.group()
            bare = art.lower().rstrip("'’")
            chunks[-1].append(Token(art, art.lower(), True, bare in conns, None, False, i == 0, s,
                                    s + len(art), after_number=number, after_comma=comma))
            comma = number = False
            s, w = s + len(art), w[len(art):]
        if b == "en":
            w = _POSSESSIVE.sub("", w)
        low = w.lower()
        lemma = lem.lemma(w)
        pos = lem.pos(w) if b == "ru" else None
        cap = w[:1].isupper()
        # dates and lower-case ordinals ("seventieth session") are no part of a term
        stop = (low in stops or low in conns or len(w) == 1 or low in dates or lemma in dates
                or (not cap and lem.ordinal(w)))
        if stop and b == "en" and not (low in conns or low in dates):
            stop = not _name_word(w, i == 0, shouting)
        governs = b == "ru" and pos == "ADJ" and lem.active_participle(w)
        part = b == "ru" and pos == "ADJ" and lem.participle(w)
        chunks[-1].append(Token(w, lemma, stop, low in conns, pos, cap, i == 0, s, s + len(w),
                                governs, part, number, comma, listed=0 < i == first))
        comma = number = False
    if b == "ru":
        chunks = [_adjectival_participles(c) for c in chunks]
    return [c for c in chunks if c]


def _complement_after_number(word: str, b: str, conns: frozenset[str]) -> bool:
    """Whether the word after a skipped number goes on the phrase before it: a Russian
    genitive («пункт 5 повестки дня»), elsewhere a connector ("point 5 de l'ordre du jour")."""
    if b != "ru":
        return word.lower() in conns or bool(_ELIDED.match(word))
    from parley.glossary.morph import cached_morph

    return any("gent" in p.tag for p in cached_morph().parse(word.lower()))


_NUMBER_GAP = re.compile(r"[\s()/.]+")
_COMMA_GAP = re.compile(r"\s*,\s*")
#: adjectives in the stop list that open terms ("good offices", "high seas", "least developed
#: countries") ...
_TERM_ADJ = frozenset(["good", "high", "least"])
#: ... and that are part of a name when capitalised mid-sentence ("New Urban Agenda", "First
#: Committee", "High Commissioner")
_NAME_ADJ = _TERM_ADJ | {"new", "great", "first", "second", "third", "fourth", "fifth", "sixth"}


def _name_word(w: str, initial: bool, shouting: bool) -> bool:
    """An English stop word that is a content word here: an acronym ("WHO"), a capitalised
    adjective inside a name mid-sentence ("New Agenda Coalition"), or one of the few adjectives
    that open terms."""
    low = w.lower()
    if len(w) > 1 and w.isupper() and not shouting and not initial:
        return True
    if w[:1].isupper():
        return not initial and low in _NAME_ADJ
    return low in _TERM_ADJ


def _adjectival_participles(chunk: list[Token]) -> list[Token]:
    """An active participle agreeing with the noun after it is used as an adjective
    ("оккупирующая держава", "управляющая держава"): it may open a term. One that does not
    ("обладающие ядерным оружием") governs a phrase and may not."""
    from dataclasses import replace

    from parley.glossary.morph import agrees_with_next, cached_morph

    out = list(chunk)
    for j, t in enumerate(chunk[:-1]):
        if t.governs and agrees_with_next(t.word, chunk[j + 1].word, cached_morph()):
            out[j] = replace(t, governs=False)
    return out


_AND = frozenset(["and", "et", "y", "e", "и", "und", "or", "ou", "o", "или"])
_ADJ_LY = frozenset(["early", "daily", "weekly", "monthly", "yearly", "elderly", "friendly",
                     "likely", "only", "family", "assembly", "supply", "italy", "ally"])


def _adverb(word: str) -> bool:
    """An -ly adverb ("fully", "possibly", "easily"), not "assembly" or "early": the word
    without -ly (or with -ily → -y, -bly → -ble) is a common word."""
    low = word.lower()
    if not low.endswith("ly") or low in _ADJ_LY or len(low) < 5:
        return False
    from wordfreq import zipf_frequency

    stems = [low[:-2]]
    if low.endswith("ily"):
        stems.append(low[:-3] + "y")
    if low.endswith("bly"):
        stems.append(low[:-1] + "e")
    return any(zipf_frequency(s, "en") >= 3.0 for s in stems)


#: words that show the next one is used as an adjective or noun ("the developing countries",
#: "its concluding observations"), never as a verb taking an object ("fighting cybercrime")
DETERMINERS = frozenset(["the", "a", "an", "its", "their", "our", "his", "her", "these", "those",
                         "this", "all", "other", "many", "most", "some", "such", "both", "each",
                         "every", "any", "several", "your", "my"])
#: after these a verb form is a participle used as an adjective ("least developed",
#: "transnational organized"), not a clause ("aircraft infringed")
_ADJ_BEFORE_PARTICIPLE = frozenset(["least", "most", "less", "more", "well", "newly", "un"])
_ADJ_SUFFIXES = ("al", "ic", "ous", "ive", "ary", "ent", "ant", "ful", "less", "ble", "ian",
                 "ese", "ish")


def verbal_ing(tok: Token) -> bool:
    """An -ing form read as a verb ("developing", "fighting"), not a noun ("peacekeeping")."""
    w = tok.word.lower()
    return w.endswith("ing") and tok.lemma != w and not tok.cap


def _verb_form(tok: Token) -> bool:
    w = tok.word.lower()
    return not tok.cap and "-" not in w and tok.lemma != w and w.endswith(("ing", "ed"))


#: an -ing form this common in general English is a verb's (see :func:`_verb_base`)
VERB_ING_ZIPF = 3.0


def _infinitives(chunk: list[Token]) -> frozenset[int]:
    """Positions of a verb's base form after "to" ("to fight cybercrime", "to combat
    terrorism"), which counts as the verb it is (see ``Candidate.verbal``)."""
    return frozenset(i for i in range(1, len(chunk)) if chunk[i - 1].word.lower() == "to"
                     and not chunk[i].cap and chunk[i].lemma == chunk[i].word.lower()
                     and _verb_base(chunk[i].lemma))


@lru_cache(maxsize=20_000)
def _verb_base(word: str) -> bool:
    """Whether an English word has an -ing form in common use that the lemmatizer takes back
    to it ("fighting" → fight), which no noun after the preposition "to" has ("to peace", "to
    development")."""
    from wordfreq import zipf_frequency

    forms = [word + "ing", word + word[-1:] + "ing"] + (
        [word[:-1] + "ing"] if word.endswith("e") else [])
    lem = get_lemmatizer("en")
    return any(lem.lemma(f) == word and zipf_frequency(f, "en") >= VERB_ING_ZIPF for f in forms)


def adjectival_use(chunk: list[Token], i: int) -> bool:
    """Whether the verb form opening ``chunk[i:]`` reads as an adjective here: an -ing form
    after a determiner ("the developing countries"), a past participle anywhere but right after
    a content word ("armed groups", not "aircraft infringed international ...")."""
    prev = chunk[i - 1] if i > 0 and not chunk[i].after_comma else None
    if chunk[i].word.lower().endswith("ing"):
        return prev is not None and prev.word.lower() in DETERMINERS
    return prev is None or prev.connector or prev.word.lower() in DETERMINERS or (
        not prev.stop and _participle_after_adjective(prev))


def _participle_after_adjective(prev: Token) -> bool:
    w = prev.word.lower()
    return w in _ADJ_BEFORE_PARTICIPLE or w.endswith(_ADJ_SUFFIXES) or (
        _adverb(w) and not prev.cap)


#: words that make a preposition with "to" ("pursuant to resolution", "prior to the session"):
#: what follows is the preposition's object, not a term
_TO_PREPOSITIONS = frozenset(["pursuant", "prior", "according", "due", "owing", "subject",
                              "contrary", "further", "relating", "pertaining", "thanks"])
#: English verbs that are no noun, which open a verb phrase, never a term ("provide
#: information", "ensure compliance", "strengthen cooperation")
_OPENING_VERBS = frozenset([
    "provide", "ensure", "promote", "strengthen", "enhance", "implement", "establish",
    "continue", "include", "prevent", "achieve", "improve", "reduce", "protect", "consider",
    "adopt", "encourage", "recognize", "urge", "invite", "facilitate", "contribute",
    "maintain", "submit", "examine", "identify", "undertake", "pursue", "assist", "take",
    "make", "give", "allow", "enable", "decide", "reaffirm", "emphasize", "underline",
    "acknowledge", "reiterate", "commend"])
#: the verbs a resolution or report puts after its capitalised subject ("the Fifth Committee
#: recommends", "the Council decides"): a clause, not a term
_SUBJECT_VERBS = frozenset([
    "recommends", "decides", "requests", "urges", "welcomes", "stresses", "reiterates",
    "invites", "encourages", "reaffirms", "recognizes", "condemns", "emphasizes",
    "underlines", "notes", "calls", "considers", "agrees", "approves", "endorses",
    "authorizes", "acknowledges", "expresses", "commends", "demands", "affirms", "regrets",
    "deplores", "appreciates", "remains", "continues", "believes", "takes"])
#: verbs that follow a capitalised subject anywhere in an n-gram, not just at its end ("the
#: Secretary-General wishes to report", "the Council has decided"): a clause, not a term
_AUXILIARIES = frozenset([
    "wishes", "has", "have", "had", "is", "are", "was", "were", "will", "shall", "would",
    "should", "may", "must", "can", "could"])
_OPENERS = _OPENING_VERBS | _AUXILIARIES
#: verbs an infinitive after a noun often is ("intention to appoint", "decision to convene"):
#: with the opening verbs, what makes "to" a verb's and not a preposition's ("right to food")
_INFINITIVES = _OPENING_VERBS | {
    "appoint", "inform", "report", "convene", "hold", "address", "support", "combat",
    "develop", "participate", "attend", "bring", "play", "meet", "carry", "be", "have",
    "request", "extend", "seek", "join", "help", "become", "keep"}
#: nouns that make a preposition with "в" or "по" («в области», «в рамках», «по линии»): a
#: phrase ending in one lacks the object («цели в области [развития]»)
_RU_PREPOSITION_NOUNS = frozenset(["область", "сфера", "отношение", "цель", "рамка", "связь",
                                   "ход", "интерес", "соответствие", "дело", "линия", "польза"])


#: adjective endings for a word after a determiner that a noun follows: it modifies that noun
_MODIFIER_SUFFIXES = ("al", "ic", "ous", "ive", "ful", "ble", "ian")


def _clause(toks: list[Token]) -> bool:
    """A verb and its object ("provide information"), a subject and its verb ("Committee
    recommends", "Secretary-General wishes to report") or an infinitive ("intention to
    appoint"), by :data:`_OPENING_VERBS`, :data:`_SUBJECT_VERBS`, :data:`_AUXILIARIES` and
    :data:`_INFINITIVES`."""
    if len(toks) < 2:
        return False
    low = [t.word.lower() for t in toks]  # this runs for every n-gram: lower-case once
    return ((not toks[0].cap and low[0] in _OPENERS) or low[0] == "please"
            or (not toks[-1].cap and toks[-2].cap and low[-1] in _SUBJECT_VERBS)
            or any((toks[j - 1].cap and not toks[j].cap and low[j] in _AUXILIARIES)
                   or (low[j - 1] == "to" and low[j] in _INFINITIVES)
                   for j in range(1, len(toks))))


def _ok_english(toks: list[Token], nxt: Token | None = None) -> bool:
    """English noun-phrase shape by word endings. An n-gram opening with a verb-like -ing form
    is kept here and judged over all its occurrences (see ``Candidate.verbal``); one closing
    with an -ing form is no term when an object follows ("States wishing to", "measures
    regarding the")."""
    first = toks[0].word.lower()
    if first in _TO_PREPOSITIONS and len(toks) > 1 and toks[1].word.lower() == "to":
        return False
    if not toks[0].cap and _adverb(first) and not (len(toks) > 2 and toks[1].word.endswith("ed")):
        return False  # "fully", but "internally displaced persons"
    last = toks[-1].word.lower()
    if _clause(toks):
        return False
    if _adverb(last) or (len(toks) > 1 and last.endswith("ous")):
        return False  # "... on the Rights of Indigenous": an adjective ends no noun phrase
    for j in range(1, len(toks)):
        if toks[j].word.lower() in DETERMINERS and not toks[j - 1].connector:
            return False  # "lists the items", "violated the national airspace": verb + object
    if last.endswith("ed") and not toks[-1].cap:
        return False  # "letter dated", "held": a verb closes no term
    if _goes_on(toks, nxt):
        return False
    if verbal_ing(toks[-1]) and (len(toks) == 1 or (nxt is not None and (
            nxt.word.lower() in DETERMINERS or nxt.word.lower() in ("to", "that")))):
        return False
    for j in range(1, len(toks) - 1):
        w = toks[j].word
        # "aircraft infringed international": a past tense after a noun is a clause, not a term
        if (w.endswith("ed") and not toks[j].cap and "-" not in w and not toks[j].connector
                and not _participle_after_adjective(toks[j - 1])):
            return False
    return True


def _goes_on(toks: list[Token], nxt: Token | None) -> bool:
    """Whether the phrase goes on past ``toks``: it ends in an adjective-like word with a
    lower-case content word after it, and a determiner or a connector before that word says
    the last word should be a noun ("compliance with the fundamental [norms]", "serious
    violation of international [humanitarian law]", "regional and subregional
    [organizations]": "X of Y" ends in Y's noun)."""
    last = toks[-1]
    if (len(toks) < 3 or last.cap or not last.word.lower().endswith(_MODIFIER_SUFFIXES)
            or nxt is None or nxt.stop or nxt.cap or not nxt.word.isalpha()):
        return False
    return (toks[-2].word.lower() in DETERMINERS
            or any(t.connector for t in toks[1:-1]))


def _substantivised(toks: list[Token], nxt: Token | None) -> bool:
    """Whether the adjective or participle ending ``toks`` is used as a noun, the genitive
    complement of the noun before it: «Совет управляющих», «права трудящихся» (the dictionary
    marks the word as one that may stand for a noun, it does not agree with the noun before
    it, and no noun or adjective follows it: «права коренных народов» is no «права
    коренных»)."""
    if len(toks) < 2 or toks[-2].pos != "NOUN" or (nxt is not None and nxt.pos in ("NOUN",
                                                                                 "ADJ", None)):
        return False
    from parley.glossary.morph import agrees_with_next, cached_morph

    morph = cached_morph()
    last = toks[-1].word.lower()
    parses = morph.parse(last)
    if not (any("Subx" in p.tag for p in parses)
            and any(p.tag.case == "gent" and p.tag.number == "plur" for p in parses)):
        return False
    return not agrees_with_next(last, toks[-2].word, morph)


def _ok_russian(toks: list[Token], nxt: Token | None = None) -> bool:
    if len(toks) > 2 and toks[-2].word.lower() in ("в", "по") \
            and toks[-1].lemma in _RU_PREPOSITION_NOUNS:
        return False  # «цели в области»: the preposition's object is missing
    content = [t for t in toks if not t.connector]
    if len(toks) > 2 and toks[0].pos == "ADVB" and toks[1].pos == "ADJ":
        # an adverb grading the adjective after it opens the phrase: "внутренне перемещенные
        # лица", "наименее развитые страны" (without it the target says another thing)
        content, toks = content[1:], toks[1:]
    if any(t.pos not in ("NOUN", "ADJ", None) for t in content):
        return False
    if toks[-1].pos == "ADJ" and not _substantivised(toks, nxt):
        return False
    if toks[0].pos not in ("NOUN", "ADJ", None) or toks[0].governs:
        return False
    if toks[0].participle and len(toks) > 1 and toks[1].connector:
        return False  # "сформулированные в Декларации": a participle clause
    return any(t.pos in ("NOUN", None) for t in content)


#: languages that repeat the article after a coordinator inside a term («technologies de
#: l'information et des communications», «la paz y la seguridad»)
_ARTICLE_REPEATING = frozenset({"fr", "es", "it", "pt"})


def _repeated_articles(inner: list[Token], lang: str) -> int:
    """The function words right after «et», «y», «ou», «o» inside a French or Spanish phrase
    («et des», «et de la»):
    the article the language repeats there, which the coordinated term does not add (so
    «technologies de l'information et des communications» is no longer than four connectors
    allow)."""
    if base(lang) not in _ARTICLE_REPEATING:
        return 0
    n, after = 0, False
    for t in inner:
        if after and t.stop and t.lemma not in _AND:
            n += 1  # «et des», «et de la»
            continue
        after = t.lemma in _AND
    return n


def ok_ngram(toks: list[Token], lang: str, max_content: int = MAX_CONTENT,
             nxt: Token | None = None) -> bool:
    """Whether ``toks`` may be a term: no function word at an edge, only connectors inside, a
    noun-phrase shape (Russian by parts of speech, English by endings)."""
    if toks[0].stop or toks[-1].stop:
        return False
    inner = toks[1:-1]
    n_conn = sum(t.stop for t in inner) - _repeated_articles(inner, lang)
    # the name of a body or document may be a word longer ("United Nations High Commissioner
    # for Human Rights", "Committee on the Elimination of Discrimination against Women")
    name = int(toks[0].cap and (base(lang) != "en" or all(t.cap for t in toks if not t.stop)))
    if n_conn > 3 + name or any(t.stop and not t.connector for t in inner):
        return False
    if len(toks) - n_conn > max_content + name:
        return False
    b = base(lang)
    if b == "ru":
        return _ok_russian(toks, nxt)
    if b == "en":
        return _ok_english(toks, nxt)
    return True


def _embedded(chunk: list[Token], i: int, n: int) -> bool:
    """Whether the capitalised n-gram ``chunk[i:i+n]`` sits inside a longer capitalised name
    ("Security" in "Security Council", "Nations" in "United Nations", "Status of Women" in
    "Commission on the Status of Women")."""
    toks = chunk[i:i + n]
    if not toks[0].cap and not toks[-1].cap:
        return False
    if i + n < len(chunk) and chunk[i + n].cap and not chunk[i + n].stop \
            and not chunk[i + n].after_comma:
        return True
    if chunk[i].after_comma:
        return False
    j = i - 1
    hops = 0
    # a one-word name after "of" is a name of its own ("Republic of Cyprus"); a longer phrase is
    # part of the name ("Commission on the Status of Women")
    # and not across a coordination ("Sudan and South Sudan")
    while j >= 0 and chunk[j].connector and hops < 2 and n > 1 and chunk[j].lemma not in _AND \
            and not chunk[j + 1].after_comma:
        j -= 1
        hops += 1
    if j >= 0 and chunk[j + 1].after_comma:
        return False
    if hops and any(t.lemma in _INNER_NAME_HEADS for t in toks):
        return False  # "the States Parties to the United Nations Convention against Corruption"
    # "New York", "Sierra Leone" (even sentence-initial); not "The Council"
    return j >= 0 and chunk[j].cap and not (
        chunk[j].initial and chunk[j].stop and chunk[j].lemma not in _NAME_ADJ) \
        and not (hops and chunk[j].stop)


@dataclass(slots=True)
class Candidate:
    """Accumulated evidence for one candidate (lemma key) on one side."""

    units: array = field(default_factory=lambda: array("i"))
    freq: int = 0
    #: occurrences inside a longer capitalised name (see :func:`_embedded`)
    embedded: int = 0
    #: surface forms (as written, from the text span) of the free-standing occurrences
    surfaces: Counter[str] = field(default_factory=Counter)
    #: ... of those not at the start of a sentence
    mid: Counter[str] = field(default_factory=Counter)
    initial: int = 0
    cap: int = 0
    forced: bool = False
    #: occurrences opening with a verb form ("developing countries", "armed groups"), and how
    #: many of those read as an adjective there (see :func:`adjectival_use`): a participle used
    #: as an adjective sometimes follows "the"; a verb with its object ("fighting cybercrime",
    #: "aircraft infringed international ...") does not
    verbal: int = 0
    det: int = 0
    #: occurrences read across a skipped number («пункт [5] повестки дня», target side only)
    gapped: int = 0

    def __setstate__(self, state: list[object]) -> None:
        """Unpickle statistics written by an older parley (a corpus folder's per-pair stats):
        fields it did not have take their defaults."""
        for f in fields(self):
            value = f.default_factory() if f.default_factory is not MISSING else f.default
            object.__setattr__(self, f.name, value)
        for f, value in zip(fields(self), state, strict=False):
            object.__setattr__(self, f.name, value)

    def __getstate__(self) -> list[object]:
        return [getattr(self, f.name) for f in fields(self)]

    def add(self, other: Candidate, offset: int) -> None:
        """Fold ``other`` (whose unit numbers start at ``offset`` in the merged text) in."""
        self.units.extend(u + offset for u in other.units)
        self.freq += other.freq
        self.embedded += other.embedded
        self.surfaces.update(other.surfaces)
        self.mid.update(other.mid)
        self.initial += other.initial
        self.cap += other.cap
        self.forced = self.forced or other.forced
        self.verbal += other.verbal
        self.det += other.det
        self.gapped += other.gapped

    @property
    def n_units(self) -> int:
        return len(self.units)


@dataclass
class SideStats:
    """All candidates of one language side, and the capitalisation of its words."""

    lang: str
    #: count occurrences inside longer names apart (source side: fragments are no terms)
    embedding: bool = True
    cands: dict[Key, Candidate] = field(default_factory=dict)
    #: mid-sentence occurrences of each lower-cased word, and how many were capitalised
    seen: Counter[str] = field(default_factory=Counter)
    capped: Counter[str] = field(default_factory=Counter)

    def add_text(self, units: list[int], grams: UnitGrams) -> None:
        """Fold in one distinct text's n-grams, occurring as every unit in ``units`` (a TM
        repeats boilerplate and headings: each distinct text is cut into n-grams once).
        Unit lists are appended unsorted; :meth:`finish` sorts them."""
        m = len(units)
        for low, cap in grams.words:
            self.seen[low] += m
            self.capped[low] += cap * m
        cands = self.cands
        done: set[Key] = set()
        for o in grams.occurrences:
            c = cands.get(o.key)
            if c is None:
                c = cands[o.key] = Candidate()
            if o.key not in done:
                done.add(o.key)
                c.units.extend(units)
            c.freq += m
            c.forced = c.forced or o.forced
            c.verbal += o.verbal * m
            c.det += o.det * m
            c.gapped += o.gapped * m
            if o.embedded:
                c.embedded += m
                continue
            c.surfaces[o.surface] += m
            if not o.initial:
                c.mid[o.surface] += m
            c.initial += o.initial * m
            c.cap += o.cap * m

    def finish(self) -> None:
        for c in self.cands.values():
            c.units = array("i", sorted(c.units))

    def merge(self, other: SideStats, offset: int) -> SideStats:
        out = SideStats(self.lang, self.embedding, {}, self.seen + other.seen,
                        self.capped + other.capped)
        for key, c in self.cands.items():
            out.cands[key] = Candidate(array("i", c.units), c.freq, c.embedded, Counter(c.surfaces),
                                       Counter(c.mid), c.initial, c.cap, c.forced, c.verbal,
                                       c.det, c.gapped)
        for key, c in other.cands.items():
            mine = out.cands.get(key)
            if mine is None:
                mine = out.cands[key] = Candidate()
            mine.add(c, offset)
        return out

    def cap_words(self) -> frozenset[str]:
        """Words capitalised in most of their mid-sentence occurrences ("Iran", "Minsk")."""
        return frozenset(w for w, n in self.seen.items() if self.capped[w] >= 0.6 * n)


def _ngrams(chunk: list[Token], lang: str, max_len: int, forced: dict[Key, int],
            max_content: int) -> Iterable[tuple[Key, int, int, bool]]:
    lemmas = [t.lemma for t in chunk]
    for i in range(len(chunk)):
        if chunk[i].stop:
            continue
        for n in range(1, min(max_len, len(chunk) - i) + 1):
            last = chunk[i + n - 1]
            if last.stop and not last.connector:
                break  # a non-connector stop word inside ends every longer n-gram too
            if not _list_ok(chunk, i, n):
                continue
            nxt = chunk[i + n] if i + n < len(chunk) and not chunk[i + n].after_comma else None
            if ok_ngram(chunk[i:i + n], lang, max_content, nxt):
                yield tuple(lemmas[i:i + n]), i, n, False
        for n in {v for v in forced.values() if v > max_len}:
            key = tuple(lemmas[i:i + n])
            if len(key) == n and forced.get(key) == n and _list_ok(chunk, i, n):
                yield key, i, n, True


def _list_ok(chunk: list[Token], i: int, n: int) -> bool:
    """Whether ``chunk[i:i+n]`` crosses no comma, or is a coordinated list of single words
    that it opens: "disarmament, demobilization and reintegration", "Basel, Rotterdam and
    Stockholm conventions" (one word before each comma, "and"/"or" right after the last
    item). A phrase cut at any other comma would join words that a comma keeps apart."""
    commas = [p for p in range(1, n) if chunk[i + p].after_comma]
    if not commas:
        return True
    if commas != list(range(1, len(commas) + 1)):
        return False
    k = commas[-1]
    if chunk[i + k].lemma in _AND:
        return True  # the serial comma: "A, B, and C"
    return k + 2 < n and chunk[i + k + 1].lemma in _AND


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One occurrence of a candidate in a unit."""

    key: Key
    embedded: bool
    surface: str
    initial: bool
    cap: bool
    forced: bool
    verbal: bool = False
    det: bool = False
    gapped: bool = False


@dataclass(frozen=True, slots=True)
class UnitGrams:
    """What one unit's text contributes to :class:`SideStats` (cached per distinct text)."""

    #: (lower-cased word, capitalised) of each mid-sentence word
    words: tuple[tuple[str, bool], ...]
    occurrences: tuple[Occurrence, ...]


def unit_grams(text: str, lang: str, max_len: int, forced: dict[Key, int], max_content: int,
               embedding: bool, skip_numbers: bool = False) -> UnitGrams:
    """The candidate n-grams of one unit's text, with their surface forms and flags."""
    words: list[tuple[str, bool]] = []
    occ: list[Occurrence] = []
    english = base(lang) == "en"
    for chunk in unit_tokens(text, lang, skip_numbers):
        words.extend((t.word.lower(), t.cap) for t in chunk if not (t.initial or t.listed))
        infinitives = _infinitives(chunk) if english else frozenset()
        for key, i, n, is_forced in _ngrams(chunk, lang, max_len, forced, max_content):
            toks = chunk[i:i + n]
            infinitive = i in infinitives
            verbal = infinitive or (english and _verb_form(toks[0]))
            det = verbal and not infinitive and adjectival_use(chunk, i)
            if embedding and _embedded(chunk, i, n):
                occ.append(Occurrence(key, True, "", False, False, is_forced, verbal, det))
                continue
            gapped = any(t.after_number for t in toks[1:])
            if gapped:  # as written, without the skipped number ("point de l'ordre du jour")
                surface = text[toks[0].start:toks[0].end] + "".join(
                    (" " if t.after_number else text[p.end:t.start]) + text[t.start:t.end]
                    for p, t in itertools.pairwise(toks))
                surface = " ".join(surface.split())
            else:
                surface = " ".join(text[toks[0].start:toks[-1].end].split())
            cap = all(t.cap for t in toks if not t.connector and t.word not in PARTICLES)
            occ.append(Occurrence(key, False, surface, toks[0].initial, cap, is_forced, verbal,
                                  det, gapped))
        occ.extend(_acronym_prefixes(chunk, lang))
    return UnitGrams(tuple(words), tuple(occ))


#: an acronym opening a hyphenated word whose rest is lower-case: «ВИЧ-инфицированных»,
#: "HIV-positive", "UNDP-supported" (not "UN-Habitat", «ООН-Хабитат»: a name of its own)
_ACRONYM_PREFIX = re.compile(r"([^\W\d_]{2,})[-‐‑](?=[^\W\d_])(?![^\W\d_]*[A-ZА-ЯЁ])")


def _acronym_prefixes(chunk: list[Token], lang: str) -> list[Occurrence]:
    """The acronym of each hyphenated compound that opens with one, as an occurrence of its
    own: Russian glues an acronym to a participle or noun («ВИЧ-инфицирование», «ИКТ-услуги»),
    so without it the acronym's translation is missing from the units that say it that way
    and "HIV" finds «ВИЧ» in too few of its units to pair."""
    out: list[Occurrence] = []
    for t in chunk:
        m = _ACRONYM_PREFIX.match(t.word)
        if m is None or not m.group(1).isupper():
            continue
        acr = m.group(1)
        lemma = get_lemmatizer(lang).lemma(acr)
        out.append(Occurrence((lemma,), False, acr, t.initial, True, False))
    return out


@dataclass(frozen=True)
class UnitText:
    """One unit's texts, kept for the example sentence of an entry."""

    id: str | None
    source: str
    target: str


@dataclass
class TermStats:
    """Mergeable term statistics of a bitext (see the module docstring)."""

    src_lang: str
    tgt_lang: str
    units: list[UnitText]
    src: SideStats
    tgt: SideStats
    name: str | None = None

    def merge(self, other: TermStats) -> TermStats:
        """Statistics of the concatenation of the two bitexts (``self`` first)."""
        if (self.src_lang, self.tgt_lang) != (other.src_lang, other.tgt_lang):
            raise ValueError(f"cannot merge {self.src_lang}-{self.tgt_lang} term statistics with "
                             f"{other.src_lang}-{other.tgt_lang}")
        off = len(self.units)
        return TermStats(self.src_lang, self.tgt_lang, self.units + other.units,
                         self.src.merge(other.src, off), self.tgt.merge(other.tgt, off),
                         self.name or other.name)

    def __add__(self, other: TermStats) -> TermStats:
        return self.merge(other)

    def __radd__(self, other: object) -> TermStats:
        if other == 0:  # sum() starts from 0
            return self
        return NotImplemented


def termbase_forced(termbase: Glossary | None, src_lang: str) -> dict[Key, int]:
    """Lemma keys of the term base's source terms (they are candidates whatever their length)."""
    forced: dict[Key, int] = {}
    if termbase is None:
        return forced
    ls = get_lemmatizer(src_lang)
    for e in termbase.entries:
        for s in e.terms_in(src_lang):
            key = tuple(ls.lemma(w) for _, _, w in tokenize(s.text))
            if key:
                forced[key] = len(key)
    return forced


def gather_stats(
    bitext: Bitext,
    *,
    src_lang: str,
    tgt_lang: str,
    termbase: Glossary | None = None,
    progress: Callable[[int], None] | None = None,
) -> TermStats:
    """MAP: the candidate statistics of ``bitext`` (units with an empty side are skipped)."""
    forced = termbase_forced(termbase, src_lang)
    src, tgt = SideStats(src_lang), SideStats(tgt_lang, embedding=False)
    units: list[UnitText] = []
    src_texts: dict[str, list[int]] = {}
    tgt_texts: dict[str, list[int]] = {}
    for unit in bitext.units:
        if not (unit.source.strip() and unit.target.strip()):
            continue
        u = len(units)
        units.append(UnitText(unit.id, unit.source, unit.target))
        src_texts.setdefault(unit.source, []).append(u)
        tgt_texts.setdefault(unit.target, []).append(u)
        if progress:
            progress(1)
    for text, us in src_texts.items():
        src.add_text(us, unit_grams(text, src_lang, MAX_SRC_LEN, forced, MAX_CONTENT, True))
    for text, us in tgt_texts.items():
        tgt.add_text(us, unit_grams(text, tgt_lang, MAX_TGT_LEN, {}, MAX_TGT_CONTENT, False,
                                       skip_numbers=True))
    src.finish()
    tgt.finish()
    return TermStats(src_lang, tgt_lang, units, src, tgt, bitext.name)
