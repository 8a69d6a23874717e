"""A real CAT tool reads parley's TMX and glossary: OmegaT 3.6 (Debian package ``omegat``) in console mode.

OmegaT inserts exact matches from ``tm/auto/`` into the target documents, so a translated
document that carries every TMX target proves the TMX imported cleanly; OmegaT's log must not
carry any TMX reader warning (e.g. a language-code mismatch with the project).

Console mode never opens the Glossary pane, so a glossary is proven through OmegaT's documented
``--script`` hook instead: a small Groovy script (Groovy is a hard dependency of the package)
runs inside OmegaT once the project is loaded, hands every file in ``glossary/`` to the
GlossaryManager's own loader (extension dispatch, encoding, TSV/CSV/TBX readers) and asks the
Glossary pane's search (FindGlossaryThread: OmegaT's tokenizer and stemming) which entries it
would show for each segment; the result comes back as JSON.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import missing_tool

from parley.align.model import Bitext, TranslationUnit
from parley.exports.glossary_io import read_glossary, write_glossary
from parley.exports.registry import read_bitext, write_bitext
from parley.glossary.extract import extract_terms
from parley.glossary.model import Glossary, Term, TermEntry

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
        missing_tool("OmegaT is not installed here (Debian: apt-get install omegat; "
                     "`make test` installs it when run as root with apt available)")
    return exe


def _project(root: Path) -> Path:
    proj = root / "proj"
    for d in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
        (proj / d).mkdir(parents=True)
    (proj / "omegat.project").write_text(PROJECT.format(src="EN-US", tgt="RU-RU"), encoding="utf-8")
    return proj


#: Runs inside OmegaT (``--script``) after the project is compiled; mirrors GlossaryManager.start()
#: (priority glossary, every file under glossary/) without the Swing pane console mode lacks.
GLOSSARY_PROBE = r"""
import groovy.io.FileType
import groovy.json.JsonOutput
import org.omegat.gui.glossary.FindGlossaryThread
import org.omegat.gui.glossary.GlossaryManager

