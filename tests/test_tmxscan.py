# ruff: noqa: E501  (XML samples read best on one line)
"""The fast TMX scanner (parley.exports.tmxscan) against the lxml reader it stands in for: same units on
every file, the same errors on broken ones, and the lxml reader taking over where it must."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_exports_tmx import LAUGHS, MULTI, OKAPI, OMEGAT, TRADOS, XXE

from parley.align.errors import FormatError, InputError
from parley.align.model import TranslationUnit
from parley.exports import tmxscan
from parley.exports.tmx import TmxWriter, _iter_lxml, iter_tmx, write_units
from parley.exports.tmxscan import Fallback, scan_tmx

UNITS = (
    TranslationUnit("Mr Lavrov spoke.", "Г-н Лавров выступил.", id="s 1", confidence=0.93,
                    bead="1-1", document="lavrov.en.txt", paragraph=4, note="a note"),
    TranslationUnit("a & b <c> \"q\" 'a'", "x\ry\tz\n", origin="mt", mt_model="argos",
                    props={"x-reviewer": "anna & bob", "x-reviewer#2": "<c>"}),
    TranslationUnit("😀 ⟦s1⟧ \u2028", "ok", bead="2-1", props={"x-paragraph": "not a number"}),
)

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="x" '
        'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en" '
        'datatype="plaintext"/><body>\n')
TU = '<tu tuid="{0}"><tuv xml:lang="en"><seg>one {0}</seg></tuv><tuv xml:lang="ru"><seg>раз {0}</seg></tuv></tu>\n'
TAIL = "</body></tmx>\n"


def _file(tmp_path: Path, body: str, name: str = "t.tmx", head: str = HEAD) -> Path:
    p = tmp_path / name
    p.write_text(head + body + TAIL, encoding="utf-8")
    return p


def _lxml(path: Path, src: str = "en", tgt: str = "ru") -> list[TranslationUnit]:
    return list(_iter_lxml(path, src, tgt, {}))


def _same(path: Path, src: str = "en", tgt: str = "ru") -> list[TranslationUnit]:
    got = list(iter_tmx(path, src, tgt))
    assert got == _lxml(path, src, tgt)
    assert [type(u) for u in got] == [TranslationUnit] * len(got)
    return got


def test_parley_files_take_the_fast_path_and_match_lxml(tmp_path: Path) -> None:
    p = tmp_path / "p.tmx"
    write_units(p, UNITS, "en", "ru")
    fast = list(scan_tmx(p, "en", "ru", {}))  # no Fallback raised
    assert fast == _lxml(p)
    assert fast[1].source == "a & b <c> \"q\" 'a'" and fast[1].target == "x\ry\tz"
    assert dict(fast[1].props) == {"x-reviewer": "anna & bob", "x-reviewer#2": "<c>"}
    assert fast[0].id == "s 1" and fast[0].note == "a note" and fast[0].paragraph == 4
    _same(p)


@pytest.mark.parametrize(("sample", "src", "tgt"), [
    (OMEGAT, "EN-US", "RU-RU"), (TRADOS, "en-US", "ru-RU"), (OKAPI, "en", "ru"), (MULTI, "en", "fr"),
    (OMEGAT, "en", "ru"), (MULTI, "ru", "en"),
])
def test_other_tools_files_match_lxml(tmp_path: Path, sample: str, src: str, tgt: str) -> None:
    p = tmp_path / "o.tmx"
    p.write_text(sample, encoding="utf-8")
    assert _same(p, src, tgt)


def test_omegat_tuv_props_are_read_by_the_scanner(tmp_path: Path) -> None:
    p = tmp_path / "o.tmx"
    p.write_text(OMEGAT, encoding="utf-8")
    (u,) = scan_tmx(p, "en", "ru", {})
    assert dict(u.props) == {"x-context@RU-RU": "speech"}


@pytest.mark.parametrize("body", [
    TU.format(1) + "<!-- a comment -->\n" + TU.format(2),
    TU.format(1) + '<other a="1"/>\n' + TU.format(2),
    TU.format(1) + '<tu><tuv xml:lang="en"><seg><![CDATA[</tu> & <]]></seg></tuv></tu>\n',
    TU.format(1) + '<tu><tuv xml:lang="en"><seg>a</seg></tuv><?pi x?></tu>' + TU.format(3),
    TU.format(1) + "<tu tuid='2'><tuv lang='en'><seg>single quotes</seg></tuv></tu>",
    TU.format(1) + '<tu tuid="a&amp;b"><tuv xml:lang="en"><seg>x</seg></tuv><tuv xml:lang="ru"><seg>y</seg></tuv></tu>',
    TU.format(1) + '<tu><tuv xml:lang="en"><seg>1 &gt; 0 > -1</seg></tuv><tuv xml:lang="ru"><seg/></tuv></tu>',
    '<tu><note>n1</note><prop type="a">1</prop><note>n2</note><tuv xml:lang="en"><note>tn</note>'
    '<prop type="">e</prop><seg>x &#x1F600; &#169;</seg></tuv><tuv xml:lang="ru"><seg>y</seg></tuv></tu>',
    '<tu xmlns:foo="urn:x" foo:a="1"><tuv xml:lang="en"><seg>x</seg></tuv><tuv xml:lang="ru"><seg>y</seg></tuv></tu>',
])
def test_unusual_blocks_give_the_same_units(tmp_path: Path, body: str) -> None:
    _same(_file(tmp_path, body))


_SEGS = '<tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="ru"><seg>b</seg></tuv></tu>\n'


@pytest.mark.parametrize("props", [
    '<prop type="x-confidence">1.2.3</prop><prop type="x-bead">1-1</prop><prop type="x-paragraph">007</prop>',
    '<prop type="x-confidence">0.5</prop><prop type="x-confidence">0.7</prop><prop type="x-paragraph">1</prop><prop type="x-paragraph">2</prop>',
    '<prop type="x-confidence"></prop><prop type="x-paragraph">3</prop>',
    '<prop type="x-confidence">.</prop><prop type="x-id">q</prop><prop type="x-paragraph">x</prop>',
    '<prop type="x-confidence">0.25</prop><note>n</note><prop type="x-paragraph">4</prop>',
    '<prop type="x-confidence">0.25</prop><prop type="x-paragraph">4</prop><prop type="x-paragraph">5x</prop>',
    '<prop type="x-confidence">1e-05</prop><prop type="x-paragraph">9</prop>',
    '<prop type="x-confidence">-.5E+1</prop>',
    '<prop type="x-confidence">1-1</prop><prop type="x-paragraph">' + "1" * 5000 + "</prop>",
    '<prop type="x-paragraph">6</prop>',
    '<prop type="x-paragraph">1</prop><prop type="x-bead">1-1</prop><prop type="x-paragraph">2</prop>',
    '<prop type="x-paragraph">1</prop><prop type="x-bead">1-1</prop>',
    '<prop type="x-confidence">0.5</prop><prop type="x-bead">1-1</prop><prop type="x-confidence">0.7</prop>',
    '<prop type="x-confidence">0.5</prop><prop type="x-id">q</prop><prop type="x-confidence">x</prop><prop type="x-paragraph">3</prop>',
    # parley's own layout: the unit's id first, then its confidence (the x-id shortcut)
    '<prop type="x-id">17</prop><prop type="x-confidence">0.5</prop><prop type="x-bead">1-1</prop><prop type="x-paragraph">3</prop>',
    '<prop type="x-id">17</prop><prop type="x-confidence">0.5</prop><prop type="x-id">18</prop><prop type="x-paragraph">3</prop>',
    '<prop type="x-id">17</prop><prop type="x-confidence">0.5x</prop><prop type="x-paragraph">3</prop>',
    '<prop type="x-id">a b</prop><prop type="x-confidence">1e-3</prop><prop type="x-confidence">0.7</prop>',
    '<prop type="x-id"></prop><prop type="x-confidence">0.5</prop><note>n</note><prop type="x-paragraph">2</prop>',
    '<prop type="x-id">17</prop><prop type="x-confidence">0.5</prop><prop type="x-paragraph">3</prop><prop type="x-paragraph">4</prop>',
])
def test_parley_prop_shortcuts_match_lxml(tmp_path: Path, props: str) -> None:
    p = _file(tmp_path, "".join(f'<tu tuid="{i}">{props}{_SEGS}' for i in range(3)))
    assert len(_same(p)) == 3
    assert list(scan_tmx(p, "en", "ru", {})) == _lxml(p)  # no Fallback raised
    tuv_items = _SEGS.replace('<seg>a', '<prop type="t">v</prop><seg>a')
    assert len(_same(_file(tmp_path, "".join(f'<tu tuid="{i}">{props}{tuv_items}' for i in range(3))))) == 3


@pytest.mark.parametrize(("raw", "why"), [
    (HEAD.replace("UTF-8", "ISO-8859-1").encode() + b"<tu><tuv xml:lang='en'><seg>caf\xe9</seg></tuv></tu>"
     + TAIL.encode(), "latin-1"),
    ((HEAD + TU.format(1) + TAIL).encode("utf-16"), "utf-16"),
    ((HEAD + TU.format(1) + "<!-- c -->" + TAIL).encode(), "comment after the units"),
    (HEAD.replace("<tmx ", '<tmx xmlns="urn:x" ').encode() + (TU.format(1) + TAIL).encode(), "namespace"),
])
def test_whole_file_fallback(tmp_path: Path, raw: bytes, why: str) -> None:
    p = tmp_path / "f.tmx"
    p.write_bytes(raw)
    with pytest.raises(Fallback):
        list(scan_tmx(p, "en", "ru", {}))
    _same(p)


def test_crlf_and_chunk_boundaries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    body = "".join(TU.format(i) for i in range(40)).replace("\n", "\r\n")
    body += '<tu><tuv xml:lang="en"><seg>a\r\nb\rc&#13;</seg></tuv><tuv xml:lang="ru"><seg>é</seg></tuv></tu>'
    body += '<tu><tuv xml:lang="en"><seg>x<ph>y</ph></seg></tuv><tuv xml:lang="ru"><seg>z</seg></tuv></tu>'
    p = _file(tmp_path, body)
    want = _same(p)
    assert want[40].source == "a\nb\nc\r" and want[41].source == "x⟦s1⟧"
    for size in (7, 64, 333):  # pieces end inside tags, inside UTF-8 sequences, between CR and LF
        monkeypatch.setattr(tmxscan, "CHUNK", size)
        assert list(scan_tmx(p, "en", "ru", {})) == want


BROKEN: list[tuple[str, Callable[[str], str]]] = [
    ("mismatched tag", lambda b: b.replace("</seg></tuv><tuv", "</sag></tuv><tuv", 1)),
    ("unclosed tu", lambda b: b.replace("</tu>", "", 1)),
    ("bad char ref", lambda b: b.replace("one 1", "one &#1;")),
    ("undefined entity", lambda b: b.replace("one 1", "one &nbsp;")),
    ("bare ampersand", lambda b: b.replace("one 1", "a & b")),
    ("control char", lambda b: b.replace("one 1", "one \x01")),
    ("cdata end", lambda b: b.replace("one 1", "a ]]> b")),
    ("U+FFFF", lambda b: b.replace("one 1", "a \uffff")),
    ("duplicate attribute", lambda b: b.replace('<tuv xml:lang="en">', '<tuv xml:lang="en" a="1" a="2">', 1)),
    ("text after the end", lambda b: b + "<tu>"),
    ("prop closed as note", lambda b: b.replace('<tu tuid="1">', '<tu tuid="1"><prop type="a">v</note>')),
    ("prop type with a bare &", lambda b: b.replace('<tu tuid="1">', '<tu tuid="1"><prop type="a&b">v</prop>')),
    ("no end", lambda b: b.replace(TAIL, "")),
]


@pytest.mark.parametrize(("why", "damage"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_files_are_format_errors(tmp_path: Path, why: str, damage: Callable[[str], str]) -> None:
    p = tmp_path / "b.tmx"
    p.write_text(damage(HEAD + "".join(TU.format(i) for i in range(5)) + TAIL), encoding="utf-8")
    with pytest.raises(FormatError, match="broken XML"):
        list(iter_tmx(p, "en", "ru"))


def test_invalid_utf8_is_a_format_error(tmp_path: Path) -> None:
    p = tmp_path / "b.tmx"
    p.write_bytes((HEAD + TU.format(1)).encode() + b"<tu><tuv xml:lang='en'><seg>\xff</seg></tuv></tu>"
                  + TAIL.encode())
    with pytest.raises(FormatError):
        list(iter_tmx(p, "en", "ru"))


def test_truncated_anywhere_is_a_format_error(tmp_path: Path) -> None:
    p = tmp_path / "w.tmx"
    write_units(p, UNITS * 3, "en", "ru")
    raw = p.read_bytes()
    end = raw.rindex(b"</tmx>")
    for cut in range(raw.index(b"<body>"), end, 37):
        p.write_bytes(raw[:cut])
        with pytest.raises(FormatError):
            list(iter_tmx(p, "en", "ru"))


@pytest.mark.parametrize("sample", [XXE, LAUGHS])
def test_hostile_xml_still_refused(tmp_path: Path, sample: str) -> None:
    p = tmp_path / "evil.tmx"
    p.write_text(sample, encoding="utf-8")
    with pytest.raises(FormatError, match="entity declarations"):
        list(iter_tmx(p, "en", "ru"))


_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(us=st.lists(st.builds(TranslationUnit, source=_text, target=_text,
                             note=st.none() | _text, props=st.dictionaries(_text, _text, max_size=2)),
                   max_size=6))
def test_fast_path_equals_lxml_on_anything_written(tmp_path: Path, us: list[TranslationUnit]) -> None:
    p = tmp_path / "h.tmx"
    write_units(p, us, "en", "ru")
    _same(p)


_any_text = st.text(st.one_of(st.characters(), st.sampled_from(["\x00", "\r", "&", "<", ">", " ", "\ufffe"])),
                    max_size=20)


def _written(path: Path, us: list[TranslationUnit], general: bool) -> tuple[bytes, object]:
    with TmxWriter(path, "en", "ru") as w:
        write = w._write_any if general else w.write
        for u in us:
            write(u)
    return re.sub(rb'creationdate="[^"]*"', b"", path.read_bytes()), replace(w.report, path=Path())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(us=st.lists(st.builds(
    TranslationUnit, source=_any_text, target=_any_text, id=st.none() | _any_text,
    confidence=st.none() | st.floats(0, 1), bead=st.none() | st.sampled_from(["1-1", "2-1", "1-0"]),
    origin=st.sampled_from(["human", "mt"]), mt_model=st.none() | _any_text,
    document=st.none() | _any_text, paragraph=st.none() | st.integers(0, 9)), max_size=6))
def test_fast_writer_gives_the_same_file_and_report(tmp_path: Path, us: list[TranslationUnit]) -> None:
    assert _written(tmp_path / "a.tmx", us, False) == _written(tmp_path / "b.tmx", us, True)


@pytest.mark.parametrize(("raw", "want"), [
    ("a &amp;lt; b", "a &lt; b"), ("&#38;lt;", "&lt;"), ("&lt;&gt;&quot;&apos;&amp;", "<>\"'&"),
    ("&#x1F600;&#169;", "😀©"), ("&&lt;", None), ("a & b", None), ("&nbsp;", None), ("&#0;", None),
    ("&#xD800;", None), ("&amp", None), ("&#1114112;", None),
])
def test_seg_text_resolves_or_hands_over(raw: str, want: str | None) -> None:
    if want is None:
        with pytest.raises(Fallback):
            tmxscan.seg_text(raw)
    else:
        assert tmxscan.seg_text(raw) == want


def test_missing_empty_or_unreadable_paths_are_input_errors(tmp_path: Path) -> None:
    (tmp_path / "empty.tmx").write_bytes(b"")
    for path in (tmp_path / "missing.tmx", tmp_path / "empty.tmx", tmp_path):
        with pytest.raises(InputError):
            list(iter_tmx(path, "en", "ru"))


def test_varying_metadata_and_mixed_items_match_lxml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Confidence and paragraph differ per unit (the item caches miss, then stop); some units
    add notes, other tools' props, an x-id, a value that does not convert, indentation."""
    monkeypatch.setattr(tmxscan, "_MAX_CACHE", 8)
    us = [TranslationUnit(f"s{i} &", f"t{i}", confidence=(i % 97) / 97, paragraph=i // 3, bead="1-1",
                          document="d.txt", id=None if i % 5 else f"id{i}",
                          note="n" if i % 7 == 0 else None,
                          props={"x-paragraph": "x"} if i % 11 == 0 else {"x-k": "v"} if i % 13 == 0 else {})
          for i in range(300)]
    p = tmp_path / "v.tmx"
    write_units(p, us, "en", "ru")
    got = _same(p)
    assert [(u.source, u.paragraph, u.note, u.id) for u in got] == [
        (u.source, u.paragraph, u.note, u.id or str(i + 1)) for i, u in enumerate(us)]
    assert got[11].props == {"x-paragraph": "x"} and got[13].props == {"x-k": "v"}
    indented = _file(tmp_path, '<tu tuid="7">\n  <prop type="x-confidence">0.5</prop>\n  <prop type="x-paragraph">x</prop>'
                     '\n  <tuv xml:lang="en"><seg>a</seg></tuv>\n  <tuv xml:lang="ru"><seg>b</seg></tuv>\n</tu>\n' * 3)
    assert [u.confidence for u in _same(indented)] == [0.5] * 3


