"""Terminology rules: key terms not translated as the glossary says, forbidden terms used,
and one source term translated with several approved variants across the document."""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from parley.glossary.findings import Finding, finding_id
from parley.glossary.morph import (
    _TOKEN,
    get_lemmatizer,
    has_morphology,
    head_first,
    stopwords,
    zipf,
)
from parley.glossary.qa.base import (
    COORDINATORS,
    MATCH_TYPES,
    WORD,
    QAContext,
    TermSpec,
    Token,
    bad_terms,
    find_derived,
    find_expansion,
    find_glued,
    find_initialism,
    find_term,
    initialisms,
    register,
    word_match,
)
from parley.glossary.qa.lexical import MAX_UNITS, SLIP, VARIANT, DocLexicon, src_keys, tgt_key
from parley.glossary.qa.slips import (
    Pair,
    Substitution,
    agreement_substitution,
    anchor_substitution,
    broken,
    cognate,
    cross_substitution,
    gender_form,
    house_variant,
    learn_contexts,
    misspelt,
    number_substitution,
    rare_substitution,
    renamed_substitution,
    sentence_start,
    slot_substitution,
    substitutions,
)

#: words allowed between the words of a multiword target term (see base._gap_ok)
TARGET_GAP = 3


@dataclass(frozen=True)
class TermUse:
    """A glossary term found in one source segment, and what the target made of it.

    ``spans`` are the source occurrences, ``tgt_spans`` the approved renderings found in the
    target; a unit with the term twice and one rendering replaced has fewer of the second.
    """

    unit: int
    spec: TermSpec
    spans: tuple[tuple[int, int], ...]
    level: int
    used: tuple[str, ...]  # approved target terms found in the target
    tgt_spans: tuple[tuple[int, int], ...]
    #: where a rendering found split or reordered stands («Конференции 2010 года участников
    #: Договора ... по рассмотрению действия»): its ``tgt_spans`` entry is (0, 0), as its words
    #: are not one span, but no near-rendering may be read inside it
    bag: tuple[int, int] | None = None

    @property
    def taken(self) -> tuple[tuple[int, int], ...]:
        """The target spans the term's renderings hold."""
        return self.tgt_spans + ((self.bag,) if self.bag else ())

    @property
    def missing(self) -> int:
        """Source occurrences without an approved rendering in the target."""
        return max(0, len(self.spans) - len(self.tgt_spans))


@dataclass
class TermScan:
    """What one pass over the units gives the term rules, so no rule walks the units again:
    the uses in units where an occurrence lacks an approved rendering (every use, with
    ``keep_all``), per source term its rendering rate and how often each approved
    rendering stands alone, and which glossary source terms occur at all (also inside a
    longer term). Memory grows with the missed occurrences, not with the units."""

    uses: list[TermUse]
    seen: set[str]
    #: per source term: occurrences with an approved rendering, and all occurrences
    rates: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: per source term with several approved renderings: units using one of them alone, by
    #: rendering (in order of first use)
    alone: dict[str, Counter[str]] = field(default_factory=dict)
    keep_all: bool = False
    #: per source term with a one-word rendering: the target words seen either side of its
    #: renderings (lemmas), which locate the word that took its place in a unit without it
    contexts: dict[str, Counter[tuple[str, str]]] = field(default_factory=dict)


def _merge(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Distinct target occurrences: overlapping spans (two variants found at one place, or
    an abbreviation inside a longer match) count once."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(set(spans)):
        if out and a < out[-1][1]:
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return tuple(out)


def _bag_match(words: tuple[Token, ...], tokens: tuple[Token, ...], text: str, lang: str,
               ) -> tuple[int, int] | None:
    """Every word of a multiword target term close together but reordered or split: Russian
    reorders a term around a participle ("по сформулированным в Декларации тысячелетия целям
    в области развития") and splits one with a year ("Конференции 2015 года по рассмотрению
    действия"). Words in order and close together that :func:`find_term` refused are another
    term ("Совет по безопасности"), so they do not count; nor do words scattered over the
    segment. Counts as one rendering; returns where its words stand (first to last), or None."""
    if len(words) < 2:
        return None
    # a capital inside the rendering is a name's («система Организации Объединенных Наций»):
    # a lower-case word is not that word moved («организациям системы Учреждения ...»)
    at = [[j for j, t in enumerate(tokens) if word_match(w, t, lang, loose=True) is not None
           and (k == 0 or t.upper or not w.upper)]
          for k, w in enumerate(words)]
    if not all(at):
        return None
    for first in at[0]:
        for window in (len(words) + 3, len(words) + 11):
            pos = [first]
            for cands in at[1:]:
                near = [j for j in cands if abs(j - first) <= window and j not in pos]
                if not near:
                    break
                pos.append(min(near, key=lambda j: abs(j - pos[-1])))
            if len(pos) < len(words):
                continue
            if not all(a < b for a, b in itertools.pairwise(pos)):
                lo, hi = min(pos), max(pos)
                between = text[tokens[lo].end:tokens[hi].start]
                # a two-word rendering reordered has its words side by side: one word
                # between them is another phrase («Главного секретаря представить
                # Генеральной Ассамблее»)
                slack = len(words) if len(words) > 2 else 1
                # a conjunction between them joins two phrases («Секретариатом Организации
                # Объединенных Наций и организациями системы»)
                # nor does a finite verb («от имени Генерального секретаря выступил
                # заместитель»: two phrases, the second «заместитель Главного секретаря»)
                if (hi - lo <= slack and not re.search(r"[,;:.()«»<>\"]", between)
                        and not any(t.low in COORDINATORS for t in tokens[lo:hi])
                        and not _verb_between(tokens, lo, hi, pos, lang)):
                    return tokens[lo].start, tokens[hi].end  # reordered inside one phrase
                continue
            # in order but apart: only a number between ("Конференции 2015 года ... по
            # рассмотрению действия") keeps them one term, inside one phrase (no punctuation:
            # «Социального Совета в 2015 году члены ..., Комиссии по ... развитию» is none)
            if any(b - a > TARGET_GAP + 1 and any(t.low.isdigit() for t in tokens[a:b])
                   and not re.search(r"[,;:.()«»<>\"]", text[tokens[a].end:tokens[b].start])
                   for a, b in itertools.pairwise(pos)):
                return tokens[pos[0]].start, tokens[pos[-1]].end
    return None


def _verb_between(tokens: tuple[Token, ...], lo: int, hi: int, pos: list[int], lang: str) -> bool:
    """Whether a word between ``lo`` and ``hi`` that is none of the rendering's (at ``pos``)
    is a finite verb: it ends one phrase and starts another."""
    lem = get_lemmatizer(lang)
    return any(lem.pos(tokens[j].low) == "VERB" for j in range(lo + 1, hi) if j not in pos)


def _renderings(spec: TermSpec, text: str, tgt: tuple[Token, ...], lang: str, need: int,
                *, spelled: bool = False,
                ) -> tuple[list[str], list[tuple[int, int]], tuple[int, int] | None]:
    """Approved target terms found in the target and where; the other ways of writing them
    are only looked for while fewer than ``need`` (the source occurrences) are found.
    ``spelled``: the source spells every occurrence out with its abbreviation after it
    ("World Health Organization (WHO)"), so the target's abbreviation renders that one and
    the name must be there written out («Всемирной организации здравоохранения (ВОЗ)»). The
    third value: where a rendering split or reordered stands (see :func:`_bag_match`), whose
    place is no rendering's but whose words are the term's."""
    used: list[str] = []
    tspans: list[tuple[int, int]] = []
    spelled = spelled and not all(t.isupper() for t, _ in spec.approved)
    # «ВОЗ» listed as a rendering: the source's "(WHO)" has it, so it renders not the name,
    # not even glued or derived
    listed = [(t, words) for t, words in spec.approved if not (spelled and t.isupper())]
    for t, words in listed:
        found = find_term(words, tgt, lang, max_gap=TARGET_GAP, loose=True)
        if found:
            if t not in used:
                used.append(t)
            tspans.extend((a, b) for a, b, _ in found)
    # the same term as an abbreviation ("ООН"), written out, or with a lost hyphen; an
    # abbreviation is only taken as written out when the glossary lists no full form (the full
    # form must then be the listed one: "Организации Объединенных Народов" is not "ООН")
    full = any(len(words) > 1 for _, words in spec.approved)
    for t, words in listed:
        if len(_merge(tspans)) >= need:
            break
        alt = ((None if spelled else find_initialism(initialisms(t, lang), text, tgt))
               or ([] if full else find_expansion(t, text, tgt))
               or find_glued(words, tgt, lang)
               # an abbreviation derives no adjective: «ONU» is not in «ONUDI», UNIDO's
               or ([] if t.isupper() else find_derived(words, tgt, lang)))
        if alt:
            if t not in used:
                used.append(t)
            tspans.extend(alt)
    if not used:
        for t, words in spec.approved:
            bag = _bag_match(words, tgt, text, lang)
            if bag is not None:
                used.append(t)
                tspans.append((0, 0))
                return used, tspans, bag
    return used, tspans, None


def scan_terms(ctx: QAContext) -> TermScan:
    """Every glossary source term occurrence per unit (computed once, shared by rules).

    A shorter term inside a longer one found in the same place ("human rights" inside
    "Human Rights Council") is skipped: the longer entry decides, unless the extractor
    doubts it (:func:`_doubtful`: its flags are notes, so a junk "use of chemical weapons"
    → «применение химического оружия» hid «химического вооружения» for "chemical weapon").
    Only the terms whose first word has a key in the unit are tried (:meth:`QAContext.candidate_specs`).
    """
    return _scan(ctx, keep_all=False)


def _scan(ctx: QAContext, *, keep_all: bool) -> TermScan:
    name = "term_scan_all" if keep_all else "term_scan"
    cached = ctx.cache.get(name) or (None if keep_all else ctx.cache.get("term_scan_all"))
    if isinstance(cached, TermScan):
        return cached
    scan = TermScan([], set(), keep_all=keep_all)
    if ctx.term_specs:
        for i, u in enumerate(ctx.units):
            if u.source.strip():
                _scan_unit(ctx, i, scan)
    ctx.cache[name] = scan
    return scan


def _tally(scan: TermScan, uses: list[TermUse]) -> None:
    """One unit's uses into the scan's per-term counts; the uses themselves are kept when one
    of them missed its rendering (the key-term rule revisits them) or the scan keeps all."""
    rates, alone = scan.rates, scan.alone
    for use in uses:
        kept, total = rates.get(use.spec.source, (0, 0))
        rates[use.spec.source] = (kept + len(use.spans) - use.missing, total + len(use.spans))
        if len({t for t, _ in use.spec.approved}) > 1 and len(use.used) == 1:
            alone.setdefault(use.spec.source, Counter())[use.used[0]] += 1
    if scan.keep_all or any(use.missing for use in uses):
        scan.uses.extend(uses)


#: words before an English verb ("to support", "will review") and after one ("safeguard the")
_BEFORE_VERB = frozenset({"to", "will", "shall", "should", "may", "must", "can", "would", "could",
                          "not", "also", "further", "we", "they", "i", "please", "and to"})
_AFTER_VERB = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "these", "those",
                         "this", "that", "all", "any", "such", "each", "every"})


