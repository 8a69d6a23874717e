"""Benchmark of ``parley check`` on the UN dev set (en-ru, 4,000 line-aligned units).

Usage: python -m bench.qa ../shared/data [--top 200] [--glossary FILE] [--n 200] [--seed 7]

Each measurement runs once per glossary source, one table row each: (a) the glossary
``parley.glossary.extract.extract_terms`` builds from the FIRST half (top ``--top`` entries, starter term
base as prior, as ``parley glossary extract`` does), (b) the starter term base, (c) the
hand-written list ``--glossary`` (default ``bench/un_terms.en-ru.txt``, about 50 common UN terms
with their UNTERM Russian translations). Everything is measured on the SECOND half.

1. Clean text: the key-term rule against literal string matching (what Xbench-style tools do):
   share of glossary term occurrences flagged.
2. Injected term errors: in N units, the approved Russian term is replaced by another entry's
   translation inflected (pymorphy3) to the original case and number; share found.
3. Injected number errors: one number changed in N units; share found (no glossary needed).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from parley.align.model import Bitext, TranslationUnit
from parley.exports.glossary_io import read_glossary
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


#: Near-synonyms a careless translator might use instead of the approved UN term (nominative).
NEAR_SYNONYMS: dict[str, tuple[str, ...]] = {
    "Генеральная Ассамблея": ("Генеральное собрание",),
    "Совет Безопасности": ("Совет по безопасности",),
    "Генеральный секретарь": ("Генеральный директор",),
    "государства-члены": ("страны-члены", "страны-участницы"),
    "права человека": ("права людей",),
    "проект резолюции": ("проект решения",),
    "резолюция": ("решение",),
    "устойчивое развитие": ("стабильное развитие",),
    "изменение климата": ("климатические изменения",),
    "операции по поддержанию мира": ("миротворческие операции",),
    "развивающиеся страны": ("развивающиеся государства",),
    "гражданское общество": ("общественность",),
    "Специальный докладчик": ("Особый докладчик",),
    "Рабочая группа": ("Целевая группа",),
    "повестка дня": ("порядок дня",),
    "сессия": ("заседание",),
    "доклад": ("сообщение",),
    "конвенция": ("соглашение",),
    "делегация": ("представительство",),
    "коренные народы": ("коренное население",),
    "насилие": ("жестокость",),
    "терроризм": ("экстремизм",),
    "правительство": ("власти",),
    "техническая помощь": ("техническое содействие",),
    "верховенство права": ("господство права",),
    "беженцы": ("переселенцы",),
    "бюджет": ("смета",),
    "женщины": ("девушки",),
    "дети": ("подростки",),
    "программа": ("план",),
    "комитет": ("комиссия",),
    "мандат": ("полномочия",),
}


def inject_terms(units: list[TranslationUnit], uses: list[TermUse], specs: tuple[TermSpec, ...],
                 n: int, rng: random.Random, *, synonyms: bool = False,
                 ) -> list[tuple[TranslationUnit, str, str, str]]:
    """Replace an approved target term by another entry's translation or, with ``synonyms``,
    by a near-synonym from :data:`NEAR_SYNONYMS`, inflected like the original."""
    morph = _morph()
    ok = [u for u in uses if len(u.used) == 1 and len(u.tgt_spans) == 1
          and (not synonyms or u.used[0] in NEAR_SYNONYMS)]
    rng.shuffle(ok)
    out: list[tuple[TranslationUnit, str, str, str]] = []
    seen_units: set[int] = set()
    for use in ok:
        if len(out) >= n:
            break
        if use.unit in seen_units:
            continue
        unit = units[use.unit]
        a, b = use.tgt_spans[0]
        original = unit.target[a:b]
        approved_words = dict(use.spec.approved)[use.used[0]]
        lemmas = frozenset().union(*(w.lemmas for w in approved_words))
        others = [s for s in specs if s.source != use.spec.source
                  and not (frozenset().union(*(w.lemmas for _, ws in s.approved for w in ws)) & lemmas)]
        if synonyms:
            wrong = rng.choice(NEAR_SYNONYMS[use.used[0]])
        else:
            wrong = rng.choice(rng.choice(others).approved)[0]
        if _fold(wrong) in {_fold(t) for t, _ in use.spec.approved}:
            continue  # the glossary approves it for this term too: not an error
        head = next((w for w in re.findall(r"[\w-]+", original)
                     if _grammemes(morph, w, lemmas) and any(
                         p.tag.POS == "NOUN" for p in morph.parse(w)[:1])), original.split()[0])
        grams = _grammemes(morph, head, lemmas)
        new = inflect_term(morph, wrong, grams)
        if a == 0 and not new[:1].isupper():  # a segment starts with a capital
            new = new[:1].upper() + new[1:]
        if _fold(new) == _fold(original):
            continue  # another entry with the same translation ("Member State"/"Member States")
        target = unit.target[:a] + new + unit.target[b:]
        out.append((TranslationUnit(unit.source, target, id=unit.id), use.spec.source, original, new))
        seen_units.add(use.unit)
    return out


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
    flag: int
    inj_other: tuple[int, int]
    inj_syn: tuple[int, int]
    seconds: float


def glossary_sources(args: argparse.Namespace, units: list[TranslationUnit]) -> list[tuple[str, Glossary]]:
    """(label, glossary) for each source the table compares."""
    from parley.glossary.extract import extract_terms
    from parley.glossary.termbase import load_starter_termbase

    out: list[tuple[str, Glossary]] = []
    first = Bitext("en", "ru", tuple(units[: len(units) // 2]), "un-dev first half")
    if "extracted" in args.sources:
        t0 = time.perf_counter()
        g = extract_terms(first, src_lang="en", tgt_lang="ru", termbase=load_starter_termbase(),
                          max_terms=args.top)
        print(f"extracted {len(g)} entries from the first half in {time.perf_counter() - t0:.0f} s "
              "(starter term base as prior, as `parley glossary extract` does)", file=sys.stderr)
        out.append((f"extracted, first half, top {args.top}", g))
    if "starter" in args.sources:
        out.append(("starter term base", load_starter_termbase()))
    if "hand" in args.sources:
        out.append((f"hand-written ({args.glossary.name})",
                    read_glossary(args.glossary, src_lang="en", tgt_lang="ru")))
    return out


def measure_terms(label: str, gloss: Glossary, half: list[TranslationUnit], args: argparse.Namespace,
                  ) -> TermFigures:
    bt = Bitext("en", "ru", tuple(half), "un-dev second half")
    t0 = time.perf_counter()
    ctx = QAContext(bt, gloss)
    uses = term_uses(ctx)
    seconds = time.perf_counter() - t0
    flagged = [u for u in uses if not u.used]
    l_occ, l_flag = literal(ctx.term_specs, half)
    print(f"\n## {label}: {len(ctx.term_specs)} source terms, key-term check {seconds:.1f} s")
    by_type = Counter(("exact", "lemma", "stem")[u.level] for u in uses)
    print("source matches by type: " + ", ".join(f"{k} {v}" for k, v in by_type.most_common()))
    top = Counter(u.spec.source for u in flagged).most_common(10)
    print("most flagged terms: " + ", ".join(f"{t} {n}" for t, n in top))
    rng = random.Random(args.seed)
    for u in rng.sample(flagged, min(args.show, len(flagged))):
        expected = " / ".join(dict.fromkeys(t for t, _ in u.spec.approved))
        print(f"  - [{u.spec.source} -> {expected}] unit {half[u.unit].id}\n"
              f"    EN: {half[u.unit].source[:300]}\n    RU: {half[u.unit].target[:300]}")
    inj: dict[bool, tuple[int, int]] = {}
    for syn in (False, True):
        cases = inject_terms(half, uses, ctx.term_specs, args.n, rng, synonyms=syn)
        ibt = Bitext("en", "ru", tuple(u for u, *_ in cases), "injected terms")
        hit = {(f.unit, f.details.get("term")) for f in check_bitext(ibt, gloss, rules=["key-term"])}
        found = sum((i, term) in hit for i, (_, term, _, _) in enumerate(cases))
        inj[syn] = (found, len(cases))
        misses = [(x[1], x[2], x[3]) for i, x in enumerate(cases) if (i, x[1]) not in hit]
        for term, old, new in misses[:5]:
            print(f"  missed ({'near-synonym' if syn else 'other entry'}): {term}: {old} -> {new}")
    return TermFigures(label, len(ctx.term_specs), l_occ, l_flag, len(uses), len(flagged),
                       inj[False], inj[True], seconds)


def _share(k: int, n: int) -> str:
    return f"{k}/{n} = {k / n:.1%}" if n else "n/a"


def print_table(rows: list[TermFigures]) -> None:
    print("\n| glossary source | terms | literal: occ. / flagged | parley: occ. / flagged "
          "| parley / literal | injected other-entry term found | injected near-synonym found |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r.label} | {r.terms} | {_share(r.lit_flag, r.lit_occ)} | {_share(r.flag, r.occ)} "
              f"| {r.flag / max(r.lit_flag, 1):.2f}x | {_share(*r.inj_other)} | {_share(*r.inj_syn)} |")
    print("\ntargets: parley <= 0.33x literal and <= 5% of occurrences; injected terms >= 95% found")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", type=Path, help="../shared/data (or its un-dev folder)")
    ap.add_argument("--glossary", type=Path, default=HERE / "un_terms.en-ru.txt",
                    help="the hand-written list")
    ap.add_argument("--sources", nargs="+", default=["extracted", "starter", "hand"],
                    choices=["extracted", "starter", "hand"])
    ap.add_argument("--top", type=int, default=200, help="entries kept from the extracted glossary")
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--show", type=int, default=0, help="print this many random flagged examples")
    args = ap.parse_args(argv)

    units = load_un(args.data)
    half = units[len(units) // 2:]
    bt = Bitext("en", "ru", tuple(half), "un-dev second half")
    rows = [measure_terms(label, g, half, args) for label, g in glossary_sources(args, units)]
    print_table(rows)

    rng = random.Random(args.seed)
    t0 = time.perf_counter()
    clean_num = check_bitext(bt, None, rules=["numbers"])
    t_num = time.perf_counter() - t0
    clean_bad = {f.unit for f in clean_num if f.unit is not None}
    print(f"\nnumbers rule on clean second half: {len(clean_bad)} of {len(half)} units flagged "
          f"({len(clean_bad) / len(half):.1%}), {t_num:.1f} s")
    for f in clean_num[: args.show]:
        print(f"  - {f.message}: {f.source[:90]} | {f.target[:90]}")
    ninj = inject_numbers(half, clean_bad, args.n, rng)
    nbt = Bitext("en", "ru", tuple(u for u, *_ in ninj), "injected numbers")
    nf = {f.unit for f in check_bitext(nbt, None, rules=["numbers"])}
    nfound = sum(i in nf for i in range(len(ninj)))
    print(f"injected number errors: {_share(nfound, len(ninj))} found (target >= 98%; "
          "the same for every glossary source)")
    for i, (_, old, new) in enumerate(ninj):
        if i not in nf:
            print(f"  missed: {old} -> {new}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
