"""The reduce side of a corpus run: everything computed over all finished pairs at once.

Parts are read one at a time in manifest order, so memory follows the largest document, not
the corpus: the corpus TMX is streamed unit by unit through parley's TMX writer.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parley.corpus.model import CorpusOptions
from parley.corpus.store import units_dir

TMX_NAME = "corpus.tmx"
UNALIGNED_NAME = "corpus.unaligned.tsv"
GLOSSARY_TBX = "corpus.glossary.tbx"
GLOSSARY_OMEGAT = "corpus.glossary.tsv"
QA_NAME = "corpus.qa.json"


def read_part(path: Path) -> Any:
    import polars as pl

    return pl.read_parquet(path)


def part_units(path: Path) -> Iterator[Any]:
    """The units of one part as TranslationUnits (what parley's writers and checks take)."""
    from parley.align.model import TranslationUnit

    for row in read_part(path).iter_rows(named=True):
        conf, para = row["confidence"], row["paragraph"]
        yield TranslationUnit(
            row["source"] or "", row["target"] or "", id=row["id"], confidence=conf,
            bead=row["bead"], origin=row["origin"] or "human", document=row["document"],
            paragraph=None if para is None else int(para),
        )


def corpus_units(outdir: Path, parts: Iterable[str]) -> Iterator[Any]:
    for name in parts:
        yield from part_units(units_dir(outdir) / name)


def write_corpus_tmx(outdir: Path, parts: list[str], opts: CorpusOptions) -> dict[str, Any]:
    """``corpus.tmx`` from the parts, streamed; units with an empty side go to
    ``corpus.unaligned.tsv`` (never lost)."""
    from parley.exports.tmx import write_units

    report = write_units(outdir / TMX_NAME, corpus_units(outdir, parts), opts.src_lang,
                         opts.tgt_lang, unaligned_path=outdir / UNALIGNED_NAME)
    return {"units": report.written, "unaligned": report.skipped_empty_side,
            "illegal_chars_removed": report.illegal_chars_removed}


# --- corpus glossary (computed in parley.corpus.terms) -----------------------------------------


def write_corpus_glossary(outdir: Path, glossary: Any, opts: CorpusOptions) -> dict[str, str]:
    from parley.exports.glossary_io import write_glossary

    out = {}
    for name, fmt in ((GLOSSARY_TBX, None), (GLOSSARY_OMEGAT, "omegat")):
        write_glossary(outdir / name, glossary, fmt, src_lang=opts.src_lang, tgt_lang=opts.tgt_lang)
        out["glossary_" + ("tbx" if fmt is None else "omegat")] = str(outdir / name)
    return out


# --- corpus QA: term consistency across documents ----------------------------------------------


@dataclass(frozen=True)
class DocTermUse:
    """How one document renders one glossary source term: the approved target terms found in
    each unit where the term occurs (empty: none of them)."""

    document: str
    term: str
    unit: str
    used: tuple[str, ...]


def document_term_uses(path: Path, glossary: Any, src_lang: str, tgt_lang: str) -> list[DocTermUse]:
    """MAP of the corpus QA (runs on a worker): the glossary terms each aligned unit of one
    part uses, and which approved translations its target has."""
    from parley.align.model import Bitext
    from parley.glossary.qa.base import QAContext
    from parley.glossary.qa.terms import term_uses

    units = tuple(u for u in part_units(path) if u.source and u.target)
    if not units:
        return []
    ctx = QAContext(Bitext(src_lang, tgt_lang, units, None), glossary)
    doc = units[0].document or path.name
    return [DocTermUse(doc, use.spec.source, units[use.unit].id or str(use.unit + 1), use.used)
            for use in term_uses(ctx)]


@dataclass
class TermSpread:
    term: str
    approved: tuple[str, ...] = ()
    variants: dict[str, set[str]] = field(default_factory=dict)  # target term -> documents
    missing: list[tuple[str, str]] = field(default_factory=list)  # (document, unit)

    def as_dict(self) -> dict[str, Any]:
        docs = set().union(*self.variants.values()) if self.variants else set()
        return {"term": self.term, "approved": list(self.approved),
                "documents": len(docs | {d for d, _ in self.missing}),
                "variants": {t: sorted(d) for t, d in sorted(self.variants.items())},
                "inconsistent": len(self.variants) > 1,
                "not_translated": [{"document": d, "unit": u}
                                   for d, u in sorted(self.missing, key=_place_key)]}


def _place_key(place: tuple[str, str]) -> tuple[str, int, str]:
    """Document, then unit in reading order ("3" before "20"): the reduce reads parts in the
    order workers finish them, and the report must not depend on that."""
    doc, unit = place
    return doc, int(unit) if unit.isdigit() else -1, unit


def reduce_term_uses(uses: Iterable[DocTermUse], glossary: Any, src_lang: str,
                     tgt_lang: str) -> dict[str, Any]:
    """REDUCE of the corpus QA: per glossary term, which translation each document uses.
    A term rendered one way in some documents and another way in others is inconsistent."""
    spreads: dict[str, TermSpread] = {}
    for use in uses:
        s = spreads.setdefault(use.term, TermSpread(use.term))
        if use.used:
            for t in use.used:
                s.variants.setdefault(t, set()).add(use.document)
        else:
            s.missing.append((use.document, use.unit))
    for e in glossary:
        main = e.main_term(src_lang)
        if main is not None and main.text in spreads:
            src = main.text
            spreads[src].approved = tuple(t.text for t in e.approved_in(tgt_lang))
    terms = [s.as_dict() for s in sorted(spreads.values(), key=lambda s: s.term.lower())]
    return {
        "terms": terms,
        "inconsistent_terms": sum(t["inconsistent"] for t in terms),
        "units_not_translated": sum(len(t["not_translated"]) for t in terms),
    }
