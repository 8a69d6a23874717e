"""Target selection for term extraction: which target n-gram translates a source term.

Co-occurrence within aligned units, scored by Dice, checked by competitive linking (a target
another source candidate explains better is not this term's), by the parts of the source (a
target that one word of a multiword term explains better translates that word, not the term:
"agenda item" is not «повестка дня», which "agenda" explains), and extended to the longer target
that says the whole term ("Review Conference" → «Конференция по рассмотрению действия Договора»
rather than its fragment «рассмотрение действия»). Counting co-occurrences over every unit of a
frequent term is what made 100k units slow: the candidates are found on an evenly spaced sample
of at most :data:`SAMPLE` units and their counts then computed exactly by set intersection.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass, field

from parley.align.lang import base
from parley.glossary.stats import Candidate, Key

MIN_UNITS = 2
MIN_DICE = 0.3
MIN_COVERAGE = 0.5
#: pairs seen in this few units need stronger evidence (see :meth:`Links.strong_low_count`)
LOW_COUNT = 3
LOW_COVERAGE = 2 / 3
LOW_DICE = 0.5
#: a target that explains a source term's residual units (see :func:`variants`)
MAX_VARIANTS = 3
VARIANT_SHARE = 0.25
#: ... in at least this many units (two chance co-occurrences make no variant)
VARIANT_UNITS = 3
VARIANT_DICE = 0.3
#: G² (log-likelihood ratio) for p < 0.01 with one degree of freedom
MIN_LLR = 6.63
#: co-occurrence candidates are gathered on at most this many units of a term
SAMPLE = 400
#: a part of the source explaining the target this much better takes it from the whole
PART_MARGIN = 0.1
#: English heads a target may leave to an adjective made a noun or a noun of its own ("young
#: people": «jeunes», «молодежь»; "staff member": «сотрудник»)
_LIGHT_HEADS = frozenset({"people", "person", "persons", "one", "ones", "member"})
#: a target word tied to a source word (see :meth:`Links.word_source`): in this many units
#: together, at this Dice; a word of the term this near the tie's strength, or with the target
#: word in this share of its units, is tied to it too (see :meth:`Links.said_beside`); at 0.8
#: two units made "eradication" (0.8) a rival of "poverty" (1.0) for «нищета»; 0.9 would part
#: "Cypriots" (0.67) from its «киприоты-турки», which a chance "Greek" ties at 0.75
TIE_UNITS = 3
TIE_DICE = 0.5
TIE_RIVAL = 0.85
TIE_COVER = 0.8
#: a word of a term other than its head, left out of a target, counts where the text ties it
#: to its rendering at this Dice (see ``_Ranker._headless``), and so does a target word tied
#: to a source word beside the term (:meth:`Links.rendered_beside`): chance ties of a short
#: text ("strategic" and «год» of "Strategic Plan for 2011-2020") are weaker
TIE_LEFT_OUT = 0.7
#: ties are gathered on this many units of a word, and the most frequent this many counted
TIE_SAMPLE = 100
TIE_CANDIDATES = 40
#: a longer target holding the chosen one replaces it when seen in this share of its units
EXTEND_SHARE = 0.85


def sample(units: Sequence[int], k: int = SAMPLE) -> Sequence[int]:
    """At most ``k`` evenly spaced units (deterministic, so map/reduce gives one answer)."""
    n = len(units)
    if n <= k:
        return units
    step = n / k
    return [units[int(i * step)] for i in range(k)]


@dataclass
class Links:
    """Unit indexes of the source and target candidates, for pairing and competitive linking."""

    src: dict[Key, Candidate]
    tgt: dict[Key, Candidate]
    src_unit_keys: list[list[Key]]
    tgt_unit_keys: list[list[Key]]
    #: the main target chosen for each source term so far
    main_of: dict[Key, Key] = field(default_factory=dict)
    #: whether a longer target ``(longer, shorter)`` puts a new head before the shorter one
    #: (a Russian noun: the phrase then names another thing); None: no such check
    new_head: Callable[[Key, Key], bool] | None = None
    #: the target language (see :func:`verb_phrase`)
    tgt_lang: str = ""
    #: the source terms each main target was chosen for (see :meth:`claim`)
    main_src: dict[Key, list[Key]] = field(default_factory=dict)
    #: multiword main targets by first word
    _main_first: dict[str, list[Key]] = field(default_factory=dict)
    _src_sets: dict[Key, frozenset[int]] = field(default_factory=dict)
    _tgt_sets: dict[Key, frozenset[int]] = field(default_factory=dict)
    _word_source: dict[str, tuple[str, float] | None] = field(default_factory=dict)
    _target_tie: dict[str, str | None] = field(default_factory=dict)

    def claim(self, key: Key, tk: Key) -> None:
        """Record ``tk`` as the main target of source term ``key`` (the first claim stands)."""
        if key not in self.main_of:
            self.main_of[key] = tk
            self.main_src.setdefault(tk, []).append(key)
            if len(tk) > 1:
                self._main_first.setdefault(tk[0], []).append(tk)

    def names_another_term(self, key: Key, tk: Key, co: dict[Key, int]) -> bool:
        """Whether target ``tk`` holds, or is cut inside, the translation of a name that
        ``key`` does not say: the multiword main target of another source term, capitalised
        (a name) and sharing no word with ``key``. «временные правила процедуры Совета
        Безопасности» (or «... Совета» where the text goes on «Безопасности») for "provisional
        rules of procedure" adds "Security Council"; the phrase before it is the equivalent."""
        n = len(tk)
        words = set(key)

        def foreign(m: Key) -> bool:
            return any(not set(sk) & words and 2 * self.src[sk].cap > self.src[sk].freq
                       for sk in self.main_src.get(m, ()))

        for i in range(1, n):
            for j in range(i + 1, n + 1):
                m = tk[i:j]
                if j == n:  # a cut name: the text goes on with the rest of it
                    longer = [f for f in self._main_first.get(m[0], ())
                              if len(f) > len(m) and f[:len(m)] == m
                              and co.get(tk + f[len(m):], 0) >= EXTEND_SHARE * co.get(tk, 0)]
                    if any(foreign(f) for f in longer):
                        return True
                if len(m) > 1 and foreign(m):
                    return True
        return False

    def src_units(self, key: Key) -> frozenset[int]:
        s = self._src_sets.get(key)
        if s is None:
            s = self._src_sets[key] = frozenset(self.src[key].units)
        return s

    def tgt_units(self, key: Key) -> frozenset[int]:
        s = self._tgt_sets.get(key)
        if s is None:
            s = self._tgt_sets[key] = frozenset(self.tgt[key].units)
        return s

    def co_targets(self, key: Key, limit: int = 40) -> dict[Key, int]:
        """Target candidates co-occurring with source ``key``, with exact unit counts."""
        units = self.src[key].units
        co: Counter[Key] = Counter()
        for u in sample(units):
            co.update(self.tgt_unit_keys[u])
        mine = self.src_units(key)
        if len(units) <= SAMPLE:
            return dict(co)
        return {tk: len(mine & self.tgt_units(tk)) for tk, _ in co.most_common(limit)}

    def dice(self, sk: Key, tk: Key) -> float:
        s, t = self.src_units(sk), self.tgt_units(tk)
        return 2 * len(s & t) / (len(s) + len(t))

    def outbid(self, key: Key, mine: float, tk: Key, longer: bool = False) -> bool:
        """Whether another source candidate (bar longer or shorter forms of ``key``) explains
        target ``tk`` clearly better than ``key`` does (Dice ``mine``): competitive linking, so
        a word is not made the translation of whatever happens to sit next to it. A candidate
        already linked to another target ("Belarus" to "Белоруссия") is no rival. With
        ``longer``, a longer term containing ``key`` that explains the target as well takes it
        ("world order -> миропорядок" is no variant of "world")."""
        t_units = self.tgt[tk].units
        co: Counter[Key] = Counter()
        for u in sample(t_units):
            co.update(self.src_unit_keys[u])
        exact = len(t_units) > SAMPLE
        words = set(key)
        n = len(key)
        for sk, m in co.most_common(60) if exact else co.items():
            if sk == key or self.main_of.get(sk, tk) != tk:
                continue
            if exact:
                m = len(self.src_units(sk) & self.tgt_units(tk))
            if m < MIN_UNITS:
                continue
            dice = 2 * m / (len(self.src[sk].units) + len(t_units))
            if longer and len(sk) > n and any(sk[i:i + n] == key for i in range(len(sk) - n + 1)):
                if dice >= mine:
                    return True
            elif not set(sk) & words and dice > mine + 0.1:
                return True
        return False

    def part_explains(self, key: Key, tk: Key, mine: float, listed: bool = False) -> bool:
        """Whether a shorter part of the multiword ``key`` explains ``tk`` better: then ``tk``
        translates that part ("Millennium" → «тысячелетие»), not the whole term. ``listed``:
        the term base has the term, whose rendering may be found from a word of it («examen»
        for "Review Conference", cited «Conferencia de Examen» as listed), so only the usual
        margin applies."""
        n = len(key)
        # a one-word target a part explains as well as the whole translates the part: the
        # other words are not rendered ("poverty alleviation" is no «нищета», which "poverty"
        # says in more units); a part seen only inside the term ("York") ties, not beats;
        # bar a rest that adds nothing a nominalised adjective does not say ("young people":
        # «jeunes», «молодежь»)
        one_word = len(tk) == 1 and not listed
        for m in range(1, n):
            for i in range(n - m + 1):
                sub = key[i:i + m]
                strict = one_word and not set(key[:i] + key[i + m:]) <= _LIGHT_HEADS
                if sub in self.src and self.dice(sub, tk) > mine + (0.0 if strict
                                                                     else PART_MARGIN):
                    return True
        return False

    def word_source(self, word: str) -> tuple[str, float] | None:
        """The source word that the document's own usage ties target ``word`` to: the single
        source word in the most of its units by Dice, seen with it in at least
        :data:`TIE_UNITS` units and at :data:`TIE_DICE` or more; None where none is."""
        if word not in self._word_source:
            tk = (word,)
            self._word_source[word] = _tie(self.tgt[tk].units, self.tgt_units(tk),
                                           self.src_unit_keys, self.src, self.src_units) \
                if tk in self.tgt and self.tgt[tk].n_units >= TIE_UNITS else None
        return self._word_source[word]

    def renders_any(self, tk: Key, words: Container[str]) -> bool:
        """Whether a word of target ``tk`` is tied to one of the source ``words`` (its
        :meth:`word_source`): the target says something of them."""
        return any((t := self.word_source(w)) is not None and t[0] in words for w in tk)

    def target_tie(self, word: str) -> str | None:
        """The target word the document's own usage ties source ``word`` to (the mirror of
        :meth:`word_source`); None where none is."""
        if word not in self._target_tie:
            sk = (word,)
            tie = _tie(self.src[sk].units, self.src_units(sk), self.tgt_unit_keys, self.tgt,
                       self.tgt_units, by_word=True) \
                if sk in self.src and self.src[sk].n_units >= TIE_UNITS else None
            self._target_tie[word] = tie[0] if tie else None
        return self._target_tie[word]

    def said_beside(self, key: Key, tk: Key, stop: Container[str]) -> bool:
        """Whether the content words of target ``tk`` are the document's translations of source
        words beside the term rather than in it: each word the text ties to a source word
        (:meth:`word_source`) is tied to one that every unit of the pair has and that the
        term lacks, and to no word of the term nearly as strongly; a word tied to nothing
        («вопросы») decides nothing. Two units that say "the Review Conference of the Parties
        to the Non-Proliferation Treaty" pair "Review Conference" with «Договор о
        нераспространении» by co-occurrence alone; «договор» and «нераспространение» are
        what "Treaty" and "Non-Proliferation" say in the rest of the text."""
        units = self.src_units(key) & self.tgt_units(tk)
        ties = [(w, tie) for w in tk if w not in stop
                for tie in [self.word_source(w)] if tie is not None]
        return bool(units) and bool(ties) and all(
            tie[0] not in key and units <= self.src_units((tie[0],))
            and not self._term_ties(key, w, tie[1]) for w, tie in ties)

    def rendered_beside(self, key: Key, word: str, units: frozenset[int],
                        stop: Container[str]) -> bool:
        """Whether target ``word`` renders a source word that stands beside term ``key`` in
        each of ``units`` and is not in the term (nor part of a hyphenated word of it): the
        two are each other's strongest tie (:meth:`word_source`, :meth:`target_tie`) at
        :data:`TIE_LEFT_OUT` or more, no word of the term has ``word`` as its own tie, and
        none is tied to it nearly as strongly (:meth:`_term_ties`). ``stop``: the source
        language's connectors."""
        tie = self.word_source(word)
        if tie is None or tie[1] < TIE_LEFT_OUT or any(tie[0] in k.split("-") for k in key):
            return False
        if any(self.target_tie(k) == word for k in key if k not in stop):
            return False
        return (self.target_tie(tie[0]) == word and units <= self.src_units((tie[0],))
                and not self._term_ties(key, word, tie[1]))

    def _term_ties(self, key: Key, word: str, strength: float) -> bool:
        """Whether a word of source term ``key`` is tied to target ``word`` nearly as strongly
        as ``strength`` (Dice), or has it in nearly all of its units ("organization" and
        «организация», which "Nations" ties more strongly through the Organization's name)."""
        t_units = self.tgt_units((word,))
        for kw in set(key):
            if (kw,) not in self.src:
                continue
            s = self.src_units((kw,))
            m = len(s & t_units)
            if 2 * m / (len(s) + len(t_units)) >= TIE_RIVAL * strength or (
                    m >= TIE_UNITS and m >= TIE_COVER * len(s)):
                return True
        return False

    def strong_low_count(self, key: Key, tk: Key) -> bool:
        """Evidence for a pair seen in only a few units: the target is in most of the source
        term's units, the Dice is high, and no other source candidate explains the target
        clearly better: "Eastern -> меры" loses to "measures"."""
        s_units, t_units = self.src_units(key), self.tgt_units(tk)
        n = len(s_units & t_units)
        dice = 2 * n / (len(s_units) + len(t_units))
        if n / len(s_units) < LOW_COVERAGE or dice < LOW_DICE:
            return False
        return not self.outbid(key, dice, tk)

    def extend(self, key: Key, tk: Key, co: dict[Key, int]) -> Key:
        """The longest target holding ``tk`` that is in most of the units ``tk`` shares with
        the source term: the whole name rather than a fragment of it."""
        base = co[tk]
        n = len(tk)
        best = tk
        for ak, m in co.items():
            if len(ak) <= len(best) or m < EXTEND_SHARE * base or m < MIN_UNITS:
                continue
            if not any(ak[i:i + n] == tk for i in range(len(ak) - n + 1)):
                continue
            if 2 * self.tgt[ak].gapped > self.tgt[ak].freq >= 2 * self.tgt[tk].gapped:
                continue  # «правило [37] правил процедуры» says more than "rules of procedure"
            if ak[:n] != tk and self.new_head is not None and self.new_head(ak, tk):
                continue  # «участники Договора ...» are the Treaty's parties, not the Treaty
            if self.names_another_term(key, ak, co):
                continue
            if verb_phrase(self.tgt[ak], self.tgt_lang):
                continue  # «promouvoir la gestion durable des forêts»: the verb is the sentence's
            if self.outbid(key, 2 * m / (len(self.src[key].units) + len(self.tgt[ak].units)), ak,
                           longer=True):
                continue
            best = ak
        return self.finish_name(key, best)

    def finish_name(self, key: Key, tk: Key) -> Key:
        """A target cut inside a name that the source term says itself, finished: «Совет
        Безопасности Организации» for "United Nations Security Council" goes on «Объединенных
        Наций», the main target of "United Nations", whose words the term has. (The whole is
        in fewer units than the cut when the text sometimes writes «ООН»; see :meth:`extend`.)
        Kept cut where the whole is in under half of the cut's units."""
        words = set(key)
        units = self.src_units(key)
        cut = len(units & self.tgt_units(tk))
        for i in range(1, len(tk)):
            tail = tk[i:]
            for f in self._main_first.get(tail[0], ()):
                if len(f) <= len(tail) or f[:len(tail)] != tail or not any(
                        set(sk) <= words for sk in self.main_src.get(f, ())):
                    continue
                whole = tk + f[len(tail):]
                if whole in self.tgt and 2 * len(units & self.tgt_units(whole)) >= cut:
                    return whole
        return tk