def _verb_use(spec: TermSpec, src: tuple[Token, ...], start: int, lang: str) -> bool:
    """A one-word noun term used as an English verb ("to review", "safeguard the
    accomplishments"): another word, not the term."""
    if len(spec.words) != 1 or not lang.lower().startswith("en"):
        return False
    k = next((k for k, t in enumerate(src) if t.start == start), None)
    if k is None:
        return False
    before = src[k - 1].low if k > 0 else ""
    after = src[k + 1].low if k + 1 < len(src) else ""
    return before in _BEFORE_VERB or (after in _AFTER_VERB and not src[k].low.endswith("s"))


def _inside_name(spec: TermSpec, src: tuple[Token, ...], text: str, span: tuple[int, int]) -> bool:
    """A general (lower-case) term inside a capitalised name ("Credentials Committee",
    "Outer Space Activities"): the name has its own translation, which decides."""
    if any(w.upper for w in spec.words):
        return False
    a, b = span
    k = next((k for k, t in enumerate(src) if t.start == a), None)
    m = next((m for m, t in enumerate(src) if t.end == b), None)
    if k is None or m is None or not all(t.upper for t in src[k:m + 1]):
        return False
    if k == 0 and m + 1 < len(src) and not src[m + 1].upper:
        return False  # a capital that only starts the sentence
    # "The Convention entered into force": a sentence's opening word is no name's word
    left = (k > 0 and src[k - 1].upper and not text[src[k - 1].end:a].strip(" ")
            and not (src[k - 1].low in _AFTER_VERB or src[k - 1].low in _OPENERS))
    right = m + 1 < len(src) and src[m + 1].upper and not text[b:src[m + 1].start].strip(" ")
    return bool(left or right) or _listed_name(src, text, k, m)


def _listed_name(src: tuple[Token, ...], text: str, k: int, m: int) -> bool:
    """A capitalised occurrence standing alone between punctuation, one item of a list of
    names ("Customs Administration, National Security, Bank Al-Maghrib"): the name of a
    body (Morocco's «Sûreté nationale»), not the general term."""
    if k == 0 or m + 1 >= len(src):
        return False
    before = text[src[k - 1].end:src[k].start].strip()
    after = text[src[m].end:src[m + 1].start].strip()
    return before in (",", ";", "(") and after in (",", ";", ")")


def in_longer_name(spec: TermSpec, src: tuple[Token, ...], text: str,
                   span: tuple[int, int], *, left_only: bool = False) -> bool:
    """A capitalised term inside a longer capitalised name ("Executive Board" in "Chief
    Executives Board", "Convention against Corruption" in "United Nations Convention against
    Corruption"): the longer name has its own translation, which may reorder or insert. The
    entry or the occurrence may write the capitals ("States parties" in "Group of
    Non-Aligned States Parties").
    ``left_only``: only names that add words before the term; words after it ("United Nations
    Office", "Security Council Committee") make the head of a Russian name that keeps the
    term's rendering whole as its genitive («Отделение Организации Объединенных Наций»)."""
    a, b = span
    k = next((k for k, t in enumerate(src) if t.start == a), None)
    m = next((m for m, t in enumerate(src) if t.end == b), None)
    if k is None or m is None:
        return False
    if not all(w.upper for w in spec.words) and not all(t.upper for t in src[k:m + 1]):
        return False
    # "The United Nations ...", "2. Encourages Member States", "(a) In United Nations
    # country teams": no name's word
    left = (k > 0 and src[k - 1].upper and not text[src[k - 1].end:a].strip(" ")
            and src[k - 1].low not in _AFTER_VERB and src[k - 1].low not in _OPENERS
            and not _LIST_START.fullmatch(text[:src[k - 1].start])
            and text[:src[k - 1].start].rstrip()[-1:] not in ".:;!?")
    right = m + 1 < len(src) and src[m + 1].upper and not text[b:src[m + 1].start].strip(" ")
    return bool(left or (right and not left_only))


#: function words that open a sentence or a list item, never a name ("In United Nations
#: country teams", "For Member States")
_OPENERS = frozenset({"in", "for", "on", "at", "by", "with", "from", "to", "of", "and", "or",
                      "as", "under", "through", "within", "among", "between", "since", "during",
                      "after", "before", "upon", "into", "if", "when", "while", "where",
                      "although", "both", "other", "all", "most", "many", "some", "several"})

#: what may stand before the first word of a sentence: list numbers and letters ("2.", "(a)")
_LIST_START = re.compile(r"\s*(?:\(?\w{1,4}[.)]\s*)*")

#: English words that may follow a term without making it a modifier of the next word
_AFTER_TERM = frozenset({"of", "and", "or", "the", "in", "to", "for", "on", "with", "by", "at",
                         "from", "as", "is", "are", "was", "were", "be", "been", "that", "which",
                         "who", "whose", "have", "has", "had", "will", "would", "shall", "should",
                         "may", "can", "could", "must", "not", "into", "under", "through",
                         "within", "without", "against", "between", "among", "during", "since",
                         "including", "such", "than", "also", "its", "their", "this", "these",
                         # prepositions and conjunctions: "terrorist groups like ISIL"
                         "like", "unlike", "about", "over", "per", "via", "upon", "across",
                         "before", "after", "beyond", "toward", "towards", "throughout", "until",
                         "while", "whereas", "when", "where", "if", "but", "nor", "so", "both",
                         "alike",
                         # adverbs, pronouns, determiners and verbs that are never nouns
                         # ("chemical weapons anywhere"; "remains", "poses" may be, see
                         # _verbs)
                         "anywhere", "everywhere", "elsewhere", "somewhere", "nowhere", "here",
                         "there", "now", "then", "today", "still", "only", "even", "again",
                         "already", "too", "very", "always", "never", "often", "soon", "ever",
                         "just", "thus", "hence", "therefore", "however", "moreover", "yet",
                         "because", "unless", "although", "though", "whether", "once", "it",
                         "they", "we", "he", "she", "them", "us", "him", "her", "our", "his",
                         "your", "my", "all", "any", "each", "every", "some", "no", "either",
                         "neither", "another", "do", "does", "did", "continue", "continues",
                         "constitute", "constitutes", "become", "becomes", "became"})


