"""The review page writer without a browser: structure, escaping, no lost text, highlights."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import html as lhtml
from review_sample import HOSTILE_SRC, sample

from parley.align.errors import OutputError
from parley.align.model import Bitext, TranslationUnit
from parley.exports.review import CHUNK_BEADS, bead_folder, write_review
from parley.glossary.findings import Finding
from parley.glossary.model import Glossary, Term, TermEntry


def _tree(path: Path) -> lhtml.HtmlElement:
    return lhtml.fromstring(path.read_text(encoding="utf-8"))


def _bead(tree: lhtml.HtmlElement, n: int) -> lhtml.HtmlElement:
    return tree.get_element_by_id(f"u{n}")


def test_self_contained_and_every_unit_rendered(seeds: Path, tmp_path: Path) -> None:
    bitext, glossary, findings = sample(seeds, limit=None)
    out = tmp_path / "r.html"
    write_review(out, bitext, glossary=glossary, findings=findings)
    text = out.read_text(encoding="utf-8")
    # nothing fetched from anywhere: no external src/href, no @import, no url()
    assert "@import" not in text and "url(" not in text and "<link" not in text
    tree = _tree(out)
    assert not tree.xpath("//*[@src]")
    assert {a.get("href")[:2] for a in tree.xpath("//*[@href]")} == {"#u"}
    beads = tree.xpath('//tbody[contains(@class, "bead")]')
    assert len(beads) == len(bitext)
    for tb, u in zip(beads, bitext.units, strict=True):
        src, tgt = tb.xpath('./tr[1]/td[contains(@class,"src") or contains(@class,"tgt")]')
        assert src.text_content() == (u.source or "— not in the original —")
        assert tgt.text_content() == (u.target or "— not in the translation —")


def test_hostile_text_is_escaped(seeds: Path, tmp_path: Path) -> None:
    bitext, _, _ = sample(seeds)
    out = tmp_path / "r.html"
    write_review(out, bitext, title='</title><script>alert(1)</script>')
    text = out.read_text(encoding="utf-8")
    assert "<script>alert" not in text and "<img" not in text
    assert text.count("<script>") == 1
    tree = _tree(out)
    assert tree.findtext(".//title").startswith("</title><script>alert(1)</script>")
    assert HOSTILE_SRC in [td.text_content() for td in tree.xpath("//td")]


def test_flags_counts_and_findings_inline(seeds: Path, tmp_path: Path) -> None:
    bitext, glossary, findings = sample(seeds)
    out = tmp_path / "r.html"
    write_review(out, bitext, glossary=glossary, findings=findings, low_confidence=0.5)
    tree = _tree(out)
    low = [i for i, u in enumerate(bitext.units)
           if u.source and u.target and u.confidence is not None and u.confidence < 0.5]
    gaps = [i for i, u in enumerate(bitext.units) if not u.source or not u.target]
    for i in low:
        assert "is-low" in _bead(tree, i + 1).classes
    for i in gaps:
        assert {"is-unaligned", "is-problem"} <= set(_bead(tree, i + 1).classes)
    assert "is-low" not in _bead(tree, 3).classes
    counts = {b.get("data-filter"): b.findtext('span[@class="count"]')
              for b in tree.xpath("//button[@data-filter]")}
    assert counts == {"all": str(len(bitext)), "low": str(len(low)), "unaligned": str(len(gaps)),
                      "findings": "2"}
    # the number finding sits under bead 2 and highlights "2018" in the source
    bead2 = _bead(tree, 2)
    assert "2018 is missing" in bead2.xpath('.//li[contains(@class,"sev-error")]')[0].text_content()
    assert [m.text_content() for m in bead2.xpath(".//mark")] == ["2018"]
    # a finding about no unit is listed in the header, not dropped
    assert "two entries for the same concept" in tree.xpath("//section[@class='general']")[0].text_content()


def test_glossary_terms_on_both_sides_inflected(tmp_path: Path) -> None:
    g = Glossary((TermEntry("e1", (Term("Foreign Minister", "en"), Term("министр иностранных дел", "ru"))),
                  TermEntry("e2", (Term("Russia", "en"), Term("Россия", "ru"))),
                  TermEntry("e3", (Term("foreign policy", "en"), Term("внешняя политика", "ru"),
                                   Term("иностранная политика", "ru", status="deprecated")))))
    bt = Bitext("en", "ru", (
        TranslationUnit("The FOREIGN MINISTER of Russia spoke.",
                        "Выступил министр иностранных дел России."),
        TranslationUnit("Foreign, minister: no.", "Об иностранной политике."),
    ))
    out = tmp_path / "r.html"
    write_review(out, bt, glossary=g)
    tree = _tree(out)
    terms = [(s.text_content(), s.get("title"), s.get("class"))
             for s in tree.xpath("//span[contains(@class,'term')]")]
    assert ("FOREIGN MINISTER", "Glossary: Foreign Minister = министр иностранных дел", "term") in terms
    assert ("министр иностранных дел", "Glossary: министр иностранных дел = Foreign Minister",
            "term") in terms
    assert ("России", "Glossary: Россия = Russia", "term") in terms
    assert ("Russia", "Glossary: Russia = Россия", "term") in terms
    # punctuation between the words: not the term
    assert not any(t[0].startswith("Foreign,") for t in terms)
    bad = [t for t in terms if "term-bad" in t[2]]
    assert bad and bad[0][0] == "иностранной политике" and "use внешняя политика" in bad[0][1]


def test_overlapping_marks_stay_nested_and_text_whole(tmp_path: Path) -> None:
    g = Glossary((TermEntry("e1", (Term("foreign policy", "en"), Term("внешняя политика", "ru"))),))
    src = "Our foreign policy is open."
    f = Finding("x", "warning", "overlap", unit=0, spans=(("source", 0, 12), ("source", 99, 120)))
    bt = Bitext("en", "ru", (TranslationUnit(src, "Наша внешняя политика открыта."),))
    out = tmp_path / "r.html"
    write_review(out, bt, glossary=g, findings=[f])
    td = _tree(out).xpath("//td[contains(@class,'src')]")[0]
    assert td.text_content() == src
    assert "".join(m.text_content() for m in td.xpath(".//mark")) == "Our foreign "
    assert "".join(s.text_content() for s in td.xpath(".//span[@class='term']")) == "foreign policy"


def test_unit_id_findings_and_out_of_range(tmp_path: Path) -> None:
    bt = Bitext("en", "fr", (TranslationUnit("a", "b", id="x1"), TranslationUnit("c", "d", id="x2")))
    fs = [Finding("r", "warning", "by id", unit_id="x2"), Finding("r", "error", "stray", unit=7)]
    out = tmp_path / "r.html"
    write_review(out, bt, findings=fs)
    tree = _tree(out)
    assert "by id" in _bead(tree, 2).text_content()
    assert "stray" in tree.xpath("//section[@class='general']")[0].text_content()


def test_refuses_to_overwrite_input(tmp_path: Path) -> None:
    src = tmp_path / "in.html"
    src.write_text("keep", encoding="utf-8")
    with pytest.raises(OutputError):
        write_review(src, Bitext("en", "ru", ()), protect=[src])
    assert src.read_text(encoding="utf-8") == "keep"


def test_empty_bitext(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    write_review(out, Bitext("en", "ru", ()))
    assert _tree(out).xpath('//tbody[contains(@class, "bead")]') == []


def _call(script: Path, name: str) -> list[Any]:
    """The arguments of the one ``parleyReview.NAME(...)`` call a bead file makes."""
    js = script.read_text(encoding="utf-8")
    head = f"parleyReview.{name}("
    assert js.startswith(head) and js.endswith(");\n")
    return json.loads("[" + js[len(head):-3] + "]")  # type: ignore[no-any-return]


def _all_rows(page: Path) -> tuple[list[str], str]:
    """Every bead's ``<tbody>`` HTML of a page, inline and from its bead files, and its token."""
    text = page.read_text(encoding="utf-8")
    token = re.search(r'data-token="([0-9a-f]+)"', text).group(1)  # type: ignore[union-attr]
    rows = re.findall(r'<tbody id="u\d+".*?</tbody>', text, flags=re.S)
    folder = bead_folder(page)
    files = sorted(folder.glob("beads-*.js")) if folder.is_dir() else []
    for k, f in enumerate(files, start=1):
        tok, kk, html_rows = _call(f, "rows")
        assert (tok, kk) == (token, k)
        part = re.findall(r'<tbody id="u\d+".*?</tbody>', html_rows, flags=re.S)
        tok, kk, texts = _call(f.with_name(f"text-{k:04d}.js"), "texts")
        assert (tok, kk) == (token, k) and len(part) == len(texts)
        rows += part
    return rows, token


