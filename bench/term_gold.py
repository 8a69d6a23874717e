"""Score glossary extraction against the judged term reference:
``python -m bench.term_gold DATA_DIR [--top 300] [--half all|first|second] [--show N]``.

``DATA_DIR/term-gold`` is a terminologist's judgement of un-dev en-ru (read its README); this
bench implements its scoring rules exactly. Both sides are normalised (case-fold, ё→е, ``<<``/``>>``
dropped, spaces collapsed, dash variants unified). Among the top ``--top`` entries an entry is
*correct* if its source is a ``terms.tsv`` source and its target the target or a listed variant;
*wrong* if its source is a ``terms.tsv`` source with another target, or its source (or exact
``source → target`` pair) is in ``not-terms.tsv``; otherwise *unjudged* (listed, left out of
precision). Recall = share of ``terms.tsv`` rows with freq ≥ 3 found among the entries with an
accepted target. The *lenient* figure also maps a plural/singular source to its gold row and
accepts a lemma-level target match.

``--misses`` prints every missed reference row (freq >= 3, not found in the top ``--top``) with
the step that lost it: never a candidate, filtered (fragment, general word, phrase about a name,
verb form), ranked out before pairing, no pair, target taken by another source term, ranked
below the cut, wrong target, or another citation form of the source.

``--half first|second`` extracts from one half of the 4,000 lines only (settings were developed
on the first half; the second is the check). Recall then counts the gold rows seen ≥ 3 times in
that half (a case-insensitive substring count, plural allowed: the README's own rule).

The reference is for MEASUREMENT only: nothing in it is read by the extractor.
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from parley.align.model import Bitext, TranslationUnit
from parley.glossary.extract import extract_terms
from parley.glossary.model import Glossary
from parley.glossary.termbase import load_starter_termbase

_DASHES = re.compile(r"\s*(?:--|[‐‑‒–—-])\s*")


def norm(text: str) -> str:
    """The README's normalisation of either side."""
    t = text.casefold().replace("ё", "е").replace("<<", "").replace(">>", "")
    t = t.replace("«", "").replace("»", "")
    t = _DASHES.sub("-", t)
    return " ".join(t.split())


def _lemma_key(text: str, lang: str) -> str:
    from parley.glossary.morph import get_lemmatizer, words

    lem = get_lemmatizer(lang)
    return " ".join(lem.lemma(w) for w in words(norm(text)))


@dataclass
class Gold:
    """The judged reference, normalised."""

    targets: dict[str, set[str]] = field(default_factory=dict)  # source -> accepted targets
    freq: dict[str, int] = field(default_factory=dict)
    display: dict[str, str] = field(default_factory=dict)
    not_terms: set[str] = field(default_factory=set)
    not_pairs: set[tuple[str, str]] = field(default_factory=set)


def load_gold(folder: Path) -> Gold:
    g = Gold()
    rows = (folder / "un-dev.en-ru.terms.tsv").read_text("utf-8").splitlines()[1:]
    for line in rows:
        cols = line.split("\t")
        if len(cols) < 5:
            continue
        src = norm(cols[0])
        accepted = {norm(cols[1])} | {norm(v) for v in cols[2].split("|") if v.strip()}
        g.targets.setdefault(src, set()).update(accepted)
        g.freq[src] = max(g.freq.get(src, 0), int(cols[4] or 0))
        g.display[src] = cols[0]
    for line in (folder / "un-dev.en-ru.not-terms.tsv").read_text("utf-8").splitlines()[1:]:
        cand = line.split("\t")[0]
        if "→" in cand:
            s, t = cand.split("→", 1)
            g.not_pairs.add((norm(s), norm(t)))
        elif cand.strip():
            g.not_terms.add(norm(cand))
    return g


@dataclass
class Score:
    correct: int
    wrong: int
    unjudged: list[tuple[str, str]]
    wrong_list: list[tuple[str, str]]
    found: set[str]
    recall_base: int

    @property
    def precision(self) -> float:
        return self.correct / (self.correct + self.wrong) if self.correct + self.wrong else 0.0

    @property
    def recall(self) -> float:
        return len(self.found) / self.recall_base if self.recall_base else 0.0


def _lenient_source(src: str, gold: Gold) -> str | None:
    for cand in (src, src + "s", src[:-1] if src.endswith("s") else "", src + "es",
                 src[:-2] if src.endswith("es") else ""):
        if cand and cand in gold.targets:
            return cand
    return None