#: English verbs whose past form does not end in -ed ("the Commission for Social Development
#: held its session"): what the term did, not a noun it modifies
_IRREGULAR_PAST = frozenset({
    "held", "made", "took", "taken", "gave", "given", "met", "led", "sent", "began", "begun",
    "became", "brought", "found", "kept", "left", "paid", "said", "saw", "seen", "told",
    "thought", "won", "went", "gone", "came", "chose", "chosen", "drew", "drawn", "wrote",
    "written", "spoke", "spoken", "knew", "known", "heard", "sought", "taught", "understood",
    "undertook", "undertaken", "set", "put", "built", "laid", "meant", "read", "ran",
    "rose", "risen", "grew", "grown", "showed", "shown", "stood", "fell", "fallen", "felt",
    "got", "had", "did", "done", "was", "were", "been", "forgot", "forgave",
    "withdrew", "withdrawn", "upheld", "overcame", "oversaw", "foresaw", "foreseen",
    # what armed groups did ("armed terrorist groups struck Aleppo")
    "struck", "stricken", "fought", "fled", "stole", "stolen", "threw", "thrown", "sold",
    "bought", "caught", "spent", "lost", "hid", "hidden", "drove", "driven", "shot",
    "blew", "blown", "swore", "sworn", "slew", "slain"})


def attributive(src: tuple[Token, ...], span: tuple[int, int], text: str = "") -> str:
    """The noun the term modifies ("outer space object", or "protection of civilian objects"
    for "protection of civilians"), empty when it modifies none: Russian makes such a term an
    adjective («космический объект») or it is another concept, which the target rightly
    renders otherwise. Punctuation after the term ends its phrase ("plenary meeting, known
    as"), and so does a possessive: "the Secretary-General's firm belief" is his belief,
    which Russian puts in the genitive («уверенности Генерального секретаря»), the term
    whole."""
    m = next((m for m, t in enumerate(src) if t.end == span[1]), None)
    if m is None or m + 1 >= len(src) or _POSSESSIVE.search(src[m].low):
        return ""
    nxt = src[m + 1]
    if text and text[span[1]:nxt.start].strip():
        return ""
    ok = (nxt.low.isalpha() and not nxt.upper and nxt.low not in _AFTER_TERM
          and nxt.low not in _IRREGULAR_PAST and not nxt.low.endswith(("ly", "ed", "ing")))
    return nxt.low if ok else ""


#: a word in the possessive ("Secretary-General's"; the tokenizer keeps the ending on)
_POSSESSIVE = re.compile(r"['’]s$")

#: an abbreviation in brackets right after a name ("(WHO)", "(ADC-ICTY)")
_ABBR_AFTER = re.compile(r"\s*\((?:[A-Z][\w.-]*[A-Z]|[A-Z]{2,})\)")


def _scan_unit(ctx: QAContext, i: int, scan: TermScan) -> None:
    u = ctx.units[i]
    src = ctx.src_tokens(i)
    taken: list[tuple[int, int]] = []
    text = ""
    uses: list[TermUse] = []
    for spec, starts in ctx.candidate_specs(src):
        found = find_term(spec.words, src, ctx.src_lang, starts=starts)
        if not found:
            continue
        scan.seen.add(spec.source)
        text = text or ctx.src_text(i)
        hits = [h for h in found if not any(a <= h[0] and h[1] <= b for a, b in taken)
                and not _verb_use(spec, src, h[0], ctx.src_lang)
                and not _inside_name(spec, src, text, (h[0], h[1]))]
        if not hits:
            continue
        if not _doubtful(spec):  # a doubtful longer entry decides nothing for the one inside
            taken.extend((h[0], h[1]) for h in hits)
        tgt = ctx.tgt_tokens(i)
        used, tspans, bag = _renderings(spec, u.target, tgt, ctx.tgt_lang, len(hits),
                                        spelled=all(_ABBR_AFTER.match(text, h[1]) for h in hits))
        if tspans and any(len(words) == 1 for _, words in spec.approved):
            learn_contexts(scan.contexts.setdefault(spec.source, Counter()), tgt, tspans,
                            ctx.tgt_lang)
        if len(_merge(tspans)) < len(hits):
            # a copy renders the occurrence, but is no approved rendering used (see copied)
            tspans.extend(c for h in hits if (c := copied(text, u.target, h[0], h[1])) is not None)
        uses.append(TermUse(i, spec, tuple((a, b) for a, b, _ in hits),
                            min(h[2] for h in hits), tuple(used), _merge(tspans), bag))
    _tally(scan, uses)


def copied(source: str, target: str, a: int, b: int) -> tuple[int, int] | None:
    """Where the target copies the source term with a word beside it, as written: a title or
    a name left in the source language («<< Impacts of Global Financial Crisis on Social and
    Economic Development in Vietnam >>»). The copy is the occurrence's rendering; a term the
    translator left untranslated alone (no neighbour copied) is not taken for one."""
    before = list(_TOKEN.finditer(source, max(0, a - 40), a))
    after = _TOKEN.search(source, b, b + 40)
    stretches = []
    if before and not source[before[-1].end():a].strip():
        stretches.append(source[before[-1].start():b])
    if after and not source[b:after.start()].strip():
        stretches.append(source[a:after.end()])
    for stretch in stretches:
        pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, stretch.split())) + r"(?!\w)"
        m = re.search(pattern, target, re.IGNORECASE)
        if m is not None:
            return m.span()
    return None


def term_uses(ctx: QAContext) -> list[TermUse]:
    """Every glossary source term occurrence per unit (see :func:`scan_terms`)."""
    return _scan(ctx, keep_all=True).uses


def instead(use: TermUse, text: str, tgt: tuple[Token, ...], lang: str) -> str:
    """What the target has where the expected rendering should be, for the message: the words
    around the part of an approved rendering it does have ("атомного оружия" for "ядерного
    оружия"); empty when none of its words is there."""
    best: tuple[int, int] | None = None
    for _, words in use.spec.approved:
        for j, w in enumerate(words):
            k = next((k for k, t in enumerate(tgt) if word_match(w, t, lang, loose=True) is not None
                      and not any(a <= t.start < b for a, b in use.taken)), None)
            if k is not None and len(w.low) > 2:
                a = max(0, k - j)
                best = (a, min(len(tgt), a + len(words))) if best is None else best
                break
        if best is not None:
            break
    if best is None:
        return ""
    return text[tgt[best[0]].start:tgt[best[1] - 1].end]


#: extracted entries below this confidence give notes only (on un-dev, the extracted entries
#: whose flags were junk — «числа коренных народов» for "indigenous women" — scored 0.49-0.67,
#: a quarter of all entries; sound ones 0.75 and up)
MIN_CONFIDENCE = 0.7
#: ... unless there is evidence of a slip («Исполнительного комитета» for «Исполнительного
#: совета») and the document confirms the entry: its rendering stands at every other
#: occurrence, at least :data:`CONFIRMED` of them. Then entries down to this confidence warn
#: (chosen on the second half of un-dev, where the evidence alone gave 1 true flag in 4: an
#: entry with a stray word, «самоуправление в отдельных районах», and paraphrases of terms
#: seen twice; checked on the first half and WMT21)
MIN_CONFIDENCE_CONFIRMED = 0.55
CONFIRMED = 3

#: the same substitute for one term in this many units is a variant the glossary lacks
#: (a translator's or the house's synonym), not a slip: a note that names it, not a flag
#: (3 -> 2 with issue 13's second round: on clean un-dev, «ядерных установок» for «ядерные
#: объекты» twice and «ведения лесного хозяйства» twice were such habits, flagged as slips)
VARIANT_UNITS = 2
#: ... and in at least one occurrence of the term in this many
VARIANT_SHARE = 5


def _confirmed(use: TermUse, rate: tuple[int, int]) -> bool:
    """The document renders the term as the entry says at every one of its other occurrences,
    and there are at least :data:`CONFIRMED`: the entry's own evidence that it is sound."""
    kept, total = rate
    others = total - len(use.spans)
    return others >= CONFIRMED and kept - (len(use.spans) - use.missing) == others


#: units a document needs before its own word usage is evidence (a short one teaches nothing:
#: every word would look like a translation of nothing)
LEXICON_UNITS = 200


def _body_name(spec: TermSpec) -> bool:
    """A source term of two or more words, every word but short function words capitalised
    ("Programme of Action", "Board of Auditors", "Treaty on the Non-Proliferation of Nuclear
    Weapons"): the name of a body or document. Its rendering is fixed, and the extractor's
    doubtful entries are lower-case phrases («числа коренных народов» for "indigenous women"),
    not names (on un-dev, no clean unit has such a name's rendering with one word replaced)."""
    content = [w for w in spec.words if len(w.low) > 3]
    return len(spec.words) >= 2 and bool(content) and all(w.upper for w in content)