def _tie(units: Sequence[int], mine: frozenset[int], unit_keys: list[list[Key]],
         cands: dict[Key, Candidate], units_of: Callable[[Key], frozenset[int]],
         by_word: bool = False) -> tuple[str, float] | None:
    """The single word of the other side in the most of ``units`` by Dice (see
    :meth:`Links.word_source`): gathered on a sample of :data:`TIE_SAMPLE` units, the most
    frequent of them then counted exactly."""
    co: Counter[str] = Counter()
    for u in sample(units, TIE_SAMPLE):
        co.update(k[0] for k in unit_keys[u] if len(k) == 1)
    exact = len(units) > TIE_SAMPLE
    best: tuple[float, str] | None = None
    for w, m in co.most_common(TIE_CANDIDATES) if exact else co.items():
        if exact:
            m = len(units_of((w,)) & mine)
        d = 2 * m / (cands[(w,)].n_units + len(units))
        # equally strong ties: the first met, or with ``by_word`` the word last in order
        if m >= TIE_UNITS and d >= TIE_DICE and (
                best is None or d > best[0] or (by_word and d == best[0] and w > best[1])):
            best = (d, w)
    return (best[1], best[0]) if best else None


def llr(k11: int, n_src: int, n_tgt: int, total: int) -> float:
    """Dunning's G² for the co-occurrence of two items in ``k11`` of ``total`` units: whether
    their association is more than chance, whatever their frequencies."""
    k12, k21 = n_src - k11, n_tgt - k11
    k22 = total - n_src - n_tgt + k11
    cells = ((k11, n_src, n_tgt), (k12, n_src, total - n_tgt), (k21, total - n_src, n_tgt),
             (k22, total - n_src, total - n_tgt))
    g2 = 0.0
    for k, row, col in cells:
        if k > 0 and row > 0 and col > 0:
            g2 += k * math.log(k * total / (row * col))
    return 2.0 * g2 if k11 * total > n_src * n_tgt else 0.0


