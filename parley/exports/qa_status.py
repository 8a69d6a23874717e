"""QA status in the TMX, and what an export leaves out because of it.

A unit flagged untranslated or with a number error used to go into the TMX like any other, at
confidence 0.99, and from there into the translator's segments. Units now carry their QA
findings as TMX props, and exports can leave the doubtful ones out:

- ``x-qa-rules``: the ids of the rules that fired on the unit, comma-separated, sorted;
- ``x-qa-status``: ``error``, ``warning`` or ``info`` (the worst finding), ``untranslated``
  (the target is empty, the source copied, or in the source language), or ``passed``.

``x-status`` is the alignment editor's (machine-aligned/reviewed/edited): not touched here.
A CAT tool keeps unknown props, so the status travels with the unit into the tool's TM.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from parley.align.model import Bitext, TranslationUnit
    from parley.glossary.findings import Finding

QA_RULES = "x-qa-rules"
QA_STATUS = "x-qa-status"
#: Rules whose finding means the target is no translation of the source.
UNTRANSLATED_RULES = frozenset({"untranslated", "empty-target"})
_RANK = {"error": 3, "warning": 2, "info": 1}


class Exclude(str, Enum):
    """What ``--exclude`` can leave out of an export."""

    flagged = "flagged"
    low_confidence = "low-confidence"
    unaligned = "unaligned"


def annotate(bitext: Bitext, findings: Iterable[Finding]) -> Bitext:
    """``bitext`` with every unit's QA status in its props (findings refer to units by index)."""
    by_unit: dict[int, list[Finding]] = {}
    for f in findings:
        if f.unit is not None:
            by_unit.setdefault(f.unit, []).append(f)
    units = []
    for i, u in enumerate(bitext.units):
        found = by_unit.get(i, [])
        props = dict(u.props)
        rules = sorted({f.rule for f in found})
        if rules:
            props[QA_RULES] = ",".join(rules)
        else:
            props.pop(QA_RULES, None)
        props[QA_STATUS] = _status(found)
        units.append(replace(u, props=props))
    return replace(bitext, units=tuple(units))


def _status(found: list[Finding]) -> str:
    if any(f.rule in UNTRANSLATED_RULES for f in found):
        return "untranslated"
    worst = max(found, key=lambda f: _RANK.get(f.severity, 0), default=None)
    return worst.severity if worst is not None else "passed"


@dataclass(frozen=True)
class Selection:
    """The units an export keeps, and those it leaves out with the reason."""

    kept: Bitext
    left_out: tuple[tuple[str, TranslationUnit], ...]

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for reason, _ in self.left_out:
            out[reason] = out.get(reason, 0) + 1
        return out


def select(bitext: Bitext, exclude: Iterable[str] = (), *, low_confidence: float = 0.5,
           untranslated: bool = False) -> Selection:
    """Leave out what ``exclude`` names (``flagged``: a QA error; ``low-confidence``: below
    ``low_confidence``; ``unaligned``: one side empty) and, unless ``untranslated``, units whose
    target is no translation. Nothing is dropped silently: ``left_out`` says why for each."""
    ex = {Exclude(e).value for e in exclude}
    kept: list[TranslationUnit] = []
    left: list[tuple[str, TranslationUnit]] = []
    for u in bitext.units:
        reason = _reason(u, ex, low_confidence, untranslated)
        if reason is None:
            kept.append(u)
        else:
            left.append((reason, u))
    return Selection(replace(bitext, units=tuple(kept)), tuple(left))


def _reason(u: TranslationUnit, ex: set[str], low: float, untranslated: bool) -> str | None:
    status = u.props.get(QA_STATUS)
    if "unaligned" in ex and (not u.source.strip() or not u.target.strip()):
        return "unaligned"
    if not untranslated and status == "untranslated" and u.target.strip():
        return "untranslated"
    if "flagged" in ex and status == "error":
        return "flagged"
    if "low-confidence" in ex and u.confidence is not None and u.confidence < low:
        return "low-confidence"
    return None
