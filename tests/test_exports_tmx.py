# ruff: noqa: E501  (tool samples keep their original long lines)
"""TMX 1.4b specifics: DTD validity, header, language codes, streaming, hostile input, files
written by other tools (samples below are small hand-made files in each tool's style), inline
tags, and multi-language files; plus XLIFF files from other tools."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from parley.align.errors import FormatError, UsageError
from parley.align.model import Bitext, TranslationUnit
from parley.exports.registry import read_bitext, write_bitext
from parley.exports.tmx import TmxWriter, iter_tmx, read_tmx, write_units

DTD_PATH = Path(__file__).resolve().parents[2] / "shared" / "schemas" / "tmx14.dtd"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

OMEGAT = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx11.dtd">
<tmx version="1.1">
  <header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext"
    creationtoolversion="3.6.0_10" segtype="sentence" srclang="EN-US"/>
  <body>
    <tu>
      <tuv lang="EN-US">
        <seg>Hello &amp; welcome.</seg>
      </tuv>
      <tuv lang="RU-RU" changeid="anna" changedate="20240101T120000Z">
        <prop type="x-context">speech</prop>
        <seg>Здравствуйте и добро пожаловать.</seg>
      </tuv>
    </tu>
  </body>
</tmx>
"""

TRADOS = """<?xml version="1.0" encoding="utf-8"?>
<tmx version="1.4">
  <header creationtool="SDL Language Platform" creationtoolversion="8.0" o-tmf="SDL TM8 Format"
    datatype="xml" segtype="sentence" adminlang="en-US" srclang="en-US" creationdate="20200101T000000Z">
    <prop type="x-Recognizers">RecognizeAll</prop>
  </header>
  <body>
    <tu creationdate="20200101T000000Z" creationid="MFA\\anna" usagecount="0">
      <prop type="x-Client:SingleString">MFA</prop>
      <tuv xml:lang="en-US"><seg>The <bpt i="1" type="1" x="1"/>Minister<ept i="1"/> said.</seg></tuv>
      <tuv xml:lang="ru-RU"><seg><bpt i="1" type="1" x="1"/>Министр<ept i="1"/> сказал.</seg></tuv>
    </tu>
  </body>
</tmx>
"""

OKAPI = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="okapi" creationtoolversion="1.44" segtype="sentence"
o-tmf="okp" adminlang="en" srclang="en" datatype="html"></header><body>
<tu tuid="page_1"><prop type="Txt::FileName">page.html</prop><tuv xml:lang="en"><seg>Press<ph x="1">&lt;br/&gt;</ph>
here <it pos="begin" x="2">&lt;i&gt;</it>now <hi type="b">please</hi></seg></tuv><tuv xml:lang="ru"><seg>Нажмите<ph x="1">&lt;br/&gt;</ph>
здесь <it pos="begin" x="2">&lt;i&gt;</it>сейчас <hi type="b">пожалуйста</hi></seg></tuv></tu>
</body></tmx>
"""

MULTI = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x"
adminlang="en" srclang="*all*" datatype="plaintext"/><body>
<tu><tuv xml:lang="en"><seg>Peace</seg></tuv><tuv xml:lang="ru"><seg>Мир</seg></tuv><tuv xml:lang="fr"><seg>Paix</seg></tuv></tu>
</body></tmx>
"""

XXE = """<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x"
adminlang="en" srclang="en" datatype="plaintext"/><body>
<tu><tuv xml:lang="en"><seg>&secret;</seg></tuv><tuv xml:lang="ru"><seg>x</seg></tuv></tu></body></tmx>
"""

LAUGHS = '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n' + "".join(
    f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n' for i in range(1, 10)
) + "]>\n<tmx version=\"1.4\"><body><tu><tuv xml:lang=\"en\"><seg>&lol9;</seg></tuv></tu></body></tmx>\n"

XLIFF2 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ru">
 <file id="f1">
  <unit id="u1"><notes><note>title</note></notes>
   <segment id="s1"><source>Good morning.</source><target>Доброе утро.</target></segment>
   <segment id="s2"><source>Sit <ph id="1"/>down.</source><target>Садитесь<ph id="1"/>.</target></segment>
  </unit>
  <unit id="u2"><segment><source>Thanks.</source></segment></unit>
 </file>
</xliff>
"""

XLIFF12_MEMOQ = """<?xml version="1.0" encoding="utf-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="speech.docx" source-language="en-US" target-language="ru-RU" datatype="x-docx">
  <body>
   <trans-unit id="7"><source>The <g id="1">talks</g> ended.</source>
     <target state="translated">Переговоры <g id="1">завершились</g>.</target><note>checked</note></trans-unit>
   <trans-unit id="8"><source>Untranslated.</source></trans-unit>
  </body>
 </file>