def _parts(key: Key) -> frozenset[str]:
    """The words of ``key``, hyphenated ones split («государство-участник»: «государство»,
    «участник»)."""
    return frozenset(p for w in key for p in w.split("-") if p)


def _says_nothing_new(ak: Key, parts: list[frozenset[str]], used: frozenset[str]) -> bool:
    """Whether target ``ak`` can be no variant beside the renderings found so far (the main
    target and the variants; ``parts``: the words of each, see :func:`_parts`; ``used``: all
    of them): it is a fragment of them («государства» of «государства-участники»), or one
    word that one of them already holds. A phrase that differs from one of them in a word is
    a variant («негосударственные некоммерческие организации» beside «неправительственные
    организации»): the words it shares are no reason to drop it; nor is a rendering's own
    words spelled apart («государства -- члены»)."""
    words = _parts(ak)
    if words in parts:
        return False
    return words <= used or (len(ak) == 1 and bool(words & used))


#: articles that follow a French or Spanish verb or preposition, never a term's head noun
_ARTICLES_AFTER_HEAD = {
    "fr": frozenset({"le", "la", "les", "un", "une"}),
    "es": frozenset({"el", "la", "los", "las", "lo", "un", "una", "unos", "unas"}),
}


#: auxiliary verb forms, which open no French or Spanish term («ai nommé» for "wish to inform")
_AUXILIARIES = {
    "fr": frozenset({"ai", "as", "a", "avons", "avez", "ont", "suis", "es", "est", "sommes",
                     "êtes", "sont", "été", "avait", "était"}),
    "es": frozenset({"he", "has", "ha", "hemos", "han", "es", "son", "fue", "fueron", "era",
                     "está", "están"}),
}


