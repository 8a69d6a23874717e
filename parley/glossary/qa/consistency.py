"""Consistency rules: one source translated several ways, or several sources given one
translation (often a copy-paste slip in the target)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from parley.glossary.findings import Finding, finding_id
from parley.glossary.qa.base import QAContext, norm_key, register

#: three letters somewhere in a segment
_WORDY = re.compile(r"[^\W\d_](?:.*?[^\W\d_]){2}", re.S)


def _groups(ctx: QAContext, key_side: str) -> dict[str, list[int]]:
    groups: dict[str, list[int]] = {}
    for i, u in enumerate(ctx.units):
        if not u.source.strip() or not u.target.strip():
            continue
        key = norm_key(u.source if key_side == "source" else u.target)
        if not _WORDY.search(key):  # "1.", "(a)", "2014": nothing to translate
            continue
        groups.setdefault(key, []).append(i)
    return groups


class InconsistentTargetRule:
    id = "inconsistent-target"
    group = "consistency"
    severity = "warning"
    description = "the same source segment is translated differently"

    def check(self, ctx: QAContext) -> Iterable[Finding]:
        for key, idx in _groups(ctx, "source").items():
            variants: dict[str, list[int]] = {}
            for i in idx:
                variants.setdefault(norm_key(ctx.units[i].target), []).append(i)
            if len(variants) < 2:
                continue
            for i in idx:
                others = sorted({ctx.units[j].target for j in idx
                                 if norm_key(ctx.units[j].target) != norm_key(ctx.units[i].target)})
                units = ", ".join(str(j + 1) for j in idx if j != i)
                yield ctx.finding(
                    self, i,
                    f"same source translated {len(variants)} ways (other units: {units}); "
                    f"other translation: “{others[0]}”",
                    details={"variants": str(len(variants))},
                    id=finding_id(self.id, key, norm_key(ctx.units[i].target), "|".join(
                        sorted(variants))),
                )


class InconsistentSourceRule:
    id = "inconsistent-source"
    group = "consistency"
    severity = "warning"
    description = "different source segments have the same translation"

    def check(self, ctx: QAContext) -> Iterable[Finding]:
        for key, idx in _groups(ctx, "target").items():
            sources = {norm_key(ctx.units[i].source) for i in idx}
            if len(sources) < 2:
                continue
            for i in idx:
                units = ", ".join(str(j + 1) for j in idx if j != i)
                yield ctx.finding(
                    self, i,
                    f"{len(sources)} different sources share this translation (other units: {units})",
                    id=finding_id(self.id, norm_key(ctx.units[i].source), key,
                                  "|".join(sorted(sources))),
                )


for _rule in (InconsistentTargetRule(), InconsistentSourceRule()):
    register(_rule)
