"""Corpus scale: thousands of document pairs on a Dask cluster, resumable, one corpus glossary.

``parley corpus`` maps one task per document pair over Dask distributed workers (an existing
scheduler or a local cluster of processes), each writing its units as one Parquet part and a
record of what it did; the driver then reduces over the finished parts: one streamed corpus TMX,
a corpus-wide glossary and cross-document term consistency. Nothing here imports Dask at import
time: the heavy parts load where they run.
"""

from __future__ import annotations

from parley.corpus.model import CorpusOptions, PairOutcome, PairTask

__all__ = ["CorpusOptions", "PairOutcome", "PairTask"]
