"""Glossary files for each CAT tool: TBX-Basic v2 (default) read by translate-toolkit, the
spreadsheet layout (CSV, XLSX) for Trados/memoQ, OmegaT's tab-separated file with variants on
their own lines, review status and evidence carried where the format has room, BCP-47 tags."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parley.align.errors import FormatError, UsageError
from parley.exports.glossary_io import read_glossary, write_glossary
from parley.glossary.model import Glossary, Term, TermEntry

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class ReviewedEntry(TermEntry):
    """A TermEntry as the glossary model is growing it: review status and evidence."""

    status: str | None = None
    evidence: dict[str, object] = field(default_factory=dict)


def _glossary() -> Glossary:
    return Glossary((
        ReviewedEntry("e1", (Term("strategic stability", "en", count=5),
                             Term("стратегическая стабильность", "ru", count=5),
                             Term("стабильность в стратегической сфере", "ru", "admitted", count=2)),
                      subject="international security", note='a, "quoted"\nnote',
                      status="candidate", evidence={"frequency": 7, "consistency": 0.714}),
        TermEntry("e2", (Term("Security Council", "en"), Term("Совет Безопасности", "ru")),
                  type="organization"),
        TermEntry("e3", (Term("=SUM(A1)", "en"), Term("формула", "ru")), note="=1+1"),
    ), ("en", "ru"), "g")


def test_translate_toolkit_reads_every_tbx_v2_entry_and_language(tmp_path: Path) -> None:
    tbx = pytest.importorskip("translate.storage.tbx", reason="translate-toolkit is a dev dependency")
    path = tmp_path / "g.tbx"
    write_glossary(path, _glossary(), src_lang="en-GB", tgt_lang="ru-RU")
    store = tbx.tbxfile.parsefile(str(path))
    got = [(u.source, u.target) for u in store.units]
    assert got == [("strategic stability", "стратегическая стабильность"),
                   ("Security Council", "Совет Безопасности"), ("=SUM(A1)", "формула")]
    langs = [[ls.get(XML_LANG) for ls in u.getlanguageNodes()] for u in store.units]
    assert langs == [["en-GB", "ru-RU"]] * 3

    po = tmp_path / "g.po"
    res = subprocess.run([sys.executable, "-m", "translate.convert.tbx2po", "-i", str(path), "-o", str(po)],
                         capture_output=True, text=True, check=False, timeout=120)
    assert res.returncode == 0 and "Error" not in res.stdout + res.stderr, res.stdout + res.stderr
    text = po.read_text(encoding="utf-8")
    assert all(f'msgstr "{t}"' in text for _, t in got)


def test_tbx_v2_is_the_default_and_v3_an_option(tmp_path: Path) -> None:
    from lxml import etree

    write_glossary(tmp_path / "a.tbx", _glossary(), src_lang="en", tgt_lang="ru")
    write_glossary(tmp_path / "b.v3.tbx", _glossary(), src_lang="en", tgt_lang="ru")
    write_glossary(tmp_path / "c.tbx", _glossary(), "tbx3", src_lang="en", tgt_lang="ru")
    assert etree.parse(str(tmp_path / "a.tbx")).getroot().tag == "martif"
    for name in ("b.v3.tbx", "c.tbx"):
        assert etree.parse(str(tmp_path / name)).getroot().tag.endswith("}tbx")
    for name in ("a.tbx", "b.v3.tbx"):
        back = read_glossary(tmp_path / name)
        assert [len(e.terms) for e in back] == [3, 2, 2]


def test_review_status_and_evidence_reach_tbx_tsv_and_spreadsheet(tmp_path: Path) -> None:
    g = _glossary()
    for name in ("g.tbx", "g.utf8", "g.csv", "g.xlsx"):
        write_glossary(tmp_path / name, g, src_lang="en", tgt_lang="ru")
    tbx_note = read_glossary(tmp_path / "g.tbx").entries[0].note or ""
    assert "status: candidate" in tbx_note and "evidence: frequency 7, consistency 0.71" in tbx_note
    tsv = read_glossary(tmp_path / "g.utf8", src_lang="en", tgt_lang="ru")
    assert "candidate" in (tsv.entries[0].note or "")
    header, row = (tmp_path / "g.csv").read_text(encoding="utf-8").splitlines()[:2]
    assert header == "en,ru,ru,subject,type,status,confidence,count,evidence,note"
    assert ",candidate," in row and "frequency 7, consistency 0.71" in row


@pytest.mark.parametrize("name", ["g.csv", "g.xlsx"])
def test_spreadsheet_one_column_per_language_with_variants(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    write_glossary(path, _glossary(), src_lang="en-GB", tgt_lang="ru-RU")
    back = read_glossary(path)
    assert back.langs == ("en-GB", "ru-RU")
    assert [(t.text, t.lang, t.status) for t in back.entries[0].terms] == [
        ("strategic stability", "en-GB", "preferred"),
        ("стратегическая стабильность", "ru-RU", "preferred"),
        ("стабильность в стратегической сфере", "ru-RU", "admitted")]
    assert [e.note for e in back] == ['a, "quoted"\nnote', None, "=1+1"]
    assert back.entries[2].terms[0].text == "=SUM(A1)"  # text, not a formula


def test_xlsx_cells_are_text_not_formulas(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "g.xlsx"
    write_glossary(path, _glossary(), src_lang="en", tgt_lang="ru")
    ws = load_workbook(path).worksheets[0]
    assert ws["A4"].value == "=SUM(A1)" and ws["A4"].data_type == "s"


def test_broken_xlsx_is_a_format_error(tmp_path: Path) -> None:
    bad = tmp_path / "g.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(FormatError):
        read_glossary(bad)


def test_no_silent_language_default(tmp_path: Path) -> None:
    g = Glossary((TermEntry("e1", (Term("a", "en"), Term("b", "fr"))),), ())
    with pytest.raises(UsageError):
        write_glossary(tmp_path / "g.utf8", g)


_text = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=20)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(_text, st.lists(_text, min_size=1, max_size=3, unique=True)), min_size=1,
                max_size=6, unique_by=lambda x: x[0].strip()))
def test_omegat_file_round_trips_variants(tmp_path_factory: pytest.TempPathFactory,
                                          rows: list[tuple[str, list[str]]]) -> None:
    """Every target of every entry survives the OmegaT file (variants as their own lines)."""
    norm = [(" ".join(s.split()), [" ".join(t.split()) for t in ts]) for s, ts in rows]
    # a line starting with "#" is a comment to OmegaT (and to parley's reader)
    norm = [(s, list(dict.fromkeys(t for t in ts if t))) for s, ts in norm if s and s[0] != "#"]
    entries = tuple(TermEntry(f"e{i}", (Term(s, "en"), *(Term(t, "ru", "preferred" if k == 0 else "admitted")
                                                          for k, t in enumerate(ts))))
                    for i, (s, ts) in enumerate(norm) if ts)
    if not entries:
        return
    path = tmp_path_factory.mktemp("g") / "g.utf8"
    write_glossary(path, Glossary(entries, ("en", "ru")))
    back = read_glossary(path, src_lang="en", tgt_lang="ru")
    assert [[t.text for t in e.terms] for e in back] == [[t.text for t in e.terms] for e in entries]


def test_omegat_file_languages_identified_not_assumed(tmp_path: Path) -> None:
    """An OmegaT glossary names no languages: they are identified from its columns (never a
    silent en/ru); too little text to tell is an error asking for -s/-t."""
    p = tmp_path / "g.utf8"
    p.write_text("Conseil de sécurité\tSecurity Council\t\n"
                 "maintien de la paix et de la sécurité internationales\tinternational peace and security\t\n"
                 "l'Assemblée générale des Nations Unies\tthe United Nations General Assembly\t\n",
                 encoding="utf-8")
    assert read_glossary(p).langs == ("fr", "en")
    assert read_glossary(p, src_lang="fr-CA", tgt_lang="en-GB").langs == ("fr-CA", "en-GB")
    short = tmp_path / "s.utf8"
    short.write_text("UN\tONU\t\n", encoding="utf-8")
    from parley.align.errors import LanguageError

    with pytest.raises(LanguageError, match="-s"):
        read_glossary(short)


@pytest.mark.parametrize("name", ["g.tbx", "g.v3.tbx", "g.utf8", "g.csv", "g.xlsx", "g.parquet"])
def test_review_status_survives_a_round_trip(tmp_path: Path, name: str) -> None:
    """A candidate read back as approved would make QA report its renderings as errors."""
    from parley.glossary.model import Glossary, Term, TermEntry

    g = Glossary((TermEntry("c", (Term("asset freeze", "en"), Term("замораживание активов", "ru")),
                            status="candidate", confidence=0.73),
                  TermEntry("a", (Term("Security Council", "en"), Term("Совет Безопасности", "ru")))),
                 ("en", "ru"))
    write_glossary(tmp_path / name, g, src_lang="en", tgt_lang="ru")
    back = read_glossary(tmp_path / name, src_lang="en", tgt_lang="ru")
    assert [e.status for e in back] == ["candidate", "approved"]