def score(pairs: list[tuple[str, list[str]]], gold: Gold, top: int, freqs: dict[str, int],
          lenient: bool = False) -> Score:
    """``pairs``: (source, [main target, variants...]) best first. Only the main target is judged
    for precision; any listed target counts for recall (the README: "with an accepted target")."""
    correct = wrong = 0
    unjudged: list[tuple[str, str]] = []
    wrongs: list[tuple[str, str]] = []
    found: set[str] = set()
    lem_targets: dict[str, set[str]] = {}
    if lenient:
        lem_targets = {s: {_lemma_key(t, "ru") for t in ts} for s, ts in gold.targets.items()}
    for src_raw, tgts_raw in pairs[:top]:
        src, tgts = norm(src_raw), [norm(t) for t in tgts_raw]
        if lenient:
            src = _lenient_source(src, gold) or src
        accepted = gold.targets.get(src)
        if accepted is not None:
            ok = tgts[0] in accepted
            if lenient and not ok:
                ok = _lemma_key(tgts[0], "ru") in lem_targets[src]
            if ok:
                correct += 1
            else:
                wrong += 1
                wrongs.append((src_raw, tgts_raw[0]))
            if any(t in accepted for t in tgts) or ok:
                found.add(src)
        elif src in gold.not_terms or (src, tgts[0]) in gold.not_pairs:
            wrong += 1
            wrongs.append((src_raw, tgts_raw[0]))
        else:
            unjudged.append((src_raw, tgts_raw[0]))
    base = {s for s, f in freqs.items() if f >= 3}
    return Score(correct, wrong, unjudged, wrongs, found & base, len(base))


def half_freqs(gold: Gold, src_lines: list[str]) -> dict[str, int]:
    """Gold rows' line counts in ``src_lines`` (case-insensitive; plural allowed)."""
    low = [norm(s) for s in src_lines]
    out: dict[str, int] = {}
    for src in gold.targets:
        pat = re.compile(r"(?<!\w)" + re.escape(src) + r"(?:s|es)?(?!\w)")
        out[src] = sum(1 for line in low if pat.search(line))
    return out


def un_bitext(data: Path, tgt: str, half: str) -> Bitext:
    s = (data / "un-dev" / "UNv1.0.devset.en").read_text("utf-8").splitlines()
    t = (data / "un-dev" / f"UNv1.0.devset.{tgt}").read_text("utf-8").splitlines()
    units = [TranslationUnit(a, b, id=str(i)) for i, (a, b) in enumerate(zip(s, t, strict=True))]
    mid = len(units) // 2
    units = {"all": units, "first": units[:mid], "second": units[mid:]}[half]
    return Bitext("en", tgt, tuple(units), f"un-dev.en-{tgt}.{half}")


def glossary_pairs(g: Glossary, src: str, tgt: str) -> list[tuple[str, list[str]]]:
    out: list[tuple[str, list[str]]] = []
    for e in g.entries:
        s, ts = e.main_term(src), e.terms_in(tgt)
        if s is not None and ts:
            out.append((s.text, [t.text for t in ts]))
    return out


