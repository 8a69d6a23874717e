"""The check's findings on a fixed slice of un-dev, pinned (issue 15: the check is made faster
without changing what it finds). A rule change that is meant to change findings regenerates
the pin on purpose: ``PARLEY_UPDATE_PINS=1 .venv/bin/pytest tests/test_qa_pinned.py``, and
the diff of ``tests/data/qa_findings_pin.jsonl`` shows what changed."""

from __future__ import annotations

import json
import os
from pathlib import Path

from parley.align.model import Bitext, TranslationUnit
from parley.glossary.findings import Finding
from parley.glossary.model import Glossary
from parley.glossary.qa import check_bitext
from parley.glossary.termbase import load_starter_termbase

PIN = Path(__file__).parent / "data" / "qa_findings_pin.jsonl"

#: every STEP-th unit of un-dev: a spread of the corpus's kinds of text in a second or two
STEP = 4


def _row(f: Finding) -> str:
    return json.dumps([f.rule, f.severity, f.message, f.unit, f.unit_id, f.spans, f.match_type,
                       dict(f.details), f.id], ensure_ascii=False)


def test_findings_on_un_dev_slice_are_pinned(shared_data: Path) -> None:
    base = shared_data / "un-dev"
    en = (base / "UNv1.0.devset.en").read_text(encoding="utf-8").splitlines()[::STEP]
    ru = (base / "UNv1.0.devset.ru").read_text(encoding="utf-8").splitlines()[::STEP]
    units = tuple(TranslationUnit(s, t, id=str(i + 1)) for i, (s, t) in
                  enumerate(zip(en, ru, strict=True)))
    starter = load_starter_termbase()
    glossary = Glossary(starter.entries[:500], starter.langs, starter.name)
    got = [_row(f) for f in check_bitext(Bitext("en", "ru", units, "un-dev slice"), glossary)]
    if os.environ.get("PARLEY_UPDATE_PINS"):
        PIN.write_text("".join(r + "\n" for r in got), encoding="utf-8")
    want = PIN.read_text(encoding="utf-8").splitlines()
    assert len(got) > 100  # every rule group has something to say on this slice
    assert got == want, "findings changed; if on purpose, regenerate the pin (see the docstring)"