def _doubtful(spec: TermSpec) -> bool:
    """A candidate entry below :data:`MIN_CONFIDENCE`: the extractor itself doubts it."""
    return not spec.sure and spec.confidence is not None and spec.confidence < MIN_CONFIDENCE


def _inner_entry_slip(ctx: QAContext, use: TermUse, sub: Substitution,
                      rates: dict[str, tuple[int, int]]) -> bool:
    """Whether the replaced word is a word of a shorter entry the term contains ("Security
    Council" in "Security Council resolution", "human rights" in "human rights violations")
    that the extractor does not doubt and the document confirms (:data:`CONFIRMED` renderings
    at least, in :data:`RARE_SHARE` of its places): «résolution du Comité de sécurité»,
    «нарушения свобод человека» break that entry's rendering, whatever the doubt about the
    longer one."""
    lem = get_lemmatizer(ctx.tgt_lang)
    expected = lem.lemmas(sub.expected)
    outer = use.spec.words
    for spec in ctx.term_specs:
        inner = spec.words
        n = len(inner)
        if not 0 < n < len(outer) or not any(
                all(_same_word(a, b) for a, b in zip(outer[k:k + n], inner, strict=True))
                for k in range(len(outer) - n + 1)):
            continue
        conf = spec.confidence
        if not spec.sure and (conf is None or conf < MIN_CONFIDENCE):
            continue
        kept, total = rates.get(spec.source, (0, 0))
        if kept < CONFIRMED or kept < RARE_SHARE * total:
            continue
        if any(expected & lem.lemmas(w.low) for _, ws in spec.approved for w in ws):
            return True
    return False


def _holds_flag(use: TermUse, flagged: list[tuple[int, tuple[tuple[int, int], ...]]]) -> bool:
    """Whether another entry inside this one's occurrences is flagged in the same unit: a
    doubted longer entry ("human rights violations") that only notes a slip leaves it to the
    entry it holds ("human rights"), which checks those occurrences too (see
    :func:`scan_terms`); where the longer one flags, the inner one's finding is dropped
    instead: one slip, one finding."""
    return any(unit == use.unit and spans != use.spans and _within(spans, use.spans)
               for unit, spans in flagged)


def _within(inner: tuple[tuple[int, int], ...], outer: tuple[tuple[int, int], ...]) -> bool:
    """Whether every span of ``inner`` lies inside one of ``outer``."""
    return all(any(a <= x and y <= b for a, b in outer) for x, y in inner)


def _same_word(a: Token, b: Token) -> bool:
    """Two words of two entries that are one word: as written, or by a lemma ("weapons" in
    "use of chemical weapons", "weapon" in "chemical weapon")."""
    return a.low == b.low or bool(a.lemmas & b.lemmas)


def _named(text: str, spans: tuple[tuple[int, int], ...]) -> bool:
    """The source writes the term as (part of) a name: every word of an occurrence capitalised
    ("the Working Group on Arbitrary Detention" for "working group", "the Advisory Committee",
    "article 19 of the Convention" inside a sentence), so a capital on the rendering's first
    word is the name's, whatever case the glossary writes it in."""
    for a, b in spans:
        words = [w for w in WORD.findall(text[a:b]) if len(w) > 2]
        if (words and all(w[0].isupper() for w in words)
                and (len(words) >= 2 or not sentence_start(text, a))):
            return True
    return False


@dataclass(frozen=True)
class Excused:
    """A near-rendering of a term that modifies a noun ("technical assistance activities") or
    stands inside a longer name ("Assistant Secretary-General"): no slip if the new word
    translates one of the ``modified`` source words (the noun, the name's word before the
    term), which a rendering of the phrase or name may put in the term's place."""

    sub: Substitution
    modified: tuple[str, ...]
    #: the modified words follow the term (a noun it modifies, not a name's word before it)
    follows: bool = False


def _after_term(src: tuple[Token, ...], span: tuple[int, int],
                terms_at: tuple[tuple[int, int], ...]) -> bool:
    """Whether the source word right before ``span`` belongs to another term of the unit."""
    k = next((k for k, t in enumerate(src) if t.start == span[0]), 0)
    return k > 0 and any(a <= src[k - 1].start < b for a, b in terms_at if (a, b) != span)


def _missed(use: TermUse, sub: Substitution) -> tuple[tuple[int, int], ...]:
    """The source occurrence a near-rendering stands for, when the term occurs more than once:
    the one of the same rank in the source as the near-rendering among the renderings found
    ("the former OPANAL Secretary-General ... the current Secretary-General" with «Генеральный
    секретарь ОПАНАЛ ... нынешний Главный секретарь»: the second). Every occurrence where the
    ranks do not tell."""
    if len(use.spans) == 1:
        return use.spans
    marks = sorted([a for a, b in use.tgt_spans if b > 0] + [sub.at])
    if len(marks) != len(use.spans):
        return use.spans
    return (sorted(use.spans)[marks.index(sub.at)],)


def _explained(sub: Substitution, spans: list[tuple[int, int]]) -> bool:
    """Whether another term of the unit needs the near-rendering's kept words or its new word
    (``spans``: the renderings of the unit's other terms)."""
    return bool((sub.rest and any(a <= sub.rest[0] and sub.rest[1] <= b for a, b in spans))
                or any(a <= sub.at < b for a, b in spans))


def _names(ctx: QAContext) -> frozenset[tuple[str, ...]]:
    """The glossary's renderings that are names of two words or more, every content word
    capitalised («Nations Unies», «Организация Объединенных Наций»), as dictionary forms of
    their content words; built once per check."""
    got = ctx.cache.get("term_names")
    if isinstance(got, frozenset):
        return got
    lem = get_lemmatizer(ctx.tgt_lang)
    stop = stopwords(ctx.tgt_lang)
    names: set[tuple[str, ...]] = set()
    for spec in ctx.term_specs:
        for _, ws in spec.approved:
            content = [w for w in ws if w.low not in stop and len(w.low) > 2]
            if len(content) >= 2 and all(w.upper for w in content):
                names.add(tuple(lem.lemma(w.low) for w in content))
    got = ctx.cache["term_names"] = frozenset(names)
    return got


def _only_a_name_kept(ctx: QAContext, use: TermUse, sub: Substitution) -> bool:
    """Whether the near-rendering keeps nothing of the rendering but another entry's name
    and a function word, and the replaced word is a lower-case one: «entités des Nations
    Unies» for «système des Nations Unies», «учреждений Организации Объединенных Наций» for
    «система Организации Объединенных Наций». The name says which organisation, not which
    term: the term's own word is the one replaced, so a paraphrase of it («entités»,
    «organismes») is as likely as a slip. (A body's name with a word replaced, «Comité de
    sécurité», keeps a lower-case word or replaces a capitalised one, and so does a name's
    office, "President of the General Assembly"; a number pins the new word in its place:
    «постановления 2118 (2013) Совета Безопасности» for "Security Council resolution 2118
    (2013)" is a slip.)"""
    if (sub.pinned or any(c.isdigit() for c in sub.phrase) or sub.expected[:1].isupper()
            or sub.found[:1].isupper() or _body_name(use.spec)):
        return False
    lem = get_lemmatizer(ctx.tgt_lang)
    stop = stopwords(ctx.tgt_lang)
    new = set(WORD.findall(sub.found))
    words = [w for w in WORD.findall(sub.phrase) if w not in new]
    content = [w for w in words if w.lower() not in stop and len(w) > 2]
    if len(content) < 2 or not all(w[:1].isupper() for w in content):
        return False
    return tuple(lem.lemma(w.lower()) for w in content) in _names(ctx)


def _modified_elsewhere(ctx: QAContext, use: TermUse, exc: Excused, lex: DocLexicon) -> bool:
    """For a term modifying a noun ("technical assistance activities") or inside a longer name
    ("Assistant Secretary-General"): whether that word has its own translation elsewhere in
    the unit («мероприятия по оказанию технической содействия», «помощнику Главного
    секретаря») while the new word is none of it, by the document's own usage: then the new
    word stands in the term's slot, a slip. Otherwise it may be that word's translation that
    took the term's place («космическим средствам» for "outer space assets"): no evidence.
    Nor is it, in a language that puts complements after the noun (see
    :func:`parley.glossary.morph.head_first`), where the replaced word stands elsewhere in the
    unit, outside the renderings found: the name was split around the inserted words
    («Groupe des États membres du Mouvement des pays non alignés parties au Traité» for
    "Group of Non-Aligned States Parties to the Treaty"). (Russian keeps such a name whole:
    there the word elsewhere is another phrase's, «государства, не являющиеся участниками»,
    and the rule lost two injected slips of the same name.)"""
    lang = ctx.tgt_lang
    modified = src_keys(" ".join(exc.modified), ctx.src_lang)
    new = tgt_key(exc.sub.found, lang)
    if not modified or lex.linked(new, use.unit).keys() & modified:
        return False
    tokens = ctx.tgt_tokens(use.unit)
    expected = tgt_key(exc.sub.expected, lang)
    if head_first(lang) and any(tgt_key(t.low, lang) == expected for t in tokens
                                if not any(a <= t.start < b for a, b in use.tgt_spans)):
        return False
    return any(t.start != exc.sub.at and lex.translates(tgt_key(t.low, lang), use.unit, modified)
               for t in tokens if t.low.isalpha() and len(t.low) > 2)


