"""Consistency rules: one source translated several ways, or several sources given one
translation (often a copy-paste slip in the target)."""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable
from itertools import groupby

from parley.align.model import TranslationUnit
from parley.glossary.findings import Finding, finding_id
from parley.glossary.qa.base import QAContext, norm_key, register

#: three letters somewhere in a segment
_WORDY = re.compile(r"[^\W\d_](?:.*?[^\W\d_]){2}", re.S)


def _groups(ctx: QAContext, key_side: str) -> list[tuple[str, list[int], dict[int, TranslationUnit]]]:
    """The groups of units whose ``key_side`` reads the same and whose other side does not
    (what the rules report), as ``(key, unit indexes, units)``, in order of first unit.

    Memory stays flat in the number of units: one pass keeps three integers per unit (its
    index and the hashes of both sides' :func:`norm_key`), sorting them finds the groups, and
    only the units of groups whose other side differs are read again (the few the findings
    are about); the groups are then formed on the texts themselves, so two keys with one hash
    are not merged."""
    at, keys, others = array("q"), array("q"), array("q")
    for i, u in enumerate(ctx.units):
        if not u.source.strip() or not u.target.strip():
            continue
        key = norm_key(u.source if key_side == "source" else u.target)
        if not _WORDY.search(key):  # "1.", "(a)", "2014": nothing to translate
            continue
        at.append(i)
        keys.append(hash(key))
        others.append(hash(norm_key(u.target if key_side == "source" else u.source)))
    wanted: list[list[int]] = []
    for _, run in groupby(sorted(range(len(at)), key=keys.__getitem__), key=keys.__getitem__):
        pos = list(run)
        if len(pos) > 1 and len({others[p] for p in pos}) > 1:
            wanted.append([at[p] for p in pos])
    units = {i: ctx.units[i] for i in sorted(i for idx in wanted for i in idx)}
    groups: dict[str, list[int]] = {}
    for idx in wanted:
        for i in idx:
            u = units[i]
            groups.setdefault(norm_key(u.source if key_side == "source" else u.target), []).append(i)
    return sorted(((key, idx, units) for key, idx in groups.items()), key=lambda g: g[1][0])


class InconsistentTargetRule:
    id = "inconsistent-target"
    group = "consistency"
    severity = "warning"
    description = "the same source segment is translated differently"

    def check(self, ctx: QAContext) -> Iterable[Finding]:
        for key, idx, unit in _groups(ctx, "source"):
            variants: dict[str, list[int]] = {}
            for i in idx:
                variants.setdefault(norm_key(unit[i].target), []).append(i)
            if len(variants) < 2:
                continue
            for i in idx:
                others = sorted({unit[j].target for j in idx
                                 if norm_key(unit[j].target) != norm_key(unit[i].target)})
                units = ", ".join(str(j + 1) for j in idx if j != i)
                yield ctx.finding(
                    self, i,
                    f"same source translated {len(variants)} ways (other units: {units}); "
                    f"other translation: “{others[0]}”",
                    details={"variants": str(len(variants))},
                    id=finding_id(self.id, key, norm_key(unit[i].target), "|".join(
                        sorted(variants))),
                )


class InconsistentSourceRule:
    id = "inconsistent-source"
    group = "consistency"
    severity = "warning"
    description = "different source segments have the same translation"

    def check(self, ctx: QAContext) -> Iterable[Finding]:
        for key, idx, unit in _groups(ctx, "target"):
            sources = {norm_key(unit[i].source) for i in idx}
            if len(sources) < 2:
                continue
            for i in idx:
                units = ", ".join(str(j + 1) for j in idx if j != i)
                yield ctx.finding(
                    self, i,
                    f"{len(sources)} different sources share this translation (other units: {units})",
                    id=finding_id(self.id, norm_key(unit[i].source), key,
                                  "|".join(sorted(sources))),
                )


for _rule in (InconsistentTargetRule(), InconsistentSourceRule()):
    register(_rule)
