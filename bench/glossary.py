"""Measure glossary extraction on held-out units: ``python -m bench.glossary DATA_DIR [SEED_TSV]``.

On the UN dev set (``DATA_DIR/un-dev``) for en–ru and en–fr: extract from the first half of the
4,000 units; for each of the top 200 pairs, among the units of the other half whose source
contains the source term (lemma match), the share whose target contains the target term (lemma
match). A pair with >= 3 such units is confirmable; confirmed if the share is >= 0.5. For the
confirmable pairs, also count the held-out source-term units whose target holds the main target,
and those that hold the main target or one of its variants (the units a key-term check would
flag without the variants).
With a seed TSV, also print its top 50 pairs. With ``--tm-units N``, time the concordance index
on a synthetic N-unit TM (the UN en–ru units repeated, written to a temporary folder).
With ``--lookup``, time ``glossary lookup`` against the starter term base with a warm term-key
cache: per call in-process (the library) and as a ``parley`` process (CPU of the child).
With ``--units N``, time extraction (CPU seconds, peak RSS) on N en–ru units: un-dev repeated in
shuffled blocks of 50 with 1 % of the units dropped (issue 15's recipe), once as one bitext and
once as MAP over 10 parts + REDUCE (the corpus path).
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path

from parley.align.model import Bitext, TranslationUnit
from parley.glossary.extract import extract_terms
from parley.glossary.model import Glossary
from parley.glossary.morph import match_spans, term_lemmas, text_lemmas
from parley.glossary.termbase import load_starter_termbase


def _un_bitext(data: Path, src: str, tgt: str) -> Bitext:
    s = (data / "un-dev" / f"UNv1.0.devset.{src}").read_text("utf-8").splitlines()
    t = (data / "un-dev" / f"UNv1.0.devset.{tgt}").read_text("utf-8").splitlines()
    units = tuple(TranslationUnit(a, b, id=str(i)) for i, (a, b) in enumerate(zip(s, t, strict=True)))
    return Bitext(src, tgt, units, f"un-dev.{src}-{tgt}")


@dataclass(frozen=True)
class HeldOut:
    """Held-out figures for the top pairs of a glossary."""

    pairs: int
    confirmable: int
    confirmed: int
    variants: int  # admitted target variants among the confirmable pairs
    units: int  # held-out units holding a confirmable source term
    covered_main: int  # ... whose target holds the main target
    covered_all: int  # ... whose target holds the main target or a variant


def held_out(glossary: Glossary, test: Bitext, top: int = 200) -> HeldOut:
    """Confirmation of the main targets on ``test``, and how many more source-term units the
    variants account for (each such unit is a key-term false alarm the variants spare)."""
    src_toks = [text_lemmas(u.source, test.src_lang) for u in test.units]
    tgt_toks = [text_lemmas(u.target, test.tgt_lang) for u in test.units]
    confirmable = confirmed = n_var = n_units = cov_main = cov_all = 0
    entries = glossary.entries[:top]
    for e in entries:
        s, t = e.main_term(test.src_lang), e.main_term(test.tgt_lang)
        if s is None or t is None:
            continue
        sl, tl = term_lemmas(s.text, test.src_lang), term_lemmas(t.text, test.tgt_lang)
        hits = [i for i, toks in enumerate(src_toks) if match_spans(toks, sl)]
        if len(hits) < 3:
            continue
        confirmable += 1
        main = [i for i in hits if match_spans(tgt_toks[i], tl)]
        confirmed += len(main) / len(hits) >= 0.5
        alts = [term_lemmas(v.text, test.tgt_lang) for v in e.approved_in(test.tgt_lang)[1:]]
        n_var += len(alts)
        n_units += len(hits)
        cov_main += len(main)
        cov_all += len(main) + sum(1 for i in set(hits) - set(main)
                                   if any(match_spans(tgt_toks[i], a) for a in alts))
    return HeldOut(len(entries), confirmable, confirmed, n_var, n_units, cov_main, cov_all)


def bench_tm(data: Path, n_units: int) -> None:
    """Index build time, index size and lookup latency on an ``n_units`` TM."""
    import tempfile

    from parley.exports.registry import read_bitext
    from parley.glossary.lookup import concordance, index_path, open_tm_index

    b = _un_bitext(data, "en", "ru")
    with tempfile.TemporaryDirectory() as tmp:
        tm = Path(tmp) / "big.tsv"
        with tm.open("w", encoding="utf-8") as fh:
            fh.write("en\tru\n")
            for i in range(n_units):
                u = b.units[i % len(b.units)]
                fh.write(f"{u.source}\t{u.target}\n")
        t0 = time.perf_counter()
        con, s, t, _ = open_tm_index(tm, lambda p: read_bitext(p))
        build = time.perf_counter() - t0
        size = index_path(tm).stat().st_size / 2**20
        print("\n| TM units | TM MiB | index build s | index MiB | query | hits | query ms |")
        print("|---|---|---|---|---|---|---|")
        for q in ("Security Council", "Совета Безопасности", "strategic stability", "sanctions",
                  "nuclear disarmament"):
            t1 = time.perf_counter()
            hits = concordance(con, s, t, q, limit=20)
            ms = (time.perf_counter() - t1) * 1000
            print(f"| {n_units} | {tm.stat().st_size / 2**20:.0f} | {build:.1f} | {size:.0f} | {q} "
                  f"| {len(hits)} | {ms:.0f} |")
        t1 = time.perf_counter()
        con.close()
        con, *_ = open_tm_index(tm, lambda p: read_bitext(p))
        print(f"reopen (index up to date): {(time.perf_counter() - t1) * 1000:.0f} ms")
        con.close()


def synthetic(data: Path, n_units: int, seed: int = 7) -> Bitext:
    """``n_units`` en–ru units: un-dev in shuffled blocks of 50, 1 % dropped."""
    import random

    b = _un_bitext(data, "en", "ru")
    rng = random.Random(seed)
    blocks = [b.units[i:i + 50] for i in range(0, len(b.units), 50)]
    units: list[TranslationUnit] = []
    while len(units) < n_units:
        rng.shuffle(blocks)
        for blk in blocks:
            units.extend(u for u in blk if rng.random() >= 0.01)
    return Bitext("en", "ru", tuple(units[:n_units]), f"un-dev x{n_units}")


def bench_speed(data: Path, n_units: int) -> None:
    """CPU seconds and peak RSS of extraction on ``n_units`` units."""
    import resource

    from parley.glossary.extract import gather_stats, rank_terms

    b = synthetic(data, n_units)
    tb = load_starter_termbase()
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.process_time()
    g = extract_terms(b, src_lang="en", tgt_lang="ru", termbase=tb, max_terms=500)
    cpu = time.process_time() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"extract_terms: {n_units} units, {len(g)} entries, {cpu:.1f} s CPU, "
          f"peak RSS {rss:.0f} MiB (before: {rss0:.0f} MiB)")
    k = 10
    size = -(-len(b.units) // k)
    t0 = time.process_time()
    parts = [gather_stats(Bitext("en", "ru", b.units[i:i + size], b.name), src_lang="en",
                          tgt_lang="ru", termbase=tb) for i in range(0, len(b.units), size)]
    t_map = time.process_time() - t0
    g2 = rank_terms(sum(parts[1:], parts[0]), termbase=tb, max_terms=500)
    cpu2 = time.process_time() - t0
    same = [e.terms for e in g2] == [e.terms for e in g]
    print(f"MAP over {k} parts + REDUCE: {cpu2:.1f} s CPU ({t_map:.1f} s map), "
          f"same glossary: {same}")


LOOKUP_QUERIES = ("Совета Безопасности", "государств-членов", "Security Council",
                  "nuclear weapons", "Conseil de sécurité", "no such term here")


def bench_lookup(calls: int = 3) -> None:
    """Per-call CPU of a warm lookup (the cached lemma keys of the starter term base, keyed by a
    hash of its terms, are built by the first call), in-process and through the CLI."""
    import resource
    import subprocess

    from parley.glossary.lookup import lookup

    tb = load_starter_termbase()
    t0 = time.process_time()
    lookup("x", [tb])
    print(f"first call (builds or loads the term-key cache): {time.process_time() - t0:.3f} s CPU")
    print("| query | hits | in-process CPU s (median) | `parley glossary lookup` CPU s (median) |")
    print("|---|---|---|---|")
    for q in LOOKUP_QUERIES:
        lib, cli = [], []
        for _ in range(calls):
            t = time.process_time()
            hits = lookup(q, [tb])
            lib.append(time.process_time() - t)
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run([sys.executable, "-m", "parley", "glossary", "lookup", q, "--json"],
                           check=True, capture_output=True)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cli.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        print(f"| {q} | {len(hits)} | {sorted(lib)[calls // 2]:.3f} | {sorted(cli)[calls // 2]:.3f} |")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-c", "import parley.cli"], check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"\npython + `import parley.cli` alone: "
          f"{after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime:.3f} s CPU")


def main(argv: list[str]) -> None:
    if "--lookup" in argv:
        bench_lookup()
        return
    if not argv:
        raise SystemExit(__doc__)
    if "--units" in argv:
        bench_speed(Path(argv[0]), int(argv[argv.index("--units") + 1]))
        return
    if "--tm-units" in argv:
        i = argv.index("--tm-units")
        bench_tm(Path(argv[0]), int(argv[i + 1]))
        return
    data = Path(argv[0])
    tb = load_starter_termbase()
    print("| pair | train units | pairs | confirmable | confirmed | precision | variants "
          "| term units | covered by main | + variants | seconds |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for tgt in ("ru", "fr"):
        b = _un_bitext(data, "en", tgt)
        half = len(b.units) // 2
        train = Bitext("en", tgt, b.units[:half], b.name)
        test = Bitext("en", tgt, b.units[half:], b.name)
        t0 = time.perf_counter()
        g = extract_terms(train, src_lang="en", tgt_lang=tgt, termbase=tb, max_terms=200)
        secs = time.perf_counter() - t0
        h = held_out(g, test)
        prec = h.confirmed / h.confirmable if h.confirmable else 0.0
        print(f"| en-{tgt} | {half} | {h.pairs} | {h.confirmable} | {h.confirmed} | {prec:.3f} "
              f"| {h.variants} | {h.units} | {h.covered_main} | {h.covered_all} | {secs:.1f} |")
    if len(argv) > 1:
        from parley.exports.registry import read_bitext

        seed = read_bitext(argv[1])
        g = extract_terms(seed, src_lang=seed.src_lang, tgt_lang=seed.tgt_lang, termbase=tb,
                          max_terms=50)
        print(f"\nTop 50 pairs of {Path(argv[1]).name}:\n")
        print("| # | source | target | variants | type | confidence |")
        print("|---|---|---|---|---|---|")
        for i, e in enumerate(g.entries, 1):
            s_term, t_terms = e.main_term(seed.src_lang), e.terms_in(seed.tgt_lang)
            var = ", ".join(f"{t.text} ({t.count})" for t in t_terms[1:])
            print(f"| {i} | {s_term.text if s_term else ''} | {t_terms[0].text} ({t_terms[0].count}) "
                  f"| {var} "
                  f"| {e.type} | {e.confidence} |")


if __name__ == "__main__":
    main(sys.argv[1:])
