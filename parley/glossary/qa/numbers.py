"""Number rule: numbers, dates, percentages and Roman numerals that do not match, whatever
the locale notation on either side (see :mod:`parley.glossary.numbers`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from parley.align.model import TranslationUnit
from parley.glossary.findings import Finding
from parley.glossary.numbers import compare_numbers
from parley.glossary.qa.base import QAContext, each_unit, register


class NumbersRule:
    id = "numbers"
    group = "numbers"
    severity = "error"
    description = "a number, date or percentage differs between source and target"

    def check(self, ctx: QAContext) -> Iterable[Finding]:
        return each_unit(self, ctx)

    def check_unit(self, ctx: QAContext, i: int, u: TranslationUnit) -> Iterator[Finding]:
        if not u.source.strip() or not u.target.strip():
            return
        diff = compare_numbers(u.source, u.target, ctx.src_lang, ctx.tgt_lang)
        if diff.ok:
            return
        parts = []
        if diff.missing:
            parts.append("missing in target: " + ", ".join(m.text for m in diff.missing))
        if diff.extra:
            parts.append("not in source: " + ", ".join(m.text for m in diff.extra))
        yield ctx.finding(
            self, i, "numbers differ; " + "; ".join(parts),
            spans=tuple(("source", m.start, m.end) for m in diff.missing)
            + tuple(("target", m.start, m.end) for m in diff.extra),
            details={"missing": " ".join(m.text for m in diff.missing),
                     "extra": " ".join(m.text for m in diff.extra)},
        )


register(NumbersRule())
