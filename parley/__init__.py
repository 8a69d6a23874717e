"""parley: segment, align, translate and check diplomatic texts; export TMX, TBX, XLIFF.

The library API, one call per command (``parley run`` is :func:`run_pair` / :func:`run_pairs`)::

    import parley
    report = parley.run_pair("talk.en.txt", "talk.ru.txt", src_lang="en", tgt_lang="ru",
                             output="out")
    report.counts.units, report.counts.findings, report.outputs["tmx"]

Every name below is imported on first use (module ``__getattr__``): this file is imported
whenever any ``parley.*`` module is, including by every worker process and by ``parley
--version``, so it must stay light.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

#: The distribution name on PyPI (``parley`` there is an unrelated project); the command and the
#: import name stay ``parley``.
DIST_NAME = "parley-tm"
#: The one place the version is written: pyproject.toml reads it from here (setuptools ``attr:``,
#: parsed without importing), so ``parley --version`` needs no importlib.metadata scan.
__version__ = "0.1.0"

#: Public name -> the module that defines it. The command behind each is in the comment.
_EXPORTS: dict[str, str] = {
    # parley run
    "run_pair": "parley.job", "run_pairs": "parley.job", "run_job": "parley.job",
    "run_checks": "parley.job", "qa_terms": "parley.job", "RunOptions": "parley.job",
    "RunSummary": "parley.job", "PairCounts": "parley.job", "PairReport": "parley.job",
    "Pair": "parley.pipeline", "read_pairs_file": "parley.pipeline",
    # parley segment
    "read_document": "parley.align.reader", "segment_file": "parley.align.segment",
    "segment_document": "parley.align.segment", "get_segmenter": "parley.align.segment",
    # parley align / eval-align
    "align_pair": "parley.alignment", "AlignReport": "parley.alignment",
    "align_files": "parley.align.texts", "align_segments": "parley.align.aligner",
    "beads_to_bitext": "parley.align.aligner", "score_alignment": "parley.align.evaluate",
    "read_beads": "parley.align.evaluate", "write_beads": "parley.align.evaluate",
    # parley translate / score
    "translate_document": "parley.align.translate",
    "translate_sentences": "parley.align.translate",
    "score_files": "parley.align.score", "score_lines": "parley.align.score",
    # parley convert (and every bitext format)
    "read_bitext": "parley.exports.registry", "write_bitext": "parley.exports.registry",
    "convert": "parley.exports.registry", "WriteReport": "parley.exports.registry",
    # parley glossary extract / lookup
    "extract_terms": "parley.glossary.extract", "read_glossary": "parley.exports.glossary_io",
    "write_glossary": "parley.exports.glossary_io", "lookup": "parley.glossary.lookup",
    "concordance": "parley.glossary.lookup", "open_tm_index": "parley.glossary.lookup",
    "load_starter_termbase": "parley.glossary.termbase",
    # parley check
    "check_files": "parley.checking", "CheckReport": "parley.checking",
    "extract_glossary": "parley.checking", "ExtractReport": "parley.checking",
    "check_bitext": "parley.glossary.qa",
    # records and errors
    "Document": "parley.align.model", "Segment": "parley.align.model",
    "Bead": "parley.align.model", "TranslationUnit": "parley.align.model",
    "Bitext": "parley.align.model", "Glossary": "parley.glossary.model",
    "TermEntry": "parley.glossary.model", "Finding": "parley.glossary.findings",
    "ParleyError": "parley.align.errors",
}

__all__ = [  # the same names as _EXPORTS (tests/test_api.py checks); literal for linters
    "DIST_NAME",
    "AlignReport",
    "Bead",
    "Bitext",
    "CheckReport",
    "Document",
    "ExtractReport",
    "Finding",
    "Glossary",
    "Pair",
    "PairCounts",
    "PairReport",
    "ParleyError",
    "RunOptions",
    "RunSummary",
    "Segment",
    "TermEntry",
    "TranslationUnit",
    "WriteReport",
    "__version__",
    "align_files",
    "align_pair",
    "align_segments",
    "beads_to_bitext",
    "check_bitext",
    "check_files",
    "concordance",
    "convert",
    "extract_glossary",
    "extract_terms",
    "get_segmenter",
    "load_starter_termbase",
    "lookup",
    "open_tm_index",
    "qa_terms",
    "read_beads",
    "read_bitext",
    "read_document",
    "read_glossary",
    "read_pairs_file",
    "run_checks",
    "run_job",
    "run_pair",
    "run_pairs",
    "score_alignment",
    "score_files",
    "score_lines",
    "segment_document",
    "segment_file",
    "translate_document",
    "translate_sentences",
    "write_beads",
    "write_bitext",
    "write_glossary",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'parley' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))


if TYPE_CHECKING:  # what type checkers and IDEs see; nothing is imported at run time
    from parley.align.aligner import align_segments, beads_to_bitext
    from parley.align.errors import ParleyError
    from parley.align.evaluate import read_beads, score_alignment, write_beads
    from parley.align.model import Bead, Bitext, Document, Segment, TranslationUnit
    from parley.align.reader import read_document
    from parley.align.score import score_files, score_lines
    from parley.align.segment import get_segmenter, segment_document, segment_file
    from parley.align.texts import align_files
    from parley.align.translate import translate_document, translate_sentences
    from parley.alignment import AlignReport, align_pair
    from parley.checking import CheckReport, ExtractReport, check_files, extract_glossary
    from parley.exports.glossary_io import read_glossary, write_glossary
    from parley.exports.registry import WriteReport, convert, read_bitext, write_bitext
    from parley.glossary.extract import extract_terms
    from parley.glossary.findings import Finding
    from parley.glossary.lookup import concordance, lookup, open_tm_index
    from parley.glossary.model import Glossary, TermEntry
    from parley.glossary.qa import check_bitext
    from parley.glossary.termbase import load_starter_termbase
    from parley.job import (
        PairCounts,
        PairReport,
        RunOptions,
        RunSummary,
        qa_terms,
        run_checks,
        run_job,
        run_pair,
        run_pairs,
    )
    from parley.pipeline import Pair, read_pairs_file
