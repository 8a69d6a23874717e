"""A small realistic review input: the seed gold alignment (Lavrov, 7 February 2018) with
made-up confidences, a few unaligned and hostile units, QA findings and a glossary."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from parley.align.model import Bitext, TranslationUnit
from parley.exports.registry import read_bitext
from parley.glossary.findings import Finding
from parley.glossary.model import Glossary, Term, TermEntry

HOSTILE_SRC = '<script>alert("x")</script> & <b>bold</b> "quoted"'
HOSTILE_TGT = "<img src=x onerror=alert(1)> </td></tr></table> &amp;"


def sample(seeds: Path, limit: int | None = 60) -> tuple[Bitext, Glossary, list[Finding]]:
    gold = read_bitext(seeds / "lavrov-2018-02-07.en-ru.gold.tsv")
    units = [
        dataclasses.replace(
            u, bead="1-1" if u.source and u.target else ("1-0" if u.source else "0-1"),
            confidence=0.31 if i % 13 == 5 else round(0.55 + 0.45 * ((i * 37) % 100) / 100, 2),
            paragraph=i // 4,
        )
        for i, u in enumerate(gold.units[:limit])
    ]
    units.insert(7, TranslationUnit("This sentence was left out of the Russian version.", "",
                                    bead="1-0", confidence=0.0, paragraph=1))
    units.insert(12, TranslationUnit("", "Это предложение добавлено переводчиком.", bead="0-1",
                                     confidence=0.0, paragraph=2))
    units.insert(15, TranslationUnit(HOSTILE_SRC, HOSTILE_TGT, bead="1-1", confidence=0.9,
                                     paragraph=3))
    bitext = Bitext(gold.src_lang, gold.tgt_lang, tuple(units), "Lavrov, 7 February 2018")
    glossary = Glossary(
        (
            TermEntry("e1", (Term("Russia", "en"), Term("Россия", "ru"))),
            TermEntry("e2", (Term("Foreign Minister", "en"),
                             Term("министр иностранных дел", "ru"))),
            TermEntry("e3", (Term("contest", "en"), Term("конкурс", "ru")),
                      note="Leaders of Russia"),
            TermEntry("e4", (Term("foreign policy", "en"), Term("внешняя политика", "ru"),
                             Term("иностранная политика", "ru", status="deprecated"))),
        ),
        ("en", "ru"),
    )
    second = units[1]
    year = second.source.index("2018")
    findings = [
        Finding("number", "error", "2018 is missing in the target", unit=1,
                source=second.source, target=second.target,
                spans=(("source", year, year + 4),)),
        Finding("terminology", "warning", "'contest' should be rendered as 'конкурс'", unit=4,
                spans=(("source", 0, 8),), details={"expected": "конкурс"}),
        Finding("glossary", "info", "two entries for the same concept"),
    ]
    return bitext, glossary, findings
