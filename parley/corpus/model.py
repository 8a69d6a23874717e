"""The records that travel between the driver and Dask workers (frozen, picklable)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from parley.pipeline import Pair

#: Unit status values in ``units.parquet``: a link, or a sentence the other side lacks.
STATUSES = ("aligned", "source-only", "target-only")


@dataclass(frozen=True)
class CorpusOptions:
    """Everything that decides a pair's output. Part of every pair's key: changing any of
    these makes finished pairs stale, so a rerun redoes them rather than mixing settings."""

    src_lang: str
    tgt_lang: str
    outdir: Path
    mt: str = "none"
    termbase: bool = True
    encoding: str | None = None
    max_terms: int = 500
    low_confidence: float = 0.5

    def keyed(self) -> dict[str, Any]:
        """The options that shape results (the output folder does not)."""
        out = asdict(self)
        out.pop("outdir")
        return out


@dataclass(frozen=True)
class PairTask:
    """One pair to process, with the key (hash of inputs and options) its record will carry."""

    pair: Pair
    key: str
    opts: CorpusOptions


@dataclass(frozen=True)
class PairOutcome:
    """What happened to one pair: ``done`` (processed now), ``skipped`` (finished by an earlier
    run with the same key) or ``failed`` (``error`` says why; the other pairs go on)."""

    name: str
    status: str
    key: str = ""
    part: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    error: str | None = None
    worker: str | None = None

    @property
    def ok(self) -> bool:
        return self.status != "failed"

    @property
    def sentences(self) -> int:
        return self.counts.get("source_sentences", 0) + self.counts.get("target_sentences", 0)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PairOutcome:
        names = cls.__dataclass_fields__
        return cls(**{k: v for k, v in data.items() if k in names})
