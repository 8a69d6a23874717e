"""Length rule: a target far shorter or longer than its source is cut off or misaligned.

The ratio is compared with the document's own median (Russian runs ~15 % longer than
English, German longer still), so no table of language pairs is needed. A unit reported here
is not also reported for each glossary term its lost half held (one finding, not five).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from statistics import median

from parley.align.model import TranslationUnit
from parley.glossary.findings import Finding
from parley.glossary.qa.base import QAContext, each_unit, register

#: sources shorter than this vary too much in length to judge ("Yes." / «Да, согласен.»)
MIN_CHARS = 40
#: outside these multiples of the document's median ratio a unit is reported
LOW, HIGH = 0.45, 2.5


def _median_ratio(ctx: QAContext) -> float:
    cached = ctx.cache.get("length_median")
    if isinstance(cached, float):
        return cached
    ratios = [len(u.target) / len(u.source) for u in ctx.units
              if len(u.source.strip()) >= MIN_CHARS and u.target.strip()]
    value = float(median(ratios)) if ratios else 1.0
    ctx.cache["length_median"] = value
    return value


def length_ratio(ctx: QAContext, i: int, u: TranslationUnit | None = None) -> float | None:
    """Target/source length relative to the document's median; None for short or empty units.
    ``u``: unit ``i`` when the caller has it (no look-up)."""
    u = ctx.units[i] if u is None else u
    if len(u.source.strip()) < MIN_CHARS or not u.target.strip():
        return None
    return len(u.target) / len(u.source) / _median_ratio(ctx)


def incomplete(ctx: QAContext, i: int) -> bool:
    """The target looks cut off (or is another unit's translation): too short for its source."""
    r = length_ratio(ctx, i)
    return r is not None and r < LOW


class LengthRule:
    id = "length"
    group = "form"
    severity = "warning"
    description = "the target is far shorter or longer than the source (cut off or misaligned)"

    def check(self, ctx: QAContext) -> Iterable[Finding]:
        return each_unit(self, ctx)

    def check_unit(self, ctx: QAContext, i: int, u: TranslationUnit) -> Iterator[Finding]:
        r = length_ratio(ctx, i, u)
        if r is None or LOW <= r <= HIGH:
            return
        how = "shorter" if r < LOW else "longer"
        yield ctx.finding(self, i, f"target is {r:.1f}× the usual length for its source: "
                          f"{how} than a translation would be (cut off or misaligned?)",
                          details={"ratio": f"{r:.2f}"})


register(LengthRule())
