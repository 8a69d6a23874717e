"""Length rule: a target far shorter or longer than its source is cut off or misaligned.

The ratio is compared with the document's own median (Russian runs ~15 % longer than
English, German longer still), so no table of language pairs is needed. A unit reported here
is not also reported for each glossary term its lost half held (one finding, not five).
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable
from statistics import median

from parley.align.model import TranslationUnit
from parley.glossary.findings import Finding
from parley.glossary.qa.base import QAContext, UnitPass, register, register_pass

#: sources shorter than this vary too much in length to judge ("Yes." / «Да, согласен.»)
MIN_CHARS = 40
#: outside these multiples of the document's median ratio a unit is reported
LOW, HIGH = 0.45, 2.5


def _raw_ratio(u: TranslationUnit) -> float:
    """Target/source length; NaN for short or empty units."""
    if len(u.source.strip()) < MIN_CHARS or not u.target.strip():
        return math.nan
    return len(u.target) / len(u.source)


def ratio_pass(ctx: QAContext) -> UnitPass:
    """Each unit's :func:`_raw_ratio` (8 bytes a unit), gathered in the check's pass over the
    units, so neither the median nor the rule reads the units again."""
    ratios = array("d")

    def step(_i: int, u: TranslationUnit) -> None:
        ratios.append(_raw_ratio(u))

    def finish() -> None:
        ctx.cache["length_ratios"] = ratios

    return step, finish


def _ratios(ctx: QAContext) -> array[float]:
    cached = ctx.cache.get("length_ratios")
    if isinstance(cached, array):
        return cached
    step, finish = ratio_pass(ctx)
    for i, u in enumerate(ctx.units):
        step(i, u)
    finish()
    return _ratios(ctx)


def _median_ratio(ctx: QAContext) -> float:
    cached = ctx.cache.get("length_median")
    if isinstance(cached, float):
        return cached
    ratios = [r for r in _ratios(ctx) if not math.isnan(r)]
    value = float(median(ratios)) if ratios else 1.0
    ctx.cache["length_median"] = value
    return value


def length_ratio(ctx: QAContext, i: int) -> float | None:
    """Target/source length relative to the document's median; None for short or empty units."""
    r = _ratios(ctx)[i]
    return None if math.isnan(r) else r / _median_ratio(ctx)


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
        for i in range(len(_ratios(ctx))):  # the units themselves only for findings
            r = length_ratio(ctx, i)
            if r is None or LOW <= r <= HIGH:
                continue
            how = "shorter" if r < LOW else "longer"
            yield ctx.finding(self, i, f"target is {r:.1f}× the usual length for its source: "
                              f"{how} than a translation would be (cut off or misaligned?)",
                              details={"ratio": f"{r:.2f}"})


register(LengthRule())
register_pass(("length", "key-term"), ratio_pass)
