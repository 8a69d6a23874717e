"""TBX-Basic v3 writing (schema-valid) and TBX v2/v3 reading."""

from __future__ import annotations

from pathlib import Path

import pytest

from parley.align.errors import FormatError
from parley.exports.tbx import TBX_NS, read_tbx, write_tbx
from parley.glossary.model import Glossary, Term, TermEntry
from parley.glossary.termbase import load_starter_termbase

SCHEMAS = Path(__file__).resolve().parent.parent.parent / "shared" / "schemas"


@pytest.fixture
def rng():  # type: ignore[no-untyped-def]
    from lxml import etree

    path = SCHEMAS / "TBX-Basic_integrated.rng"
    if not path.is_file():
        pytest.skip("../shared/schemas is not beside the checkout")
    return etree.RelaxNG(etree.parse(str(path)))


def _sample() -> Glossary:
    e = TermEntry("t1", (Term("strategic stability", "en", count=5),
                         Term("стратегическая стабильность", "ru", count=5),
                         Term("стабильность в стратегической сфере", "ru", "admitted", count=2)),
                  subject="international security", type="term", note="check <this> & that",
                  contexts={"en": "Strategic stability matters.",
                            "ru": "Стратегическая стабильность важна."}, confidence=0.8)
    n = TermEntry("7 bad id", (Term("Sergey Lavrov", "en"), Term("Лавров", "ru")), type="person")
    return Glossary((e, n), ("en", "ru"), "sample")


def test_written_tbx_validates_and_reads_back(tmp_path: Path, rng) -> None:  # type: ignore[no-untyped-def]
    from lxml import etree

    out = tmp_path / "g.tbx"
    write_tbx(out, _sample(), version="3")
    doc = etree.parse(str(out))
    assert rng.validate(doc), rng.error_log
    assert doc.getroot().tag == f"{{{TBX_NS}}}tbx"
    g = read_tbx(out)
    e = g.entries[0]
    assert [(t.text, t.lang, t.status, t.count) for t in e.terms] == [
        ("strategic stability", "en", "preferred", 5),
        ("стратегическая стабильность", "ru", "preferred", 5),
        ("стабильность в стратегической сфере", "ru", "admitted", 2)]
    assert e.subject == "international security"
    assert e.contexts["ru"] == "Стратегическая стабильность важна."
    assert g.entries[1].type == "person"


def test_starter_termbase_as_tbx_validates(tmp_path: Path, rng) -> None:  # type: ignore[no-untyped-def]
    from lxml import etree

    out = tmp_path / "tb.tbx"
    write_tbx(out, load_starter_termbase(), version="3")
    assert rng.validate(etree.parse(str(out))), rng.error_log
    assert len(read_tbx(out)) == len(load_starter_termbase())


def test_default_tbx_is_v2_martif_and_reads_back(tmp_path: Path) -> None:
    """The default is TBX v2 (what OmegaT 3.6, memoQ and MultiTerm import); it keeps what v3 keeps."""
    from lxml import etree

    out = tmp_path / "g.tbx"
    write_tbx(out, _sample())
    assert etree.parse(str(out)).getroot().tag == "martif"
    e = read_tbx(out).entries[0]
    assert [(t.text, t.lang, t.status) for t in e.terms] == [
        ("strategic stability", "en", "preferred"),
        ("стратегическая стабильность", "ru", "preferred"),
        ("стабильность в стратегической сфере", "ru", "admitted")]
    assert e.subject == "international security"


def test_reads_tbx_v2_martif(tmp_path: Path) -> None:
    p = tmp_path / "old.tbx"
    p.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc>
</fileDesc></martifHeader><text><body>
<termEntry id="e1"><descrip type="subjectField">sanctions</descrip>
 <langSet xml:lang="en"><tig><term>asset freeze</term>
   <termNote type="partOfSpeech">noun</termNote></tig></langSet>
 <langSet xml:lang="ru"><ntig><termGrp><term>замораживание активов</term>
   <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termGrp></ntig>
   <tig><term>блокирование активов</term>
   <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig></langSet>
</termEntry></body></text></martif>""", "utf-8")
    g = read_tbx(p)
    e = g.entries[0]
    assert e.subject == "sanctions"
    assert e.main_term("ru").text == "замораживание активов"  # type: ignore[union-attr]
    assert [t.status for t in e.terms_in("ru")] == ["preferred", "deprecated"]
    assert g.langs == ("en", "ru")


def test_broken_and_hostile_xml_raise_format_error(tmp_path: Path) -> None:
    broken = tmp_path / "b.tbx"
    broken.write_text("<tbx><text><body>", "utf-8")
    with pytest.raises(FormatError):
        read_tbx(broken)
    laughs = tmp_path / "l.tbx"
    laughs.write_text('<?xml version="1.0"?><!DOCTYPE tbx [<!ENTITY a "aaaaaaaaaa">'
                      '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
                      '<tbx><text><body><conceptEntry id="c"><langSec xml:lang="en"><termSec>'
                      '<term>&b;</term></termSec></langSec></conceptEntry></body></text></tbx>',
                      "utf-8")
    with pytest.raises(FormatError, match="DOCTYPE"):  # refused, as the README promises
        read_tbx(laughs)
    other = tmp_path / "o.tbx"
    other.write_text("<html/>", "utf-8")
    with pytest.raises(FormatError):
        read_tbx(other)