#: the four directions as the names of places write them ("North Kivu", «Южное Киву», «Kivu
#: du Nord»): Russian by the start of the lemma, English by the start of the word, French and
#: Spanish by whole words (their "est", "este" are verbs and pronouns too)
_COMPASS: dict[str, tuple[tuple[str, ...], ...]] = {
    "en": (("north",), ("south",), ("east",), ("west",)),
    "ru": (("север",), ("юж", "юг"), ("восто",), ("запад",)),
}
_COMPASS_WORDS: dict[str, tuple[frozenset[str], ...]] = {
    "fr": (frozenset({"nord", "septentrional", "septentrionale"}),
           frozenset({"sud", "méridional", "méridionale"}),
           frozenset({"oriental", "orientale", "orientaux", "orientales"}),
           frozenset({"ouest", "occidental", "occidentale", "occidentaux", "occidentales"})),
    "es": (frozenset({"norte", "septentrional"}), frozenset({"sur", "meridional"}),
           frozenset({"oriental", "orientales"}),
           frozenset({"oeste", "occidental", "occidentales"})),
}


def _directions(key: Key, lang: str) -> frozenset[int]:
    """The directions (0 north, 1 south, 2 east, 3 west) the words of ``key`` name."""
    lang = base(lang)
    if lang in _COMPASS:
        return frozenset(d for d, starts in enumerate(_COMPASS[lang])
                         for w in key if w.startswith(starts))
    return frozenset(d for d, names in enumerate(_COMPASS_WORDS.get(lang, ()))
                     for w in key if w in names)


