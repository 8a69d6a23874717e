"""Reading inputs: encodings (short real sentences), line endings, .docx, .html, and the
one-line errors of the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from parley.align.errors import EncodingError, InputError
from parley.align.reader import read_document, read_text, split_paragraphs
from parley.cli import app

runner = CliRunner()

RU = [
    "Министр иностранных дел России заявил, что переговоры продолжатся в среду.",
    "Да, конечно.",
    "Щи да каша - пища наша.",
    "Объявление",
    "Ёлка",
    "С.В.Лавров: \"Нет\".",
]
FR = ["Le ministre a déclaré que les négociations reprendront à Genève.", "Où est-il ? À Paris.",
      "Ça va « bien »", "élève"]
DE = ["Der Außenminister äußerte sich über die Gespräche in München.", "Grüße aus Köln", "Straße"]
ES = ["¿Qué pasó? ¡Nada!", "Año"]


def _write(tmp_path: Path, data: bytes, name: str = "in.txt") -> Path:
    f = tmp_path / name
    f.write_bytes(data)
    return f


@pytest.mark.parametrize("text", RU)
@pytest.mark.parametrize("enc", ["cp1251", "koi8_r", "utf-8", "utf-8-sig", "utf-16"])
def test_russian_encodings_detected(tmp_path: Path, text: str, enc: str) -> None:
    doc = read_document(_write(tmp_path, text.encode(enc)))
    assert doc.text == text


@pytest.mark.parametrize("text", FR + DE + ES)
@pytest.mark.parametrize("enc", ["cp1252", "latin_1", "utf-8", "utf-16"])
def test_western_encodings_detected(tmp_path: Path, text: str, enc: str) -> None:
    doc = read_document(_write(tmp_path, text.encode(enc)))
    assert doc.text == text


@pytest.mark.parametrize("enc", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [RU[0], FR[0], "Plain ASCII text. Two sentences."])
def test_utf16_without_bom(tmp_path: Path, enc: str, text: str) -> None:
    doc = read_document(_write(tmp_path, text.encode(enc)))
    assert doc.text == text and doc.encoding == enc


def test_cp1252_only_punctuation(tmp_path: Path) -> None:
    text = "Le « prix » est de 5 € – c’est “cher”…"
    assert read_document(_write(tmp_path, text.encode("cp1252"))).text == text


def test_encoding_override(tmp_path: Path) -> None:
    # an all-capitals acronym is too short to tell KOI8-R from cp1251: the user can say
    f = _write(tmp_path, "ЦК КПСС".encode("koi8_r"))
    assert read_document(f, encoding="koi8-r").text == "ЦК КПСС"
    res = runner.invoke(app, ["segment", str(f), "--lang", "ru", "--encoding", "koi8-r"])
    assert res.exit_code == 0, res.stderr
    assert res.stdout == "ЦК КПСС\n"


def test_wrong_or_unknown_encoding_is_clear(tmp_path: Path) -> None:
    f = _write(tmp_path, "Привет".encode("cp1251"))
    with pytest.raises(EncodingError, match="not valid utf-8"):
        read_document(f, encoding="utf-8")
    with pytest.raises(EncodingError, match="unknown encoding"):
        read_document(f, encoding="klingon")


def test_line_endings_and_paragraph_offsets(tmp_path: Path) -> None:
    for nl in ("\r\n", "\r", "\n"):
        text = f"First para. Two.{nl}Second para.{nl}{nl}Third."
        doc = read_document(_write(tmp_path, text.encode("utf-8")))
        assert [p.text for p in doc.paragraphs] == ["First para. Two.", "Second para.", "Third."]
        for p in doc.paragraphs:
            assert doc.text[p.start : p.end] == p.text


def test_hard_wrapped_prose_uses_blank_lines() -> None:
    body = "This line is wrapped in the\nmiddle of a sentence and goes\non for a while until\nit ends."
    doc = read_text("\n\n".join([body] * 3), "en")
    assert len(doc.paragraphs) == 3


def test_nbsp_kept_in_records_normalised_in_txt(tmp_path: Path) -> None:
    text = "Mr.\u00a0Smith\u2009came.\u00a0It\u00a0rained."
    f = _write(tmp_path, text.encode("utf-8"))
    res = runner.invoke(app, ["segment", str(f), "--lang", "en", "-f", "jsonl"])
    recs = [json.loads(x) for x in res.stdout.splitlines()]
    assert [r["text"] for r in recs] == ["Mr.\u00a0Smith\u2009came.", "It\u00a0rained."]
    res = runner.invoke(app, ["segment", str(f), "--lang", "en"])
    assert res.stdout == "Mr. Smith came.\nIt rained.\n"


@pytest.mark.parametrize("enc", ["utf-8-sig", "cp1251", "utf-16"])
@pytest.mark.parametrize("fmt", ["jsonl", "tsv"])
def test_offsets_cut_back_out_of_decoded_text(tmp_path: Path, enc: str, fmt: str) -> None:
    text = "Заголовок\r\nПервое предложение. Второе — т. е. последнее.\r\n\r\nА. Гутерриш\tприбыл."
    f = _write(tmp_path, text.encode(enc))
    res = runner.invoke(app, ["segment", str(f), "--lang", "ru", "-f", fmt])
    assert res.exit_code == 0, res.stderr
    decoded = read_document(f).text
    assert decoded == text
    if fmt == "jsonl":
        rows = [json.loads(x) for x in res.stdout.splitlines()]
    else:
        lines = res.stdout.splitlines()
        head = lines[0].split("\t")
        rows = [dict(zip(head, x.split("\t"), strict=True)) for x in lines[1:]]
        for r in rows:
            r["text"] = r["text"].replace("\\t", "\t").replace("\\n", "\n").replace("\\\\", "\\")
    assert len(rows) == 4
    for r in rows:
        assert decoded[int(r["start"]) : int(r["end"])] == r["text"]


def test_docx_paragraphs_and_tables_in_order(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_heading("Statement by the Minister", level=1)
    d.add_paragraph("First paragraph. It has two sentences.")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Cell A1."
    table.cell(0, 1).text = "Cell B1."
    table.cell(1, 0).merge(table.cell(1, 1)).text = "Merged row."
    table.cell(0, 0).add_table(rows=1, cols=1).cell(0, 0).text = "Nested cell."
    d.add_paragraph("")
    d.add_paragraph("Last paragraph.")
    f = tmp_path / "speech.docx"
    d.save(str(f))
    doc = read_document(f)
    assert [p.text for p in doc.paragraphs] == [
        "Statement by the Minister", "First paragraph. It has two sentences.", "Cell A1.",
        "Nested cell.", "Cell B1.", "Merged row.", "Last paragraph.",
    ]
    for p in doc.paragraphs:
        assert doc.text[p.start : p.end] == p.text


def test_broken_docx_is_clear(tmp_path: Path) -> None:
    f = _write(tmp_path, b"PK\x03\x04 not really a zip", "bad.docx")
    res = runner.invoke(app, ["segment", str(f), "--lang", "en"])
    assert res.exit_code == 3
    assert "not a valid .docx" in res.stderr


HTML = """<!DOCTYPE html><html><head><meta charset="windows-1251"><title>Т</title>
<style>p {color: red}</style><script>var x = "Не текст.";</script></head>
<body><h1>Заявление МИД</h1><p>Первое предложение. Второе&nbsp;<b>жирное</b> предложение.</p>
<div hidden>Скрыто.</div><p style="display: none">Тоже скрыто.</p>
<ul><li>Пункт один</li><li>Пункт два</li></ul><!-- комментарий --><p>Конец &amp; всё.</p></body></html>
"""


def test_html_visible_text_by_block(tmp_path: Path) -> None:
    f = _write(tmp_path, HTML.encode("cp1251"), "page.html")
    doc = read_document(f)
    assert [p.text for p in doc.paragraphs] == [
        "Заявление МИД", "Первое предложение. Второе\u00a0жирное предложение.", "Пункт один",
        "Пункт два", "Конец & всё.",
    ]


def test_html_without_meta_charset_is_detected(tmp_path: Path) -> None:
    page = "<html><body><p>Да, конечно. Переговоры продолжатся.</p></body></html>"
    f = _write(tmp_path, page.encode("koi8_r"), "page.htm")
    assert read_document(f).paragraphs[0].text == "Да, конечно. Переговоры продолжатся."


# -- errors through the CLI: one line, documented exit code, no traceback ----------------------

def _cli_error(path: Path, *extra: str) -> str:
    res = runner.invoke(app, ["segment", str(path), "--lang", "en", *extra])
    assert res.exit_code == 3, (res.exit_code, res.stderr)
    assert res.stderr.count("\n") == 1, res.stderr
    assert "Traceback" not in res.stderr
    assert str(path.name) in res.stderr
    return res.stderr


def test_error_empty(tmp_path: Path) -> None:
    assert "empty" in _cli_error(_write(tmp_path, b" \n\r\n\t"))


def test_error_bom_only(tmp_path: Path) -> None:
    assert "no text" in _cli_error(_write(tmp_path, b"\xef\xbb\xbf\n"))


def test_error_binary(tmp_path: Path) -> None:
    assert "binary" in _cli_error(_write(tmp_path, bytes(range(256)) * 4, "blob.txt"))
    assert "PDF" in _cli_error(_write(tmp_path, b"%PDF-1.7\n%\xe2\xe3\n1 0 obj", "doc.txt"))


def test_error_undecodable(tmp_path: Path) -> None:
    f = _write(tmp_path, "Привет, мир.".encode("cp1251"))
    assert "not valid utf-8" in _cli_error(f, "--encoding", "utf-8")


def test_error_missing_and_directory(tmp_path: Path) -> None:
    assert "not found" in _cli_error(tmp_path / "none.txt")
    sub = tmp_path / "folder"
    sub.mkdir()
    assert "directory" in _cli_error(sub)


def test_library_raises_input_error_not_oserror(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        read_document(tmp_path)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*"ab .\u00a0\t", "\n", "\r\n", "\r", "\u2029"]), max_size=60).map("".join),
       st.sampled_from(["auto", "lines", "blank"]))
def test_paragraphs_cut_back_and_keep_all_text(text: str, mode: str) -> None:
    paras = split_paragraphs(text, mode)
    pos = 0
    for p in paras:
        assert text[p.start : p.end] == p.text and p.text.strip() == p.text and p.text
        assert p.start >= pos
        pos = p.end
    assert "".join("".join(p.text.split()) for p in paras) == "".join(text.split())
