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
    """What ``--exclude`` can leave out of an export by name (it also takes a QA status or a
    QA rule id: :func:`parse_exclude`)."""

    flagged = "flagged"
    low_confidence = "low-confidence"
    unaligned = "unaligned"


#: The ``x-qa-status`` values ``--exclude`` takes (``--exclude warning`` leaves out units whose
#: worst finding is a warning; ``flagged`` is the same as ``error``).
STATUSES = ("error", "warning", "info", "untranslated")

#: Help text shared by every command with ``--exclude``.
EXCLUDE_HELP = ("flagged (a QA error), low-confidence, unaligned; or a QA status (error, warning, "
                "info, untranslated) or a QA rule id or group (numbers, key-term, form ...), read "
                "from the units' x-qa-status/x-qa-rules props. Repeatable.")


def parse_exclude(values: Iterable[str]) -> tuple[str, ...]:
    """``--exclude`` values as selection tokens: the :class:`Exclude` names as they are, a QA
    status as ``status:NAME``, a rule id or group as ``rule:ID`` (a group expands to its ids).
    Anything else is a usage error listing what is known: a typo must not export everything."""
    from parley.align.errors import UsageError

    names = {e.value for e in Exclude}
    out: list[str] = []
    for raw in values:
        for value in (v.strip() for v in str(raw).split(",")):
            if not value:
                continue
            if value in names or value.startswith(("status:", "rule:")):
                tokens = [value]
            elif value in STATUSES:
                tokens = [f"status:{value}"]
            else:
                from parley.glossary.qa import GROUPS, RULES

                ids = GROUPS.get(value) or ((value,) if value in RULES else None)
                if ids is None:
                    raise UsageError(f"--exclude: unknown value {value!r}", hint=(
                        "known: " + ", ".join([*sorted(names), *STATUSES]) + ", or a QA rule id"
                        " or group: " + ", ".join(sorted({*RULES, *GROUPS}))))
                tokens = [f"rule:{i}" for i in ids]
            out.extend(t for t in tokens if t not in out)
    return tuple(out)


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
    ``low_confidence``; ``unaligned``: one side empty; a QA status or rule id, see
    :func:`parse_exclude`) and, unless ``untranslated``, units whose target is no translation.
    Nothing is dropped silently: ``left_out`` says why for each."""
    kept: list[TranslationUnit] = []
    left: list[tuple[str, TranslationUnit]] = []
    keep = Filter(exclude, low_confidence=low_confidence, untranslated=untranslated)
    for u in bitext.units:
        reason = keep.reason(u)
        if reason is None:
            kept.append(u)
        else:
            left.append((reason, u))
    return Selection(replace(bitext, units=tuple(kept)), tuple(left))


class Filter:
    """The ``--exclude`` decision for one unit at a time, so that a streamed conversion can
    apply it without holding the memory (:func:`select` is the whole-bitext form)."""

    def __init__(self, exclude: Iterable[str] = (), *, low_confidence: float = 0.5,
                 untranslated: bool = False) -> None:
        tokens = parse_exclude(exclude)
        self.names = {t for t in tokens if ":" not in t}
        self.statuses = {t.split(":", 1)[1] for t in tokens if t.startswith("status:")}
        self.rules = {t.split(":", 1)[1] for t in tokens if t.startswith("rule:")}
        self.low = low_confidence
        self.untranslated = untranslated

    def reason(self, u: TranslationUnit) -> str | None:
        """Why ``u`` is left out (the first reason that applies), or ``None`` to keep it."""
        status = u.props.get(QA_STATUS)
        if "unaligned" in self.names and (not u.source.strip() or not u.target.strip()):
            return "unaligned"
        if not self.untranslated and status == "untranslated" and u.target.strip():
            return "untranslated"
        if "flagged" in self.names and status == "error":
            return "flagged"
        if "low-confidence" in self.names and u.confidence is not None and u.confidence < self.low:
            return "low-confidence"
        if status in self.statuses:
            return f"status={status}"
        hit = sorted(self.rules.intersection(u.props.get(QA_RULES, "").split(",")))
        return f"rule={hit[0]}" if hit else None
