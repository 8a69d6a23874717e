"""The glossary against the source: entries the text never uses (an outdated or wrong
glossary) and frequent source terms the glossary lacks (from the term extractor)."""

from __future__ import annotations

from collections.abc import Iterable

from parley.glossary.findings import Finding
from parley.glossary.qa.base import QAContext, analyse, find_term, norm_key, register
from parley.glossary.qa.terms import scan_terms

#: an extracted term must occur this often to be worth adding to the glossary
MIN_COUNT = 3


class UnusedTermRule:
    id = "term-unused"
    group = "glossary"
    severity = "info"
    description = "a glossary term never occurs in the source"

    def check(self, ctx: QAContext) -> Iterable[Finding]:
        seen = scan_terms(ctx).seen  # inside a longer term only still counts as used
        for spec in ctx.term_specs:
            if spec.source in seen:
                continue
            yield ctx.finding(self, None, f"glossary term “{spec.source}” never occurs in the source",
                              details={"term": spec.source})


class MissingTermRule:
    id = "term-missing"
    group = "glossary"
    severity = "info"
    description = "a frequent source term (extracted) is not in the glossary"

    def check(self, ctx: QAContext) -> Iterable[Finding]:
        if ctx.extracted_terms is None:
            return
        known = [spec.words for spec in ctx.term_specs]
        known_keys = {norm_key(spec.source) for spec in ctx.term_specs}
        for entry in ctx.extracted_terms:
            term = entry.main_term(ctx.src_lang)
            if term is None or norm_key(term.text) in known_keys:
                continue
            words = analyse(term.text, ctx.src_lang)
            if any(find_term(k, words, ctx.src_lang) and len(k) == len(words) for k in known):
                continue  # an inflected variant of a glossary term
            count = term.count or sum(
                len(find_term(words, ctx.src_tokens(i), ctx.src_lang)) for i in range(len(ctx.units)))
            if count < MIN_COUNT:
                continue
            yield ctx.finding(self, None,
                              f"frequent source term “{term.text}” is not in the glossary",
                              details={"term": term.text, "count": str(count)})


for _rule in (UnusedTermRule(), MissingTermRule()):
    register(_rule)