def _head_from_elsewhere(ctx: QAContext, use: TermUse, exc: Excused, lex: DocLexicon) -> bool:
    """For a term modifying a noun in a language that puts the head noun first ("criminal
    justice sector", see :func:`parley.glossary.morph.head_first`): whether the noun that
    replaced the rendering's head is this document's translation of a word the unit lacks
    (by its strongest tie, see :meth:`DocLexicon.unbound`): «l'accord de protections
    généralisées» for "the comprehensive safeguards agreement", «protections» tied to
    "protect". French and Spanish keep such a term's rendering whole after the noun it
    modifies («secteur de la justice pénale»), so a new head is no adjective made of the
    term; a word the document ties to nothing («explosion nucléaire» for "nuclear weapon
    detonation", a synonym of the modified word) is no evidence. On un-dev en-fr: 12 more
    injected slips found, no new flag on clean text; Russian, which does make such a term an
    adjective («космическим средствам» for "outer space assets"), is left out."""
    if not exc.follows or not head_first(ctx.tgt_lang):
        return False
    found = exc.sub.found
    return (bool(lex.linked(tgt_key(found, ctx.tgt_lang), use.unit))
            and lex.unbound(found, use.unit, use.spec.source))


def _rivals(ctx: QAContext) -> dict[str, tuple[TermSpec, ...]]:
    """Dictionary form -> the glossary entries with a one-word rendering of that form (not
    an abbreviation), built once per check: the renderings a cross-term slip puts in place
    of another's («Соглашения» of "agreement" for «Договора» of "treaty")."""
    got = ctx.cache.get("term_rivals")
    if isinstance(got, dict):
        return got
    rivals: dict[str, tuple[TermSpec, ...]] = {}
    for spec in ctx.term_specs:
        for t, ws in spec.approved:
            if len(ws) == 1 and not t.isupper():
                for x in ws[0].lemmas:
                    if spec not in rivals.get(x, ()):
                        rivals[x] = (*rivals.get(x, ()), spec)
    ctx.cache["term_rivals"] = rivals
    return rivals


_EN_TOKEN = re.compile(r"[^\W_]+")
#: English words a verb's bare form follows
_MODALS = frozenset({"will", "shall", "should", "may", "must", "can", "cannot", "would", "could"})


#: English words that a noun (or an adjective before one) follows, never a finite verb
_NOUN_BEFORE = frozenset({"the", "a", "an", "this", "these", "those", "its", "their", "our",
                          "his", "her", "such", "any", "each", "every", "of", "for", "on", "in",
                          "with", "by", "from"})


@dataclass(frozen=True)
class _Usage:
    """What the document's English shows of its words' parts of speech."""

    #: words written right after a modal ("will remain"): bare verbs
    bare: frozenset[str]
    #: words written right after a determiner or a preposition ("the goals"): nouns
    nouns: frozenset[str]
    #: every word of the units read
    words: frozenset[str]


