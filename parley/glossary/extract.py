"""Bilingual term extraction from an aligned text.

Method, and why:

* **Source candidates** are single words and noun-phrase-like n-grams (up to 5 words) cut at
  stop words, punctuation, numbers and sentence edges; connectors ("of", "de", "по") may sit
  inside a term but not at its edge. Russian candidates must also fit the pattern
  ADJ* NOUN (NOUN|connector)* by pymorphy3's parts of speech. Words are grouped by lemma
  (pymorphy3 for Russian, simplemma elsewhere: dictionary lemmas are safer than Snowball stems,
  which merge "nation"/"national"), so inflected forms count together.
* **Termhood** is C-value (frequency, discounted when a candidate mostly occurs nested in a longer
  one) times specificity against general language (wordfreq Zipf frequency of the phrase), so
  "sanctions" outranks "people" even when "people" is as frequent in the text.
* **Target equivalents** are target n-grams (same boundaries, lemma-grouped) scored by the Dice
  coefficient of unit co-occurrence; the starter term base adds a prior to the translation it
  knows, transliteration similarity helps names. A pair must co-occur in >= 2 units and its
  target must be present in most units of the source term (coverage), otherwise it is dropped
  rather than guessed. Variants are the other targets that explain the units the main one misses.
* **Names** (persons, organisations, places, acronyms) come from the term base or from
  capitalisation, organisation head words, pymorphy3 name/place tags and transliteration.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from parley.align.lang import base
from parley.align.model import Bitext
from parley.glossary.model import Glossary, Term, TermEntry
from parley.glossary.morph import (
    citation_form,
    connectors,
    get_lemmatizer,
    stopwords,
    tokenize,
)
from parley.glossary.termbase import VERIFY_NOTE

Key = tuple[str, ...]

MAX_SRC_LEN = 5
MAX_TGT_LEN = 6
MIN_UNITS = 2
MIN_DICE = 0.3
MIN_COVERAGE = 0.5
#: pairs seen in this few units need stronger evidence (see :func:`_strong_low_count`)
LOW_COUNT = 3
LOW_COVERAGE = 2 / 3
LOW_DICE = 0.5
#: a target that explains a source term's residual units (see :func:`_variants`)
MAX_VARIANTS = 3
VARIANT_SHARE = 0.25
VARIANT_DICE = 0.3
#: G² (log-likelihood ratio) for p < 0.01 with one degree of freedom
MIN_LLR = 6.63

_ORG_HEADS = frozenset([
    "council", "assembly", "committee", "commission", "organization", "organisation", "union",
    "agency", "fund", "programme", "program", "court", "office", "bank", "ministry", "department",
    "secretariat", "nations", "forum", "group", "party", "parliament", "conference", "board",
    "mission", "tribunal", "institute", "federation", "league", "movement", "alliance",
    "corporation", "service",
])
_TRANSLIT = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s",
     "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"], strict=True))
_PARTICLES = frozenset(["de", "da", "di", "del", "van", "von", "der", "al", "el", "bin", "ibn", "le", "la"])
_POSSESSIVE = re.compile(r"['’]s$")
_PUNCT_GAP = re.compile(r"[^\s\-‐‑]")


def transliterate(text: str) -> str:
    """Russian to Latin letters (simplified BGN/PCGN), for matching names across scripts."""
    return "".join(_TRANSLIT.get(ch, ch) for ch in text.lower())


def name_similarity(a: str, b: str) -> float:
    """0..1 similarity of two names written in possibly different scripts."""
    from rapidfuzz import fuzz

    return float(fuzz.ratio(transliterate(a), transliterate(b))) / 100.0


@dataclass
class _Tok:
    word: str
    lemma: str
    stop: bool
    connector: bool
    pos: str | None
    cap: bool
    initial: bool


@dataclass
class _Cand:
    units: set[int] = field(default_factory=set)
    freq: int = 0
    surfaces: Counter[tuple[str, ...]] = field(default_factory=Counter)
    mid: Counter[tuple[str, ...]] = field(default_factory=Counter)
    initial: int = 0
    cap: int = 0
    forced: bool = False


def _tokens(text: str, lang: str) -> list[list[_Tok]]:
    """Chunks of tokens between punctuation; sentence edges end chunks too."""
    lem = get_lemmatizer(lang)
    stops, conns = stopwords(lang), connectors(lang)
    chunks: list[list[_Tok]] = [[]]
    prev_end = 0
    for i, (s, e, w) in enumerate(tokenize(text)):
        gap = text[prev_end:s]
        if i and _PUNCT_GAP.search(gap):
            chunks.append([])
        prev_end = e
        if base(lang) == "en":
            w = _POSSESSIVE.sub("", w)
        low = w.lower()
        if any(ch.isdigit() for ch in w):
            chunks.append([])
            continue
        pos = lem.pos(w) if base(lang) == "ru" else None
        chunks[-1].append(_Tok(w, lem.lemma(w), low in stops or low in conns or len(w) == 1,
                               low in conns, pos, w[:1].isupper(), i == 0))
    return [c for c in chunks if c]


def _ok_ngram(toks: list[_Tok], lang: str) -> bool:
    if toks[0].stop or toks[-1].stop:
        return False
    inner = toks[1:-1]
    if sum(t.stop for t in inner) > 2 or any(t.stop and not t.connector for t in inner):
        return False
    if base(lang) == "ru":
        content = [t for t in toks if not t.connector]
        if any(t.pos not in ("NOUN", "ADJ", None) for t in content):
            return False
        if toks[-1].pos == "ADJ" or toks[0].pos not in ("NOUN", "ADJ", None):
            return False
        if not any(t.pos in ("NOUN", None) for t in content):
            return False
    elif base(lang) == "en":
        first = toks[0].word.lower()
        if first.endswith("ly") and not toks[0].cap:
            return False
        if len(toks) > 1 and first.endswith("ing") and toks[0].lemma != first and not toks[0].cap:
            return False  # "fighting cybercrime": a verb form, not part of the term
        last = toks[-1].word.lower()
        if last.endswith("ly") or (len(toks) == 1 and last.endswith(("ed", "ing")) and
                                   not toks[0].cap):
            return False
    return True


def _ngrams(chunks: list[list[_Tok]], lang: str, max_len: int,
            forced: dict[Key, int] | None = None) -> Iterable[tuple[Key, list[_Tok], bool]]:
    for chunk in chunks:
        for i in range(len(chunk)):
            for n in range(1, max_len + 1):
                if i + n > len(chunk):
                    break
                toks = chunk[i:i + n]
                if _ok_ngram(toks, lang):
                    yield tuple(t.lemma for t in toks), toks, False
            if forced:
                for n in set(forced.values()):
                    key = tuple(t.lemma for t in chunk[i:i + n])
                    if len(key) == n and forced.get(key) == n and n > max_len:
                        yield key, chunk[i:i + n], True


def _collect(docs: list[list[list[_Tok]]], lang: str, max_len: int,
             forced: dict[Key, int] | None = None) -> dict[Key, _Cand]:
    cands: dict[Key, _Cand] = defaultdict(_Cand)
    for u, chunks in enumerate(docs):
        for key, toks, is_forced in _ngrams(chunks, lang, max_len, forced):
            c = cands[key]
            c.units.add(u)
            c.freq += 1
            c.surfaces[tuple(t.word for t in toks)] += 1
            if not toks[0].initial:
                c.mid[tuple(t.word for t in toks)] += 1
            c.initial += toks[0].initial
            c.cap += all(t.cap for t in toks if not t.connector and t.word not in _PARTICLES)
            c.forced = c.forced or is_forced
    return cands


def _c_value(cands: dict[Key, _Cand]) -> dict[Key, float]:
    """C-value (Frantzi et al.): frequency discounted by the frequency of containing terms."""
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
        out[key] = math.log2(len(key) + 1) * max(f, 0.0)
    return out


def _specificity(phrase: str, lang: str) -> float:
    from wordfreq import zipf_frequency

    z = zipf_frequency(phrase, lang)
    return min(1.5, max(0.05, (7.0 - z) / 3.0))


def _is_proper(c: _Cand, lang: str) -> bool:
    """Capitalised mid-sentence (or, when only ever sentence-initial, a rare or multiword name)."""
    if c.freq > c.initial:
        return c.cap - c.initial >= 0.6 * (c.freq - c.initial) and c.cap > c.initial
    from wordfreq import zipf_frequency

    words = next(iter(c.surfaces))
    return c.cap == c.freq and (len(words) > 1 or zipf_frequency(words[0].lower(), lang) < 3.0)


def _cap_words(docs: list[list[list[_Tok]]]) -> frozenset[str]:
    """Words capitalised in most of their mid-sentence occurrences ("Iran", "Minsk")."""
    seen: Counter[str] = Counter()
    cap: Counter[str] = Counter()
    for chunks in docs:
        for chunk in chunks:
            for t in chunk:
                if not t.initial:
                    seen[t.word.lower()] += 1
                    cap[t.word.lower()] += t.cap
    return frozenset(w for w, n in seen.items() if cap[w] >= 0.6 * n)


def _surface(c: _Cand, lang: str, caps: frozenset[str] = frozenset()) -> list[tuple[list[str], int]]:
    """Surface variants with counts: as written mid-sentence; a phrase only ever seen at the
    start of a sentence is lower-cased unless it (or the word) is a name."""
    if c.mid:
        return [(list(s), n) for s, n in c.mid.most_common()]
    proper = _is_proper(c, lang)
    out: Counter[tuple[str, ...]] = Counter()
    for s, n in c.surfaces.items():
        out[tuple(w if proper or (w.isupper() and len(w) > 1) or w.lower() in caps else w.lower()
                  for w in s)] += n
    return [(list(s), n) for s, n in out.most_common()]


def _rare_words(text: str, lang: str, known: set[str]) -> list[str]:
    """Capitalised words that are not common words: the name part of a phrase."""
    from wordfreq import zipf_frequency

    lem = get_lemmatizer(lang)
    return [w for w in text.split() if w[:1].isupper() and lem.lemma(w) not in known
            and zipf_frequency(w.lower(), lang) < 4.0]


def _agree_number(variants: list[tuple[list[str], int]], ru_term: str, current: str) -> str:
    """Pick the English form whose number matches the Russian citation form ("foreign minister"
    for "министр иностранных дел", "sanctions" for "санкции")."""
    morph = get_lemmatizer("ru")._morph  # type: ignore[attr-defined]
    head = next((p for w in ru_term.split() for p in morph.parse(w.lower())[:1]
                 if p.tag.POS == "NOUN"), None)
    if head is None or head.tag.number is None:
        return current
    plural = head.tag.number == "plur"
    lem = get_lemmatizer("en")
    for words, _ in variants:
        last = words[-1].lower()
        if (lem.lemma(last) != last) == plural:
            return " ".join(words)
    return current


def _trim_name(words: list[str], rare: list[str]) -> str:
    """"Secretary of State Rex Tillerson" -> "Rex Tillerson": titles around a name belong to
    another entry; the name is what transliterates."""
    idx = [i for i, w in enumerate(words) if w in rare]
    lo, hi = idx[0], idx[-1]
    while lo > 0 and words[lo - 1].lower() in _PARTICLES:
        lo -= 1
    return " ".join(words[lo:hi + 1])


def _entry_type(src: str, tgt: str, proper: bool, src_lang: str, tgt_lang: str) -> str:
    words = src.split()
    if len(words) == 1 and src.isupper() and len(src) >= 2:
        return "acronym"
    if not proper:
        return "term"
    if words[-1].lower() in _ORG_HEADS or words[0].lower() in _ORG_HEADS:
        return "organization"
    if base(tgt_lang) == "ru":
        morph = get_lemmatizer("ru")._morph  # type: ignore[attr-defined]
        tags = [morph.parse(w)[0].tag for w in tgt.split()]
        if any("Geox" in t for t in tags):
            return "place"
        if any("Name" in t or "Surn" in t for t in tags):
            return "person"
    if len(words) == 1:
        return "term"
    return "person" if _rare_words(src, src_lang, set()) else "term"


def _termbase_maps(
    termbase: Glossary | None, src_lang: str, tgt_lang: str
) -> tuple[dict[Key, TermEntry], dict[Key, set[Key]], dict[Key, int]]:
    by_src: dict[Key, TermEntry] = {}
    tgt_keys: dict[Key, set[Key]] = defaultdict(set)
    forced: dict[Key, int] = {}
    if termbase is None:
        return by_src, tgt_keys, forced
    ls, lt = get_lemmatizer(src_lang), get_lemmatizer(tgt_lang)
    for e in termbase.entries:
        tks = [tuple(lt.lemma(w) for _, _, w in tokenize(t.text)) for t in e.terms_in(tgt_lang)]
        for s in e.terms_in(src_lang):
            key = tuple(ls.lemma(w) for _, _, w in tokenize(s.text))
            if not key:
                continue
            by_src.setdefault(key, e)
            tgt_keys[key].update(k for k in tks if k)
            forced[key] = len(key)
    return by_src, tgt_keys, forced


def _llr(k11: int, n_src: int, n_tgt: int, total: int) -> float:
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


@dataclass
class _Links:
    """Unit indexes of the source and target candidates, for the competitive-linking checks."""

    src: dict[Key, _Cand]
    src_unit_keys: list[list[Key]]
    tgt_units: dict[Key, set[int]]
    unit_keys: list[list[Key]]
    #: the main target chosen for each source term so far
    main_of: dict[Key, Key] = field(default_factory=dict)

    def outbid(self, key: Key, mine: float, tk: Key, longer: bool = False) -> bool:
        """Whether another source candidate (bar longer or shorter forms of ``key``) explains
        target ``tk`` clearly better than ``key`` does (Dice ``mine``): competitive linking, so
        a word is not made the translation of whatever happens to sit next to it. A candidate
        already linked to another target ("Belarus" to "Белоруссия") is no rival: it does not
        claim "взаимодействие" from "cooperation". With ``longer``, a longer term containing
        ``key`` that explains the target as well takes it ("world order -> миропорядок" is no
        variant of "world")."""
        t_units = self.tgt_units[tk]
        co: Counter[Key] = Counter()
        for u in t_units:
            co.update(self.src_unit_keys[u])
        words = set(key)
        n = len(key)
        for sk, m in co.items():
            if m < MIN_UNITS or sk == key or self.main_of.get(sk, tk) != tk:
                continue
            dice = 2 * m / (len(self.src[sk].units) + len(t_units))
            if longer and len(sk) > n and any(sk[i:i + n] == key for i in range(len(sk) - n + 1)):
                if dice >= mine:
                    return True
            elif not set(sk) & words and dice > mine + 0.1:
                return True
        return False

    def strong_low_count(self, key: Key, tk: Key) -> bool:
        """Evidence for a pair seen in only a few units: the target is in most of the source
        term's units, the Dice is high, and no other source candidate explains the target
        clearly better: "Eastern -> меры" loses to "measures"."""
        s_units, t_units = self.src[key].units, self.tgt_units[tk]
        n = len(s_units & t_units)
        dice = 2 * n / (len(s_units) + len(t_units))
        if n / len(s_units) < LOW_COVERAGE or dice < LOW_DICE:
            return False
        return not self.outbid(key, dice, tk)


def _variants(key: Key, tk: Key, main_units: set[int], links: _Links, known: set[Key],
              total: int) -> list[tuple[Key, int]]:
    """Other renderings of a source term: the target n-gram that best explains the units where
    the source term occurs but the main target does not (Dice restricted to those units, with a
    G² significance test; a term base equivalent counts as evidence, enough on its own for one
    unit), repeated on what is left; a target that another source term explains better is not a
    variant of this one.
    A target's units that the main target already explains do not count against it, so a text
    that says "США" and "Соединённые Штаты" side by side still yields the variant."""
    s_units, tgt_units = links.src[key].units, links.tgt_units
    residual = set(s_units - main_units)
    explained = set(main_units)
    found: list[tuple[Key, int]] = []
    used = set(tk)
    while residual and len(found) < MAX_VARIANTS:
        co: Counter[Key] = Counter()
        for u in residual:
            co.update(links.unit_keys[u])
        best: tuple[float, int, Key] | None = None
        for ak, n in co.items():
            if set(ak) & used or (ak not in known and (n < MIN_UNITS or
                                                       n / len(residual) < VARIANT_SHARE)):
                continue
            outside = len(tgt_units[ak] - explained)
            dice = 2 * n / (len(residual) + outside)
            if _llr(n, len(residual), outside, total - len(explained)) < MIN_LLR and ak not in known:
                continue
            if ak in known:
                dice += 0.3
            if dice < VARIANT_DICE or (best is not None and (dice, len(ak)) <= (best[0], len(best[2]))):
                continue
            # the rivals are judged on the whole text: a rare target that happens to sit in two
            # residual units ("Ваше имя" beside "letter dated") belongs to the term it translates
            whole = 2 * len(tgt_units[ak] & s_units) / (len(s_units) + len(tgt_units[ak]))
            if ak not in known and links.outbid(key, whole, ak, longer=True):
                continue
            best = (dice, n, ak)
        if best is None:
            break
        _, n, ak = best
        found.append((ak, n))
        used |= set(ak)
        hit = tgt_units[ak] & residual
        residual -= hit
        explained |= tgt_units[ak] & s_units
    return found


def extract_terms(
    bitext: Bitext,
    *,
    src_lang: str,
    tgt_lang: str,
    termbase: Glossary | None = None,
    max_terms: int = 500,
    progress: Callable[[int], None] | None = None,
) -> Glossary:
    """Bilingual glossary of ``bitext``, best entries first (see the module docstring)."""
    units = [u for u in bitext.units if u.source.strip() and u.target.strip()]
    tb_src, tb_tgt, forced = _termbase_maps(termbase, src_lang, tgt_lang)
    src_docs, tgt_docs = [], []
    for unit in units:
        src_docs.append(_tokens(unit.source, src_lang))
        tgt_docs.append(_tokens(unit.target, tgt_lang))
        if progress:
            progress(1)
    src_caps, tgt_caps = _cap_words(src_docs), _cap_words(tgt_docs)
    src = _collect(src_docs, src_lang, MAX_SRC_LEN, forced)
    src = {k: c for k, c in src.items() if len(c.units) >= MIN_UNITS}
    cval = _c_value(src)
    tb_words = {w for k in tb_src for w in k}
    termhood: dict[Key, float] = {}
    for key, c in src.items():
        surf = " ".join(_surface(c, src_lang, src_caps)[0][0])
        prior = 1.5 if key in tb_src else 1.0
        if len(key) == 1 and key not in tb_src and not _is_proper(c, src_lang):
            # a single word the term base does not know: keep it, but lower, and much lower when
            # it is an everyday word ("countries", "colleagues", "attempts")
            prior = 0.4 if _specificity(surf, src_lang) > 1.0 else 0.15
        termhood[key] = cval[key] * _specificity(surf, src_lang) * prior
    ranked = sorted((k for k in termhood if termhood[k] > 0), key=lambda k: -termhood[k])
    ranked = ranked[: max_terms * 4]

    tgt = _collect(tgt_docs, tgt_lang, MAX_TGT_LEN)
    tgt_units = {k: c.units for k, c in tgt.items() if len(c.units) >= MIN_UNITS}
    unit_keys: list[list[Key]] = [[] for _ in units]
    for k, us in tgt_units.items():
        for u in us:
            unit_keys[u].append(k)

    src_unit_keys: list[list[Key]] = [[] for _ in units]
    for k, sc in src.items():
        for u in sc.units:
            src_unit_keys[u].append(k)
    links = _Links(src, src_unit_keys, tgt_units, unit_keys)

    entries: list[tuple[float, TermEntry, Key, Key, set[int]]] = []
    taken: dict[Key, float] = {}
    for key in ranked:
        c = src[key]
        variants = _surface(c, src_lang, src_caps)
        src_text = " ".join(variants[0][0])
        proper = any(w[:1].isupper() for w in variants[0][0])
        rare = _rare_words(src_text, src_lang, tb_words) if proper and key not in tb_src else []
        co: Counter[Key] = Counter()
        for u in c.units:
            co.update(unit_keys[u])
        best: tuple[float, Key] | None = None
        scores: dict[Key, float] = {}
        for tk, n in co.items():
            if n < MIN_UNITS:
                continue
            cover = n / len(c.units)
            if cover < MIN_COVERAGE:
                continue
            dice = 2 * n / (len(c.units) + len(tgt_units[tk]))
            if tk in tb_tgt.get(key, ()):
                dice += 0.3
            if proper:
                tsurf = _surface(tgt[tk], tgt_lang, tgt_caps)[0][0]
                if rare and not any(name_similarity(r, w) >= 0.6 for r in rare for w in tsurf):
                    continue  # a name must transliterate, or it is no evidence
                dice += 0.2 * max(0.0, name_similarity(src_text, " ".join(tsurf)) - 0.5)
            scores[tk] = dice
            if best is None or (dice, len(tk)) > (best[0], len(best[1])):
                best = (dice, tk)
        if best is None or best[0] < MIN_DICE:
            continue
        dice, tk = best
        main_units = tgt_units[tk] & c.units
        n_main = len(main_units)
        if n_main <= LOW_COUNT and tk not in tb_tgt.get(key, ()) and not links.strong_low_count(key, tk):
            continue
        confidence = min(1.0, dice) * n_main / (n_main + 1)
        score = termhood[key] * confidence
        # one target, one source: a shorter/longer source sharing the same target keeps the best
        if tk in taken and taken[tk] >= score:
            continue
        taken[tk] = max(score, taken.get(tk, 0.0))
        if rare:
            src_text = _trim_name(variants[0][0], rare)
        elif base(src_lang) == "ru":
            src_text = citation_form(variants, src_lang)
        tgt_variants = _surface(tgt[tk], tgt_lang, tgt_caps)
        tgt_text = citation_form(tgt_variants, tgt_lang)
        if base(tgt_lang) == "ru" and base(src_lang) == "en" and not rare:
            src_text = _agree_number(variants, tgt_text, src_text)
        elif base(src_lang) == "ru" and base(tgt_lang) == "en":
            tgt_text = _agree_number(tgt_variants, src_text, tgt_text)
        terms = [Term(src_text, src_lang, "preferred", count=len(c.units), lemma=" ".join(key)),
                 Term(tgt_text, tgt_lang, "preferred", count=n_main, lemma=" ".join(tk))]
        tb = tb_src.get(key)
        ctx_unit = min(main_units, key=lambda u: (abs(len(units[u].source) - 120), u))
        note = "extracted automatically; check before use"
        if tb is not None:
            note += "; " + VERIFY_NOTE
        etype = tb.type if tb is not None else _entry_type(src_text, tgt_text,
                                                           _is_proper(c, src_lang), src_lang,
                                                           tgt_lang)
        entries.append((score, TermEntry(
            id="", terms=tuple(terms), subject=tb.subject if tb else None, type=etype, note=note,
            contexts={src_lang: units[ctx_unit].source, tgt_lang: units[ctx_unit].target},
            confidence=round(confidence, 3), score=round(score, 3),
            source=bitext.name,
        ), key, tk, main_units))
        links.main_of.setdefault(key, tk)
    # drop entries whose target was later claimed by a better-scoring source term
    kept = [x for x in entries if taken.get(x[3]) == x[0]]
    kept.sort(key=lambda x: -x[0])
    # variants once every main pair is known: a source term linked to its own translation
    # ("Belarus" -> "Белоруссия") is no rival for another term's variant
    links.main_of = {x[2]: x[3] for x in kept}
    out: list[TermEntry] = []
    seen: set[str] = set()
    for _, e, key, tk, main_units in kept:
        if len(out) >= max_terms:
            break
        if e.terms[0].text.casefold() in seen:
            continue
        seen.add(e.terms[0].text.casefold())
        alt = _variants(key, tk, main_units, links, tb_tgt.get(key, set()), len(units))
        full = e.terms + tuple(
            Term(citation_form(_surface(tgt[ak], tgt_lang, tgt_caps), tgt_lang), tgt_lang,
                 "admitted", count=n, lemma=" ".join(ak)) for ak, n in alt)
        out.append(TermEntry(f"t{len(out) + 1}", full, e.subject, e.type, e.note, e.definition,
                             e.contexts, e.confidence, e.score, e.source))
    return Glossary(tuple(out), (src_lang, tgt_lang), bitext.name)