def compass_clash(key: Key, tk: Key, src_lang: str, tgt_lang: str) -> bool:
    """Whether the source names a direction and the target only another: "North Kivu" is no
    «Южное Киву», though the text names both provinces in the same sentences."""
    src = _directions(key, src_lang)
    if not src:
        return False
    tgt = _directions(tk, tgt_lang)
    return bool(tgt) and not src & tgt


def verb_phrase(c: Candidate, lang: str) -> bool:
    """Whether a French or Spanish target opens with a verb (or a preposition): its second
    word, as the text commonly writes it, is an article («menacer la paix et la sécurité
    internationales» for "threat to international peace and security", «promover la
    igualdad», «ai l'honneur»), or its first an auxiliary («ai nommé»). A noun phrase's head
    noun takes its complement through a preposition, never an article; the idiom that does
    («alto el fuego») is a term base rendering, which no such test overrules."""
    arts = _ARTICLES_AFTER_HEAD.get(base(lang))
    if arts is None or not c.surfaces:
        return False
    words = c.surfaces.most_common(1)[0][0].lower().split()
    if len(words) < 2:
        return False
    if words[0] in _AUXILIARIES[base(lang)]:
        return True
    second = words[1]
    return ((second in arts and len(words) > 2)
            or (second.startswith(("l'", "l’")) and len(second) > 2))


