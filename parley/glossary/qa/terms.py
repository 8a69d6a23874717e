"""Terminology rules: key terms not translated as the glossary says, forbidden terms used,
and one source term translated with several approved variants across the document."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from parley.glossary.findings import Finding, finding_id
from parley.glossary.qa.base import (
    MATCH_TYPES,
    QAContext,
    TermSpec,
    bad_terms,
    find_expansion,
    find_glued,
    find_initialism,
    find_term,
    initialisms,
    register,
)

#: words allowed between the words of a multiword target term (see base._gap_ok)
TARGET_GAP = 3


@dataclass(frozen=True)
class TermUse:
    """A glossary term found in one source segment, and what the target made of it."""

    unit: int
    spec: TermSpec
    spans: tuple[tuple[int, int], ...]
    level: int
    used: tuple[str, ...]  # approved target terms found in the target
    tgt_spans: tuple[tuple[int, int], ...]


def term_uses(ctx: QAContext) -> list[TermUse]:
    """Every glossary source term occurrence per unit (computed once, shared by rules).

    A shorter term inside a longer one found in the same place ("human rights" inside
    "Human Rights Council") is skipped: the longer entry decides.
    """
    cached = ctx.cache.get("term_uses")
    if cached is not None:
        return cached  # type: ignore[return-value]
    uses: list[TermUse] = []
    for i, u in enumerate(ctx.units):
        if not u.source.strip() or not ctx.term_specs:
            continue
        src = ctx.src_tokens(i)
        taken: list[tuple[int, int]] = []
        for spec in ctx.term_specs:
            hits = [h for h in find_term(spec.words, src, ctx.src_lang)
                    if not any(a <= h[0] and h[1] <= b for a, b in taken)]
            if not hits:
                continue
            taken.extend((h[0], h[1]) for h in hits)
            tgt = ctx.tgt_tokens(i)
            used: list[str] = []
            tspans: list[tuple[int, int]] = []
            for text, words in spec.approved:
                found = find_term(words, tgt, ctx.tgt_lang, max_gap=TARGET_GAP, loose=True)
                if found:
                    if text not in used:
                        used.append(text)
                    tspans.extend((a, b) for a, b, _ in found)
            if not used:
                # the same term as an abbreviation ("ООН"), written out, or with a lost hyphen
                for text, words in spec.approved:
                    alt = (find_initialism(initialisms(text, ctx.tgt_lang), u.target, tgt)
                           or find_expansion(text, u.target, tgt)
                           or find_glued(words, tgt, ctx.tgt_lang))
                    if alt:
                        used.append(text)
                        tspans.extend(alt)
                        break
            uses.append(TermUse(i, spec, tuple((a, b) for a, b, _ in hits),
                                min(h[2] for h in hits), tuple(used), tuple(tspans)))
    ctx.cache["term_uses"] = uses
    return uses


class KeyTermRule:
    id = "key-term"
    group = "terms"
    severity = "error"
    description = "a glossary term in the source is not translated with an approved target term"

    def check(self, ctx: QAContext) -> Iterable[Finding]:
        for use in term_uses(ctx):
            if use.used or not ctx.units[use.unit].target.strip():
                continue
            expected = " / ".join(dict.fromkeys(t for t, _ in use.spec.approved))
            how = MATCH_TYPES[use.level]
            yield ctx.finding(
                self, use.unit,
                f"term “{use.spec.source}” ({how} match) is not translated as “{expected}”",
                spans=tuple(("source", a, b) for a, b in use.spans), match_type=how,
                details={"term": use.spec.source, "expected": expected},
            )


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
        counts: dict[str, Counter[str]] = {}
        for use in term_uses(ctx):
            if len({t for t, _ in use.spec.approved}) > 1 and len(use.used) == 1:
                counts.setdefault(use.spec.source, Counter())[use.used[0]] += 1
        for term, c in counts.items():
            if len(c) < 2:
                continue
            spread = ", ".join(f"“{t}” ×{n}" for t, n in c.most_common())
            # the id names the variants, not their counts, so it survives small edits
            fid = finding_id(self.id, term, "", "|".join(sorted(c)))
            yield ctx.finding(self, None, f"term “{term}” is translated in {len(c)} ways: {spread}",
                              details={"term": term, **{t: str(n) for t, n in c.items()}}, id=fid)


for _rule in (KeyTermRule(), ForbiddenTermRule(), TermConsistencyRule()):
    register(_rule)