def misses(b: Bitext, gold: Gold, top: int, freqs: dict[str, int]) -> list[tuple[str, ...]]:
    """(step, source, gold target, freq, detail) of each missed reference row: where recall is
    lost. Replays :func:`rank_terms`'s steps on the text's statistics."""
    from parley.glossary import extract as x
    from parley.glossary.morph import get_lemmatizer, tokenize
    from parley.glossary.stats import gather_stats

    tb = load_starter_termbase()
    stats = gather_stats(b, src_lang="en", tgt_lang="ru", termbase=tb)
    g = x.rank_terms(stats, termbase=tb, max_terms=max(top, 500))
    pairs = glossary_pairs(g, "en", "ru")
    pos: dict[str, tuple[int, list[str]]] = {}
    for i, (s, ts) in enumerate(pairs):
        pos.setdefault(norm(s), (i, ts))
    found = score(pairs, gold, top, freqs).found
    tbi = x.termbase_index(tb, "en", "ru")
    termhood = x._termhood(stats.src, tbi, stats.src.cap_words())
    ranked = sorted((k for k in termhood if termhood[k] > 0), key=lambda k: (-termhood[k], k))
    cut = max(top, 500) * 4
    rank_of = {k: i for i, k in enumerate(ranked)}
    r = x._Ranker.build(stats, tbi, False, ranked[:cut])
    by_key = {tuple(((e.main_term("en") or e.terms[0]).lemma or "").split()): e
              for e in g.entries}
    main_tk = {tuple((t.lemma or "").split()): e for e in g.entries for t in e.terms_in("ru")[:1]}
    lem = get_lemmatizer("en")
    out: list[tuple[str, ...]] = []
    for src in sorted({s for s, f in freqs.items() if f >= 3} - found, key=lambda s: -freqs[s]):
        key = tuple(lem.lemma(w) for _, _, w in tokenize(gold.display[src]))
        c = stats.src.cands.get(key)
        if src in pos:
            i, ts = pos[src]
            ok = any(norm(t) in gold.targets[src] for t in ts)
            step = ("ranked below the cut" if ok else "wrong target") if i >= top else "wrong target"
            detail = f"#{i + 1} → {ts[0]}"
        elif c is None or c.n_units < 2:
            step, detail = "never a candidate", ""
        elif key in by_key:
            e = by_key[key]
            step = "another citation form"
            detail = f"{e.terms[0].text} → {e.terms_in('ru')[0].text}"
        elif termhood.get(key, 0) <= 0:
            step = "filtered"
            detail = f"freq {c.freq}, inside longer names {c.embedded}, verb-form starts {c.verbal}"
        elif rank_of[key] >= cut:
            step, detail = "ranked out before pairing", f"termhood rank {rank_of[key] + 1}"
        else:
            p = r.pair(key, termhood[key])
            if p is None:
                step, detail = "no pair", ""
            elif p.tk in main_tk:
                step = "target taken by another source"
                detail = f"{main_tk[p.tk].terms[0].text} → {main_tk[p.tk].terms_in('ru')[0].text}"
            else:
                step, detail = "ranked below the cut", f"score {p.score:.2f}"
        out.append((step, gold.display[src], sorted(gold.targets[src])[0], str(freqs[src]),
                    detail))
    return out


def _arg(argv: list[str], name: str, default: str) -> str:
    return argv[argv.index(name) + 1] if name in argv else default


def main(argv: list[str]) -> None:
    if not argv:
        raise SystemExit(__doc__)
    data = Path(argv[0])
    top = int(_arg(argv, "--top", "300"))
    show = int(_arg(argv, "--show", "40"))
    gold = load_gold(data / "term-gold")
    halves = [_arg(argv, "--half", "all")] if "--half" in argv else ["all", "first", "second"]
    print("| lines | top | correct | wrong | unjudged | precision (strict) | recall (strict) "
          "| precision (lenient) | recall (lenient) | CPU s |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    tb = load_starter_termbase()
    last: Score | None = None
    for half in halves:
        b = un_bitext(data, "ru", half)
        t0 = time.process_time()
        g = extract_terms(b, src_lang="en", tgt_lang="ru", termbase=tb, max_terms=max(top, 500))
        cpu = time.process_time() - t0
        pairs = glossary_pairs(g, "en", "ru")
        freqs = gold.freq if half == "all" else half_freqs(gold, [u.source for u in b.units])
        st = score(pairs, gold, top, freqs)
        le = score(pairs, gold, top, freqs, lenient=True)
        print(f"| {half} ({len(b.units)}) | {top} | {st.correct} | {st.wrong} | {len(st.unjudged)} "
              f"| {st.precision:.3f} | {st.recall:.3f} | {le.precision:.3f} | {le.recall:.3f} "
              f"| {cpu:.1f} |")
        last = st
        if "--verbose" in argv:
            print(f"\nWrong ({half}):", "; ".join(f"{s} → {t}" for s, t in st.wrong_list))
            print(f"\nUnjudged ({half}):", "; ".join(f"{s} → {t}" for s, t in st.unjudged[:show]))
            print()
        if "--misses" in argv:
            rows = misses(b, gold, top, freqs)
            print(f"\nMissed reference rows ({half}, {len(rows)}):")
            for step, n in Counter(r[0] for r in rows).most_common():
                print(f"- {step}: {n}")
            for row in sorted(rows):
                print(" | ".join(row))
            print()
    if last is not None and "--verbose" not in argv:
        print(f"\nUnjudged entries in the top {top} ({halves[-1]}), first {show}:")
        for s, t in last.unjudged[:show]:
            print(f"- {s} → {t}")


if __name__ == "__main__":
    main(sys.argv[1:])