def _lone_word(key: Key, ak: Key, main: Key, links: Links) -> bool:
    """A one-word target is no variant of a term of several words rendered in several words:
    it says one of them («genre» for "gender equality", main «égalité des sexes»). An
    acronym, written in capitals, is («ЯО» for "nuclear weapons")."""
    if len(key) < 2 or len(main) < 2 or len(ak) != 1:
        return False
    written = links.tgt[ak].surfaces.most_common(1)
    return not (written and written[0][0].isupper())


def _cut(ak: Key, n: int, co: Counter[Key]) -> bool:
    """Whether target ``ak`` is cut out of a longer one that holds it in :data:`EXTEND_SHARE`
    of its ``n`` residual units (``co``: counts over those units): «Programme des Nations
    Unies» of «Programme des Nations Unies pour l'environnement» for "UNEP". Where the whole
    is the variant it goes to the term that explains it better (the English name), and the
    fragment is no rendering of anything."""
    m = len(ak)
    return any(len(bk) > m and c >= EXTEND_SHARE * n
               and any(bk[i:i + m] == ak for i in range(len(bk) - m + 1))
               for bk, c in co.items())


def _best_variant(key: Key, residual: set[int], explained: set[int], renderings: list[Key],
                  links: Links, known: Container[Key], total: int) -> tuple[float, int, Key] | None:
    co: Counter[Key] = Counter()
    for u in sample(sorted(residual)):
        co.update(links.tgt_unit_keys[u])
    s_units = links.src_units(key)
    parts = [_parts(r) for r in renderings]  # once per call, not once per target
    used = frozenset().union(*parts)
    best: tuple[float, int, Key] | None = None
    for ak, n_co in co.items():
        if _says_nothing_new(ak, parts, used) or _lone_word(key, ak, renderings[0], links):
            continue
        n = len(links.tgt_units(ak) & residual) if len(residual) > SAMPLE else n_co
        if ak not in known and (n < VARIANT_UNITS or n / len(residual) < VARIANT_SHARE):
            continue
        # a term base rendering is whole whatever the text puts round it (``_cut`` reads the
        # counts over the sampled units, as ``co`` holds them)
        if ak not in known and (_cut(ak, n_co, co) or verb_phrase(links.tgt[ak], links.tgt_lang)):
            continue
        t_units = links.tgt_units(ak)
        outside = len(t_units - explained)
        dice = 2 * n / (len(residual) + outside)
        if ak not in known and llr(n, len(residual), outside, total - len(explained)) < MIN_LLR:
            continue
        if ak in known:
            dice += 0.3
        if dice < VARIANT_DICE or (best is not None and (dice, len(ak)) <= (best[0], len(best[2]))):
            continue
        # the rivals are judged on the whole text: a rare target that happens to sit in two
        # residual units ("Ваше имя" beside "letter dated") belongs to the term it translates
        whole = 2 * len(t_units & s_units) / (len(s_units) + len(t_units))
        if ak not in known and links.outbid(key, whole, ak, longer=True):
            continue
        best = (dice, n, ak)
    return best


def variants(key: Key, tk: Key, main_units: frozenset[int], links: Links, known: Container[Key],
             total: int) -> list[tuple[Key, int]]:
    """Other renderings of a source term: the target n-gram that best explains the units where
    the source term occurs but the main target does not (Dice restricted to those units, with a
    G² significance test; a term base equivalent counts as evidence, enough on its own for one
    unit), repeated on what is left; a target that another source term explains better is not a
    variant of this one, nor is a fragment of a rendering already found (see
    :func:`_says_nothing_new`). A target's units that the main target already explains do not count
    against it, so a text that says "США" and "Соединённые Штаты" side by side still yields the
    variant."""
    s_units = links.src_units(key)
    residual = set(s_units - main_units)
    explained = set(main_units)
    found: list[tuple[Key, int]] = []
    renderings = [tk]
    while residual and len(found) < MAX_VARIANTS:
        best = _best_variant(key, residual, explained, renderings, links, known, total)
        if best is None:
            break
        _, n, ak = best
        found.append((ak, n))
        renderings.append(ak)
        t_units = links.tgt_units(ak)
        residual -= t_units
        explained |= t_units & s_units
    return found