if (eventType.toString() != "COMPILE") return "parley probe: waiting for COMPILE"
def out = [files: [:], errors: [:], matches: [], charset: java.nio.charset.Charset.defaultCharset().name()]
def gm = new GlossaryManager(null)
gm.priorityGlossary = new File(project.projectProperties.writeableGlossary)
def root = new File(project.projectProperties.glossaryRoot)
def files = []
root.eachFileRecurse(FileType.FILES) { files << it }
files.sort { it.path }.each { f ->
    def name = root.toPath().relativize(f.toPath()).toString()
    try {
        def entries = gm.loadGlossaryFile(f)  // null: OmegaT does not take the file for a glossary
        out.files[name] = entries?.collect { [it.srcText, it.locText, it.commentText] }
        if (entries != null) gm.glossaries.put(f.path, entries)
    } catch (Throwable e) {
        out.errors[name] = e.toString()
    }
}
project.allEntries.each { ste ->
    def pane = new FindGlossaryThread(null, ste, gm) { protected boolean isEntryChanged() { false } }
    out.matches << [ste.srcText, pane.search().collect { [it.srcText, it.getLocTerms(false) as List] }]
}
new File(System.getenv("PARLEY_OMEGAT_PROBE")).setText(JsonOutput.toJson(out), "UTF-8")
return "parley probe written"
"""


def _run(exe: str, proj: Path, home: Path, *args: str,
         env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": str(home), **(env or {})}  # OmegaT keeps its settings in ~/.omegat
    return subprocess.run([exe, str(proj), "--mode=console-translate", *args], capture_output=True,
                          text=True, timeout=120, env=env, check=False)


def _probe(exe: str, proj: Path, tmp: Path, env: dict[str, str] | None = None) -> dict[str, Any]:
    """What OmegaT itself made of ``proj/glossary``: entries per file, load errors, pane matches."""
    script, result = tmp / "glossary_probe.groovy", tmp / "glossary_probe.json"
    script.write_text(GLOSSARY_PROBE, encoding="utf-8")
    res = _run(exe, proj, tmp, f"--script={script}", env={"PARLEY_OMEGAT_PROBE": str(result), **(env or {})})
    log = res.stdout + res.stderr
    assert res.returncode == 0, log[-3000:]
    assert "parley probe written" in log and result.is_file(), log[-3000:]
    data: dict[str, Any] = json.loads(result.read_text(encoding="utf-8"))
    return data


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


def test_omegat_loads_parley_glossary(seeds: Path, tmp_path: Path) -> None:
    """Every extracted entry reaches OmegaT intact and its Glossary pane shows it where it occurs."""
    exe = _omegat()
    proj = _project(tmp_path)
    bitext = read_bitext(seeds / "lavrov-2018-02-07.en-ru.gold.tsv")
    glossary = extract_terms(bitext, src_lang="en", tgt_lang="ru", max_terms=30)
    pairs = []
    for e in glossary:
        s, t = e.main_term("en"), e.main_term("ru")
        assert s is not None and t is not None
        pairs.append((s.text, t.text))
    assert len(pairs) == 30 and all(not t.isascii() for _, t in pairs)  # Cyrillic: encoding matters
    path = proj / "glossary" / "parley.utf8"  # the extension OmegaT always reads as UTF-8
    write_glossary(path, glossary, src_lang="en", tgt_lang="ru")
    sources = [u.source.strip() for u in bitext.units if u.source.strip()]
    (proj / "source" / "speech.txt").write_text("\n\n".join(sources) + "\n", encoding="utf-8")

    probe = _probe(exe, proj, tmp_path)
    assert probe["errors"] == {}
    loaded = probe["files"]["parley.utf8"]
    main = [x for x in loaded if not x[2].startswith("variant")]
    assert [(s, t) for s, t, _ in main] == pairs  # all of them, in order, text intact
    variants = [(s.text, v.text) for e in glossary if (s := e.main_term("en")) is not None
                for v in e.terms_in("ru") if v is not e.main_term("ru")]
    assert [(s, t) for s, t, _ in loaded if (s, t) not in pairs] == variants  # each on its own line
    again = read_glossary(path, src_lang="en", tgt_lang="ru")
    assert [c for *_, c in main] == [e.note or "" for e in again]
    assert all("check before use" in c for *_, c in main)  # the reviewer's warning shows in OmegaT

    shown = {seg: {(s, t) for s, ts in found for t in ts} for seg, found in probe["matches"]}
    assert len(shown) > 200  # OmegaT segmented the document one paragraph to a segment
    expected = [(seg, p) for seg in shown for p in pairs
                if re.search(rf"(?<!\w){re.escape(p[0])}(?!\w)", seg)]
    assert len(expected) >= 100
    assert [x for x in expected if x[1] not in shown[x[0]]] == []


def test_omegat_glossary_probe_sees_what_goes_wrong(tmp_path: Path) -> None:
    """The checks above can fail: OmegaT 3.6 skips ``.tsv``, misreads a non-UTF-8 ``.utf8`` and
    reports a broken TBX; ``.txt`` is read right only because OmegaT sniffs its encoding."""
    exe = _omegat()
    proj = _project(tmp_path)
    (proj / "source" / "a.txt").write_text("The Security Council discussed strategic stability.\n",
                                           encoding="utf-8")
    glossary = Glossary((
        TermEntry("e1", (Term("strategic stability", "en"), Term("стратегическая стабильность", "ru")),
                  note="проверить"),
        TermEntry("e2", (Term("Security Council", "en"), Term("Совет Безопасности", "ru"))),
    ), ("en", "ru"))
    gdir = proj / "glossary"
    for name in ("ok.utf8", "sniffed.txt", "ignored.tsv"):
        write_glossary(gdir / name, glossary, src_lang="en", tgt_lang="ru")
    (gdir / "cp1251.utf8").write_bytes((gdir / "ok.utf8").read_text(encoding="utf-8").encode("cp1251"))
    (gdir / "broken.tbx").write_text("<martif><text><body><termEntry>", encoding="utf-8")

    # a West-European Windows default, so that only the extension can make OmegaT read UTF-8
    probe = _probe(exe, proj, tmp_path, env={"JAVA_TOOL_OPTIONS": "-Dfile.encoding=windows-1252"})
    want = [["strategic stability", "стратегическая стабильность", "проверить"],
            ["Security Council", "Совет Безопасности", ""]]
    files = probe["files"]
    assert files["ok.utf8"] == want, probe["charset"]
    assert files["sniffed.txt"] == want, probe["charset"]
    assert files["ignored.tsv"] is None
    assert files["cp1251.utf8"] != want and len(files["cp1251.utf8"]) == 2
    assert list(probe["errors"]) == ["broken.tbx"]
    [(_, found)] = probe["matches"]
    assert sorted(s for s, _ in found) == ["Security Council", "strategic stability"]


def _variant_glossary() -> Glossary:
    """Two entries in the project's regional codes, one with a variant and a review status."""
    return Glossary((
        TermEntry("e1", (Term("strategic stability", "en", count=5),
                         Term("стратегическая стабильность", "ru", count=5),
                         Term("стабильность в стратегической сфере", "ru", "admitted", count=2)),
                  subject="international security", note="проверить"),
        TermEntry("e2", (Term("Security Council", "en"), Term("Совет Безопасности", "ru")),
                  type="organization"),
    ), ("en", "ru"), "variants")


