"""QA findings: what ``parley check`` reports and the review page shows inline."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    """One problem in one unit (or in the glossary), stated for a translator.

    ``id`` is stable across runs for the same rule, unit text and detail, so an ``--ignore``
    file of accepted findings keeps a second run quiet. ``spans`` mark what to highlight:
    ``(side, start, end)`` with side ``"source"`` or ``"target"``.
    """

    rule: str
    severity: str
    message: str
    unit: int | None = None
    unit_id: str | None = None
    source: str = ""
    target: str = ""
    spans: tuple[tuple[str, int, int], ...] = ()
    match_type: str | None = None
    details: Mapping[str, str] = field(default_factory=dict)
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", finding_id(self.rule, self.source, self.target,
                                                      self.message))


def finding_id(rule: str, source: str, target: str, detail: str) -> str:
    """Short stable hash of what the finding is about (not of its position in the file)."""
    h = hashlib.sha1("\x1f".join((rule, source, target, detail)).encode("utf-8")).hexdigest()
    return f"{rule}-{h[:10]}"