</xliff>
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def _units() -> tuple[TranslationUnit, ...]:
    return (
        TranslationUnit(" Mr Lavrov spoke. ", "Г-н Лавров выступил.", id="s 1", confidence=0.93,
                        bead="1-1", document="lavrov.en.txt", paragraph=4, note="a note"),
        TranslationUnit("Thank you.", "Спасибо.", origin="mt", mt_model="argos-en-ru-1.9",
                        bead="2-1", props={"x-reviewer": "anna"}),
        TranslationUnit("Left out.", "", bead="1-0"),
        TranslationUnit("A" * 2001, "Б" * 10),
    )


@pytest.fixture(scope="module")
def dtd() -> etree.DTD:
    if not DTD_PATH.is_file():
        pytest.skip("../shared/schemas/tmx14.dtd is not beside the checkout")
    return etree.DTD(str(DTD_PATH))


def test_written_tmx_is_valid_tmx14(tmp_path: Path, dtd: etree.DTD) -> None:
    out = tmp_path / "a.tmx"
    write_bitext(out, Bitext("en", "ru", _units()))
    assert dtd.validate(etree.parse(str(out))), dtd.error_log.filter_from_errors()
    # inline tags read from another tool's TMX come back as valid TMX too
    src = read_tmx(_write(tmp_path, "okapi.tmx", OKAPI))
    write_bitext(tmp_path / "b.tmx", src)
    assert dtd.validate(etree.parse(str(tmp_path / "b.tmx"))), dtd.error_log.filter_from_errors()


def test_header_languages_tuids_and_props(tmp_path: Path) -> None:
    out = tmp_path / "a.tmx"
    report = write_bitext(out, Bitext("en", "ru", _units()), region=True)
    raw = out.read_bytes()
    assert raw.startswith(b"<?xml") and not raw.startswith(b"\xef\xbb\xbf")
    root = etree.parse(str(out)).getroot()
    h = root.find("header")
    assert h is not None
    for attr, want in {"creationtool": "parley", "segtype": "sentence", "o-tmf": "parley",
                       "adminlang": "en", "srclang": "en-US", "datatype": "plaintext"}.items():
        assert h.get(attr) == want
    assert h.get("creationtoolversion")
    assert re.fullmatch(r"\d{8}T\d{6}Z", h.get("creationdate") or "")
    tus = root.findall("body/tu")
    assert len(tus) == 3 == report.written and report.skipped_empty_side == 1
    assert report.long_segments == 1 and "tuid 3" in report.notes[0]
    tuids = [tu.get("tuid") for tu in tus]
    assert len(set(tuids)) == len(tuids) and all(t and " " not in t for t in tuids)
    for tu in tus:
        tuvs = tu.findall("tuv")
        assert [t.get(XML_LANG) for t in tuvs] == ["en-US", "ru-RU"]
        assert all((t.findtext("seg") or "").strip() == t.findtext("seg") for t in tuvs)
        assert all(t.findtext("seg") for t in tuvs)
    props = {p.get("type"): p.text for p in tus[0].findall("prop")}
    assert props == {"x-id": "s 1", "x-confidence": "0.93", "x-bead": "1-1", "x-origin": "human",
                     "x-document": "lavrov.en.txt", "x-paragraph": "4"}
    props = {p.get("type"): p.text for p in tus[1].findall("prop")}
    assert props["x-origin"] == "mt" and props["x-mt-model"] == "argos-en-ru-1.9"
    assert props["x-reviewer"] == "anna"


def test_streaming_writer_takes_a_generator(tmp_path: Path) -> None:
    gen = (TranslationUnit(f"Sentence {i}.", f"Предложение {i}.") for i in range(5000))
    report = write_units(tmp_path / "s.tmx", gen, "en", "ru")
    assert report.written == 5000
    assert sum(1 for _ in iter_tmx(tmp_path / "s.tmx", "en", "ru")) == 5000


def test_failed_write_leaves_no_file(tmp_path: Path) -> None:
    out = tmp_path / "x.tmx"
    with pytest.raises(RuntimeError), TmxWriter(out, "en", "ru") as w:
        w.write(TranslationUnit("a", "б"))
        raise RuntimeError("boom")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("sample", [XXE, LAUGHS])
def test_hostile_xml_is_refused_clearly(tmp_path: Path, sample: str) -> None:
    with pytest.raises(FormatError, match="entity declarations"):
        read_bitext(_write(tmp_path, "evil.tmx", sample), src_lang="en", tgt_lang="ru")