def test_omegat_loads_tbx_v2_and_shows_variants(tmp_path: Path) -> None:
    """OmegaT 3.6 reads parley's default TBX (v2 ``martif``) and its ``.utf8`` glossary through
    its own loader, every term of every entry, variants included, in the Glossary pane."""
    exe = _omegat()
    proj = _project(tmp_path)
    (proj / "source" / "a.txt").write_text(
        "The Security Council discussed strategic stability.\n", encoding="utf-8")
    g = _variant_glossary()
    write_glossary(proj / "glossary" / "parley.tbx", g, src_lang="en-US", tgt_lang="ru-RU")
    write_glossary(proj / "glossary" / "parley.glossary.utf8", g, src_lang="en-US", tgt_lang="ru-RU")
    probe = _probe(exe, proj, tmp_path)
    assert probe["errors"] == {}
    want = {("strategic stability", "стратегическая стабильность"),
            ("strategic stability", "стабильность в стратегической сфере"),
            ("Security Council", "Совет Безопасности")}
    for name in ("parley.tbx", "parley.glossary.utf8"):
        assert {(s, t) for s, t, _ in probe["files"][name]} == want, name
    [(_, found)] = probe["matches"]
    shown = {(s, t) for s, ts in found for t in ts}
    assert shown == want
    tsv = {(s, t): c for s, t, c in probe["files"]["parley.glossary.utf8"]}
    assert tsv[("strategic stability", "стабильность в стратегической сфере")] == "variant (2 occurrences)"


def test_omegat_rejects_tbx_v3(tmp_path: Path) -> None:
    """Why v2 is the default: the same glossary as TBX v3 is refused by OmegaT 3.6's loader."""
    exe = _omegat()
    proj = _project(tmp_path)
    (proj / "source" / "a.txt").write_text("Security Council.\n", encoding="utf-8")
    write_glossary(proj / "glossary" / "parley.tbx", _variant_glossary(), "tbx3",
                   src_lang="en-US", tgt_lang="ru-RU")
    probe = _probe(exe, proj, tmp_path)
    assert list(probe["errors"]) == ["parley.tbx"]


def test_handoff_project_fills_the_seed_with_exact_matches(seeds: Path, tmp_path: Path) -> None:
    """``parley handoff omegat``: OmegaT opens the project without a warning and fills at least
    95 % of the segments parley aligned (and 90 % of all: the page's trailing links have no
    translation) with exact matches, in the user's regional codes."""
    from bench.omegat_handoff import handoff_rate

    _omegat()
    r = handoff_rate(seeds / "lavrov-2018-02-07.en.txt", seeds / "lavrov-2018-02-07.ru.txt", tmp_path)
    assert r["rate_aligned"] >= 0.95, r
    assert r["rate"] >= 0.90, r
    proj = (tmp_path / "proj" / "omegat.project").read_text(encoding="utf-8")
    assert "<source_lang>EN-GB</source_lang>" in proj and "<target_lang>RU-RU</target_lang>" in proj
    assert 'xml:lang="en-GB"' in (tmp_path / "proj" / "tm" / "auto" / "parley.tmx").read_text("utf-8")


def test_handoff_segmentation_rules_are_used_by_omegat(tmp_path: Path) -> None:
    """The check above can fail: without parley's rules OmegaT cuts the 2-1 bead in two and
    misses it; with them the bead is one segment, filled."""
    from bench.omegat_handoff import omegat_segments
    from parley.exports.omegat_project import write_omegat_project

    _omegat()
    src = tmp_path / "a.txt"
    src.write_text("Russia has done its part.  The rest is to come.\n\nThat is 5\u00a0km.\n",
                   encoding="utf-8")
    # as parley's TMX has them: whitespace normalised, the 2-1 bead's sentences joined
    bt = Bitext("en", "ru", (TranslationUnit("Russia has done its part. The rest is to come.",
                                             "Россия своё сделала, остальное впереди.", bead="2-1"),
                             TranslationUnit("That is 5 km.", "Это 5 км.")))
    write_omegat_project(tmp_path / "p", [src], src_lang="en-GB", tgt_lang="ru-RU", bitext=bt)
    segs = omegat_segments(tmp_path / "p", tmp_path)
    assert segs == [("Russia has done its part.  The rest is to come.",
                     "Россия своё сделала, остальное впереди."), ("That is 5\u00a0km.", "Это 5 км.")]
    (tmp_path / "p" / "omegat" / "segmentation.conf").unlink()
    segs = omegat_segments(tmp_path / "p", tmp_path / "p")
    assert len(segs) == 3 and segs[0][1] is None
