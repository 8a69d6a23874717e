"""Benchmark of ``parley check`` on the UN dev set (en-ru, 4,000 line-aligned units).

Usage: python -m bench.qa ../shared/data [--top 200] [--glossary FILE] [--n 200] [--seed 7]
       [--cases FILE]   # injected errors recorded to FILE, or replayed from it
       python -m bench.qa ../shared/data --held first   # measure the other un-dev half
       python -m bench.qa ../shared/data --wmt          # measure WMT21 en-ru news
       python -m bench.qa ../shared/data --doc-units 250  # clean flags on 250-unit documents too
       python -m bench.qa ../shared/data --speed-only --speed 2000 100000 [--speed-in tsv|memory]

Each measurement runs once per glossary source, one table row each: (a) the glossary
``parley.glossary.extract.extract_terms`` builds from the FIRST half (top ``--top`` entries, starter term
base as prior, as ``parley glossary extract`` does), (b) the starter term base, (c) the
hand-written list ``--glossary`` (default ``bench/un_terms.en-ru.txt``, about 50 common UN terms
with their UNTERM Russian translations). Everything is measured on the SECOND half (``--held
first``: on the first, the glossary extracted from the second; ``--wmt``: on WMT21 news), so a
setting chosen on one half is checked on text it was not chosen on.

1. Clean text: the key-term rule against literal string matching (what Xbench-style tools do):
   share of glossary term occurrences flagged; and the flags when the text is checked as
   shorter documents (``--doc-units``, default 500), which give the check less to read.
2. Injected term errors: in N units, the approved Russian term is replaced by another entry's
   translation inflected (pymorphy3) to the original case and number; share found.
3. Injected number errors: one number changed in N units; share found (no glossary needed).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from parley.align.model import Bitext, TranslationUnit
from parley.exports.glossary_io import read_glossary
from parley.glossary.findings import Finding
from parley.glossary.model import Glossary
from parley.glossary.numbers import NumberMention, extract_numbers
from parley.glossary.qa import check_bitext
from parley.glossary.qa.base import QAContext, TermSpec
from parley.glossary.qa.terms import TermUse, term_uses

HERE = Path(__file__).resolve().parent


def load_un(data: Path) -> list[TranslationUnit]:
    base = data / "un-dev" if (data / "un-dev").is_dir() else data
    en = (base / "UNv1.0.devset.en").read_text(encoding="utf-8").splitlines()
    ru = (base / "UNv1.0.devset.ru").read_text(encoding="utf-8").splitlines()
    if len(en) != len(ru):
        sys.exit(f"{base}: en and ru differ in length ({len(en)} / {len(ru)})")
    return [TranslationUnit(s, t, id=str(i + 1)) for i, (s, t) in enumerate(zip(en, ru, strict=True))]


def load_wmt(data: Path) -> list[TranslationUnit]:
    """WMT21 en-ru news test set: the English originals with the first human reference."""
    base = data / "wmt21-enru" if (data / "wmt21-enru").is_dir() else data
    en = (base / "newstest2021.en-ru.src.en").read_text(encoding="utf-8").splitlines()
    ru = (base / "newstest2021.en-ru.ref.A.ru").read_text(encoding="utf-8").splitlines()
    return [TranslationUnit(s, t, id=str(i + 1)) for i, (s, t) in enumerate(zip(en, ru, strict=True))]


def split(units: list[TranslationUnit], held: str) -> tuple[list[TranslationUnit], list[TranslationUnit]]:
    """(units the glossary is extracted from, units measured): un-dev halves, so settings chosen
    on one half are checked on the other."""
    n = len(units) // 2
    return (units[:n], units[n:]) if held == "second" else (units[n:], units[:n])


def literal(specs: tuple[TermSpec, ...], units: list[TranslationUnit]) -> tuple[int, int]:
    """Case-insensitive whole-word string search, as a literal QA tool does it."""
    occ = flagged = 0
    pats = [(re.compile(r"(?<!\w)" + re.escape(s.source) + r"(?!\w)", re.I),
             [t.lower() for t, _ in s.approved]) for s in specs]
    for u in units:
        src, tgt = u.source, u.target.lower().replace("ё", "е")
        for pat, tgts in pats:
            if pat.search(src):
                occ += 1
                flagged += not any(t in tgt for t in tgts)
    return occ, flagged


# ---------------------------------------------------------------- term injection
def _fold(text: str) -> str:
    return text.lower().replace("ё", "е")


def _morph():  # type: ignore[no-untyped-def]
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def _grammemes(morph, word: str, lemmas: frozenset[str]) -> set[str]:  # type: ignore[no-untyped-def]
    for p in morph.parse(word):
        if p.normal_form.replace("ё", "е") in lemmas and p.tag.case:
            return {str(g) for g in (p.tag.case, p.tag.number) if g}
    p = morph.parse(word)[0]
    return {str(g) for g in (p.tag.case, p.tag.number) if g}


def inflect_term(morph, term: str, grams: set[str]) -> str:  # type: ignore[no-untyped-def]
    """Put a nominative (multiword) term into the given case/number: words up to and including
    the first noun agree with it (adjectives take the noun's gender in the singular); the rest
    (genitive complements) stay as they are."""
    words = term.split()
    parses = [next((p for p in morph.parse(w) if "nomn" in p.tag), None) for w in words]
    head = next((k for k, p in enumerate(parses) if p is not None and p.tag.POS == "NOUN"),
                len(words) - 1)
    hp = parses[head]
    gender = str(hp.tag.gender) if hp is not None and hp.tag.gender else None
    out = []
    for k, (w, p) in enumerate(zip(words, parses, strict=True)):
        if k > head or p is None:
            out.append(w)
            continue
        want = set(grams)
        if k < head and "sing" in want and gender:
            want.add(gender)
        new = p.inflect(want) or p.inflect({g for g in want if g not in ("sing", "plur")})
        word = new.word if new else w
        if w[:1].isupper():
            word = word[:1].upper() + word[1:]
        out.append(word)
    return " ".join(out)


#: Related words (lemmas) a translator slips into a UN term: same part of speech, same domain,
#: wrong term (the examples of issue 13: атомного/ядерного, Хартии/Конвенции,
#: Полномочного/Постоянного). The injection inflects them into the grammatical form of the word
#: they replace, so only the word's identity changes.
RELATED: dict[str, tuple[str, ...]] = {
    "ядерный": ("атомный",), "атомный": ("ядерный",), "конвенция": ("хартия", "договор"),
    "хартия": ("конвенция",), "устав": ("хартия",), "постоянный": ("полномочный",),
    "полномочный": ("постоянный",), "генеральный": ("главный",), "совет": ("комитет",),
    "комитет": ("комиссия",), "комиссия": ("комитет",), "ассамблея": ("конференция",),
    "безопасность": ("защищенность",), "право": ("свобода",), "член": ("участник",),
    "участник": ("член",), "развитие": ("рост",), "резолюция": ("постановление",),
    "решение": ("постановление",), "доклад": ("отчет",), "отчет": ("доклад",),
    "государство": ("страна",), "страна": ("государство",), "организация": ("учреждение",),
    "объединенный": ("союзный",), "нация": ("народ",), "международный": ("межгосударственный",),
    "оружие": ("вооружение",), "вооружение": ("оружие",), "разоружение": ("демилитаризация",),
    "нераспространение": ("неразмещение",), "договор": ("соглашение",),
    "соглашение": ("договор",), "секретарь": ("секретариат",), "специальный": ("особый",),
    "докладчик": ("представитель",), "представитель": ("посланник",), "группа": ("команда",),
    "рабочий": ("целевой",), "мир": ("покой",), "операция": ("миссия",), "миссия": ("операция",),
    "поддержание": ("сохранение",), "устойчивый": ("стабильный",), "гуманитарный": ("социальный",),
    "помощь": ("содействие",), "содействие": ("помощь",), "человек": ("гражданин",),
    "программа": ("план",), "план": ("программа",), "сессия": ("заседание",),
    "заседание": ("совещание",), "совещание": ("заседание",), "конференция": ("ассамблея",),
    "делегация": ("миссия",), "правительство": ("администрация",), "беженец": ("переселенец",),
    "насилие": ("жестокость",), "женщина": ("девушка",), "ребенок": ("подросток",),
    "климат": ("погода",), "изменение": ("колебание",), "население": ("жители",),
    "гражданский": ("мирный",), "военный": ("вооруженный",), "вооруженный": ("военный",),
    "экономический": ("финансовый",), "социальный": ("общественный",),
    "региональный": ("местный",), "национальный": ("государственный",),
    "исполнительный": ("административный",), "директор": ("руководитель",),
    "бюджет": ("смета",), "мандат": ("полномочие",), "проект": ("план",),
    "повестка": ("программа",), "пункт": ("вопрос",), "вопрос": ("пункт",),
    "доступ": ("допуск",), "целостность": ("единство",), "суверенитет": ("независимость",),
    "терроризм": ("экстремизм",), "санкция": ("мера",), "механизм": ("инструмент",),
    "орган": ("учреждение",), "учреждение": ("орган",), "фонд": ("программа",),
    "комиссар": ("уполномоченный",), "верховный": ("высший",), "суд": ("трибунал",),
    "трибунал": ("суд",), "уголовный": ("криминальный",), "цель": ("задача",),
    "задача": ("цель",), "декларация": ("заявление",), "заявление": ("декларация",),
    "правосудие": ("правопорядок",), "верховенство": ("господство",), "гарантия": ("защита",),
    "защита": ("охрана",), "охрана": ("защита",), "контроль": ("надзор",), "надзор": ("контроль",),
}


def _word_variants(morph, word: str, lemmas: frozenset[str]) -> list[str]:  # type: ignore[no-untyped-def]
    """A related word inflected into ``word``'s case, number and gender (empty: none known)."""
    for p in morph.parse(word):
        lemma = p.normal_form.replace("ё", "е")
        if lemma not in RELATED or lemma not in lemmas:
            continue
        out = []
        for other in RELATED[lemma]:
            if other in lemmas:  # the glossary approves it for this term too: not an error
                continue
            q = next((q for q in morph.parse(other) if q.tag.POS == p.tag.POS), None)
            if q is None:
                continue
            grams = {str(g) for g in (p.tag.case, p.tag.number) if g}
            if p.tag.POS in ("ADJF", "PRTF") and p.tag.number == "sing" and p.tag.gender:
                grams.add(str(p.tag.gender))
            new = q.inflect(grams) if grams else q
            if new is not None:
                w = new.word
                out.append(w[:1].upper() + w[1:] if word[:1].isupper() else w)
        return out
    return []


def _replace_one_word(morph, target: str, span: tuple[int, int], rng: random.Random,  # type: ignore[no-untyped-def]
                      lemmas: frozenset[str]) -> tuple[str, str, str] | None:
    """Swap one word (or one part of a hyphenated word) inside ``span`` for a related word in
    the same form; ``(new target, old word, new word)``."""
    a, b = span
    slots = []
    for m in re.finditer(r"[^\W\d_]+", target[a:b]):
        for v in _word_variants(morph, m.group(), lemmas):
            slots.append((a + m.start(), a + m.end(), m.group(), v))
    if not slots:
        return None
    s, e, old, new = rng.choice(slots)
    if _fold(new) == _fold(old):
        return None
    return target[:s] + new + target[e:], old, new


#: replaces one word of a rendering's span in a target: (new target, old word, new word)
Replacer = Callable[[str, tuple[int, int], random.Random, TermUse], "tuple[str, str, str] | None"]


def _replace_ru(target: str, span: tuple[int, int], rng: random.Random,
                use: TermUse) -> tuple[str, str, str] | None:
    lemmas = frozenset().union(*(w.lemmas for _, ws in use.spec.approved for w in ws))
    return _replace_one_word(_morph(), target, span, rng, lemmas)


def inject_terms(units: list[TranslationUnit], uses: list[TermUse], n: int, rng: random.Random,
                 *, twice: bool = False, replace: Replacer = _replace_ru,
                 ) -> list[tuple[TranslationUnit, str, str, str]]:
    """Realistic term errors, one per unit: one word of an approved rendering found in the
    target is replaced by a related word in the same grammatical form («атомного» for
    «ядерного», «Хартии» for «Конвенции», «государства-участники» for «государства-члены»;
    ``replace`` does it, Russian by default). With ``twice``, only units whose source has
    the term twice and whose target has two renderings; one of them is changed, the other
    stays right (checked per occurrence)."""
    ok = [u for u in uses if u.used and len(u.tgt_spans) == len(u.spans)
          and (len(u.spans) >= 2 if twice else True) and all(b > a for a, b in u.tgt_spans)]
    rng.shuffle(ok)
    out: list[tuple[TranslationUnit, str, str, str]] = []
    seen_units: set[int] = set()
    for use in ok:
        if len(out) >= n:
            break
        if use.unit in seen_units:
            continue
        unit = units[use.unit]
        got = replace(unit.target, rng.choice(use.tgt_spans), rng, use)
        if got is None:
            continue
        target, old, new = got
        out.append((TranslationUnit(unit.source, target, id=unit.id), use.spec.source, old, new))
        seen_units.add(use.unit)
    return out


#: one injected term error: the changed unit, the term, the word replaced and its replacement
Case = tuple[TranslationUnit, str, str, str]


class CaseFile:
    """Injected term errors kept in a JSON file (``--cases``), so that two versions of the
    code judge the very same cases: a fresh sample follows the term occurrences found, and
    a rule that adds or removes one shifts it (at seed 7 by up to 8 points on its own). A key
    already in the file is replayed; a new one is drawn and recorded."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.cases: dict[str, list[dict[str, str | None]]] = {}
        self.new = False
        if path is not None and path.exists():
            self.cases = json.loads(path.read_text(encoding="utf-8"))

    def get(self, key: str, draw: Callable[[], list[Case]]) -> list[Case]:
        if key in self.cases:
            return [(TranslationUnit(str(c["source"]), str(c["target"]), id=c["id"]),
                     str(c["term"]), str(c["old"]), str(c["new"])) for c in self.cases[key]]
        got = draw()
        self.cases[key] = [{"source": u.source, "target": u.target, "id": u.id, "term": t,
                            "old": o, "new": n} for u, t, o, n in got]
        self.new = True
        return got

    def save(self) -> None:
        if self.path is not None and self.new:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(json.dumps(self.cases, ensure_ascii=False, indent=0),
                                 encoding="utf-8")


# ---------------------------------------------------------------- number injection
def inject_numbers(units: list[TranslationUnit], clean_bad: set[int], n: int,
                   rng: random.Random) -> list[tuple[TranslationUnit, str, str]]:
    def checkable(u: TranslationUnit) -> list[NumberMention]:
        """Target numbers with a counterpart in the source (numbering that only the Russian
        file carries cannot be checked against anything)."""
        src_vals = set().union(*(m.values for m in extract_numbers(u.source, "en")))
        return [m for m in extract_numbers(u.target, "ru") if m.kind == "number"
                and m.values & src_vals]

    idx = [i for i, u in enumerate(units) if i not in clean_bad and checkable(u)]
    rng.shuffle(idx)
    out = []
    for i in idx[:n]:
        u = units[i]
        mentions = checkable(u)
        m = rng.choice(mentions)
        digits = [k for k, ch in enumerate(m.text) if ch.isdigit()]
        k = rng.choice(digits)
        old = m.text[k]
        choices = [d for d in "0123456789" if d != old and not (k == digits[0] and d == "0")]
        new_text = m.text[:k] + rng.choice(choices) + m.text[k + 1:]
        target = u.target[:m.start] + new_text + u.target[m.end:]
        out.append((TranslationUnit(u.source, target, id=u.id), m.text, new_text))
    return out


@dataclass(frozen=True)
class TermFigures:
    """The key-term measurements for one glossary source."""

    label: str
    terms: int
    lit_occ: int
    lit_flag: int
    occ: int
    flags: int
    errors: int
    notes: int
    inj_once: tuple[int, int, int]  # found as flags, found as flags or notes, injected
    inj_twice: tuple[int, int, int]
    cpu: float


def glossary_sources(args: argparse.Namespace, units: list[TranslationUnit]) -> list[tuple[str, Glossary]]:
    """(label, glossary) for each source the table compares; ``units``: the un-dev units the
    extracted glossary is built from (the half not measured)."""
    from parley.glossary.extract import extract_terms
    from parley.glossary.termbase import load_starter_termbase

    out: list[tuple[str, Glossary]] = []
    other = "first" if args.held == "second" else "second"
    first = Bitext("en", "ru", tuple(units), f"un-dev {other} half")
    if "extracted" in args.sources:
        t0 = time.process_time()
        g = extract_terms(first, src_lang="en", tgt_lang="ru", termbase=load_starter_termbase(),
                          max_terms=args.top)
        print(f"extracted {len(g)} entries from the {other} half in {time.process_time() - t0:.0f} s "
              "CPU (starter term base as prior, as `parley glossary extract` does)", file=sys.stderr)
        out.append((f"extracted, {other} half, top {args.top}", g))
    if "starter" in args.sources:
        out.append(("starter term base", load_starter_termbase()))
    if "hand" in args.sources:
        out.append((f"hand-written ({args.glossary.name})",
                    read_glossary(args.glossary, src_lang="en", tgt_lang="ru")))
    return out


#: injected errors per copy of the document: 1 % of its units, a careless but real translation
PER_DOC = 20


def _ru_key(word: str) -> str:
    return str(_morph().parse(word.lower())[0].normal_form).replace("ё", "е")


def _batches(cases: list[tuple[TranslationUnit, str, str, str]],
             key: Callable[[str], str] = _ru_key) -> list[list[int]]:
    """Case indexes in copies of :data:`PER_DOC`, no two of one term in a copy: two slips of
    one term with one word would be a translator's habit, which the check rightly calls a
    variant (the same substitute in 2 units), not two independent slips. Nor two with the
    same new word (its dictionary form): each slip is measured as if it were the document's
    only one, and a word the copies' other slips put in more units is no longer the rare
    word it is in the document («защищённости» for "security" and for "Security Council")."""
    out: list[list[int]] = []
    keys: list[set[str]] = []
    for k, (_, term, _, new) in enumerate(cases):
        mine = {term, "\0" + key(new)}
        j = next((j for j, b in enumerate(out) if len(b) < PER_DOC and not mine & keys[j]), None)
        if j is None:
            out.append([])
            keys.append(set())
            j = len(out) - 1
        out[j].append(k)
        keys[j] |= mine
    return out


def _found(half: list[TranslationUnit], cases: list[tuple[TranslationUnit, str, str, str]],
           gloss: Glossary, tgt: str = "ru", key: Callable[[str], str] = _ru_key,
           ) -> tuple[int, int, list[int]]:
    """Injected units put back into the document, :data:`PER_DOC` at a time, each copy with
    different terms (see :func:`_batches`; QA judges a unit against the rest of the document
    too). Found as a flag = a key-term warning or error on the unit for the injected term, or
    one that marks the injected word (see :func:`_points_at`); the second count also takes
    notes (info), which the report lists apart; ``missed``: indexes of the cases not flagged."""
    at = {u.id: k for k, u in enumerate(half)}
    missed: list[int] = []
    noted = 0
    for batch in _batches(cases, key):
        doc = list(half)
        for k in batch:
            doc[at[cases[k][0].id]] = cases[k][0]
        ibt = Bitext("en", tgt, tuple(doc), "injected terms")
        found = check_bitext(ibt, gloss, rules=["key-term"])
        for k in batch:
            unit, term, _, new = cases[k]
            mine = [f for f in found if f.unit == at[unit.id]
                    and (f.details.get("term") == term or _points_at(f, unit.target, new))]
            if not any(f.severity != "info" for f in mine):
                missed.append(k)
            noted += bool(mine)
    return len(cases) - len(missed), noted, sorted(missed)


def _points_at(f: Finding, target: str, word: str) -> bool:
    """Whether finding ``f`` marks the injected ``word`` in the target: the slip reported under
    another entry of the unit (a longer junk entry's slip flagged by the real term inside it,
    «целей в области стабильного развития» for "sustainable development goals"), which a
    translator sees as well."""
    at = [(m.start(), m.end()) for m in re.finditer(r"(?<!\w)" + re.escape(word) + r"(?!\w)", target)]
    return any(side == "target" and a < e and s < b for side, a, b in f.spans for s, e in at)


def measure_terms(label: str, gloss: Glossary, half: list[TranslationUnit], args: argparse.Namespace,
                  sample: list[dict[str, str]], kept: CaseFile | None = None) -> TermFigures:
    bt = Bitext("en", "ru", tuple(half), "held-out text")
    t0 = time.process_time()
    ctx = QAContext(bt, gloss)
    uses = term_uses(ctx)
    key = check_bitext(bt, gloss, rules=["key-term"])
    flags = [f for f in key if f.severity != "info"]
    notes = len(key) - len(flags)
    cpu = time.process_time() - t0
    l_occ, l_flag = literal(ctx.term_specs, half)
    occ = sum(len(u.spans) for u in uses)
    print(f"\n## {label}: {len(ctx.term_specs)} source terms, key-term check {cpu:.1f} s CPU")
    if args.doc_units:
        print(f"clean flags with the text checked as documents of {args.doc_units} units: "
              f"{_flags_in_parts(half, gloss, args.doc_units)} ({len(flags)} as one document)")
    by_type = Counter(("exact", "lemma", "stem")[u.level] for u in uses)
    print("source matches by type: " + ", ".join(f"{k} {v}" for k, v in by_type.most_common()))
    top = Counter(f.details.get("term") for f in flags).most_common(10)
    print("most flagged terms: " + ", ".join(f"{t} {n}" for t, n in top))
    rng = random.Random(args.seed)
    for f in rng.sample(flags, min(args.show, len(flags))):
        print(f"  - {f.message} [{f.severity}] unit {f.unit_id}\n"
              f"    EN: {f.source[:300]}\n    RU: {f.target[:300]}")
    for f in flags:
        sample.append({"glossary": label, "rule": f.rule, "severity": f.severity,
                       "unit": f.unit_id or "", "message": f.message, "source": f.source,
                       "target": f.target, "judgement (true/false)": "", "why": ""})
    inj = []
    for twice in (False, True):
        def draw(twice: bool = twice) -> list[Case]:
            return inject_terms(half, uses, args.n, rng, twice=twice)

        name = f"{args.held}/{label}/{'twice' if twice else 'once'}/{args.seed}/{args.n}"
        cases = (kept or CaseFile(None)).get(name, draw)
        found, noted, missed = _found(half, cases, gloss)
        inj.append((found, noted, len(cases)))
        print(f"injected ({'twice' if twice else 'once'}), by rendering: "
              + by_rendering(cases, missed, ctx.term_specs))
        for i in missed[:args.missed]:
            _, term, old, new = cases[i]
            print(f"  missed ({'twice, one left' if twice else 'once'}): {term}: {old} -> {new}")
    errors = sum(f.severity == "error" for f in flags)
    return TermFigures(label, len(ctx.term_specs), l_occ, l_flag, occ, len(flags), errors, notes,
                       inj[0], inj[1], cpu)


def _flags_in_parts(half: list[TranslationUnit], gloss: Glossary, size: int) -> int:
    """Key-term flags when the text is checked as documents of ``size`` units: a shorter
    document gives the check less evidence of its own usage (which words it uses nowhere
    else, which substitute recurs), so its flags are fewer true ones; a user's document is
    often shorter than a bench half."""
    return sum(f.severity != "info"
               for k in range(0, len(half), size)
               for f in check_bitext(Bitext("en", "ru", tuple(half[k:k + size]), "document"),
                                     gloss, rules=["key-term"]))


def by_rendering(cases: list[Case], missed: list[int], specs: tuple[TermSpec, ...]) -> str:
    """The share found apart for terms rendered in one word and in several: a one-word
    rendering replaced by an everyday synonym («мандат» → «полномочие») leaves the unit no
    trace of the term, where a longer rendering keeps its other words around the slip."""
    single = {sp.source for sp in specs if all(len(ws) == 1 for _, ws in sp.approved)}
    lost = set(missed)
    parts = []
    for kind, one in (("one word", True), ("several words", False)):
        ks = [k for k, c in enumerate(cases) if (c[1] in single) == one]
        parts.append(f"{kind} {_share(sum(k not in lost for k in ks), len(ks))}")
    return ", ".join(parts)


def _share(k: int, n: int) -> str:
    return f"{k}/{n} = {k / n:.1%}" if n else "n/a"


def print_table(rows: list[TermFigures]) -> None:
    print("\n| glossary source | terms | literal: occ. / flagged | parley: occurrences | key-term flags "
          "(errors) | flags per 100 occ. | notes (info) | injected, once: flagged | once: flagged or "
          "noted | term twice, one right left: flagged | twice: flagged or noted | key-term CPU s |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        o, t = r.inj_once, r.inj_twice
        print(f"| {r.label} | {r.terms} | {_share(r.lit_flag, r.lit_occ)} | {r.occ} | {r.flags} "
              f"({r.errors}) | {100 * r.flags / max(r.occ, 1):.2f} | {r.notes} | {_share(o[0], o[2])} "
              f"| {_share(o[1], o[2])} | {_share(t[0], t[2])} | {_share(t[1], t[2])} | {r.cpu:.1f} |")
    print("\ntargets: >= 60% of flags true (judge the CSV; notes are not flags); injected terms "
          ">= 95% flagged")


def measure_numbers(half: list[TranslationUnit], args: argparse.Namespace,
                    sample: list[dict[str, str]]) -> None:
    bt = Bitext("en", "ru", tuple(half), "held-out text")
    rng = random.Random(args.seed)
    t0 = time.process_time()
    clean_num = check_bitext(bt, None, rules=["numbers"])
    t_num = time.process_time() - t0
    clean_bad = {f.unit for f in clean_num if f.unit is not None}
    where = "WMT21 news" if args.wmt else f"{args.held} half"
    print(f"\nnumbers rule on clean {where}: {len(clean_bad)} of {len(half)} units flagged "
          f"({len(clean_bad) / len(half):.1%}), {t_num:.1f} s CPU")
    for f in clean_num[: args.show]:
        print(f"  - {f.message}: {f.source[:90]} | {f.target[:90]}")
    for f in clean_num:
        sample.append({"glossary": "", "rule": f.rule, "severity": f.severity, "unit": f.unit_id or "",
                       "message": f.message, "source": f.source, "target": f.target,
                       "judgement (true/false)": "", "why": ""})
    ninj = inject_numbers(half, clean_bad, args.n, rng)
    nbt = Bitext("en", "ru", tuple(u for u, *_ in ninj), "injected numbers")
    nf = {f.unit for f in check_bitext(nbt, None, rules=["numbers"])}
    nfound = sum(i in nf for i in range(len(ninj)))
    print(f"injected number errors: {_share(nfound, len(ninj))} found (every one should be)")
    for i, (_, old, new) in enumerate(ninj):
        if i not in nf:
            print(f"  missed: {old} -> {new}")


def measure_speed(units: list[TranslationUnit], gloss: Glossary, n_units: int) -> None:
    """All rules on ``n_units`` units (the corpus repeated) with a 500-entry glossary."""
    import resource

    reps = (units * (n_units // len(units) + 1))[:n_units]
    bt = Bitext("en", "ru", tuple(TranslationUnit(u.source, u.target, id=str(i + 1))
                                  for i, u in enumerate(reps)), "speed")
    t0 = time.process_time()
    f = check_bitext(bt, gloss)
    cpu = time.process_time() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"speed: check (all rules) of {n_units:,} units with a {len(gloss)}-entry glossary: "
          f"{cpu:.1f} s CPU, {len(f)} findings, peak RSS so far {rss:.0f} MB")


def measure_check_file(units: list[TranslationUnit], gloss: Glossary, n_units: int, fmt: str) -> None:
    """What a user sees: ``parley check`` of an ``n_units``-unit file (the corpus repeated,
    written as ``fmt``) with the glossary (written as an OmegaT file), run as a child process
    whose own CPU time and peak RSS are reported (input reading, all rules, the CSV written).
    The file is read from disk, so every unit is text of its own, as in a real document."""
    import os
    import subprocess
    import tempfile

    from parley.exports.glossary_io import write_glossary
    from parley.exports.registry import write_bitext

    reps = (units * (n_units // len(units) + 1))[:n_units]
    bt = Bitext("en", "ru", tuple(TranslationUnit(u.source, u.target, id=str(i + 1))
                                  for i, u in enumerate(reps)), "speed")
    with tempfile.TemporaryDirectory(prefix="parley-bench-qa-") as tmp:
        path, gpath, out = Path(tmp, f"speed.{fmt}"), Path(tmp, "glossary.txt"), Path(tmp, "qa.csv")
        write_bitext(path, bt, fmt)
        write_glossary(gpath, gloss, src_lang="en", tgt_lang="ru")
        del bt, reps
        cmd = [sys.executable, "-m", "parley", "check", str(path), "-g", str(gpath), "-s", "en",
               "-t", "ru", "--csv", str(out)]
        with Path(tmp, "stderr").open("wb") as err:
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
            _, status, use = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode:
            sys.exit(f"parley check failed ({proc.returncode}): "
                     + Path(tmp, "stderr").read_text(encoding="utf-8", errors="replace")[-2000:])
        import csv

        with out.open(encoding="utf-8", newline="") as fh:
            n_found = sum(1 for _ in csv.DictReader(fh))
    print(f"speed: parley check of a {n_units:,}-unit {fmt.upper()} file with a {len(gloss)}-entry "
          f"glossary: {use.ru_utime + use.ru_stime:.1f} s CPU (user+sys, whole process), "
          f"{n_found} findings, peak RSS {use.ru_maxrss / 1024:.0f} MB")


def write_sample(path: Path, rows: list[dict[str, str]], k: int, seed: int) -> None:
    import csv

    rng = random.Random(seed)
    pick = rng.sample(rows, min(k, len(rows)))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(pick[0]) if pick else ["rule"])
        w.writeheader()
        w.writerows(pick)
    print(f"\n{len(pick)} random flags for a person to judge: {path}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", type=Path, help="../shared/data (or its un-dev folder)")
    ap.add_argument("--glossary", type=Path, default=HERE / "un_terms.en-ru.txt",
                    help="the hand-written list")
    ap.add_argument("--sources", nargs="+", default=["extracted", "starter", "hand"],
                    choices=["extracted", "starter", "hand"])
    ap.add_argument("--top", type=int, default=500, help="entries kept from the extracted glossary")
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--cases", type=Path, default=None,
                    help="JSON file of injected term errors: replayed where it has them, "
                         "recorded where not (judge two versions of the code on one sample)")
    ap.add_argument("--show", type=int, default=0, help="print this many random flagged examples")
    ap.add_argument("--missed", type=int, default=5,
                    help="print this many injected errors the check missed, per glossary source")
    ap.add_argument("--speed", type=int, nargs="*", default=[2000],
                    help="unit counts for the speed run (e.g. 2000 100000); none: skip")
    ap.add_argument("--speed-in", choices=["tmx", "tsv", "memory"], default="tmx",
                    help="speed run: `parley check` of a file in this format in a child process "
                         "(what a user sees: CPU and peak RSS of that process), or check_bitext "
                         "on units in memory in this process (memory: peak RSS so far, input "
                         "included)")
    ap.add_argument("--speed-only", action="store_true",
                    help="only the speed run (the largest glossary source, no quality tables)")
    ap.add_argument("--out", type=Path, default=Path("bench-out/qa"),
                    help="folder for the CSV of random flags to judge")
    ap.add_argument("--sample", type=int, default=40)
    ap.add_argument("--doc-units", type=int, default=500,
                    help="also count clean flags with the held-out text cut into documents of "
                         "this many units (0: not)")
    ap.add_argument("--held", choices=["first", "second"], default="second",
                    help="the un-dev half measured (the glossary is extracted from the other)")
    ap.add_argument("--wmt", action="store_true",
                    help="measure on WMT21 en-ru news (src + reference A) instead, with the "
                         "glossary extracted from the un-dev half not held")
    args = ap.parse_args(argv)

    units = load_un(args.data)
    train, half = split(units, args.held)
    if args.wmt:
        half = load_wmt(args.data)
    sample: list[dict[str, str]] = []
    if args.speed_only and "starter" in args.sources:
        args.sources = ["starter"]  # the largest source: no extraction needed
    sources = glossary_sources(args, train)
    if not args.speed_only:
        kept = CaseFile(args.cases)
        rows = [measure_terms(label, g, half, args, sample, kept) for label, g in sources]
        kept.save()
        print_table(rows)
        measure_numbers(half, args, sample)
    big = max(sources, key=lambda s: len(s[1]))[1] if sources else None
    if big is not None:
        for n in args.speed:
            speed_gloss = Glossary(big.entries[:500], big.langs, big.name)
            if args.speed_in == "memory":
                measure_speed(units, speed_gloss, n)
            else:
                measure_check_file(units, speed_gloss, n, args.speed_in)
    if not args.speed_only:
        write_sample(args.out / "flags-to-judge.csv", sample, args.sample, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
