"""A real CAT tool reads parley's TMX: OmegaT (Debian package ``omegat``) in console mode.

OmegaT inserts exact matches from ``tm/auto/`` into the target documents, so a translated
document that carries every TMX target proves the TMX imported cleanly; OmegaT's log must not
carry any TMX reader warning (e.g. a language-code mismatch with the project).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from align.model import Bitext, TranslationUnit
from exports.registry import read_bitext, write_bitext

pytestmark = pytest.mark.omegat

PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <source_dir_excludes><mask>**/.svn/**</mask></source_dir_excludes>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>{src}</source_lang>
    <target_lang>{tgt}</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneRussianTokenizer</target_tok>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""


def _omegat() -> str:
    exe = shutil.which("omegat")
    if exe is None:
        pytest.skip("OmegaT is not installed here (Debian: apt-get install omegat; "
                    "`make test` installs it when run as root with apt available)")
    return exe


def _project(root: Path) -> Path:
    proj = root / "proj"
    for d in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
        (proj / d).mkdir(parents=True)
    (proj / "omegat.project").write_text(PROJECT.format(src="EN-US", tgt="RU-RU"), encoding="utf-8")
    return proj


def _run(exe: str, proj: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": str(home)}  # OmegaT keeps its settings in ~/.omegat
    return subprocess.run([exe, str(proj), "--mode=console-translate"], capture_output=True, text=True,
                          timeout=120, env=env, check=False)


def _units(seeds: Path) -> list[TranslationUnit]:
    """1-1 units from the seed gold alignment with unique sources, plus hard characters."""
    seen: set[str] = set()
    units = []
    for u in read_bitext(seeds / "lavrov-2018-02-07.en-ru.gold.tsv").units:
        if u.source.strip() and u.target.strip() and u.source not in seen and len(units) < 40:
            seen.add(u.source)
            units.append(u)
    units.append(TranslationUnit("Talks & treaties <in force>.", "Переговоры и договоры\x07 <в силе>.",
                                 origin="mt", mt_model="argos-en-ru"))
    return units


def test_omegat_inserts_every_parley_translation(seeds: Path, tmp_path: Path) -> None:
    exe = _omegat()
    proj = _project(tmp_path)
    units = _units(seeds)
    # plain-text filter without sentence segmentation: one paragraph, one segment
    (proj / "source" / "speech.txt").write_text(
        "\n\n".join(u.source.strip() for u in units) + "\n", encoding="utf-8")
    extra = TranslationUnit("Not in the document.", "")  # an empty side: left out, not a unit
    report = write_bitext(proj / "tm" / "auto" / "parley.tmx", Bitext("en", "ru", (*units, extra)),
                          region=True)
    assert (report.written, report.skipped_empty_side, report.illegal_chars_removed) == (len(units), 1, 1)

    res = _run(exe, proj, tmp_path)
    log = res.stdout + res.stderr
    assert res.returncode == 0, log[-3000:]
    assert "Reading of TMX file complete" in log, log[-3000:]
    warnings = [ln for ln in log.splitlines() if "TMXR_WARNING" in ln or "TMXR_ERROR" in ln]
    assert warnings == []

    out = (proj / "target" / "speech.txt").read_text(encoding="utf-8")
    paras = [p.strip() for p in out.split("\n\n") if p.strip()]
    want = [u.target.replace("\x07", "").strip() for u in units]
    assert paras == want


def test_omegat_warns_on_mismatched_codes(tmp_path: Path) -> None:
    """The warning check above can fail: a TMX for another source language is reported."""
    exe = _omegat()
    proj = _project(tmp_path)
    (proj / "source" / "a.txt").write_text("Good morning.\n", encoding="utf-8")
    write_bitext(proj / "tm" / "auto" / "fr.tmx",
                 Bitext("fr", "ru", (TranslationUnit("Bonjour.", "Доброе утро."),)))
    res = _run(exe, proj, tmp_path)
    assert "TMXR_WARNING_INCORRECT_SOURCE_LANG" in res.stdout + res.stderr