def _usage(ctx: QAContext) -> _Usage:
    """:class:`_Usage` read from at most :data:`MAX_UNITS` units, evenly spread, once per
    check."""
    got = ctx.cache.get("en_usage")
    if isinstance(got, _Usage):
        return got
    units = ctx.units
    step = max(1, -(-len(units) // MAX_UNITS))
    bare: set[str] = set()
    nouns: set[str] = set()
    words: set[str] = set()
    for i in range(0, len(units), step):
        ws = _EN_TOKEN.findall(units[i].source.lower())  # a number breaks a pair
        words.update(ws)
        for x, y in itertools.pairwise(ws):
            if x in _MODALS:
                bare.add(y)
            elif x == "to":
                words.add("to " + y)
            elif x in _NOUN_BEFORE:
                nouns.add(y)
    got = ctx.cache["en_usage"] = _Usage(frozenset(bare), frozenset(nouns), frozenset(words))
    return got


def _stems(w: str) -> tuple[str, ...]:
    """A word in -s without that ending ("remains" -> "remain", "reaffirms" -> "reaffirm",
    "notes" -> "note", "not"; "approaches" -> "approach"), none for another word."""
    if not w.endswith("s") or w.endswith("ss"):
        return ()
    return (w[:-1], w[:-2]) if w.endswith("es") else (w[:-1],)


def _noun_forms(w: str) -> tuple[str, ...]:
    """``w`` and its other number ("goals"/"goal", "activities"/"activity")."""
    if w.endswith("ies"):
        return (w, w[:-3] + "y")
    return (w, *_stems(w)) if w.endswith("s") else (w, w + "s", w + "es")


def _verb(use: _Usage, w: str) -> bool:
    """Whether ``w`` is a verb in its third-person form by the document's own usage: it ends
    in -s and the document writes it without that ending after a modal ("the Secretary-General
    remains" where other units say "will remain"), or writes it as a verb otherwise ("indicated",
    "believing", "to reaffirm") but never puts it, in either number, right after a determiner
    or a preposition ("the reports", "of goals": a noun)."""
    stems = _stems(w)
    if any(x in use.bare for x in stems):
        return True
    forms = use.words
    verbal = any(x + "ed" in forms or x + "ing" in forms or "to " + x in forms
                 or (x.endswith("e") and (x + "d" in forms or x[:-1] + "ing" in forms))
                 for x in stems)
    return verbal and not any(f in use.nouns for f in _noun_forms(w))


def _verbs(ctx: QAContext, words: tuple[str, ...]) -> bool:
    """Whether every one of ``words`` is a verb in its third-person form (see :func:`_verb`):
    such a word after a term is what the term does ("the Advisory Committee believes", "the
    Preparatory Committee decides"), not a noun it modifies (see :func:`attributive`)."""
    use = _usage(ctx)
    return bool(words) and all(_verb(use, w) for w in words)


#: other units of the document a word may have and still be rare (see KeyTermRule._rare)
RARE_UNITS = 0
#: ... where the document renders the term as the entry says in at least this share of places
RARE_SHARE = 0.8
#: ... and the word stands at the term's place in the unit, as a share of its length
RARE_GAP = 0.05
#: the same for another name's head word standing for a term written as a name (see
#: KeyTermRule._renamed): a capital mid-sentence is evidence enough for a looser place
NAME_GAP = 0.1
#: ... and for a noun in a number its word hardly takes (see KeyTermRule._odd_number): such a
#: form is evidence enough to look in the term's half of the unit (no gap at all gave no new
#: flag on clean un-dev either; 0.1 found half the injected slips 0.5 finds)
NUMBER_GAP = 0.5


def _general_zipf(word: str, lang: str) -> float | None:
    """The word's general-language frequency (wordfreq's Zipf scale, 0: unknown, ё read as
    е); None for a language wordfreq has no list of (it would read the nearest language's
    list, Russian for Armenian, and say so on stderr)."""
    base = lang.lower().split("-")[0]
    if base not in _wordfreq_languages():
        return None
    return zipf(word.replace("ё", "е"), base)


@functools.lru_cache(maxsize=50_000)
def _unknown_word(word: str, lang: str) -> bool:
    """Whether general-language frequency lists (wordfreq) do not know the word at all; False
    for a language wordfreq has no list of (nothing known, nothing unknown)."""
    return _general_zipf(word, lang) == 0.0


@functools.cache
def _wordfreq_languages() -> frozenset[str]:
    from wordfreq import available_languages

    return frozenset(available_languages())


def _rarer(word: str, spec: TermSpec, lang: str) -> bool:
    """Whether general language uses ``word`` (its dictionary form) at most half as often as
    the entry's commonest one-word rendering (:data:`RARER_ZIPF`): a slip puts a rarer
    near-synonym in the term's place («защищённость» for «безопасность», «демилитаризация»
    for «разоружение»), while a word as common as the rendering that the document happens
    to use nowhere else is one the sentence needed («площади районов», «принять постановление
    Верховной Рады» for "a Resolution of the Parliament"). True where wordfreq has no list
    for the language (nothing to compare)."""
    lem = get_lemmatizer(lang)
    own = _general_zipf(lem.lemma(word.lower()), lang)
    if own is None:
        return True
    top = max((_general_zipf(lem.lemma(ws[0].low), lang) or 0.0
               for _, ws in spec.approved if len(ws) == 1), default=0.0)
    return own <= top - RARER_ZIPF


#: a word used nowhere else stands for the rendering only if general language uses it at most
#: half as often (Zipf is log10; see _rarer). On un-dev cut into 500-unit documents it took
#: away 4 of the rule's 6 flags there, all false; on the 2,000-unit halves no flag changed and
#: 3 of 3,200 injected slips were lost («экстремизма» for «терроризма», 0.27 rarer)
RARER_ZIPF = 0.3


def _outside(sub: Substitution | None, spans: list[tuple[int, int]]) -> Substitution | None:
    """``sub`` unless its new word stands inside a rendering another term of the unit needs
    (``spans``): that word is the other term's, not a stand-in for this one."""
    if sub is None or any(a <= sub.at < b for a, b in spans):
        return None
    return sub


def _stems_in(spec: TermSpec, src: tuple[Token, ...], lang: str) -> bool:
    """Whether the source has the term, or a word of each of its words' stems: an entry's
    source term in another derivation ("treaty negotiators" for "negotiations") brings its
    rendering («участников переговоров») as rightly as the term itself would."""
    if find_term(spec.words, src, lang):
        return True
    stems = {t.stem for t in src}
    content = [w for w in spec.words if len(w.low) > 2]
    return bool(content) and all(w.stem in stems for w in content)


def _in_source(ctx: QAContext, unit: int, word: str) -> bool:
    """Whether the source of ``unit`` has ``word`` as written (a name copied)."""
    low = word.lower()
    return any(t.low == low for t in ctx.src_tokens(unit))


def _at_terms_place(ctx: QAContext, use: TermUse, t: Token, gap: float) -> bool:
    """Whether target word ``t`` stands where the term stands in the source, as a share of
    each side's length, within ``gap``."""
    n_src = max(1, len(ctx.src_text(use.unit)))
    n_tgt = max(1, len(ctx.units[use.unit].target))
    return any(abs(a / n_src - t.start / n_tgt) <= gap for a, _ in use.spans)


def _one_word(spec: TermSpec, sub: Substitution) -> bool:
    """Whether ``sub`` replaces a one-word rendering. In a language with no morphological
    analyser (see :func:`has_morphology`), nothing tells which neighbour stands for such a
    rendering (no part of speech, no agreement, no case): on clean un-dev en-fr every such
    flag was false, «le Président de» for "Iraq" (the target writes «iraquien»), «le rendement
    global» for "Mali", «la logique en» for "security" (20 of 126 flags, none true), and
    «autorités bissau-guinéennes» for a part of «Guinée-Bissau». (A misspelling of the word is
    evidence all the same, and so is a word a number after the term or the kept parts of a
    hyphenated rendering pin (``Substitution.pinned``): the caller keeps them.)"""
    singles = {ws[0].low for _, ws in spec.approved if len(ws) == 1}
    return sub.expected in singles or any(sub.expected in w.split("-") for w in singles)


def _times(n: int) -> str:
    """"once", "2 times": a message a translator reads as English."""
    return "once" if n == 1 else f"{n} times"


def _neighbours_in_unit(uses: list[TermUse]) -> tuple[dict[int, list[tuple[int, int]]],
                                                       dict[int, list[Pair]],
                                                       dict[int, tuple[tuple[int, int], ...]]]:
    """Per unit, what its other terms tell about a missed one: the renderings they need (more
    renderings than source occurrences, «оружия» twice for "weapons" once, leave it unknown
    which one is that term's, so none of them excuses a near-rendering); each one-occurrence
    term's source and target place; where every term stands in the source (a word of another
    term is no word of a longer name: "United Nations Security Council")."""
    others: dict[int, list[tuple[int, int]]] = {}
    pairs: dict[int, list[Pair]] = {}
    terms_at: dict[int, tuple[tuple[int, int], ...]] = {}
    for use in uses:
        if len(use.tgt_spans) <= len(use.spans):
            others.setdefault(use.unit, []).extend(use.taken)
        if len(use.spans) == 1 and len(use.tgt_spans) == 1 and use.tgt_spans[0][1] > 0:
            pairs.setdefault(use.unit, []).append((use.spans[0], use.tgt_spans[0]))
        terms_at[use.unit] = terms_at.get(use.unit, ()) + use.spans
    return others, pairs, terms_at


class KeyTermRule:
    id = "key-term"
    group = "terms"
    severity = "error"
    description = ("a glossary term in the source is not translated with an approved target term "
                   "(checked per occurrence)")

    def check(self, ctx: QAContext) -> Iterable[Finding]:
        from parley.glossary.qa.length import incomplete

        scan = scan_terms(ctx)
        uses, contexts = scan.uses, scan.contexts
        rates = scan.rates
        misses: list[tuple[TermUse, Substitution | Excused | None]] = []
        others, pairs, terms_at = _neighbours_in_unit(uses)
        for use in uses:
            u = ctx.units[use.unit]
            if not use.missing or not u.target.strip() or incomplete(ctx, use.unit):
                continue
            misses.append((use, self._evidence(ctx, use, contexts.get(use.spec.source),
                                               others.get(use.unit, []),
                                               tuple(pairs.get(use.unit, ())),
                                               terms_at.get(use.unit, ()))))
        # the document's word association, built once and only if a long document asks
        lexicon = functools.cache(lambda: DocLexicon(ctx.units, ctx.src_lang, ctx.tgt_lang))
        found: list[tuple[TermUse, Substitution | None]] = []
        long_doc = len(ctx.units) >= LEXICON_UNITS
        for use, got in misses:
            if isinstance(got, Excused):
                got = got.sub if long_doc and (
                    _verbs(ctx, got.modified)
                    or _modified_elsewhere(ctx, use, got, lexicon())
                    or _head_from_elsewhere(ctx, use, got, lexicon())) else None
            if got is None and long_doc and rates[use.spec.source][0] >= CONFIRMED:
                got = self._unlocated(ctx, use, others.get(use.unit, []), lexicon(),
                                      rates[use.spec.source])
            found.append((use, got))
        subs = Counter((use.spec.source, sub.key) for use, sub in found if sub is not None)
        out = list(self._findings(ctx, found, subs, rates, lexicon, long_doc))
        flagged = [(use.unit, use.spans) for use, f in out if f.severity != "info"]
        outer = [(use.unit, use.spans) for use, f in out if _doubtful(use.spec) and f.severity != "info"]
        for use, f in out:
            if _doubtful(use.spec) and f.severity == "info" and _holds_flag(use, flagged):
                continue  # the note of a doubted longer entry: the entry inside it flags
            if any(_within(use.spans, spans) for unit, spans in outer
                   if unit == use.unit and spans != use.spans):
                continue  # the doubted longer entry flags the slip itself
            yield f

    def _findings(self, ctx: QAContext, found: list[tuple[TermUse, Substitution | None]],
                  subs: Counter[tuple[str, str]], rates: dict[str, tuple[int, int]],
                  lexicon: Callable[[], DocLexicon], long_doc: bool,
                  ) -> Iterator[tuple[TermUse, Finding]]:
        """Each missed use's finding (see :meth:`check`)."""
        morphology = has_morphology(ctx.tgt_lang)
        for use, sub in found:
            n = subs[(use.spec.source, sub.key)] if sub is not None else 0
            if n * VARIANT_SHARE < rates[use.spec.source][1]:
                n = 0  # a few slips among many right renderings are slips
            if (sub is not None and not morphology and _one_word(use.spec, sub)
                    and not sub.pinned and not misspelt(sub, ctx.tgt_lang)):
                sub = None  # a guess at which neighbour stands for the rendering: no evidence
            slip = False
            if sub is not None and n < VARIANT_UNITS and _doubtful(use.spec) and long_doc:
                slip = (lexicon().judge(sub.found, use.unit, use.spec.source) == SLIP
                        or _inner_entry_slip(ctx, use, sub, rates))
            yield use, self._finding(ctx, use, rates[use.spec.source], sub, n, slip)

    @classmethod
    def _unlocated(cls, ctx: QAContext, use: TermUse, spans: list[tuple[int, int]],
                   lex: DocLexicon, rate: tuple[int, int]) -> Substitution | None:
        """A one-word rendering's slip the rendering's own words do not locate: another
        entry's rendering in its place (:meth:`_cross`), a word used nowhere else
        (:meth:`_rare`), for a term written as a name another name's head word
        (:meth:`_renamed`), or a noun in a number its word hardly takes (:meth:`_odd_number`).
        For a term rendered as the entry says :data:`CONFIRMED` times."""
        got = cls._cross(ctx, use, spans, lex)
        kept, total = rate
        # "used in no other unit" holds only where the lexicon read every unit
        if (got is None and kept >= RARE_SHARE * total and len(use.spec.words) == 1
                and len(ctx.units) <= MAX_UNITS):
            got = cls._rare(ctx, use, spans, lex)
        if got is None and len(use.spec.words) == 1:
            got = cls._renamed(ctx, use, spans, lex)
        if got is None:
            got = cls._odd_number(ctx, use, spans)
        return got

    @staticmethod
    def _odd_number(ctx: QAContext, use: TermUse, spans: list[tuple[int, int]],
                    ) -> Substitution | None:
        """A one-word rendering replaced by a noun in a number its word hardly takes,
        standing where the term stands (see :func:`number_substitution`)."""
        sub = number_substitution(
            use.spec, ctx.units[use.unit].target, ctx.tgt_tokens(use.unit), ctx.tgt_lang,
            use.taken, lambda t: _at_terms_place(ctx, use, t, NUMBER_GAP),
            name=_named(ctx.src_text(use.unit), use.spans))
        return _outside(sub, spans)

    @staticmethod
    def _cross(ctx: QAContext, use: TermUse, spans: list[tuple[int, int]], lex: DocLexicon,
               ) -> Substitution | None:
        """A one-word rendering replaced by another entry's rendering whose source term the
        unit lacks in any derivation (see :func:`cross_substitution`, :func:`_stems_in`), kept
        only where this document's own usage links the new word to the term's source word
        («Соглашения» goes with "Treaty" in other units of a treaty text): a word confusable
        with the rendering, in the unit only by mistake. Only for a term the document renders
        as the entry says at least
        :data:`CONFIRMED` times (a rarer one's association is chance: «контроля» tied to
        "accountability" by "monitoring and accountability"). A rival rendering the document
        does not tie to the term is mostly a paraphrase
        («контроля» for "sovereignty", «ксенофобии» for "genocide" on clean un-dev: every such
        flag was false) or a word of another phrase of the unit, unless the source writes the
        term as a name ("the Convention") and the target has the rival capitalised
        mid-sentence («Договора»): another instrument's or body's name, no paraphrase."""
        src = ctx.src_tokens(use.unit)
        u = ctx.units[use.unit]
        named = _named(ctx.src_text(use.unit), use.spans)
        sub = cross_substitution(
            use.spec, u.target, ctx.tgt_tokens(use.unit), ctx.tgt_lang, use.taken,
            _rivals(ctx), lambda r: not _stems_in(r, src, ctx.src_lang), name=named)
        sub = _outside(sub, spans)
        if sub is None:
            return None
        if lex.judge(sub.found, use.unit, use.spec.source) == VARIANT:
            return sub
        # a name for a name: "the Convention" written «Договора» mid-sentence, with no
        # "Treaty" in the source, calls one instrument or body by another's name
        if named and sub.found[:1].isupper() and not sentence_start(u.target, sub.at):
            return sub
        return None

    @staticmethod
    def _renamed(ctx: QAContext, use: TermUse, spans: list[tuple[int, int]], lex: DocLexicon,
                 ) -> Substitution | None:
        """A name for a name: the source writes a one-word term as a name ("the Rapporteur",
        "the Convention") and the target has, where the term stands (within
        :data:`NAME_GAP` of its share of the unit), another name's head word that this
        document ties to nothing in the unit (see :meth:`DocLexicon.unbound` and
        :func:`renamed_substitution`): «назначить Председателя и Представителя» for "designate
        the Chair and the Rapporteur", «Хартии» for "Convention". Russian capitalises a name's
        first word only, so a paraphrase rarely brings such a word; the word's own ties say
        which name it is («Представителя»: "Representative"). (Any word the document ties to
        a word the unit lacks, capitalised or not, gave 5 to 18 new flags on clean un-dev,
        all false: «уголовное наказание» for "criminal sanctions", «поручения» for "mandate".)
        French capitalises a name's first word too, and there the found word is evidence
        enough (``Substitution.pinned``) when the document knows it as some source word's
        translation and the source does not write it (a person's or a place's name): «de la
        Charte» for "of the Convention", «Accord» for "the Treaty" (on un-dev
        en-fr: 8 more injected slips found, no new flag on clean text; any rare word in the
        term's place instead gave 10 new flags, all false)."""
        text = ctx.units[use.unit].target
        if not _named(ctx.src_text(use.unit), use.spans):
            return None

        def fits(t: Token) -> bool:
            return (_at_terms_place(ctx, use, t, NAME_GAP)
                    and lex.unbound(t.low, use.unit, use.spec.source))

        sub = renamed_substitution(use.spec, text, ctx.tgt_tokens(use.unit), ctx.tgt_lang,
                                   use.taken, fits)
        sub = _outside(sub, spans)
        if sub is None:
            return None
        if not has_morphology(ctx.tgt_lang):
            # without an analyser only a word the document knows as another source word's
            # translation, and no word of the source copied (a person's or place's name)
            key = tgt_key(sub.found.lower(), ctx.tgt_lang)
            if not lex.linked(key, use.unit) or _in_source(ctx, use.unit, sub.found):
                return None
            return dataclasses.replace(sub, pinned=True)
        return sub

    @staticmethod
    def _rare(ctx: QAContext, use: TermUse, spans: list[tuple[int, int]], lex: DocLexicon,
              ) -> Substitution | None:
        """A one-word rendering of a one-word term replaced by a word of its kind that the
        document uses in no other unit and that stands where the term stands in the source
        (the same share of the unit's length, within :data:`RARE_GAP`; within
        :data:`NAME_GAP` for a word general-language lists do not know at all, «неразмещение»
        for «нераспространение»: 2 more injected slips found on un-dev, no new flag, where a
        wider place for every rare word gave false ones, «провозе» for «переговоры»):
        «защищённости» for «безопасности», «демилитаризации» for «разоружения», a Latin «c»
        in «cекретариат».
        A word used nowhere else is no habit of the translator's and nothing the document
        ties to another source word; a paraphrase rarely puts such a word in the term's very
        place. Only for a term the document renders as the entry says in at least
        :data:`RARE_SHARE` of its places, :data:`CONFIRMED` at least (a term rendered several
        ways, «юрисдикция»/«компетенция», leaves a rare synonym likely), and only one such
        word in the unit (see :func:`rare_substitution`), one general language uses at most
        half as often as the rendering (see :func:`_rarer`). (Any rare word of the kind,
        without the place, gave 24 new flags on clean un-dev, nearly all false: «подсистемах»
        for "resolution", «касты» for "mandate".)"""
        lang = ctx.tgt_lang

        def rare(t: Token) -> bool:
            if not _at_terms_place(ctx, use, t, RARE_GAP) and not (
                    _at_terms_place(ctx, use, t, NAME_GAP) and _unknown_word(t.low, lang)):
                return False
            at = lex.tgt_units.get(tgt_key(t.low, lang), [])
            return len([i for i in at if i != use.unit]) <= RARE_UNITS

        sub = rare_substitution(use.spec, ctx.units[use.unit].target, ctx.tgt_tokens(use.unit),
                                lang, use.taken, rare,
                                name=_named(ctx.src_text(use.unit), use.spans))
        sub = _outside(sub, spans)
        return sub if sub is None or _rarer(sub.found, use.spec, lang) else None

    @staticmethod
    def _evidence(ctx: QAContext, use: TermUse, contexts: Counter[tuple[str, str]] | None,
                  spans: list[tuple[int, int]], pairs: tuple[Pair, ...] = (),
                  terms_at: tuple[tuple[int, int], ...] = (),
                  ) -> Substitution | Excused | None:
        """The slip a missed occurrence shows (see :class:`Substitution`), or None: the
        rendering with one word replaced, a one-word rendering replaced between the words
        that flank it elsewhere, or beside the number the source puts next to the term. (Another
        entry's rendering standing where the segment lacks that entry's source term was tried
        as evidence too and dropped: on clean un-dev text nearly every such flag was false,
        «безопасность» or «председатель» for "mandate", «контроль» for "safeguards".) For a
        candidate entry, a replacement explained otherwise is no evidence: the kept words or
        the new one belong to another term found in the unit ("State Member of the United
        Nations": «члена Организации Объединенных Наций»), the new word is a cognate of
        another source word (see :func:`cognate`) or the replaced word in the other gender
        («Directrice exécutive»), a listed house variant, a near-rendering that keeps only
        another entry's name (see :func:`_only_a_name_kept`), a term inside a name that adds
        words before it, or a term used as a modifier whose rendering lost its head noun
        («космический объект»; the first word where the head comes first, see
        :func:`parley.glossary.morph.head_first`). Without morphology a number beside the
        term is tried before the flanking words (see :func:`_one_word`)."""
        u = ctx.units[use.unit]
        tgt = ctx.tgt_tokens(use.unit)
        src, text = ctx.src_tokens(use.unit), ctx.src_text(use.unit)
        name = _named(text, use.spans)
        near = substitutions(use.spec, u.target, tgt, ctx.tgt_lang, use.taken, name=name,
                             others=tuple(spans))

        def explained(s: Substitution) -> bool:
            return (_explained(s, spans) or cognate(s.found, src, use.spans, tgt, ctx.tgt_lang)
                    or gender_form(s.expected, s.found, ctx.tgt_lang)
                    or _only_a_name_kept(ctx, use, s))

        # a misspelling of the rendering's word says most clearly where the slip is
        # («ядреного разоружения» after an unrelated «ядерного оружия»)
        fit = [s for s in near if use.spec.sure or not explained(s)]
        sub = next((s for s in fit if misspelt(s, ctx.tgt_lang)), fit[0] if fit else None)
        if sub is None:
            # without morphology a number's pin goes first: the flanking words only guess
            # (see _one_word)
            slot = functools.partial(slot_substitution, use.spec, u.target, tgt, ctx.tgt_lang,
                                     use.taken, contexts, name=name)
            anchor = functools.partial(anchor_substitution, use.spec, src, use.spans, u.target,
                                       tgt, ctx.tgt_lang, use.taken, name=name, pairs=pairs)
            first, then = (slot, anchor) if has_morphology(ctx.tgt_lang) else (anchor, slot)
            sub = first() or then() or agreement_substitution(
                use.spec, u.target, tgt, ctx.tgt_lang, use.taken, name=name)
        if sub is None or use.spec.sure or broken(sub, u.target, ctx.tgt_lang, tgt):
            return sub  # an edited match left unagreed is no paraphrase to excuse
        if explained(sub):
            return None
        if house_variant(sub, ctx.tgt_lang):
            return None
        missed = _missed(use, sub)
        # a word of another glossary term before it makes no longer name ("United Nations
        # Security Council": «резолюции 1325 Комитета Безопасности Организации Объединенных Наций»)
        named = [sp for sp in missed if in_longer_name(use.spec, src, text, sp, left_only=True)
                 and not _after_term(src, sp, terms_at)]
        if named:
            # "Assistant Secretary-General": no slip when the name's own word took the slot
            before = tuple(src[k - 1].low for sp in named for k, t in enumerate(src)
                           if t.start == sp[0] and k > 0)
            return Excused(sub, before) if before else None
        # the rendering lost its head noun: the term may be a modifier made adjective
        head_lost = sub.at == sub.start if head_first(ctx.tgt_lang) else sub.last
        if head_lost and not (sub.head_kept and use.level == 0):
            modified = tuple(w for sp in missed if (w := attributive(src, sp, text)))
            if modified:
                return Excused(sub, modified, follows=True)
        return sub

    def _finding(self, ctx: QAContext, use: TermUse, rate: tuple[int, int],
                 sub: Substitution | None, sub_units: int, slip: bool = False) -> Finding:
        u = ctx.units[use.unit]
        expected = " / ".join(dict.fromkeys(t for t, _ in use.spec.approved))
        how = MATCH_TYPES[use.level]
        if sub is not None:
            has = sub.phrase
            msg = (f"term “{use.spec.source}”: the target has “{sub.phrase}” where the glossary "
                   f"has “{expected}” (“{sub.found}” for “{sub.expected}”"
                   f"{': misspelt?' if misspelt(sub, ctx.tgt_lang) else ''})")
            if use.used:
                msg += f"; “{', '.join(use.used)}” only {len(use.tgt_spans)} of {len(use.spans)} times"
        elif use.used:
            msg = (f"term “{use.spec.source}” occurs {len(use.spans)} times, the target has "
                   f"“{expected}” only {_times(len(use.tgt_spans))}")
            has = ", ".join(use.used)
        else:
            has = instead(use, u.target, ctx.tgt_tokens(use.unit), ctx.tgt_lang)
            msg = (f"term “{use.spec.source}” ({how} match) is not translated as “{expected}”"
                   + (f"; the target has “{has}”" if has else ""))
        severity = self._severity(use, sub, sub_units, rate, slip)
        if severity == "info":
            kept, total = rate
            if sub is not None and sub_units >= VARIANT_UNITS:
                msg += f" (“{sub.found}” stands for it in {sub_units} units: a variant?)"
            elif sub is not None:
                # only a doubted entry's near-rendering is a note (see _severity): the entry
                # itself may be what is wrong
                msg += (f" (a doubtful candidate entry, confidence {use.spec.confidence or 0:.2f}:"
                        " is the entry right?)")
            else:
                msg += (" (no trace of the rendering: a paraphrase or an omission?"
                        f" the document renders it so in {kept} of {total} places)")
        return ctx.finding(
            self, use.unit, msg, severity=severity,
            spans=tuple(("source", a, b) for a, b in use.spans)
            + ((("target", sub.start, sub.end),) if sub is not None else ()), match_type=how,
            details={"term": use.spec.source, "expected": expected, "found": has,
                     "status": "approved" if use.spec.sure else "candidate"},
        )

    @staticmethod
    def _severity(use: TermUse, sub: Substitution | None, sub_units: int,
                  rate: tuple[int, int] = (0, 0), slip: bool = False) -> str:
        """An approved entry (a person signed it) gives errors, as a CAT tool's term check
        does. A candidate gives a warning only on the evidence of a slip: the rendering is
        there with one word replaced, and the replacement is not the document's habit. A
        candidate with no trace of its rendering is a note: on clean UN text such misses are
        nearly all paraphrases, synonyms the glossary lacks, pronouns and elision. An entry
        the extractor doubts warns only where the document confirms it, or where the new word
        is, by the document's own usage, no translation of any word of the unit (``slip``, see
        :mod:`parley.glossary.qa.lexical`), or where it is the name of a body or document
        (:func:`_body_name`), whose rendering with one word replaced is a slip whatever the
        extractor's doubt."""
        if use.spec.sure:
            return "error"
        conf = use.spec.confidence
        if _doubtful(use.spec) and not (sub is not None and (
                slip or _body_name(use.spec)
                or (conf is not None and conf >= MIN_CONFIDENCE_CONFIRMED
                    and _confirmed(use, rate)))):
            return "info"  # an extracted entry the extractor itself doubts
        if sub is not None and sub_units < VARIANT_UNITS:
            return "warning"
        return "info"


class ForbiddenTermRule:
    id = "forbidden-term"
    group = "terms"
    severity = "error"
    description = "a forbidden or deprecated glossary term is used in the target"

    def check(self, ctx: QAContext) -> Iterable[Finding]:
        if ctx.glossary is None:
            return
        from parley.glossary.qa.base import analyse

        bad = [(t, eid, analyse(t.text, ctx.tgt_lang)) for t, eid in bad_terms(ctx.glossary,
                                                                             ctx.tgt_lang)]
        if not bad:
            return
        for i, u in enumerate(ctx.units):
            if not u.target.strip():
                continue
            toks = ctx.tgt_tokens(i)
            for term, eid, words in bad:
                hits = find_term(words, toks, ctx.tgt_lang)
                if not hits:
                    continue
                entry = next((e for e in ctx.glossary if e.id == eid), None)
                good = ", ".join(t.text for t in entry.approved_in(ctx.tgt_lang)) if entry else ""
                advice = f"; use “{good}”" if good else ""
                yield ctx.finding(
                    self, i, f"{term.status} term “{term.text}” used in the target{advice}",
                    severity="error" if term.status == "forbidden" else "warning",
                    spans=tuple(("target", a, b) for a, b, _ in hits),
                    match_type=MATCH_TYPES[min(h[2] for h in hits)],
                    details={"term": term.text, "status": term.status},
                )


class TermConsistencyRule:
    id = "term-consistency"
    group = "terms"
    severity = "info"
    description = "one source term is translated with different approved target terms"

    def check(self, ctx: QAContext) -> Iterable[Finding]:
        for term, c in scan_terms(ctx).alone.items():
            if len(c) < 2:
                continue
            spread = ", ".join(f"“{t}” ×{n}" for t, n in c.most_common())
            # the id names the variants, not their counts, so it survives small edits
            fid = finding_id(self.id, term, "", "|".join(sorted(c)))
            yield ctx.finding(self, None, f"term “{term}” is translated in {len(c)} ways: {spread}",
                              details={"term": term, **{t: str(n) for t, n in c.items()}}, id=fid)


for _rule in (KeyTermRule(), ForbiddenTermRule(), TermConsistencyRule()):
    register(_rule)