def test_language_pair_from_the_header_of_a_big_parley_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A header naming the pair, confirmed by the first units, spares the whole-file pass; a
    third language among those units, or a header that names no pair, still gets that pass."""
    from parley.align.errors import UsageError
    from parley.exports import tmx

    p = tmp_path / "big.tmx"
    write_units(p, (TranslationUnit(f"s {i}", f"т {i}", confidence=0.5, paragraph=i) for i in range(6000)),
                "en", "ru")
    assert p.stat().st_size > 1 << 20
    full = tmx.tmx_languages
    calls: list[Path] = []

    def counted(path: Path) -> tuple[str | None, list[str]]:
        calls.append(path)
        return full(path)

    monkeypatch.setattr(tmx, "tmx_languages", counted)
    assert tmx.resolve_pair(p, None, None) == ("en", "ru") and calls == []
    assert tmx.read_tmx(p).units[5999].paragraph == 5999 and calls == []
    text = p.read_text(encoding="utf-8")
    third = p.with_name("third.tmx")
    third.write_text(text.replace('xml:lang="ru"><seg>т 7<', 'xml:lang="de"><seg>т 7<'), encoding="utf-8")
    with pytest.raises(UsageError, match="en, ru, de"):
        tmx.resolve_pair(third, None, None)
    assert calls == [third]
    plain = p.with_name("plain.tmx")
    plain.write_text(re.sub(r'<prop type="x-target-language">ru</prop>', "", text, count=1), encoding="utf-8")
    assert tmx.resolve_pair(plain, None, None) == ("en", "ru") and calls == [third, plain]