def test_broken_xml_is_a_format_error(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="broken XML"):
        read_bitext(_write(tmp_path, "b.tmx", OMEGAT[:300]), src_lang="en", tgt_lang="ru")


def test_reads_omegat_tmx11(tmp_path: Path) -> None:
    b = read_bitext(_write(tmp_path, "project_save.tmx", OMEGAT))
    assert (b.src_lang, b.tgt_lang) == ("EN-US", "RU-RU")
    assert [(u.source, u.target) for u in b] == [("Hello & welcome.", "Здравствуйте и добро пожаловать.")]
    assert dict(b.units[0].props) == {"x-context@RU-RU": "speech"}  # a tuv-level prop is kept
    # the user's short codes match region-qualified ones
    b = read_bitext(tmp_path / "project_save.tmx", src_lang="en", tgt_lang="ru")
    assert b.units[0].target.startswith("Здравствуйте")


def test_trados_inline_tags_survive_a_round_trip(tmp_path: Path) -> None:
    b = read_bitext(_write(tmp_path, "trados.tmx", TRADOS))
    u = b.units[0]
    assert u.source == "The ⟦s1⟧Minister⟦s2⟧ said."
    assert u.target == "⟦t1⟧Министр⟦t2⟧ сказал."
    assert u.props["x-Client:SingleString"] == "MFA"
    write_bitext(tmp_path / "again.tmx", b)
    again = read_bitext(tmp_path / "again.tmx")
    assert [(x.source, x.target, dict(x.props)) for x in again] == [(u.source, u.target, dict(u.props))]
    seg = etree.parse(str(tmp_path / "again.tmx")).find("body/tu/tuv/seg")
    assert seg is not None and [c.tag for c in seg] == ["bpt", "ept"]
    assert seg[0].attrib == {"i": "1", "type": "1", "x": "1"}


def test_okapi_ph_it_hi_kept(tmp_path: Path) -> None:
    u = read_bitext(_write(tmp_path, "okapi.tmx", OKAPI)).units[0]
    assert u.id == "page_1" and u.props["Txt::FileName"] == "page.html"
    assert u.source == "Press⟦s1⟧\nhere ⟦s2⟧now ⟦s3⟧"
    assert "&lt;br/&gt;" in u.props["inline:s1"] and u.props["inline:t3"].startswith("<hi")


def test_plain_text_that_looks_like_a_placeholder_stays_text(tmp_path: Path) -> None:
    b = Bitext("en", "ru", (TranslationUnit("see ⟦s1⟧", "см. ⟦s1⟧"),))
    write_bitext(tmp_path / "p.tmx", b)
    assert read_bitext(tmp_path / "p.tmx").units[0].source == "see ⟦s1⟧"


def test_several_languages_ask_for_the_pair(tmp_path: Path) -> None:
    p = _write(tmp_path, "multi.tmx", MULTI)
    with pytest.raises(UsageError, match="en, ru, fr"):
        read_bitext(p)
    with pytest.raises(UsageError, match="en, ru, fr"):
        read_bitext(p, src_lang="en")
    b = read_bitext(p, src_lang="en", tgt_lang="fr")
    assert [(u.source, u.target) for u in b] == [("Peace", "Paix")]


def test_missing_languages_for_tmx_writer(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="both languages"):
        write_bitext(tmp_path / "u.tmx", Bitext("und", "und", (TranslationUnit("a", "b"),)))


def test_reads_xliff2_segments(tmp_path: Path) -> None:
    b = read_bitext(_write(tmp_path, "a.xlf", XLIFF2))
    assert (b.src_lang, b.tgt_lang) == ("en", "ru")
    assert [(u.id, u.source, u.target) for u in b] == [
        ("u1/s1", "Good morning.", "Доброе утро."),
        ("u1/s2", "Sit ⟦s1⟧down.", "Садитесь⟦t1⟧."),
        ("u2", "Thanks.", ""),
    ]


def test_reads_xliff12_from_another_tool_and_keeps_g(tmp_path: Path) -> None:
    b = read_bitext(_write(tmp_path, "m.xliff", XLIFF12_MEMOQ))
    assert (b.src_lang, b.tgt_lang) == ("en-US", "ru-RU")
    u = b.units[0]
    assert (u.id, u.source, u.target, u.note) == ("7", "The ⟦s1⟧ ended.", "Переговоры ⟦t1⟧.", "checked")
    assert b.units[1].target == ""
    write_bitext(tmp_path / "back.xlf", b)
    root = etree.parse(str(tmp_path / "back.xlf")).getroot()
    g = root.find(".//{urn:oasis:names:tc:xliff:document:1.2}g")
    assert g is not None and g.text == "talks"
