"""Bitext TSV/CSV: a first line of language codes is a header everywhere, never unit 1; a file
without a header is read only with -s/-t, never by silently dropping its first line."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from parley.align.errors import UsageError
from parley.cli import app
from parley.exports.registry import read_bitext


@pytest.mark.parametrize(("name", "text"), [("a.tsv", "en-GB\tru-RU\nPeace.\tМир.\nWar.\tВойна.\n"),
                                            ("a.csv", "en-GB,ru-RU\nPeace.,Мир.\nWar.,Война.\n")])
def test_language_code_header_is_a_header_with_or_without_languages(tmp_path: Path, name: str,
                                                                    text: str) -> None:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    for kw in ({}, {"src_lang": "en", "tgt_lang": "ru"}):
        bt = read_bitext(p, **kw)
        assert [u.source for u in bt.units] == ["Peace.", "War."]
    assert (read_bitext(p).src_lang, read_bitext(p).tgt_lang) == ("en-GB", "ru-RU")


def test_headerless_tsv_needs_languages(tmp_path: Path) -> None:
    p = tmp_path / "a.tsv"
    p.write_text("Yes.\tДа.\nNo.\tНет.\n", encoding="utf-8")
    with pytest.raises(UsageError, match="no header"):
        read_bitext(p)
    assert [u.source for u in read_bitext(p, src_lang="en", tgt_lang="ru").units] == ["Yes.", "No."]


def test_headerless_tsv_is_an_error_on_the_command_line(tmp_path: Path) -> None:
    p = tmp_path / "a.tsv"
    p.write_text("Yes.\tДа.\nNo.\tНет.\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["convert", str(p), str(tmp_path / "a.tmx")])
    assert res.exit_code == 2 and "no header" in res.stderr