def test_ten_thousand_beads_in_bead_files(tmp_path: Path) -> None:
    """Past the single-file size the page holds the first part and the rest lie in bead
    files beside it: every bead once, in order, with one problem digit each in the index."""
    units = tuple(TranslationUnit(f"Sentence {i} <x>.", "" if i % 97 == 0 else f"Фраза {i}.",
                                  confidence=(i % 10) / 10, paragraph=i // 5) for i in range(10_000))
    out = tmp_path / "big.review.html"
    write_review(out, Bitext("en", "ru", units))
    text = out.read_text(encoding="utf-8")
    assert text.count('<tbody id="u') == CHUNK_BEADS
    assert out.stat().st_size < 2_000_000
    rows, _ = _all_rows(out)
    assert [re.match(r'<tbody id="u(\d+)"', r).group(1) for r in rows] == [  # type: ignore[union-attr]
        str(i + 1) for i in range(10_000)]
    assert "Sentence 9999 &lt;x&gt;." in rows[-1]
    flags = re.search(r'data-flags="([0-7]*)"', text).group(1)  # type: ignore[union-attr]
    assert len(flags) == 10_000
    assert flags[0] == "2" and flags[4] == "1" and flags[9] == "0"  # unaligned, low, fine
    assert [f.name for f in sorted((tmp_path / "big.review").iterdir())][:2] == [
        "beads-0001.js", "beads-0002.js"]


def test_bead_files_replaced_atomically_and_never_over_others(tmp_path: Path) -> None:
    units = tuple(TranslationUnit(f"S{i}.", f"Ф{i}.") for i in range(25))
    out = tmp_path / "r.html"
    write_review(out, Bitext("en", "ru", units), single_max=10, chunk_beads=10)
    assert sorted(p.name for p in (tmp_path / "r").iterdir()) == [
        "beads-0001.js", "beads-0002.js", "text-0001.js", "text-0002.js"]
    _, first = _all_rows(out)
    write_review(out, Bitext("en", "ru", units[:22]), single_max=10, chunk_beads=10)
    rows, second = _all_rows(out)
    assert len(rows) == 22 and first != second  # the new page's own files, no stale ones
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp left
    write_review(out, Bitext("en", "ru", units[:3]), single_max=10, chunk_beads=10)
    assert not (tmp_path / "r").exists()  # a short page is one file again
    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputError, match="other files"):
        write_review(out, Bitext("en", "ru", units), single_max=10, chunk_beads=10)
    assert (tmp_path / "r" / "notes.txt").read_text(encoding="utf-8") == "mine"
    inp = tmp_path / "in"
    inp.mkdir()
    (inp / "beads-0001.js").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="input"):
        write_review(tmp_path / "in.html", Bitext("en", "ru", units), single_max=10,
                     chunk_beads=10, protect=[inp / "beads-0001.js"])
    assert (inp / "beads-0001.js").read_text(encoding="utf-8") == "x"


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pairs=st.lists(st.tuples(_text, _text), min_size=1, max_size=5))
def test_no_text_lost(tmp_path: Path, pairs: list[tuple[str, str]]) -> None:
    """Whatever the segments hold, each cell reads back as the segment (controls shown as
    their Unicode pictures, since HTML cannot carry them)."""
    out = tmp_path / "h.html"
    write_review(out, Bitext("en", "de", tuple(TranslationUnit(s, t) for s, t in pairs)))
    tree = _tree(out)

    def visible(s: str) -> str:
        s = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", lambda m: chr(0x2400 + ord(m.group())), s)
        return s.replace("\x7f", "\u2421").replace("\r\n", "\n").replace("\r", "\n")

    for n, (s, t) in enumerate(pairs, start=1):
        row = _bead(tree, n)
        src = row.xpath('./tr[1]/td[contains(@class,"src")]')[0].text_content()
        tgt = row.xpath('./tr[1]/td[contains(@class,"tgt")]')[0].text_content()
        assert src == (visible(s) if s else "— not in the original —")
        assert tgt == (visible(t) if t else "— not in the translation —")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_highlights_never_change_the_text(tmp_path: Path, data: st.DataObject) -> None:
    """Any mix of glossary terms and (possibly overlapping, out-of-range) finding spans keeps
    each cell's text exactly and the markup well nested."""
    words = ["policy", "foreign", "Russia", "<b>", "&", '"', " ", "  ", ".", "Foreign policy"]
    src = "".join(data.draw(st.lists(st.sampled_from(words), max_size=12)))
    spans = data.draw(st.lists(st.tuples(st.sampled_from(["source", "target", "src"]),
                                         st.integers(-2, 40), st.integers(-2, 40)), max_size=5))
    g = Glossary((TermEntry("e1", (Term("foreign policy", "en"), Term("policy", "ru")),
                            note='<i>"note"</i>'),
                  TermEntry("e2", (Term("Russia", "en"), Term("Россия", "ru")))))
    bt = Bitext("en", "ru", (TranslationUnit(src or "x", src or "y"),))
    out = tmp_path / "h.html"
    write_review(out, bt, glossary=g,
                 findings=[Finding("r", "warning", "m", unit=0, spans=tuple(spans))])
    tree = _tree(out)
    cells = tree.xpath('//tbody[@id="u1"]/tr[1]/td[contains(@class,"src") or contains(@class,"tgt")]')
    assert [c.text_content() for c in cells] == [src or "x", src or "y"]
    for el in cells[0].iter("span", "mark"):
        assert el.get("title") and "<i>" not in (el.text or "")


def test_documents_paragraphs_and_mt_marked(tmp_path: Path) -> None:
    bt = Bitext("en", "ru", (
        TranslationUnit("A.", "А.", document="one.txt", paragraph=0),
        TranslationUnit("B.", "Б.", document="one.txt", paragraph=1, origin="mt"),
        TranslationUnit("C.", "В.", document="two.txt", paragraph=0),
    ))
    out = tmp_path / "r.html"
    write_review(out, bt)
    tree = _tree(out)
    assert [t.text_content() for t in tree.xpath("//tbody[@class='doc']")] == ["one.txt", "two.txt"]
    assert "para-start" in _bead(tree, 2).classes and "para-start" not in _bead(tree, 3).classes
    assert _bead(tree, 2).xpath(".//span[contains(@class,'b-mt')]")
    assert not _bead(tree, 1).xpath(".//span[contains(@class,'b-mt')]")
